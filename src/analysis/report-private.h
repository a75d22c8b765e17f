/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * report-private.h: the report and brief models as the writers read them
 * (write-html*.c, write-svg.c, write-markdown.c, write-text-brief.c).
 * Everything a writer prints is here already computed: the writers lay it
 * out, map numbers to pixels and escape text, nothing more.
 */
#pragma once

#include <redline/compare.h>
#include <redline/debrief.h>
#include <redline/explain.h>
#include <redline/report.h>
#include <redline/simulate.h>

G_BEGIN_DECLS

/**
 * RlReportChart: one utility-space chart, party @x across, party @y up.
 * @x_lo .. @y_hi: the extent of everything drawn (dots or cells, the
 *   frontier, the veto axes' BATNAs, the status quo, the markers);
 *   writers pad it
 * @frontier_order: the frontier's packages (positions in the result's
 *   frontier) sorted along x (then y highest first, then index)
 * @density: with a density layer, @cells x @cells counts of acceptable
 *   packages, row cy (from y_lo up) times cells plus column cx (from
 *   x_lo); %NULL when every package is a dot
 * @density_max: the largest cell count
 * @dx_lo .. @dy_hi: the extent the density cells divide
 */
typedef struct {
  guint x;
  guint y;
  double x_lo, x_hi, y_lo, y_hi;
  guint *frontier_order;
  guint64 *density;
  guint64 density_max;
  double dx_lo, dx_hi, dy_lo, dy_hi;
} RlReportChart;

/** RlReportMarker: a labelled point (rl_report_add_marker()). */
typedef struct {
  char *label;
  double *utilities;
  gboolean acceptable;
} RlReportMarker;

struct _RlReport {
  RlScenario *sc;
  RlReportOptions opts;
  gboolean complete;

  /* The main solve: counts, ideals, the frontier, the top by opts.rank. */
  RlResult *result;
  /* The top packages by each standard score (welfare, nash, kalai,
   * min_gain); an entry may be the same object as @result. */
  RlResult *by_score[RL_N_STANDARD_SCORES];
  /* same_as[k]: the first score whose top package is score k's own (k
   * itself when none before it agrees); -1 when score k lists nothing. */
  int same_as[RL_N_STANDARD_SCORES];

  /* Every acceptable package as a dot, or a density layer. */
  gboolean dense;
  guint n_dots;
  guint64 *dot_index;        /* n_dots */
  double *dot_u;             /* n_dots x n_parties */
  gboolean *dot_pareto;      /* n_dots */
  guint cells;
  /* Context: compatible packages below some veto party's BATNA (up to
   * max_dots of them; none with a density layer). */
  guint n_near;
  double *near_u;            /* n_near x n_parties */

  RlReportChart main;        /* the two parties of opts.axis_x / axis_y */
  guint n_pairs;             /* every pair of veto parties (> 2 veto parties, */
  RlReportChart *pairs;      /*  up to RL_REPORT_MAX_PAIR_PARTIES) */
  gboolean parallel;         /* more veto parties: a parallel-coordinates chart */
  double *axis_lo, *axis_hi; /* per party: the frontier's extent and the BATNA */

  /* The status quo: its evaluation, and each party's gain over it for the
   * top package by each score (NULL when that score lists nothing). */
  RlEvaluation *status_quo;
  double *sq_gain[RL_N_STANDARD_SCORES];

  /* The red lines: what each excludes; conflicts and relaxations. */
  RlExplanation *explanation;    /* NULL when explain could not run */
  char *explain_error;           /* why, when it could not */

  /* A variant: the comparison with its base (a is the base, b this). */
  RlComparison *comparison;

  /* The talks played out (simulate.md), when the scenario has a
   * `simulation:` block: one run with the scenario's settings, seed 0. */
  RlSimulation *simulation;
  char *simulation_error;    /* why it could not run */

  GArray *markers;           /* RlReportMarker */
};

/**
 * rl_report_new_chart_only:
 * A report with the solves, dots and status quo a chart needs, and no
 * explanation or comparison (the debrief's chart).
 */
RlReport *rl_report_new_chart_only (RlScenario *sc, const RlReportOptions *opts, GError **error);

/** rl_report_chart_extent: @chart's bounds widened to hold @u (a point). */
void rl_report_chart_include (RlReportChart *chart, const double *u);

/* ---- Briefs ---------------------------------------------------------------- */

/**
 * RlBriefIssue: one issue as the party sees it.
 * @issue: its position
 * @weight: the party's normalised weight (0 when it does not care)
 * @options: the options best first (value highest, ties in file order)
 */
typedef struct {
  guint issue;
  double weight;
  guint *options;
} RlBriefIssue;

struct _RlBrief {
  RlScenario *sc;
  guint party;
  guint n_issues;
  RlBriefIssue *issues;      /* weight highest first, ties in file order */
  gboolean has_status_quo;
  double status_quo_u;       /* the party's utility of the status quo */
  guint n_public;            /* other parties' public red lines */
};

/* ---- Debriefs --------------------------------------------------------------- */

struct _RlDebrief {
  RlScenario *sc;
  const RlDeals *deals;
  RlEvaluation **evaluations;  /* per row; NULL for a bad row */
  guint n_acceptable_rows;
  RlReport *chart;             /* NULL unless asked */
  gboolean complete;
};

G_END_DECLS
