/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cli.c: `redline COMMAND ...`: the command table, the top-level --help
 * and --version, `redline help COMMAND`, and the messages and exit
 * statuses every command shares.
 */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <redline/redline.h>

#include "rl-config.h"
#include "rl-version.h"

/* One row per command, in the order `redline --help` lists them; the
 * row says what the shared opening does for it (setup.h). Adding a
 * command: the checklist at the top of cli.h. */
static const RlCommand commands[] = {
  { .name = "check", .run = rl_cmd_check, .parameter = "FILE…",
    .summary = "load and validate scenarios; summarise each or print every error",
    .options = RL_OPT_FORMAT | RL_OPT_OUTPUT,
    .formats = RL_FORMAT_TEXT | RL_FORMAT_JSON, .format = RL_FORMAT_TEXT,
    .setup = RL_SETUP_FILES },
  { .name = "solve", .run = rl_cmd_solve, .parameter = "FILE",
    .summary = "count the packages, rank the best, list the Pareto frontier",
    .options = RL_OPT_FORMAT | RL_OPT_OUTPUT | RL_OPT_RANK | RL_OPT_TOP | RL_OPT_RUN | RL_OPT_WHATIF,
    .formats = RL_FORMAT_TEXT | RL_FORMAT_JSON | RL_FORMAT_CSV, .format = RL_FORMAT_TEXT,
    .setup = RL_SETUP_SCENARIO | RL_SETUP_RANK | RL_SETUP_RUN, .progress = "solving" },
  { .name = "evaluate", .run = rl_cmd_evaluate, .parameter = "FILE",
    .summary = "score one proposed package: acceptable or not and why, its ranks",
    .options = RL_OPT_FORMAT | RL_OPT_OUTPUT | RL_OPT_RUN | RL_OPT_WHATIF,
    .formats = RL_FORMAT_TEXT | RL_FORMAT_JSON | RL_FORMAT_CSV, .format = RL_FORMAT_TEXT,
    .setup = RL_SETUP_SCENARIO | RL_SETUP_RUN, .progress = "evaluating" },
  { .name = "report", .run = rl_cmd_report, .parameter = "FILE",
    .summary = "a complete analysis as one HTML page (or Markdown), with charts",
    .options = RL_OPT_FORMAT | RL_OPT_OUTPUT | RL_OPT_RANK | RL_OPT_TOP | RL_OPT_RUN | RL_OPT_WHATIF,
    .formats = RL_FORMAT_HTML | RL_FORMAT_MARKDOWN, .format = RL_FORMAT_HTML,
    .setup = RL_SETUP_SCENARIO | RL_SETUP_BASE | RL_SETUP_RANK | RL_SETUP_RUN,
    .progress = "reporting" },
  { .name = "brief", .run = rl_cmd_brief, .parameter = "FILE",
    .summary = "a role sheet for one party: its own numbers, only what is public of others",
    .options = RL_OPT_FORMAT | RL_OPT_OUTPUT | RL_OPT_WHATIF,
    .formats = RL_FORMAT_MARKDOWN | RL_FORMAT_HTML | RL_FORMAT_TEXT, .format = RL_FORMAT_MARKDOWN,
    .setup = RL_SETUP_SCENARIO },
  { .name = "debrief", .run = rl_cmd_debrief, .parameter = "FILE",
    .summary = "score the deals that groups of a class reached, one CSV row each",
    .options = RL_OPT_FORMAT | RL_OPT_OUTPUT | RL_OPT_RUN | RL_OPT_WHATIF,
    .formats = RL_FORMAT_TEXT | RL_FORMAT_CSV | RL_FORMAT_JSON | RL_FORMAT_HTML,
    .format = RL_FORMAT_TEXT,
    .setup = RL_SETUP_SCENARIO | RL_SETUP_RUN, .progress = "scoring" },
  { .name = "init", .run = rl_cmd_init, .parameter = "[FILE]",
    .summary = "write a commented starter scenario" },
  { .name = "explain", .run = rl_cmd_explain, .parameter = "FILE",
    .summary = "why there is no deal, and what each red line costs",
    .options = RL_OPT_FORMAT | RL_OPT_OUTPUT | RL_OPT_RANK | RL_OPT_RUN | RL_OPT_WHATIF,
    .formats = RL_FORMAT_TEXT | RL_FORMAT_JSON | RL_FORMAT_CSV, .format = RL_FORMAT_TEXT,
    .setup = RL_SETUP_SCENARIO | RL_SETUP_RANK | RL_SETUP_RUN, .progress = "explaining" },
  { .name = "compare", .run = rl_cmd_compare, .parameter = "A.yaml B.yaml",
    .summary = "what changes from scenario A to B (a what-if variant, say)",
    .options = RL_OPT_FORMAT | RL_OPT_OUTPUT | RL_OPT_RANK | RL_OPT_TOP | RL_OPT_RUN | RL_OPT_WHATIF,
    .formats = RL_FORMAT_TEXT | RL_FORMAT_JSON | RL_FORMAT_CSV, .format = RL_FORMAT_TEXT,
    .setup = RL_SETUP_PAIR | RL_SETUP_RANK | RL_SETUP_RUN, .progress = "comparing" },
  { .name = "simulate", .run = rl_cmd_simulate, .parameter = "FILE",
    .summary = "play the talks round by round, then follow the deal through time",
    .options = RL_OPT_FORMAT | RL_OPT_OUTPUT | RL_OPT_RUN | RL_OPT_WHATIF,
    .formats = RL_FORMAT_TEXT | RL_FORMAT_JSON, .format = RL_FORMAT_TEXT,
    .setup = RL_SETUP_SCENARIO | RL_SETUP_RUN, .progress = "simulating" },
  { .name = "import", .run = rl_cmd_import, .parameter = "genius DOMAIN.xml PROFILE.xml…",
    .summary = "write a scenario from a Genius domain and its preference profiles",
    .options = RL_OPT_OUTPUT },
  { .name = "export", .run = rl_cmd_export, .parameter = "genius|minizinc FILE",
    .summary = "write the scenario for Genius/NegMAS or as a MiniZinc model",
    .options = RL_OPT_OUTPUT },
  { .name = "schema", .run = rl_cmd_schema, .parameter = "",
    .summary = "print the JSON Schema of scenario files, for editors",
    .options = RL_OPT_OUTPUT },
  { .name = "sensitivity", .run = rl_cmd_sensitivity, .parameter = "FILE",
    .summary = "how far the numbers can be wrong before the answer changes",
    .options = RL_OPT_FORMAT | RL_OPT_OUTPUT | RL_OPT_RANK | RL_OPT_TOP | RL_OPT_RUN | RL_OPT_WHATIF,
    .formats = RL_FORMAT_TEXT | RL_FORMAT_JSON | RL_FORMAT_CSV, .format = RL_FORMAT_TEXT,
    .setup = RL_SETUP_SCENARIO | RL_SETUP_RANK | RL_SETUP_RUN, .progress = "testing" },
  { .name = "stability", .run = rl_cmd_stability, .parameter = "FILE",
    .summary = "would any party break a deal by a move it controls? (GMCR concepts)",
    .options = RL_OPT_FORMAT | RL_OPT_OUTPUT | RL_OPT_RANK | RL_OPT_TOP | RL_OPT_RUN | RL_OPT_WHATIF,
    .formats = RL_FORMAT_TEXT | RL_FORMAT_JSON | RL_FORMAT_CSV, .format = RL_FORMAT_TEXT,
    .setup = RL_SETUP_SCENARIO | RL_SETUP_RANK | RL_SETUP_RUN, .progress = "settling" },
  { .name = "serve", .run = rl_cmd_serve, .parameter = "FILE",
    .summary = "a live what-if explorer in the browser, and a classroom mode",
    .options = RL_OPT_THREADS | RL_OPT_TIMEOUT,
    .setup = RL_SETUP_SCENARIO },
};

