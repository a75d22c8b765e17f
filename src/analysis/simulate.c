/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * simulate.c: rl_simulate(): the settings, what every run shares, the
 * runs spread over threads, and what the outputs print of them.
 *
 * A run: (noise > 0) draw every party's beliefs, play the protocol, then
 * follow the deal through the horizon (durability draws when noise > 0),
 * all from the run's own generator, gsl_rng_mt19937 seeded with
 * rl_simulate_run_seed (seed, run). With noise 0 every run is the same,
 * so one is played and stands for all.
 */
#include "analysis/simulate-private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <redline/error.h>
#include <redline/suggest.h>
#include "engine/distribute.h"
#include "engine/dominator.h"
#include "engine/package.h"

struct _RlSimulation {
  RlScenario *sc;
  RlSimulateOptions opts;
  double *ideal;             /* per party: simulate.md's ideal (veto), NAN else */
  GArray *transcript;        /* RlSimRound, run 0 */
  guint n_played;            /* runs actually played: 1 with noise 0 */
  RlSimOutcome *outcomes;    /* n_played */
  gboolean has_package;
  RlPackage package;         /* run 0's agreed package */
  gboolean has_nash;
  RlPackage nash;
  RlSimSummary summary;
  RlSimMissing missing;      /* what the timeout left out */
};

/* ---- options ---------------------------------------------------------------- */

void
rl_simulate_options_init (RlSimulateOptions *opts, const RlScenario *sc)
{
  memset (opts, 0, sizeof *opts);
  opts->protocol = sc->protocol;
  opts->rounds = sc->rounds;
  opts->horizon = sc->horizon;
  opts->noise = sc->noise;
  opts->mediator_reach = sc->mediator_reach;
  opts->n_order = MIN (sc->n_order, RL_MAX_PARTIES);
  memcpy (opts->order, sc->order, sizeof (guint) * opts->n_order);
  for (guint p = 0; p < sc->n_parties && p < RL_MAX_PARTIES; p++)
    {
      opts->strategy[p] = sc->parties[p].strategy;
      opts->exponent[p] = sc->parties[p].exponent;
    }
  opts->runs = 1;
}

static int
find_party (const RlScenario *sc, const char *id, GError **error)
{
  int p = rl_scenario_find_party (sc, id);
  if (p >= 0)
    return p;
  g_autoptr (GPtrArray) ids = g_ptr_array_new ();
  for (guint q = 0; q < sc->n_parties; q++)
    g_ptr_array_add (ids, sc->parties[q].id);
  g_autofree char *hint = rl_suggest_hint (id, strlen (id), (const char *const *) ids->pdata, ids->len);
  g_set_error (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT, "unknown party '%s'%s", id, hint);
  return -1;
}

gboolean
rl_simulate_options_set_strategy (RlSimulateOptions *opts, const RlScenario *sc, const char *text,
                                  GError **error)
{
  const char *eq = strchr (text, '=');
  if (eq == NULL || eq == text || eq[1] == '\0')
    {
      g_set_error (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT,
                   "expected PARTY=STRATEGY, found '%s'", text);
      return FALSE;
    }
  g_autofree char *id = g_strndup (text, (gsize) (eq - text));
  const char *value = eq + 1;
  int p = find_party (sc, id, error);
  if (p < 0)
    return FALSE;
  RlStrategyKind kind;
  double e;
  if (rl_strategy_from_name (value, &kind, &e))
    {
      opts->strategy[p] = kind;
      opts->exponent[p] = e;
      return TRUE;
    }
  char *end = NULL;
  e = g_ascii_strtod (value, &end);
  if (end != value && *end == '\0' && g_ascii_isdigit (value[0]) && isfinite (e) && e > 0)
    {
      opts->strategy[p] = RL_STRATEGY_EXPONENT;
      opts->exponent[p] = e;
      return TRUE;
    }
  static const char *const names[] = { "hardliner", "boulware", "linear", "conceder" };
  g_autofree char *hint = rl_suggest_hint (value, strlen (value), names, G_N_ELEMENTS (names));
  g_set_error (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT,
               "unknown strategy '%s' (use hardliner, boulware, linear, conceder "
               "or an exponent above 0)%s", value, hint);
  return FALSE;
}

