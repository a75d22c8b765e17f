/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * dominator.h: whether some package dominates a point (scenario.md
 * section 5), the question behind the pareto flag of a package known on
 * its own: solve --only-top's ranked list, evaluate, simulate's outcome,
 * and the best package of each of explain's relaxations. One search,
 * written once; each caller says which packages count.
 */
#pragma once

#include "engine/engine.h"

G_BEGIN_DECLS

/**
 * rl_problem_has_dominator:
 * @timed_out: (out) (optional): set when the deadline stopped the search
 *   before it found one: the answer "no" is then unknown, not proven
 * @pb: the packages that count, with every party held at @x or above
 *   (thresholds), so that the search prunes what cannot dominate
 * @x: every party's canonical utility at the point in question
 * @deadline: when to give up (RL_NO_DEADLINE: never)
 * @skip_covered: let the engine skip covered packages (RlVisitor): a
 *   covered dominator is covered by a dominator too
 *
 * Looks, in one thread, for a package of @pb whose canonical utilities
 * dominate @x (rl_dominates()), and stops at the first.
 *
 * Returns: whether one was found before the deadline.
 */
gboolean rl_problem_has_dominator (const RlProblem *pb, const double *x, RlDeadline deadline,
                                   gboolean skip_covered, gboolean *timed_out);

/**
 * rl_find_dominator:
 * @deadline: when to give up (RL_NO_DEADLINE: never)
 * @timed_out: (out) (optional): as for rl_problem_has_dominator()
 * Returns: whether some acceptable package dominates utilities @x: a
 *   search with every party held at x - 1e-9 (and veto parties at their
 *   BATNA), stopping at the first that is better by more than 1e-9 for one.
 */
gboolean rl_find_dominator (RlScenario *sc, gboolean ignore_batna, const double *x,
                            RlDeadline deadline, gboolean *timed_out);

G_END_DECLS
