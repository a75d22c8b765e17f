/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * scenario.h: a loaded, validated scenario (scenario.md).
 *
 * An RlScenario is immutable once loaded and reference-counted; it may be
 * shared between threads. Every getter borrows: strings and arrays live as
 * long as the scenario. Indexes are file order: issue i, option k of an
 * issue, party p, red line r of a party, constraint c.
 *
 * Packages are arrays of n_issues option positions (guint8), file order.
 */
#pragma once

#include <glib.h>
#include <redline/rule.h>

G_BEGIN_DECLS

/* Limits of scenario.md section 2. */
#define RL_MAX_ISSUES 256
#define RL_MAX_OPTIONS 64
#define RL_MAX_PARTIES 64
#define RL_MAX_RULES 256
#define RL_MAX_DEPTH 64
#define RL_MAX_FILE_BYTES (16 * 1024 * 1024)
#define RL_MAX_NODES 100000

/** RL_EPSILON: scenario.md's tolerance for every comparison of utilities. */
#define RL_EPSILON 1e-9

typedef struct _RlScenario RlScenario;

/**
 * RlNamedRule: a constraint or a red line: its id, its source text and its
 * compiled form. Owned by the scenario.
 */
typedef struct _RlNamedRule RlNamedRule;

/**
 * RlStrategyKind: a party's concession strategy (simulate.md).
 */
typedef enum {
  RL_STRATEGY_LINEAR,
  RL_STRATEGY_HARDLINER,
  RL_STRATEGY_BOULWARE,
  RL_STRATEGY_CONCEDER,
  RL_STRATEGY_EXPONENT,
} RlStrategyKind;

/**
 * RlMoves: which changes of an issue a party that controls it can make
 * once a deal is agreed (stability.md `moves`).
 * @RL_MOVES_BOTH: to any other option (the default)
 * @RL_MOVES_FORWARD: only to an option later in the issue's list
 * @RL_MOVES_BACKWARD: only to an earlier one
 */
typedef enum {
  RL_MOVES_BOTH,
  RL_MOVES_FORWARD,
  RL_MOVES_BACKWARD,
} RlMoves;

/**
 * RlProtocol: how `simulate` plays the talks (simulate.md).
 */
typedef enum {
  RL_PROTOCOL_ALTERNATING,
  RL_PROTOCOL_MEDIATOR,
} RlProtocol;

/* ---- Loading ---------------------------------------------------------- */

/**
 * rl_scenario_load:
 * @path: the file to read; error messages name it as given
 * @error: RL_ERROR_IO when it cannot be read; otherwise RL_ERROR_SYNTAX,
 *   RL_ERROR_SCHEMA or RL_ERROR_LIMIT with every error of the file, one per
 *   line, each "path:line:col: error: text", in the order of their position
 *
 * Returns: (transfer full) (nullable): the scenario, or %NULL.
 */
RlScenario *rl_scenario_load (const char *path, GError **error);

/**
 * rl_scenario_load_from_data:
 * @data: the file's bytes (need not be NUL-terminated)
 * @display_name: the name error messages use for the file
 *
 * Like rl_scenario_load() for a file already in memory. A file that
 * `extends` another is refused here: a base can only be found on disk.
 */
RlScenario *rl_scenario_load_from_data (const char *data,
                                        gsize len,
                                        const char *display_name,
                                        GError **error);

RlScenario *rl_scenario_ref (RlScenario *sc);
void rl_scenario_unref (RlScenario *sc);

/* ---- The scenario ------------------------------------------------------ */

const char *rl_scenario_get_file (const RlScenario *sc);
const char *rl_scenario_get_title (const RlScenario *sc);
const char *rl_scenario_get_description (const RlScenario *sc);  /* nullable */
const char *rl_scenario_get_date (const RlScenario *sc);         /* nullable */

guint rl_scenario_get_n_sources (const RlScenario *sc);
/** Out parameters may be %NULL; url and note may come back %NULL. */
void rl_scenario_get_source (const RlScenario *sc, guint s,
                             const char **title, const char **url,
                             const char **note);

