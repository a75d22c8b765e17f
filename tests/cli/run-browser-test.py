#!/usr/bin/env python3
# redline - negotiation-position modelling
# Copyright (C) 2026 the redline authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end test of `redline report` in a real browser: headless Chromium
(Debian's `chromium`, which tools/setup --test installs) renders reports to
PNG screenshots that must not be blank, and the DOM it builds must hold one
package dot (class "pkg") per acceptable package.

    run-browser-test.py BUILD/src/cli/redline SOURCE_ROOT

Exits 77 (skipped) only when no chromium can be found. Standard library
only: the PNG is decoded with zlib.
"""
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

SKIP = 77


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def chromium_args(binary, profile):
    return [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + profile]


def run_chromium(binary, extra, url):
    with tempfile.TemporaryDirectory() as profile:
        p = subprocess.run(chromium_args(binary, profile) + extra + [url], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, timeout=180)
    return p


def png_colours(path, limit=64):
    """The distinct colours of a PNG (8-bit RGB or RGBA, any filter), up to
    @limit of them: enough to tell a blank page from a drawn one."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width, height, ctype, depth = 8, b"", 0, 0, 0, 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            width, height, depth, ctype = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    assert depth == 8 and ctype in (2, 6), "unexpected PNG type %d/%d" % (ctype, depth)
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    prev = bytearray(stride)
    colours = set()
    i = 0
    for _ in range(height):
        f = raw[i]
        line = bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + ((a + b) >> 1)) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[x] = (line[x] + pred) & 255
        for x in range(0, stride, bpp * 7):
            colours.add(bytes(line[x:x + 3]))
        if len(colours) >= limit:
            break
        prev = line
    return colours


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    redline = os.path.abspath(sys.argv[1])
    source = os.path.abspath(sys.argv[2])
    chromium = find_chromium()
    if not chromium:
        print("SKIP: no chromium (tools/setup --test installs Debian's chromium)")
        return SKIP
    cases = [
        os.path.join(source, "scenarios", "ukraine-washington-2025.yaml"),
        os.path.join(source, "tests", "data", "valid", "border-aid.yaml"),
        os.path.join(source, "src", "cli", "starter.yaml"),
    ]
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        for n, scenario in enumerate(cases):
            name = os.path.basename(scenario)
            solved = subprocess.run([redline, "solve", "--format", "json", scenario],
                                    stdout=subprocess.PIPE, check=True)
            acceptable = json.loads(solved.stdout)["counts"]["acceptable"]
            page = os.path.join(tmp, "report-%d.html" % n)
            subprocess.run([redline, "report", scenario, "-o", page], check=True)
            url = "file://" + page
            shot = os.path.join(tmp, "shot-%d.png" % n)
            p = run_chromium(chromium, ["--screenshot=" + shot, "--window-size=1200,2000"], url)
            if not os.path.exists(shot):
                print("FAIL %s: no screenshot (chromium exit %d): %s" % (name, p.returncode,
                                                                         p.stderr.decode()[-500:]))
                failures += 1
                continue
            colours = png_colours(shot)
            if len(colours) < 2:
                print("FAIL %s: the screenshot is blank (%d colour)" % (name, len(colours)))
                failures += 1
            else:
                print("ok %s: screenshot with %s colours" % (name, "many" if len(colours) >= 64
                                                            else len(colours)))
            p = run_chromium(chromium, ["--dump-dom"], url)
            dom = p.stdout.decode("utf-8", "replace")
            dots = len(re.findall(r'class="pkg"', dom))
            if acceptable < 5000 and dots != acceptable:
                print("FAIL %s: %d package dots in the DOM, %d acceptable packages"
                      % (name, dots, acceptable))
                failures += 1
            else:
                print("ok %s: %d package dots for %d acceptable packages" % (name, dots, acceptable))
            if "<svg" not in dom or 'id="utility-space"' not in dom:
                print("FAIL %s: the DOM has no chart" % name)
                failures += 1
            # "How robust is this?": the tornado drawn, one row per listed
            # margin as in the file, and its part of the page not blank.
            html = open(page, encoding="utf-8").read()
            rows = len(re.findall(r'class="tornado-row"', html))
            if 'id="sensitivity"' not in dom or len(re.findall(r'class="tornado-row"', dom)) != rows:
                print("FAIL %s: the robustness section is not in the DOM as written" % name)
                failures += 1
            else:
                print("ok %s: robustness section with %d tornado rows" % (name, rows))
            # Its charts on a page of their own, so that the screenshot
            # shows them whatever the length of the report above.
            section = html[html.index('id="sensitivity"'):]
            section = section[:section.index("</section>")]
            robust = os.path.join(tmp, "robust-%d.html" % n)
            with open(robust, "w", encoding="utf-8") as f:
                f.write("<!DOCTYPE html><html><body>%s</body></html>"
                        % "".join(re.findall(r"<svg\b.*?</svg>", section, re.S)))
            shot = os.path.join(tmp, "robust-%d.png" % n)
            run_chromium(chromium, ["--screenshot=" + shot, "--window-size=800,800"],
                         "file://" + robust)
            if not os.path.exists(shot) or len(png_colours(shot)) < 2:
                print("FAIL %s: the robustness section renders blank" % name)
                failures += 1
    print("%d passed, %d failed" % (5 * len(cases) - failures, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
