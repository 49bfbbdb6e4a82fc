"""Math rendered at build time: every formula becomes KaTeX's HTML and MathML in the page.

Before, each page with math loaded katex.min.js and auto-render and typeset after the first
paint, which shifted the layout (CLS 0.119 on dl/normalization/) and cost blocking time.
Now the build runs the site's own copy of KaTeX (docs/assets/vendor/katex/katex.min.js)
in QuickJS, an embedded JavaScript engine from PyPI (`quickjs`), so no Node.js is needed.
A page with math links KaTeX's stylesheet, preloads the fonts its formulas use and loads
math.js (copy a formula as TeX; a formula wider than the column takes keyboard focus).

What is math, as auto-render found it before:
- pages: pymdownx.arithmatex (generic) wraps each formula in `.arithmatex` as `\\(…\\)` or
  `\\[…\\]`;
- notebooks: nbconvert leaves `$…$`, `$$…$$`, `\\(…\\)` and `\\[…\\]` in the Markdown cells'
  HTML; so does raw HTML on a page (a `<figcaption>`, which arithmatex does not see). Text
  outside pre, code, script and style in the page's article is scanned for them.

Math is rendered in on_post_page, after Material's search indexer took the page's content:
the index holds each formula's TeX once, not KaTeX's HTML text and MathML twice. The
practice page's cards are taken from the pages before this too (the Anki decks keep TeX,
which Anki typesets itself); their math is rendered when the cards script is written.

A TeX error, or a KaTeX warning (strict mode "warn", e.g. Chinese text in math mode),
fails the build with the page, the line (for a notebook, the cell) and the formula.

Rendering depends only on the formula, display mode, the options and KaTeX's bytes, so
the HTML is kept in memory (a `mkdocs serve` process keeps it across rebuilds) and in one
file under the build cache, keyed by a digest of those.
"""
from __future__ import annotations

import functools
import hashlib
import html as htmlmod
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from sitebuild import DOCS_DIR

KATEX_DIR = DOCS_DIR / "assets" / "vendor" / "katex"
STYLESHEET = "assets/vendor/katex/katex.min.css"
SCRIPT = "assets/javascripts/math.js"
# As math.js passed them to auto-render, except that an error now stops the build.
OPTIONS = {"output": "htmlAndMathml", "throwOnError": True}

ARITHMATEX = re.compile(r'<(?P<tag>span|div) class="arithmatex">(?P<tex>.*?)</(?P=tag)>', re.DOTALL)
ARTICLE_START = '<article class="md-content__inner'
# Skipped when looking for delimiters, as auto-render skipped them (arithmatex's own too).
PROTECTED = re.compile(r'<(pre|code|script|style|textarea)\b.*?</\1>|<(span|div) class="arithmatex">.*?</\2>',
                       re.DOTALL | re.IGNORECASE)
# Delimited math, within one run of text (no tag inside: nbconvert escapes < and > in math).
DELIMITED = re.compile(
    r"\$\$(?P<d1>[^<>]+?)\$\$|\\\[(?P<d2>[^<>]+?)\\\]|\\\((?P<i1>[^<>]+?)\\\)"
    r"|(?<!\\)\$(?P<i2>(?:\\.|[^$\\<>])+?)\$")
KATEX_CLASS = re.compile(r'class="([^"]*)"')
FONT_FACE = re.compile(r"@font-face\{([^}]*)\}")
RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
CLASS_SELECTOR = re.compile(r"\.katex ((?:\.[\w-]+)+)")


class TexError(ValueError):
    """A formula KaTeX rejects or warns about."""

    def __init__(self, tex: str, message: str) -> None:
        super().__init__(message)
        self.tex, self.message = tex, message


class Katex:
    """KaTeX's renderToString in QuickJS, started on first use."""

    def __init__(self, script: Path) -> None:
        self.script = script
        self._render = None
        self._context = None

    def _start(self) -> None:
        import quickjs

        context = quickjs.Context()
        # KaTeX reports strict-mode warnings through console.warn; QuickJS has no console.
        context.eval("var __warnings = []; var console = {warn: function () {"
                     " __warnings.push(Array.prototype.join.call(arguments, ' ')); }, log: function () {}};")
        context.eval(self.script.read_text(encoding="utf-8"))
        self._render = context.eval(
            "(function (tex, display, options) { __warnings = [];"
            " var html = katex.renderToString(tex, Object.assign({displayMode: display}, JSON.parse(options)));"
            " return JSON.stringify({html: html, warnings: __warnings}); })")
        self._context = context

    def render(self, tex: str, display: bool) -> str:
        if self._render is None:
            self._start()
        try:
            result = json.loads(self._render(tex, display, json.dumps(OPTIONS)))
        except Exception as exc:  # quickjs.JSException: KaTeX's ParseError
            raise TexError(tex, str(exc).splitlines()[0]) from None
        if result["warnings"]:
            raise TexError(tex, "KaTeX warning: " + "; ".join(result["warnings"]))
        return result["html"]