static const RlCommand *
find_command (const char *name)
{
  for (guint k = 0; k < G_N_ELEMENTS (commands); k++)
    if (strcmp (commands[k].name, name) == 0)
      return &commands[k];
  return NULL;
}

static void
print_usage (FILE *to)
{
  fprintf (to, "Usage: redline COMMAND [OPTION…] FILE…\n"
               "       redline --help | --version | help COMMAND\n\n"
               "Negotiation modelling: scenarios in YAML, analyses out.\n\nCommands:\n");
  for (guint k = 0; k < G_N_ELEMENTS (commands); k++)
    fprintf (to, "  %-12s %s\n", commands[k].name, commands[k].summary);
  fprintf (to, "\nRun 'redline COMMAND --help' for a command's options.\n"
               "Exit status: 0 done, 1 invalid scenario, 2 bad command line,\n"
               "3 cannot read or write, timed out, or too large.\n");
}

int
rl_cli_usage_error (const char *command, const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  g_autofree char *message = g_strdup_vprintf (format, ap);
  va_end (ap);
  if (command)
    fprintf (stderr, "redline %s: %s\nTry 'redline %s --help'.\n", command, message, command);
  else
    fprintf (stderr, "redline: %s\nTry 'redline --help'.\n", message);
  return RL_EXIT_USAGE;
}

