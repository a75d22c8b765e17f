/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * write-solve-stability.c: `solve --stability`: the verdicts of
 * stability.md added to solve's outputs, each as an addition to what the
 * solve writers wrote, so that those stay as they are.
 */
#include "write/write-stability.h"

#include <stdlib.h>
#include <string.h>

#include "write/write-csv.h"
#include "write/write-json.h"
#include "write/write-text-layout.h"

gboolean
rl_stability_lookup (const RlStability *st, guint64 index, gboolean *stable)
{
  /* Index order: a binary search. */
  guint lo = 0, hi = rl_stability_get_n_packages (st);
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      guint64 at = rl_stability_get_package (st, mid)->index;
      if (at == index)
        {
          for (guint c = 0; c < RL_N_STABILITY_CONCEPTS; c++)
            stable[c] = rl_stability_is_stable (st, mid, (RlStabilityConcept) c);
          return TRUE;
        }
      if (at < index)
        lo = mid + 1;
      else
        hi = mid;
    }
  return FALSE;
}

static void
add_to_array (JsonObject *doc, const char *name, const RlStability *st)
{
  if (!json_object_has_member (doc, name))
    return;
  JsonArray *list = json_object_get_array_member (doc, name);
  for (guint k = 0; k < json_array_get_length (list); k++)
    {
      JsonObject *pkg = json_array_get_object_element (list, k);
      gboolean stable[RL_N_STABILITY_CONCEPTS];
      /* An index above 2^53 is a string of digits (rl_json_add_index()). */
      JsonNode *at = json_object_get_member (pkg, "index");
      guint64 index = json_node_get_value_type (at) == G_TYPE_STRING
                          ? g_ascii_strtoull (json_node_get_string (at), NULL, 10)
                          : (guint64) json_node_get_int (at);
      if (!rl_stability_lookup (st, index, stable))
        continue;
      g_autoptr (JsonBuilder) b = json_builder_new ();
      json_builder_begin_object (b);
      rl_json_add_stable (b, "stability", stable);
      json_builder_end_object (b);
      g_autoptr (JsonNode) node = json_builder_get_root (b);
      json_object_set_member (pkg, "stability",
                              json_node_copy (json_object_get_member (json_node_get_object (node),
                                                                      "stability")));
    }
}

void
rl_json_add_stability_members (JsonNode *doc, const RlStability *st)
{
  add_to_array (json_node_get_object (doc), "top", st);
  add_to_array (json_node_get_object (doc), "frontier", st);
}

void
rl_csv_add_stability_column (GString *csv, const RlStability *st)
{
  g_auto (GStrv) lines = g_strsplit (csv->str, "\n", -1);
  g_string_truncate (csv, 0);
  int index_column = -1;
  for (guint l = 0; lines[l] && lines[l][0]; l++)
    {
      /* Rows hold ids and numbers only: no quoted commas before `index`. */
      g_auto (GStrv) cells = g_strsplit (lines[l], ",", -1);
      g_string_append (csv, lines[l]);
      if (l == 0)
        {
          for (guint c = 0; cells[c]; c++)
            if (strcmp (cells[c], "index") == 0)
              index_column = (int) c;
          g_string_append (csv, ",stability\n");
          continue;
        }
      gboolean stable[RL_N_STABILITY_CONCEPTS];
      g_string_append_c (csv, ',');
      if (index_column >= 0 && (guint) index_column < g_strv_length (cells)
          && rl_stability_lookup (st, g_ascii_strtoull (cells[index_column], NULL, 10), stable))
        {
          g_autofree char *text = rl_stability_short (stable);
          g_string_append (csv, text);
        }
      g_string_append_c (csv, '\n');
    }
}

void
rl_text_solve_stability (GString *out, const RlStability *st)
{
  g_string_append (out, "\nWould the listed packages hold? (stability.md: moves by the parties\n"
                        "that control issues)\n");
  if (rl_stability_get_n_deciders (st) == 0)
    {
      rl_text_append_wrapped (out, "No party controls an issue, so no party can move: every "
                              "package is stable under every concept.", 2, 4);
      return;
    }
  for (guint k = 0; k < rl_stability_get_n_packages (st); k++)
    {
      gboolean stable[RL_N_STABILITY_CONCEPTS];
      for (guint c = 0; c < RL_N_STABILITY_CONCEPTS; c++)
        stable[c] = rl_stability_is_stable (st, k, (RlStabilityConcept) c);
      g_autofree char *words = rl_stability_verdict_text (stable);
      g_autofree char *line = g_strdup_printf ("Package %" G_GUINT64_FORMAT ": %s.",
                                               rl_stability_get_package (st, k)->index, words);
      rl_text_append_wrapped (out, line, 2, 4);
    }
}
