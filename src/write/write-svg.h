/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * write-svg.h: the charts of report, brief and debrief as SVG. Each chart
 * is a complete, well-formed <svg> element that stands alone as a file
 * (Markdown output) or inline in HTML: styles are presentation
 * attributes, never a stylesheet; no scripts, no external references.
 * Classes name what tests count: in the main utility-space chart each
 * acceptable package is one <circle class="pkg">, each Pareto-optimal
 * package one <circle class="frontier-pt"> (in order along x) up to
 * RL_REPORT_MAX_FRONTIER_DOTS, beyond that <rect class="pareto-cell">
 * squares; the line class="frontier" is the frontier of the chart's two
 * parties; pair charts use "pkg-pair" and "frontier-pt-pair"; density
 * cells are <rect class="cell">; markers <g class="marker">. Every mark
 * with a label (a score's ring, the status quo, a group's deal) carries
 * data-mark="N", its label class="mark-label" data-for="N", and a leader
 * line, when the label had to move away, class="leader" data-for="N"
 * (write-svg-labels.h places them). The parallel chart draws
 * class="frontier-line" per sampled package, then class="top-line".
 * Scenario text is escaped (write-markup.h); long labels are cut with an
 * ellipsis and given whole in a <title>.
 */
#pragma once

#include <glib.h>
#include <redline/explain.h>
#include <redline/report.h>

G_BEGIN_DECLS

/** rl_party_colour: a colour per party (colour-blind safe palette, cycled). */
const char *rl_party_colour (guint p);

/** rl_score_label: "Nash", "Kalai", "Max welfare", "Egalitarian". */
const char *rl_score_label (RlScoreKind kind);

/**
 * rl_svg_funnel:
 * Bars for space, feasible, compatible, acceptable and Pareto-optimal on a
 * logarithmic scale, each labelled with its count and share of the space.
 */
void rl_svg_funnel (GString *out, const RlCounts *counts);

/**
 * rl_svg_weights:
 * One bar per issue: party @p's normalised weight, in the party's colour.
 * @order: (nullable): issue positions in the order to draw (all of them,
 *   @n of them); %NULL for file order.
 */
void rl_svg_weights (GString *out, const RlScenario *sc, guint p, const guint *order, guint n);

/** RlSvgSize: the main chart, or one of a grid of small ones. */
typedef enum {
  RL_SVG_LARGE,
  RL_SVG_SMALL,
} RlSvgSize;

/**
 * rl_svg_utility_space:
 * Chart @c of report @r: dots or density cells, the Pareto-optimal
 * packages (points, or squares in the cells when there are many), the
 * frontier of the two parties as a line along x, the packages chosen by each score
 * (coinciding choices share one label), the veto axes' BATNAs as dashed
 * lines, the status quo, and every marker with its label.
 */
void rl_svg_utility_space (GString *out, const RlReport *r, const RlReportChart *c,
                           RlSvgSize size);

/**
 * rl_svg_parallel:
 * A parallel-coordinates chart of the frontier over every veto party
 * (one axis each, the BATNA marked), for scenarios with more veto parties
 * than a grid of pair charts can show: a faint even sample of the
 * frontier (rl_report_get_parallel_line()), the top packages over it.
 */
void rl_svg_parallel (GString *out, const RlReport *r);

/**
 * rl_svg_blockers:
 * One row per blocker: how many feasible packages it excludes, and how
 * many it alone excludes, as bars over the feasible count.
 */
void rl_svg_blockers (GString *out, const RlExplanation *ex);

/**
 * rl_svg_talks:
 * The simulated talks (run 0): for each veto party, the utility of the
 * offer on the table at each round (a solid line, a gap for a pass) and
 * its aspiration (dashed), with the round of agreement marked.
 */
void rl_svg_talks (GString *out, const RlSimulation *sim);

/**
 * rl_svg_tornado:
 * The narrowest margins (@margins, @n of them, in that order) as a
 * tornado: one <g class="tornado-row"> per margin, its bar spanning the
 * parameter's domain, a light <rect class="tornado-zone"> from lo to hi
 * of the zone, a dark <rect class="tornado-top"> of the top package, a
 * tick at the nominal value and a <path class="knife-edge"> when it is one.
 */
void rl_svg_tornado (GString *out, const RlSensitivity *sens, const RlMargin *const *margins,
                     guint n);

/**
 * rl_svg_shares:
 * Shares of a Monte Carlo as bars with their Wilson intervals: one
 * <g class="share-row"> per share, labelled @labels[k].
 */
void rl_svg_shares (GString *out, const char *const *labels, const RlShare *const *shares, guint n);

G_END_DECLS
