"""AP and COCO mAP, cross-checked against pycocotools' COCOeval on seeded synthetic data."""
from __future__ import annotations

import contextlib
import copy
import io

import numpy as np
import pytest

from snippets.vision.metrics import (
    IOU_THRESHOLDS,
    RECALL_THRESHOLDS,
    average_precision,
    coco_iou,
    coco_map,
    match,
    precision_recall,
)
from snippets.vision.synthetic import synthetic_coco
from tests.vision.references import reference


def cocoeval_stats(ground_truth: dict, detections: list) -> tuple[float, float, float]:
    """pycocotools' COCOeval bbox stats[0:3] (prints silenced)."""
    coco = reference("pycocotools.coco")
    cocoeval = reference("pycocotools.cocoeval")
    with contextlib.redirect_stdout(io.StringIO()):
        truth = coco.COCO()
        truth.dataset = copy.deepcopy(ground_truth)
        truth.createIndex()
        evaluation = cocoeval.COCOeval(truth, truth.loadRes(copy.deepcopy(detections)), "bbox")
        evaluation.evaluate()
        evaluation.accumulate()
        evaluation.summarize()
    return tuple(float(value) for value in evaluation.stats[:3])


def test_thresholds_are_cocoeval_s() -> None:
    params = reference("pycocotools.cocoeval").Params(iouType="bbox")
    np.testing.assert_array_equal(IOU_THRESHOLDS, params.iouThrs)
    np.testing.assert_array_equal(RECALL_THRESHOLDS, params.recThrs)
    assert params.maxDets[-1] == 100 and params.areaRng[0] == [0, 1e5**2]
    assert params.areaRng[1:] == [[0, 32**2], [32**2, 96**2], [96**2, 1e5**2]]  # small, medium, large


@pytest.mark.parametrize("seed", range(10))
def test_coco_map_equals_cocoeval(seed: int) -> None:
    ground_truth, detections = synthetic_coco(seed, num_images=10 + 3 * seed, num_categories=1 + seed % 4)
    assert tuple(coco_map(ground_truth, detections)) == cocoeval_stats(ground_truth, detections)


def test_coco_map_equals_cocoeval_beyond_100_detections_and_with_ties() -> None:
    """One image with 150 detections (COCO keeps the best 100), many equal scores, a class with no ground truth."""
    ground_truth, detections = synthetic_coco(11, num_images=4, num_categories=3, max_objects=30)
    rng = np.random.default_rng(0)
    for _ in range(150):
        x, y = rng.uniform(0, 500, 2)
        detections.append({"image_id": 1, "category_id": 1, "bbox": [float(x), float(y), 40.0, 30.0],
                           "score": float(rng.choice([0.2, 0.5, 0.9]))})
    ground_truth["categories"].append({"id": 9, "name": "never annotated"})
    detections.append({"image_id": 2, "category_id": 9, "bbox": [0.0, 0.0, 5.0, 5.0], "score": 0.99})
    ground_truth["images"].append({"id": 77})  # an image with nothing on it
    assert tuple(coco_map(ground_truth, detections)) == cocoeval_stats(ground_truth, detections)


def test_coco_map_equals_cocoeval_on_matching_ties() -> None:
    """Two identical ground-truth boxes and detections exactly at IoU thresholds."""
    truth = {"images": [{"id": 1}], "categories": [{"id": 1}],
             "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [0, 0, 10, 10], "area": 100, "iscrowd": 0},
                             {"id": 2, "image_id": 1, "category_id": 1, "bbox": [0, 0, 10, 10], "area": 100, "iscrowd": 0},
                             {"id": 3, "image_id": 1, "category_id": 1, "bbox": [50, 50, 20, 10], "area": 200, "iscrowd": 0}]}
    detections = [{"image_id": 1, "category_id": 1, "bbox": [0, 0, 10, 10], "score": 0.9},
                  {"image_id": 1, "category_id": 1, "bbox": [0, 0, 10, 5], "score": 0.8},    # IoU 0.5
                  {"image_id": 1, "category_id": 1, "bbox": [50, 50, 15, 10], "score": 0.8},  # IoU 0.75
                  {"image_id": 1, "category_id": 1, "bbox": [0, 0, 10, 10], "score": 0.1}]
    assert tuple(coco_map(truth, detections)) == cocoeval_stats(truth, detections)


