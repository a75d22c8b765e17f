/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * warnings-list.h: building lists of RlWarning (warnings.h), for the
 * model's and the analysis's warnings alike.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/** rl_warnings_new: (transfer full): an empty list that frees its warnings. */
GPtrArray *rl_warnings_new (void);

/** rl_warnings_add: appends a warning at @line, @col. */
void rl_warnings_add (GPtrArray *warnings, guint line, guint col, const char *format, ...)
  G_GNUC_PRINTF (4, 5);

G_END_DECLS
