/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * fuzz-debrief.c: libFuzzer target: any bytes as a debrief's deals CSV,
 * against tests/data/valid/border-aid.yaml (embedded), through rl_deals_parse(), the scoring
 * of every good row at once (rl_debrief_new(), with a deadline budget the
 * input picks, so that cut debriefs are written too) and the CSV, JSON
 * and text writers. Checked: every row is good or has an error naming its
 * line; the CSV has one line per row plus the header, each with the
 * header's number of fields (RFC 4180 quoting); the JSON parses; a
 * partial debrief prints no rank (null, never a guess).
 */
#include <stdint.h>

#include "fuzz-common.h"
#include "write/write-debrief.h"
#include "write/write-doc.h"
#include "write/write-json.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* tests/data/valid/border-aid.yaml, which the debrief seeds are written for. */
static const char SCENARIO[] =
  "redline: 1\n"
  "title: Border and aid\n"
  "issues:\n"
  "  border:\n"
  "    label: Where the line runs\n"
  "    ordered: true\n"
  "    options: [west, middle, east]\n"
  "  aid:\n"
  "    label: Reconstruction aid\n"
  "    ordered: true\n"
  "    options:\n"
  "      - none\n"
  "      - id: some\n"
  "        label: Some aid, paid over ten years\n"
  "      - full\n"
  "constraints:\n"
  "  - id: no-full-aid-in-east\n"
  "    rule: aid == full -> border != east\n"
  "    note: donors will not fund the eastern line\n"
  "parties:\n"
  "  north:\n"
  "    label: Northern republic\n"
  "    batna: 0.4\n"
  "    weights: {border: 3, aid: 1}\n"
  "    values:\n"
  "      border: increasing\n"
  "      aid: increasing\n"
  "    red_lines:\n"
  "      - id: never-west\n"
  "        rule: border != west\n"
  "        note: the western line would give up the capital's water supply\n"
  "  south:\n"
  "    label: Southern federation\n"
  "    batna: 0.3\n"
  "    weights: {border: 1, aid: 1}\n"
  "    values:\n"
  "      border: decreasing\n"
  "      aid: {none: 0, some: 1, full: 0.5}\n";

/* Fields of one CSV record starting at *p (RFC 4180); advances *p past it. */
static guint
csv_record_fields (const char **p, const char *end)
{
  guint fields = 1;
  gboolean quoted = FALSE;
  while (*p < end)
    {
      char c = **p;
      (*p)++;
      if (quoted)
        {
          if (c == '"')
            {
              if (*p < end && **p == '"')
                (*p)++;
              else
                quoted = FALSE;
            }
        }
      else if (c == '"')
        quoted = TRUE;
      else if (c == ',')
        fields++;
      else if (c == '\n')
        break;
    }
  return fields;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static RlScenario *sc = NULL;
  if (sc == NULL)
    {
      GError *error = NULL;
      sc = rl_scenario_load_from_data (SCENARIO, strlen (SCENARIO), "fuzz.yaml", &error);
      RL_FUZZ_CHECK (sc != NULL);
    }
  RlDeals *deals = rl_deals_parse (sc, (const char *) data, size, "deals.csv");
  RL_FUZZ_CHECK (deals != NULL);
  guint n = rl_deals_get_n_rows (deals);
  RL_FUZZ_CHECK (n <= RL_DEBRIEF_MAX_ROWS);
  for (guint k = 0; k < n; k++)
    {
      const RlDealRow *row = rl_deals_get_row (deals, k);
      RL_FUZZ_CHECK (row->line >= 2);
      RL_FUZZ_CHECK ((row->package == NULL) == (rl_deals_get_row_error (deals, k) != NULL));
    }

  RlSolveOptions opts;
  rl_solve_options_init (&opts);
  opts.run.n_threads = 1;
  gint budget = (gint) (size % 512);
  if (size % 3 != 0)
    opts.run.test_budget = &budget;
  GError *error = NULL;
  RlDebrief *db = rl_debrief_new (sc, deals, &opts, size % 2 == 0, &error);
  RL_FUZZ_CHECK (db != NULL && error == NULL);
  gboolean complete = rl_debrief_is_complete (db);

  GString *csv = g_string_new (NULL);
  rl_csv_debrief (csv, db);
  const char *p = csv->str, *end = csv->str + csv->len;
  guint header = csv_record_fields (&p, end), records = 0;
  while (p < end)
    {
      RL_FUZZ_CHECK (csv_record_fields (&p, end) == header);
      records++;
    }
  RL_FUZZ_CHECK (records == n);
  RL_FUZZ_CHECK (g_utf8_validate (csv->str, (gssize) csv->len, NULL));

  JsonNode *node = rl_json_debrief (db, "fuzz.yaml", "deals.csv");
  GString *json = g_string_new (NULL);
  rl_json_write (json, node, FALSE);
  JsonParser *parser = json_parser_new ();
  RL_FUZZ_CHECK (json_parser_load_from_data (parser, json->str, (gssize) json->len, NULL));
  g_object_unref (parser);
  json_node_unref (node);

  for (guint k = 0; k < n; k++)
    {
      const RlEvaluation *ev = rl_debrief_get_evaluation (db, k);
      if (!ev || !rl_evaluation_is_acceptable (ev))
        continue;
      for (guint s = 0; s < RL_N_STANDARD_SCORES; s++)
        {
          guint64 rank = rl_evaluation_get_rank (ev, (RlScoreKind) s);
          RL_FUZZ_CHECK (complete ? rank >= 1 : TRUE);
          RL_FUZZ_CHECK (rank <= rl_evaluation_get_n_acceptable (ev));
        }
    }

  GString *text = g_string_new (NULL);
  RlDoc *doc = rl_doc_new (RL_DOC_TEXT, text, NULL);
  rl_write_debrief (doc, db, "fuzz.yaml", "deals.csv");
  rl_doc_free (doc);
  RL_FUZZ_CHECK (g_utf8_validate (text->str, (gssize) text->len, NULL));

  g_string_free (text, TRUE);
  g_string_free (json, TRUE);
  g_string_free (csv, TRUE);
  rl_debrief_free (db);
  rl_deals_free (deals);
  return 0;
}
