"""The Python pages end with their interview questions, in both languages (the twins' structure
is compared for every page in tests/docs/test_page_parity.py)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitebuild import DOCS_DIR
from tests.pages import counterpart, relative

PAGES = sorted(p for p in (DOCS_DIR / "python").glob("*.md") if ".en." not in p.name)


@pytest.mark.parametrize("page", [p for p in PAGES if p.stem not in {"index", "errata"}], ids=relative)
def test_every_page_ends_with_three_to_six_interview_questions(page: Path) -> None:
    for path in (page, counterpart(page)):
        text = path.read_text(encoding="utf-8")
        last_heading = list(re.finditer(r"^## .+$", text, re.MULTILINE))[-1]
        tail = text[last_heading.end():]
        questions = re.findall(r"^\?\?\? question ", tail, re.MULTILINE)
        assert 3 <= len(questions) <= 6, f"{relative(path)}: {len(questions)} questions"
        stray = [line for line in tail.splitlines()
                 if line.strip() and not line.startswith(("??? question ", "    "))]
        assert not stray, f"{relative(path)}: the page must end with the questions: {stray[:2]}"
