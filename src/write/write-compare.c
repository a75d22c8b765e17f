/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * write-compare.c: `redline compare` as text, JSON and CSV.
 *
 * A and B may have different parties (a `without`, or two unrelated
 * files): party tables and CSV columns take A's parties in file order,
 * then those only B has, and show "-" (text) or an empty field (CSV)
 * where a side lacks one.
 */
#include "write/write-compare.h"

#include <math.h>
#include <string.h>

#include "write/write-csv.h"
#include "write/write-digits.h"
#include "write/write-json.h"
#include "write/write-names.h"
#include "write/write-number.h"
#include "write/write-text-layout.h"

/* Party names get more room than in solve's tables: three short numeric
 * columns leave it, and a name marked "(observer in B)" is long. */
#define NAME_COLUMN_MAX 46

static const char *
plural (guint64 n, const char *one, const char *many)
{
  return n == 1 ? one : many;
}

/* Party ids of A, then those only B has. */
static GPtrArray *
party_union (const RlScenario *a, const RlScenario *b)
{
  GPtrArray *ids = g_ptr_array_new ();
  for (guint p = 0; p < rl_scenario_get_n_parties (a); p++)
    g_ptr_array_add (ids, (gpointer) rl_scenario_get_party_id (a, p));
  for (guint p = 0; p < rl_scenario_get_n_parties (b); p++)
    if (rl_scenario_find_party (a, rl_scenario_get_party_id (b, p)) < 0)
      g_ptr_array_add (ids, (gpointer) rl_scenario_get_party_id (b, p));
  return ids;
}

/* Issue ids of A, then those only B has. */
static GPtrArray *
issue_union (const RlScenario *a, const RlScenario *b)
{
  GPtrArray *ids = g_ptr_array_new ();
  for (guint i = 0; i < rl_scenario_get_n_issues (a); i++)
    g_ptr_array_add (ids, (gpointer) rl_scenario_get_issue_id (a, i));
  for (guint i = 0; i < rl_scenario_get_n_issues (b); i++)
    if (rl_scenario_find_issue (a, rl_scenario_get_issue_id (b, i)) < 0)
      g_ptr_array_add (ids, (gpointer) rl_scenario_get_issue_id (b, i));
  return ids;
}

/* ---- text ----------------------------------------------------------------------- */

/* "Ukraine (President Zelensky)", with what differs between the sides. */
static char *
party_name (const RlScenario *a, const RlScenario *b, const char *id)
{
  int pa = rl_scenario_find_party (a, id), pb = rl_scenario_find_party (b, id);
  const RlScenario *sc = pa >= 0 ? a : b;
  const char *label = rl_scenario_get_party_label (sc, (guint) (pa >= 0 ? pa : pb));
  const char *note = "";
  if (pb < 0)
    note = " (only in A)";
  else if (pa < 0)
    note = " (only in B)";
  else
    {
      gboolean va = rl_scenario_party_is_veto (a, (guint) pa);
      gboolean vb = rl_scenario_party_is_veto (b, (guint) pb);
      note = !va && !vb ? " (observer)" : !va ? " (observer in A)" : !vb ? " (observer in B)" : "";
    }
  return g_strdup_printf ("%s%s", label ? label : id, note);
}

static const char *
number_or_dash (char buf[RL_NUMBER_BUF], double x, gboolean plus)
{
  if (isnan (x))
    return "-";
  return rl_format_fixed (buf, x, 3, plus);
}

