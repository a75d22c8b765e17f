/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * engine.h: the depth-first search every command is a client of.
 *
 * An RlProblem is a scenario compiled for one question: which rules must
 * hold (any mix of constraints, red lines, extra rules) and which parties
 * must reach which utility (thresholds: a BATNA, an aspiration, a point to
 * dominate). The search walks issues in an order chosen to decide rules
 * early, turns single-issue rules into domain restrictions, rejects a
 * branch as soon as a rule is false or a party's best reachable utility is
 * below its threshold, and either counts the survivors (multiplying out
 * whole subtrees once nothing is left to decide) or hands each surviving
 * package to a visitor. It never materialises the package space: memory is
 * the depth times the parties, per thread.
 *
 * Utilities inside the search are summed in search order, so they may
 * differ from rl_scenario_utility() in the last bits; every decision takes
 * scenario.md's 1e-9 tolerance, far above that. The search order is fixed
 * for a problem, so results never depend on the thread count.
 *
 * Ownership: rl_problem_new() returns a new problem that borrows nothing
 * but a reference to the scenario; free it with rl_problem_free(). It is
 * read-only during a search and may be shared by threads.
 */
#pragma once

#include <redline/scenario.h>

#include "engine/run.h"

G_BEGIN_DECLS

typedef struct _RlProblem RlProblem;

/* RL_BOUND_SLACK: the prune hook's bounds are widened by this much, since
 * they are summed in another order than any leaf: every leaf below lies
 * within [lb, ub]. A hook that must not prune ties (best value so far
 * equal to the bound) compares against ub - RL_BOUND_SLACK. */
#define RL_BOUND_SLACK 1e-12

/**
 * RlProblemRules: which of the scenario's rules a problem enforces.
 * @RL_RULES_CONSTRAINTS: the `constraints`
 * @RL_RULES_RED_LINES: every red line of every veto party
 */
typedef enum {
  RL_RULES_NONE = 0,
  RL_RULES_CONSTRAINTS = 1 << 0,
  RL_RULES_RED_LINES = 1 << 1,
} RlProblemRules;

/**
 * rl_problem_new:
 * @which: the scenario's rules to enforce
 * @extra: (array length=n_extra) (nullable): more rules that must hold
 *   (borrowed; they must outlive the problem)
 * @thresholds: (array) (nullable): per party (file order), the utility it
 *   must reach (u >= t - 1e-9); -INFINITY for none. %NULL: none at all.
 *
 * Returns: (transfer full): the problem.
 */
RlProblem *rl_problem_new (RlScenario *sc, RlProblemRules which,
                           const RlRule *const *extra, guint n_extra,
                           const double *thresholds);

/**
 * rl_problem_new_batna:
 * The usual question: constraints, veto red lines, and (unless
 * @ignore_batna) every veto party at or above its BATNA.
 */
RlProblem *rl_problem_new_batna (RlScenario *sc, gboolean ignore_batna);

void rl_problem_free (RlProblem *pb);

RlScenario *rl_problem_get_scenario (const RlProblem *pb);

/** rl_problem_is_empty: a rule is false whatever the package (so nothing survives). */
gboolean rl_problem_is_empty (const RlProblem *pb);

/**
 * RlVisitor: what a search does with what survives. Every hook is optional
 * and runs in a worker thread, on that worker's own state.
 *
 * @worker_new: per-thread state, from the caller's @user_data
 * @leaf: a surviving package (@package in file order, @u every party's
 *   utility, search-order sums); return %FALSE to stop the whole search
 * @prune: at an inner node at @depth (how many issues are set), with @ub
 *   and @lb every party's best and worst reachable utility; return %TRUE
 *   to skip the subtree (branch and bound)
 * @worker_done: fold a worker's state into the caller's; called with the
 *   caller's lock held, once per worker, in no particular order: results
 *   must not depend on it
 * @pack: (optional) the caller's state, once every worker is done, as
 *   bytes for the other MPI ranks (transfer full)
 * @unpack: (optional) fold another rank's packed state into the caller's,
 *   as @worker_done does; called for every other rank, in rank order.
 *   Only a visitor with both is spread over the ranks (RlRun.distribute).
 */
typedef struct {
  gpointer (*worker_new) (gpointer user_data);
  gboolean (*leaf) (gpointer worker, const guint8 *package, const double *u);
  gboolean (*prune) (gpointer worker, guint depth, const double *ub, const double *lb);
  void (*worker_done) (gpointer user_data, gpointer worker);
  GBytes *(*pack) (gpointer user_data);
  void (*unpack) (gpointer user_data, GBytes *bytes);
  gboolean skip_covered;
} RlVisitor;

/* @skip_covered: the visitor only needs the packages that no sibling
 * covers: near the leaves, where nothing but utilities is left to decide,
 * the search may then skip a package when another completion of the same
 * node is at least as good for every party and better by more than 2e-9
 * for one (that one is visited, and dominates it). Right for the Pareto
 * frontier, ideals and dominator searches; wrong for ranked lists (ties
 * go by index) and anything that lists or counts every package. */


/**
 * rl_problem_count:
 * @count: (out): how many packages satisfy the problem
 * @timed_out: (out) (optional): set when the deadline stopped the count;
 *   @count is then a lower bound
 *
 * Counts without visiting: subtrees in which nothing is left to decide are
 * multiplied out. The space must fit in 63 bits. With @run's distribute,
 * spread over the MPI ranks, every rank getting the whole count.
 *
 * Returns: %FALSE when stopped by the deadline.
 */
gboolean rl_problem_count (const RlProblem *pb, const RlRun *run, guint64 *count,
                           gboolean *timed_out);

/**
 * rl_problem_visit:
 * Hands every surviving package to @visitor (unless pruned by it).
 *
 * Returns: %FALSE when stopped (by the deadline, or by a leaf hook).
 */
gboolean rl_problem_visit (const RlProblem *pb, const RlRun *run,
                           const RlVisitor *visitor, gpointer user_data,
                           gboolean *timed_out);

/**
 * rl_problem_collect_indices:
 * @sc: the scenario @pb searches (for the indices)
 * @timed_out: (inout): set when the deadline stopped the search; the list
 *   then holds what was visited before
 *
 * The index of every surviving package, visited with @run's threads.
 *
 * Returns: (transfer full): a GArray of guint64, in increasing order.
 */
GArray *rl_problem_collect_indices (const RlProblem *pb, const RlScenario *sc, const RlRun *run,
                                    gboolean *timed_out);

/**
 * rl_problem_find_one:
 * @package: (out caller-allocates): n_issues bytes, the first surviving
 *   package in search order when one exists
 *
 * Returns: whether any package survives. Single-threaded depth-first with
 *   early exit: the quick test that explain makes thousands of times.
 */
gboolean rl_problem_find_one (const RlProblem *pb, guint8 *package);

/**
 * rl_problem_find_one_until:
 * rl_problem_find_one() that gives up when @deadline passes.
 * @timed_out: (out) (optional): set when it gave up before finding one:
 *   the answer "none" is then unknown, not proven
 */
gboolean rl_problem_find_one_until (const RlProblem *pb, RlDeadline deadline, guint8 *package,
                                    gboolean *timed_out);

/** rl_problem_get_nodes: inner nodes visited so far by every search of @pb. */
guint64 rl_problem_get_nodes (const RlProblem *pb);

G_END_DECLS
