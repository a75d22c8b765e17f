/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * write-text-stability.c: `redline stability` in words (stability.md):
 * for each examined package, who would move, what it would change and
 * gain, and what answer by the others deters it, as in "Russia would gain
 * 0.12 by changing Ceasefire: with settlement → none; the United States
 * would answer with Sanctions: lifted → reimposed, which leaves Russia no
 * better off than the deal."
 */
#include "write/write-stability.h"

#include "write/write-names.h"
#include "write/write-number.h"
#include "write/write-text.h"
#include "write/write-text-layout.h"

/* At most this many moves are told per party and package; the JSON has
 * them all. */
#define MAX_MOVES_TOLD 3

/* "Issue: from → to; Issue: from → to" over the issues that differ. */
static void
append_changes (GString *s, const RlScenario *sc, const guint8 *from, const guint8 *to)
{
  gboolean first = TRUE;
  for (guint i = 0; i < rl_scenario_get_n_issues (sc); i++)
    if (from[i] != to[i])
      {
        g_string_append_printf (s, "%s%s: %s \u2192 %s", first ? "" : "; ",
                                rl_write_issue_name (sc, i), rl_write_option_name (sc, i, from[i]),
                                rl_write_option_name (sc, i, to[i]));
        first = FALSE;
      }
}

/* "the United States and Europe": whoever controls an issue that differs. */
static void
append_answerers (GString *s, const RlScenario *sc, const guint8 *from, const guint8 *to)
{
  guint n_parties = rl_scenario_get_n_parties (sc);
  g_autofree gboolean *moves = g_new0 (gboolean, n_parties + 1);
  guint n = 0;
  for (guint i = 0; i < rl_scenario_get_n_issues (sc); i++)
    {
      int p = rl_scenario_get_issue_controller (sc, i);
      if (from[i] != to[i] && p >= 0 && !moves[p])
        {
          moves[p] = TRUE;
          n++;
        }
    }
  for (guint p = 0, m = 0; p < n_parties; p++)
    if (moves[p])
      {
        m++;
        g_string_append_printf (s, "%s%s", m == 1 ? "" : m == n ? " and " : ", ",
                                rl_write_party_name (sc, p));
      }
}

static void
tell_move (GString *out, const RlScenario *sc, guint p, const RlPackage *pkg,
           const RlImprovement *imp)
{
  char buf[RL_NUMBER_BUF];
  const char *who = rl_write_party_name (sc, p);
  g_autoptr (GString) s = g_string_new (NULL);
  if (imp->gain > RL_EPSILON)
    g_string_append_printf (s, "%s would gain %s by changing ", who,
                            rl_format_fixed (buf, imp->gain, 3, FALSE));
  else
    g_string_append_printf (s, "%s would break fewer of its own red lines (utility %s) by changing ",
                            who, rl_format_fixed (buf, imp->gain, 3, TRUE));
  append_changes (s, sc, pkg->options, imp->options);
  if (imp->sanctioned && imp->sanction)
    {
      g_string_append (s, "; ");
      append_answerers (s, sc, imp->options, imp->sanction);
      g_string_append (s, " would answer");
      if (imp->sanction_moves > 1)
        g_string_append_printf (s, " in %u moves", imp->sanction_moves);
      g_string_append (s, " with ");
      append_changes (s, sc, imp->options, imp->sanction);
      g_string_append_printf (s, ", which leaves %s no better off than the deal.", who);
    }
  else
    g_string_append_printf (s, "; no answer by the others would leave %s no better off "
                            "than the deal.", who);
  rl_text_append_wrapped (out, s->str, 4, 6);
}

