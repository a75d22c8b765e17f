/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * load.c: builds an RlScenario from a YAML tree and checks every rule of
 * scenario.md sections 2-4 (and the additions of simulate.md).
 *
 * The loader never stops at the first problem: every function records what
 * is wrong with its part of the file and carries on with what it could
 * read, so the user sees all the errors of a file in one run. Errors are
 * sorted by position before they are reported.
 *
 * A file with `extends` is a variant: load_document() hands it to
 * rl_loader_variant() (variant.c), which loads its base through
 * rl_loader_load_file() here, and the base may be a variant again. That
 * recursion is the one circle in the model, and it is inherent: a variant
 * file is a base file changed. RlLoadChain bounds it.
 */
#include "model/load-private.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include <redline/error.h>
#include <redline/suggest.h>
#include "model/yaml-tree.h"

static const char *const rule_keywords[] = {
  "and", "or", "not", "in", "implies", "iff", "true", "false",
};

/* ---- diagnostics ------------------------------------------------------------ */

typedef struct {
  guint line, col, seq;
  char *message;
} Diag;

static void
diag_clear (gpointer data)
{
  g_free (((Diag *) data)->message);
}

void
rl_loader_init (RlLoader *ld, const char *file)
{
  memset (ld, 0, sizeof *ld);
  ld->file = file;
  ld->diags = g_array_new (FALSE, TRUE, sizeof (Diag));
  g_array_set_clear_func (ld->diags, diag_clear);
  ld->code = RL_ERROR_SCHEMA;
}

void
rl_loader_clear (RlLoader *ld)
{
  g_clear_pointer (&ld->diags, g_array_unref);
}

void
rl_loader_error_at (RlLoader *ld, guint line, guint col, int code, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  Diag d = { line, col, ld->diags->len, g_strdup_vprintf (fmt, ap) };
  va_end (ap);
  g_array_append_val (ld->diags, d);
  /* One exit status covers them all; a limit is the most telling kind. */
  if (code == RL_ERROR_LIMIT || (code == RL_ERROR_SYNTAX && ld->code != RL_ERROR_LIMIT))
    ld->code = code;
}

#define error_at_node(ld, node, code, ...) \
  rl_loader_error_at ((ld), (node)->line, (node)->col, (code), __VA_ARGS__)

static int
diag_compare (gconstpointer a, gconstpointer b)
{
  const Diag *x = a, *y = b;
  if (x->line != y->line)
    return x->line < y->line ? -1 : 1;
  if (x->col != y->col)
    return x->col < y->col ? -1 : 1;
  return x->seq < y->seq ? -1 : (x->seq > y->seq);
}

gboolean
rl_loader_has_errors (const RlLoader *ld)
{
  return ld->diags->len > 0;
}

void
rl_loader_propagate (RlLoader *ld, GError **error)
{
  g_array_sort (ld->diags, diag_compare);
  GString *text = g_string_new (NULL);
  for (guint i = 0; i < ld->diags->len; i++)
    {
      const Diag *d = &g_array_index (ld->diags, Diag, i);
      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, "%s:%u:%u: error: %s", ld->file, d->line, d->col, d->message);
    }
  g_set_error_literal (error, RL_ERROR, ld->code, text->str);
  g_string_free (text, TRUE);
}

/* ---- scalars -------------------------------------------------------------------- */

/* What a message calls the value under a key: "'batna' of party 'usa'". */
typedef const char *Ctx;

static gboolean
expect_kind (RlLoader *ld, const RlYamlNode *node, RlYamlKind kind, const char *what)
{
  if (node->kind == kind)
    return TRUE;
  error_at_node (ld, node, RL_ERROR_SCHEMA, "expected %s for %s, found %s",
                 rl_yaml_kind_name (kind), what, rl_yaml_node_describe (node));
  return FALSE;
}

/* Text fields take any scalar as text (scenario.md section 2). */
char *
rl_loader_text (RlLoader *ld, const RlYamlNode *node, const char *what)
{
  if (!expect_kind (ld, node, RL_YAML_SCALAR, what))
    return NULL;
  if (strlen (node->value) != node->len || !g_utf8_validate (node->value, (gssize) node->len, NULL))
    {
      error_at_node (ld, node, RL_ERROR_SCHEMA, "%s holds a NUL byte or invalid UTF-8", what);
      return NULL;
    }
  return g_strndup (node->value, node->len);
}

