/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-load.c: valid scenarios load into what scenario.md (sections 2-6)
 * and simulate.md's "Scenario additions" say they mean.
 *
 * The files live under tests/data/valid/load/ and tests/data/valid/limits/;
 * every expected number below is computed by hand from the file, with the
 * working in a comment. The directory comes from $RL_TEST_DATA (set by
 * meson) or argv[1].
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include <redline/error.h>
#include <redline/scenario.h>

#include "model/yaml-tree.h"

/* ---- helpers ------------------------------------------------------------------ */

/* cmocka 1.1 has no double comparison with a tolerance. */
static void
assert_close_at (double got, double expected, const char *what, const char *file, int line)
{
  if (!(fabs (got - expected) <= 1e-12))
    {
      print_error ("%s: got %.17g, expected %.17g\n", what, got, expected);
      _fail (file, line);
    }
}

#define assert_close(got, expected) \
  assert_close_at ((got), (expected), #got, __FILE__, __LINE__)

static RlScenario *
load (const char *path)
{
  g_autoptr (GError) error = NULL;
  RlScenario *sc = rl_scenario_load (path, &error);

  if (sc == NULL)
    fail_msg ("%s did not load:\n%s", path, error->message);
  return sc;
}

static int
issue (const RlScenario *sc, const char *id)
{
  int i = rl_scenario_find_issue (sc, id);
  if (i < 0)
    fail_msg ("no issue '%s'", id);
  return i;
}

static int
party (const RlScenario *sc, const char *id)
{
  int p = rl_scenario_find_party (sc, id);
  if (p < 0)
    fail_msg ("no party '%s'", id);
  return p;
}

/* A package from option ids, one per issue in file order. */
static guint8 *
package (const RlScenario *sc, ...)
{
  va_list ap;
  guint n = rl_scenario_get_n_issues (sc);
  guint8 *x = g_new0 (guint8, n + 1);

  va_start (ap, sc);
  for (guint i = 0; i < n; i++)
    {
      const char *id = va_arg (ap, const char *);
      int k = rl_scenario_find_option (sc, i, id);
      if (k < 0)
        fail_msg ("issue %u has no option '%s'", i, id);
      x[i] = (guint8) k;
    }
  va_end (ap);
  return x;
}

/* ---- defaults -------------------------------------------------------------- */

static void
test_defaults (void **state)
{
  g_autoptr (RlScenario) sc = load ("load/defaults.yaml");
  guint n_order = 0;
  const guint *order;

  (void) state;
  assert_string_equal (rl_scenario_get_file (sc), "load/defaults.yaml");
  assert_string_equal (rl_scenario_get_title (sc), "Defaults");
  assert_null (rl_scenario_get_description (sc));
  assert_null (rl_scenario_get_date (sc));
  assert_int_equal (rl_scenario_get_n_sources (sc), 0);
  assert_null (rl_scenario_get_changes (sc)[0]);
  assert_null (rl_scenario_get_status_quo (sc));

  /* Issues: label = id, unordered, option labels = ids. */
  assert_int_equal (rl_scenario_get_n_issues (sc), 2);
  for (guint i = 0; i < 2; i++)
    {
      assert_string_equal (rl_scenario_get_issue_label (sc, i), rl_scenario_get_issue_id (sc, i));
      assert_null (rl_scenario_get_issue_description (sc, i));
      assert_false (rl_scenario_issue_is_ordered (sc, i));
      for (guint k = 0; k < rl_scenario_get_n_options (sc, i); k++)
        {
          assert_string_equal (rl_scenario_get_option_label (sc, i, k),
                               rl_scenario_get_option_id (sc, i, k));
          assert_null (rl_scenario_get_option_description (sc, i, k));
        }
    }
  assert_string_equal (rl_scenario_get_issue_id (sc, 0), "talks");
  assert_string_equal (rl_scenario_get_issue_id (sc, 1), "border");

  /* A constraint is public and has no note or source. */
  assert_int_equal (rl_scenario_get_n_constraints (sc), 1);
  const RlNamedRule *c = rl_scenario_get_constraint (sc, 0);
  assert_string_equal (rl_named_rule_get_id (c), "talk-first");
  assert_string_equal (rl_named_rule_get_text (c), "border == frozen -> talks");
  assert_null (rl_named_rule_get_note (c));
  assert_null (rl_named_rule_get_source (c));
  assert_true (rl_named_rule_is_public (c));

  /* Parties: label = id, veto true, power 1, batna 0, no weights, values,
   * bonuses or notes, strategy linear (e = 1), no drift. */
  assert_int_equal (rl_scenario_get_n_parties (sc), 3);
  assert_int_equal (rl_scenario_get_n_veto_parties (sc), 2);
  int east = party (sc, "east"), west = party (sc, "west"), north = party (sc, "north");
  assert_int_equal (east, 0);
  assert_int_equal (west, 1);
  assert_int_equal (north, 2);
  assert_string_equal (rl_scenario_get_party_label (sc, east), "east");
  assert_string_equal (rl_scenario_get_party_label (sc, north), "Northern state");
  assert_true (rl_scenario_party_is_veto (sc, east));
  assert_false (rl_scenario_party_is_veto (sc, west));
  assert_true (rl_scenario_party_is_veto (sc, north));
  for (guint p = 0; p < 3; p++)
    {
      assert_null (rl_scenario_get_party_description (sc, p));
      assert_close (rl_scenario_get_party_power (sc, p), 1);
      assert_close (rl_scenario_get_party_batna (sc, p), 0);
      for (guint i = 0; i < 2; i++)
        {
          assert_close (rl_scenario_get_party_weight (sc, p, i), 0);
          assert_close (rl_scenario_get_party_raw_weight (sc, p, i), 0);
          assert_false (rl_scenario_party_has_values (sc, p, i));
          assert_close (rl_scenario_get_party_value (sc, p, i, 0), 0);
        }
      assert_int_equal (rl_scenario_get_n_bonuses (sc, p), 0);
      assert_null (rl_scenario_get_party_note (sc, p, "batna"));
      assert_null (rl_scenario_get_party_note (sc, p, "power"));
      assert_null (rl_scenario_get_party_note (sc, p, "weights"));
      assert_null (rl_scenario_get_party_note (sc, p, "values"));
      assert_int_equal (rl_scenario_get_party_strategy (sc, p), RL_STRATEGY_LINEAR);
      assert_close (rl_scenario_get_party_exponent (sc, p), 1);
      assert_close (rl_scenario_get_party_drift_base (sc, p), 0);
      assert_int_equal (rl_scenario_get_party_n_drift_rules (sc, p), 0);
    }

  /* A red line is public by default. */
  assert_int_equal (rl_scenario_get_n_red_lines (sc, east), 1);
  const RlNamedRule *r = rl_scenario_get_red_line (sc, east, 0);
  assert_string_equal (rl_named_rule_get_id (r), "must-talk");
  assert_true (rl_named_rule_is_public (r));
  assert_null (rl_named_rule_get_note (r));

  /* Simulation: alternating, 60 rounds, horizon 40, noise 0, reach 1,
   * order = the veto parties in file order (east, north). */
  assert_false (rl_scenario_has_simulation (sc));
  assert_int_equal (rl_scenario_get_protocol (sc), RL_PROTOCOL_ALTERNATING);
  assert_int_equal (rl_scenario_get_rounds (sc), 60);
  assert_int_equal (rl_scenario_get_horizon (sc), 40);
  assert_close (rl_scenario_get_noise (sc), 0);
  assert_int_equal (rl_scenario_get_mediator_reach (sc), 1);
  order = rl_scenario_get_order (sc, &n_order);
  assert_int_equal (n_order, 2);
  assert_int_equal (order[0], east);
  assert_int_equal (order[1], north);

  /* No weights, no bonuses: utility 0 everywhere. Space 2 * 2. */
  guint64 space = 0;
  assert_true (rl_scenario_get_space (sc, &space));
  assert_int_equal (space, 4);
  for (guint64 x = 0; x < 4; x++)
    {
      guint8 pkg[2];
      rl_scenario_package_from_index (sc, x, pkg);
      for (guint p = 0; p < 3; p++)
        assert_close (rl_scenario_utility (sc, p, pkg), 0);
    }

  /* (yes, frozen) keeps the constraint and east's red line; (no, frozen)
   * breaks both; (no, prewar) keeps the constraint only. */
  g_autofree guint8 *yes_frozen = package (sc, "yes", "frozen");
  g_autofree guint8 *no_frozen = package (sc, "no", "frozen");
  g_autofree guint8 *no_prewar = package (sc, "no", "prewar");
  assert_true (rl_scenario_is_acceptable (sc, yes_frozen, FALSE));
  assert_false (rl_scenario_is_feasible (sc, no_frozen));
  assert_true (rl_scenario_is_feasible (sc, no_prewar));
  assert_false (rl_scenario_is_compatible (sc, no_prewar));
}

/* ---- option shorthands ---------------------------------------------------- */

static void
test_shorthands (void **state)
{
  g_autoptr (RlScenario) sc = load ("load/shorthands.yaml");

  (void) state;
  int mixed = issue (sc, "mixed");
  assert_int_equal (rl_scenario_get_n_options (sc, mixed), 3);
  assert_string_equal (rl_scenario_get_option_id (sc, mixed, 0), "bare");
  assert_string_equal (rl_scenario_get_option_label (sc, mixed, 0), "bare");
  assert_null (rl_scenario_get_option_description (sc, mixed, 0));
  assert_string_equal (rl_scenario_get_option_id (sc, mixed, 1), "mapped");
  assert_string_equal (rl_scenario_get_option_label (sc, mixed, 1), "A mapped option");
  assert_string_equal (rl_scenario_get_option_description (sc, mixed, 1), "with a description");
  assert_string_equal (rl_scenario_get_option_id (sc, mixed, 2), "flow");
  assert_string_equal (rl_scenario_get_option_label (sc, mixed, 2), "flow");

  /* Numbers as option ids are text, in file order. */
  int years = issue (sc, "years");
  assert_true (rl_scenario_issue_is_ordered (sc, years));
  assert_int_equal (rl_scenario_get_n_options (sc, years), 3);
  assert_string_equal (rl_scenario_get_option_id (sc, years, 0), "1");
  assert_string_equal (rl_scenario_get_option_id (sc, years, 1), "2");
  assert_string_equal (rl_scenario_get_option_id (sc, years, 2), "2025");
  assert_int_equal (rl_scenario_find_option (sc, years, "2025"), 2);
  assert_int_equal (rl_scenario_find_option (sc, years, "2024"), -1);
  assert_close (rl_scenario_get_party_value (sc, 0, years, 0), 0);
  assert_close (rl_scenario_get_party_value (sc, 0, years, 1), 0.5);
  assert_close (rl_scenario_get_party_value (sc, 0, years, 2), 1);

  /* yes/no, true/false/null stay the words written. */
  int answer = issue (sc, "answer"), reply = issue (sc, "reply"), flags = issue (sc, "flags");
  assert_string_equal (rl_scenario_get_option_id (sc, answer, 0), "no");
  assert_string_equal (rl_scenario_get_option_id (sc, answer, 1), "yes");
  assert_string_equal (rl_scenario_get_option_id (sc, reply, 0), "yes");
  assert_string_equal (rl_scenario_get_option_id (sc, reply, 1), "no");
  assert_string_equal (rl_scenario_get_option_id (sc, reply, 2), "maybe");
  const char *const flag_ids[] = { "true", "false", "null", "on", "0x10" };
  assert_int_equal (rl_scenario_get_n_options (sc, flags), 5);
  for (guint k = 0; k < 5; k++)
    assert_string_equal (rl_scenario_get_option_id (sc, flags, k), flag_ids[k]);

  /* "years >= 2 -> answer" (answer is [no, yes], so bare is "== yes"):
   * false only when years is 2 or 2025 and answer is no. */
  const RlRule *numeric = rl_named_rule_get_rule (rl_scenario_get_constraint (sc, 0));
  guint8 x[5] = { 0, 0, 0, 0, 0 };
  for (guint y = 0; y < 3; y++)
    for (guint a = 0; a < 2; a++)
      {
        x[years] = (guint8) y;
        x[answer] = (guint8) a;
        assert_int_equal (rl_rule_eval (numeric, x), !(y >= 1 && a == 0));
      }
  /* "reply in [yes, maybe] or flags == null or flags != true": false only
   * for reply no with flags true. */
  const RlRule *words = rl_named_rule_get_rule (rl_scenario_get_constraint (sc, 1));
  for (guint rp = 0; rp < 3; rp++)
    for (guint f = 0; f < 5; f++)
      {
        x[reply] = (guint8) rp;
        x[flags] = (guint8) f;
        assert_int_equal (rl_rule_eval (words, x), !(rp == 1 && f == 0));
      }
}

/* ---- value shorthands ------------------------------------------------------ */

static void
test_value_shorthands (void **state)
{
  g_autoptr (RlScenario) sc = load ("load/values.yaml");
  int p = party (sc, "p"), q = party (sc, "q");
  int level = issue (sc, "level"), single = issue (sc, "single"), pair = issue (sc, "pair");

  (void) state;
  /* level, n = 4: k / 3 and 1 - k / 3. */
  const double up[] = { 0, 1.0 / 3, 2.0 / 3, 1 };
  for (guint k = 0; k < 4; k++)
    {
      assert_close (rl_scenario_get_party_value (sc, p, level, k), up[k]);
      assert_close (rl_scenario_get_party_value (sc, q, level, k), 1 - up[k]);
    }
  /* single, n = 1: 1 both ways. */
  assert_close (rl_scenario_get_party_value (sc, p, single, 0), 1);
  assert_close (rl_scenario_get_party_value (sc, q, single, 0), 1);
  /* pair, n = 2, decreasing: 1, 0; q has no values for it. */
  assert_true (rl_scenario_issue_is_ordered (sc, pair));
  assert_close (rl_scenario_get_party_value (sc, p, pair, 0), 1);
  assert_close (rl_scenario_get_party_value (sc, p, pair, 1), 0);
  assert_true (rl_scenario_party_has_values (sc, p, pair));
  assert_false (rl_scenario_party_has_values (sc, q, pair));
  assert_true (rl_scenario_party_has_values (sc, q, single));

  /* Weights: p 1/3 each; q 2 / 2 on level, 0 elsewhere. */
  for (guint i = 0; i < 3; i++)
    assert_close (rl_scenario_get_party_weight (sc, p, i), 1.0 / 3);
  assert_close (rl_scenario_get_party_weight (sc, q, level), 1);
  assert_close (rl_scenario_get_party_raw_weight (sc, q, level), 2);
  assert_close (rl_scenario_get_party_weight (sc, q, single), 0);
  assert_close (rl_scenario_get_party_raw_weight (sc, q, single), 0);
  assert_close (rl_scenario_get_party_weight (sc, q, pair), 0);

  /* (high, only, a): p = 1/3 * 2/3 + 1/3 * 1 + 1/3 * 1 = 8/9; q = 1/3. */
  g_autofree guint8 *x = package (sc, "high", "only", "a");
  assert_close (rl_scenario_utility (sc, p, x), 8.0 / 9);
  assert_close (rl_scenario_utility (sc, q, x), 1.0 / 3);
}

/* ---- utilities ---------------------------------------------------------------- */

static void
test_utility (void **state)
{
  g_autoptr (RlScenario) sc = load ("load/utility.yaml");
  int east = party (sc, "east"), west = party (sc, "west"), judge = party (sc, "judge");
  int border = issue (sc, "border"), guarantee = issue (sc, "guarantee"), talks = issue (sc, "talks");

  (void) state;
  /* Normalised weights: east 3/4, 1/4, 0; west 2/5, 2/5, 1/5; judge none. */
  assert_close (rl_scenario_get_party_weight (sc, east, border), 0.75);
  assert_close (rl_scenario_get_party_weight (sc, east, guarantee), 0.25);
  assert_close (rl_scenario_get_party_weight (sc, east, talks), 0);
  assert_close (rl_scenario_get_party_raw_weight (sc, east, border), 3);
  assert_close (rl_scenario_get_party_weight (sc, west, border), 0.4);
  assert_close (rl_scenario_get_party_weight (sc, west, guarantee), 0.4);
  assert_close (rl_scenario_get_party_weight (sc, west, talks), 0.2);
  for (guint i = 0; i < 3; i++)
    assert_close (rl_scenario_get_party_weight (sc, judge, i), 0);

  /* Values for a weight-0 issue are kept (and ignored in u). */
  assert_true (rl_scenario_party_has_values (sc, east, talks));
  assert_close (rl_scenario_get_party_value (sc, east, talks, 1), 0.75);
  assert_close (rl_scenario_get_party_value (sc, east, guarantee, 1), 0.5);

  /* Bonuses as written. */
  assert_int_equal (rl_scenario_get_n_bonuses (sc, east), 1);
  assert_close (rl_scenario_get_bonus_value (sc, east, 0), -0.2);
  assert_string_equal (rl_scenario_get_bonus_text (sc, east, 0), "talks");
  assert_null (rl_scenario_get_bonus_note (sc, east, 0));
  assert_int_equal (rl_scenario_get_n_bonuses (sc, west), 2);
  assert_close (rl_scenario_get_bonus_value (sc, west, 0), 0.1);
  assert_string_equal (rl_scenario_get_bonus_text (sc, west, 0),
                       "border == frozen and guarantee >= assurances");
  assert_string_equal (rl_scenario_get_bonus_note (sc, west, 0),
                       "a frozen line is tolerable if it is protected");
  assert_close (rl_scenario_get_bonus_value (sc, west, 1), -0.05);

  /* The judge is an observer. */
  assert_false (rl_scenario_party_is_veto (sc, judge));
  assert_int_equal (rl_scenario_get_n_veto_parties (sc), 2);

  static const struct {
    const char *border, *guarantee, *talks;
    double east, west, judge;
  } rows[] = {
    /* east: .75 * .6 + .25 * .5 = .575, talks -.2 -> .375
     * west: .4 * .5 + .4 * .5 + .2 * 1 = .6, frozen & >= assurances +.1 -> .7
     * judge: talks +1 */
    { "frozen", "assurances", "yes", 0.375, 0.7, 1 },
    /* east: 0 + .25 * 1 = .25;  west: .4 * 1 = .4, not talks -.05 -> .35 */
    { "prewar", "none", "no", 0.25, 0.35, 0 },
    /* east: .75 * 1 + 0 = .75;  west: 0 + .4 * 1 + 0 = .4, -.05 -> .35;
     * judge: ceded +.5 */
    { "ceded", "article5_like", "no", 0.75, 0.35, 0.5 },
    /* east: .45;  west: .2 + .4 + 0 = .6, +.1, -.05 -> .65 */
    { "frozen", "article5_like", "no", 0.45, 0.65, 0 },
    /* east: .75 + .25 * .5 = .875, -.2 -> .675;  west: 0 + .2 + .2 = .4;
     * judge: 1 + .5 = 1.5 (u may leave [0, 1]) */
    { "ceded", "assurances", "yes", 0.675, 0.4, 1.5 },
  };
  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    {
      g_autofree guint8 *x = package (sc, rows[r].border, rows[r].guarantee, rows[r].talks);
      assert_close (rl_scenario_utility (sc, east, x), rows[r].east);
      assert_close (rl_scenario_utility (sc, west, x), rows[r].west);
      assert_close (rl_scenario_utility (sc, judge, x), rows[r].judge);
    }
}

/* ---- everything else a file can say ---------------------------------------- */

static void
test_full (void **state)
{
  g_autoptr (RlScenario) sc = load ("load/full.yaml");
  const char *title, *url, *note;
  guint n_order = 0;

  (void) state;
  assert_string_equal (rl_scenario_get_title (sc), "Two-party border talks");
  /* A folded scalar: lines joined by a space, one final newline. */
  assert_string_equal (rl_scenario_get_description (sc),
                       "A toy scenario that shows every part of the format.\n");
  assert_string_equal (rl_scenario_get_date (sc), "2025-08-18");

  /* Sources. */
  assert_int_equal (rl_scenario_get_n_sources (sc), 2);
  rl_scenario_get_source (sc, 0, &title, &url, &note);
  assert_string_equal (title, "Washington Dialogue (news analysis)");
  assert_string_equal (url, "https://example.org/article");
  assert_string_equal (note, "paragraphs 3-6");
  rl_scenario_get_source (sc, 1, &title, &url, &note);
  assert_string_equal (title, "Second source");
  assert_null (url);
  assert_null (note);

  /* Issues. */
  int at_table = issue (sc, "at_table"), border = issue (sc, "border");
  assert_string_equal (rl_scenario_get_issue_label (sc, at_table), "Both sides negotiate directly");
  assert_string_equal (rl_scenario_get_issue_description (sc, border), "the line of contact");
  assert_true (rl_scenario_issue_is_ordered (sc, border));
  assert_string_equal (rl_scenario_get_option_label (sc, border, 0), "Pre-war border restored");
  assert_string_equal (rl_scenario_get_option_label (sc, border, 1), "frozen");

  /* Constraint with note and source. */
  const RlNamedRule *c = rl_scenario_get_constraint (sc, 0);
  assert_string_equal (rl_named_rule_get_note (c), "nobody freezes a line they did not agree to");
  assert_string_equal (rl_named_rule_get_source (c), "article para 2");

  /* Status quo: (no, frozen). */
  const guint8 *sq = rl_scenario_get_status_quo (sc);
  assert_non_null (sq);
  assert_int_equal (sq[at_table], 0);
  assert_int_equal (sq[border], 1);

  /* Parties. */
  int east = party (sc, "east"), west = party (sc, "west"), press = party (sc, "press");
  assert_string_equal (rl_scenario_get_party_label (sc, east), "Eastern state");
  assert_string_equal (rl_scenario_get_party_description (sc, east), "the larger side");
  assert_close (rl_scenario_get_party_power (sc, east), 2);
  assert_close (rl_scenario_get_party_batna (sc, east), 0.2);
  assert_close (rl_scenario_get_party_batna (sc, west), 0.3);
  assert_false (rl_scenario_party_is_veto (sc, press));
  assert_int_equal (rl_scenario_get_n_veto_parties (sc), 2);

  /* Red lines: a private one with a note, a public one with a source. */
  const RlNamedRule *r = rl_scenario_get_red_line (sc, east, 0);
  assert_string_equal (rl_named_rule_get_id (r), "no-prewar");
  assert_false (rl_named_rule_is_public (r));
  assert_string_equal (rl_named_rule_get_note (r), "it will not give back what it holds");
  r = rl_scenario_get_red_line (sc, west, 0);
  assert_true (rl_named_rule_is_public (r));
  assert_string_equal (rl_named_rule_get_source (r), "statement of 2025-08-18");
  assert_null (rl_named_rule_get_note (r));

  /* Notes. */
  assert_string_equal (rl_scenario_get_party_note (sc, east, "batna"), "it can keep fighting");
  assert_string_equal (rl_scenario_get_party_note (sc, east, "weights"), "land first");
  assert_null (rl_scenario_get_party_note (sc, east, "power"));
  assert_null (rl_scenario_get_party_note (sc, east, "values"));
  assert_null (rl_scenario_get_party_note (sc, west, "batna"));

  /* Strategies: boulware (e = 0.2), {e: 2.5}, hardliner (+inf) on an
   * observer (allowed, ignored). */
  assert_int_equal (rl_scenario_get_party_strategy (sc, east), RL_STRATEGY_BOULWARE);
  assert_close (rl_scenario_get_party_exponent (sc, east), 0.2);
  assert_int_equal (rl_scenario_get_party_strategy (sc, west), RL_STRATEGY_EXPONENT);
  assert_close (rl_scenario_get_party_exponent (sc, west), 2.5);
  assert_int_equal (rl_scenario_get_party_strategy (sc, press), RL_STRATEGY_HARDLINER);
  assert_true (isinf (rl_scenario_get_party_exponent (sc, press)));

  /* Drift: base 0.03, and -0.025 when the border is ceded. */
  assert_close (rl_scenario_get_party_drift_base (sc, east), 0.03);
  assert_int_equal (rl_scenario_get_party_n_drift_rules (sc, east), 1);
  assert_close (rl_scenario_get_party_drift_value (sc, east, 0), -0.025);
  assert_string_equal (rl_scenario_get_party_drift_text (sc, east, 0), "border == ceded");
  assert_string_equal (rl_scenario_get_party_drift_note (sc, east, 0), "deterrence");
  g_autofree guint8 *yes_ceded = package (sc, "yes", "ceded");
  g_autofree guint8 *yes_frozen = package (sc, "yes", "frozen");
  assert_close (rl_scenario_get_party_drift (sc, east, yes_ceded), 0.005);
  assert_close (rl_scenario_get_party_drift (sc, east, yes_frozen), 0.03);
  assert_close (rl_scenario_get_party_drift (sc, west, yes_ceded), 0);

  /* Simulation as written. */
  assert_true (rl_scenario_has_simulation (sc));
  assert_int_equal (rl_scenario_get_protocol (sc), RL_PROTOCOL_MEDIATOR);
  assert_int_equal (rl_scenario_get_rounds (sc), 12);
  assert_int_equal (rl_scenario_get_horizon (sc), 0);
  assert_close (rl_scenario_get_noise (sc), 0.05);
  assert_int_equal (rl_scenario_get_mediator_reach (sc), 2);
  const guint *order = rl_scenario_get_order (sc, &n_order);
  assert_int_equal (n_order, 2);
  assert_int_equal (order[0], west);
  assert_int_equal (order[1], east);

  /* Meaning. Status quo (no, frozen): "border >= frozen -> at_table"
   * fails. east: 3/4 * .6 + 1/4 * 0 = .45; west: 2/3 * .5 + 0 = 1/3. */
  assert_false (rl_scenario_is_feasible (sc, sq));
  assert_close (rl_scenario_utility (sc, east, sq), 0.45);
  assert_close (rl_scenario_utility (sc, west, sq), 1.0 / 3);
  /* (yes, frozen): east .45 + .25 = .7 >= .2, west 1/3 + 1/3 = 2/3 >= .3. */
  assert_close (rl_scenario_utility (sc, east, yes_frozen), 0.7);
  assert_close (rl_scenario_utility (sc, west, yes_frozen), 2.0 / 3);
  assert_close (rl_scenario_utility (sc, press, yes_frozen), 1);
  assert_true (rl_scenario_is_acceptable (sc, yes_frozen, FALSE));
  /* (yes, ceded) breaks west's red line; (no, prewar) east's, which is
   * private but still binds. */
  assert_true (rl_scenario_is_feasible (sc, yes_ceded));
  assert_false (rl_scenario_is_compatible (sc, yes_ceded));
  g_autofree guint8 *no_prewar = package (sc, "no", "prewar");
  assert_true (rl_scenario_is_feasible (sc, no_prewar));
  assert_false (rl_scenario_is_compatible (sc, no_prewar));
}

/* ---- numbers ------------------------------------------------------------------- */

static void
test_numbers (void **state)
{
  g_autoptr (RlScenario) sc = load ("load/numbers.yaml");
  int p = party (sc, "p"), q = party (sc, "q");

  (void) state;
  assert_close (rl_scenario_get_party_batna (sc, p), 0.25);     /* "0.25" */
  assert_close (rl_scenario_get_party_power (sc, p), 0.001);    /* 1e-3 */
  assert_close (rl_scenario_get_party_raw_weight (sc, p, 0), 3);
  assert_close (rl_scenario_get_party_raw_weight (sc, p, 1), 0.001);   /* "1e-3" */
  assert_close (rl_scenario_get_party_weight (sc, p, 0), 3 / 3.001);
  assert_close (rl_scenario_get_party_weight (sc, p, 1), 0.001 / 3.001);
  assert_close (rl_scenario_get_party_value (sc, p, 0, 1), 1);   /* '1' */
  assert_close (rl_scenario_get_party_value (sc, p, 1, 1), 0.1); /* 1E-1 */
  assert_close (rl_scenario_get_party_batna (sc, q), -1);
  assert_close (rl_scenario_get_party_power (sc, q), 25);        /* 2.5e+1 */
  assert_close (rl_scenario_get_party_value (sc, q, 0, 0), 0);   /* -0 */
  assert_close (rl_scenario_get_party_weight (sc, q, 0), 1);     /* 0.5 of 0.5 */
  /* JSON's grammar has no length limit: 72 characters are one number. */
  assert_close (rl_scenario_get_party_batna (sc, party (sc, "r")), 1.0 / 3);
}

/* ---- anchors and aliases --------------------------------------------------------- */

static void
test_anchors (void **state)
{
  g_autoptr (RlScenario) sc = load ("load/anchors.yaml");
  int east = party (sc, "east"), west = party (sc, "west");
  int vote = issue (sc, "vote");

  (void) state;
  /* The aliased option list. */
  assert_int_equal (rl_scenario_get_n_options (sc, vote), 2);
  assert_string_equal (rl_scenario_get_option_id (sc, vote, 0), "no");
  assert_string_equal (rl_scenario_get_option_id (sc, vote, 1), "yes");
  /* One weights and one values mapping for two parties: 1/2 each;
   * level 0, .5, 1; talks 0, 1. */
  for (guint p = 0; p < 2; p++)
    {
      assert_close (rl_scenario_get_party_weight (sc, p, 0), 0.5);
      assert_close (rl_scenario_get_party_weight (sc, p, 1), 0.5);
      assert_close (rl_scenario_get_party_weight (sc, p, 2), 0);
      assert_close (rl_scenario_get_party_value (sc, p, 0, 1), 0.5);
      assert_close (rl_scenario_get_party_value (sc, p, 1, 1), 1);
    }
  assert_close (rl_scenario_get_party_batna (sc, west), 0.1);
  assert_close (rl_scenario_get_party_batna (sc, east), 0);
  /* The aliased rule. */
  assert_string_equal (rl_named_rule_get_text (rl_scenario_get_red_line (sc, west, 0)), "talks");
  /* (high, yes, no): .5 * 1 + .5 * 1 = 1 for both. */
  g_autofree guint8 *x = package (sc, "high", "yes", "no");
  assert_close (rl_scenario_utility (sc, east, x), 1);
  assert_close (rl_scenario_utility (sc, west, x), 1);
}

/* ---- the package index ----------------------------------------------------------- */

static void
test_package_index (void **state)
{
  g_autoptr (RlScenario) sc = load ("load/index.yaml");
  guint64 space = 0;
  guint8 x[3], y[3];

  (void) state;
  assert_true (rl_scenario_get_space (sc, &space));
  assert_int_equal (space, 60);                          /* 3 * 4 * 5 */
  assert_close (rl_scenario_get_space_approx (sc), 60);

  /* index = (k1 * 4 + k2) * 5 + k3, by hand: */
  static const struct { guint8 k[3]; guint64 index; } rows[] = {
    { { 0, 0, 0 }, 0 },
    { { 0, 0, 1 }, 1 },
    { { 0, 1, 0 }, 5 },                 /* (0 * 4 + 1) * 5 + 0 */
    { { 1, 0, 0 }, 20 },                /* (1 * 4 + 0) * 5 + 0 */
    { { 1, 2, 3 }, 33 },                /* (4 + 2) * 5 + 3 */
    { { 1, 3, 4 }, 39 },                /* (4 + 3) * 5 + 4 */
    { { 2, 0, 0 }, 40 },                /* (8 + 0) * 5 + 0 */
    { { 2, 1, 2 }, 47 },                /* (8 + 1) * 5 + 2 */
    { { 2, 3, 4 }, 59 },                /* (8 + 3) * 5 + 4, the last */
  };
  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    {
      assert_int_equal (rl_scenario_package_index (sc, rows[r].k), rows[r].index);
      rl_scenario_package_from_index (sc, rows[r].index, x);
      assert_memory_equal (x, rows[r].k, 3);
    }

  /* The formula over the whole space, and compare_packages agreeing with
   * the index order. */
  for (guint64 i = 0; i < 60; i++)
    {
      rl_scenario_package_from_index (sc, i, x);
      assert_int_equal ((x[0] * 4 + x[1]) * 5 + x[2], i);
      assert_int_equal (rl_scenario_package_index (sc, x), i);
      for (guint64 j = 0; j < 60; j++)
        {
          rl_scenario_package_from_index (sc, j, y);
          int cmp = rl_scenario_compare_packages (sc, x, y);
          assert_int_equal (cmp < 0 ? -1 : cmp > 0, i < j ? -1 : i > j);
        }
    }
}

/* 11 issues of 64 options: 64^11 = 2^66 > 2^63 - 1, so no exact count;
 * with 10 (2^60) it would fit. Comparison still works. */
static void
test_big_space (void **state)
{
  g_autoptr (RlScenario) sc = load ("load/big-space.yaml");
  guint64 space = 12345;
  guint8 a[11], b[11];

  (void) state;
  assert_int_equal (rl_scenario_get_n_issues (sc), 11);
  assert_false (rl_scenario_get_space (sc, &space));
  assert_close (rl_scenario_get_space_approx (sc) / ldexp (1, 66), 1);
  assert_true (rl_scenario_get_space_approx (sc) == 73786976294838206464.0);   /* 64^11 */

  memset (a, 63, sizeof a);
  memset (b, 63, sizeof b);
  b[0] = 62;                 /* the most significant digit decides */
  assert_true (rl_scenario_compare_packages (sc, a, b) > 0);
  assert_true (rl_scenario_compare_packages (sc, b, a) < 0);
  b[0] = 63;
  assert_int_equal (rl_scenario_compare_packages (sc, a, b), 0);
  b[10] = 0;
  assert_true (rl_scenario_compare_packages (sc, a, b) > 0);
}

/* ---- limits, at their edge ---------------------------------------------------- */

static void
test_limits (void **state)
{
  (void) state;
  {
    g_autoptr (RlScenario) sc = load ("limits/64-options.yaml");
    assert_int_equal (rl_scenario_get_n_options (sc, 0), 64);
    assert_string_equal (rl_scenario_get_option_id (sc, 0, 63), "o64");
    /* increasing over 64 options: k / 63 */
    assert_close (rl_scenario_get_party_value (sc, 0, 0, 21), 21.0 / 63);
    guint8 x = 63;
    assert_close (rl_scenario_utility (sc, 0, &x), 1);
  }
  {
    g_autoptr (RlScenario) sc = load ("limits/256-issues.yaml");
    guint64 space = 0;
    assert_int_equal (rl_scenario_get_n_issues (sc), 256);
    assert_string_equal (rl_scenario_get_issue_id (sc, 255), "i256");
    assert_true (rl_scenario_get_space (sc, &space));
    assert_int_equal (space, 1);
  }
  {
    g_autoptr (RlScenario) sc = load ("limits/64-parties.yaml");
    guint n_order = 0;
    assert_int_equal (rl_scenario_get_n_parties (sc), 64);
    assert_int_equal (rl_scenario_get_n_veto_parties (sc), 64);
    const guint *order = rl_scenario_get_order (sc, &n_order);
    assert_int_equal (n_order, 64);
    assert_int_equal (order[63], 63);
  }
  {
    g_autoptr (RlScenario) sc = load ("limits/256-rules.yaml");
    guint8 yes = 1;
    assert_int_equal (rl_scenario_get_n_constraints (sc), 256);
    assert_int_equal (rl_scenario_get_n_red_lines (sc, 0), 256);
    assert_int_equal (rl_scenario_get_n_bonuses (sc, 0), 256);
    assert_int_equal (rl_scenario_get_party_n_drift_rules (sc, 0), 256);
    assert_string_equal (rl_named_rule_get_id (rl_scenario_get_constraint (sc, 255)), "c256");
    /* 256 bonuses of 0.001 */
    assert_true (fabs (rl_scenario_utility (sc, 0, &yes) - 0.256) < 1e-12);
  }
  {
    g_autoptr (RlScenario) sc = load ("limits/rule-4096-bytes.yaml");
    const RlNamedRule *r = rl_scenario_get_constraint (sc, 0);
    guint8 x = 1;
    assert_int_equal (strlen (rl_named_rule_get_text (r)), 4096);
    assert_true (rl_rule_eval (rl_named_rule_get_rule (r), &x));
    x = 0;
    assert_false (rl_rule_eval (rl_named_rule_get_rule (r), &x));
  }
  {
    g_autoptr (RlScenario) sc = load ("limits/rule-depth-64.yaml");
    guint8 x = 1;
    /* 63 parentheses: talks; 63 nots: not talks. */
    assert_true (rl_rule_eval (rl_named_rule_get_rule (rl_scenario_get_constraint (sc, 0)), &x));
    assert_false (rl_rule_eval (rl_named_rule_get_rule (rl_scenario_get_constraint (sc, 1)), &x));
  }
}

/* Nesting depth 64 and 100,000 nodes are allowed; one more is refused. No
 * valid scenario nests 64 deep (its schema stops at 6), so the tree is
 * tested directly; invalid/yaml-depth-64.yaml shows the loader passes such
 * a file on to the schema checks, and invalid/yaml-too-deep.yaml refuses
 * 65. */
static void
test_tree_limits (void **state)
{
  guint line = 0, col = 0;
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) text = g_string_new (NULL);
  RlYamlDoc *doc;

  (void) state;
  /* 64 nested flow sequences: depth 64. */
  for (guint d = 0; d < 64; d++)
    g_string_append_c (text, '[');
  for (guint d = 0; d < 64; d++)
    g_string_append_c (text, ']');
  doc = rl_yaml_doc_parse (text->str, text->len, RL_MAX_DEPTH, RL_MAX_NODES, &line, &col, &error);
  assert_non_null (doc);
  rl_yaml_doc_free (doc);
  /* 65: refused at the 65th '[' */
  g_string_prepend_c (text, '[');
  g_string_append_c (text, ']');
  doc = rl_yaml_doc_parse (text->str, text->len, RL_MAX_DEPTH, RL_MAX_NODES, &line, &col, &error);
  assert_null (doc);
  assert_int_equal (error->code, RL_ERROR_LIMIT);
  assert_int_equal (line, 1);
  assert_int_equal (col, 65);
  g_clear_error (&error);

  /* A sequence of 99,999 scalars is 100,000 nodes; one more is too many. */
  g_string_truncate (text, 0);
  for (guint n = 0; n < 99999; n++)
    g_string_append (text, "- a\n");
  doc = rl_yaml_doc_parse (text->str, text->len, RL_MAX_DEPTH, RL_MAX_NODES, &line, &col, &error);
  assert_non_null (doc);
  rl_yaml_doc_free (doc);
  g_string_append (text, "- a\n");
  doc = rl_yaml_doc_parse (text->str, text->len, RL_MAX_DEPTH, RL_MAX_NODES, &line, &col, &error);
  assert_null (doc);
  assert_int_equal (error->code, RL_ERROR_LIMIT);
  assert_int_equal (line, 100000);
  assert_int_equal (col, 3);
  g_clear_error (&error);

  /* The same edge reached through aliases: a sequence (1) holding an
   * anchored list of 9 scalars (10), 9 scalars, and 9,998 aliases of the
   * list (10 each) is 100,000 nodes; one scalar more and the last alias
   * crosses the limit. */
  for (guint extra = 9; extra <= 10; extra++)
    {
      g_string_assign (text, "- &a [x, x, x, x, x, x, x, x, x]\n");
      for (guint n = 0; n < extra; n++)
        g_string_append (text, "- x\n");
      for (guint n = 0; n < 9998; n++)
        g_string_append (text, "- *a\n");
      doc = rl_yaml_doc_parse (text->str, text->len, RL_MAX_DEPTH, RL_MAX_NODES, &line, &col, &error);
      if (extra == 9)
        {
          assert_non_null (doc);
          assert_int_equal (rl_yaml_doc_get_root (doc)->n_children, 1 + 9 + 9998);
          rl_yaml_doc_free (doc);
          continue;
        }
      assert_null (doc);
      assert_int_equal (error->code, RL_ERROR_LIMIT);
      assert_int_equal (line, 1 + 10 + 9998);
      assert_int_equal (col, 3);
      g_clear_error (&error);
    }
}

