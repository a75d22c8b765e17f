/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * evaluate.c: everything cli.md's `evaluate` says of one package, or of
 * many at once (debrief): two or three searches whatever their number.
 *
 * The ranks need care: the order of section 6 groups tied scores under an
 * anchor, and where the anchors fall depends on every score above. One
 * pass counts the packages far above the package's score (they are in
 * earlier groups whatever happens) and keeps those within a narrow band
 * around it; a clear gap in the band fixes an anchor from which the groups
 * follow exactly. Only when the band is too dense to hold such a gap does a
 * third pass keep everything above the package. With many packages, each
 * pass serves all of them: per score they are sorted, and a package
 * visited finds by binary search which ones it is far above and in whose
 * bands it falls.
 */
#include <math.h>
#include <string.h>

#include <redline/error.h>
#include <redline/known.h>
#include "engine/engine.h"
#include "engine/frontier.h"
#include "engine/dominator.h"
#include "engine/package.h"
#include "model/scenario-internals.h"
#include "engine/score.h"
#include "engine/topk.h"

struct _RlEvaluation {
  RlScenario *sc;
  RlPackage pkg;
  gboolean feasible, compatible, acceptable;
  GPtrArray *broken;
  GArray *below_batna;          /* guint */
  guint64 ranks[RL_N_STANDARD_SCORES];
  gboolean has_dominator;
  RlPackage dominator;
  guint64 n_acceptable;
  gboolean complete;
  gboolean pareto_unknown;      /* a cut sweep found no dominator: not proven */
  gboolean dominator_pareto_unknown;  /* the dominator's own flag: not proven */
};

void
rl_evaluation_free (RlEvaluation *ev)
{
  if (ev == NULL)
    return;
  rl_scenario_unref (ev->sc);
  rl_package_clear (&ev->pkg);
  rl_package_clear (&ev->dominator);
  g_ptr_array_unref (ev->broken);
  g_array_unref (ev->below_batna);
  g_free (ev);
}

const RlPackage *rl_evaluation_get_package (const RlEvaluation *ev) { return &ev->pkg; }
gboolean rl_evaluation_is_feasible (const RlEvaluation *ev) { return ev->feasible; }
gboolean rl_evaluation_is_compatible (const RlEvaluation *ev) { return ev->compatible; }
gboolean rl_evaluation_is_acceptable (const RlEvaluation *ev) { return ev->acceptable; }
guint64 rl_evaluation_get_n_acceptable (const RlEvaluation *ev) { return ev->n_acceptable; }
gboolean rl_evaluation_is_complete (const RlEvaluation *ev) { return ev->complete; }
gboolean rl_evaluation_is_pareto_known (const RlEvaluation *ev) { return !ev->pareto_unknown; }
gboolean rl_evaluation_is_dominator_pareto_known (const RlEvaluation *ev) { return !ev->dominator_pareto_unknown; }

RlKnown
rl_evaluation_get_n_acceptable_known (const RlEvaluation *ev)
{
  return rl_known_count (ev->n_acceptable, ev->complete);
}

const char *const *
rl_evaluation_get_broken (const RlEvaluation *ev)
{
  return (const char *const *) ev->broken->pdata;
}

const guint *
rl_evaluation_get_below_batna (const RlEvaluation *ev, guint *n)
{
  *n = ev->below_batna->len;
  return (const guint *) (gpointer) ev->below_batna->data;
}

guint64
rl_evaluation_get_rank (const RlEvaluation *ev, RlScoreKind kind)
{
  g_return_val_if_fail (kind < RL_N_STANDARD_SCORES, 0);
  return ev->ranks[kind];
}

const RlPackage *
rl_evaluation_get_dominated_by (const RlEvaluation *ev)
{
  return ev->has_dominator ? &ev->dominator : NULL;
}

/* ---- the rules ------------------------------------------------------------------ */

