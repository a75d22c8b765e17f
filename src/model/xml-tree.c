/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * xml-tree.c: GMarkup events into an RlXmlNode tree with positions.
 */
#include "xml-tree.h"

#include <string.h>

#include <redline/redline.h>

typedef struct {
  const char *data;
  gsize len;
  GArray *line_starts;   /* byte offset of each line's first byte */
  RlXmlNode *root;
  RlXmlNode *current;
  guint depth;
} Builder;

void
rl_xml_node_free (RlXmlNode *node)
{
  if (node == NULL)
    return;
  g_free (node->name);
  g_strfreev (node->attr_names);
  g_strfreev (node->attr_values);
  g_ptr_array_unref (node->children);
  g_free (node);
}

const char *
rl_xml_get_attr (const RlXmlNode *node, const char *name)
{
  for (guint k = 0; node->attr_names[k]; k++)
    if (strcmp (node->attr_names[k], name) == 0)
      return node->attr_values[k];
  return NULL;
}

/* Byte offset of GMarkup's (line, char) position, both 1-based. */
static gsize
offset_of (const Builder *b, int line, int chr)
{
  if (line < 1)
    return 0;
  if ((guint) line > b->line_starts->len)
    return b->len;
  gsize start = g_array_index (b->line_starts, gsize, line - 1);
  gsize pos = start;
  for (int c = 1; c < chr && pos < b->len && b->data[pos] != '\n'; c++)
    pos += (gsize) g_utf8_skip[(guchar) b->data[pos]];
  return MIN (pos, b->len);
}

/* GMarkup reports its position after a start tag (and sometimes past the
 * next '<'); an error is more useful at the tag itself, so the position is
 * found again by looking back for "<name" that ends before it. */
static void
start_position (const Builder *b, GMarkupParseContext *ctx, const char *name, guint *line,
                guint *col)
{
  int l = 0, c = 0;
  g_markup_parse_context_get_position (ctx, &l, &c);
  gsize pos = offset_of (b, l, c), nlen = strlen (name);
  gsize at = pos;
  for (gsize q = pos + 1; q-- > 0;)
    if (q < b->len && b->data[q] == '<' && q + 1 + nlen <= pos + 1
        && strncmp (b->data + q + 1, name, nlen) == 0)
      {
        at = q;
        break;
      }
  /* Back from a byte offset to (line, column in characters). */
  guint lo = 0, hi = b->line_starts->len;
  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;
      if (g_array_index (b->line_starts, gsize, mid) <= at)
        lo = mid;
      else
        hi = mid;
    }
  gsize start = g_array_index (b->line_starts, gsize, lo);
  *line = lo + 1;
  *col = 1;
  for (gsize p = start; p < at; p += (gsize) g_utf8_skip[(guchar) b->data[p]])
    (*col)++;
}

static void
on_start (GMarkupParseContext *ctx, const char *name, const char **attr_names,
          const char **attr_values, gpointer user_data, GError **error)
{
  Builder *b = user_data;
  if (++b->depth > RL_MAX_DEPTH)
    {
      g_set_error (error, RL_ERROR, RL_ERROR_LIMIT, "elements nested deeper than %d",
                   RL_MAX_DEPTH);
      return;
    }
  RlXmlNode *node = g_new0 (RlXmlNode, 1);
  node->name = g_strdup (name);
  node->attr_names = g_strdupv ((char **) attr_names);
  node->attr_values = g_strdupv ((char **) attr_values);
  node->children = g_ptr_array_new_with_free_func ((GDestroyNotify) rl_xml_node_free);
  start_position (b, ctx, name, &node->line, &node->col);
  node->parent = b->current;
  if (b->current)
    g_ptr_array_add (b->current->children, node);
  else
    b->root = node;
  b->current = node;
}

static void
on_end (GMarkupParseContext *ctx, const char *name, gpointer user_data, GError **error)
{
  Builder *b = user_data;
  b->depth--;
  b->current = b->current ? b->current->parent : NULL;
}

/* "Error on line 5 char 12: text" -> "text": the position goes in front. */
static const char *
strip_position (const char *message)
{
  if (g_str_has_prefix (message, "Error on line "))
    {
      const char *colon = strstr (message, ": ");
      if (colon)
        return colon + 2;
    }
  return message;
}

RlXmlNode *
rl_xml_parse (const char *data, gsize len, const char *file, GError **error)
{
  Builder b = { .data = data, .len = len };
  b.line_starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  gsize zero = 0;
  g_array_append_val (b.line_starts, zero);
  for (gsize p = 0; p < len; p++)
    if (data[p] == '\n')
      {
        gsize next = p + 1;
        g_array_append_val (b.line_starts, next);
      }
  static const GMarkupParser parser = { on_start, on_end, NULL, NULL, NULL };
  GMarkupParseContext *ctx = g_markup_parse_context_new (&parser, 0,
                                                         &b, NULL);
  g_autoptr (GError) local = NULL;
  gboolean ok = g_markup_parse_context_parse (ctx, data, (gssize) len, &local)
                && g_markup_parse_context_end_parse (ctx, &local);
  if (ok && b.root == NULL)
    {
      ok = FALSE;
      g_set_error_literal (&local, G_MARKUP_ERROR, G_MARKUP_ERROR_EMPTY, "the document is empty");
    }
  if (!ok)
    {
      int line = 1, col = 1;
      g_markup_parse_context_get_position (ctx, &line, &col);
      gboolean limit = local->domain == RL_ERROR;
      /* GMarkup quotes the offending bytes, which may be invalid UTF-8. */
      g_autofree char *why = g_utf8_make_valid (strip_position (local->message), -1);
      g_set_error (error, RL_ERROR, limit ? RL_ERROR_LIMIT : RL_ERROR_SYNTAX,
                   "%s:%d:%d: error: %s%s", file, MAX (line, 1), MAX (col, 1),
                   limit ? "" : "malformed XML: ", why);
      rl_xml_node_free (b.root);
      b.root = NULL;
    }
  g_markup_parse_context_free (ctx);
  g_array_unref (b.line_starts);
  return b.root;
}
