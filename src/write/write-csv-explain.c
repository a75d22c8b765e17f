/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * write-csv-explain.c: explain's blocker table as CSV, with the quoting
 * and number rules of write-csv.h.
 */
#include "write/write-explain.h"

#include "write/write-csv.h"

void
rl_csv_explain (GString *out, const RlExplanation *ex)
{
  const RlScenario *sc = rl_explanation_get_scenario (ex);
  static const char *const header[] = { "id", "party", "kind", "excludes", "sole", "price" };
  gboolean first = TRUE;
  rl_csv_fields (out, &first, header, G_N_ELEMENTS (header));
  g_string_append_c (out, '\n');

  for (guint b = 0; b < rl_explanation_get_n_blockers (ex); b++)
    {
      first = TRUE;
      rl_csv_field (out, &first, rl_explanation_get_blocker_id (ex, b));
      rl_csv_field (out, &first, rl_scenario_get_party_id (sc, rl_explanation_get_blocker_party (ex, b)));
      rl_csv_field (out, &first, rl_explanation_get_blocker_kind (ex, b) == RL_BLOCKER_BATNA ? "batna" : "red_line");
      rl_csv_known (out, &first, rl_explanation_get_blocker_excludes (ex, b));
      rl_csv_known (out, &first, rl_explanation_get_blocker_sole (ex, b));
      double price;
      if (rl_explanation_get_blocker_price (ex, b, &price))
        rl_csv_number (out, &first, price);
      else
        rl_csv_field (out, &first, "");
      g_string_append_c (out, '\n');
    }
}
