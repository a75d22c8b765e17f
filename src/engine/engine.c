/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * engine.c: the depth-first search (see engine.h for what it promises).
 */
#include "engine/engine.h"
#include "engine/distribute.h"

#include <math.h>
#include <string.h>

#include "model/rule-internals.h"
#include "model/scenario-internals.h"

/* Bounds are summed in another order than the leaves' utilities; this
 * margin keeps a bound from deciding what only the leaf can. */
#define BOUND_SLACK RL_BOUND_SLACK

/* A rule or a bonus, filed under the depth at which its last issue is set. */
typedef struct {
  const RlRule *rule;
  guint id;              /* rules: position among the problem's rules */
  gboolean last;         /* rules: this depth sets the rule's last issue */
  guint party;           /* bonuses only */
  double value;          /* bonuses only */
} Check;

struct _RlProblem {
  RlScenario *sc;
  guint n_issues;
  guint n_parties;
  guint *order;          /* depth -> issue */
  guint *depth_of;       /* issue -> depth */
  guint8 *dom;           /* depth * 64 + j -> allowed option */
  guint *dom_n;          /* depth -> how many allowed */
  gboolean empty;

  /* Rules to check after depth d is set, CSR-style: every rule that reads
   * the issue at d; at the rule's last issue the check is a plain one,
   * before it three-valued. A rule decided true is not checked again
   * below that node, and a node where every rule is decided (and every
   * threshold assured) is counted without being visited. */
  guint *touch_start;
  Check *touch;
  guint n_rules;

  /* Bonuses decided at depth d, and those that hold whatever the package. */
  guint *bonus_start;
  Check *bonus;
  double *base;          /* per party */

  double *util;          /* ((d * 64) + k) * n_parties + p */
  double *rem_max;       /* d * n_parties + p, for d = 0 .. n_issues */
  double *rem_min;
  double *thr;           /* per party; -INFINITY for none */
  guint *thr_parties;
  guint n_thr;
  guint64 *suffix;       /* product of dom_n[d ..], saturating at G_MAXUINT64 */

  /* The last issues as one table: every combination of their allowed
   * options, with each party's utility from them (bonuses included), so
   * that a node at the table's depth whose rules are all decided scans a
   * flat array instead of walking a subtree. Built on first use. */
  guint table_depth;     /* n_issues: no table */
  GOnce table_once;
  guint n_combos;
  guint8 *combo_options; /* n_combos * (n_issues - table_depth) */
  double *combo_u;       /* n_combos * n_parties */
  guint *uncovered;      /* the combos no other combo covers */
  guint n_uncovered;
  double *sorted_u;      /* per party: the combos' utilities, ascending */
  guint *sorted_combo;   /* per party: the combos in that order */

  guint64 nodes;         /* atomic (GCC builtins: GLib 2.74 has no 64-bit atomics) */
};

RlScenario *
rl_problem_get_scenario (const RlProblem *pb)
{
  return pb->sc;
}

gboolean
rl_problem_is_empty (const RlProblem *pb)
{
  return pb->empty;
}

guint64
rl_problem_get_nodes (const RlProblem *pb)
{
  return __atomic_load_n (&pb->nodes, __ATOMIC_RELAXED);
}

void
rl_problem_free (RlProblem *pb)
{
  if (pb == NULL)
    return;
  rl_scenario_unref (pb->sc);
  g_free (pb->order);
  g_free (pb->depth_of);
  g_free (pb->dom);
  g_free (pb->dom_n);
  g_free (pb->touch_start);
  g_free (pb->touch);
  g_free (pb->bonus_start);
  g_free (pb->bonus);
  g_free (pb->base);
  g_free (pb->util);
  g_free (pb->rem_max);
  g_free (pb->rem_min);
  g_free (pb->thr);
  g_free (pb->thr_parties);
  g_free (pb->suffix);
  g_free (pb->combo_options);
  g_free (pb->combo_u);
  g_free (pb->uncovered);
  g_free (pb->sorted_u);
  g_free (pb->sorted_combo);
  g_free (pb);
}

/* ---- building a problem ----------------------------------------------------- */

static void
collect_rules (RlScenario *sc, RlProblemRules which, const RlRule *const *extra,
               guint n_extra, GPtrArray *out)
{
  if (which & RL_RULES_CONSTRAINTS)
    for (guint c = 0; c < sc->constraints->len; c++)
      g_ptr_array_add (out, g_array_index (sc->constraints, RlNamedRule, c).rule);
  if (which & RL_RULES_RED_LINES)
    for (guint p = 0; p < sc->n_parties; p++)
      if (sc->parties[p].veto)
        for (guint r = 0; r < sc->parties[p].red_lines->len; r++)
          g_ptr_array_add (out, g_array_index (sc->parties[p].red_lines, RlNamedRule, r).rule);
  for (guint e = 0; e < n_extra; e++)
    g_ptr_array_add (out, (gpointer) extra[e]);
}

/* Single-issue rules become domain restrictions and constant rules decide
 * the whole problem; what is left needs the search. */
static void
restrict_domains (RlProblem *pb, GPtrArray *rules, guint64 *allowed, GPtrArray *left)
{
  for (guint i = 0; i < pb->n_issues; i++)
    {
      guint n = pb->sc->issues[i].n_options;
      allowed[i] = n >= 64 ? G_MAXUINT64 : ((G_GUINT64_CONSTANT (1) << n) - 1);
    }
  for (guint r = 0; r < rules->len; r++)
    {
      const RlRule *rule = g_ptr_array_index (rules, r);
      guint n_issues, issue;
      guint64 mask;
      rl_rule_get_issues (rule, &n_issues);
      if (n_issues == 0)
        {
          guint n_nodes, root;
          const RlRuleNode *nodes = rl_rule_get_nodes (rule, &n_nodes, &root);
          if (nodes[root].mask == 0)
            pb->empty = TRUE;
        }
      else if (rl_rule_get_unary_mask (rule, &issue, &mask))
        allowed[issue] &= mask;
      else
        g_ptr_array_add (left, (gpointer) rule);
    }
  for (guint i = 0; i < pb->n_issues; i++)
    if (allowed[i] == 0)
      pb->empty = TRUE;
}

