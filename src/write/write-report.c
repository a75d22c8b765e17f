/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * write-report.c: the report's sections (write-report.h). Every number
 * comes from the report model as it is; this file chooses words and
 * order.
 */
#include "write/write-report.h"

#include <math.h>
#include <string.h>

#include <redline/explain.h>
#include "rl-config.h"
#include "write/write-decided.h"
#include "write/write-digits.h"
#include "write/write-names.h"
#include "write/write-number.h"
#include "write/write-sensitivity.h"
#include "write/write-stability.h"
#include "write/write-svg.h"
#include "write/write-text-layout.h"

static const char *
fixed (char buf[RL_NUMBER_BUF], double x)
{
  return rl_format_fixed (buf, x, 3, FALSE);
}

static const char *
signed3 (char buf[RL_NUMBER_BUF], double x)
{
  return rl_format_fixed (buf, x, 3, TRUE);
}

static const char *
count (char buf[RL_NUMBER_BUF], guint64 n)
{
  return rl_format_count (buf, n);
}

void
rl_write_sources (RlDoc *doc, const RlScenario *sc)
{
  guint ns = rl_scenario_get_n_sources (sc);
  if (ns == 0)
    return;
  rl_doc_heading (doc, 3, "Sources");
  rl_doc_list_open (doc, FALSE);
  for (guint s = 0; s < ns; s++)
    {
      const char *title, *url, *note;
      rl_scenario_get_source (sc, s, &title, &url, &note);
      rl_doc_item_open (doc);
      rl_doc_link (doc, title, url);
      if (note)
        {
          rl_doc_text (doc, ". ");
          rl_doc_text (doc, note);
        }
      rl_doc_item_close (doc);
    }
  rl_doc_list_close (doc);
}

void
rl_write_bonuses (RlDoc *doc, const RlScenario *sc, guint p, int decimals)
{
  guint nb = rl_scenario_get_n_bonuses (sc, p);
  if (nb == 0)
    return;
  char v[RL_NUMBER_BUF];
  rl_doc_list_open (doc, FALSE);
  for (guint k = 0; k < nb; k++)
    {
      rl_doc_item_open (doc);
      rl_doc_strong (doc, rl_format_fixed (v, rl_scenario_get_bonus_value (sc, p, k), decimals, TRUE));
      rl_doc_text (doc, " when ");
      rl_doc_code (doc, rl_scenario_get_bonus_text (sc, p, k));
      if (rl_scenario_get_bonus_note (sc, p, k))
        {
          rl_doc_text (doc, ": ");
          rl_doc_text (doc, rl_scenario_get_bonus_note (sc, p, k));
        }
      rl_doc_item_close (doc);
    }
  rl_doc_list_close (doc);
}

static void
party_run (RlDoc *doc, const RlScenario *sc, guint p)
{
  rl_doc_chip (doc, rl_party_colour (p));
  rl_doc_text (doc, rl_write_party_name (sc, p));
}

/* ---- The funnel as text ----------------------------------------------------------------- */

char *
rl_write_text_funnel (const RlCounts *c)
{
  static const char *const names[] = { "package space", "feasible", "compatible", "acceptable",
                                       "Pareto-optimal" };
  guint64 v[] = { c->space, c->feasible, c->compatible, c->acceptable, c->pareto };
  double space = c->space_fits ? (double) c->space : c->space_approx;
  double full = log10 (1 + space);
  GString *s = g_string_new (NULL);
  for (guint k = 0; k < G_N_ELEMENTS (names); k++)
    {
      char n[RL_NUMBER_BUF];
      g_string_append_printf (s, "%-15s %12s  ", names[k], count (n, v[k]));
      rl_doc_text_bar (s, full > 0 ? log10 (1 + (double) v[k]) / full : 0, 40);
      g_string_append_c (s, '\n');
    }
  g_string_append (s, "(bars on a logarithmic scale)\n");
  return g_string_free (s, FALSE);
}

static char *
text_weights (const RlScenario *sc, guint p, const guint *order, guint n)
{
  GString *s = g_string_new (NULL);
  guint n_issues = order ? n : rl_scenario_get_n_issues (sc);
  double max_w = 0;
  for (guint k = 0; k < n_issues; k++)
    max_w = MAX (max_w, rl_scenario_get_party_weight (sc, p, order ? order[k] : k));
  for (guint k = 0; k < n_issues && max_w > 0; k++)
    {
      guint i = order ? order[k] : k;
      double w = rl_scenario_get_party_weight (sc, p, i);
      char pct[RL_NUMBER_BUF];
      g_autofree char *id = g_strdup (rl_scenario_get_issue_id (sc, i));
      GString *line = g_string_new (NULL);
      rl_text_append_padded (line, id, 20, FALSE);
      g_string_append_printf (line, " %6s  ", rl_format_percent (pct, w, 1));
      rl_doc_text_bar (line, w / max_w, 40);
      g_string_append_printf (s, "%s\n", line->str);
      g_string_free (line, TRUE);
    }
  return g_string_free (s, FALSE);
}

/* ---- The scenario ------------------------------------------------------------------- */

static void
section_scenario (RlDoc *doc, const RlReport *r, const char *file)
{
  RlScenario *sc = rl_report_get_scenario (r);
  rl_doc_section_open (doc, "scenario", "The scenario");
  rl_doc_para_open (doc, "note");
  rl_doc_text (doc, "File ");
  rl_doc_code (doc, file);
  if (rl_scenario_get_date (sc))
    rl_doc_textf (doc, ", dated %s", rl_scenario_get_date (sc));
  rl_doc_text (doc, ".");
  rl_doc_para_close (doc);
  rl_doc_paragraphs (doc, rl_scenario_get_description (sc));

  const char *const *changes = rl_scenario_get_changes (sc);
  if (changes && changes[0])
    {
      rl_doc_para (doc, "This is a what-if variant: these changes were applied, in order:");
      rl_doc_list_open (doc, TRUE);
      for (guint k = 0; changes[k]; k++)
        {
          rl_doc_item_open (doc);
          rl_doc_code (doc, changes[k]);
          rl_doc_item_close (doc);
        }
      rl_doc_list_close (doc);
    }
  rl_write_sources (doc, sc);
  rl_doc_section_close (doc);
}

static void
section_issues (RlDoc *doc, const RlReport *r)
{
  RlScenario *sc = rl_report_get_scenario (r);
  const guint8 *sq = rl_scenario_get_status_quo (sc);
  rl_doc_section_open (doc, "issues", "Issues and options");
  rl_doc_para (doc, "A package picks one option for every issue. Ordered issues list their "
                    "options from lowest to highest.");
  const char *headers3[] = { "Issue", "Options", "Status quo", NULL };
  const char *headers2[] = { "Issue", "Options", NULL };
  rl_doc_table_open (doc, "issues", "lll", sq ? headers3 : headers2);
  for (guint i = 0; i < rl_scenario_get_n_issues (sc); i++)
    {
      rl_doc_row_open (doc, NULL);
      rl_doc_cell_open (doc, -1);
      rl_doc_strong (doc, rl_write_issue_name (sc, i));
      rl_doc_text (doc, " ");
      rl_doc_code (doc, rl_scenario_get_issue_id (sc, i));
      if (rl_scenario_get_issue_description (sc, i))
        {
          rl_doc_text (doc, ". ");
          rl_doc_text (doc, rl_scenario_get_issue_description (sc, i));
        }
      rl_doc_cell_close (doc);
      rl_doc_cell_open (doc, -1);
      gboolean ordered = rl_scenario_issue_is_ordered (sc, i);
      for (guint k = 0; k < rl_scenario_get_n_options (sc, i); k++)
        {
          if (k)
            rl_doc_text (doc, ordered ? " < " : "; ");
          rl_doc_text (doc, rl_write_option_name (sc, i, k));
          if (rl_scenario_get_option_label (sc, i, k)
              && strcmp (rl_scenario_get_option_label (sc, i, k), rl_scenario_get_option_id (sc, i, k)) != 0)
            {
              rl_doc_text (doc, " ");
              rl_doc_code (doc, rl_scenario_get_option_id (sc, i, k));
            }
        }
      rl_doc_cell_close (doc);
      if (sq)
        rl_doc_cell (doc, rl_write_option_name (sc, i, sq[i]));
      rl_doc_row_close (doc);
    }
  rl_doc_table_close (doc);

  guint nc = rl_scenario_get_n_constraints (sc);
  if (nc > 0)
    {
      rl_doc_heading (doc, 3, "Constraints: what no package can contain");
      rl_doc_list_open (doc, FALSE);
      for (guint c = 0; c < nc; c++)
        {
          const RlNamedRule *rule = rl_scenario_get_constraint (sc, c);
          rl_doc_item_open (doc);
          rl_doc_strong (doc, rl_named_rule_get_id (rule));
          rl_doc_text (doc, ": ");
          rl_doc_code (doc, rl_named_rule_get_text (rule));
          if (rl_named_rule_get_note (rule))
            {
              rl_doc_text (doc, ". ");
              rl_doc_text (doc, rl_named_rule_get_note (rule));
            }
          rl_doc_item_close (doc);
        }
      rl_doc_list_close (doc);
    }
  rl_doc_section_close (doc);
}

