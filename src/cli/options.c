/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * options.c: the shared options, from one table that drives the GOption
 * entries, the help and the range checks.
 */
#include "options.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

#include "cli.h"

/* Numeric parameters: name, default, range (habit 8 of architecture.md). */
#define TOP_DEFAULT 10
/* The ranked list is held in memory (a heap of K packages, then sorted):
 * beyond this many, `solve --all` streams every package instead. */
#define TOP_MAX 100000
#define THREADS_MAX 1024
#define THREADS_PER_CORE 4
#define TIMEOUT_MAX 1e9   /* seconds: about 30 years, i.e. "no limit" */

typedef struct {
  RlCliOptionSet set;
  const char *long_name;
  char short_name;
  GOptionArg arg;
  gsize offset;            /* of the field in RlCliOptions */
  const char *help;        /* NULL: built by format_help() */
  const char *arg_description;
} SharedOption;

static const SharedOption shared_options[] = {
  { RL_OPT_FORMAT, "format", 0, G_OPTION_ARG_STRING, offsetof (RlCliOptions, format_text),
    NULL, "FORMAT" },
  { RL_OPT_OUTPUT, "output", 'o', G_OPTION_ARG_FILENAME, offsetof (RlCliOptions, output),
    "Write to FILE (whole or not at all)", "FILE" },
  { RL_OPT_RANK, "rank", 0, G_OPTION_ARG_STRING, offsetof (RlCliOptions, rank_text),
    "welfare, nash (default), kalai, min_gain, utility:P", "SCORE" },
  { RL_OPT_TOP, "top", 0, G_OPTION_ARG_STRING, offsetof (RlCliOptions, top_text),
    "Ranked packages to list (default 10, at most 100000)", "K" },
  { RL_OPT_THREADS, "threads", 0, G_OPTION_ARG_STRING, offsetof (RlCliOptions, threads_text),
    "Worker threads (default: every core)", "N" },
  { RL_OPT_QUIET, "quiet", 'q', G_OPTION_ARG_NONE, offsetof (RlCliOptions, quiet),
    "No progress line, no warnings", NULL },
  { RL_OPT_TIMEOUT, "timeout", 0, G_OPTION_ARG_STRING, offsetof (RlCliOptions, timeout_text),
    "Stop after SECONDS (incomplete output, exit 3)",
    "SECONDS" },
};

/* What-if options: the same operations as a variant's `changes`
 * (scenario.md section 7), kept in one list in command-line order, since
 * the order of changes matters ("--without usa --set parties.usa.batna=1"
 * fails, the other way round does not). */
static const struct {
  RlChangeKind kind;
  const char *help;
  const char *arg_description;
} whatif_options[] = {
  { RL_CHANGE_RELAX, "Drop a red line (PARTY/* drops all)", "PARTY/RULE" },
  { RL_CHANGE_SET, "Change a value: parties.P.batna=0.3", "PATH=VALUE" },
  { RL_CHANGE_REQUIRE, "Add a constraint", "RULE" },
  { RL_CHANGE_FIX, "Pin an issue to one option", "ISSUE=OPTION" },
  { RL_CHANGE_EXCLUDE, "Forbid one or more options of an issue", "I=O[,O…]" },
  { RL_CHANGE_WITHOUT, "Remove a party", "PARTY" },
};

G_STATIC_ASSERT (G_N_ELEMENTS (whatif_options) == RL_N_CHANGE_KINDS);

/* A --fix whose option part is empty or lists several: the one shape
 * error of --fix that is not "the value is empty" or "expected
 * ISSUE=OPTION". */
static gboolean
is_fix_with_options (RlChangeKind kind, const char *value)
{
  if (kind != RL_CHANGE_FIX)
    return FALSE;
  g_autofree char *s = g_strstrip (g_strdup (value));
  const char *eq = strchr (s, '=');
  return eq != NULL && eq != s;
}

