/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * minizinc.h: a scenario as a MiniZinc model (`redline export minizinc`),
 * so that a general constraint solver can answer the same questions: one
 * variable per issue (its option's position, 1-based), the constraints
 * and every veto party's red lines as constraints, each veto party's
 * utility as an integer with the BATNA test as a constraint, and
 * optionally the Nash product as the objective.
 *
 * Utilities become integers. When every weight is a whole number and every
 * value and bonus has at most 3 decimals, party p's utility times
 * S_p = 1000 · (sum of its weights) is an exact integer, so the BATNA test
 * u >= batna - 1e-9 is exact and the solutions are exactly redline's
 * acceptable packages. Otherwise utilities are scaled by 10^6 and rounded
 * (*exact is then FALSE): a package within about 1e-6 of a BATNA may count
 * differently.
 *
 * The Nash objective: MiniZinc's integer solvers cannot multiply many
 * gains, so the model maximises Σ_p lg_p[U_p] instead, where lg_p is a
 * table over every reachable integer utility U of round(10^6 · power_p ·
 * ln(U / S_p − batna_p)), clamped to ±2·10^7, with −3·10^7 for a gain of
 * 0 (a logarithm of a product is the sum of the logarithms; the table
 * keeps every number an integer and the sum of 64 parties' entries inside
 * Gecode's 32 bits). Rounding can swap packages whose Nash products differ
 * by less than about 10^-6 relative; gains beyond e^±20 (absurd BATNAs)
 * all weigh alike.
 */
#pragma once

#include <glib.h>
#include <redline/scenario.h>

G_BEGIN_DECLS

/**
 * RlMinizincGoal:
 * @RL_MINIZINC_SATISFY: `solve satisfy`: every solution is an acceptable
 *   package (`minizinc --all-solutions` lists them)
 * @RL_MINIZINC_NASH: `solve maximize` the Nash objective above
 */
typedef enum {
  RL_MINIZINC_SATISFY,
  RL_MINIZINC_NASH,
} RlMinizincGoal;

/**
 * rl_minizinc_model:
 * @sc: the scenario; borrowed
 * @exact: (out) (optional): whether the integer utilities are exact
 *
 * Returns: (transfer full): the model's text.
 */
char *rl_minizinc_model (const RlScenario *sc, RlMinizincGoal goal, gboolean *exact);

G_END_DECLS
