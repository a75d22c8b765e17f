#!/usr/bin/env python3
# redline - negotiation-position modelling
# Copyright (C) 2026 the redline authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Issue 20, items 2 to 4: `--timeout` honoured by every command, and
partial answers that say what they are.

On a generated scenario of 4^17 (1.7e10) packages (tools/gen-scenario),
each command with `--timeout 1` must end within ONE_SECOND_SLACK of the
deadline, exit 3, and write a whole document marked incomplete in which
no unfinished count is stated as a finding: explain's counts are exact,
labelled bounds or null; compare's gained/lost likewise; debrief's ranks
null. On a smaller scenario (4^10) a partial debrief and explain are
checked against the complete run: every number printed is the complete
run's, or a true bound of it, or absent. `solve --top` above 100,000 is a
usage error. Standard library only.

    run-timeout-tests.py BUILD/src/cli/redline SOURCE_ROOT [unittest arguments]
"""
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

BINARY = None
ROOT = None
TMP = None
BIG = None
MID = None
BIG_DEALS = None
MID_DEALS = None

# The deadline plus this: the spec asks for "within a second or two"; a
# loaded test machine gets the second.
ONE_SECOND_SLACK = 2.0


def run(args, timeout=120):
    t0 = time.monotonic()
    p = subprocess.run([BINARY] + args, capture_output=True, text=True, timeout=timeout)
    return p.returncode, p.stdout, p.stderr, time.monotonic() - t0


def generate(path, issues, seed):
    out = subprocess.run([sys.executable, os.path.join(ROOT, "tools", "gen-scenario"),
                          "--issues", str(issues), "--options", "4", "--fixed-options",
                          "--parties", "5", "--red-lines", "3", "--seed", str(seed)],
                         capture_output=True, text=True, check=True).stdout
    with open(path, "w") as f:
        f.write(out)


def deals(path, issues, rows, seed, packages=()):
    rnd = random.Random(seed)
    with open(path, "w") as f:
        f.write("group," + ",".join("i%d" % k for k in range(issues)) + "\n")
        for n, pkg in enumerate(packages):
            f.write("p%d," % n + ",".join(pkg["options"]["i%d" % k] for k in range(issues)) + "\n")
        for n in range(rows):
            f.write("g%d," % n + ",".join("o%d" % rnd.randrange(4) for _ in range(issues)) + "\n")


def setUpModule():
    global TMP, BIG, MID, BIG_DEALS, MID_DEALS
    TMP = tempfile.mkdtemp(prefix="redline-timeout-")
    BIG = os.path.join(TMP, "big.yaml")
    MID = os.path.join(TMP, "mid.yaml")
    generate(BIG, 17, 8)
    generate(MID, 10, 3)
    BIG_DEALS = os.path.join(TMP, "big.csv")
    deals(BIG_DEALS, 17, 300, 1)
    rc, out, err, _ = run(["solve", MID, "--format", "json", "--top", "40", "-q"])
    assert rc == 0, err
    MID_DEALS = os.path.join(TMP, "mid.csv")
    deals(MID_DEALS, 10, 40, 2, json.loads(out)["top"])


def tearDownModule():
    shutil.rmtree(TMP)


def known_ok(value, bound, truth):
    """A partial document's count: exact, a labelled bound, or null."""
    if value is None:
        return True
    if bound is None:
        return value == truth
    return value <= truth if bound == "lower" else value >= truth


