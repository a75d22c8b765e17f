/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * stability-states.c: a worker's cache of states (stability-private.h)
 * and the unilateral moves between them.
 *
 * A package is decoded, checked against the constraints and ranked by
 * each decision maker once per worker; a decision maker's moves from a
 * state are enumerated once. Closures (stability-reach.c) revisit the
 * same states many times over, so this is where the time would go.
 */
#include "analysis/stability-private.h"

#include <string.h>

struct _RlStCache {
  RlScenario *sc;
  guint n_dm;
  const guint *deciders;
  RlDeadline deadline;
  gboolean timed_out;
  guint ticks;
  GHashTable *states;     /* &RlStState.index -> RlStState */
  GHashTable **memo;      /* per decision maker: &RlStMemo.index -> RlStMemo */
  guint8 *package;        /* scratch, n_issues */
};

RlStCache *
rl_st_cache_new (RlScenario *sc, const guint *deciders, guint n_dm, RlDeadline deadline)
{
  RlStCache *c = g_new0 (RlStCache, 1);
  c->sc = rl_scenario_ref (sc);
  c->n_dm = n_dm;
  c->deciders = deciders;
  c->deadline = deadline;
  c->states = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  c->memo = g_new0 (GHashTable *, n_dm + 1);
  for (guint d = 0; d < n_dm; d++)
    c->memo[d] = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, rl_st_memo_free);
  c->package = g_new0 (guint8, sc->n_issues + 1);
  return c;
}

void
rl_st_cache_free (RlStCache *c)
{
  if (c == NULL)
    return;
  for (guint d = 0; d < c->n_dm; d++)
    g_hash_table_unref (c->memo[d]);
  g_free (c->memo);
  g_hash_table_unref (c->states);
  g_free (c->package);
  rl_scenario_unref (c->sc);
  g_free (c);
}

gboolean
rl_st_cache_timed_out (RlStCache *c)
{
  return c->timed_out;
}

/* The clock is read every 256 steps: a step is one state expanded. */
gboolean
rl_st_cache_tick (RlStCache *c)
{
  if (c->timed_out)
    return TRUE;
  if ((++c->ticks & 255) == 0 && rl_deadline_passed (c->deadline))
    c->timed_out = TRUE;
  return c->timed_out;
}

guint
rl_st_cache_n_deciders (const RlStCache *c)
{
  return c->n_dm;
}

guint
rl_st_cache_decider (const RlStCache *c, guint d)
{
  return c->deciders[d];
}

RlScenario *
rl_st_cache_scenario (const RlStCache *c)
{
  return c->sc;
}

void
rl_st_memo_free (gpointer memo)
{
  g_free (((RlStMemo *) memo)->reach);
  g_free (memo);
}

RlStMemo *
rl_st_memo (RlStCache *c, guint d, guint64 x)
{
  RlStMemo *m = g_hash_table_lookup (c->memo[d], &x);
  if (m == NULL)
    {
      m = g_new0 (RlStMemo, 1);
      m->index = x;
      g_hash_table_insert (c->memo[d], &m->index, m);
    }
  return m;
}

const RlStState *
rl_st_state (RlStCache *c, guint64 index)
{
  RlStState *s = g_hash_table_lookup (c->states, &index);
  if (s != NULL)
    return s;
  /* One block: the struct, then the utilities, then the counts. */
  gsize head = (sizeof (RlStState) + sizeof (double) - 1) / sizeof (double) * sizeof (double);
  s = g_malloc0 (head + c->n_dm * (sizeof (double) + sizeof (guint16)));
  s->index = index;
  s->u = (double *) ((char *) s + head);
  s->broken = (guint16 *) (s->u + c->n_dm);
  RlScenario *sc = c->sc;
  rl_scenario_package_from_index (sc, index, c->package);
  s->feasible = rl_scenario_is_feasible (sc, c->package);
  for (guint d = 0; s->feasible && d < c->n_dm; d++)
    {
      guint p = c->deciders[d];
      s->u[d] = rl_scenario_utility (sc, p, c->package);
      guint n_red = rl_scenario_get_n_red_lines (sc, p);
      for (guint r = 0; r < n_red; r++)
        if (!rl_rule_eval (rl_named_rule_get_rule (rl_scenario_get_red_line (sc, p, r)), c->package))
          s->broken[d]++;
    }
  g_hash_table_insert (c->states, &s->index, s);
  return s;
}

