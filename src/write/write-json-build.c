/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * write-json-build.c: the members every JSON document builds alike (see
 * write-json.h), so that each document starts with the same "format" and
 * "generator" and writes a missing value as null the same way.
 */
#include "write/write-json.h"

#include <math.h>

#include "rl-config.h"

void
rl_json_add_int (JsonBuilder *b, const char *name, gint64 value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

void
rl_json_add_index_value (JsonBuilder *b, const RlScenario *sc, const guint8 *options)
{
  guint64 index;
  if (rl_scenario_package_index_is_small (sc, options, &index))
    json_builder_add_int_value (b, (gint64) index);
  else
    {
      char buf[RL_INDEX_TEXT_SIZE];
      json_builder_add_string_value (b, rl_scenario_format_package_index (sc, options, buf));
    }
}

void
rl_json_add_index (JsonBuilder *b, const char *name, const RlScenario *sc, const guint8 *options)
{
  json_builder_set_member_name (b, name);
  rl_json_add_index_value (b, sc, options);
}

void
rl_json_add_double (JsonBuilder *b, const char *name, double value)
{
  json_builder_set_member_name (b, name);
  if (isnan (value))
    json_builder_add_null_value (b);
  else
    json_builder_add_double_value (b, value);
}

void
rl_json_add_bool (JsonBuilder *b, const char *name, gboolean value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_boolean_value (b, value);
}

void
rl_json_add_string (JsonBuilder *b, const char *name, const char *value)
{
  json_builder_set_member_name (b, name);
  if (value)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

void
rl_json_add_known (JsonBuilder *b, const char *name, RlKnown k)
{
  if (k.kind == RL_KNOWN_UNKNOWN)
    {
      rl_json_add_null (b, name);
      return;
    }
  rl_json_add_int (b, name, (gint64) k.value);
  if (k.kind != RL_KNOWN_EXACT)
    {
      g_autofree char *bound = g_strconcat (name, "_bound", NULL);
      rl_json_add_string (b, bound, k.kind == RL_KNOWN_LOWER ? "lower" : "upper");
    }
}

void
rl_json_add_null (JsonBuilder *b, const char *name)
{
  json_builder_set_member_name (b, name);
  json_builder_add_null_value (b);
}

void
rl_json_add_strings (JsonBuilder *b, const char *name, const char *const *strv)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint k = 0; strv && strv[k]; k++)
    json_builder_add_string_value (b, strv[k]);
  json_builder_end_array (b);
}

void
rl_json_add_options (JsonBuilder *b, const char *name, const RlScenario *sc, const guint8 *options)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  for (guint i = 0; i < rl_scenario_get_n_issues (sc); i++)
    rl_json_add_string (b, rl_scenario_get_issue_id (sc, i),
                        rl_scenario_get_option_id (sc, i, options[i]));
  json_builder_end_object (b);
}

void
rl_json_add_party_values (JsonBuilder *b, const char *name, const RlScenario *sc,
                          const double *values, gboolean veto_only)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  for (guint p = 0; p < rl_scenario_get_n_parties (sc); p++)
    if (!veto_only || rl_scenario_party_is_veto (sc, p))
      rl_json_add_double (b, rl_scenario_get_party_id (sc, p), values[p]);
  json_builder_end_object (b);
}

void
rl_json_begin_document (JsonBuilder *b, const char *format, const RlScenario *sc)
{
  json_builder_begin_object (b);
  rl_json_add_string (b, "format", format);
  json_builder_set_member_name (b, "generator");
  json_builder_begin_object (b);
  rl_json_add_string (b, "name", "redline");
  rl_json_add_string (b, "version", RL_VERSION);
  rl_json_add_strings (b, "changes", sc ? rl_scenario_get_changes (sc) : NULL);
  json_builder_end_object (b);
}
