/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * frontier.c: the Pareto archive (see frontier.h for why two kinds of
 * points are kept).
 *
 * Every question the archive answers asks for points above a query in
 * every utility (a cover, a dominator), or below it (what a new point
 * dominates). The points therefore live in a k-d tree whose nodes know the
 * bounding box of their points: a node whose box lies wholly outside the
 * question's region is skipped with its whole subtree. Leaves hold a few
 * points; a full leaf splits on the utility with the widest spread. Points
 * that leave the archive are marked dead in place, and boxes only ever
 * grow, so a box may be larger than its live points: that costs a visit,
 * never an answer.
 */
#include "engine/frontier.h"

#include <math.h>
#include <string.h>

#include <redline/scenario.h>

#define LEAF_SIZE 24

typedef struct {
  guint first_child;     /* G_MAXUINT for a leaf */
  guint split_dim;
  double split;
  GArray *points;        /* leaf: guint point ids */
} Node;

struct _RlArchive {
  guint n_dims;
  guint n_issues;
  /* Points, by id. */
  GArray *u;             /* double, n_dims per point */
  GByteArray *pkg;       /* n_issues per point */
  GByteArray *state;     /* POINT_DEAD, POINT_SHADOW or POINT_CANDIDATE */
  guint n;
  /* The tree: node 0 is the root; children come in pairs. */
  GArray *nodes;         /* Node */
  GArray *lo, *hi;       /* double, n_dims per node: the bounding box */
  /* After finish: candidate ids in index order. */
  guint *order;
  guint n_final;
  /* Copies of the points that most recently covered a query. The search
   * visits neighbours one after another, and neighbours are covered by
   * the same few points: these answer most questions without the tree. A
   * copy stays valid after its point leaves (a kept point at least as
   * good replaced it). */
  double *recent;
  guint n_recent;
  guint next_recent;
};

/* A foreign point is another thread's candidate, imported to prune with:
 * it answers questions like a shadow, and is never merged (its owner
 * merges it). */
enum { POINT_DEAD, POINT_SHADOW, POINT_CANDIDATE, POINT_FOREIGN };

#define RECENT 8
#define POINT(a, id) (&g_array_index ((a)->u, double, (gsize) (id) * (a)->n_dims))
#define NODE(a, k) (&g_array_index ((a)->nodes, Node, (k)))
#define LO(a, k) (&g_array_index ((a)->lo, double, (gsize) (k) * (a)->n_dims))
#define HI(a, k) (&g_array_index ((a)->hi, double, (gsize) (k) * (a)->n_dims))

static guint
node_new (RlArchive *a)
{
  Node node = { G_MAXUINT, 0, 0, g_array_new (FALSE, FALSE, sizeof (guint)) };
  g_array_append_val (a->nodes, node);
  guint k = a->nodes->len - 1;
  g_array_set_size (a->lo, (k + 1) * a->n_dims);
  g_array_set_size (a->hi, (k + 1) * a->n_dims);
  for (guint d = 0; d < a->n_dims; d++)
    {
      LO (a, k)[d] = INFINITY;
      HI (a, k)[d] = -INFINITY;
    }
  return k;
}

RlArchive *
rl_archive_new (guint n_dims, guint n_issues)
{
  RlArchive *a = g_new0 (RlArchive, 1);
  a->n_dims = n_dims;
  a->n_issues = n_issues;
  a->u = g_array_new (FALSE, FALSE, sizeof (double));
  a->pkg = g_byte_array_new ();
  a->state = g_byte_array_new ();
  a->nodes = g_array_new (FALSE, FALSE, sizeof (Node));
  a->lo = g_array_new (FALSE, FALSE, sizeof (double));
  a->hi = g_array_new (FALSE, FALSE, sizeof (double));
  a->recent = g_new0 (double, (gsize) RECENT * n_dims + 1);
  node_new (a);
  return a;
}

void
rl_archive_free (RlArchive *a)
{
  if (a == NULL)
    return;
  for (guint k = 0; k < a->nodes->len; k++)
    if (NODE (a, k)->points)
      g_array_unref (NODE (a, k)->points);
  g_array_unref (a->nodes);
  g_array_unref (a->lo);
  g_array_unref (a->hi);
  g_array_unref (a->u);
  g_byte_array_unref (a->pkg);
  g_byte_array_unref (a->state);
  g_free (a->order);
  g_free (a->recent);
  g_free (a);
}

/* ---- dominance ------------------------------------------------------------------ */

