/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * rule-internals.h: the compiled form of a rule, read-only, for the search
 * engine, which builds its own faster forms (per-issue masks, clause lists)
 * from it instead of re-parsing text.
 *
 * The tree is a flat array in left-child right-sibling form, so that an
 * and/or keeps all its operands at one level (the depth of the array tree
 * never exceeds RL_RULE_MAX_DEPTH, which bounds any recursive walk) and
 * nothing needs a separate child list.
 *
 * Invariants after rl_rule_compile():
 * - nodes are in pre-order: the root is node 0 and every child has a larger
 *   index than its parent (so a backwards loop visits children first);
 * - RL_RULE_NODE_CONST appears only as the root, alone: constants are folded
 *   away everywhere else;
 * - an RL_RULE_NODE_IN mask is never empty and never covers every option of
 *   its issue (those fold to constants), and has no bit at or above the
 *   issue's option count;
 * - NOT has one child; IMPLIES and IFF two (antecedent first for IMPLIES);
 *   AND and OR at least two, none of the same kind as the parent (nested
 *   and-of-and is flattened), and at most one IN child per issue (IN atoms on
 *   the same issue are merged into one mask).
 */
#pragma once

#include <redline/rule.h>

G_BEGIN_DECLS

/** RL_RULE_NO_NODE: the "no child" / "no next sibling" link. */
#define RL_RULE_NO_NODE G_MAXUINT32

/**
 * RlRuleNodeKind:
 * @RL_RULE_NODE_CONST: true when mask is 1, false when mask is 0
 * @RL_RULE_NODE_IN: true when the option chosen for issue is in mask
 * @RL_RULE_NODE_NOT: the negation of its child
 * @RL_RULE_NODE_AND: all children hold
 * @RL_RULE_NODE_OR: at least one child holds
 * @RL_RULE_NODE_IMPLIES: the first child does not hold or the second does
 * @RL_RULE_NODE_IFF: both children agree
 */
typedef enum {
  RL_RULE_NODE_CONST,
  RL_RULE_NODE_IN,
  RL_RULE_NODE_NOT,
  RL_RULE_NODE_AND,
  RL_RULE_NODE_OR,
  RL_RULE_NODE_IMPLIES,
  RL_RULE_NODE_IFF,
} RlRuleNodeKind;

/**
 * RlRuleNode:
 * @mask: IN: bit k set when option k satisfies the atom; CONST: 1 or 0;
 *   0 for the other kinds
 * @issue: IN: the issue index (file order); 0 for the other kinds
 * @child: the first child, or RL_RULE_NO_NODE for IN and CONST
 * @next: the parent's next child after this one, or RL_RULE_NO_NODE
 * @kind: what the node computes
 */
typedef struct {
  guint64 mask;
  guint32 issue;
  guint32 child;
  guint32 next;
  RlRuleNodeKind kind;
} RlRuleNode;

/**
 * rl_rule_get_nodes:
 * @n_nodes: (out): how many nodes (at least 1)
 * @root: (out): the index of the root (always 0; returned so that callers
 *   do not depend on that)
 *
 * Returns: (transfer none) (array length=n_nodes): the compiled tree, owned
 *   by @r and valid as long as it is; never modified after compilation, so
 *   any number of threads may read it.
 */
const RlRuleNode *rl_rule_get_nodes (const RlRule *r, guint *n_nodes, guint *root);

/**
 * rl_rule_get_depth:
 *
 * Returns: the depth of the compiled tree (1 for a single atom or
 *   constant), at most RL_RULE_MAX_DEPTH: enough to size an explicit stack.
 *   This is the depth after folding and flattening, so it can be less than
 *   the nesting depth of the text that the limit applies to.
 */
guint rl_rule_get_depth (const RlRule *r);

G_END_DECLS
