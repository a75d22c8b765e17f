/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * stability-reach.c: what the other decision makers can answer to a move
 * (stability.md, "Coalition moves"), by breadth-first search over their
 * unilateral moves.
 *
 * stability.md defines R_H(x1) by sequences of moves in which no member
 * of H moves twice in a row. Two consecutive moves of one member chain
 * into a single move of that member (its own issues only, each still
 * moved the way its `moves` allows, ending on a state) or cancel out, so
 * plain reachability over the members' moves finds exactly R_H(x1), save
 * perhaps x1 itself. That one never matters: x1 is a move that the
 * decision maker prefers to the deal, so it is never an answer that
 * deters it, nor (smr) an answer after which it cannot do better. For
 * R_H⁺(x1), two consecutive improvements of one member chain into one
 * improvement of it, so the same holds.
 *
 * Each closure is reduced at once to the one state each concept needs
 * (rl_st_answer()) and memoised per (decision maker, x1). When every
 * issue the others control may move both ways, their moves can all be
 * undone, so every state of the closure has the same closure (with
 * itself): the answer is then stored for all of them in one search.
 */
#include "analysis/stability-private.h"

/* ---- a set of package indices ---------------------------------------------------- */

/* Open addressing with linear probing; a slot holds index + 1, 0 is free. */
typedef struct {
  guint64 *slots;
  gsize mask;
  gsize n;
} IndexSet;

static void
set_init (IndexSet *s)
{
  s->mask = 63;
  s->n = 0;
  s->slots = g_new0 (guint64, s->mask + 1);
}

static void
set_clear (IndexSet *s)
{
  g_clear_pointer (&s->slots, g_free);
}

static gsize
slot_of (guint64 key, gsize mask)
{
  key ^= key >> 33;
  key *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  key ^= key >> 33;
  return (gsize) key & mask;
}

static void set_add_slot (IndexSet *s, guint64 stored);

static void
set_grow (IndexSet *s)
{
  guint64 *old = s->slots;
  gsize old_size = s->mask + 1;
  s->mask = old_size * 2 - 1;
  s->slots = g_new0 (guint64, s->mask + 1);
  s->n = 0;
  for (gsize k = 0; k < old_size; k++)
    if (old[k] != 0)
      set_add_slot (s, old[k]);
  g_free (old);
}

static void
set_add_slot (IndexSet *s, guint64 stored)
{
  gsize k = slot_of (stored, s->mask);
  while (s->slots[k] != 0)
    k = (k + 1) & s->mask;
  s->slots[k] = stored;
  s->n++;
}

/* Returns: whether @index was new. */
static gboolean
set_add (IndexSet *s, guint64 index)
{
  guint64 stored = index + 1;
  for (gsize k = slot_of (stored, s->mask); s->slots[k] != 0; k = (k + 1) & s->mask)
    if (s->slots[k] == stored)
      return FALSE;
  if ((s->n + 1) * 2 > s->mask + 1)
    set_grow (s);
  set_add_slot (s, stored);
  return TRUE;
}

/* ---- breadth-first search over the others' moves ------------------------------------- */

/* Called for each state reached, in breadth-first order (each level in
 * the order decision makers, then indices, come); returns TRUE to stop. */
typedef gboolean (*ReachFunc) (RlStCache *c, guint64 y, guint depth, gpointer data);

/* The states that the decision makers other than @d reach from @x1, by
 * any moves (@improving FALSE) or by improvements for each mover.
 * Returns: FALSE after a timeout. */
static gboolean
search (RlStCache *c, guint d, guint64 x1, gboolean improving, ReachFunc func, gpointer data)
{
  guint n_dm = rl_st_cache_n_deciders (c);
  IndexSet seen;
  set_init (&seen);
  set_add (&seen, x1);
  g_autoptr (GArray) queue = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_array_append_val (queue, x1);
  gboolean ok = TRUE, stop = FALSE;
  guint depth = 0;
  /* The queue is read from @head; levels end at @level_end. */
  for (guint head = 0, level_end = 1; head < queue->len && !stop; head++)
    {
      if (head == level_end)
        {
          depth++;
          level_end = queue->len;
        }
      guint64 y = g_array_index (queue, guint64, head);
      if (rl_st_cache_tick (c))
        {
          ok = FALSE;
          break;
        }
      const RlStState *ys = improving ? rl_st_state (c, y) : NULL;
      for (guint k = 0; k < n_dm && !stop; k++)
        {
          if (k == d)
            continue;
          guint n;
          const guint64 *r = rl_st_reach (c, k, y, &n);
          if (r == NULL)
            {
              ok = FALSE;
              stop = TRUE;
              break;
            }
          for (guint m = 0; m < n && !stop; m++)
            {
              if (improving && !rl_st_prefers (rl_st_state (c, r[m]), ys, k))
                continue;
              /* x1 again is no new state; see the top of the file. */
              if (r[m] == x1 || !set_add (&seen, r[m]))
                continue;
              g_array_append_val (queue, r[m]);
              stop = func (c, r[m], depth + 1, data);
            }
        }
    }
  set_clear (&seen);
  return ok && !rl_st_cache_timed_out (c);
}

