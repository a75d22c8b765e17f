/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * write-brief.c: a role sheet for one party (write-report.h). What it may
 * show of another party is that party's label, whether it has a veto, and
 * its public red lines: nothing else of another party is ever read here
 * (no weights, values, bonuses, BATNA, power, notes or description).
 */
#include "write/write-report.h"

#include <math.h>
#include <string.h>

#include "rl-config.h"
#include "write/write-names.h"
#include "write/write-number.h"
#include "write/write-rule-words.h"
#include "write/write-svg.h"
#include "write/write-text-layout.h"

/* Every number of a brief to one precision, two decimals: values,
 * utilities, BATNA and power alike, so that a student compares like with
 * like ("0.38" and "0.60", never "0.38" beside "0.595"). */
#define BRIEF_DECIMALS 2

static const char *
utility_text (char buf[RL_NUMBER_BUF], double x)
{
  return rl_format_fixed (buf, x, BRIEF_DECIMALS, FALSE);
}

/* A note as a sentence: capital first letter, a full stop at the end
 * unless it has its own (". ! ?", or a closing quote or bracket after
 * one). */
static char *
note_sentence (const char *note)
{
  g_autofree char *s = g_strstrip (g_strdup (note));
  GString *out = g_string_new (s);
  if (out->len > 0 && g_ascii_islower (out->str[0]))
    out->str[0] = g_ascii_toupper (out->str[0]);
  gsize n = out->len;
  while (n > 0 && strchr ("\"')]", out->str[n - 1]))
    n--;
  if (out->len > 0 && (n == 0 || !strchr (".!?", out->str[n - 1])))
    g_string_append_c (out, '.');
  return g_string_free (out, FALSE);
}

static void
rule_item (RlDoc *doc, const RlScenario *sc, const RlNamedRule *rule, gboolean mark_private)
{
  rl_doc_item_open (doc);
  rl_doc_strong (doc, rl_named_rule_get_id (rule));
  if (mark_private && !rl_named_rule_is_public (rule))
    rl_doc_em (doc, " (private: the other parties do not know it)");
  rl_doc_text (doc, ": ");
  /* In words from the labels when the rule reads one issue; as written
   * otherwise. */
  g_autofree char *words = rl_rule_words (sc, rule);
  if (words)
    rl_doc_text (doc, words);
  else
    rl_doc_code (doc, rl_named_rule_get_text (rule));
  rl_doc_text (doc, ".");
  if (rl_named_rule_get_note (rule))
    {
      g_autofree char *note = note_sentence (rl_named_rule_get_note (rule));
      rl_doc_text (doc, " ");
      rl_doc_text (doc, note);
    }
  if (rl_named_rule_get_source (rule))
    {
      rl_doc_text (doc, " Source: ");
      rl_doc_em (doc, rl_named_rule_get_source (rule));
    }
  rl_doc_item_close (doc);
}

static void
brief_situation (RlDoc *doc, const RlBrief *b)
{
  RlScenario *sc = rl_brief_get_scenario (b);
  guint p = rl_brief_get_party (b);
  rl_doc_section_open (doc, "situation", "The situation");
  if (rl_scenario_get_date (sc))
    rl_doc_paraf (doc, "Date: %s.", rl_scenario_get_date (sc));
  rl_doc_paragraphs (doc, rl_scenario_get_description (sc));
  rl_write_sources (doc, sc);
  rl_doc_heading (doc, 3, "Your role");
  rl_doc_para_open (doc, NULL);
  rl_doc_text (doc, "You play ");
  rl_doc_strong (doc, rl_write_party_name (sc, p));
  rl_doc_text (doc, ". ");
  if (rl_scenario_party_is_veto (sc, p))
    rl_doc_text (doc, "You have a veto: no deal happens without your agreement, and you can "
                      "walk away from any deal that is worse for you than failing.");
  else
    rl_doc_text (doc, "You are an observer: you have no veto, but the others will hear your "
                      "views, and the result matters to you.");
  rl_doc_para_close (doc);
  rl_doc_paragraphs (doc, rl_scenario_get_party_description (sc, p));
  rl_doc_section_close (doc);
}

