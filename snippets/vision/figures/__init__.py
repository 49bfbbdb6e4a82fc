"""Figure scripts of the perception chapter: each module defines ``draw() -> Figure``.

This package file holds what the scripts (and the tests of the numbers the pages state) share.
"""

from __future__ import annotations

from snippets.dl.figures import freeze_layout, new_figure

__all__ = ["PR_EXAMPLE", "RECEPTIVE_FIELD_STACKS", "freeze_layout", "new_figure"]

# The detection set of the PR-curve figure: one class, 30 images, boxes jittered by 5 % of their size.
PR_EXAMPLE = {"seed": 0, "num_images": 30, "num_categories": 1, "jitter": 0.05}

# Stacks of 3x3 convolutions as (kernel, stride, dilation) per layer, for depths 1 to 10.
RECEPTIVE_FIELD_STACKS = {
    "3x3, stride 1": lambda depth: [(3, 1, 1)] * depth,
    "3x3, dilation 2^(k-1)": lambda depth: [(3, 1, 2**k) for k in range(depth)],
    "3x3, stride 2": lambda depth: [(3, 2, 1)] * depth,
}
