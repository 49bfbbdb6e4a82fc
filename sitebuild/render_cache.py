"""Remembering Python-Markdown's output for each page across builds.

Converting the pages' Markdown was half of a rebuild in which nothing changed. What
`Page.render` produces (the HTML, the table of contents, the title, the anchors the page
has and the anchors it links to) depends only on:

- the page's Markdown after the on_page_markdown hooks, its source path and its URL;
- the files pymdownx.snippets pulls in (`--8<-- "path"`, under its base_path), by their bytes;
- every file's source path and URL (relative links are resolved against them);
- the Markdown extensions and their options, and the versions of the packages that
  implement them, and this directory's code (the highlighting memory is part of it).

So the result is kept in one file per page under a digest of those and reused. A render
that logged a warning is not kept: the next build renders the page again and warns again,
so `mkdocs build --strict` fails as often with the cache as without it. Anchors are still
checked after every build, from the kept lists. Notebook pages keep their own cache
(mkdocs-jupyter's).
"""
from __future__ import annotations

import hashlib
import json
import logging
import re
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc


PACKAGES = ("markdown", "pymdown-extensions", "mkdocs", "mkdocs-material", "pygments")
# Bumped when what is kept changes, so older entries are not reused.
OUTPUT_FORMAT = "1"
SNIPPET = re.compile(r'--8<--\s*"(?P<path>[^"]+)"')
SNIPPET_MARKER = "--8<--"
LINE_RANGE_OR_SECTION = re.compile(r":[^/\\]*$")


class _Warnings(logging.Handler):
    """Counts the warnings mkdocs' loggers emit while it is attached."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def remember_rendering(page: Page, cache_dir: Path) -> None:
    """Make `page.render` reuse what an earlier build rendered from the same inputs."""
    render = page.render

    def cached_render(config: Any, files: Files) -> None:
        key = _key(page, config, files)
        if key is None:
            render(config, files)
            return
        kept = cache_dir / f"{key}.json"
        if kept.is_file():
            kept.touch()  # in use: prune_unused keeps it
            _restore(page, json.loads(kept.read_text(encoding="utf-8")), files)
            return
        warnings = _Warnings()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(warnings)
        try:
            render(config, files)
        finally:
            logger.removeHandler(warnings)
        if not warnings.count:
            cache_dir.mkdir(parents=True, exist_ok=True)
            kept.write_text(json.dumps(_kept(page), ensure_ascii=False), encoding="utf-8")

    page.render = cached_render


def _key(page: Page, config: Any, files: Files) -> str | None:
    """The digest of everything the page's HTML depends on; None when that is not known."""
    markdown = page.markdown or ""
    included = []
    if SNIPPET_MARKER in markdown:
        named = SNIPPET.findall(markdown)
        if markdown.count(SNIPPET_MARKER) != len(named):
            return None  # a block or unquoted include: its files are not listed here
        bases = (config["mdx_configs"] or {}).get("pymdownx.snippets", {}).get("base_path", ["."])
        bases = [bases] if isinstance(bases, str) else bases
        for target in sorted(set(named)):
            relative = LINE_RANGE_OR_SECTION.sub("", target)
            path = next((Path(base) / relative for base in bases if (Path(base) / relative).is_file()), None)
            if path is None:
                return None  # let pymdownx.snippets report the missing file
            included.append([target, hashlib.sha256(path.read_bytes()).hexdigest()])
    inputs = [OUTPUT_FORMAT, _environment(), _stable(config["markdown_extensions"]),
              _stable(config["mdx_configs"]), config.theme.get("language"), config.use_directory_urls,
              _stable(config.get("validation")), _files_digest(files), page.file.src_uri, page.file.url,
              included, markdown]
    return hashlib.sha256(json.dumps(inputs, ensure_ascii=False).encode()).hexdigest()


@lru_cache(maxsize=None)
def _environment() -> str:
    """Versions of the Markdown packages and a digest of this directory's code."""
    hasher = hashlib.sha256()
    for package in PACKAGES:
        hasher.update(f"{package}={version(package)}\0".encode())
    for source in sorted(Path(__file__).parent.glob("*.py")):
        hasher.update(source.name.encode() + b"\0" + source.read_bytes())
    return hasher.hexdigest()


_last_files: tuple[Files, str] | None = None


def _files_digest(files: Files) -> str:
    """A digest of every file's source path and URL, once per collection of files (per build).

    Only the collection is memoized: mkdocs-static-i18n builds each language with the same
    config object, changed in place, so the settings are read again for every page.
    """
    global _last_files
    if _last_files is None or _last_files[0] is not files:
        listing = sorted(f"{file.src_uri}\0{file.url}" for file in files)
        _last_files = (files, hashlib.sha256("\n".join(listing).encode()).hexdigest())
    return _last_files[1]


def _stable(value: Any) -> Any:
    """`value` as JSON-able data with no memory addresses in it (callables by name)."""
    if isinstance(value, dict):
        return {str(k): _stable(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_stable(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, (set, frozenset)) else items
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if callable(value) and hasattr(value, "__qualname__"):
        return f"{getattr(value, '__module__', '')}.{value.__qualname__}"
    return f"{type(value).__module__}.{type(value).__qualname__}"


def _toc_tokens(items: Any) -> list[dict]:
    return [{"level": item.level, "id": item.id, "name": item.title, "children": _toc_tokens(item.children)}
            for item in items]


def _kept(page: Page) -> dict:
    links = getattr(page, "links_to_anchors", None) or {}
    return {
        "content": page.content,
        "toc": _toc_tokens(page.toc),
        "title": getattr(page, "_title_from_render", None),
        "present_anchor_ids": sorted(getattr(page, "present_anchor_ids", None) or ()),
        "links_to_anchors": {file.src_uri: anchors for file, anchors in links.items()},
    }


def _restore(page: Page, kept: dict, files: Files) -> None:
    page.content = kept["content"]
    page.toc = get_toc(kept["toc"])
    page._title_from_render = kept["title"]
    page.present_anchor_ids = set(kept["present_anchor_ids"])
    page.links_to_anchors = {files.get_file_from_path(src_uri): anchors
                             for src_uri, anchors in kept["links_to_anchors"].items()}
