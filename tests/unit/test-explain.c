/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-explain.c: `explain` checked by definition against brute force.
 *
 * The naive side shares nothing with the library's search: it walks every
 * index of the space, keeps the feasible packages (rl_scenario_is_feasible)
 * with the set of blockers each satisfies (rl_rule_eval, and
 * rl_scenario_utility against the BATNA with scenario.md's 1e-9), and
 * answers every question from that table: a set of blockers is
 * satisfiable when some feasible package satisfies all of them. On random
 * scenarios it demands that
 *   - every reported conflict is unsatisfiable and each one-smaller subset
 *     satisfiable; every relaxation leaves a satisfiable rest and none of
 *     its one-smaller subsets does;
 *   - the lists equal the brute-force enumeration over all subsets, in
 *     cli.md's order (size, then sorted ids), cut at --max;
 *   - excludes, sole, the acceptable count, each relaxation's count, best
 *     package (by the rank, kalai over the relaxed scenario's ideals,
 *     section 6's tie order) and pareto flag, and each price, equal brute
 *     force;
 * for both algorithms (the power-set sweep and the level-by-level
 * enumeration that larger scenarios use) and with one and two threads.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <redline/redline.h>
#include <redline/explain.h>
#include "analysis/explain-private.h"
#include "random-scenario.h"

#define EPS 1e-9

/* ---- the naive side ------------------------------------------------------------ */

typedef struct {
  RlScenario *sc;
  guint n_issues, n_parties, n;       /* n: blockers */
  char **ids;                          /* per blocker, file order */
  guint *party;
  gboolean *is_batna;
  const RlRule **rule;
  guint64 full;
  guint64 n_feasible;
  guint64 *mask;                       /* per feasible package */
  guint64 *index;
  double *u;                           /* n_feasible * n_parties */
} Naive;

static void
naive_build (Naive *nv, RlScenario *sc)
{
  memset (nv, 0, sizeof *nv);
  nv->sc = sc;
  nv->n_issues = rl_scenario_get_n_issues (sc);
  nv->n_parties = rl_scenario_get_n_parties (sc);
  GPtrArray *ids = g_ptr_array_new ();
  GArray *party = g_array_new (FALSE, FALSE, sizeof (guint));
  GArray *is_batna = g_array_new (FALSE, FALSE, sizeof (gboolean));
  GPtrArray *rules = g_ptr_array_new ();
  for (guint p = 0; p < nv->n_parties; p++)
    {
      if (!rl_scenario_party_is_veto (sc, p))
        continue;
      guint nr = rl_scenario_get_n_red_lines (sc, p);
      for (guint r = 0; r <= nr; r++)
        {
          gboolean batna = r == nr;
          const RlNamedRule *named = batna ? NULL : rl_scenario_get_red_line (sc, p, r);
          g_ptr_array_add (ids, g_strdup_printf ("%s/%s", rl_scenario_get_party_id (sc, p),
                                                 batna ? "batna" : rl_named_rule_get_id (named)));
          g_array_append_val (party, p);
          g_array_append_val (is_batna, batna);
          g_ptr_array_add (rules, batna ? NULL : (gpointer) rl_named_rule_get_rule (named));
        }
    }
  nv->n = ids->len;
  g_assert_cmpuint (nv->n, <=, 63);
  nv->ids = (char **) g_ptr_array_free (ids, FALSE);
  nv->party = (guint *) (void *) g_array_free (party, FALSE);
  nv->is_batna = (gboolean *) (void *) g_array_free (is_batna, FALSE);
  nv->rule = (const RlRule **) g_ptr_array_free (rules, FALSE);
  nv->full = (G_GUINT64_CONSTANT (1) << nv->n) - 1;

  guint64 space;
  g_assert_true (rl_scenario_get_space (sc, &space));
  guint8 *x = g_new (guint8, nv->n_issues + 1);
  GArray *mask = g_array_new (FALSE, FALSE, sizeof (guint64));
  GArray *index = g_array_new (FALSE, FALSE, sizeof (guint64));
  GArray *u = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint64 k = 0; k < space; k++)
    {
      rl_scenario_package_from_index (sc, k, x);
      if (!rl_scenario_is_feasible (sc, x))
        continue;
      guint64 m = 0;
      for (guint b = 0; b < nv->n; b++)
        {
          gboolean holds = nv->is_batna[b]
                           ? rl_scenario_utility (sc, nv->party[b], x)
                               >= rl_scenario_get_party_batna (sc, nv->party[b]) - EPS
                           : rl_rule_eval (nv->rule[b], x);
          if (holds)
            m |= G_GUINT64_CONSTANT (1) << b;
        }
      g_array_append_val (mask, m);
      g_array_append_val (index, k);
      for (guint p = 0; p < nv->n_parties; p++)
        {
          double v = rl_scenario_utility (sc, p, x);
          g_array_append_val (u, v);
        }
    }
  g_free (x);
  nv->n_feasible = mask->len;
  nv->mask = (guint64 *) (void *) g_array_free (mask, FALSE);
  nv->index = (guint64 *) (void *) g_array_free (index, FALSE);
  nv->u = (double *) (void *) g_array_free (u, FALSE);
}

static void
naive_clear (Naive *nv)
{
  for (guint b = 0; b < nv->n; b++)
    g_free (nv->ids[b]);
  g_free (nv->ids);
  g_free (nv->party);
  g_free (nv->is_batna);
  g_free (nv->rule);
  g_free (nv->mask);
  g_free (nv->index);
  g_free (nv->u);
}

static gboolean
naive_sat (const Naive *nv, guint64 s)
{
  for (guint64 k = 0; k < nv->n_feasible; k++)
    if ((nv->mask[k] & s) == s)
      return TRUE;
  return FALSE;
}

static guint64
naive_count (const Naive *nv, guint64 s)
{
  guint64 c = 0;
  for (guint64 k = 0; k < nv->n_feasible; k++)
    c += (nv->mask[k] & s) == s;
  return c;
}

/* Sorted ids of a set, then cli.md's order: size, then ids element by
 * element. */
static int
compare_masks (const Naive *nv, guint64 a, guint64 b)
{
  guint ca = (guint) __builtin_popcountll (a), cb = (guint) __builtin_popcountll (b);
  if (ca != cb)
    return ca < cb ? -1 : 1;
  const char *ia[64], *ib[64];
  guint na = 0, nb = 0;
  for (guint k = 0; k < nv->n; k++)
    {
      if (a & (G_GUINT64_CONSTANT (1) << k))
        ia[na++] = nv->ids[k];
      if (b & (G_GUINT64_CONSTANT (1) << k))
        ib[nb++] = nv->ids[k];
    }
  for (guint x = 1; x < na; x++)
    for (guint y = x; y > 0 && strcmp (ia[y], ia[y - 1]) < 0; y--)
      {
        const char *t = ia[y]; ia[y] = ia[y - 1]; ia[y - 1] = t;
      }
  for (guint x = 1; x < nb; x++)
    for (guint y = x; y > 0 && strcmp (ib[y], ib[y - 1]) < 0; y--)
      {
        const char *t = ib[y]; ib[y] = ib[y - 1]; ib[y - 1] = t;
      }
  for (guint k = 0; k < na; k++)
    {
      int c = strcmp (ia[k], ib[k]);
      if (c != 0)
        return c;
    }
  return 0;
}

static const Naive *sort_nv;

static int
by_order (const void *x, const void *y)
{
  return compare_masks (sort_nv, *(const guint64 *) x, *(const guint64 *) y);
}

/* Every conflict (relaxations: every minimal correction set), sorted. */
static GArray *
naive_sets (const Naive *nv, gboolean relaxations)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (guint64));
  for (guint64 s = 0; s <= nv->full; s++)
    {
      gboolean wanted;
      if (!relaxations)
        {
          wanted = !naive_sat (nv, s);
          for (guint b = 0; b < nv->n && wanted; b++)
            if (s & (G_GUINT64_CONSTANT (1) << b))
              wanted = naive_sat (nv, s & ~(G_GUINT64_CONSTANT (1) << b));
        }
      else
        {
          wanted = naive_sat (nv, nv->full & ~s);
          for (guint b = 0; b < nv->n && wanted; b++)
            if (s & (G_GUINT64_CONSTANT (1) << b))
              wanted = !naive_sat (nv, nv->full & ~(s & ~(G_GUINT64_CONSTANT (1) << b)));
        }
      if (wanted)
        g_array_append_val (out, s);
    }
  sort_nv = nv;
  qsort (out->data, out->len, sizeof (guint64), by_order);
  return out;
}

