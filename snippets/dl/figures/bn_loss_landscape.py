"""Variation of the loss along the gradient direction (max - min over step sizes) during training."""

from __future__ import annotations

from matplotlib.figure import Figure

from snippets.dl.bn_experiment import run_experiment
from snippets.dl.figures import VARIANT_STYLES, freeze_layout, new_figure


def draw() -> Figure:
    figure = new_figure()
    ax = figure.subplots()
    for variant, result in run_experiment().items():
        style = VARIANT_STYLES[variant]
        ax.semilogy(result.probe_steps, result.loss_variation, marker="o", markersize=3,
                    color=style["color"], label=style["label"])
    ax.set(xlabel="step", ylabel=r"$\max_\eta L(\theta - \eta g) - \min_\eta L(\theta - \eta g)$")
    ax.legend(fontsize=8)
    return freeze_layout(figure)
