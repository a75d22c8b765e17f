/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * indices.c: the index of every package a search visits, in index order
 * (engine.h, rl_problem_collect_indices). Each worker collects its own
 * list; the lists are joined under the engine's lock and sorted once.
 */
#include "engine/engine.h"

typedef struct {
  GArray *indices;        /* guint64 */
  const RlScenario *sc;
} Collector;

static gpointer
collector_new (gpointer data)
{
  const Collector *all = data;
  Collector *w = g_new0 (Collector, 1);
  w->indices = g_array_new (FALSE, FALSE, sizeof (guint64));
  w->sc = all->sc;
  return w;
}

static gboolean
collect_leaf (gpointer worker, const guint8 *package, const double *u)
{
  Collector *w = worker;
  (void) u;
  guint64 index = rl_scenario_package_index (w->sc, package);
  g_array_append_val (w->indices, index);
  return TRUE;
}

/* Called with the engine's lock held. */
static void
collector_done (gpointer data, gpointer worker)
{
  Collector *all = data;
  Collector *w = worker;
  g_array_append_vals (all->indices, w->indices->data, w->indices->len);
  g_array_unref (w->indices);
  g_free (w);
}

static gint
compare_u64 (gconstpointer a, gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;
  return x < y ? -1 : x > y;
}

GArray *
rl_problem_collect_indices (const RlProblem *pb, const RlScenario *sc, const RlRun *run,
                            gboolean *timed_out)
{
  Collector all = { .indices = g_array_new (FALSE, FALSE, sizeof (guint64)), .sc = sc };
  RlVisitor visitor = {
    .worker_new = collector_new, .leaf = collect_leaf, .worker_done = collector_done,
  };
  gboolean stopped = FALSE;
  rl_problem_visit (pb, run, &visitor, &all, &stopped);
  if (stopped)
    *timed_out = TRUE;
  g_array_sort (all.indices, compare_u64);
  return all.indices;
}
