"""A local server for the built site and a headless Chromium to read it with."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.reader import CHROMIUM_ARGS, serve
from tests.support import require_tool


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    with serve(built_site) as url:
        yield url


# Package scope: Playwright's sync API keeps an asyncio loop running in this thread while it
# is open, and the sessions collected after tests/browser call asyncio.run(), which refuses
# to start inside a running loop.
@pytest.fixture(scope="package")
def browser() -> Iterator[object]:
    chromium = require_tool("chromium", "the browser tests drive Debian's headless Chromium "
                                        "(apt-get install chromium chromium-driver)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield instance
        instance.close()
