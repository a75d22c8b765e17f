/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-simulate.c: simulate.md, by hand and against a naive simulator.
 *
 * 1. Hand-computed transcripts (the arithmetic is in the comments): two
 *    and three parties, every strategy, fallbacks and passes, both
 *    protocols, durability, `solve --rank durability`.
 * 2. A naive simulator that shares nothing with the library's protocols
 *    but the scenario's own definitions (rl_scenario_utility,
 *    rl_rule_eval): it enumerates the whole space every round and applies
 *    simulate.md word for word. On 200 random small scenarios (random
 *    strategies, orders, deadlines, private red lines, status quo, noise)
 *    both must give the same transcript, outcome and durability; so the
 *    proposer's branch-and-bound choice equals a brute-force argmax with
 *    the same objective and tie rules, round after round.
 * 3. Properties on the same scenarios: an agreed package keeps every veto
 *    party's red lines and meets every aspiration at its round; all
 *    hardliners with an empty zone fail; the mediator's text never makes a
 *    veto party worse off; durability equals the closed form for noise 0;
 *    the same seed gives the same JSON; thread counts do not matter.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <gsl/gsl_rng.h>
#include <redline/redline.h>

#include "random-scenario.h"
#include "model/scenario-internals.h"
#include "analysis/simulate-private.h"
#include "write/write-json.h"
#include "write/write-simulate.h"

#define EPS 1e-9

static RlScenario *
load (const char *text)
{
  g_autoptr (GError) error = NULL;
  RlScenario *sc = rl_scenario_load_from_data (text, strlen (text), "test.yaml", &error);
  if (!sc)
    fail_msg ("%s", error->message);
  return sc;
}

static RlSimulation *
simulate (RlScenario *sc, const RlSimulateOptions *opts)
{
  g_autoptr (GError) error = NULL;
  RlSimulation *sim = rl_simulate (sc, opts, &error);
  if (!sim)
    fail_msg ("%s", error->message);
  return sim;
}

static void
set_strategy (RlSimulateOptions *opts, RlScenario *sc, const char *text)
{
  g_autoptr (GError) error = NULL;
  if (!rl_simulate_options_set_strategy (opts, sc, text, &error))
    fail_msg ("%s", error->message);
}

static gboolean
close_to (double a, double b)
{
  return fabs (a - b) < 1e-6;
}

/* One transcript entry: proposer, offer (-1: pass), fallback, and the
 * accept (1) / reject (0) of each party (-1: not asked). */
static void
assert_round (const RlSimulation *sim, guint k, int proposer, int offer, gboolean fallback,
              const int *accepts)
{
  const RlSimRound *r = rl_simulation_get_round (sim, k);
  RlScenario *sc = rl_simulation_get_scenario (sim);
  assert_int_equal (r->round, k);
  assert_int_equal (r->proposer, proposer);
  if (offer < 0)
    assert_null (r->offer);
  else
    {
      assert_non_null (r->offer);
      assert_int_equal (r->index, offer);
    }
  assert_int_equal (r->fallback, fallback);
  for (guint q = 0; r->offer && q < rl_scenario_get_n_parties (sc); q++)
    if (accepts[q] >= 0)
      assert_int_equal (r->accepts[q], accepts[q]);
}

/* ---- 1. by hand: two parties --------------------------------------------------- */

/* A buyer and a seller. Packages, index = 2·money + time:
 *
 *   idx  money time   buyer = (3·v_m + v_t)/4       seller = (v_m' + v_t')/2
 *    0   low   short  (3·1 + 0)/4   = 0.75          (0 + 1)/2 = 0.5
 *    1   low   long   (3·1 + 1)/4   = 1.0           (0 + 0)/2 = 0
 *    2   mid   short  (3·.5 + 0)/4  = 0.375         (.5 + 1)/2 = 0.75
 *    3   mid   long   (3·.5 + 1)/4  = 0.625         (.5 + 0)/2 = 0.25
 *    4   high  short  0                             1.0
 *    5   high  long   0.25                          0.5
 *
 * Ideals 1.0 and 1.0; BATNAs 0.2; no red lines, so what each believes of
 * the other (noise 0) is the truth. Acceptable: 0, 2, 3, 5; Nash products
 * 0.55·0.3 = 0.165 (0), 0.175·0.55 = 0.09625 (2), 0.425·0.05 (3),
 * 0.05·0.3 (5): the Nash package is 0. */
static const char two_parties[] =
  "redline: 1\n"
  "title: buyer and seller\n"
  "issues:\n"
  "  money: {ordered: true, options: [low, mid, high]}\n"
  "  time: {ordered: true, options: [short, long]}\n"
  "status_quo: {money: mid, time: long}\n"
  "parties:\n"
  "  buyer:\n"
  "    batna: 0.2\n"
  "    weights: {money: 3, time: 1}\n"
  "    values: {money: decreasing, time: increasing}\n"
  "    drift:\n"
  "      base: 0.1\n"
  "  seller:\n"
  "    batna: 0.2\n"
  "    weights: {money: 1, time: 1}\n"
  "    values: {money: increasing, time: decreasing}\n"
  "    drift:\n"
  "      base: -0.05\n"
  "      when:\n"
  "        - rule: money == low\n"
  "          value: 0.2\n"
  "simulation:\n"
  "  rounds: 4\n";

static void
test_two_linear (void **state)
{
  (void) state;
  g_autoptr (RlScenario) sc = load (two_parties);
  RlSimulateOptions opts;
  rl_simulate_options_init (&opts, sc);
  g_autoptr (RlSimulation) sim = simulate (sc, &opts);
  /* Linear, T = 4: a(t) = 0.2 + 0.8·(1 - t/3) = 1.0, 0.7333, 0.4667, 0.2.
   * t0 buyer: u_b >= 1.0 leaves {1}; seller has 0 < 1.0: rejects.
   * t1 seller: u_s >= 0.7333 leaves {2 (0.75), 4 (1.0)}; objective
   *    (u_b - 0.7333)/0.8: 2 → -0.448, 4 → -0.917; offers 2; buyer has
   *    0.375 < 0.7333: rejects.
   * t2 buyer: u_b >= 0.4667 leaves {0, 1, 3}; (u_s - 0.4667)/0.8:
   *    0 → +0.042, 1 → -0.583, 3 → -0.271; offers 0; seller has
   *    0.5 >= 0.4667: accepts. Agreed at round 2 on package 0. */
  assert_int_equal (rl_simulation_get_n_rounds (sim), 3);
  assert_round (sim, 0, 0, 1, FALSE, (int[]){ -1, 0 });
  assert_round (sim, 1, 1, 2, FALSE, (int[]){ 0, -1 });
  assert_round (sim, 2, 0, 0, FALSE, (int[]){ -1, 1 });
  const RlSimRound *r1 = rl_simulation_get_round (sim, 1);
  assert_true (close_to (r1->aspirations[0], 0.2 + 0.8 * 2.0 / 3.0));
  assert_true (close_to (r1->aspirations[1], 0.2 + 0.8 * 2.0 / 3.0));
  const RlSimOutcome *o = rl_simulation_get_outcome (sim);
  assert_true (o->agreed);
  assert_int_equal (o->round, 2);
  assert_true (close_to (o->utilities[0], 0.75) && close_to (o->utilities[1], 0.5));
  assert_true (close_to (rl_simulation_nash_distance (sim, 0), 0.0));
  assert_true (rl_simulation_get_package (sim)->pareto);
  /* Durability: buyer drifts 0.1, seller -0.05 + 0.2 (money low) = 0.15.
   * Buyer: 0.75 < 0.2 + 0.1·h - 1e-9 from h = 6 (h > 5.5).
   * Seller: 0.5 < 0.2 + 0.15·h - 1e-9 from h = 3 (at h = 2 it is equal).
   * The seller walks away at period 3. */
  assert_true (o->broken);
  assert_int_equal (o->broken_at, 3);
  assert_int_equal (o->broken_by, 1);
}

static void
test_two_boulware (void **state)
{
  (void) state;
  g_autoptr (RlScenario) sc = load (two_parties);
  RlSimulateOptions opts;
  rl_simulate_options_init (&opts, sc);
  set_strategy (&opts, sc, "seller=boulware");
  opts.horizon = 2;
  g_autoptr (RlSimulation) sim = simulate (sc, &opts);
  /* Seller boulware (e = 0.2): a_s(t) = 0.2 + 0.8·(1 - (t/3)^5):
   * t1 0.99671, t2 0.89465, t3 0.2. Buyer linear as before.
   * t0 buyer offers 1; seller rejects.
   * t1 seller: u_s >= 0.99671 leaves {4}; buyer has 0: rejects.
   * t2 buyer: {0, 1, 3}; (u_s - 0.89465)/0.8: 0 → -0.493 is the largest;
   *    seller has 0.5 < 0.89465: rejects.
   * t3 seller: u_s >= 0.2 leaves {0, 2, 3, 4, 5}; (u_b - 0.2)/0.8:
   *    0 → 0.6875 is the largest; buyer has 0.75 >= 0.2: accepts. */
  assert_int_equal (rl_simulation_get_n_rounds (sim), 4);
  assert_round (sim, 0, 0, 1, FALSE, (int[]){ -1, 0 });
  assert_round (sim, 1, 1, 4, FALSE, (int[]){ 0, -1 });
  assert_round (sim, 2, 0, 0, FALSE, (int[]){ -1, 0 });
  assert_round (sim, 3, 1, 0, FALSE, (int[]){ 1, -1 });
  assert_true (close_to (rl_simulation_get_round (sim, 1)->aspirations[1],
                         0.2 + 0.8 * (1 - pow (1.0 / 3, 5))));
  const RlSimOutcome *o = rl_simulation_get_outcome (sim);
  assert_true (o->agreed);
  assert_int_equal (o->round, 3);
  /* Horizon 2: the seller would leave at period 3, too late. */
  assert_false (o->broken);
}

