"""Search finds Chinese words (segmented at build time) and English words."""
from __future__ import annotations

import pytest

from tests.browser.reader import read_page

CASES = [
    ("", "深拷贝", "python/copying/"),
    ("", "反向传播", "dl/backprop/"),
    ("", "批归一化", "dl/normalization/"),
    ("", "智能指针", "cpp/smart-pointers/"),
    ("en/", "deep copy", "en/python/copying/"),
    ("en/", "backpropagation", "en/dl/backprop/"),
    ("en/", "batch normalization", "en/dl/normalization/"),
    ("en/", "smart pointer", "en/cpp/smart-pointers/"),
]
TOP = 5


@pytest.mark.parametrize(("home", "term", "expected"), CASES, ids=[c[1] for c in CASES])
def test_search_shows_the_page_among_the_first_results(browser, site_url: str, home: str,
                                                       term: str, expected: str) -> None:
    context = browser.new_context()
    try:
        _, page = read_page(context, site_url + home)
        page.keyboard.press("/")
        # fill() inserts text without key events (as an IME does); Material searches on keyup.
        page.fill(".md-search__input", term)
        page.keyboard.press("End")
        page.wait_for_selector(".md-search-result__item", timeout=15000)
        links = page.eval_on_selector_all(
            ".md-search-result__item > .md-search-result__link", "els => els.map(e => e.href)")
    finally:
        context.close()
    top = [link.removeprefix(site_url).split("?")[0].split("#")[0] for link in links[:TOP]]
    assert expected in top, f"{term!r}: {expected} not among the first {TOP} results {top}"
    other_language = [link for link in top if link.startswith("en/") != home.startswith("en/")]
    assert not other_language, f"{term!r} on {home or '/'} lists pages of the other language: {other_language}"
