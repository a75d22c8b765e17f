/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cmd-solve.c: `redline solve FILE`: the counts of scenario.md section 5,
 * the top packages by a score, the Pareto frontier (--frontier), or every
 * acceptable package as a stream (--all).
 */
#include "cli.h"

#include <redline/redline.h>

#include "command.h"
#include "write/write-csv.h"
#include "write/write-json.h"
#include "write/write-stability.h"
#include "write/write-text.h"

#define COMMAND "solve"

/* Streamed output is written in blocks of about this many bytes. */
#define STREAM_BLOCK (64 * 1024)

static const char summary[] =
  "Count the packages of scenario FILE (feasible, compatible, acceptable,\n"
  "Pareto-optimal), give each party's ideal, and list the top packages by a\n"
  "score; optionally the whole Pareto frontier, or every acceptable package.";

static const char description[] =
  "Scores (scenarios/README.md, section 7): welfare (sum of utilities), nash\n"
  "(product of gains over BATNA, weighted by power), kalai (smallest share of\n"
  "each party's possible gain), min_gain (smallest gain), utility:PARTY; and\n"
  "durability (scenarios/README.md, section 9: periods until a veto party's\n"
  "drifting BATNA overtakes the deal; those that never break first, by Nash\n"
  "product).\n"
  "\n"
  "Formats: text (default); json (\"redline.solve/1\"; with --all, JSON Lines,\n"
  "one package per line); csv (the ranked list, or the frontier with\n"
  "--frontier, or every acceptable package with --all).\n"
  "\n"
  "Exit status: 0 done (no acceptable package is an answer too); 1 invalid\n"
  "scenario; 2 bad command line; 3 cannot read or write, --timeout or\n"
  "--max-packages stopped the work, or the package space is too large to\n"
  "count (use --only-top).";

typedef struct {
  gboolean frontier;
  gboolean all;
  gboolean ignore_batna;
  gboolean only_top;
  gboolean stability;
  gboolean long_listing;
  char *max_packages_text;
} SolveFlags;

static void
solve_flags_clear (SolveFlags *f)
{
  g_clear_pointer (&f->max_packages_text, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SolveFlags, solve_flags_clear)

/* ---- --all: every acceptable package as it is found --------------------------- */

typedef struct {
  const RlScenario *sc;
  const RlRank *rank;
  RlFormat format;
  RlOutput *output;
  RlProgress *progress;
  GString *buffer;
  guint64 n;
  GError *error;     /* the first write error */
} Stream;

static gboolean
stream_flush (Stream *st)
{
  if (st->error)
    return FALSE;
  rl_progress_clear (st->progress);
  if (!rl_output_write_string (st->output, st->buffer, &st->error))
    return FALSE;
  g_string_truncate (st->buffer, 0);
  return TRUE;
}

static gboolean
stream_package (const RlPackage *pkg, gpointer data)
{
  Stream *st = data;
  switch (st->format)
    {
    case RL_FORMAT_JSON:
      {
        g_autoptr (JsonNode) node = rl_json_package (st->sc, pkg, FALSE);
        rl_json_write (st->buffer, node, FALSE);
        break;
      }
    case RL_FORMAT_CSV:
      rl_csv_row (st->buffer, st->sc, pkg, FALSE);
      break;
    default:
      g_string_append_c (st->buffer, '\n');
      rl_text_package (st->buffer, st->sc, pkg, st->rank);
      break;
    }
  st->n++;
  /* A write error stops the search: nobody reads what follows. */
  return st->buffer->len < STREAM_BLOCK || stream_flush (st);
}

/* solve_all() and solve_ranked() own @output: they commit or abort it. */
static int
solve_all (RlScenario *sc, const char *file, const RlSolveOptions *so, guint64 max_packages,
           RlFormat format, RlOutput *output, RlProgress *progress)
{
  g_autoptr (GString) buffer = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  Stream st = { sc, &so->rank, format, output, progress, buffer, 0, NULL };
  gboolean stopped = FALSE;

  if (format == RL_FORMAT_CSV)
    rl_csv_header (buffer, sc, FALSE);
  else if (format == RL_FORMAT_TEXT)
    rl_text_solve_all_header (buffer, sc, file, so);

  if (!rl_solve_each (sc, so, max_packages, stream_package, &st, &stopped, &error))
    {
      rl_progress_clear (progress);
      rl_output_abort (output);
      return rl_cli_fail (error);
    }
  if (format == RL_FORMAT_TEXT)
    rl_text_solve_all_footer (buffer, st.n, stopped && !st.error);
  stream_flush (&st);
  rl_progress_clear (progress);
  if (st.error)
    {
      rl_output_abort (output);
      rl_cli_print_error (st.error);
      g_error_free (st.error);
      return RL_EXIT_IO;
    }
  if (!rl_output_commit (output, &error))
    {
      rl_cli_print_error (error);
      return RL_EXIT_IO;
    }
  if (stopped)
    {
      g_printerr ("redline: stopped early by %s after %" G_GUINT64_FORMAT " %s; "
                  "more acceptable packages may exist\n",
                  max_packages > 0 && st.n >= max_packages ? "--max-packages" : "--timeout",
                  st.n, st.n == 1 ? "package" : "packages");
      return RL_EXIT_IO;
    }
  return RL_EXIT_OK;
}

/* ---- The ranked list, the counts, the frontier ----------------------------------- */

/* --stability: the verdicts of the listed packages (stability.md): the
 * ranked list, or with --frontier every acceptable package. */
static RlStability *
listed_stability (RlScenario *sc, const RlSolveOptions *so, GError **error)
{
  RlStabilityOptions st;
  rl_stability_options_init (&st);
  st.packages = so->flags & RL_SOLVE_FRONTIER ? RL_STABILITY_ACCEPTABLE : RL_STABILITY_TOP;
  st.rank = so->rank;
  st.top = so->top;
  st.run = so->run;
  return rl_stability (sc, &st, error);
}

static int
solve_ranked (RlScenario *sc, const char *file, const RlSolveOptions *so, RlFormat format,
              gboolean with_stability, gboolean long_listing, RlOutput *output,
              RlProgress *progress)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RlResult) res = rl_solve (sc, so, &error);
  g_autoptr (RlStability) st = res && with_stability ? listed_stability (sc, so, &error) : NULL;
  rl_progress_clear (progress);
  if (!res || (with_stability && !st))
    {
      rl_output_abort (output);
      return rl_cli_fail (error);
    }

  g_autoptr (GString) text = g_string_new (NULL);
  switch (format)
    {
    case RL_FORMAT_JSON:
      if (st)
        {
          g_autoptr (JsonNode) doc = rl_json_solve (res, file);
          rl_json_add_stability_members (doc, st);
          rl_json_write (text, doc, TRUE);
        }
      else
        rl_json_write_solve (text, res, file);
      break;
    case RL_FORMAT_CSV:
      rl_csv_solve (text, res);
      if (st)
        rl_csv_add_stability_column (text, st);
      break;
    default:
      if (long_listing)
        rl_text_solve_long (text, res, file);
      else
        rl_text_solve (text, res, file);
      if (st)
        rl_text_solve_stability (text, st);
      break;
    }
  int status = rl_cli_write_output (output, text->str, text->len);
  if (status != RL_EXIT_OK)
    return status;
  if (!rl_result_is_complete (res) || (st && !rl_stability_is_complete (st)))
    {
      g_printerr ("redline: --timeout stopped the search; the output is incomplete%s\n",
                  rl_result_get_counts (res, NULL) ? " (counts are lower bounds)" : "");
      return RL_EXIT_IO;
    }
  return RL_EXIT_OK;
}

