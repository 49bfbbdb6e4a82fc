"""Every activation function (solid) with its derivative (dashed), one panel each."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from snippets.dl.activations import ACTIVATIONS
from snippets.dl.figures import ACTIVATION_COLORS, ACTIVATION_LABELS, break_at_jumps, freeze_layout, new_figure

X_RANGES = {"relu6": (-3.0, 9.0)}
DEFAULT_X_RANGE = (-5.0, 5.0)


def draw() -> Figure:
    figure = new_figure((8.0, 4.2), layout=None)
    figure.subplots_adjust(left=0.05, right=0.99, bottom=0.06, top=0.94, wspace=0.3, hspace=0.35)
    axes = figure.subplots(2, 4)
    for ax, (name, (function, derivative)) in zip(axes.flat, ACTIVATIONS.items()):
        x = np.linspace(*X_RANGES.get(name, DEFAULT_X_RANGE), 601)
        color = ACTIVATION_COLORS[name]
        ax.plot(x, function(x), color=color, label="$f(x)$")
        ax.plot(x, break_at_jumps(derivative(x)), color=color, linestyle="--", label="$f'(x)$")
        ax.axhline(0.0, color="0.7", linewidth=0.6)
        ax.axvline(0.0, color="0.7", linewidth=0.6)
        ax.set_title(ACTIVATION_LABELS[name], fontsize=9)
        ax.tick_params(labelsize=7)
    axes.flat[0].legend(fontsize=7, loc="upper left")
    return freeze_layout(figure)
