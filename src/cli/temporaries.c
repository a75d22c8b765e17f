/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * temporaries.c: the registry of live temporaries and the handler of
 * SIGINT, SIGTERM and SIGHUP that removes them.
 *
 * Each slot moves FREE -> FILLING (being written by normal code) -> LIVE
 * -> BUSY (taken by a handler, which removes its files) or back to FREE
 * (unregistered). The moves are atomic compare-and-swaps, so a handler
 * running on another thread (any thread may receive a process signal)
 * never reads a slot while it is being written or freed.
 *
 * A hold and a handler meet through two counters: a handler first counts
 * itself in `dying`, then looks at `holding`; a hold first counts itself
 * in `holding`, then waits while `dying` is not zero. With sequentially
 * consistent atomics one of them always sees the other: either the
 * handler defers (records the signal in `pending`, leaves `dying`, and
 * returns) or the hold waits for a handler that is removing files and
 * will end the process.
 */
#include "temporaries.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>

/* Longest path a slot holds, with its NUL (Linux's PATH_MAX). */
#define PATH_BYTES 4096

enum { SLOT_FREE, SLOT_FILLING, SLOT_LIVE, SLOT_BUSY };

typedef struct {
  atomic_int state;
  int dirfd;                 /* a folder: open on it; a file: -1 */
  char path[PATH_BYTES];
  char *names;               /* a folder: "a\0b\0\0", what is inside it */
} Slot;

static Slot slots[RL_TEMPORARIES_MAX];
static atomic_int holding;
static atomic_int dying;
static atomic_int pending;

static const int handled[] = { SIGINT, SIGTERM, SIGHUP };

/* Removes what a slot holds: every name inside a folder (a file, or a
 * folder emptied before), then the folder; or the file. Async-signal-safe. */
static void
remove_slot (Slot *s)
{
  if (s->dirfd >= 0)
    {
      for (const char *n = s->names; n && *n; n += strlen (n) + 1)
        if (unlinkat (s->dirfd, n, 0) != 0)
          (void) unlinkat (s->dirfd, n, AT_REMOVEDIR);
      (void) rmdir (s->path);
    }
  else
    (void) unlink (s->path);
}

/* Removes every live temporary, newest first; a slot another handler took
 * is left to it. Async-signal-safe. */
static void
remove_all (void)
{
  for (int k = RL_TEMPORARIES_MAX - 1; k >= 0; k--)
    {
      int expected = SLOT_LIVE;
      if (atomic_compare_exchange_strong (&slots[k].state, &expected, SLOT_BUSY))
        remove_slot (&slots[k]);
    }
}

/* The default action of @sig, so that the exit status names it. In a
 * handler the signal stays blocked until it returns, and is delivered
 * then. */
static void
die_by (int sig)
{
  struct sigaction dfl;
  memset (&dfl, 0, sizeof dfl);
  dfl.sa_handler = SIG_DFL;
  sigemptyset (&dfl.sa_mask);
  (void) sigaction (sig, &dfl, NULL);
  (void) raise (sig);
}

static void
on_signal (int sig)
{
  int saved_errno = errno;
  atomic_fetch_add (&dying, 1);
  if (atomic_load (&holding) > 0)
    {
      atomic_store (&pending, sig);
      atomic_fetch_sub (&dying, 1);
      errno = saved_errno;
      return;
    }
  remove_all ();
  die_by (sig);
  errno = saved_errno;
}

static void
install (void)
{
  static gsize done = 0;
  if (!g_once_init_enter (&done))
    return;
  struct sigaction sa;
  memset (&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sa.sa_flags = SA_RESTART;   /* a deferred signal must not break a write */
  sigemptyset (&sa.sa_mask);
  for (guint k = 0; k < G_N_ELEMENTS (handled); k++)
    sigaddset (&sa.sa_mask, handled[k]);
  for (guint k = 0; k < G_N_ELEMENTS (handled); k++)
    {
      struct sigaction old;
      /* nohup and the like ignore SIGHUP on purpose: keep it so. */
      if (sigaction (handled[k], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
        continue;
      (void) sigaction (handled[k], &sa, NULL);
    }
  g_once_init_leave (&done, 1);
}

static Slot *
take_slot (GError **error, const char *path)
{
  for (guint k = 0; k < RL_TEMPORARIES_MAX; k++)
    {
      int expected = SLOT_FREE;
      if (atomic_compare_exchange_strong (&slots[k].state, &expected, SLOT_FILLING))
        return &slots[k];
    }
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_MFILE, "cannot write %s: %s", path,
               "too many temporary files at once");
  return NULL;
}

static gboolean
fits (const char *path, GError **error)
{
  if (strlen (path) < PATH_BYTES)
    return TRUE;
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NAMETOOLONG, "cannot write %s: %s", path,
               g_strerror (ENAMETOOLONG));
  return FALSE;
}

int
rl_temporaries_add_file (const char *path, GError **error)
{
  install ();
  if (!fits (path, error))
    return -1;
  Slot *s = take_slot (error, path);
  if (!s)
    return -1;
  strcpy (s->path, path);
  s->dirfd = -1;
  s->names = NULL;
  atomic_store (&s->state, SLOT_LIVE);
  return (int) (s - slots);
}

int
rl_temporaries_add_folder (const char *path, const char *const *names, GError **error)
{
  install ();
  if (!fits (path, error))
    return -1;
  int fd = g_open (path, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int err = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (err), "cannot write %s: %s",
                   path, g_strerror (err));
      return -1;
    }
  Slot *s = take_slot (error, path);
  if (!s)
    {
      close (fd);
      return -1;
    }
  /* The names, one after another, each with its NUL, then an empty one. */
  GString *block = g_string_new (NULL);
  for (guint k = 0; names[k]; k++)
    g_string_append_len (block, names[k], (gssize) strlen (names[k]) + 1);
  g_string_append_c (block, '\0');
  strcpy (s->path, path);
  s->dirfd = fd;
  s->names = g_string_free (block, FALSE);
  atomic_store (&s->state, SLOT_LIVE);
  return (int) (s - slots);
}

void
rl_temporaries_remove (int slot)
{
  if (slot < 0 || slot >= RL_TEMPORARIES_MAX)
    return;
  Slot *s = &slots[slot];
  int expected = SLOT_LIVE;
  while (!atomic_compare_exchange_strong (&s->state, &expected, SLOT_FILLING))
    {
      /* A handler on another thread has it and will end the program. */
      g_assert (expected == SLOT_BUSY);
      g_usleep (1000);
      expected = SLOT_LIVE;
    }
  if (s->dirfd >= 0)
    close (s->dirfd);
  s->dirfd = -1;
  g_clear_pointer (&s->names, g_free);
  s->path[0] = '\0';
  atomic_store (&s->state, SLOT_FREE);
}

void
rl_temporaries_hold (void)
{
  atomic_fetch_add (&holding, 1);
  /* A handler that did not see the hold is removing the temporaries and
   * will end the program: nothing to do but let it. */
  while (atomic_load (&dying) > 0)
    sched_yield ();
}

void
rl_temporaries_release (void)
{
  if (atomic_fetch_sub (&holding, 1) != 1)
    return;
  int sig = atomic_exchange (&pending, 0);
  if (sig == 0)
    return;
  remove_all ();
  die_by (sig);
  /* Not reached: the signal's default action ends the program. */
  _exit (128 + sig);
}
