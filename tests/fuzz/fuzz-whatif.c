/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * fuzz-whatif.c: libFuzzer entry point for the what-if changes
 * (scenario.md section 7) on a fixed base scenario, both ways they come:
 *   - as command-line flags: each input line is one flag, its first byte
 *     choosing the kind (relax, set, require, fix, exclude, without) and
 *     the rest its value, through rl_changes_add() and
 *     rl_scenario_apply_changes();
 *   - as a variant file: an input that holds "extends:" is written beside
 *     base.yaml in a temporary folder and loaded with rl_scenario_load().
 * A changed scenario is walked through its getters and, when small, solved.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <redline/redline.h>
#include <redline/whatif.h>

#include "fuzz-common.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static const char base_text[] =
  "redline: 1\n"
  "title: What-if base\n"
  "issues:\n"
  "  border: {ordered: true, options: [west, middle, east]}\n"
  "  aid: {ordered: true, options: [none, some, full]}\n"
  "  talks: {options: [no, yes]}\n"
  "constraints:\n"
  "  - {id: no-full-aid-in-east, rule: not (border == east and aid == full)}\n"
  "parties:\n"
  "  north:\n"
  "    batna: 0.3\n"
  "    weights: {border: 1, aid: 1}\n"
  "    values: {border: increasing, aid: decreasing}\n"
  "    red_lines: [{id: never-west, rule: border != west}]\n"
  "    bonuses: [{when: talks, value: 0.1}]\n"
  "    strategy: boulware\n"
  "  south:\n"
  "    batna: 0.2\n"
  "    weights: {border: 1, aid: 1}\n"
  "    values: {border: decreasing, aid: increasing}\n"
  "    red_lines: [{id: some-aid, rule: aid >= some, public: false}]\n"
  "  press:\n"
  "    veto: false\n"
  "    weights: {aid: 1}\n"
  "    values: {aid: increasing}\n"
  "status_quo: {border: west, aid: none, talks: no}\n"
  "simulation:\n"
  "  order: [south, north]\n";

static RlScenario *base;
static char *dir, *variant_path;

static void
use (RlScenario *sc)
{
  rl_fuzz_walk_scenario (sc);
  guint64 space = 0;
  if (!rl_scenario_get_space (sc, &space) || space > 1000)
    return;
  RlSolveOptions opts;
  rl_solve_options_init (&opts);
  opts.run.n_threads = 1;
  opts.top = 3;
  opts.run.timeout = 5;
  opts.flags = RL_SOLVE_FRONTIER;
  GError *error = NULL;
  RlResult *res = rl_solve (sc, &opts, &error);
  RL_FUZZ_CHECK (res != NULL && error == NULL);
  for (guint i = 0; i < rl_result_get_n_top (res); i++)
    for (guint p = 0; p < rl_scenario_get_n_parties (sc); p++)
      RL_FUZZ_CHECK (isfinite (rl_result_get_top (res, i)->utilities[p]));
  rl_result_free (res);
}

static void
setup (void)
{
  GError *error = NULL;
  base = rl_scenario_load_from_data (base_text, sizeof base_text - 1, "base.yaml", &error);
  if (base == NULL)
    {
      g_printerr ("%s\n", error->message);
      abort ();
    }
  dir = g_dir_make_tmp ("redline-fuzz-whatif-XXXXXX", NULL);
  g_autofree char *base_path = g_build_filename (dir, "base.yaml", NULL);
  RL_FUZZ_CHECK (dir != NULL && g_file_set_contents (base_path, base_text, -1, NULL));
  variant_path = g_build_filename (dir, "variant.yaml", NULL);
}

static void
fuzz_variant (const uint8_t *data, size_t size)
{
  GError *error = NULL;
  RL_FUZZ_CHECK (g_file_set_contents (variant_path, (const char *) data, (gssize) size, NULL));
  RlScenario *sc = rl_scenario_load (variant_path, &error);
  if (sc == NULL)
    {
      RL_FUZZ_CHECK (error != NULL && error->domain == RL_ERROR && error->message[0] != '\0');
      g_error_free (error);
      return;
    }
  RL_FUZZ_CHECK (error == NULL);
  use (sc);
  rl_scenario_unref (sc);
}

static void
fuzz_flags (const uint8_t *data, size_t size)
{
  RlChanges *changes = rl_changes_new ();
  char *text = g_strndup ((const char *) data, size);
  char **lines = g_strsplit (text, "\n", 16);
  GError *error = NULL;
  for (guint k = 0; lines[k] != NULL; k++)
    {
      if (lines[k][0] == '\0')
        continue;
      RlChangeKind kind = (RlChangeKind) ((guchar) lines[k][0] % RL_N_CHANGE_KINDS);
      if (!rl_changes_add (changes, kind, lines[k] + 1, NULL, &error))
        {
          RL_FUZZ_CHECK (error != NULL && error->code == RL_ERROR_INVALID_ARGUMENT);
          g_clear_error (&error);
        }
    }
  for (guint k = 0; k < rl_changes_get_n (changes); k++)
    RL_FUZZ_CHECK (rl_changes_get_text (changes, k) != NULL);
  RlScenario *sc = rl_scenario_apply_changes (base, changes, &error);
  if (sc == NULL)
    {
      RL_FUZZ_CHECK (error != NULL && error->code == RL_ERROR_INVALID_ARGUMENT);
      g_clear_error (&error);
    }
  else
    {
      RL_FUZZ_CHECK (error == NULL);
      const char *const *texts = rl_scenario_get_changes (sc);
      guint n = 0;
      while (texts[n] != NULL)
        n++;
      RL_FUZZ_CHECK (n == rl_changes_get_n (changes));
      use (sc);
      rl_scenario_unref (sc);
    }
  g_strfreev (lines);
  g_free (text);
  rl_changes_free (changes);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  if (base == NULL)
    setup ();
  if (size >= 8 && memmem (data, size, "extends:", 8) != NULL)
    fuzz_variant (data, size);
  else
    fuzz_flags (data, size);
  return 0;
}
