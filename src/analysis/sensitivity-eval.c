/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sensitivity-eval.c: the two findings (and, for the Monte Carlo, the
 * count, the first package and t*'s flags) for a perturbed scenario.
 *
 * Perturbations move utilities and BATNAs only, never a rule, so the
 * compatible set is the nominal one. When it is small enough it is
 * enumerated once, with each package's bonus rules evaluated once, and a
 * perturbation re-scores it: utilities summed exactly as
 * rl_scenario_utility() sums them (file order, issues then bonuses), so
 * every decision is the one a file with those numbers would give. Above
 * RL_SENS_FAST_MAX packages each question is a search (rl_solve).
 */
#include "analysis/sensitivity-private.h"

#include <math.h>
#include <string.h>

#include <gsl/gsl_rng.h>
#include <redline/error.h>

#include "engine/dominator.h"
#include "engine/engine.h"
#include "engine/package.h"
#include "engine/score.h"

/* ---- the compatible set ---------------------------------------------------------- */

/* Column @p of @u (n rows of n_parties) from the scenario @work. */
static void
utility_column (const RlSensSet *set, const RlScenario *work, guint p, double *u)
{
  const RlParty *party = &work->parties[p];
  guint nb = party->bonuses->len;
  const guint off = set->bonus_offset[p];
  for (guint x = 0; x < set->n; x++)
    {
      const guint8 *pkg = set->packages + (gsize) x * set->n_issues;
      double v = 0;
      for (guint i = 0; i < set->n_issues; i++)
        if (party->weights[i] > 0)
          v += party->weights[i] * party->values[i][pkg[i]];
      const guint8 *on = set->bonus_on + (gsize) x * set->n_bonus_total + off;
      for (guint b = 0; b < nb; b++)
        if (on[b])
          v += g_array_index (party->bonuses, RlBonus, b).value;
      u[(gsize) x * set->n_parties + p] = v;
    }
}

gboolean
rl_sens_set_init (RlSensSet *set, RlScenario *sc, const RlRank *rank, RlDeadline deadline,
                  gboolean *timed_out, GError **error)
{
  memset (set, 0, sizeof *set);
  set->sc = rl_scenario_ref (sc);
  set->rank = *rank;
  set->n_issues = sc->n_issues;
  set->n_parties = sc->n_parties;
  set->tstar = -1;
  set->deadline = deadline;
  set->bonus_offset = g_new0 (guint, sc->n_parties + 1);
  for (guint p = 0; p < sc->n_parties; p++)
    {
      set->bonus_offset[p] = set->n_bonus_total;
      set->n_bonus_total += sc->parties[p].bonuses->len;
    }
  if (!sc->space_fits)
    {
      g_autofree char *about = rl_scenario_format_space (sc, 3);
      g_set_error (error, RL_ERROR, RL_ERROR_TOO_LARGE_TO_COUNT,
                   "the package space (about %s packages) is too large to count: "
                   "sensitivity counts acceptable packages", about);
      return FALSE;
    }

  RlProblem *pb = rl_problem_new (sc, RL_RULES_CONSTRAINTS | RL_RULES_RED_LINES, NULL, 0, NULL);
  RlRun run = rl_run_init (NULL, deadline);
  guint64 count = 0;
  gboolean stopped = FALSE;
  rl_problem_count (pb, &run, &count, &stopped);
  guint64 fast_max = RL_SENS_FAST_MAX;
  const char *env = g_getenv ("RL_SENSITIVITY_FAST_MAX");
  if (env != NULL)
    fast_max = MIN (fast_max, g_ascii_strtoull (env, NULL, 10));
  if (stopped || count > fast_max)
    {
      rl_problem_free (pb);
      *timed_out = stopped;
      return TRUE;
    }
  GArray *indices = rl_problem_collect_indices (pb, sc, &run, &stopped);
  rl_problem_free (pb);
  if (stopped)
    {
      g_array_unref (indices);
      *timed_out = TRUE;
      return TRUE;
    }
  set->fast = TRUE;
  set->n = indices->len;
  set->index = (guint64 *) g_array_free (indices, FALSE);
  set->packages = g_new (guint8, (gsize) MAX (set->n, 1) * sc->n_issues);
  set->bonus_on = g_new0 (guint8, (gsize) MAX (set->n, 1) * MAX (set->n_bonus_total, 1));
  set->u_nominal = g_new (double, (gsize) MAX (set->n, 1) * sc->n_parties);
  for (guint x = 0; x < set->n; x++)
    {
      guint8 *pkg = set->packages + (gsize) x * sc->n_issues;
      rl_scenario_package_from_index (sc, set->index[x], pkg);
      guint8 *on = set->bonus_on + (gsize) x * set->n_bonus_total;
      for (guint p = 0; p < sc->n_parties; p++)
        for (guint b = 0; b < sc->parties[p].bonuses->len; b++)
          on[set->bonus_offset[p] + b]
            = rl_rule_eval (g_array_index (sc->parties[p].bonuses, RlBonus, b).rule, pkg);
    }
  for (guint p = 0; p < sc->n_parties; p++)
    utility_column (set, sc, p, set->u_nominal);
  return TRUE;
}

void
rl_sens_set_clear (RlSensSet *set)
{
  g_clear_pointer (&set->sc, rl_scenario_unref);
  g_clear_pointer (&set->packages, g_free);
  g_clear_pointer (&set->index, g_free);
  g_clear_pointer (&set->bonus_offset, g_free);
  g_clear_pointer (&set->bonus_on, g_free);
  g_clear_pointer (&set->u_nominal, g_free);
  g_clear_pointer (&set->tstar_options, g_free);
}

void
rl_sens_set_fix_top (RlSensSet *set, const guint8 *tstar)
{
  g_clear_pointer (&set->tstar_options, g_free);
  set->tstar = -1;
  if (tstar == NULL)
    return;
  set->tstar_options = g_memdup2 (tstar, set->n_issues);
  if (!set->fast)
    return;
  guint64 index = rl_scenario_package_index (set->sc, tstar);
  for (guint x = 0; x < set->n; x++)
    if (set->index[x] == index)
      set->tstar = (gint) x;
}

void
rl_sens_worker_init (RlSensWorker *w, const RlSensSet *set)
{
  memset (w, 0, sizeof *w);
  w->work = rl_scenario_copy (set->sc);
  w->dirty = -1;
  w->ideal = g_new0 (double, set->n_parties + 1);
  w->first = g_new0 (guint8, set->n_issues + 1);
  if (set->fast)
    {
      gsize cells = (gsize) MAX (set->n, 1) * set->n_parties;
      w->u = g_memdup2 (set->u_nominal, cells * sizeof (double));
      w->score = g_new (double, MAX (set->n, 1));
      w->acc = g_new (guint8, MAX (set->n, 1));
    }
}

void
rl_sens_worker_clear (RlSensWorker *w)
{
  g_clear_pointer (&w->work, rl_scenario_unref);
  g_clear_pointer (&w->u, g_free);
  g_clear_pointer (&w->score, g_free);
  g_clear_pointer (&w->acc, g_free);
  g_clear_pointer (&w->ideal, g_free);
  g_clear_pointer (&w->first, g_free);
  g_clear_pointer (&w->rng, gsl_rng_free);
}

/* ---- deciding ------------------------------------------------------------------------ */

static void
refresh_utilities (const RlSensSet *set, RlSensWorker *w, gint changed)
{
  if (changed == RL_SENS_ALL_PARTIES)
    {
      for (guint p = 0; p < set->n_parties; p++)
        utility_column (set, w->work, p, w->u);
      w->dirty = RL_SENS_ALL_PARTIES;
      return;
    }
  if (w->dirty == RL_SENS_ALL_PARTIES)
    memcpy (w->u, set->u_nominal, (gsize) set->n * set->n_parties * sizeof (double));
  else if (w->dirty >= 0 && w->dirty != changed)
    for (guint x = 0; x < set->n; x++)
      {
        gsize cell = (gsize) x * set->n_parties + (guint) w->dirty;
        w->u[cell] = set->u_nominal[cell];
      }
  w->dirty = -1;
  if (changed >= 0)
    {
      utility_column (set, w->work, (guint) changed, w->u);
      w->dirty = changed;
    }
}

static gboolean
row_acceptable (const RlScenario *work, const double *u)
{
  for (guint p = 0; p < work->n_parties; p++)
    if (work->parties[p].veto && u[p] < work->parties[p].batna - RL_EPSILON)
      return FALSE;
  return TRUE;
}

/* The first package of the ranking among the acceptable ones: the smallest
 * index among those that tie with the highest exact score (scenario.md
 * section 6's anchored first group). */
static gint
first_position (const RlSensSet *set, RlSensWorker *w)
{
  const guint P = set->n_parties;
  const double *ideal = NULL;
  if (rl_score_needs_ideal (&set->rank))
    {
      for (guint p = 0; p < P; p++)
        w->ideal[p] = -INFINITY;
      for (guint x = 0; x < set->n; x++)
        if (w->acc[x])
          for (guint p = 0; p < P; p++)
            w->ideal[p] = MAX (w->ideal[p], w->u[(gsize) x * P + p]);
      ideal = w->ideal;
    }
  gint best = -1;
  for (guint x = 0; x < set->n; x++)
    if (w->acc[x])
      {
        w->score[x] = rl_score_value (w->work, &set->rank, w->u + (gsize) x * P, ideal);
        if (best < 0 || w->score[x] > w->score[best])
          best = (gint) x;
      }
  if (best < 0)
    return -1;
  RlScoreKind kind = set->rank.kind;
  for (guint x = 0; x < set->n; x++)
    if (w->acc[x] && rl_scores_tie (kind, w->score[x], w->score[best]))
      return (gint) x;
  return best;
}

static gboolean
dominated (const RlSensSet *set, const RlSensWorker *w, guint t)
{
  const guint P = set->n_parties;
  const double *ut = w->u + (gsize) t * P;
  for (guint y = 0; y < set->n; y++)
    {
      if (!w->acc[y] || y == t)
        continue;
      const double *uy = w->u + (gsize) y * P;
      gboolean all = TRUE, some = FALSE;
      for (guint p = 0; p < P && all; p++)
        {
          if (uy[p] < ut[p] - RL_EPSILON)
            all = FALSE;
          if (uy[p] > ut[p] + RL_EPSILON)
            some = TRUE;
        }
      if (all && some)
        return TRUE;
    }
  return FALSE;
}

static void
evaluate_fast (const RlSensSet *set, RlSensWorker *w, gint changed, RlSensNeed need,
               RlSensOutcome *out)
{
  refresh_utilities (set, w, changed);
  const guint P = set->n_parties;
  gboolean need_count = (need & (RL_SENS_NEED_ALL | RL_SENS_NEED_TOP)) != 0;
  out->acceptable = 0;
  for (guint x = 0; x < set->n; x++)
    {
      w->acc[x] = row_acceptable (w->work, w->u + (gsize) x * P);
      out->acceptable += w->acc[x];
      if (!need_count && w->acc[x])
        break;
    }
  out->zone = out->acceptable > 0;
  gint t = set->tstar;
  out->t_acceptable = t >= 0 && w->acc[t];
  if (!(need & (RL_SENS_NEED_TOP | RL_SENS_NEED_ALL)))
    return;
  if (!(need & RL_SENS_NEED_ALL) && !out->t_acceptable)
    return;
  gint first = first_position (set, w);
  out->t_first = first >= 0 && first == t;
  if (first >= 0)
    {
      out->has_first = TRUE;
      out->first_index = set->index[first];
      memcpy (w->first, set->packages + (gsize) first * set->n_issues, set->n_issues);
    }
  if ((need & RL_SENS_NEED_ALL) && out->t_acceptable)
    out->t_pareto = !dominated (set, w, (guint) t);
}

/* ---- is t* still first? (above RL_SENS_FAST_MAX) ---------------------------------- */

/* The margins ask only whether t* is still first, not which package is:
 * a branch and bound whose bound is t*'s own score s*. A subtree whose
 * score bound cannot reach s* holds no rival and is pruned, which at most
 * grid points is nearly every subtree; the search stops at the first
 * package that beats s* by more than the tie tolerance. Packages within
 * reach of s* are kept: the first group is anchored on the highest score
 * M (scenario.md section 6), which lies within a tolerance of s* when
 * nothing beats it, and every package that can tie with M is within
 * reach of s*. Among those, t* is first when it is the smallest index
 * tying with M, exactly as first_position() decides over the whole set. */
typedef struct {
  RlScenario *sc;
  const RlRank *rank;
  double s_star;
  double *u;
  GArray *scores;     /* double, the packages within reach */
  GByteArray *pkgs;   /* n_issues bytes each, the same order */
  gboolean beaten;
} Rivals;

static gpointer
rivals_worker_new (gpointer data)
{
  return data;
}

static gboolean
rivals_prune (gpointer worker, guint depth, const double *ub, const double *lb)
{
  Rivals *r = worker;
  (void) depth;
  (void) lb;
  return rl_score_out_of_reach (r->s_star, rl_score_bound (r->sc, r->rank, ub, NULL));
}

static gboolean
rivals_leaf (gpointer worker, const guint8 *package, const double *search_u)
{
  Rivals *r = worker;
  (void) search_u;
  /* Scores from the canonical sums, as the ranking orders them. */
  rl_canonical_utilities (r->sc, package, r->u);
  double s = rl_score_value (r->sc, r->rank, r->u, NULL);
  if (s > r->s_star && !rl_scores_tie (r->rank->kind, s, r->s_star))
    {
      r->beaten = TRUE;
      return FALSE;
    }
  if (!rl_score_out_of_reach (r->s_star, s))
    {
      g_array_append_val (r->scores, s);
      g_byte_array_append (r->pkgs, package, r->sc->n_issues);
    }
  return TRUE;
}

/* Whether the acceptable package @t (t* in @work) is first by a rank
 * that needs no ideals. FALSE in *settled when the deadline stopped it. */
static gboolean
t_still_first (const RlSensSet *set, RlScenario *work, const guint8 *t, gboolean *settled)
{
  const guint ni = set->n_issues;
  g_autofree double *u = g_new (double, set->n_parties + 1);
  rl_canonical_utilities (work, t, u);
  Rivals r = {
    .sc = work, .rank = &set->rank, .u = u,
    .s_star = rl_score_value (work, &set->rank, u, NULL),
    .scores = g_array_new (FALSE, FALSE, sizeof (double)),
    .pkgs = g_byte_array_new (),
  };
  RlProblem *pb = rl_problem_new_batna (work, FALSE);
  RlRun run = rl_run_init (NULL, set->deadline);
  run.n_threads = 1;
  RlVisitor visitor = {
    .worker_new = rivals_worker_new, .leaf = rivals_leaf, .prune = rivals_prune,
  };
  gboolean timed_out = FALSE;
  if (!rl_problem_is_empty (pb))
    rl_problem_visit (pb, &run, &visitor, &r, &timed_out);
  rl_problem_free (pb);
  gboolean first = FALSE;
  if (timed_out && !r.beaten)
    *settled = FALSE;
  else if (!r.beaten)
    {
      /* t* is acceptable, so it is among the packages within reach. */
      double top = r.s_star;
      for (guint i = 0; i < r.scores->len; i++)
        top = MAX (top, g_array_index (r.scores, double, i));
      /* Nothing beat s*, so the top ties with it and t* is in the first
       * group: first unless a smaller index is in it too. */
      first = TRUE;
      for (guint i = 0; i < r.scores->len && first; i++)
        if (rl_scores_tie (set->rank.kind, g_array_index (r.scores, double, i), top)
            && memcmp (r.pkgs->data + (gsize) i * ni, t, ni) < 0)
          first = FALSE;
    }
  g_array_unref (r.scores);
  g_byte_array_unref (r.pkgs);
  return first;
}

/* Above RL_SENS_FAST_MAX: ask the search, one question at a time. While
 * t* is acceptable the zone is open; otherwise one witness answers
 * `zone`; `top` asks whether anything outranks t* (t_still_first), or
 * for kalai, whose ideals move with the acceptable set, for the first
 * package alone (--only-top). */
static void
evaluate_search (const RlSensSet *set, RlSensWorker *w, RlSensNeed need, RlSensOutcome *out)
{
  RlSolveOptions so;
  rl_solve_options_init (&so);
  so.rank = set->rank;
  so.top = 1;
  so.run.n_threads = 1;
  so.run.cancel = set->deadline.cancel;
  if (set->deadline.at != 0)
    so.run.timeout = MAX (1e-3, (set->deadline.at - g_get_monotonic_time ()) / 1e6);
  if (!(need & RL_SENS_NEED_ALL))
    so.flags |= RL_SOLVE_ONLY_TOP;
  const guint8 *t = set->tstar_options;
  out->t_acceptable = t != NULL && rl_scenario_is_acceptable (w->work, t, FALSE);
  if (!(need & RL_SENS_NEED_ALL))
    {
      if (out->t_acceptable)
        out->zone = TRUE;
      else if (need & RL_SENS_NEED_ZONE)
        {
          RlProblem *pb = rl_problem_new_batna (w->work, FALSE);
          gboolean timed_out = FALSE;
          out->zone = !rl_problem_is_empty (pb)
                      && rl_problem_find_one_until (pb, set->deadline, w->first, &timed_out);
          rl_problem_free (pb);
          if (timed_out)
            out->settled = FALSE;
        }
      if (!(need & RL_SENS_NEED_TOP) || !out->t_acceptable)
        return;
      if (!rl_score_needs_ideal (&set->rank))
        {
          out->t_first = t_still_first (set, w->work, t, &out->settled);
          return;
        }
    }
  /* The Monte Carlo: the count by the engine's counting search, the first
   * package by --only-top, t*'s pareto flag by a dominator search. */
  if (need & RL_SENS_NEED_ALL)
    {
      RlProblem *pb = rl_problem_new_batna (w->work, FALSE);
      RlRun run = rl_run_init (NULL, set->deadline);
      run.n_threads = 1;
      gboolean timed_out = FALSE;
      guint64 count = 0;
      if (!rl_problem_is_empty (pb))
        rl_problem_count (pb, &run, &count, &timed_out);
      rl_problem_free (pb);
      if (timed_out)
        {
          out->settled = FALSE;
          return;
        }
      out->acceptable = count;
      if (count == 0)
        return;
      so.flags |= RL_SOLVE_ONLY_TOP;
    }
  g_autoptr (RlResult) res = rl_solve (w->work, &so, NULL);
  if (res == NULL || !rl_result_is_complete (res))
    {
      out->settled = FALSE;
      return;
    }
  out->zone = rl_result_get_n_top (res) > 0;
  if (!out->zone)
    return;
  const RlPackage *first = rl_result_get_top (res, 0);
  out->has_first = TRUE;
  out->first_index = first->index;
  memcpy (w->first, first->options, set->n_issues);
  out->t_first = t != NULL && memcmp (first->options, t, set->n_issues) == 0;
  if ((need & RL_SENS_NEED_ALL) && out->t_acceptable)
    {
      g_autofree double *u = g_new (double, set->n_parties + 1);
      rl_canonical_utilities (w->work, t, u);
      gboolean timed_out = FALSE;
      out->t_pareto = !rl_find_dominator (w->work, FALSE, u, set->deadline, &timed_out);
      if (timed_out)
        out->settled = FALSE;
    }
}

void
rl_sens_evaluate (const RlSensSet *set, RlSensWorker *w, gint changed, RlSensNeed need,
                  RlSensOutcome *out)
{
  memset (out, 0, sizeof *out);
  out->settled = TRUE;
  if (set->fast)
    evaluate_fast (set, w, changed, need, out);
  else
    evaluate_search (set, w, need, out);
}
