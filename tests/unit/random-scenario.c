/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "random-scenario.h"

typedef struct {
  guint n_options;
  gboolean ordered;
  gboolean boolean;     /* options exactly [no, yes] */
  gsize moves_at;       /* the text's length once "options: [" was written */
} Issue;

static void
random_atom (GRand *r, GString *s, const Issue *issues, guint n)
{
  guint i = (guint) g_rand_int_range (r, 0, (gint32) n);
  const Issue *is = &issues[i];
  guint k = (guint) g_rand_int_range (r, 0, (gint32) is->n_options);
  int kind = g_rand_int_range (r, 0, is->boolean ? 6 : 5);
  const char *opt_prefix = is->boolean ? "" : "o";
#define OPT(k) (is->boolean ? ((k) ? "yes" : "no") : NULL)
  char name[16];
  if (is->boolean)
    g_snprintf (name, sizeof name, "%s", k ? "yes" : "no");
  else
    g_snprintf (name, sizeof name, "%s%u", opt_prefix, k);
  switch (kind)
    {
    case 0:
      g_string_append_printf (s, "i%u == %s", i, name);
      break;
    case 1:
      g_string_append_printf (s, "i%u != %s", i, name);
      break;
    case 2:
      if (is->ordered)
        {
          static const char *const ops[] = { "<", "<=", ">", ">=" };
          g_string_append_printf (s, "i%u %s %s", i, ops[g_rand_int_range (r, 0, 4)], name);
        }
      else
        g_string_append_printf (s, "i%u == %s", i, name);
      break;
    case 3:
    case 4:
      {
        g_string_append_printf (s, "i%u %sin [%s", i, kind == 4 ? "not " : "", name);
        guint k2 = (guint) g_rand_int_range (r, 0, (gint32) is->n_options);
        if (is->boolean)
          g_string_append_printf (s, ", %s]", k2 ? "yes" : "no");
        else
          g_string_append_printf (s, ", o%u]", k2);
        break;
      }
    default:
      g_string_append_printf (s, "i%u", i);
      break;
    }
#undef OPT
}

static void
random_rule (GRand *r, GString *s, const Issue *issues, guint n, guint depth)
{
  int kind = depth == 0 ? 0 : g_rand_int_range (r, 0, 7);
  switch (kind)
    {
    case 0:
    case 1:
      random_atom (r, s, issues, n);
      break;
    case 2:
      g_string_append (s, "not (");
      random_rule (r, s, issues, n, depth - 1);
      g_string_append (s, ")");
      break;
    default:
      {
        static const char *const ops[] = { "and", "or", "->", "<->" };
        g_string_append (s, "(");
        random_rule (r, s, issues, n, depth - 1);
        g_string_append_printf (s, ") %s (", ops[kind - 3]);
        random_rule (r, s, issues, n, depth - 1);
        g_string_append (s, ")");
      }
    }
}

static double
random_value (GRand *r, const RandomShape *shape)
{
  if (shape->coarse)
    return g_rand_int_range (r, 0, 5) * 0.25;
  return g_rand_int_range (r, 0, 21) * 0.05;
}

static void
append_number (GString *s, double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_string_append (s, g_ascii_dtostr (buf, sizeof buf, v));
}

/* stability.md's additions, drawn last and inserted into the text from
 * the end backwards, so that earlier offsets stay valid: each party's
 * `controls` at the end of its entry, each issue's `moves` before its
 * options. Each issue goes to a random party or to nobody. */
static void
add_controls (GRand *r, GString *s, const Issue *issues, guint n_issues, const gsize *party_end,
              guint n_parties)
{
  static const char *const moves[] = { "both", "forward", "backward" };
  int owner[64];
  guint move[64];
  for (guint i = 0; i < n_issues; i++)
    {
      owner[i] = g_rand_int_range (r, -1, (gint32) n_parties);
      move[i] = (guint) g_rand_int_range (r, 0, 4);   /* 3: leave `moves` out */
    }
  for (guint p = n_parties; p-- > 0;)
    {
      GString *c = g_string_new ("    controls: [");
      gboolean first = TRUE;
      for (guint i = 0; i < n_issues; i++)
        if (owner[i] == (int) p)
          {
            g_string_append_printf (c, "%si%u", first ? "" : ", ", i);
            first = FALSE;
          }
      g_string_append (c, "]\n");
      /* A party without issues sometimes says `controls: []`, sometimes nothing. */
      if (!first || g_rand_boolean (r))
        g_string_insert (s, (gssize) party_end[p], c->str);
      g_string_free (c, TRUE);
    }
  for (guint i = n_issues; i-- > 0;)
    if (move[i] < 3)
      {
        g_autofree char *line = g_strdup_printf ("moves: %s\n    ", moves[move[i]]);
        /* Before "options: [", the last 10 characters at moves_at. */
        g_string_insert (s, (gssize) issues[i].moves_at - 10, line);
      }
}

