/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * main.c: the program. Everything else is rl_cli_run(), which tests call.
 */
#include <fcntl.h>
#include <locale.h>
#include <stdio.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>
#include <redline/distribute.h>

#include "cli.h"

/* Under mpirun every rank runs the command and rank 0 speaks for all: the
 * others make the same searches (and meet the same errors) but write
 * nothing, so that a message or a result appears once. */
static void
silence_other_ranks (void)
{
  if (rl_distribute_get_rank () == 0)
    return;
  int null = open ("/dev/null", O_WRONLY | O_CLOEXEC);
  if (null < 0)
    return;
  (void) dup2 (null, STDOUT_FILENO);
  (void) dup2 (null, STDERR_FILENO);
  close (null);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  /* The library reports numeric trouble itself; GSL must never abort. */
  gsl_set_error_handler_off ();
  g_autoptr (GError) error = NULL;
  if (!rl_distribute_init (&argc, &argv, &error))
    {
      fprintf (stderr, "redline: %s\n", error->message);
      return 1;
    }
  silence_other_ranks ();
  /* Only these spread their searches over the ranks; any other command
   * (a report's folder, brief's files, serve's port) is rank 0's alone. */
  static const char *const spreading[] = { "solve", "explain", "simulate", NULL };
  int status = 0;
  if (rl_distribute_get_size () == 1 || (argc > 1 && g_strv_contains (spreading, argv[1]))
      || rl_distribute_keep_to_rank_0 ())
    status = rl_cli_run (argc, argv);
  rl_distribute_finish ();
  return status;
}
