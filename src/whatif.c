/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * whatif.c: what-if variants (scenario.md section 7).
 */
#include "load-private.h"

#include <redline/error.h>

void
rl_loader_variant (RlLoader *ld, const RlYamlNode *root, const RlYamlNode *extends,
                   const RlYamlNode *changes, const RlYamlNode *at)
{
  (void) root;
  (void) extends;
  (void) changes;
  rl_loader_error_at (ld, at->line, at->col, RL_ERROR_SCHEMA,
                      "what-if variants ('extends' and 'changes') are not supported yet");
}
