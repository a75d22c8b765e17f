#!/usr/bin/env python3
# redline - negotiation-position modelling
# Copyright (C) 2026 the redline authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Tests of `redline report`, `brief`, `debrief` and `init`: the structure of
the documents (sections present, one dot per acceptable package, the
frontier's points in order along x), XML well-formedness of every SVG,
escaping of scenario text, the privacy of briefs, the debrief's bad rows,
and init's starter scenario.

    run-report-tests.py BUILD/src/cli/redline SOURCE_ROOT [unittest arguments]

The numbers a report shows are checked against `redline solve --format
json` (itself checked by hand in run-cli-tests.py). Standard library only.
"""
import csv
import io
import json
import math
import os
import re
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET

BINARY = None
SOURCE = None
VALID = None
REPORT = None
ARTICLE = None

SECTIONS = ["scenario", "issues", "parties", "values", "red-lines", "funnel", "best",
            "utility-space"]


def env():
    e = dict(os.environ)
    e["LC_ALL"] = "C.UTF-8"
    return e


def run(args, cwd=None):
    p = subprocess.run([BINARY] + args, cwd=cwd or VALID, env=env(), stdin=subprocess.DEVNULL,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def solve(path, *extra):
    rc, out, err = run(["solve", "--format", "json", "--frontier", path] + list(extra))
    assert rc == 0, err
    return json.loads(out)


def svgs(html):
    """Every <svg>...</svg> element of a page (they do not nest)."""
    return re.findall(r"<svg\b.*?</svg>", html, re.S)


def parse_svg(testcase, text, what):
    try:
        return ET.fromstring(text)
    except ET.ParseError as e:
        testcase.fail("%s: SVG is not well-formed XML: %s" % (what, e))


NS = "{http://www.w3.org/2000/svg}"


def circles(root, cls):
    return [c for c in root.iter(NS + "circle") if c.get("class") == cls]


def main_chart(testcase, html):
    """The utility-space chart: the SVG holding class="pkg" dots or cells."""
    for s in svgs(html):
        root = parse_svg(testcase, s, "chart")
        if root.find(".//*[@class='frontier']") is not None or circles(root, "pkg") \
                or root.find(".//*[@class='cell']") is not None:
            return root
    return None


def assert_clean(testcase, text, what, markup=True):
    """No raw control characters but newline and tab; in markup, no live
    script (plain text shows a label "<script>" as it is)."""
    bad = [c for c in text if (ord(c) < 32 and c not in "\n\t") or 0x7f <= ord(c) <= 0x9f]
    testcase.assertEqual(bad, [], "%s holds raw control characters" % what)
    if markup:
        testcase.assertNotIn("<script", text.lower(), "%s holds a <script> tag" % what)


# The label boxes as write-svg-labels.c estimates them (DejaVu Sans: a
# character at most 0.64 em wide on average, bold 0.72; ascent 0.95, descent
# 0.25); the browser test measures the real ones.
def text_box(t):
    fs = float(t.get("font-size"))
    text = "".join(t.itertext())
    title = t.find(NS + "title")
    if title is not None:
        text = text[len(title.text or ""):]
    w = len(text) * fs * (0.72 if t.get("font-weight") == "bold" else 0.64)
    x, y = float(t.get("x")), float(t.get("y"))
    anchor = t.get("text-anchor")
    left = x - w if anchor == "end" else x - w / 2 if anchor == "middle" else x
    if "rotate(-90" in (t.get("transform") or ""):
        # Turned about its anchor (text-anchor end): it runs down from there.
        return (x - 0.95 * fs, y, 1.2 * fs, w)
    return (left, y - 0.95 * fs, w, 1.2 * fs)


def boxes_touch(a, b):
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def chart_marks(root):
    """{id: (cx, cy, r)} of every labelled mark: rings, markers, the status quo."""
    marks = {}
    for e in root.iter():
        if e.get("data-mark") is None:
            continue
        if e.tag == NS + "circle":
            marks[e.get("data-mark")] = (float(e.get("cx")), float(e.get("cy")), float(e.get("r")))
        else:
            marks[e.get("data-mark")] = (float(e.get("data-cx")), float(e.get("data-cy")),
                                         float(e.get("data-r")))
    return marks


def check_labels(testcase, root, what):
    """Every mark's label beside its own mark or joined to it by a leader
    line ending on its ring; no label box over another label or any mark."""
    marks = chart_marks(root)
    labels = [(t.get("data-for"), text_box(t)) for t in root.iter(NS + "text")
              if t.get("class") in ("mark-label", "batna-label")]
    testcase.assertEqual(sorted(k for k, _ in labels if k is not None), sorted(marks), what)
    leaders = {l.get("data-for"): l for l in root.iter(NS + "line") if l.get("class") == "leader"}
    for n, (k, box) in enumerate(labels):
        for k2, (cx, cy, r) in marks.items():
            testcase.assertFalse(boxes_touch(box, (cx - r, cy - r, 2 * r, 2 * r)),
                                 "%s: label %s over mark %s" % (what, k, k2))
        for k2, box2 in labels[n + 1:]:
            testcase.assertFalse(boxes_touch(box, box2), "%s: labels %s and %s overlap" % (what, k, k2))
        if k is None:
            continue
        cx, cy, r = marks[k]
        if k in leaders:
            l = leaders[k]
            x2, y2 = float(l.get("x2")), float(l.get("y2"))
            testcase.assertAlmostEqual(((x2 - cx) ** 2 + (y2 - cy) ** 2) ** 0.5, r, delta=0.15,
                                       msg="%s: leader %s ends off its ring" % (what, k))
            x1, y1 = float(l.get("x1")), float(l.get("y1"))
            on_edge = (min(abs(x1 - box[0]), abs(x1 - box[0] - box[2])) < 0.15
                       or min(abs(y1 - box[1]), abs(y1 - box[1] - box[3])) < 0.15)
            testcase.assertTrue(on_edge, "%s: leader %s starts off its label" % (what, k))
        else:
            # Beside it: the box within a few pixels of the ring.
            dx = max(box[0] - cx, 0, cx - box[0] - box[2])
            dy = max(box[1] - cy, 0, cy - box[1] - box[3])
            testcase.assertLessEqual((dx * dx + dy * dy) ** 0.5, r + 8,
                                     "%s: label %s away from its mark without a leader" % (what, k))
    return len(labels)


def check_all_labels(testcase, html, what):
    n = 0
    for k, s in enumerate(svgs(html)):
        root = parse_svg(testcase, s, what)
        if chart_marks(root):
            n += check_labels(testcase, root, "%s chart %d" % (what, k))
    return n


class Report(unittest.TestCase):
    def check_report(self, path, *extra):
        expect = solve(path, *extra)
        rc, html, err = run(["report", path] + list(extra))
        self.assertEqual(rc, 0, err)
        self.assertTrue(html.startswith("<!DOCTYPE html>"))
        for s in SECTIONS:
            self.assertIn('<section id="%s">' % s, html, "section %s missing" % s)
        for k, s in enumerate(svgs(html)):
            parse_svg(self, s, "%s chart %d" % (path, k))
        # No scripts, no network: nothing is fetched.
        self.assertNotIn("<script", html)
        self.assertIsNone(re.search(r'\b(src|href)="(?!#)[^"]*//', html.replace(
            'xmlns="http://www.w3.org/2000/svg"', "")), "the page refers to the network")
        counts = expect["counts"]
        root = main_chart(self, html)
        if counts["acceptable"] == 0:
            self.assertIn('<section id="no-deal">', html)
            return html, expect
        self.assertIsNotNone(root, "no utility-space chart")
        # One dot per acceptable package; the frontier's points in order along x.
        self.assertEqual(len(circles(root, "pkg")), counts["acceptable"])
        pts = circles(root, "frontier-pt")
        self.assertEqual(len(pts), counts["pareto"])
        xs = [float(c.get("cx")) for c in pts]
        self.assertEqual(xs, sorted(xs), "frontier points not in x order")
        self.check_pair_frontier(root, path, extra)
        # The funnel says the counts.
        self.assertIn("{:,}".format(counts["space"]), html)
        self.check_decided(path, extra, expect, html)
        return html, expect

    def check_decided(self, path, extra, expect, html):
        """cli.md's `decided` next to the funnel: the sentences solve's text
        prints when solve's JSON `decided` names issues, and none when it
        does not (both are tested against a brute force elsewhere)."""
        rc, text, err = run(["solve", path] + list(extra))
        self.assertEqual(rc, 0, err)
        funnel = html[html.index('<section id="funnel">'):]
        funnel = funnel[:funnel.index("</section>")]
        paragraphs = [" ".join(p.split()) for p in text.split("\n\n")]
        decided = expect.get("decided", {})
        compat = decided.get("compatible", {})
        accept = {k: v for k, v in decided.get("acceptable", {}).items() if k not in compat}
        for opening, issues in [("The red lines alone decide:", compat),
                                ("With the BATNAs, every acceptable package", accept)]:
            said = [p for p in paragraphs if p.startswith(opening)]
            if not issues:
                self.assertEqual(said, [], opening)
                self.assertNotIn(opening, funnel)
                continue
            self.assertEqual(len(said), 1, opening)
            words = said[0].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            self.assertIn(words.replace("'", "&#39;"), funnel.replace("&#x27;", "&#39;"))

    def check_zoom(self, root, acceptable):
        """A dashed box round every acceptable dot; an inset holding each of
        them enlarged, over no labelled mark and under no label."""
        box = root.find(".//*[@class='zoom-box']")
        self.assertIsNotNone(box, "no zoomed inset")
        bx, by, bw, bh = (float(box.get(k)) for k in ("x", "y", "width", "height"))
        dots = circles(root, "pkg")
        self.assertEqual(len(dots), acceptable)
        for c in dots:
            self.assertTrue(bx <= float(c.get("cx")) <= bx + bw and by <= float(c.get("cy")) <= by + bh)
        inset = root.find(".//*[@class='zoom-inset']")
        ix, iy, iw, ih = (float(inset.get(k)) for k in ("x", "y", "width", "height"))
        self.assertGreater(iw * ih, 20 * bw * bh, "the inset is no larger than the box")
        zoomed = circles(root, "zoom-pkg")
        self.assertEqual(len(zoomed), acceptable)
        for c in zoomed:
            self.assertTrue(ix < float(c.get("cx")) < ix + iw and iy < float(c.get("cy")) < iy + ih)
        # The dots keep their order on both axes, enlarged.
        key = lambda c: c.find(NS + "title").text.split(":")[0]
        big = {key(c): (float(c.get("cx")), float(c.get("cy"))) for c in dots}
        small = {c.find(NS + "title").text: (float(c.get("cx")), float(c.get("cy"))) for c in zoomed}
        self.assertEqual(sorted(big), sorted(small))
        for a in big:
            for b in big:
                for k in (0, 1):
                    if big[a][k] < big[b][k] - 0.2:
                        self.assertLess(small[a][k], small[b][k])
        for cx, cy, r in chart_marks(root).values():
            self.assertFalse(boxes_touch((cx - r, cy - r, 2 * r, 2 * r), (ix, iy, iw, ih)), "inset over a mark")
        for t in root.iter(NS + "text"):
            if t.get("class") in ("mark-label", "batna-label"):
                self.assertFalse(boxes_touch(text_box(t), (ix, iy, iw, ih)), "label over the inset")

    def check_pair_frontier(self, root, path, extra):
        """The line class="frontier" runs through the packages no other
        acceptable package beats on both of the chart's axes (worked out
        here from `solve --all`), along x, through their own dots."""
        rc, out, err = run(["solve", "--all", "--format", "json", path] + list(extra))
        self.assertEqual(rc, 0, err)
        pkgs = [json.loads(l) for l in out.splitlines() if l.strip()]
        dots = {}
        for c in circles(root, "pkg"):
            t = c.find(NS + "title")
            if t is not None:
                dots[int(t.text.split(":")[0].lstrip("#"))] = (float(c.get("cx")), float(c.get("cy")))
        # The chart's axes: the parties whose utilities the dots' x and y are
        # linear in (to the pixel's tenth).
        by_index = {p["index"]: p["utilities"] for p in pkgs}

        def linear_in(party, coord):
            vals = [(by_index[i][party], xy[coord]) for i, xy in dots.items()]
            (u0, p0), (u1, p1) = min(vals), max(vals)
            if u1 == u0:
                return False
            return all(abs(p0 + (u - u0) * (p1 - p0) / (u1 - u0) - q) < 0.11 for u, q in vals)
        parties = list(pkgs[0]["utilities"])
        xa = [q for q in parties if linear_in(q, 0)][0]
        ya = [q for q in parties if q != xa and linear_in(q, 1)][0]
        pts = {}
        for p in pkgs:
            u = p["utilities"]
            pts.setdefault((u[xa], u[ya]), []).append(p["index"])
        front = [q for q in pts if not any(o[0] >= q[0] and o[1] >= q[1] and o != q for o in pts)]
        front.sort(key=lambda q: (q[0], -q[1]))
        line = root.find(".//*[@class='frontier']")
        coords = [tuple(map(float, c.split(","))) for c in line.get("points").split()]
        self.assertEqual(len(coords), len(front), "%s: the pair's frontier has %d points, drawn %d"
                         % (path, len(front), len(coords)))
        for q, (x, y) in zip(front, coords):
            index = min(pts[q])
            self.assertEqual(dots[index], (x, y), "%s: frontier vertex off package #%d" % (path, index))
        for (x0, y0), (x1, y1) in zip(coords, coords[1:]):
            self.assertTrue(x0 <= x1 and y0 <= y1, "%s: the pair's frontier goes back" % path)

    def test_border_aid(self):
        html, expect = self.check_report("border-aid.yaml")
        self.assertNotIn('<section id="status-quo">', html)
        # The chart marks each score's choice: Nash and welfare agree on 7,
        # Kalai and egalitarian on 5 (hand values, run-cli-tests.py).
        self.assertIn("Max welfare = Nash", html)
        self.assertIn("Kalai = Egalitarian", html)
        self.assertGreaterEqual(check_all_labels(self, html, "border-aid"), 3)
        # Its zone is not small: no inset.
        self.assertNotIn('class="zoom-box"', html)

    def test_observer_bonus(self):
        self.check_report("observer-bonus.yaml")

    def test_no_deal_explains(self):
        html, _ = self.check_report("no-deal.yaml")
        # Issue 13: with an empty zone the reason comes first.
        self.assertLess(html.index('<section id="no-deal">'), html.index('<section id="scenario">'))
        self.assertIn("Conflicts", html)
        self.assertIn('class="blocker-excludes"', html)

    def test_article_scenario(self):
        html, expect = self.check_report(ARTICLE)
        self.assertIn('<section id="status-quo">', html)
        # Four veto parties: a grid of the six pairs.
        self.assertEqual(len(re.findall(r'<figure class="small">', html)), 6)
        for note in ["cast-iron-guarantees", "Why this BATNA"]:
            self.assertIn(note, html)
        # The scenario has a simulation block: the talks, played out.
        self.assertIn('<section id="simulation">', html)
        self.assertIn('class="transcript"', html)
        # Issue 13: the funnel's log scale has a tick at each power of ten,
        # where a bar of that many packages would end (log10(1 + n) of the
        # space's), and the bars end where their counts say.
        funnel = [parse_svg(self, s, "funnel") for s in svgs(html) if "The funnel" in s][0]
        bars = [b for b in funnel.iter(NS + "rect") if b.get("class") == "funnel-bar"]
        counts = expect["counts"]
        full = math.log10(1 + counts["space"])
        x0 = float(bars[0].get("x"))
        width = float(bars[0].get("width"))
        for b, key in zip(bars, ["space", "feasible", "compatible", "acceptable", "pareto"]):
            self.assertAlmostEqual(float(b.get("width")),
                                   max(width * math.log10(1 + counts[key]) / full, 2), delta=0.06)
        ticks = [float(t.get("x1")) for t in funnel.iter(NS + "line") if t.get("class") == "funnel-tick"]
        self.assertEqual(len(ticks), 5)   # 1 to 10^4 for 38,880 packages
        for e, x in enumerate(ticks):
            self.assertAlmostEqual(x, x0 + width * math.log10(1 + 10 ** e) / full, delta=0.06)
        labels = [t.text for t in funnel.iter(NS + "text") if t.get("class") == "funnel-tick-label"]
        self.assertEqual(labels, ["1", "10", "100", "1,000", "10\u2074"])
        # Long issue names wrap onto two lines, whole, rather than being cut.
        long = "Occupied Zaporizhzhia and Kherson (the land bridge to Crimea)"
        m = re.search(r"<text[^>]*><title>" + re.escape(long) + r"</title>(.*?)</text>", html)
        self.assertIsNotNone(m)
        lines = re.findall(r"<tspan[^>]*>([^<]*)</tspan>", m.group(1))
        self.assertEqual(" ".join(lines), long)
        self.assertEqual(len(lines), 2)
        # Issue 13: the zone is 2 packages in a corner: a zoomed inset of them.
        self.check_zoom(main_chart(self, html), expect["counts"]["acceptable"])
        # Issue 13: labels beside their own marks, in the main chart and the grid.
        self.assertGreaterEqual(check_all_labels(self, html, "article"), 7 * 3)

    def test_how_robust(self):
        # "How robust is this?": thresholds in words, one tornado row per
        # listed margin (the narrowest, at most --top), the Monte Carlo's
        # shares; every chart parses.
        for path, top in (("border-aid.yaml", "10"), (ARTICLE, "5")):
            rc, html, err = run(["report", path, "--top", top, "--samples", "200"])
            self.assertEqual(rc, 0, err)
            self.assertIn('<section id="sensitivity">', html)
            section = html[html.index('<section id="sensitivity">'):]
            section = section[:section.index("</section>")]
            self.assertIn("How robust is this?", section)
            self.assertIn("The zone closes if the BATNA of", section)
            rc, out, err = run(["sensitivity", path, "--samples", "0", "--format", "json"])
            self.assertEqual(rc, 0, err)
            doc = json.loads(out)
            narrow = [m for m in doc["margins"]
                      if any(r is not None and not (r["lo_open"] and r["hi_open"])
                             for r in (m["zone"], m["top"]))]
            listed = min(int(top), len(narrow))
            charts = [parse_svg(self, s, "robustness chart") for s in svgs(section)]
            self.assertEqual(len(charts), 2)
            rows = [g for g in charts[0].iter(NS + "g") if g.get("class") == "tornado-row"]
            self.assertEqual(len(rows), listed)
            for g in rows:
                bars = [r for r in g.iter(NS + "rect") if r.get("class") in ("tornado-zone", "tornado-top")]
                self.assertGreaterEqual(len(bars), 1)
                self.assertEqual(len([l for l in g.iter(NS + "line")
                                      if l.get("class") == "tornado-nominal"]), 1)
            shares = [g for g in charts[1].iter(NS + "g") if g.get("class") == "share-row"]
            self.assertGreaterEqual(len(shares), 4)   # the zone, t* acceptable, first, Pareto
        # --samples 0 --no-margins leaves the section out; a bad value is refused.
        rc, html, err = run(["report", "border-aid.yaml", "--samples", "0", "--no-margins"])
        self.assertEqual(rc, 0, err)
        self.assertNotIn('<section id="sensitivity">', html)
        rc, html, err = run(["report", "border-aid.yaml", "--samples", "-1"])
        self.assertEqual(rc, 2, err)

    def test_many_veto_parties_parallel_coordinates(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "six.yaml")
            issues = "".join("  i%d:\n    ordered: true\n    options: [a, b, c]\n" % k for k in range(3))
            parties = "".join("  p%d:\n    batna: 0.1\n    weights: {i0: 1, i1: %d, i2: 1}\n"
                              "    values: {i0: %s, i1: increasing, i2: decreasing}\n"
                              % (p, p + 1, "increasing" if p % 2 else "decreasing") for p in range(6))
            with open(path, "w") as f:
                f.write("redline: 1\ntitle: Six\nissues:\n" + issues + "parties:\n" + parties)
            expect = solve(path)
            rc, html, err = run(["report", path])
            self.assertEqual(rc, 0, err)
            self.assertNotIn('<figure class="small">', html)
            self.assertEqual(len(re.findall(r'class="frontier-line"', html)), expect["counts"]["pareto"])
            self.assertEqual(len(re.findall(r'class="top-line"', html)), min(10, len(expect["top"])))
            root = main_chart(self, html)
            self.assertEqual(len(circles(root, "pkg")), expect["counts"]["acceptable"])

    def test_zero_sum_frontier_of_every_package(self):
        # Two parties whose values mirror each other with the same weights:
        # u_q = 1 - u_p, so no package beats another for both and all 6^7
        # are Pareto-optimal. The engine's Pareto archive, fed points in
        # order along that line, grew deeper than its fixed walk stack and
        # aborted (solve and report alike) before issue 13's fix.
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "zero-sum.yaml")
            issues = "".join("  i%d:\n    ordered: true\n    options: [a, b, c, d, e, f]\n" % k
                             for k in range(7))
            weights = ", ".join("i%d: %d" % (k, 2 ** k + k) for k in range(7))
            vals = "".join("      i%d: increasing\n" % k for k in range(7))
            dvals = "".join("      i%d: decreasing\n" % k for k in range(7))
            with open(path, "w") as f:
                f.write("redline: 1\ntitle: Zero-sum\nissues:\n" + issues + "parties:\n"
                        "  p:\n    batna: 0\n    weights: {%s}\n    values:\n%s"
                        "  q:\n    batna: 0\n    weights: {%s}\n    values:\n%s"
                        % (weights, vals, weights, dvals))
            counts = solve(path)["counts"]
            self.assertEqual((counts["acceptable"], counts["pareto"]), (6 ** 7, 6 ** 7))
            # (The charts are the point: no robustness section.)
            rc, html, err = run(["report", path, "--samples", "0", "--no-margins"])
            self.assertEqual(rc, 0, err)
            root = main_chart(self, html)
            cells = root.findall(".//*[@class='pareto-cell']")
            self.assertEqual(sum(int(c.find(NS + "title").text.split()[0]) for c in cells), 6 ** 7)
            # The pair's frontier is that line: x up, y down, all the way.
            line = root.find(".//*[@class='frontier']")
            coords = [tuple(map(float, c.split(","))) for c in line.get("points").split()]
            self.assertGreater(len(coords), 100)
            for (x0, y0), (x1, y1) in zip(coords, coords[1:]):
                self.assertTrue(x0 <= x1 and y0 <= y1)

    def test_large_generated_scenario_stays_readable(self):
        # Issue 13: 397,497 acceptable and 8,464 Pareto-optimal packages.
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "large.yaml")
            with open(path, "w") as f:
                subprocess.run([sys.executable, os.path.join(SOURCE, "tools", "gen-scenario"),
                                "--issues", "14", "--options", "4", "--fixed-options", "--parties", "6",
                                "--red-lines", "3", "--target", "0.001", "--seed", "7"], stdout=f,
                               check=True)
            expect = solve(path)
            counts = expect["counts"]
            self.assertEqual((counts["acceptable"], counts["pareto"]), (397497, 8464))
            # (The charts are the point: no robustness section. Explain's
            # count may not finish in its 10 s in a sanitizer build: then
            # the report says so and exits 3, charts and all.)
            rc, html, err = run(["report", path, "--samples", "0", "--no-margins"])
            self.assertIn(rc, (0, 3), err)
            if rc == 3:
                self.assertIn("did not finish", err)
            for k, s in enumerate(svgs(html)):
                root = parse_svg(self, s, "large chart %d" % k)
                # Bounded whatever the counts: two layers of 40 x 40 cells at most, each
                # cell a <rect> and its <title>.
                self.assertLessEqual(len(list(root.iter())), 4 * 40 * 40 + 400, "chart %d" % k)
            root = main_chart(self, html)
            self.assertEqual(circles(root, "pkg"), [])
            self.assertEqual(circles(root, "frontier-pt"), [])
            cells = root.findall(".//*[@class='pareto-cell']")
            self.assertEqual(sum(int(c.find(NS + "title").text.split()[0]) for c in cells), 8464)
            self.assertEqual(sum(int(c.find(NS + "title").text.split()[0])
                                 for c in root.findall(".//*[@class='cell']")), 397497)
            # Parallel coordinates: an even sample of 300, the top 10 over it.
            self.assertEqual(len(re.findall(r'class="frontier-line"', html)), 300)
            self.assertEqual(len(re.findall(r'class="top-line"', html)), 10)
            tops = re.findall(r'class="top-line"[^>]*><title>#(\d+)</title>', html)
            self.assertEqual(sorted(map(int, tops)), sorted(p["index"] for p in expect["top"]))
            check_all_labels(self, html, "large")

    def test_what_if_flags_compare_with_the_file(self):
        html, _ = self.check_report("border-aid.yaml", "--relax", "north/never-west")
        self.assertIn('<section id="comparison">', html)
        self.assertIn("relax north/never-west", html)

    def test_variant_file_compares_with_its_base(self):
        path = os.path.join(SOURCE, "tests", "data", "whatif", "v1.yaml")
        rc, html, err = run(["report", path])
        self.assertEqual(rc, 0, err)
        self.assertIn('<section id="comparison">', html)
        self.assertIn("What-if base", html)

    def test_axes(self):
        rc, html, err = run(["report", "observer-bonus.yaml", "--axes", "press,b"])
        self.assertEqual(rc, 0, err)
        self.assertIn("The press: utility", html)
        rc, _, err = run(["report", "observer-bonus.yaml", "--axes", "a,prss"])
        self.assertEqual(rc, 2)
        self.assertIn("did you mean 'press'", err)
        rc, _, err = run(["report", "observer-bonus.yaml", "--axes", "a,a"])
        self.assertEqual(rc, 2)

    def test_density_beyond_5000(self):
        # 6^5 = 7776 packages, every one acceptable: cells, not dots.
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "big.yaml")
            issues = "".join("  i%d:\n    ordered: true\n    options: [a, b, c, d, e, f]\n" % k
                             for k in range(5))
            weights = ", ".join("i%d: %d" % (k, k + 1) for k in range(5))
            vals = "".join("      i%d: increasing\n" % k for k in range(5))
            dvals = "".join("      i%d: decreasing\n" % k for k in range(5))
            with open(path, "w") as f:
                f.write("redline: 1\ntitle: Big\nissues:\n" + issues + "parties:\n"
                        "  p:\n    weights: {%s}\n    values:\n%s"
                        "  q:\n    weights: {%s}\n    values:\n%s" % (weights, vals, weights, dvals))
            expect = solve(path)
            self.assertEqual(expect["counts"]["acceptable"], 7776)
            # (The charts are the point: no robustness section, whose 1,000
            # samples over 7,776 Pareto-optimal packages outrun its budget in
            # a sanitizer build on a busy machine.)
            rc, html, err = run(["report", path, "--samples", "0", "--no-margins"])
            self.assertEqual(rc, 0, err)
            root = main_chart(self, html)
            self.assertEqual(circles(root, "pkg"), [])
            self.assertTrue(root.findall(".//*[@class='cell']"))
            # Every package is Pareto-optimal (q's values mirror p's): more
            # than 400, so they are shaded in cells too, not 7,776 points.
            self.assertEqual(expect["counts"]["pareto"], 7776)
            self.assertEqual(circles(root, "frontier-pt"), [])
            cells = root.findall(".//*[@class='pareto-cell']")
            self.assertTrue(cells)
            self.assertEqual(sum(int(c.find(NS + "title").text.split()[0]) for c in cells), 7776)
            self.assertEqual(sum(int(c.find(NS + "title").text.split()[0])
                                 for c in root.findall(".//*[@class='cell']")), 7776)
            self.assertLessEqual(len(list(root.iter())), 4 * 40 * 40 + 300)

    def test_markdown_writes_charts_beside(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "report.md")
            rc, _, err = run(["report", "border-aid.yaml", "--format", "markdown", "-o", out])
            self.assertEqual(rc, 0, err)
            md = open(out, encoding="utf-8").read()
            for title in ["## The scenario", "## The funnel", "## The best packages",
                          "## The utility space", "## Red lines"]:
                self.assertIn(title, md)
            refs = re.findall(r"!\[[^\]]*\]\(<([^>]+)>\)", md)
            self.assertTrue(refs)
            for ref in refs:
                self.assertTrue(ref.startswith("report-files/"), ref)
                path = os.path.join(tmp, ref)
                self.assertTrue(os.path.exists(path), ref)
                parse_svg(self, open(path, encoding="utf-8").read(), ref)
            space = [r for r in refs if "space-" in r]
            root = ET.parse(os.path.join(tmp, space[0])).getroot()
            self.assertEqual(len(circles(root, "pkg")), 3)
            # Markdown needs somewhere to put the charts.
            rc, _, err = run(["report", "border-aid.yaml", "--format", "markdown"])
            self.assertEqual(rc, 2)
            self.assertIn("-o", err)

    def test_escaping(self):
        path = os.path.join(REPORT, "private.yaml")
        rc, html, err = run(["report", path])
        self.assertEqual(rc, 0, err)
        assert_clean(self, html, "report")
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;", html)
        self.assertIn("Escaping &lt;b&gt;test&lt;/b&gt; &amp; &quot;quotes&quot; &#39;single&#39;", html)
        self.assertNotIn('href="javascript', html)
        for s in svgs(html):
            parse_svg(self, s, "escaped chart")
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "r.md")
            rc, _, err = run(["report", path, "--format", "markdown", "-o", out])
            self.assertEqual(rc, 0, err)
            md = open(out, encoding="utf-8").read()
            assert_clean(self, md, "markdown report")
            self.assertIn("&lt;script&gt;", md)
            for name in os.listdir(os.path.join(tmp, "r-files")):
                text = open(os.path.join(tmp, "r-files", name), encoding="utf-8").read()
                assert_clean(self, text, name)
                parse_svg(self, text, name)

    def test_output_file_is_whole(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "r.html")
            rc, _, err = run(["report", "border-aid.yaml", "-o", out])
            self.assertEqual(rc, 0, err)
            self.assertTrue(open(out, encoding="utf-8").read().rstrip().endswith("</html>"))
            self.assertEqual(sorted(os.listdir(tmp)), ["r.html"])


class Brief(unittest.TestCase):
    PRIVATE = ["PRIVATE-DESCRIPTION-OF-OTHER", "PRIVATE-BONUS-NOTE", "PRIVATE-LINE-ID",
               "PRIVATE-LINE-NOTE", "PRIVATE-LINE-SOURCE", "PRIVATE-BATNA-NOTE",
               "PRIVATE-POWER-NOTE", "PRIVATE-WEIGHTS-NOTE", "PRIVATE-VALUES-NOTE", "1.75",
               "80.0%", "20.0%"]

    def brief(self, party, fmt):
        rc, out, err = run(["brief", os.path.join(REPORT, "private.yaml"), "--party", party,
                            "--format", fmt])
        self.assertEqual(rc, 0, err)
        return out

    def test_nothing_private_of_another_party(self):
        for fmt in ["markdown", "html", "text"]:
            out = self.brief("me", fmt)
            for marker in self.PRIVATE:
                self.assertNotIn(marker, out, "%s brief shows %s" % (fmt, marker))
            # What is public of the others, and all of its own.
            for marker in ["OTHER-PUBLIC-NOTE", "other-public-line", "WATCHER-PUBLIC-NOTE",
                           "MY-PUBLIC-NOTE", "MY-PRIVATE-NOTE", "MY-BATNA-NOTE", "75.0%"]:
                self.assertIn(marker, out, "%s brief lacks %s" % (fmt, marker))
            assert_clean(self, out, fmt + " brief", fmt != "text")
            other = self.brief("other", fmt)
            self.assertNotIn("MY-PRIVATE-NOTE", other)
            self.assertNotIn("my-private-line", other)
            self.assertNotIn("MY-BATNA-NOTE", other)
            self.assertIn("PRIVATE-LINE-NOTE", other)   # its own private line

    def test_sections_and_words(self):
        out = self.brief("me", "markdown")
        for title in ["## The situation", "## What is on the table", "## Your priorities",
                      "## Your red lines", "## If talks fail", "## The other parties"]:
            self.assertIn(title, out)
        self.assertIn("matters most to you (75.0% of what you care about)", out)
        self.assertIn("you get the equivalent of 0.20", out)
        html = self.brief("me", "html")
        for s in svgs(html):
            parse_svg(self, s, "brief chart")
        text = self.brief("me", "text")
        for n, line in enumerate(text.split("\n"), 1):
            self.assertLessEqual(len(line), 80, "text brief line %d: %r" % (n, line))

    def test_unknown_party(self):
        rc, _, err = run(["brief", "border-aid.yaml", "--party", "nrth"])
        self.assertEqual(rc, 2)
        self.assertIn("did you mean 'north'", err)
        rc, _, err = run(["brief", "border-aid.yaml"])
        self.assertEqual(rc, 2)


DEALS = ("\ufeffgroup,aid,border,colour\r\n"
         "Team A,some,middle,x\r\n"
         "\"Team, B\",full,middle,y\r\n"
         "Team C,some\r\n"
         "Team A,some,east,z\r\n"
         "Team E,soem,east,w\r\n"
         "\r\n"
         "\"Team \"\"F\"\"\",none,west,v\r\n")


class Debrief(unittest.TestCase):
    def debrief(self, fmt, deals=DEALS):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "deals.csv")
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(deals)
            rc, out, err = run(["debrief", os.path.join(VALID, "border-aid.yaml"), "--deals",
                                "deals.csv", "--format", fmt], cwd=tmp)
        return rc, out, err

    def test_bad_rows_do_not_stop_the_others(self):
        rc, out, err = self.debrief("csv")
        self.assertEqual(rc, 1)
        lines = err.strip().split("\n")
        self.assertEqual(lines, [
            "deals.csv:1: error: column 4: 'colour' is not an issue of the scenario; the column is ignored",
            "deals.csv:4: error: 2 fields, but the header has 4 columns (a missing column?)",
            "deals.csv:5: error: group 'Team A' again (first on line 2)",
            "deals.csv:6: error: unknown option 'soem' of issue 'aid' (did you mean 'some'?)",
        ])
        rows = list(csv.DictReader(io.StringIO(out)))
        self.assertEqual([r["group"] for r in rows],
                         ["Team A", "Team, B", "Team C", "Team A", "Team E", 'Team "F"'])
        a, b, c, a2, e, f = rows
        # Hand values (border-aid.yaml): 4 middle/some and 5 middle/full.
        self.assertEqual((a["index"], a["acceptable"], a["rank_nash"], a["rank_welfare"], a["pareto"]),
                         ("4", "true", "2", "2", "true"))
        self.assertEqual((b["index"], b["acceptable"], b["rank_kalai"], b["pareto"], b["dominated_by"]),
                         ("5", "true", "1", "false", "7"))
        self.assertEqual((f["index"], f["acceptable"], f["broken"], f["below_batna"]),
                         ("0", "false", "north/never-west", "north"))
        for bad in (c, a2, e):
            self.assertEqual(bad["index"], "")
            self.assertTrue(bad["error"])

    def test_json(self):
        rc, out, err = self.debrief("json")
        self.assertEqual(rc, 1)
        doc = json.loads(out)
        self.assertEqual(doc["format"], "redline.debrief/1")
        self.assertEqual([g["group"] for g in doc["groups"]], ["Team A", "Team, B", 'Team "F"'])
        g = doc["groups"][1]
        self.assertEqual((g["line"], g["package"]["index"], g["acceptable"], g["ranks"]["kalai"],
                          g["dominated_by"]["index"]), (3, 5, True, 1, 7))
        self.assertEqual([e["line"] for e in doc["errors"]], [1, 4, 5, 6])

    def test_text_and_html(self):
        rc, out, err = self.debrief("text")
        self.assertEqual(rc, 1)
        self.assertIn("Group Team, B", out)
        for n, line in enumerate(out.split("\n"), 1):
            self.assertLessEqual(len(line), 80, "line %d: %r" % (n, line))
        rc, html, err = self.debrief("html")
        self.assertEqual(rc, 1)
        root = main_chart(self, html)
        markers = root.findall(".//*[@class='marker']")
        self.assertEqual(len(markers), 3)
        self.assertEqual(len(circles(root, "pkg")), 3)
        for s in svgs(html):
            parse_svg(self, s, "debrief chart")
        check_all_labels(self, html, "debrief")

    def test_starter_debrief_labels(self):
        # Seven groups on the starter, three of them on the same package and
        # two on the status quo's neighbour: the labels must still not overlap.
        with tempfile.TemporaryDirectory() as tmp:
            start = os.path.join(tmp, "start.yaml")
            self.assertEqual(run(["init", start])[0], 0)
            deals = ("group,water,dam,fund,public\n"
                     "Otters,third,small,large,no\nHerons,third,small,large,no\n"
                     "Trout,third,small,large,no\nKingfishers,half,none,large,no\n"
                     "Beavers,half,small,large,no\nA group with a long name,half,none,large,no\n"
                     "Pike,third,none,small,yes\n")
            with open(os.path.join(tmp, "deals.csv"), "w") as f:
                f.write(deals)
            rc, html, err = run(["debrief", start, "--deals", "deals.csv", "--format", "html"], cwd=tmp)
            self.assertIn(rc, (0, 1), err)
            self.assertGreaterEqual(check_all_labels(self, html, "starter debrief"), 7)

    def test_good_file_exits_0(self):
        rc, out, err = self.debrief("text", "group,border,aid\nA,east,some\nB,middle,some\n")
        self.assertEqual(rc, 0, err)
        self.assertEqual(err, "")

    def test_header_problems(self):
        rc, out, err = self.debrief("csv", "team,border,aid\nA,east,some\n")
        self.assertEqual(rc, 1)
        self.assertIn("deals.csv:1: error: no 'group' column", err)
        rc, out, err = self.debrief("csv", "group,border\nA,east\n")
        self.assertEqual(rc, 1)
        self.assertIn("no column for issue 'aid'", err)
        rc, out, err = self.debrief("csv", "")
        self.assertEqual(rc, 1)
        rc, out, err = self.debrief("csv", 'group,border,aid\n"A,east,some\n')
        self.assertEqual(rc, 1)
        self.assertIn("not closed", err)

    def test_missing_deals_file(self):
        rc, _, err = run(["debrief", "border-aid.yaml", "--deals", "no-such.csv"])
        self.assertEqual(rc, 3)
        rc, _, err = run(["debrief", "border-aid.yaml"])
        self.assertEqual(rc, 2)


class Init(unittest.TestCase):
    def test_starter_passes_check(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "start.yaml")
            rc, out, err = run(["init", path])
            self.assertEqual(rc, 0, err)
            rc, out, err = run(["check", path])
            self.assertEqual(rc, 0, err)
            text = open(path, encoding="utf-8").read()
            for feature in ["ordered: true", "options: [no, yes]", "constraints:", "status_quo:",
                            "veto: false", "power:", "batna:", "weights:", "increasing",
                            "decreasing", "bonuses:", "red_lines:", "public: false", "notes:",
                            "sources:", "strategy:", "drift:", "simulation:", "description:"]:
                self.assertIn(feature, text)
            # It has a zone of agreement worth reporting.
            doc = solve(path)
            self.assertGreater(doc["counts"]["acceptable"], 0)
            # Never overwrites.
            before = open(path, "rb").read()
            with open(path, "w") as f:
                f.write("mine\n")
            rc, out, err = run(["init", path])
            self.assertEqual(rc, 3)
            self.assertIn("exists", err)
            self.assertEqual(open(path).read(), "mine\n")

    def test_stdout(self):
        rc, out, err = run(["init"])
        self.assertEqual(rc, 0, err)
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "s.yaml")
            with open(path, "w", encoding="utf-8") as f:
                f.write(out)
            rc, _, err = run(["check", path])
            self.assertEqual(rc, 0, err)
        rc, _, err = run(["init", "a.yaml", "b.yaml"])
        self.assertEqual(rc, 2)


def main():
    global BINARY, SOURCE, VALID, REPORT, ARTICLE
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    BINARY = os.path.abspath(sys.argv[1])
    SOURCE = os.path.abspath(sys.argv[2])
    VALID = os.path.join(SOURCE, "tests", "data", "valid")
    REPORT = os.path.join(SOURCE, "tests", "data", "report")
    ARTICLE = os.path.join(SOURCE, "scenarios", "ukraine-washington-2025.yaml")
    prog = unittest.main(argv=[sys.argv[0]] + sys.argv[3:], exit=False, verbosity=2)
    return 0 if prog.result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
