/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-sensitivity.c: rl_sensitivity() (sensitivity.md) against a brute
 * force on hundreds of small random scenarios (some with BATNAs taken from
 * the status quo), for every rank: the parameter list and its order,
 * every grid point of every parameter (each package's utilities written
 * out from the file's numbers with the one number replaced, the findings
 * decided over the whole package space), so every lo, hi, open flag and
 * knife edge; the exact thresholds. The Monte Carlo: zero noise gives the
 * nominal answer in every sample; Wilson intervals recomputed by hand;
 * shares of two small cases against their exact probabilities; the same
 * numbers for 1 and 2 threads.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <math.h>
#include <cmocka.h>

#include <redline/redline.h>

#include "random-scenario.h"

#define EPS 1e-9
#define Z 1.959963984540054

static RlScenario *
load (const char *text)
{
  g_autoptr (GError) error = NULL;
  RlScenario *sc = rl_scenario_load_from_data (text, strlen (text), "test.yaml", &error);
  if (sc == NULL)
    fail_msg ("%s\n%s", error->message, text);
  return sc;
}

/* ---- the brute force ------------------------------------------------------------ */

typedef enum { P_BATNA, P_WEIGHT, P_VALUE, P_BONUS } Kind;

/* One parameter and its grid, written from sensitivity.md's text. */
typedef struct {
  Kind kind;
  guint party, issue, option, bonus;
  char *path;
  double x0, step, nominal;
  gint64 kmin, kmax;
} Param;

/* The perturbation in force: a parameter at a value (none: NULL). */
typedef struct {
  const Param *prm;
  double x;          /* the value; a weight's multiplier */
  gint64 k;
} Pert;

static double
bf_utility (const RlScenario *sc, const Pert *pt, guint p, const guint8 *x)
{
  guint n = rl_scenario_get_n_issues (sc);
  double raw[64], total = 0;
  for (guint i = 0; i < n; i++)
    {
      raw[i] = rl_scenario_get_party_raw_weight (sc, p, i);
      if (pt && pt->prm->kind == P_WEIGHT && pt->prm->party == p && pt->prm->issue == i)
        raw[i] *= pt->x;
      total += raw[i];
    }
  double u = 0;
  for (guint i = 0; i < n; i++)
    {
      double w = total > 0 ? raw[i] / total : 0;
      if (w > 0)
        {
          double v = rl_scenario_get_party_value (sc, p, i, x[i]);
          if (pt && pt->prm->kind == P_VALUE && pt->prm->party == p && pt->prm->issue == i
              && pt->prm->option == x[i])
            v = pt->x;
          u += w * v;
        }
    }
  for (guint b = 0; b < rl_scenario_get_n_bonuses (sc, p); b++)
    if (rl_rule_eval (rl_scenario_get_bonus_rule (sc, p, b), x))
      u += (pt && pt->prm->kind == P_BONUS && pt->prm->party == p && pt->prm->bonus == b)
             ? pt->x : rl_scenario_get_bonus_value (sc, p, b);
  return u;
}

static double
bf_batna (const RlScenario *sc, const Pert *pt, guint p)
{
  double adjust = 0;
  double b;
  if (rl_scenario_get_party_batna_adjust (sc, p, &adjust))
    b = bf_utility (sc, pt, p, rl_scenario_get_status_quo (sc)) + adjust;
  else
    b = rl_scenario_get_party_batna (sc, p);
  if (pt && pt->prm->kind == P_BATNA && pt->prm->party == p)
    b = pt->prm->x0 + (double) pt->k * pt->prm->step;
  return b;
}

static gboolean
bf_tie (RlScoreKind kind, double a, double b)
{
  double larger = MAX (fabs (a), fabs (b));
  if (a == b)
    return TRUE;
  if (kind == RL_SCORE_NASH)
    return fabs (a - b) <= EPS * larger;
  return fabs (a - b) <= MAX (EPS, EPS * larger);
}

