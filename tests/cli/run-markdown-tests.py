#!/usr/bin/env python3
# redline - negotiation-position modelling
# Copyright (C) 2026 the redline authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every Markdown document redline writes (each party's brief, the
Markdown report) rendered by a CommonMark renderer (Debian's `cmark`):

- no emphasis marker leaks into the text: no literal `*` outside code,
  no `_` that is not inside a word (an id such as `no_force` is text);
- the structure is the one intended: the bold and italic runs, the
  headings and the code spans that cmark finds are, in order, those of
  the same document written as HTML by redline itself (`--format html`),
  a writer that builds its tags directly and never goes through Markdown.

    run-markdown-tests.py BUILD/src/cli/redline SOURCE_ROOT [unittest arguments]

Skipped (77) when cmark is not installed (tools/setup --test installs it).
"""
import html.parser
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

BINARY = None
SOURCE = None
CMARK = shutil.which("cmark")


def env():
    e = dict(os.environ)
    e["LC_ALL"] = "C.UTF-8"
    return e


def run(args, cwd=None):
    p = subprocess.run([BINARY] + args, cwd=cwd, env=env(), stdin=subprocess.DEVNULL,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def cmark(markdown):
    p = subprocess.run([CMARK, "--to", "html"], input=markdown.encode("utf-8"),
                       stdout=subprocess.PIPE, check=True, timeout=60)
    return p.stdout.decode("utf-8")


class Runs(html.parser.HTMLParser):
    """The text outside code and pre, and the runs of the tags that carry
    meaning, in document order: ("strong", text), ("em", text), ("h2",
    text), ("code", text). SVG, style and script are skipped whole."""

    KEPT = ("strong", "em", "code", "h1", "h2", "h3", "h4")
    SKIPPED = ("svg", "style", "script", "pre", "figcaption", "title", "head")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open = []          # [tag, text] of KEPT tags being read
        self.skip = 0
        self.text = []          # text nodes outside code and pre
        self.runs = []

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIPPED:
            self.skip += 1
        elif tag in self.KEPT and not self.skip:
            self.open.append([tag, ""])

    def handle_endtag(self, tag):
        if tag in self.SKIPPED:
            self.skip -= 1
        elif tag in self.KEPT and not self.skip and self.open and self.open[-1][0] == tag:
            t, text = self.open.pop()
            self.runs.append((t, " ".join(text.split())))

    def handle_data(self, data):
        if self.skip:
            return
        for o in self.open:
            o[1] += data
        if not any(o[0] == "code" for o in self.open):
            self.text.append(data)


def whole_paragraph_em(page):
    """cmark's HTML with a paragraph that is all italic (a subtitle, a
    caption, a footer: their own elements in redline's HTML) as plain."""
    return re.sub(r"<p><em>((?:(?!</?em>).)*)</em></p>", r"<p>\1</p>", page)


def parse(page):
    r = Runs()
    r.feed(page)
    r.close()
    return r


# A '_' that is not between two word characters is an emphasis marker
# that did not pair up (ids such as article5_like are text).
STRAY_UNDERSCORE = re.compile(r"(?<!\w)_|_(?!\w)")


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


DOCUMENTS = []


class Markdown(unittest.TestCase):
    def documents(self):
        """(name, markdown, html) of every brief and Markdown report."""
        if DOCUMENTS:
            return DOCUMENTS
        docs = DOCUMENTS
        # The shipped scenarios that list their parties (not the variants).
        scenarios = [os.path.join(SOURCE, "scenarios", f)
                     for f in sorted(os.listdir(os.path.join(SOURCE, "scenarios")))
                     if f.endswith(".yaml")]
        scenarios = [f for f in scenarios if re.search(r"(?m)^parties:", read(f))]
        scenarios += [os.path.join(SOURCE, "tests", "data", "valid", f)
                      for f in ("border-aid.yaml", "observer-bonus.yaml", "no-deal.yaml")]
        scenarios.append(os.path.join(SOURCE, "tests", "data", "report", "private.yaml"))
        for path in scenarios:
            for party in self.party_ids(path):
                rc, md, err = run(["brief", path, "--party", party])
                self.assertEqual(rc, 0, err)
                rc, page, err = run(["brief", path, "--party", party, "--format", "html"])
                self.assertEqual(rc, 0, err)
                docs.append(("brief %s %s" % (os.path.basename(path), party), md, page))
            with tempfile.TemporaryDirectory() as d:
                out_md = os.path.join(d, "r.md")
                rc, _, err = run(["report", path, "--format", "markdown", "-o", out_md, "-q"])
                self.assertEqual(rc, 0, err)
                md = read(out_md)
                rc, page, err = run(["report", path, "-q"])
                self.assertEqual(rc, 0, err)
                docs.append(("report %s" % os.path.basename(path), md, page))
        return docs

    def party_ids(self, path):
        # From the file's `parties:` mapping, read as text.
        ids = []
        inside = False
        for line in read(path).splitlines():
            if re.match(r"^parties:\s*$", line):
                inside = True
                continue
            if inside:
                if re.match(r"^\S", line):
                    break
                m = re.match(r"^  ([A-Za-z0-9_-]+):\s*$", line)
                if m:
                    ids.append(m.group(1))
        self.assertTrue(ids, path)
        return ids

    def test_no_marker_leaks(self):
        for name, md, _ in self.documents():
            with self.subTest(doc=name):
                text = "".join(parse(cmark(md)).text)
                self.assertNotIn("*", text, name)
                stray = [text[max(0, m.start() - 30):m.end() + 30]
                         for m in STRAY_UNDERSCORE.finditer(text)]
                self.assertEqual(stray, [], name)

    def test_structure_as_html(self):
        for name, md, page in self.documents():
            with self.subTest(doc=name):
                got = [r for r in parse(whole_paragraph_em(cmark(md))).runs if r[0] != "h1"]
                want = [r for r in parse(page).runs if r[0] != "h1"]
                self.assertEqual(got, want, name)

    def test_private_red_line_hand_written(self):
        """The case of the bug, by hand: a private red line in its owner's
        brief is a bold id, then an italic remark, and nothing else."""
        path = os.path.join(SOURCE, "tests", "data", "report", "private.yaml")
        for party in self.party_ids(path):
            rc, md, err = run(["brief", path, "--party", party])
            self.assertEqual(rc, 0, err)
            self.assertNotIn("***", md)
            page = cmark(md)
            if "(private" in page:
                self.assertRegex(page, r"<strong>[^<]+</strong> <em>\(private: [^<]*\)</em>")


def main():
    global BINARY, SOURCE
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    BINARY = os.path.abspath(sys.argv[1])
    SOURCE = os.path.abspath(sys.argv[2])
    if CMARK is None:
        print("cmark is not installed: skipped (tools/setup --test installs it)")
        return 77
    argv = [sys.argv[0]] + sys.argv[3:]
    result = unittest.main(argv=argv, exit=False).result
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
