/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * api.c: the explorer's JSON API (api.h): requests checked on the main
 * thread, searches run as jobs, answers written by the very writers the
 * commands use (write/), in the same order and with the same additions
 * as src/cli/cmd-solve.c, cmd-evaluate.c and cmd-explain.c.
 */
#include "api.h"

#include <string.h>

#include <redline/explain.h>

#include "write/write-csv.h"
#include "write/write-explain.h"
#include "write/write-json.h"
#include "write/write-sensitivity.h"
#include "write/write-stability.h"
#include "write/write-text.h"

/* The members a request may have, besides "changes" and "format". */
typedef enum {
  M_RANK = 1 << 0,
  M_TOP = 1 << 1,
  M_FRONTIER = 1 << 2,
  M_ONLY_TOP = 1 << 3,
  M_IGNORE_BATNA = 1 << 4,
  M_MAX = 1 << 5,
  M_DEAL = 1 << 6,
  M_PACKAGES = 1 << 7,
  M_OPTIONAL_DEAL = 1 << 8,  /* with M_DEAL: "deal" may be left out */
  M_SAMPLES = 1 << 9,
  M_SEED = 1 << 10,
  M_MARGINS = 1 << 11,
  M_CONCENTRATION = 1 << 12,
  M_VALUE_NOISE = 1 << 13,
  M_BATNA_NOISE = 1 << 14,
  M_STEP_BATNA = 1 << 15,
  M_STEP_WEIGHT = 1 << 16,
  M_STEP_VALUE = 1 << 17,
} Member;

#define M_SENSITIVITY_NUMBERS (M_CONCENTRATION | M_VALUE_NOISE | M_BATNA_NOISE | M_STEP_BATNA \
                               | M_STEP_WEIGHT | M_STEP_VALUE)

typedef enum {
  F_JSON = 1 << 0,
  F_TEXT = 1 << 1,
  F_CSV = 1 << 2,
} Format;

static const struct {
  Format format;
  const char *name;
  const char *content_type;
} formats[] = {
  { F_JSON, "json", "application/json" },
  { F_TEXT, "text", "text/plain; charset=utf-8" },
  { F_CSV, "csv", "text/csv; charset=utf-8" },
};

struct _RlApiRequest {
  const RlApiEndpoint *endpoint;
  RlScenario *sc;
  char *file;
  RlRunOptions run;
  RlChanges *changes;
  Format format;
  char *rank;            /* NULL: nash */
  guint top;
  gboolean frontier;
  gboolean only_top;
  gboolean ignore_batna;
  guint max;
  char *deal;
  char *packages;        /* NULL: acceptable */
  /* sensitivity: what was given, over rl_sensitivity_options_init()'s */
  Member given;
  guint samples;
  guint64 seed;
  gboolean margins;
  double numbers[6];     /* concentration, the noises, the steps */
};

typedef void (*RunFunc) (RlJob *job, const RlApiRequest *req, RlScenario *sc);

struct _RlApiEndpoint {
  const char *path;
  const char *command;   /* its command, for messages */
  Member members;
  Format formats;
  RunFunc run;
};

static void run_solve (RlJob *job, const RlApiRequest *req, RlScenario *sc);
static void run_explain (RlJob *job, const RlApiRequest *req, RlScenario *sc);
static void run_evaluate (RlJob *job, const RlApiRequest *req, RlScenario *sc);
static void run_stability (RlJob *job, const RlApiRequest *req, RlScenario *sc);
static void run_sensitivity (RlJob *job, const RlApiRequest *req, RlScenario *sc);

/* One row per command the API answers. */
static const RlApiEndpoint endpoints[] = {
  { "/api/solve", "solve", M_RANK | M_TOP | M_FRONTIER | M_ONLY_TOP | M_IGNORE_BATNA,
    F_JSON | F_TEXT | F_CSV, run_solve },
  { "/api/explain", "explain", M_RANK | M_MAX, F_JSON | F_TEXT | F_CSV, run_explain },
  { "/api/evaluate", "evaluate", M_DEAL, F_JSON | F_TEXT | F_CSV, run_evaluate },
  { "/api/stability", "stability", M_RANK | M_TOP | M_PACKAGES | M_DEAL | M_OPTIONAL_DEAL,
    F_JSON | F_TEXT | F_CSV, run_stability },
  { "/api/sensitivity", "sensitivity",
    M_RANK | M_TOP | M_SAMPLES | M_SEED | M_MARGINS | M_SENSITIVITY_NUMBERS,
    F_JSON | F_TEXT | F_CSV, run_sensitivity },
};

