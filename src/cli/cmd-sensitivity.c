/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cmd-sensitivity.c: `redline sensitivity FILE`: how far can the numbers
 * be wrong before the answer changes? Exact BATNA thresholds, one-at-a-
 * time margins, knife edges and a Monte Carlo (sensitivity.md).
 */
#include "cli.h"

#include <math.h>
#include <string.h>

#include <redline/redline.h>

#include "command.h"
#include "write/write-json.h"
#include "write/write-sensitivity.h"

#define COMMAND "sensitivity"

/* Beyond this many samples a run takes hours; a typo, not a wish. */
#define MAX_SAMPLES 100000000

static const char summary[] =
  "How far can the numbers of scenario FILE be wrong before the answer\n"
  "changes? The exact BATNA at which the zone of agreement closes, for each\n"
  "veto party; for every BATNA, weight, value and bonus, how far it can move\n"
  "alone before the zone closes or the top package changes (knife edges: one\n"
  "step is enough); and a Monte Carlo that moves every number at once.";

static const char description[] =
  "Margins scan a grid: BATNAs by --step-batna over ±0.5, weights as\n"
  "multiples 0 to 10 by --step-weight, values (0 to 1) and bonuses (-1 to 1)\n"
  "by --step-value. The Monte Carlo draws weights from a Dirichlet around\n"
  "today's (--concentration), adds Gaussian noise to values and bonuses\n"
  "(--value-noise) and flat noise to BATNAs (--batna-noise); sample s is\n"
  "seeded from --seed and s alone, so any --threads gives the same answer.\n"
  "See scenarios/README.md, \"Sensitivity\".\n"
  "\n"
  "Formats: text (default); json (\"redline.sensitivity/1\"); csv (one row\n"
  "per margin).\n"
  "Exit status: 0 done (also when the zone is empty); 1 invalid scenario;\n"
  "2 bad command line (--rank durability, a step not above 0, a noise below\n"
  "0); 3 cannot read or write, or --timeout stopped the work (what was\n"
  "settled is still written, marked incomplete).";

typedef struct {
  char *samples, *seed, *concentration, *value_noise, *batna_noise;
  char *step_batna, *step_weight, *step_value;
  gboolean no_margins;
} SensFlags;

