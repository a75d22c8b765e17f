/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-whatif.c: what-if changes (scenario.md section 7) and compare.
 *
 * Every change kind is applied, as a command-line flag, to the small base
 * of tests/data/whatif/base.yaml, whose comment lists every package with
 * its utilities, red lines and verdict; the counts expected below are
 * worked out from that table in the comment of each test. The variant
 * files next to it (v1.yaml, deeper/v2.yaml) check chains, relative
 * paths, inheritance and constraint naming. The errors of variant files,
 * with their positions, are under tests/data/invalid/ (test-invalid.c);
 * their flag equivalents are here.
 *
 * The directory comes from $RL_TEST_DATA (set by meson) or argv[1].
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

#include <redline/redline.h>

/* ---- helpers ---------------------------------------------------------------- */

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

/* Applies flags given as pairs (kind, value), ending with -1. */
static RlScenario *
apply_flags (RlScenario *sc, GError **error, ...)
{
  g_autoptr (RlChanges) changes = rl_changes_new ();
  va_list ap;
  va_start (ap, error);
  for (int kind; (kind = va_arg (ap, int)) >= 0;)
    {
      const char *value = va_arg (ap, const char *);
      g_autofree char *flag = g_strdup_printf ("--%s %s", rl_change_kind_name ((RlChangeKind) kind), value);
      if (!rl_changes_add (changes, (RlChangeKind) kind, value, flag, error))
        {
          va_end (ap);
          return NULL;
        }
    }
  va_end (ap);
  return rl_scenario_apply_changes (sc, changes, error);
}

#define APPLY(sc, ...) apply_ok ((sc), __VA_ARGS__, -1)

static RlScenario *
apply_ok_v (RlScenario *sc, va_list ap)
{
  g_autoptr (RlChanges) changes = rl_changes_new ();
  g_autoptr (GError) error = NULL;
  for (int kind; (kind = va_arg (ap, int)) >= 0;)
    {
      const char *value = va_arg (ap, const char *);
      if (!rl_changes_add (changes, (RlChangeKind) kind, value, NULL, &error))
        fail_msg ("%s", error->message);
    }
  RlScenario *out = rl_scenario_apply_changes (sc, changes, &error);
  if (out == NULL)
    fail_msg ("%s", error->message);
  return out;
}

static RlScenario *
apply_ok (RlScenario *sc, ...)
{
  va_list ap;
  va_start (ap, sc);
  RlScenario *out = apply_ok_v (sc, ap);
  va_end (ap);
  return out;
}

static RlCounts
counts (RlScenario *sc)
{
  RlSolveOptions opts;
  rl_solve_options_init (&opts);
  opts.run.n_threads = 1;
  g_autoptr (GError) error = NULL;
  g_autoptr (RlResult) res = rl_solve (sc, &opts, &error);
  if (res == NULL)
    fail_msg ("%s", error->message);
  RlCounts c;
  assert_true (rl_result_get_counts (res, &c));
  return c;
}

#define assert_counts(sc, f, c, a)                     \
  do {                                                 \
    RlCounts got_ = counts (sc);                       \
    assert_int_equal (got_.space, 9);                  \
    assert_int_equal (got_.feasible, (f));             \
    assert_int_equal (got_.compatible, (c));           \
    assert_int_equal (got_.acceptable, (a));           \
  } while (0)

static int
party (const RlScenario *sc, const char *id)
{
  int p = rl_scenario_find_party (sc, id);
  if (p < 0)
    fail_msg ("no party '%s'", id);
  return p;
}

static const RlNamedRule *
constraint (const RlScenario *sc, const char *id)
{
  for (guint c = 0; c < rl_scenario_get_n_constraints (sc); c++)
    if (strcmp (rl_named_rule_get_id (rl_scenario_get_constraint (sc, c)), id) == 0)
      return rl_scenario_get_constraint (sc, c);
  fail_msg ("no constraint '%s'", id);
  return NULL;
}

static void
assert_changes (const RlScenario *sc, ...)
{
  const char *const *changes = rl_scenario_get_changes (sc);
  va_list ap;
  va_start (ap, sc);
  guint k = 0;
  for (const char *want; (want = va_arg (ap, const char *)) != NULL; k++)
    {
      if (changes[k] == NULL)
        fail_msg ("change %u missing, expected '%s'", k, want);
      assert_string_equal (changes[k], want);
    }
  va_end (ap);
  assert_null (changes[k]);
}

static RlScenario *base;

static int
setup (void **state)
{
  (void) state;
  base = load ("base.yaml");
  return 0;
}

static int
teardown (void **state)
{
  (void) state;
  g_clear_pointer (&base, rl_scenario_unref);
  return 0;
}

/* ---- every change kind ------------------------------------------------------- */

/* The base itself: feasible 8, compatible 3, acceptable 2 (its comment). */
static void
test_base (void **state)
{
  (void) state;
  assert_counts (base, 8, 3, 2);
  assert_changes (base, NULL);
  assert_int_equal (rl_scenario_get_n_constraints (base), 1);
}

