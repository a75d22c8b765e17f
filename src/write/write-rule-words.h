/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * write-rule-words.h: a rule said in words from the scenario's labels,
 * for readers who do not read the rule language (students' briefs): "The
 * dam is not large" rather than `dam != large`.
 */
#pragma once

#include <glib.h>
#include <redline/redline.h>

G_BEGIN_DECLS

/**
 * rl_rule_words:
 * Returns: (transfer full) (nullable): @rule in words, a sentence without
 *   its final stop, when the rule reads one issue (the allowed options of
 *   rl_rule_get_unary_mask(): one option, all but one, a range of an
 *   ordered issue, or a short list); %NULL for a rule over several
 *   issues, which the caller shows as it is written.
 */
char *rl_rule_words (const RlScenario *sc, const RlNamedRule *rule);

G_END_DECLS
