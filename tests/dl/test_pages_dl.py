"""The deep-learning pages: every number they state is computed here, and every claim they make is checked.

Each test computes a value with the chapter's code, formats it the way the pages write it, and
asserts that the Chinese and the English page both state it. Tests named after an erratum prove
the correction listed on docs/errata.md.
"""

from __future__ import annotations

import inspect
import math
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import jupytext
import numpy as np
import pytest

from sitebuild import DOCS_DIR, REPO_ROOT
from snippets.dl.activation_facts import max_gap, maximum, minimum
from snippets.dl.activations import (
    GELU_TANH_CUBIC,
    SQRT_2_OVER_PI,
    gelu,
    gelu_grad,
    gelu_tanh,
    gelu_tanh_grad,
    leaky_relu,
    leaky_relu_grad,
    relu,
    relu6,
    relu6_grad,
    sigmoid,
    sigmoid_grad,
    swish,
    swish_grad,
    tanh,
    tanh_grad,
)
from snippets.dl.backprop import MLP, count_operations, gradient_check, make_regression_data, train
from snippets.dl.bn_experiment import (
    ExperimentConfig,
    Network,
    draw_noise,
    fraction_of_gain_kept,
    run_experiment,
    summarize,
)
from snippets.dl.gradcheck import DEFAULT_STEP
from snippets.dl.normalization import (
    DEFAULT_EPS,
    BatchNorm2d,
    batch_norm,
    batch_norm_backward,
    batch_norm_forward,
    batch_norm_inference,
)
from snippets.dl.vanishing import compare, sigmoid_factor_bound
from tests.pages import ERRATA_PROOF_LINE, LANGUAGES, errata_section, page_text

PAGES = ("dl/index.md", "dl/backprop.md", "dl/vanishing-gradients.md", "dl/activations.md",
         "dl/normalization.md")
NOTEBOOKS = ("dl/notebooks/train_mlp.py", "dl/notebooks/bn_smoothness.py")


def stated(relative: str, *texts: str, language: str | None = None) -> None:
    """Assert that the page states every text, in both languages (or in one)."""
    for lang in LANGUAGES if language is None else (language,):
        page = page_text(relative, lang)
        missing = [text for text in texts if text not in page]
        assert not missing, f"docs/{relative} ({lang}) does not state {missing}"


def latex_sci(value: float, digits: int) -> str:
    r"""`value` as the pages write it in math: 9.537e-07 -> '9.537 \times 10^{-7}'."""
    mantissa, exponent = f"{value:.{digits}e}".split("e")
    return rf"{mantissa} \times 10^{{{int(exponent)}}}"


def test_latex_sci_formats_like_the_pages() -> None:
    assert latex_sci(0.25**10, 3) == r"9.537 \times 10^{-7}"
    assert latex_sci(4.7324e-4, 4) == r"4.7324 \times 10^{-4}"


# ---------------------------------------------------------------------------------------------
# Page structure: both languages alike, figures captioned, questions at the end, math without prose
# ---------------------------------------------------------------------------------------------

INCLUDE = re.compile(r'^\s*--8<-- "([^"]+)"', re.MULTILINE)
QUESTION = re.compile(r'^\?\?\? question "', re.MULTILINE)
CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("relative", PAGES[1:])
def test_pages_end_with_three_to_six_interview_questions(relative: str, language: str) -> None:
    text = page_text(relative, language)
    questions = QUESTION.findall(text)
    assert 3 <= len(questions) <= 6
    last_heading = text.rindex("\n## ")
    assert text.index('??? question "') > last_heading, "questions must come last"
    assert text[last_heading:].count("\n## ") == 1


STANDARD_TERMS = {
    "dl/index.md": ("反向传播", "梯度消失", "激活函数", "批归一化（BN）", "层归一化（LN）", "实例归一化（IN）", "组归一化（GN）"),
    "dl/backprop.md": ("反向传播（backpropagation）", "链式法则（chain rule）", "梯度下降（gradient descent）", "前向传播"),
    "dl/vanishing-gradients.md": ("梯度消失（vanishing gradient）", "梯度爆炸（exploding gradient）", "残差连接",
                                  "梯度裁剪"),
    "dl/activations.md": ("激活函数（activation function）", "logistic 函数", "双曲正切", "修正线性单元",
                          "带泄露的 ReLU", "高斯误差线性单元", "神经元死亡"),
    "dl/normalization.md": ("批归一化（Batch Normalization，BN）", "层归一化（Layer Normalization，LN）",
                            "实例归一化（Instance Normalization，IN）", "组归一化（Group Normalization，GN）",
                            "内部协变量偏移"),
}


@pytest.mark.parametrize("relative", STANDARD_TERMS)
def test_chinese_pages_introduce_the_standard_terms(relative: str) -> None:
    """A reader who searches the usual Chinese term must find the page; the term comes at or before the abbreviation."""
    stated(relative, *STANDARD_TERMS[relative], language="zh")
    text = page_text(relative, "zh")
    for term in STANDARD_TERMS[relative]:
        abbreviation = re.search(r"[（，]([A-Z]{2})）$", term)
        if abbreviation:
            assert text.index(term) <= text.index(abbreviation[1]), f"{relative}: {abbreviation[1]} before {term}"
    stated("dl/notebooks/bn_smoothness.py", "批归一化（Batch Normalization，BN）", language="zh")


# ---------------------------------------------------------------------------------------------
# Backpropagation
# ---------------------------------------------------------------------------------------------

def test_backprop_page_states_the_operation_counts() -> None:
    expansion, backward = count_operations([2, 2, 2, 2])
    stated("dl/backprop.md", f"重复展开需要 {expansion} 次乘法，从后往前只需要 {backward} 次", language="zh")
    stated("dl/backprop.md", f"Repeated expansion needs {expansion} multiplications, going back from the output "
                             f"only {backward}", language="en")
    for depth in range(1, 7):
        expansion, backward = count_operations([2] + [10] * depth + [2])
        stated("dl/backprop.md", f"| {depth} | {expansion:,} | {backward:,} |")


