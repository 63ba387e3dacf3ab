"""Time to first render of a page in headless Chromium, through chromedriver's W3C WebDriver HTTP
API (no selenium needed).

The page written by :func:`kg.viz.page.render_page` sets ``data-ready`` on ``<body>`` once vis-network
has drawn the graph for the first time (``afterDrawing`` without physics, the end of
stabilisation with it).  A script polls for that attribute every 5 ms and reports
``performance.now()`` at that moment — milliseconds since navigation start — together with the
first contentful paint and the load event.  An empty page measured the same way is the floor.
"""

from __future__ import annotations

import json
import shutil
import socket
import statistics
import subprocess
import time
import urllib.request
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,900",
        "--disable-extensions", "--no-first-run"]

_POLL = """
var done = arguments[arguments.length - 1], limit = arguments[0], started = Date.now();
function report(ready) {
  var nav = (performance.getEntriesByType('navigation') || [])[0] || {};
  var fcp = performance.getEntriesByName('first-contentful-paint')[0];
  done({ready: ready, fcp: fcp ? fcp.startTime : null, load: nav.loadEventEnd || null,
        dcl: nav.domContentLoadedEventEnd || null, errors: (window.__kgErrors || []).slice(0, 5)});
}
(function poll() {
  if (document.body && document.body.getAttribute('data-ready')) return report(performance.now());
  if (Date.now() - started > limit) return report(null);
  setTimeout(poll, 5);
})();
"""

BLANK = '<!DOCTYPE html><html><head><meta charset="utf-8"><title>blank</title></head>' \
        '<body data-ready="1"><p>空白页 blank</p></body></html>'


def available() -> str | None:
    """None if Chromium and chromedriver are there, else why not."""
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} not found"
    if shutil.which("chromedriver") is None:
        return "chromedriver not found"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Driver:
    def __init__(self, timeout: float):
        self.port = _free_port()
        self.proc = subprocess.Popen([shutil.which("chromedriver"), f"--port={self.port}"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.base = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 20
        while True:
            try:
                self._call("GET", "/status")
                break
            except OSError:
                if time.monotonic() > deadline:
                    self.proc.kill()
                    raise
                time.sleep(0.1)
        caps = {"capabilities": {"alwaysMatch": {"browserName": "chrome",
                                                 "goog:chromeOptions": {"binary": CHROMIUM, "args": ARGS}}}}
        self.session = self._call("POST", "/session", caps)["sessionId"]
        ms = int(timeout * 1000)
        self._call("POST", f"/session/{self.session}/timeouts", {"script": ms, "pageLoad": ms})

    def _call(self, method: str, path: str, body: dict | None = None, timeout: float = 300) -> dict:
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            payload = json.loads(resp.read().decode("utf-8"))
        value = payload.get("value", payload)
        if isinstance(value, dict) and "error" in value and "sessionId" not in value:
            raise RuntimeError(f"webdriver: {value.get('error')}: {str(value.get('message'))[:200]}")
        return value

    def visit(self, url: str, limit_ms: int) -> dict:
        self._call("POST", f"/session/{self.session}/url", {"url": "about:blank"})
        t = time.perf_counter()
        self._call("POST", f"/session/{self.session}/url", {"url": url})
        navigate_s = time.perf_counter() - t
        result = self._call("POST", f"/session/{self.session}/execute/async", {"script": _POLL, "args": [limit_ms]})
        result["navigate_wall_s"] = navigate_s
        return result

    def close(self) -> None:
        try:
            self._call("DELETE", f"/session/{self.session}")
        except Exception:  # noqa: BLE001 - best effort on the way out
            pass
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def first_render(page: Path, *, runs: int = 3, timeout: float = 120.0, work_dir: Path | None = None) -> dict:
    """Median time to first render of ``page`` and of an empty page, in milliseconds."""
    why = available()
    if why:
        return {"skipped": why}
    blank = (work_dir or page.parent) / "blank.html"
    blank.write_text(BLANK, encoding="utf-8")
    driver = _Driver(timeout)
    try:
        page_runs = [driver.visit(page.resolve().as_uri(), int(timeout * 1000)) for _ in range(runs)]
        blank_runs = [driver.visit(blank.resolve().as_uri(), 10_000) for _ in range(runs)]
    finally:
        driver.close()
    ready = [r["ready"] for r in page_runs if r.get("ready") is not None]
    return {
        "ready_ms": statistics.median(ready) if ready else None,
        "ready_runs_ms": [r.get("ready") for r in page_runs],
        "fcp_ms": statistics.median([r["fcp"] for r in page_runs if r.get("fcp") is not None] or [0]) or None,
        "load_ms": statistics.median([r["load"] for r in page_runs if r.get("load")] or [0]) or None,
        "blank_ready_ms": statistics.median([r["ready"] for r in blank_runs if r.get("ready") is not None] or [0]),
        "errors": page_runs[-1].get("errors") or [],
        "timed_out": not ready,
    }
