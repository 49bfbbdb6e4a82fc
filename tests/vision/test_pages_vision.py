"""The perception pages: structure in both languages, and every number they state, computed here."""
from __future__ import annotations

import importlib
import inspect
import itertools
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import jupytext
import numpy as np
import pytest

import snippets.vision.boxes as boxes_module
from sitebuild import DOCS_DIR, REPO_ROOT
from snippets.vision.boxes import box_iou, nms
from snippets.vision.camera import K_EXAMPLE, R_CAMERA_FROM_VEHICLE, T_CAMERA_FROM_VEHICLE, euler_zyx_to_matrix, project_points
from snippets.vision.conv import conv_params, receptive_field
from snippets.vision.figures import PR_EXAMPLE, RECEPTIVE_FIELD_STACKS
from snippets.vision.metrics import average_precision, coco_map, nms_per_image, pr_curve, precision_recall
from snippets.vision.synthetic import synthetic_coco
from tests.pages import LANGUAGES, page_text

PAGES = ("vision/index.md", "vision/boxes.md", "vision/nms.md", "vision/metrics.md", "vision/conv.md",
         "vision/camera.md")
NOTEBOOK = "vision/notebooks/nms_map.py"
FIGURE_DIR = REPO_ROOT / "snippets" / "vision" / "figures"


def stated(relative: str, *texts: str, language: str | None = None) -> None:
    """Assert that the page states every text, in both languages (or in one)."""
    for lang in LANGUAGES if language is None else (language,):
        page = page_text(relative, lang)
        missing = [text for text in texts if text not in page]
        assert not missing, f"docs/{relative} ({lang}) does not state {missing}"


# ---------------------------------------------------------------------------------------------
# Structure
# ---------------------------------------------------------------------------------------------

INCLUDE = re.compile(r'^\s*--8<-- "([^"]+)"', re.MULTILINE)
QUESTION = re.compile(r'^\?\?\? question "', re.MULTILINE)
FIGURE = re.compile(r'<figure markdown>\n!\[(?P<alt>[^\]]*)\]\(\.\./assets/figures/vision/(?P<name>[\w-]+)\.svg\)\n'
                    r'<figcaption>(?P<caption>[^<]+)</figcaption>\n</figure>')


@pytest.mark.parametrize("relative", PAGES)
def test_included_sections_exist(relative: str) -> None:
    for include in INCLUDE.findall(page_text(relative, "zh")):
        path, _, section = include.partition(":")
        source = (REPO_ROOT / path).read_text(encoding="utf-8")
        assert not section or f"--8<-- [start:{section}]" in source, include


