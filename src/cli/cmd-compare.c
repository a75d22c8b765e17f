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

#define COMMAND "compare"
#define SHARED (RL_OPT_FORMAT | RL_OPT_OUTPUT | RL_OPT_RANK | RL_OPT_TOP | RL_OPT_THREADS \
                | RL_OPT_QUIET | RL_OPT_TIMEOUT | RL_OPT_WHATIF)
#define FORMATS (RL_FORMAT_TEXT | RL_FORMAT_JSON | RL_FORMAT_CSV)

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
rl_cmd_compare (int argc, char **argv)
{
  g_auto (RlCliOptions) opts = { 0 };
  rl_cli_options_init (&opts);
  g_autoptr (GOptionContext) ctx = rl_cli_options_new_context (&opts, COMMAND, "A.yaml B.yaml",
                                                               summary, description, NULL,
                                                               SHARED, FORMATS);
  g_auto (GStrv) files = NULL;
  int status = rl_cli_options_parse (&opts, ctx, COMMAND, argc, argv, &files);
  if (status >= 0)
    return status;
  if (files[0] == NULL || files[1] == NULL)
    return rl_cli_usage_error (COMMAND, "two files needed: A.yaml B.yaml");
  if (files[2] != NULL)
    return rl_cli_usage_error (COMMAND, "two files only; found '%s' after '%s'", files[2], files[1]);
  for (guint k = 0; k < 2; k++)
    if (rl_output_is_same_file (opts.output, files[k]))
      return rl_cli_usage_error (COMMAND, "-o %s would overwrite a scenario", opts.output);

  g_autoptr (GError) error = NULL;
  g_autoptr (RlScenario) a = rl_scenario_load (files[0], &error);
  if (!a)
    return rl_cli_fail (error);
  g_autoptr (RlScenario) b = NULL;
  if ((status = rl_cli_load_scenario (&opts, files[1], &b)) >= 0)
    return status;

  RlSolveOptions so_a, so_b;
  RlProgress progress;
  rl_cli_solve_options_init (&so_a, &opts, &progress, "comparing");
  if (!rl_cli_options_rank (&opts, a, &so_a.rank, &error))
    return rl_cli_usage_error (COMMAND, "%s (in A)", error->message);
  so_a.top = opts.top;
  so_b = so_a;
  if (!rl_cli_options_rank (&opts, b, &so_b.rank, &error))
    return rl_cli_usage_error (COMMAND, "%s (in B)", error->message);

  g_autoptr (RlOutput) output = rl_cli_open_output (opts.output);
  if (!output)
    return RL_EXIT_IO;
  g_autoptr (RlComparison) cmp = rl_compare (a, b, &so_a, &so_b, &error);
  rl_progress_clear (&progress);
  if (!cmp)
    return rl_cli_fail (error);

  g_autoptr (GString) text = g_string_new (NULL);
  switch (opts.format)
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
  if (!rl_comparison_is_complete (cmp))
    {
      g_printerr ("redline: --timeout stopped the comparison; the output is incomplete "
                  "(counts are lower bounds)\n");
      return RL_EXIT_IO;
    }
  return RL_EXIT_OK;
}