gboolean
rl_simulate_options_set_order (RlSimulateOptions *opts, const RlScenario *sc, const char *text,
                               GError **error)
{
  g_auto (GStrv) ids = g_strsplit (text, ",", -1);
  gboolean used[RL_MAX_PARTIES] = { FALSE };
  guint n = 0;
  guint order[RL_MAX_PARTIES];
  for (guint k = 0; ids[k]; k++)
    {
      char *id = g_strstrip (ids[k]);
      if (id[0] == '\0')
        {
          g_set_error (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT,
                       "expected P,Q,... (veto parties), found '%s'", text);
          return FALSE;
        }
      int p = find_party (sc, id, error);
      if (p < 0)
        return FALSE;
      if (!sc->parties[p].veto)
        {
          g_set_error (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT,
                       "'%s' is an observer; only veto parties propose", id);
          return FALSE;
        }
      if (used[p])
        {
          g_set_error (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT,
                       "'%s' appears twice", id);
          return FALSE;
        }
      used[p] = TRUE;
      order[n++] = (guint) p;
    }
  if (n == 0)
    {
      g_set_error (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT, "no party given");
      return FALSE;
    }
  memcpy (opts->order, order, sizeof (guint) * n);
  opts->n_order = n;
  return TRUE;
}

static gboolean
check_options (const RlScenario *sc, const RlSimulateOptions *opts, GError **error)
{
  if (opts->protocol == RL_PROTOCOL_MEDIATOR && sc->status_quo == NULL)
    {
      g_set_error_literal (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT,
                           "the mediator protocol starts from the status quo, and this scenario "
                           "has no 'status_quo'");
      return FALSE;
    }
  if (opts->rounds < 1 || opts->rounds > RL_SIM_MAX_ROUNDS || opts->horizon > RL_SIM_MAX_HORIZON
      || opts->runs < 1 || opts->runs > RL_SIM_MAX_RUNS || !(opts->noise >= 0)
      || opts->noise > RL_SIM_MAX_NOISE || opts->mediator_reach < 1 || opts->mediator_reach > 2)
    {
      g_set_error_literal (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT,
                           "a simulation setting is out of range");
      return FALSE;
    }
  if (opts->protocol == RL_PROTOCOL_ALTERNATING && opts->n_order == 0)
    {
      g_set_error_literal (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT,
                           "the alternating protocol needs at least one proposer");
      return FALSE;
    }
  for (guint k = 0; k < opts->n_order; k++)
    if (opts->order[k] >= sc->n_parties || !sc->parties[opts->order[k]].veto)
      {
        g_set_error_literal (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT,
                             "only veto parties propose");
        return FALSE;
      }
  for (guint p = 0; p < sc->n_parties; p++)
    if (!(opts->exponent[p] > 0))
      {
        g_set_error (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT,
                     "the strategy exponent of '%s' must be above 0", sc->parties[p].id);
        return FALSE;
      }
  return TRUE;
}

/* ---- what every run shares ------------------------------------------------- */

static void
context_clear (RlSimContext *ctx)
{
  guint np = ctx->sc->n_parties;
  for (guint p = 0; p < np; p++)
    {
      if (ctx->extra)
        g_ptr_array_unref (ctx->extra[p]);
      if (ctx->public_rules)
        g_ptr_array_unref (ctx->public_rules[p]);
      if (ctx->fallback)
        g_free (ctx->fallback[p]);
    }
  g_free (ctx->extra);
  g_free (ctx->public_rules);
  g_free (ctx->fallback);
  g_free (ctx->veto);
  g_free (ctx->ideal);
  g_free (ctx->public_ideal);
}

static double
max_over (RlScenario *sc, GPtrArray *rules, guint party, const RlRun *run)
{
  RlProblem *pb = rl_problem_new (sc, RL_RULES_CONSTRAINTS, (const RlRule *const *) rules->pdata,
                                  rules->len, NULL);
  double best = rl_sim_max_utility (pb, party, run);
  rl_problem_free (pb);
  return best;
}

