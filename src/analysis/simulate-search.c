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
#include "engine/maximum.h"
#include "analysis/simulate-private.h"

#include <float.h>
#include <math.h>
#include <string.h>

double
rl_sim_objective_value (const RlSimObjective *obj, const double *u)
{
  /* The logarithm of the Nash product, as every ranking compares it
   * (scenario.md's tie rule in rl_scores_tie() reads logarithms): the
   * product underflows with large powers. */
  if (obj->kind == RL_SIM_NASH)
    {
      double sum = 0;
      for (guint k = 0; k < obj->n_terms; k++)
        {
          double gain = u[obj->term_party[k]] - obj->term_asp[k];
          if (gain <= 0)
            return -INFINITY;
          sum += obj->term_den[k] * log (gain);
        }
      return MIN (sum, G_MAXDOUBLE);
    }
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
 * (simulate.md, after scenario.md); Nash products relative only. */
static gboolean
ties (double a, double b)
{
  return rl_scores_tie (RL_SCORE_WELFARE, a, b);
}

static gboolean
f_ties (const RlSimObjective *obj, double a, double b)
{
  return rl_scores_tie (obj->kind == RL_SIM_NASH ? RL_SCORE_NASH : RL_SCORE_WELFARE, a, b);
}

/* Below this, nothing ties with @v (conservative: the leaf decides). */
static double
tie_floor (double v)
{
  return v - 1e-9 - 2e-9 * fabs (v) - 1e-12;
}

/* The engine's bounds carry a slack of 1e-12 (BOUND_SLACK in engine.c) so
 * that a bound never decides what only a leaf can. Taken off again here,
 * with 1e-13 more for the rounding between the search's sums and the
 * canonical ones, a subtree whose best equals the best found so far is
 * pruned instead of every tie being visited: a maximum can then be low by
 * rounding (1e-13 at most), far below the 1e-9 every decision allows. */
#define ENGINE_SLACK (1e-12 + 1e-13)

static void
tighten (double *tight, const double *ub, guint n)
{
  for (guint p = 0; p < n; p++)
    tight[p] = ub[p] - ENGINE_SLACK;
}

typedef enum {
  PHASE_MAX_F,       /* f* */
  PHASE_MAX_U,       /* u* among f-ties */
  PHASE_MIN_INDEX,   /* the smallest package among f- and u-ties */
  PHASE_ANY,         /* is there a package among f- and u-ties? */
} Phase;

/* Tying packages one pass visits before the smallest index is looked for
 * issue by issue instead (per worker). */
static guint tie_budget = 4096;

void
rl_sim_set_tie_budget (guint budget)
{
  tie_budget = budget;
}

typedef struct {
  RlScenario *sc;
  const RlSimObjective *obj;
  Phase phase;
  double f_star, f_floor;
  double u_star, u_floor;
  guint n_parties;
  gint *over_budget;         /* shared, atomic */
  /* per worker */
  gboolean found;
  double best_f, best_u;
  guint8 *best;
  double *u;                 /* scratch: canonical utilities that matter */
  double *tight;             /* scratch: bounds less the engine's slack */
  guint ties;
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
  ch->tight = g_new0 (double, proto->n_parties + 1);
  ch->ties = 0;
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
  g_free (from->tight);
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

static void
keep (Chooser *ch, const guint8 *package, double f, double u)
{
  ch->found = TRUE;
  ch->best_f = f;
  ch->best_u = u;
  memcpy (ch->best, package, ch->sc->n_issues);
}

static gboolean
chooser_leaf (gpointer worker, const guint8 *package, const double *search_u)
{
  Chooser *ch = worker;
  (void) search_u;
  double f = leaf_objective (ch, package);
  if (ch->phase == PHASE_MAX_F)
    {
      if (!ch->found || f > ch->best_f)
        keep (ch, package, f, NAN);
      return TRUE;
    }
  if (!f_ties (ch->obj, f, ch->f_star))
    return TRUE;
  /* Without an own utility (Nash), every u is 0 and ties. */
  double u = ch->obj->kind == RL_SIM_NASH ? 0.0 : rl_scenario_utility (ch->sc, ch->obj->own, package);
  switch (ch->phase)
    {
    case PHASE_MAX_U:
      if (!ch->found || u > ch->best_u)
        keep (ch, package, f, u);
      break;
    case PHASE_MIN_INDEX:
      if (!ties (u, ch->u_star))
        break;
      if (!ch->found || rl_scenario_compare_packages (ch->sc, package, ch->best) < 0)
        keep (ch, package, f, u);
      if (++ch->ties > tie_budget)
        {
          g_atomic_int_set (ch->over_budget, 1);
          return FALSE;
        }
      break;
    case PHASE_ANY:
      if (!ties (u, ch->u_star))
        break;
      keep (ch, package, f, u);
      return FALSE;            /* one is enough */
    default:
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
  tighten (ch->tight, ub, ch->n_parties);
  double f_ub = rl_sim_objective_value (ch->obj, ch->tight);
  double u_ub = ch->obj->kind == RL_SIM_NASH ? 0.0 : ch->tight[ch->obj->own];
  switch (ch->phase)
    {
    case PHASE_MAX_F:
      return ch->found && f_ub <= ch->best_f;
    case PHASE_MAX_U:
      return f_ub < ch->f_floor || (ch->found && u_ub <= ch->best_u);
    case PHASE_MIN_INDEX:
    case PHASE_ANY:
      return f_ub < ch->f_floor || u_ub < ch->u_floor;
    }
  return FALSE;
}

static void
run_phase (const RlProblem *pb, Chooser *ch, const RlRun *run)
{
  RlRun one = rl_run_init (NULL, run->deadline);
  one.n_threads = run->n_threads;
  RlVisitor visitor = {
    .worker_new = chooser_worker_new,
    .leaf = chooser_leaf,
    .prune = chooser_prune,
    .worker_done = chooser_worker_done,
  };
  ch->found = FALSE;
  ch->best_f = -INFINITY;
  ch->best_u = -INFINITY;
  if (!rl_problem_is_empty (pb))
    rl_problem_visit (pb, &one, &visitor, ch, NULL);
}

static RlProblem *
question_problem (const RlSimQuestion *q, GPtrArray *fixes)
{
  if (fixes == NULL || fixes->len == 0)
    return rl_problem_new (q->sc, q->which, q->extra, q->n_extra, q->thresholds);
  g_autoptr (GPtrArray) extra = g_ptr_array_new ();
  for (guint k = 0; k < q->n_extra; k++)
    g_ptr_array_add (extra, (gpointer) q->extra[k]);
  g_ptr_array_extend (extra, fixes, NULL, NULL);
  return rl_problem_new (q->sc, q->which, (const RlRule *const *) extra->pdata, extra->len,
                         q->thresholds);
}

/* "ISSUE == OPTION" as a rule of the scenario. */
static RlRule *
fix_rule (RlScenario *sc, guint i, guint k)
{
  g_autofree char *text = g_strdup_printf ("%s == %s", sc->issues[i].id, sc->issues[i].options[k].id);
  guint offset;
  RlRule *rule = rl_rule_compile (text, sc->issue_info, sc->n_issues, &offset, NULL);
  g_assert (rule != NULL);
  return rule;
}

/* The smallest tying package, issue by issue in file order: for each
 * issue the smallest option that still leaves a tying package. Each test
 * stops at the first tying package it meets, so the cost no longer grows
 * with the number of ties. */
static void
smallest_by_issue (const RlSimQuestion *q, Chooser *ch, const RlRun *run, guint8 *out)
{
  RlScenario *sc = q->sc;
  g_autoptr (GPtrArray) fixes = g_ptr_array_new_with_free_func ((GDestroyNotify) rl_rule_free);
  for (guint i = 0; i < sc->n_issues; i++)
    {
      guint n = sc->issues[i].n_options;
      gboolean fixed = FALSE;
      for (guint k = 0; k < n && !fixed; k++)
        {
          if (rl_deadline_passed (run->deadline))
            return;            /* the caller sees it and stops */
          RlRule *rule = fix_rule (sc, i, k);
          g_ptr_array_add (fixes, rule);
          if (k + 1 == n)
            fixed = TRUE;   /* a tying package exists, so the last one it is */
          else
            {
              RlProblem *pb = question_problem (q, fixes);
              ch->phase = PHASE_ANY;
              run_phase (pb, ch, run);
              rl_problem_free (pb);
              fixed = ch->found;
            }
          if (fixed)
            out[i] = (guint8) k;
          else
            g_ptr_array_remove_index (fixes, fixes->len - 1);
        }
    }
}

gboolean
rl_sim_choose (const RlSimQuestion *q, const RlSimObjective *obj, const RlRun *run, guint8 *out,
               double *f_out, double *u_out)
{
  RlScenario *sc = q->sc;
  RlProblem *pb = question_problem (q, NULL);
  if (rl_problem_is_empty (pb))
    {
      rl_problem_free (pb);
      return FALSE;
    }
  g_autofree guint8 *best = g_new0 (guint8, sc->n_issues + 1);
  gint over_budget = 0;
  Chooser ch = {
    .sc = sc,
    .obj = obj,
    .n_parties = sc->n_parties,
    .best = best,
    .over_budget = &over_budget,
  };

  /* f*: without terms f is 0 everywhere, and the first pass is only the
   * question whether anything survives, which the second answers too. */
  if (obj->n_terms > 0)
    {
      ch.phase = PHASE_MAX_F;
      run_phase (pb, &ch, run);
      if (!ch.found || rl_deadline_passed (run->deadline))
        {
          rl_problem_free (pb);
          return FALSE;
        }
      ch.f_star = ch.best_f;
    }
  else
    ch.f_star = 0.0;
  if (obj->n_terms == 0)
    ch.f_floor = -INFINITY;
  else if (obj->kind == RL_SIM_NASH)
    /* Relative ties of products, differences of logarithms; twice the
     * tolerance, or the logarithm's own rounding when larger. */
    ch.f_floor = isfinite (ch.f_star) ? ch.f_star - MAX (2e-9, 16 * DBL_EPSILON * fabs (ch.f_star))
                                      : -INFINITY;
  else
    ch.f_floor = tie_floor (ch.f_star);

  ch.phase = PHASE_MAX_U;
  run_phase (pb, &ch, run);
  if (!ch.found || rl_deadline_passed (run->deadline))
    {
      rl_problem_free (pb);
      return FALSE;
    }
  ch.u_star = ch.best_u;
  ch.u_floor = tie_floor (ch.u_star);
  double f = ch.best_f, u = ch.best_u;

  ch.phase = PHASE_MIN_INDEX;
  run_phase (pb, &ch, run);
  rl_problem_free (pb);
  if (rl_deadline_passed (run->deadline))
    return FALSE;
  if (g_atomic_int_get (&over_budget))
    smallest_by_issue (q, &ch, run, out);
  else
    {
      g_assert (ch.found);
      memcpy (out, ch.best, sc->n_issues);
    }
  if (f_out)
    *f_out = obj->n_terms > 0 ? f : 0.0;
  if (u_out)
    *u_out = u;
  return TRUE;
}

/* ---- the largest utility of one party ----------------------------------- */

double
rl_sim_max_utility (const RlProblem *pb, guint party, const RlRun *run)
{
  RlRun one = rl_run_init (NULL, run->deadline);
  one.n_threads = run->n_threads;
  return rl_problem_max_utility (pb, party, &one, NULL);
}
