/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-search.c: the pruning search against a naive enumerator.
 *
 * The naive side below shares nothing with the search but the scenario's
 * own definitions (rl_scenario_utility, rl_rule_eval): it walks every
 * index of the space, applies scenario.md sections 5 and 6 word for word
 * (Pareto by comparing every pair, ranking by sorting and grouping), and
 * the test demands identical counts, ideals, ranked lists for every score,
 * frontiers, pareto flags and evaluations, with one and with two threads.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <redline/redline.h>
#include "random-scenario.h"

#define EPS 1e-9

typedef struct {
  RlScenario *sc;
  guint n_issues, n_parties;
  guint64 space, feasible, compatible, n;
  guint8 *pkgs;           /* acceptable packages, index order */
  guint64 *index;
  double *u;              /* n * n_parties */
  gboolean *pareto;
  double *ideal;
  guint64 seen[2][64];    /* options of each issue among the compatible, the acceptable */
} Naive;

static gboolean
naive_dominates (const double *y, const double *x, guint n)
{
  gboolean better = FALSE;
  for (guint p = 0; p < n; p++)
    {
      if (y[p] < x[p] - EPS)
        return FALSE;
      if (y[p] > x[p] + EPS)
        better = TRUE;
    }
  return better;
}

static void
naive_build (Naive *nv, RlScenario *sc, gboolean ignore_batna)
{
  memset (nv, 0, sizeof *nv);
  nv->sc = sc;
  nv->n_issues = rl_scenario_get_n_issues (sc);
  nv->n_parties = rl_scenario_get_n_parties (sc);
  g_assert_true (rl_scenario_get_space (sc, &nv->space));
  guint8 *x = g_new (guint8, nv->n_issues);
  GByteArray *pkgs = g_byte_array_new ();
  GArray *index = g_array_new (FALSE, FALSE, sizeof (guint64));
  GArray *u = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint64 k = 0; k < nv->space; k++)
    {
      rl_scenario_package_from_index (sc, k, x);
      if (!rl_scenario_is_feasible (sc, x))
        continue;
      nv->feasible++;
      if (!rl_scenario_is_compatible (sc, x))
        continue;
      nv->compatible++;
      for (guint i = 0; i < nv->n_issues; i++)
        nv->seen[0][i] |= G_GUINT64_CONSTANT (1) << x[i];
      if (!rl_scenario_is_acceptable (sc, x, ignore_batna))
        continue;
      for (guint i = 0; i < nv->n_issues; i++)
        nv->seen[1][i] |= G_GUINT64_CONSTANT (1) << x[i];
      g_byte_array_append (pkgs, x, nv->n_issues);
      g_array_append_val (index, k);
      for (guint p = 0; p < nv->n_parties; p++)
        {
          double v = rl_scenario_utility (sc, p, x);
          g_array_append_val (u, v);
        }
      nv->n++;
    }
  g_free (x);
  nv->pkgs = g_byte_array_free (pkgs, FALSE);
  nv->index = (guint64 *) (gpointer) g_array_free (index, FALSE);
  nv->u = (double *) (gpointer) g_array_free (u, FALSE);
  nv->pareto = g_new0 (gboolean, nv->n + 1);
  for (guint64 i = 0; i < nv->n; i++)
    {
      nv->pareto[i] = TRUE;
      for (guint64 j = 0; j < nv->n && nv->pareto[i]; j++)
        if (naive_dominates (&nv->u[j * nv->n_parties], &nv->u[i * nv->n_parties], nv->n_parties))
          nv->pareto[i] = FALSE;
    }
  nv->ideal = g_new (double, nv->n_parties);
  for (guint p = 0; p < nv->n_parties; p++)
    {
      nv->ideal[p] = -INFINITY;
      for (guint64 i = 0; i < nv->n; i++)
        nv->ideal[p] = MAX (nv->ideal[p], nv->u[i * nv->n_parties + p]);
    }
}

static void
naive_clear (Naive *nv)
{
  g_free (nv->pkgs);
  g_free (nv->index);
  g_free (nv->u);
  g_free (nv->pareto);
  g_free (nv->ideal);
}

