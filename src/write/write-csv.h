/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * write-csv.h: CSV output (cli.md): a header row, then one row per
 * package: `rank` (ranked lists only), `index`, one column per issue
 * (option id), one `u_PARTY` column per party, then
 * `welfare,nash,kalai,min_gain,pareto`. Rows end in LF; numbers use '.'
 * and the shortest text that reads back (at most 17 significant digits);
 * booleans are true/false; a value that does not exist (the scores of a
 * package that is not acceptable, kalai when the ideals are unknown) is
 * an empty field; fields are quoted as RFC 4180 says. The field functions
 * below are shared by the other commands' CSV writers.
 */
#pragma once

#include <glib.h>
#include <redline/redline.h>

G_BEGIN_DECLS

/* ---- Fields: every CSV writer (solve, evaluate, compare, explain, debrief,
 * simulate's transcript) builds its rows from these, so that all of them
 * quote and print numbers the same way. ---- */

/**
 * rl_csv_field:
 * Appends one field, quoted when RFC 4180 says so, after a comma unless
 * *@first (which it then clears).
 */
void rl_csv_field (GString *out, gboolean *first, const char *text);

/** rl_csv_fields: rl_csv_field() for each of the @n @texts, in order (a header's fixed columns). */
void rl_csv_fields (GString *out, gboolean *first, const char *const *texts, guint n);

/**
 * rl_csv_number:
 * @x in its shortest text (rl_format_double_shortest()); NaN and the
 * infinities as an empty field, not "null": CSV has no null, and readers
 * take an empty numeric field as missing.
 */
void rl_csv_number (GString *out, gboolean *first, double x);

/** rl_csv_count: a whole number (a package's index, a rank, a line). */
void rl_csv_count (GString *out, gboolean *first, guint64 n);

/** rl_csv_index: a package's index, exact for every space size. */
void rl_csv_index (GString *out, gboolean *first, const RlScenario *sc, const guint8 *options);

/** rl_csv_known: an exact count as a number; a bound or an unknown count as
 * an empty field (a CSV column holds numbers only: what is not known
 * exactly is absent). */
void rl_csv_known (GString *out, gboolean *first, RlKnown k);

/** rl_csv_package_columns: the header of a package: each issue's id, then u_PARTY for each party. */
void rl_csv_package_columns (GString *out, gboolean *first, const RlScenario *sc);

/**
 * rl_csv_package_cells:
 * @options: (nullable): an option per issue
 * @utilities: (nullable): a utility per party
 * The cells under rl_csv_package_columns(): the option ids, then the
 * utilities; a %NULL array gives empty fields (a round without an offer).
 */
void rl_csv_package_cells (GString *out, gboolean *first, const RlScenario *sc,
                           const guint8 *options, const double *utilities);

/** rl_csv_score_columns: the header of the scores: welfare,nash,kalai,min_gain,pareto. */
void rl_csv_score_columns (GString *out, gboolean *first);

/**
 * rl_csv_score_cells:
 * The cells under rl_csv_score_columns(): empty for a package that is not
 * acceptable, and kalai empty when the ideals are unknown.
 */
void rl_csv_score_cells (GString *out, gboolean *first, const RlScenario *sc,
                         const RlPackage *pkg);

/* ---- The package table of solve and evaluate ---- */

void rl_csv_header (GString *out, const RlScenario *sc, gboolean with_rank);
void rl_csv_row (GString *out, const RlScenario *sc, const RlPackage *pkg, gboolean with_rank);

/**
 * rl_csv_solve:
 * The ranked list of @res, or its frontier (unranked) when
 * RL_SOLVE_FRONTIER was asked.
 */
void rl_csv_solve (GString *out, const RlResult *res);

/** rl_csv_evaluate: the header and the evaluated package's row (no rank). */
void rl_csv_evaluate (GString *out, const RlScenario *sc, const RlEvaluation *ev);

G_END_DECLS
