/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "analysis/decided.h"

#include "model/scenario-internals.h"

/* A package of the set whose issue @i takes an option outside @seen; the
 * rule "i in [...]" narrows issue i's domain before the search starts. */
static gboolean
find_unseen (RlScenario *sc, RlProblemRules which, const double *thresholds, guint i,
             guint64 seen, RlDeadline deadline, guint8 *package, gboolean *timed_out)
{
  const RlIssue *issue = &sc->issues[i];
  g_autoptr (GString) text = g_string_new (NULL);
  g_string_append_printf (text, "%s in [", issue->id);
  gboolean any = FALSE;
  for (guint k = 0; k < issue->n_options; k++)
    if (!(seen & (G_GUINT64_CONSTANT (1) << k)))
      {
        g_string_append_printf (text, "%s%s", any ? ", " : "", issue->options[k].id);
        any = TRUE;
      }
  g_string_append_c (text, ']');
  if (!any)
    return FALSE;
  guint offset;
  g_autoptr (GError) error = NULL;
  g_autoptr (RlRule) rule = rl_rule_compile (text->str, sc->issue_info, sc->n_issues, &offset, &error);
  /* Ids are checked by the loader: the rule always compiles. */
  g_return_val_if_fail (rule != NULL, FALSE);
  const RlRule *extra[1] = { rule };
  RlProblem *pb = rl_problem_new (sc, which, extra, 1, thresholds);
  gboolean found = rl_problem_find_one_until (pb, deadline, package, timed_out);
  rl_problem_free (pb);
  return found;
}

static void
see (guint64 *seen, const guint8 *package, guint n_issues)
{
  for (guint i = 0; i < n_issues; i++)
    seen[i] |= G_GUINT64_CONSTANT (1) << package[i];
}

gboolean
rl_decided_find (RlScenario *sc, RlProblemRules which, const double *thresholds,
                 RlDeadline deadline, int *decided, gboolean *timed_out)
{
  guint n = sc->n_issues;
  g_autofree guint64 *seen = g_new0 (guint64, n + 1);
  g_autofree guint8 *package = g_new0 (guint8, n + 1);
  *timed_out = FALSE;

  RlProblem *pb = rl_problem_new (sc, which, NULL, 0, thresholds);
  gboolean any = rl_problem_find_one_until (pb, deadline, package, timed_out);
  rl_problem_free (pb);
  if (!any)
    return FALSE;
  see (seen, package, n);
  for (guint i = 0; i < n; i++)
    {
      while (find_unseen (sc, which, thresholds, i, seen[i], deadline, package, timed_out))
        see (seen, package, n);
      if (*timed_out)
        return FALSE;
      /* One bit: every package of the set has that option. */
      decided[i] = (seen[i] & (seen[i] - 1)) == 0 ? __builtin_ctzll (seen[i]) : -1;
    }
  return TRUE;
}
