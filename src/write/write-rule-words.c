/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * write-rule-words.c: a one-issue rule in words (write-rule-words.h). The
 * compiled rule gives the options it allows (its unary mask); the words
 * come from that set, so "dam != large", "not (dam == large)" and
 * "dam in [none, small]" all read "The dam is not large".
 */
#include "write/write-rule-words.h"

#include "write/write-names.h"

/* "A, B or C" of the options of @i in @mask. */
static void
append_options (GString *s, const RlScenario *sc, guint i, guint64 mask, const char *last)
{
  guint n = rl_scenario_get_n_options (sc, i), total = 0, seen = 0;
  for (guint k = 0; k < n; k++)
    total += (mask >> k) & 1;
  for (guint k = 0; k < n; k++)
    if ((mask >> k) & 1)
      {
        if (seen > 0)
          g_string_append (s, seen + 1 == total ? last : ", ");
        g_string_append (s, rl_write_option_name (sc, i, k));
        seen++;
      }
}

char *
rl_rule_words (const RlScenario *sc, const RlNamedRule *rule)
{
  guint i;
  guint64 allowed;
  if (!rl_rule_get_unary_mask (rl_named_rule_get_rule (rule), &i, &allowed))
    return NULL;
  guint n = rl_scenario_get_n_options (sc, i);
  guint64 all = n >= 64 ? G_MAXUINT64 : (G_GUINT64_CONSTANT (1) << n) - 1;
  allowed &= all;
  guint64 excluded = all & ~allowed;
  guint n_allowed = (guint) __builtin_popcountll (allowed);
  guint n_excluded = n - n_allowed;
  if (n_allowed == 0 || n_excluded == 0)
    return NULL;   /* always false or always true: the rule says it best */
  GString *s = g_string_new (rl_write_issue_name (sc, i));
  g_string_append (s, ": ");
  /* The lowest and highest allowed positions, for ranges. */
  guint lo = (guint) __builtin_ctzll (allowed), hi = 63 - (guint) __builtin_clzll (allowed);
  gboolean contiguous = n_allowed == hi - lo + 1;
  if (n_allowed == 1)
    append_options (s, sc, i, allowed, " or ");
  else if (n_excluded == 1)
    {
      g_string_append (s, "not ");
      append_options (s, sc, i, excluded, " or ");
    }
  else if (rl_scenario_issue_is_ordered (sc, i) && contiguous && hi == n - 1)
    g_string_append_printf (s, "%s or more", rl_write_option_name (sc, i, lo));
  else if (rl_scenario_issue_is_ordered (sc, i) && contiguous && lo == 0)
    g_string_append_printf (s, "%s or less", rl_write_option_name (sc, i, hi));
  else if (n_allowed <= n_excluded)
    {
      g_string_append (s, "one of ");
      append_options (s, sc, i, allowed, " or ");
    }
  else
    {
      g_string_append (s, "neither ");
      append_options (s, sc, i, excluded, " nor ");
    }
  return g_string_free (s, FALSE);
}
