/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * jobs.c: the worker pool and the one-job-per-client rule (jobs.h).
 * Every member of RlJobs, and of a job but its answer, is touched on the
 * main thread only; a worker fills the answer and hands the job back to
 * the main context with an idle source (never g_main_context_invoke(),
 * which would run the hand-back on the worker once the loop has stopped).
 */
#include "jobs.h"

#include <stdarg.h>

#include "server.h"
#include "write/write-json.h"

struct _RlJob {
  RlJobs *jobs;
  char *client;
  SoupServerMessage *msg;
  gulong finished_id;
  gulong disconnected_id;
  gint cancel;                /* read by the worker's search */
  gboolean replaced;          /* a newer request of its client came */
  gboolean gone;              /* the message finished without us */
  RlJobFunc func;
  gpointer data;
  GDestroyNotify destroy;
  /* The answer, written by the worker before the hand-back. */
  guint status;
  char *content_type;
  GString *body;
  gboolean complete;
};

/* A client's jobs: the one running and the one waiting for it to end. */
typedef struct {
  RlJob *running;
  RlJob *waiting;
} Client;

struct _RlJobs {
  GThreadPool *pool;
  GMainContext *context;
  GHashTable *clients;        /* key -> Client */
  guint n_active;
  gboolean closing;
};

static void detach (RlJob *job);

static void
job_free (RlJob *job)
{
  detach (job);
  g_object_unref (job->msg);
  if (job->destroy)
    job->destroy (job->data);
  g_free (job->client);
  g_free (job->content_type);
  if (job->body)
    g_string_free (job->body, TRUE);
  job->jobs->n_active--;
  g_free (job);
}

/* Stops listening for the message's end: once answered, the job is ours
 * to free, whatever libsoup does while sending. */
static void
detach (RlJob *job)
{
  if (job->finished_id)
    g_signal_handler_disconnect (job->msg, job->finished_id);
  if (job->disconnected_id)
    g_signal_handler_disconnect (job->msg, job->disconnected_id);
  job->finished_id = job->disconnected_id = 0;
}

static void
answer_error (RlJob *job, guint status, const char *message)
{
  detach (job);
  rl_server_respond_error (job->msg, status, "%s", message);
  soup_server_message_unpause (job->msg);
}

static void
forget_client (RlJobs *jobs, const char *key)
{
  Client *c = g_hash_table_lookup (jobs->clients, key);
  if (c && !c->running && !c->waiting)
    g_hash_table_remove (jobs->clients, key);
}

static gboolean job_done (gpointer data);

static void
work (gpointer data, gpointer pool_data)
{
  RlJob *job = data;
  if (!g_atomic_int_get (&job->cancel))
    job->func (job, job->data);
  GSource *idle = g_idle_source_new ();
  g_source_set_callback (idle, job_done, job, NULL);
  g_source_attach (idle, job->jobs->context);
  g_source_unref (idle);
}

static void
start (RlJobs *jobs, Client *c, RlJob *job)
{
  c->running = job;
  g_thread_pool_push (jobs->pool, job, NULL);
}

/* Back on the main thread: answer, then start the client's waiting job. */
static gboolean
job_done (gpointer data)
{
  RlJob *job = data;
  RlJobs *jobs = job->jobs;
  Client *c = g_hash_table_lookup (jobs->clients, job->client);
  g_assert (c != NULL && c->running == job);
  c->running = NULL;
  if (!jobs->closing && !job->gone)
    {
      if (job->replaced)
        answer_error (job, SOUP_STATUS_CONFLICT,
                      "stopped: a newer request from the same client replaced this one");
      else if (job->body == NULL)
        answer_error (job, SOUP_STATUS_INTERNAL_SERVER_ERROR, "the search gave no answer");
      else
        {
          detach (job);
          rl_server_respond (job->msg, job->status, job->content_type, job->body->str,
                             job->body->len);
          if (!job->complete)
            soup_message_headers_replace (soup_server_message_get_response_headers (job->msg),
                                          "X-Redline-Complete", "false");
          soup_server_message_unpause (job->msg);
        }
    }
  RlJob *next = c->waiting;
  c->waiting = NULL;
  g_autofree char *key = g_strdup (job->client);
  job_free (job);
  if (next)
    start (jobs, c, next);
  forget_client (jobs, key);
  return G_SOURCE_REMOVE;
}

/* The connection went (or the message ended some other way): nobody
 * reads the answer, so the search may stop. */
