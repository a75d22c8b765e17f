/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * temporaries.h: the hidden temporaries that output.c and output-set.c
 * write beside their targets (".NAME.XXXXXX"), removed when SIGINT,
 * SIGTERM or SIGHUP (`timeout` sends SIGTERM) ends the program before
 * they are renamed into place. The program then dies by the same signal,
 * with the default action, so that its exit status says which.
 *
 * The signal handler may only make async-signal-safe calls (unlink,
 * unlinkat, rmdir, close, sigaction, raise), so the registry is fixed in
 * size and every path in it is written before the handler can read it: a
 * temporary is created and registered inside one hold (below), so that no
 * signal falls between the two, and unregistered only after it was
 * renamed into place or removed. A temporary folder (a Markdown report
 * being written) is registered with the names of everything that will be
 * created inside it, each before the folder holding it, so that the
 * handler can empty it with unlinkat() and then remove it.
 *
 * A few steps must not be cut in the middle: the renames that move a
 * Markdown report and its charts into place. Between
 * rl_temporaries_hold() and rl_temporaries_release() a signal waits; the
 * release then removes what is left and dies by it.
 *
 * A signal that was ignored when the program started (nohup's SIGHUP)
 * stays ignored.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/** How many temporaries can be alive at once (simulate writes two). */
#define RL_TEMPORARIES_MAX 16

/**
 * rl_temporaries_add_file:
 * @path: the temporary file about to be created; copied
 * @error: G_FILE_ERROR when the path is too long or the registry full
 *
 * Installs the signal handlers the first time.
 *
 * Returns: a slot for rl_temporaries_remove(), or -1.
 */
int rl_temporaries_add_file (const char *path, GError **error);

/**
 * rl_temporaries_add_folder:
 * @path: the temporary folder, created already (mkdtemp); copied
 * @names: (array zero-terminated=1): what will be created in it, relative
 *   to it, each entry before the folder that holds it
 *   ("r-files/a.svg", "r-files", "r.md"); copied
 * @error: G_FILE_ERROR when a name is too long, the folder cannot be
 *   opened, or the registry is full
 *
 * On a signal the handler removes each name (a file, or a folder once
 * emptied), then the folder.
 *
 * Returns: a slot for rl_temporaries_remove(), or -1.
 */
int rl_temporaries_add_folder (const char *path, const char *const *names, GError **error);

/**
 * rl_temporaries_remove:
 * @slot: from rl_temporaries_add_*(); -1 is ignored
 * Forgets a temporary (after it was renamed into place or removed): a
 * later signal leaves its path alone.
 */
void rl_temporaries_remove (int slot);

/** rl_temporaries_hold: a signal from now on waits for the release. Nests. */
void rl_temporaries_hold (void);

/**
 * rl_temporaries_release:
 * Ends a hold. A signal that arrived meanwhile now removes the
 * temporaries still registered and ends the program by that signal.
 */
void rl_temporaries_release (void);

G_END_DECLS
