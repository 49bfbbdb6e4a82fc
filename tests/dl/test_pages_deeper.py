"""The chapter's second level (losses, normalization in detection and transformers, initialization, mixed
precision): the numbers the pages state are computed here, and the pages have the chapter's shape."""

from __future__ import annotations

import re

import numpy as np
import pytest

from snippets.dl.losses import binary_cross_entropy_with_logits, sigmoid_focal_loss
from snippets.dl.small_batch import train_eval_gap
from snippets.dl.depth_scale import dead_units, input_gradient_ratio, scales_over_depth
from snippets.dl.init import calculate_gain
from snippets.dl.mixed_precision import float16_gradient
from snippets.dl.transformer_norms import residual_stream_norms
from tests.dl.test_normalization_deeper import TOLERANCES as NORMALIZATION_TOLERANCES
from tests.dl.test_pages_dl import CJK, INCLUDE, QUESTION, stated
from tests.pages import math_spans
from tests.pages import LANGUAGES, page_text
from tests.support import require_module

NEW_PAGES = ("dl/losses.md", "dl/normalization-detection.md", "dl/transformer-norms.md", "dl/init.md",
             "dl/mixed-precision.md")
QUESTION_ID = re.compile(r'^\?\?\? question "[^"\n]*" \{#(q-[a-z0-9-]+)\}$', re.MULTILINE)


@pytest.mark.parametrize("relative", NEW_PAGES)
def test_both_languages_have_the_same_code_math_and_question_ids(relative: str) -> None:
    zh, en = (page_text(relative, language) for language in LANGUAGES)
    assert INCLUDE.findall(zh) == INCLUDE.findall(en)
    assert zh.count("\n## ") == en.count("\n## ") and zh.count("$$") == en.count("$$")
    assert QUESTION_ID.findall(zh) == QUESTION_ID.findall(en)
    assert len(QUESTION_ID.findall(zh)) == len(QUESTION.findall(zh)), "every new question has an explicit id"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("relative", NEW_PAGES)
def test_pages_end_with_three_to_six_questions_and_keep_prose_out_of_math(relative: str, language: str) -> None:
    text = page_text(relative, language)
    assert 3 <= len(QUESTION.findall(text)) <= 6
    last_heading = text.rindex("\n## ")
    assert text.index('??? question "') > last_heading and text[last_heading:].count("\n## ") == 1
    for span in math_spans(text):
        assert not CJK.search(span), span[:80]
    headings = re.findall(r"^#+ .*$", text, re.MULTILINE)
    assert not [heading for heading in headings if "$" in heading or "\\" in heading]


def test_losses_page_introduces_the_standard_terms() -> None:
    stated("dl/losses.md", "交叉熵（cross-entropy）", "标签平滑（label smoothing", "焦点损失（focal loss",
           "二元交叉熵", language="zh")


def test_losses_page_states_the_float32_limits() -> None:
    with np.errstate(over="ignore"):
        assert np.isinf(np.exp(np.float32(89.0))) and np.isfinite(np.exp(np.float32(88.0)))
        assert np.float32(1) / (np.float32(1) + np.exp(np.float32(-20.0))) == np.float32(1.0)
    assert f"{float(np.finfo(np.float32).max):.1e}" == "3.4e+38"
    stated("dl/losses.md", "$e^{89}$", r"$3.4 \times 10^{38}$", r"$\sigma(20)$")


def test_losses_page_states_the_label_smoothing_gap() -> None:
    epsilon, classes = 0.1, 3
    gap = np.log((1 - epsilon + epsilon / classes) / (epsilon / classes))
    stated("dl/losses.md", f"{gap:.4f}", r"$\varepsilon = 0.1$", "$K = 3$")


def test_losses_page_states_the_focal_example() -> None:
    negatives, positives = 99_900, 100
    logits = np.concatenate([np.full(negatives, -4.6), np.zeros(positives)])
    target = np.concatenate([np.zeros(negatives), np.ones(positives)])
    shares = []
    for loss in (binary_cross_entropy_with_logits, sigmoid_focal_loss):
        total = loss(logits, target) * logits.size
        shares.append(1 - loss(logits[negatives:], target[negatives:]) * positives / total)
    assert shares[1] < shares[0] / 50
    stated("dl/losses.md", *(f"{100 * share:.1f}%" for share in shares), "100000", "99900")
    assert (1 - 0.9) ** 2 == pytest.approx(1 / 100)
    prior_bias = -np.log((1 - 0.01) / 0.01)
    assert f"{prior_bias:.1f}" == "-4.6"
    stated("dl/losses.md", "1/100", "$b \\approx -4.6$", "$-\\log 99$")


def test_bce_loss_clamps_the_log_at_minus_100() -> None:
    torch = require_module("torch", "the claim is about PyTorch's BCELoss")
    loss = torch.nn.functional.binary_cross_entropy(torch.tensor([1.0]), torch.tensor([0.0]))
    assert loss.item() == 100.0
    stated("dl/losses.md", "$-100$")


def test_detection_page_states_the_small_batch_gaps() -> None:
    gaps = {n: train_eval_gap(n) for n in (1, 32)}
    assert gaps[1] > 5 * gaps[32]
    stated("dl/normalization-detection.md", *(f"{gap:.3f}" for gap in gaps.values()), "64")


def test_detection_page_states_the_fold_tolerances() -> None:
    exponents = {dtype: -round(np.log10(t["rtol"])) for dtype, t in NORMALIZATION_TOLERANCES.items()}
    assert exponents == {np.float64: 10, np.float32: 5}
    stated("dl/normalization-detection.md", "$10^{-10}$", "$10^{-5}$", "fuse_conv_bn_weights")


