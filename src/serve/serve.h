/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * serve.h: `redline serve`, the live what-if explorer and the classroom,
 * as one function the command line calls (cli/cmd-serve.c). Everything
 * else in serve/ is internal to it.
 *
 * The server answers on one address and port: the pages (compiled in as
 * a GResource), and a JSON API whose answers are the command line's own
 * documents (api.h). It is safe by default: loopback unless told
 * otherwise, a random access token on any other address, the Host header
 * checked against DNS rebinding, Origin on every POST, bodies of at most
 * RL_SERVE_MAX_BODY bytes, a deadline on every search and one running
 * search per client (guard.h, jobs.h).
 */
#pragma once

#include <gio/gio.h>
#include <redline/redline.h>

G_BEGIN_DECLS

/** RL_SERVE_MAX_BODY: the largest request body accepted, in bytes. */
#define RL_SERVE_MAX_BODY (64 * 1024)

/** RL_SERVE_DEFAULT_TIMEOUT: seconds a search may run when --timeout is not given. */
#define RL_SERVE_DEFAULT_TIMEOUT 10.0

/**
 * RlServeOptions: what `redline serve` was asked.
 * @file: the scenario file as the user named it (JSON and text name it so)
 * @sc: the scenario loaded from @file; borrowed, the server takes a reference
 * @listen: the address to listen on; borrowed
 * @port: the port; 0 for any free one
 * @timeout: seconds each search may run (> 0)
 * @n_threads: search threads per request; 0 for every core
 * @classroom: the classroom: students' pages and a teacher's view
 * @deals: with @classroom, the CSV file the submissions are appended to
 * @open: open the page in the desktop's browser once listening
 * @token: ask for the access token even on loopback (a machine that
 *   others log in to can reach 127.0.0.1 too)
 */
typedef struct {
  const char *file;
  RlScenario *sc;
  GInetAddress *listen;
  guint port;
  double timeout;
  guint n_threads;
  gboolean classroom;
  const char *deals;
  gboolean open;
  gboolean token;
} RlServeOptions;

/**
 * rl_serve_run:
 * Listens, prints the page's address (with the access tokens) on
 * standard output, and serves until SIGINT or SIGTERM, after which every
 * running search is stopped and everything is freed.
 * @error: G_IO_ERROR when the address cannot be listened on or the
 *   deals file cannot be opened; RL_ERROR_SCHEMA ("FILE:LINE: error:
 *   ...") when an existing deals file does not fit the scenario
 *
 * Returns: %TRUE after a clean stop.
 */
gboolean rl_serve_run (const RlServeOptions *opts, GError **error);

G_END_DECLS
