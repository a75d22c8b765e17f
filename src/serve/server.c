/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * server.c: rl_serve_run(): the server's life (listen, announce, serve,
 * stop), the route table, and the answers every route shares. A request
 * passes the guard (guard.h) in the early handler, before its body is
 * read; a refused request's body is read and dropped, never kept.
 */
#include "serve.h"

#include <glib-unix.h>
#include <stdio.h>
#include <string.h>

#include "api.h"
#include "classroom.h"
#include "guard.h"
#include "jobs.h"
#include "scenario-json.h"
#include "serve-resources.h"
#include "server.h"
#include "token.h"
#include "variant.h"
#include "watch.h"
#include "write/write-json.h"

/* How long a /api/watch waits for news, and how many may wait at once. */
#define WATCH_SECONDS 25
#define MAX_WAITERS 128

#define RESOURCE_PREFIX "/org/redline/serve/"

/* Connections waiting to be accepted (the kernel caps it at somaxconn). */
#define LISTEN_BACKLOG 1024

/* ---- Answers ---------------------------------------------------------------------- */

void
rl_server_set_headers (SoupServerMessage *msg)
{
  SoupMessageHeaders *h = soup_server_message_get_response_headers (msg);
  /* The pages load their script and style from here and nothing from
   * anywhere else; no inline script, no framing by another site. */
  soup_message_headers_replace (h, "Content-Security-Policy",
                                "default-src 'self'; base-uri 'none'; frame-ancestors 'none'");
  soup_message_headers_replace (h, "X-Content-Type-Options", "nosniff");
  soup_message_headers_replace (h, "Referrer-Policy", "no-referrer");
  soup_message_headers_replace (h, "X-Frame-Options", "DENY");
  soup_message_headers_replace (h, "Cache-Control", "no-store");
}

void
rl_server_respond (SoupServerMessage *msg, guint status, const char *content_type,
                   const char *body, gsize len)
{
  rl_server_set_headers (msg);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, body, len);
}

char *
rl_server_cut_message (char *message)
{
  gsize len = strlen (message);
  if (len <= RL_SERVER_MAX_MESSAGE)
    return message;
  /* Cut at a character's start, never inside one. */
  const char *end = g_utf8_find_prev_char (message, message + RL_SERVER_MAX_MESSAGE);
  gsize keep = end ? (gsize) (end - message) : 0;
  char *cut = g_strdup_printf ("%.*s… (%" G_GSIZE_FORMAT " bytes in all)", (int) keep, message, len);
  g_free (message);
  return cut;
}

void
rl_server_respond_error (SoupServerMessage *msg, guint status, const char *format, ...)
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
  g_autoptr (GString) text = g_string_new (NULL);
  rl_json_write (text, node, TRUE);
  rl_server_respond (msg, status, "application/json", text->str, text->len);
}

void
rl_server_respond_json (SoupServerMessage *msg, JsonNode *node)
{
  g_autoptr (GString) text = g_string_new (NULL);
  rl_json_write (text, node, TRUE);
  rl_server_respond (msg, 200, "application/json", text->str, text->len);
}

char *
rl_server_client_key (SoupServerMessage *msg)
{
  const char *id = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                 "X-Redline-Client");
  gsize n = id ? strlen (id) : 0;
  if (n > 0 && n <= 64)
    {
      gboolean ok = TRUE;
      for (gsize k = 0; k < n && ok; k++)
        ok = g_ascii_isalnum (id[k]) || id[k] == '-' || id[k] == '_';
      if (ok)
        return g_strconcat ("id:", id, NULL);
    }
  const char *host = soup_server_message_get_remote_host (msg);
  return g_strconcat ("at:", host ? host : "?", NULL);
}

/* ---- /api/watch: long polls for news ------------------------------------------------ */

typedef struct {
  RlServer *srv;
  SoupServerMessage *msg;
  guint timeout;
  gulong finished;
  gboolean full;               /* may read the load error: analyst or teacher */
} Waiter;