static void
test_two_hardliner (void **state)
{
  (void) state;
  g_autoptr (RlScenario) sc = load (two_parties);
  RlSimulateOptions opts;
  rl_simulate_options_init (&opts, sc);
  set_strategy (&opts, sc, "seller=hardliner");
  g_autoptr (RlSimulation) sim = simulate (sc, &opts);
  /* The seller's aspiration stays 1.0: it offers 4 at t1 and t3, which
   * the buyer rejects (0 < 0.7333, 0 < 0.2); the buyer offers 1 at t0 and
   * at t2 the package with the best (u_s - 1)/0.8: 0 (-0.625), which the
   * seller rejects. No deal: BATNAs (0.2, 0.2), at distance
   * sqrt(0.55² + 0.3²) from the Nash package 0. */
  assert_int_equal (rl_simulation_get_n_rounds (sim), 4);
  assert_round (sim, 0, 0, 1, FALSE, (int[]){ -1, 0 });
  assert_round (sim, 1, 1, 4, FALSE, (int[]){ 0, -1 });
  assert_round (sim, 2, 0, 0, FALSE, (int[]){ -1, 0 });
  assert_round (sim, 3, 1, 4, FALSE, (int[]){ 0, -1 });
  const RlSimOutcome *o = rl_simulation_get_outcome (sim);
  assert_false (o->agreed);
  assert_null (o->package);
  assert_true (close_to (o->utilities[0], 0.2) && close_to (o->utilities[1], 0.2));
  assert_true (close_to (rl_simulation_nash_distance (sim, 0), sqrt (0.55 * 0.55 + 0.3 * 0.3)));
  assert_null (rl_simulation_get_package (sim));
}

static void
test_two_conceder (void **state)
{
  (void) state;
  g_autoptr (RlScenario) sc = load (two_parties);
  RlSimulateOptions opts;
  rl_simulate_options_init (&opts, sc);
  set_strategy (&opts, sc, "buyer=conceder");
  g_autoptr (RlSimulation) sim = simulate (sc, &opts);
  /* Buyer conceder (e = 5): a_b(1) = 0.2 + 0.8·(1 - (1/3)^0.2) = 0.35781.
   * t0 buyer offers 1; rejected. t1 seller: {2, 4};
   * (u_b - 0.35781)/0.8: 2 → +0.0215, 4 → -0.447; offers 2; the buyer has
   * 0.375 >= 0.35781: accepts. Package 2 (0.375, 0.75) is Pareto-optimal,
   * at distance sqrt(0.375² + 0.25²) from the Nash package 0. */
  assert_int_equal (rl_simulation_get_n_rounds (sim), 2);
  assert_round (sim, 1, 1, 2, FALSE, (int[]){ 1, -1 });
  assert_true (close_to (rl_simulation_get_round (sim, 1)->aspirations[0],
                         0.2 + 0.8 * (1 - pow (1.0 / 3, 0.2))));
  const RlSimOutcome *o = rl_simulation_get_outcome (sim);
  assert_true (o->agreed);
  assert_int_equal (o->round, 1);
  assert_true (rl_simulation_get_package (sim)->pareto);
  assert_true (close_to (rl_simulation_nash_distance (sim, 0), sqrt (0.375 * 0.375 + 0.0625)));
  /* Durability of package 2: buyer 0.375 < 0.2 + 0.1·h from h = 2
   * (h > 1.75); the seller's drift is -0.05 (money is not low). */
  assert_true (o->broken);
  assert_int_equal (o->broken_at, 2);
  assert_int_equal (o->broken_by, 0);
}

static void
test_two_exponent (void **state)
{
  (void) state;
  g_autoptr (RlScenario) sc = load (two_parties);
  RlSimulateOptions opts;
  rl_simulate_options_init (&opts, sc);
  /* e = 2 for both: a(t) = 0.2 + 0.8·(1 - sqrt(t/3)):
   * t1 0.2 + 0.8·0.42265 = 0.53812, t2 0.2 + 0.8·0.18350 = 0.34680.
   * t0 buyer offers 1, rejected. t1 seller: u_s >= 0.53812 leaves {2, 4};
   * (u_b - 0.53812)/0.8: 2 → -0.204, 4 → -0.673; offers 2; the buyer has
   * 0.375 < 0.53812: rejects. t2 buyer: u_b >= 0.34680 leaves {0, 1, 2, 3};
   * (u_s - 0.34680)/0.8: 0 → 0.1915, 1 → -0.4335, 2 → 0.5040,
   * 3 → -0.1210; offers 2 (0.375 for itself); the seller has 0.75:
   * accepts. */
  set_strategy (&opts, sc, "buyer=2");
  set_strategy (&opts, sc, "seller=2");
  g_autoptr (RlSimulation) sim = simulate (sc, &opts);
  assert_int_equal (rl_simulation_get_n_rounds (sim), 3);
  assert_round (sim, 1, 1, 2, FALSE, (int[]){ 0, -1 });
  assert_round (sim, 2, 0, 2, FALSE, (int[]){ -1, 1 });
  assert_true (close_to (rl_simulation_get_round (sim, 2)->aspirations[0],
                         0.2 + 0.8 * (1 - sqrt (2.0 / 3))));
  assert_int_equal (rl_simulation_get_outcome (sim)->round, 2);
  /* The JSON names a number strategy {"e": 2.0}. */
  g_autoptr (JsonNode) doc = rl_json_simulate (sim, "test.yaml");
  g_autoptr (GString) text = g_string_new (NULL);
  rl_json_write (text, doc, FALSE);
  assert_non_null (strstr (text->str, "\"strategies\": {\"buyer\": {\"e\": 2.0}, \"seller\": {\"e\": 2.0}}"));
}

static void
test_one_round (void **state)
{
  (void) state;
  g_autoptr (RlScenario) sc = load (two_parties);
  RlSimulateOptions opts;
  rl_simulate_options_init (&opts, sc);
  opts.rounds = 1;
  g_autoptr (RlSimulation) sim = simulate (sc, &opts);
  /* T = 1: a(0) = ideal for everybody; the buyer offers 1, the seller
   * rejects, and the talks are over. */
  assert_int_equal (rl_simulation_get_n_rounds (sim), 1);
  assert_round (sim, 0, 0, 1, FALSE, (int[]){ -1, 0 });
  assert_false (rl_simulation_get_outcome (sim)->agreed);
  assert_true (close_to (rl_aspiration (0.2, 1.0, 1.0, 0, 1), 1.0));
  assert_true (close_to (rl_aspiration (0.2, 1.0, INFINITY, 3, 4), 1.0));
  assert_true (close_to (rl_aspiration (0.2, 1.0, 1.0, 3, 4), 0.2));
}

/* ---- 1. by hand: three parties, fallbacks, passes ---------------------------- */

/* Packages, index = 2·a + b:
 *
 *   idx  a   b     p = v_a     q = (v_a' + v_b)/2     r = v_b' (+0.5 if a = x1)
 *    0   x0  no    0           0.5                    1
 *    1   x0  yes   0           1.0                    0
 *    2   x1  no    0.5         0.25                   1.5
 *    3   x1  yes   0.5         0.75                   0.5
 *    4   x2  no    1           0                      1
 *    5   x2  yes   1           0.5                    0
 *
 * q's red line "b" is public; r's "a != x0" is private. Ideals over the
 * constraints and one's own red lines: p 1.0, q 1.0, r 1.5 (package 2).
 * What others believe (public red lines only): the same, since r's only
 * red line is private and package 2 keeps it anyway. */
static const char three_parties[] =
  "redline: 1\n"
  "title: three\n"
  "issues:\n"
  "  a: {ordered: true, options: [x0, x1, x2]}\n"
  "  b: {options: [no, yes]}\n"
  "parties:\n"
  "  p:\n"
  "    batna: 0.3\n"
  "    weights: {a: 1}\n"
  "    values: {a: increasing}\n"
  "  q:\n"
  "    batna: 0.3\n"
  "    weights: {a: 1, b: 1}\n"
  "    values: {a: decreasing, b: {no: 0, yes: 1}}\n"
  "    red_lines:\n"
  "      - {id: need-b, rule: b}\n"
  "  r:\n"
  "    batna: RBATNA\n"
  "    weights: {b: 1}\n"
  "    values: {b: {no: 1, yes: 0}}\n"
  "    bonuses:\n"
  "      - {when: a == x1, value: 0.5}\n"
  "    red_lines:\n"
  "      - {id: mid, rule: a != x0, public: false}\n"
  "simulation:\n"
  "  rounds: 3\n";

