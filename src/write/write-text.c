/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * write-text.c: the text of check and solve, and the pieces (party
 * tables, option lists, package blocks) that evaluate's text shares.
 */
#include "write/write-text.h"

#include <math.h>

#include "write/write-digits.h"
#include "write/write-decided.h"
#include "write/write-names.h"
#include "write/write-number.h"
#include "write/write-text-layout.h"

/* Long labels wrap inside their column rather than push numbers off the
 * right edge. */
#define NAME_COLUMN_MAX 34
#define NUMBER_COLUMN 9

static const char *
plural (guint64 n, const char *one, const char *many)
{
  return n == 1 ? one : many;
}

/* "no red lines", "1 red line", "3 red lines" */
static char *
count_of (guint n, const char *one, const char *many)
{
  return n == 0 ? g_strdup_printf ("no %s", many) : g_strdup_printf ("%u %s", n, plural (n, one, many));
}

/* ---- check ------------------------------------------------------------------ */

/* stability.md: one line per party that can move after a deal, naming
 * the issues it controls and any that move one way only. */
static void
check_controls (GString *out, const RlScenario *sc)
{
  for (guint p = 0; p < rl_scenario_get_n_parties (sc); p++)
    {
      guint n = rl_scenario_get_party_n_controls (sc, p);
      if (n == 0)
        continue;
      g_autoptr (GString) s = g_string_new (NULL);
      g_string_append_printf (s, "%s controls ", rl_scenario_get_party_id (sc, p));
      for (guint c = 0; c < n; c++)
        {
          guint i = rl_scenario_get_party_control (sc, p, c);
          RlMoves moves = rl_scenario_get_issue_moves (sc, i);
          g_string_append_printf (s, "%s%s", c == 0 ? "" : c + 1 == n ? " and " : ", ",
                                  rl_scenario_get_issue_id (sc, i));
          if (moves != RL_MOVES_BOTH)
            g_string_append_printf (s, " (%s only)", rl_moves_name (moves));
        }
      g_string_append_c (s, '.');
      rl_text_append_wrapped (out, s->str, 2, 4);
    }
}

void
rl_text_check (GString *out, const char *file, const RlScenario *sc)
{
  char buf[RL_NUMBER_BUF];
  g_autoptr (GString) s = g_string_new (NULL);
  guint n_issues = rl_scenario_get_n_issues (sc), n_options = 0;
  guint n_parties = rl_scenario_get_n_parties (sc);
  guint n_veto = rl_scenario_get_n_veto_parties (sc), n_red = 0;
  guint n_constraints = rl_scenario_get_n_constraints (sc);

  for (guint i = 0; i < n_issues; i++)
    n_options += rl_scenario_get_n_options (sc, i);
  for (guint p = 0; p < n_parties; p++)
    n_red += rl_scenario_get_n_red_lines (sc, p);

  g_string_append_printf (s, "%s: ok \u2014 %s; %u %s with %u %s in all; ",
                          file, rl_scenario_get_title (sc),
                          n_issues, plural (n_issues, "issue", "issues"),
                          n_options, plural (n_options, "option", "options"));
  if (n_veto == n_parties)
    g_string_append_printf (s, "%u %s, %s; ", n_parties, plural (n_parties, "party", "parties"),
                            n_parties == 1 ? "with a veto" : "all with a veto");
  else
    {
      guint n_obs = n_parties - n_veto;
      g_string_append_printf (s, "%u parties, of which %u %s a veto and %u %s (",
                              n_parties, n_veto, plural (n_veto, "has", "have"),
                              n_obs, plural (n_obs, "is an observer", "are observers"));
      gboolean first = TRUE;
      for (guint p = 0; p < n_parties; p++)
        if (!rl_scenario_party_is_veto (sc, p))
          {
            g_string_append_printf (s, "%s%s", first ? "" : ", ", rl_scenario_get_party_id (sc, p));
            first = FALSE;
          }
      g_string_append (s, "); ");
    }
  g_autofree char *red = count_of (n_red, "red line", "red lines");
  g_autofree char *constraints = count_of (n_constraints, "constraint", "constraints");
  g_string_append_printf (s, "%s and %s; ", red, constraints);
  guint64 space;
  if (rl_scenario_get_space (sc, &space))
    g_string_append_printf (s, "package space %s.", rl_format_count (buf, space));
  else
    {
      g_autofree char *about = rl_scenario_format_space (sc, 2);
      g_string_append_printf (s, "package space about %s, too large to count "
                              "(solve needs --only-top).", about);
    }
  /* scenario.md section 2: say what a BATNA taken from the status quo
   * came to. */
  gboolean first = TRUE;
  for (guint p = 0; p < rl_scenario_get_n_parties (sc); p++)
    {
      double adjust;
      if (!rl_scenario_get_party_batna_adjust (sc, p, &adjust))
        continue;
      double batna = rl_scenario_get_party_batna (sc, p);
      g_string_append_printf (s, "%s %s %s", first ? " BATNAs from the status quo:" : ";",
                              rl_write_party_name (sc, p), rl_format_fixed (buf, batna, 3, FALSE));
      if (adjust == 0)
        g_string_append (s, " (its status quo)");
      else
        {
          char a[RL_NUMBER_BUF];
          g_string_append_printf (s, " (its status quo %s, %s %s)",
                                  rl_format_fixed (a, batna - adjust, 3, FALSE),
                                  adjust < 0 ? "minus" : "plus",
                                  rl_format_fixed (buf, fabs (adjust), 3, FALSE));
        }
      first = FALSE;
    }
  if (!first)
    g_string_append_c (s, '.');
  rl_text_append_wrapped (out, s->str, 0, 2);
  check_controls (out, sc);
}

