#!/usr/bin/env python3
# redline - negotiation-position modelling
# Copyright (C) 2026 the redline authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Tests of `redline simulate` and `solve --rank durability` on the command
line: the JSON document of simulate.md, the text and the CSV transcript,
the flags and the what-if paths that reach the simulation, --runs, seeds
and threads, --timeout, exit statuses.

    run-simulate-tests.py BUILD/src/cli/redline SOURCE_ROOT [unittest arguments]

The numbers are those worked out by hand in the comment at the top of
tests/data/simulate/two-parties.yaml (and, round by round, in
tests/unit/test-simulate.c). Standard library only.
"""
import atexit
import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

BINARY = None
DATA = None
SOURCE = None
TOL = 1e-9


def run(args, cwd=None):
    p = subprocess.run([BINARY] + args, cwd=cwd or DATA, capture_output=True, text=True, timeout=120)
    return p.returncode, p.stdout, p.stderr


def simulate_json(*args):
    rc, out, err = run(["simulate", "two-parties.yaml", "--format", "json"] + list(args))
    assert rc == 0, err
    return json.loads(out)


def offers(doc):
    return [r["offer"] for r in doc["transcript"]]


def need_whatif(test):
    """Skips @test when this build has no what-if flags yet."""
    rc, out, err = run(["simulate", "two-parties.yaml", "--set", "simulation.horizon=2"])
    if rc != 0:
        test.skipTest("no what-if flags in this build: " + err.strip()[:80])


class Json(unittest.TestCase):
    def test_linear(self):
        d = simulate_json()
        self.assertEqual(d["format"], "redline.simulate/1")
        self.assertIn("generator", d)
        self.assertEqual(d["scenario"], {"title": "buyer and seller", "file": "two-parties.yaml"})
        self.assertEqual((d["protocol"], d["rounds"], d["horizon"]), ("alternating", 4, 40))
        self.assertEqual(d["order"], ["buyer", "seller"])
        self.assertNotIn("mediator_reach", d)
        self.assertEqual(d["strategies"], {"buyer": "linear", "seller": "linear"})
        self.assertEqual(offers(d), [1, 2, 0])
        first = d["transcript"][0]
        self.assertEqual((first["round"], first["proposer"], first["fallback"]), (0, "buyer", False))
        self.assertEqual((first["accepted_by"], first["rejected_by"]), ([], ["seller"]))
        self.assertAlmostEqual(first["aspirations"]["buyer"], 1.0, delta=TOL)
        last = d["transcript"][2]
        self.assertEqual((last["accepted_by"], last["rejected_by"]), (["seller"], []))
        self.assertAlmostEqual(last["aspirations"]["seller"], 0.2 + 0.8 / 3, delta=TOL)
        o = d["outcome"]
        self.assertEqual((o["agreed"], o["round"], o["package"]["index"]), (True, 2, 0))
        self.assertEqual(o["package"]["options"], {"money": "low", "time": "short"})
        self.assertTrue(o["package"]["pareto"])
        self.assertAlmostEqual(o["utilities"]["buyer"], 0.75, delta=TOL)
        self.assertAlmostEqual(o["nash_distance"], 0.0, delta=TOL)
        self.assertEqual(d["durability"], {"broken_at": 3, "broken_by": "seller", "durable": False})
        self.assertNotIn("runs", d)

    def test_strategies_and_horizon(self):
        d = simulate_json("--strategy", "seller=boulware", "--horizon", "2")
        self.assertEqual(d["strategies"]["seller"], "boulware")
        self.assertEqual(offers(d), [1, 4, 0, 0])
        self.assertEqual(d["outcome"]["round"], 3)
        self.assertEqual(d["durability"], {"broken_at": None, "broken_by": None, "durable": True})
        # The same through what-if paths of the file format.
        need_whatif(self)
        e = simulate_json("--set", "parties.seller.strategy=boulware", "--set", "simulation.horizon=2")
        self.assertEqual(offers(e), offers(d))
        self.assertEqual(e["durability"], d["durability"])
        self.assertEqual(len(e["generator"]["changes"]), 2)

    def test_hardliner_fails(self):
        d = simulate_json("--strategy", "seller=hardliner")
        self.assertEqual(offers(d), [1, 4, 0, 4])
        o = d["outcome"]
        self.assertEqual((o["agreed"], o["round"], o["package"]), (False, None, None))
        self.assertEqual(o["utilities"], {"buyer": 0.2, "seller": 0.2})
        self.assertAlmostEqual(o["nash_distance"], (0.55 ** 2 + 0.3 ** 2) ** 0.5, delta=TOL)
        self.assertIsNone(d["durability"])

    def test_exponent(self):
        d = simulate_json("--strategy", "buyer=2", "--strategy", "seller=2")
        self.assertEqual(d["strategies"], {"buyer": {"e": 2.0}, "seller": {"e": 2.0}})
        self.assertEqual(offers(d), [1, 2, 2])

    def test_order_and_rounds(self):
        d = simulate_json("--order", "seller,buyer", "--rounds", "1")
        self.assertEqual(d["order"], ["seller", "buyer"])
        self.assertEqual(d["rounds"], 1)
        self.assertEqual(offers(d), [4])
        self.assertFalse(d["outcome"]["agreed"])

    def test_mediator(self):
        d = simulate_json("--protocol", "mediator")
        self.assertIsNone(d["order"])
        self.assertEqual(d["mediator_reach"], 1)
        self.assertEqual(d["transcript"], [])
        self.assertEqual((d["outcome"]["agreed"], d["outcome"]["round"]), (True, 0))
        self.assertEqual(d["outcome"]["package"]["index"], 3)
        need_whatif(self)
        d = simulate_json("--protocol", "mediator", "--set", "simulation.mediator_reach=2")
        self.assertEqual(d["mediator_reach"], 2)
        self.assertEqual(offers(d), [0])
        move = d["transcript"][0]
        self.assertEqual(move["proposer"], "mediator")
        self.assertNotIn("aspirations", move)
        self.assertNotIn("fallback", move)
        self.assertEqual((move["accepted_by"], move["rejected_by"]), (["buyer", "seller"], []))

    def test_runs_and_threads(self):
        args = ["--noise", "0.3", "--runs", "25", "--seed", "7", "--horizon", "5"]
        one = simulate_json(*(args + ["--threads", "1"]))
        four = simulate_json(*(args + ["--threads", "4"]))
        self.assertEqual(one, four)
        r = one["runs"]
        self.assertEqual((r["count"], r["seed"]), (25, 7))
        self.assertEqual(r["agreement_rate"], r["agreed"] / 25)
        self.assertLessEqual(len(r["outcomes"]), 10)
        self.assertEqual(sum(o["count"] for o in r["outcomes"]), 25)
        counts = [o["count"] for o in r["outcomes"]]
        self.assertEqual(counts, sorted(counts, reverse=True))
        for o in r["outcomes"]:
            self.assertAlmostEqual(o["frequency"], o["count"] / 25, delta=TOL)
            self.assertEqual(o["index"] is None, o["options"] is None)
        self.assertEqual(set(r["mean_utilities"]), {"buyer", "seller"})
        self.assertEqual(set(r["broken_by"]), {"buyer", "seller"})
        self.assertEqual(sum(v["count"] for v in r["broken_by"].values()), r["broken"])
        if r["agreed"]:
            self.assertLessEqual(r["rounds_to_agreement"]["median"], r["rounds_to_agreement"]["p90"])
        # Run 0 is the one shown, whatever N.
        alone = simulate_json("--noise", "0.3", "--seed", "7", "--horizon", "5")
        self.assertEqual(alone["transcript"], one["transcript"])
        self.assertEqual(alone["outcome"], one["outcome"])

    def test_noise_zero_runs_agree(self):
        d = simulate_json("--runs", "10")
        r = d["runs"]
        self.assertEqual((r["agreed"], r["broken"]), (10, 10))
        self.assertEqual([(o["index"], o["count"]) for o in r["outcomes"]], [(0, 10)])
        self.assertEqual(r["broken_by"]["seller"]["count"], 10)
        self.assertEqual(r["rounds_to_agreement"], {"median": 2.0, "p90": 2.0})


class Text(unittest.TestCase):
    def test_text(self):
        rc, out, err = run(["simulate", "two-parties.yaml"])
        self.assertEqual(rc, 0, err)
        for line in out.splitlines():
            self.assertLessEqual(len(line), 80, line)
        self.assertIn("Round 0: buyer offers package 1", out)
        self.assertIn("seller: utility 0.500, aspiration 0.467, accepts", out)
        self.assertIn("Outcome: agreed at round 2 on package 0", out)
        self.assertIn("Distance to the Nash package (package 0) in utility space: 0.000", out)
        self.assertIn("breaks at period 3 of 40: seller walks away", out)

    def test_runs_text(self):
        rc, out, err = run(["simulate", "two-parties.yaml", "--runs", "6", "--noise", "0.2"])
        self.assertEqual(rc, 0, err)
        self.assertIn("Over 6 runs (seed 0, noise 0.200):", out)
        self.assertIn("most frequent outcomes:", out)
        for line in out.splitlines():
            self.assertLessEqual(len(line), 80, line)


class Transcript(unittest.TestCase):
    def test_csv(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "t.csv")
            rc, out, err = run(["simulate", "two-parties.yaml", "--transcript", path])
            self.assertEqual(rc, 0, err)
            with open(path, newline="") as f:
                rows = list(csv.DictReader(f))
        self.assertEqual(len(rows), 3)
        self.assertEqual(list(rows[0]), ["round", "proposer", "offer", "fallback", "money", "time",
                                         "u_buyer", "u_seller", "a_buyer", "a_seller",
                                         "accepted_by", "rejected_by"])
        self.assertEqual([r["offer"] for r in rows], ["1", "2", "0"])
        self.assertEqual(rows[2]["money"], "low")
        self.assertEqual(rows[2]["accepted_by"], "seller")
        self.assertEqual(rows[0]["rejected_by"], "seller")
        self.assertAlmostEqual(float(rows[1]["u_buyer"]), 0.375, delta=TOL)


class Durability(unittest.TestCase):
    def test_solve_rank_durability(self):
        rc, out, err = run(["solve", "two-parties.yaml", "--rank", "durability", "--format", "json"])
        self.assertEqual(rc, 0, err)
        d = json.loads(out)
        self.assertEqual(d["rank_by"], "durability")
        self.assertEqual([t["index"] for t in d["top"]], [3, 0, 2, 5])
        for t, want in zip(d["top"], [4.25, 2.0, 1.75, 0.5]):
            self.assertAlmostEqual(t["durability"], want, delta=TOL)
        rc, out, err = run(["solve", "two-parties.yaml", "--rank", "durability", "--only-top",
                            "--top", "2", "--format", "json"])
        self.assertEqual([t["index"] for t in json.loads(out)["top"]], [3, 0])
        rc, out, err = run(["solve", "two-parties.yaml", "--rank", "durability"])
        self.assertEqual(rc, 0, err)
        self.assertIn("1. Package 3, durability 4.250", out)
        # Without the buyer's drift, 2, 3 and 5 never break: first, by Nash.
        need_whatif(self)
        rc, out, err = run(["solve", "two-parties.yaml", "--rank", "durability", "--format", "json",
                            "--set", "parties.buyer.drift.base=0"])
        self.assertEqual(rc, 0, err)
        top = json.loads(out)["top"]
        self.assertEqual([(t["index"], t["durability"]) for t in top[:3]],
                         [(2, None), (3, None), (5, None)])
        self.assertEqual(top[3]["index"], 0)
        self.assertAlmostEqual(top[3]["durability"], 2.0, delta=TOL)


# A scenario whose simulation never ends: 64^256 packages and one party
# that weighs one issue, so that the search for a package dominating the
# deal meets ties beyond counting (tests/data/valid/limits).
ENDLESS = os.path.join("..", "valid", "limits", "largest-space.yaml")

_big = {}


def big_scenario():
    """tools/gen-scenario's 18-issue, 6-party scenario of 10^12 packages:
    each round of its talks is a search that takes a noticeable time."""
    if "path" not in _big:
        tmp = tempfile.mkdtemp(prefix="redline-sim-")
        atexit.register(shutil.rmtree, tmp, True)
        text = subprocess.run([sys.executable, os.path.join(SOURCE, "tools", "gen-scenario"),
                               "--issues", "18", "--option-counts", "4,5,5", "--parties", "6",
                               "--red-lines", "3", "--target", "0.002", "--seed", "1801"],
                              check=True, capture_output=True, text=True).stdout
        _big["path"] = os.path.join(tmp, "big.yaml")
        with open(_big["path"], "w") as f:
            f.write(text)
    return _big["path"]


# On one thread and with a deadline far away (its talks agree about two
# thirds of the way to it), no machine finishes that simulation within the
# timeouts below.
SLOW = ["--threads", "1", "--rounds", "100000"]


def timed(args):
    start = time.monotonic()
    rc, out, err = run(args)
    return rc, out, err, time.monotonic() - start


class Timeout(unittest.TestCase):
    """--timeout (cli.md): a complete document marked incomplete, exit 3,
    -o written whole; the transcript up to the last complete round."""

    # Slack over the timeout for loading and writing, on a loaded machine.
    SLACK = 3.0

    def assert_stopped(self, doc):
        self.assertIs(doc["complete"], False)
        o = doc["outcome"]
        if o.get("finished") is False:
            self.assertEqual((o["agreed"], o["round"], o["package"]), (False, None, None))
            self.assertIsNone(o["nash_distance"])
            self.assertIsNone(doc["durability"])
        # Whole rounds only, from round 0 on.
        for k, r in enumerate(doc["transcript"]):
            self.assertEqual(r["round"], k)
            for key in ("proposer", "offer", "accepted_by", "rejected_by", "utilities"):
                self.assertIn(key, r)

    def test_json(self):
        rc, out, err, elapsed = timed(["simulate", ENDLESS, "--format", "json", "--timeout", "1"])
        self.assertEqual(rc, 3, err)
        self.assertIn("--timeout", err)
        self.assertLess(elapsed, 1 + self.SLACK)
        doc = json.loads(out)
        self.assertEqual(doc["format"], "redline.simulate/1")
        self.assert_stopped(doc)

    def test_big_scenario(self):
        # Stopped in the middle of the talks: the rounds played so far.
        rc, out, err, elapsed = timed(["simulate", big_scenario(), "--format", "json",
                                       "--timeout", "1"] + SLOW)
        self.assertEqual(rc, 3, err)
        self.assertLess(elapsed, 1 + self.SLACK)
        doc = json.loads(out)
        self.assert_stopped(doc)
        self.assertIs(doc["outcome"]["finished"], False)

    def test_text(self):
        rc, out, err, elapsed = timed(["simulate", ENDLESS, "--timeout", "1"])
        self.assertEqual(rc, 3, err)
        self.assertLess(elapsed, 1 + self.SLACK)
        self.assertRegex(out, r"(?m)^Stopped by --timeout: ")
        self.assertIn("did not finish", out)
        for line in out.splitlines():
            self.assertLessEqual(len(line), 80, line)

    def test_mediator(self):
        with tempfile.TemporaryDirectory() as tmp:
            with open(os.path.join(DATA, ENDLESS)) as f:
                text = f.read()
            issues = ", ".join("i%d: o0" % k for k in range(1, 257))
            path = os.path.join(tmp, "m.yaml")
            with open(path, "w") as f:
                f.write(text + "status_quo: {%s}\n" % issues
                        + "simulation: {protocol: mediator, mediator_reach: 2}\n")
            rc, out, err, elapsed = timed(["simulate", path, "--format", "json", "--timeout", "1"])
            self.assertEqual(rc, 3, err)
            self.assertLess(elapsed, 1 + self.SLACK)
            self.assert_stopped(json.loads(out))

    def test_runs(self):
        # Runs not finished are left out; the summary says how many finished.
        rc, out, err, elapsed = timed(["simulate", big_scenario(), "--format", "json",
                                       "--timeout", "1", "--noise", "0.1", "--runs", "200"]
                                      + SLOW)
        self.assertEqual(rc, 3, err)
        self.assertLess(elapsed, 1 + self.SLACK)
        doc = json.loads(out)
        self.assert_stopped(doc)
        r = doc["runs"]
        self.assertEqual(r["count"], 200)
        self.assertLess(r["finished"], 200)
        if len(r["outcomes"]) < 10:
            self.assertEqual(sum(o["count"] for o in r["outcomes"]), r["finished"])
        self.assertLessEqual(r["agreed"], r["finished"])
        if r["finished"]:
            self.assertAlmostEqual(r["agreement_rate"], r["agreed"] / r["finished"], delta=TOL)
        else:
            self.assertIsNone(r["agreement_rate"])
        rc, out, err = run(["simulate", big_scenario(), "--timeout", "1", "--noise", "0.1",
                            "--runs", "200"] + SLOW)
        self.assertEqual(rc, 3, err)
        self.assertRegex(out, r"Over (the \d+ of 200 runs that finished|200 runs .*none finished)")

    def test_output_files_whole(self):
        with tempfile.TemporaryDirectory() as tmp:
            target = os.path.join(tmp, "out.json")
            rounds = os.path.join(tmp, "rounds.csv")
            with open(target, "w") as f:
                f.write("old\n")
            rc, out, err = run(["simulate", big_scenario(), "--format", "json", "--timeout", "1",
                                "-o", target, "--transcript", rounds] + SLOW)
            self.assertEqual(rc, 3, err)
            self.assertEqual(out, "")
            with open(target) as f:
                doc = json.load(f)
            self.assert_stopped(doc)
            with open(rounds, newline="") as f:
                rows = list(csv.DictReader(f))
            self.assertEqual([int(r["round"]) for r in rows], list(range(len(doc["transcript"]))))
            self.assertEqual(sorted(os.listdir(tmp)), ["out.json", "rounds.csv"])

    def test_generous(self):
        # A timeout that does not expire changes nothing, and costs no time.
        for extra in ([], ["--noise", "0.3", "--runs", "25", "--seed", "7"],
                      ["--protocol", "mediator"]):
            rc, out, err, elapsed = timed(["simulate", "two-parties.yaml", "--format", "json",
                                           "--timeout", "600"] + extra)
            self.assertEqual(rc, 0, err)
            self.assertLess(elapsed, 10)
            doc = json.loads(out)
            self.assertNotIn("complete", doc)
            self.assertNotIn("finished", doc["outcome"])
            self.assertEqual(doc, simulate_json(*extra))
        rc, out, err = run(["simulate", "two-parties.yaml", "--timeout", "600"])
        self.assertEqual(rc, 0, err)
        self.assertNotIn("--timeout", out)

    def test_usage(self):
        for bad in ("0", "-1", "nan", "x"):
            rc, out, err = run(["simulate", "two-parties.yaml", "--timeout", bad])
            self.assertEqual(rc, 2, (bad, err))
            self.assertIn("--timeout", err)


class Errors(unittest.TestCase):
    def usage(self, args, fragment):
        rc, out, err = run(args)
        self.assertEqual(rc, 2, (args, err))
        self.assertIn(fragment, err)
        self.assertIn("Try 'redline simulate --help'.", err)
        self.assertEqual(out, "")

    def test_usage(self):
        f = "two-parties.yaml"
        self.usage(["simulate", f, "--protocol", "bargain"], "unknown protocol")
        self.usage(["simulate", f, "--rounds", "0"], "--rounds")
        self.usage(["simulate", f, "--horizon", "-1"], "--horizon")
        self.usage(["simulate", f, "--noise", "-0.1"], "--noise")
        self.usage(["simulate", f, "--noise", ".5"], "--noise")
        self.usage(["simulate", f, "--runs", "0"], "--runs")
        self.usage(["simulate", f, "--seed", "x"], "--seed")
        self.usage(["simulate", f, "--strategy", "byer=linear"], "did you mean 'buyer'?")
        self.usage(["simulate", f, "--strategy", "buyer=bulware"], "did you mean 'boulware'?")
        self.usage(["simulate", f, "--strategy", "buyer=0"], "unknown strategy")
        self.usage(["simulate", f, "--strategy", "buyer"], "PARTY=STRATEGY")
        self.usage(["simulate", f, "--order", "buyer,buyer"], "twice")
        self.usage(["simulate", f, "--format", "csv"], "text or json")
        self.usage(["simulate"], "no FILE")

    def test_mediator_needs_status_quo(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "x.yaml")
            with open(os.path.join(DATA, "two-parties.yaml")) as f:
                text = f.read().replace("status_quo: {money: mid, time: long}\n", "")
            with open(path, "w") as f:
                f.write(text)
            rc, out, err = run(["simulate", path, "--protocol", "mediator"])
            self.assertEqual(rc, 2, err)
            self.assertIn("status_quo", err)
            with open(path, "w") as f:
                f.write(text + "  protocol: mediator\n")
            rc, out, err = run(["simulate", path])
            self.assertEqual(rc, 1, err)
            self.assertIn("x.yaml:", err)

    def test_files(self):
        rc, out, err = run(["simulate", "missing.yaml"])
        self.assertEqual(rc, 3)
        with tempfile.TemporaryDirectory() as tmp:
            out_path = os.path.join(tmp, "out.json")
            rc, _, err = run(["simulate", "two-parties.yaml", "--format", "json", "-o", out_path])
            self.assertEqual(rc, 0, err)
            with open(out_path) as f:
                self.assertEqual(json.load(f), simulate_json())
            rc, _, err = run(["simulate", "two-parties.yaml", "--transcript",
                              os.path.join(tmp, "no", "such", "dir.csv")])
            self.assertEqual(rc, 3)

    def test_help(self):
        rc, out, err = run(["simulate", "--help"])
        self.assertEqual(rc, 0)
        for option in ("--protocol", "--rounds", "--order", "--horizon", "--noise", "--strategy",
                       "--runs", "--seed", "--transcript", "--format", "--threads", "--quiet",
                       "--timeout", "--set", "--without"):
            self.assertIn(option, out)
        rc, out, err = run(["--help"])
        self.assertRegex(out, r"(?m)^  simulate ")


def main():
    global BINARY, DATA, SOURCE
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    BINARY = os.path.abspath(sys.argv[1])
    SOURCE = os.path.abspath(sys.argv[2])
    DATA = os.path.join(SOURCE, "tests", "data", "simulate")
    unittest.main(argv=[sys.argv[0]] + sys.argv[3:], verbosity=2)


if __name__ == "__main__":
    sys.exit(main())
