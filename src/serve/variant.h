/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * variant.h: the explorer's what-if as a variant file (scenario.md
 * section 7) that the user saves beside the scenario: `extends` names
 * the scenario's file, `changes` lists the page's changes, so that
 * `redline solve VARIANT.yaml` answers as the page did.
 */
#pragma once

#include <glib.h>
#include <redline/redline.h>

G_BEGIN_DECLS

/**
 * rl_serve_variant_yaml:
 * @file: the scenario's file as the user named it (its base name is what
 *   `extends` names)
 * @changes: the changes' text forms (rl_changes_get_text()), already
 *   checked against the scenario by rl_scenario_apply_changes()
 * @n: how many
 * Returns: (transfer full): the YAML text. Every name and rule is written
 *   as a double-quoted scalar, escaped; a value of `set` is written plain
 *   only when it is a word or a number.
 */
char *rl_serve_variant_yaml (const char *file, const char *const *changes, guint n);

G_END_DECLS
