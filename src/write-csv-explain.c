/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * write-csv-explain.c: explain's blocker table as CSV, with the quoting
 * and number rules of write-csv.h.
 */
#include "write-explain.h"

#include <string.h>

#include "write-number.h"

static void
field (GString *out, gboolean *first, const char *text)
{
  if (!*first)
    g_string_append_c (out, ',');
  *first = FALSE;
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

void
rl_csv_explain (GString *out, const RlExplanation *ex)
{
  const RlScenario *sc = rl_explanation_get_scenario (ex);
  char buf[RL_NUMBER_BUF];
  static const char *const header[] = { "id", "party", "kind", "excludes", "sole", "price" };
  gboolean first = TRUE;
  for (guint k = 0; k < G_N_ELEMENTS (header); k++)
    field (out, &first, header[k]);
  g_string_append_c (out, '\n');

  for (guint b = 0; b < rl_explanation_get_n_blockers (ex); b++)
    {
      first = TRUE;
      field (out, &first, rl_explanation_get_blocker_id (ex, b));
      field (out, &first, rl_scenario_get_party_id (sc, rl_explanation_get_blocker_party (ex, b)));
      field (out, &first, rl_explanation_get_blocker_kind (ex, b) == RL_BLOCKER_BATNA ? "batna" : "red_line");
      g_snprintf (buf, sizeof buf, "%" G_GUINT64_FORMAT, rl_explanation_get_blocker_excludes (ex, b));
      field (out, &first, buf);
      g_snprintf (buf, sizeof buf, "%" G_GUINT64_FORMAT, rl_explanation_get_blocker_sole (ex, b));
      field (out, &first, buf);
      double price;
      /* An empty field for null, as write-csv.c does. */
      field (out, &first, rl_explanation_get_blocker_price (ex, b, &price)
                              ? rl_format_double_shortest (buf, price) : "");
      g_string_append_c (out, '\n');
    }
}
