/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * write-stability.c: `redline stability` as JSON (stability.md's
 * `redline.stability/1`) and CSV; the verdict words the text, solve and
 * the report share. Nothing here computes a verdict: every one comes
 * from the RlStability as it is.
 */
#include "write/write-stability.h"

#include "write/write-csv.h"
#include "write/write-json.h"

void
rl_json_add_stable (JsonBuilder *b, const char *name, const gboolean *stable)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  for (guint k = 0; k < RL_N_STABILITY_CONCEPTS; k++)
    rl_json_add_bool (b, rl_stability_concept_name ((RlStabilityConcept) k), stable[k]);
  json_builder_end_object (b);
}

static void
stable_of (const RlStability *st, guint k, gboolean *stable)
{
  for (guint c = 0; c < RL_N_STABILITY_CONCEPTS; c++)
    stable[c] = rl_stability_is_stable (st, k, (RlStabilityConcept) c);
}

static void
add_improvement (JsonBuilder *b, const RlScenario *sc, const RlPackage *pkg,
                 const RlImprovement *imp)
{
  json_builder_begin_object (b);
  rl_json_add_index (b, "index", sc, imp->options);
  json_builder_set_member_name (b, "changes");
  json_builder_begin_object (b);
  for (guint i = 0; i < rl_scenario_get_n_issues (sc); i++)
    if (imp->options[i] != pkg->options[i])
      rl_json_add_string (b, rl_scenario_get_issue_id (sc, i),
                          rl_scenario_get_option_id (sc, i, imp->options[i]));
  json_builder_end_object (b);
  rl_json_add_double (b, "gain", imp->gain);
  rl_json_add_bool (b, "sanctioned", imp->sanctioned);
  json_builder_end_object (b);
}

