/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-rule.c: the rule language (scenario.md section 3) and the compiled
 * form the search reads (model/rule-internals.h).
 *
 * Truth tables are checked against hand-written C predicates over every
 * package of a small issue set; three-valued evaluation is checked against
 * brute force over completions of random partial packages, for random rules
 * whose meaning the test computes itself.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include <redline/error.h>
#include <redline/rule.h>

#include "model/rule-internals.h"

/* ---- The issues the tests compile against -------------------------------- */

enum {
  A, B, C, BORDER, REGION, ELECTIONS, FLAGS, /* enumerated by truth tables */
  DONBAS, BIG, PAIR, SINGLE, AUTONOMY, PORTS, PRISONERS, WEST, GUARANTEE,
  N_ISSUES,
  N_ENUMERATED = FLAGS + 1,
};

static const char *const yes_no[] = { "no", "yes" };
static const char *const border_options[] = { "prewar", "frozen", "ceded" };
static const char *const region_options[] = { "north", "south", "east", "west" };
static const char *const election_options[] = { "1", "3", "7", "2025", "y2025" };
static const char *const flag_options[] = { "true", "false", "in" };
static const char *const donbas_options[] = { "contested", "frozen", "ceded" };
static const char *const pair_options[] = { "yes", "no" };
static const char *const single_options[] = { "only" };
static const char *const autonomy_options[] = { "none", "limited", "annexed" };
static const char *const port_options[] = { "a", "b", "c" };
static const char *const prisoner_options[] = { "one", "two", "three", "four" };
static char *big_options[64];

static RlIssueInfo issues[N_ISSUES] = {
  [A] = { "a", FALSE, 2, yes_no },
  [B] = { "b", FALSE, 2, yes_no },
  [C] = { "c", FALSE, 2, yes_no },
  [BORDER] = { "border", TRUE, 3, border_options },
  [REGION] = { "region", FALSE, 4, region_options },
  [ELECTIONS] = { "elections", TRUE, 5, election_options },
  [FLAGS] = { "flags", FALSE, 3, flag_options },
  [DONBAS] = { "donbas", FALSE, 3, donbas_options },
  [BIG] = { "big", TRUE, 64, NULL },   /* options filled in by setup */
  [PAIR] = { "pair", FALSE, 2, pair_options },
  [SINGLE] = { "single", FALSE, 1, single_options },
  [AUTONOMY] = { "autonomy", FALSE, 3, autonomy_options },
  [PORTS] = { "ports", FALSE, 3, port_options },
  [PRISONERS] = { "prisoners", TRUE, 4, prisoner_options },
  [WEST] = { "west", FALSE, 2, yes_no },
  [GUARANTEE] = { "guarantee", FALSE, 2, yes_no },
};

static int
setup_issues (void **state)
{
  (void) state;
  for (guint k = 0; k < 64; k++)
    big_options[k] = g_strdup_printf ("o%u", k);
  issues[BIG].option_ids = (const char *const *) big_options;
  return 0;
}

static int
teardown_issues (void **state)
{
  (void) state;
  for (guint k = 0; k < 64; k++)
    g_clear_pointer (&big_options[k], g_free);
  return 0;
}

static RlRule *
compile_ok (const char *text)
{
  g_autoptr (GError) error = NULL;
  guint offset = G_MAXUINT;
  RlRule *rule = rl_rule_compile (text, issues, N_ISSUES, &offset, &error);

  if (rule == NULL)
    print_error ("rule '%s' failed at %u: %s\n", text, offset, error->message);
  assert_non_null (rule);
  assert_null (error);
  return rule;
}

/* Steps @x to the next package over the first @n issues (all others stay
 * as they are); FALSE after the last one. */
static gboolean
next_package (guint8 *x, guint n)
{
  for (guint i = n; i-- > 0;)
    {
      if (++x[i] < issues[i].n_options)
        return TRUE;
      x[i] = 0;
    }
  return FALSE;
}

/* ---- Truth tables --------------------------------------------------------- */

typedef gboolean (*Predicate) (const guint8 *x);

static void
assert_truth_table (const char *text, Predicate expected)
{
  g_autoptr (RlRule) rule = compile_ok (text);
  guint8 x[N_ISSUES] = { 0 };
  guint n_packages = 0;

  do
    {
      gboolean want = expected (x);

      if (rl_rule_eval (rule, x) != want || rl_rule_eval_partial (rule, x) != (RlTruth) want)
        print_error ("rule '%s' is wrong on a=%u b=%u c=%u border=%u region=%u elections=%u flags=%u\n",
                     text, x[A], x[B], x[C], x[BORDER], x[REGION], x[ELECTIONS], x[FLAGS]);
      assert_int_equal (rl_rule_eval (rule, x), want);
      assert_int_equal (rl_rule_eval_partial (rule, x), want ? RL_TRUE : RL_FALSE);
      n_packages++;
    }
  while (next_package (x, N_ENUMERATED));
  assert_int_equal (n_packages, 2 * 2 * 2 * 3 * 4 * 5 * 3);
}

static gboolean p_a (const guint8 *x) { return x[A] == 1; }
static gboolean p_not_a (const guint8 *x) { return x[A] == 0; }
static gboolean p_a_and_b (const guint8 *x) { return x[A] && x[B]; }
static gboolean p_a_or_b (const guint8 *x) { return x[A] || x[B]; }
static gboolean p_a_implies_b (const guint8 *x) { return !x[A] || x[B]; }
static gboolean p_a_iff_b (const guint8 *x) { return x[A] == x[B]; }
static gboolean p_true (const guint8 *x) { (void) x; return TRUE; }
static gboolean p_false (const guint8 *x) { (void) x; return FALSE; }
static gboolean p_or_over_and (const guint8 *x) { return x[A] || (x[B] && x[C]); }
static gboolean p_and_over_or_left (const guint8 *x) { return (x[A] && x[B]) || x[C]; }
static gboolean p_parens_or_first (const guint8 *x) { return (x[A] || x[B]) && x[C]; }
static gboolean p_not_binds_tight (const guint8 *x) { return !x[A] && x[B]; }
static gboolean p_not_of_and (const guint8 *x) { return !(x[A] && x[B]); }
static gboolean p_not_a_or_b (const guint8 *x) { return !x[A] || x[B]; }
static gboolean p_and_before_implies (const guint8 *x) { return !(x[A] && x[B]) || x[C]; }
static gboolean p_implies_right (const guint8 *x) { return !x[A] || (!x[B] || x[C]); }
static gboolean p_implies_left (const guint8 *x) { return !(!x[A] || x[B]) || x[C]; }
static gboolean p_or_before_iff (const guint8 *x) { return (x[A] || x[B]) == x[C]; }
static gboolean p_iff_before_implies (const guint8 *x) { return !(x[A] == x[B]) || x[C]; }
static gboolean p_implies_over_iff (const guint8 *x) { return !x[A] || (x[B] == x[C]); }
static gboolean p_not_iff (const guint8 *x) { return (!x[A]) == x[B]; }
static gboolean p_three_and (const guint8 *x) { return x[A] && x[B] && x[C]; }
static gboolean p_mixed (const guint8 *x) { return (x[A] && !x[B]) || (!x[A] && x[C]); }