def test_the_gradient_has_one_entry_per_parameter() -> None:
    """B1: the gradient vector lists every weight and bias once (the post indexes w_0, then w_2)."""
    model = MLP([3, 4, 2], seed=0)
    x, target = np.ones((5, 3)), np.zeros((5, 2))
    _, gradients = model.loss_and_gradients(x, target)
    parameters = model.parameters()
    assert [g.shape for g in [*gradients.weights, *gradients.biases]] == [p.shape for p in parameters]
    stated("dl/backprop.md", r"\partial L / \partial w_1 \\", r"\partial L / \partial w_2 \\")


def test_backward_pass_is_linear_in_the_output_gradient() -> None:
    """B2: with the forward pass fixed, each backward neuron multiplies by the constant sigma'(z)."""
    model = MLP([3, 5, 4, 2], activation="sigmoid", seed=1)
    rng = np.random.default_rng(2)
    forward_pass = model.forward(rng.normal(size=(6, 3)))
    y = forward_pass.a[-1]
    targets = [rng.normal(size=y.shape) for _ in range(2)]
    mix = 0.3
    deltas = [model.backward(forward_pass, t)[1].dl_dz for t in (*targets, mix * targets[0] + (1 - mix) * targets[1])]
    for first, second, mixed in zip(*deltas):
        np.testing.assert_allclose(mixed, mix * first + (1 - mix) * second, rtol=1e-12, atol=1e-15)
    for layer in range(2):
        gain = sigmoid_grad(forward_pass.z[layer])
        np.testing.assert_allclose(deltas[0][layer], gain * (deltas[0][layer + 1] @ model.weights[layer + 1]))
        assert np.all(gain <= 0.25)


def test_backward_pass_costs_about_twice_the_forward_pass() -> None:
    for sizes in ([2, 10, 10, 10, 2], [100, 100, 100, 100, 100], [784, 256, 128, 10]):
        weights = sum(n_in * n_out for n_in, n_out in zip(sizes[:-1], sizes[1:]))
        backward = count_operations(sizes)[1] + weights  # the deltas, then dl/dW = delta a^T
        assert 1.0 < backward / weights < 2.05
    deep = [64] * 8
    weights = sum(n_in * n_out for n_in, n_out in zip(deep[:-1], deep[1:]))
    assert count_operations(deep)[1] / weights + 1 > 1.8  # about twice when all layers are alike
    stated("dl/backprop.md", "最多大约是前向传播的两倍", language="zh")
    stated("dl/backprop.md", "at most about twice the forward pass", language="en")


def test_identical_initial_weights_stay_identical() -> None:
    model = MLP([2, 4, 4, 2], activation="tanh", seed=0)
    for weight in model.weights:
        weight[...] = 0.3
    x, target = make_regression_data(32, seed=0)
    train(model, x, target, learning_rate=0.5, steps=20)
    for weight in model.weights[:-1]:
        np.testing.assert_allclose(weight, weight[:1].repeat(len(weight), axis=0), rtol=1e-12)
    assert not np.allclose(model.weights[0], 0.3)


def test_gradient_check_settings_and_result_are_as_stated() -> None:
    assert DEFAULT_STEP == 1e-5
    x, target = make_regression_data(16, seed=3)
    worst = max(gradient_check(MLP([2, 5, 4, 2], activation=name, seed=1), x, target)
                for name in ("sigmoid", "tanh", "relu", "gelu", "swish"))
    assert worst < 1e-6
    stated("dl/backprop.md", "h = 10^{-5}", "10^{-6}")


# ---------------------------------------------------------------------------------------------
# Vanishing gradients
# ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def gradients_by_layer():
    return compare(10)


def test_vanishing_page_states_the_sigmoid_bound() -> None:
    assert sigmoid_factor_bound(10) == pytest.approx(0.25**10, rel=1e-12)
    stated("dl/vanishing-gradients.md", latex_sci(sigmoid_factor_bound(10), 3), r"\left(\tfrac{1}{4}\right)^{10}")
    assert f"{0.25**10:.9f}" == "0.000000954"  # the post's decimal is right


def test_vanishing_page_states_the_measured_numbers(gradients_by_layer) -> None:
    """V1 and A7: the measured ratios, the mean slopes per layer and the share of active ReLU units."""
    sigmoid_norms = gradients_by_layer["sigmoid"].weight_grad_norms
    relu_norms = gradients_by_layer["relu"].weight_grad_norms
    slopes = gradients_by_layer["sigmoid"].mean_activation_grad
    active = gradients_by_layer["relu"].mean_activation_grad
    stated("dl/vanishing-gradients.md",
           f"${latex_sci(sigmoid_norms[0] / sigmoid_norms[-1], 1)}$",
           f"${relu_norms[0] / relu_norms[-1]:.2f}$",
           f"${slopes.min():.2f}$", f"${slopes.max():.2f}$",
           f"${latex_sci(np.prod(slopes), 1)}$",
           f"${active.min():.2f}$", f"${active.max():.2f}$")
    assert np.prod(slopes) < sigmoid_factor_bound(10)
    assert 0.4 <= active.mean() <= 0.6  # "about half the neurons are active"


def test_sigmoid_bound_can_be_cancelled_by_the_weights() -> None:
    """V1: (1/4)^D bounds the sigma' factors only; weights 4 with biases -2 keep every factor at 1."""
    depth = 10
    model = MLP([1] * (depth + 2), activation="sigmoid", seed=0)
    for weight, bias in zip(model.weights[:-1], model.biases[:-1]):
        weight[...] = 4.0
        bias[...] = -2.0
    forward_pass = model.forward(np.array([[0.5]]))
    _, gradients = model.backward(forward_pass, np.array([[1.0]]))
    np.testing.assert_allclose(np.concatenate(forward_pass.z[:depth]), 0.0, atol=1e-15)
    hidden = np.concatenate(gradients.dl_dz[:depth]).ravel()
    np.testing.assert_allclose(hidden, hidden[0], rtol=1e-12)
    assert hidden[0] != 0.0
    stated("dl/vanishing-gradients.md", "$x = 0.5$", "$w = 4$", "$b = -2$", r"$z = 4 \times 0.5 - 2 = 0$",
           r"$\sigma'(0) \cdot w = 1$")


