#!/usr/bin/env python3
# redline - negotiation-position modelling
# Copyright (C) 2026 the redline authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Tests of the `redline` command line: check, solve and evaluate in every
format, exit statuses, atomic -o, locale independence, layout.

    run-cli-tests.py BUILD/src/cli/redline SOURCE_ROOT [unittest arguments]

The numbers are checked against values worked out by hand in the comment at
the top of each scenario under tests/data/valid/ (repeated here as HAND), not
against redline's own earlier output. Golden files under tests/cli/golden/
fix the text and CSV layouts of those same hand-checked cases; after a
deliberate layout change, regenerate them with REDLINE_UPDATE_GOLDEN=1 and
read the diff.

REDLINE_WRAP, when set, is a command put before every redline command, for
the memcheck suite (tests/cli/memcheck.sh): e.g. "valgrind -q
--error-exitcode=99 --leak-check=full". A wrapped command that exits with
status 99 fails the test with the wrapper's report.

Standard library only.
"""
import csv
import io
import json
import os
import re
import shlex
import shutil
import stat
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
WRAP_ERROR = 99
TOL = 1e-9

# ---- Hand-computed expectations (see each scenario's comment) ---------------

HAND = {
    "border-aid.yaml": {
        "issues": 2, "parties": 2, "veto_parties": 2,
        "counts": {"space": 9, "feasible": 8, "compatible": 5, "acceptable": 3, "pareto": 2},
        "ideal": {"north": 0.875, "south": 0.75},
        "utilities": {4: {"north": 0.5, "south": 0.75},
                      5: {"north": 0.625, "south": 0.5},
                      7: {"north": 0.875, "south": 0.5}},
        "scores": {4: {"welfare": 1.25, "nash": 0.045, "kalai": 4 / 19, "min_gain": 0.1},
                   5: {"welfare": 1.125, "nash": 0.045, "kalai": 4 / 9, "min_gain": 0.2},
                   7: {"welfare": 1.375, "nash": 0.095, "kalai": 4 / 9, "min_gain": 0.2}},
        "options": {4: {"border": "middle", "aid": "some"},
                    5: {"border": "middle", "aid": "full"},
                    7: {"border": "east", "aid": "some"}},
        "pareto": {4: True, 5: False, 7: True},
        "order": {"nash": [7, 4, 5], "welfare": [7, 4, 5], "kalai": [5, 7, 4],
                  "min_gain": [5, 7, 4], "utility:south": [4, 5, 7]},
        "frontier": [4, 7],
    },
    "observer-bonus.yaml": {
        "issues": 2, "parties": 3, "veto_parties": 2,
        "counts": {"space": 4, "feasible": 4, "compatible": 3, "acceptable": 2, "pareto": 2},
        "ideal": {"a": 0.75, "b": 1.25, "press": 1.0},
        "utilities": {2: {"a": 0.75, "b": 0.0, "press": 1.0},
                      3: {"a": 0.5, "b": 1.25, "press": 1.0}},
        "scores": {2: {"welfare": 1.75, "nash": 0.0, "kalai": 0.0, "min_gain": 0.0},
                   3: {"welfare": 2.75, "nash": 0.078125, "kalai": 0.5, "min_gain": 0.25}},
        "options": {2: {"talks": "yes", "ceasefire": "no"},
                    3: {"talks": "yes", "ceasefire": "yes"}},
        "pareto": {2: True, 3: True},
        "order": {"nash": [3, 2], "welfare": [3, 2], "kalai": [3, 2], "min_gain": [3, 2]},
        "frontier": [2, 3],
    },
    "no-deal.yaml": {
        "issues": 2, "parties": 2, "veto_parties": 2,
        "counts": {"space": 4, "feasible": 4, "compatible": 0, "acceptable": 0, "pareto": 0},
        "ideal": None,
        "order": {"nash": [], "welfare": [], "kalai": [], "min_gain": []},
        "frontier": [],
    },
}

# evaluate: (file, deal) -> expectations, from the same comments.
HAND_EVALUATE = [
    ("border-aid.yaml", "border=middle,aid=full", {
        "index": 5, "feasible": True, "compatible": True, "acceptable": True,
        "broken": [], "below_batna": [],
        "ranks": {"welfare": 3, "nash": 3, "kalai": 1, "min_gain": 1},
        "utilities": {"north": 0.625, "south": 0.5}, "pareto": False, "dominated_by": 7}),
    ("border-aid.yaml", "border=east,aid=none", {
        "index": 6, "feasible": True, "compatible": True, "acceptable": False,
        "broken": [], "below_batna": ["south"], "ranks": None,
        "utilities": {"north": 0.75, "south": 0.0}, "dominated_by": 7}),
    ("border-aid.yaml", "border=west,aid=some", {
        "index": 1, "feasible": True, "compatible": False, "acceptable": False,
        "broken": ["north/never-west"], "below_batna": ["north"], "ranks": None,
        "utilities": {"north": 0.125, "south": 1.0}, "dominated_by": None}),
    ("border-aid.yaml", "aid=full, border=east", {
        "index": 8, "feasible": False, "compatible": False, "acceptable": False,
        "broken": ["constraints/no-full-aid-in-east"], "below_batna": ["south"], "ranks": None,
        "utilities": {"north": 1.0, "south": 0.25}, "dominated_by": None}),
    ("observer-bonus.yaml", "talks=no,ceasefire=yes", {
        "index": 1, "feasible": True, "compatible": True, "acceptable": False,
        "broken": ["press/at-table"], "below_batna": ["a"], "ranks": None,
        "utilities": {"a": 0.0, "b": 1.0, "press": 0.0}, "dominated_by": 3}),
    ("observer-bonus.yaml", "talks=yes,ceasefire=yes", {
        "index": 3, "feasible": True, "compatible": True, "acceptable": True,
        "broken": [], "below_batna": [],
        "ranks": {"welfare": 1, "nash": 1, "kalai": 1, "min_gain": 1},
        "utilities": {"a": 0.5, "b": 1.25, "press": 1.0}, "pareto": True, "dominated_by": None}),
    ("no-deal.yaml", "x=a,y=c", {
        "index": 0, "feasible": True, "compatible": False, "acceptable": False,
        "broken": ["q/needs-b"], "below_batna": [], "ranks": None,
        "utilities": {"p": 1.0, "q": 0.0}, "dominated_by": None}),
]

# ---- Helpers ---------------------------------------------------------------------


def base_env():
    env = dict(os.environ)
    env["LC_ALL"] = "C.UTF-8"
    env.pop("LANGUAGE", None)
    return env


def command(args):
    """The command line that runs redline with @args, under REDLINE_WRAP."""
    return WRAP + [BINARY] + args


def check_wrap(p, args):
    """Fails on a wrapper's own error status (valgrind's report)."""
    if WRAP and p.returncode == WRAP_ERROR:
        raise AssertionError("%s reported errors on redline %s:\n%s"
                             % (WRAP[0], " ".join(args), (p.stderr or b"").decode("utf-8", "replace")))


def run(args, cwd=None, env=None, stdin=subprocess.DEVNULL, stderr=subprocess.PIPE):
    p = subprocess.run(command(args), cwd=cwd or DATA, env=env or base_env(),
                       stdin=stdin, stdout=subprocess.PIPE, stderr=stderr,
                       timeout=600 if WRAP else 120)
    check_wrap(p, args)
    return p.returncode, p.stdout.decode("utf-8"), (p.stderr or b"").decode("utf-8")


def strict_json(text):
    """Parses JSON refusing NaN and Infinity, and records every number token so
    that tests can look at how it was written."""
    tokens = []

    def bad(name):
        raise ValueError("non-JSON constant " + name)

    def flt(s):
        tokens.append(s)
        return float(s)

    return json.loads(text, parse_constant=bad, parse_float=flt), tokens


def close(a, b):
    return abs(a - b) <= TOL * max(1.0, abs(a), abs(b))


def golden(testcase, name, text):
    path = os.path.join(GOLDEN, name)
    if UPDATE or not os.path.exists(path):
        if not UPDATE:
            testcase.fail("missing golden file %s (run with REDLINE_UPDATE_GOLDEN=1)" % name)
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        return
    with open(path, encoding="utf-8", newline="") as f:
        expected = f.read()
    testcase.assertEqual(expected, text, "output differs from golden file " + name)


def assert_width(testcase, text, what):
    for n, line in enumerate(text.split("\n"), 1):
        testcase.assertLessEqual(len(line), 80, "%s line %d is wider than 80 columns: %r" % (what, n, line))


# ---- check -------------------------------------------------------------------------


class Check(unittest.TestCase):
    def test_text_summaries(self):
        files = sorted(HAND)
        rc, out, err = run(["check"] + files)
        self.assertEqual(rc, 0, err)
        # Warnings only (scenario warnings, cli-ux checks them); no error.
        self.assertEqual([l for l in err.splitlines() if ": warning: " not in l], [])
        rc, out_quiet, err = run(["check", "-q"] + files)
        self.assertEqual((rc, err, out_quiet), (0, "", out))
        assert_width(self, out, "check")
        # One paragraph per file, naming it and the hand-counted space.
        for f in files:
            para = re.search(r"^%s: ok \u2014 (.*?)(?=^\S|\Z)" % re.escape(f), out, re.M | re.S)
            self.assertIsNotNone(para, f)
            self.assertIn("package space %d." % HAND[f]["counts"]["space"], " ".join(para.group(0).split()))
        self.assertIn("1 is an observer (press)", " ".join(out.split()))
        golden(self, "check.txt", out)

    def test_json(self):
        rc, out, err = run(["check", "--format", "json", "border-aid.yaml", "observer-bonus.yaml"])
        self.assertEqual(rc, 0, err)
        doc, _ = strict_json(out)
        self.assertEqual(doc["format"], "redline.check/1")
        first, second = doc["files"]
        self.assertEqual((first["file"], first["valid"], first["issues"], first["options"],
                          first["parties"], first["veto_parties"], first["red_lines"],
                          first["constraints"], first["space"], first["observers"]),
                         ("border-aid.yaml", True, 2, 6, 2, 2, 1, 1, 9, []))
        self.assertEqual(second["observers"], ["press"])

    def test_largest_status_wins(self):
        with tempfile.TemporaryDirectory() as tmp:
            bad = os.path.join(tmp, "bad.yaml")
            with open(bad, "w") as f:
                f.write(INVALID_SCENARIO)
            rc, out, err = run(["check", "border-aid.yaml", bad])
            self.assertEqual(rc, 1, err)
            self.assertIn("border-aid.yaml: ok", out)
            rc, out, err = run(["check", bad, "border-aid.yaml", os.path.join(tmp, "missing.yaml")])
            self.assertEqual(rc, 3, err)
            self.assertIn("border-aid.yaml: ok", out)

    def test_too_large_space(self):
        with tempfile.TemporaryDirectory() as tmp:
            big = write_big(tmp)
            rc, out, err = run(["check", big])
            self.assertEqual(rc, 0, err)
            self.assertIn("about 7.4e+19", " ".join(out.split()))


INVALID_SCENARIO = """redline: 1
title: Broken
issues:
  x:
    options: [a, b]
