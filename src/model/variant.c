/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * variant.c: variant files (scenario.md section 7): a file with `extends`
 * names a base scenario and lists `changes` to it. Here the variant's own
 * keys are checked, its `changes` are read from the YAML into what-if
 * changes (whatif.c shapes and applies them, with errors at the file's
 * line:col), the base is found relative to the variant, cycles and over-long
 * chains are refused, and the base is loaded and changed. The lineage of a
 * scenario (the files it comes from) is recorded here too.
 *
 * The one circle in the model is inherent and lives here: the loader
 * (load.c) calls rl_loader_variant() for a file with `extends`, which
 * loads the base with rl_loader_load_file(), which may be a variant again.
 * RlLoadChain bounds the recursion (RL_MAX_EXTENDS, cycles refused).
 */
#include "model/load-private.h"

#include <stdlib.h>
#include <string.h>

#include <redline/error.h>
#include "model/whatif-private.h"

/* Variants of variants: a chain longer than this is refused (a cycle is
 * caught long before). */
#define RL_MAX_EXTENDS 64
#define CHAIN_TOO_LONG "the 'extends' chain from this file is longer than %d files"

/* Whether @error is only CHAIN_TOO_LONG, said of one file. */
static gboolean
chain_too_long (const GError *error)
{
  g_autofree char *needle = g_strdup_printf (": error: " CHAIN_TOO_LONG, RL_MAX_EXTENDS);
  const char *at = strstr (error->message, needle);
  return at != NULL && strchr (error->message, '\n') == NULL;
}

/* ---- Lineage: which files a scenario comes from --------------------------------------------- */

static void
lineage_clear (gpointer data)
{
  g_free (((RlLineage *) data)->path);
}

void
rl_scenario_push_lineage (RlScenario *sc, const char *file, const char *canonical)
{
  /* The variant comes before the bases it was built from, which its
   * copy of the base brought along. */
  g_ptr_array_insert (sc->loaded_files, 0, g_strdup (file));
  if (sc->lineage == NULL)
    {
      sc->lineage = g_array_new (FALSE, TRUE, sizeof (RlLineage));
      g_array_set_clear_func (sc->lineage, lineage_clear);
    }
  RlLineage l = { g_strdup (canonical), sc->changes->len - 1 };
  g_array_append_val (sc->lineage, l);
}

char **
rl_scenario_dup_changes_since (const RlScenario *sc, const RlScenario *base)
{
  g_return_val_if_fail (sc != NULL && base != NULL, NULL);
  if (base->lineage == NULL || base->lineage->len == 0 || sc->lineage == NULL)
    return NULL;
  const RlLineage *own = &g_array_index (base->lineage, RlLineage, base->lineage->len - 1);
  if (own->path == NULL)
    return NULL;
  gboolean found = FALSE;
  for (guint k = 0; k < sc->lineage->len && !found; k++)
    {
      const char *path = g_array_index (sc->lineage, RlLineage, k).path;
      found = path != NULL && strcmp (path, own->path) == 0;
    }
  guint n_base = base->changes->len - 1, n_sc = sc->changes->len - 1;
  if (!found || n_base > n_sc)
    return NULL;
  for (guint k = 0; k < n_base; k++)
    if (strcmp (g_ptr_array_index (base->changes, k), g_ptr_array_index (sc->changes, k)) != 0)
      return NULL;
  char **out = g_new0 (char *, n_sc - n_base + 1);
  for (guint k = n_base; k < n_sc; k++)
    out[k - n_base] = g_strdup (g_ptr_array_index (sc->changes, k));
  return out;
}

/* ---- Variant files --------------------------------------------------------------------------- */

void
rl_load_chain_init (RlLoadChain *link, const char *file, const RlLoadChain *parent)
{
  link->file = file;
  link->canonical = realpath (file, NULL);
  link->parent = parent;
  link->depth = parent ? parent->depth + 1 : 1;
}

void
rl_load_chain_clear (RlLoadChain *link)
{
  free (link->canonical);
  link->canonical = NULL;
}

/* The base's name as messages give it: relative to the variant's
 * directory, as the user would type it from where they are. */
static char *
resolve_base (const char *variant, const char *extends)
{
  if (g_path_is_absolute (extends))
    return g_strdup (extends);
  g_autofree char *dir = g_path_get_dirname (variant);
  if (strcmp (dir, ".") == 0)
    return g_strdup (extends);
  return g_build_filename (dir, extends, NULL);
}