/* Stops early, with ctx->stopped set, when @run's deadline passes. */
static void
context_init (RlSimContext *ctx, RlScenario *sc, const RlSimulateOptions *opts, const RlRun *run)
{
  guint np = sc->n_parties;
  memset (ctx, 0, sizeof *ctx);
  ctx->sc = sc;
  ctx->opts = opts;
  /* Progress reports are the rounds' or the runs' (rl_run_report()), not
   * those of the searches, which @run makes without any. */
  ctx->run = rl_run_init (&opts->run, run->deadline);
  ctx->veto = g_new0 (guint, np + 1);
  ctx->ideal = g_new0 (double, np + 1);
  ctx->public_ideal = g_new0 (double, np + 1);
  ctx->extra = g_new0 (GPtrArray *, np + 1);
  ctx->public_rules = g_new0 (GPtrArray *, np + 1);
  ctx->fallback = g_new0 (guint8 *, np + 1);
  for (guint p = 0; p < np; p++)
    {
      ctx->extra[p] = g_ptr_array_new ();
      ctx->public_rules[p] = g_ptr_array_new ();
      ctx->ideal[p] = NAN;
      ctx->public_ideal[p] = NAN;
      if (sc->parties[p].veto)
        ctx->veto[ctx->n_veto++] = p;
    }
  for (guint p = 0; p < np; p++)
    {
      const RlParty *party = &sc->parties[p];
      for (guint r = 0; r < party->red_lines->len; r++)
        {
          const RlNamedRule *rule = &g_array_index (party->red_lines, RlNamedRule, r);
          if (rule->is_public)
            g_ptr_array_add (ctx->public_rules[p], rule->rule);
        }
    }
  for (guint v = 0; v < ctx->n_veto; v++)
    {
      guint p = ctx->veto[v];
      const RlParty *party = &sc->parties[p];
      for (guint r = 0; r < party->red_lines->len; r++)
        g_ptr_array_add (ctx->extra[p], g_array_index (party->red_lines, RlNamedRule, r).rule);
      for (guint w = 0; w < ctx->n_veto; w++)
        if (ctx->veto[w] != p)
          g_ptr_array_extend (ctx->extra[p], ctx->public_rules[ctx->veto[w]], NULL, NULL);
    }

  /* Ideals over the constraints and all of one's own red lines. */
  ctx->started = TRUE;
  for (guint v = 0; v < ctx->n_veto; v++)
    {
      guint p = ctx->veto[v];
      g_autoptr (GPtrArray) own = g_ptr_array_new ();
      const RlParty *party = &sc->parties[p];
      for (guint r = 0; r < party->red_lines->len; r++)
        g_ptr_array_add (own, g_array_index (party->red_lines, RlNamedRule, r).rule);
      ctx->ideal[p] = max_over (sc, own, p, run);
      if (rl_deadline_passed (run->deadline))
        {
          ctx->ideal[p] = NAN;
          ctx->stopped = TRUE;
          return;
        }
      if (!(ctx->ideal[p] >= party->batna - RL_EPSILON))
        ctx->started = FALSE;
    }
  if (!ctx->started || opts->protocol != RL_PROTOCOL_ALTERNATING)
    return;

  /* What noise does not change: the ideals others see with noise 0, and
   * each proposer's fallback (its own utility is never perceived). */
  for (guint v = 0; v < ctx->n_veto; v++)
    {
      guint p = ctx->veto[v];
      ctx->public_ideal[p] = max_over (sc, ctx->public_rules[p], p, run);
      RlSimQuestion question = { sc, RL_RULES_CONSTRAINTS,
                                 (const RlRule *const *) ctx->extra[p]->pdata, ctx->extra[p]->len,
                                 NULL };
      RlSimObjective own_best = { .own = p };
      guint8 *x = g_new0 (guint8, sc->n_issues + 1);
      if (rl_sim_choose (&question, &own_best, run, x, NULL, NULL))
        ctx->fallback[p] = x;
      else
        g_free (x);
      if (rl_deadline_passed (run->deadline))
        {
          ctx->stopped = TRUE;
          return;
        }
    }
}

/* ---- one run ------------------------------------------------------------------ */

static void
outcome_clear (RlSimOutcome *out)
{
  g_clear_pointer (&out->package, g_free);
  g_clear_pointer (&out->utilities, g_free);
}

