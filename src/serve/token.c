/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "token.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include <gio/gio.h>

char *
rl_token_new (GError **error)
{
  guint8 bytes[RL_TOKEN_BYTES];
  gsize got = 0;
  while (got < sizeof bytes)
    {
      ssize_t n = getrandom (bytes + got, sizeof bytes - got, 0);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int saved = errno;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       "cannot make an access token: %s", g_strerror (saved));
          return NULL;
        }
      got += (gsize) n;
    }
  char *text = g_malloc (2 * sizeof bytes + 1);
  for (gsize k = 0; k < sizeof bytes; k++)
    g_snprintf (text + 2 * k, 3, "%02x", bytes[k]);
  memset (bytes, 0, sizeof bytes);
  return text;
}

gboolean
rl_token_equal (const char *expected, const char *given)
{
  gsize n = strlen (expected);
  if (given == NULL)
    given = "";
  /* Every byte of @expected is read, and @given is read no further than
   * its end: the differences are or-ed together, never tested early. */
  gsize m = strlen (given);
  guint diff = (guint) (n ^ m);
  for (gsize k = 0; k < n; k++)
    {
      guint8 g = k < m ? (guint8) given[k] : 0;
      diff |= (guint) ((guint8) expected[k] ^ g);
    }
  return diff == 0;
}
