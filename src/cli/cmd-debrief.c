/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cmd-debrief.c: `redline debrief FILE --deals DEALS.csv`: the deals the
 * groups of a class reached, one row each, scored against the scenario.
 */
#include "cli.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include <redline/redline.h>
#include <redline/debrief.h>

#include "command.h"
#include "write/write-debrief.h"
#include "write/write-json.h"

#define COMMAND "debrief"

/* The deals file is read whole; no class needs more than this. */
#define DEALS_MAX_BYTES (16 * 1024 * 1024)

static const char summary[] =
  "Score the deals that groups of a class reached on scenario FILE: for each\n"
  "group (a row of DEALS.csv), acceptable or which red lines and BATNAs it\n"
  "breaks (the veto parties', and apart the observers'), each party's\n"
  "utility, its rank among the acceptable packages by each of the four\n"
  "scores (Nash, welfare, Kalai, the smallest gain), and whether it is\n"
  "Pareto-optimal or which package dominates it.";

static const char description[] =
  "DEALS.csv has a header 'group,ISSUE,ISSUE,...' (every issue id, any order)\n"
  "and one row per group with an option id per issue, e.g.\n"
  "  group,border,aid\n"
  "  Team A,middle,some\n"
  "RFC 4180 quoting, a byte-order mark and CRLF line ends are fine. A bad row\n"
  "(an unknown option, a missing column, a group named twice) is reported as\n"
  "DEALS.csv:LINE: error: ... and the other rows are still scored.\n"
  "\n"
  "Formats: text (default); csv (one row per group); json\n"
  "(\"redline.debrief/1\"); html (a page with the deals on the utility-space\n"
  "chart).\n"
  "Exit status: 0 done; 1 invalid scenario or a bad row in DEALS.csv (the\n"
  "output is written all the same); 2 bad command line; 3 cannot read or\n"
  "write, or --timeout stopped the work.";

static gboolean
read_deals (const char *path, char **data, gsize *len, GError **error)
{
  struct stat st;
  if (g_stat (path, &st) == 0 && S_ISREG (st.st_mode) && st.st_size > DEALS_MAX_BYTES)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "cannot read %s: the file is larger than %d MiB",
                   path, DEALS_MAX_BYTES / (1024 * 1024));
      return FALSE;
    }
  return g_file_get_contents (path, data, len, error);
}

int
rl_cmd_debrief (RlCommandRun *cmd)
{
  g_autofree char *deals_path = NULL;
  const GOptionEntry own[] = {
    { "deals", 'd', 0, G_OPTION_ARG_FILENAME, &deals_path,
      "The groups' deals: CSV, a 'group' column and one per issue", "DEALS.csv" },
    { NULL },
  };
  int status;
  if ((status = rl_cli_parse (cmd, summary, description, own)) >= 0)
    return status;
  if (deals_path == NULL)
    return rl_cli_usage_error (COMMAND, "--deals is required: the CSV file of the groups' deals");
  g_autoptr (GError) error = NULL;
  if (!rl_cli_check_file_name ("--deals", deals_path, FALSE, &error))
    return rl_cli_usage_error (COMMAND, "%s", error->message);
  rl_cli_add_input (cmd, deals_path, "the deals file");
  if ((status = rl_cli_setup (cmd)) >= 0)
    return status;
  RlScenario *sc = cmd->sc;
  const char *file = cmd->file;

  g_autofree char *data = NULL;
  gsize len = 0;
  if (!read_deals (deals_path, &data, &len, &error))
    {
      rl_cli_print_error (error);
      return RL_EXIT_IO;
    }
  g_autoptr (RlDeals) deals = rl_deals_parse (sc, data, len, deals_path);
  const char *const *errors = rl_deals_get_errors (deals);
  for (guint k = 0; errors[k]; k++)
    fprintf (stderr, "%s\n", errors[k]);
  int row_status = errors[0] ? RL_EXIT_INVALID : RL_EXIT_OK;

  RlSolveOptions so;
  rl_cli_solve_options_init (&so, cmd);

  g_autoptr (RlOutput) output = rl_cli_open_output (cmd->opts.output);
  if (!output)
    return RL_EXIT_IO;
  g_autoptr (RlDebrief) db = rl_debrief_new (sc, deals, &so, cmd->opts.format == RL_FORMAT_HTML,
                                             &error);
  rl_progress_clear (&cmd->progress);
  if (!db)
    {
      rl_cli_print_error (error);
      return MAX (rl_cli_exit_status (error), row_status);
    }

  g_autoptr (GString) text = g_string_new (NULL);
  switch (cmd->opts.format)
    {
    case RL_FORMAT_JSON:
      {
        g_autoptr (JsonNode) node = rl_json_debrief (db, file, deals_path);
        rl_json_write (text, node, TRUE);
        break;
      }
    case RL_FORMAT_CSV:
      rl_csv_debrief (text, db);
      break;
    default:
      {
        g_autoptr (RlDoc) doc = rl_doc_new (rl_cli_doc_kind (cmd->opts.format), text, NULL);
        rl_write_debrief (doc, db, file, deals_path);
        break;
      }
    }
  if ((status = rl_cli_write_output (g_steal_pointer (&output), text->str, text->len)) != RL_EXIT_OK)
    return status;
  if (!rl_debrief_is_complete (db))
    {
      g_printerr ("redline: --timeout stopped a search; ranks may be missing\n");
      return RL_EXIT_IO;
    }
  return row_status;
}