/* GOption calls this for each what-if flag, in command-line order. */
static gboolean
add_whatif (const char *option_name, const char *value, gpointer data, GError **error)
{
  RlCliOptions *opts = data;
  RlChangeKind kind;
  g_autoptr (GError) local = NULL;
  if (!rl_change_kind_from_name (option_name + strspn (option_name, "-"), &kind))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_UNKNOWN_OPTION, "%s: not a what-if option",
                   option_name);
      return FALSE;
    }
  /* Messages name the change by its flag, as typed. */
  g_autofree char *flag = g_strdup_printf ("--%s %s", rl_change_kind_name (kind), value);
  if (!rl_changes_add (opts->whatif, kind, value, flag, &local))
    {
      /* The library's hint names the kind of change to use instead;
       * here that is a flag. */
      if (is_fix_with_options (kind, value))
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                     "%s: expected ISSUE=OPTION with one option (fix pins an issue to one "
                     "option; --exclude forbids several)", flag);
      else
        g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, local->message);
      return FALSE;
    }
  return TRUE;
}

/* GOption keeps the last value of a repeated string option; a value
 * silently dropped is how a teacher hands out the wrong brief. Every
 * option that takes one value is therefore parsed through this callback,
 * which stores it where the entry said and refuses a second one. Options
 * that may repeat are G_OPTION_ARG_STRING_ARRAY or callbacks of their
 * own (what-if flags) and are left as they are; a repeated switch
 * (--quiet --quiet) says nothing new and is accepted. */
typedef struct {
  GArray *entries;         /* the GOptionEntry as the command wrote them */
  GHashTable *seen;        /* long names given so far -> their value */
} OnceGroup;

static void
once_group_free (gpointer data)
{
  OnceGroup *g = data;
  g_array_unref (g->entries);
  g_hash_table_unref (g->seen);
  g_free (g);
}

static const GOptionEntry *
once_find (const OnceGroup *g, const char *option_name)
{
  for (guint k = 0; k < g->entries->len; k++)
    {
      const GOptionEntry *e = &g_array_index (g->entries, GOptionEntry, k);
      if (g_str_has_prefix (option_name, "--") ? strcmp (option_name + 2, e->long_name) == 0
          : option_name[0] == '-' && option_name[1] == e->short_name && option_name[2] == '\0')
        return e;
    }
  return NULL;
}

static gboolean
store_once (const char *option_name, const char *value, gpointer data, GError **error)
{
  OnceGroup *g = data;
  const GOptionEntry *e = once_find (g, option_name);
  if (!e)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_UNKNOWN_OPTION, "%s: unknown option",
                   option_name);
      return FALSE;
    }
  const char *before = g_hash_table_lookup (g->seen, e->long_name);
  if (before)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--%s given twice ('%s', then '%s'); it takes one value", e->long_name,
                   before, value);
      return FALSE;
    }
  g_hash_table_insert (g->seen, (gpointer) e->long_name, g_strdup (value));
  char **target = e->arg_data;
  g_free (*target);
  *target = g_strdup (value);
  return TRUE;
}

/* A group whose single-valued string options go through store_once(). */
static GOptionGroup *
once_group_new (const char *name, const char *title, const char *help,
                const GOptionEntry *entries)
{
  OnceGroup *g = g_new0 (OnceGroup, 1);
  g->entries = g_array_new (TRUE, TRUE, sizeof (GOptionEntry));
  g->seen = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  for (const GOptionEntry *e = entries; e && e->long_name; e++)
    g_array_append_val (g->entries, *e);
  GOptionGroup *group = g_option_group_new (name, title, help, g, once_group_free);
  GArray *wrapped = g_array_new (TRUE, TRUE, sizeof (GOptionEntry));
  for (guint k = 0; k < g->entries->len; k++)
    {
      GOptionEntry e = g_array_index (g->entries, GOptionEntry, k);
      if (e.arg == G_OPTION_ARG_STRING || e.arg == G_OPTION_ARG_FILENAME)
        {
          if (e.arg == G_OPTION_ARG_FILENAME)
            e.flags |= G_OPTION_FLAG_FILENAME;
          e.arg = G_OPTION_ARG_CALLBACK;
          e.arg_data = (gpointer) store_once;
        }
      g_array_append_val (wrapped, e);
    }
  g_option_group_add_entries (group, (GOptionEntry *) (void *) wrapped->data);
  g_array_free (wrapped, TRUE);
  return group;
}

