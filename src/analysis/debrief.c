/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * debrief.c: reading the groups' deals (RFC 4180 CSV) and scoring them
 * (debrief.h). The reader is a small state machine over the bytes: it
 * yields records, each a list of fields and the line it starts on.
 */
#include "analysis/report-private.h"

#include <string.h>

#include "engine/run.h"

#include <redline/error.h>
#include <redline/suggest.h>

struct _RlDeals {
  GArray *rows;          /* RlDealRow */
  GPtrArray *errors;     /* "FILE:LINE: error: ...", NULL-terminated */
  GArray *error_lines;   /* guint, per error */
  GPtrArray *messages;   /* per error, without the prefix */
  GPtrArray *row_error;  /* per row: the first problem, or NULL */
  char *name;
};

static void
row_clear (gpointer data)
{
  RlDealRow *r = data;
  g_free (r->group);
  g_free (r->package);
}

void
rl_deals_free (RlDeals *d)
{
  if (!d)
    return;
  g_array_unref (d->rows);
  g_ptr_array_unref (d->errors);
  g_array_unref (d->error_lines);
  g_ptr_array_unref (d->messages);
  g_ptr_array_unref (d->row_error);
  g_free (d->name);
  g_free (d);
}

guint
rl_deals_get_n_rows (const RlDeals *d)
{
  return d->rows->len;
}

const RlDealRow *
rl_deals_get_row (const RlDeals *d, guint k)
{
  g_return_val_if_fail (k < d->rows->len, NULL);
  return &g_array_index (d->rows, RlDealRow, k);
}

const char *const *
rl_deals_get_errors (const RlDeals *d)
{
  return (const char *const *) d->errors->pdata;
}

const char *
rl_deals_get_row_error (const RlDeals *d, guint k)
{
  g_return_val_if_fail (k < d->row_error->len, NULL);
  return g_ptr_array_index (d->row_error, k);
}

static void G_GNUC_PRINTF (3, 4)
add_error (RlDeals *d, guint line, const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  g_autofree char *message = g_strdup_vprintf (format, ap);
  va_end (ap);
  /* Keep the array NULL-terminated. */
  g_ptr_array_set_size (d->errors, d->errors->len - 1);
  g_ptr_array_add (d->errors, g_strdup_printf ("%s:%u: error: %s", d->name, line, message));
  g_ptr_array_add (d->errors, NULL);
  g_array_append_val (d->error_lines, line);
  g_ptr_array_add (d->messages, g_strdup (message));
}

guint
rl_deals_get_n_errors (const RlDeals *d)
{
  return d->messages->len;
}

const char *
rl_deals_get_error (const RlDeals *d, guint k, guint *line)
{
  g_return_val_if_fail (k < d->messages->len, NULL);
  if (line)
    *line = g_array_index (d->error_lines, guint, k);
  return g_ptr_array_index (d->messages, k);
}

/* Field text for messages: control characters shown as '?', cut short. */
static char *
shown (const char *s)
{
  g_autofree char *valid = g_utf8_make_valid (s, -1);
  GString *out = g_string_new (NULL);
  guint n = 0;
  for (const char *p = valid; *p && n < 60; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_iscntrl (c))
        g_string_append_c (out, '?');
      else
        g_string_append_unichar (out, c);
    }
  if (*g_utf8_offset_to_pointer (valid, MIN (n, g_utf8_strlen (valid, -1))))
    g_string_append (out, "...");
  return g_string_free (out, FALSE);
}

/* ---- The CSV reader ------------------------------------------------------------ */

typedef struct {
  const char *p, *end;
  guint line;            /* of the byte at p */
  gboolean unclosed;     /* a quoted field ran to the end of the file */
  gboolean junk;         /* text after a closing quote */
} Reader;

