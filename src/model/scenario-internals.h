/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * scenario-internals.h: the layout of RlScenario, for the library's own
 * modules (loader, what-if, search). Everything here is owned by the
 * scenario and freed with it.
 */
#pragma once

#include <redline/scenario.h>

G_BEGIN_DECLS

typedef struct {
  guint line, col;      /* 1-based; 0 when unknown (built by a change) */
} RlPos;

typedef struct {
  char *id;
  char *label;
  char *description;
  RlPos pos;
} RlOption;

typedef struct {
  char *id;
  char *label;
  char *description;
  gboolean ordered;
  guint n_options;
  RlOption *options;
  const char **option_ids;   /* n_options, borrowed from options[] */
  RlMoves moves;             /* which changes a controlling party may make */
  RlPos pos;
} RlIssue;

struct _RlNamedRule {
  char *id;
  char *text;
  char *note;
  char *source;
  gboolean is_public;
  RlRule *rule;
  RlPos pos;
};

typedef struct {
  char *text;
  char *note;
  double value;
  RlRule *rule;
} RlBonus;

typedef struct {
  char *id;
  char *label;
  char *description;
  gboolean veto;
  double power;
  double batna;
  /* scenario.md section 2: `batna: status_quo` or `{status_quo: ADJUST}`
   * sets these; rl_scenario_finish() then derives @batna as u(status quo)
   * + ADJUST after loading and after every what-if change. A `set` of the
   * BATNA clears the flag. */
  gboolean batna_from_status_quo;
  double batna_adjust;
  RlPos batna_pos;
  gboolean has_weights;
  double *raw_weights;      /* n_issues */
  double *weights;          /* n_issues, normalised */
  gboolean *has_values;     /* n_issues */
  double **values;          /* n_issues arrays of n_options (NULL if absent) */
  GArray *bonuses;          /* RlBonus */
  GArray *red_lines;        /* RlNamedRule */
  char *notes[4];           /* batna, power, weights, values */
  RlStrategyKind strategy;
  double exponent;
  double drift_base;
  GArray *drift;            /* RlBonus: rule, value, note */
  /* stability.md: the issues it can change alone once a deal is agreed,
   * in file order of the list; each with its note (nullable) */
  guint n_controls;
  guint *controls;
  char **control_notes;
  RlPos pos;
} RlParty;

typedef struct {
  char *title;
  char *url;
  char *note;
} RlSource;

/* One file of a scenario's `extends` chain: its canonical path (NULL if
 * unknown) and how many changes the scenario had once that file's own
 * were applied. */
typedef struct {
  char *path;
  guint n_changes;
} RlLineage;

/* Every field is copied by rl_scenario_copy() (scenario-copy.c): a new
 * field must be copied there too. */
struct _RlScenario {
  gint ref_count;
  char *file;
  char *title;
  char *description;
  char *date;
  GArray *sources;          /* RlSource */
  guint n_issues;
  RlIssue *issues;
  RlIssueInfo *issue_info;  /* for rule compilation */
  GArray *constraints;      /* RlNamedRule */
  guint8 *status_quo;       /* nullable, n_issues */
  guint n_parties;
  RlParty *parties;
  /* simulation: */
  gboolean has_simulation;
  RlProtocol protocol;
  guint rounds;
  guint horizon;
  double noise;
  guint mediator_reach;
  guint *order;
  guint n_order;
  gboolean order_given;
  /* what-if history, as text; NULL-terminated */
  GPtrArray *changes;
  /* the files it was loaded from, deepest base first (RlLineage); NULL
   * when not loaded from a file */
  GArray *lineage;
  /* the files read to build it, as the loader opened them: the file
   * named first, then the base it extends, and so on; NULL-terminated
   * (the last element is NULL), empty when not loaded from a file */
  GPtrArray *loaded_files;
  /* derived */
  guint64 *radix;           /* n_issues: weight of each digit in the index */
  gboolean space_fits;
  guint64 space;
  double space_approx;
};

/* Allocation helpers shared by the loader and the what-if module. */
RlScenario *rl_scenario_new_empty (void);
void rl_scenario_finish (RlScenario *sc);   /* computes the derived fields */
void rl_named_rule_clear (RlNamedRule *r);
void rl_bonus_clear (RlBonus *b);
void rl_party_recompute_weights (RlParty *p, guint n_issues);
/* A deep copy, rules recompiled from their text; what-if changes edit the
 * copy (scenario-copy.c). */
RlScenario *rl_scenario_copy (const RlScenario *sc);
void rl_party_clear (RlParty *p, guint n_issues);

/* Whole-number limits that keep a simulation finite on any input (the
 * loader's and what-if's). */
#define RL_MAX_ROUNDS 100000
#define RL_MAX_HORIZON 1000000

G_END_DECLS
