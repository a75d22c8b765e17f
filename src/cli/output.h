/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * output.h: where a command's output goes: standard output, or `-o FILE`,
 * which appears whole or not at all (cli.md). A regular file (or a new
 * one) is written to a temporary ".FILE.XXXXXX" beside it, synced and
 * renamed over FILE only when everything was written; on any failure the
 * temporary is removed and an existing FILE is left as it was. A target
 * that exists and is not a regular file (a device such as /dev/null or
 * /dev/full, a FIFO) cannot be replaced by rename: it is written directly,
 * and write errors are still reported (exit status 3). A symbolic link is
 * followed: the file it points to is replaced, the link stays a link. An
 * existing file keeps its permission bits, and one that the user may not
 * write is refused (as the shell's `>` would), though rename could replace it.
 * The folder of a new file must exist: no command creates folders (the
 * message names the missing one).
 *
 * The temporary is known to the signal handler (temporaries.h) from the
 * moment it is created until it is renamed or removed: SIGINT, SIGTERM or
 * SIGHUP remove it before the program dies.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _RlOutput RlOutput;

/**
 * rl_output_open:
 * @path: (nullable): the file; %NULL or "-" for standard output
 * @error: G_FILE_ERROR, with a message "cannot write PATH: reason"
 *
 * Returns: (transfer full) (nullable): the output, or %NULL.
 */
RlOutput *rl_output_open (const char *path, GError **error);

/** rl_output_write: appends @len bytes. After a failure every later write fails too. */
gboolean rl_output_write (RlOutput *out, const char *data, gsize len, GError **error);

/** rl_output_write_string: appends @s->str. */
gboolean rl_output_write_string (RlOutput *out, const GString *s, GError **error);

/**
 * rl_output_commit:
 * Flushes, syncs, closes and renames the temporary over the target (for a
 * file). Frees @out whatever happens; on failure the target is untouched.
 */
gboolean rl_output_commit (RlOutput *out, GError **error);

/** rl_output_abort: discards what was written (removes the temporary) and frees @out. */
void rl_output_abort (RlOutput *out);

/**
 * rl_output_check_folder:
 * @path: a file to be created
 * @error: G_FILE_ERROR_NOENT "cannot write PATH: the folder DIR does not
 *   exist ..." when @path's folder is missing
 *
 * Returns: whether the folder @path would be created in exists (other
 *   troubles, such as permissions, are left to the write).
 */
gboolean rl_output_check_folder (const char *path, GError **error);

/**
 * rl_output_is_same_file:
 * Whether @path (nullable: standard output) names the existing file
 * @input, so that `-o` would overwrite a scenario the command reads.
 */
gboolean rl_output_is_same_file (const char *path, const char *input);

/**
 * rl_output_is_same_target:
 * Whether outputs @a and @b (nullable: standard output) would write the
 * same file: an existing regular file by identity (links and spellings
 * included), a file still to be created by its resolved folder and name.
 * Standard output, devices and FIFOs may take two outputs.
 */
gboolean rl_output_is_same_target (const char *a, const char *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RlOutput, rl_output_abort)

G_END_DECLS
