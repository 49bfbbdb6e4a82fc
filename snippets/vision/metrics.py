"""Precision, recall and average precision: the whiteboard version and COCO's bbox mAP.

`coco_map` follows pycocotools' COCOeval for boxes, area range "all", at most 100
detections per image and category, 101 recall points. It does not model crowd regions
(`iscrowd`), ignored annotations or the small/medium/large area ranges, and rejects
input that uses them rather than returning a number that would differ.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any, Literal, NamedTuple

import numpy as np
from numpy.typing import ArrayLike

# COCOeval's own expressions, so the thresholds are the same floats
IOU_THRESHOLDS = np.linspace(0.5, 0.95, int(np.round((0.95 - 0.5) / 0.05)) + 1, endpoint=True)
RECALL_THRESHOLDS = np.linspace(0.0, 1.00, int(np.round((1.00 - 0.0) / 0.01)) + 1, endpoint=True)
MAX_DETECTIONS = 100
AREA_ALL = (0.0, 1e5**2)


# --8<-- [start:average_precision]
def average_precision(recall: ArrayLike, precision: ArrayLike,
                      method: Literal["all_points", "voc11", "coco101"] = "all_points") -> float:
    """Area under a precision-recall curve, after making precision non-increasing in recall.

    `recall` and `precision` are the cumulative values after each detection, best score first.
    """
    recall, precision = _check_curve(recall, precision)
    # the envelope: precision at recall r becomes the best precision at any recall >= r
    envelope = np.maximum.accumulate(precision[::-1])[::-1]
    if method == "all_points":          # VOC 2010 and later: exact area under the envelope
        steps = np.diff(recall, prepend=0.0)
        return float(np.sum(steps * envelope))
    if method == "voc11":               # VOC 2007: mean of the envelope at r = 0, 0.1, ..., 1
        points = np.arange(11) / 10     # exact tenths: arange(0, 1.1, 0.1)[6] is 0.6000000000000001
    elif method == "coco101":           # COCO: r = 0, 0.01, ..., 1
        points = RECALL_THRESHOLDS
    else:
        raise ValueError(f"method must be 'all_points', 'voc11' or 'coco101', got {method!r}")
    first = np.searchsorted(recall, points, side="left")  # first detection reaching each r
    sampled = np.zeros(len(points))
    reached = first < len(recall)
    sampled[reached] = envelope[first[reached]]
    return float(np.mean(sampled))
# --8<-- [end:average_precision]


def _check_curve(recall: ArrayLike, precision: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    recall = np.asarray(recall, dtype=np.float64)
    precision = np.asarray(precision, dtype=np.float64)
    if recall.ndim != 1 or recall.shape != precision.shape:
        raise ValueError(f"recall and precision must be 1-D of equal length, got {recall.shape} and {precision.shape}")
    if not (np.isfinite(recall).all() and np.isfinite(precision).all()):
        raise ValueError("recall and precision must be finite, got NaN or infinity")
    if ((recall < 0) | (recall > 1) | (precision < 0) | (precision > 1)).any():
        raise ValueError("recall and precision must lie in [0, 1]")
    if (np.diff(recall) < 0).any():
        raise ValueError("recall must be non-decreasing (detections sorted by decreasing score)")
    return recall, precision


# --8<-- [start:precision_recall]
def precision_recall(is_true_positive: ArrayLike, num_ground_truth: int) -> tuple[np.ndarray, np.ndarray]:
    """Cumulative recall and precision after each detection (detections sorted best first)."""
    hits = np.asarray(is_true_positive, dtype=bool)
    if hits.ndim != 1:
        raise ValueError(f"is_true_positive must be 1-D, got shape {hits.shape}")
    if num_ground_truth < 1 or hits.sum() > num_ground_truth:
        raise ValueError(f"num_ground_truth must be >= 1 and >= the {hits.sum()} true positives, "
                         f"got {num_ground_truth}")
    tp = np.cumsum(hits)
    fp = np.cumsum(~hits)
    return tp / num_ground_truth, tp / (tp + fp)
# --8<-- [end:precision_recall]


class CocoAP(NamedTuple):
    """COCOeval's stats[0:3]: AP over IoU 0.50:0.05:0.95, AP at IoU 0.5, AP at IoU 0.75."""
    ap: float
    ap50: float
    ap75: float


def _xywh(value: object, where: str) -> np.ndarray:
    box = np.asarray(value, dtype=np.float64) if isinstance(value, (list, tuple, np.ndarray)) else None
    if box is None or box.shape != (4,) or not np.isfinite(box).all():
        raise ValueError(f"{where}: bbox must be 4 finite numbers [x, y, width, height], got {value!r}")
    if box[2] < 0 or box[3] < 0:
        raise ValueError(f"{where}: bbox width and height must be >= 0, got {value!r}")
    if box[2] * box[3] > AREA_ALL[1]:
        raise ValueError(f"{where}: box area above COCO's 'all' range (1e10) is not modelled")
    return box