gboolean
rl_dominates (const double *y, const double *x, guint n)
{
  gboolean better = FALSE;
  for (guint p = 0; p < n; p++)
    {
      if (y[p] < x[p] - RL_EPSILON)
        return FALSE;
      if (y[p] > x[p] + RL_EPSILON)
        better = TRUE;
    }
  return better;
}

/* y >= x in every utility, no tolerance. */
static gboolean
at_least (const double *y, const double *x, guint n)
{
  for (guint p = 0; p < n; p++)
    if (y[p] < x[p])
      return FALSE;
  return TRUE;
}

gboolean
rl_point_covers (const double *y, const double *ub, guint n)
{
  return at_least (y, ub, n) && rl_dominates (y, ub, n);
}

static void
remember (RlArchive *a, const double *y)
{
  memcpy (&a->recent[(gsize) a->next_recent * a->n_dims], y, a->n_dims * sizeof (double));
  a->next_recent = (a->next_recent + 1) % RECENT;
  a->n_recent = MIN (a->n_recent + 1, RECENT);
}

static const double *
recent_cover (const RlArchive *a, const double *q)
{
  for (guint r = 0; r < a->n_recent; r++)
    {
      const double *y = &a->recent[(gsize) r * a->n_dims];
      if (rl_point_covers (y, q, a->n_dims))
        return y;
    }
  return NULL;
}

/* ---- the tree ------------------------------------------------------------------------ */

static void
grow_box (RlArchive *a, guint k, const double *u)
{
  double *lo = LO (a, k), *hi = HI (a, k);
  for (guint d = 0; d < a->n_dims; d++)
    {
      lo[d] = MIN (lo[d], u[d]);
      hi[d] = MAX (hi[d], u[d]);
    }
}

/* Splits a full leaf in two at the median of its widest utility; the
 * dead points go with it, so that ids never dangle. */
static void
split_leaf (RlArchive *a, guint k)
{
  Node *node = NODE (a, k);
  GArray *pts = node->points;
  guint best = 0;
  double spread = -1;
  for (guint d = 0; d < a->n_dims; d++)
    if (HI (a, k)[d] - LO (a, k)[d] > spread)
      {
        spread = HI (a, k)[d] - LO (a, k)[d];
        best = d;
      }
  if (!(spread > 0))
    return;                /* identical points: keep the leaf as it is */
  g_autofree double *vals = g_new (double, pts->len);
  for (guint j = 0; j < pts->len; j++)
    vals[j] = POINT (a, g_array_index (pts, guint, j))[best];
  /* The median by partial selection would do; the leaf is tiny. */
  for (guint j = 1; j < pts->len; j++)
    for (guint i = j; i > 0 && vals[i - 1] > vals[i]; i--)
      {
        double t = vals[i];
        vals[i] = vals[i - 1];
        vals[i - 1] = t;
      }
  double split = vals[pts->len / 2];
  if (split <= vals[0])
    split = nextafter (split, INFINITY);
  guint left = node_new (a);
  guint right = node_new (a);
  node = NODE (a, k);      /* node_new may have moved the array */
  for (guint j = 0; j < pts->len; j++)
    {
      guint id = g_array_index (pts, guint, j);
      guint child = POINT (a, id)[best] < split ? left : right;
      g_array_append_val (NODE (a, child)->points, id);
      grow_box (a, child, POINT (a, id));
    }
  g_array_unref (node->points);
  node->points = NULL;
  node->first_child = left;
  node->split_dim = best;
  node->split = split;
  (void) right;
}

static void
tree_add (RlArchive *a, guint id)
{
  const double *u = POINT (a, id);
  guint k = 0;
  for (;;)
    {
      grow_box (a, k, u);
      Node *node = NODE (a, k);
      if (node->first_child == G_MAXUINT)
        break;
      k = node->first_child + (u[node->split_dim] < node->split ? 0 : 1);
    }
  g_array_append_val (NODE (a, k)->points, id);
  if (NODE (a, k)->points->len > LEAF_SIZE)
    split_leaf (a, k);
}

static guint
point_new (RlArchive *a, const double *u, const guint8 *package, guint8 state)
{
  g_array_append_vals (a->u, u, a->n_dims);
  g_byte_array_append (a->pkg, package, a->n_issues);
  g_byte_array_append (a->state, &state, 1);
  guint id = a->n++;
  tree_add (a, id);
  return id;
}

/* ---- walks ----------------------------------------------------------------------------- */

/* Every question walks the tree the same way: depth first with an
 * explicit stack, skipping a node whose box cannot hold an answer and
 * scanning the points of the leaves it reaches. The questions differ only
 * in those two places. These helpers are inline: the walks are the hot
 * loop of the Pareto search. */
