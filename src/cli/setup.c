/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * setup.c: the shared opening of a command, driven by its setup flags.
 * The messages are worded as each command worded them before it had a
 * row to read them from; tests and users' scripts match them.
 */
#include "setup.h"

#include <redline/report.h>

#include "output.h"
#include "warn.h"

#define RL_SETUP_ARGS (RL_SETUP_SCENARIO | RL_SETUP_FILES | RL_SETUP_PAIR)

static void
command_run_init (RlCommandRun *cmd, const RlCommand *command, int argc, char **argv)
{
  *cmd = (RlCommandRun) { .command = command, .argc = argc, .argv = argv,
                          .rank = { RL_SCORE_NASH, 0 }, .base_rank = { RL_SCORE_NASH, 0 } };
  rl_cli_options_init (&cmd->opts);
  if (command->format)
    cmd->opts.format = command->format;
  rl_run_options_init (&cmd->run);
}

static void
command_run_clear (RlCommandRun *cmd)
{
  rl_cli_options_clear (&cmd->opts);
  g_clear_pointer (&cmd->args, g_strfreev);
  g_clear_pointer (&cmd->sc, rl_scenario_unref);
  g_clear_pointer (&cmd->base, rl_scenario_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RlCommandRun, command_run_clear)

int
rl_cli_run_command (const RlCommand *command, int argc, char **argv)
{
  g_auto (RlCommandRun) cmd = { 0 };
  command_run_init (&cmd, command, argc, argv);
  return command->run (&cmd);
}

/* A row whose flags contradict each other is a mistake in cli.c, not in
 * the user's command line. */
static gboolean
row_is_consistent (const RlCommand *c)
{
  RlSetupFlags args = c->setup & RL_SETUP_ARGS;
  return (args & (args - 1)) == 0
         && (!(c->setup & RL_SETUP_BASE) || (c->setup & RL_SETUP_SCENARIO))
         && (!(c->setup & RL_SETUP_RANK) || (c->options & RL_OPT_RANK))
         && (!(c->setup & RL_SETUP_RUN) || c->progress != NULL)
         && (c->format == 0 || (c->format & c->formats));
}

/* How many positional arguments the setup flags ask for. */
static int
check_args (const RlCommandRun *cmd)
{
  const char *name = cmd->command->name;
  GStrv a = cmd->args;
  switch (cmd->command->setup & RL_SETUP_ARGS)
    {
    case RL_SETUP_SCENARIO:
      if (a[0] == NULL)
        return rl_cli_usage_error (name, "no FILE given");
      if (a[1] != NULL)
        return rl_cli_usage_error (name, "one FILE only; found '%s' after '%s'", a[1], a[0]);
      break;
    case RL_SETUP_FILES:
      if (a[0] == NULL)
        return rl_cli_usage_error (name, "no FILE given");
      break;
    case RL_SETUP_PAIR:
      if (a[0] == NULL || a[1] == NULL)
        return rl_cli_usage_error (name, "two files needed: A.yaml B.yaml");
      if (a[2] != NULL)
        return rl_cli_usage_error (name, "two files only; found '%s' after '%s'", a[2], a[1]);
      break;
    default:
      break;   /* the command counts them itself */
    }
  return -1;
}

int
rl_cli_parse (RlCommandRun *cmd, const char *summary, const char *description,
              const GOptionEntry *own)
{
  const RlCommand *c = cmd->command;
  g_assert (row_is_consistent (c));
  /* The context is needed only to parse and for --help: the values it
   * fills live in cmd->opts and in the handler's variables. */
  g_autoptr (GOptionContext) ctx = rl_cli_options_new_context (&cmd->opts, c->name, c->parameter,
                                                               summary, description, own,
                                                               c->options, c->formats);
  int status = rl_cli_options_parse (&cmd->opts, ctx, c->name, cmd->argc, cmd->argv, &cmd->args);
  if (status >= 0)
    return status;
  return check_args (cmd);
}

void
rl_cli_add_input (RlCommandRun *cmd, const char *path, const char *what)
{
  g_assert (cmd->n_inputs < RL_CLI_MAX_FILES);
  if (path)
    cmd->inputs[cmd->n_inputs++] = (RlCliFile) { path, what };
}

void
rl_cli_add_output (RlCommandRun *cmd, const char *flag, const char *path)
{
  g_assert (cmd->n_outputs < RL_CLI_MAX_FILES);
  if (path)
    cmd->outputs[cmd->n_outputs++] = (RlCliFile) { path, flag };
}

/* Output @k: -o first, then those the command added; FALSE past the end. */
static gboolean
get_output (const RlCommandRun *cmd, guint k, RlCliFile *out)
{
  if (k == 0)
    *out = (RlCliFile) { cmd->opts.output, "-o" };
  else if (k <= cmd->n_outputs)
    *out = cmd->outputs[k - 1];
  else
    return FALSE;
  return TRUE;
}

/* The first output that names @input, reported as overwriting @what. */
static int
refuse_input (const RlCommandRun *cmd, const char *input, const char *what)
{
  RlCliFile o;
  for (guint k = 0; get_output (cmd, k, &o); k++)
    if (rl_output_is_same_file (o.path, input))
      return rl_cli_usage_error (cmd->command->name, "%s %s would overwrite %s (an input)", o.what,
                                 o.path, what);
  return -1;
}

int
rl_cli_refuse_loaded (const RlCommandRun *cmd, const RlScenario *sc, const char *self,
                      const char *of)
{
  const char *const *files = rl_scenario_get_loaded_files (sc);
  int status;
  for (guint k = 0; files[k]; k++)
    {
      g_autofree char *what = k == 0 ? g_strdup (self)
                              : of ? g_strdup_printf ("the base scenario %s of %s", files[k], of)
                                   : g_strdup_printf ("the base scenario %s", files[k]);
      if ((status = refuse_input (cmd, files[k], what)) >= 0)
        return status;
    }
  return -1;
}

/* Before loading: no output may name a FILE argument or an input the
 * command added, nor the same file as another output. */
static int
refuse_overwrite (const RlCommandRun *cmd)
{
  int status = -1;
  switch (cmd->command->setup & RL_SETUP_ARGS)
    {
    case RL_SETUP_SCENARIO:
      status = refuse_input (cmd, cmd->args[0], "the scenario");
      break;
    case RL_SETUP_FILES:
      for (guint k = 0; cmd->args[k] && status < 0; k++)
        status = refuse_input (cmd, cmd->args[k], "a scenario being checked");
      break;
    case RL_SETUP_PAIR:
      status = refuse_input (cmd, cmd->args[0], "scenario A");
      if (status < 0)
        status = refuse_input (cmd, cmd->args[1], "scenario B");
      break;
    default:
      break;
    }
  for (guint k = 0; k < cmd->n_inputs && status < 0; k++)
    status = refuse_input (cmd, cmd->inputs[k].path, cmd->inputs[k].what);
  if (status >= 0)
    return status;
  RlCliFile a, b;
  for (guint i = 0; get_output (cmd, i, &a); i++)
    for (guint j = i + 1; get_output (cmd, j, &b); j++)
      if (rl_output_is_same_target (a.path, b.path))
        return rl_cli_usage_error (cmd->command->name, "%s %s and %s %s name the same file; "
                                   "give each its own", a.what, a.path, b.what, b.path);
  return -1;
}

/* After loading: nor a file of the scenarios' `extends` chains. */
static int
refuse_loaded (const RlCommandRun *cmd)
{
  RlSetupFlags setup = cmd->command->setup;
  if (setup & RL_SETUP_PAIR)
    {
      int status = rl_cli_refuse_loaded (cmd, cmd->base, "scenario A", "A");
      return status >= 0 ? status : rl_cli_refuse_loaded (cmd, cmd->sc, "scenario B", "B");
    }
  if (cmd->sc)
    return rl_cli_refuse_loaded (cmd, cmd->sc, "the scenario", NULL);
  return -1;
}

/* @path with the what-if flags applied after the file's own changes, in
 * command-line order; *@unchanged (when asked for) the file as loaded,
 * if there were flags. A flag that names something missing is a usage
 * error. */
static int
load_scenario (const RlCommandRun *cmd, const char *path, RlScenario **out, RlScenario **unchanged)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RlScenario) sc = rl_scenario_load (path, &error);
  if (!sc)
    return rl_cli_fail (error);
  if (rl_changes_get_n (cmd->opts.whatif) > 0)
    {
      RlScenario *changed = rl_scenario_apply_changes (sc, cmd->opts.whatif, &error);
      if (!changed)
        return rl_cli_usage_error (cmd->command->name, "%s", error->message);
      if (unchanged)
        *unchanged = g_steal_pointer (&sc);
      g_clear_pointer (&sc, rl_scenario_unref);
      sc = changed;
    }
  *out = g_steal_pointer (&sc);
  return -1;
}

