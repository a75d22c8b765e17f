/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "frontier.h"

#include <string.h>

#include <redline/scenario.h>

/* A set of points: utilities and packages in two parallel flat arrays. */
typedef struct {
  GArray *u;          /* doubles, n_dims per point */
  GByteArray *pkg;    /* n_issues per point */
  guint n;
} PointSet;

struct _RlArchive {
  guint n_dims;
  guint n_issues;
  PointSet cand;
  PointSet shadow;
  guint *order;       /* after finish: candidate positions in index order */
  guint n_final;
};

static void
set_init (PointSet *s)
{
  s->u = g_array_new (FALSE, FALSE, sizeof (double));
  s->pkg = g_byte_array_new ();
  s->n = 0;
}

static void
set_clear (PointSet *s)
{
  g_array_unref (s->u);
  g_byte_array_unref (s->pkg);
}

static void
set_add (PointSet *s, guint n_dims, guint n_issues, const double *u, const guint8 *package)
{
  g_array_append_vals (s->u, u, n_dims);
  g_byte_array_append (s->pkg, package, n_issues);
  s->n++;
}

/* Removes point j by moving the last one into its place. */
static void
set_remove (PointSet *s, guint n_dims, guint n_issues, guint j)
{
  guint last = s->n - 1;
  if (j != last)
    {
      memcpy (&g_array_index (s->u, double, (gsize) j * n_dims),
              &g_array_index (s->u, double, (gsize) last * n_dims), n_dims * sizeof (double));
      memcpy (s->pkg->data + (gsize) j * n_issues, s->pkg->data + (gsize) last * n_issues, n_issues);
    }
  g_array_set_size (s->u, last * n_dims);
  g_byte_array_set_size (s->pkg, last * n_issues);
  s->n = last;
}

#define POINT(s, n_dims, j) (&g_array_index ((s)->u, double, (gsize) (j) * (n_dims)))

RlArchive *
rl_archive_new (guint n_dims, guint n_issues)
{
  RlArchive *a = g_new0 (RlArchive, 1);
  a->n_dims = n_dims;
  a->n_issues = n_issues;
  set_init (&a->cand);
  set_init (&a->shadow);
  return a;
}

void
rl_archive_free (RlArchive *a)
{
  if (a == NULL)
    return;
  set_clear (&a->cand);
  set_clear (&a->shadow);
  g_free (a->order);
  g_free (a);
}

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

/* Looks through one set: is x dominated, is it covered exactly? */
static void
scan (const PointSet *s, guint n_dims, const double *x, gboolean *dominated, gboolean *covered)
{
  for (guint j = 0; j < s->n && !(*dominated && *covered); j++)
    {
      const double *y = POINT (s, n_dims, j);
      if (!*dominated && rl_dominates (y, x, n_dims))
        *dominated = TRUE;
      if (!*covered && at_least (y, x, n_dims))
        *covered = TRUE;
    }
}

void
rl_archive_insert (RlArchive *a, const double *u, const guint8 *package)
{
  guint nd = a->n_dims;
  gboolean dominated = FALSE, covered = FALSE;
  scan (&a->cand, nd, u, &dominated, &covered);
  scan (&a->shadow, nd, u, &dominated, &covered);
  if (covered && dominated)
    return;
  /* A covered point dominates no candidate: the point covering it would
   * have removed that candidate already. Otherwise candidates it dominates
   * leave; to the shadow unless the new point covers them. */
  for (guint j = 0; j < a->cand.n;)
    {
      const double *c = POINT (&a->cand, nd, j);
      if (rl_dominates (u, c, nd))
        {
          if (!at_least (u, c, nd))
            set_add (&a->shadow, nd, a->n_issues, c, a->cand.pkg->data + (gsize) j * a->n_issues);
          set_remove (&a->cand, nd, a->n_issues, j);
        }
      else
        j++;
    }
  if (!dominated)
    set_add (&a->cand, nd, a->n_issues, u, package);
  else
    set_add (&a->shadow, nd, a->n_issues, u, package);
}

gboolean
rl_archive_covers (const RlArchive *a, const double *ub)
{
  guint nd = a->n_dims;
  const PointSet *sets[2] = { &a->cand, &a->shadow };
  for (guint s = 0; s < 2; s++)
    for (guint j = 0; j < sets[s]->n; j++)
      {
        const double *y = POINT (sets[s], nd, j);
        if (at_least (y, ub, nd) && rl_dominates (y, ub, nd))
          return TRUE;
      }
  return FALSE;
}

static void
set_move_all (PointSet *into, PointSet *from)
{
  g_array_append_vals (into->u, from->u->data, from->u->len);
  g_byte_array_append (into->pkg, from->pkg->data, from->pkg->len);
  into->n += from->n;
  g_array_set_size (from->u, 0);
  g_byte_array_set_size (from->pkg, 0);
  from->n = 0;
}

void
rl_archive_merge (RlArchive *into, RlArchive *from)
{
  g_return_if_fail (into->n_dims == from->n_dims && into->n_issues == from->n_issues);
  set_move_all (&into->cand, &from->cand);
  set_move_all (&into->shadow, &from->shadow);
}

static int
by_package (gconstpointer x, gconstpointer y, gpointer data)
{
  const RlArchive *a = data;
  guint i = *(const guint *) x, j = *(const guint *) y;
  return memcmp (a->cand.pkg->data + (gsize) i * a->n_issues,
                 a->cand.pkg->data + (gsize) j * a->n_issues, a->n_issues);
}

guint
rl_archive_finish (RlArchive *a)
{
  guint nd = a->n_dims;
  g_free (a->order);
  a->order = g_new (guint, a->cand.n + 1);
  a->n_final = 0;
  for (guint j = 0; j < a->cand.n; j++)
    {
      const double *x = POINT (&a->cand, nd, j);
      gboolean dominated = FALSE;
      for (guint k = 0; k < a->cand.n && !dominated; k++)
        dominated = rl_dominates (POINT (&a->cand, nd, k), x, nd);
      for (guint k = 0; k < a->shadow.n && !dominated; k++)
        dominated = rl_dominates (POINT (&a->shadow, nd, k), x, nd);
      if (!dominated)
        a->order[a->n_final++] = j;
    }
  g_qsort_with_data (a->order, (gint) a->n_final, sizeof (guint), by_package, a);
  return a->n_final;
}

const guint8 *
rl_archive_get_package (const RlArchive *a, guint i)
{
  g_return_val_if_fail (i < a->n_final, NULL);
  return a->cand.pkg->data + (gsize) a->order[i] * a->n_issues;
}

const double *
rl_archive_get_utilities (const RlArchive *a, guint i)
{
  g_return_val_if_fail (i < a->n_final, NULL);
  return POINT (&a->cand, a->n_dims, a->order[i]);
}
