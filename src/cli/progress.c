/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "progress.h"

#include <stdio.h>
#include <unistd.h>

#define LINE_WIDTH 79   /* one short of the terminal, so it never wraps */

void
rl_progress_init (RlProgress *progress, const char *what, gboolean quiet)
{
  *progress = (RlProgress) { .what = what, .enabled = !quiet && isatty (STDERR_FILENO) };
}

void
rl_progress_update (const RlProgressInfo *info, gpointer data)
{
  RlProgress *progress = data;
  double fraction = info->fraction;
  guint pass = info->stage, n_passes = info->n_stages;
  if (!progress->enabled)
    return;
  gint64 now = g_get_monotonic_time ();
  if (pass != progress->pass || progress->started == 0)
    {
      progress->pass = pass;
      progress->started = now;
    }
  fraction = CLAMP (fraction, 0.0, 1.0);
  char line[LINE_WIDTH + 1];
  int n = g_snprintf (line, sizeof line, "%s: pass %u/%u, %d%%", progress->what,
                      pass, n_passes, (int) (fraction * 100));
  /* Time left in this pass, once there is enough of it to extrapolate. */
  double elapsed = (double) (now - progress->started) / G_TIME_SPAN_SECOND;
  if (fraction >= 0.02 && elapsed >= 1.0)
    {
      double left = elapsed * (1.0 - fraction) / fraction;
      if (left >= 90)
        g_snprintf (line + n, sizeof line - (gsize) n, ", about %d min left", (int) (left / 60 + 0.5));
      else
        g_snprintf (line + n, sizeof line - (gsize) n, ", about %d s left", (int) (left + 0.5));
    }
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
