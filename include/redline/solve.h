/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * solve.h: solving a scenario: the counts of scenario.md section 5, the
 * scores and order of section 6, the Pareto frontier, and single-package
 * evaluation. Everything here is a client of one depth-first search that
 * never materialises the package space.
 *
 * Ownership: rl_solve() and rl_evaluate() return new objects owned by the
 * caller (free with rl_result_free() / rl_evaluation_free()); packages and
 * arrays obtained from them are borrowed and live as long as they do.
 */
#pragma once

#include <glib.h>
#include <redline/known.h>
#include <redline/run.h>
#include <redline/scenario.h>

G_BEGIN_DECLS

/**
 * RlScoreKind: the scores of scenario.md section 6 (and simulate.md's
 * durability).
 */
typedef enum {
  RL_SCORE_WELFARE,
  RL_SCORE_NASH,
  RL_SCORE_KALAI,
  RL_SCORE_MIN_GAIN,
  RL_SCORE_UTILITY,
  RL_SCORE_DURABILITY,
} RlScoreKind;

#define RL_N_STANDARD_SCORES 4   /* welfare, nash, kalai, min_gain */

/** RlRank: a score to order by; @party for RL_SCORE_UTILITY. */
typedef struct {
  RlScoreKind kind;
  guint party;
} RlRank;

/**
 * rl_rank_parse:
 * @text: "welfare", "nash", "kalai", "min_gain", "durability" or "utility:P"
 * @error: RL_ERROR_INVALID_ARGUMENT with a did-you-mean hint
 */
gboolean rl_rank_parse (const RlScenario *sc, const char *text, RlRank *rank, GError **error);

/** rl_score_name: "welfare", "nash", "kalai", "min_gain", "utility", "durability". */
const char *rl_score_name (RlScoreKind kind);

/** rl_rank_to_string: (transfer full): "nash", "utility:usa", ... */
char *rl_rank_to_string (const RlScenario *sc, const RlRank *rank);

/**
 * rl_scores_tie:
 * Returns: whether two values of a score tie under scenario.md section 6
 *   (Nash: the products within 1e-9 of the larger, relative only, said
 *   of their logarithms; the others: 1e-9 absolute or relative,
 *   whichever is larger).
 */
gboolean rl_scores_tie (RlScoreKind kind, double a, double b);

/**
 * rl_nash_product:
 * @u: every party's utility
 *
 * Returns: scenario.md's Nash product computed as a product, for printing
 *   with every bit when it is a normal double: 0 when a veto party gains
 *   nothing, and also when it underflows; +inf when it overflows. Every
 *   ranking uses the `nash` score of RlPackage instead, its logarithm.
 */
double rl_nash_product (const RlScenario *sc, const double *u);

/**
 * rl_nash_shown:
 * @log_nash: a `nash` score as RlPackage holds it
 * @product: the product from rl_nash_product() when known, else NAN
 * @value: (out): the product to print
 *
 * Returns: %FALSE when the product is beyond a double (below DBL_MIN but
 *   not 0, or above DBL_MAX): then only its logarithm is exact, and
 *   writers print it in scientific notation from @log_nash.
 */
gboolean rl_nash_shown (double log_nash, double product, double *value);

/**
 * RlPackage: one package with what the outputs print of it. A value type:
 * every field is read-only for callers.
 * @index: scenario.md's package index when the space fits in 63 bits, else
 *   0: writers print rl_scenario_format_package_index(), exact for any space
 * @options: n_issues option positions, file order
 * @utilities: n_parties utilities, canonical (rl_scenario_utility())
 * @acceptable: whether it is acceptable; @scores and @pareto only then
 * @scores: indexed by RlScoreKind (welfare, nash, kalai, min_gain); nash
 *   is the natural logarithm of the Nash product (sum of power * log
 *   gain; -inf when a veto party gains nothing), as every ranking
 *   compares it: print it with rl_nash_shown()
 * @has_kalai: FALSE when the ideals were not computed (--only-top)
 * @pareto: Pareto-optimal among the acceptable packages
 * @rank: 1-based position in a ranked list, 0 elsewhere
 * @durability: periods until the first break (simulate.md), +inf when
 *   none drifts; only with RL_SCORE_DURABILITY
 */
typedef struct {
  guint64 index;
  guint8 *options;
  double *utilities;
  gboolean acceptable;
  double scores[RL_N_STANDARD_SCORES];
  gboolean has_kalai;
  gboolean pareto;
  guint rank;
  double durability;
} RlPackage;

