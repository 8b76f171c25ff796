"""Headless Chromium (Debian's `chromium`) driven over the DevTools protocol on a pipe
(--remote-debugging-pipe: commands in on fd 3, replies and events out on fd 4, NUL-terminated
JSON), with the Python standard library only.

    with Browser() as b:
        page = b.load("file:///tmp/r.html", ready="document.body.dataset.ready === '1'")
        page.evaluate("document.title")
        page.console_errors, page.requests, page.screenshot("/tmp/r.png")

Every page is a fresh target; what it logged (console errors, uncaught exceptions, log entries of
level error) and every network request it made are recorded from the protocol's events, not
reported by the page itself.
"""
import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
import time

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--disable-extensions", "--mute-audio", "--hide-scrollbars"]


def chromium_path():
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return None


class ProtocolError(RuntimeError):
    pass


class Browser:
    def __init__(self, window=(1400, 1000), timeout=60):
        exe = chromium_path()
        if not exe:
            raise RuntimeError("chromium not found (Debian package `chromium`; .ci/install-deps.sh installs it)")
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="socsim_chromium_")
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()

        def wire_fds():  # in the child: the pipe ends become fds 3 and 4 (via fds >= 10, so
            # neither end is overwritten by the other's dup2)
            a = fcntl.fcntl(to_browser_r, fcntl.F_DUPFD, 10)
            b = fcntl.fcntl(from_browser_w, fcntl.F_DUPFD, 10)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.proc = subprocess.Popen(
            [exe, *FLAGS, f"--user-data-dir={self.profile}", f"--window-size={window[0]},{window[1]}",
             "--remote-debugging-pipe", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=wire_fds, pass_fds=(3, 4))
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next_id = 0
        self._events = []  # (sessionId, method, params) not yet consumed

    # ---- The wire.
    def _send(self, method, params=None, session=None):
        self._next_id += 1
        msg = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self._to_browser, json.dumps(msg).encode() + b"\0")
        return self._next_id

    def _read_message(self, deadline):
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no answer from chromium")
            ready, _, _ = select.select([self._from_browser], [], [], left)
            if ready:
                chunk = os.read(self._from_browser, 1 << 20)
                if not chunk:
                    raise ProtocolError("chromium closed the DevTools pipe (exit %s)" % self.proc.poll())
                self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(raw)

    def call(self, method, params=None, session=None):
        """Sends a command and returns its result; events arriving meanwhile are kept."""
        wanted = self._send(method, params, session)
        deadline = time.monotonic() + self.timeout
        while True:
            msg = self._read_message(deadline)
            if msg.get("id") == wanted:
                if "error" in msg:
                    raise ProtocolError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            if "method" in msg:
                self._events.append((msg.get("sessionId"), msg["method"], msg.get("params", {})))

    def pump(self, seconds):
        """Reads events for up to `seconds`."""
        deadline = time.monotonic() + seconds
        try:
            while True:
                msg = self._read_message(deadline)
                if "method" in msg:
                    self._events.append((msg.get("sessionId"), msg["method"], msg.get("params", {})))
        except TimeoutError:
            pass

    def events(self, session):
        out = [(m, p) for s, m, p in self._events if s == session]
        self._events = [e for e in self._events if e[0] != session]
        return out

    # ---- Pages.
    def load(self, url, ready, settle=0.3):
        """Opens `url` in a new page and waits until the JS expression `ready` is true."""
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        page = Page(self, session)
        for domain in ("Runtime", "Log", "Network", "Page"):
            self.call(domain + ".enable", session=session)
        self.call("Page.navigate", {"url": url}, session=session)
        deadline = time.monotonic() + self.timeout
        # Until the new document exists the expression may throw: that counts as not ready.
        while not page.evaluate(f"(() => {{ try {{ return Boolean({ready}); }} catch (e) {{ return false; }} }})()"):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{url}: not ready after {self.timeout} s: {ready}")
            self.pump(0.1)
        self.pump(settle)
        page.collect()
        return page

    def close(self):
        try:
            self.call("Browser.close")
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._to_browser)
        os.close(self._from_browser)
        shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class Page:
    def __init__(self, browser, session):
        self.browser, self.session = browser, session
        self.console_errors = []  # console.error/assert calls, uncaught exceptions, error log entries
        self.requests = []        # URLs of every request the page made (the document's own included)
        self.blocked = []         # those of them the browser blocked before sending (e.g. by the page's CSP)
        self._urls = {}

    def collect(self):
        for method, p in self.browser.events(self.session):
            if method == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
                self.console_errors.append("console.%s: %s" % (
                    p["type"], " ".join(str(a.get("value", a.get("description", ""))) for a in p.get("args", []))))
            elif method == "Runtime.exceptionThrown":
                d = p.get("exceptionDetails", {})
                self.console_errors.append("exception: %s %s" % (d.get("text"), d.get("exception", {}).get("description", "")))
            elif method == "Log.entryAdded" and p.get("entry", {}).get("level") == "error":
                e = p["entry"]
                self.console_errors.append("log (%s): %s %s" % (e.get("source"), e.get("text"), e.get("url", "")))
            elif method == "Network.requestWillBeSent":
                self.requests.append(p["request"]["url"])
                self._urls[p["requestId"]] = p["request"]["url"]
            elif method == "Network.loadingFailed" and p.get("blockedReason"):
                self.blocked.append(self._urls.get(p["requestId"], "?"))

    def evaluate(self, expression):
        """The value of a JS expression (JSON-serialisable), raising on a JS exception."""
        r = self.browser.call("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                   "awaitPromise": True}, session=self.session)
        if "exceptionDetails" in r:
            raise ProtocolError(f"{expression[:80]}...: {r['exceptionDetails'].get('exception', {}).get('description')}")
        return r.get("result", {}).get("value")

    def screenshot(self, path, full_page=True):
        params = {"format": "png"}
        if full_page:
            m = self.browser.call("Page.getLayoutMetrics", session=self.session)
            size = m.get("cssContentSize") or m["contentSize"]
            params.update(captureBeyondViewport=True,
                          clip={"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1})
        data = self.browser.call("Page.captureScreenshot", params, session=self.session)["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))
