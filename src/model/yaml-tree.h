/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * yaml-tree.h: one YAML document as a small tree of nodes with 1-based
 * positions. The only module that sees libyaml; it enforces the limits
 * that belong to the document itself (file size, nesting depth, alias
 * expansion), so that the scenario loader never walks anything large.
 *
 * Aliases are not copied: an alias node is the anchored node itself, so
 * the tree is a DAG whose nodes all belong to one RlYamlDoc (an arena).
 * Ownership: rl_yaml_doc_parse() returns a new document; nodes are
 * borrowed from it and die with rl_yaml_doc_free().
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  RL_YAML_SCALAR,
  RL_YAML_SEQUENCE,
  RL_YAML_MAPPING,
} RlYamlKind;

typedef enum {
  RL_YAML_PLAIN,
  RL_YAML_SINGLE_QUOTED,
  RL_YAML_DOUBLE_QUOTED,
  RL_YAML_LITERAL,
  RL_YAML_FOLDED,
} RlYamlStyle;

typedef struct _RlYamlNode RlYamlNode;

struct _RlYamlNode {
  RlYamlKind kind;
  guint line;           /* 1-based */
  guint col;            /* 1-based, in characters */
  guint end_line;       /* where the node ends (scalars: after the text) */
  char *tag;            /* nullable: an explicit tag such as "!foo" */
  /* RL_YAML_SCALAR */
  char *value;          /* NUL-terminated; may contain NUL bytes before len */
  gsize len;
  RlYamlStyle style;
  /* one-line scalars whose value does not start at @col or is not a copy
   * of the source (a tag or anchor before it, escapes in quotes): the
   * column of each character of @value and of its end (n_chars + 1
   * entries); %NULL otherwise. Use rl_yaml_scalar_position(). */
  guint *cols;
  guint n_cols;
  /* RL_YAML_SEQUENCE: items; RL_YAML_MAPPING: key, value, key, value... */
  RlYamlNode **children;
  guint n_children;
  /* internal: size of the expanded subtree, for the alias limit */
  gsize expanded;
};

typedef struct _RlYamlDoc RlYamlDoc;

/**
 * rl_yaml_doc_parse:
 * @data: the bytes of the file
 * @max_depth: nesting limit (the top collection is depth 1)
 * @max_nodes: limit on nodes after alias expansion (keys count)
 * @err_line, @err_col: (out): 1-based position of the error
 * @error: RL_ERROR_SYNTAX (bad YAML, more than one document, a recursive
 *   alias) or RL_ERROR_LIMIT; the message has no position prefix
 *
 * Returns: (transfer full) (nullable): the document; its root may be %NULL
 *   for an empty stream.
 */
RlYamlDoc *rl_yaml_doc_parse (const char *data, gsize len,
                              guint max_depth, gsize max_nodes,
                              guint *err_line, guint *err_col,
                              GError **error);

/** rl_yaml_doc_get_root: (transfer none) (nullable). */
const RlYamlNode *rl_yaml_doc_get_root (const RlYamlDoc *doc);

void rl_yaml_doc_free (RlYamlDoc *doc);

/**
 * rl_yaml_scalar_position:
 * @offset: a position in @node's value, in characters (0 .. length)
 * @line, @col: (out): 1-based position of that character in the file
 *
 * Exact for one-line plain and quoted scalars (escapes and a tag or anchor
 * before the value included); the scalar's start for block scalars and
 * scalars that span lines (scenario.md section 3).
 */
void rl_yaml_scalar_position (const RlYamlNode *node, gsize offset,
                              guint *line, guint *col);

/** rl_yaml_kind_name: "text", "a list" or "a mapping", for messages. */
const char *rl_yaml_kind_name (RlYamlKind kind);

/** rl_yaml_node_describe: like rl_yaml_kind_name(), but "an empty value"
 * for a key with nothing after it (`key:`), which YAML reads as text. */
const char *rl_yaml_node_describe (const RlYamlNode *node);

/**
 * rl_json_number_syntax:
 * Returns: whether the @len bytes at @s follow JSON's number grammar, which
 *   every number in a scenario follows (and a what-if value too): YAML's
 *   .5, +1, 1_000, .nan and .inf are refused.
 */
gboolean rl_json_number_syntax (const char *s, gsize len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RlYamlDoc, rl_yaml_doc_free)

G_END_DECLS
