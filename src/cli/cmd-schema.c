/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cmd-schema.c: `redline schema`: the JSON Schema of scenario files, for
 * editors (scenarios/scenario.schema.json, embedded at build time; installed
 * beside the shipped scenarios in share/redline/scenarios/).
 */
#include "cli.h"

#include <string.h>

#include "command.h"
#include "scenario-schema.h"

#define COMMAND "schema"

static const char summary[] =
  "Print the JSON Schema (draft 2020-12) of scenario files, for editors: the\n"
  "YAML language server checks a file against it and completes its keys.";

static const char description[] =
  "A scenario names it in its first line:\n"
  "  # yaml-language-server: $schema=PATH-OR-URL\n"
  "The shipped scenarios name the copy installed beside them\n"
  "(share/redline/scenario.schema.json).\n"
  "The schema checks the shape of a file; `redline check` checks the rest\n"
  "(rules, names, sums).\n"
  "\n"
  "Exit status: 0 done; 2 bad command line; 3 cannot write.";

int
rl_cmd_schema (RlCommandRun *cmd)
{
  int status;
  if ((status = rl_cli_parse (cmd, summary, description, NULL)) >= 0)
    return status;
  if (cmd->args[0] != NULL)
    return rl_cli_usage_error (COMMAND, "no arguments expected; found '%s'", cmd->args[0]);
  RlOutput *output = rl_cli_open_output (cmd->opts.output);
  if (!output)
    return RL_EXIT_IO;
  return rl_cli_write_output (output, scenario_schema, strlen (scenario_schema));
}
