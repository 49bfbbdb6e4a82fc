"""The bytes of the two structs of struct_padding.cpp, member by member, padding hatched
(from struct_padding.out)."""
from __future__ import annotations

from matplotlib.figure import Figure

from snippets.cpp.figures import COLORS, box, canvas, matches, recorded_output


def draw() -> Figure:
    out = recorded_output("struct_padding")
    structs = matches(r"^(\w+) size (\d+) align (\d+)$", out, 2)
    members = matches(r"^  (\w+) offset (\d+) size (\d+)$", out)
    per_struct = len(members) // len(structs)
    colors = {name: COLORS[i % len(COLORS)] for i, (name, _, _) in enumerate(members[:per_struct])}
    widest = max(int(size) for _, size, _ in structs)

    figure, ax = canvas((8.6, 2.4), (-7.0, widest + 0.5), (-0.6, 4.6))
    for k, (struct, size, align) in enumerate(structs):
        y = 3.0 - 2.4 * k
        ax.text(-0.4, y + 0.45, f"{struct}\nsizeof {size}, alignof {align}", ha="right", va="center",
                fontsize=8.5, family="monospace")
        used = set()
        for name, offset, length in members[k * per_struct:(k + 1) * per_struct]:
            start, n = int(offset), int(length)
            box(ax, start, y, n, 0.9, name, color=colors[name], fontsize=9, family="monospace")
            used.update(range(start, start + n))
        for byte in range(int(size)):
            if byte not in used:
                box(ax, byte, y, 1, 0.9, color="white", hatch="////")
        for byte in range(0, int(size) + 1, 8):
            ax.text(byte, y - 0.3, str(byte), ha="center", fontsize=7.5, color="0.4")
    return figure
