/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * load-party.c: the `parties` and `simulation` parts of a scenario file
 * (scenario.md section 2 and 4, simulate.md).
 */
#include "model/load-private.h"

#include <math.h>
#include <string.h>

#include <redline/error.h>
#include <redline/suggest.h>

#define error_at_node(ld, node, code, ...) \
  rl_loader_error_at ((ld), (node)->line, (node)->col, (code), __VA_ARGS__)

enum {
  P_LABEL, P_DESCRIPTION, P_VETO, P_POWER, P_BATNA, P_WEIGHTS, P_VALUES,
  P_BONUSES, P_RED_LINES, P_NOTES, P_STRATEGY, P_DRIFT, P_CONTROLS, N_P
};

static const char *const party_keys[N_P] = {
  "label", "description", "veto", "power", "batna", "weights", "values",
  "bonuses", "red_lines", "notes", "strategy", "drift", "controls",
};

static const char *const note_keys[] = { "batna", "power", "weights", "values" };

/* `batna`: a number, the word status_quo, or {status_quo: ADJUST}
 * (scenario.md section 2). Whether the scenario has a status quo is known
 * only once the whole file is read: rl_loader_check_status_quo_batnas(). */
static void
load_batna (RlLoader *ld, const RlYamlNode *node, RlParty *party, const char *who)
{
  party->batna_pos = (RlPos) { node->line, node->col };
  if (node->kind == RL_YAML_SCALAR && strcmp (node->value, "status_quo") == 0)
    {
      party->batna_from_status_quo = TRUE;
      party->batna_adjust = 0;
      return;
    }
  if (node->kind != RL_YAML_MAPPING)
    {
      rl_loader_number (ld, node, "'batna'", &party->batna);
      return;
    }
  static const char *const keys[] = { "status_quo" };
  g_autofree char *what = g_strdup_printf ("'batna' of %s", who);
  const RlYamlNode *adjust = NULL;
  if (!rl_loader_fields (ld, node, what, keys, G_N_ELEMENTS (keys), &adjust))
    return;
  rl_loader_require (ld, node, what, "status_quo", adjust);
  if (adjust && rl_loader_number (ld, adjust, "'status_quo' in 'batna'",
                                  &party->batna_adjust))
    party->batna_from_status_quo = TRUE;
}

static void
load_weights (RlLoader *ld, const RlYamlNode *node, RlParty *party, const char *who)
{
  g_autofree char *what = g_strdup_printf ("'weights' of %s", who);
  if (node->kind != RL_YAML_MAPPING)
    {
      error_at_node (ld, node, RL_ERROR_SCHEMA, "expected a mapping issue: weight for %s, found %s",
                     what, rl_yaml_node_describe (node));
      return;
    }
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean ok = TRUE;
  double total = 0;
  for (guint c = 0; c + 1 < node->n_children; c += 2)
    {
      const RlYamlNode *key = node->children[c];
      if (key->kind != RL_YAML_SCALAR || g_hash_table_contains (seen, key->value))
        {
          if (key->kind != RL_YAML_SCALAR)
            error_at_node (ld, key, RL_ERROR_SCHEMA, "keys in %s must be issue ids", what);
          else
            error_at_node (ld, key, RL_ERROR_SCHEMA, "duplicate key '%s' in %s", key->value, what);
          ok = FALSE;
          continue;
        }
      g_hash_table_add (seen, key->value);
      int i = rl_loader_issue (ld, key, what);
      g_autofree char *value_what = g_strdup_printf ("the weight of '%s'", key->value);
      double w;
      if (!rl_loader_number (ld, node->children[c + 1], value_what, &w))
        {
          ok = FALSE;
          continue;
        }
      if (w < 0)
        {
          error_at_node (ld, node->children[c + 1], RL_ERROR_SCHEMA,
                         "%s must be 0 or more, not %.40s", value_what, node->children[c + 1]->value);
          ok = FALSE;
          continue;
        }
      if (i < 0)
        {
          ok = FALSE;
          continue;
        }
      party->raw_weights[i] = w;
      total += w;
    }
  if (node->n_children == 0)
    error_at_node (ld, node, RL_ERROR_SCHEMA,
                   "%s is empty; give some issue a positive weight, or leave 'weights' out", what);
  else if (ok && !(total > 0))
    error_at_node (ld, node, RL_ERROR_SCHEMA,
                   "%s are all 0; give some issue a positive weight, or leave 'weights' out", what);
  else if (ok && !isfinite (total))
    error_at_node (ld, node, RL_ERROR_SCHEMA, "%s add up to more than a double can hold", what);
  party->has_weights = TRUE;
}

