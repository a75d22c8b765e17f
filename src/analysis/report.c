/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * report.c: the report model (report.h): every search a report needs, run
 * once, and what the writers print of it, computed here so that they do
 * not. The brief model is at the end.
 */
#include "analysis/report-private.h"
#include "model/scenario-internals.h"
#include "engine/run.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <redline/error.h>
#include <redline/explain.h>
#include <redline/whatif.h>

void
rl_report_options_init (RlReportOptions *opts)
{
  memset (opts, 0, sizeof *opts);
  opts->rank = (RlRank){ RL_SCORE_NASH, 0 };
  opts->top = 10;
  opts->axis_x = -1;
  opts->axis_y = -1;
  opts->max_dots = RL_REPORT_MAX_DOTS;
  opts->cells = 40;
  opts->sensitivity_samples = 1000;
  opts->sensitivity_margins = TRUE;
}

static void
chart_clear (RlReportChart *c)
{
  g_clear_pointer (&c->frontier_order, g_free);
  g_clear_pointer (&c->density, g_free);
  g_clear_pointer (&c->pareto_density, g_free);
  g_clear_pointer (&c->pair_frontier, g_free);
  g_clear_pointer (&c->pair_frontier_index, g_free);
}

static void
marker_clear (gpointer data)
{
  RlReportMarker *m = data;
  g_free (m->label);
  g_free (m->utilities);
}

void
rl_report_free (RlReport *r)
{
  if (r == NULL)
    return;
  for (guint k = 0; k < RL_N_STANDARD_SCORES; k++)
    {
      if (r->by_score[k] && r->by_score[k] != r->result)
        rl_result_free (r->by_score[k]);
      g_free (r->sq_gain[k]);
    }
  g_clear_pointer (&r->result, rl_result_free);
  g_free (r->dot_index);
  g_free (r->dot_u);
  g_free (r->dot_pareto);
  g_free (r->near_u);
  chart_clear (&r->main);
  for (guint k = 0; k < r->n_pairs; k++)
    chart_clear (&r->pairs[k]);
  g_free (r->pairs);
  g_free (r->axis_lo);
  g_free (r->axis_hi);
  g_free (r->parallel_lines);
  g_clear_pointer (&r->status_quo, rl_evaluation_free);
  g_clear_pointer (&r->explanation, rl_explanation_free);
  g_free (r->explain_error);
  g_clear_pointer (&r->comparison, rl_comparison_free);
  g_clear_pointer (&r->simulation, rl_simulation_free);
  g_free (r->simulation_error);
  g_clear_pointer (&r->stability, rl_stability_free);
  g_free (r->stability_error);
  g_clear_pointer (&r->sensitivity, rl_sensitivity_free);
  g_free (r->sensitivity_error);
  g_clear_pointer (&r->markers, g_array_unref);
  g_clear_pointer (&r->sc, rl_scenario_unref);
  g_free (r);
}

RlScenario *
rl_report_get_scenario (const RlReport *r)
{
  return r->sc;
}

gboolean
rl_report_is_complete (const RlReport *r)
{
  return r->complete;
}

const RlResult *
rl_report_get_result (const RlReport *r)
{
  return r->result;
}

const RlReportOptions *
rl_report_get_options (const RlReport *r)
{
  return &r->opts;
}

const RlResult *
rl_report_get_result_by_score (const RlReport *r, RlScoreKind kind)
{
  g_return_val_if_fail ((guint) kind < RL_N_STANDARD_SCORES, NULL);
  return r->by_score[kind];
}

int
rl_report_get_same_as (const RlReport *r, RlScoreKind kind)
{
  g_return_val_if_fail ((guint) kind < RL_N_STANDARD_SCORES, -1);
  return r->same_as[kind];
}

const RlReportChart *
rl_report_get_main_chart (const RlReport *r)
{
  return &r->main;
}

guint
rl_report_get_n_pair_charts (const RlReport *r)
{
  return r->n_pairs;
}

const RlReportChart *
rl_report_get_pair_chart (const RlReport *r, guint k)
{
  g_return_val_if_fail (k < r->n_pairs, NULL);
  return &r->pairs[k];
}

gboolean
rl_report_has_parallel_chart (const RlReport *r)
{
  return r->parallel;
}

void
rl_report_get_parallel_extent (const RlReport *r, guint p, double *lo, double *hi)
{
  g_return_if_fail (r->axis_lo != NULL && p < rl_scenario_get_n_parties (r->sc));
  *lo = r->axis_lo[p];
  *hi = r->axis_hi[p];
}

gboolean
rl_report_is_dense (const RlReport *r)
{
  return r->dense;
}

gboolean
rl_report_is_pareto_dense (const RlReport *r)
{
  return r->pareto_dense;
}

guint
rl_report_get_n_parallel_lines (const RlReport *r)
{
  return r->n_parallel;
}

const RlPackage *
rl_report_get_parallel_line (const RlReport *r, guint k)
{
  g_return_val_if_fail (k < r->n_parallel, NULL);
  return rl_result_get_frontier (r->result, r->parallel_lines[k]);
}

guint
rl_report_get_cells (const RlReport *r)
{
  return r->cells;
}

guint
rl_report_get_n_dots (const RlReport *r)
{
  return r->dense ? 0 : r->n_dots;
}