/* Section 6, written out again. */
static double
naive_score (const Naive *nv, RlScoreKind kind, guint party, const double *u)
{
  RlScenario *sc = nv->sc;
  double welfare = 0, nash = 1, kalai = INFINITY, min_gain = INFINITY;
  for (guint p = 0; p < nv->n_parties; p++)
    {
      welfare += u[p];
      if (!rl_scenario_party_is_veto (sc, p))
        continue;
      double batna = rl_scenario_get_party_batna (sc, p);
      double gain = u[p] - batna;
      nash *= pow (gain > 0 ? gain : 0, rl_scenario_get_party_power (sc, p));
      min_gain = MIN (min_gain, gain);
      double range = nv->ideal[p] - batna;
      kalai = MIN (kalai, range <= 1e-12 ? 1.0 : gain / range);
    }
  switch (kind)
    {
    case RL_SCORE_WELFARE: return welfare;
    case RL_SCORE_NASH: return nash;
    case RL_SCORE_KALAI: return kalai;
    case RL_SCORE_MIN_GAIN: return min_gain;
    default: return u[party];
    }
}

static gboolean
naive_tie (RlScoreKind kind, double a, double b)
{
  double larger = MAX (fabs (a), fabs (b));
  if (kind == RL_SCORE_NASH)
    return fabs (a - b) <= 1e-9 * larger;
  return fabs (a - b) <= MAX (1e-9, 1e-9 * larger);
}

typedef struct {
  double score;
  guint64 index;
  guint64 pos;
  double anchor;
} Ranked;

static int
by_score_desc (const void *a, const void *b)
{
  const Ranked *x = a, *y = b;
  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;
  return x->index < y->index ? -1 : (x->index > y->index);
}

static int
by_anchor_then_index (const void *a, const void *b)
{
  const Ranked *x = a, *y = b;
  if (x->anchor != y->anchor)
    return x->anchor > y->anchor ? -1 : 1;
  return x->index < y->index ? -1 : (x->index > y->index);
}

/* Every acceptable package in section 6's order. */
static Ranked *
naive_order (const Naive *nv, RlScoreKind kind, guint party)
{
  Ranked *r = g_new (Ranked, nv->n + 1);
  for (guint64 i = 0; i < nv->n; i++)
    r[i] = (Ranked){ naive_score (nv, kind, party, &nv->u[i * nv->n_parties]), nv->index[i], i, 0 };
  qsort (r, nv->n, sizeof *r, by_score_desc);
  double anchor = 0;
  for (guint64 i = 0; i < nv->n; i++)
    {
      if (i == 0 || !naive_tie (kind, anchor, r[i].score))
        anchor = r[i].score;
      r[i].anchor = anchor;
    }
  qsort (r, nv->n, sizeof *r, by_anchor_then_index);
  return r;
}

