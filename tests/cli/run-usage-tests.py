#!/usr/bin/env python3
# redline - negotiation-position modelling
# Copyright (C) 2026 the redline authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The opening that every command shares (src/cli/): `--help` of redline
and of every command, and the usage errors of the opening in the order in
which they are detected. A bad option value comes before a missing FILE;
a command's own check that needs no scenario (a missing --deal, --party,
--deals; --all with --frontier; --max) before -o naming an input; -o
before loading; a load error before a what-if flag, and that before
--rank; --rank before the command's checks that need the scenario
(--deal's pairs, --axes, --party's id, simulate's flags); all of these
before the output is opened.

    run-usage-tests.py BUILD/src/cli/redline SOURCE_ROOT [unittest arguments]

Each case's exit status, standard output and standard error are written
into one transcript and compared with tests/cli/golden/usage.txt; after a
deliberate change of a help text or a message, regenerate it with
REDLINE_UPDATE_GOLDEN=1 and read the diff. The cases run in a temporary
directory holding border-aid.yaml (ba.yaml), no-deal.yaml (nd.yaml), an
invalid file (bad.yaml) and a deals CSV.

Standard library only.
"""
import difflib
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import unittest

BINARY = None
SOURCE = None
UPDATE = bool(os.environ.get("REDLINE_UPDATE_GOLDEN"))

COMMANDS = ["check", "solve", "evaluate", "report", "brief", "debrief", "init", "explain",
            "compare", "simulate", "import", "export", "schema", "stability", "serve"]

CASES = [
    # redline itself
    [], ["--help"], ["help", "bogus"], ["help", "solve", "check"], ["sovle"], ["-x", "solve"],
] + [[c, "--help"] for c in COMMANDS] + [
    # shared options, parsed and checked before the FILE arguments are counted
    ["solve", "--nonsense", "ba.yaml"], ["solve", "--top"], ["solve", "--top", "x"],
    ["solve", "--format", "yaml", "--top", "x"], ["solve", "ba.yaml", "--format", "html"],
    ["solve", "ba.yaml", "--threads", "0"], ["solve", "ba.yaml", "--timeout", "-1"],
    ["evaluate", "ba.yaml", "--rank", "nash"], ["init", "-o", "x.yaml"],
    # the FILE arguments
    ["check"], ["solve"], ["solve", "ba.yaml", "nd.yaml"], ["compare", "ba.yaml"],
    ["compare", "ba.yaml", "nd.yaml", "ba.yaml"], ["init", "a.yaml", "b.yaml"],
    # own checks without a scenario, then -o naming an input
    ["check", "-o", "nd.yaml", "ba.yaml", "nd.yaml"], ["solve", "ba.yaml", "-o", "ba.yaml"],
    ["solve", "ba.yaml", "--all", "--frontier", "-o", "ba.yaml"],
    ["solve", "ba.yaml", "--max-packages", "2"], ["evaluate", "ba.yaml", "-o", "ba.yaml"],
    ["evaluate", "ba.yaml", "--deal", "border=east", "-o", "ba.yaml"],
    ["report", "missing.yaml", "--format", "markdown"],
    ["report", "ba.yaml", "--format", "markdown", "-o", "ba.yaml"],
    ["brief", "ba.yaml", "-o", "ba.yaml"], ["debrief", "ba.yaml", "-o", "ba.yaml"],
    ["debrief", "ba.yaml", "--deals", "deals.csv", "-o", "deals.csv"],
    ["explain", "ba.yaml", "--max", "x", "-o", "ba.yaml"],
    ["compare", "ba.yaml", "nd.yaml", "-o", "nd.yaml"],
    ["simulate", "ba.yaml", "--transcript", "ba.yaml"],
    ["simulate", "ba.yaml", "--protocol", "x", "-o", "ba.yaml"],
    # loading, the what-if flags, --rank
    ["check", "ba.yaml", "bad.yaml", "missing.yaml"], ["solve", "missing.yaml", "--rank", "x"],
    ["solve", "bad.yaml", "--relax", "x/y"], ["solve", "ba.yaml", "--relax", "x/y", "--rank", "x"],
    ["solve", "ba.yaml", "--rank", "utility:nort"], ["explain", "ba.yaml", "--rank", "x"],
    ["evaluate", "missing.yaml", "--deal", "x"], ["brief", "missing.yaml", "--party", "x"],
    ["debrief", "missing.yaml", "--deals", "missing.csv"],
    ["compare", "missing.yaml", "bad.yaml"], ["compare", "ba.yaml", "bad.yaml"],
    ["compare", "ba.yaml", "ba.yaml", "--relax", "x/y"],
    ["compare", "nd.yaml", "ba.yaml", "--rank", "utility:north"],
    ["compare", "ba.yaml", "ba.yaml", "--without", "north", "--rank", "utility:north"],
    ["simulate", "missing.yaml", "--runs", "0"],
    # the command's own checks that need the scenario, then the output
    ["evaluate", "ba.yaml", "--deal", "border=nowhere", "-o", "nodir/x"],
    ["report", "ba.yaml", "--rank", "x", "--axes", "north,nort"],
    ["report", "ba.yaml", "--axes", "north,nort", "-o", "nodir/x"],
    ["brief", "ba.yaml", "--party", "nort", "-o", "nodir/x"],
    ["debrief", "ba.yaml", "--deals", "missing.csv", "-o", "nodir/x"],
    ["simulate", "ba.yaml", "--runs", "0", "-o", "nodir/x"],
    ["solve", "ba.yaml", "-o", "nodir/x"], ["check", "ba.yaml", "-o", "nodir/x"],
    ["init", "ba.yaml"],
    # import, export, schema: their arguments, then -o, then the files
    ["import"], ["import", "xml", "d.xml"], ["import", "genius"], ["import", "genius", "d.xml"],
    ["import", "genius", "ba.yaml", "deals.csv", "-o", "deals.csv"],
    ["import", "genius", "missing.xml", "p.xml"], ["import", "genius", "ba.yaml", "p.xml"],
    ["export"], ["export", "pdf", "ba.yaml"], ["export", "minizinc"],
    ["export", "minizinc", "ba.yaml", "nd.yaml"], ["export", "minizinc", "ba.yaml", "--goal", "x"],
    ["export", "genius", "ba.yaml", "--goal", "nash", "-o", "d"], ["export", "genius", "ba.yaml"],
    ["export", "minizinc", "ba.yaml", "-o", "ba.yaml"], ["export", "minizinc", "bad.yaml"],
    ["export", "genius", "missing.yaml", "-o", "d"], ["export", "minizinc", "ba.yaml", "-o", "nodir/x"],
    ["schema", "ba.yaml"], ["schema", "-o", "nodir/x"],
    # serve: its own checks come before it knows whether it was built with
    # the server, so these read the same in a build without libsoup
    ["serve"], ["serve", "ba.yaml", "--port", "70000"], ["serve", "ba.yaml", "--listen", "nowhere"],
    ["serve", "ba.yaml", "--deals", "deals.csv"], ["serve", "ba.yaml", "--format", "json"],
]


def transcript(binary, work):
    env = dict(os.environ, LC_ALL="C.UTF-8")
    out = []
    for argv in CASES:
        p = subprocess.run([binary] + argv, cwd=work, env=env, capture_output=True)
        out.append("==== redline %s\n" % shlex.join(argv))
        out.append("---- status %d\n" % p.returncode)
        for name, data in (("stdout", p.stdout), ("stderr", p.stderr)):
            if data:
                text = data.decode("utf-8", "replace")
                out.append("---- %s\n%s%s" % (name, text, "" if text.endswith("\n") else "\n"))
    return "".join(out)


class Usage(unittest.TestCase):
    def test_opening(self):
        work = tempfile.mkdtemp(prefix="redline-usage-")
        try:
            data = os.path.join(SOURCE, "tests", "data")
            shutil.copy(os.path.join(data, "valid", "border-aid.yaml"), os.path.join(work, "ba.yaml"))
            shutil.copy(os.path.join(data, "valid", "no-deal.yaml"), os.path.join(work, "nd.yaml"))
            shutil.copy(os.path.join(data, "invalid", "batna-inf.yaml"), os.path.join(work, "bad.yaml"))
            with open(os.path.join(work, "deals.csv"), "w") as f:
                f.write("group,border,aid\nA,middle,some\n")
            got = transcript(BINARY, work)
            # No case may write anything: every one stops in the opening.
            self.assertEqual(sorted(os.listdir(work)), ["ba.yaml", "bad.yaml", "deals.csv", "nd.yaml"])
        finally:
            shutil.rmtree(work)
        golden = os.path.join(SOURCE, "tests", "cli", "golden", "usage.txt")
        if UPDATE:
            with open(golden, "w") as f:
                f.write(got)
        with open(golden) as f:
            want = f.read()
        if got != want:
            diff = "".join(difflib.unified_diff(want.splitlines(True), got.splitlines(True),
                                                "golden/usage.txt", "redline"))
            self.fail("the opening's output changed (REDLINE_UPDATE_GOLDEN=1 after a deliberate "
                      "change):\n" + diff)


if __name__ == "__main__":
    BINARY = os.path.abspath(sys.argv[1])
    SOURCE = os.path.abspath(sys.argv[2])
    unittest.main(argv=[sys.argv[0]] + sys.argv[3:])
