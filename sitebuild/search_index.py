"""What Material's search indexer sees, and remembering what it made of each page.

Code stays out of the index: it held each section's HTML, code included, code was 40 % of
it, and every page downloads the whole index on load. Prose already names what the code
shows, so readers still find the page.

Indexing is most of a rebuild's time: an HTML parse of every page, then jieba, whose
dictionary alone takes about a second to load. A page's entries depend only on its HTML,
address, title, metadata, table of contents and the search settings, so they are kept on
disk under a digest of those and reused while none of them changes.
"""
from __future__ import annotations

import hashlib
import json
import re
from importlib.metadata import version
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from mkdocs.structure.pages import Page

CODE_BLOCK = re.compile(r"<pre\b[^>]*>.*?</pre>", re.DOTALL)
INDEXER_VERSIONS = f"mkdocs-material {version('mkdocs-material')}, jieba {version('jieba')}"


def without_code(html: str) -> str:
    return CODE_BLOCK.sub(" ", html)


def remember_entries(search_index: Any, cache_dir: Path) -> None:
    """Make `search_index` (Material's SearchIndex) index pages without code, from cache_dir when it can."""
    if getattr(search_index, "remembers_entries", False):
        return
    index_page = search_index.add_entry_from_context

    def add_entry_from_context(page: Page) -> None:
        view = SimpleNamespace(content=without_code(page.content or ""), url=page.url, title=page.title,
                               meta=page.meta, toc=page.toc)
        stored = cache_dir / f"{_entries_key(view, search_index.config)}.json"
        if stored.is_file():
            search_index.entries.extend(json.loads(stored.read_text(encoding="utf-8")))
            return
        before = len(search_index.entries)
        index_page(view)
        cache_dir.mkdir(parents=True, exist_ok=True)
        stored.write_text(json.dumps(search_index.entries[before:], ensure_ascii=False), encoding="utf-8")

    search_index.add_entry_from_context = add_entry_from_context
    search_index.remembers_entries = True


def _entries_key(page: SimpleNamespace, settings: dict) -> str:
    def toc(items) -> list:
        return [[item.id, item.url, item.title, toc(item.children)] for item in items]

    inputs = [INDEXER_VERSIONS, page.url, page.title, page.meta, toc(page.toc), settings, page.content]
    return hashlib.sha256(json.dumps(inputs, sort_keys=True, default=str).encode()).hexdigest()


def write_compact(site_dir: Path) -> bool:
    """Rewrite site_dir/search/search_index.json (and the offline build's .js copy) as UTF-8.

    Material escapes every non-ASCII character, six bytes for each of jieba's zero-width
    spaces: the index shrinks by a third, 7 % compressed.
    """
    index_file = site_dir / "search" / "search_index.json"
    if not index_file.is_file():
        return False
    data = json.dumps(json.loads(index_file.read_text(encoding="utf-8")), ensure_ascii=False,
                      separators=(",", ":"))
    index_file.write_text(data, encoding="utf-8")
    inlined = index_file.with_suffix(".js")  # Material's offline plugin: `var __index = {...}`
    if inlined.is_file():
        inlined.write_text(f"var __index = {data}", encoding="utf-8")
    return True
