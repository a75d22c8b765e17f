/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * explain-sets.c: conflicts (minimal unsatisfiable sets of blockers, MUS)
 * and relaxations (minimal correction sets, MCS: the complements of the
 * maximal satisfiable sets).
 *
 * Every question is "is this set of blockers satisfiable?", answered by
 * a search that stops at its first witness. An oracle caches the answers:
 * a witness package satisfies a whole set of blockers (its *witness mask*),
 * so every subset of a mask is satisfiable; every superset of a refuted
 * set is unsatisfiable. Blockers are numbered here by the byte order of
 * their ids ("ranks"), so that listing sets in lexicographic order of
 * their members is the order cli.md wants within a size.
 *
 * Two algorithms, both exact when they finish:
 *
 * 1. Up to RL_EXPLAIN_EXACT_LIMIT blockers, a sweep of the power set by
 *    size, with a table of what is known of every subset: a subset
 *    neither under a known witness mask nor above a known refuted set costs
 *    one search, which then settles a whole down-set (its witness mask's
 *    subsets) or up-set (its supersets). Met in size order, an
 *    unsatisfiable subset whose one-smaller subsets are all satisfiable is
 *    a conflict; a satisfiable subset whose one-larger supersets are all
 *    unsatisfiable is a maximal satisfiable set, whose complement is a
 *    relaxation. At most 2^20 table entries and one search per distinct
 *    region.
 *
 * 2. Beyond, MARCO's duality, level by level: a conflict must "hit" (not
 *    lie inside) every known witness mask, and a relaxation must hit every
 *    known conflict. Level k enumerates, in lexicographic order, the
 *    k-sets that hit every member of the one family and contain no member
 *    of the other (found sets and their supersets are explored), pruning a
 *    branch when an unhit member can no longer be hit or when more
 *    pairwise disjoint unhit members remain than places to fill. A
 *    candidate conflict that is unsatisfiable is minimal (each smaller
 *    subset was settled at an earlier level); a candidate relaxation whose
 *    complement is satisfiable is minimal for the same reason, and one
 *    whose complement is not yields a new conflict by QuickXplain
 *    (Junker 2004), which rules it out. The first conflict comes from
 *    QuickXplain on the whole set, the first relaxation from growing a
 *    maximal satisfiable set greedily, so that something is found fast
 *    whatever the size; the levels then make the lists exact, smallest
 *    first, until the first `max` are settled or the deadline passes.
 */
#include "analysis/explain-private.h"

#include <string.h>

#include "engine/package.h"
#include "model/scenario-internals.h"

/* The power-set table never goes beyond this many blockers. */
#define SWEEP_MAX 24

/* Spaces up to this size are searched by rl_problem_find_one(), which has
 * no deadline but cannot take long; larger ones by a one-thread visit that
 * honours the deadline. */
#define SMALL_SPACE (G_GUINT64_CONSTANT (1) << 20)

/* ---- bit sets over blocker ranks -------------------------------------------- */

typedef guint64 Word;

static inline gboolean
set_has (const Word *s, guint i)
{
  return (s[i >> 6] >> (i & 63)) & 1;
}

static inline void
set_add (Word *s, guint i)
{
  s[i >> 6] |= (Word) 1 << (i & 63);
}

static inline void
set_del (Word *s, guint i)
{
  s[i >> 6] &= ~((Word) 1 << (i & 63));
}

static inline gboolean
set_subset (const Word *a, const Word *b, guint w)
{
  for (guint k = 0; k < w; k++)
    if (a[k] & ~b[k])
      return FALSE;
  return TRUE;
}

static inline gboolean
set_meets (const Word *a, const Word *b, guint w)
{
  for (guint k = 0; k < w; k++)
    if (a[k] & b[k])
      return TRUE;
  return FALSE;
}

static inline guint
set_count (const Word *s, guint w)
{
  guint c = 0;
  for (guint k = 0; k < w; k++)
    c += (guint) __builtin_popcountll (s[k]);
  return c;
}

