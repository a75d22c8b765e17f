/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * explain-costs.c: the searches behind prices and relaxations: the best
 * package and best score of a question by a rank (branch and bound, after
 * the ideals when kalai needs them), and whether a package is dominated
 * among a question's packages.
 *
 * The questions are the scenario with some blockers dropped. A dropped
 * BATNA stops filtering but still defines its party's gain (cli.md), so
 * every score here is computed on the scenario's own BATNAs: only the
 * problem, which filters, changes.
 */
#include "analysis/explain-private.h"

#include <math.h>
#include <string.h>

#include "engine/dominator.h"
#include "engine/package.h"
#include "model/scenario-internals.h"
#include "engine/score.h"
#include "engine/topk.h"

void
rl_best_search_clear (RlBestSearch *bs)
{
  g_clear_pointer (&bs->options, g_free);
  g_clear_pointer (&bs->ideal, g_free);
  bs->found = FALSE;
}

/* ---- ideals ------------------------------------------------------------------- */

typedef struct {
  RlScenario *sc;
  double *best;
  double *u;
} Ideal;

static gpointer
ideal_worker_new (gpointer data)
{
  Ideal *proto = data;
  Ideal *is = g_new0 (Ideal, 1);
  is->sc = proto->sc;
  is->best = g_new (double, proto->sc->n_parties + 1);
  for (guint p = 0; p < proto->sc->n_parties; p++)
    is->best[p] = -INFINITY;
  is->u = g_new0 (double, proto->sc->n_parties + 1);
  return is;
}

static gboolean
ideal_leaf (gpointer worker, const guint8 *package, const double *search_u)
{
  Ideal *is = worker;
  (void) search_u;
  rl_canonical_utilities (is->sc, package, is->u);
  for (guint p = 0; p < is->sc->n_parties; p++)
    is->best[p] = MAX (is->best[p], is->u[p]);
  return TRUE;
}

/* A subtree in which no party can beat its best so far adds nothing. */
static gboolean
ideal_prune (gpointer worker, guint depth, const double *ub, const double *lb)
{
  Ideal *is = worker;
  (void) depth;
  (void) lb;
  for (guint p = 0; p < is->sc->n_parties; p++)
    if (ub[p] > is->best[p])
      return FALSE;
  return TRUE;
}

static void
ideal_worker_done (gpointer data, gpointer worker)
{
  Ideal *into = data, *from = worker;
  for (guint p = 0; p < into->sc->n_parties; p++)
    into->best[p] = MAX (into->best[p], from->best[p]);
  g_free (from->best);
  g_free (from->u);
  g_free (from);
}

/* ---- the best package and score ---------------------------------------------- */

typedef struct {
  RlScenario *sc;
  const RlRank *rank;
  const double *ideal;
  RlTopK *topk;
  double max_score;
  double max_product;
  double *u;
} Best;

static gpointer
best_worker_new (gpointer data)
{
  Best *proto = data;
  Best *bs = g_new0 (Best, 1);
  *bs = *proto;
  bs->topk = rl_topk_new (proto->rank->kind, 1, proto->sc->n_issues, 0);
  bs->max_score = -INFINITY;
  bs->max_product = 0;
  bs->u = g_new0 (double, proto->sc->n_parties + 1);
  return bs;
}

static gboolean
best_leaf (gpointer worker, const guint8 *package, const double *search_u)
{
  Best *bs = worker;
  (void) search_u;
  rl_canonical_utilities (bs->sc, package, bs->u);
  double score = rl_score_value (bs->sc, bs->rank, bs->u, bs->ideal);
  bs->max_score = MAX (bs->max_score, score);
  if (bs->rank->kind == RL_SCORE_NASH)
    bs->max_product = MAX (bs->max_product, rl_nash_product (bs->sc, bs->u));
  rl_topk_offer (bs->topk, score, package, NULL);
  return TRUE;
}

/* Branch and bound: the top-1 collection keeps whatever may still tie
 * with the best, so the best score itself is never pruned away. */
