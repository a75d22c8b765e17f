/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * package.c: RlPackage values and deal parsing.
 */
#include "engine/package.h"

#include <math.h>
#include <string.h>

#include <redline/error.h>
#include "model/scenario-internals.h"
#include "engine/score.h"
#include "model/suggest.h"

void
rl_package_init (RlPackage *pkg, const RlScenario *sc)
{
  memset (pkg, 0, sizeof *pkg);
  pkg->options = g_new0 (guint8, sc->n_issues + 1);
  pkg->utilities = g_new0 (double, sc->n_parties + 1);
  pkg->durability = INFINITY;
}

void
rl_package_clear (RlPackage *pkg)
{
  g_clear_pointer (&pkg->options, g_free);
  g_clear_pointer (&pkg->utilities, g_free);
}

double
rl_package_rank_score (const RlPackage *pkg, const RlRank *rank)
{
  if (rank->kind == RL_SCORE_UTILITY)
    return pkg->utilities[rank->party];
  if (rank->kind < RL_N_STANDARD_SCORES)
    return pkg->scores[rank->kind];
  return pkg->durability;
}

void
rl_canonical_utilities (RlScenario *sc, const guint8 *options, double *u)
{
  for (guint p = 0; p < sc->n_parties; p++)
    u[p] = rl_scenario_utility (sc, p, options);
}

void
rl_package_fill (RlPackage *pkg, RlScenario *sc, const guint8 *options, gboolean acceptable,
                 const double *ideal)
{
  memcpy (pkg->options, options, sc->n_issues);
  pkg->index = sc->space_fits ? rl_scenario_package_index (sc, options) : 0;
  rl_canonical_utilities (sc, options, pkg->utilities);
  pkg->acceptable = acceptable;
  pkg->has_kalai = acceptable && ideal != NULL;
  if (acceptable)
    rl_scores_compute (sc, pkg->utilities, ideal, pkg->scores);
}

gboolean
rl_deal_parse (const RlScenario *sc, const char *text, guint8 *package, GError **error)
{
  g_return_val_if_fail (sc != NULL && text != NULL && package != NULL, FALSE);
  memset (package, RL_UNSET, sc->n_issues);
  g_auto (GStrv) pairs = g_strsplit (text, ",", -1);
  g_autoptr (GPtrArray) ids = g_ptr_array_new ();
  for (guint i = 0; i < sc->n_issues; i++)
    g_ptr_array_add (ids, sc->issues[i].id);

  for (guint k = 0; pairs[k] != NULL; k++)
    {
      g_autofree char *pair = g_strstrip (g_strdup (pairs[k]));
      const char *eq = strchr (pair, '=');
      if (pair[0] == '\0' || eq == NULL)
        {
          g_set_error (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT,
                       "--deal: expected ISSUE=OPTION, found '%s'", pair);
          return FALSE;
        }
      g_autofree char *issue_id = g_strstrip (g_strndup (pair, (gsize) (eq - pair)));
      g_autofree char *option_id = g_strstrip (g_strdup (eq + 1));
      int i = rl_scenario_find_issue (sc, issue_id);
      if (i < 0)
        {
          g_autofree char *hint = rl_suggest_hint (issue_id, strlen (issue_id),
                                                   (const char *const *) ids->pdata, ids->len);
          g_set_error (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT,
                       "--deal: unknown issue '%s'%s", issue_id, hint);
          return FALSE;
        }
      if (package[i] != RL_UNSET)
        {
          g_set_error (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT,
                       "--deal: issue '%s' is named twice", issue_id);
          return FALSE;
        }
      int o = rl_scenario_find_option (sc, (guint) i, option_id);
      if (o < 0)
        {
          const RlIssue *issue = &sc->issues[i];
          g_autofree char *hint = rl_suggest_hint (option_id, strlen (option_id),
                                                   issue->option_ids, issue->n_options);
          g_set_error (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT,
                       "--deal: unknown option '%s' of issue '%s'%s", option_id, issue_id, hint);
          return FALSE;
        }
      package[i] = (guint8) o;
    }
  GString *missing = g_string_new (NULL);
  for (guint i = 0; i < sc->n_issues; i++)
    if (package[i] == RL_UNSET)
      g_string_append_printf (missing, "%s'%s'", missing->len ? ", " : "", sc->issues[i].id);
  if (missing->len > 0)
    {
      g_set_error (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT,
                   "--deal must name every issue; missing %s", missing->str);
      g_string_free (missing, TRUE);
      return FALSE;
    }
  g_string_free (missing, TRUE);
  return TRUE;
}
