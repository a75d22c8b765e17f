/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "scenario-json.h"

#include "write/write-json.h"

static void
add_issues (JsonBuilder *b, const RlScenario *sc)
{
  json_builder_set_member_name (b, "issues");
  json_builder_begin_array (b);
  for (guint i = 0; i < rl_scenario_get_n_issues (sc); i++)
    {
      json_builder_begin_object (b);
      rl_json_add_string (b, "id", rl_scenario_get_issue_id (sc, i));
      rl_json_add_string (b, "label", rl_scenario_get_issue_label (sc, i));
      json_builder_set_member_name (b, "options");
      json_builder_begin_array (b);
      for (guint k = 0; k < rl_scenario_get_n_options (sc, i); k++)
        {
          json_builder_begin_object (b);
          rl_json_add_string (b, "id", rl_scenario_get_option_id (sc, i, k));
          rl_json_add_string (b, "label", rl_scenario_get_option_label (sc, i, k));
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_party (JsonBuilder *b, const RlScenario *sc, guint p)
{
  json_builder_begin_object (b);
  rl_json_add_string (b, "id", rl_scenario_get_party_id (sc, p));
  rl_json_add_string (b, "label", rl_scenario_get_party_label (sc, p));
  rl_json_add_bool (b, "veto", rl_scenario_party_is_veto (sc, p));
  rl_json_add_double (b, "batna", rl_scenario_get_party_batna (sc, p));
  /* The weights as written, of the issues the party values: those a
   * slider may move without breaking the rule that a weighted issue has
   * values. */
  json_builder_set_member_name (b, "weights");
  json_builder_begin_object (b);
  for (guint i = 0; i < rl_scenario_get_n_issues (sc); i++)
    if (rl_scenario_party_has_values (sc, p, i))
      rl_json_add_double (b, rl_scenario_get_issue_id (sc, i),
                          rl_scenario_get_party_raw_weight (sc, p, i));
  json_builder_end_object (b);
  json_builder_set_member_name (b, "red_lines");
  json_builder_begin_array (b);
  for (guint r = 0; r < rl_scenario_get_n_red_lines (sc, p); r++)
    {
      const RlNamedRule *rule = rl_scenario_get_red_line (sc, p, r);
      json_builder_begin_object (b);
      rl_json_add_string (b, "id", rl_named_rule_get_id (rule));
      rl_json_add_string (b, "rule", rl_named_rule_get_text (rule));
      rl_json_add_string (b, "note", rl_named_rule_get_note (rule));
      rl_json_add_bool (b, "public", rl_named_rule_is_public (rule));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

JsonNode *
rl_serve_scenario_json (const RlScenario *sc, const char *file, guint64 generation,
                        const char *load_error)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  rl_json_begin_document (b, "redline.serve-scenario/1", sc);
  rl_json_add_string (b, "file", file);
  rl_json_add_string (b, "title", rl_scenario_get_title (sc));
  rl_json_add_int (b, "generation", (gint64) generation);
  rl_json_add_string (b, "error", load_error);
  add_issues (b, sc);
  json_builder_set_member_name (b, "parties");
  json_builder_begin_array (b);
  for (guint p = 0; p < rl_scenario_get_n_parties (sc); p++)
    add_party (b, sc, p);
  json_builder_end_array (b);
  const guint8 *sq = rl_scenario_get_status_quo (sc);
  if (sq)
    rl_json_add_options (b, "status_quo", sc, sq);
  else
    rl_json_add_null (b, "status_quo");
  json_builder_end_object (b);
  return json_builder_get_root (b);
}