static void
check_rules (RlEvaluation *ev, const guint8 *package, gboolean ignore_batna)
{
  RlScenario *sc = ev->sc;
  ev->feasible = TRUE;
  for (guint c = 0; c < sc->constraints->len; c++)
    {
      const RlNamedRule *r = &g_array_index (sc->constraints, RlNamedRule, c);
      if (!rl_rule_eval (r->rule, package))
        {
          ev->feasible = FALSE;
          g_ptr_array_add (ev->broken, g_strdup_printf ("constraints/%s", r->id));
        }
    }
  ev->compatible = ev->feasible;
  ev->acceptable = TRUE;
  for (guint p = 0; p < sc->n_parties; p++)
    {
      const RlParty *party = &sc->parties[p];
      for (guint r = 0; r < party->red_lines->len; r++)
        {
          const RlNamedRule *rule = &g_array_index (party->red_lines, RlNamedRule, r);
          if (!rl_rule_eval (rule->rule, package))
            {
              g_ptr_array_add (ev->broken, g_strdup_printf ("%s/%s", party->id, rule->id));
              if (party->veto)
                ev->compatible = FALSE;
            }
        }
      if (party->veto && ev->pkg.utilities[p] < party->batna - RL_EPSILON)
        {
          g_array_append_val (ev->below_batna, p);
          if (!ignore_batna)
            ev->acceptable = FALSE;
        }
    }
  ev->acceptable = ev->acceptable && ev->compatible;
  g_ptr_array_add (ev->broken, NULL);
}

/* ---- ranks ------------------------------------------------------------------------ */

typedef struct {
  double score;
  guint8 *package;       /* borrowed from the owner's slab */
} Entry;

/* One score's view: what is far above, and what is near. */
typedef struct {
  double x;              /* the evaluated package's score */
  double above;          /* packages with a score above this are far above */
  double below;          /* and below this, out of reach */
  gboolean keep_all_above;
  guint64 n_far_above;
  GArray *near_scores;   /* double */
  GByteArray *near_packages;
} Band;

static void
band_init (Band *b, double x, gboolean keep_all_above)
{
  memset (b, 0, sizeof *b);
  b->x = x;
  /* A Nash score of -inf (a gain of 0) ties only with itself. */
  double scale = isfinite (x) ? MAX (1.0, fabs (x)) : 1.0;
  b->above = keep_all_above ? INFINITY : x + 1e-6 * scale;
  b->below = x - 4e-9 * scale;
  b->keep_all_above = keep_all_above;
  b->near_scores = g_array_new (FALSE, FALSE, sizeof (double));
  b->near_packages = g_byte_array_new ();
}

static void
band_clear (Band *b)
{
  g_clear_pointer (&b->near_scores, g_array_unref);
  g_clear_pointer (&b->near_packages, g_byte_array_unref);
}

static int
double_desc (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x > y ? -1 : (x < y ? 1 : 0);
}

static gboolean
clear_gap (double hi, double lo)
{
  return hi - lo > 2e-9 * MAX (1.0, fabs (hi));
}

/* The anchor of @s among @anchors (descending): the last one at or above. */
static double
anchor_of (const double *anchors, guint n, double s)
{
  guint lo = 0, hi = n;
  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;
      if (anchors[mid] >= s)
        lo = mid;
      else
        hi = mid;
    }
  return anchors[lo];
}

/* The rank of @package from its band, or 0 when no anchor above it can be
 * placed from the band alone (too dense: ask for everything above). */
static guint64
rank_in_band (RlScoreKind kind, const Band *b, const guint8 *package, guint n_issues)
{
  guint n = b->near_scores->len;
  const double *scores = (const double *) (gpointer) b->near_scores->data;
  const guint8 *packages = b->near_packages->data;
  if (n == 0)
    return 0;

  g_autofree double *desc = g_memdup2 (scores, n * sizeof (double));
  qsort (desc, n, sizeof (double), double_desc);
  guint m = 0;
  for (guint j = 0; j < n; j++)
    if (m == 0 || desc[m - 1] != desc[j])
      desc[m++] = desc[j];

  /* A restart: a distinct score that is an anchor for sure, at or above x. */
  guint r = G_MAXUINT;
  if (b->n_far_above == 0 || clear_gap (b->above, desc[0]) || b->above == -INFINITY)
    r = 0;
  for (guint j = 1; r == G_MAXUINT && j < m && desc[j] >= b->x; j++)
    if (clear_gap (desc[j - 1], desc[j]))
      r = j;
  if (r == G_MAXUINT)
    return 0;

  g_autofree double *anchors = g_new (double, m + 1);
  guint n_anchors = 0;
  for (guint j = r; j < m; j++)
    if (n_anchors == 0 || !rl_scores_tie (kind, anchors[n_anchors - 1], desc[j]))
      anchors[n_anchors++] = desc[j];
  double restart = desc[r];
  double mine = anchor_of (anchors, n_anchors, b->x);

  guint64 before = b->n_far_above;
  for (guint j = 0; j < n; j++)
    {
      double s = scores[j];
      const guint8 *pj = packages + (gsize) j * n_issues;
      if (s > restart)
        before++;
      else
        {
          double a = anchor_of (anchors, n_anchors, s);
          if (a > mine || (a == mine && memcmp (pj, package, n_issues) < 0))
            before++;
        }
    }
  return before + 1;
}