const double *
rl_report_get_dot (const RlReport *r, guint d, guint64 *index)
{
  g_return_val_if_fail (d < r->n_dots, NULL);
  if (index)
    *index = r->dot_index[d];
  return r->dot_u + (gsize) d * rl_scenario_get_n_parties (r->sc);
}

guint
rl_report_get_n_near (const RlReport *r)
{
  return r->n_near;
}

const double *
rl_report_get_near (const RlReport *r, guint d)
{
  g_return_val_if_fail (d < r->n_near, NULL);
  return r->near_u + (gsize) d * rl_scenario_get_n_parties (r->sc);
}

const RlEvaluation *
rl_report_get_status_quo (const RlReport *r)
{
  return r->status_quo;
}

const double *
rl_report_get_status_quo_gain (const RlReport *r, RlScoreKind kind)
{
  g_return_val_if_fail ((guint) kind < RL_N_STANDARD_SCORES, NULL);
  return r->sq_gain[kind];
}

const RlExplanation *
rl_report_get_explanation (const RlReport *r)
{
  return r->explanation;
}

const char *
rl_report_get_explain_error (const RlReport *r)
{
  return r->explain_error;
}

const RlComparison *
rl_report_get_comparison (const RlReport *r)
{
  return r->comparison;
}

const RlSimulation *
rl_report_get_simulation (const RlReport *r)
{
  return r->simulation;
}

const char *
rl_report_get_simulation_error (const RlReport *r)
{
  return r->simulation_error;
}

guint
rl_report_get_n_markers (const RlReport *r)
{
  return r->markers->len;
}

const RlReportMarker *
rl_report_get_marker (const RlReport *r, guint m)
{
  g_return_val_if_fail (m < r->markers->len, NULL);
  return &g_array_index (r->markers, RlReportMarker, m);
}

/* ---- Chart extents ------------------------------------------------------------ */

static void
extent_init (RlReportChart *c)
{
  c->x_lo = c->y_lo = INFINITY;
  c->x_hi = c->y_hi = -INFINITY;
}

static void
extent_add (double *lo, double *hi, double v)
{
  if (!isfinite (v))
    return;
  *lo = MIN (*lo, v);
  *hi = MAX (*hi, v);
}

void
rl_report_chart_include (RlReportChart *c, const double *u)
{
  extent_add (&c->x_lo, &c->x_hi, u[c->x]);
  extent_add (&c->y_lo, &c->y_hi, u[c->y]);
}

/* An empty extent becomes [0, 1]; a single value gets room around it. */
static void
extent_finish (double *lo, double *hi)
{
  if (!(*lo <= *hi))
    {
      *lo = 0;
      *hi = 1;
    }
}

/* ---- Collecting the acceptable packages ------------------------------------------ */

/* The lowest utility party @p can have: every issue at its worst option
 * and every negative bonus (an observer's axis has no BATNA to stop at). */
static double
utility_floor (const RlScenario *sc, guint p)
{
  double lo = 0;
  for (guint i = 0; i < rl_scenario_get_n_issues (sc); i++)
    {
      double w = rl_scenario_get_party_weight (sc, p, i);
      if (w <= 0)
        continue;
      double worst = INFINITY;
      for (guint k = 0; k < rl_scenario_get_n_options (sc, i); k++)
        worst = MIN (worst, rl_scenario_get_party_value (sc, p, i, k));
      lo += w * worst;
    }
  for (guint b = 0; b < rl_scenario_get_n_bonuses (sc, p); b++)
    lo += MIN (0, rl_scenario_get_bonus_value (sc, p, b));
  return lo;
}

typedef struct {
  RlReport *r;
  GArray *index;      /* guint64 */
  GArray *u;          /* double, n_parties per package */
  GArray *pareto;     /* gboolean */
  double *lo, *hi;    /* per party: the density layer's extent */
  GArray **front;     /* per chart: FrontPoint, the pair's frontier so far */
} Collect;

typedef struct {
  double x, y;
  guint64 index;
} FrontPoint;

/* Keeps @front the points no other beats on both axes: a point another
 * equals or beats is dropped, and a new point drops those it beats. A
 * frontier of two axes stays short, so a scan is enough. */
static void
front_add (GArray *front, double x, double y, guint64 index)
{
  for (guint k = 0; k < front->len; k++)
    {
      FrontPoint *q = &g_array_index (front, FrontPoint, k);
      if (q->x == x && q->y == y)
        {
          q->index = MIN (q->index, index);
          return;
        }
      if (q->x >= x && q->y >= y)
        return;
    }
  for (guint k = front->len; k-- > 0;)
    {
      FrontPoint *q = &g_array_index (front, FrontPoint, k);
      if (x >= q->x && y >= q->y)
        g_array_remove_index_fast (front, k);
    }
  FrontPoint p = { x, y, index };
  g_array_append_val (front, p);
}

static int
front_cmp (gconstpointer a, gconstpointer b)
{
  const FrontPoint *pa = a, *pb = b;
  if (pa->x != pb->x)
    return pa->x < pb->x ? -1 : 1;
  return pa->y > pb->y ? -1 : pa->y < pb->y;
}

