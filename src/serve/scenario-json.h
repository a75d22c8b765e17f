/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * scenario-json.h: the scenario as the explorer's page needs it to build
 * its controls (GET /api/scenario): issues and options, and per party its
 * veto, BATNA, weights as written, the issues it values and its red lines.
 * It holds every party's private numbers: the explorer is the analyst's,
 * and in the classroom only the teacher may ask for it.
 */
#pragma once

#include <json-glib/json-glib.h>
#include <redline/redline.h>

G_BEGIN_DECLS

/**
 * rl_serve_scenario_json:
 * @file: the file as the user named it
 * @generation: the server's generation (server.h)
 * @load_error: (nullable): why the file does not load now; @sc is then
 *   the last scenario that did
 * Returns: (transfer full): the document, format "redline.serve-scenario/1".
 */
JsonNode *rl_serve_scenario_json (const RlScenario *sc, const char *file, guint64 generation,
                                  const char *load_error);

G_END_DECLS
