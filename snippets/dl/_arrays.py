"""Input checking shared by the deep-learning snippets."""

from __future__ import annotations

import numbers

import numpy as np
from numpy.typing import ArrayLike


def as_real_array(x: ArrayLike, name: str = "x") -> np.ndarray:
    """Return `x` as a real floating-point array (integers and booleans become float64).

    Raises TypeError for strings, complex numbers, None and other non-numeric input.
    """
    if isinstance(x, (str, bytes)):
        raise TypeError(f"{name} must be real numbers, got a string: {x!r}")
    try:
        array = np.asarray(x)
    except (TypeError, ValueError) as error:
        raise TypeError(f"{name} must be real numbers, got {type(x).__name__}") from error
    if array.dtype.kind == "f":
        return array
    if array.dtype.kind in "biu":
        return array.astype(np.float64)
    if array.dtype.kind == "c":
        raise TypeError(f"{name} must be real numbers, got complex dtype {array.dtype}")
    raise TypeError(f"{name} must be real numbers, got dtype {array.dtype} ({type(x).__name__})")


def as_finite_float(value: object, name: str) -> float:
    """Return `value` as a Python float; ValueError if it is not finite, TypeError if not a real number."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__}: {value!r}")
    result = float(value)
    if not np.isfinite(result):
        raise ValueError(f"{name} must be a finite number, got {result}")
    return result


def at_least_float32(dtype: np.dtype) -> np.dtype:
    """The dtype to compute in: float32 for float16 (as PyTorch does on the CPU), else `dtype` itself."""
    return np.promote_types(dtype, np.float32)
