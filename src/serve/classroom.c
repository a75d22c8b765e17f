/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * classroom.c: the deals file, the students' routes and the teacher's
 * (classroom.h). The file is written on the main thread only; the
 * teacher's scoring reads a copy of it in a job.
 */
#include "classroom.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <redline/debrief.h>
#include <redline/report.h>

#include "api.h"
#include "jobs.h"
#include "write/write-csv.h"
#include "write/write-debrief.h"
#include "write/write-doc.h"
#include "write/write-json.h"
#include "write/write-report.h"
#include "write/write-svg.h"

/* As `redline debrief` reads it: no class needs a larger file. */
#define DEALS_MAX_BYTES (16 * 1024 * 1024)

struct _RlClassroom {
  char *path;
  int fd;
  char *header;            /* "group,ISSUE,...", no line end */
  GPtrArray *issues;       /* the issue ids, in the header's order */
  GHashTable *groups;      /* the group names the file holds */
};

static char *
header_of (const RlScenario *sc)
{
  g_autoptr (GString) h = g_string_new (NULL);
  gboolean first = TRUE;
  rl_csv_field (h, &first, "group");
  for (guint i = 0; i < rl_scenario_get_n_issues (sc); i++)
    rl_csv_field (h, &first, rl_scenario_get_issue_id (sc, i));
  return g_string_free (g_steal_pointer (&h), FALSE);
}

static gboolean
write_all (int fd, const char *data, gsize len)
{
  while (len > 0)
    {
      ssize_t n = write (fd, data, len);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      len -= (gsize) n;
    }
  return TRUE;
}

/* Appends @text whole and syncs it; on failure cuts the file back to
 * where it ended, so that no half row is left for debrief to trip on. */
static gboolean
append_synced (RlClassroom *cr, const char *text, GError **error)
{
  off_t end = lseek (cr->fd, 0, SEEK_END);
  if (end >= 0 && write_all (cr->fd, text, strlen (text)) && fsync (cr->fd) == 0)
    return TRUE;
  int saved = errno;
  if (end >= 0 && ftruncate (cr->fd, end) == 0)
    (void) fsync (cr->fd);
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "cannot write %s: %s",
               cr->path, g_strerror (saved));
  return FALSE;
}

/* An existing file: its header must be ours; its groups are taken. */
static gboolean
resume (RlClassroom *cr, const RlScenario *sc, const char *data, gsize len, GError **error)
{
  const char *nl = memchr (data, '\n', len);
  gsize first = nl ? (gsize) (nl - data) : len;
  if (first > 0 && data[first - 1] == '\r')
    first--;
  if (first != strlen (cr->header) || memcmp (data, cr->header, first) != 0)
    {
      g_autofree char *found = g_utf8_make_valid (data, (gssize) MIN (first, 200));
      g_set_error (error, RL_ERROR, RL_ERROR_SCHEMA,
                   "%s:1: error: the header is '%s', but this scenario's deals have '%s'; "
                   "give --deals a new file (or this scenario's own)", cr->path, found, cr->header);
      return FALSE;
    }
  /* A row cut short by a crash before this server's time: end it, so the
   * next row starts on a line of its own (debrief reports the short one). */
  if (data[len - 1] != '\n' && !append_synced (cr, "\n", error))
    return FALSE;
  g_autoptr (RlDeals) deals = rl_deals_parse (sc, data, len, cr->path);
  for (guint k = 0; k < rl_deals_get_n_rows (deals); k++)
    {
      const RlDealRow *row = rl_deals_get_row (deals, k);
      if (row->group && row->group[0])
        g_hash_table_add (cr->groups, g_strdup (row->group));
    }
  return TRUE;
}

RlClassroom *
rl_classroom_new (const RlScenario *sc, const char *path, GError **error)
{
  RlClassroom *cr = g_new0 (RlClassroom, 1);
  cr->path = g_strdup (path);
  cr->fd = -1;
  cr->header = header_of (sc);
  cr->issues = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < rl_scenario_get_n_issues (sc); i++)
    g_ptr_array_add (cr->issues, g_strdup (rl_scenario_get_issue_id (sc, i)));
  cr->groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  cr->fd = g_open (path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (cr->fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "cannot open %s: %s",
                   path, g_strerror (saved));
      rl_classroom_free (cr);
      return NULL;
    }
  struct stat st;
  if (fstat (cr->fd, &st) != 0 || !S_ISREG (st.st_mode) || st.st_size > DEALS_MAX_BYTES)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   "cannot use %s for the deals: it is not a regular file of at most %d MiB",
                   path, DEALS_MAX_BYTES / (1024 * 1024));
      rl_classroom_free (cr);
      return NULL;
    }
  g_autofree char *data = NULL;
  gsize len = 0;
  if (!g_file_get_contents (path, &data, &len, error))
    {
      rl_classroom_free (cr);
      return NULL;
    }
  g_autofree char *line = g_strconcat (cr->header, "\n", NULL);
  gboolean ok = len == 0 ? append_synced (cr, line, error) : resume (cr, sc, data, len, error);
  if (!ok)
    {
      rl_classroom_free (cr);
      return NULL;
    }
  return cr;
}

