/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "progress.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "write/write-number.h"

#define LINE_WIDTH 79   /* one short of the terminal, so it never wraps */

void
rl_progress_init (RlProgress *progress, const char *what, gboolean quiet)
{
  *progress = (RlProgress) { .what = what, .enabled = !quiet && isatty (STDERR_FILENO) };
}

/* "about 12 s left" from the time this stage has taken so far, once
 * there is enough of it to extrapolate; "" before. */
static void
append_time_left (char *line, gsize size, double fraction, double elapsed)
{
  gsize n = strlen (line);
  if (!(fraction >= 0.02 && fraction < 1.0 && elapsed >= 1.0))
    return;
  double left = elapsed * (1.0 - fraction) / fraction;
  if (left >= 90)
    g_snprintf (line + n, size - n, ", about %d min left", (int) (left / 60 + 0.5));
  else
    g_snprintf (line + n, size - n, ", about %d s left", (int) (left + 0.5));
}

void
rl_progress_update (const RlProgressInfo *info, gpointer data)
{
  RlProgress *progress = data;
  if (!progress->enabled)
    return;
  gint64 now = g_get_monotonic_time ();
  if (info->stage != progress->pass || progress->started == 0)
    {
      progress->pass = info->stage;
      progress->started = now;
    }
  double fraction = CLAMP (info->fraction, 0.0, 1.0);
  char line[LINE_WIDTH + 1];
  char done[RL_NUMBER_BUF], total[RL_NUMBER_BUF];
  /* In the user's words: "run 812 of 15,000" when the work is a count of
   * things the user asked for; a percentage otherwise, with the step only
   * when there are several. */
  if (info->unit && info->total > 0)
    g_snprintf (line, sizeof line, "%s: %s %s of %s", progress->what, info->unit,
                rl_format_count (done, info->done), rl_format_count (total, info->total));
  else if (info->n_stages > 1)
    g_snprintf (line, sizeof line, "%s: step %u of %u, %d%%", progress->what, info->stage,
                info->n_stages, (int) (fraction * 100));
  else
    g_snprintf (line, sizeof line, "%s: %d%%", progress->what, (int) (fraction * 100));
  double elapsed = (double) (now - progress->started) / G_TIME_SPAN_SECOND;
  append_time_left (line, sizeof line, fraction, elapsed);
  fprintf (stderr, "\r%-*s", LINE_WIDTH, line);
  fflush (stderr);
  progress->shown = TRUE;
}

void
rl_progress_clear (RlProgress *progress)
{
  if (!progress->shown)
    return;
  fprintf (stderr, "\r%*s\r", LINE_WIDTH, "");
  fflush (stderr);
  progress->shown = FALSE;
}
