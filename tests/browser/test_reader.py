"""The Reader that the page suite loads every page with: one tab, one report per page."""
from __future__ import annotations

import pytest

from tests.browser.reader import Reader

# A page with four problems the report must name: a console error, an image that does not
# load, one that would not load when scrolled to (lazy, far below the screen, beside one that
# would), and an image without alt text.
PROBE = ('<!doctype html><html lang="en"><title>probe</title>'
         '<div class="md-content"><img src="no-such-image.png" alt="missing">'
         '<img src="../assets/images/favicon.png">'
         '<div style="height: 8000px"></div><img src="no-such-plot.png" alt="far" loading="lazy">'
         '<img src="../assets/images/favicon.png" alt="far, fine" loading="lazy"></div>'
         '<script>console.error("probe error")</script></html>')


@pytest.fixture
def reader(browser, site_url: str):
    context = browser.new_context()
    context.route(site_url + "reader-probe/", lambda route: route.fulfill(body=PROBE, content_type="text/html"))
    reader = Reader(context)
    yield reader
    context.close()


def test_a_reused_tab_reports_each_page_s_problems_on_that_page_only(reader: Reader, site_url: str) -> None:
    probe, clean = site_url + "reader-probe/", site_url + "python/"
    first = reader.read(probe)
    tab = reader.page
    assert "probe error" in first.console_errors
    assert [request for request in first.failed_requests if "no-such-image.png" in request]
    assert first.broken_images == ["no-such-image.png", "no-such-plot.png"]
    assert first.images_without_alt == ["../assets/images/favicon.png"]

    assert reader.read(clean).problems() == []
    again = reader.read(probe)
    assert reader.page is tab, "the reader opened a new tab instead of navigating its own"
    assert "probe error" in again.console_errors and again.broken_images == first.broken_images


def test_a_closed_or_crashed_tab_is_replaced(reader: Reader, site_url: str) -> None:
    from playwright.sync_api import Error

    reader.read(site_url + "python/")
    reader.page.close()
    assert reader.read(site_url + "python/").problems() == []
    crashed = reader.page
    with crashed.expect_event("crash"), pytest.raises(Error):
        crashed.goto("chrome://crash")
    assert reader.read(site_url + "python/").problems() == []
    assert reader.page is not crashed and crashed.is_closed()
