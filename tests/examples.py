"""The examples that live in documents, collected for pytest by sybil (see ../conftest.py).

- Markdown pages under docs/: every inline fenced Python block (```python, ```py, ```pycon,
  with or without attributes) runs; a block of `>>>` lines runs as a doctest. Blocks that
  only include a snippet file are tested where the file lives; blocks marked
  `<!-- not-run: reason -->` are not collected (the page shows the reason).
- Session files snippets/**/*.pycon: each is one doctest document, included into the pages.

Expected output may carry version tags (`# 3.11`, `# 3.12, 3.13` at the end of a line): the
running CPython is compared with exactly its own lines (snippets/sessions.py).
"""
from __future__ import annotations

import doctest
from collections.abc import Iterable
from pathlib import Path

from sybil import Document, Lexeme, Region, Sybil
from sybil.evaluators.doctest import DocTestEvaluator, OutputChecker
from sybil.evaluators.python import PythonEvaluator
from sybil.parsers.abstract import DocTestStringParser
from sybil.parsers.markdown import ClearNamespaceParser, SkipParser

from sitebuild import REPO_ROOT
from sitebuild.codeblocks import scan
from snippets.sessions import expected_for_version

OPTIONFLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


class VersionedOutputChecker(OutputChecker):
    """Sybil's checker, comparing with the expected lines of the running Python only."""

    def check_output(self, want: str, got: str, optionflags: int) -> bool:
        return super().check_output(expected_for_version(want), got, optionflags)

    def output_difference(self, example: doctest.Example, got: str, optionflags: int) -> str:
        shown = doctest.Example(example.source, expected_for_version(example.want),
                                lineno=example.lineno, indent=example.indent,
                                options=example.options)
        return super().output_difference(shown, got, optionflags)


def versioned_evaluator(optionflags: int = OPTIONFLAGS) -> DocTestEvaluator:
    """Sybil's doctest evaluator with the version-aware checker."""
    evaluator = DocTestEvaluator(optionflags)
    evaluator.runner._checker = VersionedOutputChecker()
    return evaluator


class SessionParser:
    """Sybil parser for a whole .pycon file: one doctest document."""

    def __init__(self) -> None:
        self.doctests = DocTestStringParser(versioned_evaluator())

    def __call__(self, document: Document) -> Iterable[Region]:
        return self.doctests(document.text, document.path)


def _line_offsets(text: str) -> list[int]:
    offsets, position = [], 0
    for line in text.splitlines(keepends=True):
        offsets.append(position)
        position += len(line)
    offsets.append(position)
    return offsets


class PagePythonParser:
    """Sybil parser for the runnable Python blocks of a Markdown page."""

    def __init__(self) -> None:
        self.doctests = DocTestStringParser(versioned_evaluator())
        self.code = PythonEvaluator()

    def __call__(self, document: Document) -> Iterable[Region]:
        offsets = _line_offsets(document.text)
        for block in scan(document.text, Path(document.path)):
            if not block.is_python or block.is_include_only or block.not_run_reason is not None:
                continue
            start = offsets[block.start_line - 1]
            end = offsets[min(block.end_line, len(offsets) - 1)]
            source = Lexeme(block.source, offset=offsets[block.start_line] - start, line_offset=0)
            region = Region(start, end, lexemes={"source": source})
            if block.source.lstrip().startswith(">>>"):
                for doctest_region in self.doctests(block.source, document.path):
                    doctest_region.adjust(region, source)
                    yield doctest_region
            else:
                region.parsed = source
                region.evaluator = self.code
                yield region


pages = Sybil(
    parsers=[PagePythonParser(), SkipParser(), ClearNamespaceParser()],
    path=str(REPO_ROOT),
    patterns=["docs/**/*.md"],
    name="pages",
)
sessions = Sybil(
    parsers=[SessionParser()],
    path=str(REPO_ROOT),
    patterns=["snippets/**/*.pycon"],
    name="sessions",
)
pytest_collect_file = (pages + sessions).pytest()
