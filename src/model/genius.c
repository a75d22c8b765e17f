/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * genius.c: a Genius domain and its profiles (genius.h), read from XML
 * trees (xml-tree.h). The features handled are those the real files use
 * (../shared/genius/SOURCES.md): a single root objective, discrete issues,
 * items matched to the domain by their value text (as Genius does), weights
 * matched to issues by index, <reservation> before or after the objective,
 * <discount_factor>, and elements to ignore (<agent>, similarity
 * functions, the UNCERTAIN profiles' extras).
 */
#include <redline/genius.h>

#include <errno.h>
#include <unistd.h>
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <redline/redline.h>

#include "xml-tree.h"

typedef struct {
  char *name;
  char *id;
  GPtrArray *texts;          /* char*, as in the domain */
  GPtrArray *ids;            /* char*, made safe */
  GPtrArray *descriptions;   /* char* or NULL */
} Issue;

typedef struct {
  char *file;
  char *name;
  char *id;
  double *weights;           /* per domain issue */
  double weight_sum;
  double **evaluations;      /* [issue][value] */
  double **values;           /* [issue][value]: evaluation / the issue's largest */
  gboolean has_reservation, has_discount;
  double reservation, discount;
} Profile;

struct _RlGenius {
  char *domain_file;
  char *domain_name;
  GPtrArray *issues;         /* Issue* */
  GPtrArray *profiles;       /* Profile* */
  GPtrArray *losses;         /* char*: what a scenario could not carry over */
};

static void
issue_free (Issue *is)
{
  g_free (is->name);
  g_free (is->id);
  g_ptr_array_unref (is->texts);
  g_ptr_array_unref (is->ids);
  g_ptr_array_unref (is->descriptions);
  g_free (is);
}

static void
profile_free (Profile *pr, guint n_issues)
{
  g_free (pr->file);
  g_free (pr->name);
  g_free (pr->id);
  g_free (pr->weights);
  for (guint i = 0; i < n_issues; i++)
    {
      if (pr->evaluations)
        g_free (pr->evaluations[i]);
      if (pr->values)
        g_free (pr->values[i]);
    }
  g_free (pr->evaluations);
  g_free (pr->values);
  g_free (pr);
}

void
rl_genius_free (RlGenius *g)
{
  if (g == NULL)
    return;
  for (guint p = 0; p < g->profiles->len; p++)
    profile_free (g_ptr_array_index (g->profiles, p), g->issues->len);
  g_ptr_array_unref (g->profiles);
  g_ptr_array_unref (g->issues);
  g_ptr_array_unref (g->losses);
  g_free (g->domain_file);
  g_free (g->domain_name);
  g_free (g);
}

/* ---- Errors and small helpers ----------------------------------------- */

static gboolean G_GNUC_PRINTF (5, 6)
fail_at (GError **error, RlErrorCode code, const char *file, const RlXmlNode *node,
         const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  g_autofree char *text = g_strdup_vprintf (format, ap);
  va_end (ap);
  g_set_error (error, RL_ERROR, code, "%s:%u:%u: error: %s", file, node ? node->line : 1,
               node ? node->col : 1, text);
  return FALSE;
}

/* Reads @path whole, refusing a file over the scenario size limit. */
static gboolean
read_file (const char *path, char **data, gsize *len, GError **error)
{
  GStatBuf st;
  if (g_stat (path, &st) == 0 && S_ISDIR (st.st_mode))
    {
      g_set_error (error, RL_ERROR, RL_ERROR_IO, "%s: error: is a directory, not an XML file", path);
      return FALSE;
    }
  if (g_access (path, R_OK) != 0)
    {
      g_set_error (error, RL_ERROR, RL_ERROR_IO, "%s: error: cannot read the file: %s", path,
                   g_strerror (errno));
      return FALSE;
    }
  g_autoptr (GError) local = NULL;
  if (!g_file_get_contents (path, data, len, &local))
    {
      g_set_error (error, RL_ERROR, RL_ERROR_IO, "%s: error: cannot read the file: %s", path,
                   local->message);
      return FALSE;
    }
  if (*len > RL_MAX_FILE_BYTES)
    {
      g_clear_pointer (data, g_free);
      g_set_error (error, RL_ERROR, RL_ERROR_LIMIT, "%s:1:1: error: the file is larger than %d MiB",
                   path, RL_MAX_FILE_BYTES / (1024 * 1024));
      return FALSE;
    }
  return TRUE;
}

static RlXmlNode *
read_tree (const char *path, GError **error)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  if (!read_file (path, &data, &len, error))
    return NULL;
  return rl_xml_parse (data, len, path, error);
}

