"""Which entries of an N x C x (H, W) activation block share one mean and variance, per method.

Each block is drawn as an oblique projection of cells: samples N down the front face,
channels C across it, and the spatial positions H, W going into the depth.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Polygon

from snippets.dl.figures import freeze_layout, new_figure

NUM_SAMPLES, NUM_CHANNELS, NUM_POSITIONS = 4, 6, 5
GROUP_SIZE = 3
DEPTH_STEP = np.array([0.45, 0.3])
HIGHLIGHT, PLAIN = "#6fa8dc", "#f2f2f2"

CellRule = Callable[[int, int], bool]
METHODS: dict[str, CellRule] = {
    "Batch norm": lambda n, c: c == 0,
    "Layer norm": lambda n, c: n == 0,
    "Instance norm": lambda n, c: n == 0 and c == 0,
    "Group norm (2 groups)": lambda n, c: n == 0 and c < GROUP_SIZE,
}


def _cell(ax: Axes, corners: list[np.ndarray], highlighted: bool) -> None:
    ax.add_patch(Polygon(np.array(corners), closed=True, facecolor=HIGHLIGHT if highlighted else PLAIN,
                         edgecolor="0.35", linewidth=0.5))


def _block(ax: Axes, shares_statistics: CellRule) -> None:
    """Front face (n, c), top face (n = 0, c, s) and right face (n, c = C - 1, s), all visible cells."""
    def point(x: float, y: float, depth: float = 0.0) -> np.ndarray:
        return np.array([x, y]) + depth * DEPTH_STEP

    top = NUM_SAMPLES
    for n in range(NUM_SAMPLES):
        for c in range(NUM_CHANNELS):
            y = top - n - 1
            _cell(ax, [point(c, y), point(c + 1, y), point(c + 1, y + 1), point(c, y + 1)], shares_statistics(n, c))
    for c in range(NUM_CHANNELS):
        for s in range(NUM_POSITIONS):
            _cell(ax, [point(c, top, s), point(c + 1, top, s), point(c + 1, top, s + 1), point(c, top, s + 1)],
                  shares_statistics(0, c))
    right = NUM_CHANNELS
    for n in range(NUM_SAMPLES):
        for s in range(NUM_POSITIONS):
            y = top - n - 1
            _cell(ax, [point(right, y, s), point(right, y + 1, s), point(right, y + 1, s + 1), point(right, y, s + 1)],
                  shares_statistics(n, NUM_CHANNELS - 1))
    ax.text(-0.35, top / 2, "$N$", ha="right", va="center", fontsize=10)
    ax.text(NUM_CHANNELS / 2, -0.35, "$C$", ha="center", va="top", fontsize=10)
    label_at = point(right, 0, NUM_POSITIONS / 2) + np.array([0.35, -0.2])
    ax.text(*label_at, "$H, W$", ha="left", va="center", fontsize=10)
    far_corner = point(right, top, NUM_POSITIONS)
    ax.set(xlim=(-1.0, far_corner[0] + 1.6), ylim=(-1.0, far_corner[1] + 0.3), aspect="equal")
    ax.axis("off")


def draw() -> Figure:
    figure = new_figure((8.0, 2.4))
    for ax, (title, rule) in zip(figure.subplots(1, len(METHODS)), METHODS.items()):
        _block(ax, rule)
        ax.set_title(title, fontsize=9)
    return freeze_layout(figure)
