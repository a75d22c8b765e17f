/* redline - negotiation-position modelling
 * Copyright (C) 2026 the redline authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * rule.c: lexer, recursive-descent parser and compiler of the rule
 * language (scenario.md section 3), and evaluation of compiled rules.
 *
 * The parser compiles as it goes: each grammar function returns the index
 * of an already folded node, so there is no separate syntax tree. Errors
 * stop at the first offending token in text order, which is also the order
 * a reader fixes them in.
 */
#include "model/rule-internals.h"

#include <string.h>

#include <redline/error.h>

#include <redline/suggest.h>

/* ---- Tokens ------------------------------------------------------------ */

typedef enum {
  TOK_END,
  TOK_WORD,      /* [A-Za-z0-9_]+, keywords included */
  TOK_LPAREN,
  TOK_RPAREN,
  TOK_LBRACKET,
  TOK_RBRACKET,
  TOK_COMMA,
  TOK_BANG,
  TOK_ANDAND,
  TOK_OROR,
  TOK_ARROW,
  TOK_DARROW,
  TOK_EQ,
  TOK_NE,
  TOK_LT,
  TOK_LE,
  TOK_GT,
  TOK_GE,
  TOK_INVALID,   /* only in the punctuation table: a near miss */
} TokKind;

typedef struct {
  TokKind kind;
  const char *start;  /* into the rule's text */
  gsize len;          /* bytes */
} Token;

/* Longest first, so that "<->" wins over "<-" over "<". The near misses
 * ("=", "&", ...) are what people type from other languages; naming the
 * operator they meant is worth a table row each. */
static const struct {
  const char *text;
  TokKind kind;
  const char *meant;
} punctuation[] = {
  { "<->", TOK_DARROW, NULL },
  { "<-", TOK_INVALID, "'<->'" },
  { "->", TOK_ARROW, NULL },
  { "=>", TOK_INVALID, "'->' or '>='" },
  { "=<", TOK_INVALID, "'<='" },
  { "<=", TOK_LE, NULL },
  { ">=", TOK_GE, NULL },
  { "==", TOK_EQ, NULL },
  { "!=", TOK_NE, NULL },
  { "&&", TOK_ANDAND, NULL },
  { "||", TOK_OROR, NULL },
  { "<", TOK_LT, NULL },
  { ">", TOK_GT, NULL },
  { "!", TOK_BANG, NULL },
  { "(", TOK_LPAREN, NULL },
  { ")", TOK_RPAREN, NULL },
  { "[", TOK_LBRACKET, NULL },
  { "]", TOK_RBRACKET, NULL },
  { ",", TOK_COMMA, NULL },
  { "=", TOK_INVALID, "'=='" },
  { "&", TOK_INVALID, "'&&'" },
  { "|", TOK_INVALID, "'||'" },
  { "-", TOK_INVALID, "'->'" },
};

static const char *const keywords[] = {
  "and", "or", "not", "in", "implies", "iff", "true", "false",
};

/* ---- The compiled rule -------------------------------------------------- */

struct _RlRule {
  RlRuleNode *nodes;   /* pre-order, root 0 */
  guint n_nodes;
  guint depth;         /* of the compiled tree */
  guint *issues;       /* read by the rule, ascending */
  guint n_issues;
  guint64 unary_mask;  /* when n_issues == 1 */
};

/* ---- Parser state ------------------------------------------------------- */

typedef struct {
  const char *text;
  const char *pos;             /* first byte after cur */
  Token cur;
  const RlIssueInfo *issues;
  guint n_issues;
  GArray *nodes;               /* RlRuleNode; append-only while parsing */
  GError **error;
  guint error_offset;
} Parser;

static gboolean parse_implication (Parser *p, guint above, guint *out, guint *depth);

/* ---- Errors ------------------------------------------------------------- */

static gboolean G_GNUC_PRINTF (4, 5)
fail_at (Parser *p, RlErrorCode code, const char *at, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  g_autofree char *message = g_strdup_vprintf (format, args);
  va_end (args);
  /* Callers show line:col to people, who count characters, not bytes. */
  p->error_offset = (guint) g_utf8_pointer_to_offset (p->text, at);
  g_set_error_literal (p->error, RL_ERROR, code, message);
  return FALSE;
}

/* How a token is named in "but found ...". */
static char *
describe (const Token *t)
{
  if (t->kind == TOK_END)
    return g_strdup ("end of rule");
  return g_strdup_printf ("'%.*s'", (int) t->len, t->start);
}

/* " (keywords are lower case: 'and')" when @t is a keyword in other
 * case (AND, Or, NOT), as people used to SQL write them; otherwise "". */
