"""Draw every figure script under snippets/<chapter>/figures/ into docs/assets/figures/.

A figure script is a module with ``draw() -> matplotlib.figure.Figure``. Its SVG is cached
under .cache/figures/ by a digest of the script and of every snippets module it imports
(transitively), so a build in which nothing changed redraws nothing, and the SVG bytes are
the same from build to build (fixed hash salt, no date, Agg backend).
"""
from __future__ import annotations

import ast
import json
import importlib
import io
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import CACHE_DIR, DOCS_DIR, MATPLOTLIB_SETUP, REPO_ROOT, SNIPPETS_DIR
from .digest import digest_files, python_sources

if TYPE_CHECKING:
    from matplotlib.figure import Figure

OUTPUT_DIR = DOCS_DIR / "assets" / "figures"
FIGURE_CACHE = CACHE_DIR / "figures"
SVG_SETTINGS = {"svg.hashsalt": "perception-interview-review", "svg.fonttype": "path"}


class FigureError(RuntimeError):
    """A figure script failed; the message names the script."""


@dataclass(frozen=True)
class FigureScript:
    path: Path

    @property
    def module(self) -> str:
        return ".".join(self.path.relative_to(REPO_ROOT).with_suffix("").parts)

    @property
    def output(self) -> Path:
        chapter = self.path.relative_to(SNIPPETS_DIR).parts[0]
        return OUTPUT_DIR / chapter / f"{self.path.stem}.svg"


def figure_scripts() -> list[FigureScript]:
    return [
        FigureScript(path)
        for path in sorted(SNIPPETS_DIR.glob("*/figures/*.py"))
        if path.name != "__init__.py"
    ]


def _module_path(name: str) -> Path | None:
    parts = name.split(".")
    if parts[0] != "snippets":
        return None
    base = REPO_ROOT.joinpath(*parts)
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def snippet_dependencies(path: Path) -> set[Path]:
    """`path` and every module under snippets/ it imports, directly or not."""
    seen: set[Path] = set()
    pending = [path]
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        for node in ast.walk(ast.parse(current.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            for name in names:
                found = _module_path(name)
                if found is not None:
                    pending.append(found)
    return seen


def drawing_setup() -> tuple[str, ...]:
    """What, besides the scripts and the snippets they import, decides a figure's bytes."""
    from importlib.metadata import version  # cheaper than importing matplotlib to ask

    return (version("matplotlib"), version("numpy"), repr(sorted(SVG_SETTINGS.items())),
            MATPLOTLIB_SETUP)


def recorded_outputs(path: Path) -> list[Path]:
    """The recorded program outputs (`*.out`) of the chapter of figure script `path`.

    A figure may draw what a tested program printed (the C++ chapter's do), so a changed
    output must redraw it.
    """
    chapter = path.parent.parent
    return sorted(chapter.rglob("*.out"))


def cache_key(script: FigureScript) -> str:
    return digest_files(snippet_dependencies(script.path) | set(recorded_outputs(script.path)), *drawing_setup())


def render_svg(script: FigureScript, inspect: Callable[[Figure], None] | None = None) -> bytes:
    """Import the script afresh, call draw() and return the SVG bytes (`inspect` sees the figure first)."""
    import matplotlib

    matplotlib.use("Agg")
    for name in [m for m in sys.modules if m == "snippets" or m.startswith("snippets.")]:
        del sys.modules[name]
    try:
        # Draw with default settings whatever the calling process changed (a test run draws
        # figures too), so the bytes depend on the script alone.
        with matplotlib.rc_context():
            matplotlib.rcdefaults()
            matplotlib.rcParams.update(SVG_SETTINGS)
            figure = importlib.import_module(script.module).draw()
            if inspect is not None:
                inspect(figure)
            buffer = io.BytesIO()
            figure.savefig(buffer, format="svg", metadata={"Date": None})
    except Exception as exc:
        where = script.path.relative_to(REPO_ROOT)
        raise FigureError(f"figure script {where} failed: {type(exc).__name__}: {exc}") from exc
    return buffer.getvalue()


STATE_FILE = FIGURE_CACHE / "up-to-date.json"
_last_checked: tuple = ()


def _sources_state() -> tuple:
    """(path, mtime, size) of every snippets module, recorded program output and figure, and
    the drawing set-up the cache key depends on: cheap to compare."""
    paths = python_sources() + sorted(SNIPPETS_DIR.rglob("*.out")) + sorted(OUTPUT_DIR.rglob("*.svg"))
    files = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in paths)
    return files + tuple(("setup", item, 0) for item in drawing_setup())


def _recorded_state() -> tuple:
    """The state after the last complete run, in this process or, on disk, in an earlier one."""
    if _last_checked or not STATE_FILE.is_file():
        return _last_checked
    return tuple(tuple(item) for item in json.loads(STATE_FILE.read_text(encoding="utf-8")))


def build_figures() -> list[Path]:
    """Bring docs/assets/figures/ up to date; return the SVGs that were (re)drawn.

    When no snippet or figure file changed (path, mtime, size) since the last complete run,
    in this process or an earlier one, the digests are not computed again.
    """
    global _last_checked
    state = _sources_state()
    if state == _recorded_state():
        _last_checked = state
        return []
    drawn = []
    for script in figure_scripts():
        cached = FIGURE_CACHE / f"{cache_key(script)}.svg"
        if not cached.exists():
            cached.parent.mkdir(parents=True, exist_ok=True)
            cached.write_bytes(render_svg(script))
            drawn.append(script.output)
        svg = cached.read_bytes()
        if not script.output.exists() or script.output.read_bytes() != svg:
            script.output.parent.mkdir(parents=True, exist_ok=True)
            script.output.write_bytes(svg)
    _last_checked = _sources_state()
    STATE_FILE.parent.mkdir(parents=True, exist_ok=True)
    STATE_FILE.write_text(json.dumps(_last_checked), encoding="utf-8")
    return drawn


_FIGURE_IMG = re.compile(r'<img (?![^>]*\bwidth=)([^>]*?\bsrc="(?:[^"]*/)?assets/figures/([^"]+\.svg)"[^>]*?)\s*/?>')
_SVG_SIZE = re.compile(rb'<svg\b[^>]*?\bwidth="([\d.]+)pt" height="([\d.]+)pt"')


def _svg_head(svg: Path) -> bytes:
    """The first 2,000 bytes of `svg`, where matplotlib writes the <svg> element's size."""
    with svg.open("rb") as file:
        return file.read(2000)


def size_figure_images(html: str) -> str:
    """Give each figure's <img> the width and height of its SVG in CSS pixels (1 pt = 4/3 px).

    The browser then reserves the figure's box before the SVG arrives, and nothing below it
    moves when it does (the stylesheet's `height: auto` keeps the ratio on narrow screens).
    """
    def sized(match: re.Match[str]) -> str:
        svg = OUTPUT_DIR / match.group(2)
        size = _SVG_SIZE.search(_svg_head(svg)) if svg.is_file() else None
        if size is None:
            return match.group(0)
        width, height = (round(float(value) * 4 / 3) for value in size.groups())
        return f'<img {match.group(1)} width="{width}" height="{height}" />'

    return _FIGURE_IMG.sub(sized, html)