static RlScenario *
load_three (const char *r_batna)
{
  g_autofree char *text = g_strdup (three_parties);
  char *at = strstr (text, "RBATNA");
  g_autoptr (GString) s = g_string_new_len (text, at - text);
  g_string_append (s, r_batna);
  g_string_append (s, at + strlen ("RBATNA"));
  return load (s->str);
}

static void
test_three_linear (void **state)
{
  (void) state;
  g_autoptr (RlScenario) sc = load_three ("0.1");
  RlSimulateOptions opts;
  rl_simulate_options_init (&opts, sc);
  g_autoptr (RlSimulation) sim = simulate (sc, &opts);
  /* Linear, T = 3: p and q 1.0, 0.65, 0.3; r 1.5, 0.8, 0.1.
   * t0 p: keeps q's public "b"; u_p >= 1 leaves {5}: offers 5.
   *    q: 0.5 < 1.0 rejects; r: keeps "mid", 0 < 1.5 rejects.
   * t1 q: keeps "b"; u_q >= 0.65 leaves {1 (1.0), 3 (0.75)}. With
   *    ã_p = 0.65 (range 0.7), ã_r = 0.8 (range 1.4):
   *    1 → min((0 - .65)/.7, (0 - .8)/1.4) = -0.929,
   *    3 → min((.5 - .65)/.7, (.5 - .8)/1.4) = -0.214: offers 3.
   *    p: 0.5 < 0.65 rejects; r: 0.5 < 0.8 rejects.
   * t2 r: keeps its own "mid" and q's "b", u_r >= 0.1 leaves {3}
   *    (5 gives r 0): offers 3; p 0.5 >= 0.3 and q 0.75 >= 0.3 accept. */
  assert_int_equal (rl_simulation_get_n_rounds (sim), 3);
  assert_round (sim, 0, 0, 5, FALSE, (int[]){ -1, 0, 0 });
  assert_round (sim, 1, 1, 3, FALSE, (int[]){ 0, -1, 0 });
  assert_round (sim, 2, 2, 3, FALSE, (int[]){ 1, 1, -1 });
  const RlSimOutcome *o = rl_simulation_get_outcome (sim);
  assert_true (o->agreed);
  assert_int_equal (o->round, 2);
  /* Nobody drifts: durable. */
  assert_false (o->broken);
}

static void
test_three_fallback (void **state)
{
  (void) state;
  g_autoptr (RlScenario) sc = load_three ("0.1");
  RlSimulateOptions opts;
  rl_simulate_options_init (&opts, sc);
  set_strategy (&opts, sc, "r=hardliner");
  g_autoptr (RlSimulation) sim = simulate (sc, &opts);
  /* r's aspiration stays 1.5. t0 as before (p offers 5). t1 q: ã_r = 1.5
   * (range 1.4): 1 → min(-0.929, -1.071), 3 → min(-0.214, -0.714):
   * offers 3 again; rejected. t2 r: nothing keeping "mid" and "b" gives
   * it 1.5: it falls back to its own best under those rules, 3 (0.5,
   * above its BATNA 0.1); p and q accept. */
  assert_int_equal (rl_simulation_get_n_rounds (sim), 3);
  assert_round (sim, 1, 1, 3, FALSE, (int[]){ 0, -1, 0 });
  assert_round (sim, 2, 2, 3, TRUE, (int[]){ 1, 1, -1 });
  assert_true (rl_simulation_get_outcome (sim)->agreed);
}

static void
test_three_pass (void **state)
{
  (void) state;
  g_autoptr (RlScenario) sc = load_three ("0.6");
  RlSimulateOptions opts;
  rl_simulate_options_init (&opts, sc);
  set_strategy (&opts, sc, "r=hardliner");
  g_autoptr (RlSimulation) sim = simulate (sc, &opts);
  /* r's BATNA is 0.6 now: its fallback 3 gives it 0.5 < 0.6, so at t2 it
   * passes, and after round 2 the talks fail. */
  assert_int_equal (rl_simulation_get_n_rounds (sim), 3);
  assert_round (sim, 2, 2, -1, FALSE, NULL);
  const RlSimOutcome *o = rl_simulation_get_outcome (sim);
  assert_false (o->agreed);
  assert_true (close_to (o->utilities[2], 0.6));
}

static void
test_three_order (void **state)
{
  (void) state;
  g_autoptr (RlScenario) sc = load_three ("0.1");
  RlSimulateOptions opts;
  rl_simulate_options_init (&opts, sc);
  g_autoptr (GError) error = NULL;
  assert_true (rl_simulate_options_set_order (&opts, sc, "r, q", &error));
  assert_false (rl_simulate_options_set_order (&opts, sc, "r,r", &error));
  g_clear_error (&error);
  assert_false (rl_simulate_options_set_order (&opts, sc, "s", &error));
  assert_non_null (strstr (error->message, "unknown party"));
  g_autoptr (RlSimulation) sim = simulate (sc, &opts);
  /* Order r, q: t0 r with a_r = 1.5 keeps "mid" and "b": nothing reaches
   * 1.5; it falls back to 3 (0.5 >= 0.1); p (0.5 < 1.0) and q (0.75 < 1.0)
   * reject. t1 q offers 3 as in the linear case (with ã_r = 0.8); p
   * rejects (0.5 < 0.65). t2 r: a_r = 0.1, {3} qualifies: p and q accept. */
  assert_round (sim, 0, 2, 3, TRUE, (int[]){ 0, 0, -1 });
  assert_round (sim, 1, 1, 3, FALSE, (int[]){ 0, -1, 0 });
  assert_round (sim, 2, 2, 3, FALSE, (int[]){ 1, 1, -1 });
}

/* ---- 1. by hand: the mediator ------------------------------------------------- */

/* Packages, index = 6·a + 3·b + c; the constraint "a -> not b".
 * The status quo 1 = (no, no, c1): p = (0 + .5)/2 = .25, q = (0 + .5)/2
 * = .25, the observer o = 1; welfare 1.5.
 * Move 1, one issue at a time from 1:
 *   a yes → 7: p .75, q .25, o 0: welfare 1.0, not higher;
 *   b yes → 4: p .25, q .75, o 1: welfare 2.0;
 *   c c0 → 0: p 0, worse; c c2 → 2: q 0, worse.
 * The text moves to 4. From 4: a yes → 10 breaks the constraint; b no →
 * 1 is worse for q; c c0 → 3 worse for p; c c2 → 5 worse for q. It stops
 * after one move. */
static const char mediator_scenario[] =
  "redline: 1\n"
  "title: mediator\n"
  "issues:\n"
  "  a: {options: [no, yes]}\n"
  "  b: {options: [no, yes]}\n"
  "  c: {ordered: true, options: [c0, c1, c2]}\n"
  "constraints:\n"
  "  - {id: ab, rule: a -> not b}\n"
  "status_quo: {a: no, b: no, c: c1}\n"
  "parties:\n"
  "  p:\n"
  "    batna: 0.2\n"
  "    weights: {a: 1, c: 1}\n"
  "    values: {a: {no: 0, yes: 1}, c: increasing}\n"
  "    REDLINE\n"
  "  q:\n"
  "    batna: 0.2\n"
  "    weights: {b: 1, c: 1}\n"
  "    values: {b: {no: 0, yes: 1}, c: decreasing}\n"
  "  o:\n"
  "    veto: false\n"
  "    weights: {a: 1}\n"
  "    values: {a: {no: 1, yes: 0}}\n"
  "simulation:\n"
  "  protocol: mediator\n";

static RlScenario *
load_mediator (const char *red_line)
{
  g_autofree char *text = g_strdup (mediator_scenario);
  char *at = strstr (text, "REDLINE");
  g_autoptr (GString) s = g_string_new_len (text, at - text);
  g_string_append (s, red_line);
  g_string_append (s, at + strlen ("REDLINE"));
  return load (s->str);
}

static void
test_mediator_three (void **state)
{
  (void) state;
  g_autoptr (RlScenario) sc = load_mediator ("notes: {batna: none}");
  RlSimulateOptions opts;
  rl_simulate_options_init (&opts, sc);
  assert_int_equal (opts.protocol, RL_PROTOCOL_MEDIATOR);
  g_autoptr (RlSimulation) sim = simulate (sc, &opts);
  assert_int_equal (rl_simulation_get_n_rounds (sim), 1);
  const RlSimRound *r = rl_simulation_get_round (sim, 0);
  assert_int_equal (r->proposer, RL_SIM_MEDIATOR);
  assert_int_equal (r->index, 4);
  assert_null (r->aspirations);
  assert_true (r->accepts[0] && r->accepts[1]);
  const RlSimOutcome *o = rl_simulation_get_outcome (sim);
  assert_true (o->agreed);
  assert_int_equal (o->round, 1);
  assert_true (close_to (o->utilities[0], 0.25) && close_to (o->utilities[1], 0.75));
}

static void
test_mediator_unacceptable (void **state)
{
  (void) state;
  /* p's red line "a" (a == yes): the moves are the same (the mediator
   * looks at utilities and the constraints only), but the final text 4
   * has a = no: p cannot accept it, and the talks fail. p's ideal (a yes,
   * b no, c2: 1.0) is above its BATNA, so the talks do start. */
  g_autoptr (RlScenario) sc = load_mediator ("red_lines: [{id: want-a, rule: a}]");
  RlSimulateOptions opts;
  rl_simulate_options_init (&opts, sc);
  g_autoptr (RlSimulation) sim = simulate (sc, &opts);
  assert_int_equal (rl_simulation_get_n_rounds (sim), 1);
  const RlSimRound *r = rl_simulation_get_round (sim, 0);
  assert_int_equal (r->index, 4);
  assert_false (r->accepts[0]);
  assert_true (r->accepts[1]);
  assert_false (rl_simulation_get_outcome (sim)->agreed);
}