static const char *
keyword_case_hint (const Token *t, char buf[64])
{
  buf[0] = '\0';
  if (t->kind != TOK_WORD || t->len >= 16)
    return buf;
  for (gsize k = 0; k < G_N_ELEMENTS (keywords); k++)
    if (strlen (keywords[k]) == t->len && g_ascii_strncasecmp (keywords[k], t->start, t->len) == 0
        && strncmp (keywords[k], t->start, t->len) != 0)
      {
        g_snprintf (buf, 64, " (keywords are lower case: '%s')", keywords[k]);
        break;
      }
  return buf;
}

static gboolean
fail_expected (Parser *p, const char *expected)
{
  g_autofree char *found = describe (&p->cur);
  char hint[64];

  return fail_at (p, RL_ERROR_SYNTAX, p->cur.start, "expected %s but found %s%s",
                  expected, found, keyword_case_hint (&p->cur, hint));
}

static gboolean
fail_depth (Parser *p, const Token *at)
{
  return fail_at (p, RL_ERROR_LIMIT, at->start,
                  "rule is nested more than %d levels deep", RL_RULE_MAX_DEPTH);
}

/* ---- Lexer -------------------------------------------------------------- */

static gboolean
is_word_char (char c)
{
  return g_ascii_isalnum (c) || c == '_';
}

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static gboolean
fail_character (Parser *p, const char *at)
{
  gunichar c = g_utf8_get_char (at);

  /* A no-break space or a control character would print as nothing
   * useful between quotes; name those by code point. */
  if (g_unichar_isspace (c))
    return fail_at (p, RL_ERROR_SYNTAX, at,
                    "unexpected character U+%04X (only ASCII spaces, tabs and newlines separate words)",
                    c);
  if (!g_unichar_isgraph (c))
    return fail_at (p, RL_ERROR_SYNTAX, at, "unexpected character U+%04X", c);
  return fail_at (p, RL_ERROR_SYNTAX, at, "unexpected character '%.*s'",
                  (int) (g_utf8_next_char (at) - at), at);
}

static gboolean
lex_punctuation (Parser *p, const char *s)
{
  for (gsize i = 0; i < G_N_ELEMENTS (punctuation); i++)
    {
      gsize len = strlen (punctuation[i].text);

      if (strncmp (s, punctuation[i].text, len) != 0)
        continue;
      if (punctuation[i].kind == TOK_INVALID)
        return fail_at (p, RL_ERROR_SYNTAX, s, "unexpected %s'%.*s' (did you mean %s?)",
                        len == 1 ? "character " : "", (int) len, s,
                        punctuation[i].meant);
      p->cur.kind = punctuation[i].kind;
      p->cur.len = len;
      return TRUE;
    }
  return fail_character (p, s);
}

/* Moves to the next token. Lexing is lazy, one token ahead of the parser,
 * so a bad character is only reported once everything before it parsed. */
static gboolean
advance (Parser *p)
{
  const char *s = p->pos;

  while (is_space (*s))
    s++;
  p->cur.start = s;
  p->cur.len = 0;
  if (*s == '\0')
    p->cur.kind = TOK_END;
  else if (is_word_char (*s))
    {
      const char *e = s;

      while (is_word_char (*e))
        e++;
      /* "région" is one mistyped word, not the issue "r" followed by
       * junk: blame the character, not the name. */
      if ((guchar) *e >= 0x80)
        return fail_character (p, e);
      p->cur.kind = TOK_WORD;
      p->cur.len = (gsize) (e - s);
    }
  else if (!lex_punctuation (p, s))
    return FALSE;
  p->pos = s + p->cur.len;
  return TRUE;
}

static gboolean
word_is (const Token *t, const char *word)
{
  return t->kind == TOK_WORD && t->len == strlen (word)
         && memcmp (t->start, word, t->len) == 0;
}

static gboolean
is_keyword (const Token *t)
{
  for (gsize i = 0; i < G_N_ELEMENTS (keywords); i++)
    if (word_is (t, keywords[i]))
      return TRUE;
  return FALSE;
}

static gboolean
is_issue_word (const Token *t)
{
  return t->kind == TOK_WORD && g_ascii_isalpha (t->start[0]) && !is_keyword (t);
}

/* ---- Node construction with folding ------------------------------------- */

static guint64
all_options (guint n_options)
{
  return n_options >= 64 ? G_MAXUINT64 : (G_GUINT64_CONSTANT (1) << n_options) - 1;
}

/* Options at positions below k. */
static guint64
below (guint k)
{
  return k >= 64 ? G_MAXUINT64 : (G_GUINT64_CONSTANT (1) << k) - 1;
}

static RlRuleNode *
node_at (Parser *p, guint i)
{
  return &g_array_index (p->nodes, RlRuleNode, i);
}

