#!/usr/bin/env python3
# redline - negotiation-position modelling
# Copyright (C) 2026 the redline authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""`redline serve` in a real browser: headless Chromium (Debian's
chromium) driven over the DevTools protocol, through its pipe
(--remote-debugging-pipe: no port, no websocket).

- The explorer on tests/data/valid/border-aid.yaml: the mouse switches
  north's red line off; the mouse clicks north's BATNA slider and the
  keyboard moves it to 0 (Home). After each step (each changes the funnel) the funnel's numbers in
  the DOM equal what `redline solve` prints for the command line the page
  shows (run as it is), and after both they equal the counts worked out
  by hand in run-serve-tests.py (9, 8, 8, 6, 3); the variant file the
  page saves, put beside the scenario, solves to the same funnel. A
  screenshot is not blank.
- The file is watched: a save moves the funnel (equal to `redline solve`
  on the saved file); a broken save shows its file:line:col error while
  the last answer stays; fixing it clears the error.
- A scenario whose title and labels are HTML and script: the page shows
  them as text (no element comes of them), and nothing breaks the page's
  Content-Security-Policy or throws.
- The classroom: a student page picks a party (its brief equals `redline
  brief --format text`), types a group name and submits a deal; the
  teacher page then lists the group, and its chart image loads.

    run-serve-browser-test.py BUILD/src/cli/redline SOURCE_ROOT

