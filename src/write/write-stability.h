/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * write-stability.h: the outputs of `redline stability` (stability.md):
 * the `redline.stability/1` JSON document and the CSV table
 * (write-stability.c), the text in words (write-text-stability.c), and
 * the few pieces that solve's and the report's stability columns share.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>
#include <redline/redline.h>

G_BEGIN_DECLS

/**
 * rl_json_stability:
 * @file: the scenario's file name as the user gave it
 * Returns: (transfer full): the `redline.stability/1` document: deciders,
 *   examined, equilibria (index order), packages (index order, each a
 *   package object with `stable` and `parties`), complete.
 */
JsonNode *rl_json_stability (const RlStability *st, const char *file);

/**
 * rl_json_add_stable:
 * A member @name: {"nash": .., "gmr": .., "smr": .., "seq": ..} of @stable
 * (indexed by RlStabilityConcept).
 */
void rl_json_add_stable (JsonBuilder *b, const char *name, const gboolean *stable);

/**
 * rl_csv_stability:
 * Header `index`, one column per issue, `nash,gmr,smr,seq,movers`; then one
 * row per examined package. `movers`: the decision makers with a
 * unilateral improvement from it, space-separated ids, in file order.
 */
void rl_csv_stability (GString *out, const RlStability *st);

/**
 * rl_text_stability:
 * The verdicts in words: per package, who would move, what it would
 * change and gain, and what answer by the others deters it.
 */
void rl_text_stability (GString *out, const RlStability *st, const char *file);

/**
 * rl_stability_verdict_text:
 * Returns: (transfer full): "stable (GMR, SMR, SEQ), not Nash", "stable
 *   under every concept" or "unstable under every concept", from @stable
 *   (indexed by RlStabilityConcept).
 */
char *rl_stability_verdict_text (const gboolean *stable);

/** rl_stability_short: (transfer full): the concepts that hold, "nash gmr", or "none". */
char *rl_stability_short (const gboolean *stable);

G_END_DECLS

/* ---- solve --stability: the listed packages' verdicts ---- */

/**
 * rl_stability_lookup:
 * @index: a package index
 * @stable: (out caller-allocates): its four verdicts (RlStabilityConcept order)
 * Returns: whether @st examined that package.
 */
gboolean rl_stability_lookup (const RlStability *st, guint64 index, gboolean *stable);

/**
 * rl_json_add_stability_members:
 * Adds `stability` (the four booleans) to every package object of @doc's
 * `top` and `frontier` that @st examined.
 */
void rl_json_add_stability_members (JsonNode *doc, const RlStability *st);

/**
 * rl_csv_add_stability_column:
 * Appends a `stability` column to solve's CSV table in @csv (the concepts
 * that hold, space-separated, or "none"; empty when not examined),
 * reading each row's index from its `index` column.
 */
void rl_csv_add_stability_column (GString *csv, const RlStability *st);

/**
 * rl_text_solve_stability:
 * A table after solve's text: each listed package's verdict in words.
 */
void rl_text_solve_stability (GString *out, const RlStability *st);
