/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * stability.c: rl_stability() (stability.md): for each examined package
 * and each decision maker, its unilateral improvements and whether the
 * others can answer them as each concept requires.
 *
 * The examined packages are spread over the worker threads one at a
 * time; each worker keeps its own cache of states, moves and answers
 * (stability-states.c, stability-reach.c), which later packages reuse,
 * and writes its verdicts into the package's own slot, so the result is
 * in index order and the same for any thread count.
 */
#include "analysis/stability-private.h"

#include <string.h>

#include <redline/error.h>
#include <redline/suggest.h>
#include "engine/package.h"

static const char *const concept_names[RL_N_STABILITY_CONCEPTS] = {
  "nash", "gmr", "smr", "seq",
};

static const char *const packages_names[] = {
  "acceptable", "compatible", "feasible", "top",
};

const char *
rl_stability_concept_name (RlStabilityConcept concept)
{
  g_return_val_if_fail ((guint) concept < RL_N_STABILITY_CONCEPTS, NULL);
  return concept_names[concept];
}

gboolean
rl_stability_packages_parse (const char *text, RlStabilityPackages *packages, GError **error)
{
  for (guint k = 0; k < G_N_ELEMENTS (packages_names); k++)
    if (g_strcmp0 (text, packages_names[k]) == 0)
      {
        *packages = (RlStabilityPackages) k;
        return TRUE;
      }
  g_autofree char *hint = rl_suggest_hint (text, strlen (text), packages_names,
                                           G_N_ELEMENTS (packages_names));
  g_set_error (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT,
               "unknown package set '%s' (use acceptable, compatible, feasible or top)%s",
               text, hint);
  return FALSE;
}

void
rl_stability_options_init (RlStabilityOptions *opts)
{
  memset (opts, 0, sizeof *opts);
  opts->packages = RL_STABILITY_ACCEPTABLE;
  opts->rank.kind = RL_SCORE_NASH;
  opts->top = 10;
  rl_run_options_init (&opts->run);
}

/* ---- the result ------------------------------------------------------------------ */

typedef struct {
  gboolean settled;
  gboolean stable[RL_N_STABILITY_CONCEPTS];
  gboolean *party_stable;    /* n_parties × concepts */
  GArray **improvements;     /* n_parties; NULL: none */
} Verdict;

struct _RlStability {
  RlScenario *sc;
  gboolean complete;
  guint n_dm;
  guint *deciders;
  GArray *packages;          /* RlPackage, index order */
  GArray *verdicts;          /* Verdict, parallel to @packages */
};

static void
improvement_clear (gpointer data)
{
  RlImprovement *imp = data;
  g_free (imp->options);
  g_free (imp->sanction);
}

static void
verdict_clear (Verdict *v, guint n_parties)
{
  g_free (v->party_stable);
  for (guint p = 0; v->improvements && p < n_parties; p++)
    if (v->improvements[p])
      g_array_unref (v->improvements[p]);
  g_free (v->improvements);
}

void
rl_stability_free (RlStability *st)
{
  if (st == NULL)
    return;
  for (guint k = 0; st->verdicts && k < st->verdicts->len; k++)
    verdict_clear (&g_array_index (st->verdicts, Verdict, k), st->sc->n_parties);
  if (st->verdicts)
    g_array_unref (st->verdicts);
  rl_st_package_array_free (st->packages);
  g_free (st->deciders);
  rl_scenario_unref (st->sc);
  g_free (st);
}

/* ---- one package -------------------------------------------------------------------- */

typedef struct {
  guint64 index;
  guint broken;
  double u;
} Ranked;

