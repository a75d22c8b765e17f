/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * explain-blockers.c: the blocker model every part of `explain` shares:
 * the veto parties' red lines and BATNAs as blockers, whether a package
 * satisfies one, the search question "these blockers hold", and the sets
 * of blockers (conflicts, relaxations) with their order. It uses the
 * engine and nothing else of explain: explain.c, explain-sets.c and
 * explain-costs.c all build on it.
 */
#include "analysis/explain-private.h"

#include <math.h>
#include <string.h>

#include "engine/package.h"
#include "model/scenario-internals.h"

void
rl_blocker_set_free (RlBlockerSet *set)
{
  if (set == NULL)
    return;
  g_free (set->members);
  if (set->has_best)
    rl_package_clear (&set->best);
  g_free (set);
}

RlProblem *
rl_blockers_problem (RlScenario *sc, const RlBlocker *blockers, guint n, const gboolean *keep)
{
  g_autofree double *thr = g_new (double, sc->n_parties + 1);
  for (guint p = 0; p < sc->n_parties; p++)
    thr[p] = -INFINITY;
  g_autofree const RlRule **rules = g_new (const RlRule *, n + 1);
  guint n_rules = 0;
  for (guint b = 0; b < n; b++)
    {
      if (!keep[b])
        continue;
      if (blockers[b].kind == RL_BLOCKER_BATNA)
        thr[blockers[b].party] = blockers[b].batna;
      else
        rules[n_rules++] = blockers[b].rule;
    }
  return rl_problem_new (sc, RL_RULES_CONSTRAINTS, rules, n_rules, thr);
}

gboolean
rl_blocker_holds (RlScenario *sc, const RlBlocker *b, const guint8 *package, const double *u)
{
  if (b->kind == RL_BLOCKER_RED_LINE)
    return rl_rule_eval (b->rule, package);
  double v = u ? u[b->party] : rl_scenario_utility (sc, b->party, package);
  return v >= b->batna - RL_EPSILON;
}

int
rl_blocker_set_compare (const RlBlocker *blockers, const guint *a, guint na, const guint *b,
                        guint nb)
{
  if (na != nb)
    return na < nb ? -1 : 1;
  for (guint k = 0; k < na; k++)
    {
      int c = strcmp (blockers[a[k]].id, blockers[b[k]].id);
      if (c != 0)
        return c < 0 ? -1 : 1;
    }
  return 0;
}

static int
compare_ids (gconstpointer x, gconstpointer y, gpointer data)
{
  const RlBlocker *blockers = data;
  return strcmp (blockers[*(const guint *) x].id, blockers[*(const guint *) y].id);
}

/* Veto parties in file order, each one's red lines in file order, then
 * its BATNA; ranks by the byte order of the ids. */
RlBlocker *
rl_explain_blockers_new (RlScenario *sc, guint *n)
{
  GArray *list = g_array_new (FALSE, TRUE, sizeof (RlBlocker));
  for (guint p = 0; p < sc->n_parties; p++)
    {
      const RlParty *party = &sc->parties[p];
      if (!party->veto)
        continue;
      for (guint r = 0; r < party->red_lines->len; r++)
        {
          const RlNamedRule *named = &g_array_index (party->red_lines, RlNamedRule, r);
          RlBlocker b = {
            .id = g_strdup_printf ("%s/%s", party->id, named->id),
            .party = p,
            .kind = RL_BLOCKER_RED_LINE,
            .named = named,
            .rule = named->rule,
          };
          g_array_append_val (list, b);
        }
      RlBlocker b = {
        .id = g_strdup_printf ("%s/batna", party->id),
        .party = p,
        .kind = RL_BLOCKER_BATNA,
        .batna = party->batna,
      };
      g_array_append_val (list, b);
    }
  *n = list->len;
  RlBlocker *blockers = (RlBlocker *) (void *) g_array_free (list, FALSE);
  g_autofree guint *order = g_new (guint, *n + 1);
  for (guint b = 0; b < *n; b++)
    order[b] = b;
  g_qsort_with_data (order, (gint) *n, sizeof (guint), compare_ids, blockers);
  for (guint r = 0; r < *n; r++)
    blockers[order[r]].rank = r;
  return blockers;
}

void
rl_explain_blockers_free (RlBlocker *blockers, guint n)
{
  for (guint b = 0; b < n; b++)
    g_free (blockers[b].id);
  g_free (blockers);
}
