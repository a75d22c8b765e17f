/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * write-sensitivity.h: the outputs of `redline sensitivity`
 * (sensitivity.md): the `redline.sensitivity/1` JSON document and the CSV
 * table (write-sensitivity.c), the text in words (write-text-sensitivity.c).
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>
#include <redline/redline.h>

G_BEGIN_DECLS

/**
 * rl_json_sensitivity:
 * @file: the scenario's file name as the user gave it
 * Returns: (transfer full): the `redline.sensitivity/1` document.
 */
JsonNode *rl_json_sensitivity (const RlSensitivity *sens, const char *file);

/**
 * rl_csv_sensitivity:
 * Header `parameter,nominal,zone_lo,zone_lo_open,zone_hi,zone_hi_open,
 * top_lo,top_lo_open,top_hi,top_hi_open,knife_edge`; one row per margin,
 * in the spec's order; a finding without a range has empty cells;
 * `knife_edge` lists the findings space-separated.
 */
void rl_csv_sensitivity (GString *out, const RlSensitivity *sens);

/**
 * rl_text_sensitivity:
 * The thresholds and the knife edges in sentences, then the narrowest
 * margins as a table (at most @max rows), then the Monte Carlo, in 80
 * columns.
 */
void rl_text_sensitivity (GString *out, const RlSensitivity *sens, const char *file, guint max);

/**
 * rl_text_sensitivity_range:
 * Returns: (transfer full): a finding's range in words: "0.5 to 0.626",
 *   "up to 0.626" (open below), "from 0.25" (open above), "anywhere",
 *   or "no" when it does not hold now.
 */
char *rl_text_sensitivity_range (const RlSensitivityRange *r);

/**
 * rl_text_sensitivity_threshold:
 * Returns: (transfer full): one threshold in a sentence: "The zone closes
 *   if Russia's BATNA rises above 0.626 (now 0.595)."
 */
char *rl_text_sensitivity_threshold (const RlScenario *sc, const RlThreshold *t);

/**
 * rl_sensitivity_narrowest:
 * @out: (out caller-allocates): room for @max margins
 * The margins whose findings fail somewhere in their domain, the
 * narrowest first (rl_margin_get_room(), then parameter order), at most
 * @max of them: what the text's table and the report's tornado list.
 *
 * Returns: how many were written to @out; @n_more how many were left out.
 */
guint rl_sensitivity_narrowest (const RlSensitivity *sens, guint max, const RlMargin **out,
                                guint *n_more);

G_END_DECLS