def test_every_figure_of_the_chapter_is_on_a_page() -> None:
    shown = {m["name"] for relative in PAGES for m in FIGURE.finditer(page_text(relative, "zh"))}
    scripts = {path.stem for path in FIGURE_DIR.glob("*.py") if path.name != "__init__.py"}
    assert scripts == shown == {"pr_curve", "receptive_field", "lidar_projection"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_at_least_thirty_questions_each_page_ending_with_its_questions(language: str) -> None:
    total = 0
    for relative in PAGES[1:]:
        text = page_text(relative, language)
        questions = QUESTION.findall(text)
        assert len(questions) >= 5, relative
        last_heading = text.rindex("\n## ")
        assert text.index('??? question "') > last_heading, f"{relative}: questions must come last"
        total += len(questions)
    assert total >= 30


def test_hand_written_iou_and_nms_answers_include_the_tested_code() -> None:
    for language in LANGUAGES:
        for relative, section in (("vision/boxes.md", "box_iou"), ("vision/nms.md", "nms")):
            text = page_text(relative, language)
            first_question = text.index('??? question "')
            answer = text[first_question:text.index('??? question "', first_question + 1)]
            assert f'    --8<-- "snippets/vision/boxes.py:{section}"' in answer


# page -> the standard Chinese terms (with the English a reader may search for) where the concept first appears
TERMS = {
    "vision/boxes.md": ["交并比（IoU，Intersection over Union）", "锚框", "anchor"],
    "vision/nms.md": ["非极大值抑制（NMS，Non-Maximum Suppression）", "Soft-NMS"],
    "vision/metrics.md": ["精确率，precision", "召回率，recall", "平均精度（AP，average precision）", "mAP"],
    "vision/conv.md": ["感受野（receptive field）", "空洞卷积（dilated convolution", "atrous convolution", "膨胀卷积", "深度可分离卷积（depthwise separable"],
    "vision/camera.md": ["内参**（intrinsics）", "外参**（extrinsics）", "单应矩阵（homography）",
                         "逆透视变换（IPM", "鸟瞰图（BEV", "万向锁**（gimbal lock）"],
}


@pytest.mark.parametrize("relative", sorted(TERMS))
def test_standard_chinese_terms_are_introduced(relative: str) -> None:
    text = page_text(relative, "zh")
    missing = [term for term in TERMS[relative] if term not in text]
    assert not missing, f"{relative} does not introduce {missing}"


# ---------------------------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------------------------

def test_nms_page_states_the_example_overlaps() -> None:
    boxes = np.array([[10, 10, 50, 50], [12, 12, 52, 52], [30, 30, 70, 70],
                      [100, 100, 140, 140], [102, 98, 142, 138]], dtype=float)
    scores = np.array([0.9, 0.8, 0.7, 0.6, 0.95])
    iou = box_iou(boxes, boxes)
    assert nms(boxes, scores, 0.5).tolist() == [4, 0, 2]
    stated("vision/nms.md", f"{iou[3, 4]:.3f}", f"{iou[0, 2]:.3f}")
    stated("vision/nms.md", "框 4 分数最高，它压掉了和它 IoU 为", "接着框 0 压掉框 1", language="zh")
    stated("vision/nms.md", "Box 4 has the highest score and suppresses box 3", "then box 0 suppresses box 1",
           language="en")


def test_nms_computes_n_times_n_minus_1_over_2_ious_when_nothing_is_suppressed(monkeypatch) -> None:
    computed = []
    original = boxes_module.box_iou

    def counting(a, b):
        result = original(a, b)
        computed.append(result.size)
        return result

    monkeypatch.setattr(boxes_module, "box_iou", counting)
    n = 1000
    disjoint = np.array([[10.0 * i, 0.0, 10.0 * i + 5.0, 5.0] for i in range(n)])
    keep = boxes_module.nms(disjoint, np.linspace(1.0, 0.0, n), 0.5)
    assert len(keep) == n and sum(computed) == n * (n - 1) // 2
    stated("vision/nms.md", f"{n * (n - 1) // 2}", f"$N = {n}$")


def test_soft_nms_threshold_semantics_are_stated() -> None:
    stated("vision/nms.md", "IoU **大于**阈值才删除", language="zh")
    stated("vision/nms.md", "its IoU is **greater** than the threshold", language="en")


def test_metrics_page_states_the_figure_numbers() -> None:
    ground_truth, detections = synthetic_coco(**PR_EXAMPLE)
    half = average_precision(*pr_curve(ground_truth, detections, 1, 0.5))
    three_quarters = average_precision(*pr_curve(ground_truth, detections, 1, 0.75))
    result = coco_map(ground_truth, detections)
    stated("vision/metrics.md", f"{half:.3f}", f"{three_quarters:.3f}", f"{result.ap:.3f}", f"{result.ap50:.3f}",
           f"{half:.4f}", f"{result.ap50:.4f}")
    assert f"{half:.4f}" != f"{result.ap50:.4f}" and abs(half - result.ap50) < 1e-3
    stated("vision/metrics.md", f"{PR_EXAMPLE['num_images']} 张图、{len(ground_truth['annotations'])} 个目标、"
                                f"{len(detections)} 个检测框", "约 5%", language="zh")
    stated("vision/metrics.md", f"{PR_EXAMPLE['num_images']} images, {len(ground_truth['annotations'])} objects, "
                                f"{len(detections)} detections", "about 5 %", language="en")
    assert PR_EXAMPLE["jitter"] == 0.05 and PR_EXAMPLE["num_categories"] == 1
    assert three_quarters < result.ap50 and result.ap < three_quarters


def test_metrics_page_states_the_arange_pitfall() -> None:
    recall, precision = precision_recall([1, 1, 0, 1, 0], 5)
    assert repr(float(np.arange(0, 1.1, 0.1)[6])) == "0.6000000000000001"
    assert recall[-1] == 3 / 5 == 0.6
    assert average_precision(recall, precision, "voc11") == pytest.approx((5 + 2 * 0.75) / 11)
    stated("vision/metrics.md", "`0.6000000000000001`", r"$(5 + 0.75)/11$", r"$(5 + 2 \times 0.75)/11$",
           "`np.arange(0, 1.1, 0.1)`", "`np.arange(11) / 10`")


@pytest.mark.parametrize("seed", range(5))
def test_appending_lower_scored_detections_never_lowers_ap(seed: int) -> None:
    ground_truth, detections = synthetic_coco(seed, num_images=15)
    rng = np.random.default_rng(seed)
    lowest = min(d["score"] for d in detections)
    extra = []
    for image in ground_truth["images"]:
        for _ in range(5):
            x, y = rng.uniform(0, 500, 2)
            extra.append({"image_id": image["id"], "category_id": int(rng.integers(1, 4)),
                          "bbox": [float(x), float(y), 60.0, 60.0], "score": lowest / 2})
    before, after = coco_map(ground_truth, detections), coco_map(ground_truth, detections + extra)
    assert all(b <= a + 1e-15 for b, a in zip(before, after))
    recall, precision = precision_recall([1, 0, 1, 1, 0], 6)
    for tail in ([0, 0, 0], [1, 0], [0, 1]):
        longer = precision_recall([1, 0, 1, 1, 0] + tail, 6)
        assert average_precision(*longer) >= average_precision(recall, precision)


def test_coco_page_names_what_coco_map_leaves_out() -> None:
    stated("vision/metrics.md", "`iscrowd`", "`ignore`", "32^2", "96^2")
    stated("vision/metrics.md", "十几组带种子的合成数据", language="zh")
    stated("vision/metrics.md", "more than ten seeded synthetic datasets", language="en")
    source = (REPO_ROOT / "tests" / "vision" / "test_metrics.py").read_text(encoding="utf-8")
    datasets = len(re.findall(r"== cocoeval_stats\(", source)) - 1 + 10  # the parametrized test runs 10 seeds
    assert datasets > 10


def test_conv_page_states_the_counts() -> None:
    checked = sum(1 for size, kernel, stride, padding, dilation in itertools.product(
        (1, 2, 5, 7, 8, 13, 32), (1, 2, 3, 5, 7), (1, 2, 3), (0, 1, 2, 3), (1, 2, 3))
        if size + 2 * padding >= dilation * (kernel - 1) + 1)
    assert 900 < checked < 1000
    stated("vision/conv.md", "九百多种", language="zh")
    stated("vision/conv.md", "more than nine hundred combinations", language="en")
    plain, dilated, strided = (receptive_field(stack(10)) for stack in RECEPTIVE_FIELD_STACKS.values())
    assert dilated == strided
    stated("vision/conv.md", f"10 层后是 {plain}", f"10 层后是 {dilated}", language="zh")
    stated("vision/conv.md", f"{plain} after 10 layers", f"{dilated} after 10 layers", language="en")
    channels = 64
    assert 3 * conv_params(channels, channels, 3, bias=False) == 27 * channels**2
    assert conv_params(channels, channels, 7, bias=False) == 49 * channels**2
    assert receptive_field([(3, 1, 1)] * 3) == receptive_field([(7, 1, 1)]) == 7
    stated("vision/conv.md", r"$3 \times 9 C^2 = 27 C^2$", r"$49 C^2$")
    standard = conv_params(256, 256, 3, bias=False)
    separable = conv_params(256, 256, 3, groups=256, bias=False) + conv_params(256, 256, 1, bias=False)
    assert separable / standard == pytest.approx(1 / 256 + 1 / 9)
    stated("vision/conv.md", f"{standard}", f"{separable}", f"{standard / separable:.1f}")


def test_camera_page_states_the_projections() -> None:
    pixels, _ = project_points([[11.5, 2.0, 0.0], [11.5, 2.0, 1.6]], K_EXAMPLE, R_CAMERA_FROM_VEHICLE,
                               T_CAMERA_FROM_VEHICLE)
    stated("vision/camera.md", f"$({pixels[0, 0]:.0f}, {pixels[0, 1]:.0f})$", f"$v = {pixels[1, 1]:.0f}$")
    assert pixels[1, 1] == K_EXAMPLE[1, 2]
    stated("vision/camera.md", "相机前方 10 m、偏左 2 m", language="zh")
    stated("vision/camera.md", "10 m ahead of the camera and 2 m to the left", language="en")
    import math
    mean = (euler_zyx_to_matrix(0, 0, 0) + euler_zyx_to_matrix(math.pi / 2, 0, 0)) / 2
    stated("vision/camera.md", f"{np.linalg.det(mean):.1f}", "$(1, 0, -5)$", "$(480, 360)$")


def test_camera_page_describes_the_scan_and_the_image() -> None:
    from snippets.vision.camera import IMAGE_SIZE
    from snippets.vision.synthetic import synthetic_lidar_scan

    assert IMAGE_SIZE == (1280, 720)
    assert "np.linspace(-15.0, 1.0, 16)" in inspect.getsource(synthetic_lidar_scan)
    stated("vision/camera.md", "16 线", "1280×720", language="zh")
    stated("vision/camera.md", "16-beam", "1280x720", language="en")


def test_index_states_the_tolerances_the_tests_use() -> None:
    sources = {name: (REPO_ROOT / "tests" / "vision" / f"test_{name}.py").read_text(encoding="utf-8")
               for name in ("boxes", "camera")}
    assert "rel=1e-12" in sources["boxes"] and "rtol=1e-5" in sources["boxes"]
    assert "atol=1e-6" in sources["camera"]
    stated("vision/index.md", "$10^{-12}$", "$10^{-5}$", "$10^{-6}$")


# ---------------------------------------------------------------------------------------------
# The notebook
# ---------------------------------------------------------------------------------------------

NOTEBOOK_DATA = {"seed": 1, "num_images": 50, "num_categories": 3, "max_objects": 8, "jitter": 0.05}


def code_of(notebook: str) -> str:
    cells = jupytext.read(DOCS_DIR / notebook).cells
    return "\n\n".join(cell.source for cell in cells if cell.cell_type == "code")


def test_notebook_uses_the_data_the_claims_are_checked_on() -> None:
    arguments = ", ".join(f"{key}={value}" for key, value in NOTEBOOK_DATA.items())
    assert f"synthetic_coco({arguments})" in code_of(NOTEBOOK)


def test_notebook_claims() -> None:
    ground_truth, detections = synthetic_coco(**NOTEBOOK_DATA)
    results = {threshold: coco_map(ground_truth, nms_per_image(detections, threshold)) for threshold in (0.1, 0.5, 1.0)}
    plain = coco_map(ground_truth, detections)
    assert results[1.0] == plain and len(nms_per_image(detections, 1.0)) == len(detections)
    assert results[0.5].ap50 > plain.ap50 > results[0.1].ap50
    kept = nms_per_image(detections, 0.5)
    grid = np.linspace(0, 1, 201)
    for category in (1, 2, 3):
        curves = [pr_curve(ground_truth, current, category, 0.5) for current in (detections, kept)]
        envelopes = [np.array([p[r >= t].max() if (r >= t).any() else 0.0 for t in grid]) for r, p in curves]
        assert (envelopes[1] >= envelopes[0]).all()
    source = inspect.getsource(synthetic_coco)
    assert "rng.uniform() < 0.85" in source and "rng.uniform() < 0.2" in source  # found; duplicated
    stated(NOTEBOOK, "0.85", "五分之一", language="zh")
    stated(NOTEBOOK, "probability 0.85", "one found object in five", language="en")


def test_notebook_runs_in_under_five_seconds(tmp_path: Path) -> None:
    """Seconds of CPU, not of the clock, so a busy machine does not fail it."""
    script = tmp_path / "notebook.py"
    (tmp_path / "cells.py").write_text(code_of(NOTEBOOK))
    script.write_text(textwrap.dedent("""\
        import time
        start = time.process_time()
        exec(compile(open({source!r}).read(), "nms_map", "exec"), {{"__name__": "__main__"}})
        print("ELAPSED", time.process_time() - start)
        """).format(source=str(tmp_path / "cells.py")))
    result = subprocess.run([sys.executable, str(script)], cwd=REPO_ROOT, capture_output=True, text=True,
                            env={**os.environ, "MPLBACKEND": "Agg"}, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    assert float(result.stdout.rsplit("ELAPSED", 1)[1]) < 5.0


def test_notebook_cells_print_once() -> None:
    cells = [cell.source for cell in jupytext.read(DOCS_DIR / NOTEBOOK).cells if cell.cell_type == "code"]
    assert all(source.count("print(") <= 1 for source in cells)


def test_figure_modules_import_what_the_pages_describe() -> None:
    for name in ("pr_curve", "receptive_field", "lidar_projection"):
        assert callable(importlib.import_module(f"snippets.vision.figures.{name}").draw)


# ---------------------------------------------------------------------------------------------
# Claims corrected in review: each test fails on the old wording or the old number
# ---------------------------------------------------------------------------------------------

def test_l1_is_not_scale_free_and_the_page_says_it_the_right_way_round() -> None:
    large, small = (box_iou([[0.0, 0.0, s, s]], [[2.0, 0.0, s + 2.0, s]])[0, 0] for s in (100.0, 10.0))
    stated("vision/boxes.md", f"{large:.3f}", f"{small:.3f}")
    for language, wrong in (("zh", "损失和框的大小有关"), ("en", "the loss depends on the box size")):
        assert wrong not in page_text("vision/boxes.md", language)


def test_giou_range_and_the_reason_it_equals_iou_inside_a_box() -> None:
    from snippets.vision.boxes import generalized_box_iou

    assert generalized_box_iou([[0.0, 0.0, 0.0, 0.0]], [[1.0, 1.0, 1.0, 1.0]])[0, 0] == -1.0   # two points
    stated("vision/boxes.md", "两个框的面积都为正时，它的取值范围是 $(-1, 1]$", "两个分开的点", language="zh")
    stated("vision/boxes.md", "For boxes of positive area its range is $(-1, 1]$", "two separate points",
           language="en")
    stated("vision/boxes.md", "GIoU 等于 IoU；它们的中心又都和 `a` 的中心重合，所以 DIoU 也等于 IoU", language="zh")
    stated("vision/boxes.md", "the enclosing box is `a` and GIoU equals the IoU; they also share the centre",
           language="en")


def test_the_delta_clip_is_an_upper_bound_and_rescaling_is_explained() -> None:
    source = inspect.getsource(boxes_module.box_iou)
    assert "_rescaled(" in source
    stated("vision/boxes.md", "`_rescaled`", "$10^{200}$", r"$\log(1000/16)$")
    stated("vision/boxes.md", "只截上界", "DIoU 还被用来代替 NMS 里的 IoU", language="zh")
    stated("vision/boxes.md", "an upper bound only", "DIoU also replaces the IoU inside NMS", language="en")


def test_the_class_offset_trick_needs_coordinates_that_are_not_negative() -> None:
    """torchvision's offset c * (max + 1) separates the classes only when no coordinate is below -1."""
    from snippets.vision.boxes import batched_nms

    boxes = np.array([[-50.0, -50.0, 10.0, 10.0], [-50.0, -50.0, 10.0, 10.0]])   # not clipped to the image
    scores, classes = np.array([0.9, 0.8]), np.array([0, 1])
    offset = (classes * (boxes.max() + 1.0))[:, None]
    assert box_iou(boxes[:1] + offset[:1], boxes[1:] + offset[1:])[0, 0] > 0.5
    assert nms(boxes + offset, scores, 0.5).tolist() == [0]                    # the trick loses box 1
    assert batched_nms(boxes, scores, classes, 0.5).tolist() == [0, 1]        # per class, both stay
    stated("vision/nms.md", "$-1$")
    stated("vision/nms.md", "坐标非负时", "（CPU 上不超过 1000 个框；GPU 上的分界随版本变化过）", "类别编号 ×（最大坐标 + 1）", language="zh")
    stated("vision/nms.md", "when the coordinates are not negative", "(at most 1000 on the CPU; the GPU cut-off",
           "class index times (largest coordinate + 1)", language="en")
    assert "类别编号乘以最大坐标加 1" not in page_text("vision/nms.md", "zh")


def voc_match(ious: np.ndarray, threshold: float) -> np.ndarray:
    """PASCAL VOC devkit's rule: the ground truth of highest IoU or nothing (rows in score order)."""
    taken, hits = np.zeros(ious.shape[1], dtype=bool), np.zeros(ious.shape[0], dtype=bool)
    for row in range(ious.shape[0]):
        best = int(np.argmax(ious[row]))
        if ious[row, best] >= threshold and not taken[best]:
            taken[best] = hits[row] = True
    return hits


def test_voc_and_coco_match_differently_and_the_page_says_how() -> None:
    from snippets.vision.metrics import match

    ious = np.array([[0.9, 0.1],     # the best detection takes ground truth 0
                     [0.8, 0.6]])    # the second: best is the taken 0, but 1 is free and above 0.5
    assert match(ious, 0.5).tolist() == [True, True]
    assert voc_match(ious, 0.5).tolist() == [True, False]
    stated("vision/metrics.md", "不会退而求其次", "difficult", "`voc_eval.py`", "“不低于”", "“大于”", language="zh")
    stated("vision/metrics.md", "does not fall back", "difficult", "`voc_eval.py`", '"at least"', '"greater than"',
           language="en")
    stated("vision/metrics.md", "它已被配对就算 FP", language="zh")                       # and in the answer
    stated("vision/metrics.md", "if that one is taken the detection is an FP", language="en")


def test_coco_area_ranges_use_the_area_field_and_are_closed() -> None:
    from tests.vision.test_metrics import cocoeval_stats_all

    def one_object(bbox: list[float], area: float) -> tuple[dict, list]:
        truth = {"images": [{"id": 1}], "categories": [{"id": 1}],
                 "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": bbox, "area": area, "iscrowd": 0}]}
        return truth, [{"image_id": 1, "category_id": 1, "bbox": bbox, "score": 0.9}]

    perfect = pytest.approx(1.0, abs=1e-12)                             # COCOeval divides by tp + fp + eps
    small, medium, large = cocoeval_stats_all(*one_object([0.0, 0.0, 32.0, 32.0], 32.0**2))[3:6]
    assert small == perfect and medium == perfect and large == -1.0     # exactly 32^2: small and medium
    small, medium, large = cocoeval_stats_all(*one_object([0.0, 0.0, 10.0, 10.0], 5000.0))[3:6]
    assert small == -1.0 and medium == perfect                          # a 10x10 box, but area 5000: medium
    stated("vision/metrics.md", "`area`", "$32^2$")
    stated("vision/metrics.md", "不是框的面积", "既算小目标也算中目标", language="zh")
    stated("vision/metrics.md", "not of the box", "counts as small and as medium", language="en")


