/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * server.h: the running server as the other files of serve/ see it: the
 * scenario being served (the last that loaded), the tokens, and the
 * helpers that answer a request. Everything here lives on the main
 * thread, the one that runs the GMainLoop; search threads see only what
 * a job copies for them (jobs.h).
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <redline/redline.h>

#include "serve.h"

G_BEGIN_DECLS

typedef struct _RlJobs RlJobs;
typedef struct _RlClassroom RlClassroom;
typedef struct _RlWatch RlWatch;

/**
 * RlRole: who may ask for something.
 * @RL_ROLE_PUBLIC: anyone who reaches the server (the pages and their
 *   scripts, which hold no scenario data)
 * @RL_ROLE_STUDENT: a student of the classroom: the student token when
 *   the server listens beyond loopback (or the teacher's)
 * @RL_ROLE_ANALYST: the explorer's API: in the explorer, the token when
 *   the server listens beyond loopback; in the classroom, the teacher's
 * @RL_ROLE_TEACHER: the classroom's teacher: the teacher token, always
 */
typedef enum {
  RL_ROLE_PUBLIC,
  RL_ROLE_STUDENT,
  RL_ROLE_ANALYST,
  RL_ROLE_TEACHER,
} RlRole;

typedef struct {
  RlServeOptions opts;        /* strings owned: file, deals */
  SoupServer *soup;
  GSocketService *service;    /* accepts the connections (server.c says why) */
  GMainLoop *loop;
  guint port;                 /* the port listened on */
  gboolean loopback;          /* listening on a loopback address only */
  char *host_name;            /* this machine's name, for Host headers */
  char *token;                /* explorer or students; NULL on loopback */
  char *teacher_token;        /* classroom only */

  RlScenario *sc;             /* the last scenario that loaded */
  char *load_error;           /* why the file does not load now, or NULL */
  guint64 generation;         /* counts reloads and submissions, from 1 */

  RlJobs *jobs;
  RlWatch *watch;
  RlClassroom *classroom;     /* NULL in the explorer */
  GPtrArray *waiters;         /* RlWaiter: long polls of /api/watch */
} RlServer;

/* ---- Answers ------------------------------------------------------------- */

/**
 * rl_server_set_headers:
 * The headers every answer carries: Content-Security-Policy default-src
 * 'self' (and no framing), nosniff, no referrer, no caching.
 */
void rl_server_set_headers (SoupServerMessage *msg);

/** rl_server_respond: answers @msg with @status and @len bytes of @body (copied). */
void rl_server_respond (SoupServerMessage *msg, guint status, const char *content_type,
                        const char *body, gsize len);

/** RL_SERVER_MAX_MESSAGE: the longest error message sent, in bytes. */
#define RL_SERVER_MAX_MESSAGE 2000

/**
 * rl_server_cut_message:
 * @message: (transfer full): a message, which may quote a request at any length
 * Returns: (transfer full): @message, or its first RL_SERVER_MAX_MESSAGE
 *   bytes (whole characters) and how long it was.
 */
char *rl_server_cut_message (char *message);

/**
 * rl_server_respond_error:
 * Answers @msg with @status and {"error": MESSAGE}: every refusal, so
 * that the page and scripts read one shape.
 */
void rl_server_respond_error (SoupServerMessage *msg, guint status, const char *format, ...)
  G_GNUC_PRINTF (3, 4);

/** rl_server_respond_json: answers 200 with the document @node (pretty, as the commands print). */
void rl_server_respond_json (SoupServerMessage *msg, JsonNode *node);

/**
 * rl_server_get_query:
 * Returns: (transfer none) (nullable): the value of @name in the query of
 *   @msg's URI; the table lives as long as @msg.
 */
const char *rl_server_get_query (SoupServerMessage *msg, const char *name);

/**
 * rl_server_client_key:
 * Returns: (transfer full): who a request comes from, for "one running
 *   search per client": the page's X-Redline-Client id when it sends a
 *   well-formed one, else the remote address.
 */
char *rl_server_client_key (SoupServerMessage *msg);

/** rl_server_changed: a new generation: wakes every waiting /api/watch. */
void rl_server_changed (RlServer *srv);

G_END_DECLS
