/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sensitivity.c: rl_sensitivity(): the options, the threads, the nominal
 * answer, and the result object (sensitivity.md).
 */
#include "analysis/sensitivity-private.h"

#include <math.h>
#include <string.h>

#include <redline/error.h>

#include "engine/package.h"

#define WILSON_Z 1.959963984540054

void
rl_sensitivity_options_init (RlSensitivityOptions *opts)
{
  memset (opts, 0, sizeof *opts);
  opts->rank.kind = RL_SCORE_NASH;
  opts->samples = 1000;
  opts->seed = 1;
  opts->concentration = 50;
  opts->value_noise = 0.05;
  opts->batna_noise = 0.05;
  opts->step_batna = 0.001;
  opts->step_weight = 0.05;
  opts->step_value = 0.01;
  opts->margins = TRUE;
  opts->top = 10;
  rl_run_options_init (&opts->run);
}

void
rl_share_init (RlShare *share, guint64 count, guint64 n)
{
  memset (share, 0, sizeof *share);
  share->count = count;
  if (n == 0)
    return;
  double N = (double) n, p = (double) count / N, z2 = WILSON_Z * WILSON_Z;
  double denom = 1 + z2 / N;
  double centre = (p + z2 / (2 * N)) / denom;
  double half = WILSON_Z * sqrt (p * (1 - p) / N + z2 / (4 * N * N)) / denom;
  share->share = p;
  /* Rounding may put an end a hair outside [0, 1] (all samples: 1 + 2e-16). */
  share->wilson_lo = CLAMP (centre - half, 0.0, 1.0);
  share->wilson_hi = CLAMP (centre + half, 0.0, 1.0);
}

/* ---- threads ----------------------------------------------------------------------- */

typedef struct {
  const RlSensSet *set;
  RlDeadline deadline;
  guint n;
  RlSensItemFunc func;
  gpointer data;
  gboolean *done;
  gint next;
  gint finished;
} Pool;

static void
pool_work (Pool *pool, RlRun *report, const char *unit)
{
  RlSensWorker w;
  rl_sens_worker_init (&w, pool->set);
  gint64 last = 0;
  for (;;)
    {
      guint item = (guint) g_atomic_int_add (&pool->next, 1);
      if (item >= pool->n || rl_deadline_passed (pool->deadline))
        break;
      pool->done[item] = pool->func (item, &w, pool->data);
      g_atomic_int_inc (&pool->finished);
      if (report != NULL && report->progress != NULL)
        {
          gint64 now = g_get_monotonic_time ();
          if (now - last > 100000)
            {
              last = now;
              rl_run_report_items (report, (guint64) g_atomic_int_get (&pool->finished),
                                   pool->n, unit);
            }
        }
    }
  rl_sens_worker_clear (&w);
}

static gpointer
pool_thread (gpointer data)
{
  pool_work (data, NULL, NULL);
  return NULL;
}

gboolean
rl_sens_parallel (const RlSensSet *set, const RlRunOptions *run, RlDeadline deadline, guint n,
                  RlSensItemFunc func, gpointer data, gboolean *done, guint stage,
                  guint n_stages, const char *unit)
{
  Pool pool = { .set = set, .deadline = deadline, .n = n, .func = func, .data = data,
                .done = done };
  guint threads = run->n_threads ? run->n_threads : g_get_num_processors ();
  threads = CLAMP (threads, 1, MAX (n, 1));
  RlRun report = rl_run_init (run, deadline);
  report.stage = stage;
  report.n_stages = n_stages;
  GThread **extra = g_new0 (GThread *, threads);
  for (guint t = 1; t < threads; t++)
    extra[t] = g_thread_new ("sensitivity", pool_thread, &pool);
  pool_work (&pool, &report, unit);
  for (guint t = 1; t < threads; t++)
    g_thread_join (extra[t]);
  g_free (extra);
  for (guint k = 0; k < n; k++)
    if (!done[k])
      return FALSE;
  return TRUE;
}

/* ---- the result ------------------------------------------------------------------- */

struct _RlSensitivity {
  RlScenario *sc;
  RlSensitivityOptions opts;
  gboolean complete;
  gboolean has_nominal;
  RlPackage nominal;
  guint64 n_acceptable;
  GArray *thresholds;          /* RlThreshold */
  gboolean has_margins;
  GArray *margins;             /* RlMargin, settled ones, in order */
  gboolean has_mc;
  RlSensMonteCarlo mc;
};

