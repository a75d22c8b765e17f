/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * write-debrief.c: the debrief in every format (write-debrief.h): text and
 * HTML through write-doc.h, CSV, and the `redline.debrief/1` JSON document.
 */
#include "write/write-debrief.h"

#include <math.h>
#include <string.h>

#include "rl-config.h"
#include "write/write-csv.h"
#include "write/write-json.h"
#include "write/write-names.h"
#include "write/write-number.h"
#include "write/write-report.h"
#include "write/write-svg.h"

static const char *
fixed (char buf[RL_NUMBER_BUF], double x)
{
  return rl_format_fixed (buf, x, 3, FALSE);
}

static const char *
rank_text (char buf[RL_NUMBER_BUF], const RlEvaluation *ev, RlScoreKind kind)
{
  guint64 r = rl_evaluation_get_rank (ev, kind);
  /* An acceptable package's rank of 0: --timeout stopped the ranking. */
  if (r == 0)
    return rl_evaluation_is_acceptable (ev) ? "not computed" : "-";
  g_snprintf (buf, RL_NUMBER_BUF, "%" G_GUINT64_FORMAT, r);
  return buf;
}

/* Whether "PARTY/ID" is an observer's red line (which filters nothing). */
static gboolean
is_observers (const RlScenario *sc, const char *rule)
{
  const char *slash = strchr (rule, '/');
  if (!slash)
    return FALSE;
  g_autofree char *party = g_strndup (rule, (gsize) (slash - rule));
  int p = rl_scenario_find_party (sc, party);
  return p >= 0 && !rl_scenario_party_is_veto (sc, (guint) p);
}

/* The broken rules of the veto parties and constraints (@observers
 * FALSE) or of the observers, ", "-separated; FALSE when there is none. */
static gboolean
broken_list (RlDoc *doc, const RlScenario *sc, const RlEvaluation *ev, gboolean observers)
{
  const char *const *broken = rl_evaluation_get_broken (ev);
  gboolean any = FALSE;
  for (guint k = 0; broken && broken[k]; k++)
    if (is_observers (sc, broken[k]) == observers)
      {
        if (any)
          rl_doc_text (doc, ", ");
        rl_doc_code (doc, broken[k]);
        any = TRUE;
      }
  return any;
}

static gboolean
breaks_any (const RlScenario *sc, const RlEvaluation *ev, gboolean observers)
{
  const char *const *broken = rl_evaluation_get_broken (ev);
  for (guint k = 0; broken && broken[k]; k++)
    if (is_observers (sc, broken[k]) == observers)
      return TRUE;
  return FALSE;
}

/* Observers have no veto: their red lines are reported apart, as what
 * the deal costs them, never as a reason it fails. */
static void
observers_note (RlDoc *doc, const RlScenario *sc, const RlEvaluation *ev)
{
  if (!breaks_any (sc, ev, TRUE))
    return;
  rl_doc_text (doc, " Observers (no veto) see their red lines broken: ");
  broken_list (doc, sc, ev, TRUE);
  rl_doc_text (doc, ".");
}

/* "ukraine/no-withdrawal (note)" words for the reasons a deal fails. */
static void
reasons (RlDoc *doc, const RlScenario *sc, const RlEvaluation *ev)
{
  guint nb;
  const guint *below = rl_evaluation_get_below_batna (ev, &nb);
  gboolean any = FALSE;
  if (breaks_any (sc, ev, FALSE))
    {
      rl_doc_text (doc, "breaks ");
      broken_list (doc, sc, ev, FALSE);
      any = TRUE;
    }
  if (nb > 0)
    {
      rl_doc_text (doc, any ? "; below the BATNA of " : "below the BATNA of ");
      for (guint k = 0; k < nb; k++)
        {
          if (k)
            rl_doc_text (doc, ", ");
          rl_doc_text (doc, rl_scenario_get_party_id (sc, below[k]));
        }
    }
}

