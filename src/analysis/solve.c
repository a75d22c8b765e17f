/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * solve.c: rl_solve() and rl_solve_each(): the passes of a solve over
 * the engine.
 *
 *   1. feasible and compatible counts (counting searches, subtrees
 *      multiplied out once every rule is decided);
 *   2. the main pass over the acceptable packages: their count, every
 *      party's ideal, the Pareto archive, and the top K when the score
 *      does not need the ideals;
 *   3. for kalai, a branch-and-bound pass for the top K once the ideals
 *      are known.
 * With RL_SOLVE_ONLY_TOP, passes 1 and 2 give way to branch and bound for
 * the ideals and the top K, and each listed package's pareto flag comes
 * from a search for a package that dominates it.
 */
#include <math.h>
#include <string.h>

#include <redline/error.h>
#include <redline/simulate.h>
#include "engine/dominator.h"
#include "analysis/decided.h"
#include "analysis/durability.h"
#include "engine/engine.h"
#include "engine/frontier.h"
#include "engine/maximum.h"
#include "engine/package.h"
#include "model/scenario-internals.h"
#include "engine/score.h"
#include "engine/topk.h"

struct _RlResult {
  RlScenario *sc;
  RlSolveOptions opts;
  gboolean complete;
  gboolean has_counts;
  RlCounts counts;
  gboolean has_ideal;
  gboolean ideal_hidden;
  double *ideal;
  GArray *top;          /* RlPackage */
  GArray *frontier;     /* RlPackage */
  int *decided[2];      /* compatible, acceptable; NULL when empty or not computed */
  guint64 nodes;
};

void
rl_solve_options_init (RlSolveOptions *opts)
{
  memset (opts, 0, sizeof *opts);
  opts->rank = (RlRank){ RL_SCORE_NASH, 0 };
  opts->top = 10;
}

static void
package_array_free (GArray *array)
{
  if (array == NULL)
    return;
  for (guint i = 0; i < array->len; i++)
    rl_package_clear (&g_array_index (array, RlPackage, i));
  g_array_unref (array);
}

void
rl_result_free (RlResult *res)
{
  if (res == NULL)
    return;
  rl_scenario_unref (res->sc);
  g_free (res->ideal);
  package_array_free (res->top);
  package_array_free (res->frontier);
  g_free (res->decided[0]);
  g_free (res->decided[1]);
  g_free (res);
}

RlScenario *rl_result_get_scenario (const RlResult *res) { return res->sc; }
const RlSolveOptions *rl_result_get_options (const RlResult *res) { return &res->opts; }
gboolean rl_result_is_complete (const RlResult *res) { return res->complete; }

const int *
rl_result_get_decided (const RlResult *res, gboolean acceptable)
{
  g_return_val_if_fail (res != NULL, NULL);
  return res->decided[acceptable ? 1 : 0];
}

/* cli.md's `decided`, for the compatible set and the acceptable one (the
 * BATNAs as thresholds, unless ignored). */
static void
find_decided (RlResult *res, RlDeadline deadline, gboolean *timed_out)
{
  RlScenario *sc = res->sc;
  gboolean ignore_batna = (res->opts.flags & RL_SOLVE_IGNORE_BATNA) != 0;
  g_autofree double *thr = g_new (double, sc->n_parties + 1);
  for (guint p = 0; p < sc->n_parties; p++)
    thr[p] = (!ignore_batna && sc->parties[p].veto) ? sc->parties[p].batna : -INFINITY;
  const guint64 n_in[2] = { res->counts.compatible, res->counts.acceptable };
  for (guint k = 0; k < 2 && !*timed_out; k++)
    {
      if (n_in[k] == 0)
        continue;
      int *decided = g_new0 (int, sc->n_issues + 1);
      if (rl_decided_find (sc, RL_RULES_CONSTRAINTS | RL_RULES_RED_LINES, k == 1 ? thr : NULL,
                           deadline, decided, timed_out))
        res->decided[k] = decided;
      else
        g_free (decided);
    }
}
guint64 rl_result_get_nodes (const RlResult *res) { return res->nodes; }
guint rl_result_get_n_top (const RlResult *res) { return res->top->len; }
guint rl_result_get_n_frontier (const RlResult *res) { return res->frontier->len; }

