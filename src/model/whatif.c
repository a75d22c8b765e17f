/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * whatif.c: the what-if change language (scenario.md section 7): cutting
 * a change into its parts, its text form, and applying changes to a copy
 * of a scenario.
 *
 * A change comes from a variant file's `changes` (variant.c reads the
 * YAML and hands each change's scalars over) or from a caller, one at a
 * time as text (rl_changes_add(): a command-line flag, say). Either way
 * it is first cut into its parts (Change: the party, the path, the rule,
 * the issue and options, each a Part that remembers where in the file it
 * was written), then applied to a copy of the scenario by one function
 * per kind. Errors go through a Report: from a file they go to the file's
 * error function with their file:line:col and the other changes are
 * still checked; from a caller the first one is a GError
 * (RL_ERROR_INVALID_ARGUMENT) that starts with the change's origin, as
 * the caller named it, and nothing more is done. So each kind of change
 * has exactly one implementation, and its text form (what
 * `generator.changes` lists) is built from the parts, the same for a file
 * and a caller.
 *
 * This file knows nothing of loading: variant.c calls it, never the
 * other way round.
 */
#include "model/whatif-private.h"

#include <math.h>
#include <string.h>

#include <redline/error.h>
#include <redline/suggest.h>

static const char *const kind_names[RL_N_CHANGE_KINDS] = {
  "relax", "set", "require", "fix", "exclude", "without",
};

const char *
rl_change_kind_name (RlChangeKind kind)
{
  g_return_val_if_fail ((guint) kind < RL_N_CHANGE_KINDS, NULL);
  return kind_names[kind];
}

gboolean
rl_change_kind_from_name (const char *name, RlChangeKind *kind)
{
  for (guint k = 0; k < RL_N_CHANGE_KINDS; k++)
    if (strcmp (name, kind_names[k]) == 0)
      {
        *kind = (RlChangeKind) k;
        return TRUE;
      }
  return FALSE;
}

/* ---- Changes and their parts ---------------------------------------------------- */

typedef RlChangePart Part;

typedef struct {
  RlChangeKind kind;
  char *origin;            /* a caller's: what messages call it (a flag as typed) */
  const RlYamlNode *at;    /* files: where the change is written */
  Part target;             /* relax, without: party; set: path; require: rule;
                            * fix, exclude: issue */
  Part name;               /* relax: red line or "*"; set: value; fix: option */
  GArray *items;           /* exclude: options; set simulation.order: parties */
  char *note;              /* files: the item's `note` */
  char *text;              /* the text form */
} Change;

struct _RlChanges {
  GArray *changes;         /* Change */
};

void
rl_change_part_clear (RlChangePart *p)
{
  g_clear_pointer (&p->text, g_free);
}

#define part_clear rl_change_part_clear

GArray *
rl_change_parts_new (void)
{
  GArray *parts = g_array_new (FALSE, TRUE, sizeof (Part));
  g_array_set_clear_func (parts, (GDestroyNotify) part_clear);
  return parts;
}

static void
change_clear (gpointer data)
{
  Change *c = data;
  g_free (c->origin);
  part_clear (&c->target);
  part_clear (&c->name);
  g_clear_pointer (&c->items, g_array_unref);
  g_free (c->note);
  g_free (c->text);
}

RlChanges *
rl_changes_new (void)
{
  RlChanges *changes = g_new0 (RlChanges, 1);
  changes->changes = g_array_new (FALSE, TRUE, sizeof (Change));
  g_array_set_clear_func (changes->changes, change_clear);
  return changes;
}

void
rl_changes_free (RlChanges *changes)
{
  if (changes == NULL)
    return;
  g_array_unref (changes->changes);
  g_free (changes);
}

guint
rl_changes_get_n (const RlChanges *changes)
{
  g_return_val_if_fail (changes != NULL, 0);
  return changes->changes->len;
}

const char *
rl_changes_get_text (const RlChanges *changes, guint k)
{
  g_return_val_if_fail (changes != NULL && k < changes->changes->len, NULL);
  return g_array_index (changes->changes, Change, k).text;
}

/* A Part for @len bytes of @node's value (or of a caller's text) from byte @start. */
static Part
part_of (const char *s, gsize start, gsize len, const RlYamlNode *node, guint base_offset)
{
  Part p = { g_strndup (s + start, len), node, 0 };
  p.offset = base_offset + (guint) g_utf8_strlen (s, (gssize) start);
  return p;
}

/* The same, with spaces at both ends left out. */
static Part
part_trimmed (const char *s, gsize start, gsize end, const RlYamlNode *node, guint base_offset)
{
  while (start < end && g_ascii_isspace (s[start]))
    start++;
  while (end > start && g_ascii_isspace (s[end - 1]))
    end--;
  return part_of (s, start, end - start, node, base_offset);
}

static Part
part_copy (const Part *p)
{
  return (Part){ g_strdup (p->text), p->node, p->offset };
}

static void
items_add (Change *c, Part p)
{
  if (c->items == NULL)
    c->items = rl_change_parts_new ();
  g_array_append_val (c->items, p);
}

/* Splits @whole at commas into items (spaces trimmed); [a, b] is the same
 * as a, b. Returns FALSE when an item is empty. */
