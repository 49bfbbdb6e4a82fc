"""The GIL page's work functions and its benchmark table: behaviour and shape, never timings."""
from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

import pytest

from sitebuild import REPO_ROOT
from snippets.python.gil_work import numpy_sort, python_loop, sha256_mb, sleep_ms
from tests.pages import LANGUAGES, page_text

RESULTS = REPO_ROOT / "snippets" / "python" / "gil_benchmark.md"


def test_the_work_computes_the_same_in_threads_as_serially() -> None:
    calls = [(python_loop, 1000), (sleep_ms, 1), (numpy_sort, 1001), (sha256_mb, 1)]
    serial = [func(arg) for func, arg in calls]
    with ThreadPoolExecutor(4) as pool:
        threaded = list(pool.map(lambda call: call[0](call[1]), calls))
    assert threaded == serial
    assert serial[0] == sum(i * i for i in range(1000))
    assert 0.0 < serial[2] < 1.0 and len(serial[3]) == 8


@pytest.mark.parametrize("func, bad, message", [
    (python_loop, -1, "n must be >= 0"), (sleep_ms, -5, "ms must be >= 0"),
    (numpy_sort, 0, "n must be > 0"), (sha256_mb, 0, "mb must be > 0")])
def test_bad_sizes_are_named(func, bad: int, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        func(bad)


def test_the_benchmark_table_is_on_the_page_with_its_machine() -> None:
    text = RESULTS.read_text(encoding="utf-8")
    rows = re.findall(r"^\| `(\w+)\(", text, re.MULTILINE)
    assert rows == ["python_loop", "sleep_ms", "numpy_sort", "sha256_mb"]
    assert re.search(r"Medians of \d+ runs, \d{4}-\d\d-\d\d: CPython 3\.\d+", text)
    assert "cores" in text and "load average" in text
    for language in LANGUAGES:
        assert '--8<-- "snippets/python/gil_benchmark.md"' in page_text("python/gil.md", language)


def test_the_recorded_run_is_the_one_the_page_describes() -> None:
    """The page reads the run as: sleeps overlap everywhere; pure Python speeds up only in
    processes; NumPy and hashlib speed up in threads too. A run that says otherwise (a busy
    machine) fails here until the prose is rewritten for it."""
    text = RESULTS.read_text(encoding="utf-8")
    cores = int(re.search(r"(\d+) cores", text)[1])
    load = float(re.search(r"load average ([\d.]+)", text)[1])
    assert load < cores, "recorded on a busy machine: the page describes an idle one"
    ratios = {name: (float(t), float(p)) for name, t, p in re.findall(
        r"^\| `(\w+)\(.*?\((\d+\.\d)×\) \| .*?\((\d+\.\d)×\) \|$", text, re.MULTILINE)}
    assert set(ratios) == {"python_loop", "sleep_ms", "numpy_sort", "sha256_mb"}
    threads, processes = ratios["python_loop"]
    assert threads <= 1.2 and processes >= 1.5
    assert min(ratios["sleep_ms"]) >= 1.8
    assert all(min(ratios[name]) >= 1.5 for name in ("numpy_sort", "sha256_mb"))
