/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "engine/score.h"

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
  if (kind == RL_SCORE_NASH)
    return fabs (a - b) <= RL_EPSILON * larger;
  return fabs (a - b) <= MAX (RL_EPSILON, RL_EPSILON * larger);
}

/* pow() for a power of 1 (the default) is a multiplication: the bounds of
 * branch and bound call this at every node, and pow() was most of it. */
static inline double
power_of (double base, double power)
{
  return power == 1.0 ? base : pow (base, power);
}

/* The asymmetric Nash product of section 6. */
static double
nash_of (const RlScenario *sc, const double *u)
{
  double nash = 1;
  for (guint p = 0; p < sc->n_parties; p++)
    {
      const RlParty *party = &sc->parties[p];
      if (!party->veto)
        continue;
      double gain = u[p] - party->batna;
      /* A veto party at or below its BATNA makes the product 0 whatever
       * the other terms, one of which may have overflowed (0 * inf would
       * be NaN). */
      if (gain <= 0)
        return 0;
      nash *= power_of (gain, party->power);
    }
  /* Extreme BATNAs and powers (-1e300, 1e300: finite, so allowed)
   * overflow the product: it saturates at the largest double, so that no
   * infinity reaches a ranking or an output. */
  return MIN (nash, G_MAXDOUBLE);
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
  out[RL_SCORE_NASH] = nash_of (sc, u);
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
      return nash_of (sc, u);
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