/* A growing list of sets of w words each. Pointers into it do not survive
 * an append. */
typedef struct {
  GArray *words;
  guint w;
  guint len;
} SetList;

static void
setlist_init (SetList *l, guint w)
{
  l->words = g_array_new (FALSE, TRUE, sizeof (Word));
  l->w = w;
  l->len = 0;
}

static void
setlist_clear (SetList *l)
{
  g_clear_pointer (&l->words, g_array_unref);
}

static inline Word *
setlist_get (const SetList *l, guint i)
{
  return &g_array_index (l->words, Word, (gsize) i * l->w);
}

static void
setlist_add (SetList *l, const Word *s)
{
  g_array_append_vals (l->words, s, l->w);
  l->len++;
}

/* ---- the oracle --------------------------------------------------------------- */

typedef enum {
  ANSWER_NO,
  ANSWER_YES,
  ANSWER_UNKNOWN,   /* the deadline passed */
} Answer;

typedef struct {
  RlScenario *sc;
  const RlBlocker *blockers;   /* file order */
  guint n;
  guint w;
  guint *by_rank;              /* rank -> file position */
  gboolean small_space;
  RlDeadline deadline;         /* of the current phase */
  gboolean timed_out;
  guint64 n_tests;
  SetList sat;                 /* witness masks */
  SetList cosat;               /* their complements, same positions */
  SetList unsat;               /* refuted sets */
  gboolean *keep;              /* scratch, per file position */
  guint8 *package;
  double *u;
  Word *full;
  RlRun run;                   /* progress: stage 2 conflicts, 3 relaxations */
  gint64 phase_start;
} Oracle;

static gboolean
past (Oracle *o)
{
  if (o->timed_out)
    return TRUE;
  if (rl_deadline_passed (o->deadline))
    o->timed_out = TRUE;
  return o->timed_out;
}

/* Progress of a phase that runs until it is done or its deadline comes:
 * @fraction when it is known, else the share of the time used. */
static void
report (Oracle *o, double fraction)
{
  if (!o->run.progress)
    return;
  gint64 now = g_get_monotonic_time ();
  if (fraction < 0 && o->deadline.at > o->phase_start)
    fraction = (double) (now - o->phase_start) / (double) (o->deadline.at - o->phase_start);
  rl_run_report_step (&o->run, fraction);
}

typedef struct {
  guint8 *out;
  guint n;
  gboolean found;
} FirstWitness;

static gpointer
first_worker_new (gpointer data)
{
  return data;
}

static gboolean
first_leaf (gpointer worker, const guint8 *package, const double *u)
{
  FirstWitness *fw = worker;
  (void) u;
  memcpy (fw->out, package, fw->n);
  fw->found = TRUE;
  return FALSE;
}

/* One search, no cache. On ANSWER_YES, @mask (if given) receives every
 * blocker the witness satisfies. */
static Answer
oracle_search (Oracle *o, const Word *s, Word *mask)
{
  if (past (o))
    return ANSWER_UNKNOWN;
  for (guint r = 0; r < o->n; r++)
    o->keep[o->by_rank[r]] = set_has (s, r);
  RlProblem *pb = rl_blockers_problem (o->sc, o->blockers, o->n, o->keep);
  gboolean found;
  o->n_tests++;
  if (o->small_space || rl_deadline_is_none (o->deadline))
    found = rl_problem_find_one (pb, o->package);
  else
    {
      FirstWitness fw = { o->package, o->sc->n_issues, FALSE };
      RlRun one = rl_run_init (NULL, o->deadline);
      one.n_threads = 1;
      one.sequential = TRUE;
      RlVisitor visitor = { .worker_new = first_worker_new, .leaf = first_leaf };
      gboolean timed_out = FALSE;
      rl_problem_visit (pb, &one, &visitor, &fw, &timed_out);
      found = fw.found;
      if (!found && timed_out)
        {
          o->timed_out = TRUE;
          rl_problem_free (pb);
          return ANSWER_UNKNOWN;
        }
    }
  rl_problem_free (pb);
  if (!found)
    return ANSWER_NO;
  if (mask)
    {
      rl_canonical_utilities (o->sc, o->package, o->u);
      memcpy (mask, s, o->w * sizeof (Word));
      for (guint r = 0; r < o->n; r++)
        if (rl_blocker_holds (o->sc, &o->blockers[o->by_rank[r]], o->package, o->u))
          set_add (mask, r);
    }
  return ANSWER_YES;
}

