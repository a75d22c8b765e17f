/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * report.h: what `redline report` and `redline brief` print, gathered in
 * one place so that the writers (HTML, SVG, Markdown, text) only lay it
 * out and never compute (architecture.md).
 *
 * A report (RlReport) holds a solve of the scenario with its Pareto
 * frontier, the top packages by each of the four standard scores and
 * which of them agree, the status quo's evaluation and every party's gain
 * over it, the points of the utility-space charts (every acceptable
 * package up to RlReportOptions.max_dots, otherwise a density grid), the
 * explanation of the red lines (what each excludes, and when nothing is
 * acceptable the conflicts and relaxations), and for a what-if variant the
 * same counts for its base.
 *
 * A brief (RlBrief) is the role sheet of one party: it holds only that
 * party's own numbers and what is public of the others, so that a writer
 * cannot leak another party's private data by mistake.
 *
 * Ownership: rl_report_new() and rl_brief_new() return new objects that
 * the caller frees; they keep a reference to the scenario.
 */
#pragma once

#include <glib.h>
#include <redline/scenario.h>
#include <redline/solve.h>

G_BEGIN_DECLS

/** RL_REPORT_MAX_DOTS: beyond this many acceptable packages, a density layer. */
#define RL_REPORT_MAX_DOTS 5000

/** RL_REPORT_MAX_PAIR_PARTIES: a grid of pair charts up to this many veto parties. */
#define RL_REPORT_MAX_PAIR_PARTIES 5

/**
 * RlReportOptions:
 * @rank: the score of the main ranked list (default nash)
 * @top: how many packages to list by each score (default 10)
 * @axis_x, @axis_y: the parties of the main utility-space chart; -1 for
 *   the default, the first two veto parties (or the only party twice)
 * @max_dots: dots up to this many acceptable packages (default
 *   RL_REPORT_MAX_DOTS), a density grid of @cells x @cells beyond
 * @cells: density cells per side (default 40)
 * @base: (nullable): the scenario this one is a variant of, for the
 *   comparison section
 * @run: threads, timeout, progress; the timeout applies to each search
 */
typedef struct {
  RlRank rank;
  guint top;
  int axis_x;
  int axis_y;
  guint max_dots;
  guint cells;
  RlScenario *base;
  RlRunOptions run;
} RlReportOptions;

/** rl_report_options_init: the defaults. */
void rl_report_options_init (RlReportOptions *opts);

typedef struct _RlReport RlReport;

/**
 * rl_report_new:
 * Runs every search the report needs.
 * @error: RL_ERROR_INVALID_ARGUMENT for axes that name the same party, or
 *   a rank that cannot be used; RL_ERROR_TOO_LARGE when the package space
 *   cannot be counted
 *
 * Returns: (transfer full) (nullable): the report.
 */
RlReport *rl_report_new (RlScenario *sc, const RlReportOptions *opts, GError **error);
void rl_report_free (RlReport *report);

/** rl_report_get_scenario: (transfer none) */
RlScenario *rl_report_get_scenario (const RlReport *report);

/** rl_report_is_complete: %FALSE when a timeout cut some search short. */
gboolean rl_report_is_complete (const RlReport *report);

/** rl_report_get_result: (transfer none): the main solve (with frontier). */
const RlResult *rl_report_get_result (const RlReport *report);

/**
 * rl_report_get_n_dots:
 * Returns: how many acceptable packages the charts draw as dots (0 when
 *   they draw a density layer instead).
 */
guint rl_report_get_n_dots (const RlReport *report);

/**
 * rl_report_dup_base_file:
 * Returns: (transfer full) (nullable): the file that @sc's own file
 *   `extends` (directly), as a canonical path, or %NULL when it extends
 *   nothing.
 */
char *rl_report_dup_base_file (const RlScenario *sc);

/* ---- Deals drawn on a chart (debrief) --------------------------------------- */

/**
 * rl_report_add_marker:
 * Adds a labelled point (a group's deal, say) to the utility-space charts.
 * @label: the text beside the point
 * @utilities: every party's utility (copied)
 * @acceptable: drawn filled when %TRUE, hollow otherwise
 */
void rl_report_add_marker (RlReport *report, const char *label, const double *utilities,
                           gboolean acceptable);

/* ---- Briefs ------------------------------------------------------------------ */

typedef struct _RlBrief RlBrief;

/**
 * rl_brief_new:
 * @party: the party the sheet is for
 * Returns: (transfer full): the brief; nothing in it is computed from
 *   another party's private data (red lines with `public: false`, weights,
 *   values, bonuses, BATNA, notes).
 */
RlBrief *rl_brief_new (RlScenario *sc, guint party);
void rl_brief_free (RlBrief *brief);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RlReport, rl_report_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RlBrief, rl_brief_free)

G_END_DECLS