typedef struct {
  guint64 n_acceptable;
  gint64 first;        /* index, -1 when none */
} BfAnswer;

static BfAnswer
bf_answer (const RlScenario *sc, const Pert *pt, const RlRank *rank)
{
  guint P = rl_scenario_get_n_parties (sc), n = rl_scenario_get_n_issues (sc);
  guint64 space;
  g_assert_true (rl_scenario_get_space (sc, &space));
  double *u = g_new (double, space * P);
  gboolean *acc = g_new0 (gboolean, space);
  double batna[64], ideal[64];
  for (guint p = 0; p < P; p++)
    {
      batna[p] = bf_batna (sc, pt, p);
      ideal[p] = -INFINITY;
    }
  guint8 x[64];
  BfAnswer a = { 0, -1 };
  for (guint64 ix = 0; ix < space; ix++)
    {
      rl_scenario_package_from_index (sc, ix, x);
      for (guint p = 0; p < P; p++)
        u[ix * P + p] = bf_utility (sc, pt, p, x);
      if (!rl_scenario_is_compatible (sc, x))
        continue;
      acc[ix] = TRUE;
      for (guint p = 0; p < P; p++)
        if (rl_scenario_party_is_veto (sc, p) && u[ix * P + p] < batna[p] - EPS)
          acc[ix] = FALSE;
      if (acc[ix])
        {
          a.n_acceptable++;
          for (guint p = 0; p < P; p++)
            ideal[p] = MAX (ideal[p], u[ix * P + p]);
        }
    }
  (void) n;
  double *score = g_new (double, space);
  gint64 best = -1;
  for (guint64 ix = 0; ix < space; ix++)
    {
      if (!acc[ix])
        continue;
      const double *ux = u + ix * P;
      double s = 0;
      switch (rank->kind)
        {
        case RL_SCORE_WELFARE:
          for (guint p = 0; p < P; p++)
            s += ux[p];
          break;
        case RL_SCORE_NASH:
          s = 1;
          for (guint p = 0; p < P; p++)
            if (rl_scenario_party_is_veto (sc, p))
              s *= pow (MAX (ux[p] - batna[p], 0), rl_scenario_get_party_power (sc, p));
          break;
        case RL_SCORE_KALAI:
          s = INFINITY;
          for (guint p = 0; p < P; p++)
            if (rl_scenario_party_is_veto (sc, p))
              {
                double room = ideal[p] - batna[p];
                s = MIN (s, room <= 1e-12 ? 1 : (ux[p] - batna[p]) / room);
              }
          break;
        case RL_SCORE_MIN_GAIN:
          s = INFINITY;
          for (guint p = 0; p < P; p++)
            if (rl_scenario_party_is_veto (sc, p))
              s = MIN (s, ux[p] - batna[p]);
          break;
        default:
          s = ux[rank->party];
          break;
        }
      score[ix] = s;
      if (best < 0 || s > score[best])
        best = (gint64) ix;
    }
  for (guint64 ix = 0; best >= 0 && ix < space; ix++)
    if (acc[ix] && bf_tie (rank->kind, score[ix], score[best]))
      {
        a.first = (gint64) ix;
        break;
      }
  g_free (score);
  g_free (u);
  g_free (acc);
  return a;
}

static void
grid (Param *prm, double lo, double hi)
{
  prm->kmin = -(gint64) floor ((prm->x0 - lo) / prm->step + 1e-9);
  prm->kmax = (gint64) floor ((hi - prm->x0) / prm->step + 1e-9);
}