static void
job_finished (SoupServerMessage *msg, gpointer data)
{
  RlJob *job = data;
  RlJobs *jobs = job->jobs;
  job->gone = TRUE;
  g_atomic_int_set (&job->cancel, 1);
  Client *c = g_hash_table_lookup (jobs->clients, job->client);
  if (c && c->waiting == job)
    {
      c->waiting = NULL;
      g_autofree char *key = g_strdup (job->client);
      job_free (job);
      forget_client (jobs, key);
    }
}

RlJobs *
rl_jobs_new (guint n_workers)
{
  RlJobs *jobs = g_new0 (RlJobs, 1);
  jobs->context = g_main_context_ref_thread_default ();
  jobs->clients = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  /* Not exclusive: threads are made as jobs come, up to n_workers. */
  jobs->pool = g_thread_pool_new (work, jobs, (gint) MAX (n_workers, 1), FALSE, NULL);
  return jobs;
}

void
rl_jobs_free (RlJobs *jobs)
{
  if (!jobs)
    return;
  jobs->closing = TRUE;
  GHashTableIter it;
  gpointer value;
  g_hash_table_iter_init (&it, jobs->clients);
  while (g_hash_table_iter_next (&it, NULL, &value))
    {
      Client *c = value;
      if (c->waiting)
        {
          job_free (c->waiting);
          c->waiting = NULL;
        }
      if (c->running)
        g_atomic_int_set (&c->running->cancel, 1);
    }
  /* Queued jobs still pass through work(), which skips a stopped job's
   * search; each then comes back through job_done(). */
  g_thread_pool_free (jobs->pool, FALSE, TRUE);
  while (jobs->n_active > 0)
    g_main_context_iteration (jobs->context, TRUE);
  g_hash_table_destroy (jobs->clients);
  g_main_context_unref (jobs->context);
  g_free (jobs);
}

void
rl_jobs_submit (RlJobs *jobs, SoupServerMessage *msg, const char *client, RlJobFunc func,
                gpointer data, GDestroyNotify destroy)
{
  if (jobs->closing || jobs->n_active >= RL_JOBS_MAX)
    {
      rl_server_respond_error (msg, SOUP_STATUS_SERVICE_UNAVAILABLE,
                               "too many searches at once (%d); try again shortly", RL_JOBS_MAX);
      if (destroy)
        destroy (data);
      return;
    }
  RlJob *job = g_new0 (RlJob, 1);
  job->jobs = jobs;
  job->client = g_strdup (client);
  job->msg = g_object_ref (msg);
  job->func = func;
  job->data = data;
  job->destroy = destroy;
  jobs->n_active++;
  soup_server_message_pause (msg);
  job->finished_id = g_signal_connect (msg, "finished", G_CALLBACK (job_finished), job);
  job->disconnected_id = g_signal_connect (msg, "disconnected", G_CALLBACK (job_finished), job);

  Client *c = g_hash_table_lookup (jobs->clients, client);
  if (!c)
    {
      c = g_new0 (Client, 1);
      g_hash_table_insert (jobs->clients, g_strdup (client), c);
    }
  if (c->running)
    {
      g_atomic_int_set (&c->running->cancel, 1);
      c->running->replaced = TRUE;
      RlJob *old = c->waiting;
      c->waiting = job;
      if (old)
        {
          answer_error (old, SOUP_STATUS_CONFLICT,
                        "replaced by a newer request from the same client before it started");
          job_free (old);
        }
    }
  else
    start (jobs, c, job);
}

guint
rl_jobs_get_n_active (const RlJobs *jobs)
{
  return jobs->n_active;
}

const gint *
rl_job_get_cancel (RlJob *job)
{
  return &job->cancel;
}

void
rl_job_set_answer (RlJob *job, guint status, const char *content_type, GString *body,
                   gboolean complete)
{
  g_free (job->content_type);
  if (job->body)
    g_string_free (job->body, TRUE);
  job->status = status;
  job->content_type = g_strdup (content_type);
  job->body = body;
  job->complete = complete;
}

void
rl_job_set_error (RlJob *job, guint status, const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  g_autofree char *message = rl_server_cut_message (g_strdup_vprintf (format, ap));
  va_end (ap);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  rl_json_add_string (b, "error", message);
  json_builder_end_object (b);
  g_autoptr (JsonNode) node = json_builder_get_root (b);
  GString *body = g_string_new (NULL);
  rl_json_write (body, node, TRUE);
  rl_job_set_answer (job, status, "application/json", body, TRUE);
}
