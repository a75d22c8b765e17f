/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cmd-check.c: `redline check FILE...`: load and validate each file;
 * summarise the good ones, print every error of the bad ones.
 */
#include "cli.h"

#include <redline/redline.h>

#include "command.h"
#include "warn.h"
#include "write/write-json.h"
#include "write/write-text.h"

static const char summary[] =
  "Load and validate each scenario FILE. A valid file gets a one-paragraph\n"
  "summary (issues and options, parties and who has a veto, red lines and\n"
  "constraints, the size of the package space); an invalid one gets every\n"
  "error found in it, on standard error, as file:line:col: error: ...";

static const char description[] =
  "Formats: text (default) or json (\"redline.check/1\": one entry per file).\n"
  "Exit status: 0 when every file is valid, 1 when one is invalid, 3 when one\n"
  "cannot be read; with several files the largest wins.";

/* The arrays hold NULL for a file that failed or succeeded. */
static void
scenario_unref0 (gpointer sc)
{
  if (sc)
    rl_scenario_unref (sc);
}

static void
error_free0 (gpointer error)
{
  if (error)
    g_error_free (error);
}

int
rl_cmd_check (RlCommandRun *cmd)
{
  int status;
  if ((status = rl_cli_parse (cmd, summary, description, NULL)) >= 0)
    return status;
  if ((status = rl_cli_setup (cmd)) >= 0)
    return status;
  GStrv files = cmd->args;

  g_autoptr (GError) error = NULL;
  g_autoptr (RlOutput) output = rl_cli_open_output (cmd->opts.output);
  if (!output)
    return RL_EXIT_IO;

  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  g_autoptr (GPtrArray) scenarios = g_ptr_array_new_with_free_func (scenario_unref0);
  g_autoptr (GPtrArray) errors = g_ptr_array_new_with_free_func (error_free0);
  g_autoptr (GString) text = g_string_new (NULL);
  status = RL_EXIT_OK;
  for (guint k = 0; files[k]; k++)
    {
      GError *load_error = NULL;
      RlScenario *sc = rl_scenario_load (files[k], &load_error);
      g_ptr_array_add (names, files[k]);
      g_ptr_array_add (scenarios, sc);
      g_ptr_array_add (errors, load_error);
      if (!sc)
        {
          rl_cli_print_error (load_error);
          status = MAX (status, rl_cli_exit_status (load_error));
        }
      else if (rl_cli_refuse_loaded (cmd, sc, "a scenario being checked", files[k]) >= 0)
        return RL_EXIT_USAGE;   /* -o names a base of it; the output is dropped */
      if (sc && cmd->opts.format == RL_FORMAT_TEXT)
        {
          /* Each summary as soon as its file is read, so that on a
           * terminal it stands in order among the other files' errors. */
          g_string_truncate (text, 0);
          rl_text_check (text, files[k], sc);
          /* A variant: the changes it applies to its base. */
          const char *const *changes = rl_scenario_get_changes (sc);
          for (guint c = 0; changes[c]; c++)
            g_string_append_printf (text, "  what if: %s\n", changes[c]);
          if (!rl_output_write_string (output, text, &error))
            {
              rl_cli_print_error (error);
              return RL_EXIT_IO;
            }
        }
    }

  /* Once every file is known not to be an output's target. */
  for (guint k = 0; files[k] && !cmd->opts.quiet; k++)
    if (g_ptr_array_index (scenarios, k))
      rl_cli_print_warnings (files[k], g_ptr_array_index (scenarios, k), TRUE, 0);

  g_string_truncate (text, 0);
  if (cmd->opts.format == RL_FORMAT_JSON)
    {
      g_autoptr (JsonNode) doc = rl_json_check (names, scenarios, errors);
      rl_json_write (text, doc, TRUE);
    }
  int written = rl_cli_write_output (g_steal_pointer (&output), text->str, text->len);
  return written != RL_EXIT_OK ? written : status;
}
