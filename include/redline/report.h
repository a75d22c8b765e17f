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
 * the caller frees; they keep a reference to the scenario. Every getter
 * borrows: what it returns lives as long as the report (or brief) and
 * must not be changed or freed.
 */
#pragma once

#include <glib.h>
#include <redline/compare.h>
#include <redline/explain.h>
#include <redline/scenario.h>
#include <redline/simulate.h>
#include <redline/solve.h>
#include <redline/sensitivity.h>
#include <redline/stability.h>

G_BEGIN_DECLS

/** RL_REPORT_MAX_DOTS: beyond this many acceptable packages, a density layer. */
#define RL_REPORT_MAX_DOTS 5000

/** RL_REPORT_SENSITIVITY_SECONDS: the robustness section's time when the report has no timeout. */
#define RL_REPORT_SENSITIVITY_SECONDS 20

/**
 * RL_REPORT_MAX_FRONTIER_DOTS: beyond this many Pareto-optimal packages the
 * charts shade them in cells too: thousands of points make a solid block.
 */
#define RL_REPORT_MAX_FRONTIER_DOTS 400

/**
 * RL_REPORT_MAX_PARALLEL_LINES: the parallel-coordinates chart draws at
 * most this many Pareto-optimal packages (an even sample of them), then
 * the top packages over them.
 */
#define RL_REPORT_MAX_PARALLEL_LINES 300

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
 * @run: threads, timeout, progress; the timeout is one deadline for the
 *   whole report, shared by every search it makes (issue 20)
 * @sensitivity_samples: the Monte Carlo samples of "How robust is this?"
 *   (default 1000)
 * @sensitivity_margins: compute its margins (default %TRUE); with 0
 *   samples and no margins the section is left out
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
  guint sensitivity_samples;
  gboolean sensitivity_margins;
} RlReportOptions;

/** rl_report_options_init: the defaults. */
void rl_report_options_init (RlReportOptions *opts);

typedef struct _RlReport RlReport;

/**
 * rl_report_new:
 * Runs every search the report needs.
 * @error: RL_ERROR_INVALID_ARGUMENT for axes that name the same party, or
 *   a rank that cannot be used; RL_ERROR_TOO_LARGE_TO_COUNT when the
 *   package space cannot be counted
 *
 * Returns: (transfer full) (nullable): the report.
 */
RlReport *rl_report_new (RlScenario *sc, const RlReportOptions *opts, GError **error);
void rl_report_free (RlReport *report);

/** rl_report_get_scenario: (transfer none) */
RlScenario *rl_report_get_scenario (const RlReport *report);

/** rl_report_is_complete: %FALSE when a timeout cut some search short. */
gboolean rl_report_is_complete (const RlReport *report);

/**
 * rl_report_get_options:
 * Returns: (transfer none): the options the report was made with
 *   (max_dots as used: the default for 0).
 */
const RlReportOptions *rl_report_get_options (const RlReport *report);

/* ---- The solves ---------------------------------------------------------------- */

/**
 * rl_report_get_result: (transfer none): the main solve: the counts, the
 *   ideals, the Pareto frontier and the top packages by the report's rank.
 */
const RlResult *rl_report_get_result (const RlReport *report);

/**
 * rl_report_get_result_by_score:
 * @kind: one of the four standard scores (welfare, nash, kalai, min_gain)
 * Returns: (transfer none): the solve whose ranked list is the top
 *   packages by @kind; the main result itself when @kind is the report's
 *   rank.
 */
const RlResult *rl_report_get_result_by_score (const RlReport *report, RlScoreKind kind);

/**
 * rl_report_get_same_as:
 * @kind: one of the four standard scores
 * Returns: the first standard score (in RlScoreKind order) whose top
 *   package is @kind's own top package: @kind itself when no score before
 *   it chooses the same; -1 when @kind lists no package.
 */
int rl_report_get_same_as (const RlReport *report, RlScoreKind kind);

/* ---- The utility-space charts ---------------------------------------------------- */

/**
 * RlReportChart: one utility-space chart, party @x across, party @y up. A
 * read-only value owned by the report.
 * @x_lo .. @y_hi: the extent of everything drawn (dots or cells, the
 *   frontier, the veto axes' BATNAs, the status quo, the markers);
 *   writers pad it
 * @frontier_order: the frontier's packages (positions in the main
 *   result's frontier) sorted along x (then y highest first, then index)
 * @n_pair_frontier: how many points the frontier of this pair has
 * @pair_frontier: the frontier of this pair: the acceptable packages no
 *   other acceptable package beats on both axes (at least as good on
 *   both, better on one), as x, y pairs along x (y falling); packages with
 *   the same two utilities are one point
 * @pair_frontier_index: each point's package index (the lowest of those
 *   sharing the point)
 * @density: with a density layer, @cells x @cells counts of acceptable
 *   packages (rl_report_get_cells()), row cy (from dy_lo up) times cells
 *   plus column cx (from dx_lo); %NULL when every package is a dot
 * @density_max: the largest cell count
 * @pareto_density: with more than RL_REPORT_MAX_FRONTIER_DOTS Pareto-optimal
 *   packages, their counts in the same cells; %NULL otherwise
 * @pareto_density_max: its largest cell count
 * @dx_lo .. @dy_hi: the extent the density cells divide
 * @zoom: whether the acceptable packages are dots in a corner of the
 *   chart too small to tell apart: less than a fifth of its width and a
 *   fifth of its height (the compatible packages below a BATNA, the
 *   status quo and the BATNAs stretch it), so that a writer adds a zoomed
 *   inset of them
 * @zx_lo .. @zy_hi: with @zoom, the extent of the acceptable packages
 */
