"""The initialisation page's experiments: deterministic, and each shows what the page says it shows."""

from __future__ import annotations

import numpy as np
import pytest

from snippets.dl.depth_scale import dead_units, input_gradient_ratio, scales_over_depth


def test_scales_are_reproducible() -> None:
    first, second = scales_over_depth("kaiming", "relu"), scales_over_depth("kaiming", "relu")
    for a, b in zip(first, second):
        np.testing.assert_array_equal(a, b)


def test_xavier_relu_vanishes_and_kaiming_relu_keeps_its_scale() -> None:
    forward, backward = scales_over_depth("xavier", "relu")
    assert forward[-1] < 1e-4 and backward[0] < 1e-4
    for seed in range(3):
        forward, backward = scales_over_depth("kaiming", "relu", seed=seed)
        assert 0.2 < forward.min() and forward.max() < 5 and 0.2 < backward.min() and backward.max() < 5


def test_xavier_tanh_shrinks_slowly_and_kaiming_tanh_inflates_the_gradient() -> None:
    forward, _ = scales_over_depth("xavier", "tanh")
    assert 0.05 < forward[-1] < forward[0] / 2
    _, backward = scales_over_depth("kaiming", "tanh")
    assert backward[0] > 2 * backward[-1]


def test_residual_connections_keep_the_gradient() -> None:
    for depth in (10, 30):
        assert input_gradient_ratio(depth, residual=False) < 1e-6
        assert 0.5 < input_gradient_ratio(depth, residual=True) < 2
    assert input_gradient_ratio(30, residual=True, branch_scale=0.0) == 1.0


def test_a_large_learning_rate_kills_relu_units() -> None:
    for seed in range(3):
        start, small, large = dead_units(0.0, seed, steps=0), dead_units(0.05, seed), dead_units(0.5, seed)
        assert sum(small) <= sum(start) and sum(large) > sum(start) + 20


@pytest.mark.parametrize("scheme, activation", [("he", "relu"), ("xavier", "gelu")])
def test_unknown_scheme_or_activation_is_a_value_error(scheme: str, activation: str) -> None:
    with pytest.raises(ValueError, match="scheme must be one of"):
        scales_over_depth(scheme, activation)