static guint
append_node (Parser *p, RlRuleNodeKind kind, guint issue, guint64 mask)
{
  RlRuleNode n = {
    .mask = mask,
    .issue = issue,
    .child = RL_RULE_NO_NODE,
    .next = RL_RULE_NO_NODE,
    .kind = kind,
  };

  g_array_append_val (p->nodes, n);
  return p->nodes->len - 1;
}

static guint
make_const (Parser *p, gboolean value)
{
  return append_node (p, RL_RULE_NODE_CONST, 0, value ? 1 : 0);
}

static gboolean
is_const (Parser *p, guint i, gboolean *value)
{
  const RlRuleNode *n = node_at (p, i);

  if (n->kind != RL_RULE_NODE_CONST)
    return FALSE;
  *value = n->mask != 0;
  return TRUE;
}

/* Every atom ends here; an atom every option satisfies (or none does) is a
 * constant, so that the issue does not count as read. */
static guint
make_in (Parser *p, guint issue, guint64 mask)
{
  guint64 all = all_options (p->issues[issue].n_options);

  mask &= all;
  if (mask == 0 || mask == all)
    return make_const (p, mask != 0);
  return append_node (p, RL_RULE_NODE_IN, issue, mask);
}

static void
link_children (Parser *p, guint parent, const guint *kids, guint n)
{
  node_at (p, parent)->child = kids[0];
  for (guint i = 0; i < n; i++)
    node_at (p, kids[i])->next = i + 1 < n ? kids[i + 1] : RL_RULE_NO_NODE;
}

static guint
make_operator (Parser *p, RlRuleNodeKind kind, const guint *kids, guint n)
{
  guint i = append_node (p, kind, 0, 0);

  link_children (p, i, kids, n);
  return i;
}

static guint
make_not (Parser *p, guint x)
{
  const RlRuleNode *n = node_at (p, x);
  gboolean value;

  if (is_const (p, x, &value))
    return make_const (p, !value);
  /* not (a in S) is a in (complement of S): one atom instead of two nodes. */
  if (n->kind == RL_RULE_NODE_IN)
    return make_in (p, n->issue, ~n->mask);
  if (n->kind == RL_RULE_NODE_NOT)
    return n->child;
  return make_operator (p, RL_RULE_NODE_NOT, &x, 1);
}

static guint
make_implies (Parser *p, guint a, guint b)
{
  gboolean value;

  if (is_const (p, a, &value))
    return value ? b : make_const (p, TRUE);
  if (is_const (p, b, &value))
    return value ? b : make_not (p, a);
  return make_operator (p, RL_RULE_NODE_IMPLIES, (guint[]) { a, b }, 2);
}

static guint
make_iff (Parser *p, guint a, guint b)
{
  gboolean value;

  if (is_const (p, a, &value))
    return value ? b : make_not (p, b);
  if (is_const (p, b, &value))
    return value ? a : make_not (p, a);
  return make_operator (p, RL_RULE_NODE_IFF, (guint[]) { a, b }, 2);
}

/* The operands of an and/or being parsed, folded as they arrive: constants
 * drop out or decide the whole junction, nested junctions of the same kind
 * are flattened, and atoms on one issue merge into one mask (so that
 * "x == a or x != a" is seen to be true). */
typedef struct {
  RlRuleNodeKind kind;        /* AND or OR */
  GArray *operands;           /* guint node indexes */
  gboolean decided;           /* a false under AND, a true under OR */
} Junction;

static void
junction_add (Parser *p, Junction *j, guint x)
{
  gboolean is_or = j->kind == RL_RULE_NODE_OR;
  gboolean value;

  if (j->decided)
    return;
  if (is_const (p, x, &value))
    {
      j->decided = value == is_or;
      return;
    }
  if (node_at (p, x)->kind == j->kind)
    {
      for (guint c = node_at (p, x)->child; c != RL_RULE_NO_NODE; c = node_at (p, c)->next)
        junction_add (p, j, c);
      return;
    }
  if (node_at (p, x)->kind == RL_RULE_NODE_IN)
    for (guint i = 0; i < j->operands->len; i++)
      {
        RlRuleNode *old = node_at (p, g_array_index (j->operands, guint, i));
        const RlRuleNode *added = node_at (p, x);
        guint64 all;

        if (old->kind != RL_RULE_NODE_IN || old->issue != added->issue)
          continue;
        old->mask = is_or ? old->mask | added->mask : old->mask & added->mask;
        all = all_options (p->issues[old->issue].n_options);
        /* Merging only ever moves towards the junction's deciding value:
         * an intersection can become empty, a union complete. */
        if (old->mask == 0 || old->mask == all)
          j->decided = TRUE;
        return;
      }
  g_array_append_val (j->operands, x);
}