static void
test_mediator_reach (void **state)
{
  (void) state;
  g_autoptr (RlScenario) sc = load (two_parties);
  RlSimulateOptions opts;
  rl_simulate_options_init (&opts, sc);
  opts.protocol = RL_PROTOCOL_MEDIATOR;
  /* From the status quo 3 (mid, long: buyer .625, seller .25), one issue
   * at a time: 1 (seller 0), 5 (buyer .25), 2 (buyer .375) each make
   * somebody worse off: no move, and 3 is acceptable: agreed after 0
   * moves. */
  {
    g_autoptr (RlSimulation) sim = simulate (sc, &opts);
    assert_int_equal (rl_simulation_get_n_rounds (sim), 0);
    assert_true (rl_simulation_get_outcome (sim)->agreed);
    assert_int_equal (rl_simulation_get_outcome (sim)->round, 0);
  }
  /* Two issues at a time: 0 (low, short: .75, .5, welfare 1.25 > .875)
   * makes both better off; 4 (high, short) leaves the buyer at 0. The
   * text moves to 0, and from there nothing makes nobody worse off. */
  opts.mediator_reach = 2;
  g_autoptr (RlSimulation) sim = simulate (sc, &opts);
  assert_int_equal (rl_simulation_get_n_rounds (sim), 1);
  assert_int_equal (rl_simulation_get_round (sim, 0)->index, 0);
  assert_int_equal (rl_simulation_get_outcome (sim)->round, 1);
}

static void
test_mediator_needs_status_quo (void **state)
{
  (void) state;
  g_autoptr (RlScenario) sc = load_three ("0.1");
  RlSimulateOptions opts;
  rl_simulate_options_init (&opts, sc);
  opts.protocol = RL_PROTOCOL_MEDIATOR;
  g_autoptr (GError) error = NULL;
  assert_null (rl_simulate (sc, &opts, &error));
  assert_true (g_error_matches (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT));
}

/* ---- 1. by hand: durability ------------------------------------------------------ */

static void
test_durability_rank (void **state)
{
  (void) state;
  g_autoptr (RlScenario) sc = load (two_parties);
  /* Buyer drift 0.1; seller 0.15 when money is low, else -0.05.
   *   0: min((.75 - .2)/.1, (.5 - .2)/.15) = 2.0
   *   2: (.375 - .2)/.1 = 1.75     3: (.625 - .2)/.1 = 4.25
   *   5: (.25 - .2)/.1 = 0.5
   * Order: 3, 0, 2, 5. */
  RlSolveOptions so;
  rl_solve_options_init (&so);
  so.rank = (RlRank){ RL_SCORE_DURABILITY, 0 };
  for (guint only_top = 0; only_top < 2; only_top++)
    {
      so.flags = only_top ? RL_SOLVE_ONLY_TOP : 0;
      g_autoptr (RlResult) res = rl_solve (sc, &so, NULL);
      assert_non_null (res);
      assert_int_equal (rl_result_get_n_top (res), 4);
      const guint64 want[] = { 3, 0, 2, 5 };
      const double periods[] = { 4.25, 2.0, 1.75, 0.5 };
      for (guint k = 0; k < 4; k++)
        {
          assert_int_equal (rl_result_get_top (res, k)->index, want[k]);
          assert_int_equal (rl_result_get_top (res, k)->rank, k + 1);
          assert_true (close_to (rl_result_get_top (res, k)->durability, periods[k]));
        }
    }
  /* Without the buyer's drift, 2, 3 and 5 never break (the seller's drift
   * is -0.05 there): they come first by Nash product, 2 (0.09625),
   * 3 (0.02125), 5 (0.015); then 0 (2.0). --top 3 keeps the first three. */
  sc->parties[0].drift_base = 0;
  so.flags = 0;
  so.top = 3;
  g_autoptr (RlResult) res = rl_solve (sc, &so, NULL);
  assert_int_equal (rl_result_get_n_top (res), 3);
  const guint64 want[] = { 2, 3, 5 };
  for (guint k = 0; k < 3; k++)
    {
      assert_int_equal (rl_result_get_top (res, k)->index, want[k]);
      assert_true (isinf (rl_result_get_top (res, k)->durability));
    }
  g_autoptr (JsonNode) doc = rl_json_solve (res, "test.yaml");
  g_autoptr (GString) text = g_string_new (NULL);
  rl_json_write (text, doc, FALSE);
  assert_non_null (strstr (text->str, "\"durability\": null"));
}

/* The closed form against the period-by-period walk of simulate.md. */
static void
test_durability_closed_form (void **state)
{
  (void) state;
  g_autoptr (RlScenario) sc = load (two_parties);
  GRand *rand = g_rand_new_with_seed (5);
  guint8 x[2] = { 0, 0 };
  for (guint trial = 0; trial < 2000; trial++)
    {
      double u[2];
      for (guint p = 0; p < 2; p++)
        {
          sc->parties[p].batna = g_rand_int_range (rand, 0, 20) * 0.05;
          sc->parties[p].drift_base = g_rand_int_range (rand, -4, 9) * (g_rand_boolean (rand) ? 0.025 : 0.1 / 3);
          u[p] = sc->parties[p].batna + g_rand_int_range (rand, -2, 30) * 0.0125;
        }
      g_array_index (sc->parties[1].drift, RlBonus, 0).value = g_rand_int_range (rand, -2, 3) * 0.1;
      guint horizon = (guint) g_rand_int_range (rand, 0, 60);
      int by;
      guint at = rl_durability_periods (sc, x, u, horizon, &by);
      guint walk_at = 0;
      int walk_by = -1;
      for (guint h = 1; h <= horizon && walk_at == 0; h++)
        for (guint p = 0; p < 2 && walk_at == 0; p++)
          if (u[p] < sc->parties[p].batna + h * rl_scenario_get_party_drift (sc, p, x) - EPS)
            {
              walk_at = h;
              walk_by = (int) p;
            }
      assert_int_equal (at, walk_at);
      assert_int_equal (by, walk_by);
    }
  g_rand_free (rand);
}

/* ---- 2. the naive simulator ------------------------------------------------------- */

static gboolean
ties (double a, double b)
{
  return fabs (a - b) <= MAX (EPS, EPS * MAX (fabs (a), fabs (b)));
}

typedef struct {
  RlScenario *sc;
  guint ni, np;
  guint64 n;
  guint8 *pkgs;         /* every package, index order */
  double *u;            /* true utilities */
  gboolean *feasible;
} Space;

static void
space_init (Space *s, RlScenario *sc)
{
  s->sc = sc;
  s->ni = rl_scenario_get_n_issues (sc);
  s->np = rl_scenario_get_n_parties (sc);
  assert_true (rl_scenario_get_space (sc, &s->n));
  s->pkgs = g_new0 (guint8, s->n * s->ni + 1);
  s->u = g_new0 (double, s->n * s->np + 1);
  s->feasible = g_new0 (gboolean, s->n + 1);
  for (guint64 k = 0; k < s->n; k++)
    {
      guint8 *x = &s->pkgs[k * s->ni];
      rl_scenario_package_from_index (sc, k, x);
      s->feasible[k] = rl_scenario_is_feasible (sc, x);
      for (guint p = 0; p < s->np; p++)
        s->u[k * s->np + p] = rl_scenario_utility (sc, p, x);
    }
}

static void
space_clear (Space *s)
{
  g_free (s->pkgs);
  g_free (s->u);
  g_free (s->feasible);
}

/* Whether x keeps party p's red lines (all, or the public ones). */
static gboolean
keeps (const RlScenario *sc, guint p, const guint8 *x, gboolean public_only)
{
  for (guint r = 0; r < rl_scenario_get_n_red_lines (sc, p); r++)
    {
      const RlNamedRule *rule = rl_scenario_get_red_line (sc, p, r);
      if (public_only && !rl_named_rule_is_public (rule))
        continue;
      if (!rl_rule_eval (rl_named_rule_get_rule (rule), x))
        return FALSE;
    }
  return TRUE;
}

/* What the proposer p may offer: constraints, its own red lines, the other
 * veto parties' public red lines. */
static gboolean
may_offer (const Space *s, guint p, guint64 k)
{
  const guint8 *x = &s->pkgs[k * s->ni];
  if (!s->feasible[k] || !keeps (s->sc, p, x, FALSE))
    return FALSE;
  for (guint q = 0; q < s->np; q++)
    if (q != p && rl_scenario_party_is_veto (s->sc, q) && !keeps (s->sc, q, x, TRUE))
      return FALSE;
  return TRUE;
}

typedef struct {
  int proposer;
  gint64 offer;          /* -1: pass */
  gboolean fallback;
  gboolean accepts[16];
} NaiveRound;

typedef struct {
  gboolean started, agreed;
  guint round;
  gint64 package;
  GArray *rounds;        /* NaiveRound */
} Naive;

