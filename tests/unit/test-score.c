/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-score.c: scenario.md section 6 on hand-computed cases: each score,
 * the tie rule at its edges, and the anchored-group order.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <redline/redline.h>
#include "engine/score.h"
#include "engine/topk.h"

/* Three parties: a (veto, batna 0.2, power 2), b (veto, batna 0.1),
 * c (observer, batna 0.9: ignored). One issue, x, with options p and q.
 * Weights put all of each party's utility on x. */
static const char scenario_text[] =
  "redline: 1\n"
  "title: scores\n"
  "issues:\n"
  "  x: {options: [p, q]}\n"
  "parties:\n"
  "  a: {batna: 0.2, power: 2, weights: {x: 1}, values: {x: {p: 0.5, q: 0.7}}}\n"
  "  b: {batna: 0.1, weights: {x: 1}, values: {x: {p: 0.4, q: 0.3}}}\n"
  "  c: {veto: false, batna: 0.9, weights: {x: 1}, values: {x: {p: 0.1, q: 0.2}}}\n";

static void
test_scores_by_hand (void **state)
{
  (void) state;
  g_autoptr (GError) error = NULL;
  g_autoptr (RlScenario) sc = rl_scenario_load_from_data (scenario_text, strlen (scenario_text),
                                                          "scores.yaml", &error);
  assert_non_null (sc);
  /* Package p: u = (0.5, 0.4, 0.1); gains a 0.3, b 0.3.
   *   welfare = 1.0 (observers count)
   *   nash = 0.3^2 * 0.3^1 = 0.027
   *   min_gain = 0.3
   * Ideals over both packages: a 0.7, b 0.4; kalai = min(0.3/0.5, 0.3/0.3) = 0.6 */
  double u[3] = { 0.5, 0.4, 0.1 };
  double ideal[3] = { 0.7, 0.4, 0.2 };
  double out[RL_N_STANDARD_SCORES];
  rl_scores_compute (sc, u, ideal, out);
  assert_true (fabs (out[RL_SCORE_WELFARE] - 1.0) < 1e-12);
  /* RlPackage and the ranking hold the Nash product's logarithm. */
  assert_true (fabs (out[RL_SCORE_NASH] - log (0.027)) < 1e-12);
  assert_true (fabs (rl_nash_product (sc, u) - 0.027) < 1e-15);
  assert_true (fabs (out[RL_SCORE_KALAI] - 0.6) < 1e-12);
  assert_true (fabs (out[RL_SCORE_MIN_GAIN] - 0.3) < 1e-12);
  /* Without ideals, kalai is unknown. */
  rl_scores_compute (sc, u, NULL, out);
  assert_true (isnan (out[RL_SCORE_KALAI]));
  /* A party whose ideal is its BATNA (range <= 1e-12) contributes 1:
   * b's ideal 0.1 = batna, a's term 0.3 / 0.5 = 0.6. */
  double flat[3] = { 0.7, 0.1, 0.2 };
  rl_scores_compute (sc, u, flat, out);
  assert_true (fabs (out[RL_SCORE_KALAI] - 0.6) < 1e-12);
  /* Below a BATNA (possible with --ignore-batna), Nash counts max(gain, 0)
   * and min_gain goes negative. */
  double low[3] = { 0.1, 0.4, 0.1 };
  rl_scores_compute (sc, low, ideal, out);
  assert_true (out[RL_SCORE_NASH] == -INFINITY);
  assert_true (rl_nash_product (sc, low) == 0.0);
  assert_true (fabs (out[RL_SCORE_MIN_GAIN] - (-0.1)) < 1e-12);
  RlRank rank = { RL_SCORE_UTILITY, 1 };
  assert_true (rl_score_value (sc, &rank, u, ideal) == 0.4);
  /* The bound of a score is the score of the bounds. */
  rank.kind = RL_SCORE_NASH;
  double ub[3] = { 0.7, 0.4, 0.2 };
  assert_true (fabs (rl_score_bound (sc, &rank, ub, ideal) - log (0.25 * 0.3)) < 1e-12);
}

