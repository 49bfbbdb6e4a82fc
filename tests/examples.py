"""The examples that live in documents, collected for pytest by sybil (see ../conftest.py).

- Markdown pages under docs/: every inline fenced Python block (```python, ```py, ```pycon,
  with or without attributes) runs; a block of `>>>` lines runs as a doctest. Blocks that
  only include a snippet file are tested where the file lives; blocks marked
  `<!-- not-run: reason -->` are not collected (the page shows the reason).
- Session files snippets/**/*.pycon: each is one doctest document, included into the pages.
"""
from __future__ import annotations

import doctest
from collections.abc import Iterable
from pathlib import Path

from sybil import Document, Lexeme, Region, Sybil
from sybil.evaluators.doctest import DocTestEvaluator
from sybil.evaluators.python import PythonEvaluator
from sybil.parsers.abstract import DocTestStringParser
from sybil.parsers.markdown import ClearNamespaceParser, SkipParser
from sybil.parsers.rest import DocTestParser

from sitebuild import REPO_ROOT
from sitebuild.codeblocks import scan

OPTIONFLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


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
        self.doctests = DocTestStringParser(DocTestEvaluator(OPTIONFLAGS))
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
    parsers=[DocTestParser(optionflags=OPTIONFLAGS)],
    path=str(REPO_ROOT),
    patterns=["snippets/**/*.pycon"],
    name="sessions",
)
pytest_collect_file = (pages + sessions).pytest()
