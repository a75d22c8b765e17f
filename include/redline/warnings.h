/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * warnings.h: a valid scenario that is probably not what its author
 * meant. Nothing here is an error: every command still runs; the command
 * line prints each as "FILE:LINE:COL: warning: MESSAGE".
 *
 * Two kinds. Those seen in the file alone (rl_scenario_check_warnings(),
 * the model, no search): a veto party without a `batna` (it silently
 * becomes 0), an issue that no party weighs. Those that need searches
 * (rl_scenario_search_warnings(), the analysis): a veto party's BATNA
 * above the best utility it can reach with any package that keeps the
 * constraints and its own red lines (it accepts nothing), or at or below
 * the worst (it never binds); a veto party's red line that excludes no
 * package the constraints and the other veto red lines allow (redundant);
 * a red line that alone empties the zone of agreement (nothing is
 * acceptable, and something is once that red line alone is dropped).
 *
 * Ownership: each function returns a new GPtrArray of RlWarning, freed
 * with g_ptr_array_unref() (it frees its warnings).
 */
#pragma once

#include <glib.h>
#include <redline/run.h>
#include <redline/scenario.h>

G_BEGIN_DECLS

/**
 * RlWarning:
 * @line, @col: 1-based position in the scenario file of what it is about
 *   (0 when the thing was made by a what-if change, not read)
 * @message: one line, no position, no "warning:" prefix; names no flag
 */
typedef struct {
  guint line, col;
  char *message;
} RlWarning;

/**
 * rl_scenario_check_warnings:
 * Returns: (transfer full) (element-type RlWarning): the warnings the file
 *   alone shows, in file order of parties, then of issues.
 */
GPtrArray *rl_scenario_check_warnings (const RlScenario *sc);

/**
 * rl_scenario_search_warnings:
 * @run: threads, and a time limit for all the searches together
 * @complete: (out) (optional): %FALSE when the time limit stopped the
 *   searches; the warnings found until then are returned
 *
 * Returns: (transfer full) (element-type RlWarning): the warnings that
 *   need searches, party by party in file order (its BATNA, then its red
 *   lines). A package space beyond 63 bits gets only those that need no
 *   count (the BATNA above the best).
 */
GPtrArray *rl_scenario_search_warnings (RlScenario *sc, const RlRunOptions *run,
                                        gboolean *complete);

G_END_DECLS
