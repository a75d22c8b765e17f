/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * write-svg-labels.h: where a chart's labels go. Every mark (a ring, a
 * cross, a group's deal) and every label already drawn is an obstacle;
 * each new label takes the first place beside its own mark whose box
 * touches no obstacle and stays inside the plot, nearest first, and is
 * joined to its mark by a leader line when it had to move away. A label
 * is sized from a per-character estimate generous enough for DejaVu Sans
 * (the browser test measures the real boxes).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/** RlBox: a rectangle, x and y its top left corner. */
typedef struct {
  double x, y, w, h;
} RlBox;

/** rl_label_width: the estimated width of @text at @font_size px. */
double rl_label_width (const char *text, double font_size, gboolean bold);

/**
 * rl_label_box:
 * The estimated box of @text drawn at (@x, @y), the y its baseline.
 * @anchor: "start", "middle" or "end"
 */
RlBox rl_label_box (const char *text, double x, double y, const char *anchor, double font_size,
                    gboolean bold);

/**
 * rl_label_box_rotated:
 * The box of @text drawn at (@x, @y), text-anchor end, turned by -90
 * degrees about (@x, @y): it runs down from there.
 */
RlBox rl_label_box_rotated (const char *text, double x, double y, double font_size);

typedef struct _RlLabels RlLabels;

/** rl_labels_new: (transfer full): a placer for labels inside @plot. */
RlLabels *rl_labels_new (RlBox plot);
void rl_labels_free (RlLabels *labels);

/** rl_labels_add_obstacle: a box no label may touch (a mark, a fixed label). */
void rl_labels_add_obstacle (RlLabels *labels, RlBox box);

/**
 * RlLabelPlace: where a label went.
 * @x, @y: the text's anchor, text-anchor start, y its baseline
 * @box: its box (now an obstacle to the next labels)
 * @moved: whether it stands away from its mark: then a leader line runs
 *   from (@lx1, @ly1), on the box's edge, to (@lx2, @ly2), on the mark's
 *   ring
 * @clear: %FALSE when no place was free and the label overlaps the least
 */
/**
 * rl_labels_cost:
 * Returns: how badly @box would sit: 0 when it touches no obstacle and
 *   stays inside the plot, more the more it overlaps or sticks out.
 */
double rl_labels_cost (const RlLabels *labels, RlBox box);

typedef struct {
  double x, y;
  RlBox box;
  gboolean moved;
  double lx1, ly1, lx2, ly2;
  gboolean clear;
} RlLabelPlace;

/**
 * rl_labels_place:
 * Places a label @w x @h (font size @font_size) beside the mark of radius
 * @r at (@cx, @cy).
 */
RlLabelPlace rl_labels_place (RlLabels *labels, double cx, double cy, double r, double w,
                              double font_size);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RlLabels, rl_labels_free)

G_END_DECLS
