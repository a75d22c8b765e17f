/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "write/write-decided.h"
#include "write/write-names.h"

/* " Crimea: Russian control; Donbas: frozen line." for the issues that
 * @decided settles and @except (nullable) does not; FALSE when none. */
static gboolean
decided_list (GString *text, RlScenario *sc, const int *decided, const int *except)
{
  gboolean any = FALSE;
  for (guint i = 0; i < rl_scenario_get_n_issues (sc); i++)
    if (decided[i] >= 0 && !(except && except[i] >= 0))
      {
        g_string_append_printf (text, "%s %s: %s", any ? ";" : "", rl_write_issue_name (sc, i),
                                rl_write_option_name (sc, i, (guint) decided[i]));
        any = TRUE;
      }
  if (any)
    g_string_append_c (text, '.');
  return any;
}

void
rl_write_decided (const RlResult *res, char **red_lines, char **batnas)
{
  RlScenario *sc = rl_result_get_scenario (res);
  const int *compatible = rl_result_get_decided (res, FALSE);
  const int *acceptable = rl_result_get_decided (res, TRUE);
  *red_lines = NULL;
  *batnas = NULL;
  if (compatible)
    {
      g_autoptr (GString) text = g_string_new ("The red lines alone decide:");
      if (decided_list (text, sc, compatible, NULL))
        *red_lines = g_string_free (g_steal_pointer (&text), FALSE);
    }
  if (acceptable)
    {
      g_autoptr (GString) text
        = g_string_new (*red_lines ? "With the BATNAs, every acceptable package also has:"
                                   : "With the BATNAs, every acceptable package has:");
      if (decided_list (text, sc, acceptable, compatible))
        *batnas = g_string_free (g_steal_pointer (&text), FALSE);
    }
}
