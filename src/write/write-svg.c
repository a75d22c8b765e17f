/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * write-svg.c: the charts (write-svg.h). Only layout happens here: scales
 * from data to pixels, tick steps, label positions.
 */
#include "write/write-svg.h"

#include <math.h>
#include <string.h>

#include "write/write-markup.h"
#include "write/write-names.h"
#include "write/write-number.h"
#include "write/write-sensitivity.h"

#define FONT "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\""
#define INK "#222222"
#define GRID "#dddddd"
#define MUTED "#666666"
/* A white outline under chart labels keeps them readable over lines and dots. */
#define HALO "stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\" "

/* Okabe and Ito's palette, black left out, plus two darker tones. */
static const char *const palette[] = {
  "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#8C6D31", "#555555",
};

const char *
rl_party_colour (guint p)
{
  return palette[p % G_N_ELEMENTS (palette)];
}

const char *
rl_score_label (RlScoreKind kind)
{
  switch (kind)
    {
    case RL_SCORE_WELFARE: return "Max welfare";
    case RL_SCORE_NASH: return "Nash";
    case RL_SCORE_KALAI: return "Kalai";
    case RL_SCORE_MIN_GAIN: return "Egalitarian";
    case RL_SCORE_UTILITY: return "Utility";
    case RL_SCORE_DURABILITY: default: return "Durability";
    }
}

/* A coordinate, one decimal, whatever the locale. */
static const char *
px (char buf[RL_NUMBER_BUF], double x)
{
  if (!isfinite (x))
    x = 0;
  g_ascii_formatd (buf, RL_NUMBER_BUF, "%.1f", x);
  return buf;
}

static void
svg_open (GString *out, double w, double h, const char *title)
{
  char a[RL_NUMBER_BUF], b[RL_NUMBER_BUF];
  g_string_append_printf (out, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %s %s\" "
                          "width=\"%s\" height=\"%s\" role=\"img\" " FONT " font-size=\"12\">\n",
                          px (a, w), px (b, h), a, b);
  g_string_append (out, "<title>");
  rl_markup_append (out, title);
  g_string_append (out, "</title>\n");
}

static void
svg_text (GString *out, double x, double y, const char *anchor, const char *attrs,
          const char *text, guint max_chars)
{
  char a[RL_NUMBER_BUF], b[RL_NUMBER_BUF];
  g_string_append_printf (out, "<text x=\"%s\" y=\"%s\" text-anchor=\"%s\"%s%s>", px (a, x),
                          px (b, y), anchor, attrs ? " " : "", attrs ? attrs : "");
  if (max_chars && (guint) g_utf8_strlen (text, -1) > max_chars)
    {
      g_string_append (out, "<title>");
      rl_markup_append (out, text);
      g_string_append (out, "</title>");
      rl_markup_append_truncated (out, text, max_chars);
    }
  else
    rl_markup_append (out, text);
  g_string_append (out, "</text>\n");
}

/* ---- Scales --------------------------------------------------------------------- */

typedef struct {
  double lo, hi;       /* data */
  double a, b;         /* pixels for lo and hi */
  double step;         /* tick step */
} Scale;