/* The next record; FALSE at the end. @line: the line it starts on. */
static gboolean
next_record (Reader *rd, GPtrArray *fields, guint *line)
{
  g_ptr_array_set_size (fields, 0);
  rd->junk = FALSE;
  if (rd->p >= rd->end)
    return FALSE;
  *line = rd->line;
  GString *field = g_string_new (NULL);
  gboolean quoted = FALSE, was_quoted = FALSE;
  for (;;)
    {
      if (rd->p >= rd->end)
        {
          rd->unclosed = quoted;
          break;
        }
      char c = *rd->p;
      if (quoted)
        {
          rd->p++;
          if (c == '"')
            {
              if (rd->p < rd->end && *rd->p == '"')
                {
                  g_string_append_c (field, '"');
                  rd->p++;
                }
              else
                quoted = FALSE;
            }
          else
            {
              if (c == '\n')
                rd->line++;
              g_string_append_c (field, c);
            }
          continue;
        }
      if (c == ',' || c == '\n' || c == '\r')
        {
          if (!was_quoted)
            g_strstrip (field->str), g_string_set_size (field, strlen (field->str));
          g_ptr_array_add (fields, g_string_free (field, FALSE));
          field = g_string_new (NULL);
          was_quoted = FALSE;
          rd->p++;
          if (c == ',')
            continue;
          if (c == '\r' && rd->p < rd->end && *rd->p == '\n')
            rd->p++;
          rd->line++;
          g_string_free (field, TRUE);
          return TRUE;
        }
      rd->p++;
      if (c == '"' && !was_quoted && strspn (field->str, " \t") == field->len)
        {
          g_string_truncate (field, 0);
          quoted = was_quoted = TRUE;
          continue;
        }
      if (was_quoted)
        {
          if (c != ' ' && c != '\t')
            rd->junk = TRUE;
          continue;
        }
      g_string_append_c (field, c);
    }
  if (!was_quoted)
    g_strstrip (field->str), g_string_set_size (field, strlen (field->str));
  g_ptr_array_add (fields, g_string_free (field, FALSE));
  return TRUE;
}

/* A row with nothing in it: an empty line, or only commas and spaces
 * (what a spreadsheet leaves below the last group). */
static gboolean
is_blank (GPtrArray *fields)
{
  for (guint k = 0; k < fields->len; k++)
    {
      const char *f = g_ptr_array_index (fields, k);
      f += strspn (f, " \t");
      if (*f != '\0')
        return FALSE;
    }
  return TRUE;
}

/* The option of issue @i that a student typed as @value: its id, else
 * its id in any case ("Middle"), else its label in any case ("Some aid,
 * paid over ten years"); spaces around are ignored. -1 when none, -2
 * when the case-insensitive reading names two options. */
static int
find_typed_option (const RlScenario *sc, guint i, const char *value)
{
  g_autofree char *v = g_strstrip (g_strdup (value));
  int k = rl_scenario_find_option (sc, i, v);
  if (k >= 0 || !g_utf8_validate (v, -1, NULL))
    return k;
  g_autofree char *folded = g_utf8_casefold (v, -1);
  int found = -1;
  for (int pass = 0; pass < 2 && found < 0; pass++)
    for (guint o = 0; o < rl_scenario_get_n_options (sc, i); o++)
      {
        const char *name = pass == 0 ? rl_scenario_get_option_id (sc, i, o)
                                     : rl_scenario_get_option_label (sc, i, o);
        if (!name)
          continue;
        g_autofree char *f = g_utf8_casefold (name, -1);
        if (strcmp (f, folded) != 0)
          continue;
        if (found >= 0 && found != (int) o)
          return -2;
        found = (int) o;
      }
  return found;
}

/* ---- Rows ------------------------------------------------------------------------ */

typedef struct {
  const RlScenario *sc;
  RlDeals *d;
  int group_col;
  int *issue_col;        /* per issue: its column, or -1 */
  guint n_cols;
  GHashTable *seen;      /* group -> line */
} Header;

static void
row_problem (RlDeals *d, guint line, char **first, const char *format, ...) G_GNUC_PRINTF (4, 5);

static void
row_problem (RlDeals *d, guint line, char **first, const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  g_autofree char *message = g_strdup_vprintf (format, ap);
  va_end (ap);
  add_error (d, line, "%s", message);
  if (*first == NULL)
    *first = g_strdup (message);
}

