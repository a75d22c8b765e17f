/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * score.h: the scores of scenario.md section 6, their bounds for branch
 * and bound, and the tie rule. Pure functions of utilities.
 */
#pragma once

#include <math.h>

#include <redline/solve.h>

G_BEGIN_DECLS

/**
 * rl_scores_compute:
 * @u: every party's utility
 * @ideal: (nullable): every party's ideal; %NULL leaves kalai at NAN
 * @out: welfare, nash, kalai, min_gain (RlScoreKind order)
 */
void rl_scores_compute (const RlScenario *sc, const double *u, const double *ideal,
                        double out[RL_N_STANDARD_SCORES]);

/** rl_score_value: the value of @rank's score for utilities @u. */
double rl_score_value (const RlScenario *sc, const RlRank *rank, const double *u,
                       const double *ideal);

/**
 * rl_score_bound:
 * @ub: an upper bound of every party's utility over some packages
 * Returns: an upper bound of the score over those packages (every score is
 *   non-decreasing in every utility).
 */
double rl_score_bound (const RlScenario *sc, const RlRank *rank, const double *ub,
                       const double *ideal);

/**
 * rl_score_out_of_reach:
 * Returns: whether @score is so far below @threshold that it cannot tie
 *   with any score at or above it: twice the widest tolerance of section 6,
 *   to stay on the safe side of the search's rounding (never with an
 *   infinite @threshold).
 */
static inline gboolean
rl_score_out_of_reach (double threshold, double score)
{
  /* Inline: branch and bound asks at every node. */
  if (!isfinite (threshold))
    return FALSE;
  double scale = MAX (1.0, MAX (fabs (threshold), fabs (score)));
  return threshold - score > 2e-9 * scale;
}

/** rl_score_needs_ideal: kalai needs the ideals. */
gboolean rl_score_needs_ideal (const RlRank *rank);

G_END_DECLS