static JsonNode *
watch_state (RlServer *srv, gboolean full)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  rl_json_add_int (b, "generation", (gint64) srv->generation);
  /* A load error quotes the file, private numbers and all: students
   * learn only that there is one. */
  rl_json_add_string (b, "error", srv->load_error == NULL ? NULL
                      : full ? srv->load_error : "the scenario file has an error; the teacher sees it");
  if (srv->classroom)
    rl_json_add_int (b, "groups", rl_classroom_get_n_groups (srv->classroom));
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static void
waiter_free (Waiter *w)
{
  if (w->timeout)
    g_source_remove (w->timeout);
  if (w->finished)
    g_signal_handler_disconnect (w->msg, w->finished);
  g_object_unref (w->msg);
  g_free (w);
}

static void
waiter_answer (Waiter *w)
{
  g_signal_handler_disconnect (w->msg, w->finished);
  w->finished = 0;
  g_autoptr (JsonNode) state = watch_state (w->srv, w->full);
  rl_server_respond_json (w->msg, state);
  soup_server_message_unpause (w->msg);
}

static gboolean
waiter_timeout (gpointer data)
{
  Waiter *w = data;
  w->timeout = 0;
  waiter_answer (w);
  g_ptr_array_remove (w->srv->waiters, w);
  return G_SOURCE_REMOVE;
}

static void
waiter_gone (SoupServerMessage *msg, gpointer data)
{
  Waiter *w = data;
  g_ptr_array_remove (w->srv->waiters, w);
}

void
rl_server_changed (RlServer *srv)
{
  srv->generation++;
  g_autoptr (GPtrArray) waiting = srv->waiters;
  srv->waiters = g_ptr_array_new_with_free_func ((GDestroyNotify) waiter_free);
  for (guint k = 0; k < waiting->len; k++)
    waiter_answer (g_ptr_array_index (waiting, k));
}

static void
handle_watch (RlServer *srv, SoupServerMessage *msg, GHashTable *query, gboolean full)
{
  const char *since = query ? g_hash_table_lookup (query, "since") : NULL;
  guint64 n = 0;
  gboolean parsed = since && g_ascii_string_to_unsigned (since, 10, 0, G_MAXUINT64, &n, NULL);
  if (!parsed || n != srv->generation)
    {
      g_autoptr (JsonNode) state = watch_state (srv, full);
      rl_server_respond_json (msg, state);
      return;
    }
  if (srv->waiters->len >= MAX_WAITERS)
    {
      rl_server_respond_error (msg, 503, "too many pages are waiting for news (%d)", MAX_WAITERS);
      return;
    }
  Waiter *w = g_new0 (Waiter, 1);
  w->srv = srv;
  w->msg = g_object_ref (msg);
  w->full = full;
  soup_server_message_pause (msg);
  w->finished = g_signal_connect (msg, "finished", G_CALLBACK (waiter_gone), w);
  w->timeout = g_timeout_add_seconds (WATCH_SECONDS, waiter_timeout, w);
  g_ptr_array_add (srv->waiters, w);
}

/* ---- The explorer's own routes ------------------------------------------------------ */

static void
handle_scenario (RlServer *srv, SoupServerMessage *msg)
{
  g_autoptr (JsonNode) doc = rl_serve_scenario_json (srv->sc, srv->opts.file, srv->generation,
                                                     srv->load_error);
  rl_server_respond_json (msg, doc);
}

static RlRunOptions
run_options (const RlServer *srv)
{
  RlRunOptions run;
  rl_run_options_init (&run);
  run.n_threads = srv->opts.n_threads;
  run.timeout = srv->opts.timeout;
  return run;
}

static GBytes *
request_body (SoupServerMessage *msg)
{
  return soup_message_body_flatten (soup_server_message_get_request_body (msg));
}

static void
handle_api (RlServer *srv, SoupServerMessage *msg, const RlApiEndpoint *ep)
{
  g_autoptr (GBytes) body = request_body (msg);
  gsize len;
  const char *data = g_bytes_get_data (body, &len);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = rl_api_parse_object (data ? data : "", len, &error);
  RlRunOptions run = run_options (srv);
  RlApiRequest *req = root ? rl_api_request_new (ep, root, srv->sc, srv->opts.file, &run, &error)
                           : NULL;
  if (!req)
    {
      rl_server_respond_error (msg, 400, "%s", error->message);
      return;
    }
  g_autofree char *client = rl_server_client_key (msg);
  rl_jobs_submit (srv->jobs, msg, client, rl_api_run, req, rl_api_request_free);
}

/* POST /api/variant {"changes": [...]}: the variant file, its changes
 * checked against the scenario first. */