static GArray *
bf_params (const RlScenario *sc, double db, double dw, double dv)
{
  GArray *out = g_array_new (FALSE, TRUE, sizeof (Param));
  guint P = rl_scenario_get_n_parties (sc), n = rl_scenario_get_n_issues (sc);
  for (guint p = 0; p < P; p++)
    if (rl_scenario_party_is_veto (sc, p))
      {
        double b = rl_scenario_get_party_batna (sc, p);
        Param prm = { .kind = P_BATNA, .party = p, .x0 = b, .step = db, .nominal = b,
                      .path = g_strdup_printf ("parties.%s.batna", rl_scenario_get_party_id (sc, p)) };
        grid (&prm, b - 0.5, b + 0.5);
        g_array_append_val (out, prm);
      }
  for (guint p = 0; p < P; p++)
    {
      const char *pid = rl_scenario_get_party_id (sc, p);
      guint positive = 0;
      for (guint i = 0; i < n; i++)
        positive += rl_scenario_get_party_raw_weight (sc, p, i) > 0;
      for (guint i = 0; positive >= 2 && i < n; i++)
        if (rl_scenario_get_party_raw_weight (sc, p, i) > 0)
          {
            Param prm = { .kind = P_WEIGHT, .party = p, .issue = i, .x0 = 1, .step = dw,
                          .nominal = rl_scenario_get_party_raw_weight (sc, p, i),
                          .path = g_strdup_printf ("parties.%s.weights.%s", pid,
                                                   rl_scenario_get_issue_id (sc, i)) };
            grid (&prm, 0, 10);
            g_array_append_val (out, prm);
          }
      for (guint i = 0; i < n; i++)
        if (rl_scenario_get_party_raw_weight (sc, p, i) > 0)
          for (guint k = 0; k < rl_scenario_get_n_options (sc, i); k++)
            {
              double v = rl_scenario_get_party_value (sc, p, i, k);
              Param prm = { .kind = P_VALUE, .party = p, .issue = i, .option = k, .x0 = v,
                            .step = dv, .nominal = v,
                            .path = g_strdup_printf ("parties.%s.values.%s.%s", pid,
                                                     rl_scenario_get_issue_id (sc, i),
                                                     rl_scenario_get_option_id (sc, i, k)) };
              grid (&prm, 0, 1);
              g_array_append_val (out, prm);
            }
      for (guint b = 0; b < rl_scenario_get_n_bonuses (sc, p); b++)
        {
          double v = rl_scenario_get_bonus_value (sc, p, b);
          Param prm = { .kind = P_BONUS, .party = p, .bonus = b, .x0 = v, .step = dv,
                        .nominal = v,
                        .path = g_strdup_printf ("parties.%s.bonuses.%u", pid, b + 1) };
          grid (&prm, -1, 1);
          g_array_append_val (out, prm);
        }
    }
  return out;
}

/* The expected range of a finding from its truth at every grid point. */
static void
expect_range (const char *what, const Param *prm, const gboolean *holds,
              const RlSensitivityRange *got)
{
  const gboolean *at = holds - prm->kmin;   /* at[k] for k in kmin .. kmax */
  if (!at[0])
    {
      if (got->holds)
        fail_msg ("%s %s: holds, expected not", prm->path, what);
      return;
    }
  if (!got->holds)
    fail_msg ("%s %s: does not hold, expected it to", prm->path, what);
  gint64 hi = 0, lo = 0;
  while (hi < prm->kmax && at[hi + 1])
    hi++;
  while (lo > prm->kmin && at[lo - 1])
    lo--;
  double x_hi = prm->x0 + (double) hi * prm->step, x_lo = prm->x0 + (double) lo * prm->step;
  gboolean knife = (prm->kmax >= 1 && !at[1]) || (prm->kmin <= -1 && !at[-1]);
  if (fabs (got->hi - x_hi) > 1e-12 || fabs (got->lo - x_lo) > 1e-12
      || got->hi_open != (hi == prm->kmax) || got->lo_open != (lo == prm->kmin)
      || got->knife_edge != knife)
    fail_msg ("%s %s: got [%g%s, %g%s] knife %d, expected [%g%s, %g%s] knife %d", prm->path,
              what, got->lo, got->lo_open ? " open" : "", got->hi, got->hi_open ? " open" : "",
              got->knife_edge, x_lo, lo == prm->kmin ? " open" : "", x_hi,
              hi == prm->kmax ? " open" : "", knife);
}

