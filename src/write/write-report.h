/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * write-report.h: the contents of a report and of a brief, written once
 * against write-doc.h and so the same in HTML, Markdown and text.
 */
#pragma once

#include <glib.h>
#include <redline/report.h>
#include "write/write-doc.h"

G_BEGIN_DECLS

/**
 * rl_write_report:
 * @file: the scenario's file as the user named it
 * Sections (HTML ids): scenario, issues, parties, values, red-lines,
 * funnel, best, status-quo (with a status quo), utility-space, no-deal
 * (nothing acceptable), comparison (a variant), and a footer.
 */
void rl_write_report (RlDoc *doc, const RlReport *r, const char *file);

/**
 * rl_write_brief:
 * Sections: situation, issues, priorities, red-lines, batna, others.
 * Only the brief's own party's private data appears.
 */
void rl_write_brief (RlDoc *doc, const RlBrief *b, const char *file);

/* Pieces the brief and the debrief share. */

/** rl_write_text_funnel: the funnel as a text chart. */
char *rl_write_text_funnel (const RlCounts *counts);
/** rl_write_sources: the scenario's sources, if any, under a "Sources" heading: a link each, and its note. */
void rl_write_sources (RlDoc *doc, const RlScenario *sc);
/**
 * rl_write_bonuses:
 * Party @p's bonuses as a list, each "+VALUE when RULE: note", the value
 * with @decimals decimals; nothing when it has none.
 */
void rl_write_bonuses (RlDoc *doc, const RlScenario *sc, guint p, int decimals);

G_END_DECLS