def test_coco_map_without_detections_is_zero() -> None:
    """pycocotools' loadRes cannot read an empty list; every category with ground truth then has AP 0."""
    ground_truth, _ = synthetic_coco(0)
    assert tuple(coco_map(ground_truth, [])) == (0.0, 0.0, 0.0)


def test_perfect_detections_give_ap_one() -> None:
    ground_truth, _ = synthetic_coco(3)
    perfect = [{"image_id": a["image_id"], "category_id": a["category_id"], "bbox": a["bbox"], "score": 1.0}
               for a in ground_truth["annotations"]]
    assert tuple(coco_map(ground_truth, perfect)) == pytest.approx((1.0, 1.0, 1.0), abs=1e-12)
    assert cocoeval_stats(ground_truth, perfect) == tuple(coco_map(ground_truth, perfect))


def test_coco_iou_equals_box_iou() -> None:
    from snippets.vision.boxes import box_iou

    rng = np.random.default_rng(1)
    a, b = rng.uniform(0, 50, (20, 4)), rng.uniform(0, 50, (15, 4))
    xyxy = lambda boxes: np.concatenate([boxes[:, :2], boxes[:, :2] + boxes[:, 2:]], axis=1)
    np.testing.assert_allclose(coco_iou(a, b), box_iou(xyxy(a), xyxy(b)), rtol=1e-12, atol=1e-15)


def test_coco_iou_equals_pycocotools_mask_iou() -> None:
    mask = reference("pycocotools.mask")
    rng = np.random.default_rng(2)
    a, b = rng.uniform(0, 50, (20, 4)), rng.uniform(0, 50, (15, 4))
    np.testing.assert_array_equal(coco_iou(a, b), mask.iou(a, b, [0] * len(b)))


def test_match_takes_the_best_unmatched_ground_truth() -> None:
    ious = np.array([[0.6, 0.8], [0.7, 0.9], [0.55, 0.0]])
    assert match(ious, 0.5).tolist() == [True, True, False]  # row 0 takes 0.8, row 1 the 0.7 left
    assert match(ious, 0.75).tolist() == [True, False, False]


# ---------------------------------------------------------------------------------------------
# The whiteboard AP
# ---------------------------------------------------------------------------------------------

def test_average_precision_by_hand() -> None:
    # 5 ground truths; detections best first: TP, TP, FP, TP, FP
    recall, precision = precision_recall([1, 1, 0, 1, 0], 5)
    np.testing.assert_allclose(recall, [0.2, 0.4, 0.4, 0.6, 0.6])
    np.testing.assert_allclose(precision, [1, 1, 2 / 3, 3 / 4, 3 / 5])
    assert average_precision(recall, precision) == pytest.approx(0.4 * 1 + 0.2 * 0.75)
    # 11-point: r = 0..0.4 -> 1, r = 0.5, 0.6 -> 0.75, r = 0.7..1 -> 0
    assert average_precision(recall, precision, "voc11") == pytest.approx((5 * 1 + 2 * 0.75) / 11)
    assert average_precision([0.0], [0.0]) == 0.0


def test_eleven_points_from_arange_miss_a_recall_of_exactly_0_6() -> None:
    """np.arange(0, 1.1, 0.1), as many VOC ports write it, holds 0.6000000000000001 > 3/5."""
    recall, precision = precision_recall([1, 1, 0, 1, 0], 5)
    points = np.arange(0.0, 1.1, 0.1)
    assert points[6] > recall[-1] == 0.6
    envelope = np.maximum.accumulate(precision[::-1])[::-1]
    ported = np.mean([envelope[recall >= t].max() if (recall >= t).any() else 0.0 for t in points])
    assert ported == pytest.approx((5 * 1 + 1 * 0.75) / 11)
    assert average_precision(recall, precision, "voc11") == pytest.approx((5 * 1 + 2 * 0.75) / 11)


