"""Every comment in the Python chapter's code has a Chinese translation in its catalogue.

The build swaps comments on zh pages (sitebuild/code_comments.py); this checks the sources
directly, highlighted the way the pages highlight them, so it needs no built site.
"""
from __future__ import annotations

import re

import jupytext
import pytest
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonConsoleLexer, PythonLexer

from sitebuild import DOCS_DIR, REPO_ROOT
from sitebuild.code_comments import comment_keys, load_catalogue

CATALOGUE = REPO_ROOT / "snippets" / "python" / "comments.zh.toml"
SOURCES = sorted((REPO_ROOT / "snippets" / "python").glob("*.pycon")) + sorted(
    (REPO_ROOT / "snippets" / "python").glob("*.py"))
SECTION = re.compile(r"# --8<-- \[(?P<edge>start|end):[\w-]+\]")
NOTEBOOKS = sorted(p for p in (DOCS_DIR / "python" / "notebooks").glob("*.py") if ".en." not in p.name)


def keys_in(code: str, lexer: PythonLexer | PythonConsoleLexer) -> set[str]:
    return comment_keys(highlight(code, lexer, HtmlFormatter()))


def sections(text: str) -> list[str]:
    """The named sections of a snippet file, which is what the pages include."""
    found, current = [], None
    for line in text.splitlines(keepends=True):
        marker = SECTION.search(line)
        if marker and marker["edge"] == "start":
            current = []
        elif marker:
            found.append("".join(current or []))
            current = None
        elif current is not None:
            current.append(line)
    return found


def chapter_keys() -> dict[str, set[str]]:
    found = {}
    for path in SOURCES:
        lexer = PythonConsoleLexer() if path.suffix == ".pycon" else PythonLexer()
        parts = sections(path.read_text(encoding="utf-8"))
        found[path.name] = set().union(*(keys_in(part, lexer) for part in parts))
    for path in NOTEBOOKS:
        cells = [c.source for c in jupytext.read(path).cells if c.cell_type == "code"]
        found[path.name] = set().union(*(keys_in(cell, PythonLexer()) for cell in cells))
    return found


@pytest.mark.parametrize("name, keys", sorted(chapter_keys().items()))
def test_every_comment_has_a_translation(name: str, keys: set[str]) -> None:
    catalogue = load_catalogue([CATALOGUE])
    missing = sorted(keys - set(catalogue))
    assert not missing, f"{name}: no Chinese for {missing}"


def test_the_catalogue_has_no_entry_the_chapter_does_not_use() -> None:
    used = set().union(*chapter_keys().values())
    unused = sorted(set(load_catalogue([CATALOGUE])) - used)
    assert not unused, f"entries no comment uses: {unused}"


def test_the_check_finds_an_untranslated_comment() -> None:
    assert keys_in(">>> x = 1                # a comment nobody translated\n", PythonConsoleLexer()) \
        == {"a comment nobody translated"}