static void
naive_alternating (const Space *s, const RlSimulateOptions *opts, RlScenario **views, Naive *out)
{
  RlScenario *sc = s->sc;
  guint np = s->np, T = opts->rounds;
  double ideal[16], pub_ideal[16][16];   /* pub_ideal[p][q]: p's belief of q's ideal */
  out->started = TRUE;
  for (guint p = 0; p < np; p++)
    {
      if (!rl_scenario_party_is_veto (sc, p))
        continue;
      ideal[p] = -INFINITY;
      for (guint64 k = 0; k < s->n; k++)
        if (s->feasible[k] && keeps (sc, p, &s->pkgs[k * s->ni], FALSE))
          ideal[p] = MAX (ideal[p], s->u[k * np + p]);
      if (!(ideal[p] >= rl_scenario_get_party_batna (sc, p) - EPS))
        out->started = FALSE;
    }
  if (!out->started)
    return;
  for (guint p = 0; p < np; p++)
    for (guint q = 0; q < np; q++)
      {
        RlScenario *view = views ? views[p] : sc;
        pub_ideal[p][q] = -INFINITY;
        for (guint64 k = 0; k < s->n; k++)
          if (s->feasible[k] && keeps (sc, q, &s->pkgs[k * s->ni], TRUE))
            pub_ideal[p][q] = MAX (pub_ideal[p][q], rl_scenario_utility (view, q, &s->pkgs[k * s->ni]));
      }
  for (guint t = 0; t < T; t++)
    {
      guint p = opts->order[t % opts->n_order];
      RlScenario *view = views ? views[p] : sc;
      double asp[16];
      for (guint q = 0; q < np; q++)
        asp[q] = rl_aspiration (rl_scenario_get_party_batna (sc, q), ideal[q], opts->exponent[q], t, T);
      /* f for every package that qualifies, then the anchored ties. */
      double best_f = -INFINITY;
      gboolean any = FALSE;
      g_autofree double *f = g_new0 (double, s->n + 1);
      g_autofree gboolean *ok = g_new0 (gboolean, s->n + 1);
      for (guint64 k = 0; k < s->n; k++)
        {
          if (!may_offer (s, p, k) || s->u[k * np + p] < asp[p] - EPS)
            continue;
          ok[k] = TRUE;
          double m = INFINITY;
          gboolean terms = FALSE;
          for (guint q = 0; q < np; q++)
            {
              if (q == p || !rl_scenario_party_is_veto (sc, q))
                continue;
              terms = TRUE;
              double bq = rl_scenario_get_party_batna (sc, q);
              double den = pub_ideal[p][q] - bq;
              double aq = rl_aspiration (bq, pub_ideal[p][q], opts->exponent[q], t, T);
              double term = den <= 1e-12 ? 0 : (rl_scenario_utility (view, q, &s->pkgs[k * s->ni]) - aq) / den;
              m = MIN (m, term);
            }
          f[k] = terms ? m : 0;
          best_f = any ? MAX (best_f, f[k]) : f[k];
          any = TRUE;
        }
      NaiveRound round = { .proposer = (int) p, .offer = -1 };
      if (any)
        {
          double best_u = -INFINITY;
          for (guint64 k = 0; k < s->n; k++)
            if (ok[k] && ties (f[k], best_f))
              best_u = MAX (best_u, s->u[k * np + p]);
          for (guint64 k = 0; k < s->n && round.offer < 0; k++)
            if (ok[k] && ties (f[k], best_f) && ties (s->u[k * np + p], best_u))
              round.offer = (gint64) k;
        }
      else
        {
          double best_u = -INFINITY;
          gint64 best = -1;
          for (guint64 k = 0; k < s->n; k++)
            if (may_offer (s, p, k))
              best_u = MAX (best_u, s->u[k * np + p]);
          for (guint64 k = 0; k < s->n && best < 0; k++)
            if (may_offer (s, p, k) && ties (s->u[k * np + p], best_u))
              best = (gint64) k;
          if (best >= 0 && s->u[best * np + p] >= rl_scenario_get_party_batna (sc, p) - EPS)
            {
              round.offer = best;
              round.fallback = TRUE;
            }
        }
      gboolean all = round.offer >= 0;
      if (round.offer >= 0)
        for (guint q = 0; q < np; q++)
          {
            if (q == p || !rl_scenario_party_is_veto (sc, q))
              continue;
            round.accepts[q] = keeps (sc, q, &s->pkgs[round.offer * s->ni], FALSE)
                               && s->u[round.offer * np + q] >= asp[q] - EPS;
            all = all && round.accepts[q];
          }
      g_array_append_val (out->rounds, round);
      if (all)
        {
          out->agreed = TRUE;
          out->round = t;
          out->package = round.offer;
          return;
        }
    }
}

static guint
hamming (const guint8 *a, const guint8 *b, guint n)
{
  guint d = 0;
  for (guint i = 0; i < n; i++)
    d += a[i] != b[i];
  return d;
}

static void
naive_mediator (const Space *s, const RlSimulateOptions *opts, Naive *out)
{
  RlScenario *sc = s->sc;
  guint np = s->np;
  guint64 text = rl_scenario_package_index (sc, rl_scenario_get_status_quo (sc));
  guint moves = 0;
  out->started = TRUE;
  for (guint p = 0; p < np; p++)
    {
      if (!rl_scenario_party_is_veto (sc, p))
        continue;
      double ideal = -INFINITY;
      for (guint64 k = 0; k < s->n; k++)
        if (s->feasible[k] && keeps (sc, p, &s->pkgs[k * s->ni], FALSE))
          ideal = MAX (ideal, s->u[k * np + p]);
      if (!(ideal >= rl_scenario_get_party_batna (sc, p) - EPS))
        out->started = FALSE;
    }
  if (!out->started)
    return;
  for (guint m = 0; m < opts->rounds; m++)
    {
      double w_text = 0, best_w = -INFINITY;
      for (guint p = 0; p < np; p++)
        w_text += s->u[text * np + p];
      g_autofree gboolean *ok = g_new0 (gboolean, s->n + 1);
      g_autofree double *w = g_new0 (double, s->n + 1);
      for (guint64 k = 0; k < s->n; k++)
        {
          guint d = hamming (&s->pkgs[k * s->ni], &s->pkgs[text * s->ni], s->ni);
          if (d == 0 || d > opts->mediator_reach || !s->feasible[k])
            continue;
          gboolean worse = FALSE;
          for (guint p = 0; p < np; p++)
            {
              w[k] += s->u[k * np + p];
              if (rl_scenario_party_is_veto (sc, p) && s->u[k * np + p] < s->u[text * np + p] - EPS)
                worse = TRUE;
            }
          if (worse || !(w[k] > w_text + EPS))
            continue;
          ok[k] = TRUE;
          best_w = MAX (best_w, w[k]);
        }
      gint64 next = -1;
      for (guint64 k = 0; k < s->n && next < 0; k++)
        if (ok[k] && ties (w[k], best_w))
          next = (gint64) k;
      if (next < 0)
        break;
      text = (guint64) next;
      moves++;
      NaiveRound round = { .proposer = RL_SIM_MEDIATOR, .offer = next };
      for (guint q = 0; q < np; q++)
        if (rl_scenario_party_is_veto (sc, q))
          round.accepts[q] = keeps (sc, q, &s->pkgs[text * s->ni], FALSE)
                             && s->u[text * np + q] >= rl_scenario_get_party_batna (sc, q) - EPS;
      g_array_append_val (out->rounds, round);
    }
  out->agreed = rl_scenario_is_acceptable (sc, &s->pkgs[text * s->ni], FALSE);
  out->round = moves;
  out->package = out->agreed ? (gint64) text : -1;
}

/* ---- 2 and 3: random scenarios --------------------------------------------------- */

static char *
json_of (const RlSimulation *sim)
{
  g_autoptr (JsonNode) doc = rl_json_simulate (sim, "random.yaml");
  GString *text = g_string_new (NULL);
  rl_json_write (text, doc, TRUE);
  return g_string_free (text, FALSE);
}

/* Random simulation settings: strategies, order, deadline, horizon. */
static void
random_options (GRand *rand, RlScenario *sc, RlSimulateOptions *opts)
{
  static const char *const names[] = { "linear", "hardliner", "boulware", "conceder", "0.5", "3" };
  rl_simulate_options_init (opts, sc);
  guint np = rl_scenario_get_n_parties (sc);
  for (guint p = 0; p < np; p++)
    {
      g_autofree char *text = g_strdup_printf ("%s=%s", rl_scenario_get_party_id (sc, p),
                                               names[g_rand_int_range (rand, 0, G_N_ELEMENTS (names))]);
      set_strategy (opts, sc, text);
    }
  opts->rounds = (guint) g_rand_int_range (rand, 1, 9);
  opts->horizon = (guint) g_rand_int_range (rand, 0, 30);
  /* A random order of a random non-empty subset of the veto parties. */
  guint veto[16], n = 0;
  for (guint p = 0; p < np; p++)
    if (rl_scenario_party_is_veto (sc, p))
      veto[n++] = p;
  for (guint k = n; k > 1; k--)
    {
      guint j = (guint) g_rand_int_range (rand, 0, (gint32) k);
      guint tmp = veto[k - 1];
      veto[k - 1] = veto[j];
      veto[j] = tmp;
    }
  opts->n_order = (guint) g_rand_int_range (rand, 1, (gint32) n + 1);
  memcpy (opts->order, veto, sizeof (guint) * opts->n_order);
}

