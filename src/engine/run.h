/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * run.h: deadlines and progress inside the library. An analysis turns
 * its RlRunOptions into one RlDeadline when it starts (the timeout covers
 * the whole analysis, however many searches it makes) and into an RlRun
 * per search; the search and the loops around it ask rl_deadline_passed()
 * and report progress with rl_run_report().
 *
 * Ownership: plain values; an RlRun borrows the progress data of the
 * RlRunOptions it was made from.
 */
#pragma once

#include <redline/run.h>

G_BEGIN_DECLS

/**
 * RlDeadline: a g_get_monotonic_time() instant; @at 0 means none.
 * @cancel: (nullable): RlRunOptions.cancel: when the flag is set, the
 *   deadline counts as passed (a caller's "stop now")
 * @budget: (nullable): RlRunOptions.test_budget: each look at the
 *   deadline spends one; it passes at 0 (a deterministic deadline for tests)
 */
typedef struct {
  gint64 at;
  const gint *cancel;
  gint *budget;
} RlDeadline;

#define RL_NO_DEADLINE ((RlDeadline) { 0, NULL, NULL })

/** rl_deadline_from_timeout: @seconds from now; none when @seconds <= 0. */
RlDeadline rl_deadline_from_timeout (double seconds);

/**
 * rl_deadline_from_run:
 * The deadline of an analysis run with @opts: its timeout from now, and
 * its cancel flag. @opts may be %NULL: none.
 */
RlDeadline rl_deadline_from_run (const RlRunOptions *opts);

/**
 * rl_run_options_within:
 * @opts with @deadline as its deadline: the instant as @until (the
 * earlier of the two when @opts has one already), and the cancel flag and
 * test budget of @deadline. For an analysis that runs others as its steps,
 * so that all of them stop at its one deadline.
 */
RlRunOptions rl_run_options_within (const RlRunOptions *opts, RlDeadline deadline);

/**
 * rl_deadline_is_none:
 * Whether @deadline can never pass (no instant, no cancel flag), so that
 * a search may take a path that does not look at it.
 */
static inline gboolean
rl_deadline_is_none (RlDeadline deadline)
{
  return deadline.at == 0 && deadline.cancel == NULL && deadline.budget == NULL;
}

/**
 * rl_deadline_passed:
 * Cheap enough for a loop (one clock read and one atomic read), not for
 * a search's every node: the search asks every few thousand nodes.
 */
static inline gboolean
rl_deadline_passed (RlDeadline deadline)
{
  if (deadline.cancel != NULL && g_atomic_int_get (deadline.cancel) != 0)
    return TRUE;
  if (deadline.budget != NULL)
    {
      /* Once spent, it stays spent: every later look sees the deadline passed. */
      if (g_atomic_int_get (deadline.budget) <= 0)
        return TRUE;
      if (g_atomic_int_dec_and_test (deadline.budget))
        return TRUE;
    }
  return deadline.at != 0 && g_get_monotonic_time () > deadline.at;
}

/**
 * rl_deadline_share:
 * Returns: the instant @share (0 .. 1) of the way from now to @deadline;
 *   none when @deadline is none; @deadline itself once it has passed.
 *   The cancel flag and the test budget stay those of @deadline.
 */
RlDeadline rl_deadline_share (RlDeadline deadline, double share);

/**
 * RlRun: how to run one search.
 * @n_threads: 0 means the number of cores
 * @deadline: the search stops when it passes (rl_problem_count() and
 *   rl_problem_visit() then return %FALSE with *timed_out set)
 * @sequential: visit packages in the search's own order in one thread
 *   (for streaming output)
 * @distribute: spread the search over the MPI ranks (engine/distribute.h)
 *   when there are several: every rank must then make it, and its
 *   visitor must pack its results; otherwise each rank searches alone
 * @progress, @progress_data: as RlRunOptions; %NULL for none
 * @stage, @n_stages: what rl_run_report() says the search is part of
 * @base, @span: the search's share of its stage: a search that is done to
 *   fraction f reports base + span * f
 * @last_report: when rl_run_report_step() last reported (its own state)
 */
typedef struct {
  guint n_threads;
  RlDeadline deadline;
  gboolean sequential;
  gboolean distribute;
  RlProgressFunc progress;
  gpointer progress_data;
  guint stage;
  guint n_stages;
  double base;
  double span;
  gint64 last_report;
  guint last_stage;
} RlRun;

/**
 * rl_run_init:
 * A run with @opts's threads and progress, @deadline, stage 1 of 1, the
 * whole of it. @opts may be %NULL: every core, no progress.
 */
RlRun rl_run_init (const RlRunOptions *opts, RlDeadline deadline);

/**
 * rl_run_report:
 * Tells @run's progress function (if any) that the current search is done
 * to @fraction of its share. The search calls it ten times a second.
 */
void rl_run_report (const RlRun *run, double fraction);

/**
 * rl_run_report_items:
 * rl_run_report() for a stage that is a count of items a user knows:
 * @done of @total, each called @unit ("run"; static text).
 */
void rl_run_report_items (const RlRun *run, guint64 done, guint64 total, const char *unit);

/**
 * rl_run_report_step:
 * rl_run_report() for the loops around searches, which may step far more
 * often than anyone reads: reports at once when the stage changed, and
 * otherwise at most ten times a second.
 */
void rl_run_report_step (RlRun *run, double fraction);

G_END_DECLS