static void
check_result (const Naive *nv, const RlResult *res, RlScoreKind kind, guint party, guint top,
              gboolean only_top, const char *yaml)
{
  RlCounts c;
  if (!only_top)
    {
      assert_true (rl_result_get_counts (res, &c));
      assert_int_equal (c.space, nv->space);
      assert_int_equal (c.feasible, nv->feasible);
      assert_int_equal (c.compatible, nv->compatible);
      assert_int_equal (c.acceptable, nv->n);
      guint64 n_pareto = 0;
      for (guint64 i = 0; i < nv->n; i++)
        n_pareto += nv->pareto[i] ? 1 : 0;
      assert_int_equal (c.pareto, n_pareto);
      /* frontier: index order */
      guint f = 0;
      for (guint64 i = 0; i < nv->n; i++)
        if (nv->pareto[i])
          {
            assert_true (f < rl_result_get_n_frontier (res));
            assert_int_equal (rl_result_get_frontier (res, f)->index, nv->index[i]);
            f++;
          }
      assert_int_equal (f, rl_result_get_n_frontier (res));
      /* cli.md's decided: the one option every package of the set has. */
      for (guint k = 0; k < 2; k++)
        {
          const int *decided = rl_result_get_decided (res, k == 1);
          if ((k == 0 ? nv->compatible : nv->n) == 0)
            {
              assert_null (decided);
              continue;
            }
          assert_non_null (decided);
          for (guint i = 0; i < nv->n_issues; i++)
            {
              int want = -1;
              for (int o = 0; o < 64; o++)
                if (nv->seen[k][i] == G_GUINT64_CONSTANT (1) << o)
                  want = o;
              if (decided[i] != want)
                fail_msg ("decided[%u] of the %s is %d, expected %d in\n%s", i,
                          k ? "acceptable" : "compatible", decided[i], want, yaml);
            }
        }
      for (guint p = 0; p < nv->n_parties && nv->n > 0; p++)
        {
          double ideal;
          assert_true (rl_result_get_ideal (res, p, &ideal));
          assert_true (fabs (ideal - nv->ideal[p]) <= 1e-12);
        }
    }
  g_autofree Ranked *order = naive_order (nv, kind, party);
  guint expect = (guint) MIN ((guint64) top, nv->n);
  if (rl_result_get_n_top (res) != expect)
    fail_msg ("top has %u, expected %u in\n%s", rl_result_get_n_top (res), expect, yaml);
  for (guint i = 0; i < expect; i++)
    {
      const RlPackage *pkg = rl_result_get_top (res, i);
      if (pkg->index != order[i].index)
        fail_msg ("%s: rank %u is %" G_GUINT64_FORMAT ", expected %" G_GUINT64_FORMAT " in\n%s",
                  rl_score_name (kind), i + 1, pkg->index, order[i].index, yaml);
      assert_int_equal (pkg->rank, i + 1);
      assert_int_equal (pkg->pareto, nv->pareto[order[i].pos]);
      for (guint p = 0; p < nv->n_parties; p++)
        assert_true (pkg->utilities[p] == nv->u[order[i].pos * nv->n_parties + p]);
      for (guint k = 0; k < RL_N_STANDARD_SCORES; k++)
        {
          double want = naive_score (nv, (RlScoreKind) k, 0, &nv->u[order[i].pos * nv->n_parties]);
          /* Nash: the library holds the product's logarithm. */
          double got = k == RL_SCORE_NASH ? exp (pkg->scores[k]) : pkg->scores[k];
          assert_true (fabs (got - want) <= 1e-12 * MAX (1, fabs (want)));
        }
    }
}

static void
pick_package (const Naive *nv, RlScenario *sc, GRand *rand, guint8 *x)
{
  for (guint i = 0; i < nv->n_issues; i++)
    x[i] = (guint8) g_rand_int_range (rand, 0, (gint32) rl_scenario_get_n_options (sc, i));
  /* Half the time, an acceptable package. */
  if (nv->n > 0 && g_rand_boolean (rand))
    memcpy (x, &nv->pkgs[g_rand_int_range (rand, 0, (gint32) nv->n) * nv->n_issues], nv->n_issues);
}

/* @partial: the evaluation may have been cut by a deadline: a rank is then
 * exact or 0 (not computed), the count a lower bound, a dominating
 * package a true one, a known pareto flag the true one. */
static void
check_evaluation (const Naive *nv, RlScenario *sc, const guint8 *x, const RlEvaluation *ev,
                  gboolean partial, const char *yaml)
{
  guint64 k = rl_scenario_package_index (sc, x);
  gint64 pos = -1;
  for (guint64 i = 0; i < nv->n; i++)
    if (nv->index[i] == k)
      pos = (gint64) i;
  assert_int_equal (rl_evaluation_is_acceptable (ev), pos >= 0);
  if (partial)
    assert_true (rl_known_holds (rl_evaluation_get_n_acceptable_known (ev), nv->n));
  else
    assert_int_equal (rl_evaluation_get_n_acceptable (ev), nv->n);
  double u[64];
  for (guint p = 0; p < nv->n_parties; p++)
    u[p] = rl_scenario_utility (sc, p, x);
  /* dominated_by: the dominating package first by welfare's order. */
  gint64 best = -1;
  g_autofree Ranked *by_welfare = naive_order (nv, RL_SCORE_WELFARE, 0);
  for (guint64 i = 0; i < nv->n && best < 0; i++)
    if (naive_dominates (&nv->u[by_welfare[i].pos * nv->n_parties], u, nv->n_parties))
      best = (gint64) by_welfare[i].index;
  const RlPackage *dom = rl_evaluation_get_dominated_by (ev);
  if (pos >= 0 && rl_evaluation_is_pareto_known (ev))
    assert_int_equal (rl_evaluation_get_package (ev)->pareto, best < 0);
  if (partial)
    {
      /* Any dominator found is one; which one is the first by welfare
       * only once the sweep finished. */
      if (dom)
        assert_true (best >= 0 && naive_dominates (dom->utilities, u, nv->n_parties));
    }
  else if (best < 0)
    assert_null (dom);
  else
    {
      assert_non_null (dom);
      if ((gint64) dom->index != best)
        fail_msg ("dominated_by %" G_GUINT64_FORMAT ", expected %" G_GINT64_FORMAT " in\n%s",
                  dom->index, best, yaml);
    }
  if (pos < 0)
    return;
  for (guint s = 0; s < RL_N_STANDARD_SCORES; s++)
    {
      g_autofree Ranked *order = naive_order (nv, (RlScoreKind) s, 0);
      guint64 rank = 0;
      for (guint64 i = 0; i < nv->n; i++)
        if (order[i].index == k)
          rank = i + 1;
      if (partial && rl_evaluation_get_rank (ev, (RlScoreKind) s) == 0)
        continue;
      if (rl_evaluation_get_rank (ev, (RlScoreKind) s) != rank)
        fail_msg ("%s rank %" G_GUINT64_FORMAT ", expected %" G_GUINT64_FORMAT " in\n%s",
                  rl_score_name ((RlScoreKind) s), rl_evaluation_get_rank (ev, (RlScoreKind) s), rank, yaml);
    }
}