static void
load_value_table (RlLoader *ld, const RlYamlNode *key, const RlYamlNode *node, guint i,
                  RlParty *party, const char *who)
{
  RlScenario *sc = ld->sc;
  const RlIssue *issue = &sc->issues[i];
  guint n = issue->n_options;

  if (node->kind == RL_YAML_SCALAR
      && (strcmp (node->value, "increasing") == 0 || strcmp (node->value, "decreasing") == 0))
    {
      if (!issue->ordered)
        {
          error_at_node (ld, node, RL_ERROR_SCHEMA,
                         "'%s' needs an ordered issue; issue '%s' is not ordered (add 'ordered: true' or list a value per option)",
                         node->value, issue->id);
          return;
        }
      gboolean up = node->value[0] == 'i';
      double *values = g_new (double, MAX (n, 1));
      for (guint k = 0; k < n; k++)
        {
          double v = n == 1 ? 1.0 : (double) k / (double) (n - 1);
          values[k] = up || n == 1 ? v : 1.0 - v;
        }
      party->values[i] = values;
      party->has_values[i] = TRUE;
      return;
    }
  if (node->kind != RL_YAML_MAPPING)
    {
      g_autofree char *shown = node->kind == RL_YAML_SCALAR
                                   ? g_strdup_printf ("'%.40s'", node->value)
                                   : g_strdup (rl_yaml_kind_name (node->kind));
      error_at_node (ld, node, RL_ERROR_SCHEMA,
                     "values of %s for issue '%s' must be a mapping option: value, 'increasing' or 'decreasing', not %s",
                     who, issue->id, shown);
      return;
    }
  double *values = g_new0 (double, MAX (n, 1));
  gboolean *given = g_new0 (gboolean, MAX (n, 1));
  gboolean ok = TRUE;
  g_autofree char *what = g_strdup_printf ("the values of %s for issue '%s'", who, issue->id);
  for (guint c = 0; c + 1 < node->n_children; c += 2)
    {
      const RlYamlNode *okey = node->children[c];
      int k = rl_loader_option (ld, i, okey);
      if (k < 0)
        {
          ok = FALSE;
          continue;
        }
      if (given[k])
        {
          error_at_node (ld, okey, RL_ERROR_SCHEMA, "duplicate key '%s' in %s", okey->value, what);
          ok = FALSE;
          continue;
        }
      given[k] = TRUE;
      g_autofree char *vwhat = g_strdup_printf ("the value of option '%s'", okey->value);
      if (!rl_loader_number_in (ld, node->children[c + 1], vwhat, 0, 1, &values[k]))
        ok = FALSE;
    }
  GString *missing = g_string_new (NULL);
  guint n_missing = 0;
  for (guint k = 0; k < n; k++)
    if (!given[k])
      {
        g_string_append_printf (missing, "%s'%s'", n_missing ? ", " : "", issue->options[k].id);
        n_missing++;
      }
  if (n_missing > 0 && ok)
    error_at_node (ld, node, RL_ERROR_SCHEMA, "%s must list every option; missing %s",
                   what, missing->str);
  g_string_free (missing, TRUE);
  g_free (given);
  (void) key;
  if (ok && n_missing == 0)
    {
      party->values[i] = values;
      party->has_values[i] = TRUE;
    }
  else
    g_free (values);
}

static void
load_values (RlLoader *ld, const RlYamlNode *node, RlParty *party, const char *who)
{
  g_autofree char *what = g_strdup_printf ("'values' of %s", who);
  if (node->kind != RL_YAML_MAPPING)
    {
      error_at_node (ld, node, RL_ERROR_SCHEMA, "expected a mapping issue: values for %s, found %s",
                     what, rl_yaml_node_describe (node));
      return;
    }
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint c = 0; c + 1 < node->n_children; c += 2)
    {
      const RlYamlNode *key = node->children[c];
      if (key->kind != RL_YAML_SCALAR)
        {
          error_at_node (ld, key, RL_ERROR_SCHEMA, "keys in %s must be issue ids", what);
          continue;
        }
      if (g_hash_table_contains (seen, key->value))
        {
          error_at_node (ld, key, RL_ERROR_SCHEMA, "duplicate key '%s' in %s", key->value, what);
          continue;
        }
      g_hash_table_add (seen, key->value);
      int i = rl_loader_issue (ld, key, what);
      if (i >= 0)
        load_value_table (ld, key, node->children[c + 1], (guint) i, party, who);
    }
}

