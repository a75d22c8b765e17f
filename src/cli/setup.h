/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * setup.h: the opening every command shares, done once from its row of
 * the command table (cli.h): the options parsed and checked, the FILE
 * arguments counted and kept from -o, the scenario loaded with the
 * what-if flags, --rank resolved, the run options and the progress line.
 *
 * A handler runs in this order, which is the order in which its errors
 * are reported:
 *
 *   rl_cli_parse (cmd, summary, description, own);  -- --help, bad flags, FILEs
 *   ... checks of its own options that need no scenario ...
 *   rl_cli_setup (cmd);                             -- -o, load, --rank, run
 *   ... checks that need the scenario, open the output, its work ...
 *
 * Each step prints what went wrong and hands back the exit status, so that
 * the handler can return it at once.
 */
#pragma once

#include <glib.h>
#include <redline/redline.h>

#include "cli.h"
#include "options.h"
#include "progress.h"

G_BEGIN_DECLS

/** RlCliFile: a file a command reads or writes besides FILE and -o. */
typedef struct {
  const char *path;   /* borrowed; NULL or "-" for standard output */
  const char *what;   /* an input: "the deals file"; an output: its flag */
} RlCliFile;

/** How many such files a command may register (rl_cli_add_input()). */
#define RL_CLI_MAX_FILES 4

/**
 * RlCommandRun: one command line being run. rl_cli_run_command() makes it
 * for the command's row and frees it after the handler; the handler
 * borrows all of it. Each member is set by the step named above it, and
 * only for the setup flags that ask for it (otherwise NULL or the default).
 */
struct _RlCommandRun {
  const RlCommand *command;   /* its row of the table */
  int argc;
  char **argv;                /* argv[0] the command's name; not changed */

  /* rl_cli_parse() */
  RlCliOptions opts;          /* the shared options, values checked */
  GStrv args;                 /* the positional arguments, counted */

  /* the handler, before rl_cli_setup(): its own inputs and outputs, so
   * that no output overwrites an input or another output */
  RlCliFile inputs[RL_CLI_MAX_FILES];   /* borrowed paths */
  guint n_inputs;
  RlCliFile outputs[RL_CLI_MAX_FILES];
  guint n_outputs;

  /* rl_cli_setup() */
  const char *file;           /* the file of @sc (in @args) */
  RlScenario *sc;             /* the scenario, what-if flags applied */
  RlScenario *base;           /* what @sc is compared with: A of a pair, or
                               * RL_SETUP_BASE's; may stay NULL */
  RlRank rank;                /* --rank in @sc; default nash */
  RlRank base_rank;           /* --rank in @base, for a pair */
  RlRunOptions run;           /* --threads, --timeout, the progress line */
  RlProgress progress;        /* the progress line of @run; clear it
                               * (rl_progress_clear()) before any output */
};

/**
 * rl_cli_parse:
 * @summary, @description: the command's --help text, above and below the
 *   options
 * @own: (nullable): the command's own options, listed first in --help;
 *   they fill the handler's variables
 *
 * Parses the command line into cmd->opts and the command's own variables,
 * checks the shared options' values, and checks the number of positional
 * arguments (cmd->args) that the setup flags ask for.
 *
 * Returns: -1 to go on; otherwise the exit status to return at once (0
 *   after --help, which it has printed; 2 after a usage error).
 */
int rl_cli_parse (RlCommandRun *cmd, const char *summary, const char *description,
                  const GOptionEntry *own);

/**
 * rl_cli_add_input:
 * @path: (nullable): a file the command reads besides its FILEs (debrief's
 *   --deals); borrowed, read by rl_cli_setup() only; %NULL adds nothing
 * @what: how messages name it: "the deals file"
 * -o (and every output added) must not name it; rl_cli_setup() checks.
 */
void rl_cli_add_input (RlCommandRun *cmd, const char *path, const char *what);

/**
 * rl_cli_add_output:
 * @flag: the option that names it: "--transcript"
 * @path: (nullable): a file the command writes besides -o; borrowed,
 *   read by rl_cli_setup() only; %NULL adds nothing
 * It must not name an input, nor the same file as -o or another output;
 * rl_cli_setup() checks.
 */
void rl_cli_add_output (RlCommandRun *cmd, const char *flag, const char *path);

/**
 * rl_cli_refuse_loaded:
 * @sc: a scenario the command loaded
 * @self: how messages name @sc's own file: "the scenario"
 * @of: (nullable): whose bases they are, for messages: "A"
 * Refuses -o and every output added when one names a file @sc was read
 * from (rl_scenario_get_loaded_files(): the file and its whole `extends`
 * chain), by identity: through symbolic and hard links and any spelling.
 * rl_cli_setup() does it for the scenarios it loads; `check` for each file.
 *
 * Returns: -1 to go on, or RL_EXIT_USAGE after printing
 *   "redline CMD: -o PATH would overwrite WHAT (an input)".
 */
int rl_cli_refuse_loaded (const RlCommandRun *cmd, const RlScenario *sc, const char *self,
                          const char *of);

/**
 * rl_cli_setup:
 * The rest of the opening, by the setup flags: refuses -o (and the
 * outputs added) naming an input file or the same file as another
 * output, loads the scenario(s), refuses an output naming any file of
 * their `extends` chains, resolves --rank, and fills cmd->run with the
 * progress line.
 *
 * Returns: -1 to go on; otherwise the exit status (1 invalid scenario,
 *   2 a what-if flag or --rank that names something missing, 3 unreadable).
 */
int rl_cli_setup (RlCommandRun *cmd);

/**
 * rl_cli_solve_options_init:
 * @so: (out caller-allocates): rl_solve_options_init(), then cmd->run,
 *   and cmd->rank and --top when the command takes them; cmd must
 *   outlive every use of @so (its progress line is in there)
 */
void rl_cli_solve_options_init (RlSolveOptions *so, const RlCommandRun *cmd);

G_END_DECLS
