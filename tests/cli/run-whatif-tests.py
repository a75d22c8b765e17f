#!/usr/bin/env python3
# redline - negotiation-position modelling
# Copyright (C) 2026 the redline authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Tests of what-if changes and `redline compare` on the command line.

    run-whatif-tests.py BUILD/src/cli/redline SOURCE_ROOT [unittest arguments]

* The flag-equals-file property (scenario.md section 7, cli.md): for every
  shipped variant under scenarios/, `redline solve VARIANT --format json`
  and `redline solve BASE <the same changes as flags> --format json` are
  byte-identical but for the `scenario` member; likewise evaluate. The
  flags are written out by hand in VARIANT_FLAGS, and every file with
  `extends` must have its entry.
* Exit statuses: a flag that names something missing is 2, with a hint; a
  variant file that does is 1; a missing base is 1.
* compare: JSON (its `a` and `b` are the solve documents), CSV and text on
  the small hand-computed case of tests/data/whatif/base.yaml (worked out
  in tests/unit/test-whatif.c, test_compare), and on the shipped variants
  (80 columns). The text of the small case is a golden file under
  tests/cli/golden/ (REDLINE_UPDATE_GOLDEN=1 regenerates it).

Standard library only.
"""
import csv
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import unittest

BINARY = None
SOURCE = None
UPDATE = bool(os.environ.get("REDLINE_UPDATE_GOLDEN"))

# Each shipped variant: its base file (the end of the chain) and the flags
# that apply the same changes, in the same order, to that base.
BASE = "ukraine-washington-2025.yaml"
LAND_FOR_SECURITY = ["--relax", "ukraine/no-withdrawal", "--require", "donbas >= russian_de_facto"]
RUSSIA_REBUILDS = ["--set", "parties.russia.drift.base=0.03"]
VARIANT_FLAGS = {
    "ukraine-land-for-security.yaml": LAND_FOR_SECURITY,
    "ukraine-alaska-track.yaml": ["--set", "parties.ukraine.veto=false",
                                  "--set", "parties.europe.veto=false",
                                  "--fix", "ukraine_at_table=no"],
    "ukraine-russia-rebuilds.yaml": RUSSIA_REBUILDS,
    "ukraine-no-us-backstop.yaml": ["--exclude", "security=article5_like,nato_membership",
                                    "--relax", "ukraine/cast-iron-guarantees",
                                    "--relax", "europe/cast-iron-guarantees",
                                    "--require", "security >= armed_deterrence and coalition >= air_maritime"],
    "ukraine-maximalist-russia.yaml": ["--relax", "russia/keeps-donbas",
                                       "--require", "donbas >= russian_de_facto"],
    "ukraine-land-for-security-russia-rebuilds.yaml": LAND_FOR_SECURITY + RUSSIA_REBUILDS,
}


def env():
    e = dict(os.environ)
    e["LC_ALL"] = "C.UTF-8"
    return e


def run(args, cwd):
    p = subprocess.run([BINARY] + args, cwd=cwd, env=env(), stdin=subprocess.DEVNULL,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def scenarios():
    return os.path.join(SOURCE, "scenarios")


def whatif_data():
    return os.path.join(SOURCE, "tests", "data", "whatif")


def without_scenario(text):
    """A pretty-printed JSON document with its top-level "scenario" member cut
    out, everything else byte for byte."""
    out, skipping = [], False
    for line in text.splitlines(keepends=True):
        if line.startswith('  "scenario": {'):
            skipping = True
            continue
        if skipping:
            if line.startswith("  }"):
                skipping = False
            continue
        out.append(line)
    return "".join(out)


def assert_width(testcase, text, what):
    for n, line in enumerate(text.split("\n"), 1):
        testcase.assertLessEqual(len(line), 80, "%s line %d is wider than 80 columns: %r" % (what, n, line))


def golden(testcase, name, text):
    path = os.path.join(SOURCE, "tests", "cli", "golden", name)
    if UPDATE or not os.path.exists(path):
        if not UPDATE:
            testcase.fail("missing golden file %s (run with REDLINE_UPDATE_GOLDEN=1)" % name)
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        return
    with open(path, encoding="utf-8", newline="") as f:
        testcase.assertEqual(f.read(), text, "output differs from golden file " + name)


class FlagsEqualFiles(unittest.TestCase):
    def test_every_variant_has_its_flags(self):
        shipped = []
        for name in sorted(os.listdir(scenarios())):
            if name.endswith(".yaml"):
                with open(os.path.join(scenarios(), name), encoding="utf-8") as f:
                    if re.search(r"^extends:", f.read(), re.M):
                        shipped.append(name)
        self.assertEqual(shipped, sorted(VARIANT_FLAGS))

    def test_solve(self):
        for variant, flags in sorted(VARIANT_FLAGS.items()):
            for extra in ([], ["--frontier", "--rank", "kalai", "--top", "3"]):
                rc, a, err = run(["solve", variant, "--format", "json"] + extra, scenarios())
                self.assertEqual(rc, 0, err)
                rc, b, err = run(["solve", BASE, "--format", "json"] + extra + flags, scenarios())
                self.assertEqual(rc, 0, err)
                self.assertIn('"scenario": {', a)
                self.assertEqual(without_scenario(a), without_scenario(b), (variant, extra))
                self.assertNotEqual(json.loads(a)["generator"]["changes"], [])

    def test_evaluate(self):
        deal = ("ukraine_at_table=yes,ceasefire=with_settlement,crimea=russian_de_facto,"
                "donbas=russian_de_facto,south=frozen_line,security=article5_like,"
                "coalition=air_maritime,military=capped,sanctions=lifted")
        for variant, flags in sorted(VARIANT_FLAGS.items()):
            rc, a, err = run(["evaluate", variant, "--deal", deal, "--format", "json"], scenarios())
            self.assertEqual(rc, 0, err)
            rc, b, err = run(["evaluate", BASE, "--deal", deal, "--format", "json"] + flags, scenarios())
            self.assertEqual(rc, 0, err)
            self.assertEqual(a, b, variant)

    def test_flags_after_the_files_changes(self):
        # Flags on a variant come after its own changes: require-N goes on
        # counting (require-1 is the variant's).
        rc, out, err = run(["solve", "ukraine-land-for-security.yaml", "--require", "sanctions <= eased",
                            "--format", "json"], scenarios())
        self.assertEqual(rc, 0, err)
        self.assertEqual(json.loads(out)["generator"]["changes"],
                         ["relax ukraine/no-withdrawal", "require donbas >= russian_de_facto",
                          "require sanctions <= eased"])


class Errors(unittest.TestCase):
    def assertUsage(self, args, *fragments):
        rc, out, err = run(args, whatif_data())
        self.assertEqual(rc, 2, (args, err))
        self.assertEqual(out, "")
        for fragment in fragments:
            self.assertIn(fragment, err)
        self.assertRegex(err, r"Try 'redline \w+ --help'\.\n$")

    def test_flags_naming_something_missing(self):
        for args, fragments in (
                (["--relax", "north/never-wset"], ["party 'north' has no red line 'never-wset'",
                                                    "did you mean 'never-west'?"]),
                (["--relax", "nort/never-west"], ["unknown party 'nort'", "did you mean 'north'?"]),
                (["--set", "parties.north.bantna=0.1"], ["unknown path 'parties.north.bantna'",
                                                         "did you mean 'batna'?"]),
                (["--set", "parties.north.values.aid.ful=0.1"], ["unknown option 'ful' of issue 'aid'"]),
                (["--require", "aide == some"], ["unknown issue 'aide'", "did you mean 'aid'?"]),
                (["--fix", "aid=som"], ["unknown option 'som' of issue 'aid'", "did you mean 'some'?"]),
                (["--exclude", "aid=none,fll"], ["unknown option 'fll'", "did you mean 'full'?"]),
                (["--without", "pres"], ["unknown party 'pres'", "did you mean 'press'?"]),
                (["--set", "parties.north.veto=false", "--set", "parties.south.veto=false"],
                 ["--set parties.south.veto=false: after this change no party has a veto"]),
                (["--set", "parties.north.batna"], ["--set parties.north.batna: expected PATH=VALUE"]),
                (["--without", "south", "--set", "parties.south.batna=1"], ["unknown party 'south'"])):
            for command in (["solve", "base.yaml"], ["evaluate", "base.yaml", "--deal", "border=east,aid=some"],
                            ["compare", "base.yaml", "base.yaml"]):
                self.assertUsage(command + args, *fragments)

    def test_invalid_variant_file(self):
        with tempfile.TemporaryDirectory() as tmp:
            with open(os.path.join(tmp, "v.yaml"), "w") as f:
                f.write("redline: 1\nextends: %s\nchanges:\n  - relax: north/never-wset\n"
                        % os.path.join(whatif_data(), "base.yaml"))
            rc, out, err = run(["solve", "v.yaml"], tmp)
            self.assertEqual(rc, 1, err)
            self.assertEqual(err, "v.yaml:4:18: error: party 'north' has no red line 'never-wset' "
                                  "(did you mean 'never-west'?)\n")
            with open(os.path.join(tmp, "missing.yaml"), "w") as f:
                f.write("redline: 1\nextends: nowhere/base.yaml\n")
            rc, out, err = run(["solve", "missing.yaml"], tmp)
            self.assertEqual(rc, 1, err)
            self.assertEqual(err, "missing.yaml:2:10: error: cannot read the base scenario "
                                  "'nowhere/base.yaml': No such file or directory\n")
            # compare: A invalid is 1 as well.
            rc, out, err = run(["compare", "missing.yaml", os.path.join(whatif_data(), "base.yaml")], tmp)
            self.assertEqual(rc, 1, err)

    def test_relative_to_the_variant(self):
        # Run from elsewhere: the base is found next to the variant.
        rc, out, err = run(["solve", os.path.join("whatif", "deeper", "v2.yaml"), "--format", "json"],
                           os.path.dirname(whatif_data()))
        self.assertEqual(rc, 0, err)
        self.assertEqual(json.loads(out)["counts"]["acceptable"], 1)


class Check(unittest.TestCase):
    def test_lists_changes(self):
        rc, out, err = run(["check", "v1.yaml"], whatif_data())
        self.assertEqual(rc, 0, err)
        self.assertIn("  what if: relax north/never-west\n  what if: fix border = middle\n"
                      "  what if: require aid != none\n", out)
        rc, out, err = run(["check", "v1.yaml", "base.yaml", "--format", "json"], whatif_data())
        self.assertEqual(rc, 0, err)
        files = json.loads(out)["files"]
        self.assertEqual(files[0]["changes"], ["relax north/never-west", "fix border = middle",
                                               "require aid != none"])
        self.assertEqual(files[1]["changes"], [])


# B of the hand-computed comparison (test-whatif.c, test_compare): gained 3
# and 5, lost 4 and 7.
SMALL_B = ["--relax", "south/some-aid", "--exclude", "aid=some", "--set", "parties.north.batna=0.2"]


class Compare(unittest.TestCase):
    def test_json(self):
        rc, out, err = run(["compare", "base.yaml", "base.yaml", "--format", "json"] + SMALL_B, whatif_data())
        self.assertEqual(rc, 0, err)
        doc = json.loads(out)
        self.assertEqual(doc["format"], "redline.compare/1")
        self.assertEqual(list(doc)[:7], ["format", "generator", "a", "b", "gained", "lost", "changes"])
        self.assertEqual((doc["gained"], doc["lost"]), (2, 2))
        self.assertEqual(doc["changes"], ["relax south/some-aid", "exclude aid = some",
                                          "set parties.north.batna = 0.2"])
        self.assertEqual(doc["generator"]["changes"], doc["changes"])
        self.assertEqual(doc["shared_issues"], ["border", "aid"])
        # a and b are the solve documents, as solve writes them.
        rc, a, err = run(["solve", "base.yaml", "--format", "json"], whatif_data())
        rc, b, err = run(["solve", "base.yaml", "--format", "json"] + SMALL_B, whatif_data())
        self.assertEqual(doc["a"], json.loads(a))
        self.assertEqual(doc["b"], json.loads(b))
        # B not a variant of A: changes is null.
        rc, out, err = run(["compare", "v1.yaml", "base.yaml", "--format", "json"], whatif_data())
        self.assertEqual(rc, 0, err)
        self.assertIsNone(json.loads(out)["changes"])
        # A variant file against its base, through a chain.
        rc, out, err = run(["compare", "v1.yaml", "deeper/v2.yaml", "--format", "json"], whatif_data())
        self.assertEqual(json.loads(out)["changes"], ["require border >= middle", "fix border = middle",
                                                      "set parties.press.veto = true"])

    def test_csv(self):
        rc, out, err = run(["compare", "base.yaml", "base.yaml", "--format", "csv"] + SMALL_B, whatif_data())
        self.assertEqual(rc, 0, err)
        rows = list(csv.reader(io.StringIO(out)))
        self.assertEqual(rows[0], ["change", "index", "border", "aid", "u_north", "u_south", "u_press",
                                   "welfare", "nash", "kalai", "min_gain", "pareto"])
        self.assertEqual([(r[0], r[1], r[2], r[3]) for r in rows[1:]],
                         [("gained", "3", "middle", "none"), ("gained", "5", "middle", "full"),
                          ("lost", "4", "middle", "some"), ("lost", "7", "east", "some")])
        self.assertEqual(rows[1][4:7], ["0.75", "0.25", "0.0"])
        self.assertTrue(out.endswith("\n") and "\r" not in out)
        # Parties that only one side has: an empty field on the other.
        rc, out, err = run(["compare", "base.yaml", "base.yaml", "--format", "csv", "--without", "south",
                            "--set", "parties.north.batna=0"], whatif_data())
        rows = list(csv.reader(io.StringIO(out)))
        self.assertIn("u_south", rows[0])
        gained = [r for r in rows[1:] if r[0] == "gained"]
        self.assertTrue(gained)
        self.assertTrue(all(r[rows[0].index("u_south")] == "" for r in gained))

    def test_text(self):
        rc, out, err = run(["compare", "base.yaml", "base.yaml"] + SMALL_B, whatif_data())
        self.assertEqual(rc, 0, err)
        assert_width(self, out, "compare")
        golden(self, "compare-whatif-small.txt", out)

    def test_shipped_variants(self):
        for variant in sorted(VARIANT_FLAGS):
            for fmt in ("text", "json", "csv"):
                rc, out, err = run(["compare", BASE, variant, "--format", fmt], scenarios())
                self.assertEqual(rc, 0, (variant, err))
                if fmt == "text":
                    assert_width(self, out, "compare " + variant)
                elif fmt == "json":
                    doc = json.loads(out)
                    self.assertEqual(doc["changes"], doc["b"]["generator"]["changes"])
                    a, b = doc["a"]["counts"]["acceptable"], doc["b"]["counts"]["acceptable"]
                    # Every variant keeps the base's issues and options: the
                    # difference of the counts is gained minus lost.
                    self.assertEqual(b - a, doc["gained"] - doc["lost"])

    def test_usage(self):
        rc, out, err = run(["compare", "base.yaml"], whatif_data())
        self.assertEqual(rc, 2)
        self.assertIn("two files", err)
        rc, out, err = run(["compare", "base.yaml", "v1.yaml", "--rank", "utility:south", "--without", "south"],
                           whatif_data())
        self.assertEqual(rc, 2)
        self.assertIn("(in B)", err)
        with tempfile.TemporaryDirectory() as tmp:
            target = os.path.join(tmp, "out.json")
            rc, out, err = run(["compare", "base.yaml", "v1.yaml", "--format", "json", "-o", target],
                               whatif_data())
            self.assertEqual((rc, out), (0, ""), err)
            with open(target) as f:
                self.assertEqual(json.load(f)["format"], "redline.compare/1")


BONUS_SCENARIO = """redline: 1
title: bonus
issues:
  a: {options: [x, y]}
  b: {options: [x, y]}
