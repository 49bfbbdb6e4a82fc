"""A strided view: s = m[::2, 1::2] on a 3 x 4 int64 array, in the grid and in memory.

The highlighted bytes are computed from the arrays themselves (data pointers and strides),
so the figure shows where NumPy really reads s from.
"""
from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from snippets.python.figures import arrow

COLORS = {"cell": "#f2f2f2", "view": "#ffe7c2", "edge": "#2b3a55", "note": "#5a6478"}


def element_offsets(view: np.ndarray, base: np.ndarray) -> list[int]:
    """Byte offset from base's first byte of each element of view, in view's C order."""
    if not np.shares_memory(view, base):
        raise ValueError("view does not share memory with base")
    start = view.__array_interface__["data"][0] - base.__array_interface__["data"][0]
    return [start + sum(i * stride for i, stride in zip(index, view.strides))
            for index in np.ndindex(view.shape)]


def arrays() -> tuple[np.ndarray, np.ndarray]:
    m = np.arange(12, dtype=np.int64).reshape(3, 4)
    return m, m[::2, 1::2]


def draw() -> Figure:
    m, s = arrays()
    offsets = element_offsets(s, m)
    picked = {offset // m.itemsize for offset in offsets}
    figure = Figure(figsize=(7.6, 4.6), facecolor="white")
    ax = figure.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, 12.6)
    ax.set_ylim(0, 7.6)
    ax.axis("off")

    ax.text(0.3, 7.1, f"m: shape {m.shape}, strides {m.strides}", family="monospace", fontsize=10)
    ax.text(6.9, 7.1, f"s = m[::2, 1::2]: strides {s.strides}", family="monospace", fontsize=10)
    for row in range(m.shape[0]):
        for col in range(m.shape[1]):
            flat = row * m.shape[1] + col
            x, y = 3.6 + col * 1.3, 6.0 - row * 0.9
            ax.add_patch(Rectangle((x, y), 1.2, 0.8, facecolor=COLORS["view"] if flat in picked else COLORS["cell"],
                                   edgecolor=COLORS["edge"], linewidth=1.1))
            ax.text(x + 0.6, y + 0.4, str(m[row, col]), ha="center", va="center", family="monospace", fontsize=10)

    ax.text(0.3, 3.35, "m.data", fontsize=9.5, family="monospace", color=COLORS["note"])
    width = 12.0 / m.size
    for flat in range(m.size):
        x = 0.3 + flat * width
        ax.add_patch(Rectangle((x, 1.9), width * 0.96, 0.9, facecolor=COLORS["view"] if flat in picked else COLORS["cell"],
                               edgecolor=COLORS["edge"], linewidth=1.0))
        ax.text(x + width * 0.48, 2.35, str(m.reshape(-1)[flat]), ha="center", va="center", family="monospace", fontsize=10)
        ax.text(x + width * 0.48, 1.65, str(flat * m.itemsize), ha="center", va="center", family="monospace",
                fontsize=7.5, color=COLORS["note"])

    def center(offset: int) -> float:
        return 0.3 + (offset // m.itemsize) * width + width * 0.48

    rows, cols = s.shape
    for r in range(rows):                      # along a row of s: the column stride
        for c in range(cols - 1):
            x0, x1 = center(offsets[r * cols + c]), center(offsets[r * cols + c + 1])
            arrow(ax, (x0, 2.85), (x1, 2.85), rad=-0.4)
            ax.text((x0 + x1) / 2, 3.25, f"+{offsets[r * cols + c + 1] - offsets[r * cols + c]}",
                    ha="center", fontsize=9, family="monospace")
    for r in range(rows - 1):                  # from a row of s to the next: the row stride
        x0, x1 = center(offsets[r * cols]), center(offsets[(r + 1) * cols])
        arrow(ax, (x0, 1.45), (x1, 1.45), rad=0.25)
        ax.text((x0 + x1) / 2, 0.65, f"+{offsets[(r + 1) * cols] - offsets[r * cols]}",
                ha="center", fontsize=9, family="monospace")
    ax.text(0.3, 0.2, f"s[i, j] at byte {offsets[0]} + {s.strides[0]}*i + {s.strides[1]}*j",
            family="monospace", fontsize=9.5)
    return figure
