/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "engine/maximum.h"

#include <math.h>

typedef struct {
  RlScenario *sc;
  guint party;
  double best;
} MaxSearch;

static gpointer
max_worker_new (gpointer data)
{
  MaxSearch *ms = g_new (MaxSearch, 1);
  *ms = *(MaxSearch *) data;
  ms->best = -INFINITY;
  return ms;
}

static gboolean
max_leaf (gpointer worker, const guint8 *package, const double *search_u)
{
  MaxSearch *ms = worker;
  (void) search_u;
  ms->best = MAX (ms->best, rl_scenario_utility (ms->sc, ms->party, package));
  return TRUE;
}

static gboolean
max_prune (gpointer worker, guint depth, const double *ub, const double *lb)
{
  MaxSearch *ms = worker;
  (void) depth;
  (void) lb;
  /* A subtree that can only tie the best value cannot raise it: without
   * the bounds' slack taken off, a scenario where most packages tie visits
   * them all (on 256 issues of 64 options, forever). */
  return ub[ms->party] - RL_BOUND_SLACK <= ms->best;
}

static void
max_worker_done (gpointer data, gpointer worker)
{
  MaxSearch *into = data, *from = worker;
  into->best = MAX (into->best, from->best);
  g_free (from);
}

double
rl_problem_max_utility (const RlProblem *pb, guint party, const RlRun *run, gboolean *timed_out)
{
  MaxSearch ms = { rl_problem_get_scenario (pb), party, -INFINITY };
  gboolean stopped = FALSE;
  if (!rl_problem_is_empty (pb))
    {
      RlVisitor visitor = {
        .worker_new = max_worker_new,
        .leaf = max_leaf,
        .prune = max_prune,
        .worker_done = max_worker_done,
        .skip_covered = TRUE,
      };
      rl_problem_visit (pb, run, &visitor, &ms, &stopped);
    }
  if (timed_out)
    *timed_out = stopped;
  return ms.best;
}