static gboolean
split_items (Change *c, const Part *whole)
{
  const char *s = whole->text;
  gsize start = 0, end = strlen (s);
  while (start < end && g_ascii_isspace (s[start]))
    start++;
  while (end > start && g_ascii_isspace (s[end - 1]))
    end--;
  if (end > start + 1 && s[start] == '[' && s[end - 1] == ']')
    {
      start++;
      end--;
    }
  gboolean ok = TRUE;
  for (gsize from = start; from <= end;)
    {
      const char *comma = memchr (s + from, ',', end - from);
      gsize to = comma ? (gsize) (comma - s) : end;
      Part p = part_trimmed (s, from, to, whole->node, whole->offset);
      ok = ok && p.text[0] != '\0';
      items_add (c, p);
      from = to + 1;
    }
  return ok;
}

static char *
join_items (const Change *c)
{
  GString *s = g_string_new (NULL);
  for (guint k = 0; c->items && k < c->items->len; k++)
    g_string_append_printf (s, "%s%s", k ? ", " : "", g_array_index (c->items, Part, k).text);
  return g_string_free (s, FALSE);
}

static gboolean
is_order_path (const char *path)
{
  return strcmp (path, "simulation.order") == 0;
}

/* The text form of a change (whatif.h). */
static char *
change_text (const Change *c)
{
  switch (c->kind)
    {
    case RL_CHANGE_RELAX:
      return g_strdup_printf ("relax %s/%s", c->target.text, c->name.text);
    case RL_CHANGE_SET:
      if (c->items)
        {
          g_autofree char *list = join_items (c);
          return g_strdup_printf ("set %s = [%s]", c->target.text, list);
        }
      return g_strdup_printf ("set %s = %s", c->target.text, c->name.text);
    case RL_CHANGE_REQUIRE:
      return g_strdup_printf ("require %s", c->target.text);
    case RL_CHANGE_FIX:
      return g_strdup_printf ("fix %s = %s", c->target.text, c->name.text);
    case RL_CHANGE_EXCLUDE:
      {
        g_autofree char *list = join_items (c);
        return g_strdup_printf ("exclude %s = %s", c->target.text, list);
      }
    case RL_CHANGE_WITHOUT:
    default:
      return g_strdup_printf ("without %s", c->target.text);
    }
}

/* ---- Reporting ------------------------------------------------------------------ */

typedef struct {
  RlChangeErrorFunc file_error; /* a file's changes: record the error, go on */
  gpointer file_data;
  GError **error;               /* a caller's: keep the first error, stop */
  gboolean failed;
  gboolean over_limit;          /* "more than 256 constraints" said once */
} Report;

/* Reports a problem with @c; @p is the part at fault (NULL: the change as
 * a whole) and @extra a character offset into it. @code is the error
 * code for a file; a caller's changes are always RL_ERROR_INVALID_ARGUMENT. */
static void G_GNUC_PRINTF (6, 7)
report (Report *r, const Change *c, const Part *p, guint extra, int code, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *message = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  r->failed = TRUE;
  if (r->file_error)
    {
      guint line = c->at ? c->at->line : 1, col = c->at ? c->at->col : 1;
      if (p && p->node && p->node->kind == RL_YAML_SCALAR)
        rl_yaml_scalar_position (p->node, p->offset + extra, &line, &col);
      else if (p && p->node)
        {
          line = p->node->line;
          col = p->node->col;
        }
      r->file_error (r->file_data, line, col, code, message);
    }
  else if (r->error && *r->error == NULL)
    g_set_error (r->error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT, "%s: %s",
                 c->origin ? c->origin : c->text, message);
}

#define fail(r, c, p, ...) report ((r), (c), (p), 0, RL_ERROR_SCHEMA, __VA_ARGS__)

/* ---- Shapes: cutting a change into parts ------------------------------------------ */

/* relax: PARTY/RULE or PARTY/ *. */
static gboolean
shape_relax (Change *c, const Part *whole, Report *r)
{
  const char *s = whole->text;
  const char *slash = strchr (s, '/');
  if (slash == NULL || slash == s || slash[1] == '\0')
    {
      fail (r, c, whole, "expected PARTY/RED_LINE (or PARTY/* for all of a party's red lines), "
            "found '%s'", s);
      return FALSE;
    }
  c->target = part_trimmed (s, 0, (gsize) (slash - s), whole->node, whole->offset);
  c->name = part_trimmed (s, (gsize) (slash - s) + 1, strlen (s), whole->node, whole->offset);
  return TRUE;
}

/* set: the path and the value, or for simulation.order a list. */
static gboolean
shape_set_value (Change *c, Report *r)
{
  if (is_order_path (c->target.text) && c->items == NULL)
    {
      if (!split_items (c, &c->name))
        {
          fail (r, c, &c->name, "expected a list of veto parties for simulation.order, found '%s'",
                c->name.text);
          return FALSE;
        }
    }
  if (c->items == NULL && c->name.text[0] == '\0')
    {
      fail (r, c, &c->name, "no value for %s", c->target.text);
      return FALSE;
    }
  return TRUE;
}

static void
finish_change (RlChanges *list, Change *c)
{
  c->text = change_text (c);
  g_array_append_val (list->changes, *c);
}