static void
test_logical_operators (void **state)
{
  static const struct {
    const char *text;
    Predicate expected;
  } cases[] = {
    { "a", p_a },
    { "(a)", p_a },
    { "a == yes", p_a },
    { "not a", p_not_a },
    { "!a", p_not_a },
    { "not not not a", p_not_a },
    { "!!a", p_a },
    { "a and b", p_a_and_b },
    { "a && b", p_a_and_b },
    { "a&&b", p_a_and_b },
    { "a or b", p_a_or_b },
    { "a || b", p_a_or_b },
    { "a||b", p_a_or_b },
    { "a -> b", p_a_implies_b },
    { "a->b", p_a_implies_b },
    { "a implies b", p_a_implies_b },
    { "a <-> b", p_a_iff_b },
    { "a<->b", p_a_iff_b },
    { "a iff b", p_a_iff_b },
    { "true", p_true },
    { "false", p_false },
    { "\ta\n&&\r\n b ", p_a_and_b },
    { "a and b and c", p_three_and },
    { "(a and b) and c", p_three_and },
    { "a and (b and c)", p_three_and },
    { "a or b and c", p_or_over_and },
    { "a || b && c", p_or_over_and },
    { "a and b or c", p_and_over_or_left },
    { "(a or b) and c", p_parens_or_first },
    { "not a and b", p_not_binds_tight },
    { "!a && b", p_not_binds_tight },
    { "not (a and b)", p_not_of_and },
    { "not a or b", p_not_a_or_b },
    { "a and b -> c", p_and_before_implies },
    { "a -> b -> c", p_implies_right },
    { "a -> (b -> c)", p_implies_right },
    { "a implies b implies c", p_implies_right },
    { "(a -> b) -> c", p_implies_left },
    { "a or b <-> c", p_or_before_iff },
    { "a || b iff c", p_or_before_iff },
    { "a <-> b -> c", p_iff_before_implies },
    { "a -> b <-> c", p_implies_over_iff },
    { "not a <-> b", p_not_iff },
    { "a and not b or not a and c", p_mixed },
    { "(a -> not b) and (not a -> c) and (b or c or a) and (a or not a)", p_mixed },
  };

  (void) state;
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_truth_table (cases[i].text, cases[i].expected);
}

static gboolean p_border_eq (const guint8 *x) { return x[BORDER] == 1; }
static gboolean p_border_ne (const guint8 *x) { return x[BORDER] != 1; }
static gboolean p_border_lt (const guint8 *x) { return x[BORDER] < 1; }
static gboolean p_border_le (const guint8 *x) { return x[BORDER] <= 1; }
static gboolean p_border_gt (const guint8 *x) { return x[BORDER] > 1; }
static gboolean p_border_ge (const guint8 *x) { return x[BORDER] >= 1; }
static gboolean p_border_ge_ceded (const guint8 *x) { return x[BORDER] == 2; }
static gboolean p_region_ne (const guint8 *x) { return x[REGION] == 0 || x[REGION] == 2; }
static gboolean p_region_not_ne (const guint8 *x) { return x[REGION] == 1 || x[REGION] == 3; }
static gboolean p_region_west (const guint8 *x) { return x[REGION] == 3; }
static gboolean p_elections_lt_7 (const guint8 *x) { return x[ELECTIONS] < 2; }
static gboolean p_elections_ge_2025 (const guint8 *x) { return x[ELECTIONS] >= 3; }
static gboolean p_elections_1 (const guint8 *x) { return x[ELECTIONS] == 0; }
static gboolean p_elections_y2025 (const guint8 *x) { return x[ELECTIONS] == 4; }
static gboolean p_flags_true (const guint8 *x) { return x[FLAGS] == 0; }
static gboolean p_flags_in_false (const guint8 *x) { return x[FLAGS] != 0; }
static gboolean p_flags_not_in (const guint8 *x) { return x[FLAGS] != 2; }
static gboolean p_not_border_ne (const guint8 *x) { return x[BORDER] == 1; }
static gboolean p_not_border_gt (const guint8 *x) { return x[BORDER] <= 1; }
static gboolean p_region_west_and_a (const guint8 *x) { return x[REGION] == 3 && x[A]; }
static gboolean p_not_region_not_in (const guint8 *x) { return x[REGION] <= 1; }
static gboolean p_atoms_mixed (const guint8 *x)
{
  return (x[BORDER] >= 1 && x[REGION] != 3) || (x[ELECTIONS] == 2 && !x[C]);
}

static void
test_atoms (void **state)
{
  static const struct {
    const char *text;
    Predicate expected;
  } cases[] = {
    { "border == frozen", p_border_eq },
    { "border != frozen", p_border_ne },
    { "border < frozen", p_border_lt },
    { "border <= frozen", p_border_le },
    { "border > frozen", p_border_gt },
    { "border >= frozen", p_border_ge },
    { "border>=ceded", p_border_ge_ceded },
    { "border > ceded", p_false },
    { "border < prewar", p_false },
    { "border >= prewar", p_true },
    { "border <= ceded", p_true },
    { "region in [north, east]", p_region_ne },
    { "region in [east,north]", p_region_ne },
    { "region in [ north , east , north ]", p_region_ne },
    { "region not in [north, east]", p_region_not_ne },
    { "region in [west]", p_region_west },
    { "region in [west, west, west]", p_region_west },
    { "region in [north, south, east, west]", p_true },
    { "region not in [north, south, east, west]", p_false },
    { "region\nin\n[\nwest\n]", p_region_west },
    /* Numeric option ids compare by position, not by number. */
    { "elections < 7", p_elections_lt_7 },
    { "elections<7", p_elections_lt_7 },
    { "elections >= 2025", p_elections_ge_2025 },
    { "elections == 1", p_elections_1 },
    { "elections == y2025", p_elections_y2025 },
    /* After an operator, a keyword is an option id. */
    { "flags == true", p_flags_true },
    { "flags != true", p_flags_in_false },
    { "flags in [in, false]", p_flags_in_false },
    { "flags not in [in]", p_flags_not_in },
    /* The forms scenario authors write without spaces. */
    { "!border != frozen", p_not_border_ne },
    { "!border>frozen", p_not_border_gt },
    { "not(border > frozen)", p_not_border_gt },
    { "region in [west]&&a", p_region_west_and_a },
    { "not(region not in [north, south])", p_not_region_not_in },
    { "border >= frozen and region != west or elections == 7 and not c", p_atoms_mixed },
  };

  (void) state;
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_truth_table (cases[i].text, cases[i].expected);
}

/* The exact strings of the brief and of scenario.md, on issues named as
 * there, checked on chosen packages. */
