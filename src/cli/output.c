/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * output.c: atomic output files. Writes go through write(2) on a file
 * descriptor rather than stdio, so that every failure (ENOSPC on
 * /dev/full, EIO, a full disk at fsync) is seen at the call that caused
 * it and reported once.
 */
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <redline/distribute.h>

#include "temporaries.h"

struct _RlOutput {
  int fd;
  gboolean owns_fd;
  char *display;   /* the name the user gave, for messages */
  char *target;    /* the file to rename over; NULL when writing directly */
  char *tmp;       /* the temporary beside it; NULL when writing directly */
  int slot;        /* of @tmp in the signal handler's registry (temporaries.h) */
  int failed_errno;
};

static void
set_errno_error (GError **error, const char *display, int err)
{
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (err), "cannot write %s: %s",
               display, g_strerror (err));
}

/* The file @path resolves to, or @path itself. */
static char *
realpath_dup (const char *path)
{
  char *real = realpath (path, NULL);
  char *copy = g_strdup (real ? real : path);
  free (real);
  return copy;
}

static void
output_free (RlOutput *out)
{
  if (out->owns_fd && out->fd >= 0)
    close (out->fd);
  if (out->tmp)
    g_unlink (out->tmp);
  /* Forgotten only once gone: a signal in between removes it again. */
  rl_temporaries_remove (out->slot);
  g_free (out->display);
  g_free (out->target);
  g_free (out->tmp);
  g_free (out);
}

RlOutput *
rl_output_open (const char *path, GError **error)
{
  RlOutput *out = g_new0 (RlOutput, 1);
  out->fd = -1;
  out->slot = -1;

  /* Under mpirun, rank 0 alone writes (the others' standard output is
   * already /dev/null). */
  if (path == NULL || strcmp (path, "-") == 0 || rl_distribute_get_rank () != 0)
    {
      out->fd = STDOUT_FILENO;
      out->display = g_strdup ("standard output");
      return out;
    }
  out->display = g_strdup (path);

  struct stat st;
  if (stat (path, &st) == 0)
    {
      if (S_ISDIR (st.st_mode))
        {
          set_errno_error (error, path, EISDIR);
          output_free (out);
          return NULL;
        }
      g_autofree char *real = realpath_dup (path);
      if (!S_ISREG (st.st_mode) || g_str_has_prefix (real, "/dev/") || g_str_has_prefix (real, "/proc/"))
        {
          /* A device or a FIFO (or /dev/stdout, a link to whatever the
           * shell opened): rename would replace the node itself, and /dev
           * is not ours to write in, so write straight to it. */
          out->fd = g_open (path, O_WRONLY | O_TRUNC | O_CLOEXEC | O_NOCTTY, 0);
          if (out->fd < 0)
            {
              set_errno_error (error, path, errno);
              output_free (out);
              return NULL;
            }
          out->owns_fd = TRUE;
          return out;
        }
      /* A file the user may not write stays unwritable: replacing it by
       * rename (the directory allows that) would bypass its permissions. */
      if (access (real, W_OK) != 0)
        {
          set_errno_error (error, path, errno);
          output_free (out);
          return NULL;
        }
      /* Through a symbolic link, replace the file, not the link. */
      out->target = g_steal_pointer (&real);
    }
  else if (errno == ENOENT)
    {
      if (!rl_output_check_folder (path, error))
        {
          output_free (out);
          return NULL;
        }
      out->target = g_strdup (path);
    }
  else
    {
      set_errno_error (error, path, errno);
      output_free (out);
      return NULL;
    }

  g_autofree char *dir = g_path_get_dirname (out->target);
  g_autofree char *base = g_path_get_basename (out->target);
  g_autofree char *name = g_strdup_printf (".%s.XXXXXX", base);
  out->tmp = g_build_filename (dir, name, NULL);
  /* 0666 less the umask, as any new file; an existing file keeps its mode.
   * Created and registered for the signal handler with signals held, so
   * that no signal finds it created but unknown. */
  rl_temporaries_hold ();
  out->fd = g_mkstemp_full (out->tmp, O_WRONLY | O_CLOEXEC, 0666);
  int err = errno;
  if (out->fd >= 0)
    out->slot = rl_temporaries_add_file (out->tmp, error);
  rl_temporaries_release ();
  if (out->fd < 0)
    {
      g_clear_pointer (&out->tmp, g_free);   /* nothing was created */
      set_errno_error (error, path, err);
      output_free (out);
      return NULL;
    }
  out->owns_fd = TRUE;
  if (out->slot < 0)
    {
      output_free (out);
      return NULL;
    }
  struct stat old;
  if (stat (out->target, &old) == 0 && S_ISREG (old.st_mode))
    (void) fchmod (out->fd, old.st_mode & 07777);
  return out;
}

