/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * deal.c: a package written by name, "ISSUE=OPTION,ISSUE=OPTION,...",
 * or by its package index, read against the scenario's issues and
 * options.
 */
#include "model/scenario-internals.h"

#include <string.h>

#include <redline/error.h>
#include <redline/suggest.h>

/* "35393": scenario.md's package index, the number every writer prints
 * beside a package. Digits only: "+7", "7.0" or " 7" are no index. */
static gboolean
is_index (const char *text)
{
  if (*text == '\0')
    return FALSE;
  for (const char *p = text; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

gboolean
rl_deal_parse_partial (const RlScenario *sc, const char *text, guint8 *package, GError **error)
{
  g_return_val_if_fail (sc != NULL && text != NULL && package != NULL, FALSE);
  memset (package, RL_UNSET, sc->n_issues);
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  if (is_index (stripped))
    return rl_scenario_package_from_index_text (sc, stripped, package, error);
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
                       "expected ISSUE=OPTION, found '%s'", pair);
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
                       "unknown issue '%s'%s", issue_id, hint);
          return FALSE;
        }
      if (package[i] != RL_UNSET)
        {
          g_set_error (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT,
                       "issue '%s' is named twice", issue_id);
          return FALSE;
        }
      int o = rl_scenario_find_option (sc, (guint) i, option_id);
      if (o < 0)
        {
          const RlIssue *issue = &sc->issues[i];
          g_autofree char *hint = rl_suggest_hint (option_id, strlen (option_id),
                                                   issue->option_ids, issue->n_options);
          g_set_error (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT,
                       "unknown option '%s' of issue '%s'%s", option_id, issue_id, hint);
          return FALSE;
        }
      package[i] = (guint8) o;
    }
  return TRUE;
}

gboolean
rl_deal_parse (const RlScenario *sc, const char *text, guint8 *package, GError **error)
{
  if (!rl_deal_parse_partial (sc, text, package, error))
    return FALSE;
  GString *missing = g_string_new (NULL);
  for (guint i = 0; i < sc->n_issues; i++)
    if (package[i] == RL_UNSET)
      g_string_append_printf (missing, "%s'%s'", missing->len ? ", " : "", sc->issues[i].id);
  if (missing->len > 0)
    {
      g_set_error (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT,
                   "the deal must name every issue; missing %s", missing->str);
      g_string_free (missing, TRUE);
      return FALSE;
    }
  g_string_free (missing, TRUE);
  return TRUE;
}
