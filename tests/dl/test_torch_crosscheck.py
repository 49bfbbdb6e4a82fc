"""The NumPy activations, normalisations and network gradients against PyTorch and its autograd."""

from __future__ import annotations

import numpy as np
import pytest

from tests.support import require_module

from snippets.dl.activations import ACTIVATIONS, leaky_relu, leaky_relu_grad
from snippets.dl.backprop import MLP, make_regression_data
from snippets.dl.normalization import (
    BatchNorm2d,
    batch_norm,
    batch_norm_backward,
    batch_norm_forward,
    group_norm,
    group_norm_backward,
    group_norm_forward,
    instance_norm,
    layer_norm,
)

torch = require_module(
    "torch", "the cross-check against autograd needs it (.venv/bin/pip install torch==2.13.0; "
    ".ci/run installs the CPU build)")
F = torch.nn.functional

TORCH_ACTIVATIONS = {
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "relu": F.relu,
    "leaky_relu": lambda t: F.leaky_relu(t, negative_slope=0.01),
    "relu6": F.relu6,
    "swish": F.silu,
    "gelu": lambda t: F.gelu(t, approximate="none"),
    "gelu_tanh": lambda t: F.gelu(t, approximate="tanh"),
}
TOLERANCES = {np.float64: {"rtol": 1e-6, "atol": 1e-12}, np.float32: {"rtol": 1e-5, "atol": 1e-6}}
DTYPES = list(TOLERANCES)

X = np.concatenate([np.linspace(-8.0, 8.0, 321), [-1e4, -100.0, -30.0, 0.0, 6.0, 30.0, 100.0, 1e4]])


