"""Vanishing gradients: sigmoid layers shrink the gradient by about 1/4 each, ReLU layers do not."""

from __future__ import annotations

import numpy as np
import pytest

from snippets.dl.vanishing import compare, measure, sigmoid_factor_bound

DEPTH = 10


@pytest.fixture(scope="module")
def results():
    return compare(DEPTH)


def test_the_sigmoid_bound_is_one_quarter_to_the_depth() -> None:
    assert sigmoid_factor_bound(DEPTH) == pytest.approx(0.25**DEPTH, rel=1e-12)
    assert f"{sigmoid_factor_bound(DEPTH):.3g}" == "9.54e-07"


def test_one_norm_per_hidden_layer(results) -> None:
    for result in results.values():
        assert result.weight_grad_norms.shape == (DEPTH,)
        assert result.mean_activation_grad.shape == (DEPTH,)
        assert np.all(result.weight_grad_norms > 0) and np.all(np.isfinite(result.weight_grad_norms))


def test_sigmoid_gradients_vanish_towards_the_input(results) -> None:
    norms = results["sigmoid"].weight_grad_norms
    assert norms[0] / norms[-1] < 1e-3
    assert np.all(np.diff(norms[2:]) > 0)


def test_sigmoid_slopes_stay_below_one_quarter_and_their_product_below_the_bound(results) -> None:
    slopes = results["sigmoid"].mean_activation_grad
    assert np.all(slopes <= 0.25)
    assert np.prod(slopes) <= sigmoid_factor_bound(DEPTH)
    assert np.prod(slopes) > 0.5**DEPTH * sigmoid_factor_bound(DEPTH)


def test_relu_gradients_keep_their_size(results) -> None:
    norms = results["relu"].weight_grad_norms
    sigmoid_norms = results["sigmoid"].weight_grad_norms
    assert norms.max() / norms.min() < 10.0
    assert norms[0] / norms[-1] > 1e3 * sigmoid_norms[0] / sigmoid_norms[-1]


@pytest.mark.parametrize("seed", [1, 2])
def test_the_contrast_holds_for_other_seeds(seed: int) -> None:
    sigmoid = measure("sigmoid", DEPTH, seed=seed).weight_grad_norms
    relu = measure("relu", DEPTH, seed=seed).weight_grad_norms
    assert sigmoid[0] / sigmoid[-1] < 1e-3 < 0.05 < relu[0] / relu[-1]
