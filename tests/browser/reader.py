"""Open a built page the way a reader does and report what went wrong on it."""
from __future__ import annotations

import functools
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

# As root, with no network: no sandbox, and none of Chromium's own background connections.
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        """A tab closed while a response was on its way is not an error; anything else is reported."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve(directory: Path, handler_class: type[SimpleHTTPRequestHandler] = _QuietHandler) -> Iterator[str]:
    """Serve `directory` on a free loopback port; yield its base URL."""
    handler = functools.partial(handler_class, directory=str(directory))
    server = _Server(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()

# Text that means math was left untypeset: TeX delimiters or commands outside code.
RAW_TEX_CHECK = r"""
() => {
  const content = document.querySelector('.md-content');
  if (!content) return [];
  const clone = content.cloneNode(true);
  clone.querySelectorAll('pre, code, .katex, script, style, .jp-CodeCell .jp-InputArea').forEach(n => n.remove());
  const text = clone.textContent;
  const found = [];
  for (const pattern of [/\\\(|\\\)|\\\[|\\\]/, /\\(frac|partial|sum|mathrm|begin)\b/, /\$\$/, /\$[^$\s][^$]{0,80}\$/]) {
    const match = text.match(pattern);
    if (match) found.push(text.slice(Math.max(0, match.index - 30), match.index + 50));
  }
  return found;
}
"""
IMAGE_CHECK = r"""
() => Array.from(document.querySelectorAll('.md-content img')).map(img => ({
  src: img.getAttribute('src'), loaded: img.complete && img.naturalWidth > 0,
  alt: (img.getAttribute('alt') || '').trim()}))
"""


@dataclass
class PageReport:
    url: str
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    raw_tex: list[str] = field(default_factory=list)
    math_errors: int = 0
    broken_images: list[str] = field(default_factory=list)
    images_without_alt: list[str] = field(default_factory=list)
    math_in_browser: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        labelled = {
            "console error": self.console_errors, "failed request": self.failed_requests,
            "request to another host": self.foreign_requests, "untypeset TeX": self.raw_tex,
            "broken image": self.broken_images, "image without alt text": self.images_without_alt,
            "math typeset in the browser (the build renders it)": self.math_in_browser,
        }
        found = [f"{self.url}: {label}: {item}" for label, items in labelled.items() for item in items]
        if self.math_errors:
            found.append(f"{self.url}: {self.math_errors} KaTeX error element(s)")
        return found


QUIET_MS = 150  # no request in flight for this long: the page has fetched what it fetches on load


def _wait_until_quiet(page, in_flight: set, timeout_ms: float = 10_000) -> None:
    """Wait until no request has been in flight for QUIET_MS.

    Playwright's "networkidle" waits for 500 ms without a connection; polled in 25 ms
    steps, this gives the same guarantee for the requests a page makes after its load
    event, in a third of the time, on each of the suite's ~100 page loads.
    """
    quiet = waited = 0
    while quiet < QUIET_MS:
        if waited > timeout_ms:
            raise TimeoutError(f"{page.url}: requests still in flight after {timeout_ms} ms: "
                               f"{[request.url for request in in_flight][:3]}")
        page.wait_for_timeout(25)
        waited += 25
        quiet = quiet + 25 if not in_flight else 0


def read_page(context, url: str) -> tuple[PageReport, object]:
    """Load `url` in a new tab of `context`; wait for its fonts; return the report and the tab."""
    report = PageReport(url)
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(url))
    page = context.new_page()
    page.on("console", lambda m: report.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: report.console_errors.append(str(e)))
    page.on("requestfailed", lambda r: report.failed_requests.append(f"{r.url} ({r.failure})"))
    page.on("response", lambda r: report.failed_requests.append(f"HTTP {r.status} {r.url}")
            if r.status >= 400 else None)
    page.on("request", lambda r: report.foreign_requests.append(r.url)
            if not r.url.startswith((origin, "data:", "blob:", "about:")) else None)
    page.on("request", lambda r: report.math_in_browser.append(r.url)
            if r.url.endswith(("katex.min.js", "auto-render.min.js")) else None)
    in_flight: set = set()
    page.on("request", lambda r: in_flight.add(r))
    page.on("requestfinished", lambda r: in_flight.discard(r))
    page.on("requestfailed", lambda r: in_flight.discard(r))
    page.goto(url, wait_until="load")
    _wait_until_quiet(page, in_flight)
    page.evaluate("document.fonts.ready.then(() => true)")
    report.console_errors += page.evaluate(
        "Array.from(document.fonts).filter(f => f.status === 'error').map(f => 'font failed: ' + f.family)")
    report.raw_tex = page.evaluate(RAW_TEX_CHECK)
    report.math_errors = page.evaluate("document.querySelectorAll('.katex-error').length")
    for image in page.evaluate(IMAGE_CHECK):
        if not image["loaded"]:
            report.broken_images.append(image["src"])
        if not image["alt"]:
            report.images_without_alt.append(image["src"])
    return report, page
