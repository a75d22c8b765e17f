/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * suggest.h: "did you mean" hints for unknown names, which the library's
 * messages end with and a caller's own messages (about its own names:
 * commands, flags) may end with too, so that every hint reads the same.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * rl_suggest:
 * @word: the unknown name (need not be NUL-terminated)
 * @len: its length in bytes
 * @candidates: (array length=n): the known names
 *
 * Returns: (transfer none) (nullable): the candidate closest to @word by
 *   edit distance (Damerau: a swap of two neighbours counts once), if that
 *   distance is at most a third of the longer name's length (and at least
 *   1 is always allowed); ties go to the first candidate. %NULL otherwise.
 */
const char *rl_suggest (const char *word,
                        gsize len,
                        const char *const *candidates,
                        guint n);

/**
 * rl_suggest_hint:
 * Returns: (transfer full): " (did you mean 'X'?)" or "" when nothing is
 *   close; convenient to append to a message.
 */
char *rl_suggest_hint (const char *word,
                       gsize len,
                       const char *const *candidates,
                       guint n);

G_END_DECLS