/* "top.yaml -> a.yaml -> b.yaml -> a.yaml" */
static char *
describe_cycle (const RlLoadChain *chain, const char *base)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  for (const RlLoadChain *l = chain; l; l = l->parent)
    g_ptr_array_insert (names, 0, (gpointer) l->file);
  GString *s = g_string_new (NULL);
  for (guint k = 0; k < names->len; k++)
    g_string_append_printf (s, "%s -> ", (const char *) g_ptr_array_index (names, k));
  g_string_append (s, base);
  return g_string_free (s, FALSE);
}

/* Errors of the changes go to the variant file's loader. */
static void
loader_error (gpointer data, guint line, guint col, int code, const char *message)
{
  rl_loader_error_at (data, line, col, code, "%s", message);
}

static const char *const change_keys[] = {
  "relax", "set", "require", "fix", "exclude", "without", "note",
};

/* One scalar of a file change, as a part. */
static gboolean
file_part (RlLoader *ld, const RlYamlNode *node, const char *what, RlChangePart *out)
{
  char *text = rl_loader_text (ld, node, what);
  if (text == NULL)
    return FALSE;
  *out = (RlChangePart){ text, node, 0 };
  return TRUE;
}

/* A value that may be one scalar or a list of them: calls back with each. */
static void
file_each_scalar (RlLoader *ld, const RlYamlNode *value, const char *what,
                  void (*each) (RlLoader *, RlChanges *, RlChangeKind, const RlYamlNode *,
                                const char *),
                  RlChanges *list, RlChangeKind kind, const char *note)
{
  if (value->kind == RL_YAML_SEQUENCE)
    {
      if (value->n_children == 0)
        rl_loader_error_at (ld, value->line, value->col, RL_ERROR_SCHEMA, "%s is an empty list", what);
      for (guint e = 0; e < value->n_children; e++)
        each (ld, list, kind, value->children[e], note);
    }
  else
    each (ld, list, kind, value, note);
}

/* relax, require, without: one scalar. */
static void
file_simple (RlLoader *ld, RlChanges *list, RlChangeKind kind, const RlYamlNode *node,
             const char *note)
{
  g_autofree char *what = g_strdup_printf ("'%s'", rl_change_kind_name (kind));
  if (node->kind != RL_YAML_SCALAR)
    {
      rl_loader_error_at (ld, node->line, node->col, RL_ERROR_SCHEMA,
                          "expected %s for %s, found %s",
                          kind == RL_CHANGE_REQUIRE ? "a rule (quote it)"
                          : kind == RL_CHANGE_RELAX ? "PARTY/RED_LINE" : "a party id",
                          what, rl_yaml_node_describe (node));
      return;
    }
  RlChangePart whole;
  if (!file_part (ld, node, what, &whole))
    return;
  rl_changes_add_file_value (list, kind, node, note, whole, loader_error, ld);
}

/* set, fix, exclude: a mapping KEY: VALUE, one change per pair. */
static void
file_pairs (RlLoader *ld, RlChanges *list, RlChangeKind kind, const RlYamlNode *value,
            const char *note)
{
  static const char *const forms[] = {
    [RL_CHANGE_SET] = "a mapping PATH: VALUE", [RL_CHANGE_FIX] = "a mapping ISSUE: OPTION",
    [RL_CHANGE_EXCLUDE] = "a mapping ISSUE: OPTION or ISSUE: [OPTIONS]",
  };
  if (value->kind != RL_YAML_MAPPING || value->n_children == 0)
    {
      rl_loader_error_at (ld, value->line, value->col, RL_ERROR_SCHEMA, "expected %s for '%s', found %s",
                          forms[kind], rl_change_kind_name (kind),
                          value->kind == RL_YAML_MAPPING ? "an empty mapping" : rl_yaml_node_describe (value));
      return;
    }
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint k = 0; k + 1 < value->n_children; k += 2)
    {
      const RlYamlNode *key = value->children[k], *val = value->children[k + 1];
      RlChangePart target = { 0 }, name = { 0 };
      g_autoptr (GArray) items = NULL;
      gboolean ok = file_part (ld, key, "a key", &target);
      if (ok && g_hash_table_contains (seen, key->value))
        {
          rl_loader_error_at (ld, key->line, key->col, RL_ERROR_SCHEMA, "duplicate key '%s' in '%s'",
                              key->value, rl_change_kind_name (kind));
          ok = FALSE;
        }
      else if (ok)
        g_hash_table_add (seen, key->value);
      if (ok && val->kind == RL_YAML_SEQUENCE && kind != RL_CHANGE_FIX)
        {
          name = (RlChangePart){ g_strdup (""), val, 0 };
          if (val->n_children == 0)
            {
              rl_loader_error_at (ld, val->line, val->col, RL_ERROR_SCHEMA, "'%s' of '%s' is an empty list",
                                  key->value, rl_change_kind_name (kind));
              ok = FALSE;
            }
          items = rl_change_parts_new ();
          for (guint e = 0; ok && e < val->n_children; e++)
            {
              RlChangePart item;
              if (!file_part (ld, val->children[e], "an item", &item))
                ok = FALSE;
              else
                g_array_append_val (items, item);
            }
        }
      else if (ok && val->kind == RL_YAML_SEQUENCE)
        {
          rl_loader_error_at (ld, val->line, val->col, RL_ERROR_SCHEMA,
                              "'fix' pins issue '%s' to one option, not a list (use 'exclude' "
                              "to forbid several)", key->value);
          ok = FALSE;
        }
      else if (ok)
        ok = file_part (ld, val, kind == RL_CHANGE_SET ? "the value" : "an option", &name);
      if (ok)
        rl_changes_add_file_pair (list, kind, key, note, target, name, g_steal_pointer (&items),
                                  loader_error, ld);
      else
        {
          rl_change_part_clear (&target);
          rl_change_part_clear (&name);
        }
    }
}

