"""`make offline`: the copy works opened from the file system, search included (and ranked as served)."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.reader import read_page
from tests.browser.searching import HOME, first_result_failures


@pytest.mark.parametrize("page", ["index.html", "dl/activations.html",
                                  "en/python/notebooks/id_tour.html", "en/cpp/concurrency.html"])
def test_offline_page_reads_cleanly_from_file_urls(offline_site: Path, browser, page: str) -> None:
    context = browser.new_context()
    try:
        report, tab = read_page(context, (offline_site / page).as_uri())
    finally:
        context.close()
    assert not report.problems(), "\n".join(report.problems())


@pytest.mark.parametrize("language", ["zh", "en"])
def test_offline_search_lists_the_page_or_section_first(offline_site: Path, browser, language: str) -> None:
    root = offline_site.as_uri() + "/"
    failures, count, elapsed = first_result_failures(browser, f"{root}{HOME[language]}index.html", root,
                                                     language, offline_site)
    print(f"{language}: {count} queries in {elapsed:.1f} s")
    assert not failures, f"{len(failures)} of {count} queries:\n" + "\n".join(failures)
