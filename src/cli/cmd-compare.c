/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cmd-compare.c: `redline compare A.yaml B.yaml`: what changes from one
 * scenario to the other, typically a base and a what-if variant. The
 * what-if flags apply to B.
 */
#include "cli.h"

#include <redline/redline.h>

#include "command.h"
#include "write/write-compare.h"
#include "write/write-json.h"

static const char summary[] =
  "Compare scenario A with scenario B, typically a base and a what-if variant\n"
  "of it: the two funnels side by side, the acceptable packages gained and\n"
  "lost, each party's ideal and its utility at the top package before and\n"
  "after, the top package before and after, and the changes that lead from A\n"
  "to B when B extends A. What-if options apply to B:\n"
  "  redline compare base.yaml base.yaml --relax ukraine/no-withdrawal";

static const char description[] =
  "Packages are matched by their options on the issues A and B share (issues\n"
  "with the same id; options by id): gained = acceptable only in B, lost =\n"
  "acceptable only in A. B may have other parties than A.\n"
  "\n"
  "Formats: text (default); json (\"redline.compare/1\": \"a\" and \"b\" are\n"
  "complete solve documents, then gained, lost and changes); csv (every gained\n"
  "and lost package, with a column `change` saying which).\n"
  "Exit status: 0 done; 1 an invalid scenario; 2 bad command line; 3 cannot\n"
  "read or write, --timeout stopped the work, or a space is too large.";

int
rl_cmd_compare (RlCommandRun *cmd)
{
  int status;
  if ((status = rl_cli_parse (cmd, summary, description, NULL)) >= 0)
    return status;
  if ((status = rl_cli_setup (cmd)) >= 0)
    return status;
  GStrv files = cmd->args;

  g_autoptr (GError) error = NULL;
  RlSolveOptions so_a, so_b;
  rl_cli_solve_options_init (&so_b, cmd);
  so_a = so_b;
  so_a.rank = cmd->base_rank;

  g_autoptr (RlOutput) output = rl_cli_open_output (cmd->opts.output);
  if (!output)
    return RL_EXIT_IO;
  g_autoptr (RlComparison) cmp = rl_compare (cmd->base, cmd->sc, &so_a, &so_b, &error);
  rl_progress_clear (&cmd->progress);
  if (!cmp)
    return rl_cli_fail (error);

  g_autoptr (GString) text = g_string_new (NULL);
  switch (cmd->opts.format)
    {
    case RL_FORMAT_JSON:
      {
        g_autoptr (JsonNode) doc = rl_json_compare (cmp, files[0], files[1]);
        rl_json_write (text, doc, TRUE);
        break;
      }
    case RL_FORMAT_CSV:
      rl_csv_compare (text, cmp);
      break;
    default:
      rl_text_compare (text, cmp, files[0], files[1]);
      break;
    }
  if ((status = rl_cli_write_output (g_steal_pointer (&output), text->str, text->len)) != RL_EXIT_OK)
    return status;
  /* The text says it in its own words; a CSV of gained and lost
   * packages would be a header alone, so say why. */
  g_autofree char *mismatch = NULL;
  if (!rl_comparison_is_matched (cmp, &mismatch) && cmd->opts.format == RL_FORMAT_CSV)
    g_printerr ("redline: A and B do not have the same issues and options (%s): their "
                "packages cannot be matched, so no package is listed as gained or lost\n",
                mismatch);
  if (!rl_comparison_is_complete (cmp))
    {
      g_printerr ("redline: --timeout stopped the comparison; the output is incomplete "
                  "(counts are lower bounds)\n");
      return RL_EXIT_IO;
    }
  return RL_EXIT_OK;
}