static void
test_spec_examples (void **state)
{
  guint8 x[N_ISSUES] = { 0 };
  g_autoptr (RlRule) autonomy = compile_ok ("!autonomy != annexed");
  g_autoptr (RlRule) ports = compile_ok ("not(ports not in [a, b])");
  g_autoptr (RlRule) prisoners = compile_ok ("!prisoners>three");
  g_autoptr (RlRule) west = compile_ok ("region in [west]&&guarantee");

  (void) state;
  for (x[AUTONOMY] = 0; x[AUTONOMY] < 3; x[AUTONOMY]++)
    assert_int_equal (rl_rule_eval (autonomy, x), x[AUTONOMY] == 2);
  for (x[PORTS] = 0; x[PORTS] < 3; x[PORTS]++)
    assert_int_equal (rl_rule_eval (ports, x), x[PORTS] <= 1);
  for (x[PRISONERS] = 0; x[PRISONERS] < 4; x[PRISONERS]++)
    assert_int_equal (rl_rule_eval (prisoners, x), x[PRISONERS] <= 2);
  for (x[REGION] = 0; x[REGION] < 4; x[REGION]++)
    for (x[GUARANTEE] = 0; x[GUARANTEE] < 2; x[GUARANTEE]++)
      assert_int_equal (rl_rule_eval (west, x), x[REGION] == 3 && x[GUARANTEE] == 1);
}

/* A [no, yes] issue alone means ISSUE == yes; other issues are refused
 * (see test_errors). */
static void
test_bare_issue (void **state)
{
  guint8 x[N_ISSUES] = { 0 };
  g_autoptr (RlRule) rule = compile_ok ("guarantee and west");
  guint n;
  const guint *read = rl_rule_get_issues (rule, &n);

  (void) state;
  assert_int_equal (n, 2);
  assert_int_equal (read[0], WEST);
  assert_int_equal (read[1], GUARANTEE);
  for (x[WEST] = 0; x[WEST] < 2; x[WEST]++)
    for (x[GUARANTEE] = 0; x[GUARANTEE] < 2; x[GUARANTEE]++)
      assert_int_equal (rl_rule_eval (rule, x), x[WEST] == 1 && x[GUARANTEE] == 1);
}

/* ---- Folding, issues read, nodes ------------------------------------------ */

static void
assert_issues (const char *text, const guint *want, guint n_want)
{
  g_autoptr (RlRule) rule = compile_ok (text);
  guint n;
  const guint *got = rl_rule_get_issues (rule, &n);

  if (n != n_want)
    print_error ("rule '%s' reads %u issues, not %u\n", text, n, n_want);
  assert_int_equal (n, n_want);
  for (guint i = 0; i < n; i++)
    assert_int_equal (got[i], want[i]);
}

static void
assert_constant (const char *text, gboolean value)
{
  g_autoptr (RlRule) rule = compile_ok (text);
  guint n_nodes, root, n_issues;
  const RlRuleNode *nodes = rl_rule_get_nodes (rule, &n_nodes, &root);
  guint8 x[N_ISSUES] = { 0 };

  if (n_nodes != 1 || nodes[root].kind != RL_RULE_NODE_CONST)
    print_error ("rule '%s' did not fold to a constant\n", text);
  assert_int_equal (n_nodes, 1);
  assert_int_equal (root, 0);
  assert_int_equal (nodes[0].kind, RL_RULE_NODE_CONST);
  assert_int_equal (nodes[0].mask, value ? 1 : 0);
  rl_rule_get_issues (rule, &n_issues);
  assert_int_equal (n_issues, 0);
  assert_int_equal (rl_rule_eval (rule, x), value);
  memset (x, RL_UNSET, sizeof x);
  assert_int_equal (rl_rule_eval_partial (rule, x), value ? RL_TRUE : RL_FALSE);
  assert_int_equal (rl_rule_get_depth (rule), 1);
  assert_false (rl_rule_get_unary_mask (rule, &n_issues, &(guint64) { 0 }));
}

static void
test_constant_folding (void **state)
{
  (void) state;
  assert_constant ("true", TRUE);
  assert_constant ("false", FALSE);
  assert_constant ("not true", FALSE);
  assert_constant ("!!false", FALSE);
  assert_constant ("a or true", TRUE);
  assert_constant ("true or a", TRUE);
  assert_constant ("a and false", FALSE);
  assert_constant ("false && a", FALSE);
  assert_constant ("false -> a", TRUE);
  assert_constant ("a -> true", TRUE);
  assert_constant ("true <-> true", TRUE);
  assert_constant ("false iff true", FALSE);
  assert_constant ("border >= prewar", TRUE);
  assert_constant ("border < prewar", FALSE);
  assert_constant ("border > ceded", FALSE);
  assert_constant ("region in [north, south, east, west]", TRUE);
  assert_constant ("region not in [west, east, south, north, west]", FALSE);
  assert_constant ("single == only", TRUE);
  assert_constant ("single != only", FALSE);
  assert_constant ("big >= o0", TRUE);
  assert_constant ("big <= o63", TRUE);
  assert_constant ("big > o63", FALSE);
  assert_constant ("a or not a", TRUE);
  assert_constant ("a and not a", FALSE);
  assert_constant ("border == frozen or border != frozen", TRUE);
  assert_constant ("border == frozen and border == ceded", FALSE);
  assert_constant ("(region in [north] or b) or (region != north)", TRUE);
  assert_constant ("(border >= prewar -> c) or (c -> false)", TRUE);
  assert_constant ("(a and (false or (b iff false))) -> (true or a)", TRUE);
  assert_constant ("(border != ceded and false) iff (region == west and false)", TRUE);
}

static void
test_get_issues (void **state)
{
  (void) state;
  assert_issues ("b", (const guint[]) { B }, 1);
  assert_issues ("border >= prewar and b", (const guint[]) { B }, 1);
  assert_issues ("region in [north, south, east, west] -> c", (const guint[]) { C }, 1);
  assert_issues ("c and (border < prewar or a)", (const guint[]) { A, C }, 2);
  assert_issues ("b and a and b", (const guint[]) { A, B }, 2);
  assert_issues ("flags == true or (elections > 7 -> border != ceded) and a",
                 (const guint[]) { A, BORDER, ELECTIONS, FLAGS }, 4);
  assert_issues ("guarantee iff big == o17", (const guint[]) { BIG, GUARANTEE }, 2);
  assert_issues ("true iff c", (const guint[]) { C }, 1);
  assert_issues ("(a or false) and true", (const guint[]) { A }, 1);
}

static void
assert_node (const RlRuleNode *n, RlRuleNodeKind kind, guint issue, guint64 mask)
{
  assert_int_equal (n->kind, kind);
  if (kind == RL_RULE_NODE_IN)
    {
      assert_int_equal (n->issue, issue);
      assert_int_equal (n->mask, mask);
    }
}

