/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * simulate-alternating.c: the alternating-offers protocol (simulate.md
 * "Protocol alternating").
 *
 * Round t: the proposer order[t mod n] offers, among the packages that
 * keep the constraints, its own red lines, the other veto parties' public
 * red lines and its own aspiration, the one that maximises the smallest
 * normalised surplus it believes the others get over their aspirations;
 * ties by its own utility, then the smaller index. Nothing qualifies: its
 * own best package under those rules if at or above its BATNA (a
 * fallback), else a pass. Each other veto party accepts by its true
 * utility and all its red lines.
 */
#include "analysis/simulate-private.h"

#include <math.h>
#include <string.h>

void
rl_sim_round_clear (RlSimRound *r)
{
  g_clear_pointer (&r->offer, g_free);
  g_clear_pointer (&r->utilities, g_free);
  g_clear_pointer (&r->aspirations, g_free);
  g_clear_pointer (&r->accepts, g_free);
}

double
rl_aspiration (double batna, double ideal, double e, guint t, guint rounds)
{
  if (isinf (e) || rounds <= 1 || t == 0)
    return ideal;
  double x = (double) t / (double) (rounds - 1);
  return batna + (ideal - batna) * (1.0 - pow (x, 1.0 / e));
}

/* Whether every red line of party q holds for @x. */
static gboolean
keeps_red_lines (const RlScenario *sc, guint q, const guint8 *x)
{
  const RlParty *party = &sc->parties[q];
  for (guint r = 0; r < party->red_lines->len; r++)
    if (!rl_rule_eval (g_array_index (party->red_lines, RlNamedRule, r).rule, x))
      return FALSE;
  return TRUE;
}

/* What proposer p believes of the others: their ideals over the
 * constraints and their public red lines, in p's view. */
static void
believed_ideals (const RlSimContext *ctx, RlScenario *view, guint p, const RlRun *run,
                 double *out)
{
  RlScenario *sc = ctx->sc;
  for (guint v = 0; v < ctx->n_veto; v++)
    {
      guint q = ctx->veto[v];
      if (q == p)
        continue;
      if (view == sc)
        {
          out[q] = ctx->public_ideal[q];
          continue;
        }
      GPtrArray *rules = ctx->public_rules[q];
      RlProblem *pb = rl_problem_new (view, RL_RULES_CONSTRAINTS,
                                      (const RlRule *const *) rules->pdata, rules->len, NULL);
      out[q] = rl_sim_max_utility (pb, q, run);
      rl_problem_free (pb);
    }
}

void
rl_sim_alternating (const RlSimContext *ctx, RlScenario **views, guint n_threads,
                    GArray *transcript, RlSimOutcome *out)
{
  RlScenario *sc = ctx->sc;
  const RlSimulateOptions *opts = ctx->opts;
  guint np = sc->n_parties, ni = sc->n_issues, T = opts->rounds;

  /* believed[p * np + q]: p's belief of q's ideal, computed when p first
   * proposes. */
  g_autofree double *believed = g_new0 (double, (gsize) np * np + 1);
  g_autofree gboolean *has_beliefs = g_new0 (gboolean, np + 1);
  g_autofree double *asp = g_new0 (double, np + 1);
  g_autofree double *thr = g_new0 (double, np + 1);
  g_autofree guint8 *x = g_new0 (guint8, ni + 1);
  RlRun run = rl_run_init (NULL, ctx->run.deadline);
  run.n_threads = n_threads;

  out->agreed = FALSE;
  for (guint t = 0; t < T; t++)
    {
      guint p = opts->order[t % opts->n_order];
      RlScenario *view = views ? views[p] : sc;
      if (!has_beliefs[p])
        {
          believed_ideals (ctx, view, p, &run, &believed[(gsize) p * np]);
          has_beliefs[p] = TRUE;
        }
      for (guint q = 0; q < np; q++)
        asp[q] = sc->parties[q].veto ? rl_aspiration (sc->parties[q].batna, ctx->ideal[q],
                                                      opts->exponent[q], t, T)
                                     : NAN;

      /* The objective: every other veto party's believed surplus. */
      RlSimObjective obj = { .own = p };
      for (guint v = 0; v < ctx->n_veto; v++)
        {
          guint q = ctx->veto[v];
          if (q == p)
            continue;
          double ideal_q = believed[(gsize) p * np + q];
          double batna_q = sc->parties[q].batna;
          obj.term_party[obj.n_terms] = q;
          obj.term_asp[obj.n_terms] = rl_aspiration (batna_q, ideal_q, opts->exponent[q], t, T);
          obj.term_den[obj.n_terms] = ideal_q - batna_q;
          obj.n_terms++;
        }

      for (guint q = 0; q < np; q++)
        thr[q] = -INFINITY;
      thr[p] = asp[p];
      GPtrArray *rules = ctx->extra[p];
      RlSimQuestion question = { view, RL_RULES_CONSTRAINTS, (const RlRule *const *) rules->pdata,
                                 rules->len, thr };
      gboolean offered = rl_sim_choose (&question, &obj, &run, x, NULL, NULL);
      if (rl_deadline_passed (ctx->run.deadline))
        {
          /* This round is not played: the transcript ends at the last
           * complete one. */
          out->stopped = TRUE;
          return;
        }
      gboolean fallback = FALSE;
      if (!offered && ctx->fallback[p] != NULL
          && rl_scenario_utility (sc, p, ctx->fallback[p]) >= sc->parties[p].batna - RL_EPSILON)
        {
          memcpy (x, ctx->fallback[p], ni);
          offered = fallback = TRUE;
        }

      RlSimRound round = { .round = t, .proposer = (int) p, .fallback = fallback };
      round.aspirations = g_memdup2 (asp, sizeof (double) * np);
      round.accepts = g_new0 (gboolean, np + 1);
      gboolean all = offered;
      if (offered)
        {
          round.offer = g_memdup2 (x, ni + 1);
          round.index = sc->space_fits ? rl_scenario_package_index (sc, x) : 0;
          round.utilities = g_new0 (double, np + 1);
          for (guint q = 0; q < np; q++)
            round.utilities[q] = rl_scenario_utility (sc, q, x);
          for (guint v = 0; v < ctx->n_veto; v++)
            {
              guint q = ctx->veto[v];
              if (q == p)
                continue;
              round.accepts[q] = keeps_red_lines (sc, q, x)
                                 && round.utilities[q] >= asp[q] - RL_EPSILON;
              all = all && round.accepts[q];
            }
        }
      if (all)
        {
          out->agreed = TRUE;
          out->round = t;
          out->package = g_memdup2 (x, ni + 1);
          memcpy (out->utilities, round.utilities, sizeof (double) * np);
        }
      if (transcript)
        g_array_append_val (transcript, round);
      else
        rl_sim_round_clear (&round);
      if (ctx->round_progress)
        rl_run_report_items (&ctx->run, t + 1, T, "round");
      if (all)
        return;
    }
}
