#!/usr/bin/env python3
# redline - negotiation-position modelling
# SPDX-License-Identifier: GPL-3.0-or-later
"""Numbers that never lie (issue 20 items 5, 9, 10): package indices beyond
2^53 and 2^63 against Python's big integers, Nash products in log space
against hand computation, and the edges of what flags and files accept.

Usage: run-numbers-tests.py REDLINE SOURCE_ROOT [unittest args]
"""
import csv
import io
import json
import math
import os
import random
import subprocess
import sys
import tempfile
import unittest

BINARY = SOURCE = DATA = None


def run(args, cwd=None, timeout=120):
    env = dict(os.environ, LC_ALL="C.UTF-8")
    p = subprocess.run([BINARY] + args, cwd=cwd or DATA, env=env, stdin=subprocess.DEVNULL,
                       capture_output=True, timeout=timeout)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def radices(path):
    """The option counts of a scenario, file order (from `check --format json`
    would need a schema; the test files are written so that counting the
    `options:` lists is enough)."""
    counts = []
    with open(os.path.join(DATA, path)) as f:
        for line in f:
            s = line.strip()
            if s.startswith("options: ["):
                counts.append(len(s[len("options: ["):-1].split(",")))
    return counts


def index_of(counts, positions):
    """scenario.md's mixed-radix index, first issue most significant."""
    x = 0
    for n, k in zip(counts, positions):
        x = x * n + k
    return x


def positions_of(counts, options):
    return [int(options["i%d" % i][1:]) for i in range(len(counts))]


def json_index(testcase, value, expected):
    """cli.md's index: a JSON number up to 2^53, a decimal string beyond."""
    if expected <= 2 ** 53:
        testcase.assertIsInstance(value, int)
        testcase.assertEqual(value, expected)
    else:
        testcase.assertIsInstance(value, str)
        testcase.assertEqual(value, str(expected))


# ---- Item 5: indices beyond 2^53 and 2^63 -----------------------------------------


