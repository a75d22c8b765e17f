/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "engine/run.h"

void
rl_run_options_init (RlRunOptions *opts)
{
  g_return_if_fail (opts != NULL);
  *opts = (RlRunOptions) { 0 };
}

RlDeadline
rl_deadline_from_timeout (double seconds)
{
  if (!(seconds > 0))
    return RL_NO_DEADLINE;
  /* Capped at about 30 years: the sum must not overflow. */
  return (RlDeadline) { g_get_monotonic_time () + (gint64) MIN (seconds * G_TIME_SPAN_SECOND, 1e15),
                       NULL, NULL };
}

RlDeadline
rl_deadline_from_run (const RlRunOptions *opts)
{
  if (opts == NULL)
    return RL_NO_DEADLINE;
  RlDeadline deadline = rl_deadline_from_timeout (opts->timeout);
  if (opts->until != 0 && (deadline.at == 0 || opts->until < deadline.at))
    deadline.at = opts->until;
  deadline.cancel = opts->cancel;
  deadline.budget = opts->test_budget;
  return deadline;
}

RlRunOptions
rl_run_options_within (const RlRunOptions *opts, RlDeadline deadline)
{
  RlRunOptions within = { 0 };
  if (opts)
    within = *opts;
  /* The deadline replaces the timeout: a step must not start its own. */
  within.timeout = 0;
  if (deadline.at != 0 && (within.until == 0 || deadline.at < within.until))
    within.until = deadline.at;
  within.cancel = deadline.cancel;
  within.test_budget = deadline.budget;
  return within;
}

RlDeadline
rl_deadline_share (RlDeadline deadline, double share)
{
  if (deadline.at == 0)
    return deadline;
  gint64 now = g_get_monotonic_time ();
  if (deadline.at <= now)
    return deadline;
  return (RlDeadline) { now + (gint64) ((double) (deadline.at - now) * share), deadline.cancel,
                       deadline.budget };
}

RlRun
rl_run_init (const RlRunOptions *opts, RlDeadline deadline)
{
  RlRun run = { .deadline = deadline, .stage = 1, .n_stages = 1, .base = 0.0, .span = 1.0 };
  if (opts)
    {
      run.n_threads = opts->n_threads;
      run.progress = opts->progress;
      run.progress_data = opts->progress_data;
    }
  return run;
}

void
rl_run_report_step (RlRun *run, double fraction)
{
  if (!run->progress)
    return;
  gint64 now = g_get_monotonic_time ();
  if (run->stage == run->last_stage && now - run->last_report < G_TIME_SPAN_SECOND / 10)
    return;
  run->last_stage = run->stage;
  run->last_report = now;
  rl_run_report (run, fraction);
}

void
rl_run_report_items (const RlRun *run, guint64 done, guint64 total, const char *unit)
{
  if (!run || !run->progress || total == 0)
    return;
  RlProgressInfo info = {
    .fraction = CLAMP ((double) done / (double) total, 0.0, 1.0),
    .stage = run->stage,
    .n_stages = run->n_stages,
    .done = MIN (done, total),
    .total = total,
    .unit = unit,
  };
  run->progress (&info, run->progress_data);
}

void
rl_run_report (const RlRun *run, double fraction)
{
  if (!run || !run->progress)
    return;
  RlProgressInfo info = {
    .fraction = CLAMP (run->base + run->span * fraction, 0.0, 1.0),
    .stage = run->stage,
    .n_stages = run->n_stages,
  };
  run->progress (&info, run->progress_data);
}