/* ---- Shared pieces --------------------------------------------------------- */

static char *
party_name (const RlScenario *sc, guint p)
{
  const char *label = rl_scenario_get_party_label (sc, p);
  return g_strdup_printf ("%s%s", label ? label : rl_scenario_get_party_id (sc, p),
                          rl_scenario_party_is_veto (sc, p) ? "" : " (observer)");
}

void
rl_text_party_table (GString *out, const RlScenario *sc, guint indent,
                     const RlTextColumn *columns, guint n_columns)
{
  char buf[RL_NUMBER_BUF];
  guint n_parties = rl_scenario_get_n_parties (sc);
  g_autofree guint *widths = g_new0 (guint, MAX (n_columns, 1));
  guint numbers_w = 0;

  for (guint c = 0; c < n_columns; c++)
    {
      widths[c] = MAX (rl_text_width (columns[c].header), 6);
      for (guint p = 0; p < n_parties; p++)
        widths[c] = MAX (widths[c], rl_text_width (rl_format_fixed (buf, columns[c].values[p], 3,
                                                                     columns[c].plus)));
      numbers_w += widths[c] + 2;
    }
  guint name_max = RL_TEXT_WIDTH > indent + numbers_w + 12 ? RL_TEXT_WIDTH - indent - numbers_w : 12;
  name_max = MIN (name_max, NAME_COLUMN_MAX);
  guint name_w = rl_text_width ("party");
  for (guint p = 0; p < n_parties; p++)
    {
      g_autofree char *name = party_name (sc, p);
      g_auto (GStrv) lines = rl_text_wrap (name, name_max);
      for (guint l = 0; lines[l]; l++)
        name_w = MAX (name_w, rl_text_width (lines[l]));
    }
  name_w = MIN (name_w, name_max);

  rl_text_append_spaces (out, indent);
  rl_text_append_padded (out, "party", name_w, FALSE);
  for (guint c = 0; c < n_columns; c++)
    {
      g_string_append (out, "  ");
      rl_text_append_padded (out, columns[c].header, widths[c], TRUE);
    }
  g_string_append_c (out, '\n');

  for (guint p = 0; p < n_parties; p++)
    {
      g_autofree char *name = party_name (sc, p);
      g_auto (GStrv) lines = rl_text_wrap (name, name_w);
      for (guint l = 0; lines[l]; l++)
        {
          rl_text_append_spaces (out, indent);
          if (l > 0)
            {
              g_string_append (out, lines[l]);
              g_string_append_c (out, '\n');
              continue;
            }
          rl_text_append_padded (out, lines[l], name_w, FALSE);
          for (guint c = 0; c < n_columns; c++)
            {
              g_string_append (out, "  ");
              rl_text_append_padded (out, rl_format_fixed (buf, columns[c].values[p], 3, columns[c].plus),
                                     widths[c], TRUE);
            }
          g_string_append_c (out, '\n');
        }
    }
}

