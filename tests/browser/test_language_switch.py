"""The header's language switch, clicked: the same page in the other language, and back.

Every page's switch target is checked in test_pages.py; this clicks it, on the home page and
on a page deep in a chapter, to show that following the link is all a click does.
"""
from __future__ import annotations

import pytest

from sitebuild import REPO_ROOT
from tests.pages import counterpart, url_of


def switch_language(page, language: str) -> None:
    page.hover(".md-header__option .md-select")
    with page.expect_navigation():
        page.click(f'.md-select__link[hreflang="{language}"]')


@pytest.mark.parametrize("source", ["index.md", "cpp/stl.md"])
def test_the_language_switch_leads_to_the_same_page_and_back(browser, site_url: str, source: str) -> None:
    chinese = REPO_ROOT / "docs" / source
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(site_url + url_of(chinese))
        switch_language(page, "en")
        assert page.url == site_url + url_of(counterpart(chinese))
        switch_language(page, "zh")
        assert page.url == site_url + url_of(chinese)
    finally:
        context.close()
