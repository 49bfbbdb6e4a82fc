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
CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")


@pytest.mark.parametrize("relative", PAGES)
def test_both_languages_include_the_same_code_and_figures(relative: str) -> None:
    zh, en = (page_text(relative, language) for language in LANGUAGES)
    assert INCLUDE.findall(zh) == INCLUDE.findall(en)
    assert [m["name"] for m in FIGURE.finditer(zh)] == [m["name"] for m in FIGURE.finditer(en)]
    assert re.findall(r"\{#[\w-]+\}", zh) == re.findall(r"\{#[\w-]+\}", en)
    assert zh.count("\n## ") == en.count("\n## ")
    assert zh.count("$$") == en.count("$$")
    assert len(QUESTION.findall(zh)) == len(QUESTION.findall(en))


@pytest.mark.parametrize("relative", PAGES)
def test_included_sections_exist(relative: str) -> None:
    for include in INCLUDE.findall(page_text(relative, "zh")):
        path, _, section = include.partition(":")
        source = (REPO_ROOT / path).read_text(encoding="utf-8")
        assert not section or f"--8<-- [start:{section}]" in source, include


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("relative", PAGES)
def test_figures_exist_and_have_alt_text_and_a_caption(relative: str, language: str) -> None:
    text = page_text(relative, language)
    assert text.count("<figure markdown>") == len(FIGURE.findall(text)), "a figure is not in the expected form"
    for figure in FIGURE.finditer(text):
        assert (FIGURE_DIR / f"{figure['name']}.py").is_file(), f"no figure script for {figure['name']}"
        assert figure["alt"].strip() and figure["caption"].strip()
        assert bool(CJK.search(figure["caption"])) == (language == "zh"), "caption not in the page language"


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


def math_spans(text: str) -> list[str]:
    without_code = re.sub(r"```.*?```|`[^`\n]*`", "", text, flags=re.DOTALL)
    display = re.findall(r"\$\$(.*?)\$\$", without_code, flags=re.DOTALL)
    inline = re.findall(r"(?<!\$)\$([^$\n]+)\$(?!\$)", re.sub(r"\$\$.*?\$\$", "", without_code, flags=re.DOTALL))
    return display + inline


@pytest.mark.parametrize("relative", PAGES + (NOTEBOOK,))
def test_math_holds_formulas_not_prose(relative: str) -> None:
    for language in LANGUAGES:
        for span in math_spans(page_text(relative, language)):
            assert not CJK.search(span), f"Chinese text inside math: {span[:80]!r}"
            words = re.findall(r"\\(?:text|mathrm)\{([^}]*)\}", span)
            assert all(len(word.split()) <= 2 for word in words), f"prose in \\text: {words}"


@pytest.mark.parametrize("relative", PAGES)
def test_headings_hold_no_math(relative: str) -> None:
    for language in LANGUAGES:
        headings = re.findall(r"^#+ .*$", page_text(relative, language), re.MULTILINE)
        assert not [heading for heading in headings if "$" in heading or "\\" in heading]


# page -> the standard Chinese terms (with the English a reader may search for) where the concept first appears
TERMS = {
    "vision/boxes.md": ["交并比（IoU，Intersection over Union）", "锚框", "anchor"],
    "vision/nms.md": ["非极大值抑制（NMS，Non-Maximum Suppression）", "Soft-NMS"],
    "vision/metrics.md": ["精确率，precision", "召回率，recall", "平均精度（AP，average precision）", "mAP"],
    "vision/conv.md": ["感受野（receptive field）", "空洞卷积（dilated convolution", "深度可分离卷积（depthwise separable"],
    "vision/camera.md": ["内参**（intrinsics）", "外参**（extrinsics）", "单应矩阵（homography）",
                         "逆透视变换（IPM", "鸟瞰图（BEV", "万向锁**（gimbal lock）"],
}


@pytest.mark.parametrize("relative", sorted(TERMS))
def test_standard_chinese_terms_are_introduced(relative: str) -> None:
    text = page_text(relative, "zh")
    missing = [term for term in TERMS[relative] if term not in text]
    assert not missing, f"{relative} does not introduce {missing}"


@pytest.mark.parametrize("relative", PAGES + (NOTEBOOK,))
def test_chinese_prose_uses_one_style_of_quotation_marks(relative: str) -> None:
    text = page_text(relative, "zh")
    if relative.endswith(".py"):
        text = "\n".join(cell.source for cell in jupytext.reads(text, fmt="py:percent").cells
                         if cell.cell_type == "markdown")
    prose = re.sub(r"```.*?```|`[^`\n]*`|\$\$.*?\$\$|\$[^$\n]+\$|<[^>\n]+>", "", text, flags=re.DOTALL)
    prose = re.sub(r'^(\s*\?\?\? question )"(.*)"$', r"\1\2", prose, flags=re.MULTILINE)
    prose = re.sub(r'^\s*--8<-- "[^"]+"$', "", prose, flags=re.MULTILINE)
    assert '"' not in prose and not re.search("[「」『』]", prose)
    assert prose.count("“") == prose.count("”")


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
    stated(NOTEBOOK, "probability 0.85", "one object in five", language="en")


def test_notebook_runs_in_under_five_seconds(tmp_path: Path) -> None:
    script = tmp_path / "notebook.py"
    (tmp_path / "cells.py").write_text(code_of(NOTEBOOK))
    script.write_text(textwrap.dedent("""\
        import time
        start = time.perf_counter()
        exec(compile(open({source!r}).read(), "nms_map", "exec"), {{"__name__": "__main__"}})
        print("ELAPSED", time.perf_counter() - start)
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