void
rl_text_options (GString *out, const RlScenario *sc, const guint8 *options, guint indent)
{
  guint n = rl_scenario_get_n_issues (sc);
  g_autofree const char **left = g_new (const char *, MAX (n, 1));
  g_autofree const char **right = g_new (const char *, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      left[i] = rl_write_issue_name (sc, i);
      right[i] = rl_write_option_name (sc, i, options[i]);
    }
  rl_text_append_pairs (out, indent, NAME_COLUMN_MAX, left, right, n);
}

static void
utilities_table (GString *out, const RlScenario *sc, const double *u, guint indent)
{
  guint n = rl_scenario_get_n_parties (sc);
  g_autofree double *batna = g_new (double, MAX (n, 1));
  g_autofree double *gain = g_new (double, MAX (n, 1));
  for (guint p = 0; p < n; p++)
    {
      batna[p] = rl_scenario_get_party_batna (sc, p);
      gain[p] = u[p] - batna[p];
    }
  RlTextColumn columns[] = {
    { "utility", u, FALSE },
    { "BATNA", batna, FALSE },
    { "gain", gain, TRUE },
  };
  rl_text_party_table (out, sc, indent, columns, G_N_ELEMENTS (columns));
}

static RlScoreKind
tie_kind (const RlRank *rank)
{
  return rank->kind < RL_N_STANDARD_SCORES ? rank->kind : RL_SCORE_WELFARE;
}

/* One package in full. @rank_digits, @score_digits: the notation of the
 * column each score belongs to (write-digits.h); NULL for one package
 * alone. */
static void
text_package (GString *out, const RlScenario *sc, const RlPackage *pkg, const RlRank *rank,
              const RlDigits *rank_digits, const RlDigits *score_digits)
{
  char buf[RL_NUMBER_BUF];
  g_autoptr (GString) head = g_string_new (NULL);

  if (pkg->rank > 0)
    g_string_append_printf (head, "%u. ", pkg->rank);
  g_string_append_printf (head, "Package %s", rl_write_index (sc, pkg->options));
  if (pkg->acceptable && rank)
    {
      g_autofree char *name = rl_rank_to_string (sc, rank);
      double score = rl_package_rank_score (pkg, rank);
      double printed = rl_score_printed (rank->kind, score);
      RlDigits d = rank_digits ? *rank_digits : rl_digits_for (&printed, 1, tie_kind (rank));
      if (rank->kind == RL_SCORE_DURABILITY && isinf (score))
        g_string_append (head, ", durability: no veto party's BATNA drifts upward");
      else
        g_string_append_printf (head, ", %s %s", name, rl_format_score (buf, rank->kind, score, d));
    }
  if (pkg->acceptable)
    g_string_append (head, pkg->pareto ? ", Pareto-optimal" : ", not Pareto-optimal");
  rl_text_append_wrapped (out, head->str, 0, 4);

  rl_text_options (out, sc, pkg->options, 4);
  if (pkg->acceptable)
    {
      g_autoptr (GString) scores = g_string_new ("scores: ");
      for (RlScoreKind kind = 0; kind < RL_N_STANDARD_SCORES; kind++)
        {
          if (kind == RL_SCORE_KALAI && !pkg->has_kalai)
            continue;
          double printed = rl_score_printed (kind, pkg->scores[kind]);
          RlDigits d = score_digits ? score_digits[kind] : rl_digits_for (&printed, 1, kind);
          g_string_append_printf (scores, "%s%s %s", kind == 0 ? "" : ", ", rl_score_name (kind),
                                  rl_format_score (buf, kind, pkg->scores[kind], d));
        }
      rl_text_append_wrapped (out, scores->str, 4, 6);
    }
  utilities_table (out, sc, pkg->utilities, 4);
}