Exits 77 (skipped) only when redline was built without the server or no
chromium can be found. Standard library only.
"""
import base64
import importlib.util
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_helpers import Server, SKIP, skip_without_serve  # noqa: E402

_spec = importlib.util.spec_from_file_location(
    "browser_test", os.path.join(os.path.dirname(os.path.abspath(__file__)), "run-browser-test.py"))
browser_test = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(browser_test)

FUNNEL = ("space", "feasible", "compatible", "acceptable", "pareto")


class Failure(Exception):
    pass


class Chromium:
    """One headless Chromium; commands and events over its pipe."""

    def __init__(self, binary, profile):
        self.cmd_r, self.cmd_w = os.pipe()
        self.res_r, self.res_w = os.pipe()
        keep = (self.cmd_r, self.res_w)

        def fds():
            # Chromium reads commands on fd 3 and writes on fd 4. Python's
            # own descriptors are close-on-exec; dup2 clears that for these
            # two alone, so close_fds=False passes nothing else.
            a, b = os.dup(keep[0]), os.dup(keep[1])
            os.dup2(a, 3)
            os.dup2(b, 4)

        args = browser_test.chromium_args(binary, profile) + [
            "--remote-debugging-pipe", "--window-size=1280,1600", "about:blank"]
        self.proc = subprocess.Popen(args, close_fds=False, preexec_fn=fds, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        os.close(self.cmd_r)
        os.close(self.res_w)
        self.buf = b""
        self.next_id = 0
        self.events = []

    def close(self):
        try:
            self.send("Browser.close", timeout=10)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self.cmd_w)
        os.close(self.res_r)
        self.proc.stderr.close()

    def _read_message(self, deadline):
        import select
        while b"\0" not in self.buf:
            left = deadline - time.monotonic()
            if left <= 0:
                raise Failure("chromium did not answer in time")
            ready, _, _ = select.select([self.res_r], [], [], min(left, 0.5))
            if ready:
                chunk = os.read(self.res_r, 1 << 20)
                if not chunk:
                    raise Failure("chromium closed its pipe: %s" % self.proc.stderr.read()[-800:])
                self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def send(self, method, params=None, session=None, timeout=30):
        self.next_id += 1
        mid = self.next_id
        msg = {"id": mid, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self.cmd_w, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == mid:
                if "error" in reply:
                    raise Failure("%s: %s" % (method, reply["error"]))
                return reply.get("result", {})
            self.events.append(reply)


class Page:
    def __init__(self, browser, url):
        self.b = browser
        target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.send(domain + ".enable")
        self.send("Page.navigate", {"url": url})

    def send(self, method, params=None, timeout=30):
        return self.b.send(method, params, self.session, timeout)

    def eval(self, expr):
        r = self.send("Runtime.evaluate", {"expression": expr, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in r:
            raise Failure("%s: %s" % (expr, r["exceptionDetails"]))
        return r["result"].get("value")

    def wait(self, expr, what, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if self.eval(expr):
                    return
            except Failure:
                pass
            time.sleep(0.05)
        raise Failure("waited %gs for %s (%s)" % (timeout, what, expr))

    def centre(self, selector):
        box = self.eval("(() => { const e = document.querySelector(%s); e.scrollIntoView({block: 'center'});"
                        " const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()"
                        % json.dumps(selector))
        if not box:
            raise Failure("no element %s" % selector)
        return box

    def click(self, selector, at=0.5):
        x, y = self.centre(selector)
        if at != 0.5:
            w = self.eval("document.querySelector(%s).getBoundingClientRect().width" % json.dumps(selector))
            x += (at - 0.5) * w
        for kind in ("mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1})

    def key(self, key, code, vk):
        for kind in ("rawKeyDown", "keyUp"):
            self.send("Input.dispatchKeyEvent", {"type": kind, "key": key, "code": code,
                                                 "windowsVirtualKeyCode": vk})

    def type(self, text):
        self.send("Input.insertText", {"text": text})

    def screenshot(self, path):
        data = self.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))
        colours = browser_test.png_colours(path)
        if len(colours) < 8:
            raise Failure("screenshot %s is blank or nearly (%d colours)" % (path, len(colours)))
        return len(colours)

    def problems(self):
        """CSP violations, exceptions and console errors of this page so far."""
        out = []
        for e in self.b.events:
            if e.get("sessionId") != self.session:
                continue
            m, p = e.get("method"), e.get("params", {})
            if m == "Runtime.exceptionThrown":
                out.append("exception: %s" % p.get("exceptionDetails", {}).get("text"))
            elif m == "Log.entryAdded" and p.get("entry", {}).get("level") == "error":
                text = p["entry"].get("text", "")
                # A refused request the test makes on purpose is no problem of the page.
                if "status of 4" not in text:
                    out.append("log: " + text)
            elif m == "Runtime.consoleAPICalled" and p.get("type") == "error":
                out.append("console: %s" % p.get("args"))
        return out


def cli_counts(redline, command, cwd):
    """Runs the command line the page shows (its 'redline' is this build's)."""
    words = shlex.split(command)
    if words[:2] != ["redline", "solve"]:
        raise Failure("the page shows %r, not a solve command" % command)
    p = subprocess.run([redline] + words[1:] + ["--format", "json"], cwd=cwd, capture_output=True, timeout=60)
    if p.returncode != 0:
        raise Failure("%s: exit %d: %s" % (command, p.returncode, p.stderr.decode()))
    counts = json.loads(p.stdout)["counts"]
    return [str(counts[k]) for k in FUNNEL]


def dom_counts(page):
    return page.eval("[%s].map((k) => document.getElementById('funnel-' + k).dataset.count)"
                     % ", ".join(json.dumps(k) for k in FUNNEL))


def answered(page):
    return int(page.eval("Number(document.body.dataset.answered || 0)"))


def explorer(redline, source, browser, tmp):
    shutil.copy(os.path.join(source, "tests", "data", "valid", "border-aid.yaml"), tmp)
    with Server(redline, ["border-aid.yaml"], cwd=tmp) as srv:
        page = Page(browser, "http://127.0.0.1:%d/" % srv.port)
        page.wait("document.body.dataset.state === 'ready'", "the first answer")
        steps = []
        got = dom_counts(page)
        want = cli_counts(redline, page.eval("document.getElementById('command').textContent"), tmp)
        steps.append(("as loaded", got, want))

        # North's red line, switched off by a click.
        before = answered(page)
        page.click('input[data-relax="north/never-west"]')
        page.wait("!document.querySelector('input[data-relax=\"north/never-west\"]').checked && "
                  "Number(document.body.dataset.answered) > %d && document.body.dataset.state === 'ready' && "
                  "document.getElementById('command').textContent.endsWith('--relax north/never-west')" % before,
                  "the answer after the red line was switched off")
        command = page.eval("document.getElementById('command').textContent")
        steps.append(("north/never-west relaxed", dom_counts(page), cli_counts(redline, command, tmp)))
        # North's BATNA slider: a click on it, then Home (its minimum, 0).
        before = answered(page)
        page.click('input[data-batna="north"]', at=0.9)
        page.key("Home", "Home", 36)
        page.wait("document.querySelector('input[data-batna=\"north\"]').value === '0' && "
                  "Number(document.body.dataset.answered) > %d && document.body.dataset.state === 'ready' && "
                  "document.getElementById('command').textContent.endsWith('--set parties.north.batna=0')" % before,
                  "the answer after the slider moved")
        command = page.eval("document.getElementById('command').textContent")
        final = dom_counts(page)
        steps.append(("and north's BATNA at 0", final, cli_counts(redline, command, tmp)))

        # Each step changed the funnel: the page answered each anew.
        if len(set(tuple(got) for _, got, _ in steps)) != len(steps):
            raise Failure("a step left the funnel as it was: %s" % [got for _, got, _ in steps])
        for what, got, want in steps:
            if got != want:
                raise Failure("%s: the page's funnel %s, redline solve %s" % (what, got, want))
            print("ok explorer %s: funnel %s equals `redline solve`" % (what, "/".join(got)))
        # run-serve-tests.py works these out by hand from border-aid.yaml's table.
        if final != ["9", "8", "8", "6", "3"]:
            raise Failure("after both changes the funnel is %s, not 9/8/8/6/3" % final)
        print("ok explorer: the command line shown is %s" % command)
        # "Save as a variant file": the download, beside the scenario,
        # solves to the same funnel.
        downloads = os.path.join(tmp, "downloads")
        os.mkdir(downloads)
        browser.send("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": downloads})
        page.click("#save")
        saved = os.path.join(downloads, "border-aid-whatif.yaml")
        deadline = time.monotonic() + 20
        while not os.path.exists(saved) and time.monotonic() < deadline:
            time.sleep(0.1)
        if not os.path.exists(saved):
            raise Failure("the variant file was not downloaded: %s" % os.listdir(downloads))
        shutil.copy(saved, os.path.join(tmp, "variant.yaml"))
        if cli_counts(redline, "redline solve variant.yaml", tmp) != final:
            raise Failure("the saved variant does not solve to the page's funnel")
        print("ok explorer: the saved variant file solves to the same funnel")
        frontier = page.eval("document.querySelectorAll('#chart .frontier-pt').length")
        if frontier != 3:
            raise Failure("the chart draws %s frontier points, not 3" % frontier)
        colours = page.screenshot(os.path.join(tmp, "explorer.png"))
        print("ok explorer: 3 frontier points drawn; screenshot with %d+ colours" % colours)
        if page.problems():
            raise Failure("explorer: %s" % page.problems())


