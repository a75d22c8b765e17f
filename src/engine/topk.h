/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * topk.h: the first K packages in scenario.md section 6's order, found
 * while packages stream past, in bounded memory.
 *
 * The order groups packages whose scores tie with a group's first
 * ("anchor") package, so which packages come first depends on every score
 * above them, not on K of them. The collection therefore keeps (1) every
 * package that fewer than K others surely precede, and (2) every distinct
 * score within reach of the K-th best, enough to place the anchors exactly.
 * Both shrink when the collection is compacted; neither depends on the
 * order in which packages arrive, so threads may merge in any order.
 *
 * Ownership: rl_topk_new() returns a new collection; rl_topk_free().
 */
#pragma once

#include <redline/solve.h>

G_BEGIN_DECLS

typedef struct _RlTopK RlTopK;

/** rl_topk_new: @k > 0; @payload bytes of caller data are kept per package. */
RlTopK *rl_topk_new (RlScoreKind kind, guint k, guint n_issues, gsize payload);
void rl_topk_free (RlTopK *t);

/**
 * rl_topk_offer:
 * @package: n_issues option positions (file order)
 * @payload: (nullable): bytes copied with the package (e.g. utilities)
 */
void rl_topk_offer (RlTopK *t, double score, const guint8 *package, const void *payload);

/**
 * rl_topk_prunes:
 * Returns: %TRUE when no package whose score is at most @bound can be among
 *   the first K any more (branch and bound).
 */
gboolean rl_topk_prunes (const RlTopK *t, double bound);

/** rl_topk_merge: moves everything of @from into @into. */
void rl_topk_merge (RlTopK *into, RlTopK *from);

/** rl_topk_pack: appends @t's candidates to @out, for another MPI rank. */
void rl_topk_pack (const RlTopK *t, GByteArray *out);

/**
 * rl_topk_unpack:
 * Adds the candidates rl_topk_pack() wrote at *@data (by a list of the
 * same kind, k and sizes) to @into, as rl_topk_merge() does, and moves
 * *@data past them.
 */
void rl_topk_unpack (RlTopK *into, const guint8 **data, const guint8 *end);

/**
 * rl_topk_finish:
 * @n: (out): how many (at most k)
 * Returns: (transfer none): the first K in order; for each, its score,
 *   package and payload via the getters below. Valid until the next call.
 */
guint rl_topk_finish (RlTopK *t);
double rl_topk_get_score (const RlTopK *t, guint i);
const guint8 *rl_topk_get_package (const RlTopK *t, guint i);
const void *rl_topk_get_payload (const RlTopK *t, guint i);

/**
 * rl_order_packages:
 * Sorts @n entries by scenario.md's order: @scores exact, groups anchored at
 * the first, packages (compared as bytes, which is index order) inside a
 * group. @perm receives the order as positions into the inputs.
 */
void rl_order_packages (RlScoreKind kind, const double *scores, const guint8 *packages,
                        guint n_issues, guint n, guint *perm);

G_END_DECLS