/* One row per party: A, B and the change (NAN where unknown). */
static void
party_table (GString *out, const RlScenario *a, const RlScenario *b, const double *va,
             const double *vb, const char *const *ids, guint n)
{
  char buf[RL_NUMBER_BUF];
  static const char *const headers[] = { "A", "B", "change" };
  guint widths[3] = { 6, 6, 6 };
  g_autofree double *vals = g_new (double, 3 * MAX (n, 1));
  for (guint p = 0; p < n; p++)
    {
      vals[3 * p] = va[p];
      vals[3 * p + 1] = vb[p];
      vals[3 * p + 2] = isnan (va[p]) || isnan (vb[p]) ? NAN : vb[p] - va[p];
      for (guint c = 0; c < 3; c++)
        widths[c] = MAX (widths[c], rl_text_width (number_or_dash (buf, vals[3 * p + c], c == 2)));
    }
  guint numbers_w = 0;
  for (guint c = 0; c < 3; c++)
    numbers_w += widths[c] + 2;
  guint name_max = MIN (NAME_COLUMN_MAX, RL_TEXT_WIDTH - 2 - numbers_w);
  guint name_w = rl_text_width ("party");
  for (guint p = 0; p < n; p++)
    {
      g_autofree char *name = party_name (a, b, ids[p]);
      g_auto (GStrv) lines = rl_text_wrap (name, name_max);
      for (guint l = 0; lines[l]; l++)
        name_w = MAX (name_w, rl_text_width (lines[l]));
    }
  name_w = MIN (name_w, name_max);

  g_string_append (out, "  ");
  rl_text_append_padded (out, "party", name_w, FALSE);
  for (guint c = 0; c < 3; c++)
    {
      g_string_append (out, "  ");
      rl_text_append_padded (out, headers[c], widths[c], TRUE);
    }
  g_string_append_c (out, '\n');
  for (guint p = 0; p < n; p++)
    {
      g_autofree char *name = party_name (a, b, ids[p]);
      g_auto (GStrv) lines = rl_text_wrap (name, name_w);
      for (guint l = 0; lines[l]; l++)
        {
          g_string_append (out, "  ");
          if (l > 0)
            {
              g_string_append (out, lines[l]);
              g_string_append_c (out, '\n');
              continue;
            }
          rl_text_append_padded (out, lines[l], name_w, FALSE);
          for (guint c = 0; c < 3; c++)
            {
              g_string_append (out, "  ");
              rl_text_append_padded (out, number_or_dash (buf, vals[3 * p + c], c == 2), widths[c], TRUE);
            }
          g_string_append_c (out, '\n');
        }
    }
}

/* "+1,234", "-56", "0" */
static char *
count_change (guint64 a, guint64 b)
{
  char buf[RL_NUMBER_BUF];
  if (a == b)
    return g_strdup ("0");
  if (b > a)
    return g_strdup_printf ("+%s", rl_format_count (buf, b - a));
  return g_strdup_printf ("-%s", rl_format_count (buf, a - b));
}

static void
funnels (GString *out, const RlCounts *ca, const RlCounts *cb, gboolean complete)
{
  char buf[RL_NUMBER_BUF];
  const char *names[] = { "package space", "feasible", "compatible", "acceptable", "Pareto-optimal" };
  guint64 va[] = { ca->space, ca->feasible, ca->compatible, ca->acceptable, ca->pareto };
  guint64 vb[] = { cb->space, cb->feasible, cb->compatible, cb->acceptable, cb->pareto };
  char *cells[5][3];
  guint widths[3] = { 1, 1, rl_text_width ("change") };
  for (guint r = 0; r < 5; r++)
    {
      cells[r][0] = g_strdup (rl_format_count (buf, va[r]));
      cells[r][1] = g_strdup (rl_format_count (buf, vb[r]));
      /* Two lower bounds tell nothing of the change (the space is exact). */
      cells[r][2] = complete || r == 0 ? count_change (va[r], vb[r]) : g_strdup ("?");
      for (guint c = 0; c < 3; c++)
        widths[c] = MAX (widths[c], rl_text_width (cells[r][c]));
    }
  widths[0] = MAX (widths[0], 6);
  widths[1] = MAX (widths[1], 6);
  rl_text_append_padded (out, "Packages", 16, FALSE);
  static const char *const headers[] = { "A", "B", "change" };
  for (guint c = 0; c < 3; c++)
    {
      g_string_append (out, "  ");
      rl_text_append_padded (out, headers[c], widths[c], TRUE);
    }
  g_string_append_c (out, '\n');
  for (guint r = 0; r < 5; r++)
    {
      g_string_append (out, "  ");
      rl_text_append_padded (out, names[r], 14, FALSE);
      for (guint c = 0; c < 3; c++)
        {
          g_string_append (out, "  ");
          rl_text_append_padded (out, cells[r][c], widths[c], TRUE);
          g_free (cells[r][c]);
        }
      g_string_append_c (out, '\n');
    }
}