parties:
  p:
    veot: true
    weights: {x: 1}
    values:
      x: {a: 0, b: 1}
    red_lines:
      - id: r
        rule: x == c
"""


def write_big(directory):
    """64^11 = 2^66 packages: above 2^63 - 1."""
    lines = ["redline: 1", "title: Too many packages", "issues:"]
    for i in range(11):
        lines += ["  i%d:" % i, "    options: [%s]" % ", ".join("o%d" % k for k in range(64))]
    lines += ["parties:", "  p:", "    weights: {i0: 1}", "    values:",
              "      i0: {%s}" % ", ".join("o%d: %s" % (k, k / 63) for k in range(64))]
    path = os.path.join(directory, "big.yaml")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    return path


# ---- solve ---------------------------------------------------------------------------


class Solve(unittest.TestCase):
    def check_package(self, hand, pkg, rank=None):
        i = pkg["index"]
        self.assertEqual(pkg["options"], hand["options"][i])
        self.assertEqual(list(pkg["utilities"]), list(hand["utilities"][i]), "utilities in file order")
        for party, u in hand["utilities"][i].items():
            self.assertTrue(close(pkg["utilities"][party], u), (i, party, pkg["utilities"][party], u))
        self.assertEqual(list(pkg["scores"]), ["welfare", "nash", "kalai", "min_gain"])
        for score, v in hand["scores"][i].items():
            self.assertTrue(close(pkg["scores"][score], v), (i, score, pkg["scores"][score], v))
        self.assertIs(pkg["pareto"], hand["pareto"][i])
        if rank is not None:
            self.assertEqual(list(pkg)[0], "rank")
            self.assertEqual(pkg["rank"], rank)
            self.assertIsInstance(pkg["rank"], int)

    def test_json_against_hand_values(self):
        for f, hand in HAND.items():
            with self.subTest(file=f):
                rc, out, err = run(["solve", f, "--format", "json", "--frontier"])
                self.assertEqual(rc, 0, err)
                doc, _ = strict_json(out)
                self.assertEqual(list(doc)[:3], ["format", "generator", "scenario"])
                self.assertEqual(doc["format"], "redline.solve/1")
                self.assertEqual(doc["generator"]["name"], "redline")
                self.assertEqual(doc["generator"]["changes"], [])
                self.assertEqual(doc["scenario"], {"title": doc["scenario"]["title"], "file": f,
                                                   "issues": hand["issues"], "parties": hand["parties"],
                                                   "veto_parties": hand["veto_parties"]})
                self.assertEqual(doc["rank_by"], "nash")
                self.assertEqual(doc["counts"], hand["counts"])
                for v in doc["counts"].values():
                    self.assertIsInstance(v, int)
                if hand["ideal"] is None:
                    self.assertNotIn("ideal", doc)
                else:
                    self.assertEqual(list(doc["ideal"]), list(hand["ideal"]))
                    for p, v in hand["ideal"].items():
                        self.assertTrue(close(doc["ideal"][p], v))
                self.assertEqual([p["index"] for p in doc["top"]], hand["order"]["nash"])
                for r, pkg in enumerate(doc["top"], 1):
                    self.check_package(hand, pkg, rank=r)
                self.assertEqual([p["index"] for p in doc["frontier"]], hand["frontier"])
                for pkg in doc["frontier"]:
                    self.assertNotIn("rank", pkg)
                    self.check_package(hand, pkg)
                self.assertNotIn("complete", doc)

    def test_every_rank(self):
        for f, hand in HAND.items():
            for rank, order in hand["order"].items():
                with self.subTest(file=f, rank=rank):
                    rc, out, err = run(["solve", f, "--format", "json", "--rank", rank])
                    self.assertEqual(rc, 0, err)
                    doc, _ = strict_json(out)
                    self.assertEqual(doc["rank_by"], rank)
                    self.assertEqual([p["index"] for p in doc["top"]], order)
                    self.assertNotIn("frontier", doc)

    def test_top_k(self):
        rc, out, err = run(["solve", "border-aid.yaml", "--format", "json", "--top", "1"])
        self.assertEqual(rc, 0, err)
        self.assertEqual([p["index"] for p in json.loads(out)["top"]], [7])
        rc, out, err = run(["solve", "border-aid.yaml", "--format", "json", "--top", "0"])
        self.assertEqual(json.loads(out)["top"], [])

    def test_threads_do_not_change_the_answer(self):
        outs = {run(["solve", "border-aid.yaml", "--format", "json", "--frontier", "--threads", t])[1]
                for t in ("1", "2", "7")}
        self.assertEqual(len(outs), 1)

    def test_ignore_batna(self):
        rc, out, err = run(["solve", "border-aid.yaml", "--format", "json", "--ignore-batna"])
        self.assertEqual(rc, 0, err)
        # By hand: acceptable = compatible = {3, 4, 5, 6, 7}.
        self.assertEqual(json.loads(out)["counts"]["acceptable"], 5)

    def test_only_top(self):
        rc, out, err = run(["solve", "border-aid.yaml", "--format", "json", "--only-top"])
        self.assertEqual(rc, 0, err)
        doc = json.loads(out)
        self.assertNotIn("counts", doc)
        self.assertEqual([p["index"] for p in doc["top"]], [7, 4, 5])
        self.assertEqual([p["pareto"] for p in doc["top"]], [True, True, False])

    def test_numbers_are_shortest(self):
        # Every double is written as the shortest text that reads back to it
        # (Python's repr is that), never as 0.69999999999999996.
        for f in HAND:
            _, out, _ = run(["solve", f, "--format", "json", "--frontier"])
            _, tokens = strict_json(out)
            for t in tokens:
                self.assertEqual(t, repr(float(t)), "%s: %s" % (f, t))
        self.assertIn('"nash": 0.095', run(["solve", "border-aid.yaml", "--format", "json"])[1])

    def test_text(self):
        for f in HAND:
            with self.subTest(file=f):
                rc, out, err = run(["solve", f, "--frontier"])
                self.assertEqual(rc, 0, err)
                assert_width(self, out, f)
                counts = HAND[f]["counts"]
                for stage, key in (("package space", "space"), ("feasible", "feasible"),
                                   ("compatible", "compatible"), ("acceptable", "acceptable"),
                                   ("Pareto-optimal", "pareto")):
                    self.assertRegex(out, r"(?m)^  %s +%d " % (stage, counts[key]))
                if counts["acceptable"] == 0:
                    self.assertIn("No package is acceptable to every veto party.", out)
                    self.assertIn("Every feasible package breaks a red line", out)
                golden(self, "solve-" + f.replace(".yaml", ".txt"), out)
        out = run(["solve", "border-aid.yaml"])[1]
        self.assertRegex(out, r"(?m)^1\. Package 7, nash 0\.095, Pareto-optimal$")
        self.assertRegex(out, r"(?m)^    Reconstruction aid +Some aid, paid over ten years$")
        self.assertRegex(out, r"(?m)^    Northern republic +0\.875 +0\.400 +\+0\.475$")
        self.assertRegex(out, r"(?m)^  feasible +8 +88\.9% ")

    def test_csv(self):
        rc, out, err = run(["solve", "border-aid.yaml", "--format", "csv"])
        self.assertEqual(rc, 0, err)
        self.assertNotIn("\r", out)
        rows = list(csv.DictReader(io.StringIO(out)))
        self.assertEqual(list(rows[0]), ["rank", "index", "border", "aid", "u_north", "u_south",
                                         "welfare", "nash", "kalai", "min_gain", "pareto"])
        hand = HAND["border-aid.yaml"]
        self.assertEqual([int(r["index"]) for r in rows], hand["order"]["nash"])
        for n, r in enumerate(rows, 1):
            i = int(r["index"])
            self.assertEqual(int(r["rank"]), n)
            self.assertEqual((r["border"], r["aid"]), tuple(hand["options"][i].values()))
            for score, v in hand["scores"][i].items():
                self.assertTrue(close(float(r[score]), v))
            self.assertEqual(r["pareto"], "true" if hand["pareto"][i] else "false")
        golden(self, "solve-border-aid.csv", out)

        rc, out, err = run(["solve", "border-aid.yaml", "--format", "csv", "--frontier"])
        rows = list(csv.DictReader(io.StringIO(out)))
        self.assertNotIn("rank", rows[0])
        self.assertEqual([int(r["index"]) for r in rows], hand["frontier"])
        golden(self, "solve-border-aid-frontier.csv", out)

        rc, out, err = run(["solve", "no-deal.yaml", "--format", "csv"])
        self.assertEqual((rc, out), (0, "rank,index,x,y,u_p,u_q,welfare,nash,kalai,min_gain,pareto\n"))

    def test_all(self):
        for f, hand in HAND.items():
            acceptable = sorted(hand.get("scores", {}))
            with self.subTest(file=f):
                rc, out, err = run(["solve", f, "--all", "--format", "json"])
                self.assertEqual(rc, 0, err)
                lines = out.splitlines()
                docs = [strict_json(line)[0] for line in lines]
                self.assertEqual(sorted(d["index"] for d in docs), acceptable)
                for d in docs:
                    self.assertNotIn("format", d)
                    self.assertNotIn("rank", d)
                    self.assertIs(d["pareto"], hand["pareto"][d["index"]])
                rc, out, err = run(["solve", f, "--all", "--format", "csv"])
                self.assertEqual(rc, 0, err)
                rows = list(csv.DictReader(io.StringIO(out)))
                self.assertEqual(sorted(int(r["index"]) for r in rows), acceptable)
                rc, out, err = run(["solve", f, "--all"])
                self.assertEqual(rc, 0, err)
                assert_width(self, out, f)
        # --max-packages stops the stream: exit 3, exactly N packages.
        rc, out, err = run(["solve", "border-aid.yaml", "--all", "--format", "csv", "--max-packages", "1"])
        self.assertEqual(rc, 3)
        self.assertEqual(len(out.splitlines()), 2)
        self.assertIn("--max-packages", err)
        rc, out, err = run(["solve", "border-aid.yaml", "--all", "--format", "csv", "--max-packages", "3"])
        self.assertEqual(rc, 0, err)

    def test_too_large(self):
        with tempfile.TemporaryDirectory() as tmp:
            big = write_big(tmp)
            rc, out, err = run(["solve", big])
            self.assertEqual(rc, 3)
            self.assertEqual(out, "")
            self.assertIn("--only-top", err)

    def test_timeout_marks_incomplete(self):
        # Whether this search finishes in 0.3 s depends on the machine; what
        # must hold either way is that the status and the document agree.
        with tempfile.TemporaryDirectory() as tmp:
            big = write_big(tmp)
            rc, out, err = run(["solve", big, "--only-top", "--timeout", "0.3", "--format", "json"])
            doc = json.loads(out)
            if rc == 3:
                self.assertIs(doc.get("complete"), False)
                self.assertIn("--timeout", err)
            else:
                self.assertEqual(rc, 0, err)
                self.assertNotIn("complete", doc)

    def test_progress_only_on_a_terminal(self):
        import pty
        with tempfile.TemporaryDirectory() as tmp:
            big = write_big(tmp)
            for quiet in (False, True):
                master, slave = pty.openpty()
                args = [BINARY, "solve", big, "--only-top", "--timeout", "1.2", "--format", "json"]
                if quiet:
                    args.append("--quiet")
                p = subprocess.run(args, stdout=subprocess.PIPE, stderr=slave, env=base_env(), timeout=60)
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
                if p.returncode != 3:
                    continue   # finished too fast to show anything
                if quiet:
                    self.assertNotIn(b"solving:", err)
                else:
                    self.assertRegex(err, rb"\rsolving: (\d+%|step \d+ of \d+, \d+%)")
                    # Erased before the final message.
                    before = err.split(b"redline:")[0]
                    self.assertTrue(before.endswith(b"\r"), before[-100:])
        # Never when standard error is not a terminal.
        rc, out, err = run(["solve", "border-aid.yaml"])
        self.assertNotIn("solving", err)


# ---- evaluate -----------------------------------------------------------------------------


class Evaluate(unittest.TestCase):
    def test_json_against_hand_values(self):
        for f, deal, hand in HAND_EVALUATE:
            with self.subTest(file=f, deal=deal):
                rc, out, err = run(["evaluate", f, "--deal", deal, "--format", "json"])
                self.assertEqual(rc, 0, err)
                doc, tokens = strict_json(out)
                for t in tokens:
                    self.assertEqual(t, repr(float(t)))
                self.assertEqual(list(doc)[:3], ["format", "generator", "package"])
                self.assertEqual(doc["format"], "redline.evaluate/1")
                pkg = doc["package"]
                self.assertEqual(pkg["index"], hand["index"])
                for party, u in hand["utilities"].items():
                    self.assertTrue(close(pkg["utilities"][party], u))
                for key in ("feasible", "compatible", "acceptable"):
                    self.assertIs(doc[key], hand[key], key)
                self.assertEqual(sorted(doc["broken"]), sorted(hand["broken"]))
                self.assertEqual(sorted(doc["below_batna"]), sorted(hand["below_batna"]))
                if hand["ranks"] is None:
                    self.assertNotIn("ranks", doc)
                    self.assertNotIn("scores", pkg)
                    self.assertNotIn("pareto", pkg)
                else:
                    self.assertEqual(doc["ranks"], hand["ranks"])
                    self.assertIs(pkg["pareto"], hand["pareto"])
                if hand["dominated_by"] is None:
                    self.assertIsNone(doc["dominated_by"])
                else:
                    self.assertEqual(doc["dominated_by"]["index"], hand["dominated_by"])
                    self.assertTrue(doc["dominated_by"]["pareto"])

    def test_text(self):
        cases = [("border-aid.yaml", "border=middle,aid=full", "evaluate-border-aid-5.txt"),
                 ("border-aid.yaml", "border=east,aid=full", "evaluate-border-aid-8.txt"),
                 ("observer-bonus.yaml", "talks=no,ceasefire=yes", "evaluate-observer-bonus-1.txt"),
                 ("no-deal.yaml", "x=a,y=c", "evaluate-no-deal-0.txt")]
        for f, deal, name in cases:
            with self.subTest(file=f, deal=deal):
                rc, out, err = run(["evaluate", f, "--deal", deal])
                self.assertEqual(rc, 0, err)
                assert_width(self, out, name)
                golden(self, name, out)
        out = run(["evaluate", "border-aid.yaml", "--deal", "border=middle,aid=full"])[1]
        self.assertIn("Verdict: acceptable.", out)
        self.assertIn("Rank among the 3 acceptable packages: welfare 3, nash 3, kalai 1, min_gain 1.", out)
        self.assertIn("package 7", out)
        self.assertRegex(out, r"(?m)^  Northern republic +0\.625 +0\.875 +\+0\.250$")
        out = run(["evaluate", "border-aid.yaml", "--deal", "border=east,aid=full"])[1]
        self.assertIn("Verdict: not acceptable", out)
        self.assertIn("breaks the constraint no-full-aid-in-east (aid == full -> border != east): "
                      "donors will not fund the eastern line", " ".join(out.split()))
        self.assertIn("leaves Southern federation below its BATNA: utility 0.250, BATNA 0.300", out)
        out = run(["evaluate", "observer-bonus.yaml", "--deal", "talks=no,ceasefire=yes"])[1]
        self.assertIn("Observers' red lines", out)

    def test_csv(self):
        rc, out, err = run(["evaluate", "border-aid.yaml", "--deal", "border=middle,aid=full",
                            "--format", "csv"])
        self.assertEqual(rc, 0, err)
        rows = list(csv.DictReader(io.StringIO(out)))
        self.assertEqual(len(rows), 1)
        self.assertNotIn("rank", rows[0])
        self.assertEqual((rows[0]["index"], rows[0]["u_north"], rows[0]["welfare"], rows[0]["pareto"]),
                         ("5", "0.625", "1.125", "false"))
        golden(self, "evaluate-border-aid-5.csv", out)
        # Not acceptable: the scores and pareto are empty fields.
        out = run(["evaluate", "border-aid.yaml", "--deal", "border=east,aid=full", "--format", "csv"])[1]
        self.assertEqual(out.splitlines()[1], "8,east,full,1.0,0.25,,,,,")


# ---- Exit statuses and messages ------------------------------------------------------------


class ExitStatus(unittest.TestCase):
    def assertUsage(self, args, *fragments):
        rc, out, err = run(args)
        self.assertEqual(rc, 2, (args, err))
        self.assertEqual(out, "")
        for fragment in fragments:
            self.assertIn(fragment, err)
        self.assertRegex(err, r"Try 'redline( \w+)? --help'\.\n$")
        return err

    def test_usage_errors(self):
        self.assertUsage(["solve", "--bogus", "border-aid.yaml"], "--bogus", "Try 'redline solve --help'.")
        self.assertUsage(["slove", "border-aid.yaml"], "did you mean 'solve'?")
        self.assertUsage(["--bogus"])
        self.assertUsage(["solve"], "no FILE")
        self.assertUsage(["solve", "border-aid.yaml", "no-deal.yaml"], "one FILE")
        self.assertUsage(["check"], "no FILE")
        self.assertUsage(["solve", "border-aid.yaml", "--format", "xml"], "unknown format")
        self.assertUsage(["solve", "border-aid.yaml", "--format", "markdown"], "text, json or csv")
        self.assertUsage(["check", "border-aid.yaml", "--format", "csv"], "text or json")
        self.assertUsage(["solve", "border-aid.yaml", "--top", "ten"], "--top")
        self.assertUsage(["solve", "border-aid.yaml", "--top", "-1"], "--top")
        self.assertUsage(["solve", "border-aid.yaml", "--threads", "0"], "--threads")
        self.assertUsage(["solve", "border-aid.yaml", "--timeout", "-1"], "--timeout")
        self.assertUsage(["solve", "border-aid.yaml", "--timeout", "nan"], "--timeout")
        self.assertUsage(["solve", "border-aid.yaml", "--all", "--frontier"], "--all")
        self.assertUsage(["solve", "border-aid.yaml", "--max-packages", "3"], "needs --all")
        self.assertUsage(["solve", "border-aid.yaml", "--only-top", "--frontier"], "--only-top")
        self.assertUsage(["solve", "border-aid.yaml", "-o", "border-aid.yaml"], "overwrite")
        self.assertUsage(["help", "nope"], "not a redline command")

    def test_rank_errors(self):
        self.assertUsage(["solve", "border-aid.yaml", "--rank", "utility:nobody"], "unknown party 'nobody'")
        self.assertUsage(["solve", "border-aid.yaml", "--rank", "utility:sout"], "did you mean 'south'?")
        self.assertUsage(["solve", "border-aid.yaml", "--rank", "nsah"], "did you mean 'nash'?")

    def test_whatif_flags(self):
        # Every kind is accepted on solve and evaluate; a name that does not
        # exist is a usage error with a hint. (tests/cli/run-whatif-tests.py
        # has the rest: flags against variant files, compare.)
        for flag, value in (("--relax", "north/never-west"), ("--set", "parties.north.batna=0"),
                            ("--require", "aid == none"), ("--fix", "aid=none"),
                            ("--exclude", "aid=none"), ("--without", "south")):
            for args in (["solve", "border-aid.yaml"],
                         ["evaluate", "border-aid.yaml", "--deal", "border=east,aid=some"]):
                rc, out, err = run(args + [flag, value, "--format", "json"])
                self.assertEqual(rc, 0, (args, flag, err))
                text = value if flag == "--require" else value.replace("=", " = ")
                self.assertEqual(strict_json(out)[0]["generator"]["changes"],
                                 ["%s %s" % (flag[2:], text)])
        self.assertUsage(["solve", "border-aid.yaml", "--relax", "north/never-wset"],
                         "--relax north/never-wset: party 'north' has no red line 'never-wset'",
                         "did you mean 'never-west'?")
        self.assertUsage(["evaluate", "border-aid.yaml", "--deal", "border=east,aid=some",
                          "--without", "sout"], "unknown party 'sout'", "did you mean 'south'?")

    def test_deal_errors(self):
        self.assertUsage(["evaluate", "border-aid.yaml", "--deal", "bordr=east,aid=some"],
                         "unknown issue 'bordr'", "did you mean 'border'?")
        self.assertUsage(["evaluate", "border-aid.yaml", "--deal", "border=eats,aid=some"],
                         "unknown option 'eats'", "did you mean 'east'?")
        self.assertUsage(["evaluate", "border-aid.yaml", "--deal", "border=east"], "missing 'aid'")
        self.assertUsage(["evaluate", "border-aid.yaml", "--deal", "border=east,border=west,aid=none"],
                         "named twice")
        self.assertUsage(["evaluate", "border-aid.yaml", "--deal", "border"], "ISSUE=OPTION")
        self.assertUsage(["evaluate", "border-aid.yaml"], "--deal is required")

    def test_missing_file(self):
        for cmd in (["check"], ["solve"], ["evaluate", "--deal", "x=y"]):
            rc, out, err = run(cmd + ["does-not-exist.yaml"])
            self.assertEqual(rc, 3, (cmd, err))
            self.assertIn("does-not-exist.yaml", err)

    def test_invalid_scenario(self):
        with tempfile.TemporaryDirectory() as tmp:
            bad = os.path.join(tmp, "bad.yaml")
            with open(bad, "w") as f:
                f.write(INVALID_SCENARIO)
            for cmd in (["check"], ["solve"], ["evaluate", "--deal", "x=a"]):
                rc, out, err = run(cmd + [bad])
                self.assertEqual(rc, 1, (cmd, err))
                self.assertEqual(out, "")
                # Every error, in the compilers' form.
                lines = err.splitlines()
                self.assertEqual(len(lines), 2, err)
                self.assertRegex(lines[0], r"^%s:8:5: error: .*veot" % re.escape(bad))
                self.assertRegex(lines[1], r"^%s:14:\d+: error: .*'c'" % re.escape(bad))


# ---- -o -------------------------------------------------------------------------------


class Output(unittest.TestCase):
    def test_file_matches_stdout(self):
        with tempfile.TemporaryDirectory() as tmp:
            target = os.path.join(tmp, "out.json")
            for fmt in ("text", "json", "csv"):
                rc, out, err = run(["solve", "border-aid.yaml", "--format", fmt, "-o", target])
                self.assertEqual((rc, out), (0, ""), err)
                with open(target, encoding="utf-8") as f:
                    self.assertEqual(f.read(), run(["solve", "border-aid.yaml", "--format", fmt])[1])
            rc, out, err = run(["evaluate", "border-aid.yaml", "--deal", "border=east,aid=some",
                                "--output", target])
            self.assertEqual(rc, 0, err)
            rc, out, err = run(["check", "border-aid.yaml", "-o", target])
            self.assertEqual(rc, 0, err)
            self.assertEqual(sorted(os.listdir(tmp)), ["out.json"])
            self.assertEqual(stat.S_IMODE(os.stat(target).st_mode) & 0o600, 0o600)

    def test_missing_directory(self):
        with tempfile.TemporaryDirectory() as tmp:
            target = os.path.join(tmp, "no", "such", "out.json")
            rc, out, err = run(["solve", "border-aid.yaml", "-o", target])
            self.assertEqual(rc, 3)
            self.assertIn("cannot write %s" % target, err)
            self.assertEqual(os.listdir(tmp), [])

    @unittest.skipUnless(os.path.exists("/dev/full"), "no /dev/full")
    def test_dev_full(self):
        for args in (["solve", "border-aid.yaml"], ["solve", "border-aid.yaml", "--all", "--format", "json"],
                     ["check", "border-aid.yaml"], ["evaluate", "border-aid.yaml", "--deal", "border=east,aid=some"]):
            rc, out, err = run(args + ["-o", "/dev/full"])
            self.assertEqual(rc, 3, args)
            self.assertIn("cannot write /dev/full", err)
        # Standard output on /dev/full is an output error too.
        with open("/dev/full", "wb") as full:
            p = subprocess.run(command(["solve", "border-aid.yaml"]), cwd=DATA, env=base_env(),
                               stdout=full, stderr=subprocess.PIPE)
        check_wrap(p, ["solve", "border-aid.yaml"])
        self.assertEqual(p.returncode, 3)
        with open("/dev/full", "wb") as full:
            p = subprocess.run(command(["--help"]), cwd=DATA, env=base_env(), stdout=full, stderr=subprocess.PIPE)
        check_wrap(p, ["--help"])
        self.assertEqual(p.returncode, 3)

    def test_dev_null(self):
        rc, out, err = run(["solve", "border-aid.yaml", "-o", "/dev/null"])
        self.assertEqual((rc, out, err), (0, "", ""))

    def test_failed_run_keeps_old_file(self):
        with tempfile.TemporaryDirectory() as tmp:
            target = os.path.join(tmp, "result.json")
            with open(target, "w") as f:
                f.write("old contents\n")
            big = write_big(tmp)
            # Fails after the output was opened (the space is too large).
            rc, out, err = run(["solve", big, "-o", target])
            self.assertEqual(rc, 3)
            with open(target) as f:
                self.assertEqual(f.read(), "old contents\n")
            self.assertEqual(sorted(os.listdir(tmp)), ["big.yaml", "result.json"])
            # Fails before (a usage error): nothing touched either.
            rc, out, err = run(["solve", "border-aid.yaml", "--rank", "utility:nobody", "-o", target])
            self.assertEqual(rc, 2)
            with open(target) as f:
                self.assertEqual(f.read(), "old contents\n")

    @unittest.skipIf(hasattr(os, "geteuid") and os.geteuid() == 0, "root may write anything")
    def test_read_only_file_is_refused(self):
        with tempfile.TemporaryDirectory() as tmp:
            target = os.path.join(tmp, "locked.txt")
            with open(target, "w") as f:
                f.write("old\n")
            os.chmod(target, 0o444)
            rc, out, err = run(["solve", "border-aid.yaml", "-o", target])
            self.assertEqual(rc, 3)
            with open(target) as f:
                self.assertEqual(f.read(), "old\n")

    def test_symlink_is_followed(self):
        with tempfile.TemporaryDirectory() as tmp:
            real = os.path.join(tmp, "real.csv")
            link = os.path.join(tmp, "link.csv")
            with open(real, "w") as f:
                f.write("old\n")
            os.symlink("real.csv", link)
            rc, out, err = run(["solve", "border-aid.yaml", "--format", "csv", "-o", link])
            self.assertEqual(rc, 0, err)
            self.assertTrue(os.path.islink(link))
            with open(real) as f:
                self.assertTrue(f.read().startswith("rank,index"))


# ---- Help, version, layout, locale -------------------------------------------------------------


class Misc(unittest.TestCase):
    def test_help(self):
        rc, out, err = run(["--help"])
        self.assertEqual(rc, 0)
        for cmd in ("check", "solve", "evaluate", "stability", "serve"):
            self.assertRegex(out, r"(?m)^  %s " % cmd)
            rc, own, err = run([cmd, "--help"])
            self.assertEqual(rc, 0, err)
            self.assertIn("redline %s [OPTION" % cmd, own)
            assert_width(self, own, cmd + " --help")
            rc, via_help, err = run(["help", cmd])
            self.assertEqual((rc, via_help), (0, own))
        rc, own, err = run(["solve", "--help"])
        for option in ("--frontier", "--all", "--ignore-batna", "--only-top", "--max-packages", "--format",
                       "--output", "--rank", "--top", "--threads", "--quiet", "--timeout", "--relax"):
            self.assertIn(option, own)
        rc, out, err = run([])
        self.assertEqual(rc, 2)
        self.assertIn("Usage", err)

    def test_version(self):
        rc, out, err = run(["--version"])
        self.assertEqual(rc, 0)
        # The version, then the git description of the tree when built from
        # a checkout (meson's vcs_tag).
        self.assertRegex(out, r"^redline \d+\.\d+\.\d+( \(git [0-9A-Za-z.+_-]+\))?\n$")
        doc = json.loads(run(["solve", "no-deal.yaml", "--format", "json"])[1])
        self.assertEqual("redline " + doc["generator"]["version"], out.split(" (git ")[0].strip())
        if os.path.isdir(os.path.join(SOURCE, ".git")) or os.path.isfile(os.path.join(SOURCE, ".git")):
            self.assertIn(" (git ", out)

    def test_shipped_scenarios_fit_80_columns(self):
        scenarios = os.path.join(SOURCE, "scenarios")
        files = sorted(f for f in os.listdir(scenarios) if f.endswith(".yaml")) if os.path.isdir(scenarios) else []
        for f in files:
            path = os.path.join(scenarios, f)
            for args in (["check", path], ["solve", path, "--frontier", "--top", "3"]):
                rc, out, err = run(args)
                self.assertIn(rc, (0, 1), err)
                assert_width(self, out, f)

    def test_locale_does_not_change_output(self):
        env = german_locale()
        if env is None:
            self.skipTest("no German locale and no localedef")
        self.assertTrue(has_decimal_comma(env), "the German locale has no decimal comma")
        for args in (["solve", "border-aid.yaml", "--frontier"],
                     ["solve", "border-aid.yaml", "--format", "json", "--frontier"],
                     ["solve", "border-aid.yaml", "--format", "csv"],
                     ["evaluate", "border-aid.yaml", "--deal", "border=middle,aid=full"],
                     ["check", "border-aid.yaml"]):
            rc, german, err = run(args, env=env)
            self.assertEqual(rc, 0, err)
            self.assertEqual(german, run(args)[1], args)
        # And the timeout reads "2.5" whatever the locale (long enough for
        # the memcheck suite's valgrind on a busy machine).
        rc, out, err = run(["solve", "border-aid.yaml", "--timeout", "2.5"], env=env)
        self.assertEqual(rc, 0, err)


# ---- hardening: resource guards, hostile strings, full disks, bad files ----------


_generated = {}


def generated(issues):
    """tools/gen-scenario --issues N --options 5 --parties 6 --seed 3."""
    if issues not in _generated:
        tmp = tempfile.mkdtemp(prefix="redline-gen-")
        path = os.path.join(tmp, "gen%d.yaml" % issues)
        text = subprocess.run([sys.executable, os.path.join(SOURCE, "tools", "gen-scenario"),
                               "--issues", str(issues), "--options", "5", "--parties", "6", "--seed", "3"],
                              check=True, capture_output=True, text=True).stdout
        with open(path, "w") as f:
            f.write(text)
        _generated[issues] = path
    return _generated[issues]


def big18():
    """The large shape (18 issues, 6,075,000,000 packages): no search over
    it finishes within the timeouts below."""
    return generated(18)


def csv_rows(testcase, text):
    """RFC 4180 records (LF line ends); every one as wide as the header."""
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    for r in rows:
        testcase.assertEqual(len(r), len(rows[0]), r)
    return rows


class Guards(unittest.TestCase):
    """--timeout and --max-packages on a space too large to search in time:
    a complete document, marked incomplete, exit 3, -o written whole."""

    def test_solve_timeout(self):
        big = big18()
        with tempfile.TemporaryDirectory() as tmp:
            target = os.path.join(tmp, "out.json")
            with open(target, "w") as f:
                f.write("old\n")
            start = time.monotonic()
            rc, out, err = run(["solve", big, "--timeout", "0.5", "--format", "json", "-o", target])
            elapsed = time.monotonic() - start
            self.assertEqual(rc, 3, err)
            self.assertIn("--timeout", err)
            self.assertIn("lower bounds", err)
            if not WRAP:
                self.assertLess(elapsed, 10)
            with open(target) as f:
                doc = strict_json(f.read())[0]
            self.assertIs(doc["complete"], False)
            self.assertEqual(doc["counts"]["space"], 6075000000)
            self.assertEqual(sorted(os.listdir(tmp)), ["out.json"])
            # The text says what may be missing; CSV stays a table.
            rc, out, err = run(["solve", big, "--timeout", "0.3"])
            self.assertEqual(rc, 3, err)
            self.assertIn("Stopped by --timeout", out)
            self.assertIn("lower bounds", out)
            rc, out, err = run(["solve", big, "--timeout", "0.3", "--format", "csv"])
            self.assertEqual(rc, 3, err)
            csv_rows(self, out)
            # (--only-top's branch and bound finishes on this file at once.)
            rc, out, err = run(["solve", big, "--timeout", "0.3", "--format", "json", "--frontier"])
            self.assertEqual(rc, 3, err)
            self.assertIs(strict_json(out)[0]["complete"], False)

    def test_evaluate_timeout(self):
        big = big18()
        # The best package by nash (branch and bound finds it at once), so
        # that the package is acceptable and has ranks to cut short.
        rc, out, err = run(["solve", big, "--only-top", "--top", "1", "--format", "json"])
        self.assertEqual(rc, 0, err)
        options = strict_json(out)[0]["top"][0]["options"]
        deal = ",".join("%s=%s" % kv for kv in options.items())
        rc, out, err = run(["evaluate", big, "--deal", deal, "--timeout", "0.3", "--format", "json"])
        self.assertEqual(rc, 3, err)
        doc = strict_json(out)[0]
        self.assertIs(doc["complete"], False)
        self.assertIn("--timeout", err)
        # A rank not known when the time ran out is null, never 0.
        for kind, rank in (doc.get("ranks") or {}).items():
            self.assertTrue(rank is None or (isinstance(rank, int) and rank >= 1), (kind, rank))
        rc, out, err = run(["evaluate", big, "--deal", deal, "--timeout", "0.3"])
        self.assertEqual(rc, 3, err)
        self.assertIn("Stopped by --timeout", out)

    def test_all_guards(self):
        big = big18()
        with tempfile.TemporaryDirectory() as tmp:
            target = os.path.join(tmp, "all.csv")
            # --timeout: whole rows only, exit 3.
            rc, out, err = run(["solve", big, "--all", "--format", "csv", "--timeout", "0.5", "-o", target])
            self.assertEqual(rc, 3, err)
            self.assertIn("--timeout", err)
            with open(target, newline="") as f:
                csv_rows(self, f.read())
            rc, out, err = run(["solve", big, "--all", "--format", "json", "--timeout", "0.5"])
            self.assertEqual(rc, 3, err)
            for line in out.splitlines():
                strict_json(line)
            if WRAP:
                return      # the first pass alone takes minutes under valgrind
            # --max-packages: exactly N, exit 3. (On 12,150,000 packages: the
            # first pass over the 18-issue file takes a minute under ASan.)
            rc, out, err = run(["solve", generated(14), "--all", "--format", "csv", "--max-packages", "5",
                                "-o", target])
            self.assertEqual(rc, 3, err)
            self.assertIn("--max-packages", err)
            with open(target, newline="") as f:
                self.assertEqual(len(csv_rows(self, f.read())), 1 + 5)
            self.assertEqual(sorted(os.listdir(tmp)), ["all.csv"])


# Every kind of character a label may hold, and a file name to match. ids
# are restricted by the format, so only text fields carry these.
HOSTILE_NAME = 'we"ird,<&> n\'ame.yaml'
HOSTILE = r'''redline: 1
title: "Quotes \" and ' <b>&amp; commas, tabs\tand bell\a esc\e del\x7f nel\x85 end"
description: "line one\nline two\r\n<script>alert('x')</script>"
sources:
  - {title: "a,b\"c", url: "http://x/?a=1&b=<2>", note: "n\x01o\x1bte"}
issues:
  talks:
    label: "Talks, \"now\"\n<at once>\ttab"
    description: "d\x02"
    options:
      - {id: no, label: "No, \"never\"\x1b[31m red"}
      - {id: yes, label: "Yes\r\nCR"}
  b_1:
    label: "&lt;b&gt;"
    options: [x, y]
constraints:
  - {id: c-1, rule: "talks or b_1 == x", note: "c\"o,n\nst", source: "<src>"}
parties:
  p_a:
    label: "Party \"A\", <the first>\x07"
    batna: 0.1
    weights: {talks: 1, b_1: 1}
    values:
      talks: {no: 0, yes: 1}
      b_1: {x: 1, y: 0}
    red_lines:
      - {id: r_1, rule: "b_1 != y or talks", note: "quote \" comma , newline\n tab\t ctl \x01"}
  p_b:
    label: "B\x1b]0;title\x07"
'''
HOSTILE_TITLE = "Quotes \" and ' <b>&amp; commas, tabs\tand bell\a esc\x1b del\x7f nel\x85 end"
# In text output: no C0 or C1 control character but the line feed.
CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")


class Hostile(unittest.TestCase):
    """No scenario string can break a JSON, CSV or text document."""

    def test_every_format(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, HOSTILE_NAME)
            with open(path, "w", encoding="utf-8") as f:
                f.write(HOSTILE)
            deal = ["--deal", "talks=no,b_1=y"]
            for cmd in (["check"], ["solve"], ["solve", "--frontier"], ["solve", "--all"],
                        ["solve", "--only-top"], ["evaluate"] + deal):
                for fmt in ("json", "csv", "text"):
                    if fmt == "csv" and cmd == ["check"]:
                        continue
                    with self.subTest(cmd=cmd, format=fmt):
                        rc, out, err = run(cmd[:1] + [HOSTILE_NAME] + cmd[1:] + ["--format", fmt], cwd=tmp)
                        self.assertEqual(rc, 0, err)
                        if fmt == "json" and "--all" in cmd:
                            for line in out.splitlines():
                                strict_json(line)
                        elif fmt == "json":
                            doc = strict_json(out)[0]
                            title = (doc["files"][0] if cmd == ["check"] else doc.get("scenario", {})).get("title")
                            if title is not None:
                                self.assertEqual(title, HOSTILE_TITLE)
                            raw = json.dumps(doc)
                            self.assertNotIn("\x1b", out)      # escaped, never raw
                        elif fmt == "csv":
                            csv_rows(self, out)
                            self.assertNotIn("\r", out)
                        else:
                            self.assertIsNone(CONTROL.search(out), repr(out))
            # -o with the same name in the folder: written whole, beside it.
            rc, out, err = run(["solve", HOSTILE_NAME, "--format", "json", "-o", HOSTILE_NAME + ".json"], cwd=tmp)
            self.assertEqual(rc, 0, err)
            self.assertEqual(sorted(os.listdir(tmp)), sorted([HOSTILE_NAME, HOSTILE_NAME + ".json"]))


def small_tmpfs():
    """A 64 KiB tmpfs mounted for the test (root only), or None."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or not shutil.which("mount"):
        return None
    mnt = tempfile.mkdtemp(prefix="redline-small-")
    p = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mnt], capture_output=True)
    if p.returncode != 0:
        os.rmdir(mnt)
        return None
    return mnt