static void
party_notes (RlDoc *doc, const RlScenario *sc, guint p)
{
  static const struct { const char *key, *title; } keys[] = {
    { "batna", "Why this BATNA" }, { "power", "Why this bargaining power" },
    { "weights", "Why these weights" }, { "values", "Why these values" },
  };
  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      const char *note = rl_scenario_get_party_note (sc, p, keys[k].key);
      if (note)
        rl_doc_para_titled (doc, keys[k].title, note);
    }
}

static void
section_parties (RlDoc *doc, const RlReport *r)
{
  RlScenario *sc = rl_report_get_scenario (r);
  guint np = rl_scenario_get_n_parties (sc);
  char a[RL_NUMBER_BUF], b[RL_NUMBER_BUF], c[RL_NUMBER_BUF], d[RL_NUMBER_BUF];
  rl_doc_section_open (doc, "parties", "The parties");
  rl_doc_para (doc, "Veto parties must all agree: their red lines and BATNAs (best alternative "
                    "to a negotiated agreement: what walking away is worth) decide which packages "
                    "are acceptable. Observers are scored and reported but filter nothing. "
                    "Utilities run from 0 (the worst option on every issue) to 1 (the best), "
                    "plus bonuses.");
  const RlEvaluation *sq = rl_report_get_status_quo (r);
  const char *headers[] = { "Party", "Role", "Power", "BATNA", "Ideal", sq ? "Status quo" : NULL, NULL };
  rl_doc_table_open (doc, "parties", "llrrrr", headers);
  for (guint p = 0; p < np; p++)
    {
      double id;
      rl_doc_row_open (doc, NULL);
      rl_doc_cell_open (doc, -1);
      party_run (doc, sc, p);
      rl_doc_text (doc, " ");
      rl_doc_code (doc, rl_scenario_get_party_id (sc, p));
      rl_doc_cell_close (doc);
      rl_doc_cell (doc, rl_scenario_party_is_veto (sc, p) ? "veto" : "observer");
      rl_doc_cell (doc, rl_format_fixed (a, rl_scenario_get_party_power (sc, p), 2, FALSE));
      rl_doc_cell (doc, fixed (b, rl_scenario_get_party_batna (sc, p)));
      rl_doc_cell (doc, rl_result_get_ideal (rl_report_get_result (r), p, &id) ? fixed (c, id) : "-");
      if (sq)
        rl_doc_cell (doc, fixed (d, rl_evaluation_get_package (sq)->utilities[p]));
      rl_doc_row_close (doc);
    }
  rl_doc_table_close (doc);
  rl_doc_para_open (doc, "note");
  rl_doc_text (doc, "Ideal: the party's best utility over the acceptable packages (\"-\" when "
                    "nothing is acceptable).");
  rl_doc_para_close (doc);

  for (guint p = 0; p < np; p++)
    {
      g_autofree char *h = g_strdup_printf ("%s (%s)", rl_write_party_name (sc, p),
                                            rl_scenario_party_is_veto (sc, p) ? "veto" : "observer");
      rl_doc_heading (doc, 3, h);
      rl_doc_paragraphs (doc, rl_scenario_get_party_description (sc, p));
      g_autoptr (GString) svg = g_string_new (NULL);
      rl_svg_weights (svg, sc, p, NULL, 0);
      g_autofree char *text = text_weights (sc, p, NULL, 0);
      g_autofree char *name = g_strdup_printf ("weights-%s.svg", rl_scenario_get_party_id (sc, p));
      g_autofree char *cap = g_strdup_printf ("Priorities of %s: each issue's share of its weights.",
                                              rl_write_party_name (sc, p));
      rl_doc_figure (doc, name, cap, svg, text, NULL);
      if (rl_scenario_get_n_bonuses (sc, p) > 0)
        rl_doc_para (doc, "Bonuses, added when their rule holds:");
      rl_write_bonuses (doc, sc, p, 3);
      party_notes (doc, sc, p);
    }
  rl_doc_section_close (doc);
}

static void
section_values (RlDoc *doc, const RlReport *r)
{
  RlScenario *sc = rl_report_get_scenario (r);
  guint np = rl_scenario_get_n_parties (sc);
  char buf[RL_NUMBER_BUF];
  rl_doc_section_open (doc, "values", "What each option is worth to each party");
  rl_doc_para (doc, "Values from 0 (worst) to 1 (best) on each issue; darker is better. "
                    "An empty cell: the party gives the issue no weight.");
  g_autoptr (GPtrArray) headers = g_ptr_array_new ();
  GString *align = g_string_new ("ll");
  g_ptr_array_add (headers, (gpointer) "Issue");
  g_ptr_array_add (headers, (gpointer) "Option");
  for (guint p = 0; p < np; p++)
    {
      g_ptr_array_add (headers, (gpointer) rl_scenario_get_party_id (sc, p));
      g_string_append_c (align, 'r');
    }
  g_ptr_array_add (headers, NULL);
  rl_doc_table_open (doc, "values", align->str, (const char *const *) headers->pdata);
  g_string_free (align, TRUE);
  for (guint i = 0; i < rl_scenario_get_n_issues (sc); i++)
    for (guint k = 0; k < rl_scenario_get_n_options (sc, i); k++)
      {
        rl_doc_row_open (doc, NULL);
        rl_doc_cell (doc, k == 0 ? rl_scenario_get_issue_id (sc, i) : "");
        rl_doc_cell (doc, rl_scenario_get_option_id (sc, i, k));
        for (guint p = 0; p < np; p++)
          {
            if (rl_scenario_get_party_weight (sc, p, i) > 0)
              {
                double v = rl_scenario_get_party_value (sc, p, i, k);
                rl_doc_cell_open (doc, v);
                rl_doc_text (doc, rl_format_fixed (buf, v, 2, FALSE));
                rl_doc_cell_close (doc);
              }
            else
              rl_doc_cell (doc, "");
          }
        rl_doc_row_close (doc);
      }
  rl_doc_table_close (doc);
  rl_doc_section_close (doc);
}

/* ---- Red lines ----------------------------------------------------------------------- */

static int
find_blocker (const RlExplanation *ex, const RlScenario *sc, guint p, const RlNamedRule *rule)
{
  if (!ex)
    return -1;
  g_autofree char *id = rule ? g_strdup_printf ("%s/%s", rl_scenario_get_party_id (sc, p),
                                                rl_named_rule_get_id (rule))
                             : g_strdup_printf ("%s/batna", rl_scenario_get_party_id (sc, p));
  for (guint b = 0; b < rl_explanation_get_n_blockers (ex); b++)
    if (strcmp (rl_explanation_get_blocker_id (ex, b), id) == 0)
      return (int) b;
  return -1;
}

static void
binds_cell (RlDoc *doc, const RlReport *r, guint p, const RlNamedRule *rule)
{
  RlScenario *sc = rl_report_get_scenario (r);
  const RlExplanation *ex = rl_report_get_explanation (r);
  char a[RL_NUMBER_BUF], b[RL_NUMBER_BUF], c[RL_NUMBER_BUF];
  rl_doc_cell_open (doc, -1);
  if (!rl_scenario_party_is_veto (sc, p))
    rl_doc_text (doc, "observer: filters nothing, reported as kept or broken");
  else
    {
      int k = find_blocker (ex, sc, p, rule);
      if (k < 0)
        rl_doc_text (doc, rl_report_get_explain_error (r) ? "unknown (explain could not run)" : "-");
      else
        {
          RlKnown excl = rl_explanation_get_blocker_excludes (ex, (guint) k);
          RlKnown sole = rl_explanation_get_blocker_sole (ex, (guint) k);
          /* A finding only from a finished count: a bound is said as one,
           * and what was not counted is said to be unknown. */
          if (excl.kind == RL_KNOWN_UNKNOWN || (excl.kind == RL_KNOWN_UPPER && excl.value > 0
                                                && sole.kind == RL_KNOWN_UNKNOWN))
            rl_doc_text (doc, "not computed: the search ran out of time before it counted this one");
          else if (rl_known_is_exact_zero (excl))
            rl_doc_text (doc, "does not bind: every feasible package keeps it");
          else if (excl.kind != RL_KNOWN_EXACT || sole.kind != RL_KNOWN_EXACT)
            {
              rl_doc_strong (doc, rl_known_is_positive (sole) ? "binds" : "may bind");
              rl_doc_textf (doc, ": rules out %s feasible packages, %s of them by itself "
                            "(the count ran out of time: bounds, not exact)",
                            rl_format_known (a, excl, TRUE), rl_format_known (b, sole, TRUE));
            }
          else
            {
              if (sole.value > 0)
                {
                  rl_doc_strong (doc, "binds");
                  rl_doc_textf (doc, ": rules out %s feasible packages, %s of them by itself",
                                count (a, excl.value), count (b, sole.value));
                }
              else
                {
                  rl_doc_strong (doc, "binds with others");
                  rl_doc_textf (doc, ": rules out %s feasible packages, each also ruled out "
                                "by another red line or BATNA", count (a, excl.value));
                }
              double price;
              if (rl_explanation_get_blocker_price (ex, (guint) k, &price))
                {
                  if (fabs (price) > 1e-12)
                    rl_doc_textf (doc, "; dropping it alone would change the best %s by %s",
                                  rl_score_name (rl_report_get_options (r)->rank.kind), signed3 (c, price));
                  else
                    rl_doc_textf (doc, "; dropping it alone would not raise the best %s",
                                  rl_score_name (rl_report_get_options (r)->rank.kind));
                }
            }
        }
    }
  rl_doc_cell_close (doc);
}

