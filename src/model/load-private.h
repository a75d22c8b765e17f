/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * load-private.h: the loader's shared state and helpers, split over
 * load.c (document, issues, rules), load-party.c (parties, simulation) and
 * variant.c (variant files). Nothing here is public.
 */
#pragma once

#include "model/scenario-internals.h"
#include "model/yaml-tree.h"

G_BEGIN_DECLS

/* The files being loaded, from the one the user named down to the current
 * base: a variant's `extends` is resolved against its file, and a base
 * already in the chain is a cycle (variant.c). Lives on the stack. */
typedef struct _RlLoadChain RlLoadChain;
struct _RlLoadChain {
  const char *file;               /* as messages name it */
  char *canonical;                /* realpath(), or NULL */
  const RlLoadChain *parent;      /* the variant that extends this file */
  guint depth;                    /* 1 for the file the user named */
};

void rl_load_chain_init (RlLoadChain *link, const char *file, const RlLoadChain *parent);
void rl_load_chain_clear (RlLoadChain *link);

/* The loader collects every error with its position and reports them all,
 * sorted, at the end. It borrows @file and owns @sc until it hands it on. */
typedef struct {
  const char *file;
  RlScenario *sc;
  GArray *diags;
  int code;                 /* RL_ERROR_SCHEMA, _SYNTAX or _LIMIT */
  GPtrArray *issue_ids;     /* borrowed ids, for hints */
  const RlLoadChain *chain; /* NULL when loading from memory */
} RlLoader;

/* rl_scenario_load() for a file reached through @parent's `extends`
 * (NULL: the file the user named). */
RlScenario *rl_loader_load_file (const char *path, const RlLoadChain *parent, GError **error);

/* Records, after a file has loaded, that @sc comes from it (variant.c):
 * @file as the loader opened it, @canonical its realpath() (nullable). */
void rl_scenario_push_lineage (RlScenario *sc, const char *file, const char *canonical);

void rl_loader_init (RlLoader *ld, const char *file);
void rl_loader_clear (RlLoader *ld);
void rl_loader_error_at (RlLoader *ld, guint line, guint col, int code,
                         const char *fmt, ...) G_GNUC_PRINTF (5, 6);
gboolean rl_loader_has_errors (const RlLoader *ld);
void rl_loader_propagate (RlLoader *ld, GError **error);

/* Scalars: each reports its own error (naming @what) and returns FALSE/NULL. */
char *rl_loader_text (RlLoader *ld, const RlYamlNode *node, const char *what);
gboolean rl_loader_number (RlLoader *ld, const RlYamlNode *node, const char *what, double *out);
gboolean rl_loader_number_in (RlLoader *ld, const RlYamlNode *node, const char *what,
                              double lo, double hi, double *out);
gboolean rl_loader_whole (RlLoader *ld, const RlYamlNode *node, const char *what,
                          guint lo, guint hi, guint *out);
gboolean rl_loader_boolean (RlLoader *ld, const RlYamlNode *node, const char *what, gboolean *out);

/* Mappings with fixed keys; @found is parallel to @known. */
gboolean rl_loader_fields (RlLoader *ld, const RlYamlNode *node, const char *what,
                           const char *const *known, guint n_known, const RlYamlNode **found);
void rl_loader_require (RlLoader *ld, const RlYamlNode *map, const char *what,
                        const char *key, const RlYamlNode *found);

/* Names: an issue by a mapping key, an option of issue @i; -1 when unknown. */
int rl_loader_issue (RlLoader *ld, const RlYamlNode *key, const char *where);
int rl_loader_option (RlLoader *ld, guint i, const RlYamlNode *node);

/* A rule against the scenario's issues; errors point into the rule. */
RlRule *rl_loader_rule (RlLoader *ld, const RlYamlNode *node, const char *what, char **text_out);

/* A list of named rules: constraints, or a party's red lines (@red_lines
 * allows the `public` key). */
void rl_loader_rule_list (RlLoader *ld, const RlYamlNode *node, const char *what,
                          gboolean red_lines, GArray *out);
void rl_loader_parties (RlLoader *ld, const RlYamlNode *node);
void rl_loader_simulation (RlLoader *ld, const RlYamlNode *node, const RlYamlNode *root);
/* Once the whole file is read: a BATNA taken from the status quo needs one
 * (a status_quo that is present but wrong has its own errors). */
void rl_loader_status_quo_batnas (RlLoader *ld, gboolean has_status_quo);
/* A file with `extends` (or, wrongly, `changes` alone): loads the base,
 * applies the changes and replaces ld->sc with the result (variant.c). */
void rl_loader_variant (RlLoader *ld, const RlYamlNode *root, const RlYamlNode *extends,
                        const RlYamlNode *changes);

G_END_DECLS
