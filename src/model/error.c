/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <redline/error.h>

G_DEFINE_QUARK (rl-error-quark, rl_error)
