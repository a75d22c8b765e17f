/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "yaml-tree.h"

#include <redline/error.h>
#include <yaml.h>

struct _RlYamlDoc {
  GPtrArray *nodes;     /* every node, owned: the arena */
  RlYamlNode *root;
};

/* What the event loop builds: a stack of open collections, the anchors seen
 * so far, and the running total of expanded nodes. */
typedef struct {
  RlYamlDoc *doc;
  GPtrArray *stack;         /* RlYamlNode* of open collections */
  GPtrArray *stack_items;   /* GPtrArray* of children, parallel to stack */
  GHashTable *anchors;      /* name -> RlYamlNode* (borrowed from arena) */
  gsize total;
  gsize max_nodes;
  guint max_depth;
  guint documents;
} Builder;

static void
node_free (gpointer data)
{
  RlYamlNode *node = data;
  g_free (node->tag);
  g_free (node->value);
  g_free (node->children);
  g_free (node);
}

void
rl_yaml_doc_free (RlYamlDoc *doc)
{
  if (doc == NULL)
    return;
  g_ptr_array_unref (doc->nodes);
  g_free (doc);
}

const RlYamlNode *
rl_yaml_doc_get_root (const RlYamlDoc *doc)
{
  g_return_val_if_fail (doc != NULL, NULL);
  return doc->root;
}

const char *
rl_yaml_kind_name (RlYamlKind kind)
{
  switch (kind)
    {
    case RL_YAML_SCALAR:
      return "text";
    case RL_YAML_SEQUENCE:
      return "a list";
    case RL_YAML_MAPPING:
      return "a mapping";
    default:
      return "?";
    }
}

static RlYamlNode *
node_new (Builder *b, RlYamlKind kind, const yaml_mark_t *mark, const yaml_char_t *tag)
{
  RlYamlNode *node = g_new0 (RlYamlNode, 1);
  node->kind = kind;
  node->line = (guint) MIN (mark->line + 1, G_MAXUINT);
  node->col = (guint) MIN (mark->column + 1, G_MAXUINT);
  node->end_line = node->line;
  node->tag = tag ? g_strdup ((const char *) tag) : NULL;
  node->expanded = 1;
  g_ptr_array_add (b->doc->nodes, node);
  return node;
}

static RlYamlStyle
style_of (yaml_scalar_style_t style)
{
  switch (style)
    {
    case YAML_SINGLE_QUOTED_SCALAR_STYLE:
      return RL_YAML_SINGLE_QUOTED;
    case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
      return RL_YAML_DOUBLE_QUOTED;
    case YAML_LITERAL_SCALAR_STYLE:
      return RL_YAML_LITERAL;
    case YAML_FOLDED_SCALAR_STYLE:
      return RL_YAML_FOLDED;
    default:
      return RL_YAML_PLAIN;
    }
}

static gboolean
set_error (GError **error, guint *err_line, guint *err_col, const yaml_mark_t *mark,
           int code, const char *message)
{
  *err_line = (guint) MIN (mark->line + 1, G_MAXUINT);
  *err_col = (guint) MIN (mark->column + 1, G_MAXUINT);
  g_set_error_literal (error, RL_ERROR, code, message);
  return FALSE;
}

/* Counts a node (or an alias's whole subtree) against the expansion limit.
 * The check happens before anything is added, so a "billion laughs"
 * document stops at the first alias that crosses the limit, without ever
 * building more than its own text. */
static gboolean
count_nodes (Builder *b, gsize n, const yaml_mark_t *mark,
             guint *err_line, guint *err_col, GError **error)
{
  if (n > b->max_nodes || b->total > b->max_nodes - n)
    {
      g_autofree char *msg = g_strdup_printf (
          "the document expands to more than %" G_GSIZE_FORMAT
          " nodes (aliases included)", b->max_nodes);
      return set_error (error, err_line, err_col, mark, RL_ERROR_LIMIT, msg);
    }
  b->total += n;
  return TRUE;
}

/* Adds a finished node to the open collection, or makes it the root. */
static void
attach (Builder *b, RlYamlNode *node)
{
  if (b->stack->len == 0)
    {
      b->doc->root = node;
      return;
    }
  GPtrArray *items = g_ptr_array_index (b->stack_items, b->stack_items->len - 1);
  g_ptr_array_add (items, node);
}

static void
remember_anchor (Builder *b, const yaml_char_t *anchor, RlYamlNode *node)
{
  if (anchor != NULL)
    g_hash_table_replace (b->anchors, g_strdup ((const char *) anchor), node);
}

static gboolean
open_collection (Builder *b, RlYamlKind kind, const yaml_event_t *event,
                 guint *err_line, guint *err_col, GError **error)
{
  const yaml_char_t *tag, *anchor;
  if (kind == RL_YAML_MAPPING)
    {
      tag = event->data.mapping_start.tag;
      anchor = event->data.mapping_start.anchor;
    }
  else
    {
      tag = event->data.sequence_start.tag;
      anchor = event->data.sequence_start.anchor;
    }
  if (b->stack->len + 1 > b->max_depth)
    {
      g_autofree char *msg = g_strdup_printf ("nesting deeper than %u levels", b->max_depth);
      return set_error (error, err_line, err_col, &event->start_mark, RL_ERROR_LIMIT, msg);
    }
  if (!count_nodes (b, 1, &event->start_mark, err_line, err_col, error))
    return FALSE;
  RlYamlNode *node = node_new (b, kind, &event->start_mark, tag);
  /* The subtree size is unknown until the end event: an alias to this
   * anchor from inside itself must be refused, not counted as 1. */
  node->expanded = 0;
  remember_anchor (b, anchor, node);
  g_ptr_array_add (b->stack, node);
  g_ptr_array_add (b->stack_items, g_ptr_array_new ());
  return TRUE;
}