/* ---- many packages at once -------------------------------------------------------- */

/* Ranks of many packages in one pass: per score, the packages sorted by
 * their score, so that a leaf finds with two binary searches how many
 * packages it is far above (a histogram, summed at the end) and which
 * packages' bands it falls in (usually none or a few). */
typedef struct {
  guint m;                                /* packages ranked */
  guint *order[RL_N_STANDARD_SCORES];     /* sorted position -> package */
  guint *pos[RL_N_STANDARD_SCORES];       /* package -> sorted position */
  double *above[RL_N_STANDARD_SCORES];    /* by sorted position, nondecreasing */
  double *below[RL_N_STANDARD_SCORES];
  gboolean linear;                        /* the bounds are not monotone: test each */
} RankPlan;

typedef struct {
  RlScenario *sc;
  const double *ideal;
  const RankPlan *plan;
  guint64 count;
  guint64 *hist[RL_N_STANDARD_SCORES];    /* m + 1 each */
  GArray **near_scores[RL_N_STANDARD_SCORES];        /* per package, lazily */
  GByteArray **near_packages[RL_N_STANDARD_SCORES];
  double *u;
  double scores[RL_N_STANDARD_SCORES];
} RankMany;

static gpointer
rank_many_new (gpointer data)
{
  const RankMany *proto = data;
  RankMany *rm = g_new0 (RankMany, 1);
  rm->sc = proto->sc;
  rm->ideal = proto->ideal;
  rm->plan = proto->plan;
  guint m = proto->plan->m;
  for (guint k = 0; k < RL_N_STANDARD_SCORES; k++)
    {
      rm->hist[k] = g_new0 (guint64, m + 1);
      rm->near_scores[k] = g_new0 (GArray *, m + 1);
      rm->near_packages[k] = g_new0 (GByteArray *, m + 1);
    }
  rm->u = g_new0 (double, proto->sc->n_parties + 1);
  return rm;
}

static void
rank_many_free (RankMany *rm)
{
  for (guint k = 0; k < RL_N_STANDARD_SCORES; k++)
    {
      for (guint i = 0; i < rm->plan->m; i++)
        {
          if (rm->near_scores[k][i])
            g_array_unref (rm->near_scores[k][i]);
          if (rm->near_packages[k][i])
            g_byte_array_unref (rm->near_packages[k][i]);
        }
      g_free (rm->hist[k]);
      g_free (rm->near_scores[k]);
      g_free (rm->near_packages[k]);
    }
  g_free (rm->u);
  g_free (rm);
}

static void
rank_many_near (RankMany *rm, guint k, guint row, double s, const guint8 *package)
{
  if (!rm->near_scores[k][row])
    {
      rm->near_scores[k][row] = g_array_new (FALSE, FALSE, sizeof (double));
      rm->near_packages[k][row] = g_byte_array_new ();
    }
  g_array_append_val (rm->near_scores[k][row], s);
  g_byte_array_append (rm->near_packages[k][row], package, rm->sc->n_issues);
}