typedef struct {
  guint *stack;          /* inline_stack until a deep tree outgrows it */
  guint inline_stack[128];
  guint top, size;
} Walk;

static inline void
walk_init (Walk *w)
{
  w->stack = w->inline_stack;
  w->size = G_N_ELEMENTS (w->inline_stack);
  w->top = 0;
  w->stack[w->top++] = 0;
}

static void
walk_clear (Walk *w)
{
  if (w->stack != w->inline_stack)
    g_free (w->stack);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Walk, walk_clear)

/* The tree never rebalances: points arriving in order along a line (a
 * zero-sum pair, every package Pareto-optimal) split the same end leaf
 * again and again, so a path can be as deep as there are leaves. */
G_GNUC_NO_INLINE static void
walk_grow (Walk *w)
{
  guint size = w->size * 2;
  if (w->stack == w->inline_stack)
    w->stack = g_memdup2 (w->inline_stack, sizeof w->inline_stack);
  w->stack = g_renew (guint, w->stack, size);
  w->size = size;
}

/* The next node to consider, or FALSE when the walk is over. */
static inline gboolean
walk_next (Walk *w, guint *k)
{
  if (w->top == 0)
    return FALSE;
  *k = w->stack[--w->top];
  return TRUE;
}

/* Enters node @k, whose box may hold an answer: an inner node queues its
 * children and gives NULL; a leaf gives itself, for its points. */
static inline const Node *
walk_enter (const RlArchive *a, Walk *w, guint k)
{
  const Node *node = NODE (a, k);
  if (node->first_child == G_MAXUINT)
    return node;
  if (G_UNLIKELY (w->top + 2 > w->size))
    walk_grow (w);
  w->stack[w->top++] = node->first_child;
  w->stack[w->top++] = node->first_child + 1;
  return NULL;
}

/* Can a box with high corner @hi hold a point at least @q - @slack in
 * every utility? */
static inline gboolean
box_reaches (const double *hi, const double *q, double slack, guint n)
{
  for (guint d = 0; d < n; d++)
    if (!(hi[d] >= q[d] - slack))
      return FALSE;
  return TRUE;
}

/* Can it hold a point better than @q by more than RL_EPSILON somewhere? */
static inline gboolean
box_may_beat (const double *hi, const double *q, guint n)
{
  for (guint d = 0; d < n; d++)
    if (hi[d] > q[d] + RL_EPSILON)
      return TRUE;
  return FALSE;
}

/* Can a box with low corner @lo hold a point at most @u + RL_EPSILON in
 * every utility? */
static inline gboolean
box_below (const double *lo, const double *u, guint n)
{
  for (guint d = 0; d < n; d++)
    if (!(lo[d] <= u[d] + RL_EPSILON))
      return FALSE;
  return TRUE;
}

/* ---- questions --------------------------------------------------------------------- */

/* Is some live point at least @q - slack everywhere (a box test per node)?
 * @fn decides at the points. Iterative, with an explicit stack. With
 * @strict, @fn only accepts a point better than @q by more than
 * RL_EPSILON somewhere (it dominates or covers @q), and boxes without one
 * are skipped too: identical points share one leaf that never splits, and
 * without this every query scanned all of them (a flat utility made the
 * frontier quadratic: 10^5 equal packages took minutes; tests/fuzz). */
typedef gboolean (*PointTest) (const RlArchive *a, guint id, gpointer data);

static gboolean
any_above (const RlArchive *a, const double *q, double slack, gboolean strict, PointTest fn,
           gpointer data)
{
  g_auto (Walk) w = { 0 };
  guint k;
  walk_init (&w);
  while (walk_next (&w, &k))
    {
      const double *hi = HI (a, k);
      if (!box_reaches (hi, q, slack, a->n_dims) || (strict && !box_may_beat (hi, q, a->n_dims)))
        continue;
      const Node *leaf = walk_enter (a, &w, k);
      if (!leaf)
        continue;
      for (guint j = 0; j < leaf->points->len; j++)
        {
          guint id = g_array_index (leaf->points, guint, j);
          if (a->state->data[id] != POINT_DEAD && fn (a, id, data))
            return TRUE;
        }
    }
  return FALSE;
}

typedef struct {
  const double *q;
  double *out;
} CoverQuery;

static gboolean
test_cover (const RlArchive *a, guint id, gpointer data)
{
  CoverQuery *cq = data;
  const double *y = POINT (a, id);
  if (!rl_point_covers (y, cq->q, a->n_dims))
    return FALSE;
  if (cq->out)
    memcpy (cq->out, y, a->n_dims * sizeof (double));
  return TRUE;
}

