/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "write/write-names.h"

const char *
rl_write_party_name (const RlScenario *sc, guint p)
{
  const char *label = rl_scenario_get_party_label (sc, p);
  return label ? label : rl_scenario_get_party_id (sc, p);
}

const char *
rl_write_issue_name (const RlScenario *sc, guint i)
{
  const char *label = rl_scenario_get_issue_label (sc, i);
  return label ? label : rl_scenario_get_issue_id (sc, i);
}

const char *
rl_write_option_name (const RlScenario *sc, guint i, guint k)
{
  const char *label = rl_scenario_get_option_label (sc, i, k);
  return label ? label : rl_scenario_get_option_id (sc, i, k);
}
