#!/usr/bin/env python3
# redline - negotiation-position modelling
# SPDX-License-Identifier: GPL-3.0-or-later
"""Numbers that never lie (issue 20 items 5, 9, 10): package indices beyond
2^53 and 2^63 against Python's big integers, Nash products in log space
against hand computation, and the edges of what flags and files accept.

Usage: run-numbers-tests.py REDLINE SOURCE_ROOT [unittest args]
"""
import csv
import decimal
import io
import json
import math
import os
import random
import subprocess
import sys
import tempfile
import time
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
                               else ["report", self.MID, "--format", "html", "--timeout", "3"])
            # The report's explain section cannot count 2^60 packages in
            # time: it says so and exits 3 (issue 20); the index is the point.
            self.assertEqual(rc, 3 if fmt == "html" else 0, err)
            self.assertIn(str(top), out, fmt)
        # solve --stability finds each package by its index, a string here
        rc, out, err = run(["solve", self.MID, "--stability", "--format", "json"])
        self.assertEqual(rc, 0, err)
        for pkg in json.loads(out)["top"]:
            self.assertIn("stability", pkg, pkg["index"])
        # stability: its packages and equilibria by index
        rc, out, err = run(["stability", self.MID, "--format", "json"])
        self.assertEqual(rc, 0, err)
        st = json.loads(out)
        for pkg in st["packages"]:
            json_index(self, pkg["index"], index_of(counts, positions_of(counts, pkg["options"])))
        self.assertTrue(set(st["equilibria"]["gmr"]) <= {p["index"] for p in st["packages"]})
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

# ---- Item 9: Nash products in log space ----------------------------------------------

POWER = """redline: 1
title: Power 1e9
issues:
  a: {options: [x, y, z]}
parties:
  p: {batna: 0, power: 1e9, weights: {a: 1}, values: {a: {x: 0.5, y: 0.6, z: 0.55}}}
  q: {batna: 0, weights: {a: 1}, values: {a: {x: 1, y: 0.1, z: 0.9}}}
"""

HUGE = """redline: 1
title: BATNA -1e308
issues:
  a: {options: [x, y, z]}
parties:
  p: {batna: -1e308, power: 2, weights: {a: 1}, values: {a: {x: 1, y: 0, z: 0.5}}}
  q: {batna: 0, weights: {a: 1}, values: {a: {x: 0.2, y: 0.9, z: 0.5}}}
"""


def log10_nash(terms):
    """log10 of the product of gain^power, from the doubles the program
    computes the gains in, in 60-digit decimal arithmetic."""
    ctx = decimal.Context(prec=60)
    total = decimal.Decimal(0)
    for gain, power in terms:
        total += ctx.multiply(decimal.Decimal(power), ctx.ln(decimal.Decimal(gain)))
    return ctx.divide(total, ctx.ln(decimal.Decimal(10)))


def parse_scientific(text):
    """'2.41904e-221848751' -> (log10 of it, digits of its mantissa)."""
    m, e = text.split("e")
    digits = len(m.replace(".", "").lstrip("-"))
    return decimal.Decimal(m).log10() + int(e), digits


