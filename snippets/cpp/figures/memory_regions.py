"""The process's address space, low addresses at the bottom, with the objects of
memory_regions.cpp placed in the region the program found them in (from memory_regions.out)."""
from __future__ import annotations

import re

from matplotlib.figure import Figure

from snippets.cpp.figures import COLORS, GREY, arrow, box, canvas, matches, recorded_output

# The regions from low to high addresses, as the program names them, and the section names.
ORDER = (("code (text)", ".text"), ("read-only data (rodata)", ".rodata"),
         ("initialised data (data)", ".data"), ("zero-initialised data (bss)", ".bss"),
         ("heap", "heap"), ("stack", "stack"))


def draw() -> Figure:
    out = recorded_output("memory_regions")
    placed: dict[str, list[str]] = {region: [] for region, _ in ORDER}
    for label, region in matches(r"^(.+?):\s+(\S.*)$", out):
        if region not in placed:
            raise ValueError(f"memory_regions.out names an unknown region {region!r}")
        placed[region].append(re.sub(r"\s+", " ", label))

    figure, ax = canvas((6.4, 5.4), (0, 8.4), (-0.3, 11.2))
    y = 0.2
    for k, (region, section) in enumerate(ORDER):
        items = placed[region]
        height = max(1.0, 0.45 * len(items) + 0.35)
        if section == "stack":  # the gap between heap and stack is most of the address space
            y += 1.3
            arrow(ax, (2.0, y), (2.0, y - 0.6), color="0.5")
        color = GREY if section.startswith(".") and section in (".text", ".rodata") else COLORS[k % len(COLORS)]
        box(ax, 0.9, y, 2.2, height, section, color=color, fontsize=10, family="monospace")
        for i, item in enumerate(items):
            ax.text(3.4, y + height - 0.4 - 0.45 * i, item, fontsize=9, va="center")
        if section == "heap":
            arrow(ax, (2.0, y + height), (2.0, y + height + 0.6), color="0.5")
            ax.text(2.0, y + height + 0.8, "\u22ee", ha="center", va="center", fontsize=12, color="0.5")
        y += height + 0.15
    ax.text(0.8, 0.0, "low", ha="right", fontsize=8, color="0.4")
    ax.text(0.8, y - 0.2, "high", ha="right", fontsize=8, color="0.4")
    return figure