static void
handle_variant (RlServer *srv, SoupServerMessage *msg)
{
  g_autoptr (GBytes) body = request_body (msg);
  gsize len;
  const char *data = g_bytes_get_data (body, &len);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = rl_api_parse_object (data ? data : "", len, &error);
  if (!root)
    {
      rl_server_respond_error (msg, 400, "%s", error->message);
      return;
    }
  JsonObject *o = json_node_get_object (root);
  g_autoptr (GList) members = json_object_get_members (o);
  for (GList *m = members; m; m = m->next)
    if (strcmp (m->data, "changes") != 0)
      {
        rl_server_respond_error (msg, 400, "unknown member \"%s\"; /api/variant takes changes",
                                 (const char *) m->data);
        return;
      }
  g_autoptr (RlChanges) changes = rl_api_parse_changes (json_object_get_member (o, "changes"), &error);
  g_autoptr (RlScenario) changed = changes ? rl_scenario_apply_changes (srv->sc, changes, &error) : NULL;
  if (!changed)
    {
      rl_server_respond_error (msg, 400, "%s", error->message);
      return;
    }
  guint n = rl_changes_get_n (changes);
  const char *const *all = rl_scenario_get_changes (changed);
  guint total = g_strv_length ((char **) all);
  g_autofree char *yaml = rl_serve_variant_yaml (srv->opts.file, all + (total - n), n);
  rl_server_respond (msg, 200, "application/yaml; charset=utf-8", yaml, strlen (yaml));
  g_autofree char *base = g_path_get_basename (srv->opts.file);
  g_autofree char *stem = g_str_has_suffix (base, ".yaml") ? g_strndup (base, strlen (base) - 5)
                                                           : g_strdup (base);
  /* The name is the scenario's, which the user chose; only plain
   * characters go into the header. */
  for (char *s = stem; *s; s++)
    if (!g_ascii_isalnum (*s) && *s != '-' && *s != '_' && *s != '.')
      *s = '_';
  g_autofree char *disposition = g_strdup_printf ("attachment; filename=\"%s-whatif.yaml\"", stem);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Content-Disposition", disposition);
}

/* ---- Pages ---------------------------------------------------------------------------- */

typedef enum {
  MODE_EXPLORER = 1 << 0,
  MODE_CLASSROOM = 1 << 1,
  MODE_BOTH = MODE_EXPLORER | MODE_CLASSROOM,
} Mode;

/* The compiled-in files, and only these: no path reaches the disk. */
static const struct {
  const char *path;
  Mode mode;
  const char *resource;
  const char *content_type;
} pages[] = {
  { "/", MODE_EXPLORER, "explorer.html", "text/html; charset=utf-8" },
  { "/", MODE_CLASSROOM, "student.html", "text/html; charset=utf-8" },
  { "/explore", MODE_CLASSROOM, "explorer.html", "text/html; charset=utf-8" },
  { "/teacher", MODE_CLASSROOM, "teacher.html", "text/html; charset=utf-8" },
  { "/style.css", MODE_BOTH, "style.css", "text/css; charset=utf-8" },
  { "/common.js", MODE_BOTH, "common.js", "text/javascript; charset=utf-8" },
  { "/explorer.js", MODE_BOTH, "explorer.js", "text/javascript; charset=utf-8" },
  { "/chart.js", MODE_BOTH, "chart.js", "text/javascript; charset=utf-8" },
  { "/student.js", MODE_CLASSROOM, "student.js", "text/javascript; charset=utf-8" },
  { "/teacher.js", MODE_CLASSROOM, "teacher.js", "text/javascript; charset=utf-8" },
};

