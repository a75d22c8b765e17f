/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * naive-solve: the baseline for benchmarks. Walks every package of the
 * space by index, with no pruning at all, and reports the counts of
 * scenario.md section 5 and the best package by Nash product (ties by
 * index), through the library's public definitions only.
 *
 *   naive-solve FILE [--pareto]
 *
 * --pareto also counts Pareto-optimal packages by comparing every pair of
 * acceptable packages (quadratic: small scenarios only).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <redline/redline.h>

int
main (int argc, char **argv)
{
  if (argc < 2)
    {
      fprintf (stderr, "usage: naive-solve FILE [--pareto]\n");
      return 2;
    }
  gboolean pareto = argc > 2 && strcmp (argv[2], "--pareto") == 0;
  g_autoptr (GError) error = NULL;
  g_autoptr (RlScenario) sc = rl_scenario_load (argv[1], &error);
  if (sc == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  guint64 space;
  if (!rl_scenario_get_space (sc, &space))
    {
      fprintf (stderr, "naive-solve: the space is too large to walk\n");
      return 3;
    }
  guint ni = rl_scenario_get_n_issues (sc), np = rl_scenario_get_n_parties (sc);
  g_autofree guint8 *x = g_new0 (guint8, ni + 1);
  g_autofree double *u = g_new0 (double, np + 1);
  GArray *points = g_array_new (FALSE, FALSE, sizeof (double));
  guint64 feasible = 0, compatible = 0, acceptable = 0, best_index = 0;
  double best = -INFINITY;
  gint64 start = g_get_monotonic_time ();
  for (guint64 k = 0; k < space; k++)
    {
      rl_scenario_package_from_index (sc, k, x);
      if (!rl_scenario_is_feasible (sc, x))
        continue;
      feasible++;
      if (!rl_scenario_is_compatible (sc, x))
        continue;
      compatible++;
      if (!rl_scenario_is_acceptable (sc, x, FALSE))
        continue;
      acceptable++;
      double nash = 1;
      for (guint p = 0; p < np; p++)
        {
          u[p] = rl_scenario_utility (sc, p, x);
          if (rl_scenario_party_is_veto (sc, p))
            nash *= pow (MAX (u[p] - rl_scenario_get_party_batna (sc, p), 0.0),
                         rl_scenario_get_party_power (sc, p));
        }
      if (nash > best)
        {
          best = nash;
          best_index = k;
        }
      if (pareto)
        g_array_append_vals (points, u, np);
    }
  guint64 n_pareto = 0;
  for (guint64 i = 0; pareto && i < acceptable; i++)
    {
      const double *a = &g_array_index (points, double, i * np);
      gboolean dominated = FALSE;
      for (guint64 j = 0; j < acceptable && !dominated; j++)
        {
          const double *b = &g_array_index (points, double, j * np);
          gboolean ge = TRUE, gt = FALSE;
          for (guint p = 0; p < np; p++)
            {
              ge = ge && b[p] >= a[p] - 1e-9;
              gt = gt || b[p] > a[p] + 1e-9;
            }
          dominated = ge && gt;
        }
      n_pareto += dominated ? 0 : 1;
    }
  double seconds = (g_get_monotonic_time () - start) / 1e6;
  printf ("{\"space\": %" G_GUINT64_FORMAT ", \"feasible\": %" G_GUINT64_FORMAT
          ", \"compatible\": %" G_GUINT64_FORMAT ", \"acceptable\": %" G_GUINT64_FORMAT,
          space, feasible, compatible, acceptable);
  if (pareto)
    printf (", \"pareto\": %" G_GUINT64_FORMAT, n_pareto);
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  if (acceptable > 0)
    printf (", \"best_nash\": %s, \"best_index\": %" G_GUINT64_FORMAT,
            g_ascii_dtostr (buf, sizeof buf, best), best_index);
  printf (", \"seconds\": %s}\n", g_ascii_dtostr (buf, sizeof buf, seconds));
  g_array_unref (points);
  return 0;
}
