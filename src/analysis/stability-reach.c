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
 * (rl_st_answer()) and memoised per (decision maker, state), for every
 * state the search meets (strongly connected components, below).
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

/* The answer to a move of d's to v is the worst state for d over C(v),
 * the states the others reach from v in one move or more. C(v) is the
 * union, over v's successors u, of u and C(u); within a strongly
 * connected component of the others' moves every member has the same
 * C (the component and everything below it). So one depth-first search
 * (Tarjan's, iterative) settles every state it meets, each exactly once
 * per (decision maker, concept): for each component, the worst over its
 * members (when it has more than one) and over what its edges lead out
 * to, which is settled already. */

typedef struct {
  guint64 state;
  guint index, low;
  gboolean on_stack;
  RlStKey acc;          /* worst over the edges to settled states */
  guint k, m;           /* the next edge: mover k, its m-th move */
} Node;

static const guint have_bit[RL_N_STABILITY_CONCEPTS] = {
  0, RL_ST_HAVE_GMR, RL_ST_HAVE_SMR, RL_ST_HAVE_SEQ,
};

/* What a state itself weighs in a closure that holds it: for gmr and
 * seq the state as d ranks it; for smr the best d can reply from it. */
static RlStKey
own_key (RlStCache *c, guint d, guint64 v, RlStabilityConcept concept)
{
  if (concept == RL_STABILITY_SMR)
    {
      RlStKey key = rl_st_best_reply (c, d, v);
      key.state = v;
      return key;
    }
  return rl_st_key (rl_st_state (c, v), d);
}

static void
worsen (RlStKey *acc, RlStKey key)
{
  if (rl_st_key_worse (key, *acc))
    *acc = key;
}

/* The worst over u and C(u), for a settled u. */
static RlStKey
settled_with_self (RlStCache *c, guint d, guint64 u, RlStabilityConcept concept)
{
  RlStKey key = own_key (c, d, u, concept);
  worsen (&key, rl_st_memo (c, d, u)->answer[concept]);
  return key;
}

RlStKey
rl_st_answer (RlStCache *c, guint d, guint64 x1, RlStabilityConcept concept)
{
  const RlStKey none = { 0, 0, RL_ST_NONE };
  g_return_val_if_fail (concept != RL_STABILITY_NASH, none);
  guint bit = have_bit[concept];
  RlStMemo *m0 = rl_st_memo (c, d, x1);
  if (m0->have & bit)
    return m0->answer[concept];

  gboolean improving = concept == RL_STABILITY_SEQ;
  guint n_dm = rl_st_cache_n_deciders (c);
  g_autoptr (GArray) nodes = g_array_new (FALSE, FALSE, sizeof (Node));
  g_autoptr (GArray) path = g_array_new (FALSE, FALSE, sizeof (guint));    /* DFS */
  g_autoptr (GArray) stack = g_array_new (FALSE, FALSE, sizeof (guint));   /* Tarjan's */
  /* state -> its node's position + 1. The keys are copies: @nodes moves
   * as it grows, so a key pointing into it would dangle. */
  g_autoptr (GHashTable) at = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gboolean ok = TRUE;

#define NODE(k) (&g_array_index (nodes, Node, (k)))
#define VISIT(v) G_STMT_START {                                                 \
    Node fresh = { .state = (v), .index = nodes->len, .low = nodes->len,        \
                   .on_stack = TRUE, .acc = none };                             \
    guint pos = nodes->len;                                                     \
    g_array_append_val (nodes, fresh);                                          \
    g_hash_table_insert (at, g_memdup2 (&fresh.state, sizeof fresh.state),     \
                         GUINT_TO_POINTER (pos + 1));                           \
    g_array_append_val (path, pos);                                             \
    g_array_append_val (stack, pos);                                            \
  } G_STMT_END

  VISIT (x1);
  while (path->len > 0 && ok)
    {
      guint vi = g_array_index (path, guint, path->len - 1);
      guint64 v = NODE (vi)->state;
      /* The next edge of v, if any. */
      gboolean descended = FALSE;
      while (NODE (vi)->k < n_dm && !descended)
        {
          guint k = NODE (vi)->k;
          guint n;
          const guint64 *r = k == d ? NULL : rl_st_reach (c, k, v, &n);
          if (k == d || NODE (vi)->m >= n)
            {
              if (k != d && r == NULL)
                {
                  ok = FALSE;
                  break;
                }
              NODE (vi)->k++;
              NODE (vi)->m = 0;
              continue;
            }
          guint64 u = r[NODE (vi)->m++];
          if (improving && !rl_st_prefers (rl_st_state (c, u), rl_st_state (c, v), k))
            continue;
          /* Positions, not pointers: @nodes may have moved since. */
          gpointer found = g_hash_table_lookup (at, &u);
          RlStMemo *mu = rl_st_memo (c, d, u);
          if (found == NULL && (mu->have & bit))
            worsen (&NODE (vi)->acc, settled_with_self (c, d, u, concept));
          else if (found == NULL)
            {
              if (rl_st_cache_tick (c))
                {
                  ok = FALSE;
                  break;
                }
              VISIT (u);
              descended = TRUE;
            }
          else
            {
              Node *w = NODE (GPOINTER_TO_UINT (found) - 1);
              if (w->on_stack)
                NODE (vi)->low = MIN (NODE (vi)->low, w->index);
              else
                worsen (&NODE (vi)->acc, settled_with_self (c, d, u, concept));
            }
        }
      if (!ok || descended)
        continue;
      /* v is done: pop it; a root settles its component. */
      g_array_set_size (path, path->len - 1);
      if (NODE (vi)->low == NODE (vi)->index)
        {
          guint first = stack->len;
          while (g_array_index (stack, guint, first - 1) != vi)
            first--;
          first--;
          guint size = stack->len - first;
          RlStKey worst = none;
          for (guint s = first; s < stack->len; s++)
            {
              Node *w = NODE (g_array_index (stack, guint, s));
              worsen (&worst, w->acc);
              if (size > 1)
                worsen (&worst, own_key (c, d, w->state, concept));
            }
          for (guint s = first; s < stack->len; s++)
            {
              Node *w = NODE (g_array_index (stack, guint, s));
              w->on_stack = FALSE;
              RlStMemo *mw = rl_st_memo (c, d, w->state);
              mw->answer[concept] = worst;
              mw->have |= bit;
            }
          g_array_set_size (stack, first);
        }
      if (path->len > 0)
        {
          Node *parent = NODE (g_array_index (path, guint, path->len - 1));
          Node *child = NODE (vi);
          if (child->on_stack)
            {
              /* Same component as its parent: its edges count there. */
              parent->low = MIN (parent->low, child->low);
              worsen (&parent->acc, child->acc);
            }
          else
            worsen (&parent->acc, settled_with_self (c, d, child->state, concept));
        }
    }
#undef VISIT
#undef NODE
  if (!ok || rl_st_cache_timed_out (c))
    return none;
  return rl_st_memo (c, d, x1)->answer[concept];
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
