/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * number.c: the one rule for every number a scenario file, a what-if
 * change or a command-line flag gives: what a double cannot hold is
 * refused, overflow and underflow alike.
 */
#include <math.h>

#include <redline/scenario.h>

gboolean
rl_number_representable (const char *text, double *value)
{
  g_return_val_if_fail (text != NULL && value != NULL, FALSE);
  char *end = NULL;
  double x = g_ascii_strtod (text, &end);
  *value = x;
  if (!isfinite (x))
    return FALSE;
  if (x != 0)
    return TRUE;
  /* 0 from a mantissa with a nonzero digit is an underflow. */
  for (const char *p = text; p < end && *p != 'e' && *p != 'E'; p++)
    if (*p >= '1' && *p <= '9')
      return FALSE;
  return TRUE;
}
