/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * write-json.c: a small JSON generator for json-glib trees. It exists for
 * the numbers: json-glib 1.6 prints doubles with %.17g (0.7 becomes
 * 0.69999999999999996) and does not guard against NaN; cli.md asks for
 * numbers that carry full precision and read the same in every locale.
 */
#include "write/write-json.h"

#include "write/write-number.h"

static void write_node (GString *out, JsonNode *node, gboolean pretty, guint depth);

static void
newline (GString *out, gboolean pretty, guint depth)
{
  if (!pretty)
    return;
  g_string_append_c (out, '\n');
  for (guint k = 0; k < depth; k++)
    g_string_append (out, "  ");
}

static void
write_string (GString *out, const char *s)
{
  g_string_append_c (out, '"');
  for (const unsigned char *p = (const unsigned char *) s; *p; p++)
    {
      switch (*p)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (*p < 0x20 || *p == 0x7f)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, (char) *p);
        }
    }
  g_string_append_c (out, '"');
}

static void
write_value (GString *out, JsonNode *node)
{
  GType type = json_node_get_value_type (node);
  char buf[RL_NUMBER_BUF];

  if (type == G_TYPE_INT64)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
  else if (type == G_TYPE_DOUBLE)
    g_string_append (out, rl_format_double_shortest (buf, json_node_get_double (node)));
  else if (type == G_TYPE_BOOLEAN)
    g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
  else if (type == G_TYPE_STRING)
    write_string (out, json_node_get_string (node));
  else
    g_string_append (out, "null");
}

static void
write_object (GString *out, JsonObject *object, gboolean pretty, guint depth)
{
  if (json_object_get_size (object) == 0)
    {
      g_string_append (out, "{}");
      return;
    }
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      if (!first)
        g_string_append (out, pretty ? "," : ", ");
      first = FALSE;
      newline (out, pretty, depth + 1);
      write_string (out, name);
      g_string_append (out, ": ");
      write_node (out, member, pretty, depth + 1);
    }
  newline (out, pretty, depth);
  g_string_append_c (out, '}');
}

static void
write_array (GString *out, JsonArray *array, gboolean pretty, guint depth)
{
  guint n = json_array_get_length (array);
  if (n == 0)
    {
      g_string_append (out, "[]");
      return;
    }
  g_string_append_c (out, '[');
  for (guint k = 0; k < n; k++)
    {
      if (k > 0)
        g_string_append (out, pretty ? "," : ", ");
      newline (out, pretty, depth + 1);
      write_node (out, json_array_get_element (array, k), pretty, depth + 1);
    }
  newline (out, pretty, depth);
  g_string_append_c (out, ']');
}

static void
write_node (GString *out, JsonNode *node, gboolean pretty, guint depth)
{
  switch (node ? json_node_get_node_type (node) : JSON_NODE_NULL)
    {
    case JSON_NODE_OBJECT:
      write_object (out, json_node_get_object (node), pretty, depth);
      break;
    case JSON_NODE_ARRAY:
      write_array (out, json_node_get_array (node), pretty, depth);
      break;
    case JSON_NODE_VALUE:
      write_value (out, node);
      break;
    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
      break;
    }
}

void
rl_json_write_at (GString *out, JsonNode *node, guint depth)
{
  write_node (out, node, TRUE, depth);
}

void
rl_json_write (GString *out, JsonNode *node, gboolean pretty)
{
  write_node (out, node, pretty, 0);
  g_string_append_c (out, '\n');
}
