/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-stability.c: rl_stability() (stability.md) against hand-computed
 * cases (the Prisoner's Dilemma, Chicken, a three-party case with
 * irreversible moves, red lines before utility, indifference, the Elmira
 * conflict), and against a brute force on hundreds of random scenarios
 * with random controls and moves. The brute force writes stability.md's
 * definitions as they stand: R_H(x) as the smallest set of pairs (state,
 * last mover) closed under the rule "another member moves next", grown
 * one move at a time for as many rounds as there are pairs (every
 * sequence of moves up to that length), and each concept's table row as
 * a loop over its quantifiers.
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

#define N_CONCEPTS RL_N_STABILITY_CONCEPTS

static RlScenario *
load (const char *text)
{
  g_autoptr (GError) error = NULL;
  RlScenario *sc = rl_scenario_load_from_data (text, strlen (text), "test.yaml", &error);
  if (sc == NULL)
    fail_msg ("%s\n%s", error->message, text);
  return sc;
}

static RlStability *
run (RlScenario *sc, RlStabilityPackages packages, guint threads)
{
  RlStabilityOptions opts;
  rl_stability_options_init (&opts);
  opts.packages = packages;
  opts.run.n_threads = threads;
  g_autoptr (GError) error = NULL;
  RlStability *st = rl_stability (sc, &opts, &error);
  if (st == NULL)
    fail_msg ("%s", error->message);
  assert_true (rl_stability_is_complete (st));
  return st;
}

/* The equilibria under @concept as "0 3" (index order). */
static char *
equilibria (const RlStability *st, RlStabilityConcept concept)
{
  GString *s = g_string_new (NULL);
  for (guint k = 0; k < rl_stability_get_n_packages (st); k++)
    if (rl_stability_is_stable (st, k, concept))
      g_string_append_printf (s, "%s%" G_GUINT64_FORMAT, s->len ? " " : "",
                              rl_stability_get_package (st, k)->index);
  return g_string_free (s, FALSE);
}

static void
expect_equilibria (const RlStability *st, const char *nash, const char *gmr, const char *smr,
                   const char *seq)
{
  const char *want[N_CONCEPTS] = { nash, gmr, smr, seq };
  for (guint c = 0; c < N_CONCEPTS; c++)
    {
      g_autofree char *got = equilibria (st, (RlStabilityConcept) c);
      if (strcmp (got, want[c]) != 0)
        fail_msg ("%s: expected [%s], got [%s]", rl_stability_concept_name ((RlStabilityConcept) c),
                  want[c], got);
    }
}

static guint
package_at (const RlStability *st, guint64 index)
{
  for (guint k = 0; k < rl_stability_get_n_packages (st); k++)
    if (rl_stability_get_package (st, k)->index == index)
      return k;
  fail_msg ("package %" G_GUINT64_FORMAT " was not examined", index);
  return 0;
}

/* ---- hand-computed cases --------------------------------------------------------- */

/* Payoffs 1 (defect on a cooperator), 2/3 (both cooperate), 1/3 (both
 * defect), 0 (betrayed). Index = 2 one + two, cooperate 0: 0 CC, 1 CD,
 * 2 DC, 3 DD. Nash: only DD. CC: a defection gains 1/3 but the other's
 * defection in answer leaves the defector at 1/3 < 2/3, and that answer
 * is an improvement for the answerer (0 -> 1/3): gmr, smr, seq. */
static const char prisoners[] =
  "redline: 1\ntitle: PD\nissues:\n"
  "  one: {options: [cooperate, defect]}\n  two: {options: [cooperate, defect]}\n"
  "parties:\n"
  "  one:\n    controls: [one]\n    weights: {two: 2, one: 1}\n"
  "    values: {two: {cooperate: 1, defect: 0}, one: {cooperate: 0, defect: 1}}\n"
  "  two:\n    controls: [two]\n    weights: {one: 2, two: 1}\n"
  "    values: {one: {cooperate: 1, defect: 0}, two: {cooperate: 0, defect: 1}}\n";

