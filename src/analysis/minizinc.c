/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * minizinc.c: a scenario as a MiniZinc model (minizinc.h says how and
 * why). Rules are printed from their compiled form (model/rule-internals.h),
 * whose atoms are all "issue in {options}".
 */
#include <redline/minizinc.h>

#include <math.h>
#include <string.h>

#include <redline/redline.h>

#include "model/rule-internals.h"
#include "rl-config.h"

/* The log table's bounds: 64 parties' entries must sum inside Gecode's
 * 32-bit integers, so ln(gain) is clamped to ±20 (gains beyond e^±20,
 * which only absurd BATNAs give, all weigh the same), and a gain of 0
 * weighs less than any positive gain. */
#define LG_CLAMP 2e7
#define LG_ZERO -3e7

/* Issue i's variable: "x_" + its id, never a MiniZinc keyword and never
 * one of the model's own names (U_P, lg_P, x, objective). */
static void
print_rule (GString *out, const RlScenario *sc, const RlRuleNode *nodes, guint k)
{
  const RlRuleNode *node = &nodes[k];
  switch (node->kind)
    {
    case RL_RULE_NODE_CONST:
      g_string_append (out, node->mask ? "true" : "false");
      return;
    case RL_RULE_NODE_IN:
      {
        g_string_append_printf (out, "(x_%s in {", rl_scenario_get_issue_id (sc, node->issue));
        gboolean first = TRUE;
        for (guint o = 0; o < 64; o++)
          if (node->mask & (G_GUINT64_CONSTANT (1) << o))
            {
              g_string_append_printf (out, "%s%u", first ? "" : ",", o + 1);
              first = FALSE;
            }
        g_string_append (out, "})");
        return;
      }
    case RL_RULE_NODE_NOT:
      g_string_append (out, "(not ");
      print_rule (out, sc, nodes, node->child);
      g_string_append (out, ")");
      return;
    default:
      {
        const char *op = node->kind == RL_RULE_NODE_AND ? " /\\ "
                         : node->kind == RL_RULE_NODE_OR ? " \\/ "
                         : node->kind == RL_RULE_NODE_IMPLIES ? " -> " : " <-> ";
        g_string_append (out, "(");
        for (guint c = node->child; c != RL_RULE_NO_NODE; c = nodes[c].next)
          {
            if (c != node->child)
              g_string_append (out, op);
            print_rule (out, sc, nodes, c);
          }
        g_string_append (out, ")");
      }
    }
}

static char *
rule_text (const RlScenario *sc, const RlRule *rule)
{
  guint n, root;
  const RlRuleNode *nodes = rl_rule_get_nodes (rule, &n, &root);
  GString *out = g_string_new (NULL);
  print_rule (out, sc, nodes, root);
  return g_string_free (out, FALSE);
}

/* A comment line of the model: scenario text on one line. */
static void
comment (GString *m, const char *text)
{
  g_autofree char *clean = g_strdup (text);
  g_strdelimit (clean, "\n\r", ' ');
  g_string_append_printf (m, "%% %s\n", clean);
}

/* Whether v * 1000 is a whole number (to 1e-6). */
static gboolean
three_decimals (double v)
{
  double s = v * 1000;
  return fabs (s - round (s)) < 1e-6;
}

/* The scale S_p of each party's utility, and whether it is exact. */
static gboolean
scales (const RlScenario *sc, double *scale)
{
  guint ni = rl_scenario_get_n_issues (sc), np = rl_scenario_get_n_parties (sc);
  gboolean exact = TRUE;
  for (guint p = 0; p < np; p++)
    {
      double total = 0;
      for (guint i = 0; i < ni; i++)
        {
          double w = rl_scenario_get_party_raw_weight (sc, p, i);
          total += w;
          exact = exact && w == floor (w) && w < 1e6;
          if (w > 0)
            for (guint k = 0; k < rl_scenario_get_n_options (sc, i); k++)
              exact = exact && three_decimals (rl_scenario_get_party_value (sc, p, i, k));
        }
      for (guint b = 0; b < rl_scenario_get_n_bonuses (sc, p); b++)
        exact = exact && three_decimals (rl_scenario_get_bonus_value (sc, p, b) * (total > 0 ? total : 1));
      scale[p] = 1000 * (total > 0 ? total : 1);
    }
  if (!exact)
    for (guint p = 0; p < np; p++)
      scale[p] = 1e6;
  return exact;
}

