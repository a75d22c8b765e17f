/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * write-doc.h: one document, three renderings. The report, brief and
 * debrief are written once against this small interface (sections,
 * headings, paragraphs of inline runs, lists, tables, figures) and come
 * out as HTML (one self-contained page: inline CSS and SVG, no scripts,
 * A4 print rules), Markdown (GitHub-flavoured; figures as SVG files beside
 * it, or as text charts in a code block when there is nowhere to put
 * files) or plain text (80 columns, figures as text charts). So every
 * format has the same sections by construction.
 *
 * Every string given to a run (rl_doc_text() and the rest) is escaped for
 * the format; callers never escape. Inline runs go inside a paragraph, a
 * list item or a table cell.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  RL_DOC_HTML,
  RL_DOC_MARKDOWN,
  RL_DOC_TEXT,
} RlDocKind;

typedef struct _RlDoc RlDoc;

/** RlDocFile: a figure written as a file beside a Markdown document. */
typedef struct {
  char *name;        /* relative to the document: "report-files/funnel.svg" */
  GString *content;
} RlDocFile;

/**
 * rl_doc_new:
 * @out: where the document goes (appended to)
 * @files_dir: (nullable): Markdown only: the folder (relative to the
 *   document) for figures as SVG files; %NULL: figures as text charts
 */
RlDoc *rl_doc_new (RlDocKind kind, GString *out, const char *files_dir);
void rl_doc_free (RlDoc *doc);
RlDocKind rl_doc_get_kind (const RlDoc *doc);

/**
 * rl_doc_steal_files:
 * Returns: (transfer full) (element-type RlDocFile): the figure files a
 *   Markdown document refers to, in order; free with rl_doc_files_free().
 */
GPtrArray *rl_doc_steal_files (RlDoc *doc);
void rl_doc_file_free (gpointer file);

/** rl_doc_begin: the page's head (HTML: <head>, style, <body>) and the title. */
void rl_doc_begin (RlDoc *doc, const char *title, const char *subtitle);
void rl_doc_end (RlDoc *doc, const char *footer);

/** rl_doc_section_open: a section with a stable @id (HTML) and a level-2 heading. */
void rl_doc_section_open (RlDoc *doc, const char *id, const char *title);
void rl_doc_section_close (RlDoc *doc);
/** rl_doc_heading: a level-3 (or deeper) heading. */
void rl_doc_heading (RlDoc *doc, guint level, const char *text);

/** Paragraphs; @cls: (nullable) "note" for muted small print. */
void rl_doc_para_open (RlDoc *doc, const char *cls);
void rl_doc_para_close (RlDoc *doc);
/** rl_doc_para: a paragraph of one run. */
void rl_doc_para (RlDoc *doc, const char *text);
void rl_doc_paraf (RlDoc *doc, const char *format, ...) G_GNUC_PRINTF (2, 3);
/**
 * rl_doc_paragraphs:
 * @text: (nullable): free text that may hold paragraphs (a folded or
 *   literal YAML block); nothing for %NULL
 * One paragraph per blank-line-separated block, empty blocks skipped.
 */
void rl_doc_paragraphs (RlDoc *doc, const char *text);
/** rl_doc_para_titled: a paragraph "TITLE: TEXT" with the title in bold ("Why: ..."). */
void rl_doc_para_titled (RlDoc *doc, const char *title, const char *text);

/* Inline runs. */
void rl_doc_text (RlDoc *doc, const char *text);
void rl_doc_textf (RlDoc *doc, const char *format, ...) G_GNUC_PRINTF (2, 3);
void rl_doc_strong (RlDoc *doc, const char *text);
void rl_doc_em (RlDoc *doc, const char *text);
void rl_doc_code (RlDoc *doc, const char *text);
/** rl_doc_link: an external link (HTML: rel=noreferrer; text: "text <url>"). */
void rl_doc_link (RlDoc *doc, const char *text, const char *url);
/** rl_doc_chip: a small colour swatch before a party's name (HTML only). */
void rl_doc_chip (RlDoc *doc, const char *colour);

/* Lists: items hold inline runs. */
void rl_doc_list_open (RlDoc *doc, gboolean ordered);
void rl_doc_item_open (RlDoc *doc);
void rl_doc_item_close (RlDoc *doc);
void rl_doc_list_close (RlDoc *doc);

/**
 * rl_doc_table_open:
 * @cls: (nullable) a class for HTML
 * @align: one letter per column, 'l' or 'r'
 * @headers: one per column
 */
void rl_doc_table_open (RlDoc *doc, const char *cls, const char *align,
                        const char *const *headers);
void rl_doc_row_open (RlDoc *doc, const char *cls);
/** rl_doc_cell_open: @shade: in [0, 1] a background strength (HTML), < 0 none. */
void rl_doc_cell_open (RlDoc *doc, double shade);
void rl_doc_cell_close (RlDoc *doc);
/** rl_doc_cell: a cell of one run. */
void rl_doc_cell (RlDoc *doc, const char *text);
void rl_doc_row_close (RlDoc *doc);
void rl_doc_table_close (RlDoc *doc);

/**
 * rl_doc_figure:
 * @name: file name for Markdown ("funnel.svg"), unique in the document
 * @caption: what the figure shows
 * @svg: (nullable): the chart
 * @text: (nullable): the same as a text chart, for text and for Markdown
 *   without a files folder
 * @cls: (nullable): a class for HTML (layout: "small" for grid charts)
 */
void rl_doc_figure (RlDoc *doc, const char *name, const char *caption, const GString *svg,
                    const char *text, const char *cls);

/** rl_doc_grid_open/close: figures side by side (HTML); one after another elsewhere. */
void rl_doc_grid_open (RlDoc *doc);
void rl_doc_grid_close (RlDoc *doc);

/**
 * rl_doc_text_bar:
 * Appends to @out a text bar of @fraction (0..1) of @width cells, with
 * eighth-blocks for the remainder.
 */
void rl_doc_text_bar (GString *out, double fraction, guint width);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RlDoc, rl_doc_free)

G_END_DECLS
