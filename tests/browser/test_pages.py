"""Every page of both languages, read in headless Chromium.

One load per page: what the reader sees (no console error, no failed or off-site request,
math typeset, images with alt text); axe-core in the light palette and, after switching
Material's palette in place, in the dark one; and, from a Chinese page, the language switch
to the same page in English and back.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.reader import read_page
from tests.pages import counterpart, language_of, relative, source_pages, url_of

PAGES = source_pages()
SERIOUS = {"serious", "critical"}
# What Material's palette toggle sets on <body>, as configured in mkdocs.yml.
PALETTES = {"default": {"scheme": "default", "primary": "indigo", "accent": "indigo"},
            "slate": {"scheme": "slate", "primary": "indigo", "accent": "light-blue"}}
NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; animation: none !important; }"
RUN_AXE = "() => axe.run(document, {resultTypes: ['violations']}).then(r => r.violations)"


@pytest.fixture(scope="module")
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context
    context.close()


@pytest.fixture(scope="module")
def axe_script() -> str:
    from axe_playwright_python.base import AXE_SCRIPT

    return AXE_SCRIPT


def serious_violations(page, scheme: str, axe_script: str) -> list[str]:
    page.add_style_tag(content=NO_TRANSITIONS)
    for name, value in PALETTES[scheme].items():
        page.evaluate(f"document.body.setAttribute('data-md-color-{name}', '{value}')")
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(axe_script)
    return [
        f"{scheme}: {v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in page.evaluate(RUN_AXE) if v["impact"] in SERIOUS
    ]


def switch_language(page, language: str) -> None:
    page.hover(".md-header__option .md-select")
    with page.expect_navigation():
        page.click(f'.md-select__link[hreflang="{language}"]')


@pytest.mark.parametrize("source", PAGES, ids=relative)
def test_page_reads_cleanly_in_both_palettes(source: Path, context, axe_script: str, site_url: str) -> None:
    report, page = read_page(context, site_url + url_of(source))
    try:
        problems = report.problems()
        problems += serious_violations(page, "default", axe_script)
        problems += serious_violations(page, "slate", axe_script)
        if language_of(source) == "zh":
            switch_language(page, "en")
            if page.url != site_url + url_of(counterpart(source)):
                problems.append(f"the language switch led to {page.url}")
            switch_language(page, "zh")
            if page.url != site_url + url_of(source):
                problems.append(f"switching back led to {page.url}")
    finally:
        page.close()
    assert not problems, "\n".join(problems)