class BigIndices(unittest.TestCase):
    BIG = "big-index.yaml"          # 4^14 * 2^50 = 2^78 = 3.0e23 packages
    MID = "index-2-60.yaml"         # 2^60 packages: counted, indices above 2^53

    def test_solve_only_top_beyond_2_63(self):
        counts = radices(self.BIG)
        self.assertEqual(math.prod(counts), 2 ** 78)
        rc, out, err = run(["solve", self.BIG, "--only-top", "--top", "5", "--format", "json"])
        self.assertEqual(rc, 0, err)
        top = json.loads(out)["top"]
        self.assertEqual(len(top), 5)
        indices = []
        for pkg in top:
            x = index_of(counts, positions_of(counts, pkg["options"]))
            self.assertGreater(x, 2 ** 63)
            json_index(self, pkg["index"], x)
            indices.append(x)
        self.assertEqual(len(set(indices)), 5, "every package its own index")
        rc, out, err = run(["solve", self.BIG, "--only-top", "--top", "5", "--format", "csv"])
        self.assertEqual(rc, 0, err)
        rows = list(csv.DictReader(io.StringIO(out)))
        self.assertEqual([int(r["index"]) for r in rows], indices)
        rc, out, err = run(["solve", self.BIG, "--only-top", "--top", "5"])
        self.assertEqual(rc, 0, err)
        for x in indices:
            self.assertIn(str(x), out)

    def test_deal_by_index_round_trip(self):
        """evaluate --deal INDEX reads any index exactly (the space beyond
        2^63 is refused by evaluate for its ranks, so the round trip goes
        through the error that names the last package, and solve)."""
        counts = radices(self.BIG)
        last = 2 ** 78 - 1
        rc, out, err = run(["evaluate", self.BIG, "--deal", str(last + 1)])
        self.assertEqual(rc, 2, err)
        self.assertIn("numbered 0 to %d" % last, err)
        counts = radices(self.MID)
        rng = random.Random(20)
        for _ in range(6):
            pos = [rng.randrange(n) for n in counts]
            x = index_of(counts, pos)
            rc, out, err = run(["evaluate", self.MID, "--deal", str(x), "--format", "json"])
            self.assertEqual(rc, 0, err)
            pkg = json.loads(out)["package"]
            self.assertEqual(positions_of(counts, pkg["options"]), pos)
            json_index(self, pkg["index"], x)
            deal = ",".join("i%d=o%d" % (i, k) for i, k in enumerate(pos))
            rc, out, err = run(["evaluate", self.MID, "--deal", deal])
            self.assertEqual(rc, 0, err)
            self.assertIn("package %d" % x, out)
        rc, out, err = run(["evaluate", self.MID, "--deal", "0" * 30 + "5", "--format", "json"])
        self.assertEqual(rc, 0, err)
        self.assertEqual(json.loads(out)["package"]["index"], 5)

    def test_every_writer_above_2_53(self):
        counts = radices(self.MID)
        rc, out, err = run(["solve", self.MID, "--format", "json", "--frontier"])
        self.assertEqual(rc, 0, err)
        doc = json.loads(out)
        expected = []
        for pkg in doc["top"] + doc["frontier"]:
            x = index_of(counts, positions_of(counts, pkg["options"]))
            json_index(self, pkg["index"], x)
            expected.append(x)
        self.assertTrue(any(x > 2 ** 53 for x in expected))
        top = expected[0]
        # evaluate: the package and the one that dominates it
        rc, out, err = run(["evaluate", self.MID, "--deal", "0", "--format", "json"])
        self.assertEqual(rc, 0, err)
        dom = json.loads(out)["dominated_by"]
        json_index(self, dom["index"], index_of(counts, positions_of(counts, dom["options"])))
        # debrief, every format: the group's deal is the top package
        with tempfile.TemporaryDirectory() as tmp:
            deals = os.path.join(tmp, "deals.csv")
            names = ["i%d" % i for i in range(len(counts))]
            opts = doc["top"][0]["options"]
            with open(deals, "w") as f:
                f.write("group," + ",".join(names) + "\n")
                f.write("g," + ",".join(opts[n] for n in names) + "\n")
            rc, out, err = run(["debrief", self.MID, "--deals", deals, "--format", "csv"])
            self.assertEqual(rc, 0, err)
            self.assertEqual(list(csv.DictReader(io.StringIO(out)))[0]["index"], str(top))
            for fmt in ("text", "html"):
                rc, out, err = run(["debrief", self.MID, "--deals", deals, "--format", fmt])
                self.assertEqual(rc, 0, err)
                self.assertIn(str(top), out)
        for fmt in ("text", "csv", "html"):
            rc, out, err = run(["solve", self.MID, "--format", fmt] if fmt != "html"
                               else ["report", self.MID, "--format", "html"])
            self.assertEqual(rc, 0, err)
            self.assertIn(str(top), out, fmt)
        # compare: both sides' packages, JSON and CSV
        rc, out, err = run(["compare", self.MID, self.MID, "--set", "parties.b.batna=0.5",
                            "--format", "json"])
        self.assertEqual(rc, 0, err)
        cmp = json.loads(out)
        for side in ("a", "b"):
            for pkg in cmp[side]["top"]:
                json_index(self, pkg["index"], index_of(counts, positions_of(counts, pkg["options"])))
        self.assertEqual(cmp["a"]["top"][0]["index"], str(top))
        rc, out, err = run(["compare", self.MID, self.MID, "--set", "parties.b.batna=0.5"])
        self.assertEqual(rc, 0, err)
        self.assertIn(str(top), out)

def main():
    global BINARY, SOURCE, DATA
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    BINARY = os.path.abspath(sys.argv[1])
    SOURCE = os.path.abspath(sys.argv[2])
    DATA = os.path.join(SOURCE, "tests", "data", "valid")
    prog = unittest.main(argv=[sys.argv[0]] + sys.argv[3:], exit=False, verbosity=2)
    return 0 if prog.result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
