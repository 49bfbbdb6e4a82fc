"""Every page of both languages, read in headless Chromium."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.reader import read_page
from tests.pages import counterpart, language_of, relative, source_pages, url_of

PAGES = source_pages()
SERIOUS = {"serious", "critical"}


@pytest.fixture(scope="module")
def light(browser):
    context = browser.new_context(color_scheme="light", viewport={"width": 1280, "height": 900})
    yield context
    context.close()


@pytest.mark.parametrize("source", PAGES, ids=relative)
def test_page_loads_cleanly_and_typesets(source: Path, light, site_url: str) -> None:
    report, page = read_page(light, site_url + url_of(source))
    page.close()
    assert not report.problems(), "\n".join(report.problems())


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("source", PAGES, ids=relative)
def test_no_serious_accessibility_violation(source: Path, scheme: str, browser, site_url: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(color_scheme=scheme)
    try:
        _, page = read_page(context, site_url + url_of(source))
        results = Axe().run(page)
    finally:
        context.close()
    violations = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"] if v["impact"] in SERIOUS
    ]
    assert not violations, "\n".join(violations)


@pytest.mark.parametrize("source", [p for p in PAGES if language_of(p) == "zh"], ids=relative)
def test_language_switch_leads_to_the_same_page(source: Path, light, site_url: str) -> None:
    _, page = read_page(light, site_url + url_of(source))
    try:
        page.hover(".md-header__option .md-select")
        with page.expect_navigation():
            page.click('.md-select__link[hreflang="en"]')
        assert page.url == site_url + url_of(counterpart(source))
        page.hover(".md-header__option .md-select")
        with page.expect_navigation():
            page.click('.md-select__link[hreflang="zh"]')
        assert page.url == site_url + url_of(source)
    finally:
        page.close()
