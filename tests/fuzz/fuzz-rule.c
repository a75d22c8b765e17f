/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * fuzz-rule.c: libFuzzer entry point for the rule language: the bytes are
 * a rule, compiled against a fixed small set of issues; a compiled rule is
 * evaluated on a few packages, full and partial, and the evaluators are
 * checked against each other:
 *   - on a full package, rl_rule_eval_partial() agrees with rl_rule_eval();
 *   - a decided partial answer holds for every completion tried;
 *   - a unary mask says exactly which options of its issue pass.
 * A failed compile must come with an error and an offset inside the text.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <redline/redline.h>

#include "fuzz-common.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

#define N_ISSUES 5

static const char *const talks[] = { "no", "yes" };
static const char *const border[] = { "frozen", "partial", "full" };
static const char *const aid[] = { "none", "some", "lots" };
static const char *const words[] = { "and", "or", "not", "in", "true", "false", "yes", "no" };
static char *zone_ids[64];
static const char *zone[64];

static RlIssueInfo issues[N_ISSUES] = {
  { "talks", FALSE, 2, talks },
  { "border", TRUE, 3, border },
  { "aid", FALSE, 3, aid },
  { "zone", TRUE, 64, zone },
  { "word", FALSE, 8, words },
};

/* A small deterministic generator, seeded from the input, so that a
 * crash replays. */
static guint64
next (guint64 *state)
{
  *state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
  return *state >> 33;
}

static void
random_package (guint64 *state, guint8 *pkg, gboolean partial)
{
  for (guint i = 0; i < N_ISSUES; i++)
    {
      pkg[i] = (guint8) (next (state) % issues[i].n_options);
      if (partial && next (state) % 2 == 0)
        pkg[i] = RL_UNSET;
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  if (zone[0] == NULL)
    for (guint k = 0; k < 64; k++)
      zone[k] = zone_ids[k] = g_strdup_printf ("o%u", k);   /* kept for the process */

  char *text = g_strndup ((const char *) data, size);
  guint offset = G_MAXUINT;
  GError *error = NULL;
  RlRule *rule = rl_rule_compile (text, issues, N_ISSUES, &offset, &error);
  if (rule == NULL)
    {
      RL_FUZZ_CHECK (error != NULL && error->domain == RL_ERROR);
      RL_FUZZ_CHECK (offset <= g_utf8_strlen (text, -1) || !g_utf8_validate (text, -1, NULL));
      g_error_free (error);
      g_free (text);
      return 0;
    }
  RL_FUZZ_CHECK (error == NULL);

  guint n_read = 0;
  const guint *read = rl_rule_get_issues (rule, &n_read);
  RL_FUZZ_CHECK (n_read <= N_ISSUES);
  for (guint j = 0; j < n_read; j++)
    RL_FUZZ_CHECK (read[j] < N_ISSUES && (j == 0 || read[j] > read[j - 1]));

  guint64 state = g_str_hash (text);
  guint8 pkg[N_ISSUES], full[N_ISSUES];
  /* The extremes, then random packages. */
  for (guint t = 0; t < 24; t++)
    {
      if (t < 2)
        for (guint i = 0; i < N_ISSUES; i++)
          pkg[i] = t == 0 ? 0 : (guint8) (issues[i].n_options - 1);
      else
        random_package (&state, pkg, FALSE);
      gboolean v = rl_rule_eval (rule, pkg);
      RL_FUZZ_CHECK (rl_rule_eval_partial (rule, pkg) == (v ? RL_TRUE : RL_FALSE));
    }
  for (guint t = 0; t < 8; t++)
    {
      random_package (&state, pkg, TRUE);
      RlTruth truth = rl_rule_eval_partial (rule, pkg);
      RL_FUZZ_CHECK (truth == RL_TRUE || truth == RL_FALSE || truth == RL_UNKNOWN);
      if (truth == RL_UNKNOWN)
        continue;
      for (guint c = 0; c < 4; c++)
        {
          for (guint i = 0; i < N_ISSUES; i++)
            full[i] = pkg[i] != RL_UNSET ? pkg[i] : (guint8) (next (&state) % issues[i].n_options);
          RL_FUZZ_CHECK (rl_rule_eval (rule, full) == (truth == RL_TRUE));
        }
    }
  guint issue = 0;
  guint64 mask = 0;
  if (rl_rule_get_unary_mask (rule, &issue, &mask))
    {
      RL_FUZZ_CHECK (issue < N_ISSUES);
      RL_FUZZ_CHECK (n_read == 1 && read[0] == issue);
      for (guint i = 0; i < N_ISSUES; i++)
        pkg[i] = 0;
      for (guint k = 0; k < issues[issue].n_options; k++)
        {
          pkg[issue] = (guint8) k;
          RL_FUZZ_CHECK (rl_rule_eval (rule, pkg) == (gboolean) ((mask >> k) & 1));
        }
    }
  rl_rule_free (rule);
  g_free (text);
  return 0;
}
