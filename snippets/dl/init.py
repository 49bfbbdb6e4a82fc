r"""Xavier (Glorot) and Kaiming (He) initialisation with PyTorch's gains, in NumPy.

Weights are returned as (fan_out, fan_in) arrays, the layout of `nn.Linear.weight`, drawn from the
NumPy generator `rng`. The distributions are those of `torch.nn.init`: Xavier uniform on
$[-b, b]$ with $b = g\sqrt{6 / (n_\text{in} + n_\text{out})}$, Xavier normal with standard deviation
$g\sqrt{2 / (n_\text{in} + n_\text{out})}$, Kaiming normal with standard deviation $g / \sqrt{n_\text{in}}$
(PyTorch's default `mode="fan_in"`). Bad input raises ValueError naming the problem.
"""

from __future__ import annotations

import math

import numpy as np

from snippets.dl._arrays import as_finite_float

# --8<-- [start:gain]
GAINS = {"linear": 1.0, "conv2d": 1.0, "sigmoid": 1.0, "tanh": 5.0 / 3.0, "relu": math.sqrt(2.0), "selu": 0.75}


def calculate_gain(nonlinearity: str, negative_slope: float = 0.01) -> float:
    r"""`torch.nn.init.calculate_gain`: $\sqrt{2}$ for ReLU, $\sqrt{2 / (1 + a^2)}$ for leaky ReLU, $5/3$ for tanh."""
    if nonlinearity == "leaky_relu":
        slope = as_finite_float(negative_slope, "negative_slope")
        return math.sqrt(2.0 / (1.0 + slope**2))
    if nonlinearity not in GAINS:
        raise ValueError(f"unknown nonlinearity {nonlinearity!r}; choose one of {sorted([*GAINS, 'leaky_relu'])}")
    return GAINS[nonlinearity]
# --8<-- [end:gain]


def _check_fan(value: int, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise ValueError(f"{name} must be a positive integer, got {value!r}")
    return int(value)


def _check_gain(gain: float) -> float:
    gain = as_finite_float(gain, "gain")
    if gain <= 0.0:
        raise ValueError(f"gain must be positive, got {gain}")
    return gain


def _check_rng(rng: np.random.Generator) -> np.random.Generator:
    if not isinstance(rng, np.random.Generator):
        raise ValueError(f"rng must be a numpy.random.Generator (np.random.default_rng(seed)), got {type(rng).__name__}")
    return rng


# --8<-- [start:init]
def xavier_uniform(fan_in: int, fan_out: int, rng: np.random.Generator, gain: float = 1.0) -> np.ndarray:
    r"""$U[-b, b]$ with $b = g \sqrt{6 / (n_\text{in} + n_\text{out})}$, so $\operatorname{Var}(w) = g^2 \cdot 2 / (n_\text{in} + n_\text{out})$."""
    fan_in, fan_out = _check_fan(fan_in, "fan_in"), _check_fan(fan_out, "fan_out")
    bound = _check_gain(gain) * math.sqrt(6.0 / (fan_in + fan_out))
    return _check_rng(rng).uniform(-bound, bound, size=(fan_out, fan_in))


def xavier_normal(fan_in: int, fan_out: int, rng: np.random.Generator, gain: float = 1.0) -> np.ndarray:
    r"""$\mathcal N(0, \sigma^2)$ with $\sigma = g \sqrt{2 / (n_\text{in} + n_\text{out})}$."""
    fan_in, fan_out = _check_fan(fan_in, "fan_in"), _check_fan(fan_out, "fan_out")
    std = _check_gain(gain) * math.sqrt(2.0 / (fan_in + fan_out))
    return _check_rng(rng).normal(0.0, std, size=(fan_out, fan_in))


def kaiming_normal(fan_in: int, rng: np.random.Generator, nonlinearity: str = "relu", *,
                   fan_out: int | None = None, negative_slope: float = 0.01) -> np.ndarray:
    r"""$\mathcal N(0, \sigma^2)$ with $\sigma = g / \sqrt{n_\text{in}}$ and $g$ the gain of `nonlinearity`.

    The shape is (fan_out, fan_in), square when `fan_out` is not given.
    """
    fan_in = _check_fan(fan_in, "fan_in")
    fan_out = fan_in if fan_out is None else _check_fan(fan_out, "fan_out")
    std = calculate_gain(nonlinearity, negative_slope) / math.sqrt(fan_in)
    return _check_rng(rng).normal(0.0, std, size=(fan_out, fan_in))
# --8<-- [end:init]
