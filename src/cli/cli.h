/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cli.h: the command line as a function that tests call, the command
 * table, and the exit statuses of cli.md.
 *
 * Adding a command
 * ----------------
 * 1. A row in `commands[]` in cli.c (RlCommand below): its name, handler,
 *    one-line summary, usage parameter, the shared options it takes
 *    (RL_OPT_*), the formats it writes and its default one (RL_FORMAT_*),
 *    and the setup flags (RL_SETUP_*) that say what the shared opening
 *    does for it, with the word of its progress line for RL_SETUP_RUN.
 * 2. src/cli/cmd-NAME.c, listed in meson.build: its --help summary and
 *    description, its own options (a GOptionEntry table), and
 *    `int rl_cmd_NAME (RlCommandRun *cmd)`, declared below, which calls
 *    rl_cli_parse(), checks what of its own options needs no scenario,
 *    calls rl_cli_setup(), and then does only its own work (setup.h).
 * 3. Its --help in the help test (Misc.test_help, tests/cli/run-cli-tests.py),
 *    within 80 columns, and the same through `redline help NAME`.
 * 4. A usage line in README.md's "Use it".
 * 5. Its row in the table of commands of the spec's cli.md, if the spec
 *    has it, and its options and JSON there.
 * 6. Tests under tests/cli: a golden output per format (JSON too), its
 *    usage errors and exit statuses; tests/README.md maps it to them.
 */
#pragma once

#include <glib.h>

#include "options.h"

G_BEGIN_DECLS

/** Exit statuses (cli.md "Exit status"). */
enum {
  RL_EXIT_OK = 0,        /* done; an empty zone of agreement is an answer */
  RL_EXIT_INVALID = 1,   /* a scenario or input file is invalid */
  RL_EXIT_USAGE = 2,     /* the command line is wrong */
  RL_EXIT_IO = 3,        /* cannot read or write, timeout, too large */
};

/**
 * RlSetupFlags: what the shared opening (rl_cli_parse(), rl_cli_setup())
 * does for a command, as git's RUN_SETUP. At most one of the first three,
 * which say what the positional arguments are; with none of them the
 * command takes its arguments as they come (cmd->args).
 * @RL_SETUP_SCENARIO: exactly one FILE, loaded with the what-if flags
 *   applied (cmd->file, cmd->sc)
 * @RL_SETUP_FILES: one FILE or more; none is loaded
 * @RL_SETUP_PAIR: two FILEs A and B; A loaded as it is (cmd->base), B
 *   with the what-if flags (cmd->file, cmd->sc)
 *   (With each of these, -o may name no FILE nor any file a loaded one
 *   extends: setup.h, rl_cli_setup().)
 * @RL_SETUP_BASE: with RL_SETUP_SCENARIO, also what the scenario is
 *   compared with (cmd->base): the file before the what-if flags when
 *   there are any, otherwise the scenario it extends, if any
 * @RL_SETUP_RANK: --rank resolved in cmd->sc (cmd->rank), and in a pair
 *   in A too (cmd->base_rank); needs RL_OPT_RANK
 * @RL_SETUP_RUN: cmd->run from --threads and --timeout, with the progress
 *   line (cmd->progress) saying the row's progress word
 */
typedef enum {
  RL_SETUP_SCENARIO = 1 << 0,
  RL_SETUP_FILES = 1 << 1,
  RL_SETUP_PAIR = 1 << 2,
  RL_SETUP_BASE = 1 << 3,
  RL_SETUP_RANK = 1 << 4,
  RL_SETUP_RUN = 1 << 5,
} RlSetupFlags;

/** RlCommandRun: one command line being run (setup.h). */
typedef struct _RlCommandRun RlCommandRun;

/**
 * RlCommandFunc:
 * @cmd: the command line, its shared opening not yet done; borrowed, and
 *   cleared by the caller after the handler returns
 *
 * Returns: the exit status.
 */
typedef int (*RlCommandFunc) (RlCommandRun *cmd);

/** RlCommand: one row of the command table. */
typedef struct {
  const char *name;
  RlCommandFunc run;
  const char *summary;     /* one line, for `redline --help` */
  const char *parameter;   /* what follows the options in its usage line: "FILE" */
  RlCliOptionSet options;  /* the shared options it takes */
  RlFormat formats;        /* those it writes, for --format */
  RlFormat format;         /* the default of --format; 0 for text */
  RlSetupFlags setup;
  const char *progress;    /* RL_SETUP_RUN: the progress line's word, "solving" */
} RlCommand;

/**
 * rl_cli_run_command:
 * @argv: the command's arguments, argv[0] its name; not changed
 * Runs @command's handler with an RlCommandRun made for it (setup.h), and
 * frees what the opening loaded for it once the handler returns.
 *
 * Returns: the handler's exit status.
 */
int rl_cli_run_command (const RlCommand *command, int argc, char **argv);

/**
 * rl_cli_run:
 * Runs `redline ARGS...` (argv[0] is the program's name): prints to
 * standard output and standard error, never exits.
 *
 * Returns: the exit status.
 */
int rl_cli_run (int argc, char **argv);

/* The commands (one cmd-*.c each). */
int rl_cmd_check (RlCommandRun *cmd);
int rl_cmd_solve (RlCommandRun *cmd);
int rl_cmd_evaluate (RlCommandRun *cmd);
int rl_cmd_report (RlCommandRun *cmd);
int rl_cmd_brief (RlCommandRun *cmd);
int rl_cmd_debrief (RlCommandRun *cmd);
int rl_cmd_init (RlCommandRun *cmd);
int rl_cmd_explain (RlCommandRun *cmd);
int rl_cmd_compare (RlCommandRun *cmd);
int rl_cmd_simulate (RlCommandRun *cmd);
int rl_cmd_import (RlCommandRun *cmd);
int rl_cmd_export (RlCommandRun *cmd);
int rl_cmd_schema (RlCommandRun *cmd);
int rl_cmd_sensitivity (RlCommandRun *cmd);
int rl_cmd_stability (RlCommandRun *cmd);
int rl_cmd_serve (RlCommandRun *cmd);

/**
 * rl_cli_exit_status:
 * The exit status for a library error: 1 for an invalid file, 2 for a bad
 * value from the command line, 3 for input/output, size and time.
 */
int rl_cli_exit_status (const GError *error);

/**
 * rl_cli_usage_error:
 * Prints "redline COMMAND: MESSAGE" and "Try 'redline COMMAND --help'." on
 * standard error (without COMMAND when it is %NULL).
 *
 * Returns: RL_EXIT_USAGE.
 */
int rl_cli_usage_error (const char *command, const char *format, ...) G_GNUC_PRINTF (2, 3);

/**
 * rl_cli_print_error:
 * Prints a library error on standard error: load errors as they are
 * ("file:line:col: error: ..." lines), others prefixed "redline: ".
 */
void rl_cli_print_error (const GError *error);

/**
 * rl_cli_fail:
 * Prints @error (rl_cli_print_error()) for a command that gives up on it.
 *
 * Returns: its exit status (rl_cli_exit_status()).
 */
int rl_cli_fail (const GError *error);

G_END_DECLS
