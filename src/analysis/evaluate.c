/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * evaluate.c: everything cli.md's `evaluate` says of one package.
 *
 * The ranks need care: the order of section 6 groups tied scores under an
 * anchor, and where the anchors fall depends on every score above. One
 * pass counts the packages far above the package's score (they are in
 * earlier groups whatever happens) and keeps those within a narrow band
 * around it; a clear gap in the band fixes an anchor from which the groups
 * follow exactly. Only when the band is too dense to hold such a gap does a
 * second pass keep everything above the package.
 */
#include <math.h>
#include <string.h>

#include <redline/error.h>
#include "engine/engine.h"
#include "engine/frontier.h"
#include "engine/dominator.h"
#include "engine/package.h"
#include "model/scenario-internals.h"
#include "engine/score.h"
#include "engine/topk.h"

struct _RlEvaluation {
  RlScenario *sc;
  RlPackage pkg;
  gboolean feasible, compatible, acceptable;
  GPtrArray *broken;
  GArray *below_batna;          /* guint */
  guint64 ranks[RL_N_STANDARD_SCORES];
  gboolean has_dominator;
  RlPackage dominator;
  guint64 n_acceptable;
  gboolean complete;
};

void
rl_evaluation_free (RlEvaluation *ev)
{
  if (ev == NULL)
    return;
  rl_scenario_unref (ev->sc);
  rl_package_clear (&ev->pkg);
  rl_package_clear (&ev->dominator);
  g_ptr_array_unref (ev->broken);
  g_array_unref (ev->below_batna);
  g_free (ev);
}

const RlPackage *rl_evaluation_get_package (const RlEvaluation *ev) { return &ev->pkg; }
gboolean rl_evaluation_is_feasible (const RlEvaluation *ev) { return ev->feasible; }
gboolean rl_evaluation_is_compatible (const RlEvaluation *ev) { return ev->compatible; }
gboolean rl_evaluation_is_acceptable (const RlEvaluation *ev) { return ev->acceptable; }
guint64 rl_evaluation_get_n_acceptable (const RlEvaluation *ev) { return ev->n_acceptable; }
gboolean rl_evaluation_is_complete (const RlEvaluation *ev) { return ev->complete; }

const char *const *
rl_evaluation_get_broken (const RlEvaluation *ev)
{
  return (const char *const *) ev->broken->pdata;
}

const guint *
rl_evaluation_get_below_batna (const RlEvaluation *ev, guint *n)
{
  *n = ev->below_batna->len;
  return (const guint *) (gpointer) ev->below_batna->data;
}

guint64
rl_evaluation_get_rank (const RlEvaluation *ev, RlScoreKind kind)
{
  g_return_val_if_fail (kind < RL_N_STANDARD_SCORES, 0);
  return ev->ranks[kind];
}

const RlPackage *
rl_evaluation_get_dominated_by (const RlEvaluation *ev)
{
  return ev->has_dominator ? &ev->dominator : NULL;
}

/* ---- the rules ------------------------------------------------------------------ */

static void
check_rules (RlEvaluation *ev, const guint8 *package, gboolean ignore_batna)
{
  RlScenario *sc = ev->sc;
  ev->feasible = TRUE;
  for (guint c = 0; c < sc->constraints->len; c++)
    {
      const RlNamedRule *r = &g_array_index (sc->constraints, RlNamedRule, c);
      if (!rl_rule_eval (r->rule, package))
        {
          ev->feasible = FALSE;
          g_ptr_array_add (ev->broken, g_strdup_printf ("constraints/%s", r->id));
        }
    }
  ev->compatible = ev->feasible;
  ev->acceptable = TRUE;
  for (guint p = 0; p < sc->n_parties; p++)
    {
      const RlParty *party = &sc->parties[p];
      for (guint r = 0; r < party->red_lines->len; r++)
        {
          const RlNamedRule *rule = &g_array_index (party->red_lines, RlNamedRule, r);
          if (!rl_rule_eval (rule->rule, package))
            {
              g_ptr_array_add (ev->broken, g_strdup_printf ("%s/%s", party->id, rule->id));
              if (party->veto)
                ev->compatible = FALSE;
            }
        }
      if (party->veto && ev->pkg.utilities[p] < party->batna - RL_EPSILON)
        {
          g_array_append_val (ev->below_batna, p);
          if (!ignore_batna)
            ev->acceptable = FALSE;
        }
    }
  ev->acceptable = ev->acceptable && ev->compatible;
  g_ptr_array_add (ev->broken, NULL);
}

/* ---- ranks ------------------------------------------------------------------------ */

typedef struct {
  double score;
  guint8 *package;       /* borrowed from the owner's slab */
} Entry;