gboolean
rl_result_get_counts (const RlResult *res, RlCounts *counts)
{
  if (counts)
    *counts = res->counts;
  return res->has_counts;
}

gboolean
rl_result_get_ideal (const RlResult *res, guint p, double *ideal)
{
  g_return_val_if_fail (p < res->sc->n_parties, FALSE);
  if (!res->has_ideal || res->ideal_hidden)
    return FALSE;
  if (ideal)
    *ideal = res->ideal[p];
  return TRUE;
}

const RlPackage *
rl_result_get_top (const RlResult *res, guint i)
{
  g_return_val_if_fail (i < res->top->len, NULL);
  return &g_array_index (res->top, RlPackage, i);
}

const RlPackage *
rl_result_get_frontier (const RlResult *res, guint i)
{
  g_return_val_if_fail (i < res->frontier->len, NULL);
  return &g_array_index (res->frontier, RlPackage, i);
}

/* ---- the main pass --------------------------------------------------------------- */

/* Candidates one worker found, for the others to prune with: an
 * append-only list that each worker reads from its own cursor. Without
 * it, each thread would prune with its own finds alone and the two would
 * do much of the same work. */
typedef struct {
  GMutex lock;
  GArray *u;                   /* doubles, n_parties per point */
  gint n;                      /* atomic: points published */
} SharedFinds;

/* What the main pass and the kalai pass share: one per worker, folded into
 * the solve's own at the end. */
typedef struct {
  RlScenario *sc;
  const RlSolveOptions *opts;
  gboolean want_archive;
  gboolean want_ideal;
  gboolean want_top;
  const double *ideal;         /* known ideals, for scores that need them */
  guint64 count;
  double *ideal_seen;          /* running maximum per party */
  guint8 *ideal_pkg;           /* per party: a package with that maximum */
  RlArchive *archive;
  RlTopK *topk;
  double *u;                   /* scratch: canonical utilities */
  double *cover;               /* per depth: the last point that covered a node */
  gboolean *has_cover;
  SharedFinds *finds;          /* nullable; shared by the workers */
  gint cursor;                 /* how many of @finds this worker has read */
  guint since_import;
} Pass;

static void
publish (SharedFinds *finds, const double *u, guint np)
{
  g_mutex_lock (&finds->lock);
  g_array_append_vals (finds->u, u, np);
  g_atomic_int_set (&finds->n, (gint) (finds->u->len / np));
  g_mutex_unlock (&finds->lock);
}

static void
import_finds (Pass *ps)
{
  SharedFinds *finds = ps->finds;
  guint np = ps->sc->n_parties;
  if (g_atomic_int_get (&finds->n) <= ps->cursor)
    return;
  g_mutex_lock (&finds->lock);
  gint n = (gint) (finds->u->len / np);
  g_autofree double *copy = g_memdup2 (&g_array_index (finds->u, double, (gsize) ps->cursor * np),
                                       (gsize) (n - ps->cursor) * np * sizeof (double));
  g_mutex_unlock (&finds->lock);
  for (gint k = 0; k < n - ps->cursor; k++)
    rl_archive_insert_foreign (ps->archive, &copy[(gsize) k * np]);
  ps->cursor = n;
}

static Pass *
pass_new (const Pass *proto)
{
  Pass *ps = g_new0 (Pass, 1);
  *ps = *proto;
  guint np = proto->sc->n_parties, ni = proto->sc->n_issues;
  ps->count = 0;
  ps->ideal_seen = g_new (double, np + 1);
  for (guint p = 0; p < np; p++)
    ps->ideal_seen[p] = -INFINITY;
  ps->ideal_pkg = g_new0 (guint8, (gsize) np * ni + 1);
  ps->archive = proto->want_archive ? rl_archive_new (np, ni) : NULL;
  ps->topk = proto->want_top ? rl_topk_new (proto->opts->rank.kind, proto->opts->top, ni,
                                            np * sizeof (double))
                             : NULL;
  ps->u = g_new0 (double, np + 1);
  ps->cover = g_new0 (double, (gsize) (ni + 1) * np + 1);
  ps->has_cover = g_new0 (gboolean, ni + 1);
  return ps;
}

