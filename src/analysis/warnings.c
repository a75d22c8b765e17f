/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * warnings.c: the suspicious things only a search shows (warnings.h):
 * a BATNA out of the reach of its party, a redundant red line, a red line
 * that alone empties the zone. Each question is a problem of the engine
 * (engine.h) answered by a maximum, a count or a single package found.
 */
#include "model/scenario-internals.h"
#include "model/warnings-list.h"

#include <math.h>

#include <redline/warnings.h>
#include "engine/engine.h"
#include "engine/maximum.h"

/* The engine's problems have no autoptr cleanup of their own. */
typedef RlProblem WarnProblem;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WarnProblem, rl_problem_free)

/* The constraints and party @p's own red lines. */
static RlProblem *
own_problem (RlScenario *sc, guint p, const double *thresholds)
{
  const RlParty *party = &sc->parties[p];
  g_autoptr (GPtrArray) rules = g_ptr_array_new ();
  for (guint r = 0; r < party->red_lines->len; r++)
    g_ptr_array_add (rules, g_array_index (party->red_lines, RlNamedRule, r).rule);
  return rl_problem_new (sc, RL_RULES_CONSTRAINTS, (const RlRule *const *) rules->pdata,
                         rules->len, thresholds);
}

/* The constraints and every veto red line but @skip's (party @sp, rule
 * @sr); with @batnas, every veto party at or above its BATNA too. */
static RlProblem *
without_problem (RlScenario *sc, guint sp, guint sr, gboolean batnas)
{
  g_autoptr (GPtrArray) rules = g_ptr_array_new ();
  g_autofree double *t = g_new (double, sc->n_parties + 1);
  for (guint p = 0; p < sc->n_parties; p++)
    {
      const RlParty *party = &sc->parties[p];
      t[p] = batnas && party->veto ? party->batna : -INFINITY;
      if (!party->veto)
        continue;
      for (guint r = 0; r < party->red_lines->len; r++)
        if (!(p == sp && r == sr))
          g_ptr_array_add (rules, g_array_index (party->red_lines, RlNamedRule, r).rule);
    }
  return rl_problem_new (sc, RL_RULES_CONSTRAINTS, (const RlRule *const *) rules->pdata,
                         rules->len, t);
}

static gboolean
count (const RlProblem *pb, const RlRun *run, guint64 *n, gboolean *complete)
{
  gboolean timed_out = FALSE;
  if (!rl_problem_count (pb, run, n, &timed_out) || timed_out)
    {
      *complete = FALSE;
      return FALSE;
    }
  return TRUE;
}

static void
batna_warnings (RlScenario *sc, guint p, const RlRun *run, gboolean countable, GPtrArray *out,
                gboolean *complete)
{
  const RlParty *party = &sc->parties[p];
  RlPos at = party->batna_pos.line ? party->batna_pos : party->pos;
  g_autoptr (WarnProblem) own = own_problem (sc, p, NULL);
  gboolean timed_out = FALSE;
  double best = rl_problem_max_utility (own, p, run, &timed_out);
  if (timed_out)
    {
      *complete = FALSE;
      return;
    }
  if (!isfinite (best))
    return;   /* nothing keeps its own red lines: an empty zone explain tells */
  if (party->batna > best + RL_EPSILON)
    {
      rl_warnings_add (out, at.line, at.col,
                       "the BATNA of '%s' (%.6g) is above the best it can reach (%.6g) with "
                       "any package that keeps the constraints and its own red lines: it "
                       "accepts no deal", party->id, party->batna, best);
      return;
    }
  /* Without a `batna` key the model warns already (a BATNA of 0). */
  if (!countable || party->batna_pos.line == 0)
    return;
  /* At or below the worst: every such package reaches it, so the BATNA
   * rules nothing out. */
  g_autofree double *t = g_new (double, sc->n_parties + 1);
  for (guint q = 0; q < sc->n_parties; q++)
    t[q] = q == p ? party->batna : -INFINITY;
  g_autoptr (WarnProblem) reaching = own_problem (sc, p, t);
  guint64 all = 0, reach = 0;
  if (!count (own, run, &all, complete) || !count (reaching, run, &reach, complete))
    return;
  if (all > 0 && reach == all)
    rl_warnings_add (out, at.line, at.col,
                     "the BATNA of '%s' (%.6g) is at or below the worst it can get from any "
                     "package that keeps the constraints and its own red lines: it never "
                     "makes a deal unacceptable", party->id, party->batna);
}

GPtrArray *
rl_scenario_search_warnings (RlScenario *sc, const RlRunOptions *opts, gboolean *complete)
{
  g_return_val_if_fail (sc != NULL, NULL);
  gboolean ok = TRUE;
  GPtrArray *out = rl_warnings_new ();
  RlRun run = rl_run_init (opts, rl_deadline_from_timeout (opts ? opts->timeout : 0));
  guint64 space;
  gboolean countable = rl_scenario_get_space (sc, &space) && space <= G_MAXINT64;

  g_autoptr (WarnProblem) zone = rl_problem_new_batna (sc, FALSE);
  g_autofree guint8 *found = g_new0 (guint8, sc->n_issues + 1);
  gboolean empty = !rl_problem_find_one (zone, found);
  guint64 compatible = 0;
  gboolean have_compatible = FALSE;
  if (countable)
    {
      g_autoptr (WarnProblem) all = without_problem (sc, G_MAXUINT, G_MAXUINT, FALSE);
      have_compatible = count (all, &run, &compatible, &ok);
    }

  for (guint p = 0; p < sc->n_parties && ok; p++)
    {
      const RlParty *party = &sc->parties[p];
      if (!party->veto)
        continue;
      batna_warnings (sc, p, &run, countable, out, &ok);
      for (guint r = 0; r < party->red_lines->len && ok; r++)
        {
          const RlNamedRule *rule = &g_array_index (party->red_lines, RlNamedRule, r);
          if (have_compatible)
            {
              g_autoptr (WarnProblem) without = without_problem (sc, p, r, FALSE);
              guint64 n = 0;
              if (count (without, &run, &n, &ok) && n == compatible && n > 0)
                rl_warnings_add (out, rule->pos.line, rule->pos.col,
                                 "red line '%s/%s' excludes nothing that the constraints and "
                                 "the other veto parties' red lines allow: it is redundant",
                                 party->id, rule->id);
            }
          if (empty)
            {
              g_autoptr (WarnProblem) without = without_problem (sc, p, r, TRUE);
              if (rl_problem_find_one (without, found))
                rl_warnings_add (out, rule->pos.line, rule->pos.col,
                                 "red line '%s/%s' alone empties the zone of agreement: "
                                 "without it some package is acceptable", party->id, rule->id);
            }
        }
    }
  if (complete)
    *complete = ok;
  return out;
}
