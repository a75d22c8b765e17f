/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * scenario-copy.c: a deep copy of an RlScenario. Scenarios are immutable
 * and shared, so a what-if change never edits one: it edits a copy, which
 * owns every byte it holds. Compiled rules are not shared either: each is
 * compiled again from its text against the copy's issues, which are the
 * same as the original's, so compiling cannot fail.
 */
#include "model/scenario-internals.h"

#include <string.h>

static RlRule *
recompile (const RlScenario *sc, const char *text)
{
  guint offset = 0;
  g_autoptr (GError) error = NULL;
  RlRule *rule = rl_rule_compile (text, sc->issue_info, sc->n_issues, &offset, &error);
  /* The text compiled against these very issues when it was loaded. */
  g_assert (rule != NULL);
  return rule;
}

static GArray *
copy_named_rules (const RlScenario *sc, const GArray *from)
{
  GArray *to = g_array_sized_new (FALSE, TRUE, sizeof (RlNamedRule), from->len);
  for (guint r = 0; r < from->len; r++)
    {
      const RlNamedRule *x = &g_array_index (from, RlNamedRule, r);
      RlNamedRule y = {
        .id = g_strdup (x->id),
        .text = g_strdup (x->text),
        .note = g_strdup (x->note),
        .source = g_strdup (x->source),
        .is_public = x->is_public,
        .rule = recompile (sc, x->text),
        .pos = x->pos,
      };
      g_array_append_val (to, y);
    }
  return to;
}

static GArray *
copy_bonuses (const RlScenario *sc, const GArray *from)
{
  GArray *to = g_array_sized_new (FALSE, TRUE, sizeof (RlBonus), from->len);
  for (guint b = 0; b < from->len; b++)
    {
      const RlBonus *x = &g_array_index (from, RlBonus, b);
      RlBonus y = {
        .text = g_strdup (x->text),
        .note = g_strdup (x->note),
        .value = x->value,
        .rule = recompile (sc, x->text),
      };
      g_array_append_val (to, y);
    }
  return to;
}

static void
copy_issue (RlIssue *to, const RlIssue *from)
{
  *to = *from;
  to->id = g_strdup (from->id);
  to->label = g_strdup (from->label);
  to->description = g_strdup (from->description);
  to->options = g_new0 (RlOption, MAX (from->n_options, 1));
  to->option_ids = g_new0 (const char *, from->n_options + 1);
  for (guint k = 0; k < from->n_options; k++)
    {
      to->options[k] = from->options[k];
      to->options[k].id = g_strdup (from->options[k].id);
      to->options[k].label = g_strdup (from->options[k].label);
      to->options[k].description = g_strdup (from->options[k].description);
      to->option_ids[k] = to->options[k].id;
    }
}

static void
copy_party (const RlScenario *sc, RlParty *to, const RlParty *from)
{
  guint n = sc->n_issues;
  *to = *from;
  to->id = g_strdup (from->id);
  to->label = g_strdup (from->label);
  to->description = g_strdup (from->description);
  to->raw_weights = g_memdup2 (from->raw_weights, (n + 1) * sizeof (double));
  to->weights = g_memdup2 (from->weights, (n + 1) * sizeof (double));
  to->has_values = g_memdup2 (from->has_values, (n + 1) * sizeof (gboolean));
  to->values = g_new0 (double *, n + 1);
  for (guint i = 0; i < n; i++)
    if (from->values[i])
      to->values[i] = g_memdup2 (from->values[i], MAX (sc->issues[i].n_options, 1) * sizeof (double));
  to->bonuses = copy_bonuses (sc, from->bonuses);
  to->red_lines = copy_named_rules (sc, from->red_lines);
  to->drift = copy_bonuses (sc, from->drift);
  for (guint k = 0; k < G_N_ELEMENTS (from->notes); k++)
    to->notes[k] = g_strdup (from->notes[k]);
  to->controls = g_memdup2 (from->controls, (from->n_controls + 1) * sizeof (guint));
  to->control_notes = g_new0 (char *, from->n_controls + 1);
  for (guint c = 0; c < from->n_controls; c++)
    to->control_notes[c] = g_strdup (from->control_notes[c]);
}

static void
lineage_clear (gpointer data)
{
  g_free (((RlLineage *) data)->path);
}

RlScenario *
rl_scenario_copy (const RlScenario *sc)
{
  RlScenario *cp = rl_scenario_new_empty ();

  cp->file = g_strdup (sc->file);
  cp->title = g_strdup (sc->title);
  cp->description = g_strdup (sc->description);
  cp->date = g_strdup (sc->date);
  for (guint s = 0; s < sc->sources->len; s++)
    {
      const RlSource *x = &g_array_index (sc->sources, RlSource, s);
      RlSource y = { g_strdup (x->title), g_strdup (x->url), g_strdup (x->note) };
      g_array_append_val (cp->sources, y);
    }

  cp->n_issues = sc->n_issues;
  cp->issues = g_new0 (RlIssue, sc->n_issues + 1);
  cp->issue_info = g_new0 (RlIssueInfo, sc->n_issues + 1);
  for (guint i = 0; i < sc->n_issues; i++)
    {
      copy_issue (&cp->issues[i], &sc->issues[i]);
      cp->issue_info[i] = (RlIssueInfo){
        .id = cp->issues[i].id,
        .ordered = cp->issues[i].ordered,
        .n_options = cp->issues[i].n_options,
        .option_ids = cp->issues[i].option_ids,
      };
    }

  g_array_unref (cp->constraints);
  cp->constraints = copy_named_rules (cp, sc->constraints);
  if (sc->status_quo)
    cp->status_quo = g_memdup2 (sc->status_quo, sc->n_issues + 1);

  cp->n_parties = sc->n_parties;
  cp->parties = g_new0 (RlParty, sc->n_parties + 1);
  for (guint p = 0; p < sc->n_parties; p++)
    copy_party (cp, &cp->parties[p], &sc->parties[p]);

  cp->has_simulation = sc->has_simulation;
  cp->protocol = sc->protocol;
  cp->rounds = sc->rounds;
  cp->horizon = sc->horizon;
  cp->noise = sc->noise;
  cp->mediator_reach = sc->mediator_reach;
  cp->n_order = sc->n_order;
  cp->order = g_new0 (guint, MAX (sc->n_order, sc->n_parties) + 1);
  if (sc->order)
    memcpy (cp->order, sc->order, sc->n_order * sizeof (guint));
  cp->order_given = sc->order_given;

  /* new_empty() made the changes NULL-terminated already. */
  g_ptr_array_set_size (cp->changes, 0);
  for (guint k = 0; k < sc->changes->len; k++)
    g_ptr_array_add (cp->changes, g_strdup (g_ptr_array_index (sc->changes, k)));

  g_ptr_array_set_size (cp->loaded_files, 0);
  for (guint k = 0; k < sc->loaded_files->len; k++)
    g_ptr_array_add (cp->loaded_files, g_strdup (g_ptr_array_index (sc->loaded_files, k)));

  if (sc->lineage)
    {
      cp->lineage = g_array_new (FALSE, TRUE, sizeof (RlLineage));
      g_array_set_clear_func (cp->lineage, lineage_clear);
      for (guint k = 0; k < sc->lineage->len; k++)
        {
          const RlLineage *x = &g_array_index (sc->lineage, RlLineage, k);
          RlLineage y = { g_strdup (x->path), x->n_changes };
          g_array_append_val (cp->lineage, y);
        }
    }

  /* Derived fields: the same computation gives the same values. */
  rl_scenario_finish (cp);
  return cp;
}
