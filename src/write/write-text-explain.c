/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * write-text-explain.c: explain for a reader. A paragraph first, in an
 * analyst's words: why there is no deal (the smallest conflict, with what
 * its red lines say) and the least that would have to give; or, when a
 * deal exists, what each red line costs it. Then the conflicts, the
 * relaxations with the best package each opens, and the blocker table.
 */
#include "write/write-explain.h"

#include <math.h>
#include <string.h>

#include "write/write-digits.h"
#include "write/write-names.h"
#include "write/write-number.h"
#include "write/write-text-layout.h"
#include "write/write-text.h"

/* Notes are quoted up to this many columns in the paragraph. */
#define NOTE_MAX 90
#define ID_COLUMN_MAX 44

static const char *
plural (guint64 n, const char *one, const char *many)
{
  return n == 1 ? one : many;
}

/* Scores and prices: three decimals, or three significant digits below
 * 0.01, so that a small Nash product keeps its digits ("0.000171"). */
static char *
format_score (char buf[RL_NUMBER_BUF], double x)
{
  if (isnan (x))
    return g_strlcpy (buf, "n/a", RL_NUMBER_BUF), buf;
  if (x != 0 && fabs (x) < 0.01)
    return g_ascii_formatd (buf, RL_NUMBER_BUF, "%.3g", x);
  return rl_format_fixed (buf, x, 3, FALSE);
}

/* A package's score by @rank: a Nash product beyond a double from its
 * logarithm. */
static char *
format_rank_score (char buf[RL_NUMBER_BUF], const RlRank *rank, double x)
{
  double v = rl_score_printed (rank->kind, x);
  if (rank->kind == RL_SCORE_NASH && isnan (v))
    return rl_format_nash_log (buf, x, 3);
  return format_score (buf, v);
}

/* "Ukraine" for "Ukraine (President Zelensky)": the label up to its first
 * parenthesis, or the id when there is no label. */
static char *
party_short (const RlScenario *sc, guint p)
{
  const char *label = rl_scenario_get_party_label (sc, p);
  if (!label || !*label)
    label = rl_scenario_get_party_id (sc, p);
  const char *paren = strstr (label, " (");
  char *s = paren && paren > label ? g_strndup (label, paren - label) : g_strdup (label);
  return g_strstrip (s);
}

static char *
possessive (const RlScenario *sc, guint p)
{
  g_autofree char *name = party_short (sc, p);
  gsize len = strlen (name);
  return g_strdup_printf ("%s%s", name, len > 0 && name[len - 1] == 's' ? "'" : "'s");
}

/* The first sentence of a note, on one line, without its final stop, its
 * double quotes turned into single ones, cut at a word near NOTE_MAX. */
