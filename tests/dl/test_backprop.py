"""The fully connected network: gradients, training, and the cost of getting dl/dz."""

from __future__ import annotations

import numpy as np
import pytest

from snippets.dl.activations import ACTIVATIONS
from snippets.dl.backprop import (
    MLP,
    count_operations,
    gradient_check,
    make_regression_data,
    mean_squared_error,
    softmax_cross_entropy,
    train,
)
from snippets.dl.gradcheck import numerical_gradient, relative_error


@pytest.mark.parametrize("activation", sorted(ACTIVATIONS))
def test_backprop_matches_central_differences_for_mse(activation: str) -> None:
    x, target = make_regression_data(16, seed=3)
    model = MLP([2, 5, 4, 2], activation=activation, seed=1)
    assert gradient_check(model, x, target) < 1e-6


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "gelu"])
def test_backprop_matches_central_differences_for_cross_entropy(activation: str) -> None:
    rng = np.random.default_rng(4)
    x = rng.normal(size=(12, 3))
    labels = rng.integers(0, 4, size=12)
    model = MLP([3, 6, 5, 4], activation=activation, loss="cross_entropy", seed=2)
    assert gradient_check(model, x, labels) < 1e-6


def test_gradient_check_detects_a_wrong_gradient() -> None:
    x, target = make_regression_data(8, seed=0)
    model = MLP([2, 3, 2], activation="tanh", seed=0)
    model.activation_grad = ACTIVATIONS["sigmoid"][1]
    assert gradient_check(model, x, target) > 1e-2


@pytest.mark.parametrize("loss_function, target", [
    (mean_squared_error, np.array([[0.5, -1.0, 2.0], [0.0, 1.0, 3.0]])),
    (softmax_cross_entropy, np.array([2, 0])),
])
def test_loss_gradients_match_central_differences(loss_function, target: np.ndarray) -> None:
    y = np.array([[0.3, -0.2, 1.5], [2.0, 0.1, -1.0]])
    _, analytic = loss_function(y, target)
    numeric = numerical_gradient(lambda: loss_function(y, target)[0], y)
    assert relative_error(analytic, numeric) < 1e-7


def test_cross_entropy_is_stable_for_large_logits() -> None:
    loss, dlogits = softmax_cross_entropy(np.array([[1000.0, 0.0, -1000.0]]), np.array([1]))
    assert loss == pytest.approx(1000.0)
    np.testing.assert_allclose(dlogits, [[1.0, -1.0, 0.0]], atol=1e-12)


def test_forward_pass_stores_pre_activations_and_activations() -> None:
    model = MLP([2, 3, 2], activation="sigmoid", seed=0)
    x = np.array([[0.5, -1.0]])
    forward_pass = model.forward(x)
    z1 = x @ model.weights[0].T + model.biases[0]
    np.testing.assert_allclose(forward_pass.z[0], z1)
    np.testing.assert_allclose(forward_pass.a[1], 1.0 / (1.0 + np.exp(-z1)))
    np.testing.assert_allclose(forward_pass.a[2], forward_pass.z[1])
    assert len(forward_pass.z) == 2 and len(forward_pass.a) == 3


def test_weight_gradient_is_input_times_dl_dz() -> None:
    x, target = make_regression_data(5, seed=2)
    model = MLP([2, 4, 3, 2], activation="tanh", seed=5)
    forward_pass = model.forward(x)
    _, gradients = model.backward(forward_pass, target)
    for layer, weight_grad in enumerate(gradients.weights):
        outer_products = [np.outer(gradients.dl_dz[layer][i], forward_pass.a[layer][i]) for i in range(len(x))]
        np.testing.assert_allclose(weight_grad, np.sum(outer_products, axis=0), rtol=1e-12)


def test_training_reduces_the_loss() -> None:
    x, target = make_regression_data(64, seed=0)
    model = MLP([2, 8, 8, 2], activation="tanh", seed=0)
    history = train(model, x, target, learning_rate=0.3, steps=300)
    assert history.shape == (300,)
    assert history[-1] < 0.3 * history[0]
    assert np.all(np.isfinite(history))
    assert model.loss(x, target) < history[-1]


def test_training_is_reproducible_from_the_seed() -> None:
    x, target = make_regression_data(32, seed=1)
    runs = [train(MLP([2, 6, 2], seed=9), x, target, steps=20) for _ in range(2)]
    np.testing.assert_array_equal(*runs)
    assert not np.array_equal(runs[0], train(MLP([2, 6, 2], seed=10), x, target, steps=20))