static const struct {
  Member member;
  const char *name;
  GType type;           /* G_TYPE_STRING, G_TYPE_INT64 or G_TYPE_BOOLEAN */
} member_names[] = {
  { M_RANK, "rank", G_TYPE_STRING },
  { M_TOP, "top", G_TYPE_INT64 },
  { M_FRONTIER, "frontier", G_TYPE_BOOLEAN },
  { M_ONLY_TOP, "only_top", G_TYPE_BOOLEAN },
  { M_IGNORE_BATNA, "ignore_batna", G_TYPE_BOOLEAN },
  { M_MAX, "max", G_TYPE_INT64 },
  { M_DEAL, "deal", G_TYPE_STRING },
  { M_PACKAGES, "packages", G_TYPE_STRING },
  { M_SAMPLES, "samples", G_TYPE_INT64 },
  { M_SEED, "seed", G_TYPE_INT64 },
  { M_MARGINS, "margins", G_TYPE_BOOLEAN },
  { M_CONCENTRATION, "concentration", G_TYPE_DOUBLE },
  { M_VALUE_NOISE, "value_noise", G_TYPE_DOUBLE },
  { M_BATNA_NOISE, "batna_noise", G_TYPE_DOUBLE },
  { M_STEP_BATNA, "step_batna", G_TYPE_DOUBLE },
  { M_STEP_WEIGHT, "step_weight", G_TYPE_DOUBLE },
  { M_STEP_VALUE, "step_value", G_TYPE_DOUBLE },
};

/* The ranges of the sensitivity numbers, as `redline sensitivity` takes
 * them (cmd-sensitivity.c); in the order of RlApiRequest.numbers. */
static const struct {
  Member member;
  double min, max;
  gboolean open;         /* above min, not at it */
} number_ranges[] = {
  { M_CONCENTRATION, 0, 1e6, FALSE },
  { M_VALUE_NOISE, 0, 10, FALSE },
  { M_BATNA_NOISE, 0, 10, FALSE },
  { M_STEP_BATNA, 0, 1, TRUE },
  { M_STEP_WEIGHT, 0, 10, TRUE },
  { M_STEP_VALUE, 0, 2, TRUE },
};

const RlApiEndpoint *
rl_api_find (const char *path)
{
  for (guint k = 0; k < G_N_ELEMENTS (endpoints); k++)
    if (strcmp (endpoints[k].path, path) == 0)
      return &endpoints[k];
  return NULL;
}

static gboolean G_GNUC_PRINTF (2, 3)
invalid (GError **error, const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  g_autofree char *message = g_strdup_vprintf (format, ap);
  va_end (ap);
  g_set_error_literal (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT, message);
  return FALSE;
}

static gboolean
is_json_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* What json-glib 1.6 must never see: it recurses once per level (a body
 * of 64 KiB of '[' would be 65,536 frames deep), and a second value after
 * the first ("{} {}", "2{}") makes it leak the first. So the body is
 * measured first, outside strings and without recursion: one object,
 * nested at most RL_API_MAX_DEPTH deep, then only white space. */
static gboolean
shape_ok (const char *data, gsize len, GError **error)
{
  gsize k = 0;
  while (k < len && is_json_space (data[k]))
    k++;
  if (k == len || data[k] != '{')
    return invalid (error, "the body must be a JSON object, such as {\"changes\": []}");
  guint depth = 0;
  gboolean in_string = FALSE;
  for (; k < len; k++)
    {
      char c = data[k];
      if (in_string)
        {
          if (c == '\\')
            k++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > RL_API_MAX_DEPTH)
            return invalid (error, "the body nests arrays or objects more than %d deep",
                            RL_API_MAX_DEPTH);
        }
      else if ((c == ']' || c == '}') && depth > 0 && --depth == 0)
        break;
    }
  /* After the object's end (or an object left open, which the parser
   * refuses): nothing but white space. */
  for (k++; k < len; k++)
    if (!is_json_space (data[k]))
      return invalid (error, "the body holds more than one JSON value: one object only");
  return TRUE;
}