/* "package 35942, nash 0.034, Pareto-optimal" */
static char *
package_summary (const RlScenario *sc, const RlPackage *pkg, const RlRank *rank, RlDigits d)
{
  char buf[RL_NUMBER_BUF];
  g_autofree char *name = rl_rank_to_string (sc, rank);
  GString *s = g_string_new (NULL);
  g_string_append_printf (s, "package %s", rl_write_index (sc, pkg->options));
  if (rank->kind != RL_SCORE_DURABILITY)
    g_string_append_printf (s, ", %s %s", name, rl_format_score (buf, rank->kind, rl_package_rank_score (pkg, rank), d));
  g_string_append (s, pkg->pareto ? ", Pareto-optimal" : ", not Pareto-optimal");
  return g_string_free (s, FALSE);
}

/* The option id a package of @sc has for issue @id, or NULL. */
static const char *
option_for (const RlScenario *sc, const RlPackage *pkg, const char *id)
{
  int i = rl_scenario_find_issue (sc, id);
  if (pkg == NULL || i < 0)
    return NULL;
  return rl_scenario_get_option_id (sc, (guint) i, pkg->options[i]);
}

/* An issue's label in A, or in B when A lacks it. */
static const char *
issue_label (const RlScenario *a, const RlScenario *b, const char *id)
{
  int i = rl_scenario_find_issue (a, id);
  if (i >= 0)
    return rl_write_issue_name (a, (guint) i);
  i = rl_scenario_find_issue (b, id);
  return i >= 0 ? rl_write_issue_name (b, (guint) i) : id;
}

/* The label of the option a package of @sc has for issue @id, or NULL. */
static const char *
option_label (const RlScenario *sc, const RlPackage *pkg, const char *id)
{
  int i = rl_scenario_find_issue (sc, id);
  if (pkg == NULL || i < 0)
    return NULL;
  return rl_write_option_name (sc, (guint) i, pkg->options[i]);
}

static void
top_packages (GString *out, const RlScenario *a, const RlScenario *b, const RlPackage *ta,
              const RlPackage *tb, const RlRank *rank_a, const RlRank *rank_b, GPtrArray *issues)
{
  g_autofree char *rank = rl_rank_to_string (a, rank_a);
  g_string_append_printf (out, "Top package by %s\n", rank);
  /* A's and B's top scores are one column: the same digits for both. */
  double both[2];
  guint n_scores = 0;
  if (ta)
    both[n_scores++] = rl_score_printed (rank_a->kind, rl_package_rank_score (ta, rank_a));
  if (tb)
    both[n_scores++] = rl_score_printed (rank_b->kind, rl_package_rank_score (tb, rank_b));
  RlScoreKind tie = rank_a->kind < RL_N_STANDARD_SCORES ? rank_a->kind : RL_SCORE_WELFARE;
  RlDigits d = rl_digits_for (both, n_scores, tie);
  g_autofree char *sa = ta ? package_summary (a, ta, rank_a, d) : g_strdup ("no acceptable package");
  g_autofree char *sb = tb ? package_summary (b, tb, rank_b, d) : g_strdup ("no acceptable package");
  g_autofree char *la = g_strdup_printf ("A: %s", sa);
  g_autofree char *lb = g_strdup_printf ("B: %s", sb);
  rl_text_append_wrapped (out, la, 2, 5);
  rl_text_append_wrapped (out, lb, 2, 5);
  if (!ta && !tb)
    return;

  /* Issues and options by their labels, as solve shows them: one row
   * per issue, "A: ...; B: ..." where the two top packages differ. */
  guint n = issues->len;
  g_autoptr (GPtrArray) left = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) right = g_ptr_array_new_with_free_func (g_free);
  for (guint k = 0; k < n; k++)
    {
      const char *id = g_ptr_array_index (issues, k);
      const char *oa = option_label (a, ta, id), *ob = option_label (b, tb, id);
      const char *ida = option_for (a, ta, id), *idb = option_for (b, tb, id);
      gboolean differs = ta && tb && g_strcmp0 (ida, idb) != 0;
      g_ptr_array_add (left, g_strdup (issue_label (a, b, id)));
      if (differs)
        g_ptr_array_add (right, g_strdup_printf ("A: %s; B: %s", oa ? oa : "-", ob ? ob : "-"));
      else
        g_ptr_array_add (right, g_strdup (ta ? (oa ? oa : "-") : (ob ? ob : "-")));
    }
  rl_text_append_pairs (out, 2, 30, (const char *const *) left->pdata,
                        (const char *const *) right->pdata, n);
}