static guint
junction_finish (Parser *p, Junction *j)
{
  gboolean is_or = j->kind == RL_RULE_NODE_OR;

  if (j->decided)
    return make_const (p, is_or);
  if (j->operands->len == 0)
    return make_const (p, !is_or);
  if (j->operands->len == 1)
    return g_array_index (j->operands, guint, 0);
  return make_operator (p, j->kind, (guint *) (void *) j->operands->data, j->operands->len);
}

/* ---- Atoms -------------------------------------------------------------- */

static gboolean
lookup_issue (Parser *p, const Token *t, guint *issue)
{
  g_autofree const char **ids = NULL;
  g_autofree char *hint = NULL;

  for (guint i = 0; i < p->n_issues; i++)
    if (strlen (p->issues[i].id) == t->len && memcmp (p->issues[i].id, t->start, t->len) == 0)
      {
        *issue = i;
        return TRUE;
      }
  ids = g_new (const char *, p->n_issues + 1);
  for (guint i = 0; i < p->n_issues; i++)
    ids[i] = p->issues[i].id;
  hint = rl_suggest_hint (t->start, t->len, ids, p->n_issues);
  char keyword[64];
  if (keyword_case_hint (t, keyword)[0])
    return fail_at (p, RL_ERROR_SCHEMA, t->start, "unknown issue '%.*s'%s",
                    (int) t->len, t->start, keyword);
  return fail_at (p, RL_ERROR_SCHEMA, t->start, "unknown issue '%.*s'%s",
                  (int) t->len, t->start, hint);
}

static gboolean
lookup_option (Parser *p, guint issue, const Token *t, guint *option)
{
  const RlIssueInfo *info = &p->issues[issue];
  g_autofree char *hint = NULL;

  for (guint k = 0; k < info->n_options; k++)
    if (strlen (info->option_ids[k]) == t->len
        && memcmp (info->option_ids[k], t->start, t->len) == 0)
      {
        *option = k;
        return TRUE;
      }
  hint = rl_suggest_hint (t->start, t->len, info->option_ids, info->n_options);
  return fail_at (p, RL_ERROR_SCHEMA, t->start, "unknown option '%.*s' of issue '%s'%s",
                  (int) t->len, t->start, info->id, hint);
}

/* Reads the option the current token names; after reads "after 'X'" in the
 * error when the token is no word at all. */
static gboolean
expect_option (Parser *p, guint issue, const Token *after, guint *option)
{
  if (p->cur.kind != TOK_WORD)
    {
      g_autofree char *expected = g_strdup_printf ("an option after '%.*s'",
                                                   (int) after->len, after->start);
      return fail_expected (p, expected);
    }
  return lookup_option (p, issue, &p->cur, option);
}

static gboolean
is_comparison (TokKind kind)
{
  return kind == TOK_EQ || kind == TOK_NE || kind == TOK_LT
         || kind == TOK_LE || kind == TOK_GT || kind == TOK_GE;
}

static guint64
comparison_mask (TokKind op, guint k, guint64 all)
{
  guint64 bit = G_GUINT64_CONSTANT (1) << k;

  switch (op)
    {
    case TOK_EQ: return bit;
    case TOK_NE: return all & ~bit;
    case TOK_LT: return below (k);
    case TOK_LE: return below (k + 1);
    case TOK_GT: return all & ~below (k + 1);
    case TOK_GE: return all & ~below (k);
    default: g_assert_not_reached ();
    }
}

/* ISSUE op OPTION, with the current token on op. */
static gboolean
parse_comparison (Parser *p, guint issue, guint *out)
{
  const RlIssueInfo *info = &p->issues[issue];
  Token op = p->cur;
  guint k = 0;

  if (op.kind != TOK_EQ && op.kind != TOK_NE && !info->ordered)
    return fail_at (p, RL_ERROR_SCHEMA, op.start, "issue '%s' is not ordered; '%.*s' needs 'ordered: true'",
                    info->id, (int) op.len, op.start);
  if (!advance (p) || !expect_option (p, issue, &op, &k))
    return FALSE;
  *out = make_in (p, issue, comparison_mask (op.kind, k, all_options (info->n_options)));
  return advance (p);
}

/* ISSUE [not] in [ OPTION, ... ], with the current token on "not" or "in". */
static gboolean
parse_membership (Parser *p, guint issue, guint *out)
{
  gboolean negated = word_is (&p->cur, "not");
  guint64 mask = 0;
  Token after;

  if (negated)
    {
      if (!advance (p))
        return FALSE;
      if (!word_is (&p->cur, "in"))
        return fail_expected (p, "'in' after 'not'");
    }
  if (!advance (p))
    return FALSE;
  if (p->cur.kind != TOK_LBRACKET)
    return fail_expected (p, "'[' after 'in'");
  do
    {
      guint k = 0;

      after = p->cur;
      if (!advance (p) || !expect_option (p, issue, &after, &k) || !advance (p))
        return FALSE;
      mask |= G_GUINT64_CONSTANT (1) << k;
    }
  while (p->cur.kind == TOK_COMMA);
  if (p->cur.kind != TOK_RBRACKET)
    return fail_expected (p, "',' or ']'");
  *out = make_in (p, issue, negated ? ~mask : mask);
  return advance (p);
}

