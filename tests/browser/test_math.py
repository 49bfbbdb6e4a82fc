"""Math as a reader gets it: rendered by the build, so it neither loads KaTeX's script nor
shifts the layout; only the fonts the formulas use are fetched; copying gives TeX."""
from __future__ import annotations

import re

import pytest

from tests.browser.offscreen import skipped_and_tabindex, show_each, tabindex_then_width
from tests.browser.reader import read_page

MATH_PAGES = ["dl/normalization/", "en/dl/activations/", "dl/notebooks/bn_smoothness/", "en/questions/"]
LAYOUT_SHIFT = """() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) total += e.value; })
    .observe({type: 'layout-shift', buffered: true});
  setTimeout(() => resolve(total), 300);
})"""
COPY = """(selector) => {
  const range = document.createRange();
  range.selectNodeContents(document.querySelector(selector));
  getSelection().removeAllRanges();
  getSelection().addRange(range);
  const event = new ClipboardEvent('copy', {clipboardData: new DataTransfer(), bubbles: true, cancelable: true});
  document.dispatchEvent(event);
  return event.clipboardData.getData('text/plain');
}"""


@pytest.fixture(scope="module")
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context
    context.close()


@pytest.mark.parametrize("path", MATH_PAGES)
def test_math_page_fetches_only_its_fonts_and_does_not_shift(browser, site_url: str, path: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # an empty cache
    fonts: list[str] = []
    context.on("request", lambda r: fonts.append(r.url.rsplit("/", 1)[1]) if r.url.endswith(".woff2") else None)
    report, page = read_page(context, site_url + path)
    try:
        assert not report.problems(), "\n".join(report.problems())
        assert page.evaluate("document.querySelectorAll('.md-content .katex .katex-mathml math').length") > 0
        preloaded = set(re.findall(r"KaTeX_[\w-]+\.woff2", " ".join(page.eval_on_selector_all(
            'link[rel="preload"][as="font"]', "links => links.map(l => l.href)"))))
        assert set(fonts) == preloaded, "the fonts fetched are not the fonts preloaded"
        assert page.evaluate(LAYOUT_SHIFT) < 0.01
    finally:
        context.close()


def test_a_page_without_math_loads_nothing_of_katex(browser, site_url: str) -> None:
    context = browser.new_context()
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url) if "katex" in r.url or "math.js" in r.url else None)
    report, page = read_page(context, site_url + "python/copying/")
    context.close()
    assert not report.problems() and requests == []


def test_copying_formulas_gives_their_tex(context, site_url: str) -> None:
    report, page = read_page(context, site_url + "en/dl/normalization/")
    try:
        tex = page.evaluate("document.querySelector('div.arithmatex annotation').textContent")
        assert page.evaluate(COPY, "div.arithmatex") == f"$${tex}$$"
        paragraph = page.evaluate_handle("document.querySelector('span.arithmatex').closest('p')")
        paragraph.evaluate("p => p.id = 'with-inline-math'")
        copied = page.evaluate(COPY, "#with-inline-math")
        inline = page.evaluate("document.querySelector('#with-inline-math span.arithmatex annotation').textContent")
        assert f"${inline}$" in copied and "katex" not in copied
        assert copied.count("$") == 2 * page.evaluate("document.querySelectorAll('#with-inline-math .katex').length")
    finally:
        page.close()


FORMULAS = ".md-content div.arithmatex, .md-content .katex-display"


def test_a_formula_wider_than_a_phone_takes_keyboard_focus(browser, site_url: str) -> None:
    """Every display formula is a tab stop until math.js has measured it; once it has been
    shown, only the formulas that scroll sideways are."""
    context = browser.new_context(viewport={"width": 360, "height": 740})
    try:
        report, page = read_page(context, site_url + "dl/normalization/")
        on_load = page.evaluate(skipped_and_tabindex(FORMULAS))
        page.evaluate(show_each(FORMULAS))
        shown = page.evaluate(tabindex_then_width(FORMULAS))
    finally:
        context.close()
    not_yet = [tab for skipped, tab in on_load if skipped]
    assert not_yet, "every formula rendered on load: the page should skip those far below (extra.css)"
    assert set(not_yet) == {"0"}, f"a formula not rendered yet is out of the keyboard's reach: {not_yet}"
    wide = [tab for _, _, is_wide, tab in shown if is_wide]
    assert wide, "no formula is wider than a 360 px column: choose a page that has one"
    assert set(wide) == {"0"}, f"wide formulas without tabindex=0: {wide}"
    narrow = [tab for _, displayed, is_wide, tab in shown if displayed and not is_wide and tab is not None]
    assert not narrow, f"{len(narrow)} formulas that fit the column are still tab stops"