def test_pooling_may_round_up_and_the_page_says_so() -> None:
    torch = pytest.importorskip("torch", reason="reference missing: .venv/bin/pip install torch==2.13.0")
    from snippets.vision.conv import conv_output_size

    x = torch.zeros(1, 1, 6, 6)
    assert torch.nn.MaxPool2d(3, 2)(x).shape[-1] == conv_output_size(6, 3, 2) == 2
    assert torch.nn.MaxPool2d(3, 2, ceil_mode=True)(x).shape[-1] == 3
    stated("vision/conv.md", "`ceil_mode=True`", "Caffe")
    stated("vision/conv.md", "输入 6、核 3、步长 2 时是 3 而不是 2", language="zh")
    stated("vision/conv.md", "input 6, kernel 3, stride 2 gives 3 instead of 2", language="en")
    for language, wrong in (("zh", "VGG 全部使用"), ("en", "VGG uses 3x3 convolutions only")):
        assert wrong not in page_text("vision/conv.md", language)


def test_depthwise_reuse_per_input_value() -> None:
    """Each input value of a depthwise conv is used k^2 times, of a standard one k^2 C_out times."""
    from snippets.vision.conv import conv_macs

    channels, size = 256, 56
    inputs = channels * size * size                      # stride 1, 'same' padding: output size = input size
    standard = conv_macs(channels, channels, 3, size, size) / inputs
    depthwise = conv_macs(channels, channels, 3, size, size, groups=channels) / inputs
    assert (standard, depthwise) == (9 * channels, 9)
    stated("vision/conv.md", r"$k^2 C_{\mathrm{out}}$")
    stated("vision/conv.md", f"{depthwise:.0f} 次对 {standard:.0f} 次", language="zh")
    stated("vision/conv.md", f"{depthwise:.0f} against {standard:.0f} above", language="en")
    for language, wrong in (("zh", "每个权重只被很少的数据复用"), ("en", "each weight of a depthwise convolution is reused")):
        assert wrong not in page_text("vision/conv.md", language)