class NashInLogSpace(unittest.TestCase):
    def solve(self, text, fmt):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "s.yaml")
            with open(path, "w") as f:
                f.write(text)
            rc, out, err = run(["solve", path, "--format", fmt])
            self.assertEqual(rc, 0, err)
            return out

    def check(self, text, gains, order):
        """@gains: per option, the (gain, power) terms; @order: the ranked
        options by hand."""
        doc = json.loads(self.solve(text, "json"))
        self.assertEqual([p["options"]["a"] for p in doc["top"]], order)
        rows = list(csv.DictReader(io.StringIO(self.solve(text, "csv"))))
        self.assertEqual([r["a"] for r in rows], order)
        for pkg, row in zip(doc["top"], rows):
            want = log10_nash(gains[pkg["options"]["a"]])
            for shown in (pkg["scores"]["nash"], row["nash"]):
                self.assertIsInstance(shown, str, "beyond a double: a string")
                got, digits = parse_scientific(shown)
                # the mantissa is right to its last printed digit
                self.assertLess(abs(got - want), decimal.Decimal(10) ** (1 - digits), (shown, want))
                self.assertGreaterEqual(digits, 5)
        out = self.solve(text, "text")
        self.assertIn("1. Package %d" % doc["top"][0]["index"], out)
        self.assertNotIn("nash 0.000", out)
        self.assertNotIn("1.80e+308", out)

    def test_power_1e9(self):
        """0.6^1e9 * 0.1 = 2.419e-221848751 first: every product underflowed
        to 0 and index order put x first."""
        g = {"x": [(0.5, 1e9), (1.0, 1)], "y": [(0.6, 1e9), (0.1, 1)], "z": [(0.55, 1e9), (0.9, 1)]}
        self.check(POWER, g, ["y", "z", "x"])

    def test_batna_minus_1e308(self):
        """(1e308)^2 * gain_q: every product overflowed to the same value."""
        g = {o: [(1e308, 2), (gq, 1)] for o, gq in (("x", 0.2), ("y", 0.9), ("z", 0.5))}
        self.check(HUGE, g, ["y", "z", "x"])

    def test_ranks_and_explain(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "s.yaml")
            with open(path, "w") as f:
                f.write(POWER)
            for deal, rank in (("a=y", 1), ("a=z", 2), ("a=x", 3)):
                rc, out, err = run(["evaluate", path, "--deal", deal, "--format", "json"])
                self.assertEqual(rc, 0, err)
                self.assertEqual(json.loads(out)["ranks"]["nash"], rank, deal)
            rc, out, err = run(["explain", path])
            self.assertEqual(rc, 0, err)
            self.assertIn("the best scoring 2.42e-221848751 by nash", " ".join(out.split()))
            rc, out, err = run(["compare", path, path, "--set", "parties.q.batna=0.05"])
            self.assertEqual(rc, 0, err)
            self.assertIn("A: package 1, nash 2.42e-221848751", out)
            rc, out, err = run(["report", path, "--format", "html"])
            self.assertEqual(rc, 0, err)
            self.assertIn("2.42e-221848751", out)

    def test_ordinary_products_keep_every_bit(self):
        """Where the product is a normal double it is printed as before, as a
        JSON number equal to the product of the gains."""
        text = POWER.replace("power: 1e9", "power: 2")
        doc = json.loads(self.solve(text, "json"))
        for pkg in doc["top"]:
            u = pkg["utilities"]
            self.assertEqual(pkg["scores"]["nash"], u["p"] ** 2 * u["q"])


# ---- Item 10: the edges of flags and files ---------------------------------------------

TOY = """redline: 1
title: Toy
issues:
  i: {options: [a, b]}
parties:
  p: {batna: 0.1, weights: {i: 1}, values: {i: {a: 0.2, b: 1}}}
  q: {batna: 0.1, weights: {i: 1}, values: {i: {a: 1, b: 0.3}}}
"""


