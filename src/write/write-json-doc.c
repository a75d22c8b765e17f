/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * write-json-doc.c: the JSON documents of cli.md, built as json-glib trees
 * in the member order cli.md shows. Nothing here computes: every number
 * comes from the library's results as they are.
 */
#include "write/write-json.h"
#include "write/write-number.h"

#include <math.h>

/* cli.md's number when the product is a normal double (computed as a
 * product, every bit as before), else a string in scientific notation
 * from its logarithm (scenarios/README.md). */
static void
add_nash (JsonBuilder *b, const RlScenario *sc, const RlPackage *pkg)
{
  double v;
  if (rl_nash_shown (pkg->scores[RL_SCORE_NASH], rl_nash_product (sc, pkg->utilities), &v))
    rl_json_add_double (b, "nash", v);
  else
    {
      char buf[RL_NUMBER_BUF];
      rl_json_add_string (b, "nash", rl_format_nash_log (buf, pkg->scores[RL_SCORE_NASH], 12));
    }
}

static void
build_package (JsonBuilder *b, const RlScenario *sc, const RlPackage *pkg, gboolean with_rank)
{
  json_builder_begin_object (b);
  if (with_rank)
    rl_json_add_int (b, "rank", pkg->rank);
  rl_json_add_index (b, "index", sc, pkg->options);

  rl_json_add_options (b, "options", sc, pkg->options);
  rl_json_add_party_values (b, "utilities", sc, pkg->utilities, FALSE);

  if (pkg->acceptable)
    {
      json_builder_set_member_name (b, "scores");
      json_builder_begin_object (b);
      rl_json_add_double (b, "welfare", pkg->scores[RL_SCORE_WELFARE]);
      add_nash (b, sc, pkg);
      if (pkg->has_kalai)
        rl_json_add_double (b, "kalai", pkg->scores[RL_SCORE_KALAI]);
      rl_json_add_double (b, "min_gain", pkg->scores[RL_SCORE_MIN_GAIN]);
      json_builder_end_object (b);
      rl_json_add_bool (b, "pareto", pkg->pareto);
    }
  json_builder_end_object (b);
}

JsonNode *
rl_json_package (const RlScenario *sc, const RlPackage *pkg, gboolean with_rank)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  build_package (b, sc, pkg, with_rank);
  return json_builder_get_root (b);
}

static void
add_scenario (JsonBuilder *b, const RlScenario *sc, const char *file)
{
  json_builder_set_member_name (b, "scenario");
  json_builder_begin_object (b);
  rl_json_add_string (b, "title", rl_scenario_get_title (sc));
  rl_json_add_string (b, "file", file);
  rl_json_add_int (b, "issues", rl_scenario_get_n_issues (sc));
  rl_json_add_int (b, "parties", rl_scenario_get_n_parties (sc));
  rl_json_add_int (b, "veto_parties", rl_scenario_get_n_veto_parties (sc));
  json_builder_end_object (b);
}

/* cli.md: `decided`, a member per set that is not empty, each issue that
 * has one option in every package of the set, in file order. */
