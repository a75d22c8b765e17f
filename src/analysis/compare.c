/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * compare.c: two solves and a set difference (compare.h). Nothing here
 * enumerates or scores: rl_solve() gives each side's counts, ideals and
 * ranked list, rl_solve_each() each side's acceptable packages with their
 * scores, and this module only matches them up.
 *
 * A package's key is its options on the shared issues, written in A's
 * option positions (one byte each, position + 1, so that the key is a C
 * string). A package of B with an option that A's issue lacks has no key:
 * it can match nothing.
 */
#include "model/scenario-internals.h"

#include <stdlib.h>
#include <string.h>

#include <redline/compare.h>
#include <redline/error.h>
#include <redline/whatif.h>
#include "engine/package.h"
#include "engine/run.h"

struct _RlComparison {
  RlScenario *a, *b;
  RlResult *res_a, *res_b;
  guint n_shared;
  guint *shared_a, *shared_b;  /* issue positions in A and in B */
  gint8 **b_to_a;              /* per shared issue: B's option -> A's, or -1 */
  GArray *list[2];             /* RlPackage, index order: gained (B's), lost (A's) */
  GPtrArray *ranked[2];        /* the same, by rank */
  char **changes;
  gboolean complete;
  gboolean stopped_a, stopped_b;  /* each side's stream was cut short */
  char *mismatch;              /* NULL when packages could be matched */
};

static void
package_clear (gpointer data)
{
  rl_package_clear (data);
}

void
rl_comparison_free (RlComparison *cmp)
{
  if (cmp == NULL)
    return;
  g_clear_pointer (&cmp->res_a, rl_result_free);
  g_clear_pointer (&cmp->res_b, rl_result_free);
  for (guint k = 0; k < cmp->n_shared && cmp->b_to_a; k++)
    g_free (cmp->b_to_a[k]);
  g_free (cmp->b_to_a);
  g_free (cmp->shared_a);
  g_free (cmp->shared_b);
  for (guint s = 0; s < 2; s++)
    {
      g_clear_pointer (&cmp->ranked[s], g_ptr_array_unref);
      g_clear_pointer (&cmp->list[s], g_array_unref);
    }
  g_strfreev (cmp->changes);
  g_free (cmp->mismatch);
  g_clear_pointer (&cmp->a, rl_scenario_unref);
  g_clear_pointer (&cmp->b, rl_scenario_unref);
  g_free (cmp);
}

/* Issues with the same id, in A's order; options matched by id. */
static void
match_issues (RlComparison *cmp)
{
  const RlScenario *a = cmp->a, *b = cmp->b;
  cmp->shared_a = g_new0 (guint, a->n_issues + 1);
  cmp->shared_b = g_new0 (guint, a->n_issues + 1);
  cmp->b_to_a = g_new0 (gint8 *, a->n_issues + 1);
  for (guint i = 0; i < a->n_issues; i++)
    {
      int j = rl_scenario_find_issue (b, a->issues[i].id);
      if (j < 0)
        continue;
      guint k = cmp->n_shared++;
      cmp->shared_a[k] = i;
      cmp->shared_b[k] = (guint) j;
      cmp->b_to_a[k] = g_new (gint8, b->issues[j].n_options + 1);
      for (guint o = 0; o < b->issues[j].n_options; o++)
        cmp->b_to_a[k][o] = (gint8) rl_scenario_find_option (a, i, b->issues[j].options[o].id);
    }
}

/* The differences of issues and options between A and B, in words (the
 * first few), or NULL when there are none. */
#define MAX_DIFFERENCES 4

static void
add_difference (GString *s, guint *n, const char *text)
{
  if (*n < MAX_DIFFERENCES)
    g_string_append_printf (s, "%s%s", s->len ? "; " : "", text);
  else if (*n == MAX_DIFFERENCES)
    g_string_append (s, "; and more");
  (*n)++;
}

static void
options_only_in (const RlIssue *x, const RlIssue *y, const char *side, GString *s, guint *n)
{
  for (guint o = 0; o < x->n_options; o++)
    {
      gboolean found = FALSE;
      for (guint q = 0; q < y->n_options && !found; q++)
        found = strcmp (x->option_ids[o], y->option_ids[q]) == 0;
      if (!found)
        {
          g_autofree char *t = g_strdup_printf ("issue '%s' has option '%s' only in %s", x->id,
                                                x->option_ids[o], side);
          add_difference (s, n, t);
        }
    }
}

