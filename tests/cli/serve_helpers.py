# redline - negotiation-position modelling
# Copyright (C) 2026 the redline authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""What the tests of `redline serve` share: a server started on a free
port of 127.0.0.1 (picked by the test), its address and tokens read from
what it prints, requests over http.client, and a clean stop. Loopback
only; every wait is bounded. Standard library only."""
import http.client
import json
import os
import re
import select
import signal
import socket
import subprocess
import time

SKIP = 77


def skip_without_serve():
    """Exit 77 when the build has no server (tests/meson.build says so)."""
    if os.environ.get("REDLINE_SERVE", "1") == "0":
        print("redline was built without the server (no libsoup 3): skipped")
        raise SystemExit(SKIP)


def free_port():
    """A port nothing listens on now (the server gets it a moment later)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`redline serve ARGS` on a free port; .port, .token, .teacher."""

    def __init__(self, binary, args, cwd=None, timeout=10.0, env=None):
        self.env = env
        self.binary = binary
        self.args = args
        self.cwd = cwd
        self.timeout = timeout
        self.proc = None
        self.port = None
        self.token = None
        self.teacher = None
        self.banner = ""

    def start(self):
        for attempt in range(5):
            self.port = free_port()
            cmd = [self.binary, "serve"] + self.args + ["--port", str(self.port)]
            self.proc = subprocess.Popen(cmd, cwd=self.cwd, env=self.env, stdout=subprocess.PIPE,
                                         stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
            if self._read_banner():
                return self
            err = self.stop_and_collect()[1]
            if "cannot listen" not in err:
                raise AssertionError("redline serve did not start: %s" % err)
        raise AssertionError("no free port found in 5 attempts")

    def _read_banner(self):
        deadline = time.monotonic() + self.timeout
        out = b""
        fd = self.proc.stdout.fileno()
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.2)
            if ready:
                chunk = os.read(fd, 4096)
                if not chunk:
                    return False
                out += chunk
                if b"Stop with Ctrl-C." in out:
                    self.banner = out.decode()
                    m = re.search(r"(?:open|students) http://[^ ]*:(\d+)/(?:#token=([0-9a-f]+))?", self.banner)
                    if m and m.group(2):
                        self.token = m.group(2)
                    m = re.search(r"teacher +http://\S+/teacher#token=([0-9a-f]+)", self.banner)
                    if m:
                        self.teacher = m.group(1)
                    return True
            elif self.proc.poll() is not None:
                return False
        raise AssertionError("redline serve printed no address within %gs: %r" % (self.timeout, out))

    def stop_and_collect(self, sig=signal.SIGINT):
        """Stops the server; its exit status, and the rest of stderr."""
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            out, err = self.proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            out, err = self.proc.communicate()
            raise AssertionError("redline serve did not stop within 30 s")
        return self.proc.returncode, err.decode("utf-8", "replace")

    def rss_kib(self):
        with open("/proc/%d/status" % self.proc.pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        raise AssertionError("no VmRSS")

    def n_fds(self):
        return len(os.listdir("/proc/%d/fd" % self.proc.pid))

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        # A clean stop is part of every test: exit status 0, and under
        # the sanitizers no leak and no error report.
        if self.proc and self.proc.poll() is None:
            rc, err = self.stop_and_collect()
            if exc[0] is None and (rc != 0 or "Sanitizer" in err or "runtime error" in err):
                raise AssertionError("redline serve stopped with %d: %s" % (rc, err[-3000:]))


class Answer:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    @property
    def text(self):
        return self.body.decode("utf-8")

    def json(self):
        return json.loads(self.body)

    def header(self, name):
        return self.headers.get(name.lower())


def request(port, method, path, body=None, headers=None, host=None, raw=None, timeout=60):
    """One request on a connection of its own. @body: an object sent as
    JSON (Content-Type application/json unless @headers say otherwise);
    @raw: bytes sent as they are; @host: the Host header (None: the real one)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        hdrs = {}
        data = raw
        if body is not None:
            data = json.dumps(body).encode()
            hdrs["Content-Type"] = "application/json"
        if data is not None and "Content-Type" not in hdrs and not (headers and "Content-Type" in headers):
            hdrs["Content-Type"] = "application/json"
        hdrs.update(headers or {})
        conn.putrequest(method, path, skip_host=host is not None, skip_accept_encoding=True)
        if host is not None and host != "":
            conn.putheader("Host", host)
        for k, v in hdrs.items():
            conn.putheader(k, v)
        if data is not None and "Transfer-Encoding" not in hdrs:
            conn.putheader("Content-Length", str(len(data)))
        conn.endheaders()
        if data is not None:
            if hdrs.get("Transfer-Encoding") == "chunked":
                step = 8192
                for i in range(0, len(data), step):
                    piece = data[i:i + step]
                    conn.send(b"%x\r\n%s\r\n" % (len(piece), piece))
                conn.send(b"0\r\n\r\n")
            else:
                conn.send(data)
        r = conn.getresponse()
        return Answer(r.status, {k.lower(): v for k, v in r.getheaders()}, r.read())
    finally:
        conn.close()


def change_flags(changes):
    """The what-if flags of the command line for changes in their text form."""
    out = []
    for c in changes:
        kind, value = c.split(" ", 1)
        out += ["--" + kind, value]
    return out