static void
test_prisoners (void **state)
{
  (void) state;
  g_autoptr (RlScenario) sc = load (prisoners);
  g_autoptr (RlStability) st = run (sc, RL_STABILITY_FEASIBLE, 1);
  expect_equilibria (st, "3", "0 3", "0 3", "0 3");
  assert_int_equal (rl_stability_get_n_deciders (st), 2);
  guint k = package_at (st, 0);
  assert_int_equal (rl_stability_get_n_improvements (st, k, 0), 1);
  const RlImprovement *imp = rl_stability_get_improvement (st, k, 0, 0);
  assert_int_equal (imp->index, 2);
  assert_true (fabs (imp->gain - 1.0 / 3) < 1e-12);
  assert_true (imp->sanctioned);
  assert_non_null (imp->sanction);
  assert_int_equal (imp->sanction[1], 1);   /* two defects in answer */
  /* CD: one's defection cannot be answered (two has already defected). */
  k = package_at (st, 1);
  assert_false (rl_stability_get_improvement (st, k, 0, 0)->sanctioned);
  assert_false (rl_stability_party_is_stable (st, k, 0, RL_STABILITY_GMR));
  assert_true (rl_stability_party_is_stable (st, k, 1, RL_STABILITY_NASH));
}

/* Chicken: swerve 0, straight 1; payoffs SS 3, ST 2, TS 4, TT 1 (first
 * player's), as bonuses over 4. Nash: ST, TS. SS: going straight gains,
 * but the other's going straight too answers it (TT, 1 < 3): gmr; after
 * TT the mover's only reply is back to swerving (2 < 3): smr; but going
 * straight is no improvement for the answerer (3 -> 1 in its own terms:
 * from TS, 2 -> 1): not seq. TT: swerving gains and no answer leaves the
 * swerver at 1 or below. */
static const char chicken[] =
  "redline: 1\ntitle: Chicken\nissues:\n"
  "  one: {options: [swerve, straight]}\n  two: {options: [swerve, straight]}\n"
  "parties:\n"
  "  one:\n    controls: [one]\n    bonuses:\n"
  "      - {when: one == swerve and two == swerve, value: 0.75}\n"
  "      - {when: one == swerve and two == straight, value: 0.5}\n"
  "      - {when: one == straight and two == swerve, value: 1}\n"
  "      - {when: one == straight and two == straight, value: 0.25}\n"
  "  two:\n    controls: [two]\n    bonuses:\n"
  "      - {when: one == swerve and two == swerve, value: 0.75}\n"
  "      - {when: two == swerve and one == straight, value: 0.5}\n"
  "      - {when: two == straight and one == swerve, value: 1}\n"
  "      - {when: one == straight and two == straight, value: 0.25}\n";

static void
test_chicken (void **state)
{
  (void) state;
  g_autoptr (RlScenario) sc = load (chicken);
  g_autoptr (RlStability) st = run (sc, RL_STABILITY_FEASIBLE, 2);
  expect_equilibria (st, "1 2", "0 1 2", "0 1 2", "1 2");
}

/* Three parties, one issue each; index 4a + 2b + c; the constraint c -> b
 * leaves states 0 2 3 4 6 7. u_A = 0.5 [a] - [b and c], u_B = 0.5 [a and
 * b], u_C = 0.5 [c]. From 0, A's move to 4 (gain 0.5) is answered only by
 * two moves of two others: B to 6, then C to 7 (u_A -0.5), each an
 * improvement for its mover: 0 is gmr, smr and seq. When c may only go
 * backward (the permit, once revoked, stays revoked... here: c can only
 * be withdrawn), C cannot make that second move: 0 is stable under no
 * concept, while 6 becomes a Nash equilibrium (C can no longer raise c).
 * Worked by hand state by state in the commit that added this test. */
