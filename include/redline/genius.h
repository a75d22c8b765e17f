/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * genius.h: a Genius domain and its preference profiles, read from their
 * XML files (Genius, the negotiation research platform, and NegMAS use
 * them), ready to be written as a scenario (`redline import genius`).
 *
 * What is read, and how it maps (scenarios/README.md, "Importing from
 * Genius"): one issue per discrete Genius issue; its values become options
 * (ids made safe from the value text, labels the text itself); one party
 * per profile; a value's number is its evaluation divided by the largest
 * evaluation of its issue in that profile (Genius's EvaluatorDiscrete);
 * weights are kept as the file gives them; the reservation value is the
 * BATNA (0 when absent, as in Genius); the discount factor is kept for a
 * note. Integer and real issues are refused.
 *
 * An RlGenius is immutable once read; every getter borrows.
 */
#pragma once

#include <glib.h>
#include <redline/scenario.h>

G_BEGIN_DECLS

typedef struct _RlGenius RlGenius;

/**
 * rl_genius_load:
 * @domain: the domain file (root <negotiation_template>); messages name it
 *   as given
 * @profiles: (array length=n_profiles): the profile files (root
 *   <utility_space>), one party each, in this order
 * @error: RL_ERROR_IO when a file cannot be read; RL_ERROR_SYNTAX for
 *   malformed XML; RL_ERROR_SCHEMA for XML that is not a Genius domain or
 *   profile of that domain (a profile of another domain, a value it does
 *   not evaluate, an integer or real issue, a missing weight);
 *   RL_ERROR_LIMIT past scenario.md's limits. The message is one line,
 *   "file:line:col: error: text".
 *
 * Returns: (transfer full) (nullable): the domain and its profiles, or
 *   %NULL; free with rl_genius_free().
 */
RlGenius *rl_genius_load (const char *domain, const char *const *profiles, guint n_profiles,
                          GError **error);

/** rl_genius_free: frees @genius; %NULL is fine. */
void rl_genius_free (RlGenius *genius);

/** rl_genius_get_domain_file: the domain file's path, as given. */
const char *rl_genius_get_domain_file (const RlGenius *genius);

/** rl_genius_get_domain_name: the domain file's name without folder and ".xml". */
const char *rl_genius_get_domain_name (const RlGenius *genius);

guint rl_genius_get_n_issues (const RlGenius *genius);
/** rl_genius_get_issue_name: the issue's name as the file gives it. */
const char *rl_genius_get_issue_name (const RlGenius *genius, guint i);
/** rl_genius_get_issue_id: a scenario issue id made from the name, unique. */
const char *rl_genius_get_issue_id (const RlGenius *genius, guint i);
guint rl_genius_get_n_values (const RlGenius *genius, guint i);
/** rl_genius_get_value_text: value @k of issue @i as the file gives it. */
const char *rl_genius_get_value_text (const RlGenius *genius, guint i, guint k);
/** rl_genius_get_option_id: a scenario option id made from the text, unique in the issue. */
const char *rl_genius_get_option_id (const RlGenius *genius, guint i, guint k);
/** rl_genius_get_value_description: (nullable): the item's description attribute. */
const char *rl_genius_get_value_description (const RlGenius *genius, guint i, guint k);

guint rl_genius_get_n_profiles (const RlGenius *genius);
/** rl_genius_get_profile_file: the profile's path, as given. */
const char *rl_genius_get_profile_file (const RlGenius *genius, guint p);
/** rl_genius_get_profile_name: the profile file's name without folder and ".xml". */
const char *rl_genius_get_profile_name (const RlGenius *genius, guint p);
/**
 * rl_genius_get_party_id: a party id made from the profile's name without
 * the prefix that every profile's name shares ("ItexvsCypress_Itex" and
 * "ItexvsCypress_Cypress" give "Itex" and "Cypress"), unique.
 */
const char *rl_genius_get_party_id (const RlGenius *genius, guint p);
/** rl_genius_get_weight: the weight of issue @i as the profile gives it. */
double rl_genius_get_weight (const RlGenius *genius, guint p, guint i);
/** rl_genius_get_weight_sum: the sum of the profile's weights; 0 when every weight is 0. */
double rl_genius_get_weight_sum (const RlGenius *genius, guint p);
/** rl_genius_get_value: evaluation of value @k / the largest evaluation of issue @i, in [0, 1]. */
double rl_genius_get_value (const RlGenius *genius, guint p, guint i, guint k);
/** rl_genius_get_evaluation: the evaluation of value @k as the profile gives it. */
double rl_genius_get_evaluation (const RlGenius *genius, guint p, guint i, guint k);
/**
 * rl_genius_get_reservation:
 * @value: (out): the reservation value; 0 when the profile has none
 * Returns: whether the profile gives one.
 */
gboolean rl_genius_get_reservation (const RlGenius *genius, guint p, double *value);
/**
 * rl_genius_get_discount:
 * @value: (out): the discount factor; 1 when the profile has none
 * Returns: whether the profile gives one.
 */
gboolean rl_genius_get_discount (const RlGenius *genius, guint p, double *value);

/**
 * rl_genius_from_scenario:
 * @sc: the scenario; borrowed
 * The Genius form of @sc: its issues and options (names the ids, item
 * descriptions the labels), and one profile per party whose utilities are
 * the scenario's without bonuses: evaluations v / m and weights ŵ · m,
 * where m is the party's largest value on the issue (Genius divides every
 * evaluation by the issue's largest, so a table whose best value is below
 * 1 needs its weight scaled down instead); the BATNA as the reservation
 * value. What Genius cannot express is listed as losses.
 *
 * Returns: (transfer full): never %NULL.
 */
RlGenius *rl_genius_from_scenario (const RlScenario *sc);

/**
 * rl_genius_get_n_losses:
 * What rl_genius_from_scenario() could not carry over (constraints, red
 * lines, bonuses, observers, powers, a status quo), one sentence each;
 * none for a domain read from files.
 */
guint rl_genius_get_n_losses (const RlGenius *genius);
const char *rl_genius_get_loss (const RlGenius *genius, guint n);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RlGenius, rl_genius_free)

G_END_DECLS