def coco_iou(detections: np.ndarray, ground_truth: np.ndarray) -> np.ndarray:
    """IoU of (D, 4) with (G, 4) boxes in COCO's (x, y, w, h), computed as pycocotools' bbIou."""
    d, g = detections[:, None, :], ground_truth[None, :, :]
    w = np.minimum(d[..., 2] + d[..., 0], g[..., 2] + g[..., 0]) - np.maximum(d[..., 0], g[..., 0])
    h = np.minimum(d[..., 3] + d[..., 1], g[..., 3] + g[..., 1]) - np.maximum(d[..., 1], g[..., 1])
    inter = np.where((w > 0) & (h > 0), w * h, 0.0)
    union = d[..., 2] * d[..., 3] + g[..., 2] * g[..., 3] - inter
    return np.divide(inter, union, out=np.zeros_like(inter), where=inter > 0)


def match(ious: np.ndarray, threshold: float) -> np.ndarray:
    """Greedy matching, best-scored detection first (rows of `ious` in score order): True where a row matches.

    Each detection takes the unmatched ground truth of highest IoU >= threshold; of equal IoUs
    the later one, as COCOeval does.
    """
    num_detections, num_ground_truth = ious.shape
    taken = np.zeros(num_ground_truth, dtype=bool)
    hits = np.zeros(num_detections, dtype=bool)
    for row in range(num_detections):
        best, best_iou = -1, min(threshold, 1 - 1e-10)
        for column in range(num_ground_truth):
            if taken[column] or ious[row, column] < best_iou:
                continue
            best, best_iou = column, ious[row, column]
        if best >= 0:
            taken[best] = hits[row] = True
    return hits


def _check_ground_truth(ground_truth: Mapping[str, Any]) -> tuple[list[int], list[int], list[Mapping[str, Any]]]:
    for key in ("images", "annotations", "categories"):
        if key not in ground_truth:
            raise ValueError(f"ground_truth must be a COCO dict with '{key}'")
    image_ids = sorted(image["id"] for image in ground_truth["images"])
    category_ids = sorted(category["id"] for category in ground_truth["categories"])
    if len(set(image_ids)) != len(image_ids) or len(set(category_ids)) != len(category_ids):
        raise ValueError("image and category ids must be unique")
    annotation_ids = [annotation.get("id") for annotation in ground_truth["annotations"]]
    if any(not isinstance(i, int) or i < 1 for i in annotation_ids) or len(set(annotation_ids)) != len(annotation_ids):
        raise ValueError("annotation ids must be unique positive integers (COCOeval reads id 0 as 'no match')")
    for annotation in ground_truth["annotations"]:
        where = f"annotation {annotation['id']}"
        if annotation.get("iscrowd", 0) or annotation.get("ignore", 0):
            raise ValueError(f"{where}: iscrowd/ignore regions are not modelled by coco_map")
        area = annotation.get("area", None)
        if area is not None and not AREA_ALL[0] <= area <= AREA_ALL[1]:
            raise ValueError(f"{where}: area {area} outside COCO's 'all' range [0, 1e10] is not modelled")
    return image_ids, category_ids, ground_truth["annotations"]


Parsed = tuple[list[int], list[int], dict, dict]


def _parse(ground_truth: Mapping[str, Any], detections: Sequence[Mapping[str, Any]]) -> Parsed:
    """Image ids, category ids, and the ground-truth boxes and (score, box) detections per (image, category)."""
    image_ids, category_ids, annotations = _check_ground_truth(ground_truth)
    known_images, known_categories = set(image_ids), set(category_ids)
    boxes: dict[tuple[int, int], list[np.ndarray]] = defaultdict(list)
    for annotation in annotations:
        key = (annotation["image_id"], annotation["category_id"])
        if key[0] not in known_images or key[1] not in known_categories:
            raise ValueError(f"annotation {annotation['id']} names an unknown image or category")
        boxes[key].append(_xywh(annotation["bbox"], f"annotation {annotation['id']}"))
    found: dict[tuple[int, int], list[tuple[float, np.ndarray]]] = defaultdict(list)
    for number, detection in enumerate(detections):
        key = (detection.get("image_id"), detection.get("category_id"))
        if key[0] not in known_images or key[1] not in known_categories:
            raise ValueError(f"detection {number} names image {key[0]!r} / category {key[1]!r}, "
                             "not in ground_truth")
        score = detection.get("score")
        if isinstance(score, bool) or not isinstance(score, (int, float)) or not math.isfinite(score):
            raise ValueError(f"detection {number}: score must be a finite number, got {score!r}")
        found[key].append((float(score), _xywh(detection.get("bbox"), f"detection {number}")))
    return image_ids, category_ids, boxes, found


