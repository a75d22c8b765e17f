/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * write-text-sensitivity.c: `redline sensitivity` in words: first the
 * sentences that matter (BATNA thresholds, knife edges), then the
 * narrowest margins as a table, then the Monte Carlo with its Wilson
 * intervals, in 80 columns.
 */
#include "write/write-sensitivity.h"

#include <math.h>
#include <stdlib.h>

#include "write/write-names.h"
#include "write/write-number.h"
#include "write/write-text-layout.h"

#define PARAM_WIDTH 34

static char *
num (double x)
{
  char buf[RL_NUMBER_BUF];
  return g_strdup (rl_format_fixed (buf, x, 3, FALSE));
}

char *
rl_text_sensitivity_range (const RlSensitivityRange *r)
{
  if (!r->holds)
    return g_strdup ("no");
  if (r->lo_open && r->hi_open)
    return g_strdup ("anywhere");
  g_autofree char *lo = num (r->lo);
  g_autofree char *hi = num (r->hi);
  if (r->lo_open)
    return g_strdup_printf ("up to %s", hi);
  if (r->hi_open)
    return g_strdup_printf ("from %s", lo);
  return g_strdup_printf ("%s to %s", lo, hi);
}

char *
rl_text_sensitivity_threshold (const RlScenario *sc, const RlThreshold *t)
{
  const char *who = rl_write_party_name (sc, t->party);
  g_autofree char *now = num (t->batna);
  if (!t->has_zone_max)
    return g_strdup_printf ("No compatible package is accepted by every party but %s: its "
                            "BATNA (now %s) alone cannot open the zone.", who, now);
  g_autofree char *max = num (t->zone_max);
  if (t->batna <= t->zone_max + RL_EPSILON)
    return g_strdup_printf ("The zone closes if the BATNA of %s rises above %s (now %s).", who,
                            max, now);
  return g_strdup_printf ("The BATNA of %s keeps the zone closed: it would open if that BATNA "
                          "fell to %s (now %s).", who, max, now);
}

static void
append_sentence (GString *out, const char *s)
{
  rl_text_append_wrapped (out, s, 0, 0);
}

static void
append_knife_edges (GString *out, const RlSensitivity *sens)
{
  g_autoptr (GString) s = g_string_new (NULL);
  guint n = 0;
  for (guint m = 0; m < rl_sensitivity_get_n_margins (sens); m++)
    {
      const RlMargin *mg = rl_sensitivity_get_margin (sens, m);
      gboolean z = mg->zone.holds && mg->zone.knife_edge;
      gboolean t = mg->top.holds && mg->top.knife_edge;
      if (!z && !t)
        continue;
      g_string_append_printf (s, "%s%s (%s)", n++ ? "; " : "", mg->parameter,
                              z && t ? "the zone and the top package" : z ? "the zone"
                                                                          : "the top package");
    }
  g_autofree char *line = n == 0
    ? g_strdup ("Knife edges: none; no single number changes the answer one step away.")
    : g_strdup_printf ("Knife edges (one step changes the answer): %s.", s->str);
  append_sentence (out, line);
}

typedef struct {
  const RlMargin *m;
  double room;
  guint order;
} Row;

static int
compare_rows (const void *a, const void *b)
{
  const Row *x = a, *y = b;
  if (x->room != y->room)
    return x->room < y->room ? -1 : 1;
  return x->order < y->order ? -1 : x->order > y->order;
}

guint
rl_sensitivity_narrowest (const RlSensitivity *sens, guint max, const RlMargin **out,
                          guint *n_more)
{
  guint n = rl_sensitivity_get_n_margins (sens);
  g_autofree Row *rows = g_new0 (Row, n + 1);
  guint k = 0;
  for (guint m = 0; m < n; m++)
    {
      const RlMargin *mg = rl_sensitivity_get_margin (sens, m);
      double room = rl_margin_get_room (sens, mg);
      if (isfinite (room))
        rows[k++] = (Row) { mg, room, m };
    }
  qsort (rows, k, sizeof (Row), compare_rows);
  guint shown = MIN (k, max);
  for (guint r = 0; r < shown; r++)
    out[r] = rows[r].m;
  if (n_more)
    *n_more = k - shown;
  return shown;
}

static void
append_margins (GString *out, const RlSensitivity *sens, guint max)
{
  g_autofree const RlMargin **rows = g_new0 (const RlMargin *, max + 1);
  guint n_more = 0;
  guint k = rl_sensitivity_narrowest (sens, max, rows, &n_more);
  g_string_append (out, "\nNarrowest margins: how far one number alone can move before the "
                        "answer changes\n(weights as multiples of the weight now)\n");
  if (k == 0 && n_more == 0)
    {
      g_string_append (out, "  none: no single number changes the answer within its range\n");
      return;
    }
  g_string_append (out, "  ");
  rl_text_append_padded (out, "parameter", PARAM_WIDTH, FALSE);
  g_string_append (out, "     now  zone open        top stays\n");
  for (guint r = 0; r < k; r++)
    {
      const RlMargin *mg = rows[r];
      g_autofree char *now = num (mg->nominal);
      g_autofree char *zone = rl_text_sensitivity_range (&mg->zone);
      g_autofree char *top = rl_text_sensitivity_range (&mg->top);
      g_string_append (out, "  ");
      if (rl_text_width (mg->parameter) > PARAM_WIDTH)
        {
          g_string_append_printf (out, "%s\n  ", mg->parameter);
          rl_text_append_spaces (out, PARAM_WIDTH);
        }
      else
        rl_text_append_padded (out, mg->parameter, PARAM_WIDTH, FALSE);
      g_string_append_c (out, ' ');
      rl_text_append_padded (out, now, 7, TRUE);
      g_string_append (out, "  ");
      rl_text_append_padded (out, zone, 15, FALSE);
      g_string_append_printf (out, "%s\n", top);
    }
  if (n_more > 0)
    g_string_append_printf (out, "  (%u more in the JSON and CSV outputs)\n", n_more);
}