parties:
  p:
    batna: 0
    weights: {a: 1, b: 1}
    values: {a: {x: 0, y: 1}, b: {x: 0, y: 1}}
    bonuses:
      - {when: "a == x and b == x", value: 0.25}
      - {when: "a == y", value: -0.5}
"""


class SetBonus(unittest.TestCase):
    """`set parties.P.bonuses.N` (scenario.md section 7): the N-th bonus's
    value, counting from 1. Utilities by hand: the weights are 1/2 each,
    so u(x,x) = 0 + bonus 1, u(y,y) = 1 + bonus 2."""

    def utility(self, tmp, deal, *flags):
        rc, out, err = run(["evaluate", "s.yaml", "--deal", deal, "--format", "json"] + list(flags), tmp)
        self.assertEqual(rc, 0, err)
        return json.loads(out)["package"]["utilities"]["p"]

    def test_values_by_hand(self):
        with tempfile.TemporaryDirectory() as tmp:
            with open(os.path.join(tmp, "s.yaml"), "w") as f:
                f.write(BONUS_SCENARIO)
            self.assertAlmostEqual(self.utility(tmp, "a=x,b=x"), 0.25, places=12)
            self.assertAlmostEqual(self.utility(tmp, "a=x,b=x", "--set", "parties.p.bonuses.1=0.75"), 0.75,
                                   places=12)
            self.assertAlmostEqual(self.utility(tmp, "a=y,b=y"), 0.5, places=12)
            self.assertAlmostEqual(self.utility(tmp, "a=y,b=y", "--set", "parties.p.bonuses.2=-1"), 0.0,
                                   places=12)
            # The same change from a variant file.
            with open(os.path.join(tmp, "v.yaml"), "w") as f:
                f.write("redline: 1\nextends: s.yaml\nchanges:\n  - set: {parties.p.bonuses.2: 0}\n")
            rc, out, err = run(["evaluate", "v.yaml", "--deal", "a=y,b=y", "--format", "json"], tmp)
            self.assertEqual(rc, 0, err)
            self.assertAlmostEqual(json.loads(out)["package"]["utilities"]["p"], 1.0, places=12)

    def test_bad_paths_and_values(self):
        with tempfile.TemporaryDirectory() as tmp:
            with open(os.path.join(tmp, "s.yaml"), "w") as f:
                f.write(BONUS_SCENARIO)
            for flag, fragment in (("parties.p.bonuses.3=0", "no bonus '3' in party 'p': a bonus is numbered "
                                                             "from 1 to 2"),
                                   ("parties.p.bonuses.0=0", "no bonus '0'"),
                                   ("parties.p.bonuses.one=0", "no bonus 'one'"),
                                   ("parties.p.bonuses.1=1.5", "must be between -1 and 1, not 1.5"),
                                   ("parties.p.bonuses=0", "write parties.P.bonuses.N"),
                                   ("parties.p.bonus.1=0", "did you mean 'bonuses'?")):
                rc, out, err = run(["solve", "s.yaml", "--set", flag], tmp)
                self.assertEqual(rc, 2, (flag, err))
                self.assertIn(fragment, err)
                self.assertEqual(out, "")
            with open(os.path.join(tmp, "v.yaml"), "w") as f:
                f.write("redline: 1\nextends: s.yaml\nchanges:\n  - set: {parties.p.bonuses.9: 0}\n")
            rc, out, err = run(["solve", "v.yaml"], tmp)
            self.assertEqual(rc, 1, err)
            self.assertRegex(err, r"^v\.yaml:4:\d+: error: no bonus '9' in party 'p'")


def main():
    global BINARY, SOURCE
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    BINARY = os.path.abspath(sys.argv[1])
    SOURCE = os.path.abspath(sys.argv[2])
    unittest.main(argv=[sys.argv[0]] + sys.argv[3:], verbosity=2)


if __name__ == "__main__":
    sys.exit(main())
