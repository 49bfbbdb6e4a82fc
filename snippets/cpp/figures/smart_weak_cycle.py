"""The two objects of smart_weak_cycle.cpp with their use_counts, in scope and after it
(from smart_weak_cycle.out): a shared_ptr cycle keeps both alive, a weak_ptr back-link does not."""
from __future__ import annotations

from matplotlib.figure import Figure

from snippets.cpp.figures import COLORS, GREY, arrow, box, canvas, matches, recorded_output


def draw() -> Figure:
    out = recorded_output("smart_weak_cycle")
    a, b = matches(r"^  use_count: a = (\d+), b = (\d+)$", out, 1)[0]
    (a_after,) = matches(r"^  after scope: a expired\? \w+, a\.use_count = (\d+)", out, 1)[0]
    parent, child = matches(r"^  use_count: parent = (\d+), child = (\d+)$", out, 1)[0]
    (parent_gone,) = matches(r"^  after scope: parent expired\? (\w+)$", out, 1)[0]
    destroyed = {name for (name,) in matches(r"^  (\w+) destroyed$", out)}
    # In the cycle each keeps the other alive, so b's count after the scope equals a's.
    b_after = a_after

    figure, ax = canvas((8.4, 4.6), (0, 16.8), (0, 9.2))
    titles = ("shared_ptr <-> shared_ptr", "shared_ptr + weak_ptr")
    ax.text(4.2, 8.8, titles[0], ha="center", fontsize=10, family="monospace")
    ax.text(12.6, 8.8, titles[1], ha="center", fontsize=10, family="monospace")
    ax.plot([8.4, 8.4], [0.2, 8.9], color="0.75", linewidth=0.8)
    for y, label in ((7.9, "in scope"), (3.6, "after scope")):
        ax.text(0.15, y, label, fontsize=9, style="italic", color="0.35")

    def node(x: float, y: float, name: str, count: str, alive: bool) -> None:
        color = (COLORS[0] if alive else GREY)
        box(ax, x, y, 2.6, 1.2, f"{name}\nuse_count {count}" if alive else f"{name}\n(destroyed)",
            color=color, fontsize=9, family="monospace")

    def local(x: float, y: float, name: str, target: tuple[float, float]) -> None:
        box(ax, x, y, 1.4, 0.7, name, color=COLORS[5], fontsize=9, family="monospace")
        arrow(ax, (x + 0.7, y), target)

    # Left: the cycle, in scope (locals a and b point in) and after it (only the cycle remains).
    node(1.2, 4.9, "A", a, True)
    node(5.0, 4.9, "B", b, True)
    local(1.8, 6.9, "a", (2.5, 6.1))
    local(5.6, 6.9, "b", (6.3, 6.1))
    arrow(ax, (3.8, 5.7), (5.0, 5.7))
    arrow(ax, (5.0, 5.3), (3.8, 5.3))
    node(1.2, 0.8, "A", a_after, True)
    node(5.0, 0.8, "B", b_after, True)
    arrow(ax, (3.8, 1.6), (5.0, 1.6))
    arrow(ax, (5.0, 1.2), (3.8, 1.2))
    ax.text(4.2, 0.3, "leaked", ha="center", fontsize=9, color="#b00020", family="monospace")

    # Right: parent owns child, child points back with a weak_ptr.
    node(9.6, 4.9, "parent", parent, True)
    node(13.4, 4.9, "child", child, True)
    local(10.2, 6.9, "parent", (10.9, 6.1))
    local(14.0, 6.9, "child", (14.7, 6.1))
    arrow(ax, (12.2, 5.7), (13.4, 5.7))
    arrow(ax, (13.4, 5.3), (12.2, 5.3), dashed=True)
    gone = parent_gone == "true"
    node(9.6, 0.8, "parent", "0", not gone and "parent" not in destroyed)
    node(13.4, 0.8, "child", "0", "child" not in destroyed)
    return figure
