"""The id() tour notebook: its code cells run on this Python and print what the text says."""
from __future__ import annotations

import contextlib
import io
import platform

import jupytext
import pytest

from sitebuild import DOCS_DIR

NOTEBOOK = DOCS_DIR / "python" / "notebooks" / "id_tour.py"


def printed_lines() -> list[str]:
    namespace: dict[str, object] = {"__name__": "__main__"}
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        for cell in jupytext.read(NOTEBOOK).cells:
            if cell.cell_type == "code":
                exec(compile(cell.source, str(NOTEBOOK), "exec"), namespace)
    return out.getvalue().splitlines()


@pytest.mark.skipif(platform.python_implementation() != "CPython",
                    reason="the reuse of a freed list's memory is a CPython detail")
def test_ids_of_objects_not_alive_together_can_be_equal() -> None:
    lines = printed_lines()
    assert lines[-2:] == ["True", "False False"]


def test_the_tour_prints_identity_results_not_raw_ids() -> None:
    lines = printed_lines()
    assert lines[0] == "True True"
    assert "distinct rows: 1" in lines and "distinct rows: 3" in lines
    assert not any(word.isdigit() and len(word) > 6 for line in lines for word in line.split())
