/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cmd-export.c: `redline export genius FILE -o DIR` (a Genius domain and
 * one profile per party; what Genius cannot express is named on standard
 * error and in a comment of every file) and `redline export minizinc
 * FILE` (a MiniZinc model: minizinc.h).
 */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>
#include <redline/genius.h>
#include <redline/minizinc.h>
#include <redline/redline.h>

#include "command.h"
#include "write/write-genius.h"
#include "write/write-text-layout.h"

#define COMMAND "export"

static const char summary[] =
  "Write scenario FILE for another tool.\n"
  "\n"
  "genius: a Genius domain file and one profile per party in directory DIR\n"
  "(-o, required; made if missing), named after FILE: NAME_domain.xml and\n"
  "NAME_PARTY.xml, which Genius and NegMAS load. Utilities carry over;\n"
  "constraints, red lines, bonuses, observers, powers and the status quo\n"
  "cannot be expressed there: each is named on standard error and in a\n"
  "comment at the top of every file.\n"
  "\n"
  "minizinc: a MiniZinc model (standard output or -o FILE): one variable per\n"
  "issue, constraints and veto parties' red lines and BATNAs as constraints,\n"
  "and with --goal nash (default) the Nash product as the objective; with\n"
  "--goal acceptable every solution is an acceptable package.";

static const char description[] =
  "Examples:\n"
  "  redline export genius talks.yaml -o genius/\n"
  "  redline export minizinc talks.yaml -o talks.mzn && minizinc talks.mzn\n"
  "\n"
  "Exit status: 0 done; 1 invalid scenario; 2 bad command line; 3 cannot read\n"
  "or write.";

/* Every file written whole, or none: each goes to a temporary beside its
 * target, and they are renamed only once all were written. */
static int
write_genius (const RlScenario *sc, const char *dir)
{
  if (g_mkdir_with_parents (dir, 0777) != 0)
    {
      fprintf (stderr, "redline: cannot make the directory %s: %s\n", dir, g_strerror (errno));
      return RL_EXIT_IO;
    }
  g_autoptr (RlGenius) genius = rl_genius_from_scenario (sc);
  guint np = rl_genius_get_n_profiles (genius);
  g_autoptr (GPtrArray) outputs = g_ptr_array_new_with_free_func ((GDestroyNotify) rl_output_abort);
  g_autoptr (GError) error = NULL;
  for (guint f = 0; f <= np; f++)
    {
      const char *name = f == 0 ? rl_genius_get_domain_file (genius)
                                : rl_genius_get_profile_file (genius, f - 1);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *xml = f == 0 ? rl_write_genius_domain (genius)
                                    : rl_write_genius_profile (genius, f - 1);
      RlOutput *out = rl_output_open (path, &error);
      if (out == NULL)
        return rl_cli_fail (error);
      g_ptr_array_add (outputs, out);
      if (!rl_output_write (out, xml, strlen (xml), &error))
        return rl_cli_fail (error);
    }
  while (outputs->len > 0)
    {
      RlOutput *out = g_ptr_array_steal_index (outputs, 0);
      if (!rl_output_commit (out, &error))
        return rl_cli_fail (error);
    }
  guint nl = rl_genius_get_n_losses (genius);
  if (nl > 0)
    {
      GString *t = g_string_new ("redline export: not expressible in Genius, so left out:\n");
      for (guint k = 0; k < nl; k++)
        {
          g_autofree char *line = g_strdup_printf ("- %s", rl_genius_get_loss (genius, k));
          rl_text_append_wrapped (t, line, 0, 2);
        }
      fputs (t->str, stderr);
      g_string_free (t, TRUE);
    }
  return RL_EXIT_OK;
}

int
rl_cmd_export (RlCommandRun *cmd)
{
  g_autofree char *goal_text = NULL;
  const GOptionEntry own[] = {
    { "goal", 0, 0, G_OPTION_ARG_STRING, &goal_text,
      "minizinc: nash (the default) or acceptable", "GOAL" },
    { NULL },
  };
  int status;
  if ((status = rl_cli_parse (cmd, summary, description, own)) >= 0)
    return status;
  GStrv a = cmd->args;
  if (a[0] == NULL)
    return rl_cli_usage_error (COMMAND, "export to what? 'genius FILE -o DIR' or 'minizinc FILE'");
  gboolean genius = strcmp (a[0], "genius") == 0;
  if (!genius && strcmp (a[0], "minizinc") != 0)
    return rl_cli_usage_error (COMMAND, "unknown format '%s'; export writes 'genius' or 'minizinc'", a[0]);
  if (a[1] == NULL)
    return rl_cli_usage_error (COMMAND, "no FILE given");
  if (a[2] != NULL)
    return rl_cli_usage_error (COMMAND, "one FILE only; found '%s' after '%s'", a[2], a[1]);
  RlMinizincGoal goal = RL_MINIZINC_NASH;
  if (goal_text && genius)
    return rl_cli_usage_error (COMMAND, "--goal is for minizinc; Genius has no goal");
  if (goal_text && strcmp (goal_text, "acceptable") == 0)
    goal = RL_MINIZINC_SATISFY;
  else if (goal_text && strcmp (goal_text, "nash") != 0)
    return rl_cli_usage_error (COMMAND, "--goal: unknown goal '%s'; nash or acceptable", goal_text);
  const char *output = cmd->opts.output;
  if (genius && (output == NULL || strcmp (output, "-") == 0))
    return rl_cli_usage_error (COMMAND, "genius writes several files: -o DIR is required");
  if (!genius && rl_output_is_same_file (output, a[1]))
    return rl_cli_usage_error (COMMAND, "-o %s would overwrite the scenario", output);

  g_autoptr (GError) error = NULL;
  g_autoptr (RlScenario) sc = rl_scenario_load (a[1], &error);
  if (sc == NULL)
    return rl_cli_fail (error);
  if (genius)
    return write_genius (sc, output);

  RlOutput *out = rl_cli_open_output (output);
  if (!out)
    return RL_EXIT_IO;
  gboolean exact = TRUE;
  g_autofree char *model = rl_minizinc_model (sc, goal, &exact);
  if (!exact)
    fprintf (stderr, "redline export: utilities are not whole numbers at any small scale; "
                     "the model\nrounds them to 1e-6, so a package within 1e-6 of a BATNA "
                     "may count differently.\n");
  return rl_cli_write_output (out, model, strlen (model));
}
