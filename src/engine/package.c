/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * package.c: RlPackage values: filling one, the value it is ranked by.
 */
#include "engine/package.h"

#include <math.h>
#include <string.h>

#include <redline/error.h>
#include "model/scenario-internals.h"
#include "engine/score.h"

void
rl_package_init (RlPackage *pkg, const RlScenario *sc)
{
  memset (pkg, 0, sizeof *pkg);
  pkg->options = g_new0 (guint8, sc->n_issues + 1);
  pkg->utilities = g_new0 (double, sc->n_parties + 1);
  pkg->durability = INFINITY;
}

void
rl_package_clear (RlPackage *pkg)
{
  g_clear_pointer (&pkg->options, g_free);
  g_clear_pointer (&pkg->utilities, g_free);
}

double
rl_package_rank_score (const RlPackage *pkg, const RlRank *rank)
{
  if (rank->kind == RL_SCORE_UTILITY)
    return pkg->utilities[rank->party];
  if (rank->kind < RL_N_STANDARD_SCORES)
    return pkg->scores[rank->kind];
  return pkg->durability;
}

void
rl_canonical_utilities (RlScenario *sc, const guint8 *options, double *u)
{
  for (guint p = 0; p < sc->n_parties; p++)
    u[p] = rl_scenario_utility (sc, p, options);
}

void
rl_package_fill (RlPackage *pkg, RlScenario *sc, const guint8 *options, gboolean acceptable,
                 const double *ideal)
{
  memcpy (pkg->options, options, sc->n_issues);
  pkg->index = sc->space_fits ? rl_scenario_package_index (sc, options) : 0;
  rl_canonical_utilities (sc, options, pkg->utilities);
  pkg->acceptable = acceptable;
  pkg->has_kalai = acceptable && ideal != NULL;
  if (acceptable)
    rl_scores_compute (sc, pkg->utilities, ideal, pkg->scores);
}