static void
section_red_lines (RlDoc *doc, const RlReport *r)
{
  RlScenario *sc = rl_report_get_scenario (r);
  guint np = rl_scenario_get_n_parties (sc);
  rl_doc_section_open (doc, "red-lines", "Red lines");
  rl_doc_para (doc, "Every party's red lines with why and where they come from, and what "
                    "each one does to the package space: a red line binds when some feasible "
                    "package is ruled out by it alone. Private red lines are left out of the "
                    "other parties' briefs.");
  const RlExplanation *ex = rl_report_get_explanation (r);
  if (ex && !rl_explanation_is_complete (ex))
    rl_doc_para (doc, "This section did not finish: the search that counts what each red line "
                      "and BATNA rules out ran out of time. A count below is exact unless it "
                      "says \"at least\" or \"at most\" (a bound), and a red line not counted "
                      "yet is marked \"not computed\".");
  for (guint pass = 0; pass < 2; pass++)
    for (guint p = 0; p < np; p++)
      {
        if (rl_scenario_party_is_veto (sc, p) != (pass == 0))
          continue;
        guint nr = rl_scenario_get_n_red_lines (sc, p);
        rl_doc_heading (doc, 3, rl_write_party_name (sc, p));
        if (nr == 0 && !rl_scenario_party_is_veto (sc, p))
          {
            rl_doc_para (doc, "No red lines.");
            continue;
          }
        const char *headers[] = { "Red line", "Why, and the source", "Effect", NULL };
        rl_doc_table_open (doc, "red-lines", "lll", headers);
        for (guint l = 0; l < nr; l++)
          {
            const RlNamedRule *rule = rl_scenario_get_red_line (sc, p, l);
            rl_doc_row_open (doc, NULL);
            rl_doc_cell_open (doc, -1);
            rl_doc_strong (doc, rl_named_rule_get_id (rule));
            if (!rl_named_rule_is_public (rule))
              rl_doc_em (doc, " (private)");
            rl_doc_text (doc, ": ");
            rl_doc_code (doc, rl_named_rule_get_text (rule));
            rl_doc_cell_close (doc);
            rl_doc_cell_open (doc, -1);
            rl_doc_text (doc, rl_named_rule_get_note (rule) ? rl_named_rule_get_note (rule) : "");
            if (rl_named_rule_get_source (rule))
              {
                rl_doc_text (doc, " Source: ");
                rl_doc_em (doc, rl_named_rule_get_source (rule));
              }
            rl_doc_cell_close (doc);
            binds_cell (doc, r, p, rule);
            rl_doc_row_close (doc);
          }
        if (rl_scenario_party_is_veto (sc, p))
          {
            char b[RL_NUMBER_BUF];
            rl_doc_row_open (doc, NULL);
            rl_doc_cell_open (doc, -1);
            rl_doc_strong (doc, "BATNA");
            rl_doc_textf (doc, ": utility at least %s", fixed (b, rl_scenario_get_party_batna (sc, p)));
            rl_doc_cell_close (doc);
            rl_doc_cell (doc, rl_scenario_get_party_note (sc, p, "batna")
                                ? rl_scenario_get_party_note (sc, p, "batna") : "");
            binds_cell (doc, r, p, NULL);
            rl_doc_row_close (doc);
          }
        rl_doc_table_close (doc);
      }
  if (ex && rl_explanation_get_n_blockers (ex) > 0)
    {
      g_autoptr (GString) svg = g_string_new (NULL);
      rl_svg_blockers (svg, ex);
      rl_doc_figure (doc, "blockers.svg",
                     "What each veto party's red line and BATNA rules out of the feasible packages.",
                     svg, NULL, NULL);
    }
  rl_doc_section_close (doc);
}

/* ---- The funnel ------------------------------------------------------------------------ */

static void
section_funnel (RlDoc *doc, const RlReport *r)
{
  RlCounts c;
  char a[RL_NUMBER_BUF], b[RL_NUMBER_BUF], d[RL_NUMBER_BUF], e[RL_NUMBER_BUF], f[RL_NUMBER_BUF];
  rl_doc_section_open (doc, "funnel", "The funnel: from every package to the best ones");
  if (!rl_result_get_counts (rl_report_get_result (r), &c))
    {
      rl_doc_para (doc, "The counts were not computed.");
      rl_doc_section_close (doc);
      return;
    }
  rl_doc_paraf (doc, "Of %s possible packages, %s satisfy the constraints (feasible), %s also keep "
                "every veto party's red lines (compatible), %s also give every veto party at "
                "least its BATNA (acceptable: the zone of possible agreement), and %s of those "
                "are Pareto-optimal: no other acceptable package is at least as good for every "
                "party and better for one.",
                count (a, c.space), count (b, c.feasible), count (d, c.compatible),
                count (e, c.acceptable), count (f, c.pareto));
  /* cli.md's `decided`: what the counts cannot show, that the red lines
   * (and the BATNAs) may leave an issue no choice at all. */
  g_autofree char *red_lines = NULL;
  g_autofree char *batnas = NULL;
  rl_write_decided (rl_report_get_result (r), &red_lines, &batnas);
  if (red_lines)
    rl_doc_para (doc, red_lines);
  if (batnas)
    rl_doc_para (doc, batnas);
  g_autoptr (GString) svg = g_string_new (NULL);
  rl_svg_funnel (svg, &c);
  g_autofree char *text = rl_write_text_funnel (&c);
  rl_doc_figure (doc, "funnel.svg", "The funnel (logarithmic scale).", svg, text, NULL);
  rl_doc_section_close (doc);
}

/* ---- The best packages ------------------------------------------------------------------ */

static void
package_name (RlDoc *doc, const RlScenario *sc, const RlPackage *pkg)
{
  rl_doc_textf (doc, "#%s", rl_write_index (sc, pkg->options));
}

/* The top package of score @k; only for a score that lists one. */
static const RlPackage *
choice (const RlReport *r, guint k)
{
  const RlPackage *pkg = rl_result_get_top (rl_report_get_result_by_score (r, (RlScoreKind) k), 0);
  g_assert (pkg != NULL);
  return pkg;
}

static void
agreement_words (RlDoc *doc, const RlReport *r)
{
  guint leaders = 0;
  for (guint k = 0; k < RL_N_STANDARD_SCORES; k++)
    leaders += rl_report_get_same_as (r, (RlScoreKind) k) == (int) k;
  rl_doc_para_open (doc, NULL);
  if (leaders == 1)
    {
      rl_doc_text (doc, "All four scores choose the same package, ");
      for (guint k = 0; k < RL_N_STANDARD_SCORES; k++)
        if (rl_report_get_same_as (r, (RlScoreKind) k) == (int) k)
          package_name (doc, rl_report_get_scenario (r), choice (r, k));
      rl_doc_text (doc, ": the efficient choice (Nash, welfare) and the fair ones (Kalai, "
                        "egalitarian) agree.");
    }
  else
    {
      rl_doc_text (doc, "The scores do not agree. ");
      for (guint k = 0; k < RL_N_STANDARD_SCORES; k++)
        {
          if (rl_report_get_same_as (r, (RlScoreKind) k) != (int) k)
            continue;
          guint n = 0;
          for (guint j = 0; j < RL_N_STANDARD_SCORES; j++)
            if (rl_report_get_same_as (r, (RlScoreKind) j) == (int) k)
              {
                if (n)
                  rl_doc_text (doc, " and ");
                rl_doc_strong (doc, rl_score_label ((RlScoreKind) j));
                n++;
              }
          rl_doc_text (doc, n > 1 ? " choose " : " chooses ");
          package_name (doc, rl_report_get_scenario (r), choice (r, k));
          rl_doc_text (doc, ". ");
        }
      rl_doc_text (doc, "Where they differ, the table below shades the issue.");
    }
  rl_doc_para_close (doc);
}

static void
choices_table (RlDoc *doc, const RlReport *r)
{
  RlScenario *sc = rl_report_get_scenario (r);
  guint np = rl_scenario_get_n_parties (sc);
  char buf[RL_NUMBER_BUF];
  g_autoptr (GPtrArray) headers = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (headers, g_strdup (""));
  guint leaders[RL_N_STANDARD_SCORES], nl = 0;
  for (guint k = 0; k < RL_N_STANDARD_SCORES; k++)
    if (rl_report_get_same_as (r, (RlScoreKind) k) == (int) k)
      {
        GString *h = g_string_new (NULL);
        for (guint j = 0; j < RL_N_STANDARD_SCORES; j++)
          if (rl_report_get_same_as (r, (RlScoreKind) j) == (int) k)
            g_string_append_printf (h, "%s%s", h->len ? " = " : "", rl_score_label ((RlScoreKind) j));
        g_string_append_printf (h, " (#%s)", rl_write_index (sc, choice (r, k)->options));
        g_ptr_array_add (headers, g_string_free (h, FALSE));
        leaders[nl++] = k;
      }
  g_ptr_array_add (headers, NULL);
  rl_doc_table_open (doc, "choices", nl > 1 ? "lllll" : "ll", (const char *const *) headers->pdata);
  for (guint i = 0; i < rl_scenario_get_n_issues (sc); i++)
    {
      gboolean differs = FALSE;
      for (guint l = 1; l < nl; l++)
        differs = differs || choice (r, leaders[l])->options[i] != choice (r, leaders[0])->options[i];
      rl_doc_row_open (doc, differs ? "differs" : NULL);
      rl_doc_cell (doc, rl_write_issue_name (sc, i));
      for (guint l = 0; l < nl; l++)
        rl_doc_cell (doc, rl_write_option_name (sc, i, choice (r, leaders[l])->options[i]));
      rl_doc_row_close (doc);
    }
  for (guint p = 0; p < np; p++)
    {
      rl_doc_row_open (doc, NULL);
      rl_doc_cell_open (doc, -1);
      rl_doc_text (doc, "utility of ");
      party_run (doc, sc, p);
      rl_doc_cell_close (doc);
      for (guint l = 0; l < nl; l++)
        rl_doc_cell (doc, fixed (buf, choice (r, leaders[l])->utilities[p]));
      rl_doc_row_close (doc);
    }
  for (guint s = 0; s < RL_N_STANDARD_SCORES; s++)
    {
      rl_doc_row_open (doc, NULL);
      g_autofree char *label = g_strdup_printf ("score: %s", rl_score_name ((RlScoreKind) s));
      rl_doc_cell (doc, label);
      for (guint l = 0; l < nl; l++)
        {
          const RlPackage *pkg = choice (r, leaders[l]);
          rl_doc_cell (doc, s == RL_SCORE_KALAI && !pkg->has_kalai ? "-"
                                 : rl_format_score_fixed (buf, (RlScoreKind) s, pkg->scores[s], 3));
        }
      rl_doc_row_close (doc);
    }
  rl_doc_table_close (doc);
}