static RlReportChart *
chart_at (RlReport *r, guint k)
{
  return k == 0 ? &r->main : &r->pairs[k - 1];
}

/* Counts the point @u of chart @c in its cell of @grid (n x n over the
 * chart's density extent); returns the cell's new count. */
static guint64
cell_add (const RlReportChart *c, guint n, guint64 *grid, const double *u)
{
  double fx = (u[c->x] - c->dx_lo) / (c->dx_hi - c->dx_lo);
  double fy = (u[c->y] - c->dy_lo) / (c->dy_hi - c->dy_lo);
  guint cx = (guint) CLAMP (isfinite (fx) ? fx * n : 0, 0, n - 1);
  guint cy = (guint) CLAMP (isfinite (fy) ? fy * n : 0, 0, n - 1);
  return ++grid[cy * n + cx];
}

static void
density_add (RlReport *r, RlReportChart *c, const double *u)
{
  guint64 v = cell_add (c, r->cells, c->density, u);
  c->density_max = MAX (c->density_max, v);
}

/* Too many packages for dots: from now on each chart counts them in
 * cells over the widest extent they can have, and the dots so far are
 * counted too. */
static void
go_dense (Collect *col)
{
  RlReport *r = col->r;
  RlScenario *sc = r->sc;
  guint np = rl_scenario_get_n_parties (sc);
  r->dense = TRUE;
  for (guint k = 0; k <= r->n_pairs; k++)
    {
      RlReportChart *c = chart_at (r, k);
      c->dx_lo = col->lo[c->x];
      c->dx_hi = col->hi[c->x];
      c->dy_lo = col->lo[c->y];
      c->dy_hi = col->hi[c->y];
      if (!(c->dx_hi > c->dx_lo))
        c->dx_hi = c->dx_lo + 1e-6;
      if (!(c->dy_hi > c->dy_lo))
        c->dy_hi = c->dy_lo + 1e-6;
      c->density = g_new0 (guint64, (gsize) r->cells * r->cells);
      for (guint d = 0; d < col->index->len; d++)
        density_add (r, c, &g_array_index (col->u, double, (gsize) d * np));
    }
  g_array_set_size (col->index, 0);
  g_array_set_size (col->u, 0);
  g_array_set_size (col->pareto, 0);
}

static gboolean
collect_package (const RlPackage *pkg, gpointer data)
{
  Collect *col = data;
  RlReport *r = col->r;
  guint np = rl_scenario_get_n_parties (r->sc);
  for (guint k = 0; k <= r->n_pairs; k++)
    {
      const RlReportChart *c = chart_at (r, k);
      front_add (col->front[k], pkg->utilities[c->x], pkg->utilities[c->y], pkg->index);
    }
  if (!r->dense && col->index->len >= r->opts.max_dots)
    go_dense (col);
  if (r->dense)
    {
      for (guint k = 0; k <= r->n_pairs; k++)
        density_add (r, chart_at (r, k), pkg->utilities);
      return TRUE;
    }
  g_array_append_val (col->index, pkg->index);
  g_array_append_vals (col->u, pkg->utilities, np);
  g_array_append_val (col->pareto, pkg->pareto);
  return TRUE;
}

/* ---- The charts -------------------------------------------------------------------- */

typedef struct {
  const RlResult *res;
  guint x, y;
} FrontierSort;

static int
frontier_cmp (gconstpointer a, gconstpointer b, gpointer data)
{
  const FrontierSort *fs = data;
  const RlPackage *pa = rl_result_get_frontier (fs->res, *(const guint *) a);
  const RlPackage *pb = rl_result_get_frontier (fs->res, *(const guint *) b);
  double xa = pa->utilities[fs->x], xb = pb->utilities[fs->x];
  if (xa != xb)
    return xa < xb ? -1 : 1;
  double ya = pa->utilities[fs->y], yb = pb->utilities[fs->y];
  if (ya != yb)
    return ya > yb ? -1 : 1;
  return pa->index < pb->index ? -1 : pa->index > pb->index;
}

static void
chart_frontier (RlReport *r, RlReportChart *c)
{
  guint n = rl_result_get_n_frontier (r->result);
  c->frontier_order = g_new (guint, n + 1);
  for (guint k = 0; k < n; k++)
    c->frontier_order[k] = k;
  FrontierSort fs = { r->result, c->x, c->y };
  g_qsort_with_data (c->frontier_order, (gint) n, sizeof (guint), frontier_cmp, &fs);
}

/* The extent of a chart: dots (or the density layer's cells, set by
 * go_dense()), the frontier, the BATNAs of veto parties on its axes, the
 * status quo and every marker. */
