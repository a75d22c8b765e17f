/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * output-set.c: a Markdown report and its folder of charts, moved into
 * place together (the sequence is in output-set.h).
 */
#include "output-set.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output.h"
#include "temporaries.h"
#include "write/write-doc.h"

struct _RlOutputSet {
  char *display;     /* -o as given, for messages */
  char *display_dir; /* its folder, as given */
  char *target;      /* the document (through a link: the file it points to) */
  char *dir;         /* the target's folder */
  char *base;        /* the target's name */
  char *files_dir;   /* "report-files" */
  char *folder;      /* dir/files_dir */
};

void
rl_output_set_abort (RlOutputSet *set)
{
  if (!set)
    return;
  g_free (set->display);
  g_free (set->display_dir);
  g_free (set->target);
  g_free (set->dir);
  g_free (set->base);
  g_free (set->files_dir);
  g_free (set->folder);
  g_free (set);
}

static gboolean
fail_errno (GError **error, const char *display, int err)
{
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (err), "cannot write %s: %s", display,
               g_strerror (err));
  return FALSE;
}

static gboolean
fail_why (GError **error, const char *display, const char *why)
{
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "cannot write %s: %s", display, why);
  return FALSE;
}

/* @name (relative to the document's folder) as the user would name it:
 * "out/report-files/funnel.svg" for -o out/report.md. */
static char *
shown_path (const RlOutputSet *set, const char *name)
{
  if (strcmp (set->display_dir, ".") == 0 && !g_str_has_prefix (set->display, "./"))
    return g_strdup (name);
  return g_build_filename (set->display_dir, name, NULL);
}

/* "report.md" -> "report-files". */
static char *
files_dir_of (const char *base)
{
  g_autofree char *stem = g_strdup (base);
  char *dot = strrchr (stem, '.');
  if (dot && dot != stem)
    *dot = '\0';
  return g_strdup_printf ("%s-files", stem);
}

/* The chart folder already there may be replaced whole only if it is one
 * redline wrote: a real folder (not a link) of .svg files and nothing
 * else. Anything else might be the user's, and is never removed. */
static gboolean
check_old_folder (const RlOutputSet *set, GError **error)
{
  g_autofree char *shown = shown_path (set, set->files_dir);
  struct stat st;
  if (lstat (set->folder, &st) != 0)
    return errno == ENOENT ? TRUE : fail_errno (error, shown, errno);
  if (S_ISLNK (st.st_mode))
    return fail_why (error, set->display, "its chart folder is a symbolic link; the folder is "
                     "replaced whole, so it must be a folder redline wrote (remove the link or "
                     "choose another name)");
  if (!S_ISDIR (st.st_mode))
    return fail_why (error, set->display, "its chart folder exists and is not a folder (move it "
                     "or choose another name)");
  g_autoptr (GError) local = NULL;
  g_autoptr (GDir) d = g_dir_open (set->folder, 0, &local);
  if (!d)
    return fail_why (error, shown, local->message);
  const char *name;
  while ((name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (set->folder, name, NULL);
      if (lstat (path, &st) != 0 || !S_ISREG (st.st_mode) || !g_str_has_suffix (name, ".svg"))
        {
          g_autofree char *why = g_strdup_printf ("its chart folder holds '%s', which is not a "
                                                  "chart redline wrote; the folder is replaced "
                                                  "whole, so move that away or choose another name",
                                                  name);
          return fail_why (error, set->display, why);
        }
    }
  return TRUE;
}

RlOutputSet *
rl_output_set_open (const char *path, GError **error)
{
  g_autoptr (RlOutputSet) set = g_new0 (RlOutputSet, 1);
  set->display = g_strdup (path);
  set->display_dir = g_path_get_dirname (path);

  struct stat st;
  if (stat (path, &st) == 0)
    {
      if (S_ISDIR (st.st_mode))
        {
          fail_errno (error, path, EISDIR);
          return NULL;
        }
      char *real = realpath (path, NULL);
      set->target = g_strdup (real ? real : path);
      free (real);
      if (!S_ISREG (st.st_mode) || g_str_has_prefix (set->target, "/dev/")
          || g_str_has_prefix (set->target, "/proc/"))
        {
          fail_why (error, path, "a Markdown report is a file and a folder of charts beside it; "
                    "give a regular file, not a device");
          return NULL;
        }
      if (access (set->target, W_OK) != 0)
        {
          fail_errno (error, path, errno);
          return NULL;
        }
    }
  else if (errno == ENOENT)
    {
      if (!rl_output_check_folder (path, error))
        return NULL;
      set->target = g_strdup (path);
    }
  else
    {
      fail_errno (error, path, errno);
      return NULL;
    }
  set->dir = g_path_get_dirname (set->target);
  set->base = g_path_get_basename (set->target);
  set->files_dir = files_dir_of (set->base);
  set->folder = g_build_filename (set->dir, set->files_dir, NULL);
  /* The hidden folder, the charts and the renames all need this. */
  if (access (set->dir, W_OK | X_OK) != 0)
    {
      fail_errno (error, path, errno);
      return NULL;
    }
  if (!check_old_folder (set, error))
    return NULL;
  return g_steal_pointer (&set);
}

const char *
rl_output_set_get_files_dir (const RlOutputSet *set)
{
  return set->files_dir;
}

/* Creates @path (which must not exist) with @len bytes of @data, synced.
 * @mode: the permission bits to give it, or -1 for 0666 less the umask. */
static gboolean
write_file (const char *path, const char *display, const char *data, gsize len, int mode,
            GError **error)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOCTTY, 0666);
  if (fd < 0)
    return fail_errno (error, display, errno);
  int err = 0;
  while (len > 0 && !err)
    {
      ssize_t n = write (fd, data, len);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        err = n < 0 ? errno : EIO;
      else
        {
          data += n;
          len -= (gsize) n;
        }
    }
  if (!err && mode >= 0 && fchmod (fd, (mode_t) mode) != 0)
    err = errno;
  if (!err && fsync (fd) != 0)
    err = errno;
  if (close (fd) != 0 && !err)
    err = errno;
  return err ? fail_errno (error, display, err) : TRUE;
}