static void
oracle_record_witness (Oracle *o, const Word *mask)
{
  for (guint i = 0; i < o->sat.len; i++)
    if (set_subset (mask, setlist_get (&o->sat, i), o->w))
      return;
  setlist_add (&o->sat, mask);
  Word co[o->w];
  for (guint k = 0; k < o->w; k++)
    co[k] = o->full[k] & ~mask[k];
  setlist_add (&o->cosat, co);
}

/* Whether @s is satisfiable, from the cache when it knows. On ANSWER_YES,
 * @mask (if given) receives a witness mask that contains @s. */
static Answer
oracle_sat (Oracle *o, const Word *s, Word *mask)
{
  for (guint i = 0; i < o->sat.len; i++)
    if (set_subset (s, setlist_get (&o->sat, i), o->w))
      {
        if (mask)
          memcpy (mask, setlist_get (&o->sat, i), o->w * sizeof (Word));
        return ANSWER_YES;
      }
  for (guint i = 0; i < o->unsat.len; i++)
    if (set_subset (setlist_get (&o->unsat, i), s, o->w))
      return ANSWER_NO;
  Word local[o->w];
  Word *m = mask ? mask : local;
  Answer a = oracle_search (o, s, m);
  if (a == ANSWER_YES)
    oracle_record_witness (o, m);
  else if (a == ANSWER_NO)
    setlist_add (&o->unsat, s);
  return a;
}

/* ---- QuickXplain --------------------------------------------------------------- */

/* Junker's QuickXplain: the conflict among @c (n_c ranks) given the
 * background @bk, which is satisfiable together with none of ... (see
 * below), added to @out. Returns FALSE on a timeout. */
static gboolean
qx (Oracle *o, Word *bk, gboolean has_delta, const guint *c, guint n_c, Word *out)
{
  if (has_delta)
    {
      Answer a = oracle_sat (o, bk, NULL);
      if (a == ANSWER_UNKNOWN)
        return FALSE;
      if (a == ANSWER_NO)
        return TRUE;
    }
  if (n_c == 1)
    {
      set_add (out, c[0]);
      return TRUE;
    }
  guint half = n_c / 2;
  const guint *c1 = c, *c2 = c + half;
  guint n1 = half, n2 = n_c - half;

  /* D2 = QX (B + C1, C1, C2) */
  Word b1[o->w];
  memcpy (b1, bk, o->w * sizeof (Word));
  for (guint j = 0; j < n1; j++)
    set_add (b1, c1[j]);
  Word d2[o->w];
  memset (d2, 0, o->w * sizeof (Word));
  if (!qx (o, b1, TRUE, c2, n2, d2))
    return FALSE;

  /* D1 = QX (B + D2, D2, C1) */
  Word b2[o->w];
  gboolean d2_empty = TRUE;
  for (guint k = 0; k < o->w; k++)
    {
      b2[k] = bk[k] | d2[k];
      d2_empty = d2_empty && d2[k] == 0;
    }
  Word d1[o->w];
  memset (d1, 0, o->w * sizeof (Word));
  if (!qx (o, b2, !d2_empty, c1, n1, d1))
    return FALSE;
  for (guint k = 0; k < o->w; k++)
    out[k] |= d1[k] | d2[k];
  return TRUE;
}

