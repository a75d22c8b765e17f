/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * explain.c: rl_explain(): the blockers, then four passes over the
 * engine.
 *
 *   1. counts: the feasible and acceptable packages, and per blocker two
 *      counting searches (subtrees multiplied out): the feasible packages
 *      it lets through (excludes = feasible - those) and the packages that
 *      satisfy every other blocker (sole = those - acceptable: a package
 *      that satisfies all the others either satisfies it too, and is
 *      acceptable, or is ruled out by it alone);
 *   2. and 3. when nothing is acceptable, conflicts and relaxations
 *      (explain-sets.c);
 *   4. when a deal exists, each blocker's price: a branch-and-bound search
 *      for the best score without it; otherwise each listed relaxation's
 *      count, best package and pareto flag.
 *
 * The timeout covers everything. Beyond RL_EXPLAIN_EXACT_LIMIT blockers
 * the conflicts may use the time up to 45% of it, the relaxations up to
 * 90%, and the rest is for pass 4.
 */
#include "analysis/explain-private.h"

#include <math.h>
#include <string.h>

#include <redline/error.h>
#include "engine/package.h"
#include "model/scenario-internals.h"
#include "engine/score.h"

struct _RlExplanation {
  RlScenario *sc;
  RlExplainOptions opts;
  gboolean complete;
  RlKnown feasible;
  RlKnown acceptable;
  gboolean has_best;
  gboolean best_known;          /* the search for today's best finished */
  double best_score;         /* as RlPackage holds it (nash: the logarithm) */
  double best_shown;         /* as a price subtracts it (nash: the product) */
  guint n_blockers;
  RlBlocker *blockers;
  RlKnown *excludes;
  RlKnown *sole;
  gboolean *has_price;
  gboolean *price_known;        /* the price's searches finished */
  double *price;
  GPtrArray *conflicts;       /* RlBlockerSet */
  GPtrArray *relaxations;     /* RlBlockerSet */
  guint64 n_tests;
};

void
rl_explain_options_init (RlExplainOptions *opts)
{
  memset (opts, 0, sizeof *opts);
  opts->rank = (RlRank){ RL_SCORE_NASH, 0 };
  opts->max = 10;
  opts->run.timeout = RL_EXPLAIN_DEFAULT_TIMEOUT;
}

void
rl_explanation_free (RlExplanation *ex)
{
  if (ex == NULL)
    return;
  rl_explain_blockers_free (ex->blockers, ex->n_blockers);
  g_free (ex->excludes);
  g_free (ex->sole);
  g_free (ex->has_price);
  g_free (ex->price_known);
  g_free (ex->price);
  g_clear_pointer (&ex->conflicts, g_ptr_array_unref);
  g_clear_pointer (&ex->relaxations, g_ptr_array_unref);
  rl_scenario_unref (ex->sc);
  g_free (ex);
}

/* Progress: four stages (explain.h); within a stage, each search of a
 * series takes its share (RlRun.base, .span). */
#define N_STAGES 4

/* ---- pass 1: counts ----------------------------------------------------------------- */

/* A best score as explain reports it (cli.md: `price` is a difference of
 * scores): the Nash product, not the logarithm that ranks it; beyond a
 * double it saturates, as a difference of two such products would. */
static double
shown_score (RlScoreKind kind, const RlBestSearch *bs)
{
  if (kind != RL_SCORE_NASH)
    return bs->max_score;
  double v;
  rl_nash_shown (bs->max_score, bs->max_product, &v);
  return MIN (v, G_MAXDOUBLE);
}

static gboolean
count_problem (RlProblem *pb, const RlRun *run, RlKnown *count)
{
  gboolean timed_out = FALSE;
  guint64 n = 0;
  rl_problem_count (pb, run, &n, &timed_out);
  rl_problem_free (pb);
  *count = rl_known_count (n, !timed_out);
  return !timed_out;
}

