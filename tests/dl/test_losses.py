"""The losses of snippets/dl/losses.py against PyTorch and its autograd, at float32 and float64, extremes included."""

from __future__ import annotations

import numpy as np
import pytest

from snippets.dl.losses import (
    binary_cross_entropy_with_logits,
    binary_cross_entropy_with_logits_grad,
    cross_entropy,
    cross_entropy_grad,
    log_softmax,
    sigmoid_focal_loss,
    sigmoid_focal_loss_grad,
    softmax,
)
from tests.support import require_module

torch = require_module(
    "torch", "the cross-check against autograd needs it (.venv/bin/pip install torch==2.13.0; "
    ".ci/run installs the CPU build)")
F = torch.nn.functional

TOLERANCES = {np.float64: {"rtol": 1e-10, "atol": 1e-14}, np.float32: {"rtol": 2e-5, "atol": 1e-7}}
DTYPES = list(TOLERANCES)
IDS = ["float64", "float32"]
EXTREMES = np.array([-1e4, -100.0, -30.0, -1.0, 0.0, 1.0, 30.0, 100.0, 1e4])


def logits_and_targets(dtype: type) -> tuple[np.ndarray, np.ndarray]:
    """Ordinary rows and rows of extreme logits (±1e4 among them), with every kind of target."""
    rng = np.random.default_rng(14)
    ordinary = rng.normal(0.0, 3.0, size=(16, 5))
    extreme = rng.choice(EXTREMES, size=(24, 5))
    extreme[:5] = [[1e4, -1e4, 0.0, 0.0, 0.0], [-1e4] * 5, [1e4] * 5, [1e4, 1e4, -1e4, 0, 0], [0, 0, 0, 0, 1e4]]
    logits = np.concatenate([ordinary, extreme]).astype(dtype)
    return logits, rng.integers(0, 5, size=len(logits))


def binary_logits_and_targets(dtype: type) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(15)
    logits = np.concatenate([rng.normal(0.0, 4.0, size=60), np.repeat(EXTREMES, 4)]).astype(dtype)
    hard = rng.integers(0, 2, size=logits.size).astype(dtype)
    hard[-36::2] = 1.0 - hard[-36::2]
    return logits, hard


