"""Keep every built page free of requests to other hosts.

nbconvert's notebook template adds MathJax 2 and mermaid from a CDN; the site typesets
with its own KaTeX and has no mermaid diagrams, so those scripts are removed. Whatever
else would still load from another host is reported, so the build can fail on it.
"""
from __future__ import annotations

import re

_SCHEME = r"(?:https?:)?"
_EXTERNAL = _SCHEME + "//"
_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.DOTALL | re.IGNORECASE)
_LOADING_TAG = re.compile(
    r"<(?P<tag>script|link|img|iframe|source|video|audio|embed|object|track)\b(?P<attrs>[^>]*)>",
    re.IGNORECASE,
)
_LOADING_ATTR = re.compile(rf"""\b(?:src|href|data|poster|srcset)\s*=\s*["']?{_EXTERNAL}""", re.IGNORECASE)
_EMPTY_SRC = re.compile(r"""\bsrc\s*=\s*(?:""|'')""")
_NOT_FETCHED_LINK = re.compile(r"""\brel\s*=\s*["']?(?:canonical|alternate)\b""", re.IGNORECASE)
_CSS_OR_JS_START = r"""(?:url\(\s*["']?|import\(\s*["']|@import\s+["'])"""
_CSS_OR_JS_URL = re.compile(_CSS_OR_JS_START + _EXTERNAL, re.IGNORECASE)
# The same, found from its "//": scanning a whole page for the pattern above took 15 times as long.
_DOUBLE_SLASH = re.compile("//")
_CSS_OR_JS_URL_BEFORE = re.compile(_CSS_OR_JS_START + _SCHEME + r"\Z", re.IGNORECASE)
_LOOKBEHIND = 200


def strip_cdn_scripts(html: str) -> str:
    """Remove <script> elements that load from, or import from, another host.

    An empty ``src`` (nbconvert's MathJax tag once its URL is blanked) goes too: it would
    fetch the page itself as a script.
    """

    def keep(match: re.Match[str]) -> str:
        element = match.group(0)
        opening = element[: element.index(">") + 1]
        if _LOADING_ATTR.search(opening) or _EMPTY_SRC.search(opening) or _CSS_OR_JS_URL.search(element):
            return ""
        return element

    return _SCRIPT.sub(keep, html)


def external_requests(html: str) -> list[str]:
    """Snippets of markup that would make the browser fetch from another host."""
    found = []
    for match in _LOADING_TAG.finditer(html):
        attrs = match.group("attrs")
        if match.group("tag").lower() == "link" and _NOT_FETCHED_LINK.search(attrs):
            continue
        if _LOADING_ATTR.search(attrs):
            found.append(match.group(0)[:160])
    for slashes in _DOUBLE_SLASH.finditer(html):
        start = slashes.start()
        before = _CSS_OR_JS_URL_BEFORE.search(html, max(0, start - _LOOKBEHIND), start)
        if before:
            found.append(html[before.start():slashes.end()])
    return found


_ALTERNATE_LINK = re.compile(r"""<link rel="alternate" href="[^"]*" hreflang="[^"]*">\s*""")


def drop_alternate_links(html: str) -> str:
    """Remove the per-page <link rel="alternate" hreflang> tags of the <head>.

    Material fetches "sitemap.xml" relative to each such link, expecting a language root;
    mkdocs-static-i18n points them at the same page in the other language, so every page
    made two requests that 404. The language selector's own links already lead to the
    same page in the other language, so nothing is lost for a reader.
    """
    return _ALTERNATE_LINK.sub("", html)