static RlSensitivity *
run (RlScenario *sc, const RlRank *rank, guint samples, guint threads, gboolean margins)
{
  RlSensitivityOptions o;
  rl_sensitivity_options_init (&o);
  o.rank = *rank;
  o.samples = samples;
  o.margins = margins;
  o.step_batna = 0.01;
  o.step_weight = 0.25;
  o.step_value = 0.05;
  o.run.n_threads = threads;
  g_autoptr (GError) error = NULL;
  RlSensitivity *s = rl_sensitivity (sc, &o, &error);
  if (s == NULL)
    fail_msg ("%s", error->message);
  assert_true (rl_sensitivity_is_complete (s));
  return s;
}

static void
check_against_brute_force (RlScenario *sc, const RlRank *rank)
{
  g_autoptr (RlSensitivity) sens = run (sc, rank, 0, 2, TRUE);
  BfAnswer nominal = bf_answer (sc, NULL, rank);
  const RlPackage *t = rl_sensitivity_get_nominal (sens);
  assert_int_equal (rl_sensitivity_get_n_acceptable (sens), nominal.n_acceptable);
  if (nominal.first < 0)
    assert_null (t);
  else
    {
      assert_non_null (t);
      assert_int_equal (t->index, nominal.first);
    }

  /* Thresholds. */
  guint P = rl_scenario_get_n_parties (sc);
  guint64 space;
  rl_scenario_get_space (sc, &space);
  guint th = 0;
  for (guint p = 0; p < P; p++)
    {
      if (!rl_scenario_party_is_veto (sc, p))
        continue;
      const RlThreshold *got = rl_sensitivity_get_threshold (sens, th++);
      assert_int_equal (got->party, p);
      double best = -INFINITY;
      guint8 x[64];
      for (guint64 ix = 0; ix < space; ix++)
        {
          rl_scenario_package_from_index (sc, ix, x);
          if (!rl_scenario_is_compatible (sc, x))
            continue;
          gboolean ok = TRUE;
          for (guint q = 0; q < P; q++)
            if (q != p && rl_scenario_party_is_veto (sc, q)
                && bf_utility (sc, NULL, q, x) < bf_batna (sc, NULL, q) - EPS)
              ok = FALSE;
          if (ok)
            best = MAX (best, bf_utility (sc, NULL, p, x));
        }
      assert_int_equal (got->has_zone_max, isfinite (best));
      if (isfinite (best))
        assert_true (fabs (got->zone_max - best) < 1e-12);
      /* The threshold is exact: at zone_max the zone holds (when nothing
       * else closes it); just above it, it is closed. */
    }
  assert_int_equal (th, rl_sensitivity_get_n_thresholds (sens));

  /* Margins: every parameter, every grid point. */
  g_autoptr (GArray) params = bf_params (sc, 0.01, 0.25, 0.05);
  assert_int_equal (rl_sensitivity_get_n_margins (sens), params->len);
  for (guint m = 0; m < params->len; m++)
    {
      Param *prm = &g_array_index (params, Param, m);
      const RlMargin *got = rl_sensitivity_get_margin (sens, m);
      assert_string_equal (got->parameter, prm->path);
      assert_true (got->nominal == prm->nominal);
      guint len = (guint) (prm->kmax - prm->kmin + 1);
      g_autofree gboolean *zone = g_new0 (gboolean, len);
      g_autofree gboolean *top = g_new0 (gboolean, len);
      for (gint64 k = prm->kmin; k <= prm->kmax; k++)
        {
          Pert pt = { prm, prm->x0 + (double) k * prm->step, k };
          BfAnswer a = bf_answer (sc, k == 0 ? NULL : &pt, rank);
          zone[k - prm->kmin] = a.n_acceptable > 0;
          top[k - prm->kmin] = nominal.first >= 0 && a.first == nominal.first;
        }
      expect_range ("zone", prm, zone, &got->zone);
      expect_range ("top", prm, top, &got->top);
      g_free (prm->path);
    }
}