def torch_value_and_grad(function, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    tensor = torch.tensor(x, requires_grad=True)
    output = function(tensor)
    output.sum().backward()
    return output.detach().numpy(), tensor.grad.numpy()


def test_every_activation_has_a_torch_counterpart() -> None:
    assert set(TORCH_ACTIVATIONS) == set(ACTIVATIONS)


@pytest.mark.parametrize("dtype", DTYPES, ids=["float64", "float32"])
@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_activation_and_derivative_match_autograd(name: str, dtype: type) -> None:
    x = X.astype(dtype)
    function, derivative = ACTIVATIONS[name]
    value, grad = torch_value_and_grad(TORCH_ACTIVATIONS[name], x)
    np.testing.assert_allclose(function(x), value, **TOLERANCES[dtype])
    np.testing.assert_allclose(derivative(x), grad, **TOLERANCES[dtype])


X16 = np.array([-65504.0, -1e4, -300.0, -100.0, -41.0, -8.0, -1.0, -1e-3, 0.0, 1e-3, 1.0, 3.0, 6.0, 8.0,
                41.0, 100.0, 300.0, 1e4, 65504.0], dtype=np.float16)


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_float16_activation_and_derivative_match_autograd_at_the_extremes(name: str) -> None:
    """PyTorch computes float16 in float32 on the CPU and rounds once; so must we (one float16 ulp apart at most).

    Except for two derivatives: PyTorch's float16 backward of sigmoid and tanh is computed from the float16
    output, s(1 - s) and 1 - t^2, which loses all precision where the output is near 1 (it gives
    tanh'(6) = 0). Those two are compared with PyTorch's float64 derivative, rounded to float16.
    """
    function, derivative = ACTIVATIONS[name]
    value, grad = torch_value_and_grad(TORCH_ACTIVATIONS[name], X16)
    if name in ("sigmoid", "tanh"):
        grad = torch_value_and_grad(TORCH_ACTIVATIONS[name], X16.astype(np.float64))[1].astype(np.float16)
    for ours, theirs in ((function(X16), value), (derivative(X16), grad)):
        assert ours.dtype == np.float16 and np.all(np.isfinite(ours))
        np.testing.assert_allclose(ours.astype(np.float64), theirs.astype(np.float64), rtol=1e-3, atol=1e-6)


@pytest.mark.parametrize("slope", [0.2, -0.5])
def test_leaky_relu_with_other_slopes_matches_autograd(slope: float) -> None:
    value, grad = torch_value_and_grad(lambda t: F.leaky_relu(t, negative_slope=slope), X)
    np.testing.assert_allclose(leaky_relu(X, slope), value, rtol=1e-12)
    np.testing.assert_allclose(leaky_relu_grad(X, slope), grad, rtol=1e-12)


SHAPE = (4, 6, 3, 5)
GROUPS = 2
EPS = 1e-5


@pytest.fixture
def batch() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(11)
    return rng.normal(1.0, 2.0, size=SHAPE), rng.normal(1.0, 0.5, size=SHAPE[1]), rng.normal(size=SHAPE[1])


def per_channel(values: torch.Tensor) -> torch.Tensor:
    return values[None, :, None, None]


TORCH_NORMALIZERS = {
    "batch": (lambda x, g, b: batch_norm(x, g, b, EPS),
              lambda x, g, b: F.batch_norm(x, None, None, g, b, training=True, eps=EPS)),
    "layer": (lambda x, g, b: layer_norm(x, g, b, EPS),
              lambda x, g, b: per_channel(g) * F.layer_norm(x, x.shape[1:], eps=EPS) + per_channel(b)),
    "instance": (lambda x, g, b: instance_norm(x, g, b, EPS),
                 lambda x, g, b: F.instance_norm(x, weight=g, bias=b, eps=EPS)),
    "group": (lambda x, g, b: group_norm(x, GROUPS, g, b, EPS),
              lambda x, g, b: F.group_norm(x, GROUPS, g, b, eps=EPS)),
}


@pytest.mark.parametrize("dtype", DTYPES, ids=["float64", "float32"])
@pytest.mark.parametrize("method", TORCH_NORMALIZERS)
def test_normalization_matches_torch(method: str, dtype: type, batch) -> None:
    ours, theirs = TORCH_NORMALIZERS[method]
    x, gamma, beta = (array.astype(dtype) for array in batch)
    expected = theirs(*(torch.tensor(array) for array in (x, gamma, beta))).numpy()
    result = ours(x, gamma, beta)
    assert result.dtype == dtype
    np.testing.assert_allclose(result, expected, **TOLERANCES[dtype])


@pytest.mark.parametrize("std", [1.0, 300.0, 5000.0])
@pytest.mark.parametrize("method", TORCH_NORMALIZERS)
def test_float16_normalization_matches_torch_for_large_spreads(method: str, std: float, batch) -> None:
    """A standard deviation of 256 or more overflows a float16 variance; PyTorch computes the statistics in float32."""
    ours, theirs = TORCH_NORMALIZERS[method]
    x, gamma, beta = batch
    x = (std * (x - 1.0)).astype(np.float16)
    gamma, beta = gamma.astype(np.float16), beta.astype(np.float16)
    expected = theirs(*(torch.tensor(array) for array in (x, gamma, beta))).numpy()
    result = ours(x, gamma, beta)
    assert result.dtype == np.float16 and np.abs(result.astype(np.float64)).max() > 0.5
    np.testing.assert_allclose(result.astype(np.float64), expected.astype(np.float64), rtol=4e-3, atol=4e-3)


@pytest.mark.parametrize("dtype", DTYPES, ids=["float64", "float32"])
def test_batch_norm_backward_matches_autograd(dtype: type, batch) -> None:
    x, gamma, beta = (array.astype(dtype) for array in batch)
    upstream = np.random.default_rng(12).normal(size=SHAPE).astype(dtype)
    tensors = [torch.tensor(array, requires_grad=True) for array in (x, gamma, beta)]
    y = F.batch_norm(tensors[0], None, None, tensors[1], tensors[2], training=True, eps=EPS)
    (y * torch.tensor(upstream)).sum().backward()
    _, cache = batch_norm_forward(x, gamma, beta, EPS)
    for ours, tensor in zip(batch_norm_backward(upstream, cache), tensors):
        np.testing.assert_allclose(ours, tensor.grad.numpy(), **TOLERANCES[dtype])


@pytest.mark.parametrize("groups", [1, GROUPS, SHAPE[1]])
@pytest.mark.parametrize("dtype", DTYPES, ids=["float64", "float32"])
def test_group_norm_backward_matches_autograd(dtype: type, groups: int, batch) -> None:
    x, gamma, beta = (array.astype(dtype) for array in batch)
    upstream = np.random.default_rng(16).normal(size=SHAPE).astype(dtype)
    tensors = [torch.tensor(array, requires_grad=True) for array in (x, gamma, beta)]
    y = F.group_norm(tensors[0], groups, tensors[1], tensors[2], eps=EPS)
    (y * torch.tensor(upstream)).sum().backward()
    _, cache = group_norm_forward(x, groups, gamma, beta, EPS)
    for ours, tensor in zip(group_norm_backward(upstream, cache), tensors):
        assert ours.dtype == dtype
        np.testing.assert_allclose(ours, tensor.grad.numpy(), **TOLERANCES[dtype])


def test_batch_norm_layer_running_statistics_and_eval_mode_match_torch() -> None:
    rng = np.random.default_rng(13)
    ours = BatchNorm2d(SHAPE[1], eps=EPS, momentum=0.1)
    theirs = torch.nn.BatchNorm2d(SHAPE[1], eps=EPS, momentum=0.1, dtype=torch.float64)
    for _ in range(4):
        x = rng.normal(2.0, 3.0, size=SHAPE)
        with torch.no_grad():
            np.testing.assert_allclose(ours(x), theirs(torch.tensor(x)).numpy(), rtol=1e-6, atol=1e-12)
    np.testing.assert_allclose(ours.running_mean, theirs.running_mean.numpy(), rtol=1e-12)
    np.testing.assert_allclose(ours.running_var, theirs.running_var.numpy(), rtol=1e-12)
    ours.eval()
    theirs.eval()
    x = rng.normal(size=(1, SHAPE[1], 1, 1))
    with torch.no_grad():
        np.testing.assert_allclose(ours(x), theirs(torch.tensor(x)).numpy(), rtol=1e-6, atol=1e-12)


@pytest.mark.parametrize("loss", ["mse", "cross_entropy"])
@pytest.mark.parametrize("activation", sorted(ACTIVATIONS))
def test_mlp_gradients_match_autograd(activation: str, loss: str) -> None:
    model = MLP([2, 5, 4, 3], activation=activation, loss=loss, seed=6)
    x, regression_target = make_regression_data(16, seed=7)
    target = np.random.default_rng(8).integers(0, 3, size=16) if loss == "cross_entropy" \
        else np.concatenate([regression_target, regression_target[:, :1]], axis=1)
    our_loss, gradients = model.loss_and_gradients(x, target)

    weights = [torch.tensor(w, requires_grad=True) for w in model.weights]
    biases = [torch.tensor(b, requires_grad=True) for b in model.biases]
    a = torch.tensor(x)
    for layer, (weight, bias) in enumerate(zip(weights, biases)):
        z = a @ weight.T + bias
        a = z if layer == len(weights) - 1 else TORCH_ACTIVATIONS[activation](z)
    torch_loss = F.mse_loss(a, torch.tensor(target)) if loss == "mse" else F.cross_entropy(a, torch.tensor(target))
    torch_loss.backward()

    assert our_loss == pytest.approx(torch_loss.item(), rel=1e-12)
    for ours, tensor in zip([*gradients.weights, *gradients.biases], [*weights, *biases]):
        np.testing.assert_allclose(ours, tensor.grad.numpy(), rtol=1e-6, atol=1e-12)


def test_default_affine_parameters_of_the_torch_layers() -> None:
    """The normalization page: InstanceNorm2d has no gamma, beta (and no running statistics) unless asked."""
    instance = torch.nn.InstanceNorm2d(6)
    assert instance.weight is None and instance.bias is None and not instance.track_running_stats
    assert torch.nn.InstanceNorm2d(6, affine=True).weight.shape == (6,)
    assert torch.nn.BatchNorm2d(6).weight.shape == (6,) and torch.nn.GroupNorm(2, 6).weight.shape == (6,)
    assert torch.nn.LayerNorm((6, 3, 5)).weight.shape == (6, 3, 5)


def test_transformer_layer_norm_normalizes_each_token_over_the_hidden_dimension() -> None:
    """nn.LayerNorm(d) on (batch, tokens, d) is our layer_norm with every token a sample of C = d, H = W = 1."""
    rng = np.random.default_rng(14)
    batch, tokens, hidden = 3, 5, 8
    x = rng.normal(2.0, 3.0, size=(batch, tokens, hidden)) * rng.uniform(0.5, 4.0, size=(batch, tokens, 1))
    gamma, beta = rng.normal(1.0, 0.5, size=hidden), rng.normal(size=hidden)
    layer = torch.nn.LayerNorm(hidden, eps=EPS, dtype=torch.float64)
    with torch.no_grad():
        layer.weight.copy_(torch.tensor(gamma))
        layer.bias.copy_(torch.tensor(beta))
        expected = layer(torch.tensor(x)).numpy()
    ours = layer_norm(x.reshape(batch * tokens, hidden, 1, 1), gamma, beta, EPS).reshape(x.shape)
    np.testing.assert_allclose(ours, expected, rtol=1e-6, atol=1e-12)
    per_token = expected.reshape(batch * tokens, hidden)
    np.testing.assert_allclose(((per_token - beta) / gamma).mean(axis=1), 0.0, atol=1e-9)
    over_all_tokens = F.layer_norm(torch.tensor(x), (tokens, hidden), eps=EPS).numpy()
    assert not np.allclose(over_all_tokens, (expected - beta) / gamma, atol=1e-3)


def test_float16_batch_norm_backward_matches_autograd_for_a_large_spread(batch) -> None:
    x, gamma, beta = batch
    x = (500.0 * (x - 1.0)).astype(np.float16)
    gamma, beta = gamma.astype(np.float16), beta.astype(np.float16)
    upstream = np.random.default_rng(15).normal(size=SHAPE).astype(np.float16)
    tensors = [torch.tensor(array, requires_grad=True) for array in (x, gamma, beta)]
    y = F.batch_norm(tensors[0], None, None, tensors[1], tensors[2], training=True, eps=EPS)
    (y * torch.tensor(upstream)).sum().backward()
    _, cache = batch_norm_forward(x, gamma, beta, EPS)
    for ours, tensor in zip(batch_norm_backward(upstream, cache), tensors):
        theirs = tensor.grad.numpy().astype(np.float64)
        assert ours.dtype == np.float16 and np.all(np.isfinite(ours))
        np.testing.assert_allclose(ours.astype(np.float64), theirs, rtol=4e-3, atol=2e-3 * np.abs(theirs).max())
