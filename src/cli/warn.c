/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * warn.c: scenario warnings on standard error (warn.h).
 */
#include "warn.h"

#include <stdio.h>

static void
print_list (const char *file, GPtrArray *warnings)
{
  for (guint k = 0; k < warnings->len; k++)
    {
      const RlWarning *w = g_ptr_array_index (warnings, k);
      if (w->line > 0)
        fprintf (stderr, "%s:%u:%u: warning: %s\n", file, w->line, w->col, w->message);
      else
        fprintf (stderr, "%s: warning: %s\n", file, w->message);
    }
}

void
rl_cli_print_warnings (const char *file, RlScenario *sc, gboolean search, guint threads)
{
  g_autoptr (GPtrArray) fixed = rl_scenario_check_warnings (sc);
  print_list (file, fixed);
  if (!search)
    return;
  RlRunOptions run;
  rl_run_options_init (&run);
  run.n_threads = threads;
  run.timeout = RL_CLI_WARN_SEARCH_SECONDS;
  gboolean complete = TRUE;
  g_autoptr (GPtrArray) found = rl_scenario_search_warnings (sc, &run, &complete);
  print_list (file, found);
  if (!complete)
    fprintf (stderr, "%s: warning: the checks that need a search stopped after %.0f s; "
             "some warnings may be missing\n", file, RL_CLI_WARN_SEARCH_SECONDS);
}
