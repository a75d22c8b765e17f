/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * write-digits.h: how many digits a column of scores needs so that two
 * adjacent entries whose scores differ (by the tie rule of scenario.md)
 * also differ in print, in one notation for the whole column: eight
 * ranks printed "nash 0.010" while their values ran from 0.01008 to
 * 0.00955 told a reader nothing, and "3.73e-05" beside "0.000171" hid
 * which was larger.
 */
#pragma once

#include <glib.h>
#include <redline/redline.h>

#include "write/write-number.h"

G_BEGIN_DECLS

/**
 * RlDigits: one column's notation.
 * @scientific: every entry as "1.23e-05"; otherwise fixed, "0.0123"
 * @digits: significant digits (scientific) or decimals (fixed)
 */
typedef struct {
  gboolean scientific;
  int digits;
} RlDigits;

/**
 * rl_digits_for:
 * @values: @n values in the order they are printed (infinities and NaN
 *   are printed as words and ignored here)
 * @tie: the score whose tie rule says when two values are the same
 *
 * Returns: the notation for the column: fixed with three decimals when
 *   every nonzero magnitude is at least 0.001 and below 10^7, scientific
 *   with three significant digits otherwise; then as many more digits
 *   (up to 17) as it takes for every two adjacent values that do not tie
 *   to print differently.
 */
RlDigits rl_digits_for (const double *values, gsize n, RlScoreKind tie);

/** rl_format_digits: @x in the column's notation (any locale). */
char *rl_format_digits (char buf[RL_NUMBER_BUF], double x, RlDigits d);

/**
 * rl_score_printed: the number a writer prints for a value of score
 * @kind as the library holds it: for nash the product, not its logarithm
 * (RlPackage); NAN (left out of rl_digits_for()) when the product is
 * beyond a double.
 */
double rl_score_printed (RlScoreKind kind, double score);

/**
 * rl_format_score: rl_format_digits() of rl_score_printed(); a Nash
 * product beyond a double in rl_format_nash_log()'s notation.
 */
char *rl_format_score (char buf[RL_NUMBER_BUF], RlScoreKind kind, double score, RlDigits d);

/** rl_format_score_fixed: likewise with rl_format_fixed()'s @decimals. */
char *rl_format_score_fixed (char buf[RL_NUMBER_BUF], RlScoreKind kind, double score, int decimals);

G_END_DECLS