static void
sens_flags_clear (SensFlags *f)
{
  g_clear_pointer (&f->samples, g_free);
  g_clear_pointer (&f->seed, g_free);
  g_clear_pointer (&f->concentration, g_free);
  g_clear_pointer (&f->value_noise, g_free);
  g_clear_pointer (&f->batna_noise, g_free);
  g_clear_pointer (&f->step_batna, g_free);
  g_clear_pointer (&f->step_weight, g_free);
  g_clear_pointer (&f->step_value, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SensFlags, sens_flags_clear)

/* A plain decimal number (JSON's grammar, no sign for a step) in
 * [min, max], above min when @open. */
static gboolean
parse_real (const char *flag, const char *text, double min, double max, gboolean open,
            double *value, GError **error)
{
  char *end = NULL;
  double x = text && *text ? g_ascii_strtod (text, &end) : NAN;
  gboolean ok = end != NULL && end != text && *end == '\0' && isfinite (x)
                && (g_ascii_isdigit (text[0]) || (text[0] == '-' && g_ascii_isdigit (text[1])))
                && (open ? x > min : x >= min) && x <= max;
  if (!ok)
    {
      if (open)
        g_set_error (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT,
                     "%s: expected a number above %g and at most %g, found '%s'", flag, min,
                     max, text ? text : "");
      else
        g_set_error (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT,
                     "%s: expected a number from %g to %g, found '%s'", flag, min, max,
                     text ? text : "");
      return FALSE;
    }
  *value = x;
  return TRUE;
}

static gboolean
read_flags (const SensFlags *f, const RlCliOptions *opts, RlSensitivityOptions *so,
            GError **error)
{
  guint64 n;
  if (f->samples)
    {
      if (!rl_cli_parse_count ("--samples", f->samples, 0, MAX_SAMPLES, &n, error))
        return FALSE;
      so->samples = (guint) n;
    }
  if (f->seed)
    {
      if (!rl_cli_parse_count ("--seed", f->seed, 0, G_MAXUINT32, &n, error))
        return FALSE;
      so->seed = n;
    }
  if (opts->top_text)
    so->top = opts->top;
  so->margins = !f->no_margins;
  return (!f->concentration
          || parse_real ("--concentration", f->concentration, 0, 1e6, FALSE, &so->concentration, error))
         && (!f->value_noise
             || parse_real ("--value-noise", f->value_noise, 0, 10, FALSE, &so->value_noise, error))
         && (!f->batna_noise
             || parse_real ("--batna-noise", f->batna_noise, 0, 10, FALSE, &so->batna_noise, error))
         && (!f->step_batna
             || parse_real ("--step-batna", f->step_batna, 0, 1, TRUE, &so->step_batna, error))
         && (!f->step_weight
             || parse_real ("--step-weight", f->step_weight, 0, 10, TRUE, &so->step_weight, error))
         && (!f->step_value
             || parse_real ("--step-value", f->step_value, 0, 2, TRUE, &so->step_value, error));
}

static void
render (GString *text, const RlSensitivity *sens, const char *file, RlFormat format, guint top)
{
  switch (format)
    {
    case RL_FORMAT_JSON:
      {
        g_autoptr (JsonNode) doc = rl_json_sensitivity (sens, file);
        rl_json_write (text, doc, TRUE);
        break;
      }
    case RL_FORMAT_CSV:
      rl_csv_sensitivity (text, sens);
      break;
    default:
      rl_text_sensitivity (text, sens, file, top);
      break;
    }
}

int
rl_cmd_sensitivity (RlCommandRun *cmd)
{
  g_auto (SensFlags) f = { 0 };
  const GOptionEntry own[] = {
    { "samples", 0, 0, G_OPTION_ARG_STRING, &f.samples,
      "Monte Carlo samples (default 1000; 0 skips it)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &f.seed, "The Monte Carlo's seed (default 1)", "S" },
    { "concentration", 0, 0, G_OPTION_ARG_STRING, &f.concentration,
      "Weights drawn around today's (default 50; 0 keeps them)", "C" },
    { "value-noise", 0, 0, G_OPTION_ARG_STRING, &f.value_noise,
      "σ of the values and bonuses (default 0.05)", "σ" },
    { "batna-noise", 0, 0, G_OPTION_ARG_STRING, &f.batna_noise,
      "BATNAs move by up to ± this (default 0.05)", "δ" },
    { "step-batna", 0, 0, G_OPTION_ARG_STRING, &f.step_batna,
      "Grid step of the BATNAs (default 0.001)", "Δ" },
    { "step-weight", 0, 0, G_OPTION_ARG_STRING, &f.step_weight,
      "Grid step of the weight multipliers (default 0.05)", "Δ" },
    { "step-value", 0, 0, G_OPTION_ARG_STRING, &f.step_value,
      "Grid step of the values and bonuses (default 0.01)", "Δ" },
    { "no-margins", 0, 0, G_OPTION_ARG_NONE, &f.no_margins,
      "Thresholds and Monte Carlo only", NULL },
    { NULL },
  };
  int status;
  if ((status = rl_cli_parse (cmd, summary, description, own)) >= 0)
    return status;
  RlSensitivityOptions so;
  rl_sensitivity_options_init (&so);
  g_autoptr (GError) error = NULL;
  if (!read_flags (&f, &cmd->opts, &so, &error))
    return rl_cli_usage_error (COMMAND, "%s", error->message);
  if ((status = rl_cli_setup (cmd)) >= 0)
    return status;
  if (cmd->rank.kind == RL_SCORE_DURABILITY)
    return rl_cli_usage_error (COMMAND, "--rank durability is not a ranking sensitivity can "
                               "test (use welfare, nash, kalai, min_gain or utility:PARTY)");
  so.rank = cmd->rank;
  so.run = cmd->run;

  g_autoptr (RlOutput) output = rl_cli_open_output (cmd->opts.output);
  if (!output)
    return RL_EXIT_IO;
  g_autoptr (RlSensitivity) sens = rl_sensitivity (cmd->sc, &so, &error);
  rl_progress_clear (&cmd->progress);
  if (!sens)
    {
      if (g_error_matches (error, RL_ERROR, RL_ERROR_INVALID_ARGUMENT))
        return rl_cli_usage_error (COMMAND, "%s", error->message);
      return rl_cli_fail (error);
    }
  g_autoptr (GString) text = g_string_new (NULL);
  render (text, sens, cmd->file, cmd->opts.format, so.top);
  if ((status = rl_cli_write_output (g_steal_pointer (&output), text->str, text->len)) != RL_EXIT_OK)
    return status;
  if (!rl_sensitivity_is_complete (sens))
    {
      g_printerr ("redline: --timeout stopped the work; only what was written was settled\n");
      return RL_EXIT_IO;
    }
  return RL_EXIT_OK;
}
