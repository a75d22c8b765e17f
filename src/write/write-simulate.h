/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * write-simulate.h: the outputs of `redline simulate` (simulate.md
 * "Output"): the `redline.simulate/1` JSON document, the text transcript
 * and summary, and the CSV transcript. Writers compute nothing: every
 * number comes from the RlSimulation.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>
#include <redline/redline.h>
#include <redline/simulate.h>

G_BEGIN_DECLS

/**
 * rl_json_simulate:
 * @file: the scenario's file name as the user gave it
 * Returns: (transfer full): the `redline.simulate/1` document (with
 *   "runs" when more than one run was asked).
 */
JsonNode *rl_json_simulate (const RlSimulation *sim, const char *file);

/** rl_text_simulate: the transcript, the outcome, the deal's life, the runs. */
void rl_text_simulate (GString *out, const RlSimulation *sim, const char *file);

/**
 * rl_csv_simulate_transcript:
 * One row per round of run 0: round, proposer, offer (package index),
 * fallback, one column per issue (option id), u_PARTY per party (true
 * utilities of the offer), a_PARTY per veto party (aspirations; empty for
 * the mediator), accepted_by, rejected_by (party ids separated by
 * spaces). A pass leaves the offer's fields empty.
 */
void rl_csv_simulate_transcript (GString *out, const RlSimulation *sim);

G_END_DECLS
