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
# A lazy image far from the screen has not been fetched yet: it is fetched now, then checked.
IMAGE_CHECK = r"""
() => Promise.all(Array.from(document.querySelectorAll('.md-content img')).map(async img => {
  if (img.loading === 'lazy') img.loading = 'eager';
  await img.decode().catch(() => null);
  return {src: img.getAttribute('src'), loaded: img.complete && img.naturalWidth > 0,
          alt: (img.getAttribute('alt') || '').trim()};
}))
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

    @property
    def origin(self) -> str:
        return "{0.scheme}://{0.netloc}".format(urlsplit(self.url))

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


def _wait_until_quiet(page, in_flight: set, quiet_ms: int = QUIET_MS, timeout_ms: float = 10_000) -> None:
    """Wait until no request has been in flight for `quiet_ms`.

    Playwright's "networkidle" waits for 500 ms without a connection; polled in 25 ms
    steps, this gives the same guarantee for the requests a page makes after its load
    event, in a third of the time, on each of the suite's ~100 page loads.
    """
    quiet = waited = 0
    while quiet < quiet_ms or in_flight:
        if waited > timeout_ms:
            raise TimeoutError(f"{page.url}: requests still in flight after {timeout_ms} ms: "
                               f"{[request.url for request in in_flight][:3]}")
        page.wait_for_timeout(25)
        waited += 25
        quiet = quiet + 25 if not in_flight else 0


class Reader:
    """A tab that reads page after page and reports what went wrong on each.

    Navigating one tab keeps its renderer process, which a new tab would start again for
    every page: a quarter of the browser suite's CPU time. Each page is still a full load
    (a document of its own, its scripts run from the start); what the previous page left in
    flight is waited for before leaving it, so nothing of it lands in the next report.
    """

    def __init__(self, context) -> None:
        self.context = context
        self.page = None
        self.report = PageReport("")
        self._in_flight: set = set()
        self._crashed = False

    def _open(self) -> None:
        if self.page is not None and not self.page.is_closed():
            self.page.close()
        page = self.page = self.context.new_page()
        self._in_flight = in_flight = set()
        self._crashed = False
        page.on("crash", lambda _: setattr(self, "_crashed", True))
        record = lambda: self.report  # noqa: E731  (the report of the page being read)
        page.on("console", lambda m: record().console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: record().console_errors.append(str(e)))
        page.on("requestfailed", lambda r: record().failed_requests.append(f"{r.url} ({r.failure})"))
        page.on("response", lambda r: record().failed_requests.append(f"HTTP {r.status} {r.url}")
                if r.status >= 400 else None)
        page.on("request", lambda r: record().foreign_requests.append(r.url)
                if not r.url.startswith((record().origin, "data:", "blob:", "about:")) else None)
        page.on("request", lambda r: record().math_in_browser.append(r.url)
                if r.url.endswith(("katex.min.js", "auto-render.min.js")) else None)
        page.on("request", lambda r: in_flight.add(r))
        page.on("requestfinished", lambda r: in_flight.discard(r))
        page.on("requestfailed", lambda r: in_flight.discard(r))

    def read(self, url: str) -> PageReport:
        """Load `url` in this tab; wait for its requests and fonts; return what went wrong."""
        if self.page is None or self.page.is_closed() or self._crashed:
            self._open()
        else:
            _wait_until_quiet(self.page, self._in_flight, quiet_ms=0)
        page, report = self.page, PageReport(url)
        self.report = report
        page.goto(url, wait_until="load")
        _wait_until_quiet(page, self._in_flight)
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
        return report

    def close(self) -> None:
        if self.page is not None:
            self.page.close()


def read_page(context, url: str) -> tuple[PageReport, object]:
    """Load `url` in a new tab of `context`; wait for its fonts; return the report and the tab."""
    reader = Reader(context)
    return reader.read(url), reader.page
