/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * write-doc.c: the three renderings of write-doc.h. Inline runs collect
 * in a buffer (escaped for the format as they come); the block around
 * them (paragraph, list item, table cell) decides what to do with it when
 * it closes: HTML wraps it in its element, Markdown in its syntax, text
 * wraps it to 80 columns.
 */
#include "write/write-doc.h"

#include <math.h>
#include <string.h>

#include "rl-config.h"
#include "write/write-markup.h"
#include "write/write-number.h"
#include "write/write-text-layout.h"

typedef struct {
  char *align;
  GPtrArray *headers;      /* char*, plain (text) or escaped (markdown) */
  GPtrArray *rows;         /* GPtrArray of char* */
  GPtrArray *row;          /* the row being built */
} Table;

struct _RlDoc {
  RlDocKind kind;
  GString *out;
  char *files_dir;
  GPtrArray *files;
  GString *runs;           /* inline content of the open block */
  gboolean in_cell;
  gboolean in_item;
  gboolean list_ordered;
  guint item_number;
  const char *para_cls;
  Table *table;
  guint cell_col;
  double cell_shade;
};

/* ---- The page -------------------------------------------------------------------- */

static const char css[] =
  "*{box-sizing:border-box}\n"
  "body{font-family:\"DejaVu Sans\",Helvetica,Arial,sans-serif;color:#222;background:#fff;"
  "margin:0;line-height:1.45;font-size:15px}\n"
  "main{max-width:960px;margin:0 auto;padding:24px 28px 48px}\n"
  "header.page{border-bottom:3px solid #08519c;margin-bottom:12px}\n"
  "h1{font-size:26px;margin:8px 0 4px}\n"
  "p.subtitle{color:#555;margin:0 0 12px}\n"
  "h2{font-size:20px;margin:28px 0 8px;padding-bottom:3px;border-bottom:1px solid #ccc;"
  "color:#08306b}\n"
  "h3{font-size:16px;margin:18px 0 6px}\n"
  "h4{font-size:15px;margin:14px 0 4px}\n"
  "p{margin:6px 0}\n"
  "p.note,.note{color:#555;font-size:13px}\n"
  "code{font-family:\"DejaVu Sans Mono\",monospace;font-size:12.5px;background:#f3f3f3;"
  "padding:0 3px;border-radius:3px;overflow-wrap:anywhere}\n"
  "table{border-collapse:collapse;margin:8px 0 12px;font-size:13.5px;width:100%}\n"
  "th,td{border:1px solid #d4d4d4;padding:4px 6px;vertical-align:top;text-align:left}\n"
  "th{background:#eef3f8}\n"
  "td.r,th.r{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
  "tr.differs td{background:#fff4e5}\n"
  "tr.bad td{background:#fdecea}\n"
  "tr.ok td{background:#edf7ed}\n"
  "figure{margin:10px 0 16px;break-inside:avoid;page-break-inside:avoid}\n"
  "figure svg{max-width:100%;height:auto;display:block}\n"
  "figcaption{font-size:13px;color:#444;margin-top:4px}\n"
  ".grid{display:flex;flex-wrap:wrap;gap:8px}\n"
  ".grid figure{flex:1 1 260px;max-width:290px}\n"
  ".chip{display:inline-block;width:11px;height:11px;border-radius:2px;margin-right:5px;"
  "vertical-align:baseline}\n"
  "ul,ol{margin:6px 0;padding-left:24px}\n"
  "li{margin:3px 0}\n"
  "section{margin-bottom:8px}\n"
  "footer{margin-top:32px;border-top:1px solid #ccc;color:#666;font-size:12px;padding-top:6px}\n"
  "a{color:#08519c}\n"
  "@page{size:A4;margin:14mm 12mm}\n"
  "@media print{body{font-size:10.5pt}main{max-width:none;padding:0}"
  "h2{break-after:avoid;page-break-after:avoid}h3,h4{break-after:avoid;page-break-after:avoid}"
  "table,figure,tr{break-inside:avoid;page-break-inside:avoid}"
  "section.major{break-before:page;page-break-before:always}"
  "a{color:inherit;text-decoration:none}}\n";

