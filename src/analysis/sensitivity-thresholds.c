/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sensitivity-thresholds.c: each veto party's exact BATNA threshold
 * (sensitivity.md): the most it gets from a compatible package that
 * every other veto party accepts, by the engine's branch and bound.
 */
#include "analysis/sensitivity-private.h"

#include <math.h>

#include "engine/engine.h"
#include "engine/maximum.h"

gboolean
rl_sens_thresholds (RlScenario *sc, const RlSensitivityOptions *opts, RlDeadline deadline,
                    GArray *out)
{
  g_autofree double *thr = g_new (double, sc->n_parties + 1);
  gboolean complete = TRUE;
  RlRun run = rl_run_init (&opts->run, deadline);
  for (guint p = 0; p < sc->n_parties; p++)
    {
      if (!sc->parties[p].veto)
        continue;
      for (guint q = 0; q < sc->n_parties; q++)
        thr[q] = (q != p && sc->parties[q].veto) ? sc->parties[q].batna : -INFINITY;
      RlProblem *pb = rl_problem_new (sc, RL_RULES_CONSTRAINTS | RL_RULES_RED_LINES, NULL, 0,
                                      thr);
      gboolean timed_out = FALSE;
      double best = rl_problem_is_empty (pb) ? -INFINITY
                                             : rl_problem_max_utility (pb, p, &run, &timed_out);
      rl_problem_free (pb);
      if (timed_out)
        {
          complete = FALSE;
          break;
        }
      RlThreshold t = { .party = p, .batna = sc->parties[p].batna,
                        .has_zone_max = isfinite (best), .zone_max = best };
      g_array_append_val (out, t);
    }
  return complete;
}