gboolean
rl_archive_find_cover (RlArchive *a, const double *ub, double *out)
{
  const double *known = recent_cover (a, ub);
  if (known)
    {
      if (out)
        memcpy (out, known, a->n_dims * sizeof (double));
      return TRUE;
    }
  g_autofree double *found = g_new (double, a->n_dims);
  CoverQuery cq = { ub, found };
  if (!any_above (a, ub, 0, TRUE, test_cover, &cq))
    return FALSE;
  remember (a, found);
  if (out)
    memcpy (out, found, a->n_dims * sizeof (double));
  return TRUE;
}

gboolean
rl_archive_covers (const RlArchive *a, const double *ub)
{
  CoverQuery cq = { ub, NULL };
  return recent_cover (a, ub) != NULL || any_above (a, ub, 0, TRUE, test_cover, &cq);
}

static gboolean
test_dominates (const RlArchive *a, guint id, gpointer data)
{
  return rl_dominates (POINT (a, id), data, a->n_dims);
}

static gboolean
test_at_least (const RlArchive *a, guint id, gpointer data)
{
  return at_least (POINT (a, id), data, a->n_dims);
}

/* Candidates that @u dominates lie in boxes whose low corner is below
 * u + eps everywhere: they leave the candidates, for the shadow unless @u
 * covers them (then they go for good). */
static void
demote_dominated (RlArchive *a, const double *u)
{
  g_auto (Walk) w = { 0 };
  guint k;
  walk_init (&w);
  while (walk_next (&w, &k))
    {
      if (!box_below (LO (a, k), u, a->n_dims))
        continue;
      const Node *leaf = walk_enter (a, &w, k);
      if (!leaf)
        continue;
      for (guint j = 0; j < leaf->points->len; j++)
        {
          guint id = g_array_index (leaf->points, guint, j);
          guint8 state = a->state->data[id];
          if (state != POINT_CANDIDATE && state != POINT_FOREIGN)
            continue;
          const double *c = POINT (a, id);
          if (!rl_dominates (u, c, a->n_dims))
            continue;
          /* A dominated foreign point goes: its own thread keeps it. */
          if (state == POINT_FOREIGN || at_least (u, c, a->n_dims))
            a->state->data[id] = POINT_DEAD;
          else
            a->state->data[id] = POINT_SHADOW;
        }
    }
}

/* One walk for both questions an insertion asks: is @q dominated (some
 * point at least q - eps everywhere, better by more than eps somewhere),
 * and is it covered (some point at least q everywhere, no tolerance)?
 * Stops as soon as both are known to be yes. */
static void
probe (const RlArchive *a, const double *q, gboolean *dominated, gboolean *covered)
{
  g_auto (Walk) w = { 0 };
  guint k;
  walk_init (&w);
  *dominated = *covered = FALSE;
  while (walk_next (&w, &k))
    {
      const double *hi = HI (a, k);
      /* Once covered, only a dominator is missing: a box with no point
       * better by more than eps anywhere cannot hold one (and a leaf of
       * identical points is skipped, not scanned every time). */
      if (!box_reaches (hi, q, RL_EPSILON, a->n_dims)
          || (*covered && !box_may_beat (hi, q, a->n_dims)))
        continue;
      const Node *leaf = walk_enter (a, &w, k);
      if (!leaf)
        continue;
      gboolean can_dominate = box_may_beat (hi, q, a->n_dims);
      for (guint j = 0; j < leaf->points->len; j++)
        {
          if (*covered && !can_dominate)
            break;
          guint id = g_array_index (leaf->points, guint, j);
          if (a->state->data[id] == POINT_DEAD)
            continue;
          const double *y = POINT (a, id);
          if (!*dominated && can_dominate && rl_dominates (y, q, a->n_dims))
            *dominated = TRUE;
          if (!*covered && at_least (y, q, a->n_dims))
            *covered = TRUE;
          if (*dominated && *covered)
            return;
        }
    }
}

gboolean
rl_archive_insert (RlArchive *a, const double *u, const guint8 *package)
{
  if (recent_cover (a, u) != NULL)
    return FALSE;
  gboolean dominated, covered;
  probe (a, u, &dominated, &covered);
  if (covered && dominated)
    return FALSE;
  /* A covered point dominates no candidate: what covers it would have
   * removed that candidate already. */
  if (!covered)
    demote_dominated (a, u);
  point_new (a, u, package, dominated ? POINT_SHADOW : POINT_CANDIDATE);
  return !dominated;
}