/* A conflict inside @u, which must be unsatisfiable. */
static gboolean
quickxplain (Oracle *o, const Word *u, Word *conflict)
{
  memset (conflict, 0, o->w * sizeof (Word));
  Word none[o->w];
  memset (none, 0, o->w * sizeof (Word));
  Answer a = oracle_sat (o, none, NULL);
  if (a != ANSWER_YES)
    return a == ANSWER_NO;   /* the constraints alone conflict: the empty set */
  g_autofree guint *c = g_new (guint, o->n + 1);
  guint n_c = 0;
  for (guint r = 0; r < o->n; r++)
    if (set_has (u, r))
      c[n_c++] = r;
  g_return_val_if_fail (n_c > 0, FALSE);
  return qx (o, none, FALSE, c, n_c, conflict);
}

/* ---- ordering and output ------------------------------------------------------ */

/* Lexicographic order of the member ranks, smaller sets first. */
static int
compare_sets (const Word *a, const Word *b, guint w)
{
  guint ca = set_count (a, w), cb = set_count (b, w);
  if (ca != cb)
    return ca < cb ? -1 : 1;
  for (guint k = 0; k < w; k++)
    if (a[k] != b[k])
      {
        /* The lowest differing member decides: the set holding it comes
         * first. */
        Word diff = a[k] ^ b[k];
        Word low = diff & (~diff + 1);
        return (a[k] & low) ? -1 : 1;
      }
  return 0;
}

static int
compare_in_list (gconstpointer x, gconstpointer y, gpointer data)
{
  const SetList *l = data;
  return compare_sets (setlist_get (l, *(const guint *) x), setlist_get (l, *(const guint *) y), l->w);
}

/* The first @max sets of @l, in order, as RlBlockerSets. */
static GPtrArray *
take_first (const Oracle *o, const SetList *l, guint max)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) rl_blocker_set_free);
  g_autofree guint *idx = g_new (guint, l->len + 1);
  for (guint i = 0; i < l->len; i++)
    idx[i] = i;
  g_qsort_with_data (idx, (gint) l->len, sizeof (guint), compare_in_list, (gpointer) l);
  for (guint i = 0; i < l->len && i < max; i++)
    {
      const Word *s = setlist_get (l, idx[i]);
      RlBlockerSet *set = g_new0 (RlBlockerSet, 1);
      set->members = g_new (guint, set_count (s, l->w) + 1);
      for (guint r = 0; r < o->n; r++)
        if (set_has (s, r))
          set->members[set->n++] = o->by_rank[r];
      g_ptr_array_add (out, set);
    }
  return out;
}

/* How many sets of @l come before or at @s in the order (or all smaller
 * ones, with @s NULL and @size given). */
static guint
count_up_to (const SetList *l, const Word *s, guint size)
{
  guint n = 0;
  for (guint i = 0; i < l->len; i++)
    {
      const Word *t = setlist_get (l, i);
      if (s ? compare_sets (t, s, l->w) <= 0 : set_count (t, l->w) < size)
        n++;
    }
  return n;
}

/* ---- 1. the power-set sweep ----------------------------------------------------- */

enum { KNOWN_NOT = 0, KNOWN_SAT = 1, KNOWN_UNSAT = 2 };

static void
mask_to_set (guint32 m, Word *s, guint w)
{
  memset (s, 0, w * sizeof (Word));
  s[0] = m;
}

/* Marks every subset of @m satisfiable. */
static void
mark_down (guint8 *state, guint32 m, GArray *stack)
{
  g_array_set_size (stack, 0);
  g_array_append_val (stack, m);
  while (stack->len > 0)
    {
      guint32 x = g_array_index (stack, guint32, stack->len - 1);
      g_array_set_size (stack, stack->len - 1);
      if (state[x] != KNOWN_NOT)
        continue;
      state[x] = KNOWN_SAT;
      for (guint32 rest = x; rest; rest &= rest - 1)
        {
          guint32 y = x & ~(rest & (~rest + 1));
          if (state[y] == KNOWN_NOT)
            g_array_append_val (stack, y);
        }
    }
}