/* The `changes` list of a variant file, cut into changes; errors of shape
 * go to the loader. */
static RlChanges *
file_changes (RlLoader *ld, const RlYamlNode *node)
{
  RlChanges *list = rl_changes_new ();
  if (node == NULL)
    return list;
  if (node->kind != RL_YAML_SEQUENCE)
    {
      rl_loader_error_at (ld, node->line, node->col, RL_ERROR_SCHEMA,
                          "expected a list of changes for 'changes', found %s",
                          rl_yaml_node_describe (node));
      return list;
    }
  for (guint e = 0; e < node->n_children; e++)
    {
      const RlYamlNode *item = node->children[e];
      if (item->kind != RL_YAML_MAPPING)
        {
          rl_loader_error_at (ld, item->line, item->col, RL_ERROR_SCHEMA,
                              "a change is a mapping with one of relax, set, require, fix, "
                              "exclude or without, found %s", rl_yaml_node_describe (item));
          continue;
        }
      const RlYamlNode *f[G_N_ELEMENTS (change_keys)];
      rl_loader_fields (ld, item, "a change", change_keys, G_N_ELEMENTS (change_keys), f);
      g_autofree char *note = f[6] ? rl_loader_text (ld, f[6], "'note'") : NULL;
      int kind = -1;
      for (guint k = 0; k < RL_N_CHANGE_KINDS; k++)
        {
          if (f[k] == NULL)
            continue;
          if (kind >= 0)
            {
              /* Point at the second kind's key. */
              for (guint c = 0; c + 1 < item->n_children; c += 2)
                if (item->children[c + 1] == f[k])
                  rl_loader_error_at (ld, item->children[c]->line, item->children[c]->col,
                                      RL_ERROR_SCHEMA,
                                      "a change has one kind; write '%s' as an item of its own "
                                      "('- %s: ...')", rl_change_kind_name ((RlChangeKind) k),
                                      rl_change_kind_name ((RlChangeKind) k));
              continue;
            }
          kind = (int) k;
        }
      if (kind < 0)
        {
          /* An unknown key, reported already, is most likely the kind misspelt. */
          guint n_known = 0;
          for (guint k = 0; k < G_N_ELEMENTS (change_keys); k++)
            n_known += f[k] != NULL;
          if (n_known * 2 == item->n_children)
            rl_loader_error_at (ld, item->line, item->col, RL_ERROR_SCHEMA,
                                "a change needs one of relax, set, require, fix, exclude or without");
          continue;
        }
      const RlYamlNode *value = f[kind];
      g_autofree char *what = g_strdup_printf ("'%s'", rl_change_kind_name ((RlChangeKind) kind));
      if (kind == RL_CHANGE_SET || kind == RL_CHANGE_FIX || kind == RL_CHANGE_EXCLUDE)
        file_pairs (ld, list, (RlChangeKind) kind, value, note);
      else
        file_each_scalar (ld, value, what, file_simple, list, (RlChangeKind) kind, note);
    }
  return list;
}

static const char *const variant_keys[] = {
  "redline", "extends", "changes", "title", "description", "date", "sources",
};

