/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * write-names.h: the name a reader sees for a party, an issue or an
 * option: its label when the scenario gives one, otherwise its id. Every
 * writer that prints for people (text, documents, charts) takes names
 * from here; machine formats (JSON, CSV) print ids. The strings are
 * borrowed from the scenario.
 */
#pragma once

#include <glib.h>
#include <redline/scenario.h>

G_BEGIN_DECLS

/**
 * rl_write_index: (transfer none): a package's exact index as text, for
 * every space size, in a buffer that lives until the end of the
 * enclosing block (a compound literal): for one printf's arguments.
 */
#define rl_write_index(sc, options) \
  rl_scenario_format_package_index ((sc), (options), (char[RL_INDEX_TEXT_SIZE]) { 0 })

/** rl_write_party_name: (transfer none): a party's label, or its id. */
const char *rl_write_party_name (const RlScenario *sc, guint p);
/** rl_write_issue_name: (transfer none): an issue's label, or its id. */
const char *rl_write_issue_name (const RlScenario *sc, guint i);
/** rl_write_option_name: (transfer none): an option's label, or its id. */
const char *rl_write_option_name (const RlScenario *sc, guint i, guint k);

G_END_DECLS
