r"""Backpropagation through a fully connected network, written the way the page derives it.

Layer $l$ computes $z^{(l)} = W^{(l)} a^{(l-1)} + b^{(l)}$ and $a^{(l)} = \sigma(z^{(l)})$, with
$a^{(0)} = x$ and a linear output layer $y = z^{(L)}$. For a weight, the chain rule splits into
two factors that come from two different passes:

$$\frac{\partial l}{\partial w^{(l)}_{jk}}
= \underbrace{\frac{\partial z^{(l)}_j}{\partial w^{(l)}_{jk}}}_{a^{(l-1)}_k \text{ (forward pass)}}
\;\underbrace{\frac{\partial l}{\partial z^{(l)}_j}}_{\text{backward pass}},\qquad
\frac{\partial l}{\partial z^{(l)}}
= \sigma'(z^{(l)}) \odot \left(W^{(l+1)\top} \frac{\partial l}{\partial z^{(l+1)}}\right).$$

Arrays hold one sample per row, so $W a$ is written `a @ W.T` and the sum over the batch
is the matrix product `dl_dz.T @ a`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from snippets.dl.activations import get_activation
from snippets.dl.gradcheck import numerical_gradient, relative_error

RELU_FAMILY = ("relu", "leaky_relu", "relu6")


def check_layer_sizes(layer_sizes: Sequence[int]) -> list[int]:
    """The sizes as a list; ValueError unless there are at least two and each is a positive integer."""
    sizes = list(layer_sizes)
    if len(sizes) < 2 or not all(isinstance(size, (int, np.integer)) and not isinstance(size, bool) and size >= 1
                                 for size in sizes):
        raise ValueError(f"layer_sizes needs at least two positive integer sizes, got {sizes}")
    return sizes


def _check_regression_target(y: np.ndarray, target: np.ndarray) -> np.ndarray:
    target = np.asarray(target)
    if target.shape != y.shape:
        raise ValueError(f"the target must have the prediction's shape {y.shape}, got {target.shape} "
                         "(NumPy would broadcast the two into a larger array)")
    return target


def _check_labels(logits: np.ndarray, labels: np.ndarray) -> np.ndarray:
    labels = np.asarray(labels)
    if logits.ndim != 2:
        raise ValueError(f"logits must have shape (N, C), got {logits.shape}")
    if labels.shape != logits.shape[:1] or labels.dtype.kind not in "iu":
        raise ValueError(f"labels must be N = {logits.shape[0]} integer class indices, "
                         f"got shape {labels.shape} and dtype {labels.dtype}")
    outside = labels[(labels < 0) | (labels >= logits.shape[1])]
    if outside.size:
        raise ValueError(f"labels must be class indices in [0, {logits.shape[1]}), got {outside[0]}")
    return labels


# --8<-- [start:losses]
def mean_squared_error(y: np.ndarray, target: np.ndarray) -> tuple[float, np.ndarray]:
    r"""$l = \operatorname{mean}\,(y - t)^2$ over all entries.

    Returns $l$ and $\partial l / \partial y = 2 (y - t) / \text{size}$.
    """
    difference = y - _check_regression_target(y, target)
    return float(np.mean(difference**2)), 2.0 * difference / difference.size


def softmax_cross_entropy(logits: np.ndarray, labels: np.ndarray) -> tuple[float, np.ndarray]:
    r"""$l = -\operatorname{mean}_i \log \operatorname{softmax}(z_i)_{t_i}$ for class indices $t_i$.

    Returns $l$ and $\partial l / \partial z_i = (p_i - \mathrm{onehot}(t_i)) / N$ with
    $p_i = \operatorname{softmax}(z_i)$; the log-softmax subtracts the row maximum first.
    """
    labels = _check_labels(logits, labels)
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_probabilities = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    rows = np.arange(len(labels))
    loss = -float(np.mean(log_probabilities[rows, labels]))
    dlogits = np.exp(log_probabilities)
    dlogits[rows, labels] -= 1.0
    return loss, dlogits / len(labels)


LOSSES: dict[str, Callable[[np.ndarray, np.ndarray], tuple[float, np.ndarray]]] = {
    "mse": mean_squared_error,
    "cross_entropy": softmax_cross_entropy,
}
# --8<-- [end:losses]


# --8<-- [start:mlp]
@dataclass
class ForwardPass:
    """Pre-activations `z[l]` of layers 1..L and activations `a[l]`, with `a[0]` the input."""

    z: list[np.ndarray]
    a: list[np.ndarray]


@dataclass
class Gradients:
    r"""$\partial l/\partial W$, $\partial l/\partial b$ and $\partial l/\partial z$ for layers 1..L."""

    weights: list[np.ndarray]
    biases: list[np.ndarray]
    dl_dz: list[np.ndarray]


class MLP:
    r"""Fully connected network with activation $\sigma$ on hidden layers and a linear output.

    Weights are drawn from $\mathcal N(0, g^2 / n_{\text{in}})$ with gain $g = \sqrt2$ for the
    ReLU family and $g = 1$ otherwise; biases start at 0.
    """

    def __init__(self, layer_sizes: Sequence[int], activation: str = "sigmoid", loss: str = "mse",
                 seed: int = 0, gain: float | None = None) -> None:
        layer_sizes = check_layer_sizes(layer_sizes)
        if loss not in LOSSES:
            raise ValueError(f"unknown loss {loss!r}; choose one of {sorted(LOSSES)}")
        self.activation, self.activation_grad = get_activation(activation)
        self.loss_function = LOSSES[loss]
        gain = (np.sqrt(2.0) if activation in RELU_FAMILY else 1.0) if gain is None else gain
        rng = np.random.default_rng(seed)
        self.weights = [rng.normal(0.0, gain / np.sqrt(n_in), size=(n_out, n_in))
                        for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:])]
        self.biases = [np.zeros(n_out) for n_out in layer_sizes[1:]]

    def parameters(self) -> list[np.ndarray]:
        return [*self.weights, *self.biases]

    # --8<-- [start:forward]
    def forward(self, x: np.ndarray) -> ForwardPass:
        z, a = [], [np.asarray(x, dtype=np.float64)]
        last = len(self.weights) - 1
        for layer, (weight, bias) in enumerate(zip(self.weights, self.biases)):
            z.append(a[-1] @ weight.T + bias)
            a.append(z[-1] if layer == last else self.activation(z[-1]))
        return ForwardPass(z, a)
    # --8<-- [end:forward]

    # --8<-- [start:backward]
    def backward(self, forward_pass: ForwardPass, target: np.ndarray) -> tuple[float, Gradients]:
        loss, dl_dy = self.loss_function(forward_pass.a[-1], target)
        dl_dz = [dl_dy]
        for layer in range(len(self.weights) - 2, -1, -1):
            dl_dz.insert(0, self.activation_grad(forward_pass.z[layer]) * (dl_dz[0] @ self.weights[layer + 1]))
        weight_grads = [delta.T @ a_in for delta, a_in in zip(dl_dz, forward_pass.a[:-1])]
        bias_grads = [delta.sum(axis=0) for delta in dl_dz]
        return loss, Gradients(weight_grads, bias_grads, dl_dz)
    # --8<-- [end:backward]

    def loss(self, x: np.ndarray, target: np.ndarray) -> float:
        return self.loss_function(self.forward(x).a[-1], target)[0]

    def loss_and_gradients(self, x: np.ndarray, target: np.ndarray) -> tuple[float, Gradients]:
        return self.backward(self.forward(x), target)
# --8<-- [end:mlp]


# --8<-- [start:gradient_check]
def gradient_check(model: MLP, x: np.ndarray, target: np.ndarray) -> float:
    """Largest relative error between backprop's gradients and central differences, over all parameters."""
    _, gradients = model.loss_and_gradients(x, target)
    analytic = [*gradients.weights, *gradients.biases]
    return max(relative_error(grad, numerical_gradient(lambda: model.loss(x, target), parameter))
               for grad, parameter in zip(analytic, model.parameters()))
