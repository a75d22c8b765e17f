/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * progress.h: the progress line of a long search on standard error, shown
 * only when standard error is a terminal and --quiet was not given
 * (cli.md "Progress"). The library starts calling after half a second.
 */
#pragma once

#include <glib.h>
#include <redline/run.h>

G_BEGIN_DECLS

typedef struct {
  const char *what;      /* "solving" */
  gboolean enabled;
  gboolean shown;        /* a line is on the terminal now */
  gint64 started;        /* of the current pass, monotonic µs */
  guint pass;
} RlProgress;

/** rl_progress_init: enabled when standard error is a terminal and not @quiet. */
void rl_progress_init (RlProgress *progress, const char *what, gboolean quiet);

/** rl_progress_update: an RlProgressFunc; @data is the RlProgress. */
void rl_progress_update (const RlProgressInfo *info, gpointer data);

/** rl_progress_clear: erases the line, if any; call before any other output. */
void rl_progress_clear (RlProgress *progress);

G_END_DECLS
