"""Per page, in headless Chromium: bytes on first load (gzip-compressed, as a host that
compresses would send them) and the time until its load event ends (math is rendered by the
build, so there is no typesetting to wait for).

    .venv/bin/python benchmarks/browser.py [--runs 3] [--site site]

Typeset time is the load event (math arrives rendered by the build, sitebuild/math.py),
median of --runs cold loads, each in a fresh browser context (empty cache).
"""
from __future__ import annotations

import argparse
import gzip
import json
import shutil
import statistics
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.browser.reader import CHROMIUM_ARGS, read_page, serve  # noqa: E402
from tests.pages import source_pages, url_of  # noqa: E402

BUDGET_BYTES = 500_000
BUDGET_MS = 1000


def measure(browser, url: str) -> tuple[int, float]:
    context = browser.new_context()
    bodies: list[bytes] = []
    context.on("response", lambda r: bodies.append(r.body()) if r.ok else None)
    try:
        report, page = read_page(context, url)
        done_ms = page.evaluate(
            "performance.getEntriesByType('navigation')[0].loadEventEnd")
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    return sum(len(gzip.compress(b, 6)) for b in bodies), float(done_ms)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--site", type=Path, default=REPO / "site")
    args = parser.parse_args()
    if not (args.site / "index.html").is_file():
        parser.error(f"no built site at {args.site}: run `make build` first")
    chromium = shutil.which("chromium")
    if chromium is None:
        parser.error("chromium not found: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    rows = {}
    with serve(args.site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        for source in source_pages():
            samples = [measure(browser, base + url_of(source)) for _ in range(args.runs)]
            rows[url_of(source) or "/"] = {
                "gzip_bytes": int(statistics.median(s[0] for s in samples)),
                "load_ms": round(statistics.median(s[1] for s in samples)),
            }
        browser.close()
    print("| page | first load, gzip (KB) | load event (ms, median) |\n| --- | --- | --- |")
    for page, row in rows.items():
        flag = " ⚠" if row["gzip_bytes"] > BUDGET_BYTES or row["load_ms"] > BUDGET_MS else ""
        print(f"| {page} | {row['gzip_bytes'] / 1000:.0f} | {row['load_ms']}{flag} |")
    out = REPO / "benchmarks" / "results"
    out.mkdir(exist_ok=True)
    (out / "browser.json").write_text(json.dumps(rows, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
