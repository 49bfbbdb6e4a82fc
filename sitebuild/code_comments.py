"""Chinese code comments from one code source.

The code a page shows is the code the tests run, so each program exists once, commented in
English. On a Chinese page the build swaps every comment for its translation, taken from the
catalogues `snippets/<chapter>/comments.zh.toml`:

    [[comment]]
    en = "binds y to the object x refers to; nothing is copied"
    zh = "把 y 绑定到 x 所指的对象上，不复制任何东西"

It works on Pygments' HTML, after highlighting, so it serves the pages' code blocks and the
notebooks' code cells alike, and the code around a comment is never touched. A comment is
found by its token class. Its catalogue key is its text without the marker (`#`, `//`,
`/* */`, a docstring's quotes), whitespace folded. A run of whole-line comments with the same
indentation, one per line, is one entry whose key joins the lines with spaces; its
translation may break into other lines with "\\n", each written with the same marker and
indentation. A comment with no ASCII letter, and a doctest directive, need no entry.

`python -m sitebuild.code_comments missing [SITE_DIR]` lists the comments of a built site
that have no translation, and the entries no page uses.
"""
from __future__ import annotations

import html
import re
import sys
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from . import SNIPPETS_DIR

CATALOGUE_NAME = "comments.zh.toml"
# Pygments' token classes: Comment, Comment.Single, Comment.Multiline, Comment.Special, String.Doc.
COMMENT = re.compile(r'<span class="(?P<cls>c|c1|cm|cs|sd)">(?P<body>[^<]*)</span>')
PRE = re.compile(r"(<pre\b[^>]*>)(.*?)(</pre>)", re.DOTALL)
TAG = re.compile(r"<[^>]*>")
PROMPT = re.compile(r"^(?:&gt;&gt;&gt; |\.\.\. )")
LINE_MARKER = re.compile(r"^(?P<marker>#+|//+!?)[ \t]?")
DOCSTRING = re.compile(r'^(?P<open>[rRuU]?(?:"""|\'\'\'|"|\'))(?P<text>.*?)(?P<close>\1|(?:"""|\'\'\'|"|\'))$',
                       re.DOTALL)
NEEDS_TRANSLATION = re.compile(r"[A-Za-z]")


class CatalogueError(ValueError):
    """A catalogue file that cannot be used as it is."""


def normalize(text: str) -> str:
    return " ".join(text.split())


def load_catalogue(paths: Iterable[Path] | None = None) -> dict[str, str]:
    """English comment text -> Chinese, from every chapter's catalogue."""
    if paths is None:
        paths = sorted(SNIPPETS_DIR.glob(f"*/{CATALOGUE_NAME}"))
    catalogue: dict[str, str] = {}
    origin: dict[str, Path] = {}
    for path in paths:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise CatalogueError(f"{path}: not valid TOML: {exc}") from exc
        unknown = set(data) - {"comment"}
        if unknown:
            raise CatalogueError(f"{path}: unknown tables {sorted(unknown)}; entries are [[comment]]")
        for number, entry in enumerate(data.get("comment", []), 1):
            if set(entry) != {"en", "zh"} or not all(isinstance(v, str) and v.strip() for v in entry.values()):
                raise CatalogueError(f"{path}: entry {number} needs exactly two non-empty strings, en and zh")
            key = normalize(entry["en"])
            if key != entry["en"]:
                raise CatalogueError(f"{path}: entry {number}: en must be whitespace-folded: {key!r}")
            if key in catalogue and catalogue[key] != entry["zh"]:
                raise CatalogueError(f"{path}: entry {number} translates {key!r} again, differently "
                                     f"from {origin[key]}")
            catalogue[key], origin[key] = entry["zh"], path
    return catalogue


@dataclass
class Comment:
    start: int
    end: int
    cls: str
    body: str          # HTML-escaped, as Pygments wrote it
    line_start: int    # where the comment's line begins in the block
    prefix: str        # the line's text before the comment, tags removed (indent and prompt)

    @property
    def whole_line(self) -> bool:
        return not html.unescape(PROMPT.sub("", self.prefix)).strip()

    def parts(self) -> tuple[str, str, str]:
        """(opening, text, closing) of the comment, unescaped."""
        raw = html.unescape(self.body)
        if self.cls == "sd":
            match = DOCSTRING.match(raw)
            if match:
                return match["open"], match["text"], match["close"]
            return "", raw, ""
        if self.cls == "cm" and raw.startswith("/*"):
            inner = raw[2:-2] if raw.endswith("*/") else raw[2:]
            return "/* ", inner, " */" if raw.endswith("*/") else ""
        marker = LINE_MARKER.match(raw)
        if marker:
            return marker["marker"] + " ", raw[marker.end():], ""
        return "", raw, ""

    @property
    def open_docstring(self) -> bool:
        """A docstring's first lines: its closing quotes are still to come."""
        raw = html.unescape(self.body)
        quotes = re.match(r'[rRuU]?("""|\'\'\')', raw)
        return bool(quotes) and (len(raw) < len(quotes[0]) + 3 or not raw.endswith(quotes[1]))

    @property
    def key(self) -> str:
        return normalize(self.parts()[1])