typedef struct {
  guint x;
  guint y;
  double x_lo, x_hi, y_lo, y_hi;
  guint *frontier_order;
  guint n_pair_frontier;
  double *pair_frontier;
  guint64 *pair_frontier_index;
  guint64 *density;
  guint64 density_max;
  guint64 *pareto_density;
  guint64 pareto_density_max;
  double dx_lo, dx_hi, dy_lo, dy_hi;
  gboolean zoom;
  double zx_lo, zx_hi, zy_lo, zy_hi;
} RlReportChart;

/**
 * rl_report_get_main_chart:
 * Returns: (transfer none): the chart of the two parties of
 *   RlReportOptions.axis_x and axis_y (or their defaults).
 */
const RlReportChart *rl_report_get_main_chart (const RlReport *report);

/**
 * rl_report_get_n_pair_charts:
 * Returns: how many pair charts there are: one per pair of veto parties
 *   when there are 3 to RL_REPORT_MAX_PAIR_PARTIES of them, else 0.
 */
guint rl_report_get_n_pair_charts (const RlReport *report);

/** rl_report_get_pair_chart: (transfer none): pair chart @k, parties in file order. */
const RlReportChart *rl_report_get_pair_chart (const RlReport *report, guint k);

/**
 * rl_report_has_parallel_chart:
 * Returns: whether there are more veto parties than pair charts can show,
 *   so that the frontier is drawn in parallel coordinates instead.
 */
gboolean rl_report_has_parallel_chart (const RlReport *report);

/**
 * rl_report_get_parallel_extent:
 * @lo, @hi: (out): the extent of party @p's axis in the parallel chart:
 *   the frontier's utilities, the BATNA of a veto party, and the markers
 * Only with a parallel chart (rl_report_has_parallel_chart()).
 */
void rl_report_get_parallel_extent (const RlReport *report, guint p, double *lo, double *hi);

/**
 * rl_report_is_dense:
 * Returns: whether the charts draw a density layer (more acceptable
 *   packages than RlReportOptions.max_dots) instead of one dot per package.
 */
gboolean rl_report_is_dense (const RlReport *report);

/**
 * rl_report_is_pareto_dense:
 * Returns: whether the charts shade the Pareto-optimal packages in cells
 *   (RlReportChart.pareto_density) instead of one point each: more than
 *   RL_REPORT_MAX_FRONTIER_DOTS of them.
 */
gboolean rl_report_is_pareto_dense (const RlReport *report);

/**
 * rl_report_get_n_parallel_lines:
 * Returns: how many Pareto-optimal packages the parallel-coordinates chart
 *   draws: all of them up to RL_REPORT_MAX_PARALLEL_LINES, else an even
 *   sample of that many.
 */
guint rl_report_get_n_parallel_lines (const RlReport *report);

/** rl_report_get_parallel_line: (transfer none): line @k's package, frontier order. */
const RlPackage *rl_report_get_parallel_line (const RlReport *report, guint k);

/** rl_report_get_cells: with a density layer, its cells per side. */
guint rl_report_get_cells (const RlReport *report);

/**
 * rl_report_get_n_dots:
 * Returns: how many acceptable packages the charts draw as dots (0 when
 *   they draw a density layer instead).
 */
guint rl_report_get_n_dots (const RlReport *report);

/**
 * rl_report_get_dot:
 * @index: (out) (optional): dot @d's package index
 * Returns: (transfer none): dot @d's utilities, one per party, file order.
 */
const double *rl_report_get_dot (const RlReport *report, guint d, guint64 *index);

/**
 * rl_report_get_n_near:
 * Returns: how many compatible packages below some veto party's BATNA the
 *   charts draw faintly, for context (none with a density layer, and none
 *   when there are more than RlReportOptions.max_dots of them).
 */
guint rl_report_get_n_near (const RlReport *report);

/** rl_report_get_near: (transfer none): near package @d's utilities, one per party. */
const double *rl_report_get_near (const RlReport *report, guint d);

/* ---- The status quo, the red lines, the base, the talks --------------------------- */

/**
 * rl_report_get_status_quo:
 * Returns: (transfer none) (nullable): the status quo's evaluation; %NULL
 *   when the scenario has none.
 */