static void
run_one (const RlSimContext *ctx, guint run, guint n_threads, GArray *transcript,
         RlSimOutcome *out)
{
  RlScenario *sc = ctx->sc;
  const RlSimulateOptions *opts = ctx->opts;
  memset (out, 0, sizeof *out);
  out->utilities = g_new0 (double, sc->n_parties + 1);
  for (guint p = 0; p < sc->n_parties; p++)
    out->utilities[p] = sc->parties[p].batna;
  out->broken_by = -1;
  out->started = ctx->started;
  if (ctx->stopped || rl_deadline_passed (ctx->run.deadline))
    {
      /* Not started (or never could be): left out of the summary. */
      out->started = FALSE;
      out->stopped = TRUE;
      return;
    }
  if (!ctx->started)
    return;

  gsl_rng *rng = NULL;
  RlScenario **views = NULL;
  if (opts->noise > 0)
    {
      rng = gsl_rng_alloc (gsl_rng_mt19937);
      gsl_rng_set (rng, rl_simulate_run_seed (opts->seed, run));
      views = rl_sim_views_new (sc, opts->noise, rng);
    }
  if (opts->protocol == RL_PROTOCOL_MEDIATOR)
    rl_sim_mediator (ctx, n_threads, transcript, out);
  else
    rl_sim_alternating (ctx, views, n_threads, transcript, out);
  if (!out->agreed)
    {
      for (guint p = 0; p < sc->n_parties; p++)
        out->utilities[p] = sc->parties[p].batna;
      out->round = 0;
    }
  if (!out->stopped)
    rl_sim_durability (sc, opts->horizon, opts->noise, rng, out);
  rl_sim_views_free (sc, views);
  if (rng)
    gsl_rng_free (rng);
}

/* ---- runs over threads (and MPI ranks) ------------------------------------ */

/* Under mpirun the runs are handed out over the ranks as the engine hands
 * out subtrees (engine/distribute.h); run r's outcome depends on r alone
 * (its own seed), so who plays it changes nothing. Rank 0 plays run 0,
 * whose transcript it prints; afterwards every rank holds every outcome. */
typedef struct {
  const RlSimContext *ctx;
  RlSimOutcome *outcomes;
  GArray *transcript;        /* run 0's */
  guint n_runs;
  RlDispenser *runs;         /* runs 1.. (task t is run t + 1) */
  gint run0_taken;           /* atomic; 1 where another rank plays run 0 */
  gboolean *played_here;     /* per run */
  GMutex lock;
  GCond cond;
  guint done;
  guint running;
} RunPool;

static gpointer
run_worker (gpointer data)
{
  RunPool *pool = data;
  for (;;)
    {
      guint r = 0, task;
      /* Past the deadline, the runs left are marked stopped afterwards,
       * without a lock and a wake-up each. */
      if (rl_deadline_passed (pool->ctx->run.deadline))
        break;
      if (!g_atomic_int_compare_and_exchange (&pool->run0_taken, 0, 1))
        {
          if (!rl_dispenser_claim (pool->runs, &task))
            break;
          r = task + 1;
        }
      run_one (pool->ctx, r, 1, r == 0 ? pool->transcript : NULL, &pool->outcomes[r]);
      pool->played_here[r] = TRUE;
      g_mutex_lock (&pool->lock);
      pool->done++;
      g_cond_signal (&pool->cond);
      g_mutex_unlock (&pool->lock);
    }
  g_mutex_lock (&pool->lock);
  pool->running--;
  g_cond_signal (&pool->cond);
  g_mutex_unlock (&pool->lock);
  return NULL;
}

/* The outcomes this rank played, for the others: run, flags, round, the
 * breaking, the package (when agreed) and the utilities. */
static GBytes *
pack_outcomes (const RunPool *pool, guint n_issues, guint n_parties)
{
  GByteArray *out = g_byte_array_new ();
  for (guint r = 0; r < pool->n_runs; r++)
    {
      if (!pool->played_here[r])
        continue;
      const RlSimOutcome *o = &pool->outcomes[r];
      gint32 fields[8] = { (gint32) r, o->started, o->agreed, (gint32) o->round, o->broken,
                           (gint32) o->broken_at, o->broken_by, o->stopped };
      g_byte_array_append (out, (const guint8 *) fields, sizeof fields);
      guint8 has_package = o->package != NULL;
      g_byte_array_append (out, &has_package, 1);
      if (has_package)
        g_byte_array_append (out, o->package, n_issues);
      g_byte_array_append (out, (const guint8 *) o->utilities, n_parties * sizeof (double));
    }
  return g_byte_array_free_to_bytes (out);
}

static void
unpack_outcomes (RunPool *pool, GBytes *bytes, guint n_issues, guint n_parties)
{
  gsize size;
  const guint8 *at = g_bytes_get_data (bytes, &size), *end = at + size;
  while (at < end)
    {
      gint32 fields[8];
      g_assert ((gsize) (end - at) >= sizeof fields + 1);
      memcpy (fields, at, sizeof fields);
      at += sizeof fields;
      g_assert (fields[0] >= 0 && (guint) fields[0] < pool->n_runs);
      RlSimOutcome *o = &pool->outcomes[fields[0]];
      o->started = fields[1];
      o->agreed = fields[2];
      o->round = (guint) fields[3];
      o->broken = fields[4];
      o->broken_at = (guint) fields[5];
      o->broken_by = fields[6];
      o->stopped = fields[7];
      gboolean has_package = *at++;
      g_assert ((gsize) (end - at) >= (has_package ? n_issues : 0) + n_parties * sizeof (double));
      if (has_package)
        {
          o->package = g_memdup2 (at, n_issues);
          at += n_issues;
        }
      o->utilities = g_memdup2 (at, n_parties * sizeof (double));
      at += n_parties * sizeof (double);
    }
}

