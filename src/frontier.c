/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * frontier.c: the Pareto archive (see frontier.h for why two kinds of
 * points are kept).
 *
 * Points live in one array sorted by the sum of their utilities, highest
 * first. A point can only dominate (or cover) another whose sum is not
 * much larger than its own, so every question scans a prefix or a suffix
 * of the array, found by binary search, instead of the whole archive.
 */
#include "frontier.h"

#include <math.h>
#include <string.h>

#include <redline/scenario.h>

struct _RlArchive {
  guint n_dims;
  guint n_issues;
  /* Parallel arrays, sorted by sum (descending). */
  GArray *sums;          /* double */
  GArray *u;             /* double, n_dims per point */
  GByteArray *pkg;       /* n_issues per point */
  GByteArray *cand;      /* 1: candidate, 0: shadow */
  guint n;
  guint *order;          /* after finish: candidate positions in index order */
  guint n_final;
  /* Copies of the points that most recently dominated a package or
   * covered a subtree. The search visits neighbours one after another, and
   * neighbours are dominated by the same few points: asking these first
   * answers most questions without a scan. A copy stays valid after its
   * point leaves (a kept point at least as good replaced it). */
  double *recent;        /* RECENT * n_dims */
  guint n_recent;
  guint next_recent;
};

#define RECENT 8

#define POINT(a, j) (&g_array_index ((a)->u, double, (gsize) (j) * (a)->n_dims))
#define SUM(a, j) (g_array_index ((a)->sums, double, (j)))

RlArchive *
rl_archive_new (guint n_dims, guint n_issues)
{
  RlArchive *a = g_new0 (RlArchive, 1);
  a->n_dims = n_dims;
  a->n_issues = n_issues;
  a->sums = g_array_new (FALSE, FALSE, sizeof (double));
  a->u = g_array_new (FALSE, FALSE, sizeof (double));
  a->pkg = g_byte_array_new ();
  a->cand = g_byte_array_new ();
  a->recent = g_new0 (double, (gsize) RECENT * n_dims + 1);
  return a;
}

