#!/usr/bin/env python3
# redline - negotiation-position modelling
# Copyright (C) 2026 the redline authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Never lose a file (issue 20 items 1, 6, 7, 8 and 10; issue 13 item 7):

- no output (-o, --transcript) may overwrite an input: the scenario, every
  file of its `extends` chain (compare: A's and B's), --deals; through any
  spelling (./x, dir/../x, an absolute path, a symbolic or a hard link);
  nor may two outputs name one file;
- SIGINT, SIGTERM, SIGHUP and `timeout` remove the hidden temporary of -o,
  and the program dies by that signal; an ignored SIGHUP stays ignored;
- a Markdown report and its chart folder are replaced all or nothing: a
  full disk (a small tmpfs when root, a file-size limit otherwise), -o
  naming a folder or a device, a chart folder holding something redline
  did not write: the previous report stays byte for byte;
- a missing output folder is an error naming it, for every command, and
  nothing is created;
- `solve -- --toy.yaml` loads --toy.yaml; `-o ""` is a usage error.

    run-file-safety-tests.py BUILD/src/cli/redline SOURCE_ROOT [unittest arguments]

Each check compares the whole folder (every file's bytes, hidden ones too)
before and after. Standard library only; every wait is bounded.
"""
import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest

BINARY = None
SOURCE = None
DATA = None

# Runs that must finish at once get this long; a hung one fails the test.
QUICK = 120


def env():
    e = dict(os.environ)
    e["LC_ALL"] = "C.UTF-8"
    return e


def run(args, cwd, preexec_fn=None):
    p = subprocess.run([BINARY] + args, cwd=cwd, env=env(), stdin=subprocess.DEVNULL,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=QUICK,
                       preexec_fn=preexec_fn)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def snapshot(top):
    """Every file and folder under @top (hidden ones too): path -> bytes, or
    'dir' / 'link -> target'."""
    out = {}
    for root, dirs, files in os.walk(top):
        for name in dirs + files:
            path = os.path.join(root, name)
            rel = os.path.relpath(path, top)
            if os.path.islink(path):
                out[rel] = "link -> " + os.readlink(path)
            elif os.path.isdir(path):
                out[rel] = "dir"
            else:
                with open(path, "rb") as f:
                    out[rel] = f.read()
    return out


def hidden(top):
    """Hidden temporaries redline may have left: .NAME.XXXXXX."""
    found = []
    for root, dirs, files in os.walk(top):
        for name in dirs + files:
            if re.match(r"^\..+\.[A-Za-z0-9]{6}$", name):
                found.append(os.path.relpath(os.path.join(root, name), top))
    return found


def whatif_tree(work):
    """base.yaml <- v1.yaml <- deeper/v2.yaml (tests/data/whatif), a deals
    file, and other spellings of base.yaml: a symbolic and a hard link."""
    src = os.path.join(DATA, "whatif")
    for name in ("base.yaml", "v1.yaml", "border-only.yaml"):
        shutil.copy(os.path.join(src, name), os.path.join(work, name))
    os.mkdir(os.path.join(work, "deeper"))
    shutil.copy(os.path.join(src, "deeper", "v2.yaml"), os.path.join(work, "deeper", "v2.yaml"))
    os.symlink("base.yaml", os.path.join(work, "link-base.yaml"))
    os.link(os.path.join(work, "base.yaml"), os.path.join(work, "hard-base.yaml"))
    os.symlink("v1.yaml", os.path.join(work, "link-v1.yaml"))
    with open(os.path.join(work, "deals.csv"), "w") as f:
        f.write("group,border,aid\nA,middle,some\n")


def usage_message(cmd, flag, path):
    """The refusal, with WHAT (the input) captured."""
    return re.compile(r"\Aredline %s: %s %s would overwrite (.+) \(an input\)\n"
                      r"Try 'redline %s --help'\.\n\Z"
                      % (re.escape(cmd), re.escape(flag), re.escape(path), re.escape(cmd)))


# ---- item 1: no output overwrites an input ----------------------------------------------


class InputsProtected(unittest.TestCase):
    def setUp(self):
        self.work = tempfile.mkdtemp(prefix="redline-inputs-")
        whatif_tree(self.work)

    def tearDown(self):
        shutil.rmtree(self.work)

    def refused(self, args, flag, path, what_has):
        """@args (ending with FLAG PATH) exits 2 with the precise message
        naming an input that contains @what_has, and no file changes."""
        before = snapshot(self.work)
        rc, out, err = run(args, self.work)
        self.assertEqual(rc, 2, (args, err))
        m = usage_message(args[0], flag, path).match(err)
        self.assertTrue(m, (args, err))
        self.assertIn(what_has, m.group(1), (args, err))
        self.assertEqual(out, "")
        self.assertEqual(snapshot(self.work), before, args)

    # Every spelling of base.yaml, as seen from the work folder.
    def base_spellings(self):
        return ["base.yaml", "./base.yaml", "deeper/../base.yaml",
                os.path.join(self.work, "base.yaml"), "link-base.yaml", "hard-base.yaml"]

    def test_base_of_a_variant_every_command(self):
        """The base of the base (base.yaml, two steps up the chain) for
        every command that writes -o."""
        v2 = "deeper/v2.yaml"
        commands = [
            ["solve", v2], ["evaluate", v2, "--deal", "border=middle,aid=some"],
            ["explain", v2], ["report", v2], ["report", v2, "--format", "markdown"],
            ["brief", v2, "--party", "north"], ["debrief", v2, "--deals", "deals.csv"],
            ["simulate", v2], ["check", v2], ["check", "border-only.yaml", v2],
        ]
        for spelling in self.base_spellings():
            for c in commands:
                with self.subTest(command=c, spelling=spelling):
                    self.refused(c + ["-o", spelling], "-o", spelling, "base.yaml")

    def test_direct_base(self):
        for spelling in ("v1.yaml", "./v1.yaml", "link-v1.yaml", "deeper/../v1.yaml"):
            with self.subTest(spelling=spelling):
                self.refused(["solve", "deeper/v2.yaml", "-o", spelling], "-o", spelling, "v1.yaml")
                self.refused(["report", "v1.yaml", "-o", spelling], "-o", spelling, "scenario")

    def test_compare_both_chains(self):
        # C extends B: compare A C -o B.
        self.refused(["compare", "border-only.yaml", "deeper/v2.yaml", "-o", "v1.yaml"], "-o",
                     "v1.yaml", "of B")
        self.refused(["compare", "border-only.yaml", "deeper/v2.yaml", "-o", "hard-base.yaml"], "-o",
                     "hard-base.yaml", "base.yaml")
        # A's chain too.
        self.refused(["compare", "deeper/v2.yaml", "border-only.yaml", "-o", "link-v1.yaml"], "-o",
                     "link-v1.yaml", "of A")
        self.refused(["compare", "v1.yaml", "border-only.yaml", "-o", "./border-only.yaml"], "-o",
                     "./border-only.yaml", "scenario B")

    def test_deals_and_transcript(self):
        os.symlink("deals.csv", os.path.join(self.work, "link-deals.csv"))
        for spelling in ("deals.csv", "./deals.csv", "link-deals.csv", "deeper/../deals.csv"):
            self.refused(["debrief", "v1.yaml", "--deals", "deals.csv", "-o", spelling], "-o",
                         spelling, "deals file")
        for spelling in self.base_spellings():
            self.refused(["simulate", "deeper/v2.yaml", "--transcript", spelling], "--transcript",
                         spelling, "base.yaml")
        self.refused(["simulate", "v1.yaml", "-o", "out.txt", "--transcript", "v1.yaml"],
                     "--transcript", "v1.yaml", "scenario")

    def test_new_and_unrelated_targets_are_written(self):
        """A target that does not exist yet is no input; another existing
        file is replaced as before."""
        rc, out, err = run(["solve", "deeper/v2.yaml", "--format", "json", "-o", "new.json"], self.work)
        self.assertEqual(rc, 0, err)
        with open(os.path.join(self.work, "new.json")) as f:
            self.assertEqual(json.load(f)["counts"]["acceptable"], 1)   # v2.yaml's comment
        rc, out, err = run(["solve", "deeper/v2.yaml", "--format", "json", "-o", "border-only.yaml"],
                           self.work)
        self.assertEqual(rc, 0, err)
        self.assertEqual(hidden(self.work), [])


# ---- item 8: two outputs, one file -------------------------------------------------------


class TwoOutputs(unittest.TestCase):
    def test_transcript_and_output_the_same_file(self):
        work = tempfile.mkdtemp(prefix="redline-outputs-")
        try:
            shutil.copy(os.path.join(DATA, "simulate", "two-parties.yaml"), os.path.join(work, "s.yaml"))
            os.mkdir(os.path.join(work, "sub"))
            cases = [("same.csv", "same.csv"), ("same.csv", "./same.csv"),
                     ("same.csv", "sub/../same.csv"),
                     ("same.csv", os.path.join(work, "same.csv"))]
            for o, t in cases:   # neither exists yet
                with self.subTest(o=o, t=t):
                    rc, out, err = run(["simulate", "s.yaml", "-o", o, "--transcript", t], work)
                    self.assertEqual(rc, 2, err)
                    self.assertEqual(err, "redline simulate: -o %s and --transcript %s name the same "
                                          "file; give each its own\nTry 'redline simulate --help'.\n"
                                     % (o, t))
                    self.assertEqual(sorted(os.listdir(work)), ["s.yaml", "sub"])
            with open(os.path.join(work, "same.csv"), "w") as f:
                f.write("precious\n")
            os.symlink("same.csv", os.path.join(work, "link.csv"))
            os.link(os.path.join(work, "same.csv"), os.path.join(work, "hard.csv"))
            for o, t in cases + [("same.csv", "link.csv"), ("hard.csv", "same.csv")]:
                with self.subTest(o=o, t=t, exists=True):
                    before = snapshot(work)
                    rc, out, err = run(["simulate", "s.yaml", "-o", o, "--transcript", t], work)
                    self.assertEqual(rc, 2, err)
                    self.assertIn("name the same file", err)
                    self.assertEqual(snapshot(work), before)
            # Two files: both written.
            rc, out, err = run(["simulate", "s.yaml", "-o", "text.txt", "--transcript", "rounds.csv"], work)
            self.assertEqual(rc, 0, err)
            with open(os.path.join(work, "rounds.csv")) as f:
                self.assertTrue(f.readline().startswith("round,"))
        finally:
            shutil.rmtree(work)


# ---- item 10: "--" and -o "" ----------------------------------------------------------------


class CommandLine(unittest.TestCase):
    def test_file_after_double_dash(self):
        work = tempfile.mkdtemp(prefix="redline-dash-")
        try:
            shutil.copy(os.path.join(DATA, "valid", "border-aid.yaml"), os.path.join(work, "--toy.yaml"))
            rc, out, err = run(["solve", "--format", "json", "--", "--toy.yaml"], work)
            self.assertEqual(rc, 0, err)
            doc = json.loads(out)
            self.assertEqual(doc["counts"]["acceptable"], 3)   # border-aid.yaml's comment
            self.assertEqual(doc["scenario"]["file"], "--toy.yaml")
            rc, out, err = run(["check", "--", "--toy.yaml"], work)
            self.assertEqual(rc, 0, err)
            self.assertTrue(out.startswith("--toy.yaml: ok"), out)
            # Still one FILE: "--" is no file, a second name is refused.
            rc, out, err = run(["solve", "--", "--toy.yaml", "--toy.yaml"], work)
            self.assertEqual(rc, 2, err)
            self.assertIn("one FILE only; found '--toy.yaml' after '--toy.yaml'", err)
        finally:
            shutil.rmtree(work)

    def test_empty_file_names(self):
        work = tempfile.mkdtemp(prefix="redline-empty-")
        try:
            shutil.copy(os.path.join(DATA, "valid", "border-aid.yaml"), os.path.join(work, "ba.yaml"))
            for cmd in (["solve", "ba.yaml"], ["check", "ba.yaml"], ["report", "ba.yaml"],
                        ["explain", "ba.yaml"], ["simulate", "ba.yaml"],
                        ["report", "ba.yaml", "--format", "markdown"]):
                with self.subTest(cmd=cmd):
                    rc, out, err = run(cmd + ["-o", ""], work)
                    self.assertEqual(rc, 2, err)
                    self.assertEqual(err, "redline %s: -o: expected a file name, found '' (- is "
                                          "standard output)\nTry 'redline %s --help'.\n"
                                     % (cmd[0], cmd[0]))
            rc, out, err = run(["simulate", "ba.yaml", "--transcript", ""], work)
            self.assertEqual(rc, 2, err)
            self.assertIn("--transcript: expected a file name", err)
            rc, out, err = run(["debrief", "ba.yaml", "--deals", ""], work)
            self.assertEqual(rc, 2, err)
            self.assertIn("--deals: expected a file name, found ''\n", err)
            self.assertEqual(os.listdir(work), ["ba.yaml"])
        finally:
            shutil.rmtree(work)


# ---- issue 13 item 7: missing folders -------------------------------------------------------


class MissingFolder(unittest.TestCase):
    def test_every_command_names_the_missing_folder(self):
        """One rule: no command creates folders; the message names the one
        missing, exit 3, and nothing is created."""
        work = tempfile.mkdtemp(prefix="redline-folders-")
        try:
            whatif_tree(work)
            before = snapshot(work)
            target = os.path.join("new", "dir", "x.out")
            commands = [
                ["solve", "v1.yaml"], ["evaluate", "v1.yaml", "--deal", "border=middle,aid=some"],
                ["explain", "v1.yaml"], ["compare", "base.yaml", "v1.yaml"], ["report", "v1.yaml"],
                ["report", "v1.yaml", "--format", "markdown"], ["brief", "v1.yaml", "--party", "north"],
                ["debrief", "v1.yaml", "--deals", "deals.csv"], ["simulate", "v1.yaml"],
                ["check", "v1.yaml"],
            ]
            for c in commands:
                with self.subTest(command=c):
                    rc, out, err = run(c + ["-o", target], work)
                    self.assertEqual(rc, 3, err)
                    self.assertEqual(err, "redline: cannot write %s: the folder new/dir does not "
                                          "exist (redline creates no folders)\n" % target)
                    self.assertEqual(snapshot(work), before)
            rc, out, err = run(["simulate", "v1.yaml", "--transcript", target], work)
            self.assertEqual(rc, 3, err)
            self.assertIn("the folder new/dir does not exist", err)
            self.assertEqual(snapshot(work), before)
        finally:
            shutil.rmtree(work)


# ---- item 7: a Markdown report, all or nothing -----------------------------------------------


OLD_CHARTS = ["funnel.svg", "space-north-south.svg", "weights-north.svg", "weights-south.svg",
              "stale.svg"]


def old_report(work, name="r"):
    """A previous report whose every byte differs from what redline would
    write now: any file it replaces shows."""
    with open(os.path.join(work, name + ".md"), "w") as f:
        f.write("# the previous report\n")
    os.mkdir(os.path.join(work, name + "-files"))
    for chart in OLD_CHARTS:
        with open(os.path.join(work, name + "-files", chart), "w") as f:
            f.write("<svg>previous %s</svg>\n" % chart)


def small_tmpfs(size):
    """A tmpfs of @size mounted for the test (root only), or None."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or not shutil.which("mount"):
        return None
    mnt = tempfile.mkdtemp(prefix="redline-small-")
    p = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=%s" % size, "tmpfs", mnt],
                       capture_output=True, timeout=QUICK)
    if p.returncode != 0:
        os.rmdir(mnt)
        return None
    return mnt


