/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * simulate-beliefs.c: what each party believes of the others when
 * `noise` > 0 (simulate.md "Beliefs"), and the seeds of the runs.
 *
 * A party's beliefs are a perceived scenario, its "view": the same
 * issues, rules, BATNAs and bonuses, its own weights and values, and
 * perceived weights and values for every other party. The search engine
 * then bounds perceived utilities exactly as it bounds true ones, with
 * no change to the engine. A view is a shallow copy of the scenario that
 * owns only its parties array and the perceived arrays; it is never
 * released through rl_scenario_unref() (the engine only takes and drops
 * extra references while a problem lives).
 */
#include "analysis/simulate-private.h"

#include <math.h>
#include <string.h>

#include <gsl/gsl_randist.h>

/* SplitMix64 (Steele, Lea, Flood 2014): a good mix of (seed, run). */
static guint64
splitmix64 (guint64 x)
{
  x += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
  x = (x ^ (x >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  x = (x ^ (x >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return x ^ (x >> 31);
}

gulong
rl_simulate_run_seed (guint64 seed, guint run)
{
  return (gulong) (splitmix64 (splitmix64 (seed) ^ (guint64) run) & G_GUINT64_CONSTANT (0xFFFFFFFF));
}

static RlScenario *
view_new (RlScenario *sc)
{
  RlScenario *view = g_new (RlScenario, 1);
  *view = *sc;
  view->ref_count = 1;
  view->parties = g_new (RlParty, sc->n_parties + 1);
  memcpy (view->parties, sc->parties, sizeof (RlParty) * sc->n_parties);
  return view;
}

/* q's weights and values as seen from another party. */
static void
perceive (RlScenario *sc, RlParty *seen, const RlParty *truth, double noise, gsl_rng *rng)
{
  guint n = sc->n_issues;
  seen->weights = g_new0 (double, n + 1);
  seen->values = g_new0 (double *, n + 1);
  double total = 0;
  for (guint i = 0; i < n; i++)
    {
      double z = gsl_ran_gaussian (rng, 1.0);
      seen->weights[i] = truth->weights[i] * exp (noise * z);
      total += seen->weights[i];
    }
  for (guint i = 0; i < n; i++)
    seen->weights[i] = total > 0 ? seen->weights[i] / total : 0.0;
  for (guint i = 0; i < n; i++)
    {
      guint n_options = sc->issues[i].n_options;
      seen->values[i] = g_new0 (double, n_options + 1);
      for (guint k = 0; k < n_options; k++)
        {
          double v = truth->values[i] ? truth->values[i][k] : 0.0;
          double z = gsl_ran_gaussian (rng, 1.0);
          seen->values[i][k] = CLAMP (v + noise * z, 0.0, 1.0);
        }
    }
}

RlScenario **
rl_sim_views_new (RlScenario *sc, double noise, gsl_rng *rng)
{
  RlScenario **views = g_new0 (RlScenario *, sc->n_parties + 1);
  for (guint p = 0; p < sc->n_parties; p++)
    {
      views[p] = view_new (sc);
      for (guint q = 0; q < sc->n_parties; q++)
        if (q != p)
          perceive (sc, &views[p]->parties[q], &sc->parties[q], noise, rng);
    }
  return views;
}

void
rl_sim_views_free (RlScenario *sc, RlScenario **views)
{
  if (views == NULL)
    return;
  for (guint p = 0; p < sc->n_parties; p++)
    {
      RlScenario *view = views[p];
      g_assert (g_atomic_int_get (&view->ref_count) == 1);
      for (guint q = 0; q < sc->n_parties; q++)
        if (q != p)
          {
            g_free (view->parties[q].weights);
            for (guint i = 0; i < sc->n_issues; i++)
              g_free (view->parties[q].values[i]);
            g_free (view->parties[q].values);
          }
      g_free (view->parties);
      g_free (view);
    }
  g_free (views);
}