static void
brief_issues (RlDoc *doc, const RlBrief *b)
{
  RlScenario *sc = rl_brief_get_scenario (b);
  const guint8 *sq = rl_scenario_get_status_quo (sc);
  rl_doc_section_open (doc, "issues", "What is on the table");
  rl_doc_para (doc, "A deal picks one option on every issue.");
  const char *headers3[] = { "Issue", "Options", "Today (status quo)", NULL };
  const char *headers2[] = { "Issue", "Options", NULL };
  rl_doc_table_open (doc, "issues", "lll", sq ? headers3 : headers2);
  for (guint i = 0; i < rl_scenario_get_n_issues (sc); i++)
    {
      rl_doc_row_open (doc, NULL);
      rl_doc_cell_open (doc, -1);
      rl_doc_strong (doc, rl_write_issue_name (sc, i));
      if (rl_scenario_get_issue_description (sc, i))
        {
          rl_doc_text (doc, ". ");
          rl_doc_text (doc, rl_scenario_get_issue_description (sc, i));
        }
      rl_doc_cell_close (doc);
      rl_doc_cell_open (doc, -1);
      for (guint k = 0; k < rl_scenario_get_n_options (sc, i); k++)
        {
          if (k)
            rl_doc_text (doc, "; ");
          rl_doc_text (doc, rl_write_option_name (sc, i, k));
        }
      rl_doc_cell_close (doc);
      if (sq)
        rl_doc_cell (doc, rl_write_option_name (sc, i, sq[i]));
      rl_doc_row_close (doc);
    }
  rl_doc_table_close (doc);
  guint nc = rl_scenario_get_n_constraints (sc);
  if (nc > 0)
    {
      rl_doc_para (doc, "Whatever anyone wants, no deal can break these constraints:");
      rl_doc_list_open (doc, FALSE);
      for (guint c = 0; c < nc; c++)
        rule_item (doc, sc, rl_scenario_get_constraint (sc, c), FALSE);
      rl_doc_list_close (doc);
    }
  rl_doc_section_close (doc);
}

static char *
text_priorities (const RlBrief *b)
{
  GString *s = g_string_new (NULL);
  guint n = rl_brief_get_n_issues (b);
  double max_w = n ? rl_brief_get_issue (b, 0)->weight : 0;
  for (guint k = 0; k < n && max_w > 0; k++)
    {
      const RlBriefIssue *bi = rl_brief_get_issue (b, k);
      if (bi->weight <= 0)
        break;
      char pct[RL_NUMBER_BUF];
      GString *line = g_string_new (NULL);
      rl_text_append_padded (line, rl_scenario_get_issue_id (rl_brief_get_scenario (b), bi->issue), 20, FALSE);
      g_string_append_printf (line, " %6s  ", rl_format_percent (pct, bi->weight, 1));
      rl_doc_text_bar (line, bi->weight / max_w, 40);
      g_string_append_printf (s, "%s\n", line->str);
      g_string_free (line, TRUE);
    }
  return g_string_free (s, FALSE);
}

static void
option_value (RlDoc *doc, const RlScenario *sc, guint p, guint i, guint k)
{
  char v[RL_NUMBER_BUF];
  rl_doc_strong (doc, rl_write_option_name (sc, i, k));
  rl_doc_textf (doc, " (%s)", utility_text (v, rl_scenario_get_party_value (sc, p, i, k)));
}

