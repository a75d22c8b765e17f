/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "model/yaml-tree.h"

#include <string.h>

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
  /* The input, to place characters exactly (rl_yaml_scalar_position()):
   * a character index of the stream (libyaml's mark.index, which counts
   * characters after a byte-order mark) and the byte it starts at. */
  const char *data;
  gsize len;
  gboolean utf8;
  gsize cursor_index;
  gsize cursor_byte;
} Builder;

static void
node_free (gpointer data)
{
  RlYamlNode *node = data;
  g_free (node->tag);
  g_free (node->value);
  g_free (node->cols);
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

const char *
rl_yaml_node_describe (const RlYamlNode *node)
{
  if (node->kind == RL_YAML_SCALAR && node->style == RL_YAML_PLAIN && node->len == 0
      && node->tag == NULL)
    return "an empty value";
  return rl_yaml_kind_name (node->kind);
}

/* ---- positions -------------------------------------------------------------- */

/* The width of a UTF-8 byte-order mark at the start of @data, or 0. */
static gsize
utf8_bom (const char *data, gsize len)
{
  return len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

static gboolean
is_utf16 (const char *data, gsize len)
{
  return len >= 2 && (memcmp (data, "\xFF\xFE", 2) == 0 || memcmp (data, "\xFE\xFF", 2) == 0);
}

/* The byte at which character @index of the stream starts. Scalars arrive
 * in file order, so the cursor only moves forward and the whole file is
 * walked once. Only called on input libyaml has already decoded, which is
 * valid UTF-8. */
static gsize
byte_at (Builder *b, gsize index)
{
  if (index < b->cursor_index)
    {
      b->cursor_index = 0;
      b->cursor_byte = utf8_bom (b->data, b->len);
    }
  while (b->cursor_index < index && b->cursor_byte < b->len)
    {
      b->cursor_byte += (gsize) g_utf8_skip[(guchar) b->data[b->cursor_byte]];
      b->cursor_index++;
    }
  return MIN (b->cursor_byte, b->len);
}

/* Characters in a decoded value, which may hold NUL bytes ("\0"). */
static gsize
count_chars (const char *s, gsize len)
{
  gsize n = 0;
  for (gsize i = 0; i < len; i++)
    n += ((guchar) s[i] & 0xC0) != 0x80;
  return n;
}

/* Fills node->cols for a one-line scalar whose value is not where, or not
 * what, the plain rule "start column + offset" assumes: a tag or an anchor
 * comes first, or a quoted scalar holds escapes ('' or a backslash). */
static void
scalar_columns (Builder *b, RlYamlNode *node, const yaml_event_t *event)
{
  const yaml_mark_t *start = &event->start_mark, *end = &event->end_mark;
  gboolean quoted = node->style == RL_YAML_SINGLE_QUOTED || node->style == RL_YAML_DOUBLE_QUOTED;
  gboolean props = event->data.scalar.tag != NULL || event->data.scalar.anchor != NULL;
  if (!b->utf8 || start->line != end->line || (node->style != RL_YAML_PLAIN && !quoted))
    return;
  gsize n_chars = count_chars (node->value, node->len);
  gsize source_chars = end->index - start->index;
  if (!props && (!quoted || source_chars == n_chars + 2))
    return;

  const char *s = b->data;
  gsize pos = byte_at (b, start->index);
  gsize stop = byte_at (b, end->index);
  guint col = (guint) start->column + 1;
  /* Node properties: "!tag" and "&anchor", each followed by blanks. */
  while (pos < stop && (s[pos] == '!' || s[pos] == '&'))
    {
      while (pos < stop && s[pos] != ' ' && s[pos] != '\t')
        {
          pos += (gsize) g_utf8_skip[(guchar) s[pos]];
          col++;
        }
      while (pos < stop && (s[pos] == ' ' || s[pos] == '\t'))
        {
          pos++;
          col++;
        }
    }
  if (quoted)
    {
      if (pos >= stop || s[pos] != (node->style == RL_YAML_SINGLE_QUOTED ? '\'' : '"'))
        return;
      pos++;
      col++;
    }
  guint *cols = g_new (guint, n_chars + 1);
  for (gsize i = 0; i < n_chars; i++)
    {
      if (pos >= stop)
        {
          g_free (cols);   /* not the text we expected: stay inexact */
          return;
        }
      cols[i] = col;
      gsize width = (gsize) g_utf8_skip[(guchar) s[pos]];
      guint advance = 1;
      if (node->style == RL_YAML_SINGLE_QUOTED && s[pos] == '\'' && pos + 1 < stop)
        width = advance = 2;                            /* '' */
      else if (node->style == RL_YAML_DOUBLE_QUOTED && s[pos] == '\\' && pos + 1 < stop)
        {
          char c = s[pos + 1];
          width = advance = c == 'x' ? 4 : c == 'u' ? 6 : c == 'U' ? 10 : 2;
        }
      pos += width;
      col += advance;
    }
  cols[n_chars] = col;
  node->cols = cols;
  node->n_cols = (guint) (n_chars + 1);
}

void
rl_yaml_scalar_position (const RlYamlNode *node, gsize offset, guint *line, guint *col)
{
  g_return_if_fail (node != NULL && line != NULL && col != NULL);
  *line = node->line;
  *col = node->col;
  if (node->kind != RL_YAML_SCALAR || node->end_line != node->line)
    return;
  if (node->cols != NULL)
    *col = node->cols[MIN (offset, (gsize) node->n_cols - 1)];
  else if (node->style == RL_YAML_PLAIN)
    *col = node->col + (guint) offset;
  else if (node->style == RL_YAML_SINGLE_QUOTED || node->style == RL_YAML_DOUBLE_QUOTED)
    *col = node->col + 1 + (guint) offset;
}

/* Where byte @offset of the raw input is, for the reader's errors (bad
 * UTF-8, control characters), which libyaml reports as a byte offset. Line
 * breaks and the byte-order mark are counted as libyaml counts them. */
static void
position_of_byte (const char *data, gsize len, gsize offset, guint *line, guint *col)
{
  gboolean utf16 = is_utf16 (data, len);
  gboolean le = utf16 && (guchar) data[0] == 0xFF;
  gsize i = utf16 ? 2 : utf8_bom (data, len);
  *line = *col = 1;
  while (i < len && i < offset)
    {
      gunichar c;
      gsize width;
      if (utf16)
        {
          if (i + 2 > len)
            break;
          c = le ? (guchar) data[i] | ((guchar) data[i + 1] << 8)
                 : ((guchar) data[i] << 8) | (guchar) data[i + 1];
          width = (c & 0xFC00) == 0xD800 ? 4 : 2;
        }
      else
        {
          gunichar d = g_utf8_get_char_validated (data + i, (gssize) (len - i));
          c = d < (gunichar) -2 ? d : 0xFFFD;
          width = d < (gunichar) -2 ? (gsize) g_utf8_skip[(guchar) data[i]] : 1;
        }
      if (i + width > offset)
        break;      /* @offset is inside this character: point at it */
      i += width;
      if (c == '\r' && i < len && data[i] == '\n' && !utf16)
        i++;
      else if (c == '\r' && utf16 && i + 2 <= len
               && (le ? (guchar) data[i] == '\n' && data[i + 1] == 0
                      : data[i] == 0 && (guchar) data[i + 1] == '\n'))
        i += 2;
      if (c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029)
        {
          (*line)++;
          *col = 1;
        }
      else
        (*col)++;
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
        scalar_columns (b, node, event);
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

/* YAML 1.2 (and libyaml) read a plain or quoted scalar as an implicit key
 * only up to 1024 characters: a longer one makes the ':' after it an
 * error that libyaml words as an indentation or flow problem. */
#define YAML_KEY_MAX 1024

/* Whether the error at byte @at sits on the ':' (or just after it) that
 * follows a scalar of more than YAML_KEY_MAX characters on the same line;
 * then where that scalar starts and how many characters it has. */
static gboolean
long_key_before (const char *data, gsize len, gsize at, gsize *start, gsize *chars)
{
  if (len == 0)
    return FALSE;
  /* libyaml marks the ':' itself, or a character or two after it. */
  gsize p = MIN (at, len - 1);
  for (int k = 0; k < 3 && p > 0 && data[p] != ':'; k++)
    p--;
  if (data[p] != ':')
    return FALSE;
  gsize end = p;
  while (p > 0 && !strchr (" \t\n\r,{}[]", data[p - 1]))
    p--;
  gsize n = 0;
  for (gsize k = p; k < end; k++)
    n += ((guchar) data[k] & 0xC0) != 0x80;
  if (n <= YAML_KEY_MAX)
    return FALSE;
  *start = p;
  *chars = n;
  return TRUE;
}

/* libyaml's own errors, made readable: the reader's (bad bytes) carry a
 * byte offset instead of a mark; a tab where YAML wants indentation gets
 * a plain explanation; "while parsing X" says where X started. */
static void
parse_error (Builder *b, const yaml_parser_t *parser, guint *err_line, guint *err_col,
             GError **error)
{
  const char *problem = parser->problem ? parser->problem : "invalid YAML";
  g_autofree char *msg = NULL;
  if (parser->error == YAML_READER_ERROR)
    {
      gsize offset = MIN (parser->problem_offset, b->len);
      if (strstr (problem, "control characters") != NULL && parser->problem_value >= 0)
        msg = g_strdup_printf ("control character U+%04X is not allowed in a YAML file",
                               (guint) parser->problem_value);
      else if (strstr (problem, "UTF-8") != NULL && b->utf8)
        {
          /* libyaml names the byte after a broken sequence's start; the
           * reader wants the start. */
          if (strstr (problem, "trailing") != NULL)
            while (offset > 0 && ((guchar) b->data[--offset] & 0xC0) == 0x80)
              ;
          if (offset < b->len)
            msg = g_strdup_printf ("the file is not valid UTF-8 (byte 0x%02X)", (guchar) b->data[offset]);
          else
            msg = g_strdup ("the file is not valid UTF-8 (it ends inside a character)");
        }
      else
        msg = g_strdup_printf ("the file cannot be read as text: %s", problem);
      position_of_byte (b->data, b->len, offset, err_line, err_col);
      g_set_error_literal (error, RL_ERROR, RL_ERROR_SYNTAX, msg);
      return;
    }
  const yaml_mark_t *mark = &parser->problem_mark;
  gsize at = b->utf8 ? byte_at (b, mark->index) : b->len;
  gsize key_start, key_chars;
  if (b->utf8 && long_key_before (b->data, b->len, at, &key_start, &key_chars))
    {
      msg = g_strdup_printf ("a key of %" G_GSIZE_FORMAT " characters: YAML reads at most %d "
                             "characters as a key, so ids and option names are limited to %d",
                             key_chars, YAML_KEY_MAX, YAML_KEY_MAX);
      position_of_byte (b->data, b->len, key_start, err_line, err_col);
      g_set_error_literal (error, RL_ERROR, RL_ERROR_LIMIT, msg);
      return;
    }
  /* Indentation mistakes, the commonest of all, in words: libyaml names
   * the culprit's line, but says what it was parsing, not what is wrong. */
  gboolean block = parser->context && strstr (parser->context, "block") != NULL;
  if (strstr (problem, "cannot start any token") != NULL && at < b->len && b->data[at] == '\t')
    msg = g_strdup ("a tab character cannot indent YAML or start a value; use spaces");
  else if (block && strstr (problem, "did not find expected key") != NULL)
    msg = g_strdup_printf ("this line is indented like no key of the mapping that starts at "
                           "line %u, column %u: line it up with that mapping's keys",
                           (guint) MIN (parser->context_mark.line + 1, G_MAXUINT),
                           (guint) MIN (parser->context_mark.column + 1, G_MAXUINT));
  else if (block && strstr (problem, "did not find expected '-' indicator") != NULL)
    msg = g_strdup_printf ("this line is indented like no item of the list that starts at "
                           "line %u, column %u: line it up with the item it belongs to",
                           (guint) MIN (parser->context_mark.line + 1, G_MAXUINT),
                           (guint) MIN (parser->context_mark.column + 1, G_MAXUINT));
  else if (strstr (problem, "mapping values are not allowed") != NULL)
    msg = g_strdup ("a ':' where no key can start: a line indented deeper than the key "
                    "above it, which already has a value, or a value holding ': ' that "
                    "needs quotes");
  else if (parser->context != NULL
           && (parser->context_mark.line != mark->line || parser->context_mark.column != mark->column))
    msg = g_strdup_printf ("%s %s (which starts at line %u, column %u)", problem, parser->context,
                           (guint) MIN (parser->context_mark.line + 1, G_MAXUINT),
                           (guint) MIN (parser->context_mark.column + 1, G_MAXUINT));
  else if (parser->context != NULL)
    msg = g_strdup_printf ("%s %s", problem, parser->context);
  else
    msg = g_strdup (problem);
  set_error (error, err_line, err_col, mark, RL_ERROR_SYNTAX, msg);
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
    .data = data ? data : "",
    .len = len,
    .utf8 = !is_utf16 (data ? data : "", len),
    .cursor_byte = utf8_bom (data ? data : "", len),
  };
  b.doc->nodes = g_ptr_array_new_with_free_func (node_free);

  gboolean ok = TRUE;
  for (;;)
    {
      yaml_event_t event;
      if (!yaml_parser_parse (&parser, &event))
        {
          parse_error (&b, &parser, err_line, err_col, error);
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

/* JSON's number grammar, nothing else: YAML's .5, +1, 1_000, .nan and .inf
 * are refused so that a file means the same to every reader. */
gboolean
rl_json_number_syntax (const char *s, gsize len)
{
  gsize i = 0;
  if (i < len && s[i] == '-')
    i++;
  if (i >= len || !g_ascii_isdigit (s[i]))
    return FALSE;
  if (s[i] == '0')
    i++;
  else
    while (i < len && g_ascii_isdigit (s[i]))
      i++;
  if (i < len && s[i] == '.')
    {
      i++;
      if (i >= len || !g_ascii_isdigit (s[i]))
        return FALSE;
      while (i < len && g_ascii_isdigit (s[i]))
        i++;
    }
  if (i < len && (s[i] == 'e' || s[i] == 'E'))
    {
      i++;
      if (i < len && (s[i] == '+' || s[i] == '-'))
        i++;
      if (i >= len || !g_ascii_isdigit (s[i]))
        return FALSE;
      while (i < len && g_ascii_isdigit (s[i]))
        i++;
    }
  return i == len;
}
