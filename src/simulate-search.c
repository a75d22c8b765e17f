/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * simulate-search.c: every choice of the simulation (a proposer's offer,
 * its fallback, an ideal) as branch and bound over the engine.
 *
 * The objective is non-decreasing in every party's utility, so the
 * engine's per-party upper bounds on a subtree bound it; each pass keeps
 * its best so far per worker and prunes what cannot reach it. Workers are
 * merged by max / min, which do not depend on the order of merging, so
 * the choice never depends on the thread count.
 */
#include "simulate-private.h"

#include <math.h>
#include <string.h>

double
rl_sim_objective_value (const RlSimObjective *obj, const double *u)
{
  double f = INFINITY;
  for (guint k = 0; k < obj->n_terms; k++)
    {
      double term = obj->term_den[k] <= RL_SIM_ZERO_DENOMINATOR
                        ? 0.0
                        : (u[obj->term_party[k]] - obj->term_asp[k]) / obj->term_den[k];
      f = MIN (f, term);
    }
  return obj->n_terms == 0 ? 0.0 : f;
}

/* Two values tie when within 1e-9, absolute or relative to the larger
 * (simulate.md, after scenario.md). */
static gboolean
ties (double a, double b)
{
  return rl_scores_tie (RL_SCORE_WELFARE, a, b);
}

/* Below this, nothing ties with @v (conservative: the leaf decides). */
static double
tie_floor (double v)
{
  return v - 1e-9 - 2e-9 * fabs (v) - 1e-12;
}

typedef enum {
  PHASE_MAX_F,       /* f* */
  PHASE_MAX_U,       /* u* among f-ties */
  PHASE_MIN_INDEX,   /* the smallest package among f- and u-ties */
} Phase;

typedef struct {
  RlScenario *sc;
  const RlSimObjective *obj;
  Phase phase;
  double f_star, f_floor;
  double u_star, u_floor;
  guint n_parties;
  /* per worker */
  gboolean found;
  double best_f, best_u;
  guint8 *best;
  double *u;                 /* scratch: canonical utilities that matter */
} Chooser;

static gpointer
chooser_worker_new (gpointer data)
{
  Chooser *proto = data;
  Chooser *ch = g_new (Chooser, 1);
  *ch = *proto;
  ch->found = FALSE;
  ch->best_f = -INFINITY;
  ch->best_u = -INFINITY;
  ch->best = g_new0 (guint8, proto->sc->n_issues + 1);
  ch->u = g_new0 (double, proto->n_parties + 1);
  return ch;
}

static void
chooser_worker_done (gpointer data, gpointer worker)
{
  Chooser *into = data, *from = worker;
  if (from->found)
    {
      gboolean better;
      if (!into->found)
        better = TRUE;
      else if (into->phase == PHASE_MAX_F)
        better = from->best_f > into->best_f;
      else if (into->phase == PHASE_MAX_U)
        better = from->best_u > into->best_u;
      else
        better = rl_scenario_compare_packages (into->sc, from->best, into->best) < 0;
      if (better)
        {
          into->found = TRUE;
          into->best_f = from->best_f;
          into->best_u = from->best_u;
          memcpy (into->best, from->best, into->sc->n_issues);
        }
    }
  g_free (from->best);
  g_free (from->u);
  g_free (from);
}

static double
leaf_objective (Chooser *ch, const guint8 *package)
{
  const RlSimObjective *obj = ch->obj;
  for (guint k = 0; k < obj->n_terms; k++)
    {
      guint q = obj->term_party[k];
      ch->u[q] = rl_scenario_utility (ch->sc, q, package);
    }
  return rl_sim_objective_value (obj, ch->u);
}

static gboolean
chooser_leaf (gpointer worker, const guint8 *package, const double *search_u)
{
  Chooser *ch = worker;
  (void) search_u;
  double f = leaf_objective (ch, package);
  switch (ch->phase)
    {
    case PHASE_MAX_F:
      if (!ch->found || f > ch->best_f)
        {
          ch->found = TRUE;
          ch->best_f = f;
          memcpy (ch->best, package, ch->sc->n_issues);
        }
      break;
    case PHASE_MAX_U:
      if (ties (f, ch->f_star))
        {
          double u = rl_scenario_utility (ch->sc, ch->obj->own, package);
          if (!ch->found || u > ch->best_u)
            {
              ch->found = TRUE;
              ch->best_f = f;
              ch->best_u = u;
              memcpy (ch->best, package, ch->sc->n_issues);
            }
        }
      break;
    case PHASE_MIN_INDEX:
      if (ties (f, ch->f_star))
        {
          double u = rl_scenario_utility (ch->sc, ch->obj->own, package);
          if (ties (u, ch->u_star)
              && (!ch->found || rl_scenario_compare_packages (ch->sc, package, ch->best) < 0))
            {
              ch->found = TRUE;
              ch->best_f = f;
              ch->best_u = u;
              memcpy (ch->best, package, ch->sc->n_issues);
            }
        }
      break;
    }
  return TRUE;
}