/* Private red lines, drifts and a status quo, in memory; and fewer
 * rules, so that most talks start. */
static void
random_additions (GRand *rand, RlScenario *sc)
{
  if (g_rand_boolean (rand))
    {
      for (guint c = 0; c < sc->constraints->len; c++)
        rl_named_rule_clear (&g_array_index (sc->constraints, RlNamedRule, c));
      g_array_set_size (sc->constraints, 0);
    }
  for (guint p = 0; p < sc->n_parties; p++)
    {
      RlParty *party = &sc->parties[p];
      /* Random red lines often leave nothing feasible: keep at most one
       * for half of the parties, and lower half of the BATNAs, so that
       * most talks start. */
      if (g_rand_boolean (rand))
        {
          for (guint r = 1; r < party->red_lines->len; r++)
            rl_named_rule_clear (&g_array_index (party->red_lines, RlNamedRule, r));
          g_array_set_size (party->red_lines, MIN (party->red_lines->len, 1));
        }
      if (g_rand_boolean (rand))
        party->batna /= 2;
      for (guint r = 0; r < party->red_lines->len; r++)
        if (g_rand_int_range (rand, 0, 3) == 0)
          g_array_index (party->red_lines, RlNamedRule, r).is_public = FALSE;
      party->drift_base = g_rand_int_range (rand, -2, 5) * 0.025;
    }
  sc->status_quo = g_new0 (guint8, sc->n_issues + 1);
  for (guint i = 0; i < sc->n_issues; i++)
    sc->status_quo[i] = (guint8) g_rand_int_range (rand, 0, (gint32) sc->issues[i].n_options);
}

static void
compare_with_naive (const RlSimulation *sim, const Naive *nv, const char *yaml)
{
  RlScenario *sc = rl_simulation_get_scenario (sim);
  const RlSimOutcome *o = rl_simulation_get_outcome (sim);
  if (o->started != nv->started || o->agreed != nv->agreed
      || rl_simulation_get_n_rounds (sim) != nv->rounds->len)
    fail_msg ("started %d/%d agreed %d/%d rounds %u/%u in\n%s", o->started, nv->started, o->agreed,
              nv->agreed, rl_simulation_get_n_rounds (sim), nv->rounds->len, yaml);
  for (guint k = 0; k < nv->rounds->len; k++)
    {
      const NaiveRound *want = &g_array_index (nv->rounds, NaiveRound, k);
      const RlSimRound *got = rl_simulation_get_round (sim, k);
      gint64 offer = got->offer ? (gint64) got->index : -1;
      if (got->proposer != want->proposer || offer != want->offer || got->fallback != want->fallback)
        fail_msg ("round %u: proposer %d/%d offer %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT
                  " fallback %d/%d in\n%s", k, got->proposer, want->proposer, offer, want->offer,
                  got->fallback, want->fallback, yaml);
      for (guint q = 0; got->offer && q < sc->n_parties; q++)
        if (rl_scenario_party_is_veto (sc, q) && (int) q != got->proposer)
          assert_int_equal (got->accepts[q], want->accepts[q]);
    }
  if (o->agreed)
    {
      assert_int_equal (o->round, nv->round);
      assert_int_equal (rl_scenario_package_index (sc, o->package), nv->package);
    }
}

/* The properties every agreed run has. */
static void
check_properties (const RlSimulation *sim)
{
  RlScenario *sc = rl_simulation_get_scenario (sim);
  const RlSimulateOptions *opts = rl_simulation_get_options (sim);
  const RlSimOutcome *o = rl_simulation_get_outcome (sim);
  guint np = rl_scenario_get_n_parties (sc);
  if (o->agreed)
    {
      assert_true (rl_scenario_is_acceptable (sc, o->package, FALSE));
      for (guint q = 0; q < np; q++)
        if (rl_scenario_party_is_veto (sc, q))
          assert_true (keeps (sc, q, o->package, FALSE));
      if (opts->protocol == RL_PROTOCOL_ALTERNATING)
        {
          /* At or above every aspiration at its round; the proposer of a
           * fallback only at or above its BATNA. */
          const RlSimRound *last = rl_simulation_get_round (sim, rl_simulation_get_n_rounds (sim) - 1);
          assert_int_equal (last->round, o->round);
          for (guint q = 0; q < np; q++)
            {
              if (!rl_scenario_party_is_veto (sc, q))
                continue;
              double floor = (int) q == last->proposer && last->fallback
                                 ? rl_scenario_get_party_batna (sc, q)
                                 : last->aspirations[q];
              assert_true (o->utilities[q] >= floor - EPS);
            }
        }
      /* Durability without noise is the closed form. */
      int by;
      guint at = rl_durability_periods (sc, o->package, o->utilities, opts->horizon, &by);
      if (opts->noise == 0)
        {
          assert_int_equal (o->broken, at > 0);
          if (at > 0)
            {
              assert_int_equal (o->broken_at, at);
              assert_int_equal (o->broken_by, by);
            }
        }
    }
  if (opts->protocol == RL_PROTOCOL_MEDIATOR)
    {
      /* The text never makes a veto party worse off. */
      g_autofree double *before = g_new0 (double, np + 1);
      for (guint q = 0; q < np; q++)
        before[q] = rl_scenario_utility (sc, q, rl_scenario_get_status_quo (sc));
      for (guint k = 0; k < rl_simulation_get_n_rounds (sim); k++)
        {
          const RlSimRound *r = rl_simulation_get_round (sim, k);
          for (guint q = 0; q < np; q++)
            {
              if (rl_scenario_party_is_veto (sc, q))
                assert_true (r->utilities[q] >= before[q] - EPS);
              before[q] = r->utilities[q];
            }
        }
    }
}

static void
test_random_against_naive (void **state)
{
  (void) state;
  GRand *rand = g_rand_new_with_seed (20260808);
  RandomShape shape = { .max_issues = 4, .max_options = 4, .max_parties = 4, .max_rules = 3 };
  guint agreed = 0, failed = 0, fallbacks = 0, mediated = 0, started = 0;
  for (guint n = 0; n < 200; n++)
    {
      shape.coarse = n % 3 == 0;
      shape.jitter = n % 5 == 1;
      g_autofree char *yaml = rl_random_scenario (rand, &shape);
      g_autoptr (RlScenario) sc = load (yaml);
      random_additions (rand, sc);
      RlSimulateOptions opts;
      random_options (rand, sc, &opts);
      opts.run.n_threads = 1 + n % 3;
      /* Every fourth scenario finds its smallest indexes issue by issue. */
      rl_sim_set_tie_budget (n % 4 == 0 ? 1 : 4096);
      Space s;
      space_init (&s, sc);

      for (guint protocol = 0; protocol < 2; protocol++)
        {
          opts.protocol = protocol ? RL_PROTOCOL_MEDIATOR : RL_PROTOCOL_ALTERNATING;
          opts.mediator_reach = 1 + n % 2;
          g_autoptr (RlSimulation) sim = simulate (sc, &opts);
          Naive nv = { .package = -1, .rounds = g_array_new (FALSE, TRUE, sizeof (NaiveRound)) };
          if (protocol)
            naive_mediator (&s, &opts, &nv);
          else
            naive_alternating (&s, &opts, NULL, &nv);
          compare_with_naive (sim, &nv, yaml);
          check_properties (sim);
          for (guint k = 0; k < nv.rounds->len; k++)
            fallbacks += g_array_index (nv.rounds, NaiveRound, k).fallback;
          agreed += nv.agreed;
          started += nv.started;
          failed += !nv.agreed;
          mediated += protocol && nv.rounds->len > 0;
          g_array_unref (nv.rounds);
        }

      /* With noise: the same perceived utilities (drawn as the library
       * documents: run 0's generator, beliefs first) in the naive
       * simulator give the same talks. */
      opts.protocol = RL_PROTOCOL_ALTERNATING;
      opts.noise = 0.2;
      opts.seed = n;
      g_autoptr (RlSimulation) noisy = simulate (sc, &opts);
      gsl_rng *rng = gsl_rng_alloc (gsl_rng_mt19937);
      gsl_rng_set (rng, rl_simulate_run_seed (opts.seed, 0));
      RlScenario **views = rl_sim_views_new (sc, opts.noise, rng);
      Naive nv = { .package = -1, .rounds = g_array_new (FALSE, TRUE, sizeof (NaiveRound)) };
      naive_alternating (&s, &opts, views, &nv);
      compare_with_naive (noisy, &nv, yaml);
      g_array_unref (nv.rounds);
      rl_sim_views_free (sc, views);
      gsl_rng_free (rng);
      space_clear (&s);
    }
  print_message ("agreed %u failed %u fallbacks %u mediated %u started %u\n", agreed, failed, fallbacks, mediated, started);
  rl_sim_set_tie_budget (4096);
  /* The sample exercises what it should. */
  assert_true (agreed > 50 && failed > 20 && fallbacks > 10 && mediated > 20);
  g_rand_free (rand);
}