JsonNode *
rl_api_parse_object (const char *data, gsize len, GError **error)
{
  if (len == 0)
    {
      invalid (error, "the request has no body: send a JSON object");
      return NULL;
    }
  if (!g_utf8_validate (data, (gssize) len, NULL))
    {
      invalid (error, "the body is not UTF-8 text");
      return NULL;
    }
  if (!shape_ok (data, len, error))
    return NULL;
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autoptr (GError) parse_error = NULL;
  if (!json_parser_load_from_data (parser, data, (gssize) len, &parse_error))
    {
      invalid (error, "the body is not valid JSON: %s", parse_error->message);
      return NULL;
    }
  JsonNode *root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      invalid (error, "the body must be a JSON object, such as {\"changes\": []}");
      return NULL;
    }
  return json_node_copy (root);
}

RlChanges *
rl_api_parse_changes (JsonNode *array, GError **error)
{
  g_autoptr (RlChanges) changes = rl_changes_new ();
  if (array == NULL || JSON_NODE_HOLDS_NULL (array))
    return g_steal_pointer (&changes);
  if (!JSON_NODE_HOLDS_ARRAY (array))
    {
      invalid (error, "\"changes\" must be an array of strings, such as [\"relax P/R\"]");
      return NULL;
    }
  JsonArray *a = json_node_get_array (array);
  guint n = json_array_get_length (a);
  if (n > RL_API_MAX_CHANGES)
    {
      invalid (error, "\"changes\" holds %u changes; at most %d are taken", n, RL_API_MAX_CHANGES);
      return NULL;
    }
  static const char *const kinds[] = { "relax", "set", "require", "fix", "exclude", "without" };
  for (guint k = 0; k < n; k++)
    {
      JsonNode *item = json_array_get_element (a, k);
      if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
        {
          invalid (error, "changes[%u] must be a string, such as \"relax P/R\"", k);
          return NULL;
        }
      const char *text = json_node_get_string (item);
      /* "KIND VALUE": the kind is the first word. */
      while (*text == ' ')
        text++;
      gsize word = strcspn (text, " ");
      g_autofree char *kind_name = g_strndup (text, word);
      RlChangeKind kind;
      if (!rl_change_kind_from_name (kind_name, &kind))
        {
          g_autofree char *hint = rl_suggest_hint (kind_name, word, kinds, G_N_ELEMENTS (kinds));
          invalid (error, "changes[%u]: unknown change '%s'%s; a change is KIND VALUE, KIND one "
                   "of relax, set, require, fix, exclude, without", k, kind_name, hint);
          return NULL;
        }
      g_autoptr (GError) shape_error = NULL;
      const char *value = text + word;
      while (*value == ' ')
        value++;
      if (!rl_changes_add (changes, kind, value, NULL, &shape_error))
        {
          invalid (error, "changes[%u]: %s", k, shape_error->message);
          return NULL;
        }
    }
  return g_steal_pointer (&changes);
}

/* The accepted members of @ep, for a message: "changes, rank, top, format". */
static char *
accepted (const RlApiEndpoint *ep)
{
  GString *s = g_string_new ("changes");
  for (guint k = 0; k < G_N_ELEMENTS (member_names); k++)
    if (ep->members & member_names[k].member)
      g_string_append_printf (s, ", %s", member_names[k].name);
  g_string_append (s, ", format");
  return g_string_free (s, FALSE);
}

