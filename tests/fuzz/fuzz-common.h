/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * fuzz-common.h: what the fuzz targets share: a walk over a loaded
 * scenario's getters and invariants, checked by abort() so that libFuzzer
 * records the input.
 */
#pragma once

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <redline/redline.h>

#include "write/write-number.h"

/* A check that stays in a release build: the fuzzer sees abort(). */
#define RL_FUZZ_CHECK(cond) \
  do { if (!(cond)) { g_printerr ("%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); abort (); } } while (0)

static inline void
rl_fuzz_walk_scenario (RlScenario *sc)
{
  guint n_issues = rl_scenario_get_n_issues (sc);
  guint n_parties = rl_scenario_get_n_parties (sc);
  RL_FUZZ_CHECK (n_issues >= 1 && n_issues <= RL_MAX_ISSUES);
  RL_FUZZ_CHECK (n_parties >= 1 && n_parties <= RL_MAX_PARTIES);
  RL_FUZZ_CHECK (rl_scenario_get_title (sc) != NULL);
  for (guint i = 0; i < n_issues; i++)
    {
      guint n = rl_scenario_get_n_options (sc, i);
      RL_FUZZ_CHECK (n >= 1 && n <= RL_MAX_OPTIONS);
      RL_FUZZ_CHECK (rl_scenario_find_issue (sc, rl_scenario_get_issue_id (sc, i)) == (int) i);
      RL_FUZZ_CHECK (rl_scenario_get_issue_label (sc, i) != NULL);
      for (guint k = 0; k < n; k++)
        {
          RL_FUZZ_CHECK (rl_scenario_find_option (sc, i, rl_scenario_get_option_id (sc, i, k)) == (int) k);
          RL_FUZZ_CHECK (rl_scenario_get_option_label (sc, i, k) != NULL);
        }
    }
  for (guint p = 0; p < n_parties; p++)
    {
      RL_FUZZ_CHECK (rl_scenario_find_party (sc, rl_scenario_get_party_id (sc, p)) == (int) p);
      RL_FUZZ_CHECK (isfinite (rl_scenario_get_party_batna (sc, p)));
      RL_FUZZ_CHECK (rl_scenario_get_party_power (sc, p) > 0);
      for (guint i = 0; i < n_issues; i++)
        {
          RL_FUZZ_CHECK (isfinite (rl_scenario_get_party_weight (sc, p, i)));
          for (guint k = 0; k < rl_scenario_get_n_options (sc, i); k++)
            RL_FUZZ_CHECK (isfinite (rl_scenario_get_party_value (sc, p, i, k)));
        }
    }
  guint64 space = 0;
  double approx = rl_scenario_get_space_approx (sc);
  /* Above a double's range (64^256) the approximation is +inf, but what
   * the writers print of it is a number. */
  RL_FUZZ_CHECK (approx >= 1);
  char *space_text = rl_scenario_format_space (sc, 3);
  RL_FUZZ_CHECK (strstr (space_text, "inf") == NULL && strstr (space_text, "nan") == NULL);
  g_free (space_text);
  if (rl_scenario_get_space (sc, &space))
    {
      RL_FUZZ_CHECK (space >= 1 && space <= (guint64) G_MAXINT64);
      /* The last package's index is space - 1, and back. */
      guint8 *pkg = g_new (guint8, n_issues);
      guint8 *back = g_new (guint8, n_issues);
      for (guint i = 0; i < n_issues; i++)
        pkg[i] = (guint8) (rl_scenario_get_n_options (sc, i) - 1);
      RL_FUZZ_CHECK (rl_scenario_package_index (sc, pkg) == space - 1);
      rl_scenario_package_from_index (sc, space - 1, back);
      RL_FUZZ_CHECK (memcmp (pkg, back, n_issues) == 0);
      g_free (pkg);
      g_free (back);
    }
  else
    RL_FUZZ_CHECK (approx > 9.2e18);
}