/* The best few gained or lost packages, each with the options in which it
 * differs from the other side's top package (all of them when there is
 * none). */
static void
examples (GString *out, const RlComparison *cmp, RlCompareSide side, const RlScenario *own,
          const RlScenario *other, const RlPackage *other_top, const RlRank *rank)
{
  char buf[RL_NUMBER_BUF];
  guint64 n = rl_comparison_get_n (cmp, side);
  RlKnown known = rl_comparison_get_n_known (cmp, side);
  gboolean gained = side == RL_COMPARE_GAINED;
  g_autofree char *rank_name = rl_rank_to_string (own, rank);
  if (known.kind == RL_KNOWN_UNKNOWN)
    {
      /* A package not found on the other side yet may still be there. */
      g_string_append_printf (out, "%s: not computed (stopped by --timeout)\n", gained ? "Gained" : "Lost");
      return;
    }
  if (n == 0)
    {
      g_string_append_printf (out, "%s: %s\n", gained ? "Gained" : "Lost",
                              known.kind == RL_KNOWN_EXACT ? "none" : "none found before --timeout");
      return;
    }
  guint shown = (guint) MIN (n, RL_COMPARE_EXAMPLES);
  const char *what = known.kind == RL_KNOWN_EXACT ? plural (n, "package", "packages") : "packages";
  rl_format_known (buf, known, TRUE);
  g_autofree char *head = NULL;
  if (rank->kind == RL_SCORE_DURABILITY)
    head = g_strdup_printf ("%s: %s %s acceptable only in %s; the first %u by index",
                            gained ? "Gained" : "Lost", buf, what, gained ? "B" : "A", shown);
  else if (shown == n)
    head = g_strdup_printf ("%s: %s %s acceptable only in %s, by %s",
                            gained ? "Gained" : "Lost", buf, what, gained ? "B" : "A", rank_name);
  else
    head = g_strdup_printf ("%s: %s %s acceptable only in %s; the best %u %sby %s",
                            gained ? "Gained" : "Lost", buf, what, gained ? "B" : "A", shown,
                            known.kind == RL_KNOWN_EXACT ? "" : "found ", rank_name);
  rl_text_append_wrapped (out, head, 0, 2);
  g_autofree double *scores = g_new (double, shown + 1);
  for (guint k = 0; k < shown; k++)
    scores[k] = rl_score_printed (rank->kind, rl_package_rank_score (rl_comparison_get_ranked (cmp, side, k), rank));
  RlDigits d = rl_digits_for (scores, shown,
                              rank->kind < RL_N_STANDARD_SCORES ? rank->kind : RL_SCORE_WELFARE);
  for (guint k = 0; k < shown; k++)
    {
      const RlPackage *pkg = rl_comparison_get_ranked (cmp, side, k);
      g_autofree char *summary = package_summary (own, pkg, rank, d);
      GString *line = g_string_new (summary);
      g_string_append (line, other_top ? (gained ? "; unlike A's top: " : "; unlike B's top: ")
                                       : ": ");
      gboolean any = FALSE;
      for (guint i = 0; i < rl_scenario_get_n_issues (own); i++)
        {
          const char *id = rl_scenario_get_issue_id (own, i);
          const char *mine = rl_scenario_get_option_id (own, i, pkg->options[i]);
          if (other_top && g_strcmp0 (mine, option_for (other, other_top, id)) == 0)
            continue;
          g_string_append_printf (line, "%s%s: %s", any ? "; " : "", rl_write_issue_name (own, i),
                                  rl_write_option_name (own, i, pkg->options[i]));
          any = TRUE;
        }
      if (!any)
        g_string_append (line, "no issue (the same options)");
      rl_text_append_wrapped (out, line->str, 2, 4);
      g_string_free (line, TRUE);
    }
}