RlDoc *
rl_doc_new (RlDocKind kind, GString *out, const char *files_dir)
{
  RlDoc *doc = g_new0 (RlDoc, 1);
  doc->kind = kind;
  doc->out = out;
  doc->files_dir = g_strdup (files_dir);
  doc->files = g_ptr_array_new_with_free_func (rl_doc_file_free);
  doc->runs = g_string_new (NULL);
  return doc;
}

static void
table_free (Table *t)
{
  if (!t)
    return;
  g_free (t->align);
  g_ptr_array_unref (t->headers);
  g_ptr_array_unref (t->rows);
  if (t->row)
    g_ptr_array_unref (t->row);
  g_free (t);
}

void
rl_doc_free (RlDoc *doc)
{
  if (!doc)
    return;
  g_free (doc->files_dir);
  g_ptr_array_unref (doc->files);
  g_string_free (doc->runs, TRUE);
  table_free (doc->table);
  g_free (doc);
}

RlDocKind
rl_doc_get_kind (const RlDoc *doc)
{
  return doc->kind;
}

void
rl_doc_file_free (gpointer data)
{
  RlDocFile *f = data;
  g_free (f->name);
  g_string_free (f->content, TRUE);
  g_free (f);
}

GPtrArray *
rl_doc_steal_files (RlDoc *doc)
{
  GPtrArray *files = doc->files;
  doc->files = g_ptr_array_new_with_free_func (rl_doc_file_free);
  return files;
}

/* Plain text for the text rendering: valid UTF-8, no control characters,
 * line breaks as spaces (wrapping is the block's business). */
static void
append_plain (GString *out, const char *text)
{
  g_autofree char *clean = rl_clean_text (text);
  for (char *p = clean; *p; p++)
    if (*p == '\n' || *p == '\t')
      *p = ' ';
  g_string_append (out, clean);
}

static void
underline (GString *out, const char *text, char c)
{
  guint w = MIN (rl_text_width (text), RL_TEXT_WIDTH);
  for (guint k = 0; k < w; k++)
    g_string_append_c (out, c);
  g_string_append_c (out, '\n');
}

void
rl_doc_begin (RlDoc *doc, const char *title, const char *subtitle)
{
  GString *out = doc->out;
  switch (doc->kind)
    {
    case RL_DOC_HTML:
      g_string_append (out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                            "<meta name=\"generator\" content=\"redline " RL_VERSION "\">\n<title>");
      rl_markup_append (out, title);
      g_string_append_printf (out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<main>\n"
                                   "<header class=\"page\">\n<h1>", css);
      rl_markup_append (out, title);
      g_string_append (out, "</h1>\n");
      if (subtitle)
        {
          g_string_append (out, "<p class=\"subtitle\">");
          rl_markup_append (out, subtitle);
          g_string_append (out, "</p>\n");
        }
      g_string_append (out, "</header>\n");
      break;
    case RL_DOC_MARKDOWN:
      g_string_append (out, "# ");
      rl_markdown_append (out, title);
      g_string_append (out, "\n\n");
      if (subtitle)
        {
          g_string_append_c (out, '*');
          rl_markdown_append (out, subtitle);
          g_string_append (out, "*\n\n");
        }
      break;
    case RL_DOC_TEXT:
      {
        GString *t = g_string_new (NULL);
        append_plain (t, title);
        rl_text_append_wrapped (out, t->str, 0, 0);
        g_auto (GStrv) lines = rl_text_wrap (t->str, RL_TEXT_WIDTH);
        underline (out, lines[g_strv_length (lines) - 1], '=');
        g_string_free (t, TRUE);
        if (subtitle)
          rl_text_append_wrapped (out, subtitle, 0, 0);
        g_string_append_c (out, '\n');
        break;
      }
    }
}