static void
top_table (RlDoc *doc, const RlReport *r, const RlResult *res, RlScoreKind kind, gboolean options)
{
  RlScenario *sc = rl_report_get_scenario (r);
  guint np = rl_scenario_get_n_parties (sc);
  char buf[RL_NUMBER_BUF];
  g_autoptr (GPtrArray) headers = g_ptr_array_new ();
  GString *align = g_string_new ("rrr");
  g_ptr_array_add (headers, (gpointer) "Rank");
  g_ptr_array_add (headers, (gpointer) "Package");
  g_ptr_array_add (headers, (gpointer) rl_score_name (kind));
  for (guint p = 0; p < np; p++)
    {
      g_ptr_array_add (headers, (gpointer) rl_scenario_get_party_id (sc, p));
      g_string_append_c (align, 'r');
    }
  g_ptr_array_add (headers, (gpointer) "Pareto");
  g_string_append_c (align, 'l');
  if (options)
    {
      g_ptr_array_add (headers, (gpointer) "Options");
      g_string_append_c (align, 'l');
    }
  g_ptr_array_add (headers, NULL);
  rl_doc_table_open (doc, "top", align->str, (const char *const *) headers->pdata);
  g_string_free (align, TRUE);
  for (guint t = 0; t < rl_result_get_n_top (res); t++)
    {
      const RlPackage *pkg = rl_result_get_top (res, t);
      rl_doc_row_open (doc, NULL);
      rl_doc_cell (doc, g_ascii_dtostr (buf, sizeof buf, pkg->rank));
      rl_doc_cell_open (doc, -1);
      package_name (doc, rl_report_get_scenario (r), pkg);
      rl_doc_cell_close (doc);
      rl_doc_cell (doc, kind == RL_SCORE_KALAI && !pkg->has_kalai ? "-"
                             : rl_format_score_fixed (buf, kind, pkg->scores[kind], 3));
      for (guint p = 0; p < np; p++)
        rl_doc_cell (doc, fixed (buf, pkg->utilities[p]));
      rl_doc_cell (doc, pkg->pareto ? "yes" : "no");
      if (options)
        {
          GString *o = g_string_new (NULL);
          for (guint i = 0; i < rl_scenario_get_n_issues (sc); i++)
            g_string_append_printf (o, "%s%s=%s", i ? ", " : "", rl_scenario_get_issue_id (sc, i),
                                    rl_scenario_get_option_id (sc, i, pkg->options[i]));
          rl_doc_cell_open (doc, -1);
          rl_doc_code (doc, o->str);
          rl_doc_cell_close (doc);
          g_string_free (o, TRUE);
        }
      rl_doc_row_close (doc);
    }
  rl_doc_table_close (doc);
}

static void
section_best (RlDoc *doc, const RlReport *r)
{
  const RlResult *res = rl_report_get_result (r);
  const RlRank *rank = &rl_report_get_options (r)->rank;
  rl_doc_section_open (doc, "best", "The best packages, by four measures");
  if (rl_result_get_n_top (res) == 0 && rl_report_get_same_as (r, RL_SCORE_NASH) < 0)
    {
      rl_doc_para (doc, "No package is acceptable, so there is nothing to rank: see why below.");
      rl_doc_section_close (doc);
      return;
    }
  rl_doc_para (doc, "Four ways to pick one package from the zone of agreement: the Nash product "
                    "(the product of every veto party's gain over its BATNA, weighted by power: "
                    "efficient and balanced), Kalai (the largest equal share of each party's "
                    "possible gain), max welfare (the largest sum of utilities, observers "
                    "included) and egalitarian (the largest smallest gain).");
  agreement_words (doc, r);
  choices_table (doc, r);
  for (guint k = 0; k < RL_N_STANDARD_SCORES; k++)
    {
      const RlResult *by = rl_report_get_result_by_score (r, (RlScoreKind) k);
      guint n = rl_result_get_n_top (by);
      if (n == 0)
        continue;
      g_autofree char *h = g_strdup_printf ("Top %u by %s", n, rl_score_label ((RlScoreKind) k));
      rl_doc_heading (doc, 3, h);
      top_table (doc, r, by, (RlScoreKind) k, by == res);
    }
  if (rank->kind >= RL_N_STANDARD_SCORES && rl_result_get_n_top (res) > 0)
    {
      g_autofree char *name = rl_rank_to_string (rl_report_get_scenario (r), rank);
      g_autofree char *h = g_strdup_printf ("Top %u by %s", rl_result_get_n_top (res), name);
      rl_doc_heading (doc, 3, h);
      top_table (doc, r, res, RL_SCORE_NASH, TRUE);
    }
  rl_doc_section_close (doc);
}

/* ---- The status quo ------------------------------------------------------------------------ */

static void
section_status_quo (RlDoc *doc, const RlReport *r)
{
  const RlEvaluation *sq = rl_report_get_status_quo (r);
  if (!sq)
    return;
  RlScenario *sc = rl_report_get_scenario (r);
  guint np = rl_scenario_get_n_parties (sc);
  char buf[RL_NUMBER_BUF];
  rl_doc_section_open (doc, "status-quo", "Against the status quo");
  const char *const *broken = rl_evaluation_get_broken (sq);
  guint nb;
  rl_evaluation_get_below_batna (sq, &nb);
  rl_doc_para_open (doc, NULL);
  rl_doc_text (doc, "The status quo (the options marked in the issues table) is ");
  if (rl_evaluation_is_acceptable (sq))
    rl_doc_strong (doc, "itself acceptable");
  else
    {
      rl_doc_strong (doc, "not acceptable");
      if (broken && broken[0])
        {
          rl_doc_text (doc, ": it breaks ");
          for (guint k = 0; broken[k]; k++)
            {
              if (k)
                rl_doc_text (doc, ", ");
              rl_doc_code (doc, broken[k]);
            }
        }
      if (nb > 0)
        rl_doc_textf (doc, "%s %u veto %s below %s BATNA", broken && broken[0] ? ", and leaves" : ": it leaves",
                      nb, nb == 1 ? "party" : "parties", nb == 1 ? "its" : "their");
    }
  rl_doc_text (doc, ". Each party's gain over it with each score's choice:");
  rl_doc_para_close (doc);

  g_autoptr (GPtrArray) headers = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (headers, g_strdup ("Party"));
  g_ptr_array_add (headers, g_strdup ("Status quo"));
  for (guint k = 0; k < RL_N_STANDARD_SCORES; k++)
    if (rl_report_get_status_quo_gain (r, (RlScoreKind) k))
      g_ptr_array_add (headers, g_strdup_printf ("%s (#%s)",
                                                 rl_score_label ((RlScoreKind) k), rl_write_index (sc, choice (r, k)->options)));
  g_ptr_array_add (headers, NULL);
  rl_doc_table_open (doc, "status-quo", "lrrrrr", (const char *const *) headers->pdata);
  for (guint p = 0; p < np; p++)
    {
      rl_doc_row_open (doc, NULL);
      rl_doc_cell_open (doc, -1);
      party_run (doc, sc, p);
      rl_doc_cell_close (doc);
      rl_doc_cell (doc, fixed (buf, rl_evaluation_get_package (sq)->utilities[p]));
      for (guint k = 0; k < RL_N_STANDARD_SCORES; k++)
        {
          const double *gain = rl_report_get_status_quo_gain (r, (RlScoreKind) k);
          if (gain)
            rl_doc_cell (doc, signed3 (buf, gain[p]));
        }
      rl_doc_row_close (doc);
    }
  rl_doc_table_close (doc);
  rl_doc_section_close (doc);
}

/* ---- The utility space ---------------------------------------------------------------------- */

