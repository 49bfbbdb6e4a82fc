"""No broken internal link or anchor anywhere in the built site; external links are
listed in a report (.cache/reports/external-links.md), never fetched."""
from __future__ import annotations

from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

from sitebuild import CACHE_DIR

LINK_ATTRIBUTES = {"a": "href", "img": "src", "script": "src", "link": "href", "source": "src"}
REPORT = CACHE_DIR / "reports" / "external-links.md"


class PageLinks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key in ("id", "name"):
            if values.get(key):
                self.ids.add(values[key])
        wanted = LINK_ATTRIBUTES.get(tag)
        if wanted and values.get(wanted) and values.get("rel") not in ("canonical", "alternate"):
            self.links.append(values[wanted])


def parse(page: Path) -> PageLinks:
    parser = PageLinks()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def target_file(site: Path, page: Path, path: str) -> Path:
    if not path:
        return page
    base = site if path.startswith("/") else page.parent  # 404 pages link from the site root
    resolved = (base / unquote(path).lstrip("/")).resolve()
    if resolved.is_dir():
        resolved = resolved / "index.html"
    return resolved


def test_internal_links_and_anchors_resolve(built_site: Path) -> None:
    pages = {page: parse(page) for page in built_site.rglob("*.html")}
    broken, external = [], defaultdict(set)
    for page, found in pages.items():
        where = page.relative_to(built_site).as_posix()
        for link in found.links:
            scheme = urlsplit(link).scheme
            if scheme in ("http", "https"):
                external[link].add(where)
                continue
            if scheme or link.startswith("//"):
                continue  # mailto:, data:, javascript: and the like are not pages
            path, fragment = urldefrag(link)
            target = target_file(built_site, page, path)
            if not target.exists():
                broken.append(f"{where}: {link} -> missing {target}")
            elif fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parse(target).ids
                if unquote(fragment) not in ids:
                    broken.append(f"{where}: {link} -> no anchor #{fragment}")
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text("# External links (not fetched)\n\n" + "".join(
        f"- {url} — on {len(sources)} page(s), e.g. {min(sources)}\n" for url, sources in sorted(external.items())),
        encoding="utf-8")
    assert not broken, f"{len(broken)} broken links:\n" + "\n".join(broken[:30])
