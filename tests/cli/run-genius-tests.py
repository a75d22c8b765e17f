#!/usr/bin/env python3
# redline - negotiation-position modelling
# Copyright (C) 2026 the redline authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""`redline import genius` and `redline export genius`.

    run-genius-tests.py BUILD/src/cli/redline SOURCE_ROOT [unittest arguments]

Import: every case of ../shared/genius/ (the ANAC 2010 domains, the party
domain with 3 and 9 profiles, ItexvsCypress with reservation values 0.0 to
0.9 and the UNCERTAIN profiles, NegMAS's reformatted copies) is imported,
solved by redline, and checked against what this script computes itself
from the XML with xml.etree: the outcome count, the acceptable count, the
Pareto-optimal count (scenario.md's dominance with its 1e-9 tolerance) and
the Nash point (its package index and product). Labels keep the original
text. Each tiny bad file of tests/data/genius-invalid/ is refused with the
message of cases.txt.

Export: every shipped scenario and the small valid test scenarios are
exported, the files checked as XML of Genius's shape, and imported back:
each package's utility equals the original's (bonuses aside: a scenario
with bonuses is checked for the warning instead) divided by the sum of the
exported weights (1 unless a party's best value on an issue is below 1),
within 1e-12; each BATNA is the original's.

Skipped (77) when ../shared/genius is missing for the import half.
"""
import glob
import itertools
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
import warnings

warnings.simplefilter("ignore", ResourceWarning)
import xml.etree.ElementTree as ET

BINARY = None
SOURCE = None
GENIUS = None
EPS = 1e-9


def run(args, cwd=None):
    env = dict(os.environ, LC_ALL="C.UTF-8")
    p = subprocess.run([BINARY] + args, capture_output=True, cwd=cwd, env=env)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


# ---- An independent reading of Genius files -------------------------------

def read_domain(path):
    """[(issue name, [value texts])] in document order."""
    root = ET.parse(path).getroot()
    issues = []
    for issue in root.iter("issue"):
        issues.append((issue.get("name"), [item.get("value") for item in issue.findall("item")]))
    return issues


def read_profile(path, issues):
    """(reservation, {issue: normalised weight}, {issue: {value: eval / max eval}})."""
    root = ET.parse(path).getroot()
    res = root.find("reservation")
    reservation = float(res.get("value")) if res is not None else 0.0
    obj = root.find("objective")
    index_to_name = {i.get("index"): i.get("name") for i in obj.findall("issue")}
    raw = {index_to_name[w.get("index")]: float(w.get("value")) for w in obj.findall("weight")}
    total = sum(raw.values())
    weights = {name: w / total for name, w in raw.items()}
    values = {}
    for issue in obj.findall("issue"):
        evals = {item.get("value"): float(item.get("evaluation")) for item in issue.findall("item")}
        top = max(evals.values())
        values[issue.get("name")] = {v: e / top for v, e in evals.items()}
    return reservation, weights, values


def expected(domain, profiles):
    """Counts and the Nash point by enumeration, straight from the definitions."""
    issues = read_domain(domain)
    parties = [read_profile(p, issues) for p in profiles]
    names = [name for name, _ in issues]
    packages = []
    # itertools.product varies the last issue fastest: index order.
    for combo in itertools.product(*[values for _, values in issues]):
        us = tuple(sum(w[n] * vals[n][v] for n, v in zip(names, combo)) for _, w, vals in parties)
        packages.append((combo, us))
    batnas = [r for r, _, _ in parties]
    acceptable = [(k, c, us) for k, (c, us) in enumerate(packages)
                  if all(u >= b - EPS for u, b in zip(us, batnas))]

    def dominates(y, x):
        return all(a >= b - EPS for a, b in zip(y, x)) and any(a > b + EPS for a, b in zip(y, x))

    # A dominator has a utility sum at least the dominated one's minus the
    # tolerances: scanning by decreasing sum finds one early, or proves none.
    by_sum = sorted(acceptable, key=lambda t: -sum(t[2]))
    slack = len(batnas) * EPS
    pareto = 0
    for _, _, x in by_sum:
        sx = sum(x)
        found = False
        for _, _, y in by_sum:
            if sum(y) < sx - slack:
                break
            if dominates(y, x):
                found = True
                break
        pareto += not found
    nash = [(math.prod(max(u - b, 0) for u, b in zip(us, batnas)), k, c) for k, c, us in acceptable]
    best = max(n for n, _, _ in nash) if nash else None
    top = min((k, c, n) for n, k, c in nash if n >= best - 1e-9 * best) if nash else None
    return {"space": len(packages), "acceptable": len(acceptable), "pareto": pareto,
            "nash": top, "issues": issues}


CASES = [
    ("ItexvsCypress", "ItexvsCypress/ItexvsCypress_domain.xml",
     ["ItexvsCypress/ItexvsCypress_Itex.xml", "ItexvsCypress/ItexvsCypress_Cypress.xml"]),
    ("EnglandZimbabwe", "EnglandZimbabwe/EnglandZimbabwe_domain.xml",
     ["EnglandZimbabwe/England.xml", "EnglandZimbabwe/Zimbabwe.xml"]),
    ("Travel", "Travel/travel_domain.xml", ["Travel/travel_chox.xml", "Travel/travel_fanny.xml"]),
    ("party3", "partydomain/party_domain.xml", ["partydomain/party%d_utility.xml" % k for k in (1, 2, 3)]),
    ("party9", "partydomain/party_domain.xml", ["partydomain/party%d_utility.xml" % k for k in range(1, 10)]),
    ("uncertain", "ItexvsCypressReserve/ItexvsCypress_domain.xml",
     ["ItexvsCypressReserve/ItexvsCypress_ItexB100.xml", "ItexvsCypressReserve/ItexvsCypress_CypressA10.xml"]),
] + [("reserve%d" % k, "ItexvsCypressReserve/ItexvsCypress_domain.xml",
      ["ItexvsCypressReserve/ItexvsCypress_ItexBReserve0%d.xml" % k,
       "ItexvsCypressReserve/ItexvsCypress_CypressAReserve0%d.xml" % k]) for k in range(10)] + [
    ("negmas-EnglandZimbabwe", "EnglandZimbabwe/negmas_tests/EnglandZimbabwe_domain.xml",
     ["EnglandZimbabwe/negmas_tests/England.xml", "EnglandZimbabwe/negmas_tests/Zimbabwe.xml"]),
    ("negmas-ItexvsCypress", "ItexvsCypress/negmas_tests/ItexvsCypress_domain.xml",
     ["ItexvsCypress/negmas_tests/ItexvsCypress_Itex.xml", "ItexvsCypress/negmas_tests/ItexvsCypress_Cypress.xml"]),
    ("negmas-reserve5", "ItexvsCypressReserve/negmas_tests/ItexvsCypress_domain.xml",
     ["ItexvsCypressReserve/negmas_tests/ItexvsCypress_ItexBReserve05.xml",
      "ItexvsCypressReserve/negmas_tests/ItexvsCypress_CypressAReserve05.xml"]),
]


class Import(unittest.TestCase):
    def setUp(self):
        if GENIUS is None:
            self.skipTest("../shared/genius is missing")
        self.work = tempfile.mkdtemp(prefix="redline-genius-")

    def tearDown(self):
        shutil.rmtree(self.work)

    def check_case(self, name, domain, profiles):
        domain = os.path.join(GENIUS, domain)
        profiles = [os.path.join(GENIUS, p) for p in profiles]
        out = os.path.join(self.work, name + ".yaml")
        rc, _, err = run(["import", "genius", domain] + profiles + ["-o", out])
        self.assertEqual(rc, 0, err)
        rc, doc, err = run(["solve", out, "--format", "json", "--top", "1", "--quiet"])
        self.assertEqual(rc, 0, err)
        doc = json.loads(doc)
        want = expected(domain, profiles)
        counts = doc["counts"]
        self.assertEqual((counts["space"], counts["acceptable"], counts["pareto"]),
                         (want["space"], want["acceptable"], want["pareto"]), name)
        if want["nash"] is None:
            self.assertEqual(doc["top"], [])
        else:
            index, combo, product = want["nash"]
            top = doc["top"][0]
            self.assertEqual(top["index"], index, name)
            self.assertAlmostEqual(top["scores"]["nash"], product, delta=1e-12)
        return out, want

    def test_shared_cases(self):
        for name, domain, profiles in CASES:
            with self.subTest(name):
                self.check_case(name, domain, profiles)

    def test_labels_keep_the_text(self):
        out, want = self.check_case(*CASES[4])   # party9: "Custom, Handmade", "Soda’s"
        text = open(out, encoding="utf-8").read()
        rc, doc, err = run(["check", out, "--format", "json"])
        self.assertEqual(rc, 0, err)
        # Every value text appears as a label, quoted as YAML/JSON quote it.
        for name, values in want["issues"]:
            self.assertIn("label: %s" % json.dumps(name, ensure_ascii=False), text)
            for v in values:
                self.assertIn("label: %s" % json.dumps(v, ensure_ascii=False), text)
        self.assertIn("’", text)   # a description with U+2019, kept as it is
        # party4's and party5's weights do not sum to 1: said in a comment.
        self.assertIn("# The weights sum to 0.9999991, not 1", text)

    def test_discount_and_missing_reservation_are_noted(self):
        out, _ = self.check_case(*CASES[5])
        text = open(out, encoding="utf-8").read()
        self.assertIn("discount factor is 1.0 (no discounting)", text)
        self.assertIn("batna: 0.603307", text)
        out, _ = self.check_case(*CASES[3])
        self.assertIn("no reservation value in the profile: Genius uses 0", open(out).read())

    def test_party_ids(self):
        out, _ = self.check_case(*CASES[0])
        text = open(out).read()
        self.assertIn("\n  Itex:\n", text)
        self.assertIn("\n  Cypress:\n", text)


class Invalid(unittest.TestCase):
    """tests/data/genius-invalid/cases.txt: NAME | DOMAIN | PROFILES | STATUS | MESSAGE."""

    def test_invalid_files(self):
        folder = os.path.join(SOURCE, "tests", "data", "genius-invalid")
        lines = [l for l in open(os.path.join(folder, "cases.txt"), encoding="utf-8")
                 if l.strip() and not l.startswith("#")]
        self.assertGreater(len(lines), 10)
        for line in lines:
            name, domain, profiles, status, message = [f.strip() for f in line.split("|", 4)]
            with self.subTest(name):
                rc, out, err = run(["import", "genius", domain] + profiles.split(), cwd=folder)
                self.assertEqual((rc, out), (int(status), ""), err)
                self.assertEqual(err, message + "\n")


def small_scenarios():
    files = sorted(glob.glob(os.path.join(SOURCE, "scenarios", "*.yaml")))
    for sub in ("valid", "valid/load", "whatif", "explain", "simulate", "report"):
        files += sorted(glob.glob(os.path.join(SOURCE, "tests", "data", sub, "*.yaml")))
    return files


class Export(unittest.TestCase):
    def setUp(self):
        self.work = tempfile.mkdtemp(prefix="redline-export-")

    def tearDown(self):
        shutil.rmtree(self.work)

    def utilities(self, path, ignore_batna=True):
        rc, out, err = run(["solve", path, "--all", "--ignore-batna", "--format", "json", "--quiet"])
        self.assertEqual(rc, 0, err)
        return {d["index"]: d["utilities"] for d in map(json.loads, out.splitlines())}

    def round_trip(self, path):
        rc, out, err = run(["check", path, "--format", "json"])
        info = json.loads(out)["files"][0]
        if not info["space_exact"] or info["space"] > 50000:
            return None
        out_dir = os.path.join(self.work, os.path.basename(path))
        rc, out, warnings = run(["export", "genius", path, "-o", out_dir])
        self.assertEqual((rc, out), (0, ""), warnings)
        stem = os.path.splitext(os.path.basename(path))[0]
        domain = os.path.join(out_dir, stem + "_domain.xml")
        files = sorted(glob.glob(os.path.join(out_dir, "*.xml")))
        self.assertIn(domain, files)
        profiles = [f for f in files if f != domain]
        self.assertEqual(len(profiles), info["parties"])
        for f in files:   # Genius's shape, and every file says what is lost
            root = ET.parse(f).getroot()
            self.assertEqual(root.tag, "negotiation_template" if f == domain else "utility_space")
            if warnings:
                self.assertIn("Not expressible in Genius", open(f, encoding="utf-8").read())
        # Each profile is named STEM_PARTY.xml; the import names the party
        # back by what follows the shared prefix.
        parties = [os.path.basename(f)[len(stem) + 1:-4] for f in profiles]
        back = os.path.join(self.work, stem + "-back.yaml")
        rc, _, err = run(["import", "genius", domain] + profiles + ["-o", back])
        self.assertEqual(rc, 0, err)
        # Utilities: imported = original / (sum of the exported weights).
        scale = {p: sum(float(w.get("value")) for w in ET.parse(f).getroot().iter("weight"))
                 for p, f in zip(parties, profiles)}
        original, imported = self.utilities(path), self.utilities(back)
        self.assertEqual(len(imported), info["space"])
        if "bonus" not in warnings:
            for index, us in original.items():
                for p, u in us.items():
                    self.assertAlmostEqual(imported[index][p] * scale[p], u, delta=1e-12,
                                           msg="%s package %d party %s" % (path, index, p))
        # BATNAs: the reservation values, read back as the imported BATNAs.
        text = open(back, encoding="utf-8").read()
        for p, f in zip(parties, profiles):
            res = float(ET.parse(f).getroot().find("reservation").get("value"))
            self.assertIn("\n  %s:\n" % p, text)
            block = text.split("\n  %s:\n" % p, 1)[1]
            self.assertEqual(float(block.split("batna: ", 1)[1].split()[0]), res)
            original = self.batna(path, p)
            if original is not None:
                self.assertAlmostEqual(res, original, delta=1e-12)
        return warnings

    def batna(self, path, party):
        """The original BATNA, from the file (a number, status_quo or
        {status_quo: ADJUST}, the status quo's utility from `evaluate`);
        None for a variant file, whose BATNAs its chain decides."""
        import yaml
        data = yaml.safe_load(open(path, encoding="utf-8"))
        if "extends" in data:
            return None
        b = data["parties"][party].get("batna", 0)
        if b != "status_quo" and not isinstance(b, dict):
            return float(b)
        adjust = float(b["status_quo"]) if isinstance(b, dict) else 0.0
        word = {True: "yes", False: "no"}
        deal = ",".join("%s=%s" % (i, word.get(o, o)) for i, o in data["status_quo"].items())
        rc, out, err = run(["evaluate", path, "--deal", deal, "--format", "json"])
        self.assertEqual(rc, 0, err)
        return json.loads(out)["package"]["utilities"][party] + adjust

    def test_round_trip(self):
        done = 0
        for path in small_scenarios():
            with self.subTest(os.path.relpath(path, SOURCE)):
                if self.round_trip(path) is not None:
                    done += 1
        self.assertGreater(done, 15)

    def test_what_is_lost_is_said(self):
        path = os.path.join(SOURCE, "tests", "data", "valid", "border-aid.yaml")
        warnings = self.round_trip(path)
        self.assertIn("not expressible in Genius", warnings)
        self.assertIn("constraints (", warnings)
        self.assertIn("red lines (", warnings)
        for line in warnings.splitlines():
            self.assertLessEqual(len(line), 80, line)

    def test_no_partial_output(self):
        path = os.path.join(SOURCE, "tests", "data", "valid", "border-aid.yaml")
        target = os.path.join(self.work, "file")
        open(target, "w").close()
        rc, out, err = run(["export", "genius", path, "-o", target])
        self.assertEqual(rc, 3, err)
        self.assertIn("cannot make the directory", err)


if __name__ == "__main__":
    BINARY = os.path.abspath(sys.argv[1])
    SOURCE = os.path.abspath(sys.argv[2])
    g = os.path.join(SOURCE, "..", "shared", "genius")
    GENIUS = g if os.path.isdir(g) else None
    unittest.main(argv=[sys.argv[0]] + sys.argv[3:], verbosity=1)
