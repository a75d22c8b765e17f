/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cmd-brief.c: `redline brief FILE --party P`: the role sheet of one party
 * for a negotiation class: its own priorities, values, red lines and
 * BATNA, and only what is public of the others.
 */
#include "cli.h"

#include <string.h>

#include <redline/redline.h>
#include <redline/report.h>

#include "command.h"
#include "write/write-report.h"

#define COMMAND "brief"

static const char summary[] =
  "Write the role sheet of party P of scenario FILE, for the student who plays\n"
  "it: the situation, the issues and options, P's priorities and values in\n"
  "words and as a chart, P's red lines, what P gets if talks fail, and of\n"
  "every other party only what is public: its label, whether it has a veto,\n"
  "and its public red lines.";

static const char description[] =
  "Nothing private of another party appears: not its weights, values,\n"
  "bonuses, BATNA, power, notes or description, nor a red line with\n"
  "'public: false'.\n"
  "\n"
  "Several sheets (--party A --party B, or --all-parties) are written one\n"
  "file per party, so that no sheet shows another party's private numbers:\n"
  "-o names an existing folder, and each party's sheet goes to DIR/P.md\n"
  "(.html, .txt); every file is written whole, and none is written when one\n"
  "of them cannot be.\n"
  "\n"
  "Formats: markdown (default; the chart as text bars), html (one page, the\n"
  "chart as SVG), text.\n"
  "Exit status: 0 done; 1 invalid scenario; 2 bad command line (a missing or\n"
  "unknown --party, several sheets without -o DIR); 3 cannot read or write.";

static const char *
extension (RlFormat format)
{
  switch (format)
    {
    case RL_FORMAT_HTML:
      return "html";
    case RL_FORMAT_TEXT:
      return "txt";
    default:
      return "md";
    }
}

/* The party named @id, or a usage error with a did-you-mean hint. */
static int
find_party (RlScenario *sc, const char *id, guint *p)
{
  int found = rl_scenario_find_party (sc, id);
  if (found >= 0)
    {
      *p = (guint) found;
      return -1;
    }
  guint np = rl_scenario_get_n_parties (sc);
  g_autofree const char **ids = g_new (const char *, np + 1);
  for (guint q = 0; q < np; q++)
    ids[q] = rl_scenario_get_party_id (sc, q);
  g_autofree char *hint = rl_suggest_hint (id, strlen (id), ids, np);
  return rl_cli_usage_error (COMMAND, "--party: unknown party '%s'%s", id, hint);
}

static GString *
write_sheet (RlCommandRun *cmd, guint p)
{
  g_autoptr (RlBrief) brief = rl_brief_new (cmd->sc, p);
  GString *text = g_string_new (NULL);
  g_autoptr (RlDoc) doc = rl_doc_new (rl_cli_doc_kind (cmd->opts.format), text, NULL);
  rl_write_brief (doc, brief, cmd->file);
  return text;
}

/* Several sheets, DIR/P.EXT each: every one opened (checked) before any
 * is written, every one written to its temporary before any is renamed
 * into place, so that a failure leaves none of them behind. */
static int
write_sheets (RlCommandRun *cmd, GArray *parties)
{
  const char *dir = cmd->opts.output;
  const char *const *loaded = rl_scenario_get_loaded_files (cmd->sc);
  g_autoptr (GPtrArray) outputs = g_ptr_array_new_with_free_func ((GDestroyNotify) rl_output_abort);
  g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  for (guint k = 0; k < parties->len; k++)
    {
      guint p = g_array_index (parties, guint, k);
      g_autofree char *name = g_strdup_printf ("%s.%s", rl_scenario_get_party_id (cmd->sc, p),
                                               extension (cmd->opts.format));
      char *path = g_build_filename (dir, name, NULL);
      g_ptr_array_add (paths, path);
      for (guint f = 0; loaded[f]; f++)
        if (rl_output_is_same_file (path, loaded[f]))
          return rl_cli_usage_error (COMMAND, "-o %s: %s would overwrite %s (an input)", dir,
                                     path, f == 0 ? "the scenario" : loaded[f]);
    }
  for (guint k = 0; k < paths->len; k++)
    {
      RlOutput *output = rl_cli_open_output (g_ptr_array_index (paths, k));
      if (!output)
        return RL_EXIT_IO;
      g_ptr_array_add (outputs, output);
    }
  g_autoptr (GError) error = NULL;
  for (guint k = 0; k < parties->len; k++)
    {
      g_autoptr (GString) text = write_sheet (cmd, g_array_index (parties, guint, k));
      if (!rl_output_write_string (g_ptr_array_index (outputs, k), text, &error))
        return rl_cli_fail (error);
    }
  for (guint k = 0; k < outputs->len; k++)
    {
      RlOutput *output = g_ptr_array_index (outputs, k);
      g_ptr_array_index (outputs, k) = NULL;
      if (!rl_output_commit (output, &error))
        return rl_cli_fail (error);
    }
  return RL_EXIT_OK;
}

int
rl_cmd_brief (RlCommandRun *cmd)
{
  g_auto (GStrv) party_ids = NULL;
  gboolean all = FALSE;
  const GOptionEntry own[] = {
    { "party", 'p', 0, G_OPTION_ARG_STRING_ARRAY, &party_ids,
      "The party the sheet is for (repeat for several; -o DIR)", "P" },
    { "all-parties", 0, 0, G_OPTION_ARG_NONE, &all,
      "A sheet for every party, one file each in -o DIR", NULL },
    { NULL },
  };
  int status;
  if ((status = rl_cli_parse (cmd, summary, description, own)) >= 0)
    return status;
  if (party_ids == NULL && !all)
    return rl_cli_usage_error (COMMAND, "--party is required: whose role sheet?");
  if (party_ids != NULL && all)
    return rl_cli_usage_error (COMMAND, "--party and --all-parties: give one or the other");
  gboolean several = all || g_strv_length (party_ids) > 1;
  const char *dir = cmd->opts.output;
  if (several && (dir == NULL || strcmp (dir, "-") == 0))
    return rl_cli_usage_error (COMMAND, "several role sheets are written one file per party: "
                               "give -o DIR, an existing folder");
  if (several && !g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_printerr ("redline: cannot write %s: not an existing folder (several role sheets "
                  "go one file per party into a folder; redline creates no folders)\n", dir);
      return RL_EXIT_IO;
    }
  if ((status = rl_cli_setup (cmd)) >= 0)
    return status;
  RlScenario *sc = cmd->sc;

  g_autoptr (GArray) parties = g_array_new (FALSE, FALSE, sizeof (guint));
  if (all)
    for (guint p = 0; p < rl_scenario_get_n_parties (sc); p++)
      g_array_append_val (parties, p);
  for (guint k = 0; party_ids && party_ids[k]; k++)
    {
      guint p;
      if ((status = find_party (sc, party_ids[k], &p)) >= 0)
        return status;
      for (guint j = 0; j < parties->len; j++)
        if (g_array_index (parties, guint, j) == p)
          return rl_cli_usage_error (COMMAND, "--party %s is given twice", party_ids[k]);
      g_array_append_val (parties, p);
    }
  if (several)
    return write_sheets (cmd, parties);

  RlOutput *output = rl_cli_open_output (cmd->opts.output);
  if (!output)
    return RL_EXIT_IO;
  g_autoptr (GString) text = write_sheet (cmd, g_array_index (parties, guint, 0));
  return rl_cli_write_output (output, text->str, text->len);
}
