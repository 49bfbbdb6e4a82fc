"""Code blocks as Material mounts them, with the build's edits (sitebuild/material_patches.py).

Each block is measured by the ResizeObserver alone, not read at once when it is mounted;
this checks that what the measurement decides still happens: every block gets its copy
button, a block wider than the column becomes a tab stop (axe: scrollable-region-focusable)
and one that fits does not, a block in a tab not shown is measured when it is shown, and
the copy button copies the code.
"""
from __future__ import annotations

import pytest

PAGE = "en/cpp/stl/"  # tabbed code (libstdc++ / libc++, Bug / Fixed), long and short lines
COLUMN = {"width": 360, "height": 800}

# For each code block that is displayed: [index, is wider than its box, tabindex].
SHOWN_BLOCKS = """() => Array.from(document.querySelectorAll('.md-content pre > code'))
  .map((code, index) => [index, code, code.getClientRects().length > 0])
  .filter(([, , shown]) => shown)
  .map(([index, code]) => [index, code.scrollWidth > code.clientWidth, code.getAttribute('tabindex')])"""


@pytest.fixture
def page(browser, site_url: str):
    context = browser.new_context(viewport=COLUMN)
    page = context.new_page()
    page.goto(site_url + PAGE, wait_until="load")
    page.wait_for_function("document.querySelectorAll('.md-content pre > code').length > 0")
    yield page
    context.close()


def wait_until_measured(page) -> list[list]:
    """The blocks shown, once each one's tabindex agrees with its width or 2 s have passed."""
    try:
        page.wait_for_function(f"({SHOWN_BLOCKS})().every(([, wide, tab]) => wide === (tab === '0'))",
                               timeout=2000)
    except Exception:  # the assertion below names the blocks that disagree
        pass
    return page.evaluate(SHOWN_BLOCKS)


def test_every_block_has_a_copy_button(page) -> None:
    counts = page.evaluate("""[document.querySelectorAll('.md-content pre > code').length,
      document.querySelectorAll('.md-content pre > nav.md-code__nav > button[data-md-type=copy]').length]""")
    assert counts[0] >= 10 and counts[0] == counts[1], f"code blocks, copy buttons: {counts}"


def test_a_block_wider_than_the_column_is_a_tab_stop_and_one_that_fits_is_not(page) -> None:
    blocks = wait_until_measured(page)
    assert {wide for _, wide, _ in blocks} == {True, False}, "choose a page with wide and narrow blocks"
    wrong = [(index, wide, tab) for index, wide, tab in blocks if wide != (tab == "0")]
    assert not wrong, f"blocks (index, wider than the column, tabindex) measured wrongly: {wrong}"


def test_a_block_in_a_hidden_tab_is_measured_when_its_tab_is_shown(page) -> None:
    before = {index for index, _, _ in wait_until_measured(page)}
    page.click('label[for="__tabbed_1_2"]')  # libc++
    after = wait_until_measured(page)
    revealed = [(index, wide, tab) for index, wide, tab in after if index not in before]
    assert revealed, "the second tab showed no code block"
    wrong = [(index, wide, tab) for index, wide, tab in revealed if wide != (tab == "0")]
    assert not wrong, f"blocks revealed by the tab, measured wrongly: {wrong}"


def test_the_copy_button_copies_the_code(page) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    code = page.locator(".md-content pre > code").first
    page.locator(".md-content pre > nav.md-code__nav > button[data-md-type=copy]").first.click()
    page.wait_for_selector(".md-dialog--active")  # Material's "Copied to clipboard"
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.strip() and copied.strip() == code.inner_text().strip()
