/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "output-set.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "output.h"
#include "write/write-doc.h"

char *
rl_output_files_dir (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  char *dot = strrchr (base, '.');
  if (dot && dot != base)
    *dot = '\0';
  return g_strdup_printf ("%s-files", base);
}

static gboolean
write_one (const char *path, const GString *text, GError **error)
{
  RlOutput *out = rl_output_open (path, error);
  if (!out)
    return FALSE;
  if (!rl_output_write_string (out, text, error))
    {
      rl_output_abort (out);
      return FALSE;
    }
  return rl_output_commit (out, error);
}

gboolean
rl_output_write_set (const char *path, const GString *text, GPtrArray *files, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  for (guint k = 0; k < files->len; k++)
    {
      const RlDocFile *f = g_ptr_array_index (files, k);
      g_autofree char *target = g_build_filename (dir, f->name, NULL);
      g_autofree char *folder = g_path_get_dirname (target);
      if (g_mkdir_with_parents (folder, 0777) != 0)
        {
          int err = errno;
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (err), "cannot write %s: %s",
                       folder, g_strerror (err));
          return FALSE;
        }
      if (!write_one (target, f->content, error))
        return FALSE;
    }
  return write_one (path, text, error);
}
