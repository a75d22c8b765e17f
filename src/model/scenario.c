/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * scenario.c: the RlScenario object: lifecycle, accessors, and the meaning
 * of a package (index, utility, feasibility). Loading is in load.c.
 */
#include "model/scenario-internals.h"

#include <math.h>
#include <string.h>

static const char *const note_keys[] = { "batna", "power", "weights", "values" };

RlScenario *
rl_scenario_new_empty (void)
{
  RlScenario *sc = g_new0 (RlScenario, 1);
  sc->ref_count = 1;
  sc->sources = g_array_new (FALSE, TRUE, sizeof (RlSource));
  sc->constraints = g_array_new (FALSE, TRUE, sizeof (RlNamedRule));
  sc->changes = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (sc->changes, NULL);
  sc->loaded_files = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (sc->loaded_files, NULL);
  sc->protocol = RL_PROTOCOL_ALTERNATING;
  sc->rounds = 60;
  sc->horizon = 40;
  sc->mediator_reach = 1;
  return sc;
}

void
rl_named_rule_clear (RlNamedRule *r)
{
  g_clear_pointer (&r->id, g_free);
  g_clear_pointer (&r->text, g_free);
  g_clear_pointer (&r->note, g_free);
  g_clear_pointer (&r->source, g_free);
  g_clear_pointer (&r->rule, rl_rule_free);
}

void
rl_bonus_clear (RlBonus *b)
{
  g_clear_pointer (&b->text, g_free);
  g_clear_pointer (&b->note, g_free);
  g_clear_pointer (&b->rule, rl_rule_free);
}

void
rl_party_clear (RlParty *p, guint n_issues)
{
  g_free (p->id);
  g_free (p->label);
  g_free (p->description);
  g_free (p->raw_weights);
  g_free (p->weights);
  g_free (p->has_values);
  if (p->values)
    for (guint i = 0; i < n_issues; i++)
      g_free (p->values[i]);
  g_free (p->values);
  if (p->bonuses)
    {
      for (guint b = 0; b < p->bonuses->len; b++)
        rl_bonus_clear (&g_array_index (p->bonuses, RlBonus, b));
      g_array_unref (p->bonuses);
    }
  if (p->red_lines)
    {
      for (guint r = 0; r < p->red_lines->len; r++)
        rl_named_rule_clear (&g_array_index (p->red_lines, RlNamedRule, r));
      g_array_unref (p->red_lines);
    }
  if (p->drift)
    {
      for (guint d = 0; d < p->drift->len; d++)
        rl_bonus_clear (&g_array_index (p->drift, RlBonus, d));
      g_array_unref (p->drift);
    }
  for (guint k = 0; k < G_N_ELEMENTS (p->notes); k++)
    g_free (p->notes[k]);
  for (guint c = 0; c < p->n_controls; c++)
    g_free (p->control_notes[c]);
  g_free (p->control_notes);
  g_free (p->controls);
}

static void
scenario_free (RlScenario *sc)
{
  g_free (sc->file);
  g_free (sc->title);
  g_free (sc->description);
  g_free (sc->date);
  for (guint s = 0; s < sc->sources->len; s++)
    {
      RlSource *src = &g_array_index (sc->sources, RlSource, s);
      g_free (src->title);
      g_free (src->url);
      g_free (src->note);
    }
  g_array_unref (sc->sources);
  for (guint c = 0; c < sc->constraints->len; c++)
    rl_named_rule_clear (&g_array_index (sc->constraints, RlNamedRule, c));
  g_array_unref (sc->constraints);
  for (guint p = 0; p < sc->n_parties; p++)
    rl_party_clear (&sc->parties[p], sc->n_issues);
  g_free (sc->parties);
  for (guint i = 0; i < sc->n_issues; i++)
    {
      RlIssue *issue = &sc->issues[i];
      g_free (issue->id);
      g_free (issue->label);
      g_free (issue->description);
      for (guint k = 0; k < issue->n_options; k++)
        {
          g_free (issue->options[k].id);
          g_free (issue->options[k].label);
          g_free (issue->options[k].description);
        }
      g_free (issue->options);
      g_free (issue->option_ids);
    }
  g_free (sc->issues);
  g_free (sc->issue_info);
  g_free (sc->status_quo);
  g_free (sc->order);
  g_ptr_array_unref (sc->changes);
  if (sc->lineage)
    g_array_unref (sc->lineage);
  g_ptr_array_unref (sc->loaded_files);
  g_free (sc->radix);
  g_free (sc);
}