# ---------------------------------------------------------------------------------------------
# Activation functions
# ---------------------------------------------------------------------------------------------

GRID = np.linspace(-20.0, 20.0, 40_001)


def test_activation_page_states_the_computed_extrema() -> None:
    """A11, A14: the minima of Swish and GELU, the ranges of their derivatives and the GELU gap."""
    where, value = minimum(swish, swish_grad, -10.0, 10.0)
    assert value == pytest.approx(where + 1.0, abs=1e-12)
    stated("dl/activations.md", f"$x = {where:.6f}$", f"$[{value:.6f}, \\infty)$")
    where, value = minimum(gelu, gelu_grad, -10.0, 10.0)
    stated("dl/activations.md", f"$x = {where:.6f}$", f"$[{value:.6f}, \\infty)$", f"$({round(value, 2)}, +\\infty)$")
    for derivative in (swish_grad, gelu_grad):
        low, high = -maximum(lambda t: -derivative(t), -10.0, 10.0)[1], maximum(derivative, -10.0, 10.0)[1]
        assert low + high == pytest.approx(1.0, abs=1e-12)
        stated("dl/activations.md", f"$[{low:.4f}, {high:.4f}]$")
    assert maximum(gelu_grad, -10.0, 10.0)[0] == pytest.approx(math.sqrt(2.0), abs=1e-6)
    assert maximum(lambda t: -gelu_grad(t), -10.0, 10.0)[0] == pytest.approx(-math.sqrt(2.0), abs=1e-6)
    where, gap = max_gap(gelu, gelu_tanh, -10.0, 10.0)
    stated("dl/activations.md", f"${latex_sci(gap, 4)}$", rf"$\lvert x \rvert \approx {abs(where):.4f}$")


def test_sigmoid_squashes_each_value_on_its_own() -> None:
    """A1: sigmoid is applied entry by entry; its outputs are not normalized together (softmax's are)."""
    logits = np.array([[2.0, 1.0, 0.5], [-1.0, 3.0, 0.0]])
    np.testing.assert_allclose(sigmoid(logits)[:, 0], sigmoid(logits[:, 0]))
    assert not np.allclose(sigmoid(logits).sum(axis=1), 1.0)
    softmax = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    np.testing.assert_allclose(softmax.sum(axis=1), 1.0)


def test_sigmoid_and_tanh_derivatives_peak_where_stated() -> None:
    """A3, A4: the maxima 1/4 and 1 are attained (at 0), so the intervals are closed there."""
    assert maximum(sigmoid_grad, -10.0, 10.0)[1] == pytest.approx(0.25, abs=1e-15) == sigmoid_grad(0.0)
    assert maximum(tanh_grad, -10.0, 10.0)[1] == pytest.approx(1.0, abs=1e-15) == tanh_grad(0.0)
    stated("dl/activations.md", r"$\sigma'(x) \in (0, 1/4]$", r"$\tanh'(x) \in (0, 1]$")


def test_sigmoid_and_tanh_derivatives_are_positive() -> None:
    """A3, A4: sigma'(x) = e^{-|x|} / (1 + e^{-|x|})^2 > 0, so 0 is never reached."""
    assert np.all(sigmoid_grad(np.linspace(-700.0, 700.0, 14_001)) > 0)
    assert np.all(tanh_grad(np.linspace(-350.0, 350.0, 7_001)) > 0)


def test_the_posts_sigmoid_derivative_forms_agree() -> None:
    """A2: the backward pass needs no exponential: sigma' = s (1 - s) from the stored output s."""
    x = GRID
    e = np.exp(-x)
    s = sigmoid(x)
    np.testing.assert_allclose(1 / (1 + e) - 1 / (1 + e) ** 2, s * (1 - s), rtol=1e-6, atol=1e-15)
    np.testing.assert_allclose(sigmoid_grad(x), s * (1 - s), rtol=1e-9, atol=1e-15)


def test_tanh_is_a_rescaled_sigmoid() -> None:
    np.testing.assert_allclose(tanh(GRID), 2 * sigmoid(2 * GRID) - 1, atol=1e-15)


def test_the_posts_swish_derivative_is_right() -> None:
    """The post's swish' = swish + sigma (1 - swish), and its fraction, are both correct."""
    x = GRID[np.abs(GRID) < 30]
    e = np.exp(-x)
    np.testing.assert_allclose(swish_grad(x), swish(x) + sigmoid(x) * (1 - swish(x)), rtol=1e-9, atol=1e-13)
    np.testing.assert_allclose(swish_grad(x), (1 + e + x * e) / (1 + e) ** 2, rtol=1e-9, atol=1e-13)
    np.testing.assert_allclose(swish_grad(GRID) + swish_grad(-GRID), 1.0, atol=1e-14)
    np.testing.assert_allclose(swish(GRID) - swish(-GRID), GRID, atol=1e-12)


def test_relu6_bounds_activations_it_does_not_clip_gradients() -> None:
    """A8: ReLU6 clips the forward values to [0, 6]; above 6 the gradient becomes 0. Clipping a gradient
    by its norm keeps its direction and never zeroes it."""
    values = relu6(GRID)
    assert values.min() == 0.0 and values.max() == 6.0
    upstream = np.array([3.0, 4.0])
    through_relu6 = relu6_grad(np.array([7.0, 8.0])) * upstream
    np.testing.assert_array_equal(through_relu6, [0.0, 0.0])
    threshold = 1.0
    clipped = upstream * min(1.0, threshold / np.linalg.norm(upstream))
    np.testing.assert_allclose(clipped, [0.6, 0.8])
    assert np.linalg.norm(clipped) == pytest.approx(threshold)


