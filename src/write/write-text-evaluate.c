/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * write-text-evaluate.c: the verdict on one package, as a reader wants
 * it: first acceptable or not and why, then the numbers behind it.
 */
#include "write/write-text.h"

#include <string.h>

#include "write/write-digits.h"
#include "write/write-names.h"
#include "write/write-number.h"
#include "write/write-text-layout.h"

/* The rule behind an entry of `broken` ("constraints/ID" or "PARTY/ID"),
 * and its party (-1 for a constraint). */
static const RlNamedRule *
find_broken_rule (const RlScenario *sc, const char *entry, int *party)
{
  const char *slash = strchr (entry, '/');
  *party = -1;
  if (!slash)
    return NULL;
  g_autofree char *owner = g_strndup (entry, (gsize) (slash - entry));
  const char *id = slash + 1;
  if (strcmp (owner, "constraints") == 0)
    {
      for (guint c = 0; c < rl_scenario_get_n_constraints (sc); c++)
        if (strcmp (rl_named_rule_get_id (rl_scenario_get_constraint (sc, c)), id) == 0)
          return rl_scenario_get_constraint (sc, c);
      return NULL;
    }
  *party = rl_scenario_find_party (sc, owner);
  if (*party < 0)
    return NULL;
  for (guint r = 0; r < rl_scenario_get_n_red_lines (sc, (guint) *party); r++)
    {
      const RlNamedRule *rule = rl_scenario_get_red_line (sc, (guint) *party, r);
      if (strcmp (rl_named_rule_get_id (rule), id) == 0)
        return rule;
    }
  return NULL;
}

static void
bullet (GString *out, const char *text)
{
  g_autofree char *line = g_strconcat ("- ", text, NULL);
  rl_text_append_wrapped (out, line, 2, 4);
}

static char *
describe_broken (const RlScenario *sc, const char *entry)
{
  int party;
  const RlNamedRule *rule = find_broken_rule (sc, entry, &party);
  if (!rule)
    return g_strdup_printf ("breaks %s", entry);
  const char *note = rl_named_rule_get_note (rule);
  g_autofree char *what = party < 0
    ? g_strdup_printf ("the constraint %s", rl_named_rule_get_id (rule))
    : g_strdup_printf ("%s's red line %s", rl_write_party_name (sc, (guint) party), rl_named_rule_get_id (rule));
  return g_strdup_printf ("breaks %s (%s)%s%s", what, rl_named_rule_get_text (rule),
                          note ? ": " : "", note ? note : "");
}

static gboolean
is_observer_entry (const RlScenario *sc, const char *entry)
{
  int party;
  find_broken_rule (sc, entry, &party);
  return party >= 0 && !rl_scenario_party_is_veto (sc, (guint) party);
}

static void
verdict (GString *out, const RlScenario *sc, const RlEvaluation *ev)
{
  const RlPackage *pkg = rl_evaluation_get_package (ev);
  const char *const *broken = rl_evaluation_get_broken (ev);
  char u[RL_NUMBER_BUF], b[RL_NUMBER_BUF];

  if (rl_evaluation_is_acceptable (ev))
    rl_text_append_wrapped (out, "Verdict: acceptable. It keeps every constraint and every veto "
                            "party's red lines, and gives every veto party at least its BATNA.", 0, 0);
  else
    {
      const char *stage = !rl_evaluation_is_feasible (ev) ? "it is not feasible"
        : !rl_evaluation_is_compatible (ev) ? "it is feasible but not compatible"
        : "it is compatible, but below a BATNA";
      g_autofree char *line = g_strdup_printf ("Verdict: not acceptable; %s. It:", stage);
      rl_text_append_wrapped (out, line, 0, 0);
      for (guint k = 0; broken && broken[k]; k++)
        if (!is_observer_entry (sc, broken[k]))
          {
            g_autofree char *text = describe_broken (sc, broken[k]);
            bullet (out, text);
          }
      guint n_below = 0;
      const guint *below = rl_evaluation_get_below_batna (ev, &n_below);
      for (guint k = 0; k < n_below; k++)
        {
          guint p = below[k];
          g_autofree char *text = g_strdup_printf ("leaves %s below its BATNA: utility %s, BATNA %s",
                                                   rl_write_party_name (sc, p),
                                                   rl_format_fixed (u, pkg->utilities[p], 3, FALSE),
                                                   rl_format_fixed (b, rl_scenario_get_party_batna (sc, p), 3, FALSE));
          bullet (out, text);
        }
    }

  gboolean observers = FALSE;
  for (guint k = 0; broken && broken[k]; k++)
    if (is_observer_entry (sc, broken[k]))
      {
        if (!observers)
          rl_text_append_wrapped (out, "Observers' red lines (reported; they block nothing): it", 0, 0);
        observers = TRUE;
        g_autofree char *text = describe_broken (sc, broken[k]);
        bullet (out, text);
      }
}

