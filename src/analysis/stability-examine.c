/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * stability-examine.c: the packages `redline stability` examines
 * (stability.md: acceptable, compatible, feasible, the top K, or one
 * deal), each as solve would print it: utilities always, scores and the
 * pareto flag when acceptable. Acceptable packages come from solve's own
 * stream, so their scores and flags are solve's; the others from a search
 * over the constraints (and the veto red lines for compatible).
 */
#include "analysis/stability-private.h"

#include <string.h>

#include <redline/error.h>
#include "engine/engine.h"
#include "engine/package.h"

static void
package_copy (RlPackage *to, const RlPackage *from, const RlScenario *sc)
{
  *to = *from;
  to->options = g_memdup2 (from->options, sc->n_issues + 1);
  to->utilities = g_memdup2 (from->utilities, (sc->n_parties + 1) * sizeof (double));
}

void
rl_st_package_array_free (GArray *packages)
{
  if (packages == NULL)
    return;
  for (guint k = 0; k < packages->len; k++)
    rl_package_clear (&g_array_index (packages, RlPackage, k));
  g_array_unref (packages);
}

static int
compare_packages (gconstpointer a, gconstpointer b)
{
  guint64 x = ((const RlPackage *) a)->index, y = ((const RlPackage *) b)->index;
  return x < y ? -1 : x > y;
}

/* ---- the acceptable packages, from solve's stream ------------------------------ */

typedef struct {
  const RlScenario *sc;
  GArray *out;
} Collect;

static gboolean
collect_package (const RlPackage *pkg, gpointer data)
{
  Collect *col = data;
  RlPackage copy;
  package_copy (&copy, pkg, col->sc);
  g_array_append_val (col->out, copy);
  return TRUE;
}

static GArray *
acceptable_packages (RlScenario *sc, const RlStabilityOptions *opts, RlDeadline deadline,
                     gboolean *timed_out, GError **error)
{
  RlSolveOptions so;
  rl_solve_options_init (&so);
  so.run = opts->run;
  so.run.timeout = deadline.at == 0 ? 0 : MAX ((double) (deadline.at - g_get_monotonic_time ()) / 1e6, 1e-6);
  Collect col = { sc, g_array_new (FALSE, FALSE, sizeof (RlPackage)) };
  gboolean stopped = FALSE;
  if (!rl_solve_each (sc, &so, 0, collect_package, &col, &stopped, error))
    {
      rl_st_package_array_free (col.out);
      return NULL;
    }
  *timed_out = *timed_out || stopped;
  g_array_sort (col.out, compare_packages);
  return col.out;
}

/* ---- feasible or compatible packages, from a search ----------------------------------- */

static GArray *
searched_packages (RlScenario *sc, const RlStabilityOptions *opts, RlDeadline deadline,
                   gboolean *timed_out, GError **error)
{
  /* Solve's packages for the acceptable ones: their scores and flags. */
  g_autoptr (GHashTable) acceptable = g_hash_table_new (g_int64_hash, g_int64_equal);
  GArray *solved = acceptable_packages (sc, opts, deadline, timed_out, error);
  if (solved == NULL)
    return NULL;
  for (guint k = 0; k < solved->len; k++)
    {
      RlPackage *pkg = &g_array_index (solved, RlPackage, k);
      g_hash_table_insert (acceptable, &pkg->index, pkg);
    }

  RlProblemRules which = RL_RULES_CONSTRAINTS;
  if (opts->packages == RL_STABILITY_COMPATIBLE)
    which |= RL_RULES_RED_LINES;
  RlProblem *pb = rl_problem_new (sc, which, NULL, 0, NULL);
  RlRun run = rl_run_init (&opts->run, deadline);
  gboolean stopped = FALSE;
  g_autoptr (GArray) indices = rl_problem_collect_indices (pb, sc, &run, &stopped);
  rl_problem_free (pb);
  *timed_out = *timed_out || stopped;

  GArray *out = g_array_new (FALSE, FALSE, sizeof (RlPackage));
  g_autofree guint8 *options = g_new0 (guint8, sc->n_issues + 1);
  for (guint k = 0; k < indices->len; k++)
    {
      guint64 index = g_array_index (indices, guint64, k);
      const RlPackage *known = g_hash_table_lookup (acceptable, &index);
      RlPackage pkg;
      if (known)
        package_copy (&pkg, known, sc);
      else
        {
          rl_package_init (&pkg, sc);
          rl_scenario_package_from_index (sc, index, options);
          rl_package_fill (&pkg, sc, options, FALSE, NULL);
        }
      g_array_append_val (out, pkg);
    }
  rl_st_package_array_free (solved);
  return out;
}