static void
test_random_hardliners_empty_zone (void **state)
{
  (void) state;
  GRand *rand = g_rand_new_with_seed (77);
  RandomShape shape = { .max_issues = 4, .max_options = 4, .max_parties = 4, .max_rules = 2 };
  guint tested = 0;
  for (guint n = 0; n < 200; n++)
    {
      g_autofree char *yaml = rl_random_scenario (rand, &shape);
      g_autoptr (RlScenario) sc = load (yaml);
      /* Higher BATNAs, so that zones of agreement are often empty. */
      for (guint p = 0; p < sc->n_parties; p++)
        sc->parties[p].batna += 0.3;
      g_autoptr (RlResult) res = rl_solve (sc, NULL, NULL);
      RlCounts counts;
      rl_result_get_counts (res, &counts);
      if (counts.acceptable > 0)
        continue;
      tested++;
      RlSimulateOptions opts;
      rl_simulate_options_init (&opts, sc);
      for (guint p = 0; p < rl_scenario_get_n_parties (sc); p++)
        {
          g_autofree char *text = g_strdup_printf ("%s=hardliner", rl_scenario_get_party_id (sc, p));
          set_strategy (&opts, sc, text);
        }
      opts.rounds = (guint) g_rand_int_range (rand, 1, 12);
      g_autoptr (RlSimulation) sim = simulate (sc, &opts);
      const RlSimOutcome *o = rl_simulation_get_outcome (sim);
      assert_false (o->agreed);
      assert_null (rl_simulation_get_package (sim));
      assert_true (isnan (rl_simulation_nash_distance (sim, 0)));
      for (guint p = 0; p < rl_scenario_get_n_parties (sc); p++)
        assert_true (o->utilities[p] == rl_scenario_get_party_batna (sc, p));
    }
  assert_true (tested > 30);
  g_rand_free (rand);
}

static void
test_random_reproducible (void **state)
{
  (void) state;
  GRand *rand = g_rand_new_with_seed (4242);
  RandomShape shape = { .max_issues = 4, .max_options = 4, .max_parties = 4, .max_rules = 2 };
  for (guint n = 0; n < 200; n++)
    {
      g_autofree char *yaml = rl_random_scenario (rand, &shape);
      g_autoptr (RlScenario) sc = load (yaml);
      random_additions (rand, sc);
      RlSimulateOptions opts;
      random_options (rand, sc, &opts);
      opts.noise = n % 4 == 0 ? 0 : 0.15;
      opts.runs = 1 + n % 5;
      opts.seed = 1000 + n;
      opts.protocol = n % 7 == 0 ? RL_PROTOCOL_MEDIATOR : RL_PROTOCOL_ALTERNATING;
      opts.run.n_threads = 1;
      g_autoptr (RlSimulation) one = simulate (sc, &opts);
      g_autofree char *json_one = json_of (one);
      opts.run.n_threads = 3;
      g_autoptr (RlSimulation) three = simulate (sc, &opts);
      g_autofree char *json_three = json_of (three);
      assert_string_equal (json_one, json_three);
      opts.run.n_threads = 2;
      g_autoptr (RlSimulation) again = simulate (sc, &opts);
      g_autofree char *json_again = json_of (again);
      assert_string_equal (json_one, json_again);
      check_properties (one);
      /* Summaries add up. */
      const RlSimSummary *s = rl_simulation_get_summary (one);
      guint total = 0;
      for (guint k = 0; k < s->n_outcomes; k++)
        total += s->outcomes[k].count;
      assert_true (total <= s->runs && (s->n_outcomes == 10 || total == s->runs));
    }
  g_rand_free (rand);
}

/* The chooser alone, on random objectives (zero, tiny and negative
 * denominators included) and random proposer thresholds, against a
 * brute-force argmax with the same anchored ties. */
static void
test_choose_brute_force (void **state)
{
  (void) state;
  GRand *rand = g_rand_new_with_seed (99);
  RandomShape shape = { .max_issues = 4, .max_options = 5, .max_parties = 4, .max_rules = 1, .coarse = TRUE };
  guint found = 0;
  for (guint n = 0; n < 300; n++)
    {
      shape.jitter = n % 2;
      g_autofree char *yaml = rl_random_scenario (rand, &shape);
      g_autoptr (RlScenario) sc = load (yaml);
      Space s;
      space_init (&s, sc);
      RlSimObjective obj = { .own = (guint) g_rand_int_range (rand, 0, (gint32) s.np) };
      for (guint q = 0; q < s.np; q++)
        if (q != obj.own && g_rand_int_range (rand, 0, 4) != 0)
          {
            static const double dens[] = { 0, 1e-13, -0.1, 0.05, 0.25, 0.5, 1.0 };
            obj.term_party[obj.n_terms] = q;
            obj.term_asp[obj.n_terms] = g_rand_int_range (rand, 0, 9) * 0.125;
            obj.term_den[obj.n_terms] = dens[g_rand_int_range (rand, 0, G_N_ELEMENTS (dens))];
            obj.n_terms++;
          }
      double thr[16];
      for (guint q = 0; q < s.np; q++)
        thr[q] = -INFINITY;
      thr[obj.own] = g_rand_boolean (rand) ? g_rand_int_range (rand, 0, 5) * 0.2 : -INFINITY;
      RlSimQuestion question = { sc, RL_RULES_CONSTRAINTS | RL_RULES_RED_LINES, NULL, 0, thr };
      guint8 got[8];
      RlRun run = { .n_threads = 1 + n % 3 };
      gboolean any = rl_sim_choose (&question, &obj, &run, got, NULL, NULL);

      /* Brute force over the packages that pass the same rules. */
      double best_f = -INFINITY, best_u = -INFINITY;
      gboolean want_any = FALSE;
      g_autofree double *f = g_new0 (double, s.n + 1);
      g_autofree gboolean *ok = g_new0 (gboolean, s.n + 1);
      for (guint64 k = 0; k < s.n; k++)
        {
          const guint8 *x = &s.pkgs[k * s.ni];
          if (!rl_scenario_is_compatible (sc, x) || s.u[k * s.np + obj.own] < thr[obj.own] - EPS)
            continue;
          ok[k] = TRUE;
          f[k] = rl_sim_objective_value (&obj, &s.u[k * s.np]);
          best_f = want_any ? MAX (best_f, f[k]) : f[k];
          want_any = TRUE;
        }
      assert_int_equal (any, want_any);
      if (any)
        {
          found++;
          for (guint64 k = 0; k < s.n; k++)
            if (ok[k] && ties (f[k], best_f))
              best_u = MAX (best_u, s.u[k * s.np + obj.own]);
          gint64 want = -1;
          for (guint64 k = 0; k < s.n && want < 0; k++)
            if (ok[k] && ties (f[k], best_f) && ties (s.u[k * s.np + obj.own], best_u))
              want = (gint64) k;
          assert_int_equal (rl_scenario_package_index (sc, got), want);
        }
      space_clear (&s);
    }
  assert_true (found > 100);
  g_rand_free (rand);
}

/* Issues nobody weighs multiply the ties: far more tying packages than
 * one pass may visit, so the smallest index is found issue by issue.
 * Red lines on the unweighted issues make the smallest tying package
 * something else than all-first-options. */
static void
test_choose_massive_ties (void **state)
{
  (void) state;
  GString *yaml = g_string_new ("redline: 1\ntitle: ties\nissues:\n");
  for (guint i = 0; i < 9; i++)
    g_string_append_printf (yaml, "  i%u: {ordered: true, options: [o0, o1, o2, o3]}\n", i);
  g_string_append (yaml,
                   "parties:\n"
                   "  a:\n"
                   "    batna: 0.1\n"
                   "    weights: {i0: 1, i1: 1}\n"
                   "    values: {i0: increasing, i1: decreasing}\n"
                   "    red_lines: [{id: r1, rule: i5 != o0}, {id: r2, rule: i6 >= o2 or i7 == o3}]\n"
                   "  b:\n"
                   "    batna: 0.1\n"
                   "    weights: {i0: 1, i2: 1}\n"
                   "    values: {i0: decreasing, i2: increasing}\n"
                   "    bonuses: [{when: i8 == o0 and i4 == o0, value: 0.25}]\n"
                   "    red_lines: [{id: r3, rule: \"i3 in [o2, o3]\"}]\n");
  g_autoptr (RlScenario) sc = load (yaml->str);
  g_string_free (yaml, TRUE);
  Space s;
  space_init (&s, sc);
  GRand *rand = g_rand_new_with_seed (3);
  for (guint n = 0; n < 24; n++)
    {
      /* Half with a budget of 10 ties, so that the issue-by-issue search
       * runs whatever the ties number. */
      rl_sim_set_tie_budget (n % 2 ? 10 : 4096);
      RlSimObjective obj = { .own = (n / 2) % 2 };
      guint other = 1 - obj.own;
      obj.term_party[0] = other;
      obj.term_asp[0] = g_rand_int_range (rand, 0, 5) * 0.25;
      obj.term_den[0] = n % 3 == 0 ? 0 : 0.5;
      obj.n_terms = n % 4 == 3 ? 0 : 1;
      double thr[2] = { -INFINITY, -INFINITY };
      thr[obj.own] = g_rand_int_range (rand, 0, 4) * 0.25;
      RlSimQuestion question = { sc, RL_RULES_CONSTRAINTS | RL_RULES_RED_LINES, NULL, 0, thr };
      guint8 got[9];
      RlRun run = { .n_threads = 1 + n % 3 };
      gboolean any = rl_sim_choose (&question, &obj, &run, got, NULL, NULL);
      double best_f = -INFINITY, best_u = -INFINITY;
      gboolean want_any = FALSE;
      for (guint64 k = 0; k < s.n; k++)
        if (rl_scenario_is_compatible (sc, &s.pkgs[k * s.ni]) && s.u[k * s.np + obj.own] >= thr[obj.own] - EPS)
          {
            best_f = MAX (best_f, rl_sim_objective_value (&obj, &s.u[k * s.np]));
            want_any = TRUE;
          }
      assert_int_equal (any, want_any);
      if (!any)
        continue;
      gint64 want = -1;
      for (guint64 k = 0; k < s.n; k++)
        if (rl_scenario_is_compatible (sc, &s.pkgs[k * s.ni]) && s.u[k * s.np + obj.own] >= thr[obj.own] - EPS
            && ties (rl_sim_objective_value (&obj, &s.u[k * s.np]), best_f))
          best_u = MAX (best_u, s.u[k * s.np + obj.own]);
      for (guint64 k = 0; k < s.n && want < 0; k++)
        if (rl_scenario_is_compatible (sc, &s.pkgs[k * s.ni]) && s.u[k * s.np + obj.own] >= thr[obj.own] - EPS
            && ties (rl_sim_objective_value (&obj, &s.u[k * s.np]), best_f)
            && ties (s.u[k * s.np + obj.own], best_u))
          want = (gint64) k;
      assert_int_equal (rl_scenario_package_index (sc, got), want);
    }
  rl_sim_set_tie_budget (4096);
  g_rand_free (rand);
  space_clear (&s);
}

