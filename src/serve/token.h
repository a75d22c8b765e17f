/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * token.h: access tokens: random enough that nobody guesses one, and
 * compared in a time that does not tell how much of a guess was right.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/** RL_TOKEN_BYTES: random bytes in a token (128 bits); its text is twice as long. */
#define RL_TOKEN_BYTES 16

/**
 * rl_token_new:
 * @error: G_IO_ERROR when the system has no randomness to give
 * Returns: (transfer full) (nullable): RL_TOKEN_BYTES random bytes from
 *   the kernel (getrandom()), as lower-case hexadecimal.
 */
char *rl_token_new (GError **error);

/**
 * rl_token_equal:
 * @expected: the token
 * @given: (nullable): what a request carried
 * Returns: whether they are equal. The time taken depends on the length
 *   of @expected alone, never on where @given first differs.
 */
gboolean rl_token_equal (const char *expected, const char *given);

G_END_DECLS