static void
scale_init (Scale *s, double lo, double hi, double a, double b)
{
  double range = hi - lo;
  double pad = range > 0 ? 0.06 * range : 0.05;
  s->lo = lo - pad;
  s->hi = hi + pad;
  s->a = a;
  s->b = b;
  double raw = (s->hi - s->lo) / 5;
  double mag = pow (10, floor (log10 (raw)));
  double norm = raw / mag;
  s->step = (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * mag;
}

static double
scale_map (const Scale *s, double v)
{
  return s->a + (v - s->lo) / (s->hi - s->lo) * (s->b - s->a);
}

/* Tick labels with as many decimals as the step needs. */
static const char *
tick_label (char buf[RL_NUMBER_BUF], double v, double step)
{
  int decimals = step >= 1 ? 0 : (int) ceil (-log10 (step) - 1e-9);
  return rl_format_fixed (buf, v, CLAMP (decimals, 0, 6), FALSE);
}

/* ---- Funnel --------------------------------------------------------------------- */

void
rl_svg_funnel (GString *out, const RlCounts *counts)
{
  static const char *const names[] = {
    "Package space", "Feasible", "Compatible", "Acceptable", "Pareto-optimal",
  };
  static const char *const fills[] = { "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c" };
  guint64 v[] = { counts->space, counts->feasible, counts->compatible, counts->acceptable,
                  counts->pareto };
  double space = counts->space_fits ? (double) counts->space : counts->space_approx;
  const double label_w = 130, bar_x = 140, bar_w = 380, row = 30, top = 10;
  double h = top + row * G_N_ELEMENTS (names) + 30;
  char a[RL_NUMBER_BUF], b[RL_NUMBER_BUF], c[RL_NUMBER_BUF], d[RL_NUMBER_BUF];

  svg_open (out, 680, h, "The funnel: how many packages survive each stage");
  double full = log10 (1 + space);
  for (guint k = 0; k < G_N_ELEMENTS (names); k++)
    {
      double y = top + row * k;
      double frac = full > 0 ? log10 (1 + (double) v[k]) / full : 0;
      double w = MAX (frac * bar_w, v[k] > 0 ? 2 : 0);
      svg_text (out, label_w, y + 19, "end", "fill=\"" INK "\"", names[k], 0);
      g_string_append_printf (out, "<rect class=\"funnel-bar\" x=\"%s\" y=\"%s\" width=\"%s\" "
                              "height=\"%s\" fill=\"%s\"/>\n",
                              px (a, bar_x), px (b, y + 4), px (c, w), px (d, row - 8), fills[k]);
      char count[RL_NUMBER_BUF], pct[RL_NUMBER_BUF];
      rl_format_count (count, v[k]);
      rl_format_percent (pct, (double) v[k], space);
      g_autofree char *label = k == 0 ? g_strdup (count) : g_strdup_printf ("%s (%s)", count, pct);
      svg_text (out, bar_x + w + 6, y + 19, "start", "fill=\"" INK "\"", label, 0);
    }
  svg_text (out, bar_x, h - 10, "start", "fill=\"" MUTED "\" font-size=\"11\"",
            "Logarithmic scale: each stage keeps the packages of the one above that pass one "
            "more test.", 0);
  g_string_append (out, "</svg>\n");
}

/* ---- Weights ---------------------------------------------------------------------- */

void
rl_svg_weights (GString *out, const RlScenario *sc, guint p, const guint *order, guint n)
{
  guint n_issues = order ? n : rl_scenario_get_n_issues (sc);
  const double label_w = 262, bar_x = 270, bar_w = 290, row = 22, top = 6;
  double h = top * 2 + row * MAX (n_issues, 1);
  double max_w = 0;
  char a[RL_NUMBER_BUF], b[RL_NUMBER_BUF], c[RL_NUMBER_BUF], d[RL_NUMBER_BUF];
  for (guint k = 0; k < n_issues; k++)
    max_w = MAX (max_w, rl_scenario_get_party_weight (sc, p, order ? order[k] : k));

  g_autofree char *title = g_strdup_printf ("How much each issue weighs for %s", rl_write_party_name (sc, p));
  svg_open (out, 620, h, title);
  if (max_w <= 0)
    svg_text (out, 10, top + 15, "start", "fill=\"" MUTED "\"",
              "No weights: this party's utility comes from its bonuses alone.", 0);
  for (guint k = 0; k < n_issues && max_w > 0; k++)
    {
      guint i = order ? order[k] : k;
      double wgt = rl_scenario_get_party_weight (sc, p, i);
      double y = top + row * k;
      double w = wgt / max_w * bar_w;
      svg_text (out, label_w, y + 15, "end", "fill=\"" INK "\"", rl_write_issue_name (sc, i), 36);
      g_string_append_printf (out, "<rect class=\"weight-bar\" x=\"%s\" y=\"%s\" width=\"%s\" "
                              "height=\"%s\" fill=\"%s\"/>\n", px (a, bar_x), px (b, y + 4),
                              px (c, w), px (d, row - 7), rl_party_colour (p));
      char pct[RL_NUMBER_BUF];
      rl_format_percent (pct, wgt, 1);
      svg_text (out, bar_x + w + 5, y + 15, "start", "fill=\"" INK "\"", pct, 0);
    }
  g_string_append (out, "</svg>\n");
}

/* ---- Utility space ----------------------------------------------------------------- */

typedef struct {
  Scale x, y;
  double left, top, right, bottom;   /* the plot area */
} Frame;

static void
draw_frame (GString *out, const Frame *f, const char *x_name, const char *y_name, gboolean small)
{
  char a[RL_NUMBER_BUF], b[RL_NUMBER_BUF], c[RL_NUMBER_BUF], d[RL_NUMBER_BUF], t[RL_NUMBER_BUF];
  g_string_append_printf (out, "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" fill=\"#fbfbfb\" "
                          "stroke=\"#999999\"/>\n", px (a, f->left), px (b, f->top),
                          px (c, f->right - f->left), px (d, f->bottom - f->top));
  const char *fs = small ? "font-size=\"10\" fill=\"" MUTED "\"" : "font-size=\"11\" fill=\"" MUTED "\"";
  double first = ceil (f->x.lo / f->x.step - 1e-9) * f->x.step;
  for (double v = first; v <= f->x.hi + 1e-12; v += f->x.step)
    {
      double x = scale_map (&f->x, v);
      g_string_append_printf (out, "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"" GRID "\"/>\n",
                              px (a, x), px (b, f->top), px (c, x), px (d, f->bottom));
      svg_text (out, x, f->bottom + 14, "middle", fs, tick_label (t, v, f->x.step), 0);
    }
  first = ceil (f->y.lo / f->y.step - 1e-9) * f->y.step;
  for (double v = first; v <= f->y.hi + 1e-12; v += f->y.step)
    {
      double y = scale_map (&f->y, v);
      g_string_append_printf (out, "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"" GRID "\"/>\n",
                              px (a, f->left), px (b, y), px (c, f->right), px (d, y));
      svg_text (out, f->left - 5, y + 4, "end", fs, tick_label (t, v, f->y.step), 0);
    }
  const char *xl = x_name, *yl = y_name;
  svg_text (out, (f->left + f->right) / 2, f->bottom + (small ? 28 : 32), "middle",
            small ? "font-size=\"10\" fill=\"" INK "\"" : "fill=\"" INK "\"", xl, small ? 44 : 80);
  double cx = small ? 12 : 16, cy = (f->top + f->bottom) / 2;
  g_autofree char *rot = g_strdup_printf ("transform=\"rotate(-90 %s %s)\" %s", px (a, cx), px (b, cy),
                                          small ? "font-size=\"10\" fill=\"" INK "\"" : "fill=\"" INK "\"");
  svg_text (out, cx, cy, "middle", rot, yl, small ? 40 : 64);
}

static void
circle (GString *out, const char *cls, double x, double y, double r, const char *style)
{
  char a[RL_NUMBER_BUF], b[RL_NUMBER_BUF], c[RL_NUMBER_BUF];
  g_string_append_printf (out, "<circle class=\"%s\" cx=\"%s\" cy=\"%s\" r=\"%s\" %s/>\n", cls,
                          px (a, x), px (b, y), px (c, r), style);
}

/* "#35393: Ukraine 0.602, Russia 0.626" */
static char *
point_title (const RlScenario *sc, const RlReportChart *c, const char *what, guint64 index,
             const double *u)
{
  char a[RL_NUMBER_BUF], b[RL_NUMBER_BUF];
  return g_strdup_printf ("%s%s%" G_GUINT64_FORMAT ": %s %s, %s %s", what ? what : "",
                          what ? " #" : "#", index, rl_write_party_name (sc, c->x),
                          rl_format_fixed (a, u[c->x], 3, FALSE), rl_write_party_name (sc, c->y),
                          rl_format_fixed (b, u[c->y], 3, FALSE));
}

static void
draw_batnas (GString *out, const RlScenario *sc, const RlReportChart *c, const Frame *f,
             gboolean small)
{
  char a[RL_NUMBER_BUF], b[RL_NUMBER_BUF], d[RL_NUMBER_BUF], e[RL_NUMBER_BUF], t[RL_NUMBER_BUF];
  const char *fs = small ? "font-size=\"9\"" : "font-size=\"11\"";
  if (rl_scenario_party_is_veto (sc, c->x))
    {
      double v = rl_scenario_get_party_batna (sc, c->x), x = scale_map (&f->x, v);
      g_string_append_printf (out, "<line class=\"batna\" x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" "
                              "stroke=\"%s\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>\n",
                              px (a, x), px (b, f->top), px (d, x), px (e, f->bottom),
                              rl_party_colour (c->x));
      g_autofree char *label = small ? g_strdup_printf ("BATNA %s", rl_format_fixed (t, v, 2, FALSE))
                                     : g_strdup_printf ("%s's BATNA %s", rl_scenario_get_party_id (sc, c->x),
                                                        rl_format_fixed (t, v, 3, FALSE));
      g_autofree char *attrs = g_strdup_printf ("%s fill=\"%s\" transform=\"rotate(-90 %s %s)\"", fs,
                                                rl_party_colour (c->x), px (a, x - 4),
                                                px (b, f->top + 4));
      svg_text (out, x - 4, f->top + 4, "end", attrs, label, 0);
    }
  if (rl_scenario_party_is_veto (sc, c->y))
    {
      double v = rl_scenario_get_party_batna (sc, c->y), y = scale_map (&f->y, v);
      g_string_append_printf (out, "<line class=\"batna\" x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" "
                              "stroke=\"%s\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>\n",
                              px (a, f->left), px (b, y), px (d, f->right), px (e, y),
                              rl_party_colour (c->y));
      g_autofree char *label = small ? g_strdup_printf ("BATNA %s", rl_format_fixed (t, v, 2, FALSE))
                                     : g_strdup_printf ("%s's BATNA %s", rl_scenario_get_party_id (sc, c->y),
                                                        rl_format_fixed (t, v, 3, FALSE));
      g_autofree char *attrs = g_strdup_printf ("%s fill=\"%s\"", fs, rl_party_colour (c->y));
      svg_text (out, f->right - 4, y - 4, "end", attrs, label, 0);
    }
}

static void
draw_density (GString *out, const RlReport *r, const RlReportChart *c, const Frame *f)
{
  char a[RL_NUMBER_BUF], b[RL_NUMBER_BUF], d[RL_NUMBER_BUF], e[RL_NUMBER_BUF], o[RL_NUMBER_BUF];
  guint n = rl_report_get_cells (r);
  double cw = (c->dx_hi - c->dx_lo) / n, ch = (c->dy_hi - c->dy_lo) / n;
  double lmax = log1p ((double) c->density_max);
  for (guint cy = 0; cy < n; cy++)
    for (guint cx = 0; cx < n; cx++)
      {
        guint64 count = c->density[cy * n + cx];
        if (count == 0)
          continue;
        double x0 = scale_map (&f->x, c->dx_lo + cw * cx), x1 = scale_map (&f->x, c->dx_lo + cw * (cx + 1));
        double y0 = scale_map (&f->y, c->dy_lo + ch * (cy + 1)), y1 = scale_map (&f->y, c->dy_lo + ch * cy);
        double opacity = 0.12 + 0.83 * (lmax > 0 ? log1p ((double) count) / lmax : 1);
        g_string_append_printf (out, "<rect class=\"cell\" x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" "
                                "fill=\"#4a6fa5\" fill-opacity=\"%s\"><title>%" G_GUINT64_FORMAT
                                " packages</title></rect>\n",
                                px (a, x0), px (b, y0), px (d, MAX (x1 - x0, 0.5)),
                                px (e, MAX (y1 - y0, 0.5)),
                                g_ascii_formatd (o, sizeof o, "%.2f", opacity), count);
      }
}

void
rl_svg_utility_space (GString *out, const RlReport *r, const RlReportChart *c, RlSvgSize size)
{
  const RlScenario *sc = rl_report_get_scenario (r);
  const RlResult *res = rl_report_get_result (r);
  const RlEvaluation *status_quo = rl_report_get_status_quo (r);
  guint n_near = rl_report_get_n_near (r), n_markers = rl_report_get_n_markers (r);
  gboolean small = size == RL_SVG_SMALL;
  double w = small ? 330 : 680, h = small ? 310 : 560;
  double legend = small ? 0 : 50;
  Frame f = { .left = small ? 46 : 64, .top = small ? 10 : 14, .right = w - (small ? 10 : 16),
              .bottom = h - legend - (small ? 38 : 44) };
  scale_init (&f.x, c->x_lo, c->x_hi, f.left, f.right);
  scale_init (&f.y, c->y_lo, c->y_hi, f.bottom, f.top);
  const char *pkg_class = small ? "pkg-pair" : "pkg";
  const char *front_class = small ? "frontier-pt-pair" : "frontier-pt";
  char a[RL_NUMBER_BUF], b[RL_NUMBER_BUF];

  g_autofree char *title = g_strdup_printf ("Utility space: %s across, %s up", rl_write_party_name (sc, c->x),
                                            rl_write_party_name (sc, c->y));
  svg_open (out, w, h, title);
  g_autofree char *xl = g_strdup_printf ("%s: utility \u2192", rl_write_party_name (sc, c->x));
  g_autofree char *yl = g_strdup_printf ("%s: utility \u2192", rl_write_party_name (sc, c->y));
  draw_frame (out, &f, xl, yl, small);

  if (rl_report_is_dense (r) && c->density)
    draw_density (out, r, c, &f);
  if (n_near > 0)
    {
      g_string_append (out, "<g class=\"near\" fill=\"none\" stroke=\"#bbbbbb\">\n");
      for (guint d = 0; d < n_near; d++)
        {
          const double *u = rl_report_get_near (r, d);
          char a2[RL_NUMBER_BUF], b2[RL_NUMBER_BUF];
          g_string_append_printf (out, "<circle cx=\"%s\" cy=\"%s\" r=\"%s\"/>\n",
                                  px (a2, scale_map (&f.x, u[c->x])), px (b2, scale_map (&f.y, u[c->y])),
                                  small ? "1.5" : "2");
        }
      g_string_append (out, "</g>\n");
    }
  g_string_append_printf (out, "<g class=\"dots\">\n");
  guint n_dots = rl_report_get_n_dots (r);
  for (guint d = 0; d < n_dots; d++)
    {
      guint64 index;
      const double *u = rl_report_get_dot (r, d, &index);
      double x = scale_map (&f.x, u[c->x]), y = scale_map (&f.y, u[c->y]);
      if (n_dots <= 1000 && !small)
        {
          g_autofree char *t = point_title (sc, c, NULL, index, u);
          g_string_append_printf (out, "<circle class=\"%s\" cx=\"%s\" cy=\"%s\" r=\"3\" fill=\"#8da0cb\" "
                                  "fill-opacity=\"0.7\"><title>", pkg_class, px (a, x), px (b, y));
          rl_markup_append (out, t);
          g_string_append (out, "</title></circle>\n");
        }
      else
        circle (out, pkg_class, x, y, small ? 2 : 2.5, "fill=\"#8da0cb\" fill-opacity=\"0.6\"");
    }
  g_string_append (out, "</g>\n");

  draw_batnas (out, sc, c, &f, small);

  /* The frontier: a line through its points in x order, then the points. */
  guint nf = rl_result_get_n_frontier (res);
  if (nf > 0)
    {
      /* With more than two parties the line zigzags (a package can be
       * optimal because of a third party): lighter, so the points lead. */
      g_string_append (out, rl_scenario_get_n_parties (sc) > 2
                              ? "<polyline class=\"frontier\" fill=\"none\" stroke=\"#08519c\" "
                                "stroke-width=\"1\" stroke-opacity=\"0.55\" points=\""
                              : "<polyline class=\"frontier\" fill=\"none\" stroke=\"#08519c\" "
                                "stroke-width=\"1.5\" points=\"");
      for (guint k = 0; k < nf; k++)
        {
          const RlPackage *pkg = rl_result_get_frontier (res, c->frontier_order[k]);
          g_string_append_printf (out, "%s%s,%s", k ? " " : "", px (a, scale_map (&f.x, pkg->utilities[c->x])),
                                  px (b, scale_map (&f.y, pkg->utilities[c->y])));
        }
      g_string_append (out, "\"/>\n<g class=\"frontier-points\">\n");
      for (guint k = 0; k < nf; k++)
        {
          const RlPackage *pkg = rl_result_get_frontier (res, c->frontier_order[k]);
          double x = scale_map (&f.x, pkg->utilities[c->x]), y = scale_map (&f.y, pkg->utilities[c->y]);
          g_autofree char *t = point_title (sc, c, "Pareto-optimal", pkg->index, pkg->utilities);
          g_string_append_printf (out, "<circle class=\"%s\" cx=\"%s\" cy=\"%s\" r=\"%s\" "
                                  "fill=\"#08519c\"><title>", front_class, px (a, x), px (b, y),
                                  small ? "2.5" : "3.5");
          rl_markup_append (out, t);
          g_string_append (out, "</title></circle>\n");
        }
      g_string_append (out, "</g>\n");
    }

  /* The status quo. */
  if (status_quo)
    {
      const double *u = rl_evaluation_get_package (status_quo)->utilities;
      double x = scale_map (&f.x, u[c->x]), y = scale_map (&f.y, u[c->y]);
      char x0[RL_NUMBER_BUF], x1[RL_NUMBER_BUF], y0[RL_NUMBER_BUF], y1[RL_NUMBER_BUF];
      double s = small ? 4 : 5;
      g_string_append_printf (out, "<g class=\"status-quo\" stroke=\"" INK "\" stroke-width=\"2\">"
                              "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\"/>"
                              "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\"/></g>\n",
                              px (x0, x - s), px (y0, y - s), px (x1, x + s), px (y1, y + s),
                              x0, y1, x1, y0);
      gboolean right = x > f.left + 0.75 * (f.right - f.left);
      svg_text (out, right ? x - s - 3 : x + s + 3, y + s + 9, right ? "end" : "start",
                small ? HALO "font-size=\"9\" fill=\"" INK "\"" : HALO "font-size=\"11\" fill=\"" INK "\"",
                "status quo", 0);
    }

  /* The choices of the scores: one ring and one label per package. */
  guint placed = 0;
  for (guint k = 0; k < RL_N_STANDARD_SCORES; k++)
    {
      if (rl_report_get_same_as (r, (RlScoreKind) k) != (int) k)
        continue;
      const RlPackage *pkg = rl_result_get_top (rl_report_get_result_by_score (r, (RlScoreKind) k), 0);
      GString *label = g_string_new (NULL);
      for (guint j = 0; j < RL_N_STANDARD_SCORES; j++)
        if (rl_report_get_same_as (r, (RlScoreKind) j) == (int) k)
          g_string_append_printf (label, "%s%s", label->len ? " = " : "", rl_score_label ((RlScoreKind) j));
      double x = scale_map (&f.x, pkg->utilities[c->x]), y = scale_map (&f.y, pkg->utilities[c->y]);
      g_string_append_printf (out, "<g class=\"choice\">");
      circle (out, "choice-ring", x, y, small ? 5 : 7,
              "fill=\"none\" stroke=\"#b2182b\" stroke-width=\"2\"");
      double ly = placed % 2 == 0 ? y - (small ? 8 : 11) : y + (small ? 15 : 20);
      svg_text (out, x, ly, x > (f.left + f.right) / 2 ? "end" : "start",
                small ? HALO "font-size=\"9\" fill=\"#b2182b\" font-weight=\"bold\""
                      : HALO "font-size=\"12\" fill=\"#b2182b\" font-weight=\"bold\"", label->str, 0);
      g_string_append (out, "</g>\n");
      g_string_free (label, TRUE);
      placed++;
    }

  /* Markers (debrief: the groups' deals). */
  for (guint m = 0; m < n_markers; m++)
    {
      const RlReportMarker *mk = rl_report_get_marker (r, m);
      double x = scale_map (&f.x, mk->utilities[c->x]), y = scale_map (&f.y, mk->utilities[c->y]);
      g_string_append (out, "<g class=\"marker\">");
      circle (out, mk->acceptable ? "marker-ok" : "marker-bad", x, y, small ? 4 : 5.5,
              mk->acceptable ? "fill=\"#1b7837\" stroke=\"#ffffff\" stroke-width=\"1\""
                             : "fill=\"#ffffff\" stroke=\"#b2182b\" stroke-width=\"2\"");
      gboolean right = x > f.left + 0.7 * (f.right - f.left);
      svg_text (out, right ? x - 8 : x + 8, y - 6, right ? "end" : "start",
                small ? HALO "font-size=\"9\" fill=\"" INK "\"" : HALO "font-size=\"12\" fill=\"" INK "\"",
                mk->label, small ? 16 : 24);
      g_string_append (out, "</g>\n");
    }

  if (!small)
    {
      /* The legend, inside the chart so that an SVG file stands alone. */
      double ly = h - legend + 8, lx = f.left;
      g_string_append (out, "<g class=\"legend\" font-size=\"11\">\n");
      if (rl_report_is_dense (r))
        {
          g_string_append_printf (out, "<rect x=\"%s\" y=\"%s\" width=\"10\" height=\"10\" fill=\"#4a6fa5\" "
                                  "fill-opacity=\"0.6\"/>\n", px (a, lx), px (b, ly - 5));
          svg_text (out, lx + 14, ly + 4, "start", "fill=\"" INK "\"",
                    "acceptable packages (darker: more per cell)", 0);
        }
      else
        {
          circle (out, "legend-dot", lx + 5, ly, 3, "fill=\"#8da0cb\"");
          svg_text (out, lx + 14, ly + 4, "start", "fill=\"" INK "\"", "acceptable package", 0);
        }
      lx += 250;
      char x2[RL_NUMBER_BUF];
      g_string_append_printf (out, "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"#08519c\" "
                              "stroke-width=\"1.5\"/>\n", px (a, lx), px (b, ly), px (x2, lx + 18), b);
      svg_text (out, lx + 24, ly + 4, "start", "fill=\"" INK "\"", "Pareto frontier", 0);
      lx += 130;
      g_string_append_printf (out, "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"" INK "\" "
                              "stroke-dasharray=\"6 4\"/>\n", px (a, lx), px (b, ly), px (x2, lx + 18), b);
      svg_text (out, lx + 24, ly + 4, "start", "fill=\"" INK "\"", "BATNA", 0);
      lx += 80;
      circle (out, "legend-ring", lx + 5, ly, 6, "fill=\"none\" stroke=\"#b2182b\" stroke-width=\"2\"");
      svg_text (out, lx + 16, ly + 4, "start", "fill=\"" INK "\"", "best by a score", 0);
      ly += 20;
      lx = f.left;
      svg_text (out, lx, ly + 4, "start", "fill=\"" MUTED "\"",
                status_quo ? "\u00d7 status quo. Up and to the right is better for both."
                           : "Up and to the right is better for both.", 0);
      if (n_near > 0 && n_markers == 0)
        {
          circle (out, "legend-near", lx + 335, ly, 2.5, "fill=\"none\" stroke=\"#999999\"");
          svg_text (out, lx + 345, ly + 4, "start", "fill=\"" INK "\"",
                    "compatible, but below someone's BATNA", 0);
        }
      if (n_markers > 0)
        {
          circle (out, "legend-ok", lx + 330, ly, 4.5, "fill=\"#1b7837\"");
          svg_text (out, lx + 340, ly + 4, "start", "fill=\"" INK "\"", "group deal, acceptable", 0);
          circle (out, "legend-bad", lx + 500, ly, 4.5, "fill=\"#ffffff\" stroke=\"#b2182b\" stroke-width=\"2\"");
          svg_text (out, lx + 510, ly + 4, "start", "fill=\"" INK "\"", "not acceptable", 0);
        }
      g_string_append (out, "</g>\n");
    }
  g_string_append (out, "</svg>\n");
}

/* ---- Parallel coordinates -------------------------------------------------------------- */

void
rl_svg_parallel (GString *out, const RlReport *r)
{
  const RlScenario *sc = rl_report_get_scenario (r);
  guint np = rl_scenario_get_n_parties (sc);
  g_autofree guint *axes = g_new (guint, np);
  guint na = 0;
  for (guint p = 0; p < np; p++)
    if (rl_scenario_party_is_veto (sc, p))
      axes[na++] = p;
  double w = 680, h = 420, top = 30, bottom = h - 60, left = 50, right = w - 50;
  char a[RL_NUMBER_BUF], b[RL_NUMBER_BUF], c[RL_NUMBER_BUF], d[RL_NUMBER_BUF], t[RL_NUMBER_BUF];
  svg_open (out, w, h, "The Pareto frontier across every veto party (parallel coordinates)");
  g_autofree Scale *scales = g_new (Scale, MAX (na, 1));
  for (guint k = 0; k < na; k++)
    {
      double x = na > 1 ? left + (right - left) * k / (na - 1) : (left + right) / 2;
      double lo, hi;
      rl_report_get_parallel_extent (r, axes[k], &lo, &hi);
      scale_init (&scales[k], lo, hi, bottom, top);
      g_string_append_printf (out, "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"#999999\"/>\n",
                              px (a, x), px (b, top), px (c, x), px (d, bottom));
      svg_text (out, x, bottom + 18, "middle", "font-size=\"11\" fill=\"" INK "\"",
                rl_scenario_get_party_id (sc, axes[k]), 16);
      svg_text (out, x, top - 8, "middle", "font-size=\"10\" fill=\"" MUTED "\"",
                tick_label (t, scales[k].hi, scales[k].step), 0);
      svg_text (out, x, bottom + 32, "middle", "font-size=\"10\" fill=\"" MUTED "\"",
                tick_label (t, scales[k].lo, scales[k].step), 0);
      double by = scale_map (&scales[k], rl_scenario_get_party_batna (sc, axes[k]));
      g_string_append_printf (out, "<line class=\"batna\" x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" "
                              "stroke=\"%s\" stroke-width=\"3\"/>\n", px (a, x - 8), px (b, by),
                              px (c, x + 8), px (d, by), rl_party_colour (axes[k]));
    }
  const RlResult *res = rl_report_get_result (r);
  guint nf = rl_result_get_n_frontier (res);
  const char *opacity = nf > 200 ? "0.25" : "0.6";
  for (guint k = 0; k < nf; k++)
    {
      const RlPackage *pkg = rl_result_get_frontier (res, k);
      g_string_append_printf (out, "<polyline class=\"frontier-line\" fill=\"none\" stroke=\"#08519c\" "
                              "stroke-opacity=\"%s\" points=\"", opacity);
      for (guint j = 0; j < na; j++)
        {
          double x = na > 1 ? left + (right - left) * j / (na - 1) : (left + right) / 2;
          g_string_append_printf (out, "%s%s,%s", j ? " " : "", px (a, x),
                                  px (b, scale_map (&scales[j], pkg->utilities[axes[j]])));
        }
      g_string_append (out, "\"/>\n");
    }
  svg_text (out, left, h - 8, "start", "font-size=\"11\" fill=\"" MUTED "\"",
            "One line per Pareto-optimal package; coloured ticks mark each party's BATNA.", 0);
  g_string_append (out, "</svg>\n");
}

/* ---- Blockers ------------------------------------------------------------------------- */

void
rl_svg_blockers (GString *out, const RlExplanation *ex)
{
  RlScenario *sc = rl_explanation_get_scenario (ex);
  guint n = rl_explanation_get_n_blockers (ex);
  /* After a timeout the bars draw bounds; the labels say which (">= N",
   * "<= N", "?" for not computed). */
  RlKnown feasible_k = rl_explanation_get_feasible (ex);
  guint64 feasible = feasible_k.kind == RL_KNOWN_EXACT ? feasible_k.value : 0;
  const double label_w = 230, bar_x = 240, bar_w = 280, row = 24, top = 8;
  double h = top + row * MAX (n, 1) + 34;
  char a[RL_NUMBER_BUF], b[RL_NUMBER_BUF], c[RL_NUMBER_BUF], d[RL_NUMBER_BUF];
  svg_open (out, 680, h, "What each red line and BATNA rules out");
  for (guint k = 0; k < n; k++)
    {
      guint p = rl_explanation_get_blocker_party (ex, k);
      RlKnown excl_k = rl_explanation_get_blocker_excludes (ex, k);
      RlKnown sole_k = rl_explanation_get_blocker_sole (ex, k);
      guint64 excl = MIN (excl_k.value, feasible), sole = MIN (sole_k.value, excl);
      double y = top + row * k;
      double we = feasible ? bar_w * (double) excl / (double) feasible : 0;
      double ws = feasible ? bar_w * (double) sole / (double) feasible : 0;
      const RlNamedRule *rule = rl_explanation_get_blocker_rule (ex, k);
      g_autofree char *label = g_strdup_printf ("%s: %s", rl_scenario_get_party_id (sc, p),
                                                rule ? rl_named_rule_get_id (rule) : "BATNA");
      svg_text (out, label_w, y + 16, "end", "fill=\"" INK "\"", label, 36);
      g_string_append_printf (out, "<rect class=\"blocker-excludes\" x=\"%s\" y=\"%s\" width=\"%s\" "
                              "height=\"%s\" fill=\"%s\" fill-opacity=\"0.35\"/>\n", px (a, bar_x),
                              px (b, y + 4), px (c, MAX (we, excl ? 1 : 0)), px (d, row - 8),
                              rl_party_colour (p));
      g_string_append_printf (out, "<rect class=\"blocker-sole\" x=\"%s\" y=\"%s\" width=\"%s\" "
                              "height=\"%s\" fill=\"%s\"/>\n", px (a, bar_x), px (b, y + 4),
                              px (c, MAX (ws, sole ? 1 : 0)), px (d, row - 8), rl_party_colour (p));
      char ce[RL_NUMBER_BUF], cs[RL_NUMBER_BUF], price[RL_NUMBER_BUF];
      double pr;
      g_autofree char *text = rl_explanation_get_blocker_price (ex, k, &pr) && fabs (pr) > 1e-12
        ? g_strdup_printf ("%s, alone %s; price %s", rl_format_known (ce, excl_k, FALSE),
                           rl_format_known (cs, sole_k, FALSE), rl_format_fixed (price, pr, 3, TRUE))
        : g_strdup_printf ("%s, alone %s", rl_format_known (ce, excl_k, FALSE),
                           rl_format_known (cs, sole_k, FALSE));
      svg_text (out, bar_x + MAX (we, ws) + 6, y + 16, "start", "font-size=\"11\" fill=\"" INK "\"",
                text, 0);
    }
  char cf[RL_NUMBER_BUF];
  g_autofree char *foot = g_strdup_printf ("Bars over the %s feasible packages: light, all that it "
                                           "rules out; dark, those only it rules out.",
                                           rl_format_known (cf, feasible_k, TRUE));
  svg_text (out, 10, h - 12, "start", "font-size=\"11\" fill=\"" MUTED "\"", foot, 0);
  g_string_append (out, "</svg>\n");
}

/* ---- The simulated talks -------------------------------------------------------------- */

static void
extent_add_v (double *lo, double *hi, double v)
{
  if (!isfinite (v))
    return;
  *lo = MIN (*lo, v);
  *hi = MAX (*hi, v);
}

void
rl_svg_talks (GString *out, const RlSimulation *sim)
{
  RlScenario *sc = rl_simulation_get_scenario (sim);
  guint np = rl_scenario_get_n_parties (sc);
  guint nr = rl_simulation_get_n_rounds (sim);
  const RlSimOutcome *oc = rl_simulation_get_outcome (sim);
  double w = 680, h = 360 + 18 * ((np + 1) / 2);
  Frame f = { .left = 56, .top = 14, .right = w - 16, .bottom = 300 };
  char a[RL_NUMBER_BUF], b[RL_NUMBER_BUF], c[RL_NUMBER_BUF], d[RL_NUMBER_BUF];
  double lo = INFINITY, hi = -INFINITY;
  for (guint k = 0; k < nr; k++)
    {
      const RlSimRound *rd = rl_simulation_get_round (sim, k);
      for (guint p = 0; p < np; p++)
        {
          if (!rl_scenario_party_is_veto (sc, p))
            continue;
          if (rd->utilities)
            extent_add_v (&lo, &hi, rd->utilities[p]);
          if (rd->aspirations)
            extent_add_v (&lo, &hi, rd->aspirations[p]);
        }
    }
  if (!(lo <= hi))
    {
      lo = 0;
      hi = 1;
    }
  scale_init (&f.x, 0, MAX (nr, 2) - 1, f.left, f.right);
  scale_init (&f.y, lo, hi, f.bottom, f.top);
  svg_open (out, w, h, "The simulated talks: what each offer is worth to each veto party");
  draw_frame (out, &f, "Round \u2192", "Utility of the offer \u2192", FALSE);
  for (guint p = 0; p < np; p++)
    {
      if (!rl_scenario_party_is_veto (sc, p))
        continue;
      /* Aspirations, dashed. */
      GString *pts = g_string_new (NULL);
      for (guint k = 0; k < nr; k++)
        {
          const RlSimRound *rd = rl_simulation_get_round (sim, k);
          if (rd->aspirations && isfinite (rd->aspirations[p]))
            g_string_append_printf (pts, "%s%s,%s", pts->len ? " " : "", px (a, scale_map (&f.x, k)),
                                    px (b, scale_map (&f.y, rd->aspirations[p])));
        }
      if (pts->len)
        g_string_append_printf (out, "<polyline class=\"aspiration\" fill=\"none\" stroke=\"%s\" "
                                "stroke-width=\"1.2\" stroke-dasharray=\"5 4\" points=\"%s\"/>\n",
                                rl_party_colour (p), pts->str);
      g_string_free (pts, TRUE);
      /* The offers, a dot each. */
      for (guint k = 0; k < nr; k++)
        {
          const RlSimRound *rd = rl_simulation_get_round (sim, k);
          if (!rd->utilities)
            continue;
          g_autofree char *style = rd->proposer == (int) p
            ? g_strdup_printf ("fill=\"#ffffff\" stroke-width=\"2\" stroke=\"%s\"", rl_party_colour (p))
            : g_strdup_printf ("fill=\"%s\"", rl_party_colour (p));
          circle (out, "offer", scale_map (&f.x, k), scale_map (&f.y, rd->utilities[p]), 3, style);
        }
    }
  if (oc->agreed)
    {
      double x = scale_map (&f.x, oc->round);
      g_string_append_printf (out, "<line class=\"agreement\" x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" "
                              "stroke=\"#b2182b\" stroke-width=\"1.5\"/>\n",
                              px (a, x), px (b, f.top), px (c, x), px (d, f.bottom));
      g_autofree char *label = g_strdup_printf ("agreed, round %u", oc->round);
      svg_text (out, x > (f.left + f.right) / 2 ? x - 4 : x + 4, f.top + 14,
                x > (f.left + f.right) / 2 ? "end" : "start",
                HALO "font-size=\"11\" fill=\"#b2182b\" font-weight=\"bold\"", label, 0);
    }
  /* The legend: one line per veto party. */
  guint k = 0;
  for (guint p = 0; p < np; p++)
    {
      if (!rl_scenario_party_is_veto (sc, p))
        continue;
      double lx = f.left + (k % 2) * 310, ly = f.bottom + 58 + 18 * (k / 2);
      g_string_append_printf (out, "<rect x=\"%s\" y=\"%s\" width=\"10\" height=\"10\" fill=\"%s\"/>\n",
                              px (a, lx), px (b, ly - 9), rl_party_colour (p));
      svg_text (out, lx + 14, ly, "start", "font-size=\"11\" fill=\"" INK "\"", rl_write_party_name (sc, p), 44);
      k++;
    }
  svg_text (out, f.left, h - 8, "start", "font-size=\"11\" fill=\"" MUTED "\"",
            "Dots: what each round's offer is worth to each party (hollow: its proposer's own). "
            "Dashed: aspirations.", 0);
  g_string_append (out, "</svg>\n");
}

/* ---- How robust is this? (sensitivity.md) ----------------------------------------------- */

/* The domain a parameter's grid covers, where its bar is drawn. */
static void
margin_domain (const RlMargin *m, double *lo, double *hi)
{
  switch (m->kind)
    {
    case RL_SENSITIVITY_BATNA:
      *lo = m->nominal - 0.5;
      *hi = m->nominal + 0.5;
      break;
    case RL_SENSITIVITY_WEIGHT:
      *lo = 0;
      *hi = 10;
      break;
    case RL_SENSITIVITY_VALUE:
      *lo = 0;
      *hi = 1;
      break;
    default:
      *lo = -1;
      *hi = 1;
      break;
    }
}

static void
tornado_bar (GString *out, const char *cls, double x0, double x1, double y, double h,
             const char *fill, double opacity)
{
  char a[RL_NUMBER_BUF], b[RL_NUMBER_BUF], c[RL_NUMBER_BUF], d[RL_NUMBER_BUF],
    o[RL_NUMBER_BUF];
  g_ascii_formatd (o, sizeof o, "%.2f", opacity);
  g_string_append_printf (out, "<rect class=\"%s\" x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" "
                          "fill=\"%s\" fill-opacity=\"%s\"/>\n", cls, px (a, x0), px (b, y),
                          px (c, MAX (x1 - x0, 1)), px (d, h), fill, o);
}

void
rl_svg_tornado (GString *out, const RlSensitivity *sens, const RlMargin *const *margins, guint n)
{
  const double label_w = 300, bar_x = 310, bar_w = 250, row = 30, top = 28;
  double h = top + row * MAX (n, 1) + 40;
  char a[RL_NUMBER_BUF], b[RL_NUMBER_BUF], c[RL_NUMBER_BUF], d[RL_NUMBER_BUF];
  svg_open (out, 720, h, "Narrowest margins: where each number alone can go before the answer changes");
  (void) sens;
  svg_text (out, bar_x, 16, "start", "font-size=\"11\" fill=\"" MUTED "\"",
            "each bar spans the number's whole range", 0);
  for (guint k = 0; k < n; k++)
    {
      const RlMargin *m = margins[k];
      double y = top + row * k, dlo, dhi;
      margin_domain (m, &dlo, &dhi);
      double x0 = m->kind == RL_SENSITIVITY_WEIGHT ? 1 : m->nominal;
#define AT(v) (bar_x + bar_w * (CLAMP ((v), dlo, dhi) - dlo) / (dhi - dlo))
      g_string_append (out, "<g class=\"tornado-row\">\n");
      svg_text (out, label_w, y + 17, "end", "fill=\"" INK "\"", m->parameter, 44);
      g_string_append_printf (out, "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"" GRID "\"/>\n",
                              px (a, bar_x), px (b, y + 13), px (c, bar_x + bar_w), px (d, y + 13));
      if (m->zone.holds)
        tornado_bar (out, "tornado-zone", AT (m->zone.lo), AT (m->zone.hi), y + 4, row - 10,
                     "#0072B2", 0.3);
      if (m->top.holds)
        tornado_bar (out, "tornado-top", AT (m->top.lo), AT (m->top.hi), y + 8, row - 18,
                     "#0072B2", 0.9);
      g_string_append_printf (out, "<line class=\"tornado-nominal\" x1=\"%s\" y1=\"%s\" x2=\"%s\" "
                              "y2=\"%s\" stroke=\"" INK "\" stroke-width=\"2\"/>\n",
                              px (a, AT (x0)), px (b, y + 2), px (c, AT (x0)), px (d, y + row - 4));
      gboolean knife = (m->zone.holds && m->zone.knife_edge) || (m->top.holds && m->top.knife_edge);
      if (knife)
        {
          g_string_append_printf (out, "<path class=\"knife-edge\" d=\"M %s %s l 6 -8 l 6 8 z\" "
                                  "fill=\"#D55E00\"><title>knife edge: one step changes the "
                                  "answer</title></path>\n", px (a, AT (x0) - 6), px (b, y + 2));
        }
      const RlSensitivityRange *r = m->top.holds ? &m->top : &m->zone;
      g_autofree char *range = rl_text_sensitivity_range (r);
      svg_text (out, bar_x + bar_w + 8, y + 17, "start", "font-size=\"11\" fill=\"" INK "\"", range, 0);
      g_string_append (out, "</g>\n");
#undef AT
    }
  svg_text (out, 10, h - 22, "start", "font-size=\"11\" fill=\"" MUTED "\"",
            "Light: the zone of agreement stays open; dark: the top package stays first; "
            "black tick: the value now", 0);
  svg_text (out, 10, h - 8, "start", "font-size=\"11\" fill=\"" MUTED "\"",
            "(weights as multiples of themselves, 0 to 10); orange mark: a knife edge.", 0);
  g_string_append (out, "</svg>\n");
}

void
rl_svg_shares (GString *out, const char *const *labels, const RlShare *const *shares, guint n)
{
  const double label_w = 250, bar_x = 260, bar_w = 320, row = 26, top = 10;
  double h = top + row * MAX (n, 1) + 30;
  char a[RL_NUMBER_BUF], b[RL_NUMBER_BUF], c[RL_NUMBER_BUF], d[RL_NUMBER_BUF];
  svg_open (out, 720, h, "The Monte Carlo: how often, with 95 % intervals");
  for (guint k = 0; k < n; k++)
    {
      const RlShare *s = shares[k];
      double y = top + row * k;
      g_string_append (out, "<g class=\"share-row\">\n");
      svg_text (out, label_w, y + 16, "end", "fill=\"" INK "\"", labels[k], 40);
      g_string_append_printf (out, "<rect class=\"share\" x=\"%s\" y=\"%s\" width=\"%s\" "
                              "height=\"%s\" fill=\"#009E73\" fill-opacity=\"0.7\"/>\n",
                              px (a, bar_x), px (b, y + 5), px (c, bar_w * s->share),
                              px (d, row - 10));
      double wl = bar_x + bar_w * s->wilson_lo, wh = bar_x + bar_w * s->wilson_hi;
      char x1[RL_NUMBER_BUF], x2[RL_NUMBER_BUF], ym[RL_NUMBER_BUF], y1[RL_NUMBER_BUF],
        y2[RL_NUMBER_BUF];
      px (x1, wl);
      px (x2, wh);
      px (ym, y + row / 2);
      px (y1, y + 7);
      px (y2, y + row - 7);
      g_string_append_printf (out, "<path class=\"wilson\" d=\"M %s %s H %s M %s %s V %s M %s %s V %s\" "
                              "stroke=\"" INK "\" fill=\"none\"/>\n",
                              x1, ym, x2, x1, y1, y2, x2, y1, y2);
      char pc[RL_NUMBER_BUF], lo[RL_NUMBER_BUF], hi[RL_NUMBER_BUF];
      g_autofree char *text = g_strdup_printf ("%s (%s to %s)", rl_format_percent (pc, s->share, 1),
                                               rl_format_percent (lo, s->wilson_lo, 1),
                                               rl_format_percent (hi, s->wilson_hi, 1));
      svg_text (out, bar_x + bar_w + 8, y + 16, "start", "font-size=\"11\" fill=\"" INK "\"", text, 0);
      g_string_append (out, "</g>\n");
    }
  svg_text (out, 10, h - 10, "start", "font-size=\"11\" fill=\"" MUTED "\"",
            "Bars: the share of samples; whiskers: the Wilson 95 % interval.", 0);
  g_string_append (out, "</svg>\n");
}