/* RL_SETUP_BASE without what-if flags: the base the file extends. */
static int
load_extended (RlCommandRun *cmd)
{
  g_autofree char *base_file = rl_report_dup_base_file (cmd->sc);
  if (!base_file)
    return -1;
  g_autoptr (GError) error = NULL;
  cmd->base = rl_scenario_load (base_file, &error);
  if (!cmd->base)
    return rl_cli_fail (error);
  return -1;
}

static int
load (RlCommandRun *cmd)
{
  RlSetupFlags setup = cmd->command->setup;
  int status = -1;
  if (setup & RL_SETUP_SCENARIO)
    {
      cmd->file = cmd->args[0];
      status = load_scenario (cmd, cmd->file, &cmd->sc,
                              setup & RL_SETUP_BASE ? &cmd->base : NULL);
      if (status < 0 && (setup & RL_SETUP_BASE) && !cmd->base)
        status = load_extended (cmd);
    }
  else if (setup & RL_SETUP_PAIR)
    {
      g_autoptr (GError) error = NULL;
      if (!(cmd->base = rl_scenario_load (cmd->args[0], &error)))
        return rl_cli_fail (error);
      cmd->file = cmd->args[1];
      status = load_scenario (cmd, cmd->file, &cmd->sc, NULL);
    }
  return status;
}