void
rl_doc_end (RlDoc *doc, const char *footer)
{
  GString *out = doc->out;
  switch (doc->kind)
    {
    case RL_DOC_HTML:
      g_string_append (out, "<footer>");
      rl_markup_append (out, footer);
      g_string_append (out, "</footer>\n</main>\n</body>\n</html>\n");
      break;
    case RL_DOC_MARKDOWN:
      g_string_append (out, "---\n\n*");
      rl_markdown_append (out, footer);
      g_string_append (out, "*\n");
      break;
    case RL_DOC_TEXT:
      underline (out, "--------------------", '-');
      rl_text_append_wrapped (out, footer, 0, 0);
      break;
    }
}

/* ---- Sections and headings ---------------------------------------------------------- */

void
rl_doc_section_open (RlDoc *doc, const char *id, const char *title)
{
  GString *out = doc->out;
  switch (doc->kind)
    {
    case RL_DOC_HTML:
      g_string_append_printf (out, "<section id=\"%s\">\n<h2>", id);
      rl_markup_append (out, title);
      g_string_append (out, "</h2>\n");
      break;
    case RL_DOC_MARKDOWN:
      g_string_append (out, "## ");
      rl_markdown_append (out, title);
      g_string_append (out, "\n\n");
      break;
    case RL_DOC_TEXT:
      {
        g_autofree char *upper = g_utf8_strup (title, -1);
        g_string_append_c (out, '\n');
        rl_text_append_wrapped (out, upper, 0, 0);
        underline (out, upper, '-');
        break;
      }
    }
}

void
rl_doc_section_close (RlDoc *doc)
{
  if (doc->kind == RL_DOC_HTML)
    g_string_append (doc->out, "</section>\n");
}

void
rl_doc_heading (RlDoc *doc, guint level, const char *text)
{
  GString *out = doc->out;
  level = CLAMP (level, 3, 6);
  switch (doc->kind)
    {
    case RL_DOC_HTML:
      g_string_append_printf (out, "<h%u>", level);
      rl_markup_append (out, text);
      g_string_append_printf (out, "</h%u>\n", level);
      break;
    case RL_DOC_MARKDOWN:
      for (guint k = 0; k < level; k++)
        g_string_append_c (out, '#');
      g_string_append_c (out, ' ');
      rl_markdown_append (out, text);
      g_string_append (out, "\n\n");
      break;
    case RL_DOC_TEXT:
      {
        GString *t = g_string_new (NULL);
        append_plain (t, text);
        g_string_append_c (out, '\n');
        rl_text_append_wrapped (out, t->str, 0, 0);
        if (level == 3)
          {
            g_auto (GStrv) lines = rl_text_wrap (t->str, RL_TEXT_WIDTH);
            underline (out, lines[g_strv_length (lines) - 1], '~');
          }
        g_string_free (t, TRUE);
        break;
      }
    }
}

/* ---- Paragraphs and inline runs ------------------------------------------------------- */

void
rl_doc_para_open (RlDoc *doc, const char *cls)
{
  g_string_truncate (doc->runs, 0);
  doc->para_cls = cls;
}

void
rl_doc_para_close (RlDoc *doc)
{
  GString *out = doc->out;
  switch (doc->kind)
    {
    case RL_DOC_HTML:
      if (doc->para_cls)
        g_string_append_printf (out, "<p class=\"%s\">%s</p>\n", doc->para_cls, doc->runs->str);
      else
        g_string_append_printf (out, "<p>%s</p>\n", doc->runs->str);
      break;
    case RL_DOC_MARKDOWN:
      if (doc->para_cls)
        g_string_append_printf (out, "*%s*\n\n", doc->runs->str);
      else
        g_string_append_printf (out, "%s\n\n", doc->runs->str);
      break;
    case RL_DOC_TEXT:
      rl_text_append_wrapped (out, doc->runs->str, 0, 0);
      g_string_append_c (out, '\n');
      break;
    }
  g_string_truncate (doc->runs, 0);
  doc->para_cls = NULL;
}

