/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * known.c: arithmetic on what is known of a count (redline/known.h).
 */
#include <redline/known.h>

RlKnown
rl_known_difference (RlKnown a, RlKnown b)
{
  guint64 d = a.value - MIN (a.value, b.value);
  if (a.kind == RL_KNOWN_EXACT && b.kind == RL_KNOWN_EXACT)
    return rl_known_exact (d);
  /* Subtracting less than the truth leaves at least the true difference. */
  if (a.kind == RL_KNOWN_EXACT && b.kind == RL_KNOWN_LOWER)
    return (RlKnown) { d, RL_KNOWN_UPPER };
  if (a.kind == RL_KNOWN_LOWER && b.kind == RL_KNOWN_EXACT)
    return (RlKnown) { d, RL_KNOWN_LOWER };
  return rl_known_unknown ();
}

gboolean
rl_known_holds (RlKnown k, guint64 truth)
{
  switch (k.kind)
    {
    case RL_KNOWN_EXACT:
      return truth == k.value;
    case RL_KNOWN_LOWER:
      return truth >= k.value;
    case RL_KNOWN_UPPER:
      return truth <= k.value;
    case RL_KNOWN_UNKNOWN:
    default:
      return TRUE;
    }
}
