"""Computational graph of a small network: x1, x2 -> z -> a -> z', z'' -> y1, y2."""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyArrowPatch

from snippets.dl.figures import freeze_layout, new_figure

NODE_RADIUS = 0.28
NODES = {
    "x1": ((0.0, 2.0), "$x_1$"),
    "x2": ((0.0, 0.6), "$x_2$"),
    "z": ((1.8, 1.3), "$z$"),
    "a": ((3.3, 1.3), "$a$"),
    "z1": ((5.1, 2.0), "$z'$"),
    "z2": ((5.1, 0.6), "$z''$"),
    "y1": ((6.6, 2.0), "$y_1$"),
    "y2": ((6.6, 0.6), "$y_2$"),
}
EDGES = [
    ("x1", "z", "$w_1$"),
    ("x2", "z", "$w_2$"),
    ("z", "a", r"$\sigma$"),
    ("a", "z1", "$w_3$"),
    ("a", "z2", "$w_4$"),
    ("z1", "y1", r"$\sigma$"),
    ("z2", "y2", r"$\sigma$"),
]
INPUT_COLOR, NEURON_COLOR = "#dbe9f6", "#fde3c8"


def _arrow(ax: Axes, start: np.ndarray, end: np.ndarray, **style: object) -> None:
    ax.add_patch(FancyArrowPatch(tuple(start), tuple(end), arrowstyle="-|>", mutation_scale=10, **style))


def draw() -> Figure:
    figure = new_figure((6.4, 3.0))
    ax = figure.subplots()
    for key, (center, label) in NODES.items():
        color = INPUT_COLOR if key.startswith("x") else NEURON_COLOR
        ax.add_patch(Circle(center, NODE_RADIUS, facecolor=color, edgecolor="0.2", linewidth=1.0))
        ax.text(*center, label, ha="center", va="center", fontsize=12)
    for source, target, label in EDGES:
        start, end = np.array(NODES[source][0]), np.array(NODES[target][0])
        direction = (end - start) / np.linalg.norm(end - start)
        _arrow(ax, start + NODE_RADIUS * direction, end - NODE_RADIUS * direction, color="0.2")
        normal = np.array([-direction[1], direction[0]])
        ax.text(*((start + end) / 2 + 0.18 * normal), label, ha="center", va="center", fontsize=11)
    _arrow(ax, np.array([0.3, -0.2]), np.array([6.3, -0.2]), color="#1f77b4")
    ax.text(3.3, -0.05, "forward pass: $z$, $a$, $\\partial z / \\partial w$", ha="center", va="bottom",
            fontsize=9, color="#1f77b4")
    _arrow(ax, np.array([6.3, -0.55]), np.array([0.3, -0.55]), color="#d62728")
    ax.text(3.3, -0.7, r"backward pass: $\partial l / \partial z$", ha="center", va="top",
            fontsize=9, color="#d62728")
    ax.set(xlim=(-0.5, 7.1), ylim=(-1.1, 2.5), aspect="equal")
    ax.axis("off")
    return freeze_layout(figure)
