/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * write-simulate.c: the outputs of `redline simulate` (see
 * write-simulate.h). The JSON members come in simulate.md's order, with
 * the common `generator` after `format` (cli.md), `noise` and `seed` after
 * `horizon`, and `runs` last; after a timeout, `"complete": false` after
 * it (cli.md), `"finished": false` in an outcome that did not finish,
 * `"finished"` in `runs` when some did not, and `"pareto": null` for a
 * flag that was not settled.
 */
#include "write/write-simulate.h"

#include <math.h>
#include <string.h>

#include "write/write-csv.h"
#include "write/write-json.h"
#include "write/write-names.h"
#include "write/write-number.h"
#include "write/write-text.h"
#include "write/write-text-layout.h"

/* ---- JSON ------------------------------------------------------------------- */

/* A package reference: its exact index (a string beyond 2^53), or null. */
static void
add_package_ref (JsonBuilder *b, const char *name, const RlScenario *sc, const guint8 *options)
{
  if (options == NULL)
    rl_json_add_null (b, name);
  else
    rl_json_add_index (b, name, sc, options);
}

static void
add_strategy (JsonBuilder *b, const RlSimulateOptions *opts, const RlScenario *sc, guint p)
{
  json_builder_set_member_name (b, rl_scenario_get_party_id (sc, p));
  const char *name = rl_strategy_name (opts->strategy[p]);
  if (name)
    json_builder_add_string_value (b, name);
  else
    {
      json_builder_begin_object (b);
      rl_json_add_double (b, "e", opts->exponent[p]);
      json_builder_end_object (b);
    }
}

static const char *
proposer_id (const RlScenario *sc, int proposer)
{
  return proposer == RL_SIM_MEDIATOR ? "mediator" : rl_scenario_get_party_id (sc, proposer);
}

static void
add_round (JsonBuilder *b, const RlScenario *sc, const RlSimRound *r)
{
  json_builder_begin_object (b);
  rl_json_add_int (b, "round", r->round);
  rl_json_add_string (b, "proposer", proposer_id (sc, r->proposer));
  add_package_ref (b, "offer", sc, r->offer);
  if (r->proposer != RL_SIM_MEDIATOR)
    rl_json_add_bool (b, "fallback", r->fallback);
  for (guint pass = 0; pass < 2; pass++)
    {
      json_builder_set_member_name (b, pass == 0 ? "accepted_by" : "rejected_by");
      json_builder_begin_array (b);
      for (guint q = 0; r->offer && q < rl_scenario_get_n_parties (sc); q++)
        if (rl_scenario_party_is_veto (sc, q) && (int) q != r->proposer
            && r->accepts[q] == (pass == 0))
          json_builder_add_string_value (b, rl_scenario_get_party_id (sc, q));
      json_builder_end_array (b);
    }
  if (r->aspirations)
    rl_json_add_party_values (b, "aspirations", sc, r->aspirations, TRUE);
  if (r->utilities)
    rl_json_add_party_values (b, "utilities", sc, r->utilities, FALSE);
  else
    rl_json_add_null (b, "utilities");
  json_builder_end_object (b);
}

static void
add_runs (JsonBuilder *b, const RlSimulation *sim)
{
  RlScenario *sc = rl_simulation_get_scenario (sim);
  const RlSimulateOptions *opts = rl_simulation_get_options (sim);
  const RlSimSummary *s = rl_simulation_get_summary (sim);
  json_builder_set_member_name (b, "runs");
  json_builder_begin_object (b);
  rl_json_add_int (b, "count", s->runs);
  /* After a timeout: the runs that finished, what the figures are over. */
  guint n = s->finished;
  if (n < s->runs)
    rl_json_add_int (b, "finished", n);
  rl_json_add_int (b, "seed", (gint64) opts->seed);
  rl_json_add_int (b, "agreed", s->agreed);
  rl_json_add_double (b, "agreement_rate", n ? (double) s->agreed / n : NAN);
  json_builder_set_member_name (b, "rounds_to_agreement");
  json_builder_begin_object (b);
  rl_json_add_double (b, "median", s->rounds_median);
  rl_json_add_double (b, "p90", s->rounds_p90);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "outcomes");
  json_builder_begin_array (b);
  for (guint k = 0; k < s->n_outcomes; k++)
    {
      const RlSimOutcomeCount *o = &s->outcomes[k];
      json_builder_begin_object (b);
      add_package_ref (b, "index", sc, o->package);
      if (o->package)
        rl_json_add_options (b, "options", sc, o->package);
      else
        rl_json_add_null (b, "options");
      rl_json_add_int (b, "count", o->count);
      rl_json_add_double (b, "frequency", (double) o->count / n);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  rl_json_add_party_values (b, "mean_utilities", sc, s->mean_utilities, FALSE);
  rl_json_add_int (b, "broken", s->broken);
  rl_json_add_double (b, "break_rate", s->agreed ? (double) s->broken / s->agreed : NAN);
  json_builder_set_member_name (b, "broken_by");
  json_builder_begin_object (b);
  for (guint p = 0; p < rl_scenario_get_n_parties (sc); p++)
    if (rl_scenario_party_is_veto (sc, p))
      {
        json_builder_set_member_name (b, rl_scenario_get_party_id (sc, p));
        json_builder_begin_object (b);
        rl_json_add_int (b, "count", s->broken_by[p]);
        rl_json_add_double (b, "frequency", s->agreed ? (double) s->broken_by[p] / s->agreed : NAN);
        json_builder_end_object (b);
      }
  json_builder_end_object (b);
  json_builder_end_object (b);
}

