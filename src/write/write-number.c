/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "write/write-number.h"

#include <float.h>
#include <math.h>
#include <string.h>

char *
rl_format_double_shortest (char buf[RL_NUMBER_BUF], double x)
{
  if (!isfinite (x))
    {
      g_strlcpy (buf, "null", RL_NUMBER_BUF);
      return buf;
    }
  /* %.17g always round-trips; the shorter forms are tried first because
   * 0.7 at 17 digits is 0.69999999999999996, which is true but unreadable. */
  static const char *const formats[] = { "%.15g", "%.16g", "%.17g" };
  for (guint k = 0; k < G_N_ELEMENTS (formats); k++)
    {
      g_ascii_formatd (buf, RL_NUMBER_BUF, formats[k], x);
      if (g_ascii_strtod (buf, NULL) == x)
        break;
    }
  if (strpbrk (buf, ".e") == NULL)
    g_strlcat (buf, ".0", RL_NUMBER_BUF);
  return buf;
}

char *
rl_format_fixed (char buf[RL_NUMBER_BUF], double x, int decimals, gboolean plus)
{
  if (!isfinite (x))
    {
      g_strlcpy (buf, isnan (x) ? "n/a" : x > 0 ? "inf" : "-inf", RL_NUMBER_BUF);
      return buf;
    }
  char format[16];
  g_snprintf (format, sizeof format, "%%.%df", decimals);
  double half_unit = 0.5 * pow (10.0, -decimals);
  /* Tiny and huge magnitudes in exponent form: "%.3f" of -1e300 needs 300
   * digits and was cut to a wrong number by the buffer. */
  if ((x != 0 && fabs (x) < half_unit) || fabs (x) >= 1e15)
    g_ascii_formatd (buf + 1, RL_NUMBER_BUF - 1, "%.3g", x);
  else
    g_ascii_formatd (buf + 1, RL_NUMBER_BUF - 1, format, x);
  /* "-0.000" says nothing that "0.000" does not. */
  if (buf[1] == '-' && strspn (buf + 2, "0.") == strlen (buf + 2))
    memmove (buf + 1, buf + 2, strlen (buf + 2) + 1);
  /* A sign on zero ("+0.000") claims a direction that is not there. */
  gboolean zero = strspn (buf + 1, "0.") == strlen (buf + 1);
  if (plus && buf[1] != '-' && !zero)
    {
      buf[0] = '+';
      return buf;
    }
  memmove (buf, buf + 1, strlen (buf + 1) + 1);
  return buf;
}

char *
rl_format_count (char buf[RL_NUMBER_BUF], guint64 n)
{
  char digits[32];
  g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, n);
  gsize len = strlen (digits), j = 0;
  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        buf[j++] = ',';
      buf[j++] = digits[i];
    }
  buf[j] = '\0';
  return buf;
}

char *
rl_format_known (char buf[RL_NUMBER_BUF], RlKnown k, gboolean words)
{
  char n[RL_NUMBER_BUF];
  rl_format_count (n, k.value);
  switch (k.kind)
    {
    case RL_KNOWN_EXACT:
      g_strlcpy (buf, n, RL_NUMBER_BUF);
      break;
    case RL_KNOWN_LOWER:
      g_snprintf (buf, RL_NUMBER_BUF, words ? "at least %s" : ">= %s", n);
      break;
    case RL_KNOWN_UPPER:
      g_snprintf (buf, RL_NUMBER_BUF, words ? "at most %s" : "<= %s", n);
      break;
    case RL_KNOWN_UNKNOWN:
    default:
      g_strlcpy (buf, words ? "an unknown number of" : "?", RL_NUMBER_BUF);
      break;
    }
  return buf;
}

char *
rl_format_percent (char buf[RL_NUMBER_BUF], double part, double whole)
{
  if (!(whole > 0))
    {
      g_strlcpy (buf, "-", RL_NUMBER_BUF);
      return buf;
    }
  double pct = 100.0 * part / whole;
  /* Neither "0.0%" nor "100.0%" may describe a count that is not 0 or all. */
  if (pct > 0 && pct < 0.05)
    g_strlcpy (buf, "<0.1%", RL_NUMBER_BUF);
  else if (part < whole && pct >= 99.95)
    g_strlcpy (buf, ">99.9%", RL_NUMBER_BUF);
  else
    {
      g_ascii_formatd (buf, RL_NUMBER_BUF - 1, "%.1f", pct);
      g_strlcat (buf, "%", RL_NUMBER_BUF);
    }
  return buf;
}

char *
rl_format_nash_log (char buf[RL_NUMBER_BUF], double log_nash, int digits)
{
  /* The logarithm carries a relative error of a few ulps: the mantissa
   * keeps only the digits that survive it (11 at e+1200, 6 at e-4e8). */
  double err = MAX (fabs (log_nash), 1.0) * 8 * DBL_EPSILON;
  digits = CLAMP (MIN (digits, (int) floor (-log10 (err))), 1, 17);
  double l10 = log_nash / G_LN10;
  double e = floor (l10);
  char format[16], mantissa[32];
  g_snprintf (format, sizeof format, "%%.%df", digits - 1);
  g_ascii_formatd (mantissa, sizeof mantissa, format, pow (10.0, l10 - e));
  if (mantissa[0] == '1' && mantissa[1] == '0')      /* 9.996 rounded up to 10.00 */
    {
      g_ascii_formatd (mantissa, sizeof mantissa, format, 1.0);
      e += 1;
    }
  g_snprintf (buf, RL_NUMBER_BUF, "%se%s%.0f", mantissa, e < 0 ? "-" : "+", fabs (e));
  return buf;
}
