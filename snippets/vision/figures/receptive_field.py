"""Receptive field of a stack of 3x3 convolutions against depth: plain, dilated, strided."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from snippets.vision.conv import receptive_field
from snippets.vision.figures import RECEPTIVE_FIELD_STACKS, freeze_layout, new_figure


def draw() -> Figure:
    figure = new_figure((6.4, 3.6))
    ax = figure.subplots()
    depths = np.arange(1, 11)
    styles = ({"marker": "o"}, {"marker": "s", "markersize": 9, "markerfacecolor": "none"},
              {"marker": "^", "linestyle": "--"})
    for (label, stack), style in zip(RECEPTIVE_FIELD_STACKS.items(), styles):
        ax.semilogy(depths, [receptive_field(stack(depth)) for depth in depths], label=label, **style)
    ax.set(xlabel="layers", ylabel="receptive field (pixels)", xticks=depths)
    ax.grid(True, which="major", alpha=0.3)
    ax.legend(fontsize=9)
    return freeze_layout(figure)