/* Bonuses and drift rules share a shape: {when|rule, value, note}. */
static void
load_conditional_values (RlLoader *ld, const RlYamlNode *node, const char *what,
                         const char *rule_key, GArray *out)
{
  const char *const keys[] = { rule_key, "value", "note" };
  if (node->kind != RL_YAML_SEQUENCE)
    {
      error_at_node (ld, node, RL_ERROR_SCHEMA, "expected a list for %s, found %s", what,
                     rl_yaml_node_describe (node));
      return;
    }
  for (guint e = 0; e < node->n_children; e++)
    {
      const RlYamlNode *item = node->children[e];
      if (e == RL_MAX_RULES)
        {
          error_at_node (ld, item, RL_ERROR_LIMIT, "%s holds more than %d rules", what, RL_MAX_RULES);
          break;
        }
      const RlYamlNode *f[3];
      g_autofree char *item_what = g_strdup_printf ("an entry of %s", what);
      if (!rl_loader_fields (ld, item, item_what, keys, 3, f))
        continue;
      rl_loader_require (ld, item, item_what, rule_key, f[0]);
      rl_loader_require (ld, item, item_what, "value", f[1]);
      RlBonus b = { 0 };
      if (f[0])
        {
          g_autofree char *rwhat = g_strdup_printf ("'%s'", rule_key);
          b.rule = rl_loader_rule (ld, f[0], rwhat, &b.text);
        }
      if (f[1])
        rl_loader_number_in (ld, f[1], "'value'", -1, 1, &b.value);
      if (f[2])
        b.note = rl_loader_text (ld, f[2], "'note'");
      if (b.rule == NULL)
        {
          rl_bonus_clear (&b);
          continue;
        }
      g_array_append_val (out, b);
    }
}

static void
load_notes (RlLoader *ld, const RlYamlNode *node, RlParty *party, const char *who)
{
  g_autofree char *what = g_strdup_printf ("'notes' of %s", who);
  const RlYamlNode *f[G_N_ELEMENTS (note_keys)];
  if (!rl_loader_fields (ld, node, what, note_keys, G_N_ELEMENTS (note_keys), f))
    return;
  for (guint k = 0; k < G_N_ELEMENTS (note_keys); k++)
    if (f[k])
      party->notes[k] = rl_loader_text (ld, f[k], "a note");
}

static void
load_strategy (RlLoader *ld, const RlYamlNode *node, RlParty *party, const char *who)
{
  g_autofree char *what = g_strdup_printf ("'strategy' of %s", who);
  if (node->kind == RL_YAML_SCALAR)
    {
      if (!rl_strategy_from_name (node->value, &party->strategy, &party->exponent))
        {
          const char *names[RL_STRATEGY_EXPONENT];
          for (guint k = 0; k < G_N_ELEMENTS (names); k++)
            names[k] = rl_strategy_name ((RlStrategyKind) k);
          g_autofree char *hint = rl_suggest_hint (node->value, node->len, names, G_N_ELEMENTS (names));
          error_at_node (ld, node, RL_ERROR_SCHEMA,
                         "unknown strategy '%.40s' for %s (use hardliner, boulware, linear, conceder or {e: NUMBER})%s",
                         node->value, who, hint);
        }
      return;
    }
  static const char *const keys[] = { "e" };
  const RlYamlNode *f[1];
  if (!rl_loader_fields (ld, node, what, keys, 1, f))
    return;
  rl_loader_require (ld, node, what, "e", f[0]);
  double e;
  if (f[0] && rl_loader_number (ld, f[0], "'e'", &e))
    {
      if (!(e > 0))
        error_at_node (ld, f[0], RL_ERROR_SCHEMA, "the strategy exponent 'e' must be above 0, not %.40s",
                       f[0]->value);
      else
        {
          party->strategy = RL_STRATEGY_EXPONENT;
          party->exponent = e;
        }
    }
}