/* Marks every superset of @m unsatisfiable. */
static void
mark_up (guint8 *state, guint32 m, guint32 full, GArray *stack)
{
  g_array_set_size (stack, 0);
  g_array_append_val (stack, m);
  while (stack->len > 0)
    {
      guint32 x = g_array_index (stack, guint32, stack->len - 1);
      g_array_set_size (stack, stack->len - 1);
      if (state[x] != KNOWN_NOT)
        continue;
      state[x] = KNOWN_UNSAT;
      for (guint32 rest = full & ~x; rest; rest &= rest - 1)
        {
          guint32 y = x | (rest & (~rest + 1));
          if (state[y] == KNOWN_NOT)
            g_array_append_val (stack, y);
        }
    }
}

/* Sweeps the power set; fills @mus and @mcs with everything found.
 * Returns whether the sweep finished. */
static gboolean
sweep (Oracle *o, SetList *mus, SetList *mcs)
{
  guint n = o->n;
  guint32 full = n == 32 ? G_MAXUINT32 : ((guint32) 1 << n) - 1;
  gsize size = (gsize) 1 << n;
  g_autofree guint8 *state = g_malloc0 (size);
  g_autoptr (GArray) stack = g_array_new (FALSE, FALSE, sizeof (guint32));
  Word s[o->w], mask[o->w];
  gsize done = 0;
  gboolean finished = TRUE;

  for (guint k = 0; k <= n && finished; k++)
    {
      /* The k-subsets in increasing order (Gosper's hack). */
      guint32 m = k == 0 ? 0 : ((guint32) 1 << k) - 1;
      for (;;)
        {
          if (state[m] == KNOWN_NOT)
            {
              mask_to_set (m, s, o->w);
              Answer a = oracle_search (o, s, mask);
              if (a == ANSWER_UNKNOWN)
                {
                  finished = FALSE;
                  break;
                }
              if (a == ANSWER_YES)
                mark_down (state, (guint32) mask[0] & full, stack);
              else
                mark_up (state, m, full, stack);
            }
          if (state[m] == KNOWN_UNSAT)
            {
              gboolean minimal = TRUE;
              for (guint32 rest = m; rest && minimal; rest &= rest - 1)
                minimal = state[m & ~(rest & (~rest + 1))] == KNOWN_SAT;
              if (minimal)
                {
                  mask_to_set (m, s, o->w);
                  setlist_add (mus, s);
                }
            }
          if ((++done & 1023) == 0)
            report (o, (double) done / (double) size);
          if (k == 0 || k == n)
            break;
          guint32 low = m & (~m + 1);
          guint32 ripple = m + low;
          if (ripple == 0 || ripple > full)
            break;
          m = (((ripple ^ m) >> 2) / low) | ripple;
          if (m > full)
            break;
        }
    }

  /* Maximal satisfiable subsets: each one-larger superset is known to be
   * unsatisfiable (after an early stop, only those proven). */
  for (guint32 m = 0; ; m++)
    {
      if (state[m] == KNOWN_SAT)
        {
          gboolean maximal = TRUE;
          for (guint32 rest = full & ~m; rest && maximal; rest &= rest - 1)
            maximal = state[m | (rest & (~rest + 1))] == KNOWN_UNSAT;
          if (maximal)
            {
              mask_to_set (full & ~m, s, o->w);
              setlist_add (mcs, s);
            }
        }
      if (m == full)
        break;
    }
  return finished;
}

/* ---- 2. level by level ------------------------------------------------------------ */

