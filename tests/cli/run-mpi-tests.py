#!/usr/bin/env python3
# redline - negotiation-position modelling
# Copyright (C) 2026 the redline authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""redline under mpirun: the same answers as one process, byte for byte
(`generator` aside), with 2, 3 and 4 ranks (oversubscribed).

    run-mpi-tests.py BUILD/src/cli/redline SOURCE_ROOT

1. The golden JSON cases of solve, explain and simulate, and of compare
   and evaluate (which rank 0 runs alone while the others wait)
   (tests/cli/golden-json/cases.txt) through run-golden-json.py with
   every command under mpirun, each case at one of 2, 3, 4 ranks in turn.
2. Two generated scenarios (tools/gen-scenario, fixed seeds) large enough
   that every rank gets subtrees: solve (counts, top by every rank,
   --frontier, --all, --only-top), simulate --runs and explain, at 2, 3
   and 4 ranks and 1 and 2 threads, against the serial run of the same
   binary; the debug log must show every rank busy (the work was spread).
3. A rank that dies (REDLINE_TEST_RANK_FAILS=1, a test-only variable)
   ends the job with a non-zero status and no output file, and no
   temporary left.

Skipped (77) when mpirun is missing; meson registers it only in a build
with MPI.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

SKIP = 77


def mpirun(n):
    return ["mpirun", "--oversubscribe", "--allow-run-as-root", "-n", str(n)]


def without_generator(text):
    return re.sub(r'\n  "generator": \{.*?\n  \},', "", text, flags=re.S)


def golden_cases(src):
    names = []
    with open(os.path.join(src, "tests", "cli", "golden-json", "cases.txt")) as f:
        for line in f:
            words = line.split()
            if words and not line.startswith("#") and words[0].split("-")[0] in ("solve", "explain", "simulate", "compare", "evaluate"):
                names.append(words[0])
    return names


def main():
    redline, src = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    if shutil.which("mpirun") is None:
        print("skip: no mpirun")
        return SKIP
    failures = []
    # Under AddressSanitizer, Open MPI's own allocations at MPI_Init are
    # reported as leaks at exit, mostly from plugins unloaded by then (no
    # symbol left to suppress them by): leak checking stays with the other
    # suites, which run the same code in one process.
    if "ASAN_OPTIONS" in os.environ:
        os.environ["ASAN_OPTIONS"] += ":detect_leaks=0"

    # 1. golden cases, each at one rank count in turn
    names = golden_cases(src)
    for n in (2, 3, 4):
        chosen = names[n - 2::3]
        env = dict(os.environ, REDLINE_WRAP=" ".join(mpirun(n)))
        r = subprocess.run([sys.executable, os.path.join(src, "tests", "cli", "run-golden-json.py"),
                            redline, src] + chosen, env=env, capture_output=True, text=True)
        print(r.stdout, end="")
        if r.returncode != 0:
            failures.append("golden cases at %d ranks: %s" % (n, r.stdout[-2000:] + r.stderr[-2000:]))

    tmp = tempfile.mkdtemp(prefix="redline-mpi-")
    try:
        gen = os.path.join(src, "tools", "gen-scenario")
        big = os.path.join(tmp, "L14.yaml")
        small = os.path.join(tmp, "L12.yaml")
        with open(big, "w") as f:
            subprocess.run([gen, "--issues", "14", "--option-counts", "4", "--parties", "5", "--red-lines", "3",
                            "--target", "0.003", "--seed", "1401"], stdout=f, check=True)
        with open(small, "w") as f:
            subprocess.run([gen, "--issues", "12", "--option-counts", "3,3,4", "--parties", "4", "--red-lines", "3",
                            "--target", "0.005", "--seed", "1201"], stdout=f, check=True)
        party = re.search(r"^parties:\n  (\w+):", open(small).read(), re.M).group(1)
        jobs = [
            ["solve", big],
            ["solve", big, "--frontier"],
            ["solve", big, "--only-top"],
            ["solve", small, "--rank", "welfare", "--top", "25"],
            ["solve", small, "--rank", "kalai"],
            ["solve", small, "--rank", "min_gain"],
            ["solve", small, "--rank", "utility:" + party],
            ["solve", small, "--all"],
            ["solve", small, "--rank", "durability"],
            ["simulate", small, "--runs", "60", "--seed", "5", "--noise", "0.1"],
            ["explain", small],
        ]
        for k, job in enumerate(jobs):
            args = job + ["--format", "json"]
            serial = subprocess.run([redline] + args, capture_output=True, text=True)
            if serial.returncode != 0:
                failures.append("serial %s: exit %d %s" % (job, serial.returncode, serial.stderr))
                continue
            for n in (2, 3, 4):
                threads = "1" if (k + n) % 2 else "2"
                out = os.path.join(tmp, "out.json")
                env = dict(os.environ, G_MESSAGES_DEBUG="redline")
                r = subprocess.run(mpirun(n) + [redline] + args + ["--threads", threads, "-o", out],
                                   capture_output=True, text=True, env=env)
                what = "%s at %d ranks, %s threads" % (" ".join(job[:1] + job[2:]), n, threads)
                if r.returncode != 0:
                    failures.append("%s: exit %d\n%s" % (what, r.returncode, r.stderr[-2000:]))
                    continue
                with open(out) as f:
                    got = f.read()
                if without_generator(got) != without_generator(serial.stdout):
                    failures.append("%s: differs from the serial run" % what)
                    continue
                # The searches were spread: every rank did some of the work.
                nodes = [int(m) for m in re.findall(r"mpi: rank \d+ of %d: busy [0-9.]+ s CPU, (\d+) nodes" % n,
                                                   r.stdout + r.stderr)]
                if len(nodes) != n:
                    failures.append("%s: %d ranks in the debug log" % (what, len(nodes)))
                elif job[0] == "solve" and job[1] == big and min(nodes) == 0:
                    failures.append("%s: a rank did no work: %s" % (what, nodes))
                print("ok   %s (nodes by rank %s)" % (what, nodes))

        # 3. a rank dies: non-zero exit, no output file, no temporary
        out = os.path.join(tmp, "dead.json")
        env = dict(os.environ, REDLINE_TEST_RANK_FAILS="1")
        r = subprocess.run(mpirun(3) + [redline, "solve", big, "--format", "json", "-o", out],
                           capture_output=True, text=True, env=env, timeout=120)
        left = [name for name in os.listdir(tmp) if "dead" in name]
        if r.returncode == 0 or left:
            failures.append("a dead rank: exit %d, left %s" % (r.returncode, left))
        else:
            print("ok   a dead rank: exit %d, no file" % r.returncode)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    for f in failures:
        print("FAIL " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