gboolean
rl_loader_number (RlLoader *ld, const RlYamlNode *node, const char *what, double *out)
{
  if (!expect_kind (ld, node, RL_YAML_SCALAR, what))
    return FALSE;
  if (!rl_json_number_syntax (node->value, node->len))
    {
      g_autofree char *shown = g_utf8_make_valid (node->value, (gssize) MIN (node->len, 40));
      error_at_node (ld, node, RL_ERROR_SCHEMA,
                     "invalid number '%s' for %s (write numbers like 0.25, 3, -1 or 1e-3)",
                     shown, what);
      return FALSE;
    }
  double value;
  if (!rl_number_representable (node->value, &value))
    {
      error_at_node (ld, node, RL_ERROR_SCHEMA, "number '%.40s' for %s is out of range",
                     node->value, what);
      return FALSE;
    }
  *out = value;
  return TRUE;
}

/* A number within [lo, hi]; the message says which bound was crossed. */
gboolean
rl_loader_number_in (RlLoader *ld, const RlYamlNode *node, const char *what,
                     double lo, double hi, double *out)
{
  double value;
  if (!rl_loader_number (ld, node, what, &value))
    return FALSE;
  if (value < lo || value > hi)
    {
      if (isinf (hi))
        error_at_node (ld, node, RL_ERROR_SCHEMA, "%s must be %g or more, not %.40s", what, lo, node->value);
      else
        error_at_node (ld, node, RL_ERROR_SCHEMA, "%s must be between %g and %g, not %.40s",
                       what, lo, hi, node->value);
      return FALSE;
    }
  *out = value;
  return TRUE;
}

gboolean
rl_loader_whole (RlLoader *ld, const RlYamlNode *node, const char *what,
                 guint lo, guint hi, guint *out)
{
  double value;
  if (!rl_loader_number (ld, node, what, &value))
    return FALSE;
  if (value != floor (value) || value < lo || value > hi)
    {
      error_at_node (ld, node, RL_ERROR_SCHEMA, "%s must be a whole number from %u to %u, not %.40s",
                     what, lo, hi, node->value);
      return FALSE;
    }
  *out = (guint) value;
  return TRUE;
}

gboolean
rl_loader_boolean (RlLoader *ld, const RlYamlNode *node, const char *what, gboolean *out)
{
  if (!expect_kind (ld, node, RL_YAML_SCALAR, what))
    return FALSE;
  if (strcmp (node->value, "true") == 0 || strcmp (node->value, "yes") == 0)
    *out = TRUE;
  else if (strcmp (node->value, "false") == 0 || strcmp (node->value, "no") == 0)
    *out = FALSE;
  else
    {
      g_autofree char *shown = g_utf8_make_valid (node->value, (gssize) MIN (node->len, 40));
      error_at_node (ld, node, RL_ERROR_SCHEMA,
                     "invalid boolean '%s' for %s (use true, false, yes or no, lower case)",
                     shown, what);
      return FALSE;
    }
  return TRUE;
}

static gboolean
matches_identifier (const char *s, gsize len, gboolean letter_first)
{
  if (len == 0 || strlen (s) != len)
    return FALSE;
  if (letter_first && !g_ascii_isalpha (s[0]))
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (s[i]) && s[i] != '_')
      return FALSE;
  return TRUE;
}

/* ---- mappings ----------------------------------------------------------------- */

/* Walks a mapping with a fixed set of keys: unknown keys (with a hint) and
 * duplicates are reported, each known key's value lands in @found at the
 * key's position in @known. Returns FALSE when @node is not a mapping. */
gboolean
rl_loader_fields (RlLoader *ld, const RlYamlNode *node, const char *what,
                  const char *const *known, guint n_known, const RlYamlNode **found)
{
  memset (found, 0, n_known * sizeof *found);
  if (!expect_kind (ld, node, RL_YAML_MAPPING, what))
    return FALSE;
  for (guint c = 0; c + 1 < node->n_children; c += 2)
    {
      const RlYamlNode *key = node->children[c];
      const RlYamlNode *value = node->children[c + 1];
      if (key->kind != RL_YAML_SCALAR)
        {
          error_at_node (ld, key, RL_ERROR_SCHEMA, "keys in %s must be text, found %s",
                         what, rl_yaml_kind_name (key->kind));
          continue;
        }
      guint k;
      for (k = 0; k < n_known; k++)
        if (strcmp (key->value, known[k]) == 0)
          break;
      if (k == n_known)
        {
          g_autofree char *hint = rl_suggest_hint (key->value, key->len, known, n_known);
          g_autofree char *shown = g_utf8_make_valid (key->value, (gssize) MIN (key->len, 80));
          error_at_node (ld, key, RL_ERROR_SCHEMA, "unknown key '%s' in %s%s", shown, what, hint);
          continue;
        }
      if (found[k] != NULL)
        {
          error_at_node (ld, key, RL_ERROR_SCHEMA, "duplicate key '%s' in %s", key->value, what);
          continue;
        }
      found[k] = value;
    }
  return TRUE;
}

