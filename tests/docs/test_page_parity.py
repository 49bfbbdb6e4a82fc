"""Every Chinese page and its English twin have the same structure and show the same code,
figures, anchors, questions and display math."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.pages import counterpart, language_of, relative, source_pages

PAGES = [p for p in source_pages() if p.suffix == ".md" and language_of(p) == "zh"]
INCLUDE = re.compile(r"""^\s*-+8<-+\s+["']([^"']+)["']\s*$""", re.MULTILINE)


def skeleton(path: Path) -> dict[str, list[str] | int]:
    text = path.read_text(encoding="utf-8")
    return {
        "includes": INCLUDE.findall(text),
        "headings": re.findall(r"^(#+) ", text, re.MULTILINE),
        "anchors": re.findall(r"\{#([\w-]+)\}", text),
        "questions": re.findall(r"^\?\?\? question ", text, re.MULTILINE),
        "admonitions": re.findall(r"^!!! (\w+)", text, re.MULTILINE),
        "images": re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text),
        "links": re.findall(r"\]\(((?!https?:)[^)#]+\.(?:md|py))(?:#[^)]*)?\)", text),
        "display math": text.count("$$"),
    }


def test_the_skeleton_sees_what_it_compares(tmp_path: Path) -> None:
    page = tmp_path / "x.md"
    page.write_text('# T {#t}\n\n--8<-- "a.py"\n\n![a](f.svg)\n\n$$x$$\n\n??? question "q"\n', encoding="utf-8")
    parts = skeleton(page)
    assert parts["includes"] == ["a.py"] and parts["anchors"] == ["t"] and parts["images"] == ["f.svg"]
    assert parts["questions"] and parts["display math"] == 2


@pytest.mark.parametrize("page", PAGES, ids=relative)
def test_both_languages_have_the_same_skeleton(page: Path) -> None:
    zh, en = skeleton(page), skeleton(counterpart(page))
    for part in zh:
        assert zh[part] == en[part], f"{part} differ between {relative(page)} and its twin"