static gboolean
best_prune (gpointer worker, guint depth, const double *ub, const double *lb)
{
  Best *bs = worker;
  (void) depth;
  (void) lb;
  return rl_topk_prunes (bs->topk, rl_score_bound (bs->sc, bs->rank, ub, bs->ideal));
}

static void
best_worker_done (gpointer data, gpointer worker)
{
  Best *into = data, *from = worker;
  rl_topk_merge (into->topk, from->topk);
  into->max_score = MAX (into->max_score, from->max_score);
  into->max_product = MAX (into->max_product, from->max_product);
  rl_topk_free (from->topk);
  g_free (from->u);
  g_free (from);
}

gboolean
rl_explain_best (const RlProblem *pb, const RlRank *rank, gboolean want_ideal, const RlRun *run,
                 RlBestSearch *out)
{
  RlScenario *sc = rl_problem_get_scenario (pb);
  gboolean timed_out = FALSE;
  memset (out, 0, sizeof *out);
  out->max_score = -INFINITY;

  if (want_ideal || rl_score_needs_ideal (rank))
    {
      out->ideal = g_new (double, sc->n_parties + 1);
      Ideal is = { .sc = sc, .best = out->ideal };
      for (guint p = 0; p < sc->n_parties; p++)
        out->ideal[p] = -INFINITY;
      RlVisitor visitor = {
        .worker_new = ideal_worker_new,
        .leaf = ideal_leaf,
        .prune = ideal_prune,
        .worker_done = ideal_worker_done,
      };
      rl_problem_visit (pb, run, &visitor, &is, &timed_out);
      if (timed_out)
        return FALSE;
      if (sc->n_parties == 0 || !isfinite (out->ideal[0]))
        return TRUE;   /* nothing qualifies */
    }

  Best proto = {
    .sc = sc,
    .rank = rank,
    .ideal = out->ideal,
    .topk = rl_topk_new (rank->kind, 1, sc->n_issues, 0),
    .max_score = -INFINITY,
  };
  RlVisitor visitor = {
    .worker_new = best_worker_new,
    .leaf = best_leaf,
    .prune = best_prune,
    .worker_done = best_worker_done,
  };
  rl_problem_visit (pb, run, &visitor, &proto, &timed_out);
  if (rl_topk_finish (proto.topk) > 0)
    {
      out->found = TRUE;
      out->max_score = proto.max_score;
      out->max_product = proto.max_product;
      out->options = g_memdup2 (rl_topk_get_package (proto.topk, 0), sc->n_issues);
    }
  rl_topk_free (proto.topk);
  return !timed_out;
}

/* ---- dominance ------------------------------------------------------------------- */

gboolean
rl_explain_is_dominated (RlScenario *sc, const RlBlocker *blockers, guint n,
                         const gboolean *keep, const double *x, RlDeadline deadline,
                         gboolean *timed_out)
{
  /* Every party held at x - 1e-9 (the engine's tolerance), and the kept
   * BATNAs still filter: what survives is at least as good for everyone,
   * and the leaf looks for one that is better for someone. */
  g_autofree double *thr = g_new (double, sc->n_parties + 1);
  for (guint p = 0; p < sc->n_parties; p++)
    thr[p] = x[p];
  g_autoptr (GPtrArray) rules = g_ptr_array_new ();
  for (guint b = 0; b < n; b++)
    {
      if (!keep[b])
        continue;
      if (blockers[b].kind == RL_BLOCKER_BATNA)
        thr[blockers[b].party] = MAX (thr[blockers[b].party], blockers[b].batna);
      else
        g_ptr_array_add (rules, (gpointer) blockers[b].rule);
    }
  RlProblem *pb = rl_problem_new (sc, RL_RULES_CONSTRAINTS, (const RlRule *const *) rules->pdata,
                                  rules->len, thr);
  /* Explain has always visited covered packages too; skipping them (as
   * rl_find_dominator() does) would be right here as well, but would
   * change which search runs, so it is left for a change of its own. */
  gboolean found = rl_problem_has_dominator (pb, x, deadline, FALSE, timed_out);
  rl_problem_free (pb);
  return found;
}