/* A number as Java's Double.parseDouble reads Genius's: "30", "30.0",
 * "0.2881", "1e-3", surrounding blanks allowed; finite only. */
static gboolean
parse_number (const char *text, double *value)
{
  if (text == NULL)
    return FALSE;
  g_autofree char *t = g_strstrip (g_strdup (text));
  if (*t == '\0')
    return FALSE;
  char *end = NULL;
  errno = 0;
  double v = g_ascii_strtod (t, &end);
  if (*end != '\0' || errno == ERANGE || !isfinite (v))
    return FALSE;
  *value = v;
  return TRUE;
}

/* The child elements of @node named @name. */
static GPtrArray *
children_named (const RlXmlNode *node, const char *name)
{
  GPtrArray *out = g_ptr_array_new ();
  for (guint c = 0; c < node->children->len; c++)
    {
      RlXmlNode *child = g_ptr_array_index (node->children, c);
      if (strcmp (child->name, name) == 0)
        g_ptr_array_add (out, child);
    }
  return out;
}

/* The one root objective of a <utility_space>: Genius files have exactly
 * one, and a nested objective would need weights multiplied through the
 * tree, which no file here uses. */
static RlXmlNode *
find_objective (const RlXmlNode *space, const char *file, GError **error)
{
  g_autoptr (GPtrArray) objectives = children_named (space, "objective");
  if (objectives->len != 1)
    {
      fail_at (error, RL_ERROR_SCHEMA, file, objectives->len ? g_ptr_array_index (objectives, 1) : space,
               objectives->len ? "more than one root <objective>; a Genius utility space has one"
                               : "<utility_space> has no <objective>");
      return NULL;
    }
  RlXmlNode *obj = g_ptr_array_index (objectives, 0);
  g_autoptr (GPtrArray) nested = children_named (obj, "objective");
  if (nested->len > 0)
    {
      fail_at (error, RL_ERROR_SCHEMA, file, g_ptr_array_index (nested, 0),
               "nested objectives are not supported; flatten the objective tree in Genius "
               "(issues directly under the root objective)");
      return NULL;
    }
  return obj;
}

/* ---- Ids ---------------------------------------------------------------- */

static const char *const keywords[] = { "and", "or", "not", "in", "implies", "iff", "true", "false" };

/* An id from free text: ASCII letters, digits and '_' kept, every run of
 * anything else one '_', no '_' at either end. Issue and party ids must
 * start with a letter and are not rule keywords; option ids need not. */
static char *
make_id (const char *text, gboolean letter_first, const char *fallback)
{
  GString *s = g_string_new (NULL);
  gboolean gap = FALSE;
  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '_')
        {
          if (gap && s->len > 0)
            g_string_append_c (s, '_');
          g_string_append_c (s, *p);
          gap = FALSE;
        }
      else
        gap = TRUE;
    }
  if (s->len == 0)
    g_string_append (s, fallback);
  else if (letter_first && !g_ascii_isalpha (s->str[0]))
    g_string_prepend (s, fallback[0] == 'p' ? "p_" : "i_");
  if (letter_first)
    for (guint k = 0; k < G_N_ELEMENTS (keywords); k++)
      if (strcmp (s->str, keywords[k]) == 0)
        g_string_append (s, "_");
  /* An id longer than anyone would type is still an id; keep it readable. */
  if (s->len > 64)
    g_string_truncate (s, 64);
  return g_string_free (s, FALSE);
}

/* Makes @id unique among @taken by "_2", "_3", ...; takes @id. */
static char *
unique_id (char *id, GHashTable *taken)
{
  if (g_hash_table_contains (taken, id))
    {
      char *base = id;
      id = NULL;
      for (guint n = 2; id == NULL || g_hash_table_contains (taken, id); n++)
        {
          g_free (id);
          id = g_strdup_printf ("%s_%u", base, n);
        }
      g_free (base);
    }
  g_hash_table_add (taken, g_strdup (id));
  return id;
}