static const char three_parties[] =
  "redline: 1\ntitle: Three\nissues:\n"
  "  a: {options: [no, yes]}\n  b: {options: [no, yes]}\n  c: {options: [no, yes]%s}\n"
  "constraints:\n  - {id: c-needs-b, rule: c -> b}\n"
  "parties:\n"
  "  A:\n    controls: [a]\n    bonuses:\n"
  "      - {when: a, value: 0.5}\n      - {when: b and c, value: -1}\n"
  "  B:\n    controls: [b]\n    bonuses:\n      - {when: a and b, value: 0.5}\n"
  "  C:\n    controls: [c]\n    bonuses:\n      - {when: c, value: 0.5}\n";

static void
test_three_parties_irreversible (void **state)
{
  (void) state;
  g_autofree char *both = g_strdup_printf (three_parties, "");
  g_autoptr (RlScenario) sc = load (both);
  g_autoptr (RlStability) st = run (sc, RL_STABILITY_FEASIBLE, 1);
  expect_equilibria (st, "7", "0 4 7", "0 4 7", "0 7");
  const RlImprovement *imp = rl_stability_get_improvement (st, package_at (st, 0), 0, 0);
  assert_int_equal (imp->index, 4);
  assert_int_equal (imp->sanction_moves, 2);   /* B, then C */

  g_autofree char *backward = g_strdup_printf (three_parties, ", moves: backward");
  g_autoptr (RlScenario) sc2 = load (backward);
  g_autoptr (RlStability) st2 = run (sc2, RL_STABILITY_FEASIBLE, 2);
  expect_equilibria (st2, "6 7", "4 6 7", "4 6 7", "6 7");
}

/* An observer controls x; its red line says keep, its utility says break.
 * At keep, breaking gains 1 but breaks its red line: no improvement. At
 * break, keeping loses 1 of utility but keeps the red line: an
 * improvement with gain -1, which nobody can answer. */
static const char red_line_first[] =
  "redline: 1\ntitle: Red lines\nissues:\n  x: {options: [keep, break]}\n"
  "parties:\n"
  "  v:\n    weights: {x: 1}\n    values: {x: {keep: 0.5, break: 0.5}}\n"
  "  o:\n    veto: false\n    controls: [x]\n    weights: {x: 1}\n"
  "    values: {x: {keep: 0, break: 1}}\n"
  "    red_lines: [{id: keep-it, rule: x == keep}]\n";

static void
test_red_lines_first (void **state)
{
  (void) state;
  g_autoptr (RlScenario) sc = load (red_line_first);
  g_autoptr (RlStability) st = run (sc, RL_STABILITY_FEASIBLE, 1);
  expect_equilibria (st, "0", "0", "0", "0");
  guint k = package_at (st, 1);
  assert_int_equal (rl_stability_get_n_improvements (st, k, 1), 1);
  const RlImprovement *imp = rl_stability_get_improvement (st, k, 1, 0);
  assert_int_equal (imp->index, 0);
  assert_true (fabs (imp->gain + 1) < 1e-12);
  assert_false (imp->sanctioned);
  /* v is no decision maker: stable under every concept, no moves. */
  assert_true (rl_stability_party_is_stable (st, k, 0, RL_STABILITY_NASH));
  assert_int_equal (rl_stability_get_n_improvements (st, k, 0), 0);
}

/* A moves a (u_A 0.3 -> 0.5); B's answer b -> o1 leaves u_A at 0.3 + 4e-10
 * (equal within 1e-9: it deters) or at 0.3 + 2e-9 (better: it does not).
 * B is indifferent between its options (5e-10 apart): no move of its own
 * is an improvement, so its answer is never sequential. */
static const char indifference[] =
  "redline: 1\ntitle: Ties\nissues:\n  a: {options: [o0, o1]}\n  b: {options: [o0, o1]}\n"
  "parties:\n"
  "  A:\n    controls: [a]\n    weights: {a: 1, b: 1}\n"
  "    values: {a: {o0: 0, o1: 0.4}, b: {o0: 0.6, o1: %s}}\n"
  "  B:\n    controls: [b]\n    weights: {b: 1}\n    values: {b: {o0: 0.5, o1: 0.5000000005}}\n";

