/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cmd-brief.c: `redline brief FILE --party P`: the role sheet of one party
 * for a negotiation class: its own priorities, values, red lines and
 * BATNA, and only what is public of the others.
 */
#include "cli.h"

#include <string.h>

#include <redline/redline.h>
#include <redline/report.h>

#include "command.h"
#include "write/write-report.h"

#define COMMAND "brief"

static const char summary[] =
  "Write the role sheet of party P of scenario FILE, for the student who plays\n"
  "it: the situation, the issues and options, P's priorities and values in\n"
  "words and as a chart, P's red lines, what P gets if talks fail, and of\n"
  "every other party only what is public: its label, whether it has a veto,\n"
  "and its public red lines.";

static const char description[] =
  "Nothing private of another party appears: not its weights, values,\n"
  "bonuses, BATNA, power, notes or description, nor a red line with\n"
  "'public: false'.\n"
  "\n"
  "Formats: markdown (default; the chart as text bars), html (one page, the\n"
  "chart as SVG), text.\n"
  "Exit status: 0 done; 1 invalid scenario; 2 bad command line (a missing or\n"
  "unknown --party); 3 cannot read or write.";

int
rl_cmd_brief (RlCommandRun *cmd)
{
  g_autofree char *party = NULL;
  const GOptionEntry own[] = {
    { "party", 'p', 0, G_OPTION_ARG_STRING, &party, "The party the sheet is for", "P" },
    { NULL },
  };
  int status;
  if ((status = rl_cli_parse (cmd, summary, description, own)) >= 0)
    return status;
  if (party == NULL)
    return rl_cli_usage_error (COMMAND, "--party is required: whose role sheet?");
  if ((status = rl_cli_setup (cmd)) >= 0)
    return status;
  RlScenario *sc = cmd->sc;

  int p = rl_scenario_find_party (sc, party);
  if (p < 0)
    {
      guint np = rl_scenario_get_n_parties (sc);
      g_autofree const char **ids = g_new (const char *, np + 1);
      for (guint q = 0; q < np; q++)
        ids[q] = rl_scenario_get_party_id (sc, q);
      g_autofree char *hint = rl_suggest_hint (party, strlen (party), ids, np);
      return rl_cli_usage_error (COMMAND, "--party: unknown party '%s'%s", party, hint);
    }

  RlOutput *output = rl_cli_open_output (cmd->opts.output);
  if (!output)
    return RL_EXIT_IO;
  g_autoptr (RlBrief) brief = rl_brief_new (sc, (guint) p);
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (RlDoc) doc = rl_doc_new (rl_cli_doc_kind (cmd->opts.format), text, NULL);
  rl_write_brief (doc, brief, cmd->file);
  return rl_cli_write_output (output, text->str, text->len);
}
