/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * jobs.h: searches run for requests, off the main thread.
 *
 * A request that needs a search becomes a job: its message is paused,
 * the job runs on a worker thread of a small pool, and its answer is set
 * and the message unpaused back on the main thread. Each client (the
 * page's X-Redline-Client id, or the remote address) has at most one job
 * running and at most one waiting: a new request from a client whose job
 * is running stops that job (its cancel flag, which the library reads
 * where it reads its deadline) and waits for it to end; a request that
 * was waiting is replaced at once. A replaced or stopped job is answered
 * 409. Beyond RL_JOBS_MAX jobs in all, requests are refused with 503.
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/** RL_JOBS_MAX: the most jobs running and waiting together. */
#define RL_JOBS_MAX 256

typedef struct _RlJobs RlJobs;
typedef struct _RlJob RlJob;

/**
 * RlJobFunc: the work of a job, run on a worker thread. It reads
 * rl_job_get_cancel() into the library's RlRunOptions.cancel and ends by
 * rl_job_set_answer() (a job that sets none is answered 500).
 */
typedef void (*RlJobFunc) (RlJob *job, gpointer data);

/**
 * rl_jobs_new:
 * @n_workers: worker threads (searches run at once); at least 1
 */
RlJobs *rl_jobs_new (guint n_workers);

/**
 * rl_jobs_free:
 * Stops every job, waits for the workers, and frees the jobs without
 * answering them (the server has stopped listening). Runs the main
 * context's pending dispatches, so call it from the main thread.
 */
void rl_jobs_free (RlJobs *jobs);

/**
 * rl_jobs_submit:
 * @msg: the request; paused here, answered when the job ends
 * @client: who asks (rl_server_client_key()); copied
 * @data: (transfer full): given to @func, freed with @destroy on the
 *   main thread once the job has ended
 */
void rl_jobs_submit (RlJobs *jobs, SoupServerMessage *msg, const char *client, RlJobFunc func,
                     gpointer data, GDestroyNotify destroy);

/** rl_jobs_get_n_active: jobs running or waiting (for tests of the limits, and the log). */
guint rl_jobs_get_n_active (const RlJobs *jobs);

/** rl_job_get_cancel: the flag for RlRunOptions.cancel; set when the job must stop. */
const gint *rl_job_get_cancel (RlJob *job);

/**
 * rl_job_set_answer:
 * @body: (transfer full): the answer's bytes
 * @complete: %FALSE when the deadline cut the search short (the answer
 *   says so too; a header X-Redline-Complete: false repeats it)
 */
void rl_job_set_answer (RlJob *job, guint status, const char *content_type, GString *body,
                        gboolean complete);

/** rl_job_set_error: the answer {"error": MESSAGE} with @status. */
void rl_job_set_error (RlJob *job, guint status, const char *format, ...) G_GNUC_PRINTF (3, 4);

G_END_DECLS
