"""Which names point at which objects after the copying session (snippets/python/copying.pycon).

The arrows are not drawn by hand: objects are grouped by identity (`is`) from the session's
own namespace, so the picture changes if the session does.
"""
from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from snippets.sessions import run_session

NAMES = ("list1", "list2", "list3", "list4")
COLORS = {"outer": "#dbe8ff", "inner": "#ffe7c2", "edge": "#2b3a55"}


def unique_by_identity(objects: list[object]) -> list[object]:
    seen: list[object] = []
    for obj in objects:
        if not any(obj is other for other in seen):
            seen.append(obj)
    return seen


def index_of(obj: object, objects: list[object]) -> int:
    return next(i for i, other in enumerate(objects) if other is obj)


def _box(ax, x: float, y: float, text: str, color: str, width: float) -> None:
    ax.add_patch(FancyBboxPatch((x, y - 0.3), width, 0.6, boxstyle="round,pad=0.05",
                                facecolor=color, edgecolor=COLORS["edge"], linewidth=1.2))
    ax.text(x + width / 2, y, text, ha="center", va="center", family="monospace", fontsize=10)


def _arrow(ax, start: tuple[float, float], end: tuple[float, float]) -> None:
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=14,
                                 color=COLORS["edge"], linewidth=1.2,
                                 connectionstyle="arc3,rad=0.0"))


def draw() -> Figure:
    namespace = run_session("python/copying.pycon")
    lists = [namespace[name] for name in NAMES]
    outers = unique_by_identity(lists)
    inners = unique_by_identity([outer[3] for outer in outers])

    figure = Figure(figsize=(7.2, 3.6))
    ax = figure.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, 10.5)
    ax.set_ylim(-0.25, 4.55)
    ax.axis("off")

    name_y = {name: 3.7 - i * 1.05 for i, name in enumerate(NAMES)}
    outer_y = [3.2 - i * 1.35 for i in range(len(outers))]
    inner_y = [2.9 - i * 1.7 for i in range(len(inners))] if len(inners) > 1 else [2.0]
    ax.text(0.6, 4.25, "names", ha="center", fontsize=10, style="italic")
    ax.text(4.1, 4.25, "list objects", ha="center", fontsize=10, style="italic")
    ax.text(8.6, 4.25, "nested lists", ha="center", fontsize=10, style="italic")

    for name, obj in zip(NAMES, lists):
        _box(ax, 0.05, name_y[name], name, "#f2f2f2", 1.1)
        target = index_of(obj, outers)
        _arrow(ax, (1.25, name_y[name]), (2.2, outer_y[target]))
    for i, outer in enumerate(outers):
        shown = ", ".join("[…]" if isinstance(v, list) else repr(v) for v in outer)
        _box(ax, 2.25, outer_y[i], f"[{shown}]", COLORS["outer"], 3.7)
        _arrow(ax, (5.45, outer_y[i]), (7.25, inner_y[index_of(outer[3], inners)]))
    for i, inner in enumerate(inners):
        _box(ax, 7.3, inner_y[i], repr(inner), COLORS["inner"], 2.6)
    return figure