static const struct {
  RlFormat format;
  const char *name;
} format_names[] = {
  { RL_FORMAT_TEXT, "text" },
  { RL_FORMAT_JSON, "json" },
  { RL_FORMAT_CSV, "csv" },
  { RL_FORMAT_MARKDOWN, "markdown" },
  { RL_FORMAT_HTML, "html" },
};

void
rl_cli_options_init (RlCliOptions *opts)
{
  memset (opts, 0, sizeof *opts);
  opts->format = RL_FORMAT_TEXT;
  opts->top = TOP_DEFAULT;
  opts->owned = g_ptr_array_new_with_free_func (g_free);
  opts->whatif = rl_changes_new ();
}

void
rl_cli_options_clear (RlCliOptions *opts)
{
  g_clear_pointer (&opts->format_text, g_free);
  g_clear_pointer (&opts->output, g_free);
  g_clear_pointer (&opts->rank_text, g_free);
  g_clear_pointer (&opts->top_text, g_free);
  g_clear_pointer (&opts->threads_text, g_free);
  g_clear_pointer (&opts->timeout_text, g_free);
  g_clear_pointer (&opts->whatif, rl_changes_free);
  g_clear_pointer (&opts->owned, g_ptr_array_unref);
}

static char *
format_list (RlFormat formats, const char *last_sep)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  for (guint k = 0; k < G_N_ELEMENTS (format_names); k++)
    if (formats & format_names[k].format)
      g_ptr_array_add (names, (gpointer) format_names[k].name);
  GString *s = g_string_new (NULL);
  for (guint k = 0; k < names->len; k++)
    {
      if (k > 0)
        g_string_append (s, k + 1 == names->len ? last_sep : ", ");
      g_string_append (s, g_ptr_array_index (names, k));
    }
  return g_string_free (s, FALSE);
}

static const char *
own_string (RlCliOptions *opts, char *s)
{
  g_ptr_array_add (opts->owned, s);
  return s;
}

GOptionContext *
rl_cli_options_new_context (RlCliOptions *opts, const char *command, const char *parameter,
                            const char *summary, const char *description,
                            const GOptionEntry *own, RlCliOptionSet which, RlFormat formats)
{
  opts->formats = formats;
  opts->command = command;
  GOptionContext *ctx = g_option_context_new (parameter);
  /* GOption's own --help calls exit(); ours returns, so that the command
   * line stays a function tests can call. */
  g_option_context_set_help_enabled (ctx, FALSE);
  g_option_context_set_summary (ctx, summary);
  g_option_context_set_description (ctx, description);

  const char *title = own_string (opts, g_strdup_printf ("Options of %s:", command));
  GOptionGroup *group = once_group_new (command, title, "Show the command's options", own);
  g_option_context_add_group (ctx, group);

  GArray *entries = g_array_new (TRUE, TRUE, sizeof (GOptionEntry));
  /* -q is accepted by every command, so that a script can pass it to any
   * of them; where nothing is shown as progress it silences warnings, or
   * nothing. */
  which |= RL_OPT_QUIET;
  for (guint k = 0; k < G_N_ELEMENTS (shared_options); k++)
    {
      const SharedOption *so = &shared_options[k];
      if (!(which & so->set))
        continue;
      const char *help = so->help;
      if (!help)
        {
          g_autofree char *list = format_list (formats, " or ");
          const char *fallback = "text";
          for (guint f = 0; f < G_N_ELEMENTS (format_names); f++)
            if (format_names[f].format == opts->format)
              fallback = format_names[f].name;
          help = own_string (opts, g_strdup_printf ("Output format: %s (default %s)", list, fallback));
        }
      GOptionEntry e = { so->long_name, so->short_name, 0, so->arg,
                         (char *) opts + so->offset, help, so->arg_description };
      g_array_append_val (entries, e);
    }
  GOptionEntry help = { "help", 'h', 0, G_OPTION_ARG_NONE, &opts->help, "Show this help", NULL };
  g_array_append_val (entries, help);
  group = once_group_new ("common", "Common options:", "Show the common options",
                          (GOptionEntry *) (void *) entries->data);
  g_option_context_add_group (ctx, group);
  g_array_free (entries, TRUE);

  if (which & RL_OPT_WHATIF)
    {
      GOptionEntry w[G_N_ELEMENTS (whatif_options) + 1];
      memset (w, 0, sizeof w);
      for (guint k = 0; k < G_N_ELEMENTS (whatif_options); k++)
        w[k] = (GOptionEntry) { rl_change_kind_name (whatif_options[k].kind), 0, 0,
                                G_OPTION_ARG_CALLBACK, (gpointer) add_whatif,
                                whatif_options[k].help, whatif_options[k].arg_description };
      group = g_option_group_new ("whatif", "What-if options (applied in the order given, "
                                  "after the file's own changes):",
                                  "Show the what-if options", opts, NULL);
      g_option_group_add_entries (group, w);
      g_option_context_add_group (ctx, group);
    }
  return ctx;
}