class FullDisk(unittest.TestCase):
    def test_small_tmpfs(self):
        mnt = small_tmpfs()
        if mnt is None:
            self.skipTest("cannot mount a small tmpfs here (needs root)")
        try:
            target = os.path.join(mnt, "all.csv")
            with open(target, "w") as f:
                f.write("old contents\n")
            # About 1.5 MB of rows into 64 KiB: the write fails part way.
            rc, out, err = run(["solve", os.path.join(DATA, "flat-100k.yaml"), "--all", "--format", "csv",
                                "-o", target])
            self.assertEqual(rc, 3)
            self.assertIn("cannot write %s" % target, err)
            self.assertIn("No space left on device", err)
            with open(target) as f:
                self.assertEqual(f.read(), "old contents\n")
            self.assertEqual(os.listdir(mnt), ["all.csv"])
        finally:
            subprocess.run(["umount", mnt])
            os.rmdir(mnt)


class Numbers(unittest.TestCase):
    def test_largest_space(self):
        """64^256 packages (above a double's range): check prints a number,
        solve refuses without --only-top, and --only-top stops cleanly."""
        path = os.path.join(DATA, "limits", "largest-space.yaml")
        rc, out, err = run(["check", path])
        self.assertEqual(rc, 0, err)
        self.assertIn("package space about 2.4e+462", " ".join(out.split()))
        rc, out, err = run(["check", path, "--format", "json"])
        doc = strict_json(out)[0]["files"][0]
        self.assertIs(doc["space_exact"], False)
        for args in (["solve", path], ["solve", path, "--all"]):
            rc, out, err = run(args)
            self.assertEqual((rc, out), (3, ""), err)
            self.assertIn("about 2.41e+462 packages", err)
        self.assertIn("--only-top", run(["solve", path])[2])
        # This used to abort: the search split asked for 64^247 prefixes.
        rc, out, err = run(["solve", path, "--only-top", "--timeout", "1", "--format", "json"])
        self.assertIn(rc, (0, 3), err)
        doc = strict_json(out)[0]
        self.assertIs(doc.get("complete", True), rc == 0)

    def test_extreme_numbers(self):
        """No NaN, infinity or cut number in any format (extreme-numbers.yaml)."""
        rc, out, err = run(["solve", "extreme-numbers.yaml", "--format", "json", "--frontier"])
        self.assertEqual(rc, 0, err)
        doc = strict_json(out)[0]
        for pkg in doc["top"] + doc["frontier"]:
            for name, v in list(pkg["scores"].items()) + list(pkg["utilities"].items()):
                if (pkg["index"], name) != (1, "nash"):
                    self.assertIsInstance(v, float, (pkg["index"], name))
        # (1e300)^4 = 1e1200, beyond a double: from its logarithm, as a
        # string (issue 20 item 9; it saturated at 1.7976931348623157e308).
        self.assertEqual([(p["index"], p["scores"]["nash"]) for p in doc["top"]],
                         [(1, "1.0000000000e+1200"), (0, 0.0)])
        rc, out, err = run(["solve", "extreme-numbers.yaml", "--format", "csv"])
        self.assertEqual(rc, 0, err)
        for row in csv_rows(self, out)[1:]:
            self.assertNotIn("", row)
        for args in (["solve", "extreme-numbers.yaml"],
                     ["evaluate", "extreme-numbers.yaml", "--deal", "a=x"]):
            rc, out, err = run(args)
            self.assertEqual(rc, 0, err)
            self.assertIsNone(re.search(r"\binf\b|\bnan\b|n/a|\d{20}", out), out)
            self.assertIn("-1e+300", out)

    def test_flat_utilities(self):
        """98,304 packages, all equal: all Pareto-optimal, at once."""
        start = time.monotonic()
        rc, out, err = run(["solve", "flat-100k.yaml", "--frontier", "--format", "json", "--timeout", "60"])
        elapsed = time.monotonic() - start
        self.assertEqual(rc, 0, err)
        doc = strict_json(out)[0]
        self.assertEqual(doc["counts"], {"space": 98304, "feasible": 98304, "compatible": 98304,
                                         "acceptable": 98304, "pareto": 98304})
        self.assertEqual(len(doc["frontier"]), 98304)
        if not WRAP:
            self.assertLess(elapsed, 20)


