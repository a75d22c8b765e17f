/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * distribute.h: one program in several processes (MPI ranks).
 *
 * Under mpirun or srun every rank runs the whole command; the large
 * searches (solve's counts and passes, explain's counts) hand their
 * subtrees out across the ranks and merge what each found, so every rank
 * ends with the same, exact result, and rank 0 alone writes it. Without a
 * launcher, or in a build without MPI, there is one rank and nothing
 * changes.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * rl_distribute_init:
 * Joins the job when an MPI launcher started this process (it leaves its
 * marks in the environment); otherwise does nothing. Call once, first
 * thing in main(), from the thread that will run the searches: only that
 * thread's searches are spread over the ranks.
 *
 * Returns: %FALSE, with @error set, when MPI refused to start.
 */
gboolean rl_distribute_init (int *argc, char ***argv, GError **error);

/**
 * rl_distribute_finish:
 * Logs each rank's busy CPU time and search nodes (the debug log of rank
 * 0: G_MESSAGES_DEBUG=redline), then leaves the job. Every rank must
 * call it, after its last search.
 */
void rl_distribute_finish (void);

/**
 * rl_distribute_keep_to_rank_0:
 * For a command that spreads nothing: from now on no search is spread,
 * and the caller lets rank 0 run the command alone, every other rank
 * going straight to rl_distribute_finish(). Returns: whether this
 * process is rank 0 (then it runs the command).
 */
gboolean rl_distribute_keep_to_rank_0 (void);

/** rl_distribute_get_rank: this process's rank; 0 when alone. */
guint rl_distribute_get_rank (void);

/** rl_distribute_get_size: how many ranks; 1 when alone. */
guint rl_distribute_get_size (void);

G_END_DECLS
