/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * distribute.c: MPI behind engine/distribute.h; the only includer of
 * <mpi.h>. Built without MPI, it is one rank.
 *
 * Threads: MPI_THREAD_SERIALIZED. On rank 0 only the searching thread
 * calls MPI; on the others the workers ask for tasks one at a time under
 * a lock, while the searching thread waits for them without calling MPI.
 */
#include "engine/distribute.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rl-config.h"
#include <redline/error.h>

#if RL_HAVE_MPI
#include <mpi.h>
#endif

static guint my_rank;
static guint n_ranks = 1;
static GThread *joined_thread;
static gint64 busy_ns;        /* atomic (GCC builtins) */
static guint64 busy_nodes;    /* atomic */

enum { TAG_ASK = 1, TAG_GIVE, TAG_DONE };

#if RL_HAVE_MPI
static MPI_Comm comm;
static GMutex mpi_lock;       /* the workers of a rank ask one at a time */

/* The marks launchers leave: Open MPI's mpirun, PMIx (srun, prterun), and
 * the PMI of MPICH and of older Slurm. */
static gboolean
launched (void)
{
  static const char *const marks[] = { "OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE" };
  for (guint i = 0; i < G_N_ELEMENTS (marks); i++)
    if (g_getenv (marks[i]))
      return TRUE;
  return FALSE;
}
#endif

gboolean
rl_distribute_init (int *argc, char ***argv, GError **error)
{
#if RL_HAVE_MPI
  if (!launched ())
    return TRUE;
  int provided = 0;
  if (MPI_Init_thread (argc, argv, MPI_THREAD_SERIALIZED, &provided) != MPI_SUCCESS)
    {
      g_set_error (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT, "MPI failed to start");
      return FALSE;
    }
  if (provided < MPI_THREAD_SERIALIZED)
    {
      MPI_Finalize ();
      g_set_error (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT,
                   "the MPI library does not allow calls from several threads (MPI_THREAD_SERIALIZED)");
      return FALSE;
    }
  MPI_Comm_dup (MPI_COMM_WORLD, &comm);
  int rank = 0, size = 1;
  MPI_Comm_rank (comm, &rank);
  MPI_Comm_size (comm, &size);
  my_rank = (guint) rank;
  n_ranks = (guint) size;
  joined_thread = g_thread_self ();
#else
  (void) argc;
  (void) argv;
  (void) error;
#endif
  return TRUE;
}

guint rl_distribute_get_rank (void) { return my_rank; }
guint rl_distribute_get_size (void) { return n_ranks; }

static gboolean kept_to_rank_0;

gboolean
rl_distribute_keep_to_rank_0 (void)
{
  kept_to_rank_0 = TRUE;
  return my_rank == 0;
}

gboolean
rl_distribute_here (void)
{
  return n_ranks > 1 && !kept_to_rank_0 && g_thread_self () == joined_thread;
}

void
rl_distribute_add_busy (gint64 cpu_ns, guint64 nodes)
{
  __atomic_add_fetch (&busy_ns, cpu_ns, __ATOMIC_RELAXED);
  __atomic_add_fetch (&busy_nodes, nodes, __ATOMIC_RELAXED);
}