void
rl_doc_para (RlDoc *doc, const char *text)
{
  rl_doc_para_open (doc, NULL);
  rl_doc_text (doc, text);
  rl_doc_para_close (doc);
}

void
rl_doc_paragraphs (RlDoc *doc, const char *text)
{
  if (!text)
    return;
  g_auto (GStrv) blocks = g_regex_split_simple ("\\n[ \\t]*\\n", text, 0, 0);
  for (guint k = 0; blocks[k]; k++)
    {
      g_strstrip (blocks[k]);
      if (blocks[k][0])
        rl_doc_para (doc, blocks[k]);
    }
}

void
rl_doc_para_titled (RlDoc *doc, const char *title, const char *text)
{
  rl_doc_para_open (doc, NULL);
  rl_doc_strong (doc, title);
  rl_doc_text (doc, ": ");
  rl_doc_text (doc, text);
  rl_doc_para_close (doc);
}

void
rl_doc_paraf (RlDoc *doc, const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  g_autofree char *s = g_strdup_vprintf (format, ap);
  va_end (ap);
  rl_doc_para (doc, s);
}

void
rl_doc_text (RlDoc *doc, const char *text)
{
  if (!text)
    return;
  switch (doc->kind)
    {
    case RL_DOC_HTML:
      rl_markup_append (doc->runs, text);
      break;
    case RL_DOC_MARKDOWN:
      rl_markdown_append (doc->runs, text);
      break;
    case RL_DOC_TEXT:
      append_plain (doc->runs, text);
      break;
    }
}

void
rl_doc_textf (RlDoc *doc, const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  g_autofree char *s = g_strdup_vprintf (format, ap);
  va_end (ap);
  rl_doc_text (doc, s);
}

/* An emphasis run in CommonMark: "**id** *(private)*", never
 * "**id*** (private)*". A delimiter run opens only when no space follows
 * it and closes only when no space precedes it, so the text's own
 * leading and trailing spaces go outside the marks. Where the text starts
 * with punctuation right after a word ("word*(x)*"), the marks would not
 * open either: there inline HTML says the same. */
static void
markdown_run (GString *runs, const char *md_mark, const char *text)
{
  if (text == NULL)
    return;
  const char *start = text;
  while (*start == ' ')
    start++;
  gsize len = strlen (start);
  while (len > 0 && start[len - 1] == ' ')
    len--;
  g_string_append_len (runs, text, start - text);
  if (len == 0)
    return;
  g_autofree char *inner = g_strndup (start, len);
  char before = runs->len ? runs->str[runs->len - 1] : ' ';
  gboolean word_before = !g_ascii_isspace (before) && !g_ascii_ispunct (before);
  if (word_before && g_ascii_ispunct (inner[0]))
    {
      const char *tag = strlen (md_mark) == 2 ? "strong" : "em";
      g_string_append_printf (runs, "<%s>", tag);
      rl_markdown_append (runs, inner);
      g_string_append_printf (runs, "</%s>", tag);
    }
  else
    {
      g_string_append (runs, md_mark);
      rl_markdown_append (runs, inner);
      g_string_append (runs, md_mark);
    }
  g_string_append (runs, start + len);
}

static void
wrapped_run (RlDoc *doc, const char *html_tag, const char *md_mark, const char *text)
{
  switch (doc->kind)
    {
    case RL_DOC_HTML:
      g_string_append_printf (doc->runs, "<%s>", html_tag);
      rl_markup_append (doc->runs, text);
      g_string_append_printf (doc->runs, "</%s>", html_tag);
      break;
    case RL_DOC_MARKDOWN:
      markdown_run (doc->runs, md_mark, text);
      break;
    case RL_DOC_TEXT:
      append_plain (doc->runs, text);
      break;
    }
}

