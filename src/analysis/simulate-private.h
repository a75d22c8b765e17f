/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * simulate-private.h: what the simulation's modules share.
 *
 *   simulate.c              options, runs over threads, outcome, summary
 *   simulate-search.c       the lexicographic choice (objective, own
 *                           utility, index) by branch and bound
 *   simulate-alternating.c  the alternating-offers protocol
 *   simulate-mediator.c     the single negotiating text
 *   simulate-beliefs.c      perceived scenarios (noise), seeds
 *   durability.c            the life of a deal
 */
#pragma once

#include <gsl/gsl_rng.h>
#include <redline/simulate.h>

#include "engine/engine.h"
#include "model/scenario-internals.h"

G_BEGIN_DECLS

/* ---- simulate-search.c ------------------------------------------------- */

/**
 * RlSimObjective: what a choice maximises.
 * RL_SIM_MIN_RATIO, simulate.md's proposer objective: min over terms q of
 * (ũ_q(x) - asp_q) / den_q, a term with den_q <= RL_SIM_ZERO_DENOMINATOR
 * counting 0 (and no term at all giving 0); ties (1e-9, absolute or
 * relative) broken by the larger utility of @own, then the smaller index.
 * RL_SIM_NASH, scenario.md's Nash product: the product over terms q of
 * max(u_q - asp_q, 0) ^ den_q (asp: the BATNA, den: the power; terms in
 * file order, as rl_scores_compute() multiplies); Nash ties (relative
 * 1e-9), then the smaller index; @own is not used.
 */
typedef enum {
  RL_SIM_MIN_RATIO,
  RL_SIM_NASH,
} RlSimObjectiveKind;

typedef struct {
  RlSimObjectiveKind kind;
  guint own;
  guint n_terms;
  guint term_party[RL_MAX_PARTIES];
  double term_asp[RL_MAX_PARTIES];
  double term_den[RL_MAX_PARTIES];
} RlSimObjective;

/* A denominator at most this counts as zero (the threshold kalai uses). */
#define RL_SIM_ZERO_DENOMINATOR 1e-12

/** rl_sim_objective_value: the objective of @u (utilities of the problem's scenario). */
double rl_sim_objective_value (const RlSimObjective *obj, const double *u);

/**
 * RlSimQuestion: the packages a choice is made among: those of the
 * problem rl_problem_new (@sc, @which, @extra, @n_extra, @thresholds)
 * (all borrowed).
 */
typedef struct {
  RlScenario *sc;
  RlProblemRules which;
  const RlRule *const *extra;
  guint n_extra;
  const double *thresholds;
} RlSimQuestion;

/**
 * rl_sim_choose:
 * The package of @q that maximises @obj (computed on the canonical
 * utilities of @q's scenario), then @obj->own's utility, then has the
 * smallest index. Ties use scenario.md's tolerance, anchored at the
 * maximum: first f* = max f; then among the packages whose f ties with
 * f*, u* = max own utility; then among those whose own utility ties with
 * u*, the smallest index. Branch and bound for f* and u*; the smallest
 * index by one more pass, or, when the ties are too many to visit (issues
 * nobody weighs multiply them), issue by issue in file order, each option
 * from the smallest, keeping the first for which a tying package exists.
 * @run: the threads, and the deadline (0: none) every pass honours
 * @out: (out caller-allocates): n_issues bytes
 * @f_out, @u_out: (out) (optional): its objective and own utility
 * Returns: whether any package qualifies. Once rl_sim_expired (@run's
 *   deadline) holds, the answer means nothing: the caller stops.
 */
gboolean rl_sim_choose (const RlSimQuestion *q, const RlSimObjective *obj, const RlRun *run,
                        guint8 *out, double *f_out, double *u_out);

/**
 * rl_sim_set_tie_budget:
 * How many tying packages one pass of rl_sim_choose() visits (per
 * thread) before it looks for the smallest index issue by issue (default
 * 4096). For tests, which set it low to exercise both ways; not
 * thread-safe: set it before any simulation runs.
 */
void rl_sim_set_tie_budget (guint budget);