/* Greedy variable order: next, the issue that completes the most rules,
 * then the one most involved in open rules (a rule with few open issues
 * counts more), then the one the parties care most about. Deciding rules
 * early is what prunes; weight first makes the utility bounds tight. */
static void
choose_order (RlProblem *pb, GPtrArray *rules)
{
  guint n = pb->n_issues;
  g_autofree gboolean *placed = g_new0 (gboolean, n + 1);
  g_autofree guint *open = g_new0 (guint, rules->len + 1);
  g_autofree double *weight = g_new0 (double, n + 1);

  for (guint r = 0; r < rules->len; r++)
    rl_rule_get_issues (g_ptr_array_index (rules, r), &open[r]);
  for (guint p = 0; p < pb->n_parties; p++)
    for (guint i = 0; i < n; i++)
      weight[i] += pb->sc->parties[p].weights[i];

  for (guint d = 0; d < n; d++)
    {
      int best = -1;
      double best_complete = -1, best_touch = -1, best_weight = -1;
      for (guint i = 0; i < n; i++)
        {
          if (placed[i])
            continue;
          double complete = 0, touch = 0;
          for (guint r = 0; r < rules->len; r++)
            {
              guint k;
              const guint *issues = rl_rule_get_issues (g_ptr_array_index (rules, r), &k);
              for (guint j = 0; j < k; j++)
                if (issues[j] == i)
                  {
                    if (open[r] == 1)
                      complete += 1;
                    touch += 1.0 / open[r];
                  }
            }
          if (complete > best_complete
              || (complete == best_complete && touch > best_touch + 1e-12)
              || (complete == best_complete && fabs (touch - best_touch) <= 1e-12
                  && weight[i] > best_weight))
            {
              best = (int) i;
              best_complete = complete;
              best_touch = touch;
              best_weight = weight[i];
            }
        }
      placed[best] = TRUE;
      pb->order[d] = (guint) best;
      pb->depth_of[best] = d;
      for (guint r = 0; r < rules->len; r++)
        {
          guint k;
          const guint *issues = rl_rule_get_issues (g_ptr_array_index (rules, r), &k);
          for (guint j = 0; j < k; j++)
            if (issues[j] == (guint) best)
              open[r]--;
        }
    }
}

static guint
last_depth (const RlProblem *pb, const RlRule *rule)
{
  guint k, last = 0;
  const guint *issues = rl_rule_get_issues (rule, &k);
  for (guint j = 0; j < k; j++)
    last = MAX (last, pb->depth_of[issues[j]]);
  return last;
}

/* Files each rule under the depths of its issues: CSR arrays built in two
 * passes. */
static void
file_rules (RlProblem *pb, GPtrArray *rules)
{
  guint n = pb->n_issues;
  pb->touch_start = g_new0 (guint, n + 1);
  g_autofree guint *count = g_new0 (guint, n + 1);
  pb->n_rules = rules->len;

  for (guint pass = 0; pass < 2; pass++)
    {
      if (pass == 1)
        {
          guint sum = 0;
          for (guint d = 0; d < n; d++)
            {
              pb->touch_start[d] = sum;
              sum += count[d];
              count[d] = 0;
            }
          pb->touch_start[n] = sum;
          pb->touch = g_new0 (Check, sum + 1);
        }
      for (guint r = 0; r < rules->len; r++)
        {
          const RlRule *rule = g_ptr_array_index (rules, r);
          guint k;
          const guint *issues = rl_rule_get_issues (rule, &k);
          guint last = last_depth (pb, rule);
          for (guint j = 0; j < k; j++)
            {
              guint d = pb->depth_of[issues[j]];
              if (pass == 0)
                count[d]++;
              else
                pb->touch[pb->touch_start[d] + count[d]++] =
                    (Check){ .rule = rule, .id = r, .last = d == last };
            }
        }
    }
}

static void
file_bonuses (RlProblem *pb)
{
  RlScenario *sc = pb->sc;
  guint n = pb->n_issues;
  g_autofree guint *count = g_new0 (guint, n + 1);
  pb->bonus_start = g_new0 (guint, n + 1);
  pb->base = g_new0 (double, pb->n_parties + 1);

  for (guint pass = 0; pass < 2; pass++)
    {
      if (pass == 1)
        {
          guint sum = 0;
          for (guint d = 0; d < n; d++)
            {
              pb->bonus_start[d] = sum;
              sum += count[d];
              count[d] = 0;
            }
          pb->bonus_start[n] = sum;
          pb->bonus = g_new0 (Check, sum + 1);
        }
      for (guint p = 0; p < sc->n_parties; p++)
        for (guint b = 0; b < sc->parties[p].bonuses->len; b++)
          {
            const RlBonus *bonus = &g_array_index (sc->parties[p].bonuses, RlBonus, b);
            guint k;
            rl_rule_get_issues (bonus->rule, &k);
            if (k == 0)
              {
                if (pass == 0 && rl_rule_eval (bonus->rule, NULL))
                  pb->base[p] += bonus->value;
                continue;
              }
            guint last = last_depth (pb, bonus->rule);
            if (pass == 0)
              count[last]++;
            else
              pb->bonus[pb->bonus_start[last] + count[last]++] =
                  (Check){ .rule = bonus->rule, .party = p, .value = bonus->value };
          }
    }
}

/* Best and worst utility each party can still gain from depth d on: the
 * best (worst) allowed option of every open issue, plus every positive
 * (negative) bonus not yet decided. */
