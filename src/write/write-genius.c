/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * write-genius.c: Genius domains and profiles as a scenario file, and as
 * Genius's own XML (the layout of Genius 10.4's templates, which Genius and
 * NegMAS both read).
 */
#include "write-genius.h"

#include <math.h>
#include <string.h>

#include "rl-config.h"
#include "write-markup.h"
#include "write-number.h"
#include "write-text-layout.h"

/* ---- YAML ----------------------------------------------------------------- */

/* @text as a YAML double-quoted scalar: UTF-8 kept, '"' and '\' escaped,
 * and every character YAML does not allow raw (controls, U+2028/9, BOM)
 * as an escape. */
static void
yaml_quote (GString *out, const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", (char) c);
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029 || c == 0xfeff)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  g_string_append_c (out, '"');
}

static void
append_number (GString *out, double x)
{
  char buf[RL_NUMBER_BUF];
  g_string_append (out, rl_format_double_shortest (buf, x));
}

/* Comment lines: @text wrapped to 80 columns, no line break left inside. */
static void
yaml_comment (GString *out, const char *indent, const char *text)
{
  g_autofree char *clean = rl_clean_text (text);
  g_strdelimit (clean, "\n\r", ' ');
  g_auto (GStrv) lines = rl_text_wrap (clean, 78 - (guint) strlen (indent));
  for (guint k = 0; lines[k]; k++)
    g_string_append_printf (out, "%s# %s\n", indent, lines[k]);
}

static void
yaml_issues (GString *y, const RlGenius *g)
{
  g_string_append (y, "issues:\n");
  for (guint i = 0; i < rl_genius_get_n_issues (g); i++)
    {
      g_string_append_printf (y, "  %s:\n    label: ", rl_genius_get_issue_id (g, i));
      yaml_quote (y, rl_genius_get_issue_name (g, i));
      g_string_append (y, "\n    options:\n");
      for (guint k = 0; k < rl_genius_get_n_values (g, i); k++)
        {
          g_string_append (y, "      - {id: ");
          yaml_quote (y, rl_genius_get_option_id (g, i, k));
          g_string_append (y, ", label: ");
          yaml_quote (y, rl_genius_get_value_text (g, i, k));
          const char *d = rl_genius_get_value_description (g, i, k);
          if (d)
            {
              g_string_append (y, ", description: ");
              yaml_quote (y, d);
            }
          g_string_append (y, "}\n");
        }
    }
}

/* The party's notes: where its BATNA comes from, and its discount factor. */
static void
yaml_party_notes (GString *y, const RlGenius *g, guint p, gboolean has_reservation,
                  gboolean has_discount, double discount)
{
  g_autofree char *base = g_path_get_basename (rl_genius_get_profile_file (g, p));
  GString *note = g_string_new (NULL);
  if (has_reservation)
    g_string_append_printf (note, "The reservation value of the Genius profile %s.", base);
  else
    g_string_append_printf (note, "The Genius profile %s has no reservation value; Genius then uses 0.",
                            base);
  if (has_discount)
    {
      char buf[RL_NUMBER_BUF];
      g_string_append_printf (note, " Its discount factor is %s", rl_format_double_shortest (buf, discount));
      if (discount > 0 && discount < 1)
        g_string_append (note, ": in Genius a deal's utility (and this value) shrinks by that "
                               "factor per unit of time; redline does not discount.");
      else
        g_string_append (note, " (no discounting).");
    }
  g_string_append (y, "    notes:\n      batna: ");
  yaml_quote (y, note->str);
  g_string_append (y, "\n");
  g_string_free (note, TRUE);
}

static void
yaml_party (GString *y, const RlGenius *g, guint p)
{
  guint ni = rl_genius_get_n_issues (g);
  g_string_append_printf (y, "  %s:\n    label: ", rl_genius_get_party_id (g, p));
  yaml_quote (y, rl_genius_get_profile_name (g, p));
  g_string_append (y, "\n");

  double reservation = 0, discount = 1;
  gboolean has_reservation = rl_genius_get_reservation (g, p, &reservation);
  gboolean has_discount = rl_genius_get_discount (g, p, &discount);
  g_string_append (y, "    batna: ");
  append_number (y, reservation);
  g_string_append (y, has_reservation ? "    # the reservation value\n"
                                      : "    # no reservation value in the profile: Genius uses 0\n");

  double sum = rl_genius_get_weight_sum (g, p);
  if (sum <= 0)
    {
      /* Genius's utility is then 0 for every package; in redline a party
       * without weights is exactly that (its utility is its bonuses). */
      yaml_comment (y, "    ", "Every weight in the profile is 0: no weights, so the utility is 0 "
                                "for every package, as in Genius.");
      yaml_party_notes (y, g, p, has_reservation, has_discount, discount);
      return;
    }
  if (fabs (sum - 1) > 1e-12)
    {
      char buf[RL_NUMBER_BUF];
      g_autofree char *line = g_strdup_printf (
        "The weights sum to %s, not 1: Genius uses them as given (capping utilities at 1), "
        "redline divides each by their sum.", rl_format_double_shortest (buf, sum));
      yaml_comment (y, "    ", line);
    }
  g_string_append (y, "    weights:\n");
  for (guint i = 0; i < ni; i++)
    {
      g_string_append_printf (y, "      %s: ", rl_genius_get_issue_id (g, i));
      append_number (y, rl_genius_get_weight (g, p, i));
      g_string_append (y, "\n");
    }
  yaml_comment (y, "    ", "Each value is the option's evaluation divided by the issue's largest.");
  g_string_append (y, "    values:\n");
  for (guint i = 0; i < ni; i++)
    {
      g_string_append_printf (y, "      %s: {", rl_genius_get_issue_id (g, i));
      for (guint k = 0; k < rl_genius_get_n_values (g, i); k++)
        {
          if (k > 0)
            g_string_append (y, ", ");
          yaml_quote (y, rl_genius_get_option_id (g, i, k));
          g_string_append (y, ": ");
          append_number (y, rl_genius_get_value (g, p, i, k));
        }
      g_string_append (y, "}\n");
    }

  yaml_party_notes (y, g, p, has_reservation, has_discount, discount);
}