static void
check_evaluate (const Naive *nv, RlScenario *sc, GRand *rand, const char *yaml)
{
  guint8 x[64];
  pick_package (nv, sc, rand, x);
  g_autoptr (GError) error = NULL;
  g_autoptr (RlEvaluation) ev = rl_evaluate (sc, x, NULL, &error);
  assert_non_null (ev);
  check_evaluation (nv, sc, x, ev, FALSE, yaml);

  /* Many at once (debrief): up to 12 packages, some twice, every one
   * against brute force; then the same cut by a deterministic deadline. */
  guint n = (guint) g_rand_int_range (rand, 1, 13);
  g_autofree guint8 *many = g_new0 (guint8, (gsize) n * 64);
  g_autofree const guint8 **rows = g_new0 (const guint8 *, n + 1);
  for (guint r = 0; r < n; r++)
    {
      if (r > 0 && g_rand_int_range (rand, 0, 4) == 0)
        memcpy (many + r * 64, many + (r - 1) * 64, 64);
      else
        pick_package (nv, sc, rand, many + r * 64);
      rows[r] = many + r * 64;
    }
  for (guint cut = 0; cut < 2; cut++)
    {
      RlSolveOptions opts;
      rl_solve_options_init (&opts);
      opts.run.n_threads = cut ? 1 : (guint) g_rand_int_range (rand, 1, 3);
      gint budget = g_rand_int_range (rand, 1, 400);
      if (cut)
        opts.run.test_budget = &budget;
      RlEvaluation **evs = rl_evaluate_many (sc, rows, n, &opts, &error);
      assert_non_null (evs);
      for (guint r = 0; r < n; r++)
        {
          check_evaluation (nv, sc, rows[r], evs[r], cut, yaml);
          rl_evaluation_free (evs[r]);
        }
      g_free (evs);
    }
}

static void
run_property (guint32 seed, guint n_scenarios, const RandomShape *shape)
{
  GRand *rand = g_rand_new_with_seed (seed);
  static const guint tops[] = { 1, 3, 10, 100000 };
  for (guint s = 0; s < n_scenarios; s++)
    {
      g_autofree char *yaml = rl_random_scenario (rand, shape);
      g_autoptr (GError) error = NULL;
      g_autoptr (RlScenario) sc = rl_scenario_load_from_data (yaml, strlen (yaml), "random.yaml", &error);
      if (sc == NULL)
        fail_msg ("random scenario does not load: %s\n%s", error->message, yaml);
      gboolean ignore_batna = g_rand_int_range (rand, 0, 5) == 0;
      Naive nv;
      naive_build (&nv, sc, ignore_batna);

      guint n_kinds = 4 + rl_scenario_get_n_parties (sc);
      for (guint kk = 0; kk < n_kinds; kk++)
        {
          RlSolveOptions opts;
          rl_solve_options_init (&opts);
          RlScoreKind kind = kk < 4 ? (RlScoreKind) kk : RL_SCORE_UTILITY;
          guint party = kk < 4 ? 0 : kk - 4;
          opts.rank = (RlRank){ kind, party };
          opts.top = tops[g_rand_int_range (rand, 0, G_N_ELEMENTS (tops))];
          opts.flags = RL_SOLVE_FRONTIER | (ignore_batna ? RL_SOLVE_IGNORE_BATNA : 0);
          opts.run.n_threads = (guint) g_rand_int_range (rand, 1, 3);
          gboolean only_top = g_rand_int_range (rand, 0, 3) == 0;
          if (only_top)
            opts.flags = RL_SOLVE_ONLY_TOP | (ignore_batna ? RL_SOLVE_IGNORE_BATNA : 0);
          g_autoptr (RlResult) res = rl_solve (sc, &opts, &error);
          assert_non_null (res);
          check_result (&nv, res, kind, party, opts.top, only_top, yaml);
        }
      if (!ignore_batna)
        check_evaluate (&nv, sc, rand, yaml);
      naive_clear (&nv);
    }
  g_rand_free (rand);
}

