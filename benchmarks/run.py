"""Build and test timings, reported as medians of several runs (a benchmark, not a test).

    .venv/bin/python benchmarks/run.py [--runs 3] [--skip-tests]

- cold build: no site/, no .cache/ (figures drawn, notebooks executed)
- clean build: no site/, caches warm (what `mkdocs build --clean` costs day to day)
- no-change rebuild: site/ and caches present, nothing edited
- C++ examples: tests/cpp with and without its cache of compiled binaries
- test suite: `make test` itself
- per page: bytes of each built HTML page
Results go to stdout as Markdown and to benchmarks/results/latest.json.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SITE = REPO / "site"
CACHE = REPO / ".cache"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=REPO, env=ENV, check=True, capture_output=True)
    return time.perf_counter() - start


def build() -> float:
    return timed([sys.executable, "-m", "mkdocs", "build", "--strict"])


def median_of(runs: int, prepare, action) -> tuple[float, list[float]]:
    samples = []
    for _ in range(runs):
        prepare()
        samples.append(action())
    return statistics.median(samples), samples


def remove(*paths: Path) -> None:
    for path in paths:
        shutil.rmtree(path, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-tests", action="store_true")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    figures = REPO / "docs" / "assets" / "figures"
    results: dict[str, object] = {"runs": args.runs, "cpus": os.cpu_count()}
    rows = [
        ("cold build (no caches)", lambda: remove(SITE, CACHE, figures), build),
        ("clean build (caches warm)", lambda: remove(SITE), build),
        ("no-change rebuild", lambda: None, build),
    ]
    cpp_cache = CACHE / "cpp"
    pytest = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    rows += [
        ("C++ examples, cold (no binary cache)", lambda: remove(cpp_cache), lambda: timed(pytest + ["tests/cpp"])),
        ("C++ examples, warm", lambda: None, lambda: timed(pytest + ["tests/cpp"])),
    ]
    if not args.skip_tests:
        # `make test` itself, so the figure is the README command's (pytest-xdist on every core).
        rows.append(("test suite (make test)", lambda: None,
                     lambda: timed(["make", "--no-print-directory", "test"])))
    print(f"| measurement | median (s) | runs (s) |\n| --- | --- | --- |")
    for name, prepare, action in rows:
        median, samples = median_of(args.runs, prepare, action)
        results[name] = {"median_s": round(median, 2), "samples_s": [round(s, 2) for s in samples]}
        print(f"| {name} | {median:.1f} | {', '.join(f'{s:.1f}' for s in samples)} |")

    sizes = {p.relative_to(SITE).as_posix(): p.stat().st_size for p in sorted(SITE.rglob("*.html"))}
    results["page_bytes"] = sizes
    print("\n| page | bytes |\n| --- | --- |")
    for page, size in sizes.items():
        print(f"| {page} | {size:,} |")
    out = REPO / "benchmarks" / "results"
    out.mkdir(exist_ok=True)
    (out / "latest.json").write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
