#!/usr/bin/env python3
# redline - negotiation-position modelling
# Copyright (C) 2026 the redline authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end test of `redline report` and `debrief` in a real browser:
headless Chromium (Debian's `chromium`, which tools/setup --test installs)
renders reports to PNG screenshots that must not be blank, and the DOM it
builds must hold one package dot (class "pkg") per acceptable package.

Issue 13's cases: the article's report, the large generated scenario
(397,497 acceptable and 8,464 Pareto-optimal packages) and a debrief of
seven groups on the `init` starter. For each, the browser measures every
chart label and mark as laid out (getBoundingClientRect, the real font):
no label may overlap another label or any mark, and every chart of the
large scenario must hold a bounded number of elements. Each chart is also
screenshot on its own, into SCREENSHOTS (default: a temporary folder),
for a person to look at.

    run-browser-test.py BUILD/src/cli/redline SOURCE_ROOT [SCREENSHOTS]

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


# Measures, in the page, every label and labelled mark of every chart, and
# writes them as JSON into <pre id="measured">: --dump-dom then prints it.
MEASURE = """
<script>
window.addEventListener('load', function () {
  var out = [];
  document.querySelectorAll('svg').forEach(function (svg, k) {
    var box = function (e) {
      var r = e.getBoundingClientRect();
      return [r.left, r.top, r.width, r.height];
    };
    var labels = [], marks = [];
    svg.querySelectorAll('.mark-label, .batna-label').forEach(function (t) {
      labels.push({ for: t.getAttribute('data-for'), text: t.textContent, box: box(t) });
    });
    svg.querySelectorAll('[data-mark]').forEach(function (m) {
      marks.push({ id: m.getAttribute('data-mark'), box: box(m) });
    });
    out.push({ chart: k, elements: svg.getElementsByTagName('*').length,
               title: (svg.querySelector('title') || {}).textContent, labels: labels, marks: marks });
  });
  var pre = document.createElement('pre');
  pre.id = 'measured';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script>
"""


def overlap(a, b, slack=0.5):
    return (a[0] + slack < b[0] + b[2] and b[0] + slack < a[0] + a[2]
            and a[1] + slack < b[1] + b[3] and b[1] + slack < a[1] + a[3])


def measure(chromium, page, tmp):
    """The charts of @page as the browser lays them out."""
    html = open(page, encoding="utf-8").read()
    probe = os.path.join(tmp, "probe.html")
    with open(probe, "w", encoding="utf-8") as f:
        f.write(html.replace("</body>", MEASURE + "</body>"))
    p = run_chromium(chromium, ["--virtual-time-budget=10000", "--dump-dom"], "file://" + probe)
    m = re.search(r'<pre id="measured">(.*?)</pre>', p.stdout.decode("utf-8", "replace"), re.S)
    if not m:
        return None
    text = m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
    return json.loads(text.replace("&amp;", "&"))


def check_geometry(charts, what, max_elements=None):
    """Failures: labels over labels or marks (as drawn); too many elements."""
    bad = []
    for c in charts:
        labels, marks = c["labels"], c["marks"]
        for i, l in enumerate(labels):
            for m in marks:
                if overlap(l["box"], m["box"]):
                    bad.append("%s chart %d: label %r over mark %s" % (what, c["chart"], l["text"], m["id"]))
            for l2 in labels[i + 1:]:
                if overlap(l["box"], l2["box"]):
                    bad.append("%s chart %d: labels %r and %r overlap" % (what, c["chart"], l["text"],
                                                                          l2["text"]))
        if max_elements and c["elements"] > max_elements:
            bad.append("%s chart %d: %d elements" % (what, c["chart"], c["elements"]))
    return bad


def shoot_charts(chromium, page, shots, prefix, wanted):
    """Each chart whose title starts with a key of @wanted, alone on a page,
    screenshot to SHOTS/PREFIX-NAME.png. Returns the paths."""
    html = open(page, encoding="utf-8").read()
    svgs = re.findall(r"<svg\b.*?</svg>", html, re.S)
    paths = []
    for start, (name, index) in wanted.items():
        found = [s for s in svgs if re.search(r"<title>" + re.escape(start), s)]
        if index < 0:
            # A grid: the small charts alone.
            found = [s for s in found if 'width="330.0"' in s]
        if len(found) <= index:
            continue
        svg = found[index] if index >= 0 else "".join(
            '<div style="display:inline-block;margin:4px">%s</div>' % s for s in found)
        w = re.search(r'width="([\d.]+)" height="([\d.]+)"', svg)
        width, height = (int(float(w.group(1))) + 10, int(float(w.group(2))) + 10) if index >= 0 \
            else (1040, 340 * ((len(found) + 2) // 3) + 10)
        one = os.path.join(shots, "%s-%s.html" % (prefix, name))
        with open(one, "w", encoding="utf-8") as f:
            f.write('<!DOCTYPE html><html><head><meta charset="utf-8"></head>'
                    '<body style="margin:4px;background:#fff">%s</body></html>' % svg)
        path = os.path.join(shots, "%s-%s.png" % (prefix, name))
        run_chromium(chromium, ["--screenshot=" + path, "--window-size=%d,%d" % (width, height)],
                     "file://" + one)
        os.unlink(one)
        paths.append(path)
    return paths


def check_robustness(chromium, name, page, dom, shots):
    """"How robust is this?": the tornado drawn, one row per listed margin
    as in the file, and its charts not blank (on a page of their own, so
    that the screenshot shows them whatever the length of the report
    above). The article's report must have the section. The number of
    failures."""
    html = open(page, encoding="utf-8").read()
    if 'id="sensitivity"' not in html:
        if name == "article":
            print("FAIL %s: no robustness section" % name)
            return 1
        return 0
    rows = len(re.findall(r'class="tornado-row"', html))
    if 'id="sensitivity"' not in dom or len(re.findall(r'class="tornado-row"', dom)) != rows:
        print("FAIL %s: the robustness section is not in the DOM as written" % name)
        return 1
    print("ok %s: robustness section with %d tornado rows" % (name, rows))
    section = html[html.index('id="sensitivity"'):]
    section = section[:section.index("</section>")]
    if "<svg" not in section:
        # Cut short before anything was settled (a slow build on a large
        # scenario): the section says so in words; nothing to render.
        if name == "article":
            print("FAIL %s: the robustness section has no chart" % name)
            return 1
        return 0
    robust = os.path.join(shots, "%s-robustness.html" % name)
    with open(robust, "w", encoding="utf-8") as f:
        f.write("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>%s</body></html>"
                % "".join(re.findall(r"<svg\b.*?</svg>", section, re.S)))
    shot = os.path.join(shots, "%s-robustness.png" % name)
    run_chromium(chromium, ["--screenshot=" + shot, "--window-size=800,800"], "file://" + robust)
    if not os.path.exists(shot) or len(png_colours(shot)) < 2:
        print("FAIL %s: the robustness section renders blank" % name)
        return 1
    return 0


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
    failures = 0
    passed = 0
    with tempfile.TemporaryDirectory() as tmp:
        shots = os.path.abspath(sys.argv[3]) if len(sys.argv) > 3 else os.path.join(tmp, "shots")
        os.makedirs(shots, exist_ok=True)
        large = os.path.join(tmp, "large.yaml")
        with open(large, "w") as f:
            subprocess.run([sys.executable, os.path.join(source, "tools", "gen-scenario"), "--issues", "14",
                            "--options", "4", "--fixed-options", "--parties", "6", "--red-lines", "3",
                            "--target", "0.001", "--seed", "7"], stdout=f, check=True)
        starter = os.path.join(tmp, "starter.yaml")
        subprocess.run([redline, "init", starter], check=True)
        deals = os.path.join(tmp, "deals.csv")
        with open(deals, "w") as f:
            f.write("group,water,dam,fund,public\n"
                    "Otters,third,small,large,no\nHerons,third,small,large,no\n"
                    "Trout,third,small,large,no\nKingfishers,half,none,large,no\n"
                    "Beavers,half,small,large,no\nA group with a long name,half,none,large,no\n"
                    "Pike,third,none,small,yes\n")
        article = os.path.join(source, "scenarios", "ukraine-washington-2025.yaml")
        # (name, scenario, command, charts to screenshot, element bound)
        cases = [
            ("article", article, ["report", article],
             {"Utility space": ("utility-space", 0), "Utility space: Ukraine": ("pair-grid", -1),
              "The funnel": ("funnel", 0)}, None),
            ("large", large, ["report", large],
             {"Utility space": ("utility-space", 0), "The Pareto frontier across": ("parallel", 0),
              "The funnel": ("funnel", 0)}, 4 * 40 * 40 + 400),
            ("debrief", starter, ["debrief", starter, "--deals", deals, "--format", "html"],
             {"Utility space": ("utility-space", 0)}, None),
            ("border-aid", os.path.join(source, "tests", "data", "valid", "border-aid.yaml"),
             ["report", os.path.join(source, "tests", "data", "valid", "border-aid.yaml")], {}, None),
            ("starter", starter, ["report", starter], {}, None),
        ]
        for name, scenario, command, wanted, bound in cases:
            page = os.path.join(tmp, "%s.html" % name)
            p = subprocess.run([redline] + command + ["-o", page], stderr=subprocess.PIPE)
            if not os.path.exists(page):
                print("FAIL %s: %s" % (name, p.stderr.decode()[-300:]))
                failures += 1
                continue
            url = "file://" + page
            shot = os.path.join(shots, "%s-page.png" % name)
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
                passed += 1
                print("ok %s: screenshot with %s colours" % (name, "many" if len(colours) >= 64
                                                            else len(colours)))
            if command[0] == "report":
                solved = subprocess.run([redline, "solve", "--format", "json", scenario],
                                        stdout=subprocess.PIPE, check=True)
                acceptable = json.loads(solved.stdout)["counts"]["acceptable"]
                p = run_chromium(chromium, ["--dump-dom"], url)
                dom = p.stdout.decode("utf-8", "replace")
                dots = len(re.findall(r'class="pkg"', dom))
                if acceptable <= 5000 and dots != acceptable:
                    print("FAIL %s: %d package dots in the DOM, %d acceptable packages"
                          % (name, dots, acceptable))
                    failures += 1
                else:
                    passed += 1
                    print("ok %s: %d package dots for %d acceptable packages" % (name, dots, acceptable))
                if "<svg" not in dom or 'id="utility-space"' not in dom:
                    print("FAIL %s: the DOM has no chart" % name)
                    failures += 1
                failures += check_robustness(chromium, name, page, dom, shots)
            charts = measure(chromium, page, tmp)
            if charts is None:
                print("FAIL %s: the page could not be measured" % name)
                failures += 1
                continue
            bad = check_geometry(charts, name, bound)
            n_labels = sum(len(c["labels"]) for c in charts)
            if bad or n_labels == 0:
                for b in bad[:20]:
                    print("FAIL " + b)
                if n_labels == 0:
                    print("FAIL %s: no chart labels measured" % name)
                failures += 1
            else:
                passed += 1
                print("ok %s: %d labels measured in the browser, none over another label or a mark%s"
                      % (name, n_labels, "; every chart under %d elements" % bound if bound else ""))
            for path in shoot_charts(chromium, page, shots, name, wanted):
                colours = png_colours(path) if os.path.exists(path) else set()
                if len(colours) < 2:
                    print("FAIL %s: %s blank or missing" % (name, path))
                    failures += 1
                else:
                    passed += 1
                    print("ok %s: %s" % (name, path))
    print("%d passed, %d failed" % (passed, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
