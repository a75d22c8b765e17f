#!/usr/bin/env python3
# redline - negotiation-position modelling
# Copyright (C) 2026 the redline authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Tests of `redline stability` on the command line (stability.md): the
JSON document on the Prisoner's Dilemma worked by hand (see the comment
at the top of tests/data/stability/prisoners.yaml), text and CSV, every
flag's bad values (exit 2), --deal of a package that breaks a constraint,
--timeout (exit 3, "complete": false), -o written whole or not at all,
what-if flags, `check` listing controls, `solve --stability`, and `init`'s
starter. Standard library only.

    run-stability-tests.py BUILD/src/cli/redline SOURCE_ROOT [unittest arguments]
"""
import csv
import io
import json
import os
import random
import subprocess
import sys
import tempfile
import unittest

BINARY = None
DATA = None


def run(args, cwd=None):
    p = subprocess.run([BINARY] + args, cwd=cwd or DATA, capture_output=True, text=True,
                       timeout=300)
    return p.returncode, p.stdout, p.stderr


def stability_json(*args):
    rc, out, err = run(["stability", "prisoners.yaml", "--format", "json"] + list(args))
    assert rc == 0, err
    return json.loads(out)


def big_scenario(path, n_issues=8, n_options=4, n_parties=4):
    """A scenario whose stability takes many seconds: 4^8 states, every
    party controlling two issues, some of them one-way."""
    r = random.Random(7)
    lines = ["redline: 1", "title: big", "issues:"]
    for i in range(n_issues):
        lines.append("  i%d:" % i)
        lines.append("    options: [%s]" % ", ".join("o%d" % k for k in range(n_options)))
        if i % 3 == 2:
            lines.append("    moves: forward")
    lines.append("parties:")
    for p in range(n_parties):
        lines.append("  p%d:" % p)
        lines.append("    weights: {%s}" % ", ".join("i%d: %d" % (i, r.randint(1, 3))
                                                     for i in range(n_issues)))
        lines.append("    values:")
        for i in range(n_issues):
            lines.append("      i%d: {%s}" % (i, ", ".join("o%d: %.2f" % (k, r.random())
                                                          for k in range(n_options))))
        lines.append("    controls: [%s]" % ", ".join("i%d" % i for i in range(n_issues)
                                                      if i % n_parties == p))
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


class Json(unittest.TestCase):
    def test_prisoners(self):
        d = stability_json("--packages", "feasible")
        self.assertEqual(d["format"], "redline.stability/1")
        self.assertIn("generator", d)
        self.assertEqual(d["scenario"]["file"], "prisoners.yaml")
        self.assertEqual(d["deciders"], ["one", "two"])
        self.assertEqual(d["examined"], 4)
        self.assertEqual(d["equilibria"], {"nash": [3], "gmr": [0, 3], "smr": [0, 3], "seq": [0, 3]})
        self.assertTrue(d["complete"])
        self.assertEqual([p["index"] for p in d["packages"]], [0, 1, 2, 3])
        cc = d["packages"][0]
        self.assertEqual(cc["stable"], {"nash": False, "gmr": True, "smr": True, "seq": True})
        imp = cc["parties"]["one"]["improvements"]
        self.assertEqual(len(imp), 1)
        self.assertEqual(imp[0]["index"], 2)
        self.assertEqual(imp[0]["changes"], {"one": "defect"})
        self.assertAlmostEqual(imp[0]["gain"], 1 / 3, places=12)
        self.assertTrue(imp[0]["sanctioned"])
        self.assertAlmostEqual(cc["utilities"]["one"], 2 / 3, places=12)
        self.assertTrue(cc["pareto"])
        dd = d["packages"][3]
        self.assertNotIn("improvements", dd["parties"]["one"])
        cd = d["packages"][1]
        self.assertFalse(cd["parties"]["one"]["improvements"][0]["sanctioned"])

    def test_deal_and_top(self):
        d = stability_json("--deal", "one=cooperate,two=cooperate")
        self.assertEqual(d["examined"], 1)
        self.assertEqual(d["equilibria"]["seq"], [0])
        d = stability_json("--packages", "top", "--top", "2", "--rank", "welfare")
        # welfare: CC 4/3, CD and DC 1 (tie, by index): 0 and 1, index order
        self.assertEqual([p["index"] for p in d["packages"]], [0, 1])

    def test_threads(self):
        a = stability_json("--packages", "feasible", "--threads", "1")
        b = stability_json("--packages", "feasible", "--threads", "2")
        del a["generator"], b["generator"]
        self.assertEqual(a, b)

    def test_no_controls(self):
        rc, out, err = run(["stability", "../valid/border-aid.yaml", "--format", "json"])
        self.assertEqual(rc, 0, err)
        d = json.loads(out)
        self.assertEqual(d["deciders"], [])
        for c in ("nash", "gmr", "smr", "seq"):
            self.assertEqual(d["equilibria"][c], [p["index"] for p in d["packages"]])
        rc, out, err = run(["stability", "../valid/border-aid.yaml"])
        self.assertIn("no party can move", out)


class TextCsv(unittest.TestCase):
    def test_text(self):
        rc, out, err = run(["stability", "prisoners.yaml"])
        self.assertEqual(rc, 0, err)
        self.assertIn("Equilibria: Nash 1 of 4, GMR 2 of 4, SMR 2 of 4, SEQ 2 of 4.", out)
        self.assertIn("Package 0: stable (GMR, SMR, SEQ), not Nash.", out)
        flat = " ".join(out.split())
        self.assertIn("one would gain 0.333 by changing Prisoner one's choice: cooperate → "
                      "defect; two would answer with Prisoner two's choice: cooperate → "
                      "defect, which leaves one no better off than the deal.", flat)
        for line in out.splitlines():
            self.assertLessEqual(len(line), 80, line)

    def test_csv(self):
        rc, out, err = run(["stability", "prisoners.yaml", "--format", "csv", "--packages", "feasible"])
        self.assertEqual(rc, 0, err)
        rows = list(csv.reader(io.StringIO(out)))
        self.assertEqual(rows[0], ["index", "one", "two", "nash", "gmr", "smr", "seq", "movers"])
        self.assertEqual(rows[1], ["0", "cooperate", "cooperate", "false", "true", "true", "true", "one two"])
        self.assertEqual(rows[4], ["3", "defect", "defect", "true", "true", "true", "true", ""])

    def test_elmira_text_fits(self):
        rc, out, err = run(["stability", "elmira.yaml", "--packages", "feasible"])
        self.assertEqual(rc, 0, err)
        for line in out.splitlines():
            self.assertLessEqual(len(line), 80, line)


class Errors(unittest.TestCase):
    def usage(self, args, fragment):
        rc, out, err = run(["stability", "prisoners.yaml"] + args)
        self.assertEqual(rc, 2, err)
        self.assertIn(fragment, err)
        self.assertIn("Try 'redline stability --help'.", err)
        self.assertEqual(out, "")

    def test_flags(self):
        self.usage(["--packages", "acceptible"], "did you mean 'acceptable'?")
        self.usage(["--packages", ""], "unknown package set")
        self.usage(["--deal", "one=cooperate,two=cooperate", "--packages", "feasible"],
                   "does not go with --packages")
        self.usage(["--top", "3"], "--packages top")
        self.usage(["--rank", "welfare"], "--packages top")
        self.usage(["--packages", "top", "--rank", "welfar"], "welfare")
        self.usage(["--packages", "top", "--top", "-1"], "--top")
        self.usage(["--deal", "one=cooperate"], "missing 'two'")
        self.usage(["--deal", "one=coperate,two=defect"], "did you mean 'cooperate'?")
        self.usage(["--threads", "x"], "--threads")
        self.usage(["--timeout", "-1"], "--timeout")
        self.usage(["--format", "markdown"], "--format")
        self.usage(["--set", "parties.one.controls=two"], "cannot be changed")
        self.usage(["--set", "issues.one.moves=forward"], "cannot be changed")

    def test_deal_breaks_constraint(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "c.yaml")
            with open(path, "w") as f:
                f.write("redline: 1\ntitle: t\nissues:\n  a: {options: [x, y]}\n"
                        "constraints: [{id: not-y, rule: a != y}]\n"
                        "parties:\n  p: {controls: [a]}\n")
            rc, out, err = run(["stability", path, "--deal", "a=y"])
            self.assertEqual(rc, 2, err)
            self.assertIn("breaks constraint 'not-y'", err)
            rc, out, err = run(["stability", path, "--deal", "a=x", "--format", "json"])
            self.assertEqual(rc, 0, err)
            self.assertEqual(json.loads(out)["examined"], 1)

    def test_bad_file(self):
        rc, out, err = run(["stability", "../invalid/controls-other-party.yaml"])
        self.assertEqual(rc, 1)
        self.assertIn("already controlled by party 'p'", err)


class Output(unittest.TestCase):
    def test_o(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "out.json")
            rc, out, err = run(["stability", "prisoners.yaml", "--format", "json", "-o", path])
            self.assertEqual(rc, 0, err)
            self.assertEqual(out, "")
            with open(path) as f:
                self.assertEqual(json.load(f)["examined"], 4)
            missing = os.path.join(tmp, "no", "out.json")
            rc, out, err = run(["stability", "prisoners.yaml", "-o", missing])
            self.assertEqual(rc, 3)
            self.assertFalse(os.path.exists(missing))

    def test_timeout(self):
        with tempfile.TemporaryDirectory() as tmp:
            scen = os.path.join(tmp, "big.yaml")
            big_scenario(scen)
            path = os.path.join(tmp, "out.json")
            rc, out, err = run(["stability", scen, "--packages", "feasible", "--format", "json",
                                "--timeout", "0.5", "-o", path])
            self.assertEqual(rc, 3, err)
            self.assertIn("--timeout", err)
            with open(path) as f:
                d = json.load(f)
            self.assertFalse(d["complete"])
            self.assertLess(d["examined"], 4 ** 8)
            self.assertEqual(len(d["packages"]), d["examined"])
            indices = [p["index"] for p in d["packages"]]
            self.assertEqual(indices, sorted(indices))
            rc, out, err = run(["stability", scen, "--packages", "feasible", "--timeout", "0.5"])
            self.assertEqual(rc, 3)
            self.assertIn("Stopped by --timeout", out)


class Others(unittest.TestCase):
    def test_check_lists_controls(self):
        rc, out, err = run(["check", "elmira.yaml"])
        self.assertEqual(rc, 0, err)
        self.assertIn("uniroyal controls delay (backward only), accept and abandon (forward only).", out)
        rc, out, err = run(["check", "elmira.yaml", "--format", "json"])
        f = json.loads(out)["files"][0]
        self.assertEqual(f["controls"], {"moe": ["modify"], "uniroyal": ["delay", "accept", "abandon"],
                                         "lg": ["insist"]})
        self.assertEqual(f["moves"], {"modify": "forward", "delay": "backward", "abandon": "forward"})

    def test_solve_stability(self):
        rc, out, err = run(["solve", "prisoners.yaml", "--stability", "--format", "json"])
        self.assertEqual(rc, 0, err)
        top = {p["index"]: p["stability"] for p in json.loads(out)["top"]}
        self.assertEqual(top[0], {"nash": False, "gmr": True, "smr": True, "seq": True})
        self.assertEqual(top[3], {"nash": True, "gmr": True, "smr": True, "seq": True})
        self.assertEqual(top[1], {"nash": False, "gmr": False, "smr": False, "seq": False})
        rc, out, err = run(["solve", "prisoners.yaml", "--stability", "--format", "csv"])
        rows = list(csv.DictReader(io.StringIO(out)))
        self.assertEqual({r["index"]: r["stability"] for r in rows},
                         {"0": "gmr smr seq", "3": "nash gmr smr seq", "1": "none", "2": "none"})
        rc, out, err = run(["solve", "prisoners.yaml", "--stability"])
        self.assertIn("Package 0: stable (GMR, SMR, SEQ), not Nash.", out)
        rc, out, err = run(["solve", "prisoners.yaml", "--stability", "--frontier", "--format", "json"])
        self.assertTrue(all("stability" in p for p in json.loads(out)["frontier"]))
        # without --stability nothing changes
        rc, out, err = run(["solve", "prisoners.yaml", "--format", "json"])
        self.assertNotIn("stability", out)
        rc, out, err = run(["solve", "prisoners.yaml", "--stability", "--all"])
        self.assertEqual(rc, 2)

    def test_report_section(self):
        with tempfile.TemporaryDirectory() as tmp:
            md = os.path.join(tmp, "r.md")
            rc, out, err = run(["report", "prisoners.yaml", "--format", "markdown", "-o", md])
            self.assertEqual(rc, 0, err)
            text = open(md).read()
            self.assertIn("## Would it hold?", text)
            self.assertIn("| 0 | \u2717 | \u2713 | \u2713 | \u2713 |", text)
            self.assertIn("| 1 | \u2717 | \u2717 | \u2717 | \u2717 |", text)
            # the moves: one's defection from CC, answered by two's
            self.assertRegex(text, r"\| 0 \| one \| Prisoner one's choice: cooperate \u2192 defect \|")
            rc, out, err = run(["report", "../valid/border-aid.yaml", "--format", "markdown", "-o", md])
            self.assertEqual(rc, 0, err)
            self.assertNotIn("Would it hold?", open(md).read())

    def test_without_party(self):
        d = stability_json("--packages", "feasible", "--without", "two")
        self.assertEqual(d["deciders"], ["one"])

    def test_init_starter(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "s.yaml")
            rc, out, err = run(["init", path])
            self.assertEqual(rc, 0, err)
            rc, out, err = run(["stability", path, "--format", "json"])
            self.assertEqual(rc, 0, err)
            self.assertEqual(json.loads(out)["deciders"], ["upton", "downey"])


def main():
    global BINARY, DATA
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    BINARY = os.path.abspath(sys.argv[1])
    DATA = os.path.join(os.path.abspath(sys.argv[2]), "tests", "data", "stability")
    unittest.main(argv=[sys.argv[0]] + sys.argv[3:], verbosity=2)


if __name__ == "__main__":
    sys.exit(main())