static void
chart_extent (RlReport *r, RlReportChart *c)
{
  RlScenario *sc = r->sc;
  guint np = rl_scenario_get_n_parties (sc);
  extent_init (c);
  if (r->dense)
    {
      extent_add (&c->x_lo, &c->x_hi, c->dx_lo);
      extent_add (&c->x_lo, &c->x_hi, c->dx_hi);
      extent_add (&c->y_lo, &c->y_hi, c->dy_lo);
      extent_add (&c->y_lo, &c->y_hi, c->dy_hi);
    }
  for (guint d = 0; d < r->n_dots; d++)
    rl_report_chart_include (c, r->dot_u + (gsize) d * np);
  for (guint d = 0; d < r->n_near; d++)
    rl_report_chart_include (c, r->near_u + (gsize) d * np);
  for (guint k = 0; k < rl_result_get_n_frontier (r->result); k++)
    rl_report_chart_include (c, rl_result_get_frontier (r->result, k)->utilities);
  if (rl_scenario_party_is_veto (sc, c->x))
    extent_add (&c->x_lo, &c->x_hi, rl_scenario_get_party_batna (sc, c->x));
  if (rl_scenario_party_is_veto (sc, c->y))
    extent_add (&c->y_lo, &c->y_hi, rl_scenario_get_party_batna (sc, c->y));
  if (r->status_quo)
    rl_report_chart_include (c, rl_evaluation_get_package (r->status_quo)->utilities);
  extent_finish (&c->x_lo, &c->x_hi);
  extent_finish (&c->y_lo, &c->y_hi);
}

static gboolean
resolve_axes (RlReport *r, GError **error)
{
  RlScenario *sc = r->sc;
  guint np = rl_scenario_get_n_parties (sc);
  int x = r->opts.axis_x, y = r->opts.axis_y;
  if (x < 0 || y < 0)
    {
      int first = -1, second = -1;
      for (guint p = 0; p < np; p++)
        if (rl_scenario_party_is_veto (sc, p))
          {
            if (first < 0)
              first = (int) p;
            else if (second < 0)
              second = (int) p;
          }
      if (second < 0)   /* one veto party: pair it with the first other party */
        for (guint p = 0; p < np && second < 0; p++)
          if ((int) p != first)
            second = (int) p;
      x = first;
      y = second < 0 ? first : second;
    }
  if (x < 0 || (guint) x >= np || y < 0 || (guint) y >= np)
    {
      g_set_error (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT,
                   "the chart's axes name no party: positions %d and %d, of %u parties", x, y, np);
      return FALSE;
    }
  if (x == y && np > 1)
    {
      g_set_error (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT,
                   "the chart's axes must be two different parties, not '%s' twice",
                   rl_scenario_get_party_id (sc, (guint) x));
      return FALSE;
    }
  r->main.x = (guint) x;
  r->main.y = (guint) y;

  guint nv = rl_scenario_get_n_veto_parties (sc);
  if (nv > 2 && nv <= RL_REPORT_MAX_PAIR_PARTIES)
    {
      r->n_pairs = nv * (nv - 1) / 2;
      r->pairs = g_new0 (RlReportChart, r->n_pairs);
      guint k = 0;
      for (guint a = 0; a < np; a++)
        for (guint b = a + 1; b < np; b++)
          if (rl_scenario_party_is_veto (sc, a) && rl_scenario_party_is_veto (sc, b))
            r->pairs[k++] = (RlReportChart){ .x = a, .y = b };
    }
  r->parallel = nv > RL_REPORT_MAX_PAIR_PARTIES;
  return TRUE;
}

/* ---- The searches ------------------------------------------------------------------ */

static RlSolveOptions
solve_options (const RlReport *r, RlRank rank, RlSolveFlags flags)
{
  RlSolveOptions so;
  rl_solve_options_init (&so);
  so.rank = rank;
  so.top = r->opts.top;
  so.flags = flags;
  so.run = r->opts.run;
  return so;
}

static gboolean
run_solves (RlReport *r, GError **error)
{
  RlSolveOptions so = solve_options (r, r->opts.rank, RL_SOLVE_FRONTIER);
  r->result = rl_solve (r->sc, &so, error);
  if (!r->result)
    return FALSE;
  r->complete = r->complete && rl_result_is_complete (r->result);

  for (guint k = 0; k < RL_N_STANDARD_SCORES; k++)
    {
      if (r->opts.rank.kind == (RlScoreKind) k)
        {
          r->by_score[k] = r->result;
          continue;
        }
      RlSolveOptions sk = solve_options (r, (RlRank){ (RlScoreKind) k, 0 }, RL_SOLVE_DEFAULT);
      r->by_score[k] = rl_solve (r->sc, &sk, error);
      if (!r->by_score[k])
        return FALSE;
      r->complete = r->complete && rl_result_is_complete (r->by_score[k]);
    }
  /* Which scores choose the same package. */
  for (guint k = 0; k < RL_N_STANDARD_SCORES; k++)
    {
      r->same_as[k] = -1;
      if (rl_result_get_n_top (r->by_score[k]) == 0)
        continue;
      const RlPackage *mine = rl_result_get_top (r->by_score[k], 0);
      r->same_as[k] = (int) k;
      for (guint j = 0; j < k; j++)
        if (rl_result_get_n_top (r->by_score[j]) > 0
            && rl_scenario_compare_packages (r->sc, mine->options,
                                             rl_result_get_top (r->by_score[j], 0)->options) == 0)
          {
            r->same_as[k] = (int) j;
            break;
          }
    }
  return TRUE;
}

