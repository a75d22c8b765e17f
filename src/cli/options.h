/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * options.h: the options the analysis commands share (cli.md "Options
 * shared by the analysis commands"), parsed and checked in one place.
 * A command's row in the command table (cli.c) says which of them it
 * takes; rl_cli_parse() (setup.h) builds each command its own
 * GOptionContext (its own options first, then these) so that
 * `redline COMMAND --help` lists exactly what that command accepts.
 */
#pragma once

#include <glib.h>
#include <redline/redline.h>

G_BEGIN_DECLS

/** RlCliOptionSet: which shared options a command takes. */
typedef enum {
  RL_OPT_FORMAT = 1 << 0,
  RL_OPT_OUTPUT = 1 << 1,
  RL_OPT_RANK = 1 << 2,
  RL_OPT_TOP = 1 << 3,
  RL_OPT_THREADS = 1 << 4,
  RL_OPT_QUIET = 1 << 5,
  RL_OPT_TIMEOUT = 1 << 6,
  RL_OPT_WHATIF = 1 << 7,   /* --relax --set --require --fix --exclude --without */
  RL_OPT_RUN = RL_OPT_THREADS | RL_OPT_QUIET | RL_OPT_TIMEOUT,   /* what RL_SETUP_RUN reads */
} RlCliOptionSet;

/** RlFormat: the output formats of cli.md; commands accept a subset. */
typedef enum {
  RL_FORMAT_TEXT = 1 << 0,
  RL_FORMAT_JSON = 1 << 1,
  RL_FORMAT_CSV = 1 << 2,
  RL_FORMAT_MARKDOWN = 1 << 3,
  RL_FORMAT_HTML = 1 << 4,
} RlFormat;

/**
 * RlCliOptions: the shared options of one command line. The *_text fields
 * are as given (GOption fills them); rl_cli_options_check() turns them
 * into the checked fields below them.
 */
typedef struct {
  char *format_text;
  char *output;            /* -o FILE; NULL or "-": standard output */
  char *rank_text;
  char *top_text;
  char *threads_text;
  char *timeout_text;
  gboolean quiet;
  gboolean help;
  RlChanges *whatif;       /* --relax --set ... in command-line order */
  const char *command;     /* the command's name, for messages */

  RlFormat formats;        /* those the command writes */
  RlFormat format;         /* default RL_FORMAT_TEXT; set it before
                            * rl_cli_options_new_context() for another */
  guint top;               /* default 10 */
  guint threads;           /* default 0: every core */
  double timeout;          /* default 0: none */

  GPtrArray *owned;        /* help texts the GOptionEntry tables point to */
} RlCliOptions;

void rl_cli_options_init (RlCliOptions *opts);
/** rl_cli_options_clear: frees what @opts holds; a zeroed struct is fine. */
void rl_cli_options_clear (RlCliOptions *opts);

/**
 * rl_cli_options_new_context:
 * @command: the command's name, for the usage line
 * @parameter: what follows the options in the usage line ("FILE")
 * @summary, @description: shown above and below the options
 * @own: (nullable): the command's own options, listed first
 * @which: the shared options it takes (--help is always there)
 * @formats: the formats it writes (for --format)
 *
 * Returns: (transfer full): a context whose --help does not exit; see
 *   rl_cli_options_parse().
 */
GOptionContext *rl_cli_options_new_context (RlCliOptions *opts, const char *command,
                                            const char *parameter, const char *summary,
                                            const char *description, const GOptionEntry *own,
                                            RlCliOptionSet which, RlFormat formats);

/**
 * rl_cli_options_parse:
 * Parses @argv (argv[0] the command's name; not changed) into @opts and
 * the command's own variables, then checks the shared options' values
 * (rl_cli_options_check()). @args receives the positional arguments.
 * On --help, prints the help on standard output and sets @opts->help.
 *
 * Returns: -1 to go on; otherwise the exit status to return at once (0
 *   after --help, 2 after a usage error, which it has printed).
 */
int rl_cli_options_parse (RlCliOptions *opts, GOptionContext *ctx, const char *command,
                          int argc, char **argv, GStrv *args);

/**
 * rl_cli_options_print_help:
 * The help of @ctx with the usage line naming "redline COMMAND".
 */
void rl_cli_options_print_help (GOptionContext *ctx, const char *command);

/**
 * rl_cli_options_rank:
 * Resolves --rank (default nash) against the loaded scenario.
 * @error: RL_ERROR_INVALID_ARGUMENT (exit status 2)
 */
gboolean rl_cli_options_rank (const RlCliOptions *opts, const RlScenario *sc, RlRank *rank,
                              GError **error);

/**
 * rl_cli_parse_count:
 * Parses a whole number in [@min, @max] given to option @name.
 * @error: RL_ERROR_INVALID_ARGUMENT naming the option and the range
 */
gboolean rl_cli_parse_count (const char *name, const char *text, guint64 min, guint64 max,
                             guint64 *value, GError **error);

/**
 * rl_cli_check_file_name:
 * @flag: the option, for the message ("-o")
 * @path: (nullable): its value; %NULL when not given
 * @output: whether @flag names an output ("-" is standard output)
 * An empty file name names nothing (not even standard output): a
 * command-line error, not a file that cannot be read or written.
 * @error: RL_ERROR_INVALID_ARGUMENT naming @flag
 */
gboolean rl_cli_check_file_name (const char *flag, const char *path, gboolean output,
                                 GError **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RlCliOptions, rl_cli_options_clear)

G_END_DECLS
