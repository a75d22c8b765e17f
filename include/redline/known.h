/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * known.h: how much is known of a count when a timeout may have cut its
 * search short. A partial answer prints each number as exactly what it
 * is: the number, a bound of the true one labelled as such, or nothing
 * ("not computed"). Getters of partial answers return an RlKnown so that
 * a writer cannot print an unfinished count as a finding.
 *
 * Ownership: plain values.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * RlKnownKind:
 * @RL_KNOWN_EXACT: the value is the complete run's
 * @RL_KNOWN_LOWER: the complete run's value is at least this
 * @RL_KNOWN_UPPER: the complete run's value is at most this
 * @RL_KNOWN_UNKNOWN: not computed; the value means nothing
 */
typedef enum {
  RL_KNOWN_EXACT,
  RL_KNOWN_LOWER,
  RL_KNOWN_UPPER,
  RL_KNOWN_UNKNOWN,
} RlKnownKind;

/** RlKnown: a count and what it is of the true count. */
typedef struct {
  guint64 value;
  RlKnownKind kind;
} RlKnown;

/** rl_known_exact: @value, exact. */
static inline RlKnown
rl_known_exact (guint64 value)
{
  return (RlKnown) { value, RL_KNOWN_EXACT };
}

/** rl_known_unknown: not computed. */
static inline RlKnown
rl_known_unknown (void)
{
  return (RlKnown) { 0, RL_KNOWN_UNKNOWN };
}

/**
 * rl_known_count:
 * A search's count: exact when the search finished, otherwise what it had
 * counted, a lower bound (a search counts each package once, so a cut
 * search counted some of them).
 */
static inline RlKnown
rl_known_count (guint64 counted, gboolean finished)
{
  return (RlKnown) { counted, finished ? RL_KNOWN_EXACT : RL_KNOWN_LOWER };
}

/**
 * rl_known_difference:
 * @a - @b from what is known of each: exact from two exact values; an
 * upper bound from an exact @a and a lower bound @b; a lower bound from a
 * lower bound @a and an exact @b; otherwise unknown. Never below 0.
 */
RlKnown rl_known_difference (RlKnown a, RlKnown b);

/**
 * rl_known_is_exact_zero:
 * Whether the complete run's value is known to be 0 (an upper bound of 0
 * counts: nothing is below it).
 */
static inline gboolean
rl_known_is_exact_zero (RlKnown k)
{
  return (k.kind == RL_KNOWN_EXACT || k.kind == RL_KNOWN_UPPER) && k.value == 0;
}

/**
 * rl_known_is_positive:
 * Whether the complete run's value is known to be above 0 (a lower bound
 * above 0 counts).
 */
static inline gboolean
rl_known_is_positive (RlKnown k)
{
  return (k.kind == RL_KNOWN_EXACT || k.kind == RL_KNOWN_LOWER) && k.value > 0;
}

/**
 * rl_known_holds:
 * Whether @truth, the complete run's value, is what @k says of it (for
 * tests: every printed number is exact or a true bound).
 */
gboolean rl_known_holds (RlKnown k, guint64 truth);

G_END_DECLS