/* Scores of section 6, written out here once more. */
static double
naive_score (const Naive *nv, const RlRank *rank, const double *u, const double *ideal)
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
      double range = ideal[p] - batna;
      kalai = MIN (kalai, range <= 1e-12 ? 1.0 : gain / range);
    }
  switch (rank->kind)
    {
    case RL_SCORE_WELFARE: return welfare;
    case RL_SCORE_NASH: return nash;
    case RL_SCORE_KALAI: return kalai;
    case RL_SCORE_MIN_GAIN: return min_gain;
    default: return u[rank->party];
    }
}

static gboolean
naive_tie (RlScoreKind kind, double a, double b)
{
  double larger = MAX (fabs (a), fabs (b));
  if (kind == RL_SCORE_NASH)
    return fabs (a - b) <= EPS * larger;
  return fabs (a - b) <= MAX (EPS, EPS * larger);
}

typedef struct {
  guint64 count;
  double max_score;
  guint64 best;          /* position among the feasible packages */
  double ideal[64];
  gboolean pareto;
} NaiveBest;

/* Over the feasible packages that satisfy @s: the count, ideals, best
 * score, first package in section 6's order and its pareto flag. */
static gboolean
naive_best (const Naive *nv, guint64 s, const RlRank *rank, NaiveBest *out)
{
  guint np = nv->n_parties;
  memset (out, 0, sizeof *out);
  for (guint p = 0; p < np; p++)
    out->ideal[p] = -INFINITY;
  for (guint64 k = 0; k < nv->n_feasible; k++)
    if ((nv->mask[k] & s) == s)
      {
        out->count++;
        for (guint p = 0; p < np; p++)
          out->ideal[p] = MAX (out->ideal[p], nv->u[k * np + p]);
      }
  if (out->count == 0)
    return FALSE;
  out->max_score = -INFINITY;
  for (guint64 k = 0; k < nv->n_feasible; k++)
    if ((nv->mask[k] & s) == s)
      out->max_score = MAX (out->max_score, naive_score (nv, rank, &nv->u[k * np], out->ideal));
  /* The first group is every package that ties with the best score; in
   * it, the smallest index (packages are in index order). */
  for (guint64 k = 0; k < nv->n_feasible; k++)
    if ((nv->mask[k] & s) == s
        && naive_tie (rank->kind, out->max_score, naive_score (nv, rank, &nv->u[k * np], out->ideal)))
      {
        out->best = k;
        break;
      }
  out->pareto = TRUE;
  const double *x = &nv->u[out->best * np];
  for (guint64 k = 0; k < nv->n_feasible && out->pareto; k++)
    {
      if ((nv->mask[k] & s) != s)
        continue;
      const double *y = &nv->u[k * np];
      gboolean all = TRUE, one = FALSE;
      for (guint p = 0; p < np; p++)
        {
          all = all && y[p] >= x[p] - EPS;
          one = one || y[p] > x[p] + EPS;
        }
      if (all && one)
        out->pareto = FALSE;
    }
  return TRUE;
}