static void
handle_page (SoupServerMessage *msg, guint k)
{
  g_autofree char *name = g_strconcat (RESOURCE_PREFIX, pages[k].resource, NULL);
  g_autoptr (GBytes) bytes = g_resources_lookup_data (name, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (!bytes)
    {
      rl_server_respond_error (msg, 500, "the page %s is missing from this build", pages[k].path);
      return;
    }
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  rl_server_respond (msg, 200, pages[k].content_type, data, len);
}

/* ---- Routes ----------------------------------------------------------------------------- */

typedef enum {
  R_PAGE,
  R_SCENARIO,
  R_WATCH,
  R_API,
  R_VARIANT,
  R_CLASSROOM,
} RouteKind;

/* What a request asks for, worked out from its method and path. */
typedef struct {
  RouteKind kind;
  const char *method;
  RlRole role;
  guint page;                   /* R_PAGE */
  const RlApiEndpoint *api;     /* R_API */
} Route;

static const struct {
  const char *path;
  const char *method;
  RlRole role;
} classroom_routes[] = {
  { "/api/classroom/info", "GET", RL_ROLE_STUDENT },
  { "/api/classroom/brief", "GET", RL_ROLE_STUDENT },
  { "/api/classroom/submit", "POST", RL_ROLE_STUDENT },
  { "/api/classroom/deals", "GET", RL_ROLE_TEACHER },
  { "/api/classroom/chart.svg", "GET", RL_ROLE_TEACHER },
};

static gboolean
find_route (const RlServer *srv, const char *path, Route *r)
{
  Mode mode = srv->opts.classroom ? MODE_CLASSROOM : MODE_EXPLORER;
  *r = (Route) { .method = "GET", .role = RL_ROLE_PUBLIC };
  for (guint k = 0; k < G_N_ELEMENTS (pages); k++)
    if ((pages[k].mode & mode) && strcmp (pages[k].path, path) == 0)
      {
        r->kind = R_PAGE;
        r->page = k;
        return TRUE;
      }
  if (strcmp (path, "/api/scenario") == 0)
    {
      r->kind = R_SCENARIO;
      r->role = RL_ROLE_ANALYST;
      return TRUE;
    }
  if (strcmp (path, "/api/watch") == 0)
    {
      r->kind = R_WATCH;
      r->role = srv->opts.classroom ? RL_ROLE_STUDENT : RL_ROLE_ANALYST;
      return TRUE;
    }
  if (strcmp (path, "/api/variant") == 0)
    {
      *r = (Route) { R_VARIANT, "POST", RL_ROLE_ANALYST, 0, NULL };
      return TRUE;
    }
  if ((r->api = rl_api_find (path)))
    {
      r->kind = R_API;
      r->method = "POST";
      r->role = RL_ROLE_ANALYST;
      return TRUE;
    }
  for (guint k = 0; srv->opts.classroom && k < G_N_ELEMENTS (classroom_routes); k++)
    if (strcmp (classroom_routes[k].path, path) == 0)
      {
        *r = (Route) { R_CLASSROOM, classroom_routes[k].method, classroom_routes[k].role, 0, NULL };
        return TRUE;
      }
  return FALSE;
}

static const char *
request_token (SoupServerMessage *msg, GHashTable *query)
{
  const char *t = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                "X-Redline-Token");
  if (t == NULL && query)
    t = g_hash_table_lookup (query, "token");
  return t;
}

/* The size of a body sent in chunks, counted as it comes; past the
 * limit nothing more is kept. */
static void
count_chunk (SoupServerMessage *msg, GBytes *chunk, gpointer data)
{
  gsize *seen = g_object_get_data (G_OBJECT (msg), "rl-body-size");
  if (!seen)
    return;
  *seen += g_bytes_get_size (chunk);
  if (*seen > RL_SERVE_MAX_BODY)
    {
      SoupMessageBody *body = soup_server_message_get_request_body (msg);
      soup_message_body_set_accumulate (body, FALSE);
      soup_message_body_truncate (body);
    }
}

/* Refuses @msg now: its body, if any, is read and dropped. */
static void G_GNUC_PRINTF (3, 4)
refuse (SoupServerMessage *msg, guint status, const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  g_autofree char *message = g_strdup_vprintf (format, ap);
  va_end (ap);
  soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
  rl_server_respond_error (msg, status, "%s", message);
}

static gboolean
method_is (const char *method, const char *want)
{
  return strcmp (method, want) == 0 || (strcmp (want, "GET") == 0 && strcmp (method, "HEAD") == 0);
}