/* A random scenario; a third of them with a status quo and BATNAs taken
 * from it. */
static RlScenario *
random_case (GRand *r)
{
  RandomShape shape = { .max_issues = 3, .max_options = 3, .max_parties = 3, .max_rules = 1,
                        .coarse = g_rand_boolean (r), .jitter = g_rand_boolean (r) };
  g_autofree char *text = rl_random_scenario (r, &shape);
  RlScenario *sc = load (text);
  if (g_rand_int_range (r, 0, 3) != 0)
    return sc;
  /* status_quo: every issue's first option; p0's BATNA from it. */
  g_autoptr (GString) sq = g_string_new ("status_quo: {");
  for (guint i = 0; i < rl_scenario_get_n_issues (sc); i++)
    g_string_append_printf (sq, "%s%s: %s", i ? ", " : "", rl_scenario_get_issue_id (sc, i),
                            rl_scenario_get_option_id (sc, i, 0));
  g_string_append (sq, "}\nparties:\n");
  g_autoptr (GString) t = g_string_new (text);
  char *at = strstr (t->str, "parties:\n");
  gsize pos = (gsize) (at - t->str);
  g_string_erase (t, (gssize) pos, strlen ("parties:\n"));
  g_string_insert (t, (gssize) pos, sq->str);
  char *b = strstr (t->str + pos, "batna: ");
  gsize bpos = (gsize) (b - t->str) + strlen ("batna: ");
  gsize end = bpos;
  while (t->str[end] != '\n')
    end++;
  g_string_erase (t, (gssize) bpos, (gssize) (end - bpos));
  g_string_insert (t, (gssize) bpos, g_rand_boolean (r) ? "status_quo" : "{status_quo: -0.05}");
  rl_scenario_unref (sc);
  return load (t->str);
}

static void
test_brute_force (void **state)
{
  (void) state;
  GRand *r = g_rand_new_with_seed (12);
  for (guint n = 0; n < 240; n++)
    {
      g_autoptr (RlScenario) sc = random_case (r);
      RlRank rank = { .kind = (RlScoreKind) (n % 5), .party = 0 };
      if (rank.kind == RL_SCORE_UTILITY)
        rank.party = n % rl_scenario_get_n_parties (sc);
      check_against_brute_force (sc, &rank);
    }
  g_rand_free (r);
}

/* The searches that answer above 2^20 compatible packages, forced here by
 * RL_SENSITIVITY_FAST_MAX=0, against the same brute force; and the Monte
 * Carlo of both paths the same. */
static void
test_search_path (void **state)
{
  (void) state;
  GRand *r = g_rand_new_with_seed (31);
  for (guint n = 0; n < 60; n++)
    {
      g_autoptr (RlScenario) sc = random_case (r);
      /* Every rank: kalai asks --only-top; the others ask whether
       * anything outranks t* (t_still_first in sensitivity-eval.c). */
      RlRank rank = { .kind = (RlScoreKind) (n % 5), .party = 0 };
      if (rank.kind == RL_SCORE_UTILITY)
        rank.party = n % rl_scenario_get_n_parties (sc);
      g_setenv ("RL_SENSITIVITY_FAST_MAX", "0", TRUE);
      check_against_brute_force (sc, &rank);
      g_autoptr (RlSensitivity) slow = run (sc, &rank, 60, 2, FALSE);
      g_unsetenv ("RL_SENSITIVITY_FAST_MAX");
      g_autoptr (RlSensitivity) fast = run (sc, &rank, 60, 2, FALSE);
      assert_int_equal (rl_sensitivity_get_zone (slow)->count, rl_sensitivity_get_zone (fast)->count);
      guint64 a[5], b[5];
      rl_sensitivity_get_acceptable (slow, a);
      rl_sensitivity_get_acceptable (fast, b);
      assert_memory_equal (a, b, sizeof a);
      assert_int_equal (rl_sensitivity_get_n_first (slow), rl_sensitivity_get_n_first (fast));
      for (guint f = 0; f < rl_sensitivity_get_n_first (slow); f++)
        assert_int_equal (rl_sensitivity_get_first (slow, f)->index,
                          rl_sensitivity_get_first (fast, f)->index);
      const RlShare *s1[3], *s2[3];
      if (rl_sensitivity_get_nominal_shares (slow, &s1[0], &s1[1], &s1[2]))
        {
          rl_sensitivity_get_nominal_shares (fast, &s2[0], &s2[1], &s2[2]);
          for (guint k = 0; k < 3; k++)
            assert_int_equal (s1[k]->count, s2[k]->count);
        }
    }
  g_rand_free (r);
}