/* ---- comparing ------------------------------------------------------------------ */

static guint64
reported_mask (const RlExplanation *ex, const guint *members, guint n)
{
  guint64 m = 0;
  for (guint k = 0; k < n; k++)
    m |= G_GUINT64_CONSTANT (1) << members[k];
  return m;
}

static void
check_ids_sorted (const Naive *nv, const guint *members, guint n, const char *yaml)
{
  for (guint k = 1; k < n; k++)
    if (strcmp (nv->ids[members[k - 1]], nv->ids[members[k]]) >= 0)
      fail_msg ("members not sorted by id in\n%s", yaml);
}

typedef struct {
  guint empty_zones;
  guint with_deal;
  guint infeasible;
  guint big_conflicts;       /* conflicts of three or more blockers seen */
  guint cut_by_max;
} Stats;

/* A complete explanation's count: it must say it is exact. */
static guint64
exact (RlKnown k)
{
  assert_int_equal (k.kind, RL_KNOWN_EXACT);
  return k.value;
}

static void
check_explanation (const Naive *nv, const RlExplanation *ex, const RlExplainOptions *opts,
                   const char *yaml, Stats *stats)
{
  RlScenario *sc = nv->sc;
  guint np = nv->n_parties;
  assert_true (rl_explanation_is_complete (ex));
  assert_int_equal (rl_explanation_get_n_blockers (ex), nv->n);
  for (guint b = 0; b < nv->n; b++)
    {
      assert_string_equal (rl_explanation_get_blocker_id (ex, b), nv->ids[b]);
      assert_int_equal (rl_explanation_get_blocker_party (ex, b), nv->party[b]);
      assert_int_equal (rl_explanation_get_blocker_kind (ex, b) == RL_BLOCKER_BATNA, nv->is_batna[b]);
    }
  guint64 acceptable = naive_count (nv, nv->full);
  if (exact (rl_explanation_get_acceptable (ex)) != acceptable)
    fail_msg ("acceptable %" G_GUINT64_FORMAT ", expected %" G_GUINT64_FORMAT " in\n%s",
              exact (rl_explanation_get_acceptable (ex)), acceptable, yaml);
  assert_int_equal (exact (rl_explanation_get_feasible (ex)), nv->n_feasible);

  /* excludes and sole */
  for (guint b = 0; b < nv->n; b++)
    {
      guint64 bit = G_GUINT64_CONSTANT (1) << b, excludes = 0, sole = 0;
      for (guint64 k = 0; k < nv->n_feasible; k++)
        {
          excludes += !(nv->mask[k] & bit);
          sole += nv->mask[k] == (nv->full & ~bit);
        }
      if (exact (rl_explanation_get_blocker_excludes (ex, b)) != excludes
          || exact (rl_explanation_get_blocker_sole (ex, b)) != sole)
        fail_msg ("%s: excludes %" G_GUINT64_FORMAT " sole %" G_GUINT64_FORMAT ", expected %"
                  G_GUINT64_FORMAT " and %" G_GUINT64_FORMAT " in\n%s", nv->ids[b],
                  exact (rl_explanation_get_blocker_excludes (ex, b)),
                  exact (rl_explanation_get_blocker_sole (ex, b)), excludes, sole, yaml);
      assert_true (rl_explanation_is_price_known (ex, b));
    }

  /* prices */
  NaiveBest today;
  gboolean deal = naive_best (nv, nv->full, &opts->rank, &today);
  double best_score;
  assert_int_equal (rl_explanation_get_best_score (ex, &best_score), deal);
  /* The library holds a Nash score as the product's logarithm. */
  if (deal && opts->rank.kind == RL_SCORE_NASH)
    best_score = exp (best_score);
  if (deal)
    assert_true (fabs (best_score - today.max_score) <= 1e-12 * MAX (1, fabs (today.max_score)));
  for (guint b = 0; b < nv->n; b++)
    {
      double price;
      gboolean has = rl_explanation_get_blocker_price (ex, b, &price);
      if (has != deal)
        fail_msg ("%s: price %s, expected %s in\n%s", nv->ids[b], has ? "given" : "null",
                  deal ? "given" : "null", yaml);
      if (!deal)
        continue;
      NaiveBest without;
      g_assert_true (naive_best (nv, nv->full & ~(G_GUINT64_CONSTANT (1) << b), &opts->rank, &without));
      double expected = without.max_score - today.max_score;
      if (fabs (price - expected) > 1e-12 * MAX (1, fabs (without.max_score)))
        fail_msg ("%s: price %.17g, expected %.17g (rank %d) in\n%s", nv->ids[b], price, expected,
                  opts->rank.kind, yaml);
    }

  /* conflicts */
  guint n_conflicts = rl_explanation_get_n_conflicts (ex);
  if (nv->n_feasible == 0)
    {
      stats->infeasible++;
      assert_int_equal (n_conflicts, opts->max > 0 ? 1 : 0);
      if (n_conflicts == 1)
        {
          guint n;
          rl_explanation_get_conflict (ex, 0, &n);
          assert_int_equal (n, 0);
        }
      assert_int_equal (rl_explanation_get_n_relaxations (ex), 0);
      return;
    }
  if (deal)
    {
      stats->with_deal++;
      assert_int_equal (n_conflicts, 0);
      assert_int_equal (rl_explanation_get_n_relaxations (ex), 0);
      return;
    }
  stats->empty_zones++;
  for (guint c = 0; c < n_conflicts; c++)
    {
      guint n;
      const guint *members = rl_explanation_get_conflict (ex, c, &n);
      check_ids_sorted (nv, members, n, yaml);
      guint64 m = reported_mask (ex, members, n);
      if (naive_sat (nv, m))
        fail_msg ("conflict %u is satisfiable in\n%s", c, yaml);
      for (guint k = 0; k < n; k++)
        if (!naive_sat (nv, m & ~(G_GUINT64_CONSTANT (1) << members[k])))
          fail_msg ("conflict %u is not minimal in\n%s", c, yaml);
      if (n >= 3)
        stats->big_conflicts++;
    }
  g_autoptr (GArray) all_conflicts = naive_sets (nv, FALSE);
  guint want = MIN (all_conflicts->len, opts->max);
  if (all_conflicts->len > opts->max)
    stats->cut_by_max++;
  if (n_conflicts != want)
    fail_msg ("%u conflicts, expected %u (max %u) in\n%s", n_conflicts, want, opts->max, yaml);
  for (guint c = 0; c < want; c++)
    {
      guint n;
      const guint *members = rl_explanation_get_conflict (ex, c, &n);
      if (reported_mask (ex, members, n) != g_array_index (all_conflicts, guint64, c))
        fail_msg ("conflict %u differs from brute force in\n%s", c, yaml);
    }

  /* relaxations */
  guint n_relax = rl_explanation_get_n_relaxations (ex);
  g_autoptr (GArray) all_relax = naive_sets (nv, TRUE);
  want = MIN (all_relax->len, opts->max);
  if (n_relax != want)
    fail_msg ("%u relaxations, expected %u (max %u) in\n%s", n_relax, want, opts->max, yaml);
  for (guint r = 0; r < n_relax; r++)
    {
      guint n;
      const guint *members = rl_explanation_get_relaxation (ex, r, &n);
      check_ids_sorted (nv, members, n, yaml);
      guint64 m = reported_mask (ex, members, n);
      if (!naive_sat (nv, nv->full & ~m))
        fail_msg ("relaxation %u opens no zone in\n%s", r, yaml);
      for (guint k = 0; k < n; k++)
        if (naive_sat (nv, nv->full & ~(m & ~(G_GUINT64_CONSTANT (1) << members[k]))))
          fail_msg ("relaxation %u is not minimal in\n%s", r, yaml);
      if (m != g_array_index (all_relax, guint64, r))
        fail_msg ("relaxation %u differs from brute force in\n%s", r, yaml);

      NaiveBest nb;
      g_assert_true (naive_best (nv, nv->full & ~m, &opts->rank, &nb));
      if (exact (rl_explanation_get_relaxation_acceptable (ex, r)) != nb.count)
        fail_msg ("relaxation %u opens %" G_GUINT64_FORMAT ", expected %" G_GUINT64_FORMAT " in\n%s",
                  r, exact (rl_explanation_get_relaxation_acceptable (ex, r)), nb.count, yaml);
      const RlPackage *best = rl_explanation_get_relaxation_best (ex, r);
      assert_non_null (best);
      if (best->index != nv->index[nb.best])
        fail_msg ("relaxation %u: best package %" G_GUINT64_FORMAT ", expected %" G_GUINT64_FORMAT
                  " (rank %d) in\n%s", r, best->index, nv->index[nb.best], opts->rank.kind, yaml);
      if (best->pareto != nb.pareto)
        fail_msg ("relaxation %u: pareto %d, expected %d in\n%s", r, best->pareto, nb.pareto, yaml);
      assert_true (best->acceptable && best->has_kalai);
      for (guint p = 0; p < np; p++)
        assert_true (fabs (best->utilities[p] - nv->u[nb.best * np + p]) <= 1e-12);
      for (RlScoreKind kind = 0; kind < RL_N_STANDARD_SCORES; kind++)
        {
          RlRank rk = { kind, 0 };
          double expected = naive_score (nv, &rk, &nv->u[nb.best * np], nb.ideal);
          double got = kind == RL_SCORE_NASH ? exp (best->scores[kind]) : best->scores[kind];
          if (fabs (got - expected) > 1e-12 * MAX (1, fabs (expected)))
            fail_msg ("relaxation %u: %s %.17g, expected %.17g in\n%s", r, rl_score_name (kind),
                      got, expected, yaml);
        }
    }
  (void) sc;
}