class BadFiles(unittest.TestCase):
    def test_every_invalid_file(self):
        """Every file of tests/data/invalid/, in one `check`: exit 1 and
        every file named in the errors (under REDLINE_WRAP, the error
        paths of the command line run under valgrind)."""
        bad = os.path.join(SOURCE, "tests", "data", "invalid")
        names = sorted(n for n in os.listdir(bad) if n.endswith(".yaml"))
        rc, out, err = run(["check"] + names, cwd=bad)
        self.assertIn(rc, (1,), err[-2000:])
        for n in names:
            if n == "extends-unsupported.yaml":
                continue
            self.assertIn(n + ":", err)


_german = []


def german_locale():
    """An environment with LC_ALL=de_DE.UTF-8 (decimal comma), compiling the
    locale into a temporary directory when the system lacks it."""
    if _german:
        return _german[0]
    env = base_env()
    env["LC_ALL"] = "de_DE.UTF-8"
    probe = subprocess.run(["locale", "-a"], capture_output=True, text=True) if shutil.which("locale") else None
    if probe and any(l.lower().replace("-", "") in ("de_de.utf8",) for l in probe.stdout.split()):
        _german.append(env)
        return env
    if shutil.which("localedef"):
        tmp = tempfile.mkdtemp(prefix="redline-locale-")
        p = subprocess.run(["localedef", "-i", "de_DE", "-f", "UTF-8", os.path.join(tmp, "de_DE.UTF-8")],
                           capture_output=True)
        if os.path.isdir(os.path.join(tmp, "de_DE.UTF-8")):
            env["LOCPATH"] = tmp
            _german.append(env)
            return env
    _german.append(None)
    return None


def has_decimal_comma(env):
    """Whether a program that calls setlocale(LC_ALL, "") in @env would print
    0.5 as "0,5": the test means nothing otherwise."""
    probe = subprocess.run([sys.executable, "-c",
                            "import locale; locale.setlocale(locale.LC_ALL, ''); "
                            "print(locale.localeconv()['decimal_point'])"],
                           env=env, capture_output=True, text=True)
    return probe.returncode == 0 and probe.stdout.strip() == ","


def main():
    global BINARY, SOURCE, DATA, GOLDEN
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    BINARY = os.path.abspath(sys.argv[1])
    SOURCE = os.path.abspath(sys.argv[2])
    DATA = os.path.join(SOURCE, "tests", "data", "valid")
    GOLDEN = os.path.join(SOURCE, "tests", "cli", "golden")
    prog = unittest.main(argv=[sys.argv[0]] + sys.argv[3:], exit=False, verbosity=2)
    return 0 if prog.result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