static void
read_row (Header *h, GPtrArray *fields, guint line, gboolean junk)
{
  const RlScenario *sc = h->sc;
  RlDeals *d = h->d;
  guint ni = rl_scenario_get_n_issues (sc);
  RlDealRow row = { NULL, line, NULL };
  char *first = NULL;
  gboolean ok = TRUE;

  if (h->group_col >= 0 && (guint) h->group_col < fields->len)
    row.group = g_strdup (g_ptr_array_index (fields, h->group_col));
  else
    row.group = g_strdup ("");
  if (junk)
    {
      row_problem (d, line, &first, "text after a closing quote (a field that starts with a quote "
                   "must end with one)");
      ok = FALSE;
    }
  if (fields->len != h->n_cols)
    {
      row_problem (d, line, &first, "%u %s, but the header has %u columns%s", fields->len,
                   fields->len == 1 ? "field" : "fields", h->n_cols,
                   fields->len < h->n_cols ? " (a missing column?)" : "");
      ok = FALSE;
    }
  else if (row.group[0] == '\0')
    {
      row_problem (d, line, &first, "no group name");
      ok = FALSE;
    }
  else
    {
      gpointer before = g_hash_table_lookup (h->seen, row.group);
      if (before)
        {
          g_autofree char *g = shown (row.group);
          row_problem (d, line, &first, "group '%s' again (first on line %u)", g,
                       GPOINTER_TO_UINT (before));
          ok = FALSE;
        }
      else
        g_hash_table_insert (h->seen, g_strdup (row.group), GUINT_TO_POINTER (line));
    }
  if (fields->len == h->n_cols)
    {
      row.package = g_new0 (guint8, ni + 1);
      for (guint i = 0; i < ni; i++)
        {
          const char *value = g_ptr_array_index (fields, h->issue_col[i]);
          const char *issue = rl_scenario_get_issue_id (sc, i);
          if (value[strspn (value, " \t")] == '\0')
            {
              row_problem (d, line, &first, "no option for issue '%s'", issue);
              ok = FALSE;
              continue;
            }
          int k = find_typed_option (sc, i, value);
          if (k == -2)
            {
              g_autofree char *v = shown (value);
              row_problem (d, line, &first, "'%s' names more than one option of issue '%s' when "
                           "case is ignored; write its id exactly", v, issue);
              ok = FALSE;
              continue;
            }
          if (k < 0)
            {
              guint n = rl_scenario_get_n_options (sc, i);
              g_autofree const char **ids = g_new (const char *, n + 1);
              for (guint o = 0; o < n; o++)
                ids[o] = rl_scenario_get_option_id (sc, i, o);
              g_autofree char *hint = rl_suggest_hint (value, strlen (value), ids, n);
              g_autofree char *v = shown (value);
              row_problem (d, line, &first, "unknown option '%s' of issue '%s'%s", v, issue, hint);
              ok = FALSE;
              continue;
            }
          row.package[i] = (guint8) k;
        }
    }
  if (!ok)
    g_clear_pointer (&row.package, g_free);
  g_array_append_val (d->rows, row);
  g_ptr_array_add (d->row_error, first);
}