/* The early handler: everything but the body. */
static void
guard_request (SoupServer *server, SoupServerMessage *msg, const char *path, GHashTable *query,
               gpointer data)
{
  RlServer *srv = data;
  SoupMessageHeaders *h = soup_server_message_get_request_headers (msg);
  const char *method = soup_server_message_get_method (msg);
  const char *host = soup_message_headers_get_one (h, "Host");
  Route r;

  if (!rl_guard_host (srv, host))
    {
      refuse (msg, 403, "the Host header '%s' does not name this server (127.0.0.1:%u, "
              "localhost:%u); a page of another site cannot reach it",
              host ? host : "", srv->port, srv->port);
      return;
    }
  if (!find_route (srv, path, &r))
    {
      refuse (msg, 404, "nothing at %s", path);
      return;
    }
  if (!method_is (method, r.method))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow",
                                    strcmp (r.method, "GET") == 0 ? "GET, HEAD" : r.method);
      refuse (msg, 405, "%s takes %s, not %s", path, r.method, method);
      return;
    }
  if (strcmp (method, "POST") == 0)
    {
      const char *origin = soup_message_headers_get_one (h, "Origin");
      if (!rl_guard_origin (origin, host))
        {
          refuse (msg, 403, "a POST from origin '%s' is refused: only this server's own page may post",
                  origin);
          return;
        }
      const char *type = soup_message_headers_get_content_type (h, NULL);
      if (type == NULL || g_ascii_strcasecmp (type, "application/json") != 0)
        {
          refuse (msg, 415, "the body must be JSON, sent as Content-Type: application/json");
          return;
        }
    }
  if (!rl_guard_role (srv, r.role, request_token (msg, query)))
    {
      const char *given = request_token (msg, query);
      refuse (msg, 403, "%s", given == NULL || given[0] == '\0'
              ? (r.role == RL_ROLE_TEACHER || (r.role == RL_ROLE_ANALYST && srv->opts.classroom)
                 ? "this needs the teacher's access token, printed when the server started"
                 : "this needs the access token printed when the server started (the #token=... "
                   "of its address)")
              : "wrong access token");
      return;
    }
  SoupEncoding encoding = soup_message_headers_get_encoding (h);
  if (encoding == SOUP_ENCODING_CONTENT_LENGTH
      && soup_message_headers_get_content_length (h) > RL_SERVE_MAX_BODY)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection", "close");
      refuse (msg, 413, "the body is %" G_GINT64_FORMAT " bytes; at most %d are taken",
              soup_message_headers_get_content_length (h), RL_SERVE_MAX_BODY);
      return;
    }
  if (encoding != SOUP_ENCODING_CONTENT_LENGTH && encoding != SOUP_ENCODING_NONE)
    {
      g_object_set_data_full (G_OBJECT (msg), "rl-body-size", g_new0 (gsize, 1), g_free);
      g_signal_connect (msg, "got-chunk", G_CALLBACK (count_chunk), NULL);
    }
}

/* The handler: the body has come; the guard let the request through. */
static void
serve_request (SoupServer *server, SoupServerMessage *msg, const char *path, GHashTable *query,
               gpointer data)
{
  RlServer *srv = data;
  Route r;
  gsize *seen = g_object_get_data (G_OBJECT (msg), "rl-body-size");
  if (seen && *seen > RL_SERVE_MAX_BODY)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection", "close");
      rl_server_respond_error (msg, 413, "the body is over %d bytes", RL_SERVE_MAX_BODY);
      return;
    }
  if (!find_route (srv, path, &r))
    {
      rl_server_respond_error (msg, 404, "nothing at %s", path);
      return;
    }
  switch (r.kind)
    {
    case R_PAGE:
      handle_page (msg, r.page);
      break;
    case R_SCENARIO:
      handle_scenario (srv, msg);
      break;
    case R_WATCH:
      handle_watch (srv, msg, query,
                    rl_guard_role (srv, RL_ROLE_ANALYST, request_token (msg, query)));
      break;
    case R_API:
      handle_api (srv, msg, r.api);
      break;
    case R_VARIANT:
      handle_variant (srv, msg);
      break;
    case R_CLASSROOM:
    default:
      rl_classroom_handle (srv, msg, path, query);
      break;
    }
}

/* ---- The scenario file, reloaded on save ------------------------------------------------ */