/* ---- the property --------------------------------------------------------------- */

static void
run_property (guint32 seed, guint n_scenarios, const RandomShape *shape, Stats *stats)
{
  GRand *rand = g_rand_new_with_seed (seed);
  static const guint maxes[] = { 1, 2, 3, 10, 1000 };
  for (guint s = 0; s < n_scenarios; s++)
    {
      g_autofree char *yaml = rl_random_scenario (rand, shape);
      g_autoptr (GError) error = NULL;
      g_autoptr (RlScenario) sc = rl_scenario_load_from_data (yaml, strlen (yaml), "random.yaml", &error);
      if (sc == NULL)
        fail_msg ("random scenario does not load: %s\n%s", error->message, yaml);
      Naive nv;
      naive_build (&nv, sc);

      RlExplainOptions opts;
      rl_explain_options_init (&opts);
      opts.run.timeout = 0;
      guint kind = (guint) g_rand_int_range (rand, 0, 5);
      opts.rank = kind < 4 ? (RlRank){ (RlScoreKind) kind, 0 }
                           : (RlRank){ RL_SCORE_UTILITY,
                                       (guint) g_rand_int_range (rand, 0, (gint32) nv.n_parties) };
      opts.max = maxes[g_rand_int_range (rand, 0, G_N_ELEMENTS (maxes))];
      opts.run.n_threads = (guint) g_rand_int_range (rand, 1, 3);

      /* Both algorithms: the power-set sweep, and the levels. */
      for (guint limit = 0; limit < 2; limit++)
        {
          g_autoptr (RlExplanation) ex = rl_explain_with_limit (sc, &opts, limit ? RL_EXPLAIN_EXACT_LIMIT : 0,
                                                                &error);
          assert_non_null (ex);
          check_explanation (&nv, ex, &opts, yaml, stats);
        }
      naive_clear (&nv);
    }
  g_rand_free (rand);
}

