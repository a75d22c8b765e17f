/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cmd-import.c: `redline import genius DOMAIN.xml PROFILE.xml...`: a
 * scenario from a Genius domain and its preference profiles (genius.h;
 * scenarios/README.md, "Importing from Genius").
 */
#include "cli.h"

#include <string.h>

#include <redline/genius.h>
#include <redline/redline.h>

#include "command.h"
#include "write/write-genius.h"

#define COMMAND "import"

static const char summary[] =
  "Write a scenario from a Genius domain file and one preference profile per\n"
  "party (the XML files of Genius and NegMAS): one issue per Genius issue, its\n"
  "values as options (ids made from the value text, which stays the label),\n"
  "each value evaluation / the issue's largest evaluation, the weights as\n"
  "given, the reservation value as the BATNA. Only discrete issues can be\n"
  "imported.";

static const char description[] =
  "Example:\n"
  "  redline import genius Itex_domain.xml Itex.xml Cypress.xml -o itex.yaml\n"
  "\n"
  "Exit status: 0 done; 1 a file is not a Genius domain or profile of it\n"
  "(with file:line:col); 2 bad command line; 3 cannot read or write.";

int
rl_cmd_import (RlCommandRun *cmd)
{
  int status;
  if ((status = rl_cli_parse (cmd, summary, description, NULL)) >= 0)
    return status;
  GStrv a = cmd->args;
  if (a[0] == NULL)
    return rl_cli_usage_error (COMMAND, "what to import? 'genius DOMAIN.xml PROFILE.xml...'");
  if (strcmp (a[0], "genius") != 0)
    return rl_cli_usage_error (COMMAND, "unknown format '%s'; import reads 'genius'", a[0]);
  if (a[1] == NULL)
    return rl_cli_usage_error (COMMAND, "no DOMAIN.xml given");
  if (a[2] == NULL)
    return rl_cli_usage_error (COMMAND, "no PROFILE.xml given: one profile per party");
  for (guint k = 1; a[k]; k++)
    if (rl_output_is_same_file (cmd->opts.output, a[k]))
      return rl_cli_usage_error (COMMAND, "-o %s would overwrite an input file", cmd->opts.output);

  g_autoptr (GError) error = NULL;
  g_autoptr (RlGenius) genius = rl_genius_load (a[1], (const char *const *) a + 2,
                                                g_strv_length (a + 2), &error);
  if (genius == NULL)
    return rl_cli_fail (error);
  g_autofree char *yaml = rl_write_genius_scenario (genius);
  /* The scenario is checked as `check` would before it is written: a file
   * redline itself cannot load must never be the result. */
  const char *name = cmd->opts.output && strcmp (cmd->opts.output, "-") != 0
                     ? cmd->opts.output : "(imported scenario)";
  g_autoptr (RlScenario) sc = rl_scenario_load_from_data (yaml, strlen (yaml), name, &error);
  if (sc == NULL)
    return rl_cli_fail (error);
  RlOutput *output = rl_cli_open_output (cmd->opts.output);
  if (!output)
    return RL_EXIT_IO;
  return rl_cli_write_output (output, yaml, strlen (yaml));
}
