"""Lighthouse on every page of both languages, mobile defaults, served with gzip.

    .venv/bin/python benchmarks/lighthouse.py [--runs 3] [--pages REGEX] [--site site]
                                              [--categories performance,accessibility]
                                              [--baseline OTHER_SITE]

Lighthouse 12.2.3 (npm) is installed into benchmarks/.lighthouse/ on first use (needs Node
18+ and npm; Node is used here only, never by `make serve` or `make test`). Chromium is
taken from CHROME_PATH, else `chromium` on PATH. The site is served by a small static server
that gzip-compresses text as a static host would (Python's http.server does not, which
roughly triples the bytes).

Per page: performance score, LCP, TBT, CLS, FCP, transferred bytes, DOM elements, the
median of --runs runs (each metric on its own), and the load average of the machine while
it ran: on a shared 2-core machine a busy neighbour inflates TBT. Results go to
benchmarks/results/lighthouse.json and lighthouse.md; the last run's full report of each
page to benchmarks/results/lighthouse/<page>.json (for the diagnostics: main-thread work,
bootup time, layout-shift elements, network requests).

--baseline OTHER_SITE measures another build of the site (say, a copy of site/ made before a
change) page by page in turn with this one, so both see the same load on the machine; its
numbers go under "baseline" beside each page's.
"""
from __future__ import annotations

import argparse
import functools
import gzip
import io
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from contextlib import AbstractContextManager
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.browser.reader import serve as serve_directory  # noqa: E402
from tests.pages import source_pages, url_of  # noqa: E402

VERSION = "12.2.3"
TOOL_DIR = REPO / "benchmarks" / ".lighthouse"
LIGHTHOUSE = TOOL_DIR / "node_modules" / ".bin" / "lighthouse"
RESULTS = REPO / "benchmarks" / "results"
TARGETS = {"score": 95, "tbt_ms": 200, "cls": 0.01}
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml",
                "application/xml", "application/manifest+json")


