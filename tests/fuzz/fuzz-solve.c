/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * fuzz-solve.c: libFuzzer entry point for the loader followed by a bounded
 * solve, to catch engine bugs on weird but valid files. When the package
 * space is at most 10^5, the scenario is solved (top 5 and the frontier,
 * by a rank the input picks), solved again with --only-top, streamed
 * (--all, at most 50 packages), and one package is evaluated; every
 * result goes through the JSON, CSV and text writers. Checked:
 *   - no NaN or infinity in a listed package's utilities or scores;
 *   - the JSON documents parse; every CSV row has as many fields as the
 *     header (RFC 4180 quoting), so no scenario string breaks them;
 *   - the counts are a funnel, the frontier has counts.pareto packages,
 *     the top list is min(5, acceptable) long;
 *   - --only-top lists the same packages as the full solve;
 *   - the top package evaluates as acceptable, ranked first, and the
 *     evaluation counts as many acceptable packages as the solve.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <redline/redline.h>
#include <json-glib/json-glib.h>

#include "fuzz-common.h"
#include "write/write-csv.h"
#include "write/write-json.h"
#include "write/write-text.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

#define MAX_SPACE 100000
/* The frontier is listed (and written three ways) up to this space only:
 * a flat scenario of 10^5 packages has 10^5 on it, which the writers
 * take half a minute to print under the sanitizers. */
#define MAX_SPACE_FRONTIER 20000
#define TOP 5

static void
check_json (GString *text)
{
  JsonParser *parser = json_parser_new ();
  GError *error = NULL;
  if (!json_parser_load_from_data (parser, text->str, (gssize) text->len, &error))
    {
      g_printerr ("bad JSON (%s):\n%s\n", error->message, text->str);
      abort ();
    }
  g_object_unref (parser);
}

/* RFC 4180: the number of fields of each record; every record must have
 * as many as the first. Quoted fields may hold commas, quotes ("") and
 * line breaks. */
static void
check_csv (GString *text)
{
  const char *s = text->str;
  gsize n = text->len, i = 0;
  long expected = -1, fields = 1;
  gboolean at_field_start = TRUE;
  while (i < n)
    {
      char c = s[i];
      if (at_field_start && c == '"')
        {
          i++;
          for (;;)
            {
              RL_FUZZ_CHECK (i < n);           /* an unclosed quote */
              if (s[i] == '"' && i + 1 < n && s[i + 1] == '"')
                i += 2;
              else if (s[i] == '"')
                break;
              else
                i++;
            }
          i++;
          RL_FUZZ_CHECK (i == n || s[i] == ',' || s[i] == '\n');
          at_field_start = FALSE;
          continue;
        }
      RL_FUZZ_CHECK (c != '"' && c != '\r');  /* a bare quote or CR must be quoted */
      if (c == ',')
        {
          fields++;
          at_field_start = TRUE;
        }
      else if (c == '\n')
        {
          if (expected < 0)
            expected = fields;
          RL_FUZZ_CHECK (fields == expected);
          fields = 1;
          at_field_start = TRUE;
        }
      else
        at_field_start = FALSE;
      i++;
    }
  RL_FUZZ_CHECK (n == 0 || s[n - 1] == '\n');
}

static void
check_package (const RlScenario *sc, const RlPackage *pkg)
{
  for (guint p = 0; p < rl_scenario_get_n_parties (sc); p++)
    RL_FUZZ_CHECK (isfinite (pkg->utilities[p]));
  if (pkg->acceptable)
    for (guint k = 0; k < RL_N_STANDARD_SCORES; k++)
      /* The Nash score is the product's logarithm: -inf when a gain is 0. */
      RL_FUZZ_CHECK (isfinite (pkg->scores[k]) || (k == RL_SCORE_KALAI && !pkg->has_kalai)
                     || (k == RL_SCORE_NASH && pkg->scores[k] == -INFINITY));
}

static void
write_result (const RlResult *res)
{
  GString *out = g_string_new (NULL);
  JsonNode *doc = rl_json_solve (res, "fuzz.yaml");
  rl_json_write (out, doc, TRUE);
  json_node_unref (doc);
  check_json (out);
  g_string_truncate (out, 0);
  rl_csv_solve (out, res);
  check_csv (out);
  g_string_truncate (out, 0);
  rl_text_solve (out, res, "fuzz.yaml");
  g_string_free (out, TRUE);
}

typedef struct {
  RlScenario *sc;
  GString *csv;
  guint n;
} Stream;