static void
summary_table (RlDoc *doc, const RlDebrief *db)
{
  RlScenario *sc = rl_debrief_get_scenario (db);
  const RlDeals *deals = rl_debrief_get_deals (db);
  guint np = rl_scenario_get_n_parties (sc);
  char buf[RL_NUMBER_BUF];
  g_autoptr (GPtrArray) headers = g_ptr_array_new ();
  GString *align = g_string_new ("llrrl");
  g_ptr_array_add (headers, (gpointer) "Group");
  g_ptr_array_add (headers, (gpointer) "Acceptable");
  g_ptr_array_add (headers, (gpointer) "Nash rank");
  g_ptr_array_add (headers, (gpointer) "Welfare rank");
  g_ptr_array_add (headers, (gpointer) "Pareto");
  /* Text has no room for a column per party: the details have them. */
  if (rl_doc_get_kind (doc) == RL_DOC_TEXT)
    np = 0;
  for (guint p = 0; p < np; p++)
    {
      g_ptr_array_add (headers, (gpointer) rl_scenario_get_party_id (sc, p));
      g_string_append_c (align, 'r');
    }
  g_ptr_array_add (headers, NULL);
  rl_doc_table_open (doc, "debrief", align->str, (const char *const *) headers->pdata);
  g_string_free (align, TRUE);
  for (guint k = 0; k < rl_deals_get_n_rows (deals); k++)
    {
      const RlDealRow *row = rl_deals_get_row (deals, k);
      const RlEvaluation *ev = rl_debrief_get_evaluation (db, k);
      if (!ev)
        {
          rl_doc_row_open (doc, "bad");
          rl_doc_cell (doc, row->group);
          g_autofree char *e = g_strdup_printf ("bad row (line %u): %s", row->line,
                                                rl_deals_get_row_error (deals, k));
          rl_doc_cell (doc, e);
          for (guint c = 0; c < 3 + np; c++)
            rl_doc_cell (doc, "");
          rl_doc_row_close (doc);
          continue;
        }
      gboolean ok = rl_evaluation_is_acceptable (ev);
      const RlPackage *pkg = rl_evaluation_get_package (ev);
      rl_doc_row_open (doc, ok ? "ok" : "bad");
      rl_doc_cell (doc, row->group);
      rl_doc_cell (doc, ok ? "yes" : "no");
      rl_doc_cell (doc, rank_text (buf, ev, RL_SCORE_NASH));
      rl_doc_cell (doc, rank_text (buf, ev, RL_SCORE_WELFARE));
      rl_doc_cell (doc, ok ? (!rl_evaluation_is_pareto_known (ev) ? "not computed"
                              : pkg->pareto ? "yes" : "no") : "-");
      for (guint p = 0; p < np; p++)
        rl_doc_cell (doc, fixed (buf, pkg->utilities[p]));
      rl_doc_row_close (doc);
    }
  rl_doc_table_close (doc);
}