class MarkdownReport(unittest.TestCase):
    def setUp(self):
        self.work = tempfile.mkdtemp(prefix="redline-md-")
        shutil.copy(os.path.join(DATA, "valid", "border-aid.yaml"), os.path.join(self.work, "ba.yaml"))
        shutil.copy(os.path.join(SOURCE, "scenarios", "ukraine-washington-2025.yaml"),
                    os.path.join(self.work, "uk.yaml"))

    def tearDown(self):
        shutil.rmtree(self.work)

    def assertUntouched(self, args, status, message, preexec_fn=None, cwd=None):
        cwd = cwd or self.work
        before = snapshot(cwd)
        rc, out, err = run(args, cwd, preexec_fn)
        self.assertEqual(rc, status, err)
        self.assertIn(message, err)
        self.assertEqual(snapshot(cwd), before, err)
        return err

    def test_success_replaces_the_whole_set(self):
        old_report(self.work)
        rc, out, err = run(["report", "ba.yaml", "--format", "markdown", "-o", "r.md"], self.work)
        self.assertEqual((rc, err), (0, ""))
        with open(os.path.join(self.work, "r.md"), encoding="utf-8") as f:
            md = f.read()
        refs = sorted(set(re.findall(r"\]\(<r-files/([^>]+)>\)", md)))
        self.assertTrue(refs)
        # Exactly the charts the new report shows: none of the old ones,
        # not even one the new report does not write.
        self.assertEqual(sorted(os.listdir(os.path.join(self.work, "r-files"))), refs)
        for ref in refs:
            with open(os.path.join(self.work, "r-files", ref)) as f:
                self.assertTrue(f.read().startswith("<svg"), ref)
                self.assertNotIn("previous", ref)
        self.assertEqual(hidden(self.work), [])
        self.assertEqual(sorted(os.listdir(self.work)), ["ba.yaml", "r-files", "r.md", "uk.yaml"])

    def test_file_size_limit_keeps_the_old_report(self):
        """A write fails part way (RLIMIT_FSIZE, SIGXFSZ ignored: EFBIG): the
        previous report stays byte for byte, nothing hidden is left."""
        old_report(self.work)

        def limit():
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

        err = self.assertUntouched(["report", "uk.yaml", "--format", "markdown", "-o", "r.md"], 3,
                                   "cannot write ", preexec_fn=limit)
        self.assertIn("File too large", err)

    def test_full_tmpfs_keeps_the_old_report(self):
        mnt = small_tmpfs("128k")
        if mnt is None:
            self.skipTest("cannot mount a small tmpfs here (needs root)")
        try:
            shutil.copy(os.path.join(self.work, "uk.yaml"), os.path.join(mnt, "uk.yaml"))
            old_report(mnt)
            # The article's report is about 270 kB: it cannot fit.
            self.assertUntouched(["report", "uk.yaml", "--format", "markdown", "-o", "r.md"], 3,
                                 "No space left on device", cwd=mnt)
        finally:
            subprocess.run(["umount", mnt], timeout=QUICK)
            os.rmdir(mnt)

    def test_output_is_a_folder(self):
        """-o r where r is a folder: its chart folder would be r-files, the
        previous report's; nothing may change."""
        old_report(self.work)
        os.mkdir(os.path.join(self.work, "r"))
        self.assertUntouched(["report", "ba.yaml", "--format", "markdown", "-o", "r"], 3,
                             "redline: cannot write r: Is a directory\n")

    def test_device(self):
        existed = os.path.exists("/dev/full-files")
        before = sorted(os.listdir("/dev/full-files")) if existed else None
        for dev in ("/dev/full", "/dev/null"):
            self.assertUntouched(["report", "ba.yaml", "--format", "markdown", "-o", dev], 3,
                                 "cannot write %s: a Markdown report is a file and a folder of "
                                 "charts beside it" % dev)
        if existed:
            self.assertEqual(sorted(os.listdir("/dev/full-files")), before)
        else:
            self.assertFalse(os.path.exists("/dev/full-files"))
        self.assertFalse(os.path.exists("/dev/null-files"))

    def test_foreign_files_in_the_chart_folder(self):
        """A chart folder holding what redline did not write is never
        replaced (it would be removed with the old charts)."""
        old_report(self.work)
        with open(os.path.join(self.work, "r-files", "notes.txt"), "w") as f:
            f.write("mine\n")
        self.assertUntouched(["report", "ba.yaml", "--format", "markdown", "-o", "r.md"], 3,
                             "holds 'notes.txt', which is not a chart redline wrote")
        os.remove(os.path.join(self.work, "r-files", "notes.txt"))
        os.mkdir(os.path.join(self.work, "r-files", "sub"))
        self.assertUntouched(["report", "ba.yaml", "--format", "markdown", "-o", "r.md"], 3,
                             "holds 'sub'")
        os.rmdir(os.path.join(self.work, "r-files", "sub"))
        # A link in place of the folder: its target is someone's folder.
        os.mkdir(os.path.join(self.work, "elsewhere"))
        os.symlink("elsewhere", os.path.join(self.work, "s-files"))
        self.assertUntouched(["report", "ba.yaml", "--format", "markdown", "-o", "s.md"], 3,
                             "its chart folder is a symbolic link")
        with open(os.path.join(self.work, "t-files"), "w") as f:
            f.write("a file\n")
        self.assertUntouched(["report", "ba.yaml", "--format", "markdown", "-o", "t.md"], 3,
                             "its chart folder exists and is not a folder")

    def test_refused_before_the_work(self):
        """-o naming a folder is refused before the search: as fast as
        loading the scenario, on one whose report takes seconds."""
        big = Interrupt.big_scenario(self.work)
        t0 = time.monotonic()
        rc, _, err = run(["check", big], self.work)
        load = time.monotonic() - t0
        self.assertEqual(rc, 0, err)
        os.mkdir(os.path.join(self.work, "d"))
        t0 = time.monotonic()
        rc, _, err = run(["report", big, "--format", "markdown", "-o", "d", "-q"], self.work)
        refused = time.monotonic() - t0
        self.assertEqual(rc, 3, err)
        self.assertIn("Is a directory", err)
        self.assertLess(refused, load + 1.0, "refused after %.1f s" % refused)