def test_nonlinear_means_not_affine() -> None:
    """A6: "nonlinear means the first derivative is not constant" fails for functions that are not
    differentiable everywhere; nonlinear means not affine, f(1) + f(-1) != 2 f(0) shows it."""
    def is_affine_on(function, points: np.ndarray) -> bool:
        values = np.array([function(t) for t in points], dtype=float)
        slope, intercept = np.polyfit(points, values, 1)
        return bool(np.allclose(values, slope * points + intercept, atol=1e-12))

    points = np.linspace(-3.0, 3.0, 13)
    assert relu(1.0) + relu(-1.0) == 1.0 != 2 * relu(0.0)
    assert not is_affine_on(relu, points)
    assert is_affine_on(lambda t: 2.5 * t - 1.0, points)
    step = lambda t: np.asarray(t > 0, dtype=float)  # noqa: E731
    away_from_zero = points[points != 0] + 0.25
    slopes = (step(away_from_zero + 1e-6) - step(away_from_zero - 1e-6)) / 2e-6
    assert np.all(slopes == 0.0)  # its derivative is the constant 0 wherever it exists ...
    assert not is_affine_on(step, points)  # ... yet it is not affine
    np.testing.assert_array_equal(relu(points) + relu(-points), np.abs(points))  # |x| from two ReLUs
    weights = np.random.default_rng(0).normal(size=(2, 3, 3))
    biases = np.random.default_rng(1).normal(size=(2, 3))
    x = np.random.default_rng(2).normal(size=3)
    composed = weights[1] @ (weights[0] @ x + biases[0]) + biases[1]
    np.testing.assert_allclose(composed, (weights[1] @ weights[0]) @ x + (weights[1] @ biases[0] + biases[1]))
    stated("dl/activations.md", "$ax + b$", "仿射函数", r"$\mathrm{ReLU}(1) + \mathrm{ReLU}(-1) = 1 \ne 0$", language="zh")
    stated("dl/activations.md", "$ax + b$", "not affine", r"$\mathrm{ReLU}(1) + \mathrm{ReLU}(-1) = 1 \ne 0$",
           language="en")
    assert "\"一阶导数不为常数\"是对的" not in page_text("dl/activations.md", "zh")
    assert "is right; more precisely" not in page_text("dl/activations.md", "en")


def test_universal_approximation_needs_a_non_polynomial_activation_on_a_compact_set() -> None:
    """One hidden layer with the activation x^2 gives exactly a quadratic; with ReLU it does not."""
    rng = np.random.default_rng(0)
    w1, b1, w2 = rng.normal(size=8), rng.normal(size=8), rng.normal(size=8)
    x = np.linspace(-2.0, 2.0, 41)
    for activation, quadratic in ((np.square, True), (relu, False)):
        y = activation(np.outer(x, w1) + b1) @ w2
        residual = y - np.polyval(np.polyfit(x, y, 2), x)
        assert (np.abs(residual).max() < 1e-9) == quadratic
    stated("dl/activations.md", "紧集", "不是多项式", "$x^2$", language="zh")
    stated("dl/activations.md", "compact set", "not a polynomial", "$x^2$", language="en")
    assert "有界区域" not in page_text("dl/activations.md", "zh")
    assert "bounded region" not in page_text("dl/activations.md", "en")


def test_the_gradient_of_gelu_and_swish_fades_on_the_negative_side() -> None:
    """GELU and Swish do not keep a gradient far below 0 (leaky ReLU does): they can still stop learning."""
    at = -10.0
    assert 0 < abs(swish_grad(at)) < 1e-3 and 0 < abs(gelu_grad(at)) < 1e-20
    assert abs(swish_grad(2 * at)) < abs(swish_grad(at)) / 1000
    assert leaky_relu_grad(at) == leaky_relu_grad(100 * at) == 0.01
    stated("dl/activations.md", f"$x = {at:.0f}$", f"${latex_sci(swish_grad(at), 1)}$",
           f"${latex_sci(gelu_grad(at), 1)}$")
    assert "（不会死亡）" not in page_text("dl/activations.md", "zh")
    assert "(no dead neurons)" not in page_text("dl/activations.md", "en")


def test_float16_thresholds_stated_on_the_activation_page() -> None:
    """Computed in float16 itself, x**3 overflows from |x| ~ 40 and the tanh-GELU derivative is NaN from |x| ~ 67."""
    x = np.unique(np.linspace(0.0, 200.0, 400_001).astype(np.float16))
    half = np.float16
    with np.errstate(all="ignore"):
        cube_overflows = x[np.isinf(x**3)][0]
        u = half(SQRT_2_OVER_PI) * (x + half(GELU_TANH_CUBIC) * x**3)
        du_dx = half(SQRT_2_OVER_PI) * (half(1.0) + half(3 * GELU_TANH_CUBIC) * x**2)
        grad = sigmoid(2 * u.astype(np.float64)).astype(half)
        grad = grad + 2 * x * du_dx * grad * (half(1.0) - grad)
    first_nan = x[np.isnan(grad)][0]
    assert np.all(np.isnan(grad[x >= first_nan]))
    assert 40 <= cube_overflows < 41 and 67 <= first_nan < 68
    assert np.all(np.isfinite(gelu_tanh_grad(np.concatenate([x, -x]))))
    stated("dl/activations.md", rf"$\lvert x \rvert \approx {int(first_nan)}$", f"${int(cube_overflows)}$")
    stated("dl/activations.md", "float16")


def test_sigmoid_gates_channels_and_softmax_weighs_attention() -> None:
    stated("dl/activations.md", "SE（Squeeze-and-Excitation）", "softmax", language="zh")
    stated("dl/activations.md", "SE (squeeze-and-excitation)", "softmax", language="en")
    assert "注意力里的权重" not in page_text("dl/activations.md", "zh")
    assert "weights in attention" not in page_text("dl/activations.md", "en")


def test_both_languages_say_the_same_about_yolo() -> None:
    """YOLOv5 switched from hard-swish to SiLU in its v4.0 release (ultralytics/yolov5 PR 1837)."""
    stated("dl/activations.md", "YOLOv5", "v4.0", "2021", "YOLOX", "YOLOv8")
    assert "YOLOv5 之后的 YOLO 系列" not in page_text("dl/activations.md", "zh")
    assert "the YOLO series from YOLOv5 on" not in page_text("dl/activations.md", "en")