void
rl_text_compare (GString *out, const RlComparison *cmp, const char *file_a, const char *file_b)
{
  char buf[RL_NUMBER_BUF];
  const RlResult *ra = rl_comparison_get_a (cmp), *rb = rl_comparison_get_b (cmp);
  RlScenario *a = rl_result_get_scenario (ra), *b = rl_result_get_scenario (rb);
  const RlRank *rank_a = &rl_result_get_options (ra)->rank;
  const RlRank *rank_b = &rl_result_get_options (rb)->rank;

  g_string_append (out, "Compare\n");
  g_autofree char *ta = g_strdup_printf ("A: %s", rl_scenario_get_title (a));
  g_autofree char *tb = g_strdup_printf ("B: %s", rl_scenario_get_title (b));
  rl_text_append_wrapped (out, ta, 2, 5);
  rl_text_append_wrapped (out, file_a, 5, 5);
  rl_text_append_wrapped (out, tb, 2, 5);
  rl_text_append_wrapped (out, file_b, 5, 5);
  if (!rl_comparison_is_complete (cmp))
    {
      g_string_append_c (out, '\n');
      rl_text_append_wrapped (out, "Stopped by --timeout: the funnel's counts below are lower "
                              "bounds and their changes not computed (?); every other number "
                              "says whether it is exact, a bound (at least, at most) or not "
                              "computed; packages may be missing from every list.", 0, 0);
    }

  g_string_append_c (out, '\n');
  const char *const *changes = rl_comparison_get_changes (cmp);
  if (changes == NULL)
    rl_text_append_wrapped (out, "B does not extend A, so no list of changes leads from one "
                            "to the other.", 0, 0);
  else if (changes[0] == NULL)
    g_string_append (out, "Changes from A to B: none\n");
  else
    {
      g_string_append (out, "Changes from A to B\n");
      for (guint k = 0; changes[k]; k++)
        rl_text_append_wrapped (out, changes[k], 2, 4);
    }

  RlCounts ca, cb;
  rl_result_get_counts (ra, &ca);
  rl_result_get_counts (rb, &cb);
  g_string_append_c (out, '\n');
  funnels (out, &ca, &cb, rl_comparison_is_complete (cmp));

  g_autofree char *mismatch = NULL;
  gboolean is_matched = rl_comparison_is_matched (cmp, &mismatch);
  g_autofree char *line = NULL;
  if (is_matched)
    {
      RlKnown gained = rl_comparison_get_n_known (cmp, RL_COMPARE_GAINED);
      RlKnown lost = rl_comparison_get_n_known (cmp, RL_COMPARE_LOST);
      /* Kept is A's acceptable count minus the lost: exact from exact
       * counts only (a cut count of A is not the acceptable count). */
      RlKnown acc_a = rl_known_count (ca.acceptable, rl_result_is_complete (ra));
      RlKnown kept = rl_known_difference (acc_a, lost);
      char b1[RL_NUMBER_BUF], b2[RL_NUMBER_BUF];
      if (gained.kind == RL_KNOWN_UNKNOWN && lost.kind == RL_KNOWN_UNKNOWN)
        line = g_strdup ("Acceptable packages, matched by their options on every issue: not "
                         "computed (stopped by --timeout before both scenarios were searched).");
      else
        line = g_strdup_printf ("Acceptable packages, matched by their options on every issue: "
                                "%s gained (only in B), %s lost (only in A), %s acceptable in "
                                "both.", rl_format_known (b1, gained, TRUE),
                                rl_format_known (b2, lost, TRUE), rl_format_known (buf, kept, TRUE));
    }
  else
    line = g_strdup_printf ("A and B do not have the same issues and options (%s), so a "
                            "package of one is not a package of the other: only the counts "
                            "and the top packages are compared, not which packages were "
                            "gained or lost.", mismatch);
  g_string_append_c (out, '\n');
  rl_text_append_wrapped (out, line, 0, 2);

  /* Parties: ideal and utility at the top package, before and after. */
  g_autoptr (GPtrArray) ids = party_union (a, b);
  guint n = ids->len;
  g_autofree double *ia = g_new (double, MAX (n, 1));
  g_autofree double *ib = g_new (double, MAX (n, 1));
  g_autofree double *ua = g_new (double, MAX (n, 1));
  g_autofree double *ub = g_new (double, MAX (n, 1));
  const RlPackage *top_a = rl_result_get_n_top (ra) > 0 ? rl_result_get_top (ra, 0) : NULL;
  const RlPackage *top_b = rl_result_get_n_top (rb) > 0 ? rl_result_get_top (rb, 0) : NULL;
  gboolean any_ideal = FALSE;
  for (guint k = 0; k < n; k++)
    {
      const char *id = g_ptr_array_index (ids, k);
      int pa = rl_scenario_find_party (a, id), pb = rl_scenario_find_party (b, id);
      ia[k] = ib[k] = ua[k] = ub[k] = NAN;
      if (pa >= 0 && rl_result_get_ideal (ra, (guint) pa, &ia[k]))
        any_ideal = TRUE;
      if (pb >= 0 && rl_result_get_ideal (rb, (guint) pb, &ib[k]))
        any_ideal = TRUE;
      if (pa >= 0 && top_a)
        ua[k] = top_a->utilities[pa];
      if (pb >= 0 && top_b)
        ub[k] = top_b->utilities[pb];
    }
  g_autofree char *rank = rl_rank_to_string (a, rank_a);
  if (any_ideal)
    {
      g_string_append_c (out, '\n');
      g_string_append (out, "Ideal: each party's best utility over the acceptable packages\n");
      party_table (out, a, b, ia, ib, (const char *const *) ids->pdata, n);
    }
  if (top_a || top_b)
    {
      g_string_append_c (out, '\n');
      g_string_append_printf (out, "Utility at the top package by %s\n", rank);
      party_table (out, a, b, ua, ub, (const char *const *) ids->pdata, n);
      g_string_append_c (out, '\n');
      g_autoptr (GPtrArray) issues = issue_union (a, b);
      top_packages (out, a, b, top_a, top_b, rank_a, rank_b, issues);
    }
  else
    {
      g_string_append_c (out, '\n');
      g_string_append (out, rl_comparison_is_complete (cmp)
                             ? "No package is acceptable in A or in B.\n"
                             : "No acceptable package was found in A or in B before --timeout "
                               "stopped the search.\n");
    }

  if (is_matched)
    {
      g_string_append_c (out, '\n');
      examples (out, cmp, RL_COMPARE_GAINED, b, a, top_a, rank_b);
      examples (out, cmp, RL_COMPARE_LOST, a, b, top_b, rank_a);
    }

  if ((ca.acceptable == 0 || cb.acceptable == 0) && rl_comparison_is_complete (cmp))
    {
      gboolean none_a = ca.acceptable == 0, none_b = cb.acceptable == 0;
      g_autofree char *hint = g_strdup_printf (
        "No package is acceptable in %s: run 'redline explain' on %s to see which red lines "
        "and BATNAs conflict, and what would open a zone of agreement.",
        none_a && none_b ? "A or B" : none_a ? "A" : "B", none_a && none_b ? "each" : "it");
      g_string_append_c (out, '\n');
      rl_text_append_wrapped (out, hint, 0, 2);
    }
}

