"""Batch norm's training/inference gap against the number of images per batch; group norm's is 0."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from snippets.dl.figures import freeze_layout, new_figure
from snippets.dl.small_batch import train_eval_gap

BATCH_SIZES = (1, 2, 4, 8, 16, 32)


def draw() -> Figure:
    figure = new_figure(size=(5.6, 3.4))
    ax = figure.subplots()
    sizes = np.array(BATCH_SIZES)
    gaps = np.array([train_eval_gap(int(n)) for n in sizes])
    ax.loglog(sizes, gaps, marker="o", color="#d62728", label="BN")
    ax.loglog(sizes, gaps[0] / np.sqrt(sizes), linestyle=":", color="0.5", label=r"$\propto 1/\sqrt{n}$")
    ax.plot([], [], color="#1f77b4", label="GN: 0")
    ax.set(xlabel="images per batch $n$", ylabel="RMS(train - eval output)", xticks=sizes,
           xticklabels=[str(n) for n in sizes])
    ax.legend(fontsize=8)
    return freeze_layout(figure)
