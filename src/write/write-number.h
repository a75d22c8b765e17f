/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * write-number.h: numbers as every writer prints them. Each function is
 * independent of the C locale (main() calls setlocale, and a German locale
 * must not turn 0.7 into "0,7" in a JSON file).
 */
#pragma once

#include <glib.h>
#include <redline/known.h>

G_BEGIN_DECLS

/** RL_NUMBER_BUF: room for any text these functions produce. */
#define RL_NUMBER_BUF 64

/**
 * rl_format_nash_log:
 * @log_nash: the natural logarithm of a Nash product (finite)
 * @digits: significant digits (1 to 17), fewer when the logarithm is so
 *   large that its rounding error reaches them
 *
 * The product in scientific notation from its logarithm, also far beyond
 * a double's range ("2.5e-3907"): how every writer prints a Nash product
 * that underflows or overflows. Independent of the C locale.
 *
 * Returns: @buf.
 */
char *rl_format_nash_log (char buf[RL_NUMBER_BUF], double log_nash, int digits);

/**
 * rl_format_double_shortest:
 * The shortest of %.15g, %.16g, %.17g that reads back to @x, with ".0"
 * added to an integral value ("1.0", as Python's repr); "null" for NaN and
 * the infinities, which JSON and CSV cannot hold.
 *
 * Returns: @buf.
 */
char *rl_format_double_shortest (char buf[RL_NUMBER_BUF], double x);

/**
 * rl_format_fixed:
 * @x with @decimals decimals ("0.575"); a value that rounds to zero is
 * printed without a minus sign; a non-zero value too small to show a digit
 * is printed with three significant digits instead ("1.23e-05"), so a tiny
 * Nash product never reads as nothing. @plus: prefix "+" to positive values that do not round to zero.
 */
char *rl_format_fixed (char buf[RL_NUMBER_BUF], double x, int decimals, gboolean plus);

/** rl_format_count: an integer with "," between thousands: "6,480". */
char *rl_format_count (char buf[RL_NUMBER_BUF], guint64 n);

/**
 * rl_format_known: a count as what is known of it: "6,480" when exact;
 * when a timeout cut it, ">= 6,480" or "<= 6,480" (a bound, labelled) and
 * "?" when it was not computed. @words: "at least 6,480", "at most 6,480",
 * "an unknown number of" for sentences.
 */
char *rl_format_known (char buf[RL_NUMBER_BUF], RlKnown k, gboolean words);

/**
 * rl_format_percent:
 * @part / @whole as "16.7%", with "<0.1%" for a small non-zero share and
 * "-" when @whole is 0.
 */
char *rl_format_percent (char buf[RL_NUMBER_BUF], double part, double whole);

G_END_DECLS