/* ---- JSON ----------------------------------------------------------------------------- */

JsonNode *
rl_json_compare (const RlComparison *cmp, const char *file_a, const char *file_b)
{
  const RlResult *ra = rl_comparison_get_a (cmp), *rb = rl_comparison_get_b (cmp);
  const RlScenario *a = rl_result_get_scenario (ra), *b = rl_result_get_scenario (rb);
  g_autoptr (JsonBuilder) jb = json_builder_new ();

  /* The generator lists B's changes: the what-if flags apply to B. */
  rl_json_begin_document (jb, "redline.compare/1", b);

  json_builder_set_member_name (jb, "a");
  json_builder_add_value (jb, rl_json_solve (ra, file_a));
  json_builder_set_member_name (jb, "b");
  json_builder_add_value (jb, rl_json_solve (rb, file_b));
  /* Packages of scenarios with other issues or options cannot be
   * matched: gained and lost are null, and "unmatched" says why. */
  g_autofree char *mismatch = NULL;
  gboolean is_matched = rl_comparison_is_matched (cmp, &mismatch);
  if (is_matched)
    {
      rl_json_add_known (jb, "gained", rl_comparison_get_n_known (cmp, RL_COMPARE_GAINED));
      rl_json_add_known (jb, "lost", rl_comparison_get_n_known (cmp, RL_COMPARE_LOST));
    }
  else
    {
      rl_json_add_null (jb, "gained");
      rl_json_add_null (jb, "lost");
    }
  if (!is_matched)
    {
      json_builder_set_member_name (jb, "unmatched");
      json_builder_add_string_value (jb, mismatch);
    }

  json_builder_set_member_name (jb, "changes");
  const char *const *changes = rl_comparison_get_changes (cmp);
  if (changes)
    {
      json_builder_begin_array (jb);
      for (guint k = 0; changes[k]; k++)
        json_builder_add_string_value (jb, changes[k]);
      json_builder_end_array (jb);
    }
  else
    json_builder_add_null_value (jb);

  json_builder_set_member_name (jb, "shared_issues");
  json_builder_begin_array (jb);
  for (guint k = 0; k < rl_comparison_get_n_shared_issues (cmp); k++)
    {
      guint i;
      rl_comparison_get_shared_issue (cmp, k, &i, NULL);
      json_builder_add_string_value (jb, rl_scenario_get_issue_id (a, i));
    }
  json_builder_end_array (jb);
  if (!rl_comparison_is_complete (cmp))
    {
      json_builder_set_member_name (jb, "complete");
      json_builder_add_boolean_value (jb, FALSE);
    }
  json_builder_end_object (jb);
  return json_builder_get_root (jb);
}