static void
run_all (const RlSimContext *ctx, guint n_runs, guint n_threads, GArray *transcript,
         RlSimOutcome *outcomes)
{
  /* Over the ranks only without a deadline: with one, ranks would stop at
   * other runs, and each holds the runs it stopped as stopped. */
  gboolean spread = rl_deadline_is_none (ctx->run.deadline) && rl_distribute_here ();
  RunPool pool = { .ctx = ctx, .outcomes = outcomes, .transcript = transcript, .n_runs = n_runs };
  pool.runs = rl_dispenser_new (n_runs - 1, n_threads, spread);
  pool.run0_taken = spread && rl_distribute_get_rank () != 0;
  pool.played_here = g_new0 (gboolean, n_runs + 1);
  gboolean serving = spread && rl_distribute_get_rank () == 0;
  g_mutex_init (&pool.lock);
  g_cond_init (&pool.cond);
  guint n_workers = MIN (n_threads, n_runs);
  pool.running = n_workers;
  GThread **threads = g_new0 (GThread *, n_workers + 1);
  for (guint t = 0; t < n_workers; t++)
    threads[t] = g_thread_new ("redline-simulate", run_worker, &pool);
  /* "run 812 of 15,000", from the first tenth of a second on. */
  rl_run_report_items (&ctx->run, 0, n_runs, "run");
  gint64 next_report = g_get_monotonic_time () + G_TIME_SPAN_SECOND / 10;
  g_mutex_lock (&pool.lock);
  for (;;)
    {
      /* Rank 0 answers the other ranks between short waits, until every
       * one has said it asks no more. */
      gboolean asking = rl_dispenser_serve (pool.runs, &pool.lock);
      if (pool.running == 0 && !asking)
        break;
      /* Every finished run signals; the report goes by the clock, not by
       * the wait timing out (which it never does while runs are short). */
      gint64 until = serving ? MIN (next_report, g_get_monotonic_time () + RL_DISPENSER_POLL)
                             : next_report;
      g_cond_wait_until (&pool.cond, &pool.lock, until);
      if (g_get_monotonic_time () >= next_report)
        {
          guint done = serving ? rl_dispenser_tasks_given (pool.runs) : pool.done;
          g_mutex_unlock (&pool.lock);
          rl_run_report_items (&ctx->run, done, n_runs, "run");
          next_report = g_get_monotonic_time () + G_TIME_SPAN_SECOND / 10;
          g_mutex_lock (&pool.lock);
        }
    }
  g_mutex_unlock (&pool.lock);
  for (guint t = 0; t < n_workers; t++)
    g_thread_join (threads[t]);
  g_free (threads);
  rl_dispenser_free (pool.runs);
  if (spread)
    {
      guint played = 0;
      for (guint r = 0; r < n_runs; r++)
        played += pool.played_here[r];
      g_debug ("simulate: rank %u played %u of %u runs", rl_distribute_get_rank (), played, n_runs);
      guint ni = ctx->sc->n_issues, np = ctx->sc->n_parties;
      g_autoptr (GBytes) mine = pack_outcomes (&pool, ni, np);
      g_autoptr (GPtrArray) all = rl_distribute_gather (mine);
      for (guint r = 0; r < all->len; r++)
        if (r != rl_distribute_get_rank ())
          unpack_outcomes (&pool, g_ptr_array_index (all, r), ni, np);
    }
  g_free (pool.played_here);
  g_mutex_clear (&pool.lock);
  g_cond_clear (&pool.cond);
}

/* ---- the summary over runs --------------------------------------------------- */

static const RlSimOutcome *
outcome_of (const RlSimulation *sim, guint run)
{
  return &sim->outcomes[sim->n_played == 1 ? 0 : run];
}

static int
compare_guint (gconstpointer a, gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;
  return x < y ? -1 : x > y;
}

typedef struct {
  const RlSimulation *sim;
} SortData;