static gboolean
read_member (RlApiRequest *req, const char *name, JsonNode *value, GError **error)
{
  const RlApiEndpoint *ep = req->endpoint;
  if (strcmp (name, "changes") == 0)
    return (req->changes = rl_api_parse_changes (value, error)) != NULL;
  if (strcmp (name, "format") == 0)
    {
      const char *text = JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING
                         ? json_node_get_string (value) : NULL;
      for (guint k = 0; text && k < G_N_ELEMENTS (formats); k++)
        if ((ep->formats & formats[k].format) && strcmp (text, formats[k].name) == 0)
          {
            req->format = formats[k].format;
            return TRUE;
          }
      return invalid (error, "\"format\" must be \"json\", \"text\" or \"csv\"");
    }
  for (guint k = 0; k < G_N_ELEMENTS (member_names); k++)
    {
      if (!(ep->members & member_names[k].member) || strcmp (name, member_names[k].name) != 0)
        continue;
      GType type = member_names[k].type;
      GType have = JSON_NODE_HOLDS_VALUE (value) ? json_node_get_value_type (value) : G_TYPE_INVALID;
      if (type == G_TYPE_DOUBLE && have == G_TYPE_INT64)
        have = G_TYPE_DOUBLE;   /* 1 is a number as much as 1.0 */
      if (have != type)
        return invalid (error, "\"%s\" must be %s", name,
                        type == G_TYPE_STRING ? "a string"
                        : type == G_TYPE_BOOLEAN ? "true or false"
                        : type == G_TYPE_DOUBLE ? "a number" : "a whole number");
      req->given |= member_names[k].member;
      switch (member_names[k].member)
        {
        case M_RANK:
          g_free (req->rank);
          req->rank = g_strdup (json_node_get_string (value));
          break;
        case M_DEAL:
          g_free (req->deal);
          req->deal = g_strdup (json_node_get_string (value));
          break;
        case M_SAMPLES:
        case M_SEED:
          {
            gint64 n = json_node_get_int (value);
            gint64 max = member_names[k].member == M_SAMPLES ? RL_API_MAX_SAMPLES : G_MAXUINT32;
            if (n < 0 || n > max)
              return invalid (error, "\"%s\" must be a whole number from 0 to %" G_GINT64_FORMAT,
                              name, max);
            if (member_names[k].member == M_SAMPLES)
              req->samples = (guint) n;
            else
              req->seed = (guint64) n;
            break;
          }
        case M_MARGINS:
          req->margins = json_node_get_boolean (value);
          break;
        case M_CONCENTRATION:
        case M_VALUE_NOISE:
        case M_BATNA_NOISE:
        case M_STEP_BATNA:
        case M_STEP_WEIGHT:
        case M_STEP_VALUE:
          for (guint r = 0; r < G_N_ELEMENTS (number_ranges); r++)
            if (number_ranges[r].member == member_names[k].member)
              {
                double x = json_node_get_double (value);
                if (!(number_ranges[r].open ? x > number_ranges[r].min : x >= number_ranges[r].min)
                    || !(x <= number_ranges[r].max))
                  return invalid (error, "\"%s\" must be a number %s %g and at most %g", name,
                                  number_ranges[r].open ? "above" : "from", number_ranges[r].min,
                                  number_ranges[r].max);
                req->numbers[r] = x;
              }
          break;
        case M_PACKAGES:
          g_free (req->packages);
          req->packages = g_strdup (json_node_get_string (value));
          break;
        case M_TOP:
        case M_MAX:
          {
            gint64 n = json_node_get_int (value);
            if (n < 0 || n > RL_API_MAX_TOP)
              return invalid (error, "\"%s\" must be a whole number from 0 to %d", name, RL_API_MAX_TOP);
            *(member_names[k].member == M_TOP ? &req->top : &req->max) = (guint) n;
            break;
          }
        case M_FRONTIER:
          req->frontier = json_node_get_boolean (value);
          break;
        case M_ONLY_TOP:
          req->only_top = json_node_get_boolean (value);
          break;
        case M_IGNORE_BATNA:
        default:
          req->ignore_batna = json_node_get_boolean (value);
          break;
        }
      return TRUE;
    }
  g_autofree char *names = accepted (ep);
  return invalid (error, "unknown member \"%s\"; %s takes %s", name, ep->path, names);
}