static gboolean
reload (gpointer data)
{
  RlServer *srv = data;
  g_autoptr (GError) error = NULL;
  RlScenario *sc = rl_scenario_load (srv->opts.file, &error);
  g_clear_pointer (&srv->load_error, g_free);
  if (sc)
    {
      rl_scenario_unref (srv->sc);
      srv->sc = sc;
      g_print ("redline serve: %s reloaded\n", srv->opts.file);
    }
  else
    {
      /* The last scenario that loaded stays: the page keeps its answer
       * and shows the error beside it. */
      srv->load_error = g_strdup (error->message);
      g_printerr ("%s%s", error->message, g_str_has_suffix (error->message, "\n") ? "" : "\n");
    }
  fflush (stdout);
  rl_server_changed (srv);
  return G_SOURCE_REMOVE;
}

/* ---- Life ---------------------------------------------------------------------------------- */

static gboolean
quit (gpointer data)
{
  RlServer *srv = data;
  g_main_loop_quit (srv->loop);
  return G_SOURCE_CONTINUE;
}

static gboolean
is_loopback (GInetAddress *a)
{
  return g_inet_address_get_is_loopback (a);
}

static char *
url_host (const RlServer *srv)
{
  GInetAddress *a = srv->opts.listen;
  if (g_inet_address_get_is_any (a))
    return g_strdup (srv->host_name ? srv->host_name : "localhost");
  g_autofree char *text = g_inet_address_to_string (a);
  if (g_inet_address_get_family (a) == G_SOCKET_FAMILY_IPV6)
    return g_strdup_printf ("[%s]", text);
  return g_steal_pointer (&text);
}

static void
announce (const RlServer *srv)
{
  g_autofree char *host = url_host (srv);
  g_autofree char *base = g_strdup_printf ("http://%s:%u/", host, srv->port);
  if (!srv->opts.classroom)
    {
      g_print ("redline serve: exploring %s\n", srv->opts.file);
      if (srv->token)
        g_print ("  open %s#token=%s\n", base, srv->token);
      else
        g_print ("  open %s\n", base);
    }
  else
    {
      g_print ("redline serve: the classroom of %s\n", srv->opts.file);
      if (srv->token)
        g_print ("  students %s#token=%s\n", base, srv->token);
      else
        g_print ("  students %s\n", base);
      g_print ("  teacher  %steacher#token=%s\n", base, srv->teacher_token);
      g_print ("  deals    %s (%u so far)\n", srv->opts.deals,
               rl_classroom_get_n_groups (srv->classroom));
    }
  if (!srv->loopback)
    g_print ("  listening beyond this machine: give each address only to those it is for\n");
  g_print ("Stop with Ctrl-C.\n");
  fflush (stdout);
}

static void
open_browser (const RlServer *srv)
{
  g_autofree char *host = url_host (srv);
  const char *token = srv->opts.classroom ? srv->teacher_token : srv->token;
  g_autofree char *url = g_strdup_printf ("http://%s:%u/%s%s%s", host, srv->port,
                                          srv->opts.classroom ? "teacher" : "",
                                          token ? "#token=" : "", token ? token : "");
  g_autoptr (GError) error = NULL;
  if (!g_app_info_launch_default_for_uri (url, NULL, &error))
    g_printerr ("redline serve: cannot open a browser (%s); open the address above\n",
                error->message);
}

static void
server_free (RlServer *srv)
{
  if (srv->service)
    {
      g_socket_service_stop (srv->service);
      g_socket_listener_close (G_SOCKET_LISTENER (srv->service));
      g_clear_object (&srv->service);
    }
  if (srv->soup)
    soup_server_disconnect (srv->soup);
  rl_watch_free (srv->watch);
  rl_jobs_free (srv->jobs);
  if (srv->waiters)
    g_ptr_array_unref (srv->waiters);
  g_clear_object (&srv->soup);
  rl_classroom_free (srv->classroom);
  g_clear_pointer (&srv->loop, g_main_loop_unref);
  g_clear_pointer (&srv->sc, rl_scenario_unref);
  g_free (srv->load_error);
  g_free (srv->token);
  g_free (srv->teacher_token);
  g_free (srv->host_name);
  g_free ((char *) srv->opts.file);
  g_free ((char *) srv->opts.deals);
  g_clear_object (&srv->opts.listen);
  g_free (srv);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RlServer, server_free)

/* Connections are accepted here and handed to libsoup, rather than by
 * soup_server_listen(): libsoup 3.2's own listener (Debian 12 has 3.2.3)
 * keeps a reference to every socket it accepted, and never closes a
 * kept-alive connection that the client closes while idle (fixed in 3.3,
 * libsoup commit d20c6601): memory and a file descriptor lost per
 * connection. Streams given through soup_server_accept_iostream() are
 * released when they close. The backlog is ours too: GLib's default of
 * 10 pending connections resets the rest of a burst (a class opening the
 * page at once). */
