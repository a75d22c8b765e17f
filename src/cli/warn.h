/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * warn.h: the scenario warnings of the library (redline/warnings.h) on
 * standard error, as "FILE:LINE:COL: warning: MESSAGE", the form editors
 * jump to. Every command that loads a scenario prints those the file
 * alone shows; `check` also those that need searches. --quiet silences
 * both. A warning never changes the exit status.
 */
#pragma once

#include <glib.h>
#include <redline/redline.h>

G_BEGIN_DECLS

/** How long `check` gives the searching warnings of one file, in seconds. */
#define RL_CLI_WARN_SEARCH_SECONDS 5.0

/**
 * rl_cli_print_warnings:
 * @file: the scenario's file as the user named it
 * @search: also the warnings that need searches (with @threads workers,
 *   at most RL_CLI_WARN_SEARCH_SECONDS)
 */
void rl_cli_print_warnings (const char *file, RlScenario *sc, gboolean search, guint threads);

G_END_DECLS
