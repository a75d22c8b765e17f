/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * write-sensitivity.c: `redline sensitivity` as JSON (sensitivity.md's
 * `redline.sensitivity/1`) and CSV. Every number comes from the
 * RlSensitivity as it is.
 */
#include "write/write-sensitivity.h"

#include "write/write-csv.h"
#include "write/write-json.h"

static void
add_range (JsonBuilder *b, const char *name, const RlSensitivityRange *r)
{
  if (!r->holds)
    {
      rl_json_add_null (b, name);
      return;
    }
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  rl_json_add_double (b, "lo", r->lo);
  rl_json_add_bool (b, "lo_open", r->lo_open);
  rl_json_add_double (b, "hi", r->hi);
  rl_json_add_bool (b, "hi_open", r->hi_open);
  json_builder_end_object (b);
}

static void
add_share (JsonBuilder *b, const char *name, const RlShare *s)
{
  if (name)
    json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  rl_json_add_int (b, "count", (gint64) s->count);
  rl_json_add_double (b, "share", s->share);
  json_builder_set_member_name (b, "wilson");
  json_builder_begin_array (b);
  json_builder_add_double_value (b, s->wilson_lo);
  json_builder_add_double_value (b, s->wilson_hi);
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
add_monte_carlo (JsonBuilder *b, const RlSensitivity *sens)
{
  const RlSensitivityOptions *o = rl_sensitivity_get_options (sens);
  if (!rl_sensitivity_has_monte_carlo (sens))
    {
      rl_json_add_null (b, "monte_carlo");
      return;
    }
  json_builder_set_member_name (b, "monte_carlo");
  json_builder_begin_object (b);
  rl_json_add_int (b, "samples", rl_sensitivity_get_n_samples (sens));
  rl_json_add_int (b, "seed", (gint64) o->seed);
  rl_json_add_double (b, "concentration", o->concentration);
  rl_json_add_double (b, "value_noise", o->value_noise);
  rl_json_add_double (b, "batna_noise", o->batna_noise);
  add_share (b, "zone", rl_sensitivity_get_zone (sens));
  guint64 stats[5];
  rl_sensitivity_get_acceptable (sens, stats);
  static const char *const names[5] = { "min", "p5", "median", "p95", "max" };
  json_builder_set_member_name (b, "acceptable");
  json_builder_begin_object (b);
  for (guint k = 0; k < 5; k++)
    rl_json_add_int (b, names[k], (gint64) stats[k]);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "first");
  json_builder_begin_array (b);
  for (guint f = 0; f < rl_sensitivity_get_n_first (sens); f++)
    {
      const RlSensitivityFirst *first = rl_sensitivity_get_first (sens, f);
      json_builder_begin_object (b);
      rl_json_add_int (b, "index", (gint64) first->index);
      rl_json_add_int (b, "count", (gint64) first->share.count);
      rl_json_add_double (b, "share", first->share.share);
      json_builder_set_member_name (b, "wilson");
      json_builder_begin_array (b);
      json_builder_add_double_value (b, first->share.wilson_lo);
      json_builder_add_double_value (b, first->share.wilson_hi);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  const RlShare *acc, *first, *pareto;
  if (rl_sensitivity_get_nominal_shares (sens, &acc, &first, &pareto))
    {
      json_builder_set_member_name (b, "nominal");
      json_builder_begin_object (b);
      add_share (b, "acceptable", acc);
      add_share (b, "first", first);
      add_share (b, "pareto", pareto);
      json_builder_end_object (b);
    }
  else
    rl_json_add_null (b, "nominal");
  json_builder_end_object (b);
}

JsonNode *
rl_json_sensitivity (const RlSensitivity *sens, const char *file)
{
  RlScenario *sc = rl_sensitivity_get_scenario (sens);
  const RlSensitivityOptions *o = rl_sensitivity_get_options (sens);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  rl_json_begin_document (b, "redline.sensitivity/1", sc);
  json_builder_set_member_name (b, "scenario");
  json_builder_begin_object (b);
  rl_json_add_string (b, "title", rl_scenario_get_title (sc));
  rl_json_add_string (b, "file", file);
  json_builder_end_object (b);
  g_autofree char *rank = rl_rank_to_string (sc, &o->rank);
  rl_json_add_string (b, "rank", rank);

  json_builder_set_member_name (b, "nominal");
  json_builder_begin_object (b);
  const RlPackage *t = rl_sensitivity_get_nominal (sens);
  if (t)
    rl_json_add_int (b, "index", (gint64) t->index);
  else
    rl_json_add_null (b, "index");
  rl_json_add_int (b, "acceptable", (gint64) rl_sensitivity_get_n_acceptable (sens));
  json_builder_end_object (b);

  json_builder_set_member_name (b, "thresholds");
  json_builder_begin_array (b);
  for (guint k = 0; k < rl_sensitivity_get_n_thresholds (sens); k++)
    {
      const RlThreshold *th = rl_sensitivity_get_threshold (sens, k);
      json_builder_begin_object (b);
      rl_json_add_string (b, "party", rl_scenario_get_party_id (sc, th->party));
      rl_json_add_double (b, "batna", th->batna);
      if (th->has_zone_max)
        rl_json_add_double (b, "zone_max", th->zone_max);
      else
        rl_json_add_null (b, "zone_max");
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  if (rl_sensitivity_has_margins (sens))
    {
      json_builder_set_member_name (b, "margins");
      json_builder_begin_array (b);
      for (guint m = 0; m < rl_sensitivity_get_n_margins (sens); m++)
        {
          const RlMargin *mg = rl_sensitivity_get_margin (sens, m);
          json_builder_begin_object (b);
          rl_json_add_string (b, "parameter", mg->parameter);
          rl_json_add_double (b, "nominal", mg->nominal);
          add_range (b, "zone", &mg->zone);
          add_range (b, "top", &mg->top);
          json_builder_set_member_name (b, "knife_edge");
          json_builder_begin_array (b);
          if (mg->zone.holds && mg->zone.knife_edge)
            json_builder_add_string_value (b, "zone");
          if (mg->top.holds && mg->top.knife_edge)
            json_builder_add_string_value (b, "top");
          json_builder_end_array (b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  else
    rl_json_add_null (b, "margins");
  add_monte_carlo (b, sens);
  rl_json_add_bool (b, "complete", rl_sensitivity_is_complete (sens));
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* ---- CSV ------------------------------------------------------------------------- */

static void
range_cells (GString *out, gboolean *first, const RlSensitivityRange *r)
{
  if (!r->holds)
    {
      for (guint k = 0; k < 4; k++)
        rl_csv_field (out, first, "");
      return;
    }
  rl_csv_number (out, first, r->lo);
  rl_csv_field (out, first, r->lo_open ? "true" : "false");
  rl_csv_number (out, first, r->hi);
  rl_csv_field (out, first, r->hi_open ? "true" : "false");
}

void
rl_csv_sensitivity (GString *out, const RlSensitivity *sens)
{
  static const char *const header[] = {
    "parameter", "nominal", "zone_lo", "zone_lo_open", "zone_hi", "zone_hi_open",
    "top_lo", "top_lo_open", "top_hi", "top_hi_open", "knife_edge",
  };
  gboolean first = TRUE;
  rl_csv_fields (out, &first, header, G_N_ELEMENTS (header));
  g_string_append_c (out, '\n');
  for (guint m = 0; m < rl_sensitivity_get_n_margins (sens); m++)
    {
      const RlMargin *mg = rl_sensitivity_get_margin (sens, m);
      first = TRUE;
      rl_csv_field (out, &first, mg->parameter);
      rl_csv_number (out, &first, mg->nominal);
      range_cells (out, &first, &mg->zone);
      range_cells (out, &first, &mg->top);
      const char *knife = mg->zone.holds && mg->zone.knife_edge
                            ? (mg->top.holds && mg->top.knife_edge ? "zone top" : "zone")
                            : (mg->top.holds && mg->top.knife_edge ? "top" : "");
      rl_csv_field (out, &first, knife);
      g_string_append_c (out, '\n');
    }
}
