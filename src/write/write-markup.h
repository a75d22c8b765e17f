/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * write-markup.h: text from a scenario file made safe for HTML, SVG (XML)
 * and Markdown. Every string a scenario holds goes through one of these:
 * a label "<script>alert(1)</script>" shows as text, and no control
 * character reaches the output raw (each becomes U+FFFD, which XML 1.0
 * allows, where even an escaped &#1; is not well-formed).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * rl_markup_append:
 * Appends @text (nullable: nothing) escaped for HTML and XML text and
 * attribute values: & < > " ' as entities; invalid UTF-8 and control
 * characters other than tab and newline as U+FFFD.
 */
void rl_markup_append (GString *out, const char *text);

/** rl_markup_append_printf: formats, then appends escaped. */
void rl_markup_append_printf (GString *out, const char *format, ...) G_GNUC_PRINTF (2, 3);

/**
 * rl_markup_append_truncated:
 * Like rl_markup_append() on the first @max characters of @text, with
 * "…" when it was longer (for SVG labels, which cannot wrap).
 */
void rl_markup_append_truncated (GString *out, const char *text, guint max);

/**
 * rl_markdown_append:
 * Appends @text for Markdown running text or a table cell: & < > as
 * entities (so that no raw HTML passes), Markdown's punctuation
 * backslash-escaped where it could mean something, line breaks as spaces.
 */
void rl_markdown_append (GString *out, const char *text);

/**
 * rl_markdown_append_code:
 * @text as an inline code span (`...`), fenced by more backticks than it
 * holds; @in_table: '|' written as '\|', as a GFM table cell needs.
 */
void rl_markdown_append_code (GString *out, const char *text, gboolean in_table);

/**
 * rl_clean_text:
 * Returns: (transfer full): @text as valid UTF-8 with control characters
 *   (other than tab and newline) as U+FFFD.
 */
char *rl_clean_text (const char *text);

G_END_DECLS