static void
ranks (GString *out, const RlEvaluation *ev)
{
  char buf[RL_NUMBER_BUF];
  g_autoptr (GString) line = g_string_new (NULL);
  RlKnown n = rl_evaluation_get_n_acceptable_known (ev);
  g_string_append_printf (line, "Rank among the %s acceptable %s: ", rl_format_known (buf, n, TRUE),
                          n.kind == RL_KNOWN_EXACT && n.value == 1 ? "package" : "packages");
  for (RlScoreKind kind = 0; kind < RL_N_STANDARD_SCORES; kind++)
    {
      /* A rank of 0 here: --timeout stopped the ranking before it was known. */
      guint64 rank = rl_evaluation_get_rank (ev, kind);
      if (rank > 0)
        g_string_append_printf (line, "%s%s %" G_GUINT64_FORMAT, kind == 0 ? "" : ", ",
                                rl_score_name (kind), rank);
      else
        g_string_append_printf (line, "%s%s not computed", kind == 0 ? "" : ", ", rl_score_name (kind));
    }
  g_string_append_c (line, '.');
  rl_text_append_wrapped (out, line->str, 0, 2);

  const RlPackage *pkg = rl_evaluation_get_package (ev);
  g_string_assign (line, "Scores: ");
  for (RlScoreKind kind = 0; kind < RL_N_STANDARD_SCORES; kind++)
    {
      if (kind == RL_SCORE_KALAI && !pkg->has_kalai)
        continue;
      g_string_append_printf (line, "%s%s %s", kind == 0 ? "" : ", ", rl_score_name (kind),
                              rl_format_score_fixed (buf, kind, pkg->scores[kind], 3));
    }
  g_string_append_c (line, '.');
  rl_text_append_wrapped (out, line->str, 0, 2);
}

static void
dominance (GString *out, const RlScenario *sc, const RlEvaluation *ev)
{
  const RlPackage *pkg = rl_evaluation_get_package (ev);
  const RlPackage *dom = rl_evaluation_get_dominated_by (ev);
  guint n_issues = rl_scenario_get_n_issues (sc);
  guint n_parties = rl_scenario_get_n_parties (sc);

  if (!dom && !rl_evaluation_is_pareto_known (ev))
    {
      rl_text_append_wrapped (out, "Pareto-optimal or not: not computed (--timeout stopped the "
                              "search before a dominating package was found or ruled out).", 0, 0);
      return;
    }
  if (!dom)
    {
      rl_text_append_wrapped (out, rl_evaluation_is_acceptable (ev) && pkg->pareto
                              ? "Pareto-optimal: no acceptable package is at least as good for "
                                "every party and better for one."
                              : "No acceptable package dominates it.", 0, 0);
      return;
    }
  g_autofree char *line = g_strdup_printf ("%s package %s, which is acceptable, "
                                           "is at least as good for every party and better for "
                                           "some. It differs on:",
                                           rl_evaluation_is_acceptable (ev) ? "Not Pareto-optimal:"
                                           : "Dominated:", rl_write_index (sc, dom->options));
  rl_text_append_wrapped (out, line, 0, 0);

  g_autoptr (GPtrArray) left = g_ptr_array_new ();
  g_autoptr (GPtrArray) right = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n_issues; i++)
    if (pkg->options[i] != dom->options[i])
      {
        g_ptr_array_add (left, (gpointer) rl_write_issue_name (sc, i));
        g_ptr_array_add (right, g_strdup_printf ("%s (instead of %s)",
                                                 rl_write_option_name (sc, i, dom->options[i]),
                                                 rl_write_option_name (sc, i, pkg->options[i])));
      }
  rl_text_append_pairs (out, 2, 34, (const char *const *) left->pdata,
                        (const char *const *) right->pdata, left->len);

  g_autofree double *change = g_new (double, MAX (n_parties, 1));
  for (guint p = 0; p < n_parties; p++)
    change[p] = dom->utilities[p] - pkg->utilities[p];
  g_autofree char *this_header = g_strdup_printf ("pkg %s", rl_write_index (sc, pkg->options));
  g_autofree char *dom_header = g_strdup_printf ("pkg %s", rl_write_index (sc, dom->options));
  RlTextColumn columns[] = {
    { this_header, pkg->utilities, FALSE },
    { dom_header, dom->utilities, FALSE },
    { "change", change, TRUE },
  };
  g_string_append_c (out, '\n');
  rl_text_party_table (out, sc, 2, columns, G_N_ELEMENTS (columns));
}

void
rl_text_evaluate (GString *out, RlScenario *sc, const RlEvaluation *ev, const char *file)
{
  const RlPackage *pkg = rl_evaluation_get_package (ev);
  guint n_parties = rl_scenario_get_n_parties (sc);

  rl_text_append_wrapped (out, rl_scenario_get_title (sc), 0, 0);
  g_autofree char *line = g_strdup_printf ("%s, package %s", file, rl_write_index (sc, pkg->options));
  rl_text_append_wrapped (out, line, 0, 2);
  const char *const *changes = rl_scenario_get_changes (sc);
  for (guint k = 0; changes && changes[k]; k++)
    {
      g_autofree char *change = g_strdup_printf ("what if: %s", changes[k]);
      rl_text_append_wrapped (out, change, 0, 4);
    }
  g_string_append_c (out, '\n');
  rl_text_options (out, sc, pkg->options, 2);
  g_string_append_c (out, '\n');

  verdict (out, sc, ev);
  g_string_append_c (out, '\n');

  g_autofree double *batna = g_new (double, MAX (n_parties, 1));
  g_autofree double *gain = g_new (double, MAX (n_parties, 1));
  for (guint p = 0; p < n_parties; p++)
    {
      batna[p] = rl_scenario_get_party_batna (sc, p);
      gain[p] = pkg->utilities[p] - batna[p];
    }
  RlTextColumn columns[] = {
    { "utility", pkg->utilities, FALSE },
    { "BATNA", batna, FALSE },
    { "gain", gain, TRUE },
  };
  rl_text_party_table (out, sc, 2, columns, G_N_ELEMENTS (columns));
  g_string_append_c (out, '\n');

  if (rl_evaluation_is_acceptable (ev))
    {
      ranks (out, ev);
      g_string_append_c (out, '\n');
    }
  dominance (out, sc, ev);
}
