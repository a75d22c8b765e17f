/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * package.h: building RlPackage values, shared by solve.c,
 * evaluate.c and the later clients of the search.
 */
#pragma once

#include <redline/solve.h>

G_BEGIN_DECLS

/**
 * rl_package_fill:
 * Fills @pkg (whose arrays the caller owns, see rl_package_init) for
 * @options: canonical utilities, the index, and when @acceptable the four
 * scores (kalai only when @ideal is given).
 */
void rl_package_fill (RlPackage *pkg, RlScenario *sc, const guint8 *options,
                      gboolean acceptable, const double *ideal);

/** rl_package_init / rl_package_clear: allocate and free the arrays. */
void rl_package_init (RlPackage *pkg, const RlScenario *sc);
void rl_package_clear (RlPackage *pkg);

/** rl_canonical_utilities: every party's rl_scenario_utility(). */
void rl_canonical_utilities (RlScenario *sc, const guint8 *options, double *u);


G_END_DECLS
