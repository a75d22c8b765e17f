/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * watch.h: the scenario file, watched (GFileMonitor). Editors save in
 * several steps (write, rename over, change mode); the callback comes
 * once, a moment after the last of them.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _RlWatch RlWatch;

/** RL_WATCH_SETTLE_MS: how long the file must stay quiet before the callback. */
#define RL_WATCH_SETTLE_MS 150

/**
 * rl_watch_new:
 * @path: the file
 * @changed: called on the main context once the file has changed and settled
 * @error: G_IO_ERROR when the file cannot be watched
 * Returns: (transfer full) (nullable): the watch.
 */
RlWatch *rl_watch_new (const char *path, GSourceFunc changed, gpointer data, GError **error);
void rl_watch_free (RlWatch *watch);

G_END_DECLS