const RlEvaluation *rl_report_get_status_quo (const RlReport *report);

/**
 * rl_report_get_status_quo_gain:
 * @kind: one of the four standard scores
 * Returns: (transfer none) (nullable): each party's gain over the status
 *   quo in the top package by @kind (one per party); %NULL without a
 *   status quo or when @kind lists no package.
 */
const double *rl_report_get_status_quo_gain (const RlReport *report, RlScoreKind kind);

/**
 * rl_report_get_explanation:
 * Returns: (transfer none) (nullable): what each red line excludes, and
 *   when nothing is acceptable the conflicts and relaxations; %NULL when
 *   explain could not run (rl_report_get_explain_error() says why).
 */
const RlExplanation *rl_report_get_explanation (const RlReport *report);

/** rl_report_get_explain_error: (transfer none) (nullable): why explain could not run. */
const char *rl_report_get_explain_error (const RlReport *report);

/**
 * rl_report_get_comparison:
 * Returns: (transfer none) (nullable): the comparison with
 *   RlReportOptions.base (a is the base, b this scenario); %NULL without a
 *   base.
 */
const RlComparison *rl_report_get_comparison (const RlReport *report);

/**
 * rl_report_get_simulation:
 * Returns: (transfer none) (nullable): the talks played out (simulate.md)
 *   when the scenario has a `simulation:` block: one run with the
 *   scenario's settings, seed 0; %NULL otherwise, or when it could not run
 *   (rl_report_get_simulation_error() says why).
 */
const RlSimulation *rl_report_get_simulation (const RlReport *report);

/** rl_report_get_simulation_error: (transfer none) (nullable): why the simulation could not run. */
const char *rl_report_get_simulation_error (const RlReport *report);

/**
 * rl_report_get_stability:
 * Returns: (transfer none) (nullable): "Would it hold?" (stability.md):
 *   the verdicts of the top packages by the report's rank, when the
 *   scenario has `controls`; %NULL otherwise, or when they could not be
 *   settled (rl_report_get_stability_error() says why).
 */
const RlStability *rl_report_get_stability (const RlReport *report);

/** rl_report_get_stability_error: (transfer none) (nullable): why not. */
const char *rl_report_get_stability_error (const RlReport *report);

/**
 * rl_report_get_sensitivity:
 * Returns: (transfer none) (nullable): "How robust is this?"
 *   (sensitivity.md, its defaults with the report's rank), or %NULL when
 *   left out (0 samples and no margins) or when it could not be computed
 *   (rl_report_get_sensitivity_error() then says why). Without a timeout
 *   of the report's own it is given RL_REPORT_SENSITIVITY_SECONDS; cut
 *   short, it is incomplete (rl_sensitivity_is_complete()).
 */
const RlSensitivity *rl_report_get_sensitivity (const RlReport *report);

/** rl_report_get_sensitivity_error: (transfer none) (nullable): why not. */
const char *rl_report_get_sensitivity_error (const RlReport *report);

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

/**
 * RlReportMarker: a labelled point (rl_report_add_marker()); a read-only
 * value owned by the report.
 * @utilities: one per party, file order
 * @acceptable: drawn filled when %TRUE, hollow otherwise
 */
typedef struct {
  char *label;
  double *utilities;
  gboolean acceptable;
} RlReportMarker;

/** rl_report_get_n_markers: how many markers were added. */
guint rl_report_get_n_markers (const RlReport *report);

/** rl_report_get_marker: (transfer none): marker @m, in the order they were added. */
const RlReportMarker *rl_report_get_marker (const RlReport *report, guint m);

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

/** rl_brief_get_scenario: (transfer none) */
RlScenario *rl_brief_get_scenario (const RlBrief *brief);

/** rl_brief_get_party: the party the sheet is for. */
guint rl_brief_get_party (const RlBrief *brief);

/**
 * RlBriefIssue: one issue as the brief's party sees it; a read-only value
 * owned by the brief.
 * @issue: its position
 * @weight: the party's normalised weight (0 when it does not care)
 * @options: the issue's option positions, best first (the party's value
 *   highest, ties in file order)
 */
typedef struct {
  guint issue;
  double weight;
  guint *options;
} RlBriefIssue;

/** rl_brief_get_n_issues: every issue of the scenario. */
guint rl_brief_get_n_issues (const RlBrief *brief);

/**
 * rl_brief_get_issue:
 * @k: a position in the brief's order: weight highest first, ties in file
 *   order
 * Returns: (transfer none): the issue.
 */
const RlBriefIssue *rl_brief_get_issue (const RlBrief *brief, guint k);

/**
 * rl_brief_get_status_quo_utility:
 * @utility: (out): the party's utility of the status quo
 * Returns: %FALSE when the scenario has no status quo.
 */
gboolean rl_brief_get_status_quo_utility (const RlBrief *brief, double *utility);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RlReport, rl_report_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RlBrief, rl_brief_free)

G_END_DECLS