static void
tell_package (GString *out, const RlStability *st, guint k)
{
  RlScenario *sc = rl_stability_get_scenario (st);
  const RlPackage *pkg = rl_stability_get_package (st, k);
  gboolean stable[RL_N_STABILITY_CONCEPTS];
  for (guint c = 0; c < RL_N_STABILITY_CONCEPTS; c++)
    stable[c] = rl_stability_is_stable (st, k, (RlStabilityConcept) c);
  g_autofree char *verdict = rl_stability_verdict_text (stable);
  g_autofree char *head = g_strdup_printf ("Package %" G_GUINT64_FORMAT ": %s.", pkg->index, verdict);
  g_string_append_c (out, '\n');
  rl_text_append_wrapped (out, head, 0, 4);
  rl_text_options (out, sc, pkg->options, 4);

  gboolean anyone = FALSE;
  for (guint d = 0; d < rl_stability_get_n_deciders (st); d++)
    {
      guint p = rl_stability_get_decider (st, d);
      guint n = rl_stability_get_n_improvements (st, k, p);
      if (n == 0)
        continue;
      anyone = TRUE;
      for (guint m = 0; m < n && m < MAX_MOVES_TOLD; m++)
        tell_move (out, sc, p, pkg, rl_stability_get_improvement (st, k, p, m));
      if (n > MAX_MOVES_TOLD)
        {
          g_autofree char *more = g_strdup_printf ("(and %u more moves of %s's)", n - MAX_MOVES_TOLD,
                                                   rl_write_party_name (sc, p));
          rl_text_append_wrapped (out, more, 4, 6);
        }
      gboolean mine[RL_N_STABILITY_CONCEPTS];
      for (guint c = 0; c < RL_N_STABILITY_CONCEPTS; c++)
        mine[c] = rl_stability_party_is_stable (st, k, p, (RlStabilityConcept) c);
      g_autofree char *words = rl_stability_verdict_text (mine);
      g_autofree char *line = g_strdup_printf ("For %s: %s.", rl_write_party_name (sc, p), words);
      rl_text_append_wrapped (out, line, 4, 6);
    }
  if (!anyone)
    rl_text_append_wrapped (out, "No party can better its lot by a move of its own.", 4, 6);
}

void
rl_text_stability (GString *out, const RlStability *st, const char *file)
{
  RlScenario *sc = rl_stability_get_scenario (st);
  guint n = rl_stability_get_n_packages (st);
  guint n_dm = rl_stability_get_n_deciders (st);
  g_autoptr (GString) s = g_string_new (NULL);
  g_string_append_printf (s, "Stability of %s: %u %s examined.", file, n,
                          n == 1 ? "package" : "packages");
  rl_text_append_wrapped (out, s->str, 0, 2);
  if (n_dm == 0)
    {
      rl_text_append_wrapped (out, "No party controls an issue, so no party can move: every "
                              "examined package is an equilibrium under every concept.", 0, 0);
    }
  else
    {
      g_string_assign (s, "Who can move after a deal: ");
      for (guint d = 0; d < n_dm; d++)
        {
          guint p = rl_stability_get_decider (st, d);
          g_string_append_printf (s, "%s%s (", d ? "; " : "", rl_write_party_name (sc, p));
          for (guint c = 0; c < rl_scenario_get_party_n_controls (sc, p); c++)
            g_string_append_printf (s, "%s%s", c ? ", " : "",
                                    rl_write_issue_name (sc, rl_scenario_get_party_control (sc, p, c)));
          g_string_append (s, ")");
        }
      g_string_append_c (s, '.');
      rl_text_append_wrapped (out, s->str, 0, 2);
    }
  static const char *const titles[RL_N_STABILITY_CONCEPTS] = { "Nash", "GMR", "SMR", "SEQ" };
  g_string_assign (s, "Equilibria: ");
  for (guint c = 0; c < RL_N_STABILITY_CONCEPTS; c++)
    {
      guint m = 0;
      for (guint k = 0; k < n; k++)
        m += rl_stability_is_stable (st, k, (RlStabilityConcept) c) != 0;
      g_string_append_printf (s, "%s%s %u of %u", c ? ", " : "", titles[c], m, n);
    }
  g_string_append_c (s, '.');
  rl_text_append_wrapped (out, s->str, 0, 2);
  for (guint k = 0; k < n; k++)
    tell_package (out, st, k);
  if (!rl_stability_is_complete (st))
    g_string_append (out, "\nStopped by --timeout: the packages above are settled; others\n"
                          "were not examined.\n");
}
