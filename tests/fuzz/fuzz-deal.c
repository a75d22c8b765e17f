/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * fuzz-deal.c: libFuzzer entry point for the command-line value parsers
 * that read scenario names: rl_deal_parse() (--deal) and rl_rank_parse()
 * (--rank), on a fixed scenario. The input's first line is the deal, the
 * rest the rank. A parsed deal names every issue once, with a valid
 * option, and the same deal written back parses to the same package.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <redline/redline.h>

#include "fuzz-common.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static const char scenario_text[] =
  "redline: 1\n"
  "title: Deal parsing\n"
  "issues:\n"
  "  border: {ordered: true, options: [west, middle, east]}\n"
  "  aid: {options: [none, some, full]}\n"
  "  talks: {options: [no, yes]}\n"
  "  b0rder: {options: [a, b, A, B, a_1, '2']}\n"
  "parties:\n"
  "  north: {batna: 0.1, weights: {border: 1}, values: {border: increasing}}\n"
  "  south: {veto: false}\n"
  "  utility: {}\n";

static RlScenario *sc;

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  if (sc == NULL)
    {
      GError *error = NULL;
      sc = rl_scenario_load_from_data (scenario_text, sizeof scenario_text - 1, "deal.yaml", &error);
      if (sc == NULL)
        {
          g_printerr ("%s\n", error->message);
          abort ();
        }
    }
  guint n_issues = rl_scenario_get_n_issues (sc);
  const char *nl = memchr (data, '\n', size);
  gsize deal_len = nl ? (gsize) (nl - (const char *) data) : size;
  char *deal = g_strndup ((const char *) data, deal_len);
  char *rank_text = nl ? g_strndup (nl + 1, size - deal_len - 1) : g_strdup ("");

  guint8 *pkg = g_new (guint8, n_issues);
  GError *error = NULL;
  if (rl_deal_parse (sc, deal, pkg, &error))
    {
      RL_FUZZ_CHECK (error == NULL);
      GString *again = g_string_new (NULL);
      for (guint i = 0; i < n_issues; i++)
        {
          RL_FUZZ_CHECK (pkg[i] < rl_scenario_get_n_options (sc, i));
          g_string_append_printf (again, "%s%s=%s", i ? "," : "", rl_scenario_get_issue_id (sc, i),
                                  rl_scenario_get_option_id (sc, i, pkg[i]));
        }
      guint8 *back = g_new (guint8, n_issues);
      RL_FUZZ_CHECK (rl_deal_parse (sc, again->str, back, NULL));
      RL_FUZZ_CHECK (memcmp (pkg, back, n_issues) == 0);
      g_free (back);
      g_string_free (again, TRUE);
    }
  else
    {
      RL_FUZZ_CHECK (error != NULL && error->domain == RL_ERROR && error->code == RL_ERROR_INVALID_ARGUMENT);
      g_clear_error (&error);
    }

  RlRank rank;
  if (rl_rank_parse (sc, rank_text, &rank, &error))
    {
      RL_FUZZ_CHECK (error == NULL);
      RL_FUZZ_CHECK (rank.kind != RL_SCORE_UTILITY || rank.party < rl_scenario_get_n_parties (sc));
      char *back = rl_rank_to_string (sc, &rank);
      RL_FUZZ_CHECK (strcmp (back, rank_text) == 0);
      g_free (back);
    }
  else
    {
      RL_FUZZ_CHECK (error != NULL && error->code == RL_ERROR_INVALID_ARGUMENT);
      g_clear_error (&error);
    }
  g_free (pkg);
  g_free (deal);
  g_free (rank_text);
  return 0;
}