RlScenario *
rl_scenario_ref (RlScenario *sc)
{
  g_return_val_if_fail (sc != NULL, NULL);
  g_atomic_int_inc (&sc->ref_count);
  return sc;
}

void
rl_scenario_unref (RlScenario *sc)
{
  if (sc != NULL && g_atomic_int_dec_and_test (&sc->ref_count))
    scenario_free (sc);
}

void
rl_party_recompute_weights (RlParty *p, guint n_issues)
{
  double total = 0;
  for (guint i = 0; i < n_issues; i++)
    total += p->raw_weights[i];
  for (guint i = 0; i < n_issues; i++)
    p->weights[i] = total > 0 ? p->raw_weights[i] / total : 0.0;
}

void
rl_scenario_finish (RlScenario *sc)
{
  g_free (sc->radix);
  sc->radix = g_new0 (guint64, sc->n_issues);
  sc->space_fits = TRUE;
  sc->space = 1;
  sc->space_approx = 1;
  for (guint i = sc->n_issues; i-- > 0;)
    {
      guint n = sc->issues[i].n_options;
      sc->radix[i] = sc->space_fits ? sc->space : 0;
      sc->space_approx *= n;
      if (sc->space_fits && sc->space > (guint64) G_MAXINT64 / n)
        sc->space_fits = FALSE;
      else if (sc->space_fits)
        sc->space *= n;
    }
  if (!sc->space_fits)
    sc->space = 0;
  for (guint p = 0; p < sc->n_parties; p++)
    rl_party_recompute_weights (&sc->parties[p], sc->n_issues);
  /* After the weights: a BATNA taken from the status quo follows every
   * change of its party's utilities (the loader refuses one without a
   * status quo). */
  for (guint p = 0; p < sc->n_parties; p++)
    if (sc->parties[p].batna_from_status_quo && sc->status_quo)
      sc->parties[p].batna = rl_scenario_utility (sc, p, sc->status_quo) + sc->parties[p].batna_adjust;
  /* The default order follows the veto parties, which what-if changes may
   * alter after loading. */
  if (!sc->order_given)
    {
      g_free (sc->order);
      sc->order = g_new0 (guint, sc->n_parties + 1);
      sc->n_order = 0;
      for (guint p = 0; p < sc->n_parties; p++)
        if (sc->parties[p].veto)
          sc->order[sc->n_order++] = p;
    }
}

/* ---- simple getters ----------------------------------------------------- */

const char *rl_scenario_get_file (const RlScenario *sc) { return sc->file; }
const char *rl_scenario_get_title (const RlScenario *sc) { return sc->title; }
const char *rl_scenario_get_description (const RlScenario *sc) { return sc->description; }
const char *rl_scenario_get_date (const RlScenario *sc) { return sc->date; }
guint rl_scenario_get_n_sources (const RlScenario *sc) { return sc->sources->len; }

void
rl_scenario_get_source (const RlScenario *sc, guint s, const char **title,
                        const char **url, const char **note)
{
  g_return_if_fail (s < sc->sources->len);
  const RlSource *src = &g_array_index (sc->sources, RlSource, s);
  if (title)
    *title = src->title;
  if (url)
    *url = src->url;
  if (note)
    *note = src->note;
}

const char *const *
rl_scenario_get_changes (const RlScenario *sc)
{
  return (const char *const *) sc->changes->pdata;
}

const char *const *
rl_scenario_get_loaded_files (const RlScenario *sc)
{
  return (const char *const *) sc->loaded_files->pdata;
}

guint rl_scenario_get_n_issues (const RlScenario *sc) { return sc->n_issues; }


const char *
rl_scenario_get_issue_id (const RlScenario *sc, guint i)
{
  g_return_val_if_fail (i < sc->n_issues, NULL);
  return sc->issues[i].id;
}

const char *
rl_scenario_get_issue_label (const RlScenario *sc, guint i)
{
  g_return_val_if_fail (i < sc->n_issues, NULL);
  return sc->issues[i].label;
}

const char *
rl_scenario_get_issue_description (const RlScenario *sc, guint i)
{
  g_return_val_if_fail (i < sc->n_issues, NULL);
  return sc->issues[i].description;
}

gboolean
rl_scenario_issue_is_ordered (const RlScenario *sc, guint i)
{
  g_return_val_if_fail (i < sc->n_issues, FALSE);
  return sc->issues[i].ordered;
}

