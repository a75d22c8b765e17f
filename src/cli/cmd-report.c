/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cmd-report.c: `redline report FILE`: the whole analysis as one
 * self-contained HTML page, or Markdown with its charts as SVG files.
 */
#include "cli.h"

#include <string.h>

#include <redline/redline.h>
#include <redline/report.h>

#include "command.h"
#include "output-set.h"
#include "write/write-report.h"

#define COMMAND "report"

static const char summary[] =
  "Write a complete analysis of scenario FILE: the scenario and its parties,\n"
  "every red line and what it rules out, the funnel from every package to the\n"
  "Pareto frontier, the best packages by four scores and where they differ,\n"
  "the gains over the status quo, the utility space as a chart, why there is\n"
  "no deal when there is none, and for a what-if variant the comparison with\n"
  "its base.";

static const char description[] =
  "Formats: html (default): one self-contained page, inline CSS and SVG, no\n"
  "scripts, printable on A4; markdown: needs -o FILE.md, and writes the\n"
  "charts as SVG files into FILE-files/ beside it, all or nothing: the\n"
  "previous report stays whole until the new one replaces it.\n"
  "\n"
  "The utility-space chart shows two parties (--axes P,Q; default the first\n"
  "two veto parties): every acceptable package as a dot, up to 5,000 of them,\n"
  "and beyond that shaded cells. The comparison section compares the\n"
  "scenario with the file as loaded when what-if flags are given, otherwise\n"
  "with the base the file extends, if any.\n"
  "\n"
  "Exit status: 0 done; 1 invalid scenario; 2 bad command line; 3 cannot\n"
  "read or write, a search ran out of time (--timeout, or explain's own\n"
  "10-second limit when no --timeout is given: the report then says which\n"
  "section did not finish), or the space is too large.";

/* --axes P,Q: two different parties. */
static gboolean
parse_axes (const RlScenario *sc, const char *text, int *x, int *y, GError **error)
{
  g_auto (GStrv) parts = g_strsplit (text, ",", -1);
  if (g_strv_length (parts) != 2)
    {
      g_set_error (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT,
                   "--axes %s: expected two parties, P,Q", text);
      return FALSE;
    }
  int found[2];
  guint np = rl_scenario_get_n_parties (sc);
  g_autofree const char **ids = g_new (const char *, np + 1);
  for (guint p = 0; p < np; p++)
    ids[p] = rl_scenario_get_party_id (sc, p);
  for (guint k = 0; k < 2; k++)
    {
      g_strstrip (parts[k]);
      found[k] = rl_scenario_find_party (sc, parts[k]);
      if (found[k] < 0)
        {
          g_autofree char *hint = rl_suggest_hint (parts[k], strlen (parts[k]), ids, np);
          g_set_error (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT, "--axes: unknown party '%s'%s",
                       parts[k], hint);
          return FALSE;
        }
    }
  if (found[0] == found[1])
    {
      g_set_error (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT,
                   "--axes: name two different parties, not '%s' twice", parts[0]);
      return FALSE;
    }
  *x = found[0];
  *y = found[1];
  return TRUE;
}

int
rl_cmd_report (RlCommandRun *cmd)
{
  g_autofree char *axes = NULL;
  g_autofree char *samples = NULL;
  gboolean no_margins = FALSE;
  const GOptionEntry own[] = {
    { "axes", 0, 0, G_OPTION_ARG_STRING, &axes,
      "The two parties of the utility-space chart", "P,Q" },
    { "samples", 0, 0, G_OPTION_ARG_STRING, &samples,
      "Monte Carlo samples of \"How robust is this?\" (default 1000)", "N" },
    { "no-margins", 0, 0, G_OPTION_ARG_NONE, &no_margins,
      "Leave the margins out of it (with --samples 0: the section)", NULL },
    { NULL },
  };
  int status;
  if ((status = rl_cli_parse (cmd, summary, description, own)) >= 0)
    return status;
  guint64 n_samples = 1000;
  g_autoptr (GError) flag_error = NULL;
  if (samples && !rl_cli_parse_count ("--samples", samples, 0, 100000000, &n_samples, &flag_error))
    return rl_cli_usage_error (COMMAND, "%s", flag_error->message);
  gboolean markdown = cmd->opts.format == RL_FORMAT_MARKDOWN;
  if (markdown && (cmd->opts.output == NULL || strcmp (cmd->opts.output, "-") == 0))
    return rl_cli_usage_error (COMMAND, "--format markdown writes a .md file and a folder of "
                               "charts beside it: give -o FILE.md");
  if ((status = rl_cli_setup (cmd)) >= 0)
    return status;
  RlScenario *sc = cmd->sc;
  const char *file = cmd->file;

  g_autoptr (GError) error = NULL;
  RlReportOptions ro;
  rl_report_options_init (&ro);
  ro.rank = cmd->rank;
  if (axes && !parse_axes (sc, axes, &ro.axis_x, &ro.axis_y, &error))
    return rl_cli_usage_error (COMMAND, "%s", error->message);
  ro.top = cmd->opts.top;
  ro.base = cmd->base;
  ro.run = cmd->run;
  ro.sensitivity_samples = (guint) n_samples;
  ro.sensitivity_margins = !no_margins;

  /* Markdown is written as a set at the end (output-set.h), but checked
   * before the work as any output is opened before it. */
  g_autoptr (RlOutput) output = NULL;
  g_autoptr (RlOutputSet) set = NULL;
  if (markdown && !(set = rl_output_set_open (cmd->opts.output, &error)))
    return rl_cli_fail (error);
  if (!markdown && !(output = rl_cli_open_output (cmd->opts.output)))
    return RL_EXIT_IO;
  g_autoptr (RlReport) report = rl_report_new (sc, &ro, &error);
  rl_progress_clear (&cmd->progress);
  if (!report)
    return rl_cli_fail (error);

  g_autoptr (GString) text = g_string_new (NULL);
  const char *files_dir = markdown ? rl_output_set_get_files_dir (set) : NULL;
  g_autoptr (RlDoc) doc = rl_doc_new (rl_cli_doc_kind (cmd->opts.format), text, files_dir);
  rl_write_report (doc, report, file);
  if (markdown)
    {
      g_autoptr (GPtrArray) charts = rl_doc_steal_files (doc);
      if (!rl_output_set_commit (g_steal_pointer (&set), text, charts, &error))
        {
          rl_cli_print_error (error);
          return RL_EXIT_IO;
        }
    }
  else if ((status = rl_cli_write_output (g_steal_pointer (&output), text->str, text->len))
           != RL_EXIT_OK)
    return status;
  if (!rl_report_is_complete (report))
    {
      g_printerr ("redline: a search ran out of time; the report says which section did not "
                  "finish and is marked incomplete\n");
      return RL_EXIT_IO;
    }
  return RL_EXIT_OK;
}