/* Combinations that make no sense, caught before any work. */
static int
check_flags (const SolveFlags *f, guint64 *max_packages)
{
  *max_packages = 0;
  if (f->all && (f->frontier || f->only_top))
    return rl_cli_usage_error (COMMAND, "--all lists every acceptable package; it does not go "
                               "with %s", f->frontier ? "--frontier" : "--only-top");
  if (f->all && f->stability)
    return rl_cli_usage_error (COMMAND, "--stability marks the listed packages; it does not go "
                               "with --all");
  if (f->frontier && f->only_top)
    return rl_cli_usage_error (COMMAND, "--only-top computes no frontier; it does not go with "
                               "--frontier");
  if (f->max_packages_text)
    {
      g_autoptr (GError) error = NULL;
      if (!f->all)
        return rl_cli_usage_error (COMMAND, "--max-packages needs --all");
      if (!rl_cli_parse_count ("--max-packages", f->max_packages_text, 1, G_MAXINT64,
                               max_packages, &error))
        return rl_cli_usage_error (COMMAND, "%s", error->message);
    }
  return -1;
}

int
rl_cmd_solve (RlCommandRun *cmd)
{
  g_auto (SolveFlags) f = { 0 };
  const GOptionEntry own[] = {
    { "frontier", 0, 0, G_OPTION_ARG_NONE, &f.frontier,
      "Also list the Pareto frontier (index order)", NULL },
    { "all", 0, 0, G_OPTION_ARG_NONE, &f.all,
      "Stream every acceptable package", NULL },
    { "ignore-batna", 0, 0, G_OPTION_ARG_NONE, &f.ignore_batna,
      "Count every compatible package as acceptable", NULL },
    { "only-top", 0, 0, G_OPTION_ARG_NONE, &f.only_top,
      "The ranked list alone: no counts; any space size", NULL },
    { "stability", 0, 0, G_OPTION_ARG_NONE, &f.stability,
      "Also say which listed packages would hold (stability)", NULL },
    { "long", 0, 0, G_OPTION_ARG_NONE, &f.long_listing,
      "Text: every listed package in full, not one row each", NULL },
    { "max-packages", 0, 0, G_OPTION_ARG_STRING, &f.max_packages_text,
      "With --all, stop after N packages (then exit 3)", "N" },
    { NULL },
  };
  int status = rl_cli_parse (cmd, summary, description, own);
  if (status >= 0)
    return status;
  guint64 max_packages;
  if ((status = check_flags (&f, &max_packages)) >= 0)
    return status;
  if ((status = rl_cli_setup (cmd)) >= 0)
    return status;

  RlSolveOptions so;
  rl_cli_solve_options_init (&so, cmd);
  so.flags = (f.frontier ? RL_SOLVE_FRONTIER : 0) | (f.ignore_batna ? RL_SOLVE_IGNORE_BATNA : 0)
             | (f.only_top ? RL_SOLVE_ONLY_TOP : 0);

  RlOutput *output = rl_cli_open_output (cmd->opts.output);
  if (!output)
    return RL_EXIT_IO;
  if (f.all)
    status = solve_all (cmd->sc, cmd->file, &so, max_packages, cmd->opts.format, output,
                        &cmd->progress);
  else
    status = solve_ranked (cmd->sc, cmd->file, &so, cmd->opts.format, f.stability, f.long_listing,
                           output, &cmd->progress);
  return status;
}