class Edges(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        with open(os.path.join(self.dir, "--toy.yaml"), "w") as f:
            f.write(TOY)

    def tearDown(self):
        self.tmp.cleanup()

    def write(self, name, text):
        with open(os.path.join(self.dir, name), "w") as f:
            f.write(text)
        return name

    def test_operands_after_double_dash(self):
        rc, out, err = run(["solve", "--format", "json", "--", "--toy.yaml"], cwd=self.dir)
        self.assertEqual(rc, 0, err)
        self.assertEqual(json.loads(out)["counts"]["acceptable"], 2)

    def test_empty_output_name_is_a_usage_error(self):
        rc, out, err = run(["solve", "-o", "", "--", "--toy.yaml"], cwd=self.dir)
        self.assertEqual(rc, 2, err)

    def test_timeout_and_noise_edges(self):
        rc, out, err = run(["solve", "--timeout", "1e10", "--", "--toy.yaml"], cwd=self.dir)
        self.assertEqual(rc, 0, err)
        for bad in ("1e400", "1e-400", "0", "-1", "inf", "nan"):
            rc, out, err = run(["solve", "--timeout", bad, "--", "--toy.yaml"], cwd=self.dir)
            self.assertEqual(rc, 2, (bad, err))
        rc, out, err = run(["simulate", "--noise", "-0", "--format", "json", "--", "--toy.yaml"],
                           cwd=self.dir)
        self.assertEqual(rc, 0, err)
        self.assertEqual(json.loads(out)["noise"], 0)
        for bad in ("-0.5", "1e-400", "1e309"):
            rc, out, err = run(["simulate", "--noise", bad, "--", "--toy.yaml"], cwd=self.dir)
            self.assertEqual(rc, 2, (bad, err))
        rc, out, err = run(["simulate", "--noise", "1e-300", "--", "--toy.yaml"], cwd=self.dir)
        self.assertEqual(rc, 0, err)

    def test_one_rule_for_yaml_numbers(self):
        """1e-400 underflows like 1e309 overflows: both refused, where they
        are; a subnormal 1e-310 is a double, and held."""
        for text, ok in (("1e-400", False), ("1e309", False), ("-1e-400", False),
                         ("1e-310", True), ("0e-400", True), ("0.0", True)):
            name = self.write("n.yaml", TOY.replace("batna: 0.1, weights: {i: 1}, values: {i: {a: 0.2",
                                                    "batna: %s, weights: {i: 1}, values: {i: {a: 0.2" % text))
            rc, out, err = run(["check", name], cwd=self.dir)
            if ok:
                self.assertEqual(rc, 0, (text, err))
            else:
                self.assertEqual(rc, 1, (text, err))
                self.assertIn("n.yaml:6:", err)
                self.assertIn("out of range", err)
        # and in what-if flags
        rc, out, err = run(["solve", "--set", "parties.p.batna=1e-400", "--", "--toy.yaml"], cwd=self.dir)
        self.assertEqual(rc, 2, err)
        self.assertIn("out of range", err)

    def test_long_ids(self):
        long_id = "x" * 1100
        block = self.write("block.yaml", TOY.replace("  i: {options: [a, b]}",
                                                     "  %s: {options: [a, b]}" % long_id))
        flow = self.write("flow.yaml", TOY.replace("values: {i: {a: 0.2, b: 1}}",
                                                   "values: {i: {a: 0.2, %s: 1}}" % long_id))
        for name, where in ((block, "block.yaml:4:3: error: a key of 1100 characters"),
                            (flow, "flow.yaml:6:%d: error: a key of 1100 characters"
                             % (len("  p: {batna: 0.1, weights: {i: 1}, values: {i: {a: 0.2, ") + 1))):
            rc, out, err = run(["check", name], cwd=self.dir)
            self.assertEqual(rc, 1, err)
            self.assertIn(where, err)
            self.assertIn("at most 1024", err)

    def test_extends_chain_blames_the_file_given(self):
        self.write("f0.yaml", TOY)
        for k in range(1, 65):
            self.write("f%d.yaml" % k, "redline: 1\nextends: f%d.yaml\ntitle: V%d\nchanges:\n"
                       "  - set: {parties.p.batna: 0.2}\n" % (k - 1, k))
        rc, out, err = run(["check", "f63.yaml"], cwd=self.dir)
        self.assertEqual(rc, 0, err)     # 64 files: the limit
        # 65 files: every one is fine alone; the file given is the one
        # whose chain is too long (it blamed f1.yaml, through 63 "has errors")
        rc, out, err = run(["check", "f64.yaml"], cwd=self.dir)
        self.assertEqual(rc, 1, err)
        lines = err.strip().splitlines()
        self.assertEqual(len(lines), 1, err)
        self.assertTrue(lines[0].startswith("f64.yaml:2:10: error: the 'extends' chain from this file"
                                            " is longer than 64 files"), lines[0])
        self.assertNotIn("f1.yaml", err)

    def test_threads_capped(self):
        """--threads 1024 starts at most four threads per core (it started
        1024: 6.4 s and 425 MB on a 0.2 s job), counted in /proc."""
        rc, out, err = run(["solve", "--threads", "1025", "--", "--toy.yaml"], cwd=self.dir)
        self.assertEqual(rc, 2, err)
        if not os.path.isdir("/proc/self"):
            self.skipTest("no /proc")
        # 64 parties, 2^16 packages, every one Pareto-optimal: long enough
        # to look at the process while it searches.
        rng = random.Random(64)
        lines = ["redline: 1", "title: threads", "issues:"]
        lines += ["  i%d: {options: [a, b]}" % i for i in range(16)] + ["parties:"]
        for p in range(64):
            vals = ", ".join("i%d: {a: %s, b: %s}" % (i, rng.random(), rng.random()) for i in range(16))
            lines += ["  p%d: {batna: 0, weights: {i%d: 1}, values: {%s}}" % (p, p % 16, vals)]
        self.write("t.yaml", "\n".join(lines) + "\n")
        env = dict(os.environ, LC_ALL="C.UTF-8")
        proc = subprocess.Popen([BINARY, "solve", "t.yaml", "--threads", "1024", "-q"], cwd=self.dir,
                                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        most = 0
        while proc.poll() is None:
            try:
                with open("/proc/%d/status" % proc.pid) as f:
                    for line in f:
                        if line.startswith("Threads:"):
                            most = max(most, int(line.split()[1]))
            except OSError:
                pass
            time.sleep(0.005)
        self.assertEqual(proc.returncode, 0)
        if most < 2:
            self.skipTest("the search ended before its threads could be counted")
        # workers, the main thread and a few of GLib's
        self.assertLessEqual(most, 4 * os.cpu_count() + 4, most)


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