JsonNode *
rl_json_simulate (const RlSimulation *sim, const char *file)
{
  RlScenario *sc = rl_simulation_get_scenario (sim);
  const RlSimulateOptions *opts = rl_simulation_get_options (sim);
  const RlSimOutcome *o = rl_simulation_get_outcome (sim);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  gboolean mediator = opts->protocol == RL_PROTOCOL_MEDIATOR;

  rl_json_begin_document (b, "redline.simulate/1", sc);
  json_builder_set_member_name (b, "scenario");
  json_builder_begin_object (b);
  rl_json_add_string (b, "title", rl_scenario_get_title (sc));
  rl_json_add_string (b, "file", file);
  json_builder_end_object (b);
  rl_json_add_string (b, "protocol", mediator ? "mediator" : "alternating");
  rl_json_add_int (b, "rounds", opts->rounds);
  rl_json_add_int (b, "horizon", opts->horizon);
  rl_json_add_double (b, "noise", opts->noise);
  rl_json_add_int (b, "seed", (gint64) opts->seed);
  if (mediator)
    {
      rl_json_add_null (b, "order");
      rl_json_add_int (b, "mediator_reach", opts->mediator_reach);
    }
  else
    {
      json_builder_set_member_name (b, "order");
      json_builder_begin_array (b);
      for (guint k = 0; k < opts->n_order; k++)
        json_builder_add_string_value (b, rl_scenario_get_party_id (sc, opts->order[k]));
      json_builder_end_array (b);
    }
  json_builder_set_member_name (b, "strategies");
  json_builder_begin_object (b);
  for (guint p = 0; p < rl_scenario_get_n_parties (sc); p++)
    if (rl_scenario_party_is_veto (sc, p))
      add_strategy (b, opts, sc, p);
  json_builder_end_object (b);

  RlSimMissing missing = rl_simulation_get_missing (sim);
  json_builder_set_member_name (b, "outcome");
  json_builder_begin_object (b);
  rl_json_add_bool (b, "agreed", o->agreed);
  if (o->stopped)
    rl_json_add_bool (b, "finished", FALSE);
  if (o->agreed)
    rl_json_add_int (b, "round", o->round);
  else
    rl_json_add_null (b, "round");
  json_builder_set_member_name (b, "package");
  const RlPackage *pkg = rl_simulation_get_package (sim);
  if (pkg)
    {
      JsonNode *node = rl_json_package (sc, pkg, FALSE);
      if (missing & RL_SIM_MISSING_PARETO)
        json_object_set_null_member (json_node_get_object (node), "pareto");
      json_builder_add_value (b, node);
    }
  else
    json_builder_add_null_value (b);
  rl_json_add_party_values (b, "utilities", sc, o->utilities, FALSE);
  rl_json_add_double (b, "nash_distance", rl_simulation_nash_distance (sim, 0));
  json_builder_end_object (b);

  json_builder_set_member_name (b, "transcript");
  json_builder_begin_array (b);
  for (guint k = 0; k < rl_simulation_get_n_rounds (sim); k++)
    add_round (b, sc, rl_simulation_get_round (sim, k));
  json_builder_end_array (b);

  json_builder_set_member_name (b, "durability");
  if (o->agreed)
    {
      json_builder_begin_object (b);
      if (o->broken)
        {
          rl_json_add_int (b, "broken_at", o->broken_at);
          rl_json_add_string (b, "broken_by", rl_scenario_get_party_id (sc, o->broken_by));
        }
      else
        {
          rl_json_add_null (b, "broken_at");
          rl_json_add_null (b, "broken_by");
        }
      rl_json_add_bool (b, "durable", !o->broken);
      json_builder_end_object (b);
    }
  else
    json_builder_add_null_value (b);

  if (opts->runs > 1)
    add_runs (b, sim);
  if (missing)
    rl_json_add_bool (b, "complete", FALSE);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* ---- text ----------------------------------------------------------------------- */

/* "Stopped by --timeout: ...": what the timeout left out, or nothing. */
static void
text_missing (GString *out, const RlSimulation *sim)
{
  RlSimMissing missing = rl_simulation_get_missing (sim);
  if (missing == RL_SIM_MISSING_NONE)
    return;
  const RlSimulateOptions *opts = rl_simulation_get_options (sim);
  const RlSimSummary *s = rl_simulation_get_summary (sim);
  guint played = rl_simulation_get_n_rounds (sim);
  gboolean mediator = opts->protocol == RL_PROTOCOL_MEDIATOR;
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  if (missing & RL_SIM_MISSING_TALKS)
    {
      if (played == 0)
        g_ptr_array_add (parts, g_strdup_printf ("the talks did not finish, and no %s was "
                                                 "complete", mediator ? "move" : "round"));
      else if (mediator)
        g_ptr_array_add (parts, g_strdup_printf ("the talks did not finish: the text is shown "
                                                 "up to move %u, the last complete one", played));
      else
        g_ptr_array_add (parts, g_strdup_printf ("the talks did not finish: the transcript ends "
                                                 "at round %u, the last complete one",
                                                 rl_simulation_get_round (sim, played - 1)->round));
    }
  if (missing & RL_SIM_MISSING_RUNS)
    g_ptr_array_add (parts, g_strdup_printf ("only %u of %u runs finished, and the figures "
                                             "over runs are over those", s->finished, s->runs));
  if (missing & RL_SIM_MISSING_NASH)
    g_ptr_array_add (parts, g_strdup ("the Nash package was not found, so the distance to it "
                                      "is missing"));
  if (missing & RL_SIM_MISSING_PARETO)
    g_ptr_array_add (parts, g_strdup ("whether the agreed package is Pareto-optimal is not "
                                      "known"));
  if (missing & RL_SIM_MISSING_KALAI)
    g_ptr_array_add (parts, g_strdup ("its kalai score is missing"));
  g_ptr_array_add (parts, NULL);
  g_autofree char *list = g_strjoinv ("; ", (char **) parts->pdata);
  g_autofree char *line = g_strdup_printf ("Stopped by --timeout: %s.", list);
  rl_text_append_wrapped (out, line, 0, 4);
}

/* rl_text_package(), saying "Pareto-optimality not known" rather than
 * "not Pareto-optimal" when the timeout left the flag unsettled. */
static void
text_agreed_package (GString *out, const RlSimulation *sim, const RlPackage *pkg)
{
  RlScenario *sc = rl_simulation_get_scenario (sim);
  if (!(rl_simulation_get_missing (sim) & RL_SIM_MISSING_PARETO))
    {
      rl_text_package (out, sc, pkg, NULL);
      return;
    }
  g_autoptr (GString) block = g_string_new (NULL);
  rl_text_package (block, sc, pkg, NULL);
  const char *eol = strchr (block->str, '\n');
  const char *flag = strstr (block->str, ", not Pareto-optimal");
  if (flag && (!eol || flag < eol))
    {
      gsize at = (gsize) (flag - block->str);
      g_string_erase (block, (gssize) at, strlen (", not Pareto-optimal"));
      g_string_insert (block, (gssize) at, ", Pareto-optimality not known");
    }
  g_string_append (out, block->str);
}

static char *
strategy_text (const RlSimulateOptions *opts, guint p)
{
  char buf[RL_NUMBER_BUF];
  const char *name = rl_strategy_name (opts->strategy[p]);
  if (name)
    return g_strdup (name);
  return g_strdup_printf ("e = %s", rl_format_fixed (buf, opts->exponent[p], 3, FALSE));
}

/* "at_table: yes; border: Pre-war border restored; guarantee: none":
 * issue ids (short enough to repeat every round) and option labels. */
static char *
package_words (const RlScenario *sc, const guint8 *x)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < rl_scenario_get_n_issues (sc); i++)
    g_string_append_printf (s, "%s%s: %s", i ? "; " : "", rl_scenario_get_issue_id (sc, i),
                            rl_write_option_name (sc, i, x[i]));
  return g_string_free (s, FALSE);
}

