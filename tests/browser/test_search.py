"""Search lists first the page or section a query names, in both languages (tests/browser/searching.py).

Each language's queries run in one page load; tests/browser/test_offline_copy.py runs them
again from the offline copy.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.browser.searching import HOME, QUERIES, TERMS, cases, first_result_failures, index_entries, plain


def _taken_from(query: str, title: str) -> bool:
    """Whether the query's letters occur in the title in order ("迭代器失效" in "迭代器什么时候失效？")."""
    rest = iter(re.sub(r"\W", "", title.lower()))
    return all(char in rest for char in re.sub(r"\W", "", query.lower()))


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_query_is_taken_from_the_title_it_expects(built_site: Path, language: str) -> None:
    titles = {doc["location"]: plain(doc["title"]) for doc in index_entries(built_site, language)}
    wrong = [(query, expected, titles.get(expected)) for query, expected in QUERIES[language]
             if not _taken_from(query, titles.get(expected, ""))]
    assert not wrong, f"queries not taken from the title of the entry they expect: {wrong}"
    assert len(cases(built_site, language)) >= 30


@pytest.mark.parametrize("language", ["zh", "en"])
def test_search_lists_the_page_or_section_first(browser, built_site: Path, site_url: str,
                                                language: str) -> None:
    failures, count, elapsed = first_result_failures(browser, site_url + HOME[language], site_url,
                                                     language, built_site)
    waiting = [term for term in TERMS[language] if term not in cases(built_site, language)]
    print(f"{language}: {count} queries in {elapsed:.1f} s; terms not on their page yet: {waiting}")
    assert not failures, f"{len(failures)} of {count} queries:\n" + "\n".join(failures)
