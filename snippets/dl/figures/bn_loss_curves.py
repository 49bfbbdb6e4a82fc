"""Training loss without batch norm, with it, and with it plus noise after every batch-norm layer."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from snippets.dl.bn_experiment import run_experiment
from snippets.dl.figures import VARIANT_STYLES, freeze_layout, new_figure

SMOOTHING_WINDOW = 10


def draw() -> Figure:
    figure = new_figure()
    ax = figure.subplots()
    for variant, result in run_experiment().items():
        style = VARIANT_STYLES[variant]
        steps = np.arange(len(result.losses))
        ax.plot(steps, result.losses, color=style["color"], alpha=0.25, linewidth=0.8)
        smoothed = np.convolve(result.losses, np.ones(SMOOTHING_WINDOW) / SMOOTHING_WINDOW, mode="valid")
        ax.plot(steps[SMOOTHING_WINDOW - 1:], smoothed, color=style["color"], label=style["label"])
    ax.set(xlabel="step", ylabel="mini-batch loss", yscale="log")
    ax.legend(fontsize=8)
    return freeze_layout(figure)