static char *
package_ref (const RlScenario *sc, const guint8 *x)
{
  return g_strdup_printf ("package %s", rl_write_index (sc, x));
}

static void
text_round (GString *out, const RlScenario *sc, const RlSimRound *r)
{
  char b1[RL_NUMBER_BUF], b2[RL_NUMBER_BUF];
  g_autoptr (GString) head = g_string_new (NULL);
  if (r->proposer == RL_SIM_MEDIATOR)
    {
      g_autofree char *ref = package_ref (sc, r->offer);
      g_string_append_printf (head, "Move %u: the mediator moves the text to %s", r->round + 1, ref);
    }
  else if (r->offer == NULL)
    g_string_append_printf (head, "Round %u: %s passes (nothing it can offer is at or above its "
                            "BATNA)", r->round, rl_write_party_name (sc, (guint) r->proposer));
  else
    {
      g_autofree char *ref = package_ref (sc, r->offer);
      g_string_append_printf (head, "Round %u: %s offers %s%s", r->round,
                              rl_write_party_name (sc, (guint) r->proposer), ref,
                              r->fallback ? " (its own best: nothing it would offer meets its "
                                            "aspiration)" : "");
    }
  rl_text_append_wrapped (out, head->str, 0, 4);
  if (r->offer == NULL)
    return;
  g_autofree char *words = package_words (sc, r->offer);
  rl_text_append_wrapped (out, words, 4, 4);
  if (r->proposer != RL_SIM_MEDIATOR)
    {
      g_autofree char *own = g_strdup_printf ("%s: utility %s, aspiration %s",
                                              rl_write_party_name (sc, (guint) r->proposer),
                                              rl_format_fixed (b1, r->utilities[r->proposer], 3, FALSE),
                                              rl_format_fixed (b2, r->aspirations[r->proposer], 3, FALSE));
      rl_text_append_wrapped (out, own, 4, 6);
    }
  for (guint q = 0; q < rl_scenario_get_n_parties (sc); q++)
    {
      if (!rl_scenario_party_is_veto (sc, q) || (int) q == r->proposer)
        continue;
      g_autofree char *line = NULL;
      if (r->aspirations)
        line = g_strdup_printf ("%s: utility %s, aspiration %s, %s", rl_write_party_name (sc, q),
                                rl_format_fixed (b1, r->utilities[q], 3, FALSE),
                                rl_format_fixed (b2, r->aspirations[q], 3, FALSE),
                                r->accepts[q] ? "accepts" : "rejects");
      else
        line = g_strdup_printf ("%s: utility %s, BATNA %s, %s", rl_write_party_name (sc, q),
                                rl_format_fixed (b1, r->utilities[q], 3, FALSE),
                                rl_format_fixed (b2, rl_scenario_get_party_batna (sc, q), 3, FALSE),
                                r->accepts[q] ? "acceptable" : "not acceptable");
      rl_text_append_wrapped (out, line, 4, 6);
    }
}

