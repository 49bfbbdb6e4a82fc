"""Batch, layer, instance and group norm: statistics, equivalences, gradients, running stats, errors."""

from __future__ import annotations

import numpy as np
import pytest

from snippets.dl.gradcheck import numerical_gradient, relative_error
from snippets.dl.normalization import (
    BatchNorm2d,
    batch_norm,
    batch_norm_backward,
    batch_norm_forward,
    batch_norm_inference,
    group_norm,
    group_norm_backward,
    group_norm_forward,
    instance_norm,
    layer_norm,
)

EPS = 1e-5
SHAPE = (4, 6, 3, 5)


@pytest.fixture
def rng() -> np.random.Generator:
    return np.random.default_rng(7)


@pytest.fixture
def x(rng: np.random.Generator) -> np.ndarray:
    return rng.normal(2.0, 3.0, size=SHAPE)


@pytest.fixture
def affine(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    return rng.normal(1.0, 0.5, size=SHAPE[1]), rng.normal(0.0, 1.0, size=SHAPE[1])


def unit_affine(channels: int = SHAPE[1]) -> tuple[np.ndarray, np.ndarray]:
    return np.ones(channels), np.zeros(channels)


def group_view(y: np.ndarray, method: str) -> np.ndarray:
    """Rows of the returned 2-D array are the sets of entries that share statistics."""
    n, c, h, w = y.shape
    if method == "batch":
        return y.transpose(1, 0, 2, 3).reshape(c, -1)
    if method == "layer":
        return y.reshape(n, -1)
    if method == "instance":
        return y.reshape(n * c, -1)
    return y.reshape(n * 2, -1)  # two groups of three consecutive channels


NORMALIZERS = {
    "batch": lambda x, g, b: batch_norm(x, g, b, EPS),
    "layer": lambda x, g, b: layer_norm(x, g, b, EPS),
    "instance": lambda x, g, b: instance_norm(x, g, b, EPS),
    "group": lambda x, g, b: group_norm(x, 2, g, b, EPS),
}


@pytest.mark.parametrize("method", NORMALIZERS)
def test_each_group_has_mean_zero_and_variance_one(method: str, x: np.ndarray) -> None:
    y = NORMALIZERS[method](x, *unit_affine())
    groups, inputs = group_view(y, method), group_view(x, method)
    np.testing.assert_allclose(groups.mean(axis=1), 0.0, atol=1e-12)
    input_var = inputs.var(axis=1)
    np.testing.assert_allclose(groups.var(axis=1), input_var / (input_var + EPS), rtol=1e-12)
    assert np.all(np.abs(groups.var(axis=1) - 1.0) < 1e-5)


@pytest.mark.parametrize("method", NORMALIZERS)
def test_affine_map_is_per_channel(method: str, x: np.ndarray, affine: tuple[np.ndarray, np.ndarray]) -> None:
    gamma, beta = affine
    normalized = NORMALIZERS[method](x, *unit_affine())
    expected = gamma[None, :, None, None] * normalized + beta[None, :, None, None]
    np.testing.assert_allclose(NORMALIZERS[method](x, gamma, beta), expected, rtol=1e-12, atol=1e-12)


def test_group_norm_with_one_group_is_layer_norm(x: np.ndarray, affine: tuple[np.ndarray, np.ndarray]) -> None:
    np.testing.assert_allclose(group_norm(x, 1, *affine), layer_norm(x, *affine), rtol=1e-12, atol=1e-12)


def test_group_norm_with_one_group_per_channel_is_instance_norm(
        x: np.ndarray, affine: tuple[np.ndarray, np.ndarray]) -> None:
    np.testing.assert_allclose(group_norm(x, SHAPE[1], *affine), instance_norm(x, *affine), rtol=1e-12, atol=1e-12)


def test_group_norm_groups_consecutive_channels(x: np.ndarray) -> None:
    y = group_norm(x, 3, *unit_affine())
    for group in range(3):
        channels = slice(2 * group, 2 * group + 2)
        alone = layer_norm(x[:, channels], *unit_affine(2))
        np.testing.assert_allclose(y[:, channels], alone, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("method", NORMALIZERS)
def test_float32_stays_float32(method: str, x: np.ndarray) -> None:
    assert NORMALIZERS[method](x.astype(np.float32), *unit_affine()).dtype == np.float32


@pytest.mark.parametrize("shape", [SHAPE, (2, 3, 1, 1), (1, 2, 2, 3)])
def test_batch_norm_backward_matches_central_differences(shape: tuple[int, ...], rng: np.random.Generator) -> None:
    x = rng.normal(size=shape)
    gamma, beta = rng.normal(1.0, 0.5, size=shape[1]), rng.normal(size=shape[1])
    upstream = rng.normal(size=shape)

    def loss() -> float:
        return float(np.sum(upstream * batch_norm(x, gamma, beta)))

    _, cache = batch_norm_forward(x, gamma, beta)
    dx, dgamma, dbeta = batch_norm_backward(upstream, cache)
    assert relative_error(dx, numerical_gradient(loss, x)) < 1e-6
    assert relative_error(dgamma, numerical_gradient(loss, gamma)) < 1e-6
    assert relative_error(dbeta, numerical_gradient(loss, beta)) < 1e-6


@pytest.mark.parametrize(("shape", "groups"), [(SHAPE, 3), ((2, 6, 2, 2), 1), ((2, 4, 3, 1), 4), ((1, 6, 2, 2), 2)])
def test_group_norm_backward_matches_central_differences(shape: tuple[int, ...], groups: int,
                                                         rng: np.random.Generator) -> None:
    x = rng.normal(size=shape)
    gamma, beta = rng.normal(1.0, 0.5, size=shape[1]), rng.normal(size=shape[1])
    upstream = rng.normal(size=shape)

    def loss() -> float:
        return float(np.sum(upstream * group_norm(x, groups, gamma, beta)))

    y, cache = group_norm_forward(x, groups, gamma, beta)
    np.testing.assert_array_equal(y, group_norm(x, groups, gamma, beta))
    dx, dgamma, dbeta = group_norm_backward(upstream, cache)
    # the error is per entry, so an entry of dx near zero sets it (5e-6 seen for one group of 90 values)
    assert relative_error(dx, numerical_gradient(loss, x)) < 2e-5
    assert relative_error(dgamma, numerical_gradient(loss, gamma)) < 1e-6
    assert relative_error(dbeta, numerical_gradient(loss, beta)) < 1e-6


def test_group_norm_backward_rejects_a_gradient_of_the_wrong_shape(x: np.ndarray) -> None:
    _, cache = group_norm_forward(x, 2, *unit_affine())
    with pytest.raises(ValueError, match="dy must have the shape of x"):
        group_norm_backward(np.ones((4, 6, 3)), cache)


def test_batch_norm_backward_rejects_a_gradient_of_the_wrong_shape(x: np.ndarray) -> None:
    _, cache = batch_norm_forward(x, *unit_affine())
    with pytest.raises(ValueError, match="dy must have the shape of x"):
        batch_norm_backward(np.ones((4, 6, 3)), cache)


def test_running_statistics_use_momentum_and_the_unbiased_variance(rng: np.random.Generator) -> None:
    layer = BatchNorm2d(SHAPE[1], momentum=0.1)
    expected_mean, expected_var = np.zeros(SHAPE[1]), np.ones(SHAPE[1])
    for _ in range(3):
        batch = rng.normal(1.0, 2.0, size=SHAPE)
        y = layer(batch)
        np.testing.assert_allclose(y, batch_norm(batch, *unit_affine()), rtol=1e-12)
        per_channel = batch.transpose(1, 0, 2, 3).reshape(SHAPE[1], -1)
        expected_mean = 0.9 * expected_mean + 0.1 * per_channel.mean(axis=1)
        expected_var = 0.9 * expected_var + 0.1 * per_channel.var(axis=1, ddof=1)
    np.testing.assert_allclose(layer.running_mean, expected_mean, rtol=1e-12)
    np.testing.assert_allclose(layer.running_var, expected_var, rtol=1e-12)


def test_eval_mode_uses_running_statistics_and_updates_nothing(rng: np.random.Generator) -> None:
    layer = BatchNorm2d(SHAPE[1])
    for _ in range(5):
        layer(rng.normal(3.0, 2.0, size=SHAPE))
    mean, var = layer.running_mean.copy(), layer.running_var.copy()
    assert layer.eval() is layer and not layer.training
    single = rng.normal(size=(1, SHAPE[1], 1, 1))
    y = layer(single)
    np.testing.assert_allclose(y, (single - mean[None, :, None, None]) / np.sqrt(var[None, :, None, None] + EPS))
    np.testing.assert_array_equal(layer.running_mean, mean)
    np.testing.assert_array_equal(layer.running_var, var)
    assert layer.train().training


def test_batch_norm_inference_applies_the_affine_map(x: np.ndarray, affine: tuple[np.ndarray, np.ndarray]) -> None:
    gamma, beta = affine
    mean, var = np.arange(6.0), np.linspace(0.5, 3.0, 6)
    x_hat = (x - mean[None, :, None, None]) / np.sqrt(var[None, :, None, None] + EPS)
    expected = gamma[None, :, None, None] * x_hat + beta[None, :, None, None]
    np.testing.assert_allclose(batch_norm_inference(x, mean, var, gamma, beta), expected, rtol=1e-12)


ALL_FUNCTIONS = {
    "batch_norm": lambda x, g, b: batch_norm(x, g, b),
    "layer_norm": lambda x, g, b: layer_norm(x, g, b),
    "instance_norm": lambda x, g, b: instance_norm(x, g, b),
    "group_norm": lambda x, g, b: group_norm(x, 2, g, b),
    "batch_norm_inference": lambda x, g, b: batch_norm_inference(x, np.zeros(6), np.ones(6), g, b),
    "BatchNorm2d": lambda x, g, b: BatchNorm2d(6)(x),
}


@pytest.mark.parametrize("function", ALL_FUNCTIONS.values(), ids=ALL_FUNCTIONS)
@pytest.mark.parametrize("shape", [(6,), (4, 6), (4, 6, 5), (2, 4, 6, 3, 5)])
def test_input_that_is_not_4d_is_rejected(function, shape: tuple[int, ...]) -> None:
    with pytest.raises(ValueError, match=rf"x must be a 4-D NCHW array, got {len(shape)} dimension"):
        function(np.ones(shape), *unit_affine())


@pytest.mark.parametrize("function", list(ALL_FUNCTIONS.values())[:5], ids=list(ALL_FUNCTIONS)[:5])
@pytest.mark.parametrize("which", ["gamma", "beta"])
@pytest.mark.parametrize("wrong_shape", [(5,), (6, 1), (1, 6, 1, 1), ()])
def test_affine_parameters_of_the_wrong_shape_are_rejected(function, which: str, wrong_shape: tuple[int, ...],
                                                           x: np.ndarray) -> None:
    gamma, beta = unit_affine()
    if which == "gamma":
        gamma = np.ones(wrong_shape)
    else:
        beta = np.zeros(wrong_shape)
    with pytest.raises(ValueError, match=rf"{which} must have shape \(C,\) = \(6,\), got shape"):
        function(x, gamma, beta)


def test_running_statistics_of_the_wrong_shape_are_rejected(x: np.ndarray) -> None:
    with pytest.raises(ValueError, match=r"running_var must have shape \(C,\) = \(6,\)"):
        batch_norm_inference(x, np.zeros(6), np.ones(3), *unit_affine())


@pytest.mark.parametrize("groups", [4, 5, 7, 12])
def test_channels_not_divisible_by_the_groups_are_rejected(groups: int, x: np.ndarray) -> None:
    with pytest.raises(ValueError, match=f"C = 6 is not divisible by num_groups = {groups}"):
        group_norm(x, groups, *unit_affine())


@pytest.mark.parametrize("groups", [0, -2])
def test_fewer_than_one_group_is_rejected(groups: int, x: np.ndarray) -> None:
    with pytest.raises(ValueError, match=f"num_groups must be at least 1, got {groups}"):
        group_norm(x, groups, *unit_affine())


@pytest.mark.parametrize("groups", [2.0, "2", None, True])
def test_group_count_must_be_an_integer(groups: object, x: np.ndarray) -> None:
    with pytest.raises(TypeError, match="num_groups must be an integer"):
        group_norm(x, groups, *unit_affine())


@pytest.mark.parametrize("train", [lambda x: batch_norm(x, *unit_affine()), lambda x: BatchNorm2d(6)(x)],
                         ids=["batch_norm", "BatchNorm2d"])
def test_training_batch_norm_needs_more_than_one_value_per_channel(train) -> None:
    with pytest.raises(ValueError, match=r"more than one value per channel, got N\*H\*W = 1"):
        train(np.ones((1, 6, 1, 1)))
    train(np.arange(12.0).reshape(2, 6, 1, 1))
    train(np.arange(12.0).reshape(1, 6, 2, 1))


def test_non_numeric_input_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="x must be real numbers"):
        layer_norm(np.full(SHAPE, "a"), *unit_affine())
    with pytest.raises(TypeError, match="gamma must be real numbers, got complex"):
        layer_norm(np.ones(SHAPE), np.ones(6, dtype=complex), np.zeros(6))


FLOAT16_FUNCTIONS = {
    "batch_norm": lambda x, g, b: batch_norm(x, g, b),
    "layer_norm": lambda x, g, b: layer_norm(x, g, b),
    "instance_norm": lambda x, g, b: instance_norm(x, g, b),
    "group_norm": lambda x, g, b: group_norm(x, 2, g, b),
    "batch_norm_inference": lambda x, g, b: batch_norm_inference(x, np.full(6, 5.0), np.full(6, 9e4), g, b),
}


@pytest.mark.parametrize("function", FLOAT16_FUNCTIONS.values(), ids=FLOAT16_FUNCTIONS)
@pytest.mark.parametrize("std", [1e-2, 1.0, 256.0, 1000.0, 1e4])
def test_float16_statistics_are_computed_in_float32(function, std: float, rng: np.random.Generator,
                                                    affine: tuple[np.ndarray, np.ndarray]) -> None:
    """In float16 the variance overflows once the standard deviation reaches about 256, and every output
    was 0; the result must be the float64 result of the same float16 input, rounded to float16."""
    x = rng.normal(0.5 * std, std, size=SHAPE).astype(np.float16)
    assert np.all(np.isfinite(x))
    result = function(x, *affine)
    assert result.dtype == np.float16
    reference = function(x.astype(np.float64), *affine)
    np.testing.assert_allclose(result.astype(np.float64), reference, rtol=4e-3, atol=4e-3)
    assert np.abs(result.astype(np.float64)).max() > 0.5


def test_float16_variance_overflows_without_float32() -> None:
    """Why: the float16 variance of values with standard deviation 256 is infinite."""
    x = np.random.default_rng(0).normal(0.0, 256.0, size=SHAPE).astype(np.float16)
    with np.errstate(over="ignore"):
        assert np.isinf(x.var(axis=(0, 2, 3))).any()


def test_float16_batch_norm_backward_matches_float64(rng: np.random.Generator,
                                                     affine: tuple[np.ndarray, np.ndarray]) -> None:
    x = rng.normal(0.0, 500.0, size=SHAPE).astype(np.float16)
    upstream = rng.normal(size=SHAPE).astype(np.float16)
    _, cache16 = batch_norm_forward(x, *affine)
    _, cache64 = batch_norm_forward(x.astype(np.float64), *affine)
    for ours, reference in zip(batch_norm_backward(upstream, cache16),
                               batch_norm_backward(upstream.astype(np.float64), cache64)):
        assert ours.dtype == np.float16
        np.testing.assert_allclose(ours.astype(np.float64), reference, rtol=4e-3, atol=4e-3 * np.abs(reference).max())


EPS_FUNCTIONS = {
    **{name: (lambda f: lambda x, eps: f(x, *unit_affine(), eps))(f)
       for name, f in {"batch_norm": batch_norm, "layer_norm": layer_norm, "instance_norm": instance_norm}.items()},
    "group_norm": lambda x, eps: group_norm(x, 2, *unit_affine(), eps),
    "batch_norm_inference": lambda x, eps: batch_norm_inference(x, np.zeros(6), np.ones(6), *unit_affine(), eps),
    "BatchNorm2d": lambda x, eps: BatchNorm2d(6, eps=eps)(x),
}


@pytest.mark.parametrize("function", EPS_FUNCTIONS.values(), ids=EPS_FUNCTIONS)
@pytest.mark.parametrize("eps", [-1e-5, 0.0])
def test_eps_must_be_positive(function, eps: float, x: np.ndarray) -> None:
    """A negative eps gave NaN where the variance is smaller than |eps|; 0 divides a constant set by 0."""
    with pytest.raises(ValueError, match=f"eps must be positive, got {eps}"):
        function(x, eps)


@pytest.mark.parametrize("function", EPS_FUNCTIONS.values(), ids=EPS_FUNCTIONS)
def test_eps_must_be_finite(function, x: np.ndarray) -> None:
    with pytest.raises(ValueError, match="eps must be a finite number"):
        function(x, float("nan"))


def test_instance_norm_needs_more_than_one_spatial_value() -> None:
    """With H*W = 1 each set has one value, x - mean is 0 and every output is beta (PyTorch raises too)."""
    with pytest.raises(ValueError, match=r"instance norm needs more than one value .* got H\*W = 1"):
        instance_norm(np.arange(12.0).reshape(2, 6, 1, 1), *unit_affine())
    instance_norm(np.arange(24.0).reshape(2, 6, 2, 1), *unit_affine())


@pytest.mark.parametrize("momentum", [None, -0.1, 1.5, float("nan"), "0.1", True])
def test_momentum_must_be_a_number_in_0_1(momentum: object) -> None:
    with pytest.raises(ValueError, match=r"momentum must be a number in \[0, 1\]"):
        BatchNorm2d(6, momentum=momentum)


@pytest.mark.parametrize("momentum", [0, 0.0, 0.5, 1, 1.0])
def test_momentum_at_the_ends_of_0_1_is_accepted(momentum: float, x: np.ndarray) -> None:
    layer = BatchNorm2d(6, momentum=momentum)
    layer(x)
    expected = momentum * x.mean(axis=(0, 2, 3))
    np.testing.assert_allclose(layer.running_mean, expected, rtol=1e-12, atol=1e-15)


EMPTY = {
    "layer_norm, C = 0": (lambda x: layer_norm(x, np.ones(0), np.zeros(0)), (2, 0, 3, 3)),
    "instance_norm, H = 0": (lambda x: instance_norm(x, *unit_affine()), (2, 6, 0, 3)),
    "group_norm, W = 0": (lambda x: group_norm(x, 2, *unit_affine()), (2, 6, 3, 0)),
}


@pytest.mark.parametrize("function, shape", EMPTY.values(), ids=EMPTY)
def test_an_empty_normalization_axis_is_rejected(function, shape: tuple[int, ...]) -> None:
    """The mean of no values is NaN (with a RuntimeWarning at best)."""
    with pytest.raises(ValueError, match=r"cannot normalize over an empty set: the axes .* hold no values"):
        function(np.ones(shape))


@pytest.mark.parametrize("shape", [(0, 6, 3, 3), (2, 6, 0, 3)])
def test_an_empty_batch_norm_axis_is_rejected(shape: tuple[int, ...]) -> None:
    with pytest.raises(ValueError, match=r"more than one value per channel, got N\*H\*W = 0"):
        batch_norm(np.ones(shape), *unit_affine())