static gboolean
run_dots (RlReport *r, GError **error)
{
  RlScenario *sc = r->sc;
  guint np = rl_scenario_get_n_parties (sc);
  RlCounts counts;
  if (!rl_result_get_counts (r->result, &counts) || counts.acceptable == 0)
    return TRUE;

  Collect col = { r, g_array_new (FALSE, FALSE, sizeof (guint64)),
                  g_array_new (FALSE, FALSE, sizeof (double)),
                  g_array_new (FALSE, FALSE, sizeof (gboolean)),
                  g_new (double, np), g_new (double, np), g_new (GArray *, r->n_pairs + 1) };
  for (guint k = 0; k <= r->n_pairs; k++)
    col.front[k] = g_array_new (FALSE, FALSE, sizeof (FrontPoint));
  for (guint p = 0; p < np; p++)
    {
      double ideal = 1;
      rl_result_get_ideal (r->result, p, &ideal);
      col.hi[p] = ideal;
      col.lo[p] = rl_scenario_party_is_veto (sc, p) ? rl_scenario_get_party_batna (sc, p)
                                                     : utility_floor (sc, p);
      col.lo[p] = MIN (col.lo[p], col.hi[p]);
    }
  RlSolveOptions so = solve_options (r, r->opts.rank, RL_SOLVE_DEFAULT);
  gboolean stopped = FALSE;
  gboolean ok = rl_solve_each (sc, &so, 0, collect_package, &col, &stopped, error);
  if (ok)
    {
      r->complete = r->complete && !stopped;
      r->n_dots = col.index->len;
      r->dot_index = (guint64 *) (void *) g_array_free (col.index, FALSE);
      r->dot_u = (double *) (void *) g_array_free (col.u, FALSE);
      r->dot_pareto = (gboolean *) (void *) g_array_free (col.pareto, FALSE);
    }
  else
    {
      g_array_free (col.index, TRUE);
      g_array_free (col.u, TRUE);
      g_array_free (col.pareto, TRUE);
    }
  for (guint k = 0; k <= r->n_pairs; k++)
    {
      RlReportChart *c = chart_at (r, k);
      GArray *front = col.front[k];
      g_array_sort (front, front_cmp);
      c->n_pair_frontier = ok ? front->len : 0;
      c->pair_frontier = g_new (double, 2 * (gsize) c->n_pair_frontier + 1);
      c->pair_frontier_index = g_new (guint64, c->n_pair_frontier + 1);
      for (guint j = 0; j < c->n_pair_frontier; j++)
        {
          const FrontPoint *q = &g_array_index (front, FrontPoint, j);
          c->pair_frontier[2 * j] = q->x;
          c->pair_frontier[2 * j + 1] = q->y;
          c->pair_frontier_index[j] = q->index;
        }
      g_array_free (front, TRUE);
    }
  g_free (col.front);
  g_free (col.lo);
  g_free (col.hi);
  return ok;
}

typedef struct {
  RlScenario *sc;
  GArray *u;
} Near;

static gboolean
collect_near (const RlPackage *pkg, gpointer data)
{
  Near *near = data;
  RlScenario *sc = near->sc;
  guint np = rl_scenario_get_n_parties (sc);
  gboolean below = FALSE;
  for (guint p = 0; p < np && !below; p++)
    below = rl_scenario_party_is_veto (sc, p)
            && pkg->utilities[p] < rl_scenario_get_party_batna (sc, p) - RL_EPSILON;
  if (below)
    g_array_append_vals (near->u, pkg->utilities, np);
  return TRUE;
}

/* The compatible packages that some BATNA rules out: where the zone of
 * agreement would be without the BATNAs, drawn faintly for context. */
static gboolean
run_near (RlReport *r, GError **error)
{
  RlCounts counts;
  if (r->dense || !rl_result_get_counts (r->result, &counts)
      || counts.compatible == counts.acceptable
      || counts.compatible - counts.acceptable > r->opts.max_dots)
    return TRUE;
  Near near = { r->sc, g_array_new (FALSE, FALSE, sizeof (double)) };
  RlSolveOptions so = solve_options (r, r->opts.rank, RL_SOLVE_IGNORE_BATNA);
  so.run.progress = NULL;
  gboolean stopped = FALSE;
  gboolean ok = rl_solve_each (r->sc, &so, 0, collect_near, &near, &stopped, error);
  guint np = rl_scenario_get_n_parties (r->sc);
  r->n_near = ok ? near.u->len / np : 0;
  r->near_u = (double *) (void *) g_array_free (near.u, !ok);
  return ok;
}

/* The zone of agreement, when it is a speck of the chart: the extent of
 * the acceptable packages (dots only: a density layer means many). */
static void
chart_zone (RlReport *r, RlReportChart *c)
{
  guint np = rl_scenario_get_n_parties (r->sc);
  if (r->dense || r->n_dots == 0)
    return;
  c->zx_lo = c->zy_lo = INFINITY;
  c->zx_hi = c->zy_hi = -INFINITY;
  for (guint d = 0; d < r->n_dots; d++)
    {
      const double *u = r->dot_u + (gsize) d * np;
      extent_add (&c->zx_lo, &c->zx_hi, u[c->x]);
      extent_add (&c->zy_lo, &c->zy_hi, u[c->y]);
    }
  c->zoom = c->zx_hi - c->zx_lo < 0.2 * (c->x_hi - c->x_lo)
            && c->zy_hi - c->zy_lo < 0.2 * (c->y_hi - c->y_lo);
}