/* Runs by outcome: agreed packages in index order, then no deal. */
static int
compare_runs (gconstpointer a, gconstpointer b, gpointer data)
{
  const RlSimulation *sim = data;
  const RlSimOutcome *x = outcome_of (sim, *(const guint *) a);
  const RlSimOutcome *y = outcome_of (sim, *(const guint *) b);
  if (x->agreed != y->agreed)
    return x->agreed ? -1 : 1;
  if (!x->agreed)
    return 0;
  return rl_scenario_compare_packages (sim->sc, x->package, y->package);
}

typedef struct {
  guint first;     /* a run with this outcome */
  guint count;
} Group;

static int
compare_groups (gconstpointer a, gconstpointer b, gpointer data)
{
  const Group *x = a, *y = b;
  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return compare_runs (&x->first, &y->first, data);
}

static void
summarise (RlSimulation *sim)
{
  RlScenario *sc = sim->sc;
  RlSimSummary *s = &sim->summary;
  guint np = sc->n_parties;
  s->runs = sim->opts.runs;
  s->mean_utilities = g_new0 (double, np + 1);
  s->broken_by = g_new0 (guint, np + 1);
  /* The runs that finished: all of them unless the timeout came first. */
  g_autofree guint *order = g_new0 (guint, s->runs + 1);
  guint n = 0;
  for (guint r = 0; r < s->runs; r++)
    if (!outcome_of (sim, r)->stopped)
      order[n++] = r;
  s->finished = n;
  g_autofree guint *rounds = g_new0 (guint, n + 1);
  for (guint k = 0; k < n; k++)
    {
      const RlSimOutcome *o = outcome_of (sim, order[k]);
      for (guint p = 0; p < np; p++)
        s->mean_utilities[p] += o->utilities[p];
      if (!o->agreed)
        continue;
      rounds[s->agreed++] = o->round;
      if (o->broken)
        {
          s->broken++;
          s->broken_by[o->broken_by]++;
        }
    }
  for (guint p = 0; p < np; p++)
    s->mean_utilities[p] = n > 0 ? s->mean_utilities[p] / n : NAN;
  s->rounds_median = s->rounds_p90 = NAN;
  if (s->agreed > 0)
    {
      guint m = s->agreed;
      qsort (rounds, m, sizeof (guint), compare_guint);
      s->rounds_median = m % 2 ? rounds[m / 2] : (rounds[m / 2 - 1] + rounds[m / 2]) / 2.0;
      guint rank = (guint) ceil (0.9 * m);
      s->rounds_p90 = rounds[MAX (rank, 1) - 1];
    }

  /* The most frequent outcomes: sort the runs by outcome, count groups. */
  g_qsort_with_data (order, (gint) n, sizeof (guint), compare_runs, sim);
  g_autoptr (GArray) groups = g_array_new (FALSE, FALSE, sizeof (Group));
  for (guint r = 0; r < n; r++)
    {
      if (r > 0 && compare_runs (&order[r - 1], &order[r], sim) == 0)
        g_array_index (groups, Group, groups->len - 1).count++;
      else
        {
          Group g = { order[r], 1 };
          g_array_append_val (groups, g);
        }
    }
  g_array_sort_with_data (groups, compare_groups, sim);
  s->n_outcomes = MIN (groups->len, G_N_ELEMENTS (s->outcomes));
  for (guint k = 0; k < s->n_outcomes; k++)
    {
      const Group *g = &g_array_index (groups, Group, k);
      const RlSimOutcome *o = outcome_of (sim, g->first);
      s->outcomes[k].package = o->agreed ? o->package : NULL;
      s->outcomes[k].index = o->agreed && sc->space_fits ? rl_scenario_package_index (sc, o->package) : 0;
      s->outcomes[k].count = g->count;
    }
}

/* ---- rl_simulate ------------------------------------------------------------- */

/* The top acceptable package by Nash product (scenario.md section 6: the
 * group tying with the largest product, then the smallest index), the
 * ideals over the acceptable packages (for the printed packages' kalai),
 * and run 0's package as the outputs print it. Branch and bound, like
 * every other choice here. When the deadline passes, what was not settled
 * is left out (no Nash package, run 0's package without kalai or with an
 * unknown Pareto flag), and sim->missing says so. */