/* One score's view: what is far above, and what is near. */
typedef struct {
  double x;              /* the evaluated package's score */
  double above;          /* packages with a score above this are far above */
  double below;          /* and below this, out of reach */
  gboolean keep_all_above;
  guint64 n_far_above;
  GArray *near_scores;   /* double */
  GByteArray *near_packages;
} Band;

typedef struct {
  RlScenario *sc;
  const double *ideal;
  guint64 count;
  Band band[RL_N_STANDARD_SCORES];
  double *u;
  double scores[RL_N_STANDARD_SCORES];
} RankPass;

static void
band_init (Band *b, double x, gboolean keep_all_above)
{
  memset (b, 0, sizeof *b);
  b->x = x;
  /* A Nash score of -inf (a gain of 0) ties only with itself. */
  double scale = isfinite (x) ? MAX (1.0, fabs (x)) : 1.0;
  b->above = keep_all_above ? INFINITY : x + 1e-6 * scale;
  b->below = x - 4e-9 * scale;
  b->keep_all_above = keep_all_above;
  b->near_scores = g_array_new (FALSE, FALSE, sizeof (double));
  b->near_packages = g_byte_array_new ();
}

static void
band_clear (Band *b)
{
  g_clear_pointer (&b->near_scores, g_array_unref);
  g_clear_pointer (&b->near_packages, g_byte_array_unref);
}

static RankPass *
rank_pass_new (const RankPass *proto)
{
  RankPass *rp = g_new0 (RankPass, 1);
  rp->sc = proto->sc;
  rp->ideal = proto->ideal;
  for (guint k = 0; k < RL_N_STANDARD_SCORES; k++)
    band_init (&rp->band[k], proto->band[k].x, proto->band[k].keep_all_above);
  rp->u = g_new0 (double, proto->sc->n_parties + 1);
  return rp;
}

static void
rank_pass_free (RankPass *rp)
{
  for (guint k = 0; k < RL_N_STANDARD_SCORES; k++)
    band_clear (&rp->band[k]);
  g_free (rp->u);
  g_free (rp);
}

static gpointer
rank_worker_new (gpointer data)
{
  return rank_pass_new (data);
}

static gboolean
rank_leaf (gpointer worker, const guint8 *package, const double *search_u)
{
  RankPass *rp = worker;
  (void) search_u;
  rl_canonical_utilities (rp->sc, package, rp->u);
  rl_scores_compute (rp->sc, rp->u, rp->ideal, rp->scores);
  rp->count++;
  for (guint k = 0; k < RL_N_STANDARD_SCORES; k++)
    {
      Band *b = &rp->band[k];
      double s = rp->scores[k];
      if (s > b->above)
        b->n_far_above++;
      else if (s >= b->below)
        {
          g_array_append_val (b->near_scores, s);
          g_byte_array_append (b->near_packages, package, rp->sc->n_issues);
        }
    }
  return TRUE;
}

static void
rank_worker_done (gpointer data, gpointer worker)
{
  RankPass *into = data, *from = worker;
  into->count += from->count;
  for (guint k = 0; k < RL_N_STANDARD_SCORES; k++)
    {
      Band *a = &into->band[k], *b = &from->band[k];
      a->n_far_above += b->n_far_above;
      g_array_append_vals (a->near_scores, b->near_scores->data, b->near_scores->len);
      g_byte_array_append (a->near_packages, b->near_packages->data, b->near_packages->len);
    }
  rank_pass_free (from);
}

static gboolean
run_rank_pass (const RlProblem *pb, const RlRun *run, RankPass *rp)
{
  RlVisitor visitor = {
    .worker_new = rank_worker_new,
    .leaf = rank_leaf,
    .worker_done = rank_worker_done,
  };
  gboolean timed_out = FALSE;
  rl_problem_visit (pb, run, &visitor, rp, &timed_out);
  return !timed_out;
}

static int
double_desc (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x > y ? -1 : (x < y ? 1 : 0);
}

static gboolean
clear_gap (double hi, double lo)
{
  return hi - lo > 2e-9 * MAX (1.0, fabs (hi));
}

/* The anchor of @s among @anchors (descending): the last one at or above. */
static double
anchor_of (const double *anchors, guint n, double s)
{
  guint lo = 0, hi = n;
  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;
      if (anchors[mid] >= s)
        lo = mid;
      else
        hi = mid;
    }
  return anchors[lo];
}

/* The rank of @package from its band, or 0 when no anchor above it can be
 * placed from the band alone (too dense: ask for everything above). */
