/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * stability-private.h: the pieces of rl_stability() (stability.md),
 * one job per file:
 *
 *   stability-states.c   the states a worker has met, each with its
 *                        decision makers' preferences; unilateral moves
 *                        R_i(x), memoised per (decision maker, state)
 *   stability-reach.c    what the others can answer: closures R_H(x1)
 *                        and R_H⁺(x1), reduced to the one state that
 *                        matters to each concept, memoised likewise
 *   stability-examine.c  which packages are examined, as RlPackage values
 *   stability.c          the verdicts, threads, the result object
 *
 * A cache belongs to one worker thread: nothing here locks. Decision
 * makers are numbered d = 0 .. n_dm - 1 in file order; states are known
 * by their package index (the space fits in 63 bits).
 */
#pragma once

#include <redline/stability.h>

#include "engine/run.h"
#include "model/scenario-internals.h"

G_BEGIN_DECLS

/* No state: an empty set has no worst member. */
#define RL_ST_NONE G_MAXUINT64

/**
 * RlStState: one package met by a worker.
 * @feasible: it is a state (every constraint holds); the rest is set only
 *   then
 * @u: per decision maker, its canonical utility
 * @broken: per decision maker, how many of its own red lines it breaks
 */
typedef struct {
  guint64 index;
  gboolean feasible;
  double *u;
  guint16 *broken;
} RlStState;

/**
 * RlStKey: a state as one decision maker ranks it (red lines broken,
 * utility), with the state itself (RL_ST_NONE for none).
 */
typedef struct {
  guint broken;
  double u;
  guint64 state;
} RlStKey;

typedef struct _RlStCache RlStCache;

/* What a worker has worked out about one (decision maker d, state x),
 * each part once: R_d(x), the best of d's replies from x, and the
 * others' answers to a move of d's to x (rl_st_answer()). */
enum {
  RL_ST_HAVE_BEST = 1 << 0,
  RL_ST_HAVE_GMR = 1 << 1,
  RL_ST_HAVE_SMR = 1 << 2,
  RL_ST_HAVE_SEQ = 1 << 3,
};

typedef struct {
  guint64 index;
  gboolean has_reach;
  guint n_reach;
  guint64 *reach;
  guint have;
  RlStKey best;
  RlStKey answer[RL_N_STABILITY_CONCEPTS];   /* by concept; nash unused */
} RlStMemo;

/** rl_st_memo: (transfer none): the memo of (@d, @x), made empty when new. */
RlStMemo *rl_st_memo (RlStCache *c, guint d, guint64 x);
void rl_st_memo_free (gpointer memo);
/** rl_st_compare_index: for sorting guint64 indices. */
int rl_st_compare_index (gconstpointer a, gconstpointer b);

/**
 * rl_st_cache_new:
 * @deciders: the decision makers' party positions (borrowed)
 * @deadline: long loops give up once it passes (rl_st_cache_timed_out())
 */
RlStCache *rl_st_cache_new (RlScenario *sc, const guint *deciders, guint n_dm,
                            RlDeadline deadline);
void rl_st_cache_free (RlStCache *c);
/** rl_st_cache_timed_out: the deadline stopped a computation (its answer is void). */
gboolean rl_st_cache_timed_out (RlStCache *c);
/** rl_st_cache_tick: counts a step of work; %TRUE once the deadline has passed. */
gboolean rl_st_cache_tick (RlStCache *c);
guint rl_st_cache_n_deciders (const RlStCache *c);
/** rl_st_cache_decider: the party position of decision maker @d. */
guint rl_st_cache_decider (const RlStCache *c, guint d);
RlScenario *rl_st_cache_scenario (const RlStCache *c);

/** rl_st_state: (transfer none): the package of @index, met once and kept. */
const RlStState *rl_st_state (RlStCache *c, guint64 index);

/** rl_st_prefers: y ≻_d x (fewer of d's red lines broken, else more utility by > 1e-9). */
static inline gboolean
rl_st_prefers (const RlStState *y, const RlStState *x, guint d)
{
  return y->broken[d] < x->broken[d]
         || (y->broken[d] == x->broken[d] && y->u[d] > x->u[d] + RL_EPSILON);
}

/** rl_st_key: @s as decision maker @d ranks it. */
static inline RlStKey
rl_st_key (const RlStState *s, guint d)
{
  return (RlStKey){ s->broken[d], s->u[d], s->index };
}

/** rl_st_key_worse: @a is worse for its decision maker than @b (then lower index). */
static inline gboolean
rl_st_key_worse (RlStKey a, RlStKey b)
{
  if (b.state == RL_ST_NONE)
    return a.state != RL_ST_NONE;
  if (a.state == RL_ST_NONE)
    return FALSE;
  if (a.broken != b.broken)
    return a.broken > b.broken;
  if (a.u != b.u)
    return a.u < b.u;
  return a.state < b.state;
}

/**
 * rl_st_key_deters:
 * Returns: whether @key is a state that leaves decision maker @d no better
 *   off than @x (key ⪯_d x); %FALSE for no state.
 */
static inline gboolean
rl_st_key_deters (RlStKey key, const RlStState *x, guint d)
{
  if (key.state == RL_ST_NONE)
    return FALSE;
  return key.broken > x->broken[d] || (key.broken == x->broken[d] && key.u <= x->u[d] + RL_EPSILON);
}

/**
 * rl_st_reach:
 * @n: (out): how many
 * Returns: (transfer none): R_d(x), the states decision maker @d reaches
 *   from @x in one move, in index order; %NULL after a timeout.
 */
const guint64 *rl_st_reach (RlStCache *c, guint d, guint64 x, guint *n);

/**
 * rl_st_best_reply:
 * Returns: the best state for @d among @x and R_d(x) (smr's test of an
 *   answer x2: every state d can then reach must leave it no better off).
 */
RlStKey rl_st_best_reply (RlStCache *c, guint d, guint64 x);

/**
 * rl_st_answer:
 * @concept: RL_STABILITY_GMR, _SMR or _SEQ
 * Returns: the state that the decision makers other than @d can reach
 *   from @x1 and that is worst for @d in the sense @concept needs: for
 *   gmr, the worst state of R_H(x1); for seq, of R_H⁺(x1); for smr, the
 *   state x2 of R_H(x1) whose best reply (rl_st_best_reply()) is worst.
 *   A move to @x1 is answered as @concept requires exactly when the key
 *   returned deters (rl_st_key_deters()): with a lexicographic preference
 *   the worst member deters whenever any member does. RL_ST_NONE when H
 *   reaches nothing, or after a timeout.
 */
RlStKey rl_st_answer (RlStCache *c, guint d, guint64 x1, RlStabilityConcept concept);

/**
 * rl_st_find_sanction:
 * Breadth-first from @x1 over the others' moves (R_H), the first state
 * that leaves @d no better off than @x.
 * @moves: (out): how many moves lead to it
 * Returns: the state, or RL_ST_NONE.
 */
guint64 rl_st_find_sanction (RlStCache *c, guint d, guint64 x1, const RlStState *x, guint *moves);

/**
 * rl_st_examined:
 * @timed_out: (out): the deadline cut the search for them short
 * Returns: (transfer full) (element-type RlPackage): the packages to
 *   examine, in index order, each filled as solve's packages are.
 */
GArray *rl_st_examined (RlScenario *sc, const RlStabilityOptions *opts, RlDeadline deadline,
                        gboolean *timed_out, GError **error);

/** rl_st_package_array_free: frees an array of RlPackage and what they hold. */
void rl_st_package_array_free (GArray *packages);

G_END_DECLS
