/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "engine/topk.h"

#include <math.h>
#include <string.h>

#include "engine/score.h"

/* Each candidate is one record: score, package bytes, payload bytes. */
struct _RlTopK {
  RlScoreKind kind;
  guint k;
  guint n_issues;
  gsize payload;
  gsize stride;              /* bytes per record */
  GByteArray *records;
  guint n;                   /* records held */
  guint cap;                 /* compaction happens beyond this */
  GArray *scores;            /* distinct scores within reach (doubles) */
  double threshold;          /* the K-th best score seen; -inf until known */
  guint *final;              /* after finish: record positions in order */
  guint n_final;
};

#define RECORD(t, r) ((t)->records->data + (gsize) (r) * (t)->stride)
#define RECORD_SCORE(t, r) (*(double *) RECORD (t, r))
/* Payload before the package, so that a payload of doubles stays aligned. */
#define RECORD_PAYLOAD(t, r) (RECORD (t, r) + sizeof (double))
#define RECORD_PACKAGE(t, r) (RECORD (t, r) + sizeof (double) + (t)->payload)

RlTopK *
rl_topk_new (RlScoreKind kind, guint k, guint n_issues, gsize payload)
{
  g_return_val_if_fail (k > 0, NULL);
  RlTopK *t = g_new0 (RlTopK, 1);
  t->kind = kind;
  t->k = k;
  t->n_issues = n_issues;
  t->payload = payload;
  /* Keep doubles in the payload aligned. */
  t->stride = (sizeof (double) + n_issues + payload + 7) & ~(gsize) 7;
  t->records = g_byte_array_new ();
  t->cap = MAX (4 * k, 256);
  t->scores = g_array_new (FALSE, FALSE, sizeof (double));
  t->threshold = -INFINITY;
  return t;
}

void
rl_topk_free (RlTopK *t)
{
  if (t == NULL)
    return;
  g_byte_array_unref (t->records);
  g_array_unref (t->scores);
  g_free (t->final);
  g_free (t);
}

gboolean
rl_topk_prunes (const RlTopK *t, double bound)
{
  return rl_score_out_of_reach (t->threshold, bound);
}

static void compact (RlTopK *t);

void
rl_topk_offer (RlTopK *t, double score, const guint8 *package, const void *payload)
{
  if (rl_score_out_of_reach (t->threshold, score))
    return;
  g_byte_array_set_size (t->records, (guint) ((t->n + 1) * t->stride));
  guint8 *rec = RECORD (t, t->n);
  memcpy (rec, &score, sizeof score);
  if (t->payload)
    memcpy (rec + sizeof (double), payload, t->payload);
  memcpy (rec + sizeof (double) + t->payload, package, t->n_issues);
  t->n++;
  g_array_append_val (t->scores, score);
  if (t->n > t->cap || t->scores->len > 2 * t->cap)
    compact (t);
}

/* ---- compaction ------------------------------------------------------------------ */

/* Exact score, highest first; then package bytes (index order). */
static int
by_score_then_package (gconstpointer a, gconstpointer b, gpointer data)
{
  const RlTopK *t = data;
  guint x = *(const guint *) a, y = *(const guint *) b;
  double sx = RECORD_SCORE (t, x), sy = RECORD_SCORE (t, y);
  if (sx != sy)
    return sx > sy ? -1 : 1;
  return memcmp (RECORD_PACKAGE (t, x), RECORD_PACKAGE (t, y), t->n_issues);
}

static int
by_package (gconstpointer a, gconstpointer b, gpointer data)
{
  const RlTopK *t = data;
  guint x = *(const guint *) a, y = *(const guint *) b;
  return memcmp (RECORD_PACKAGE (t, x), RECORD_PACKAGE (t, y), t->n_issues);
}

static int
double_desc (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x > y ? -1 : (x < y ? 1 : 0);
}

/* Keeps the records that fewer than K others surely precede. y surely
 * precedes x when y's score is at least x's and y's index is smaller: y is
 * then in an earlier group, or in x's group and first by index. Counted
 * with a Fenwick tree over the records' index ranks, in score order. */