def torch_value_and_grad(function, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    tensor = torch.tensor(x, requires_grad=True)
    output = function(tensor)
    output.sum().backward()
    return output.detach().numpy(), tensor.grad.numpy()


def torchvision_sigmoid_focal_loss(inputs, targets, alpha: float = 0.25, gamma: float = 2.0):
    """torchvision.ops.sigmoid_focal_loss (0.28) written out, reduction="mean"; torchvision does not import
    beside the CPU build of torch."""
    p = torch.sigmoid(inputs)
    ce_loss = F.binary_cross_entropy_with_logits(inputs, targets, reduction="none")
    p_t = p * targets + (1 - p) * (1 - targets)
    loss = ce_loss * ((1 - p_t) ** gamma)
    if alpha >= 0:
        alpha_t = alpha * targets + (1 - alpha) * (1 - targets)
        loss = alpha_t * loss
    return loss.mean()


@pytest.mark.parametrize("dtype", DTYPES, ids=IDS)
def test_softmax_and_log_softmax_match_torch(dtype: type) -> None:
    logits = logits_and_targets(dtype)[0]
    for axis in (-1, 0):
        ours = softmax(logits, axis=axis), log_softmax(logits, axis=axis)
        theirs = F.softmax(torch.tensor(logits), dim=axis).numpy(), F.log_softmax(torch.tensor(logits), dim=axis).numpy()
        for a, b in zip(ours, theirs):
            assert a.dtype == dtype and np.all(np.isfinite(a))
            np.testing.assert_allclose(a, b, **TOLERANCES[dtype])


@pytest.mark.parametrize("label_smoothing", [0.0, 0.1])
@pytest.mark.parametrize("dtype", DTYPES, ids=IDS)
def test_cross_entropy_and_its_gradient_match_autograd(dtype: type, label_smoothing: float) -> None:
    logits, target = logits_and_targets(dtype)
    value, grad = torch_value_and_grad(
        lambda t: F.cross_entropy(t, torch.tensor(target), label_smoothing=label_smoothing), logits)
    loss = cross_entropy(logits, target, label_smoothing)
    assert loss.dtype == dtype and np.isfinite(loss)
    np.testing.assert_allclose(loss, value, **TOLERANCES[dtype])
    np.testing.assert_allclose(cross_entropy_grad(logits, target, label_smoothing), grad, **TOLERANCES[dtype])


@pytest.mark.parametrize("dtype", DTYPES, ids=IDS)
def test_binary_cross_entropy_with_logits_matches_autograd(dtype: type) -> None:
    logits, target = binary_logits_and_targets(dtype)
    soft = np.linspace(0.0, 1.0, logits.size).astype(dtype)
    for y in (target, soft):
        value, grad = torch_value_and_grad(lambda t: F.binary_cross_entropy_with_logits(t, torch.tensor(y)), logits)
        loss = binary_cross_entropy_with_logits(logits, y)
        assert loss.dtype == dtype and np.isfinite(loss)
        np.testing.assert_allclose(loss, value, **TOLERANCES[dtype])
        np.testing.assert_allclose(binary_cross_entropy_with_logits_grad(logits, y), grad, **TOLERANCES[dtype])


@pytest.mark.parametrize("alpha, gamma", [(0.25, 2.0), (None, 2.0), (0.5, 0.0), (0.25, 1.0), (0.75, 3.0)])
@pytest.mark.parametrize("dtype", DTYPES, ids=IDS)
def test_sigmoid_focal_loss_matches_torchvisions_formula_under_autograd(dtype: type, alpha, gamma: float) -> None:
    logits, target = binary_logits_and_targets(dtype)
    value, grad = torch_value_and_grad(
        lambda t: torchvision_sigmoid_focal_loss(t, torch.tensor(target), -1 if alpha is None else alpha, gamma),
        logits)
    loss = sigmoid_focal_loss(logits, target, alpha, gamma)
    assert loss.dtype == dtype and np.isfinite(loss)
    np.testing.assert_allclose(loss, value, **TOLERANCES[dtype])
    ours = sigmoid_focal_loss_grad(logits, target, alpha, gamma)
    assert np.all(np.isfinite(ours))
    np.testing.assert_allclose(ours, grad, **TOLERANCES[dtype])


def test_focal_loss_with_gamma_zero_and_no_alpha_is_binary_cross_entropy() -> None:
    logits, target = binary_logits_and_targets(np.float64)
    assert sigmoid_focal_loss(logits, target, None, 0.0) == pytest.approx(
        binary_cross_entropy_with_logits(logits, target), rel=1e-14)
    np.testing.assert_allclose(sigmoid_focal_loss_grad(logits, target, None, 0.0),
                               binary_cross_entropy_with_logits_grad(logits, target), rtol=1e-14)


def test_float16_is_computed_in_float32_and_returned_in_float16() -> None:
    logits, target = logits_and_targets(np.float32)
    logits16 = np.clip(logits, -6e4, 6e4).astype(np.float16)
    loss = cross_entropy(logits16, target)
    assert loss.dtype == np.float16
    assert loss == np.float16(cross_entropy(logits16.astype(np.float32), target))
    assert softmax(logits16).dtype == np.float16 and np.all(np.isfinite(softmax(logits16)))


def test_central_differences_agree_with_the_gradients() -> None:
    rng = np.random.default_rng(3)
    logits, target = rng.normal(size=(4, 3)), rng.integers(0, 3, size=4)
    binary = rng.uniform(0, 1, size=(4, 3))
    step = 1e-6
    cases = [(lambda z: cross_entropy(z, target, 0.1), cross_entropy_grad(logits, target, 0.1)),
             (lambda z: sigmoid_focal_loss(z, binary), sigmoid_focal_loss_grad(logits, binary))]
    for loss, grad in cases:
        numeric = np.zeros_like(logits)
        for index in np.ndindex(logits.shape):
            bump = np.zeros_like(logits)
            bump[index] = step
            numeric[index] = (loss(logits + bump) - loss(logits - bump)) / (2 * step)
        np.testing.assert_allclose(grad, numeric, rtol=1e-6, atol=1e-10)


@pytest.mark.parametrize("call, message", [
    (lambda: softmax([1.0, np.inf]), "finite"),
    (lambda: softmax(np.zeros((2, 0))), "empty axis"),
    (lambda: softmax([1.0, 2.0], axis=1), "out of range"),
    (lambda: cross_entropy(np.zeros(3), [0]), r"shape \(N, K\)"),
    (lambda: cross_entropy(np.zeros((2, 3)), [0.0, 1.0]), "integer class indices"),
    (lambda: cross_entropy(np.zeros((2, 3)), [0, 3]), r"class indices in \[0, 2\]"),
    (lambda: cross_entropy(np.zeros((2, 3)), [0]), r"shape \(N,\)"),
    (lambda: cross_entropy(np.zeros((2, 3)), [0, 1], label_smoothing=1.5), "label_smoothing"),
    (lambda: binary_cross_entropy_with_logits(np.zeros(2), [0.0, 2.0]), r"probabilities in \[0, 1\]"),
    (lambda: binary_cross_entropy_with_logits(np.zeros(2), [0.0]), "shape of logits"),
    (lambda: binary_cross_entropy_with_logits(np.zeros(0), np.zeros(0)), "empty"),
    (lambda: sigmoid_focal_loss(np.zeros(2), [0.0, 1.0], alpha=-1), "alpha"),
    (lambda: sigmoid_focal_loss_grad(np.zeros(2), [0.0, 1.0], gamma=-1), "gamma"),
])
def test_bad_input_raises_a_clear_value_error(call, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()
