/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * simulate.h: playing the talks round by round and following the deal
 * through time (simulate.md).
 *
 * A simulation is a client of the library's search: every choice a party
 * or the mediator makes is a bounded search (branch and bound) over the
 * package space, never a scan of it.
 *
 * Reproducibility: a simulation is fully determined by the scenario, the
 * options and the seed. Each run r draws from its own gsl_rng_mt19937,
 * seeded from (seed, r) (rl_simulate_run_seed()); runs are spread over
 * threads and merged in run order, so the thread count never changes a
 * result.
 *
 * Ownership: rl_simulate() returns a new RlSimulation owned by the caller
 * (rl_simulation_free()); everything obtained from it is borrowed and
 * lives as long as it does.
 */
#pragma once

#include <glib.h>
#include <redline/scenario.h>
#include <redline/solve.h>

G_BEGIN_DECLS

/** Limits of the simulation settings (the loader uses the same). */
#define RL_SIM_MAX_ROUNDS 100000
#define RL_SIM_MAX_HORIZON 1000000
#define RL_SIM_MAX_NOISE 10.0
#define RL_SIM_MAX_RUNS 1000000

/**
 * RlSimulateOptions: everything a simulation needs beyond the scenario,
 * fully resolved. rl_simulate_options_init() takes each setting from the
 * scenario (its `simulation:` block and each party's `strategy`); the
 * command line's flags then override fields.
 * @order: the proposers, party positions (veto parties, distinct)
 * @strategy, @exponent: per party (file order); e = +inf for a hardliner
 * @runs: how many runs (at least 1); run 0 is the one reported in detail
 * @seed: the seed every run's generator is derived from
 * @run: threads; progress (one stage: the rounds of a single run, or the
 *   runs); timeout for the whole simulation, 0 (the default) for none.
 *   On expiry rl_simulate() still returns a simulation, marked incomplete
 *   (rl_simulation_get_missing()): run 0's transcript up to its last
 *   complete round, its outcome marked @stopped, and the summary over the
 *   runs that finished.
 */
typedef struct {
  RlProtocol protocol;
  guint rounds;
  guint horizon;
  double noise;
  guint mediator_reach;
  guint n_order;
  guint order[RL_MAX_PARTIES];
  RlStrategyKind strategy[RL_MAX_PARTIES];
  double exponent[RL_MAX_PARTIES];
  guint runs;
  guint64 seed;
  RlRunOptions run;
} RlSimulateOptions;

/** rl_simulate_options_init: the scenario's settings, one run, seed 0. */
void rl_simulate_options_init (RlSimulateOptions *opts, const RlScenario *sc);

/**
 * rl_simulate_options_set_strategy:
 * @text: "PARTY=NAME" (hardliner, boulware, linear, conceder) or
 *   "PARTY=NUMBER" (the exponent e, a finite number above 0)
 * @error: RL_ERROR_INVALID_ARGUMENT with a did-you-mean hint: a malformed
 *   @text, an unknown party, or (PARTY being right) an unknown strategy.
 *   The message does not say where @text came from; a caller may prefix
 *   that.
 */
gboolean rl_simulate_options_set_strategy (RlSimulateOptions *opts, const RlScenario *sc,
                                           const char *text, GError **error);

/**
 * rl_simulate_options_set_order:
 * @text: "P,Q,...": distinct veto parties
 * @error: RL_ERROR_INVALID_ARGUMENT (the message does not say where @text
 *   came from)
 */
gboolean rl_simulate_options_set_order (RlSimulateOptions *opts, const RlScenario *sc,
                                        const char *text, GError **error);

/**
 * rl_simulate_run_seed:
 * Returns: the seed given to gsl_rng_set() for run @run: a SplitMix64 mix
 *   of (@seed, @run), reduced to 32 bits (what mt19937 takes).
 */
gulong rl_simulate_run_seed (guint64 seed, guint run);

/**
 * rl_aspiration:
 * simulate.md's a_p(t) = batna + (ideal - batna)·(1 - (t/(T-1))^(1/e));
 * ideal for a hardliner (e = +inf), for T = 1, and at t = 0.
 */