void
rl_archive_insert_foreign (RlArchive *a, const double *u)
{
  if (recent_cover (a, u) != NULL || any_above (a, u, 0, FALSE, test_at_least, (gpointer) u))
    return;
  demote_dominated (a, u);
  g_autofree guint8 *none = g_new0 (guint8, a->n_issues + 1);
  point_new (a, u, none, POINT_FOREIGN);
}

void
rl_archive_merge (RlArchive *into, RlArchive *from)
{
  g_return_if_fail (into->n_dims == from->n_dims && into->n_issues == from->n_issues);
  for (guint id = 0; id < from->n; id++)
    if (from->state->data[id] != POINT_DEAD && from->state->data[id] != POINT_FOREIGN)
      point_new (into, POINT (from, id), from->pkg->data + (gsize) id * from->n_issues,
                 from->state->data[id]);
  /* Leave @from empty. */
  for (guint k = 0; k < from->nodes->len; k++)
    if (NODE (from, k)->points)
      g_array_unref (NODE (from, k)->points);
  g_array_set_size (from->nodes, 0);
  g_array_set_size (from->u, 0);
  g_byte_array_set_size (from->pkg, 0);
  g_byte_array_set_size (from->state, 0);
  from->n = 0;
  node_new (from);
}

void
rl_archive_pack (const RlArchive *a, GByteArray *out)
{
  guint32 n = 0;
  for (guint id = 0; id < a->n; id++)
    n += a->state->data[id] != POINT_DEAD && a->state->data[id] != POINT_FOREIGN;
  g_byte_array_append (out, (const guint8 *) &n, sizeof n);
  for (guint id = 0; id < a->n; id++)
    if (a->state->data[id] != POINT_DEAD && a->state->data[id] != POINT_FOREIGN)
      {
        g_byte_array_append (out, (const guint8 *) POINT (a, id), a->n_dims * sizeof (double));
        g_byte_array_append (out, a->pkg->data + (gsize) id * a->n_issues, a->n_issues);
        g_byte_array_append (out, &a->state->data[id], 1);
      }
}

void
rl_archive_unpack (RlArchive *into, const guint8 **data, const guint8 *end)
{
  const guint8 *at = *data;
  guint32 n;
  g_assert ((gsize) (end - at) >= sizeof n);
  memcpy (&n, at, sizeof n);
  at += sizeof n;
  gsize stride = into->n_dims * sizeof (double) + into->n_issues + 1;
  g_assert ((gsize) (end - at) >= (gsize) n * stride);
  g_autofree double *u = g_new (double, into->n_dims + 1);
  for (guint32 i = 0; i < n; i++, at += stride)
    {
      memcpy (u, at, into->n_dims * sizeof (double));
      point_new (into, u, at + into->n_dims * sizeof (double), at[stride - 1]);
    }
  *data = at;
}

static int
by_package (gconstpointer x, gconstpointer y, gpointer data)
{
  const RlArchive *a = data;
  guint i = *(const guint *) x, j = *(const guint *) y;
  return memcmp (a->pkg->data + (gsize) i * a->n_issues, a->pkg->data + (gsize) j * a->n_issues,
                 a->n_issues);
}

guint
rl_archive_finish (RlArchive *a, RlDeadline deadline, gboolean *complete)
{
  g_free (a->order);
  a->order = g_new (guint, a->n + 1);
  a->n_final = 0;
  if (complete)
    *complete = TRUE;
  /* Candidates from different threads never met: filter them against
   * every kept point once more. A frontier of millions takes a while:
   * the deadline is checked as the filter goes. */
  for (guint id = 0; id < a->n; id++)
    {
      if ((id & 1023) == 0 && rl_deadline_passed (deadline))
        {
          if (complete)
            *complete = FALSE;
          break;
        }
      if (a->state->data[id] == POINT_CANDIDATE
          && !any_above (a, POINT (a, id), RL_EPSILON, TRUE, test_dominates, POINT (a, id)))
        a->order[a->n_final++] = id;
    }
  g_qsort_with_data (a->order, (gint) a->n_final, sizeof (guint), by_package, a);
  return a->n_final;
}

const guint8 *
rl_archive_get_package (const RlArchive *a, guint i)
{
  g_return_val_if_fail (i < a->n_final, NULL);
  return a->pkg->data + (gsize) a->order[i] * a->n_issues;
}

const double *
rl_archive_get_utilities (const RlArchive *a, guint i)
{
  g_return_val_if_fail (i < a->n_final, NULL);
  return POINT (a, a->order[i]);
}