/* The candidates of level k are the k-sets that hit every member of one
 * family and contain no member of another. Each (k-1)-subset of a
 * candidate was settled at an earlier level, so it misses some member:
 * the candidates are minimal hitting sets, and they are enumerated the
 * way hitting sets are: take the unhit member with the fewest free
 * elements and branch on each of them, the i-th branch excluding the
 * first i-1 (so that no set comes twice). A branch dies when an unhit
 * member has no free element left, or when more pairwise disjoint unhit
 * members remain than places to fill. The families may grow while a level
 * runs (a visit adds what it learns); each node reads them afresh, and a
 * set that hits the grown family hits every member any node used, so no
 * candidate is lost. */
typedef struct _Level Level;
struct _Level {
  Oracle *o;
  guint k;
  const SetList *hit;      /* every candidate meets each */
  const SetList *avoid;    /* no candidate contains one */
  gboolean (*visit) (Level *lv, const Word *cand);   /* FALSE stops */
  gpointer data;
  guint64 nodes;
  gboolean stop;
};

static gboolean
contains_avoided (const Level *lv, const Word *cand, guint added)
{
  for (guint i = 0; i < lv->avoid->len; i++)
    {
      const Word *g = setlist_get (lv->avoid, i);
      if (set_has (g, added) && set_subset (g, cand, lv->o->w))
        return TRUE;
    }
  return FALSE;
}

static void
level_branch (Level *lv, Word *cand, const Word *excl, guint size)
{
  Oracle *o = lv->o;
  guint w = o->w;
  if (lv->stop)
    return;
  if ((++lv->nodes & 255) == 0)
    {
      if (past (o))
        {
          lv->stop = TRUE;
          return;
        }
      report (o, -1);
    }

  /* The unhit member to branch on, and the bound. */
  Word used[w];
  memset (used, 0, sizeof used);
  int pick = -1;
  guint pick_free = G_MAXUINT, disjoint = 0;
  for (guint i = 0; i < lv->hit->len; i++)
    {
      const Word *f = setlist_get (lv->hit, i);
      if (set_meets (f, cand, w))
        continue;
      guint free = 0;
      gboolean fresh = TRUE;
      for (guint k = 0; k < w; k++)
        {
          Word g = f[k] & ~excl[k];
          free += (guint) __builtin_popcountll (g);
          if (g & used[k])
            fresh = FALSE;
        }
      if (free == 0)
        return;                       /* cannot be hit any more */
      if (free < pick_free)
        {
          pick = (int) i;
          pick_free = free;
        }
      if (fresh)
        {
          for (guint k = 0; k < w; k++)
            used[k] |= f[k] & ~excl[k];
          disjoint++;
        }
    }
  if (pick < 0)
    {
      /* Everything is hit. A smaller set that does so was settled at its
       * own level: it contains a found set, so it cannot get here. */
      if (size == lv->k && !lv->visit (lv, cand))
        lv->stop = TRUE;
      return;
    }
  if (size + disjoint > lv->k)
    return;

  Word f[w], child_excl[w];
  memcpy (f, setlist_get (lv->hit, (guint) pick), sizeof f);
  memcpy (child_excl, excl, sizeof child_excl);
  for (guint e = 0; e < o->n && !lv->stop; e++)
    {
      if (!set_has (f, e) || set_has (excl, e))
        continue;
      set_add (cand, e);
      if (!contains_avoided (lv, cand, e))
        level_branch (lv, cand, child_excl, size + 1);
      set_del (cand, e);
      set_add (child_excl, e);        /* later siblings leave it out */
    }
}

/* Runs level @k; returns FALSE when the deadline stopped it. */
static gboolean
level_run (Oracle *o, guint k, const SetList *hit, const SetList *avoid,
           gboolean (*visit) (Level *, const Word *), gpointer data)
{
  Word cand[o->w], excl[o->w];
  memset (cand, 0, sizeof cand);
  memset (excl, 0, sizeof excl);
  Level lv = { .o = o, .k = k, .hit = hit, .avoid = avoid, .visit = visit, .data = data };
  level_branch (&lv, cand, excl, 0);
  return !o->timed_out;
}