/* Every count starts unknown (rl_explain_with_limit()); a cut search
 * leaves a lower bound, and what depends on it says what it is of the
 * truth (rl_known_difference()). */
static gboolean
count_all (RlExplanation *ex, RlRun *run)
{
  RlScenario *sc = ex->sc;
  guint n = ex->n_blockers;
  g_autofree gboolean *keep = g_new0 (gboolean, n + 1);
  guint steps = 2 * n + 2, step = 0;
  run->stage = 1;
  run->span = 1.0 / steps;

  run->base = (double) step++ / steps;
  if (!count_problem (rl_problem_new (sc, RL_RULES_CONSTRAINTS, NULL, 0, NULL), run, &ex->feasible))
    return FALSE;
  run->base = (double) step++ / steps;
  if (!count_problem (rl_problem_new_batna (sc, FALSE), run, &ex->acceptable))
    return FALSE;
  for (guint b = 0; b < n; b++)
    {
      RlKnown holds, others;
      memset (keep, 0, n * sizeof (gboolean));
      keep[b] = TRUE;
      run->base = (double) step++ / steps;
      rl_run_report_step (run, 0.0);
      gboolean ok = count_problem (rl_blockers_problem (sc, ex->blockers, n, keep), run, &holds);
      ex->excludes[b] = rl_known_difference (ex->feasible, holds);
      if (!ok)
        return FALSE;
      for (guint c = 0; c < n; c++)
        keep[c] = c != b;
      run->base = (double) step++ / steps;
      ok = count_problem (rl_blockers_problem (sc, ex->blockers, n, keep), run, &others);
      ex->sole[b] = rl_known_difference (others, ex->acceptable);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

/* ---- pass 4: prices and relaxations ------------------------------------------------- */

static gboolean
prices (RlExplanation *ex, RlRun *run)
{
  RlScenario *sc = ex->sc;
  guint n = ex->n_blockers;
  g_autofree gboolean *keep = g_new0 (gboolean, n + 1);
  RlBestSearch today;
  run->stage = 4;
  run->span = 1.0 / (n + 1);
  run->base = 0;

  for (guint c = 0; c < n; c++)
    keep[c] = TRUE;
  RlProblem *pb = rl_blockers_problem (sc, ex->blockers, n, keep);
  gboolean ok = rl_explain_best (pb, &ex->opts.rank, FALSE, run, &today);
  rl_problem_free (pb);
  ex->best_known = ok;
  if (!ok || !today.found)
    {
      rl_best_search_clear (&today);
      return ok;
    }
  ex->has_best = TRUE;
  ex->best_score = today.max_score;
  ex->best_shown = shown_score (ex->opts.rank.kind, &today);
  rl_best_search_clear (&today);

  for (guint b = 0; b < n; b++)
    {
      RlBestSearch without;
      for (guint c = 0; c < n; c++)
        keep[c] = c != b;
      run->base = (double) (b + 1) / (n + 1);
      rl_run_report_step (run, 0.0);
      pb = rl_blockers_problem (sc, ex->blockers, n, keep);
      ok = rl_explain_best (pb, &ex->opts.rank, FALSE, run, &without);
      rl_problem_free (pb);
      ex->price_known[b] = ok;
      if (ok && without.found)
        {
          ex->has_price[b] = TRUE;
          ex->price[b] = shown_score (ex->opts.rank.kind, &without) - ex->best_shown;
        }
      rl_best_search_clear (&without);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

/* The best package of each relaxation first (branch and bound, then a
 * search for a dominating package), then the counts, which can cost as
 * much as a solve of the relaxed scenario: when the deadline comes, the
 * packages are there and the counts are lower bounds. */
static gboolean
relaxation_details (RlExplanation *ex, RlRun *run)
{
  RlScenario *sc = ex->sc;
  guint n = ex->n_blockers;
  g_autofree gboolean *keep = g_new0 (gboolean, n + 1);
  guint n_relax = ex->relaxations->len;
  guint steps = 2 * MAX (n_relax, 1);
  run->stage = 4;
  run->span = 1.0 / steps;

  for (guint step = 0; step < 2 * n_relax; step++)
    {
      gboolean counting = step >= n_relax;
      RlBlockerSet *set = g_ptr_array_index (ex->relaxations, step % n_relax);
      for (guint c = 0; c < n; c++)
        keep[c] = TRUE;
      for (guint j = 0; j < set->n; j++)
        keep[set->members[j]] = FALSE;
      run->base = (double) step / steps;
      rl_run_report_step (run, 0.0);

      RlProblem *pb = rl_blockers_problem (sc, ex->blockers, n, keep);
      gboolean ok;
      if (counting)
        {
          gboolean timed_out = FALSE;
          rl_problem_count (pb, run, &set->acceptable, &timed_out);
          ok = !timed_out;
          set->counted = ok;
        }
      else
        {
          RlBestSearch best;
          ok = rl_explain_best (pb, &ex->opts.rank, TRUE, run, &best);
          if (ok && best.found)
            {
              rl_package_init (&set->best, sc);
              set->has_best = TRUE;
              rl_package_fill (&set->best, sc, best.options, TRUE, best.ideal);
              gboolean unknown = FALSE;
              set->best.pareto = !rl_explain_is_dominated (sc, ex->blockers, n, keep,
                                                           set->best.utilities, run->deadline, &unknown);
              /* A flag the deadline left unproven makes the answer partial. */
              ok = !unknown;
            }
          rl_best_search_clear (&best);
        }
      rl_problem_free (pb);
      if (!ok)
        {
          /* Lower bounds: a relaxation opens at least its best package. */
          for (guint r = 0; r < n_relax; r++)
            {
              RlBlockerSet *other = g_ptr_array_index (ex->relaxations, r);
              if (other->has_best)
                other->acceptable = MAX (other->acceptable, 1);
            }
          return FALSE;
        }
    }
  return TRUE;
}

/* ---- rl_explain ------------------------------------------------------------------------ */

static gboolean
check_rank (RlScenario *sc, const RlExplainOptions *opts, GError **error)
{
  if (opts->rank.kind == RL_SCORE_DURABILITY)
    {
      g_set_error (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT,
                   "ranking by durability is not supported yet");
      return FALSE;
    }
  if (opts->rank.kind == RL_SCORE_UTILITY && opts->rank.party >= sc->n_parties)
    {
      g_set_error (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT,
                   "the rank names no party: position %u, of %u parties", opts->rank.party,
                   sc->n_parties);
      return FALSE;
    }
  return TRUE;
}

RlExplanation *
rl_explain_with_limit (RlScenario *sc, const RlExplainOptions *opts_in, guint exact_limit,
                       GError **error)
{
  g_return_val_if_fail (sc != NULL, NULL);
  RlExplainOptions defaults;
  rl_explain_options_init (&defaults);
  const RlExplainOptions *opts = opts_in ? opts_in : &defaults;
  if (!check_rank (sc, opts, error))
    return NULL;
  if (!sc->space_fits)
    {
      g_set_error (error, RL_ERROR, RL_ERROR_TOO_LARGE,
                   "the package space (about %.3g packages) is too large to count exactly",
                   sc->space_approx);
      return NULL;
    }

  RlExplanation *ex = g_new0 (RlExplanation, 1);
  ex->sc = rl_scenario_ref (sc);
  ex->opts = *opts;
  ex->complete = TRUE;
  ex->blockers = rl_explain_blockers_new (sc, &ex->n_blockers);
  guint n = ex->n_blockers;
  ex->feasible = ex->acceptable = rl_known_unknown ();
  ex->excludes = g_new (RlKnown, n + 1);
  ex->sole = g_new (RlKnown, n + 1);
  for (guint b = 0; b <= n; b++)
    ex->excludes[b] = ex->sole[b] = rl_known_unknown ();
  ex->has_price = g_new0 (gboolean, n + 1);
  ex->price_known = g_new0 (gboolean, n + 1);
  ex->price = g_new0 (double, n + 1);
  ex->conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) rl_blocker_set_free);
  ex->relaxations = g_ptr_array_new_with_free_func ((GDestroyNotify) rl_blocker_set_free);

  RlDeadline deadline = rl_deadline_from_run (&opts->run);
  RlRun run = rl_run_init (&opts->run, deadline);
  run.n_stages = N_STAGES;

  gint64 t0 = g_get_monotonic_time ();
  /* The counts over the MPI ranks, when there are several: nothing before
   * them differs between ranks, and a deadline stops them on every rank
   * alike (a stop anywhere is a stop everywhere), so the ranks agree on
   * all that follows, which each does alone. Not with a cancel flag
   * (serve's), which one process alone would raise. */
  run.distribute = deadline.cancel == NULL;
  gboolean counted = count_all (ex, &run);
  run.distribute = FALSE;
  g_debug ("explain: %u blockers counted in %.3f s", n, (g_get_monotonic_time () - t0) / 1e6);
  if (!counted)
    {
      ex->complete = FALSE;
      return ex;
    }

  if (ex->feasible.value == 0)
    {
      /* The constraints alone conflict (cli.md). */
      if (opts->max > 0)
        g_ptr_array_add (ex->conflicts, g_new0 (RlBlockerSet, 1));
      return ex;
    }
  if (ex->acceptable.value > 0)
    {
      ex->complete = prices (ex, &run);
      return ex;
    }

  RlSetsJob job = {
    .sc = sc,
    .blockers = ex->blockers,
    .n = n,
    .max_conflicts = opts->max,
    .max_relaxations = opts->max,
    .exact_limit = exact_limit,
    .progress = opts->run.progress,
    .progress_data = opts->run.progress_data,
  };
  if (n <= exact_limit)
    job.conflicts_until = job.relaxations_until = rl_deadline_share (deadline, 0.9);
  else
    {
      job.conflicts_until = rl_deadline_share (deadline, 0.45);
      job.relaxations_until = rl_deadline_share (deadline, 0.9);
    }
  RlSetsResult sets;
  t0 = g_get_monotonic_time ();
  rl_explain_sets (&job, &sets);
  g_debug ("explain: %u conflicts, %u relaxations%s in %.3f s, %" G_GUINT64_FORMAT " tests",
           sets.conflicts->len, sets.relaxations->len, sets.complete ? "" : " (incomplete)",
           (g_get_monotonic_time () - t0) / 1e6, sets.n_tests);
  g_ptr_array_unref (ex->conflicts);
  g_ptr_array_unref (ex->relaxations);
  ex->conflicts = sets.conflicts;
  ex->relaxations = sets.relaxations;
  ex->n_tests = sets.n_tests;
  ex->complete = sets.complete;
  if (!relaxation_details (ex, &run))
    ex->complete = FALSE;
  return ex;
}

RlExplanation *
rl_explain (RlScenario *sc, const RlExplainOptions *opts, GError **error)
{
  return rl_explain_with_limit (sc, opts, RL_EXPLAIN_EXACT_LIMIT, error);
}

/* ---- getters ------------------------------------------------------------------------------ */

RlScenario *rl_explanation_get_scenario (const RlExplanation *ex) { return ex->sc; }
const RlExplainOptions *rl_explanation_get_options (const RlExplanation *ex) { return &ex->opts; }
gboolean rl_explanation_is_complete (const RlExplanation *ex) { return ex->complete; }
RlKnown rl_explanation_get_feasible (const RlExplanation *ex) { return ex->feasible; }
RlKnown rl_explanation_get_acceptable (const RlExplanation *ex) { return ex->acceptable; }
guint rl_explanation_get_n_blockers (const RlExplanation *ex) { return ex->n_blockers; }
guint rl_explanation_get_n_conflicts (const RlExplanation *ex) { return ex->conflicts->len; }
guint rl_explanation_get_n_relaxations (const RlExplanation *ex) { return ex->relaxations->len; }
guint64 rl_explanation_get_n_tests (const RlExplanation *ex) { return ex->n_tests; }

gboolean
rl_explanation_get_best_score (const RlExplanation *ex, double *score)
{
  if (ex->has_best && score)
    *score = ex->best_score;
  return ex->has_best;
}

const char *
rl_explanation_get_blocker_id (const RlExplanation *ex, guint b)
{
  g_return_val_if_fail (b < ex->n_blockers, NULL);
  return ex->blockers[b].id;
}

guint
rl_explanation_get_blocker_party (const RlExplanation *ex, guint b)
{
  g_return_val_if_fail (b < ex->n_blockers, 0);
  return ex->blockers[b].party;
}

RlBlockerKind
rl_explanation_get_blocker_kind (const RlExplanation *ex, guint b)
{
  g_return_val_if_fail (b < ex->n_blockers, RL_BLOCKER_RED_LINE);
  return ex->blockers[b].kind;
}

const RlNamedRule *
rl_explanation_get_blocker_rule (const RlExplanation *ex, guint b)
{
  g_return_val_if_fail (b < ex->n_blockers, NULL);
  return ex->blockers[b].named;
}

RlKnown
rl_explanation_get_blocker_excludes (const RlExplanation *ex, guint b)
{
  g_return_val_if_fail (b < ex->n_blockers, rl_known_unknown ());
  return ex->excludes[b];
}

RlKnown
rl_explanation_get_blocker_sole (const RlExplanation *ex, guint b)
{
  g_return_val_if_fail (b < ex->n_blockers, rl_known_unknown ());
  return ex->sole[b];
}

gboolean
rl_explanation_get_blocker_price (const RlExplanation *ex, guint b, double *price)
{
  g_return_val_if_fail (b < ex->n_blockers, FALSE);
  if (ex->has_price[b] && price)
    *price = ex->price[b];
  return ex->has_price[b];
}

gboolean
rl_explanation_is_price_known (const RlExplanation *ex, guint b)
{
  g_return_val_if_fail (b < ex->n_blockers, FALSE);
  if (rl_known_is_exact_zero (ex->acceptable))
    return TRUE;
  return ex->best_known && ex->price_known[b];
}

gboolean
rl_explanation_is_best_known (const RlExplanation *ex)
{
  return rl_known_is_exact_zero (ex->acceptable) || ex->best_known;
}

const guint *
rl_explanation_get_conflict (const RlExplanation *ex, guint c, guint *n)
{
  g_return_val_if_fail (c < ex->conflicts->len, NULL);
  const RlBlockerSet *set = g_ptr_array_index (ex->conflicts, c);
  if (n)
    *n = set->n;
  return set->members;
}

const guint *
rl_explanation_get_relaxation (const RlExplanation *ex, guint r, guint *n)
{
  g_return_val_if_fail (r < ex->relaxations->len, NULL);
  const RlBlockerSet *set = g_ptr_array_index (ex->relaxations, r);
  if (n)
    *n = set->n;
  return set->members;
}

RlKnown
rl_explanation_get_relaxation_acceptable (const RlExplanation *ex, guint r)
{
  g_return_val_if_fail (r < ex->relaxations->len, rl_known_unknown ());
  const RlBlockerSet *set = g_ptr_array_index (ex->relaxations, r);
  if (set->counted)
    return rl_known_exact (set->acceptable);
  /* A relaxation opens at least its best package, once that is found. */
  return set->acceptable > 0 ? (RlKnown) { set->acceptable, RL_KNOWN_LOWER } : rl_known_unknown ();
}

const RlPackage *
rl_explanation_get_relaxation_best (const RlExplanation *ex, guint r)
{
  g_return_val_if_fail (r < ex->relaxations->len, NULL);
  const RlBlockerSet *set = g_ptr_array_index (ex->relaxations, r);
  return set->has_best ? &set->best : NULL;
}