static void
add_decided (JsonBuilder *b, const RlResult *res)
{
  RlScenario *sc = rl_result_get_scenario (res);
  static const char *const sets[2] = { "compatible", "acceptable" };
  json_builder_set_member_name (b, "decided");
  json_builder_begin_object (b);
  for (guint k = 0; k < 2; k++)
    {
      const int *decided = rl_result_get_decided (res, k == 1);
      if (!decided)
        continue;
      json_builder_set_member_name (b, sets[k]);
      json_builder_begin_object (b);
      for (guint i = 0; i < rl_scenario_get_n_issues (sc); i++)
        if (decided[i] >= 0)
          rl_json_add_string (b, rl_scenario_get_issue_id (sc, i),
                              rl_scenario_get_option_id (sc, i, (guint) decided[i]));
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
}

/* The solve document; @with_tail adds the frontier and "complete", which
 * rl_json_write_solve() streams instead. */
static JsonNode *
build_solve (const RlResult *res, const char *file, gboolean with_tail)
{
  RlScenario *sc = rl_result_get_scenario (res);
  const RlSolveOptions *opts = rl_result_get_options (res);
  guint n_parties = rl_scenario_get_n_parties (sc);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autofree char *rank = rl_rank_to_string (sc, &opts->rank);

  rl_json_begin_document (b, "redline.solve/1", sc);
  add_scenario (b, sc, file);
  rl_json_add_string (b, "rank_by", rank);

  RlCounts counts;
  if (rl_result_get_counts (res, &counts))
    {
      json_builder_set_member_name (b, "counts");
      json_builder_begin_object (b);
      if (counts.space_fits)
        rl_json_add_int (b, "space", (gint64) counts.space);
      else
        rl_json_add_double (b, "space", counts.space_approx);
      rl_json_add_int (b, "feasible", (gint64) counts.feasible);
      rl_json_add_int (b, "compatible", (gint64) counts.compatible);
      rl_json_add_int (b, "acceptable", (gint64) counts.acceptable);
      rl_json_add_int (b, "pareto", (gint64) counts.pareto);
      json_builder_end_object (b);
    }

  /* cli.md: `ideal` lists every party, so it is all or nothing. */
  g_autofree double *ideal = g_new (double, MAX (n_parties, 1));
  gboolean have_ideal = n_parties > 0;
  for (guint p = 0; p < n_parties && have_ideal; p++)
    have_ideal = rl_result_get_ideal (res, p, &ideal[p]);
  if (have_ideal)
    rl_json_add_party_values (b, "ideal", sc, ideal, FALSE);
  if (rl_result_get_counts (res, &counts) && rl_result_is_complete (res))
    add_decided (b, res);

  json_builder_set_member_name (b, "top");
  json_builder_begin_array (b);
  for (guint k = 0; k < rl_result_get_n_top (res); k++)
    {
      const RlPackage *pkg = rl_result_get_top (res, k);
      if (opts->rank.kind != RL_SCORE_DURABILITY)
        {
          build_package (b, sc, pkg, TRUE);
          continue;
        }
      /* simulate.md: "durability": periods, or null for infinite. */
      JsonNode *node = rl_json_package (sc, pkg, TRUE);
      JsonObject *obj = json_node_get_object (node);
      if (isfinite (pkg->durability))
        json_object_set_double_member (obj, "durability", pkg->durability);
      else
        json_object_set_null_member (obj, "durability");
      json_builder_add_value (b, node);
    }
  json_builder_end_array (b);

  if (with_tail && (opts->flags & RL_SOLVE_FRONTIER))
    {
      json_builder_set_member_name (b, "frontier");
      json_builder_begin_array (b);
      for (guint k = 0; k < rl_result_get_n_frontier (res); k++)
        build_package (b, sc, rl_result_get_frontier (res, k), FALSE);
      json_builder_end_array (b);
    }

  if (with_tail && !rl_result_is_complete (res))
    rl_json_add_bool (b, "complete", FALSE);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

JsonNode *
rl_json_solve (const RlResult *res, const char *file)
{
  return build_solve (res, file, TRUE);
}

void
rl_json_write_solve (GString *out, const RlResult *res, const char *file)
{
  /* A frontier of a hundred thousand packages took most of a gigabyte as
   * a json-glib tree: the head of the document is a tree, and then each
   * frontier package is built, written and freed in turn, in exactly the
   * layout rl_json_write() gives the whole tree. */
  RlScenario *sc = rl_result_get_scenario (res);
  gboolean frontier = (rl_result_get_options (res)->flags & RL_SOLVE_FRONTIER) != 0;
  gboolean incomplete = !rl_result_is_complete (res);
  g_autoptr (JsonNode) head = build_solve (res, file, FALSE);
  rl_json_write (out, head, TRUE);
  if (!frontier && !incomplete)
    return;
  /* The head ends in "\n}\n" (it always has members): reopen it. */
  g_string_truncate (out, out->len - 3);
  if (frontier)
    {
      guint n = rl_result_get_n_frontier (res);
      g_string_append (out, ",\n  \"frontier\": ");
      g_string_append (out, n == 0 ? "[]" : "[");
      for (guint k = 0; k < n; k++)
        {
          g_autoptr (JsonNode) node = rl_json_package (sc, rl_result_get_frontier (res, k), FALSE);
          g_string_append (out, k > 0 ? ",\n    " : "\n    ");
          rl_json_write_at (out, node, 2);
        }
      if (n > 0)
        g_string_append (out, "\n  ]");
    }
  if (incomplete)
    g_string_append (out, ",\n  \"complete\": false");
  g_string_append (out, "\n}\n");
}

JsonNode *
rl_json_evaluate (RlScenario *sc, const RlEvaluation *ev)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  rl_json_begin_document (b, "redline.evaluate/1", sc);
  json_builder_set_member_name (b, "package");
  JsonNode *pkg = rl_json_package (sc, rl_evaluation_get_package (ev), FALSE);
  /* A flag the timeout left unproven is null, neither true nor false. */
  if (!rl_evaluation_is_pareto_known (ev) && json_object_has_member (json_node_get_object (pkg), "pareto"))
    json_object_set_null_member (json_node_get_object (pkg), "pareto");
  json_builder_add_value (b, pkg);
  rl_json_add_bool (b, "feasible", rl_evaluation_is_feasible (ev));
  rl_json_add_bool (b, "compatible", rl_evaluation_is_compatible (ev));
  rl_json_add_bool (b, "acceptable", rl_evaluation_is_acceptable (ev));

  rl_json_add_strings (b, "broken", rl_evaluation_get_broken (ev));

  json_builder_set_member_name (b, "below_batna");
  json_builder_begin_array (b);
  guint n_below = 0;
  const guint *below = rl_evaluation_get_below_batna (ev, &n_below);
  for (guint k = 0; k < n_below; k++)
    json_builder_add_string_value (b, rl_scenario_get_party_id (sc, below[k]));
  json_builder_end_array (b);

  if (rl_evaluation_is_acceptable (ev))
    {
      json_builder_set_member_name (b, "ranks");
      json_builder_begin_object (b);
      for (RlScoreKind kind = 0; kind < RL_N_STANDARD_SCORES; kind++)
        {
          /* 0 for an acceptable package: --timeout stopped the ranking
           * before this rank was known; null, not a rank of 0. */
          guint64 rank = rl_evaluation_get_rank (ev, kind);
          json_builder_set_member_name (b, rl_score_name (kind));
          if (rank > 0)
            json_builder_add_int_value (b, (gint64) rank);
          else
            json_builder_add_null_value (b);
        }
      json_builder_end_object (b);
    }

  json_builder_set_member_name (b, "dominated_by");
  const RlPackage *dom = rl_evaluation_get_dominated_by (ev);
  if (dom)
    {
      JsonNode *node = rl_json_package (sc, dom, FALSE);
      if (!rl_evaluation_is_dominator_pareto_known (ev))
        json_object_set_null_member (json_node_get_object (node), "pareto");
      json_builder_add_value (b, node);
    }
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static guint
count_red_lines (const RlScenario *sc)
{
  guint n = 0;
  for (guint p = 0; p < rl_scenario_get_n_parties (sc); p++)
    n += rl_scenario_get_n_red_lines (sc, p);
  return n;
}

static guint
count_options (const RlScenario *sc)
{
  guint n = 0;
  for (guint i = 0; i < rl_scenario_get_n_issues (sc); i++)
    n += rl_scenario_get_n_options (sc, i);
  return n;
}

/* stability.md: who can change what once a deal is agreed, and which way
 * issues may move; both members only when the file says anything of it. */
static void
build_check_controls (JsonBuilder *b, const RlScenario *sc)
{
  if (rl_scenario_has_controls (sc))
    {
      json_builder_set_member_name (b, "controls");
      json_builder_begin_object (b);
      for (guint p = 0; p < rl_scenario_get_n_parties (sc); p++)
        {
          guint n = rl_scenario_get_party_n_controls (sc, p);
          if (n == 0)
            continue;
          json_builder_set_member_name (b, rl_scenario_get_party_id (sc, p));
          json_builder_begin_array (b);
          for (guint c = 0; c < n; c++)
            json_builder_add_string_value (
                b, rl_scenario_get_issue_id (sc, rl_scenario_get_party_control (sc, p, c)));
          json_builder_end_array (b);
        }
      json_builder_end_object (b);
    }
  gboolean any_moves = FALSE;
  for (guint i = 0; i < rl_scenario_get_n_issues (sc); i++)
    any_moves = any_moves || rl_scenario_get_issue_moves (sc, i) != RL_MOVES_BOTH;
  if (any_moves)
    {
      json_builder_set_member_name (b, "moves");
      json_builder_begin_object (b);
      for (guint i = 0; i < rl_scenario_get_n_issues (sc); i++)
        if (rl_scenario_get_issue_moves (sc, i) != RL_MOVES_BOTH)
          rl_json_add_string (b, rl_scenario_get_issue_id (sc, i),
                              rl_moves_name (rl_scenario_get_issue_moves (sc, i)));
      json_builder_end_object (b);
    }
}

static void
build_check_valid (JsonBuilder *b, const RlScenario *sc)
{
  rl_json_add_string (b, "title", rl_scenario_get_title (sc));
  rl_json_add_int (b, "issues", rl_scenario_get_n_issues (sc));
  rl_json_add_int (b, "options", count_options (sc));
  rl_json_add_int (b, "parties", rl_scenario_get_n_parties (sc));
  rl_json_add_int (b, "veto_parties", rl_scenario_get_n_veto_parties (sc));
  json_builder_set_member_name (b, "observers");
  json_builder_begin_array (b);
  for (guint p = 0; p < rl_scenario_get_n_parties (sc); p++)
    if (!rl_scenario_party_is_veto (sc, p))
      json_builder_add_string_value (b, rl_scenario_get_party_id (sc, p));
  json_builder_end_array (b);
  rl_json_add_int (b, "red_lines", count_red_lines (sc));
  rl_json_add_int (b, "constraints", rl_scenario_get_n_constraints (sc));
  guint64 space;
  gboolean exact = rl_scenario_get_space (sc, &space);
  if (exact)
    rl_json_add_int (b, "space", (gint64) space);
  else
    rl_json_add_double (b, "space", rl_scenario_get_space_approx (sc));
  rl_json_add_bool (b, "space_exact", exact);
  build_check_controls (b, sc);
  /* A variant's changes to its base (scenario.md section 7). */
  rl_json_add_strings (b, "changes", rl_scenario_get_changes (sc));
  /* BATNAs taken from the status quo (section 2), as derived: every
   * veto party's BATNA, with its ADJUST where it is derived. */
  json_builder_set_member_name (b, "batnas");
  json_builder_begin_object (b);
  for (guint p = 0; p < rl_scenario_get_n_parties (sc); p++)
    {
      if (!rl_scenario_party_is_veto (sc, p))
        continue;
      double adjust;
      gboolean derived = rl_scenario_get_party_batna_adjust (sc, p, &adjust);
      json_builder_set_member_name (b, rl_scenario_get_party_id (sc, p));
      json_builder_begin_object (b);
      rl_json_add_double (b, "batna", rl_scenario_get_party_batna (sc, p));
      if (derived)
        rl_json_add_double (b, "status_quo_adjust", adjust);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
}

JsonNode *
rl_json_check (GPtrArray *files, GPtrArray *scenarios, GPtrArray *errors)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  rl_json_begin_document (b, "redline.check/1", NULL);
  json_builder_set_member_name (b, "files");
  json_builder_begin_array (b);
  for (guint k = 0; k < files->len; k++)
    {
      const RlScenario *sc = g_ptr_array_index (scenarios, k);
      const GError *err = g_ptr_array_index (errors, k);
      json_builder_begin_object (b);
      rl_json_add_string (b, "file", g_ptr_array_index (files, k));
      rl_json_add_bool (b, "valid", sc != NULL);
      if (sc)
        build_check_valid (b, sc);
      else if (err)
        {
          /* One entry per error line, as they appear on standard error. */
          json_builder_set_member_name (b, "errors");
          json_builder_begin_array (b);
          g_auto (GStrv) lines = g_strsplit (err->message, "\n", -1);
          for (guint l = 0; lines[l]; l++)
            if (lines[l][0] != '\0')
              json_builder_add_string_value (b, lines[l]);
          json_builder_end_array (b);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}