/* relax north/never-west: packages 1 and 2 (west, some/full) become
 * compatible: 5; north has 0.25 and 0 there, under its 0.3: acceptable 2. */
static void
test_relax (void **state)
{
  (void) state;
  g_autoptr (RlScenario) sc = APPLY (base, RL_CHANGE_RELAX, "north/never-west");
  assert_counts (sc, 8, 5, 2);
  assert_int_equal (rl_scenario_get_n_red_lines (sc, party (sc, "north")), 0);
  assert_int_equal (rl_scenario_get_n_red_lines (sc, party (sc, "south")), 1);
  assert_changes (sc, "relax north/never-west", NULL);
  /* The base is untouched: scenarios are immutable. */
  assert_int_equal (rl_scenario_get_n_red_lines (base, party (base, "north")), 1);
  assert_counts (base, 8, 3, 2);
}

/* relax south/ *: 3 and 6 (aid none) become compatible: 5; 3 has north
 * 0.75, south 0.25 >= 0.2, acceptable; 6 has south 0: acceptable 3. */
static void
test_relax_all (void **state)
{
  (void) state;
  g_autoptr (RlScenario) sc = APPLY (base, RL_CHANGE_RELAX, " south / * ");
  assert_counts (sc, 8, 5, 3);
  assert_int_equal (rl_scenario_get_n_red_lines (sc, party (sc, "south")), 0);
  assert_changes (sc, "relax south/*", NULL);
}

/* set north's BATNA to 0.2: package 5 (north 0.25) becomes acceptable. */
static void
test_set_batna (void **state)
{
  (void) state;
  g_autoptr (RlScenario) sc = APPLY (base, RL_CHANGE_SET, "parties.north.batna = 0.2");
  assert_counts (sc, 8, 3, 3);
  assert_close (rl_scenario_get_party_batna (sc, party (sc, "north")), 0.2);
  assert_changes (sc, "set parties.north.batna = 0.2", NULL);
}

/* require aid != some: feasible loses 1, 4, 7: 5; compatible keeps 5
 * alone, where north has 0.25: acceptable 0. */
static void
test_require (void **state)
{
  (void) state;
  g_autoptr (RlScenario) sc = APPLY (base, RL_CHANGE_REQUIRE, "aid != some");
  assert_counts (sc, 5, 1, 0);
  const RlNamedRule *r = constraint (sc, "require-1");
  assert_string_equal (rl_named_rule_get_text (r), "aid != some");
  assert_changes (sc, "require aid != some", NULL);
}

/* fix border = middle: feasible 3, 4, 5; compatible 4, 5; acceptable 4.
 * The space and the package indexes stay those of the base. */
static void
test_fix (void **state)
{
  (void) state;
  g_autoptr (RlScenario) sc = APPLY (base, RL_CHANGE_FIX, "border=middle", RL_CHANGE_FIX,
                                     "border = middle");
  assert_counts (sc, 3, 2, 1);
  assert_string_equal (rl_named_rule_get_text (constraint (sc, "fix-border")), "border == middle");
  assert_string_equal (rl_named_rule_get_text (constraint (sc, "fix-border-2")), "border == middle");
  assert_int_equal (rl_scenario_get_n_options (sc, 0), 3);
  guint8 pkg[] = { 1, 1 };
  assert_int_equal (rl_scenario_package_index (sc, pkg), rl_scenario_package_index (base, pkg));
  assert_changes (sc, "fix border = middle", "fix border = middle", NULL);
}

/* exclude aid = none, full and border = west: feasible 4, 7 (aid some,
 * not west), compatible and acceptable both. A single option is written
 * with !=. */
static void
test_exclude (void **state)
{
  (void) state;
  g_autoptr (RlScenario) sc = APPLY (base, RL_CHANGE_EXCLUDE, "aid=none, full",
                                     RL_CHANGE_EXCLUDE, "border=west");
  assert_counts (sc, 2, 2, 2);
  assert_string_equal (rl_named_rule_get_text (constraint (sc, "exclude-aid")),
                       "aid not in [none, full]");
  assert_string_equal (rl_named_rule_get_text (constraint (sc, "exclude-border")), "border != west");
  assert_changes (sc, "exclude aid = none, full", "exclude border = west", NULL);
}

/* without south: north alone has a veto; compatible = feasible minus west
 * = 3, 4, 5, 6, 7; north >= 0.3 at 3, 4, 6, 7: acceptable 4. South's
 * place in simulation.order goes with it. */
static void
test_without (void **state)
{
  (void) state;
  g_autoptr (RlScenario) sc = APPLY (base, RL_CHANGE_WITHOUT, "south");
  assert_counts (sc, 8, 5, 4);
  assert_int_equal (rl_scenario_get_n_parties (sc), 2);
  assert_int_equal (rl_scenario_get_n_veto_parties (sc), 1);
  assert_int_equal (rl_scenario_find_party (sc, "south"), -1);
  assert_string_equal (rl_scenario_get_party_id (sc, 1), "press");
  guint n;
  const guint *order = rl_scenario_get_order (sc, &n);
  assert_int_equal (n, 1);
  assert_int_equal (order[0], party (sc, "north"));
  /* The base's order is [south, north]. */
  order = rl_scenario_get_order (base, &n);
  assert_int_equal (n, 2);
  assert_int_equal (order[0], party (base, "south"));
  assert_changes (sc, "without south", NULL);
}