static guint64
rank_in_band (RlScoreKind kind, const Band *b, const guint8 *package, guint n_issues)
{
  guint n = b->near_scores->len;
  const double *scores = (const double *) (gpointer) b->near_scores->data;
  const guint8 *packages = b->near_packages->data;
  if (n == 0)
    return 0;

  g_autofree double *desc = g_memdup2 (scores, n * sizeof (double));
  qsort (desc, n, sizeof (double), double_desc);
  guint m = 0;
  for (guint j = 0; j < n; j++)
    if (m == 0 || desc[m - 1] != desc[j])
      desc[m++] = desc[j];

  /* A restart: a distinct score that is an anchor for sure, at or above x. */
  guint r = G_MAXUINT;
  if (b->n_far_above == 0 || clear_gap (b->above, desc[0]) || b->above == -INFINITY)
    r = 0;
  for (guint j = 1; r == G_MAXUINT && j < m && desc[j] >= b->x; j++)
    if (clear_gap (desc[j - 1], desc[j]))
      r = j;
  if (r == G_MAXUINT)
    return 0;

  g_autofree double *anchors = g_new (double, m + 1);
  guint n_anchors = 0;
  for (guint j = r; j < m; j++)
    if (n_anchors == 0 || !rl_scores_tie (kind, anchors[n_anchors - 1], desc[j]))
      anchors[n_anchors++] = desc[j];
  double restart = desc[r];
  double mine = anchor_of (anchors, n_anchors, b->x);

  guint64 before = b->n_far_above;
  for (guint j = 0; j < n; j++)
    {
      double s = scores[j];
      const guint8 *pj = packages + (gsize) j * n_issues;
      if (s > restart)
        before++;
      else
        {
          double a = anchor_of (anchors, n_anchors, s);
          if (a > mine || (a == mine && memcmp (pj, package, n_issues) < 0))
            before++;
        }
    }
  return before + 1;
}

static gboolean
compute_ranks (RlEvaluation *ev, const RlProblem *pb, const RlRun *run, const double *ideal)
{
  RlScenario *sc = ev->sc;
  RankPass proto = { .sc = sc, .ideal = ideal };
  for (guint k = 0; k < RL_N_STANDARD_SCORES; k++)
    band_init (&proto.band[k], ev->pkg.scores[k], FALSE);
  RankPass *rp = rank_pass_new (&proto);
  for (guint k = 0; k < RL_N_STANDARD_SCORES; k++)
    band_clear (&proto.band[k]);
  gboolean complete = run_rank_pass (pb, run, rp);
  ev->n_acceptable = rp->count;

  gboolean dense = FALSE;
  for (guint k = 0; k < RL_N_STANDARD_SCORES; k++)
    {
      ev->ranks[k] = rank_in_band ((RlScoreKind) k, &rp->band[k], ev->pkg.options, sc->n_issues);
      dense = dense || ev->ranks[k] == 0;
    }
  if (dense)
    {
      /* Rare: ties chained across the whole band. Keep everything above. */
      RankPass wide = { .sc = sc, .ideal = ideal };
      for (guint k = 0; k < RL_N_STANDARD_SCORES; k++)
        band_init (&wide.band[k], ev->pkg.scores[k], TRUE);
      RankPass *all = rank_pass_new (&wide);
      for (guint k = 0; k < RL_N_STANDARD_SCORES; k++)
        band_clear (&wide.band[k]);
      complete = run_rank_pass (pb, run, all) && complete;
      for (guint k = 0; k < RL_N_STANDARD_SCORES; k++)
        if (ev->ranks[k] == 0)
          ev->ranks[k] = rank_in_band ((RlScoreKind) k, &all->band[k], ev->pkg.options, sc->n_issues);
      rank_pass_free (all);
    }
  rank_pass_free (rp);
  return complete;
}

/* ---- ideals and the dominating package ------------------------------------------ */

typedef struct {
  RlScenario *sc;
  guint64 count;
  double *ideal;
  double *u;
  const double *x;             /* for dominators: the evaluated utilities */
  RlTopK *best;                /* the dominator first by welfare */
} Sweep;

static gpointer
sweep_worker_new (gpointer data)
{
  const Sweep *proto = data;
  Sweep *sw = g_new0 (Sweep, 1);
  sw->sc = proto->sc;
  sw->x = proto->x;
  sw->ideal = g_new (double, proto->sc->n_parties + 1);
  for (guint p = 0; p < proto->sc->n_parties; p++)
    sw->ideal[p] = -INFINITY;
  sw->u = g_new0 (double, proto->sc->n_parties + 1);
  if (proto->best)
    sw->best = rl_topk_new (RL_SCORE_WELFARE, 1, proto->sc->n_issues, 0);
  return sw;
}