void
rl_loader_require (RlLoader *ld, const RlYamlNode *map, const char *what,
                   const char *key, const RlYamlNode *found)
{
  if (found == NULL)
    error_at_node (ld, map, RL_ERROR_SCHEMA, "missing required key '%s' in %s", key, what);
}

/* For mappings whose keys are names (issues, parties, weights...): reports
 * non-text and duplicate keys; @seen remembers the names. Returns whether
 * the pair at @c should be used. */
static gboolean
name_key_ok (RlLoader *ld, const RlYamlNode *key, const char *what, GHashTable *seen)
{
  if (key->kind != RL_YAML_SCALAR)
    {
      error_at_node (ld, key, RL_ERROR_SCHEMA, "keys in %s must be text, found %s",
                     what, rl_yaml_kind_name (key->kind));
      return FALSE;
    }
  if (g_hash_table_contains (seen, key->value))
    {
      error_at_node (ld, key, RL_ERROR_SCHEMA, "duplicate key '%s' in %s", key->value, what);
      return FALSE;
    }
  g_hash_table_add (seen, key->value);
  return TRUE;
}

/* ---- rules ------------------------------------------------------------------------ */

RlRule *
rl_loader_rule (RlLoader *ld, const RlYamlNode *node, const char *what, char **text_out)
{
  if (node->kind == RL_YAML_SCALAR && node->tag != NULL && node->tag[0] == '!'
      && node->style == RL_YAML_PLAIN)
    {
      error_at_node (ld, node, RL_ERROR_SCHEMA,
                     "%s is not a string: YAML read '%s' as a tag; put the rule in quotes",
                     what, node->tag);
      return NULL;
    }
  if (node->kind != RL_YAML_SCALAR)
    {
      error_at_node (ld, node, RL_ERROR_SCHEMA,
                     "%s must be a string, but YAML read %s; put the rule in quotes",
                     what, rl_yaml_kind_name (node->kind));
      return NULL;
    }
  g_autofree char *text = rl_loader_text (ld, node, what);
  if (text == NULL)
    return NULL;
  guint offset = 0;
  g_autoptr (GError) error = NULL;
  RlRule *rule = rl_rule_compile (text, ld->sc->issue_info, ld->sc->n_issues, &offset, &error);
  if (rule == NULL)
    {
      guint line, col;
      rl_yaml_scalar_position (node, offset, &line, &col);
      rl_loader_error_at (ld, line, col, error->code, "%s", error->message);
      return NULL;
    }
  if (text_out)
    *text_out = g_steal_pointer (&text);
  return rule;
}

/* A list of named rules: constraints or a party's red lines. */
void
rl_loader_rule_list (RlLoader *ld, const RlYamlNode *node, const char *what,
                gboolean red_lines, GArray *out)
{
  static const char *const keys[] = { "id", "rule", "note", "source", "public" };
  guint n_keys = red_lines ? 5 : 4;

  if (!expect_kind (ld, node, RL_YAML_SEQUENCE, what))
    return;
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint e = 0; e < node->n_children; e++)
    {
      const RlYamlNode *item = node->children[e];
      if (e == RL_MAX_RULES)
        {
          error_at_node (ld, item, RL_ERROR_LIMIT, "%s holds more than %d rules", what, RL_MAX_RULES);
          break;
        }
      g_autofree char *item_what = g_strdup_printf ("a rule of %s", what);
      const RlYamlNode *f[5];
      if (!rl_loader_fields (ld, item, item_what, keys, n_keys, f))
        continue;
      rl_loader_require (ld, item, item_what, "id", f[0]);
      rl_loader_require (ld, item, item_what, "rule", f[1]);
      RlNamedRule r = { .is_public = TRUE, .pos = { item->line, item->col } };
      if (f[0] != NULL && (r.id = rl_loader_text (ld, f[0], "'id'")) != NULL)
        {
          gboolean ok = r.id[0] != '\0';
          for (const char *s = r.id; *s; s++)
            ok = ok && (g_ascii_isalnum (*s) || *s == '_' || *s == '-');
          if (!ok)
            error_at_node (ld, f[0], RL_ERROR_SCHEMA,
                           "invalid rule id '%s' (use letters, digits, '_' and '-')", r.id);
          else if (strcmp (r.id, "batna") == 0)
            error_at_node (ld, f[0], RL_ERROR_SCHEMA,
                           "'batna' is reserved (it names a party's walk-away point) and cannot be a rule id");
          else if (g_hash_table_contains (seen, r.id))
            error_at_node (ld, f[0], RL_ERROR_SCHEMA, "duplicate rule id '%s' in %s", r.id, what);
          else
            g_hash_table_add (seen, r.id);
        }
      if (f[1] != NULL)
        {
          g_autofree char *rule_what = r.id ? g_strdup_printf ("rule '%s'", r.id) : g_strdup ("the rule");
          r.rule = rl_loader_rule (ld, f[1], rule_what, &r.text);
        }
      if (f[2] != NULL)
        r.note = rl_loader_text (ld, f[2], "'note'");
      if (f[3] != NULL)
        r.source = rl_loader_text (ld, f[3], "'source'");
      if (n_keys > 4 && f[4] != NULL)
        rl_loader_boolean (ld, f[4], "'public'", &r.is_public);
      g_array_append_val (out, r);
    }
}