# --8<-- [end:gradient_check]


# --8<-- [start:train]
def make_regression_data(num_samples: int = 128, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    r"""Inputs $x \sim U[-1, 1]^2$ and two targets $(\sin \pi x_1 \cos x_2,\; x_1 x_2)$."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1.0, 1.0, size=(num_samples, 2))
    target = np.stack([np.sin(np.pi * x[:, 0]) * np.cos(x[:, 1]), x[:, 0] * x[:, 1]], axis=1)
    return x, target


def train(model: MLP, x: np.ndarray, target: np.ndarray, learning_rate: float = 0.5,
          steps: int = 500) -> np.ndarray:
    r"""Full-batch gradient descent $\theta \leftarrow \theta - \eta\, \partial l/\partial \theta$.

    Returns the loss before each step.
    """
    history = np.empty(steps)
    for step in range(steps):
        history[step], gradients = model.loss_and_gradients(x, target)
        for parameter, grad in zip(model.parameters(), [*gradients.weights, *gradients.biases]):
            parameter -= learning_rate * grad
    return history
# --8<-- [end:train]


# --8<-- [start:count_operations]
def count_operations(layer_sizes: Sequence[int]) -> tuple[int, int]:
    r"""Multiplications needed to get $\partial l/\partial z$ of every hidden neuron.

    Returns (repeated expansion, backward order).

    Both use
    $\delta^{(l)}_j = \partial l/\partial z^{(l)}_j = \sigma'(z^{(l)}_j) \sum_k w^{(l+1)}_{kj}\, \delta^{(l+1)}_k$,
    which costs $n_{l+1} + 1$ multiplications once the $\delta^{(l+1)}_k$ are known, and both start from
    $\delta^{(L)}$ of the output layer, which costs the same either way and is not counted. Each
    multiplication comes with one addition, so these are multiply-adds.

    *Repeated expansion* treats every neuron on its own, going forward from it: each
    $\delta^{(l+1)}_k$ it needs is expanded again in the same way, down to the output layer, and
    nothing is reused. One neuron of layer $l$ then costs $c_l = (n_{l+1} + 1) + n_{l+1} c_{l+1}$ with
    $c_L = 0$, and the whole network $\sum_l n_l c_l$, which grows like the product of the widths.

    *Backward order* computes the layers from the output back and keeps each $\delta^{(l+1)}$, so a
    neuron of layer $l$ costs $n_{l+1} + 1$ and the network $\sum_l n_l (n_{l+1} + 1)$, about one
    multiply-add per weight, the same as the forward pass.
    """
    sizes = check_layer_sizes(layer_sizes)
    per_neuron_expansion = 0
    repeated_expansion = backward = 0
    for layer in range(len(sizes) - 2, 0, -1):
        fan_out = sizes[layer + 1]
        per_neuron_expansion = fan_out + 1 + fan_out * per_neuron_expansion
        repeated_expansion += sizes[layer] * per_neuron_expansion
        backward += sizes[layer] * (fan_out + 1)
    return repeated_expansion, backward
# --8<-- [end:count_operations]