/**
 * rl_scenario_get_changes:
 * Returns: (transfer none): the what-if changes applied to reach this
 *   scenario, as text ("relax ukraine/no-territory-ceded"), in order;
 *   %NULL-terminated, empty for a plain file.
 */
const char *const *rl_scenario_get_changes (const RlScenario *sc);

/**
 * rl_scenario_get_loaded_files:
 * The files read to build the scenario, as the loader opened them (a
 * base is named relative to its variant's folder joined to the variant's
 * path, as messages name it): the file given to rl_scenario_load() first,
 * then the base it `extends`, then that base's base, and so on. A
 * command that writes files compares its targets with these so as never
 * to overwrite one (compare by identity, device and inode: the names
 * need not be canonical). What-if changes keep the list of the scenario
 * they change.
 *
 * Returns: (transfer none) (array zero-terminated=1): %NULL-terminated,
 *   empty for a scenario loaded from data; valid as long as @sc.
 */
const char *const *rl_scenario_get_loaded_files (const RlScenario *sc);

/* ---- Issues and options -------------------------------------------------- */

guint rl_scenario_get_n_issues (const RlScenario *sc);
const char *rl_scenario_get_issue_id (const RlScenario *sc, guint i);
const char *rl_scenario_get_issue_label (const RlScenario *sc, guint i);
const char *rl_scenario_get_issue_description (const RlScenario *sc, guint i); /* nullable */
gboolean rl_scenario_issue_is_ordered (const RlScenario *sc, guint i);
guint rl_scenario_get_n_options (const RlScenario *sc, guint i);
const char *rl_scenario_get_option_id (const RlScenario *sc, guint i, guint k);
const char *rl_scenario_get_option_label (const RlScenario *sc, guint i, guint k);
const char *rl_scenario_get_option_description (const RlScenario *sc, guint i, guint k); /* nullable */

/** Returns: the issue's position, or -1. */
int rl_scenario_find_issue (const RlScenario *sc, const char *id);
/** Returns: the option's position in issue @i, or -1. */
int rl_scenario_find_option (const RlScenario *sc, guint i, const char *id);

/**
 * rl_scenario_get_status_quo:
 * Returns: (transfer none) (nullable): the status quo package, or %NULL.
 */
const guint8 *rl_scenario_get_status_quo (const RlScenario *sc);

/* ---- The package space --------------------------------------------------- */

/**
 * rl_scenario_get_space:
 * @exact: (out) (optional): the product of option counts when it is at
 *   most 2^63 - 1
 *
 * Returns: %TRUE when the space fits in @exact; %FALSE when it is larger
 *   (then only rl_scenario_get_space_approx() knows it).
 */
gboolean rl_scenario_get_space (const RlScenario *sc, guint64 *exact);
double rl_scenario_get_space_approx (const RlScenario *sc);

/**
 * rl_scenario_format_space:
 * @digits: significant digits (1 to 17)
 *
 * Returns: (transfer full): about how many packages the space holds, as
 *   messages and writers print a space too large to count: "6.1e+19".
 *   Also above the range of a double (64^256 = 1.3e+462), where
 *   rl_scenario_get_space_approx() is infinite: then from the sum of the
 *   logarithms of the option counts. Independent of the C locale.
 */
char *rl_scenario_format_space (const RlScenario *sc, int digits);

/**
 * rl_scenario_package_index:
 * Returns: scenario.md's package index (mixed radix, first issue most
 *   significant). Only meaningful when the space fits in 63 bits.
 */
guint64 rl_scenario_package_index (const RlScenario *sc, const guint8 *package);

/** rl_scenario_package_from_index: the inverse; @package has n_issues bytes. */
void rl_scenario_package_from_index (const RlScenario *sc, guint64 index,
                                     guint8 *package);

/** RL_INDEX_TEXT_SIZE: room for any package index as text (64^256 - 1
 * has 463 digits) and its NUL. */
#define RL_INDEX_TEXT_SIZE 480

