"""Axis-aligned boxes in NumPy: IoU and its variants, NMS, Soft-NMS, Faster R-CNN box deltas.

Boxes are rows (x1, y1, x2, y2) with x1 <= x2 and y1 <= y2, in continuous coordinates
(a box's width is x2 - x1, no "+1"). A zero-width or zero-height box is allowed; its IoU
with any box is 0, also with an identical degenerate box (0/0 is defined as 0 here).
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike


def as_boxes(boxes: ArrayLike, name: str = "boxes") -> np.ndarray:
    """`boxes` as a float64 array of shape (N, 4); ValueError for any other shape, NaN or x2 < x1."""
    array = np.asarray(boxes, dtype=np.float64)
    if array.size == 0 and array.ndim <= 2:
        array = array.reshape(0, 4)
    if array.ndim != 2 or array.shape[1] != 4:
        raise ValueError(f"{name} must have shape (N, 4) as (x1, y1, x2, y2), got {array.shape}")
    if not np.isfinite(array).all():
        raise ValueError(f"{name} must be finite, got NaN or infinity")
    if (array[:, 2] < array[:, 0]).any() or (array[:, 3] < array[:, 1]).any():
        bad = int(np.flatnonzero((array[:, 2] < array[:, 0]) | (array[:, 3] < array[:, 1]))[0])
        raise ValueError(f"{name}[{bad}] = {array[bad].tolist()} has x2 < x1 or y2 < y1")
    return array


def _as_scores(scores: ArrayLike, count: int, name: str = "scores") -> np.ndarray:
    array = np.asarray(scores, dtype=np.float64)
    if array.shape != (count,):
        raise ValueError(f"{name} must have shape ({count},), one per box, got {array.shape}")
    if not np.isfinite(array).all():
        raise ValueError(f"{name} must be finite, got NaN or infinity")
    return array


def _as_threshold(value: float, name: str) -> float:
    threshold = float(value)
    if not 0.0 <= threshold <= 1.0:  # also rejects NaN
        raise ValueError(f"{name} must be in [0, 1], got {value!r}")
    return threshold


def box_area(boxes: ArrayLike) -> np.ndarray:
    b = as_boxes(boxes)
    return (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1])


def _intersection_and_union(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    top_left = np.maximum(a[:, None, :2], b[None, :, :2])
    bottom_right = np.minimum(a[:, None, 2:], b[None, :, 2:])
    wh = np.clip(bottom_right - top_left, 0.0, None)
    inter = wh[..., 0] * wh[..., 1]
    area_a = (a[:, 2] - a[:, 0]) * (a[:, 3] - a[:, 1])
    area_b = (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1])
    return inter, area_a[:, None] + area_b[None, :] - inter


def _safe_divide(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    out = np.zeros(np.broadcast(numerator, denominator).shape)
    np.divide(numerator, denominator, out=out, where=denominator > 0)
    return out


# --8<-- [start:box_iou]
def box_iou(a: ArrayLike, b: ArrayLike) -> np.ndarray:
    """IoU of every box in `a` (N, 4) with every box in `b` (M, 4): an (N, M) array."""
    a, b = as_boxes(a, "a"), as_boxes(b, "b")
    top_left = np.maximum(a[:, None, :2], b[None, :, :2])        # (N, M, 2)
    bottom_right = np.minimum(a[:, None, 2:], b[None, :, 2:])    # (N, M, 2)
    wh = np.clip(bottom_right - top_left, 0.0, None)             # no overlap -> 0
    inter = wh[..., 0] * wh[..., 1]
    area_a = (a[:, 2] - a[:, 0]) * (a[:, 3] - a[:, 1])
    area_b = (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1])
    union = area_a[:, None] + area_b[None, :] - inter
    return _safe_divide(inter, union)                            # 0/0 -> 0
# --8<-- [end:box_iou]


# --8<-- [start:generalized_box_iou]
def generalized_box_iou(a: ArrayLike, b: ArrayLike) -> np.ndarray:
    """GIoU = IoU - |C minus (A union B)| / |C|, C the smallest box enclosing both: (N, M)."""
    a, b = as_boxes(a, "a"), as_boxes(b, "b")
    inter, union = _intersection_and_union(a, b)
    iou = _safe_divide(inter, union)
    wh = np.maximum(a[:, None, 2:], b[None, :, 2:]) - np.minimum(a[:, None, :2], b[None, :, :2])
    hull = wh[..., 0] * wh[..., 1]
    return iou - _safe_divide(hull - union, hull)
# --8<-- [end:generalized_box_iou]


def _center_terms(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Squared distance of the centres and squared diagonal of the enclosing box, (N, M) each."""
    centre_a = (a[:, :2] + a[:, 2:]) / 2
    centre_b = (b[:, :2] + b[:, 2:]) / 2
    rho2 = ((centre_a[:, None, :] - centre_b[None, :, :]) ** 2).sum(-1)
    wh = np.maximum(a[:, None, 2:], b[None, :, 2:]) - np.minimum(a[:, None, :2], b[None, :, :2])
    return rho2, (wh**2).sum(-1)


