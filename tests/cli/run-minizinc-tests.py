#!/usr/bin/env python3
# redline - negotiation-position modelling
# Copyright (C) 2026 the redline authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""`redline export minizinc`.

    run-minizinc-tests.py BUILD/src/cli/redline SOURCE_ROOT [unittest arguments]

On the shipped scenarios and the small valid test scenarios: the model is
text of the expected shape, one `var 1..N: x_ISSUE;` per issue with N its
option count, one utility per veto party; and, when `minizinc` (with
Gecode) is installed, MiniZinc's solutions of the `--goal acceptable`
model are exactly redline's acceptable packages (each solution mapped to
its package index and compared with `solve --all`), and the `--goal nash`
model's optimum has redline's best Nash product (within the log table's
rounding, 1e-5 relative). The solver half is skipped when minizinc is
missing (tools/bench installs it: apt-get install minizinc
libgecodeflatzinc49).
"""
import glob
import json
import math
import os
import re
import shutil
import subprocess
import sys
import unittest

BINARY = None
SOURCE = None
MAX_SPACE = 40000


def run(args):
    env = dict(os.environ, LC_ALL="C.UTF-8")
    p = subprocess.run([BINARY] + args, capture_output=True, env=env)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def scenarios():
    files = sorted(glob.glob(os.path.join(SOURCE, "scenarios", "*.yaml")))
    for sub in ("valid", "valid/load", "whatif", "explain", "simulate", "report"):
        files += sorted(glob.glob(os.path.join(SOURCE, "tests", "data", sub, "*.yaml")))
    out = []
    for f in files:
        rc, doc, err = run(["check", f, "--format", "json"])
        info = json.loads(doc)["files"][0]
        if info["space_exact"] and info["space"] <= MAX_SPACE:
            out.append((f, info))
    return out


def issues_of(path):
    """[(issue id, option count)] in file order, read from the file (or
    the base of a variant: a variant never changes the issues)."""
    import yaml
    data = yaml.safe_load(open(path, encoding="utf-8"))
    while "extends" in data:
        path = os.path.join(os.path.dirname(path), data["extends"])
        data = yaml.safe_load(open(path, encoding="utf-8"))
    return [(str(i), len(v["options"])) for i, v in data["issues"].items()]


class Model(unittest.TestCase):
    def test_shape(self):
        cases = scenarios()
        self.assertGreater(len(cases), 15)
        for path, info in cases:
            with self.subTest(os.path.relpath(path, SOURCE)):
                for goal in ("acceptable", "nash"):
                    rc, model, err = run(["export", "minizinc", path, "--goal", goal])
                    self.assertEqual(rc, 0, err)
                    declared = re.findall(r"(?m)^var 1\.\.(\d+): x_(\w+);$", model)
                    self.assertEqual([(i, int(n)) for n, i in declared], issues_of(path))
                    self.assertEqual(len(re.findall(r"(?m)^constraint U_\w+ >= -?\d+;$", model)),
                                     info["veto_parties"])
                    self.assertEqual(model.count("solve "), 1)
                    self.assertIn("maximize objective" if goal == "nash" else "satisfy;", model)
                    for line in model.splitlines():   # no stray text outside comments
                        self.assertRegex(line, r"^(%.*|var .*|constraint .*|array.*|solve .*|output .*"
                                               r"|  \+ .*|)$")


@unittest.skipIf(shutil.which("minizinc") is None, "minizinc is not installed")
class Solver(unittest.TestCase):
    def minizinc(self, model, all_solutions):
        path = os.path.join(self.tmp, "m.mzn")
        with open(path, "w") as f:
            f.write(model)
        args = ["minizinc", "--solver", "gecode"] + (["--all-solutions"] if all_solutions else []) + [path]
        p = subprocess.run(args, capture_output=True, text=True, timeout=300)
        self.assertEqual(p.returncode, 0, p.stderr)
        return [json.loads(l) for l in p.stdout.splitlines() if l.startswith("[")], p.stdout

    def setUp(self):
        import tempfile
        self.tmp = tempfile.mkdtemp(prefix="redline-mzn-")

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def test_solutions_are_the_acceptable_packages(self):
        checked = 0
        for path, info in scenarios():
            with self.subTest(os.path.relpath(path, SOURCE)):
                rc, model, err = run(["export", "minizinc", path, "--goal", "acceptable"])
                if "rounds them" in err:
                    continue   # inexact scaling: ties at a BATNA may differ (documented)
                counts = [n for _, n in issues_of(path)]
                solutions, _ = self.minizinc(model, True)
                got = set()
                for xs in solutions:   # mixed radix, first issue most significant
                    index = 0
                    for x, n in zip(xs, counts):
                        index = index * n + (x - 1)
                    got.add(index)
                rc, out, err = run(["solve", path, "--all", "--format", "json", "--quiet"])
                want = {json.loads(l)["index"] for l in out.splitlines()}
                self.assertEqual(len(got), len(solutions))
                self.assertEqual(got, want)
                checked += 1
        self.assertGreater(checked, 10)

    def test_nash_optimum(self):
        for path, info in scenarios():
            if path.endswith("extreme-numbers.yaml"):
                continue   # BATNAs of ±1e300: gains beyond e^±20 weigh alike (minizinc.h)
            with self.subTest(os.path.relpath(path, SOURCE)):
                rc, model, err = run(["export", "minizinc", path, "--goal", "nash"])
                solutions, text = self.minizinc(model, False)
                rc, out, err = run(["solve", path, "--format", "json", "--top", "1", "--quiet"])
                top = json.loads(out)["top"]
                if not top:
                    self.assertIn("UNSATISFIABLE", text)
                    continue
                best = top[0]["scores"]["nash"]
                issues = issues_of(path)
                rc, out, err = run(["solve", path, "--all", "--format", "json", "--quiet"])
                by_index = {d["index"]: d["scores"]["nash"] for d in map(json.loads, out.splitlines())}
                index = 0
                for x, (_, n) in zip(solutions[-1], issues):
                    index = index * n + (x - 1)
                if best > 0:
                    self.assertLessEqual(abs(by_index[index] - best), 1e-5 * best)


if __name__ == "__main__":
    BINARY = os.path.abspath(sys.argv[1])
    SOURCE = os.path.abspath(sys.argv[2])
    unittest.main(argv=[sys.argv[0]] + sys.argv[3:], verbosity=1)