static void
group_details (RlDoc *doc, const RlDebrief *db, guint k)
{
  RlScenario *sc = rl_debrief_get_scenario (db);
  const RlDeals *deals = rl_debrief_get_deals (db);
  guint np = rl_scenario_get_n_parties (sc);
  const RlDealRow *row = rl_deals_get_row (deals, k);
  const RlEvaluation *ev = rl_debrief_get_evaluation (db, k);
  char a[RL_NUMBER_BUF], b[RL_NUMBER_BUF], c[RL_NUMBER_BUF];
  g_autofree char *h = g_strdup_printf ("Group %s", row->group);
  rl_doc_heading (doc, 3, h);
  if (!ev)
    {
      rl_doc_paraf (doc, "Not scored: line %u of the deals file has a problem (%s).", row->line,
                    rl_deals_get_row_error (deals, k));
      return;
    }
  const RlPackage *pkg = rl_evaluation_get_package (ev);
  RlKnown n_acc = rl_evaluation_get_n_acceptable_known (ev);
  rl_doc_para_open (doc, NULL);
  rl_doc_textf (doc, "Package #%s: ", rl_write_index (sc, pkg->options));
  if (rl_evaluation_is_acceptable (ev))
    {
      char r1[RL_NUMBER_BUF], r2[RL_NUMBER_BUF], r3[RL_NUMBER_BUF], r4[RL_NUMBER_BUF];
      rl_doc_strong (doc, "acceptable");
      rl_doc_textf (doc, "; rank %s by Nash, %s by welfare, %s by Kalai and %s by the smallest "
                    "gain, of %s acceptable packages; ",
                    rank_text (r1, ev, RL_SCORE_NASH), rank_text (r2, ev, RL_SCORE_WELFARE),
                    rank_text (r3, ev, RL_SCORE_KALAI), rank_text (r4, ev, RL_SCORE_MIN_GAIN),
                    rl_format_known (a, n_acc, TRUE));
      rl_doc_text (doc, !rl_evaluation_is_pareto_known (ev) ? "Pareto-optimal or not: not computed."
                        : pkg->pareto ? "Pareto-optimal." : "not Pareto-optimal.");
    }
  else
    {
      rl_doc_strong (doc, "not acceptable");
      rl_doc_text (doc, ": ");
      reasons (doc, sc, ev);
      rl_doc_text (doc, ".");
    }
  observers_note (doc, sc, ev);
  rl_doc_para_close (doc);

  const RlPackage *dom = rl_evaluation_get_dominated_by (ev);
  const char *headers_dom[] = { "Party", "Utility", "BATNA", "Gain", "Dominating package", NULL };
  const char *headers[] = { "Party", "Utility", "BATNA", "Gain", NULL };
  rl_doc_table_open (doc, "group", "lrrrr", dom ? headers_dom : headers);
  for (guint p = 0; p < np; p++)
    {
      double batna = rl_scenario_get_party_batna (sc, p);
      rl_doc_row_open (doc, NULL);
      rl_doc_cell_open (doc, -1);
      rl_doc_text (doc, rl_write_party_name (sc, p));
      if (!rl_scenario_party_is_veto (sc, p))
        rl_doc_text (doc, " (observer)");
      rl_doc_cell_close (doc);
      rl_doc_cell (doc, fixed (a, pkg->utilities[p]));
      rl_doc_cell (doc, fixed (b, batna));
      rl_doc_cell (doc, rl_format_fixed (c, pkg->utilities[p] - batna, 3, TRUE));
      if (dom)
        rl_doc_cell (doc, fixed (a, dom->utilities[p]));
      rl_doc_row_close (doc);
    }
  rl_doc_table_close (doc);
  if (dom)
    {
      rl_doc_para_open (doc, NULL);
      rl_doc_textf (doc, "Package #%s is at least as good for every party and "
                    "better for some (the one with the largest welfare). It differs on: ", rl_write_index (sc, dom->options));
      guint nd = 0;
      for (guint i = 0; i < rl_scenario_get_n_issues (sc); i++)
        if (dom->options[i] != pkg->options[i])
          {
            if (nd++)
              rl_doc_text (doc, "; ");
            rl_doc_textf (doc, "%s: %s instead of %s", rl_write_issue_name (sc, i),
                          rl_write_option_name (sc, i, dom->options[i]),
                          rl_write_option_name (sc, i, pkg->options[i]));
          }
      rl_doc_text (doc, ".");
      rl_doc_para_close (doc);
    }
}

