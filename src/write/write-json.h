/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * write-json.h: JSON output. Documents are built as json-glib trees
 * (write-json-doc.c) and printed by our own generator (write-json.c),
 * because json-glib 1.6 prints 0.7 as 0.69999999999999996 and NaN as
 * garbage; cli.md wants full precision that is also readable.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>
#include <redline/redline.h>

G_BEGIN_DECLS

/**
 * rl_json_write:
 * Appends @node to @out followed by a newline. @pretty: one member per
 * line, indented by two spaces; otherwise one line (JSON Lines), with
 * ", " and ": " between items. Object members keep insertion order,
 * doubles take the shortest text that reads back to the same double
 * (integral ones with ".0"), NaN and infinities become null, strings keep
 * their UTF-8 and escape only what JSON requires.
 */
void rl_json_write (GString *out, JsonNode *node, gboolean pretty);

/**
 * rl_json_write_at:
 * Appends @node, pretty, as if it stood @depth levels deep in a document
 * (no newline before or after): for writers that stream a long array.
 */
void rl_json_write_at (GString *out, JsonNode *node, guint depth);

/* ---- Members (write-json-build.c): what every document builds alike ---- */

/**
 * rl_json_begin_document:
 * @format: the document's format ("redline.solve/1")
 * @sc: (nullable): the scenario whose what-if changes the generator lists
 * Begins the document's object with "format", then the common
 * "generator": name, version and changes (cli.md). The caller ends the
 * object.
 */
void rl_json_begin_document (JsonBuilder *b, const char *format, const RlScenario *sc);

/* A member @name of an object being built, with its value. */
void rl_json_add_int (JsonBuilder *b, const char *name, gint64 value);
/** rl_json_add_double: NaN as null. */
void rl_json_add_double (JsonBuilder *b, const char *name, double value);
void rl_json_add_bool (JsonBuilder *b, const char *name, gboolean value);
/**
 * rl_json_add_index: a package's index (scenario.md), exact: a JSON number
 * up to 2^53, beyond that a string of decimal digits, as a reader that
 * keeps numbers in doubles would otherwise round it (scenarios/README.md).
 */
void rl_json_add_index (JsonBuilder *b, const char *name, const RlScenario *sc,
                        const guint8 *options);
/** rl_json_add_index_value: the same as an array element. */
void rl_json_add_index_value (JsonBuilder *b, const RlScenario *sc, const guint8 *options);
/** rl_json_add_string: @value (nullable) %NULL as null. */
void rl_json_add_string (JsonBuilder *b, const char *name, const char *value);
void rl_json_add_null (JsonBuilder *b, const char *name);

/**
 * rl_json_add_known: member @name: the count when it is exact or a bound,
 * null when it was not computed; a bound also adds "@name_bound":
 * "lower" or "upper" right after it (a partial document, cli.md).
 */
void rl_json_add_known (JsonBuilder *b, const char *name, RlKnown k);
/** rl_json_add_strings: an array of @strv's strings (nullable: an empty array). */
void rl_json_add_strings (JsonBuilder *b, const char *name, const char *const *strv);

/** rl_json_add_options: a package's options, an object { ISSUE: OPTION } in issue order. */
void rl_json_add_options (JsonBuilder *b, const char *name, const RlScenario *sc,
                          const guint8 *options);
/**
 * rl_json_add_party_values:
 * An object { PARTY: value } in party order, of every party or (@veto_only)
 * of the veto parties.
 */
void rl_json_add_party_values (JsonBuilder *b, const char *name, const RlScenario *sc,
                               const double *values, gboolean veto_only);

/* ---- Documents (write-json-doc.c); every function returns a new tree ---- */

/**
 * rl_json_package:
 * cli.md's package object: index, options, utilities, and for an
 * acceptable package scores (kalai only when known) and pareto; with
 * @with_rank, "rank" first.
 */
JsonNode *rl_json_package (const RlScenario *sc, const RlPackage *pkg, gboolean with_rank);

/**
 * rl_json_solve:
 * @file: the scenario's file name as the user gave it
 * The `redline.solve/1` document of @res (the frontier only when the
 * result holds one, i.e. RL_SOLVE_FRONTIER was asked).
 */
JsonNode *rl_json_solve (const RlResult *res, const char *file);

/**
 * rl_json_write_solve:
 * Appends the same document as rl_json_write (rl_json_solve (...), TRUE),
 * byte for byte, without building the frontier as a tree (it may hold
 * hundreds of thousands of packages).
 */
void rl_json_write_solve (GString *out, const RlResult *res, const char *file);

/** rl_json_evaluate: the `redline.evaluate/1` document. */
JsonNode *rl_json_evaluate (RlScenario *sc, const RlEvaluation *ev);

/**
 * rl_json_check:
 * @files: (element-type utf8): the names as given
 * @scenarios: (element-type RlScenario): the loaded scenario or %NULL, per file
 * @errors: (element-type GError): %NULL or the load error, per file
 * The `redline.check/1` document: one entry per file, valid or not.
 */
JsonNode *rl_json_check (GPtrArray *files, GPtrArray *scenarios, GPtrArray *errors);

G_END_DECLS