void
rl_doc_strong (RlDoc *doc, const char *text)
{
  wrapped_run (doc, "strong", "**", text);
}

void
rl_doc_em (RlDoc *doc, const char *text)
{
  wrapped_run (doc, "em", "*", text);
}

void
rl_doc_code (RlDoc *doc, const char *text)
{
  switch (doc->kind)
    {
    case RL_DOC_HTML:
      g_string_append (doc->runs, "<code>");
      rl_markup_append (doc->runs, text);
      g_string_append (doc->runs, "</code>");
      break;
    case RL_DOC_MARKDOWN:
      rl_markdown_append_code (doc->runs, text, doc->in_cell);
      break;
    case RL_DOC_TEXT:
      append_plain (doc->runs, text);
      break;
    }
}

/* Only web and mail links become links; anything else is shown as text. */
static gboolean
is_safe_url (const char *url)
{
  return g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://")
         || g_str_has_prefix (url, "mailto:");
}

void
rl_doc_link (RlDoc *doc, const char *text, const char *url)
{
  if (!url || !is_safe_url (url))
    {
      rl_doc_text (doc, text);
      if (url)
        {
          rl_doc_text (doc, " (");
          rl_doc_code (doc, url);
          rl_doc_text (doc, ")");
        }
      return;
    }
  switch (doc->kind)
    {
    case RL_DOC_HTML:
      g_string_append (doc->runs, "<a href=\"");
      rl_markup_append (doc->runs, url);
      g_string_append (doc->runs, "\" rel=\"noreferrer\">");
      rl_markup_append (doc->runs, text);
      g_string_append (doc->runs, "</a>");
      break;
    case RL_DOC_MARKDOWN:
      {
        /* The destination in <...>, which needs no escapes but < > and line breaks. */
        g_string_append_c (doc->runs, '[');
        rl_markdown_append (doc->runs, text);
        g_string_append (doc->runs, "](<");
        g_autofree char *clean = rl_clean_text (url);
        for (const char *p = clean; *p; p++)
          if (*p == '<' || *p == '>' || *p == '\n' || *p == ' ' || *p == '\t')
            g_string_append_printf (doc->runs, "%%%02X", (guint) (guchar) *p);
          else
            g_string_append_c (doc->runs, *p);
        g_string_append (doc->runs, ">)");
        break;
      }
    case RL_DOC_TEXT:
      append_plain (doc->runs, text);
      g_string_append (doc->runs, " <");
      append_plain (doc->runs, url);
      g_string_append_c (doc->runs, '>');
      break;
    }
}

void
rl_doc_chip (RlDoc *doc, const char *colour)
{
  if (doc->kind == RL_DOC_HTML)
    g_string_append_printf (doc->runs, "<span class=\"chip\" style=\"background:%s\"></span>", colour);
}

/* ---- Lists ---------------------------------------------------------------------------------- */

void
rl_doc_list_open (RlDoc *doc, gboolean ordered)
{
  doc->list_ordered = ordered;
  doc->item_number = 0;
  if (doc->kind == RL_DOC_HTML)
    g_string_append (doc->out, ordered ? "<ol>\n" : "<ul>\n");
}

void
rl_doc_item_open (RlDoc *doc)
{
  g_string_truncate (doc->runs, 0);
  doc->in_item = TRUE;
  doc->item_number++;
}

void
rl_doc_item_close (RlDoc *doc)
{
  GString *out = doc->out;
  switch (doc->kind)
    {
    case RL_DOC_HTML:
      g_string_append_printf (out, "<li>%s</li>\n", doc->runs->str);
      break;
    case RL_DOC_MARKDOWN:
      if (doc->list_ordered)
        g_string_append_printf (out, "%u. %s\n", doc->item_number, doc->runs->str);
      else
        g_string_append_printf (out, "- %s\n", doc->runs->str);
      break;
    case RL_DOC_TEXT:
      {
        g_autofree char *bullet = doc->list_ordered ? g_strdup_printf ("%u.", doc->item_number)
                                                    : g_strdup ("-");
        g_autofree char *line = g_strdup_printf ("%s %s", bullet, doc->runs->str);
        rl_text_append_wrapped (out, line, 2, 2 + (guint) strlen (bullet) + 1);
        break;
      }
    }
  g_string_truncate (doc->runs, 0);
  doc->in_item = FALSE;
}