/* ---- Monte Carlo ------------------------------------------------------------------- */

static void
test_wilson (void **state)
{
  (void) state;
  RlShare s;
  /* 0 of 10: the interval is [0, z²/N / (1 + z²/N)]: Wilson's upper
   * bound 0.2775 for no success in ten trials. */
  rl_share_init (&s, 0, 10);
  assert_true (fabs (s.wilson_lo) < 1e-15);
  assert_true (fabs (s.wilson_hi - 0.27753279986288) < 1e-12);
  /* 710 of 1000, by the formula written out. */
  rl_share_init (&s, 710, 1000);
  double p = 0.71, N = 1000, z2 = Z * Z;
  double c = (p + z2 / (2 * N)) / (1 + z2 / N);
  double h = Z * sqrt (p * (1 - p) / N + z2 / (4 * N * N)) / (1 + z2 / N);
  assert_true (fabs (s.share - 0.71) < 1e-15);
  assert_true (fabs (s.wilson_lo - (c - h)) < 1e-15 && fabs (s.wilson_hi - (c + h)) < 1e-15);
  assert_true (fabs (s.wilson_lo - 0.68112) < 1e-4 && fabs (s.wilson_hi - 0.73723) < 1e-4);
  /* All of them: the interval ends at 1. */
  rl_share_init (&s, 50, 50);
  assert_true (fabs (s.wilson_hi - 1) < 1e-12 && s.wilson_hi <= 1);
  for (guint n = 1; n < 3000; n += 7)
    {
      rl_share_init (&s, n, n);
      assert_true (s.wilson_hi <= 1 && s.wilson_lo >= 0);
      rl_share_init (&s, 0, n);
      assert_true (s.wilson_lo >= 0 && s.wilson_lo < 1e-15);
    }
}

static void
test_zero_noise (void **state)
{
  (void) state;
  GRand *r = g_rand_new_with_seed (7);
  for (guint n = 0; n < 60; n++)
    {
      g_autoptr (RlScenario) sc = random_case (r);
      RlSensitivityOptions o;
      rl_sensitivity_options_init (&o);
      o.samples = 40;
      o.concentration = 0;
      o.value_noise = 0;
      o.batna_noise = 0;
      o.margins = FALSE;
      g_autoptr (RlSensitivity) s = rl_sensitivity (sc, &o, NULL);
      assert_non_null (s);
      const RlPackage *t = rl_sensitivity_get_nominal (s);
      guint64 acc = rl_sensitivity_get_n_acceptable (s);
      assert_int_equal (rl_sensitivity_get_zone (s)->count, t ? 40 : 0);
      guint64 st[5];
      rl_sensitivity_get_acceptable (s, st);
      for (guint k = 0; k < 5; k++)
        assert_int_equal (st[k], acc);
      const RlShare *a, *f, *pa;
      assert_int_equal (rl_sensitivity_get_nominal_shares (s, &a, &f, &pa), t != NULL);
      if (t)
        {
          assert_int_equal (a->count, 40);
          assert_int_equal (f->count, 40);
          assert_int_equal (rl_sensitivity_get_n_first (s), 1);
          assert_int_equal (rl_sensitivity_get_first (s, 0)->index, t->index);
          /* Pareto-optimal in every sample or in none, as solve says. */
          RlSolveOptions so;
          rl_solve_options_init (&so);
          so.top = 1;
          g_autoptr (RlResult) res = rl_solve (sc, &so, NULL);
          assert_int_equal (rl_result_get_top (res, 0)->index, t->index);
          assert_int_equal (pa->count, rl_result_get_top (res, 0)->pareto ? 40 : 0);
        }
      else
        assert_int_equal (rl_sensitivity_get_n_first (s), 0);
    }
  g_rand_free (r);
}