/** RL_INDEX_SMALL_MAX: 2^53, the largest index a JSON number (a double)
 * holds exactly together with every smaller one; JSON writers print
 * larger indices as decimal strings. */
#define RL_INDEX_SMALL_MAX G_GUINT64_CONSTANT (9007199254740992)

/**
 * rl_scenario_format_package_index:
 * @buf: (out caller-allocates): RL_INDEX_TEXT_SIZE bytes
 *
 * The exact package index in decimal, for every space size, also beyond
 * the 63 bits of rl_scenario_package_index(): what every writer prints
 * beside a package.
 *
 * Returns: (transfer none): @buf.
 */
const char *rl_scenario_format_package_index (const RlScenario *sc, const guint8 *package,
                                              char buf[RL_INDEX_TEXT_SIZE]);

/**
 * rl_scenario_package_index_is_small:
 * @index: (out) (optional): the index, when small
 *
 * Returns: %TRUE when the package's index is at most RL_INDEX_SMALL_MAX,
 *   whatever the size of the space.
 */
gboolean rl_scenario_package_index_is_small (const RlScenario *sc, const guint8 *package,
                                             guint64 *index);

/**
 * rl_scenario_package_from_index_text:
 * @digits: decimal digits only (leading zeros allowed), any length
 * @package: (out caller-allocates): n_issues bytes
 * @error: RL_ERROR_INVALID_ARGUMENT when the index is past the last
 *   package (the message names the last one)
 *
 * The inverse of rl_scenario_format_package_index().
 */
gboolean rl_scenario_package_from_index_text (const RlScenario *sc, const char *digits,
                                              guint8 *package, GError **error);

/**
 * rl_scenario_compare_packages:
 * Returns: <0, 0, >0 as @a's index is below, equal to or above @b's,
 *   computed without the index (so it works for any space size).
 */
int rl_scenario_compare_packages (const RlScenario *sc,
                                  const guint8 *a, const guint8 *b);

/**
 * rl_deal_parse:
 * @text: "ISSUE=OPTION,ISSUE=OPTION,..." naming every issue once, by the
 *   ids of the file (spaces around ids are allowed); or a package index
 *   (scenario.md, decimal digits alone, spaces around allowed), which
 *   names every issue
 * @package: (out caller-allocates): n_issues bytes
 * @error: RL_ERROR_INVALID_ARGUMENT: a missing, repeated or unknown issue
 *   or option, with a did-you-mean hint, or an index past the last
 *   package. The message does not say where @text came from ("unknown
 *   issue 'x'"); a caller may prefix that.
 */
gboolean rl_deal_parse (const RlScenario *sc, const char *text, guint8 *package, GError **error);

/**
 * rl_deal_parse_partial:
 * Like rl_deal_parse(), but @text may leave issues out: those are RL_UNSET
 * in @package, and it is for the caller to say whether that will do.
 */
gboolean rl_deal_parse_partial (const RlScenario *sc, const char *text, guint8 *package,
                                GError **error);

/**
 * rl_number_representable:
 * @text: a number in decimal or scientific notation (the caller checks
 *   the syntax); read up to the first character that is not part of it
 * @value: (out): the closest double
 *
 * The one rule for every number a scenario file or a command-line flag
 * gives: what a double cannot hold is refused, above the largest double
 * (1e309) as below the smallest (1e-400, which would silently read as
 * 0); subnormal numbers (1e-310) are held, with fewer digits.
 *
 * Returns: %FALSE when @text's number overflows or underflows to 0.
 */
gboolean rl_number_representable (const char *text, double *value);

/* ---- Constraints ----------------------------------------------------------- */

guint rl_scenario_get_n_constraints (const RlScenario *sc);
const RlNamedRule *rl_scenario_get_constraint (const RlScenario *sc, guint c);

const char *rl_named_rule_get_id (const RlNamedRule *r);
const char *rl_named_rule_get_text (const RlNamedRule *r);
const char *rl_named_rule_get_note (const RlNamedRule *r);     /* nullable */
const char *rl_named_rule_get_source (const RlNamedRule *r);   /* nullable */
gboolean rl_named_rule_is_public (const RlNamedRule *r);       /* TRUE for constraints */
const RlRule *rl_named_rule_get_rule (const RlNamedRule *r);

