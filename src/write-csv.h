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
 * an empty field; fields are quoted as RFC 4180 says.
 */
#pragma once

#include <glib.h>
#include <redline/redline.h>

G_BEGIN_DECLS

/**
 * rl_csv_field:
 * Appends one field, quoted when RFC 4180 says so, after a comma unless
 * *@first (which it then clears).
 */
void rl_csv_field (GString *out, gboolean *first, const char *text);

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
