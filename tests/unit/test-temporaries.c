/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-temporaries.c: the registry of temporaries and its signal handler
 * (src/cli/temporaries.c). Each case runs in a forked child that builds
 * files, registers them and signals itself; the parent checks how the
 * child ended (by which signal) and what is left on disk, with plain
 * stat() calls. The command-line test (cli-file-safety) covers the same
 * handler through `redline solve --all -o`; here the moments that cannot
 * be timed from outside: a signal during a hold, a folder with its
 * names, a forgotten temporary, an ignored signal, the registry's limits.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "temporaries.h"

/* Child exit statuses that say what went wrong before the signal. */
enum { CHILD_OK = 0, CHILD_SETUP = 10, CHILD_ALIVE = 11, CHILD_EARLY = 12 };

static char *work;

static gboolean
exists (const char *name)
{
  g_autofree char *path = g_build_filename (work, name, NULL);
  struct stat st;
  return lstat (path, &st) == 0;
}

static gboolean
make_file (const char *name)
{
  g_autofree char *path = g_build_filename (work, name, NULL);
  return g_file_set_contents (path, "x\n", -1, NULL);
}

/* Runs @child in a fork; returns its wait status. */
static int
in_child (int (*child) (void))
{
  fflush (NULL);
  pid_t pid = fork ();
  assert_true (pid >= 0);
  if (pid == 0)
    _exit (child ());
  int status = 0;
  assert_int_equal (waitpid (pid, &status, 0), pid);
  return status;
}

static void
assert_killed_by (int status, int sig)
{
  if (!WIFSIGNALED (status))
    fail_msg ("the child exited with %d instead of dying by signal %d",
              WIFEXITED (status) ? WEXITSTATUS (status) : -1, sig);
  assert_int_equal (WTERMSIG (status), sig);
}

/* A file registered, then SIGTERM: removed, and the child dies by it. */
static int
child_file (void)
{
  g_autofree char *path = g_build_filename (work, "t.csv.tmp", NULL);
  if (!make_file ("t.csv.tmp") || rl_temporaries_add_file (path, NULL) < 0)
    return CHILD_SETUP;
  raise (SIGTERM);
  return CHILD_ALIVE;
}

static void
test_file (void **state)
{
  (void) state;
  assert_killed_by (in_child (child_file), SIGTERM);
  assert_false (exists ("t.csv.tmp"));
}

/* A folder with its names, files inside a subfolder: all removed on
 * SIGHUP; a file not in the list keeps the folder (it is never removed). */
static int
child_folder (void)
{
  g_autofree char *tmp = g_build_filename (work, ".r.md.abcdef", NULL);
  g_autofree char *sub = g_build_filename (tmp, "r-files", NULL);
  if (g_mkdir (tmp, 0700) != 0 || g_mkdir (sub, 0777) != 0
      || !make_file (".r.md.abcdef/r-files/a.svg") || !make_file (".r.md.abcdef/r-files/b.svg")
      || !make_file (".r.md.abcdef/r.md"))
    return CHILD_SETUP;
  const char *const names[] = { "r-files/a.svg", "r-files/b.svg", "r-files", "r.md", NULL };
  if (rl_temporaries_add_folder (tmp, names, NULL) < 0)
    return CHILD_SETUP;
  kill (getpid (), SIGHUP);
  return CHILD_ALIVE;
}

static int
child_folder_foreign (void)
{
  g_autofree char *tmp = g_build_filename (work, ".s.md.abcdef", NULL);
  if (g_mkdir (tmp, 0700) != 0 || !make_file (".s.md.abcdef/s.md")
      || !make_file (".s.md.abcdef/other"))
    return CHILD_SETUP;
  const char *const names[] = { "s.md", NULL };
  if (rl_temporaries_add_folder (tmp, names, NULL) < 0)
    return CHILD_SETUP;
  raise (SIGINT);
  return CHILD_ALIVE;
}

static void
test_folder (void **state)
{
  (void) state;
  assert_killed_by (in_child (child_folder), SIGHUP);
  assert_false (exists (".r.md.abcdef"));
  assert_killed_by (in_child (child_folder_foreign), SIGINT);
  assert_false (exists (".s.md.abcdef/s.md"));
  assert_true (exists (".s.md.abcdef/other"));
}

/* During a hold a signal waits: the child goes on (and writes a mark),
 * the temporary is still there; the release removes it and dies. Holds
 * nest: only the outer release acts. */