/* ---- Parties ------------------------------------------------------------ */

guint rl_scenario_get_n_parties (const RlScenario *sc);
guint rl_scenario_get_n_veto_parties (const RlScenario *sc);
int rl_scenario_find_party (const RlScenario *sc, const char *id);
const char *rl_scenario_get_party_id (const RlScenario *sc, guint p);
const char *rl_scenario_get_party_label (const RlScenario *sc, guint p);
const char *rl_scenario_get_party_description (const RlScenario *sc, guint p); /* nullable */
gboolean rl_scenario_party_is_veto (const RlScenario *sc, guint p);
double rl_scenario_get_party_power (const RlScenario *sc, guint p);
/** rl_scenario_get_party_batna: the BATNA, derived when taken from the status quo. */
double rl_scenario_get_party_batna (const RlScenario *sc, guint p);

/**
 * rl_scenario_get_party_batna_adjust:
 * @adjust: (out) (optional): ADJUST of `batna: {status_quo: ADJUST}` (0
 *   for `batna: status_quo`)
 * Returns: whether the party's BATNA is taken from the status quo
 *   (scenario.md section 2): u_p(status quo) + ADJUST, derived again after
 *   every what-if change; a `set` of the BATNA makes it a plain number.
 */
gboolean rl_scenario_get_party_batna_adjust (const RlScenario *sc, guint p, double *adjust);

/**
 * rl_scenario_get_party_weight:
 * Returns: the normalised weight ŵ (0 for an issue not in `weights`, and for
 *   every issue of a party without `weights`).
 */
double rl_scenario_get_party_weight (const RlScenario *sc, guint p, guint i);
/** rl_scenario_get_party_raw_weight: the weight as written (0 if absent). */
double rl_scenario_get_party_raw_weight (const RlScenario *sc, guint p, guint i);
/** rl_scenario_party_has_values: whether `values` names issue @i. */
gboolean rl_scenario_party_has_values (const RlScenario *sc, guint p, guint i);
/** rl_scenario_get_party_value: v_p,i(k), 0 when the party has no values for @i. */
double rl_scenario_get_party_value (const RlScenario *sc, guint p, guint i, guint k);

guint rl_scenario_get_n_bonuses (const RlScenario *sc, guint p);
const RlRule *rl_scenario_get_bonus_rule (const RlScenario *sc, guint p, guint b);
const char *rl_scenario_get_bonus_text (const RlScenario *sc, guint p, guint b);
double rl_scenario_get_bonus_value (const RlScenario *sc, guint p, guint b);
const char *rl_scenario_get_bonus_note (const RlScenario *sc, guint p, guint b); /* nullable */

guint rl_scenario_get_n_red_lines (const RlScenario *sc, guint p);
const RlNamedRule *rl_scenario_get_red_line (const RlScenario *sc, guint p, guint r);

/**
 * rl_scenario_get_party_note:
 * @key: "batna", "power", "weights" or "values"
 * Returns: (nullable): the party's `notes` entry for @key.
 */
const char *rl_scenario_get_party_note (const RlScenario *sc, guint p, const char *key);

/* ---- Moves after a deal (stability.md) ------------------------------------ */

/** rl_moves_name: "both", "forward" or "backward". */
const char *rl_moves_name (RlMoves moves);

/** rl_scenario_get_issue_moves: the issue's `moves` (default RL_MOVES_BOTH). */
RlMoves rl_scenario_get_issue_moves (const RlScenario *sc, guint i);

/**
 * rl_moves_allow:
 * Returns: whether @moves lets an issue go from option @from to option @to
 *   (%FALSE when they are equal: that is no move).
 */
gboolean rl_moves_allow (RlMoves moves, guint from, guint to);

/**
 * rl_scenario_get_party_n_controls:
 * Returns: how many issues party @p controls (its `controls` list; 0 when
 *   it has none or `controls: []`). A party with at least one is a
 *   decision maker of stability.md.
 */
