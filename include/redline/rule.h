/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * rule.h: the rule language of scenario.md section 3.
 *
 * A rule is compiled once, against the issues of a scenario, into an
 * immutable tree whose atoms are all of the form "issue IN set of options"
 * (==, !=, <, <=, >, >=, in, not in and the bare [no, yes] issue all reduce
 * to that), so evaluation never looks at a string.
 *
 * Packages are arrays of option positions in file order of the issues, one
 * byte per issue; in a partial package an issue not chosen yet holds
 * RL_UNSET.
 *
 * Ownership: rl_rule_compile() returns a new rule owned by the caller, freed
 * with rl_rule_free(). Getters borrow.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/** RL_UNSET: the option position of an issue not chosen yet. */
#define RL_UNSET ((guint8) 0xFF)

/** Limits of scenario.md section 2 that the rule compiler enforces. */
#define RL_RULE_MAX_BYTES 4096
#define RL_RULE_MAX_DEPTH 64

/**
 * RlTruth: three-valued logic (Kleene) for partial packages.
 */
typedef enum {
  RL_FALSE = 0,
  RL_TRUE = 1,
  RL_UNKNOWN = 2,
} RlTruth;

/**
 * RlIssueInfo: what the compiler needs to know of one issue. Borrowed for
 * the duration of rl_rule_compile() only.
 */
typedef struct {
  const char *id;
  gboolean ordered;
  guint n_options;                /* 1 .. 64 */
  const char *const *option_ids;  /* n_options entries */
} RlIssueInfo;

typedef struct _RlRule RlRule;

/**
 * rl_rule_compile:
 * @text: the rule, UTF-8, as YAML decoded it
 * @issues: (array length=n_issues): the scenario's issues, file order
 * @error_offset: (out): on failure, where the offending token starts:
 *   0-based, counted in characters (code points) from the start of @text
 * @error: domain RL_ERROR, code RL_ERROR_SYNTAX (bad syntax), RL_ERROR_SCHEMA
 *   (unknown issue or option, ordering on an unordered issue, a bare issue
 *   that is not [no, yes]) or RL_ERROR_LIMIT (text over RL_RULE_MAX_BYTES,
 *   nesting over RL_RULE_MAX_DEPTH). The message has no position prefix: the
 *   caller turns @error_offset into file:line:col.
 *
 * Returns: (transfer full) (nullable): the compiled rule, or %NULL.
 */
RlRule *rl_rule_compile (const char *text,
                         const RlIssueInfo *issues,
                         guint n_issues,
                         guint *error_offset,
                         GError **error);

/** rl_rule_free: frees @rule; %NULL is allowed. */
void rl_rule_free (RlRule *rule);

/**
 * rl_rule_eval:
 * @package: a complete package (every issue of the rule chosen)
 *
 * Returns: whether the rule holds.
 */
gboolean rl_rule_eval (const RlRule *rule, const guint8 *package);

/**
 * rl_rule_eval_partial:
 * @package: a partial package; RL_UNSET marks an issue not chosen yet
 *
 * Returns: RL_TRUE or RL_FALSE when every completion of @package agrees,
 *   RL_UNKNOWN otherwise (Kleene logic; may be RL_UNKNOWN in rare cases
 *   where a smarter prover could decide, e.g. "a or not a").
 */
RlTruth rl_rule_eval_partial (const RlRule *rule, const guint8 *package);

/**
 * rl_rule_get_issues:
 * @n_issues: (out): how many
 *
 * Returns: (transfer none): the issues the rule reads, ascending, without
 *   repetition (empty for a constant rule).
 */
const guint *rl_rule_get_issues (const RlRule *rule, guint *n_issues);

/**
 * rl_rule_get_unary_mask:
 * @issue: (out): the one issue
 * @mask: (out): bit k set when option k satisfies the rule
 *
 * Returns: %TRUE when the rule reads exactly one issue, filling @issue and
 *   @mask, so that callers can turn the rule into a domain restriction.
 */
gboolean rl_rule_get_unary_mask (const RlRule *rule, guint *issue, guint64 *mask);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RlRule, rl_rule_free)

G_END_DECLS
