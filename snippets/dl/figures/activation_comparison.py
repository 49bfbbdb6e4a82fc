"""The common activation functions on one pair of axes, with their derivatives beside them."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from snippets.dl.activations import ACTIVATIONS
from snippets.dl.figures import ACTIVATION_COLORS, ACTIVATION_LABELS, break_at_jumps, freeze_layout, new_figure

COMPARED = ("sigmoid", "tanh", "relu", "leaky_relu", "swish", "gelu")
DASHED = ("leaky_relu",)


def draw() -> Figure:
    figure = new_figure((7.2, 3.6))
    value_axes, derivative_axes = figure.subplots(1, 2)
    x = np.linspace(-4.0, 4.0, 801)
    for name in COMPARED:
        function, derivative = ACTIVATIONS[name]
        style = {"color": ACTIVATION_COLORS[name], "linewidth": 1.3, "label": ACTIVATION_LABELS[name],
                 "linestyle": "--" if name in DASHED else "-"}
        value_axes.plot(x, function(x), **style)
        derivative_axes.plot(x, break_at_jumps(derivative(x)), **style)
    value_axes.set(title="$f(x)$", xlabel="$x$", ylim=(-1.5, 4.0))
    derivative_axes.set(title="$f'(x)$", xlabel="$x$", ylim=(-0.3, 1.3))
    for ax in (value_axes, derivative_axes):
        ax.axhline(0.0, color="0.7", linewidth=0.6)
        ax.axvline(0.0, color="0.7", linewidth=0.6)
    value_axes.legend(fontsize=7, loc="upper left")
    return freeze_layout(figure)
