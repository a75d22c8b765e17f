/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * simulate-mediator.c: the single negotiating text (simulate.md "Protocol
 * mediator").
 *
 * The text starts at the status quo. Each round the mediator looks at
 * every package that differs from the text in one issue (one or two with
 * mediator_reach 2) and keeps the constraints, and moves to the one that
 * no veto party likes less (u >= u_text - 1e-9) and that raises welfare
 * (every party's utility, observers included) the most, by more than
 * 1e-9; ties (anchored at the largest welfare) go to the smaller index.
 * The neighbourhood is small (the sum of the option counts, or its
 * square), so it is enumerated, not searched; on the largest spaces its
 * square is still large, so the deadline is looked at as it goes.
 */
#include "analysis/simulate-private.h"

#include <math.h>
#include <string.h>

typedef struct {
  const RlSimContext *ctx;
  const guint8 *text;
  const double *u_text;
  double w_text;
  guint8 *y;                 /* scratch neighbour */
  double *u;                 /* scratch utilities */
  /* pass 1: the largest welfare; pass 2: the smallest package tying with it */
  gboolean pass2;
  gboolean found;
  double best_w;
  guint8 *best;
  RlDeadline deadline;
  gboolean stopped;          /* it passed: the move is not known */
} Moves;

static void
consider (Moves *mv)
{
  const RlScenario *sc = mv->ctx->sc;
  if (!rl_scenario_is_feasible (sc, mv->y))
    return;
  double w = 0;
  for (guint p = 0; p < sc->n_parties; p++)
    {
      mv->u[p] = rl_scenario_utility (sc, p, mv->y);
      if (sc->parties[p].veto && mv->u[p] < mv->u_text[p] - RL_EPSILON)
        return;
      w += mv->u[p];
    }
  if (!(w > mv->w_text + RL_EPSILON))
    return;
  if (!mv->pass2)
    {
      if (!mv->found || w > mv->best_w)
        {
          mv->found = TRUE;
          mv->best_w = w;
        }
      return;
    }
  if (rl_scores_tie (RL_SCORE_WELFARE, w, mv->best_w)
      && rl_scenario_compare_packages (sc, mv->y, mv->best) < 0)
    memcpy (mv->best, mv->y, sc->n_issues);
}

/* Every neighbour of the text, once each. */
static void
each_neighbour (Moves *mv, guint reach)
{
  const RlScenario *sc = mv->ctx->sc;
  guint ni = sc->n_issues;
  memcpy (mv->y, mv->text, ni);
  for (guint i = 0; i < ni; i++)
    {
      for (guint k = 0; k < sc->issues[i].n_options; k++)
        {
          if (k == mv->text[i])
            continue;
          if (rl_deadline_passed (mv->deadline))
            {
              mv->stopped = TRUE;
              return;
            }
          mv->y[i] = (guint8) k;
          consider (mv);
          if (reach >= 2)
            for (guint j = i + 1; j < ni; j++)
              {
                for (guint l = 0; l < sc->issues[j].n_options; l++)
                  {
                    if (l == mv->text[j])
                      continue;
                    mv->y[j] = (guint8) l;
                    consider (mv);
                  }
                mv->y[j] = mv->text[j];
              }
        }
      mv->y[i] = mv->text[i];
    }
}

static gboolean
acceptable_to (const RlScenario *sc, guint q, const guint8 *x, double u)
{
  const RlParty *party = &sc->parties[q];
  for (guint r = 0; r < party->red_lines->len; r++)
    if (!rl_rule_eval (g_array_index (party->red_lines, RlNamedRule, r).rule, x))
      return FALSE;
  return u >= party->batna - RL_EPSILON;
}

void
rl_sim_mediator (const RlSimContext *ctx, guint n_threads, GArray *transcript, RlSimOutcome *out)
{
  RlScenario *sc = ctx->sc;
  const RlSimulateOptions *opts = ctx->opts;
  guint np = sc->n_parties, ni = sc->n_issues;
  (void) n_threads;
  g_autofree guint8 *text = g_memdup2 (sc->status_quo, ni + 1);
  g_autofree double *u_text = g_new0 (double, np + 1);
  g_autofree guint8 *y = g_new0 (guint8, ni + 1);
  g_autofree double *u = g_new0 (double, np + 1);
  g_autofree guint8 *best = g_new0 (guint8, ni + 1);

  guint moves = 0;
  gboolean mv_stopped = FALSE;
  for (guint m = 0; m < opts->rounds; m++)
    {
      double w_text = 0;
      for (guint p = 0; p < np; p++)
        {
          u_text[p] = rl_scenario_utility (sc, p, text);
          w_text += u_text[p];
        }
      Moves mv = { ctx, text, u_text, w_text, y, u, FALSE, FALSE, -INFINITY, best,
                   ctx->run.deadline, FALSE };
      each_neighbour (&mv, opts->mediator_reach);
      if ((mv_stopped = mv.stopped))
        break;
      if (!mv.found)
        break;
      /* Pass 2 starts from a package above every other, so that the
       * first tying one replaces it. */
      memset (best, 0xFF, ni);
      mv.pass2 = TRUE;
      each_neighbour (&mv, opts->mediator_reach);
      if ((mv_stopped = mv.stopped))
        break;
      memcpy (text, best, ni);
      moves++;

      if (transcript)
        {
          RlSimRound round = { .round = m, .proposer = RL_SIM_MEDIATOR };
          round.offer = g_memdup2 (text, ni + 1);
          round.index = sc->space_fits ? rl_scenario_package_index (sc, text) : 0;
          round.utilities = g_new0 (double, np + 1);
          round.accepts = g_new0 (gboolean, np + 1);
          for (guint q = 0; q < np; q++)
            {
              round.utilities[q] = rl_scenario_utility (sc, q, text);
              if (sc->parties[q].veto)
                round.accepts[q] = acceptable_to (sc, q, text, round.utilities[q]);
            }
          g_array_append_val (transcript, round);
        }
      if (ctx->round_progress)
        rl_run_report_items (&ctx->run, m + 1, opts->rounds, "move");
    }

  out->round = moves;
  if (mv_stopped)
    {
      /* The text after the last complete move is not agreed: the talks
       * did not finish. */
      out->stopped = TRUE;
      return;
    }
  out->agreed = rl_scenario_is_acceptable (sc, text, FALSE);
  if (out->agreed)
    {
      out->package = g_memdup2 (text, ni + 1);
      for (guint p = 0; p < np; p++)
        out->utilities[p] = rl_scenario_utility (sc, p, text);
    }
}