/* ---- the top K, or one deal --------------------------------------------------------------- */

static GArray *
top_packages (RlScenario *sc, const RlStabilityOptions *opts, RlDeadline deadline,
              gboolean *timed_out, GError **error)
{
  RlSolveOptions so;
  rl_solve_options_init (&so);
  so.rank = opts->rank;
  so.top = opts->top;
  so.run = opts->run;
  so.run.timeout = deadline.at == 0 ? 0 : MAX ((double) (deadline.at - g_get_monotonic_time ()) / 1e6, 1e-6);
  g_autoptr (RlResult) res = rl_solve (sc, &so, error);
  if (res == NULL)
    return NULL;
  *timed_out = *timed_out || !rl_result_is_complete (res);
  GArray *out = g_array_new (FALSE, FALSE, sizeof (RlPackage));
  for (guint k = 0; k < rl_result_get_n_top (res); k++)
    {
      RlPackage pkg;
      package_copy (&pkg, rl_result_get_top (res, k), sc);
      g_array_append_val (out, pkg);
    }
  g_array_sort (out, compare_packages);
  return out;
}

static GArray *
deal_package (RlScenario *sc, const RlStabilityOptions *opts, RlDeadline deadline,
              gboolean *timed_out, GError **error)
{
  for (guint c = 0; c < rl_scenario_get_n_constraints (sc); c++)
    {
      const RlNamedRule *r = rl_scenario_get_constraint (sc, c);
      if (!rl_rule_eval (rl_named_rule_get_rule (r), opts->deal))
        {
          g_set_error (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT,
                       "the package breaks constraint '%s' (%s), so it is not a state: "
                       "no deal can contain it", rl_named_rule_get_id (r),
                       rl_named_rule_get_text (r));
          return NULL;
        }
    }
  RlSolveOptions so;
  rl_solve_options_init (&so);
  so.run = opts->run;
  so.run.timeout = deadline.at == 0 ? 0 : MAX ((double) (deadline.at - g_get_monotonic_time ()) / 1e6, 1e-6);
  g_autoptr (RlEvaluation) ev = rl_evaluate (sc, opts->deal, &so, error);
  if (ev == NULL)
    return NULL;
  /* Only the ranks can be missing after a timeout, and none is shown. */
  (void) timed_out;
  GArray *out = g_array_new (FALSE, FALSE, sizeof (RlPackage));
  RlPackage pkg;
  package_copy (&pkg, rl_evaluation_get_package (ev), sc);
  g_array_append_val (out, pkg);
  return out;
}

GArray *
rl_st_examined (RlScenario *sc, const RlStabilityOptions *opts, RlDeadline deadline,
                gboolean *timed_out, GError **error)
{
  *timed_out = FALSE;
  if (opts->deal)
    return deal_package (sc, opts, deadline, timed_out, error);
  switch (opts->packages)
    {
    case RL_STABILITY_TOP:
      return top_packages (sc, opts, deadline, timed_out, error);
    case RL_STABILITY_COMPATIBLE:
    case RL_STABILITY_FEASIBLE:
      return searched_packages (sc, opts, deadline, timed_out, error);
    case RL_STABILITY_ACCEPTABLE:
    default:
      return acceptable_packages (sc, opts, deadline, timed_out, error);
    }
}
