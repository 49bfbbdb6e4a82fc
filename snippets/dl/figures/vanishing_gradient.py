"""Gradient norm of every hidden layer of a 10-layer network at initialisation: sigmoid vs ReLU."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from snippets.dl.figures import ACTIVATION_COLORS, ACTIVATION_LABELS, freeze_layout, new_figure
from snippets.dl.vanishing import compare, sigmoid_factor_bound


def draw() -> Figure:
    figure = new_figure()
    ax = figure.subplots()
    results = compare()
    for name, result in results.items():
        layers = np.arange(1, len(result.weight_grad_norms) + 1)
        ax.semilogy(layers, result.weight_grad_norms, marker="o", color=ACTIVATION_COLORS[name],
                    label=ACTIVATION_LABELS[name])
    sigmoid_norms = results["sigmoid"].weight_grad_norms
    last = len(sigmoid_norms)
    layers = np.arange(1, last + 1)
    ax.semilogy(layers, sigmoid_norms[-1] * sigmoid_factor_bound(1) ** (last - layers), color="0.5",
                linestyle=":", label=rf"sigmoid layer {last} $\times\ (1/4)^{{{last} - k}}$")
    ax.set(xlabel="hidden layer $k$", ylabel=r"$\|\partial l / \partial W^{(k)}\|$", xticks=layers)
    ax.legend(fontsize=8)
    return freeze_layout(figure)