static int
resolve_rank (RlCommandRun *cmd)
{
  g_autoptr (GError) error = NULL;
  const char *name = cmd->command->name;
  if (cmd->command->setup & RL_SETUP_PAIR)
    {
      /* Either file may lack the party of utility:P; say which. */
      if (!rl_cli_options_rank (&cmd->opts, cmd->base, &cmd->base_rank, &error))
        return rl_cli_usage_error (name, "%s (in A)", error->message);
      if (!rl_cli_options_rank (&cmd->opts, cmd->sc, &cmd->rank, &error))
        return rl_cli_usage_error (name, "%s (in B)", error->message);
    }
  else if (!rl_cli_options_rank (&cmd->opts, cmd->sc, &cmd->rank, &error))
    return rl_cli_usage_error (name, "%s", error->message);
  return -1;
}

int
rl_cli_setup (RlCommandRun *cmd)
{
  RlSetupFlags setup = cmd->command->setup;
  int status;
  if ((status = refuse_overwrite (cmd)) >= 0)
    return status;
  if ((status = load (cmd)) >= 0)
    return status;
  if ((status = refuse_loaded (cmd)) >= 0)
    return status;
  /* What the file alone shows to be suspicious, for every command that
   * loaded one (`check` loads its own, with the searching warnings). */
  if (!cmd->opts.quiet && (setup & RL_SETUP_PAIR))
    rl_cli_print_warnings (cmd->args[0], cmd->base, FALSE, 0);
  if (!cmd->opts.quiet && cmd->sc)
    rl_cli_print_warnings (cmd->file, cmd->sc, FALSE, 0);
  if ((setup & RL_SETUP_RANK) && (status = resolve_rank (cmd)) >= 0)
    return status;
  if (setup & RL_SETUP_RUN)
    {
      cmd->run.n_threads = cmd->opts.threads;
      cmd->run.timeout = cmd->opts.timeout;
      rl_progress_init (&cmd->progress, cmd->command->progress, cmd->opts.quiet);
      cmd->run.progress = rl_progress_update;
      cmd->run.progress_data = &cmd->progress;
    }
  return -1;
}

void
rl_cli_solve_options_init (RlSolveOptions *so, const RlCommandRun *cmd)
{
  rl_solve_options_init (so);
  so->run = cmd->run;
  if (cmd->command->setup & RL_SETUP_RANK)
    so->rank = cmd->rank;
  if (cmd->command->options & RL_OPT_TOP)
    so->top = cmd->opts.top;
}