class EveryCommand(unittest.TestCase):
    """--timeout 1 on 1.7e10 packages: within the slack, exit 3, whole output."""

    def timed(self, args, fmt="json"):
        out_args = ["--format", fmt] if fmt else []
        rc, out, err, secs = run(args + out_args + ["--timeout", "1", "-q"])
        self.assertLess(secs, 1 + ONE_SECOND_SLACK, "%s took %.2f s" % (args, secs))
        self.assertEqual(rc, 3, "%s: %s" % (args, err))
        return out

    def test_solve(self):
        doc = json.loads(self.timed(["solve", BIG]))
        self.assertIs(doc["complete"], False)

    def test_solve_frontier(self):
        doc = json.loads(self.timed(["solve", BIG, "--frontier"]))
        self.assertIs(doc["complete"], False)

    def test_evaluate(self):
        doc = json.loads(self.timed(["evaluate", BIG, "--deal", "0"]))
        self.assertIs(doc["complete"], False)

    def test_explain(self):
        doc = json.loads(self.timed(["explain", BIG]))
        self.assertIs(doc["complete"], False)
        for b in doc["blockers"]:
            # A count is a number (exact or labelled) or null, never a bare
            # unfinished number; a null price says whether it is "no deal".
            for name in ("excludes", "sole"):
                if b[name] is not None and name + "_bound" in b:
                    self.assertIn(b[name + "_bound"], ("lower", "upper"))
            if b["price"] is None and doc["acceptable"] != 0:
                self.assertIs(b.get("price_known"), False, b)

    def test_compare(self):
        doc = json.loads(self.timed(["compare", BIG, BIG, "--relax", "p0/r0"]))
        self.assertIs(doc["complete"], False)

    def test_report(self):
        path = os.path.join(TMP, "r.html")
        self.timed(["report", BIG, "-o", path], fmt=None)
        with open(path) as f:
            self.assertIn("incomplete", f.read())

    def test_report_markdown(self):
        path = os.path.join(TMP, "r.md")
        self.timed(["report", BIG, "--format", "markdown", "-o", path], fmt=None)
        self.assertTrue(os.path.exists(path))

    def test_debrief(self):
        doc = json.loads(self.timed(["debrief", BIG, "--deals", BIG_DEALS]))
        self.assertIs(doc["complete"], False)
        for g in doc["groups"]:
            if g["acceptable"]:
                self.assertTrue(all(r is None for r in g["ranks"].values()), g)

    def test_stability(self):
        self.timed(["stability", BIG, "--packages", "top"])

    def test_simulate(self):
        # Fast on this scenario: it must simply not outlive the deadline.
        rc, out, err, secs = run(["simulate", BIG, "--format", "json", "--timeout", "1", "-q"])
        self.assertLess(secs, 1 + ONE_SECOND_SLACK)
        self.assertIn(rc, (0, 3), err)


class AgainstComplete(unittest.TestCase):
    """Partial answers on 4^10 packages against the complete run."""

    def complete_and_partials(self, args):
        rc, out, err, _ = run(args + ["--format", "json", "-q"])
        self.assertEqual(rc, 0, err)
        full = json.loads(out)
        partials = []
        for t in ("0.001", "0.01", "0.03", "0.1", "0.3"):
            rc, out, err, _ = run(args + ["--format", "json", "-q", "--timeout", t])
            self.assertIn(rc, (0, 3), err)
            doc = json.loads(out)
            self.assertEqual(rc == 3, doc.get("complete") is False)
            partials.append(doc)
        return full, partials

    def test_debrief_ranks(self):
        full, partials = self.complete_and_partials(["debrief", MID, "--deals", MID_DEALS])
        for doc in partials:
            for g, f in zip(doc["groups"], full["groups"]):
                self.assertEqual(g["group"], f["group"])
                self.assertEqual(g["acceptable"], f["acceptable"])
                for score, rank in g.get("ranks", {}).items():
                    self.assertIn(rank, (None, f["ranks"][score]), (g["group"], score))
                if g["package"].get("pareto") is not None:
                    self.assertEqual(g["package"]["pareto"], f["package"]["pareto"], g["group"])
                if g["dominated_by"] is not None and f["dominated_by"] is None:
                    self.fail("%s: dominated in a partial run only" % g["group"])
                d, e = g["dominated_by"], f["dominated_by"]
                if d is not None and e is not None and d["index"] == e["index"] \
                        and d.get("pareto") is not None:
                    self.assertEqual(d["pareto"], e["pareto"], g["group"])

    def test_explain_counts(self):
        full, partials = self.complete_and_partials(["explain", MID, "--relax", "p1/*"])
        for doc in partials:
            self.assertTrue(known_ok(doc["acceptable"], doc.get("acceptable_bound"), full["acceptable"]))
            for b, f in zip(doc["blockers"], full["blockers"]):
                for name in ("excludes", "sole"):
                    self.assertTrue(known_ok(b[name], b.get(name + "_bound"), f[name]),
                                    "%s %s: %s vs %s" % (b["id"], name, b, f))
                if b["price"] is not None:
                    self.assertAlmostEqual(b["price"], f["price"], places=12)


class TopCap(unittest.TestCase):
    def test_top_cap(self):
        rc, out, err, _ = run(["solve", MID, "--top", "100001"])
        self.assertEqual(rc, 2)
        self.assertIn("100000", err)
        rc, out, err, _ = run(["solve", MID, "--top", "4294967295"])
        self.assertEqual(rc, 2)


if __name__ == "__main__":
    BINARY = os.path.abspath(sys.argv[1])
    ROOT = os.path.abspath(sys.argv[2])
    unittest.main(argv=[sys.argv[0]] + sys.argv[3:])