static gboolean
is_yes_no (const RlIssueInfo *info)
{
  return info->n_options == 2 && strcmp (info->option_ids[0], "no") == 0
         && strcmp (info->option_ids[1], "yes") == 0;
}

static gboolean
parse_issue_atom (Parser *p, guint *out)
{
  Token name = p->cur;
  guint issue = 0;

  if (!lookup_issue (p, &name, &issue) || !advance (p))
    return FALSE;
  if (is_comparison (p->cur.kind))
    return parse_comparison (p, issue, out);
  if (word_is (&p->cur, "in") || word_is (&p->cur, "not"))
    return parse_membership (p, issue, out);
  if (!is_yes_no (&p->issues[issue]))
    return fail_at (p, RL_ERROR_SCHEMA, name.start,
                    "issue '%s' cannot stand alone: only an issue with options [no, yes] can; "
                    "write '%s == OPTION'",
                    p->issues[issue].id, p->issues[issue].id);
  /* Bit 1 is "yes": is_yes_no() fixed the order. */
  *out = make_in (p, issue, G_GUINT64_CONSTANT (1) << 1);
  return TRUE;
}

static gboolean
parse_atom (Parser *p, guint above, guint *out, guint *depth)
{
  *depth = 1;
  if (p->cur.kind == TOK_LPAREN)
    {
      Token open = p->cur;
      guint inner = 0;

      /* The parenthesis and at least an atom inside it. */
      if (above + 2 > RL_RULE_MAX_DEPTH)
        return fail_depth (p, &open);
      if (!advance (p) || !parse_implication (p, above + 1, out, &inner))
        return FALSE;
      if (p->cur.kind != TOK_RPAREN)
        return fail_expected (p, "')'");
      *depth = inner + 1;
      return advance (p);
    }
  if (word_is (&p->cur, "true") || word_is (&p->cur, "false"))
    {
      *out = make_const (p, word_is (&p->cur, "true"));
      return advance (p);
    }
  if (is_issue_word (&p->cur))
    return parse_issue_atom (p, out);
  return fail_expected (p, "an issue, '(', 'not', 'true' or 'false'");
}

/* ---- Operators ---------------------------------------------------------- */

/* @above counts the levels known to enclose the expression being parsed.
 * Every function keeps above + *depth <= RL_RULE_MAX_DEPTH, refusing a
 * level as soon as it is certain to exceed the limit; since parentheses,
 * negations and implications are the only ways to recurse and each adds a
 * level, the C stack stays bounded whatever the text. */

static gboolean
is_not (const Token *t)
{
  return t->kind == TOK_BANG || word_is (t, "not");
}

static gboolean
parse_negation (Parser *p, guint above, guint *out, guint *depth)
{
  Token op = p->cur;
  guint x = 0;

  if (!is_not (&op))
    return parse_atom (p, above, out, depth);
  if (above + 2 > RL_RULE_MAX_DEPTH)
    return fail_depth (p, &op);
  if (!advance (p) || !parse_negation (p, above + 1, &x, depth))
    return FALSE;
  *depth += 1;
  *out = make_not (p, x);
  return TRUE;
}

typedef gboolean (*ParseFunc) (Parser *p, guint above, guint *out, guint *depth);

static gboolean
is_and (const Token *t)
{
  return t->kind == TOK_ANDAND || word_is (t, "and");
}

static gboolean
is_or (const Token *t)
{
  return t->kind == TOK_OROR || word_is (t, "or");
}

/* operand { op operand }: one level, whatever the number of operands. */
static gboolean
parse_junction (Parser *p, guint above, RlRuleNodeKind kind, ParseFunc operand,
                gboolean (*is_op) (const Token *), guint *out, guint *depth)
{
  g_autoptr (GArray) operands = g_array_new (FALSE, FALSE, sizeof (guint));
  Junction j = { kind, operands, FALSE };
  guint x = 0, deepest = 0;

  if (!operand (p, above, &x, &deepest))
    return FALSE;
  if (!is_op (&p->cur))
    {
      *out = x;
      *depth = deepest;
      return TRUE;
    }
  junction_add (p, &j, x);
  while (is_op (&p->cur))
    {
      guint d = 0;

      if (above + 1 + deepest > RL_RULE_MAX_DEPTH)
        return fail_depth (p, &p->cur);
      if (!advance (p) || !operand (p, above + 1, &x, &d))
        return FALSE;
      junction_add (p, &j, x);
      deepest = MAX (deepest, d);
    }
  *out = junction_finish (p, &j);
  *depth = deepest + 1;
  return TRUE;
}

