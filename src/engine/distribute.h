/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * distribute.h: what the engine needs of MPI, and nothing else includes
 * <mpi.h>. With one rank every call is a no-op or the identity.
 *
 * Every rank runs the same program, so every rank makes the same
 * distributed searches in the same order: each is a collective operation.
 * A search is distributed only when asked (RlRun.distribute), from the
 * thread that joined the job, with a visitor that can pack its results.
 *
 * Tasks: rank 0 holds the counter of the next subtree. Its own workers
 * take one at a time; the other ranks ask its searching thread (which
 * answers between its waits) for a range, smaller as fewer are left
 * (guided self-scheduling), so a rank that finishes early takes more.
 */
#pragma once

#include <redline/distribute.h>

G_BEGIN_DECLS

/** rl_distribute_here: more than one rank, and this is the thread that joined. */
gboolean rl_distribute_here (void);

typedef struct _RlDispenser RlDispenser;

/**
 * rl_dispenser_new: (collective when spread)
 * @n_tasks: the same on every rank
 * @n_threads: this rank's workers, to size the ranges it is given
 * @spread: hand the tasks out over the ranks (when rl_distribute_here());
 *   otherwise this process takes them all
 */
RlDispenser *rl_dispenser_new (guint n_tasks, guint n_threads, gboolean spread);

/** rl_dispenser_claim: the next task for a worker thread; %FALSE when none is left. */
gboolean rl_dispenser_claim (RlDispenser *d, guint *task);

/** rl_dispenser_stop: hand out nothing more (a deadline, a stopped search). */
void rl_dispenser_stop (RlDispenser *d);

/** rl_dispenser_tasks_given: how many tasks have been handed out (progress, rank 0). */
guint rl_dispenser_tasks_given (RlDispenser *d);

/**
 * rl_dispenser_serve:
 * @held: (nullable): a lock the caller holds, released meanwhile
 * On rank 0, from the searching thread: answers the requests waiting.
 * Returns: whether another rank may still ask (call again, within
 *   RL_DISPENSER_POLL). Elsewhere, or not spread: %FALSE at once.
 */
gboolean rl_dispenser_serve (RlDispenser *d, GMutex *held);

/* How long rank 0 may leave a request unanswered: a rank waits that long
 * for its next range at worst. */
#define RL_DISPENSER_POLL (G_TIME_SPAN_MILLISECOND / 5)

/**
 * rl_dispenser_free: once this rank's workers are done; tells rank 0 this
 * rank will ask no more. Not collective: rank 0 serves until all have said so.
 */
void rl_dispenser_free (RlDispenser *d);

/** rl_distribute_split: (collective) rank 0's cut depth, for every rank to cut alike. */
guint rl_distribute_split (guint split);

/** rl_distribute_sum: (collective) @values summed over the ranks, in place. */
void rl_distribute_sum (guint64 *values, guint n);

/** rl_distribute_any: (collective) whether @mine is true on some rank. */
gboolean rl_distribute_any (gboolean mine);

/**
 * rl_distribute_gather: (collective)
 * Returns: (transfer full): every rank's @mine, by rank (this rank's
 *   included), the same on every rank.
 */
GPtrArray *rl_distribute_gather (GBytes *mine);

/** rl_distribute_add_busy: a worker's CPU time and nodes, for rl_distribute_finish's log. */
void rl_distribute_add_busy (gint64 cpu_ns, guint64 nodes);

/** rl_distribute_thread_cpu_ns: the calling thread's CPU time so far. */
gint64 rl_distribute_thread_cpu_ns (void);

G_END_DECLS
