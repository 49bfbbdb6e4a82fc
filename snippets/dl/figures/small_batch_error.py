"""Test error of the same network trained with BN and with GN, against the images per batch (median of the seeds,
the band from the best to the worst seed)."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from snippets.dl.figures import freeze_layout, new_figure
from snippets.dl.small_batch_error import errors_by_batch_size

STYLES = {
    "batch": {"label": "BN (running statistics)", "color": "#d62728", "linestyle": "-"},
    "batch, recomputed": {"label": "BN (statistics recomputed)", "color": "#ff9896", "linestyle": "--"},
    "group": {"label": "GN", "color": "#1f77b4", "linestyle": "-"},
}


def draw() -> Figure:
    figure = new_figure(size=(5.6, 3.4))
    ax = figure.subplots()
    results = errors_by_batch_size()
    for name, style in STYLES.items():
        sizes = np.array(list(results[name]))
        errors = 100 * np.array(list(results[name].values()))
        ax.plot(sizes, np.median(errors, axis=1), marker="o", **style)
        if style["linestyle"] == "-":
            ax.fill_between(sizes, errors.min(axis=1), errors.max(axis=1), color=style["color"], alpha=0.15,
                            linewidth=0)
    ax.axhline(75, color="0.5", linestyle=":", linewidth=1, label="chance (4 classes)")
    ax.set_xscale("log", base=2)
    ax.set(xlabel="images per batch $n$", ylabel="test error (%)", xticks=sizes,
           xticklabels=[str(n) for n in sizes], ylim=(0, 80))
    ax.legend(fontsize=8)
    return freeze_layout(figure)
