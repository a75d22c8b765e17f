/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * durability.c: the life of a deal once agreed (simulate.md "After the
 * deal"): BATNAs drift by d_p(x) per period, and the deal breaks when a
 * veto party's utility falls below its drifted BATNA.
 */
#include "analysis/simulate-private.h"

#include <math.h>

#include "analysis/durability.h"
#include "engine/score.h"

#include <gsl/gsl_randist.h>

/* Drifts below this do not count as drifting upward (simulate.md). */
#define DRIFT_FLOOR 1e-12

double
rl_durability_value (const RlScenario *sc, const guint8 *package, const double *u)
{
  double best = INFINITY;
  for (guint p = 0; p < sc->n_parties; p++)
    {
      if (!sc->parties[p].veto)
        continue;
      double d = rl_scenario_get_party_drift (sc, p, package);
      if (d > DRIFT_FLOOR)
        best = MIN (best, (u[p] - sc->parties[p].batna) / d);
    }
  return best;
}

/* Whether p walks away at period h: its utility is below its drifted
 * BATNA by more than 1e-9. */
static gboolean
below (double u, double batna, double drift, guint h)
{
  return u < batna + (double) h * drift - RL_EPSILON;
}

/* The first period at which p walks away, without noise: closed form,
 * checked against the predicate itself on both sides so that rounding in
 * the division cannot move it. 0: never within @horizon. */
static guint
first_break (double u, double batna, double drift, guint horizon)
{
  if (horizon == 0)
    return 0;
  if (below (u, batna, drift, 1))
    return 1;
  /* Not below at h = 1; with drift <= 0 the drifted BATNA never rises. */
  if (!(drift > 0))
    return 0;
  double guess = floor ((u - batna + RL_EPSILON) / drift) + 1;
  if (!(guess <= (double) horizon + 1))
    return 0;
  guint h = (guint) MAX (guess, 1.0);
  while (h > 1 && below (u, batna, drift, h - 1))
    h--;
  while (h <= horizon && !below (u, batna, drift, h))
    h++;
  return h <= horizon ? h : 0;
}

guint
rl_durability_periods (const RlScenario *sc, const guint8 *package, const double *u,
                       guint horizon, int *broken_by)
{
  guint at = 0;
  int by = -1;
  for (guint p = 0; p < sc->n_parties; p++)
    {
      if (!sc->parties[p].veto)
        continue;
      double d = rl_scenario_get_party_drift (sc, p, package);
      guint h = first_break (u[p], sc->parties[p].batna, d, horizon);
      /* Strictly earlier only: at a tie the first party in file order stays. */
      if (h > 0 && (at == 0 || h < at))
        {
          at = h;
          by = (int) p;
        }
    }
  if (broken_by)
    *broken_by = by;
  return at;
}

void
rl_sim_durability (const RlScenario *sc, guint horizon, double noise, gsl_rng *rng,
                   RlSimOutcome *out)
{
  out->broken = FALSE;
  out->broken_at = 0;
  out->broken_by = -1;
  if (!out->agreed)
    return;
  if (noise == 0)
    {
      int by;
      guint at = rl_durability_periods (sc, out->package, out->utilities, horizon, &by);
      out->broken = at > 0;
      out->broken_at = at;
      out->broken_by = by;
      return;
    }
  g_autofree double *drift = g_new0 (double, sc->n_parties + 1);
  for (guint p = 0; p < sc->n_parties; p++)
    drift[p] = sc->parties[p].veto ? rl_scenario_get_party_drift (sc, p, out->package) : 0.0;
  for (guint h = 1; h <= horizon; h++)
    {
      for (guint p = 0; p < sc->n_parties; p++)
        {
          if (!sc->parties[p].veto)
            continue;
          double z = gsl_ran_gaussian (rng, 1.0);
          double batna = sc->parties[p].batna + (double) h * drift[p] + noise * z * sqrt ((double) h);
          if (!out->broken && out->utilities[p] < batna - RL_EPSILON)
            {
              out->broken = TRUE;
              out->broken_at = h;
              out->broken_by = (int) p;
            }
        }
      if (out->broken)
        return;
    }
}

/* ---- solve --rank durability ------------------------------------------------ */

typedef struct {
  RlScenario *sc;
  guint k;
  RlTopK *infinite;
  RlTopK *finite;
  double *u;
} DurabilityPass;

static gpointer
durability_worker_new (gpointer data)
{
  DurabilityPass *proto = data;
  DurabilityPass *dp = g_new0 (DurabilityPass, 1);
  dp->sc = proto->sc;
  dp->k = proto->k;
  dp->infinite = rl_topk_new (RL_SCORE_NASH, proto->k, proto->sc->n_issues, 0);
  dp->finite = rl_topk_new (RL_SCORE_DURABILITY, proto->k, proto->sc->n_issues, 0);
  dp->u = g_new0 (double, proto->sc->n_parties + 1);
  return dp;
}

static gboolean
durability_leaf (gpointer worker, const guint8 *package, const double *search_u)
{
  DurabilityPass *dp = worker;
  RlScenario *sc = dp->sc;
  (void) search_u;
  for (guint p = 0; p < sc->n_parties; p++)
    dp->u[p] = rl_scenario_utility (sc, p, package);
  double d = rl_durability_value (sc, package, dp->u);
  if (isinf (d))
    {
      double scores[RL_N_STANDARD_SCORES];
      rl_scores_compute (sc, dp->u, NULL, scores);
      rl_topk_offer (dp->infinite, scores[RL_SCORE_NASH], package, NULL);
    }
  else
    rl_topk_offer (dp->finite, d, package, NULL);
  return TRUE;
}

static void
durability_worker_done (gpointer data, gpointer worker)
{
  DurabilityPass *into = data, *from = worker;
  rl_topk_merge (into->infinite, from->infinite);
  rl_topk_merge (into->finite, from->finite);
  rl_topk_free (from->infinite);
  rl_topk_free (from->finite);
  g_free (from->u);
  g_free (from);
}

gboolean
rl_durability_top (const RlProblem *pb, const RlRun *run, guint k, RlTopK **infinite,
                   RlTopK **finite, gboolean *timed_out)
{
  RlScenario *sc = rl_problem_get_scenario (pb);
  DurabilityPass dp = {
    .sc = sc,
    .k = k,
    .infinite = rl_topk_new (RL_SCORE_NASH, k, sc->n_issues, 0),
    .finite = rl_topk_new (RL_SCORE_DURABILITY, k, sc->n_issues, 0),
  };
  RlVisitor visitor = {
    .worker_new = durability_worker_new,
    .leaf = durability_leaf,
    .worker_done = durability_worker_done,
  };
  gboolean ok = rl_problem_visit (pb, run, &visitor, &dp, timed_out);
  *infinite = dp.infinite;
  *finite = dp.finite;
  return ok;
}