static gboolean
incoming (GSocketService *service, GSocketConnection *conn, GObject *source, gpointer data)
{
  RlServer *srv = data;
  g_autoptr (GSocketAddress) local = g_socket_connection_get_local_address (conn, NULL);
  g_autoptr (GSocketAddress) remote = g_socket_connection_get_remote_address (conn, NULL);
  g_autoptr (GError) error = NULL;
  if (!soup_server_accept_iostream (srv->soup, G_IO_STREAM (conn), local, remote, &error))
    g_printerr ("redline serve: a connection was refused: %s\n", error->message);
  return TRUE;
}

static gboolean
listen_on (RlServer *srv, GError **error)
{
  g_autoptr (GSocketAddress) addr = g_inet_socket_address_new (srv->opts.listen, srv->opts.port);
  g_autoptr (GSocketAddress) bound = NULL;
  srv->service = g_socket_service_new ();
  g_socket_listener_set_backlog (G_SOCKET_LISTENER (srv->service), LISTEN_BACKLOG);
  if (!g_socket_listener_add_address (G_SOCKET_LISTENER (srv->service), addr, G_SOCKET_TYPE_STREAM,
                                      G_SOCKET_PROTOCOL_TCP, NULL, &bound, error))
    return FALSE;
  srv->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_signal_connect (srv->service, "incoming", G_CALLBACK (incoming), srv);
  g_socket_service_start (srv->service);
  return TRUE;
}

static gboolean
start (RlServer *srv, GError **error)
{
  srv->loopback = is_loopback (srv->opts.listen);
  srv->host_name = g_strdup (g_get_host_name ());
  if ((!srv->loopback || srv->opts.token) && !(srv->token = rl_token_new (error)))
    return FALSE;
  if (srv->opts.classroom && !(srv->teacher_token = rl_token_new (error)))
    return FALSE;
  if (srv->opts.classroom && !(srv->classroom = rl_classroom_new (srv->sc, srv->opts.deals, error)))
    return FALSE;
  if (!(srv->watch = rl_watch_new (srv->opts.file, reload, srv, error)))
    return FALSE;

  srv->jobs = rl_jobs_new (MAX (2, g_get_num_processors ()));
  srv->waiters = g_ptr_array_new_with_free_func ((GDestroyNotify) waiter_free);
  srv->soup = g_object_new (SOUP_TYPE_SERVER, NULL);
  soup_server_add_early_handler (srv->soup, NULL, guard_request, srv, NULL);
  soup_server_add_handler (srv->soup, NULL, serve_request, srv, NULL);
  if (!listen_on (srv, error))
    {
      g_autofree char *where = g_inet_address_to_string (srv->opts.listen);
      g_prefix_error (error, "cannot listen on %s port %u: ", where, srv->opts.port);
      return FALSE;
    }
  return TRUE;
}

gboolean
rl_serve_run (const RlServeOptions *opts, GError **error)
{
  g_autoptr (RlServer) srv = g_new0 (RlServer, 1);
  srv->opts = *opts;
  srv->opts.file = g_strdup (opts->file);
  srv->opts.deals = g_strdup (opts->deals);
  srv->opts.listen = g_object_ref (opts->listen);
  srv->sc = rl_scenario_ref (opts->sc);
  srv->generation = 1;
  srv->loop = g_main_loop_new (NULL, FALSE);

  rl_serve_register_resource ();
  /* The handlers come first: a Ctrl-C right after the address is printed
   * must stop the server cleanly too. */
  guint sigint = g_unix_signal_add (SIGINT, quit, srv);
  guint sigterm = g_unix_signal_add (SIGTERM, quit, srv);
  gboolean ok = start (srv, error);
  if (ok)
    {
      announce (srv);
      if (opts->open)
        open_browser (srv);
      g_main_loop_run (srv->loop);
      g_print ("redline serve: stopped\n");
      fflush (stdout);
    }
  g_source_remove (sigint);
  g_source_remove (sigterm);
  g_clear_pointer (&srv, server_free);
  rl_serve_unregister_resource ();
  return ok;
}