static void
test_nodes (void **state)
{
  guint n, root;
  const RlRuleNode *nodes;

  (void) state;
  {
    /* Chains and nested junctions of one kind are one n-ary node. */
    g_autoptr (RlRule) rule = compile_ok ("(a and b) and c");

    nodes = rl_rule_get_nodes (rule, &n, &root);
    assert_int_equal (n, 4);
    assert_int_equal (root, 0);
    assert_node (&nodes[0], RL_RULE_NODE_AND, 0, 0);
    assert_int_equal (nodes[0].child, 1);
    assert_int_equal (nodes[0].next, RL_RULE_NO_NODE);
    assert_node (&nodes[1], RL_RULE_NODE_IN, A, 2);
    assert_int_equal (nodes[1].next, 2);
    assert_node (&nodes[2], RL_RULE_NODE_IN, B, 2);
    assert_int_equal (nodes[2].next, 3);
    assert_node (&nodes[3], RL_RULE_NODE_IN, C, 2);
    assert_int_equal (nodes[3].next, RL_RULE_NO_NODE);
    assert_int_equal (nodes[3].child, RL_RULE_NO_NODE);
    assert_int_equal (rl_rule_get_depth (rule), 2);
  }
  {
    /* A negated atom is the complementary atom. */
    g_autoptr (RlRule) rule = compile_ok ("not (region in [north, east]) and !!b");

    nodes = rl_rule_get_nodes (rule, &n, &root);
    assert_int_equal (n, 3);
    assert_node (&nodes[0], RL_RULE_NODE_AND, 0, 0);
    assert_node (&nodes[1], RL_RULE_NODE_IN, REGION, 0xA);
    assert_node (&nodes[2], RL_RULE_NODE_IN, B, 2);
  }
  {
    /* Atoms on one issue merge under and/or. */
    g_autoptr (RlRule) rule = compile_ok ("region != north or a or region == south");

    nodes = rl_rule_get_nodes (rule, &n, &root);
    assert_int_equal (n, 3);
    assert_node (&nodes[0], RL_RULE_NODE_OR, 0, 0);
    assert_node (&nodes[1], RL_RULE_NODE_IN, REGION, 0xE);
    assert_node (&nodes[2], RL_RULE_NODE_IN, A, 2);
  }
  {
    g_autoptr (RlRule) rule = compile_ok ("a -> not (b iff big > o62)");

    nodes = rl_rule_get_nodes (rule, &n, &root);
    assert_int_equal (n, 6);
    assert_node (&nodes[0], RL_RULE_NODE_IMPLIES, 0, 0);
    assert_int_equal (nodes[0].child, 1);
    assert_node (&nodes[1], RL_RULE_NODE_IN, A, 2);
    assert_int_equal (nodes[1].next, 2);
    assert_node (&nodes[2], RL_RULE_NODE_NOT, 0, 0);
    assert_int_equal (nodes[2].child, 3);
    assert_int_equal (nodes[2].next, RL_RULE_NO_NODE);
    assert_node (&nodes[3], RL_RULE_NODE_IFF, 0, 0);
    assert_int_equal (nodes[3].child, 4);
    assert_node (&nodes[4], RL_RULE_NODE_IN, B, 2);
    assert_int_equal (nodes[4].next, 5);
    assert_node (&nodes[5], RL_RULE_NODE_IN, BIG, G_GUINT64_CONSTANT (1) << 63);
    assert_int_equal (nodes[5].next, RL_RULE_NO_NODE);
    assert_int_equal (rl_rule_get_depth (rule), 4);
  }
  {
    /* Comparisons at the top of a 64-option issue stay in range. */
    g_autoptr (RlRule) rule = compile_ok ("b and big >= o1 and big <= o63");

    nodes = rl_rule_get_nodes (rule, &n, &root);
    assert_int_equal (n, 3);
    assert_node (&nodes[2], RL_RULE_NODE_IN, BIG, G_MAXUINT64 - 1);
  }
  {
    g_autoptr (RlRule) rule = compile_ok ("(((a)))");

    nodes = rl_rule_get_nodes (rule, &n, &root);
    assert_int_equal (n, 1);
    assert_node (&nodes[0], RL_RULE_NODE_IN, A, 2);
    assert_int_equal (rl_rule_get_depth (rule), 1);
  }
}

/* ---- Unary masks ---------------------------------------------------------- */

static void
assert_unary (const char *text, guint want_issue, guint64 want_mask)
{
  g_autoptr (RlRule) rule = compile_ok (text);
  guint issue = G_MAXUINT;
  guint64 mask = 0;
  guint8 x[N_ISSUES] = { 0 };

  assert_true (rl_rule_get_unary_mask (rule, &issue, &mask));
  assert_int_equal (issue, want_issue);
  assert_int_equal (mask, want_mask);
  /* The mask is what evaluation says, option by option. */
  for (guint k = 0; k < issues[issue].n_options; k++)
    {
      x[issue] = (guint8) k;
      assert_int_equal (rl_rule_eval (rule, x), (mask >> k) & 1);
    }
}

static void
test_unary_mask (void **state)
{
  (void) state;
  assert_unary ("border >= frozen", BORDER, 0x6);
  assert_unary ("border == frozen -> false", BORDER, 0x5);
  assert_unary ("border != prewar and border != ceded", BORDER, 0x2);
  assert_unary ("(border == frozen) iff (border != ceded)", BORDER, 0x6);
  assert_unary ("not (border == prewar -> border == ceded)", BORDER, 0x1);
  assert_unary ("elections in [1, 2025] or elections > 7", ELECTIONS, 0x19);
  assert_unary ("a", A, 0x2);
  assert_unary ("!a", A, 0x1);
  assert_unary ("big < o63", BIG, G_MAXUINT64 >> 1);
  assert_unary ("big == o0 or big >= o32 and true", BIG, 0xFFFFFFFF00000001);
  assert_unary ("(region == north -> b or true) and region != west", REGION, 0x7);
  {
    g_autoptr (RlRule) two = compile_ok ("a and b");
    g_autoptr (RlRule) none = compile_ok ("border > ceded or true");
    guint issue = 99;
    guint64 mask = 99;

    assert_false (rl_rule_get_unary_mask (two, &issue, &mask));
    assert_false (rl_rule_get_unary_mask (none, &issue, &mask));
    assert_int_equal (issue, 99);
    assert_int_equal (mask, 99);
  }
}

/* ---- Three-valued evaluation ------------------------------------------------ */

static void
assert_partial (const char *text, const guint8 *x, RlTruth want)
{
  g_autoptr (RlRule) rule = compile_ok (text);
  RlTruth got = rl_rule_eval_partial (rule, x);

  if (got != want)
    print_error ("rule '%s': %d, not %d\n", text, got, want);
  assert_int_equal (got, want);
}

static void
test_kleene (void **state)
{
  guint8 x[N_ISSUES];

  (void) state;
  memset (x, RL_UNSET, sizeof x);
  assert_partial ("a", x, RL_UNKNOWN);
  assert_partial ("not a", x, RL_UNKNOWN);
  assert_partial ("a or b", x, RL_UNKNOWN);
  assert_partial ("border >= frozen", x, RL_UNKNOWN);
  x[A] = 1;
  assert_partial ("a or b", x, RL_TRUE);
  assert_partial ("b or a", x, RL_TRUE);
  assert_partial ("a and b", x, RL_UNKNOWN);
  assert_partial ("b -> a", x, RL_TRUE);
  assert_partial ("a -> b", x, RL_UNKNOWN);
  assert_partial ("a <-> b", x, RL_UNKNOWN);
  assert_partial ("not a and b", x, RL_FALSE);
  assert_partial ("b and not a", x, RL_FALSE);
  x[A] = 0;
  assert_partial ("a or b", x, RL_UNKNOWN);
  assert_partial ("a and b", x, RL_FALSE);
  assert_partial ("a -> b", x, RL_TRUE);
  assert_partial ("b -> a", x, RL_UNKNOWN);
  x[B] = 1;
  assert_partial ("a iff b", x, RL_FALSE);
  assert_partial ("not a iff b", x, RL_TRUE);
  x[BORDER] = 1;
  assert_partial ("border >= frozen and (c or b)", x, RL_TRUE);
  assert_partial ("border > frozen or (c and b)", x, RL_UNKNOWN);
  /* Kleene logic does not see through tautologies it cannot fold. */
  x[A] = RL_UNSET;
  assert_partial ("(a and b) or (not a and b)", x, RL_UNKNOWN);
}

