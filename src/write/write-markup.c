/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "write/write-markup.h"

#include <string.h>

char *
rl_clean_text (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text ? text : "", -1);
  GString *s = g_string_sized_new (strlen (valid));
  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c != '\n' && c != '\t' && (g_unichar_iscntrl (c) || c == 0xFFFE || c == 0xFFFF))
        c = 0xFFFD;
      g_string_append_unichar (s, c);
    }
  return g_string_free (s, FALSE);
}

static void
append_escaped (GString *out, const char *clean)
{
  for (const char *p = clean; *p; p++)
    switch (*p)
      {
      case '&': g_string_append (out, "&amp;"); break;
      case '<': g_string_append (out, "&lt;"); break;
      case '>': g_string_append (out, "&gt;"); break;
      case '"': g_string_append (out, "&quot;"); break;
      case '\'': g_string_append (out, "&#39;"); break;
      default: g_string_append_c (out, *p); break;
      }
}

void
rl_markup_append (GString *out, const char *text)
{
  if (text == NULL)
    return;
  g_autofree char *clean = rl_clean_text (text);
  append_escaped (out, clean);
}

void
rl_markup_append_printf (GString *out, const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  g_autofree char *s = g_strdup_vprintf (format, ap);
  va_end (ap);
  rl_markup_append (out, s);
}

void
rl_markup_append_truncated (GString *out, const char *text, guint max)
{
  if (text == NULL)
    return;
  g_autofree char *clean = rl_clean_text (text);
  /* Line breaks in a label would vanish in SVG anyway. */
  for (char *p = clean; *p; p++)
    if (*p == '\n' || *p == '\t')
      *p = ' ';
  if ((guint) g_utf8_strlen (clean, -1) <= max)
    {
      append_escaped (out, clean);
      return;
    }
  const char *end = g_utf8_offset_to_pointer (clean, max > 0 ? max - 1 : 0);
  g_autofree char *head = g_strndup (clean, end - clean);
  g_strchomp (head);
  append_escaped (out, head);
  g_string_append (out, "\u2026");
}

void
rl_markdown_append (GString *out, const char *text)
{
  if (text == NULL)
    return;
  g_autofree char *clean = rl_clean_text (text);
  /* Always special inline; the others only where a line starts ("- ",
   * "# ", "1. "), and a run may start a line. */
  static const char always[] = "\\`*_{}[]|~";
  gboolean space = FALSE, digits = TRUE;
  for (const char *p = clean; *p; p++)
    {
      gboolean first = p == clean;
      if (*p == '\n' || *p == '\t' || *p == '\r')
        {
          if (!space)
            g_string_append_c (out, ' ');
          space = TRUE;
          digits = FALSE;
          continue;
        }
      space = *p == ' ';
      /* Quotes are not special in Markdown text: only what could start
       * raw HTML or an entity is. */
      if (*p == '&' || *p == '<' || *p == '>')
        {
          char one[2] = { *p, 0 };
          append_escaped (out, one);
        }
      else
        {
          if (strchr (always, *p) || (first && strchr ("#+-!=", *p))
              || (digits && !first && (*p == '.' || *p == ')')))
            g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
        }
      digits = digits && g_ascii_isdigit (*p);
    }
}

void
rl_markdown_append_code (GString *out, const char *text, gboolean in_table)
{
  g_autofree char *clean = rl_clean_text (text ? text : "");
  for (char *p = clean; *p; p++)
    if (*p == '\n' || *p == '\t')
      *p = ' ';
  /* A fence one backtick longer than the longest run inside. */
  guint run = 0, longest = 0;
  for (const char *p = clean; *p; p++)
    {
      run = *p == '`' ? run + 1 : 0;
      longest = MAX (longest, run);
    }
  GString *fence = g_string_new (NULL);
  for (guint k = 0; k <= longest; k++)
    g_string_append_c (fence, '`');
  gboolean pad = clean[0] == '`' || (clean[0] && clean[strlen (clean) - 1] == '`');
  g_string_append (out, fence->str);
  if (pad)
    g_string_append_c (out, ' ');
  /* Inside a code span nothing is escaped and an HTML tag stays text. */
  for (const char *p = clean; *p; p++)
    {
      if (*p == '|' && in_table)
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  if (pad)
    g_string_append_c (out, ' ');
  g_string_append (out, fence->str);
  g_string_free (fence, TRUE);
}
