"""Figure scripts of the C++ chapter: each module defines ``draw() -> Figure``.

Every figure is drawn from what a tested program prints: its recorded output
snippets/cpp/NAME.out, which tests/cpp compares with a real run on each toolchain.
This package file holds what the scripts share; it is not a figure script itself.
"""
from __future__ import annotations

import re
from pathlib import Path

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, Rectangle

SNIPPETS = Path(__file__).resolve().parents[1]
COLORS = ("#dbe8ff", "#ffe7c2", "#d9f2d9", "#f6d5e5", "#e8e0ff", "#fff4b3", "#d5eef6")
GREY = "#f2f2f2"
INK = "#2b2b2b"


def recorded_output(name: str) -> str:
    """The recorded standard output of snippets/cpp/NAME.cpp (ValueError if there is none)."""
    path = SNIPPETS / f"{name}.out"
    if not path.is_file():
        raise ValueError(f"no recorded output {path.name} for program {name!r}")
    return path.read_text(encoding="utf-8")


def matches(pattern: str, text: str, expected: int | None = None) -> list[tuple[str, ...]]:
    """All matches of `pattern` (one per line); ValueError naming the pattern if there are none
    or not `expected` many, so a changed program output cannot silently draw a wrong picture."""
    found = [m.groups() for m in re.finditer(pattern, text, re.MULTILINE)]
    if not found or (expected is not None and len(found) != expected):
        raise ValueError(f"the recorded output has {len(found)} lines matching {pattern!r}"
                         + (f", expected {expected}" if expected is not None else ""))
    return found


def canvas(size: tuple[float, float], xlim: tuple[float, float], ylim: tuple[float, float]) -> tuple[Figure, Axes]:
    """A white figure with one axes-free drawing area in data coordinates."""
    figure = Figure(figsize=size, facecolor="white")
    ax = figure.add_axes((0, 0, 1, 1))
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.axis("off")
    return figure, ax


def box(ax: Axes, x: float, y: float, w: float, h: float, text: str = "", color: str = GREY,
        fontsize: float = 9, hatch: str | None = None, **text_style) -> None:
    """A rectangle with its lower-left corner at (x, y) and `text` centred in it."""
    ax.add_patch(Rectangle((x, y), w, h, facecolor=color, edgecolor=INK, linewidth=0.8,
                           hatch=hatch))
    if text:
        ax.text(x + w / 2, y + h / 2, text, ha="center", va="center", fontsize=fontsize,
                color=INK, **text_style)


def arrow(ax: Axes, start: tuple[float, float], end: tuple[float, float], dashed: bool = False,
          color: str = INK, rad: float = 0.0) -> None:
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=11, linewidth=1.1,
                                 color=color, linestyle="--" if dashed else "-",
                                 connectionstyle=f"arc3,rad={rad}", shrinkA=2, shrinkB=2))