/* A random rule, its text and its meaning, built side by side so that the
 * meaning does not come from the code under test. */
typedef enum { E_IN, E_CONST, E_NOT, E_AND, E_OR, E_IMPLIES, E_IFF } ExprKind;

typedef struct Expr {
  ExprKind kind;
  guint issue;
  guint64 mask;
  const struct Expr *left, *right;
} Expr;

typedef struct {
  Expr pool[512];
  guint used;
  GRand *rand;
  GString *text;
} Generator;

/* Issues the random rules read: small, so completions can be counted. */
static const guint random_issues[] = { A, B, C, BORDER, REGION };

static Expr *
new_expr (Generator *g, ExprKind kind)
{
  Expr *e = &g->pool[g->used++];

  g_assert (g->used <= G_N_ELEMENTS (g->pool));
  *e = (Expr) { .kind = kind };
  return e;
}

static const char *
pick (Generator *g, const char *x, const char *y)
{
  return g_rand_boolean (g->rand) ? x : y;
}

static const Expr *
gen_atom (Generator *g)
{
  guint issue = random_issues[g_rand_int_range (g->rand, 0, G_N_ELEMENTS (random_issues))];
  const RlIssueInfo *info = &issues[issue];
  Expr *e;
  guint k;

  if (g_rand_int_range (g->rand, 0, 12) == 0)
    {
      e = new_expr (g, E_CONST);
      e->mask = g_rand_boolean (g->rand);
      g_string_append (g->text, e->mask ? "true" : "false");
      return e;
    }
  e = new_expr (g, E_IN);
  e->issue = issue;
  if (issue <= C && g_rand_boolean (g->rand))
    {
      g_string_append (g->text, info->id);
      e->mask = 2;
      return e;
    }
  if (issue == REGION && g_rand_boolean (g->rand))
    {
      gboolean negated = g_rand_boolean (g->rand);
      guint n = (guint) g_rand_int_range (g->rand, 1, 5);

      g_string_append_printf (g->text, "%s %sin [", info->id, negated ? "not " : "");
      for (guint i = 0; i < n; i++)
        {
          k = (guint) g_rand_int_range (g->rand, 0, (gint32) info->n_options);
          e->mask |= 1u << k;
          g_string_append_printf (g->text, "%s%s", i ? pick (g, ", ", ",") : "", info->option_ids[k]);
        }
      g_string_append (g->text, "]");
      if (negated)
        e->mask = ~e->mask & 0xF;
      return e;
    }
  k = (guint) g_rand_int_range (g->rand, 0, (gint32) info->n_options);
  {
    static const char *const ops[] = { "==", "!=", "<", "<=", ">", ">=" };
    guint op = (guint) g_rand_int_range (g->rand, 0, info->ordered ? 6 : 2);

    g_string_append_printf (g->text, "%s%s%s%s%s", info->id, pick (g, " ", ""), ops[op],
                            pick (g, " ", ""), info->option_ids[k]);
    for (guint j = 0; j < info->n_options; j++)
      {
        gboolean in = op == 0 ? j == k : op == 1 ? j != k : op == 2 ? j < k
                      : op == 3 ? j <= k : op == 4 ? j > k : j >= k;
        e->mask |= (guint64) in << j;
      }
  }
  return e;
}

static const Expr *gen_expr (Generator *g, guint depth);

/* An operand: an atom bare, or anything in parentheses. */
static const Expr *
gen_operand (Generator *g, guint depth)
{
  const Expr *e;

  if (depth == 0 || g_rand_int_range (g->rand, 0, 3) == 0)
    {
      gboolean paren = g_rand_int_range (g->rand, 0, 5) == 0;

      g_string_append (g->text, paren ? "(" : "");
      e = gen_atom (g);
      g_string_append (g->text, paren ? ")" : "");
      return e;
    }
  g_string_append (g->text, "(");
  e = gen_expr (g, depth - 1);
  g_string_append (g->text, ")");
  return e;
}

static const Expr *
gen_expr (Generator *g, guint depth)
{
  static const char *const spelled[][2] = {
    [E_AND] = { " and ", " && " },
    [E_OR] = { " or ", "||" },
    [E_IMPLIES] = { " -> ", " implies " },
    [E_IFF] = { "<->", " iff " },
  };
  ExprKind kind = (ExprKind) g_rand_int_range (g->rand, E_NOT, E_IFF + 1);
  Expr *e = new_expr (g, kind);

  if (kind == E_NOT)
    {
      g_string_append (g->text, pick (g, "not ", "!"));
      e->left = gen_operand (g, depth);
      return e;
    }
  e->left = gen_operand (g, depth);
  g_string_append (g->text, spelled[kind][g_rand_boolean (g->rand)]);
  e->right = gen_operand (g, depth);
  return e;
}

static gboolean
expr_eval (const Expr *e, const guint8 *x)
{
  switch (e->kind)
    {
    case E_IN: return (e->mask >> x[e->issue]) & 1;
    case E_CONST: return e->mask != 0;
    case E_NOT: return !expr_eval (e->left, x);
    case E_AND: return expr_eval (e->left, x) && expr_eval (e->right, x);
    case E_OR: return expr_eval (e->left, x) || expr_eval (e->right, x);
    case E_IMPLIES: return !expr_eval (e->left, x) || expr_eval (e->right, x);
    case E_IFF: return expr_eval (e->left, x) == expr_eval (e->right, x);
    default: g_assert_not_reached ();
    }
}

/* Every package over random_issues (the other issues stay at 0); FALSE
 * after the last. Only positions marked free in @free move. */
static gboolean
next_completion (guint8 *x, const gboolean *free)
{
  for (guint i = G_N_ELEMENTS (random_issues); i-- > 0;)
    {
      guint issue = random_issues[i];

      if (!free[i])
        continue;
      if (++x[issue] < issues[issue].n_options)
        return TRUE;
      x[issue] = 0;
    }
  return FALSE;
}

