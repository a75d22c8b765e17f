/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * command.h: what a cmd-*.c includes: the shared opening (setup.h), and
 * the steps of the work that the commands take alike, written once so
 * that every command words its messages and picks its exit statuses the
 * same way: the output opened before the work and written whole or not
 * at all.
 */
#pragma once

#include <glib.h>
#include <redline/redline.h>

#include "options.h"
#include "output.h"
#include "setup.h"
#include "write/write-doc.h"

G_BEGIN_DECLS

/**
 * rl_cli_open_output:
 * @path: (nullable): -o as given; %NULL or "-" for standard output
 * Opens the output before the work, so that a destination that cannot be
 * written is reported at once, not after minutes of search.
 *
 * Returns: (transfer full) (nullable): the output, or %NULL after printing
 *   why (the command then returns RL_EXIT_IO).
 */
RlOutput *rl_cli_open_output (const char *path);

/**
 * rl_cli_write_output:
 * @output: (transfer full): committed when @data was written, else aborted
 * Writes @len bytes of @data and commits @output: the whole output, or
 * (after printing why) nothing.
 *
 * Returns: RL_EXIT_OK, or RL_EXIT_IO.
 */
int rl_cli_write_output (RlOutput *output, const char *data, gsize len);

/** rl_cli_doc_kind: the write-doc.h kind of @format: html, markdown, or text. */
RlDocKind rl_cli_doc_kind (RlFormat format);

G_END_DECLS