static void
sweep_free (Sweep *sw)
{
  g_free (sw->ideal);
  g_free (sw->u);
  rl_topk_free (sw->best);
  g_free (sw);
}

static gboolean
sweep_leaf (gpointer worker, const guint8 *package, const double *search_u)
{
  Sweep *sw = worker;
  (void) search_u;
  rl_canonical_utilities (sw->sc, package, sw->u);
  sw->count++;
  for (guint p = 0; p < sw->sc->n_parties; p++)
    sw->ideal[p] = MAX (sw->ideal[p], sw->u[p]);
  if (sw->best && rl_dominates (sw->u, sw->x, sw->sc->n_parties))
    {
      double welfare = 0;
      for (guint p = 0; p < sw->sc->n_parties; p++)
        welfare += sw->u[p];
      rl_topk_offer (sw->best, welfare, package, NULL);
    }
  return TRUE;
}

static void
sweep_worker_done (gpointer data, gpointer worker)
{
  Sweep *into = data, *from = worker;
  into->count += from->count;
  for (guint p = 0; p < into->sc->n_parties; p++)
    into->ideal[p] = MAX (into->ideal[p], from->ideal[p]);
  if (into->best)
    rl_topk_merge (into->best, from->best);
  sweep_free (from);
}

static gboolean
sweep (const RlProblem *pb, const RlRun *run, Sweep *sw)
{
  RlVisitor visitor = {
    .worker_new = sweep_worker_new,
    .leaf = sweep_leaf,
    .worker_done = sweep_worker_done,
  };
  gboolean timed_out = FALSE;
  rl_problem_visit (pb, run, &visitor, sw, &timed_out);
  return !timed_out;
}

RlEvaluation *
rl_evaluate (RlScenario *sc, const guint8 *package, const RlSolveOptions *opts, GError **error)
{
  g_return_val_if_fail (sc != NULL && package != NULL, NULL);
  if (!sc->space_fits)
    {
      g_autofree char *about = rl_scenario_format_space (sc, 3);
      g_set_error (error, RL_ERROR, RL_ERROR_TOO_LARGE,
                   "the package space (about %s packages) is too large to rank a package in",
                   about);
      return NULL;
    }
  for (guint i = 0; i < sc->n_issues; i++)
    g_return_val_if_fail (package[i] < sc->issues[i].n_options, NULL);

  RlEvaluation *ev = g_new0 (RlEvaluation, 1);
  ev->sc = rl_scenario_ref (sc);
  ev->broken = g_ptr_array_new_with_free_func (g_free);
  ev->below_batna = g_array_new (FALSE, FALSE, sizeof (guint));
  rl_package_init (&ev->pkg, sc);
  rl_package_init (&ev->dominator, sc);
  rl_package_fill (&ev->pkg, sc, package, FALSE, NULL);
  gboolean ignore_batna = opts && (opts->flags & RL_SOLVE_IGNORE_BATNA);
  check_rules (ev, package, ignore_batna);

  /* No progress reports: evaluate's searches are short. */
  RlRun run = rl_run_init (NULL, rl_deadline_from_run (opts ? &opts->run : NULL));
  run.n_threads = opts ? opts->run.n_threads : 0;

  /* Ideals and dominators in one sweep over the acceptable packages. */
  RlProblem *pb = rl_problem_new_batna (sc, ignore_batna);
  Sweep sw = { .sc = sc, .x = ev->pkg.utilities };
  sw.ideal = g_new (double, sc->n_parties + 1);
  for (guint p = 0; p < sc->n_parties; p++)
    sw.ideal[p] = -INFINITY;
  sw.best = rl_topk_new (RL_SCORE_WELFARE, 1, sc->n_issues, 0);
  ev->complete = sweep (pb, &run, &sw);
  ev->n_acceptable = sw.count;
  if (rl_topk_finish (sw.best) > 0)
    {
      ev->has_dominator = TRUE;
      rl_package_fill (&ev->dominator, sc, rl_topk_get_package (sw.best, 0), TRUE, sw.ideal);
      gboolean unknown = FALSE;
      ev->dominator.pareto = !rl_find_dominator (sc, ignore_batna, ev->dominator.utilities,
                                                 run.deadline, &unknown);
      if (unknown)
        ev->complete = FALSE;
    }
  if (ev->acceptable)
    {
      rl_package_fill (&ev->pkg, sc, package, TRUE, sw.ideal);
      ev->pkg.pareto = !ev->has_dominator;
      ev->complete = compute_ranks (ev, pb, &run, sw.ideal) && ev->complete;
    }
  rl_topk_free (sw.best);
  g_free (sw.ideal);
  rl_problem_free (pb);
  return ev;
}
