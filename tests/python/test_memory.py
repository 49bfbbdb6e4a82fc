"""peak_bytes and the memory numbers the iterators page states (64-bit CPython)."""
from __future__ import annotations

import platform
import re
import struct
import sys
import tracemalloc

import pytest

from snippets.python.memory import (
    PlainPoint,
    SlottedPoint,
    bytes_per_instance,
    peak_bytes,
    sum_of_squares_generator,
    sum_of_squares_list,
    total_size,
)
from tests.pages import LANGUAGES, page_text, visible_text

N = 1_000_000
CPYTHON_64 = pytest.mark.skipif(
    platform.python_implementation() != "CPython" or struct.calcsize("P") != 8,
    reason="the sizes on the page are those of 64-bit CPython")


def test_peak_bytes_sees_a_large_allocation_and_not_a_freed_one() -> None:
    assert peak_bytes(lambda: bytearray(10_000_000)) >= 10_000_000
    assert peak_bytes(lambda: None) < 10_000


def test_peak_bytes_rejects_what_it_cannot_measure() -> None:
    with pytest.raises(ValueError, match="function of no arguments"):
        peak_bytes(42)  # type: ignore[arg-type]
    tracemalloc.start()
    try:
        with pytest.raises(ValueError, match="already tracing"):
            peak_bytes(lambda: None)
    finally:
        tracemalloc.stop()


def test_both_ways_compute_the_same_sum() -> None:
    assert sum_of_squares_list(1000) == sum_of_squares_generator(1000) == sum(x * x for x in range(1000))


@CPYTHON_64
def test_the_list_peak_and_the_generator_peak_are_on_the_page() -> None:
    list_peak = peak_bytes(lambda: sum_of_squares_list(N))
    generator_peak = peak_bytes(lambda: sum_of_squares_generator(N))
    assert generator_peak < 1024
    assert list_peak > 10_000 * generator_peak
    megabytes = round(list_peak / 1e6)
    assert megabytes == 40
    # the list's pointers plus the int objects account for it
    pointers = sys.getsizeof([x for x in range(N)])
    ints = sum(sys.getsizeof(x * x) for x in range(N))
    assert abs(list_peak - pointers - ints) < 0.01 * list_peak
    assert {sys.getsizeof(2**29), sys.getsizeof(2**30)} == {28, 32}
    for language in LANGUAGES:
        text = visible_text(page_text("python/iterators.md", language))
        assert f"{megabytes} MB" in text and "1 KB" in text
        assert "`28`" in text and "`32`" in text and "1,000,000" in text


def test_bytes_per_instance_rejects_an_empty_count() -> None:
    with pytest.raises(ValueError, match="positive number of instances, got 0"):
        bytes_per_instance(SlottedPoint, 0)


def table_row(text: str, label: str) -> dict[str, int]:
    """The numbers of the row `| label | 3.11 | 3.12 | 3.13 |` of a page's table."""
    match = re.search(rf"^\| {re.escape(label)} \| (\d+) \| (\d+) \| (\d+) \|$", text, re.MULTILINE)
    assert match, f"no row {label}"
    return dict(zip(["3.11", "3.12", "3.13"], map(int, match.groups())))


@CPYTHON_64
def test_slots_save_memory_per_instance_as_the_page_says() -> None:
    plain = round(bytes_per_instance(PlainPoint))
    slotted = round(bytes_per_instance(SlottedPoint))
    assert slotted < plain
    this = f"{sys.version_info[0]}.{sys.version_info[1]}"
    for language in LANGUAGES:
        text = visible_text(page_text("python/descriptors.md", language))
        assert table_row(text, "`__dict__`")[this] == plain
        assert table_row(text, "`__slots__`")[this] == slotted
        assert "1,000,000" in text


def test_total_size_counts_shared_objects_once_and_follows_containers() -> None:
    shared = [1.5] * 10
    assert total_size([shared, shared]) == sys.getsizeof([shared, shared]) + sys.getsizeof(shared) + sys.getsizeof(1.5)
    nested = {"a": (1.5, [2.5])}
    assert total_size(nested) == sum(map(sys.getsizeof, [nested, "a", nested["a"], 1.5, nested["a"][1], 2.5]))
    cycle: list[object] = []
    cycle.append(cycle)
    assert total_size(cycle) == sys.getsizeof(cycle)


@CPYTHON_64
def test_the_long_running_page_states_the_sizes() -> None:
    frames = [[float(i)] * 100 for i in range(1000)]
    shallow, deep = sys.getsizeof(frames), total_size(frames)
    assert deep == shallow + 1000 * (sys.getsizeof(frames[0]) + sys.getsizeof(1.0))
    ratio = round(deep / shallow)
    assert ratio == 100
    for language in LANGUAGES:
        text = visible_text(page_text("python/long-running.md", language))
        assert f"{shallow:,}" in text and f"{deep:,}" in text and f"{ratio}" in text
