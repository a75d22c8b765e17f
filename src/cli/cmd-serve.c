/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cmd-serve.c: `redline serve FILE`: the live what-if explorer in the
 * browser, or with --classroom the class's pages (src/serve/). Without
 * libsoup at build time the command is still listed, and says so.
 */
#include "cli.h"

#include <string.h>

#include <gio/gio.h>
#include <redline/redline.h>

#include "command.h"
#include "rl-config.h"
#if RL_HAVE_SERVE
#include "serve/serve.h"
#endif

#define COMMAND "serve"

#define PORT_DEFAULT 8080

static const char summary[] =
  "Serve a live what-if explorer of scenario FILE in the browser: the funnel,\n"
  "the top packages, the utility-space chart and, when there is no deal,\n"
  "explain's answer; a slider per BATNA and weight, a switch per red line,\n"
  "pins per option and the rank, each a what-if change, with the equivalent\n"
  "command line and the variant file to save. The page follows FILE as it is\n"
  "saved. With --classroom, students pick their party, read its brief and\n"
  "submit their group's deal; the teacher's page scores the deals as they come.";

static const char description[] =
  "Safe by default: it listens on 127.0.0.1 unless --listen names another\n"
  "address, and then asks for a random access token (printed at start, part\n"
  "of the address to open; --token asks for it on loopback too, on a machine\n"
  "others log in to); the teacher has a token of its own. The Host\n"
  "header is checked, and Origin on every POST; bodies are at most 64 KiB;\n"
  "each search stops after --timeout (default 10 seconds), and a client has\n"
  "one search running at a time. Nothing but FILE and the deals file is read\n"
  "or written. The JSON API (POST /api/solve, /api/explain, /api/evaluate,\n"
  "/api/stability, /api/sensitivity) answers exactly what the commands print;\n"
  "see README.md.\n"
  "\n"
  "The deals file (--deals, default FILE's name with -deals.csv, in the\n"
  "current folder) is what 'redline debrief FILE --deals DEALS.csv' reads;\n"
  "an existing one is carried on.\n"
  "\n"
  "Exit status: 0 stopped by Ctrl-C or SIGTERM; 1 invalid scenario or a deals\n"
  "file of another scenario; 2 bad command line, or a redline built without\n"
  "the server (libsoup 3); 3 cannot listen, or cannot read or write a file.";

typedef struct {
  char *port_text;
  char *listen_text;
  char *deals;
  gboolean classroom;
  gboolean open;
  gboolean token;
} ServeFlags;

static void
serve_flags_clear (ServeFlags *f)
{
  g_clear_pointer (&f->port_text, g_free);
  g_clear_pointer (&f->listen_text, g_free);
  g_clear_pointer (&f->deals, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ServeFlags, serve_flags_clear)

/* --listen: an IP address, or "localhost" for 127.0.0.1. */
static GInetAddress *
parse_listen (const char *text)
{
  if (text == NULL || strcmp (text, "localhost") == 0)
    return g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  return g_inet_address_new_from_string (text);
}

/* FILE's name without .yaml, and -deals.csv, in the current folder. */
static char *
default_deals (const char *file)
{
  g_autofree char *base = g_path_get_basename (file);
  if (g_str_has_suffix (base, ".yaml"))
    base[strlen (base) - 5] = '\0';
  else if (g_str_has_suffix (base, ".yml"))
    base[strlen (base) - 4] = '\0';
  return g_strconcat (base, "-deals.csv", NULL);
}

int
rl_cmd_serve (RlCommandRun *cmd)
{
  g_auto (ServeFlags) f = { 0 };
  const GOptionEntry own[] = {
    { "port", 'p', 0, G_OPTION_ARG_STRING, &f.port_text,
      "The port (default 8080; 0 for any free one)", "N" },
    { "listen", 0, 0, G_OPTION_ARG_STRING, &f.listen_text,
      "The address to listen on (default 127.0.0.1)", "ADDR" },
    { "token", 0, 0, G_OPTION_ARG_NONE, &f.token,
      "Ask for the access token on loopback too", NULL },
    { "open", 0, 0, G_OPTION_ARG_NONE, &f.open, "Open the page in the browser", NULL },
    { "classroom", 0, 0, G_OPTION_ARG_NONE, &f.classroom,
      "Students' pages and the teacher's view", NULL },
    { "deals", 'd', 0, G_OPTION_ARG_FILENAME, &f.deals,
      "With --classroom, the CSV the deals go to", "DEALS.csv" },
    { NULL },
  };
  int status;
  if ((status = rl_cli_parse (cmd, summary, description, own)) >= 0)
    return status;

  g_autoptr (GError) error = NULL;
  guint64 port = PORT_DEFAULT;
  if (f.port_text && !rl_cli_parse_count ("--port", f.port_text, 0, 65535, &port, &error))
    return rl_cli_usage_error (COMMAND, "%s", error->message);
  g_autoptr (GInetAddress) listen = parse_listen (f.listen_text);
  if (listen == NULL)
    return rl_cli_usage_error (COMMAND, "--listen: '%s' is not an IP address (such as 127.0.0.1, "
                               "::1, 0.0.0.0 for every address, or one of this machine's)",
                               f.listen_text);
  if (f.deals && !f.classroom)
    return rl_cli_usage_error (COMMAND, "--deals needs --classroom");
#if !RL_HAVE_SERVE
  (void) default_deals;
  return rl_cli_usage_error (COMMAND, "this redline was built without the server: it needs "
                             "libsoup 3 (Debian: libsoup-3.0-dev) and a build with "
                             "-Dserve=enabled");
#else
  g_autofree char *deals = f.classroom ? (f.deals ? g_strdup (f.deals) : default_deals (cmd->args[0]))
                                       : NULL;
  if (deals && rl_output_is_same_file (deals, cmd->args[0]))
    return rl_cli_usage_error (COMMAND, "--deals %s would overwrite the scenario", deals);
  if ((status = rl_cli_setup (cmd)) >= 0)
    return status;

  RlServeOptions so = {
    .file = cmd->file,
    .sc = cmd->sc,
    .listen = listen,
    .port = (guint) port,
    .timeout = cmd->opts.timeout_text ? cmd->opts.timeout : RL_SERVE_DEFAULT_TIMEOUT,
    .n_threads = cmd->opts.threads,
    .classroom = f.classroom,
    .deals = deals,
    .open = f.open,
    .token = f.token,
  };
  if (!rl_serve_run (&so, &error))
    return rl_cli_fail (error);
  return RL_EXIT_OK;
#endif
}
