r"""Activation functions and their derivatives in NumPy.

Every function accepts a Python scalar or an array. Float16, float32 and float64 inputs
keep their dtype, integers and booleans become float64, and a scalar input gives a NumPy
scalar back. Strings, complex numbers and other non-real input raise TypeError.

Float16 input is computed in float32 and the result rounded to float16, as PyTorch does on
the CPU: in float16 itself $x^3$ overflows beyond $|x| \approx 40$, and from $|x| \approx 67$ on the
derivative of the tanh approximation of GELU would be NaN.

The formulas avoid `exp` of large positive arguments, so inputs as large as
$\pm 10^4$ give finite results without overflow or invalid-operation warnings.
Results that underflow to zero (e.g. $\sigma(-10^4)$) are exact to working precision,
so underflow is ignored.

The derivatives at the kinks of ReLU, leaky ReLU and ReLU6 follow PyTorch's autograd:
the derivative is that of the piece on the left of a kink at 0 and that of the piece
on the right of the kink at 6 (i.e. the interior 0 < x < 6 is open).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from typing import TypeAlias

import numpy as np
from numpy.typing import ArrayLike

from snippets.dl._arrays import as_finite_float, as_real_array, at_least_float32

ArrayOrScalar: TypeAlias = np.ndarray | np.floating

SQRT_2 = math.sqrt(2.0)
SQRT_2_OVER_PI = math.sqrt(2.0 / math.pi)
GELU_TANH_CUBIC = 0.044715

_erfc = np.frompyfunc(math.erfc, 1, 1)


def _elementwise(function: Callable[..., np.ndarray]) -> Callable[..., ArrayOrScalar]:
    """Check the input, compute in its floating dtype (at least float32) and return an array
    or a scalar of the input's dtype."""

    @functools.wraps(function)
    def wrapper(x: ArrayLike, *args: float, **kwargs: float) -> ArrayOrScalar:
        array = as_real_array(x)
        working = array.astype(at_least_float32(array.dtype), copy=False)
        with np.errstate(under="ignore"):
            result = np.asarray(function(working, *args, **kwargs), dtype=working.dtype).astype(array.dtype, copy=False)
        return result[()] if result.ndim == 0 else result

    return wrapper


# --8<-- [start:sigmoid]
@_elementwise
def sigmoid(x: ArrayLike) -> ArrayOrScalar:
    r"""Logistic sigmoid $\sigma(x) = 1 / (1 + e^{-x})$, evaluated with $e^{-|x|}$ only."""
    exp_minus_abs = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + exp_minus_abs), exp_minus_abs / (1.0 + exp_minus_abs))


@_elementwise
def sigmoid_grad(x: ArrayLike) -> ArrayOrScalar:
    r"""$\sigma'(x) = \sigma(x)(1 - \sigma(x)) = \sigma(x)\,\sigma(-x)$, at most $1/4$ (at $x = 0$)."""
    return sigmoid(x) * sigmoid(-x)
# --8<-- [end:sigmoid]


# --8<-- [start:tanh]
@_elementwise
def tanh(x: ArrayLike) -> ArrayOrScalar:
    r"""Hyperbolic tangent $\tanh(x) = (e^{x} - e^{-x}) / (e^{x} + e^{-x}) = 2\sigma(2x) - 1$."""
    return np.tanh(x)


@_elementwise
def tanh_grad(x: ArrayLike) -> ArrayOrScalar:
    r"""$\tanh'(x) = 1 - \tanh^2(x) = 4\,\sigma(2x)\,\sigma(-2x)$, at most 1 (at $x = 0$).

    The product form keeps full relative accuracy where $\tanh^2(x)$ is close to 1.
    """
    return 4.0 * sigmoid(2.0 * x) * sigmoid(-2.0 * x)
# --8<-- [end:tanh]


# --8<-- [start:relu]
@_elementwise
def relu(x: ArrayLike) -> ArrayOrScalar:
    r"""Rectified linear unit $\mathrm{ReLU}(x) = \max(x, 0)$."""
    return np.maximum(x, 0.0)


@_elementwise
def relu_grad(x: ArrayLike) -> ArrayOrScalar:
    r"""$\mathrm{ReLU}'(x) = 1$ for $x > 0$, else 0 (0 at the kink $x = 0$, as in PyTorch)."""
    return (x > 0).astype(x.dtype)
# --8<-- [end:relu]


# --8<-- [start:leaky_relu]
@_elementwise
def leaky_relu(x: ArrayLike, slope: float = 0.01) -> ArrayOrScalar:
    r"""Leaky ReLU: $x$ for $x > 0$, else $\text{slope} \cdot x$.

    `slope` may be any finite real number (negative too, as PyTorch allows); a
    non-finite slope raises ValueError, a non-number TypeError.
    """
    slope = as_finite_float(slope, "slope")
    return np.where(x > 0, x, slope * x)


@_elementwise
def leaky_relu_grad(x: ArrayLike, slope: float = 0.01) -> ArrayOrScalar:
    r"""Derivative of leaky ReLU: 1 for $x > 0$, else `slope` (`slope` at the kink, as in PyTorch)."""
    slope = as_finite_float(slope, "slope")
    return np.where(x > 0, 1.0, slope)
