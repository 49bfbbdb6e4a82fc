"""`make offline`: the copy works opened from the file system, search included."""
from __future__ import annotations

from pathlib import Path

import pytest

from sitebuild import REPO_ROOT
from tests.browser.reader import read_page
from tests.support import mkdocs_build


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("offline")
    result = mkdocs_build(site, config=REPO_ROOT / "mkdocs.offline.yml")
    assert result.returncode == 0, result.stderr[-3000:]
    return site


@pytest.mark.parametrize("page", ["index.html", "dl/activations.html",
                                  "en/python/notebooks/id_tour.html", "en/cpp/concurrency.html"])
def test_offline_page_reads_cleanly_from_file_urls(offline_site: Path, browser, page: str) -> None:
    context = browser.new_context()
    try:
        report, tab = read_page(context, (offline_site / page).as_uri())
    finally:
        context.close()
    assert not report.problems(), "\n".join(report.problems())


@pytest.mark.parametrize(("home", "term", "expected"), [
    ("index.html", "深拷贝", "python/copying.html"),
    ("en/index.html", "deep copy", "en/python/copying.html"),
], ids=["zh", "en"])
def test_offline_search_works_from_file_urls(offline_site: Path, browser, home: str, term: str,
                                             expected: str) -> None:
    context = browser.new_context()
    try:
        _, page = read_page(context, (offline_site / home).as_uri())
        page.keyboard.press("/")
        page.fill(".md-search__input", term)
        page.keyboard.press("End")
        page.wait_for_selector(".md-search-result__item", timeout=15000)
        links = page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.href)")
    finally:
        context.close()
    found = [link.removeprefix(offline_site.as_uri() + "/").split("?")[0].split("#")[0] for link in links]
    assert expected in found, found[:5]
