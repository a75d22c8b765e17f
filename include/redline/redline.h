/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * redline.h: the one header users include; it includes every public
 * header (each of which may also be included on its own).
 *
 * The library loads scenario files (scenario.md) and what-if variants of
 * them, and answers questions about them with one depth-first search over
 * the package space: counts, ranked packages, the Pareto frontier,
 * single-package evaluation, why there is no deal (explain), what a change
 * changes (compare), the talks played out (simulate), and the models of
 * reports, briefs and debriefs. It never prints, exits or aborts on bad
 * input: failures are GErrors in RL_ERROR.
 */
#pragma once

#include <redline/compare.h>
#include <redline/debrief.h>
#include <redline/distribute.h>
#include <redline/error.h>
#include <redline/explain.h>
#include <redline/genius.h>
#include <redline/known.h>
#include <redline/minizinc.h>
#include <redline/report.h>
#include <redline/rule.h>
#include <redline/run.h>
#include <redline/scenario.h>
#include <redline/simulate.h>
#include <redline/solve.h>
#include <redline/sensitivity.h>
#include <redline/stability.h>
#include <redline/suggest.h>
#include <redline/warnings.h>
#include <redline/whatif.h>

/** rl_version: the library's version, "MAJOR.MINOR.PATCH". */
const char *rl_version (void);