static void
compute_bounds (RlProblem *pb)
{
  guint n = pb->n_issues, np = pb->n_parties;
  pb->util = g_new0 (double, (gsize) n * 64 * np + 1);
  pb->rem_max = g_new0 (double, (gsize) (n + 1) * np + 1);
  pb->rem_min = g_new0 (double, (gsize) (n + 1) * np + 1);
  for (guint d = 0; d < n; d++)
    {
      guint i = pb->order[d];
      for (guint k = 0; k < pb->sc->issues[i].n_options; k++)
        for (guint p = 0; p < np; p++)
          {
            const RlParty *party = &pb->sc->parties[p];
            pb->util[((gsize) d * 64 + k) * np + p] =
                party->weights[i] > 0 ? party->weights[i] * party->values[i][k] : 0.0;
          }
    }
  for (guint d = n; d-- > 0;)
    for (guint p = 0; p < np; p++)
      {
        double hi = -INFINITY, lo = INFINITY;
        for (guint j = 0; j < pb->dom_n[d]; j++)
          {
            double v = pb->util[((gsize) d * 64 + pb->dom[d * 64 + j]) * np + p];
            hi = MAX (hi, v);
            lo = MIN (lo, v);
          }
        if (pb->dom_n[d] == 0)
          hi = lo = 0;
        pb->rem_max[d * np + p] = pb->rem_max[(d + 1) * np + p] + hi;
        pb->rem_min[d * np + p] = pb->rem_min[(d + 1) * np + p] + lo;
        for (guint b = pb->bonus_start[d]; b < pb->bonus_start[d + 1]; b++)
          if (pb->bonus[b].party == p)
            {
              if (pb->bonus[b].value > 0)
                pb->rem_max[d * np + p] += pb->bonus[b].value;
              else
                pb->rem_min[d * np + p] += pb->bonus[b].value;
            }
      }
}

/* Within a depth, options are tried best first by the sum of every
 * party's gain from them: good packages found early tighten every bound
 * that prunes (dominance, branch and bound). Stable, so the order is a
 * function of the problem alone. */
static void
order_values (RlProblem *pb)
{
  guint np = pb->n_parties;
  for (guint d = 0; d < pb->n_issues; d++)
    {
      guint8 *opts = &pb->dom[d * 64];
      double key[64];
      for (guint j = 0; j < pb->dom_n[d]; j++)
        {
          key[j] = 0;
          for (guint p = 0; p < np; p++)
            key[j] += pb->util[((gsize) d * 64 + opts[j]) * np + p];
        }
      for (guint j = 1; j < pb->dom_n[d]; j++)
        for (guint i = j; i > 0 && key[i - 1] < key[i]; i--)
          {
            double tk = key[i];
            key[i] = key[i - 1];
            key[i - 1] = tk;
            guint8 to = opts[i];
            opts[i] = opts[i - 1];
            opts[i - 1] = to;
          }
    }
}

/* The table covers the deepest issues whose combinations number at most
 * TABLE_MAX, provided every bonus still open there reads only those
 * issues (its value is then a function of the combination). */
#define TABLE_MAX 2048

static void
choose_table_depth (RlProblem *pb)
{
  guint n = pb->n_issues;
  pb->table_depth = n;
  for (guint d = n; d-- > 1;)
    {
      if (pb->suffix[d] > TABLE_MAX || pb->suffix[d] == 0)
        break;
      gboolean closed = TRUE;
      for (guint b = pb->bonus_start[d]; b < pb->bonus_start[n] && closed; b++)
        {
          guint k;
          const guint *issues = rl_rule_get_issues (pb->bonus[b].rule, &k);
          for (guint j = 0; j < k && closed; j++)
            closed = pb->depth_of[issues[j]] >= d;
        }
      if (!closed)
        break;
      pb->table_depth = d;
    }
  /* A table of one or two levels saves little. */
  if (n - pb->table_depth < 3)
    pb->table_depth = n;
}

/* Whether combination @y covers @x: at least as good for every party and
 * better by a margin for one (2e-9: the packages' sums differ from the
 * table's by rounding, and must still dominate). */
static gboolean
combo_covers (const double *y, const double *x, guint np)
{
  gboolean better = FALSE;
  for (guint p = 0; p < np; p++)
    {
      if (y[p] < x[p])
        return FALSE;
      if (y[p] > x[p] + 2 * RL_EPSILON)
        better = TRUE;
    }
  return better;
}

typedef struct {
  const RlProblem *pb;
  guint party;
} SortByParty;

static int
by_party_utility (gconstpointer a, gconstpointer b, gpointer data)
{
  const SortByParty *sp = data;
  double x = sp->pb->combo_u[(gsize) *(const guint *) a * sp->pb->n_parties + sp->party];
  double y = sp->pb->combo_u[(gsize) *(const guint *) b * sp->pb->n_parties + sp->party];
  return x < y ? -1 : (x > y ? 1 : 0);
}

static gpointer
build_table (gpointer data)
{
  RlProblem *pb = data;
  guint n = pb->n_issues, np = pb->n_parties, t = pb->table_depth, width = n - t;
  guint nc = (guint) pb->suffix[t];
  pb->n_combos = nc;
  pb->combo_options = g_new0 (guint8, (gsize) nc * width + 1);
  pb->combo_u = g_new0 (double, (gsize) nc * np + 1);
  g_autofree guint8 *package = g_new (guint8, n + 1);
  g_autofree guint *digit = g_new0 (guint, width + 1);
  memset (package, RL_UNSET, n + 1);
  for (guint c = 0; c < nc; c++)
    {
      double *u = &pb->combo_u[(gsize) c * np];
      for (guint j = 0; j < width; j++)
        {
          guint d = t + j;
          guint8 k = pb->dom[d * 64 + digit[j]];
          pb->combo_options[(gsize) c * width + j] = k;
          package[pb->order[d]] = k;
          for (guint p = 0; p < np; p++)
            u[p] += pb->util[((gsize) d * 64 + k) * np + p];
        }
      for (guint b = pb->bonus_start[t]; b < pb->bonus_start[n]; b++)
        if (rl_rule_eval (pb->bonus[b].rule, package))
          u[pb->bonus[b].party] += pb->bonus[b].value;
      /* Next combination: the last digit moves fastest, as in the walk. */
      for (guint j = width; j-- > 0;)
        {
          if (++digit[j] < pb->dom_n[t + j])
            break;
          digit[j] = 0;
        }
    }
  /* The combinations no other covers: quadratic, but the table is small
   * and built once, on first use. */
  pb->uncovered = g_new (guint, nc + 1);
  for (guint c = 0; c < nc; c++)
    {
      const double *x = &pb->combo_u[(gsize) c * np];
      gboolean covered = FALSE;
      for (guint o = 0; o < nc && !covered; o++)
        covered = o != c && combo_covers (&pb->combo_u[(gsize) o * np], x, np);
      if (!covered)
        pb->uncovered[pb->n_uncovered++] = c;
    }
  g_debug ("engine: table of the last %u issues: %u combinations, %u uncovered", width, nc,
           pb->n_uncovered);
  /* Per party, the combinations by utility: when one party alone is in
   * doubt, how many completions reach its threshold is a binary search. */
  pb->sorted_u = g_new (double, (gsize) nc * np + 1);
  pb->sorted_combo = g_new (guint, (gsize) nc * np + 1);
  for (guint p = 0; p < np; p++)
    {
      guint *ids = &pb->sorted_combo[(gsize) p * nc];
      for (guint c = 0; c < nc; c++)
        ids[c] = c;
      g_qsort_with_data (ids, (gint) nc, sizeof (guint), by_party_utility,
                         &(SortByParty){ pb, p });
      for (guint c = 0; c < nc; c++)
        pb->sorted_u[(gsize) p * nc + c] = pb->combo_u[(gsize) ids[c] * np + p];
    }
  return NULL;
}