def test_gimbal_lock_at_minus_90_degrees_keeps_the_sum() -> None:
    import math

    first = euler_zyx_to_matrix(0.5, -math.pi / 2, 0.2)
    np.testing.assert_allclose(euler_zyx_to_matrix(0.3, -math.pi / 2, 0.4), first, atol=1e-15)   # same sum
    assert not np.allclose(euler_zyx_to_matrix(0.8, -math.pi / 2, 0.5), first)                  # same difference
    stated("vision/camera.md", "（俯仰为 $-90°$ 时是两者之和）", language="zh")
    stated("vision/camera.md", "(their sum at a pitch of $-90°$)", language="en")


def test_one_matrix_two_readings_extrinsic_xyz_and_intrinsic_zyx() -> None:
    from snippets.vision.camera import axis_angle_to_matrix

    yaw, pitch, roll = 0.4, -0.3, 1.1
    # extrinsic: turn about the fixed axes x, then y, then z (each new turn multiplies from the left)
    extrinsic = np.eye(3)
    for axis, angle in ((0, roll), (1, pitch), (2, yaw)):
        extrinsic = axis_angle_to_matrix(np.eye(3)[axis] * angle) @ extrinsic
    # intrinsic: turn about the body's current axes z, then y', then x'' (the columns of the current R)
    intrinsic = np.eye(3)
    for axis, angle in ((2, yaw), (1, pitch), (0, roll)):
        intrinsic = axis_angle_to_matrix(intrinsic[:, axis] * angle) @ intrinsic
    np.testing.assert_allclose(extrinsic, euler_zyx_to_matrix(yaw, pitch, roll), atol=1e-14)
    np.testing.assert_allclose(intrinsic, euler_zyx_to_matrix(yaw, pitch, roll), atol=1e-14)
    stated("vision/camera.md", r"$R_z(\psi) R_y(\theta) R_x(\phi)$", "$y'$", "$x''$")
    stated("vision/camera.md", "（外旋）", "（内旋）", language="zh")


