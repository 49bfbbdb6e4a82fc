"""What Material's search indexer sees, what it made of each page, and one index per language.

Code stays out of the index: it held each section's HTML, code included, code was 40 % of
it, and every page downloads the whole index on load. Prose already names what the code
shows, so readers still find the page. So do the "¶" links nbconvert puts in notebook
headings, which ended every notebook section's title in the results.

Indexing is most of a rebuild's time: an HTML parse of every page, then jieba, whose
dictionary alone takes about a second to load. A page's entries depend only on its HTML,
address, title, metadata, table of contents and the search settings, so they are kept on
disk under a digest of those and reused while none of them changes.

Chinese queries. The indexer cuts Chinese text into words with jieba (U+200B between them),
but nothing cuts the query a reader types. Material's worker tries to, greedily against the
index's words, but never looks at a run's last character and appends a wildcard to every
piece: 反向传播 became 反向* 传*, and 传* ranked the call-by-sharing page (传参) first; 深拷贝
became 深*, which matched 深度学习. The fix is in the browser, in
docs/assets/javascripts/search.js, which edits the messages between Material's page script
and its search worker (loaded in <head> by sitebuild/templates/main.html, before the worker
starts):

- The query is cut the way the index was: fewest words from the index's own vocabulary,
  learnt from the index the page already downloads (jieba's dictionary would be megabytes;
  search.js itself is 3.4 KB gzip). A word the index does not hold cannot match anyway.
- The words cut from one Chinese run are one term the reader typed: a result must hold them
  all (列表字面量 is not 量). Words typed apart stay optional, as Material has them. lunr.zh's
  stop words, which the index leaves out, are dropped.
- Only the word being typed matches as a prefix; finished words match whole, in both
  languages ("const*" no longer finds constexpr, nor 深* 深度).
- The order comes from Material's scores, adjusted: a section titled with the query no longer
  loses to its page's introduction (Material gives articles a fixed lead); the errata and the
  question index, which restate other pages' headings, come after the page they point to;
  and a title that is the query, or holds a query of several words as typed, beats one
  holding the same words apart (lunr scores words, not their order).

Rejected: character n-grams in the index (the index is the text the results show, so it
would grow by half and show the grams); a second tokenizer in the browser (jieba in
JavaScript weighs megabytes); Material's old query-transform hook (`__search.transform`),
which 9.x no longer has. tests/browser/searching.py lists the queries whose first result is
checked (every page title and ~50 concepts from the headings, per language), served and offline.
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

from .digest import stored_text

CODE_BLOCK = re.compile(r"<pre\b[^>]*>.*?</pre>", re.DOTALL)
ANCHOR_LINK = re.compile(r'<a class="anchor-link" href="[^"]*">¶</a>')
# The entries also depend on this module (what it removes before indexing).
INDEXER_VERSIONS = (f"mkdocs-material {version('mkdocs-material')}, jieba {version('jieba')}, "
                    f"{hashlib.sha256(Path(__file__).read_bytes()).hexdigest()}")


def without_code(html: str) -> str:
    """The page's HTML without code blocks and without notebook headings' "¶" links."""
    return ANCHOR_LINK.sub("", CODE_BLOCK.sub(" ", html))


def remember_entries(search_index: Any, cache_dir: Path) -> None:
    """Make `search_index` (Material's SearchIndex) index pages without code, from cache_dir when it can."""
    if getattr(search_index, "remembers_entries", False):
        return
    index_page = search_index.add_entry_from_context

    def add_entry_from_context(page: Page) -> None:
        view = SimpleNamespace(content=without_code(page.content or ""), url=page.url, title=page.title,
                               meta=page.meta, toc=page.toc)
        def index_now() -> str:
            before = len(search_index.entries)
            index_page(view)
            new = search_index.entries[before:]
            del search_index.entries[before:]
            return json.dumps(new, ensure_ascii=False)

        name = f"{_entries_key(view, search_index.config)}.json"
        search_index.entries.extend(json.loads(stored_text(cache_dir, name, index_now)))

    search_index.add_entry_from_context = add_entry_from_context
    search_index.remembers_entries = True


def _entries_key(page: SimpleNamespace, settings: dict) -> str:
    def toc(items) -> list:
        return [[item.id, item.url, item.title, toc(item.children)] for item in items]

    inputs = [INDEXER_VERSIONS, page.url, page.title, page.meta, toc(page.toc), settings, page.content]
    return hashlib.sha256(json.dumps(inputs, sort_keys=True, default=str).encode()).hexdigest()


def split_by_language(site_dir: Path, prefixes: list[str]) -> list[Path]:
    """Give each language its own index; return the index files written.

    mkdocs-static-i18n merges every language into site_dir/search/, and every page downloads
    that index on load: half of it in a language the reader is not reading, and results
    listed twice. The default language keeps site_dir/search/; a language served under
    `prefix` ("en/") gets site_dir/<prefix>search/ with its addresses made relative to its
    own root (its pages set their search base there, see hooks.on_post_page). Entries are
    written as UTF-8: Material escapes every non-ASCII character, six bytes for each of
    jieba's zero-width spaces. Running it again on split indexes changes nothing.
    """
    index_file = site_dir / "search" / "search_index.json"
    if not index_file.is_file():
        return []
    index = json.loads(index_file.read_text(encoding="utf-8"))
    # Material's offline plugin also inlines the index as a script, since file:// cannot fetch.
    inlined = index_file.with_suffix(".js").is_file()
    prefixes = [p for p in prefixes if any(e["location"].startswith(p) for e in index["docs"])]
    default = [e for e in index["docs"] if not e["location"].startswith(tuple(prefixes))]
    written = [_write_index(index_file, index["config"], default, inlined)]
    for prefix in prefixes:
        entries = [{**e, "location": e["location"][len(prefix):]}
                   for e in index["docs"] if e["location"].startswith(prefix)]
        written.append(_write_index(site_dir / prefix / "search" / "search_index.json",
                                    index["config"], entries, inlined))
    return written


def _write_index(index_file: Path, config: dict, entries: list[dict], inlined: bool) -> Path:
    data = json.dumps({"config": config, "docs": entries}, ensure_ascii=False, separators=(",", ":"))
    index_file.parent.mkdir(parents=True, exist_ok=True)
    index_file.write_text(data, encoding="utf-8")
    if inlined:
        index_file.with_suffix(".js").write_text(f"var __index = {data}", encoding="utf-8")
    return index_file
