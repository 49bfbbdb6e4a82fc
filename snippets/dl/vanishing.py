r"""Vanishing gradients: the gradient norm of every layer of a deep sigmoid network vs a ReLU one.

Backpropagating through hidden layer $l$ multiplies $\partial l/\partial z$ by $\sigma'(z^{(l)})$
(and by $W^{(l+1)\top}$). Since $\sigma'(z) \le 1/4$, the sigmoid factors alone shrink the
gradient reaching the first of $D$ layers by up to $(1/4)^D$ ($\approx 9.54 \times 10^{-7}$ for $D = 10$),
whereas $\mathrm{ReLU}'(z) \in \{0, 1\}$ passes it through unchanged where the unit is active.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from snippets.dl.activation_facts import maximum
from snippets.dl.activations import get_activation
from snippets.dl.backprop import MLP


@dataclass(frozen=True)
class LayerGradients:
    r"""Per hidden layer (first to last): $\|\partial l/\partial W^{(l)}\|_F$ and the mean of $\sigma'(z^{(l)})$."""

    activation: str
    weight_grad_norms: np.ndarray
    mean_activation_grad: np.ndarray


# --8<-- [start:measure]
def measure(activation: str, depth: int = 10, width: int = 32, num_samples: int = 64,
            seed: int = 0) -> LayerGradients:
    """Gradient norms of a `depth`-hidden-layer MLP at initialisation, on seeded Gaussian data.

    Weights follow `MLP`'s initialisation (variance $1/n$ for sigmoid, $2/n$ for ReLU), the
    loss is the mean squared error against Gaussian targets.
    """
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(num_samples, width))
    target = rng.normal(size=(num_samples, 1))
    model = MLP([width] * (depth + 1) + [1], activation=activation, seed=seed)
    forward_pass = model.forward(x)
    _, gradients = model.backward(forward_pass, target)
    activation_grad = get_activation(activation)[1]
    return LayerGradients(
        activation=activation,
        weight_grad_norms=np.array([np.linalg.norm(grad) for grad in gradients.weights[:depth]]),
        mean_activation_grad=np.array([np.mean(activation_grad(z)) for z in forward_pass.z[:depth]]),
    )


def compare(depth: int = 10, **kwargs: int) -> dict[str, LayerGradients]:
    """`measure` for sigmoid and for ReLU on the same data."""
    return {name: measure(name, depth, **kwargs) for name in ("sigmoid", "relu")}


def sigmoid_factor_bound(depth: int = 10) -> float:
    r"""$(\max_z \sigma'(z))^{D}$, with the maximum found numerically: $(1/4)^D$."""
    return maximum(get_activation("sigmoid")[1], -10.0, 10.0)[1] ** depth
# --8<-- [end:measure]