def test_the_ground_homography_determinant_is_minus_fx_fy_height() -> None:
    from snippets.vision.camera import CAMERA_POSITION

    rng = np.random.default_rng(3)
    for height in (1.6, 0.3, -2.0):
        position = CAMERA_POSITION * [1, 1, 0] + [0, 0, height]
        R = euler_zyx_to_matrix(*rng.uniform(-0.3, 0.3, 3)) @ R_CAMERA_FROM_VEHICLE
        H = K_EXAMPLE @ np.column_stack([R[:, 0], R[:, 1], -R @ position])
        assert np.linalg.det(H) == pytest.approx(-K_EXAMPLE[0, 0] * K_EXAMPLE[1, 1] * height, rel=1e-9)
    stated("vision/camera.md", "$-f_x f_y h$")
    stated("vision/camera.md", "只要相机不在路面上，它就可逆", language="zh")
    stated("vision/camera.md", "invertible as long as the camera is not on the road", language="en")


def test_the_camera_page_names_eigens_storage_order_and_its_own_vehicle_frame() -> None:
    """Eigen documents Quaternion(w, x, y, z) with coefficients stored as [x, y, z, w]; not compiled here."""
    stated("vision/camera.md", "`Quaterniond(w, x, y, z)`", "`coeffs()`", "REP 103")
    stated("vision/camera.md", "本页的车体坐标系", language="zh")
    stated("vision/camera.md", "this page's vehicle frame", language="en")