void
rl_doc_list_close (RlDoc *doc)
{
  switch (doc->kind)
    {
    case RL_DOC_HTML:
      g_string_append (doc->out, doc->list_ordered ? "</ol>\n" : "</ul>\n");
      break;
    case RL_DOC_MARKDOWN:
    case RL_DOC_TEXT:
      g_string_append_c (doc->out, '\n');
      break;
    }
}

/* ---- Tables ------------------------------------------------------------------------------- */

static char
column_align (const Table *t, guint c)
{
  return c < strlen (t->align) ? t->align[c] : 'l';
}

void
rl_doc_table_open (RlDoc *doc, const char *cls, const char *align, const char *const *headers)
{
  GString *out = doc->out;
  table_free (doc->table);
  Table *t = doc->table = g_new0 (Table, 1);
  t->align = g_strdup (align);
  t->headers = g_ptr_array_new_with_free_func (g_free);
  t->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  for (guint c = 0; headers[c]; c++)
    g_ptr_array_add (t->headers, g_strdup (headers[c]));
  if (doc->kind == RL_DOC_HTML)
    {
      if (cls)
        g_string_append_printf (out, "<table class=\"%s\">\n<thead><tr>", cls);
      else
        g_string_append (out, "<table>\n<thead><tr>");
      for (guint c = 0; c < t->headers->len; c++)
        {
          g_string_append (out, column_align (t, c) == 'r' ? "<th class=\"r\">" : "<th>");
          rl_markup_append (out, g_ptr_array_index (t->headers, c));
          g_string_append (out, "</th>");
        }
      g_string_append (out, "</tr></thead>\n<tbody>\n");
    }
  else if (doc->kind == RL_DOC_MARKDOWN)
    {
      g_string_append (out, "|");
      for (guint c = 0; c < t->headers->len; c++)
        {
          g_string_append_c (out, ' ');
          rl_markdown_append (out, g_ptr_array_index (t->headers, c));
          g_string_append (out, " |");
        }
      g_string_append (out, "\n|");
      for (guint c = 0; c < t->headers->len; c++)
        g_string_append (out, column_align (t, c) == 'r' ? " ---: |" : " --- |");
      g_string_append_c (out, '\n');
    }
}

void
rl_doc_row_open (RlDoc *doc, const char *cls)
{
  doc->cell_col = 0;
  if (doc->kind == RL_DOC_HTML)
    {
      if (cls)
        g_string_append_printf (doc->out, "<tr class=\"%s\">", cls);
      else
        g_string_append (doc->out, "<tr>");
    }
  else if (doc->kind == RL_DOC_MARKDOWN)
    g_string_append (doc->out, "|");
  else
    doc->table->row = g_ptr_array_new_with_free_func (g_free);
}

void
rl_doc_cell_open (RlDoc *doc, double shade)
{
  g_string_truncate (doc->runs, 0);
  doc->in_cell = TRUE;
  doc->cell_shade = shade;
}