def watch(redline, source, browser, tmp):
    path = os.path.join(tmp, "border-aid.yaml")
    with open(os.path.join(source, "tests", "data", "valid", "border-aid.yaml")) as f:
        original = f.read()
    with open(path, "w") as f:
        f.write(original)
    with Server(redline, ["border-aid.yaml"], cwd=tmp) as srv:
        page = Page(browser, "http://127.0.0.1:%d/" % srv.port)
        page.wait("document.body.dataset.state === 'ready'", "the first answer")
        before = dom_counts(page)
        answered_before = answered(page)
        # Saved with south's BATNA lowered: the page answers anew.
        with open(path, "w") as f:
            f.write(original.replace("batna: 0.3", "batna: 0.0"))
        page.wait("Number(document.body.dataset.answered) > %d && document.body.dataset.state === 'ready'"
                  % answered_before, "the answer after the save")
        after = dom_counts(page)
        want = cli_counts(redline, page.eval("document.getElementById('command').textContent"), tmp)
        if after != want or after == before:
            raise Failure("after the save the funnel is %s (before %s), redline solve %s" % (after, before, want))
        print("ok watch: a save reloads the page: funnel %s -> %s, equal to `redline solve`"
              % ("/".join(before), "/".join(after)))
        # A save that breaks the file: its error shows, the last answer stays.
        with open(path, "w") as f:
            f.write(original.replace("weights: {border: 3, aid: 1}", "weights: {border: 3, aide: 1}"))
        page.wait("!document.getElementById('load-error').hidden", "the load error")
        text = page.eval("document.getElementById('load-error').textContent")
        if not re.search(r"border-aid\.yaml:\d+:\d+: error: ", text):
            raise Failure("the load error reads %r" % text)
        if dom_counts(page) != after:
            raise Failure("the last good answer did not stay")
        with open(path, "w") as f:
            f.write(original)
        page.wait("document.getElementById('load-error').hidden", "the error to go")
        print("ok watch: a broken save shows %r; the last answer stays" % text.splitlines()[-1][:70])
        if page.problems():
            raise Failure("watch: %s" % page.problems())


HOSTILE_TITLE = '<img src=x onerror="document.title=\'pwned\'"><script>window.pwned=1</script>'


