/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "write-csv.h"

#include <string.h>

#include "write-number.h"

void
rl_csv_field (GString *out, gboolean *first, const char *text)
{
  if (!*first)
    g_string_append_c (out, ',');
  *first = FALSE;
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
number_field (GString *out, gboolean *first, double x)
{
  char buf[RL_NUMBER_BUF];
  rl_format_double_shortest (buf, x);
  /* An empty field, not "null": CSV has no null, and readers take an
   * empty numeric field as missing. */
  rl_csv_field (out, first, strcmp (buf, "null") == 0 ? "" : buf);
}

void
rl_csv_header (GString *out, const RlScenario *sc, gboolean with_rank)
{
  gboolean first = TRUE;
  if (with_rank)
    rl_csv_field (out, &first, "rank");
  rl_csv_field (out, &first, "index");
  for (guint i = 0; i < rl_scenario_get_n_issues (sc); i++)
    rl_csv_field (out, &first, rl_scenario_get_issue_id (sc, i));
  for (guint p = 0; p < rl_scenario_get_n_parties (sc); p++)
    {
      g_autofree char *name = g_strconcat ("u_", rl_scenario_get_party_id (sc, p), NULL);
      rl_csv_field (out, &first, name);
    }
  static const char *const tail[] = { "welfare", "nash", "kalai", "min_gain", "pareto" };
  for (guint k = 0; k < G_N_ELEMENTS (tail); k++)
    rl_csv_field (out, &first, tail[k]);
  g_string_append_c (out, '\n');
}

void
rl_csv_row (GString *out, const RlScenario *sc, const RlPackage *pkg, gboolean with_rank)
{
  char buf[RL_NUMBER_BUF];
  gboolean first = TRUE;

  if (with_rank)
    {
      g_snprintf (buf, sizeof buf, "%u", pkg->rank);
      rl_csv_field (out, &first, buf);
    }
  g_snprintf (buf, sizeof buf, "%" G_GUINT64_FORMAT, pkg->index);
  rl_csv_field (out, &first, buf);
  for (guint i = 0; i < rl_scenario_get_n_issues (sc); i++)
    rl_csv_field (out, &first, rl_scenario_get_option_id (sc, i, pkg->options[i]));
  for (guint p = 0; p < rl_scenario_get_n_parties (sc); p++)
    number_field (out, &first, pkg->utilities[p]);
  for (RlScoreKind kind = 0; kind < RL_N_STANDARD_SCORES; kind++)
    {
      gboolean known = pkg->acceptable && (kind != RL_SCORE_KALAI || pkg->has_kalai);
      if (known)
        number_field (out, &first, pkg->scores[kind]);
      else
        rl_csv_field (out, &first, "");
    }
  rl_csv_field (out, &first, !pkg->acceptable ? "" : pkg->pareto ? "true" : "false");
  g_string_append_c (out, '\n');
}

void
rl_csv_solve (GString *out, const RlResult *res)
{
  const RlScenario *sc = rl_result_get_scenario (res);
  gboolean frontier = (rl_result_get_options (res)->flags & RL_SOLVE_FRONTIER) != 0;

  rl_csv_header (out, sc, !frontier);
  if (frontier)
    for (guint k = 0; k < rl_result_get_n_frontier (res); k++)
      rl_csv_row (out, sc, rl_result_get_frontier (res, k), FALSE);
  else
    for (guint k = 0; k < rl_result_get_n_top (res); k++)
      rl_csv_row (out, sc, rl_result_get_top (res, k), TRUE);
}

void
rl_csv_evaluate (GString *out, const RlScenario *sc, const RlEvaluation *ev)
{
  rl_csv_header (out, sc, FALSE);
  rl_csv_row (out, sc, rl_evaluation_get_package (ev), FALSE);
}
