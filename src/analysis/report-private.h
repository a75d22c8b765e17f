/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * report-private.h: the layout of the report, brief and debrief models,
 * for analysis/ alone (report.c, debrief.c). Writers read them through
 * the getters of report.h and debrief.h. Everything a writer prints is
 * here already computed: the writers lay it out, map numbers to pixels and
 * escape text, nothing more.
 */
#pragma once

#include <redline/debrief.h>
#include <redline/report.h>

G_BEGIN_DECLS

struct _RlReport {
  RlScenario *sc;
  RlReportOptions opts;
  gboolean complete;
  /* The caller gave a deadline (opts.run is then within it: every step
   * shares the one deadline); without one, explain keeps its own limit. */
  gboolean has_deadline;

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
  guint n_parallel;          /* the parallel chart's sample: positions in */
  guint *parallel_lines;     /*  the main result's frontier */
  gboolean pareto_dense;     /* Pareto-optimal packages shaded in cells */

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
  /* stability.md, when the scenario has `controls`: the verdicts of the
   * top packages by opts.rank (opts.top of them). */
  RlStability *stability;
  char *stability_error;     /* why it could not be settled */
  RlSensitivity *sensitivity;  /* "How robust is this?", or NULL */
  char *sensitivity_error;   /* why it could not be computed */

  GArray *markers;           /* RlReportMarker */
};

/**
 * rl_report_new_chart_only:
 * A report with the solves, dots and status quo a chart needs, and no
 * explanation or comparison (the debrief's chart).
 */
RlReport *rl_report_new_chart_only (RlScenario *sc, const RlReportOptions *opts, GError **error);

/** rl_report_chart_include: @chart's bounds widened to hold @u (a point). */
void rl_report_chart_include (RlReportChart *chart, const double *u);

/* ---- Briefs ---------------------------------------------------------------- */

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
  RlEvaluation **evaluations;  /* per row, borrowed from @distinct; NULL for a bad row */
  RlEvaluation **distinct;     /* one per distinct good deal, owned */
  guint n_distinct;
  guint n_acceptable_rows;
  RlReport *chart;             /* NULL unless asked */
  gboolean complete;
};

G_END_DECLS
