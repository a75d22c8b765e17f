/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * controls.c: what stability.md adds to a scenario, read back: which
 * party controls which issue, and which way each issue may move.
 */
#include "model/scenario-internals.h"

static const char *const moves_names[] = { "both", "forward", "backward" };

const char *
rl_moves_name (RlMoves moves)
{
  g_return_val_if_fail ((guint) moves < G_N_ELEMENTS (moves_names), NULL);
  return moves_names[moves];
}

RlMoves
rl_scenario_get_issue_moves (const RlScenario *sc, guint i)
{
  g_return_val_if_fail (i < sc->n_issues, RL_MOVES_BOTH);
  return sc->issues[i].moves;
}

gboolean
rl_moves_allow (RlMoves moves, guint from, guint to)
{
  switch (moves)
    {
    case RL_MOVES_FORWARD:
      return to > from;
    case RL_MOVES_BACKWARD:
      return to < from;
    case RL_MOVES_BOTH:
    default:
      return to != from;
    }
}

guint
rl_scenario_get_party_n_controls (const RlScenario *sc, guint p)
{
  g_return_val_if_fail (p < sc->n_parties, 0);
  return sc->parties[p].n_controls;
}

guint
rl_scenario_get_party_control (const RlScenario *sc, guint p, guint c)
{
  g_return_val_if_fail (p < sc->n_parties && c < sc->parties[p].n_controls, 0);
  return sc->parties[p].controls[c];
}

const char *
rl_scenario_get_party_control_note (const RlScenario *sc, guint p, guint c)
{
  g_return_val_if_fail (p < sc->n_parties && c < sc->parties[p].n_controls, NULL);
  return sc->parties[p].control_notes[c];
}

int
rl_scenario_get_issue_controller (const RlScenario *sc, guint i)
{
  g_return_val_if_fail (i < sc->n_issues, -1);
  for (guint p = 0; p < sc->n_parties; p++)
    for (guint c = 0; c < sc->parties[p].n_controls; c++)
      if (sc->parties[p].controls[c] == i)
        return (int) p;
  return -1;
}

gboolean
rl_scenario_has_controls (const RlScenario *sc)
{
  for (guint p = 0; p < sc->n_parties; p++)
    if (sc->parties[p].n_controls > 0)
      return TRUE;
  return FALSE;
}
