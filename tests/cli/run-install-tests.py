#!/usr/bin/env python3
# redline - negotiation-position modelling
# Copyright (C) 2026 the redline authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""`meson install`, the manual pages and the shell completion.

    run-install-tests.py BUILD_ROOT SOURCE_ROOT [unittest arguments]

Installs the build into a temporary DESTDIR (`meson install --destdir
--no-rebuild`) and checks every file that should be there, and that no
header or pkg-config file is (the library is static and internal); runs the
installed binary; lints both manual pages with `mandoc -T lint` (skipped
without mandoc); compares the options each command's section of redline(1)
names with the options of its `--help`, command by command; and runs the
bash completion in `bash -c` with COMP_WORDS/COMP_CWORD set (commands,
options, --format values, and party, red-line and issue ids read from a
scenario), skipped without bash-completion.
"""
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
import warnings

warnings.simplefilter("ignore", ResourceWarning)
BUILD = None
SOURCE = None
DEST = None
PREFIX = None
DIRS = {}

WHATIF = {"--relax", "--set", "--require", "--fix", "--exclude", "--without"}


def installed(*parts):
    return os.path.join(DEST + PREFIX, *parts)


def redline(*args):
    exe = installed(DIRS["bindir"], "redline")
    p = subprocess.run([exe] + list(args), capture_output=True, text=True,
                       env=dict(os.environ, LC_ALL="C.UTF-8"))
    return p.returncode, p.stdout, p.stderr


def help_options(command):
    rc, out, err = redline(command, "--help")
    return set(re.findall(r"(?m)^\s+(?:-\w, )?(--[a-z][a-z-]*)", out)) - {"--help"}


class Install(unittest.TestCase):
    def test_files(self):
        share = DIRS["datadir"]
        expected = [
            (DIRS["bindir"], "redline"),
            (DIRS["mandir"], "man1", "redline.1"),
            (DIRS["mandir"], "man5", "redline-scenario.5"),
            (share, "redline", "scenarios", "scenario.schema.json"),
            (share, "redline", "scenarios", "README.md"),
            (share, "bash-completion", "completions", "redline"),
            (share, "zsh", "vendor-completions", "_redline"),
            (share, "fish", "vendor_completions.d", "redline.fish"),
        ] + [(share, "redline", "scenarios", os.path.basename(f))
             for f in glob.glob(os.path.join(SOURCE, "scenarios", "*.yaml"))]
        for parts in expected:
            self.assertTrue(os.path.isfile(installed(*parts)), os.path.join(*parts))
        every = [os.path.relpath(os.path.join(d, f), DEST + PREFIX)
                 for d, _, files in os.walk(DEST) for f in files]
        self.assertEqual(sorted(every), sorted(os.path.join(*p) for p in expected))
        self.assertTrue(os.access(installed(DIRS["bindir"], "redline"), os.X_OK))

    def test_installed_binary_and_data(self):
        rc, out, err = redline("--version")
        self.assertEqual(rc, 0, err)
        self.assertRegex(out, r"^redline \d+\.\d+\.\d+")
        rc, out, err = redline("schema")
        self.assertEqual(out, open(installed(DIRS["datadir"], "redline", "scenarios", "scenario.schema.json")).read())
        # The shipped scenarios load where they are installed, and their
        # modeline's relative path names the installed schema.
        folder = installed(DIRS["datadir"], "redline", "scenarios")
        for f in sorted(glob.glob(os.path.join(folder, "*.yaml"))):
            rc, out, err = redline("check", f)
            self.assertEqual(rc, 0, err)
            first = open(f).readline()
            target = first.split("$schema=", 1)[1].strip()
            self.assertTrue(os.path.isfile(os.path.join(folder, target)), f)

    def test_man_pages_lint(self):
        if shutil.which("mandoc") is None:
            self.skipTest("mandoc is not installed (tools/setup --test)")
        for page in ("man1/redline.1", "man5/redline-scenario.5"):
            p = subprocess.run(["mandoc", "-T", "lint", "-W", "style", installed(DIRS["mandir"], page)],
                               capture_output=True, text=True)
            self.assertEqual((p.returncode, p.stdout + p.stderr), (0, ""), page)

    def test_man_page_options_match_help(self):
        text = open(installed(DIRS["mandir"], "man1", "redline.1"), encoding="utf-8").read()
        self.assertNotIn("@VERSION@", text)
        self.assertNotIn("@DATADIR@", text)
        sections = re.split(r"(?m)^\.SS \\fBredline (\w+)\\fR", text.split(".SH COMMANDS", 1)[1].split("\n.SH ", 1)[0])
        documented = {sections[k]: sections[k + 1] for k in range(1, len(sections), 2)}
        rc, out, err = redline("--help")
        commands = re.findall(r"(?m)^  (\w+)  ", out)
        self.assertEqual(sorted(documented), sorted(commands))
        for command in commands:
            with self.subTest(command):
                body = documented[command]
                named = set("--" + m for m in re.findall(r"\\-\\-([a-z][a-z-]*)", body))
                if re.search(r"what\\-if\s+options", body):
                    named |= WHATIF
                self.assertEqual(named, help_options(command))
        # The shared sections describe every shared and what-if option.
        for option in WHATIF | {"--format", "--output", "--rank", "--top", "--threads", "--quiet",
                                "--timeout", "--help"}:
            self.assertIn(".TP\n\\fB\\-\\-%s\\fR" % option[2:], text)


class BashCompletion(unittest.TestCase):
    def setUp(self):
        self.lib = "/usr/share/bash-completion/bash_completion"
        if not os.path.isfile(self.lib) or shutil.which("bash") is None:
            self.skipTest("bash-completion is not installed (tools/setup --test)")
        self.work = tempfile.mkdtemp(prefix="redline-complete-")
        shutil.copy(os.path.join(SOURCE, "tests", "data", "valid", "border-aid.yaml"),
                    os.path.join(self.work, "ba.yaml"))

    def tearDown(self):
        shutil.rmtree(self.work)

    def complete(self, line):
        """The candidates for the last word of @line (a trailing space: a new word)."""
        words = line.split()
        if line.endswith(" "):
            words.append("")
        script = ('source %s; source %s; COMP_WORDS=(%s); COMP_CWORD=%d; COMP_LINE=%s; '
                  'COMP_POINT=${#COMP_LINE}; _redline; printf "%%s\\n" "${COMPREPLY[@]}"'
                  % (self.lib, installed(DIRS["datadir"], "bash-completion", "completions", "redline"),
                     " ".join("'%s'" % w for w in words), len(words) - 1, "'%s'" % line))
        env = dict(os.environ, PATH=installed(DIRS["bindir"]) + os.pathsep + os.environ["PATH"])
        p = subprocess.run(["bash", "-c", script], capture_output=True, text=True, cwd=self.work, env=env)
        self.assertEqual(p.returncode, 0, p.stderr)
        return sorted(l for l in p.stdout.splitlines() if l)

    def test_commands(self):
        self.assertEqual(self.complete("redline so"), ["solve"])
        self.assertIn("import", self.complete("redline "))
        self.assertEqual(self.complete("redline export "), ["genius", "minizinc"])
        self.assertEqual(self.complete("redline import "), ["genius"])

    def test_options_are_the_help_options(self):
        for command in ("solve", "simulate", "export", "brief"):
            got = set(self.complete("redline %s ba.yaml --" % command))
            self.assertEqual(got, help_options(command) | {"--help"})
        self.assertEqual(self.complete("redline solve ba.yaml --format j"), ["json"])

    def test_ids_from_the_scenario(self):
        self.assertEqual(self.complete("redline brief ba.yaml --party "), ["north", "south"])
        self.assertIn("north/never-west", self.complete("redline solve ba.yaml --relax "))
        self.assertEqual(self.complete("redline solve ba.yaml --fix "), ["aid=", "border="])
        self.assertIn("utility:south", self.complete("redline solve ba.yaml --rank "))


if __name__ == "__main__":
    BUILD = os.path.abspath(sys.argv[1])
    SOURCE = os.path.abspath(sys.argv[2])
    if shutil.which("meson") is None:
        print("run-install-tests: meson not found; skipped", file=sys.stderr)
        sys.exit(77)
    opts = json.loads(subprocess.run(["meson", "introspect", BUILD, "--buildoptions"],
                                     capture_output=True, text=True, check=True).stdout)
    values = {o["name"]: o["value"] for o in opts}
    PREFIX = values["prefix"]
    DIRS = {k: values[k] for k in ("bindir", "datadir", "mandir")}
    DEST = tempfile.mkdtemp(prefix="redline-destdir-")
    try:
        p = subprocess.run(["meson", "install", "-C", BUILD, "--destdir", DEST, "--no-rebuild", "--quiet"],
                           capture_output=True, text=True)
        if p.returncode != 0:
            print(p.stdout + p.stderr, file=sys.stderr)
            sys.exit(1)
        prog = unittest.main(argv=[sys.argv[0]] + sys.argv[3:], verbosity=1, exit=False)
        sys.exit(0 if prog.result.wasSuccessful() else 1)
    finally:
        shutil.rmtree(DEST)
