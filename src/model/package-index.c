/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * package-index.c: scenario.md's package index as exact decimal text,
 * for every space size. A guint64 holds the index up to 2^63 - 1; beyond
 * that (64 issues of 2 options are 1.8e19, the limits allow 64^256) the
 * index is a mixed-radix number kept here in base 10^9 limbs, the base
 * the decimal text is written in, so no conversion is needed.
 */
#include "model/scenario-internals.h"

#include <stdio.h>
#include <string.h>

#include <redline/error.h>

#define LIMB_BASE 1000000000u
/* 64^256 - 1 has 463 decimal digits: 52 limbs of 9. */
#define MAX_LIMBS 56

typedef struct {
  guint32 limb[MAX_LIMBS];      /* least significant first */
  guint n;                      /* limbs in use; 0 is the number 0 */
} BigIndex;

static void
big_mul_add (BigIndex *x, guint m, guint a)
{
  guint64 carry = a;
  for (guint k = 0; k < x->n; k++)
    {
      guint64 t = (guint64) x->limb[k] * m + carry;
      x->limb[k] = (guint32) (t % LIMB_BASE);
      carry = t / LIMB_BASE;
    }
  while (carry && x->n < MAX_LIMBS)
    {
      x->limb[x->n++] = (guint32) (carry % LIMB_BASE);
      carry /= LIMB_BASE;
    }
}

/* Divides in place; returns the remainder. */
static guint
big_div (BigIndex *x, guint d)
{
  guint64 rem = 0;
  for (guint k = x->n; k-- > 0;)
    {
      guint64 t = rem * LIMB_BASE + x->limb[k];
      x->limb[k] = (guint32) (t / d);
      rem = t % d;
    }
  while (x->n && x->limb[x->n - 1] == 0)
    x->n--;
  return (guint) rem;
}

static char *
big_format (const BigIndex *x, char *buf)
{
  if (x->n == 0)
    return strcpy (buf, "0");
  char *p = buf + sprintf (buf, "%u", x->limb[x->n - 1]);
  for (guint k = x->n - 1; k-- > 0;)
    p += sprintf (p, "%09u", x->limb[k]);
  return buf;
}

static void
big_from_package (const RlScenario *sc, const guint8 *package, BigIndex *x)
{
  x->n = 0;
  for (guint i = 0; i < sc->n_issues; i++)
    big_mul_add (x, sc->issues[i].n_options, package[i]);
}

const char *
rl_scenario_format_package_index (const RlScenario *sc, const guint8 *package,
                                  char buf[RL_INDEX_TEXT_SIZE])
{
  g_return_val_if_fail (sc != NULL && package != NULL && buf != NULL, NULL);
  if (sc->space_fits)
    {
      g_snprintf (buf, RL_INDEX_TEXT_SIZE, "%" G_GUINT64_FORMAT,
                  rl_scenario_package_index (sc, package));
      return buf;
    }
  BigIndex x;
  big_from_package (sc, package, &x);
  return big_format (&x, buf);
}

gboolean
rl_scenario_package_index_is_small (const RlScenario *sc, const guint8 *package,
                                    guint64 *index)
{
  g_return_val_if_fail (sc != NULL && package != NULL, FALSE);
  guint64 v = 0;
  for (guint i = 0; i < sc->n_issues; i++)
    {
      guint n = sc->issues[i].n_options;
      if (v > (RL_INDEX_SMALL_MAX - package[i]) / n)
        return FALSE;
      v = v * n + package[i];
    }
  if (index)
    *index = v;
  return TRUE;
}

gboolean
rl_scenario_package_from_index_text (const RlScenario *sc, const char *digits,
                                     guint8 *package, GError **error)
{
  g_return_val_if_fail (sc != NULL && digits != NULL && package != NULL, FALSE);
  const char *d = digits;
  while (*d == '0' && d[1] != '\0')
    d++;
  gsize len = strlen (d);
  gboolean ok = len > 0 && len <= 9 * MAX_LIMBS - 9;
  for (gsize k = 0; ok && k < len; k++)
    ok = g_ascii_isdigit (d[k]);
  BigIndex x = { .n = 0 };
  /* Nine digits at a time, most significant first. */
  for (gsize at = 0; ok && at < len;)
    {
      gsize take = at == 0 && len % 9 ? len % 9 : 9;
      guint chunk = 0;
      for (gsize k = 0; k < take; k++)
        chunk = chunk * 10 + (guint) (d[at + k] - '0');
      if (x.n == 0)
        {
          if (chunk)
            x.limb[x.n++] = chunk;
        }
      else
        {
          memmove (x.limb + 1, x.limb, x.n * sizeof x.limb[0]);
          x.limb[0] = chunk;
          x.n++;
        }
      at += take;
    }
  for (guint i = sc->n_issues; ok && i-- > 0;)
    package[i] = (guint8) big_div (&x, sc->issues[i].n_options);
  if (!ok || x.n != 0)
    {
      g_autofree guint8 *last = g_new (guint8, MAX (sc->n_issues, 1));
      for (guint i = 0; i < sc->n_issues; i++)
        last[i] = (guint8) (sc->issues[i].n_options - 1);
      char buf[RL_INDEX_TEXT_SIZE];
      g_set_error (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT,
                   "package index %s is out of range: the packages are numbered 0 to %s",
                   digits, rl_scenario_format_package_index (sc, last, buf));
      return FALSE;
    }
  return TRUE;
}