/* ---- partial answers --------------------------------------------------------------- */

static void
check_known (RlKnown k, guint64 truth, const char *what, const char *yaml)
{
  if (!rl_known_holds (k, truth))
    fail_msg ("%s: %s %" G_GUINT64_FORMAT " but the complete count is %" G_GUINT64_FORMAT " in\n%s",
              what, k.kind == RL_KNOWN_EXACT ? "exactly" : k.kind == RL_KNOWN_LOWER ? "at least" : "at most",
              k.value, truth, yaml);
}

/* Every number of an explanation cut by a deadline is exact or a true
 * bound of the complete run's (brute force), or absent; every listed set
 * is a true conflict or relaxation. Returns whether it was cut. */
static gboolean
check_partial (const Naive *nv, const RlExplanation *ex, const RlExplainOptions *opts,
               const char *yaml)
{
  check_known (rl_explanation_get_feasible (ex), nv->n_feasible, "feasible", yaml);
  guint64 acceptable = naive_count (nv, nv->full);
  check_known (rl_explanation_get_acceptable (ex), acceptable, "acceptable", yaml);
  for (guint b = 0; b < nv->n; b++)
    {
      guint64 bit = G_GUINT64_CONSTANT (1) << b, excludes = 0, sole = 0;
      for (guint64 k = 0; k < nv->n_feasible; k++)
        {
          excludes += !(nv->mask[k] & bit);
          sole += nv->mask[k] == (nv->full & ~bit);
        }
      check_known (rl_explanation_get_blocker_excludes (ex, b), excludes, "excludes", yaml);
      check_known (rl_explanation_get_blocker_sole (ex, b), sole, "sole", yaml);
    }
  NaiveBest today;
  gboolean deal = naive_best (nv, nv->full, &opts->rank, &today);
  double best_score, price;
  if (rl_explanation_get_best_score (ex, &best_score))
    {
      assert_true (deal);
      /* The library holds a Nash score as the product's logarithm. */
      if (opts->rank.kind == RL_SCORE_NASH)
        best_score = exp (best_score);
      assert_true (fabs (best_score - today.max_score) <= 1e-12 * MAX (1, fabs (today.max_score)));
    }
  else if (rl_explanation_is_best_known (ex))
    assert_false (deal);
  for (guint b = 0; b < nv->n; b++)
    {
      gboolean has = rl_explanation_get_blocker_price (ex, b, &price);
      if (!has)
        {
          /* null: "no deal" only when that is known; otherwise not computed. */
          if (rl_explanation_is_price_known (ex, b) && deal)
            fail_msg ("%s: price null and known, but a deal exists in\n%s", nv->ids[b], yaml);
          continue;
        }
      assert_true (deal);
      NaiveBest without;
      g_assert_true (naive_best (nv, nv->full & ~(G_GUINT64_CONSTANT (1) << b), &opts->rank, &without));
      double expected = without.max_score - today.max_score;
      if (fabs (price - expected) > 1e-12 * MAX (1, fabs (without.max_score)))
        fail_msg ("%s: price %.17g, expected %.17g in\n%s", nv->ids[b], price, expected, yaml);
    }
  for (guint c = 0; c < rl_explanation_get_n_conflicts (ex); c++)
    {
      guint n;
      const guint *members = rl_explanation_get_conflict (ex, c, &n);
      guint64 m = reported_mask (ex, members, n);
      if (n > 0 && naive_sat (nv, m))
        fail_msg ("partial: conflict %u is satisfiable in\n%s", c, yaml);
      for (guint k = 0; k < n; k++)
        if (!naive_sat (nv, m & ~(G_GUINT64_CONSTANT (1) << members[k])))
          fail_msg ("partial: conflict %u is not minimal in\n%s", c, yaml);
    }
  for (guint r = 0; r < rl_explanation_get_n_relaxations (ex); r++)
    {
      guint n;
      const guint *members = rl_explanation_get_relaxation (ex, r, &n);
      guint64 m = reported_mask (ex, members, n);
      NaiveBest nb;
      if (!naive_best (nv, nv->full & ~m, &opts->rank, &nb))
        fail_msg ("partial: relaxation %u opens no zone in\n%s", r, yaml);
      for (guint k = 0; k < n; k++)
        if (naive_sat (nv, nv->full & ~(m & ~(G_GUINT64_CONSTANT (1) << members[k]))))
          fail_msg ("partial: relaxation %u is not minimal in\n%s", r, yaml);
      check_known (rl_explanation_get_relaxation_acceptable (ex, r), nb.count, "relaxation", yaml);
      const RlPackage *best = rl_explanation_get_relaxation_best (ex, r);
      if (best && best->index != nv->index[nb.best])
        fail_msg ("partial: relaxation %u: best package %" G_GUINT64_FORMAT ", expected %"
                  G_GUINT64_FORMAT " in\n%s", r, best->index, nv->index[nb.best], yaml);
    }
  return !rl_explanation_is_complete (ex);
}