/* The press gets a veto (BATNA 0, no red lines): nothing changes but the
 * number of veto parties. Then north loses its veto instead: its
 * never-west stops filtering, so compatible = feasible minus south's
 * some-aid (0, 3, 6) = 1, 2, 4, 5, 7; south >= 0.2 at all five:
 * acceptable 5; and simulation.order drops north. */
static void
test_set_veto (void **state)
{
  (void) state;
  g_autoptr (RlScenario) sc = APPLY (base, RL_CHANGE_SET, "parties.press.veto=true");
  assert_counts (sc, 8, 3, 2);
  assert_int_equal (rl_scenario_get_n_veto_parties (sc), 3);
  g_autoptr (RlScenario) sc2 = APPLY (base, RL_CHANGE_SET, "parties.north.veto=no");
  assert_counts (sc2, 8, 5, 5);
  guint n;
  const guint *order = rl_scenario_get_order (sc2, &n);
  assert_int_equal (n, 1);
  assert_int_equal (order[0], party (sc2, "south"));
}

/* north's aid weight 1 -> 3: weights 0.25 and 0.75; at 7 (east, some)
 * u = 0.25 + 0.375 = 0.625; at 5 (middle, full) 0.125. Acceptable still
 * 4 (0.5) and 7. */
static void
test_set_weights (void **state)
{
  (void) state;
  g_autoptr (RlScenario) sc = APPLY (base, RL_CHANGE_SET, "parties.north.weights.aid=3");
  int p = party (sc, "north");
  assert_close (rl_scenario_get_party_weight (sc, (guint) p, 0), 0.25);
  assert_close (rl_scenario_get_party_weight (sc, (guint) p, 1), 0.75);
  guint8 x7[] = { 2, 1 }, x5[] = { 1, 2 };
  assert_close (rl_scenario_utility (sc, (guint) p, x7), 0.625);
  assert_close (rl_scenario_utility (sc, (guint) p, x5), 0.125);
  assert_counts (sc, 8, 3, 2);
}

/* south's value of aid 'some' 0.5 -> 0.1: at 4 south has 0.25 + 0.05 =
 * 0.3, at 7 0 + 0.05 < 0.2: acceptable 1. */
static void
test_set_values (void **state)
{
  (void) state;
  g_autoptr (RlScenario) sc = APPLY (base, RL_CHANGE_SET, "parties.south.values.aid.some=0.1");
  assert_close (rl_scenario_get_party_value (sc, (guint) party (sc, "south"), 1, 1), 0.1);
  assert_counts (sc, 8, 3, 1);
}

/* The paths of simulate.md, and power. */
static void
test_set_simulation (void **state)
{
  (void) state;
  g_autoptr (RlScenario) sc = APPLY (base, RL_CHANGE_SET, "parties.north.strategy=boulware",
                                     RL_CHANGE_SET, "parties.south.strategy=2.5",
                                     RL_CHANGE_SET, "parties.north.drift.base=0.05",
                                     RL_CHANGE_SET, "parties.north.power=2",
                                     RL_CHANGE_SET, "simulation.rounds=10",
                                     RL_CHANGE_SET, "simulation.horizon=0",
                                     RL_CHANGE_SET, "simulation.noise=0.1",
                                     RL_CHANGE_SET, "simulation.order=north,south");
  int n = party (sc, "north"), s = party (sc, "south");
  assert_int_equal (rl_scenario_get_party_strategy (sc, (guint) n), RL_STRATEGY_BOULWARE);
  assert_int_equal (rl_scenario_get_party_strategy (sc, (guint) s), RL_STRATEGY_EXPONENT);
  assert_close (rl_scenario_get_party_exponent (sc, (guint) s), 2.5);
  assert_close (rl_scenario_get_party_drift_base (sc, (guint) n), 0.05);
  assert_close (rl_scenario_get_party_power (sc, (guint) n), 2);
  assert_int_equal (rl_scenario_get_rounds (sc), 10);
  assert_int_equal (rl_scenario_get_horizon (sc), 0);
  assert_close (rl_scenario_get_noise (sc), 0.1);
  guint len;
  const guint *order = rl_scenario_get_order (sc, &len);
  assert_int_equal (len, 2);
  assert_int_equal (order[0], n);
  assert_int_equal (order[1], s);
  assert_changes (sc, "set parties.north.strategy = boulware", "set parties.south.strategy = 2.5",
                  "set parties.north.drift.base = 0.05", "set parties.north.power = 2",
                  "set simulation.rounds = 10", "set simulation.horizon = 0",
                  "set simulation.noise = 0.1", "set simulation.order = [north, south]", NULL);
}