/* Run r of N runs is run r of any other N; different runs draw
 * differently (beliefs and the noisy BATNAs after the deal). */
static void
test_seeds (void **state)
{
  (void) state;
  g_autoptr (RlScenario) sc = load (two_parties);
  RlSimulateOptions opts;
  rl_simulate_options_init (&opts, sc);
  opts.rounds = 10;
  opts.horizon = 4;
  opts.noise = 0.3;
  opts.runs = 40;
  opts.seed = 1;
  g_autoptr (RlSimulation) a = simulate (sc, &opts);
  opts.runs = 7;
  g_autoptr (RlSimulation) b = simulate (sc, &opts);
  for (guint r = 0; r < 7; r++)
    {
      const RlSimOutcome *x = rl_simulation_get_run_outcome (a, r);
      const RlSimOutcome *y = rl_simulation_get_run_outcome (b, r);
      assert_int_equal (x->agreed, y->agreed);
      assert_int_equal (x->round, y->round);
      assert_int_equal (x->broken_at, y->broken_at);
    }
  /* Forty noisy runs do not all end the same way. */
  const RlSimSummary *s = rl_simulation_get_summary (a);
  assert_true (s->n_outcomes > 1 || (s->broken > 0 && s->broken < s->agreed)
               || (s->broken_by[0] > 0 && s->broken_by[1] > 0));
  assert_true (rl_simulate_run_seed (1, 0) != rl_simulate_run_seed (1, 1));
  assert_true (rl_simulate_run_seed (1, 0) != rl_simulate_run_seed (2, 0));
}

/* A space no search finishes (1 party, 40 issues of 64 options, only
 * the first weighed: the Pareto check of the deal meets 64^39 ties). */
static char *
endless_scenario (gboolean mediator)
{
  GString *t = g_string_new ("redline: 1\ntitle: endless\nissues:\n");
  for (guint i = 0; i < 40; i++)
    {
      g_string_append_printf (t, "  i%u: {ordered: true, options: [", i);
      for (guint k = 0; k < 64; k++)
        g_string_append_printf (t, "%so%u", k ? ", " : "", k);
      g_string_append (t, "]}\n");
    }
  g_string_append (t, "parties:\n  p:\n    weights: {i0: 1}\n    values: {i0: increasing}\n");
  if (mediator)
    {
      g_string_append (t, "status_quo: {");
      for (guint i = 0; i < 40; i++)
        g_string_append_printf (t, "%si%u: o0", i ? ", " : "", i);
      g_string_append (t, "}\nsimulation: {protocol: mediator, mediator_reach: 2}\n");
    }
  return g_string_free (t, FALSE);
}

/* What a simulation stopped by its timeout holds, whenever it stopped. */
static void
assert_stopped_whole (const RlSimulation *sim)
{
  RlScenario *sc = rl_simulation_get_scenario (sim);
  const RlSimulateOptions *opts = rl_simulation_get_options (sim);
  RlSimMissing missing = rl_simulation_get_missing (sim);
  const RlSimOutcome *o = rl_simulation_get_outcome (sim);
  const RlSimSummary *s = rl_simulation_get_summary (sim);
  assert_false (rl_simulation_is_complete (sim));
  assert_true (missing != RL_SIM_MISSING_NONE);
  assert_int_equal (o->stopped, (missing & RL_SIM_MISSING_TALKS) != 0);
  if (o->stopped)
    {
      assert_false (o->agreed);
      assert_null (o->package);
      assert_null (rl_simulation_get_package (sim));
      assert_true (isnan (rl_simulation_nash_distance (sim, 0)));
      for (guint p = 0; p < sc->n_parties; p++)
        assert_true (o->utilities[p] == sc->parties[p].batna);
    }
  if (missing & RL_SIM_MISSING_NASH)
    assert_null (rl_simulation_get_nash_package (sim));
  /* The transcript: whole rounds, 0, 1, 2, ... */
  for (guint k = 0; k < rl_simulation_get_n_rounds (sim); k++)
    {
      const RlSimRound *r = rl_simulation_get_round (sim, k);
      assert_int_equal (r->round, k);
      assert_true (r->offer == NULL || r->utilities != NULL);
    }
  assert_int_equal (s->runs, opts->runs);
  assert_true (s->finished <= s->runs);
  assert_int_equal (s->finished < s->runs, (missing & RL_SIM_MISSING_RUNS) != 0);
  guint counted = 0;
  for (guint k = 0; k < s->n_outcomes; k++)
    counted += s->outcomes[k].count;
  assert_true (s->n_outcomes == 10 ? counted <= s->finished : counted == s->finished);
  assert_true (s->agreed <= s->finished);
}

static void
test_timeout (void **state)
{
  (void) state;
  for (guint mediator = 0; mediator < 2; mediator++)
    {
      g_autofree char *text = endless_scenario (mediator);
      g_autoptr (RlScenario) sc = load (text);
      RlSimulateOptions opts;
      rl_simulate_options_init (&opts, sc);
      opts.run.timeout = 0.2;
      for (guint runs = 1; runs <= 3; runs += 2)
        {
          opts.runs = runs;
          opts.noise = runs > 1 ? 0.1 : 0.0;
          gint64 start = g_get_monotonic_time ();
          g_autoptr (RlSimulation) sim = simulate (sc, &opts);
          /* Stopped near the deadline, not at the end of the search
           * (which never comes); generous for valgrind. */
          assert_true (g_get_monotonic_time () - start < 30 * G_TIME_SPAN_SECOND);
          assert_stopped_whole (sim);
        }
    }

  /* A generous timeout changes nothing. */
  g_autoptr (RlScenario) sc = load (two_parties);
  RlSimulateOptions opts;
  rl_simulate_options_init (&opts, sc);
  opts.noise = 0.3;
  opts.runs = 20;
  g_autoptr (RlSimulation) a = simulate (sc, &opts);
  opts.run.timeout = 600;
  g_autoptr (RlSimulation) b = simulate (sc, &opts);
  assert_true (rl_simulation_is_complete (b));
  assert_int_equal (rl_simulation_get_missing (b), RL_SIM_MISSING_NONE);
  assert_int_equal (rl_simulation_get_summary (b)->finished, 20);
  assert_int_equal (rl_simulation_get_n_rounds (a), rl_simulation_get_n_rounds (b));
  assert_int_equal (rl_simulation_get_summary (a)->agreed, rl_simulation_get_summary (b)->agreed);
  for (guint r = 0; r < 20; r++)
    assert_false (rl_simulation_get_run_outcome (b, r)->stopped);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_two_linear),
    cmocka_unit_test (test_two_boulware),
    cmocka_unit_test (test_two_hardliner),
    cmocka_unit_test (test_two_conceder),
    cmocka_unit_test (test_two_exponent),
    cmocka_unit_test (test_one_round),
    cmocka_unit_test (test_three_linear),
    cmocka_unit_test (test_three_fallback),
    cmocka_unit_test (test_three_pass),
    cmocka_unit_test (test_three_order),
    cmocka_unit_test (test_mediator_three),
    cmocka_unit_test (test_mediator_unacceptable),
    cmocka_unit_test (test_mediator_reach),
    cmocka_unit_test (test_mediator_needs_status_quo),
    cmocka_unit_test (test_durability_rank),
    cmocka_unit_test (test_durability_closed_form),
    cmocka_unit_test (test_choose_brute_force),
    cmocka_unit_test (test_choose_massive_ties),
    cmocka_unit_test (test_random_against_naive),
    cmocka_unit_test (test_random_hardliners_empty_zone),
    cmocka_unit_test (test_random_reproducible),
    cmocka_unit_test (test_seeds),
    cmocka_unit_test (test_timeout),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
