"""Activation functions: derivatives, dtypes, stability, bad input and the quoted numbers."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from snippets.dl.activation_facts import max_gap, maximum, minimum
from snippets.dl.activations import (
    ACTIVATIONS,
    gelu,
    gelu_grad,
    gelu_tanh,
    gelu_tanh_grad,
    get_activation,
    leaky_relu,
    leaky_relu_grad,
    relu6_grad,
    relu_grad,
    sigmoid,
    sigmoid_grad,
    swish,
    swish_grad,
    tanh_grad,
)
from snippets.dl.gradcheck import central_difference, relative_error

KINKS = (0.0, 6.0)
NAMES = sorted(ACTIVATIONS)


def points_away_from_kinks(lo: float = -5.0, hi: float = 5.0, count: int = 1001) -> np.ndarray:
    x = np.linspace(lo, hi, count) + 1e-3 / 3
    return x[np.all([np.abs(x - kink) > 1e-3 for kink in KINKS], axis=0)]


@pytest.mark.parametrize("name", NAMES)
def test_derivative_matches_central_differences(name: str) -> None:
    function, derivative = ACTIVATIONS[name]
    x = points_away_from_kinks()
    assert relative_error(derivative(x), central_difference(function, x)) < 1e-7


@pytest.mark.parametrize("slope", [0.2, -0.5, 0.0])
def test_leaky_relu_derivative_for_other_slopes(slope: float) -> None:
    x = points_away_from_kinks()
    numeric = central_difference(lambda t: leaky_relu(t, slope=slope), x)
    assert relative_error(leaky_relu_grad(x, slope=slope), numeric) < 1e-7


def test_kink_conventions_follow_pytorch() -> None:
    assert relu_grad(0.0) == 0.0
    assert leaky_relu_grad(0.0, 0.3) == 0.3
    np.testing.assert_array_equal(relu6_grad(np.array([0.0, 1e-9, 5.999, 6.0, 6.1])), [0, 1, 1, 0, 0])


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_output_dtype_follows_input(name: str, dtype: type) -> None:
    x = np.linspace(-3, 3, 7, dtype=dtype)
    for function in ACTIVATIONS[name]:
        assert function(x).dtype == dtype
        assert function(x).shape == x.shape


@pytest.mark.parametrize("name", NAMES)
def test_integers_become_float64_and_scalars_stay_scalars(name: str) -> None:
    for function in ACTIVATIONS[name]:
        assert function(np.arange(-3, 4)).dtype == np.float64
        scalar = function(2)
        assert np.ndim(scalar) == 0 and isinstance(scalar, np.float64)
        assert scalar == function(np.array([2.0]))[0]
        assert isinstance(function(np.float32(2.0)), np.float32)


LARGE = np.array([-1e4, -1e3, -50.0, -1.0, 0.0, 1.0, 50.0, 1e3, 1e4])


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_large_inputs_give_finite_values_without_warnings(name: str, dtype: type) -> None:
    x = LARGE.astype(dtype)
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        for function in ACTIVATIONS[name]:
            assert np.all(np.isfinite(function(x)))


FLOAT16_EXTREMES = np.array([-65504.0, -1e4, -300.0, -100.0, -41.0, -8.0, -1.0, -1e-3, 0.0, 1e-3, 1.0, 8.0,
                             41.0, 100.0, 300.0, 1e4, 65504.0], dtype=np.float16)


@pytest.mark.parametrize("name", NAMES)
def test_float16_is_computed_in_float32_and_rounded_once(name: str) -> None:
    """In float16 itself x**3 overflows beyond |x| ~ 40 and the tanh-GELU derivative turns into NaN
    from |x| ~ 67: the result must be the float64 value of the same input, rounded to float16."""
    for function in ACTIVATIONS[name]:
        result = function(FLOAT16_EXTREMES)
        assert result.dtype == np.float16
        reference = function(FLOAT16_EXTREMES.astype(np.float64)).astype(np.float16)
        np.testing.assert_allclose(result.astype(np.float64), reference.astype(np.float64),
                                   rtol=2 * np.finfo(np.float16).eps, atol=1e-7)


def test_float16_arithmetic_would_give_nan() -> None:
    """What the float32 computation avoids: the tanh-GELU derivative evaluated in float16 is NaN at |x| = 100."""
    x = np.array([-100.0, 100.0], dtype=np.float16)
    with np.errstate(all="ignore"):
        u = np.float16(0.7978845608) * (x + np.float16(0.044715) * x**3)
        du_dx = np.float16(0.7978845608) * (np.float16(1.0) + np.float16(3 * 0.044715) * x**2)
        in_float16 = 1 / (1 + np.exp(-2 * u)) + 2 * x * du_dx / (1 + np.exp(-2 * u)) / (1 + np.exp(2 * u))
    assert np.all(np.isnan(in_float16))
    np.testing.assert_array_equal(gelu_tanh_grad(x), [0.0, 1.0])


FAR = 1e4
VALUE_AND_SLOPE_AT_MINUS_AND_PLUS_FAR = {
    "sigmoid": ((0.0, 0.0), (1.0, 0.0)),
    "tanh": ((-1.0, 0.0), (1.0, 0.0)),
    "relu": ((0.0, 0.0), (FAR, 1.0)),
    "leaky_relu": ((-0.01 * FAR, 0.01), (FAR, 1.0)),
    "relu6": ((0.0, 0.0), (6.0, 0.0)),
    "swish": ((0.0, 0.0), (FAR, 1.0)),
    "gelu": ((0.0, 0.0), (FAR, 1.0)),
    "gelu_tanh": ((0.0, 0.0), (FAR, 1.0)),
}


@pytest.mark.parametrize("name", NAMES)
def test_values_far_out_reach_the_asymptotes(name: str) -> None:
    function, derivative = ACTIVATIONS[name]
    (value_minus, slope_minus), (value_plus, slope_plus) = VALUE_AND_SLOPE_AT_MINUS_AND_PLUS_FAR[name]
    x = np.array([-FAR, FAR])
    np.testing.assert_allclose(function(x), [value_minus, value_plus], rtol=1e-12, atol=1e-300)
    np.testing.assert_allclose(derivative(x), [slope_minus, slope_plus], rtol=1e-12, atol=1e-300)


@pytest.mark.parametrize("bad, problem", [
    ("1.0", "string"),
    (np.array(["a", "b"]), "dtype <U1"),
    ([1.0, "x"], "dtype <U"),
    (1 + 2j, "complex"),
    (np.array([1.0 + 0j]), "complex"),
    (None, "dtype object"),
    ({"x": 1.0}, "dtype object"),
])
@pytest.mark.parametrize("name", NAMES)
def test_non_real_input_raises_type_error(name: str, bad: object, problem: str) -> None:
    for function in ACTIVATIONS[name]:
        with pytest.raises(TypeError, match=f"must be real numbers.*{problem}"):
            function(bad)


@pytest.mark.parametrize("slope", [np.inf, -np.inf, np.nan])
def test_non_finite_slope_raises_value_error(slope: float) -> None:
    for function in (leaky_relu, leaky_relu_grad):
        with pytest.raises(ValueError, match="slope must be a finite number"):
            function(np.ones(3), slope)


@pytest.mark.parametrize("slope", ["0.1", None, True, 1j])
def test_non_numeric_slope_raises_type_error(slope: object) -> None:
    with pytest.raises(TypeError, match="slope must be a real number"):
        leaky_relu(np.ones(3), slope)


def test_unknown_activation_name() -> None:
    with pytest.raises(ValueError, match="unknown activation 'softplus'"):
        get_activation("softplus")


def test_sigmoid_derivative_peaks_at_one_quarter_at_zero() -> None:
    where, peak = maximum(sigmoid_grad, -10.0, 10.0)
    assert abs(where) < 1e-6
    assert peak == pytest.approx(0.25, abs=1e-15)
    assert peak**10 == pytest.approx(9.5367431640625e-07, rel=1e-12)
    assert sigmoid(where) == pytest.approx(0.5, abs=1e-6)


def test_tanh_derivative_peaks_at_one_at_zero() -> None:
    where, peak = maximum(tanh_grad, -10.0, 10.0)
    assert abs(where) < 1e-6
    assert peak == pytest.approx(1.0, abs=1e-15)


def test_swish_minimum() -> None:
    where, value = minimum(swish, swish_grad, -10.0, 10.0)
    assert abs(swish_grad(where)) < 1e-15
    assert value == pytest.approx(where + 1.0, abs=1e-15)  # swish'(x) = 0  <=>  sigma(x) = 1 + 1/x
    assert value <= swish(np.linspace(-10, 10, 100_001)).min()
    assert (round(where, 4), round(value, 4)) == (-1.2785, -0.2785)


def test_gelu_minimum() -> None:
    where, value = minimum(gelu, gelu_grad, -10.0, 10.0)
    assert abs(gelu_grad(where)) < 1e-15
    assert value <= gelu(np.linspace(-10, 10, 100_001)).min()
    assert (round(where, 4), round(value, 4)) == (-0.7518, -0.17)


def test_largest_gap_between_gelu_and_its_tanh_approximation() -> None:
    where, gap = max_gap(gelu, gelu_tanh, -10.0, 10.0)
    grid = np.linspace(-10, 10, 200_001)
    assert gap >= np.abs(gelu(grid) - gelu_tanh(grid)).max()
    assert abs(gelu(-where) - gelu_tanh(-where)) == pytest.approx(gap, rel=1e-9)
    tails = np.geomspace(10.0, 1e4, 1000)
    assert np.abs(gelu(tails) - gelu_tanh(tails)).max() < 1e-12 * gap
    assert np.abs(gelu(-tails) - gelu_tanh(-tails)).max() < 1e-12 * gap
    assert 4e-4 < gap < 5e-4
    assert abs(where) == pytest.approx(2.699, abs=1e-3)


def test_search_helpers_on_known_functions() -> None:
    where, value = minimum(lambda x: (x - 1.25) ** 2 + 3.0, lambda x: 2 * (x - 1.25), -4.0, 4.0)
    assert where == pytest.approx(1.25, abs=1e-12) and value == pytest.approx(3.0, abs=1e-15)
    assert minimum(np.exp, np.exp, -2.0, 3.0) == (-2.0, pytest.approx(np.exp(-2.0)))
    where, value = maximum(lambda x: np.sin(x), 0.0, 3.0)
    assert where == pytest.approx(np.pi / 2, abs=1e-7) and value == pytest.approx(1.0, abs=1e-15)
    with pytest.raises(ValueError, match="need lo < hi"):
        maximum(np.sin, 1.0, 1.0)