void
rl_text_package (GString *out, const RlScenario *sc, const RlPackage *pkg, const RlRank *rank)
{
  text_package (out, sc, pkg, rank, NULL, NULL);
}

/* The digits of each score, and of the rank's score, over a list of
 * packages in the order printed. */
static void
list_digits (const RlPackage *const *pkgs, guint n, const RlRank *rank, RlDigits *rank_digits,
             RlDigits score_digits[RL_N_STANDARD_SCORES])
{
  g_autofree double *v = g_new (double, MAX (n, 1));
  for (RlScoreKind kind = 0; kind < RL_N_STANDARD_SCORES; kind++)
    {
      for (guint k = 0; k < n; k++)
        v[k] = pkgs[k]->acceptable ? rl_score_printed (kind, pkgs[k]->scores[kind]) : NAN;
      score_digits[kind] = rl_digits_for (v, n, kind);
    }
  for (guint k = 0; k < n; k++)
    v[k] = pkgs[k]->acceptable ? rl_score_printed (rank->kind, rl_package_rank_score (pkgs[k], rank)) : NAN;
  *rank_digits = rl_digits_for (v, n, tie_kind (rank));
}

/* "Where the line runs: middle; Reconstruction aid: full": the issues on
 * which @pkg differs from @first, by their labels. */
static char *
differences (const RlScenario *sc, const RlPackage *pkg, const RlPackage *first)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < rl_scenario_get_n_issues (sc); i++)
    if (pkg->options[i] != first->options[i])
      g_string_append_printf (s, "%s%s: %s", s->len ? "; " : "", rl_write_issue_name (sc, i),
                              rl_write_option_name (sc, i, pkg->options[i]));
  if (s->len == 0)
    g_string_append (s, "none");
  return g_string_free (s, FALSE);
}

/* A list of packages as one table row each: rank (when ranked), index,
 * the rank's score, Pareto, and the issues on which it differs from
 * @first (shown in full above the table), wrapped in the last column. */