class MathMemory:
    """KaTeX's HTML per (formula, display mode), from `cache_file` when it can."""

    def __init__(self, cache_file: Path, katex: Katex) -> None:
        self.cache_file = cache_file
        self.katex = katex
        self.salt = hashlib.sha256(katex.script.read_bytes() + json.dumps(OPTIONS, sort_keys=True).encode()).hexdigest()
        try:
            self.known: dict[str, str] = json.loads(cache_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.known = {}
        self.new = 0
        self.recent: dict[tuple[str, bool], tuple[str, frozenset[frozenset[str]]]] = {}

    def key(self, tex: str, display: bool) -> str:
        return hashlib.sha256(f"{self.salt}\0{int(display)}\0{tex}".encode()).hexdigest()

    def render(self, tex: str, display: bool) -> tuple[str, frozenset[frozenset[str]]]:
        """KaTeX's HTML for the formula, and the class sets of its elements."""
        found = self.recent.get((tex, display))
        if found is None:
            key = self.key(tex, display)
            if key not in self.known:
                self.known[key] = self.katex.render(tex, display)
                self.new += 1
            html = self.known[key]
            found = self.recent[(tex, display)] = (html, frozenset(frozenset(c.split()) for c in KATEX_CLASS.findall(html)))
        return found

    def save(self) -> None:
        if self.new:
            self.cache_file.parent.mkdir(parents=True, exist_ok=True)
            self.cache_file.write_text(json.dumps(self.known, sort_keys=True), encoding="utf-8")
            self.new = 0


_memory: dict[Path, MathMemory] = {}


def math_memory(cache_file: Path) -> MathMemory:
    """One MathMemory per cache file and process, so `mkdocs serve` keeps it across rebuilds."""
    if cache_file not in _memory:
        _memory[cache_file] = MathMemory(cache_file, Katex(KATEX_DIR / "katex.min.js"))
    return _memory[cache_file]


@dataclass
class Rendered:
    html: str
    formulas: int = 0
    classes: set[frozenset[str]] = field(default_factory=set)  # of each element of its HTML


def _arithmatex_tex(inner: str) -> tuple[str, bool]:
    tex = htmlmod.unescape(inner).strip()
    if tex.startswith("\\(") and tex.endswith("\\)"):
        return tex[2:-2], False
    if tex.startswith("\\[") and tex.endswith("\\]"):
        return tex[2:-2], True
    return tex, True  # \begin{…}…\end{…}: arithmatex keeps the environment as the formula


def render_math(html: str, memory: MathMemory, delimited: bool = False) -> Rendered:
    """`html` with every formula rendered by KaTeX: arithmatex's, and with `delimited`, also
    `$…$`-style delimiters in the text of the page's article (notebooks, raw HTML). Raises TexError."""
    result = Rendered(html)

    def render(tex: str, display: bool) -> str:
        out, classes = memory.render(tex, display)
        result.formulas += 1
        result.classes |= classes
        return out

    def arithmatex(match: re.Match[str]) -> str:
        tex, display = _arithmatex_tex(match.group("tex"))
        tag = match.group("tag")
        return f'<{tag} class="arithmatex">{render(tex, display)}</{tag}>'

    if delimited and (start := html.find(ARTICLE_START)) >= 0:
        start = html.index(">", start) + 1
        end = html.find("</article>", start)
        html = html[:start] + _render_delimited(html[start:end], render) + html[end:]
    result.html = ARITHMATEX.sub(arithmatex, html) if 'class="arithmatex"' in html else html
    return result


def _render_delimited(html: str, render) -> str:
    def in_text(text: str) -> str:
        if "$" not in text and "\\(" not in text and "\\[" not in text:
            return text

        def one(match: re.Match[str]) -> str:
            if text.rfind("<", 0, match.start()) > text.rfind(">", 0, match.start()):
                return match.group(0)  # inside a tag: an attribute's value
            display = match.group("d1") is not None or match.group("d2") is not None
            tex = next(g for g in match.group("d1", "d2", "i1", "i2") if g is not None)
            return render(htmlmod.unescape(tex).strip(), display)
        return DELIMITED.sub(one, text)

    out, position = [], 0
    for element in PROTECTED.finditer(html):
        out += [in_text(html[position:element.start()]), element.group(0)]
        position = element.end()
    out.append(in_text(html[position:]))
    return "".join(out)


def locate(tex: str, source: Path) -> str:
    """Where `tex` is written in `source`: "line N", and for a notebook "Markdown cell C, line N"."""
    try:
        text = source.read_text(encoding="utf-8")
    except OSError:
        return "line unknown"
    first = next((line.strip() for line in tex.strip().splitlines() if line.strip()), tex.strip())
    at = text.find(first)
    if at < 0:
        return "line unknown"
    line = text.count("\n", 0, at) + 1
    if source.suffix != ".py":
        return f"line {line}"
    import jupytext

    cells = jupytext.reads(text, fmt="py:percent" if "# %%" in text else "py:light").cells
    number = next((n for n, cell in enumerate(cells, 1) if cell.cell_type == "markdown" and first in cell.source), None)
    return f"Markdown cell {number}, line {line}" if number else f"line {line}"


# --- what a page with math loads ---------------------------------------------------------

def font_files(stylesheet: Path) -> dict[frozenset[str], str]:
    """KaTeX's classes (one rule's compound selector) -> the woff2 file they draw with, from
    katex.min.css; the empty set is the default, KaTeX_Main regular."""
    css = stylesheet.read_text(encoding="utf-8")
    faces = {}
    for body in FONT_FACE.findall(css):
        props = dict(p.split(":", 1) for p in body.split(";") if ":" in p)
        woff2 = re.search(r"url\(([^)]+\.woff2)\)", props.get("src", ""))
        if woff2:
            faces[(props["font-family"], props.get("font-weight", "400"), props.get("font-style", "normal"))] = woff2.group(1)
    classes = {frozenset(): faces[("KaTeX_Main", "400", "normal")]}
    for selectors, body in RULE.findall(FONT_FACE.sub("", css)):
        props = dict(p.split(":", 1) for p in body.split(";") if ":" in p)
        family = props.get("font-family")
        weight = {"bold": "700", "normal": "400"}.get(props.get("font-weight", "400"), props.get("font-weight", "400"))
        face = faces.get((family, weight, props.get("font-style", "normal")))
        if face is None:
            continue
        for selector in selectors.split(","):
            match = CLASS_SELECTOR.fullmatch(selector.strip())
            if match:
                classes[frozenset(match.group(1).strip(".").split("."))] = face
    return classes


@functools.cache
def katex_fonts() -> dict[frozenset[str], str]:
    """font_files of the vendored katex.min.css, read once per process."""
    return font_files(KATEX_DIR / "katex.min.css")


def fonts_used(classes: set[frozenset[str]], fonts: dict[frozenset[str], str]) -> list[str]:
    """The font files KaTeX HTML whose elements have these classes draws with."""
    return sorted({fonts[frozenset()], *(font for selector, font in fonts.items()
                                         if any(selector <= element for element in classes))})


def head_tags(classes: set[frozenset[str]] | None, css_url: str, fonts: dict[frozenset[str], str]) -> str:
    """The stylesheet link and preloads of the fonts these KaTeX classes draw with (none
    with `classes` None)."""
    base = css_url.rsplit("/", 1)[0] + "/"
    used = fonts_used(classes, fonts) if classes is not None else []
    preloads = "".join(f'<link rel="preload" href="{base}{font}" as="font" type="font/woff2" crossorigin>'
                       for font in used)
    return f'{preloads}<link rel="stylesheet" href="{css_url}">'


ARITHMATEX_OPEN = re.compile(r'<(span|div) class="arithmatex">')
ANNOTATION = re.compile(r'<annotation encoding="application/x-tex">(.*?)</annotation>', re.DOTALL)


def math_as_tex(html: str) -> str:
    """Rendered arithmatex formulas back to arithmatex's own `\\(…\\)` and `\\[…\\]` (what the
    Anki decks hold)."""
    out, position = [], 0
    while (start := ARITHMATEX_OPEN.search(html, position)) is not None:
        tag = start.group(1)
        tags = re.compile(rf"<{tag}\b|</{tag}>")
        depth, end = 1, None
        for found in tags.finditer(html, start.end()):
            depth += -1 if found.group(0).startswith("</") else 1
            if depth == 0:
                end = found
                break
        if end is None:
            break
        inner = html[start.end():end.start()]
        annotation = ANNOTATION.search(inner)
        if annotation is None:
            out.append(html[position:end.end()])
        else:
            left, right = ("\\[", "\\]") if 'class="katex-display"' in inner else ("\\(", "\\)")
            out.append(f"{html[position:start.end()]}{left}{annotation.group(1)}{right}</{tag}>")
        position = end.end()
    out.append(html[position:])
    return "".join(out)