static char *
file_stem (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  if (g_str_has_suffix (base, ".xml") || g_str_has_suffix (base, ".XML"))
    base[strlen (base) - 4] = '\0';
  return g_steal_pointer (&base);
}

/* ---- The domain ---------------------------------------------------------- */

static gboolean
is_discrete (const RlXmlNode *issue, const char *file, GError **error)
{
  static const char *const attrs[] = { "type", "etype", "vtype" };
  for (guint a = 0; a < G_N_ELEMENTS (attrs); a++)
    {
      const char *t = rl_xml_get_attr (issue, attrs[a]);
      if (t && strcmp (t, "discrete") != 0)
        return fail_at (error, RL_ERROR_SCHEMA, file, issue,
                        "issue '%s' is of type %s; redline imports discrete issues only: "
                        "make it discrete in Genius (one <item> per value a deal may take)",
                        rl_xml_get_attr (issue, "name") ? rl_xml_get_attr (issue, "name") : "?", t);
    }
  return TRUE;
}

static gboolean
read_domain (RlGenius *g, GError **error)
{
  const char *file = g->domain_file;
  g_autoptr (RlXmlNode) root = read_tree (file, error);
  if (root == NULL)
    return FALSE;
  if (strcmp (root->name, "negotiation_template") != 0)
    return fail_at (error, RL_ERROR_SCHEMA, file, root,
                    "the root element is <%s>, not <negotiation_template>: the domain file "
                    "comes first, then the profiles%s", root->name,
                    strcmp (root->name, "utility_space") == 0 ? " (this looks like a profile)" : "");
  g_autoptr (GPtrArray) spaces = children_named (root, "utility_space");
  if (spaces->len != 1)
    return fail_at (error, RL_ERROR_SCHEMA, file, spaces->len ? g_ptr_array_index (spaces, 1) : root,
                    "a domain has exactly one <utility_space>; found %u", spaces->len);
  RlXmlNode *obj = find_objective (g_ptr_array_index (spaces, 0), file, error);
  if (obj == NULL)
    return FALSE;
  g_autoptr (GPtrArray) issues = children_named (obj, "issue");
  if (issues->len == 0)
    return fail_at (error, RL_ERROR_SCHEMA, file, obj, "the domain has no <issue>");
  if (issues->len > RL_MAX_ISSUES)
    return fail_at (error, RL_ERROR_LIMIT, file, g_ptr_array_index (issues, RL_MAX_ISSUES),
                    "more than %d issues", RL_MAX_ISSUES);
  g_autoptr (GHashTable) issue_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < issues->len; i++)
    {
      RlXmlNode *node = g_ptr_array_index (issues, i);
      const char *name = rl_xml_get_attr (node, "name");
      if (name == NULL)
        return fail_at (error, RL_ERROR_SCHEMA, file, node, "<issue> without a name attribute");
      for (guint j = 0; j < g->issues->len; j++)
        if (strcmp (((Issue *) g_ptr_array_index (g->issues, j))->name, name) == 0)
          return fail_at (error, RL_ERROR_SCHEMA, file, node, "a second issue named '%s'", name);
      if (!is_discrete (node, file, error))
        return FALSE;
      Issue *is = g_new0 (Issue, 1);
      g_ptr_array_add (g->issues, is);
      is->name = g_strdup (name);
      is->id = unique_id (make_id (name, TRUE, "issue"), issue_ids);
      is->texts = g_ptr_array_new_with_free_func (g_free);
      is->ids = g_ptr_array_new_with_free_func (g_free);
      is->descriptions = g_ptr_array_new_with_free_func (g_free);
      g_autoptr (GPtrArray) items = children_named (node, "item");
      if (items->len == 0)
        return fail_at (error, RL_ERROR_SCHEMA, file, node, "issue '%s' has no <item>", name);
      if (items->len > RL_MAX_OPTIONS)
        return fail_at (error, RL_ERROR_LIMIT, file, g_ptr_array_index (items, RL_MAX_OPTIONS),
                        "issue '%s' has more than %d values (redline's limit of options per issue)",
                        name, RL_MAX_OPTIONS);
      g_autoptr (GHashTable) option_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint k = 0; k < items->len; k++)
        {
          RlXmlNode *item = g_ptr_array_index (items, k);
          const char *value = rl_xml_get_attr (item, "value");
          if (value == NULL)
            return fail_at (error, RL_ERROR_SCHEMA, file, item, "<item> without a value attribute");
          for (guint j = 0; j < is->texts->len; j++)
            if (strcmp (g_ptr_array_index (is->texts, j), value) == 0)
              return fail_at (error, RL_ERROR_SCHEMA, file, item,
                              "issue '%s' has the value '%s' twice", name, value);
          g_autofree char *fallback = g_strdup_printf ("v%u", k + 1);
          g_ptr_array_add (is->texts, g_strdup (value));
          g_ptr_array_add (is->ids, unique_id (make_id (value, FALSE, fallback), option_ids));
          const char *d = rl_xml_get_attr (item, "description");
          g_ptr_array_add (is->descriptions, d && *d ? g_strdup (d) : NULL);
        }
    }
  return TRUE;
}

