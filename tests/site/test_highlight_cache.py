"""Pygments' output is reused from disk only for the same code, lexer and formatter options."""
from __future__ import annotations

import re
from pathlib import Path

from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import CppLexer, PythonLexer

from sitebuild.highlight_cache import HighlightMemory


class CountingHighlight:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, code, lexer, formatter) -> str:
        self.calls += 1
        return highlight(code, lexer, formatter)


def test_a_saved_result_is_reused_by_the_next_build(tmp_path: Path) -> None:
    cache = tmp_path / "pygments.json"
    first = HighlightMemory(cache, CountingHighlight())
    html = first("x = [1]\n", PythonLexer(), HtmlFormatter(hl_lines=[1]))
    first.save()
    second = HighlightMemory(cache, CountingHighlight())
    assert second("x = [1]\n", PythonLexer(), HtmlFormatter(hl_lines=[1])) == html
    assert (first.highlight.calls, second.highlight.calls) == (1, 0)


def test_other_code_lexer_or_options_are_highlighted_again(tmp_path: Path) -> None:
    memory = HighlightMemory(tmp_path / "pygments.json", CountingHighlight())
    memory("x = [1]\n", PythonLexer(), HtmlFormatter())
    outputs = {memory("x = [2]\n", PythonLexer(), HtmlFormatter()),
               memory("x = [1]\n", CppLexer(), HtmlFormatter()),
               memory("x = [1]\n", PythonLexer(), HtmlFormatter(hl_lines=[1])),
               memory("x = [1]\n", PythonLexer(stripnl=False), HtmlFormatter())}
    assert memory.highlight.calls == 5
    assert len(outputs) >= 3


def test_an_unreadable_cache_file_starts_empty(tmp_path: Path) -> None:
    cache = tmp_path / "pygments.json"
    cache.write_text("{not json", encoding="utf-8")
    memory = HighlightMemory(cache, CountingHighlight())
    memory("x\n", PythonLexer(), HtmlFormatter())
    memory.save()
    assert memory.highlight.calls == 1 and len(HighlightMemory(cache, highlight).known) == 1


def test_whitespace_tokens_keep_their_text_but_lose_their_span(tmp_path: Path) -> None:
    memory = HighlightMemory(tmp_path / "pygments.json", CountingHighlight())
    code = "int main() {\n    int y = 1;\n}\n"
    plain = highlight(code, CppLexer(), HtmlFormatter())
    assert '<span class="w">' in plain
    html = memory(code, CppLexer(), HtmlFormatter())
    assert '<span class="w">' not in html
    tags = re.compile(r"<[^>]+>")
    assert tags.sub("", html) == tags.sub("", plain)