/* Order matters: the same changes the other way round fail. */
static void
test_order_matters (void **state)
{
  (void) state;
  g_autoptr (GError) error = NULL;
  g_autoptr (RlScenario) ok = APPLY (base, RL_CHANGE_SET, "parties.south.batna=1",
                                     RL_CHANGE_WITHOUT, "south");
  assert_int_equal (rl_scenario_get_n_parties (ok), 2);
  g_autoptr (RlScenario) bad = apply_flags (base, &error, RL_CHANGE_WITHOUT, "south",
                                            RL_CHANGE_SET, "parties.south.batna=1", -1);
  assert_null (bad);
  assert_string_equal (error->message, "--set parties.south.batna=1: unknown party 'south'");
}

/* ---- errors from flags: RL_ERROR_INVALID_ARGUMENT, with hints ----------------------- */

static void
test_flag_errors (void **state)
{
  static const struct {
    RlChangeKind kind;
    const char *value;
    const char *message;
  } cases[] = {
    { RL_CHANGE_RELAX, "north/never-wset",
      "--relax north/never-wset: party 'north' has no red line 'never-wset' (did you mean 'never-west'?)" },
    { RL_CHANGE_RELAX, "nrth/never-west",
      "--relax nrth/never-west: unknown party 'nrth' (did you mean 'north'?)" },
    { RL_CHANGE_RELAX, "press/x", "--relax press/x: party 'press' has no red lines (left)" },
    { RL_CHANGE_RELAX, "north",
      "--relax north: expected PARTY/RED_LINE (or PARTY/* for all of a party's red lines), found 'north'" },
    { RL_CHANGE_RELAX, "north/batna",
      "--relax north/batna: 'batna' is a walk-away point, not a red line; to move it, set parties.north.batna" },
    { RL_CHANGE_SET, "parties.north.bantna=1",
      "--set parties.north.bantna=1: unknown path 'parties.north.bantna': no 'bantna' in a party (did you mean 'batna'?)" },
    { RL_CHANGE_SET, "partys.north.batna=1",
      "--set partys.north.batna=1: unknown path 'partys.north.batna': no 'partys' (paths start with 'parties.' or 'simulation.') (did you mean 'parties'?)" },
    { RL_CHANGE_SET, "parties.north.batna", "--set parties.north.batna: expected PATH=VALUE" },
    { RL_CHANGE_SET, "parties.north.batna=", "--set parties.north.batna=: no value for parties.north.batna" },
    { RL_CHANGE_SET, "parties.north.batna=.5",
      "--set parties.north.batna=.5: invalid number '.5' for parties.north.batna (write numbers like 0.25, 3, -1 or 1e-3)" },
    { RL_CHANGE_SET, "parties.north.weights=1",
      "--set parties.north.weights=1: path 'parties.north.weights' is incomplete: write parties.P.weights.ISSUE" },
    { RL_CHANGE_SET, "parties.north.weights.aidd=1",
      "--set parties.north.weights.aidd=1: unknown issue 'aidd' (did you mean 'aid'?)" },
    { RL_CHANGE_SET, "parties.north.values.aid.ful=1",
      "--set parties.north.values.aid.ful=1: unknown option 'ful' of issue 'aid' (did you mean 'full'?)" },
    { RL_CHANGE_SET, "parties.press.weights.border=1",
      "--set parties.press.weights.border=1: party 'press' has no values for issue 'border', so it cannot weigh it (give its values in the base scenario)" },
    { RL_CHANGE_SET, "parties.press.veto=maybe",
      "--set parties.press.veto=maybe: invalid boolean 'maybe' for parties.press.veto (use true, false, yes or no, lower case)" },
    { RL_CHANGE_SET, "parties.north.strategy=bulware",
      "--set parties.north.strategy=bulware: unknown strategy 'bulware' for parties.north.strategy (use hardliner, boulware, linear, conceder or an exponent above 0) (did you mean 'boulware'?)" },
    { RL_CHANGE_SET, "simulation.rouds=3",
      "--set simulation.rouds=3: unknown path 'simulation.rouds': no 'rouds' in 'simulation' (did you mean 'rounds'?)" },
    { RL_CHANGE_SET, "simulation.rounds=0",
      "--set simulation.rounds=0: simulation.rounds must be a whole number from 1 to 100000, not 0" },
    { RL_CHANGE_SET, "simulation.order=north,north",
      "--set simulation.order=north,north: party 'north' appears twice in simulation.order" },
    { RL_CHANGE_SET, "simulation.protocol=mediator",
      "--set simulation.protocol=mediator: the mediator protocol starts from 'status_quo', which this scenario lacks" },
    { RL_CHANGE_REQUIRE, "bordr == east",
      "--require bordr == east: unknown issue 'bordr' (did you mean 'border'?)" },
    { RL_CHANGE_REQUIRE, "   ", "--require    : the value is empty" },
    { RL_CHANGE_FIX, "bordr=east", "--fix bordr=east: unknown issue 'bordr' (did you mean 'border'?)" },
    { RL_CHANGE_FIX, "border=eats",
      "--fix border=eats: unknown option 'eats' of issue 'border' (did you mean 'east'?)" },
    { RL_CHANGE_FIX, "border=east,west",
      "--fix border=east,west: expected ISSUE=OPTION with one option (fix pins an issue to one option; 'exclude' forbids several)" },
    { RL_CHANGE_FIX, "border", "--fix border: expected ISSUE=OPTION" },
    { RL_CHANGE_EXCLUDE, "aid=none,,full",
      "--exclude aid=none,,full: expected ISSUE=OPTION or ISSUE=OPTION,OPTION,... with no empty option" },
    { RL_CHANGE_EXCLUDE, "aid=none,ful",
      "--exclude aid=none,ful: unknown option 'ful' of issue 'aid' (did you mean 'full'?)" },
    { RL_CHANGE_WITHOUT, "presss", "--without presss: unknown party 'presss' (did you mean 'press'?)" },
  };
  (void) state;
  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (RlScenario) sc = apply_flags (base, &error, cases[k].kind, cases[k].value, -1);
      if (sc != NULL)
        fail_msg ("--%s %s was accepted", rl_change_kind_name (cases[k].kind), cases[k].value);
      assert_true (g_error_matches (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT));
      if (strcmp (error->message, cases[k].message) != 0)
        fail_msg ("--%s %s:\n  got      %s\n  expected %s", rl_change_kind_name (cases[k].kind),
                  cases[k].value, error->message, cases[k].message);
    }
}