/* Random scenarios, random deadlines made deterministic by a budget of
 * looks at the deadline (RlRunOptions.test_budget, one thread). */
static void
test_partial (void **state)
{
  (void) state;
  GRand *rand = g_rand_new_with_seed (20);
  RandomShape shape = { 4, 4, 4, 2, FALSE, FALSE, TRUE };
  guint n_cut = 0, n_bounds = 0, n_unknown = 0, n_runs = 0;
  for (guint s = 0; s < 150; s++)
    {
      g_autofree char *yaml = rl_random_scenario (rand, &shape);
      g_autoptr (GError) error = NULL;
      g_autoptr (RlScenario) sc = rl_scenario_load_from_data (yaml, strlen (yaml), "random.yaml", &error);
      assert_non_null (sc);
      Naive nv;
      naive_build (&nv, sc);
      for (guint t = 0; t < 4; t++)
        {
          RlExplainOptions opts;
          rl_explain_options_init (&opts);
          opts.run.timeout = 0;
          opts.run.n_threads = 1;
          opts.rank = (RlRank){ (RlScoreKind) g_rand_int_range (rand, 0, 4), 0 };
          gint budget = g_rand_int_range (rand, 1, 1 << g_rand_int_range (rand, 2, 12));
          opts.run.test_budget = &budget;
          g_autoptr (RlExplanation) ex = rl_explain (sc, &opts, &error);
          assert_non_null (ex);
          n_runs++;
          n_cut += check_partial (&nv, ex, &opts, yaml);
          RlKnown k = rl_explanation_get_acceptable (ex);
          for (guint b = 0; b < nv.n; b++)
            {
              RlKnown e = rl_explanation_get_blocker_excludes (ex, b);
              n_bounds += e.kind == RL_KNOWN_LOWER || e.kind == RL_KNOWN_UPPER;
              n_unknown += e.kind == RL_KNOWN_UNKNOWN;
            }
          n_unknown += k.kind == RL_KNOWN_UNKNOWN;
        }
      naive_clear (&nv);
    }
  g_rand_free (rand);
  print_message ("partial: %u of %u runs cut; %u bounds, %u unknown counts\n", n_cut, n_runs,
                 n_bounds, n_unknown);
  /* The budgets must cut many runs at many points, or the test proves nothing. */
  assert_true (n_cut >= n_runs / 4);
  assert_true (n_bounds > 0 && n_unknown > 0);
}

