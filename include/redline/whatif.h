/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * whatif.h: what-if changes (scenario.md section 7): the same six kinds of
 * change a variant file lists under `changes`, given one at a time (from
 * command-line flags, say) and applied to a loaded scenario.
 *
 * A variant file (`extends` + `changes`) needs nothing from this header:
 * rl_scenario_load() follows the chain of bases and applies each file's
 * changes with the very functions rl_scenario_apply_changes() uses, so a
 * change means the same, and is written the same, whichever way it comes.
 *
 * Every change has one text form, the one rl_scenario_get_changes() and
 * the JSON `generator.changes` list show:
 *
 *   relax ukraine/no-withdrawal         (relax PARTY/"*" drops them all)
 *   set parties.ukraine.batna = 0.25    set simulation.order = [usa, russia]
 *   require security >= article5_like
 *   fix crimea = russian_de_facto
 *   exclude donbas = russian_de_jure    exclude crimea = ukrainian, russian_de_jure
 *   without europe
 *
 * Ownership: rl_changes_new() returns a list the caller frees with
 * rl_changes_free(); rl_scenario_apply_changes() returns a new reference.
 */
#pragma once

#include <glib.h>
#include <redline/scenario.h>

G_BEGIN_DECLS

/**
 * RlChangeKind: the kinds of change, as scenario.md section 7 names them.
 * @RL_CHANGE_RELAX: drop a red line, "PARTY/RULE", or all of a party's:
 *   PARTY, a slash and a star
 * @RL_CHANGE_SET: change one value: "PATH=VALUE"
 * @RL_CHANGE_REQUIRE: add a constraint "require-N": "RULE"
 * @RL_CHANGE_FIX: add the constraint "fix-ISSUE", ISSUE == OPTION: "ISSUE=OPTION"
 * @RL_CHANGE_EXCLUDE: add the constraint "exclude-ISSUE" forbidding one or
 *   more options: "ISSUE=OPTION" or "ISSUE=OPTION,OPTION,..."
 * @RL_CHANGE_WITHOUT: remove a party: "PARTY"
 */
typedef enum {
  RL_CHANGE_RELAX,
  RL_CHANGE_SET,
  RL_CHANGE_REQUIRE,
  RL_CHANGE_FIX,
  RL_CHANGE_EXCLUDE,
  RL_CHANGE_WITHOUT,
} RlChangeKind;

#define RL_N_CHANGE_KINDS 6

/** rl_change_kind_name: "relax", "set", "require", "fix", "exclude", "without". */
const char *rl_change_kind_name (RlChangeKind kind);

/** rl_change_kind_from_name: the inverse; %FALSE for any other word. */
gboolean rl_change_kind_from_name (const char *name, RlChangeKind *kind);

/* ---- A list of changes ----------------------------------------------------- */

typedef struct _RlChanges RlChanges;

/** rl_changes_new: (transfer full): an empty list. */
RlChanges *rl_changes_new (void);

/** rl_changes_free: frees @changes; %NULL is allowed. */
void rl_changes_free (RlChanges *changes);

/** rl_changes_get_n: how many changes the list holds. */
guint rl_changes_get_n (const RlChanges *changes);

/**
 * rl_changes_get_text:
 * Returns: (transfer none): change @k in its text form (see above).
 */
const char *rl_changes_get_text (const RlChanges *changes, guint k);

/**
 * rl_changes_add:
 * @kind: which change
 * @value: the change as the user typed it ("ukraine/no-withdrawal",
 *   "parties.usa.batna=0.3", "crimea=frozen", ...); spaces around `=` and
 *   `,` are allowed
 * @origin: (nullable): what error messages call this change: where the
 *   user wrote it, such as the command-line flag as typed ("--set
 *   parties.usa.batna=0.3"); %NULL for its kind and value ("set
 *   parties.usa.batna=0.3"). Copied.
 * @error: RL_ERROR_INVALID_ARGUMENT when @value does not have the shape
 *   of its kind (a `set` without `=`, an empty rule, ...); the message
 *   starts with the origin: "ORIGIN: expected PATH=VALUE"
 *
 * Appends one change. Only its shape is checked here: the names in it are
 * checked against a scenario by rl_scenario_apply_changes().
 */
gboolean rl_changes_add (RlChanges *changes, RlChangeKind kind, const char *value,
                         const char *origin, GError **error);

/**
 * rl_scenario_apply_changes:
 * @sc: the scenario to start from; not changed
 * @changes: applied in order, after any change @sc has already
 * @error: RL_ERROR_INVALID_ARGUMENT naming the change (its origin, see
 *   rl_changes_add()) and what is wrong,
 *   with a did-you-mean hint for an unknown party, red line, issue,
 *   option, path or strategy; or when the changes leave no veto party
 *
 * Returns: (transfer full) (nullable): a new scenario (a new reference to
 *   @sc when @changes is empty), or %NULL. Its rl_scenario_get_changes()
 *   is @sc's followed by the texts of @changes.
 */
RlScenario *rl_scenario_apply_changes (RlScenario *sc, const RlChanges *changes,
                                       GError **error);

/**
 * rl_scenario_dup_changes_since:
 * @sc: a scenario, typically a variant
 * @base: a scenario loaded from a file
 *
 * When @sc is @base's file itself or a variant of it (through any chain of
 * `extends`), and @sc's changes begin with @base's, the changes that lead
 * from @base to @sc: those of the variant files between them, then the
 * flags applied to @sc. Files are told apart by their canonical path.
 *
 * Returns: (transfer full) (nullable): a %NULL-terminated list (maybe
 *   empty), or %NULL when @sc does not extend @base.
 */
char **rl_scenario_dup_changes_since (const RlScenario *sc, const RlScenario *base);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RlChanges, rl_changes_free)

G_END_DECLS