/* No veto party may be left after the changes (scenario.md section 2);
 * the error names the change that took the last one away, and a later
 * change may give one back. */
static void
test_no_veto_left (void **state)
{
  (void) state;
  g_autoptr (GError) error = NULL;
  g_autoptr (RlScenario) sc = apply_flags (base, &error, RL_CHANGE_WITHOUT, "north",
                                           RL_CHANGE_SET, "parties.south.veto=false", -1);
  assert_null (sc);
  assert_string_equal (error->message, "--set parties.south.veto=false: after this change no "
                       "party has a veto; a scenario needs at least one veto party");
  g_autoptr (RlScenario) back = APPLY (base, RL_CHANGE_WITHOUT, "north", RL_CHANGE_SET,
                                       "parties.south.veto=false", RL_CHANGE_SET,
                                       "parties.press.veto=true");
  assert_int_equal (rl_scenario_get_n_veto_parties (back), 1);
}

/* ---- variant files ------------------------------------------------------------ */

/* deeper/v2.yaml extends ../v1.yaml, which extends base.yaml: paths are
 * relative to each variant; constraints are named over the whole chain
 * (v1: fix-border, require-1; v2: require-2, fix-border-2; a flag then:
 * require-3, fix-border-3); v2 inherits v1's title and the base's
 * description, date and sources. Counts: v1's comment. */
static void
test_chain (void **state)
{
  (void) state;
  g_autoptr (RlScenario) v1 = load ("v1.yaml");
  assert_counts (v1, 2, 2, 1);
  assert_string_equal (rl_scenario_get_title (v1), "What-if variant one");
  assert_string_equal (rl_scenario_get_file (v1), "v1.yaml");
  assert_string_equal (rl_named_rule_get_note (constraint (v1, "require-1")), "aid must flow");
  assert_null (rl_named_rule_get_note (constraint (v1, "fix-border")));

  g_autoptr (RlScenario) v2 = load ("deeper/v2.yaml");
  assert_counts (v2, 2, 2, 1);
  assert_string_equal (rl_scenario_get_title (v2), "What-if variant one");
  assert_string_equal (rl_scenario_get_description (v2), "The base of the what-if tests.");
  assert_string_equal (rl_scenario_get_date (v2), "2026-01-01");
  assert_int_equal (rl_scenario_get_n_sources (v2), 1);
  assert_int_equal (rl_scenario_get_n_veto_parties (v2), 3);
  assert_changes (v2, "relax north/never-west", "fix border = middle", "require aid != none",
                  "require border >= middle", "fix border = middle",
                  "set parties.press.veto = true", NULL);
  static const char *const ids[] = {
    "no-full-aid-in-east", "fix-border", "require-1", "require-2", "fix-border-2",
  };
  assert_int_equal (rl_scenario_get_n_constraints (v2), G_N_ELEMENTS (ids));
  for (guint c = 0; c < G_N_ELEMENTS (ids); c++)
    assert_string_equal (rl_named_rule_get_id (rl_scenario_get_constraint (v2, c)), ids[c]);

  g_autoptr (RlScenario) v3 = APPLY (v2, RL_CHANGE_REQUIRE, "aid <= some", RL_CHANGE_FIX,
                                     "border=middle");
  assert_string_equal (rl_named_rule_get_text (constraint (v3, "require-3")), "aid <= some");
  assert_string_equal (rl_named_rule_get_text (constraint (v3, "fix-border-3")), "border == middle");
  /* v1 + flags equals v2's own changes as flags on v1. */
  g_autoptr (RlScenario) flags = APPLY (v1, RL_CHANGE_REQUIRE, "border >= middle", RL_CHANGE_FIX,
                                        "border=middle", RL_CHANGE_SET, "parties.press.veto=true");
  const char *const *a = rl_scenario_get_changes (flags), *const *b = rl_scenario_get_changes (v2);
  for (guint k = 0; a[k] || b[k]; k++)
    assert_string_equal (a[k], b[k]);
}