/* ---- CSV -------------------------------------------------------------------------------- */

static void
csv_row (GString *out, const char *change, const RlScenario *sc, const RlPackage *pkg,
         GPtrArray *issues, GPtrArray *parties)
{
  gboolean first = TRUE;
  rl_csv_field (out, &first, change);
  rl_csv_index (out, &first, sc, pkg->options);
  for (guint k = 0; k < issues->len; k++)
    {
      const char *option = option_for (sc, pkg, g_ptr_array_index (issues, k));
      rl_csv_field (out, &first, option ? option : "");
    }
  for (guint k = 0; k < parties->len; k++)
    {
      int p = rl_scenario_find_party (sc, g_ptr_array_index (parties, k));
      if (p < 0)
        rl_csv_field (out, &first, "");
      else
        rl_csv_number (out, &first, pkg->utilities[p]);
    }
  rl_csv_score_cells (out, &first, sc, pkg);
  g_string_append_c (out, '\n');
}

void
rl_csv_compare (GString *out, const RlComparison *cmp)
{
  const RlScenario *a = rl_result_get_scenario (rl_comparison_get_a (cmp));
  const RlScenario *b = rl_result_get_scenario (rl_comparison_get_b (cmp));
  g_autoptr (GPtrArray) issues = issue_union (a, b);
  g_autoptr (GPtrArray) parties = party_union (a, b);
  gboolean first = TRUE;

  rl_csv_field (out, &first, "change");
  rl_csv_field (out, &first, "index");
  for (guint k = 0; k < issues->len; k++)
    rl_csv_field (out, &first, g_ptr_array_index (issues, k));
  for (guint k = 0; k < parties->len; k++)
    {
      g_autofree char *name = g_strconcat ("u_", (const char *) g_ptr_array_index (parties, k), NULL);
      rl_csv_field (out, &first, name);
    }
  rl_csv_score_columns (out, &first);
  g_string_append_c (out, '\n');

  for (guint64 i = 0; i < rl_comparison_get_n (cmp, RL_COMPARE_GAINED); i++)
    csv_row (out, "gained", b, rl_comparison_get_package (cmp, RL_COMPARE_GAINED, i), issues, parties);
  for (guint64 i = 0; i < rl_comparison_get_n (cmp, RL_COMPARE_LOST); i++)
    csv_row (out, "lost", a, rl_comparison_get_package (cmp, RL_COMPARE_LOST, i), issues, parties);
}