static void
load_drift (RlLoader *ld, const RlYamlNode *node, RlParty *party, const char *who)
{
  static const char *const keys[] = { "base", "when" };
  g_autofree char *what = g_strdup_printf ("'drift' of %s", who);
  const RlYamlNode *f[2];
  if (!rl_loader_fields (ld, node, what, keys, 2, f))
    return;
  if (f[0])
    rl_loader_number_in (ld, f[0], "'base'", -1, 1, &party->drift_base);
  if (f[1])
    {
      g_autofree char *when_what = g_strdup_printf ("'when' of the drift of %s", who);
      load_conditional_values (ld, f[1], when_what, "rule", party->drift);
    }
}

/* One entry of `controls`: an issue id, or {id, note} to say why the
 * party can change it alone. Returns the id's node, or NULL. */
static const RlYamlNode *
control_entry (RlLoader *ld, const RlYamlNode *item, const char *who, char **note)
{
  static const char *const keys[] = { "id", "note" };
  if (item->kind == RL_YAML_MAPPING)
    {
      g_autofree char *what = g_strdup_printf ("an entry of 'controls' of %s", who);
      const RlYamlNode *f[2];
      rl_loader_fields (ld, item, what, keys, 2, f);
      rl_loader_require (ld, item, what, "id", f[0]);
      if (f[1])
        *note = rl_loader_text (ld, f[1], "'note'");
      item = f[0];
      if (item == NULL)
        return NULL;
    }
  if (item->kind != RL_YAML_SCALAR)
    {
      error_at_node (ld, item, RL_ERROR_SCHEMA,
                     "expected an issue id or {id, note} in 'controls' of %s, found %s",
                     who, rl_yaml_node_describe (item));
      return NULL;
    }
  return item;
}

/* stability.md: the issues a party can change on its own once a deal is
 * agreed. Each issue at most once in the list and at most one party in
 * the file: the first party (in file order) to name it keeps it, and a
 * later one gets the error. */
static void
load_controls (RlLoader *ld, const RlYamlNode *node, RlParty *party, const char *who)
{
  RlScenario *sc = ld->sc;
  if (node->kind != RL_YAML_SEQUENCE)
    {
      error_at_node (ld, node, RL_ERROR_SCHEMA, "expected a list of issue ids for 'controls' of %s, found %s",
                     who, rl_yaml_node_describe (node));
      return;
    }
  party->controls = g_new0 (guint, node->n_children + 1);
  party->control_notes = g_new0 (char *, node->n_children + 1);
  for (guint e = 0; e < node->n_children; e++)
    {
      g_autofree char *note = NULL;
      const RlYamlNode *id = control_entry (ld, node->children[e], who, &note);
      if (id == NULL)
        continue;
      int i = rl_scenario_find_issue (sc, id->value);
      if (i < 0)
        {
          g_autofree char *hint = rl_suggest_hint (id->value, id->len,
                                                   (const char *const *) ld->issue_ids->pdata,
                                                   ld->issue_ids->len);
          g_autofree char *shown = g_utf8_make_valid (id->value, (gssize) MIN (id->len, 40));
          error_at_node (ld, id, RL_ERROR_SCHEMA, "unknown issue '%s' in 'controls' of %s%s",
                         shown, who, hint);
          continue;
        }
      gboolean twice = FALSE;
      for (guint c = 0; c < party->n_controls; c++)
        twice = twice || party->controls[c] == (guint) i;
      if (twice)
        {
          error_at_node (ld, id, RL_ERROR_SCHEMA, "issue '%s' appears twice in 'controls' of %s",
                         id->value, who);
          continue;
        }
      const RlParty *owner = NULL;
      for (guint p = 0; p < sc->n_parties && owner == NULL; p++)
        for (guint c = 0; &sc->parties[p] != party && c < sc->parties[p].n_controls; c++)
          if (sc->parties[p].controls[c] == (guint) i)
            owner = &sc->parties[p];
      if (owner != NULL)
        {
          error_at_node (ld, id, RL_ERROR_SCHEMA,
                         "issue '%s' in 'controls' of %s is already controlled by party '%s'; "
                         "an issue has at most one controlling party",
                         id->value, who, owner->id);
          continue;
        }
      party->control_notes[party->n_controls] = g_steal_pointer (&note);
      party->controls[party->n_controls++] = (guint) i;
    }
}