def _category_matches(parsed: Parsed, category: int, thresholds: np.ndarray) -> tuple[np.ndarray, int]:
    """(T, D) true-positive flags of one category's detections over all images, best score first,
    and the number of ground-truth boxes; at most MAX_DETECTIONS per image, ties kept in input order."""
    image_ids, _, boxes, found = parsed
    scores, hits, num_ground_truth = [], [], 0
    for image in image_ids:
        truth = boxes.get((image, category), [])
        dets = found.get((image, category), [])
        order = np.argsort([-s for s, _ in dets], kind="mergesort")[:MAX_DETECTIONS]
        num_ground_truth += len(truth)
        if not dets:
            continue
        scores.append(np.array([dets[i][0] for i in order]))
        if truth:
            ious = coco_iou(np.array([dets[i][1] for i in order]), np.array(truth))
            hits.append(np.array([match(ious, t) for t in thresholds]))
        else:
            hits.append(np.zeros((len(thresholds), len(order)), dtype=bool))
    if not scores:
        return np.zeros((len(thresholds), 0), dtype=bool), num_ground_truth
    order = np.argsort(-np.concatenate(scores), kind="mergesort")
    return np.concatenate(hits, axis=1)[:, order], num_ground_truth


def pr_curve(ground_truth: Mapping[str, Any], detections: Sequence[Mapping[str, Any]], category_id: int,
             iou_threshold: float = 0.5) -> tuple[np.ndarray, np.ndarray]:
    """Recall and precision after each detection of one category, matched as COCOeval matches."""
    parsed = _parse(ground_truth, detections)
    if category_id not in parsed[1]:
        raise ValueError(f"category {category_id!r} is not in ground_truth")
    if not 0.0 <= iou_threshold <= 1.0:
        raise ValueError(f"iou_threshold must be in [0, 1], got {iou_threshold!r}")
    matched, num_ground_truth = _category_matches(parsed, category_id, np.array([iou_threshold]))
    if num_ground_truth == 0:
        raise ValueError(f"category {category_id} has no ground-truth boxes: recall is undefined")
    return precision_recall(matched[0], num_ground_truth)


def coco_map(ground_truth: Mapping[str, Any], detections: Sequence[Mapping[str, Any]]) -> CocoAP:
    """AP@[.5:.95], AP50 and AP75 of bbox detections, as pycocotools' COCOeval stats[0:3].

    `ground_truth` is COCO's dict (images, annotations, categories); `detections` a list of
    {"image_id", "category_id", "bbox": [x, y, w, h], "score"}.
    """
    parsed = _parse(ground_truth, detections)
    category_ids = parsed[1]
    precision = -np.ones((len(IOU_THRESHOLDS), len(RECALL_THRESHOLDS), len(category_ids)))
    for k, category in enumerate(category_ids):
        matched, num_ground_truth = _category_matches(parsed, category, IOU_THRESHOLDS)
        if num_ground_truth == 0:
            continue                      # COCOeval leaves -1: the category is left out of the mean
        precision[:, :, k] = 0.0
        for t in range(len(IOU_THRESHOLDS)):
            if matched.shape[1] == 0:
                continue
            tp = np.cumsum(matched[t]).astype(float)
            fp = np.cumsum(~matched[t]).astype(float)
            recall = tp / num_ground_truth
            envelope = np.maximum.accumulate((tp / (fp + tp + np.spacing(1)))[::-1])[::-1]
            first = np.searchsorted(recall, RECALL_THRESHOLDS, side="left")
            reached = first < len(recall)
            precision[t, reached, k] = envelope[first[reached]]
    if (precision == -1).all():
        raise ValueError("ground_truth has no boxes: AP is undefined")

    def mean(values: np.ndarray) -> float:
        return float(np.mean(values[values > -1]))

    fifty, seventy_five = (np.flatnonzero(IOU_THRESHOLDS == value)[0] for value in (0.5, 0.75))
    return CocoAP(mean(precision), mean(precision[[fifty]]), mean(precision[[seventy_five]]))


def nms_per_image(detections: Sequence[Mapping[str, Any]], iou_threshold: float) -> list[Mapping[str, Any]]:
    """COCO-style detections after class-aware NMS within each image (kept in decreasing score order)."""
    from snippets.vision.boxes import batched_nms

    by_image: dict[Any, list[Mapping[str, Any]]] = defaultdict(list)
    for detection in detections:
        by_image[detection["image_id"]].append(detection)
    kept: list[Mapping[str, Any]] = []
    for image_detections in by_image.values():
        xywh = np.array([d["bbox"] for d in image_detections], dtype=np.float64).reshape(-1, 4)
        xyxy = np.concatenate([xywh[:, :2], xywh[:, :2] + xywh[:, 2:]], axis=1)
        keep = batched_nms(xyxy, [d["score"] for d in image_detections],
                           np.array([d["category_id"] for d in image_detections]), iou_threshold)
        kept.extend(image_detections[i] for i in keep)
    return kept