void
rl_cli_options_print_help (GOptionContext *ctx, const char *command)
{
  g_autofree char *help = g_option_context_get_help (ctx, FALSE, NULL);
  /* GOption names the program in the usage line; the usage is of the
   * command, "redline solve [OPTION…] FILE". */
  const char *prgname = g_get_prgname () ? g_get_prgname () : "redline";
  g_autofree char *needle = g_strdup_printf ("  %s ", prgname);
  g_autofree char *replacement = g_strdup_printf ("  redline %s ", command);
  const char *at = strstr (help, needle);
  if (at)
    {
      g_autoptr (GString) s = g_string_new_len (help, at - help);
      g_string_append (s, replacement);
      g_string_append (s, at + strlen (needle));
      g_print ("%s", s->str);
    }
  else
    g_print ("%s", help);
}

gboolean
rl_cli_parse_count (const char *name, const char *text, guint64 min, guint64 max,
                    guint64 *value, GError **error)
{
  g_autoptr (GError) local = NULL;
  if (!g_ascii_string_to_unsigned (text, 10, min, max, value, &local))
    {
      g_set_error (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT,
                   "%s: expected a whole number from %" G_GUINT64_FORMAT " to %" G_GUINT64_FORMAT
                   ", found '%s'", name, min, max, text);
      return FALSE;
    }
  return TRUE;
}

gboolean
rl_cli_check_file_name (const char *flag, const char *path, gboolean output, GError **error)
{
  if (path == NULL || path[0] != '\0')
    return TRUE;
  g_set_error (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT, "%s: expected a file name, found ''%s",
               flag, output ? " (- is standard output)" : "");
  return FALSE;
}

static gboolean
parse_seconds (const char *name, const char *text, double *value, GError **error)
{
  char *end = NULL;
  double x = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !rl_number_representable (text, &x) || !(x > 0))
    {
      g_set_error (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT,
                   "%s: expected a number of seconds above 0, found '%s'", name, text);
      return FALSE;
    }
  /* Beyond about 30 years a limit is no limit: 1e10 is accepted as that
   * (a deadline further out would overflow the monotonic clock). */
  *value = MIN (x, TIMEOUT_MAX);
  return TRUE;
}

/* The checks that need no scenario: values in range, formats the
 * command has. */