def test_leaky_relu_default_slope_is_as_stated() -> None:
    assert inspect.signature(leaky_relu).parameters["slope"].default == 0.01
    stated("dl/activations.md", "0.01")


def test_gelu_is_x_times_the_probability_below_x() -> None:
    """A12: GELU(x) = x P(X <= x) = x Phi(x); the post's x P(x <= X) = x (1 - Phi(x)) is another function."""
    x = np.linspace(-6.0, 6.0, 1201)
    phi = np.array([0.5 * (1.0 + math.erf(t / math.sqrt(2.0))) for t in x])
    np.testing.assert_allclose(gelu(x), x * phi, rtol=1e-12, atol=1e-15)
    assert gelu(2.0) == pytest.approx(1.9545, abs=1e-4)
    assert 2.0 * (1.0 - 0.5 * (1.0 + math.erf(2.0 / math.sqrt(2.0)))) == pytest.approx(0.0455, abs=1e-4)
    assert GELU_TANH_CUBIC == 0.044715
    stated("dl/activations.md", r"x \, P(X \le x)", "0.044715")


def test_gelu_is_the_expected_value_of_a_bernoulli_mask() -> None:
    """A13: for any fixed input x, E[m x] with m ~ Bernoulli(Phi(x)) is GELU(x); nothing assumes x is normal."""
    rng = np.random.default_rng(0)
    draws = 400_000
    for x in (-2.0, -0.75, 0.3, 1.5):
        keep = 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))
        samples = x * (rng.random(draws) < keep)
        standard_error = abs(x) * math.sqrt(keep * (1 - keep) / draws)
        assert abs(samples.mean() - gelu(x)) < 5 * standard_error


# ---------------------------------------------------------------------------------------------
# Normalization
# ---------------------------------------------------------------------------------------------

@pytest.fixture
def activations_nchw() -> np.ndarray:
    return np.random.default_rng(3).normal(2.0, 3.0, size=(8, 4, 3, 5))


def per_channel_values(y: np.ndarray) -> np.ndarray:
    return y.transpose(1, 0, 2, 3).reshape(y.shape[1], -1)


def test_batch_norm_output_has_mean_beta_and_scale_gamma(activations_nchw: np.ndarray) -> None:
    """N1: only x_hat has mean 0 and variance ~1; the output has mean beta and standard deviation ~|gamma|."""
    gamma, beta = np.array([2.0, -0.5, 1.0, 3.0]), np.array([1.0, 0.0, -2.0, 0.5])
    y = per_channel_values(batch_norm(activations_nchw, gamma, beta))
    var = per_channel_values(activations_nchw).var(axis=1)
    np.testing.assert_allclose(y.mean(axis=1), beta, atol=1e-12)
    np.testing.assert_allclose(y.std(axis=1), np.abs(gamma) * np.sqrt(var / (var + DEFAULT_EPS)), rtol=1e-12)


def test_batch_norm_can_give_back_its_input(activations_nchw: np.ndarray) -> None:
    """N1: gamma = sqrt(var + eps) and beta = mean undo the standardization."""
    values = per_channel_values(activations_nchw)
    gamma, beta = np.sqrt(values.var(axis=1) + DEFAULT_EPS), values.mean(axis=1)
    np.testing.assert_allclose(batch_norm(activations_nchw, gamma, beta), activations_nchw, rtol=1e-12)


def test_dividing_by_the_variance_does_not_standardize(activations_nchw: np.ndarray) -> None:
    """N4: (x - mean) / var has variance 1 / var; BN divides by sqrt(var + eps)."""
    values = per_channel_values(activations_nchw)
    mean, var = values.mean(axis=1, keepdims=True), values.var(axis=1, keepdims=True)
    np.testing.assert_allclose(((values - mean) / var).var(axis=1), 1.0 / var.ravel(), rtol=1e-12)
    assert np.all(var > 4.0)  # so 1/var is far from 1
    standardized = per_channel_values(batch_norm(activations_nchw, np.ones(4), np.zeros(4)))
    np.testing.assert_allclose(standardized, (values - mean) / np.sqrt(var + DEFAULT_EPS), rtol=1e-12)
    assert DEFAULT_EPS == 1e-5
    stated("dl/normalization.md", r"\sqrt{\sigma^2 + \epsilon}", "$10^{-5}$")


def skewness(values: np.ndarray) -> np.ndarray:
    centered = values - values.mean(axis=1, keepdims=True)
    return (centered**3).mean(axis=1) / (centered**2).mean(axis=1) ** 1.5


def test_normalization_keeps_the_shape_of_the_distribution() -> None:
    """N5: standardizing is affine: skewed data stays exactly as skewed, it does not become normal."""
    x = np.random.default_rng(4).exponential(size=(2000, 3, 1, 1))
    before, after = skewness(per_channel_values(x)), skewness(per_channel_values(batch_norm(x, np.ones(3), np.zeros(3))))
    np.testing.assert_allclose(after, before, rtol=1e-9)
    assert np.all(after > 1.5)  # an exponential distribution has skewness 2; a normal one 0


def test_batch_norm_input_gradient_sums_to_zero_and_ignores_scale(activations_nchw: np.ndarray) -> None:
    gamma, beta = np.array([2.0, -0.5, 1.0, 3.0]), np.zeros(4)
    upstream = np.random.default_rng(5).normal(size=activations_nchw.shape)
    _, cache = batch_norm_forward(activations_nchw, gamma, beta)
    dx, _, _ = batch_norm_backward(upstream, cache)
    sums = per_channel_values(dx).sum(axis=1)
    np.testing.assert_allclose(sums, 0.0, atol=1e-12)
    x_hat, g = per_channel_values(cache.x_hat), per_channel_values(upstream)
    factor = DEFAULT_EPS / (cache.var + DEFAULT_EPS)
    expected = gamma / np.sqrt(cache.var + DEFAULT_EPS) * factor * (g * x_hat).sum(axis=1)
    np.testing.assert_allclose((x_hat * per_channel_values(dx)).sum(axis=1), expected, rtol=1e-6, atol=1e-15)