static void
declare_issues (GString *m, const RlScenario *sc)
{
  guint ni = rl_scenario_get_n_issues (sc);
  g_string_append (m, "\n% The package: one variable per issue, the position of its option.\n");
  for (guint i = 0; i < ni; i++)
    {
      guint n = rl_scenario_get_n_options (sc, i);
      GString *c = g_string_new (NULL);
      g_string_append_printf (c, "%s:", rl_scenario_get_issue_label (sc, i));
      for (guint k = 0; k < n; k++)
        g_string_append_printf (c, " %u=%s", k + 1, rl_scenario_get_option_id (sc, i, k));
      comment (m, c->str);
      g_string_free (c, TRUE);
      g_string_append_printf (m, "var 1..%u: x_%s;\n", n, rl_scenario_get_issue_id (sc, i));
    }
  g_string_append_printf (m, "array[1..%u] of var int: x = [", ni);
  for (guint i = 0; i < ni; i++)
    g_string_append_printf (m, "%sx_%s", i ? ", " : "", rl_scenario_get_issue_id (sc, i));
  g_string_append (m, "];\n");
}

/* Party p's integer utility U_p (declared), its BATNA test, and for the
 * Nash goal its table lg_p; appends "lg_p[U_p]" to @objective. */
static void
declare_party (GString *m, GString *objective, const RlScenario *sc, guint p, double scale,
               gboolean exact, RlMinizincGoal goal)
{
  guint ni = rl_scenario_get_n_issues (sc);
  const char *pid = rl_scenario_get_party_id (sc, p);
  g_string_append_printf (m, "\n%% %s (%s)\n", pid, rl_scenario_get_party_label (sc, p));
  for (guint r = 0; r < rl_scenario_get_n_red_lines (sc, p); r++)
    {
      const RlNamedRule *rule = rl_scenario_get_red_line (sc, p, r);
      g_autofree char *t = rule_text (sc, rl_named_rule_get_rule (rule));
      g_autofree char *c = g_strdup_printf ("red line %s: %s", rl_named_rule_get_id (rule),
                                            rl_named_rule_get_text (rule));
      comment (m, c);
      g_string_append_printf (m, "constraint %s;\n", t);
    }
  double total = scale / 1000;
  gint64 umin = 0, umax = 0;
  GString *sum = g_string_new ("0");
  for (guint i = 0; i < ni; i++)
    {
      double w = rl_scenario_get_party_weight (sc, p, i);
      if (w <= 0)
        continue;
      gint64 lo = G_MAXINT64, hi = G_MININT64;
      g_string_append (sum, "\n  + [");
      for (guint k = 0; k < rl_scenario_get_n_options (sc, i); k++)
        {
          double v = rl_scenario_get_party_value (sc, p, i, k);
          gint64 t = exact ? (gint64) llround (rl_scenario_get_party_raw_weight (sc, p, i) * round (v * 1000))
                           : (gint64) llround (w * v * scale);
          lo = MIN (lo, t);
          hi = MAX (hi, t);
          g_string_append_printf (sum, "%s%" G_GINT64_FORMAT, k ? "," : "", t);
        }
      g_string_append_printf (sum, "][x_%s]", rl_scenario_get_issue_id (sc, i));
      umin += lo;
      umax += hi;
    }
  for (guint b = 0; b < rl_scenario_get_n_bonuses (sc, p); b++)
    {
      g_autofree char *t = rule_text (sc, rl_scenario_get_bonus_rule (sc, p, b));
      gint64 v = (gint64) llround (rl_scenario_get_bonus_value (sc, p, b) * (exact ? total * 1000 : scale));
      g_string_append_printf (sum, "\n  + %" G_GINT64_FORMAT " * bool2int(%s)", v, t);
      if (v < 0)
        umin += v;
      else
        umax += v;
    }
  double batna = rl_scenario_get_party_batna (sc, p);
  /* Clamped to the reachable range first: a BATNA of -1e300 must not
   * overflow the integer (nor a huge one: nothing reaches umax + 1). */
  double t = ceil (scale * batna - scale * 1e-9);
  gint64 threshold = t <= (double) umin ? umin : t > (double) umax ? umax + 1 : (gint64) t;
  char buf[64];
  g_ascii_formatd (buf, sizeof buf, "%.17g", scale);
  g_string_append_printf (m, "%% the utility times %s; the BATNA test u >= batna - 1e-9\n", buf);
  g_string_append_printf (m, "var %" G_GINT64_FORMAT "..%" G_GINT64_FORMAT ": U_%s = %s;\n",
                          umin, umax, pid, sum->str);
  g_string_append_printf (m, "constraint U_%s >= %" G_GINT64_FORMAT ";\n", pid, threshold);
  g_string_free (sum, TRUE);
  if (goal != RL_MINIZINC_NASH)
    return;
  gint64 from = MAX (threshold, umin);
  if (from > umax)
    from = umax;
  double power = rl_scenario_get_party_power (sc, p);
  g_string_append_printf (m, "%% round(1e6 * power * ln(gain)), clamped to +-2e7, for each "
                          "reachable U_%s\n", pid);
  g_string_append_printf (m, "array[%" G_GINT64_FORMAT "..%" G_GINT64_FORMAT "] of int: lg_%s = "
                          "array1d(%" G_GINT64_FORMAT "..%" G_GINT64_FORMAT ", [",
                          from, umax, pid, from, umax);
  for (gint64 uu = from; uu <= umax; uu++)
    {
      double gain = uu / scale - batna;
      double lg = gain > 0 ? CLAMP (round (1e6 * power * log (gain)), -LG_CLAMP, LG_CLAMP) : LG_ZERO;
      g_string_append_printf (m, "%s%.0f", uu > from ? "," : "", lg);
    }
  g_string_append (m, "]);\n");
  g_string_append_printf (objective, " + lg_%s[U_%s]", pid, pid);
}