static void
pass_free (Pass *ps)
{
  g_free (ps->ideal_seen);
  g_free (ps->ideal_pkg);
  rl_archive_free (ps->archive);
  rl_topk_free (ps->topk);
  g_free (ps->u);
  g_free (ps->cover);
  g_free (ps->has_cover);
  g_free (ps);
}

static gpointer
pass_worker_new (gpointer data)
{
  return pass_new (data);
}

static gboolean
pass_leaf (gpointer worker, const guint8 *package, const double *search_u)
{
  Pass *ps = worker;
  RlScenario *sc = ps->sc;
  ps->count++;
  /* The frontier and the ideals take the search's own sums: they differ
   * from the canonical ones in the last bits, far below every tolerance,
   * and computing the canonical sums of millions of leaves cost more than
   * the archive. What prints is recomputed: the frontier's packages when
   * listed, and each ideal from the package that reached it. */
  if (ps->want_ideal)
    for (guint p = 0; p < sc->n_parties; p++)
      if (search_u[p] > ps->ideal_seen[p]
          || (search_u[p] == ps->ideal_seen[p]
              && memcmp (package, &ps->ideal_pkg[(gsize) p * sc->n_issues], sc->n_issues) < 0))
        {
          ps->ideal_seen[p] = search_u[p];
          memcpy (&ps->ideal_pkg[(gsize) p * sc->n_issues], package, sc->n_issues);
        }
  if (ps->archive && rl_archive_insert (ps->archive, search_u, package) && ps->finds)
    publish (ps->finds, search_u, sc->n_parties);
  if (ps->topk)
    {
      /* Ranked lists order by exact scores: the canonical utilities. */
      rl_canonical_utilities (sc, package, ps->u);
      rl_topk_offer (ps->topk, rl_score_value (sc, &ps->opts->rank, ps->u, ps->ideal), package, ps->u);
    }
  return TRUE;
}

/* Branch and bound for the ranked list (only when nothing else needs every
 * package). */
static gboolean
pass_prune (gpointer worker, guint depth, const double *ub, const double *lb)
{
  Pass *ps = worker;
  (void) lb;
  (void) depth;
  return rl_topk_prunes (ps->topk, rl_score_bound (ps->sc, &ps->opts->rank, ub, ps->ideal));
}

/* Dominance pruning: a subtree whose best utilities a kept point covers
 * holds only dominated packages, all represented by that point, none
 * better for any party than it (so the ideals are safe too). Siblings are
 * often covered by the same point: try the last one at this depth first. */
static gboolean
pareto_prune (gpointer worker, guint depth, const double *ub, const double *lb)
{
  Pass *ps = worker;
  guint np = ps->sc->n_parties;
  double *cached = &ps->cover[(gsize) depth * np];
  (void) lb;
  if (ps->finds && ++ps->since_import >= 256)
    {
      ps->since_import = 0;
      import_finds (ps);
    }
  if (ps->has_cover[depth] && rl_point_covers (cached, ub, np))
    return TRUE;
  if (rl_archive_find_cover (ps->archive, ub, cached))
    {
      ps->has_cover[depth] = TRUE;
      return TRUE;
    }
  return FALSE;
}