void
rl_doc_cell_close (RlDoc *doc)
{
  GString *out = doc->out;
  switch (doc->kind)
    {
    case RL_DOC_HTML:
      {
        const char *cls = column_align (doc->table, doc->cell_col) == 'r' ? " class=\"r\"" : "";
        if (doc->cell_shade >= 0)
          {
            /* From white to a mid blue: the strength of a value. */
            double s = CLAMP (doc->cell_shade, 0, 1);
            int r = (int) lround (255 - s * (255 - 107)), g = (int) lround (255 - s * (255 - 174)),
                b = (int) lround (255 - s * (255 - 214));
            g_string_append_printf (out, "<td%s style=\"background:#%02x%02x%02x\">%s</td>", cls, r, g, b,
                                    doc->runs->str);
          }
        else
          g_string_append_printf (out, "<td%s>%s</td>", cls, doc->runs->str);
        break;
      }
    case RL_DOC_MARKDOWN:
      g_string_append_printf (out, " %s |", doc->runs->str);
      break;
    case RL_DOC_TEXT:
      g_ptr_array_add (doc->table->row, g_strdup (doc->runs->str));
      break;
    }
  g_string_truncate (doc->runs, 0);
  doc->in_cell = FALSE;
  doc->cell_col++;
}

void
rl_doc_cell (RlDoc *doc, const char *text)
{
  rl_doc_cell_open (doc, -1);
  rl_doc_text (doc, text);
  rl_doc_cell_close (doc);
}

void
rl_doc_row_close (RlDoc *doc)
{
  if (doc->kind == RL_DOC_HTML)
    g_string_append (doc->out, "</tr>\n");
  else if (doc->kind == RL_DOC_MARKDOWN)
    g_string_append_c (doc->out, '\n');
  else
    {
      g_ptr_array_add (doc->table->rows, doc->table->row);
      doc->table->row = NULL;
    }
}

/* A text table: aligned columns when they fit in 80 columns (the widest
 * column wraps if that is enough), otherwise one block per row. */
static void
text_table (GString *out, const Table *t)
{
  guint nc = t->headers->len;
  g_autofree guint *w = g_new0 (guint, nc + 1);
  for (guint c = 0; c < nc; c++)
    w[c] = rl_text_width (g_ptr_array_index (t->headers, c));
  for (guint r = 0; r < t->rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (t->rows, r);
      for (guint c = 0; c < nc && c < row->len; c++)
        w[c] = MAX (w[c], rl_text_width (g_ptr_array_index (row, c)));
    }
  guint total = 2, widest = 0;
  for (guint c = 0; c < nc; c++)
    {
      total += w[c] + (c ? 2 : 0);
      if (w[c] > w[widest] && column_align (t, c) == 'l')
        widest = c;
    }
  if (total > RL_TEXT_WIDTH)
    {
      guint others = total - w[widest];
      if (others + 12 <= RL_TEXT_WIDTH)
        w[widest] = RL_TEXT_WIDTH - others;
      else
        {
          /* One block per row: the first cell, then "header: value". */
          for (guint r = 0; r < t->rows->len; r++)
            {
              GPtrArray *row = g_ptr_array_index (t->rows, r);
              rl_text_append_wrapped (out, row->len ? g_ptr_array_index (row, 0) : "", 2, 4);
              for (guint c = 1; c < nc && c < row->len; c++)
                {
                  g_autofree char *line = g_strdup_printf ("%s: %s", (char *) g_ptr_array_index (t->headers, c),
                                                           (char *) g_ptr_array_index (row, c));
                  rl_text_append_wrapped (out, line, 4, 6);
                }
            }
          g_string_append_c (out, '\n');
          return;
        }
    }
  for (gint r = -1; r < (gint) t->rows->len; r++)
    {
      GPtrArray *row = r < 0 ? t->headers : g_ptr_array_index (t->rows, r);
      GStrv cells[64] = { 0 };
      guint n_lines = 1;
      guint ncells = MIN (nc, 64);
      for (guint c = 0; c < ncells; c++)
        {
          cells[c] = rl_text_wrap (c < row->len ? g_ptr_array_index (row, c) : "", MAX (w[c], 1));
          n_lines = MAX (n_lines, g_strv_length (cells[c]));
        }
      for (guint l = 0; l < n_lines; l++)
        {
          GString *line = g_string_new ("  ");
          for (guint c = 0; c < ncells; c++)
            {
              const char *s = l < g_strv_length (cells[c]) ? cells[c][l] : "";
              if (c)
                g_string_append (line, "  ");
              rl_text_append_padded (line, s, w[c], column_align (t, c) == 'r');
            }
          while (line->len && line->str[line->len - 1] == ' ')
            g_string_truncate (line, line->len - 1);
          g_string_append_printf (out, "%s\n", line->str);
          g_string_free (line, TRUE);
        }
      for (guint c = 0; c < ncells; c++)
        g_strfreev (cells[c]);
    }
  g_string_append_c (out, '\n');
}

