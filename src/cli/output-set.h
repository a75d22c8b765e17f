/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * output-set.h: a document and the files it refers to (Markdown and its
 * charts: report.md and report-files/NAME.svg), written as a set. Each
 * file beside the document is written atomically (output.h: a temporary
 * beside it, renamed over it), and the document itself last, also
 * atomically: a reader never sees a document that refers to a file not
 * yet written, and a failure leaves the previous document in place. Other
 * files already in the folder are left alone.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * rl_output_files_dir:
 * Returns: (transfer full): the folder name for @path's files:
 *   "report.md" -> "report-files" (the name without its extension).
 */
char *rl_output_files_dir (const char *path);

/**
 * rl_output_write_set:
 * @path: the document
 * @text: its contents
 * @files: (element-type RlDocFile): names relative to @path's folder
 * @error: G_FILE_ERROR "cannot write NAME: reason"
 */
gboolean rl_output_write_set (const char *path, const GString *text, GPtrArray *files,
                              GError **error);

G_END_DECLS