void
rl_classroom_free (RlClassroom *cr)
{
  if (!cr)
    return;
  if (cr->fd >= 0)
    close (cr->fd);
  g_free (cr->path);
  g_free (cr->header);
  g_ptr_array_unref (cr->issues);
  g_hash_table_destroy (cr->groups);
  g_free (cr);
}

guint
rl_classroom_get_n_groups (const RlClassroom *cr)
{
  return g_hash_table_size (cr->groups);
}

/* ---- Students -------------------------------------------------------------------- */

static void
respond_info (RlServer *srv, SoupServerMessage *msg)
{
  RlScenario *sc = srv->sc;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  rl_json_add_string (b, "title", rl_scenario_get_title (sc));
  rl_json_add_int (b, "generation", (gint64) srv->generation);
  /* Only what `brief` shows of every party: its id, label and veto. */
  json_builder_set_member_name (b, "parties");
  json_builder_begin_array (b);
  for (guint p = 0; p < rl_scenario_get_n_parties (sc); p++)
    {
      json_builder_begin_object (b);
      rl_json_add_string (b, "id", rl_scenario_get_party_id (sc, p));
      rl_json_add_string (b, "label", rl_scenario_get_party_label (sc, p));
      rl_json_add_bool (b, "veto", rl_scenario_party_is_veto (sc, p));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "issues");
  json_builder_begin_array (b);
  for (guint i = 0; i < rl_scenario_get_n_issues (sc); i++)
    {
      json_builder_begin_object (b);
      rl_json_add_string (b, "id", rl_scenario_get_issue_id (sc, i));
      rl_json_add_string (b, "label", rl_scenario_get_issue_label (sc, i));
      json_builder_set_member_name (b, "options");
      json_builder_begin_array (b);
      for (guint k = 0; k < rl_scenario_get_n_options (sc, i); k++)
        {
          json_builder_begin_object (b);
          rl_json_add_string (b, "id", rl_scenario_get_option_id (sc, i, k));
          rl_json_add_string (b, "label", rl_scenario_get_option_label (sc, i, k));
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  g_autoptr (JsonNode) node = json_builder_get_root (b);
  rl_server_respond_json (msg, node);
}

static int
find_party_or_say (SoupServerMessage *msg, RlScenario *sc, const char *id)
{
  if (id == NULL || id[0] == '\0')
    {
      rl_server_respond_error (msg, 400, "party=P is needed: whose brief?");
      return -1;
    }
  int p = rl_scenario_find_party (sc, id);
  if (p < 0)
    {
      guint np = rl_scenario_get_n_parties (sc);
      g_autofree const char **ids = g_new (const char *, np + 1);
      for (guint q = 0; q < np; q++)
        ids[q] = rl_scenario_get_party_id (sc, q);
      g_autofree char *hint = rl_suggest_hint (id, strlen (id), ids, np);
      rl_server_respond_error (msg, 404, "unknown party '%s'%s", id, hint);
    }
  return p;
}

static void
respond_brief (RlServer *srv, SoupServerMessage *msg, GHashTable *query)
{
  RlScenario *sc = srv->sc;
  int p = find_party_or_say (msg, sc, query ? g_hash_table_lookup (query, "party") : NULL);
  if (p < 0)
    return;
  /* `redline brief FILE --party P --format text`, the same writer. */
  g_autoptr (RlBrief) brief = rl_brief_new (sc, (guint) p);
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (RlDoc) doc = rl_doc_new (RL_DOC_TEXT, text, NULL);
  rl_write_brief (doc, brief, srv->opts.file);
  rl_server_respond (msg, 200, "text/plain; charset=utf-8", text->str, text->len);
}

/* A group's name as debrief reads it back: trimmed, one line, no
 * control characters; not one a spreadsheet would take for a formula. */
static char *
check_group (JsonNode *node, GError **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT, "\"group\" is needed: your group's name");
      return NULL;
    }
  g_autofree char *name = g_strstrip (g_strdup (json_node_get_string (node)));
  if (name[0] == '\0')
    g_set_error (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT, "the group's name is empty");
  else if (strlen (name) > RL_CLASSROOM_MAX_GROUP)
    g_set_error (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT,
                 "the group's name is longer than %d bytes", RL_CLASSROOM_MAX_GROUP);
  else if (strchr ("=+-@", name[0]))
    g_set_error (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT,
                 "a group's name may not start with =, +, - or @ (spreadsheets would take it "
                 "for a formula)");
  else
    {
      for (const char *s = name; *s; s = g_utf8_next_char (s))
        if (g_unichar_iscntrl (g_utf8_get_char (s)))
          {
            g_set_error (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT,
                         "the group's name holds a control character (a line break, a tab)");
            return NULL;
          }
      return g_steal_pointer (&name);
    }
  return NULL;
}