/**
 * rl_sim_max_utility:
 * Returns: the largest utility of @party over the packages of @pb, or
 *   -inf when there is none (one branch-and-bound pass); meaningless
 *   once @run's deadline has passed, as for rl_sim_choose().
 */
double rl_sim_max_utility (const RlProblem *pb, guint party, const RlRun *run);

/* ---- simulate-beliefs.c ------------------------------------------------ */

/**
 * rl_sim_views_new:
 * Draws every party's beliefs about every other party (simulate.md
 * "Beliefs") from @rng, and returns one perceived scenario per party:
 * views[p] is the world as p sees it (its own utility exact, the others'
 * perceived). The draws, in this order: for each party p in file order,
 * for each other party q in file order: one N(0,1) per issue (file
 * order) for q's weights, then one N(0,1) per option of each issue (file
 * order, options in order) for q's values. Every party and every issue
 * draws, whatever its weight, so the count of draws is fixed.
 *
 * A view borrows everything from @sc but the parties' weights and values;
 * free it with rl_sim_views_free(), never with rl_scenario_unref().
 */
RlScenario **rl_sim_views_new (RlScenario *sc, double noise, gsl_rng *rng);
void rl_sim_views_free (RlScenario *sc, RlScenario **views);

/* ---- the protocols ----------------------------------------------------- */

/**
 * RlSimContext: what every run of one simulation shares (read-only while
 * runs go on).
 * @ideal: per party, the true ideal (veto parties; -inf when none)
 * @started: every veto party's ideal is at or above its BATNA
 * @extra: per party, the rules its proposals keep: its own red lines and
 *   the other veto parties' public ones
 * @public_rules: per party, its public red lines
 * @fallback: per party, its own best package under @extra (noise does not
 *   change it), @has_fallback whether one exists
 * @public_ideal: per party, max utility over the constraints and its public
 *   red lines (what others believe with noise 0)
 * @deadline: when the simulation stops (0: never); @stopped: it came
 *   before this context was complete, so no run can start
 */
typedef struct {
  RlScenario *sc;
  const RlSimulateOptions *opts;
  guint n_veto;
  guint *veto;               /* n_veto party positions, file order */
  double *ideal;
  gboolean started;
  GPtrArray **extra;         /* per party: const RlRule * */
  GPtrArray **public_rules;  /* per party: const RlRule * */
  guint8 **fallback;         /* per party, NULL when none */
  double *public_ideal;
  gboolean round_progress;   /* report progress per round (one run, calling thread) */
  /* The deadline and progress of the whole simulation. A search that the
   * deadline stopped returns after it, so a result obtained before
   * rl_deadline_passed() holds is complete: the simulation checks it after
   * every search and keeps only what came before. */
  RlRun run;
  gboolean stopped;
} RlSimContext;

/**
 * rl_sim_alternating / rl_sim_mediator:
 * Play one run's talks. @views: per party, its perceived scenario (%NULL:
 * noise 0, everybody sees @ctx->sc). @transcript: (nullable): receives
 * RlSimRound entries. Fill @out's agreed, round, package and utilities.
 * When @ctx->deadline passes they set @out->stopped and return: the
 * transcript then ends at the last complete round.
 */
void rl_sim_alternating (const RlSimContext *ctx, RlScenario **views, guint n_threads,
                         GArray *transcript, RlSimOutcome *out);
void rl_sim_mediator (const RlSimContext *ctx, guint n_threads, GArray *transcript,
                      RlSimOutcome *out);

/** rl_sim_round_clear: frees an RlSimRound's arrays. */
void rl_sim_round_clear (RlSimRound *r);

/* ---- durability.c ------------------------------------------------------ */

/**
 * rl_sim_durability:
 * Follows the deal of @out (agreed) through @horizon periods and sets its
 * broken, broken_at and broken_by. With @noise > 0, the drifted BATNA of
 * each veto party at period h gets noise·N(0,1)·sqrt(h): one draw per
 * veto party in file order per period, every party drawing in every
 * period until the one where the deal breaks.
 */
void rl_sim_durability (const RlScenario *sc, guint horizon, double noise, gsl_rng *rng,
                        RlSimOutcome *out);

G_END_DECLS