static gboolean
check_values (RlCliOptions *opts, RlFormat formats, const char *command, GError **error)
{
  guint64 n;

  if (opts->format_text)
    {
      gboolean known = FALSE;
      for (guint k = 0; k < G_N_ELEMENTS (format_names); k++)
        if (strcmp (opts->format_text, format_names[k].name) == 0)
          {
            known = TRUE;
            opts->format = format_names[k].format;
          }
      if (!known || !(opts->format & formats))
        {
          g_autofree char *list = format_list (formats, " or ");
          g_set_error (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT,
                       "--format %s: %s; %s writes %s", opts->format_text,
                       known ? "not available here" : "unknown format", command, list);
          return FALSE;
        }
    }
  if (opts->top_text)
    {
      if (!rl_cli_parse_count ("--top", opts->top_text, 0, TOP_MAX, &n, error))
        return FALSE;
      opts->top = (guint) n;
    }
  if (opts->threads_text)
    {
      if (!rl_cli_parse_count ("--threads", opts->threads_text, 1, THREADS_MAX, &n, error))
        return FALSE;
      /* More threads than cores only add stacks and per-thread search
       * state (--threads 1024 took 6.4 s and 425 MB on a 0.2 s job):
       * at most THREADS_PER_CORE per core do any work. */
      opts->threads = (guint) MIN (n, (guint64) THREADS_PER_CORE * g_get_num_processors ());
    }
  if (opts->timeout_text && !parse_seconds ("--timeout", opts->timeout_text, &opts->timeout, error))
    return FALSE;
  if (!rl_cli_check_file_name ("-o", opts->output, TRUE, error))
    return FALSE;
  return TRUE;
}

int
rl_cli_options_parse (RlCliOptions *opts, GOptionContext *ctx, const char *command,
                      int argc, char **argv, GStrv *args)
{
  g_autoptr (GError) error = NULL;
  /* parse_strv takes the array and shrinks it to the positional
   * arguments; the caller's argv stays as it was. */
  GStrv strv = g_new0 (char *, argc + 1);
  for (int k = 0; k < argc; k++)
    strv[k] = g_strdup (argv[k]);
  *args = NULL;

  if (!g_option_context_parse_strv (ctx, &strv, &error))
    {
      g_strfreev (strv);
      return rl_cli_usage_error (command, "%s", error->message);
    }
  if (opts->help)
    {
      g_strfreev (strv);
      rl_cli_options_print_help (ctx, command);
      return RL_EXIT_OK;
    }
  if (!check_values (opts, opts->formats, command, &error))
    {
      g_strfreev (strv);
      return rl_cli_usage_error (command, "%s", error->message);
    }
  /* strv[0] is the command's name; the rest are positional, and an
   * unknown "-x" left there means GOption took it for a value. GOption
   * leaves the "--" that ends the options in place when an argument after
   * it starts with "-" ("solve -- --toy.yaml"): it is the separator, not a
   * file, and what follows it is taken as it is. */
  guint n = g_strv_length (strv);
  GStrv rest = g_new0 (char *, n + 1);
  gboolean separator = FALSE;
  for (int k = 1; k < argc && !separator; k++)
    separator = strcmp (argv[k], "--") == 0;
  guint m = 0;
  for (guint k = 1; k < n; k++)
    {
      if (separator && strcmp (strv[k], "--") == 0)
        {
          separator = FALSE;   /* only the first one */
          continue;
        }
      rest[m++] = g_strdup (strv[k]);
    }
  g_strfreev (strv);
  *args = rest;
  return -1;
}

gboolean
rl_cli_options_rank (const RlCliOptions *opts, const RlScenario *sc, RlRank *rank, GError **error)
{
  if (!opts->rank_text)
    {
      *rank = (RlRank) { RL_SCORE_NASH, 0 };
      return TRUE;
    }
  if (rl_rank_parse (sc, opts->rank_text, rank, error))
    return TRUE;
  /* The library names no flag. A "utility:P" rank fails only for an
   * unknown party, said here as it was: with the flag in the middle. */
  const char *who = g_str_has_prefix (opts->rank_text, "utility:")
                    ? opts->rank_text + strlen ("utility:") : NULL;
  if (who && rl_scenario_find_party (sc, who) < 0)
    {
      guint np = rl_scenario_get_n_parties (sc);
      g_autofree const char **ids = g_new (const char *, np + 1);
      for (guint p = 0; p < np; p++)
        ids[p] = rl_scenario_get_party_id (sc, p);
      g_autofree char *hint = rl_suggest_hint (who, strlen (who), ids, np);
      g_clear_error (error);
      g_set_error (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT, "unknown party '%s' in --rank %s%s",
                   who, opts->rank_text, hint);
    }
  return FALSE;
}