static char *
first_sentence (const char *note)
{
  g_autoptr (GString) s = g_string_new (NULL);
  gboolean space = FALSE;
  for (const char *p = note; *p; p++)
    {
      if (g_ascii_isspace (*p))
        {
          space = s->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (s, ' ');
      space = FALSE;
      g_string_append_c (s, *p == '"' ? '\'' : *p);
      if ((*p == '.' || *p == ';') && (p[1] == '\0' || g_ascii_isspace (p[1])))
        break;
    }
  while (s->len > 0 && (s->str[s->len - 1] == '.' || s->str[s->len - 1] == ';'))
    g_string_truncate (s, s->len - 1);
  if (rl_text_width (s->str) > NOTE_MAX)
    {
      g_auto (GStrv) lines = rl_text_wrap (s->str, NOTE_MAX - 2);
      g_string_assign (s, lines[0]);
      g_string_append (s, " \u2026");
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* "Ukraine's red line 'No deal about Ukraine without Ukraine'
 * (ukraine/at-the-table)", "Russia's BATNA of 0.595 (russia/batna)". */
static char *
describe (const RlExplanation *ex, guint b)
{
  const RlScenario *sc = rl_explanation_get_scenario (ex);
  guint p = rl_explanation_get_blocker_party (ex, b);
  g_autofree char *whose = possessive (sc, p);
  const char *id = rl_explanation_get_blocker_id (ex, b);
  if (rl_explanation_get_blocker_kind (ex, b) == RL_BLOCKER_BATNA)
    {
      char buf[RL_NUMBER_BUF];
      return g_strdup_printf ("%s BATNA of %s (%s)", whose,
                              rl_format_fixed (buf, rl_scenario_get_party_batna (sc, p), 3, FALSE), id);
    }
  const RlNamedRule *rule = rl_explanation_get_blocker_rule (ex, b);
  const char *note = rl_named_rule_get_note (rule);
  if (note && *note)
    {
      g_autofree char *first = first_sentence (note);
      return g_strdup_printf ("%s red line \u201c%s\u201d (%s)", whose, first, id);
    }
  return g_strdup_printf ("%s red line %s (%s)", whose, id, rl_named_rule_get_text (rule));
}

/* "Ukraine's no-recognition red line", "Russia's BATNA" */
static char *
short_name (const RlExplanation *ex, guint b)
{
  const RlScenario *sc = rl_explanation_get_scenario (ex);
  g_autofree char *whose = possessive (sc, rl_explanation_get_blocker_party (ex, b));
  if (rl_explanation_get_blocker_kind (ex, b) == RL_BLOCKER_BATNA)
    return g_strdup_printf ("%s BATNA", whose);
  return g_strdup_printf ("%s %s red line", whose,
                          rl_named_rule_get_id (rl_explanation_get_blocker_rule (ex, b)));
}

/* In full the first time a paragraph names a blocker, briefly after. */
static char *
mention (const RlExplanation *ex, guint b, gboolean *mentioned)
{
  if (mentioned[b])
    return short_name (ex, b);
  mentioned[b] = TRUE;
  return describe (ex, b);
}

/* "X", "X and Y", "X, Y and Z" */
static void
append_list (GString *s, const char *const *items, guint n)
{
  for (guint k = 0; k < n; k++)
    {
      if (k > 0)
        g_string_append (s, k + 1 == n ? " and " : ", ");
      g_string_append (s, items[k]);
    }
}

static void
append_described (GString *s, const RlExplanation *ex, const guint *members, guint n,
                  gboolean *mentioned)
{
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  for (guint k = 0; k < n; k++)
    g_ptr_array_add (items, mention (ex, members[k], mentioned));
  append_list (s, (const char *const *) items->pdata, items->len);
}

static const char *
all_of (guint n)
{
  static const char *const words[] = { "all", "all", "both", "all three", "all four", "all five",
                                       "all six", "all seven", "all eight", "all nine", "all ten" };
  return n < G_N_ELEMENTS (words) ? words[n] : "all of them";
}

/* "in Nash terms", "in United States' utility" */
static char *
rank_terms (const RlScenario *sc, const RlRank *rank)
{
  switch (rank->kind)
    {
    case RL_SCORE_WELFARE:
      return g_strdup ("in welfare terms");
    case RL_SCORE_NASH:
      return g_strdup ("in Nash terms");
    case RL_SCORE_KALAI:
      return g_strdup ("in Kalai terms");
    case RL_SCORE_MIN_GAIN:
      return g_strdup ("in terms of the smallest gain");
    case RL_SCORE_UTILITY:
      {
        g_autofree char *whose = possessive (sc, rank->party);
        return g_strdup_printf ("in %s utility", whose);
      }
    default:
      return g_strdup ("");
    }
}

/* ---- the paragraph ------------------------------------------------------------------ */

/* Relaxations of the smallest size are the alternatives the paragraph
 * names, up to this many. */
#define ALTERNATIVES_MAX 3

static void
paragraph_no_deal (GString *out, const RlExplanation *ex)
{
  char buf[RL_NUMBER_BUF], buf2[RL_NUMBER_BUF];
  g_autoptr (GString) s = g_string_new ("No package satisfies every veto party.");
  guint n_conflicts = rl_explanation_get_n_conflicts (ex);
  guint n_relax = rl_explanation_get_n_relaxations (ex);
  const RlScenario *sc = rl_explanation_get_scenario (ex);
  const RlRank *rank = &rl_explanation_get_options (ex)->rank;
  g_autofree char *rank_name = rl_rank_to_string (sc, rank);
  g_autofree gboolean *mentioned = g_new0 (gboolean, rl_explanation_get_n_blockers (ex) + 1);

  if (n_conflicts > 0)
    {
      guint n;
      const guint *members = rl_explanation_get_conflict (ex, 0, &n);
      if (n == 1)
        {
          g_string_append (s, " The smallest conflict is ");
          append_described (s, ex, members, n, mentioned);
          g_string_append (s, " alone: the constraints leave no feasible package that meets it.");
        }
      else
        {
          g_string_append (s, n == 2 ? " The smallest conflict is between " : " The smallest conflict is among ");
          append_described (s, ex, members, n, mentioned);
          g_string_append_printf (s, ": no feasible package keeps %s.", all_of (n));
        }
      if (n_conflicts > 1)
        g_string_append_printf (s, " It is the first of the %u conflicts listed below.", n_conflicts);
    }
  if (n_relax > 0)
    {
      guint n0;
      rl_explanation_get_relaxation (ex, 0, &n0);
      guint n_alt = 0;
      while (n_alt < n_relax && n_alt < ALTERNATIVES_MAX)
        {
          guint n;
          rl_explanation_get_relaxation (ex, n_alt, &n);
          if (n != n0)
            break;
          n_alt++;
        }
      g_string_append (s, n_alt > 1 ? " The least that would have to give is either " : " The least that would have to give is ");
      for (guint r = 0; r < n_alt; r++)
        {
          guint n;
          const guint *members = rl_explanation_get_relaxation (ex, r, &n);
          RlKnown opened = rl_explanation_get_relaxation_acceptable (ex, r);
          if (r > 0)
            g_string_append (s, r + 1 == n_alt ? ", or " : ", ");
          append_described (s, ex, members, n, mentioned);
          g_string_append_printf (s, "%s (%s %s would become acceptable", n > 1 ? " together" : "",
                                  rl_format_known (buf, opened, TRUE),
                                  opened.kind == RL_KNOWN_EXACT ? plural (opened.value, "package", "packages")
                                                                : "packages");
          const RlPackage *best = rl_explanation_get_relaxation_best (ex, r);
          if (best)
            g_string_append_printf (s, "; the best scores %s by %s", format_rank_score (buf2, rank, rl_package_rank_score (best, rank)),
                                    rank_name);
          g_string_append_c (s, ')');
        }
      g_string_append_c (s, '.');
      if (n_relax > n_alt)
        g_string_append_printf (s, " The list below has %u relaxations in all.", n_relax);
    }
  rl_text_append_wrapped (out, s->str, 0, 0);
}

/* Whether two best scores as products (or plain scores) tie: the Nash
 * tie rule reads logarithms. */
static gboolean
price_ties (RlScoreKind kind, double a, double b)
{
  return kind == RL_SCORE_NASH ? rl_scores_tie (kind, log (a), log (b)) : rl_scores_tie (kind, a, b);
}

static void
paragraph_deal (GString *out, const RlExplanation *ex)
{
  char buf[RL_NUMBER_BUF], buf2[RL_NUMBER_BUF], buf3[RL_NUMBER_BUF];
  const RlScenario *sc = rl_explanation_get_scenario (ex);
  const RlRank *rank = &rl_explanation_get_options (ex)->rank;
  g_autofree char *terms = rank_terms (sc, rank);
  g_autofree char *name = rl_rank_to_string (sc, rank);
  RlKnown acceptable = rl_explanation_get_acceptable (ex);
  double best_score = 0;
  gboolean has_best = rl_explanation_get_best_score (ex, &best_score);
  /* Prices are differences of products: the best as a product too (it
   * saturates where a price does); the best itself printed from what
   * the library holds, a Nash product beyond a double in log form. */
  double best = best_score;
  if (rank->kind == RL_SCORE_NASH)
    {
      rl_nash_shown (best_score, NAN, &best);
      best = MIN (best, G_MAXDOUBLE);
    }
  g_autoptr (GString) costs = g_string_new (NULL);

  guint n_costly = 0, n_priced = 0;
  for (guint b = 0; b < rl_explanation_get_n_blockers (ex); b++)
    {
      double price;
      if (!rl_explanation_get_blocker_price (ex, b, &price))
        continue;
      n_priced++;
      if (price == 0 || price_ties (rank->kind, best + price, best))
        continue;
      g_autofree char *who = short_name (ex, b);
      who[0] = g_ascii_toupper (who[0]);
      n_costly++;
      if (price > 0)
        g_string_append_printf (costs, " %s costs the best deal %s %s (without it the best %s "
                                "score would be %s, not %s).", who, format_score (buf, price), terms,
                                name, format_score (buf2, best + price), format_score (buf3, best));
      else
        g_string_append_printf (costs, " Dropping %s alone would lower the best %s score by %s "
                                "(the ideals it is measured against would move).", who, name,
                                format_score (buf, -price));
    }

  g_autoptr (GString) s = g_string_new (NULL);
  g_string_append_printf (s, "%s %s acceptable", rl_format_known (buf, acceptable, TRUE),
                          acceptable.kind == RL_KNOWN_EXACT ? plural (acceptable.value, "package is", "packages are")
                                                            : "packages are");
  /* A first letter in upper case: "At least 12 packages are acceptable". */
  s->str[0] = g_ascii_toupper (s->str[0]);
  if (has_best)
    g_string_append_printf (s, ", the best scoring %s by %s", format_rank_score (buf, rank, best_score), name);
  gboolean all_priced = TRUE;
  for (guint b = 0; b < rl_explanation_get_n_blockers (ex); b++)
    all_priced = all_priced && rl_explanation_is_price_known (ex, b);
  if (n_priced == 0)
    g_string_append (s, "; what each red line costs could not be worked out in time.");
  else if (!all_priced)
    g_string_append_printf (s, "; what some red lines cost could not be worked out in time "
                            "(? in the table below)%s%s", n_costly ? "; of the others:" : ".",
                            n_costly ? costs->str : "");
  else if (n_costly == 0)
    g_string_append_printf (s, ", and no single red line or BATNA costs the best deal anything: "
                            "dropping any one of them alone would not raise the best %s score.", name);
  else
    {
      g_string_append_printf (s, "; what each red line costs:%s", costs->str);
      g_string_append_printf (s, " Dropping any other red line or BATNA alone would not raise the "
                              "best %s score.", name);
    }
  rl_text_append_wrapped (out, s->str, 0, 0);
}

/* ---- the lists ------------------------------------------------------------------------ */

static void
append_ids (GString *s, const RlExplanation *ex, const guint *members, guint n)
{
  for (guint k = 0; k < n; k++)
    g_string_append_printf (s, "%s%s", k ? ", " : "", rl_explanation_get_blocker_id (ex, members[k]));
}

/* "russia/keeps-donbas (donbas >= russian_de_facto)", "russia/batna (0.595)" */
static void
append_ids_with_rules (GString *s, const RlExplanation *ex, const guint *members, guint n)
{
  char buf[RL_NUMBER_BUF];
  const RlScenario *sc = rl_explanation_get_scenario (ex);
  for (guint k = 0; k < n; k++)
    {
      guint b = members[k];
      const char *what = rl_explanation_get_blocker_kind (ex, b) == RL_BLOCKER_BATNA
                         ? rl_format_fixed (buf, rl_scenario_get_party_batna (sc, rl_explanation_get_blocker_party (ex, b)), 3, FALSE)
                         : rl_named_rule_get_text (rl_explanation_get_blocker_rule (ex, b));
      g_string_append_printf (s, "%s%s (%s)", k ? "; " : "", rl_explanation_get_blocker_id (ex, b), what);
    }
}

static void
conflicts (GString *out, const RlExplanation *ex)
{
  guint n_conflicts = rl_explanation_get_n_conflicts (ex);
  if (n_conflicts == 0)
    return;
  g_string_append_c (out, '\n');
  g_autofree char *head = g_strdup_printf (
      "Conflicts (%u%s): minimal sets of red lines and BATNAs that no feasible package "
      "satisfies together, smallest first", n_conflicts,
      rl_explanation_is_complete (ex) ? "" : " found");
  rl_text_append_wrapped (out, head, 0, 0);
  for (guint c = 0; c < n_conflicts; c++)
    {
      guint n;
      const guint *members = rl_explanation_get_conflict (ex, c, &n);
      g_autoptr (GString) line = g_string_new (NULL);
      g_string_append_printf (line, "%u. ", c + 1);
      if (n == 0)
        g_string_append (line, "(none: the constraints alone conflict)");
      append_ids_with_rules (line, ex, members, n);
      rl_text_append_wrapped (out, line->str, 2, 5);
    }
}

static void
relaxations (GString *out, const RlExplanation *ex)
{
  char buf[RL_NUMBER_BUF];
  const RlScenario *sc = rl_explanation_get_scenario (ex);
  const RlRank *rank = &rl_explanation_get_options (ex)->rank;
  g_autofree char *name = rl_rank_to_string (sc, rank);
  guint n_relax = rl_explanation_get_n_relaxations (ex);
  if (n_relax == 0)
    return;
  g_string_append_c (out, '\n');
  g_autofree char *head = g_strdup_printf (
      "Relaxations (%u%s): minimal sets of red lines and BATNAs whose removal opens a zone "
      "of agreement, smallest first; a dropped BATNA still counts in the scores",
      n_relax, rl_explanation_is_complete (ex) ? "" : " found");
  rl_text_append_wrapped (out, head, 0, 0);
  for (guint r = 0; r < n_relax; r++)
    {
      guint n;
      const guint *members = rl_explanation_get_relaxation (ex, r, &n);
      RlKnown opened = rl_explanation_get_relaxation_acceptable (ex, r);
      g_autoptr (GString) line = g_string_new (NULL);
      g_string_append_printf (line, "%u. give up ", r + 1);
      append_ids (line, ex, members, n);
      g_string_append_printf (line, ": %s %s acceptable", rl_format_known (buf, opened, TRUE),
                              opened.kind == RL_KNOWN_EXACT ? plural (opened.value, "package becomes", "packages become")
                                                            : "packages become");
      rl_text_append_wrapped (out, line->str, 2, 5);

      const RlPackage *best = rl_explanation_get_relaxation_best (ex, r);
      if (!best)
        continue;
      g_autoptr (GString) pkg = g_string_new (NULL);
      g_string_append_printf (pkg, "best by %s: package %s (%s %s%s): ", name,
                              rl_write_index (sc, best->options), name, format_rank_score (buf, rank, rl_package_rank_score (best, rank)),
                              best->pareto ? ", Pareto-optimal" : "");
      for (guint i = 0; i < rl_scenario_get_n_issues (sc); i++)
        g_string_append_printf (pkg, "%s%s=%s", i ? ", " : "", rl_scenario_get_issue_id (sc, i),
                                rl_scenario_get_option_id (sc, i, best->options[i]));
      rl_text_append_wrapped (out, pkg->str, 5, 7);
    }
}

static void
blocker_table (GString *out, const RlExplanation *ex)
{
  char buf[RL_NUMBER_BUF];
  const RlScenario *sc = rl_explanation_get_scenario (ex);
  const RlRank *rank = &rl_explanation_get_options (ex)->rank;
  g_autofree char *name = rl_rank_to_string (sc, rank);
  guint n = rl_explanation_get_n_blockers (ex);
  g_string_append_c (out, '\n');
  RlKnown feasible = rl_explanation_get_feasible (ex);
  g_autofree char *head = g_strdup_printf ("Blockers: what each rules out of the %s feasible %s",
                                           rl_format_known (buf, feasible, TRUE),
                                           feasible.kind == RL_KNOWN_EXACT
                                           ? plural (feasible.value, "package", "packages") : "packages");
  rl_text_append_wrapped (out, head, 0, 0);

  /* Columns: id, excludes, sole, price. */
  g_autofree char **cells = g_new0 (char *, (gsize) n * 3 + 1);
  gboolean partial = FALSE;
  guint w_id = rl_text_width ("blocker"), w[3] = { rl_text_width ("excludes"), rl_text_width ("sole"),
                                                   rl_text_width ("price") };
  for (guint b = 0; b < n; b++)
    {
      double price;
      RlKnown excl = rl_explanation_get_blocker_excludes (ex, b);
      RlKnown sole = rl_explanation_get_blocker_sole (ex, b);
      partial = partial || excl.kind != RL_KNOWN_EXACT || sole.kind != RL_KNOWN_EXACT
                || !rl_explanation_is_price_known (ex, b);
      cells[b * 3] = g_strdup (rl_format_known (buf, excl, FALSE));
      cells[b * 3 + 1] = g_strdup (rl_format_known (buf, sole, FALSE));
      cells[b * 3 + 2] = g_strdup (rl_explanation_get_blocker_price (ex, b, &price)
                                   ? format_score (buf, price)
                                   : rl_explanation_is_price_known (ex, b) ? "-" : "?");
      for (guint c = 0; c < 3; c++)
        w[c] = MAX (w[c], rl_text_width (cells[b * 3 + c]));
      w_id = MAX (w_id, rl_text_width (rl_explanation_get_blocker_id (ex, b)));
    }
  guint numbers = w[0] + w[1] + w[2] + 6;
  w_id = MIN (w_id, MIN ((guint) ID_COLUMN_MAX, RL_TEXT_WIDTH - 2 - 2 - numbers));

  g_string_append (out, "  ");
  rl_text_append_padded (out, "blocker", w_id, FALSE);
  static const char *const headers[] = { "excludes", "sole", "price" };
  for (guint c = 0; c < 3; c++)
    {
      g_string_append (out, "  ");
      rl_text_append_padded (out, headers[c], w[c], TRUE);
    }
  g_string_append_c (out, '\n');
  for (guint b = 0; b < n; b++)
    {
      g_auto (GStrv) lines = rl_text_wrap (rl_explanation_get_blocker_id (ex, b), w_id);
      for (guint l = 0; lines[l]; l++)
        {
          g_string_append (out, "  ");
          rl_text_append_padded (out, lines[l], w_id, FALSE);
          if (l == 0)
            for (guint c = 0; c < 3; c++)
              {
                g_string_append (out, "  ");
                rl_text_append_padded (out, cells[b * 3 + c], w[c], TRUE);
              }
          g_string_append_c (out, '\n');
        }
      for (guint c = 0; c < 3; c++)
        g_free (cells[b * 3 + c]);
    }
  g_autofree char *legend = g_strdup_printf (
      "excludes: feasible packages the blocker rules out; sole: those it alone rules out (every "
      "other blocker holds for them); price: how much the best %s score would rise if it alone "
      "were dropped (- when there is no deal to price).%s", name,
      partial ? " Stopped by --timeout: >= N is a lower bound, <= N an upper bound, ? not "
                "computed." : "");
  rl_text_append_wrapped (out, legend, 2, 2);
}

/* ---- the document ---------------------------------------------------------------------- */

void
rl_text_explain (GString *out, const RlExplanation *ex, const char *file)
{
  RlScenario *sc = rl_explanation_get_scenario (ex);
  const RlExplainOptions *opts = rl_explanation_get_options (ex);
  g_autofree char *rank = rl_rank_to_string (sc, &opts->rank);
  g_autofree char *line = g_strdup_printf ("%s, explained; ranked by %s", file, rank);
  rl_text_append_wrapped (out, rl_scenario_get_title (sc), 0, 0);
  rl_text_append_wrapped (out, line, 0, 2);
  const char *const *changes = rl_scenario_get_changes (sc);
  for (guint k = 0; changes && changes[k]; k++)
    {
      g_autofree char *change = g_strdup_printf ("what if: %s", changes[k]);
      rl_text_append_wrapped (out, change, 0, 4);
    }
  if (!rl_explanation_is_complete (ex))
    {
      g_string_append_c (out, '\n');
      rl_text_append_wrapped (out, "Stopped by --timeout: the lists below hold what was found in "
                              "time, in their order, and smaller conflicts or relaxations may be "
                              "missing; a count that is not exact is marked as a bound (at least, at most, >=, <=) "
                              "or as not computed (?).", 0, 0);
    }
  g_string_append_c (out, '\n');

  RlKnown feasible = rl_explanation_get_feasible (ex);
  RlKnown acceptable = rl_explanation_get_acceptable (ex);
  if (rl_known_is_exact_zero (feasible))
    rl_text_append_wrapped (out, "No package is feasible: the scenario's constraints contradict "
                            "each other, so no red line or BATNA is to blame, and no relaxation "
                            "of them can open a zone of agreement.", 0, 0);
  else if (rl_known_is_exact_zero (acceptable))
    paragraph_no_deal (out, ex);
  else if (rl_known_is_positive (acceptable))
    paragraph_deal (out, ex);
  else
    rl_text_append_wrapped (out, "Stopped by --timeout before the acceptable packages were "
                            "counted: whether a deal exists is not known.", 0, 0);

  conflicts (out, ex);
  relaxations (out, ex);
  blocker_table (out, ex);
}