class GzipHandler(SimpleHTTPRequestHandler):
    """Static files; text compressed with gzip when the client accepts it."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map,
                      ".js": "application/javascript", ".mjs": "application/javascript",
                      ".json": "application/json", ".svg": "image/svg+xml",
                      ".woff2": "font/woff2", ".woff": "font/woff"}

    def log_message(self, format: str, *args) -> None:  # noqa: A002
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the slash URL
            path = path / "index.html"
        if not path.is_file():
            return super().send_head()
        ctype = self.guess_type(str(path))
        body = path.read_bytes()
        encoded = ("gzip" in self.headers.get("Accept-Encoding", "")
                   and ctype.startswith(COMPRESSIBLE))
        if encoded:
            body = _gzipped(str(path), path.stat().st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600")
        if encoded:
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)


@functools.lru_cache(maxsize=4096)
def _gzipped(path: str, mtime_ns: int) -> bytes:
    return gzip.compress(Path(path).read_bytes(), 6, mtime=0)


def serve(directory: Path) -> AbstractContextManager[str]:
    """Serve `directory` with gzip on a free loopback port; yield its base URL."""
    return serve_directory(directory, GzipHandler)


def ensure_lighthouse() -> Path:
    if LIGHTHOUSE.exists():
        return LIGHTHOUSE
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("npm not found: Lighthouse needs Node.js 18+ with npm")
    TOOL_DIR.mkdir(parents=True, exist_ok=True)
    print(f"installing lighthouse@{VERSION} into {TOOL_DIR.relative_to(REPO)}/", file=sys.stderr)
    subprocess.run([npm, "install", "--no-audit", "--no-fund", "--prefix", str(TOOL_DIR),
                    f"lighthouse@{VERSION}"], check=True, stdout=subprocess.DEVNULL)
    return LIGHTHOUSE


def run_lighthouse(url: str, chrome: str, categories: str) -> dict:
    env = {**os.environ, "CHROME_PATH": chrome}
    command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", "--output-path=stdout",
               f"--only-categories={categories}",
               # The full-page screenshot (for the HTML report) lays out and paints the whole
               # page after the measurements; a long page takes seconds.
               "--disable-full-page-screenshot",
               "--chrome-flags=--headless=new --no-sandbox"]
    for attempt in range(3):
        done = subprocess.run(command, env=env, capture_output=True, text=True)
        if done.returncode == 0:
            report = json.loads(done.stdout)
            if not report.get("runtimeError"):
                return report
        time.sleep(2)
    raise RuntimeError(f"lighthouse failed on {url}:\n{done.stderr[-2000:]}")


def numbers(report: dict) -> dict:
    audits = report["audits"]

    def value(name: str) -> float:
        return audits[name].get("numericValue") or 0

    row = {
        "score": round(100 * (report["categories"]["performance"]["score"] or 0)),
        "lcp_ms": round(value("largest-contentful-paint")),
        "fcp_ms": round(value("first-contentful-paint")),
        "tbt_ms": round(value("total-blocking-time")),
        "cls": round(value("cumulative-layout-shift"), 4),
        "si_ms": round(value("speed-index")),
        "bytes": round(value("total-byte-weight")),
        "dom": round(value("dom-size")),
        "mainthread_ms": round(value("mainthread-work-breakdown")),
    }
    for name, category in report["categories"].items():
        if name != "performance":
            row[name] = round(100 * (category["score"] or 0))
    return row


def median_row(rows: list[dict]) -> dict:
    out = {}
    for key in rows[0]:
        out[key] = statistics.median(r[key] for r in rows)
        if isinstance(rows[0][key], int):
            out[key] = round(out[key])
    return out


def misses(row: dict) -> list[str]:
    found = []
    if row["score"] < TARGETS["score"]:
        found.append("score")
    if row["tbt_ms"] > TARGETS["tbt_ms"]:
        found.append("TBT")
    if row["cls"] > TARGETS["cls"]:
        found.append("CLS")
    return found


def table(pages: dict[str, dict], limit: int | None = None) -> str:
    order = sorted(pages.items(), key=lambda kv: (kv[1]["score"], -kv[1]["tbt_ms"]))
    if limit:
        order = order[:limit]
    lines = ["| page | score | LCP (s) | TBT (ms) | CLS | bytes (KB) | DOM | load avg |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for page, row in order:
        flag = " ⚠ " + ", ".join(misses(row)) if misses(row) else ""
        lines.append(f"| /{page} | {row['score']}{flag} | {row['lcp_ms'] / 1000:.1f} | "
                     f"{row['tbt_ms']} | {row['cls']:.3f} | {row['bytes'] / 1000:.0f} | "
                     f"{row['dom']} | {row['load']:.1f} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--pages", default="", help="regular expression on the page URL")
    parser.add_argument("--site", type=Path, default=REPO / "site")
    parser.add_argument("--categories", default="performance",
                        help="comma-separated Lighthouse categories (performance is always run)")
    parser.add_argument("--out", type=Path, default=RESULTS / "lighthouse.json")
    parser.add_argument("--baseline", type=Path,
                        help="another build of the site, measured in turn with --site")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    for site in filter(None, [args.site, args.baseline]):
        if not (site / "index.html").is_file():
            parser.error(f"no built site at {site}: run `make build` first")
    chrome = os.environ.get("CHROME_PATH") or shutil.which("chromium")
    if not chrome:
        parser.error("chromium not found: set CHROME_PATH or apt-get install chromium")
    categories = ",".join(dict.fromkeys(["performance", *filter(None, args.categories.split(","))]))
    ensure_lighthouse()
    pattern = re.compile(args.pages)
    urls = [url_of(s) for s in source_pages()]
    urls = [u for u in urls if pattern.search("/" + u)]
    if not urls:
        parser.error(f"no page matches {args.pages!r}")
    reports_dir = args.out.parent / args.out.stem
    reports_dir.mkdir(parents=True, exist_ok=True)

    pages: dict[str, dict] = {}
    started = time.perf_counter()
    load_start = os.getloadavg()

    def measure(base: str, url: str) -> tuple[dict, dict]:
        rows, loads = [], []
        for _ in range(args.runs):
            before = os.getloadavg()[0]
            report = run_lighthouse(base + url, chrome, categories)
            loads.append((before + os.getloadavg()[0]) / 2)
            rows.append(numbers(report))
        row = median_row(rows)
        row["load"] = round(statistics.median(loads), 2)
        row["runs"] = args.runs
        return row, report

    with serve(args.site) as base, serve(args.baseline or args.site) as other:
        for n, url in enumerate(urls, 1):
            if args.baseline:
                old, _ = measure(other, url)
            row, report = measure(base, url)
            if args.baseline:
                row["baseline"] = old
            pages[url] = row
            name = (url.strip("/").replace("/", "_") or "index") + ".json"
            (reports_dir / name).write_text(json.dumps(report), encoding="utf-8")
            was = (f" (baseline {old['score']}, TBT {old['tbt_ms']} ms, CLS {old['cls']})"
                   if args.baseline else "")
            print(f"[{n}/{len(urls)}] /{url}: {row['score']} TBT {row['tbt_ms']} ms "
                  f"CLS {row['cls']} LCP {row['lcp_ms']} ms {row['bytes'] / 1000:.0f} KB "
                  f"(load {row['load']}){was}", file=sys.stderr, flush=True)
            # Written as it goes, so an interrupted run keeps what it measured.
            partial = args.out.with_suffix(".partial.json")
            partial.write_text(json.dumps(pages, indent=1, ensure_ascii=False), encoding="utf-8")
    seconds = time.perf_counter() - started
    summary = {
        "lighthouse": VERSION,
        "chromium": subprocess.run([chrome, "--version"], capture_output=True, text=True).stdout.strip(),
        "runs": args.runs,
        "pages": len(pages),
        "seconds": round(seconds, 1),
        "loadavg_start": [round(x, 2) for x in load_start],
        "loadavg_end": [round(x, 2) for x in os.getloadavg()],
        "cpus": os.cpu_count(),
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "baseline": str(args.baseline) if args.baseline else None,
        "missing_targets": sorted(u for u, r in pages.items() if misses(r)),
        "results": pages,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(summary, indent=2, ensure_ascii=False), encoding="utf-8")
    args.out.with_suffix(".partial.json").unlink(missing_ok=True)
    text = (f"Lighthouse {VERSION}, mobile defaults, gzip; {len(pages)} pages × {args.runs} "
            f"run(s) in {seconds / 60:.1f} min; load average {summary['loadavg_start'][0]:.1f} "
            f"at start, {summary['loadavg_end'][0]:.1f} at end, {os.cpu_count()} CPUs; "
            f"{summary['date']}. Targets: score ≥ 95, TBT ≤ 200 ms, CLS ≤ 0.01.\n\n"
            + table(pages) + "\n")
    if args.baseline:
        text += "\nBaseline (" + str(args.baseline) + "), measured in turn with each page:\n\n" + table(
            {url: row["baseline"] for url, row in pages.items()}) + "\n"
    args.out.with_suffix(".md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