static char *
find_mismatch (const RlScenario *a, const RlScenario *b)
{
  g_autoptr (GString) s = g_string_new (NULL);
  guint n = 0;
  for (guint i = 0; i < a->n_issues; i++)
    {
      int j = rl_scenario_find_issue (b, a->issues[i].id);
      if (j < 0)
        {
          g_autofree char *t = g_strdup_printf ("issue '%s' is only in A", a->issues[i].id);
          add_difference (s, &n, t);
          continue;
        }
      options_only_in (&a->issues[i], &b->issues[j], "A", s, &n);
      options_only_in (&b->issues[j], &a->issues[i], "B", s, &n);
    }
  for (guint j = 0; j < b->n_issues; j++)
    if (rl_scenario_find_issue (a, b->issues[j].id) < 0)
      {
        g_autofree char *t = g_strdup_printf ("issue '%s' is only in B", b->issues[j].id);
        add_difference (s, &n, t);
      }
  return n > 0 ? g_strdup (s->str) : NULL;
}

/* The key of a package of A (@from_b FALSE) or of B; NULL when a B option
 * has no counterpart in A. */
static char *
package_key (const RlComparison *cmp, const guint8 *options, gboolean from_b)
{
  char *key = g_new (char, cmp->n_shared + 1);
  for (guint k = 0; k < cmp->n_shared; k++)
    {
      int pos = from_b ? cmp->b_to_a[k][options[cmp->shared_b[k]]] : options[cmp->shared_a[k]];
      if (pos < 0)
        {
          g_free (key);
          return NULL;
        }
      key[k] = (char) (pos + 1);
    }
  key[cmp->n_shared] = '\0';
  return key;
}

static void
package_copy (RlPackage *to, const RlPackage *from, const RlScenario *sc)
{
  *to = *from;
  to->options = g_memdup2 (from->options, sc->n_issues + 1);
  to->utilities = g_memdup2 (from->utilities, (sc->n_parties + 1) * sizeof (double));
  to->rank = 0;
}

/* Streaming A: keep every acceptable package and its key. */
typedef struct {
  RlComparison *cmp;
  GArray *packages;        /* RlPackage */
  GPtrArray *keys;         /* parallel to packages; owned */
  GHashTable *set;         /* keys, borrowed from @keys */
} SideA;

static gboolean
collect_a (const RlPackage *pkg, gpointer data)
{
  SideA *s = data;
  RlPackage copy;
  package_copy (&copy, pkg, s->cmp->a);
  g_array_append_val (s->packages, copy);
  char *key = package_key (s->cmp, pkg->options, FALSE);
  g_ptr_array_add (s->keys, key);
  g_hash_table_add (s->set, key);
  return TRUE;
}

/* Streaming B: keep the packages A lacks, and every key. */
typedef struct {
  RlComparison *cmp;
  GHashTable *set_a;       /* borrowed */
  GHashTable *set;         /* B's keys, owned */
} SideB;

static gboolean
collect_b (const RlPackage *pkg, gpointer data)
{
  SideB *s = data;
  char *key = package_key (s->cmp, pkg->options, TRUE);
  if (key == NULL || !g_hash_table_contains (s->set_a, key))
    {
      RlPackage copy;
      package_copy (&copy, pkg, s->cmp->b);
      g_array_append_val (s->cmp->list[RL_COMPARE_GAINED], copy);
    }
  if (key)
    g_hash_table_add (s->set, key);
  return TRUE;
}

static int
by_index (gconstpointer x, gconstpointer y, gpointer sc)
{
  return rl_scenario_compare_packages (sc, ((const RlPackage *) x)->options,
                                       ((const RlPackage *) y)->options);
}

/* The rank's score of a package, as RlRank says. */
static double
score_of (const RlPackage *pkg, const RlRank *rank)
{
  if (rank->kind == RL_SCORE_UTILITY)
    return pkg->utilities[rank->party];
  return pkg->scores[rank->kind];
}

typedef struct {
  const RlPackage *pkg;
  double score;
  guint64 order;   /* position in index order */
} Ranked;

