#!/usr/bin/env python3
# redline - negotiation-position modelling
# Copyright (C) 2026 the redline authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""`redline schema` and the JSON Schema of scenario files.

    run-schema-tests.py BUILD/src/cli/redline SOURCE_ROOT [unittest arguments]

The schema printed is scenarios/scenario.schema.json byte for byte and a
valid draft 2020-12 schema; every shipped scenario, every valid test
scenario (tests/data/valid/, whatif/, explain/, simulate/, report/) and
`redline init`'s starter validate against it, read as an editor's YAML
language server reads them (YAML 1.2's core schema: `no` is a string, a
date is text); every shipped scenario names the schema in its first line;
and the schema rejects each invalid file of REJECTED below, whose error is
one of shape (an unknown or missing key, a wrong type, a number out of
range, a bad id), while the invalid files whose error only `redline check`
can see (rules, names, sums, limits of expansion) are not its business.

Needs python3-jsonschema and python3-yaml (tools/setup --test); exits 77
when either is missing.
"""
import glob
import json
import os
import re
import subprocess
import sys
import unittest
import warnings

warnings.simplefilter("ignore", ResourceWarning)

try:
    import jsonschema
    import yaml
except ImportError:
    print("run-schema-tests: python3-jsonschema or python3-yaml missing; skipped", file=sys.stderr)
    sys.exit(77)

BINARY = None
SOURCE = None

# Invalid files (tests/data/invalid/) whose error is structural: the
# schema must refuse each.
REJECTED = [
    "batna-not-a-number", "batna-reserved-id", "bonus-missing-when", "bonus-out-of-range",
    "change-two-kinds", "change-unknown-kind", "changes-not-a-list", "changes-without-extends",
    "constraint-public", "constraints-not-a-list", "drift-base-out-of-range",
    "drift-unknown-key", "drift-when-out-of-range", "empty", "extends-not-text", "fix-list",
    "issue-empty-value", "issue-id-invalid", "issue-keyword-id", "issue-missing-options",
    "issue-missing-options-flow", "issue-unknown-key", "issues-empty", "issues-not-a-mapping",
    "merge-key", "missing-parties", "missing-redline", "missing-title", "negative-weight",
    "not-a-mapping", "notes-unknown-key", "only-comments", "option-id-invalid",
    "option-missing-id", "option-unknown-key", "options-empty", "options-not-a-list",
    "order-duplicate", "order-empty", "ordered-not-bool", "parties-empty",
    "party-id-constraints", "party-id-invalid", "party-not-a-mapping", "party-unknown-key",
    "power-zero", "red-line-public-not-bool", "red-lines-not-a-list", "relax-no-slash",
    "rule-id-invalid", "rule-missing-id", "rule-missing-rule", "rule-sequence",
    "simulation-horizon-fraction", "simulation-noise-negative", "simulation-reach-3",
    "simulation-rounds-zero", "simulation-unknown-key", "simulation-unknown-protocol",
    "source-missing-title", "strategy-e-zero", "strategy-missing-e", "strategy-unknown",
    "too-many-issues", "too-many-options", "too-many-parties", "too-many-red-lines",
    "too-many-rules", "unknown-top-key", "value-out-of-range", "values-not-a-table",
    "variant-with-parties", "version-2",
]


class CoreLoader(yaml.SafeLoader):
    """YAML 1.2's core schema, as the YAML language server reads a file:
    true/false only as booleans, no dates, no sexagesimal or 0o numbers."""


CoreLoader.yaml_implicit_resolvers = {}
for tag, pattern, first in [
        ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
        ("tag:yaml.org,2002:int", r"^[-+]?[0-9]+$", list("-+0123456789")),
        ("tag:yaml.org,2002:float",
         r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$|^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$",
         list("-+0123456789.")),
        ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""])]:
    CoreLoader.add_implicit_resolver(tag, re.compile(pattern), first)


def load(path):
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=CoreLoader)


class Schema(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        path = os.path.join(SOURCE, "scenarios", "scenario.schema.json")
        cls.text = open(path, encoding="utf-8").read()
        cls.schema = json.loads(cls.text)
        jsonschema.Draft202012Validator.check_schema(cls.schema)
        cls.validator = jsonschema.Draft202012Validator(cls.schema)

    def errors(self, data):
        return sorted(e.message for e in self.validator.iter_errors(data))

    def test_printed_schema_is_the_file(self):
        p = subprocess.run([BINARY, "schema"], capture_output=True, text=True)
        self.assertEqual((p.returncode, p.stderr), (0, ""))
        self.assertEqual(p.stdout, self.text)

    def test_valid_files(self):
        files = glob.glob(os.path.join(SOURCE, "scenarios", "*.yaml"))
        for sub in ("valid", "valid/load", "valid/limits", "whatif", "whatif/deeper", "explain",
                    "simulate", "report"):
            files += glob.glob(os.path.join(SOURCE, "tests", "data", sub, "*.yaml"))
        self.assertGreater(len(files), 30)
        for path in sorted(files):
            if os.path.getsize(path) > 2_000_000:
                continue   # the largest limit files: same shape as the others, slow to validate
            with self.subTest(os.path.relpath(path, SOURCE)):
                self.assertEqual(self.errors(load(path)), [])

    def test_starter(self):
        p = subprocess.run([BINARY, "init"], capture_output=True, text=True)
        self.assertEqual(self.errors(yaml.load(p.stdout, Loader=CoreLoader)), [])

    def test_modelines(self):
        for path in glob.glob(os.path.join(SOURCE, "scenarios", "*.yaml")):
            with self.subTest(os.path.basename(path)):
                first = open(path, encoding="utf-8").readline()
                self.assertEqual(first, "# yaml-language-server: $schema=scenario.schema.json\n")
        # The relative path resolves in the source tree as it does once
        # installed: the schema is beside the scenarios in both.

    def test_rejected_invalid_files(self):
        for name in REJECTED:
            with self.subTest(name):
                data = load(os.path.join(SOURCE, "tests", "data", "invalid", name + ".yaml"))
                self.assertNotEqual(self.errors(data), [])


if __name__ == "__main__":
    BINARY = os.path.abspath(sys.argv[1])
    SOURCE = os.path.abspath(sys.argv[2])
    unittest.main(argv=[sys.argv[0]] + sys.argv[3:], verbosity=1)