static void
brief_priorities (RlDoc *doc, const RlBrief *b)
{
  RlScenario *sc = rl_brief_get_scenario (b);
  guint p = rl_brief_get_party (b);
  char pct[RL_NUMBER_BUF];
  rl_doc_section_open (doc, "priorities", "Your priorities");
  guint n_weighted = 0;
  for (guint k = 0; k < rl_brief_get_n_issues (b); k++)
    n_weighted += rl_brief_get_issue (b, k)->weight > 0;
  if (n_weighted == 0)
    rl_doc_para (doc, "No single issue matters to you for itself: what counts are the "
                      "combinations below.");
  else
    {
      rl_doc_para (doc, "How much each issue matters to you, as a share of everything you care "
                        "about, and what each option is worth to you from 0 (the worst) to 1 (the "
                        "best).");
      g_autofree guint *order = g_new (guint, n_weighted);
      for (guint k = 0; k < n_weighted; k++)
        order[k] = rl_brief_get_issue (b, k)->issue;
      g_autoptr (GString) svg = g_string_new (NULL);
      rl_svg_weights (svg, sc, p, order, n_weighted);
      g_autofree char *text = text_priorities (b);
      g_autofree char *cap = g_strdup_printf ("Your priorities: each issue's share of what matters to %s.",
                                              rl_write_party_name (sc, p));
      rl_doc_figure (doc, "priorities.svg", cap, svg, text, NULL);
    }
  rl_doc_list_open (doc, FALSE);
  for (guint k = 0; k < n_weighted; k++)
    {
      const RlBriefIssue *bi = rl_brief_get_issue (b, k);
      guint i = bi->issue, n = rl_scenario_get_n_options (sc, i);
      rl_doc_item_open (doc);
      rl_doc_strong (doc, rl_write_issue_name (sc, i));
      if (k == 0)
        rl_doc_textf (doc, " matters most to you (%s of what you care about): ",
                      rl_format_percent (pct, bi->weight, 1));
      else
        rl_doc_textf (doc, " (%s): ", rl_format_percent (pct, bi->weight, 1));
      rl_doc_text (doc, "best for you is ");
      option_value (doc, sc, p, i, bi->options[0]);
      for (guint o = 1; o + 1 < n; o++)
        {
          rl_doc_text (doc, o == 1 ? ", then " : ", ");
          option_value (doc, sc, p, i, bi->options[o]);
        }
      if (n > 1)
        {
          rl_doc_text (doc, "; worst is ");
          option_value (doc, sc, p, i, bi->options[n - 1]);
        }
      rl_doc_text (doc, ".");
      rl_doc_item_close (doc);
    }
  rl_doc_list_close (doc);
  if (n_weighted < rl_brief_get_n_issues (b))
    {
      rl_doc_para_open (doc, NULL);
      rl_doc_text (doc, "You do not care about: ");
      for (guint k = n_weighted; k < rl_brief_get_n_issues (b); k++)
        {
          if (k > n_weighted)
            rl_doc_text (doc, ", ");
          rl_doc_text (doc, rl_write_issue_name (sc, rl_brief_get_issue (b, k)->issue));
        }
      rl_doc_text (doc, ".");
      rl_doc_para_close (doc);
    }
  if (rl_scenario_get_n_bonuses (sc, p) > 0)
    rl_doc_para (doc, "Combinations that matter to you beyond the issues one by one (added to "
                      "your score when they hold):");
  rl_write_bonuses (doc, sc, p, 2);
  static const struct { const char *key, *title; } notes[] = {
    { "weights", "Why these priorities" }, { "values", "Why these values" },
  };
  for (guint k = 0; k < G_N_ELEMENTS (notes); k++)
    {
      const char *note = rl_scenario_get_party_note (sc, p, notes[k].key);
      if (note)
        {
          g_autofree char *sentence = note_sentence (note);
          rl_doc_para_titled (doc, notes[k].title, sentence);
        }
    }
  rl_doc_section_close (doc);
}

static void
brief_red_lines (RlDoc *doc, const RlBrief *b)
{
  RlScenario *sc = rl_brief_get_scenario (b);
  guint p = rl_brief_get_party (b);
  guint nr = rl_scenario_get_n_red_lines (sc, p);
  rl_doc_section_open (doc, "red-lines", "Your red lines");
  if (nr == 0)
    rl_doc_para (doc, "You have no red lines: every package is open to you, if it is worth "
                      "enough.");
  else
    {
      rl_doc_para (doc, rl_scenario_party_is_veto (sc, p)
                          ? "You will not accept a deal that crosses any of these:"
                          : "You would object to a deal that crosses any of these, though you "
                            "cannot block it:");
      rl_doc_list_open (doc, FALSE);
      for (guint l = 0; l < nr; l++)
        rule_item (doc, sc, rl_scenario_get_red_line (sc, p, l), TRUE);
      rl_doc_list_close (doc);
    }
  rl_doc_section_close (doc);
}