char *
rl_random_scenario (GRand *r, const RandomShape *shape)
{
  GString *s = g_string_new ("redline: 1\ntitle: random\nissues:\n");
  guint n_issues = (guint) g_rand_int_range (r, 1, (gint32) shape->max_issues + 1);
  Issue issues[64];
  for (guint i = 0; i < n_issues; i++)
    {
      Issue *is = &issues[i];
      is->boolean = g_rand_int_range (r, 0, 4) == 0;
      is->n_options = is->boolean ? 2 : (guint) g_rand_int_range (r, 1, (gint32) shape->max_options + 1);
      is->ordered = !is->boolean && g_rand_boolean (r);
      g_string_append_printf (s, "  i%u:\n    ordered: %s\n    options: [", i, is->ordered ? "true" : "false");
      /* Where this issue's `moves` goes, when shape->controls draws it. */
      is->moves_at = s->len;
      for (guint k = 0; k < is->n_options; k++)
        {
          if (is->boolean)
            g_string_append (s, k ? ", yes" : "no");
          else
            g_string_append_printf (s, "%so%u", k ? ", " : "", k);
        }
      g_string_append (s, "]\n");
    }
  guint n_constraints = (guint) g_rand_int_range (r, 0, 3);
  if (n_constraints > 0)
    {
      g_string_append (s, "constraints:\n");
      for (guint c = 0; c < n_constraints; c++)
        {
          g_string_append_printf (s, "  - id: c%u\n    rule: \"", c);
          random_rule (r, s, issues, n_issues, (guint) g_rand_int_range (r, 0, 3));
          g_string_append (s, "\"\n");
        }
    }
  g_string_append (s, "parties:\n");
  guint n_parties = (guint) g_rand_int_range (r, 1, (gint32) shape->max_parties + 1);
  gsize party_end[64];
  gboolean any_veto = FALSE;
  for (guint p = 0; p < n_parties; p++)
    {
      gboolean veto = (p == n_parties - 1 && !any_veto) || g_rand_int_range (r, 0, 4) != 0;
      any_veto = any_veto || veto;
      g_string_append_printf (s, "  p%u:\n    veto: %s\n    batna: ", p, veto ? "true" : "false");
      guint batna = (guint) g_rand_int_range (r, 0, 13);
      append_number (s, shape->tight ? 0.25 + batna * 0.05 : batna * 0.05);
      if (g_rand_boolean (r))
        {
          g_string_append (s, "\n    power: ");
          append_number (s, g_rand_int_range (r, 1, 7) * 0.5);
        }
      g_string_append (s, "\n    weights: {");
      gboolean any = FALSE;
      for (guint i = 0; i < n_issues; i++)
        {
          guint w = (guint) g_rand_int_range (r, 0, 4);
          if (i == n_issues - 1 && !any)
            w = 1 + w;
          any = any || w > 0;
          g_string_append_printf (s, "%si%u: %u", i ? ", " : "", i, w);
        }
      g_string_append (s, "}\n    values:\n");
      for (guint i = 0; i < n_issues; i++)
        {
          const Issue *is = &issues[i];
          if (is->ordered && g_rand_int_range (r, 0, 3) == 0)
            {
              g_string_append_printf (s, "      i%u: %s\n", i, g_rand_boolean (r) ? "increasing" : "decreasing");
              continue;
            }
          g_string_append_printf (s, "      i%u: {", i);
          for (guint k = 0; k < is->n_options; k++)
            {
              double v = random_value (r, shape);
              if (shape->jitter && g_rand_int_range (r, 0, 4) == 0)
                v = v >= 0.5 ? v - (g_rand_boolean (r) ? 2.5e-10 : 2e-9) : v + (g_rand_boolean (r) ? 2.5e-10 : 2e-9);
              if (is->boolean)
                g_string_append_printf (s, "%s%s: ", k ? ", " : "", k ? "yes" : "no");
              else
                g_string_append_printf (s, "%so%u: ", k ? ", " : "", k);
              append_number (s, v);
            }
          g_string_append (s, "}\n");
        }
      guint n_bonuses = (guint) g_rand_int_range (r, 0, 3);
      if (n_bonuses > 0)
        {
          g_string_append (s, "    bonuses:\n");
          for (guint b = 0; b < n_bonuses; b++)
            {
              g_string_append (s, "      - when: \"");
              random_rule (r, s, issues, n_issues, (guint) g_rand_int_range (r, 0, 3));
              g_string_append (s, "\"\n        value: ");
              append_number (s, g_rand_int_range (r, -4, 5) * 0.05);
              g_string_append (s, "\n");
            }
        }
      guint n_red = (guint) g_rand_int_range (r, 0, (gint32) shape->max_rules + 1);
      if (n_red > 0)
        {
          g_string_append (s, "    red_lines:\n");
          for (guint k = 0; k < n_red; k++)
            {
              g_string_append_printf (s, "      - id: r%u\n        rule: \"", k);
              random_rule (r, s, issues, n_issues, (guint) g_rand_int_range (r, 0, 3));
              g_string_append (s, "\"\n");
            }
        }
      party_end[p] = s->len;
    }
  if (shape->controls)
    add_controls (r, s, issues, n_issues, party_end, n_parties);
  return g_string_free (s, FALSE);
}