char *
rl_minizinc_model (const RlScenario *sc, RlMinizincGoal goal, gboolean *exact_out)
{
  guint np = rl_scenario_get_n_parties (sc);
  g_autofree double *scale = g_new (double, np);
  gboolean exact = scales (sc, scale);
  if (exact_out)
    *exact_out = exact;

  GString *m = g_string_new (NULL);
  g_string_append_printf (m, "%% Written by redline %s (redline export minizinc) from %s.\n",
                          RL_VERSION, rl_scenario_get_file (sc) ? rl_scenario_get_file (sc) : "a scenario");
  comment (m, rl_scenario_get_title (sc));
  g_string_append (m, goal == RL_MINIZINC_NASH
                        ? "% The solution: the acceptable package with the largest Nash product.\n"
                        : "% Every solution is an acceptable package (minizinc --all-solutions).\n");
  if (!exact)
    g_string_append (m, "% Utilities are rounded to 1e-6: a package within 1e-6 of a BATNA may count differently.\n");
  declare_issues (m, sc);
  guint nc = rl_scenario_get_n_constraints (sc);
  if (nc > 0)
    g_string_append (m, "\n% Constraints\n");
  for (guint c = 0; c < nc; c++)
    {
      const RlNamedRule *rule = rl_scenario_get_constraint (sc, c);
      g_autofree char *t = rule_text (sc, rl_named_rule_get_rule (rule));
      g_autofree char *cm = g_strdup_printf ("%s: %s", rl_named_rule_get_id (rule),
                                             rl_named_rule_get_text (rule));
      comment (m, cm);
      g_string_append_printf (m, "constraint %s;\n", t);
    }
  GString *objective = g_string_new (NULL);
  for (guint p = 0; p < np; p++)
    if (rl_scenario_party_is_veto (sc, p))
      declare_party (m, objective, sc, p, scale[p], exact, goal);
  g_string_append (m, "\n");
  if (goal == RL_MINIZINC_NASH)
    {
      g_string_append_printf (m, "var int: objective = 0%s;\n", objective->str);
      g_string_append (m, "solve :: int_search(x, input_order, indomain_min) maximize objective;\n");
    }
  else
    g_string_append (m, "solve :: int_search(x, input_order, indomain_min) satisfy;\n");
  g_string_append (m, "output [show(x)];\n");
  g_string_free (objective, TRUE);
  return g_string_free (m, FALSE);
}
