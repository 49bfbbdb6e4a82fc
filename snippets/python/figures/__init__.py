"""Shared drawing pieces of the Python chapter's reference diagrams (names -> objects)."""
from __future__ import annotations

from typing import Any

from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

EDGE = "#2b3a55"


def unique_by_identity(objects: list[Any]) -> list[Any]:
    """The distinct objects of `objects`, compared with `is`, in first-seen order."""
    seen: list[Any] = []
    for obj in objects:
        if not any(obj is other for other in seen):
            seen.append(obj)
    return seen


def index_of(obj: Any, objects: list[Any]) -> int:
    """Position of `obj` itself (not an equal object) in `objects`."""
    return next(i for i, other in enumerate(objects) if other is obj)


def box(ax, center_x: float, y: float, text: str, color: str, width: float, height: float = 0.6) -> None:
    """A rounded box centred at (center_x, y) with monospace text: one object or one name."""
    ax.add_patch(FancyBboxPatch((center_x - width / 2, y - height / 2), width, height,
                                boxstyle="round,pad=0.05", facecolor=color, edgecolor=EDGE, linewidth=1.2))
    ax.text(center_x, y, text, ha="center", va="center", family="monospace", fontsize=10)


def arrow(ax, start: tuple[float, float], end: tuple[float, float], rad: float = 0.0) -> None:
    """A reference: from a name (or a slot) to the object it points at."""
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=14, color=EDGE,
                                 linewidth=1.2, shrinkA=2, shrinkB=2, connectionstyle=f"arc3,rad={rad}"))
