/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sensitivity-margins.c: one parameter at a time, scan its grid outwards
 * from the nominal value while a finding still holds (sensitivity.md,
 * "Range of a finding", "Knife edges"). Only the findings still alive
 * are asked, so a scan costs what it must.
 */
#include "analysis/sensitivity-private.h"

typedef struct {
  const RlSensSet *set;
  const RlSensOutcome *nominal;
  GArray *params;
  RlMargin *margins;
} Margins;

/* Scans one direction; FALSE when the deadline stopped it. */
static gboolean
scan (const Margins *m, RlSensWorker *w, const RlSensParam *prm, gint dir, gint64 *zlast,
      gboolean *zopen, gint64 *tlast, gboolean *topen)
{
  gboolean zone_alive = m->nominal->zone, top_alive = m->nominal->t_first;
  gint64 end = dir > 0 ? prm->kmax : prm->kmin;
  *zlast = *tlast = 0;
  gint64 k = 0;
  while ((zone_alive || top_alive) && k != end)
    {
      if (rl_deadline_passed (m->set->deadline))
        return FALSE;
      k += dir;
      rl_sens_param_apply (w->work, m->set->sc, prm, k);
      RlSensOutcome out;
      RlSensNeed need = (zone_alive ? RL_SENS_NEED_ZONE : 0) | (top_alive ? RL_SENS_NEED_TOP : 0);
      rl_sens_evaluate (m->set, w, (gint) prm->party, need, &out);
      if (!out.settled)
        return FALSE;
      if (zone_alive && out.zone)
        *zlast = k;
      else
        zone_alive = FALSE;
      if (top_alive && out.t_acceptable && out.t_first)
        *tlast = k;
      else
        top_alive = FALSE;
    }
  *zopen = zone_alive;
  *topen = top_alive;
  return TRUE;
}

static void
fill_range (RlSensitivityRange *r, gboolean holds, const RlSensParam *prm, gint64 lo,
            gboolean lo_open, gint64 hi, gboolean hi_open)
{
  r->holds = holds;
  if (!holds)
    return;
  r->lo = rl_sens_param_value (prm, lo);
  r->hi = rl_sens_param_value (prm, hi);
  r->lo_open = lo_open;
  r->hi_open = hi_open;
  /* One step away, inside the domain, it fails. */
  r->knife_edge = (hi == 0 && !hi_open && prm->kmax >= 1)
                  || (lo == 0 && !lo_open && prm->kmin <= -1);
}

static gboolean
margin_item (guint item, RlSensWorker *w, gpointer data)
{
  const Margins *m = data;
  const RlSensParam *prm = &g_array_index (m->params, RlSensParam, item);
  RlMargin *mg = &m->margins[item];
  gint64 zhi, zlo, thi, tlo;
  gboolean zhi_open, zlo_open, thi_open, tlo_open;
  gboolean ok = scan (m, w, prm, +1, &zhi, &zhi_open, &thi, &thi_open)
                && scan (m, w, prm, -1, &zlo, &zlo_open, &tlo, &tlo_open);
  rl_sens_param_apply (w->work, m->set->sc, prm, 0);
  if (!ok)
    return FALSE;
  mg->parameter = rl_sens_param_path (m->set->sc, prm);
  mg->kind = prm->kind;
  mg->party = prm->party;
  mg->issue = prm->issue;
  mg->option = prm->option;
  mg->bonus = prm->bonus;
  mg->nominal = prm->nominal;
  fill_range (&mg->zone, m->nominal->zone, prm, zlo, zlo_open, zhi, zhi_open);
  fill_range (&mg->top, m->nominal->t_first, prm, tlo, tlo_open, thi, thi_open);
  return TRUE;
}

gboolean
rl_sens_margins (const RlSensSet *set, const RlSensitivityOptions *opts,
                 const RlSensOutcome *nominal, GArray *params, RlMargin *margins,
                 gboolean *settled, RlDeadline deadline)
{
  Margins m = { .set = set, .nominal = nominal, .params = params, .margins = margins };
  return rl_sens_parallel (set, &opts->run, deadline, params->len, margin_item, &m, settled,
                           1, 2, "parameter");
}
