/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sensitivity.h: how far can the numbers be wrong before the answer
 * changes? (sensitivity.md). Exact BATNA thresholds, one-at-a-time margins
 * on a grid for every BATNA, weight, value and bonus, knife edges, and a
 * Monte Carlo over all numbers at once.
 *
 * Two findings are tested under every perturbation: `zone` (the zone of
 * agreement is not empty) and `top` (the nominal top package t* is
 * acceptable and still first by the rank).
 *
 * Results do not depend on the thread count: every grid point and every
 * sample is computed on its own (a sample draws from its own generator,
 * seeded from the seed and the sample's index) and results are kept in
 * parameter and sample order.
 *
 * Ownership: rl_sensitivity() returns a new RlSensitivity owned by the
 * caller (rl_sensitivity_free()); everything obtained from it is borrowed
 * and lives as long as it does.
 */
#pragma once

#include <glib.h>
#include <redline/run.h>
#include <redline/scenario.h>
#include <redline/solve.h>

G_BEGIN_DECLS

/**
 * RlSensitivityOptions:
 * @rank: the ranking that defines t* and `top` (durability is refused)
 * @samples: Monte Carlo samples (default 1000; 0 skips the Monte Carlo)
 * @seed: the seed S (default 1); sample s uses S · 1000003 + s mod 2^32
 * @concentration: the Dirichlet concentration C of the weights (default
 *   50; 0 keeps the weights)
 * @value_noise: σ of the values and bonuses (default 0.05)
 * @batna_noise: δ of the BATNAs (default 0.05)
 * @step_batna, @step_weight, @step_value: the grid steps (defaults 0.001,
 *   0.05, 0.01); each above 0
 * @margins: compute the margins (default %TRUE)
 * @top: how many packages the Monte Carlo's `first` list keeps (default 10)
 * @run: threads (grid points and samples are spread over them), timeout
 *   (on expiry what was settled is kept and the result is incomplete),
 *   progress (stages: margins, Monte Carlo)
 */
typedef struct {
  RlRank rank;
  guint samples;
  guint64 seed;
  double concentration;
  double value_noise;
  double batna_noise;
  double step_batna;
  double step_weight;
  double step_value;
  gboolean margins;
  guint top;
  RlRunOptions run;
} RlSensitivityOptions;

/** rl_sensitivity_options_init: the defaults of sensitivity.md. */
void rl_sensitivity_options_init (RlSensitivityOptions *opts);

/**
 * RlSensitivityKind: what a parameter is.
 */
typedef enum {
  RL_SENSITIVITY_BATNA,
  RL_SENSITIVITY_WEIGHT,
  RL_SENSITIVITY_VALUE,
  RL_SENSITIVITY_BONUS,
} RlSensitivityKind;

/**
 * RlSensitivityRange: the range of one finding for one parameter.
 * @holds: the finding holds at the nominal value; the rest only then
 * @lo, @hi: the values (weights: the multipliers) at the last grid points
 *   where it still held, downwards and upwards
 * @lo_open, @hi_open: that point is the end of the domain (it never failed)
 * @knife_edge: it fails one step away (a step outside the domain does not
 *   count)
 */
typedef struct {
  gboolean holds;
  double lo, hi;
  gboolean lo_open, hi_open;
  gboolean knife_edge;
} RlSensitivityRange;

/**
 * RlMargin: one parameter's margins. Read-only for callers.
 * @parameter: its `set` path ("parties.russia.batna", "parties.P.bonuses.2")
 * @kind, @party, @issue, @option, @bonus: what it is (@issue and @option for
 *   weights and values, @bonus, 0-based, for bonuses)
 * @nominal: the value as the scenario has it (a weight as written)
 * @zone, @top: the ranges of the two findings
 */
typedef struct {
  char *parameter;
  RlSensitivityKind kind;
  guint party, issue, option, bonus;
  double nominal;
  RlSensitivityRange zone;
  RlSensitivityRange top;
} RlMargin;

/**
 * RlThreshold: a veto party's exact BATNA threshold.
 * @party: its position
 * @batna: its BATNA now
 * @has_zone_max: %FALSE when no compatible package is accepted by every
 *   other veto party (the zone cannot open by this BATNA alone)
 * @zone_max: the largest utility the party reaches over the compatible
 *   packages every other veto party accepts: the zone stays open exactly
 *   while its BATNA is at most this (+ 1e-9)
 */
typedef struct {
  guint party;
  double batna;
  gboolean has_zone_max;
  double zone_max;
} RlThreshold;

/**
 * RlShare: how many samples of the Monte Carlo show something.
 * @count: how many
 * @share: @count / samples
 * @wilson_lo, @wilson_hi: the Wilson 95 % interval of @share
 */
typedef struct {
  guint64 count;
  double share;
  double wilson_lo, wilson_hi;
} RlShare;

/**
 * rl_share_init:
 * Fills @share for @count of @n samples, with its Wilson interval (z =
 * 1.959963984540054); @n = 0 gives zeros.
 */
void rl_share_init (RlShare *share, guint64 count, guint64 n);

/**
 * RlSensitivityFirst: a package that was first in some samples.
 * @options: its options (n_issues)
 */
typedef struct {
  guint64 index;
  guint8 *options;
  RlShare share;
} RlSensitivityFirst;

typedef struct _RlSensitivity RlSensitivity;

/**
 * rl_sensitivity:
 * @opts: (nullable): %NULL for the defaults
 * @error: RL_ERROR_INVALID_ARGUMENT for a durability rank or a step that
 *   is not above 0 or a noise below 0; RL_ERROR_TOO_LARGE_TO_COUNT when
 *   the package space is above 2^63 - 1
 *
 * Returns: (transfer full) (nullable): the answer, or %NULL.
 */
RlSensitivity *rl_sensitivity (RlScenario *sc, const RlSensitivityOptions *opts,
                               GError **error);

void rl_sensitivity_free (RlSensitivity *sens);

RlScenario *rl_sensitivity_get_scenario (const RlSensitivity *sens);
/** rl_sensitivity_get_options: (transfer none): the options it ran with. */
const RlSensitivityOptions *rl_sensitivity_get_options (const RlSensitivity *sens);
/** rl_sensitivity_is_complete: %FALSE when the timeout cut the work short. */
gboolean rl_sensitivity_is_complete (const RlSensitivity *sens);

/**
 * rl_sensitivity_get_nominal:
 * Returns: (transfer none) (nullable): t*, the nominal top package (with
 *   utilities and scores), or %NULL when the zone is empty.
 */
const RlPackage *rl_sensitivity_get_nominal (const RlSensitivity *sens);
/** rl_sensitivity_get_n_acceptable: how many packages are acceptable now. */
guint64 rl_sensitivity_get_n_acceptable (const RlSensitivity *sens);

/** rl_sensitivity_get_n_thresholds: one per veto party, file order. */
guint rl_sensitivity_get_n_thresholds (const RlSensitivity *sens);
const RlThreshold *rl_sensitivity_get_threshold (const RlSensitivity *sens, guint t);

/**
 * rl_sensitivity_has_margins:
 * Returns: %FALSE when margins were not asked for.
 */
gboolean rl_sensitivity_has_margins (const RlSensitivity *sens);
/**
 * rl_sensitivity_get_n_margins:
 * Returns: how many parameters were settled, in sensitivity.md's order
 *   (all of them unless the timeout stopped the work).
 */
guint rl_sensitivity_get_n_margins (const RlSensitivity *sens);
const RlMargin *rl_sensitivity_get_margin (const RlSensitivity *sens, guint m);

/**
 * rl_margin_get_room:
 * Returns: how far the parameter must move from its nominal value, in its
 *   own units (a weight: as a fraction of itself, |m - 1|), to reach the
 *   first grid point where either finding fails; +infinity when neither
 *   fails anywhere in the domain. What "narrowest" means when margins are
 *   listed narrowest first: a BATNA 0.03 from closing the zone comes
 *   before a weight that may grow by 45 %.
 */
double rl_margin_get_room (const RlSensitivity *sens, const RlMargin *margin);

/**
 * rl_sensitivity_has_monte_carlo:
 * Returns: %FALSE for 0 samples.
 */
gboolean rl_sensitivity_has_monte_carlo (const RlSensitivity *sens);
/**
 * rl_sensitivity_get_n_samples:
 * Returns: the samples the Monte Carlo covers: all of them, or under a
 *   timeout the first ones that were all settled (0 .. n - 1).
 */
guint rl_sensitivity_get_n_samples (const RlSensitivity *sens);
/** rl_sensitivity_get_zone: the samples with a non-empty zone. */
const RlShare *rl_sensitivity_get_zone (const RlSensitivity *sens);
/**
 * rl_sensitivity_get_acceptable:
 * @stats: (out caller-allocates): min, p5, median, p95, max of the
 *   samples' acceptable counts (position ⌊(N−1)·q/100⌋ of the sorted
 *   counts)
 */
void rl_sensitivity_get_acceptable (const RlSensitivity *sens, guint64 stats[5]);
/** rl_sensitivity_get_n_first: the packages first in some sample, cut at top. */
guint rl_sensitivity_get_n_first (const RlSensitivity *sens);
/** rl_sensitivity_get_first: by count, highest first, then by index. */
const RlSensitivityFirst *rl_sensitivity_get_first (const RlSensitivity *sens, guint f);
/**
 * rl_sensitivity_get_nominal_shares:
 * @acceptable, @first, @pareto: (out) (optional): the samples in which t*
 *   was acceptable, first, Pareto-optimal (borrowed)
 * Returns: %FALSE when there is no t*.
 */
gboolean rl_sensitivity_get_nominal_shares (const RlSensitivity *sens,
                                            const RlShare **acceptable,
                                            const RlShare **first,
                                            const RlShare **pareto);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RlSensitivity, rl_sensitivity_free)

G_END_DECLS