RlProblem *
rl_problem_new (RlScenario *sc, RlProblemRules which, const RlRule *const *extra,
                guint n_extra, const double *thresholds)
{
  g_return_val_if_fail (sc != NULL, NULL);
  RlProblem *pb = g_new0 (RlProblem, 1);
  pb->sc = rl_scenario_ref (sc);
  pb->n_issues = sc->n_issues;
  pb->n_parties = sc->n_parties;
  guint n = pb->n_issues;
  pb->order = g_new0 (guint, n + 1);
  pb->depth_of = g_new0 (guint, n + 1);
  pb->dom = g_new0 (guint8, (gsize) n * 64 + 1);
  pb->dom_n = g_new0 (guint, n + 1);
  pb->suffix = g_new0 (guint64, n + 1);
  pb->table_once = (GOnce) G_ONCE_INIT;

  g_autoptr (GPtrArray) rules = g_ptr_array_new ();
  g_autoptr (GPtrArray) left = g_ptr_array_new ();
  g_autofree guint64 *allowed = g_new0 (guint64, n + 1);
  collect_rules (sc, which, extra, n_extra, rules);
  restrict_domains (pb, rules, allowed, left);
  choose_order (pb, left);
  for (guint d = 0; d < n; d++)
    {
      guint i = pb->order[d];
      for (guint k = 0; k < sc->issues[i].n_options; k++)
        if (allowed[i] & (G_GUINT64_CONSTANT (1) << k))
          pb->dom[d * 64 + pb->dom_n[d]++] = (guint8) k;
    }
  pb->suffix[n] = 1;
  for (guint d = n; d-- > 0;)
    {
      guint64 s = pb->suffix[d + 1];
      pb->suffix[d] = (pb->dom_n[d] != 0 && s > G_MAXUINT64 / pb->dom_n[d]) ? G_MAXUINT64 : s * pb->dom_n[d];
    }
  file_rules (pb, left);
  file_bonuses (pb);
  compute_bounds (pb);
  order_values (pb);
  choose_table_depth (pb);

  pb->thr = g_new0 (double, pb->n_parties + 1);
  pb->thr_parties = g_new0 (guint, pb->n_parties + 1);
  for (guint p = 0; p < pb->n_parties; p++)
    {
      pb->thr[p] = thresholds ? thresholds[p] : -INFINITY;
      if (isfinite (pb->thr[p]))
        pb->thr_parties[pb->n_thr++] = p;
    }
  return pb;
}

RlProblem *
rl_problem_new_batna (RlScenario *sc, gboolean ignore_batna)
{
  g_autofree double *thr = g_new0 (double, sc->n_parties + 1);
  for (guint p = 0; p < sc->n_parties; p++)
    thr[p] = (!ignore_batna && sc->parties[p].veto) ? sc->parties[p].batna : -INFINITY;
  return rl_problem_new (sc, RL_RULES_CONSTRAINTS | RL_RULES_RED_LINES, NULL, 0, thr);
}

/* ---- the walk ------------------------------------------------------------------ */

/* One worker's state: the path so far and what it found. */
typedef struct {
  const RlProblem *pb;
  const RlVisitor *visitor;
  gpointer state;              /* the visitor's per-worker state */
  guint8 *package;             /* file order; RL_UNSET where open */
  double *acc;                 /* (d * n_parties + p): utility before depth d */
  double *ub, *lb;             /* scratch for the prune hook */
  guint64 count;
  guint64 nodes;
  gint *stop;                  /* shared */
  RlDeadline deadline;
  gboolean *timed_out;         /* shared; written under stop */
  gboolean *decided;           /* per rule: true for every completion */
  guint *decided_stack;        /* rules in the order they were decided */
  guint n_decided;
  guint open;                  /* rules not decided yet */
} Walker;

static gboolean
should_stop (Walker *w)
{
  if (g_atomic_int_get (w->stop))
    return TRUE;
  if (((w->nodes & 4095) == 0 || w->deadline.budget != NULL) && rl_deadline_passed (w->deadline))
    {
      *w->timed_out = TRUE;
      g_atomic_int_set (w->stop, 1);
      return TRUE;
    }
  return FALSE;
}

/* Forgets the rules decided since the stack held @base of them. */
static void
revert (Walker *w, guint base)
{
  while (w->n_decided > base)
    {
      w->decided[w->decided_stack[--w->n_decided]] = FALSE;
      w->open++;
    }
}

/* Sets depth d to option k: utilities and bonuses for depth d+1, and the
 * rules this decides. Returns FALSE when a rule is now false; the caller
 * reverts what was decided either way. */