static int
by_score (gconstpointer x, gconstpointer y)
{
  const Ranked *a = x, *b = y;
  if (a->score != b->score)
    return a->score > b->score ? -1 : 1;
  return a->order < b->order ? -1 : (a->order > b->order);
}

static int
by_order (gconstpointer x, gconstpointer y)
{
  const Ranked *a = x, *b = y;
  return a->order < b->order ? -1 : (a->order > b->order);
}

/* scenario.md section 6: sort by the exact score; anchored groups of ties;
 * index order inside a group. */
static GPtrArray *
rank_packages (GArray *packages, const RlRank *rank)
{
  guint n = packages->len;
  GPtrArray *out = g_ptr_array_sized_new (n);
  g_autofree Ranked *r = g_new0 (Ranked, MAX (n, 1));
  gboolean ranked = rank->kind < RL_N_STANDARD_SCORES || rank->kind == RL_SCORE_UTILITY;
  for (guint k = 0; k < n; k++)
    {
      const RlPackage *pkg = &g_array_index (packages, RlPackage, k);
      r[k] = (Ranked){ pkg, ranked ? score_of (pkg, rank) : 0.0, k };
    }
  if (ranked)
    {
      qsort (r, n, sizeof *r, by_score);
      RlScoreKind tie_kind = rank->kind == RL_SCORE_UTILITY ? RL_SCORE_WELFARE : rank->kind;
      for (guint start = 0; start < n;)
        {
          guint end = start + 1;
          while (end < n && rl_scores_tie (tie_kind, r[start].score, r[end].score))
            end++;
          qsort (r + start, end - start, sizeof *r, by_order);
          start = end;
        }
    }
  for (guint k = 0; k < n; k++)
    g_ptr_array_add (out, (gpointer) r[k].pkg);
  return out;
}

static GArray *
new_package_array (void)
{
  GArray *a = g_array_new (FALSE, TRUE, sizeof (RlPackage));
  g_array_set_clear_func (a, package_clear);
  return a;
}

RlComparison *
rl_compare (RlScenario *a, RlScenario *b, const RlSolveOptions *opts_a,
            const RlSolveOptions *opts_b, GError **error)
{
  g_return_val_if_fail (a != NULL && b != NULL && opts_a != NULL && opts_b != NULL, NULL);
  g_return_val_if_fail (!(opts_a->flags & RL_SOLVE_ONLY_TOP) && !(opts_b->flags & RL_SOLVE_ONLY_TOP),
                        NULL);

  g_autoptr (RlComparison) cmp = g_new0 (RlComparison, 1);
  cmp->a = rl_scenario_ref (a);
  cmp->b = rl_scenario_ref (b);
  cmp->list[RL_COMPARE_GAINED] = new_package_array ();
  cmp->list[RL_COMPARE_LOST] = new_package_array ();
  cmp->complete = TRUE;

  /* One deadline for the four searches (two solves, two streams). */
  RlDeadline deadline = rl_deadline_from_run (&opts_a->run);
  RlSolveOptions within_a = *opts_a, within_b = *opts_b;
  within_a.run = rl_run_options_within (&opts_a->run, deadline);
  within_b.run = rl_run_options_within (&opts_b->run, deadline);
  opts_a = &within_a;
  opts_b = &within_b;

  if (!(cmp->res_a = rl_solve (a, opts_a, error)) || !(cmp->res_b = rl_solve (b, opts_b, error)))
    return NULL;
  cmp->complete = rl_result_is_complete (cmp->res_a) && rl_result_is_complete (cmp->res_b);
  match_issues (cmp);
  cmp->mismatch = find_mismatch (a, b);
  if (cmp->mismatch)
    {
      /* Counts and top packages only: nothing to stream. */
      cmp->ranked[RL_COMPARE_GAINED] = g_ptr_array_new ();
      cmp->ranked[RL_COMPARE_LOST] = g_ptr_array_new ();
      cmp->changes = rl_scenario_dup_changes_since (b, a);
      return g_steal_pointer (&cmp);
    }

  SideA sa = { cmp, new_package_array (), g_ptr_array_new_with_free_func (g_free),
               g_hash_table_new (g_str_hash, g_str_equal) };
  SideB sb = { cmp, sa.set, g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL) };
  gboolean stopped_a = FALSE, stopped_b = FALSE;
  gboolean ok = rl_solve_each (a, opts_a, 0, collect_a, &sa, &stopped_a, error)
                && rl_solve_each (b, opts_b, 0, collect_b, &sb, &stopped_b, error);
  if (ok)
    {
      cmp->complete = cmp->complete && !stopped_a && !stopped_b;
      cmp->stopped_a = stopped_a;
      cmp->stopped_b = stopped_b;
      for (guint k = 0; k < sa.packages->len; k++)
        {
          const char *key = g_ptr_array_index (sa.keys, k);
          if (g_hash_table_contains (sb.set, key))
            continue;
          RlPackage copy;
          package_copy (&copy, &g_array_index (sa.packages, RlPackage, k), a);
          g_array_append_val (cmp->list[RL_COMPARE_LOST], copy);
        }
    }
  g_hash_table_unref (sb.set);
  g_hash_table_unref (sa.set);
  g_ptr_array_unref (sa.keys);
  g_array_unref (sa.packages);
  if (!ok)
    return NULL;

  /* The search streams in its own order; lists are in index order. */
  g_array_sort_with_data (cmp->list[RL_COMPARE_GAINED], by_index, b);
  g_array_sort_with_data (cmp->list[RL_COMPARE_LOST], by_index, a);
  cmp->ranked[RL_COMPARE_GAINED] = rank_packages (cmp->list[RL_COMPARE_GAINED], &opts_b->rank);
  cmp->ranked[RL_COMPARE_LOST] = rank_packages (cmp->list[RL_COMPARE_LOST], &opts_a->rank);

  cmp->changes = rl_scenario_dup_changes_since (b, a);
  return g_steal_pointer (&cmp);
}

