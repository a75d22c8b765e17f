/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-cancel.c: RlRunOptions.cancel, the flag with which a caller (the
 * server of `redline serve`) stops an analysis early.
 *
 * A flag that stays 0 changes nothing: on random scenarios the counts
 * equal a naive count written out below (every index of the space, the
 * scenario's own predicates), and the result is complete. A flag set
 * before the call, or by another thread during it, stops solve,
 * evaluate and explain on a space far too large to finish (4^16
 * packages, every one acceptable) within a second, with the answer
 * marked incomplete, as a timeout would.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <redline/redline.h>
#include <redline/explain.h>
#include "random-scenario.h"

/* Seconds any stopped analysis may take: far below what the work needs. */
#define STOP_WITHIN 5.0

/* 16 issues of 4 options, two parties, no rule, BATNAs 0: 4^16 packages,
 * all acceptable; counting them would take minutes. */
static RlScenario *
huge_scenario (void)
{
  GString *y = g_string_new ("redline: 1\ntitle: huge\nissues:\n");
  for (guint i = 0; i < 16; i++)
    g_string_append_printf (y, "  i%u:\n    ordered: true\n    options: [a, b, c, d]\n", i);
  g_string_append (y, "parties:\n");
  for (guint p = 0; p < 2; p++)
    {
      g_string_append_printf (y, "  p%u:\n    batna: 0\n    weights: {", p);
      for (guint i = 0; i < 16; i++)
        g_string_append_printf (y, "%si%u: %u", i ? ", " : "", i, 1 + (i * (p + 1)) % 5);
      g_string_append (y, "}\n    values: {");
      for (guint i = 0; i < 16; i++)
        g_string_append_printf (y, "%si%u: %s", i ? ", " : "", i, (i + p) % 2 ? "increasing" : "decreasing");
      g_string_append (y, "}\n");
    }
  g_autoptr (GError) error = NULL;
  RlScenario *sc = rl_scenario_load_from_data (y->str, y->len, "huge.yaml", &error);
  if (!sc)
    fail_msg ("huge.yaml does not load: %s", error->message);
  g_string_free (y, TRUE);
  return sc;
}

static double
seconds_since (gint64 start)
{
  return (double) (g_get_monotonic_time () - start) / G_TIME_SPAN_SECOND;
}

/* ---- A flag that stays 0 ---------------------------------------------------------- */

static void
test_unset_flag_changes_nothing (void **state)
{
  GRand *rand = g_rand_new_with_seed (1901);
  RandomShape shape = { 5, 4, 3, 2, FALSE, FALSE, FALSE };
  for (guint s = 0; s < 60; s++)
    {
      g_autofree char *yaml = rl_random_scenario (rand, &shape);
      g_autoptr (GError) error = NULL;
      g_autoptr (RlScenario) sc = rl_scenario_load_from_data (yaml, strlen (yaml), "random.yaml", &error);
      assert_non_null (sc);
      guint64 space = 0, feasible = 0, compatible = 0, acceptable = 0;
      assert_true (rl_scenario_get_space (sc, &space));
      g_autofree guint8 *x = g_new (guint8, rl_scenario_get_n_issues (sc) + 1);
      for (guint64 k = 0; k < space; k++)
        {
          rl_scenario_package_from_index (sc, k, x);
          if (!rl_scenario_is_feasible (sc, x))
            continue;
          feasible++;
          if (!rl_scenario_is_compatible (sc, x))
            continue;
          compatible++;
          if (rl_scenario_is_acceptable (sc, x, FALSE))
            acceptable++;
        }
      gint flag = 0;
      RlSolveOptions so;
      rl_solve_options_init (&so);
      so.run.cancel = &flag;
      so.run.n_threads = 1 + s % 2;
      g_autoptr (RlResult) res = rl_solve (sc, &so, &error);
      assert_non_null (res);
      assert_true (rl_result_is_complete (res));
      RlCounts c;
      assert_true (rl_result_get_counts (res, &c));
      if (c.feasible != feasible || c.compatible != compatible || c.acceptable != acceptable)
        fail_msg ("counts %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT
                  ", naive %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT "\n%s",
                  c.feasible, c.compatible, c.acceptable, feasible, compatible, acceptable, yaml);
    }
  g_rand_free (rand);
}

/* ---- A flag set before the call ---------------------------------------------------- */

static void
test_set_flag_stops_solve (void **state)
{
  g_autoptr (RlScenario) sc = huge_scenario ();
  gint flag = 1;
  RlSolveOptions so;
  rl_solve_options_init (&so);
  so.run.cancel = &flag;
  gint64 start = g_get_monotonic_time ();
  g_autoptr (GError) error = NULL;
  g_autoptr (RlResult) res = rl_solve (sc, &so, &error);
  assert_non_null (res);
  assert_false (rl_result_is_complete (res));
  assert_true (seconds_since (start) < STOP_WITHIN);
  /* What was counted is a lower bound of the 4^16. */
  RlCounts c;
  assert_true (rl_result_get_counts (res, &c));
  assert_true (c.acceptable < G_GUINT64_CONSTANT (4294967296));
}

static void
test_set_flag_stops_evaluate (void **state)
{
  g_autoptr (RlScenario) sc = huge_scenario ();
  gint flag = 1;
  RlSolveOptions so;
  rl_solve_options_init (&so);
  so.run.cancel = &flag;
  guint8 package[16] = { 0 };
  gint64 start = g_get_monotonic_time ();
  g_autoptr (GError) error = NULL;
  g_autoptr (RlEvaluation) ev = rl_evaluate (sc, package, &so, &error);
  assert_non_null (ev);
  assert_false (rl_evaluation_is_complete (ev));
  assert_true (seconds_since (start) < STOP_WITHIN);
}

static void
test_set_flag_stops_explain (void **state)
{
  g_autoptr (RlScenario) sc = huge_scenario ();
  gint flag = 1;
  RlExplainOptions eo;
  rl_explain_options_init (&eo);
  eo.run.timeout = 0;
  eo.run.cancel = &flag;
  gint64 start = g_get_monotonic_time ();
  g_autoptr (GError) error = NULL;
  g_autoptr (RlExplanation) ex = rl_explain (sc, &eo, &error);
  assert_non_null (ex);
  assert_false (rl_explanation_is_complete (ex));
  assert_true (seconds_since (start) < STOP_WITHIN);
}

/* ---- A flag set by another thread ------------------------------------------------- */

static gpointer
set_later (gpointer data)
{
  g_usleep (G_USEC_PER_SEC / 20);
  g_atomic_int_set ((gint *) data, 1);
  return NULL;
}

static void
test_flag_set_during_solve (void **state)
{
  g_autoptr (RlScenario) sc = huge_scenario ();
  for (guint threads = 1; threads <= 2; threads++)
    {
      gint flag = 0;
      RlSolveOptions so;
      rl_solve_options_init (&so);
      so.run.cancel = &flag;
      so.run.n_threads = threads;
      so.flags = RL_SOLVE_FRONTIER;
      gint64 start = g_get_monotonic_time ();
      GThread *t = g_thread_new ("cancel", set_later, &flag);
      g_autoptr (GError) error = NULL;
      g_autoptr (RlResult) res = rl_solve (sc, &so, &error);
      g_thread_join (t);
      double took = seconds_since (start);
      assert_non_null (res);
      assert_false (rl_result_is_complete (res));
      /* Not before the flag was set, and soon after. */
      assert_true (took >= 0.045);
      assert_true (took < 0.05 + STOP_WITHIN);
    }
}

/* The deadline still works beside the flag. */
static void
test_timeout_beside_flag (void **state)
{
  g_autoptr (RlScenario) sc = huge_scenario ();
  gint flag = 0;
  RlSolveOptions so;
  rl_solve_options_init (&so);
  so.run.cancel = &flag;
  so.run.timeout = 0.05;
  gint64 start = g_get_monotonic_time ();
  g_autoptr (GError) error = NULL;
  g_autoptr (RlResult) res = rl_solve (sc, &so, &error);
  assert_non_null (res);
  assert_false (rl_result_is_complete (res));
  assert_true (seconds_since (start) < 0.05 + STOP_WITHIN);
  assert_int_equal (flag, 0);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_unset_flag_changes_nothing),
    cmocka_unit_test (test_set_flag_stops_solve),
    cmocka_unit_test (test_set_flag_stops_evaluate),
    cmocka_unit_test (test_set_flag_stops_explain),
    cmocka_unit_test (test_flag_set_during_solve),
    cmocka_unit_test (test_timeout_beside_flag),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