static gboolean
assign (Walker *w, guint d, guint8 k)
{
  const RlProblem *pb = w->pb;
  guint np = pb->n_parties;
  w->package[pb->order[d]] = k;
  const double *row = &pb->util[((gsize) d * 64 + k) * np];
  const double *from = &w->acc[(gsize) d * np];
  double *to = &w->acc[(gsize) (d + 1) * np];
  for (guint p = 0; p < np; p++)
    to[p] = from[p] + row[p];
  for (guint c = pb->touch_start[d]; c < pb->touch_start[d + 1]; c++)
    {
      const Check *check = &pb->touch[c];
      if (w->decided[check->id])
        continue;
      RlTruth truth = check->last ? (rl_rule_eval (check->rule, w->package) ? RL_TRUE : RL_FALSE)
                                  : rl_rule_eval_partial (check->rule, w->package);
      if (truth == RL_FALSE)
        return FALSE;
      if (truth == RL_TRUE)
        {
          w->decided[check->id] = TRUE;
          w->decided_stack[w->n_decided++] = check->id;
          w->open--;
        }
    }
  for (guint b = pb->bonus_start[d]; b < pb->bonus_start[d + 1]; b++)
    if (rl_rule_eval (pb->bonus[b].rule, w->package))
      to[pb->bonus[b].party] += pb->bonus[b].value;
  return TRUE;
}

/* After depth d-1: can every party with a threshold still reach it? */
static gboolean
reachable (const Walker *w, guint d)
{
  const RlProblem *pb = w->pb;
  guint np = pb->n_parties;
  for (guint t = 0; t < pb->n_thr; t++)
    {
      guint p = pb->thr_parties[t];
      if (w->acc[(gsize) d * np + p] + pb->rem_max[(gsize) d * np + p]
          < pb->thr[p] - RL_EPSILON - BOUND_SLACK)
        return FALSE;
    }
  return TRUE;
}

/* ...and is every party with a threshold sure to reach it? */
static gboolean
assured (const Walker *w, guint d)
{
  const RlProblem *pb = w->pb;
  guint np = pb->n_parties;
  for (guint t = 0; t < pb->n_thr; t++)
    {
      guint p = pb->thr_parties[t];
      if (w->acc[(gsize) d * np + p] + pb->rem_min[(gsize) d * np + p]
          < pb->thr[p] - RL_EPSILON + BOUND_SLACK)
        return FALSE;
    }
  return TRUE;
}

/* The threshold test at a leaf. The search-order sum decides unless it
 * lies within a hair of the boundary; then the canonical sum (file order,
 * what every output prints and what the spec means) decides, so that no
 * answer depends on the order of the search. */
static gboolean
leaf_ok (const Walker *w)
{
  const RlProblem *pb = w->pb;
  const double *u = &w->acc[(gsize) pb->n_issues * pb->n_parties];
  for (guint t = 0; t < pb->n_thr; t++)
    {
      guint p = pb->thr_parties[t];
      double limit = pb->thr[p] - RL_EPSILON;
      double value = u[p];
      if (fabs (value - limit) < 1e-11)
        value = rl_scenario_utility (pb->sc, p, w->package);
      if (value < limit)
        return FALSE;
    }
  return TRUE;
}

static gboolean
prune_by_visitor (Walker *w, guint d)
{
  const RlProblem *pb = w->pb;
  guint np = pb->n_parties;
  for (guint p = 0; p < np; p++)
    {
      w->ub[p] = w->acc[(gsize) d * np + p] + pb->rem_max[(gsize) d * np + p] + BOUND_SLACK;
      w->lb[p] = w->acc[(gsize) d * np + p] + pb->rem_min[(gsize) d * np + p] - BOUND_SLACK;
    }
  return w->visitor->prune (w->state, d, w->ub, w->lb);
}

/* Does utility @value (search-order sum) reach @limit? Within a hair of it
 * the canonical sum of the full package decides, as at a leaf. */
static gboolean
reaches (const Walker *w, guint p, double value, double limit)
{
  if (fabs (value - limit) < 1e-11)
    value = rl_scenario_utility (w->pb->sc, p, w->package);
  return value >= limit;
}

/* Counts the combinations with which every party in doubt reaches its
 * threshold. Each party's sorted utilities give, by binary search, the
 * combinations that can reach its threshold; only the shortest such list
 * is tested, party by party (exactly near a threshold, as at a leaf). */
static gboolean
count_table (Walker *w, guint d, const guint *doubt, guint n_doubt)
{
  const RlProblem *pb = w->pb;
  guint np = pb->n_parties, nc = pb->n_combos, width = pb->n_issues - d;
  const double *acc = &w->acc[(gsize) d * np];
  guint best = 0, best_from = 0;
  for (guint q = 0; q < n_doubt; q++)
    {
      guint p = doubt[q];
      double need = pb->thr[p] - RL_EPSILON - acc[p];
      const double *su = &pb->sorted_u[(gsize) p * nc];
      guint lo = 0, hi = nc;
      while (lo < hi)
        {
          guint mid = (lo + hi) / 2;
          if (su[mid] < need - 1e-10)
            lo = mid + 1;
          else
            hi = mid;
        }
      if (q == 0 || lo > best_from)
        {
          best = p;
          best_from = lo;
        }
    }
  const guint *ids = &pb->sorted_combo[(gsize) best * nc];
  gboolean filled = FALSE;
  for (guint j = best_from; j < nc; j++)
    {
      guint c = ids[j];
      const double *cu = &pb->combo_u[(gsize) c * np];
      gboolean ok = TRUE;
      for (guint q = 0; q < n_doubt && ok; q++)
        {
          guint p = doubt[q];
          double value = acc[p] + cu[p], limit = pb->thr[p] - RL_EPSILON;
          if (fabs (value - limit) < 1e-11)
            {
              /* The package itself, for the canonical sum. */
              const guint8 *opts = &pb->combo_options[(gsize) c * width];
              for (guint k = 0; k < width; k++)
                w->package[pb->order[d + k]] = opts[k];
              filled = TRUE;
              value = rl_scenario_utility (pb->sc, p, w->package);
            }
          ok = value >= limit;
        }
      w->count += ok ? 1 : 0;
    }
  if (filled)
    for (guint k = 0; k < width; k++)
      w->package[pb->order[d + k]] = RL_UNSET;
  w->nodes++;
  return TRUE;
}

