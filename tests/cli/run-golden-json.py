#!/usr/bin/env python3
# redline - negotiation-position modelling
# Copyright (C) 2026 the redline authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""JSON golden files of every command with a JSON format: a refactor that
changes what a command answers fails here.

    run-golden-json.py BUILD/src/cli/redline SOURCE_ROOT [--update] [NAME...]

Each case of tests/cli/golden-json/cases.txt (its format is described at
the top of that file) runs `redline COMMAND ARGUMENT...` from SOURCE_ROOT,
checks the exit status, parses standard output as JSON (or JSON Lines) and
compares it with tests/cli/golden-json/NAME.json: the same members, the
same array lengths, the same values of the same JSON types, numbers
exactly (full double precision, as written). The first differing path is
reported, e.g. `$.top[0].scores.nash: expected 0.095, got 0.0951`.

Left out of the comparison (see normalise()):
  - the top-level `generator` member: the version and the what-if changes
    as text (the changes are still compared where a document lists them
    itself: check's and compare's `changes`);
  - `version` inside a nested `generator` (compare's `a` and `b`,
    debrief's groups), so that a version bump is not a difference; their
    `name` and `changes` are compared.
No member holds a timing or another volatile value today: --update runs
every case twice and refuses to write a golden file when the two runs
differ, so a volatile member shows itself there (add it to VOLATILE then).

Cases with `threads=1,2` run once per thread count, each compared with
the same golden file: the thread count must never change an answer.

--update rewrites the golden files of the cases given (all by default)
from the binary, after checking that the runs agree; read the diff before
committing it. NAME... limits a run to those cases (also with --update).

REDLINE_WRAP, when set, is a command put before every redline command
(e.g. "valgrind -q --error-exitcode=99"); exit status 99 is then the
wrapper's error.

Standard library only.
"""
import json
import os
import shlex
import subprocess
import sys

# Members whose values change from run to run, as paths of member names
# from the document's root ("*" matches any member or array element).
# None today; see the docstring.
VOLATILE = []

WRAP = shlex.split(os.environ.get("REDLINE_WRAP", ""))
WRAP_ERROR = 99
TIMEOUT = 600 if WRAP else 120


class Case:
    def __init__(self, name, args, exit_status=0, threads=None, lines=False, where=""):
        self.name = name
        self.args = args
        self.exit_status = exit_status
        self.threads = threads or []
        self.lines = lines
        self.where = where

    def runs(self):
        """The argument lists of this case's runs: one per thread count."""
        if not self.threads:
            return [self.args]
        return [self.args + ["--threads", str(t)] for t in self.threads]


def read_cases(path):
    cases = []
    names = set()
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            where = "%s:%d" % (os.path.basename(path), n)
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            words = shlex.split(line)
            name, words = words[0], words[1:]
            if name in names:
                raise SystemExit("%s: case '%s' named twice" % (where, name))
            names.add(name)
            case = Case(name, [], where=where)
            while words:
                w = words[0]
                if w.startswith("exit="):
                    case.exit_status = int(w[5:])
                elif w.startswith("threads="):
                    case.threads = [int(t) for t in w[8:].split(",")]
                elif w == "lines":
                    case.lines = True
                else:
                    break
                words.pop(0)
            if not words:
                raise SystemExit("%s: case '%s' has no command" % (where, name))
            case.args = words
            cases.append(case)
    return cases


def run(binary, source, args):
    """Runs redline with @args from @source; returns (status, stdout, stderr)."""
    env = dict(os.environ)
    env["LC_ALL"] = "C.UTF-8"
    env.pop("LANGUAGE", None)
    p = subprocess.run(WRAP + [binary] + args, cwd=source, env=env,
                       stdin=subprocess.DEVNULL, capture_output=True, timeout=TIMEOUT)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8", "replace")


def parse(case, out):
    if case.lines:
        return [json.loads(line) for line in out.splitlines() if line.strip()]
    return json.loads(out)


def drop_path(doc, path):
    """Removes the member at @path (a list of names, "*" for any) from @doc."""
    if not path:
        return
    head, rest = path[0], path[1:]
    if isinstance(doc, dict):
        keys = list(doc) if head == "*" else [head]
        for k in keys:
            if k not in doc:
                continue
            if rest:
                drop_path(doc[k], rest)
            else:
                del doc[k]
    elif isinstance(doc, list) and head == "*":
        for item in doc:
            if rest:
                drop_path(item, rest)


def drop_nested_versions(value, top):
    if isinstance(value, dict):
        for k, v in value.items():
            if k == "generator" and not top and isinstance(v, dict):
                v.pop("version", None)
            else:
                drop_nested_versions(v, False)
    elif isinstance(value, list):
        for v in value:
            drop_nested_versions(v, False)


def normalise(doc):
    """@doc without what the comparison leaves out (see the docstring)."""
    docs = doc if isinstance(doc, list) else [doc]
    for d in docs:
        if isinstance(d, dict):
            d.pop("generator", None)
        drop_nested_versions(d, True)
        for path in VOLATILE:
            drop_path(d, path.split("."))
    return doc


def json_type(v):
    # bool before int: True is an int in Python, not in JSON.
    for t, name in ((bool, "boolean"), (int, "integer"), (float, "number"), (str, "string"),
                    (list, "array"), (dict, "object"), (type(None), "null")):
        if isinstance(v, t):
            return name
    return type(v).__name__


def first_difference(expected, got, path="$"):
    """The first place where @got differs from @expected, as a message, or
    None when they are the same."""
    te, tg = json_type(expected), json_type(got)
    if te != tg:
        return "%s: expected %s %s, got %s %s" % (path, te, short(expected), tg, short(got))
    if te == "object":
        for k in expected:
            if k not in got:
                return "%s: member '%s' missing" % (path, k)
            d = first_difference(expected[k], got[k], "%s.%s" % (path, k))
            if d:
                return d
        for k in got:
            if k not in expected:
                return "%s: unexpected member '%s' (%s)" % (path, k, short(got[k]))
        if list(expected) != list(got):
            return "%s: members in another order: expected %s, got %s" % (path, list(expected), list(got))
        return None
    if te == "array":
        for i, (e, g) in enumerate(zip(expected, got)):
            d = first_difference(e, g, "%s[%d]" % (path, i))
            if d:
                return d
        if len(expected) != len(got):
            return "%s: expected %d elements, got %d" % (path, len(expected), len(got))
        return None
    if expected != got:
        return "%s: expected %s, got %s" % (path, short(expected), short(got))
    return None


def short(v):
    text = json.dumps(v, ensure_ascii=False)
    return text if len(text) <= 120 else text[:117] + "..."


def dump(doc):
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def check_case(binary, source, golden, case, update):
    """Runs @case; returns a list of failure messages (empty: passed)."""
    failures = []
    path = os.path.join(golden, case.name + ".json")
    expected = None
    if not update:
        try:
            with open(path, encoding="utf-8") as f:
                expected = json.load(f)
        except FileNotFoundError:
            return ["%s: no golden file %s (run with --update)" % (case.name, path)]
    runs = case.runs()
    if update:
        runs = runs + [runs[0]]  # once more: a volatile member shows itself
    first = None
    for args in runs:
        shown = "redline " + " ".join(shlex.quote(a) for a in args)
        rc, out, err = run(binary, source, args)
        if WRAP and rc == WRAP_ERROR:
            failures.append("%s: %s reported errors on %s:\n%s" % (case.name, WRAP[0], shown, err))
            continue
        if rc != case.exit_status:
            failures.append("%s: %s: exit status %d, expected %d\n%s"
                            % (case.name, shown, rc, case.exit_status, err.rstrip()))
            continue
        try:
            doc = normalise(parse(case, out))
        except ValueError as e:
            failures.append("%s: %s: output is not JSON: %s\n%s" % (case.name, shown, e, out[:500]))
            continue
        if update:
            if first is None:
                first = doc
            else:
                d = first_difference(first, doc)
                if d:
                    failures.append("%s: %s: differs from the first run, not written: %s"
                                    % (case.name, shown, d))
            continue
        d = first_difference(expected, doc)
        if d:
            failures.append("%s: %s\n    %s" % (case.name, shown, d))
    if update and not failures:
        text = dump(first)
        old = None
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                old = f.read()
        if text != old:
            with open(path + ".tmp", "w", encoding="utf-8") as f:
                f.write(text)
            os.replace(path + ".tmp", path)
            print("wrote %s" % os.path.relpath(path, source))
    return failures


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    flags = [a for a in argv[1:] if a.startswith("--")]
    if len(args) < 2 or any(f not in ("--update",) for f in flags):
        print(__doc__, file=sys.stderr)
        return 2
    binary = os.path.abspath(args[0])
    source = os.path.abspath(args[1])
    only = set(args[2:])
    update = "--update" in flags
    golden = os.path.join(source, "tests", "cli", "golden-json")
    cases = read_cases(os.path.join(golden, "cases.txt"))
    unknown = only - {c.name for c in cases}
    if unknown:
        print("unknown case(s): %s" % ", ".join(sorted(unknown)), file=sys.stderr)
        return 2
    if not only:
        listed = {c.name + ".json" for c in cases}
        stray = sorted(f for f in os.listdir(golden) if f.endswith(".json") and f not in listed)
        if stray:
            print("golden files without a case in cases.txt: %s" % ", ".join(stray), file=sys.stderr)
            return 1
    failed = 0
    n_runs = 0
    for case in cases:
        if only and case.name not in only:
            continue
        failures = check_case(binary, source, golden, case, update)
        n_runs += len(case.runs())
        if failures:
            failed += 1
            for f in failures:
                print("FAIL " + f)
        else:
            print("ok   %s" % case.name)
    total = len(only) if only else len(cases)
    print("%d of %d cases failed (%d runs)" % (failed, total, n_runs) if failed
          else "all %d cases passed (%d runs)" % (total, n_runs))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