/* Too many Pareto-optimal packages for points: counted in the cells of
 * the acceptable density layer, or, without one, cells over the chart. */
static void
chart_pareto_density (RlReport *r, RlReportChart *c)
{
  guint nf = rl_result_get_n_frontier (r->result), n = r->cells;
  if (!c->density)
    {
      c->dx_lo = c->x_lo;
      c->dx_hi = c->x_hi > c->x_lo ? c->x_hi : c->x_lo + 1e-6;
      c->dy_lo = c->y_lo;
      c->dy_hi = c->y_hi > c->y_lo ? c->y_hi : c->y_lo + 1e-6;
    }
  c->pareto_density = g_new0 (guint64, (gsize) n * n);
  for (guint k = 0; k < nf; k++)
    {
      guint64 v = cell_add (c, n, c->pareto_density, rl_result_get_frontier (r->result, k)->utilities);
      c->pareto_density_max = MAX (c->pareto_density_max, v);
    }
}

/* The parallel chart's lines: every Pareto-optimal package, or an even
 * sample of them (the frontier's own order, first and last kept). */
static void
run_parallel_sample (RlReport *r)
{
  guint nf = rl_result_get_n_frontier (r->result);
  r->n_parallel = MIN (nf, RL_REPORT_MAX_PARALLEL_LINES);
  r->parallel_lines = g_new (guint, r->n_parallel + 1);
  for (guint k = 0; k < r->n_parallel; k++)
    r->parallel_lines[k] = r->n_parallel < 2 ? k
                           : (guint) ((guint64) k * (nf - 1) / (r->n_parallel - 1));
}

static void
run_parallel_extent (RlReport *r)
{
  RlScenario *sc = r->sc;
  guint np = rl_scenario_get_n_parties (sc);
  r->axis_lo = g_new (double, np);
  r->axis_hi = g_new (double, np);
  for (guint p = 0; p < np; p++)
    {
      r->axis_lo[p] = INFINITY;
      r->axis_hi[p] = -INFINITY;
      if (rl_scenario_party_is_veto (sc, p))
        extent_add (&r->axis_lo[p], &r->axis_hi[p], rl_scenario_get_party_batna (sc, p));
      for (guint k = 0; k < rl_result_get_n_frontier (r->result); k++)
        extent_add (&r->axis_lo[p], &r->axis_hi[p],
                    rl_result_get_frontier (r->result, k)->utilities[p]);
      /* The top packages, drawn over the frontier (a durability rank's
       * need not be on it). */
      for (guint k = 0; k < rl_result_get_n_top (r->result); k++)
        extent_add (&r->axis_lo[p], &r->axis_hi[p], rl_result_get_top (r->result, k)->utilities[p]);
      extent_finish (&r->axis_lo[p], &r->axis_hi[p]);
    }
}

static gboolean
run_status_quo (RlReport *r, GError **error)
{
  const guint8 *sq = rl_scenario_get_status_quo (r->sc);
  if (sq == NULL)
    return TRUE;
  RlSolveOptions so = solve_options (r, r->opts.rank, RL_SOLVE_DEFAULT);
  r->status_quo = rl_evaluate (r->sc, sq, &so, error);
  if (!r->status_quo)
    return FALSE;
  r->complete = r->complete && rl_evaluation_is_complete (r->status_quo);
  guint np = rl_scenario_get_n_parties (r->sc);
  const double *u0 = rl_evaluation_get_package (r->status_quo)->utilities;
  for (guint k = 0; k < RL_N_STANDARD_SCORES; k++)
    {
      if (rl_result_get_n_top (r->by_score[k]) == 0)
        continue;
      const double *u = rl_result_get_top (r->by_score[k], 0)->utilities;
      r->sq_gain[k] = g_new (double, np);
      for (guint p = 0; p < np; p++)
        r->sq_gain[k][p] = u[p] - u0[p];
    }
  return TRUE;
}

static void
run_explain (RlReport *r)
{
  RlExplainOptions eo;
  rl_explain_options_init (&eo);
  eo.rank = r->opts.rank.kind == RL_SCORE_DURABILITY ? (RlRank){ RL_SCORE_NASH, 0 } : r->opts.rank;
  double explain_default = eo.run.timeout;
  eo.run = r->opts.run;
  if (!r->has_deadline)
    eo.run.timeout = explain_default;
  g_autoptr (GError) error = NULL;
  r->explanation = rl_explain (r->sc, &eo, &error);
  if (!r->explanation)
    r->explain_error = g_strdup (error->message);
  else
    /* Whichever limit stopped it (the caller's or explain's own), a
     * section that did not finish makes the report incomplete: its
     * counts are then bounds or unknown, never findings (issue 20). */
    r->complete = r->complete && rl_explanation_is_complete (r->explanation);
}

static gboolean
run_comparison (RlReport *r, GError **error)
{
  RlScenario *base = r->opts.base;
  if (base == NULL || base == r->sc)
    return TRUE;
  RlSolveOptions so = solve_options (r, r->opts.rank, RL_SOLVE_DEFAULT);
  RlSolveOptions sb = so;
  so.top = sb.top = MAX (so.top, 1);
  if (so.rank.kind == RL_SCORE_UTILITY)
    {
      /* The same party, by id, in the base. */
      int p = rl_scenario_find_party (base, rl_scenario_get_party_id (r->sc, so.rank.party));
      if (p < 0)
        so.rank = (RlRank){ RL_SCORE_NASH, 0 };
      else
        so.rank.party = (guint) p;
    }
  r->comparison = rl_compare (base, r->sc, &so, &sb, error);
  if (!r->comparison)
    return FALSE;
  r->complete = r->complete && rl_comparison_is_complete (r->comparison);
  return TRUE;
}