typedef struct {
  SetList *mus;
  SetList *mcs;
} Levels;

/* A candidate conflict: unsatisfiable means minimal (every one-smaller
 * subset lies under a witness); satisfiable adds a witness. */
static gboolean
conflict_visit (Level *lv, const Word *cand)
{
  Levels *ls = lv->data;
  Answer a = oracle_sat (lv->o, cand, NULL);
  if (a == ANSWER_NO)
    setlist_add (ls->mus, cand);
  return a != ANSWER_UNKNOWN;
}

/* A candidate relaxation: a satisfiable rest means minimal; otherwise the
 * rest holds a conflict the candidate misses, which rules it out. */
static gboolean
relaxation_visit (Level *lv, const Word *cand)
{
  Levels *ls = lv->data;
  Oracle *o = lv->o;
  Word rest[o->w];
  for (guint k = 0; k < o->w; k++)
    rest[k] = o->full[k] & ~cand[k];
  Answer a = oracle_sat (o, rest, NULL);
  if (a == ANSWER_UNKNOWN)
    return FALSE;
  if (a == ANSWER_YES)
    {
      setlist_add (ls->mcs, cand);
      return TRUE;
    }
  Word conflict[o->w];
  if (!quickxplain (o, rest, conflict))
    return FALSE;
  setlist_add (ls->mus, conflict);
  return TRUE;
}

/* A maximal satisfiable set grown greedily, the blockers in the fewest
 * known conflicts first; its complement is a relaxation. */
static gboolean
grow_relaxation (Oracle *o, const SetList *mus, SetList *mcs)
{
  Word s[o->w], mask[o->w];
  memset (s, 0, sizeof s);
  if (oracle_sat (o, s, mask) != ANSWER_YES)
    return FALSE;
  memcpy (s, mask, sizeof s);
  g_autofree guint *order = g_new (guint, o->n + 1);
  g_autofree guint *weight = g_new0 (guint, o->n + 1);
  for (guint i = 0; i < mus->len; i++)
    for (guint r = 0; r < o->n; r++)
      if (set_has (setlist_get (mus, i), r))
        weight[r]++;
  for (guint r = 0; r < o->n; r++)
    order[r] = r;
  for (guint a = 1; a < o->n; a++)     /* insertion sort: stable */
    for (guint b = a; b > 0 && weight[order[b]] < weight[order[b - 1]]; b--)
      {
        guint t = order[b];
        order[b] = order[b - 1];
        order[b - 1] = t;
      }
  for (guint j = 0; j < o->n; j++)
    {
      guint r = order[j];
      if (set_has (s, r))
        continue;
      set_add (s, r);
      Answer a = oracle_sat (o, s, mask);
      if (a == ANSWER_UNKNOWN)
        return FALSE;
      if (a == ANSWER_YES)
        memcpy (s, mask, sizeof s);
      else
        set_del (s, r);
    }
  Word co[o->w];
  for (guint k = 0; k < o->w; k++)
    co[k] = o->full[k] & ~s[k];
  for (guint i = 0; i < mcs->len; i++)
    if (memcmp (setlist_get (mcs, i), co, sizeof co) == 0)
      return TRUE;
  setlist_add (mcs, co);
  return TRUE;
}

static void
phase (Oracle *o, guint stage, RlDeadline deadline)
{
  o->run.stage = stage;
  o->deadline = deadline;
  o->timed_out = FALSE;
  o->phase_start = g_get_monotonic_time ();
}

/* Levels 0, 1, ... until the first @max of @found are settled: all sets
 * up to the size of the max-th are known. Returns whether they are. */
static gboolean
run_levels (Oracle *o, guint max, const SetList *hit, const SetList *avoid, SetList *found,
            gboolean (*visit) (Level *, const Word *), Levels *ls)
{
  if (max == 0)
    return TRUE;
  for (guint k = 0; k <= o->n; k++)
    {
      if (count_up_to (found, NULL, k) >= max)
        return TRUE;
      if (!level_run (o, k, hit, avoid, visit, ls))
        return FALSE;
    }
  return TRUE;
}