void
rl_archive_free (RlArchive *a)
{
  if (a == NULL)
    return;
  g_array_unref (a->sums);
  g_array_unref (a->u);
  g_byte_array_unref (a->pkg);
  g_byte_array_unref (a->cand);
  g_free (a->order);
  g_free (a->recent);
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

/* A recent point that covers @q (at least as good everywhere, and
 * dominating), or NULL. */
static const double *
recent_cover (const RlArchive *a, const double *q)
{
  for (guint r = 0; r < a->n_recent; r++)
    {
      const double *y = &a->recent[(gsize) r * a->n_dims];
      if (at_least (y, q, a->n_dims) && rl_dominates (y, q, a->n_dims))
        return y;
    }
  return NULL;
}

static double
sum_of (const double *u, guint n)
{
  double s = 0;
  for (guint p = 0; p < n; p++)
    s += u[p];
  return s;
}

/* How many points have a sum of at least @s: they form a prefix. */
static guint
prefix_at_least (const RlArchive *a, double s)
{
  guint lo = 0, hi = a->n;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (SUM (a, mid) >= s)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static void
insert_at (RlArchive *a, guint j, double s, const double *u, const guint8 *package, guint8 cand)
{
  g_array_insert_val (a->sums, j, s);
  g_array_insert_vals (a->u, (guint) j * a->n_dims, u, a->n_dims);
  g_byte_array_set_size (a->pkg, (a->n + 1) * a->n_issues);
  memmove (a->pkg->data + (gsize) (j + 1) * a->n_issues, a->pkg->data + (gsize) j * a->n_issues,
           (gsize) (a->n - j) * a->n_issues);
  memcpy (a->pkg->data + (gsize) j * a->n_issues, package, a->n_issues);
  g_byte_array_set_size (a->cand, a->n + 1);
  memmove (a->cand->data + j + 1, a->cand->data + j, a->n - j);
  a->cand->data[j] = cand;
  a->n++;
}

/* Removes the points whose keep flag is 0, keeping the order. */
static void
remove_marked (RlArchive *a, const guint8 *keep)
{
  guint w = 0;
  for (guint j = 0; j < a->n; j++)
    {
      if (!keep[j])
        continue;
      if (w != j)
        {
          SUM (a, w) = SUM (a, j);
          memcpy (POINT (a, w), POINT (a, j), a->n_dims * sizeof (double));
          memcpy (a->pkg->data + (gsize) w * a->n_issues, a->pkg->data + (gsize) j * a->n_issues,
                  a->n_issues);
          a->cand->data[w] = a->cand->data[j];
        }
      w++;
    }
  a->n = w;
  g_array_set_size (a->sums, w);
  g_array_set_size (a->u, w * a->n_dims);
  g_byte_array_set_size (a->pkg, w * a->n_issues);
  g_byte_array_set_size (a->cand, w);
}

void
rl_archive_insert (RlArchive *a, const double *u, const guint8 *package)
{
  guint nd = a->n_dims;
  if (recent_cover (a, u) != NULL)
    return;
  double s = sum_of (u, nd);
  /* Whatever dominates or covers u has a sum above s - nd * eps. */
  guint end = prefix_at_least (a, s - (nd + 1) * RL_EPSILON);
  gboolean dominated = FALSE, covered = FALSE;
  for (guint j = 0; j < end && !(dominated && covered); j++)
    {
      const double *y = POINT (a, j);
      gboolean dom = rl_dominates (y, u, nd);
      gboolean cov = SUM (a, j) >= s && at_least (y, u, nd);
      if (dom && cov)
        remember (a, y);
      dominated = dominated || dom;
      covered = covered || cov;
    }
  if (covered && dominated)
    return;
  /* A covered point dominates no candidate: what covers it would have
   * removed that candidate already. Otherwise the candidates it dominates
   * (their sums are below s + nd * eps) become shadows, or leave when u
   * covers them. */
  guint start = prefix_at_least (a, s + (nd + 1) * RL_EPSILON);
  g_autofree guint8 *keep = NULL;
  for (guint j = start; j < a->n; j++)
    {
      if (!a->cand->data[j])
        continue;
      const double *c = POINT (a, j);
      if (rl_dominates (u, c, nd))
        {
          if (at_least (u, c, nd))
            {
              if (keep == NULL)
                {
                  keep = g_malloc (a->n);
                  memset (keep, 1, a->n);
                }
              keep[j] = 0;
            }
          else
            a->cand->data[j] = 0;
        }
    }
  if (keep)
    remove_marked (a, keep);
  insert_at (a, prefix_at_least (a, s), s, u, package, dominated ? 0 : 1);
}

gboolean
rl_archive_covers (const RlArchive *a, const double *ub)
{
  guint nd = a->n_dims;
  double s = sum_of (ub, nd);
  guint end = prefix_at_least (a, s);
  for (guint j = 0; j < end; j++)
    {
      const double *y = POINT (a, j);
      if (at_least (y, ub, nd) && rl_dominates (y, ub, nd))
        return TRUE;
    }
  return FALSE;
}

gboolean
rl_archive_find_cover (RlArchive *a, const double *ub, double *out)
{
  guint nd = a->n_dims;
  const double *known = recent_cover (a, ub);
  if (known)
    {
      memcpy (out, known, nd * sizeof (double));
      return TRUE;
    }
  double s = sum_of (ub, nd);
  guint end = prefix_at_least (a, s);
  for (guint j = 0; j < end; j++)
    {
      const double *y = POINT (a, j);
      if (at_least (y, ub, nd) && rl_dominates (y, ub, nd))
        {
          memcpy (out, y, nd * sizeof (double));
          remember (a, y);
          return TRUE;
        }
    }
  return FALSE;
}

/* Merges two sorted archives into @into (a merge of sorted runs). */
void
rl_archive_merge (RlArchive *into, RlArchive *from)
{
  g_return_if_fail (into->n_dims == from->n_dims && into->n_issues == from->n_issues);
  guint nd = into->n_dims, ni = into->n_issues, n = into->n + from->n;
  RlArchive *out = rl_archive_new (nd, ni);
  g_array_set_size (out->sums, n);
  g_array_set_size (out->u, n * nd);
  g_byte_array_set_size (out->pkg, n * ni);
  g_byte_array_set_size (out->cand, n);
  guint i = 0, j = 0;
  for (guint k = 0; k < n; k++)
    {
      gboolean take_into = j >= from->n || (i < into->n && SUM (into, i) >= SUM (from, j));
      RlArchive *src = take_into ? into : from;
      guint r = take_into ? i++ : j++;
      SUM (out, k) = SUM (src, r);
      memcpy (POINT (out, k), POINT (src, r), nd * sizeof (double));
      memcpy (out->pkg->data + (gsize) k * ni, src->pkg->data + (gsize) r * ni, ni);
      out->cand->data[k] = src->cand->data[r];
    }
  out->n = n;
  /* Swap the arrays in, and leave @from empty. */
  RlArchive tmp = *into;
  into->sums = out->sums;
  into->u = out->u;
  into->pkg = out->pkg;
  into->cand = out->cand;
  into->n = n;
  out->sums = tmp.sums;
  out->u = tmp.u;
  out->pkg = tmp.pkg;
  out->cand = tmp.cand;
  rl_archive_free (out);
  g_array_set_size (from->sums, 0);
  g_array_set_size (from->u, 0);
  g_byte_array_set_size (from->pkg, 0);
  g_byte_array_set_size (from->cand, 0);
  from->n = 0;
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
rl_archive_finish (RlArchive *a)
{
  guint nd = a->n_dims;

  g_free (a->order);
  a->order = g_new (guint, a->n + 1);
  a->n_final = 0;
  for (guint j = 0; j < a->n; j++)
    {
      if (!a->cand->data[j])
        continue;
      const double *x = POINT (a, j);
      guint end = prefix_at_least (a, SUM (a, j) - (nd + 1) * RL_EPSILON);
      gboolean dominated = FALSE;
      for (guint k = 0; k < end && !dominated; k++)
        dominated = rl_dominates (POINT (a, k), x, nd);
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
  return a->pkg->data + (gsize) a->order[i] * a->n_issues;
}

const double *
rl_archive_get_utilities (const RlArchive *a, guint i)
{
  g_return_val_if_fail (i < a->n_final, NULL);
  return POINT (a, a->order[i]);
}