/* ---- issues ------------------------------------------------------------------------- */

static gboolean
is_rule_keyword (const char *s)
{
  for (guint k = 0; k < G_N_ELEMENTS (rule_keywords); k++)
    if (strcmp (s, rule_keywords[k]) == 0)
      return TRUE;
  return FALSE;
}

static void
load_option (RlLoader *ld, const RlYamlNode *item, RlIssue *issue, GHashTable *seen, GArray *out)
{
  static const char *const keys[] = { "id", "label", "description" };
  RlOption opt = { .pos = { item->line, item->col } };
  const RlYamlNode *id_node = item;
  g_autofree char *what = g_strdup_printf ("an option of issue '%s'", issue->id);

  if (item->kind == RL_YAML_MAPPING)
    {
      const RlYamlNode *f[3];
      rl_loader_fields (ld, item, what, keys, 3, f);
      rl_loader_require (ld, item, what, "id", f[0]);
      if (f[0] == NULL)
        return;
      id_node = f[0];
      if (f[1])
        opt.label = rl_loader_text (ld, f[1], "'label'");
      if (f[2])
        opt.description = rl_loader_text (ld, f[2], "'description'");
    }
  else if (item->kind != RL_YAML_SCALAR)
    {
      error_at_node (ld, item, RL_ERROR_SCHEMA,
                     "expected an option id or a mapping {id, label, description} in issue '%s', found %s",
                     issue->id, rl_yaml_kind_name (item->kind));
      return;
    }
  if (id_node->kind != RL_YAML_SCALAR || !matches_identifier (id_node->value, id_node->len, FALSE))
    {
      g_autofree char *shown = id_node->kind == RL_YAML_SCALAR
                                   ? g_utf8_make_valid (id_node->value, (gssize) MIN (id_node->len, 40))
                                   : g_strdup (rl_yaml_kind_name (id_node->kind));
      error_at_node (ld, id_node, RL_ERROR_SCHEMA,
                     "invalid option id '%s' in issue '%s' (use letters, digits and '_')",
                     shown, issue->id);
      g_free (opt.label);
      g_free (opt.description);
      return;
    }
  if (g_hash_table_contains (seen, id_node->value))
    {
      error_at_node (ld, id_node, RL_ERROR_SCHEMA, "duplicate option '%s' in issue '%s'",
                     id_node->value, issue->id);
      g_free (opt.label);
      g_free (opt.description);
      return;
    }
  g_hash_table_add (seen, id_node->value);
  opt.id = g_strdup (id_node->value);
  if (opt.label == NULL)
    opt.label = g_strdup (opt.id);
  g_array_append_val (out, opt);
}

/* stability.md: `moves: both | forward | backward`. */
static void
load_moves (RlLoader *ld, const RlYamlNode *node, RlIssue *issue)
{
  const char *names[3];
  for (guint m = 0; m < 3; m++)
    names[m] = rl_moves_name ((RlMoves) m);
  if (node->kind == RL_YAML_SCALAR)
    for (guint m = 0; m < 3; m++)
      if (strcmp (node->value, names[m]) == 0)
        {
          issue->moves = (RlMoves) m;
          return;
        }
  if (node->kind != RL_YAML_SCALAR)
    {
      error_at_node (ld, node, RL_ERROR_SCHEMA,
                     "expected both, forward or backward for 'moves' of issue '%s', found %s",
                     issue->id, rl_yaml_node_describe (node));
      return;
    }
  g_autofree char *hint = rl_suggest_hint (node->value, node->len, names, 3);
  g_autofree char *shown = g_utf8_make_valid (node->value, (gssize) MIN (node->len, 40));
  error_at_node (ld, node, RL_ERROR_SCHEMA,
                 "unknown value '%s' for 'moves' of issue '%s' (use both, forward or backward)%s",
                 shown, issue->id, hint);
}

