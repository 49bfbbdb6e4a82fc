"""Remembering Pygments' output for code blocks across builds.

After search indexing, highlighting is the largest cost of a rebuild that changed nothing:
every block of both languages is lexed and formatted again. Pygments' output depends only
on the source, the lexer and its options, and the formatter and its options, so it is kept
in one file under a digest of those and reused. pymdownx.highlight calls Pygments through
its module-level name `highlight`, which is where the memory goes in.

Whitespace tokens lose their `<span class="w">`: no stylesheet colours them, and on a page
of C++ they were a third of all elements, each one more to style and lay out on a phone.
"""
from __future__ import annotations

import hashlib
import json
import re
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pymdownx.highlight

PYGMENTS_VERSION = version("pygments")
# Bumped when what is kept changes, so older entries are not reused.
OUTPUT_FORMAT = "2: no whitespace spans"
WHITESPACE_SPAN = re.compile(r'<span class="w">([^<]*)</span>')


def without_whitespace_spans(html: str) -> str:
    """Pygments' HTML with each whitespace token's span replaced by its text."""
    return WHITESPACE_SPAN.sub(r"\1", html)


class HighlightMemory:
    """Pygments' `highlight(code, lexer, formatter)`, answered from `cache_file` when it can."""

    def __init__(self, cache_file: Path, highlight: Any) -> None:
        self.cache_file = cache_file
        self.highlight = highlight
        try:
            self.known: dict[str, str] = json.loads(cache_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.known = {}
        self.new = 0

    def __call__(self, code: str, lexer: Any, formatter: Any) -> str:
        key = self.key(code, lexer, formatter)
        if key not in self.known:
            self.known[key] = without_whitespace_spans(self.highlight(code, lexer, formatter))
            self.new += 1
        return self.known[key]

    @staticmethod
    def key(code: str, lexer: Any, formatter: Any) -> str:
        parts = [OUTPUT_FORMAT, PYGMENTS_VERSION, type(lexer).__module__, type(lexer).__qualname__,
                 repr(sorted(lexer.options.items())), type(formatter).__module__,
                 type(formatter).__qualname__, repr(sorted(formatter.options.items())), code]
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()

    def save(self) -> None:
        if self.new:
            self.cache_file.parent.mkdir(parents=True, exist_ok=True)
            self.cache_file.write_text(json.dumps(self.known, sort_keys=True), encoding="utf-8")
            self.new = 0


def remember_highlighting(cache_file: Path) -> HighlightMemory:
    """Route pymdownx.highlight's Pygments calls through a HighlightMemory (once per process)."""
    current = pymdownx.highlight.highlight
    if isinstance(current, HighlightMemory):
        return current
    memory = HighlightMemory(cache_file, current)
    pymdownx.highlight.highlight = memory
    return memory
