"""A Rectangle object, its vptr and the vtable it points to (from vtable_layout.out)."""
from __future__ import annotations

from matplotlib.figure import Figure

from snippets.cpp.figures import COLORS, GREY, arrow, box, canvas, matches, recorded_output


def draw() -> Figure:
    out = recorded_output("vtable_layout")
    (size,) = matches(r"sizeof\(Rectangle\) = (\d+)", out, 1)[0]
    fields = [(int(offset), name) for offset, name in matches(r"^object \+(\d+): (\w+)$", out)]
    (to_top,) = matches(r"^vtable\[-2\]: offset to top = (-?\d+)$", out, 1)[0]
    (last_dtor,) = matches(r"^vtable\[0\.\.(\d+)\]: (?:~\w+) ", out, 1)[0]
    functions = [(int(i), fn, how) for i, fn, how in matches(r"^vtable\[(\d+)\]: (\w+), (.*)$", out)]

    figure, ax = canvas((8.0, 3.9), (0, 12), (1.0, 7.6))
    row = 0.8
    # The object: one row per field, from offset 0 downwards.
    top = 6.6
    ax.text(1.9, top + 0.45, f"Rectangle r   (sizeof = {size})", ha="center", fontsize=10)
    vptr_y = None
    for k, (offset, name) in enumerate(fields):
        y = top - row * (k + 1)
        color = COLORS[0] if name == "vptr" else GREY
        box(ax, 0.9, y, 2.0, row, name, color=color, fontsize=10, family="monospace")
        ax.text(0.8, y + row / 2, f"+{offset}", ha="right", va="center", fontsize=8.5)
        if name == "vptr":
            vptr_y = y + row / 2

    # The vtable: slots -2 and -1 before the address point the vptr holds.
    slots = [(-2, f"offset to top = {to_top}", GREY), (-1, "&typeid(Rectangle)", GREY)]
    slots += [(i, "~Rectangle", COLORS[3]) for i in range(int(last_dtor) + 1)]
    slots += [(i, f"{'Rectangle' if how.startswith('overridden') else 'Shape'}::{fn}",
               COLORS[1] if how.startswith("overridden") else COLORS[2]) for i, fn, how in functions]
    vt_top = 7.0
    ax.text(8.2, vt_top + 0.25, "vtable for Rectangle", ha="center", fontsize=10)
    address_point = None
    for k, (index, text, color) in enumerate(slots):
        y = vt_top - row * (k + 1)
        box(ax, 6.6, y, 3.2, row, text, color=color, fontsize=9, family="monospace")
        ax.text(6.5, y + row / 2, f"[{index}]", ha="right", va="center", fontsize=8.5)
        if index == 0:
            address_point = y + row
    arrow(ax, (2.9, vptr_y), (6.6, address_point))
    ax.text(4.8, (vptr_y + address_point) / 2 + 0.3, "vptr", ha="center", fontsize=9, style="italic")
    return figure
