/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * write-debrief.h: the debrief's outputs.
 *
 * Text and HTML (rl_write_debrief(), through write-doc.h): the deals at a
 * glance (one row per group: acceptable, Nash and welfare rank, Pareto,
 * utilities; bad rows with their problem), in HTML the deals drawn on the
 * utility-space chart, then group by group: acceptable or the red lines
 * and BATNAs it breaks, each party's utility, BATNA and gain, and the
 * package that dominates it.
 *
 * CSV (rl_csv_debrief()): one row per group, bad ones included: group,
 * line, index, one column per issue, u_PARTY per party, feasible,
 * compatible, acceptable, broken and below_batna (';'-separated),
 * rank_welfare, rank_nash, rank_kalai, rank_min_gain, pareto,
 * dominated_by (a package index), error.
 *
 * JSON (rl_json_debrief()): `redline.debrief/1`, documented in
 * scenarios/README.md.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>
#include <redline/debrief.h>
#include "write/write-doc.h"

G_BEGIN_DECLS

void rl_write_debrief (RlDoc *doc, const RlDebrief *db, const char *file, const char *deals_file);
void rl_csv_debrief (GString *out, const RlDebrief *db);
JsonNode *rl_json_debrief (const RlDebrief *db, const char *file, const char *deals_file);

G_END_DECLS