/* Where a character of a scalar sits: rl_yaml_scalar_position(), which rule
 * errors use (scenario.md section 3: exact for one-line plain and quoted
 * scalars, the start for block scalars). Columns count characters. */
static void
test_scalar_positions (void **state)
{
  static const char text[] =
    "a: plain text\n"                    /* 1: value at 4 */
    "b: 'it''s here'\n"                  /* 2: ' at 4; "it's here": s at 9 */
    "c: \"\\tx\\u00e9y z\"\n"            /* 3: " at 4; \t 5-6, x 7, \u00e9 8-13, y 14, ' ' 15, z 16 */
    "d: !!str &anchor tagged\n"          /* 4: value at 18 */
    "é: \"Zürich\"\n"                    /* 5: " at 4, Z 5, ü 6 */
    "f: |\n  block\n";                   /* 6: the '|' at 4 */
  guint line = 0, col = 0;
  g_autoptr (GError) error = NULL;
  g_autoptr (RlYamlDoc) doc = rl_yaml_doc_parse (text, strlen (text), RL_MAX_DEPTH, RL_MAX_NODES,
                                                 &line, &col, &error);
  const RlYamlNode *root, *v;

  (void) state;
  assert_non_null (doc);
  root = rl_yaml_doc_get_root (doc);
  assert_int_equal (root->n_children, 12);

  v = root->children[1];                  /* plain */
  rl_yaml_scalar_position (v, 6, &line, &col);
  assert_int_equal (line, 1);
  assert_int_equal (col, 10);             /* 't' of "text" */

  v = root->children[3];                  /* single-quoted, with '' */
  assert_string_equal (v->value, "it's here");
  rl_yaml_scalar_position (v, 3, &line, &col);   /* s */
  assert_int_equal (col, 9);
  rl_yaml_scalar_position (v, 5, &line, &col);   /* h */
  assert_int_equal (col, 11);
  rl_yaml_scalar_position (v, 9, &line, &col);   /* the end: the closing quote */
  assert_int_equal (col, 15);

  v = root->children[5];                  /* double-quoted, with escapes */
  assert_string_equal (v->value, "\txéy z");
  rl_yaml_scalar_position (v, 0, &line, &col);   /* \t */
  assert_int_equal (col, 5);
  rl_yaml_scalar_position (v, 2, &line, &col);   /* \u00e9 */
  assert_int_equal (col, 8);
  rl_yaml_scalar_position (v, 3, &line, &col);   /* y */
  assert_int_equal (col, 14);
  rl_yaml_scalar_position (v, 5, &line, &col);   /* z */
  assert_int_equal (col, 16);

  v = root->children[7];                  /* tag and anchor before the value */
  assert_int_equal (v->col, 4);
  rl_yaml_scalar_position (v, 0, &line, &col);
  assert_int_equal (line, 4);
  assert_int_equal (col, 18);

  v = root->children[9];                  /* after a non-ASCII key */
  assert_int_equal (v->col, 4);
  rl_yaml_scalar_position (v, 2, &line, &col);   /* r, after ü */
  assert_int_equal (line, 5);
  assert_int_equal (col, 7);

  v = root->children[11];                 /* a block scalar: its start */
  rl_yaml_scalar_position (v, 3, &line, &col);
  assert_int_equal (line, 6);
  assert_int_equal (col, 4);
}