static void
pass_worker_done (gpointer data, gpointer worker)
{
  Pass *into = data, *from = worker;
  guint ni = into->sc->n_issues;
  into->count += from->count;
  /* The largest value, and of equal ones the smallest package: the same
   * whatever the order in which workers finish. */
  for (guint p = 0; p < into->sc->n_parties; p++)
    if (from->ideal_seen[p] > into->ideal_seen[p]
        || (from->ideal_seen[p] == into->ideal_seen[p] && isfinite (from->ideal_seen[p])
            && memcmp (&from->ideal_pkg[(gsize) p * ni], &into->ideal_pkg[(gsize) p * ni], ni) < 0))
      {
        into->ideal_seen[p] = from->ideal_seen[p];
        memcpy (&into->ideal_pkg[(gsize) p * ni], &from->ideal_pkg[(gsize) p * ni], ni);
      }
  if (into->archive)
    rl_archive_merge (into->archive, from->archive);
  if (into->topk)
    rl_topk_merge (into->topk, from->topk);
  pass_free (from);
}

/* For the MPI ranks: a pass's whole state, folded into another rank's
 * pass as a worker's is. */
static GBytes *
pass_pack (gpointer data)
{
  Pass *ps = data;
  guint np = ps->sc->n_parties, ni = ps->sc->n_issues;
  GByteArray *out = g_byte_array_new ();
  g_byte_array_append (out, (const guint8 *) &ps->count, sizeof ps->count);
  g_byte_array_append (out, (const guint8 *) ps->ideal_seen, np * sizeof (double));
  g_byte_array_append (out, ps->ideal_pkg, np * ni);
  if (ps->archive)
    rl_archive_pack (ps->archive, out);
  if (ps->topk)
    rl_topk_pack (ps->topk, out);
  return g_byte_array_free_to_bytes (out);
}

static void
pass_unpack (gpointer data, GBytes *bytes)
{
  Pass *ps = data;
  guint np = ps->sc->n_parties, ni = ps->sc->n_issues;
  gsize size;
  const guint8 *at = g_bytes_get_data (bytes, &size), *end = at + size;
  Pass *other = pass_new (ps);
  g_assert (size >= sizeof other->count + np * sizeof (double) + np * ni);
  memcpy (&other->count, at, sizeof other->count);
  at += sizeof other->count;
  memcpy (other->ideal_seen, at, np * sizeof (double));
  at += np * sizeof (double);
  memcpy (other->ideal_pkg, at, np * ni);
  at += np * ni;
  if (other->archive)
    rl_archive_unpack (other->archive, &at, end);
  if (other->topk)
    rl_topk_unpack (other->topk, &at, end);
  g_assert (at == end);
  pass_worker_done (ps, other);
}

static gboolean
run_pass (const RlProblem *pb, const RlRun *run, Pass *ps, gboolean branch_and_bound,
          gboolean *timed_out)
{
  RlVisitor visitor = {
    .worker_new = pass_worker_new,
    .leaf = pass_leaf,
    .prune = branch_and_bound ? pass_prune : ps->want_archive ? pareto_prune : NULL,
    /* The frontier and the ideals never need a covered package; a ranked
     * list does (ties go by index). */
    .skip_covered = ps->want_archive && !branch_and_bound && !ps->want_top,
    .worker_done = pass_worker_done,
    .pack = pass_pack,
    .unpack = pass_unpack,
  };
  return rl_problem_visit (pb, run, &visitor, ps, timed_out);
}

/* ---- ideals by branch and bound (only-top) --------------------------------------- */

/* Returns whether anything is acceptable; fills @ideal. */
static gboolean
ideals_by_bound (const RlProblem *pb, const RlRun *run, RlScenario *sc, double *ideal,
                 gboolean *timed_out)
{
  /* One search per party: a search for every party's at once could prune
   * only where no party can improve, which is almost nowhere. */
  for (guint p = 0; p < sc->n_parties; p++)
    {
      gboolean stopped = FALSE;
      ideal[p] = rl_problem_max_utility (pb, p, run, &stopped);
      if (stopped)
        {
          *timed_out = TRUE;
          break;
        }
      if (!isfinite (ideal[p]))
        return FALSE;       /* nothing acceptable: the others are the same */
    }
  return sc->n_parties > 0 && isfinite (ideal[0]);
}

/* ---- assembling the result ---------------------------------------------------------- */