static void
section_space (RlDoc *doc, const RlReport *r)
{
  RlScenario *sc = rl_report_get_scenario (r);
  const RlReportChart *main_chart = rl_report_get_main_chart (r);
  guint n_near = rl_report_get_n_near (r), n_pairs = rl_report_get_n_pair_charts (r);
  char a[RL_NUMBER_BUF];
  rl_doc_section_open (doc, "utility-space", "The utility space");
  RlCounts c;
  gboolean has = rl_result_get_counts (rl_report_get_result (r), &c);
  if (!has || c.acceptable == 0)
    {
      rl_doc_para (doc, "No package is acceptable: the chart would be empty. \u201cWhy there is no "
                        "deal\u201d, at the top of the report, says what stands in the way.");
      rl_doc_section_close (doc);
      return;
    }
  rl_doc_para_open (doc, NULL);
  rl_doc_textf (doc, "Each acceptable package placed by what it is worth to %s (across) and to %s "
                "(up). ", rl_write_party_name (sc, main_chart->x), rl_write_party_name (sc, main_chart->y));
  if (rl_report_is_dense (r))
    rl_doc_textf (doc, "There are %s acceptable packages, too many for dots: shaded cells count "
                  "them. ", count (a, c.acceptable));
  if (rl_report_is_pareto_dense (r))
    rl_doc_textf (doc, "The %s Pareto-optimal packages are too many for dots as well: a blue "
                  "square in a cell grows with how many of them it holds. ", count (a, c.pareto));
  else
    rl_doc_text (doc, "Blue dots are the Pareto-optimal packages. ");
  if (n_near > 0)
    rl_doc_textf (doc, "Faint rings are the %u packages that keep every red line but leave some "
                  "veto party below its BATNA. ", n_near);
  rl_doc_text (doc, "The line is the frontier of the two parties drawn: the acceptable packages "
                    "that no other acceptable package beats for both of them. With more parties, "
                    "Pareto-optimal packages lie below it too, optimal because of a third party. "
                    "Dashed lines are BATNAs: the zone of agreement lies above and to the right of "
                    "them.");
  rl_doc_para_close (doc);
  g_autoptr (GString) svg = g_string_new (NULL);
  rl_svg_utility_space (svg, r, main_chart, RL_SVG_LARGE);
  g_autofree char *cap = g_strdup_printf ("Utility space: %s against %s.", rl_write_party_name (sc, main_chart->x),
                                          rl_write_party_name (sc, main_chart->y));
  g_autofree char *name = g_strdup_printf ("space-%s-%s.svg", rl_scenario_get_party_id (sc, main_chart->x),
                                           rl_scenario_get_party_id (sc, main_chart->y));
  rl_doc_figure (doc, name, cap, svg, NULL, NULL);

  if (n_pairs > 0)
    {
      rl_doc_heading (doc, 3, "Every pair of veto parties");
      rl_doc_para (doc, "The same chart for each pair of veto parties, so that no party's view is "
                        "left out.");
      rl_doc_grid_open (doc);
      for (guint k = 0; k < n_pairs; k++)
        {
          const RlReportChart *ch = rl_report_get_pair_chart (r, k);
          g_autoptr (GString) s = g_string_new (NULL);
          rl_svg_utility_space (s, r, ch, RL_SVG_SMALL);
          g_autofree char *pc = g_strdup_printf ("%s against %s", rl_scenario_get_party_id (sc, ch->x),
                                                 rl_scenario_get_party_id (sc, ch->y));
          g_autofree char *pn = g_strdup_printf ("pair-%s-%s.svg", rl_scenario_get_party_id (sc, ch->x),
                                                 rl_scenario_get_party_id (sc, ch->y));
          rl_doc_figure (doc, pn, pc, s, NULL, "small");
        }
      rl_doc_grid_close (doc);
    }
  else if (rl_report_has_parallel_chart (r))
    {
      rl_doc_heading (doc, 3, "The frontier across every veto party");
      rl_doc_para (doc, "With this many veto parties a grid of pair charts would be too large to "
                        "read, so each Pareto-optimal package is one line across an axis per veto "
                        "party (an even sample of them when there are many), and the top packages "
                        "by the report's score are drawn over them.");
      g_autoptr (GString) s = g_string_new (NULL);
      rl_svg_parallel (s, r);
      rl_doc_figure (doc, "parallel.svg", "The Pareto frontier in parallel coordinates.", s, NULL, NULL);
    }
  rl_doc_section_close (doc);
}

/* ---- No deal ------------------------------------------------------------------------------- */

static void
blocker_words (RlDoc *doc, const RlExplanation *ex, guint b)
{
  RlScenario *sc = rl_explanation_get_scenario (ex);
  guint p = rl_explanation_get_blocker_party (ex, b);
  const RlNamedRule *rule = rl_explanation_get_blocker_rule (ex, b);
  rl_doc_text (doc, rl_write_party_name (sc, p));
  if (rule)
    {
      rl_doc_text (doc, "'s red line ");
      rl_doc_code (doc, rl_named_rule_get_id (rule));
    }
  else
    rl_doc_text (doc, "'s BATNA");
}

static void
blocker_list (RlDoc *doc, const RlExplanation *ex, const guint *members, guint n)
{
  for (guint k = 0; k < n; k++)
    {
      if (k)
        rl_doc_text (doc, k + 1 == n ? " and " : ", ");
      blocker_words (doc, ex, members[k]);
    }
}

static void
section_no_deal (RlDoc *doc, const RlReport *r)
{
  RlCounts c;
  if (!rl_result_get_counts (rl_report_get_result (r), &c) || c.acceptable > 0)
    return;
  char a[RL_NUMBER_BUF], b[RL_NUMBER_BUF];
  RlScoreKind kind = rl_report_get_options (r)->rank.kind;
  rl_doc_section_open (doc, "no-deal", "Why there is no deal");
  const RlExplanation *ex = rl_report_get_explanation (r);
  if (!ex)
    {
      rl_doc_paraf (doc, "The explanation could not be computed: %s", rl_report_get_explain_error (r));
      rl_doc_section_close (doc);
      return;
    }
  guint nc = rl_explanation_get_n_conflicts (ex);
  rl_doc_heading (doc, 3, "Conflicts: what cannot hold together");
  if (nc == 0)
    rl_doc_para (doc, "No conflict was found before the time ran out.");
  rl_doc_list_open (doc, FALSE);
  for (guint k = 0; k < nc; k++)
    {
      guint n;
      const guint *m = rl_explanation_get_conflict (ex, k, &n);
      rl_doc_item_open (doc);
      if (n == 0)
        rl_doc_text (doc, "The constraints alone rule out every package.");
      else if (n == 1)
        {
          blocker_list (doc, ex, m, n);
          rl_doc_text (doc, " alone rules out every feasible package.");
        }
      else
        {
          blocker_list (doc, ex, m, n);
          rl_doc_text (doc, " cannot all hold in one package; drop any one of them and they can.");
        }
      rl_doc_item_close (doc);
    }
  rl_doc_list_close (doc);

  guint nr = rl_explanation_get_n_relaxations (ex);
  rl_doc_heading (doc, 3, "Relaxations: the smallest ways to open a zone of agreement");
  if (nr == 0)
    rl_doc_para (doc, "No relaxation of red lines and BATNAs opens a zone of agreement.");
  rl_doc_list_open (doc, FALSE);
  for (guint k = 0; k < nr; k++)
    {
      guint n;
      const guint *m = rl_explanation_get_relaxation (ex, k, &n);
      rl_doc_item_open (doc);
      rl_doc_text (doc, "Drop ");
      blocker_list (doc, ex, m, n);
      RlKnown acc = rl_explanation_get_relaxation_acceptable (ex, k);
      if (acc.kind == RL_KNOWN_EXACT)
        rl_doc_textf (doc, ": %s %s acceptable", count (a, acc.value),
                      acc.value == 1 ? "package becomes" : "packages become");
      else
        rl_doc_textf (doc, ": %s packages become acceptable (not counted to the end)",
                      rl_format_known (a, acc, TRUE));
      const RlPackage *best = rl_explanation_get_relaxation_best (ex, k);
      if (best)
        rl_doc_textf (doc, "; the best by %s is #%s (%s %s)",
                      rl_score_name (kind == RL_SCORE_UTILITY ? RL_SCORE_NASH : kind),
                      rl_write_index (rl_explanation_get_scenario (ex), best->options), rl_score_name (kind == RL_SCORE_UTILITY ? RL_SCORE_NASH : kind),
                      rl_format_score_fixed (b, kind < RL_N_STANDARD_SCORES ? kind : RL_SCORE_NASH,
                                             best->scores[kind < RL_N_STANDARD_SCORES ? kind : RL_SCORE_NASH], 3));
      rl_doc_text (doc, ".");
      rl_doc_item_close (doc);
    }
  rl_doc_list_close (doc);
  if (!rl_explanation_is_complete (ex))
    rl_doc_para (doc, "The search for conflicts and relaxations ran out of time: the lists may be "
                      "incomplete.");
  if (rl_explanation_get_n_blockers (ex) > 0)
    {
      g_autoptr (GString) svg = g_string_new (NULL);
      rl_svg_blockers (svg, ex);
      rl_doc_figure (doc, "blocker-costs.svg",
                     "Blocker costs: the feasible packages each red line and BATNA rules out.",
                     svg, NULL, NULL);
    }
  rl_doc_section_close (doc);
}

/* ---- The comparison with the base ------------------------------------------------------------- */