static void
compact (RlTopK *t)
{
  guint n = t->n;
  g_autofree guint *by_s = g_new (guint, n + 1);
  g_autofree guint *by_p = g_new (guint, n + 1);
  g_autofree guint *prank = g_new (guint, n + 1);
  g_autofree guint *tree = g_new0 (guint, n + 1);
  g_autofree gboolean *keep = g_new0 (gboolean, n + 1);
  for (guint r = 0; r < n; r++)
    by_s[r] = by_p[r] = r;
  g_qsort_with_data (by_s, (gint) n, sizeof (guint), by_score_then_package, t);
  g_qsort_with_data (by_p, (gint) n, sizeof (guint), by_package, t);
  for (guint j = 0; j < n; j++)
    prank[by_p[j]] = j;

  if (n >= t->k)
    t->threshold = MAX (t->threshold, RECORD_SCORE (t, by_s[t->k - 1]));

  for (guint j = 0; j < n; j++)
    {
      guint r = by_s[j];
      double s = RECORD_SCORE (t, r);
      if (rl_score_out_of_reach (t->threshold, s))
        break;                    /* and every later one */
      guint smaller = 0;          /* earlier records with a smaller index */
      for (guint i = prank[r]; i > 0; i -= i & (~i + 1))
        smaller += tree[i];
      for (guint i = prank[r] + 1; i <= n; i += i & (~i + 1))
        tree[i]++;
      keep[r] = smaller < t->k;
    }

  GByteArray *kept = g_byte_array_new ();
  guint m = 0;
  for (guint r = 0; r < n; r++)
    if (keep[r])
      {
        g_byte_array_append (kept, RECORD (t, r), (guint) t->stride);
        m++;
      }
  g_byte_array_unref (t->records);
  t->records = kept;
  t->n = m;

  /* Distinct scores within reach: they place the anchors. */
  GArray *sc = t->scores;
  g_array_sort (sc, double_desc);
  guint w = 0;
  for (guint j = 0; j < sc->len; j++)
    {
      double s = g_array_index (sc, double, j);
      if (rl_score_out_of_reach (t->threshold, s))
        break;
      if (w > 0 && g_array_index (sc, double, w - 1) == s)
        continue;
      g_array_index (sc, double, w++) = s;
    }
  g_array_set_size (sc, w);

  /* Massive ties keep many records; grow instead of compacting again at
   * once. */
  if (t->n > t->cap / 2)
    t->cap = t->n * 2;
  if (sc->len > t->cap)
    t->cap = sc->len;
}

void
rl_topk_merge (RlTopK *into, RlTopK *from)
{
  g_return_if_fail (into->stride == from->stride);
  g_byte_array_append (into->records, from->records->data, (guint) (from->n * from->stride));
  into->n += from->n;
  g_array_append_vals (into->scores, from->scores->data, from->scores->len);
  into->threshold = MAX (into->threshold, from->threshold);
  from->n = 0;
  g_byte_array_set_size (from->records, 0);
  g_array_set_size (from->scores, 0);
  compact (into);
}

void
rl_topk_pack (const RlTopK *t, GByteArray *out)
{
  guint32 head[2] = { t->n, t->scores->len };
  g_byte_array_append (out, (const guint8 *) head, sizeof head);
  g_byte_array_append (out, (const guint8 *) &t->threshold, sizeof t->threshold);
  g_byte_array_append (out, t->records->data, (guint) (t->n * t->stride));
  g_byte_array_append (out, (const guint8 *) t->scores->data, t->scores->len * sizeof (double));
}

void
rl_topk_unpack (RlTopK *into, const guint8 **data, const guint8 *end)
{
  const guint8 *at = *data;
  guint32 head[2];
  double threshold;
  g_assert ((gsize) (end - at) >= sizeof head + sizeof threshold);
  memcpy (head, at, sizeof head);
  memcpy (&threshold, at + sizeof head, sizeof threshold);
  at += sizeof head + sizeof threshold;
  gsize records = (gsize) head[0] * into->stride, scores = (gsize) head[1] * sizeof (double);
  g_assert ((gsize) (end - at) >= records + scores);
  g_byte_array_append (into->records, at, (guint) records);
  into->n += head[0];
  at += records;
  for (guint32 i = 0; i < head[1]; i++, at += sizeof (double))
    {
      double score;
      memcpy (&score, at, sizeof score);
      g_array_append_val (into->scores, score);
    }
  into->threshold = MAX (into->threshold, threshold);
  compact (into);
  *data = at;
}

