/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * explain-private.h: the parts of `explain` (explain.c drives them):
 *
 *   explain-blockers.c  the blocker model: the veto parties' red lines and
 *                       BATNAs, whether a package satisfies one, the search
 *                       question "these blockers hold", sets of blockers;
 *   explain-sets.c      conflicts and relaxations: a satisfiability oracle
 *                       with a cache of witnesses and refutations,
 *                       QuickXplain, an exact sweep of the power set for
 *                       small blocker counts, and a level-by-level implicit
 *                       hitting-set enumeration (MARCO's duality) beyond;
 *   explain-costs.c     what each blocker excludes, alone or not, its price,
 *                       and the count and best package of each relaxation.
 *
 * Calls go one way: explain.c uses the three others, explain-sets.c and
 * explain-costs.c use explain-blockers.c, and explain-blockers.c uses
 * only the engine.
 */
#pragma once

#include <redline/explain.h>
#include "engine/engine.h"

G_BEGIN_DECLS

/* ---- explain-blockers.c ------------------------------------------------------ */

/** RlBlocker: one red line or BATNA of a veto party. */
typedef struct {
  char *id;                 /* "party/rule", "party/batna" */
  guint party;
  RlBlockerKind kind;
  const RlNamedRule *named; /* red lines; NULL for a BATNA */
  const RlRule *rule;       /* red lines; NULL for a BATNA */
  double batna;             /* BATNAs: the party's BATNA */
  guint rank;               /* position of the id in byte order */
} RlBlocker;

/** RlBlockerSet: a conflict or a relaxation. */
typedef struct {
  guint n;
  guint *members;           /* blocker positions (file order), sorted by id */
  guint64 acceptable;       /* relaxations: acceptable once it is made */
  gboolean counted;         /* relaxations: @acceptable is exact */
  gboolean has_best;
  RlPackage best;           /* relaxations: the top package then */
} RlBlockerSet;

void rl_blocker_set_free (RlBlockerSet *set);

/**
 * rl_explain_blockers_new:
 * @n: (out): how many
 * Returns: (transfer full): the scenario's blockers in file order (veto
 *   parties, each one's red lines, then its BATNA), ranks set; free with
 *   rl_explain_blockers_free().
 */
RlBlocker *rl_explain_blockers_new (RlScenario *sc, guint *n);
void rl_explain_blockers_free (RlBlocker *blockers, guint n);

/**
 * rl_blockers_problem:
 * @keep: per blocker (file order), whether it must hold
 * Returns: (transfer full): constraints, the kept red lines, and the kept
 *   BATNAs as thresholds.
 */
RlProblem *rl_blockers_problem (RlScenario *sc, const RlBlocker *blockers, guint n,
                                const gboolean *keep);

/**
 * rl_blocker_holds:
 * @u: (nullable): every party's canonical utility, or %NULL to compute
 * Returns: whether @package satisfies the blocker.
 */
gboolean rl_blocker_holds (RlScenario *sc, const RlBlocker *b, const guint8 *package,
                           const double *u);

/** rl_blocker_set_compare: smallest first, then sorted ids element by element. */
int rl_blocker_set_compare (const RlBlocker *blockers, const guint *a, guint na,
                            const guint *b, guint nb);

/* ---- explain-sets.c ---------------------------------------------------------- */

/**
 * RlSetsJob: the input of rl_explain_sets().
 * @max_conflicts, @max_relaxations: how many of each to settle and keep
 *   (explain asks the same of both; tests ask 0 of one to check the other
 *   phase alone)
 * @exact_limit: up to this many blockers the power set is swept
 *   (RL_EXPLAIN_EXACT_LIMIT; tests lower it to check the other algorithm)
 * @conflicts_until, @relaxations_until: when each phase must stop
 */
typedef struct {
  RlScenario *sc;
  const RlBlocker *blockers;
  guint n;
  guint max_conflicts;
  guint max_relaxations;
  guint exact_limit;
  RlDeadline conflicts_until;
  RlDeadline relaxations_until;
  RlProgressFunc progress;
  gpointer progress_data;
} RlSetsJob;

/**
 * RlSetsResult:
 * @conflicts, @relaxations: (element-type RlBlockerSet): the first
 *   max_conflicts (max_relaxations) of their order among those found
 * @complete: whether both lists are exactly the first ones of their order
 */
typedef struct {
  GPtrArray *conflicts;
  GPtrArray *relaxations;
  gboolean complete;
  guint64 n_tests;
} RlSetsResult;

/**
 * rl_explain_sets:
 * For a scenario with a feasible package and no acceptable one: its
 * conflicts and relaxations.
 */
void rl_explain_sets (const RlSetsJob *job, RlSetsResult *out);

/* ---- explain-costs.c --------------------------------------------------------- */

/**
 * RlBestSearch: the best packages of one question by a rank.
 * @found: whether any package qualifies
 * @max_score: the largest score (for prices)
 * @max_product: with the nash rank, the largest Nash product computed as
 *   a product (rl_nash_product(): what a price subtracts)
 * @options: the first package in scenario.md section 6's order
 * @ideal: every party's ideal over the qualifying packages (when asked)
 */
typedef struct {
  gboolean found;
  double max_score;
  double max_product;
  guint8 *options;
  double *ideal;
} RlBestSearch;

/**
 * rl_explain_best:
 * Over the packages of @pb, scored on the scenario's own BATNAs: the
 * ideals (when @want_ideal or the rank needs them), the best score and
 * the first package by @rank.
 *
 * Returns: %FALSE when the deadline stopped it.
 */
gboolean rl_explain_best (const RlProblem *pb, const RlRank *rank, gboolean want_ideal,
                          const RlRun *run, RlBestSearch *out);
void rl_best_search_clear (RlBestSearch *bs);

/**
 * rl_explain_is_dominated:
 * @timed_out: (out) (optional): the deadline stopped the search before
 *   it found a dominator
 * Whether some package of the question (@keep's blockers hold) dominates
 * utilities @x (scenario.md section 5).
 */
gboolean rl_explain_is_dominated (RlScenario *sc, const RlBlocker *blockers, guint n,
                                  const gboolean *keep, const double *x, RlDeadline deadline,
                                  gboolean *timed_out);

/* ---- explain.c, for tests ---------------------------------------------------- */

/**
 * rl_explain_with_limit:
 * rl_explain() with another exact limit: 0 makes every scenario go
 * through the enumeration that larger ones use, so that tests can check
 * it against brute force on small ones.
 */
RlExplanation *rl_explain_with_limit (RlScenario *sc, const RlExplainOptions *opts,
                                      guint exact_limit, GError **error);

G_END_DECLS
