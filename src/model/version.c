/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <redline/redline.h>

#include "rl-config.h"

const char *
rl_version (void)
{
  return RL_VERSION;
}