static void
example_packages (RlDoc *doc, const RlReport *r, RlCompareSide side, const char *words)
{
  const RlComparison *cmp = rl_report_get_comparison (r);
  guint64 n = rl_comparison_get_n (cmp, side);
  RlKnown known = rl_comparison_get_n_known (cmp, side);
  char a[RL_NUMBER_BUF];
  rl_doc_para_open (doc, NULL);
  if (known.kind == RL_KNOWN_UNKNOWN)
    {
      /* Packages not found on the other side yet may be there: no finding. */
      rl_doc_textf (doc, "How many packages %s was not computed: the search ran out of time.", words);
      rl_doc_para_close (doc);
      return;
    }
  rl_doc_strong (doc, rl_format_known (a, known, TRUE));
  rl_doc_textf (doc, " %s %s", n == 1 && known.kind == RL_KNOWN_EXACT ? "package" : "packages", words);
  if (n > 0)
    {
      RlScenario *sc = rl_result_get_scenario (side == RL_COMPARE_GAINED ? rl_comparison_get_b (cmp)
                                                                         : rl_comparison_get_a (cmp));
      rl_doc_text (doc, side == RL_COMPARE_GAINED ? "; the best of them here: " : "; the best of them there: ");
      for (guint64 k = 0; k < MIN (n, 3); k++)
        {
          const RlPackage *pkg = rl_comparison_get_ranked (cmp, side, k);
          GString *o = g_string_new (NULL);
          for (guint i = 0; i < rl_scenario_get_n_issues (sc); i++)
            g_string_append_printf (o, "%s%s=%s", i ? ", " : "", rl_scenario_get_issue_id (sc, i),
                                    rl_scenario_get_option_id (sc, i, pkg->options[i]));
          rl_doc_textf (doc, "%s#%s (", k ? "; " : "", rl_write_index (sc, pkg->options));
          rl_doc_code (doc, o->str);
          rl_doc_text (doc, ")");
          g_string_free (o, TRUE);
        }
    }
  rl_doc_text (doc, ".");
  rl_doc_para_close (doc);
}

static void
section_comparison (RlDoc *doc, const RlReport *r)
{
  if (!rl_report_get_comparison (r))
    return;
  const RlComparison *cmp = rl_report_get_comparison (r);
  RlScenario *sc = rl_report_get_scenario (r);
  const RlResult *base = rl_comparison_get_a (cmp), *mine = rl_comparison_get_b (cmp);
  RlScenario *bsc = rl_result_get_scenario (base);
  char a[RL_NUMBER_BUF], b[RL_NUMBER_BUF], d[RL_NUMBER_BUF];
  rl_doc_section_open (doc, "comparison", "Compared with the base scenario");
  rl_doc_para_open (doc, NULL);
  rl_doc_text (doc, "Base: ");
  rl_doc_em (doc, rl_scenario_get_title (bsc));
  rl_doc_text (doc, " (");
  rl_doc_code (doc, rl_scenario_get_file (bsc));
  rl_doc_text (doc, ").");
  const char *const *changes = rl_comparison_get_changes (cmp);
  if (changes && changes[0])
    rl_doc_text (doc, " The changes that lead from it to this scenario:");
  rl_doc_para_close (doc);
  if (changes && changes[0])
    {
      rl_doc_list_open (doc, TRUE);
      for (guint k = 0; changes[k]; k++)
        {
          rl_doc_item_open (doc);
          rl_doc_code (doc, changes[k]);
          rl_doc_item_close (doc);
        }
      rl_doc_list_close (doc);
    }

  RlCounts cb, cv;
  if (rl_result_get_counts (base, &cb) && rl_result_get_counts (mine, &cv))
    {
      static const char *const names[] = { "feasible", "compatible", "acceptable", "Pareto-optimal" };
      guint64 vb[] = { cb.feasible, cb.compatible, cb.acceptable, cb.pareto };
      guint64 vv[] = { cv.feasible, cv.compatible, cv.acceptable, cv.pareto };
      const char *headers[] = { "Packages", "Base", "This scenario", "Change", NULL };
      rl_doc_table_open (doc, "comparison", "lrrr", headers);
      for (guint k = 0; k < G_N_ELEMENTS (names); k++)
        {
          rl_doc_row_open (doc, vb[k] != vv[k] ? "differs" : NULL);
          rl_doc_cell (doc, names[k]);
          rl_doc_cell (doc, count (a, vb[k]));
          rl_doc_cell (doc, count (b, vv[k]));
          g_autofree char *delta = vv[k] >= vb[k] ? g_strdup_printf ("+%s", count (d, vv[k] - vb[k]))
                                                  : g_strdup_printf ("-%s", count (d, vb[k] - vv[k]));
          rl_doc_cell (doc, delta);
          rl_doc_row_close (doc);
        }
      rl_doc_table_close (doc);
    }
  example_packages (doc, r, RL_COMPARE_GAINED, "are acceptable here but not in the base");
  example_packages (doc, r, RL_COMPARE_LOST, "were acceptable in the base but are not here");

  /* Ideals and the top package, party by party (by id: a party may be
   * gone from the variant). */
  const char *headers[] = { "Party", "Ideal (base)", "Ideal (this)", "Top package (base)",
                            "Top package (this)", NULL };
  rl_doc_table_open (doc, "comparison-parties", "lrrrr", headers);
  const RlPackage *tb = rl_result_get_n_top (base) ? rl_result_get_top (base, 0) : NULL;
  const RlPackage *tv = rl_result_get_n_top (mine) ? rl_result_get_top (mine, 0) : NULL;
  for (guint q = 0; q < rl_scenario_get_n_parties (bsc); q++)
    {
      int p = rl_scenario_find_party (sc, rl_scenario_get_party_id (bsc, q));
      double ib, iv;
      rl_doc_row_open (doc, NULL);
      rl_doc_cell (doc, rl_write_party_name (bsc, q));
      rl_doc_cell (doc, rl_result_get_ideal (base, q, &ib) ? fixed (a, ib) : "-");
      rl_doc_cell (doc, p >= 0 && rl_result_get_ideal (mine, (guint) p, &iv) ? fixed (b, iv) : "-");
      rl_doc_cell (doc, tb ? fixed (a, tb->utilities[q]) : "-");
      rl_doc_cell (doc, tv && p >= 0 ? fixed (b, tv->utilities[p]) : "-");
      rl_doc_row_close (doc);
    }
  rl_doc_table_close (doc);
  g_autofree char *rank = rl_rank_to_string (sc, &rl_report_get_options (r)->rank);
  rl_doc_para_open (doc, "note");
  rl_doc_textf (doc, "Ideal: each party's best utility over the acceptable packages. Top "
                "package: the first by %s; ", rank);
  if (tb)
    rl_doc_textf (doc, "#%s in the base", rl_write_index (sc, tb->options));
  else
    rl_doc_text (doc, "none in the base");
  if (tv)
    rl_doc_textf (doc, ", #%s here.", rl_write_index (sc, tv->options));
  else
    rl_doc_text (doc, ", none here.");
  rl_doc_para_close (doc);
  rl_doc_section_close (doc);
}

/* ---- The simulated talks ---------------------------------------------------------------------- */

static const char *
strategy_words (RlStrategyKind kind)
{
  switch (kind)
    {
    case RL_STRATEGY_HARDLINER: return "hardliner (never concedes)";
    case RL_STRATEGY_BOULWARE: return "boulware (concedes late)";
    case RL_STRATEGY_CONCEDER: return "conceder (concedes early)";
    case RL_STRATEGY_LINEAR: return "linear (concedes steadily)";
    case RL_STRATEGY_EXPONENT: default: return NULL;
    }
}

static void
transcript_row (RlDoc *doc, const RlScenario *sc, const RlSimRound *rd)
{
  char buf[RL_NUMBER_BUF];
  rl_doc_row_open (doc, NULL);
  g_snprintf (buf, sizeof buf, "%u", rd->round);
  rl_doc_cell (doc, buf);
  rl_doc_cell (doc, rd->proposer >= 0 ? rl_scenario_get_party_id (sc, (guint) rd->proposer) : "mediator");
  rl_doc_cell_open (doc, -1);
  if (rd->offer)
    rl_doc_textf (doc, "#%s%s", rl_write_index (sc, rd->offer), rd->fallback ? " (its own best)" : "");
  else
    rl_doc_text (doc, "pass");
  rl_doc_cell_close (doc);
  for (guint p = 0; p < rl_scenario_get_n_parties (sc); p++)
    {
      if (!rl_scenario_party_is_veto (sc, p))
        continue;
      rl_doc_cell_open (doc, -1);
      if (rd->utilities)
        {
          rl_doc_text (doc, fixed (buf, rd->utilities[p]));
          if (rd->proposer >= 0 && (guint) rd->proposer != p && rd->accepts)
            rl_doc_text (doc, rd->accepts[p] ? " \u2713" : " \u2717");
        }
      rl_doc_cell_close (doc);
    }
  rl_doc_row_close (doc);
}