RlApiRequest *
rl_api_request_new (const RlApiEndpoint *endpoint, JsonNode *body, RlScenario *sc,
                    const char *file, const RlRunOptions *run, GError **error)
{
  RlApiRequest *req = g_new0 (RlApiRequest, 1);
  req->endpoint = endpoint;
  req->sc = rl_scenario_ref (sc);
  req->file = g_strdup (file);
  req->run = *run;
  req->format = F_JSON;
  req->top = 10;
  req->max = 10;
  JsonObject *o = json_node_get_object (body);
  g_autoptr (GList) names = json_object_get_members (o);
  for (GList *m = names; m; m = m->next)
    if (!read_member (req, m->data, json_object_get_member (o, m->data), error))
      {
        rl_api_request_free (req);
        return NULL;
      }
  if (!req->changes)
    req->changes = rl_changes_new ();
  /* The command line's own checks of flags that go together (cmd-solve.c). */
  if (req->only_top && req->frontier)
    {
      invalid (error, "\"only_top\" computes no frontier; it does not go with \"frontier\"");
      rl_api_request_free (req);
      return NULL;
    }
  if ((endpoint->members & M_DEAL) && !(endpoint->members & M_OPTIONAL_DEAL) && req->deal == NULL)
    {
      invalid (error, "\"deal\" is required: name every issue as \"ISSUE=OPTION,...\"");
      rl_api_request_free (req);
      return NULL;
    }
  return req;
}

void
rl_api_request_free (gpointer data)
{
  RlApiRequest *req = data;
  if (!req)
    return;
  rl_scenario_unref (req->sc);
  g_free (req->file);
  rl_changes_free (req->changes);
  g_free (req->rank);
  g_free (req->deal);
  g_free (req->packages);
  g_free (req);
}

guint
rl_api_status_of (const GError *error)
{
  if (error->domain != RL_ERROR)
    return 500;
  switch ((RlErrorCode) error->code)
    {
    case RL_ERROR_INVALID_ARGUMENT:
    case RL_ERROR_SYNTAX:
    case RL_ERROR_SCHEMA:
    case RL_ERROR_LIMIT:
      return 400;
    case RL_ERROR_TOO_LARGE:
    case RL_ERROR_TOO_LARGE_TO_COUNT:
      return 422;
    case RL_ERROR_CANCELLED:
      return 409;
    case RL_ERROR_IO:
    default:
      return 500;
    }
}

static const char *
content_type (Format f)
{
  for (guint k = 0; k < G_N_ELEMENTS (formats); k++)
    if (formats[k].format == f)
      return formats[k].content_type;
  return "application/octet-stream";
}

static void
fail (RlJob *job, const GError *error, const char *hint)
{
  rl_job_set_error (job, rl_api_status_of (error), "%s%s", error->message, hint ? hint : "");
}

/* --rank as rl_cli_options_rank() resolves it: nash when absent. */
static gboolean
resolve_rank (RlJob *job, const RlApiRequest *req, RlScenario *sc, RlRank *rank)
{
  *rank = (RlRank) { RL_SCORE_NASH, 0 };
  g_autoptr (GError) error = NULL;
  if (req->rank && !rl_rank_parse (sc, req->rank, rank, &error))
    {
      rl_job_set_error (job, 400, "rank: %s", error->message);
      return FALSE;
    }
  return TRUE;
}

/* ---- The commands ----------------------------------------------------------- */

static void
run_solve (RlJob *job, const RlApiRequest *req, RlScenario *sc)
{
  RlSolveOptions so;
  rl_solve_options_init (&so);
  so.run = req->run;
  so.top = req->top;
  if (!resolve_rank (job, req, sc, &so.rank))
    return;
  so.flags = (req->frontier ? RL_SOLVE_FRONTIER : 0) | (req->ignore_batna ? RL_SOLVE_IGNORE_BATNA : 0)
             | (req->only_top ? RL_SOLVE_ONLY_TOP : 0);
  g_autoptr (GError) error = NULL;
  g_autoptr (RlResult) res = rl_solve (sc, &so, &error);
  if (!res)
    {
      fail (job, error, g_error_matches (error, RL_ERROR, RL_ERROR_TOO_LARGE_TO_COUNT)
                        ? "; ask \"only_top\": true for the ranked list alone" : NULL);
      return;
    }
  GString *text = g_string_new (NULL);
  switch (req->format)
    {
    case F_JSON:
      rl_json_write_solve (text, res, req->file);
      break;
    case F_CSV:
      rl_csv_solve (text, res);
      break;
    case F_TEXT:
    default:
      rl_text_solve (text, res, req->file);
      break;
    }
  rl_job_set_answer (job, 200, content_type (req->format), text, rl_result_is_complete (res));
}

