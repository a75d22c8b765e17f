/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * api.h: the JSON API of the explorer, one row per command:
 *
 *   POST /api/solve     {"changes": [...], "rank": "nash", "top": 10,
 *                        "frontier": false, "only_top": false,
 *                        "ignore_batna": false, "format": "json"}
 *   POST /api/explain   {"changes": [...], "rank": "nash", "max": 10, "format": "json"}
 *   POST /api/evaluate  {"changes": [...], "deal": "ISSUE=OPTION,...", "format": "json"}
 *   POST /api/stability {"changes": [...], "packages": "acceptable", "rank": "nash",
 *                        "top": 10, "deal": "ISSUE=OPTION,...", "format": "json"}
 *   POST /api/sensitivity {"changes": [...], "rank": "nash", "top": 10, "samples": 1000,
 *                        "seed": 1, "margins": true, "concentration": 50,
 *                        "value_noise": 0.05, "batna_noise": 0.05, "step_batna": 0.001,
 *                        "step_weight": 0.05, "step_value": 0.01, "format": "json"}
 *
 * Every member is optional but evaluate's deal; "changes" are what-if
 * changes in the text form of the JSON generator.changes list ("relax
 * ukraine/no-withdrawal", "set parties.russia.batna = 0.6"; whatif.h),
 * applied in order after the file's own. The answer is byte for byte
 * what `redline COMMAND FILE --format FORMAT` with the same flags prints
 * (the same writers), with 200; a search the deadline cut short is
 * answered all the same, its document saying "complete": false and a
 * header X-Redline-Complete: false. A bad body, member, change, rank or
 * deal is answered 400 with {"error": "..."}; a package space too large
 * to count, 422.
 *
 * Adding a command (sensitivity, stability) is a row in the table of
 * api.c and a run function beside the others.
 */
#pragma once

#include <json-glib/json-glib.h>
#include <redline/redline.h>

#include "jobs.h"

G_BEGIN_DECLS

/** RL_API_MAX_CHANGES: the most changes one request may carry. */
#define RL_API_MAX_CHANGES 256
/** RL_API_MAX_TOP: the largest "top" and "max" a request may ask for. */
#define RL_API_MAX_TOP 1000

/** RL_API_MAX_SAMPLES: the most Monte Carlo samples a request may ask for
 * (the command line takes 10^8; a page waits for its answer). */
#define RL_API_MAX_SAMPLES 100000
/** RL_API_MAX_DEPTH: the deepest nesting of arrays and objects in a body. */
#define RL_API_MAX_DEPTH 16

typedef struct _RlApiEndpoint RlApiEndpoint;
typedef struct _RlApiRequest RlApiRequest;

/** rl_api_find: (nullable): the endpoint answering POST @path. */
const RlApiEndpoint *rl_api_find (const char *path);

/**
 * rl_api_parse_object:
 * Parses a request body: UTF-8 JSON, an object at the top, nested at most
 * RL_API_MAX_DEPTH deep.
 * @error: RL_ERROR_INVALID_ARGUMENT saying what is wrong
 * Returns: (transfer full) (nullable): the object's node.
 */
JsonNode *rl_api_parse_object (const char *data, gsize len, GError **error);

/**
 * rl_api_parse_changes:
 * @array: (nullable): the "changes" member
 * @error: RL_ERROR_INVALID_ARGUMENT naming the change ("changes[2]: ...")
 * Returns: (transfer full) (nullable): the changes, their shapes checked
 *   (names are checked when they are applied).
 */
RlChanges *rl_api_parse_changes (JsonNode *array, GError **error);

/**
 * rl_api_request_new:
 * Checks @body's members against what @endpoint takes.
 * @sc: the scenario to answer on (a reference is taken)
 * @file: the scenario's file as the user named it (copied)
 * @run: threads and timeout (copied; its cancel flag is the job's)
 * @error: RL_ERROR_INVALID_ARGUMENT
 * Returns: (transfer full) (nullable): the request, for rl_api_run().
 */
RlApiRequest *rl_api_request_new (const RlApiEndpoint *endpoint, JsonNode *body, RlScenario *sc,
                                  const char *file, const RlRunOptions *run, GError **error);
void rl_api_request_free (gpointer req);

/** rl_api_run: an RlJobFunc: the search and its answer (data: an RlApiRequest). */
void rl_api_run (RlJob *job, gpointer data);

/**
 * rl_api_status_of:
 * Returns: the HTTP status of a library error: 400 for a caller's value,
 *   422 for a space too large, 409 for a stopped search, 500 otherwise.
 */
guint rl_api_status_of (const GError *error);

G_END_DECLS