gint64
rl_distribute_thread_cpu_ns (void)
{
  struct timespec ts;
  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
    return 0;
  return (gint64) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

void
rl_distribute_finish (void)
{
#if RL_HAVE_MPI
  if (joined_thread == NULL)
    return;
  guint64 mine[2] = { (guint64) __atomic_load_n (&busy_ns, __ATOMIC_RELAXED),
                      __atomic_load_n (&busy_nodes, __ATOMIC_RELAXED) };
  g_autofree guint64 *all = g_new0 (guint64, 2 * (gsize) n_ranks);
  MPI_Gather (mine, 2, MPI_UINT64_T, all, 2, MPI_UINT64_T, 0, comm);
  if (my_rank == 0)
    {
      double sum = 0, busiest = 0;
      for (guint r = 0; r < n_ranks; r++)
        {
          double s = all[2 * r] / 1e9;
          g_debug ("mpi: rank %u of %u: busy %.3f s CPU, %" G_GUINT64_FORMAT " nodes", r, n_ranks,
                   s, all[2 * r + 1]);
          sum += s;
          busiest = MAX (busiest, s);
        }
      g_debug ("mpi: busiest rank %.3f s, mean %.3f s, sum %.3f s CPU", busiest, sum / n_ranks, sum);
    }
  MPI_Comm_free (&comm);
  MPI_Finalize ();
  joined_thread = NULL;
  n_ranks = 1;
#endif
}

/* ---- tasks ------------------------------------------------------------------------ */

struct _RlDispenser {
  guint n_tasks;
  guint n_threads;
  gint next;                /* rank 0: the next task not handed out (atomic) */
  gint stop;                /* atomic */
  guint lo, hi;             /* elsewhere: the range being worked through */
  gboolean exhausted;
  guint ranks_done;         /* rank 0: ranks that will ask no more */
  gboolean spread;          /* over the ranks; otherwise this process's alone */
};

/* A test hook: the named rank dies at its first distributed search, as a
 * node lost mid-job would (tests/cli/run-mpi-tests.py). */
static void
maybe_die (void)
{
  const char *fail = g_getenv ("REDLINE_TEST_RANK_FAILS");
  if (fail && (guint) atoi (fail) == my_rank)
    abort ();
}

RlDispenser *
rl_dispenser_new (guint n_tasks, guint n_threads, gboolean spread)
{
  RlDispenser *d = g_new0 (RlDispenser, 1);
  d->n_tasks = n_tasks;
  d->n_threads = MAX (n_threads, 1);
  d->spread = spread && rl_distribute_here ();
  if (d->spread)
    maybe_die ();
  return d;
}

void
rl_dispenser_stop (RlDispenser *d)
{
  g_atomic_int_set (&d->stop, 1);
}

guint
rl_dispenser_tasks_given (RlDispenser *d)
{
  return MIN ((guint) g_atomic_int_get (&d->next), d->n_tasks);
}

#if RL_HAVE_MPI
/* Rank 0's share of what is left for one request: guided, so the last
 * ranges are single tasks and the ranks end together. */
static guint
range_size (const RlDispenser *d, guint next)
{
  guint left = next < d->n_tasks ? d->n_tasks - next : 0;
  return MAX (1, left / (2 * n_ranks * d->n_threads));
}
#endif

gboolean
rl_dispenser_claim (RlDispenser *d, guint *task)
{
  if (my_rank == 0 || !d->spread)
    {
      if (g_atomic_int_get (&d->stop))
        return FALSE;
      gint t = g_atomic_int_add (&d->next, 1);
      if (t < 0 || (guint) t >= d->n_tasks)
        return FALSE;
      *task = (guint) t;
      return TRUE;
    }
#if RL_HAVE_MPI
  g_mutex_lock (&mpi_lock);
  while (d->lo >= d->hi && !d->exhausted)
    {
      if (g_atomic_int_get (&d->stop))
        {
          d->exhausted = TRUE;
          break;
        }
      unsigned ask = 0, range[2] = { 0, 0 };
      MPI_Send (&ask, 1, MPI_UNSIGNED, 0, TAG_ASK, comm);
      MPI_Recv (range, 2, MPI_UNSIGNED, 0, TAG_GIVE, comm, MPI_STATUS_IGNORE);
      if (range[0] >= range[1])
        d->exhausted = TRUE;
      else
        {
          d->lo = range[0];
          d->hi = range[1];
        }
    }
  gboolean got = d->lo < d->hi;
  if (got)
    *task = d->lo++;
  g_mutex_unlock (&mpi_lock);
  return got;
#else
  return FALSE;
#endif
}

gboolean
rl_dispenser_serve (RlDispenser *d, GMutex *held)
{
#if RL_HAVE_MPI
  if (my_rank != 0 || !d->spread)
    return FALSE;
  if (held)
    g_mutex_unlock (held);
  for (;;)
    {
      int flag = 0;
      MPI_Status st;
      MPI_Iprobe (MPI_ANY_SOURCE, MPI_ANY_TAG, comm, &flag, &st);
      if (!flag)
        break;
      unsigned msg = 0;
      MPI_Recv (&msg, 1, MPI_UNSIGNED, st.MPI_SOURCE, st.MPI_TAG, comm, MPI_STATUS_IGNORE);
      if (st.MPI_TAG == TAG_DONE)
        {
          d->ranks_done++;
          continue;
        }
      unsigned range[2] = { 0, 0 };
      if (!g_atomic_int_get (&d->stop))
        {
          guint next = (guint) g_atomic_int_get (&d->next);
          guint size = range_size (d, next);
          guint lo = (guint) g_atomic_int_add (&d->next, (gint) size);
          if (lo < d->n_tasks)
            {
              range[0] = lo;
              range[1] = MIN (lo + size, d->n_tasks);
            }
        }
      MPI_Send (range, 2, MPI_UNSIGNED, st.MPI_SOURCE, TAG_GIVE, comm);
    }
  if (held)
    g_mutex_lock (held);
  return d->ranks_done < n_ranks - 1;
#else
  (void) d;
  (void) held;
  return FALSE;
#endif
}

void
rl_dispenser_free (RlDispenser *d)
{
#if RL_HAVE_MPI
  if (my_rank != 0 && d->spread)
    {
      unsigned done = 0;
      g_mutex_lock (&mpi_lock);
      MPI_Send (&done, 1, MPI_UNSIGNED, 0, TAG_DONE, comm);
      g_mutex_unlock (&mpi_lock);
    }
#endif
  g_free (d);
}

/* ---- reductions ------------------------------------------------------------------- */

guint
rl_distribute_split (guint split)
{
#if RL_HAVE_MPI
  if (n_ranks > 1)
    {
      unsigned s = split;
      MPI_Bcast (&s, 1, MPI_UNSIGNED, 0, comm);
      return s;
    }
#endif
  return split;
}

void
rl_distribute_sum (guint64 *values, guint n)
{
#if RL_HAVE_MPI
  if (n_ranks > 1 && n > 0)
    MPI_Allreduce (MPI_IN_PLACE, values, (int) n, MPI_UINT64_T, MPI_SUM, comm);
#else
  (void) values;
  (void) n;
#endif
}

gboolean
rl_distribute_any (gboolean mine)
{
#if RL_HAVE_MPI
  if (n_ranks > 1)
    {
      int v = mine ? 1 : 0;
      MPI_Allreduce (MPI_IN_PLACE, &v, 1, MPI_INT, MPI_LOR, comm);
      return v != 0;
    }
#endif
  return mine;
}

GPtrArray *
rl_distribute_gather (GBytes *mine)
{
  GPtrArray *all = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
#if RL_HAVE_MPI
  if (n_ranks > 1)
    {
      gsize size = 0;
      const guint8 *data = g_bytes_get_data (mine, &size);
      /* Counts are ints in MPI-3: a rank's results beyond 2 GiB would need
       * another protocol; an archive that large is far beyond memory of
       * any search redline makes. */
      g_assert (size <= G_MAXINT);
      int n = (int) size;
      g_autofree int *sizes = g_new0 (int, n_ranks);
      g_autofree int *offsets = g_new0 (int, n_ranks);
      MPI_Allgather (&n, 1, MPI_INT, sizes, 1, MPI_INT, comm);
      gsize total = 0;
      for (guint r = 0; r < n_ranks; r++)
        {
          g_assert (total + (gsize) sizes[r] <= G_MAXINT);
          offsets[r] = (int) total;
          total += (gsize) sizes[r];
        }
      guint8 *buf = g_malloc (total + 1);
      MPI_Allgatherv (data, n, MPI_BYTE, buf, sizes, offsets, MPI_BYTE, comm);
      GBytes *whole = g_bytes_new_take (buf, total);
      for (guint r = 0; r < n_ranks; r++)
        g_ptr_array_add (all, g_bytes_new_from_bytes (whole, (gsize) offsets[r], (gsize) sizes[r]));
      g_bytes_unref (whole);
      return all;
    }
#endif
  g_ptr_array_add (all, g_bytes_ref (mine));
  return all;
}