static void
load_issue (RlLoader *ld, const RlYamlNode *key, const RlYamlNode *node, RlIssue *issue)
{
  static const char *const keys[] = { "label", "description", "ordered", "options", "moves" };
  issue->id = g_strdup (key->value);
  issue->pos = (RlPos){ key->line, key->col };
  if (!matches_identifier (key->value, key->len, TRUE))
    error_at_node (ld, key, RL_ERROR_SCHEMA,
                   "invalid issue id '%s' (start with a letter; use letters, digits and '_')",
                   key->value);
  else if (is_rule_keyword (key->value))
    error_at_node (ld, key, RL_ERROR_SCHEMA,
                   "'%s' is a word of the rule language and cannot be an issue id", key->value);

  g_autofree char *what = g_strdup_printf ("issue '%s'", issue->id);
  GArray *options = g_array_new (FALSE, TRUE, sizeof (RlOption));
  const RlYamlNode *f[5];
  if (rl_loader_fields (ld, node, what, keys, 5, f))
    {
      rl_loader_require (ld, node, what, "options", f[3]);
      if (f[0])
        issue->label = rl_loader_text (ld, f[0], "'label'");
      if (f[1])
        issue->description = rl_loader_text (ld, f[1], "'description'");
      if (f[2])
        rl_loader_boolean (ld, f[2], "'ordered'", &issue->ordered);
      if (f[4])
        load_moves (ld, f[4], issue);
      if (f[3] && expect_kind (ld, f[3], RL_YAML_SEQUENCE, "'options'"))
        {
          g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
          if (f[3]->n_children == 0)
            error_at_node (ld, f[3], RL_ERROR_SCHEMA, "issue '%s' needs at least one option", issue->id);
          for (guint e = 0; e < f[3]->n_children; e++)
            {
              if (e == RL_MAX_OPTIONS)
                {
                  error_at_node (ld, f[3]->children[e], RL_ERROR_LIMIT,
                                 "issue '%s' has more than %d options", issue->id, RL_MAX_OPTIONS);
                  break;
                }
              load_option (ld, f[3]->children[e], issue, seen, options);
            }
        }
    }
  if (issue->label == NULL)
    issue->label = g_strdup (issue->id);
  issue->n_options = options->len;
  issue->options = (RlOption *) g_array_free (options, FALSE);
  issue->option_ids = g_new0 (const char *, issue->n_options + 1);
  for (guint k = 0; k < issue->n_options; k++)
    issue->option_ids[k] = issue->options[k].id;
}

static void
load_issues (RlLoader *ld, const RlYamlNode *node)
{
  RlScenario *sc = ld->sc;
  if (!expect_kind (ld, node, RL_YAML_MAPPING, "'issues'"))
    return;
  if (node->n_children == 0)
    error_at_node (ld, node, RL_ERROR_SCHEMA, "'issues' needs at least one issue");
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  sc->issues = g_new0 (RlIssue, MIN (node->n_children / 2, RL_MAX_ISSUES) + 1);
  for (guint c = 0; c + 1 < node->n_children; c += 2)
    {
      const RlYamlNode *key = node->children[c];
      if (!name_key_ok (ld, key, "'issues'", seen))
        continue;
      if (sc->n_issues == RL_MAX_ISSUES)
        {
          error_at_node (ld, key, RL_ERROR_LIMIT, "more than %d issues", RL_MAX_ISSUES);
          break;
        }
      load_issue (ld, key, node->children[c + 1], &sc->issues[sc->n_issues++]);
    }
  sc->issue_info = g_new0 (RlIssueInfo, sc->n_issues + 1);
  for (guint i = 0; i < sc->n_issues; i++)
    sc->issue_info[i] = (RlIssueInfo){
      .id = sc->issues[i].id,
      .ordered = sc->issues[i].ordered,
      .n_options = sc->issues[i].n_options,
      .option_ids = sc->issues[i].option_ids,
    };
}

/* Looks up an issue named by a mapping key, with a hint when unknown. */
int
rl_loader_issue (RlLoader *ld, const RlYamlNode *key, const char *where)
{
  int i = rl_scenario_find_issue (ld->sc, key->value);
  if (i < 0)
    {
      g_autofree char *hint = rl_suggest_hint (key->value, key->len,
                                               (const char *const *) ld->issue_ids->pdata,
                                               ld->issue_ids->len);
      error_at_node (ld, key, RL_ERROR_SCHEMA, "unknown issue '%s' in %s%s", key->value, where, hint);
    }
  return i;
}

