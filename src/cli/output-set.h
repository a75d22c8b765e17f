/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * output-set.h: a document and the files it refers to (Markdown and its
 * charts: report.md and report-files/NAME.svg), written all or nothing:
 * after a failure (a full disk, a signal) the previous report, if any, is
 * as it was, and after success the new one is there whole.
 *
 * The sequence. rl_output_set_open(), before the work, checks what can be
 * checked without writing: FILE is not a folder nor a device, its folder
 * exists and can be written in, and a FILE-files/ already there is a
 * folder holding nothing but .svg files (a folder redline wrote; anything
 * else is refused rather than replaced). rl_output_set_commit() then:
 *
 *   1. creates a hidden folder .FILE.XXXXXX beside FILE (known to the
 *      signal handler with every name it will hold, temporaries.h);
 *   2. writes FILE-files/ with every chart, and FILE, into it, each synced;
 *   3. with signals held: swaps the new FILE-files/ with the old one in
 *      one step (renameat2 RENAME_EXCHANGE), or moves it in when there is
 *      no old one; then renames the new FILE over the old one;
 *   4. still held: removes the old charts (now in the hidden folder), and
 *      the hidden folder; syncs the folder of FILE.
 *
 * Where renameat2's exchange is not supported (some file systems), step
 * 3 moves the old FILE-files/ into the hidden folder first, then the new
 * one in. What a crash (power loss, SIGKILL) leaves at each point: before
 * step 3, the old report untouched and the hidden folder; between the
 * swap and the rename of FILE (two consecutive system calls), the new
 * charts beside the old FILE, and in the hidden folder the new FILE and
 * the old charts; (without the exchange, between its two moves, the old
 * FILE with no FILE-files/ beside it, the old charts in the hidden
 * folder); after step 3, the new report whole and perhaps the hidden
 * folder with the old charts. A hidden .FILE.XXXXXX folder is never
 * needed afterwards and can be removed.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _RlOutputSet RlOutputSet;

/**
 * rl_output_set_open:
 * @path: the document
 * @error: G_FILE_ERROR with a message "cannot write PATH: reason"
 *
 * Checks @path as above; creates nothing. A symbolic link is followed:
 * the document and its folder are written beside the file it points to.
 *
 * Returns: (transfer full) (nullable): the set, or %NULL.
 */
RlOutputSet *rl_output_set_open (const char *path, GError **error);

/**
 * rl_output_set_get_files_dir:
 * Returns: (transfer none): the folder of the document's files, relative
 *   to it: "report.md" -> "report-files" (the name without its extension).
 */
const char *rl_output_set_get_files_dir (const RlOutputSet *set);

/**
 * rl_output_set_commit:
 * @set: (transfer full): freed whatever happens
 * @text: the document
 * @files: (element-type RlDocFile): its files, each named relative to the
 *   document's folder ("report-files/funnel.svg", write-doc.h)
 * @error: G_FILE_ERROR "cannot write NAME: reason"
 *
 * Writes the set (the sequence above). On failure nothing of the previous
 * report was changed and nothing new is left.
 */
gboolean rl_output_set_commit (RlOutputSet *set, const GString *text, GPtrArray *files,
                               GError **error);

/** rl_output_set_abort: frees @set, which wrote nothing yet. */
void rl_output_set_abort (RlOutputSet *set);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RlOutputSet, rl_output_set_abort)

G_END_DECLS
