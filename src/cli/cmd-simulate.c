/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cmd-simulate.c: `redline simulate FILE`: play the talks round by round
 * under each party's strategy, then follow the deal through time
 * (simulate.md).
 */
#include "cli.h"

#include <math.h>
#include <string.h>

#include <redline/redline.h>
#include <redline/simulate.h>

#include "command.h"
#include "write/write-json.h"
#include "write/write-simulate.h"

#define COMMAND "simulate"

static const char summary[] =
  "Play the talks of scenario FILE round by round, each veto party following\n"
  "its strategy, then follow the agreed deal through time while the BATNAs\n"
  "drift: do they agree, when, on what, how far from the Nash package, and\n"
  "who walks away first afterwards?";

static const char description[] =
  "Settings come from the scenario's `simulation:` block and each party's\n"
  "`strategy`; the options override them.\n"
  "\n"
  "Strategies: hardliner (never concedes), boulware (e = 0.2, concedes late),\n"
  "linear (e = 1), conceder (e = 5, concedes early), or a number: the\n"
  "exponent e itself.\n"
  "\n"
  "Formats: text (default: the transcript, the outcome, the deal's life, and\n"
  "with --runs the distributions); json (\"redline.simulate/1\").\n"
  "\n"
  "--timeout stops the simulation cleanly: the output is still complete as a\n"
  "document (the transcript up to the last complete round, the runs that\n"
  "finished), marked incomplete. There is no time limit by default.\n"
  "\n"
  "Exit status: 0 done (no deal is an answer too); 1 invalid scenario; 2 bad\n"
  "command line; 3 cannot read or write, or --timeout stopped the simulation.";

typedef struct {
  char *protocol;
  char *rounds;
  char *order;
  char *horizon;
  char *noise;
  char **strategies;
  char *runs;
  char *seed;
  char *transcript;
} SimFlags;

static void
sim_flags_clear (SimFlags *f)
{
  g_free (f->protocol);
  g_free (f->rounds);
  g_free (f->order);
  g_free (f->horizon);
  g_free (f->noise);
  g_strfreev (f->strategies);
  g_free (f->runs);
  g_free (f->seed);
  g_free (f->transcript);
}

/* --strategy's errors, with the flag: the library's words say what is
 * wrong, not where it was written. An unknown strategy (PARTY=STRATEGY
 * well formed, PARTY a party) is said with the value, the rest with the
 * flag alone. */
static void
prefix_strategy_error (const RlScenario *sc, const char *text, GError **error)
{
  const char *eq = strchr (text, '=');
  g_autofree char *party = eq ? g_strndup (text, (gsize) (eq - text)) : NULL;
  if (party && party[0] != '\0' && eq[1] != '\0' && rl_scenario_find_party (sc, party) >= 0)
    g_prefix_error (error, "--strategy %s: ", text);
  else
    g_prefix_error (error, "--strategy: ");
}

/* The flags that need the scenario; each error is a command-line error. */
static gboolean
apply_flags (const SimFlags *f, const RlScenario *sc, RlSimulateOptions *so, GError **error)
{
  guint64 n;
  if (f->protocol)
    {
      if (strcmp (f->protocol, "alternating") == 0)
        so->protocol = RL_PROTOCOL_ALTERNATING;
      else if (strcmp (f->protocol, "mediator") == 0)
        {
          if (rl_scenario_get_status_quo (sc) == NULL)
            {
              g_set_error_literal (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT,
                                   "--protocol mediator starts from the status quo, and this "
                                   "scenario has no 'status_quo'");
              return FALSE;
            }
          so->protocol = RL_PROTOCOL_MEDIATOR;
        }
      else
        {
          g_set_error (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT,
                       "--protocol: unknown protocol '%s' (use alternating or mediator)", f->protocol);
          return FALSE;
        }
    }
  if (f->rounds)
    {
      if (!rl_cli_parse_count ("--rounds", f->rounds, 1, RL_SIM_MAX_ROUNDS, &n, error))
        return FALSE;
      so->rounds = (guint) n;
    }
  if (f->horizon)
    {
      if (!rl_cli_parse_count ("--horizon", f->horizon, 0, RL_SIM_MAX_HORIZON, &n, error))
        return FALSE;
      so->horizon = (guint) n;
    }
  if (f->runs)
    {
      if (!rl_cli_parse_count ("--runs", f->runs, 1, RL_SIM_MAX_RUNS, &n, error))
        return FALSE;
      so->runs = (guint) n;
    }
  if (f->seed)
    {
      if (!rl_cli_parse_count ("--seed", f->seed, 0, G_MAXINT64, &n, error))
        return FALSE;
      so->seed = n;
    }
  if (f->noise)
    {
      char *end = NULL;
      double x = g_ascii_strtod (f->noise, &end);
      /* "-0" is 0 (a sign alone says nothing); other negatives are refused. */
      gboolean digits = g_ascii_isdigit (f->noise[0])
                        || (f->noise[0] == '-' && g_ascii_isdigit (f->noise[1]) && x == 0);
      if (end == f->noise || *end != '\0' || !digits || !rl_number_representable (f->noise, &x)
          || x < 0 || x > RL_SIM_MAX_NOISE)
        {
          g_set_error (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT,
                       "--noise: expected a number from 0 to 10, found '%s'", f->noise);
          return FALSE;
        }
      so->noise = x == 0 ? 0.0 : x;   /* -0 printed as 0 */
    }
  if (f->order && !rl_simulate_options_set_order (so, sc, f->order, error))
    {
      g_prefix_error (error, "--order: ");
      return FALSE;
    }
  for (guint k = 0; f->strategies && f->strategies[k]; k++)
    if (!rl_simulate_options_set_strategy (so, sc, f->strategies[k], error))
      {
        prefix_strategy_error (sc, f->strategies[k], error);
        return FALSE;
      }
  return TRUE;
}

