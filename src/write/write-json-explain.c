/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * write-json-explain.c: the `redline.explain/1` document, members in the
 * order cli.md shows them.
 */
#include "write/write-explain.h"

#include "write/write-json.h"

static void
add_blocker_ids (JsonBuilder *b, const RlExplanation *ex, const guint *members, guint n)
{
  json_builder_set_member_name (b, "blockers");
  json_builder_begin_array (b);
  for (guint k = 0; k < n; k++)
    json_builder_add_string_value (b, rl_explanation_get_blocker_id (ex, members[k]));
  json_builder_end_array (b);
}

JsonNode *
rl_json_explain (const RlExplanation *ex)
{
  RlScenario *sc = rl_explanation_get_scenario (ex);
  g_autoptr (JsonBuilder) b = json_builder_new ();

  rl_json_begin_document (b, "redline.explain/1", sc);
  rl_json_add_known (b, "acceptable", rl_explanation_get_acceptable (ex));

  json_builder_set_member_name (b, "conflicts");
  json_builder_begin_array (b);
  for (guint c = 0; c < rl_explanation_get_n_conflicts (ex); c++)
    {
      guint n;
      const guint *members = rl_explanation_get_conflict (ex, c, &n);
      json_builder_begin_object (b);
      add_blocker_ids (b, ex, members, n);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "relaxations");
  json_builder_begin_array (b);
  for (guint r = 0; r < rl_explanation_get_n_relaxations (ex); r++)
    {
      guint n;
      const guint *members = rl_explanation_get_relaxation (ex, r, &n);
      json_builder_begin_object (b);
      add_blocker_ids (b, ex, members, n);
      rl_json_add_known (b, "acceptable", rl_explanation_get_relaxation_acceptable (ex, r));
      json_builder_set_member_name (b, "best");
      const RlPackage *best = rl_explanation_get_relaxation_best (ex, r);
      if (best)
        json_builder_add_value (b, rl_json_package (sc, best, FALSE));
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "blockers");
  json_builder_begin_array (b);
  for (guint k = 0; k < rl_explanation_get_n_blockers (ex); k++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, rl_explanation_get_blocker_id (ex, k));
      json_builder_set_member_name (b, "party");
      json_builder_add_string_value (b, rl_scenario_get_party_id (sc, rl_explanation_get_blocker_party (ex, k)));
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, rl_explanation_get_blocker_kind (ex, k) == RL_BLOCKER_BATNA
                                          ? "batna" : "red_line");
      rl_json_add_known (b, "excludes", rl_explanation_get_blocker_excludes (ex, k));
      rl_json_add_known (b, "sole", rl_explanation_get_blocker_sole (ex, k));
      json_builder_set_member_name (b, "price");
      double price;
      if (rl_explanation_get_blocker_price (ex, k, &price))
        json_builder_add_double_value (b, price);
      else
        json_builder_add_null_value (b);
      /* A null price means "no deal to price" unless this says otherwise. */
      if (!rl_explanation_is_price_known (ex, k))
        rl_json_add_bool (b, "price_known", FALSE);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  if (!rl_explanation_is_complete (ex))
    {
      json_builder_set_member_name (b, "complete");
      json_builder_add_boolean_value (b, FALSE);
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}