/* The option ids of @deal, one per issue of @sc in file order. */
static GPtrArray *
check_deal (RlScenario *sc, JsonNode *node, GError **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT,
                   "\"deal\" is needed: an object {ISSUE: OPTION} naming every issue");
      return NULL;
    }
  guint ni = rl_scenario_get_n_issues (sc);
  g_autoptr (GPtrArray) options = g_ptr_array_new_full (ni, g_free);
  for (guint i = 0; i < ni; i++)
    g_ptr_array_add (options, NULL);
  JsonObject *o = json_node_get_object (node);
  g_autoptr (GList) members = json_object_get_members (o);
  for (GList *m = members; m; m = m->next)
    {
      const char *issue = m->data;
      int i = rl_scenario_find_issue (sc, issue);
      if (i < 0)
        {
          g_autofree const char **ids = g_new (const char *, ni + 1);
          for (guint k = 0; k < ni; k++)
            ids[k] = rl_scenario_get_issue_id (sc, k);
          g_autofree char *hint = rl_suggest_hint (issue, strlen (issue), ids, ni);
          g_set_error (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT, "deal: unknown issue '%s'%s",
                       issue, hint);
          return NULL;
        }
      JsonNode *v = json_object_get_member (o, issue);
      if (!JSON_NODE_HOLDS_VALUE (v) || json_node_get_value_type (v) != G_TYPE_STRING)
        {
          g_set_error (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT,
                       "deal: the option of '%s' must be a string", issue);
          return NULL;
        }
      const char *option = json_node_get_string (v);
      if (rl_scenario_find_option (sc, (guint) i, option) < 0)
        {
          guint n = rl_scenario_get_n_options (sc, (guint) i);
          g_autofree const char **ids = g_new (const char *, n + 1);
          for (guint k = 0; k < n; k++)
            ids[k] = rl_scenario_get_option_id (sc, (guint) i, k);
          g_autofree char *hint = rl_suggest_hint (option, strlen (option), ids, n);
          g_set_error (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT,
                       "deal: unknown option '%s' of issue '%s'%s", option, issue, hint);
          return NULL;
        }
      g_free (g_ptr_array_index (options, i));
      g_ptr_array_index (options, i) = g_strdup (option);
    }
  for (guint i = 0; i < ni; i++)
    if (g_ptr_array_index (options, i) == NULL)
      {
        g_set_error (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT,
                     "deal: no option for issue '%s': name every issue", rl_scenario_get_issue_id (sc, i));
        return NULL;
      }
  return g_steal_pointer (&options);
}

/* Whether the scenario still has the issues the file's header names. */
static gboolean
same_issues (const RlClassroom *cr, const RlScenario *sc)
{
  if (rl_scenario_get_n_issues (sc) != cr->issues->len)
    return FALSE;
  for (guint i = 0; i < cr->issues->len; i++)
    if (strcmp (rl_scenario_get_issue_id (sc, i), g_ptr_array_index (cr->issues, i)) != 0)
      return FALSE;
  return TRUE;
}

static void
respond_submit (RlServer *srv, SoupServerMessage *msg, GBytes *body)
{
  RlClassroom *cr = srv->classroom;
  g_autoptr (GError) error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (body, &len);
  g_autoptr (JsonNode) root = rl_api_parse_object (data ? data : "", len, &error);
  if (!root)
    {
      rl_server_respond_error (msg, 400, "%s", error->message);
      return;
    }
  JsonObject *o = json_node_get_object (root);
  g_autoptr (GList) members = json_object_get_members (o);
  for (GList *m = members; m; m = m->next)
    if (strcmp (m->data, "group") != 0 && strcmp (m->data, "deal") != 0)
      {
        rl_server_respond_error (msg, 400, "unknown member \"%s\"; a submission has group and deal",
                                 (const char *) m->data);
        return;
      }
  g_autofree char *group = check_group (json_object_get_member (o, "group"), &error);
  if (!group)
    {
      rl_server_respond_error (msg, 400, "%s", error->message);
      return;
    }
  if (!same_issues (cr, srv->sc))
    {
      rl_server_respond_error (msg, 409, "the scenario's issues changed since the class began; "
                               "the teacher must restart the server with a new deals file");
      return;
    }
  g_autoptr (GPtrArray) options = check_deal (srv->sc, json_object_get_member (o, "deal"), &error);
  if (!options)
    {
      rl_server_respond_error (msg, 400, "%s", error->message);
      return;
    }
  if (g_hash_table_contains (cr->groups, group))
    {
      rl_server_respond_error (msg, 409, "group '%s' has submitted a deal already", group);
      return;
    }
  if (g_hash_table_size (cr->groups) >= RL_DEBRIEF_MAX_ROWS)
    {
      rl_server_respond_error (msg, 409, "the deals file holds %d groups, all it may", RL_DEBRIEF_MAX_ROWS);
      return;
    }
  g_autoptr (GString) row = g_string_new (NULL);
  gboolean first = TRUE;
  rl_csv_field (row, &first, group);
  for (guint i = 0; i < options->len; i++)
    rl_csv_field (row, &first, g_ptr_array_index (options, i));
  g_string_append_c (row, '\n');
  if (!append_synced (cr, row->str, &error))
    {
      rl_server_respond_error (msg, 500, "%s", error->message);
      return;
    }
  g_hash_table_add (cr->groups, g_strdup (group));
  rl_server_changed (srv);

  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  rl_json_add_string (b, "group", group);
  rl_json_add_bool (b, "submitted", TRUE);
  json_builder_end_object (b);
  g_autoptr (JsonNode) answer = json_builder_get_root (b);
  rl_server_respond_json (msg, answer);
}