static gboolean
parse_conjunction (Parser *p, guint above, guint *out, guint *depth)
{
  return parse_junction (p, above, RL_RULE_NODE_AND, parse_negation, is_and, out, depth);
}

static gboolean
parse_disjunction (Parser *p, guint above, guint *out, guint *depth)
{
  return parse_junction (p, above, RL_RULE_NODE_OR, parse_conjunction, is_or, out, depth);
}

static gboolean
is_iff (const Token *t)
{
  return t->kind == TOK_DARROW || word_is (t, "iff");
}

static gboolean
is_implies (const Token *t)
{
  return t->kind == TOK_ARROW || word_is (t, "implies");
}

/* Parses "left op right" where right is parsed by @right; the depth checks
 * are those of a junction with two operands. */
static gboolean
parse_binary_tail (Parser *p, guint above, ParseFunc right, guint left_depth,
                   guint *out, guint *depth)
{
  guint d = 0;

  if (above + 1 + left_depth > RL_RULE_MAX_DEPTH)
    return fail_depth (p, &p->cur);
  if (!advance (p) || !right (p, above + 1, out, &d))
    return FALSE;
  *depth = MAX (left_depth, d) + 1;
  return TRUE;
}

/* disjunction [ iff disjunction ]: not chained, because "a iff b iff c"
 * reads differently to different people. */
static gboolean
parse_equivalence (Parser *p, guint above, guint *out, guint *depth)
{
  guint a = 0, b = 0;

  if (!parse_disjunction (p, above, &a, depth))
    return FALSE;
  if (!is_iff (&p->cur))
    {
      *out = a;
      return TRUE;
    }
  if (!parse_binary_tail (p, above, parse_disjunction, *depth, &b, depth))
    return FALSE;
  if (is_iff (&p->cur))
    return fail_at (p, RL_ERROR_SYNTAX, p->cur.start,
                    "'%.*s' does not chain; add parentheses, as in '(a %.*s b) %.*s c'",
                    (int) p->cur.len, p->cur.start, (int) p->cur.len, p->cur.start,
                    (int) p->cur.len, p->cur.start);
  *out = make_iff (p, a, b);
  return TRUE;
}

/* equivalence [ -> implication ]: right-associative by recursion. */
static gboolean
parse_implication (Parser *p, guint above, guint *out, guint *depth)
{
  guint a = 0, b = 0;

  if (!parse_equivalence (p, above, &a, depth))
    return FALSE;
  if (!is_implies (&p->cur))
    {
      *out = a;
      return TRUE;
    }
  if (!parse_binary_tail (p, above, parse_implication, *depth, &b, depth))
    return FALSE;
  *out = make_implies (p, a, b);
  return TRUE;
}

/* ---- Compilation -------------------------------------------------------- */

/* Copies the tree under @from into @to in pre-order, leaving the garbage of
 * folding behind; returns the new index and the depth below it. */
static guint
copy_tree (const RlRuleNode *from, guint i, GArray *to, guint *depth)
{
  RlRuleNode n = from[i];
  guint at = to->len, prev = RL_RULE_NO_NODE, deepest = 0;

  n.child = RL_RULE_NO_NODE;
  n.next = RL_RULE_NO_NODE;
  g_array_append_val (to, n);
  for (guint c = from[i].child; c != RL_RULE_NO_NODE; c = from[c].next)
    {
      guint d = 0;
      guint copy = copy_tree (from, c, to, &d);

      if (prev == RL_RULE_NO_NODE)
        g_array_index (to, RlRuleNode, at).child = copy;
      else
        g_array_index (to, RlRuleNode, prev).next = copy;
      prev = copy;
      deepest = MAX (deepest, d);
    }
  *depth = deepest + 1;
  return at;
}

static gint
compare_guint (gconstpointer a, gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

static void
collect_issues (RlRule *rule)
{
  g_autoptr (GArray) issues = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < rule->n_nodes; i++)
    if (rule->nodes[i].kind == RL_RULE_NODE_IN)
      g_array_append_val (issues, rule->nodes[i].issue);
  g_array_sort (issues, compare_guint);
  rule->n_issues = 0;
  rule->issues = g_new (guint, MAX (issues->len, 1));
  for (guint i = 0; i < issues->len; i++)
    {
      guint issue = g_array_index (issues, guint, i);

      if (rule->n_issues == 0 || rule->issues[rule->n_issues - 1] != issue)
        rule->issues[rule->n_issues++] = issue;
    }
}

/* The options for which a rule over one issue holds, all at once: bit k of
 * every intermediate mask is the node's value when option k is chosen. */