static void
report (const char *name, const Stats *st)
{
  /* Twice per scenario (two algorithms). */
  print_message ("%s: %u empty zones, %u with a deal, %u infeasible; %u conflicts of 3+; "
                 "%u lists cut by --max\n", name, st->empty_zones / 2, st->with_deal / 2,
                 st->infeasible / 2, st->big_conflicts / 2, st->cut_by_max / 2);
}

static void
test_small (void **state)
{
  (void) state;
  Stats st = { 0 };
  RandomShape shape = { 4, 4, 4, 2, FALSE, FALSE, TRUE };
  run_property (11, 300, &shape, &st);
  report ("small", &st);
  assert_true (st.empty_zones / 2 >= 50);
}

static void
test_coarse (void **state)
{
  (void) state;
  Stats st = { 0 };
  RandomShape shape = { 5, 3, 4, 3, TRUE, FALSE, TRUE };
  run_property (12, 200, &shape, &st);
  report ("coarse", &st);
}

static void
test_loose (void **state)
{
  (void) state;
  Stats st = { 0 };
  RandomShape shape = { 4, 4, 3, 2, FALSE, TRUE, FALSE };
  run_property (13, 100, &shape, &st);
  report ("loose", &st);
  assert_true (st.with_deal / 2 >= 10);
}