/* The compiled tree keeps the promises of model/rule-internals.h. */
static void
assert_node_invariants (const RlRule *rule)
{
  guint n, root;
  const RlRuleNode *nodes = rl_rule_get_nodes (rule, &n, &root);

  assert_int_equal (root, 0);
  assert_true (rl_rule_get_depth (rule) >= 1);
  assert_true (rl_rule_get_depth (rule) <= RL_RULE_MAX_DEPTH);
  for (guint i = 0; i < n; i++)
    {
      const RlRuleNode *node = &nodes[i];
      guint n_children = 0;
      guint64 in_issues_seen[4] = { 0 };

      if (node->kind == RL_RULE_NODE_CONST)
        assert_int_equal (n, 1);
      if (node->kind == RL_RULE_NODE_IN)
        {
          guint64 all = issues[node->issue].n_options >= 64
                          ? G_MAXUINT64
                          : (G_GUINT64_CONSTANT (1) << issues[node->issue].n_options) - 1;

          assert_true (node->mask != 0);
          assert_true ((node->mask & all) == node->mask);
          assert_true (node->mask != all);
        }
      for (guint c = node->child; c != RL_RULE_NO_NODE; c = nodes[c].next)
        {
          assert_true (c > i);
          assert_true (c < n);
          n_children++;
          if (node->kind == RL_RULE_NODE_AND || node->kind == RL_RULE_NODE_OR)
            {
              assert_int_not_equal (nodes[c].kind, node->kind);
              if (nodes[c].kind == RL_RULE_NODE_IN)
                {
                  guint issue = nodes[c].issue;

                  assert_false ((in_issues_seen[issue / 64] >> (issue % 64)) & 1);
                  in_issues_seen[issue / 64] |= G_GUINT64_CONSTANT (1) << (issue % 64);
                }
            }
        }
      switch (node->kind)
        {
        case RL_RULE_NODE_CONST:
        case RL_RULE_NODE_IN:
          assert_int_equal (n_children, 0);
          break;
        case RL_RULE_NODE_NOT:
          assert_int_equal (n_children, 1);
          break;
        case RL_RULE_NODE_IMPLIES:
        case RL_RULE_NODE_IFF:
          assert_int_equal (n_children, 2);
          break;
        case RL_RULE_NODE_AND:
        case RL_RULE_NODE_OR:
          assert_true (n_children >= 2);
          break;
        default:
          fail_msg ("node %u has kind %d", i, node->kind);
        }
    }
}

/* Issues whose choice changes the rule's value somewhere must be listed. */
static void
assert_issues_cover_meaning (const RlRule *rule, const Expr *e)
{
  guint n;
  const guint *read = rl_rule_get_issues (rule, &n);
  gboolean everything[G_N_ELEMENTS (random_issues)];

  for (guint i = 0; i < n; i++)
    if (i > 0)
      assert_true (read[i - 1] < read[i]);
  for (guint i = 0; i < G_N_ELEMENTS (random_issues); i++)
    everything[i] = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (random_issues); i++)
    {
      guint issue = random_issues[i];
      gboolean matters = FALSE, listed = FALSE;
      guint8 x[N_ISSUES] = { 0 };

      do
        {
          guint8 saved = x[issue];
          gboolean first;

          x[issue] = 0;
          first = expr_eval (e, x);
          for (guint k = 1; k < issues[issue].n_options; k++)
            {
              x[issue] = (guint8) k;
              matters |= expr_eval (e, x) != first;
            }
          x[issue] = saved;
        }
      while (!matters && next_completion (x, everything));
      for (guint j = 0; j < n; j++)
        listed |= read[j] == issue;
      if (matters)
        assert_true (listed);
    }
}

static void
check_random_rule (Generator *g, const Expr *e, guint *n_decided, guint *n_unknown)
{
  g_autoptr (RlRule) rule = compile_ok (g->text->str);
  gboolean everything[G_N_ELEMENTS (random_issues)];
  guint8 x[N_ISSUES] = { 0 };
  guint issue;
  guint64 mask;

  for (guint i = 0; i < G_N_ELEMENTS (random_issues); i++)
    everything[i] = TRUE;
  assert_node_invariants (rule);
  assert_issues_cover_meaning (rule, e);
  do
    {
      gboolean want = expr_eval (e, x);

      if (rl_rule_eval (rule, x) != want)
        print_error ("rule '%s' evaluates wrongly\n", g->text->str);
      assert_int_equal (rl_rule_eval (rule, x), want);
      assert_int_equal (rl_rule_eval_partial (rule, x), want ? RL_TRUE : RL_FALSE);
    }
  while (next_completion (x, everything));
  if (rl_rule_get_unary_mask (rule, &issue, &mask))
    {
      guint8 y[N_ISSUES] = { 0 };

      for (guint k = 0; k < issues[issue].n_options; k++)
        {
          y[issue] = (guint8) k;
          assert_int_equal ((mask >> k) & 1, expr_eval (e, y));
        }
      assert_int_equal (mask >> issues[issue].n_options, 0);
    }

  for (guint trial = 0; trial < 24; trial++)
    {
      gboolean free[G_N_ELEMENTS (random_issues)];
      guint8 partial[N_ISSUES] = { 0 };
      guint8 full[N_ISSUES] = { 0 };
      guint n_true = 0, n_false = 0;
      RlTruth got;

      for (guint i = 0; i < G_N_ELEMENTS (random_issues); i++)
        {
          guint id = random_issues[i];

          free[i] = g_rand_int_range (g->rand, 0, 5) < 2;
          full[id] = free[i] ? 0 : (guint8) g_rand_int_range (g->rand, 0, (gint32) issues[id].n_options);
          partial[id] = free[i] ? RL_UNSET : full[id];
        }
      got = rl_rule_eval_partial (rule, partial);
      do
        {
          if (expr_eval (e, full))
            n_true++;
          else
            n_false++;
        }
      while (next_completion (full, free));
      if ((got == RL_TRUE && n_false > 0) || (got == RL_FALSE && n_true > 0))
        print_error ("rule '%s' decided %d with %u true and %u false completions\n",
                     g->text->str, got, n_true, n_false);
      if (got == RL_TRUE)
        assert_int_equal (n_false, 0);
      else if (got == RL_FALSE)
        assert_int_equal (n_true, 0);
      else
        assert_int_equal (got, RL_UNKNOWN);
      /* With nothing left open, nothing is unknown. */
      if (n_true + n_false == 1)
        assert_int_not_equal (got, RL_UNKNOWN);
      if (got == RL_UNKNOWN)
        (*n_unknown)++;
      else
        (*n_decided)++;
    }
}

static void
test_random_rules (void **state)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (20260218);
  g_autoptr (GString) text = g_string_new (NULL);
  guint n_decided = 0, n_unknown = 0;

  (void) state;
  for (guint i = 0; i < 600; i++)
    {
      Generator g = { .used = 0, .rand = rand, .text = text };
      const Expr *e;

      g_string_truncate (text, 0);
      e = gen_expr (&g, (guint) g_rand_int_range (rand, 0, 5));
      check_random_rule (&g, e, &n_decided, &n_unknown);
    }
  print_message ("random rules: %u partial packages decided, %u unknown\n", n_decided, n_unknown);
  /* Both outcomes must be common, or the property tested nothing. */
  assert_true (n_decided > 2000);
  assert_true (n_unknown > 2000);
}

/* ---- Errors ----------------------------------------------------------------- */

static void
assert_error (const char *text, RlErrorCode code, guint offset, const char *message)
{
  g_autoptr (GError) error = NULL;
  guint got_offset = G_MAXUINT;
  g_autoptr (RlRule) rule = rl_rule_compile (text, issues, N_ISSUES, &got_offset, &error);

  if (rule != NULL)
    print_error ("rule '%s' compiled\n", text);
  assert_null (rule);
  assert_non_null (error);
  if (g_strcmp0 (error->message, message) != 0 || got_offset != offset)
    print_error ("rule '%s'\n", text);
  assert_true (error->domain == RL_ERROR);
  assert_int_equal (error->code, code);
  assert_string_equal (error->message, message);
  assert_int_equal (got_offset, offset);
}