static void
run_simulation (RlReport *r)
{
  if (!rl_scenario_has_simulation (r->sc))
    return;
  RlSimulateOptions so;
  rl_simulate_options_init (&so, r->sc);
  so.run = r->opts.run;
  so.run.progress = NULL;
  g_autoptr (GError) error = NULL;
  r->simulation = rl_simulate (r->sc, &so, &error);
  if (!r->simulation)
    r->simulation_error = g_strdup (error->message);
  else if (!rl_simulation_is_complete (r->simulation))
    r->complete = FALSE;
}

/* "Would it hold?": the top packages' verdicts, when someone controls
 * something (stability.md). */
static void
run_stability (RlReport *r)
{
  if (!rl_scenario_has_controls (r->sc))
    return;
  RlStabilityOptions so;
  rl_stability_options_init (&so);
  so.packages = RL_STABILITY_TOP;
  so.rank = r->opts.rank;
  so.top = r->opts.top;
  so.run = r->opts.run;
  so.run.progress = NULL;
  g_autoptr (GError) error = NULL;
  r->stability = rl_stability (r->sc, &so, &error);
  if (!r->stability)
    r->stability_error = g_strdup (error->message);
  else if (!rl_stability_is_complete (r->stability))
    r->complete = FALSE;
}

/* "How robust is this?": thresholds, margins and a Monte Carlo with
 * sensitivity.md's defaults (durability is no ranking it can test). */
static void
run_sensitivity (RlReport *r)
{
  if (r->opts.sensitivity_samples == 0 && !r->opts.sensitivity_margins)
    return;
  if (r->opts.rank.kind == RL_SCORE_DURABILITY)
    {
      r->sensitivity_error = g_strdup ("the ranking by durability is not one sensitivity can test");
      return;
    }
  RlSensitivityOptions so;
  rl_sensitivity_options_init (&so);
  so.rank = r->opts.rank;
  so.samples = r->opts.sensitivity_samples;
  so.margins = r->opts.sensitivity_margins;
  so.top = r->opts.top;
  /* The report's one deadline; without one, a budget of its own. */
  so.run = r->opts.run;
  if (!r->has_deadline)
    so.run.timeout = RL_REPORT_SENSITIVITY_SECONDS;
  g_autoptr (GError) error = NULL;
  r->sensitivity = rl_sensitivity (r->sc, &so, &error);
  if (!r->sensitivity)
    r->sensitivity_error = g_strdup (error->message);
  else
    /* As explain's: whichever limit stopped it, an unfinished section
     * makes the report incomplete. */
    r->complete = r->complete && rl_sensitivity_is_complete (r->sensitivity);
}

const RlSensitivity *
rl_report_get_sensitivity (const RlReport *r)
{
  return r->sensitivity;
}

const char *
rl_report_get_sensitivity_error (const RlReport *r)
{
  return r->sensitivity_error;
}

const RlStability *
rl_report_get_stability (const RlReport *r)
{
  return r->stability;
}

const char *
rl_report_get_stability_error (const RlReport *r)
{
  return r->stability_error;
}

char *
rl_report_dup_base_file (const RlScenario *sc)
{
  const GArray *lineage = sc->lineage;
  if (lineage == NULL || lineage->len < 2)
    return NULL;
  const RlLineage *l = &g_array_index (lineage, RlLineage, lineage->len - 2);
  return g_strdup (l->path);
}

static RlReport *report_new (RlScenario *sc, const RlReportOptions *opts, gboolean full,
                             GError **error);

RlReport *
rl_report_new (RlScenario *sc, const RlReportOptions *opts, GError **error)
{
  return report_new (sc, opts, TRUE, error);
}

RlReport *
rl_report_new_chart_only (RlScenario *sc, const RlReportOptions *opts, GError **error)
{
  return report_new (sc, opts, FALSE, error);
}

