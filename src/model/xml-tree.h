/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * xml-tree.h: an XML file as a tree of elements with their attributes and
 * 1-based positions (line, column in characters), read with GLib's
 * GMarkup. Text content is dropped: the formats read here (Genius) keep
 * everything in attributes.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _RlXmlNode RlXmlNode;
struct _RlXmlNode {
  char *name;
  GStrv attr_names;
  GStrv attr_values;
  guint line, col;        /* where the start tag begins */
  RlXmlNode *parent;
  GPtrArray *children;    /* RlXmlNode*, document order */
};

/**
 * rl_xml_parse:
 * @data: the file's bytes (need not end with NUL)
 * @file: the name messages give
 * @error: RL_ERROR_SYNTAX, "file:line:col: error: ..." for malformed XML;
 *   RL_ERROR_LIMIT past the depth limit (RL_MAX_DEPTH)
 *
 * Returns: (transfer full) (nullable): the root element; free with
 *   rl_xml_node_free().
 */
RlXmlNode *rl_xml_parse (const char *data, gsize len, const char *file, GError **error);

void rl_xml_node_free (RlXmlNode *node);

/** rl_xml_get_attr: (nullable): the value of attribute @name, borrowed. */
const char *rl_xml_get_attr (const RlXmlNode *node, const char *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RlXmlNode, rl_xml_node_free)

G_END_DECLS
