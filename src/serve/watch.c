/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "watch.h"

struct _RlWatch {
  GFileMonitor *monitor;
  gulong handler;
  guint settle;            /* the pending timeout, or 0 */
  GSourceFunc changed;
  gpointer data;
};

static gboolean
settled (gpointer data)
{
  RlWatch *w = data;
  w->settle = 0;
  w->changed (w->data);
  return G_SOURCE_REMOVE;
}

static void
on_event (GFileMonitor *monitor, GFile *file, GFile *other, GFileMonitorEvent event, gpointer data)
{
  RlWatch *w = data;
  switch (event)
    {
    case G_FILE_MONITOR_EVENT_CHANGED:
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
    case G_FILE_MONITOR_EVENT_RENAMED:
    case G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED:
      /* Each event restarts the wait: one reload per save. */
      if (w->settle)
        g_source_remove (w->settle);
      w->settle = g_timeout_add (RL_WATCH_SETTLE_MS, settled, w);
      break;
    default:
      break;
    }
}

RlWatch *
rl_watch_new (const char *path, GSourceFunc changed, gpointer data, GError **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  GFileMonitor *monitor = g_file_monitor_file (file, G_FILE_MONITOR_WATCH_MOVES, NULL, error);
  if (!monitor)
    return NULL;
  RlWatch *w = g_new0 (RlWatch, 1);
  w->monitor = monitor;
  w->changed = changed;
  w->data = data;
  w->handler = g_signal_connect (monitor, "changed", G_CALLBACK (on_event), w);
  return w;
}

void
rl_watch_free (RlWatch *w)
{
  if (!w)
    return;
  if (w->settle)
    g_source_remove (w->settle);
  g_signal_handler_disconnect (w->monitor, w->handler);
  g_file_monitor_cancel (w->monitor);
  g_object_unref (w->monitor);
  g_free (w);
}