static void
find_nash (RlSimulation *sim, const RlRun *run)
{
  RlScenario *sc = sim->sc;
  g_autofree double *ideal = g_new0 (double, sc->n_parties + 1);
  gboolean any = TRUE;
  RlProblem *zopa = rl_problem_new_batna (sc, FALSE);
  for (guint p = 0; p < sc->n_parties && any; p++)
    {
      ideal[p] = rl_sim_max_utility (zopa, p, run);
      any = isfinite (ideal[p]);
    }
  rl_problem_free (zopa);
  if (rl_deadline_passed (run->deadline))
    {
      sim->missing |= RL_SIM_MISSING_NASH;
      return;
    }
  if (!any)
    return;

  g_autofree double *thr = g_new0 (double, sc->n_parties + 1);
  RlSimObjective nash = { .kind = RL_SIM_NASH };
  for (guint p = 0; p < sc->n_parties; p++)
    {
      thr[p] = sc->parties[p].veto ? sc->parties[p].batna : -INFINITY;
      if (!sc->parties[p].veto)
        continue;
      nash.term_party[nash.n_terms] = p;
      nash.term_asp[nash.n_terms] = sc->parties[p].batna;
      nash.term_den[nash.n_terms] = sc->parties[p].power;
      nash.n_terms++;
    }
  RlSimQuestion question = { sc, RL_RULES_CONSTRAINTS | RL_RULES_RED_LINES, NULL, 0, thr };
  g_autofree guint8 *x = g_new0 (guint8, sc->n_issues + 1);
  gboolean found = rl_sim_choose (&question, &nash, run, x, NULL, NULL);
  if (rl_deadline_passed (run->deadline))
    {
      sim->missing |= RL_SIM_MISSING_NASH;
      return;
    }
  if (!found)
    return;
  rl_package_init (&sim->nash, sc);
  rl_package_fill (&sim->nash, sc, x, TRUE, ideal);
  sim->has_nash = TRUE;

  /* Run 0's package first: its Pareto flag is printed, the Nash
   * package's is not. */
  const RlSimOutcome *o = &sim->outcomes[0];
  if (o->agreed)
    {
      gboolean acceptable = rl_scenario_is_acceptable (sc, o->package, FALSE);
      rl_package_init (&sim->package, sc);
      rl_package_fill (&sim->package, sc, o->package, acceptable, ideal);
      if (acceptable)
        {
          gboolean cut = FALSE;
          sim->package.pareto = !rl_find_dominator (sc, FALSE, sim->package.utilities,
                                                    run->deadline, &cut);
          if (cut)
            {
              sim->package.pareto = FALSE;
              sim->missing |= RL_SIM_MISSING_PARETO;
            }
        }
      sim->has_package = TRUE;
    }
  /* Not printed, so not missing when the deadline cuts it short. */
  gboolean cut = FALSE;
  sim->nash.pareto = !rl_find_dominator (sc, FALSE, sim->nash.utilities, run->deadline, &cut);
  if (cut)
    sim->nash.pareto = FALSE;
}

RlSimulation *
rl_simulate (RlScenario *sc, const RlSimulateOptions *opts, GError **error)
{
  g_return_val_if_fail (sc != NULL && opts != NULL, NULL);
  if (!check_options (sc, opts, error))
    return NULL;
  RlSimulation *sim = g_new0 (RlSimulation, 1);
  sim->sc = rl_scenario_ref (sc);
  sim->opts = *opts;
  sim->transcript = g_array_new (FALSE, TRUE, sizeof (RlSimRound));
  guint n_threads = opts->run.n_threads ? opts->run.n_threads : MAX (1, g_get_num_processors ());
  RlRun run = rl_run_init (NULL, rl_deadline_from_run (&opts->run));
  run.n_threads = n_threads;

  RlSimContext ctx;
  gint64 t0 = g_get_monotonic_time ();
  context_init (&ctx, sc, &sim->opts, &run);
  g_debug ("simulate: context in %.3f s", (g_get_monotonic_time () - t0) / 1e6);
  t0 = g_get_monotonic_time ();
  sim->ideal = g_memdup2 (ctx.ideal, sizeof (double) * (sc->n_parties + 1));
  sim->n_played = opts->noise > 0 ? opts->runs : 1;
  sim->outcomes = g_new0 (RlSimOutcome, sim->n_played);
  if (sim->n_played == 1)
    {
      ctx.round_progress = TRUE;
      run_one (&ctx, 0, n_threads, sim->transcript, &sim->outcomes[0]);
    }
  else
    {
      run_all (&ctx, sim->n_played, n_threads, sim->transcript, sim->outcomes);
      for (guint r = 0; r < sim->n_played; r++)
        if (sim->outcomes[r].utilities == NULL)   /* never started: stopped */
          run_one (&ctx, r, 1, NULL, &sim->outcomes[r]);
    }
  context_clear (&ctx);
  g_debug ("simulate: %u runs in %.3f s", sim->n_played, (g_get_monotonic_time () - t0) / 1e6);
  t0 = g_get_monotonic_time ();

  /* A deal that is agreed is acceptable (every veto party accepted it at
   * or above an aspiration that is at or above its BATNA); the outputs
   * still check rather than assume. */
  find_nash (sim, &run);
  g_debug ("simulate: Nash package in %.3f s", (g_get_monotonic_time () - t0) / 1e6);
  if (sim->outcomes[0].agreed && !sim->has_package)
    {
      rl_package_init (&sim->package, sc);
      gboolean acceptable = rl_scenario_is_acceptable (sc, sim->outcomes[0].package, FALSE);
      rl_package_fill (&sim->package, sc, sim->outcomes[0].package, acceptable, NULL);
      /* Only the timeout leaves an acceptable package unchecked here. */
      if (acceptable)
        sim->missing |= RL_SIM_MISSING_PARETO | RL_SIM_MISSING_KALAI;
      sim->has_package = TRUE;
    }
  summarise (sim);
  if (sim->outcomes[0].stopped)
    sim->missing |= RL_SIM_MISSING_TALKS;
  if (sim->summary.finished < sim->summary.runs)
    sim->missing |= RL_SIM_MISSING_RUNS;
  return sim;
}