guint
rl_scenario_get_n_options (const RlScenario *sc, guint i)
{
  g_return_val_if_fail (i < sc->n_issues, 0);
  return sc->issues[i].n_options;
}

const char *
rl_scenario_get_option_id (const RlScenario *sc, guint i, guint k)
{
  g_return_val_if_fail (i < sc->n_issues && k < sc->issues[i].n_options, NULL);
  return sc->issues[i].options[k].id;
}

const char *
rl_scenario_get_option_label (const RlScenario *sc, guint i, guint k)
{
  g_return_val_if_fail (i < sc->n_issues && k < sc->issues[i].n_options, NULL);
  return sc->issues[i].options[k].label;
}

const char *
rl_scenario_get_option_description (const RlScenario *sc, guint i, guint k)
{
  g_return_val_if_fail (i < sc->n_issues && k < sc->issues[i].n_options, NULL);
  return sc->issues[i].options[k].description;
}

int
rl_scenario_find_issue (const RlScenario *sc, const char *id)
{
  for (guint i = 0; i < sc->n_issues; i++)
    if (strcmp (sc->issues[i].id, id) == 0)
      return (int) i;
  return -1;
}

int
rl_scenario_find_option (const RlScenario *sc, guint i, const char *id)
{
  g_return_val_if_fail (i < sc->n_issues, -1);
  for (guint k = 0; k < sc->issues[i].n_options; k++)
    if (strcmp (sc->issues[i].options[k].id, id) == 0)
      return (int) k;
  return -1;
}

const guint8 *rl_scenario_get_status_quo (const RlScenario *sc) { return sc->status_quo; }

gboolean
rl_scenario_get_space (const RlScenario *sc, guint64 *exact)
{
  if (exact)
    *exact = sc->space;
  return sc->space_fits;
}

double rl_scenario_get_space_approx (const RlScenario *sc) { return sc->space_approx; }

char *
rl_scenario_format_space (const RlScenario *sc, int digits)
{
  char buf[64];
  char format[16];
  double approx = sc->space_approx;
  digits = CLAMP (digits, 1, 17);
  if (isfinite (approx))
    {
      g_snprintf (format, sizeof format, "%%.%dg", digits);
      return g_strdup (g_ascii_formatd (buf, sizeof buf, format, approx));
    }
  /* The product overflows a double: mantissa and exponent from log10. */
  double lg = 0;
  for (guint i = 0; i < sc->n_issues; i++)
    lg += log10 ((double) sc->issues[i].n_options);
  double e = floor (lg);
  char mantissa[32];
  g_snprintf (format, sizeof format, "%%.%df", digits - 1);
  g_ascii_formatd (mantissa, sizeof mantissa, format, pow (10.0, lg - e));
  if (mantissa[0] == '1' && mantissa[1] == '0')      /* 9.96 rounded up to 10.0 */
    {
      g_ascii_formatd (mantissa, sizeof mantissa, format, 1.0);
      e += 1;
    }
  return g_strdup_printf ("%se+%.0f", mantissa, e);
}

guint64
rl_scenario_package_index (const RlScenario *sc, const guint8 *package)
{
  guint64 index = 0;
  for (guint i = 0; i < sc->n_issues; i++)
    index += sc->radix[i] * package[i];
  return index;
}

void
rl_scenario_package_from_index (const RlScenario *sc, guint64 index, guint8 *package)
{
  for (guint i = sc->n_issues; i-- > 0;)
    {
      package[i] = (guint8) (index % sc->issues[i].n_options);
      index /= sc->issues[i].n_options;
    }
}

int
rl_scenario_compare_packages (const RlScenario *sc, const guint8 *a, const guint8 *b)
{
  for (guint i = 0; i < sc->n_issues; i++)
    if (a[i] != b[i])
      return a[i] < b[i] ? -1 : 1;
  return 0;
}

guint rl_scenario_get_n_constraints (const RlScenario *sc) { return sc->constraints->len; }

const RlNamedRule *
rl_scenario_get_constraint (const RlScenario *sc, guint c)
{
  g_return_val_if_fail (c < sc->constraints->len, NULL);
  return &g_array_index (sc->constraints, RlNamedRule, c);
}