static void
test_errors (void **state)
{
  static const struct {
    const char *text;
    RlErrorCode code;
    guint offset;
    const char *message;
  } cases[] = {
    /* Names. */
    { "bordr == frozen", RL_ERROR_SCHEMA, 0, "unknown issue 'bordr' (did you mean 'border'?)" },
    { "a and zzz", RL_ERROR_SCHEMA, 6, "unknown issue 'zzz'" },
    { "A", RL_ERROR_SCHEMA, 0, "unknown issue 'A' (did you mean 'a'?)" },
    { "donbas == ceeded", RL_ERROR_SCHEMA, 10,
      "unknown option 'ceeded' of issue 'donbas' (did you mean 'ceded'?)" },
    { "region in [north, sotuh]", RL_ERROR_SCHEMA, 18,
      "unknown option 'sotuh' of issue 'region' (did you mean 'south'?)" },
    { "region not in [qqq]", RL_ERROR_SCHEMA, 15, "unknown option 'qqq' of issue 'region'" },
    { "a == true", RL_ERROR_SCHEMA, 5, "unknown option 'true' of issue 'a'" },
    /* Ordering on an unordered issue points at the operator. */
    { "region < south", RL_ERROR_SCHEMA, 7, "issue 'region' is not ordered; '<' needs 'ordered: true'" },
    { "b and region>=nowhere", RL_ERROR_SCHEMA, 12,
      "issue 'region' is not ordered; '>=' needs 'ordered: true'" },
    /* A bare issue must be [no, yes], in that order. */
    { "border", RL_ERROR_SCHEMA, 0,
      "issue 'border' cannot stand alone: only an issue with options [no, yes] can; "
      "write 'border == OPTION'" },
    { "a and (pair)", RL_ERROR_SCHEMA, 7,
      "issue 'pair' cannot stand alone: only an issue with options [no, yes] can; "
      "write 'pair == OPTION'" },
    /* Syntax: what was expected, what was found, where. */
    { "a == ]", RL_ERROR_SYNTAX, 5, "expected an option after '==' but found ']'" },
    { "a ==", RL_ERROR_SYNTAX, 4, "expected an option after '==' but found end of rule" },
    { "border<=(", RL_ERROR_SYNTAX, 8, "expected an option after '<=' but found '('" },
    { "(a and b", RL_ERROR_SYNTAX, 8, "expected ')' but found end of rule" },
    { "(a b)", RL_ERROR_SYNTAX, 3, "expected ')' but found 'b'" },
    { "a @ b", RL_ERROR_SYNTAX, 2, "unexpected character '@'" },
    { "a == \"yes\"", RL_ERROR_SYNTAX, 5, "unexpected character '\"'" },
    { "-> a", RL_ERROR_SYNTAX, 0, "expected an issue, '(', 'not', 'true' or 'false' but found '->'" },
    { "a and", RL_ERROR_SYNTAX, 5,
      "expected an issue, '(', 'not', 'true' or 'false' but found end of rule" },
    { "and a", RL_ERROR_SYNTAX, 0, "expected an issue, '(', 'not', 'true' or 'false' but found 'and'" },
    { "in == a", RL_ERROR_SYNTAX, 0, "expected an issue, '(', 'not', 'true' or 'false' but found 'in'" },
    { "7 == a", RL_ERROR_SYNTAX, 0, "expected an issue, '(', 'not', 'true' or 'false' but found '7'" },
    { "()", RL_ERROR_SYNTAX, 1, "expected an issue, '(', 'not', 'true' or 'false' but found ')'" },
    { "!", RL_ERROR_SYNTAX, 1, "expected an issue, '(', 'not', 'true' or 'false' but found end of rule" },
    { "a b", RL_ERROR_SYNTAX, 2, "expected end of rule but found 'b'" },
    { "a)", RL_ERROR_SYNTAX, 1, "expected end of rule but found ')'" },
    { "true == a", RL_ERROR_SYNTAX, 5, "expected end of rule but found '=='" },
    { "a not b", RL_ERROR_SYNTAX, 6, "expected 'in' after 'not' but found 'b'" },
    { "region in north", RL_ERROR_SYNTAX, 10, "expected '[' after 'in' but found 'north'" },
    { "region in", RL_ERROR_SYNTAX, 9, "expected '[' after 'in' but found end of rule" },
    { "region in []", RL_ERROR_SYNTAX, 11, "expected an option after '[' but found ']'" },
    { "region in [north,]", RL_ERROR_SYNTAX, 17, "expected an option after ',' but found ']'" },
    { "region in [north east]", RL_ERROR_SYNTAX, 17, "expected ',' or ']' but found 'east'" },
    { "region in [north", RL_ERROR_SYNTAX, 16, "expected ',' or ']' but found end of rule" },
    { "a iff b iff c", RL_ERROR_SYNTAX, 8, "'iff' does not chain; add parentheses, as in '(a iff b) iff c'" },
    { "a <-> b <-> c", RL_ERROR_SYNTAX, 8, "'<->' does not chain; add parentheses, as in '(a <-> b) <-> c'" },
    /* Near misses of operators. */
    { "a = yes", RL_ERROR_SYNTAX, 2, "unexpected character '=' (did you mean '=='?)" },
    { "a & b", RL_ERROR_SYNTAX, 2, "unexpected character '&' (did you mean '&&'?)" },
    { "a | b", RL_ERROR_SYNTAX, 2, "unexpected character '|' (did you mean '||'?)" },
    { "a <- b", RL_ERROR_SYNTAX, 2, "unexpected '<-' (did you mean '<->'?)" },
    { "a - b", RL_ERROR_SYNTAX, 2, "unexpected character '-' (did you mean '->'?)" },
    { "a => b", RL_ERROR_SYNTAX, 2, "unexpected '=>' (did you mean '->' or '>='?)" },
    { "border =< b", RL_ERROR_SYNTAX, 7, "unexpected '=<' (did you mean '<='?)" },
    /* Empty. */
    { "", RL_ERROR_SYNTAX, 0, "rule is empty" },
    { " \t\r\n ", RL_ERROR_SYNTAX, 0, "rule is empty" },
    /* Offsets count characters across lines and beyond ASCII. */
    { "a\n  and ?", RL_ERROR_SYNTAX, 8, "unexpected character '?'" },
    { "a == yes and é", RL_ERROR_SYNTAX, 13, "unexpected character 'é'" },
    { "région == north", RL_ERROR_SYNTAX, 1, "unexpected character 'é'" },
    { "a and 日本", RL_ERROR_SYNTAX, 6, "unexpected character '日'" },
    { "a and b 😀", RL_ERROR_SYNTAX, 8, "unexpected character '😀'" },
    { "a\xc2\xa0" "and b", RL_ERROR_SYNTAX, 1,
      "unexpected character U+00A0 (only ASCII spaces, tabs and newlines separate words)" },
    { "a and \x01", RL_ERROR_SYNTAX, 6, "unexpected character U+0001" },
    { "a == \xff", RL_ERROR_SYNTAX, 5, "rule is not valid UTF-8" },
    { "é\xc3", RL_ERROR_SYNTAX, 1, "rule is not valid UTF-8" },
  };

  (void) state;
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_error (cases[i].text, cases[i].code, cases[i].offset, cases[i].message);
}