def test_a_bias_before_batch_norm_changes_nothing(activations_nchw: np.ndarray) -> None:
    bias = np.array([5.0, -1.0, 0.25, 100.0])[None, :, None, None]
    gamma, beta = np.array([2.0, -0.5, 1.0, 3.0]), np.array([1.0, 0.0, -2.0, 0.5])
    np.testing.assert_allclose(batch_norm(activations_nchw + bias, gamma, beta),
                               batch_norm(activations_nchw, gamma, beta), rtol=1e-9, atol=1e-9)


def test_folding_batch_norm_into_the_layer_before_it() -> None:
    rng = np.random.default_rng(6)
    weight, bias, x = rng.normal(size=(4, 3)), rng.normal(size=4), rng.normal(size=(10, 3))
    running_mean, running_var = rng.normal(size=4), rng.uniform(0.5, 2.0, size=4)
    gamma, beta = rng.normal(size=4), rng.normal(size=4)
    z = x @ weight.T + bias
    reference = batch_norm_inference(z[:, :, None, None], running_mean, running_var, gamma, beta)[:, :, 0, 0]
    scale = gamma / np.sqrt(running_var + DEFAULT_EPS)
    folded_weight, folded_bias = scale[:, None] * weight, scale * (bias - running_mean) + beta
    np.testing.assert_allclose(x @ folded_weight.T + folded_bias, reference, rtol=1e-12, atol=1e-12)


def test_batch_norm_layer_defaults_are_as_stated() -> None:
    layer = BatchNorm2d(3)
    assert layer.momentum == 0.1 and layer.eps == DEFAULT_EPS
    stated("dl/normalization.md", "0.1", "0.99", r"\frac{m}{m-1}")


EXPECTED_CONFIG = {"layer_sizes": (20, 32, 32, 32, 32, 32, 32, 32, 32, 4), "num_samples": 1024,
                   "batch_size": 64, "steps": 300, "learning_rate": 0.6, "noise_shift": 0.5,
                   "noise_scale_range": (2.0 / 3.0, 1.5), "probe_every": 10, "seed": 0}


def test_normalization_page_describes_the_experiment_as_configured() -> None:
    config = ExperimentConfig()
    assert {key: getattr(config, key) for key in EXPECTED_CONFIG} == EXPECTED_CONFIG
    stated("dl/normalization.md", f"`{config.layer_sizes}`", "$[2/3, 1.5]$", "$[-0.5, 0.5]$")
    stated("dl/normalization.md", f"{len(config.layer_sizes) - 1} 层全连接", f"{config.num_samples} 个 20 维",
           f"批大小 {config.batch_size}，学习率 {config.learning_rate}，训练 {config.steps} 步",
           f"每隔 {config.probe_every} 步", language="zh")
    stated("dl/normalization.md", f"{len(config.layer_sizes) - 1}-layer fully connected",
           f"{config.num_samples} Gaussian samples in 20 dimensions",
           f"Batch size {config.batch_size}, learning rate {config.learning_rate}, {config.steps} steps",
           f"every {config.probe_every} steps", language="en")


def test_normalization_page_states_the_experiment_summary() -> None:
    defaults = inspect.signature(summarize).parameters
    assert (defaults["early_steps"].default, defaults["final_steps"].default) == (100, 30)
    stated("dl/normalization.md", "前 100 步平均损失", "最后 30 步平均损失", language="zh")
    stated("dl/normalization.md", "first 100 steps", "last 30 steps", language="en")
    stated("dl/notebooks/bn_smoothness.py", "前 100 步和最后 30 步", language="zh")
    stated("dl/notebooks/bn_smoothness.py", "first 100 and the last 30 steps", language="en")
    summary = summarize(run_experiment())
    names = {"zh": {"standard": "无 BN", "batch_norm": "BN", "noisy_batch_norm": "BN + 噪声"},
             "en": {"standard": "standard", "batch_norm": "batch norm", "noisy_batch_norm": "batch norm + noise"}}
    for language in LANGUAGES:
        for variant, row in summary.items():
            cells = [row[key] for key in ("early_loss", "final_loss", "median_loss_variation",
                                          "mean_loss_variation", "max_loss_variation")]
            line = f"| {names[language][variant]} | " + " | ".join(f"{value:.3f}" for value in cells) + " |"
            stated("dl/normalization.md", line, language=language)
    largest = {variant: row["max_loss_variation"] for variant, row in summary.items()}
    assert largest["standard"] > 10 * max(largest["batch_norm"], largest["noisy_batch_norm"])
    assert largest["standard"] > 10
    for statistic in ("median_loss_variation", "mean_loss_variation"):
        assert summary["standard"][statistic] > max(summary["batch_norm"][statistic],
                                                    summary["noisy_batch_norm"][statistic])
    decades = {variant: np.log10(result.loss_variation.max() / result.loss_variation.min())
               for variant, result in run_experiment().items()}
    assert decades["standard"] > 3 > 1.5 > max(decades["batch_norm"], decades["noisy_batch_norm"])
    stated("dl/normalization.md", "三个多数量级", language="zh")
    stated("dl/normalization.md", "more than three orders of magnitude", language="en")


@pytest.fixture(scope="module")
def summaries_by_seed() -> dict[int, dict[str, dict[str, float]]]:
    return {seed: summarize(run_experiment(ExperimentConfig(seed=seed))) for seed in range(5)}


def test_the_orderings_hold_for_seeds_0_to_4(summaries_by_seed) -> None:
    for seed, summary in summaries_by_seed.items():
        for key in ("early_loss", "final_loss"):
            ordering = sorted(summary, key=lambda variant: summary[variant][key])
            assert ordering == ["batch_norm", "noisy_batch_norm", "standard"], (seed, key)
        largest = {variant: row["max_loss_variation"] for variant, row in summary.items()}
        assert largest["standard"] > 5 * max(largest["batch_norm"], largest["noisy_batch_norm"]), seed
    stated("dl/normalization.md", "种子 0 到 4", language="zh")
    stated("dl/normalization.md", "seeds 0 to 4", language="en")
    stated("dl/notebooks/bn_smoothness.py", "5 个种子", language="zh")
    stated("dl/notebooks/bn_smoothness.py", "5 seeds", language="en")