static void
test_fine_values (void **state)
{
  (void) state;
  RandomShape shape = { 4, 4, 4, 2, FALSE, FALSE };
  run_property (1, 150, &shape);
}

static void
test_coarse_ties (void **state)
{
  (void) state;
  RandomShape shape = { 5, 3, 4, 2, TRUE, FALSE };
  run_property (2, 100, &shape);
}

static void
test_jitter_ties (void **state)
{
  (void) state;
  RandomShape shape = { 4, 4, 3, 1, TRUE, TRUE };
  run_property (3, 100, &shape);
}

static void
test_larger (void **state)
{
  (void) state;
  RandomShape shape = { 7, 4, 5, 3, FALSE, FALSE };
  run_property (4, 30, &shape);
}

/* Scores packed closer than the band rule's clear gap (2e-9) over the
 * whole band: every rank needs the wide pass (evaluate.c's dense bands),
 * for one package and for many at once. */
static void
test_dense_bands (void **state)
{
  (void) state;
  g_autoptr (GString) y = g_string_new ("redline: 1\ntitle: dense\nissues:\n");
  for (guint i = 0; i < 2; i++)
    {
      g_string_append_printf (y, "  i%u:\n    options: [", i);
      for (guint k = 0; k < 30; k++)
        g_string_append_printf (y, "%so%u", k ? ", " : "", k);
      g_string_append (y, "]\n");
    }
  g_string_append (y, "parties:\n");
  for (guint p = 0; p < 2; p++)
    {
      g_string_append_printf (y, "  p%u:\n    weights: {i0: 1, i1: 1}\n    batna: 0\n    values:\n", p);
      for (guint i = 0; i < 2; i++)
        {
          g_string_append_printf (y, "      i%u: {", i);
          for (guint k = 0; k < 30; k++)
            {
              /* p0 and p1 differ a little, so that Nash and min_gain do not
               * order exactly as welfare does. */
              double v = 0.5 + (i == 0 ? 1.5e-9 : 4.5e-8) * k + (p == 1 ? 2e-11 * ((k * 7) % 30) : 0);
              char buf[G_ASCII_DTOSTR_BUF_SIZE];
              g_string_append_printf (y, "%so%u: %s", k ? ", " : "", k, g_ascii_dtostr (buf, sizeof buf, v));
            }
          g_string_append (y, "}\n");
        }
    }
  g_autoptr (GError) error = NULL;
  g_autoptr (RlScenario) sc = rl_scenario_load_from_data (y->str, y->len, "dense.yaml", &error);
  if (!sc)
    fail_msg ("dense scenario: %s\n%s", error->message, y->str);
  Naive nv;
  naive_build (&nv, sc, FALSE);
  GRand *rand = g_rand_new_with_seed (9);
  guint8 rows[40][64];
  const guint8 *ptrs[40];
  for (guint r = 0; r < 40; r++)
    {
      pick_package (&nv, sc, rand, rows[r]);
      ptrs[r] = rows[r];
    }
  RlEvaluation **evs = rl_evaluate_many (sc, ptrs, 40, NULL, &error);
  assert_non_null (evs);
  for (guint r = 0; r < 40; r++)
    {
      check_evaluation (&nv, sc, rows[r], evs[r], FALSE, y->str);
      rl_evaluation_free (evs[r]);
    }
  g_free (evs);
  g_rand_free (rand);
  naive_clear (&nv);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_fine_values),
    cmocka_unit_test (test_coarse_ties),
    cmocka_unit_test (test_jitter_ties),
    cmocka_unit_test (test_larger),
    cmocka_unit_test (test_dense_bands),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