static gboolean
sync_folder (const char *path, const char *display, GError **error)
{
  int fd = g_open (path, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (fd < 0)
    return fail_errno (error, display, errno);
  int err = fsync (fd) != 0 ? errno : 0;
  close (fd);
  /* Some file systems cannot sync a folder; that loses nothing. */
  return err == 0 || err == EINVAL || err == EROFS ? TRUE : fail_errno (error, display, err);
}

/* Removes the old charts in @folder, then @folder. Only .svg files go,
 * as rl_output_set_open() found them: anything put there since is kept
 * (and so is the folder). Returns whether it is gone. */
static gboolean
remove_folder (const char *folder)
{
  g_autoptr (GDir) d = g_dir_open (folder, 0, NULL);
  const char *name;
  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      struct stat st;
      if (g_str_has_suffix (name, ".svg") && lstat (path, &st) == 0 && S_ISREG (st.st_mode))
        (void) g_unlink (path);
    }
  return g_rmdir (folder) == 0;
}

/* What the hidden folder will hold, each before the folder that holds it,
 * for the signal handler: every chart, the chart folder, the document. */
static GStrv
hidden_names (const RlOutputSet *set, GPtrArray *files)
{
  GStrv names = g_new0 (char *, files->len + 3);
  guint n = 0;
  for (guint k = 0; k < files->len; k++)
    names[n++] = g_strdup (((const RlDocFile *) g_ptr_array_index (files, k))->name);
  names[n++] = g_strdup (set->files_dir);
  names[n++] = g_strdup (set->base);
  return names;
}

/* Every file must go straight into the chart folder, once: the handler's
 * list and the folder's contents must be the same. */
static gboolean
check_names (const RlOutputSet *set, GPtrArray *files, GError **error)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *prefix = g_strdup_printf ("%s/", set->files_dir);
  for (guint k = 0; k < files->len; k++)
    {
      const char *name = ((const RlDocFile *) g_ptr_array_index (files, k))->name;
      const char *rest = g_str_has_prefix (name, prefix) ? name + strlen (prefix) : NULL;
      if (!rest || !*rest || strchr (rest, '/') || strcmp (rest, ".") == 0
          || strcmp (rest, "..") == 0 || !g_hash_table_add (seen, (gpointer) name))
        {
          g_autofree char *why = g_strdup_printf ("'%s' is not a file of its own in %s", name,
                                                  set->files_dir);
          return fail_why (error, set->display, why);
        }
    }
  return TRUE;
}

/* Step 2: everything into the hidden folder @tmp, synced. */
static gboolean
write_hidden (const RlOutputSet *set, const char *tmp, const GString *text, GPtrArray *files,
              GError **error)
{
  g_autofree char *tmp_files = g_build_filename (tmp, set->files_dir, NULL);
  g_autofree char *shown_files = shown_path (set, set->files_dir);
  if (g_mkdir (tmp_files, 0777) != 0)
    return fail_errno (error, shown_files, errno);
  for (guint k = 0; k < files->len; k++)
    {
      const RlDocFile *f = g_ptr_array_index (files, k);
      g_autofree char *path = g_build_filename (tmp, f->name, NULL);
      g_autofree char *shown = shown_path (set, f->name);
      if (!write_file (path, shown, f->content->str, f->content->len, -1, error))
        return FALSE;
    }
  /* An existing document keeps its permission bits. */
  struct stat st;
  int mode = stat (set->target, &st) == 0 ? (int) (st.st_mode & 07777) : -1;
  g_autofree char *doc = g_build_filename (tmp, set->base, NULL);
  if (!write_file (doc, set->display, text->str, text->len, mode, error))
    return FALSE;
  return sync_folder (tmp_files, shown_files, error) && sync_folder (tmp, set->display, error);
}

