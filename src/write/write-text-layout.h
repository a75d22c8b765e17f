/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * write-text-layout.h: laying text out on a terminal of RL_TEXT_WIDTH
 * columns. Widths are display columns (a CJK character takes two, a
 * combining mark none), never bytes; text from a scenario file has its
 * control characters neutralised so that a label cannot drive the
 * terminal.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/** RL_TEXT_WIDTH: no text output is wider than this. */
#define RL_TEXT_WIDTH 80

/** rl_text_width: display columns of UTF-8 @s. */
guint rl_text_width (const char *s);

/**
 * rl_text_wrap:
 * Greedy word wrap of @s into lines of at most @width columns (at least
 * 1); runs of white space, newlines included, become one space; a word
 * wider than @width is cut. Returns at least one line (maybe empty).
 *
 * Returns: (transfer full): a NULL-terminated array of lines.
 */
GStrv rl_text_wrap (const char *s, guint width);

/**
 * rl_text_append_wrapped:
 * Appends @s wrapped to RL_TEXT_WIDTH, the first line indented by
 * @indent columns and the others by @hanging, each line ending in "\n".
 */
void rl_text_append_wrapped (GString *out, const char *s, guint indent, guint hanging);

/** rl_text_append_padded: @s, then spaces up to @width columns (@right: spaces first). */
void rl_text_append_padded (GString *out, const char *s, guint width, gboolean right);

/** rl_text_append_spaces: @n spaces. */
void rl_text_append_spaces (GString *out, guint n);

/**
 * rl_text_append_pairs:
 * Two aligned columns, each row wrapped inside its column:
 * @indent spaces, the left text in at most @left_max columns (narrower
 * when every left text is), two spaces, the right text in the rest of
 * RL_TEXT_WIDTH. @left and @right hold @n strings each.
 */
void rl_text_append_pairs (GString *out, guint indent, guint left_max,
                           const char *const *left, const char *const *right, guint n);

G_END_DECLS