static void
text_life (GString *out, const RlScenario *sc, const RlSimulateOptions *opts, const RlSimOutcome *o)
{
  char b1[RL_NUMBER_BUF], b2[RL_NUMBER_BUF];
  g_autofree char *line = NULL;
  if (!o->agreed)
    return;
  if (!o->broken)
    line = g_strdup_printf ("Life of the deal: durable; no veto party walks away within the "
                            "horizon of %u %s.", opts->horizon, opts->horizon == 1 ? "period" : "periods");
  else
    {
      guint p = (guint) o->broken_by;
      double drift = rl_scenario_get_party_drift (sc, p, o->package);
      double batna = rl_scenario_get_party_batna (sc, p) + o->broken_at * drift;
      line = g_strdup_printf ("Life of the deal: it breaks at period %u of %u: %s walks away "
                              "(its utility %s is below its drifted BATNA %s%s).",
                              o->broken_at, opts->horizon, rl_write_party_name (sc, p),
                              rl_format_fixed (b1, o->utilities[p], 3, FALSE),
                              rl_format_fixed (b2, batna, 3, FALSE),
                              opts->noise > 0 ? " before noise" : "");
    }
  rl_text_append_wrapped (out, line, 0, 4);
}

static void
text_runs (GString *out, const RlSimulation *sim)
{
  char b1[RL_NUMBER_BUF], b2[RL_NUMBER_BUF];
  RlScenario *sc = rl_simulation_get_scenario (sim);
  const RlSimulateOptions *opts = rl_simulation_get_options (sim);
  const RlSimSummary *s = rl_simulation_get_summary (sim);
  guint n = s->finished;     /* the runs the figures are over */
  g_autofree char *head = NULL;
  if (n == s->runs)
    head = g_strdup_printf ("Over %u runs (seed %" G_GUINT64_FORMAT ", noise %s):", s->runs,
                            opts->seed, rl_format_fixed (b1, opts->noise, 3, FALSE));
  else if (n == 0)
    head = g_strdup_printf ("Over %u runs (seed %" G_GUINT64_FORMAT ", noise %s): none finished "
                            "before --timeout.", s->runs, opts->seed,
                            rl_format_fixed (b1, opts->noise, 3, FALSE));
  else
    head = g_strdup_printf ("Over the %u of %u runs that finished before --timeout (seed %"
                            G_GUINT64_FORMAT ", noise %s):", n, s->runs, opts->seed,
                            rl_format_fixed (b1, opts->noise, 3, FALSE));
  g_string_append_c (out, '\n');
  rl_text_append_wrapped (out, head, 0, 4);
  if (n == 0)
    return;
  g_autofree char *agreed = NULL;
  if (s->agreed)
    {
      char b3[RL_NUMBER_BUF];
      agreed = g_strdup_printf ("agreement in %u (%s); rounds to agreement: median %s, 90th "
                                "percentile %s", s->agreed, rl_format_percent (b1, s->agreed, n),
                                rl_format_fixed (b2, s->rounds_median, 1, FALSE),
                                rl_format_fixed (b3, s->rounds_p90, 0, FALSE));
    }
  else
    agreed = g_strdup ("no run reached an agreement");
  rl_text_append_wrapped (out, agreed, 2, 4);
  rl_text_append_wrapped (out, "most frequent outcomes:", 2, 4);
  for (guint k = 0; k < s->n_outcomes; k++)
    {
      const RlSimOutcomeCount *o = &s->outcomes[k];
      g_autofree char *what = NULL;
      if (o->package)
        {
          g_autofree char *ref = package_ref (sc, o->package);
          g_autofree char *words = package_words (sc, o->package);
          what = g_strdup_printf ("%s: %s", ref, words);
        }
      else
        what = g_strdup ("no deal");
      g_autofree char *line = g_strdup_printf ("%u (%s)  %s", o->count,
                                               rl_format_percent (b1, o->count, n), what);
      rl_text_append_wrapped (out, line, 4, 8);
    }
  rl_text_append_wrapped (out, "mean utility (the BATNA when talks fail):", 2, 4);
  RlTextColumn columns[] = { { "mean", s->mean_utilities, FALSE } };
  rl_text_party_table (out, sc, 4, columns, 1);
  if (s->agreed)
    {
      GString *line = g_string_new (NULL);
      g_string_append_printf (line, "deals broken within %u periods: %u of %u (%s)", opts->horizon,
                              s->broken, s->agreed, rl_format_percent (b1, s->broken, s->agreed));
      if (s->broken)
        {
          g_string_append (line, "; first to walk away:");
          gboolean first = TRUE;
          for (guint p = 0; p < rl_scenario_get_n_parties (sc); p++)
            if (rl_scenario_party_is_veto (sc, p) && s->broken_by[p])
              {
                g_string_append_printf (line, "%s %s %u", first ? "" : ",", rl_write_party_name (sc, p),
                                        s->broken_by[p]);
                first = FALSE;
              }
        }
      rl_text_append_wrapped (out, line->str, 2, 4);
      g_string_free (line, TRUE);
    }
}

