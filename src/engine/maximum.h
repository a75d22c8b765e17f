/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * maximum.h: the largest utility one party reaches over a problem's
 * packages, by branch and bound on that party alone: solve's ideals (with
 * --only-top) and simulate's ideals and fallbacks ask this.
 */
#pragma once

#include "engine/engine.h"

G_BEGIN_DECLS

/**
 * rl_problem_max_utility:
 * @run: threads and deadline
 * @timed_out: (out) (optional): set when the deadline stopped the search
 *   (the value is then only a lower bound)
 *
 * Returns: the largest canonical utility of @party over the packages of
 *   @pb, or -INFINITY when there are none. Subtrees that could at best tie
 *   the largest value so far are skipped (so massive ties cost nothing),
 *   and so are covered packages (a covering one is at least as good).
 */
double rl_problem_max_utility (const RlProblem *pb, guint party, const RlRun *run,
                               gboolean *timed_out);

G_END_DECLS
