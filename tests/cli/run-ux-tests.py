#!/usr/bin/env python3
# redline - negotiation-position modelling
# Copyright (C) 2026 the redline authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The rough edges a new user hits (issue 13), each with the test that
would have caught it:

- repeated flags: `--deal` adds up, `--party` writes several sheets, an
  option that takes one value refuses a second (exit 2);
- `evaluate --deal INDEX`: the package of that index, range-checked;
- `brief` for several parties, one file each in a folder;
- `-q` everywhere; errors in one prefix style; hints in rule errors;
- what help texts name exists in the repository;

    run-ux-tests.py BUILD/src/cli/redline SOURCE_ROOT [unittest arguments]

Standard library only. Numbers are checked against values worked out by
hand in the data files' comments, or computed here directly.
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import unittest

BINARY = None
SOURCE = None
VALID = None

# tests/data/valid/border-aid.yaml, by hand (its header comment).
BORDER = ["west", "middle", "east"]
AID = ["none", "some", "full"]


def env():
    e = dict(os.environ)
    e["LC_ALL"] = "C.UTF-8"
    return e


def run(args, cwd=None):
    p = subprocess.run([BINARY] + args, cwd=cwd or SOURCE, env=env(), stdin=subprocess.DEVNULL,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def data(*parts):
    return os.path.join(SOURCE, "tests", "data", *parts)


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


class RepeatedFlags(unittest.TestCase):
    def test_deal_pairs_add_up(self):
        f = data("valid", "border-aid.yaml")
        for b, border in enumerate(BORDER):
            for a, aid in enumerate(AID):
                rc, out, err = run(["evaluate", f, "--format", "json",
                                    "--deal", "aid=" + aid, "--deal", "border=" + border])
                self.assertEqual(rc, 0, err)
                doc = json.loads(out)
                self.assertEqual(doc["package"]["index"], 3 * b + a)
                self.assertEqual(doc["package"]["options"], {"border": border, "aid": aid})

    def test_deal_issue_twice_across_flags(self):
        rc, out, err = run(["evaluate", data("valid", "border-aid.yaml"),
                            "--deal", "border=east", "--deal", "border=west,aid=none"])
        self.assertEqual(rc, 2)
        self.assertEqual(out, "")
        self.assertIn("issue 'border' is named twice", err)
        self.assertIn("Try 'redline evaluate --help'.", err)

    def test_single_valued_options_refuse_a_second(self):
        f = data("valid", "border-aid.yaml")
        cases = [
            (["solve", f, "--format", "json", "--format", "csv"], "--format"),
            (["solve", f, "--top", "2", "--top=3"], "--top"),
            (["solve", f, "--rank", "nash", "--rank", "welfare"], "--rank"),
            (["solve", f, "--threads", "1", "--threads", "2"], "--threads"),
            (["solve", f, "--timeout", "5", "--timeout", "6"], "--timeout"),
            (["solve", f, "--max-packages", "5", "--max-packages", "6"], "--max-packages"),
            (["solve", f, "-o", "a.txt", "--output", "b.txt"], "--output"),
            (["explain", f, "--max", "1", "--max", "2"], "--max"),
            (["report", f, "--axes", "north,south", "--axes", "south,north"], "--axes"),
            (["simulate", f, "--runs", "2", "--runs", "3"], "--runs"),
            (["simulate", f, "--seed", "2", "--seed", "3"], "--seed"),
            (["simulate", f, "--rounds", "2", "--rounds", "3"], "--rounds"),
            (["debrief", f, "--deals", "a.csv", "-d", "b.csv"], "--deals"),
        ]
        with tempfile.TemporaryDirectory() as d:
            for args, flag in cases:
                with self.subTest(args=args):
                    rc, out, err = run(args, cwd=d)
                    self.assertEqual(rc, 2, err)
                    self.assertEqual(out, "")
                    self.assertIn("redline %s: %s given twice" % (args[0], flag), err)
                    self.assertIn("it takes one value", err)
                    self.assertEqual(os.listdir(d), [])

    def test_repeated_switch_and_whatif_still_fine(self):
        f = data("valid", "border-aid.yaml")
        rc, out, err = run(["solve", f, "-q", "--quiet", "--format", "json", "--top", "1",
                            "--exclude", "aid=none", "--exclude", "aid=full"])
        self.assertEqual(rc, 0, err)
        # Only aid=some is left: packages 1, 4, 7; acceptable 4 and 7, best
        # by nash is 7 (header comment of border-aid.yaml).
        doc = json.loads(out)
        self.assertEqual(doc["counts"]["acceptable"], 2)
        self.assertEqual(doc["top"][0]["index"], 7)


class DealIndex(unittest.TestCase):
    def test_every_index_of_border_aid(self):
        f = data("valid", "border-aid.yaml")
        for index in range(9):
            rc, out, err = run(["evaluate", f, "--format", "json", "--deal", str(index)])
            self.assertEqual(rc, 0, err)
            pkg = json.loads(out)["package"]
            self.assertEqual(pkg["index"], index)
            self.assertEqual(pkg["options"], {"border": BORDER[index // 3], "aid": AID[index % 3]})

    def test_mixed_radix_on_the_article(self):
        """The article's scenario: the options of an index worked out here
        from the issues' option lists (scenario.md: first issue most
        significant)."""
        f = os.path.join(SOURCE, "scenarios", "ukraine-washington-2025.yaml")
        rc, out, err = run(["solve", f, "--format", "json", "--top", "1"])
        self.assertEqual(rc, 0, err)
        best = json.loads(out)["top"][0]
        issues = list(best["options"].keys())
        options = self.option_lists(f, issues)
        space = 1
        for i in issues:
            space *= len(options[i])
        for index in (0, 1, 35393 % space, space - 1, best["index"]):
            rc, out, err = run(["evaluate", f, "--format", "json", "--deal", " %d " % index])
            self.assertEqual(rc, 0, err)
            got = json.loads(out)["package"]["options"]
            want, rest = {}, index
            for i in reversed(issues):
                want[i] = options[i][rest % len(options[i])]
                rest //= len(options[i])
            self.assertEqual(got, {i: want[i] for i in issues})
        rc, out, err = run(["evaluate", f, "--deal", str(space)])
        self.assertEqual(rc, 2)
        self.assertIn("package index %d is out of range: the packages are numbered 0 to %d"
                      % (space, space - 1), err)

    def option_lists(self, path, issues):
        """Each issue's option ids, in file order, read from the YAML text."""
        text = read(path)
        result = {}
        for i in issues:
            m = re.search(r"(?ms)^  %s:\n(.*?)(?=^  \S|^\S)" % re.escape(i), text)
            self.assertIsNotNone(m, i)
            block = m.group(1)
            ids = re.findall(r"(?m)^      - id: (\w+)|^      - (\w+)\s*$", block)
            ids = [a or b for a, b in ids]
            if not ids:
                inline = re.search(r"options: \[([^\]]*)\]", block)
                ids = [x.strip() for x in inline.group(1).split(",")]
            result[i] = ids
        return result

    def test_index_errors(self):
        f = data("valid", "border-aid.yaml")
        for deal, message in [("9", "package index 9 is out of range: the packages are numbered 0 to 8"),
                              ("99999999999999999999999", "out of range"),
                              ("-1", "expected ISSUE=OPTION, found '-1'"),
                              ("4.0", "expected ISSUE=OPTION, found '4.0'")]:
            with self.subTest(deal=deal):
                rc, out, err = run(["evaluate", f, "--deal", deal])
                self.assertEqual(rc, 2, err)
                self.assertEqual(out, "")
                self.assertIn(message, err)
        rc, out, err = run(["evaluate", f, "--deal", "4", "--deal", "aid=none"])
        self.assertEqual(rc, 2)
        self.assertIn("--deal 4: a package index names every issue; give it as the only --deal", err)


class Briefs(unittest.TestCase):
    def starter_brief(self, party):
        rc, starter, err = run(["init"])
        self.assertEqual(rc, 0, err)
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "river.yaml")
            with open(path, "w", encoding="utf-8") as f:
                f.write(starter)
            rc, md, err = run(["brief", path, "--party", party, "-q"])
            self.assertEqual(rc, 0, err)
        return md

    def test_rules_in_words(self):
        """The starter's red lines, by hand: upton's 'water >= third' allows
        third and half of [quarter, third, half], so it reads 'not A
        quarter' by the labels; downey's 'dam != large' reads 'not large'
        (an option without a label); a rule over two issues stays as
        written."""
        up = " ".join(self.starter_brief("upton").split())
        self.assertIn("**some-water**: Share of the river's water Upton may take: not A "
                      "quarter. The new quarter cannot be supplied with less.", up)
        self.assertNotIn("`water >= third`", up)
        self.assertIn("`not (public and fund == large)`. Upton will not be seen paying the "
                      "whole upkeep.", up)
        down = " ".join(self.starter_brief("downey").split())
        self.assertIn("**no-large-dam**: The dam: not large. A large dam would dry the "
                      "wetlands in summer.", down)

    def test_notes_precision_and_batna_sentence(self):
        up = " ".join(self.starter_brief("upton").split())
        # Notes as sentences: a capital and a full stop.
        self.assertIn("**Why**: Without a deal Upton can drill wells, at a cost.", up)
        self.assertIn("Your bargaining power is 1.20 (1 is the usual). The river rises on "
                      "its land.", up)
        # Upton today (status quo third, none, none, no), weights 3:2:1 ->
        # 1/2 * 0.5 + 1/3 * 0 + 1/6 * 1 = 0.4167; BATNA 0.35.
        self.assertIn("Do not mix the two up. Your walk-away point (0.35) is what you would "
                      "get if the talks failed; today's value (0.42) is what you have now", up)
        # One precision: every decimal number outside code and percentages
        # has two decimals.
        text = re.sub(r"`[^`]*`", "", up)
        for m in re.finditer(r"(?<![\d.])(\d+\.\d+)(?!\.\d)(?![\d.]*%)", text):
            self.assertRegex(m.group(1), r"^\d+\.\d\d$", text[m.start() - 40:m.end() + 10])

    def test_several_parties_one_file_each(self):
        f = data("report", "private.yaml")
        with tempfile.TemporaryDirectory() as d:
            rc, out, err = run(["brief", f, "--party", "me", "--party", "other", "-o", d])
            self.assertEqual(rc, 0, err)
            self.assertEqual(out, "")
            self.assertEqual(sorted(os.listdir(d)), ["me.md", "other.md"])
            for party in ("me", "other"):
                rc, one, err = run(["brief", f, "--party", party])
                self.assertEqual(rc, 0, err)
                self.assertEqual(read(os.path.join(d, party + ".md")), one)
            # Each sheet keeps the other's secrets (private.yaml's markers).
            self.assertNotIn("MY-PRIVATE-NOTE", read(os.path.join(d, "other.md")))
            self.assertIn("MY-PRIVATE-NOTE", read(os.path.join(d, "me.md")))

    def test_all_parties(self):
        f = data("report", "private.yaml")
        with tempfile.TemporaryDirectory() as d:
            rc, out, err = run(["brief", f, "--all-parties", "--format", "html", "-o", d])
            self.assertEqual(rc, 0, err)
            self.assertEqual(sorted(os.listdir(d)), ["me.html", "other.html", "watcher.html"])

    def test_several_need_a_folder(self):
        f = data("valid", "border-aid.yaml")
        with tempfile.TemporaryDirectory() as d:
            rc, out, err = run(["brief", f, "-p", "north", "-p", "south"], cwd=d)
            self.assertEqual(rc, 2)
            self.assertEqual(out, "")
            self.assertIn("give -o DIR", err)
            rc, out, err = run(["brief", f, "--all-parties", "-o", "missing"], cwd=d)
            self.assertEqual(rc, 3)
            self.assertIn("cannot write missing: not an existing folder", err)
            rc, out, err = run(["brief", f, "-p", "north", "-p", "north", "-o", d])
            self.assertEqual(rc, 2)
            self.assertIn("--party north is given twice", err)
            rc, out, err = run(["brief", f, "-p", "north", "--all-parties", "-o", d])
            self.assertEqual(rc, 2)
            self.assertEqual(os.listdir(d), [])

    def test_never_overwrites_the_scenario(self):
        with tempfile.TemporaryDirectory() as d:
            f = os.path.join(d, "north.md")
            with open(data("valid", "border-aid.yaml"), "rb") as src, open(f, "wb") as dst:
                dst.write(src.read())
            before = read(f)
            rc, out, err = run(["brief", f, "--all-parties", "-o", d])
            self.assertEqual(rc, 2)
            self.assertIn("would overwrite the scenario (an input)", err)
            self.assertEqual(read(f), before)
            self.assertEqual(sorted(os.listdir(d)), ["north.md"])

    def test_one_unwritable_writes_none(self):
        # A folder where one sheet should go: refused even for root.
        f = data("valid", "border-aid.yaml")
        with tempfile.TemporaryDirectory() as d:
            os.mkdir(os.path.join(d, "south.md"))
            rc, out, err = run(["brief", f, "--all-parties", "-o", d])
            self.assertEqual(rc, 3, err)
            self.assertEqual(sorted(os.listdir(d)), ["south.md"])


class Compare(unittest.TestCase):
    def test_other_issues_counts_only(self):
        """base.yaml (border, aid) against border-only.yaml (border): no
        gained or lost packages, and the counts of each side are its own
        (border-only's by hand in its comment: 3 packages, 1 acceptable;
        base's in run-whatif-tests.py)."""
        a = data("whatif", "base.yaml")
        b = data("whatif", "border-only.yaml")
        rc, out, err = run(["compare", a, b, "--format", "json"])
        self.assertEqual(rc, 0, err)
        doc = json.loads(out)
        self.assertIsNone(doc["gained"])
        self.assertIsNone(doc["lost"])
        self.assertEqual(doc["unmatched"], "issue 'aid' is only in A")
        self.assertEqual(doc["b"]["counts"]["space"], 3)
        self.assertEqual(doc["b"]["counts"]["acceptable"], 1)
        self.assertEqual(doc["a"]["counts"]["space"], 9)
        rc, out, err = run(["compare", a, b])
        self.assertEqual(rc, 0, err)
        text = " ".join(out.split())
        self.assertIn("A and B do not have the same issues and options (issue 'aid' is only "
                      "in A), so a package of one is not a package of the other", text)
        self.assertNotIn("acceptable in both", text)
        self.assertNotIn("Gained", text)
        rc, out, err = run(["compare", a, b, "--format", "csv"])
        self.assertEqual(rc, 0, err)
        self.assertEqual(len(out.splitlines()), 1)
        self.assertIn("cannot be matched", err)

    def test_digits_of_the_top_packages(self):
        """The article and its land-for-security variant: A's top Nash
        product is 0.000171..., B's 0.00057...: both in one notation, and
        apart in print (once '0.001' beside '0.000171')."""
        a = os.path.join(SOURCE, "scenarios", "ukraine-washington-2025.yaml")
        b = os.path.join(SOURCE, "scenarios", "ukraine-land-for-security.yaml")
        rc, out, err = run(["compare", a, b, "--format", "json"])
        self.assertEqual(rc, 0, err)
        doc = json.loads(out)
        exact = [doc["a"]["top"][0]["scores"]["nash"], doc["b"]["top"][0]["scores"]["nash"]]
        rc, out, err = run(["compare", a, b])
        m = [re.search(r"(?m)^  %s: package \d+, nash (\S+), " % side, out) for side in "AB"]
        printed = [x.group(1) for x in m]
        self.assertEqual(len({"e" in x for x in printed}), 1, printed)
        self.assertNotEqual(printed[0], printed[1])
        for x, v in zip(printed, exact):
            self.assertAlmostEqual(float(x), v, delta=abs(v) * 0.01)

    def test_labels_as_solve(self):
        """The top packages and the examples name issues and options by
        their labels, the words solve prints for the same package."""
        f = data("valid", "border-aid.yaml")
        rc, out, err = run(["compare", f, f, "--exclude", "border=east"])
        self.assertEqual(rc, 0, err)
        rc, solved, err = run(["solve", f, "--top", "1"])
        self.assertEqual(rc, 0, err)
        # Package 7 (east, some) is A's top; solve prints its labels.
        self.assertIn("Where the line runs", solved)
        self.assertIn("Some aid, paid over ten years", solved)
        flat = " ".join(out.split())
        self.assertIn("Where the line runs A: east; B: middle", flat)
        self.assertIn("Reconstruction aid Some aid, paid over ten years", flat)
        self.assertNotIn("border=", out)


def run_on_terminal(args, timeout=60):
    """Runs redline with standard error on a pseudo-terminal; returns the
    exit status and the progress lines with the time each arrived."""
    import pty
    import select
    import time
    master, slave = pty.openpty()
    t0 = time.monotonic()
    p = subprocess.Popen([BINARY] + args, stdout=subprocess.DEVNULL, stderr=slave,
                         stdin=subprocess.DEVNULL, env=env())
    os.close(slave)
    chunks = []
    while True:
        ready, _, _ = select.select([master], [], [], 0.05)
        if ready:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            chunks.append((time.monotonic() - t0, chunk))
        elif p.poll() is not None:
            break
        if time.monotonic() - t0 > timeout:
            p.kill()
            break
    p.wait()
    os.close(master)
    lines = []
    for t, chunk in chunks:
        for piece in chunk.decode("utf-8", "replace").split("\r"):
            if piece.strip():
                lines.append((t, piece.strip()))
    return p.returncode, lines


class Progress(unittest.TestCase):
    def test_simulate_runs_counted_from_the_start(self):
        """`simulate --runs 15000`: the first line within a second, in
        runs ("run 812 of 15,000"), rising, several before --timeout."""
        f = os.path.join(SOURCE, "scenarios", "ukraine-washington-2025.yaml")
        rc, lines = run_on_terminal(["simulate", f, "--runs", "15000", "--noise", "0.05",
                                     "--timeout", "3", "--threads", "2"])
        self.assertEqual(rc, 3)
        progress = [(t, l) for t, l in lines if l.startswith("simulating:")]
        self.assertGreater(len(progress), 5, lines)
        self.assertLess(progress[0][0], 1.0)
        done = []
        for t, l in progress:
            m = re.match(r"simulating: run ([\d,]+) of 15,000(, about \d+ (s|min) left)?$", l)
            self.assertIsNotNone(m, l)
            done.append(int(m.group(1).replace(",", "")))
        self.assertEqual(done, sorted(done))
        self.assertGreater(done[-1], done[0])
        self.assertNotIn("pass", " ".join(l for _, l in lines))

    def test_simulate_runs_text_leads_with_the_summary(self):
        f = data("simulate", "two-parties.yaml")
        rc, out, err = run(["simulate", f, "--runs", "5", "--noise", "0.1"])
        self.assertEqual(rc, 0, err)
        self.assertIn("Over 5 runs", out)
        self.assertIn("Round 0", out)
        self.assertLess(out.index("Over 5 runs"), out.index("Round 0"))
        self.assertLess(out.index("Over 5 runs"), out.index("Outcome:"))

    def test_solve_says_no_pass_one_of_one(self):
        big = os.path.join(SOURCE, "scenarios", "ukraine-washington-2025.yaml")
        rc, lines = run_on_terminal(["solve", big, "--top", "1"])
        self.assertEqual(rc, 0)
        for _, l in lines:
            self.assertNotIn("pass 1/1", l)
            if l.startswith("solving:"):
                self.assertRegex(l, r"^solving: (\d+%|step \d+ of \d+, \d+%)")


class Debrief(unittest.TestCase):
    def test_forgives_typing(self):
        """forgiving.csv: ids in other case and with spaces, a label for an
        option, CRLF, blank and all-comma rows. By hand (border-aid.yaml's
        header): Team A east/some = 7, Team B middle/some = 4, Team D
        middle/full = 5; nash ranks 1, 2, 3."""
        rc, out, err = run(["debrief", data("valid", "border-aid.yaml"), "--format", "json",
                            "--deals", data("debrief", "forgiving.csv")])
        self.assertEqual(rc, 0, err)
        self.assertEqual(err, "")
        groups = json.loads(out)["groups"]
        self.assertEqual([g["group"] for g in groups], ["Team A", "Team B", "Team D"])
        self.assertEqual([g["package"]["index"] for g in groups], [7, 4, 5])
        self.assertEqual([g["ranks"]["nash"] for g in groups], [1, 2, 3])

    def test_ambiguous_and_unknown_still_errors(self):
        with tempfile.TemporaryDirectory() as d:
            deals = os.path.join(d, "deals.csv")
            with open(deals, "w") as f:
                f.write("group,border,aid\nX,nowhere,some\nY,east,some\n")
            rc, out, err = run(["debrief", data("valid", "border-aid.yaml"), "--deals", deals,
                                "-o", os.path.join(d, "out.txt")])
            self.assertEqual(rc, 1)
            self.assertIn("deals.csv:2: error: unknown option 'nowhere' of issue 'border'", err)

    def test_observers_apart(self):
        """observer-bonus.yaml: package 1 (talks no, ceasefire yes) is not
        acceptable because a is below its BATNA; press's red line (an
        observer's) is broken too, but is no reason."""
        rc, out, err = run(["debrief", data("valid", "observer-bonus.yaml"),
                            "--deals", data("debrief", "observer.csv")])
        self.assertEqual(rc, 0, err)
        flat = " ".join(out.split())
        self.assertIn("Package #1: not acceptable: below the BATNA of a. Observers (no veto) "
                      "see their red lines broken: press/at-table.", flat)
        self.assertNotIn("breaks press/at-table", flat)


def ties(kind, a, b):
    """scenario.md section 6, written here from the text: Nash ties at a
    relative 1e-9; the others at 1e-9 absolute or relative, whichever is
    larger."""
    if kind == "nash":
        return abs(a - b) <= 1e-9 * max(abs(a), abs(b))
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def generated(tmp, seed, **shape):
    args = [sys.executable, os.path.join(SOURCE, "tools", "gen-scenario"), "--seed", str(seed)]
    for k, v in shape.items():
        args += ["--" + k.replace("_", "-"), str(v)]
    path = os.path.join(tmp, "gen-%d.yaml" % seed)
    with open(path, "w") as f:
        subprocess.run(args, stdout=f, check=True, timeout=120)
    return path


ROW = re.compile(r"^  +(\d+)  +(\d+)  +(\S+)  +(yes|no)  ")


class CompactText(unittest.TestCase):
    """solve's text: #1 in full, then a table row per package; scores with
    the digits that tell adjacent ranks apart, in one notation."""

    def check_scenario(self, path, rank):
        rc, out, err = run(["solve", path, "--format", "json", "--top", "25", "--rank", rank])
        self.assertEqual(rc, 0, err)
        top = json.loads(out)["top"]
        rc, text, err = run(["solve", path, "--top", "25", "--rank", rank])
        self.assertEqual(rc, 0, err)
        for line in text.splitlines():
            self.assertLessEqual(len(line), 80, line)
        if len(top) < 2:
            return 0
        rows = [ROW.match(l) for l in text.splitlines()]
        rows = [m for m in rows if m]
        self.assertEqual([int(m.group(1)) for m in rows], [p["rank"] for p in top])
        self.assertEqual([int(m.group(2)) for m in rows], [p["index"] for p in top])
        printed = [m.group(3) for m in rows]
        exact = [p["scores"][rank] for p in top]
        self.assertEqual(len({"e" in x for x in printed}), 1, printed)
        for k, (x, v) in enumerate(zip(printed, exact)):
            # The print rounds the exact value at its last digit.
            digits = len(x.split("e")[0].split(".")[1]) if "." in x else 0
            unit = 10 ** (-digits) * (10 ** int(x.split("e")[1]) if "e" in x else 1)
            self.assertLessEqual(abs(float(x) - v), unit / 2 * (1 + 1e-9), (x, v))
            if k > 0 and not ties(rank, exact[k - 1], v):
                self.assertNotEqual(printed[k - 1], x, (exact[k - 1], v))
        # Each row names only the issues where it differs from #1.
        first = top[0]["options"]
        for m, p in zip(rows[1:], top[1:]):
            differ = [i for i in first if p["options"][i] != first[i]]
            self.assertTrue(differ or "none" in m.group(0))
        self.assertEqual(text.count("Package "), 1, "only #1 in full")
        return len(top)

    def test_random_scenarios(self):
        seen = 0
        with tempfile.TemporaryDirectory() as tmp:
            for seed in range(1, 9):
                path = generated(tmp, seed, issues=6, options=4, parties=4, red_lines=1,
                                 target=0.3)
                for rank in ("nash", "welfare", "kalai", "min_gain"):
                    with self.subTest(seed=seed, rank=rank):
                        seen += self.check_scenario(path, rank)
        self.assertGreater(seen, 120)

    def test_long_lists_every_package_in_full(self):
        f = data("valid", "border-aid.yaml")
        rc, out, err = run(["solve", f, "--long", "--frontier"])
        self.assertEqual(rc, 0, err)
        # 3 ranked and 2 on the frontier (border-aid.yaml's header).
        self.assertEqual(len(re.findall(r"(?m)^(\d+\. )?Package \d+", out)), 5)
        rc, out, err = run(["solve", f, "--frontier"])
        self.assertEqual(len(re.findall(r"(?m)^(\d+\. )?Package \d+", out)), 1)
        self.assertIn("        4  0.045  yes     Where the line runs: middle", out)


class Warnings(unittest.TestCase):
    """tests/data/warnings/NAME.yaml, one suspicious thing each, worked
    out by hand in its comment; NAME.out is the expected standard error
    of `redline check NAME.yaml`, written by hand."""
    STATIC = {"veto-no-batna", "issue-unweighed"}   # the file alone shows them

    def cases(self):
        folder = data("warnings")
        names = sorted(f[:-5] for f in os.listdir(folder) if f.endswith(".yaml"))
        self.assertEqual(len(names), 6)
        return folder, names

    def test_check(self):
        folder, names = self.cases()
        for name in names:
            with self.subTest(name=name):
                want = read(os.path.join(folder, name + ".out"))
                rc, out, err = run(["check", name + ".yaml"], cwd=folder)
                self.assertEqual(rc, 0)
                self.assertEqual(err, want)
                self.assertIn(": ok", out)
                rc, out, err = run(["check", "-q", name + ".yaml"], cwd=folder)
                self.assertEqual((rc, err), (0, ""))
                rc, out, err = run(["check", "--format", "json", name + ".yaml"], cwd=folder)
                self.assertEqual((rc, err), (0, want))
                json.loads(out)

    def test_every_command_prints_the_static_ones(self):
        folder, names = self.cases()
        for name in names:
            want = read(os.path.join(folder, name + ".out")) if name in self.STATIC else ""
            for args in (["solve"], ["evaluate", "--deal", "0"], ["explain"], ["report"],
                         ["debrief", "--deals", data("debrief", "observer.csv")]):
                with self.subTest(name=name, command=args[0]):
                    rc, out, err = run(args[:1] + [name + ".yaml"] + args[1:], cwd=folder)
                    lines = [l for l in err.splitlines(True) if ": warning: " in l]
                    self.assertEqual("".join(lines), want)
                    rc, out, err = run(args[:1] + [name + ".yaml", "-q"] + args[1:], cwd=folder)
                    self.assertNotIn("warning", err)

    def test_none_for_a_clean_file(self):
        rc, out, err = run(["check", data("valid", "border-aid.yaml")])
        self.assertEqual((rc, err), (0, ""))


COMMANDS = ["check", "solve", "evaluate", "report", "brief", "debrief", "init", "explain",
            "compare", "simulate"]
FORMATS = ["text", "json", "csv", "markdown", "html"]


class Documentation(unittest.TestCase):
    def helps(self):
        rc, out, err = run(["--help"])
        self.assertEqual(rc, 0, err)
        texts = [("redline", out)]
        for c in COMMANDS:
            rc, out, err = run([c, "--help"])
            self.assertEqual(rc, 0, err)
            texts.append((c, out))
        return texts

    def test_files_named_by_help_exist(self):
        """A path (with a '/') or a .md file a help text names is in the
        repository; placeholders are in capitals (FILE.md, DIR/P.md). A
        section of scenarios/README.md exists with that number."""
        readme = read(os.path.join(SOURCE, "scenarios", "README.md"))
        named = 0
        for cmd, text in self.helps():
            for m in re.finditer(r"[\w./-]+\.(?:md|yaml|csv|html|txt|json)\b", text):
                name = m.group(0).rstrip(".")
                stem = os.path.basename(name).split(".")[0]
                placeholder = stem.isupper() and stem != "README"
                if placeholder or ("/" not in name and not name.endswith(".md")):
                    continue
                if name.startswith("DIR/"):
                    continue
                named += 1
                with self.subTest(command=cmd, name=name):
                    self.assertTrue(os.path.exists(os.path.join(SOURCE, name)),
                                    "%s --help names %s, which the repository does not have"
                                    % (cmd, name))
            for m in re.finditer(r"scenarios/README\.md, section (\d+)", text):
                with self.subTest(command=cmd, section=m.group(1)):
                    self.assertRegex(readme, r"(?m)^## %s\. " % m.group(1))
        self.assertGreater(named, 0)

    def test_readme_formats(self):
        """README's list of formats is what each command accepts."""
        text = " ".join(read(os.path.join(SOURCE, "README.md")).split())
        m = re.search(r"Formats \(`--format`\): (.*?)\. Every command", text)
        self.assertIsNotNone(m)
        said = {}
        for part in m.group(1).split(";"):
            names = re.findall(r"`(\w+)`", part)
            cmds = [n for n in names if n in COMMANDS]
            plain = re.sub(r"\([^)]*\)", "", part)
            fmts = [w for w in re.findall(r"\b(\w+)\b", plain) if w in FORMATS]
            for c in cmds:
                said[c] = set(fmts)
        self.assertEqual(set(said), set(COMMANDS))
        f = data("valid", "border-aid.yaml")
        with tempfile.TemporaryDirectory() as d:
            for c in COMMANDS:
                for fmt in FORMATS:
                    with self.subTest(command=c, format=fmt):
                        rc, out, err = run([c, "--format", fmt, f, "-o", os.path.join(d, "x")],
                                           cwd=d)
                        refused = rc == 2 and ("--format" in err and (
                            "not available" in err or "unknown" in err)
                            or "Unknown option --format" in err)
                        self.assertEqual(not refused, fmt in said[c], err)

    def test_table_of_contents(self):
        readme = read(os.path.join(SOURCE, "scenarios", "README.md"))
        contents = readme.split("Contents:", 1)[1].split("\n## ", 1)[0]
        listed = re.findall(r"(?m)^(\d+)\. \[", contents)
        headings = re.findall(r"(?m)^## (\d+)\. ", readme)
        self.assertEqual(listed, headings)

    def test_every_report_section_documented(self):
        source = read(os.path.join(SOURCE, "src", "write", "write-report.c"))
        ids = re.findall(r'rl_doc_section_open \(doc, "([\w-]+)"', source)
        self.assertIn("simulation", ids)
        readme = read(os.path.join(SOURCE, "scenarios", "README.md"))
        report = readme.split("### `redline report FILE`", 1)[1].split("### `redline brief", 1)[0]
        for i in ids:
            with self.subTest(section=i):
                self.assertIn("(`%s`" % i, report)

    def test_starter_comments_name_real_options(self):
        """Every comparison a comment of the starter shows compiles against
        the starter itself (unknown issues and options are errors)."""
        rc, starter, err = run(["init"])
        self.assertEqual(rc, 0, err)
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "starter.yaml")
            with open(path, "w", encoding="utf-8") as f:
                f.write(starter)
            rules = []
            for line in starter.splitlines():
                comment = line.split("#", 1)[1] if "#" in line else ""
                rules += re.findall(r"\b\w+ (?:>=|<=|==|!=|>|<) \w+\b", comment)
            self.assertGreater(len(rules), 0)
            for rule in rules:
                with self.subTest(rule=rule):
                    rc, out, err = run(["solve", path, "--top", "0", "-q", "--require", rule])
                    self.assertEqual(rc, 0, err)

    def test_debrief_help_names_every_rank(self):
        rc, out, err = run(["debrief", data("valid", "border-aid.yaml"), "--format", "json",
                            "--deals", data("debrief", "border-aid-groups.csv")])
        doc = json.loads(out)
        ranks = next(g["ranks"] for g in doc["groups"] if g.get("ranks"))
        words = {"nash": "Nash", "welfare": "welfare", "kalai": "Kalai",
                 "min_gain": "smallest gain"}
        rc, help_text, err = run(["debrief", "--help"])
        help_text = " ".join(help_text.split())
        self.assertEqual(set(ranks), set(words))
        for key in ranks:
            self.assertIn(words[key], help_text)
        self.assertIn("four", help_text)


def main():
    global BINARY, SOURCE, VALID
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    BINARY = os.path.abspath(sys.argv[1])
    SOURCE = os.path.abspath(sys.argv[2])
    VALID = data("valid")
    argv = [sys.argv[0]] + sys.argv[3:]
    result = unittest.main(argv=argv, exit=False, verbosity=2).result
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
