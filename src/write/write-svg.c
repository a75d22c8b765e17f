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
#include "write/write-svg-labels.h"

#define FONT "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\""
#define INK "#222222"
#define GRID "#dddddd"
#define MUTED "#666666"
/* Acceptable packages in cells: grey-blue, so that the Pareto-optimal
 * ones' cells (the frontier's blue) stand out over them. */
#define ACCEPTABLE_CELL "#8a97ab"
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

/* @text broken at spaces into lines of at most @max_chars characters (a
 * longer word is split), at most @max_lines of them; what does not fit
 * goes into the last line, which the caller cuts with an ellipsis. */
static GPtrArray *
wrap_text (const char *text, guint max_chars, guint max_lines)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  g_auto (GStrv) words = g_strsplit (text, " ", -1);
  GString *line = g_string_new (NULL);
  for (guint k = 0; words[k]; k++)
    {
      const char *w = words[k];
      if (!*w)
        continue;
      if (lines->len + 1 >= max_lines)
        {
          /* The last line: everything left. */
          g_string_append_printf (line, "%s%s", line->len ? " " : "", w);
          continue;
        }
      guint lw = (guint) g_utf8_strlen (line->str, -1), ww = (guint) g_utf8_strlen (w, -1);
      if (line->len && lw + 1 + ww > max_chars)
        {
          g_ptr_array_add (lines, g_strdup (line->str));
          g_string_truncate (line, 0);
          k--;
          continue;
        }
      if (!line->len && ww > max_chars)
        {
          /* A word longer than a line: split it. */
          g_ptr_array_add (lines, g_utf8_substring (w, 0, max_chars));
          words[k] = g_strdup (g_utf8_offset_to_pointer (w, max_chars));
          g_free ((char *) w);
          k--;
          continue;
        }
      g_string_append_printf (line, "%s%s", line->len ? " " : "", w);
    }
  if (line->len || lines->len == 0)
    g_ptr_array_add (lines, g_strdup (line->str));
  g_string_free (line, TRUE);
  return lines;
}

/* How many lines svg_text_wrapped() draws @text in. */
static guint
wrapped_lines (const char *text, guint max_chars, guint max_lines)
{
  g_autoptr (GPtrArray) lines = wrap_text (text, max_chars, max_lines);
  return lines->len;
}

/* @lines in one <text>, @line_h apart (the first at @y), each cut with an
 * ellipsis past @max_chars, with the whole @text in a <title>. */
static void
svg_text_lines (GString *out, double x, double y, const char *anchor, const char *attrs,
                const char *text, GPtrArray *lines, guint max_chars, double line_h)
{
  char a[RL_NUMBER_BUF], b[RL_NUMBER_BUF];
  g_string_append_printf (out, "<text x=\"%s\" y=\"%s\" text-anchor=\"%s\"%s%s><title>", px (a, x),
                          px (b, y), anchor, attrs ? " " : "", attrs ? attrs : "");
  rl_markup_append (out, text);
  g_string_append (out, "</title>");
  for (guint k = 0; k < lines->len; k++)
    {
      g_string_append_printf (out, "<tspan x=\"%s\" dy=\"%s\">", px (a, x), px (b, k ? line_h : 0));
      rl_markup_append_truncated (out, g_ptr_array_index (lines, k), max_chars);
      g_string_append (out, "</tspan>");
    }
  g_string_append (out, "</text>\n");
}

/* Like svg_text(), but a long @text is wrapped onto up to @max_lines lines
 * @line_h apart (the first at @y), the last cut with an ellipsis if it must
 * be, and the whole text given in a <title>. */
static void
svg_text_wrapped (GString *out, double x, double y, const char *anchor, const char *attrs,
                  const char *text, guint max_chars, guint max_lines, double line_h)
{
  g_autoptr (GPtrArray) lines = wrap_text (text, max_chars, max_lines);
  if (lines->len == 1 && (guint) g_utf8_strlen (text, -1) <= max_chars)
    svg_text (out, x, y, anchor, attrs, text, 0);
  else
    svg_text_lines (out, x, y, anchor, attrs, text, lines, max_chars, line_h);
}

/* An axis title "Party: utility →" too long for one line: the party on
 * the first, the rest on the second; otherwise as svg_text_wrapped(). */