/* ---- A profile ------------------------------------------------------------ */

static int
domain_issue (const RlGenius *g, const char *name)
{
  for (guint i = 0; i < g->issues->len; i++)
    if (strcmp (((Issue *) g_ptr_array_index (g->issues, i))->name, name) == 0)
      return (int) i;
  return -1;
}

static int
domain_value (const Issue *is, const char *text)
{
  for (guint k = 0; k < is->texts->len; k++)
    if (strcmp (g_ptr_array_index (is->texts, k), text) == 0)
      return (int) k;
  return -1;
}

/* Whether two index attributes name the same index ("1" and " 1 "). */
static gboolean
same_index (const char *a, const char *b)
{
  if (a == NULL || b == NULL)
    return FALSE;
  g_autofree char *x = g_strstrip (g_strdup (a));
  g_autofree char *y = g_strstrip (g_strdup (b));
  return strcmp (x, y) == 0;
}

/* The optional <reservation value=…> or <discount_factor value=…> of the
 * utility space (before or after the objective, self-closing or not). */
static gboolean
read_optional_number (const RlXmlNode *space, const char *element, const char *file,
                      gboolean *has, double *value, GError **error)
{
  g_autoptr (GPtrArray) nodes = children_named (space, element);
  if (nodes->len == 0)
    return TRUE;
  if (nodes->len > 1)
    return fail_at (error, RL_ERROR_SCHEMA, file, g_ptr_array_index (nodes, 1),
                    "a second <%s>", element);
  RlXmlNode *node = g_ptr_array_index (nodes, 0);
  if (!parse_number (rl_xml_get_attr (node, "value"), value))
    return fail_at (error, RL_ERROR_SCHEMA, file, node,
                    "<%s> needs a value attribute holding a finite number", element);
  *has = TRUE;
  return TRUE;
}

static gboolean
read_issue_evaluations (const RlGenius *g, Profile *pr, const RlXmlNode *node, guint i,
                        GError **error)
{
  const char *file = pr->file;
  const Issue *is = g_ptr_array_index (g->issues, i);
  guint n = is->texts->len;
  pr->evaluations[i] = g_new0 (double, n);
  pr->values[i] = g_new0 (double, n);
  g_autofree gboolean *seen = g_new0 (gboolean, n);
  g_autoptr (GPtrArray) items = children_named (node, "item");
  for (guint c = 0; c < items->len; c++)
    {
      RlXmlNode *item = g_ptr_array_index (items, c);
      const char *value = rl_xml_get_attr (item, "value");
      if (value == NULL)
        return fail_at (error, RL_ERROR_SCHEMA, file, item, "<item> without a value attribute");
      int k = domain_value (is, value);
      if (k < 0)
        return fail_at (error, RL_ERROR_SCHEMA, file, item,
                        "'%s' is not a value of issue '%s' in %s: is this a profile of another domain?",
                        value, is->name, g->domain_file);
      if (seen[k])
        return fail_at (error, RL_ERROR_SCHEMA, file, item,
                        "value '%s' of issue '%s' is evaluated twice", value, is->name);
      double e = 0;
      if (!parse_number (rl_xml_get_attr (item, "evaluation"), &e) || e < 0)
        return fail_at (error, RL_ERROR_SCHEMA, file, item,
                        "value '%s' of issue '%s' needs an evaluation attribute holding a "
                        "number of at least 0", value, is->name);
      seen[k] = TRUE;
      pr->evaluations[i][k] = e;
    }
  double top = 0;
  for (guint k = 0; k < n; k++)
    {
      if (!seen[k])
        return fail_at (error, RL_ERROR_SCHEMA, file, node,
                        "the profile does not evaluate value '%s' of issue '%s'",
                        (const char *) g_ptr_array_index (is->texts, k), is->name);
      top = MAX (top, pr->evaluations[i][k]);
    }
  if (top <= 0)
    return fail_at (error, RL_ERROR_SCHEMA, file, node,
                    "every evaluation of issue '%s' is 0; Genius divides by the largest, "
                    "so one must be positive", is->name);
  for (guint k = 0; k < n; k++)
    pr->values[i][k] = pr->evaluations[i][k] / top;
  return TRUE;
}

