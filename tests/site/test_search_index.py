"""The search indexer's entries: code left out, and reused from disk only while the page is unchanged.

Also what docs/assets/javascripts/search.js assumes of the index.
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from types import SimpleNamespace

import material

from sitebuild import REPO_ROOT
from sitebuild.search_index import remember_entries


class CountingIndex:
    """Stands in for Material's SearchIndex: one entry per page, holding the HTML it was given."""

    def __init__(self) -> None:
        self.config = {"lang": ["zh", "en"]}
        self.entries: list[dict] = []
        self.parsed = 0

    def add_entry_from_context(self, page) -> None:
        self.parsed += 1
        self.entries.append({"location": page.url, "title": page.title, "text": page.content})


def page(content: str, url: str = "python/copying/") -> SimpleNamespace:
    return SimpleNamespace(content=content, url=url, title="Copying", meta={}, toc=[])


def test_code_blocks_never_reach_the_indexer(tmp_path: Path) -> None:
    index = CountingIndex()
    remember_entries(index, tmp_path)
    index.add_entry_from_context(page('<p>deep copy</p><pre class="x"><code>copy.deepcopy(a)\n</code></pre>'))
    assert index.entries[0]["text"] == "<p>deep copy</p> "


def test_notebook_heading_links_stay_out_of_titles(tmp_path: Path) -> None:
    index = CountingIndex()
    remember_entries(index, tmp_path)
    index.add_entry_from_context(page('<h2 id="_2">Check<a class="anchor-link" href="#_2">¶</a></h2>'))
    assert index.entries[0]["text"] == '<h2 id="_2">Check</h2>'


def test_an_unchanged_page_is_not_parsed_again(tmp_path: Path) -> None:
    first, second = CountingIndex(), CountingIndex()
    for index in (first, second):
        remember_entries(index, tmp_path)
        index.add_entry_from_context(page("<p>deep copy</p>"))
    assert (first.parsed, second.parsed) == (1, 0)
    assert second.entries == first.entries


def test_a_changed_page_or_address_is_parsed_again(tmp_path: Path) -> None:
    index = CountingIndex()
    remember_entries(index, tmp_path)
    index.add_entry_from_context(page("<p>deep copy</p>"))
    index.add_entry_from_context(page("<p>shallow copy</p>"))
    index.add_entry_from_context(page("<p>deep copy</p>", url="en/python/copying/"))
    assert index.parsed == 3
    assert [e["text"] for e in index.entries] == ["<p>deep copy</p>", "<p>shallow copy</p>", "<p>deep copy</p>"]



def test_reusing_entries_marks_them_as_in_use(tmp_path: Path) -> None:
    index = CountingIndex()
    remember_entries(index, tmp_path)
    index.add_entry_from_context(page("<p>deep copy</p>"))
    stored = next(tmp_path.glob("*.json"))
    os.utime(stored, (0, 0))
    index.add_entry_from_context(page("<p>deep copy</p>"))
    assert stored.stat().st_mtime > 0, "a reused entry must be touched, or prune_unused deletes it"


def test_no_index_word_holds_the_mark_the_browser_appends(built_site: Path) -> None:
    """docs/assets/javascripts/search.js appends U+3400 to each Chinese query word; no word may hold it."""
    for index in (built_site / "search" / "search_index.json", built_site / "en" / "search" / "search_index.json"):
        assert "\u3400" not in index.read_text(encoding="utf-8"), index


def test_the_browser_drops_the_stop_words_the_index_drops() -> None:
    shipped = (Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "lunr" / "min"
               / "lunr.zh.min.js").read_text(encoding="utf-8")
    ours = (REPO_ROOT / "docs" / "assets" / "javascripts" / "search.js").read_text(encoding="utf-8")
    pattern = re.compile(r'(?:generateStopWordFilter\(|new Set\()"([^"]*)"\.split\(" "\)')
    assert set(pattern.findall(shipped)[0].split()) == set(pattern.findall(ours)[0].split())


def test_every_heading_of_every_page_is_in_its_languages_index(built_site: Path) -> None:
    """Each language's index has an entry for each heading of each of its pages, though a
    heading may read the same in both languages (mkdocs-static-i18n's de-duplication dropped
    the English entry then: en/questions/#python)."""
    import json

    heading = re.compile(r'<h[1-6][^>]*\bid="([^"]+)"')
    for prefix in ("", "en/"):
        index = json.loads((built_site / prefix / "search" / "search_index.json").read_text(encoding="utf-8"))
        locations = {entry["location"] for entry in index["docs"]}  # relative to the language's root
        pages = [entry["location"] for entry in index["docs"] if "#" not in entry["location"]]
        assert len(pages) > 40
        missing = []
        for page_url in pages:
            html = (built_site / prefix / page_url / "index.html").read_text(encoding="utf-8")
            article = html[html.index("<article"):html.index("</article>")]
            missing += [f"{page_url}#{anchor}" for anchor in heading.findall(article)[1:]
                        if f"{page_url}#{anchor}" not in locations]
        assert not missing, f"{prefix or 'zh/'}: {missing[:5]}"