/* Shares of two one-issue cases against their exact probabilities, with
 * 20000 samples: within 4.5 standard errors (sqrt(p(1-p)/N) <= 0.0036). */
static void
test_exact_shares (void **state)
{
  (void) state;
  /* BATNA noise alone: open iff 0.5 >= 0.48 + d, d ~ U(-0.05, 0.05):
   * P = 0.07 / 0.1 = 0.7. */
  g_autoptr (RlScenario) a = load (
    "redline: 1\ntitle: t\nissues:\n  i:\n    options: [a, b]\n"
    "parties:\n  p:\n    batna: 0.48\n    weights: {i: 1}\n    values:\n      i: {a: 0, b: 0.5}\n");
  RlSensitivityOptions o;
  rl_sensitivity_options_init (&o);
  o.samples = 20000;
  o.concentration = 0;
  o.value_noise = 0;
  o.margins = FALSE;
  g_autoptr (RlSensitivity) sa = rl_sensitivity (a, &o, NULL);
  assert_true (fabs (rl_sensitivity_get_zone (sa)->share - 0.7) < 4.5 * sqrt (0.21 / 20000));
  /* Value noise alone: open iff 0.5 + e >= 0.45 (clipped to [0, 1] does
   * not matter there), e ~ N(0, 0.05): P = Φ(1) = 0.841345. b's value
   * is perturbed too but is 0 + e, only first-ness depends on it. */
  g_autoptr (RlScenario) b = load (
    "redline: 1\ntitle: t\nissues:\n  i:\n    options: [a, b]\n"
    "parties:\n  p:\n    batna: 0.45\n    weights: {i: 1}\n    values:\n      i: {a: 0, b: 0.5}\n");
  o.value_noise = 0.05;
  o.batna_noise = 0;
  g_autoptr (RlSensitivity) sb = rl_sensitivity (b, &o, NULL);
  double phi1 = 0.5 * erfc (-1 / sqrt (2));
  assert_true (fabs (rl_sensitivity_get_zone (sb)->share - phi1)
               < 4.5 * sqrt (phi1 * (1 - phi1) / 20000));
}

static void
assert_same_share (const RlShare *a, const RlShare *b)
{
  assert_int_equal (a->count, b->count);
  assert_true (a->share == b->share && a->wilson_lo == b->wilson_lo && a->wilson_hi == b->wilson_hi);
}

static void
test_threads (void **state)
{
  (void) state;
  GRand *r = g_rand_new_with_seed (99);
  for (guint n = 0; n < 20; n++)
    {
      g_autoptr (RlScenario) sc = random_case (r);
      RlRank rank = { RL_SCORE_NASH, 0 };
      g_autoptr (RlSensitivity) one = run (sc, &rank, 300, 1, TRUE);
      g_autoptr (RlSensitivity) two = run (sc, &rank, 300, 2, TRUE);
      assert_int_equal (rl_sensitivity_get_n_samples (one), 300);
      assert_same_share (rl_sensitivity_get_zone (one), rl_sensitivity_get_zone (two));
      guint64 s1[5], s2[5];
      rl_sensitivity_get_acceptable (one, s1);
      rl_sensitivity_get_acceptable (two, s2);
      assert_memory_equal (s1, s2, sizeof s1);
      assert_int_equal (rl_sensitivity_get_n_first (one), rl_sensitivity_get_n_first (two));
      for (guint f = 0; f < rl_sensitivity_get_n_first (one); f++)
        {
          assert_int_equal (rl_sensitivity_get_first (one, f)->index,
                            rl_sensitivity_get_first (two, f)->index);
          assert_same_share (&rl_sensitivity_get_first (one, f)->share,
                             &rl_sensitivity_get_first (two, f)->share);
        }
      const RlShare *a1, *f1, *p1, *a2, *f2, *p2;
      if (rl_sensitivity_get_nominal_shares (one, &a1, &f1, &p1))
        {
          rl_sensitivity_get_nominal_shares (two, &a2, &f2, &p2);
          assert_same_share (a1, a2);
          assert_same_share (f1, f2);
          assert_same_share (p1, p2);
        }
      assert_int_equal (rl_sensitivity_get_n_margins (one), rl_sensitivity_get_n_margins (two));
    }
  g_rand_free (r);
}