char *
rl_write_genius_scenario (const RlGenius *g)
{
  GString *y = g_string_new (NULL);
  g_autofree char *domain = g_path_get_basename (rl_genius_get_domain_file (g));
  GString *from = g_string_new (NULL);
  guint np = rl_genius_get_n_profiles (g);
  g_string_append_printf (from, "Imported from Genius: the domain %s and the profile%s ", domain,
                          np == 1 ? "" : "s");
  for (guint p = 0; p < np; p++)
    {
      g_autofree char *base = g_path_get_basename (rl_genius_get_profile_file (g, p));
      g_string_append_printf (from, "%s%s", p == 0 ? "" : p + 1 == np ? " and " : ", ", base);
    }
  g_string_append (from, ".");

  g_string_append_printf (y, "# Written by redline %s (redline import genius).\n", RL_VERSION);
  g_string_append (y, "redline: 1\ntitle: ");
  yaml_quote (y, rl_genius_get_domain_name (g));
  g_string_append (y, "\ndescription: ");
  yaml_quote (y, from->str);
  g_string_append (y, "\n\n");
  g_string_free (from, TRUE);
  yaml_issues (y, g);
  g_string_append (y, "\nparties:\n");
  for (guint p = 0; p < np; p++)
    yaml_party (y, g, p);
  return g_string_free (y, FALSE);
}

/* ---- Genius XML ------------------------------------------------------------- */

static void
xml_attr (GString *x, const char *name, const char *value)
{
  g_string_append_printf (x, " %s=\"", name);
  rl_markup_append (x, value);
  g_string_append_c (x, '"');
}

static void
xml_number_attr (GString *x, const char *name, double value)
{
  char buf[RL_NUMBER_BUF];
  xml_attr (x, name, rl_format_double_shortest (buf, value));
}

/* The objective and its issues; @p < 0 for the domain (no evaluations). */
static void
xml_objective (GString *x, const RlGenius *g, int p)
{
  guint ni = rl_genius_get_n_issues (g);
  g_string_append (x, "<objective index=\"0\" description=\"\" name=\"root\" type=\"objective\" "
                      "etype=\"objective\">\n");
  for (guint i = 0; i < ni; i++)
    {
      g_string_append_printf (x, "<issue index=\"%u\"", i + 1);
      xml_attr (x, "name", rl_genius_get_issue_name (g, i));
      g_string_append (x, " vtype=\"discrete\" type=\"discrete\" etype=\"discrete\">\n");
      for (guint k = 0; k < rl_genius_get_n_values (g, i); k++)
        {
          g_string_append_printf (x, "<item index=\"%u\"", k + 1);
          xml_attr (x, "value", rl_genius_get_value_text (g, i, k));
          const char *d = rl_genius_get_value_description (g, i, k);
          if (d)
            xml_attr (x, "description", d);
          if (p >= 0)
            xml_number_attr (x, "evaluation", rl_genius_get_evaluation (g, (guint) p, i, k));
          g_string_append (x, ">\n</item>\n");
        }
      g_string_append (x, "</issue>\n");
    }
  if (p >= 0)
    for (guint i = 0; i < ni; i++)
      {
        g_string_append_printf (x, "<weight index=\"%u\"", i + 1);
        xml_number_attr (x, "value", rl_genius_get_weight (g, (guint) p, i));
        g_string_append (x, ">\n</weight>\n");
      }
  g_string_append (x, "</objective>\n");
}

/* The losses, in a comment ("--" cannot appear inside one). */
static void
xml_losses (GString *x, const RlGenius *g)
{
  guint n = rl_genius_get_n_losses (g);
  if (n == 0)
    return;
  g_string_append (x, "<!-- Written by redline " RL_VERSION " (redline export genius).\n"
                      "     Not expressible in Genius, so not in these files:\n");
  for (guint k = 0; k < n; k++)
    {
      g_autofree char *clean = rl_clean_text (rl_genius_get_loss (g, k));
      GString *t = g_string_new (clean);
      while (strstr (t->str, "--"))
        g_string_replace (t, "--", "- -", 0);
      g_string_append_printf (x, "     - %s\n", t->str);
      g_string_free (t, TRUE);
    }
  g_string_append (x, "-->\n");
}

char *
rl_write_genius_domain (const RlGenius *g)
{
  GString *x = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  xml_losses (x, g);
  g_string_append_printf (x, "<negotiation_template>\n<utility_space number_of_issues=\"%u\">\n",
                          rl_genius_get_n_issues (g));
  xml_objective (x, g, -1);
  g_string_append (x, "</utility_space>\n</negotiation_template>\n");
  return g_string_free (x, FALSE);
}

char *
rl_write_genius_profile (const RlGenius *g, guint p)
{
  GString *x = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  xml_losses (x, g);
  double reservation = 0;
  g_string_append (x, "<utility_space>\n");
  if (rl_genius_get_reservation (g, p, &reservation))
    {
      g_string_append (x, "<reservation");
      xml_number_attr (x, "value", reservation);
      g_string_append (x, " />\n");
    }
  xml_objective (x, g, (int) p);
  g_string_append (x, "</utility_space>\n");
  return g_string_free (x, FALSE);
}