def distance_box_iou(a: ArrayLike, b: ArrayLike) -> np.ndarray:
    """DIoU = IoU - rho^2 / c^2 (centre distance over the enclosing box's diagonal): (N, M)."""
    a, b = as_boxes(a, "a"), as_boxes(b, "b")
    inter, union = _intersection_and_union(a, b)
    rho2, c2 = _center_terms(a, b)
    return _safe_divide(inter, union) - _safe_divide(rho2, c2)


def complete_box_iou(a: ArrayLike, b: ArrayLike) -> np.ndarray:
    """CIoU = DIoU - alpha v, v the aspect-ratio term of Zheng et al. (2020): (N, M).

    Boxes of zero height have no aspect ratio: ValueError.
    """
    a, b = as_boxes(a, "a"), as_boxes(b, "b")
    if ((a[:, 3] - a[:, 1]) == 0).any() or ((b[:, 3] - b[:, 1]) == 0).any():
        raise ValueError("complete_box_iou needs boxes of positive height (aspect ratio w/h)")
    inter, union = _intersection_and_union(a, b)
    iou = _safe_divide(inter, union)
    rho2, c2 = _center_terms(a, b)
    angle_a = np.arctan((a[:, 2] - a[:, 0]) / (a[:, 3] - a[:, 1]))
    angle_b = np.arctan((b[:, 2] - b[:, 0]) / (b[:, 3] - b[:, 1]))
    v = 4 / math.pi**2 * (angle_a[:, None] - angle_b[None, :]) ** 2
    alpha = _safe_divide(v, 1 - iou + v)
    return iou - _safe_divide(rho2, c2) - alpha * v


# --8<-- [start:nms]
def nms(boxes: ArrayLike, scores: ArrayLike, iou_threshold: float) -> np.ndarray:
    """Greedy NMS: indices of the kept boxes, in decreasing score order (ties: lower index first).

    A box is suppressed when its IoU with a kept box is greater than `iou_threshold`.
    """
    boxes = as_boxes(boxes)
    scores = _as_scores(scores, len(boxes))
    iou_threshold = _as_threshold(iou_threshold, "iou_threshold")
    order = np.argsort(-scores, kind="stable")       # best first
    keep = []
    while order.size > 0:
        best, rest = order[0], order[1:]
        keep.append(best)
        overlap = box_iou(boxes[best:best + 1], boxes[rest])[0]
        order = rest[overlap <= iou_threshold]       # drop what the best box covers
    return np.array(keep, dtype=np.int64)
# --8<-- [end:nms]


# --8<-- [start:batched_nms]
def batched_nms(boxes: ArrayLike, scores: ArrayLike, classes: ArrayLike,
                iou_threshold: float) -> np.ndarray:
    """Class-aware NMS: boxes of different classes never suppress each other."""
    boxes = as_boxes(boxes)
    scores = _as_scores(scores, len(boxes))
    _as_threshold(iou_threshold, "iou_threshold")
    classes = np.asarray(classes)
    if classes.size == 0:
        classes = classes.astype(np.int64)
    if classes.shape != (len(boxes),) or classes.dtype.kind not in "iub":
        raise ValueError(f"classes must be {len(boxes)} integers, one per box, got "
                         f"shape {classes.shape} dtype {classes.dtype}")
    keep = [np.flatnonzero(classes == c)[nms(boxes[classes == c], scores[classes == c], iou_threshold)]
            for c in np.unique(classes)]
    keep = np.concatenate(keep) if keep else np.zeros(0, dtype=np.int64)
    return keep[np.lexsort((keep, -scores[keep]))]    # by score, ties by index