void
rl_text_simulate (GString *out, const RlSimulation *sim, const char *file)
{
  char b1[RL_NUMBER_BUF];
  RlScenario *sc = rl_simulation_get_scenario (sim);
  const RlSimulateOptions *opts = rl_simulation_get_options (sim);
  const RlSimOutcome *o = rl_simulation_get_outcome (sim);
  gboolean mediator = opts->protocol == RL_PROTOCOL_MEDIATOR;

  g_autofree char *title = g_strdup_printf ("Simulation of %s (%s)", rl_scenario_get_title (sc), file);
  rl_text_append_wrapped (out, title, 0, 4);
  GString *setting = g_string_new (NULL);
  if (mediator)
    g_string_append_printf (setting, "Protocol: a mediator's single text from the status quo, "
                            "moves in %s %s, at most %u moves",
                            opts->mediator_reach == 1 ? "one issue" : "one or two issues",
                            "at a time", opts->rounds);
  else
    {
      g_string_append_printf (setting, "Protocol: alternating offers, %u rounds; proposers in turn: ",
                              opts->rounds);
      for (guint k = 0; k < opts->n_order; k++)
        g_string_append_printf (setting, "%s%s", k ? ", " : "", rl_write_party_name (sc, opts->order[k]));
    }
  g_string_append (setting, ". Strategies: ");
  gboolean first = TRUE;
  for (guint p = 0; p < rl_scenario_get_n_parties (sc); p++)
    if (rl_scenario_party_is_veto (sc, p))
      {
        g_autofree char *st = strategy_text (opts, p);
        g_string_append_printf (setting, "%s%s %s", first ? "" : ", ", rl_write_party_name (sc, p), st);
        first = FALSE;
      }
  g_string_append_printf (setting, ". Noise %s; the deal is followed for %u %s.",
                          rl_format_fixed (b1, opts->noise, 3, FALSE), opts->horizon,
                          opts->horizon == 1 ? "period" : "periods");
  rl_text_append_wrapped (out, setting->str, 0, 4);
  g_string_free (setting, TRUE);
  text_missing (out, sim);
  g_string_append_c (out, '\n');
  /* With several runs the reader wants the distributions first; run 0's
   * transcript follows as an example. */
  if (opts->runs > 1)
    {
      text_runs (out, sim);
      g_string_append_c (out, '\n');
      rl_text_append_wrapped (out, "Run 0, round by round (one example of the runs above):", 0, 4);
    }

  if (!o->started && !o->stopped)
    {
      GString *why = g_string_new ("The talks fail before round 0: ");
      gboolean any = FALSE;
      for (guint p = 0; p < rl_scenario_get_n_parties (sc); p++)
        {
          double ideal = rl_simulation_get_ideal (sim, p);
          if (!rl_scenario_party_is_veto (sc, p)
              || ideal >= rl_scenario_get_party_batna (sc, p) - RL_EPSILON)
            continue;
          if (isinf (ideal))
            g_string_append_printf (why, "%s%s has no package that keeps the constraints and its "
                                    "own red lines", any ? "; " : "", rl_write_party_name (sc, p));
          else
            {
              char b2[RL_NUMBER_BUF];
              g_string_append_printf (why, "%s%s's best package (%s) is below its BATNA (%s)",
                                      any ? "; " : "", rl_write_party_name (sc, p),
                                      rl_format_fixed (b1, ideal, 3, FALSE),
                                      rl_format_fixed (b2, rl_scenario_get_party_batna (sc, p), 3, FALSE));
            }
          any = TRUE;
        }
      g_string_append_c (why, '.');
      rl_text_append_wrapped (out, why->str, 0, 4);
      g_string_free (why, TRUE);
    }
  for (guint k = 0; k < rl_simulation_get_n_rounds (sim); k++)
    text_round (out, sc, rl_simulation_get_round (sim, k));
  if (mediator && o->started && !o->stopped && rl_simulation_get_n_rounds (sim) == 0)
    rl_text_append_wrapped (out, "The mediator finds no move that leaves every veto party at "
                            "least as well off and raises welfare: the text stays at the status quo.",
                            0, 4);

  g_string_append_c (out, '\n');
  const RlPackage *pkg = rl_simulation_get_package (sim);
  RlSimMissing missing = rl_simulation_get_missing (sim);
  if (o->agreed && pkg)
    {
      g_autofree char *ref = package_ref (sc, o->package);
      g_autofree char *line = NULL;
      const char *pareto = (missing & RL_SIM_MISSING_PARETO) ? "Pareto-optimality not known"
                           : pkg->pareto                     ? "Pareto-optimal"
                                                             : "not Pareto-optimal";
      if (mediator)
        line = g_strdup_printf ("Outcome: agreed on %s after %u %s of the text; %s.", ref, o->round,
                                o->round == 1 ? "move" : "moves", pareto);
      else
        line = g_strdup_printf ("Outcome: agreed at round %u on %s; %s.", o->round, ref, pareto);
      rl_text_append_wrapped (out, line, 0, 4);
      text_agreed_package (out, sim, pkg);
    }
  else if (o->stopped)
    rl_text_append_wrapped (out, "Outcome: the talks did not finish before --timeout; nothing "
                            "is agreed yet.", 0, 4);
  else
    {
      rl_text_append_wrapped (out, mediator && o->started
                                       ? "Outcome: no deal: the final text is not acceptable to every "
                                         "veto party; every party gets its BATNA."
                                       : "Outcome: no deal; every party gets its BATNA.", 0, 4);
    }
  const RlPackage *nash = rl_simulation_get_nash_package (sim);
  if (missing & RL_SIM_MISSING_NASH)
    rl_text_append_wrapped (out, "The Nash package was not found before --timeout.", 0, 4);
  else if (nash && o->stopped)
    {
      g_autofree char *ref = package_ref (sc, nash->options);
      g_autofree char *line = g_strdup_printf ("The Nash package is %s; the talks did not reach "
                                               "an outcome to compare with it.", ref);
      rl_text_append_wrapped (out, line, 0, 4);
    }
  else if (nash)
    {
      g_autofree char *ref = package_ref (sc, nash->options);
      g_autofree char *line = g_strdup_printf ("Distance to the Nash package (%s) in utility space: %s.",
                                               ref, rl_format_fixed (b1, rl_simulation_nash_distance (sim, 0),
                                                                     3, FALSE));
      rl_text_append_wrapped (out, line, 0, 4);
    }
  else
    rl_text_append_wrapped (out, "No package is acceptable, so there is no Nash package to compare "
                            "with.", 0, 4);
  text_life (out, sc, opts, o);
}