def test_the_median_loss_variation_is_not_robust(summaries_by_seed) -> None:
    """With seed 2 the standard network stalls near chance level (log 4 for 4 classes), and its median is lowest."""
    summary = summaries_by_seed[2]
    medians = {variant: row["median_loss_variation"] for variant, row in summary.items()}
    assert medians["standard"] < min(medians["batch_norm"], medians["noisy_batch_norm"])
    stalled = run_experiment(ExperimentConfig(seed=2))["standard"].losses[50:]
    assert abs(stalled.mean() - math.log(4)) < 0.1
    stated("dl/normalization.md", "种子 2", language="zh")
    stated("dl/normalization.md", "seed 2", language="en")


def test_normalization_page_on_pytorch_defaults_and_transformer_layer_norm() -> None:
    """The facts themselves are checked against PyTorch in tests/dl/test_torch_crosscheck.py."""
    stated("dl/normalization.md", "`InstanceNorm2d`", "`affine=False`", "`affine=True`", "`track_running_stats=False`",
           "`nn.LayerNorm(d)`", "$C = d$", "$H = W = 1$")
    stated("dl/normalization.md", "每个词元", "隐藏维", language="zh")
    stated("dl/normalization.md", "each token", "hidden dimension", language="en")


def test_normalization_page_on_float16() -> None:
    """A float16 variance overflows once the standard deviation reaches sqrt(65504) ~ 256."""
    largest = float(np.finfo(np.float16).max)
    threshold = math.sqrt(largest)
    assert largest == 65504 and round(threshold) == 256
    with np.errstate(over="ignore"):
        assert np.isinf(np.float16(threshold + 1) ** 2) and np.isfinite(np.float16(threshold - 1) ** 2)
    stated("dl/normalization.md", f"${largest:.0f}$", f"${round(threshold)}$", "float32")


def percent(fraction: float) -> str:
    return f"{100 * fraction:.0f}%"


def test_noisy_batch_norm_keeps_only_part_of_the_gain(summaries_by_seed) -> None:
    """The page's numbers for how much of BN's gain the noisy variant keeps, on seed 0 and over seeds 0 to 4."""
    kept = {seed: {statistic: fraction_of_gain_kept(summary, statistic) for statistic in ("early_loss", "final_loss")}
            for seed, summary in summaries_by_seed.items()}
    final = {seed: fractions["final_loss"] for seed, fractions in kept.items()}
    assert all(0.2 < fraction < 0.9 for fractions in kept.values() for fraction in fractions.values())
    assert kept[0]["final_loss"] < 0.5 < kept[0]["early_loss"]
    assert max(final, key=final.get) == 2  # the seed on which the standard network stalls
    seed0 = summaries_by_seed[0]
    losses = [seed0[variant]["final_loss"] for variant in ("standard", "batch_norm", "noisy_batch_norm")]
    stated("dl/normalization.md", "无 BN 是 {:.3f}，BN 是 {:.3f}，BN + 噪声是 {:.3f}".format(*losses),
           f"保留了 BN 降幅的 {percent(kept[0]['final_loss'])}", f"保留了 {percent(kept[0]['early_loss'])}",
           f"在 {percent(min(final.values()))} 到 {percent(max(final.values()))} 之间",
           f"最高的 {percent(final[2])} 出自种子 2", language="zh")
    stated("dl/normalization.md", "the standard network ends at {:.3f}, BN at {:.3f} and BN + noise at {:.3f}".format(
               *losses), f"keeps only {percent(kept[0]['final_loss'])} of BN's improvement",
           f"it keeps {percent(kept[0]['early_loss'])}",
           f"lies between {percent(min(final.values()))} and {percent(max(final.values()))}",
           f"the highest, {percent(final[2])}, comes from seed 2", language="en")
    for language, overclaims in (("zh", ("好得多", "明显好于无 BN", "大部分保留")),
                                 ("en", ("much better", "clearly better than without BN", "most of the benefit"))):
        for relative in ("dl/normalization.md", "dl/notebooks/bn_smoothness.py", "dl/index.md"):
            text = page_text(relative, language)
            assert not [claim for claim in overclaims if claim in text], (relative, language)


def test_the_noise_is_one_scale_and_shift_per_channel_shared_by_the_batch() -> None:
    """Unlike Santurkar et al., who draw i.i.d. noise for every activation; the pages must say so."""
    config = ExperimentConfig()
    network = Network(config.layer_sizes, use_batch_norm=True)
    noise = draw_noise(network, config, np.random.default_rng(0))
    assert [scale.shape for scale in noise.scales] == [(width,) for width in config.layer_sizes[1:-1]]
    x = np.random.default_rng(1).normal(size=(8, config.layer_sizes[0]))
    labels = np.arange(8) % config.layer_sizes[-1]
    _, clean = network.forward(x, labels)
    _, noisy = network.forward(x, labels, noise)
    np.testing.assert_allclose(noisy.pre_relu[0], noise.scales[0] * clean.pre_relu[0] + noise.shifts[0], rtol=1e-12)
    for relative in ("dl/normalization.md", "dl/notebooks/bn_smoothness.py"):
        stated(relative, "整批样本共用", "每个激活值独立", language="zh")
        stated(relative, "shared by the whole batch", "independently for every activation", language="en")
    stated("dl/normalization.md", "i.i.d.")


# ---------------------------------------------------------------------------------------------
# Notebooks
# ---------------------------------------------------------------------------------------------

