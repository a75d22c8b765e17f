#!/usr/bin/env python3
# redline - negotiation-position modelling
# Copyright (C) 2026 the redline authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Tests of `redline explain` on the command line: the redline.explain/1
document, text and CSV, --max, --rank, --timeout and its exit status, the
progress line, what-if flags, and a 60-blocker scenario.

    run-explain-tests.py BUILD/src/cli/redline SOURCE_ROOT [unittest arguments]

The numbers are those worked out by hand in the comments at the top of
tests/data/explain/*.yaml, not redline's earlier output. The lists of
sixty-blockers.yaml were checked against a brute force over its 5,971,968
packages (every maximal set of blockers that a feasible package satisfies
gives a relaxation; every pair and triple of blockers was tested for
conflicts). Golden files under tests/cli/golden/explain-* fix the text and
CSV layouts of the hand-checked cases (REDLINE_UPDATE_GOLDEN=1 rewrites
them; read the diff).

REDLINE_WRAP, when set, is a command put before every redline command (the
memcheck suite); timing checks are then skipped. Standard library only.
"""
import csv
import io
import json
import os
import shlex
import subprocess
import sys
import tempfile
import time
import unittest

BINARY = None
SOURCE = None
DATA = None
GOLDEN = None
UPDATE = bool(os.environ.get("REDLINE_UPDATE_GOLDEN"))
WRAP = shlex.split(os.environ.get("REDLINE_WRAP", ""))
TOL = 1e-9


def env():
    e = dict(os.environ)
    e["LC_ALL"] = "C.UTF-8"
    return e


def run(args, cwd=None, stderr=subprocess.PIPE):
    p = subprocess.run(WRAP + [BINARY] + args, cwd=cwd or DATA, env=env(), stdin=subprocess.DEVNULL,
                       stdout=subprocess.PIPE, stderr=stderr, timeout=600)
    if WRAP and p.returncode == 99:
        raise AssertionError("memory error under %s: %s" % (" ".join(WRAP), p.stderr.decode()[-2000:]))
    return p.returncode, p.stdout.decode("utf-8"), (p.stderr or b"").decode("utf-8")


def explain(*args, cwd=None):
    rc, out, err = run(["explain"] + list(args) + ["--format", "json"], cwd=cwd)
    assert rc == 0, "exit %d: %s" % (rc, err)
    return json.loads(out)


def golden(testcase, name, text):
    path = os.path.join(GOLDEN, name)
    if UPDATE or not os.path.exists(path):
        if not UPDATE:
            testcase.fail("missing golden file %s (run with REDLINE_UPDATE_GOLDEN=1)" % name)
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        return
    with open(path, encoding="utf-8", newline="") as f:
        testcase.assertEqual(f.read(), text, "output differs from golden file " + name)


def assert_width(testcase, text, what):
    for n, line in enumerate(text.split("\n"), 1):
        testcase.assertLessEqual(len(line), 80, "%s line %d is wider than 80 columns: %r" % (what, n, line))


def blockers_by_id(doc):
    return {b["id"]: b for b in doc["blockers"]}


def lists(doc):
    return ([c["blockers"] for c in doc["conflicts"]], [r["blockers"] for r in doc["relaxations"]])


def in_order(sets):
    """cli.md's order: smallest first, then the sorted ids, byte by byte."""
    key = [(len(s), [x.encode() for x in s]) for s in sets]
    return key == sorted(key) and all(s == sorted(s, key=lambda x: x.encode()) for s in sets)


# ---- hand-computed cases -------------------------------------------------------------


class Json(unittest.TestCase):
    def test_border_lines(self):
        d = explain("border-lines.yaml")
        self.assertEqual(d["format"], "redline.explain/1")
        self.assertEqual(d["generator"]["name"], "redline")
        self.assertEqual(d["generator"]["changes"], [])
        self.assertEqual(d["acceptable"], 0)
        self.assertNotIn("complete", d)
        self.assertEqual(lists(d), (
            [["north/batna", "south/west-only"], ["north/not-west", "south/west-only"]],
            [["south/west-only"], ["north/batna", "north/not-west"]]))
        first, second = d["relaxations"]
        self.assertEqual(first["acceptable"], 2)
        best = first["best"]
        self.assertEqual(best["index"], 5)
        self.assertEqual(best["options"], {"border": "east", "aid": "yes"})
        self.assertEqual(best["utilities"], {"north": 1.0, "south": 0.5})
        for name, value in {"welfare": 1.5, "nash": 0.16, "kalai": 4 / 9, "min_gain": 0.2}.items():
            self.assertAlmostEqual(best["scores"][name], value, delta=TOL, msg=name)
        self.assertTrue(best["pareto"])
        self.assertEqual(second["acceptable"], 1)
        best = second["best"]
        self.assertEqual(best["index"], 1)
        for name, value in {"welfare": 1.0, "nash": 0.0, "kalai": 1.0, "min_gain": -0.2}.items():
            self.assertAlmostEqual(best["scores"][name], value, delta=TOL, msg=name)
        self.assertTrue(best["pareto"])
        expected = [("north/not-west", "north", "red_line", 2, 0), ("north/batna", "north", "batna", 2, 0),
                    ("south/west-only", "south", "red_line", 4, 2), ("south/aid", "south", "red_line", 3, 0),
                    ("south/batna", "south", "batna", 2, 0)]
        self.assertEqual([(b["id"], b["party"], b["kind"], b["excludes"], b["sole"]) for b in d["blockers"]],
                         expected)
        self.assertTrue(all(b["price"] is None for b in d["blockers"]))
        self.assertEqual(list(d), ["format", "generator", "acceptable", "conflicts", "relaxations", "blockers"])

    def test_priced(self):
        d = explain("priced.yaml")
        self.assertEqual(d["acceptable"], 1)
        self.assertEqual(lists(d), ([], []))
        b = blockers_by_id(d)
        self.assertEqual([x["id"] for x in d["blockers"]], ["north/no-east", "north/batna", "south/batna"])
        self.assertEqual([(x["excludes"], x["sole"]) for x in d["blockers"]], [(2, 1), (2, 2), (2, 1)])
        self.assertAlmostEqual(b["north/no-east"]["price"], 0.025, delta=TOL)
        self.assertAlmostEqual(b["north/batna"]["price"], 0.0, delta=TOL)
        self.assertAlmostEqual(b["south/batna"]["price"], 0.0, delta=TOL)
        d = explain("priced.yaml", "--rank", "welfare")
        b = blockers_by_id(d)
        self.assertAlmostEqual(b["north/no-east"]["price"], 0.25, delta=TOL)
        self.assertAlmostEqual(b["north/batna"]["price"], 0.0, delta=TOL)
        self.assertAlmostEqual(b["south/batna"]["price"], 0.0, delta=TOL)

    def test_infeasible(self):
        d = explain("infeasible.yaml")
        self.assertEqual(d["acceptable"], 0)
        self.assertEqual(d["conflicts"], [{"blockers": []}])
        self.assertEqual(d["relaxations"], [])
        self.assertEqual([(x["id"], x["excludes"], x["sole"], x["price"]) for x in d["blockers"]],
                         [("east/talks", 0, 0, None), ("east/batna", 0, 0, None)])

    def test_max(self):
        d = explain("border-lines.yaml", "--max", "1")
        self.assertEqual(lists(d), ([["north/batna", "south/west-only"]], [["south/west-only"]]))
        d = explain("border-lines.yaml", "--max", "0")
        self.assertEqual(lists(d), ([], []))
        self.assertEqual(len(d["blockers"]), 5)

    def test_rank_changes_best(self):
        # By south's utility, the relaxation of south/west-only opens 3 (0.75)
        # and 5 (0.5): the best is 3.
        d = explain("border-lines.yaml", "--rank", "utility:south")
        self.assertEqual(d["relaxations"][0]["best"]["index"], 3)
        # The threads never change an answer.
        self.assertEqual(explain("border-lines.yaml", "--threads", "1"), explain("border-lines.yaml", "--threads", "3"))


class Text(unittest.TestCase):
    def test_golden(self):
        for name in ("border-lines", "priced", "infeasible"):
            rc, out, err = run(["explain", name + ".yaml"])
            self.assertEqual(rc, 0, err)
            assert_width(self, out, name)
            golden(self, "explain-%s.txt" % name, out)

    def test_paragraph(self):
        rc, out, err = run(["explain", "border-lines.yaml"])
        paragraph = " ".join(out.split("\n\n")[1].split())
        self.assertTrue(paragraph.startswith("No package satisfies every veto party. The smallest conflict "
                                             "is between north's BATNA of 0.200 (north/batna) and south's "
                                             "red line \u201cOnly the western line restores what was lost\u201d "
                                             "(south/west-only): no feasible package keeps both."), paragraph)
        self.assertIn("south's west-only red line (2 packages would become acceptable; the best scores "
                      "0.160 by nash)", paragraph)
        rc, out, err = run(["explain", "priced.yaml"])
        paragraph = " ".join(out.split("\n\n")[1].split())
        self.assertIn("North's no-east red line costs the best deal 0.025 in Nash terms", paragraph)

    def test_csv(self):
        rc, out, err = run(["explain", "priced.yaml", "--format", "csv"])
        self.assertEqual(rc, 0, err)
        rows = list(csv.reader(io.StringIO(out)))
        self.assertEqual(rows[0], ["id", "party", "kind", "excludes", "sole", "price"])
        self.assertEqual([r[:5] for r in rows[1:]], [["north/no-east", "north", "red_line", "2", "1"],
                                                     ["north/batna", "north", "batna", "2", "2"],
                                                     ["south/batna", "south", "batna", "2", "1"]])
        self.assertAlmostEqual(float(rows[1][5]), 0.025, delta=TOL)
        golden(self, "explain-priced.csv", out)
        rc, out, err = run(["explain", "border-lines.yaml", "--format", "csv"])
        self.assertTrue(all(r[5] == "" for r in list(csv.reader(io.StringIO(out)))[1:]))

    def test_output_file(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "out.json")
            rc, out, err = run(["explain", "border-lines.yaml", "--format", "json", "-o", path])
            self.assertEqual((rc, out), (0, ""))
            with open(path) as f:
                self.assertEqual(json.load(f), explain("border-lines.yaml"))


# ---- the shipped scenarios ------------------------------------------------------------


class Article(unittest.TestCase):
    def scenarios(self):
        return os.path.join(SOURCE, "scenarios")

    def test_washington(self):
        d = explain("ukraine-washington-2025.yaml", cwd=self.scenarios())
        self.assertEqual(d["acceptable"], 2)
        self.assertEqual(lists(d), ([], []))
        ids = [b["id"] for b in d["blockers"]]
        # Veto parties in file order; observers (nato) are never blockers.
        self.assertEqual(ids[0], "ukraine/at-the-table")
        self.assertIn("usa/batna", ids)
        self.assertFalse(any(i.startswith("nato/") for i in ids))
        self.assertTrue(all(b["price"] is not None for b in d["blockers"]))
        rc, out, err = run(["explain", "ukraine-washington-2025.yaml"], cwd=self.scenarios())
        self.assertEqual(rc, 0, err)
        assert_width(self, out, "washington")

    def test_flags_equal_variant(self):
        # The maximalist variant, as a file and as flags on its base.
        file_doc = explain("ukraine-maximalist-russia.yaml", cwd=self.scenarios())
        flag_doc = explain("ukraine-washington-2025.yaml", "--relax", "russia/keeps-donbas",
                           "--require", "donbas >= russian_de_facto", cwd=self.scenarios())
        self.assertEqual(file_doc, flag_doc)
        self.assertEqual(file_doc["acceptable"], 0)
        self.assertEqual(lists(file_doc)[0], [["ukraine/no-withdrawal"]])


# ---- sixty blockers, the timeout, progress ---------------------------------------------------


SIXTY_CONFLICTS = [
    ["p0/batna"], ["p1/batna"], ["p2/batna"], ["p3/batna"], ["p4/batna"], ["p5/batna"],
    ["p0/r8", "p3/r1"], ["p0/r8", "p5/r2"], ["p1/r3", "p3/r5"], ["p3/r1", "p3/r3"]]
SIXTY_RELAXATIONS = [
    "p0/batna p0/r4 p0/r6 p0/r7 p1/batna p1/r3 p2/batna p3/batna p3/r1 p4/batna p5/batna p5/r2",
    "p0/batna p0/r4 p0/r6 p0/r7 p1/batna p2/batna p3/batna p3/r1 p3/r5 p4/batna p5/batna p5/r2",
    "p0/batna p0/r4 p0/r6 p1/batna p1/r0 p1/r3 p2/batna p3/batna p3/r1 p4/batna p5/batna p5/r2",
    "p0/batna p0/r4 p0/r6 p1/batna p1/r0 p2/batna p3/batna p3/r1 p3/r5 p4/batna p5/batna p5/r2",
    "p0/batna p0/r4 p0/r7 p1/batna p1/r3 p2/batna p3/batna p3/r1 p4/batna p5/batna p5/r2 p5/r5",
    "p0/batna p0/r4 p0/r7 p1/batna p2/batna p3/batna p3/r1 p3/r5 p4/batna p5/batna p5/r2 p5/r5",
    "p0/batna p0/r4 p1/batna p1/r0 p1/r3 p2/batna p3/batna p3/r1 p4/batna p5/batna p5/r2 p5/r5",
    "p0/batna p0/r4 p1/batna p1/r0 p2/batna p3/batna p3/r1 p3/r5 p4/batna p5/batna p5/r2 p5/r5",
    "p0/batna p0/r1 p0/r2 p0/r4 p0/r7 p1/batna p1/r3 p2/batna p3/batna p3/r1 p4/batna p5/batna p5/r2",
    "p0/batna p0/r1 p0/r2 p0/r4 p0/r7 p1/batna p2/batna p3/batna p3/r1 p3/r5 p4/batna p5/batna p5/r2"]


class Large(unittest.TestCase):
    def test_sixty_blockers(self):
        started = time.monotonic()
        d = explain("sixty-blockers.yaml")
        elapsed = time.monotonic() - started
        self.assertEqual(len(d["blockers"]), 60)
        self.assertNotIn("complete", d)
        self.assertEqual(lists(d), (SIXTY_CONFLICTS, [r.split() for r in SIXTY_RELAXATIONS]))
        if not WRAP:
            self.assertLess(elapsed, 5.0)

    def test_timeout_marks_incomplete(self):
        # Under valgrind everything is some 50 times slower; a sanitizer
        # build on a busy machine may find fewer than ten conflicts in 0.5 s:
        # then the limit doubles (the deadline must still stop the work).
        limits = ["20"] if WRAP else ["0.5", "1", "2", "4", "8"]
        for limit in limits:
            started = time.monotonic()
            rc, out, err = run(["explain", "sixty-blockers.yaml", "--max", "100000", "--timeout", limit,
                                "--format", "json"])
            elapsed = time.monotonic() - started
            self.assertEqual(rc, 3, err)
            self.assertIn("--timeout", err)
            d = json.loads(out)
            self.assertIs(d["complete"], False)
            self.assertEqual(list(d)[-1], "complete")
            if not WRAP:
                self.assertLess(elapsed, float(limit) + 2)
            conflicts, relaxations = lists(d)
            if len(conflicts) >= 10 and relaxations:
                break
        self.assertTrue(conflicts and relaxations)
        self.assertTrue(in_order(conflicts) and in_order(relaxations))
        # What was found in time is right: the first ten are those of the
        # exact list (the smallest come first, whatever the deadline).
        self.assertEqual(conflicts[:10], SIXTY_CONFLICTS)
        rc, out, err = run(["explain", "sixty-blockers.yaml", "--max", "100000", "--timeout", limit])
        self.assertEqual(rc, 3)
        self.assertIn("Stopped by --timeout", out)
        assert_width(self, out, "timeout text")

    def test_progress_only_on_a_terminal(self):
        import pty
        for quiet in (False, True):
            master, slave = pty.openpty()
            args = WRAP + [BINARY, "explain", "sixty-blockers.yaml", "--max", "100000", "--timeout", "1.5",
                           "--format", "json"]
            if quiet:
                args.append("--quiet")
            p = subprocess.run(args, cwd=DATA, stdout=subprocess.PIPE, stderr=slave, env=env(), timeout=600)
            os.close(slave)
            err = b""
            try:
                while True:
                    chunk = os.read(master, 4096)
                    if not chunk:
                        break
                    err += chunk
            except OSError:
                pass
            os.close(master)
            self.assertNotIn(b"\r", p.stdout)
            self.assertEqual(p.returncode, 3)
            if quiet:
                self.assertNotIn(b"explaining:", err)
            else:
                self.assertIn(b"\rexplaining: step ", err)
                self.assertTrue(err.split(b"redline:")[0].endswith(b"\r"))
        rc, out, err = run(["explain", "sixty-blockers.yaml", "--max", "100000", "--timeout", "1.5"])
        self.assertNotIn("explaining", err)


# ---- the command line --------------------------------------------------------------------


class Usage(unittest.TestCase):
    def assertUsage(self, args, fragment):
        rc, out, err = run(["explain"] + args)
        self.assertEqual(rc, 2, err)
        self.assertIn(fragment, err)
        self.assertEqual(out, "")

    def test_errors(self):
        self.assertUsage(["border-lines.yaml", "--max", "-1"], "--max")
        self.assertUsage(["border-lines.yaml", "--max", "many"], "--max")
        self.assertUsage(["border-lines.yaml", "priced.yaml"], "one FILE only")
        self.assertUsage([], "no FILE given")
        self.assertUsage(["border-lines.yaml", "--format", "markdown"], "--format")
        self.assertUsage(["border-lines.yaml", "--rank", "utility:nobody"], "nobody")
        self.assertUsage(["border-lines.yaml", "--timeout", "0"], "--timeout")
        self.assertUsage(["border-lines.yaml", "--relax", "north/nothing"], "nothing")

    def test_files(self):
        rc, out, err = run(["explain", "missing.yaml"])
        self.assertEqual(rc, 3)
        with tempfile.TemporaryDirectory() as tmp:
            bad = os.path.join(tmp, "bad.yaml")
            with open(bad, "w") as f:
                f.write("redline: 1\ntitle: t\nissues: {}\n")
            rc, out, err = run(["explain", bad])
            self.assertEqual(rc, 1)

    def test_help(self):
        rc, out, err = run(["explain", "--help"])
        self.assertEqual(rc, 0)
        for option in ("--max", "--rank", "--format", "--output", "--timeout", "--threads", "--quiet", "--relax"):
            self.assertIn(option, out)
        rc, out, err = run(["--help"])
        self.assertRegex(out, r"(?m)^  explain ")


def main():
    global BINARY, SOURCE, DATA, GOLDEN
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    BINARY = os.path.abspath(sys.argv[1])
    SOURCE = os.path.abspath(sys.argv[2])
    DATA = os.path.join(SOURCE, "tests", "data", "explain")
    GOLDEN = os.path.join(SOURCE, "tests", "cli", "golden")
    unittest.main(argv=[sys.argv[0]] + sys.argv[3:], verbosity=2)


if __name__ == "__main__":
    sys.exit(main())