static void
test_many_blockers (void **state)
{
  (void) state;
  Stats st = { 0 };
  RandomShape shape = { 5, 3, 4, 4, TRUE, FALSE, TRUE };
  run_property (14, 150, &shape, &st);
  report ("many blockers", &st);
}

/* Each phase of the enumeration alone (the other one asked for nothing),
 * for both algorithms: the relaxation phase learns conflicts of its own,
 * which would hide a conflict phase that stops too early. */
static void
check_lists (const Naive *nv, const RlSetsResult *res, guint max_c, guint max_r, const char *yaml)
{
  for (guint which = 0; which < 2; which++)
    {
      GPtrArray *got = which ? res->relaxations : res->conflicts;
      guint max = which ? max_r : max_c;
      g_autoptr (GArray) all = naive_sets (nv, which == 1);
      guint want = MIN (all->len, max);
      if (got->len != want)
        fail_msg ("%s alone: %u, expected %u (max %u) in\n%s", which ? "relaxations" : "conflicts",
                  got->len, want, max, yaml);
      for (guint k = 0; k < want; k++)
        {
          const RlBlockerSet *set = g_ptr_array_index (got, k);
          if (reported_mask (NULL, set->members, set->n) != g_array_index (all, guint64, k))
            fail_msg ("%s alone: %u differs from brute force in\n%s",
                      which ? "relaxations" : "conflicts", k, yaml);
        }
    }
}

static void
test_phases (void **state)
{
  (void) state;
  GRand *rand = g_rand_new_with_seed (15);
  RandomShape shape = { 5, 3, 4, 4, TRUE, FALSE, TRUE };
  guint checked = 0;
  for (guint s = 0; s < 300; s++)
    {
      g_autofree char *yaml = rl_random_scenario (rand, &shape);
      g_autoptr (GError) error = NULL;
      g_autoptr (RlScenario) sc = rl_scenario_load_from_data (yaml, strlen (yaml), "random.yaml", &error);
      assert_non_null (sc);
      Naive nv;
      naive_build (&nv, sc);
      guint max = (guint) g_rand_int_range (rand, 1, 5);
      if (nv.n_feasible > 0 && !naive_sat (&nv, nv.full))
        {
          guint n;
          RlBlocker *blockers = rl_explain_blockers_new (sc, &n);
          for (guint variant = 0; variant < 4; variant++)
            {
              RlSetsJob job = {
                .sc = sc, .blockers = blockers, .n = n,
                .max_conflicts = variant & 1 ? 0 : max,
                .max_relaxations = variant & 1 ? max : 0,
                .exact_limit = variant & 2 ? RL_EXPLAIN_EXACT_LIMIT : 0,
              };
              RlSetsResult res;
              rl_explain_sets (&job, &res);
              assert_true (res.complete);
              check_lists (&nv, &res, job.max_conflicts, job.max_relaxations, yaml);
              g_ptr_array_unref (res.conflicts);
              g_ptr_array_unref (res.relaxations);
            }
          rl_explain_blockers_free (blockers, n);
          checked++;
        }
      naive_clear (&nv);
    }
  print_message ("phases: %u empty zones\n", checked);
  assert_true (checked >= 100);
  g_rand_free (rand);
}

/* A scenario whose constraints contradict each other. */
static void
test_infeasible (void **state)
{
  (void) state;
  static const char yaml[] =
    "redline: 1\ntitle: t\nissues:\n  a:\n    options: [no, yes]\n"
    "constraints:\n  - id: c1\n    rule: a\n  - id: c2\n    rule: not a\n"
    "parties:\n  p:\n    weights: {a: 1}\n    values:\n      a: {no: 0, yes: 1}\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (RlScenario) sc = rl_scenario_load_from_data (yaml, strlen (yaml), "t.yaml", &error);
  assert_non_null (sc);
  g_autoptr (RlExplanation) ex = rl_explain (sc, NULL, &error);
  assert_non_null (ex);
  assert_int_equal (rl_explanation_get_n_conflicts (ex), 1);
  guint n = 99;
  rl_explanation_get_conflict (ex, 0, &n);
  assert_int_equal (n, 0);
  assert_int_equal (rl_explanation_get_n_relaxations (ex), 0);
  double price;
  assert_false (rl_explanation_get_blocker_price (ex, 0, &price));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_small),
    cmocka_unit_test (test_coarse),
    cmocka_unit_test (test_loose),
    cmocka_unit_test (test_many_blockers),
    cmocka_unit_test (test_phases),
    cmocka_unit_test (test_infeasible),
    cmocka_unit_test (test_partial),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
