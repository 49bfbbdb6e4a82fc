"""Precision-recall curves of one synthetic detector at IoU 0.5 and 0.75, areas (all-point AP) shaded."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from snippets.vision.figures import PR_EXAMPLE, freeze_layout, new_figure
from snippets.vision.metrics import average_precision, pr_curve
from snippets.vision.synthetic import synthetic_coco


def draw() -> Figure:
    ground_truth, detections = synthetic_coco(**PR_EXAMPLE)
    figure = new_figure((6.4, 3.8))
    ax = figure.subplots()
    for threshold, color in ((0.5, "#1f77b4"), (0.75, "#d62728")):
        recall, precision = pr_curve(ground_truth, detections, category_id=1, iou_threshold=threshold)
        envelope = np.maximum.accumulate(precision[::-1])[::-1]
        ap = average_precision(recall, precision)
        ax.plot(recall, precision, color=color, linewidth=0.8, alpha=0.6)
        steps_r = np.concatenate([[0.0], recall])
        steps_p = np.concatenate([[envelope[0]], envelope])
        ax.fill_between(steps_r, steps_p, step="pre", color=color, alpha=0.18)
        ax.step(steps_r, steps_p, where="pre", color=color, label=f"IoU {threshold}: AP = {ap:.3f}")
    ax.set(xlabel="recall", ylabel="precision", xlim=(0, 1), ylim=(0, 1.02))
    ax.legend(loc="lower left", fontsize=9)
    return freeze_layout(figure)