/* ---- CSV ---------------------------------------------------------------------- */

void
rl_csv_simulate_transcript (GString *out, const RlSimulation *sim)
{
  RlScenario *sc = rl_simulation_get_scenario (sim);
  gboolean first = TRUE;
  static const char *const head[] = { "round", "proposer", "offer", "fallback" };
  rl_csv_fields (out, &first, head, G_N_ELEMENTS (head));
  rl_csv_package_columns (out, &first, sc);
  for (guint p = 0; p < rl_scenario_get_n_parties (sc); p++)
    if (rl_scenario_party_is_veto (sc, p))
      {
        g_autofree char *name = g_strconcat ("a_", rl_scenario_get_party_id (sc, p), NULL);
        rl_csv_field (out, &first, name);
      }
  rl_csv_field (out, &first, "accepted_by");
  rl_csv_field (out, &first, "rejected_by");
  g_string_append_c (out, '\n');

  for (guint k = 0; k < rl_simulation_get_n_rounds (sim); k++)
    {
      const RlSimRound *r = rl_simulation_get_round (sim, k);
      first = TRUE;
      rl_csv_count (out, &first, r->round);
      rl_csv_field (out, &first, proposer_id (sc, r->proposer));
      rl_csv_field (out, &first, r->offer ? rl_write_index (sc, r->offer) : "");
      rl_csv_field (out, &first, r->proposer == RL_SIM_MEDIATOR ? "" : r->fallback ? "true" : "false");
      rl_csv_package_cells (out, &first, sc, r->offer, r->utilities);
      for (guint p = 0; p < rl_scenario_get_n_parties (sc); p++)
        if (rl_scenario_party_is_veto (sc, p))
          rl_csv_number (out, &first, r->aspirations ? r->aspirations[p] : NAN);
      for (guint pass = 0; pass < 2; pass++)
        {
          GString *ids = g_string_new (NULL);
          for (guint q = 0; r->offer && q < rl_scenario_get_n_parties (sc); q++)
            if (rl_scenario_party_is_veto (sc, q) && (int) q != r->proposer
            && r->accepts[q] == (pass == 0))
              g_string_append_printf (ids, "%s%s", ids->len ? " " : "", rl_scenario_get_party_id (sc, q));
          rl_csv_field (out, &first, ids->str);
          g_string_free (ids, TRUE);
        }
      g_string_append_c (out, '\n');
    }
}