static int
compare_package_bytes (gconstpointer key, gconstpointer elem, gpointer data)
{
  return memcmp (key, elem, GPOINTER_TO_UINT (data));
}

static gboolean
in_frontier (const RlArchive *archive, guint n_frontier, const guint8 *package, guint n_issues)
{
  guint lo = 0, hi = n_frontier;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      int c = compare_package_bytes (package, rl_archive_get_package (archive, mid),
                                     GUINT_TO_POINTER (n_issues));
      if (c == 0)
        return TRUE;
      if (c < 0)
        hi = mid;
      else
        lo = mid + 1;
    }
  return FALSE;
}

static void
fill_top (RlResult *res, RlTopK *topk, const RlArchive *archive, guint n_frontier,
          const RlRun *run)
{
  RlScenario *sc = res->sc;
  guint n = rl_topk_finish (topk);
  /* Appends: the durability order is two lists one after the other. */
  for (guint i = 0; i < n && res->top->len < res->opts.top; i++)
    {
      RlPackage pkg;
      rl_package_init (&pkg, sc);
      rl_package_fill (&pkg, sc, rl_topk_get_package (topk, i), TRUE,
                       res->has_ideal ? res->ideal : NULL);
      pkg.rank = res->top->len + 1;
      if (res->opts.rank.kind == RL_SCORE_DURABILITY)
        pkg.durability = rl_durability_value (sc, pkg.options, pkg.utilities);
      if (archive)
        pkg.pareto = in_frontier (archive, n_frontier, pkg.options, sc->n_issues);
      else
        {
          gboolean unknown = FALSE;
          pkg.pareto = !rl_find_dominator (sc, res->opts.flags & RL_SOLVE_IGNORE_BATNA,
                                           pkg.utilities, run ? run->deadline : RL_NO_DEADLINE, &unknown);
          /* A flag the deadline left unproven makes the result partial. */
          if (unknown)
            res->complete = FALSE;
        }
      g_array_append_val (res->top, pkg);
    }
}

static void
fill_frontier (RlResult *res, const RlArchive *archive, guint n_frontier)
{
  for (guint i = 0; i < n_frontier; i++)
    {
      RlPackage pkg;
      rl_package_init (&pkg, res->sc);
      rl_package_fill (&pkg, res->sc, rl_archive_get_package (archive, i), TRUE,
                       res->has_ideal ? res->ideal : NULL);
      pkg.pareto = TRUE;
      g_array_append_val (res->frontier, pkg);
    }
}

/* The ranked list by branch and bound: the ideals must be known when the
 * score needs them. */
static gboolean
top_by_bound (RlResult *res, const RlProblem *pb, const RlRun *run, RlTopK **topk_out,
              gboolean *timed_out)
{
  Pass proto = {
    .sc = res->sc,
    .opts = &res->opts,
    .want_top = TRUE,
    .ideal = res->has_ideal ? res->ideal : NULL,
  };
  Pass *ps = pass_new (&proto);
  gboolean ok = run_pass (pb, run, ps, TRUE, timed_out);
  *topk_out = g_steal_pointer (&ps->topk);
  pass_free (ps);
  return ok;
}

/* The ranked list. Durability (simulate.md) depends on the drift rules,
 * not on utilities alone, so it has no bound: one plain pass, and the
 * packages that never break come first. */
static void
fill_ranked (RlResult *res, const RlProblem *pb, const RlRun *run, const RlArchive *archive,
             guint n_frontier, gboolean *timed_out)
{
  RlTopK *topk = NULL;
  if (res->opts.rank.kind == RL_SCORE_DURABILITY)
    {
      RlTopK *finite = NULL;
      rl_durability_top (pb, run, res->opts.top, &topk, &finite, timed_out);
      fill_top (res, topk, archive, n_frontier, run);
      fill_top (res, finite, archive, n_frontier, run);
      rl_topk_free (finite);
    }
  else
    {
      top_by_bound (res, pb, run, &topk, timed_out);
      fill_top (res, topk, archive, n_frontier, run);
    }
  rl_topk_free (topk);
}

