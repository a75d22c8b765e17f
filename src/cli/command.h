/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * command.h: the steps the cmd-*.c files take alike, written once so that
 * every command words its messages and picks its exit statuses the same
 * way. Each step prints what went wrong (cli.h) and hands back the exit
 * status, so that a command can return it at once.
 */
#pragma once

#include <glib.h>
#include <redline/redline.h>

#include "options.h"
#include "output.h"
#include "progress.h"
#include "write/write-doc.h"

G_BEGIN_DECLS

/**
 * rl_cli_refuse_overwrite:
 * @file: the scenario the command reads
 * A usage error when -o names @file: writing the output would destroy it.
 *
 * Returns: -1 to go on; otherwise RL_EXIT_USAGE, the message printed.
 */
int rl_cli_refuse_overwrite (const RlCliOptions *opts, const char *file);

/**
 * rl_cli_run_options_init:
 * @run: (out caller-allocates): --threads and --timeout of @opts, and
 *   @progress as the progress callback
 * @progress: (out caller-allocates): the progress line, saying @what
 *   ("solving"); it must outlive every use of @run
 */
void rl_cli_run_options_init (RlRunOptions *run, const RlCliOptions *opts, RlProgress *progress,
                              const char *what);

/**
 * rl_cli_solve_options_init:
 * @so: (out caller-allocates): rl_solve_options_init(), then the run
 *   options of rl_cli_run_options_init()
 * @progress: (out caller-allocates): the progress line, saying @what
 *   ("solving"); it must outlive every use of @so
 *
 * --rank and --top are left to the command: not every command takes them.
 */
void rl_cli_solve_options_init (RlSolveOptions *so, const RlCliOptions *opts, RlProgress *progress,
                                const char *what);

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
