/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * warnings.c: what the file alone shows to be suspicious (warnings.h).
 */
#include "model/scenario-internals.h"
#include "model/warnings-list.h"

#include <redline/warnings.h>

static void
warning_free (gpointer data)
{
  RlWarning *w = data;
  g_free (w->message);
  g_free (w);
}

GPtrArray *
rl_warnings_new (void)
{
  return g_ptr_array_new_with_free_func (warning_free);
}

void
rl_warnings_add (GPtrArray *warnings, guint line, guint col, const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  RlWarning *w = g_new0 (RlWarning, 1);
  w->line = line;
  w->col = col;
  w->message = g_strdup_vprintf (format, ap);
  va_end (ap);
  g_ptr_array_add (warnings, w);
}

GPtrArray *
rl_scenario_check_warnings (const RlScenario *sc)
{
  g_return_val_if_fail (sc != NULL, NULL);
  GPtrArray *out = rl_warnings_new ();
  for (guint p = 0; p < sc->n_parties; p++)
    {
      const RlParty *party = &sc->parties[p];
      /* No `batna` key: the loader leaves its position unset. */
      if (party->veto && party->batna_pos.line == 0 && !party->batna_from_status_quo
          && party->batna == 0 && party->pos.line > 0)
        rl_warnings_add (out, party->pos.line, party->pos.col,
                         "veto party '%s' has no 'batna', so its walk-away point is 0: it "
                         "accepts any deal that keeps its red lines (write 'batna: 0' if "
                         "that is meant)", party->id);
    }
  for (guint i = 0; i < sc->n_issues; i++)
    {
      gboolean weighed = FALSE;
      for (guint p = 0; p < sc->n_parties && !weighed; p++)
        weighed = sc->parties[p].weights && sc->parties[p].weights[i] > 0;
      if (!weighed && sc->issues[i].pos.line > 0)
        rl_warnings_add (out, sc->issues[i].pos.line, sc->issues[i].pos.col,
                         "no party weighs issue '%s': its options change no one's utility, "
                         "only which red lines hold", sc->issues[i].id);
    }
  return out;
}