/* Which changes lead from one scenario to another. */
static void
test_changes_since (void **state)
{
  (void) state;
  g_autoptr (RlScenario) v1 = load ("v1.yaml");
  g_autoptr (RlScenario) v2 = load ("deeper/v2.yaml");
  g_auto (GStrv) all = rl_scenario_dup_changes_since (v2, base);
  assert_non_null (all);
  assert_int_equal (g_strv_length (all), 6);
  g_auto (GStrv) last = rl_scenario_dup_changes_since (v2, v1);
  assert_int_equal (g_strv_length (last), 3);
  assert_string_equal (last[0], "require border >= middle");
  assert_null (rl_scenario_dup_changes_since (v1, v2));
  g_autoptr (RlScenario) flagged = APPLY (base, RL_CHANGE_WITHOUT, "press");
  g_auto (GStrv) one = rl_scenario_dup_changes_since (flagged, base);
  assert_int_equal (g_strv_length (one), 1);
  assert_string_equal (one[0], "without press");
  g_auto (GStrv) none = rl_scenario_dup_changes_since (base, base);
  assert_non_null (none);
  assert_null (none[0]);
  /* A file that is not in the chain. */
  g_autoptr (RlScenario) other = load ("border-only.yaml");
  assert_null (rl_scenario_dup_changes_since (v1, other));
}

/* The files a scenario was read from: the file named, then each base as
 * resolved against its variant's folder (v2 extends ../v1.yaml, which
 * extends base.yaml); what-if flags keep the list; from memory it is
 * empty. */
static void
test_loaded_files (void **state)
{
  (void) state;
  g_autoptr (RlScenario) v2 = load ("deeper/v2.yaml");
  const char *const *files = rl_scenario_get_loaded_files (v2);
  assert_string_equal (files[0], "deeper/v2.yaml");
  assert_string_equal (files[1], "deeper/../v1.yaml");
  assert_string_equal (files[2], "deeper/../base.yaml");
  assert_null (files[3]);
  g_autoptr (RlScenario) flagged = APPLY (v2, RL_CHANGE_WITHOUT, "press");
  files = rl_scenario_get_loaded_files (flagged);
  assert_string_equal (files[0], "deeper/v2.yaml");
  assert_string_equal (files[2], "deeper/../base.yaml");
  assert_null (files[3]);
  files = rl_scenario_get_loaded_files (base);
  assert_string_equal (files[0], "base.yaml");
  assert_null (files[1]);
  g_autofree char *text = NULL;
  gsize len = 0;
  g_autoptr (GError) error = NULL;
  assert_true (g_file_get_contents ("base.yaml", &text, &len, &error));
  g_autoptr (RlScenario) mem = rl_scenario_load_from_data (text, len, "mem.yaml", &error);
  assert_non_null (mem);
  assert_null (rl_scenario_get_loaded_files (mem)[0]);
}

/* From memory there is no directory to find a base in. */
static void
test_from_data (void **state)
{
  static const char text[] = "redline: 1\nextends: base.yaml\n";
  g_autoptr (GError) error = NULL;
  (void) state;
  assert_null (rl_scenario_load_from_data (text, strlen (text), "mem.yaml", &error));
  assert_string_equal (error->message, "mem.yaml:2:10: error: a variant can only be loaded "
                       "from a file: its base 'base.yaml' is found relative to it");
}

/* ---- compare -------------------------------------------------------------------- */

static RlComparison *
compare (RlScenario *a, RlScenario *b)
{
  RlSolveOptions opts;
  rl_solve_options_init (&opts);
  opts.run.n_threads = 1;
  g_autoptr (GError) error = NULL;
  RlComparison *cmp = rl_compare (a, b, &opts, &opts, &error);
  if (cmp == NULL)
    fail_msg ("%s", error->message);
  return cmp;
}

/* B = base with south's red line gone, aid 'some' excluded and north's
 * BATNA at 0.2. Feasible: aid none or full, not (east, full): 0, 2, 3, 5,
 * 6; compatible (north's never-west): 3, 5, 6; acceptable (north >= 0.2,
 * south >= 0.2): 3 (0.75, 0.25), 5 (0.25, 0.75); 6 has south 0.
 * A's acceptable: 4, 7. Gained 3, 5; lost 4, 7.
 * B's Nash products: 3: (0.75-0.2)(0.25-0.2) = 0.0275, 5: (0.25-0.2)
 * (0.75-0.2) = 0.0275: a tie, so index order, 3 then 5. A's: 4: 0.2 * 0.3
 * = 0.06, 7: 0.45 * 0.05 = 0.0225: 4 then 7. */