/* A node at the table's depth with every rule decided: its completions are
 * the table's combinations. Counts them, or hands them to the visitor
 * (the uncovered ones only, when it allows). */
static gboolean
scan_table (Walker *w, guint d)
{
  RlProblem *pb = (RlProblem *) w->pb;
  g_once (&pb->table_once, build_table, pb);
  guint np = pb->n_parties, width = pb->n_issues - d;
  const double *acc = &w->acc[(gsize) d * np];
  double *u = &w->acc[(gsize) pb->n_issues * np];
  /* Only the parties not sure to reach their threshold need a test. */
  guint doubt[RL_MAX_PARTIES];
  guint n_doubt = 0;
  for (guint t = 0; t < pb->n_thr; t++)
    {
      guint p = pb->thr_parties[t];
      if (acc[p] + pb->rem_min[(gsize) d * np + p] < pb->thr[p] - RL_EPSILON + BOUND_SLACK)
        doubt[n_doubt++] = p;
    }
  if (w->visitor == NULL)
    return count_table (w, d, doubt, n_doubt);
  gboolean all = !w->visitor->skip_covered;
  guint n = all ? pb->n_combos : pb->n_uncovered;
  gboolean go_on = TRUE;
  for (guint j = 0; j < n && go_on; j++)
    {
      guint c = all ? j : pb->uncovered[j];
      const double *cu = &pb->combo_u[(gsize) c * np];
      const guint8 *opts = &pb->combo_options[(gsize) c * width];
      for (guint k = 0; k < width; k++)
        w->package[pb->order[d + k]] = opts[k];
      w->nodes++;
      if ((w->nodes & 4095) == 0 && should_stop (w))
        {
          go_on = FALSE;
          break;
        }
      gboolean ok = TRUE;
      for (guint q = 0; q < n_doubt && ok; q++)
        ok = reaches (w, doubt[q], acc[doubt[q]] + cu[doubt[q]], pb->thr[doubt[q]] - RL_EPSILON);
      if (!ok)
        continue;
      if (w->visitor == NULL || w->visitor->leaf == NULL)
        {
          w->count++;
          continue;
        }
      for (guint p = 0; p < np; p++)
        u[p] = acc[p] + cu[p];
      if (!w->visitor->leaf (w->state, w->package, u))
        {
          g_atomic_int_set (w->stop, 1);
          go_on = FALSE;
        }
    }
  for (guint k = 0; k < width; k++)
    w->package[pb->order[d + k]] = RL_UNSET;
  return go_on;
}

/* The table serves counting (it finds the candidates by binary search)
 * and visitors that skip covered packages (few are left); other visitors
 * walk, to see packages in the walk's own order. */
static gboolean
table_pays (const Walker *w)
{
  return w->visitor == NULL || w->visitor->skip_covered;
}

/* Explores everything below depth d (depths < d are set). Returns FALSE to
 * unwind when the search must stop. */
static gboolean
walk (Walker *w, guint d)
{
  const RlProblem *pb = w->pb;
  w->nodes++;
  if (should_stop (w))
    return FALSE;
  if (d == pb->n_issues)
    {
      if (!leaf_ok (w))
        return TRUE;
      if (w->visitor == NULL || w->visitor->leaf == NULL)
        {
          w->count++;
          return TRUE;
        }
      if (!w->visitor->leaf (w->state, w->package, &w->acc[(gsize) d * pb->n_parties]))
        {
          g_atomic_int_set (w->stop, 1);
          return FALSE;
        }
      return TRUE;
    }
  if (!reachable (w, d))
    return TRUE;
  if (w->visitor == NULL && w->open == 0 && assured (w, d))
    {
      w->count += pb->suffix[d];
      return TRUE;
    }
  if (w->visitor != NULL && w->visitor->prune != NULL && prune_by_visitor (w, d))
    return TRUE;
  if (d == pb->table_depth && w->open == 0 && table_pays (w))
    return scan_table (w, d);
  guint base = w->n_decided;
  for (guint j = 0; j < pb->dom_n[d]; j++)
    {
      gboolean ok = assign (w, d, pb->dom[d * 64 + j]);
      if (ok && !walk (w, d + 1))
        {
          revert (w, base);
          w->package[pb->order[d]] = RL_UNSET;
          return FALSE;
        }
      revert (w, base);
    }
  w->package[pb->order[d]] = RL_UNSET;
  return TRUE;
}

static void
walker_init (Walker *w, const RlProblem *pb, const RlVisitor *visitor, gpointer user_data,
             gint *stop, RlDeadline deadline, gboolean *timed_out)
{
  memset (w, 0, sizeof *w);
  w->pb = pb;
  w->visitor = visitor;
  w->state = visitor && visitor->worker_new ? visitor->worker_new (user_data) : NULL;
  w->package = g_new (guint8, pb->n_issues + 1);
  memset (w->package, RL_UNSET, pb->n_issues + 1);
  w->acc = g_new0 (double, (gsize) (pb->n_issues + 1) * pb->n_parties + 1);
  for (guint p = 0; p < pb->n_parties; p++)
    w->acc[p] = pb->base[p];
  w->ub = g_new0 (double, pb->n_parties + 1);
  w->lb = g_new0 (double, pb->n_parties + 1);
  w->stop = stop;
  w->deadline = deadline;
  w->timed_out = timed_out;
  w->decided = g_new0 (gboolean, pb->n_rules + 1);
  w->decided_stack = g_new0 (guint, pb->n_rules + 1);
  w->open = pb->n_rules;
}

static void
walker_clear (Walker *w)
{
  g_free (w->package);
  g_free (w->acc);
  g_free (w->ub);
  g_free (w->lb);
  g_free (w->decided);
  g_free (w->decided_stack);
}

/* ---- splitting the tree over threads -------------------------------------------- */

/* The tree is cut at a depth where there are many more subtrees than
 * threads; workers take the next subtree as they finish one, so an
 * uneven tree still keeps every core busy. */
