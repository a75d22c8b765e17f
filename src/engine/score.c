/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "engine/score.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include <redline/error.h>
#include <redline/suggest.h>
#include "model/scenario-internals.h"

static const char *const score_names[] = {
  "welfare", "nash", "kalai", "min_gain", "utility", "durability",
};

const char *
rl_score_name (RlScoreKind kind)
{
  return kind < G_N_ELEMENTS (score_names) ? score_names[kind] : NULL;
}

gboolean
rl_rank_parse (const RlScenario *sc, const char *text, RlRank *rank, GError **error)
{
  g_return_val_if_fail (text != NULL && rank != NULL, FALSE);
  if (g_str_has_prefix (text, "utility:"))
    {
      const char *who = text + strlen ("utility:");
      int p = rl_scenario_find_party (sc, who);
      if (p < 0)
        {
          g_autoptr (GPtrArray) ids = g_ptr_array_new ();
          for (guint q = 0; q < sc->n_parties; q++)
            g_ptr_array_add (ids, sc->parties[q].id);
          g_autofree char *hint = rl_suggest_hint (who, strlen (who), (const char *const *) ids->pdata, ids->len);
          g_set_error (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT,
                       "unknown party '%s' in '%s'%s", who, text, hint);
          return FALSE;
        }
      *rank = (RlRank){ RL_SCORE_UTILITY, (guint) p };
      return TRUE;
    }
  for (guint k = 0; k < G_N_ELEMENTS (score_names); k++)
    if (k != RL_SCORE_UTILITY && strcmp (text, score_names[k]) == 0)
      {
        *rank = (RlRank){ (RlScoreKind) k, 0 };
        return TRUE;
      }
  static const char *const choices[] = { "welfare", "nash", "kalai", "min_gain", "durability", "utility:" };
  g_autofree char *hint = rl_suggest_hint (text, strlen (text), choices, G_N_ELEMENTS (choices));
  g_set_error (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT,
               "unknown score '%s' (use welfare, nash, kalai, min_gain, durability or utility:PARTY)%s",
               text, hint);
  return FALSE;
}

char *
rl_rank_to_string (const RlScenario *sc, const RlRank *rank)
{
  if (rank->kind == RL_SCORE_UTILITY)
    return g_strdup_printf ("utility:%s", sc->parties[rank->party].id);
  return g_strdup (rl_score_name (rank->kind));
}

gboolean
rl_scores_tie (RlScoreKind kind, double a, double b)
{
  if (a == b)
    return TRUE;
  double larger = MAX (fabs (a), fabs (b));
  /* Nash scores are logarithms of the products: "differ by at most 1e-9
   * times the larger product" is a difference of logarithms of at most
   * -log(1 - 1e-9). */
  if (kind == RL_SCORE_NASH)
    return fabs (a - b) <= -log1p (-RL_EPSILON);
  return fabs (a - b) <= MAX (RL_EPSILON, RL_EPSILON * larger);
}

/* pow() for a power of 1 (the default) is a multiplication: the bounds of
 * branch and bound call this at every node, and pow() was most of it. */
static inline double
power_of (double base, double power)
{
  return power == 1.0 ? base : pow (base, power);
}

/* Section 6's asymmetric Nash product, or (@as_log) its logarithm, the
 * sum of power * log(gain), which every ranking compares: the product
 * underflows to 0 with a power of 1e9 and overflows with BATNAs of
 * -1e308, and then ranks wrongly; the sum does neither (it is finite
 * whenever every gain is positive). */
static double
nash_of (const RlScenario *sc, const double *u, gboolean as_log)
{
  double acc = as_log ? 0.0 : 1.0;
  for (guint p = 0; p < sc->n_parties; p++)
    {
      const RlParty *party = &sc->parties[p];
      if (!party->veto)
        continue;
      double gain = u[p] - party->batna;
      /* A veto party at or below its BATNA makes the product 0. */
      if (gain <= 0)
        return as_log ? -INFINITY : 0.0;
      if (as_log)
        acc += party->power * log (gain);
      else
        acc *= power_of (gain, party->power);
    }
  /* gain overflows to +inf only from finite u and batna of opposite
   * signs near the largest double: keep it ranked first, finitely. */
  return as_log ? MIN (acc, G_MAXDOUBLE) : acc;
}

double
rl_nash_product (const RlScenario *sc, const double *u)
{
  return nash_of (sc, u, FALSE);
}

gboolean
rl_nash_shown (double log_nash, double product, double *value)
{
  if (log_nash == -INFINITY)
    {
      *value = 0;
      return TRUE;
    }
  double v = isnan (product) ? exp (log_nash) : product;
  *value = v;
  return isfinite (v) && v >= DBL_MIN;
}

static double
kalai_term (const RlParty *party, double u, double ideal)
{
  double range = ideal - party->batna;
  if (range <= 1e-12)
    return 1.0;
  return (u - party->batna) / range;
}

void
rl_scores_compute (const RlScenario *sc, const double *u, const double *ideal,
                   double out[RL_N_STANDARD_SCORES])
{
  double welfare = 0, kalai = INFINITY, min_gain = INFINITY;
  for (guint p = 0; p < sc->n_parties; p++)
    {
      const RlParty *party = &sc->parties[p];
      welfare += u[p];
      if (!party->veto)
        continue;
      double gain = u[p] - party->batna;
      min_gain = MIN (min_gain, gain);
      if (ideal)
        kalai = MIN (kalai, kalai_term (party, u[p], ideal[p]));
    }
  out[RL_SCORE_WELFARE] = welfare;
  out[RL_SCORE_NASH] = nash_of (sc, u, TRUE);
  out[RL_SCORE_KALAI] = ideal ? kalai : NAN;
  out[RL_SCORE_MIN_GAIN] = min_gain;
}

double
rl_score_value (const RlScenario *sc, const RlRank *rank, const double *u, const double *ideal)
{
  double out[RL_N_STANDARD_SCORES];
  switch (rank->kind)
    {
    case RL_SCORE_UTILITY:
      return u[rank->party];
    case RL_SCORE_NASH:
      /* The one score branch and bound asks for at every node: alone. */
      return nash_of (sc, u, TRUE);
    case RL_SCORE_WELFARE:
    case RL_SCORE_KALAI:
    case RL_SCORE_MIN_GAIN:
      rl_scores_compute (sc, u, ideal, out);
      return out[rank->kind];
    default:
      g_return_val_if_reached (NAN);
    }
}

double
rl_score_bound (const RlScenario *sc, const RlRank *rank, const double *ub, const double *ideal)
{
  /* Every score is non-decreasing in every utility, so the score of the
   * upper bounds bounds the score. */
  return rl_score_value (sc, rank, ub, ideal);
}

gboolean
rl_score_needs_ideal (const RlRank *rank)
{
  return rank->kind == RL_SCORE_KALAI;
}