static void
test_indifference (void **state)
{
  (void) state;
  g_autofree char *tie = g_strdup_printf (indifference, "0.2000000008");
  g_autoptr (RlScenario) sc = load (tie);
  g_autoptr (RlStability) st = run (sc, RL_STABILITY_FEASIBLE, 1);
  guint k = package_at (st, 0);
  assert_true (rl_stability_is_stable (st, k, RL_STABILITY_GMR));
  assert_true (rl_stability_is_stable (st, k, RL_STABILITY_SMR));
  assert_false (rl_stability_is_stable (st, k, RL_STABILITY_SEQ));
  assert_false (rl_stability_is_stable (st, k, RL_STABILITY_NASH));
  assert_int_equal (rl_stability_get_n_improvements (st, k, 1), 0);
  assert_true (fabs (rl_stability_get_improvement (st, k, 0, 0)->gain - 0.2) < 1e-12);

  g_autofree char *apart = g_strdup_printf (indifference, "0.200000004");
  g_autoptr (RlScenario) sc2 = load (apart);
  g_autoptr (RlStability) st2 = run (sc2, RL_STABILITY_FEASIBLE, 1);
  k = package_at (st2, 0);
  assert_false (rl_stability_is_stable (st2, k, RL_STABILITY_GMR));
  assert_false (rl_stability_get_improvement (st2, k, 0, 0)->sanctioned);
}

/* Elmira (tests/data/stability/elmira.yaml, whose comment maps GMCR's
 * state numbers to indices); stability.md's example shows the same Nash
 * equilibria and the same move of LG's from package 8. */
