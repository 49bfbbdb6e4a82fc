"""Math on every page holds formulas, not prose, and no heading holds math (the table of
contents shows headings as plain text, where TeX would stay raw)."""
from __future__ import annotations

import re
from pathlib import Path

import jupytext
import pytest

from tests.pages import math_spans, relative, source_pages

CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")


def markdown_of(page: Path) -> str:
    if page.suffix == ".py":
        return "\n\n".join(c.source for c in jupytext.read(page).cells if c.cell_type == "markdown")
    return page.read_text(encoding="utf-8")


def test_math_spans_finds_display_and_inline_math_outside_code() -> None:
    assert math_spans("$$a$$ and $b$ but not `$c$`") == ["a", "b"]


@pytest.mark.parametrize("page", source_pages(), ids=relative)
def test_math_holds_formulas_not_prose(page: Path) -> None:
    for span in math_spans(markdown_of(page)):
        assert not CJK.search(span), f"Chinese text inside math: {span[:80]!r}"
        assert r"\space" not in span
        words = re.findall(r"\\(?:text|mathrm)\{([^}]*)\}", span)
        assert all(len(word.split()) <= 2 for word in words), f"prose in \\text: {words}"


@pytest.mark.parametrize("page", [p for p in source_pages() if p.suffix == ".md"], ids=relative)
def test_headings_hold_no_math(page: Path) -> None:
    text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.DOTALL)
    headings = re.findall(r"^#+ .*$", text, re.MULTILINE)
    assert not [heading for heading in headings if "$" in heading or "\\" in heading]
