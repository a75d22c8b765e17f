/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <redline/suggest.h>

#include <string.h>

/* Optimal string alignment distance: Levenshtein plus adjacent swaps,
 * since "veot" for "veto" is the typo people make. */
static guint
edit_distance (const char *a, gsize la, const char *b, gsize lb)
{
  g_autofree guint *d = g_new (guint, (la + 1) * (lb + 1));
#define D(i, j) d[(i) * (lb + 1) + (j)]
  for (gsize i = 0; i <= la; i++)
    D (i, 0) = (guint) i;
  for (gsize j = 0; j <= lb; j++)
    D (0, j) = (guint) j;
  for (gsize i = 1; i <= la; i++)
    for (gsize j = 1; j <= lb; j++)
      {
        guint cost = a[i - 1] == b[j - 1] ? 0 : 1;
        guint best = MIN (D (i - 1, j) + 1, D (i, j - 1) + 1);
        best = MIN (best, D (i - 1, j - 1) + cost);
        if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
          best = MIN (best, D (i - 2, j - 2) + 1);
        D (i, j) = best;
      }
  guint result = D (la, lb);
#undef D
  return result;
}

const char *
rl_suggest (const char *word, gsize len, const char *const *candidates, guint n)
{
  const char *best = NULL;
  guint best_distance = G_MAXUINT;

  g_return_val_if_fail (word != NULL || len == 0, NULL);
  /* Names are short; a long word is a paste accident, not a typo. */
  if (len > 256)
    return NULL;
  for (guint i = 0; i < n; i++)
    {
      gsize lc = strlen (candidates[i]);
      if (lc > 256)
        continue;
      guint dist = edit_distance (word, len, candidates[i], lc);
      guint allowed = MAX (1, (guint) MAX (len, lc) / 3);
      if (dist <= allowed && dist < best_distance)
        {
          best = candidates[i];
          best_distance = dist;
        }
    }
  return best;
}

char *
rl_suggest_hint (const char *word, gsize len, const char *const *candidates, guint n)
{
  const char *best = rl_suggest (word, len, candidates, n);
  return best ? g_strdup_printf (" (did you mean '%s'?)", best) : g_strdup ("");
}
