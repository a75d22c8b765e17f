/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * explain.h: why there is no deal, and what each red line costs (cli.md,
 * `explain`).
 *
 * The **blockers** of a scenario are its veto parties' red lines
 * ("PARTY/ID") and BATNAs ("PARTY/batna"), party by party in file order,
 * each party's red lines in file order and then its BATNA. Observers are
 * never blockers, and the `constraints` always hold. A set of blockers is
 * *satisfiable* when some feasible package satisfies every member (a BATNA
 * is satisfied when the party's utility is at least the BATNA - 1e-9).
 *
 * - A **conflict** is an unsatisfiable set of blockers every one-smaller
 *   subset of which is satisfiable (a minimal unsatisfiable subset).
 * - A **relaxation** is a set of blockers whose removal leaves a
 *   satisfiable rest (at least one acceptable package), no proper subset of
 *   which does (a minimal correction set). A relaxed BATNA stops filtering
 *   but still defines its party's gain, so scores keep every BATNA.
 * - Every blocker **excludes** the feasible packages it rules out; its
 *   **sole** count is those it alone rules out (every other blocker
 *   holds for them); its **price** is the best score by the chosen rank
 *   once it alone is dropped, minus the best score today (only when a deal
 *   exists).
 *
 * Conflicts and relaxations are ordered smallest first, then by their
 * blocker ids sorted byte by byte and compared element by element; the
 * first RlExplainOptions.max of that order are kept. With at most
 * RL_EXPLAIN_EXACT_LIMIT blockers the lists are exact; beyond that, the
 * search may run out of time (RlExplainOptions.timeout) and then returns
 * what it found, in the same order, marked incomplete.
 *
 * Ownership: rl_explain() returns a new RlExplanation owned by the caller
 * (rl_explanation_free()); every getter borrows, and what it returns lives
 * as long as the explanation.
 */
#pragma once

#include <glib.h>
#include <redline/known.h>
#include <redline/scenario.h>
#include <redline/solve.h>

G_BEGIN_DECLS

/** RL_EXPLAIN_EXACT_LIMIT: up to this many blockers, the lists are exact. */
#define RL_EXPLAIN_EXACT_LIMIT 20

/** RL_EXPLAIN_DEFAULT_TIMEOUT: seconds, cli.md's default for explain. */
#define RL_EXPLAIN_DEFAULT_TIMEOUT 10.0

/**
 * RlExplainOptions:
 * @rank: the score of `best` packages and prices (default nash)
 * @max: how many conflicts and relaxations to keep (default 10)
 * @run: threads (of the counting searches), timeout (default
 *   RL_EXPLAIN_DEFAULT_TIMEOUT; 0 for none: on expiry rl_explain() still
 *   returns an explanation, marked incomplete) and progress (four stages:
 *   1 counts; 2 conflicts; 3 relaxations; 4 prices or the relaxations'
 *   packages)
 */
typedef struct {
  RlRank rank;
  guint max;
  RlRunOptions run;
} RlExplainOptions;

/** rl_explain_options_init: the defaults (nash, max 10, every core, 10 s). */
void rl_explain_options_init (RlExplainOptions *opts);

/** RlBlockerKind: a red line or a BATNA. */
typedef enum {
  RL_BLOCKER_RED_LINE,
  RL_BLOCKER_BATNA,
} RlBlockerKind;

typedef struct _RlExplanation RlExplanation;

/**
 * rl_explain:
 * @opts: (nullable): %NULL for the defaults
 * @error: RL_ERROR_INVALID_ARGUMENT for a rank that cannot be used
 *   (durability, an unknown party); RL_ERROR_TOO_LARGE when the package
 *   space is above 2^63 - 1 (no exact count can be made)
 *
 * Returns: (transfer full) (nullable): the explanation.
 */
RlExplanation *rl_explain (RlScenario *sc, const RlExplainOptions *opts, GError **error);

void rl_explanation_free (RlExplanation *ex);

RlScenario *rl_explanation_get_scenario (const RlExplanation *ex);
const RlExplainOptions *rl_explanation_get_options (const RlExplanation *ex);

/**
 * rl_explanation_is_complete:
 * Returns: %FALSE when the timeout stopped the work: the lists may then
 *   miss members that come earlier in their order, and counts may be
 *   lower bounds.
 */
gboolean rl_explanation_is_complete (const RlExplanation *ex);

/*
 * The counts are RlKnown: exact once their search finished; after a
 * timeout, a lower bound (the count was cut), an upper bound (excludes:
 * the feasible packages minus a cut count of those the blocker lets
 * through) or unknown (not computed: the timeout came first).
 */

/** rl_explanation_get_feasible: how many packages are feasible. */
RlKnown rl_explanation_get_feasible (const RlExplanation *ex);
/** rl_explanation_get_acceptable: how many packages are acceptable today. */
RlKnown rl_explanation_get_acceptable (const RlExplanation *ex);

/**
 * rl_explanation_get_best_score:
 * Returns: %FALSE when nothing is acceptable; otherwise the best score by
 *   the rank today, in @score, as RlPackage holds it (for nash the
 *   logarithm of the product: rl_nash_shown() gives the product; a
 *   blocker's price is a difference of products).
 */
gboolean rl_explanation_get_best_score (const RlExplanation *ex, double *score);

/* ---- Blockers (file order) ------------------------------------------------- */

guint rl_explanation_get_n_blockers (const RlExplanation *ex);
/** rl_explanation_get_blocker_id: "PARTY/ID" or "PARTY/batna". */
const char *rl_explanation_get_blocker_id (const RlExplanation *ex, guint b);
/** rl_explanation_get_blocker_party: the party's position in the scenario. */
guint rl_explanation_get_blocker_party (const RlExplanation *ex, guint b);
RlBlockerKind rl_explanation_get_blocker_kind (const RlExplanation *ex, guint b);
/** rl_explanation_get_blocker_rule: (nullable): the red line, %NULL for a BATNA. */
const RlNamedRule *rl_explanation_get_blocker_rule (const RlExplanation *ex, guint b);
RlKnown rl_explanation_get_blocker_excludes (const RlExplanation *ex, guint b);
RlKnown rl_explanation_get_blocker_sole (const RlExplanation *ex, guint b);
/**
 * rl_explanation_get_blocker_price:
 * Returns: %FALSE when the price is null (nothing acceptable today).
 */
gboolean rl_explanation_get_blocker_price (const RlExplanation *ex, guint b, double *price);

/**
 * rl_explanation_is_price_known:
 * Returns: %TRUE when blocker @b's price is settled: a number, or null
 *   because nothing is acceptable today; %FALSE when the timeout came
 *   before it was found (rl_explanation_get_blocker_price() is then
 *   %FALSE too, and means "not computed", not "no deal").
 */
gboolean rl_explanation_is_price_known (const RlExplanation *ex, guint b);

/**
 * rl_explanation_is_best_known:
 * Returns: %TRUE when rl_explanation_get_best_score() is settled (a score,
 *   or none because nothing is acceptable today).
 */
gboolean rl_explanation_is_best_known (const RlExplanation *ex);

/* ---- Conflicts and relaxations -------------------------------------------- */

guint rl_explanation_get_n_conflicts (const RlExplanation *ex);
/**
 * rl_explanation_get_conflict:
 * @n: (out): how many blockers
 * Returns: (transfer none): the conflict's blockers (positions in the
 *   blocker list), sorted by id. Empty only when no package is feasible.
 */
const guint *rl_explanation_get_conflict (const RlExplanation *ex, guint c, guint *n);

guint rl_explanation_get_n_relaxations (const RlExplanation *ex);
/** rl_explanation_get_relaxation: like rl_explanation_get_conflict(). */
const guint *rl_explanation_get_relaxation (const RlExplanation *ex, guint r, guint *n);
/**
 * rl_explanation_get_relaxation_acceptable:
 * Returns: how many packages are acceptable once the relaxation is made:
 *   exact once counted; a lower bound (at least 1) when the timeout came
 *   after its best package was found; unknown before.
 */
RlKnown rl_explanation_get_relaxation_acceptable (const RlExplanation *ex, guint r);
/**
 * rl_explanation_get_relaxation_best:
 * Returns: (transfer none): the first package of the relaxed scenario by
 *   the rank, with its scores (kalai over the relaxed scenario's ideals)
 *   and its pareto flag among the relaxed scenario's acceptable packages.
 */
const RlPackage *rl_explanation_get_relaxation_best (const RlExplanation *ex, guint r);

/**
 * rl_explanation_get_n_tests:
 * Returns: how many satisfiability searches the conflicts and relaxations
 *   took (for measurements).
 */
guint64 rl_explanation_get_n_tests (const RlExplanation *ex);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RlExplanation, rl_explanation_free)

G_END_DECLS