gboolean
rl_output_write (RlOutput *out, const char *data, gsize len, GError **error)
{
  if (out->failed_errno)
    {
      set_errno_error (error, out->display, out->failed_errno);
      return FALSE;
    }
  while (len > 0)
    {
      ssize_t n = write (out->fd, data, len);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          out->failed_errno = n < 0 ? errno : EIO;
          set_errno_error (error, out->display, out->failed_errno);
          return FALSE;
        }
      data += n;
      len -= (gsize) n;
    }
  return TRUE;
}

gboolean
rl_output_write_string (RlOutput *out, const GString *s, GError **error)
{
  return rl_output_write (out, s->str, s->len, error);
}

static void
sync_directory (const char *file)
{
  /* The rename itself is durable only once the directory is synced; a
   * failure here loses nothing that is already visible. */
  g_autofree char *dir = g_path_get_dirname (file);
  int fd = g_open (dir, O_RDONLY | O_CLOEXEC | O_DIRECTORY, 0);
  if (fd >= 0)
    {
      (void) fsync (fd);
      close (fd);
    }
}

gboolean
rl_output_commit (RlOutput *out, GError **error)
{
  gboolean ok = TRUE;
  int err = out->failed_errno;

  if (!err && out->tmp && fsync (out->fd) != 0)
    err = errno;
  if (out->owns_fd)
    {
      if (close (out->fd) != 0 && !err)
        err = errno;
      out->fd = -1;
    }
  if (!err && out->tmp)
    {
      /* The rename and the registry agree at every instant a signal can
       * act: held until the temporary is forgotten. */
      rl_temporaries_hold ();
      if (g_rename (out->tmp, out->target) != 0)
        err = errno;
      else
        {
          g_clear_pointer (&out->tmp, g_free);
          rl_temporaries_remove (out->slot);
          out->slot = -1;
        }
      rl_temporaries_release ();
      if (!err)
        sync_directory (out->target);
    }
  if (err)
    {
      set_errno_error (error, out->display, err);
      ok = FALSE;
    }
  output_free (out);   /* removes the temporary if it is still there */
  return ok;
}

void
rl_output_abort (RlOutput *out)
{
  if (out)
    output_free (out);
}

gboolean
rl_output_check_folder (const char *path, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  struct stat st;
  if (stat (dir, &st) == 0 || errno != ENOENT)
    return TRUE;   /* other troubles are said by the write itself */
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
               "cannot write %s: the folder %s does not exist (redline creates no folders)",
               path, dir);
  return FALSE;
}

gboolean
rl_output_is_same_file (const char *path, const char *input)
{
  struct stat a, b;
  if (path == NULL || strcmp (path, "-") == 0)
    return FALSE;
  return stat (path, &a) == 0 && stat (input, &b) == 0
         && a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

/* Where a new file @path would be: its folder resolved, and its name. */
static char *
future_location (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  char *real = realpath (dir, NULL);
  if (real == NULL)
    return NULL;
  char *where = g_build_filename (real, base, NULL);
  free (real);
  return where;
}

gboolean
rl_output_is_same_target (const char *a, const char *b)
{
  if (a == NULL || b == NULL || strcmp (a, "-") == 0 || strcmp (b, "-") == 0)
    return FALSE;
  struct stat sa, sb;
  gboolean has_a = stat (a, &sa) == 0, has_b = stat (b, &sb) == 0;
  if (has_a && has_b)
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino && S_ISREG (sa.st_mode);
  if (has_a || has_b)
    return FALSE;
  g_autofree char *wa = future_location (a);
  g_autofree char *wb = future_location (b);
  return wa && wb && strcmp (wa, wb) == 0;
}
