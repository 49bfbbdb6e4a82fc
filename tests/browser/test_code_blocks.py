"""Code blocks as Material mounts them, with the build's edits (sitebuild/material_patches.py,
the code blocks' tab stops in hooks.on_page_content, content-visibility in extra.css).

Each block is measured by the ResizeObserver alone, not read at once when it is mounted,
and a block far down the page is not rendered, hence not measured, until the reader comes
near it. This checks that what the measurement decides still happens: every block gets its
copy button and it copies the code; a block not measured yet is a tab stop; once measured, a
block wider than the column is a tab stop (axe: scrollable-region-focusable) and one that
fits is not, including a block in a tab shown later.
"""
from __future__ import annotations

import pytest

from tests.browser.offscreen import skipped_and_tabindex, show_each, tabindex_then_width

PAGE = "en/cpp/stl/"  # tabbed code (libstdc++ / libc++, Bug / Fixed), long and short lines
COLUMN = {"width": 360, "height": 800}
CODE = ".md-content pre > code"
COPY_BUTTON = ".md-content pre > nav.md-code__nav > button[data-md-type=copy]"


@pytest.fixture
def page(browser, site_url: str):
    context = browser.new_context(viewport=COLUMN)
    page = context.new_page()
    page.goto(site_url + PAGE, wait_until="load")
    page.wait_for_function(f"document.querySelectorAll('{CODE}').length > 0")
    page.wait_for_timeout(200)  # the ResizeObserver reports on a later frame
    yield page
    context.close()


def measured_wrongly(state: list[list]) -> list[tuple]:
    return [(index, wide, tab) for index, displayed, wide, tab in state if displayed and wide != (tab == "0")]


def test_every_block_has_a_copy_button(page) -> None:
    counts = page.evaluate(f"""[document.querySelectorAll('{CODE}').length,
      document.querySelectorAll('{COPY_BUTTON}').length]""")
    assert counts[0] >= 10 and counts[0] == counts[1], f"code blocks, copy buttons: {counts}"


def test_a_block_is_a_tab_stop_until_measured_then_only_if_wider_than_the_column(page) -> None:
    on_load = page.evaluate(skipped_and_tabindex(CODE))
    not_yet = [tab for skipped, tab in on_load if skipped]
    assert not_yet, "every block rendered on load: the page should skip those far below (extra.css)"
    assert set(not_yet) == {"0"}, f"a block not measured yet is out of the keyboard's reach: {not_yet}"
    page.evaluate(show_each(CODE))
    state = page.evaluate(tabindex_then_width(CODE))
    assert {wide for _, displayed, wide, _ in state if displayed} == {True, False}, \
        "choose a page with wide and narrow blocks"
    wrong = measured_wrongly(state)
    assert not wrong, f"blocks (index, wider than the column, tabindex) measured wrongly: {wrong}"


def test_a_block_in_a_hidden_tab_is_measured_when_its_tab_is_shown(page) -> None:
    page.evaluate(show_each(CODE))
    before = {index for index, displayed, _, _ in page.evaluate(tabindex_then_width(CODE)) if displayed}
    page.click('label[for="__tabbed_1_2"]')  # libc++
    page.wait_for_timeout(200)
    after = page.evaluate(tabindex_then_width(CODE))
    revealed = [row for row in after if row[1] and row[0] not in before]
    assert revealed, "the second tab showed no code block"
    wrong = measured_wrongly(revealed)
    assert not wrong, f"blocks revealed by the tab, measured wrongly: {wrong}"


def test_the_copy_button_copies_the_code(page) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    code = page.locator(CODE).first
    page.locator(COPY_BUTTON).first.click()
    page.wait_for_selector(".md-dialog--active")  # Material's "Copied to clipboard"
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.strip() and copied.strip() == code.inner_text().strip()
