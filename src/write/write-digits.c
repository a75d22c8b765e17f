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
      /* Printed Nash scores are products; the tie rule reads logarithms. */
      gboolean ties = tie == RL_SCORE_NASH ? rl_scores_tie (tie, log (v[k - 1]), log (v[k]))
                                           : rl_scores_tie (tie, v[k - 1], v[k]);
      if (!isfinite (v[k - 1]) || !isfinite (v[k]) || ties)
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

double
rl_score_printed (RlScoreKind kind, double score)
{
  if (kind != RL_SCORE_NASH)
    return score;
  double v;
  return rl_nash_shown (score, NAN, &v) ? v : NAN;
}

char *
rl_format_score (char buf[RL_NUMBER_BUF], RlScoreKind kind, double score, RlDigits d)
{
  if (kind != RL_SCORE_NASH)
    return rl_format_digits (buf, score, d);
  double v;
  if (rl_nash_shown (score, NAN, &v))
    return rl_format_digits (buf, v, d);
  return rl_format_nash_log (buf, score, d.scientific ? MAX (d.digits, 3) : 3);
}

char *
rl_format_score_fixed (char buf[RL_NUMBER_BUF], RlScoreKind kind, double score, int decimals)
{
  double v = rl_score_printed (kind, score);
  if (kind == RL_SCORE_NASH && isnan (v))
    return rl_format_nash_log (buf, score, 3);
  return rl_format_fixed (buf, v, decimals, FALSE);
}