const char *rl_named_rule_get_id (const RlNamedRule *r) { return r->id; }
const char *rl_named_rule_get_text (const RlNamedRule *r) { return r->text; }
const char *rl_named_rule_get_note (const RlNamedRule *r) { return r->note; }
const char *rl_named_rule_get_source (const RlNamedRule *r) { return r->source; }
gboolean rl_named_rule_is_public (const RlNamedRule *r) { return r->is_public; }
const RlRule *rl_named_rule_get_rule (const RlNamedRule *r) { return r->rule; }

guint rl_scenario_get_n_parties (const RlScenario *sc) { return sc->n_parties; }

guint
rl_scenario_get_n_veto_parties (const RlScenario *sc)
{
  guint n = 0;
  for (guint p = 0; p < sc->n_parties; p++)
    n += sc->parties[p].veto ? 1 : 0;
  return n;
}

int
rl_scenario_find_party (const RlScenario *sc, const char *id)
{
  for (guint p = 0; p < sc->n_parties; p++)
    if (strcmp (sc->parties[p].id, id) == 0)
      return (int) p;
  return -1;
}

/* The party or bonus at a position, or NULL (a caller's mistake, which
 * each accessor reports with g_return_val_if_fail). */
static const RlParty *
party_at (const RlScenario *sc, guint p)
{
  return p < sc->n_parties ? &sc->parties[p] : NULL;
}

static const RlBonus *
bonus_at (const GArray *bonuses, guint b)
{
  return b < bonuses->len ? &g_array_index (bonuses, RlBonus, b) : NULL;
}

const char *rl_scenario_get_party_id (const RlScenario *sc, guint p)
{
  const RlParty *party = party_at (sc, p);
  g_return_val_if_fail (party != NULL, NULL);
  return party->id;
}
const char *rl_scenario_get_party_label (const RlScenario *sc, guint p)
{
  const RlParty *party = party_at (sc, p);
  g_return_val_if_fail (party != NULL, NULL);
  return party->label;
}
const char *rl_scenario_get_party_description (const RlScenario *sc, guint p)
{
  const RlParty *party = party_at (sc, p);
  g_return_val_if_fail (party != NULL, NULL);
  return party->description;
}
gboolean rl_scenario_party_is_veto (const RlScenario *sc, guint p)
{
  const RlParty *party = party_at (sc, p);
  g_return_val_if_fail (party != NULL, FALSE);
  return party->veto;
}
double rl_scenario_get_party_power (const RlScenario *sc, guint p)
{
  const RlParty *party = party_at (sc, p);
  g_return_val_if_fail (party != NULL, 0);
  return party->power;
}
double rl_scenario_get_party_batna (const RlScenario *sc, guint p)
{
  const RlParty *party = party_at (sc, p);
  g_return_val_if_fail (party != NULL, 0);
  return party->batna;
}

gboolean
rl_scenario_get_party_batna_adjust (const RlScenario *sc, guint p, double *adjust)
{
  const RlParty *party = party_at (sc, p);
  g_return_val_if_fail (party != NULL, FALSE);
  if (adjust)
    *adjust = party->batna_from_status_quo ? party->batna_adjust : 0;
  return party->batna_from_status_quo;
}

double
rl_scenario_get_party_weight (const RlScenario *sc, guint p, guint i)
{
  const RlParty *party = party_at (sc, p);
  g_return_val_if_fail (party != NULL, 0);
  g_return_val_if_fail (i < sc->n_issues, 0);
  return party->weights[i];
}

double
rl_scenario_get_party_raw_weight (const RlScenario *sc, guint p, guint i)
{
  const RlParty *party = party_at (sc, p);
  g_return_val_if_fail (party != NULL, 0);
  g_return_val_if_fail (i < sc->n_issues, 0);
  return party->raw_weights[i];
}

gboolean
rl_scenario_party_has_values (const RlScenario *sc, guint p, guint i)
{
  const RlParty *party = party_at (sc, p);
  g_return_val_if_fail (party != NULL, FALSE);
  g_return_val_if_fail (i < sc->n_issues, FALSE);
  return party->has_values[i];
}

double
rl_scenario_get_party_value (const RlScenario *sc, guint p, guint i, guint k)
{
  const RlParty *party = party_at (sc, p);
  g_return_val_if_fail (party != NULL, 0);
  g_return_val_if_fail (i < sc->n_issues && k < sc->issues[i].n_options, 0);
  return party->values[i] ? party->values[i][k] : 0.0;
}

guint rl_scenario_get_n_bonuses (const RlScenario *sc, guint p)
{
  const RlParty *party = party_at (sc, p);
  g_return_val_if_fail (party != NULL, 0);
  return party->bonuses->len;
}