static void
close_collection (Builder *b, const yaml_mark_t *end_mark)
{
  RlYamlNode *node = g_ptr_array_steal_index (b->stack, b->stack->len - 1);
  GPtrArray *items = g_ptr_array_steal_index (b->stack_items, b->stack_items->len - 1);
  node->n_children = items->len;
  node->expanded = 1;
  for (guint i = 0; i < items->len; i++)
    node->expanded += ((RlYamlNode *) g_ptr_array_index (items, i))->expanded;
  node->children = (RlYamlNode **) g_ptr_array_free (items, FALSE);
  node->end_line = (guint) MIN (end_mark->line + 1, G_MAXUINT);
  attach (b, node);
}

static gboolean
handle_event (Builder *b, const yaml_event_t *event,
              guint *err_line, guint *err_col, GError **error)
{
  switch (event->type)
    {
    case YAML_DOCUMENT_START_EVENT:
      if (++b->documents > 1)
        return set_error (error, err_line, err_col, &event->start_mark, RL_ERROR_SYNTAX,
                          "a scenario file holds one YAML document; found a second one");
      return TRUE;
    case YAML_SCALAR_EVENT:
      {
        if (!count_nodes (b, 1, &event->start_mark, err_line, err_col, error))
          return FALSE;
        RlYamlNode *node = node_new (b, RL_YAML_SCALAR, &event->start_mark,
                                     event->data.scalar.tag);
        node->len = event->data.scalar.length;
        node->value = g_malloc (node->len + 1);
        memcpy (node->value, event->data.scalar.value, node->len);
        node->value[node->len] = '\0';
        node->style = style_of (event->data.scalar.style);
        node->end_line = (guint) MIN (event->end_mark.line + 1, G_MAXUINT);
        remember_anchor (b, event->data.scalar.anchor, node);
        attach (b, node);
        return TRUE;
      }
    case YAML_ALIAS_EVENT:
      {
        RlYamlNode *target = g_hash_table_lookup (b->anchors,
                                                  (const char *) event->data.alias.anchor);
        if (target == NULL)
          {
            g_autofree char *msg = g_strdup_printf ("unknown alias '*%s'",
                                                    (const char *) event->data.alias.anchor);
            return set_error (error, err_line, err_col, &event->start_mark, RL_ERROR_SYNTAX, msg);
          }
        if (target->expanded == 0)
          return set_error (error, err_line, err_col, &event->start_mark, RL_ERROR_SYNTAX,
                            "an alias refers to a collection that contains it");
        if (!count_nodes (b, target->expanded, &event->start_mark, err_line, err_col, error))
          return FALSE;
        attach (b, target);
        return TRUE;
      }
    case YAML_SEQUENCE_START_EVENT:
      return open_collection (b, RL_YAML_SEQUENCE, event, err_line, err_col, error);
    case YAML_MAPPING_START_EVENT:
      return open_collection (b, RL_YAML_MAPPING, event, err_line, err_col, error);
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
      close_collection (b, &event->end_mark);
      return TRUE;
    default:
      return TRUE;
    }
}

RlYamlDoc *
rl_yaml_doc_parse (const char *data, gsize len, guint max_depth, gsize max_nodes,
                   guint *err_line, guint *err_col, GError **error)
{
  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (err_line != NULL && err_col != NULL, NULL);

  yaml_parser_t parser;
  if (!yaml_parser_initialize (&parser))
    {
      *err_line = *err_col = 1;
      g_set_error_literal (error, RL_ERROR, RL_ERROR_IO, "out of memory");
      return NULL;
    }
  yaml_parser_set_input_string (&parser, (const unsigned char *) (data ? data : ""), len);

  Builder b = {
    .doc = g_new0 (RlYamlDoc, 1),
    .stack = g_ptr_array_new (),
    .stack_items = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref),
    .anchors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
    .max_nodes = max_nodes,
    .max_depth = max_depth,
  };
  b.doc->nodes = g_ptr_array_new_with_free_func (node_free);

  gboolean ok = TRUE;
  for (;;)
    {
      yaml_event_t event;
      if (!yaml_parser_parse (&parser, &event))
        {
          const yaml_mark_t *mark = &parser.problem_mark;
          g_autofree char *msg = NULL;
          if (parser.context != NULL)
            msg = g_strdup_printf ("%s %s", parser.problem ? parser.problem : "invalid YAML",
                                   parser.context);
          else
            msg = g_strdup (parser.problem ? parser.problem : "invalid YAML");
          set_error (error, err_line, err_col, mark, RL_ERROR_SYNTAX, msg);
          ok = FALSE;
          break;
        }
      gboolean done = event.type == YAML_STREAM_END_EVENT;
      ok = handle_event (&b, &event, err_line, err_col, error);
      yaml_event_delete (&event);
      if (!ok || done)
        break;
    }
  yaml_parser_delete (&parser);
  g_ptr_array_unref (b.stack);
  g_ptr_array_unref (b.stack_items);
  g_hash_table_unref (b.anchors);
  if (!ok)
    {
      rl_yaml_doc_free (b.doc);
      return NULL;
    }
  return b.doc;
}
