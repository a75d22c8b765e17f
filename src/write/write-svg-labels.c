/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * write-svg-labels.c: label placement (write-svg-labels.h). A small
 * greedy search: eight places touching the mark, then rings of places
 * further out; a chart has a handful of labels, so trying them all costs
 * nothing.
 */
#include "write/write-svg-labels.h"

#include <math.h>

/* Above the baseline and below it, in font sizes (DejaVu Sans: 0.93, 0.24). */
#define ASCENT 0.95
#define DESCENT 0.25
/* Labels keep this far apart, so that their white halos do not touch. */
#define PAD 1.5

struct _RlLabels {
  RlBox plot;
  GArray *obstacles;   /* RlBox */
};

double
rl_label_width (const char *text, double font_size, gboolean bold)
{
  /* DejaVu Sans runs about 0.55 em a character on average, wide capitals
   * and digits 0.64; bold 0.07 more. */
  return (double) g_utf8_strlen (text, -1) * font_size * (bold ? 0.72 : 0.64);
}

RlBox
rl_label_box (const char *text, double x, double y, const char *anchor, double font_size,
              gboolean bold)
{
  double w = rl_label_width (text, font_size, bold);
  double left = g_str_equal (anchor, "end") ? x - w : g_str_equal (anchor, "middle") ? x - w / 2 : x;
  return (RlBox){ left, y - ASCENT * font_size, w, (ASCENT + DESCENT) * font_size };
}

RlBox
rl_label_box_rotated (const char *text, double x, double y, double font_size)
{
  double w = rl_label_width (text, font_size, FALSE);
  return (RlBox){ x - ASCENT * font_size, y, (ASCENT + DESCENT) * font_size, w };
}

RlLabels *
rl_labels_new (RlBox plot)
{
  RlLabels *l = g_new0 (RlLabels, 1);
  l->plot = plot;
  l->obstacles = g_array_new (FALSE, FALSE, sizeof (RlBox));
  return l;
}

void
rl_labels_free (RlLabels *l)
{
  if (l == NULL)
    return;
  g_array_unref (l->obstacles);
  g_free (l);
}

void
rl_labels_add_obstacle (RlLabels *l, RlBox box)
{
  g_array_append_val (l->obstacles, box);
}

static double
overlap (RlBox a, RlBox b)
{
  double w = MIN (a.x + a.w + PAD, b.x + b.w + PAD) - MAX (a.x, b.x);
  double h = MIN (a.y + a.h + PAD, b.y + b.h + PAD) - MAX (a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/* How much a box overlaps the obstacles, plus how far it leaves the plot
 * (weighted heavily: a label outside the frame sits on the ticks). */
double
rl_labels_cost (const RlLabels *l, RlBox b)
{
  double c = 0;
  for (guint k = 0; k < l->obstacles->len; k++)
    c += overlap (b, g_array_index (l->obstacles, RlBox, k));
  double out = MAX (0, l->plot.x - b.x) + MAX (0, b.x + b.w - l->plot.x - l->plot.w)
               + MAX (0, l->plot.y - b.y) + MAX (0, b.y + b.h - l->plot.y - l->plot.h);
  return c + 1000 * out;
}

/* The box whose edge nearest (cx, cy) lies at distance @d in direction
 * @angle: for the eight compass points it touches the mark's side. */
static RlBox
box_at (double cx, double cy, double d, double angle, double w, double h)
{
  double ux = cos (angle), uy = sin (angle);
  /* The box's centre sits so that its edge, not its centre, is @d away. */
  double ex = fabs (ux) < 1e-9 ? 0 : (w / 2) / fabs (ux);
  double ey = fabs (uy) < 1e-9 ? 0 : (h / 2) / fabs (uy);
  double e = fabs (ux) < 1e-9 ? ey : fabs (uy) < 1e-9 ? ex : MIN (ex, ey);
  double mx = cx + (d + e) * ux, my = cy + (d + e) * uy;
  return (RlBox){ mx - w / 2, my - h / 2, w, h };
}

RlLabelPlace
rl_labels_place (RlLabels *l, double cx, double cy, double r, double w, double font_size)
{
  double h = (ASCENT + DESCENT) * font_size;
  /* Right, left, above, below, then the diagonals: a reader looks right first. */
  static const double near_angles[] = { 0, 180, -90, 90, -35, -145, 35, 145 };
  RlBox best = { 0 };
  double best_cost = INFINITY;
  gboolean best_moved = FALSE;
  for (guint ring = 0; ring < 12 && best_cost > 0; ring++)
    {
      double d = r + 3 + ring * (ring < 4 ? 8 : 14);
      guint n = ring == 0 ? G_N_ELEMENTS (near_angles) : 16;
      for (guint k = 0; k < n && best_cost > 0; k++)
        {
          double deg = ring == 0 ? near_angles[k] : k * 22.5;
          RlBox b = box_at (cx, cy, d, deg * G_PI / 180, w, h);
          double c = rl_labels_cost (l, b);
          if (c < best_cost)
            {
              best_cost = c;
              best = b;
              best_moved = ring > 0;
            }
        }
    }
  RlLabelPlace p = { .x = best.x, .y = best.y + ASCENT * font_size, .box = best,
                     .moved = best_moved, .clear = best_cost == 0 };
  if (p.moved)
    {
      /* From the box's point nearest the mark to the ring, along the line between them. */
      p.lx1 = CLAMP (cx, best.x, best.x + best.w);
      p.ly1 = CLAMP (cy, best.y, best.y + best.h);
      double dx = p.lx1 - cx, dy = p.ly1 - cy, len = hypot (dx, dy);
      p.lx2 = cx + (len > 0 ? r * dx / len : r);
      p.ly2 = cy + (len > 0 ? r * dy / len : 0);
    }
  rl_labels_add_obstacle (l, best);
  return p;
}