/* The header: FALSE when no row can be read against it. */
static gboolean
read_header (Header *h, GPtrArray *fields)
{
  const RlScenario *sc = h->sc;
  RlDeals *d = h->d;
  guint ni = rl_scenario_get_n_issues (sc);
  g_autofree const char **names = g_new (const char *, ni + 2);
  names[0] = "group";
  for (guint i = 0; i < ni; i++)
    names[i + 1] = rl_scenario_get_issue_id (sc, i);
  h->n_cols = fields->len;
  h->group_col = -1;
  for (guint i = 0; i < ni; i++)
    h->issue_col[i] = -1;
  gboolean ok = TRUE;
  for (guint c = 0; c < fields->len; c++)
    {
      const char *name = g_ptr_array_index (fields, c);
      g_autofree char *s = shown (name);
      if (strcmp (name, "group") == 0)
        {
          if (h->group_col >= 0)
            add_error (d, 1, "column 'group' twice (columns %d and %u)", h->group_col + 1, c + 1);
          else
            h->group_col = (int) c;
          continue;
        }
      int i = rl_scenario_find_issue (sc, name);
      if (i < 0)
        {
          g_autofree char *hint = rl_suggest_hint (name, strlen (name), names, ni + 1);
          add_error (d, 1, "column %u: '%s' is not an issue of the scenario%s; the column is "
                     "ignored", c + 1, s, hint);
          continue;
        }
      if (h->issue_col[i] >= 0)
        {
          add_error (d, 1, "column %u: issue '%s' again (first in column %d)", c + 1, s,
                     h->issue_col[i] + 1);
          continue;
        }
      h->issue_col[i] = (int) c;
    }
  if (h->group_col < 0)
    {
      add_error (d, 1, "no 'group' column: the header names the columns, 'group' and one per "
                 "issue");
      ok = FALSE;
    }
  for (guint i = 0; i < ni; i++)
    if (h->issue_col[i] < 0)
      {
        add_error (d, 1, "no column for issue '%s': every deal must name an option for every issue",
                   rl_scenario_get_issue_id (sc, i));
        ok = FALSE;
      }
  return ok;
}

RlDeals *
rl_deals_parse (const RlScenario *sc, const char *data, gsize len, const char *display_name)
{
  RlDeals *d = g_new0 (RlDeals, 1);
  d->rows = g_array_new (FALSE, TRUE, sizeof (RlDealRow));
  g_array_set_clear_func (d->rows, row_clear);
  d->errors = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (d->errors, NULL);
  d->error_lines = g_array_new (FALSE, FALSE, sizeof (guint));
  d->messages = g_ptr_array_new_with_free_func (g_free);
  d->row_error = g_ptr_array_new_with_free_func (g_free);
  d->name = g_strdup (display_name);

  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      len -= 3;
    }
  const char *bad = NULL;
  if (!g_utf8_validate_len (data, len, &bad))
    {
      guint line = 1;
      for (const char *p = data; p < bad; p++)
        line += *p == '\n';
      add_error (d, line, "the file is not UTF-8 text");
      return d;
    }
  if (memchr (data, '\0', len))
    {
      add_error (d, 1, "the file holds a NUL byte: it is not a CSV text file");
      return d;
    }

  Reader rd = { data, data + len, 1, FALSE, FALSE };
  g_autoptr (GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  guint line = 1;
  gboolean have_header = FALSE;
  while (!have_header && next_record (&rd, fields, &line))
    have_header = !is_blank (fields);
  if (!have_header)
    {
      add_error (d, 1, "the file is empty: expected a header 'group,ISSUE,...' and one row per group");
      return d;
    }
  guint ni = rl_scenario_get_n_issues (sc);
  g_autofree int *issue_col = g_new (int, ni + 1);
  Header h = { sc, d, -1, issue_col, 0, g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL) };
  if (read_header (&h, fields))
    while (next_record (&rd, fields, &line))
      {
        if (is_blank (fields) && !rd.junk)
          continue;
        if (rd.unclosed)
          {
            add_error (d, line, "a quoted field is not closed before the end of the file");
            break;
          }
        if (d->rows->len >= RL_DEBRIEF_MAX_ROWS)
          {
            add_error (d, line, "more than %d groups; the rest of the file is not read",
                       RL_DEBRIEF_MAX_ROWS);
            break;
          }
        read_row (&h, fields, line, rd.junk);
      }
  g_hash_table_unref (h.seen);
  return d;
}

/* ---- The debrief ---------------------------------------------------------------------- */

void
rl_debrief_free (RlDebrief *db)
{
  if (!db)
    return;
  for (guint k = 0; k < db->n_distinct; k++)
    rl_evaluation_free (db->distinct[k]);
  g_free (db->distinct);
  g_free (db->evaluations);
  g_clear_pointer (&db->chart, rl_report_free);
  g_clear_pointer (&db->sc, rl_scenario_unref);
  g_free (db);
}

gboolean
rl_debrief_is_complete (const RlDebrief *db)
{
  return db->complete;
}