/* ---- loading from memory, references ------------------------------------------------ */

static void
test_from_data (void **state)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  g_autoptr (GError) error = NULL;

  (void) state;
  assert_true (g_file_get_contents ("load/utility.yaml", &data, &len, NULL));
  RlScenario *sc = rl_scenario_load_from_data (data, len, "in memory", &error);
  assert_non_null (sc);
  assert_string_equal (rl_scenario_get_file (sc), "in memory");
  assert_int_equal (rl_scenario_get_n_parties (sc), 3);
  assert_ptr_equal (rl_scenario_ref (sc), sc);
  rl_scenario_unref (sc);
  assert_string_equal (rl_scenario_get_title (sc), "Utilities by hand");
  rl_scenario_unref (sc);

  /* The data need not be NUL-terminated: the length decides, and the
   * display name is what messages carry. */
  static const char cut[] = "redline: 1\ntitle: T\nissues: {a: {options: [x]}}\n"
                            "parties: {p: {}}\n@@@@";
  sc = rl_scenario_load_from_data (cut, strlen (cut) - 4, "cut", &error);
  assert_non_null (sc);
  rl_scenario_unref (sc);
  sc = rl_scenario_load_from_data ("redline: 1\ntitle: T\n", 20, "short", &error);
  assert_null (sc);
  assert_int_equal (error->code, RL_ERROR_SCHEMA);
  assert_string_equal (error->message,
                       "short:1:1: error: missing required key 'issues' in the scenario\n"
                       "short:1:1: error: missing required key 'parties' in the scenario");
}

int
main (int argc, char **argv)
{
  const char *data_dir = argc > 1 ? argv[1] : g_getenv ("RL_TEST_DATA");
  g_autofree char *valid_dir = NULL;
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_defaults),
    cmocka_unit_test (test_shorthands),
    cmocka_unit_test (test_value_shorthands),
    cmocka_unit_test (test_utility),
    cmocka_unit_test (test_full),
    cmocka_unit_test (test_numbers),
    cmocka_unit_test (test_anchors),
    cmocka_unit_test (test_package_index),
    cmocka_unit_test (test_big_space),
    cmocka_unit_test (test_limits),
    cmocka_unit_test (test_tree_limits),
    cmocka_unit_test (test_scalar_positions),
    cmocka_unit_test (test_from_data),
  };

  if (data_dir == NULL)
    {
      g_printerr ("usage: RL_TEST_DATA=tests/data %s (or: %s tests/data)\n", argv[0], argv[0]);
      return 1;
    }
  valid_dir = g_build_filename (data_dir, "valid", NULL);
  if (g_chdir (valid_dir) != 0)
    {
      g_printerr ("%s: %s\n", valid_dir, g_strerror (errno));
      return 1;
    }
  return cmocka_run_group_tests (tests, NULL, NULL);
}