# --8<-- [end:leaky_relu]


# --8<-- [start:relu6]
@_elementwise
def relu6(x: ArrayLike) -> ArrayOrScalar:
    r"""$\mathrm{ReLU6}(x) = \min(\max(x, 0), 6)$."""
    return np.clip(x, 0.0, 6.0)


@_elementwise
def relu6_grad(x: ArrayLike) -> ArrayOrScalar:
    r"""$\mathrm{ReLU6}'(x) = 1$ for $0 < x < 6$, else 0 (0 at both kinks, as in PyTorch)."""
    return ((x > 0) & (x < 6)).astype(x.dtype)
# --8<-- [end:relu6]


# --8<-- [start:swish]
@_elementwise
def swish(x: ArrayLike) -> ArrayOrScalar:
    r"""Swish / SiLU: $\mathrm{swish}(x) = x\,\sigma(x)$."""
    return x * sigmoid(x)


@_elementwise
def swish_grad(x: ArrayLike) -> ArrayOrScalar:
    r"""$\mathrm{swish}'(x) = \sigma(x) + x\,\sigma(x)(1 - \sigma(x)) = \sigma(x)\,(1 + x\,\sigma(-x))$."""
    return sigmoid(x) * (1.0 + x * sigmoid(-x))
# --8<-- [end:swish]


# --8<-- [start:gelu]
def _standard_normal_cdf(x: np.ndarray) -> np.ndarray:
    r"""$\Phi(x) = \tfrac12\,\mathrm{erfc}(-x/\sqrt2)$, with `math.erfc` (correct to double precision)."""
    return 0.5 * np.asarray(_erfc(-np.asarray(x, dtype=np.float64) / SQRT_2), dtype=np.float64)


@_elementwise
def gelu(x: ArrayLike) -> ArrayOrScalar:
    r"""Exact GELU: $\mathrm{GELU}(x) = x\,\Phi(x)$, $\Phi$ the standard normal CDF."""
    return x * _standard_normal_cdf(x)


@_elementwise
def gelu_grad(x: ArrayLike) -> ArrayOrScalar:
    r"""$\mathrm{GELU}'(x) = \Phi(x) + x\,\varphi(x)$ with $\varphi(x) = e^{-x^2/2} / \sqrt{2\pi}$."""
    x64 = np.asarray(x, dtype=np.float64)
    normal_pdf = np.exp(-0.5 * x64 * x64) / math.sqrt(2.0 * math.pi)
    return _standard_normal_cdf(x64) + x64 * normal_pdf
# --8<-- [end:gelu]


# --8<-- [start:gelu_tanh]
@_elementwise
def gelu_tanh(x: ArrayLike) -> ArrayOrScalar:
    r"""Tanh approximation of GELU.

    $\tfrac12 x\,(1 + \tanh u) = x\,\sigma(2u)$ with $u = \sqrt{2/\pi}\,(x + 0.044715\,x^3)$;
    the $\sigma$ form avoids the cancellation in $1 + \tanh u$ for negative $x$.
    """
    u = SQRT_2_OVER_PI * (x + GELU_TANH_CUBIC * x**3)
    return x * sigmoid(2.0 * u)


@_elementwise
def gelu_tanh_grad(x: ArrayLike) -> ArrayOrScalar:
    r"""Derivative of the tanh approximation: $\sigma(2u) + 2x\,u'\,\sigma(2u)\,\sigma(-2u)$.

    Here $u' = \sqrt{2/\pi}\,(1 + 3 \cdot 0.044715\,x^2)$.
    """
    u = SQRT_2_OVER_PI * (x + GELU_TANH_CUBIC * x**3)
    du_dx = SQRT_2_OVER_PI * (1.0 + 3.0 * GELU_TANH_CUBIC * x**2)
    return sigmoid(2.0 * u) + 2.0 * x * du_dx * sigmoid(2.0 * u) * sigmoid(-2.0 * u)
# --8<-- [end:gelu_tanh]


ACTIVATIONS: dict[str, tuple[Callable[..., ArrayOrScalar], Callable[..., ArrayOrScalar]]] = {
    "sigmoid": (sigmoid, sigmoid_grad),
    "tanh": (tanh, tanh_grad),
    "relu": (relu, relu_grad),
    "leaky_relu": (leaky_relu, leaky_relu_grad),
    "relu6": (relu6, relu6_grad),
    "swish": (swish, swish_grad),
    "gelu": (gelu, gelu_grad),
    "gelu_tanh": (gelu_tanh, gelu_tanh_grad),
}
"""Each activation's name mapped to its (function, derivative) pair."""


def get_activation(name: str) -> tuple[Callable[..., ArrayOrScalar], Callable[..., ArrayOrScalar]]:
    """Return the (function, derivative) pair registered under `name`; ValueError if unknown."""
    try:
        return ACTIVATIONS[name]
    except KeyError:
        raise ValueError(f"unknown activation {name!r}; choose one of {sorted(ACTIVATIONS)}") from None