# --8<-- [end:batched_nms]


# --8<-- [start:soft_nms]
def soft_nms(boxes: ArrayLike, scores: ArrayLike, sigma: float = 0.5,
             score_threshold: float = 0.001) -> tuple[np.ndarray, np.ndarray]:
    """Gaussian Soft-NMS (Bodla et al., 2017): (kept indices, their decayed scores), best first.

    Instead of removing an overlapping box, multiply its score by exp(-IoU^2 / sigma);
    a box is dropped once its score is below `score_threshold`.
    """
    boxes = as_boxes(boxes)
    current = _as_scores(scores, len(boxes)).copy()
    if not sigma > 0:
        raise ValueError(f"sigma must be positive, got {sigma!r}")
    score_threshold = _as_threshold(score_threshold, "score_threshold")
    remaining = np.flatnonzero(current >= score_threshold)
    keep, kept_scores = [], []
    while remaining.size > 0:
        position = np.argmax(current[remaining])      # first of equal maxima
        best = remaining[position]
        keep.append(best)
        kept_scores.append(current[best])
        remaining = np.delete(remaining, position)
        overlap = box_iou(boxes[best:best + 1], boxes[remaining])[0]
        current[remaining] *= np.exp(-overlap**2 / sigma)
        remaining = remaining[current[remaining] >= score_threshold]
    return np.array(keep, dtype=np.int64), np.array(kept_scores, dtype=np.float64)
# --8<-- [end:soft_nms]


# --8<-- [start:deltas]
def encode_boxes(anchors: ArrayLike, boxes: ArrayLike) -> np.ndarray:
    """Faster R-CNN regression targets (dx, dy, dw, dh) of `boxes` relative to `anchors`."""
    anchors, boxes = as_boxes(anchors, "anchors"), as_boxes(boxes, "boxes")
    if anchors.shape != boxes.shape:
        raise ValueError(f"anchors and boxes must pair up, got {anchors.shape} and {boxes.shape}")
    wa, ha = anchors[:, 2] - anchors[:, 0], anchors[:, 3] - anchors[:, 1]
    w, h = boxes[:, 2] - boxes[:, 0], boxes[:, 3] - boxes[:, 1]
    if (wa <= 0).any() or (ha <= 0).any() or (w <= 0).any() or (h <= 0).any():
        raise ValueError("encode_boxes needs boxes and anchors of positive width and height")
    xa, ya = anchors[:, 0] + wa / 2, anchors[:, 1] + ha / 2
    x, y = boxes[:, 0] + w / 2, boxes[:, 1] + h / 2
    return np.stack([(x - xa) / wa, (y - ya) / ha, np.log(w / wa), np.log(h / ha)], axis=1)


def decode_boxes(anchors: ArrayLike, deltas: ArrayLike) -> np.ndarray:
    """The inverse of `encode_boxes`: boxes (x1, y1, x2, y2) from anchors and deltas."""
    anchors = as_boxes(anchors, "anchors")
    deltas = np.asarray(deltas, dtype=np.float64)
    if deltas.shape != anchors.shape or not np.isfinite(deltas).all():
        raise ValueError(f"deltas must be finite with shape {anchors.shape}, got {deltas.shape}")
    wa, ha = anchors[:, 2] - anchors[:, 0], anchors[:, 3] - anchors[:, 1]
    x = anchors[:, 0] + wa / 2 + deltas[:, 0] * wa
    y = anchors[:, 1] + ha / 2 + deltas[:, 1] * ha
    w, h = wa * np.exp(deltas[:, 2]), ha * np.exp(deltas[:, 3])
    return np.stack([x - w / 2, y - h / 2, x + w / 2, y + h / 2], axis=1)
# --8<-- [end:deltas]
