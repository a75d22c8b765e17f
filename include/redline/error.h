/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * error.h: the RL_ERROR domain. Every runtime failure of the library is a
 * GError in this domain; the library never prints, exits or aborts on bad
 * input. Messages of load errors are already formatted as
 * "file:line:col: error: text" (one per line when a file has several).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RL_ERROR (rl_error_quark ())

/**
 * RlErrorCode:
 * @RL_ERROR_IO: a file could not be read or written (exit status 3)
 * @RL_ERROR_SYNTAX: the YAML or a rule is malformed (exit status 1)
 * @RL_ERROR_SCHEMA: well-formed, but breaks the format (exit status 1)
 * @RL_ERROR_LIMIT: over one of scenario.md's limits (exit status 1)
 * @RL_ERROR_INVALID_ARGUMENT: a value given by the caller (a deal, a flag
 *   value) is wrong (exit status 2 on the command line)
 * @RL_ERROR_TOO_LARGE: the package space is too large for an exact count
 *   (exit status 3)
 * @RL_ERROR_CANCELLED: a timeout or a package limit stopped the work
 *   (exit status 3)
 * @RL_ERROR_TOO_LARGE_TO_COUNT: rl_solve() (and what builds on it:
 *   rl_compare(), rl_report_new(), rl_debrief_new()) was asked for the
 *   counts of a package space above 2^63 - 1; asked for the ranked list
 *   alone (RL_SOLVE_ONLY_TOP), rl_solve() can still search it (exit
 *   status 3). RL_ERROR_TOO_LARGE is for work that cannot be done at all
 *   on such a space.
 */
typedef enum {
  RL_ERROR_IO,
  RL_ERROR_SYNTAX,
  RL_ERROR_SCHEMA,
  RL_ERROR_LIMIT,
  RL_ERROR_INVALID_ARGUMENT,
  RL_ERROR_TOO_LARGE,
  RL_ERROR_CANCELLED,
  RL_ERROR_TOO_LARGE_TO_COUNT,
} RlErrorCode;

GQuark rl_error_quark (void);

G_END_DECLS