const RlEvaluation *
rl_debrief_get_evaluation (const RlDebrief *db, guint k)
{
  g_return_val_if_fail (k < rl_deals_get_n_rows (db->deals), NULL);
  return db->evaluations[k];
}

RlScenario *
rl_debrief_get_scenario (const RlDebrief *db)
{
  return db->sc;
}

const RlDeals *
rl_debrief_get_deals (const RlDebrief *db)
{
  return db->deals;
}

guint
rl_debrief_get_n_acceptable (const RlDebrief *db)
{
  return db->n_acceptable_rows;
}

const RlReport *
rl_debrief_get_chart (const RlDebrief *db)
{
  return db->chart;
}

RlDebrief *
rl_debrief_new (RlScenario *sc, const RlDeals *deals, const RlSolveOptions *opts,
                gboolean with_chart, GError **error)
{
  RlDebrief *db = g_new0 (RlDebrief, 1);
  db->sc = rl_scenario_ref (sc);
  db->deals = deals;
  db->complete = TRUE;
  guint n = rl_deals_get_n_rows (deals);
  db->evaluations = g_new0 (RlEvaluation *, n + 1);

  /* One deadline for the whole debrief, and one evaluation of the
   * distinct good rows (groups often reach the same deal): two searches
   * whatever the number of rows. */
  RlDeadline deadline = rl_deadline_from_run (opts ? &opts->run : NULL);
  RlSolveOptions within;
  if (opts)
    within = *opts;
  else
    rl_solve_options_init (&within);
  within.run = rl_run_options_within (opts ? &opts->run : NULL, deadline);
  gsize n_issues = rl_scenario_get_n_issues (sc);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_bytes_hash, g_bytes_equal,
                                                       (GDestroyNotify) g_bytes_unref, NULL);
  g_autofree const guint8 **distinct = g_new0 (const guint8 *, n + 1);
  g_autofree guint *which = g_new0 (guint, n + 1);
  guint n_distinct = 0;
  for (guint k = 0; k < n; k++)
    {
      const RlDealRow *row = &g_array_index (deals->rows, RlDealRow, k);
      if (!row->package)
        continue;
      GBytes *key = g_bytes_new_static (row->package, n_issues);
      gpointer at;
      if (g_hash_table_lookup_extended (seen, key, NULL, &at))
        {
          which[k] = GPOINTER_TO_UINT (at);
          g_bytes_unref (key);
          continue;
        }
      distinct[n_distinct] = row->package;
      which[k] = n_distinct;
      g_hash_table_insert (seen, key, GUINT_TO_POINTER (n_distinct));
      n_distinct++;
    }
  RlEvaluation **evs = rl_evaluate_many (sc, distinct, n_distinct, &within, error);
  if (!evs)
    {
      rl_debrief_free (db);
      return NULL;
    }
  db->distinct = evs;
  db->n_distinct = n_distinct;
  for (guint k = 0; k < n; k++)
    {
      const RlDealRow *row = &g_array_index (deals->rows, RlDealRow, k);
      if (!row->package)
        continue;
      db->evaluations[k] = evs[which[k]];
      db->complete = db->complete && rl_evaluation_is_complete (db->evaluations[k]);
      db->n_acceptable_rows += rl_evaluation_is_acceptable (db->evaluations[k]);
    }
  if (with_chart)
    {
      RlReportOptions ro;
      rl_report_options_init (&ro);
      ro.run = within.run;
      if (opts)
        ro.top = MAX (opts->top, 1);
      db->chart = rl_report_new_chart_only (sc, &ro, error);
      if (!db->chart)
        {
          rl_debrief_free (db);
          return NULL;
        }
      db->complete = db->complete && rl_report_is_complete (db->chart);
      for (guint k = 0; k < n; k++)
        if (db->evaluations[k])
          rl_report_add_marker (db->chart, g_array_index (deals->rows, RlDealRow, k).group,
                                rl_evaluation_get_package (db->evaluations[k])->utilities,
                                rl_evaluation_is_acceptable (db->evaluations[k]));
    }
  return db;
}
