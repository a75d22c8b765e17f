/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * fuzz-serve.c: libFuzzer entry point for the request bodies of `redline
 * serve` (src/serve/api.c): any bytes as a body, checked for each of the
 * API's endpoints against a fixed scenario. A body whose "changes" apply
 * is also written as the variant file the page offers (variant.c), which
 * must load back beside its base with exactly the same changes: no name,
 * rule or value of a request may break out of its YAML scalar.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>
#include <redline/redline.h>

#include "fuzz-common.h"
#include "serve/api.h"
#include "serve/variant.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static const char base_text[] =
  "redline: 1\n"
  "title: Serve base\n"
  "issues:\n"
  "  border: {ordered: true, options: [west, middle, east]}\n"
  "  aid: {ordered: true, options: [none, some, full]}\n"
  "parties:\n"
  "  north:\n"
  "    batna: 0.3\n"
  "    weights: {border: 1, aid: 1}\n"
  "    values: {border: increasing, aid: decreasing}\n"
  "    red_lines: [{id: never-west, rule: border != west}]\n"
  "  south:\n"
  "    batna: 0.2\n"
  "    weights: {border: 1, aid: 1}\n"
  "    values: {border: decreasing, aid: increasing}\n"
  "simulation:\n"
  "  order: [south, north]\n";

static RlScenario *base;
static char *dir, *base_path, *variant_path;

static void
setup (void)
{
  GError *error = NULL;
  dir = g_dir_make_tmp ("redline-fuzz-serve-XXXXXX", NULL);
  RL_FUZZ_CHECK (dir != NULL);
  base_path = g_build_filename (dir, "base.yaml", NULL);
  variant_path = g_build_filename (dir, "variant.yaml", NULL);
  RL_FUZZ_CHECK (g_file_set_contents (base_path, base_text, -1, NULL));
  base = rl_scenario_load (base_path, &error);
  if (base == NULL)
    {
      g_printerr ("%s\n", error->message);
      abort ();
    }
}

/* The variant file of @changed's changes loads back with the same ones. */
static void
round_trip (RlScenario *changed)
{
  const char *const *texts = rl_scenario_get_changes (changed);
  guint n = g_strv_length ((char **) texts);
  g_autofree char *yaml = rl_serve_variant_yaml (base_path, texts, n);
  RL_FUZZ_CHECK (g_file_set_contents (variant_path, yaml, -1, NULL));
  GError *error = NULL;
  RlScenario *back = rl_scenario_load (variant_path, &error);
  if (back == NULL)
    {
      g_printerr ("the variant does not load: %s\n%s", error->message, yaml);
      abort ();
    }
  const char *const *again = rl_scenario_get_changes (back);
  RL_FUZZ_CHECK (g_strv_length ((char **) again) == n);
  for (guint k = 0; k < n; k++)
    if (strcmp (again[k], texts[k]) != 0)
      {
        g_printerr ("change %u: '%s' came back as '%s'\n%s", k, texts[k], again[k], yaml);
        abort ();
      }
  rl_scenario_unref (back);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  if (base == NULL)
    setup ();
  GError *error = NULL;
  JsonNode *root = rl_api_parse_object ((const char *) data, size, &error);
  if (root == NULL)
    {
      RL_FUZZ_CHECK (error != NULL && error->code == RL_ERROR_INVALID_ARGUMENT && error->message[0]);
      g_error_free (error);
      return 0;
    }
  RlRunOptions run;
  rl_run_options_init (&run);
  static const char *const paths[] = { "/api/solve", "/api/explain", "/api/evaluate" };
  for (guint k = 0; k < G_N_ELEMENTS (paths); k++)
    {
      const RlApiEndpoint *ep = rl_api_find (paths[k]);
      RL_FUZZ_CHECK (ep != NULL);
      RlApiRequest *req = rl_api_request_new (ep, root, base, "base.yaml", &run, &error);
      RL_FUZZ_CHECK ((req == NULL) == (error != NULL));
      g_clear_error (&error);
      rl_api_request_free (req);
    }
  JsonNode *changes_node = json_object_get_member (json_node_get_object (root), "changes");
  RlChanges *changes = rl_api_parse_changes (changes_node, &error);
  if (changes)
    {
      RlScenario *changed = rl_scenario_apply_changes (base, changes, &error);
      if (changed)
        {
          round_trip (changed);
          rl_scenario_unref (changed);
        }
      g_clear_error (&error);
      rl_changes_free (changes);
    }
  g_clear_error (&error);
  json_node_unref (root);
  return 0;
}
