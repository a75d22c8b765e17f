/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * run.h: how to run long work, the same for every analysis: how many
 * threads, how long at most, and whom to tell how far it has come.
 *
 * Every analysis's options embed an RlRunOptions as their `run` member
 * (RlSolveOptions.run, RlExplainOptions.run, ...), so a caller sets these
 * once, in one way, whatever it asks.
 *
 * Ownership: plain values; @progress_data is borrowed and must outlive the
 * call it is passed to.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * RlProgressInfo: how far long work has come.
 * @fraction: 0 .. 1 of the current stage
 * @stage: the current stage, 1-based (solve's counting searches, explain's
 *   conflicts, ...)
 * @n_stages: how many stages the work has in all (1 when it has one)
 * @done, @total: when the stage is a count of items a user knows (the runs
 *   of `simulate --runs`, the rounds of the talks), how many are done of
 *   how many; both 0 otherwise, when only @fraction says how far
 * @unit: (nullable): the word for one item ("run", "round"); %NULL when
 *   @total is 0. Static text, borrowed.
 */
typedef struct {
  double fraction;
  guint stage;
  guint n_stages;
  guint64 done;
  guint64 total;
  const char *unit;
} RlProgressInfo;

/**
 * RlProgressFunc: called from the thread that started the work, about ten
 * times a second once it has run for half a second; never after the
 * analysis returned.
 */
typedef void (*RlProgressFunc) (const RlProgressInfo *info, gpointer user_data);

/**
 * RlRunOptions: the run settings every analysis takes.
 * @n_threads: worker threads; 0 means the number of cores
 * @timeout: seconds for the whole analysis; 0 for none. On expiry the
 *   analysis still returns its answer, marked incomplete (each analysis's
 *   `_is_complete()` says so, and its header what a partial answer holds)
 * @progress: (nullable): progress reports
 * @progress_data: passed to @progress
 * @cancel: (nullable): a flag another thread may set to nonzero (with
 *   g_atomic_int_set()) to stop the analysis early, exactly as if its
 *   timeout had expired then: it returns its answer marked incomplete.
 *   Borrowed; it must outlive the call. Read where the deadline is read,
 *   so the analysis stops within a few milliseconds.
 * @until: a g_get_monotonic_time() instant at which the analysis stops,
 *   as if its timeout had expired then, whichever of the two comes first;
 *   0 for none. A caller that runs several analyses for one answer (a
 *   report, a comparison, a debrief) sets it once, so that they share one
 *   deadline instead of each taking the whole @timeout.
 * @test_budget: (nullable): for tests: a counter the analysis decrements
 *   at each look at its deadline (every search node and every step of
 *   the loops around searches), the deadline passing when it reaches 0.
 *   With one thread the same budget stops the work at the same point
 *   every time, so a partial answer can be checked against the complete
 *   one. Borrowed; it must outlive the call.
 */
typedef struct {
  guint n_threads;
  double timeout;
  RlProgressFunc progress;
  gpointer progress_data;
  const gint *cancel;
  gint64 until;
  gint *test_budget;
} RlRunOptions;

/** rl_run_options_init: every core, no timeout, no progress reports. */
void rl_run_options_init (RlRunOptions *opts);

G_END_DECLS