def _comments(code: str) -> list[Comment]:
    found: list[Comment] = []
    for match in COMMENT.finditer(code):
        previous = found[-1] if found else None
        if (previous is not None and previous.cls == match["cls"] == "sd" and previous.open_docstring
                and not TAG.sub("", code[previous.end:match.start()]).strip("\n")):
            # Pygments writes a docstring one span per line: the lines are one comment.
            previous.end = match.end()
            previous.body = TAG.sub("", code[previous.start:previous.end])
            continue
        line_start = code.rfind("\n", 0, match.start()) + 1
        prefix = TAG.sub("", code[line_start:match.start()])
        found.append(Comment(match.start(), match.end(), match["cls"], match["body"], line_start, prefix))
    return found


def _runs(code: str, comments: list[Comment]) -> Iterator[list[Comment]]:
    """Group whole-line comments that follow each other line by line, alike in indent and kind."""
    run: list[Comment] = []
    for comment in comments:
        if run:
            last = run[-1]
            between = TAG.sub("", code[last.end:comment.start])
            if (comment.whole_line and last.whole_line and "\n" not in html.unescape(last.body)
                    and between == "\n" + comment.prefix and comment.prefix == last.prefix
                    and comment.cls == last.cls and comment.parts()[0] == last.parts()[0]):
                run.append(comment)
                continue
            yield run
        run = [comment]
    if run:
        yield run


def _is_exempt(key: str) -> bool:
    return not NEEDS_TRANSLATION.search(key) or key.startswith("doctest:")


def _render(run: list[Comment], translation: str, code: str) -> str:
    first = run[0]
    opening, text, closing = first.parts()
    lines = translation.split("\n")
    if first.cls == "sd":
        indent = re.match(r"[ \t]*", html.unescape(first.prefix)).group(0)
        body = ("\n" + indent).join(lines)
        if "\n" in text and text.rstrip(" ").endswith("\n"):
            body += "\n" + indent
        docstring = html.escape(opening + body + closing, quote=False).split("\n")
        return "\n".join(f'<span class="sd">{line}</span>' if line.strip() else "" for line in docstring)
    if not first.whole_line:
        if len(lines) > 1:
            raise CatalogueError(f"the translation of a comment after code must be one line: {translation!r}")
        return f'<span class="{first.cls}">{html.escape(opening + translation + closing, quote=False)}</span>'
    prompt = PROMPT.match(first.prefix)
    indent = PROMPT.sub("", first.prefix)
    again = "\n" + indent + (f'<span class="gp">{prompt.group(0)}</span>' if prompt else "")
    return again.join(f'<span class="{first.cls}">{html.escape(opening + line + closing, quote=False)}</span>'
                      for line in lines)


def translate_code(code: str, catalogue: dict[str, str], missing: set[str] | None = None,
                   used: set[str] | None = None) -> str:
    """The inner HTML of a highlighted <pre>, its comments in Chinese.

    Comments without an entry stay as they are and their keys are added to `missing`;
    the keys that were translated are added to `used`.
    """
    pieces, position = [], 0
    for run in _runs(code, _comments(code)):
        key = " ".join(c.key for c in run)
        if _is_exempt(key):
            continue
        if key not in catalogue:
            # A run without an entry of its own may be translated line by line.
            lines = [c for c in run if not _is_exempt(c.key)]
            if len(run) > 1 and all(c.key in catalogue for c in lines):
                for comment in lines:
                    pieces += [code[position:comment.start], _render([comment], catalogue[comment.key], code)]
                    position = comment.end
                    if used is not None:
                        used.add(comment.key)
            elif missing is not None:
                missing.add(key)
            continue
        pieces += [code[position:run[0].start], _render(run, catalogue[key], code)]
        position = run[-1].end
        if used is not None:
            used.add(key)
    pieces.append(code[position:])
    return "".join(pieces)


def translate_page(page_html: str, catalogue: dict[str, str], missing: set[str] | None = None,
                   used: set[str] | None = None) -> str:
    """A built page with the comments of every code block translated."""
    return PRE.sub(lambda m: m[1] + translate_code(m[2], catalogue, missing, used) + m[3], page_html)


def comment_keys(page_html: str) -> set[str]:
    """The catalogue keys of every comment on a page that needs a translation."""
    keys: set[str] = set()
    for block in PRE.finditer(page_html):
        for run in _runs(block[2], _comments(block[2])):
            key = " ".join(c.key for c in run)
            if not _is_exempt(key):
                keys.add(key)
    return keys


def report(site_dir: Path) -> tuple[set[str], set[str]]:
    """(comments with no entry, entries no page uses) of a built site, read from its English pages."""
    catalogue = load_catalogue()
    missing: set[str] = set()
    used: set[str] = set()
    english = site_dir / "en"
    for page in sorted(english.rglob("*.html")):
        translate_page(page.read_text(encoding="utf-8"), catalogue, missing, used)
    return missing, set(catalogue) - used


def main(argv: list[str]) -> int:
    if len(argv) not in (1, 2) or argv[0] != "missing":
        print("usage: python -m sitebuild.code_comments missing [SITE_DIR]", file=sys.stderr)
        return 2
    site_dir = Path(argv[1] if len(argv) > 1 else "site")
    if not (site_dir / "en").is_dir():
        print(f"{site_dir}/en not found: build the site first (mkdocs build)", file=sys.stderr)
        return 2
    missing, unused = report(site_dir)
    for key in sorted(missing):
        print(f"missing: {key}")
    for key in sorted(unused):
        print(f"unused: {key}")
    print(f"{len(missing)} comments without a translation, {len(unused)} unused entries")
    return 1 if missing or unused else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
