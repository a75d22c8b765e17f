/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * write-text.h: the human-readable output of check, solve and evaluate,
 * never wider than RL_TEXT_WIDTH (80) columns, numbers to three decimals
 * whatever the locale. Labels are shown where the file has them; ids
 * where it does not.
 */
#pragma once

#include <glib.h>
#include <redline/redline.h>

G_BEGIN_DECLS

/**
 * rl_text_check:
 * One paragraph: "FILE: ok — TITLE; N issues with M options in all;
 * parties, veto parties and observers; red lines and constraints; the
 * package space."
 */
void rl_text_check (GString *out, const char *file, const RlScenario *sc);

/**
 * rl_text_solve:
 * Title, the funnel (space → feasible → compatible → acceptable →
 * Pareto-optimal, with shares of the space), every party's ideal, the
 * ranked list, and the frontier when the result holds one; or, when
 * nothing is acceptable, where the packages are lost.
 */
void rl_text_solve (GString *out, const RlResult *res, const char *file);

/**
 * rl_text_solve_long:
 * rl_text_solve() with every listed package in full (options, scores,
 * utilities); rl_text_solve() shows the first so and the others as one
 * row each, with the issues where they differ from it.
 */
void rl_text_solve_long (GString *out, const RlResult *res, const char *file);

/** rl_text_solve_all_header: the heading of `solve --all`. */
void rl_text_solve_all_header (GString *out, const RlScenario *sc, const char *file,
                               const RlSolveOptions *opts);
/** rl_text_solve_all_footer: how many packages were listed, and whether all. */
void rl_text_solve_all_footer (GString *out, guint64 n, gboolean stopped);

/**
 * rl_text_package:
 * One package as a block: a heading line (its rank when @pkg->rank > 0, its
 * index, its score by @rank when acceptable and @rank is given, Pareto),
 * the options (issue label: option label) and the parties' utilities,
 * BATNAs and gains.
 */
void rl_text_package (GString *out, const RlScenario *sc, const RlPackage *pkg,
                      const RlRank *rank);

/**
 * rl_text_evaluate:
 * The verdict on one package: acceptable or not and why (every broken rule
 * with its note, every veto party below its BATNA), the parties' utilities,
 * its ranks, and whether it is Pareto-optimal or which package dominates
 * it and by how much for each party.
 */
void rl_text_evaluate (GString *out, RlScenario *sc, const RlEvaluation *ev, const char *file);

/* ---- Pieces shared by the text writers ------------------------------------ */

/** RlTextColumn: a numeric column of a party table: one value per party. */
typedef struct {
  const char *header;
  const double *values;
  gboolean plus;     /* sign positive values, for differences */
} RlTextColumn;

/**
 * rl_text_party_table:
 * One row per party (label, "(observer)" for observers), then @n_columns
 * numbers to three decimals, right-aligned under their headers.
 */
void rl_text_party_table (GString *out, const RlScenario *sc, guint indent,
                          const RlTextColumn *columns, guint n_columns);

/** rl_text_options: the package's options as aligned "issue  option" pairs. */
void rl_text_options (GString *out, const RlScenario *sc, const guint8 *options, guint indent);

G_END_DECLS