def code_of(notebook: str) -> str:
    cells = jupytext.read(DOCS_DIR / notebook).cells
    return "\n\n".join(cell.source for cell in cells if cell.cell_type == "code")


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_notebook_needs_under_five_seconds_of_cpu(notebook: str, tmp_path: Path) -> None:
    """A budget for the cold build, in CPU time: wall time failed whenever the machine was busy."""
    script = tmp_path / "notebook.py"
    script.write_text(textwrap.dedent("""\
        import time, warnings
        warnings.filterwarnings("ignore", message=".*non-interactive.*")
        start = time.process_time()
        exec(compile(open({source!r}).read(), {name!r}, "exec"), {{"__name__": "__main__"}})
        print("ELAPSED", time.process_time() - start)
        """).format(source=str(tmp_path / "cells.py"), name=notebook))
    (tmp_path / "cells.py").write_text(code_of(notebook))
    result = subprocess.run([sys.executable, str(script)], cwd=REPO_ROOT, capture_output=True, text=True,
                            env={**os.environ, "MPLBACKEND": "Agg"}, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    elapsed = float(result.stdout.rsplit("ELAPSED", 1)[1])
    assert elapsed < 5.0, f"{notebook} took {elapsed:.1f} s of CPU time"


def test_train_mlp_notebook_claims() -> None:
    x, target = make_regression_data(num_samples=128, seed=0)
    final = {name: train(MLP([2, 16, 16, 2], activation=name, seed=0), x, target, learning_rate=0.5,
                         steps=1000)[-1] for name in ("sigmoid", "tanh", "relu", "gelu")}
    assert max(final, key=final.get) == "sigmoid"
    assert sorted(final, key=final.get)[:2] in (["relu", "gelu"], ["gelu", "relu"])
    assert gradient_check(MLP([2, 16, 16, 2], activation="tanh", seed=0), x[:16], target[:16]) < 1e-6


# ---------------------------------------------------------------------------------------------
# Errata: every correction the pages link to is listed, with tests that exist
# ---------------------------------------------------------------------------------------------

ERRATUM_LINK = re.compile(r"\.\./errata\.md#(dl-[a-z]\d+)")
NODE_ID = re.compile(r"`(tests/[\w/]+\.py)::(\w+)(?:\[[^\]`]*\])?`")


def deep_learning_section(language: str) -> str:
    return errata_section(language, "deep-learning")


@pytest.mark.parametrize("language", LANGUAGES)
def test_errata_list_every_correction_the_pages_link_to(language: str) -> None:
    section = deep_learning_section(language)
    linked = {anchor for relative in PAGES for anchor in ERRATUM_LINK.findall(page_text(relative, language))}
    listed = set(re.findall(r"\{#(dl-[a-z]\d+)\}", section))
    assert linked and linked == listed


@pytest.mark.parametrize("language", LANGUAGES)
def test_errata_cite_tests_that_exist(language: str) -> None:
    section = deep_learning_section(language)
    entries = re.split(r"\n### ", section)[1:]
    assert entries
    for entry in entries:
        proof = ERRATA_PROOF_LINE.search(entry)
        assert proof, f"an erratum has no proof line: {entry[:60]!r}"
        cited = NODE_ID.findall(proof[1])
        if not cited:  # only a question of sources, which no code can settle, and it must say so
            assert proof[1].startswith(("无：", "None:")), f"an erratum cites no test: {entry[:60]!r}"
        for path, name in cited:
            source = REPO_ROOT / path
            assert source.is_file(), path
            assert re.search(rf"^def {name}\(", source.read_text(encoding="utf-8"), re.MULTILINE), f"{path}::{name}"


def test_errata_entries_match_across_languages() -> None:
    def outline(language: str) -> list[tuple[str, list[str]]]:
        section = deep_learning_section(language)
        heads = re.findall(r"^### ([BVANF])(\d+) · .+ \{#dl-([bvanf])(\d+)\}$", section, re.MULTILINE)
        assert all(group.lower() == anchor_group and number == anchor_number
                   for group, number, anchor_group, anchor_number in heads)
        entries = re.split(r"\n### ", section)[1:]
        assert len(entries) == len(heads)
        return [(f"{group}{number}", NODE_ID.findall(entry)) for (group, number, _, _), entry in zip(heads, entries)]

    zh, en = outline("zh"), outline("en")
    assert zh == en
    for group in "BVANF":
        numbers = [int(name[1:]) for name, _ in zh if name[0] == group]
        assert numbers == list(range(1, len(numbers) + 1)), f"{group} entries are not numbered 1, 2, ..."


@pytest.mark.parametrize("language", LANGUAGES)
def test_errata_headings_hold_no_math(language: str) -> None:
    headings = re.findall(r"^#+ .*$", deep_learning_section(language), re.MULTILINE)
    assert headings and not [heading for heading in headings if "$" in heading]


def test_bn_notebook_claims_about_the_loss_along_the_gradient_at_initialization() -> None:
    """The notebook's last plot: without BN the loss turns up early and climbs steeply; with BN it stays low."""
    from snippets.dl.bn_experiment import losses_along_gradient_at_init

    config = ExperimentConfig()
    step_sizes = np.linspace(0.0, 4 * config.learning_rate, 41)
    curves = {variant: losses_along_gradient_at_init(variant, step_sizes, config)
              for variant in ("standard", "batch_norm", "noisy_batch_norm")}
    lr = config.learning_rate
    best = {variant: step_sizes[np.argmin(curve)] for variant, curve in curves.items()}
    below_start = {variant: step_sizes[curve < curve[0]].max() for variant, curve in curves.items()}
    standard = curves["standard"]
    assert best["standard"] < lr / 2
    assert standard[np.searchsorted(step_sizes, lr)] > standard.min()  # already rising at the learning rate
    assert standard[-1] > 10 * standard[0]
    for variant in ("batch_norm", "noisy_batch_norm"):
        assert curves[variant][-1] < 2 * curves[variant][0]
        assert below_start[variant] > 2 * below_start["standard"]
        assert abs(best[variant] - lr) < abs(best["standard"] - lr)


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_notebook_cells_print_once(notebook: str) -> None:
    """One print per cell: output printed over a long cell is split into chunks by timing, and the
    built page would then differ from build to build."""
    cells = [cell.source for cell in jupytext.read(DOCS_DIR / notebook).cells if cell.cell_type == "code"]
    assert all(source.count("print(") <= 1 for source in cells)