/* Step 3, with signals held. *@old is set to where the old chart folder
 * went (in the hidden folder), if there was one. */
static gboolean
move_into_place (const RlOutputSet *set, const char *tmp, char **old, GError **error)
{
  g_autofree char *tmp_files = g_build_filename (tmp, set->files_dir, NULL);
  g_autofree char *aside = g_build_filename (tmp, "previous", NULL);
  g_autofree char *doc = g_build_filename (tmp, set->base, NULL);
  g_autofree char *shown = shown_path (set, set->files_dir);
  struct stat st;
  gboolean has_old = lstat (set->folder, &st) == 0 && S_ISDIR (st.st_mode);
  enum { NEW_IN, EXCHANGED, MOVED_ASIDE } how = NEW_IN;

  if (has_old && renameat2 (AT_FDCWD, tmp_files, AT_FDCWD, set->folder, RENAME_EXCHANGE) == 0)
    how = EXCHANGED;
  else if (has_old && errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
    return fail_errno (error, shown, errno);
  else if (has_old)
    {
      /* No exchange on this file system: old aside, then new in. */
      if (g_rename (set->folder, aside) != 0)
        return fail_errno (error, shown, errno);
      if (g_rename (tmp_files, set->folder) != 0)
        {
          int err = errno;
          (void) g_rename (aside, set->folder);
          return fail_errno (error, shown, err);
        }
      how = MOVED_ASIDE;
    }
  else if (g_rename (tmp_files, set->folder) != 0)
    return fail_errno (error, shown, errno);

  if (g_rename (doc, set->target) != 0)
    {
      /* Put the old charts back: the old report stays as it was. */
      int err = errno;
      if (how == EXCHANGED)
        (void) renameat2 (AT_FDCWD, tmp_files, AT_FDCWD, set->folder, RENAME_EXCHANGE);
      else
        {
          (void) g_rename (set->folder, tmp_files);
          if (how == MOVED_ASIDE)
            (void) g_rename (aside, set->folder);
        }
      return fail_errno (error, set->display, err);
    }
  if (how == EXCHANGED)
    *old = g_steal_pointer (&tmp_files);
  else if (how == MOVED_ASIDE)
    *old = g_steal_pointer (&aside);
  return TRUE;
}

/* Removes what the hidden folder still holds of the new report, after a
 * failure before step 3. */
static void
remove_hidden (const char *tmp, const char *const *names)
{
  for (guint k = 0; names[k]; k++)
    {
      g_autofree char *path = g_build_filename (tmp, names[k], NULL);
      if (g_unlink (path) != 0)
        (void) g_rmdir (path);
    }
  (void) g_rmdir (tmp);
}

gboolean
rl_output_set_commit (RlOutputSet *set_, const GString *text, GPtrArray *files, GError **error)
{
  g_autoptr (RlOutputSet) set = set_;
  if (!check_names (set, files, error))
    return FALSE;
  g_auto (GStrv) names = hidden_names (set, files);
  g_autofree char *template = g_strdup_printf (".%s.XXXXXX", set->base);
  g_autofree char *tmp = g_build_filename (set->dir, template, NULL);

  /* Step 1: created and made known to the signal handler at once. */
  GError *local = NULL;
  rl_temporaries_hold ();
  gboolean made = g_mkdtemp_full (tmp, 0700) != NULL;
  int err = errno;
  int slot = made ? rl_temporaries_add_folder (tmp, (const char *const *) names, &local) : -1;
  rl_temporaries_release ();
  if (!made)
    return fail_errno (error, set->display, err);
  if (slot < 0)
    {
      (void) g_rmdir (tmp);
      g_propagate_error (error, local);
      return FALSE;
    }

  if (!write_hidden (set, tmp, text, files, error))
    {
      remove_hidden (tmp, (const char *const *) names);
      rl_temporaries_remove (slot);
      return FALSE;
    }

  /* Steps 3 and 4: no signal between the renames, nor while the hidden
   * folder holds the old charts, which the handler does not know of. */
  g_autofree char *old = NULL;
  rl_temporaries_hold ();
  gboolean ok = move_into_place (set, tmp, &old, error);
  gboolean kept = FALSE;
  if (ok)
    kept = (old && !remove_folder (old)) || g_rmdir (tmp) != 0;
  else
    remove_hidden (tmp, (const char *const *) names);
  rl_temporaries_remove (slot);
  rl_temporaries_release ();
  if (!ok)
    return FALSE;
  if (kept)
    g_printerr ("redline: warning: the previous charts of %s could not all be removed; they are "
                "in %s\n", set->display, tmp);
  (void) sync_folder (set->dir, set->display, NULL);
  return TRUE;
}
