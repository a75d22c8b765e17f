/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sensitivity-private.h: the pieces of rl_sensitivity() (sensitivity.md),
 * one job per file:
 *
 *   sensitivity-eval.c        the two findings for a perturbed scenario:
 *                             the compatible set enumerated once and
 *                             re-scored (red lines and constraints never
 *                             move), or a solve when it is too large
 *   sensitivity-params.c      the parameters in the spec's order, their
 *                             grids, setting one on a worker's copy
 *   sensitivity-margins.c     the scan of every grid, knife edges
 *   sensitivity-thresholds.c  the exact BATNA thresholds
 *   sensitivity-montecarlo.c  the samples (GSL, one generator per sample)
 *   sensitivity.c             options, threads, the result object
 *
 * A worker owns a private copy of the scenario that it perturbs in place
 * (rl_scenario_finish() derives normalised weights and status-quo BATNAs
 * again, exactly as loading a file with those numbers would).
 */
#pragma once

#include <redline/sensitivity.h>

#include "engine/run.h"
#include "model/scenario-internals.h"

G_BEGIN_DECLS

/* Above this many compatible packages, findings are decided by searches.
 * The environment variable RL_SENSITIVITY_FAST_MAX lowers it, for the
 * tests that check the two paths against each other. */
#define RL_SENS_FAST_MAX (1u << 20)

/* A worker's changes touched every party (a Monte Carlo sample). */
#define RL_SENS_ALL_PARTIES (-2)

typedef struct {
  RlScenario *sc;             /* the nominal scenario (a reference) */
  RlRank rank;
  guint n_issues, n_parties;
  gboolean fast;
  guint n;                    /* compatible packages, index order (fast) */
  guint8 *packages;           /* n * n_issues */
  guint64 *index;             /* n */
  guint n_bonus_total;
  guint *bonus_offset;        /* per party: its first bonus column */
  guint8 *bonus_on;           /* n * n_bonus_total: the bonus's rule holds */
  double *u_nominal;          /* n * n_parties */
  gint tstar;                 /* t*'s position in packages, -1 for none (fast) */
  guint8 *tstar_options;      /* (nullable) t*'s options */
  RlDeadline deadline;
} RlSensSet;

typedef struct {
  RlScenario *work;           /* a private copy, perturbed in place */
  double *u;                  /* n * n_parties (fast) */
  gint dirty;                 /* -1, a party, or RL_SENS_ALL_PARTIES */
  double *score;              /* n */
  guint8 *acc;                /* n */
  double *ideal;              /* n_parties */
  guint8 *first;              /* n_issues: the first package found */
  gpointer rng;               /* (nullable) the Monte Carlo's gsl_rng */
} RlSensWorker;

typedef enum {
  RL_SENS_NEED_ZONE = 1 << 0,
  RL_SENS_NEED_TOP = 1 << 1,
  RL_SENS_NEED_ALL = 1 << 2,   /* count, first, t*'s flags (Monte Carlo) */
} RlSensNeed;

typedef struct {
  gboolean settled;           /* FALSE when a search timed out */
  gboolean zone;
  guint64 acceptable;         /* with RL_SENS_NEED_ALL */
  gboolean has_first;         /* with NEED_ALL: first is in worker->first */
  guint64 first_index;
  gboolean t_acceptable, t_first, t_pareto;
} RlSensOutcome;

gboolean rl_sens_set_init (RlSensSet *set, RlScenario *sc, const RlRank *rank,
                           RlDeadline deadline, gboolean *timed_out, GError **error);
void rl_sens_set_clear (RlSensSet *set);
/* rl_sens_set_fix_top: t* from the nominal outcome (NULL: none). */
void rl_sens_set_fix_top (RlSensSet *set, const guint8 *tstar);

void rl_sens_worker_init (RlSensWorker *w, const RlSensSet *set);
void rl_sens_worker_clear (RlSensWorker *w);

/* rl_sens_evaluate: the findings for w->work as it is now; @changed is
 * the party whose numbers moved since the last call (-1 none), or
 * RL_SENS_ALL_PARTIES. */
void rl_sens_evaluate (const RlSensSet *set, RlSensWorker *w, gint changed,
                       RlSensNeed need, RlSensOutcome *out);

/* ---- parameters ---- */

typedef struct {
  RlSensitivityKind kind;
  guint party, issue, option, bonus;
  double x0;                  /* the grid's centre (1 for a weight) */
  double step;
  double nominal;             /* as reported */
  gint64 kmin, kmax;
} RlSensParam;

/* rl_sens_params: every parameter in sensitivity.md's order (RlSensParam). */
GArray *rl_sens_params (const RlScenario *sc, const RlSensitivityOptions *opts);
char *rl_sens_param_path (const RlScenario *sc, const RlSensParam *prm);
/* rl_sens_param_value: the parameter's value at grid point k. */
double rl_sens_param_value (const RlSensParam *prm, gint64 k);
/* rl_sens_param_apply: sets grid point k on @work (k = 0 restores). */
void rl_sens_param_apply (RlScenario *work, const RlScenario *nominal,
                          const RlSensParam *prm, gint64 k);

/* ---- the three parts ---- */

typedef struct {
  guint n_threads;
  RlRunOptions *run;
  RlDeadline deadline;
} RlSensThreads;

/* rl_sens_margins: fills margins[0 .. n_params) and settled[]; FALSE when
 * the deadline left some unsettled. */
gboolean rl_sens_margins (const RlSensSet *set, const RlSensitivityOptions *opts,
                          const RlSensOutcome *nominal, GArray *params,
                          RlMargin *margins, gboolean *settled, RlDeadline deadline);

gboolean rl_sens_thresholds (RlScenario *sc, const RlSensitivityOptions *opts,
                             RlDeadline deadline, GArray *out);

typedef struct {
  guint n;                    /* samples covered */
  RlShare zone;
  guint64 acceptable[5];
  GArray *first;              /* RlSensitivityFirst */
  RlShare t_acceptable, t_first, t_pareto;
} RlSensMonteCarlo;

gboolean rl_sens_monte_carlo (const RlSensSet *set, const RlSensitivityOptions *opts,
                              RlDeadline deadline, RlSensMonteCarlo *mc);

/* rl_sens_parallel: runs func (item, worker, data) for items 0 .. n-1 on
 * opts' threads, each thread with its own RlSensWorker; stops taking
 * items once the deadline passed. done[item] says which ran to the end. */
typedef gboolean (*RlSensItemFunc) (guint item, RlSensWorker *w, gpointer data);
gboolean rl_sens_parallel (const RlSensSet *set, const RlRunOptions *run, RlDeadline deadline,
                           guint n, RlSensItemFunc func, gpointer data, gboolean *done,
                           guint stage, guint n_stages, const char *unit);

G_END_DECLS