static void
append_share (GString *out, const char *what, const RlShare *s, guint n)
{
  char a[RL_NUMBER_BUF], lo[RL_NUMBER_BUF], hi[RL_NUMBER_BUF];
  g_string_append_printf (out, "  %s %s of samples (95%% interval %s to %s)\n", what,
                          rl_format_percent (a, (double) s->count, n),
                          rl_format_percent (lo, s->wilson_lo, 1),
                          rl_format_percent (hi, s->wilson_hi, 1));
}

static void
append_monte_carlo (GString *out, const RlSensitivity *sens)
{
  const RlSensitivityOptions *o = rl_sensitivity_get_options (sens);
  guint n = rl_sensitivity_get_n_samples (sens);
  char sigma[RL_NUMBER_BUF], delta[RL_NUMBER_BUF], c[RL_NUMBER_BUF];
  g_ascii_formatd (sigma, sizeof sigma, "%.6g", o->value_noise);
  g_ascii_formatd (delta, sizeof delta, "%.6g", o->batna_noise);
  g_ascii_formatd (c, sizeof c, "%.6g", o->concentration);
  g_autoptr (GString) head = g_string_new (NULL);
  g_string_append_printf (head, "Monte Carlo: %u samples with every number moved at once "
                          "(seed %" G_GUINT64_FORMAT "; weights drawn around today's, concentration "
                          "%s; values and bonuses with noise σ = %s; BATNAs ± %s).",
                          n, o->seed, c, sigma, delta);
  g_string_append_c (out, '\n');
  append_sentence (out, head->str);
  if (n == 0)
    return;
  append_share (out, "The zone is open in", rl_sensitivity_get_zone (sens), n);
  guint64 st[5];
  rl_sensitivity_get_acceptable (sens, st);
  g_string_append_printf (out, "  Acceptable packages: min %" G_GUINT64_FORMAT ", 5th percentile %"
                          G_GUINT64_FORMAT ", median %" G_GUINT64_FORMAT ", 95th %"
                          G_GUINT64_FORMAT ", max %" G_GUINT64_FORMAT "\n",
                          st[0], st[1], st[2], st[3], st[4]);
  const RlShare *acc, *first, *pareto;
  const RlPackage *t = rl_sensitivity_get_nominal (sens);
  if (rl_sensitivity_get_nominal_shares (sens, &acc, &first, &pareto) && t)
    {
      g_string_append_printf (out, "  Today's top package #%" G_GUINT64_FORMAT ":\n", t->index);
      append_share (out, "  acceptable in", acc, n);
      append_share (out, "  first in", first, n);
      append_share (out, "  Pareto-optimal in", pareto, n);
    }
  if (rl_sensitivity_get_n_first (sens) > 0)
    g_string_append (out, "  First package, by how often it came first:\n");
  for (guint f = 0; f < rl_sensitivity_get_n_first (sens); f++)
    {
      const RlSensitivityFirst *p = rl_sensitivity_get_first (sens, f);
      char a[RL_NUMBER_BUF], lo[RL_NUMBER_BUF], hi[RL_NUMBER_BUF];
      g_autofree char *idx = g_strdup_printf ("#%" G_GUINT64_FORMAT, p->index);
      g_string_append (out, "    ");
      rl_text_append_padded (out, idx, 12, FALSE);
      g_string_append_printf (out, "%7s  (%s to %s)\n",
                              rl_format_percent (a, (double) p->share.count, n),
                              rl_format_percent (lo, p->share.wilson_lo, 1),
                              rl_format_percent (hi, p->share.wilson_hi, 1));
    }
}

void
rl_text_sensitivity (GString *out, const RlSensitivity *sens, const char *file, guint max)
{
  RlScenario *sc = rl_sensitivity_get_scenario (sens);
  const RlSensitivityOptions *o = rl_sensitivity_get_options (sens);
  g_autofree char *rank = rl_rank_to_string (sc, &o->rank);
  g_string_append_printf (out, "%s\n%s, ranked by %s\n\n", rl_scenario_get_title (sc), file, rank);
  const RlPackage *t = rl_sensitivity_get_nominal (sens);
  char cnt[RL_NUMBER_BUF];
  g_autofree char *now = t
    ? g_strdup_printf ("Now: %s acceptable package%s; the top package is #%" G_GUINT64_FORMAT ".",
                       rl_format_count (cnt, rl_sensitivity_get_n_acceptable (sens)),
                       rl_sensitivity_get_n_acceptable (sens) == 1 ? "" : "s", t->index)
    : g_strdup ("Now: no package is acceptable; the zone of agreement is empty.");
  append_sentence (out, now);
  for (guint k = 0; k < rl_sensitivity_get_n_thresholds (sens); k++)
    {
      g_autofree char *s = rl_text_sensitivity_threshold (sc, rl_sensitivity_get_threshold (sens, k));
      append_sentence (out, s);
    }
  if (rl_sensitivity_has_margins (sens))
    {
      append_knife_edges (out, sens);
      append_margins (out, sens, max);
    }
  if (rl_sensitivity_has_monte_carlo (sens))
    append_monte_carlo (out, sens);
  if (!rl_sensitivity_is_complete (sens))
    g_string_append (out, "\nIncomplete: --timeout stopped the work; what is shown was settled, "
                          "the rest is missing.\n");
}
