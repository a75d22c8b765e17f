/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * guard.h: the checks every request passes before anything reads its
 * body or the scenario:
 *
 *   Host     names this server: an IP address, "localhost", or (when the
 *            server listens beyond loopback) this machine's name, with
 *            the server's port. A page of another site whose name was
 *            made to resolve to this machine (DNS rebinding) sends its
 *            own name and is refused.
 *   Origin   on a POST, when present, is this server's own origin
 *            (http://HOST). Browsers send it on every POST; scripts and
 *            curl need not.
 *   token    what the route's role asks (server.h RlRole), from the
 *            header X-Redline-Token or the query's token=.
 */
#pragma once

#include "server.h"

G_BEGIN_DECLS

/** rl_guard_host: whether @host (nullable: none sent) names this server. */
gboolean rl_guard_host (const RlServer *srv, const char *host);

/**
 * rl_guard_origin:
 * @origin: (nullable): the Origin header
 * @host: the Host header, already accepted by rl_guard_host()
 * Returns: whether a POST with this Origin may go on.
 */
gboolean rl_guard_origin (const char *origin, const char *host);

/**
 * rl_guard_role:
 * @token: (nullable): what the request carried
 * Returns: whether a request with @token may do what @role may.
 */
gboolean rl_guard_role (const RlServer *srv, RlRole role, const char *token);

G_END_DECLS