const RlRule *
rl_scenario_get_bonus_rule (const RlScenario *sc, guint p, guint b)
{
  const RlParty *party = party_at (sc, p);
  g_return_val_if_fail (party != NULL, NULL);
  const RlBonus *bonus = bonus_at (party->bonuses, b);
  g_return_val_if_fail (bonus != NULL, NULL);
  return bonus->rule;
}

const char *
rl_scenario_get_bonus_text (const RlScenario *sc, guint p, guint b)
{
  const RlParty *party = party_at (sc, p);
  g_return_val_if_fail (party != NULL, NULL);
  const RlBonus *bonus = bonus_at (party->bonuses, b);
  g_return_val_if_fail (bonus != NULL, NULL);
  return bonus->text;
}

double
rl_scenario_get_bonus_value (const RlScenario *sc, guint p, guint b)
{
  const RlParty *party = party_at (sc, p);
  g_return_val_if_fail (party != NULL, 0);
  const RlBonus *bonus = bonus_at (party->bonuses, b);
  g_return_val_if_fail (bonus != NULL, 0);
  return bonus->value;
}

const char *
rl_scenario_get_bonus_note (const RlScenario *sc, guint p, guint b)
{
  const RlParty *party = party_at (sc, p);
  g_return_val_if_fail (party != NULL, NULL);
  const RlBonus *bonus = bonus_at (party->bonuses, b);
  g_return_val_if_fail (bonus != NULL, NULL);
  return bonus->note;
}

guint rl_scenario_get_n_red_lines (const RlScenario *sc, guint p)
{
  const RlParty *party = party_at (sc, p);
  g_return_val_if_fail (party != NULL, 0);
  return party->red_lines->len;
}

const RlNamedRule *
rl_scenario_get_red_line (const RlScenario *sc, guint p, guint r)
{
  const RlParty *party = party_at (sc, p);
  g_return_val_if_fail (party != NULL, NULL);
  g_return_val_if_fail (r < party->red_lines->len, NULL);
  return &g_array_index (party->red_lines, RlNamedRule, r);
}

const char *
rl_scenario_get_party_note (const RlScenario *sc, guint p, const char *key)
{
  const RlParty *party = party_at (sc, p);
  g_return_val_if_fail (party != NULL, NULL);
  for (guint k = 0; k < G_N_ELEMENTS (note_keys); k++)
    if (g_strcmp0 (key, note_keys[k]) == 0)
      return party->notes[k];
  return NULL;
}

RlStrategyKind rl_scenario_get_party_strategy (const RlScenario *sc, guint p)
{
  const RlParty *party = party_at (sc, p);
  g_return_val_if_fail (party != NULL, RL_STRATEGY_LINEAR);
  return party->strategy;
}
double rl_scenario_get_party_exponent (const RlScenario *sc, guint p)
{
  const RlParty *party = party_at (sc, p);
  g_return_val_if_fail (party != NULL, 1);
  return party->exponent;
}
double rl_scenario_get_party_drift_base (const RlScenario *sc, guint p)
{
  const RlParty *party = party_at (sc, p);
  g_return_val_if_fail (party != NULL, 0);
  return party->drift_base;
}
guint rl_scenario_get_party_n_drift_rules (const RlScenario *sc, guint p)
{
  const RlParty *party = party_at (sc, p);
  g_return_val_if_fail (party != NULL, 0);
  return party->drift->len;
}

const RlRule *
rl_scenario_get_party_drift_rule (const RlScenario *sc, guint p, guint d)
{
  const RlParty *party = party_at (sc, p);
  g_return_val_if_fail (party != NULL, NULL);
  const RlBonus *bonus = bonus_at (party->drift, d);
  g_return_val_if_fail (bonus != NULL, NULL);
  return bonus->rule;
}

const char *
rl_scenario_get_party_drift_text (const RlScenario *sc, guint p, guint d)
{
  const RlParty *party = party_at (sc, p);
  g_return_val_if_fail (party != NULL, NULL);
  const RlBonus *bonus = bonus_at (party->drift, d);
  g_return_val_if_fail (bonus != NULL, NULL);
  return bonus->text;
}

double
rl_scenario_get_party_drift_value (const RlScenario *sc, guint p, guint d)
{
  const RlParty *party = party_at (sc, p);
  g_return_val_if_fail (party != NULL, 0);
  const RlBonus *bonus = bonus_at (party->drift, d);
  g_return_val_if_fail (bonus != NULL, 0);
  return bonus->value;
}

