/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cmd-evaluate.c: `redline evaluate FILE --deal I=O,...`: one proposed
 * package, scored and judged against the whole package space.
 */
#include "cli.h"

#include <string.h>

#include <redline/redline.h>

#include "command.h"
#include "write/write-csv.h"
#include "write/write-json.h"
#include "write/write-text.h"

#define COMMAND "evaluate"

static const char summary[] =
  "Score one proposed package of scenario FILE: each party's utility and gain\n"
  "over its BATNA, each red line kept or broken (observers' too), acceptable\n"
  "or not and why, its rank by every score among the acceptable packages, and\n"
  "whether it is Pareto-optimal or which acceptable package dominates it.";

static const char description[] =
  "The deal names every issue once, with option ids as in the file, in one\n"
  "--deal or several, or gives the package's index (as solve prints it):\n"
  "  redline evaluate talks.yaml --deal at_table=yes,border=frozen,guarantee=none\n"
  "  redline evaluate talks.yaml --deal at_table=yes \\\n"
  "                               --deal border=frozen,guarantee=none\n"
  "  redline evaluate talks.yaml --deal 17\n"
  "\n"
  "Formats: text (default); json (\"redline.evaluate/1\"); csv (one row).\n"
  "Exit status: 0 done (also for a package that is not acceptable); 1 invalid\n"
  "scenario; 2 bad command line, including a bad --deal; 3 cannot read or\n"
  "write, --timeout stopped the work, or the space is too large.";

static void
render (GString *text, RlScenario *sc, const RlEvaluation *ev, const char *file,
        RlFormat format, gboolean complete)
{
  switch (format)
    {
    case RL_FORMAT_JSON:
      {
        g_autoptr (JsonNode) doc = rl_json_evaluate (sc, ev);
        if (!complete)
          json_object_set_boolean_member (json_node_get_object (doc), "complete", FALSE);
        rl_json_write (text, doc, TRUE);
        break;
      }
    case RL_FORMAT_CSV:
      rl_csv_evaluate (text, sc, ev);
      break;
    default:
      rl_text_evaluate (text, sc, ev, file);
      if (!complete)
        g_string_append (text, "\nStopped by --timeout: the ranks and the dominating package\n"
                               "may be missing or wrong.\n");
      break;
    }
}

int
rl_cmd_evaluate (RlCommandRun *cmd)
{
  g_auto (GStrv) deals = NULL;
  const GOptionEntry own[] = {
    { "deal", 'd', 0, G_OPTION_ARG_STRING_ARRAY, &deals,
      "Every issue as ISSUE=OPTION (repeatable), or the index", "I=O,…" },
    { NULL },
  };
  int status;
  if ((status = rl_cli_parse (cmd, summary, description, own)) >= 0)
    return status;
  if (deals == NULL)
    return rl_cli_usage_error (COMMAND, "--deal is required: name every issue as ISSUE=OPTION");
  /* Repeated --deal: the pairs add up (cli.md). An index names the
   * whole package, so it cannot be added to. */
  if (g_strv_length (deals) > 1)
    for (guint k = 0; deals[k]; k++)
      {
        g_autofree char *one = g_strstrip (g_strdup (deals[k]));
        if (one[0] && strspn (one, "0123456789") == strlen (one))
          return rl_cli_usage_error (COMMAND, "--deal %s: a package index names every issue; "
                                     "give it as the only --deal", one);
      }
  g_autofree char *deal = g_strjoinv (",", deals);
  if ((status = rl_cli_setup (cmd)) >= 0)
    return status;
  RlScenario *sc = cmd->sc;
  const char *file = cmd->file;

  g_autoptr (GError) error = NULL;
  guint n_issues = rl_scenario_get_n_issues (sc);
  g_autofree guint8 *package = g_new (guint8, n_issues + 1);
  if (!rl_deal_parse_partial (sc, deal, package, &error))
    return rl_cli_usage_error (COMMAND, "--deal: %s", error->message);
  g_autoptr (GString) missing = g_string_new (NULL);
  for (guint i = 0; i < n_issues; i++)
    if (package[i] == RL_UNSET)
      g_string_append_printf (missing, "%s'%s'", missing->len ? ", " : "",
                              rl_scenario_get_issue_id (sc, i));
  if (missing->len > 0)
    return rl_cli_usage_error (COMMAND, "--deal must name every issue; missing %s", missing->str);

  RlSolveOptions so;
  rl_cli_solve_options_init (&so, cmd);

  g_autoptr (RlOutput) output = rl_cli_open_output (cmd->opts.output);
  if (!output)
    return RL_EXIT_IO;
  g_autoptr (RlEvaluation) ev = rl_evaluate (sc, package, &so, &error);
  rl_progress_clear (&cmd->progress);
  if (!ev)
    return rl_cli_fail (error);
  gboolean complete = rl_evaluation_is_complete (ev);

  g_autoptr (GString) text = g_string_new (NULL);
  render (text, sc, ev, file, cmd->opts.format, complete);
  if ((status = rl_cli_write_output (g_steal_pointer (&output), text->str, text->len)) != RL_EXIT_OK)
    return status;
  if (!complete)
    {
      g_printerr ("redline: --timeout cut the evaluation short; ranks and "
                  "dominated_by may be incomplete\n");
      return RL_EXIT_IO;
    }
  return RL_EXIT_OK;
}
