/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "write/write-text-layout.h"

#include <string.h>

static guint
char_width (gunichar c)
{
  if (g_unichar_iszerowidth (c))
    return 0;
  return g_unichar_iswide (c) ? 2 : 1;
}

static gboolean
is_space (gunichar c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

guint
rl_text_width (const char *s)
{
  guint w = 0;
  for (const char *p = s; *p; p = g_utf8_next_char (p))
    w += char_width (g_utf8_get_char (p));
  return w;
}

/* The words of @s, with control characters shown as U+FFFD: a label that
 * holds an escape sequence must not recolour or clear the terminal. */
static GPtrArray *
split_words (const char *s)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  GString *word = g_string_new (NULL);
  g_autofree char *valid = g_utf8_make_valid (s, -1);
  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (is_space (c))
        {
          if (word->len)
            g_ptr_array_add (words, g_strdup (word->str));
          g_string_truncate (word, 0);
          continue;
        }
      if (g_unichar_iscntrl (c))
        c = 0xFFFD;
      g_string_append_unichar (word, c);
    }
  if (word->len)
    g_ptr_array_add (words, g_strdup (word->str));
  g_string_free (word, TRUE);
  return words;
}

GStrv
rl_text_wrap (const char *s, guint width)
{
  g_autoptr (GPtrArray) words = split_words (s ? s : "");
  GPtrArray *lines = g_ptr_array_new ();
  GString *line = g_string_new (NULL);
  guint line_w = 0;

  width = MAX (width, 1);
  for (guint k = 0; k < words->len; k++)
    {
      const char *w = g_ptr_array_index (words, k);
      guint ww = rl_text_width (w);
      if (line_w > 0 && line_w + 1 + ww <= width)
        {
          g_string_append_c (line, ' ');
          g_string_append (line, w);
          line_w += 1 + ww;
          continue;
        }
      if (line_w > 0)
        {
          g_ptr_array_add (lines, g_string_free (line, FALSE));
          line = g_string_new (NULL);
          line_w = 0;
        }
      /* A word wider than the column is cut where it must be. */
      for (const char *p = w; *p; p = g_utf8_next_char (p))
        {
          guint cw = char_width (g_utf8_get_char (p));
          if (line_w + cw > width && line_w > 0)
            {
              g_ptr_array_add (lines, g_string_free (line, FALSE));
              line = g_string_new (NULL);
              line_w = 0;
            }
          g_string_append_len (line, p, g_utf8_next_char (p) - p);
          line_w += cw;
        }
    }
  if (line_w > 0 || lines->len == 0)
    g_ptr_array_add (lines, g_string_free (line, FALSE));
  else
    g_string_free (line, TRUE);
  g_ptr_array_add (lines, NULL);
  return (GStrv) g_ptr_array_free (lines, FALSE);
}

void
rl_text_append_spaces (GString *out, guint n)
{
  for (guint k = 0; k < n; k++)
    g_string_append_c (out, ' ');
}

void
rl_text_append_wrapped (GString *out, const char *s, guint indent, guint hanging)
{
  guint first_w = RL_TEXT_WIDTH > indent ? RL_TEXT_WIDTH - indent : 1;
  guint rest_w = RL_TEXT_WIDTH > hanging ? RL_TEXT_WIDTH - hanging : 1;
  /* Wrap at the narrower width so that every line fits, then indent. */
  g_auto (GStrv) lines = rl_text_wrap (s, MIN (first_w, rest_w));
  for (guint k = 0; lines[k]; k++)
    {
      rl_text_append_spaces (out, k == 0 ? indent : hanging);
      g_string_append (out, lines[k]);
      g_string_append_c (out, '\n');
    }
}

void
rl_text_append_padded (GString *out, const char *s, guint width, gboolean right)
{
  guint w = rl_text_width (s);
  if (right)
    rl_text_append_spaces (out, width > w ? width - w : 0);
  g_string_append (out, s);
  if (!right)
    rl_text_append_spaces (out, width > w ? width - w : 0);
}

void
rl_text_append_pairs (GString *out, guint indent, guint left_max,
                      const char *const *left, const char *const *right, guint n)
{
  guint left_w = 1;
  for (guint k = 0; k < n; k++)
    {
      /* Measure words, not whole labels: a long label wraps anyway. */
      g_auto (GStrv) lines = rl_text_wrap (left[k], left_max);
      for (guint l = 0; lines[l]; l++)
        left_w = MAX (left_w, rl_text_width (lines[l]));
    }
  left_w = MIN (left_w, left_max);
  guint used = indent + left_w + 2;
  guint right_w = RL_TEXT_WIDTH > used + 10 ? RL_TEXT_WIDTH - used : 10;

  for (guint k = 0; k < n; k++)
    {
      g_auto (GStrv) l_lines = rl_text_wrap (left[k], left_w);
      g_auto (GStrv) r_lines = rl_text_wrap (right[k], right_w);
      guint nl = g_strv_length (l_lines), nr = g_strv_length (r_lines);
      for (guint row = 0; row < MAX (nl, nr); row++)
        {
          rl_text_append_spaces (out, indent);
          if (row < nr)
            {
              rl_text_append_padded (out, row < nl ? l_lines[row] : "", left_w, FALSE);
              g_string_append (out, "  ");
              g_string_append (out, r_lines[row]);
            }
          else
            g_string_append (out, l_lines[row]);
          g_string_append_c (out, '\n');
        }
    }
}