/* The `stable` and `parties` members of package @k. */
static JsonNode *
package_verdicts (const RlStability *st, guint k)
{
  RlScenario *sc = rl_stability_get_scenario (st);
  const RlPackage *pkg = rl_stability_get_package (st, k);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  gboolean stable[RL_N_STABILITY_CONCEPTS];
  stable_of (st, k, stable);
  rl_json_add_stable (b, "stable", stable);
  json_builder_set_member_name (b, "parties");
  json_builder_begin_object (b);
  for (guint p = 0; p < rl_scenario_get_n_parties (sc); p++)
    {
      json_builder_set_member_name (b, rl_scenario_get_party_id (sc, p));
      json_builder_begin_object (b);
      for (guint c = 0; c < RL_N_STABILITY_CONCEPTS; c++)
        rl_json_add_bool (b, rl_stability_concept_name ((RlStabilityConcept) c),
                          rl_stability_party_is_stable (st, k, p, (RlStabilityConcept) c));
      guint n = rl_stability_get_n_improvements (st, k, p);
      if (n > 0)
        {
          json_builder_set_member_name (b, "improvements");
          json_builder_begin_array (b);
          for (guint m = 0; m < n; m++)
            add_improvement (b, sc, pkg, rl_stability_get_improvement (st, k, p, m));
          json_builder_end_array (b);
        }
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

JsonNode *
rl_json_stability (const RlStability *st, const char *file)
{
  RlScenario *sc = rl_stability_get_scenario (st);
  guint n = rl_stability_get_n_packages (st);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  rl_json_begin_document (b, "redline.stability/1", sc);
  json_builder_set_member_name (b, "scenario");
  json_builder_begin_object (b);
  rl_json_add_string (b, "title", rl_scenario_get_title (sc));
  rl_json_add_string (b, "file", file);
  rl_json_add_int (b, "issues", rl_scenario_get_n_issues (sc));
  rl_json_add_int (b, "parties", rl_scenario_get_n_parties (sc));
  rl_json_add_int (b, "veto_parties", rl_scenario_get_n_veto_parties (sc));
  json_builder_end_object (b);

  json_builder_set_member_name (b, "deciders");
  json_builder_begin_array (b);
  for (guint d = 0; d < rl_stability_get_n_deciders (st); d++)
    json_builder_add_string_value (b, rl_scenario_get_party_id (sc, rl_stability_get_decider (st, d)));
  json_builder_end_array (b);
  rl_json_add_int (b, "examined", n);

  json_builder_set_member_name (b, "equilibria");
  json_builder_begin_object (b);
  for (guint c = 0; c < RL_N_STABILITY_CONCEPTS; c++)
    {
      json_builder_set_member_name (b, rl_stability_concept_name ((RlStabilityConcept) c));
      json_builder_begin_array (b);
      for (guint k = 0; k < n; k++)
        if (rl_stability_is_stable (st, k, (RlStabilityConcept) c))
          rl_json_add_index_value (b, sc, rl_stability_get_package (st, k)->options);
      json_builder_end_array (b);
    }
  json_builder_end_object (b);

  json_builder_set_member_name (b, "packages");
  json_builder_begin_array (b);
  for (guint k = 0; k < n; k++)
    {
      JsonNode *node = rl_json_package (sc, rl_stability_get_package (st, k), FALSE);
      g_autoptr (JsonNode) verdicts = package_verdicts (st, k);
      JsonObject *to = json_node_get_object (node);
      JsonObject *from = json_node_get_object (verdicts);
      json_object_set_member (to, "stable", json_node_copy (json_object_get_member (from, "stable")));
      json_object_set_member (to, "parties", json_node_copy (json_object_get_member (from, "parties")));
      json_builder_add_value (b, node);
    }
  json_builder_end_array (b);
  rl_json_add_bool (b, "complete", rl_stability_is_complete (st));
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* ---- CSV -------------------------------------------------------------------- */

void
rl_csv_stability (GString *out, const RlStability *st)
{
  RlScenario *sc = rl_stability_get_scenario (st);
  gboolean first = TRUE;
  rl_csv_field (out, &first, "index");
  for (guint i = 0; i < rl_scenario_get_n_issues (sc); i++)
    rl_csv_field (out, &first, rl_scenario_get_issue_id (sc, i));
  for (guint c = 0; c < RL_N_STABILITY_CONCEPTS; c++)
    rl_csv_field (out, &first, rl_stability_concept_name ((RlStabilityConcept) c));
  rl_csv_field (out, &first, "movers");
  g_string_append_c (out, '\n');
  for (guint k = 0; k < rl_stability_get_n_packages (st); k++)
    {
      const RlPackage *pkg = rl_stability_get_package (st, k);
      first = TRUE;
      rl_csv_count (out, &first, pkg->index);
      for (guint i = 0; i < rl_scenario_get_n_issues (sc); i++)
        rl_csv_field (out, &first, rl_scenario_get_option_id (sc, i, pkg->options[i]));
      for (guint c = 0; c < RL_N_STABILITY_CONCEPTS; c++)
        rl_csv_field (out, &first, rl_stability_is_stable (st, k, (RlStabilityConcept) c) ? "true" : "false");
      g_autoptr (GString) movers = g_string_new (NULL);
      for (guint p = 0; p < rl_scenario_get_n_parties (sc); p++)
        if (rl_stability_get_n_improvements (st, k, p) > 0)
          g_string_append_printf (movers, "%s%s", movers->len ? " " : "", rl_scenario_get_party_id (sc, p));
      rl_csv_field (out, &first, movers->str);
      g_string_append_c (out, '\n');
    }
}

/* ---- verdict words ------------------------------------------------------------- */

static const char *const concept_titles[RL_N_STABILITY_CONCEPTS] = { "Nash", "GMR", "SMR", "SEQ" };

char *
rl_stability_verdict_text (const gboolean *stable)
{
  guint n_stable = 0;
  for (guint c = 0; c < RL_N_STABILITY_CONCEPTS; c++)
    n_stable += stable[c] != 0;
  if (n_stable == RL_N_STABILITY_CONCEPTS)
    return g_strdup ("stable under every concept");
  if (n_stable == 0)
    return g_strdup ("unstable under every concept");
  GString *s = g_string_new ("stable (");
  for (guint c = 0, m = 0; c < RL_N_STABILITY_CONCEPTS; c++)
    if (stable[c])
      g_string_append_printf (s, "%s%s", m++ ? ", " : "", concept_titles[c]);
  g_string_append (s, "), not ");
  for (guint c = 0, m = 0; c < RL_N_STABILITY_CONCEPTS; c++)
    if (!stable[c])
      g_string_append_printf (s, "%s%s", m++ ? " or " : "", concept_titles[c]);
  return g_string_free (s, FALSE);
}

char *
rl_stability_short (const gboolean *stable)
{
  GString *s = g_string_new (NULL);
  for (guint c = 0; c < RL_N_STABILITY_CONCEPTS; c++)
    if (stable[c])
      g_string_append_printf (s, "%s%s", s->len ? " " : "", rl_stability_concept_name ((RlStabilityConcept) c));
  if (s->len == 0)
    g_string_append (s, "none");
  return g_string_free (s, FALSE);
}