/**
 * rl_package_rank_score:
 * Returns: the value @pkg is ranked by under @rank: party @rank->party's
 *   utility (RL_SCORE_UTILITY), one of the four standard scores, or its
 *   durability (RL_SCORE_DURABILITY), read from @pkg's fields (which say
 *   when each is set).
 */
double rl_package_rank_score (const RlPackage *pkg, const RlRank *rank);

/**
 * RlSolveFlags:
 * @RL_SOLVE_FRONTIER: keep the Pareto frontier's packages (index order)
 * @RL_SOLVE_IGNORE_BATNA: acceptable = compatible
 * @RL_SOLVE_ONLY_TOP: the ranked list alone: no counts, no frontier;
 *   ideals only when the rank needs them; pareto flags still exact
 */
typedef enum {
  RL_SOLVE_DEFAULT = 0,
  RL_SOLVE_FRONTIER = 1 << 0,
  RL_SOLVE_IGNORE_BATNA = 1 << 1,
  RL_SOLVE_ONLY_TOP = 1 << 2,
} RlSolveFlags;

/**
 * RlSolveOptions:
 * @rank: the score to order by (default nash)
 * @top: how many ranked packages (default 10; 0 lists none)
 * @run: threads, timeout, progress (stages: the three counts, the
 *   frontier and ideals, the ranked list). On expiry rl_solve() still
 *   returns a result, marked incomplete, whose counts are lower bounds.
 */
typedef struct {
  RlRank rank;
  guint top;
  RlSolveFlags flags;
  RlRunOptions run;
} RlSolveOptions;

/** rl_solve_options_init: the defaults (nash, top 10, all cores). */
void rl_solve_options_init (RlSolveOptions *opts);

typedef struct _RlResult RlResult;

/**
 * RlCounts: scenario.md section 5's counts.
 * @space: exact when @space_fits; @space_approx always
 */
typedef struct {
  guint64 space;
  gboolean space_fits;
  double space_approx;
  guint64 feasible;
  guint64 compatible;
  guint64 acceptable;
  guint64 pareto;
} RlCounts;

/**
 * rl_solve:
 * @error: RL_ERROR_TOO_LARGE_TO_COUNT when counts are asked of a space above
 *   2^63 - 1 (use RL_SOLVE_ONLY_TOP)
 *
 * Returns: (transfer full) (nullable): the result.
 */
RlResult *rl_solve (RlScenario *sc, const RlSolveOptions *opts, GError **error);

void rl_result_free (RlResult *res);
RlScenario *rl_result_get_scenario (const RlResult *res);
const RlSolveOptions *rl_result_get_options (const RlResult *res);
/** rl_result_is_complete: %FALSE when the timeout cut the work short. */
gboolean rl_result_is_complete (const RlResult *res);

/**
 * rl_result_get_decided:
 * What the red lines (@acceptable %FALSE: the compatible packages), or the
 * red lines and BATNAs (%TRUE: the acceptable ones), leave no choice about
 * (cli.md, `decided`).
 *
 * Returns: (transfer none) (nullable): n_issues entries, each the option
 *   position that every package of the set has on that issue, or -1 where
 *   they differ; %NULL when the set is empty or was not computed (only-top,
 *   or a timeout).
 */
const int *rl_result_get_decided (const RlResult *res, gboolean acceptable);
/** rl_result_get_counts: %FALSE when counts were not computed (only-top). */
gboolean rl_result_get_counts (const RlResult *res, RlCounts *counts);
/**
 * rl_result_get_ideal:
 * Returns: %FALSE when unknown (nothing acceptable, or not computed).
 */
gboolean rl_result_get_ideal (const RlResult *res, guint p, double *ideal);
guint rl_result_get_n_top (const RlResult *res);
const RlPackage *rl_result_get_top (const RlResult *res, guint i);
/** rl_result_get_n_frontier: 0 unless RL_SOLVE_FRONTIER was asked. */
guint rl_result_get_n_frontier (const RlResult *res);
const RlPackage *rl_result_get_frontier (const RlResult *res, guint i);
/** rl_result_get_nodes: search nodes visited, every pass together. */
guint64 rl_result_get_nodes (const RlResult *res);

/**
 * RlPackageFunc: receives one acceptable package; return %FALSE to stop.
 */
typedef gboolean (*RlPackageFunc) (const RlPackage *pkg, gpointer user_data);