void
rl_doc_table_close (RlDoc *doc)
{
  switch (doc->kind)
    {
    case RL_DOC_HTML:
      g_string_append (doc->out, "</tbody>\n</table>\n");
      break;
    case RL_DOC_MARKDOWN:
      g_string_append_c (doc->out, '\n');
      break;
    case RL_DOC_TEXT:
      text_table (doc->out, doc->table);
      break;
    }
  table_free (doc->table);
  doc->table = NULL;
}

/* ---- Figures ------------------------------------------------------------------------------- */

void
rl_doc_figure (RlDoc *doc, const char *name, const char *caption, const GString *svg,
               const char *text, const char *cls)
{
  GString *out = doc->out;
  switch (doc->kind)
    {
    case RL_DOC_HTML:
      if (!svg)
        return;
      if (cls)
        g_string_append_printf (out, "<figure class=\"%s\">\n", cls);
      else
        g_string_append (out, "<figure>\n");
      g_string_append_len (out, svg->str, (gssize) svg->len);
      g_string_append (out, "<figcaption>");
      rl_markup_append (out, caption);
      g_string_append (out, "</figcaption>\n</figure>\n");
      break;
    case RL_DOC_MARKDOWN:
      if (doc->files_dir && svg)
        {
          RlDocFile *f = g_new0 (RlDocFile, 1);
          f->name = g_strdup_printf ("%s/%s", doc->files_dir, name);
          f->content = g_string_new_len (svg->str, (gssize) svg->len);
          g_ptr_array_add (doc->files, f);
          g_string_append (out, "![");
          rl_markdown_append (out, caption);
          g_string_append (out, "](<");
          /* The folder and name are ours (ids and fixed words): no escapes needed. */
          g_string_append (out, f->name);
          g_string_append (out, ">)\n\n*");
          rl_markdown_append (out, caption);
          g_string_append (out, "*\n\n");
        }
      else if (text)
        {
          g_string_append (out, "```text\n");
          g_autofree char *clean = rl_clean_text (text);
          /* A line of backticks inside would end the fence early. */
          for (char *p = strstr (clean, "```"); p; p = strstr (p, "```"))
            p[0] = '\'';
          g_string_append (out, clean);
          g_string_append (out, "```\n\n*");
          rl_markdown_append (out, caption);
          g_string_append (out, "*\n\n");
        }
      break;
    case RL_DOC_TEXT:
      if (text)
        {
          g_string_append (out, text);
          g_string_append_c (out, '\n');
        }
      break;
    }
}

void
rl_doc_grid_open (RlDoc *doc)
{
  if (doc->kind == RL_DOC_HTML)
    g_string_append (doc->out, "<div class=\"grid\">\n");
}

void
rl_doc_grid_close (RlDoc *doc)
{
  if (doc->kind == RL_DOC_HTML)
    g_string_append (doc->out, "</div>\n");
}

void
rl_doc_text_bar (GString *out, double fraction, guint width)
{
  static const char *const eighths[] = { "", "\u258f", "\u258e", "\u258d", "\u258c", "\u258b",
                                         "\u258a", "\u2589" };
  if (!isfinite (fraction) || fraction < 0)
    fraction = 0;
  fraction = MIN (fraction, 1);
  guint cells8 = (guint) lround (fraction * width * 8);
  for (guint k = 0; k < cells8 / 8; k++)
    g_string_append (out, "\u2588");
  g_string_append (out, eighths[cells8 % 8]);
}
