/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "command.h"

#include "cli.h"

RlOutput *
rl_cli_open_output (const char *path)
{
  g_autoptr (GError) error = NULL;
  RlOutput *output = rl_output_open (path, &error);
  if (!output)
    rl_cli_print_error (error);
  return output;
}

int
rl_cli_write_output (RlOutput *output, const char *data, gsize len)
{
  g_autoptr (GError) error = NULL;
  if (!rl_output_write (output, data, len, &error))
    {
      rl_output_abort (output);
      rl_cli_print_error (error);
      return RL_EXIT_IO;
    }
  if (!rl_output_commit (output, &error))
    {
      rl_cli_print_error (error);
      return RL_EXIT_IO;
    }
  return RL_EXIT_OK;
}

RlDocKind
rl_cli_doc_kind (RlFormat format)
{
  switch (format)
    {
    case RL_FORMAT_HTML:
      return RL_DOC_HTML;
    case RL_FORMAT_MARKDOWN:
      return RL_DOC_MARKDOWN;
    default:
      return RL_DOC_TEXT;
    }
}
