"""Every page of both languages, read in headless Chromium.

One load per page, all in one tab per test worker (a new tab per page costs a renderer
process each: 40 % of this suite's time): what the reader sees (no console error, no failed
or off-site request, math typeset, images with alt text); axe-core in the light palette
and, after switching Material's palette in place, in the dark one; and, on a Chinese page,
that the language switch leads to the same page in English and back (a click on it is
tested in test_language_switch.py).

axe's colour-contrast rule is most of axe's time: it works out the colours behind every
element with text, and a page of highlighted code has thousands of spans. Spans drawn alike
(same colour, font size and weight, text shadow, and the same backgrounds and opacities up to
the first opaque one) have the same contrast, so the rule runs on one visible element of each
such rendering (marked, and named in the rule's selector); every other rule runs on the whole
page. Only the rules that read colours (colour contrast, links told apart from text by colour)
can change with the palette, so the others run once, in the light palette.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.offscreen import RENDER_ALL
from tests.browser.reader import Reader, read_page
from tests.pages import counterpart, language_of, relative, source_pages, url_of

PAGES = source_pages()
SERIOUS = {"serious", "critical"}
# What Material's palette toggle sets on <body>, as configured in mkdocs.yml.
PALETTES = {"default": {"scheme": "default", "primary": "indigo", "accent": "indigo"},
            "slate": {"scheme": "slate", "primary": "indigo", "accent": "light-blue"}}
NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; animation: none !important; }"
RUN_AXE = r"""
async (allRules) => {
  const backgrounds = new Map();
  const behind = node => {
    if (!node) return '';
    if (!backgrounds.has(node)) {
      const style = getComputedStyle(node);
      const own = [style.backgroundColor, style.backgroundImage, style.opacity, style.mixBlendMode].join(',');
      const opaque = style.backgroundImage === 'none' && /^rgb\(/.test(style.backgroundColor);
      backgrounds.set(node, opaque ? own : own + '|' + behind(node.parentElement));
    }
    return backgrounds.get(node);
  };
  const renderings = new Set();
  document.querySelectorAll('[data-contrast-sample]').forEach(node => node.removeAttribute('data-contrast-sample'));
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const element = walker.currentNode.parentElement;
    if (!element || !walker.currentNode.nodeValue.trim()) continue;
    if (!element.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
    const style = getComputedStyle(element);
    const key = [style.color, style.fontSize, style.fontWeight, style.textShadow, behind(element)].join('|');
    if (!renderings.has(key)) {
      renderings.add(key);
      element.setAttribute('data-contrast-sample', '');
    }
  }
  document.documentElement.dataset.contrastRenderings = renderings.size;
  axe.configure({rules: [{id: 'color-contrast', selector: '[data-contrast-sample]'}]});
  const rules = allRules ? {} : {runOnly: {type: 'rule', values: ['color-contrast', 'link-in-text-block']}};
  return (await axe.run(document, {resultTypes: ['violations'], ...rules})).violations;
}
"""


@pytest.fixture(scope="module")
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context
    context.close()


@pytest.fixture(scope="module")
def reader(context):
    """One tab for the page suite: each test loads its page in it (see Reader)."""
    reader = Reader(context)
    yield reader
    reader.close()


@pytest.fixture(scope="module")
def axe_script() -> str:
    from axe_playwright_python.base import AXE_SCRIPT

    return AXE_SCRIPT


def serious_violations(page, scheme: str, axe_script: str, colours_only: bool = False) -> list[str]:
    """axe's serious and critical violations in palette `scheme`; only the colour rules if `colours_only`."""
    # Past a page's first blocks the browser renders a block only near the screen (extra.css);
    # axe would measure the others at their placeholder size.
    page.add_style_tag(content=NO_TRANSITIONS + RENDER_ALL)
    for name, value in PALETTES[scheme].items():
        page.evaluate(f"document.body.setAttribute('data-md-color-{name}', '{value}')")
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(axe_script)
    return [
        f"{scheme}: {v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in page.evaluate(RUN_AXE, not colours_only) if v["impact"] in SERIOUS
    ]


def language_link(page, language: str) -> str:
    """Where the header's language switch leads, as an absolute URL."""
    return page.evaluate(f"document.querySelector('.md-select__link[hreflang=\"{language}\"]').href")


@pytest.mark.parametrize("source", PAGES, ids=relative)
def test_page_reads_cleanly_in_both_palettes(source: Path, reader: Reader, axe_script: str, site_url: str) -> None:
    report = reader.read(site_url + url_of(source))
    page = reader.page
    problems = report.problems()
    problems += serious_violations(page, "default", axe_script)
    problems += serious_violations(page, "slate", axe_script, colours_only=True)
    other, expected = "en" if language_of(source) == "zh" else "zh", site_url + url_of(counterpart(source))
    if (link := language_link(page, other)) != expected:
        problems.append(f"the switch to {other} leads to {link}, not {expected}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("scheme", PALETTES)
def test_one_low_contrast_kind_of_code_span_is_reported(context, axe_script: str, site_url: str, scheme: str) -> None:
    """The contrast check on one element per rendering still finds a rendering that is too faint."""
    report, page = read_page(context, site_url + "en/cpp/stl/")
    try:
        assert page.evaluate("document.querySelectorAll('.highlight .k').length") > 10
        page.add_style_tag(content=".highlight .k { color: #a9a9a9 !important; } "
                                   "[data-md-color-scheme=slate] .highlight .k { color: #555 !important; }")
        problems = serious_violations(page, scheme, axe_script)
        renderings = int(page.evaluate("document.documentElement.dataset.contrastRenderings"))
    finally:
        page.close()
    assert any("color-contrast" in problem for problem in problems), problems
    assert 10 < renderings < 400, f"{renderings} renderings: the grouping no longer groups, or groups too much"