static RlResult *
result_new (RlScenario *sc, const RlSolveOptions *opts)
{
  RlResult *res = g_new0 (RlResult, 1);
  res->sc = rl_scenario_ref (sc);
  if (opts)
    res->opts = *opts;
  else
    rl_solve_options_init (&res->opts);
  res->complete = TRUE;
  res->ideal = g_new0 (double, sc->n_parties + 1);
  res->top = g_array_new (FALSE, TRUE, sizeof (RlPackage));
  res->frontier = g_array_new (FALSE, TRUE, sizeof (RlPackage));
  res->counts.space_fits = rl_scenario_get_space (sc, &res->counts.space);
  res->counts.space_approx = rl_scenario_get_space_approx (sc);
  return res;
}

static gboolean
check_rank (RlScenario *sc, const RlSolveOptions *opts, GError **error)
{
  if (opts->rank.kind == RL_SCORE_UTILITY && opts->rank.party >= sc->n_parties)
    {
      g_set_error (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT,
                   "the rank names no party: position %u, of %u parties", opts->rank.party,
                   sc->n_parties);
      return FALSE;
    }
  return TRUE;
}

static void
solve_only_top (RlResult *res, const RlProblem *pb, RlDeadline deadline)
{
  RlScenario *sc = res->sc;
  gboolean timed_out = FALSE;
  RlRun run = rl_run_init (&res->opts.run, deadline);
  run.n_stages = 2;
  run.distribute = rl_deadline_is_none (deadline);
  gint64 t0 = g_get_monotonic_time ();
  res->has_ideal = ideals_by_bound (pb, &run, sc, res->ideal, &timed_out);
  g_debug ("solve: ideals in %.3f s", (g_get_monotonic_time () - t0) / 1e6);
  if (timed_out)
    {
      /* A partial maximum is no ideal: nothing built on it is printed. */
      res->complete = FALSE;
      res->has_ideal = FALSE;
    }
  if (!res->has_ideal || res->opts.top == 0 || timed_out)
    return;
  run.stage = 2;
  fill_ranked (res, pb, &run, NULL, 0, &timed_out);
  g_debug ("solve: top and pareto flags in %.3f s", (g_get_monotonic_time () - t0) / 1e6);
  if (timed_out)
    res->complete = FALSE;
  /* cli.md: with --only-top, no ideal unless the rank needs it (the
   * packages' kalai scores still use it). */
  res->ideal_hidden = !rl_score_needs_ideal (&res->opts.rank);
}