static void
run_explain (RlJob *job, const RlApiRequest *req, RlScenario *sc)
{
  RlExplainOptions eo;
  rl_explain_options_init (&eo);
  if (!resolve_rank (job, req, sc, &eo.rank))
    return;
  eo.max = req->max;
  /* The server's deadline, not explain's own default: every search of
   * the server has the one --timeout. */
  eo.run = req->run;
  g_autoptr (GError) error = NULL;
  g_autoptr (RlExplanation) ex = rl_explain (sc, &eo, &error);
  if (!ex)
    {
      fail (job, error, NULL);
      return;
    }
  GString *text = g_string_new (NULL);
  switch (req->format)
    {
    case F_JSON:
      {
        g_autoptr (JsonNode) doc = rl_json_explain (ex);
        rl_json_write (text, doc, TRUE);
        break;
      }
    case F_CSV:
      rl_csv_explain (text, ex);
      break;
    case F_TEXT:
    default:
      rl_text_explain (text, ex, req->file);
      break;
    }
  rl_job_set_answer (job, 200, content_type (req->format), text, rl_explanation_is_complete (ex));
}

/* "deal": every issue named once, as --deal takes it; NULL (and the
 * job's error set) when it is not. */
static guint8 *
parse_whole_deal (RlJob *job, const RlApiRequest *req, RlScenario *sc)
{
  g_autoptr (GError) error = NULL;
  guint n_issues = rl_scenario_get_n_issues (sc);
  g_autofree guint8 *package = g_new (guint8, n_issues + 1);
  if (!rl_deal_parse_partial (sc, req->deal, package, &error))
    {
      rl_job_set_error (job, 400, "deal: %s", error->message);
      return NULL;
    }
  g_autoptr (GString) missing = g_string_new (NULL);
  for (guint i = 0; i < n_issues; i++)
    if (package[i] == RL_UNSET)
      g_string_append_printf (missing, "%s'%s'", missing->len ? ", " : "",
                              rl_scenario_get_issue_id (sc, i));
  if (missing->len > 0)
    {
      rl_job_set_error (job, 400, "deal must name every issue; missing %s", missing->str);
      return NULL;
    }
  return g_steal_pointer (&package);
}

static void
run_evaluate (RlJob *job, const RlApiRequest *req, RlScenario *sc)
{
  g_autoptr (GError) error = NULL;
  g_autofree guint8 *package = parse_whole_deal (job, req, sc);
  if (!package)
    return;
  RlSolveOptions so;
  rl_solve_options_init (&so);
  so.run = req->run;
  g_autoptr (RlEvaluation) ev = rl_evaluate (sc, package, &so, &error);
  if (!ev)
    {
      fail (job, error, NULL);
      return;
    }
  gboolean complete = rl_evaluation_is_complete (ev);
  GString *text = g_string_new (NULL);
  switch (req->format)
    {
    case F_JSON:
      {
        g_autoptr (JsonNode) doc = rl_json_evaluate (sc, ev);
        if (!complete)
          json_object_set_boolean_member (json_node_get_object (doc), "complete", FALSE);
        rl_json_write (text, doc, TRUE);
        break;
      }
    case F_CSV:
      rl_csv_evaluate (text, sc, ev);
      break;
    case F_TEXT:
    default:
      rl_text_evaluate (text, sc, ev, req->file);
      if (!complete)
        g_string_append (text, "\nStopped by --timeout: the ranks and the dominating package\n"
                               "may be missing or wrong.\n");
      break;
    }
  rl_job_set_answer (job, 200, content_type (req->format), text, complete);
}

/* As src/cli/cmd-stability.c: "packages" or "deal" chooses what is
 * examined; "rank" and "top" choose the packages of "packages": "top". */
