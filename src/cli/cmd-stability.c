/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cmd-stability.c: `redline stability FILE`: would anyone break the deal
 * by a move it controls? The four GMCR concepts for each examined
 * package (stability.md).
 */
#include "cli.h"

#include <string.h>

#include <redline/redline.h>

#include "command.h"
#include "write/write-json.h"
#include "write/write-stability.h"

#define COMMAND "stability"

static const char summary[] =
  "Would any party break a deal of scenario FILE by a move it controls? For\n"
  "each examined package (the acceptable ones by default), each party that\n"
  "could better its lot on its own, what it would change and gain, and what\n"
  "answer by the others deters it; the package's verdict under the four\n"
  "stability concepts of the graph model (Nash, GMR, SMR, SEQ).";

static const char description[] =
  "Parties move only on the issues they list under `controls`, and only as\n"
  "each issue's `moves` allows; a party prefers a package that breaks fewer\n"
  "of its own red lines, then one of higher utility. Moves range over every\n"
  "feasible package; --packages (or --deal) chooses which are examined.\n"
  "\n"
  "Formats: text (default); json (\"redline.stability/1\"); csv (one row per\n"
  "examined package: index, options, the four verdicts, movers).\n"
  "Exit status: 0 done (also when nothing is examined, or no party controls\n"
  "anything); 1 invalid scenario; 2 bad command line, including a --deal\n"
  "that breaks a constraint; 3 cannot read or write, or --timeout stopped\n"
  "the work (what was settled is still written, marked incomplete).";

typedef struct {
  char *packages;
  char *deal;
} StabilityFlags;

static void
stability_flags_clear (StabilityFlags *f)
{
  g_clear_pointer (&f->packages, g_free);
  g_clear_pointer (&f->deal, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (StabilityFlags, stability_flags_clear)

/* The checks that need no scenario. */
static int
check_flags (const StabilityFlags *f, const RlCliOptions *opts, RlStabilityPackages *packages)
{
  g_autoptr (GError) error = NULL;
  *packages = RL_STABILITY_ACCEPTABLE;
  if (f->packages && !rl_stability_packages_parse (f->packages, packages, &error))
    return rl_cli_usage_error (COMMAND, "--packages: %s", error->message);
  if (f->deal && f->packages)
    return rl_cli_usage_error (COMMAND, "--deal examines one package; it does not go with --packages");
  if ((opts->rank_text || opts->top_text) && *packages != RL_STABILITY_TOP)
    return rl_cli_usage_error (COMMAND, "%s chooses the packages of --packages top; add it",
                               opts->rank_text ? "--rank" : "--top");
  return -1;
}

/* --deal: every issue named once, a state of the scenario. */
static int
parse_deal (const RlScenario *sc, const char *text, guint8 *package)
{
  g_autoptr (GError) error = NULL;
  guint n_issues = rl_scenario_get_n_issues (sc);
  if (!rl_deal_parse_partial (sc, text, package, &error))
    return rl_cli_usage_error (COMMAND, "--deal: %s", error->message);
  g_autoptr (GString) missing = g_string_new (NULL);
  for (guint i = 0; i < n_issues; i++)
    if (package[i] == RL_UNSET)
      g_string_append_printf (missing, "%s'%s'", missing->len ? ", " : "",
                              rl_scenario_get_issue_id (sc, i));
  if (missing->len > 0)
    return rl_cli_usage_error (COMMAND, "--deal must name every issue; missing %s", missing->str);
  return -1;
}

static void
render (GString *text, const RlStability *st, const char *file, RlFormat format)
{
  switch (format)
    {
    case RL_FORMAT_JSON:
      {
        g_autoptr (JsonNode) doc = rl_json_stability (st, file);
        rl_json_write (text, doc, TRUE);
        break;
      }
    case RL_FORMAT_CSV:
      rl_csv_stability (text, st);
      break;
    default:
      rl_text_stability (text, st, file);
      break;
    }
}

int
rl_cmd_stability (RlCommandRun *cmd)
{
  g_auto (StabilityFlags) f = { 0 };
  const GOptionEntry own[] = {
    { "packages", 0, 0, G_OPTION_ARG_STRING, &f.packages,
      "Which: acceptable (default), compatible, feasible, top",
      "SET" },
    { "deal", 'd', 0, G_OPTION_ARG_STRING, &f.deal,
      "Examine this one package: ISSUE=OPTION for every issue", "I=O,…" },
    { NULL },
  };
  int status;
  if ((status = rl_cli_parse (cmd, summary, description, own)) >= 0)
    return status;
  RlStabilityPackages packages;
  if ((status = check_flags (&f, &cmd->opts, &packages)) >= 0)
    return status;
  if ((status = rl_cli_setup (cmd)) >= 0)
    return status;
  RlScenario *sc = cmd->sc;

  g_autofree guint8 *deal = g_new0 (guint8, rl_scenario_get_n_issues (sc) + 1);
  if (f.deal && (status = parse_deal (sc, f.deal, deal)) >= 0)
    return status;

  RlStabilityOptions so;
  rl_stability_options_init (&so);
  so.packages = packages;
  so.rank = cmd->rank;
  so.top = cmd->opts.top;
  so.deal = f.deal ? deal : NULL;
  so.run = cmd->run;

  g_autoptr (RlOutput) output = rl_cli_open_output (cmd->opts.output);
  if (!output)
    return RL_EXIT_IO;
  g_autoptr (GError) error = NULL;
  g_autoptr (RlStability) st = rl_stability (sc, &so, &error);
  rl_progress_clear (&cmd->progress);
  if (!st)
    {
      if (g_error_matches (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT))
        return rl_cli_usage_error (COMMAND, "--deal: %s", error->message);
      return rl_cli_fail (error);
    }

  g_autoptr (GString) text = g_string_new (NULL);
  render (text, st, cmd->file, cmd->opts.format);
  if ((status = rl_cli_write_output (g_steal_pointer (&output), text->str, text->len)) != RL_EXIT_OK)
    return status;
  if (!rl_stability_is_complete (st))
    {
      g_printerr ("redline: --timeout stopped the work; only the packages written were "
                  "settled\n");
      return RL_EXIT_IO;
    }
  return RL_EXIT_OK;
}