static guint64
unary_mask (const RlRuleNode *nodes, guint i, guint64 all)
{
  const RlRuleNode *n = &nodes[i];
  guint64 acc;

  switch (n->kind)
    {
    case RL_RULE_NODE_CONST:
      return n->mask ? all : 0;
    case RL_RULE_NODE_IN:
      return n->mask;
    case RL_RULE_NODE_NOT:
      return all & ~unary_mask (nodes, n->child, all);
    case RL_RULE_NODE_AND:
    case RL_RULE_NODE_OR:
      acc = n->kind == RL_RULE_NODE_AND ? all : 0;
      for (guint c = n->child; c != RL_RULE_NO_NODE; c = nodes[c].next)
        acc = n->kind == RL_RULE_NODE_AND ? acc & unary_mask (nodes, c, all)
                                          : acc | unary_mask (nodes, c, all);
      return acc;
    case RL_RULE_NODE_IMPLIES:
      return all & (~unary_mask (nodes, n->child, all) | unary_mask (nodes, nodes[n->child].next, all));
    case RL_RULE_NODE_IFF:
      return all & ~(unary_mask (nodes, n->child, all) ^ unary_mask (nodes, nodes[n->child].next, all));
    default:
      g_assert_not_reached ();
    }
}

static gboolean
check_text (Parser *p)
{
  gsize len = strlen (p->text);
  const char *bad;

  if (len > RL_RULE_MAX_BYTES)
    return fail_at (p, RL_ERROR_LIMIT, p->text, "rule is %" G_GSIZE_FORMAT " bytes long; the limit is %d",
                    len, RL_RULE_MAX_BYTES);
  if (!g_utf8_validate (p->text, (gssize) len, &bad))
    return fail_at (p, RL_ERROR_SYNTAX, bad, "rule is not valid UTF-8");
  return TRUE;
}

static gboolean
parse_rule (Parser *p, guint *root)
{
  guint depth = 0;

  if (!check_text (p) || !advance (p))
    return FALSE;
  if (p->cur.kind == TOK_END)
    return fail_at (p, RL_ERROR_SYNTAX, p->text, "rule is empty");
  if (!parse_implication (p, 0, root, &depth))
    return FALSE;
  if (p->cur.kind != TOK_END)
    return fail_expected (p, "end of rule");
  return TRUE;
}

RlRule *
rl_rule_compile (const char *text,
                 const RlIssueInfo *issues,
                 guint n_issues,
                 guint *error_offset,
                 GError **error)
{
  g_autoptr (GArray) nodes = g_array_new (FALSE, FALSE, sizeof (RlRuleNode));
  g_autoptr (GArray) compact = g_array_new (FALSE, FALSE, sizeof (RlRuleNode));
  Parser p = {
    .text = text,
    .pos = text,
    .issues = issues,
    .n_issues = n_issues,
    .nodes = nodes,
    .error = error,
  };
  RlRule *rule;
  guint root = 0;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (issues != NULL || n_issues == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!parse_rule (&p, &root))
    {
      if (error_offset)
        *error_offset = p.error_offset;
      return NULL;
    }
  rule = g_new0 (RlRule, 1);
  copy_tree ((const RlRuleNode *) (void *) nodes->data, root, compact, &rule->depth);
  rule->n_nodes = compact->len;
  rule->nodes = (RlRuleNode *) (void *) g_array_free (g_steal_pointer (&compact), FALSE);
  collect_issues (rule);
  if (rule->n_issues == 1)
    rule->unary_mask = unary_mask (rule->nodes, 0, all_options (issues[rule->issues[0]].n_options));
  return rule;
}

void
rl_rule_free (RlRule *rule)
{
  if (rule == NULL)
    return;
  g_free (rule->nodes);
  g_free (rule->issues);
  g_free (rule);
}

/* ---- Evaluation --------------------------------------------------------- */

static gboolean
eval_node (const RlRuleNode *nodes, guint i, const guint8 *package)
{
  const RlRuleNode *n = &nodes[i];
  guint v;

  switch (n->kind)
    {
    case RL_RULE_NODE_IN:
      v = package[n->issue];
      return v < 64 && ((n->mask >> v) & 1);
    case RL_RULE_NODE_AND:
      for (guint c = n->child; c != RL_RULE_NO_NODE; c = nodes[c].next)
        if (!eval_node (nodes, c, package))
          return FALSE;
      return TRUE;
    case RL_RULE_NODE_OR:
      for (guint c = n->child; c != RL_RULE_NO_NODE; c = nodes[c].next)
        if (eval_node (nodes, c, package))
          return TRUE;
      return FALSE;
    case RL_RULE_NODE_NOT:
      return !eval_node (nodes, n->child, package);
    case RL_RULE_NODE_IMPLIES:
      return !eval_node (nodes, n->child, package)
             || eval_node (nodes, nodes[n->child].next, package);
    case RL_RULE_NODE_IFF:
      return eval_node (nodes, n->child, package)
             == eval_node (nodes, nodes[n->child].next, package);
    case RL_RULE_NODE_CONST:
      return n->mask != 0;
    default:
      g_assert_not_reached ();
    }
}

