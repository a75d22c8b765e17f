/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "engine/dominator.h"

#include "engine/frontier.h"
#include "engine/package.h"
#include "model/scenario-internals.h"

typedef struct {
  RlScenario *sc;
  const double *x;
  double *u;
  gboolean found;
} Dominator;

static gpointer
dominator_worker_new (gpointer data)
{
  return data;
}

static gboolean
dominator_leaf (gpointer worker, const guint8 *package, const double *search_u)
{
  Dominator *ds = worker;
  (void) search_u;
  rl_canonical_utilities (ds->sc, package, ds->u);
  if (rl_dominates (ds->u, ds->x, ds->sc->n_parties))
    {
      ds->found = TRUE;
      return FALSE;
    }
  return TRUE;
}

gboolean
rl_problem_has_dominator (const RlProblem *pb, const double *x, RlDeadline deadline,
                          gboolean skip_covered, gboolean *timed_out)
{
  RlScenario *sc = rl_problem_get_scenario (pb);
  g_autofree double *u = g_new0 (double, sc->n_parties + 1);
  Dominator ds = { sc, x, u, FALSE };
  /* One thread: the state is shared and the answer is a yes or no. */
  RlRun one = rl_run_init (NULL, deadline);
  one.n_threads = 1;
  RlVisitor visitor = {
    .worker_new = dominator_worker_new,
    .leaf = dominator_leaf,
    .skip_covered = skip_covered,
  };
  gboolean stopped = FALSE;
  rl_problem_visit (pb, &one, &visitor, &ds, &stopped);
  if (timed_out)
    *timed_out = stopped && !ds.found;
  return ds.found;
}

gboolean
rl_find_dominator (RlScenario *sc, gboolean ignore_batna, const double *x, RlDeadline deadline,
                   gboolean *timed_out)
{
  g_autofree double *thr = g_new (double, sc->n_parties + 1);
  for (guint p = 0; p < sc->n_parties; p++)
    {
      thr[p] = x[p];
      if (sc->parties[p].veto && !ignore_batna)
        thr[p] = MAX (thr[p], sc->parties[p].batna);
    }
  RlProblem *pb = rl_problem_new (sc, RL_RULES_CONSTRAINTS | RL_RULES_RED_LINES, NULL, 0, thr);
  gboolean found = rl_problem_has_dominator (pb, x, deadline, TRUE, timed_out);
  rl_problem_free (pb);
  return found;
}
