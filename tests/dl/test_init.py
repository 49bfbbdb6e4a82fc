"""xavier_uniform, xavier_normal and kaiming_normal against torch.nn.init: the same gains, and seeded draws
whose statistics agree with the theory and with PyTorch's draws within bounds set by the sampling error."""

from __future__ import annotations

import math

import numpy as np
import pytest

from snippets.dl.init import calculate_gain, kaiming_normal, xavier_normal, xavier_uniform
from tests.support import require_module

torch = require_module(
    "torch", "the comparison with torch.nn.init needs it (.venv/bin/pip install torch==2.13.0; "
    ".ci/run installs the CPU build)")

FAN_IN, FAN_OUT = 600, 400
SAMPLES = FAN_IN * FAN_OUT
Z = 5.0  # tolerances are 5 standard errors: a false failure has probability below 1e-6 per check
KS_ALPHA = 1e-6


def ks_statistic(a: np.ndarray, b: np.ndarray) -> float:
    """Two-sample Kolmogorov-Smirnov statistic: the largest gap between the two empirical CDFs."""
    a, b = np.sort(a.ravel()), np.sort(b.ravel())
    points = np.concatenate([a, b])
    return float(np.abs(np.searchsorted(a, points, side="right") / a.size
                        - np.searchsorted(b, points, side="right") / b.size).max())


def ks_critical(n: int, m: int, alpha: float = KS_ALPHA) -> float:
    return math.sqrt(-math.log(alpha / 2) / 2) * math.sqrt((n + m) / (n * m))


def relative_variance_error_bound(kurtosis: float, samples: int = SAMPLES) -> float:
    """Z standard errors of the sample variance relative to sigma^2: sqrt((kurtosis - 1) / n)."""
    return Z * math.sqrt((kurtosis - 1.0) / samples)


@pytest.mark.parametrize("nonlinearity", ["linear", "conv2d", "sigmoid", "tanh", "relu", "selu", "leaky_relu"])
def test_gains_are_pytorchs(nonlinearity: str) -> None:
    assert calculate_gain(nonlinearity) == pytest.approx(torch.nn.init.calculate_gain(nonlinearity), rel=1e-15)
    assert calculate_gain("leaky_relu", 0.2) == pytest.approx(torch.nn.init.calculate_gain("leaky_relu", 0.2))


CASES = {
    "xavier_uniform": (lambda rng: xavier_uniform(FAN_IN, FAN_OUT, rng, gain=calculate_gain("tanh")),
                       lambda w: torch.nn.init.xavier_uniform_(w, gain=torch.nn.init.calculate_gain("tanh")),
                       (5 / 3) ** 2 * 2 / (FAN_IN + FAN_OUT), 1.8),
    "xavier_normal": (lambda rng: xavier_normal(FAN_IN, FAN_OUT, rng),
                      lambda w: torch.nn.init.xavier_normal_(w), 2 / (FAN_IN + FAN_OUT), 3.0),
    "kaiming_normal": (lambda rng: kaiming_normal(FAN_IN, rng, fan_out=FAN_OUT),
                       lambda w: torch.nn.init.kaiming_normal_(w, mode="fan_in", nonlinearity="relu"),
                       2 / FAN_IN, 3.0),
}


@pytest.mark.parametrize("name", CASES)
def test_draws_match_the_theory_and_torch(name: str) -> None:
    ours_of, theirs_of, variance, kurtosis = CASES[name]
    ours = ours_of(np.random.default_rng(0))
    torch.manual_seed(0)
    theirs = theirs_of(torch.empty(FAN_OUT, FAN_IN, dtype=torch.float64)).numpy()
    assert ours.shape == theirs.shape == (FAN_OUT, FAN_IN)
    bound = relative_variance_error_bound(kurtosis)
    for sample in (ours, theirs):
        assert abs(sample.mean()) < Z * math.sqrt(variance / SAMPLES)
        assert abs(sample.var() / variance - 1) < bound
    assert abs(ours.var() / theirs.var() - 1) < math.sqrt(2) * bound
    assert ks_statistic(ours, theirs) < ks_critical(SAMPLES, SAMPLES)


def test_xavier_uniform_fills_exactly_its_bound() -> None:
    bound = math.sqrt(6 / (FAN_IN + FAN_OUT))
    w = xavier_uniform(FAN_IN, FAN_OUT, np.random.default_rng(1))
    assert np.abs(w).max() <= bound and np.abs(w).max() > bound * (1 - 1e-3)


def test_the_tests_can_tell_the_schemes_apart() -> None:
    """The KS check rejects Xavier normal drawn where Kaiming normal is expected (variance 2/1000 vs 2/600)."""
    torch.manual_seed(0)
    theirs = torch.nn.init.kaiming_normal_(torch.empty(FAN_OUT, FAN_IN, dtype=torch.float64)).numpy()
    wrong = xavier_normal(FAN_IN, FAN_OUT, np.random.default_rng(0))
    assert ks_statistic(wrong, theirs) > ks_critical(SAMPLES, SAMPLES)
    assert abs(wrong.var() / theirs.var() - 1) > relative_variance_error_bound(3.0)


def test_seeded_draws_are_reproducible() -> None:
    np.testing.assert_array_equal(kaiming_normal(8, np.random.default_rng(5)), kaiming_normal(8, np.random.default_rng(5)))


@pytest.mark.parametrize("call, message", [
    (lambda: xavier_uniform(0, 3, np.random.default_rng()), "fan_in must be a positive integer"),
    (lambda: xavier_normal(3, 2.5, np.random.default_rng()), "fan_out must be a positive integer"),
    (lambda: xavier_uniform(3, 3, np.random.default_rng(), gain=-1.0), "gain must be positive"),
    (lambda: kaiming_normal(3, np.random.default_rng(), "softmax"), "unknown nonlinearity"),
    (lambda: kaiming_normal(3, 0), "numpy.random.Generator"),
])
def test_bad_input_raises_a_clear_value_error(call, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()
