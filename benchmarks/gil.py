"""The GIL, measured: the same tasks serially, in threads and in processes (a benchmark, not a test).

    .venv/bin/python benchmarks/gil.py [--runs 5] [--tasks 2]

Each kind of work (snippets/python/gil_work.py) runs --tasks times: one after another, in a
thread pool and in a process pool of --tasks workers. The pools are created and warmed up
before the clock starts, so the process column shows the work plus pickling, not start-up.
Medians of --runs, written as a Markdown table to stdout and to snippets/python/gil_benchmark.md.
"""
from __future__ import annotations

import argparse
import datetime
import multiprocessing
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from snippets.python.gil_work import numpy_sort, python_loop, sha256_mb, sleep_ms  # noqa: E402

WORK: list[tuple[str, Callable[[int], object], int]] = [
    ("`python_loop(3_000_000)`: pure Python", python_loop, 3_000_000),
    ("`sleep_ms(200)`: waiting, like I/O", sleep_ms, 200),
    ("`numpy_sort(4_000_000)`: NumPy", numpy_sort, 4_000_000),
    ("`sha256_mb(200)`: hashlib", sha256_mb, 200),
]


def timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def in_pool(pool: Executor, func: Callable[[int], object], arg: int, tasks: int) -> list[object]:
    return list(pool.map(func, [arg] * tasks))


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--tasks", type=int, default=2)
    args = parser.parse_args()
    if args.runs < 1 or args.tasks < 1:
        raise SystemExit("--runs and --tasks must be at least 1")

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    rows = []
    context = multiprocessing.get_context("spawn")
    with ThreadPoolExecutor(args.tasks) as threads, ProcessPoolExecutor(args.tasks, mp_context=context) as processes:
        in_pool(processes, sleep_ms, 0, args.tasks)          # start the workers before timing
        for label, func, arg in WORK:
            serial, threaded, parallel = [], [], []
            for _ in range(args.runs):
                serial.append(timed(lambda: [func(arg) for _ in range(args.tasks)]))
                threaded.append(timed(lambda: in_pool(threads, func, arg, args.tasks)))
                parallel.append(timed(lambda: in_pool(processes, func, arg, args.tasks)))
            medians = [statistics.median(times) for times in (serial, threaded, parallel)]
            rows.append((label, *medians))

    lines = [
        f"| work, {args.tasks} tasks | serial | {args.tasks} threads | {args.tasks} processes |",
        "| --- | --- | --- | --- |",
        *[f"| {label} | {s:.2f} s | {t:.2f} s ({s / t:.1f}×) | {p:.2f} s ({s / p:.1f}×) |"
          for label, s, t, p in rows],
        "",
        f"Medians of {args.runs} runs, {datetime.date.today().isoformat()}: CPython "
        f"{platform.python_version()}, NumPy {__import__('numpy').__version__}, {platform.system()} "
        f"{platform.machine()}, {cpu_model()}, {os.cpu_count()} cores, load average {load:.1f} "
        f"when the run started (a shared machine). In parentheses: serial time divided by this time.",
    ]
    text = "\n".join(lines) + "\n"
    print(text, end="")
    out = REPO / "snippets" / "python" / "gil_benchmark.md"
    out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
