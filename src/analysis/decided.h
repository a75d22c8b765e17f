/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * decided.h: the issues that every package of a set settles the same way
 * (cli.md, solve's `decided`): what the red lines, or the red lines and
 * the BATNAs, leave no choice about.
 */
#pragma once

#include "engine/engine.h"

G_BEGIN_DECLS

/**
 * rl_decided_find:
 * @which, @thresholds: the set, as for rl_problem_new() (compatible: the
 *   constraints and red lines; acceptable: the BATNAs as thresholds too)
 * @decided: (out caller-allocates): n_issues entries: the option every
 *   package of the set has on that issue, or -1 when they differ
 * @timed_out: (out): set when @deadline stopped the work (@decided is then
 *   not known)
 *
 * Looks for packages of the set with an option not seen yet, issue by
 * issue, each found package showing an option of every issue at once:
 * an issue costs one search per option the set uses, plus one that finds
 * nothing (a single-threaded first-witness search, pruned like the
 * others). The package space is never enumerated.
 *
 * Returns: %FALSE when the set is empty (or @timed_out).
 */
gboolean rl_decided_find (RlScenario *sc, RlProblemRules which, const double *thresholds,
                          RlDeadline deadline, int *decided, gboolean *timed_out);

G_END_DECLS