# ---- item 6: interrupted runs ----------------------------------------------------------------


class Interrupt(unittest.TestCase):
    """`solve BIG --all -o x.csv` runs for a minute or more; a signal ends it
    within a second and leaves no .x.csv.XXXXXX."""

    BIG = None

    @classmethod
    def big_scenario(cls, work):
        if cls.BIG is None:
            path = os.path.join(tempfile.gettempdir(), "redline-file-safety-big-%d.yaml" % os.getpid())
            p = subprocess.run([sys.executable, os.path.join(SOURCE, "tools", "gen-scenario"),
                                "--issues", "14", "--options", "4", "--fixed-options",
                                "--parties", "4", "--red-lines", "2", "--target", "0.05",
                                "--seed", "3"], capture_output=True, timeout=QUICK)
            assert p.returncode == 0, p.stderr
            with open(path, "wb") as f:
                f.write(p.stdout)
            cls.BIG = path
        return cls.BIG

    def setUp(self):
        self.work = tempfile.mkdtemp(prefix="redline-signal-")
        with open(os.path.join(self.work, "x.csv"), "w") as f:
            f.write("old contents\n")

    def tearDown(self):
        shutil.rmtree(self.work)

    def start(self, prefix=(), preexec_fn=None):
        args = list(prefix) + [BINARY, "solve", self.big_scenario(self.work), "--all", "--format",
                               "csv", "-q", "-o", "x.csv"]
        p = subprocess.Popen(args, cwd=self.work, env=env(), stdin=subprocess.DEVNULL,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             preexec_fn=preexec_fn)
        self.addCleanup(lambda: p.poll() is None and p.kill())
        # Wait (bounded) until the temporary is there and being written.
        deadline = time.monotonic() + 30
        while not hidden(self.work) and time.monotonic() < deadline and p.poll() is None:
            time.sleep(0.02)
        self.assertTrue(hidden(self.work), "no temporary appeared")
        time.sleep(0.5)
        self.assertIsNone(p.poll(), "the run ended before the signal")
        return p

    def assertClean(self):
        self.assertEqual(hidden(self.work), [])
        self.assertEqual(os.listdir(self.work), ["x.csv"])
        with open(os.path.join(self.work, "x.csv")) as f:
            self.assertEqual(f.read(), "old contents\n")

    def test_each_signal(self):
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            with self.subTest(signal=sig.name):
                p = self.start()
                t0 = time.monotonic()
                p.send_signal(sig)
                rc = p.wait(timeout=30)
                p.stderr.close()
                self.assertLess(time.monotonic() - t0, 5)
                # Died by the signal itself (the shell's 128 + N).
                self.assertEqual(rc, -sig)
                self.assertClean()

    def test_timeout_command(self):
        if not shutil.which("timeout"):
            self.skipTest("no timeout(1)")
        p = self.start(prefix=["timeout", "--preserve-status", "2"])
        rc = p.wait(timeout=60)
        p.stderr.close()
        self.assertEqual(rc, 128 + signal.SIGTERM)
        self.assertClean()

    def test_ignored_hangup_stays_ignored(self):
        """nohup: an ignored SIGHUP does not end the run; SIGTERM then does."""
        p = self.start(preexec_fn=lambda: signal.signal(signal.SIGHUP, signal.SIG_IGN))
        p.send_signal(signal.SIGHUP)
        time.sleep(0.5)
        self.assertIsNone(p.poll())
        p.send_signal(signal.SIGTERM)
        self.assertEqual(p.wait(timeout=30), -signal.SIGTERM)
        p.stderr.close()
        self.assertClean()


if __name__ == "__main__":
    BINARY = os.path.abspath(sys.argv[1])
    SOURCE = os.path.abspath(sys.argv[2])
    DATA = os.path.join(SOURCE, "tests", "data")
    try:
        unittest.main(argv=[sys.argv[0]] + sys.argv[3:])
    finally:
        if Interrupt.BIG and os.path.exists(Interrupt.BIG):
            os.remove(Interrupt.BIG)
