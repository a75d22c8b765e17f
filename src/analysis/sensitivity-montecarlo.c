/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sensitivity-montecarlo.c: every number at once (sensitivity.md, "Monte
 * Carlo"). Sample s draws from its own mt19937 seeded with S·1000003 + s,
 * party by party in file order: Dirichlet weights, Gaussian values and
 * bonuses, flat BATNA noise. Nothing in a sample depends on the thread
 * that computes it, and the tallies are made in sample order afterwards.
 */
#include "analysis/sensitivity-private.h"

#include <math.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

typedef struct {
  gboolean zone, has_first, t_acceptable, t_first, t_pareto;
  guint64 acceptable;
  guint64 first_index;
} Sample;

typedef struct {
  const RlSensSet *set;
  const RlSensitivityOptions *opts;
  Sample *samples;
} Carlo;

/* The worker's copy back to the nominal numbers. */
static void
reset (RlScenario *work, const RlScenario *sc)
{
  for (guint p = 0; p < sc->n_parties; p++)
    {
      RlParty *w = &work->parties[p];
      const RlParty *o = &sc->parties[p];
      if (o->has_weights)
        memcpy (w->raw_weights, o->raw_weights, sc->n_issues * sizeof (double));
      for (guint i = 0; i < sc->n_issues; i++)
        if (o->values[i] != NULL)
          memcpy (w->values[i], o->values[i], sc->issues[i].n_options * sizeof (double));
      for (guint b = 0; b < o->bonuses->len; b++)
        g_array_index (w->bonuses, RlBonus, b).value = g_array_index (o->bonuses, RlBonus, b).value;
      w->batna = o->batna;
      w->batna_adjust = o->batna_adjust;
    }
}

static double
clip (double x, double lo, double hi)
{
  return x < lo ? lo : x > hi ? hi : x;
}

/* Draws sample @s's numbers onto @work (sensitivity.md's order). */
static void
draw (RlScenario *work, const RlScenario *sc, const RlSensitivityOptions *opts, gsl_rng *rng,
      double *batna_noise)
{
  guint n = sc->n_issues;
  g_autofree double *alpha = g_new (double, n + 1);
  g_autofree double *theta = g_new (double, n + 1);
  for (guint p = 0; p < sc->n_parties; p++)
    {
      RlParty *w = &work->parties[p];
      const RlParty *o = &sc->parties[p];
      guint K = 0;
      for (guint i = 0; i < n; i++)
        if (o->has_weights && o->raw_weights[i] > 0)
          alpha[K++] = opts->concentration * o->weights[i];
      if (opts->concentration > 0 && K >= 2)
        {
          gsl_ran_dirichlet (rng, K, alpha, theta);
          guint j = 0;
          for (guint i = 0; i < n; i++)
            if (o->raw_weights[i] > 0)
              w->raw_weights[i] = theta[j++];
        }
      for (guint i = 0; i < n; i++)
        if (o->has_weights && o->raw_weights[i] > 0)
          for (guint k = 0; k < sc->issues[i].n_options; k++)
            w->values[i][k] = clip (o->values[i][k] + gsl_ran_gaussian (rng, opts->value_noise),
                                    0, 1);
      for (guint b = 0; b < o->bonuses->len; b++)
        g_array_index (w->bonuses, RlBonus, b).value
          = clip (g_array_index (o->bonuses, RlBonus, b).value
                    + gsl_ran_gaussian (rng, opts->value_noise), -1, 1);
      batna_noise[p] = o->veto ? gsl_ran_flat (rng, -opts->batna_noise, opts->batna_noise) : 0;
    }
}

static gboolean
sample_item (guint s, RlSensWorker *w, gpointer data)
{
  Carlo *c = data;
  const RlScenario *sc = c->set->sc;
  if (w->rng == NULL)
    w->rng = gsl_rng_alloc (gsl_rng_mt19937);
  gsl_rng_set (w->rng, (unsigned long) (guint32) (c->opts->seed * 1000003u + s));
  g_autofree double *noise = g_new0 (double, sc->n_parties + 1);
  reset (w->work, sc);
  draw (w->work, sc, c->opts, w->rng, noise);
  /* The status-quo BATNAs are derived again from the sample's
   * utilities; the noise comes on top. */
  rl_scenario_finish (w->work);
  for (guint p = 0; p < sc->n_parties; p++)
    w->work->parties[p].batna += noise[p];
  RlSensOutcome out;
  rl_sens_evaluate (c->set, w, RL_SENS_ALL_PARTIES, RL_SENS_NEED_ALL, &out);
  reset (w->work, sc);
  rl_scenario_finish (w->work);
  if (!out.settled)
    return FALSE;
  c->samples[s] = (Sample) {
    .zone = out.zone, .has_first = out.has_first, .t_acceptable = out.t_acceptable,
    .t_first = out.t_first, .t_pareto = out.t_pareto, .acceptable = out.acceptable,
    .first_index = out.first_index,
  };
  return TRUE;
}

static gint
compare_u64 (gconstpointer a, gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;
  return x < y ? -1 : x > y;
}

static gint
compare_first (gconstpointer a, gconstpointer b)
{
  const RlSensitivityFirst *x = a, *y = b;
  if (x->share.count != y->share.count)
    return x->share.count > y->share.count ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

static void
tally (const RlSensitivityOptions *opts, const RlScenario *sc, const Sample *samples,
       guint n, RlSensMonteCarlo *mc)
{
  mc->n = n;
  guint64 zone = 0, ta = 0, tf = 0, tp = 0;
  g_autofree guint64 *counts = g_new (guint64, MAX (n, 1));
  g_autoptr (GHashTable) first = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint s = 0; s < n; s++)
    {
      const Sample *x = &samples[s];
      zone += x->zone;
      ta += x->t_acceptable;
      tf += x->t_first;
      tp += x->t_pareto;
      counts[s] = x->acceptable;
      if (x->has_first)
        {
          guint64 *key = g_memdup2 (&x->first_index, sizeof (guint64));
          gpointer old = NULL;
          guint64 c = 0;
          if (g_hash_table_lookup_extended (first, key, NULL, &old))
            c = GPOINTER_TO_SIZE (old);
          g_hash_table_replace (first, key, GSIZE_TO_POINTER (c + 1));
        }
    }
  rl_share_init (&mc->zone, zone, n);
  rl_share_init (&mc->t_acceptable, ta, n);
  rl_share_init (&mc->t_first, tf, n);
  rl_share_init (&mc->t_pareto, tp, n);
  qsort (counts, n, sizeof (guint64), (GCompareFunc) compare_u64);
  static const guint q[5] = { 0, 5, 50, 95, 100 };
  for (guint j = 0; j < 5; j++)
    mc->acceptable[j] = n == 0 ? 0 : counts[(guint64) (n - 1) * q[j] / 100];
  mc->first = g_array_new (FALSE, TRUE, sizeof (RlSensitivityFirst));
  GHashTableIter it;
  gpointer key, value;
  g_hash_table_iter_init (&it, first);
  while (g_hash_table_iter_next (&it, &key, &value))
    {
      RlSensitivityFirst f = { .index = *(guint64 *) key };
      rl_share_init (&f.share, GPOINTER_TO_SIZE (value), n);
      g_array_append_val (mc->first, f);
    }
  g_array_sort (mc->first, compare_first);
  if (mc->first->len > opts->top)
    g_array_set_size (mc->first, opts->top);
  for (guint k = 0; k < mc->first->len; k++)
    {
      RlSensitivityFirst *f = &g_array_index (mc->first, RlSensitivityFirst, k);
      f->options = g_new0 (guint8, sc->n_issues + 1);
      rl_scenario_package_from_index (sc, f->index, f->options);
    }
}

gboolean
rl_sens_monte_carlo (const RlSensSet *set, const RlSensitivityOptions *opts,
                     RlDeadline deadline, RlSensMonteCarlo *mc)
{
  guint n = opts->samples;
  Carlo c = { .set = set, .opts = opts, .samples = g_new0 (Sample, MAX (n, 1)) };
  g_autofree gboolean *done = g_new0 (gboolean, MAX (n, 1));
  gboolean complete = rl_sens_parallel (set, &opts->run, deadline, n, sample_item, &c, done,
                                        2, 2, "sample");
  /* Under a timeout, the first samples that were all settled. */
  guint covered = 0;
  while (covered < n && done[covered])
    covered++;
  tally (opts, set->sc, c.samples, covered, mc);
  g_free (c.samples);
  return complete && covered == n;
}