static void
test_refused (void **state)
{
  (void) state;
  g_autoptr (RlScenario) sc = load (
    "redline: 1\ntitle: t\nissues:\n  i:\n    options: [a, b]\n"
    "parties:\n  p:\n    weights: {i: 1}\n    values:\n      i: {a: 0, b: 0.5}\n");
  RlSensitivityOptions o;
  rl_sensitivity_options_init (&o);
  o.rank.kind = RL_SCORE_DURABILITY;
  g_autoptr (GError) error = NULL;
  assert_null (rl_sensitivity (sc, &o, &error));
  assert_true (g_error_matches (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT));
  g_clear_error (&error);
  rl_sensitivity_options_init (&o);
  o.step_value = 0;
  assert_null (rl_sensitivity (sc, &o, &error));
  assert_true (g_error_matches (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT));
}

/* Scores within the tolerance tie, and a tie goes to the smaller index:
 * b is better by 1e-10 only, so a is first, and stays first until b's
 * value is one step (0.05) higher; a's value one step lower makes b
 * first: a knife edge for `top`, hand-worked. */
static void
test_ties (void **state)
{
  (void) state;
  g_autoptr (RlScenario) sc = load (
    "redline: 1\ntitle: t\nissues:\n  i:\n    options: [a, b]\n"
    "parties:\n  p:\n    batna: 0.2\n    weights: {i: 1}\n    values:\n      i: {a: 0.5, b: 0.5000000001}\n");
  RlRank rank = { RL_SCORE_WELFARE, 0 };
  g_autoptr (RlSensitivity) s = run (sc, &rank, 0, 1, TRUE);
  assert_int_equal (rl_sensitivity_get_nominal (s)->index, 0);
  assert_int_equal (rl_sensitivity_get_n_margins (s), 3);
  const RlMargin *va = rl_sensitivity_get_margin (s, 1);
  assert_string_equal (va->parameter, "parties.p.values.i.a");
  assert_true (va->top.holds && va->top.knife_edge && va->top.hi_open);
  assert_true (fabs (va->top.lo - 0.5) < 1e-15 && !va->top.lo_open);
  const RlMargin *vb = rl_sensitivity_get_margin (s, 2);
  assert_true (vb->top.holds && vb->top.knife_edge && vb->top.lo_open);
  assert_true (fabs (vb->top.hi - 0.5000000001) < 1e-15);
  /* The zone: open while the best value is at least the BATNA 0.2. */
  const RlMargin *b = rl_sensitivity_get_margin (s, 0);
  assert_true (fabs (b->zone.hi - 0.5) < 1e-12 && !b->zone.hi_open && b->zone.lo_open);
  assert_true (fabs (rl_sensitivity_get_threshold (s, 0)->zone_max - 0.5000000001) < 1e-15);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_wilson),
    cmocka_unit_test (test_refused),
    cmocka_unit_test (test_ties),
    cmocka_unit_test (test_zero_noise),
    cmocka_unit_test (test_exact_shares),
    cmocka_unit_test (test_threads),
    cmocka_unit_test (test_brute_force),
    cmocka_unit_test (test_search_path),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