static gboolean
check_options (const RlSensitivityOptions *o, GError **error)
{
  const char *bad = NULL;
  if (o->rank.kind == RL_SCORE_DURABILITY)
    bad = "sensitivity cannot rank by durability";
  else if (!(o->step_batna > 0) || !(o->step_weight > 0) || !(o->step_value > 0)
           || !isfinite (o->step_batna) || !isfinite (o->step_weight)
           || !isfinite (o->step_value))
    bad = "every grid step must be a number above 0";
  else if (!(o->concentration >= 0) || !(o->value_noise >= 0) || !(o->batna_noise >= 0)
           || !isfinite (o->concentration) || !isfinite (o->value_noise)
           || !isfinite (o->batna_noise))
    bad = "the concentration and the noises must be numbers of at least 0";
  if (bad == NULL)
    return TRUE;
  g_set_error_literal (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT, bad);
  return FALSE;
}

RlSensitivity *
rl_sensitivity (RlScenario *sc, const RlSensitivityOptions *opts_in, GError **error)
{
  g_return_val_if_fail (sc != NULL, NULL);
  RlSensitivityOptions defaults;
  rl_sensitivity_options_init (&defaults);
  const RlSensitivityOptions *opts = opts_in ? opts_in : &defaults;
  if (!check_options (opts, error))
    return NULL;
  RlDeadline deadline = rl_deadline_from_run (&opts->run);
  gboolean timed_out = FALSE;
  RlSensSet set;
  if (!rl_sens_set_init (&set, sc, &opts->rank, deadline, &timed_out, error))
    {
      rl_sens_set_clear (&set);
      return NULL;
    }

  RlSensitivity *sens = g_new0 (RlSensitivity, 1);
  sens->sc = rl_scenario_ref (sc);
  sens->opts = *opts;
  sens->opts.run.progress = NULL;
  sens->opts.run.progress_data = NULL;
  sens->opts.run.cancel = NULL;
  sens->thresholds = g_array_new (FALSE, TRUE, sizeof (RlThreshold));
  sens->margins = g_array_new (FALSE, TRUE, sizeof (RlMargin));
  sens->complete = !timed_out;

  /* The nominal answer: t*, the count. */
  RlSensWorker w;
  rl_sens_worker_init (&w, &set);
  RlSensOutcome nominal;
  rl_sens_evaluate (&set, &w, -1, RL_SENS_NEED_ALL, &nominal);
  if (!nominal.settled)
    sens->complete = FALSE;
  sens->n_acceptable = nominal.acceptable;
  if (nominal.has_first)
    {
      sens->has_nominal = TRUE;
      rl_package_init (&sens->nominal, sc);
      rl_package_fill (&sens->nominal, sc, w.first, TRUE, NULL);
      rl_sens_set_fix_top (&set, w.first);
      nominal.t_acceptable = nominal.t_first = TRUE;
    }
  rl_sens_worker_clear (&w);

  if (!rl_sens_thresholds (sc, opts, deadline, sens->thresholds))
    sens->complete = FALSE;

  sens->has_margins = opts->margins;
  if (opts->margins && sens->complete)
    {
      GArray *params = rl_sens_params (sc, opts);
      RlMargin *margins = g_new0 (RlMargin, MAX (params->len, 1));
      gboolean *settled = g_new0 (gboolean, MAX (params->len, 1));
      if (!rl_sens_margins (&set, opts, &nominal, params, margins, settled, deadline))
        sens->complete = FALSE;
      for (guint m = 0; m < params->len; m++)
        if (settled[m])
          g_array_append_val (sens->margins, margins[m]);
        else
          g_free (margins[m].parameter);
      g_free (margins);
      g_free (settled);
      g_array_unref (params);
    }

  sens->has_mc = opts->samples > 0;
  if (sens->has_mc)
    {
      if (!sens->complete)
        sens->mc.first = g_array_new (FALSE, TRUE, sizeof (RlSensitivityFirst));
      else if (!rl_sens_monte_carlo (&set, opts, deadline, &sens->mc))
        sens->complete = FALSE;
    }
  rl_sens_set_clear (&set);
  return sens;
}

