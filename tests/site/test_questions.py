"""The question index is generated from the chapters and links to every answer."""
from __future__ import annotations

import re
from pathlib import Path

from sitebuild.questions import anchor_questions, questions_in
from tests.pages import language_of, source_pages, url_of

PAGE = '# T\n\n??? question "First?"\n    Yes.\n\ntext\n\n???+ question "Second?"\n    No.\n'


def test_questions_are_numbered_in_page_order() -> None:
    assert [(q.anchor, q.title) for q in questions_in(PAGE)] == [("q-1", "First?"), ("q-2", "Second?")]


def test_each_question_gets_its_anchor_right_before_it() -> None:
    anchored = anchor_questions(PAGE)
    assert anchored.index('id="q-1"') < anchored.index('"First?"') < anchored.index('id="q-2"')
    assert questions_in(anchored) == questions_in(PAGE)


def test_index_lists_every_question_and_each_link_lands_on_an_anchor(built_site: Path) -> None:
    for source in source_pages():
        if source.suffix != ".md" or source.stem.startswith("questions"):
            continue
        found = questions_in(source.read_text(encoding="utf-8"))
        if not found:
            continue
        index = built_site / ("en/questions/index.html" if language_of(source) == "en" else "questions/index.html")
        index_html = index.read_text(encoding="utf-8")
        page_html = (built_site / url_of(source) / "index.html").read_text(encoding="utf-8")
        target = url_of(source).removeprefix("en/")
        for question in found:
            assert f'href="../{target}#{question.anchor}"' in index_html, (source, question)
            assert re.search(rf'id="{question.anchor}"', page_html), (source, question)
