/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * compare.h: what changes between two scenarios A and B, typically a base
 * and a what-if variant of it (cli.md, `compare`).
 *
 * A comparison is two solves and one set difference, nothing more: it
 * solves A and B as rl_solve() does (counts, ideals, the ranked list), then
 * streams the acceptable packages of each (rl_solve_each()) and matches
 * them by their options on the issues A and B share.
 *
 * Shared issues are those with the same id in both; an option matches by
 * its id. Packages are matched only when A and B have the same issues,
 * each with the same options (in any order): then every package of one is
 * exactly one package of the other. For a variant, whose changes never
 * touch an option list, that always holds: a package forbidden in B by a
 * `fix` or `exclude` is "lost". When the issues or options differ, a
 * package of one would stand for many of the other, and counts of
 * "gained" and "lost" would mean nothing: the comparison then holds both
 * solves (counts, ideals, top packages) and no gained or lost packages
 * (rl_comparison_is_matched() is %FALSE and says why). `gained` counts B's
 * acceptable packages that match no acceptable package of A; `lost` counts
 * A's acceptable packages that match none of B's. Parties play no part in
 * matching, so B may have other parties than A.
 *
 * Ownership: rl_compare() returns a comparison freed with
 * rl_comparison_free(); everything obtained from it is borrowed.
 */
#pragma once

#include <glib.h>
#include <redline/known.h>
#include <redline/solve.h>

G_BEGIN_DECLS

typedef struct _RlComparison RlComparison;

/**
 * rl_compare:
 * @a, @b: the two scenarios
 * @opts_a, @opts_b: how to solve each; the same options but for the
 *   party of a `utility:P` rank, which is a position in its own scenario.
 *   RL_SOLVE_ONLY_TOP is not allowed (counts are the point).
 * @error: RL_ERROR_TOO_LARGE_TO_COUNT (from rl_solve()) when a package
 *   space is too large to count
 *
 * Returns: (transfer full) (nullable): the comparison. A timeout leaves
 *   it incomplete (rl_comparison_is_complete()), its counts lower bounds.
 */
RlComparison *rl_compare (RlScenario *a, RlScenario *b, const RlSolveOptions *opts_a,
                          const RlSolveOptions *opts_b, GError **error);

void rl_comparison_free (RlComparison *cmp);

/** rl_comparison_get_a, _get_b: (transfer none): the solve of each side. */
const RlResult *rl_comparison_get_a (const RlComparison *cmp);
const RlResult *rl_comparison_get_b (const RlComparison *cmp);

/** rl_comparison_is_complete: %FALSE when a timeout cut a search short. */
gboolean rl_comparison_is_complete (const RlComparison *cmp);

/** rl_comparison_get_n_shared_issues: how many issues A and B share. */
guint rl_comparison_get_n_shared_issues (const RlComparison *cmp);

/**
 * rl_comparison_get_shared_issue:
 * @k: 0 .. n_shared - 1, in A's file order
 * @issue_a, @issue_b: (out) (optional): the issue's position in A and in B
 */
void rl_comparison_get_shared_issue (const RlComparison *cmp, guint k, guint *issue_a,
                                     guint *issue_b);

/**
 * RlCompareSide: which list of packages.
 * @RL_COMPARE_GAINED: acceptable only in B (packages of B)
 * @RL_COMPARE_LOST: acceptable only in A (packages of A)
 */
typedef enum {
  RL_COMPARE_GAINED,
  RL_COMPARE_LOST,
} RlCompareSide;

/**
 * rl_comparison_is_matched:
 * @why: (out) (optional) (transfer full): when not matched, the
 *   differences in words ("issue 'x' is only in A; issue 'dam' has option
 *   'huge' only in B"), at most the first few; otherwise %NULL
 *
 * Returns: whether A and B have the same issues and options, so that
 *   their packages were matched (gained and lost computed).
 */
gboolean rl_comparison_is_matched (const RlComparison *cmp, char **why);

/**
 * rl_comparison_get_n: how many packages were gained or lost (0 when not
 * matched): the length of the lists, which after a timeout hold what was
 * found; rl_comparison_get_n_known() says what that is of the truth.
 */
guint64 rl_comparison_get_n (const RlComparison *cmp, RlCompareSide side);

/**
 * rl_comparison_get_n_known:
 * How many packages were gained or lost, as known: exact when both
 * searches finished; after a timeout, a lower bound when the other side
 * (the one a package must be missing from) was searched to the end, and
 * unknown otherwise (a package not found there yet may be there).
 */
RlKnown rl_comparison_get_n_known (const RlComparison *cmp, RlCompareSide side);

/**
 * rl_comparison_get_package:
 * @i: 0 .. n - 1, in index order (of B's scenario for gained packages, of
 *   A's for lost ones)
 *
 * Returns: (transfer none): the package with its utilities and scores in
 *   its own scenario; rank is 0.
 */
const RlPackage *rl_comparison_get_package (const RlComparison *cmp, RlCompareSide side,
                                            guint64 i);

/**
 * rl_comparison_get_ranked:
 * @i: 0 .. n - 1
 *
 * Returns: (transfer none): the same packages in the order of the rank
 *   of that side's options (scenario.md section 6: score, ties, then
 *   index); index order for a durability rank.
 */
const RlPackage *rl_comparison_get_ranked (const RlComparison *cmp, RlCompareSide side,
                                           guint64 i);

/**
 * rl_comparison_get_changes:
 * Returns: (transfer none) (nullable): when B extends A (directly, through
 *   a chain of variants, or by command-line changes), the changes that
 *   lead from A to B, %NULL-terminated; %NULL when B does not extend A.
 */
const char *const *rl_comparison_get_changes (const RlComparison *cmp);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RlComparison, rl_comparison_free)

G_END_DECLS