typedef struct {
  const RlProblem *pb;
  const RlVisitor *visitor;
  gpointer user_data;
  guint split;              /* depth of the cut */
  GArray *prefixes;         /* split bytes per subtree, the options of depths 0..split-1 */
  guint n_tasks;
  RlDispenser *tasks;       /* which task is next, here or over the ranks */
  gint tasks_done;          /* atomic */
  gint stop;                /* atomic */
  gboolean timed_out;
  RlDeadline deadline;
  GMutex lock;
  GCond done_cond;
  guint workers_running;
  guint64 count;
  guint64 nodes;
} Pool;

static void
collect_prefixes (Walker *w, Pool *pool, guint d)
{
  const RlProblem *pb = w->pb;
  if (d == pool->split)
    {
      for (guint e = 0; e < d; e++)
        g_array_append_val (pool->prefixes, w->package[pb->order[e]]);
      pool->n_tasks++;
      return;
    }
  if (!reachable (w, d))
    return;
  guint base = w->n_decided;
  for (guint j = 0; j < pb->dom_n[d]; j++)
    {
      if (assign (w, d, pb->dom[d * 64 + j]))
        collect_prefixes (w, pool, d + 1);
      revert (w, base);
    }
  w->package[pb->order[d]] = RL_UNSET;
}

static gpointer
worker_main (gpointer data)
{
  Pool *pool = data;
  const RlProblem *pb = pool->pb;
  Walker w;
  gint64 cpu0 = rl_distribute_thread_cpu_ns ();
  walker_init (&w, pb, pool->visitor, pool->user_data, &pool->stop, pool->deadline,
               &pool->timed_out);
  for (;;)
    {
      guint t;
      if (g_atomic_int_get (&pool->stop) || !rl_dispenser_claim (pool->tasks, &t))
        break;
      /* With no split (one task, the whole tree) the prefix array is empty
       * and its data NULL: no pointer arithmetic on it (clang's UBSan). */
      const guint8 *prefix = pool->split > 0
        ? &g_array_index (pool->prefixes, guint8, (gsize) t * pool->split) : NULL;
      gboolean ok = TRUE;
      for (guint d = 0; d < pool->split && ok; d++)
        ok = assign (&w, d, prefix[d]);
      /* The prefix passed these checks when it was collected. */
      g_assert (ok);
      gboolean go_on = walk (&w, pool->split);
      revert (&w, 0);
      for (guint d = 0; d < pool->split; d++)
        w.package[pb->order[d]] = RL_UNSET;
      g_atomic_int_inc (&pool->tasks_done);
      if (!go_on)
        break;
    }
  /* A worker that stops (deadline, leaf) stops the others: no more tasks
   * are handed out, here or to other ranks. */
  if (g_atomic_int_get (&pool->stop))
    rl_dispenser_stop (pool->tasks);
  rl_distribute_add_busy (rl_distribute_thread_cpu_ns () - cpu0, w.nodes);
  g_mutex_lock (&pool->lock);
  pool->count += w.count;
  pool->nodes += w.nodes;
  if (pool->visitor && pool->visitor->worker_done)
    pool->visitor->worker_done (pool->user_data, w.state);
  pool->workers_running--;
  g_cond_signal (&pool->done_cond);
  g_mutex_unlock (&pool->lock);
  walker_clear (&w);
  return NULL;
}

static void
shared_worker (gpointer data, gpointer unused)
{
  worker_main (data);
}

/* One set of worker threads for every search of the process: a search
 * hands its workers to them and waits, instead of starting threads of
 * its own (simulate makes thousands of small searches: a thread start
 * each cost more than the search). Not exclusive and without a limit, so
 * that a search started inside another (each run of a simulation on a
 * thread of its own) never waits for a thread held by its caller; idle
 * threads are kept for the next search. */
static GThreadPool *
shared_threads (void)
{
  static GThreadPool *threads;
  static gsize once;
  if (g_once_init_enter (&once))
    {
      threads = g_thread_pool_new (shared_worker, NULL, -1, FALSE, NULL);
      g_thread_pool_set_max_unused_threads (MAX (4, 2 * (gint) g_get_num_processors ()));
      g_once_init_leave (&once, 1);
    }
  return threads;
}

static guint
default_threads (void)
{
  return MAX (1, g_get_num_processors ());
}

/* Folds the other ranks' results into this one's, so that every rank
 * ends with the whole: counts summed, a stop anywhere a stop everywhere,
 * the visitor's state through its pack and unpack. */
static void
merge_ranks (Pool *pool)
{
  guint64 sums[1] = { pool->count };
  rl_distribute_sum (sums, 1);
  pool->count = sums[0];
  pool->timed_out = rl_distribute_any (pool->timed_out);
  pool->stop = rl_distribute_any (pool->stop != 0);
  if (!pool->visitor)
    return;
  g_autoptr (GBytes) mine = pool->visitor->pack (pool->user_data);
  g_autoptr (GPtrArray) all = rl_distribute_gather (mine);
  for (guint r = 0; r < all->len; r++)
    if (r != rl_distribute_get_rank ())
      pool->visitor->unpack (pool->user_data, g_ptr_array_index (all, r));
}

