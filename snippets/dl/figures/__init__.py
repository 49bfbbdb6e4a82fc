"""Figure scripts of the deep-learning chapter: each module defines ``draw() -> Figure``.

This package file holds what the scripts share; it is not a figure script itself.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

DEFAULT_SIZE = (6.4, 3.6)

ACTIVATION_COLORS = {
    "sigmoid": "#1f77b4",
    "tanh": "#ff7f0e",
    "relu": "#2ca02c",
    "leaky_relu": "#d62728",
    "relu6": "#9467bd",
    "swish": "#8c564b",
    "gelu": "#e377c2",
    "gelu_tanh": "#7f7f7f",
}

ACTIVATION_LABELS = {
    "sigmoid": "sigmoid",
    "tanh": "tanh",
    "relu": "ReLU",
    "leaky_relu": "leaky ReLU (0.01)",
    "relu6": "ReLU6",
    "swish": "swish / SiLU",
    "gelu": "GELU",
    "gelu_tanh": "GELU (tanh approx.)",
}

VARIANT_STYLES = {
    "standard": {"label": "standard", "color": "#1f77b4"},
    "batch_norm": {"label": "batch norm", "color": "#d62728"},
    "noisy_batch_norm": {"label": "batch norm + noise", "color": "#2ca02c"},
}


def new_figure(size: tuple[float, float] = DEFAULT_SIZE, layout: str | None = "constrained") -> Figure:
    """A white figure, drawn without pyplot (constrained layout unless `layout` says otherwise).

    Pass the finished figure through `freeze_layout` before returning it from `draw()`.
    """
    return Figure(figsize=size, facecolor="white", layout=layout)


def freeze_layout(figure: Figure) -> Figure:
    """Run the layout engine once and keep its result, so every later save gives the same bytes
    (constrained layout starts from the current positions, so a second run can move axes slightly)."""
    if figure.get_layout_engine() is not None:
        figure.draw_without_rendering()
        figure.set_layout_engine("none")
    return figure


def break_at_jumps(values: np.ndarray, threshold: float = 0.3) -> np.ndarray:
    """`values` with NaN just after each jump larger than `threshold`, so a plotted
    discontinuous derivative shows a gap instead of a vertical line."""
    broken = np.array(values, dtype=np.float64)
    broken[1:][np.abs(np.diff(broken)) > threshold] = np.nan
    return broken
