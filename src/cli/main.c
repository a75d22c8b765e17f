/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * main.c: the program. Everything else is rl_cli_run(), which tests call.
 */
#include <locale.h>

#include <gsl/gsl_errno.h>

#include "cli.h"

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  /* The library reports numeric trouble itself; GSL must never abort. */
  gsl_set_error_handler_off ();
  return rl_cli_run (argc, argv);
}
