/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * write-explain.h: the outputs of `explain` (cli.md): the
 * `redline.explain/1` JSON document, the analyst's text, and the blocker
 * table as CSV. Nothing here computes: every number comes from the
 * RlExplanation as it is.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>
#include <redline/redline.h>
#include <redline/explain.h>

G_BEGIN_DECLS

/**
 * rl_json_explain:
 * Returns: (transfer full): the `redline.explain/1` document: format,
 *   generator, acceptable, conflicts, relaxations (each with its count and
 *   best package), blockers (id, party, kind, excludes, sole, price), and
 *   "complete": false when the work was cut short.
 */
JsonNode *rl_json_explain (const RlExplanation *ex);

/**
 * rl_text_explain:
 * @file: the scenario's file name as the user gave it
 * An analyst's paragraph (why there is no deal and the least that would
 * have to give, or what each red line costs the deal), then the
 * conflicts, the relaxations with the best package each opens, and the
 * blocker table, in RL_TEXT_WIDTH columns.
 */
void rl_text_explain (GString *out, const RlExplanation *ex, const char *file);

/**
 * rl_csv_explain:
 * The blocker table: id,party,kind,excludes,sole,price (price empty when
 * null), one row per blocker in the document's order.
 */
void rl_csv_explain (GString *out, const RlExplanation *ex);

G_END_DECLS