/* Runs the search; the visitor NULL means counting. */
static gboolean
run_pool (const RlProblem *pb, const RlRun *run, const RlVisitor *visitor, gpointer user_data,
          guint64 *count, gboolean *timed_out)
{
  guint n_threads = run && run->n_threads ? run->n_threads : default_threads ();
  if (run && run->sequential)
    n_threads = 1;
  /* Over the ranks only when every rank can tell what it found. */
  gboolean spread = run && run->distribute && !run->sequential && rl_distribute_here ()
                    && (!visitor || (visitor->pack && visitor->unpack));
  guint n_ranks = spread ? rl_distribute_get_size () : 1;
  Pool pool = {
    .pb = pb,
    .visitor = visitor,
    .user_data = user_data,
    .prefixes = g_array_new (FALSE, FALSE, 1),
    .deadline = run ? run->deadline : RL_NO_DEADLINE,
  };
  g_mutex_init (&pool.lock);
  g_cond_init (&pool.done_cond);

  if (!pb->empty)
    {
      /* Cut where there are about 1024 subtrees per thread; a single thread
       * still gets a few, so that progress can be reported. */
      guint64 want = (guint64) 1024 * n_threads * n_ranks;
      guint split = 0;
      /* The number of prefixes of depth split, product of the domains
       * above it, saturating: the suffix products saturate at 2^64 - 1 on
       * a space above that, so their ratio cannot be used there: on
       * 256 issues of 64 options it asked for 64^247 prefixes. */
      guint64 n_prefixes = 1;
      while (split < pb->n_issues && n_prefixes < want)
        {
          guint64 n = pb->dom_n[split];
          n_prefixes = n != 0 && n_prefixes > G_MAXUINT64 / n ? G_MAXUINT64 : n_prefixes * n;
          split++;
        }
      if (split >= pb->n_issues)
        split = pb->n_issues > 0 ? pb->n_issues - 1 : 0;
      /* Task numbers must mean the same subtree on every rank, whatever
       * each rank's thread count. */
      pool.split = spread ? rl_distribute_split (split) : split;
      Walker w;
      walker_init (&w, pb, NULL, NULL, &pool.stop, RL_NO_DEADLINE, &pool.timed_out);
      collect_prefixes (&w, &pool, 0);
      walker_clear (&w);
    }
  pool.tasks = rl_dispenser_new (pool.n_tasks, n_threads, spread);

  guint n_workers = MIN (n_threads, MAX (pool.n_tasks, 1));
  if (pool.n_tasks == 0)
    n_workers = 0;
  pool.workers_running = n_workers;
  /* The calling thread stays free for progress reports (and, on rank 0 of
   * a spread search, for the other ranks' requests), so such a search has
   * even its one worker on another thread; one that does neither runs in
   * this thread. A worker that cannot get a thread runs here too. */
  gboolean serving = spread && rl_distribute_get_rank () == 0;
  gboolean here = n_workers == 1 && !(run && run->progress) && !serving;
  for (guint t = 0; t < n_workers && !here; t++)
    if (!g_thread_pool_push (shared_threads (), &pool, NULL))
      worker_main (&pool);
  if (here)
    worker_main (&pool);
  g_mutex_lock (&pool.lock);
  gint64 started = g_get_monotonic_time ();
  for (;;)
    {
      /* Rank 0 answers the others between short waits; it also waits
       * for every rank to say it is done, even once its own workers are. */
      gboolean asking = rl_dispenser_serve (pool.tasks, &pool.lock);
      if (pool.workers_running == 0 && !asking)
        break;
      gint64 wait = serving ? RL_DISPENSER_POLL : G_TIME_SPAN_SECOND / 10;
      gint64 until = g_get_monotonic_time () + wait;
      if (!g_cond_wait_until (&pool.done_cond, &pool.lock, until) && run && run->progress
          && g_get_monotonic_time () - started > G_TIME_SPAN_SECOND / 2)
        {
          /* Spread, rank 0 knows what it handed out, not what is done. */
          guint done = serving ? rl_dispenser_tasks_given (pool.tasks)
                               : (guint) g_atomic_int_get (&pool.tasks_done);
          double fraction = (double) done / MAX (pool.n_tasks, 1);
          g_mutex_unlock (&pool.lock);
          rl_run_report (run, fraction);
          g_mutex_lock (&pool.lock);
        }
    }
  g_mutex_unlock (&pool.lock);
  rl_dispenser_free (pool.tasks);
  if (spread)
    merge_ranks (&pool);

  if (count)
    *count = pool.count;
  __atomic_add_fetch (&((RlProblem *) pb)->nodes, pool.nodes, __ATOMIC_RELAXED);
  if (timed_out)
    *timed_out = pool.timed_out;
  gboolean complete = !pool.stop;
  g_array_unref (pool.prefixes);
  g_mutex_clear (&pool.lock);
  g_cond_clear (&pool.done_cond);
  return complete;
}

gboolean
rl_problem_count (const RlProblem *pb, const RlRun *run, guint64 *count, gboolean *timed_out)
{
  g_return_val_if_fail (pb != NULL && count != NULL, FALSE);
  return run_pool (pb, run, NULL, NULL, count, timed_out);
}

gboolean
rl_problem_visit (const RlProblem *pb, const RlRun *run, const RlVisitor *visitor,
                  gpointer user_data, gboolean *timed_out)
{
  g_return_val_if_fail (pb != NULL && visitor != NULL, FALSE);
  return run_pool (pb, run, visitor, user_data, NULL, timed_out);
}

typedef struct {
  guint8 *out;
  guint n;
  gboolean found;
} FirstFound;

static gboolean
keep_first (gpointer state, const guint8 *package, const double *u)
{
  FirstFound *first = state;
  if (first->out)
    memcpy (first->out, package, first->n);
  first->found = TRUE;
  return FALSE;
}

gboolean
rl_problem_find_one (const RlProblem *pb, guint8 *package)
{
  return rl_problem_find_one_until (pb, RL_NO_DEADLINE, package, NULL);
}

gboolean
rl_problem_find_one_until (const RlProblem *pb, RlDeadline deadline, guint8 *package,
                           gboolean *timed_out_out)
{
  g_return_val_if_fail (pb != NULL, FALSE);
  if (timed_out_out)
    *timed_out_out = FALSE;
  if (pb->empty)
    return FALSE;
  gint stop = 0;
  gboolean timed_out = FALSE;
  FirstFound first = { package, pb->n_issues, FALSE };
  RlVisitor visitor = { .leaf = keep_first };
  Walker w;
  /* In this thread, without the pool: explain asks thousands of these
   * small questions, and a thread start costs more than most answers. */
  walker_init (&w, pb, &visitor, NULL, &stop, deadline, &timed_out);
  w.state = &first;
  walk (&w, 0);
  __atomic_add_fetch (&((RlProblem *) pb)->nodes, w.nodes, __ATOMIC_RELAXED);
  walker_clear (&w);
  if (timed_out_out)
    *timed_out_out = timed_out && !first.found;
  return first.found;
}