@pytest.mark.parametrize("seed", range(10))
def test_all_point_ap_is_the_area_under_the_envelope(seed: int) -> None:
    """Independent: integrate the step envelope p(r) = max precision at recall >= r on a fine grid."""
    rng = np.random.default_rng(seed)
    hits = rng.uniform(size=60) < np.linspace(0.9, 0.2, 60)
    num_ground_truth = int(hits.sum()) + int(rng.integers(0, 10))
    recall, precision = precision_recall(hits, num_ground_truth)
    grid = (np.arange(200_000) + 0.5) / 200_000
    envelope = np.array([precision[recall >= r].max() if (recall >= r).any() else 0.0 for r in grid[::100]])
    area = np.repeat(envelope, 100).mean()
    assert average_precision(recall, precision) == pytest.approx(area, abs=1e-3)
    assert average_precision(recall, precision, "coco101") == pytest.approx(area, abs=0.02)


@pytest.mark.parametrize("seed", range(5))
def test_coco101_ap_equals_cocoeval_for_one_class_at_iou_half(seed: int) -> None:
    """Precision-recall from the same matches, 101-point AP = COCOeval's AP50 with one category."""
    ground_truth, detections = synthetic_coco(seed, num_images=1, num_categories=1, max_objects=40)
    scored = sorted(detections, key=lambda d: -d["score"])
    ious = coco_iou(np.array([d["bbox"] for d in scored], dtype=float),
                    np.array([a["bbox"] for a in ground_truth["annotations"]], dtype=float))
    recall, precision = precision_recall(match(ious, 0.5), len(ground_truth["annotations"]))
    assert average_precision(recall, precision, "coco101") == pytest.approx(
        cocoeval_stats(ground_truth, detections)[1], abs=1e-12)


# ---------------------------------------------------------------------------------------------
# Bad input
# ---------------------------------------------------------------------------------------------

GOOD = {"images": [{"id": 1}], "categories": [{"id": 1}],
        "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [0, 0, 10, 10], "area": 100}]}


def with_annotation(**changes) -> dict:
    truth = copy.deepcopy(GOOD)
    truth["annotations"][0].update(changes)
    return truth


DET = {"image_id": 1, "category_id": 1, "bbox": [0, 0, 10, 10], "score": 0.5}


@pytest.mark.parametrize(("call", "message"), [
    (lambda: coco_map({"images": []}, []), "'annotations'"),
    (lambda: coco_map(with_annotation(iscrowd=1), []), "iscrowd/ignore regions are not modelled"),
    (lambda: coco_map(with_annotation(id=0), []), "annotation ids must be unique positive"),
    (lambda: coco_map(with_annotation(area=2e10), []), "outside COCO's 'all' range"),
    (lambda: coco_map(with_annotation(bbox=[0, 0, -1, 5]), []), "width and height must be >= 0"),
    (lambda: coco_map(with_annotation(bbox=[0, 0, 5]), []), r"bbox must be 4 finite numbers"),
    (lambda: coco_map(with_annotation(image_id=5), []), "unknown image or category"),
    (lambda: coco_map(GOOD, [{**DET, "image_id": 2}]), "not in ground_truth"),
    (lambda: coco_map(GOOD, [{**DET, "score": float("nan")}]), "score must be a finite number"),
    (lambda: coco_map(GOOD, [{**DET, "bbox": [0, 0, float("nan"), 1]}]), "bbox must be 4 finite"),
    (lambda: coco_map({**GOOD, "annotations": []}, [DET]), "no boxes: AP is undefined"),
    (lambda: average_precision([0.5, 0.2], [1.0, 1.0]), "non-decreasing"),
    (lambda: average_precision([0.5], [1.2]), r"\[0, 1\]"),
    (lambda: average_precision([0.5], [1.0, 1.0]), "equal length"),
    (lambda: average_precision([float("nan")], [1.0]), "finite"),
    (lambda: average_precision([0.5], [1.0], "voc12"), "method must be"),
    (lambda: precision_recall([1, 1], 1), "num_ground_truth must be >= 1 and >= the 2"),
])
def test_bad_input_gets_a_clear_value_error(call, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()