static void
test_compare (void **state)
{
  (void) state;
  g_autoptr (RlScenario) b = APPLY (base, RL_CHANGE_RELAX, "south/some-aid", RL_CHANGE_EXCLUDE,
                                    "aid=some", RL_CHANGE_SET, "parties.north.batna=0.2");
  g_autoptr (RlComparison) cmp = compare (base, b);
  assert_true (rl_comparison_is_complete (cmp));
  assert_int_equal (rl_comparison_get_n_shared_issues (cmp), 2);
  assert_int_equal (rl_comparison_get_n (cmp, RL_COMPARE_GAINED), 2);
  assert_int_equal (rl_comparison_get_n (cmp, RL_COMPARE_LOST), 2);
  assert_int_equal (rl_comparison_get_package (cmp, RL_COMPARE_GAINED, 0)->index, 3);
  assert_int_equal (rl_comparison_get_package (cmp, RL_COMPARE_GAINED, 1)->index, 5);
  assert_int_equal (rl_comparison_get_package (cmp, RL_COMPARE_LOST, 0)->index, 4);
  assert_int_equal (rl_comparison_get_package (cmp, RL_COMPARE_LOST, 1)->index, 7);
  assert_int_equal (rl_comparison_get_ranked (cmp, RL_COMPARE_GAINED, 0)->index, 3);
  assert_int_equal (rl_comparison_get_ranked (cmp, RL_COMPARE_LOST, 0)->index, 4);
  assert_int_equal (rl_comparison_get_ranked (cmp, RL_COMPARE_LOST, 1)->index, 7);
  assert_close (exp (rl_comparison_get_package (cmp, RL_COMPARE_GAINED, 0)->scores[RL_SCORE_NASH]), 0.0275);
  const char *const *changes = rl_comparison_get_changes (cmp);
  assert_non_null (changes);
  assert_string_equal (changes[0], "relax south/some-aid");
  assert_string_equal (changes[2], "set parties.north.batna = 0.2");
  assert_null (changes[3]);

  /* The other way round: gained and lost swap; B does not extend A. */
  g_autoptr (RlComparison) back = compare (b, base);
  assert_int_equal (rl_comparison_get_n (back, RL_COMPARE_GAINED), 2);
  assert_int_equal (rl_comparison_get_package (back, RL_COMPARE_GAINED, 0)->index, 4);
  assert_null (rl_comparison_get_changes (back));

  /* The same scenario: nothing gained or lost, no change. */
  g_autoptr (RlComparison) same = compare (base, base);
  assert_int_equal (rl_comparison_get_n (same, RL_COMPARE_GAINED), 0);
  assert_int_equal (rl_comparison_get_n (same, RL_COMPARE_LOST), 0);
  assert_null (rl_comparison_get_changes (same)[0]);
}

/* Parties differ (without): matching ignores them. Without the press
 * (an observer) nothing else changes: acceptable 4, 7 on both sides. */
static void
test_compare_parties_differ (void **state)
{
  (void) state;
  g_autoptr (RlScenario) b = APPLY (base, RL_CHANGE_WITHOUT, "press");
  g_autoptr (RlComparison) cmp = compare (base, b);
  assert_int_equal (rl_comparison_get_n (cmp, RL_COMPARE_GAINED), 0);
  assert_int_equal (rl_comparison_get_n (cmp, RL_COMPARE_LOST), 0);
}

/* border-only.yaml has the border issue alone (its comment: acceptable
 * only 'middle'). Shared issues: border. A package of B would stand for
 * three of A (one per aid option), so packages are not matched: both
 * solves are there, no gained or lost package, and the difference is
 * named. */
static void
test_compare_issues_differ (void **state)
{
  (void) state;
  g_autoptr (RlScenario) b = load ("border-only.yaml");
  RlSolveOptions opts;
  rl_solve_options_init (&opts);
  g_autoptr (GError) error = NULL;
  g_autoptr (RlComparison) cmp = rl_compare (base, b, &opts, &opts, &error);
  assert_non_null (cmp);
  assert_int_equal (rl_comparison_get_n_shared_issues (cmp), 1);
  guint ia, ib;
  rl_comparison_get_shared_issue (cmp, 0, &ia, &ib);
  assert_int_equal (ia, 0);
  assert_int_equal (ib, 0);
  g_autofree char *why = NULL;
  assert_false (rl_comparison_is_matched (cmp, &why));
  assert_string_equal (why, "issue 'aid' is only in A");
  assert_int_equal (rl_comparison_get_n (cmp, RL_COMPARE_GAINED), 0);
  assert_int_equal (rl_comparison_get_n (cmp, RL_COMPARE_LOST), 0);
  RlCounts cb;
  rl_result_get_counts (rl_comparison_get_b (cmp), &cb);
  assert_int_equal (cb.space, 3);
  assert_int_equal (cb.acceptable, 1);
  /* Swapped: the issue is only in B. */
  g_autoptr (RlComparison) back = rl_compare (b, base, &opts, &opts, &error);
  g_autofree char *why_back = NULL;
  assert_false (rl_comparison_is_matched (back, &why_back));
  assert_string_equal (why_back, "issue 'aid' is only in B");
}

/* Without a party the issues are the same: matched. The same issues
 * with an option that only one side has: not matched, and each such
 * option is named. */
