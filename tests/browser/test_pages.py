"""Every page of both languages, read in headless Chromium, once each.

One load per page checks what the reader sees (no console error, no failed or off-site
request, math typeset, images with alt text), then axe-core in the light palette and,
after switching Material's palette in place, in the dark one.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.reader import read_page
from tests.pages import counterpart, language_of, relative, source_pages, url_of

PAGES = source_pages()
SERIOUS = {"serious", "critical"}


@pytest.fixture(scope="module")
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context
    context.close()


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


# What Material's palette toggle sets on <body>, as configured in mkdocs.yml.
PALETTES = {"default": {"scheme": "default", "primary": "indigo", "accent": "indigo"},
            "slate": {"scheme": "slate", "primary": "indigo", "accent": "light-blue"}}
NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; animation: none !important; }"


def serious_violations(axe, page, scheme: str) -> list[str]:
    page.add_style_tag(content=NO_TRANSITIONS)
    for name, value in PALETTES[scheme].items():
        page.evaluate(f"document.body.setAttribute('data-md-color-{name}', '{value}')")
    results = axe.run(page)
    return [
        f"{scheme}: {v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"] if v["impact"] in SERIOUS
    ]


@pytest.mark.parametrize("source", PAGES, ids=relative)
def test_page_reads_cleanly_in_both_palettes(source: Path, context, axe, site_url: str) -> None:
    report, page = read_page(context, site_url + url_of(source))
    try:
        problems = report.problems()
        problems += serious_violations(axe, page, "default")
        problems += serious_violations(axe, page, "slate")
    finally:
        page.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("source", [p for p in PAGES if language_of(p) == "zh"], ids=relative)
def test_language_switch_leads_to_the_same_page(source: Path, context, site_url: str) -> None:
    _, page = read_page(context, site_url + url_of(source))
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
