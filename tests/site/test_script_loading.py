"""Scripts loaded by URL are deferred, and keep the order in which they must run."""
from __future__ import annotations

import re
from pathlib import Path

from sitebuild.script_loading import deferred

SCRIPT_TAG = re.compile(r"<script\b[^>]*>")


def test_external_scripts_get_defer_and_nothing_else_changes() -> None:
    page = ('<script>var a = 1;</script><script id="__config" type="application/json">{}</script>'
            '<script src="a.js"></script><script src="b.js" async></script>'
            '<script defer src="c.js"></script><script type="module" src="d.js"></script>')
    assert deferred(page) == page.replace('<script src="a.js">', '<script defer src="a.js">')


def test_every_page_defers_its_scripts_search_before_the_bundle(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        html = page.read_text(encoding="utf-8")
        external = [tag for tag in SCRIPT_TAG.findall(html) if " src=" in tag]
        not_deferred = [tag for tag in external if " defer " not in tag]
        assert not not_deferred, f"{page.relative_to(built_site)}: {not_deferred}"
        sources = [re.search(r'src="([^"]*)"', tag).group(1).rsplit("/", 1)[-1] for tag in external]
        if "search.js" in sources:
            bundle = next(i for i, name in enumerate(sources) if name.startswith("bundle."))
            assert sources.index("search.js") < bundle, f"{page.relative_to(built_site)}: {sources}"