/**
 * rl_solve_each:
 * Streams every acceptable package in the search's own order (after a
 * first pass for the ideals and the frontier, so that every package
 * carries all its scores and its exact pareto flag).
 * @max_packages: stop after this many (0: no limit)
 * @stopped: (out) (optional): set when @max_packages or the timeout
 *   stopped the stream early
 */
gboolean rl_solve_each (RlScenario *sc, const RlSolveOptions *opts, guint64 max_packages,
                        RlPackageFunc func, gpointer user_data, gboolean *stopped,
                        GError **error);

/* ---- evaluate ------------------------------------------------------------------ */

/* A package to evaluate may be read from its ids with rl_deal_parse()
 * (scenario.h). */

typedef struct _RlEvaluation RlEvaluation;

/**
 * rl_evaluate:
 * Everything cli.md's `evaluate` reports of one package: the package with
 * its utilities (and scores when acceptable), the rules it breaks, the veto
 * parties below their BATNA, its rank by each score, and the acceptable
 * package that dominates it with the largest welfare.
 */
RlEvaluation *rl_evaluate (RlScenario *sc, const guint8 *package, const RlSolveOptions *opts,
                           GError **error);
void rl_evaluation_free (RlEvaluation *ev);
const RlPackage *rl_evaluation_get_package (const RlEvaluation *ev);
gboolean rl_evaluation_is_feasible (const RlEvaluation *ev);
gboolean rl_evaluation_is_compatible (const RlEvaluation *ev);
gboolean rl_evaluation_is_acceptable (const RlEvaluation *ev);
/** rl_evaluation_get_broken: (transfer none): "constraints/ID" and "PARTY/ID", NULL-terminated. */
const char *const *rl_evaluation_get_broken (const RlEvaluation *ev);
/** rl_evaluation_get_below_batna: (transfer none): party positions; @n out. */
const guint *rl_evaluation_get_below_batna (const RlEvaluation *ev, guint *n);
/**
 * rl_evaluation_get_rank:
 * Returns: the 1-based rank by @kind among the acceptable packages (the
 *   four standard scores), or 0 when the package is not acceptable, or
 *   when the timeout stopped the ranking before this rank was known
 *   (rl_evaluation_is_complete() is then %FALSE).
 */
guint64 rl_evaluation_get_rank (const RlEvaluation *ev, RlScoreKind kind);
/** rl_evaluation_get_dominated_by: (nullable): the dominating package. */
const RlPackage *rl_evaluation_get_dominated_by (const RlEvaluation *ev);
/**
 * rl_evaluation_is_complete:
 * Returns: %FALSE when the timeout cut the searches short: the ranks,
 *   the count and dominated_by are then lower bounds or may be missing.
 */
gboolean rl_evaluation_is_complete (const RlEvaluation *ev);
/** rl_evaluation_get_n_acceptable: how many acceptable packages exist. */
guint64 rl_evaluation_get_n_acceptable (const RlEvaluation *ev);
/**
 * rl_evaluation_get_n_acceptable_known:
 * The same, as known: exact, or after a timeout a lower bound.
 */
RlKnown rl_evaluation_get_n_acceptable_known (const RlEvaluation *ev);
/**
 * rl_evaluation_is_pareto_known:
 * Returns: %FALSE when the timeout cut the search for a dominating
 *   package before it found one: the package's pareto flag is then not
 *   known (a dominator found is one, whatever the timeout).
 */
gboolean rl_evaluation_is_pareto_known (const RlEvaluation *ev);
/**
 * rl_evaluation_is_dominator_pareto_known:
 * Returns: %FALSE when the timeout stopped the search that tells whether
 *   the dominating package is itself Pareto-optimal (its pareto flag is
 *   then not known).
 */
gboolean rl_evaluation_is_dominator_pareto_known (const RlEvaluation *ev);

/**
 * rl_evaluate_many:
 * rl_evaluate() of @n packages at once, in two searches whatever @n (one
 * for the ideals, the count and each package's dominating package, one
 * for every rank), all within the one timeout of @opts.
 * Returns: (transfer full) (nullable): @n evaluations, in the order of
 *   @packages (free each with rl_evaluation_free(), then the array with
 *   g_free()); %NULL with @error as rl_evaluate().
 */
RlEvaluation **rl_evaluate_many (RlScenario *sc, const guint8 *const *packages, guint n,
                                 const RlSolveOptions *opts, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RlResult, rl_result_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RlEvaluation, rl_evaluation_free)

G_END_DECLS
