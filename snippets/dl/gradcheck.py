r"""Central differences, the reference every analytic gradient here is checked against.

$f'(x) \approx \dfrac{f(x + h) - f(x - h)}{2h}$, with error $O(h^2)$ from truncation and
$O(\epsilon_{\text{mach}} |f| / h)$ from rounding; $h = 10^{-5}$ balances both in float64.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

DEFAULT_STEP = 1e-5


def central_difference(function: Callable[[np.ndarray], np.ndarray], x: np.ndarray,
                       step: float = DEFAULT_STEP) -> np.ndarray:
    """Derivative of an elementwise function at every entry of `x`."""
    x = np.asarray(x, dtype=np.float64)
    return (np.asarray(function(x + step)) - np.asarray(function(x - step))) / (2.0 * step)


def numerical_gradient(loss: Callable[[], float], parameter: np.ndarray,
                       step: float = DEFAULT_STEP) -> np.ndarray:
    r"""Gradient of a scalar `loss()` with respect to every entry of `parameter`.

    Each entry is moved by $\pm h$ in place (and restored), so `loss` must read `parameter`.
    """
    gradient = np.zeros_like(parameter, dtype=np.float64)
    for index in np.ndindex(parameter.shape):
        original = parameter[index]
        parameter[index] = original + step
        loss_plus = loss()
        parameter[index] = original - step
        loss_minus = loss()
        parameter[index] = original
        gradient[index] = (loss_plus - loss_minus) / (2.0 * step)
    return gradient


def relative_error(analytic: np.ndarray, numeric: np.ndarray, floor: float = 1e-8) -> float:
    r"""Largest $|a - n| / \max(|a|, |n|, \text{floor})$ over all entries.

    The floor keeps entries that are zero up to rounding from dominating the result.
    """
    analytic = np.asarray(analytic, dtype=np.float64)
    numeric = np.asarray(numeric, dtype=np.float64)
    scale = np.maximum(np.maximum(np.abs(analytic), np.abs(numeric)), floor)
    return float(np.max(np.abs(analytic - numeric) / scale))