static gboolean
read_profile (RlGenius *g, Profile *pr, GError **error)
{
  const char *file = pr->file;
  g_autoptr (RlXmlNode) root = read_tree (file, error);
  if (root == NULL)
    return FALSE;
  if (strcmp (root->name, "utility_space") != 0)
    return fail_at (error, RL_ERROR_SCHEMA, file, root,
                    "the root element is <%s>, not <utility_space>: a Genius profile%s",
                    root->name,
                    strcmp (root->name, "negotiation_template") == 0
                      ? " is expected here (this looks like a domain; give the domain once, first)" : " is expected");
  RlXmlNode *obj = find_objective (root, file, error);
  if (obj == NULL)
    return FALSE;
  guint ni = g->issues->len;
  pr->weights = g_new0 (double, ni);
  pr->evaluations = g_new0 (double *, ni);
  pr->values = g_new0 (double *, ni);
  g_autofree const RlXmlNode **by_issue = g_new0 (const RlXmlNode *, ni);
  g_autoptr (GPtrArray) issues = children_named (obj, "issue");
  for (guint c = 0; c < issues->len; c++)
    {
      RlXmlNode *node = g_ptr_array_index (issues, c);
      const char *name = rl_xml_get_attr (node, "name");
      if (name == NULL)
        return fail_at (error, RL_ERROR_SCHEMA, file, node, "<issue> without a name attribute");
      int i = domain_issue (g, name);
      if (i < 0)
        return fail_at (error, RL_ERROR_SCHEMA, file, node,
                        "issue '%s' is not in the domain %s: is this a profile of another domain?",
                        name, g->domain_file);
      if (by_issue[i])
        return fail_at (error, RL_ERROR_SCHEMA, file, node, "issue '%s' appears twice", name);
      if (!is_discrete (node, file, error))
        return FALSE;
      by_issue[i] = node;
      if (!read_issue_evaluations (g, pr, node, (guint) i, error))
        return FALSE;
    }
  for (guint i = 0; i < ni; i++)
    if (by_issue[i] == NULL)
      return fail_at (error, RL_ERROR_SCHEMA, file, obj,
                      "the profile does not evaluate issue '%s' of the domain %s: is it a "
                      "profile of another domain?",
                      ((Issue *) g_ptr_array_index (g->issues, i))->name, g->domain_file);

  /* <weight index=…> refers to the profile's own issue index attribute. */
  g_autofree gboolean *weighted = g_new0 (gboolean, ni);
  g_autoptr (GPtrArray) weights = children_named (obj, "weight");
  for (guint c = 0; c < weights->len; c++)
    {
      RlXmlNode *node = g_ptr_array_index (weights, c);
      const char *index = rl_xml_get_attr (node, "index");
      int i = -1;
      for (guint j = 0; index && j < ni && i < 0; j++)
        {
          if (same_index (rl_xml_get_attr (by_issue[j], "index"), index))
            i = (int) j;
        }
      if (i < 0)
        return fail_at (error, RL_ERROR_SCHEMA, file, node,
                        "<weight index=\"%s\"> names no issue of the profile", index ? index : "");
      if (weighted[i])
        return fail_at (error, RL_ERROR_SCHEMA, file, node, "a second weight for issue '%s'",
                        ((Issue *) g_ptr_array_index (g->issues, i))->name);
      double w = 0;
      if (!parse_number (rl_xml_get_attr (node, "value"), &w) || w < 0)
        return fail_at (error, RL_ERROR_SCHEMA, file, node,
                        "the weight of issue '%s' needs a value attribute holding a number of "
                        "at least 0", ((Issue *) g_ptr_array_index (g->issues, i))->name);
      weighted[i] = TRUE;
      pr->weights[i] = w;
      pr->weight_sum += w;
    }
  for (guint i = 0; i < ni; i++)
    if (!weighted[i])
      return fail_at (error, RL_ERROR_SCHEMA, file, by_issue[i], "issue '%s' has no <weight>",
                      ((Issue *) g_ptr_array_index (g->issues, i))->name);

  if (!read_optional_number (root, "reservation", file, &pr->has_reservation, &pr->reservation, error)
      || !read_optional_number (root, "discount_factor", file, &pr->has_discount, &pr->discount, error))
    return FALSE;
  if (!pr->has_discount)
    pr->discount = 1;
  return TRUE;
}

