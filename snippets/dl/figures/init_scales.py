"""Activation and gradient scale per layer of a 30-layer plain network, for Xavier and Kaiming initialisation
with tanh and ReLU."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from snippets.dl.depth_scale import scales_over_depth
from snippets.dl.figures import ACTIVATION_COLORS, freeze_layout, new_figure

CASES = (("xavier", "tanh", "-"), ("kaiming", "tanh", "--"), ("xavier", "relu", "--"), ("kaiming", "relu", "-"))


def draw() -> Figure:
    figure = new_figure(size=(7.2, 3.4))
    forward_ax, backward_ax = figure.subplots(1, 2, sharex=True)
    for scheme, activation, style in CASES:
        forward, backward = scales_over_depth(scheme, activation)
        layers = np.arange(1, len(forward) + 1)
        label = f"{scheme.capitalize()}, {activation if activation == 'tanh' else 'ReLU'}"
        for ax, values in ((forward_ax, forward), (backward_ax, backward)):
            ax.semilogy(layers, np.maximum(values, 1e-12), linestyle=style, color=ACTIVATION_COLORS[activation],
                        marker="o" if scheme == "kaiming" else None, markersize=2.5, label=label)
    forward_ax.set(xlabel="layer $l$", ylabel=r"RMS of $a^{(l)}$", ylim=(1e-5, 10))
    backward_ax.set(xlabel="layer $l$", ylabel=r"RMS of $\partial l / \partial a^{(l-1)}$", ylim=(1e-5, 10))
    backward_ax.legend(fontsize=7, loc="lower right")
    return freeze_layout(figure)