static gboolean
chooser_prune (gpointer worker, guint depth, const double *ub, const double *lb)
{
  Chooser *ch = worker;
  (void) depth;
  (void) lb;
  double f_ub = rl_sim_objective_value (ch->obj, ub);
  switch (ch->phase)
    {
    case PHASE_MAX_F:
      return ch->found && f_ub <= ch->best_f;
    case PHASE_MAX_U:
      return f_ub < ch->f_floor || (ch->found && ub[ch->obj->own] <= ch->best_u);
    case PHASE_MIN_INDEX:
      return f_ub < ch->f_floor || ub[ch->obj->own] < ch->u_floor;
    }
  return FALSE;
}

static void
run_phase (const RlProblem *pb, Chooser *ch, guint n_threads)
{
  RlRun run = { .n_threads = n_threads };
  RlVisitor visitor = {
    .worker_new = chooser_worker_new,
    .leaf = chooser_leaf,
    .prune = chooser_prune,
    .worker_done = chooser_worker_done,
  };
  ch->found = FALSE;
  ch->best_f = -INFINITY;
  ch->best_u = -INFINITY;
  rl_problem_visit (pb, &run, &visitor, ch, NULL);
}

gboolean
rl_sim_choose (const RlProblem *pb, const RlSimObjective *obj, guint n_threads, guint8 *out,
               double *f_out, double *u_out)
{
  RlScenario *sc = rl_problem_get_scenario (pb);
  if (rl_problem_is_empty (pb))
    return FALSE;
  g_autofree guint8 *best = g_new0 (guint8, sc->n_issues + 1);
  Chooser ch = {
    .sc = sc,
    .obj = obj,
    .n_parties = sc->n_parties,
    .best = best,
  };

  /* f*: without terms f is 0 everywhere, and the first pass is only the
   * question whether anything survives, which the second answers too. */
  if (obj->n_terms > 0)
    {
      ch.phase = PHASE_MAX_F;
      run_phase (pb, &ch, n_threads);
      if (!ch.found)
        return FALSE;
      ch.f_star = ch.best_f;
    }
  else
    ch.f_star = 0.0;
  ch.f_floor = obj->n_terms > 0 ? tie_floor (ch.f_star) : -INFINITY;

  ch.phase = PHASE_MAX_U;
  run_phase (pb, &ch, n_threads);
  if (!ch.found)
    return FALSE;
  ch.u_star = ch.best_u;
  ch.u_floor = tie_floor (ch.u_star);

  ch.phase = PHASE_MIN_INDEX;
  run_phase (pb, &ch, n_threads);
  g_assert (ch.found);
  memcpy (out, ch.best, sc->n_issues);
  if (f_out)
    *f_out = ch.best_f;
  if (u_out)
    *u_out = ch.best_u;
  return TRUE;
}

/* ---- the largest utility of one party ----------------------------------- */

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
  return ub[ms->party] <= ms->best;
}

static void
max_worker_done (gpointer data, gpointer worker)
{
  MaxSearch *into = data, *from = worker;
  into->best = MAX (into->best, from->best);
  g_free (from);
}

double
rl_sim_max_utility (const RlProblem *pb, guint party, guint n_threads)
{
  MaxSearch ms = { rl_problem_get_scenario (pb), party, -INFINITY };
  if (rl_problem_is_empty (pb))
    return -INFINITY;
  RlRun run = { .n_threads = n_threads };
  RlVisitor visitor = {
    .worker_new = max_worker_new,
    .leaf = max_leaf,
    .prune = max_prune,
    .worker_done = max_worker_done,
  };
  rl_problem_visit (pb, &run, &visitor, &ms, NULL);
  return ms.best;
}