static void
package_rows (GString *out, const RlScenario *sc, const RlPackage *const *pkgs, guint n,
              const RlRank *rank, const RlPackage *first, const char *first_name,
              gboolean ranked)
{
  char buf[RL_NUMBER_BUF];
  RlDigits rank_digits, score_digits[RL_N_STANDARD_SCORES];
  list_digits (pkgs, n, rank, &rank_digits, score_digits);
  g_autofree char *score_name = rl_rank_to_string (sc, rank);
  g_autofree char *differs_head = g_strdup_printf ("differs from %s on", first_name);
  guint w_rank = rl_text_width ("#"), w_index = rl_text_width ("package");
  guint w_score = rl_text_width (score_name), w_pareto = rl_text_width ("Pareto");
  g_autoptr (GPtrArray) scores = g_ptr_array_new_with_free_func (g_free);
  for (guint k = 0; k < n; k++)
    {
      w_rank = MAX (w_rank, rl_text_width (rl_format_count (buf, pkgs[k]->rank)));
      w_index = MAX (w_index, rl_text_width (rl_write_index (sc, pkgs[k]->options)));
      double score = rl_package_rank_score (pkgs[k], rank);
      char *text = rank->kind == RL_SCORE_DURABILITY && isinf (score)
                   ? g_strdup ("never") : g_strdup (rl_format_score (buf, rank->kind, score, rank_digits));
      w_score = MAX (w_score, rl_text_width (text));
      g_ptr_array_add (scores, text);
    }
  guint used = 2 + (ranked ? w_rank + 2 : 0) + w_index + 2 + w_score + 2 + w_pareto + 2;
  guint w_rest = used + 20 <= RL_TEXT_WIDTH ? RL_TEXT_WIDTH - used : 20;

  g_string_append (out, "  ");
  if (ranked)
    {
      rl_text_append_padded (out, "#", w_rank, TRUE);
      g_string_append (out, "  ");
    }
  rl_text_append_padded (out, "package", w_index, TRUE);
  g_string_append (out, "  ");
  rl_text_append_padded (out, score_name, w_score, TRUE);
  g_string_append (out, "  ");
  rl_text_append_padded (out, "Pareto", w_pareto, FALSE);
  g_string_append (out, "  ");
  g_string_append (out, differs_head);
  g_string_append_c (out, '\n');
  for (guint k = 0; k < n; k++)
    {
      const RlPackage *pkg = pkgs[k];
      g_string_append (out, "  ");
      if (ranked)
        {
          rl_text_append_padded (out, rl_format_count (buf, pkg->rank), w_rank, TRUE);
          g_string_append (out, "  ");
        }
      rl_text_append_padded (out, rl_write_index (sc, pkg->options), w_index, TRUE);
      g_string_append (out, "  ");
      rl_text_append_padded (out, g_ptr_array_index (scores, k), w_score, TRUE);
      g_string_append (out, "  ");
      rl_text_append_padded (out, pkg->pareto ? "yes" : "no", w_pareto, FALSE);
      g_string_append (out, "  ");
      g_autofree char *diff = pkg == first ? g_strdup ("(shown above)")
                                           : differences (sc, pkg, first);
      g_auto (GStrv) lines = rl_text_wrap (diff, w_rest);
      for (guint l = 0; lines[l]; l++)
        {
          if (l > 0)
            rl_text_append_spaces (out, used);
          g_string_append (out, lines[l]);
          g_string_append_c (out, '\n');
        }
    }
}

/* ---- solve --------------------------------------------------------------------- */

static void
heading (GString *out, const RlScenario *sc, const char *file, const RlSolveOptions *opts)
{
  g_autofree char *rank = rl_rank_to_string (sc, &opts->rank);
  g_autofree char *line = g_strdup_printf ("%s, ranked by %s%s", file, rank,
                                           (opts->flags & RL_SOLVE_IGNORE_BATNA)
                                           ? ", BATNAs ignored (acceptable = compatible)" : "");
  rl_text_append_wrapped (out, rl_scenario_get_title (sc), 0, 0);
  rl_text_append_wrapped (out, line, 0, 2);
  const char *const *changes = rl_scenario_get_changes (sc);
  for (guint k = 0; changes && changes[k]; k++)
    {
      g_autofree char *change = g_strdup_printf ("what if: %s", changes[k]);
      rl_text_append_wrapped (out, change, 0, 4);
    }
}

static void
funnel (GString *out, const RlCounts *c)
{
  char count[RL_NUMBER_BUF], pct[RL_NUMBER_BUF];
  const struct { const char *name; guint64 n; const char *what; } rows[] = {
    { "package space", c->space, "every combination of options" },
    { "feasible", c->feasible, "every constraint holds" },
    { "compatible", c->compatible, "and every veto party's red lines" },
    { "acceptable", c->acceptable, "and every veto party's BATNA" },
    { "Pareto-optimal", c->pareto, "and no acceptable package dominates it" },
  };
  guint count_w = 0;
  for (guint k = 0; k < G_N_ELEMENTS (rows); k++)
    count_w = MAX (count_w, rl_text_width (rl_format_count (count, rows[k].n)));
  if (!c->space_fits)
    count_w = MAX (count_w, 8);
  /* label 14, count, share 6, then the explanation where it fits. */
  guint used = 2 + 14 + 2 + count_w + 2 + 6;
  gboolean explain = used + 2 + 36 <= RL_TEXT_WIDTH;

  for (guint k = 0; k < G_N_ELEMENTS (rows); k++)
    {
      g_string_append (out, "  ");
      rl_text_append_padded (out, rows[k].name, 14, FALSE);
      g_string_append (out, "  ");
      if (k == 0 && !c->space_fits)
        g_ascii_formatd (count, sizeof count, "%.2g", c->space_approx);
      else
        rl_format_count (count, rows[k].n);
      rl_text_append_padded (out, count, count_w, TRUE);
      g_string_append (out, "  ");
      rl_text_append_padded (out, rl_format_percent (pct, (double) rows[k].n,
                                                     c->space_fits ? (double) c->space : c->space_approx),
                             6, TRUE);
      if (explain)
        {
          g_string_append (out, "  ");
          g_string_append (out, rows[k].what);
        }
      g_string_append_c (out, '\n');
    }
}

