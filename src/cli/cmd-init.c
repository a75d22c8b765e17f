/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cmd-init.c: `redline init [FILE]`: a commented starter scenario that
 * passes `check` and shows every part of the format (the text is
 * src/cli/starter.yaml, embedded at build time).
 */
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "command.h"
#include "starter-scenario.h"
#include "temporaries.h"

#define COMMAND "init"

static const char summary[] =
  "Write a commented starter scenario to FILE, or to standard output without\n"
  "FILE: every part of the format with a line saying what it does, ready for\n"
  "`redline check`. An existing FILE is never overwritten.";

static const char description[] =
  "Exit status: 0 done; 2 bad command line; 3 FILE exists already or cannot\n"
  "be written.";

/* Creates @path exclusively (O_EXCL: an existing file, or a link to one,
 * is refused even if it appears between a check and the write). Until it
 * is whole, a signal removes it (temporaries.h): it is ours, and half a
 * starter scenario is worse than none. */
static int
write_new (const char *path)
{
  g_autoptr (GError) error = NULL;
  rl_temporaries_hold ();
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOCTTY, 0666);
  int err = errno;
  int slot = fd >= 0 ? rl_temporaries_add_file (path, &error) : -1;
  rl_temporaries_release ();
  if (fd >= 0 && slot < 0)
    {
      close (fd);
      g_unlink (path);
      rl_cli_print_error (error);
      return RL_EXIT_IO;
    }
  if (fd < 0)
    {
      if (err == EEXIST)
        fprintf (stderr, "redline: %s exists already; init never overwrites a file "
                         "(choose another name or remove it)\n", path);
      else
        fprintf (stderr, "redline: cannot write %s: %s\n", path, g_strerror (err));
      return RL_EXIT_IO;
    }
  const char *p = starter_scenario;
  gsize left = strlen (starter_scenario);
  while (left > 0)
    {
      ssize_t n = write (fd, p, left);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          err = n < 0 ? errno : EIO;
          close (fd);
          g_unlink (path);
          rl_temporaries_remove (slot);
          fprintf (stderr, "redline: cannot write %s: %s\n", path, g_strerror (err));
          return RL_EXIT_IO;
        }
      p += n;
      left -= (gsize) n;
    }
  if (fsync (fd) != 0 || close (fd) != 0)
    {
      err = errno;
      g_unlink (path);
      rl_temporaries_remove (slot);
      fprintf (stderr, "redline: cannot write %s: %s\n", path, g_strerror (err));
      return RL_EXIT_IO;
    }
  rl_temporaries_remove (slot);
  return RL_EXIT_OK;
}

int
rl_cmd_init (RlCommandRun *cmd)
{
  /* No setup flags: an optional FILE, counted here. */
  int status;
  if ((status = rl_cli_parse (cmd, summary, description, NULL)) >= 0)
    return status;
  GStrv files = cmd->args;
  if (files[0] && files[1])
    return rl_cli_usage_error (COMMAND, "one FILE at most; found '%s' after '%s'", files[1], files[0]);
  if (files[0] == NULL || strcmp (files[0], "-") == 0)
    {
      RlOutput *out = rl_cli_open_output (NULL);
      if (!out)
        return RL_EXIT_IO;
      return rl_cli_write_output (out, starter_scenario, strlen (starter_scenario));
    }
  return write_new (files[0]);
}