gboolean
rl_rule_eval (const RlRule *rule, const guint8 *package)
{
  g_return_val_if_fail (rule != NULL, FALSE);
  return eval_node (rule->nodes, 0, package);
}

static RlTruth
kleene_not (RlTruth t)
{
  return t == RL_UNKNOWN ? RL_UNKNOWN : (t == RL_TRUE ? RL_FALSE : RL_TRUE);
}

static RlTruth eval_partial_node (const RlRuleNode *nodes, guint i, const guint8 *package);

/* Kleene and/or: @decisive (false for and, true for or) wins outright;
 * otherwise any unknown operand makes the result unknown. */
static RlTruth
eval_partial_junction (const RlRuleNode *nodes, guint i, const guint8 *package, RlTruth decisive)
{
  RlTruth result = decisive == RL_FALSE ? RL_TRUE : RL_FALSE;

  for (guint c = nodes[i].child; c != RL_RULE_NO_NODE; c = nodes[c].next)
    {
      RlTruth t = eval_partial_node (nodes, c, package);

      if (t == decisive)
        return decisive;
      if (t == RL_UNKNOWN)
        result = RL_UNKNOWN;
    }
  return result;
}

static RlTruth
eval_partial_node (const RlRuleNode *nodes, guint i, const guint8 *package)
{
  const RlRuleNode *n = &nodes[i];
  RlTruth a, b;
  guint v;

  switch (n->kind)
    {
    case RL_RULE_NODE_IN:
      v = package[n->issue];
      if (v == RL_UNSET)
        return RL_UNKNOWN;
      return v < 64 && ((n->mask >> v) & 1) ? RL_TRUE : RL_FALSE;
    case RL_RULE_NODE_AND:
      return eval_partial_junction (nodes, i, package, RL_FALSE);
    case RL_RULE_NODE_OR:
      return eval_partial_junction (nodes, i, package, RL_TRUE);
    case RL_RULE_NODE_NOT:
      return kleene_not (eval_partial_node (nodes, n->child, package));
    case RL_RULE_NODE_IMPLIES:
      a = eval_partial_node (nodes, n->child, package);
      if (a == RL_FALSE)
        return RL_TRUE;
      b = eval_partial_node (nodes, nodes[n->child].next, package);
      if (b == RL_TRUE)
        return RL_TRUE;
      return a == RL_TRUE && b == RL_FALSE ? RL_FALSE : RL_UNKNOWN;
    case RL_RULE_NODE_IFF:
      a = eval_partial_node (nodes, n->child, package);
      if (a == RL_UNKNOWN)
        return RL_UNKNOWN;
      b = eval_partial_node (nodes, nodes[n->child].next, package);
      if (b == RL_UNKNOWN)
        return RL_UNKNOWN;
      return a == b ? RL_TRUE : RL_FALSE;
    case RL_RULE_NODE_CONST:
      return n->mask ? RL_TRUE : RL_FALSE;
    default:
      g_assert_not_reached ();
    }
}

RlTruth
rl_rule_eval_partial (const RlRule *rule, const guint8 *package)
{
  g_return_val_if_fail (rule != NULL, RL_UNKNOWN);
  return eval_partial_node (rule->nodes, 0, package);
}

/* ---- Getters ------------------------------------------------------------ */

const guint *
rl_rule_get_issues (const RlRule *rule, guint *n_issues)
{
  g_return_val_if_fail (rule != NULL, NULL);
  g_return_val_if_fail (n_issues != NULL, NULL);
  *n_issues = rule->n_issues;
  return rule->issues;
}

gboolean
rl_rule_get_unary_mask (const RlRule *rule, guint *issue, guint64 *mask)
{
  g_return_val_if_fail (rule != NULL, FALSE);
  if (rule->n_issues != 1)
    return FALSE;
  if (issue)
    *issue = rule->issues[0];
  if (mask)
    *mask = rule->unary_mask;
  return TRUE;
}

const RlRuleNode *
rl_rule_get_nodes (const RlRule *r, guint *n_nodes, guint *root)
{
  g_return_val_if_fail (r != NULL, NULL);
  if (n_nodes)
    *n_nodes = r->n_nodes;
  if (root)
    *root = 0;
  return r->nodes;
}

guint
rl_rule_get_depth (const RlRule *r)
{
  g_return_val_if_fail (r != NULL, 0);
  return r->depth;
}