void
rl_sensitivity_free (RlSensitivity *sens)
{
  if (sens == NULL)
    return;
  if (sens->has_nominal)
    rl_package_clear (&sens->nominal);
  for (guint m = 0; m < sens->margins->len; m++)
    g_free (g_array_index (sens->margins, RlMargin, m).parameter);
  g_array_unref (sens->margins);
  g_array_unref (sens->thresholds);
  if (sens->mc.first != NULL)
    {
      for (guint f = 0; f < sens->mc.first->len; f++)
        g_free (g_array_index (sens->mc.first, RlSensitivityFirst, f).options);
      g_array_unref (sens->mc.first);
    }
  rl_scenario_unref (sens->sc);
  g_free (sens);
}

RlScenario *rl_sensitivity_get_scenario (const RlSensitivity *s) { return s->sc; }
const RlSensitivityOptions *rl_sensitivity_get_options (const RlSensitivity *s) { return &s->opts; }
gboolean rl_sensitivity_is_complete (const RlSensitivity *s) { return s->complete; }
const RlPackage *rl_sensitivity_get_nominal (const RlSensitivity *s)
{
  return s->has_nominal ? &s->nominal : NULL;
}
guint64 rl_sensitivity_get_n_acceptable (const RlSensitivity *s) { return s->n_acceptable; }
guint rl_sensitivity_get_n_thresholds (const RlSensitivity *s) { return s->thresholds->len; }

const RlThreshold *
rl_sensitivity_get_threshold (const RlSensitivity *s, guint t)
{
  g_return_val_if_fail (t < s->thresholds->len, NULL);
  return &g_array_index (s->thresholds, RlThreshold, t);
}

gboolean rl_sensitivity_has_margins (const RlSensitivity *s) { return s->has_margins; }
guint rl_sensitivity_get_n_margins (const RlSensitivity *s) { return s->margins->len; }

const RlMargin *
rl_sensitivity_get_margin (const RlSensitivity *s, guint m)
{
  g_return_val_if_fail (m < s->margins->len, NULL);
  return &g_array_index (s->margins, RlMargin, m);
}

gboolean rl_sensitivity_has_monte_carlo (const RlSensitivity *s) { return s->has_mc; }
guint rl_sensitivity_get_n_samples (const RlSensitivity *s) { return s->mc.n; }
const RlShare *rl_sensitivity_get_zone (const RlSensitivity *s) { return &s->mc.zone; }

void
rl_sensitivity_get_acceptable (const RlSensitivity *s, guint64 stats[5])
{
  memcpy (stats, s->mc.acceptable, 5 * sizeof (guint64));
}

guint
rl_sensitivity_get_n_first (const RlSensitivity *s)
{
  return s->mc.first ? s->mc.first->len : 0;
}

const RlSensitivityFirst *
rl_sensitivity_get_first (const RlSensitivity *s, guint f)
{
  g_return_val_if_fail (f < rl_sensitivity_get_n_first (s), NULL);
  return &g_array_index (s->mc.first, RlSensitivityFirst, f);
}

gboolean
rl_sensitivity_get_nominal_shares (const RlSensitivity *s, const RlShare **acceptable,
                                   const RlShare **first, const RlShare **pareto)
{
  if (acceptable)
    *acceptable = &s->mc.t_acceptable;
  if (first)
    *first = &s->mc.t_first;
  if (pareto)
    *pareto = &s->mc.t_pareto;
  return s->has_nominal;
}

static double
margin_step (const RlSensitivityOptions *o, RlSensitivityKind kind)
{
  switch (kind)
    {
    case RL_SENSITIVITY_BATNA:
      return o->step_batna;
    case RL_SENSITIVITY_WEIGHT:
      return o->step_weight;
    default:
      return o->step_value;
    }
}

/* The distance to the first grid point where the finding fails: one step
 * past the last point where it held. */
static double
range_room (const RlSensitivityRange *r, double x0, double step)
{
  double room = INFINITY;
  if (!r->holds)
    return room;
  if (!r->hi_open)
    room = MIN (room, r->hi + step - x0);
  if (!r->lo_open)
    room = MIN (room, x0 - (r->lo - step));
  return room;
}

double
rl_margin_get_room (const RlSensitivity *s, const RlMargin *m)
{
  double x0 = m->kind == RL_SENSITIVITY_WEIGHT ? 1 : m->nominal;
  double step = margin_step (&s->opts, m->kind);
  return MIN (range_room (&m->zone, x0, step), range_room (&m->top, x0, step));
}