const RlResult *rl_comparison_get_a (const RlComparison *cmp) { return cmp->res_a; }
const RlResult *rl_comparison_get_b (const RlComparison *cmp) { return cmp->res_b; }
gboolean rl_comparison_is_complete (const RlComparison *cmp) { return cmp->complete; }
guint rl_comparison_get_n_shared_issues (const RlComparison *cmp) { return cmp->n_shared; }

void
rl_comparison_get_shared_issue (const RlComparison *cmp, guint k, guint *issue_a, guint *issue_b)
{
  g_return_if_fail (k < cmp->n_shared);
  if (issue_a)
    *issue_a = cmp->shared_a[k];
  if (issue_b)
    *issue_b = cmp->shared_b[k];
}

gboolean
rl_comparison_is_matched (const RlComparison *cmp, char **why)
{
  if (why)
    *why = g_strdup (cmp->mismatch);
  return cmp->mismatch == NULL;
}

guint64
rl_comparison_get_n (const RlComparison *cmp, RlCompareSide side)
{
  g_return_val_if_fail (side <= RL_COMPARE_LOST, 0);
  return cmp->list[side]->len;
}

RlKnown
rl_comparison_get_n_known (const RlComparison *cmp, RlCompareSide side)
{
  g_return_val_if_fail (side <= RL_COMPARE_LOST, rl_known_unknown ());
  if (cmp->mismatch)
    return rl_known_unknown ();
  gboolean stopped_here = side == RL_COMPARE_GAINED ? cmp->stopped_b : cmp->stopped_a;
  gboolean stopped_there = side == RL_COMPARE_GAINED ? cmp->stopped_a : cmp->stopped_b;
  /* Found here and missing from a complete other side: surely gained or
   * lost; missing from a cut other side: maybe not. */
  if (stopped_there)
    return rl_known_unknown ();
  return rl_known_count (cmp->list[side]->len, !stopped_here);
}

const RlPackage *
rl_comparison_get_package (const RlComparison *cmp, RlCompareSide side, guint64 i)
{
  g_return_val_if_fail (side <= RL_COMPARE_LOST && i < cmp->list[side]->len, NULL);
  return &g_array_index (cmp->list[side], RlPackage, i);
}

const RlPackage *
rl_comparison_get_ranked (const RlComparison *cmp, RlCompareSide side, guint64 i)
{
  g_return_val_if_fail (side <= RL_COMPARE_LOST && i < cmp->ranked[side]->len, NULL);
  return g_ptr_array_index (cmp->ranked[side], i);
}

const char *const *
rl_comparison_get_changes (const RlComparison *cmp)
{
  return (const char *const *) cmp->changes;
}
