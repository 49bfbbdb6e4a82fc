"""Material's palette as the build edits it (sitebuild/material_patches.py and main.html).

Loading a page changes nothing every element depends on (each such change restyled the
whole page); a click on the toggle still switches the palette and the page's colour scheme,
with transitions off while it does.
"""
from __future__ import annotations

import pytest

# Installed before the page's own scripts: records every change the edits are about.
WATCH = """
window.changes = [];
new MutationObserver(records => {
  for (const r of records) {
    if (r.type === 'attributes') window.changes.push(`${r.target.nodeName} ${r.attributeName}=${r.target.getAttribute(r.attributeName)}`);
    else for (const node of r.addedNodes) if (node.nodeName === 'META' && node.name === 'color-scheme') window.changes.push('META color-scheme added');
  }
}).observe(document, {subtree: true, childList: true, attributes: true,
                      attributeFilter: ['class', 'data-md-color-switching', 'data-md-color-scheme']});
"""
ROOT_SCHEME = "getComputedStyle(document.documentElement).colorScheme"


@pytest.fixture
def page(browser, site_url: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(WATCH)
    page = context.new_page()
    page.goto(site_url + "en/cpp/stl/", wait_until="load")
    page.wait_for_timeout(300)  # Material clears its switching mark on a later task
    yield page
    context.close()


def test_loading_a_page_restyles_nothing_the_whole_page_depends_on(page) -> None:
    # <html>'s classes are set once, by the head script before <body> exists; Material's
    # bundle writes the attribute again later, with the same classes (no restyle then).
    recorded = page.evaluate("window.changes")
    assert {c for c in recorded if c.startswith("HTML class=")} == {"HTML class=js js-focus-visible"}, recorded
    assert not [c for c in recorded if "switching" in c or "META" in c], recorded
    assert page.evaluate("document.querySelector('meta[name=color-scheme]')") is None
    assert page.evaluate(ROOT_SCHEME) == "light"


def test_the_toggle_switches_palette_and_colour_scheme_with_transitions_off(page) -> None:
    page.click('label[for="__palette_1"]')
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    page.wait_for_timeout(300)
    recorded = page.evaluate("window.changes")
    assert "BODY data-md-color-switching=" in recorded, recorded  # set while the colours change
    assert recorded[-1] == "BODY data-md-color-switching=null", recorded  # and cleared after
    assert page.evaluate(ROOT_SCHEME) == "dark"
    page.reload(wait_until="load")  # the choice is remembered, and applied before Material starts
    page.wait_for_timeout(300)
    recorded = page.evaluate("window.changes")
    assert not [c for c in recorded if "switching" in c], recorded
    assert page.evaluate(ROOT_SCHEME) == "dark"
