"""Experiments of the initialisation page: signal scale over depth, residual versus plain gradient flow,
and dead ReLU units after training. Each is seeded, runs in well under a second, and gives the same numbers
every time."""

from __future__ import annotations

import numpy as np

from snippets.dl.activations import relu, relu_grad, sigmoid, sigmoid_grad, tanh, tanh_grad
from snippets.dl.backprop import MLP, make_regression_data, train
from snippets.dl.init import kaiming_normal, xavier_normal

ACTIVATIONS = {"tanh": (tanh, tanh_grad), "relu": (relu, relu_grad), "sigmoid": (sigmoid, sigmoid_grad)}
SCHEMES = {
    "xavier": lambda n, rng: xavier_normal(n, n, rng),
    "kaiming": lambda n, rng: kaiming_normal(n, rng, "relu"),
}


def _rms(values: np.ndarray) -> float:
    return float(np.sqrt(np.mean(values**2)))


# --8<-- [start:scales]
def scales_over_depth(scheme: str, activation: str, depth: int = 30, width: int = 128, batch: int = 128,
                      seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """RMS of each layer's activations (forward) and of the gradient reaching each layer's input (backward),
    for a plain network z = W a, a = f(z) with unit Gaussian input and unit Gaussian output gradient."""
    if scheme not in SCHEMES or activation not in ACTIVATIONS:
        raise ValueError(f"scheme must be one of {sorted(SCHEMES)} and activation one of {sorted(ACTIVATIONS)}")
    rng = np.random.default_rng(seed)
    f, f_grad = ACTIVATIONS[activation]
    weights = [SCHEMES[scheme](width, rng) for _ in range(depth)]
    a, pre_activations, forward = rng.normal(size=(batch, width)), [], []
    for weight in weights:
        pre_activations.append(a @ weight.T)
        a = f(pre_activations[-1])
        forward.append(_rms(a))
    grad, backward = rng.normal(size=(batch, width)), []
    for weight, z in zip(reversed(weights), reversed(pre_activations)):
        grad = (grad * f_grad(z)) @ weight
        backward.append(_rms(grad))
    return np.array(forward), np.array(backward[::-1])
# --8<-- [end:scales]


# --8<-- [start:residual]
def input_gradient_ratio(depth: int, residual: bool, branch_scale: float = 1.0, width: int = 64,
                         batch: int = 64, seed: int = 0) -> float:
    """RMS of the gradient at the input over that at the output, for a sigmoid network of `depth` layers:
    plain x <- sigmoid(W x), or residual x <- x + branch_scale * W sigmoid(x) (Xavier-normal W)."""
    rng = np.random.default_rng(seed)
    weights = [xavier_normal(width, width, rng) for _ in range(depth)]
    x, inputs = rng.normal(size=(batch, width)), []
    for weight in weights:
        inputs.append(x)
        x = x + branch_scale * sigmoid(x) @ weight.T if residual else sigmoid(x @ weight.T)
    top = grad = rng.normal(size=(batch, width))
    for weight, x in zip(reversed(weights), reversed(inputs)):
        if residual:
            grad = grad + branch_scale * (grad @ weight) * sigmoid_grad(x)
        else:
            grad = (grad * sigmoid_grad(x @ weight.T)) @ weight
    return _rms(grad) / _rms(top)
# --8<-- [end:residual]


# --8<-- [start:dead_relu]
def dead_units(learning_rate: float, seed: int, steps: int = 300) -> list[int]:
    """Hidden ReLU units of a 2-64-64-2 network that output 0 for every training input, per hidden layer,
    after `steps` steps of full-batch gradient descent on the regression data of the backprop page."""
    x, target = make_regression_data(256, seed=0)
    model = MLP([2, 64, 64, 2], "relu", seed=seed)
    if steps:
        train(model, x, target, learning_rate=learning_rate, steps=steps)
    return [int(np.sum(np.all(z <= 0.0, axis=0))) for z in model.forward(x).z[:-1]]
# --8<-- [end:dead_relu]