def hostile(redline, source, browser, tmp):
    text = open(os.path.join(source, "tests", "data", "valid", "border-aid.yaml")).read()
    text = text.replace("title: Border and aid", "title: %s" % json.dumps(HOSTILE_TITLE))
    text = text.replace("label: Where the line runs", "label: \"<b onmouseover=alert(1)>line</b>\"")
    path = os.path.join(tmp, "hostile.yaml")
    with open(path, "w") as f:
        f.write(text)
    with Server(redline, ["hostile.yaml"], cwd=tmp) as srv:
        page = Page(browser, "http://127.0.0.1:%d/" % srv.port)
        page.wait("document.body.dataset.state === 'ready'", "the first answer")
        title = page.eval("document.getElementById('title').textContent")
        if title != HOSTILE_TITLE:
            raise Failure("the title reads %r" % title)
        n = page.eval("[document.querySelectorAll('img').length, document.querySelectorAll('b').length,"
                      " document.scripts.length, window.pwned === undefined, document.title.startsWith('<img')]")
        if n != [0, 0, 3, True, True]:
            raise Failure("scenario text became markup: images, <b>, scripts, unharmed, title = %s" % n)
        if page.problems():
            raise Failure("hostile: %s" % page.problems())
        print("ok hostile scenario text: shown as text, no element made of it, no CSP violation")


def classroom(redline, source, browser, tmp):
    scenario = os.path.join(source, "tests", "data", "valid", "border-aid.yaml")
    deals = os.path.join(tmp, "class.csv")
    with Server(redline, [scenario, "--classroom", "--deals", deals]) as srv:
        student = Page(browser, "http://127.0.0.1:%d/" % srv.port)
        student.wait("document.body.dataset.state === 'ready'", "the student page")
        student.eval("(() => { const s = document.getElementById('party'); s.value = 'south';"
                     " s.dispatchEvent(new Event('change')); })()")
        student.wait("document.getElementById('brief').textContent.length > 100", "the brief")
        brief = student.eval("document.getElementById('brief').textContent")
        p = subprocess.run([redline, "brief", scenario, "--party", "south", "--format", "text"],
                           capture_output=True, timeout=60)
        if brief != p.stdout.decode():
            raise Failure("the student's brief is not `redline brief --party south --format text`")
        student.click("#group")
        student.type("Table 4")
        student.eval("(() => { for (const [i, o] of [['border', 'east'], ['aid', 'some']]) {"
                     " const s = document.querySelector('select[data-issue=\"' + i + '\"]'); s.value = o;"
                     " s.dispatchEvent(new Event('change')); } })()")
        student.click("#submit")
        student.wait("document.body.dataset.state === 'submitted'", "the submission")
        student.screenshot(os.path.join(tmp, "student.png"))
        print("ok classroom: a student page read south's brief and submitted Table 4's deal")

        teacher = Page(browser, "http://127.0.0.1:%d/teacher#token=%s" % (srv.port, srv.teacher))
        teacher.wait("document.querySelector('tr[data-group=\"Table 4\"]') !== null", "Table 4 on the teacher page")
        row = teacher.eval("Array.from(document.querySelector('tr[data-group=\"Table 4\"]').cells, (c) => c.textContent)")
        if row[:2] != ["Table 4", "yes"]:
            raise Failure("the teacher's row reads %s" % row)
        teacher.wait("document.getElementById('chart').complete && document.getElementById('chart').naturalWidth > 0",
                     "the chart image")
        # A second group, while the teacher's page is open: it appears.
        student.eval("(() => { document.getElementById('group').value = 'Table 5'; })()")
        student.click("#submit")
        teacher.wait("document.querySelector('tr[data-group=\"Table 5\"]') !== null", "Table 5 as it arrives")
        teacher.screenshot(os.path.join(tmp, "teacher.png"))
        for page, name in ((student, "student"), (teacher, "teacher")):
            if page.problems():
                raise Failure("%s: %s" % (name, page.problems()))
        print("ok classroom: the teacher page shows both groups as they arrive, with the chart")


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    skip_without_serve()
    redline = os.path.abspath(sys.argv[1])
    source = os.path.abspath(sys.argv[2])
    chromium = browser_test.find_chromium()
    if not chromium:
        print("SKIP: no chromium (tools/setup --test installs Debian's chromium)")
        return SKIP
    failures = 0
    for case in (explorer, watch, hostile, classroom):
        with tempfile.TemporaryDirectory() as tmp, tempfile.TemporaryDirectory() as profile:
            browser = Chromium(chromium, profile)
            try:
                case(redline, source, browser, tmp)
            except Failure as e:
                print("FAIL %s: %s" % (case.__name__, e))
                failures += 1
            finally:
                browser.close()
    print("%d passed, %d failed" % (4 - failures, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