int
rl_loader_option (RlLoader *ld, guint i, const RlYamlNode *node)
{
  const RlIssue *issue = &ld->sc->issues[i];
  if (!expect_kind (ld, node, RL_YAML_SCALAR, "an option"))
    return -1;
  int k = rl_scenario_find_option (ld->sc, i, node->value);
  /* An issue left without options has an error of its own; "unknown
   * option" on every use of it would only bury that one. */
  if (k < 0 && issue->n_options > 0)
    {
      g_autofree char *hint = rl_suggest_hint (node->value, node->len, issue->option_ids, issue->n_options);
      g_autofree char *shown = g_utf8_make_valid (node->value, (gssize) MIN (node->len, 40));
      error_at_node (ld, node, RL_ERROR_SCHEMA, "unknown option '%s' of issue '%s'%s",
                     shown, issue->id, hint);
    }
  return k;
}

static void
load_status_quo (RlLoader *ld, const RlYamlNode *node)
{
  RlScenario *sc = ld->sc;
  if (!expect_kind (ld, node, RL_YAML_MAPPING, "'status_quo'"))
    return;
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree guint8 *package = g_new (guint8, sc->n_issues + 1);
  memset (package, RL_UNSET, sc->n_issues + 1);
  gboolean ok = TRUE;
  for (guint c = 0; c + 1 < node->n_children; c += 2)
    {
      const RlYamlNode *key = node->children[c];
      if (!name_key_ok (ld, key, "'status_quo'", seen))
        {
          ok = FALSE;
          continue;
        }
      int i = rl_loader_issue (ld, key, "'status_quo'");
      int k = i < 0 ? -1 : rl_loader_option (ld, (guint) i, node->children[c + 1]);
      if (k < 0)
        ok = FALSE;
      else
        package[i] = (guint8) k;
    }
  for (guint i = 0; i < sc->n_issues; i++)
    if (package[i] == RL_UNSET && !g_hash_table_contains (seen, sc->issues[i].id))
      {
        error_at_node (ld, node, RL_ERROR_SCHEMA,
                       "'status_quo' must name every issue; it lacks '%s'", sc->issues[i].id);
        ok = FALSE;
      }
  if (ok)
    sc->status_quo = g_steal_pointer (&package);
}

static void
load_sources (RlLoader *ld, const RlYamlNode *node)
{
  static const char *const keys[] = { "title", "url", "note" };
  if (!expect_kind (ld, node, RL_YAML_SEQUENCE, "'sources'"))
    return;
  for (guint e = 0; e < node->n_children; e++)
    {
      const RlYamlNode *f[3];
      const RlYamlNode *item = node->children[e];
      if (!rl_loader_fields (ld, item, "a source", keys, 3, f))
        continue;
      rl_loader_require (ld, item, "a source", "title", f[0]);
      RlSource src = { 0 };
      if (f[0])
        src.title = rl_loader_text (ld, f[0], "'title'");
      if (f[1])
        src.url = rl_loader_text (ld, f[1], "'url'");
      if (f[2])
        src.note = rl_loader_text (ld, f[2], "'note'");
      if (src.title == NULL)
        src.title = g_strdup ("");
      g_array_append_val (ld->sc->sources, src);
    }
}

/* ---- the document ----------------------------------------------------------------- */

enum {
  TOP_REDLINE, TOP_TITLE, TOP_DESCRIPTION, TOP_DATE, TOP_SOURCES, TOP_ISSUES,
  TOP_CONSTRAINTS, TOP_STATUS_QUO, TOP_PARTIES, TOP_EXTENDS, TOP_CHANGES,
  TOP_SIMULATION, N_TOP
};

static const char *const top_keys[N_TOP] = {
  "redline", "title", "description", "date", "sources", "issues",
  "constraints", "status_quo", "parties", "extends", "changes", "simulation",
};

static char *
one_line_text (RlLoader *ld, const RlYamlNode *node, const char *what)
{
  char *text = rl_loader_text (ld, node, what);
  if (text == NULL)
    return NULL;
  /* A folded scalar ends in a newline; that is formatting, not content. */
  g_strchomp (text);
  if (strchr (text, '\n') != NULL)
    error_at_node (ld, node, RL_ERROR_SCHEMA, "%s must be one line", what);
  return text;
}

