/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "guard.h"

#include <stdlib.h>
#include <string.h>

#include "token.h"

/* Cuts "name:port", "[v6]:port" or "name" into its name and port (-1:
 * none). FALSE for what is no host at all. */
static gboolean
split_host (const char *host, char **name, gint64 *port)
{
  const char *colon;
  *port = -1;
  if (host[0] == '[')
    {
      const char *close = strchr (host, ']');
      if (!close)
        return FALSE;
      *name = g_strndup (host + 1, (gsize) (close - host - 1));
      colon = close[1] == ':' ? close + 1 : NULL;
      if (!colon && close[1] != '\0')
        {
          g_clear_pointer (name, g_free);
          return FALSE;
        }
    }
  else
    {
      colon = strrchr (host, ':');
      *name = colon ? g_strndup (host, (gsize) (colon - host)) : g_strdup (host);
    }
  if (colon)
    {
      const char *digits = colon + 1;
      if (*digits == '\0' || strlen (digits) > 5 || strspn (digits, "0123456789") != strlen (digits))
        {
          g_clear_pointer (name, g_free);
          return FALSE;
        }
      *port = g_ascii_strtoll (digits, NULL, 10);
    }
  return **name != '\0';
}

gboolean
rl_guard_host (const RlServer *srv, const char *host)
{
  if (host == NULL || strlen (host) > 255)
    return FALSE;
  g_autofree char *name = NULL;
  gint64 port;
  if (!split_host (host, &name, &port))
    return FALSE;
  if (port != (gint64) srv->port && !(port == -1 && srv->port == 80))
    return FALSE;
  /* An address is never a rebound name: the browser asked for it. */
  if (g_hostname_is_ip_address (name))
    return TRUE;
  if (g_ascii_strcasecmp (name, "localhost") == 0)
    return TRUE;
  if (srv->loopback || srv->host_name == NULL)
    return FALSE;
  g_autofree char *local = g_strconcat (srv->host_name, ".local", NULL);
  return g_ascii_strcasecmp (name, srv->host_name) == 0 || g_ascii_strcasecmp (name, local) == 0;
}

gboolean
rl_guard_origin (const char *origin, const char *host)
{
  if (origin == NULL)
    return TRUE;
  g_autofree char *own = g_strconcat ("http://", host, NULL);
  return g_ascii_strcasecmp (origin, own) == 0;
}

gboolean
rl_guard_role (const RlServer *srv, RlRole role, const char *token)
{
  gboolean classroom = srv->opts.classroom;
  gboolean teacher = classroom && rl_token_equal (srv->teacher_token, token);
  switch (role)
    {
    case RL_ROLE_PUBLIC:
      return TRUE;
    case RL_ROLE_TEACHER:
      return teacher;
    case RL_ROLE_ANALYST:
      if (classroom)
        return teacher;
      return srv->token == NULL || rl_token_equal (srv->token, token);
    case RL_ROLE_STUDENT:
    default:
      return classroom && (teacher || srv->token == NULL || rl_token_equal (srv->token, token));
    }
}