double rl_aspiration (double batna, double ideal, double e, guint t, guint rounds);

/**
 * rl_durability_value:
 * @u: every party's utility of @package
 * Returns: simulate.md's `min_p (u_p - batna_p) / d_p(x)` over veto
 *   parties with d_p(x) > 1e-12; +inf when none drifts upward.
 */
double rl_durability_value (const RlScenario *sc, const guint8 *package, const double *u);

/**
 * rl_durability_periods:
 * The deterministic life of a deal (noise 0): the first period h in
 * 1..@horizon at which some veto party's utility falls below
 * batna + h·d_p(x) by more than 1e-9, and that party (ties: file order).
 * @broken_by: (out): the party, or -1
 * Returns: the period, or 0 when the deal survives @horizon periods.
 */
guint rl_durability_periods (const RlScenario *sc, const guint8 *package, const double *u,
                             guint horizon, int *broken_by);

/* ---- Results ----------------------------------------------------------- */

/** RL_SIM_MEDIATOR: the proposer of the mediator protocol's moves. */
#define RL_SIM_MEDIATOR (-1)

/**
 * RlSimRound: one round of the transcript. Read-only.
 * @proposer: a party, or RL_SIM_MEDIATOR
 * @offer: n_issues option positions, or %NULL for a pass
 * @index: the offer's package index (when the space fits in 63 bits)
 * @fallback: the proposer offered its own best package (alternating)
 * @utilities: every party's true utility of the offer (%NULL for a pass)
 * @aspirations: every party's aspiration at this round (veto parties;
 *   NAN for observers); %NULL for the mediator
 * @accepts: per party, whether it accepts (veto parties other than the
 *   proposer; FALSE elsewhere)
 */
typedef struct {
  guint round;
  int proposer;
  guint8 *offer;
  guint64 index;
  gboolean fallback;
  double *utilities;
  double *aspirations;
  gboolean *accepts;
} RlSimRound;

/**
 * RlSimOutcome: how one run ended. Read-only.
 * @started: FALSE when the talks failed before round 0 (some veto party's
 *   ideal is below its BATNA, or it has none)
 * @agreed: a package was agreed
 * @round: the round of agreement (mediator: the number of moves)
 * @package: the agreed package (n_issues), or %NULL
 * @utilities: every party's utility of it, or every party's BATNA
 * @broken: the deal broke within the horizon; @broken_at the period
 *   (1-based), @broken_by the party that walked away
 * @stopped: the timeout stopped this run before it ended: nothing was
 *   agreed (yet), @started says nothing, @utilities holds the BATNAs
 */
typedef struct {
  gboolean started;
  gboolean agreed;
  guint round;
  guint8 *package;
  double *utilities;
  gboolean broken;
  guint broken_at;
  int broken_by;
  gboolean stopped;
} RlSimOutcome;

/**
 * RlSimOutcomeCount: one of the most frequent outcomes over the runs.
 * @package: %NULL for "no deal"
 */
typedef struct {
  const guint8 *package;
  guint64 index;
  guint count;
} RlSimOutcomeCount;

/**
 * RlSimSummary: the distributions over every run (all of them, run 0
 * included) that finished.
 * @runs: how many runs were asked for
 * @finished: how many of them finished: all @runs unless the timeout
 *   stopped the simulation; every figure below is over these alone
 * @agreed: how many runs agreed
 * @rounds_median, @rounds_p90: rounds to agreement over the agreed runs
 *   (median: mean of the two middle values for an even count; 90th
 *   percentile: nearest rank, the ceil(0.9·n)-th smallest); NAN when none
 * @outcomes: the 10 most frequent outcomes (count, highest first; ties by
 *   package index, "no deal" last)
 * @mean_utilities: per party, over every run (the BATNA when talks failed)
 * @broken: how many agreed runs broke within the horizon
 * @broken_by: per party, how many of those it broke first
 */
typedef struct {
  guint runs;
  guint finished;
  guint agreed;
  double rounds_median;
  double rounds_p90;
  guint n_outcomes;
  RlSimOutcomeCount outcomes[10];
  double *mean_utilities;
  guint broken;
  guint *broken_by;
} RlSimSummary;