RlResult *
rl_solve (RlScenario *sc, const RlSolveOptions *opts_in, GError **error)
{
  g_return_val_if_fail (sc != NULL, NULL);
  RlSolveOptions defaults;
  rl_solve_options_init (&defaults);
  const RlSolveOptions *opts = opts_in ? opts_in : &defaults;
  if (!check_rank (sc, opts, error))
    return NULL;
  gboolean only_top = (opts->flags & RL_SOLVE_ONLY_TOP) != 0;
  if (!only_top && !sc->space_fits)
    {
      g_autofree char *about = rl_scenario_format_space (sc, 3);
      g_set_error (error, RL_ERROR, RL_ERROR_TOO_LARGE_TO_COUNT,
                   "the package space (about %s packages) is too large to count exactly", about);
      return NULL;
    }

  RlResult *res = result_new (sc, opts);
  RlDeadline deadline = rl_deadline_from_run (&opts->run);
  gboolean ignore_batna = (opts->flags & RL_SOLVE_IGNORE_BATNA) != 0;
  RlProblem *acceptable = rl_problem_new_batna (sc, ignore_batna);

  if (only_top)
    {
      solve_only_top (res, acceptable, deadline);
      res->nodes = rl_problem_get_nodes (acceptable);
      rl_problem_free (acceptable);
      return res;
    }

  RlRun run = rl_run_init (&opts->run, deadline);
  run.n_stages = opts->top > 0 ? 5 : 4;
  /* Counts and passes over the MPI ranks, when there are several; not
   * with a deadline, which each rank would meet at another point of the
   * searches it makes alone (the decided issues, the frontier's filter),
   * so that they would part ways. */
  run.distribute = rl_deadline_is_none (deadline);
  gboolean timed_out = FALSE;

  /* Counts: three counting searches, subtrees multiplied out as soon as
   * nothing is left to decide in them. */
  RlProblem *feasible = rl_problem_new (sc, RL_RULES_CONSTRAINTS, NULL, 0, NULL);
  RlProblem *compatible = rl_problem_new (sc, RL_RULES_CONSTRAINTS | RL_RULES_RED_LINES, NULL, 0, NULL);
  RlProblem *const counted[3] = { feasible, compatible, acceptable };
  guint64 *const counts[3] = { &res->counts.feasible, &res->counts.compatible, &res->counts.acceptable };
  gint64 t0 = g_get_monotonic_time ();
  for (guint c = 0; c < 3 && !timed_out; c++)
    {
      run.stage = c + 1;
      rl_problem_count (counted[c], &run, counts[c], &timed_out);
      g_debug ("solve: count %u: %" G_GUINT64_FORMAT " in %.3f s, %" G_GUINT64_FORMAT " nodes", c + 1,
               *counts[c], (g_get_monotonic_time () - t0) / 1e6, rl_problem_get_nodes (counted[c]));
      t0 = g_get_monotonic_time ();
    }

  if (!timed_out)
    {
      find_decided (res, deadline, &timed_out);
      g_debug ("solve: decided in %.3f s", (g_get_monotonic_time () - t0) / 1e6);
      t0 = g_get_monotonic_time ();
    }

  /* The frontier and the ideals: every acceptable package not dominated
   * by a whole subtree's worth. */
  SharedFinds finds = { .u = g_array_new (FALSE, FALSE, sizeof (double)) };
  g_mutex_init (&finds.lock);
  Pass proto = { .sc = sc, .opts = opts, .want_archive = TRUE, .want_ideal = TRUE, .finds = &finds };
  Pass *main_pass = pass_new (&proto);
  run.stage = 4;
  if (!timed_out && res->counts.acceptable > 0)
    run_pass (acceptable, &run, main_pass, FALSE, &timed_out);
  res->has_ideal = res->counts.acceptable > 0 && !timed_out;
  for (guint p = 0; p < sc->n_parties; p++)
    res->ideal[p] = res->has_ideal ? rl_scenario_utility (sc, p, &main_pass->ideal_pkg[(gsize) p * sc->n_issues])
                                   : main_pass->ideal_seen[p];
  g_mutex_clear (&finds.lock);
  g_array_unref (finds.u);
  main_pass->finds = NULL;
  g_debug ("solve: frontier pass in %.3f s, %" G_GUINT64_FORMAT " nodes so far",
           (g_get_monotonic_time () - t0) / 1e6, rl_problem_get_nodes (acceptable));
  t0 = g_get_monotonic_time ();
  gboolean filtered = TRUE;
  guint n_frontier = rl_archive_finish (main_pass->archive, deadline, &filtered);
  timed_out = timed_out || !filtered;
  res->counts.pareto = n_frontier;
  res->has_counts = TRUE;
  g_debug ("solve: frontier filter in %.3f s: %u", (g_get_monotonic_time () - t0) / 1e6, n_frontier);
  t0 = g_get_monotonic_time ();

  /* The ranked list: branch and bound on the score. */
  if (opts->top > 0 && res->has_ideal && !timed_out)
    {
      run.stage = 5;
      fill_ranked (res, acceptable, &run, main_pass->archive, n_frontier, &timed_out);
    }
  g_debug ("solve: top %u in %.3f s", opts->top, (g_get_monotonic_time () - t0) / 1e6);
  if (opts->flags & RL_SOLVE_FRONTIER)
    fill_frontier (res, main_pass->archive, n_frontier);
  res->complete = !timed_out;

  pass_free (main_pass);
  res->nodes = rl_problem_get_nodes (feasible) + rl_problem_get_nodes (compatible)
               + rl_problem_get_nodes (acceptable);
  rl_problem_free (feasible);
  rl_problem_free (compatible);
  rl_problem_free (acceptable);
  return res;
}