static RlReport *
report_new (RlScenario *sc, const RlReportOptions *opts, gboolean full, GError **error)
{
  g_return_val_if_fail (sc != NULL, NULL);
  RlReport *r = g_new0 (RlReport, 1);
  r->sc = rl_scenario_ref (sc);
  if (opts)
    r->opts = *opts;
  else
    rl_report_options_init (&r->opts);
  if (r->opts.max_dots == 0)
    r->opts.max_dots = RL_REPORT_MAX_DOTS;
  r->cells = CLAMP (r->opts.cells, 4, 200);
  r->complete = TRUE;
  /* One deadline for every step of the report. */
  RlDeadline deadline = rl_deadline_from_run (&r->opts.run);
  r->has_deadline = !rl_deadline_is_none (deadline);
  r->opts.run = rl_run_options_within (&r->opts.run, deadline);
  r->markers = g_array_new (FALSE, TRUE, sizeof (RlReportMarker));
  g_array_set_clear_func (r->markers, marker_clear);

  if (!resolve_axes (r, error) || !run_solves (r, error) || !run_dots (r, error)
      || !run_near (r, error)
      || !run_status_quo (r, error) || (full && !run_comparison (r, error)))
    {
      rl_report_free (r);
      return NULL;
    }
  if (full)
    {
      run_explain (r);
      run_simulation (r);
      run_stability (r);
      run_sensitivity (r);
    }
  r->pareto_dense = rl_result_get_n_frontier (r->result) > RL_REPORT_MAX_FRONTIER_DOTS;
  for (guint k = 0; k <= r->n_pairs; k++)
    {
      RlReportChart *c = chart_at (r, k);
      chart_extent (r, c);
      chart_frontier (r, c);
      chart_zone (r, c);
      if (r->pareto_dense)
        chart_pareto_density (r, c);
    }
  if (r->parallel)
    {
      run_parallel_extent (r);
      run_parallel_sample (r);
    }
  return r;
}

void
rl_report_add_marker (RlReport *r, const char *label, const double *utilities,
                      gboolean acceptable)
{
  guint np = rl_scenario_get_n_parties (r->sc);
  RlReportMarker m = { g_strdup (label), g_memdup2 (utilities, np * sizeof (double)), acceptable };
  g_array_append_val (r->markers, m);
  for (guint k = 0; k <= r->n_pairs; k++)
    rl_report_chart_include (chart_at (r, k), utilities);
  if (r->parallel)
    for (guint p = 0; p < np; p++)
      extent_add (&r->axis_lo[p], &r->axis_hi[p], utilities[p]);
}

/* ---- Briefs ------------------------------------------------------------------------ */

typedef struct {
  const RlScenario *sc;
  guint p;
  guint i;
} OptionSort;

static int
option_cmp (gconstpointer a, gconstpointer b, gpointer data)
{
  const OptionSort *os = data;
  guint ka = *(const guint *) a, kb = *(const guint *) b;
  double va = rl_scenario_get_party_value (os->sc, os->p, os->i, ka);
  double vb = rl_scenario_get_party_value (os->sc, os->p, os->i, kb);
  if (va != vb)
    return va > vb ? -1 : 1;
  return ka < kb ? -1 : ka > kb;
}

static int
issue_cmp (gconstpointer a, gconstpointer b)
{
  const RlBriefIssue *ia = a, *ib = b;
  if (ia->weight != ib->weight)
    return ia->weight > ib->weight ? -1 : 1;
  return ia->issue < ib->issue ? -1 : ia->issue > ib->issue;
}

RlBrief *
rl_brief_new (RlScenario *sc, guint party)
{
  g_return_val_if_fail (sc != NULL && party < rl_scenario_get_n_parties (sc), NULL);
  RlBrief *b = g_new0 (RlBrief, 1);
  b->sc = rl_scenario_ref (sc);
  b->party = party;
  b->n_issues = rl_scenario_get_n_issues (sc);
  b->issues = g_new0 (RlBriefIssue, b->n_issues);
  for (guint i = 0; i < b->n_issues; i++)
    {
      RlBriefIssue *bi = &b->issues[i];
      guint n = rl_scenario_get_n_options (sc, i);
      bi->issue = i;
      bi->weight = rl_scenario_get_party_weight (sc, party, i);
      bi->options = g_new (guint, n);
      for (guint k = 0; k < n; k++)
        bi->options[k] = k;
      OptionSort os = { sc, party, i };
      g_qsort_with_data (bi->options, (gint) n, sizeof (guint), option_cmp, &os);
    }
  /* A stable order: ties keep file order through the comparison itself. */
  qsort (b->issues, b->n_issues, sizeof (RlBriefIssue), issue_cmp);
  const guint8 *sq = rl_scenario_get_status_quo (sc);
  if (sq)
    {
      b->has_status_quo = TRUE;
      b->status_quo_u = rl_scenario_utility (sc, party, sq);
    }
  for (guint q = 0; q < rl_scenario_get_n_parties (sc); q++)
    if (q != party)
      for (guint l = 0; l < rl_scenario_get_n_red_lines (sc, q); l++)
        if (rl_named_rule_is_public (rl_scenario_get_red_line (sc, q, l)))
          b->n_public++;
  return b;
}

RlScenario *
rl_brief_get_scenario (const RlBrief *b)
{
  return b->sc;
}

guint
rl_brief_get_party (const RlBrief *b)
{
  return b->party;
}

guint
rl_brief_get_n_issues (const RlBrief *b)
{
  return b->n_issues;
}

const RlBriefIssue *
rl_brief_get_issue (const RlBrief *b, guint k)
{
  g_return_val_if_fail (k < b->n_issues, NULL);
  return &b->issues[k];
}

gboolean
rl_brief_get_status_quo_utility (const RlBrief *b, double *utility)
{
  if (b->has_status_quo)
    *utility = b->status_quo_u;
  return b->has_status_quo;
}

void
rl_brief_free (RlBrief *b)
{
  if (b == NULL)
    return;
  for (guint i = 0; i < b->n_issues; i++)
    g_free (b->issues[i].options);
  g_free (b->issues);
  rl_scenario_unref (b->sc);
  g_free (b);
}