static void
check_version (RlLoader *ld, const RlYamlNode *v)
{
  if (v != NULL && (v->kind != RL_YAML_SCALAR || strcmp (v->value, "1") != 0))
    error_at_node (ld, v, RL_ERROR_SCHEMA, "unsupported format version%s%s%s (only 'redline: 1' exists)",
                   v->kind == RL_YAML_SCALAR ? " '" : "",
                   v->kind == RL_YAML_SCALAR ? v->value : "",
                   v->kind == RL_YAML_SCALAR ? "'" : "");
}

static void
load_document (RlLoader *ld, const RlYamlNode *root)
{
  RlScenario *sc = ld->sc;
  const RlYamlNode *f[N_TOP];

  if (root == NULL)
    {
      rl_loader_error_at (ld, 1, 1, RL_ERROR_SCHEMA,
                          "the file is empty; a scenario needs at least 'redline', 'title', 'issues' and 'parties'");
      return;
    }
  if (root->kind != RL_YAML_MAPPING)
    {
      error_at_node (ld, root, RL_ERROR_SCHEMA,
                     "a scenario is a mapping of keys (redline, title, issues, parties, ...), found %s",
                     rl_yaml_kind_name (root->kind));
      return;
    }
  rl_loader_fields (ld, root, "the scenario", top_keys, N_TOP, f);
  if (f[TOP_EXTENDS] != NULL || f[TOP_CHANGES] != NULL)
    {
      /* A variant: its base, changed; then what the variant says of itself
       * replaces what it inherited (scenario.md section 7). */
      rl_loader_variant (ld, root, f[TOP_EXTENDS], f[TOP_CHANGES]);
      sc = ld->sc;
      rl_loader_require (ld, root, "the scenario", "redline", f[TOP_REDLINE]);
      check_version (ld, f[TOP_REDLINE]);
      if (f[TOP_TITLE])
        {
          g_free (sc->title);
          sc->title = one_line_text (ld, f[TOP_TITLE], "'title'");
        }
      if (f[TOP_DESCRIPTION])
        {
          g_free (sc->description);
          sc->description = rl_loader_text (ld, f[TOP_DESCRIPTION], "'description'");
        }
      if (f[TOP_DATE])
        {
          g_free (sc->date);
          sc->date = rl_loader_text (ld, f[TOP_DATE], "'date'");
        }
      if (f[TOP_SOURCES])
        {
          for (guint k = 0; k < sc->sources->len; k++)
            {
              RlSource *src = &g_array_index (sc->sources, RlSource, k);
              g_free (src->title);
              g_free (src->url);
              g_free (src->note);
            }
          g_array_set_size (sc->sources, 0);
          load_sources (ld, f[TOP_SOURCES]);
        }
      return;
    }
  rl_loader_require (ld, root, "the scenario", "redline", f[TOP_REDLINE]);
  rl_loader_require (ld, root, "the scenario", "title", f[TOP_TITLE]);
  rl_loader_require (ld, root, "the scenario", "issues", f[TOP_ISSUES]);
  rl_loader_require (ld, root, "the scenario", "parties", f[TOP_PARTIES]);

  check_version (ld, f[TOP_REDLINE]);
  if (f[TOP_TITLE])
    sc->title = one_line_text (ld, f[TOP_TITLE], "'title'");
  if (f[TOP_DESCRIPTION])
    sc->description = rl_loader_text (ld, f[TOP_DESCRIPTION], "'description'");
  if (f[TOP_DATE])
    sc->date = rl_loader_text (ld, f[TOP_DATE], "'date'");
  if (f[TOP_SOURCES])
    load_sources (ld, f[TOP_SOURCES]);
  if (f[TOP_ISSUES])
    load_issues (ld, f[TOP_ISSUES]);
  else
    sc->issue_info = g_new0 (RlIssueInfo, 1);
  ld->issue_ids = g_ptr_array_new ();
  for (guint i = 0; i < sc->n_issues; i++)
    g_ptr_array_add (ld->issue_ids, sc->issues[i].id);
  if (f[TOP_CONSTRAINTS])
    rl_loader_rule_list (ld, f[TOP_CONSTRAINTS], "'constraints'", FALSE, sc->constraints);
  if (f[TOP_STATUS_QUO])
    load_status_quo (ld, f[TOP_STATUS_QUO]);
  if (f[TOP_PARTIES])
    rl_loader_parties (ld, f[TOP_PARTIES]);
  rl_loader_simulation (ld, f[TOP_SIMULATION], root);
  rl_loader_status_quo_batnas (ld, f[TOP_STATUS_QUO] != NULL);
  g_clear_pointer (&ld->issue_ids, g_ptr_array_unref);
}

/* @chain: the file's place in an `extends` chain; NULL for data that
 * comes from memory, which cannot extend anything. */
