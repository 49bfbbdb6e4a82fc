"""Every fenced Python block on every page is executed by the tests, or says why not."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.examples import pages as page_sybil
from sitebuild import REPO_ROOT
from sitebuild.codeblocks import included_file, scan_file
from tests.pages import relative, source_pages

MARKDOWN_PAGES = [p for p in source_pages() if p.suffix == ".md"]


def why_tested(path: Path) -> str | None:
    """Why an included file counts as tested where it lives, or None if it does not."""
    if path.suffix == ".pycon":
        return "run by sybil as a session document"
    if path.suffix == ".py":
        parts = path.relative_to(REPO_ROOT / "snippets").parts
        mirror = REPO_ROOT / "tests" / Path(*parts[:-1]) / f"test_{path.stem}.py"
        if parts[-2:-1] == ("figures",):
            return "drawn by the build (a failing figure fails the build)"
        return f"tested by {relative(mirror)}" if mirror.is_file() else None
    return "not Python"


@pytest.mark.parametrize("page", MARKDOWN_PAGES, ids=relative)
def test_every_python_block_runs_or_says_why_not(page: Path) -> None:
    document = page_sybil.parse(page)
    example_lines = {example.line for example in document}
    problems = []
    for block in scan_file(page):
        if not block.is_python:
            continue
        if block.not_run_reason is not None:
            if not block.not_run_reason.strip(" \"'"):
                problems.append(f"{block.where()}: not-run marker without a reason")
        elif block.is_include_only:
            for target in block.includes:
                path = REPO_ROOT / included_file(target)
                if not path.is_file():
                    problems.append(f"{block.where()}: includes missing {target}")
                elif why_tested(path) is None:
                    problems.append(f"{block.where()}: {target} has no test mirroring it")
        elif not any(block.start_line <= line <= block.end_line for line in example_lines):
            problems.append(f"{block.where()}: ```{block.language} block collected by no test")
    assert not problems, "\n".join(problems)


def test_the_scanner_sees_blocks_the_stock_parsers_miss(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        '```py title="a.py"\nx = 1\n```\n\n??? question "q"\n    ```pycon\n    >>> 1\n    1\n    ```\n'
        '\n<!-- not-run: pseudo-code -->\n```python\nnot python\n```\n',
        encoding="utf-8",
    )
    blocks = scan_file(page)
    assert [(b.language, b.start_line) for b in blocks] == [("py", 1), ("pycon", 6), ("python", 12)]
    assert blocks[2].not_run_reason == "pseudo-code"
    assert len(list(page_sybil.parse(page))) == 2