int
rl_cli_exit_status (const GError *error)
{
  if (error == NULL)
    return RL_EXIT_OK;
  if (error->domain == G_OPTION_ERROR)
    return RL_EXIT_USAGE;
  if (error->domain != RL_ERROR)
    return RL_EXIT_IO;   /* GFileError and the like: reading or writing */
  switch ((RlErrorCode) error->code)
    {
    case RL_ERROR_SYNTAX:
    case RL_ERROR_SCHEMA:
    case RL_ERROR_LIMIT:
      return RL_EXIT_INVALID;
    case RL_ERROR_INVALID_ARGUMENT:
      return RL_EXIT_USAGE;
    case RL_ERROR_IO:
    case RL_ERROR_TOO_LARGE:
    case RL_ERROR_TOO_LARGE_TO_COUNT:
    case RL_ERROR_CANCELLED:
    default:
      return RL_EXIT_IO;
    }
}

void
rl_cli_print_error (const GError *error)
{
  /* Load errors are complete "file:line:col: error: ..." lines already;
   * editors jump to them, so they go out exactly as they are. */
  gboolean located = error->domain == RL_ERROR
                     && (error->code == RL_ERROR_SYNTAX || error->code == RL_ERROR_SCHEMA
                         || error->code == RL_ERROR_LIMIT
                         || (error->code == RL_ERROR_IO && strstr (error->message, ": error: ")));
  /* A space too large to count can still be searched for the ranked
   * list: the library says so by its error code, the flag is ours. */
  const char *hint = g_error_matches (error, RL_ERROR, RL_ERROR_TOO_LARGE_TO_COUNT)
                     ? "; use --only-top for the ranked list alone" : "";
  const char *message = error->message;
  gsize len = strlen (message);
  fprintf (stderr, "%s%s%s%s", located ? "" : "redline: ", message, hint,
           len > 0 && message[len - 1] == '\n' ? "" : "\n");
}

int
rl_cli_fail (const GError *error)
{
  rl_cli_print_error (error);
  return rl_cli_exit_status (error);
}

static int
unknown_command (const char *name)
{
  const char *names[G_N_ELEMENTS (commands)];
  for (guint k = 0; k < G_N_ELEMENTS (commands); k++)
    names[k] = commands[k].name;
  g_autofree char *hint = rl_suggest_hint (name, strlen (name), names, G_N_ELEMENTS (commands));
  return rl_cli_usage_error (NULL, "'%s' is not a redline command%s", name, hint);
}

/* Help and version go through stdio; a failure to write them (a full
 * disk, a closed pipe) is still an output error. */
static int
flush_stdout (void)
{
  if (fflush (stdout) != 0)
    {
      fprintf (stderr, "redline: cannot write standard output: %s\n", g_strerror (errno));
      return RL_EXIT_IO;
    }
  return RL_EXIT_OK;
}

static int
run_help (int argc, char **argv)
{
  if (argc < 3)
    {
      print_usage (stdout);
      return flush_stdout ();
    }
  if (argc > 3)
    return rl_cli_usage_error (NULL, "help takes one COMMAND");
  const RlCommand *cmd = find_command (argv[2]);
  if (!cmd)
    return unknown_command (argv[2]);
  char *help_argv[] = { (char *) cmd->name, (char *) "--help", NULL };
  int status = rl_cli_run_command (cmd, 2, help_argv);
  return status == RL_EXIT_OK ? flush_stdout () : status;
}

int
rl_cli_run (int argc, char **argv)
{
  if (g_get_prgname () == NULL)
    g_set_prgname ("redline");
  if (argc < 2)
    {
      print_usage (stderr);
      return RL_EXIT_USAGE;
    }
  const char *first = argv[1];
  if (strcmp (first, "--help") == 0 || strcmp (first, "-h") == 0)
    {
      print_usage (stdout);
      return flush_stdout ();
    }
  if (strcmp (first, "--version") == 0)
    {
      /* The git description only where it says more than the version:
       * a release tarball's build falls back to the version itself. */
      if (strcmp (RL_GIT_DESCRIBE, RL_VERSION) != 0 && RL_GIT_DESCRIBE[0] != '\0')
        printf ("redline %s (git %s)\n", RL_VERSION, RL_GIT_DESCRIBE);
      else
        printf ("redline %s\n", RL_VERSION);
      return flush_stdout ();
    }
  if (strcmp (first, "help") == 0)
    return run_help (argc, argv);
  if (first[0] == '-')
    return rl_cli_usage_error (NULL, "unknown option %s; options go after the COMMAND", first);
  const RlCommand *cmd = find_command (first);
  if (!cmd)
    return unknown_command (first);
  return rl_cli_run_command (cmd, argc - 1, argv + 1);
}