static void
load_party (RlLoader *ld, const RlYamlNode *key, const RlYamlNode *node, RlParty *party)
{
  RlScenario *sc = ld->sc;
  party->id = g_strdup (key->value);
  party->pos = (RlPos){ key->line, key->col };
  party->veto = TRUE;
  party->power = 1;
  party->exponent = 1;
  party->strategy = RL_STRATEGY_LINEAR;
  party->raw_weights = g_new0 (double, sc->n_issues + 1);
  party->weights = g_new0 (double, sc->n_issues + 1);
  party->has_values = g_new0 (gboolean, sc->n_issues + 1);
  party->values = g_new0 (double *, sc->n_issues + 1);
  party->bonuses = g_array_new (FALSE, TRUE, sizeof (RlBonus));
  party->red_lines = g_array_new (FALSE, TRUE, sizeof (RlNamedRule));
  party->drift = g_array_new (FALSE, TRUE, sizeof (RlBonus));

  if (key->len == 0 || !g_ascii_isalpha (key->value[0])
      || strspn (key->value, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") != key->len)
    error_at_node (ld, key, RL_ERROR_SCHEMA,
                   "invalid party id '%.40s' (start with a letter; use letters, digits and '_')", key->value);
  else if (strcmp (key->value, "constraints") == 0)
    error_at_node (ld, key, RL_ERROR_SCHEMA,
                   "'constraints' cannot be a party id (it names the scenario's constraints in outputs)");

  g_autofree char *who = g_strdup_printf ("party '%s'", party->id);
  const RlYamlNode *f[N_P];
  if (!rl_loader_fields (ld, node, who, party_keys, N_P, f))
    {
      party->label = g_strdup (party->id);
      return;
    }
  party->label = f[P_LABEL] ? rl_loader_text (ld, f[P_LABEL], "'label'") : NULL;
  if (party->label == NULL)
    party->label = g_strdup (party->id);
  if (f[P_DESCRIPTION])
    party->description = rl_loader_text (ld, f[P_DESCRIPTION], "'description'");
  if (f[P_VETO])
    rl_loader_boolean (ld, f[P_VETO], "'veto'", &party->veto);
  if (f[P_POWER] && rl_loader_number (ld, f[P_POWER], "'power'", &party->power) && !(party->power > 0))
    {
      error_at_node (ld, f[P_POWER], RL_ERROR_SCHEMA, "'power' of %s must be above 0, not %.40s",
                     who, f[P_POWER]->value);
      party->power = 1;
    }
  if (f[P_BATNA])
    load_batna (ld, f[P_BATNA], party, who);
  if (f[P_WEIGHTS])
    load_weights (ld, f[P_WEIGHTS], party, who);
  if (f[P_VALUES])
    load_values (ld, f[P_VALUES], party, who);
  if (f[P_BONUSES])
    {
      g_autofree char *what = g_strdup_printf ("'bonuses' of %s", who);
      load_conditional_values (ld, f[P_BONUSES], what, "when", party->bonuses);
    }
  if (f[P_RED_LINES])
    {
      g_autofree char *what = g_strdup_printf ("'red_lines' of %s", who);
      rl_loader_rule_list (ld, f[P_RED_LINES], what, TRUE, party->red_lines);
    }
  if (f[P_NOTES])
    load_notes (ld, f[P_NOTES], party, who);
  if (f[P_STRATEGY])
    load_strategy (ld, f[P_STRATEGY], party, who);
  if (f[P_DRIFT])
    load_drift (ld, f[P_DRIFT], party, who);
  if (f[P_CONTROLS])
    load_controls (ld, f[P_CONTROLS], party, who);

  /* An issue that matters to the party must say how much each option is
   * worth; the error points at the mapping that lacks it. */
  for (guint i = 0; i < sc->n_issues; i++)
    if (party->raw_weights[i] > 0 && !party->has_values[i] && sc->issues[i].n_options > 0)
      {
        const RlYamlNode *at = f[P_VALUES] ? f[P_VALUES] : node;
        gboolean values_bad = f[P_VALUES] && f[P_VALUES]->kind == RL_YAML_MAPPING;
        /* A table that failed to load has its own error already. */
        gboolean named = FALSE;
        if (values_bad)
          for (guint c = 0; c + 1 < f[P_VALUES]->n_children; c += 2)
            if (f[P_VALUES]->children[c]->kind == RL_YAML_SCALAR
                && strcmp (f[P_VALUES]->children[c]->value, sc->issues[i].id) == 0)
              named = TRUE;
        if (!named)
          error_at_node (ld, at, RL_ERROR_SCHEMA,
                         "%s gives issue '%s' a weight but no values", who, sc->issues[i].id);
      }
}

void
rl_loader_parties (RlLoader *ld, const RlYamlNode *node)
{
  RlScenario *sc = ld->sc;
  if (node->kind != RL_YAML_MAPPING)
    {
      error_at_node (ld, node, RL_ERROR_SCHEMA, "expected a mapping for 'parties', found %s",
                     rl_yaml_node_describe (node));
      return;
    }
  if (node->n_children == 0)
    {
      error_at_node (ld, node, RL_ERROR_SCHEMA, "'parties' needs at least one party");
      return;
    }
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  sc->parties = g_new0 (RlParty, MIN (node->n_children / 2, RL_MAX_PARTIES) + 1);
  for (guint c = 0; c + 1 < node->n_children; c += 2)
    {
      const RlYamlNode *key = node->children[c];
      if (key->kind != RL_YAML_SCALAR)
        {
          error_at_node (ld, key, RL_ERROR_SCHEMA, "keys in 'parties' must be party ids");
          continue;
        }
      if (g_hash_table_contains (seen, key->value))
        {
          error_at_node (ld, key, RL_ERROR_SCHEMA, "duplicate key '%s' in 'parties'", key->value);
          continue;
        }
      g_hash_table_add (seen, key->value);
      if (sc->n_parties == RL_MAX_PARTIES)
        {
          error_at_node (ld, key, RL_ERROR_LIMIT, "more than %d parties", RL_MAX_PARTIES);
          break;
        }
      load_party (ld, key, node->children[c + 1], &sc->parties[sc->n_parties++]);
    }
  if (sc->n_parties > 0 && rl_scenario_get_n_veto_parties (sc) == 0)
    error_at_node (ld, node, RL_ERROR_SCHEMA,
                   "no party has a veto; at least one party needs 'veto: true'");
}

/* ---- simulation ------------------------------------------------------------- */

enum { S_PROTOCOL, S_ROUNDS, S_ORDER, S_HORIZON, S_NOISE, S_REACH, N_S };
static const char *const sim_keys[N_S] = {
  "protocol", "rounds", "order", "horizon", "noise", "mediator_reach",
};


static void
load_order (RlLoader *ld, const RlYamlNode *node)
{
  RlScenario *sc = ld->sc;
  if (node->kind != RL_YAML_SEQUENCE)
    {
      error_at_node (ld, node, RL_ERROR_SCHEMA, "expected a list of veto parties for 'order', found %s",
                     rl_yaml_node_describe (node));
      return;
    }
  if (node->n_children == 0)
    {
      error_at_node (ld, node, RL_ERROR_SCHEMA, "'order' needs at least one veto party");
      return;
    }
  g_autofree guint *order = g_new0 (guint, node->n_children);
  g_autofree gboolean *used = g_new0 (gboolean, sc->n_parties + 1);
  g_autoptr (GPtrArray) ids = g_ptr_array_new ();
  for (guint p = 0; p < sc->n_parties; p++)
    g_ptr_array_add (ids, sc->parties[p].id);
  gboolean ok = TRUE;
  for (guint e = 0; e < node->n_children; e++)
    {
      const RlYamlNode *item = node->children[e];
      if (item->kind != RL_YAML_SCALAR)
        {
          error_at_node (ld, item, RL_ERROR_SCHEMA, "expected a party id in 'order', found %s",
                         rl_yaml_node_describe (item));
          ok = FALSE;
          continue;
        }
      int p = rl_scenario_find_party (sc, item->value);
      if (p < 0)
        {
          g_autofree char *hint = rl_suggest_hint (item->value, item->len,
                                                   (const char *const *) ids->pdata, ids->len);
          error_at_node (ld, item, RL_ERROR_SCHEMA, "unknown party '%.40s' in 'order'%s", item->value, hint);
          ok = FALSE;
        }
      else if (!sc->parties[p].veto)
        {
          error_at_node (ld, item, RL_ERROR_SCHEMA,
                         "party '%s' in 'order' is an observer; only veto parties propose", item->value);
          ok = FALSE;
        }
      else if (used[p])
        {
          error_at_node (ld, item, RL_ERROR_SCHEMA, "party '%s' appears twice in 'order'", item->value);
          ok = FALSE;
        }
      else
        {
          used[p] = TRUE;
          order[e] = (guint) p;
        }
    }
  if (ok)
    {
      g_free (sc->order);
      sc->order = g_steal_pointer (&order);
      sc->n_order = node->n_children;
      sc->order_given = TRUE;
    }
}

void
rl_loader_simulation (RlLoader *ld, const RlYamlNode *node, const RlYamlNode *root)
{
  RlScenario *sc = ld->sc;
  const RlYamlNode *f[N_S];
  const RlYamlNode *protocol_node = NULL;

  if (node != NULL && rl_loader_fields (ld, node, "'simulation'", sim_keys, N_S, f))
    {
      sc->has_simulation = TRUE;
      if (f[S_PROTOCOL])
        {
          protocol_node = f[S_PROTOCOL];
          if (f[S_PROTOCOL]->kind == RL_YAML_SCALAR && strcmp (f[S_PROTOCOL]->value, "alternating") == 0)
            sc->protocol = RL_PROTOCOL_ALTERNATING;
          else if (f[S_PROTOCOL]->kind == RL_YAML_SCALAR && strcmp (f[S_PROTOCOL]->value, "mediator") == 0)
            sc->protocol = RL_PROTOCOL_MEDIATOR;
          else
            error_at_node (ld, f[S_PROTOCOL], RL_ERROR_SCHEMA,
                           "unknown protocol%s%.40s%s (use alternating or mediator)",
                           f[S_PROTOCOL]->kind == RL_YAML_SCALAR ? " '" : "",
                           f[S_PROTOCOL]->kind == RL_YAML_SCALAR ? f[S_PROTOCOL]->value : "",
                           f[S_PROTOCOL]->kind == RL_YAML_SCALAR ? "'" : "");
        }
      if (f[S_ROUNDS])
        rl_loader_whole (ld, f[S_ROUNDS], "'rounds'", 1, RL_MAX_ROUNDS, &sc->rounds);
      if (f[S_HORIZON])
        rl_loader_whole (ld, f[S_HORIZON], "'horizon'", 0, RL_MAX_HORIZON, &sc->horizon);
      if (f[S_NOISE])
        rl_loader_number_in (ld, f[S_NOISE], "'noise'", 0, 10, &sc->noise);
      if (f[S_REACH])
        rl_loader_whole (ld, f[S_REACH], "'mediator_reach'", 1, 2, &sc->mediator_reach);
      if (f[S_ORDER])
        load_order (ld, f[S_ORDER]);
    }
  /* A status_quo that is present but wrong has its own errors already. */
  gboolean has_status_quo = sc->status_quo != NULL;
  for (guint c = 0; root != NULL && root->kind == RL_YAML_MAPPING && c + 1 < root->n_children; c += 2)
    if (root->children[c]->kind == RL_YAML_SCALAR && strcmp (root->children[c]->value, "status_quo") == 0)
      has_status_quo = TRUE;
  if (sc->protocol == RL_PROTOCOL_MEDIATOR && !has_status_quo && protocol_node != NULL)
    error_at_node (ld, protocol_node, RL_ERROR_SCHEMA,
                   "the mediator protocol starts from 'status_quo', which this scenario lacks");
}

void
rl_loader_status_quo_batnas (RlLoader *ld, gboolean has_status_quo)
{
  RlScenario *sc = ld->sc;
  for (guint p = 0; p < sc->n_parties && !has_status_quo; p++)
    if (sc->parties[p].batna_from_status_quo)
      rl_loader_error_at (ld, sc->parties[p].batna_pos.line, sc->parties[p].batna_pos.col,
                          RL_ERROR_SCHEMA,
                          "the 'batna' of party '%s' is taken from 'status_quo', which this "
                          "scenario lacks", sc->parties[p].id);
}