static void
run_stability (RlJob *job, const RlApiRequest *req, RlScenario *sc)
{
  g_autoptr (GError) error = NULL;
  RlStabilityOptions so;
  rl_stability_options_init (&so);
  so.run = req->run;
  so.top = req->top;
  if (req->packages && !rl_stability_packages_parse (req->packages, &so.packages, &error))
    {
      rl_job_set_error (job, 400, "packages: %s", error->message);
      return;
    }
  if (req->deal && req->packages)
    {
      rl_job_set_error (job, 400, "\"deal\" examines one package; it does not go with \"packages\"");
      return;
    }
  if (req->rank && so.packages != RL_STABILITY_TOP)
    {
      rl_job_set_error (job, 400, "\"rank\" chooses the packages of \"packages\": \"top\"; add it");
      return;
    }
  if (!resolve_rank (job, req, sc, &so.rank))
    return;
  g_autofree guint8 *deal = NULL;
  if (req->deal && !(deal = parse_whole_deal (job, req, sc)))
    return;
  so.deal = deal;
  g_autoptr (RlStability) st = rl_stability (sc, &so, &error);
  if (!st)
    {
      fail (job, error, NULL);
      return;
    }
  GString *text = g_string_new (NULL);
  switch (req->format)
    {
    case F_JSON:
      {
        g_autoptr (JsonNode) doc = rl_json_stability (st, req->file);
        rl_json_write (text, doc, TRUE);
        break;
      }
    case F_CSV:
      rl_csv_stability (text, st);
      break;
    case F_TEXT:
    default:
      rl_text_stability (text, st, req->file);
      break;
    }
  rl_job_set_answer (job, 200, content_type (req->format), text, rl_stability_is_complete (st));
}

/* As src/cli/cmd-sensitivity.c, each member as its flag. */
static void
run_sensitivity (RlJob *job, const RlApiRequest *req, RlScenario *sc)
{
  RlSensitivityOptions so;
  rl_sensitivity_options_init (&so);
  so.run = req->run;
  if (!resolve_rank (job, req, sc, &so.rank))
    return;
  if (so.rank.kind == RL_SCORE_DURABILITY)
    {
      rl_job_set_error (job, 400, "rank: durability is not a ranking sensitivity can test");
      return;
    }
  if (req->given & M_TOP)
    so.top = req->top;
  if (req->given & M_SAMPLES)
    so.samples = req->samples;
  if (req->given & M_SEED)
    so.seed = req->seed;
  if (req->given & M_MARGINS)
    so.margins = req->margins;
  double *fields[] = { &so.concentration, &so.value_noise, &so.batna_noise,
                       &so.step_batna, &so.step_weight, &so.step_value };
  for (guint r = 0; r < G_N_ELEMENTS (number_ranges); r++)
    if (req->given & number_ranges[r].member)
      *fields[r] = req->numbers[r];
  g_autoptr (GError) error = NULL;
  g_autoptr (RlSensitivity) sens = rl_sensitivity (sc, &so, &error);
  if (!sens)
    {
      fail (job, error, NULL);
      return;
    }
  GString *text = g_string_new (NULL);
  switch (req->format)
    {
    case F_JSON:
      {
        g_autoptr (JsonNode) doc = rl_json_sensitivity (sens, req->file);
        rl_json_write (text, doc, TRUE);
        break;
      }
    case F_CSV:
      rl_csv_sensitivity (text, sens);
      break;
    case F_TEXT:
    default:
      rl_text_sensitivity (text, sens, req->file, so.top);
      break;
    }
  rl_job_set_answer (job, 200, content_type (req->format), text, rl_sensitivity_is_complete (sens));
}

void
rl_api_run (RlJob *job, gpointer data)
{
  RlApiRequest *req = data;
  RlApiRequest copy = *req;
  copy.run.cancel = rl_job_get_cancel (job);
  g_autoptr (GError) error = NULL;
  g_autoptr (RlScenario) sc = rl_scenario_apply_changes (req->sc, req->changes, &error);
  if (!sc)
    {
      fail (job, error, NULL);
      return;
    }
  req->endpoint->run (job, &copy, sc);
}
