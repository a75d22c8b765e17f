/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * write-genius.h: a Genius domain and its profiles (genius.h) laid out as
 * a scenario file (`redline import genius`), and as Genius XML files
 * (`redline export genius`), in the shape of Genius 10.4's own templates.
 */
#pragma once

#include <glib.h>
#include <redline/redline.h>

G_BEGIN_DECLS

/**
 * rl_write_genius_scenario:
 * Returns: (transfer full): the scenario YAML: one issue per Genius issue,
 *   one party per profile, with comments where the file's numbers mean
 *   something else in redline (weights that do not sum to 1, a missing
 *   reservation value, a discount factor).
 */
char *rl_write_genius_scenario (const RlGenius *genius);

/** rl_write_genius_domain: (transfer full): the domain file's XML. */
char *rl_write_genius_domain (const RlGenius *genius);

/**
 * rl_write_genius_profile:
 * Returns: (transfer full): profile @p's XML, with the losses
 *   (rl_genius_get_loss()) in a comment at the top.
 */
char *rl_write_genius_profile (const RlGenius *genius, guint p);

G_END_DECLS