gboolean
rl_changes_add (RlChanges *changes, RlChangeKind kind, const char *value, const char *origin,
                GError **error)
{
  g_return_val_if_fail (changes != NULL, FALSE);
  g_return_val_if_fail ((guint) kind < RL_N_CHANGE_KINDS, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  Change c = { .kind = kind };
  c.origin = origin ? g_strdup (origin) : g_strdup_printf ("%s %s", kind_names[kind], value);
  Report r = { .error = error };
  Part whole = part_trimmed (value, 0, strlen (value), NULL, 0);
  const char *s = whole.text;
  const char *eq = strchr (s, '=');
  gboolean ok = TRUE;

  if (s[0] == '\0')
    {
      fail (&r, &c, NULL, "the value is empty");
      ok = FALSE;
    }
  else
    switch (kind)
      {
      case RL_CHANGE_RELAX:
        ok = shape_relax (&c, &whole, &r);
        break;
      case RL_CHANGE_SET:
      case RL_CHANGE_FIX:
      case RL_CHANGE_EXCLUDE:
        if (eq == NULL || eq == s)
          {
            static const char *const forms[] = {
              [RL_CHANGE_SET] = "PATH=VALUE", [RL_CHANGE_FIX] = "ISSUE=OPTION",
              [RL_CHANGE_EXCLUDE] = "ISSUE=OPTION (or ISSUE=OPTION,OPTION,...)",
            };
            fail (&r, &c, NULL, "expected %s", forms[kind]);
            ok = FALSE;
            break;
          }
        c.target = part_trimmed (s, 0, (gsize) (eq - s), NULL, 0);
        c.name = part_trimmed (s, (gsize) (eq - s) + 1, strlen (s), NULL, 0);
        if (kind == RL_CHANGE_SET)
          ok = shape_set_value (&c, &r);
        else if (kind == RL_CHANGE_FIX && (c.name.text[0] == '\0' || strchr (c.name.text, ',')))
          {
            fail (&r, &c, NULL, "expected ISSUE=OPTION with one option (fix pins an issue to "
                  "one option; 'exclude' forbids several)");
            ok = FALSE;
          }
        else if (kind == RL_CHANGE_EXCLUDE && !split_items (&c, &c.name))
          {
            fail (&r, &c, NULL, "expected ISSUE=OPTION or ISSUE=OPTION,OPTION,... with no empty option");
            ok = FALSE;
          }
        break;
      case RL_CHANGE_REQUIRE:
      case RL_CHANGE_WITHOUT:
      default:
        c.target = part_copy (&whole);
        break;
      }
  part_clear (&whole);
  if (!ok)
    {
      change_clear (&c);
      return FALSE;
    }
  finish_change (changes, &c);
  return TRUE;
}

/* ---- Looking names up ---------------------------------------------------------------- */

static int
find_party (RlScenario *sc, const Change *c, const Part *p, Report *r)
{
  int k = rl_scenario_find_party (sc, p->text);
  if (k < 0)
    {
      g_autoptr (GPtrArray) ids = g_ptr_array_new ();
      for (guint q = 0; q < sc->n_parties; q++)
        g_ptr_array_add (ids, sc->parties[q].id);
      g_autofree char *hint = rl_suggest_hint (p->text, strlen (p->text),
                                               (const char *const *) ids->pdata, ids->len);
      fail (r, c, p, "unknown party '%s'%s", p->text, hint);
    }
  return k;
}

static int
find_issue (RlScenario *sc, const Change *c, const Part *p, Report *r)
{
  int i = rl_scenario_find_issue (sc, p->text);
  if (i < 0)
    {
      g_autofree const char **ids = g_new (const char *, sc->n_issues + 1);
      for (guint k = 0; k < sc->n_issues; k++)
        ids[k] = sc->issues[k].id;
      g_autofree char *hint = rl_suggest_hint (p->text, strlen (p->text), ids, sc->n_issues);
      fail (r, c, p, "unknown issue '%s'%s", p->text, hint);
    }
  return i;
}

static int
find_option (RlScenario *sc, guint i, const Change *c, const Part *p, Report *r)
{
  const RlIssue *issue = &sc->issues[i];
  int k = rl_scenario_find_option (sc, i, p->text);
  if (k < 0)
    {
      g_autofree char *hint = rl_suggest_hint (p->text, strlen (p->text), issue->option_ids,
                                               issue->n_options);
      fail (r, c, p, "unknown option '%s' of issue '%s'%s", p->text, issue->id, hint);
    }
  return k;
}

/* ---- Applying: one function per kind -------------------------------------------------- */

static void
push_change (RlScenario *sc, const char *text)
{
  /* Keep the array NULL-terminated: replace the NULL, add a new one. */
  g_ptr_array_set_size (sc->changes, sc->changes->len - 1);
  g_ptr_array_add (sc->changes, g_strdup (text));
  g_ptr_array_add (sc->changes, NULL);
}

static gboolean
apply_relax (RlScenario *sc, const Change *c, Report *r)
{
  int p = find_party (sc, c, &c->target, r);
  if (p < 0)
    return FALSE;
  RlParty *party = &sc->parties[p];
  GArray *lines = party->red_lines;
  if (strcmp (c->name.text, "*") == 0)
    {
      for (guint k = 0; k < lines->len; k++)
        rl_named_rule_clear (&g_array_index (lines, RlNamedRule, k));
      g_array_set_size (lines, 0);
      return TRUE;
    }
  if (strcmp (c->name.text, "batna") == 0)
    {
      fail (r, c, &c->name, "'batna' is a walk-away point, not a red line; to move it, set "
            "parties.%s.batna", party->id);
      return FALSE;
    }
  g_autofree const char **ids = g_new (const char *, lines->len + 1);
  for (guint k = 0; k < lines->len; k++)
    {
      RlNamedRule *rule = &g_array_index (lines, RlNamedRule, k);
      ids[k] = rule->id;
      if (strcmp (rule->id, c->name.text) == 0)
        {
          rl_named_rule_clear (rule);
          g_array_remove_index (lines, k);
          return TRUE;
        }
    }
  if (lines->len == 0)
    fail (r, c, &c->name, "party '%s' has no red lines (left)", party->id);
  else
    {
      g_autofree char *hint = rl_suggest_hint (c->name.text, strlen (c->name.text), ids, lines->len);
      fail (r, c, &c->name, "party '%s' has no red line '%s'%s", party->id, c->name.text, hint);
    }
  return FALSE;
}

static gboolean
apply_without (RlScenario *sc, const Change *c, Report *r)
{
  int p = find_party (sc, c, &c->target, r);
  if (p < 0)
    return FALSE;
  rl_party_clear (&sc->parties[p], sc->n_issues);
  memmove (&sc->parties[p], &sc->parties[p + 1], (sc->n_parties - (guint) p - 1) * sizeof (RlParty));
  sc->n_parties--;
  memset (&sc->parties[sc->n_parties], 0, sizeof (RlParty));
  /* The proposers' order names parties by position. */
  guint n = 0;
  for (guint k = 0; k < sc->n_order; k++)
    if (sc->order[k] != (guint) p)
      sc->order[n++] = sc->order[k] > (guint) p ? sc->order[k] - 1 : sc->order[k];
  sc->n_order = n;
  if (n == 0)
    sc->order_given = FALSE;
  return TRUE;
}

/* Adds a constraint named PREFIX-N (require) or PREFIX-ISSUE, PREFIX-ISSUE-2,
 * ... (fix, exclude): the first name not in use. Takes @text and @rule. */
static gboolean
add_constraint (RlScenario *sc, const Change *c, const char *prefix, const char *issue,
                char *text, RlRule *rule, Report *r)
{
  if (sc->constraints->len >= RL_MAX_RULES)
    {
      if (!r->over_limit)
        report (r, c, NULL, 0, RL_ERROR_LIMIT, "more than %d constraints", RL_MAX_RULES);
      r->over_limit = TRUE;
      r->failed = TRUE;
      g_free (text);
      rl_rule_free (rule);
      return FALSE;
    }
  char *id = NULL;
  for (guint n = 1; id == NULL; n++)
    {
      if (issue == NULL)
        id = g_strdup_printf ("%s-%u", prefix, n);
      else if (n == 1)
        id = g_strdup_printf ("%s-%s", prefix, issue);
      else
        id = g_strdup_printf ("%s-%s-%u", prefix, issue, n);
      for (guint k = 0; k < sc->constraints->len && id; k++)
        if (strcmp (g_array_index (sc->constraints, RlNamedRule, k).id, id) == 0)
          g_clear_pointer (&id, g_free);
    }
  RlNamedRule named = {
    .id = id,
    .text = text,
    .note = g_strdup (c->note),
    .is_public = TRUE,
    .rule = rule,
    .pos = { 0, 0 },
  };
  g_array_append_val (sc->constraints, named);
  return TRUE;
}

static gboolean
apply_require (RlScenario *sc, const Change *c, Report *r)
{
  guint offset = 0;
  g_autoptr (GError) error = NULL;
  RlRule *rule = rl_rule_compile (c->target.text, sc->issue_info, sc->n_issues, &offset, &error);
  if (rule == NULL)
    {
      report (r, c, &c->target, offset, error->code, "%s", error->message);
      return FALSE;
    }
  return add_constraint (sc, c, "require", NULL, g_strdup (c->target.text), rule, r);
}

static RlRule *
compile_known (RlScenario *sc, const char *text)
{
  guint offset = 0;
  RlRule *rule = rl_rule_compile (text, sc->issue_info, sc->n_issues, &offset, NULL);
  g_assert (rule != NULL);   /* built from names just checked */
  return rule;
}

static gboolean
apply_fix (RlScenario *sc, const Change *c, Report *r)
{
  int i = find_issue (sc, c, &c->target, r);
  if (i < 0 || find_option (sc, (guint) i, c, &c->name, r) < 0)
    return FALSE;
  char *text = g_strdup_printf ("%s == %s", c->target.text, c->name.text);
  return add_constraint (sc, c, "fix", c->target.text, text, compile_known (sc, text), r);
}

static gboolean
apply_exclude (RlScenario *sc, const Change *c, Report *r)
{
  int i = find_issue (sc, c, &c->target, r);
  if (i < 0)
    return FALSE;
  gboolean ok = TRUE;
  for (guint k = 0; k < c->items->len; k++)
    if (find_option (sc, (guint) i, c, &g_array_index (c->items, Part, k), r) < 0)
      ok = FALSE;
  if (!ok)
    return FALSE;
  g_autofree char *list = join_items (c);
  char *text = c->items->len == 1 ? g_strdup_printf ("%s != %s", c->target.text, list)
                                  : g_strdup_printf ("%s not in [%s]", c->target.text, list);
  return add_constraint (sc, c, "exclude", c->target.text, text, compile_known (sc, text), r);
}

/* ---- set -------------------------------------------------------------------------------- */

/* The value of a `set`, checked for the path it goes to. */
static gboolean
value_number (const Change *c, Report *r, double lo, double hi, double *out)
{
  const Part *v = &c->name;
  if (c->items)
    {
      fail (r, c, v, "expected one value for %s, found a list", c->target.text);
      return FALSE;
    }
  gsize len = strlen (v->text);
  if (len > 64 || !rl_json_number_syntax (v->text, len))
    {
      fail (r, c, v, "invalid number '%.40s' for %s (write numbers like 0.25, 3, -1 or 1e-3)",
            v->text, c->target.text);
      return FALSE;
    }
  double x;
  if (!rl_number_representable (v->text, &x))
    {
      fail (r, c, v, "number '%s' for %s is out of range", v->text, c->target.text);
      return FALSE;
    }
  if (x < lo || x > hi)
    {
      if (isinf (hi))
        fail (r, c, v, "%s must be %g or more, not %s", c->target.text, lo, v->text);
      else
        fail (r, c, v, "%s must be between %g and %g, not %s", c->target.text, lo, hi, v->text);
      return FALSE;
    }
  *out = x;
  return TRUE;
}

static gboolean
value_whole (const Change *c, Report *r, guint lo, guint hi, guint *out)
{
  double x;
  if (!value_number (c, r, -INFINITY, INFINITY, &x))
    return FALSE;
  if (x != floor (x) || x < lo || x > hi)
    {
      fail (r, c, &c->name, "%s must be a whole number from %u to %u, not %s",
            c->target.text, lo, hi, c->name.text);
      return FALSE;
    }
  *out = (guint) x;
  return TRUE;
}

static gboolean
value_boolean (const Change *c, Report *r, gboolean *out)
{
  const char *s = c->name.text;
  if (c->items == NULL && (strcmp (s, "true") == 0 || strcmp (s, "yes") == 0))
    *out = TRUE;
  else if (c->items == NULL && (strcmp (s, "false") == 0 || strcmp (s, "no") == 0))
    *out = FALSE;
  else
    {
      fail (r, c, &c->name, "invalid boolean '%.40s' for %s (use true, false, yes or no, lower case)",
            c->items ? "a list" : s, c->target.text);
      return FALSE;
    }
  return TRUE;
}

/* A path cut at its dots. */
typedef struct {
  guint n;
  Part seg[6];
} Path;

static void
path_clear (Path *path)
{
  for (guint k = 0; k < path->n; k++)
    part_clear (&path->seg[k]);
}

static void
path_split (Path *path, const Part *whole)
{
  const char *s = whole->text;
  gsize from = 0, len = strlen (s);
  path->n = 0;
  while (path->n < G_N_ELEMENTS (path->seg))
    {
      const char *dot = memchr (s + from, '.', len - from);
      gsize to = dot ? (gsize) (dot - s) : len;
      path->seg[path->n++] = part_of (s, from, to - from, whole->node, whole->offset);
      if (!dot)
        break;
      from = to + 1;
    }
}

/* Checks that @path has exactly @n segments; @form shows the whole path. */
static gboolean
path_length (const Change *c, const Path *path, guint n, const char *form, Report *r)
{
  if (path->n == n)
    return TRUE;
  if (path->n < n)
    fail (r, c, &c->target, "path '%s' is incomplete: write %s", c->target.text, form);
  else
    fail (r, c, &path->seg[n], "path '%s' goes on after '%s': write %s", c->target.text,
          path->seg[n - 1].text, form);
  return FALSE;
}

static gboolean
path_word (const Change *c, const Part *seg, const char *const *words, guint n, const char *where,
           Report *r, guint *which)
{
  for (guint k = 0; k < n; k++)
    if (strcmp (seg->text, words[k]) == 0)
      {
        *which = k;
        return TRUE;
      }
  g_autofree char *hint = rl_suggest_hint (seg->text, strlen (seg->text), words, n);
  fail (r, c, seg, "unknown path '%s': no '%s' %s%s", c->target.text, seg->text, where, hint);
  return FALSE;
}

enum { F_BATNA, F_POWER, F_VETO, F_WEIGHTS, F_VALUES, F_BONUSES, F_STRATEGY, F_DRIFT, N_F };
static const char *const party_fields[N_F] = {
  "batna", "power", "veto", "weights", "values", "bonuses", "strategy", "drift",
};
static const char *const party_forms[N_F] = {
  "parties.P.batna", "parties.P.power", "parties.P.veto", "parties.P.weights.ISSUE",
  "parties.P.values.ISSUE.OPTION", "parties.P.bonuses.N", "parties.P.strategy",
  "parties.P.drift.base",
};

enum { S_PROTOCOL, S_ROUNDS, S_ORDER, S_HORIZON, S_NOISE, S_REACH, N_S };
static const char *const sim_keys[N_S] = {
  "protocol", "rounds", "order", "horizon", "noise", "mediator_reach",
};

/* A party that stops having a veto stops proposing. */
static void
order_drop (RlScenario *sc, guint p)
{
  guint n = 0;
  for (guint k = 0; k < sc->n_order; k++)
    if (sc->order[k] != p)
      sc->order[n++] = sc->order[k];
  sc->n_order = n;
  if (n == 0)
    sc->order_given = FALSE;
}

static gboolean
set_strategy (RlParty *party, const Change *c, Report *r)
{
  RlStrategyKind kind;
  double e;
  if (c->items == NULL && rl_strategy_from_name (c->name.text, &kind, &e))
    {
      party->strategy = kind;
      party->exponent = e;
      return TRUE;
    }
  gsize len = c->items ? 0 : strlen (c->name.text);
  if (len > 0 && len <= 64 && rl_json_number_syntax (c->name.text, len))
    {
      e = g_ascii_strtod (c->name.text, NULL);
      if (isfinite (e) && e > 0)
        {
          party->strategy = RL_STRATEGY_EXPONENT;
          party->exponent = e;
          return TRUE;
        }
    }
  const char *names[4];
  for (guint k = 0; k < 4; k++)
    names[k] = rl_strategy_name ((RlStrategyKind) k);
  g_autofree char *hint = c->items ? g_strdup ("")
                                   : rl_suggest_hint (c->name.text, len, names, 4);
  fail (r, c, &c->name, "unknown strategy '%.40s' for %s (use hardliner, boulware, linear, "
        "conceder or an exponent above 0)%s", c->items ? "a list" : c->name.text, c->target.text, hint);
  return FALSE;
}

/* parties.P.bonuses.N: the value of the N-th bonus, counting from 1
 * (scenario.md section 7). */
static gboolean
set_bonus (RlParty *party, const Change *c, const Part *seg, Report *r)
{
  guint n = party->bonuses ? party->bonuses->len : 0;
  guint64 k = 0;
  if (!g_ascii_string_to_unsigned (seg->text, 10, 1, G_MAXUINT, &k, NULL) || k > n)
    {
      if (n == 0)
        fail (r, c, seg, "party '%s' has no bonuses to change", party->id);
      else
        fail (r, c, seg, "no bonus '%s' in party '%s': a bonus is numbered from 1 to %u, "
              "in the order of its list", seg->text, party->id, n);
      return FALSE;
    }
  double v;
  if (!value_number (c, r, -1, 1, &v))
    return FALSE;
  g_array_index (party->bonuses, RlBonus, k - 1).value = v;
  return TRUE;
}

static gboolean
set_party (RlScenario *sc, const Change *c, const Path *path, Report *r)
{
  if (path->n < 3)
    return path_length (c, path, 3, "parties.P.FIELD", r);
  int p = find_party (sc, c, &path->seg[1], r);
  guint f;
  if (!path_word (c, &path->seg[2], party_fields, N_F, "in a party", r, &f) || p < 0)
    return FALSE;
  RlParty *party = &sc->parties[p];
  guint n_segments = f == F_WEIGHTS || f == F_DRIFT || f == F_BONUSES ? 4 : f == F_VALUES ? 5 : 3;
  if (!path_length (c, path, n_segments, party_forms[f], r))
    return FALSE;

  switch (f)
    {
    case F_BATNA:
      /* A plain number replaces a BATNA taken from the status quo. */
      party->batna_from_status_quo = FALSE;
      return value_number (c, r, -INFINITY, INFINITY, &party->batna);
    case F_POWER:
      {
        double x;
        if (!value_number (c, r, -INFINITY, INFINITY, &x))
          return FALSE;
        if (!(x > 0))
          {
            fail (r, c, &c->name, "%s must be above 0, not %s", c->target.text, c->name.text);
            return FALSE;
          }
        party->power = x;
        return TRUE;
      }
    case F_VETO:
      {
        gboolean veto;
        if (!value_boolean (c, r, &veto))
          return FALSE;
        party->veto = veto;
        if (!veto)
          order_drop (sc, (guint) p);
        return TRUE;
      }
    case F_WEIGHTS:
      {
        int i = find_issue (sc, c, &path->seg[3], r);
        double w;
        if (!value_number (c, r, 0, INFINITY, &w) || i < 0)
          return FALSE;
        if (w > 0 && !party->has_values[i])
          {
            fail (r, c, &path->seg[3], "party '%s' has no values for issue '%s', so it cannot "
                  "weigh it (give its values in the base scenario)", party->id, path->seg[3].text);
            return FALSE;
          }
        double total = w;
        for (guint k = 0; k < sc->n_issues; k++)
          if (k != (guint) i)
            total += party->raw_weights[k];
        if (!(total > 0))
          {
            fail (r, c, &c->name, "every weight of party '%s' would be 0; give some issue a "
                  "positive weight", party->id);
            return FALSE;
          }
        if (!isfinite (total))
          {
            fail (r, c, &c->name, "the weights of party '%s' would add up to more than a "
                  "double can hold", party->id);
            return FALSE;
          }
        party->raw_weights[i] = w;
        party->has_weights = TRUE;
        return TRUE;
      }
    case F_VALUES:
      {
        int i = find_issue (sc, c, &path->seg[3], r);
        if (i < 0)
          return FALSE;
        int k = find_option (sc, (guint) i, c, &path->seg[4], r);
        double v;
        if (!value_number (c, r, 0, 1, &v) || k < 0)
          return FALSE;
        if (!party->has_values[i])
          {
            fail (r, c, &path->seg[3], "party '%s' has no values for issue '%s' to change "
                  "(set changes one entry of a table the scenario gives)", party->id,
                  path->seg[3].text);
            return FALSE;
          }
        party->values[i][k] = v;
        return TRUE;
      }
    case F_BONUSES:
      return set_bonus (party, c, &path->seg[3], r);
    case F_STRATEGY:
      return set_strategy (party, c, r);
    case F_DRIFT:
    default:
      {
        static const char *const drift_keys[] = { "base" };
        guint which;
        if (!path_word (c, &path->seg[3], drift_keys, 1, "in a drift (only 'base' can be set)", r,
                        &which))
          return FALSE;
        return value_number (c, r, -1, 1, &party->drift_base);
      }
    }
}

static gboolean
set_order (RlScenario *sc, const Change *c, Report *r)
{
  guint n = c->items->len;
  g_autofree guint *order = g_new0 (guint, MAX (n, 1));
  g_autofree gboolean *used = g_new0 (gboolean, sc->n_parties + 1);
  gboolean ok = TRUE;
  for (guint k = 0; k < n; k++)
    {
      const Part *item = &g_array_index (c->items, Part, k);
      int p = find_party (sc, c, item, r);
      if (p < 0)
        ok = FALSE;
      else if (!sc->parties[p].veto)
        {
          fail (r, c, item, "party '%s' in simulation.order is an observer; only veto parties "
                "propose", item->text);
          ok = FALSE;
        }
      else if (used[p])
        {
          fail (r, c, item, "party '%s' appears twice in simulation.order", item->text);
          ok = FALSE;
        }
      else
        {
          used[p] = TRUE;
          order[k] = (guint) p;
        }
    }
  if (!ok)
    return FALSE;
  memcpy (sc->order, order, n * sizeof (guint));
  sc->n_order = n;
  sc->order_given = TRUE;
  return TRUE;
}

static gboolean
set_simulation (RlScenario *sc, const Change *c, const Path *path, Report *r)
{
  if (path->n < 2)
    return path_length (c, path, 2, "simulation.KEY", r);
  guint key;
  if (!path_word (c, &path->seg[1], sim_keys, N_S, "in 'simulation'", r, &key)
      || !path_length (c, path, 2, "simulation.KEY", r))
    return FALSE;
  if (key != S_ORDER && c->items)
    {
      fail (r, c, &c->name, "expected one value for %s, found a list", c->target.text);
      return FALSE;
    }
  gboolean ok = TRUE;
  switch (key)
    {
    case S_PROTOCOL:
      if (strcmp (c->name.text, "alternating") == 0)
        sc->protocol = RL_PROTOCOL_ALTERNATING;
      else if (strcmp (c->name.text, "mediator") == 0)
        {
          if (sc->status_quo == NULL)
            {
              fail (r, c, &c->name, "the mediator protocol starts from 'status_quo', which this "
                    "scenario lacks");
              return FALSE;
            }
          sc->protocol = RL_PROTOCOL_MEDIATOR;
        }
      else
        {
          static const char *const protocols[] = { "alternating", "mediator" };
          g_autofree char *hint = rl_suggest_hint (c->name.text, strlen (c->name.text), protocols, 2);
          fail (r, c, &c->name, "unknown protocol '%.40s' (use alternating or mediator)%s",
                c->name.text, hint);
          return FALSE;
        }
      break;
    case S_ROUNDS:
      ok = value_whole (c, r, 1, RL_MAX_ROUNDS, &sc->rounds);
      break;
    case S_HORIZON:
      ok = value_whole (c, r, 0, RL_MAX_HORIZON, &sc->horizon);
      break;
    case S_NOISE:
      ok = value_number (c, r, 0, 10, &sc->noise);
      break;
    case S_REACH:
      ok = value_whole (c, r, 1, 2, &sc->mediator_reach);
      break;
    case S_ORDER:
    default:
      ok = set_order (sc, c, r);
      break;
    }
  if (ok)
    sc->has_simulation = TRUE;
  return ok;
}

static gboolean
apply_set (RlScenario *sc, const Change *c, Report *r)
{
  static const char *const roots[] = { "parties", "simulation" };
  Path path;
  path_split (&path, &c->target);
  guint root;
  gboolean ok = FALSE;
  /* stability.md: format 1 keeps who controls what, and how issues move,
   * as the file says; a what-if of them would be a new scenario. */
  const Part *fixed = path.n >= 3 && strcmp (path.seg[0].text, "parties") == 0
                              && strcmp (path.seg[2].text, "controls") == 0 ? &path.seg[2]
                      : path.n >= 3 && strcmp (path.seg[0].text, "issues") == 0
                              && strcmp (path.seg[2].text, "moves") == 0 ? &path.seg[2]
                      : NULL;
  if (fixed != NULL)
    fail (r, c, fixed, "'%s' cannot be changed by a what-if change in format 1 "
          "(edit the scenario file instead)", fixed->text);
  else if (path_word (c, &path.seg[0], roots, 2, "(paths start with 'parties.' or 'simulation.')", r,
                 &root))
    ok = root == 0 ? set_party (sc, c, &path, r) : set_simulation (sc, c, &path, r);
  path_clear (&path);
  return ok;
}

/* ---- Applying a list ------------------------------------------------------------------- */

static gboolean
apply_one (RlScenario *sc, const Change *c, Report *r)
{
  switch (c->kind)
    {
    case RL_CHANGE_RELAX:
      return apply_relax (sc, c, r);
    case RL_CHANGE_SET:
      return apply_set (sc, c, r);
    case RL_CHANGE_REQUIRE:
      return apply_require (sc, c, r);
    case RL_CHANGE_FIX:
      return apply_fix (sc, c, r);
    case RL_CHANGE_EXCLUDE:
      return apply_exclude (sc, c, r);
    case RL_CHANGE_WITHOUT:
    default:
      return apply_without (sc, c, r);
    }
}

/* Applies @changes to a copy of @base. From a file, every change is tried
 * (errors go to the file's error function; the copy is returned, for
 * the loader to discard when there were any); from a caller, the first
 * error stops it and NULL comes back. */
static RlScenario *
apply_list (const RlScenario *base, const RlChanges *changes, Report *r)
{
  RlScenario *sc = rl_scenario_copy (base);
  const Change *last_veto_lost = NULL;

  for (guint k = 0; changes && k < changes->changes->len; k++)
    {
      const Change *c = &g_array_index (changes->changes, Change, k);
      guint before = rl_scenario_get_n_veto_parties (sc);
      if (!apply_one (sc, c, r))
        {
          if (r->file_error == NULL)
            {
              rl_scenario_unref (sc);
              return NULL;
            }
          continue;
        }
      push_change (sc, c->text);
      if (before > 0 && rl_scenario_get_n_veto_parties (sc) == 0)
        last_veto_lost = c;
    }
  /* scenario.md section 2: at least one veto party after the changes. */
  if (rl_scenario_get_n_veto_parties (sc) == 0 && last_veto_lost != NULL)
    fail (r, last_veto_lost, NULL, "after this change no party has a veto; a scenario needs "
          "at least one veto party");
  if (r->failed && r->file_error == NULL)
    {
      rl_scenario_unref (sc);
      return NULL;
    }
  rl_scenario_finish (sc);
  return sc;
}

RlScenario *
rl_scenario_apply_changes (RlScenario *sc, const RlChanges *changes, GError **error)
{
  g_return_val_if_fail (sc != NULL, NULL);
  g_return_val_if_fail (changes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  if (changes->changes->len == 0)
    return rl_scenario_ref (sc);
  GError *local = NULL;
  Report r = { .error = &local };
  RlScenario *out = apply_list (sc, changes, &r);
  if (out == NULL)
    {
      if (local == NULL)
        g_set_error_literal (&local, RL_ERROR, RL_ERROR_INVALID_ARGUMENT, "invalid change");
      g_propagate_error (error, local);
    }
  return out;
}

/* ---- Changes from a file ---------------------------------------------------------------- */

void
rl_changes_add_file_value (RlChanges *changes, RlChangeKind kind, const RlYamlNode *at,
                           const char *note, RlChangePart whole, RlChangeErrorFunc func,
                           gpointer data)
{
  Change c = { .kind = kind, .at = at, .note = g_strdup (note) };
  Report r = { .file_error = func, .file_data = data };
  g_strchomp (whole.text);   /* a folded block ends in a newline */
  gboolean ok = TRUE;
  if (whole.text[0] == '\0')
    {
      fail (&r, &c, &whole, "'%s' is empty", kind_names[kind]);
      ok = FALSE;
    }
  else if (kind == RL_CHANGE_RELAX)
    ok = shape_relax (&c, &whole, &r);
  else
    c.target = part_copy (&whole);
  part_clear (&whole);
  if (ok)
    finish_change (changes, &c);
  else
    change_clear (&c);
}

void
rl_changes_add_file_pair (RlChanges *changes, RlChangeKind kind, const RlYamlNode *at,
                          const char *note, RlChangePart target, RlChangePart name, GArray *items,
                          RlChangeErrorFunc func, gpointer data)
{
  Change c = {
    .kind = kind, .at = at, .note = g_strdup (note), .target = target, .name = name, .items = items,
  };
  Report r = { .file_error = func, .file_data = data };
  gboolean ok = TRUE;
  if (kind == RL_CHANGE_SET)
    ok = shape_set_value (&c, &r);
  if (ok && kind == RL_CHANGE_EXCLUDE && c.items == NULL)
    items_add (&c, part_copy (&c.name));
  if (ok)
    finish_change (changes, &c);
  else
    change_clear (&c);
}

RlScenario *
rl_changes_apply_from_file (const RlScenario *base, const RlChanges *changes,
                            RlChangeErrorFunc func, gpointer data)
{
  Report r = { .file_error = func, .file_data = data };
  return apply_list (base, changes, &r);
}
