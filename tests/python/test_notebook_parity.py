"""Every notebook docs/**/notebooks/X.py and its English twin X.en.py run the same code.

The markdown cells are written per language; the code cells must be identical, cell for
cell, so both languages show the same outputs.
"""
from __future__ import annotations

from pathlib import Path

import jupytext
import pytest

from sitebuild import DOCS_DIR
from tests.pages import counterpart, relative

NOTEBOOKS = sorted(path for path in DOCS_DIR.glob("**/notebooks/*.py") if ".en." not in path.name)


def cells(path: Path) -> list[tuple[str, str]]:
    notebook = jupytext.read(path)
    return [(cell.cell_type, cell.source) for cell in notebook.cells]


def test_there_are_notebooks_to_compare() -> None:
    assert any(path.parts[-3:] == ("python", "notebooks", "id_tour.py") for path in NOTEBOOKS)


@pytest.mark.parametrize("chinese", NOTEBOOKS, ids=relative)
def test_code_cells_are_identical_in_both_languages(chinese: Path) -> None:
    english = counterpart(chinese)
    assert english.is_file(), f"{relative(chinese)} has no English twin {relative(english)}"
    zh, en = cells(chinese), cells(english)
    assert len(zh) == len(en), f"{len(zh)} cells in Chinese, {len(en)} in English"
    assert [kind for kind, _ in zh] == [kind for kind, _ in en], "cell kinds differ in order"
    for index, ((kind, zh_source), (_, en_source)) in enumerate(zip(zh, en)):
        if kind == "code":
            assert zh_source == en_source, f"code cell {index} differs"
    assert any(kind == "code" for kind, _ in zh)


@pytest.mark.parametrize("chinese", NOTEBOOKS, ids=relative)
def test_markdown_cells_are_written_per_language(chinese: Path) -> None:
    zh = [source for kind, source in cells(chinese) if kind == "markdown"]
    en = [source for kind, source in cells(counterpart(chinese)) if kind == "markdown"]
    assert zh and all(a != b for a, b in zip(zh, en)), "a markdown cell was not translated"