/* R_d(x): every combination of d's issues that differs from x, each
 * changed issue moved as its `moves` allows, that is a state. An odometer
 * over the options each issue may take (x's own first). */
static GArray *
enumerate_reach (RlStCache *c, guint d, guint64 x)
{
  RlScenario *sc = c->sc;
  guint p = c->deciders[d];
  guint n = rl_scenario_get_party_n_controls (sc, p);
  GArray *out = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autofree guint *issue = g_new0 (guint, n + 1);
  g_autofree guint8 *from = g_new0 (guint8, n + 1);
  /* allowed[k * RL_MAX_OPTIONS + j]: the j-th option issue k may take */
  g_autofree guint8 *allowed = g_new0 (guint8, (gsize) (n + 1) * RL_MAX_OPTIONS);
  g_autofree guint *n_allowed = g_new0 (guint, n + 1);
  g_autofree guint *pos = g_new0 (guint, n + 1);

  rl_scenario_package_from_index (sc, x, c->package);
  for (guint k = 0; k < n; k++)
    {
      guint i = rl_scenario_get_party_control (sc, p, k);
      RlMoves moves = rl_scenario_get_issue_moves (sc, i);
      issue[k] = i;
      from[k] = c->package[i];
      allowed[k * RL_MAX_OPTIONS + n_allowed[k]++] = from[k];
      for (guint o = 0; o < sc->issues[i].n_options; o++)
        if (rl_moves_allow (moves, from[k], o))
          allowed[k * RL_MAX_OPTIONS + n_allowed[k]++] = (guint8) o;
    }
  for (;;)
    {
      guint k = 0;
      while (k < n && ++pos[k] == n_allowed[k])
        pos[k++] = 0;
      if (k == n)
        break;
      gint64 y = (gint64) x;
      for (guint j = 0; j < n; j++)
        y += ((gint64) allowed[j * RL_MAX_OPTIONS + pos[j]] - (gint64) from[j]) * (gint64) sc->radix[issue[j]];
      if (rl_st_state (c, (guint64) y)->feasible)
        g_array_append_val (out, y);
    }
  g_array_sort (out, rl_st_compare_index);
  return out;
}

int
rl_st_compare_index (gconstpointer a, gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;
  return x < y ? -1 : x > y;
}

const guint64 *
rl_st_reach (RlStCache *c, guint d, guint64 x, guint *n)
{
  RlStMemo *m = rl_st_memo (c, d, x);
  if (!m->has_reach)
    {
      if (rl_st_cache_tick (c))
        {
          *n = 0;
          return NULL;
        }
      GArray *r = enumerate_reach (c, d, x);
      m->n_reach = r->len;
      m->reach = (guint64 *) g_array_free (r, FALSE);
      m->has_reach = TRUE;
    }
  /* NULL means a timeout; an empty R_d(x) is not NULL. */
  static const guint64 none[1] = { 0 };
  *n = m->n_reach;
  return m->reach ? m->reach : none;
}

RlStKey
rl_st_best_reply (RlStCache *c, guint d, guint64 x)
{
  RlStMemo *m = rl_st_memo (c, d, x);
  if (m->have & RL_ST_HAVE_BEST)
    return m->best;
  guint n;
  const guint64 *r = rl_st_reach (c, d, x, &n);
  RlStKey best = rl_st_key (rl_st_state (c, x), d);
  if (r == NULL)
    return best;   /* timed out: the caller discards the answer */
  for (guint k = 0; k < n; k++)
    {
      RlStKey y = rl_st_key (rl_st_state (c, r[k]), d);
      if (rl_st_key_worse (best, y))
        best = y;
    }
  m->best = best;
  m->have |= RL_ST_HAVE_BEST;
  return best;
}