static void
section_simulation (RlDoc *doc, const RlReport *r)
{
  if (!rl_report_get_simulation (r) && !rl_report_get_simulation_error (r))
    return;
  RlScenario *sc = rl_report_get_scenario (r);
  char a[RL_NUMBER_BUF], b[RL_NUMBER_BUF];
  rl_doc_section_open (doc, "simulation", "The talks, simulated");
  if (!rl_report_get_simulation (r))
    {
      rl_doc_paraf (doc, "The simulation could not run: %s", rl_report_get_simulation_error (r));
      rl_doc_section_close (doc);
      return;
    }
  const RlSimulation *sim = rl_report_get_simulation (r);
  const RlSimulateOptions *so = rl_simulation_get_options (sim);
  const RlSimOutcome *oc = rl_simulation_get_outcome (sim);
  rl_doc_para_open (doc, NULL);
  if (so->protocol == RL_PROTOCOL_MEDIATOR)
    rl_doc_textf (doc, "A mediator moves a single negotiating text from the status quo, one "
                  "improvement at a time, for at most %u rounds. ", so->rounds);
  else
    {
      rl_doc_textf (doc, "The veto parties take turns to propose, for at most %u rounds, in this "
                    "order: ", so->rounds);
      for (guint k = 0; k < so->n_order; k++)
        rl_doc_textf (doc, "%s%s", k ? ", " : "", rl_write_party_name (sc, so->order[k]));
      rl_doc_text (doc, ". Each asks for less as the deadline nears: ");
      guint n = 0;
      for (guint p = 0; p < rl_scenario_get_n_parties (sc); p++)
        {
          if (!rl_scenario_party_is_veto (sc, p))
            continue;
          const char *words = strategy_words (so->strategy[p]);
          rl_doc_textf (doc, "%s%s ", n++ ? "; " : "", rl_scenario_get_party_id (sc, p));
          if (words)
            rl_doc_text (doc, words);
          else
            rl_doc_textf (doc, "with concession exponent %s", rl_format_fixed (a, so->exponent[p], 2, FALSE));
        }
      rl_doc_text (doc, ". ");
    }
  rl_doc_para_close (doc);

  rl_doc_para_open (doc, NULL);
  if (!oc->started)
    rl_doc_text (doc, "The talks fail before they start: some veto party cannot reach its BATNA "
                      "with any package that keeps its own red lines.");
  else if (!oc->agreed)
    rl_doc_textf (doc, "No agreement after %u rounds: every party falls back on its BATNA.",
                  rl_simulation_get_n_rounds (sim));
  else
    {
      const RlPackage *pkg = rl_simulation_get_package (sim);
      rl_doc_strong (doc, "Agreement");
      rl_doc_textf (doc, " in round %u on package #%s", oc->round, pkg ? rl_write_index (sc, pkg->options) : "0");
      if (pkg && pkg->acceptable)
        rl_doc_text (doc, pkg->pareto ? ", which is Pareto-optimal" : ", which is not Pareto-optimal");
      double dist = rl_simulation_nash_distance (sim, 0);
      if (isfinite (dist))
        rl_doc_textf (doc, "; its distance from the Nash choice, over every party's utility, is %s",
                      fixed (b, dist));
      rl_doc_text (doc, ". ");
      if (oc->broken)
        rl_doc_textf (doc, "As the BATNAs drift, the deal breaks after %u periods, when %s walks away.",
                      oc->broken_at, rl_write_party_name (sc, (guint) MAX (oc->broken_by, 0)));
      else if (so->horizon > 0)
        rl_doc_textf (doc, "It holds for all %u periods it is followed.", so->horizon);
    }
  rl_doc_para_close (doc);

  if (rl_simulation_get_n_rounds (sim) > 0 && so->protocol != RL_PROTOCOL_MEDIATOR)
    {
      g_autoptr (GString) svg = g_string_new (NULL);
      rl_svg_talks (svg, sim);
      rl_doc_figure (doc, "talks.svg", "The simulated talks, round by round.", svg, NULL, NULL);
    }
  guint nr = rl_simulation_get_n_rounds (sim);
  if (nr > 0)
    {
      g_autoptr (GPtrArray) headers = g_ptr_array_new ();
      GString *align = g_string_new ("rll");
      g_ptr_array_add (headers, (gpointer) "Round");
      g_ptr_array_add (headers, (gpointer) "Proposer");
      g_ptr_array_add (headers, (gpointer) "Offer");
      for (guint p = 0; p < rl_scenario_get_n_parties (sc); p++)
        if (rl_scenario_party_is_veto (sc, p))
          {
            g_ptr_array_add (headers, (gpointer) rl_scenario_get_party_id (sc, p));
            g_string_append_c (align, 'r');
          }
      g_ptr_array_add (headers, NULL);
      rl_doc_heading (doc, 3, "Transcript");
      rl_doc_para (doc, "What each offer is worth to each veto party; \u2713 accepts, \u2717 rejects.");
      rl_doc_table_open (doc, "transcript", align->str, (const char *const *) headers->pdata);
      g_string_free (align, TRUE);
      for (guint k = 0; k < nr; k++)
        {
          if (nr > 24 && k == 12)
            {
              rl_doc_row_open (doc, NULL);
              rl_doc_cell (doc, "\u2026");
              rl_doc_cell (doc, "");
              g_autofree char *skipped = g_strdup_printf ("%u rounds left out", nr - 24);
              rl_doc_cell (doc, skipped);
              for (guint p = 0; p < rl_scenario_get_n_parties (sc); p++)
                if (rl_scenario_party_is_veto (sc, p))
                  rl_doc_cell (doc, "");
              rl_doc_row_close (doc);
              k = nr - 12;
            }
          transcript_row (doc, sc, rl_simulation_get_round (sim, k));
        }
      rl_doc_table_close (doc);
    }
  rl_doc_para_open (doc, "note");
  rl_doc_text (doc, "One run with the scenario's own settings (seed 0); ");
  rl_doc_code (doc, "redline simulate");
  rl_doc_text (doc, " plays more runs, other strategies and noise.");
  rl_doc_para_close (doc);
  rl_doc_section_close (doc);
}

/* ---- Would it hold? (stability.md) ----------------------------------------------------------
 * One function, on its own: the verdicts of the top packages, then each
 * move a party would make from one of them, as a table. */

static void
section_stability (RlDoc *doc, const RlReport *r)
{
  const RlStability *st = rl_report_get_stability (r);
  const char *why_not = rl_report_get_stability_error (r);
  if (st == NULL && why_not == NULL)
    return;   /* nobody controls anything */
  rl_doc_section_open (doc, "stability", "Would it hold?");
  if (st == NULL)
    {
      rl_doc_paraf (doc, "The verdicts could not be settled: %s.", why_not);
      rl_doc_section_close (doc);
      return;
    }
  RlScenario *sc = rl_stability_get_scenario (st);
  rl_doc_para (doc, "Once a deal is signed, a party that controls an issue can change it on its "
                    "own; it will when that leaves it better off (fewer of its own red lines "
                    "broken, then more utility), unless the others can answer in a way that "
                    "leaves it no better off than the deal. Nash: no party gains by moving. "
                    "GMR: every such move can be answered. SMR: answered, and the mover cannot "
                    "escape the answer. SEQ: answered by moves that pay for those who make them.");
  static const char *const headers[] = { "Package", "Nash", "GMR", "SMR", "SEQ", NULL };
  rl_doc_table_open (doc, "stability", "lcccc", headers);
  guint n_moves = 0;
  for (guint k = 0; k < rl_stability_get_n_packages (st); k++)
    {
      char buf[32];
      g_snprintf (buf, sizeof buf, "%" G_GUINT64_FORMAT, rl_stability_get_package (st, k)->index);
      rl_doc_row_open (doc, NULL);
      rl_doc_cell (doc, buf);
      for (guint c = 0; c < RL_N_STABILITY_CONCEPTS; c++)
        rl_doc_cell (doc, rl_stability_is_stable (st, k, (RlStabilityConcept) c) ? "\u2713" : "\u2717");
      rl_doc_row_close (doc);
      for (guint p = 0; p < rl_scenario_get_n_parties (sc); p++)
        n_moves += rl_stability_get_n_improvements (st, k, p) > 0;
    }
  rl_doc_table_close (doc);
  if (n_moves == 0)
    {
      rl_doc_para (doc, "No party can better its lot from any of these packages by a move of its own.");
      rl_doc_section_close (doc);
      return;
    }
  rl_doc_heading (doc, 3, "The moves");
  static const char *const move_headers[] = { "Package", "Who", "Would change", "Gain", "Answer", NULL };
  rl_doc_table_open (doc, "moves", "lllrl", move_headers);
  for (guint k = 0; k < rl_stability_get_n_packages (st); k++)
    {
      const RlPackage *pkg = rl_stability_get_package (st, k);
      for (guint p = 0; p < rl_scenario_get_n_parties (sc); p++)
        {
          /* The mover's most preferred move stands for the others. */
          if (rl_stability_get_n_improvements (st, k, p) == 0)
            continue;
          const RlImprovement *imp = rl_stability_get_improvement (st, k, p, 0);
          char gain[RL_NUMBER_BUF];
          const char *index = rl_write_index (sc, pkg->options);
          g_autoptr (GString) change = g_string_new (NULL);
          g_autoptr (GString) answer = g_string_new (NULL);
          for (guint i = 0; i < rl_scenario_get_n_issues (sc); i++)
            {
              if (imp->options[i] != pkg->options[i])
                g_string_append_printf (change, "%s%s: %s \u2192 %s", change->len ? "; " : "",
                                        rl_write_issue_name (sc, i),
                                        rl_write_option_name (sc, i, pkg->options[i]),
                                        rl_write_option_name (sc, i, imp->options[i]));
              if (imp->sanction && imp->sanction[i] != imp->options[i])
                g_string_append_printf (answer, "%s%s \u2192 %s", answer->len ? "; " : "",
                                        rl_write_issue_name (sc, i),
                                        rl_write_option_name (sc, i, imp->sanction[i]));
            }
          if (!imp->sanctioned)
            g_string_assign (answer, "none deters it");
          guint n = rl_stability_get_n_improvements (st, k, p);
          if (n > 1)
            g_string_append_printf (change, " (and %u more)", n - 1);
          rl_doc_row_open (doc, NULL);
          rl_doc_cell (doc, index);
          rl_doc_cell (doc, rl_write_party_name (sc, p));
          rl_doc_cell (doc, change->str);
          rl_doc_cell (doc, rl_format_fixed (gain, imp->gain, 3, TRUE));
          rl_doc_cell (doc, answer->str);
          rl_doc_row_close (doc);
        }
    }
  rl_doc_table_close (doc);
  rl_doc_para_open (doc, "note");
  rl_doc_code (doc, "redline stability");
  rl_doc_text (doc, " tells every move in words, and examines other packages.");
  rl_doc_para_close (doc);
  rl_doc_section_close (doc);
}

