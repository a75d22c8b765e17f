/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * fuzz-load.c: libFuzzer entry point for the scenario loader: any bytes
 * go to rl_scenario_load_from_data(), which must answer with a scenario or
 * an error (never a crash, a hang or a leak), and the scenario is freed.
 * A loaded scenario is also walked through its getters, so that a
 * half-built one would show.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <redline/redline.h>

#include "fuzz-common.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  GError *error = NULL;
  RlScenario *sc = rl_scenario_load_from_data ((const char *) data, size, "fuzz.yaml", &error);
  if (sc == NULL)
    {
      /* Every failure carries a message in the file:line:col form. */
      if (error == NULL || error->domain != RL_ERROR || error->message[0] == '\0')
        abort ();
      g_error_free (error);
      return 0;
    }
  if (error != NULL)
    abort ();
  rl_fuzz_walk_scenario (sc);
  rl_scenario_unref (sc);
  return 0;
}
