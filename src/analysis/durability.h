/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * durability.h: `solve --rank durability` (simulate.md "After the deal"),
 * for solve.c. Durability depends on the package (through the drift
 * rules), not on utilities alone, so it has no bound that prunes: the
 * ranked list is one pass over the acceptable packages.
 */
#pragma once

#include "engine/engine.h"
#include "engine/topk.h"

G_BEGIN_DECLS

/**
 * rl_durability_top:
 * Visits every package of @pb (the acceptable ones) and keeps the first
 * @k of each part of the durability order: @infinite (durability +inf:
 * ranked by Nash product, scenario.md's Nash tie rule, then index) and
 * @finite (ranked by durability, the other scores' tie rule, then
 * index). The full order is @infinite's followed by @finite's.
 * @infinite, @finite: (out) (transfer full)
 * Returns: %FALSE when the deadline stopped the pass.
 */
gboolean rl_durability_top (const RlProblem *pb, const RlRun *run, guint k, RlTopK **infinite,
                            RlTopK **finite, gboolean *timed_out);

G_END_DECLS