static void
where_lost (GString *out, const RlCounts *c)
{
  const char *why;
  if (c->feasible == 0)
    why = "No package satisfies the constraints: they contradict each other.";
  else if (c->compatible == 0)
    why = "Every feasible package breaks a red line of some veto party.";
  else
    why = "Every compatible package leaves some veto party below its BATNA.";
  g_string_append (out, "No package is acceptable to every veto party.\n");
  rl_text_append_wrapped (out, why, 0, 0);
}

/* cli.md: what the red lines, and then the BATNAs, leave no choice about,
 * in words, before the ranked packages. */
static void
decided (GString *out, const RlResult *res)
{
  g_autofree char *red_lines = NULL;
  g_autofree char *batnas = NULL;
  rl_write_decided (res, &red_lines, &batnas);
  const char *sentences[] = {red_lines, batnas};
  for (guint k = 0; k < G_N_ELEMENTS (sentences); k++)
    if (sentences[k])
      {
        g_string_append_c (out, '\n');
        rl_text_append_wrapped (out, sentences[k], 0, 0);
      }
}

static void
text_solve (GString *out, const RlResult *res, const char *file, gboolean long_listing)
{
  RlScenario *sc = rl_result_get_scenario (res);
  const RlSolveOptions *opts = rl_result_get_options (res);
  guint n_parties = rl_scenario_get_n_parties (sc);
  char buf[RL_NUMBER_BUF];

  RlCounts counts;
  gboolean have_counts = rl_result_get_counts (res, &counts);

  heading (out, sc, file, opts);
  if (!rl_result_is_complete (res))
    {
      g_string_append_c (out, '\n');
      rl_text_append_wrapped (out, have_counts
                              ? "Stopped by --timeout: the counts below are lower bounds "
                                "(the Pareto-optimal count is among the packages found so "
                                "far), and better packages than those listed may exist."
                              : "Stopped by --timeout: better packages than those listed "
                                "may exist.", 0, 0);
    }
  g_string_append_c (out, '\n');

  if (have_counts)
    {
      g_string_append (out, "Packages\n");
      funnel (out, &counts);
      decided (out, res);
    }
  else
    rl_text_append_wrapped (out, "Counts not computed (--only-top).", 0, 0);

  if (have_counts && counts.acceptable == 0)
    {
      g_string_append_c (out, '\n');
      where_lost (out, &counts);
      return;
    }
  if (!have_counts && rl_result_get_n_top (res) == 0 && rl_result_is_complete (res))
    {
      g_string_append_c (out, '\n');
      g_string_append (out, "No package is acceptable to every veto party.\n");
      return;
    }

  g_autofree double *ideal = g_new (double, MAX (n_parties, 1));
  gboolean have_ideal = n_parties > 0;
  for (guint p = 0; p < n_parties && have_ideal; p++)
    have_ideal = rl_result_get_ideal (res, p, &ideal[p]);
  if (have_ideal)
    {
      g_string_append_c (out, '\n');
      g_string_append (out, "Ideal: each party's best utility over the acceptable packages\n");
      RlTextColumn column = { "ideal", ideal, FALSE };
      rl_text_party_table (out, sc, 2, &column, 1);
    }

  guint n_top = rl_result_get_n_top (res);
  g_autofree char *rank = rl_rank_to_string (sc, &opts->rank);
  g_string_append_c (out, '\n');
  if (n_top == 0)
    g_string_append (out, opts->top == 0 ? "No ranked list (--top 0).\n"
                                         : "No package was ranked before the search stopped.\n");
  else if (have_counts)
    g_string_append_printf (out, "Top %u of %s acceptable %s by %s\n", n_top,
                            rl_format_count (buf, counts.acceptable),
                            plural (counts.acceptable, "package", "packages"), rank);
  else
    g_string_append_printf (out, "Top %u %s by %s\n", n_top, plural (n_top, "package", "packages"), rank);
  g_autofree const RlPackage **top = g_new (const RlPackage *, MAX (n_top, 1));
  for (guint k = 0; k < n_top; k++)
    top[k] = rl_result_get_top (res, k);
  RlDigits rank_digits, score_digits[RL_N_STANDARD_SCORES];
  list_digits (top, n_top, &opts->rank, &rank_digits, score_digits);
  /* Compact by default: #1 in full, then one row per package with the
   * issues where it differs from #1; --long shows every one in full. */
  for (guint k = 0; k < n_top && (long_listing || k == 0); k++)
    {
      g_string_append_c (out, '\n');
      text_package (out, sc, top[k], &opts->rank, &rank_digits, score_digits);
    }
  if (!long_listing && n_top > 1)
    {
      g_string_append_c (out, '\n');
      package_rows (out, sc, top, n_top, &opts->rank, top[0], "#1", TRUE);
    }

  if (opts->flags & RL_SOLVE_FRONTIER)
    {
      guint n = rl_result_get_n_frontier (res);
      g_string_append_c (out, '\n');
      g_string_append_printf (out, "Pareto frontier: %u %s, in index order\n", n,
                              plural (n, "package", "packages"));
      g_autofree const RlPackage **front = g_new (const RlPackage *, MAX (n, 1));
      for (guint k = 0; k < n; k++)
        front[k] = rl_result_get_frontier (res, k);
      RlDigits fd, fsd[RL_N_STANDARD_SCORES];
      list_digits (front, n, &opts->rank, &fd, fsd);
      if (long_listing || n == 0)
        for (guint k = 0; k < n; k++)
          {
            g_string_append_c (out, '\n');
            text_package (out, sc, front[k], &opts->rank, &fd, fsd);
          }
      else
        {
          /* Against the ranked #1 when there is one; else the first. */
          const RlPackage *first = n_top > 0 ? top[0] : front[0];
          if (n_top == 0)
            {
              g_string_append_c (out, '\n');
              text_package (out, sc, first, &opts->rank, &fd, fsd);
            }
          g_string_append_c (out, '\n');
          package_rows (out, sc, front, n, &opts->rank, first,
                        n_top > 0 ? "#1" : "the first", FALSE);
        }
    }
}

void
rl_text_solve (GString *out, const RlResult *res, const char *file)
{
  text_solve (out, res, file, FALSE);
}

void
rl_text_solve_long (GString *out, const RlResult *res, const char *file)
{
  text_solve (out, res, file, TRUE);
}

void
rl_text_solve_all_header (GString *out, const RlScenario *sc, const char *file,
                          const RlSolveOptions *opts)
{
  heading (out, sc, file, opts);
  g_string_append_c (out, '\n');
  g_string_append (out, "Every acceptable package, in the search's order\n");
}

void
rl_text_solve_all_footer (GString *out, guint64 n, gboolean stopped)
{
  char buf[RL_NUMBER_BUF];
  g_autofree char *line = NULL;
  if (n == 0 && !stopped)
    line = g_strdup ("No package is acceptable to every veto party.");
  else if (stopped)
    line = g_strdup_printf ("%s %s listed; stopped early by --max-packages or --timeout, "
                            "so more may exist.", rl_format_count (buf, n), plural (n, "package", "packages"));
  else
    line = g_strdup_printf ("%s acceptable %s.", rl_format_count (buf, n), plural (n, "package", "packages"));
  g_string_append_c (out, '\n');
  rl_text_append_wrapped (out, line, 0, 0);
}