void
rl_simulation_free (RlSimulation *sim)
{
  if (sim == NULL)
    return;
  for (guint k = 0; k < sim->transcript->len; k++)
    rl_sim_round_clear (&g_array_index (sim->transcript, RlSimRound, k));
  g_array_unref (sim->transcript);
  for (guint r = 0; r < sim->n_played; r++)
    outcome_clear (&sim->outcomes[r]);
  g_free (sim->outcomes);
  if (sim->has_package)
    rl_package_clear (&sim->package);
  if (sim->has_nash)
    rl_package_clear (&sim->nash);
  g_free (sim->summary.mean_utilities);
  g_free (sim->summary.broken_by);
  g_free (sim->ideal);
  rl_scenario_unref (sim->sc);
  g_free (sim);
}

/* ---- getters ------------------------------------------------------------------ */

RlScenario *rl_simulation_get_scenario (const RlSimulation *sim) { return sim->sc; }
const RlSimulateOptions *rl_simulation_get_options (const RlSimulation *sim) { return &sim->opts; }
guint rl_simulation_get_n_rounds (const RlSimulation *sim) { return sim->transcript->len; }
const RlSimOutcome *rl_simulation_get_outcome (const RlSimulation *sim) { return &sim->outcomes[0]; }
const RlSimSummary *rl_simulation_get_summary (const RlSimulation *sim) { return &sim->summary; }
RlSimMissing rl_simulation_get_missing (const RlSimulation *sim) { return sim->missing; }
gboolean rl_simulation_is_complete (const RlSimulation *sim) { return sim->missing == 0; }

const RlSimRound *
rl_simulation_get_round (const RlSimulation *sim, guint k)
{
  g_return_val_if_fail (k < sim->transcript->len, NULL);
  return &g_array_index (sim->transcript, RlSimRound, k);
}

const RlSimOutcome *
rl_simulation_get_run_outcome (const RlSimulation *sim, guint run)
{
  g_return_val_if_fail (run < sim->opts.runs, NULL);
  return outcome_of (sim, run);
}

const RlPackage *
rl_simulation_get_package (const RlSimulation *sim)
{
  return sim->has_package ? &sim->package : NULL;
}

const RlPackage *
rl_simulation_get_nash_package (const RlSimulation *sim)
{
  return sim->has_nash ? &sim->nash : NULL;
}

double
rl_simulation_get_ideal (const RlSimulation *sim, guint p)
{
  g_return_val_if_fail (p < sim->sc->n_parties, NAN);
  return sim->ideal[p];
}

double
rl_simulation_nash_distance (const RlSimulation *sim, guint run)
{
  g_return_val_if_fail (run < sim->opts.runs, NAN);
  const RlSimOutcome *o = outcome_of (sim, run);
  if (!sim->has_nash || o->stopped)
    return NAN;
  double sum = 0;
  for (guint p = 0; p < sim->sc->n_parties; p++)
    {
      double d = o->utilities[p] - sim->nash.utilities[p];
      sum += d * d;
    }
  return sqrt (sum);
}