typedef struct _RlSimulation RlSimulation;

/**
 * rl_simulate:
 * Plays @opts->runs runs of the talks and follows each deal.
 * @error: RL_ERROR_INVALID_ARGUMENT for settings the scenario cannot
 *   honour (the mediator protocol without a status_quo, an order naming
 *   an observer)
 *
 * Returns: (transfer full) (nullable): the simulation.
 */
RlSimulation *rl_simulate (RlScenario *sc, const RlSimulateOptions *opts, GError **error);
void rl_simulation_free (RlSimulation *sim);

RlScenario *rl_simulation_get_scenario (const RlSimulation *sim);
const RlSimulateOptions *rl_simulation_get_options (const RlSimulation *sim);

/** rl_simulation_get_n_rounds: the transcript's length (run 0). */
guint rl_simulation_get_n_rounds (const RlSimulation *sim);
const RlSimRound *rl_simulation_get_round (const RlSimulation *sim, guint k);

/** rl_simulation_get_outcome: run 0's outcome. */
const RlSimOutcome *rl_simulation_get_outcome (const RlSimulation *sim);
/** rl_simulation_get_run_outcome: any run's outcome (@run < runs). */
const RlSimOutcome *rl_simulation_get_run_outcome (const RlSimulation *sim, guint run);

/**
 * rl_simulation_get_package:
 * Returns: (nullable): run 0's agreed package as the outputs print it
 *   (scores, pareto flag), or %NULL.
 */
const RlPackage *rl_simulation_get_package (const RlSimulation *sim);

/**
 * rl_simulation_get_ideal:
 * Returns: p's ideal of simulate.md (over the constraints and its own red
 *   lines; -inf when it has none) for veto parties, NAN for observers.
 */
double rl_simulation_get_ideal (const RlSimulation *sim, guint p);

/**
 * rl_simulation_get_nash_package:
 * Returns: (nullable): the top acceptable package by Nash product, or
 *   %NULL when nothing is acceptable.
 */
const RlPackage *rl_simulation_get_nash_package (const RlSimulation *sim);

/**
 * rl_simulation_nash_distance:
 * Returns: the Euclidean distance over every party's utility from the
 *   outcome of @run to the Nash package; NAN when nothing is acceptable,
 *   when the Nash package was not found, or when @run did not finish.
 */
double rl_simulation_nash_distance (const RlSimulation *sim, guint run);

/** rl_simulation_get_summary: the distributions over every run. */
const RlSimSummary *rl_simulation_get_summary (const RlSimulation *sim);

/**
 * RlSimMissing: what the timeout left out of a simulation.
 * @RL_SIM_MISSING_TALKS: run 0 did not finish (its outcome is @stopped;
 *   the transcript ends at the last complete round)
 * @RL_SIM_MISSING_RUNS: some run did not finish (the summary is over
 *   those that did: RlSimSummary.finished)
 * @RL_SIM_MISSING_NASH: the Nash package was not found: it is %NULL,
 *   and so is the distance to it (NAN)
 * @RL_SIM_MISSING_PARETO: the pareto flag of run 0's package is not
 *   settled (it reads %FALSE)
 * @RL_SIM_MISSING_KALAI: run 0's package has no kalai score (the ideals
 *   over the acceptable packages were not found)
 */
typedef enum {
  RL_SIM_MISSING_NONE = 0,
  RL_SIM_MISSING_TALKS = 1 << 0,
  RL_SIM_MISSING_RUNS = 1 << 1,
  RL_SIM_MISSING_NASH = 1 << 2,
  RL_SIM_MISSING_PARETO = 1 << 3,
  RL_SIM_MISSING_KALAI = 1 << 4,
} RlSimMissing;

/** rl_simulation_get_missing: what the timeout left out (none without one). */
RlSimMissing rl_simulation_get_missing (const RlSimulation *sim);

/** rl_simulation_is_complete: %FALSE when the timeout left anything out. */
gboolean rl_simulation_is_complete (const RlSimulation *sim);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RlSimulation, rl_simulation_free)

G_END_DECLS
