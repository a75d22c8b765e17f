/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * debrief.h: the deals several groups reached in class, read from a CSV
 * file and scored against the scenario (cli.md, `debrief`).
 *
 * The file is CSV as RFC 4180 says (quoted fields may hold commas, quotes
 * doubled, line breaks), with a UTF-8 byte-order mark and CRLF line ends
 * tolerated, spaces around unquoted fields ignored and blank lines
 * skipped. Its header names a `group` column and one column per issue
 * (issue ids, any order); each further row is one group's deal, an option
 * id per issue.
 *
 * Problems are reported per row, "FILE:LINE: error: ...", LINE being the
 * line on which the row starts (the header is line 1), and do not stop
 * the other rows: an unknown option, a row with too few or too many
 * fields, an empty group name or one used before. A header problem (no
 * `group` column, a column that is no issue, a repeated column) is
 * reported at line 1; a missing issue column makes every row unusable.
 *
 * Ownership: rl_deals_parse() and rl_debrief_new() return new objects
 * owned by the caller; what their getters return is borrowed.
 */
#pragma once

#include <glib.h>
#include <redline/report.h>
#include <redline/scenario.h>
#include <redline/solve.h>

G_BEGIN_DECLS

/** RL_DEBRIEF_MAX_ROWS: rows beyond this many are refused (one error). */
#define RL_DEBRIEF_MAX_ROWS 10000

typedef struct _RlDeals RlDeals;

/**
 * RlDealRow: one row of the file.
 * @group: the group's name (may be empty for a bad row)
 * @line: the line the row starts on (1-based; the header is line 1)
 * @package: n_issues option positions, or %NULL when the row is bad
 */
typedef struct {
  char *group;
  guint line;
  guint8 *package;
} RlDealRow;

/**
 * rl_deals_parse:
 * @display_name: the file's name as error messages give it
 * Returns: (transfer full): the rows; never %NULL (problems are recorded,
 *   see rl_deals_get_errors()).
 */
RlDeals *rl_deals_parse (const RlScenario *sc, const char *data, gsize len,
                         const char *display_name);
void rl_deals_free (RlDeals *deals);

guint rl_deals_get_n_rows (const RlDeals *deals);
const RlDealRow *rl_deals_get_row (const RlDeals *deals, guint k);

/**
 * rl_deals_get_errors:
 * Returns: (transfer none): every problem, "FILE:LINE: error: text", in
 *   the order of the file; %NULL-terminated, empty when there is none.
 */
const char *const *rl_deals_get_errors (const RlDeals *deals);

/** rl_deals_get_n_errors: how many problems were found. */
guint rl_deals_get_n_errors (const RlDeals *deals);

/**
 * rl_deals_get_error:
 * @line: (out) (optional): the line of problem @k
 * Returns: (transfer none): its text, without the "FILE:LINE: error: " prefix.
 */
const char *rl_deals_get_error (const RlDeals *deals, guint k, guint *line);

/**
 * rl_deals_get_row_error:
 * Returns: (transfer none) (nullable): the first problem of row @k, without
 *   the "FILE:LINE: error: " prefix; %NULL for a good row.
 */
const char *rl_deals_get_row_error (const RlDeals *deals, guint k);

/* ---- Scoring the deals -------------------------------------------------------- */

typedef struct _RlDebrief RlDebrief;

/**
 * rl_debrief_new:
 * Evaluates every good row (rl_evaluate(): acceptable or why not, each
 * party's utility, the ranks, the dominating package).
 * @deals: must outlive the debrief
 * @with_chart: also gather what the utility-space chart needs (a report
 *   model with each group's deal as a labelled marker)
 * @error: as rl_evaluate() and rl_report_new()
 * Returns: (transfer full) (nullable): the debrief.
 */
RlDebrief *rl_debrief_new (RlScenario *sc, const RlDeals *deals, const RlSolveOptions *opts,
                           gboolean with_chart, GError **error);
void rl_debrief_free (RlDebrief *debrief);

/** rl_debrief_is_complete: %FALSE when a timeout cut a search short. */
gboolean rl_debrief_is_complete (const RlDebrief *debrief);

/** rl_debrief_get_evaluation: (transfer none) (nullable): row @k's evaluation; %NULL for a bad row. */
const RlEvaluation *rl_debrief_get_evaluation (const RlDebrief *debrief, guint k);

/** rl_debrief_get_scenario: (transfer none) */
RlScenario *rl_debrief_get_scenario (const RlDebrief *debrief);

/** rl_debrief_get_deals: (transfer none): the rows it scored (the caller's, see rl_debrief_new()). */
const RlDeals *rl_debrief_get_deals (const RlDebrief *debrief);

/** rl_debrief_get_n_acceptable: how many good rows hold an acceptable deal. */
guint rl_debrief_get_n_acceptable (const RlDebrief *debrief);

/**
 * rl_debrief_get_chart:
 * Returns: (transfer none) (nullable): the report model of the
 *   utility-space chart, each group's deal a marker labelled with its
 *   group; %NULL unless rl_debrief_new() was asked for it. It holds the
 *   solves, dots and status quo a chart needs, and no explanation,
 *   comparison or simulation.
 */
const RlReport *rl_debrief_get_chart (const RlDebrief *debrief);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RlDeals, rl_deals_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RlDebrief, rl_debrief_free)

G_END_DECLS
