/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "write/write-csv.h"

#include <string.h>

#include "write/write-number.h"

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

void
rl_csv_fields (GString *out, gboolean *first, const char *const *texts, guint n)
{
  for (guint k = 0; k < n; k++)
    rl_csv_field (out, first, texts[k]);
}

void
rl_csv_number (GString *out, gboolean *first, double x)
{
  char buf[RL_NUMBER_BUF];
  rl_format_double_shortest (buf, x);
  rl_csv_field (out, first, strcmp (buf, "null") == 0 ? "" : buf);
}

void
rl_csv_count (GString *out, gboolean *first, guint64 n)
{
  char buf[RL_NUMBER_BUF];
  g_snprintf (buf, sizeof buf, "%" G_GUINT64_FORMAT, n);
  rl_csv_field (out, first, buf);
}

void
rl_csv_index (GString *out, gboolean *first, const RlScenario *sc, const guint8 *options)
{
  char buf[RL_INDEX_TEXT_SIZE];
  rl_csv_field (out, first, rl_scenario_format_package_index (sc, options, buf));
}

void
rl_csv_known (GString *out, gboolean *first, RlKnown k)
{
  if (k.kind == RL_KNOWN_EXACT)
    rl_csv_count (out, first, k.value);
  else
    rl_csv_field (out, first, "");
}

void
rl_csv_package_columns (GString *out, gboolean *first, const RlScenario *sc)
{
  for (guint i = 0; i < rl_scenario_get_n_issues (sc); i++)
    rl_csv_field (out, first, rl_scenario_get_issue_id (sc, i));
  for (guint p = 0; p < rl_scenario_get_n_parties (sc); p++)
    {
      g_autofree char *name = g_strconcat ("u_", rl_scenario_get_party_id (sc, p), NULL);
      rl_csv_field (out, first, name);
    }
}

void
rl_csv_package_cells (GString *out, gboolean *first, const RlScenario *sc,
                      const guint8 *options, const double *utilities)
{
  for (guint i = 0; i < rl_scenario_get_n_issues (sc); i++)
    rl_csv_field (out, first, options ? rl_scenario_get_option_id (sc, i, options[i]) : "");
  for (guint p = 0; p < rl_scenario_get_n_parties (sc); p++)
    if (utilities)
      rl_csv_number (out, first, utilities[p]);
    else
      rl_csv_field (out, first, "");
}

void
rl_csv_score_columns (GString *out, gboolean *first)
{
  static const char *const names[] = { "welfare", "nash", "kalai", "min_gain", "pareto" };
  rl_csv_fields (out, first, names, G_N_ELEMENTS (names));
}

void
rl_csv_score_cells (GString *out, gboolean *first, const RlScenario *sc, const RlPackage *pkg)
{
  for (RlScoreKind kind = 0; kind < RL_N_STANDARD_SCORES; kind++)
    {
      gboolean known = pkg->acceptable && (kind != RL_SCORE_KALAI || pkg->has_kalai);
      double v;
      if (known && kind == RL_SCORE_NASH
          && !rl_nash_shown (pkg->scores[kind], rl_nash_product (sc, pkg->utilities), &v))
        {
          char buf[RL_NUMBER_BUF];
          rl_csv_field (out, first, rl_format_nash_log (buf, pkg->scores[kind], 12));
        }
      else if (known)
        rl_csv_number (out, first, kind == RL_SCORE_NASH ? v : pkg->scores[kind]);
      else
        rl_csv_field (out, first, "");
    }
  rl_csv_field (out, first, !pkg->acceptable ? "" : pkg->pareto ? "true" : "false");
}

void
rl_csv_header (GString *out, const RlScenario *sc, gboolean with_rank)
{
  gboolean first = TRUE;
  if (with_rank)
    rl_csv_field (out, &first, "rank");
  rl_csv_field (out, &first, "index");
  rl_csv_package_columns (out, &first, sc);
  rl_csv_score_columns (out, &first);
  g_string_append_c (out, '\n');
}

void
rl_csv_row (GString *out, const RlScenario *sc, const RlPackage *pkg, gboolean with_rank)
{
  gboolean first = TRUE;

  if (with_rank)
    rl_csv_count (out, &first, pkg->rank);
  rl_csv_index (out, &first, sc, pkg->options);
  rl_csv_package_cells (out, &first, sc, pkg->options, pkg->utilities);
  rl_csv_score_cells (out, &first, sc, pkg);
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
