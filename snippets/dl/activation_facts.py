r"""Numbers quoted about activation functions, computed rather than copied.

Each search first evaluates the function on a fine grid, which finds the bracket of the
global extremum on the interval, and then refines inside that bracket:

* `minimum` bisects on the sign change of the derivative (from $f' < 0$ to $f' > 0$),
  which pins the minimiser to a few units in the last place;
* `maximum` and `max_gap` use golden-section search, which needs no derivative and
  locates the maximiser to about $\sqrt{\epsilon_{\text{mach}}} \approx 10^{-8}$
  (the maximum value itself to full precision, since the function is flat there).
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

ScalarFunction = Callable[[np.ndarray], np.ndarray]

GRID_POINTS = 20_001
GOLDEN_RATIO_CONJUGATE = (math.sqrt(5.0) - 1.0) / 2.0


def _grid_bracket(values_on: ScalarFunction, lo: float, hi: float) -> tuple[float, float, float]:
    """Grid point with the largest value and the neighbouring grid points around it."""
    if not lo < hi:
        raise ValueError(f"need lo < hi, got lo={lo}, hi={hi}")
    grid = np.linspace(lo, hi, GRID_POINTS)
    best = int(np.argmax(values_on(grid)))
    return float(grid[max(best - 1, 0)]), float(grid[best]), float(grid[min(best + 1, GRID_POINTS - 1)])


def _golden_section_max(function: ScalarFunction, left: float, right: float) -> float:
    """Maximiser of a unimodal function on [left, right]."""
    inner_left = right - GOLDEN_RATIO_CONJUGATE * (right - left)
    inner_right = left + GOLDEN_RATIO_CONJUGATE * (right - left)
    value_left, value_right = float(function(inner_left)), float(function(inner_right))
    while right - left > 1e-12 * max(1.0, abs(left) + abs(right)):
        if value_left < value_right:
            left, inner_left, value_left = inner_left, inner_right, value_right
            inner_right = left + GOLDEN_RATIO_CONJUGATE * (right - left)
            value_right = float(function(inner_right))
        else:
            right, inner_right, value_right = inner_right, inner_left, value_left
            inner_left = right - GOLDEN_RATIO_CONJUGATE * (right - left)
            value_left = float(function(inner_left))
    return (left + right) / 2.0


def maximum(function: ScalarFunction, lo: float, hi: float) -> tuple[float, float]:
    """Global maximum of `function` on [lo, hi]: (where, value)."""
    left, _, right = _grid_bracket(function, lo, hi)
    x = _golden_section_max(function, left, right)
    return x, float(function(x))


def minimum(function: ScalarFunction, derivative: ScalarFunction, lo: float, hi: float) -> tuple[float, float]:
    """Global minimum of `function` on [lo, hi]: (where, value).

    Inside the grid bracket the minimiser is the zero of `derivative`, found by bisection;
    a minimum on the boundary of [lo, hi] is returned as it is.
    """
    left, best, right = _grid_bracket(lambda x: -np.asarray(function(x)), lo, hi)
    if float(derivative(left)) >= 0.0 or float(derivative(right)) <= 0.0:
        return best, float(function(best))
    while True:
        middle = (left + right) / 2.0
        if middle in (left, right):
            break
        if float(derivative(middle)) < 0.0:
            left = middle
        else:
            right = middle
    x = left if abs(float(derivative(left))) <= abs(float(derivative(right))) else right
    return x, float(function(x))


def max_gap(f: ScalarFunction, g: ScalarFunction, lo: float, hi: float) -> tuple[float, float]:
    r"""Largest $|f(x) - g(x)|$ on [lo, hi]: (where, gap)."""
    return maximum(lambda x: np.abs(np.asarray(f(x)) - np.asarray(g(x))), lo, hi)
