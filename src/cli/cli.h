/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cli.h: the command line as a function that tests call, the command
 * table, and the exit statuses of cli.md.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/** Exit statuses (cli.md "Exit status"). */
enum {
  RL_EXIT_OK = 0,        /* done; an empty zone of agreement is an answer */
  RL_EXIT_INVALID = 1,   /* a scenario or input file is invalid */
  RL_EXIT_USAGE = 2,     /* the command line is wrong */
  RL_EXIT_IO = 3,        /* cannot read or write, timeout, too large */
};

/**
 * RlCommandFunc:
 * @argc, @argv: the command's arguments, argv[0] being the command's name
 *   ("solve"); argv is not changed
 *
 * Returns: the exit status.
 */
typedef int (*RlCommandFunc) (int argc, char **argv);

/** RlCommand: one row of the command table. */
typedef struct {
  const char *name;
  RlCommandFunc run;
  const char *summary;   /* one line, for `redline --help` */
} RlCommand;

/**
 * rl_cli_run:
 * Runs `redline ARGS...` (argv[0] is the program's name): prints to
 * standard output and standard error, never exits.
 *
 * Returns: the exit status.
 */
int rl_cli_run (int argc, char **argv);

/* The commands (one cmd-*.c each). */
int rl_cmd_check (int argc, char **argv);
int rl_cmd_solve (int argc, char **argv);
int rl_cmd_evaluate (int argc, char **argv);
int rl_cmd_report (int argc, char **argv);
int rl_cmd_brief (int argc, char **argv);
int rl_cmd_debrief (int argc, char **argv);
int rl_cmd_init (int argc, char **argv);
int rl_cmd_explain (int argc, char **argv);
int rl_cmd_compare (int argc, char **argv);
int rl_cmd_simulate (int argc, char **argv);

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
