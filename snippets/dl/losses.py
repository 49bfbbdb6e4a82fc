r"""Softmax, cross-entropy, binary cross-entropy with logits and the focal loss, with their gradients.

Every loss takes logits (pre-activation scores), never probabilities, and is computed in a form
that stays finite for logits of $\pm 10^4$ in float32: softmax and log-softmax subtract the
row maximum (the log-sum-exp trick), the binary losses use the softplus form
$\log(1 + e^{x}) = \max(x, 0) + \log(1 + e^{-|x|})$. Losses are means over the batch
(cross-entropy) or over all elements (the binary losses), as PyTorch's default
`reduction="mean"`; each `_grad` is the gradient of that mean with respect to the logits.

Float16 input is computed in float32 and the result rounded back to float16, as PyTorch does on
the CPU. Bad input raises ValueError naming the problem: logits that are not finite, a target of
the wrong shape or out of range, settings outside their domain.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from snippets.dl._arrays import as_finite_float, as_real_array, at_least_float32


def _check_logits(logits: ArrayLike, name: str = "logits") -> tuple[np.ndarray, np.dtype]:
    """The logits in their working dtype (at least float32), and the dtype to return."""
    array = as_real_array(logits, name)
    if array.size and not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must be finite numbers, got {np.sum(~np.isfinite(array))} inf or NaN value(s)")
    return array.astype(at_least_float32(array.dtype), copy=False), array.dtype


def _check_axis(x: np.ndarray, axis: int) -> int:
    if isinstance(axis, bool) or not isinstance(axis, (int, np.integer)):
        raise ValueError(f"axis must be an integer, got {axis!r}")
    if not -x.ndim <= axis < x.ndim:
        raise ValueError(f"axis {axis} is out of range for an array of {x.ndim} dimension(s)")
    if x.shape[axis] == 0:
        raise ValueError(f"softmax over an empty axis: axis {axis} of shape {x.shape} has no values")
    return int(axis)


def _check_classification(logits: ArrayLike, target: ArrayLike) -> tuple[np.ndarray, np.ndarray, np.dtype]:
    x, dtype = _check_logits(logits)
    if x.ndim != 2 or x.shape[0] == 0 or x.shape[1] == 0:
        raise ValueError(f"logits must have shape (N, K) with N, K >= 1, got shape {x.shape}")
    target = np.asarray(target)
    if target.dtype.kind not in "iu":
        raise ValueError(f"target must hold integer class indices, got dtype {target.dtype}")
    if target.shape != (x.shape[0],):
        raise ValueError(f"target must have shape (N,) = ({x.shape[0]},), got shape {target.shape}")
    if np.any(target < 0) or np.any(target >= x.shape[1]):
        raise ValueError(f"target must hold class indices in [0, {x.shape[1] - 1}], "
                         f"got values from {target.min()} to {target.max()}")
    return x, target, dtype


def _check_label_smoothing(label_smoothing: float) -> float:
    label_smoothing = as_finite_float(label_smoothing, "label_smoothing")
    if not 0.0 <= label_smoothing <= 1.0:
        raise ValueError(f"label_smoothing must be in [0, 1], got {label_smoothing}")
    return label_smoothing


def _check_binary(logits: ArrayLike, target: ArrayLike) -> tuple[np.ndarray, np.ndarray, np.dtype]:
    x, dtype = _check_logits(logits)
    if x.size == 0:
        raise ValueError("logits is empty: the mean over no elements is undefined")
    y = as_real_array(target, "target")
    if y.shape != x.shape:
        raise ValueError(f"target must have the shape of logits, {x.shape}, got {y.shape}")
    if not np.all((y >= 0.0) & (y <= 1.0)):
        raise ValueError("target must hold probabilities in [0, 1]")
    return x, y.astype(x.dtype, copy=False), dtype


def _scalar(value: np.ndarray, dtype: np.dtype) -> np.floating:
    return np.asarray(value).astype(dtype)[()]


# --8<-- [start:softmax]
def softmax(x: ArrayLike, axis: int = -1) -> np.ndarray:
    r"""$\mathrm{softmax}(x)_k = e^{x_k - m} / \sum_j e^{x_j - m}$ with $m = \max_j x_j$ along `axis`."""
    x, dtype = _check_logits(x, "x")
    axis = _check_axis(x, axis)
    exp_shifted = np.exp(x - x.max(axis=axis, keepdims=True))
    return (exp_shifted / exp_shifted.sum(axis=axis, keepdims=True)).astype(dtype, copy=False)


def log_softmax(x: ArrayLike, axis: int = -1) -> np.ndarray:
    r"""$\log \mathrm{softmax}(x)_k = (x_k - m) - \log \sum_j e^{x_j - m}$: the log-sum-exp trick."""
    x, dtype = _check_logits(x, "x")
    axis = _check_axis(x, axis)
    shifted = x - x.max(axis=axis, keepdims=True)
    return (shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))).astype(dtype, copy=False)
# --8<-- [end:softmax]


# --8<-- [start:cross_entropy]
def cross_entropy(logits: ArrayLike, target: ArrayLike, label_smoothing: float = 0.0) -> np.floating:
    r"""Mean over the batch of $-\sum_k q_k \log p_k$, with $p = \mathrm{softmax}(z)$ and
    $q = (1 - \varepsilon)\,\mathrm{onehot}(t) + \varepsilon / K$ ($\varepsilon$ = `label_smoothing`)."""
    z, target, dtype = _check_classification(logits, target)
    label_smoothing = _check_label_smoothing(label_smoothing)
    log_p = log_softmax(z)
    nll = -log_p[np.arange(len(target)), target]
    loss = (1.0 - label_smoothing) * nll - label_smoothing * log_p.mean(axis=1)
    return _scalar(loss.mean(), dtype)


def cross_entropy_grad(logits: ArrayLike, target: ArrayLike, label_smoothing: float = 0.0) -> np.ndarray:
    r"""$\partial L / \partial z = (p - q) / N$; without label smoothing $q$ is the one-hot target."""
    z, target, dtype = _check_classification(logits, target)
    label_smoothing = _check_label_smoothing(label_smoothing)
    num_samples, num_classes = z.shape
    q = np.full(z.shape, label_smoothing / num_classes, dtype=z.dtype)
    q[np.arange(num_samples), target] += 1.0 - label_smoothing
    return ((softmax(z) - q) / num_samples).astype(dtype, copy=False)
# --8<-- [end:cross_entropy]


# --8<-- [start:bce]
def _softplus(x: np.ndarray) -> np.ndarray:
    r"""$\log(1 + e^{x}) = \max(x, 0) + \log(1 + e^{-|x|})$, finite for every finite $x$."""
    return np.maximum(x, 0.0) + np.log1p(np.exp(-np.abs(x)))


def _sigmoid(x: np.ndarray) -> np.ndarray:
    exp_minus_abs = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + exp_minus_abs), exp_minus_abs / (1.0 + exp_minus_abs))


def binary_cross_entropy_with_logits(logits: ArrayLike, target: ArrayLike) -> np.floating:
    r"""Mean of $-y \log \sigma(x) - (1 - y) \log(1 - \sigma(x)) = \mathrm{softplus}(x) - x y$."""
    x, y, dtype = _check_binary(logits, target)
    with np.errstate(under="ignore"):
        return _scalar((_softplus(x) - x * y).mean(), dtype)


def binary_cross_entropy_with_logits_grad(logits: ArrayLike, target: ArrayLike) -> np.ndarray:
    r"""$\partial L / \partial x = (\sigma(x) - y) / n$ for the mean over $n$ elements."""
    x, y, dtype = _check_binary(logits, target)
    with np.errstate(under="ignore"):
        return ((_sigmoid(x) - y) / x.size).astype(dtype, copy=False)
# --8<-- [end:bce]


# --8<-- [start:focal]
def _check_focal(alpha: float | None, gamma: float) -> tuple[float | None, float]:
    if alpha is not None:
        alpha = as_finite_float(alpha, "alpha")
        if not 0.0 <= alpha <= 1.0:
            raise ValueError(f"alpha must be in [0, 1] (or None for no weighting), got {alpha}")
    gamma = as_finite_float(gamma, "gamma")
    if gamma < 0.0:
        raise ValueError(f"gamma must be non-negative, got {gamma}")
    return alpha, gamma


def _focal_terms(x: np.ndarray, y: np.ndarray, alpha: float | None) -> tuple[np.ndarray, ...]:
    r"""Cross-entropy, $1 - p_t = y\,\sigma(-x) + (1 - y)\,\sigma(x)$ and $\alpha_t$ (1 without alpha)."""
    ce = _softplus(x) - x * y
    one_minus_p_t = y * _sigmoid(-x) + (1.0 - y) * _sigmoid(x)
    alpha_t = np.ones_like(x) if alpha is None else alpha * y + (1.0 - alpha) * (1.0 - y)
    return ce, one_minus_p_t, alpha_t


def sigmoid_focal_loss(logits: ArrayLike, target: ArrayLike, alpha: float | None = 0.25,
                       gamma: float = 2.0) -> np.floating:
    r"""RetinaNet's focal loss, mean over elements: $\alpha_t (1 - p_t)^\gamma \, \mathrm{CE}(x, y)$."""
    alpha, gamma = _check_focal(alpha, gamma)
    x, y, dtype = _check_binary(logits, target)
    with np.errstate(under="ignore"):
        ce, one_minus_p_t, alpha_t = _focal_terms(x, y, alpha)
        return _scalar((alpha_t * one_minus_p_t**gamma * ce).mean(), dtype)


def sigmoid_focal_loss_grad(logits: ArrayLike, target: ArrayLike, alpha: float | None = 0.25,
                            gamma: float = 2.0) -> np.ndarray:
    r"""$\alpha_t \left[(1 - p_t)^\gamma (\sigma(x) - y)
    + \gamma (1 - p_t)^{\gamma - 1} (1 - 2y)\,\sigma(x)\sigma(-x)\,\mathrm{CE}\right] / n$."""
    alpha, gamma = _check_focal(alpha, gamma)
    x, y, dtype = _check_binary(logits, target)
    with np.errstate(under="ignore", divide="ignore"):
        ce, one_minus_p_t, alpha_t = _focal_terms(x, y, alpha)
        modulating_slope = np.zeros_like(x) if gamma == 0.0 else \
            np.where(one_minus_p_t > 0.0, gamma * one_minus_p_t ** (gamma - 1.0), 0.0)
        grad = one_minus_p_t**gamma * (_sigmoid(x) - y) \
            + modulating_slope * (1.0 - 2.0 * y) * _sigmoid(x) * _sigmoid(-x) * ce
        return (alpha_t * grad / x.size).astype(dtype, copy=False)
# --8<-- [end:focal]
