/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * stability.h: would anyone break the deal the day after? The four
 * stability concepts of the Graph Model for Conflict Resolution (Nash,
 * general and symmetric metarationality, sequential stability) applied
 * to the packages of a scenario (stability.md).
 *
 * States are the feasible packages. A party with `controls` (a decision
 * maker) may move from a state to another by changing the issues it
 * controls, each as the issue's `moves` allows; it prefers a state that
 * breaks fewer of its own red lines, then one of higher utility (1e-9
 * tolerance). A package is stable for a decision maker under a concept
 * when every move that improves its lot can be answered by the others
 * as the concept requires; an equilibrium when stable for every one.
 *
 * Results do not depend on the thread count: every examined package is
 * settled on its own, and they are reported in index order.
 *
 * Ownership: rl_stability() returns a new RlStability owned by the caller
 * (rl_stability_free()); packages, improvements and arrays obtained from
 * it are borrowed and live as long as it does.
 */
#pragma once

#include <glib.h>
#include <redline/run.h>
#include <redline/scenario.h>
#include <redline/solve.h>

G_BEGIN_DECLS

/**
 * RlStabilityConcept: the four concepts of stability.md, in its order.
 */
typedef enum {
  RL_STABILITY_NASH,
  RL_STABILITY_GMR,
  RL_STABILITY_SMR,
  RL_STABILITY_SEQ,
} RlStabilityConcept;

#define RL_N_STABILITY_CONCEPTS 4

/** rl_stability_concept_name: "nash", "gmr", "smr" or "seq". */
const char *rl_stability_concept_name (RlStabilityConcept concept);

/**
 * RlStabilityPackages: which packages are examined (moves always range
 * over every feasible package).
 * @RL_STABILITY_ACCEPTABLE: the acceptable packages (the default)
 * @RL_STABILITY_COMPATIBLE: the compatible ones
 * @RL_STABILITY_FEASIBLE: every state
 * @RL_STABILITY_TOP: the first @top by @rank
 */
typedef enum {
  RL_STABILITY_ACCEPTABLE,
  RL_STABILITY_COMPATIBLE,
  RL_STABILITY_FEASIBLE,
  RL_STABILITY_TOP,
} RlStabilityPackages;

/**
 * rl_stability_packages_parse:
 * @text: "acceptable", "compatible", "feasible" or "top"
 * @error: RL_ERROR_INVALID_ARGUMENT with a did-you-mean hint
 */
gboolean rl_stability_packages_parse (const char *text, RlStabilityPackages *packages,
                                      GError **error);

/**
 * RlStabilityOptions:
 * @packages: which packages to examine
 * @rank, @top: for RL_STABILITY_TOP (default nash, 10)
 * @deal: (nullable): examine this one package (n_issues option positions)
 *   instead; borrowed for the call. It must be a state: a package that
 *   breaks a constraint is refused.
 * @run: threads (examined packages are spread over them), timeout (on
 *   expiry the packages settled so far are kept and the result is marked
 *   incomplete), progress (stages: finding the packages to examine, then
 *   settling them)
 */
typedef struct {
  RlStabilityPackages packages;
  RlRank rank;
  guint top;
  const guint8 *deal;
  RlRunOptions run;
} RlStabilityOptions;

/** rl_stability_options_init: acceptable packages, nash, top 10, all cores. */
void rl_stability_options_init (RlStabilityOptions *opts);

/**
 * RlImprovement: a unilateral improvement x1 of a decision maker i from
 * an examined package x (a state of R_i⁺(x)). Read-only for callers.
 * @index: x1's package index
 * @options: x1's options (n_issues)
 * @gain: u_i(x1) − u_i(x) (negative when x1 is preferred for breaking
 *   fewer of i's red lines)
 * @sanctioned: the others can answer as `gmr` requires: some state they
 *   reach from x1 leaves i no better off than x
 * @sanction: (nullable): when @sanctioned, such an answer, the first
 *   found by a breadth-first search from x1 (fewest moves; among those,
 *   lowest index at each step): its options (n_issues)
 * @sanction_moves: how many moves by the others lead from x1 to @sanction
 */
typedef struct {
  guint64 index;
  guint8 *options;
  double gain;
  gboolean sanctioned;
  guint8 *sanction;
  guint sanction_moves;
} RlImprovement;

typedef struct _RlStability RlStability;

/**
 * rl_stability:
 * @error: RL_ERROR_INVALID_ARGUMENT for a @deal that breaks a constraint
 *   (the message names the constraint); RL_ERROR_TOO_LARGE when the
 *   package space is above 2^63 − 1 (states are kept by package index)
 *
 * Returns: (transfer full) (nullable): the verdicts for every examined
 *   package, or %NULL.
 */
RlStability *rl_stability (RlScenario *sc, const RlStabilityOptions *opts, GError **error);

void rl_stability_free (RlStability *st);

RlScenario *rl_stability_get_scenario (const RlStability *st);
/** rl_stability_is_complete: %FALSE when the timeout left packages unsettled. */
gboolean rl_stability_is_complete (const RlStability *st);

/** rl_stability_get_n_deciders: how many decision makers (parties with controls). */
guint rl_stability_get_n_deciders (const RlStability *st);
/** rl_stability_get_decider: the party position of decision maker @d (file order). */
guint rl_stability_get_decider (const RlStability *st, guint d);

/**
 * rl_stability_get_n_packages:
 * Returns: how many packages were examined and settled (all of them
 *   unless the timeout stopped the work); they are in index order.
 */
guint rl_stability_get_n_packages (const RlStability *st);
/**
 * rl_stability_get_package:
 * Returns: (transfer none): package @k: index, options, utilities, and
 *   scores and pareto flag when acceptable (as solve's packages).
 */
const RlPackage *rl_stability_get_package (const RlStability *st, guint k);
/** rl_stability_is_stable: whether package @k is an equilibrium under @concept. */
gboolean rl_stability_is_stable (const RlStability *st, guint k, RlStabilityConcept concept);
/**
 * rl_stability_party_is_stable:
 * Returns: whether package @k is stable for party @p under @concept (a
 *   party that is not a decision maker is stable under every concept).
 */
gboolean rl_stability_party_is_stable (const RlStability *st, guint k, guint p,
                                       RlStabilityConcept concept);
/**
 * rl_stability_get_n_improvements:
 * Returns: how many unilateral improvements party @p has from package @k
 *   (0 for a party that is not a decision maker).
 */
guint rl_stability_get_n_improvements (const RlStability *st, guint k, guint p);
/**
 * rl_stability_get_improvement:
 * Returns: (transfer none): improvement @m of party @p from package @k, in
 *   the party's order of preference: fewer of its red lines broken first,
 *   then higher utility (utilities within 1e-9 by index).
 */
const RlImprovement *rl_stability_get_improvement (const RlStability *st, guint k, guint p,
                                                   guint m);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RlStability, rl_stability_free)

G_END_DECLS