guint rl_scenario_get_party_n_controls (const RlScenario *sc, guint p);
/** rl_scenario_get_party_control: the issue of entry @c of @p's `controls`. */
guint rl_scenario_get_party_control (const RlScenario *sc, guint p, guint c);
/** rl_scenario_get_party_control_note: (nullable): that entry's `note`. */
const char *rl_scenario_get_party_control_note (const RlScenario *sc, guint p, guint c);
/** rl_scenario_get_issue_controller: the party that controls issue @i, or -1. */
int rl_scenario_get_issue_controller (const RlScenario *sc, guint i);
/** rl_scenario_has_controls: whether some party controls some issue. */
gboolean rl_scenario_has_controls (const RlScenario *sc);

/* ---- Simulation settings (simulate.md) --------------------------------- */

/**
 * rl_strategy_name:
 * Returns: (nullable): simulate.md's name of @kind: "linear", "hardliner",
 *   "boulware" or "conceder"; %NULL for RL_STRATEGY_EXPONENT, which is
 *   written as its exponent.
 */
const char *rl_strategy_name (RlStrategyKind kind);

/**
 * rl_strategy_from_name:
 * @kind: (out), @exponent: (out): the strategy and its e_p (linear 1,
 *   hardliner +infinity, boulware 0.2, conceder 5)
 * Returns: %FALSE when @name is none of the four names.
 */
gboolean rl_strategy_from_name (const char *name, RlStrategyKind *kind, double *exponent);

RlStrategyKind rl_scenario_get_party_strategy (const RlScenario *sc, guint p);
/** rl_scenario_get_party_exponent: e_p (hardliner: +infinity). */
double rl_scenario_get_party_exponent (const RlScenario *sc, guint p);
double rl_scenario_get_party_drift_base (const RlScenario *sc, guint p);
guint rl_scenario_get_party_n_drift_rules (const RlScenario *sc, guint p);
const RlRule *rl_scenario_get_party_drift_rule (const RlScenario *sc, guint p, guint d);
const char *rl_scenario_get_party_drift_text (const RlScenario *sc, guint p, guint d);
double rl_scenario_get_party_drift_value (const RlScenario *sc, guint p, guint d);
const char *rl_scenario_get_party_drift_note (const RlScenario *sc, guint p, guint d); /* nullable */
/** rl_scenario_get_party_drift: d_p(x) of simulate.md. */
double rl_scenario_get_party_drift (const RlScenario *sc, guint p, const guint8 *package);

gboolean rl_scenario_has_simulation (const RlScenario *sc);
RlProtocol rl_scenario_get_protocol (const RlScenario *sc);
guint rl_scenario_get_rounds (const RlScenario *sc);
guint rl_scenario_get_horizon (const RlScenario *sc);
double rl_scenario_get_noise (const RlScenario *sc);
guint rl_scenario_get_mediator_reach (const RlScenario *sc);
/** rl_scenario_get_order: the proposers, party positions; @n out. */
const guint *rl_scenario_get_order (const RlScenario *sc, guint *n);

/* ---- Meaning (scenario.md sections 4 and 5) ------------------------------- */

/**
 * rl_scenario_utility:
 * Returns: u_p(x) of scenario.md section 4, summed in file order (issues,
 *   then bonuses), the canonical value every output prints.
 */
double rl_scenario_utility (const RlScenario *sc, guint p, const guint8 *package);

/** rl_scenario_is_feasible: every constraint holds. */
gboolean rl_scenario_is_feasible (const RlScenario *sc, const guint8 *package);
/** rl_scenario_is_compatible: feasible and every veto party's red lines hold. */
gboolean rl_scenario_is_compatible (const RlScenario *sc, const guint8 *package);
/**
 * rl_scenario_is_acceptable:
 * @ignore_batna: treat every package that is compatible as acceptable
 */
gboolean rl_scenario_is_acceptable (const RlScenario *sc, const guint8 *package,
                                    gboolean ignore_batna);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RlScenario, rl_scenario_unref)

G_END_DECLS
