"""The Chinese and English Python pages have the same structure and show the same code."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitebuild import DOCS_DIR
from tests.pages import counterpart, relative

PAGES = sorted(p for p in (DOCS_DIR / "python").glob("*.md") if ".en." not in p.name)
PAGES.append(DOCS_DIR / "errata.md")
INCLUDE = re.compile(r"""^\s*-+8<-+\s+["']([^"']+)["']\s*$""", re.MULTILINE)


def skeleton(path: Path) -> dict[str, list[str]]:
    text = path.read_text(encoding="utf-8")
    return {
        "includes": INCLUDE.findall(text),
        "headings": re.findall(r"^(#+) ", text, re.MULTILINE),
        "anchors": re.findall(r"\{#([\w-]+)\}", text),
        "questions": re.findall(r"^\?\?\? question ", text, re.MULTILINE),
        "admonitions": re.findall(r"^!!! (\w+)", text, re.MULTILINE),
        "images": re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text),
        "links": re.findall(r"\]\(((?!https?:)[^)#]+\.(?:md|py))(?:#[^)]*)?\)", text),
    }


def test_every_python_page_has_an_english_twin() -> None:
    assert {p.stem for p in PAGES} >= {"index", "objects", "copying", "calls", "decorators",
                                       "classes", "methods", "errata"}
    for page in PAGES:
        assert counterpart(page).is_file(), f"{relative(page)} has no English twin"


@pytest.mark.parametrize("page", PAGES, ids=relative)
def test_both_languages_have_the_same_skeleton(page: Path) -> None:
    zh, en = skeleton(page), skeleton(counterpart(page))
    for part in zh:
        assert zh[part] == en[part], f"{part} differ between {relative(page)} and its twin"


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
