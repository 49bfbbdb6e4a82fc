"""Boxes, IoU and NMS, cross-checked against shapely (areas) and OpenCV's dnn NMS."""
from __future__ import annotations

import math

import numpy as np
import pytest

from snippets.vision.boxes import (
    as_boxes,
    batched_nms,
    box_iou,
    complete_box_iou,
    decode_boxes,
    distance_box_iou,
    encode_boxes,
    generalized_box_iou,
    nms,
    soft_nms,
)
from tests.vision.references import reference

SEEDS = range(20)


def random_boxes(rng: np.random.Generator, count: int, grid: int = 16, degenerate: int = 0) -> np.ndarray:
    """Boxes with corners on a coarse grid (so ties, touching and identical boxes occur) in units of 1/8.

    Values are multiples of 1/8, so every sum and product below is exact in float64 and in
    OpenCV's x + width.
    """
    x1 = rng.integers(0, grid, count)
    y1 = rng.integers(0, grid, count)
    w = rng.integers(1, grid // 2, count)
    h = rng.integers(1, grid // 2, count)
    boxes = np.stack([x1, y1, x1 + w, y1 + h], axis=1).astype(np.float64) / 8
    for row in rng.choice(count, size=degenerate, replace=False):
        boxes[row, 2] = boxes[row, 0]  # zero width
    return boxes


def random_scores(rng: np.random.Generator, count: int) -> np.ndarray:
    """Scores in (0, 1] that are exact in float32 (OpenCV's type), with deliberate ties."""
    return rng.integers(1, 33, count) / 32


def shapely_iou_and_giou(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    geometry = reference("shapely.geometry")
    pa, pb = geometry.box(*a), geometry.box(*b)
    union = pa.union(pb).area
    iou = pa.intersection(pb).area / union if union > 0 else 0.0
    hull = geometry.box(*pa.union(pb).bounds).area  # the enclosing box, also of two segments
    giou = iou - (hull - union) / hull if hull > 0 else iou
    return iou, giou


# ---------------------------------------------------------------------------------------------
# IoU and GIoU against polygon areas
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("seed", SEEDS)
def test_iou_and_giou_equal_shapely_polygon_areas(seed: int) -> None:
    rng = np.random.default_rng(seed)
    a = random_boxes(rng, 12, degenerate=2)
    b = np.concatenate([random_boxes(rng, 9, degenerate=1), a[:3]])  # identical boxes too
    iou, giou = box_iou(a, b), generalized_box_iou(a, b)
    assert iou.shape == giou.shape == (12, 12)
    for i in range(len(a)):
        for j in range(len(b)):
            expected_iou, expected_giou = shapely_iou_and_giou(a[i], b[j])
            assert iou[i, j] == pytest.approx(expected_iou, rel=1e-12, abs=1e-12)
            assert giou[i, j] == pytest.approx(expected_giou, rel=1e-12, abs=1e-12)


def test_iou_of_real_valued_boxes_equals_shapely() -> None:
    rng = np.random.default_rng(100)
    corners = rng.uniform(0, 100, (50, 2))
    sizes = rng.uniform(0.1, 40, (50, 2))
    boxes = np.concatenate([corners, corners + sizes], axis=1)
    iou, giou = box_iou(boxes, boxes[::-1]), generalized_box_iou(boxes, boxes[::-1])
    for i in range(50):
        for j in range(50):
            expected_iou, expected_giou = shapely_iou_and_giou(boxes[i], boxes[::-1][j])
            assert iou[i, j] == pytest.approx(expected_iou, rel=1e-9, abs=1e-12)
            assert giou[i, j] == pytest.approx(expected_giou, rel=1e-9, abs=1e-12)


def test_iou_special_cases() -> None:
    unit = [[0.0, 0.0, 1.0, 1.0]]
    assert box_iou(unit, unit)[0, 0] == 1.0
    assert box_iou(unit, [[1.0, 0.0, 2.0, 1.0]])[0, 0] == 0.0                # touching edges
    assert box_iou(unit, [[0.0, 0.0, 2.0, 1.0]])[0, 0] == 0.5                # contained half
    assert box_iou(unit, [[0.5, 0.5, 0.5, 2.0]])[0, 0] == 0.0                # zero width
    assert box_iou([[1.0, 1.0, 1.0, 1.0]], [[1.0, 1.0, 1.0, 1.0]])[0, 0] == 0.0  # 0/0 defined as 0
    assert box_iou(np.zeros((0, 4)), unit).shape == (0, 1)
    assert box_iou(unit, []).shape == (1, 0)
    assert generalized_box_iou(unit, [[2.0, 0.0, 3.0, 1.0]])[0, 0] == pytest.approx(0 - 1 / 3)
    assert generalized_box_iou([[0, 0, 1, 1]], [[100, 100, 101, 101]])[0, 0] > -1


def test_iou_properties_on_random_boxes() -> None:
    rng = np.random.default_rng(7)
    a, b = random_boxes(rng, 40), random_boxes(rng, 30)
    iou, giou = box_iou(a, b), generalized_box_iou(a, b)
    np.testing.assert_array_equal(iou, box_iou(b, a).T)
    assert ((0 <= iou) & (iou <= 1)).all() and ((-1 < giou) & (giou <= iou)).all()
    np.testing.assert_allclose(np.diag(box_iou(a, a)), 1.0)
    # invariant under translation and a common scale
    moved = lambda boxes: boxes * 3.0 + np.array([5.0, -2.0, 5.0, -2.0])
    np.testing.assert_allclose(box_iou(moved(a), moved(b)), iou, atol=1e-12)
    np.testing.assert_allclose(generalized_box_iou(moved(a), moved(b)), giou, atol=1e-12)


def test_giou_still_ranks_boxes_that_do_not_overlap() -> None:
    """IoU is 0 (and its gradient too) for any two disjoint boxes; GIoU says how far apart they are."""
    target = [[0.0, 0.0, 1.0, 1.0]]
    near, far = [[1.5, 0.0, 2.5, 1.0]], [[4.0, 0.0, 5.0, 1.0]]
    assert box_iou(target, near)[0, 0] == box_iou(target, far)[0, 0] == 0.0
    assert generalized_box_iou(target, near)[0, 0] > generalized_box_iou(target, far)[0, 0]


def test_diou_and_ciou_by_hand() -> None:
    a, b = [[0.0, 0.0, 2.0, 2.0]], [[1.0, 0.0, 3.0, 4.0]]
    iou = 2 / (4 + 8 - 2)
    rho2, c2 = (2.0 - 1.0) ** 2 + (2.0 - 1.0) ** 2, 3.0**2 + 4.0**2
    v = 4 / math.pi**2 * (math.atan(1.0) - math.atan(0.5)) ** 2
    alpha = v / (1 - iou + v)
    assert distance_box_iou(a, b)[0, 0] == pytest.approx(iou - rho2 / c2, rel=1e-14)
    assert complete_box_iou(a, b)[0, 0] == pytest.approx(iou - rho2 / c2 - alpha * v, rel=1e-14)


def test_diou_and_ciou_reduce_to_iou_when_their_penalties_vanish() -> None:
    rng = np.random.default_rng(3)
    a = random_boxes(rng, 20)
    centred = a.copy()
    centre = (a[:, :2] + a[:, 2:]) / 2
    half = (a[:, 2:] - a[:, :2]) * 0.75  # same centre, same aspect ratio, 1.5x size
    centred = np.concatenate([centre - half, centre + half], axis=1)
    np.testing.assert_allclose(np.diag(distance_box_iou(a, centred)), np.diag(box_iou(a, centred)), atol=1e-12)
    np.testing.assert_allclose(np.diag(complete_box_iou(a, centred)), np.diag(box_iou(a, centred)), atol=1e-12)
    b = random_boxes(rng, 20)
    assert (complete_box_iou(a, b) <= distance_box_iou(a, b) + 1e-12).all()
    assert (distance_box_iou(a, b) <= box_iou(a, b) + 1e-12).all()


# ---------------------------------------------------------------------------------------------
# NMS against OpenCV
# ---------------------------------------------------------------------------------------------

def opencv_nms(boxes: np.ndarray, scores: np.ndarray, iou_threshold: float,
               classes: np.ndarray | None = None) -> np.ndarray:
    """cv2.dnn.NMSBoxes(Batched) on (x, y, w, h) lists of Python floats; every score > 0 passes."""
    cv2 = reference("cv2")
    xywh = [[float(x1), float(y1), float(x2 - x1), float(y2 - y1)] for x1, y1, x2, y2 in boxes]
    if classes is None:
        kept = cv2.dnn.NMSBoxes(xywh, [float(s) for s in scores], 0.0, float(iou_threshold))
    else:
        kept = cv2.dnn.NMSBoxesBatched(xywh, [float(s) for s in scores], [int(c) for c in classes],
                                       0.0, float(iou_threshold))
    return np.asarray(kept, dtype=np.int64).reshape(-1)


@pytest.mark.parametrize("threshold", [0.0, 0.3, 0.5, 0.7, 1.0])
@pytest.mark.parametrize("seed", SEEDS)
def test_nms_equals_opencv(seed: int, threshold: float) -> None:
    rng = np.random.default_rng(seed)
    count = int(rng.integers(1, 60))
    boxes = random_boxes(rng, count, degenerate=min(1, count))  # OpenCV counts two empty boxes as IoU 1
    scores = random_scores(rng, count)
    np.testing.assert_array_equal(nms(boxes, scores, threshold), opencv_nms(boxes, scores, threshold))


@pytest.mark.parametrize("threshold", [0.0, 0.5, 1.0])
@pytest.mark.parametrize("seed", SEEDS)
def test_batched_nms_equals_opencv(seed: int, threshold: float) -> None:
    rng = np.random.default_rng(1000 + seed)
    count = int(rng.integers(1, 60))
    boxes, scores = random_boxes(rng, count), random_scores(rng, count)
    classes = rng.integers(0, 4, count)
    expected = opencv_nms(boxes, scores, threshold, classes)
    np.testing.assert_array_equal(batched_nms(boxes, scores, classes, threshold), expected)


def test_nms_edge_cases_equal_opencv() -> None:
    half = [[0.0, 0.0, 10.0, 10.0], [0.0, 0.0, 10.0, 5.0]]                # IoU exactly 0.5
    for threshold in (0.5, 0.4999):
        np.testing.assert_array_equal(nms(half, [0.9, 0.8], threshold), opencv_nms(np.array(half), [0.9, 0.8], threshold))
    assert nms(half, [0.9, 0.8], 0.5).tolist() == [0, 1]                 # suppressed only when IoU > threshold
    assert nms(half, [0.9, 0.8], 0.4999).tolist() == [0]
    tied = np.array([[0.0, 0.0, 1.0, 1.0]] * 3)
    assert nms(tied, [0.5, 0.7, 0.7], 0.5).tolist() == opencv_nms(tied, [0.5, 0.7, 0.7], 0.5).tolist() == [1]
    touching = np.array([[0.0, 0.0, 1.0, 1.0], [1.0, 0.0, 2.0, 1.0]])
    assert nms(touching, [0.9, 0.8], 0.0).tolist() == opencv_nms(touching, [0.9, 0.8], 0.0).tolist() == [0, 1]
    assert nms(np.zeros((0, 4)), [], 0.5).tolist() == opencv_nms(np.zeros((0, 4)), [], 0.5).tolist() == []
    assert batched_nms(np.zeros((0, 4)), [], [], 0.5).tolist() == []


def test_two_empty_boxes_are_where_opencv_differs() -> None:
    """OpenCV's jaccardDistance calls two zero-area boxes identical (IoU 1); box_iou defines 0/0 as 0."""
    points = np.array([[1.0, 1.0, 1.0, 1.0], [1.0, 1.0, 1.0, 1.0]])
    assert nms(points, [0.9, 0.8], 0.5).tolist() == [0, 1]
    assert opencv_nms(points, [0.9, 0.8], 0.5).tolist() == [0]


@pytest.mark.parametrize("seed", SEEDS)
def test_nms_properties(seed: int) -> None:
    rng = np.random.default_rng(2000 + seed)
    count = int(rng.integers(2, 80))
    boxes, scores = random_boxes(rng, count), rng.uniform(size=count)
    threshold = float(rng.uniform(0.1, 0.9))
    keep = nms(boxes, scores, threshold)
    iou = box_iou(boxes, boxes)
    assert (np.diff(scores[keep]) <= 0).all()
    kept_pairs = iou[np.ix_(keep, keep)]
    assert (kept_pairs[~np.eye(len(keep), dtype=bool)] <= threshold).all()
    for dropped in sorted(set(range(count)) - set(keep.tolist())):
        assert (iou[dropped, keep][scores[keep] >= scores[dropped]] > threshold).any()
    permutation = rng.permutation(count)
    np.testing.assert_array_equal(permutation[nms(boxes[permutation], scores[permutation], threshold)], keep)
    assert sorted(nms(boxes, scores, 1.0).tolist()) == list(range(count))
    # class-aware NMS = plain NMS after moving each class far away from the others
    classes = rng.integers(0, 3, count)
    offset = (classes * (boxes.max() + 1.0))[:, None]
    np.testing.assert_array_equal(batched_nms(boxes, scores, classes, threshold), nms(boxes + offset, scores, threshold))


# ---------------------------------------------------------------------------------------------
# Soft-NMS against OpenCV (integer boxes, float32 scores there)
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("seed", SEEDS)
def test_soft_nms_equals_opencv(seed: int) -> None:
    cv2 = reference("cv2")
    rng = np.random.default_rng(3000 + seed)
    count = int(rng.integers(1, 40))
    corners = rng.integers(0, 60, (count, 2))
    sizes = rng.integers(1, 30, (count, 2))
    boxes = np.concatenate([corners, corners + sizes], axis=1).astype(np.float64)
    scores = rng.uniform(0.05, 1.0, count).astype(np.float32).astype(np.float64)
    sigma, threshold = 0.5, 0.05
    keep, kept_scores = soft_nms(boxes, scores, sigma=sigma, score_threshold=threshold)
    gaps = np.abs(np.diff(np.sort(kept_scores)))
    if (gaps < 1e-5).any() or (np.abs(kept_scores - threshold) < 1e-5).any():
        pytest.skip("near-tie: float32 in OpenCV may order it differently")  # seldom; counted below
    xywh = [[int(x1), int(y1), int(x2 - x1), int(y2 - y1)] for x1, y1, x2, y2 in boxes]
    expected_scores, expected = cv2.dnn.softNMSBoxes(xywh, [float(s) for s in scores], threshold, 0.3, 0, sigma)
    np.testing.assert_array_equal(keep, np.asarray(expected, dtype=np.int64).reshape(-1))
    np.testing.assert_allclose(kept_scores, np.asarray(expected_scores, dtype=np.float64).reshape(-1), rtol=1e-5)


def test_soft_nms_seeds_are_mostly_compared() -> None:
    skipped = 0
    for seed in SEEDS:
        rng = np.random.default_rng(3000 + seed)
        count = int(rng.integers(1, 40))
        corners, sizes = rng.integers(0, 60, (count, 2)), rng.integers(1, 30, (count, 2))
        boxes = np.concatenate([corners, corners + sizes], axis=1).astype(np.float64)
        scores = rng.uniform(0.05, 1.0, count).astype(np.float32).astype(np.float64)
        _, kept_scores = soft_nms(boxes, scores, sigma=0.5, score_threshold=0.05)
        skipped += (np.abs(np.diff(np.sort(kept_scores))) < 1e-5).any() or (np.abs(kept_scores - 0.05) < 1e-5).any()
    assert skipped <= 3


def test_soft_nms_by_hand() -> None:
    boxes = [[0.0, 0.0, 10.0, 10.0], [0.0, 0.0, 10.0, 5.0], [20.0, 20.0, 30.0, 30.0]]
    keep, kept_scores = soft_nms(boxes, [0.9, 0.8, 0.3], sigma=0.5)
    decayed = 0.8 * math.exp(-(0.5**2) / 0.5)
    assert keep.tolist() == [0, 1, 2] and kept_scores == pytest.approx([0.9, decayed, 0.3], rel=1e-14)
    assert soft_nms(boxes, [0.9, 0.8, 0.3], score_threshold=0.5)[0].tolist() == [0]
    keep, kept_scores = soft_nms(np.zeros((0, 4)), [])
    assert keep.shape == kept_scores.shape == (0,)
    # a large sigma barely decays: every box survives, like NMS with threshold 1
    assert sorted(soft_nms(boxes, [0.9, 0.8, 0.3], sigma=1e9)[0].tolist()) == [0, 1, 2]


# ---------------------------------------------------------------------------------------------
# Faster R-CNN deltas
# ---------------------------------------------------------------------------------------------

def test_deltas_round_trip_and_by_hand() -> None:
    rng = np.random.default_rng(5)
    anchors, boxes = random_boxes(rng, 50) * 10, random_boxes(rng, 50) * 10
    np.testing.assert_allclose(decode_boxes(anchors, encode_boxes(anchors, boxes)), boxes, atol=1e-12)
    deltas = encode_boxes([[0.0, 0.0, 10.0, 20.0]], [[5.0, 0.0, 25.0, 20.0]])
    np.testing.assert_allclose(deltas, [[1.0, 0.0, math.log(2.0), 0.0]], atol=1e-15)
    np.testing.assert_allclose(encode_boxes(anchors, anchors), 0.0, atol=1e-15)


# ---------------------------------------------------------------------------------------------
# Bad input
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("call", "message"), [
    (lambda: box_iou([[0, 0, 1]], [[0, 0, 1, 1]]), r"shape \(N, 4\)"),
    (lambda: box_iou([0, 0, 1, 1], [[0, 0, 1, 1]]), r"shape \(N, 4\)"),
    (lambda: box_iou([[0, 0, math.nan, 1]], [[0, 0, 1, 1]]), "finite"),
    (lambda: box_iou([[2, 0, 1, 1]], [[0, 0, 1, 1]]), r"a\[0\].*x2 < x1"),
    (lambda: generalized_box_iou([[0, 0, 1, 1]], [[0, 3, 1, 1]]), r"b\[0\].*y2 < y1"),
    (lambda: nms([[0, 0, 1, 1]], [0.5, 0.4], 0.5), r"scores must have shape \(1,\)"),
    (lambda: nms([[0, 0, 1, 1]], [math.nan], 0.5), "scores must be finite"),
    (lambda: nms([[0, 0, 1, 1]], [0.5], 1.5), r"iou_threshold must be in \[0, 1\]"),
    (lambda: nms([[0, 0, 1, 1]], [0.5], math.nan), r"iou_threshold must be in \[0, 1\]"),
    (lambda: batched_nms([[0, 0, 1, 1]], [0.5], [0.5], 0.5), "classes must be 1 integers"),
    (lambda: batched_nms([[0, 0, 1, 1]], [0.5], [0, 1], 0.5), "classes must be 1 integers"),
    (lambda: batched_nms(np.zeros((0, 4)), [], [], -0.1), "iou_threshold"),
    (lambda: soft_nms([[0, 0, 1, 1]], [0.5], sigma=0.0), "sigma must be positive"),
    (lambda: soft_nms([[0, 0, 1, 1]], [0.5], score_threshold=-1), "score_threshold"),
    (lambda: complete_box_iou([[0, 0, 1, 0]], [[0, 0, 1, 1]]), "positive height"),
    (lambda: encode_boxes([[0, 0, 1, 1]], [[0, 0, 0, 1]]), "positive width"),
    (lambda: decode_boxes([[0, 0, 1, 1]], [[0, 0, 0]]), "deltas must be finite"),
])
def test_bad_input_gets_a_clear_value_error(call, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()


def test_as_boxes_accepts_an_empty_list() -> None:
    assert as_boxes([]).shape == (0, 4)


def slope(function, box: np.ndarray, target: np.ndarray, step: float = 1e-4) -> float:
    """Central difference of function(box, target) when the box moves right by `step`."""
    shift = np.array([step, 0.0, step, 0.0])
    return float((function([box + shift], [target])[0, 0] - function([box - shift], [target])[0, 0]) / (2 * step))


def test_which_losses_have_a_gradient_where() -> None:
    """The page's claims: 1 - IoU is flat for disjoint boxes, GIoU is not; GIoU is flat inside a box, DIoU is not."""
    target = np.array([10.0, 0.0, 14.0, 4.0])
    disjoint = np.array([0.0, 0.0, 4.0, 4.0])
    assert slope(box_iou, disjoint, target) == 0.0
    assert slope(generalized_box_iou, disjoint, target) > 0      # moving towards the target helps
    inside = np.array([11.0, 1.0, 12.0, 2.0])                    # off-centre inside the target
    assert slope(generalized_box_iou, inside, target) == pytest.approx(0.0, abs=1e-9)
    assert slope(box_iou, inside, target) == pytest.approx(0.0, abs=1e-9)
    assert slope(distance_box_iou, inside, target) > 0           # pulled towards the centre
