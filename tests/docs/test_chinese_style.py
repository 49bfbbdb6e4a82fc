"""Chinese pages quote with “…” (and ‘…’ inside), as Chinese typesetting does.

Straight ASCII quotes and corner brackets 「」 mixed in with “…” read as two styles. Code,
math, markup and admonition syntax keep their own quotes: only the prose is checked.
"""
from __future__ import annotations

import re
from pathlib import Path

import jupytext
import pytest

from tests.pages import language_of, relative, source_pages

CHINESE_PAGES = [p for p in source_pages() if language_of(p) == "zh"]
NOT_PROSE = [
    re.compile(r"^[ \t]*(?P<fence>```+|~~~+).*?^[ \t]*(?P=fence)[ \t]*$", re.DOTALL | re.MULTILINE),
    re.compile(r"<!--.*?-->", re.DOTALL),
    re.compile(r"\$\$.*?\$\$", re.DOTALL),
    re.compile(r"(?<!\\)\$[^$\n]+\$"),
    re.compile(r"(`+).+?\1"),
    re.compile(r"<[^>\n]+>"),
    re.compile(r"\]\([^)\n]*\)"),
    re.compile(r"\{[#.:][^}\n]*\}"),
    re.compile(r'^[ \t]*--8<--.*$', re.MULTILINE),
]
# Admonition and tab titles: the quotes are syntax, the title inside is prose.
TITLE = re.compile(r'^([ \t]*(?:[?!]{3}\+?[ \t]+[\w-]+(?:[ \t]+[\w-]+)*|===\+?)[ \t]+)"([^"\n]*)"', re.MULTILINE)
WRONG_QUOTES = re.compile(r'["「」『』]')


def markdown_of(page: Path) -> str:
    """A page's Markdown: a notebook's Markdown cells."""
    if page.suffix == ".py":
        notebook = jupytext.read(page)
        return "\n\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
    return page.read_text(encoding="utf-8")


def prose(source: str) -> str:
    text = TITLE.sub(r"\1\2", source)
    for pattern in NOT_PROSE:
        text = pattern.sub(" ", text)
    return text


def test_prose_keeps_quotes_and_drops_code() -> None:
    sample = ('??? question "为什么？"\n    他说“好”。`"x"` $"a"$\n```py\nx = "s"\n```\n<a href="x">\n'
              '=== "标签"\n    ```cpp title="a.cpp"\n    --8<-- "a.cpp"\n    ```\n')
    assert WRONG_QUOTES.findall(prose(sample)) == []
    assert WRONG_QUOTES.findall(prose('他说"好"，又说「对」。')) == ['"', '"', "「", "」"]


@pytest.mark.parametrize("page", CHINESE_PAGES, ids=relative)
def test_chinese_prose_uses_one_style_of_quotation_marks(page: Path) -> None:
    text = prose(markdown_of(page))
    offenders = [line.strip() for line in text.splitlines() if WRONG_QUOTES.search(line)]
    assert not offenders, f"use “…” (‘…’ inside) on Chinese pages: {offenders[:5]}"
    assert text.count("“") == text.count("”"), "unbalanced “…”"