static GPtrArray *
axis_title_lines (const char *text, guint max_chars)
{
  const char *colon = strstr (text, ": ");
  if ((guint) g_utf8_strlen (text, -1) <= max_chars || colon == NULL)
    return wrap_text (text, max_chars, 2);
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (lines, g_strndup (text, colon + 1 - text));
  g_ptr_array_add (lines, g_strdup (colon + 2));
  return lines;
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
  const double axis_y = top + row * G_N_ELEMENTS (names) + 2;
  double h = axis_y + 50;
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
  /* The scale: a tick at every power of ten the space reaches, where a bar
   * of that many packages would end; labelled every step while they fit. */
  g_string_append_printf (out, "<line class=\"funnel-axis\" x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" "
                          "stroke=\"#999999\"/>\n", px (a, bar_x), px (b, axis_y), px (c, bar_x + bar_w),
                          px (d, axis_y));
  int top_power = full > 0 ? (int) floor (log10 (MAX (space, 1))) : 0;
  int every = top_power <= 9 ? 1 : (top_power + 8) / 9;
  for (int e = 0; e <= top_power && full > 0; e++)
    {
      double x = bar_x + log10 (1 + pow (10, e)) / full * bar_w;
      g_string_append_printf (out, "<line class=\"funnel-tick\" x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" "
                              "stroke=\"#999999\"/>\n", px (a, x), px (b, axis_y), px (c, x),
                              px (d, axis_y + 4));
      if (e % every)
        continue;
      static const char *const sup[] = { "\u2070", "\u00b9", "\u00b2", "\u00b3", "\u2074",
                                         "\u2075", "\u2076", "\u2077", "\u2078", "\u2079" };
      g_autofree char *label = NULL;
      if (e <= 3)
        label = g_strdup (e == 0 ? "1" : e == 1 ? "10" : e == 2 ? "100" : "1,000");
      else
        {
          GString *l = g_string_new ("10");
          char digits[16];
          g_snprintf (digits, sizeof digits, "%d", e);
          for (const char *q = digits; *q; q++)
            g_string_append (l, sup[*q - '0']);
          label = g_string_free (l, FALSE);
        }
      svg_text (out, x, axis_y + 15, "middle", "class=\"funnel-tick-label\" font-size=\"10\" fill=\"" MUTED "\"",
                label, 0);
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
  const double label_w = 262, bar_x = 270, bar_w = 290, top = 6;
  double row = 22;
  double max_w = 0;
  /* A long issue name takes two lines, and then every row makes room. */
  for (guint k = 0; k < n_issues; k++)
    if (wrapped_lines (rl_write_issue_name (sc, order ? order[k] : k), 36, 2) > 1)
      row = 32;
  double h = top * 2 + row * MAX (n_issues, 1);
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
      const char *name = rl_write_issue_name (sc, i);
      guint nl = wrapped_lines (name, 36, 2);
      svg_text_wrapped (out, label_w, y + row / 2 + 4 - (nl - 1) * 6.5, "end", "fill=\"" INK "\"", name,
                        36, 2, 13);
      g_string_append_printf (out, "<rect class=\"weight-bar\" x=\"%s\" y=\"%s\" width=\"%s\" "
                              "height=\"%s\" fill=\"%s\"/>\n", px (a, bar_x), px (b, y + row / 2 - 7.5),
                              px (c, w), px (d, 15), rl_party_colour (p));
      char pct[RL_NUMBER_BUF];
      rl_format_percent (pct, wgt, 1);
      svg_text (out, bar_x + w + 5, y + row / 2 + 4, "start", "fill=\"" INK "\"", pct, 0);
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
  guint xmax = small ? 48 : 90, ymax = small ? 40 : 64;
  g_autoptr (GPtrArray) xlines = axis_title_lines (xl, xmax);
  const char *xattrs = small ? "font-size=\"10\" fill=\"" INK "\"" : "fill=\"" INK "\"";
  if (xlines->len == 1)
    svg_text (out, (f->left + f->right) / 2, f->bottom + (small ? 26 : 32), "middle", xattrs, xl, xmax);
  else
    svg_text_lines (out, (f->left + f->right) / 2, f->bottom + (small ? 26 : 32), "middle", xattrs, xl,
                    xlines, xmax, small ? 11 : 14);
  /* Two lines when it is long: the first further out. */
  g_autoptr (GPtrArray) ylines = axis_title_lines (yl, ymax);
  double cx = ylines->len > 1 ? (small ? 10 : 14) : (small ? 12 : 16), cy = (f->top + f->bottom) / 2;
  g_autofree char *rot = g_strdup_printf ("transform=\"rotate(-90 %s %s)\" %s", px (a, cx), px (b, cy),
                                          small ? "font-size=\"10\" fill=\"" INK "\"" : "fill=\"" INK "\"");
  if (ylines->len == 1)
    svg_text (out, cx, cy, "middle", rot, yl, ymax);
  else
    svg_text_lines (out, cx, cy, "middle", rot, yl, ylines, ymax, small ? 11 : 13);
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

/* The dashed BATNA lines of the veto axes; their labels come with the marks'. */
static void
draw_batnas (GString *out, const RlScenario *sc, const RlReportChart *c, const Frame *f)
{
  char a[RL_NUMBER_BUF], b[RL_NUMBER_BUF], d[RL_NUMBER_BUF], e[RL_NUMBER_BUF];
  if (rl_scenario_party_is_veto (sc, c->x))
    {
      double x = scale_map (&f->x, rl_scenario_get_party_batna (sc, c->x));
      g_string_append_printf (out, "<line class=\"batna\" x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" "
                              "stroke=\"%s\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>\n",
                              px (a, x), px (b, f->top), px (d, x), px (e, f->bottom),
                              rl_party_colour (c->x));
    }
  if (rl_scenario_party_is_veto (sc, c->y))
    {
      double y = scale_map (&f->y, rl_scenario_get_party_batna (sc, c->y));
      g_string_append_printf (out, "<line class=\"batna\" x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" "
                              "stroke=\"%s\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>\n",
                              px (a, f->left), px (b, y), px (d, f->right), px (e, y),
                              rl_party_colour (c->y));
    }
}

static char *
batna_label (const RlScenario *sc, guint p, gboolean small)
{
  char t[RL_NUMBER_BUF];
  double v = rl_scenario_get_party_batna (sc, p);
  return small ? g_strdup_printf ("BATNA %s", rl_format_fixed (t, v, 2, FALSE))
               : g_strdup_printf ("%s's BATNA %s", rl_scenario_get_party_id (sc, p),
                                  rl_format_fixed (t, v, 3, FALSE));
}

/* The BATNA lines' labels, each at the end of its line (or the other end,
 * or the other side) where it covers no mark. */
static void
draw_batna_labels (GString *out, const RlScenario *sc, const RlReportChart *c, const Frame *f,
                   gboolean small, RlLabels *labels)
{
  char a[RL_NUMBER_BUF], b[RL_NUMBER_BUF];
  double fs = small ? 9 : 11;
  if (rl_scenario_party_is_veto (sc, c->x))
    {
      double x = scale_map (&f->x, rl_scenario_get_party_batna (sc, c->x));
      g_autofree char *label = batna_label (sc, c->x, small);
      double w = rl_label_width (label, fs, FALSE);
      /* Turned to run down the line: left of it at the top, right of it,
       * then further down, to the bottom. */
      double ax[10], ay[10];
      for (guint k = 0; k < 10; k++)
        {
          ax[k] = k % 2 ? x + fs + 1 : x - 4;
          ay[k] = f->top + 4 + (k / 2) / 4.0 * MAX (f->bottom - f->top - 8 - w, 0);
        }
      guint best = 0;
      double best_cost = INFINITY;
      for (guint k = 0; k < G_N_ELEMENTS (ax) && best_cost > 0; k++)
        {
          double cst = rl_labels_cost (labels, rl_label_box_rotated (label, ax[k], ay[k], fs));
          if (cst < best_cost)
            best_cost = cst, best = k;
        }
      rl_labels_add_obstacle (labels, rl_label_box_rotated (label, ax[best], ay[best], fs));
      g_autofree char *attrs = g_strdup_printf ("class=\"batna-label\" font-size=\"%g\" fill=\"%s\" "
                                                "transform=\"rotate(-90 %s %s)\"", fs,
                                                rl_party_colour (c->x), px (a, ax[best]),
                                                px (b, ay[best]));
      svg_text (out, ax[best], ay[best], "end", attrs, label, 0);
    }
  if (rl_scenario_party_is_veto (sc, c->y))
    {
      double y = scale_map (&f->y, rl_scenario_get_party_batna (sc, c->y));
      g_autofree char *label = batna_label (sc, c->y, small);
      /* Above the line at the right end, below it, then further left. */
      double w = rl_label_width (label, fs, FALSE);
      double ax[10], ay[10];
      const char *anchors[10];
      for (guint k = 0; k < 10; k++)
        {
          ax[k] = f->right - 4 - (k / 2) / 4.0 * MAX (f->right - f->left - 8 - w, 0);
          ay[k] = k % 2 ? y + fs + 2 : y - 4;
          anchors[k] = "end";
        }
      guint best = 0;
      double best_cost = INFINITY;
      for (guint k = 0; k < G_N_ELEMENTS (ax) && best_cost > 0; k++)
        {
          double cst = rl_labels_cost (labels, rl_label_box (label, ax[k], ay[k], anchors[k], fs, FALSE));
          if (cst < best_cost)
            best_cost = cst, best = k;
        }
      rl_labels_add_obstacle (labels, rl_label_box (label, ax[best], ay[best], anchors[best], fs, FALSE));
      g_autofree char *attrs = g_strdup_printf ("class=\"batna-label\" font-size=\"%g\" fill=\"%s\"", fs,
                                                rl_party_colour (c->y));
      svg_text (out, ax[best], ay[best], anchors[best], attrs, label, 0);
    }
}

/* A grid of counts (RlReportChart.density or pareto_density) as shaded
 * cells, darker where there are more; with @grow, as squares in the
 * middle of their cells, larger where there are more, so that the layer
 * below shows between them. */
static void
draw_cells (GString *out, const RlReport *r, const RlReportChart *c, const Frame *f,
            const guint64 *grid, guint64 max, const char *cls, const char *fill, const char *what,
            gboolean grow)
{
  char a[RL_NUMBER_BUF], b[RL_NUMBER_BUF], d[RL_NUMBER_BUF], e[RL_NUMBER_BUF], o[RL_NUMBER_BUF];
  guint n = rl_report_get_cells (r);
  double cw = (c->dx_hi - c->dx_lo) / n, ch = (c->dy_hi - c->dy_lo) / n;
  double lmax = log1p ((double) max);
  for (guint cy = 0; cy < n; cy++)
    for (guint cx = 0; cx < n; cx++)
      {
        guint64 count = grid[cy * n + cx];
        if (count == 0)
          continue;
        double x0 = scale_map (&f->x, c->dx_lo + cw * cx), x1 = scale_map (&f->x, c->dx_lo + cw * (cx + 1));
        double y0 = scale_map (&f->y, c->dy_lo + ch * (cy + 1)), y1 = scale_map (&f->y, c->dy_lo + ch * cy);
        double share = lmax > 0 ? log1p ((double) count) / lmax : 1;
        double opacity = grow ? 0.9 : 0.12 + 0.83 * share;
        if (grow)
          {
            /* The area in proportion to the count. */
            double k = (1 - (0.15 + 0.85 * sqrt ((double) count / (double) max))) / 2;
            double dx = (x1 - x0) * k, dy = (y1 - y0) * k;
            x0 += dx, x1 -= dx, y0 += dy, y1 -= dy;
          }
        g_string_append_printf (out, "<rect class=\"%s\" x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" "
                                "fill=\"%s\" fill-opacity=\"%s\"><title>%" G_GUINT64_FORMAT
                                " %s</title></rect>\n", cls,
                                px (a, x0), px (b, y0), px (d, MAX (x1 - x0, 0.5)),
                                px (e, MAX (y1 - y0, 0.5)), fill,
                                g_ascii_formatd (o, sizeof o, "%.2f", opacity), count, what);
      }
}

/* A mark of the utility-space chart with its label: a score's choice, the
 * status quo, a group's deal. */
typedef struct {
  const char *cls;       /* the mark's class */
  double x, y, r;        /* centre, and the radius a leader line ends on */
  char *label;
  guint max_chars;       /* 0: never cut */
  double font_size;
  gboolean bold;
  const char *fill;      /* the label's colour */
  gboolean acceptable;   /* a marker: filled */
} Mark;

static void
mark_clear (gpointer data)
{
  g_free (((Mark *) data)->label);
}

static void
draw_mark (GString *out, const Mark *m, guint id, gboolean small)
{
  char a[RL_NUMBER_BUF], b[RL_NUMBER_BUF], d[RL_NUMBER_BUF], e[RL_NUMBER_BUF];
  if (g_str_equal (m->cls, "status-quo"))
    {
      double s = m->r;
      g_string_append_printf (out, "<g class=\"status-quo\" data-mark=\"%u\" data-cx=\"%s\" data-cy=\"%s\" "
                              "data-r=\"%s\" stroke=\"" INK "\" stroke-width=\"2\">",
                              id, px (a, m->x), px (b, m->y), px (d, s));
      g_string_append_printf (out, "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\"/>",
                              px (a, m->x - s), px (b, m->y - s), px (d, m->x + s), px (e, m->y + s));
      g_string_append_printf (out, "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\"/></g>\n",
                              px (a, m->x - s), px (b, m->y + s), px (d, m->x + s), px (e, m->y - s));
      return;
    }
  const char *style = g_str_equal (m->cls, "choice-ring")
                        ? "fill=\"none\" stroke=\"#b2182b\" stroke-width=\"2\""
                        : m->acceptable ? "fill=\"#1b7837\" stroke=\"#ffffff\" stroke-width=\"1\""
                                        : "fill=\"#ffffff\" stroke=\"#b2182b\" stroke-width=\"2\"";
  g_string_append_printf (out, "<g class=\"%s\">", g_str_equal (m->cls, "choice-ring") ? "choice" : "marker");
  g_string_append_printf (out, "<circle class=\"%s\" data-mark=\"%u\" cx=\"%s\" cy=\"%s\" r=\"%s\" %s/>",
                          m->cls, id, px (a, m->x), px (b, m->y), px (d, m->r), style);
  g_string_append (out, "</g>\n");
  (void) small;
}

/* The label of mark @id where the placer put it, with its leader line. */
static void
draw_mark_label (GString *out, const Mark *m, guint id, const RlLabelPlace *p)
{
  char a[RL_NUMBER_BUF], b[RL_NUMBER_BUF], d[RL_NUMBER_BUF], e[RL_NUMBER_BUF];
  if (p->moved)
    g_string_append_printf (out, "<line class=\"leader\" data-for=\"%u\" x1=\"%s\" y1=\"%s\" x2=\"%s\" "
                            "y2=\"%s\" stroke=\"%s\" stroke-width=\"1\"/>\n", id, px (a, p->lx1),
                            px (b, p->ly1), px (d, p->lx2), px (e, p->ly2), m->fill);
  g_autofree char *attrs = g_strdup_printf ("class=\"mark-label\" data-for=\"%u\" " HALO
                                            "font-size=\"%g\" fill=\"%s\"%s", id, m->font_size, m->fill,
                                            m->bold ? " font-weight=\"bold\"" : "");
  svg_text (out, p->x, p->y, "start", attrs, m->label, m->max_chars);
}

/* Every mark first, each an obstacle; then every label, placed where it
 * covers no mark and no other label. */
static void
draw_marks (GString *out, const RlReport *r, const RlReportChart *c, const Frame *f, gboolean small,
            RlLabels *labels)
{
  const RlEvaluation *status_quo = rl_report_get_status_quo (r);
  g_autoptr (GArray) marks = g_array_new (FALSE, TRUE, sizeof (Mark));
  g_array_set_clear_func (marks, mark_clear);
  if (status_quo)
    {
      const double *u = rl_evaluation_get_package (status_quo)->utilities;
      Mark m = { "status-quo", scale_map (&f->x, u[c->x]), scale_map (&f->y, u[c->y]), small ? 4 : 5,
                 g_strdup ("status quo"), 0, small ? 9 : 11, FALSE, INK, FALSE };
      g_array_append_val (marks, m);
    }
  /* The choices of the scores: one ring and one label per package. */
  for (guint k = 0; k < RL_N_STANDARD_SCORES; k++)
    {
      if (rl_report_get_same_as (r, (RlScoreKind) k) != (int) k)
        continue;
      const RlPackage *pkg = rl_result_get_top (rl_report_get_result_by_score (r, (RlScoreKind) k), 0);
      GString *label = g_string_new (NULL);
      for (guint j = 0; j < RL_N_STANDARD_SCORES; j++)
        if (rl_report_get_same_as (r, (RlScoreKind) j) == (int) k)
          g_string_append_printf (label, "%s%s", label->len ? " = " : "", rl_score_label ((RlScoreKind) j));
      Mark m = { "choice-ring", scale_map (&f->x, pkg->utilities[c->x]),
                 scale_map (&f->y, pkg->utilities[c->y]), small ? 5 : 7, g_string_free (label, FALSE),
                 0, small ? 9 : 12, TRUE, "#b2182b", FALSE };
      g_array_append_val (marks, m);
    }
  /* Markers (debrief: the groups' deals). */
  for (guint k = 0; k < rl_report_get_n_markers (r); k++)
    {
      const RlReportMarker *mk = rl_report_get_marker (r, k);
      Mark m = { mk->acceptable ? "marker-ok" : "marker-bad", scale_map (&f->x, mk->utilities[c->x]),
                 scale_map (&f->y, mk->utilities[c->y]), small ? 4 : 5.5, g_strdup (mk->label),
                 small ? 16 : 24, small ? 9 : 12, FALSE, INK, mk->acceptable };
      g_array_append_val (marks, m);
    }
  for (guint k = 0; k < marks->len; k++)
    {
      const Mark *m = &g_array_index (marks, Mark, k);
      rl_labels_add_obstacle (labels, (RlBox){ m->x - m->r - 1, m->y - m->r - 1, 2 * m->r + 2,
                                               2 * m->r + 2 });
      draw_mark (out, m, k, small);
    }
  draw_batna_labels (out, rl_report_get_scenario (r), c, f, small, labels);
  for (guint k = 0; k < marks->len; k++)
    {
      const Mark *m = &g_array_index (marks, Mark, k);
      guint chars = MIN ((guint) g_utf8_strlen (m->label, -1), m->max_chars ? m->max_chars : G_MAXUINT);
      g_autofree char *shown = g_utf8_substring (m->label, 0, chars);
      RlLabelPlace p = rl_labels_place (labels, m->x, m->y, m->r,
                                        rl_label_width (shown, m->font_size, m->bold), m->font_size);
      draw_mark_label (out, m, k, &p);
    }
}

/* ---- The zoomed inset -------------------------------------------------------------- */

/* How many of the chart's points fall in @b: dots and faint rings count
 * one, labelled marks a hundred (an inset must not hide them). */
static double
inset_cost (const RlReport *r, const RlReportChart *c, const Frame *f, RlBox b)
{
  double cost = 0;
#define IN_BOX(px_, py_) ((px_) >= b.x && (px_) <= b.x + b.w && (py_) >= b.y && (py_) <= b.y + b.h)
  for (guint d = 0; d < rl_report_get_n_near (r); d++)
    {
      const double *u = rl_report_get_near (r, d);
      cost += IN_BOX (scale_map (&f->x, u[c->x]), scale_map (&f->y, u[c->y]));
    }
  for (guint d = 0; d < rl_report_get_n_dots (r); d++)
    {
      const double *u = rl_report_get_dot (r, d, NULL);
      cost += 100 * IN_BOX (scale_map (&f->x, u[c->x]), scale_map (&f->y, u[c->y]));
    }
  const RlEvaluation *sq = rl_report_get_status_quo (r);
  if (sq)
    {
      const double *u = rl_evaluation_get_package (sq)->utilities;
      cost += 100 * IN_BOX (scale_map (&f->x, u[c->x]), scale_map (&f->y, u[c->y]));
    }
  for (guint m = 0; m < rl_report_get_n_markers (r); m++)
    {
      const double *u = rl_report_get_marker (r, m)->utilities;
      cost += 100 * IN_BOX (scale_map (&f->x, u[c->x]), scale_map (&f->y, u[c->y]));
    }
#undef IN_BOX
  return cost;
}

/* The zone of agreement drawn larger in a corner of the plot where it
 * hides the fewest points, with a dashed box on the chart saying what it
 * enlarges: the acceptable packages, the Pareto-optimal ones, the scores'
 * choices and the BATNA lines that cross it. The inset is an obstacle to
 * the labels placed after it. */
static void
draw_zoom (GString *out, const RlReport *r, const RlReportChart *c, const Frame *f, RlLabels *labels)
{
  const RlScenario *sc = rl_report_get_scenario (r);
  char a[RL_NUMBER_BUF], b[RL_NUMBER_BUF], d[RL_NUMBER_BUF], e[RL_NUMBER_BUF], t[RL_NUMBER_BUF];
  double pw = f->right - f->left, ph = f->bottom - f->top;
  double iw = 0.42 * pw, ih = 0.42 * ph;
  /* The box on the chart, a few pixels round the zone. */
  double bx0 = scale_map (&f->x, c->zx_lo) - 6, bx1 = scale_map (&f->x, c->zx_hi) + 6;
  double by0 = scale_map (&f->y, c->zy_hi) - 6, by1 = scale_map (&f->y, c->zy_lo) + 6;
  RlBox zone = { bx0, by0, bx1 - bx0, by1 - by0 };
  RlBox best = { 0 };
  double best_cost = INFINITY;
  for (guint k = 0; k < 4; k++)
    {
      RlBox in = { k % 2 ? f->right - iw - 6 : f->left + 6, k / 2 ? f->bottom - ih - 6 : f->top + 6, iw, ih };
      gboolean meets = in.x < zone.x + zone.w && zone.x < in.x + in.w && in.y < zone.y + zone.h
                       && zone.y < in.y + in.h;
      double cost = inset_cost (r, c, f, in) + (meets ? 1e6 : 0);
      if (cost < best_cost)
        best_cost = cost, best = in;
    }
  if (best_cost >= 1e6)
    return;   /* no corner leaves the zone itself in view */
  g_string_append_printf (out, "<rect class=\"zoom-box\" x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" "
                          "fill=\"none\" stroke=\"#555555\" stroke-dasharray=\"3 2\"/>\n",
                          px (a, zone.x), px (b, zone.y), px (d, zone.w), px (e, zone.h));
  rl_labels_add_obstacle (labels, best);

  /* The inset's own frame: the zone with room round it, ticks at its ends. */
  Frame z = { .left = best.x + 8, .top = best.y + 20, .right = best.x + best.w - 8,
              .bottom = best.y + best.h - 18 };
  double rx = MAX (c->zx_hi - c->zx_lo, 0.02 * (c->x_hi - c->x_lo));
  double ry = MAX (c->zy_hi - c->zy_lo, 0.02 * (c->y_hi - c->y_lo));
  scale_init (&z.x, c->zx_lo - 0.25 * rx, c->zx_hi + 0.25 * rx, z.left, z.right);
  scale_init (&z.y, c->zy_lo - 0.25 * ry, c->zy_hi + 0.25 * ry, z.bottom, z.top);
  g_string_append_printf (out, "<g class=\"zoom\"><rect class=\"zoom-inset\" x=\"%s\" y=\"%s\" width=\"%s\" "
                          "height=\"%s\" fill=\"#ffffff\" stroke=\"#555555\"/>\n",
                          px (a, best.x), px (b, best.y), px (d, best.w), px (e, best.h));
  svg_text (out, best.x + 6, best.y + 13, "start", "font-size=\"10\" fill=\"" INK "\"",
            "Zoomed in: the dashed box", 0);
  /* Each axis's two ends, so that the inset can be read. */
  svg_text (out, z.left, best.y + best.h - 5, "start", "font-size=\"9\" fill=\"" MUTED "\"",
            rl_format_fixed (t, z.x.lo, 3, FALSE), 0);
  svg_text (out, z.right, best.y + best.h - 5, "end", "font-size=\"9\" fill=\"" MUTED "\"",
            rl_format_fixed (t, z.x.hi, 3, FALSE), 0);
  svg_text (out, best.x + best.w - 6, z.top + 8, "end", "font-size=\"9\" fill=\"" MUTED "\"",
            rl_format_fixed (t, z.y.hi, 3, FALSE), 0);
  for (guint k = 0; k < 2; k++)
    {
      guint p = k ? c->y : c->x;
      if (!rl_scenario_party_is_veto (sc, p))
        continue;
      double v = rl_scenario_get_party_batna (sc, p);
      const Scale *s = k ? &z.y : &z.x;
      if (v < s->lo || v > s->hi)
        continue;
      double pos = scale_map (s, v);
      g_string_append_printf (out, "<line class=\"zoom-batna\" x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" "
                              "stroke=\"%s\" stroke-width=\"1.2\" stroke-dasharray=\"5 3\"/>\n",
                              px (a, k ? z.left : pos), px (b, k ? pos : z.top), px (d, k ? z.right : pos),
                              px (e, k ? pos : z.bottom), rl_party_colour (p));
    }
  for (guint k = 0; k < rl_report_get_n_dots (r); k++)
    {
      guint64 index;
      const double *u = rl_report_get_dot (r, k, &index);
      g_string_append_printf (out, "<circle class=\"zoom-pkg\" cx=\"%s\" cy=\"%s\" r=\"4\" fill=\"#08519c\" "
                              "fill-opacity=\"0.85\"><title>#%" G_GUINT64_FORMAT "</title></circle>\n",
                              px (a, scale_map (&z.x, u[c->x])), px (b, scale_map (&z.y, u[c->y])), index);
    }
  for (guint k = 0; k < RL_N_STANDARD_SCORES; k++)
    {
      if (rl_report_get_same_as (r, (RlScoreKind) k) != (int) k)
        continue;
      const RlPackage *pkg = rl_result_get_top (rl_report_get_result_by_score (r, (RlScoreKind) k), 0);
      circle (out, "zoom-ring", scale_map (&z.x, pkg->utilities[c->x]), scale_map (&z.y, pkg->utilities[c->y]),
              7, "fill=\"none\" stroke=\"#b2182b\" stroke-width=\"2\"");
    }
  g_string_append (out, "</g>\n");
}

/* The utility-space chart's legend, laid out as it is written. */
typedef struct {
  GString *out;
  double x, y;          /* where the next item starts */
  double left, right;
} Legend;

/* One item: @swatch (drawn in a 10 x 10 square at 0 0; %NULL for none),
 * then @text in words. */
static void
legend_item (Legend *lg, const char *swatch, const char *text)
{
  char a[RL_NUMBER_BUF], b[RL_NUMBER_BUF];
  double sw = swatch ? 24 : 0;
  double w = sw + rl_label_width (text, 11, FALSE);
  if (lg->x > lg->left && lg->x + w > lg->right)
    {
      lg->x = lg->left;
      lg->y += 18;
    }
  if (swatch)
    {
      g_string_append_printf (lg->out, "<g transform=\"translate(%s %s)\">%s</g>\n", px (a, lg->x),
                              px (b, lg->y - 5), swatch);
    }
  svg_text (lg->out, lg->x + sw, lg->y + 4, "start", swatch ? "fill=\"" INK "\"" : "fill=\"" MUTED "\"",
            text, 0);
  lg->x += w + 18;
}

void
rl_svg_utility_space (GString *out, const RlReport *r, const RlReportChart *c, RlSvgSize size)
{
  const RlScenario *sc = rl_report_get_scenario (r);
  const RlResult *res = rl_report_get_result (r);
  const RlEvaluation *status_quo = rl_report_get_status_quo (r);
  guint n_near = rl_report_get_n_near (r), n_markers = rl_report_get_n_markers (r);
  gboolean small = size == RL_SVG_SMALL;
  double w = small ? 330 : 680, h = small ? 320 : 576;
  double legend = small ? 0 : 66;
  Frame f = { .left = small ? 50 : 68, .top = small ? 10 : 14, .right = w - (small ? 10 : 16),
              .bottom = h - legend - (small ? 48 : 58) };
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
    draw_cells (out, r, c, &f, c->density, c->density_max, "cell", ACCEPTABLE_CELL, "acceptable packages",
                FALSE);
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

  g_autoptr (RlLabels) labels = rl_labels_new ((RlBox){ f.left, f.top, f.right - f.left,
                                                        f.bottom - f.top });
  draw_batnas (out, sc, c, &f);

  /* Thousands of Pareto-optimal packages: shaded in cells like the
   * acceptable ones, darker; fewer: a point each. */
  guint nf = rl_result_get_n_frontier (res);
  if (rl_report_is_pareto_dense (r) && c->pareto_density)
    draw_cells (out, r, c, &f, c->pareto_density, c->pareto_density_max, "pareto-cell", "#08519c",
                "Pareto-optimal packages", TRUE);
  else if (nf > 0)
    {
      g_string_append (out, "<g class=\"frontier-points\">\n");
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
  /* The frontier of this pair: what no acceptable package beats on both
   * axes, along x. With more parties the n-party frontier's points lie
   * behind it too (optimal because of a third party). */
  if (c->n_pair_frontier > 0)
    {
      g_string_append (out, "<polyline class=\"frontier\" fill=\"none\" stroke=\"#08519c\" "
                            "stroke-width=\"1.5\" stroke-linejoin=\"round\" points=\"");
      for (guint k = 0; k < c->n_pair_frontier; k++)
        g_string_append_printf (out, "%s%s,%s", k ? " " : "",
                                px (a, scale_map (&f.x, c->pair_frontier[2 * k])),
                                px (b, scale_map (&f.y, c->pair_frontier[2 * k + 1])));
      g_string_append (out, "\"/>\n");
    }

  if (c->zoom && !small)
    draw_zoom (out, r, c, &f, labels);
  draw_marks (out, r, c, &f, small, labels);

  if (!small)
    {
      /* The legend, inside the chart so that an SVG file stands alone:
       * items left to right, a new row when one would pass the frame. */
      Legend lg = { out, f.left, h - legend + 8, f.left, f.right };
      g_string_append (out, "<g class=\"legend\" font-size=\"11\">\n");
      if (rl_report_is_dense (r))
        legend_item (&lg, "<rect width=\"10\" height=\"10\" fill=\"" ACCEPTABLE_CELL "\" "
                     "fill-opacity=\"0.6\"/>", "acceptable packages (darker: more)");
      else
        legend_item (&lg, "<circle cx=\"5\" cy=\"5\" r=\"3\" fill=\"#8da0cb\"/>",
                     "acceptable package");
      if (rl_report_is_pareto_dense (r))
        legend_item (&lg, "<rect width=\"10\" height=\"10\" fill=\"#08519c\"/>",
                     "Pareto-optimal packages (larger: more)");
      else if (nf > 0)
        legend_item (&lg, "<circle cx=\"5\" cy=\"5\" r=\"3.5\" fill=\"#08519c\"/>",
                     "Pareto-optimal");
      if (c->n_pair_frontier > 0)
        legend_item (&lg, "<path d=\"M0 5h18\" fill=\"none\" "
                     "stroke=\"#08519c\" stroke-width=\"1.5\"/>", "frontier of these two");
      legend_item (&lg, "<path d=\"M0 5h18\" fill=\"none\" "
                   "stroke=\"" INK "\" stroke-dasharray=\"6 4\"/>", "BATNA");
      legend_item (&lg, "<circle cx=\"5\" cy=\"5\" r=\"6\" fill=\"none\" "
                   "stroke=\"#b2182b\" stroke-width=\"2\"/>", "best by a score");
      if (status_quo)
        legend_item (&lg, "<path d=\"M0 0l10 10m0 -10l-10 10\" stroke=\"" INK "\" stroke-width=\"2\"/>",
                     "status quo");
      if (n_near > 0 && n_markers == 0)
        legend_item (&lg, "<circle cx=\"5\" cy=\"5\" r=\"2.5\" fill=\"none\" "
                     "stroke=\"#999999\"/>", "compatible, but below someone's BATNA");
      if (n_markers > 0)
        {
          legend_item (&lg, "<circle cx=\"5\" cy=\"5\" r=\"4.5\" "
                       "fill=\"#1b7837\"/>", "group deal, acceptable");
          legend_item (&lg, "<circle cx=\"5\" cy=\"5\" r=\"4.5\" "
                       "fill=\"#ffffff\" stroke=\"#b2182b\" stroke-width=\"2\"/>", "not acceptable");
        }
      legend_item (&lg, NULL, "Up and to the right is better for both.");
      g_string_append (out, "</g>\n");
    }
  g_string_append (out, "</svg>\n");
}

/* ---- Parallel coordinates -------------------------------------------------------------- */

static void
parallel_line (GString *out, const RlPackage *pkg, const guint *axes, guint na, const Scale *scales,
               double left, double right, const char *cls, const char *colour, const char *opacity,
               const char *width)
{
  char a[RL_NUMBER_BUF], b[RL_NUMBER_BUF];
  g_string_append_printf (out, "<polyline class=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"%s\" "
                          "stroke-opacity=\"%s\" points=\"", cls, colour, width, opacity);
  for (guint j = 0; j < na; j++)
    {
      double x = na > 1 ? left + (right - left) * j / (na - 1) : (left + right) / 2;
      g_string_append_printf (out, "%s%s,%s", j ? " " : "", px (a, x),
                              px (b, scale_map (&scales[j], pkg->utilities[axes[j]])));
    }
  g_string_append (out, "\"><title>#");
  g_string_append_printf (out, "%" G_GUINT64_FORMAT "</title></polyline>\n", pkg->index);
}

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
  double w = 680, h = 440, top = 30, bottom = h - 78, left = 50, right = w - 50;
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
  /* A sample of the frontier, faint enough that where lines crowd reads
   * as darker; then the top packages over it, #1 last and boldest. */
  const RlResult *res = rl_report_get_result (r);
  guint nl = rl_report_get_n_parallel_lines (r);
  double opacity = CLAMP (24.0 / MAX (nl, 1), 0.08, 0.6);
  char o[RL_NUMBER_BUF];
  g_ascii_formatd (o, sizeof o, "%.2f", opacity);
  for (guint k = 0; k < nl; k++)
    parallel_line (out, rl_report_get_parallel_line (r, k), axes, na, scales, left, right,
                   "frontier-line", "#08519c", o, "1");
  guint nt = MIN (rl_result_get_n_top (res), 10);
  for (guint k = nt; k-- > 0;)
    parallel_line (out, rl_result_get_top (res, k), axes, na, scales, left, right, "top-line",
                   k == 0 ? "#b2182b" : "#e08214", "0.95", k == 0 ? "3" : "1.8");
  guint nf = rl_result_get_n_frontier (res);
  char cn[RL_NUMBER_BUF], cf[RL_NUMBER_BUF];
  g_autofree char *foot = nl < nf
    ? g_strdup_printf ("In blue, %s of the %s Pareto-optimal packages, evenly spaced;",
                       rl_format_count (cn, nl), rl_format_count (cf, nf))
    : g_strdup ("In blue, one line per Pareto-optimal package;");
  g_autofree char *foot2 = g_strdup_printf ("in orange the top %u by the report's score, #1 in red; "
                                            "ticks mark each party's BATNA.", nt);
  svg_text (out, left, h - 22, "start", "font-size=\"11\" fill=\"" MUTED "\"", foot, 0);
  svg_text (out, left, h - 8, "start", "font-size=\"11\" fill=\"" MUTED "\"", foot2, 0);
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
  const double label_w = 230, bar_x = 240, bar_w = 280, top = 8;
  double row = 24;
  g_autoptr (GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  for (guint k = 0; k < n; k++)
    {
      const RlNamedRule *rule = rl_explanation_get_blocker_rule (ex, k);
      char *label = g_strdup_printf ("%s: %s", rl_scenario_get_party_id (sc, rl_explanation_get_blocker_party (ex, k)),
                                     rule ? rl_named_rule_get_id (rule) : "BATNA");
      if (wrapped_lines (label, 36, 2) > 1)
        row = 32;
      g_ptr_array_add (labels, label);
    }
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
      const char *label = g_ptr_array_index (labels, k);
      guint nl = wrapped_lines (label, 36, 2);
      double mid = y + row / 2;
      svg_text_wrapped (out, label_w, mid + 4 - (nl - 1) * 6.5, "end", "fill=\"" INK "\"", label, 36, 2, 13);
      g_string_append_printf (out, "<rect class=\"blocker-excludes\" x=\"%s\" y=\"%s\" width=\"%s\" "
                              "height=\"%s\" fill=\"%s\" fill-opacity=\"0.35\"/>\n", px (a, bar_x),
                              px (b, mid - 8), px (c, MAX (we, excl ? 1 : 0)), px (d, 16.0),
                              rl_party_colour (p));
      g_string_append_printf (out, "<rect class=\"blocker-sole\" x=\"%s\" y=\"%s\" width=\"%s\" "
                              "height=\"%s\" fill=\"%s\"/>\n", px (a, bar_x), px (b, mid - 8),
                              px (c, MAX (ws, sole ? 1 : 0)), px (d, 16.0), rl_party_colour (p));
      char ce[RL_NUMBER_BUF], cs[RL_NUMBER_BUF], price[RL_NUMBER_BUF];
      double pr;
      g_autofree char *text = rl_explanation_get_blocker_price (ex, k, &pr) && fabs (pr) > 1e-12
        ? g_strdup_printf ("%s, alone %s; price %s", rl_format_known (ce, excl_k, FALSE),
                           rl_format_known (cs, sole_k, FALSE), rl_format_fixed (price, pr, 3, TRUE))
        : g_strdup_printf ("%s, alone %s", rl_format_known (ce, excl_k, FALSE),
                           rl_format_known (cs, sole_k, FALSE));
      svg_text (out, bar_x + MAX (we, ws) + 6, mid + 4, "start", "font-size=\"11\" fill=\"" INK "\"",
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
