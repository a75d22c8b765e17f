#!/usr/bin/env python3
# redline - negotiation-position modelling
# Copyright (C) 2026 the redline authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs the shared conformance check (../shared/conformance/check, outside this
repository) on the built binary, and fails only on the commands that exist.

    conformance.py CHECK_SCRIPT BUILD/src/cli/redline

The shared check runs every entry of its manifest, including commands that
redline may not have yet, and prints one line
"FAIL <command> <file> ..." per failing entry, then "N passed, M failed".
This wrapper passes the check's output through and fails when a FAIL line
names a command in IMPLEMENTED, or when the check did not run to its
summary line. It runs the first release's manifest.json, then
manifest-next.json (what the spec added since) when it is there. When a
command lands, add it to IMPLEMENTED.

Exit status 77 (meson: skipped) when the shared directory is not there.
"""
import os
import re
import subprocess
import sys

IMPLEMENTED = {"check", "evaluate", "explain", "sensitivity", "simulate", "solve", "stability"}
MANIFESTS = ["manifest.json", "manifest-next.json"]


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    check, binary = sys.argv[1], sys.argv[2]
    if not os.path.isfile(check):
        print("skipped: %s does not exist" % check)
        return 77
    for manifest in MANIFESTS:
        args = [sys.executable, check, os.path.abspath(binary)]
        if manifest != "manifest.json":
            if not os.path.isfile(os.path.join(os.path.dirname(check), manifest)):
                continue
            args += ["--manifest", manifest]
        print("== %s" % manifest)
        status = run_one(args)
        if status != 0:
            return status
    print("conformance: every entry of %s passes" % ", ".join(sorted(IMPLEMENTED)))
    return 0


def run_one(args):
    p = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    sys.stdout.write(p.stdout)
    summary = re.search(r"^(\d+) passed, (\d+) failed$", p.stdout, re.M)
    if not summary:
        print("conformance: the check did not finish (exit %d)" % p.returncode)
        return 1
    failing = [line for line in p.stdout.splitlines()
               if line.startswith("FAIL ") and line.split()[1] in IMPLEMENTED]
    if failing:
        print("conformance: %d failure(s) of implemented commands" % len(failing))
        return 1
    if int(summary.group(1)) == 0:
        print("conformance: nothing passed")
        return 1
    return 0

if __name__ == "__main__":
    sys.exit(main())