void
rl_write_debrief (RlDoc *doc, const RlDebrief *db, const char *file, const char *deals_file)
{
  RlScenario *sc = rl_debrief_get_scenario (db);
  const RlDeals *deals = rl_debrief_get_deals (db);
  g_autofree char *subtitle = g_strdup_printf ("Debrief: the groups' deals from %s", deals_file);
  rl_doc_begin (doc, rl_scenario_get_title (sc), subtitle);
  guint n = rl_deals_get_n_rows (deals), good = 0;
  for (guint k = 0; k < n; k++)
    good += rl_debrief_get_evaluation (db, k) != NULL;
  rl_doc_section_open (doc, "summary", "The deals at a glance");
  rl_doc_paraf (doc, "%u %s read, %u scored; %u of them acceptable to every veto party.", n,
                n == 1 ? "group" : "groups", good, rl_debrief_get_n_acceptable (db));
  const char *const *errors = rl_deals_get_errors (deals);
  if (errors[0])
    {
      rl_doc_para (doc, "Problems in the deals file:");
      rl_doc_list_open (doc, FALSE);
      for (guint k = 0; errors[k]; k++)
        {
          rl_doc_item_open (doc);
          rl_doc_code (doc, errors[k]);
          rl_doc_item_close (doc);
        }
      rl_doc_list_close (doc);
    }
  if (n > 0)
    summary_table (doc, db);
  if (!rl_debrief_is_complete (db))
    rl_doc_para (doc, "A time limit cut some searches short: ranks may be missing.");
  rl_doc_section_close (doc);

  const RlReport *r = rl_debrief_get_chart (db);
  if (r)
    {
      const RlReportChart *main_chart = rl_report_get_main_chart (r);
      guint n_pairs = rl_report_get_n_pair_charts (r);
      rl_doc_section_open (doc, "utility-space", "The deals in the utility space");
      RlCounts c;
      rl_doc_para_open (doc, NULL);
      rl_doc_textf (doc, "Each group's deal (labelled; filled when acceptable) among the acceptable "
                    "packages, by what it is worth to %s (across) and %s (up). ",
                    rl_write_party_name (sc, main_chart->x), rl_write_party_name (sc, main_chart->y));
      if (rl_result_get_counts (rl_report_get_result (r), &c) && c.acceptable == 0)
        rl_doc_text (doc, "No package is acceptable in this scenario.");
      else
        rl_doc_text (doc, "The best deals lie on the frontier line; dashed lines are BATNAs.");
      rl_doc_para_close (doc);
      g_autoptr (GString) svg = g_string_new (NULL);
      rl_svg_utility_space (svg, r, main_chart, RL_SVG_LARGE);
      rl_doc_figure (doc, "deals.svg", "The groups' deals in the utility space.", svg, NULL, NULL);
      if (n_pairs > 0)
        {
          rl_doc_grid_open (doc);
          for (guint k = 0; k < n_pairs; k++)
            {
              const RlReportChart *ch = rl_report_get_pair_chart (r, k);
              g_autoptr (GString) s = g_string_new (NULL);
              rl_svg_utility_space (s, r, ch, RL_SVG_SMALL);
              g_autofree char *cap = g_strdup_printf ("%s against %s", rl_scenario_get_party_id (sc, ch->x),
                                                      rl_scenario_get_party_id (sc, ch->y));
              g_autofree char *name = g_strdup_printf ("deals-%u.svg", k);
              rl_doc_figure (doc, name, cap, s, NULL, "small");
            }
          rl_doc_grid_close (doc);
        }
      rl_doc_section_close (doc);
    }

  rl_doc_section_open (doc, "groups", "Group by group");
  for (guint k = 0; k < n; k++)
    group_details (doc, db, k);
  rl_doc_section_close (doc);
  g_autofree char *footer = g_strdup_printf ("Generated by redline %s from %s and %s.", RL_VERSION,
                                             file, deals_file);
  rl_doc_end (doc, footer);
}

/* ---- CSV ------------------------------------------------------------------------------ */

