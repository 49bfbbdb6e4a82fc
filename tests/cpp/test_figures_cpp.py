"""The C++ chapter's figures: each is drawn from a tested program's recorded output.

tests/cpp/test_examples.py compares NAME.out with a real run on every toolchain; here we
check that each figure reads that file (a changed output changes the picture, a malformed
one fails loudly) and that the numbers the prose quotes next to a figure come from it.
Rendering (byte-identical, language-neutral) is checked for every chapter in
tests/site/test_figures.py.
"""
from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

import snippets.cpp.figures as cpp_figures
from tests.pages import LANGUAGES, page_text, visible_text

FIGURE_DIR = Path(cpp_figures.__file__).parent
# figure script -> the program whose output it draws
SOURCES = {"vtable_layout": "vtable_layout", "smart_weak_cycle": "smart_weak_cycle",
           "memory_regions": "memory_regions", "vector_growth": "vector_growth",
           "struct_padding": "struct_padding"}


def test_the_chapter_has_its_figures() -> None:
    scripts = {path.stem for path in FIGURE_DIR.glob("*.py") if path.name != "__init__.py"}
    assert set(SOURCES) <= scripts


@pytest.mark.parametrize("script", sorted(SOURCES))
def test_a_figure_reads_its_programs_recorded_output(script: str, monkeypatch: pytest.MonkeyPatch) -> None:
    module = importlib.import_module(f"snippets.cpp.figures.{script}")
    read: list[str] = []
    original = cpp_figures.recorded_output

    def spy(name: str) -> str:
        read.append(name)
        return original(name)

    monkeypatch.setattr(module, "recorded_output", spy)
    module.draw()
    assert read == [SOURCES[script]]

    monkeypatch.setattr(module, "recorded_output", lambda name: "something else entirely\n")
    with pytest.raises(ValueError, match="recorded output has 0 lines matching"):
        module.draw()


def test_a_missing_output_is_named() -> None:
    with pytest.raises(ValueError, match="no recorded output no_such_program.out"):
        cpp_figures.recorded_output("no_such_program")


def test_the_capacities_the_page_states_are_the_programs() -> None:
    rows = re.findall(r"^\d+ (\d+) (?:yes|no|-)$", cpp_figures.recorded_output("vector_growth"), re.MULTILINE)
    capacities = list(dict.fromkeys(int(c) for c in rows if int(c) > 0))
    assert capacities == [1, 2, 4, 8, 16, 32, 64]
    for language, sep in zip(LANGUAGES, ("、", ", ")):
        prose = visible_text(page_text("cpp/stl.md", language))
        assert sep.join(map(str, capacities)) in prose, language


def test_the_padding_the_page_states_is_the_programs() -> None:
    out = cpp_figures.recorded_output("struct_padding")
    sizes = dict(re.findall(r"^(\w+) size (\d+) align \d+$", out, re.MULTILINE))
    assert sizes == {"Careless": "32", "Sorted": "16"}
    for language in LANGUAGES:
        prose = visible_text(page_text("cpp/basics.md", language))
        assert "Careless size 32" in prose and "Sorted size 16" in prose, language


def test_the_number_of_reallocations_the_page_states_is_the_programs() -> None:
    rows = re.findall(r"^\d+ \d+ (yes|no|-)$", cpp_figures.recorded_output("vector_growth"), re.MULTILINE)
    new_buffers = rows.count("yes")
    assert new_buffers == 7
    states = {"zh": f"{new_buffers} 次分配", "en": f"{new_buffers} allocations"}
    for language in LANGUAGES:
        assert states[language] in visible_text(page_text("cpp/stl.md", language)), language