static void
brief_batna (RlDoc *doc, const RlBrief *b)
{
  RlScenario *sc = rl_brief_get_scenario (b);
  guint p = rl_brief_get_party (b);
  char a[RL_NUMBER_BUF], c[RL_NUMBER_BUF];
  double batna = rl_scenario_get_party_batna (sc, p);
  rl_doc_section_open (doc, "batna", "If talks fail");
  rl_doc_para_open (doc, NULL);
  rl_doc_textf (doc, "If talks fail, you get the equivalent of %s on your scale, where 0 is "
                "every issue at its worst for you and 1 every issue at its best. ",
                utility_text (a, batna));
  if (rl_scenario_party_is_veto (sc, p))
    rl_doc_text (doc, "Any deal worth less than that to you is worse than walking away: "
                      "that is your walk-away point (BATNA).");
  else
    rl_doc_text (doc, "As an observer you cannot walk away, but this is what no deal means "
                      "for you.");
  rl_doc_para_close (doc);
  double sq;
  if (rl_brief_get_status_quo_utility (b, &sq))
    rl_doc_paraf (doc, "Today's situation (the status quo) is worth %s to you, %s your "
                  "walk-away point.", utility_text (c, sq),
                  sq > batna + 0.005 ? "above" : sq < batna - 0.005 ? "below" : "about");
  if (rl_brief_get_status_quo_utility (b, &sq) && rl_scenario_party_is_veto (sc, p))
    rl_doc_paraf (doc, "Do not mix the two up. Your walk-away point (%s) is what you would get "
                  "if the talks failed; today's value (%s) is what you have now, before any "
                  "deal. Accept no deal worth less than your walk-away point; whether a deal "
                  "is also worth more than today tells you if it improves on the present.",
                  utility_text (a, batna), utility_text (c, sq));
  const char *note = rl_scenario_get_party_note (sc, p, "batna");
  if (note)
    {
      g_autofree char *sentence = note_sentence (note);
      rl_doc_para_titled (doc, "Why", sentence);
    }
  rl_doc_para_open (doc, NULL);
  rl_doc_textf (doc, "Your bargaining power is %s (1 is the usual).",
                utility_text (a, rl_scenario_get_party_power (sc, p)));
  const char *pnote = rl_scenario_get_party_note (sc, p, "power");
  if (pnote)
    {
      rl_doc_text (doc, " ");
      g_autofree char *sentence = note_sentence (pnote);
      rl_doc_text (doc, sentence);
    }
  rl_doc_para_close (doc);
  rl_doc_section_close (doc);
}

static void
brief_others (RlDoc *doc, const RlBrief *b)
{
  RlScenario *sc = rl_brief_get_scenario (b);
  rl_doc_section_open (doc, "others", "The other parties");
  rl_doc_para (doc, "What everyone knows about the others. Their priorities, the value they "
                    "put on each option, their walk-away points and any red line they keep "
                    "private are theirs to reveal, or to hide.");
  for (guint q = 0; q < rl_scenario_get_n_parties (sc); q++)
    {
      if (q == rl_brief_get_party (b))
        continue;
      g_autofree char *h = g_strdup_printf ("%s (%s)", rl_write_party_name (sc, q),
                                            rl_scenario_party_is_veto (sc, q) ? "has a veto" : "observer");
      rl_doc_heading (doc, 3, h);
      guint shown = 0;
      for (guint l = 0; l < rl_scenario_get_n_red_lines (sc, q); l++)
        {
          const RlNamedRule *rule = rl_scenario_get_red_line (sc, q, l);
          if (!rl_named_rule_is_public (rule))
            continue;
          if (shown++ == 0)
            {
              rl_doc_para (doc, "Public red lines:");
              rl_doc_list_open (doc, FALSE);
            }
          rule_item (doc, sc, rule, FALSE);
        }
      if (shown)
        rl_doc_list_close (doc);
      else
        rl_doc_para (doc, "No public red lines.");
    }
  rl_doc_section_close (doc);
}

void
rl_write_brief (RlDoc *doc, const RlBrief *b, const char *file)
{
  RlScenario *sc = rl_brief_get_scenario (b);
  guint p = rl_brief_get_party (b);
  g_autofree char *title = g_strdup_printf ("Role sheet: %s", rl_write_party_name (sc, p));
  rl_doc_begin (doc, title, rl_scenario_get_title (sc));
  brief_situation (doc, b);
  brief_issues (doc, b);
  brief_priorities (doc, b);
  brief_red_lines (doc, b);
  brief_batna (doc, b);
  brief_others (doc, b);
  g_autofree char *footer = g_strdup_printf ("Role sheet generated by redline %s from %s for %s "
                                             "only: do not show it to the other parties.",
                                             RL_VERSION, file, rl_scenario_get_party_id (sc, p));
  rl_doc_end (doc, footer);
}