static int
write_transcript (const RlSimulation *sim, const char *path)
{
  RlOutput *output = rl_cli_open_output (path);
  if (!output)
    return RL_EXIT_IO;
  g_autoptr (GString) csv = g_string_new (NULL);
  rl_csv_simulate_transcript (csv, sim);
  return rl_cli_write_output (output, csv->str, csv->len);
}

int
rl_cmd_simulate (RlCommandRun *cmd)
{
  SimFlags f = { 0 };
  const GOptionEntry own[] = {
    { "protocol", 0, 0, G_OPTION_ARG_STRING, &f.protocol,
      "alternating (offers in turn) or mediator (a single text)", "NAME" },
    { "rounds", 0, 0, G_OPTION_ARG_STRING, &f.rounds, "The deadline T: rounds (default 60)", "N" },
    { "order", 0, 0, G_OPTION_ARG_STRING, &f.order, "Who proposes when (veto parties)", "P,Q,..." },
    { "horizon", 0, 0, G_OPTION_ARG_STRING, &f.horizon,
      "Periods the deal is followed (default 40)", "N" },
    { "noise", 0, 0, G_OPTION_ARG_STRING, &f.noise,
      "How wrong parties are about each other (default 0)", "SIGMA" },
    { "strategy", 0, 0, G_OPTION_ARG_STRING_ARRAY, &f.strategies,
      "A party's strategy: P=boulware, P=2.5 (repeatable)", "P=S" },
    { "runs", 0, 0, G_OPTION_ARG_STRING, &f.runs, "Repeat N times and report distributions", "N" },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &f.seed, "The seed of the runs (default 0)", "S" },
    { "transcript", 0, 0, G_OPTION_ARG_FILENAME, &f.transcript,
      "Also write the rounds as CSV to FILE", "FILE" },
    { NULL },
  };
  int status;
  if ((status = rl_cli_parse (cmd, summary, description, own)) >= 0)
    {
      sim_flags_clear (&f);
      return status;
    }
  g_autoptr (GError) error = NULL;
  if (!rl_cli_check_file_name ("--transcript", f.transcript, TRUE, &error))
    {
      sim_flags_clear (&f);
      return rl_cli_usage_error (COMMAND, "%s", error->message);
    }
  /* Neither an input nor the same file as -o (rl_cli_setup() checks). */
  rl_cli_add_output (cmd, "--transcript", f.transcript);
  if ((status = rl_cli_setup (cmd)) >= 0)
    {
      sim_flags_clear (&f);
      return status;
    }
  RlScenario *sc = cmd->sc;
  const char *file = cmd->file;

  RlSimulateOptions so;
  rl_simulate_options_init (&so, sc);
  gboolean ok = apply_flags (&f, sc, &so, &error);
  g_autofree char *transcript = g_steal_pointer (&f.transcript);
  sim_flags_clear (&f);
  if (!ok)
    return rl_cli_usage_error (COMMAND, "%s", error->message);
  so.run = cmd->run;

  RlOutput *output = rl_cli_open_output (cmd->opts.output);
  if (!output)
    return RL_EXIT_IO;
  g_autoptr (RlSimulation) sim = rl_simulate (sc, &so, &error);
  rl_progress_clear (&cmd->progress);
  if (!sim)
    {
      rl_output_abort (output);
      return rl_cli_fail (error);
    }

  g_autoptr (GString) text = g_string_new (NULL);
  if (cmd->opts.format == RL_FORMAT_JSON)
    {
      g_autoptr (JsonNode) doc = rl_json_simulate (sim, file);
      rl_json_write (text, doc, TRUE);
    }
  else
    rl_text_simulate (text, sim, file);
  if (transcript && (status = write_transcript (sim, transcript)) != RL_EXIT_OK)
    {
      rl_output_abort (output);
      return status;
    }
  if ((status = rl_cli_write_output (output, text->str, text->len)) != RL_EXIT_OK)
    return status;
  if (!rl_simulation_is_complete (sim))
    {
      g_printerr ("redline: --timeout stopped the simulation; the output is incomplete\n");
      return RL_EXIT_IO;
    }
  return RL_EXIT_OK;
}