def test_duplicates_usually_but_not_always_score_lower() -> None:
    """Original ~ U(0.3, 1.0), duplicate ~ U(0.05, 0.6): P(duplicate > original) = 0.3^2 / 2 / (0.55 * 0.7)."""
    source = inspect.getsource(synthetic_coco)
    assert '"score": round(float(rng.uniform(0.3, 1.0)), 2)' in source
    assert '"score": round(float(rng.uniform(0.05, 0.6)), 2)' in source
    higher = 0.3**2 / 2 / (0.55 * 0.7)
    assert 0.05 < higher < 0.15                      # "nine times in ten" lower
    rng = np.random.default_rng(0)
    assert np.mean(rng.uniform(0.05, 0.6, 200_000) > rng.uniform(0.3, 1.0, 200_000)) == pytest.approx(higher, abs=0.005)
    stated(NOTEBOOK, "约九成的情况下比原来的框低", language="zh")
    stated(NOTEBOOK, "scored below the first nine times in ten", "one found object in five", language="en")


def test_an_axis_angle_of_pi_is_its_own_negative() -> None:
    from snippets.vision.camera import axis_angle_to_matrix

    v = np.pi * np.array([0.6, 0.0, 0.8])
    np.testing.assert_allclose(axis_angle_to_matrix(v), axis_angle_to_matrix(-v), atol=1e-15)
    stated("vision/camera.md", r"$\pi$", "$-v$")