/* Party ids: the profiles' names without the prefix they share with each
 * other and with the domain's name ("ItexvsCypress_domain",
 * "ItexvsCypress_Itex" give "Itex"), cut at a separator, when every rest
 * still starts with a letter. */
static void
name_parties (RlGenius *g)
{
  guint np = g->profiles->len;
  const char *first = g->domain_name;
  gsize common = strlen (first);
  for (guint p = 0; p < np; p++)
    {
      const char *other = ((Profile *) g_ptr_array_index (g->profiles, p))->name;
      gsize k = 0;
      while (k < common && first[k] == other[k])
        k++;
      common = k;
    }
  while (common > 0 && strchr ("_- ", first[common - 1]) == NULL)
    common--;
  gsize cut = common;
  for (guint p = 0; p < np; p++)
    {
      const char *rest = ((Profile *) g_ptr_array_index (g->profiles, p))->name + cut;
      if (!g_ascii_isalpha (rest[0]))
        cut = 0;
    }
  g_autoptr (GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_add (taken, g_strdup ("constraints"));
  for (guint p = 0; p < np; p++)
    {
      Profile *pr = g_ptr_array_index (g->profiles, p);
      pr->id = unique_id (make_id (pr->name + cut, TRUE, "party"), taken);
    }
}

static RlGenius *
genius_new (const char *domain_file)
{
  RlGenius *g = g_new0 (RlGenius, 1);
  g->domain_file = g_strdup (domain_file);
  g->domain_name = file_stem (domain_file);
  g->issues = g_ptr_array_new_with_free_func ((GDestroyNotify) issue_free);
  g->profiles = g_ptr_array_new ();
  g->losses = g_ptr_array_new_with_free_func (g_free);
  return g;
}

RlGenius *
rl_genius_load (const char *domain, const char *const *profiles, guint n_profiles, GError **error)
{
  g_return_val_if_fail (domain != NULL, NULL);
  g_return_val_if_fail (profiles != NULL || n_profiles == 0, NULL);
  g_autoptr (RlGenius) g = genius_new (domain);
  if (n_profiles > RL_MAX_PARTIES)
    {
      g_set_error (error, RL_ERROR, RL_ERROR_LIMIT, "%s:1:1: error: more than %d profiles "
                   "(redline's limit of parties)", profiles[RL_MAX_PARTIES], RL_MAX_PARTIES);
      return NULL;
    }
  if (!read_domain (g, error))
    return NULL;
  for (guint p = 0; p < n_profiles; p++)
    {
      Profile *pr = g_new0 (Profile, 1);
      pr->file = g_strdup (profiles[p]);
      pr->name = file_stem (profiles[p]);
      g_ptr_array_add (g->profiles, pr);
      if (!read_profile (g, pr, error))
        return NULL;
    }
  name_parties (g);
  return g_steal_pointer (&g);
}

/* ---- Getters ----------------------------------------------------------- */

#define ISSUE(g, i) ((const Issue *) g_ptr_array_index ((g)->issues, (i)))
#define PROFILE(g, p) ((const Profile *) g_ptr_array_index ((g)->profiles, (p)))

const char *rl_genius_get_domain_file (const RlGenius *g) { return g->domain_file; }
const char *rl_genius_get_domain_name (const RlGenius *g) { return g->domain_name; }
guint rl_genius_get_n_issues (const RlGenius *g) { return g->issues->len; }
const char *rl_genius_get_issue_name (const RlGenius *g, guint i) { return ISSUE (g, i)->name; }
const char *rl_genius_get_issue_id (const RlGenius *g, guint i) { return ISSUE (g, i)->id; }
guint rl_genius_get_n_values (const RlGenius *g, guint i) { return ISSUE (g, i)->texts->len; }

const char *
rl_genius_get_value_text (const RlGenius *g, guint i, guint k)
{
  return g_ptr_array_index (ISSUE (g, i)->texts, k);
}

const char *
rl_genius_get_option_id (const RlGenius *g, guint i, guint k)
{
  return g_ptr_array_index (ISSUE (g, i)->ids, k);
}

const char *
rl_genius_get_value_description (const RlGenius *g, guint i, guint k)
{
  return g_ptr_array_index (ISSUE (g, i)->descriptions, k);
}

guint rl_genius_get_n_profiles (const RlGenius *g) { return g->profiles->len; }
const char *rl_genius_get_profile_file (const RlGenius *g, guint p) { return PROFILE (g, p)->file; }
const char *rl_genius_get_profile_name (const RlGenius *g, guint p) { return PROFILE (g, p)->name; }
const char *rl_genius_get_party_id (const RlGenius *g, guint p) { return PROFILE (g, p)->id; }
double rl_genius_get_weight (const RlGenius *g, guint p, guint i) { return PROFILE (g, p)->weights[i]; }
double rl_genius_get_weight_sum (const RlGenius *g, guint p) { return PROFILE (g, p)->weight_sum; }

double
rl_genius_get_value (const RlGenius *g, guint p, guint i, guint k)
{
  return PROFILE (g, p)->values[i][k];
}

double
rl_genius_get_evaluation (const RlGenius *g, guint p, guint i, guint k)
{
  return PROFILE (g, p)->evaluations[i][k];
}

gboolean
rl_genius_get_reservation (const RlGenius *g, guint p, double *value)
{
  *value = PROFILE (g, p)->has_reservation ? PROFILE (g, p)->reservation : 0;
  return PROFILE (g, p)->has_reservation;
}

gboolean
rl_genius_get_discount (const RlGenius *g, guint p, double *value)
{
  *value = PROFILE (g, p)->discount;
  return PROFILE (g, p)->has_discount;
}

guint rl_genius_get_n_losses (const RlGenius *g) { return g->losses->len; }
const char *rl_genius_get_loss (const RlGenius *g, guint n) { return g_ptr_array_index (g->losses, n); }

/* ---- From a scenario ------------------------------------------------------ */

/* "a, b and c" of @n ids given by @get. */
static char *
id_list (const RlScenario *sc, guint p, guint n, const char *(*get) (const RlScenario *, guint, guint))
{
  GString *s = g_string_new (NULL);
  for (guint k = 0; k < n; k++)
    g_string_append_printf (s, "%s%s", k == 0 ? "" : k + 1 == n ? " and " : ", ", get (sc, p, k));
  return g_string_free (s, FALSE);
}

static const char *
constraint_id (const RlScenario *sc, guint p, guint c)
{
  return rl_named_rule_get_id (rl_scenario_get_constraint (sc, c));
}

static const char *
red_line_id (const RlScenario *sc, guint p, guint r)
{
  return rl_named_rule_get_id (rl_scenario_get_red_line (sc, p, r));
}

static void
add_loss (RlGenius *g, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
add_loss (RlGenius *g, const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  g_ptr_array_add (g->losses, g_strdup_vprintf (format, ap));
  va_end (ap);
}

static void
scenario_losses (RlGenius *g, const RlScenario *sc)
{
  guint nc = rl_scenario_get_n_constraints (sc);
  if (nc > 0)
    {
      g_autofree char *ids = id_list (sc, 0, nc, constraint_id);
      add_loss (g, "constraints (%s): Genius has none, so packages that break them are "
                "possible there", ids);
    }
  if (rl_scenario_get_status_quo (sc))
    add_loss (g, "the status quo: Genius has none (BATNAs given as status_quo are written "
              "as their numbers)");
  for (guint p = 0; p < rl_scenario_get_n_parties (sc); p++)
    {
      const char *id = rl_scenario_get_party_id (sc, p);
      guint nr = rl_scenario_get_n_red_lines (sc, p);
      if (nr > 0)
        {
          g_autofree char *ids = id_list (sc, p, nr, red_line_id);
          add_loss (g, "%s's red lines (%s): Genius has none; only the reservation value "
                    "keeps a party from a deal there", id, ids);
        }
      guint nb = rl_scenario_get_n_bonuses (sc, p);
      if (nb > 0)
        add_loss (g, "%s's %u bonus%s: dropped; its profile holds the weighted values alone", id,
                  nb, nb == 1 ? "" : "es");
      if (!rl_scenario_party_is_veto (sc, p))
        add_loss (g, "%s is an observer (veto: false): every Genius profile negotiates", id);
      if (rl_scenario_get_party_power (sc, p) != 1)
        add_loss (g, "%s's power %g: Genius has no bargaining power", id,
                  rl_scenario_get_party_power (sc, p));
    }
}

RlGenius *
rl_genius_from_scenario (const RlScenario *sc)
{
  const char *path = rl_scenario_get_file (sc);
  g_autofree char *base = g_path_get_basename (path ? path : "scenario");
  char *dot = strrchr (base, '.');
  if (dot && dot != base)
    *dot = '\0';
  g_autofree char *domain = g_strdup_printf ("%s_domain.xml", base);
  RlGenius *g = genius_new (domain);
  guint ni = rl_scenario_get_n_issues (sc), np = rl_scenario_get_n_parties (sc);
  for (guint i = 0; i < ni; i++)
    {
      Issue *is = g_new0 (Issue, 1);
      is->name = g_strdup (rl_scenario_get_issue_id (sc, i));
      is->id = g_strdup (is->name);
      is->texts = g_ptr_array_new_with_free_func (g_free);
      is->ids = g_ptr_array_new_with_free_func (g_free);
      is->descriptions = g_ptr_array_new_with_free_func (g_free);
      for (guint k = 0; k < rl_scenario_get_n_options (sc, i); k++)
        {
          g_ptr_array_add (is->texts, g_strdup (rl_scenario_get_option_id (sc, i, k)));
          g_ptr_array_add (is->ids, g_strdup (rl_scenario_get_option_id (sc, i, k)));
          g_ptr_array_add (is->descriptions, g_strdup (rl_scenario_get_option_label (sc, i, k)));
        }
      g_ptr_array_add (g->issues, is);
    }
  scenario_losses (g, sc);
  for (guint p = 0; p < np; p++)
    {
      Profile *pr = g_new0 (Profile, 1);
      pr->id = g_strdup (rl_scenario_get_party_id (sc, p));
      pr->name = g_strdup_printf ("%s_%s", base, pr->id);
      pr->file = g_strdup_printf ("%s.xml", pr->name);
      pr->weights = g_new0 (double, ni);
      pr->evaluations = g_new0 (double *, ni);
      pr->values = g_new0 (double *, ni);
      pr->has_reservation = TRUE;
      pr->reservation = rl_scenario_get_party_batna (sc, p);
      pr->discount = 1;
      g_ptr_array_add (g->profiles, pr);
      for (guint i = 0; i < ni; i++)
        {
          guint n = rl_scenario_get_n_options (sc, i);
          gboolean has = rl_scenario_party_has_values (sc, p, i);
          double top = 0;
          for (guint k = 0; has && k < n; k++)
            top = MAX (top, rl_scenario_get_party_value (sc, p, i, k));
          pr->evaluations[i] = g_new0 (double, n);
          pr->values[i] = g_new0 (double, n);
          /* An issue that adds nothing (no values, or all 0) gets weight 0
           * and evaluations 1: Genius needs a positive largest one. */
          for (guint k = 0; k < n; k++)
            pr->evaluations[i][k] = top > 0 ? rl_scenario_get_party_value (sc, p, i, k) / top : 1;
          for (guint k = 0; k < n; k++)
            pr->values[i][k] = pr->evaluations[i][k];
          pr->weights[i] = top > 0 ? rl_scenario_get_party_weight (sc, p, i) * top : 0;
          pr->weight_sum += pr->weights[i];
          if (top > 0 && top < 1 && rl_scenario_get_party_weight (sc, p, i) > 0)
            add_loss (g, "%s's best value on %s is %g, below 1: Genius divides evaluations by "
                      "the largest, so the weight is scaled by %g instead; Genius computes the "
                      "same utilities, but the weights no longer sum to 1 (a tool that "
                      "renormalises them, as `redline import genius` does, scales every "
                      "utility of this party)", pr->id, rl_scenario_get_issue_id (sc, i), top, top);
        }
      if (pr->weight_sum <= 0)
        add_loss (g, "%s has no weighted values: its profile gives every issue weight 0", pr->id);
    }
  return g;
}