static void
test_tie_rule (void **state)
{
  (void) state;
  /* Nash: relative only, said of the products' logarithms. */
  assert_true (rl_scores_tie (RL_SCORE_NASH, log (1e-12), log (1e-12 * (1 + 0.9e-9))));
  assert_false (rl_scores_tie (RL_SCORE_NASH, log (1e-12), log (1e-12 * (1 + 1.1e-9))));
  assert_false (rl_scores_tie (RL_SCORE_NASH, log (1e-12), log (2e-12)));   /* tiny, but not close */
  assert_true (rl_scores_tie (RL_SCORE_NASH, -INFINITY, -INFINITY));        /* both 0 */
  assert_false (rl_scores_tie (RL_SCORE_NASH, -INFINITY, -1e300));
  /* Beyond a double: 0.5^10000 and 0.5^10000 * (1 + 2e-9) are told apart. */
  assert_false (rl_scores_tie (RL_SCORE_NASH, 1e4 * log (0.5), 1e4 * log (0.5) + 2e-9));
  assert_true (rl_scores_tie (RL_SCORE_NASH, 1e4 * log (0.5), 1e4 * log (0.5) + 0.5e-9));
  /* Others: 1e-9 absolute, or relative when larger. */
  assert_true (rl_scores_tie (RL_SCORE_WELFARE, 0.5, 0.5 + 0.9e-9));
  assert_false (rl_scores_tie (RL_SCORE_WELFARE, 0.5, 0.5 + 1.1e-9));
  assert_true (rl_scores_tie (RL_SCORE_WELFARE, 2.45, 2.45 + 2e-9));   /* 2.45e-9 allowed */
  assert_false (rl_scores_tie (RL_SCORE_WELFARE, 1.65, 1.65 + 2e-9));  /* 1.65e-9 allowed */
  assert_true (rl_scores_tie (RL_SCORE_MIN_GAIN, -0.3, -0.3 - 0.5e-9));
  assert_true (rl_scores_tie (RL_SCORE_KALAI, 1e-12, 5e-10));          /* absolute floor */
}

static void
test_anchored_groups (void **state)
{
  (void) state;
  /* Scores (welfare kind) and packages (one byte: the index):
   *   idx 4: 1.0
   *   idx 1: 1.0 - 0.6e-9   ties with 4 (the anchor)
   *   idx 0: 1.0 - 1.2e-9   does not tie with 4: starts the next group
   *   idx 3: 1.0 - 1.7e-9   ties with anchor 0 (0.5e-9 apart)
   *   idx 2: 0.5
   * Groups: {4, 1} -> by index 1, 4; {0, 3} -> 0, 3; {2}.
   * Expected order: 1, 4, 0, 3, 2 — although 1 and 0 tie with each other,
   * 0 is not in the first group: ties are anchored, not chained. */
  double scores[5] = { 1.0 - 1.2e-9, 1.0 - 0.6e-9, 0.5, 1.0 - 1.7e-9, 1.0 };
  guint8 packages[5] = { 0, 1, 2, 3, 4 };
  guint perm[5];
  rl_order_packages (RL_SCORE_WELFARE, scores, packages, 1, 5, perm);
  const guint want[5] = { 1, 4, 0, 3, 2 };
  for (guint i = 0; i < 5; i++)
    assert_int_equal (perm[i], want[i]);

  /* The top-K collection gives the same first three, whatever the order
   * of arrival and the number of pieces merged. */
  const guint arrivals[2][5] = { { 0, 1, 2, 3, 4 }, { 4, 3, 2, 1, 0 } };
  for (guint a = 0; a < 2; a++)
    {
      RlTopK *t = rl_topk_new (RL_SCORE_WELFARE, 3, 1, 0);
      RlTopK *u = rl_topk_new (RL_SCORE_WELFARE, 3, 1, 0);
      for (guint j = 0; j < 5; j++)
        {
          guint k = arrivals[a][j];
          rl_topk_offer (j % 2 ? u : t, scores[k], &packages[k], NULL);
        }
      rl_topk_merge (t, u);
      assert_int_equal (rl_topk_finish (t), 3);
      for (guint i = 0; i < 3; i++)
        assert_int_equal (rl_topk_get_package (t, i)[0], want[i]);
      rl_topk_free (t);
      rl_topk_free (u);
    }
}

static void
test_rank_parse (void **state)
{
  (void) state;
  g_autoptr (GError) error = NULL;
  g_autoptr (RlScenario) sc = rl_scenario_load_from_data (scenario_text, strlen (scenario_text),
                                                          "scores.yaml", &error);
  RlRank rank;
  assert_true (rl_rank_parse (sc, "kalai", &rank, NULL));
  assert_int_equal (rank.kind, RL_SCORE_KALAI);
  assert_true (rl_rank_parse (sc, "utility:c", &rank, NULL));
  assert_int_equal (rank.kind, RL_SCORE_UTILITY);
  assert_int_equal (rank.party, 2);
  assert_false (rl_rank_parse (sc, "utility:d", &rank, &error));
  assert_non_null (strstr (error->message, "unknown party 'd'"));
  g_clear_error (&error);
  assert_false (rl_rank_parse (sc, "nahs", &rank, &error));
  assert_non_null (strstr (error->message, "did you mean 'nash'?"));
  g_autofree char *text = rl_rank_to_string (sc, &(RlRank){ RL_SCORE_UTILITY, 0 });
  assert_string_equal (text, "utility:a");
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_scores_by_hand),
    cmocka_unit_test (test_tie_rule),
    cmocka_unit_test (test_anchored_groups),
    cmocka_unit_test (test_rank_parse),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