/* ---- streaming every acceptable package ------------------------------------------- */

typedef struct {
  RlScenario *sc;
  const RlArchive *archive;
  guint n_frontier;
  const double *ideal;
  RlPackageFunc func;
  gpointer user_data;
  guint64 max_packages;
  guint64 sent;
  gboolean stopped;
  RlPackage pkg;
} Stream;

static gpointer
stream_worker_new (gpointer data)
{
  return data;
}

static gboolean
stream_leaf (gpointer worker, const guint8 *package, const double *search_u)
{
  Stream *st = worker;
  (void) search_u;
  if (st->max_packages && st->sent >= st->max_packages)
    {
      st->stopped = TRUE;
      return FALSE;
    }
  rl_package_fill (&st->pkg, st->sc, package, TRUE, st->ideal);
  st->pkg.pareto = in_frontier (st->archive, st->n_frontier, package, st->sc->n_issues);
  st->sent++;
  return st->func (&st->pkg, st->user_data);
}

gboolean
rl_solve_each (RlScenario *sc, const RlSolveOptions *opts_in, guint64 max_packages,
               RlPackageFunc func, gpointer user_data, gboolean *stopped, GError **error)
{
  g_return_val_if_fail (sc != NULL && func != NULL, FALSE);
  RlSolveOptions defaults;
  rl_solve_options_init (&defaults);
  const RlSolveOptions *opts = opts_in ? opts_in : &defaults;
  if (!sc->space_fits)
    {
      g_autofree char *about = rl_scenario_format_space (sc, 3);
      g_set_error (error, RL_ERROR, RL_ERROR_TOO_LARGE,
                   "the package space (about %s packages) is too large to list", about);
      return FALSE;
    }
  RlDeadline deadline = rl_deadline_from_run (&opts->run);
  RlProblem *pb = rl_problem_new_batna (sc, (opts->flags & RL_SOLVE_IGNORE_BATNA) != 0);
  RlRun run = rl_run_init (&opts->run, deadline);
  run.n_stages = 2;
  run.distribute = rl_deadline_is_none (deadline);
  gboolean timed_out = FALSE;

  Pass proto = { .sc = sc, .opts = opts, .want_archive = TRUE, .want_ideal = TRUE };
  Pass *first = pass_new (&proto);
  run_pass (pb, &run, first, FALSE, &timed_out);
  gboolean filtered = TRUE;
  guint n_frontier = rl_archive_finish (first->archive, deadline, &filtered);
  timed_out = timed_out || !filtered;

  /* Each ideal from the package that reached it, as rl_solve does. */
  g_autofree double *ideal = g_new0 (double, sc->n_parties + 1);
  for (guint p = 0; p < sc->n_parties && first->count > 0; p++)
    ideal[p] = rl_scenario_utility (sc, p, &first->ideal_pkg[(gsize) p * sc->n_issues]);
  Stream st = {
    .sc = sc,
    .archive = first->archive,
    .n_frontier = n_frontier,
    .ideal = first->count > 0 ? ideal : NULL,
    .func = func,
    .user_data = user_data,
    .max_packages = max_packages,
  };
  rl_package_init (&st.pkg, sc);
  gboolean complete = !timed_out;
  if (complete)
    {
      RlRun seq = run;
      seq.stage = 2;
      seq.sequential = TRUE;
      RlVisitor visitor = { .worker_new = stream_worker_new, .leaf = stream_leaf };
      complete = rl_problem_visit (pb, &seq, &visitor, &st, &timed_out);
    }
  if (stopped)
    *stopped = timed_out || st.stopped || !complete;
  rl_package_clear (&st.pkg);
  pass_free (first);
  rl_problem_free (pb);
  return TRUE;
}