static void
test_compare_options_differ (void **state)
{
  (void) state;
  g_autoptr (RlScenario) b = APPLY (base, RL_CHANGE_WITHOUT, "press");
  RlSolveOptions opts;
  rl_solve_options_init (&opts);
  g_autoptr (GError) error = NULL;
  g_autoptr (RlComparison) same = rl_compare (base, b, &opts, &opts, &error);
  g_autofree char *none = NULL;
  assert_true (rl_comparison_is_matched (same, &none));
  assert_null (none);

  g_autoptr (RlScenario) renamed = load ("aid-renamed.yaml");
  g_autoptr (RlComparison) cmp = rl_compare (base, renamed, &opts, &opts, &error);
  g_autofree char *why = NULL;
  assert_false (rl_comparison_is_matched (cmp, &why));
  assert_string_equal (why, "issue 'aid' has option 'full' only in A; "
                            "issue 'aid' has option 'all' only in B");
  assert_int_equal (rl_comparison_get_n (cmp, RL_COMPARE_GAINED), 0);
  assert_int_equal (rl_comparison_get_n (cmp, RL_COMPARE_LOST), 0);
}

/* scenario.md section 2: a BATNA taken from the status quo is derived
 * after loading and again after every change of its party's utilities;
 * a `set` of the BATNA makes it a plain number. Values by hand in the
 * file's comment. */
static void
test_status_quo_batna (void **state)
{
  g_autoptr (RlScenario) sc = load ("status-quo-batna.yaml");
  guint east = (guint) rl_scenario_find_party (sc, "east");
  guint west = (guint) rl_scenario_find_party (sc, "west");
  double adjust = 1;
  assert_true (rl_scenario_get_party_batna_adjust (sc, east, &adjust));
  assert_close (adjust, 0);
  assert_close (rl_scenario_get_party_batna (sc, east), 0.7);
  assert_true (rl_scenario_get_party_batna_adjust (sc, west, &adjust));
  assert_close (adjust, -0.05);
  assert_close (rl_scenario_get_party_batna (sc, west), 0.15);

  /* east's guarantee weight 1 -> 3: weights 1/2, 1/2; 0.3 + 0.5 = 0.8. */
  g_autoptr (RlScenario) weighted = APPLY (sc, RL_CHANGE_SET, "parties.east.weights.guarantee=3");
  assert_close (rl_scenario_get_party_batna (weighted, east), 0.8);
  /* west's value of a frozen border 0.5 -> 1: 0.4 - 0.05 = 0.35. */
  g_autoptr (RlScenario) valued = APPLY (sc, RL_CHANGE_SET, "parties.west.values.border.frozen=1");
  assert_close (rl_scenario_get_party_batna (valued, west), 0.35);
  /* A plain number replaces the derivation, and stays through later
   * changes of the utilities. */
  g_autoptr (RlScenario) set = APPLY (sc, RL_CHANGE_SET, "parties.west.batna=0.3",
                                      RL_CHANGE_SET, "parties.west.values.border.frozen=1");
  assert_false (rl_scenario_get_party_batna_adjust (set, west, NULL));
  assert_close (rl_scenario_get_party_batna (set, west), 0.3);
  /* Removing the other party leaves east's as it was. */
  g_autoptr (RlScenario) alone = APPLY (sc, RL_CHANGE_WITHOUT, "west");
  assert_close (rl_scenario_get_party_batna (alone, 0), 0.7);
}

int
main (int argc, char **argv)
{
  const char *data_dir = argc > 1 ? argv[1] : g_getenv ("RL_TEST_DATA");
  if (data_dir == NULL)
    {
      g_printerr ("usage: RL_TEST_DATA=tests/data %s (or: %s tests/data)\n", argv[0], argv[0]);
      return 1;
    }
  g_autofree char *dir = g_build_filename (data_dir, "whatif", NULL);
  if (g_chdir (dir) != 0)
    {
      g_printerr ("%s: %s\n", dir, g_strerror (errno));
      return 1;
    }
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_status_quo_batna),
    cmocka_unit_test (test_base),
    cmocka_unit_test (test_relax),
    cmocka_unit_test (test_relax_all),
    cmocka_unit_test (test_set_batna),
    cmocka_unit_test (test_require),
    cmocka_unit_test (test_fix),
    cmocka_unit_test (test_exclude),
    cmocka_unit_test (test_without),
    cmocka_unit_test (test_set_veto),
    cmocka_unit_test (test_set_weights),
    cmocka_unit_test (test_set_values),
    cmocka_unit_test (test_set_simulation),
    cmocka_unit_test (test_order_matters),
    cmocka_unit_test (test_flag_errors),
    cmocka_unit_test (test_no_veto_left),
    cmocka_unit_test (test_chain),
    cmocka_unit_test (test_loaded_files),
    cmocka_unit_test (test_changes_since),
    cmocka_unit_test (test_from_data),
    cmocka_unit_test (test_compare),
    cmocka_unit_test (test_compare_parties_differ),
    cmocka_unit_test (test_compare_issues_differ),
    cmocka_unit_test (test_compare_options_differ),
  };
  return cmocka_run_group_tests_name ("whatif", tests, setup, teardown);
}