/* ---- The teacher: the deals scored, and the chart ---------------------------------- */

typedef struct {
  RlScenario *sc;
  char *file;
  char *deals_path;
  GBytes *deals;
  RlRunOptions run;
  gboolean chart;
} Scoring;

static void
scoring_free (gpointer data)
{
  Scoring *s = data;
  rl_scenario_unref (s->sc);
  g_free (s->file);
  g_free (s->deals_path);
  g_bytes_unref (s->deals);
  g_free (s);
}

static void
run_scoring (RlJob *job, gpointer data)
{
  Scoring *s = data;
  gsize len;
  const char *csv = g_bytes_get_data (s->deals, &len);
  g_autoptr (RlDeals) deals = rl_deals_parse (s->sc, csv ? csv : "", len, s->deals_path);
  /* `redline debrief FILE --deals DEALS` takes no rank and no top. */
  RlSolveOptions so;
  rl_solve_options_init (&so);
  so.run = s->run;
  so.run.cancel = rl_job_get_cancel (job);
  g_autoptr (GError) error = NULL;
  g_autoptr (RlDebrief) db = rl_debrief_new (s->sc, deals, &so, s->chart, &error);
  if (!db)
    {
      rl_job_set_error (job, rl_api_status_of (error), "%s", error->message);
      return;
    }
  GString *out = g_string_new (NULL);
  if (s->chart)
    {
      const RlReport *r = rl_debrief_get_chart (db);
      rl_svg_utility_space (out, r, rl_report_get_main_chart (r), RL_SVG_LARGE);
      rl_job_set_answer (job, 200, "image/svg+xml", out, rl_debrief_is_complete (db));
      return;
    }
  g_autoptr (JsonNode) node = rl_json_debrief (db, s->file, s->deals_path);
  rl_json_write (out, node, TRUE);
  rl_job_set_answer (job, 200, "application/json", out, rl_debrief_is_complete (db));
}

static void
submit_scoring (RlServer *srv, SoupServerMessage *msg, gboolean chart)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;
  if (!g_file_get_contents (srv->classroom->path, &data, &len, &error))
    {
      rl_server_respond_error (msg, 500, "%s", error->message);
      return;
    }
  Scoring *s = g_new0 (Scoring, 1);
  s->sc = rl_scenario_ref (srv->sc);
  s->file = g_strdup (srv->opts.file);
  s->deals_path = g_strdup (srv->opts.deals);
  s->deals = g_bytes_new_take (g_steal_pointer (&data), len);
  rl_run_options_init (&s->run);
  s->run.n_threads = srv->opts.n_threads;
  s->run.timeout = srv->opts.timeout;
  s->chart = chart;
  g_autofree char *client = rl_server_client_key (msg);
  /* The table and the chart are asked for together: each its own queue. */
  g_autofree char *key = g_strconcat (client, chart ? "#chart" : "#deals", NULL);
  rl_jobs_submit (srv->jobs, msg, key, run_scoring, s, scoring_free);
}

void
rl_classroom_handle (RlServer *srv, SoupServerMessage *msg, const char *path, GHashTable *query)
{
  if (strcmp (path, "/api/classroom/info") == 0)
    respond_info (srv, msg);
  else if (strcmp (path, "/api/classroom/brief") == 0)
    respond_brief (srv, msg, query);
  else if (strcmp (path, "/api/classroom/submit") == 0)
    {
      g_autoptr (GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
      respond_submit (srv, msg, body);
    }
  else if (strcmp (path, "/api/classroom/deals") == 0)
    submit_scoring (srv, msg, FALSE);
  else
    submit_scoring (srv, msg, TRUE);
}