@pytest.mark.parametrize("kwargs, message", [
    ({"layer_sizes": [3]}, "at least two positive integer sizes"),
    ({"layer_sizes": [3, 0, 2]}, "at least two positive integer sizes"),
    ({"layer_sizes": [3, -4, 2]}, "at least two positive integer sizes"),
    ({"layer_sizes": [3, 2], "activation": "softsign"}, "unknown activation 'softsign'"),
    ({"layer_sizes": [3, 2], "loss": "hinge"}, "unknown loss 'hinge'"),
])
def test_bad_network_settings_are_rejected(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        MLP(**kwargs)


class CountingExpansion:
    """dl/dz of one sample computed two ways, counting multiplications as it goes."""

    def __init__(self, model: MLP, x: np.ndarray, target: np.ndarray) -> None:
        forward_pass = model.forward(x)
        _, gradients = model.backward(forward_pass, target)
        self.weights = model.weights
        self.slopes = [model.activation_grad(z[0]) for z in forward_pass.z]
        self.output_delta = gradients.dl_dz[-1][0]
        self.multiplications = 0

    def expand(self, layer: int, neuron: int) -> float:
        """Repeated expansion: every delta of the next layer is expanded again, nothing is reused."""
        if layer == len(self.weights) - 1:
            return float(self.output_delta[neuron])
        total = 0.0
        for k in range(self.weights[layer + 1].shape[0]):
            total += self.weights[layer + 1][k, neuron] * self.expand(layer + 1, k)
            self.multiplications += 1
        self.multiplications += 1
        return float(self.slopes[layer][neuron]) * total

    def backward_order(self) -> list[np.ndarray]:
        deltas = [self.output_delta]
        for layer in range(len(self.weights) - 2, -1, -1):
            next_weights = self.weights[layer + 1]
            delta = np.empty(next_weights.shape[1])
            for j in range(next_weights.shape[1]):
                delta[j] = self.slopes[layer][j] * sum(next_weights[k, j] * deltas[0][k]
                                                       for k in range(next_weights.shape[0]))
                self.multiplications += next_weights.shape[0] + 1
            deltas.insert(0, delta)
        return deltas


@pytest.mark.parametrize("layer_sizes", [[2, 1, 2], [2, 3, 3, 2], [3, 4, 2, 3, 2], [2, 2]])
def test_operation_counts_match_an_instrumented_computation(layer_sizes: list[int]) -> None:
    model = MLP(layer_sizes, activation="sigmoid", seed=0)
    rng = np.random.default_rng(1)
    x, target = rng.normal(size=(1, layer_sizes[0])), rng.normal(size=(1, layer_sizes[-1]))
    _, gradients = model.loss_and_gradients(x, target)
    expected_expansion, expected_backward = count_operations(layer_sizes)

    counting = CountingExpansion(model, x, target)
    for layer, dl_dz in enumerate(gradients.dl_dz[:-1]):
        expanded = [counting.expand(layer, j) for j in range(layer_sizes[layer + 1])]
        np.testing.assert_allclose(expanded, dl_dz[0], rtol=1e-12)
    assert counting.multiplications == expected_expansion

    counting = CountingExpansion(model, x, target)
    for computed, dl_dz in zip(counting.backward_order(), gradients.dl_dz):
        np.testing.assert_allclose(computed, dl_dz[0], rtol=1e-12)
    assert counting.multiplications == expected_backward


def test_backward_order_saves_work_as_the_network_gets_deeper() -> None:
    ratios = [np.divide(*count_operations([2] + [10] * depth + [2])) for depth in range(1, 9)]
    assert ratios[0] == 1.0
    assert all(later > 5 * earlier for earlier, later in zip(ratios[1:], ratios[2:]))


@pytest.mark.parametrize("layer_sizes", [[2, -3, 2], [2, 0, 2], [-2, 2], [2], [], [2, 2.5, 2], [2, True, 2]])
def test_operation_counter_rejects_bad_layer_sizes(layer_sizes: list) -> None:
    """[2, -3, 2] used to give negative counts."""
    with pytest.raises(ValueError, match=r"layer_sizes needs at least two positive integer sizes, got \["):
        count_operations(layer_sizes)


@pytest.mark.parametrize("labels, problem", [
    (np.array([0, -1]), r"class indices in \[0, 3\), got -1"),
    (np.array([3, 0]), r"class indices in \[0, 3\), got 3"),
    (np.array([0.0, 1.0]), "integer class indices, got shape \\(2,\\) and dtype float64"),
    (np.array([0, 1, 2]), "N = 2 integer class indices, got shape \\(3,\\)"),
    (np.array([[0], [1]]), "got shape \\(2, 1\\)"),
])
def test_cross_entropy_rejects_labels_that_are_not_class_indices(labels: np.ndarray, problem: str) -> None:
    """A label of -1 used to pick the last class silently (NumPy's negative indexing)."""
    with pytest.raises(ValueError, match=problem):
        softmax_cross_entropy(np.zeros((2, 3)), labels)


def test_cross_entropy_needs_logits_of_shape_n_c() -> None:
    with pytest.raises(ValueError, match=r"logits must have shape \(N, C\), got \(3,\)"):
        softmax_cross_entropy(np.zeros(3), np.array([0]))


@pytest.mark.parametrize("target_shape", [(4,), (1, 4), (4, 2), (2, 1)])
def test_mse_rejects_a_target_of_another_shape(target_shape: tuple[int, ...]) -> None:
    """An (N, 1) prediction against an (N,) target used to broadcast to (N, N): a wrong loss, no error."""
    with pytest.raises(ValueError, match=r"the target must have the prediction's shape \(4, 1\), got"):
        mean_squared_error(np.zeros((4, 1)), np.zeros(target_shape))


def test_mse_of_the_broadcast_shapes_would_be_wrong() -> None:
    y, target = np.array([[1.0], [2.0]]), np.array([1.0, 2.0])
    assert np.mean((y - target) ** 2) == 0.5  # (N, N) differences: not the 0.0 a reader expects
    assert mean_squared_error(y, target[:, None])[0] == 0.0
