/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * write-compare.h: the outputs of `redline compare` (cli.md): text, the
 * `redline.compare/1` JSON document and CSV. Like every writer, they only
 * print what the comparison holds.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>
#include <redline/redline.h>

G_BEGIN_DECLS

/** RL_COMPARE_EXAMPLES: how many gained and lost packages the text shows. */
#define RL_COMPARE_EXAMPLES 3

/**
 * rl_text_compare:
 * @file_a, @file_b: the names the user gave
 * The two titles, the changes from A to B, the funnels side by side,
 * gained and lost packages with the best few of each, each party's ideal
 * and its utility at the top package before and after, and the top
 * package before and after, issue by issue.
 */
void rl_text_compare (GString *out, const RlComparison *cmp, const char *file_a,
                      const char *file_b);

/**
 * rl_json_compare:
 * The `redline.compare/1` document: format, generator (B's changes), `a`
 * and `b` (complete `redline.solve/1` documents), `gained`, `lost`,
 * `changes` (from A to B, or null when B does not extend A),
 * `shared_issues`, and `"complete": false` after a timeout.
 */
JsonNode *rl_json_compare (const RlComparison *cmp, const char *file_a, const char *file_b);

/**
 * rl_csv_compare:
 * One row per gained package (B's, index order), then per lost package
 * (A's): `change` ("gained" or "lost"), `index` (in its own scenario),
 * one column per issue of A then per issue only B has, one `u_PARTY`
 * column per party of A then per party only B has (empty where the
 * package's scenario lacks it), then welfare,nash,kalai,min_gain,pareto.
 */
void rl_csv_compare (GString *out, const RlComparison *cmp);

G_END_DECLS