void
rl_loader_variant (RlLoader *ld, const RlYamlNode *root, const RlYamlNode *extends,
                   const RlYamlNode *changes)
{
  /* What a variant holds (scenario.md section 7); the rest is its base's. */
  const RlYamlNode *changes_key = NULL;
  for (guint c = 0; c + 1 < root->n_children; c += 2)
    {
      const RlYamlNode *key = root->children[c];
      if (key->kind != RL_YAML_SCALAR)
        continue;
      if (root->children[c + 1] == changes && changes)
        changes_key = key;
      gboolean allowed = FALSE;
      for (guint k = 0; k < G_N_ELEMENTS (variant_keys); k++)
        allowed = allowed || strcmp (key->value, variant_keys[k]) == 0;
      if (!allowed && extends != NULL && strcmp (key->value, "extends") != 0)
        {
          gboolean known = strcmp (key->value, "issues") == 0 || strcmp (key->value, "constraints") == 0
                           || strcmp (key->value, "status_quo") == 0
                           || strcmp (key->value, "parties") == 0
                           || strcmp (key->value, "simulation") == 0;
          if (known)
            rl_loader_error_at (ld, key->line, key->col, RL_ERROR_SCHEMA,
                                "'%s' cannot be in a variant: a file with 'extends' holds only "
                                "redline, extends, changes, title, description, date and sources "
                                "(change the base with 'changes')", key->value);
        }
    }
  if (extends == NULL)
    {
      const RlYamlNode *at = changes_key ? changes_key : changes;
      rl_loader_error_at (ld, at->line, at->col, RL_ERROR_SCHEMA,
                          "'changes' needs 'extends': a variant names the base scenario it changes");
      return;
    }

  g_autoptr (RlChanges) list = file_changes (ld, changes);

  g_autofree char *extends_text = rl_loader_text (ld, extends, "'extends'");
  if (extends_text == NULL)
    return;
  if (extends_text[0] == '\0')
    {
      rl_loader_error_at (ld, extends->line, extends->col, RL_ERROR_SCHEMA,
                          "'extends' is empty; name the base scenario's file");
      return;
    }
  if (ld->chain == NULL)
    {
      rl_loader_error_at (ld, extends->line, extends->col, RL_ERROR_SCHEMA,
                          "a variant can only be loaded from a file: its base '%s' is found "
                          "relative to it", extends_text);
      return;
    }
  if (ld->chain->depth >= RL_MAX_EXTENDS)
    {
      rl_loader_error_at (ld, extends->line, extends->col, RL_ERROR_LIMIT,
                          CHAIN_TOO_LONG, RL_MAX_EXTENDS);
      return;
    }
  g_autofree char *base_file = resolve_base (ld->file, extends_text);
  char *canonical = realpath (base_file, NULL);
  for (const RlLoadChain *l = ld->chain; canonical && l; l = l->parent)
    if (l->canonical && strcmp (l->canonical, canonical) == 0)
      {
        g_autofree char *cycle = describe_cycle (ld->chain, base_file);
        rl_loader_error_at (ld, extends->line, extends->col, RL_ERROR_SCHEMA,
                            "'extends' makes a cycle: %s", cycle);
        free (canonical);
        return;
      }
  free (canonical);

  g_autoptr (GError) error = NULL;
  g_autoptr (RlScenario) base = rl_loader_load_file (base_file, ld->chain, &error);
  if (base == NULL)
    {
      if (error->domain == RL_ERROR && error->code == RL_ERROR_IO)
        {
          /* "PATH: error: cannot read the file: REASON" -> REASON. */
          g_autofree char *prefix = g_strdup_printf ("%s: error: ", base_file);
          const char *why = g_str_has_prefix (error->message, prefix)
                                ? error->message + strlen (prefix) : error->message;
          if (g_str_has_prefix (why, "cannot read the file: "))
            why += strlen ("cannot read the file: ");
          /* A missing base is an invalid variant (exit 1, cli.md). */
          rl_loader_error_at (ld, extends->line, extends->col, RL_ERROR_SCHEMA,
                              "cannot read the base scenario '%s': %s", base_file, why);
        }
      else if (g_error_matches (error, RL_ERROR, RL_ERROR_LIMIT) && chain_too_long (error))
        /* No file of the chain is wrong alone: the file given is the one
         * whose chain is too long, so the error is said there, once,
         * not as "has errors" through 64 bases that have none. */
        rl_loader_error_at (ld, extends->line, extends->col, RL_ERROR_LIMIT,
                            CHAIN_TOO_LONG, RL_MAX_EXTENDS);
      else
        rl_loader_error_at (ld, extends->line, extends->col,
                            error->domain == RL_ERROR ? error->code : RL_ERROR_SCHEMA,
                            "the base scenario '%s' has errors:\n%s", base_file, error->message);
      return;
    }

  RlScenario *sc = rl_changes_apply_from_file (base, list, loader_error, ld);
  g_free (sc->file);
  sc->file = g_strdup (ld->file);
  rl_scenario_unref (ld->sc);
  ld->sc = sc;
}