const char *
rl_scenario_get_party_drift_note (const RlScenario *sc, guint p, guint d)
{
  const RlParty *party = party_at (sc, p);
  g_return_val_if_fail (party != NULL, NULL);
  const RlBonus *bonus = bonus_at (party->drift, d);
  g_return_val_if_fail (bonus != NULL, NULL);
  return bonus->note;
}

double
rl_scenario_get_party_drift (const RlScenario *sc, guint p, const guint8 *package)
{
  const RlParty *party = party_at (sc, p);
  g_return_val_if_fail (party != NULL, 0);
  double d = party->drift_base;
  for (guint k = 0; k < party->drift->len; k++)
    {
      const RlBonus *rule = &g_array_index (party->drift, RlBonus, k);
      if (rl_rule_eval (rule->rule, package))
        d += rule->value;
    }
  return d;
}

gboolean rl_scenario_has_simulation (const RlScenario *sc) { return sc->has_simulation; }
RlProtocol rl_scenario_get_protocol (const RlScenario *sc) { return sc->protocol; }
guint rl_scenario_get_rounds (const RlScenario *sc) { return sc->rounds; }
guint rl_scenario_get_horizon (const RlScenario *sc) { return sc->horizon; }
double rl_scenario_get_noise (const RlScenario *sc) { return sc->noise; }
guint rl_scenario_get_mediator_reach (const RlScenario *sc) { return sc->mediator_reach; }

const guint *
rl_scenario_get_order (const RlScenario *sc, guint *n)
{
  *n = sc->n_order;
  return sc->order;
}

/* ---- strategy names ------------------------------------------------------- */

static const char *const strategy_names[] = { "linear", "hardliner", "boulware", "conceder" };

gboolean
rl_strategy_from_name (const char *name, RlStrategyKind *kind, double *exponent)
{
  static const double exponents[] = { 1.0, INFINITY, 0.2, 5.0 };
  for (guint s = 0; s < G_N_ELEMENTS (strategy_names); s++)
    if (strcmp (name, strategy_names[s]) == 0)
      {
        *kind = (RlStrategyKind) s;
        *exponent = exponents[s];
        return TRUE;
      }
  return FALSE;
}

const char *
rl_strategy_name (RlStrategyKind kind)
{
  return kind < G_N_ELEMENTS (strategy_names) ? strategy_names[kind] : NULL;
}

/* ---- meaning ----------------------------------------------------------------- */

double
rl_scenario_utility (const RlScenario *sc, guint p, const guint8 *package)
{
  const RlParty *party = party_at (sc, p);
  g_return_val_if_fail (party != NULL, 0);
  double u = 0;
  for (guint i = 0; i < sc->n_issues; i++)
    if (party->weights[i] > 0)
      u += party->weights[i] * party->values[i][package[i]];
  for (guint b = 0; b < party->bonuses->len; b++)
    {
      const RlBonus *bonus = &g_array_index (party->bonuses, RlBonus, b);
      if (rl_rule_eval (bonus->rule, package))
        u += bonus->value;
    }
  return u;
}

gboolean
rl_scenario_is_feasible (const RlScenario *sc, const guint8 *package)
{
  for (guint c = 0; c < sc->constraints->len; c++)
    if (!rl_rule_eval (g_array_index (sc->constraints, RlNamedRule, c).rule, package))
      return FALSE;
  return TRUE;
}

gboolean
rl_scenario_is_compatible (const RlScenario *sc, const guint8 *package)
{
  if (!rl_scenario_is_feasible (sc, package))
    return FALSE;
  for (guint p = 0; p < sc->n_parties; p++)
    {
      const RlParty *party = &sc->parties[p];
      if (!party->veto)
        continue;
      for (guint r = 0; r < party->red_lines->len; r++)
        if (!rl_rule_eval (g_array_index (party->red_lines, RlNamedRule, r).rule, package))
          return FALSE;
    }
  return TRUE;
}

gboolean
rl_scenario_is_acceptable (const RlScenario *sc, const guint8 *package, gboolean ignore_batna)
{
  if (!rl_scenario_is_compatible (sc, package))
    return FALSE;
  if (ignore_batna)
    return TRUE;
  for (guint p = 0; p < sc->n_parties; p++)
    if (sc->parties[p].veto
        && rl_scenario_utility (sc, p, package) < sc->parties[p].batna - RL_EPSILON)
      return FALSE;
  return TRUE;
}