/* The first error in the text wins, whatever its kind. */
static void
test_error_order (void **state)
{
  (void) state;
  assert_error ("zzz == ]", RL_ERROR_SCHEMA, 0, "unknown issue 'zzz'");
  assert_error ("region < qqq", RL_ERROR_SCHEMA, 7, "issue 'region' is not ordered; '<' needs 'ordered: true'");
  assert_error ("a == maybe @", RL_ERROR_SCHEMA, 5, "unknown option 'maybe' of issue 'a'");
  assert_error ("a == yes @ zzz", RL_ERROR_SYNTAX, 9, "unexpected character '@'");
  assert_error ("border @", RL_ERROR_SYNTAX, 7, "unexpected character '@'");
}

/* ---- Limits ----------------------------------------------------------------- */

static char *
repeat (const char *unit, guint n)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append (s, unit);
  return g_string_free (s, FALSE);
}

static void
test_length_limit (void **state)
{
  g_autofree char *body = repeat ("a or ", 819);   /* 4095 bytes */
  g_autofree char *limit = g_strconcat (body, "b", NULL);
  g_autofree char *over = g_strconcat (body, "bb", NULL);

  (void) state;
  assert_int_equal (strlen (limit), RL_RULE_MAX_BYTES);
  {
    g_autoptr (RlRule) rule = compile_ok (limit);
    guint n;
    const guint *read = rl_rule_get_issues (rule, &n);

    assert_int_equal (n, 2);
    assert_int_equal (read[0], A);
    assert_int_equal (read[1], B);
    assert_int_equal (rl_rule_get_depth (rule), 2);
  }
  /* 4097 bytes, and the error is at the start, not at byte 4096. */
  assert_int_equal (strlen (over), RL_RULE_MAX_BYTES + 1);
  assert_error (over, RL_ERROR_LIMIT, 0, "rule is 4097 bytes long; the limit is 4096");
  {
    /* Bytes, not characters: 2049 two-byte characters are over. */
    g_autofree char *wide = repeat ("é", 2049);

    assert_error (wide, RL_ERROR_LIMIT, 0, "rule is 4098 bytes long; the limit is 4096");
  }
}

static void
assert_depth_ok (const char *text, guint depth_bound)
{
  g_autoptr (RlRule) rule = compile_ok (text);

  assert_true (rl_rule_get_depth (rule) <= depth_bound);
}

static char *
wrapped (const char *open, const char *inner, const char *close, guint n)
{
  g_autofree char *opens = repeat (open, n);
  g_autofree char *closes = repeat (close, n);

  return g_strconcat (opens, inner, closes, NULL);
}

static void
test_depth_limit (void **state)
{
  const char *message = "rule is nested more than 64 levels deep";

  (void) state;
  {
    /* 63 negations and an atom: depth 64. */
    g_autofree char *ok = wrapped ("not ", "a", "", 63);
    g_autofree char *over = wrapped ("not ", "a", "", 64);

    assert_depth_ok (ok, 1);
    assert_error (over, RL_ERROR_LIMIT, 63 * 4, message);
  }
  {
    /* 63 parentheses around an atom: depth 64. */
    g_autofree char *ok = wrapped ("(", "a", ")", 63);
    g_autofree char *over = wrapped ("(", "a", ")", 64);

    assert_depth_ok (ok, 1);
    assert_error (over, RL_ERROR_LIMIT, 63, message);
  }
  {
    /* An operator counts as a level: "a and b" is 2 deep. */
    g_autofree char *ok = wrapped ("(", "a and b", ")", 62);
    g_autofree char *over = wrapped ("(", "a and b", ")", 63);

    assert_depth_ok (ok, 2);
    assert_error (over, RL_ERROR_LIMIT, 63 + 2, message);
  }
  {
    /* Known before the operand: the enclosing "and" counts. */
    g_autofree char *inner_ok = wrapped ("(", "b", ")", 62);
    g_autofree char *inner_over = wrapped ("(", "b", ")", 63);
    g_autofree char *ok = g_strconcat ("a and ", inner_ok, NULL);
    g_autofree char *over = g_strconcat ("a and ", inner_over, NULL);

    assert_depth_ok (ok, 2);
    assert_error (over, RL_ERROR_LIMIT, 6 + 62, message);
  }
  {
    /* Implication nests to the right, one level per arrow. */
    g_autofree char *chain_ok = wrapped ("a -> ", "b", "", 63);
    g_autofree char *chain_over = wrapped ("a -> ", "b", "", 64);

    assert_depth_ok (chain_ok, 64);
    assert_error (chain_over, RL_ERROR_LIMIT, 63 * 5 + 2, message);
  }
  {
    /* "and" and "or" chains are one level however long. */
    g_autofree char *chain = wrapped ("a and ", "b", "", 600);

    assert_depth_ok (chain, 2);
  }
  {
    /* Nested on the left: the operator after a deep operand is refused. */
    g_autofree char *shallow = wrapped ("(", "a", ")", 62);
    g_autofree char *ok = g_strconcat (shallow, " or b", NULL);
    g_autofree char *deep = wrapped ("(", "a", ")", 63);
    g_autofree char *over = g_strconcat (deep, " or b", NULL);

    assert_depth_ok (ok, 2);
    assert_error (over, RL_ERROR_LIMIT, 63 + 1 + 63 + 1, message);
  }
}

static void
test_pathological (void **state)
{
  g_autofree char *parens = repeat ("(", 4096);
  g_autofree char *bangs = wrapped ("!", "a", "", 4095);
  g_autofree char *huge = repeat ("(", 100000);

  (void) state;
  assert_error (parens, RL_ERROR_LIMIT, 63, "rule is nested more than 64 levels deep");
  assert_error (bangs, RL_ERROR_LIMIT, 63, "rule is nested more than 64 levels deep");
  assert_error (huge, RL_ERROR_LIMIT, 0, "rule is 100000 bytes long; the limit is 4096");
}

static void
test_misc (void **state)
{
  guint8 x[N_ISSUES] = { 0 };
  g_autoptr (GError) error = NULL;
  RlRule *rule;

  (void) state;
  rl_rule_free (NULL);
  /* The offset is optional. */
  rule = rl_rule_compile ("zzz", issues, N_ISSUES, NULL, &error);
  assert_null (rule);
  assert_int_equal (error->code, RL_ERROR_SCHEMA);
  g_clear_error (&error);
  /* No issues at all: constants still compile. */
  rule = rl_rule_compile ("true and not false", NULL, 0, NULL, &error);
  assert_non_null (rule);
  assert_true (rl_rule_eval (rule, x));
  rl_rule_free (rule);
  rule = rl_rule_compile ("a", NULL, 0, NULL, NULL);
  assert_null (rule);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_logical_operators),
    cmocka_unit_test (test_atoms),
    cmocka_unit_test (test_spec_examples),
    cmocka_unit_test (test_bare_issue),
    cmocka_unit_test (test_constant_folding),
    cmocka_unit_test (test_get_issues),
    cmocka_unit_test (test_nodes),
    cmocka_unit_test (test_unary_mask),
    cmocka_unit_test (test_kleene),
    cmocka_unit_test (test_random_rules),
    cmocka_unit_test (test_errors),
    cmocka_unit_test (test_error_order),
    cmocka_unit_test (test_length_limit),
    cmocka_unit_test (test_depth_limit),
    cmocka_unit_test (test_pathological),
    cmocka_unit_test (test_misc),
  };

  return cmocka_run_group_tests (tests, setup_issues, teardown_issues);
}
