/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "variant.h"

#include <string.h>

/* A YAML double-quoted scalar: \ and " escaped, control characters as
 * \xHH, so that no text of the scenario or of a request can end the
 * scalar or start a line of its own. */
static void
quoted (GString *out, const char *s, gsize len)
{
  g_string_append_c (out, '"');
  for (gsize k = 0; k < len; k++)
    {
      guchar c = (guchar) s[k];
      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", c);
      else if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\x%02x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

static void
quoted0 (GString *out, const char *s)
{
  quoted (out, s, strlen (s));
}

/* A word or a number, which YAML reads as it reads it in a file. */
static gboolean
is_plain (const char *s, gsize len)
{
  if (len == 0)
    return FALSE;
  for (gsize k = 0; k < len; k++)
    if (!g_ascii_isalnum (s[k]) && !strchr ("_.+-", s[k]))
      return FALSE;
  return TRUE;
}

static void
value (GString *out, const char *s, gsize len)
{
  if (is_plain (s, len))
    g_string_append_len (out, s, (gssize) len);
  else
    quoted (out, s, len);
}

/* "A, B" or "[A, B]" as a flow sequence of quoted items. */
static void
list (GString *out, const char *s, gboolean plain_items)
{
  gsize len = strlen (s);
  if (len >= 2 && s[0] == '[' && s[len - 1] == ']')
    {
      s++;
      len -= 2;
    }
  g_string_append_c (out, '[');
  gsize from = 0;
  gboolean first = TRUE;
  while (from <= len)
    {
      const char *comma = memchr (s + from, ',', len - from);
      gsize to = comma ? (gsize) (comma - s) : len;
      gsize a = from, b = to;
      while (a < b && s[a] == ' ')
        a++;
      while (b > a && s[b - 1] == ' ')
        b--;
      g_string_append (out, first ? "" : ", ");
      first = FALSE;
      if (plain_items)
        value (out, s + a, b - a);
      else
        quoted (out, s + a, b - a);
      from = to + 1;
    }
  g_string_append_c (out, ']');
}

/* "KEY = VALUE" cut at its first " = " (whatif.c writes it so). */
static gboolean
split_pair (const char *rest, char **key, const char **val)
{
  const char *eq = strstr (rest, " = ");
  if (!eq)
    return FALSE;
  *key = g_strndup (rest, (gsize) (eq - rest));
  *val = eq + 3;
  return TRUE;
}

static void
change (GString *out, const char *text)
{
  const char *space = strchr (text, ' ');
  if (!space)
    return;
  g_autofree char *kind = g_strndup (text, (gsize) (space - text));
  const char *rest = space + 1;
  g_autofree char *key = NULL;
  const char *val = NULL;
  g_string_append_printf (out, "  - %s: ", kind);
  if (strcmp (kind, "set") == 0 && split_pair (rest, &key, &val))
    {
      g_string_append (out, "{");
      quoted0 (out, key);
      g_string_append (out, ": ");
      if (val[0] == '[')
        list (out, val, TRUE);
      else
        value (out, val, strlen (val));
      g_string_append (out, "}");
    }
  else if (strcmp (kind, "fix") == 0 && split_pair (rest, &key, &val))
    {
      g_string_append (out, "{");
      quoted0 (out, key);
      g_string_append (out, ": ");
      quoted0 (out, val);
      g_string_append (out, "}");
    }
  else if (strcmp (kind, "exclude") == 0 && split_pair (rest, &key, &val))
    {
      g_string_append (out, "{");
      quoted0 (out, key);
      g_string_append (out, ": ");
      list (out, val, FALSE);
      g_string_append (out, "}");
    }
  else
    quoted0 (out, rest);   /* relax, require, without: one scalar */
  g_string_append_c (out, '\n');
}

char *
rl_serve_variant_yaml (const char *file, const char *const *changes, guint n)
{
  g_autofree char *base = g_path_get_basename (file);
  GString *out = g_string_new (NULL);
  /* The base name in a comment could hold a line break; it is quoted. */
  g_string_append (out, "# A what-if variant, written by redline serve. Save it beside\n# ");
  quoted0 (out, base);
  g_string_append (out, ": extends is relative to this file.\nredline: 1\nextends: ");
  quoted0 (out, base);
  g_string_append (out, "\n");
  if (n == 0)
    {
      g_string_append (out, "changes: []\n");
      return g_string_free (out, FALSE);
    }
  g_string_append (out, "changes:\n");
  for (guint k = 0; k < n; k++)
    change (out, changes[k]);
  return g_string_free (out, FALSE);
}
