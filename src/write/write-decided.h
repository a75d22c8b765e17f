/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * write-decided.h: cli.md's `decided` in words, one sentence for what the
 * red lines alone settle and one for what the BATNAs settle on top, so
 * that solve's text and the report say it alike.
 */
#pragma once

#include <glib.h>
#include <redline/solve.h>

G_BEGIN_DECLS

/**
 * rl_write_decided:
 * @red_lines: (out) (transfer full) (nullable): "The red lines alone
 *   decide: ISSUE: OPTION; ...", or NULL when they decide nothing
 * @batnas: (out) (transfer full) (nullable): "With the BATNAs, every
 *   acceptable package (also) has: ...", naming only issues the red lines
 *   left open, or NULL when there are none
 *
 * Names are labels where the scenario has them.
 */
void rl_write_decided (const RlResult *res, char **red_lines, char **batnas);

G_END_DECLS