def test_syncbatchnorm_gathers_mean_invstd_and_count_as_stated() -> None:
    torch = require_module("torch", "the claim is about PyTorch's SyncBatchNorm source")
    import inspect
    import torch.nn.modules._functions as functions
    source = inspect.getsource(functions.SyncBatchNorm)
    assert "batch_norm_stats" in source and "batch_norm_gather_stats_with_counts" in source
    assert "all_gather" in source and "all_reduce" in source
    assert torch.__version__.startswith("2.13")
    stated("dl/normalization-detection.md", "2.13", "batch_norm_gather_stats_with_counts")


def test_transformer_page_states_the_residual_stream_scale() -> None:
    pre, post = residual_stream_norms(48, pre_ln=True), residual_stream_norms(48, pre_ln=False)
    assert np.allclose(post, 1.0, atol=1e-3)
    assert 0.8 < pre[-1] / np.sqrt(49) < 1.2
    stated("dl/transformer-norms.md", f"{pre[-1]:.2f}", r"$\sqrt{49} = 7$", "48")


def test_transformer_page_states_torchs_rms_norm_default_eps() -> None:
    torch = require_module("torch", "the claim is about nn.RMSNorm")
    assert torch.nn.RMSNorm(4).eps is None
    assert f"{torch.finfo(torch.float32).eps:.2e}" == "1.19e-07"
    stated("dl/transformer-norms.md", r"$1.19 \times 10^{-7}$", "$10^{-6}$", "eps=None")


def test_init_page_states_the_standard_terms_and_gains() -> None:
    stated("dl/init.md", "初始化（initialization）", "残差连接（residual connection）", "神经元死亡", language="zh")
    assert calculate_gain("tanh") == 5 / 3 and calculate_gain("relu") == np.sqrt(2)
    stated("dl/init.md", "$5/3$", r"$\sqrt{2}$", r"$a = \sqrt{5}$", "$10^{-6}$")


def test_init_page_states_the_experiment_settings_and_results() -> None:
    forward, backward = scales_over_depth("xavier", "relu")
    assert len(forward) == 30 and forward[-1] < 1e-4 and backward[0] < 1e-4
    stated("dl/init.md", "30", "128", "$10^{-4}$")
    ratios = [f"{input_gradient_ratio(depth, residual=False):.1e}" for depth in (10, 30)]
    ratios += [f"{input_gradient_ratio(depth, residual=True):.2f}" for depth in (10, 30)]
    stated("dl/init.md", *ratios)


def test_init_page_states_the_dead_units() -> None:
    large = [dead_units(0.5, seed) for seed in range(3)]
    second, first = [units[1] for units in large], [units[0] for units in large]
    stated("dl/init.md", f"{min(second)}", f"{max(second)}", f"{min(first)}", f"{max(first)}", "0.05", "0.5", "256")


def test_torch_linear_default_init_is_kaiming_uniform_with_a_sqrt_5() -> None:
    torch = require_module("torch", "the claim is about nn.Linear's default initialisation")
    import inspect
    assert "kaiming_uniform_(self.weight, a=math.sqrt(5))" in inspect.getsource(torch.nn.Linear.reset_parameters)
    torch.manual_seed(0)
    weight = torch.nn.Linear(400, 50).weight
    assert weight.abs().max().item() <= 1 / np.sqrt(400) and weight.abs().max().item() > 0.99 / np.sqrt(400)


def test_mixed_precision_page_states_float16_facts() -> None:
    half = np.finfo(np.float16)
    assert (float(half.max), float(half.smallest_normal), float(half.smallest_subnormal), float(half.eps)) == (
        65504.0, 2.0**-14, 2.0**-24, 2.0**-10)
    assert f"{2.0**-14:.1e}" == "6.1e-05" and f"{2.0**-24:.1e}" == "6.0e-08" and f"{2.0**-10:.1e}" == "9.8e-04"
    stated("dl/mixed-precision.md", "65504", r"$2^{-14} \approx 6.1 \times 10^{-5}$", r"$2^{-24} \approx 6.0 \times 10^{-8}$",
           r"$2^{-10} \approx 9.8 \times 10^{-4}$", "2048", "90000")
    stated("dl/mixed-precision.md", "混合精度（mixed precision）", "损失缩放（loss scaling）", language="zh")
    assert float(np.spacing(np.float16(2048))) == 2.0 and np.float16(2048) + np.float16(1) == np.float16(2048)
    assert np.float16(1) + np.float16(1e-4) == np.float16(1)


def test_mixed_precision_page_states_bfloat16_and_the_scaler_defaults() -> None:
    torch = require_module("torch", "bfloat16 and GradScaler are PyTorch's")
    info = torch.finfo(torch.bfloat16)
    assert info.eps == 2.0**-7 and f"{info.max:.1e}" == "3.4e+38"
    scaler = torch.amp.GradScaler("cpu")
    assert (scaler.get_scale(), scaler.get_backoff_factor(), scaler.get_growth_factor(),
            scaler.get_growth_interval()) == (65536.0, 0.5, 2.0, 2000)
    stated("dl/mixed-precision.md", "$2^{-7}$", r"$3.4 \times 10^{38}$", "65536", "0.5", "2000")


def test_mixed_precision_page_states_the_rescued_gradient() -> None:
    assert float16_gradient(1e-4, 1e-4) == 0.0
    rescued = float16_gradient(1e-4, 1e-4, 2.0**16)
    mantissa, exponent = f"{rescued:.3e}".split("e")
    stated("dl/mixed-precision.md", rf"${mantissa} \times 10^{{{int(exponent)}}}$", "$S = 2^{16}$")
