"""Measured runs shown on the pages (timings) come from the program the tests run.

snippets/cpp/false_sharing_timing.txt holds a timed run (FALSE_SHARING_TIMES=1); the
timings themselves are not checked, but without them each line must be a line of
false_sharing.out, which tests/cpp/test_examples.py compares with a real run.
"""
from __future__ import annotations

import re

from tests.cpp import cppbuild


def test_the_timed_run_is_the_tested_programs_output_plus_times() -> None:
    expected = (cppbuild.SNIPPETS / "false_sharing.out").read_text().splitlines()
    lines = [line for line in (cppbuild.SNIPPETS / "false_sharing_timing.txt").read_text().splitlines()
             if not line.startswith("#")]
    assert lines and len(lines) % len(expected) == 0
    for i, line in enumerate(lines):
        m = re.fullmatch(r"(.*), (\d+) ms", line)
        assert m, f"line {i + 1} has no timing: {line!r}"
        assert m.group(1) == expected[i % len(expected)]
