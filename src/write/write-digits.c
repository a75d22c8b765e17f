/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * write-digits.c: enough digits to tell adjacent scores apart
 * (write-digits.h).
 */
#include "write/write-digits.h"

#include <math.h>
#include <string.h>

#define MIN_DIGITS 3
#define MAX_DIGITS 17

char *
rl_format_digits (char buf[RL_NUMBER_BUF], double x, RlDigits d)
{
  if (!isfinite (x))
    {
      g_strlcpy (buf, isnan (x) ? "n/a" : x > 0 ? "inf" : "-inf", RL_NUMBER_BUF);
      return buf;
    }
  char format[16];
  if (d.scientific)
    g_snprintf (format, sizeof format, "%%.%de", MAX (d.digits - 1, 0));
  else
    g_snprintf (format, sizeof format, "%%.%df", d.digits);
  g_ascii_formatd (buf, RL_NUMBER_BUF, format, x);
  /* "-0.000" says a sign that is not there. */
  if (buf[0] == '-' && strspn (buf + 1, "0.") == strlen (buf + 1))
    memmove (buf, buf + 1, strlen (buf));
  return buf;
}

/* Whether every adjacent pair that does not tie prints apart. */
static gboolean
distinguishes (const double *v, gsize n, RlScoreKind tie, RlDigits d)
{
  char a[RL_NUMBER_BUF], b[RL_NUMBER_BUF];
  for (gsize k = 1; k < n; k++)
    {
      if (!isfinite (v[k - 1]) || !isfinite (v[k]) || rl_scores_tie (tie, v[k - 1], v[k]))
        continue;
      if (strcmp (rl_format_digits (a, v[k - 1], d), rl_format_digits (b, v[k], d)) == 0)
        return FALSE;
    }
  return TRUE;
}

RlDigits
rl_digits_for (const double *values, gsize n, RlScoreKind tie)
{
  RlDigits d = { FALSE, MIN_DIGITS };
  for (gsize k = 0; k < n; k++)
    {
      double m = fabs (values[k]);
      if (isfinite (m) && m != 0 && (m < 1e-3 || m >= 1e7))
        d.scientific = TRUE;
    }
  while (d.digits < MAX_DIGITS && !distinguishes (values, n, tie, d))
    d.digits++;
  return d;
}