/* ---- How robust is this? (sensitivity.md) ----------------------------------------------------
 * The thresholds and knife edges in words, the narrowest margins as a
 * tornado, the Monte Carlo's shares with their intervals. */

static void
robust_margins (RlDoc *doc, const RlSensitivity *sens, guint max)
{
  g_autofree const RlMargin **rows = g_new0 (const RlMargin *, max + 1);
  guint n_more = 0;
  guint n = rl_sensitivity_narrowest (sens, max, rows, &n_more);
  g_autoptr (GString) knives = g_string_new (NULL);
  for (guint m = 0; m < rl_sensitivity_get_n_margins (sens); m++)
    {
      const RlMargin *mg = rl_sensitivity_get_margin (sens, m);
      if ((mg->zone.holds && mg->zone.knife_edge) || (mg->top.holds && mg->top.knife_edge))
        g_string_append_printf (knives, "%s%s", knives->len ? ", " : "", mg->parameter);
    }
  if (knives->len)
    rl_doc_paraf (doc, "Knife edges (one grid step changes the answer): %s.", knives->str);
  else
    rl_doc_para (doc, "No number is a knife edge: one grid step never changes the answer.");
  if (n == 0)
    {
      rl_doc_para (doc, "No single number, moved alone across its whole range, changes the answer.");
      return;
    }
  g_autoptr (GString) svg = g_string_new (NULL);
  rl_svg_tornado (svg, sens, rows, n);
  g_autoptr (GString) text = g_string_new (NULL);
  for (guint k = 0; k < n; k++)
    {
      g_autofree char *zone = rl_text_sensitivity_range (&rows[k]->zone);
      g_autofree char *top = rl_text_sensitivity_range (&rows[k]->top);
      g_string_append_printf (text, "%s: zone open %s; top package stays %s\n",
                              rows[k]->parameter, zone, top);
    }
  g_autofree char *caption = g_strdup_printf (
    "The %u narrowest margins: how far each number alone can move (weights as multiples of "
    "themselves) before the zone closes (light) or the top package changes (dark)%s.", n,
    n_more ? "; redline sensitivity lists them all" : "");
  rl_doc_figure (doc, "tornado.svg", caption, svg, text->str, NULL);
}

static void
robust_monte_carlo (RlDoc *doc, const RlSensitivity *sens)
{
  RlScenario *sc = rl_sensitivity_get_scenario (sens);
  guint n = rl_sensitivity_get_n_samples (sens);
  const RlShare *shares[32];
  g_autoptr (GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  shares[labels->len] = rl_sensitivity_get_zone (sens);
  g_ptr_array_add (labels, g_strdup ("the zone is open"));
  const RlShare *acc, *first, *pareto;
  const RlPackage *t = rl_sensitivity_get_nominal (sens);
  if (rl_sensitivity_get_nominal_shares (sens, &acc, &first, &pareto) && t)
    {
      shares[labels->len] = acc;
      g_ptr_array_add (labels, g_strdup_printf ("#%" G_GUINT64_FORMAT " acceptable", t->index));
      shares[labels->len] = first;
      g_ptr_array_add (labels, g_strdup_printf ("#%" G_GUINT64_FORMAT " first", t->index));
      shares[labels->len] = pareto;
      g_ptr_array_add (labels, g_strdup_printf ("#%" G_GUINT64_FORMAT " Pareto-optimal", t->index));
    }
  for (guint f = 0; f < rl_sensitivity_get_n_first (sens) && labels->len < 12; f++)
    {
      const RlSensitivityFirst *p = rl_sensitivity_get_first (sens, f);
      if (t && p->index == t->index)
        continue;
      shares[labels->len] = &p->share;
      g_ptr_array_add (labels, g_strdup_printf ("#%" G_GUINT64_FORMAT " first", p->index));
    }
  g_autoptr (GString) svg = g_string_new (NULL);
  rl_svg_shares (svg, (const char *const *) labels->pdata, shares, labels->len);
  g_autoptr (GString) text = g_string_new (NULL);
  for (guint k = 0; k < labels->len; k++)
    {
      char pc[RL_NUMBER_BUF], lo[RL_NUMBER_BUF], hi[RL_NUMBER_BUF];
      g_string_append_printf (text, "%s: %s (%s to %s)\n", (const char *) labels->pdata[k],
                              rl_format_percent (pc, shares[k]->share, 1),
                              rl_format_percent (lo, shares[k]->wilson_lo, 1),
                              rl_format_percent (hi, shares[k]->wilson_hi, 1));
    }
  const RlSensitivityOptions *o = rl_sensitivity_get_options (sens);
  char sigma[RL_NUMBER_BUF], delta[RL_NUMBER_BUF], conc[RL_NUMBER_BUF];
  g_ascii_formatd (sigma, sizeof sigma, "%.6g", o->value_noise);
  g_ascii_formatd (delta, sizeof delta, "%.6g", o->batna_noise);
  g_ascii_formatd (conc, sizeof conc, "%.6g", o->concentration);
  rl_doc_paraf (doc, "Every number moved at once, %u times: weights drawn around today's "
                     "(concentration %s), values and bonuses with noise \u03c3 = %s, BATNAs "
                     "within \u00b1%s.", n, conc, sigma, delta);
  (void) sc;
  rl_doc_figure (doc, "monte-carlo.svg", "How often the zone stays open and which packages "
                 "come first, with Wilson 95 % intervals.", svg, text->str, NULL);
}

static void
section_sensitivity (RlDoc *doc, const RlReport *r)
{
  const RlSensitivity *sens = rl_report_get_sensitivity (r);
  const char *why_not = rl_report_get_sensitivity_error (r);
  if (sens == NULL && why_not == NULL)
    return;
  rl_doc_section_open (doc, "sensitivity", "How robust is this?");
  if (sens == NULL)
    {
      rl_doc_paraf (doc, "The margins could not be computed: %s.", why_not);
      rl_doc_section_close (doc);
      return;
    }
  RlScenario *sc = rl_sensitivity_get_scenario (sens);
  rl_doc_para (doc, "Every weight, value and BATNA is a judgement. Here is how far they can be "
                    "wrong before the answer changes: the zone of agreement closing, or another "
                    "package coming first.");
  for (guint k = 0; k < rl_sensitivity_get_n_thresholds (sens); k++)
    {
      g_autofree char *s = rl_text_sensitivity_threshold (sc, rl_sensitivity_get_threshold (sens, k));
      rl_doc_para (doc, s);
    }
  if (rl_sensitivity_has_margins (sens))
    robust_margins (doc, sens, rl_report_get_options (r)->top);
  if (rl_sensitivity_has_monte_carlo (sens) && rl_sensitivity_get_n_samples (sens) > 0)
    robust_monte_carlo (doc, sens);
  if (!rl_sensitivity_is_complete (sens))
    rl_doc_para (doc, "The time limit cut this section short: what is shown was settled; "
                      "redline sensitivity computes the rest.");
  rl_doc_para_open (doc, "note");
  rl_doc_code (doc, "redline sensitivity");
  rl_doc_text (doc, " gives every margin and the Monte Carlo in full (JSON, CSV).");
  rl_doc_para_close (doc);
  rl_doc_section_close (doc);
}

/* ---- The whole report -------------------------------------------------------------------------- */

void
rl_write_report (RlDoc *doc, const RlReport *r, const char *file)
{
  RlScenario *sc = rl_report_get_scenario (r);
  g_autofree char *rank = rl_rank_to_string (sc, &rl_report_get_options (r)->rank);
  g_autofree char *subtitle = g_strdup_printf ("redline report: every package of the scenario, "
                                               "ranked by %s", rank);
  rl_doc_begin (doc, rl_scenario_get_title (sc), subtitle);
  if (!rl_report_is_complete (r))
    rl_doc_para (doc, "Warning: a time limit cut some searches short; counts are lower bounds "
                      "and lists may be incomplete.");
  /* With an empty zone the reader's first question is why: that comes first. */
  section_no_deal (doc, r);
  section_scenario (doc, r, file);
  section_issues (doc, r);
  section_parties (doc, r);
  section_values (doc, r);
  section_red_lines (doc, r);
  section_funnel (doc, r);
  section_best (doc, r);
  section_status_quo (doc, r);
  section_space (doc, r);
  section_comparison (doc, r);
  section_simulation (doc, r);
  section_stability (doc, r);
  section_sensitivity (doc, r);
  g_autofree char *footer = g_strdup_printf ("Generated by redline %s from %s. Every number in a "
                                             "scenario is a modelling judgement: read the notes, "
                                             "and argue with them.", RL_VERSION, file);
  rl_doc_end (doc, footer);
}
