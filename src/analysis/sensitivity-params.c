/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sensitivity-params.c: the parameters of sensitivity.md in its order,
 * their grids, and setting one grid point on a worker's copy.
 */
#include "analysis/sensitivity-private.h"

#include <math.h>

static void
grid (RlSensParam *prm, double lo, double hi)
{
  prm->kmin = -(gint64) floor ((prm->x0 - lo) / prm->step + 1e-9);
  prm->kmax = (gint64) floor ((hi - prm->x0) / prm->step + 1e-9);
  if (prm->kmin > 0)
    prm->kmin = 0;
  if (prm->kmax < 0)
    prm->kmax = 0;
}

static guint
n_positive_weights (const RlParty *party, guint n_issues)
{
  guint n = 0;
  for (guint i = 0; i < n_issues; i++)
    n += party->has_weights && party->raw_weights[i] > 0;
  return n;
}

GArray *
rl_sens_params (const RlScenario *sc, const RlSensitivityOptions *opts)
{
  GArray *out = g_array_new (FALSE, TRUE, sizeof (RlSensParam));
  for (guint p = 0; p < sc->n_parties; p++)
    if (sc->parties[p].veto)
      {
        RlSensParam prm = { .kind = RL_SENSITIVITY_BATNA, .party = p,
                            .x0 = sc->parties[p].batna, .step = opts->step_batna,
                            .nominal = sc->parties[p].batna };
        grid (&prm, prm.x0 - 0.5, prm.x0 + 0.5);
        g_array_append_val (out, prm);
      }
  for (guint p = 0; p < sc->n_parties; p++)
    {
      const RlParty *party = &sc->parties[p];
      if (n_positive_weights (party, sc->n_issues) >= 2)
        for (guint i = 0; i < sc->n_issues; i++)
          if (party->raw_weights[i] > 0)
            {
              RlSensParam prm = { .kind = RL_SENSITIVITY_WEIGHT, .party = p, .issue = i,
                                  .x0 = 1, .step = opts->step_weight,
                                  .nominal = party->raw_weights[i] };
              grid (&prm, 0, 10);
              g_array_append_val (out, prm);
            }
      for (guint i = 0; i < sc->n_issues; i++)
        if (party->has_weights && party->raw_weights[i] > 0)
          for (guint k = 0; k < sc->issues[i].n_options; k++)
            {
              RlSensParam prm = { .kind = RL_SENSITIVITY_VALUE, .party = p, .issue = i,
                                  .option = k, .x0 = party->values[i][k],
                                  .step = opts->step_value, .nominal = party->values[i][k] };
              grid (&prm, 0, 1);
              g_array_append_val (out, prm);
            }
      for (guint b = 0; b < party->bonuses->len; b++)
        {
          double v = g_array_index (party->bonuses, RlBonus, b).value;
          RlSensParam prm = { .kind = RL_SENSITIVITY_BONUS, .party = p, .bonus = b,
                              .x0 = v, .step = opts->step_value, .nominal = v };
          grid (&prm, -1, 1);
          g_array_append_val (out, prm);
        }
    }
  return out;
}

char *
rl_sens_param_path (const RlScenario *sc, const RlSensParam *prm)
{
  const char *party = sc->parties[prm->party].id;
  switch (prm->kind)
    {
    case RL_SENSITIVITY_BATNA:
      return g_strdup_printf ("parties.%s.batna", party);
    case RL_SENSITIVITY_WEIGHT:
      return g_strdup_printf ("parties.%s.weights.%s", party, sc->issues[prm->issue].id);
    case RL_SENSITIVITY_VALUE:
      return g_strdup_printf ("parties.%s.values.%s.%s", party, sc->issues[prm->issue].id,
                              sc->issues[prm->issue].options[prm->option].id);
    case RL_SENSITIVITY_BONUS:
    default:
      return g_strdup_printf ("parties.%s.bonuses.%u", party, prm->bonus + 1);
    }
}

double
rl_sens_param_value (const RlSensParam *prm, gint64 k)
{
  return prm->x0 + (double) k * prm->step;
}

void
rl_sens_param_apply (RlScenario *work, const RlScenario *nominal, const RlSensParam *prm,
                     gint64 k)
{
  RlParty *party = &work->parties[prm->party];
  const RlParty *orig = &nominal->parties[prm->party];
  double x = rl_sens_param_value (prm, k);
  switch (prm->kind)
    {
    case RL_SENSITIVITY_BATNA:
      /* A BATNA from the status quo moves its ADJUST (b0 is the derived
       * value, so b0 + kΔ = u(sq) + ADJUST + kΔ). */
      if (orig->batna_from_status_quo)
        party->batna_adjust = k == 0 ? orig->batna_adjust
                                     : orig->batna_adjust + (double) k * prm->step;
      else
        party->batna = k == 0 ? orig->batna : x;
      break;
    case RL_SENSITIVITY_WEIGHT:
      party->raw_weights[prm->issue] = k == 0 ? orig->raw_weights[prm->issue]
                                              : x * orig->raw_weights[prm->issue];
      break;
    case RL_SENSITIVITY_VALUE:
      party->values[prm->issue][prm->option] = x;
      break;
    case RL_SENSITIVITY_BONUS:
      g_array_index (party->bonuses, RlBonus, prm->bonus).value = x;
      break;
    }
  rl_scenario_finish (work);
}