/* Returns whether the first max of both lists are settled. */
static gboolean
by_levels (Oracle *o, const RlSetsJob *job, SetList *mus, SetList *mcs)
{
  Levels ls = { .mus = mus, .mcs = mcs };

  /* Conflicts: the first at once, then level by level (level 0 records
   * the witness of the empty set). */
  phase (o, 2, job->conflicts_until);
  gboolean conflicts_done = job->max_conflicts == 0;
  Word first[o->w];
  if (!conflicts_done && quickxplain (o, o->full, first))
    {
      setlist_add (mus, first);
      g_debug ("explain: a first conflict of %u after %" G_GUINT64_FORMAT " tests, %.3f s",
               set_count (first, o->w), o->n_tests, (g_get_monotonic_time () - o->phase_start) / 1e6);
    }
  if (!conflicts_done)
    conflicts_done = run_levels (o, job->max_conflicts, &o->cosat, mus, mus, conflict_visit, &ls);

  /* Relaxations: one grown greedily, then level by level (level 0 learns
   * a first conflict if there is none yet). */
  phase (o, 3, job->relaxations_until);
  gboolean relaxations_done = job->max_relaxations == 0;
  if (!relaxations_done)
    {
      grow_relaxation (o, mus, mcs);
      relaxations_done = run_levels (o, job->max_relaxations, mus, mcs, mcs, relaxation_visit, &ls);
    }
  return conflicts_done && relaxations_done;
}

/* ---- entry point ---------------------------------------------------------------- */

void
rl_explain_sets (const RlSetsJob *job, RlSetsResult *out)
{
  Oracle o = {
    .sc = job->sc,
    .blockers = job->blockers,
    .n = job->n,
    .w = MAX (1, (job->n + 63) / 64),
  };
  RlRunOptions progress = { .progress = job->progress, .progress_data = job->progress_data };
  o.run = rl_run_init (&progress, RL_NO_DEADLINE);
  o.run.n_stages = 4;
  guint64 space;
  o.small_space = rl_scenario_get_space (job->sc, &space) && space <= SMALL_SPACE;
  o.by_rank = g_new (guint, job->n + 1);
  for (guint b = 0; b < job->n; b++)
    o.by_rank[job->blockers[b].rank] = b;
  setlist_init (&o.sat, o.w);
  setlist_init (&o.cosat, o.w);
  setlist_init (&o.unsat, o.w);
  o.keep = g_new0 (gboolean, job->n + 1);
  o.package = g_new0 (guint8, job->sc->n_issues + 1);
  o.u = g_new0 (double, job->sc->n_parties + 1);
  o.full = g_new0 (Word, o.w);
  for (guint r = 0; r < job->n; r++)
    set_add (o.full, r);

  SetList mus, mcs;
  setlist_init (&mus, o.w);
  setlist_init (&mcs, o.w);
  gboolean complete;
  if (job->n <= MIN (job->exact_limit, SWEEP_MAX))
    {
      phase (&o, 2, job->relaxations_until);
      complete = sweep (&o, &mus, &mcs);
    }
  else
    complete = by_levels (&o, job, &mus, &mcs);

  out->conflicts = take_first (&o, &mus, job->max_conflicts);
  out->relaxations = take_first (&o, &mcs, job->max_relaxations);
  out->complete = complete;
  out->n_tests = o.n_tests;

  setlist_clear (&mus);
  setlist_clear (&mcs);
  setlist_clear (&o.sat);
  setlist_clear (&o.cosat);
  setlist_clear (&o.unsat);
  g_free (o.by_rank);
  g_free (o.keep);
  g_free (o.package);
  g_free (o.u);
  g_free (o.full);
}
