/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * classroom.h: `redline serve FILE --classroom`.
 *
 * Students open the page, pick their party and read its brief (exactly
 * `redline brief FILE --party P --format text`: nothing private of another
 * party), then submit their group's deal. Each submission is one row
 * appended to the deals file, a CSV that `redline debrief FILE --deals
 * DEALS.csv` reads: a header "group,ISSUE,..." (the issues in file
 * order) and a row per group. A row is written whole and synced to disk
 * (fsync) before the student hears it was taken, so a server that stops
 * loses nothing that was acknowledged; a write that fails is cut back off
 * the file. The teacher's view reads the file back: the groups scored
 * exactly as `redline debrief ... --format json` scores them, and the
 * utility-space chart of debrief's HTML page with each group's deal on it.
 *
 *   GET  /api/classroom/info          the title, parties and issues (public)
 *   GET  /api/classroom/brief?party=P the brief, text
 *   POST /api/classroom/submit        {"group": "Team A", "deal": {ISSUE: OPTION, ...}}
 *   GET  /api/classroom/deals         the debrief document (teacher)
 *   GET  /api/classroom/chart.svg     the chart (teacher)
 */
#pragma once

#include <libsoup/soup.h>

#include "server.h"

G_BEGIN_DECLS

/** RL_CLASSROOM_MAX_GROUP: the longest group name, in bytes. */
#define RL_CLASSROOM_MAX_GROUP 80

/**
 * rl_classroom_new:
 * Opens @path for appending, creating it with its header, or reads the
 * groups an existing one holds (a class that goes on after a restart).
 * @error: RL_ERROR_SCHEMA "PATH:1: error: ..." when an existing file's
 *   header is not the one this scenario's deals have; G_FILE_ERROR when
 *   it cannot be read or written
 * Returns: (transfer full) (nullable): the classroom.
 */
RlClassroom *rl_classroom_new (const RlScenario *sc, const char *path, GError **error);
void rl_classroom_free (RlClassroom *cr);

/** rl_classroom_get_n_groups: the groups the file holds. */
guint rl_classroom_get_n_groups (const RlClassroom *cr);

/** rl_classroom_handle: answers the classroom route @path (one of the above). */
void rl_classroom_handle (RlServer *srv, SoupServerMessage *msg, const char *path,
                          GHashTable *query);

G_END_DECLS
