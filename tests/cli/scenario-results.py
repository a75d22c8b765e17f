#!/usr/bin/env python3
# redline - negotiation-position modelling
# Copyright (C) 2026 the redline authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The shipped scenarios' results, as scenarios/README.md states them.

    scenario-results.py BUILD/src/cli/redline SOURCE_ROOT [--update]

Runs redline (solve, solve --rank durability, stability, simulate, explain)
on every scenarios/*.yaml and writes what it finds as the block between the
two `scenario-results` markers of scenarios/README.md section 12. Without
--update the block must equal what the program prints now, so that the
README can never again disagree with the files; with --update the block is
rewritten (check the diff before committing it).

Also checks that every quotation in a `source` of a shipped scenario is
verbatim in the seed article (../shared/seed/article.txt, skipped when it is
not there). Standard library only.
"""
import json
import os
import re
import subprocess
import sys

BEGIN = ("<!-- scenario-results: begin. Written by tests/cli/scenario-results.py "
         "--update from the program's output; the test fails when it disagrees. -->")
END = "<!-- scenario-results: end -->"

# The base first, then its variants in the order section 12 tells them.
ORDER = ["ukraine-washington-2025.yaml", "ukraine-maximalist-russia.yaml",
         "ukraine-land-for-security.yaml", "ukraine-no-us-backstop.yaml",
         "ukraine-alaska-track.yaml", "ukraine-russia-rebuilds.yaml",
         "ukraine-land-for-security-russia-rebuilds.yaml"]


def redline(binary, cwd, *args):
    env = dict(os.environ, LC_ALL="C.UTF-8")
    threads = [] if args[0] == "check" else ["--threads", "2"]
    p = subprocess.run([binary] + list(args) + ["-q", "--format", "json"] + threads,
                       cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=600)
    if p.returncode != 0:
        raise SystemExit("redline %s: exit %d\n%s" % (" ".join(args), p.returncode,
                                                     p.stderr.decode()))
    return json.loads(p.stdout)


def num(x):
    return "%.3f" % x


def count(n):
    return "{:,}".format(n)


def options(opts, only=None):
    return ", ".join("%s %s" % (k, v) for k, v in opts.items() if only is None or k in only)


def verdict(stable):
    yes = [c.upper() if c != "nash" else "Nash" for c in ("nash", "gmr", "smr", "seq") if stable[c]]
    no = [c.upper() if c != "nash" else "Nash" for c in ("nash", "gmr", "smr", "seq")
          if not stable[c]]
    if not yes:
        return "unstable under every concept"
    if not no:
        return "stable under every concept"
    return "stable (%s), not %s" % (", ".join(yes), " or ".join(no))


def one_scenario(binary, folder, name):
    """The lines of the block for one scenario, and its row of the table."""
    solve = redline(binary, folder, "solve", name, "--top", "2")
    c = solve["counts"]
    lines = ["**`%s`** (%s)" % (name, solve["scenario"]["title"]), ""]
    decided = solve.get("decided", {})
    compat = decided.get("compatible", {})
    accept = {k: v for k, v in decided.get("acceptable", {}).items() if k not in compat}
    if compat:
        lines.append("* The red lines alone decide: %s." % options(compat))
    if accept:
        lines.append("* With the BATNAs, every acceptable package also has: %s." % options(accept))
    row = [name, count(c["feasible"]), count(c["compatible"]), count(c["acceptable"]),
           count(c["pareto"])]
    if not solve["top"]:
        ex = redline(binary, folder, "explain", name, "--max", "3")
        conflicts = ["{%s}" % ", ".join(x["blockers"]) for x in ex["conflicts"]]
        relax = ["{%s} (%s acceptable)" % (", ".join(x["blockers"]), count(x["acceptable"]))
                 for x in ex["relaxations"]]
        lines.append("* No acceptable package. Conflicts (`explain`): %s; smallest "
                     "relaxations: %s." % ("; ".join(conflicts) or "none",
                                          "; ".join(relax) or "none"))
        return lines + [""], row + ["none", "", "", ""]
    top = solve["top"][0]
    lines.append("* Top package by Nash product: %d (%s)." % (top["index"], options(top["options"])))
    lines.append("* Utilities: %s." % ", ".join("%s %s" % (p, num(u))
                                                for p, u in top["utilities"].items()))
    if len(solve["top"]) > 1:
        second = solve["top"][1]
        diff = {k: v for k, v in second["options"].items() if top["options"][k] != v}
        lines.append("* Second: %d, which differs in %s." % (second["index"], options(diff)))
    # The smallest gain over a BATNA, and whose: the BATNA margin of the top.
    gains = _gains(binary, folder, name, top)
    tight = min(gains, key=lambda p: gains[p])
    # Durability of the top package (simulate.md), from the durability ranking.
    dur = redline(binary, folder, "solve", name, "--rank", "durability", "--top",
                  str(max(c["acceptable"], 1)), "--only-top")
    periods = [p["durability"] for p in dur["top"] if p["index"] == top["index"]][0]
    lasts = "no break" if periods is None else "%.1f" % periods
    lines.append("* Smallest gain over a BATNA: %s (%s); periods until the first "
                 "break by drift: %s." % (num(gains[tight]), tight, lasts))
    st = redline(binary, folder, "stability", name, "--deal", str(top["index"]))
    pkg = st["packages"][0]
    moves = []
    for party, s in pkg["parties"].items():
        for imp in s.get("improvements", [])[:1]:
            moves.append("%s would gain %s by %s (%s)" % (
                party, num(imp["gain"]), options(imp["changes"]),
                "answerable" if imp["sanctioned"] else "not answerable"))
    lines.append("* Stability of the top package: %s%s." % (
        verdict(pkg["stable"]), "; " + "; ".join(moves) if moves else ""))
    sim = redline(binary, folder, "simulate", name)
    o = sim["outcome"]
    if o["agreed"]:
        d = sim["durability"]
        life = ("durable over %d periods" % sim["horizon"] if d["durable"]
                else "broken at period %d by %s" % (d["broken_at"], d["broken_by"]))
        lines.append("* Simulated (`simulate`): agreed at round %d on package %d; %s." % (
            o["round"], o["package"]["index"], life))
    else:
        lines.append("* Simulated (`simulate`): no agreement.")
    row += [str(top["index"]), "%s %s" % (num(gains[tight]), tight), lasts,
            verdict(pkg["stable"])]
    return lines + [""], row


def _gains(binary, folder, name, top):
    """Each veto party's gain over its BATNA at @top (check gives the BATNAs)."""
    batnas = redline(binary, folder, "check", name)["files"][0]["batnas"]
    return {p: top["utilities"][p] - b["batna"] for p, b in batnas.items()}


# The load-bearing judgements of the base (section 12), each moved from its
# value in the file toward the far end until the answer changes. Raising a
# BATNA, or lowering Russia's value of an option, only ever removes
# acceptable packages, so "empties" is a true threshold; the top package may
# change more than once on the way, and bisection finds one change.
MARGINS = [
    ("Russia's BATNA", "parties.russia.batna", 0.8),
    ("Russia's value of an Article-5-like guarantee",
     "parties.russia.values.security.article5_like", 0.0),
    ("Russia's value of caps on Ukraine's army", "parties.russia.values.military.capped", 0.0),
    ("Russia's value of sanctions lifted", "parties.russia.values.sanctions.lifted", 0.6),
    ("Ukraine's BATNA", "parties.ukraine.batna", 1.0),
    ("Europe's BATNA", "parties.europe.batna", 1.0),
    ("the United States' BATNA", "parties.usa.batna", 1.0),
]


def margins(binary, folder, name):
    """Rows: judgement, value in the file, where the zone empties, where the
    answer (acceptable count or top package) first changes."""
    check = redline(binary, folder, "check", name)["files"][0]["batnas"]

    def answer(path, value):
        d = redline(binary, folder, "solve", name, "--top", "1", "--set", "%s=%.6f" % (path, value))
        return d["counts"]["acceptable"], d["top"][0]["index"] if d["top"] else None

    def bisect(path, lo, hi, same):
        for _ in range(16):
            mid = (lo + hi) / 2
            if same(answer(path, mid)):
                lo = mid
            else:
                hi = mid
        return hi

    rows = []
    for label, path, far in MARGINS:
        parts = path.split(".")
        now = check[parts[1]]["batna"] if parts[2] == "batna" else _value(folder, name, parts)
        base = answer(path, now)
        if answer(path, far)[0] == 0:
            empty = num(bisect(path, now, far, lambda a: a[0] != 0))
        else:
            empty = "never"
        change = bisect(path, now, far, lambda a: a == base)
        after = answer(path, change)
        rows.append("| %s | %s | %s | %s (%s acceptable, top %s) |" % (
            label, num(now), empty, num(change), after[0], after[1] if after[1] is not None else "none"))
    return rows


def _value(folder, name, parts):
    """A value from the scenario file itself (parties.P.values.I.O)."""
    with open(os.path.join(folder, name), encoding="utf-8") as f:
        text = f.read()
    party = text[text.index("\n  %s:\n" % parts[1]):]
    line = re.search(r"\n      %s: \{([^}]*)\}" % parts[3], party).group(1)
    return float(dict(kv.split(": ") for kv in line.split(", "))[parts[4]])


def block(binary, source):
    folder = os.path.join(source, "scenarios")
    names = sorted(f for f in os.listdir(folder) if f.endswith(".yaml"))
    missing = set(names) - set(ORDER)
    if missing:
        raise SystemExit("scenario-results.py: add %s to ORDER" % ", ".join(sorted(missing)))
    rows, details = [], []
    for name in ORDER:
        lines, row = one_scenario(binary, folder, name)
        rows.append(row)
        details += lines
    head = ["| scenario | feasible | compatible | acceptable | Pareto | top (Nash) | "
            "smallest gain | periods | stability of the top |",
            "|---|---|---|---|---|---|---|---|---|"]
    table = ["| `%s` | %s |" % (r[0], " | ".join(r[1:])) for r in rows]
    margin = ["Margins of `%s` (each judgement moved alone from its value in the file; "
              "bisection to 1e-5, three decimals):" % ORDER[0], "",
              "| judgement | in the file | the zone empties at | the answer first changes at |",
              "|---|---|---|---|"] + margins(binary, folder, ORDER[0])
    return "\n".join([BEGIN, ""] + head + table + [""] + details + margin + ["", END])


def check_sources(source):
    """Every "..." quotation in a source of a shipped scenario is in the article."""
    article = os.path.join(source, "..", "shared", "seed", "article.txt")
    if not os.path.exists(article):
        print("scenario-results.py: %s missing, quotations not checked" % article)
        return []
    with open(article, encoding="utf-8") as f:
        text = f.read()
    bad = []
    folder = os.path.join(source, "scenarios")
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".yaml"):
            continue
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            for k, line in enumerate(f, 1):
                m = re.match(r"\s*source: '(.*)'\s*$", line)
                if not m:
                    continue
                for quote in re.findall(r'"([^"]+)"', m.group(1).replace("''", "'")):
                    if quote not in text:
                        bad.append("%s:%d: quotation not in the article: %s" % (name, k, quote))
    return bad


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    binary = os.path.abspath(sys.argv[1])
    source = os.path.abspath(sys.argv[2])
    update = "--update" in sys.argv[3:]
    bad = check_sources(source)
    for b in bad:
        print(b)
    readme = os.path.join(source, "scenarios", "README.md")
    with open(readme, encoding="utf-8") as f:
        text = f.read()
    if text.count(BEGIN) != 1 or text.count(END) != 1:
        print("scenarios/README.md: the scenario-results markers must each be there once")
        return 1
    start = text.index(BEGIN)
    end = text.index(END) + len(END)
    now = block(binary, source)
    if text[start:end] == now:
        print("scenarios/README.md: the results block agrees with the program")
        return 1 if bad else 0
    if update:
        with open(readme + ".tmp", "w", encoding="utf-8") as f:
            f.write(text[:start] + now + text[end:])
        os.replace(readme + ".tmp", readme)
        print("scenarios/README.md: results block rewritten")
        return 1 if bad else 0
    import difflib
    sys.stdout.writelines(difflib.unified_diff(
        text[start:end].splitlines(True), now.splitlines(True), "README.md (block)",
        "the program now"))
    print("\nscenarios/README.md disagrees with the program: run "
          "tests/cli/scenario-results.py BUILD/src/cli/redline . --update, check the diff")
    return 1


if __name__ == "__main__":
    sys.exit(main())