static RlScenario *
load_data (const char *data, gsize len, const char *display_name, const RlLoadChain *chain,
           GError **error)
{
  RlLoader ld;
  rl_loader_init (&ld, display_name);
  ld.chain = chain;
  if (len > RL_MAX_FILE_BYTES)
    {
      rl_loader_error_at (&ld, 1, 1, RL_ERROR_LIMIT, "the file is larger than %d MiB",
                          RL_MAX_FILE_BYTES / (1024 * 1024));
      rl_loader_propagate (&ld, error);
      rl_loader_clear (&ld);
      return NULL;
    }
  guint line = 1, col = 1;
  g_autoptr (GError) yaml_error = NULL;
  g_autoptr (RlYamlDoc) doc = rl_yaml_doc_parse (data, len, RL_MAX_DEPTH, RL_MAX_NODES,
                                                 &line, &col, &yaml_error);
  if (doc == NULL)
    {
      rl_loader_error_at (&ld, line, col, yaml_error->code, "%s", yaml_error->message);
      rl_loader_propagate (&ld, error);
      rl_loader_clear (&ld);
      return NULL;
    }
  ld.sc = rl_scenario_new_empty ();
  ld.sc->file = g_strdup (display_name);
  load_document (&ld, rl_yaml_doc_get_root (doc));
  RlScenario *sc = g_steal_pointer (&ld.sc);
  if (rl_loader_has_errors (&ld))
    {
      rl_loader_propagate (&ld, error);
      g_clear_pointer (&sc, rl_scenario_unref);
    }
  else
    rl_scenario_finish (sc);
  rl_loader_clear (&ld);
  return sc;
}

RlScenario *
rl_scenario_load_from_data (const char *data, gsize len, const char *display_name, GError **error)
{
  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  return load_data (data, len, display_name, NULL, error);
}

/* Reads a file (or a pipe) whole, refusing more than the size limit as it
 * goes so that /dev/zero cannot exhaust memory. */
static gboolean
read_whole_file (const char *path, char **data, gsize *len, int *err)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      *err = errno;
      return FALSE;
    }
  GByteArray *buf = g_byte_array_new ();
  guint8 chunk[65536];
  for (;;)
    {
      ssize_t n = read (fd, chunk, sizeof chunk);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          *err = errno;
          break;
        }
      if (n == 0)
        {
          close (fd);
          *len = buf->len;
          g_byte_array_append (buf, (const guint8 *) "", 1);
          *data = (char *) g_byte_array_free (buf, FALSE);
          return TRUE;
        }
      if (buf->len + (gsize) n > RL_MAX_FILE_BYTES)
        {
          *err = EFBIG;
          break;
        }
      g_byte_array_append (buf, chunk, (guint) n);
    }
  close (fd);
  g_byte_array_free (buf, TRUE);
  return FALSE;
}

RlScenario *
rl_scenario_load (const char *path, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  return rl_loader_load_file (path, NULL, error);
}

RlScenario *
rl_loader_load_file (const char *path, const RlLoadChain *parent, GError **error)
{
  GStatBuf st;
  if (g_stat (path, &st) == 0 && S_ISREG (st.st_mode) && st.st_size > RL_MAX_FILE_BYTES)
    {
      g_set_error (error, RL_ERROR, RL_ERROR_LIMIT,
                   "%s:1:1: error: the file is larger than %d MiB", path,
                   RL_MAX_FILE_BYTES / (1024 * 1024));
      return NULL;
    }
  if (g_stat (path, &st) == 0 && S_ISDIR (st.st_mode))
    {
      g_set_error (error, RL_ERROR, RL_ERROR_IO, "%s: error: is a directory, not a scenario file", path);
      return NULL;
    }
  g_autofree char *data = NULL;
  gsize len = 0;
  int saved_errno = 0;
  if (!read_whole_file (path, &data, &len, &saved_errno))
    {
      if (saved_errno == EFBIG)
        g_set_error (error, RL_ERROR, RL_ERROR_LIMIT, "%s:1:1: error: the file is larger than %d MiB",
                     path, RL_MAX_FILE_BYTES / (1024 * 1024));
      else
        g_set_error (error, RL_ERROR, RL_ERROR_IO, "%s: error: cannot read the file: %s", path,
                     g_strerror (saved_errno));
      return NULL;
    }
  RlLoadChain link;
  rl_load_chain_init (&link, path, parent);
  RlScenario *sc = load_data (data, len, path, &link, error);
  if (sc)
    rl_scenario_push_lineage (sc, path, link.canonical);
  rl_load_chain_clear (&link);
  return sc;
}