void
rl_csv_debrief (GString *out, const RlDebrief *db)
{
  RlScenario *sc = rl_debrief_get_scenario (db);
  const RlDeals *deals = rl_debrief_get_deals (db);
  guint ni = rl_scenario_get_n_issues (sc), np = rl_scenario_get_n_parties (sc);
  gboolean first = TRUE;
  static const char *const head[] = { "group", "line", "index" };
  static const char *const tail[] = { "feasible", "compatible", "acceptable", "broken", "below_batna",
                                      "rank_welfare", "rank_nash", "rank_kalai", "rank_min_gain",
                                      "pareto", "dominated_by", "error" };
  rl_csv_fields (out, &first, head, G_N_ELEMENTS (head));
  rl_csv_package_columns (out, &first, sc);
  rl_csv_fields (out, &first, tail, G_N_ELEMENTS (tail));
  g_string_append_c (out, '\n');

  for (guint k = 0; k < rl_deals_get_n_rows (deals); k++)
    {
      const RlDealRow *row = rl_deals_get_row (deals, k);
      const RlEvaluation *ev = rl_debrief_get_evaluation (db, k);
      char buf[RL_NUMBER_BUF];
      first = TRUE;
      g_autofree char *group = g_utf8_make_valid (row->group, -1);
      rl_csv_field (out, &first, group);
      rl_csv_count (out, &first, row->line);
      if (!ev)
        {
          for (guint c = 0; c < 1 + ni + np + G_N_ELEMENTS (tail) - 1; c++)
            rl_csv_field (out, &first, "");
          rl_csv_field (out, &first, rl_deals_get_row_error (deals, k));
          g_string_append_c (out, '\n');
          continue;
        }
      const RlPackage *pkg = rl_evaluation_get_package (ev);
      rl_csv_index (out, &first, sc, pkg->options);
      rl_csv_package_cells (out, &first, sc, pkg->options, pkg->utilities);
      rl_csv_field (out, &first, rl_evaluation_is_feasible (ev) ? "true" : "false");
      rl_csv_field (out, &first, rl_evaluation_is_compatible (ev) ? "true" : "false");
      gboolean ok = rl_evaluation_is_acceptable (ev);
      rl_csv_field (out, &first, ok ? "true" : "false");
      g_autofree char *broken = g_strjoinv (";", (char **) rl_evaluation_get_broken (ev));
      rl_csv_field (out, &first, broken);
      guint nb;
      const guint *below = rl_evaluation_get_below_batna (ev, &nb);
      GString *b = g_string_new (NULL);
      for (guint j = 0; j < nb; j++)
        g_string_append_printf (b, "%s%s", j ? ";" : "", rl_scenario_get_party_id (sc, below[j]));
      rl_csv_field (out, &first, b->str);
      g_string_free (b, TRUE);
      for (guint s = 0; s < RL_N_STANDARD_SCORES; s++)
        rl_csv_field (out, &first, ok && rl_evaluation_get_rank (ev, (RlScoreKind) s) > 0
                                    ? rank_text (buf, ev, (RlScoreKind) s) : "");
      rl_csv_field (out, &first, ok && rl_evaluation_is_pareto_known (ev) ? (pkg->pareto ? "true" : "false") : "");
      const RlPackage *dom = rl_evaluation_get_dominated_by (ev);
      rl_csv_field (out, &first, dom ? rl_write_index (sc, dom->options) : "");
      rl_csv_field (out, &first, "");
      g_string_append_c (out, '\n');
    }
}

/* ---- JSON ------------------------------------------------------------------------------ */

JsonNode *
rl_json_debrief (const RlDebrief *db, const char *file, const char *deals_file)
{
  RlScenario *sc = rl_debrief_get_scenario (db);
  const RlDeals *deals = rl_debrief_get_deals (db);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  rl_json_begin_document (b, "redline.debrief/1", sc);
  json_builder_set_member_name (b, "scenario");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, rl_scenario_get_title (sc));
  json_builder_set_member_name (b, "file");
  json_builder_add_string_value (b, file);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "deals");
  json_builder_add_string_value (b, deals_file);
  json_builder_set_member_name (b, "complete");
  json_builder_add_boolean_value (b, rl_debrief_is_complete (db));

  json_builder_set_member_name (b, "groups");
  json_builder_begin_array (b);
  for (guint k = 0; k < rl_deals_get_n_rows (deals); k++)
    {
      const RlEvaluation *ev = rl_debrief_get_evaluation (db, k);
      if (!ev)
        continue;
      const RlDealRow *row = rl_deals_get_row (deals, k);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "group");
      g_autofree char *group = g_utf8_make_valid (row->group, -1);
      json_builder_add_string_value (b, group);
      json_builder_set_member_name (b, "line");
      json_builder_add_int_value (b, row->line);
      /* The members of evaluate's document, but its "format". */
      g_autoptr (JsonNode) evdoc = rl_json_evaluate (sc, (RlEvaluation *) ev);
      JsonObject *o = json_node_get_object (evdoc);
      g_autoptr (GList) members = json_object_get_members (o);
      for (GList *m = members; m; m = m->next)
        {
          if (strcmp (m->data, "format") == 0)
            continue;
          json_builder_set_member_name (b, m->data);
          json_builder_add_value (b, json_node_copy (json_object_get_member (o, m->data)));
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "errors");
  json_builder_begin_array (b);
  for (guint k = 0; k < rl_deals_get_n_errors (deals); k++)
    {
      guint line;
      const char *message = rl_deals_get_error (deals, k, &line);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "line");
      json_builder_add_int_value (b, line);
      json_builder_set_member_name (b, "message");
      json_builder_add_string_value (b, message);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}
