/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * frontier.h: the Pareto archive of scenario.md section 5.
 *
 * Dominance with a tolerance is not transitive: y may dominate x while
 * nothing that dominates y does. So the archive keeps two sets: the
 * candidates (not dominated by anything seen) and the shadow (dominated,
 * but kept because they might be the only ones to dominate a later
 * package). A dominated package is dropped for good only when some kept
 * point is at least as good in every utility, without tolerance: then that
 * point dominates whatever the dropped one would have. Every package seen
 * is thus represented by a kept point at least as good, which makes the
 * final filter exact, for any arrival order and any split over threads.
 *
 * Ownership: rl_archive_new() returns a new archive; rl_archive_free().
 */
#pragma once

#include <glib.h>

#include "engine/run.h"

G_BEGIN_DECLS

typedef struct _RlArchive RlArchive;

/** rl_archive_new: points of @n_dims utilities, packages of @n_issues bytes. */
RlArchive *rl_archive_new (guint n_dims, guint n_issues);
void rl_archive_free (RlArchive *a);

/**
 * rl_archive_insert: @u and @package are copied.
 * Returns: whether the package is a candidate now (dominated by nothing
 *   seen so far): worth telling other threads about.
 */
gboolean rl_archive_insert (RlArchive *a, const double *u, const guint8 *package);

/**
 * rl_archive_insert_foreign:
 * Adds another thread's candidate @u to prune with. It demotes the
 * candidates it dominates and answers questions like any point, but is
 * never merged: its own thread's archive holds it.
 */
void rl_archive_insert_foreign (RlArchive *a, const double *u);

/**
 * rl_archive_covers:
 * Returns: whether some kept point dominates a package with utilities @ub
 *   exactly-or-better in every utility: then every package whose
 *   utilities are at most @ub (one by one) is dominated, and is covered
 *   without being inserted (subtree pruning).
 */
gboolean rl_archive_covers (const RlArchive *a, const double *ub);

/**
 * rl_archive_find_cover:
 * Like rl_archive_covers(), and copies the covering point's utilities to
 * @out (n_dims doubles), which callers may cache: a point that covers once
 * stays a valid cover, whatever the archive does later.
 */
gboolean rl_archive_find_cover (RlArchive *a, const double *ub, double *out);

/**
 * rl_point_covers:
 * Returns: whether @y is at least @ub in every utility (no tolerance) and
 *   dominates it: then @y dominates every package whose utilities are at
 *   most @ub, and covers it in the archive's sense.
 */
gboolean rl_point_covers (const double *y, const double *ub, guint n);

/** rl_archive_merge: moves every point of @from into @into (no filtering). */
void rl_archive_merge (RlArchive *into, RlArchive *from);

/**
 * rl_archive_pack:
 * Appends @a's points (not the foreign ones) to @out, for another MPI
 * rank's rl_archive_unpack(): same program, same machine word.
 */
void rl_archive_pack (const RlArchive *a, GByteArray *out);

/**
 * rl_archive_unpack:
 * Adds the points rl_archive_pack() wrote at *@data to @into, as
 * rl_archive_merge() does, and moves *@data past them.
 */
void rl_archive_unpack (RlArchive *into, const guint8 **data, const guint8 *end);

/**
 * rl_archive_finish:
 * @deadline: monotonic deadline or 0
 * @complete: (out) (optional): %FALSE when the deadline stopped the
 *   filter: the packages kept so far are Pareto-optimal, others may be too
 *
 * Filters the candidates against every kept point and sorts them by
 * package (index order).
 * Returns: how many Pareto-optimal packages (a lower bound when stopped).
 */
guint rl_archive_finish (RlArchive *a, RlDeadline deadline, gboolean *complete);
const guint8 *rl_archive_get_package (const RlArchive *a, guint i);
const double *rl_archive_get_utilities (const RlArchive *a, guint i);

/**
 * rl_dominates:
 * Returns: whether @y dominates @x (scenario.md section 5): at least as
 *   good for every party within 1e-9, better by more than 1e-9 for one.
 */
gboolean rl_dominates (const double *y, const double *x, guint n);

G_END_DECLS