static gboolean
stream_package (const RlPackage *pkg, gpointer user_data)
{
  Stream *st = user_data;
  check_package (st->sc, pkg);
  rl_csv_row (st->csv, st->sc, pkg, FALSE);
  JsonNode *node = rl_json_package (st->sc, pkg, FALSE);
  GString *json = g_string_new (NULL);
  rl_json_write (json, node, FALSE);
  check_json (json);
  g_string_free (json, TRUE);
  json_node_unref (node);
  st->n++;
  return TRUE;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  GError *error = NULL;
  RlScenario *sc = rl_scenario_load_from_data ((const char *) data, size, "fuzz.yaml", &error);
  if (sc == NULL)
    {
      g_error_free (error);
      return 0;
    }
  guint64 space = 0;
  if (!rl_scenario_get_space (sc, &space) || space > MAX_SPACE)
    {
      rl_scenario_unref (sc);
      return 0;
    }

  /* The rank: one of the four standard scores or a party's utility,
   * picked by the input's length (so that each file tries one). */
  RlSolveOptions opts;
  rl_solve_options_init (&opts);
  guint pick = (guint) (size % 5);
  opts.rank = pick < 4 ? (RlRank){ (RlScoreKind) pick, 0 }
                       : (RlRank){ RL_SCORE_UTILITY, (guint) (size / 5 % rl_scenario_get_n_parties (sc)) };
  opts.top = TOP;
  opts.run.n_threads = 1;
  opts.run.timeout = 5;
  opts.flags = space <= MAX_SPACE_FRONTIER ? RL_SOLVE_FRONTIER : RL_SOLVE_DEFAULT;

  RlResult *res = rl_solve (sc, &opts, &error);
  RL_FUZZ_CHECK (res != NULL && error == NULL);
  write_result (res);
  RlCounts counts;
  gboolean complete = rl_result_is_complete (res);
  RL_FUZZ_CHECK (rl_result_get_counts (res, &counts));
  RL_FUZZ_CHECK (counts.space == space);
  if (complete)
    {
      RL_FUZZ_CHECK (counts.feasible <= space && counts.compatible <= counts.feasible
                     && counts.acceptable <= counts.compatible && counts.pareto <= counts.acceptable);
      if (opts.flags & RL_SOLVE_FRONTIER)
        RL_FUZZ_CHECK (rl_result_get_n_frontier (res) == counts.pareto);
      RL_FUZZ_CHECK (rl_result_get_n_top (res) == MIN (counts.acceptable, TOP));
    }
  for (guint i = 0; i < rl_result_get_n_top (res); i++)
    check_package (sc, rl_result_get_top (res, i));
  for (guint i = 0; i < rl_result_get_n_frontier (res); i++)
    check_package (sc, rl_result_get_frontier (res, i));

  /* --only-top: the same list by another search. */
  RlSolveOptions top_opts = opts;
  top_opts.flags = RL_SOLVE_ONLY_TOP;
  RlResult *top = rl_solve (sc, &top_opts, &error);
  RL_FUZZ_CHECK (top != NULL && error == NULL);
  write_result (top);
  if (complete && rl_result_is_complete (top))
    {
      RL_FUZZ_CHECK (rl_result_get_n_top (top) == rl_result_get_n_top (res));
      for (guint i = 0; i < rl_result_get_n_top (top); i++)
        {
          const RlPackage *a = rl_result_get_top (res, i), *b = rl_result_get_top (top, i);
          if (a->index != b->index)
            {
              g_printerr ("top %u: package %" G_GUINT64_FORMAT " in the full solve, %"
                          G_GUINT64_FORMAT " with --only-top\n", i, a->index, b->index);
              abort ();
            }
          RL_FUZZ_CHECK (a->pareto == b->pareto);
        }
    }
  rl_result_free (top);

  /* --all, at most 50 packages. */
  Stream st = { sc, g_string_new (NULL), 0 };
  gboolean stopped = FALSE;
  rl_csv_header (st.csv, sc, FALSE);
  RL_FUZZ_CHECK (rl_solve_each (sc, &opts, 50, stream_package, &st, &stopped, &error));
  check_csv (st.csv);
  if (complete && !stopped)
    RL_FUZZ_CHECK (st.n == counts.acceptable);
  g_string_free (st.csv, TRUE);

  /* evaluate: the top package, or one the input picks. */
  guint n_issues = rl_scenario_get_n_issues (sc);
  guint8 *pkg = g_new (guint8, n_issues);
  gboolean have_top = rl_result_get_n_top (res) > 0 && complete;
  if (have_top)
    memcpy (pkg, rl_result_get_top (res, 0)->options, n_issues);
  else
    rl_scenario_package_from_index (sc, g_str_hash (rl_scenario_get_title (sc)) % space, pkg);
  RlEvaluation *ev = rl_evaluate (sc, pkg, &opts, &error);
  RL_FUZZ_CHECK (ev != NULL && error == NULL);
  check_package (sc, rl_evaluation_get_package (ev));
  if (have_top && rl_evaluation_is_complete (ev))
    {
      RL_FUZZ_CHECK (rl_evaluation_is_acceptable (ev));
      RL_FUZZ_CHECK (rl_evaluation_get_n_acceptable (ev) == counts.acceptable);
      if (pick < 4)
        RL_FUZZ_CHECK (rl_evaluation_get_rank (ev, (RlScoreKind) pick) == 1);
    }
  GString *out = g_string_new (NULL);
  JsonNode *doc = rl_json_evaluate (sc, ev);
  rl_json_write (out, doc, TRUE);
  json_node_unref (doc);
  check_json (out);
  g_string_truncate (out, 0);
  rl_csv_evaluate (out, sc, ev);
  check_csv (out);
  g_string_truncate (out, 0);
  rl_text_evaluate (out, sc, ev, "fuzz.yaml");
  g_string_free (out, TRUE);
  rl_evaluation_free (ev);
  g_free (pkg);
  rl_result_free (res);
  rl_scenario_unref (sc);
  return 0;
}