/* ---- the final order ------------------------------------------------------------ */

/* Anchors from a descending list of distinct scores: the first is an anchor,
 * then every score that does not tie with the current anchor. */
static double
anchor_of (RlScoreKind kind, const double *anchors, guint n_anchors, double s)
{
  /* The anchor of s: the last anchor at or above s (binary search). */
  guint lo = 0, hi = n_anchors;
  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;
      if (anchors[mid] >= s)
        lo = mid;
      else
        hi = mid;
    }
  (void) kind;
  return anchors[lo];
}

static guint
build_anchors (RlScoreKind kind, const double *desc, guint n, double *anchors)
{
  guint m = 0;
  for (guint j = 0; j < n; j++)
    if (m == 0 || !rl_scores_tie (kind, anchors[m - 1], desc[j]))
      anchors[m++] = desc[j];
  return m;
}

typedef struct {
  const double *anchor;       /* per entry */
  const guint8 *packages;
  guint n_issues;
} OrderCtx;

static int
by_anchor_then_package (gconstpointer a, gconstpointer b, gpointer data)
{
  const OrderCtx *ctx = data;
  guint x = *(const guint *) a, y = *(const guint *) b;
  if (ctx->anchor[x] != ctx->anchor[y])
    return ctx->anchor[x] > ctx->anchor[y] ? -1 : 1;
  return memcmp (ctx->packages + (gsize) x * ctx->n_issues,
                 ctx->packages + (gsize) y * ctx->n_issues, ctx->n_issues);
}

/* Orders entries whose anchors come from @all_desc (every distinct score
 * that matters, descending). */
static void
order_with_scores (RlScoreKind kind, const double *scores, const guint8 *packages,
                   guint n_issues, guint n, const double *all_desc, guint n_all, guint *perm)
{
  g_autofree double *anchors = g_new (double, n_all + 1);
  guint n_anchors = build_anchors (kind, all_desc, n_all, anchors);
  g_autofree double *anchor = g_new (double, n + 1);
  for (guint j = 0; j < n; j++)
    {
      anchor[j] = anchor_of (kind, anchors, n_anchors, scores[j]);
      perm[j] = j;
    }
  OrderCtx ctx = { anchor, packages, n_issues };
  g_qsort_with_data (perm, (gint) n, sizeof (guint), by_anchor_then_package, &ctx);
}

void
rl_order_packages (RlScoreKind kind, const double *scores, const guint8 *packages,
                   guint n_issues, guint n, guint *perm)
{
  if (n == 0)
    return;
  g_autofree double *desc = g_memdup2 (scores, n * sizeof (double));
  qsort (desc, n, sizeof (double), double_desc);
  order_with_scores (kind, scores, packages, n_issues, n, desc, n, perm);
}

guint
rl_topk_finish (RlTopK *t)
{
  compact (t);
  guint n = t->n;
  g_autofree double *scores = g_new (double, n + 1);
  g_autofree guint8 *packages = g_new (guint8, (gsize) n * t->n_issues + 1);
  for (guint r = 0; r < n; r++)
    {
      scores[r] = RECORD_SCORE (t, r);
      memcpy (packages + (gsize) r * t->n_issues, RECORD_PACKAGE (t, r), t->n_issues);
    }
  g_free (t->final);
  t->final = g_new (guint, n + 1);
  if (n > 0)
    order_with_scores (t->kind, scores, packages, t->n_issues, n,
                       (const double *) t->scores->data, t->scores->len, t->final);
  t->n_final = MIN (n, t->k);
  return t->n_final;
}

double
rl_topk_get_score (const RlTopK *t, guint i)
{
  g_return_val_if_fail (i < t->n_final, NAN);
  return RECORD_SCORE (t, t->final[i]);
}

const guint8 *
rl_topk_get_package (const RlTopK *t, guint i)
{
  g_return_val_if_fail (i < t->n_final, NULL);
  return RECORD_PACKAGE (t, t->final[i]);
}

const void *
rl_topk_get_payload (const RlTopK *t, guint i)
{
  g_return_val_if_fail (i < t->n_final, NULL);
  return RECORD_PAYLOAD (t, t->final[i]);
}