def test_cocoeval_cuts_max_detections_per_class_not_per_image() -> None:
    from tests.vision.test_metrics import cocoeval_stats_all

    boxes = [[float(20 * (i % 10)), float(20 * (i // 10)), 10.0, 10.0] for i in range(80)]
    truth = {"images": [{"id": 1}], "categories": [{"id": 1}, {"id": 2}],
             "annotations": [{"id": 1 + c * 80 + i, "image_id": 1, "category_id": c + 1, "bbox": box, "area": 100.0,
                              "iscrowd": 0} for c in range(2) for i, box in enumerate(boxes)]}
    detections = [{"image_id": 1, "category_id": c + 1, "bbox": box, "score": 0.5 + i / 1000}
                  for c in range(2) for i, box in enumerate(boxes)]
    assert len(detections) == 160 > 100
    assert cocoeval_stats_all(truth, detections)[0] == pytest.approx(1.0, abs=1e-12)   # nothing cut at 100
    assert coco_map(truth, detections).ap == pytest.approx(1.0, abs=1e-12)
    stated("vision/metrics.md", "每张图（所有类别合计）最多 100 个", "按每张图、每个类别分别截断", language="zh")
    stated("vision/metrics.md", "across all categories", "cuts per image and per class", language="en")


def resnet50_counts(stride_on_3x3: bool) -> tuple[int, int]:
    """Multiply-accumulates and parameters (BN included) of ResNet-50 at 224x224, layer by layer."""
    from snippets.vision.conv import conv_macs, conv_output_size

    macs, params = conv_macs(3, 64, 7, 112, 112), conv_params(3, 64, 7, bias=False) + 2 * 64
    size, channels = conv_output_size(112, 3, 2, 1), 64                  # after the 3x3 max-pool: 56
    for stage, (width, blocks) in enumerate(zip((64, 128, 256, 512), (3, 4, 6, 3))):
        for block in range(blocks):
            stride = 2 if block == 0 and stage > 0 else 1
            out = conv_output_size(size, 3, stride, 1)
            first = size if stride_on_3x3 else out                       # where the first 1x1 runs
            layers = [(channels, width, 1, first), (width, width, 3, out), (width, 4 * width, 1, out)]
            if block == 0:
                layers.append((channels, 4 * width, 1, out))             # the projection shortcut
            for c_in, c_out, kernel, side in layers:
                macs += conv_macs(c_in, c_out, kernel, side, side)
                params += conv_params(c_in, c_out, kernel, bias=False) + 2 * c_out
            channels, size = 4 * width, out
    return macs + 2048 * 1000, params + 2048 * 1000 + 1000               # the final fully connected layer


def test_resnet50_flops_in_the_paper_and_in_torchvision_are_macs() -> None:
    paper, paper_params = resnet50_counts(stride_on_3x3=False)
    torchvision, torchvision_params = resnet50_counts(stride_on_3x3=True)
    assert paper_params == torchvision_params == 25557032             # torchvision's num_params: the layers are right
    assert round(paper / 1e9, 1) == 3.9 and round(torchvision / 1e9, 3) == 4.089   # "3.8" in the paper, "_ops": 4.089
    stated("vision/conv.md", f"${paper / 1e9:.2f} \\times 10^9$", f"${torchvision / 1e9:.2f} \\times 10^9$",
           f"{torchvision / 1e9:.2f}")
    stated("vision/conv.md", "38 亿", "v1.5", language="zh")
    stated("vision/conv.md", "3.8 billion", "v1.5", language="en")


def slerp(q0: np.ndarray, q1: np.ndarray, fraction: float) -> np.ndarray:
    """Textbook slerp without the sign check."""
    angle = np.arccos(np.clip(q0 @ q1, -1.0, 1.0))
    return (np.sin((1 - fraction) * angle) * q0 + np.sin(fraction * angle) * q1) / np.sin(angle)


def test_slerp_takes_the_long_way_unless_the_signs_are_aligned() -> None:
    import math

    from snippets.vision.camera import quaternion_to_matrix

    def rotation_angle(q: np.ndarray) -> float:
        return float(np.arccos(np.clip((np.trace(quaternion_to_matrix(q)) - 1) / 2, -1.0, 1.0)))

    identity = np.array([1.0, 0.0, 0.0, 0.0])
    turn = -np.array([math.cos(0.3), 0.0, 0.0, math.sin(0.3)])           # 0.6 rad about z, stored as -q
    assert identity @ turn < 0
    assert rotation_angle(slerp(identity, turn, 0.5)) == pytest.approx(math.pi - 0.3)   # the long way: 2.84 rad
    assert rotation_angle(slerp(identity, -turn, 0.5)) == pytest.approx(0.3)            # aligned: half of 0.6
    stated("vision/camera.md", "小于 0 时把其中一个取反", language="zh")
    stated("vision/camera.md", "when it is negative, negate one of them", language="en")


def test_there_is_a_coco_versus_voc_question() -> None:
    for language, question in (("zh", '??? question "COCO 和 VOC 的 mAP 有什么不同？"'),
                               ("en", '??? question "How do COCO\'s and VOC\'s mAP differ?"')):
        text = page_text("vision/metrics.md", language)
        answer = text[text.index(question):].split("\n\n??? question", 1)[0]
        for fact in ("0.5", "101", "100", "difficult", "`iscrowd`", "AP50"):
            assert fact in answer, (language, fact)


def test_index_does_not_claim_a_reference_for_every_function() -> None:
    """DIoU, CIoU, encode_boxes and decode_boxes have no independent reference in the tests."""
    reference_tests = (REPO_ROOT / "tests" / "vision" / "test_boxes.py").read_text(encoding="utf-8")
    assert "def test_diou_and_ciou_by_hand" in reference_tests and "def test_deltas_round_trip_and_by_hand" in reference_tests
    stated("vision/index.md", "按定义逐项核对", language="zh")
    stated("vision/index.md", "checked term by term against their definitions", language="en")
    assert "每个函数都和它所在领域" not in page_text("vision/index.md", "zh")


def test_tensorflow_same_padding_gives_ceil_n_over_s_and_pytorch_refuses_strides() -> None:
    """TensorFlow's documented SAME rule, in the output-size formula with asymmetric padding."""
    import math

    for n, k, s in itertools.product(range(1, 40), range(1, 8), range(1, 5)):
        out = math.ceil(n / s)
        total = max((out - 1) * s + k - n, 0)
        before, after = total // 2, total - total // 2
        assert (n + before + after - k) // s + 1 == out and after - before in (0, 1)
    assert max((math.ceil(224 / 2) - 1) * 2 + 3 - 224, 0) == 1          # an odd total: 0 left, 1 right
    torch = pytest.importorskip("torch", reason="reference missing: .venv/bin/pip install torch==2.13.0")
    with pytest.raises(ValueError, match="strided"):
        torch.nn.Conv2d(1, 1, 3, stride=2, padding="same")
    stated("vision/conv.md", r"$\lceil n / s \rceil$", r"$\max((\lceil n / s \rceil - 1) s + k - n, 0)$",
           '`padding="SAME"`', '`padding="same"`', "`F.pad`")


def test_index_names_the_reference_versions_the_claims_were_measured_on() -> None:
    from tests.vision.references import PINNED

    versions = {name: pin.split("==")[1] for name, pin in PINNED.items()}
    for language in LANGUAGES:
        text = page_text("vision/index.md", language)
        for name, label in (("shapely", "shapely"), ("cv2", "OpenCV"), ("pycocotools", "pycocotools"), ("torch", "PyTorch")):
            assert f"{label} {versions[name]}" in text, (language, name)