static int
compare_ranked (gconstpointer a, gconstpointer b)
{
  const Ranked *x = a, *y = b;
  if (x->broken != y->broken)
    return x->broken < y->broken ? -1 : 1;
  if (x->u != y->u)
    return x->u > y->u ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

static int
compare_ranked_index (gconstpointer a, gconstpointer b)
{
  const Ranked *x = a, *y = b;
  return x->index < y->index ? -1 : x->index > y->index;
}

/* The improvements in the mover's order of preference: fewer of its red
 * lines broken, then higher utility; utilities within 1e-9 of the first
 * of a group go with it, by index (scenario.md's anchored groups). */
static void
order_by_preference (Ranked *r, guint n)
{
  qsort (r, n, sizeof *r, compare_ranked);
  for (guint start = 0; start < n;)
    {
      guint end = start + 1;
      while (end < n && r[end].broken == r[start].broken && r[start].u - r[end].u <= RL_EPSILON)
        end++;
      qsort (r + start, end - start, sizeof *r, compare_ranked_index);
      start = end;
    }
}

/* Decision maker @d at package @x: its improvements and four verdicts.
 * Returns: FALSE after a timeout. */
static gboolean
settle_decider (RlStCache *c, guint d, const RlStState *x, Verdict *v)
{
  RlScenario *sc = rl_st_cache_scenario (c);
  guint p = rl_st_cache_decider (c, d);
  guint n;
  const guint64 *reach = rl_st_reach (c, d, x->index, &n);
  if (reach == NULL)
    return FALSE;
  g_autofree Ranked *better = g_new0 (Ranked, n + 1);
  guint n_better = 0;
  for (guint k = 0; k < n; k++)
    {
      const RlStState *y = rl_st_state (c, reach[k]);
      if (rl_st_prefers (y, x, d))
        better[n_better++] = (Ranked){ y->index, y->broken[d], y->u[d] };
    }
  order_by_preference (better, n_better);

  gboolean *stable = &v->party_stable[p * RL_N_STABILITY_CONCEPTS];
  stable[RL_STABILITY_NASH] = n_better == 0;
  GArray *list = n_better ? g_array_sized_new (FALSE, TRUE, sizeof (RlImprovement), n_better) : NULL;
  if (list)
    g_array_set_clear_func (list, improvement_clear);
  for (guint k = 0; k < n_better; k++)
    {
      guint64 x1 = better[k].index;
      gboolean gmr = rl_st_key_deters (rl_st_answer (c, d, x1, RL_STABILITY_GMR), x, d);
      /* An answer that smr or seq accepts is one gmr accepts too. */
      if (!gmr)
        stable[RL_STABILITY_GMR] = stable[RL_STABILITY_SMR] = stable[RL_STABILITY_SEQ] = FALSE;
      if (gmr && stable[RL_STABILITY_SMR])
        stable[RL_STABILITY_SMR] = rl_st_key_deters (rl_st_answer (c, d, x1, RL_STABILITY_SMR), x, d);
      if (gmr && stable[RL_STABILITY_SEQ])
        stable[RL_STABILITY_SEQ] = rl_st_key_deters (rl_st_answer (c, d, x1, RL_STABILITY_SEQ), x, d);
      RlImprovement imp = { .index = x1, .gain = better[k].u - x->u[d], .sanctioned = gmr };
      imp.options = g_new0 (guint8, sc->n_issues + 1);
      rl_scenario_package_from_index (sc, x1, imp.options);
      if (gmr)
        {
          guint64 answer = rl_st_find_sanction (c, d, x1, x, &imp.sanction_moves);
          if (answer != RL_ST_NONE)
            {
              imp.sanction = g_new0 (guint8, sc->n_issues + 1);
              rl_scenario_package_from_index (sc, answer, imp.sanction);
            }
        }
      g_array_append_val (list, imp);
      if (rl_st_cache_timed_out (c))
        {
          g_array_unref (list);
          return FALSE;
        }
    }
  v->improvements[p] = list;
  return TRUE;
}

static gboolean
settle (RlStCache *c, const RlPackage *pkg, Verdict *v)
{
  RlScenario *sc = rl_st_cache_scenario (c);
  v->party_stable = g_new0 (gboolean, sc->n_parties * RL_N_STABILITY_CONCEPTS + 1);
  v->improvements = g_new0 (GArray *, sc->n_parties + 1);
  for (guint q = 0; q < sc->n_parties * RL_N_STABILITY_CONCEPTS; q++)
    v->party_stable[q] = TRUE;
  const RlStState *x = rl_st_state (c, pkg->index);
  for (guint d = 0; d < rl_st_cache_n_deciders (c); d++)
    if (!settle_decider (c, d, x, v))
      return FALSE;
  for (guint k = 0; k < RL_N_STABILITY_CONCEPTS; k++)
    {
      v->stable[k] = TRUE;
      for (guint p = 0; p < sc->n_parties; p++)
        v->stable[k] = v->stable[k] && v->party_stable[p * RL_N_STABILITY_CONCEPTS + k];
    }
  v->settled = TRUE;
  return TRUE;
}

/* ---- the workers ------------------------------------------------------------------------ */

typedef struct {
  RlStability *st;
  RlDeadline deadline;
  gint next;          /* the next package to take */
  gint done;          /* packages finished, settled or not */
  gint stop;          /* the deadline passed */
} Work;

/* Takes the next package and settles it. Returns: FALSE when there is
 * none left, or the deadline has passed. */
static gboolean
work_one (Work *w, RlStCache *c)
{
  RlStability *st = w->st;
  gint k = g_atomic_int_add (&w->next, 1);
  if (k >= (gint) st->packages->len || g_atomic_int_get (&w->stop))
    return FALSE;
  Verdict *v = &g_array_index (st->verdicts, Verdict, k);
  if (rl_deadline_passed (w->deadline)
      || !settle (c, &g_array_index (st->packages, RlPackage, k), v))
    g_atomic_int_set (&w->stop, 1);
  g_atomic_int_inc (&w->done);
  return TRUE;
}

static gpointer
work (gpointer data)
{
  Work *w = data;
  RlStCache *c = rl_st_cache_new (w->st->sc, w->st->deciders, w->st->n_dm, w->deadline);
  while (work_one (w, c))
    ;
  rl_st_cache_free (c);
  return NULL;
}

/* The main thread works too, and reports progress between packages. */
static void
run_workers (Work *w, const RlRunOptions *run_opts)
{
  guint n = w->st->packages->len;
  guint n_threads = run_opts->n_threads ? run_opts->n_threads : MAX (1, g_get_num_processors ());
  n_threads = MIN (n_threads, MAX (n, 1));
  g_autoptr (GPtrArray) threads = g_ptr_array_new ();
  for (guint t = 1; t < n_threads; t++)
    g_ptr_array_add (threads, g_thread_new ("stability", work, w));
  RlRun run = rl_run_init (run_opts, w->deadline);
  run.stage = 2;
  run.n_stages = 2;
  RlStCache *c = rl_st_cache_new (w->st->sc, w->st->deciders, w->st->n_dm, w->deadline);
  while (work_one (w, c))
    rl_run_report_step (&run, (double) g_atomic_int_get (&w->done) / n);
  rl_st_cache_free (c);
  for (guint t = 0; t < threads->len; t++)
    g_thread_join (g_ptr_array_index (threads, t));
}

/* Drops the packages the timeout left unsettled, keeping index order. */
static void
keep_settled (RlStability *st)
{
  guint kept = 0;
  for (guint k = 0; k < st->packages->len; k++)
    {
      Verdict *v = &g_array_index (st->verdicts, Verdict, k);
      RlPackage *pkg = &g_array_index (st->packages, RlPackage, k);
      if (v->settled)
        {
          g_array_index (st->packages, RlPackage, kept) = *pkg;
          g_array_index (st->verdicts, Verdict, kept) = *v;
          kept++;
        }
      else
        {
          st->complete = FALSE;
          rl_package_clear (pkg);
          verdict_clear (v, st->sc->n_parties);
        }
    }
  g_array_set_size (st->packages, kept);
  g_array_set_size (st->verdicts, kept);
}

RlStability *
rl_stability (RlScenario *sc, const RlStabilityOptions *opts_in, GError **error)
{
  g_return_val_if_fail (sc != NULL, NULL);
  RlStabilityOptions defaults;
  rl_stability_options_init (&defaults);
  const RlStabilityOptions *opts = opts_in ? opts_in : &defaults;
  if (!sc->space_fits)
    {
      g_autofree char *about = rl_scenario_format_space (sc, 3);
      g_set_error (error, RL_ERROR, RL_ERROR_TOO_LARGE,
                   "the package space (about %s packages) is too large: stability "
                   "needs every state's package index", about);
      return NULL;
    }
  RlDeadline deadline = rl_deadline_from_timeout (opts->run.timeout);
  gboolean timed_out = FALSE;
  GArray *packages = rl_st_examined (sc, opts, deadline, &timed_out, error);
  if (packages == NULL)
    return NULL;

  RlStability *st = g_new0 (RlStability, 1);
  st->sc = rl_scenario_ref (sc);
  st->complete = !timed_out;
  st->packages = packages;
  st->deciders = g_new0 (guint, sc->n_parties + 1);
  for (guint p = 0; p < sc->n_parties; p++)
    if (rl_scenario_get_party_n_controls (sc, p) > 0)
      st->deciders[st->n_dm++] = p;
  st->verdicts = g_array_new (FALSE, TRUE, sizeof (Verdict));
  g_array_set_size (st->verdicts, packages->len);

  Work w = { .st = st, .deadline = deadline };
  run_workers (&w, &opts->run);
  keep_settled (st);
  return st;
}

/* ---- getters --------------------------------------------------------------------------- */

RlScenario *
rl_stability_get_scenario (const RlStability *st)
{
  return st->sc;
}

gboolean
rl_stability_is_complete (const RlStability *st)
{
  return st->complete;
}

guint
rl_stability_get_n_deciders (const RlStability *st)
{
  return st->n_dm;
}

guint
rl_stability_get_decider (const RlStability *st, guint d)
{
  g_return_val_if_fail (d < st->n_dm, 0);
  return st->deciders[d];
}

guint
rl_stability_get_n_packages (const RlStability *st)
{
  return st->packages->len;
}

const RlPackage *
rl_stability_get_package (const RlStability *st, guint k)
{
  g_return_val_if_fail (k < st->packages->len, NULL);
  return &g_array_index (st->packages, RlPackage, k);
}

gboolean
rl_stability_is_stable (const RlStability *st, guint k, RlStabilityConcept concept)
{
  g_return_val_if_fail (k < st->verdicts->len && (guint) concept < RL_N_STABILITY_CONCEPTS, FALSE);
  return g_array_index (st->verdicts, Verdict, k).stable[concept];
}

gboolean
rl_stability_party_is_stable (const RlStability *st, guint k, guint p, RlStabilityConcept concept)
{
  g_return_val_if_fail (k < st->verdicts->len && p < st->sc->n_parties
                        && (guint) concept < RL_N_STABILITY_CONCEPTS, FALSE);
  return g_array_index (st->verdicts, Verdict, k).party_stable[p * RL_N_STABILITY_CONCEPTS + concept];
}

guint
rl_stability_get_n_improvements (const RlStability *st, guint k, guint p)
{
  g_return_val_if_fail (k < st->verdicts->len && p < st->sc->n_parties, 0);
  GArray *list = g_array_index (st->verdicts, Verdict, k).improvements[p];
  return list ? list->len : 0;
}

const RlImprovement *
rl_stability_get_improvement (const RlStability *st, guint k, guint p, guint m)
{
  g_return_val_if_fail (m < rl_stability_get_n_improvements (st, k, p), NULL);
  GArray *list = g_array_index (st->verdicts, Verdict, k).improvements[p];
  return &g_array_index (list, RlImprovement, m);
}
