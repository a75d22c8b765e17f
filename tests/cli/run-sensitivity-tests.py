#!/usr/bin/env python3
# redline - negotiation-position modelling
# Copyright (C) 2026 the redline authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Tests of `redline sensitivity` on the command line (sensitivity.md):
the JSON document on tests/data/valid/border-aid.yaml against numbers
worked out by hand (its comment has every utility); thresholds checked
with `solve --set` (at zone_max the zone holds, just above it is empty);
zero noise gives the nominal answer in every sample; the same JSON for
--threads 1 and 2; text in 80 columns with its sentences first; CSV;
every flag's bad values (exit 2); --samples 0 and --no-margins; what-if
flags; -o; --timeout. Standard library only.

    run-sensitivity-tests.py BUILD/src/cli/redline SOURCE_ROOT [unittest arguments]
"""
import csv
import io
import json
import os
import subprocess
import sys
import tempfile
import unittest

BINARY = None
SOURCE = None
BORDER = "tests/data/valid/border-aid.yaml"
ARTICLE = "scenarios/ukraine-washington-2025.yaml"


def run(args):
    p = subprocess.run([BINARY] + args, cwd=SOURCE, capture_output=True, text=True, timeout=300)
    return p.returncode, p.stdout, p.stderr


def sens_json(*args):
    rc, out, err = run(["sensitivity"] + list(args) + ["--format", "json"])
    assert rc == 0, err
    return json.loads(out)


def margin(doc, parameter):
    return next(m for m in doc["margins"] if m["parameter"] == parameter)


class HandWorked(unittest.TestCase):
    """border-aid.yaml: north's BATNA 0.4, south's 0.3; compatible
    packages 3..7; acceptable 4, 5, 7; Nash scores 7: 0.475 * 0.2 = 0.095,
    4: 0.1 * 0.45 = 0.045, 5: 0.225 * 0.2 = 0.045."""

    def setUp(self):
        self.d = sens_json(BORDER, "--samples", "0")

    def test_document(self):
        d = self.d
        self.assertEqual(d["format"], "redline.sensitivity/1")
        self.assertIn("generator", d)
        self.assertEqual(d["scenario"]["file"], BORDER)
        self.assertEqual(d["rank"], "nash")
        self.assertEqual(d["nominal"], {"index": 7, "acceptable": 3})
        self.assertIsNone(d["monte_carlo"])
        self.assertTrue(d["complete"])

    def test_thresholds(self):
        # north: the best north gets where south >= 0.3 (packages 4, 5, 7):
        # 0.875; south: where north >= 0.4 (4, 5, 6, 7): 0.75 (package 4).
        self.assertEqual(self.d["thresholds"], [
            {"party": "north", "batna": 0.4, "zone_max": 0.875},
            {"party": "south", "batna": 0.3, "zone_max": 0.75}])

    def test_parameter_order(self):
        names = [m["parameter"] for m in self.d["margins"]]
        self.assertEqual(names[:2], ["parties.north.batna", "parties.south.batna"])
        self.assertEqual(names[2:4], ["parties.north.weights.border", "parties.north.weights.aid"])
        self.assertEqual(names[4:7], ["parties.north.values.border.west",
                                      "parties.north.values.border.middle",
                                      "parties.north.values.border.east"])
        self.assertEqual(len(names), 2 + 2 * (2 + 6))

    def test_south_batna(self):
        # 7 stays first while 0.475 (0.5 - b) > 0.1 (0.75 - b), b < 0.4333;
        # the grid (step 0.001) holds at 0.433 and fails at 0.434. The zone
        # holds up to zone_max 0.75; downwards to the end of the domain.
        m = margin(self.d, "parties.south.batna")
        self.assertAlmostEqual(m["top"]["hi"], 0.433, places=12)
        self.assertFalse(m["top"]["hi_open"])
        self.assertTrue(m["top"]["lo_open"])
        self.assertAlmostEqual(m["top"]["lo"], -0.2, places=12)
        self.assertAlmostEqual(m["zone"]["hi"], 0.75, places=12)
        self.assertFalse(m["zone"]["hi_open"])
        self.assertEqual(m["knife_edge"], [])

    def test_weight_reports_multiplier(self):
        m = margin(self.d, "parties.north.weights.border")
        self.assertEqual(m["nominal"], 3)
        self.assertEqual(m["zone"], {"lo": 0.0, "lo_open": True, "hi": 10.0, "hi_open": True})

    def test_knife_edge_by_step(self):
        # With a BATNA step of 0.2, south's BATNA one step up (0.5) already
        # makes 4 first (0.475 * 0 = 0 < 0.1 * 0.25): a knife edge for top.
        d = sens_json(BORDER, "--samples", "0", "--step-batna", "0.2")
        m = margin(d, "parties.south.batna")
        self.assertEqual(m["knife_edge"], ["top"])
        self.assertAlmostEqual(m["top"]["hi"], 0.3, places=12)

    def test_thresholds_against_solve(self):
        # At zone_max the zone still holds a package; just above, none.
        for t in self.d["thresholds"]:
            for value, expect_open in ((repr(t["zone_max"]), True),
                                       (repr(t["zone_max"] + 1e-6), False)):
                rc, out, err = run(["solve", BORDER, "--format", "json", "--set",
                                    "parties.%s.batna=%s" % (t["party"], value)])
                self.assertEqual(rc, 0, err)
                self.assertEqual(json.loads(out)["counts"]["acceptable"] > 0, expect_open)


class Article(unittest.TestCase):
    def test_thresholds_against_solve(self):
        d = sens_json(ARTICLE, "--samples", "0", "--no-margins")
        self.assertIsNone(d["margins"])
        russia = next(t for t in d["thresholds"] if t["party"] == "russia")
        # 0.617 as the bisection of tests/cli/scenario-results.py finds it.
        self.assertAlmostEqual(russia["zone_max"], 0.617, places=3)
        for t in d["thresholds"]:
            for value, expect_open in ((repr(t["zone_max"]), True),
                                       (repr(t["zone_max"] + 1e-6), False)):
                rc, out, err = run(["solve", ARTICLE, "--format", "json", "--set",
                                    "parties.%s.batna=%s" % (t["party"], value)])
                self.assertEqual(rc, 0, err)
                self.assertEqual(json.loads(out)["counts"]["acceptable"] > 0, expect_open)

    def test_zero_noise(self):
        d = sens_json(ARTICLE, "--no-margins", "--samples", "50", "--concentration", "0",
                      "--value-noise", "0", "--batna-noise", "0")
        mc = d["monte_carlo"]
        self.assertEqual(mc["samples"], 50)
        self.assertEqual(mc["zone"]["count"], 50)
        self.assertEqual(mc["zone"]["share"], 1)
        self.assertEqual(mc["acceptable"], {"min": 2, "p5": 2, "median": 2, "p95": 2, "max": 2})
        self.assertEqual([(f["index"], f["count"]) for f in mc["first"]], [(35402, 50)])
        for k in ("acceptable", "first", "pareto"):
            self.assertEqual(mc["nominal"][k]["count"], 50)

    def test_threads_same_json(self):
        a = sens_json(ARTICLE, "--samples", "300", "--threads", "1", "--step-batna", "0.01",
                      "--step-weight", "0.25", "--step-value", "0.05")
        b = sens_json(ARTICLE, "--samples", "300", "--threads", "2", "--step-batna", "0.01",
                      "--step-weight", "0.25", "--step-value", "0.05")
        self.assertEqual(a, b)

    def test_wilson_by_hand(self):
        mc = sens_json(ARTICLE, "--no-margins", "--samples", "200")["monte_carlo"]
        z = 1.959963984540054
        shares = [mc["zone"]] + mc["first"] + list(mc["nominal"].values())
        for s in shares:
            n = 200
            p = s["count"] / n
            self.assertEqual(s["share"], p)
            c = (p + z * z / (2 * n)) / (1 + z * z / n)
            h = z * ((p * (1 - p) / n + z * z / (4 * n * n)) ** 0.5) / (1 + z * z / n)
            self.assertAlmostEqual(s["wilson"][0], c - h, places=12)
            self.assertAlmostEqual(s["wilson"][1], c + h, places=12)
        self.assertEqual([f["count"] for f in mc["first"]],
                         sorted((f["count"] for f in mc["first"]), reverse=True))

    def test_text(self):
        rc, out, err = run(["sensitivity", ARTICLE, "--samples", "100"])
        self.assertEqual(rc, 0, err)
        lines = out.splitlines()
        self.assertTrue(all(len(l) <= 80 for l in lines), [l for l in lines if len(l) > 80])
        self.assertIn("The zone closes if the BATNA of Russia (President Putin) rises above 0.617 "
                      "(now 0.599).", " ".join(out.split()))
        self.assertLess(out.index("The zone closes"), out.index("Narrowest margins"))
        self.assertLess(out.index("Knife edges"), out.index("Narrowest margins"))
        self.assertLess(out.index("Narrowest margins"), out.index("Monte Carlo"))
        # The narrowest first: Russia's BATNA, 0.018 from closing the zone.
        table = out[out.index("Narrowest margins"):]
        self.assertEqual(table.splitlines()[3].split()[0], "parties.russia.batna")

    def test_csv(self):
        rc, out, err = run(["sensitivity", BORDER, "--samples", "0", "--format", "csv"])
        self.assertEqual(rc, 0, err)
        rows = list(csv.reader(io.StringIO(out)))
        self.assertEqual(rows[0], ["parameter", "nominal", "zone_lo", "zone_lo_open", "zone_hi",
                                   "zone_hi_open", "top_lo", "top_lo_open", "top_hi",
                                   "top_hi_open", "knife_edge"])
        d = sens_json(BORDER, "--samples", "0")
        self.assertEqual([r[0] for r in rows[1:]], [m["parameter"] for m in d["margins"]])
        south = next(r for r in rows if r[0] == "parties.south.batna")
        self.assertEqual(south[8:10], ["0.433", "false"])


class Golden(unittest.TestCase):
    """Text and CSV of border-aid against tests/cli/golden/ (regenerate with
    REDLINE_UPDATE_GOLDEN=1 after a deliberate change, and read the diff)."""

    def check(self, name, args):
        rc, out, err = run(["sensitivity", BORDER] + args)
        self.assertEqual(rc, 0, err)
        golden = os.path.join(SOURCE, "tests", "cli", "golden", name)
        if os.environ.get("REDLINE_UPDATE_GOLDEN"):
            with open(golden, "w") as f:
                f.write(out)
        with open(golden) as f:
            self.assertEqual(out, f.read())

    def test_text(self):
        self.check("sensitivity-border-aid.txt", ["--samples", "200"])

    def test_csv(self):
        self.check("sensitivity-border-aid.csv", ["--samples", "0", "--format", "csv"])


class Flags(unittest.TestCase):
    def test_bad_values(self):
        cases = [
            ("--samples", "-1"), ("--samples", "x"), ("--samples", "1000000000"),
            ("--seed", "-3"), ("--seed", "4294967296"),
            ("--concentration", "-1"), ("--concentration", "nan"), ("--concentration", ""),
            ("--value-noise", "-0.1"), ("--value-noise", "inf"),
            ("--batna-noise", "-0.1"), ("--batna-noise", "1e999"),
            ("--step-batna", "0"), ("--step-batna", "-0.01"), ("--step-batna", "2"),
            ("--step-weight", "0"), ("--step-weight", "abc"),
            ("--step-value", "0"), ("--step-value", "0.01x"),
            ("--top", "-1"), ("--threads", "0x"), ("--timeout", "-1"),
            ("--rank", "durability"), ("--rank", "nosuch"), ("--format", "markdown"),
        ]
        for flag, value in cases:
            with self.subTest(flag=flag, value=value):
                rc, out, err = run(["sensitivity", BORDER, flag + "=" + value])
                self.assertEqual(rc, 2, err)
                self.assertEqual(out, "")
                self.assertIn("redline sensitivity", err)
                self.assertNotIn("CRITICAL", err)

    def test_whatif(self):
        d = sens_json(BORDER, "--samples", "10", "--set", "parties.south.batna=0.8")
        self.assertEqual(d["generator"]["changes"], ["set parties.south.batna = 0.8"])
        self.assertEqual(d["nominal"], {"index": None, "acceptable": 0})
        self.assertTrue(all(m["zone"] is None and m["top"] is None for m in d["margins"]))
        self.assertEqual(d["monte_carlo"]["nominal"], None)

    def test_output_file(self):
        work = tempfile.mkdtemp(prefix="redline-sens-")
        try:
            target = os.path.join(work, "s.json")
            rc, out, err = run(["sensitivity", BORDER, "--samples", "5", "--format", "json",
                                "-o", target])
            self.assertEqual((rc, out), (0, ""), err)
            with open(target) as f:
                self.assertEqual(json.load(f)["format"], "redline.sensitivity/1")
            self.assertEqual(os.listdir(work), ["s.json"])
        finally:
            for name in os.listdir(work):
                os.remove(os.path.join(work, name))
            os.rmdir(work)

    def test_timeout(self):
        # 10^7 samples cannot finish in 0.2 s: exit 3, a whole document
        # marked incomplete, the samples covered a prefix.
        rc, out, err = run(["sensitivity", ARTICLE, "--samples", "10000000", "--no-margins",
                            "--timeout", "0.2", "--format", "json"])
        self.assertEqual(rc, 3, err)
        d = json.loads(out)
        self.assertFalse(d["complete"])
        self.assertLess(d["monte_carlo"]["samples"], 10000000)


if __name__ == "__main__":
    BINARY = os.path.abspath(sys.argv[1])
    SOURCE = os.path.abspath(sys.argv[2])
    unittest.main(argv=[sys.argv[0]] + sys.argv[3:])
