/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * random-scenario.h: small random scenarios as YAML text, for property
 * tests. Seeded: the same seed gives the same file.
 */
#pragma once

#include <glib.h>

/**
 * RandomShape: bounds of what rl_random_scenario() draws.
 * @coarse: values on a 0.25 grid, so that many utilities tie exactly
 * @jitter: add sub-1e-9 and 2e-9 perturbations, so that ties within the
 *   tolerance (and just outside it) occur
 * @tight: BATNAs drawn from 0.25 .. 0.85 instead of 0 .. 0.6, so that
 *   zones of agreement are often empty (explain's tests)
 * @controls: also draw stability.md's `moves` for each issue and
 *   `controls` for each party (some issues controlled by nobody, some
 *   parties by `controls: []`). Its draws come after everything else, so
 *   a shape without it gives the very files it gave before.
 */
typedef struct {
  guint max_issues;
  guint max_options;
  guint max_parties;
  guint max_rules;
  gboolean coarse;
  gboolean jitter;
  gboolean tight;
  gboolean controls;
} RandomShape;

/** rl_random_scenario: (transfer full): a YAML scenario that loads. */
char *rl_random_scenario (GRand *rand, const RandomShape *shape);