static void
test_elmira (void **state)
{
  (void) state;
  g_autofree char *path = g_build_filename (g_getenv ("RL_TEST_DATA"), "stability", "elmira.yaml",
                                            NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (RlScenario) sc = rl_scenario_load (path, &error);
  if (sc == NULL)
    fail_msg ("%s", error->message);
  g_autoptr (RlStability) st = run (sc, RL_STABILITY_FEASIBLE, 2);
  assert_int_equal (rl_stability_get_n_packages (st), 12);
  expect_equilibria (st, "2 3 9 18 19 21", "2 3 8 9 18 19 20 21", "2 3 8 9 18 19 20 21",
                     "2 3 9 18 19 21");
  guint k = package_at (st, 8);
  guint lg = (guint) rl_scenario_find_party (sc, "lg");
  assert_int_equal (rl_stability_get_n_improvements (st, k, lg), 1);
  const RlImprovement *imp = rl_stability_get_improvement (st, k, lg, 0);
  assert_int_equal (imp->index, 9);
  assert_true (fabs (imp->gain - 1.0 / 12) < 1e-9);
  assert_true (imp->sanctioned);
}

/* No controls: every package an equilibrium; a deal that breaks a
 * constraint is refused; top and acceptable examine what solve lists. */
static void
test_options (void **state)
{
  (void) state;
  g_autoptr (RlScenario) sc = load (
    "redline: 1\ntitle: t\nissues:\n  a: {options: [x, y, z]}\n"
    "constraints: [{id: no-z, rule: a != z}]\n"
    "parties:\n  p:\n    weights: {a: 1}\n    values: {a: {x: 0, y: 1, z: 0.5}}\n    batna: 0.5\n");
  g_autoptr (RlStability) st = run (sc, RL_STABILITY_FEASIBLE, 1);
  assert_int_equal (rl_stability_get_n_deciders (st), 0);
  expect_equilibria (st, "0 1", "0 1", "0 1", "0 1");
  g_autoptr (RlStability) acc = run (sc, RL_STABILITY_ACCEPTABLE, 1);
  expect_equilibria (acc, "1", "1", "1", "1");
  assert_true (rl_stability_get_package (acc, 0)->acceptable);

  RlStabilityOptions opts;
  rl_stability_options_init (&opts);
  guint8 deal[1] = { 2 };
  opts.deal = deal;
  g_autoptr (GError) error = NULL;
  assert_null (rl_stability (sc, &opts, &error));
  assert_true (g_error_matches (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT));
  assert_non_null (strstr (error->message, "no-z"));
  deal[0] = 0;
  g_autoptr (RlStability) one = rl_stability (sc, &opts, NULL);
  assert_int_equal (rl_stability_get_n_packages (one), 1);
  assert_false (rl_stability_get_package (one, 0)->acceptable);
}

/* ---- the brute force --------------------------------------------------------------- */

typedef struct {
  RlScenario *sc;
  guint n;                 /* states */
  guint64 *index;          /* n */
  int *at;                 /* space: position of a package among the states, -1 */
  guint n_dm;
  guint dm[RL_MAX_PARTIES];
  double *u;               /* n × n_dm */
  guint *broken;           /* n × n_dm */
  gboolean *move;          /* n_dm × n × n: y ∈ R_d(x) */
} Brute;

static gboolean
brute_prefers (const Brute *b, guint d, guint y, guint x)
{
  guint by = b->broken[y * b->n_dm + d], bx = b->broken[x * b->n_dm + d];
  return by < bx || (by == bx && b->u[y * b->n_dm + d] > b->u[x * b->n_dm + d] + 1e-9);
}

static gboolean
brute_moves (const Brute *b, guint d, guint x, guint y)
{
  return b->move[((gsize) d * b->n + x) * b->n + y];
}

static void
brute_init (Brute *b, RlScenario *sc)
{
  memset (b, 0, sizeof *b);
  b->sc = sc;
  guint64 space;
  assert_true (rl_scenario_get_space (sc, &space));
  guint n_issues = rl_scenario_get_n_issues (sc);
  b->at = g_new (int, space);
  b->index = g_new0 (guint64, space);
  g_autofree guint8 *pkg = g_new0 (guint8, n_issues + 1);
  for (guint64 x = 0; x < space; x++)
    {
      rl_scenario_package_from_index (sc, x, pkg);
      b->at[x] = -1;
      gboolean feasible = TRUE;
      for (guint c = 0; c < rl_scenario_get_n_constraints (sc); c++)
        feasible = feasible && rl_rule_eval (rl_named_rule_get_rule (rl_scenario_get_constraint (sc, c)), pkg);
      if (feasible)
        {
          b->at[x] = (int) b->n;
          b->index[b->n++] = x;
        }
    }
  for (guint p = 0; p < rl_scenario_get_n_parties (sc); p++)
    if (rl_scenario_get_party_n_controls (sc, p) > 0)
      b->dm[b->n_dm++] = p;
  b->u = g_new0 (double, (gsize) b->n * b->n_dm + 1);
  b->broken = g_new0 (guint, (gsize) b->n * b->n_dm + 1);
  for (guint s = 0; s < b->n; s++)
    {
      rl_scenario_package_from_index (sc, b->index[s], pkg);
      for (guint d = 0; d < b->n_dm; d++)
        {
          guint p = b->dm[d];
          b->u[s * b->n_dm + d] = rl_scenario_utility (sc, p, pkg);
          for (guint r = 0; r < rl_scenario_get_n_red_lines (sc, p); r++)
            if (!rl_rule_eval (rl_named_rule_get_rule (rl_scenario_get_red_line (sc, p, r)), pkg))
              b->broken[s * b->n_dm + d]++;
        }
    }
  /* R_d(x): y ≠ x differing only in issues d controls, each moved the
   * way its `moves` says. */
  b->move = g_new0 (gboolean, (gsize) b->n_dm * b->n * b->n + 1);
  g_autofree guint8 *py = g_new0 (guint8, n_issues + 1);
  for (guint d = 0; d < b->n_dm; d++)
    for (guint x = 0; x < b->n; x++)
      for (guint y = 0; y < b->n; y++)
        {
          if (x == y)
            continue;
          rl_scenario_package_from_index (sc, b->index[x], pkg);
          rl_scenario_package_from_index (sc, b->index[y], py);
          gboolean ok = TRUE;
          for (guint i = 0; i < n_issues && ok; i++)
            {
              if (pkg[i] == py[i])
                continue;
              gboolean mine = FALSE;
              for (guint c = 0; c < rl_scenario_get_party_n_controls (sc, b->dm[d]); c++)
                mine = mine || rl_scenario_get_party_control (sc, b->dm[d], c) == i;
              RlMoves m = rl_scenario_get_issue_moves (sc, i);
              ok = mine && (m == RL_MOVES_BOTH || (m == RL_MOVES_FORWARD && py[i] > pkg[i])
                            || (m == RL_MOVES_BACKWARD && py[i] < pkg[i]));
            }
          b->move[((gsize) d * b->n + x) * b->n + y] = ok;
        }
}

static void
brute_clear (Brute *b)
{
  g_free (b->at);
  g_free (b->index);
  g_free (b->u);
  g_free (b->broken);
  g_free (b->move);
}

/* R_H(x) (or R_H⁺ with @improving) for H = every decision maker but @i:
 * the pairs (y, j) of stability.md, grown one move per round. */
static gboolean *
brute_reach (const Brute *b, guint i, guint x, gboolean improving)
{
  guint n = b->n, m = b->n_dm;
  gboolean *pair = g_new0 (gboolean, (gsize) n * m + 1);
  for (guint j = 0; j < m; j++)
    for (guint y = 0; y < n; y++)
      if (j != i && brute_moves (b, j, x, y) && (!improving || brute_prefers (b, j, y, x)))
        pair[y * m + j] = TRUE;
  for (guint round = 0; round < n * m; round++)
    {
      gboolean grew = FALSE;
      for (guint y = 0; y < n; y++)
        for (guint j = 0; j < m; j++)
          if (pair[y * m + j])
            for (guint k = 0; k < m; k++)
              for (guint z = 0; z < n; z++)
                if (k != i && k != j && !pair[z * m + k] && brute_moves (b, k, y, z)
                    && (!improving || brute_prefers (b, k, z, y)))
                  pair[z * m + k] = grew = TRUE;
      if (!grew)
        break;
    }
  gboolean *reach = g_new0 (gboolean, n + 1);
  for (guint y = 0; y < n; y++)
    for (guint j = 0; j < m; j++)
      reach[y] = reach[y] || pair[y * m + j];
  g_free (pair);
  return reach;
}

/* Whether the others answer d's move x -> x1 as @concept requires. */
static gboolean
brute_answered (const Brute *b, guint d, guint x, guint x1, RlStabilityConcept concept)
{
  g_autofree gboolean *reach = brute_reach (b, d, x1, concept == RL_STABILITY_SEQ);
  for (guint x2 = 0; x2 < b->n; x2++)
    {
      if (!reach[x2] || brute_prefers (b, d, x2, x))
        continue;
      gboolean ok = TRUE;
      if (concept == RL_STABILITY_SMR)
        for (guint x3 = 0; x3 < b->n; x3++)
          if (brute_moves (b, d, x2, x3) && brute_prefers (b, d, x3, x))
            ok = FALSE;
      if (ok)
        return TRUE;
    }
  return FALSE;
}

static gboolean
brute_stable (const Brute *b, guint d, guint x, RlStabilityConcept concept)
{
  for (guint x1 = 0; x1 < b->n; x1++)
    if (brute_moves (b, d, x, x1) && brute_prefers (b, d, x1, x))
      if (concept == RL_STABILITY_NASH || !brute_answered (b, d, x, x1, concept))
        return FALSE;
  return TRUE;
}

static void
check_against_brute (RlScenario *sc, const RlStability *st, const char *text)
{
  Brute b;
  brute_init (&b, sc);
  assert_int_equal (rl_stability_get_n_packages (st), b.n);
  for (guint k = 0; k < b.n; k++)
    {
      const RlPackage *pkg = rl_stability_get_package (st, k);
      assert_int_equal (pkg->index, b.index[k]);
      gboolean all[N_CONCEPTS] = { TRUE, TRUE, TRUE, TRUE };
      for (guint d = 0; d < b.n_dm; d++)
        {
          guint p = b.dm[d];
          gboolean mine[N_CONCEPTS];
          for (guint c = 0; c < N_CONCEPTS; c++)
            {
              mine[c] = brute_stable (&b, d, k, (RlStabilityConcept) c);
              all[c] = all[c] && mine[c];
              if (mine[c] != rl_stability_party_is_stable (st, k, p, (RlStabilityConcept) c))
                fail_msg ("package %u, party %s, %s: expected %d\n%s", k,
                          rl_scenario_get_party_id (sc, p),
                          rl_stability_concept_name ((RlStabilityConcept) c), mine[c], text);
            }
          /* nash ⊆ seq ⊆ gmr, nash ⊆ smr ⊆ gmr, for every party */
          assert_true (!mine[0] || mine[3]);
          assert_true (!mine[3] || mine[1]);
          assert_true (!mine[0] || mine[2]);
          assert_true (!mine[2] || mine[1]);
          /* Improvements: exactly R_d⁺(x), with gain and sanction, and
           * never one listed after another it is worse than. */
          guint n_better = 0;
          for (guint y = 0; y < b.n; y++)
            n_better += brute_moves (&b, d, k, y) && brute_prefers (&b, d, y, k);
          assert_int_equal (rl_stability_get_n_improvements (st, k, p), n_better);
          for (guint m = 0; m < n_better; m++)
            {
              const RlImprovement *imp = rl_stability_get_improvement (st, k, p, m);
              int y = b.at[imp->index];
              assert_true (y >= 0 && brute_moves (&b, d, k, (guint) y) && brute_prefers (&b, d, (guint) y, k));
              assert_true (fabs (imp->gain - (b.u[y * b.n_dm + d] - b.u[k * b.n_dm + d])) < 1e-12);
              assert_int_equal (imp->sanctioned, brute_answered (&b, d, k, (guint) y, RL_STABILITY_GMR));
              if (m > 0)
                {
                  int prev = b.at[rl_stability_get_improvement (st, k, p, m - 1)->index];
                  assert_false (brute_prefers (&b, d, (guint) y, (guint) prev));
                }
              if (imp->sanctioned)
                {
                  /* The sanction shown is a state that leaves d no better off. */
                  assert_non_null (imp->sanction);
                  guint64 s = rl_scenario_package_index (sc, imp->sanction);
                  assert_true (b.at[s] >= 0 && !brute_prefers (&b, d, (guint) b.at[s], k));
                }
            }
        }
      for (guint c = 0; c < N_CONCEPTS; c++)
        assert_int_equal (all[c], rl_stability_is_stable (st, k, (RlStabilityConcept) c));
    }
  brute_clear (&b);
}

static void
test_random (void **state)
{
  (void) state;
  RandomShape shapes[] = {
    { .max_issues = 3, .max_options = 3, .max_parties = 3, .max_rules = 2, .controls = TRUE },
    { .max_issues = 4, .max_options = 3, .max_parties = 3, .max_rules = 2, .coarse = TRUE, .controls = TRUE },
    { .max_issues = 4, .max_options = 2, .max_parties = 4, .max_rules = 1, .jitter = TRUE, .controls = TRUE },
  };
  guint cases = 0;
  for (guint s = 0; s < G_N_ELEMENTS (shapes); s++)
    {
      g_autoptr (GRand) rand = g_rand_new_with_seed (1400 + s);
      for (guint t = 0; t < 120; t++)
        {
          g_autofree char *text = rl_random_scenario (rand, &shapes[s]);
          g_autoptr (RlScenario) sc = load (text);
          g_autoptr (RlStability) one = run (sc, RL_STABILITY_FEASIBLE, 1);
          check_against_brute (sc, one, text);
          /* The thread count changes nothing. */
          g_autoptr (RlStability) two = run (sc, RL_STABILITY_FEASIBLE, 2);
          for (guint c = 0; c < N_CONCEPTS; c++)
            {
              g_autofree char *a = equilibria (one, (RlStabilityConcept) c);
              g_autofree char *b2 = equilibria (two, (RlStabilityConcept) c);
              assert_string_equal (a, b2);
            }
          /* The acceptable packages: the same verdicts, only those. */
          g_autoptr (RlStability) acc = run (sc, RL_STABILITY_ACCEPTABLE, 2);
          guint n_acceptable = 0;
          for (guint k = 0; k < rl_stability_get_n_packages (one); k++)
            {
              const RlPackage *pkg = rl_stability_get_package (one, k);
              if (!rl_scenario_is_acceptable (sc, pkg->options, FALSE))
                continue;
              const RlPackage *got = rl_stability_get_package (acc, n_acceptable);
              assert_int_equal (got->index, pkg->index);
              assert_true (got->acceptable);
              for (guint c = 0; c < N_CONCEPTS; c++)
                assert_int_equal (rl_stability_is_stable (acc, n_acceptable, (RlStabilityConcept) c),
                                  rl_stability_is_stable (one, k, (RlStabilityConcept) c));
              n_acceptable++;
            }
          assert_int_equal (rl_stability_get_n_packages (acc), n_acceptable);
          cases++;
        }
    }
  assert_int_equal (cases, 360);
}

/* The loader: getters of controls and moves. */
static void
test_getters (void **state)
{
  (void) state;
  g_autoptr (RlScenario) sc = load (
    "redline: 1\ntitle: t\nissues:\n  a: {options: [x, y], moves: forward}\n"
    "  b: {options: [x, y], moves: backward}\n  c: {options: [x, y]}\n"
    "parties:\n  p:\n    controls: [b, {id: a, note: why}]\n  q:\n    controls: []\n");
  assert_int_equal (rl_scenario_get_issue_moves (sc, 0), RL_MOVES_FORWARD);
  assert_int_equal (rl_scenario_get_issue_moves (sc, 1), RL_MOVES_BACKWARD);
  assert_int_equal (rl_scenario_get_issue_moves (sc, 2), RL_MOVES_BOTH);
  assert_int_equal (rl_scenario_get_party_n_controls (sc, 0), 2);
  assert_int_equal (rl_scenario_get_party_control (sc, 0, 0), 1);
  assert_int_equal (rl_scenario_get_party_control (sc, 0, 1), 0);
  assert_null (rl_scenario_get_party_control_note (sc, 0, 0));
  assert_string_equal (rl_scenario_get_party_control_note (sc, 0, 1), "why");
  assert_int_equal (rl_scenario_get_party_n_controls (sc, 1), 0);
  assert_int_equal (rl_scenario_get_issue_controller (sc, 0), 0);
  assert_int_equal (rl_scenario_get_issue_controller (sc, 2), -1);
  assert_true (rl_scenario_has_controls (sc));
  assert_true (rl_moves_allow (RL_MOVES_FORWARD, 0, 1));
  assert_false (rl_moves_allow (RL_MOVES_FORWARD, 1, 0));
  assert_false (rl_moves_allow (RL_MOVES_BOTH, 1, 1));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_getters),
    cmocka_unit_test (test_prisoners),
    cmocka_unit_test (test_chicken),
    cmocka_unit_test (test_three_parties_irreversible),
    cmocka_unit_test (test_red_lines_first),
    cmocka_unit_test (test_indifference),
    cmocka_unit_test (test_elmira),
    cmocka_unit_test (test_options),
    cmocka_unit_test (test_random),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
