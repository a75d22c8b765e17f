/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cmd-explain.c: `redline explain FILE`: why there is no deal (minimal
 * conflicting sets of red lines and BATNAs, minimal relaxations that open
 * a zone of agreement), and what each blocker excludes and costs.
 */
#include "cli.h"

#include <redline/redline.h>
#include <redline/explain.h>

#include "command.h"
#include "write/write-explain.h"
#include "write/write-json.h"

#define COMMAND "explain"

/* --max: default and range (habit 8 of architecture.md). */
#define MAX_DEFAULT 10
#define MAX_MAX 100000

static const char summary[] =
  "Explain scenario FILE: why no package satisfies every veto party, and what\n"
  "each red line and BATNA (the blockers) costs. Conflicts are minimal sets of\n"
  "blockers that no feasible package satisfies together; relaxations are\n"
  "minimal sets whose removal opens a zone of agreement, each with how many\n"
  "packages it opens and the best of them. For every blocker: the feasible\n"
  "packages it excludes, those it alone excludes, and, when a deal exists,\n"
  "its price: how much the best score would rise without it.";

static const char description[] =
  "Conflicts and relaxations are listed smallest first, then by their ids;\n"
  "with 20 blockers or fewer the lists are exact. With more, they hold what\n"
  "was found within --timeout (default 10 seconds for explain), marked\n"
  "incomplete.\n"
  "\n"
  "Formats: text (default); json (\"redline.explain/1\"); csv (the blocker\n"
  "table).\n"
  "Exit status: 0 done (a scenario without a deal is an answer too); 1 invalid\n"
  "scenario; 2 bad command line; 3 cannot read or write, the space is too\n"
  "large, or --timeout (given or the default) stopped the work, in which\n"
  "case the output is still whole but marked incomplete.";

static void
render (GString *text, const RlExplanation *ex, const char *file, RlFormat format)
{
  switch (format)
    {
    case RL_FORMAT_JSON:
      {
        g_autoptr (JsonNode) doc = rl_json_explain (ex);
        rl_json_write (text, doc, TRUE);
        break;
      }
    case RL_FORMAT_CSV:
      rl_csv_explain (text, ex);
      break;
    default:
      rl_text_explain (text, ex, file);
      break;
    }
}

int
rl_cmd_explain (RlCommandRun *cmd)
{
  g_autofree char *max_text = NULL;
  const GOptionEntry own[] = {
    { "max", 0, 0, G_OPTION_ARG_STRING, &max_text,
      "How many conflicts and relaxations to list (default 10)", "N" },
    { NULL },
  };
  int status;
  if ((status = rl_cli_parse (cmd, summary, description, own)) >= 0)
    return status;
  g_autoptr (GError) error = NULL;
  guint64 max = MAX_DEFAULT;
  if (max_text && !rl_cli_parse_count ("--max", max_text, 0, MAX_MAX, &max, &error))
    return rl_cli_usage_error (COMMAND, "%s", error->message);
  if ((status = rl_cli_setup (cmd)) >= 0)
    return status;

  RlExplainOptions eo;
  rl_explain_options_init (&eo);
  eo.rank = cmd->rank;
  eo.max = (guint) max;
  /* explain keeps its own default timeout unless --timeout is given. */
  double default_timeout = eo.run.timeout;
  eo.run = cmd->run;
  if (!cmd->opts.timeout_text)
    eo.run.timeout = default_timeout;

  g_autoptr (RlOutput) output = rl_cli_open_output (cmd->opts.output);
  if (!output)
    return RL_EXIT_IO;
  g_autoptr (RlExplanation) ex = rl_explain (cmd->sc, &eo, &error);
  rl_progress_clear (&cmd->progress);
  if (!ex)
    return rl_cli_fail (error);

  g_autoptr (GString) text = g_string_new (NULL);
  render (text, ex, cmd->file, cmd->opts.format);
  if ((status = rl_cli_write_output (g_steal_pointer (&output), text->str, text->len)) != RL_EXIT_OK)
    return status;
  if (!rl_explanation_is_complete (ex))
    {
      char seconds[G_ASCII_DTOSTR_BUF_SIZE];
      g_ascii_formatd (seconds, sizeof seconds, "%g", eo.run.timeout);
      g_printerr ("redline: --timeout %s stopped explain; the lists hold what was found in "
                  "that time and may be incomplete (give a longer --timeout for more)\n", seconds);
      return RL_EXIT_IO;
    }
  return RL_EXIT_OK;
}