/* ---- the answers each concept needs ------------------------------------------------------ */

typedef struct {
  guint d;
  RlStabilityConcept concept;
  RlStKey worst;
  GArray *members;    /* when shared: every state reached */
} Worst;

static gboolean
note_worst (RlStCache *c, guint64 y, guint depth, gpointer data)
{
  Worst *w = data;
  (void) depth;
  RlStKey key;
  if (w->concept == RL_STABILITY_SMR)
    {
      key = rl_st_best_reply (c, w->d, y);
      key.state = y;
    }
  else
    key = rl_st_key (rl_st_state (c, y), w->d);
  if (rl_st_key_worse (key, w->worst))
    w->worst = key;
  if (w->members)
    g_array_append_val (w->members, y);
  return FALSE;
}

/* Whether every move of every decision maker but @d can be undone. */
static gboolean
others_reversible (RlStCache *c, guint d)
{
  RlScenario *sc = rl_st_cache_scenario (c);
  for (guint p = 0; p < sc->n_parties; p++)
    for (guint k = 0; k < rl_scenario_get_party_n_controls (sc, p); k++)
      {
        guint i = rl_scenario_get_party_control (sc, p, k);
        /* @d's own issues do not move in the others' closure. */
        if (rl_scenario_get_issue_moves (sc, i) != RL_MOVES_BOTH
            && rl_st_cache_decider (c, d) != p)
          return FALSE;
      }
  return TRUE;
}

RlStKey
rl_st_answer (RlStCache *c, guint d, guint64 x1, RlStabilityConcept concept)
{
  static const guint have_bit[RL_N_STABILITY_CONCEPTS] = {
    0, RL_ST_HAVE_GMR, RL_ST_HAVE_SMR, RL_ST_HAVE_SEQ,
  };
  const RlStKey none = { 0, 0, RL_ST_NONE };
  g_return_val_if_fail (concept != RL_STABILITY_NASH, none);
  RlStMemo *m = rl_st_memo (c, d, x1);
  if (m->have & have_bit[concept])
    return m->answer[concept];

  gboolean improving = concept == RL_STABILITY_SEQ;
  gboolean shared = !improving && others_reversible (c, d);
  Worst w = { d, concept, none, shared ? g_array_new (FALSE, FALSE, sizeof (guint64)) : NULL };
  if (shared)
    note_worst (c, x1, 0, &w);   /* x1 is in the closure of every other member */
  gboolean ok = search (c, d, x1, improving, note_worst, &w);
  if (ok && w.members)
    {
      /* Reversible moves: every member of the closure has this one. */
      for (guint k = 0; k < w.members->len; k++)
        {
          RlStMemo *o = rl_st_memo (c, d, g_array_index (w.members, guint64, k));
          o->answer[concept] = w.worst;
          o->have |= have_bit[concept];
        }
    }
  else if (ok)
    {
      m = rl_st_memo (c, d, x1);
      m->answer[concept] = w.worst;
      m->have |= have_bit[concept];
    }
  if (w.members)
    g_array_unref (w.members);
  return ok ? w.worst : none;
}

/* ---- the sanction a text names -------------------------------------------------------- */

typedef struct {
  guint d;
  const RlStState *x;
  guint64 found;
  guint depth;
} Sanction;

static gboolean
note_sanction (RlStCache *c, guint64 y, guint depth, gpointer data)
{
  Sanction *s = data;
  if (!rl_st_key_deters (rl_st_key (rl_st_state (c, y), s->d), s->x, s->d))
    return FALSE;
  s->found = y;
  s->depth = depth;
  return TRUE;
}

guint64
rl_st_find_sanction (RlStCache *c, guint d, guint64 x1, const RlStState *x, guint *moves)
{
  Sanction s = { d, x, RL_ST_NONE, 0 };
  search (c, d, x1, FALSE, note_sanction, &s);
  *moves = s.depth;
  return s.found;
}