static int
child_hold (void)
{
  g_autofree char *path = g_build_filename (work, "held.tmp", NULL);
  if (!make_file ("held.tmp") || rl_temporaries_add_file (path, NULL) < 0)
    return CHILD_SETUP;
  rl_temporaries_hold ();
  rl_temporaries_hold ();
  raise (SIGINT);
  if (!exists ("held.tmp") || !make_file ("mark-1"))
    return CHILD_EARLY;
  rl_temporaries_release ();
  if (!exists ("held.tmp") || !make_file ("mark-2"))
    return CHILD_EARLY;
  rl_temporaries_release ();
  return CHILD_ALIVE;
}

static void
test_hold (void **state)
{
  (void) state;
  assert_killed_by (in_child (child_hold), SIGINT);
  assert_true (exists ("mark-1"));
  assert_true (exists ("mark-2"));
  assert_false (exists ("held.tmp"));
}

/* A temporary forgotten (renamed into place, say) is left alone. */
static int
child_forgotten (void)
{
  g_autofree char *a = g_build_filename (work, "kept.csv", NULL);
  g_autofree char *b = g_build_filename (work, "gone.csv", NULL);
  if (!make_file ("kept.csv") || !make_file ("gone.csv"))
    return CHILD_SETUP;
  int slot = rl_temporaries_add_file (a, NULL);
  if (slot < 0 || rl_temporaries_add_file (b, NULL) < 0)
    return CHILD_SETUP;
  rl_temporaries_remove (slot);
  raise (SIGTERM);
  return CHILD_ALIVE;
}

static void
test_forgotten (void **state)
{
  (void) state;
  assert_killed_by (in_child (child_forgotten), SIGTERM);
  assert_true (exists ("kept.csv"));
  assert_false (exists ("gone.csv"));
}

/* SIGHUP ignored before the handlers are installed (nohup) stays ignored;
 * the others are still handled. */
static int
child_ignored (void)
{
  signal (SIGHUP, SIG_IGN);
  g_autofree char *path = g_build_filename (work, "nohup.tmp", NULL);
  if (!make_file ("nohup.tmp") || rl_temporaries_add_file (path, NULL) < 0)
    return CHILD_SETUP;
  raise (SIGHUP);
  if (!exists ("nohup.tmp") || !make_file ("survived"))
    return CHILD_EARLY;
  raise (SIGTERM);
  return CHILD_ALIVE;
}

static void
test_ignored (void **state)
{
  (void) state;
  assert_killed_by (in_child (child_ignored), SIGTERM);
  assert_true (exists ("survived"));
  assert_false (exists ("nohup.tmp"));
}

/* The registry is fixed: a 17th temporary and an over-long path are
 * refused with a G_FILE_ERROR, and a freed slot is used again. */
static void
test_limits (void **state)
{
  (void) state;
  int slots[RL_TEMPORARIES_MAX];
  for (guint k = 0; k < RL_TEMPORARIES_MAX; k++)
    {
      g_autofree char *path = g_strdup_printf ("%s/never-%u", work, k);
      slots[k] = rl_temporaries_add_file (path, NULL);
      assert_true (slots[k] >= 0);
    }
  g_autoptr (GError) error = NULL;
  assert_int_equal (rl_temporaries_add_file ("/nonexistent/one-more", &error), -1);
  assert_true (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_MFILE));
  rl_temporaries_remove (slots[3]);
  slots[3] = rl_temporaries_add_file ("/nonexistent/again", NULL);
  assert_true (slots[3] >= 0);
  for (guint k = 0; k < RL_TEMPORARIES_MAX; k++)
    rl_temporaries_remove (slots[k]);
  g_clear_error (&error);
  g_autofree char *long_path = g_strnfill (5000, 'a');
  assert_int_equal (rl_temporaries_add_file (long_path, &error), -1);
  assert_true (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NAMETOOLONG));
  rl_temporaries_remove (-1);   /* ignored */
}

static int
setup (void **state)
{
  (void) state;
  work = g_dir_make_tmp ("redline-temporaries-XXXXXX", NULL);
  return work ? 0 : -1;
}

static int
teardown (void **state)
{
  (void) state;
  /* Whatever the cases left (nothing nested deeper than one folder). */
  g_autoptr (GDir) d = g_dir_open (work, 0, NULL);
  const char *name;
  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (work, name, NULL);
      if (g_unlink (path) != 0)
        {
          g_autoptr (GDir) inner = g_dir_open (path, 0, NULL);
          const char *n;
          while (inner && (n = g_dir_read_name (inner)))
            {
              g_autofree char *p = g_build_filename (path, n, NULL);
              g_unlink (p);
            }
          g_rmdir (path);
        }
    }
  g_rmdir (work);
  g_free (work);
  return 0;
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_file),
    cmocka_unit_test (test_folder),
    cmocka_unit_test (test_hold),
    cmocka_unit_test (test_forgotten),
    cmocka_unit_test (test_ignored),
    cmocka_unit_test (test_limits),
  };
  return cmocka_run_group_tests (tests, setup, teardown);
}
