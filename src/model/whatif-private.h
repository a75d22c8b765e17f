/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * whatif-private.h: what variant files (variant.c) need of the change
 * language (whatif.c): changes whose pieces come from a file's YAML, so
 * that their errors point at file:line:col, and applying them to a base.
 * variant.c reads the YAML (with the loader's helpers); whatif.c shapes,
 * checks and applies the changes, and knows nothing of loading.
 */
#pragma once

#include <redline/whatif.h>
#include "model/scenario-internals.h"
#include "model/yaml-tree.h"

G_BEGIN_DECLS

/**
 * RlChangePart: a piece of a change: its text and, for a change from a
 * file, the scalar it was cut from and where in it (in characters) it
 * starts.
 */
typedef struct {
  char *text;
  const RlYamlNode *node;
  guint offset;
} RlChangePart;

void rl_change_part_clear (RlChangePart *p);

/** rl_change_parts_new: an empty array of RlChangePart that clears them. */
GArray *rl_change_parts_new (void);

/**
 * RlChangeErrorFunc: receives each error of a file's changes, at its
 * 1-based position, with its RL_ERROR code; the file's loader records it.
 */
typedef void (*RlChangeErrorFunc) (gpointer data, guint line, guint col, int code,
                                   const char *message);

/**
 * rl_changes_add_file_value:
 * Adds a `relax`, `require` or `without` written at @at, whose value is
 * @whole (taken): a red line is split into party and name here. An empty
 * or malformed value goes to @func, and nothing is added.
 */
void rl_changes_add_file_value (RlChanges *changes, RlChangeKind kind, const RlYamlNode *at,
                                const char *note, RlChangePart whole, RlChangeErrorFunc func,
                                gpointer data);

/**
 * rl_changes_add_file_pair:
 * Adds a `set`, `fix` or `exclude` written at @at (its key): the key
 * @target, and the value @name or, for a list, @items (RlChangePart, from
 * rl_change_parts_new(); %NULL for a single value). Takes the parts.
 */
void rl_changes_add_file_pair (RlChanges *changes, RlChangeKind kind, const RlYamlNode *at,
                               const char *note, RlChangePart target, RlChangePart name,
                               GArray *items, RlChangeErrorFunc func, gpointer data);

/**
 * rl_changes_apply_from_file:
 * Applies @changes to a copy of @base, trying every change; errors go to
 * @func. Returns: (transfer full): the copy, finished (also when there
 *   were errors: the caller discards it then).
 */
RlScenario *rl_changes_apply_from_file (const RlScenario *base, const RlChanges *changes,
                                        RlChangeErrorFunc func, gpointer data);

G_END_DECLS
