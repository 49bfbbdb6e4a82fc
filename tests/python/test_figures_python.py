"""The Python chapter's figures show what the sessions' objects really are (rendering,
determinism and language-neutral text are checked for every chapter in tests/site/test_figures.py)."""
from __future__ import annotations

import sys
from pathlib import Path

import snippets.python.figures
from snippets.python.figures.call_by_sharing import bindings, call_and_capture
from snippets.python.figures.copy_semantics import NAMES, unique_by_identity
from snippets.sessions import run_session

FIGURE_DIR = Path(snippets.python.figures.__file__).parent
SCRIPTS = sorted(path.stem for path in FIGURE_DIR.glob("*.py") if path.name != "__init__.py")


def test_the_chapter_has_its_figures() -> None:
    assert {"copy_semantics", "call_by_sharing", "strided_view"} <= set(SCRIPTS)


def test_copy_figure_sees_three_outer_lists_and_two_nested_ones() -> None:
    namespace = run_session("python/copying.pycon")
    lists = [namespace[name] for name in NAMES]
    assert len(unique_by_identity(lists)) == 3
    assert len(unique_by_identity([outer[3] for outer in lists])) == 2


def test_call_figure_records_the_parameters_of_add() -> None:
    add = run_session("python/calls.pycon")["add"]
    x, y = [1, 2], [3, 4]
    names = bindings(add, x, y)
    assert names["a"] is x and names["b"] is y and x == [1, 2, 3, 4]
    x, y = (10, 20), (30, 40)
    names = bindings(add, x, y)
    assert names["a"] is not x and names["a"] == (10, 20, 30, 40) and names["b"] is y


def test_call_and_capture_restores_the_previous_profiler() -> None:
    before = sys.getprofile()
    result, local = call_and_capture(lambda value: value * 2, 21)
    assert (result, local) == (42, {"value": 21})
    assert sys.getprofile() is before


def test_strided_view_offsets_are_where_numpy_reads() -> None:
    import pytest

    from snippets.python.figures.strided_view import arrays, element_offsets

    m, s = arrays()
    offsets = element_offsets(s, m)
    assert offsets == [8, 24, 72, 88]
    flat = m.reshape(-1)
    assert [flat[offset // m.itemsize] for offset in offsets] == s.reshape(-1).tolist()
    assert element_offsets(m.T, m) == [0, 32, 64, 8, 40, 72, 16, 48, 80, 24, 56, 88]
    with pytest.raises(ValueError, match="does not share memory"):
        element_offsets(s.copy(), m)
