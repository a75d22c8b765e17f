/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * redline.h: the one header users include.
 *
 * The library loads scenario files (scenario.md), and answers questions
 * about them with one depth-first search over the package space: counts,
 * ranked packages, the Pareto frontier, single-package evaluation. It never
 * prints, exits or aborts on bad input: failures are GErrors in RL_ERROR.
 */
#pragma once

#define REDLINE_INSIDE

#include <redline/compare.h>
#include <redline/error.h>
#include <redline/explain.h>
#include <redline/rule.h>
#include <redline/run.h>
#include <redline/scenario.h>
#include <redline/solve.h>
#include <redline/whatif.h>
#include <redline/simulate.h>

/** rl_version: the library's version, "MAJOR.MINOR.PATCH". */
const char *rl_version (void);