/* How many of @v[0..n) (nondecreasing) are below @s (@or_equal: at or below). */
static guint
count_below (const double *v, guint n, double s, gboolean or_equal)
{
  guint lo = 0, hi = n;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (v[mid] < s || (or_equal && v[mid] == s))
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static gboolean
rank_many_leaf (gpointer worker, const guint8 *package, const double *search_u)
{
  RankMany *rm = worker;
  const RankPlan *plan = rm->plan;
  (void) search_u;
  rl_canonical_utilities (rm->sc, package, rm->u);
  rl_scores_compute (rm->sc, rm->u, rm->ideal, rm->scores);
  rm->count++;
  for (guint k = 0; k < RL_N_STANDARD_SCORES; k++)
    {
      double s = rm->scores[k];
      if (plan->linear)
        {
          /* Linear: hist[k][i] counts, per sorted position, the leaves far above it. */
          for (guint i = 0; i < plan->m; i++)
            {
              if (s > plan->above[k][i])
                rm->hist[k][i]++;
              else if (s >= plan->below[k][i])
                rank_many_near (rm, k, plan->order[k][i], s, package);
            }
          continue;
        }
      /* Positions below j are far below s; those in [j, e) hold s in their band. */
      guint j = count_below (plan->above[k], plan->m, s, FALSE);
      guint e = count_below (plan->below[k], plan->m, s, TRUE);
      rm->hist[k][j]++;
      for (guint i = j; i < e; i++)
        rank_many_near (rm, k, plan->order[k][i], s, package);
    }
  return TRUE;
}

static void
rank_many_done (gpointer data, gpointer worker)
{
  RankMany *into = data, *from = worker;
  into->count += from->count;
  for (guint k = 0; k < RL_N_STANDARD_SCORES; k++)
    for (guint i = 0; i <= into->plan->m; i++)
      {
        into->hist[k][i] += from->hist[k][i];
        if (i < into->plan->m && from->near_scores[k][i])
          {
            GArray *fs = from->near_scores[k][i];
            GByteArray *fp = from->near_packages[k][i];
            if (!into->near_scores[k][i])
              {
                into->near_scores[k][i] = g_steal_pointer (&from->near_scores[k][i]);
                into->near_packages[k][i] = g_steal_pointer (&from->near_packages[k][i]);
              }
            else
              {
                g_array_append_vals (into->near_scores[k][i], fs->data, fs->len);
                g_byte_array_append (into->near_packages[k][i], fp->data, fp->len);
              }
          }
      }
  rank_many_free (from);
}

static int
by_score (const void *a, const void *b, void *data)
{
  const double *x = data;
  double p = x[*(const guint *) a], q = x[*(const guint *) b];
  return p < q ? -1 : (p > q ? 1 : 0);
}

static void
rank_plan_init (RankPlan *plan, RlEvaluation *const *evs, guint m)
{
  memset (plan, 0, sizeof *plan);
  plan->m = m;
  g_autofree double *x = g_new (double, m + 1);
  for (guint k = 0; k < RL_N_STANDARD_SCORES; k++)
    {
      plan->order[k] = g_new (guint, m + 1);
      plan->pos[k] = g_new (guint, m + 1);
      plan->above[k] = g_new (double, m + 1);
      plan->below[k] = g_new (double, m + 1);
      for (guint r = 0; r < m; r++)
        {
          x[r] = evs[r]->pkg.scores[k];
          plan->order[k][r] = r;
        }
      g_qsort_with_data (plan->order[k], (gint) m, sizeof (guint), by_score, x);
      for (guint i = 0; i < m; i++)
        {
          Band b;
          band_init (&b, x[plan->order[k][i]], FALSE);
          plan->above[k][i] = b.above;
          plan->below[k][i] = b.below;
          band_clear (&b);
          plan->pos[k][plan->order[k][i]] = i;
          if (i > 0 && (plan->above[k][i] < plan->above[k][i - 1]
                        || plan->below[k][i] < plan->below[k][i - 1]))
            plan->linear = TRUE;
        }
    }
}

static void
rank_plan_clear (RankPlan *plan)
{
  for (guint k = 0; k < RL_N_STANDARD_SCORES; k++)
    {
      g_free (plan->order[k]);
      g_free (plan->pos[k]);
      g_free (plan->above[k]);
      g_free (plan->below[k]);
    }
}

/* ---- dense bands ------------------------------------------------------------------ */

/* Ties chained across a whole band leave no anchor to count from: those
 * packages need everything above them. One
 * more pass keeps, per score, every package at or above the lowest band
 * of those packages, and each is ranked from its share of it. */
typedef struct {
  RlScenario *sc;
  const double *ideal;
  const double *threshold;     /* per score; +inf: no dense package */
  GArray *scores[RL_N_STANDARD_SCORES];
  GByteArray *packages[RL_N_STANDARD_SCORES];
  double *u;
  double s[RL_N_STANDARD_SCORES];
} Wide;

static gpointer
wide_new (gpointer data)
{
  const Wide *proto = data;
  Wide *w = g_new0 (Wide, 1);
  w->sc = proto->sc;
  w->ideal = proto->ideal;
  w->threshold = proto->threshold;
  for (guint k = 0; k < RL_N_STANDARD_SCORES; k++)
    {
      w->scores[k] = g_array_new (FALSE, FALSE, sizeof (double));
      w->packages[k] = g_byte_array_new ();
    }
  w->u = g_new0 (double, proto->sc->n_parties + 1);
  return w;
}

static void
wide_free (Wide *w)
{
  for (guint k = 0; k < RL_N_STANDARD_SCORES; k++)
    {
      g_array_unref (w->scores[k]);
      g_byte_array_unref (w->packages[k]);
    }
  g_free (w->u);
  g_free (w);
}

static gboolean
wide_leaf (gpointer worker, const guint8 *package, const double *search_u)
{
  Wide *w = worker;
  (void) search_u;
  rl_canonical_utilities (w->sc, package, w->u);
  rl_scores_compute (w->sc, w->u, w->ideal, w->s);
  for (guint k = 0; k < RL_N_STANDARD_SCORES; k++)
    if (w->s[k] >= w->threshold[k])
      {
        g_array_append_val (w->scores[k], w->s[k]);
        g_byte_array_append (w->packages[k], package, w->sc->n_issues);
      }
  return TRUE;
}

static void
wide_done (gpointer data, gpointer worker)
{
  Wide *into = data, *from = worker;
  for (guint k = 0; k < RL_N_STANDARD_SCORES; k++)
    {
      g_array_append_vals (into->scores[k], from->scores[k]->data, from->scores[k]->len);
      g_byte_array_append (into->packages[k], from->packages[k]->data, from->packages[k]->len);
    }
  wide_free (from);
}

static int
by_score_desc (gconstpointer a, gconstpointer b, gpointer data)
{
  const double *s = data;
  double x = s[*(const guint *) a], y = s[*(const guint *) b];
  return x > y ? -1 : (x < y ? 1 : 0);
}

static gboolean
rank_dense_many (RlEvaluation *const *evs, guint m, const RlProblem *pb, const RlRun *run,
                 const double *ideal)
{
  double threshold[RL_N_STANDARD_SCORES];
  gboolean any = FALSE;
  for (guint k = 0; k < RL_N_STANDARD_SCORES; k++)
    {
      threshold[k] = INFINITY;
      for (guint r = 0; r < m; r++)
        if (evs[r]->ranks[k] == 0)
          {
            Band b;
            band_init (&b, evs[r]->pkg.scores[k], TRUE);
            threshold[k] = MIN (threshold[k], b.below);
            band_clear (&b);
            any = TRUE;
          }
    }
  if (!any)
    return TRUE;
  RlScenario *sc = evs[0]->sc;
  g_debug ("evaluate: dense bands, one wide pass");
  Wide proto = { .sc = sc, .ideal = ideal, .threshold = threshold };
  Wide *all = wide_new (&proto);
  RlVisitor visitor = { .worker_new = wide_new, .leaf = wide_leaf, .worker_done = wide_done };
  gboolean timed_out = FALSE;
  rl_problem_visit (pb, run, &visitor, all, &timed_out);
  for (guint k = 0; !timed_out && k < RL_N_STANDARD_SCORES; k++)
    {
      guint n = all->scores[k]->len;
      if (n == 0)
        continue;
      const double *s = (const double *) (gpointer) all->scores[k]->data;
      const guint8 *pk = all->packages[k]->data;
      /* Sorted once for every dense package: the anchors are chosen from
       * the top down, so those of a package's band (everything at or
       * above its lower edge) are a prefix of these (rank_in_band()'s
       * wide case, shared). */
      g_autofree guint *order = g_new (guint, n);
      for (guint j = 0; j < n; j++)
        order[j] = j;
      g_qsort_with_data (order, (gint) n, sizeof (guint), by_score_desc, (gpointer) s);
      g_autofree double *anchors = g_new (double, n);
      g_autofree guint *group = g_new (guint, n);     /* per sorted position */
      guint n_anchors = 0;
      for (guint j = 0; j < n; j++)
        {
          double v = s[order[j]];
          if (n_anchors == 0 || (v != anchors[n_anchors - 1]
                                 && !rl_scores_tie ((RlScoreKind) k, anchors[n_anchors - 1], v)))
            anchors[n_anchors++] = v;
          group[j] = n_anchors - 1;
        }
      for (guint r = 0; r < m; r++)
        {
          RlEvaluation *ev = evs[r];
          if (ev->ranks[k] != 0)
            continue;
          Band b;
          band_init (&b, ev->pkg.scores[k], TRUE);
          /* Its group: the last anchor at or above its score. */
          guint lo = 0, hi = n_anchors;
          while (hi - lo > 1)
            {
              guint mid = (lo + hi) / 2;
              if (anchors[mid] >= b.x)
                lo = mid;
              else
                hi = mid;
            }
          /* Before it: every package of an earlier group, and those of its
           * own group within its band that come first by index. */
          guint first = 0, last = n;
          while (first < last)
            {
              guint mid = first + (last - first) / 2;
              if (group[mid] < lo)
                first = mid + 1;
              else
                last = mid;
            }
          guint64 before = first;
          for (guint j = first; j < n && group[j] == lo; j++)
            if (s[order[j]] >= b.below
                && memcmp (pk + (gsize) order[j] * sc->n_issues, ev->pkg.options, sc->n_issues) < 0)
              before++;
          ev->ranks[k] = before + 1;
          band_clear (&b);
        }
    }
  wide_free (all);
  return !timed_out;
}

/* The ranks of every acceptable package of @evs (m of them) in one pass;
 * those whose band is too dense, in one more (rank_dense_many()). */
static gboolean
compute_ranks_many (RlEvaluation *const *evs, guint m, const RlProblem *pb, const RlRun *run,
                    const double *ideal)
{
  if (m == 0)
    return TRUE;
  RlScenario *sc = evs[0]->sc;
  RankPlan plan;
  rank_plan_init (&plan, evs, m);
  RankMany proto = { .sc = sc, .ideal = ideal, .plan = &plan };
  RankMany *rm = rank_many_new (&proto);
  RlVisitor visitor = {
    .worker_new = rank_many_new,
    .leaf = rank_many_leaf,
    .worker_done = rank_many_done,
  };
  gboolean timed_out = FALSE;
  rl_problem_visit (pb, run, &visitor, rm, &timed_out);
  gboolean complete = !timed_out;

  for (guint k = 0; k < RL_N_STANDARD_SCORES; k++)
    {
      /* far[i]: leaves far above sorted position i. */
      g_autofree guint64 *far = g_new0 (guint64, m + 1);
      if (plan.linear)
        for (guint i = 0; i < m; i++)
          far[i] = rm->hist[k][i];
      else
        {
          guint64 sum = 0;
          for (guint i = m; i-- > 0;)
            {
              sum += rm->hist[k][i + 1];
              far[i] = sum;
            }
        }
      for (guint i = 0; i < m; i++)
        {
          guint r = plan.order[k][i];
          RlEvaluation *ev = evs[r];
          ev->n_acceptable = rm->count;
          if (!complete)
            {
              ev->ranks[k] = 0;
              continue;
            }
          Band b;
          band_init (&b, ev->pkg.scores[k], FALSE);
          b.n_far_above = far[i];
          if (rm->near_scores[k][r])
            {
              g_array_append_vals (b.near_scores, rm->near_scores[k][r]->data, rm->near_scores[k][r]->len);
              g_byte_array_append (b.near_packages, rm->near_packages[k][r]->data,
                                   rm->near_packages[k][r]->len);
            }
          ev->ranks[k] = rank_in_band ((RlScoreKind) k, &b, ev->pkg.options, sc->n_issues);
          band_clear (&b);
        }
    }
  rank_many_free (rm);
  rank_plan_clear (&plan);

  if (complete)
    complete = rank_dense_many (evs, m, pb, run, ideal);
  if (!complete)
    for (guint r = 0; r < m; r++)
      memset (evs[r]->ranks, 0, sizeof evs[r]->ranks);
  return complete;
}

/* ---- ideals and the dominating packages --------------------------------------------- */

typedef struct {
  RlScenario *sc;
  guint64 count;
  double *ideal;
  double *u;
  guint n;                     /* packages to find dominators for */
  double *const *x;            /* their utilities */
  const double *x_welfare;     /* and welfares */
  RlTopK **best;               /* per package: the dominator first by welfare */
  double *best_welfare;        /* per package: the welfare of that dominator so far */
} Sweep;

static gpointer
sweep_worker_new (gpointer data)
{
  const Sweep *proto = data;
  Sweep *sw = g_new0 (Sweep, 1);
  sw->sc = proto->sc;
  sw->n = proto->n;
  sw->x = proto->x;
  sw->x_welfare = proto->x_welfare;
  sw->ideal = g_new (double, proto->sc->n_parties + 1);
  for (guint p = 0; p < proto->sc->n_parties; p++)
    sw->ideal[p] = -INFINITY;
  sw->u = g_new0 (double, proto->sc->n_parties + 1);
  sw->best = g_new0 (RlTopK *, proto->n + 1);
  sw->best_welfare = g_new (double, proto->n + 1);
  for (guint r = 0; r < proto->n; r++)
    {
      sw->best[r] = rl_topk_new (RL_SCORE_WELFARE, 1, proto->sc->n_issues, 0);
      sw->best_welfare[r] = -INFINITY;
    }
  return sw;
}

static void
sweep_free (Sweep *sw)
{
  g_free (sw->ideal);
  g_free (sw->u);
  for (guint r = 0; r < sw->n; r++)
    rl_topk_free (sw->best[r]);
  g_free (sw->best);
  g_free (sw->best_welfare);
  g_free (sw);
}

static gboolean
sweep_leaf (gpointer worker, const guint8 *package, const double *search_u)
{
  Sweep *sw = worker;
  guint np = sw->sc->n_parties;
  (void) search_u;
  rl_canonical_utilities (sw->sc, package, sw->u);
  sw->count++;
  double welfare = 0;
  for (guint p = 0; p < np; p++)
    {
      sw->ideal[p] = MAX (sw->ideal[p], sw->u[p]);
      welfare += sw->u[p];
    }
  /* A dominator is within 1e-9 of x for every party: its welfare is at
   * least x's minus that much per party. */
  double slack = 1e-9 * (np + 1);
  for (guint r = 0; r < sw->n; r++)
    /* Clearly below the best dominator's welfare a package cannot replace
     * it; within the tie tolerance (twice rl_scores_tie()'s, for safety)
     * the heap's tie rule decides. */
    if (welfare >= sw->best_welfare[r] - 2 * MAX (RL_EPSILON, RL_EPSILON * fabs (sw->best_welfare[r]))
        && welfare >= sw->x_welfare[r] - slack
        && rl_dominates (sw->u, sw->x[r], np))
      {
        rl_topk_offer (sw->best[r], welfare, package, NULL);
        sw->best_welfare[r] = MAX (sw->best_welfare[r], welfare);
      }
  return TRUE;
}

static void
sweep_worker_done (gpointer data, gpointer worker)
{
  Sweep *into = data, *from = worker;
  into->count += from->count;
  for (guint p = 0; p < into->sc->n_parties; p++)
    into->ideal[p] = MAX (into->ideal[p], from->ideal[p]);
  for (guint r = 0; r < into->n; r++)
    rl_topk_merge (into->best[r], from->best[r]);
  sweep_free (from);
}

static gboolean
sweep (const RlProblem *pb, const RlRun *run, Sweep *sw)
{
  RlVisitor visitor = {
    .worker_new = sweep_worker_new,
    .leaf = sweep_leaf,
    .worker_done = sweep_worker_done,
  };
  gboolean timed_out = FALSE;
  rl_problem_visit (pb, run, &visitor, sw, &timed_out);
  return !timed_out;
}

static RlEvaluation *
evaluation_new (RlScenario *sc, const guint8 *package, gboolean ignore_batna)
{
  RlEvaluation *ev = g_new0 (RlEvaluation, 1);
  ev->sc = rl_scenario_ref (sc);
  ev->broken = g_ptr_array_new_with_free_func (g_free);
  ev->below_batna = g_array_new (FALSE, FALSE, sizeof (guint));
  rl_package_init (&ev->pkg, sc);
  rl_package_init (&ev->dominator, sc);
  rl_package_fill (&ev->pkg, sc, package, FALSE, NULL);
  check_rules (ev, package, ignore_batna);
  return ev;
}

RlEvaluation **
rl_evaluate_many (RlScenario *sc, const guint8 *const *packages, guint n,
                  const RlSolveOptions *opts, GError **error)
{
  g_return_val_if_fail (sc != NULL && (packages != NULL || n == 0), NULL);
  if (!sc->space_fits)
    {
      g_autofree char *about = rl_scenario_format_space (sc, 3);
      g_set_error (error, RL_ERROR, RL_ERROR_TOO_LARGE,
                   "the package space (about %s packages) is too large to rank a package in",
                   about);
      return NULL;
    }
  for (guint r = 0; r < n; r++)
    for (guint i = 0; i < sc->n_issues; i++)
      g_return_val_if_fail (packages[r][i] < sc->issues[i].n_options, NULL);

  gboolean ignore_batna = opts && (opts->flags & RL_SOLVE_IGNORE_BATNA);
  RlEvaluation **evs = g_new0 (RlEvaluation *, n + 1);
  for (guint r = 0; r < n; r++)
    evs[r] = evaluation_new (sc, packages[r], ignore_batna);

  /* No progress reports: the searches are two, whatever n. */
  RlRun run = rl_run_init (NULL, rl_deadline_from_run (opts ? &opts->run : NULL));
  run.n_threads = opts ? opts->run.n_threads : 0;

  /* Ideals and dominators in one sweep over the acceptable packages. */
  RlProblem *pb = rl_problem_new_batna (sc, ignore_batna);
  Sweep sw = { .sc = sc, .n = n };
  g_autofree double **x = g_new0 (double *, n + 1);
  g_autofree double *x_welfare = g_new0 (double, n + 1);
  for (guint r = 0; r < n; r++)
    {
      x[r] = evs[r]->pkg.utilities;
      for (guint p = 0; p < sc->n_parties; p++)
        x_welfare[r] += x[r][p];
    }
  sw.x = x;
  sw.x_welfare = x_welfare;
  Sweep *into = sweep_worker_new (&sw);
  gboolean complete = sweep (pb, &run, into);

  g_autofree RlEvaluation **acceptable = g_new0 (RlEvaluation *, n + 1);
  guint m = 0;
  /* Dominators' pareto flags, by index: many packages share a dominator. */
  g_autoptr (GHashTable) flags = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint r = 0; r < n; r++)
    {
      RlEvaluation *ev = evs[r];
      ev->n_acceptable = into->count;
      ev->complete = complete;
      if (rl_topk_finish (into->best[r]) > 0)
        {
          ev->has_dominator = TRUE;
          rl_package_fill (&ev->dominator, sc, rl_topk_get_package (into->best[r], 0), TRUE,
                           into->ideal);
          gpointer flag;
          if (g_hash_table_lookup_extended (flags, &ev->dominator.index, NULL, &flag))
            ev->dominator.pareto = GPOINTER_TO_INT (flag);
          else
            {
              /* After the deadline a search would only build its tables. */
              gboolean unknown = rl_deadline_passed (run.deadline);
              if (!unknown)
                ev->dominator.pareto = !rl_find_dominator (sc, ignore_batna, ev->dominator.utilities,
                                                           run.deadline, &unknown);
              if (unknown)
                {
                  ev->complete = FALSE;
                  ev->dominator_pareto_unknown = TRUE;
                }
              else
                g_hash_table_insert (flags, g_memdup2 (&ev->dominator.index, sizeof (gint64)),
                                     GINT_TO_POINTER (ev->dominator.pareto));
            }
        }
      if (ev->acceptable)
        {
          rl_package_fill (&ev->pkg, sc, packages[r], TRUE, into->ideal);
          /* Kalai needs the ideals: from a cut sweep they are too low. */
          if (!complete)
            ev->pkg.has_kalai = FALSE;
          /* Not dominated by any package the cut sweep saw: not known. */
          ev->pkg.pareto = !ev->has_dominator;
          ev->pareto_unknown = !complete && !ev->has_dominator;
          acceptable[m++] = ev;
        }
    }
  gboolean ranked = compute_ranks_many (acceptable, m, pb, &run, into->ideal);
  for (guint k = 0; k < m; k++)
    acceptable[k]->complete = acceptable[k]->complete && ranked;
  sweep_free (into);
  rl_problem_free (pb);
  return evs;
}

RlEvaluation *
rl_evaluate (RlScenario *sc, const guint8 *package, const RlSolveOptions *opts, GError **error)
{
  g_return_val_if_fail (sc != NULL && package != NULL, NULL);
  RlEvaluation **evs = rl_evaluate_many (sc, &package, 1, opts, error);
  if (!evs)
    return NULL;
  RlEvaluation *ev = evs[0];
  g_free (evs);
  return ev;
}
