"""Layer norm per token, and the scale of the residual stream in Pre-LN and Post-LN stacks at initialisation."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from snippets.dl._arrays import as_real_array


# --8<-- [start:token_layer_norm]
def token_layer_norm(x: ArrayLike, gamma: ArrayLike, beta: ArrayLike, eps: float = 1e-5) -> np.ndarray:
    """LayerNorm of a (batch, tokens, d) array as in `nn.LayerNorm(d)`: each token over its d features."""
    x = as_real_array(x)
    if x.ndim == 0 or x.shape[-1] < 2:
        raise ValueError(f"x needs a last axis of at least 2 features, got shape {x.shape}")
    mean = x.mean(axis=-1, keepdims=True)
    var = x.var(axis=-1, keepdims=True)
    return np.asarray(gamma) * (x - mean) / np.sqrt(var + eps) + np.asarray(beta)
# --8<-- [end:token_layer_norm]


# --8<-- [start:residual_stream]
def residual_stream_norms(depth: int, pre_ln: bool, width: int = 64, seed: int = 0) -> np.ndarray:
    """RMS of the residual stream after each of `depth` blocks x <- x + F(LN(x)) (Pre-LN) or
    x <- LN(x + F(x)) (Post-LN), with F a random linear map that keeps the scale of its input."""
    if depth < 1 or width < 2:
        raise ValueError(f"need depth >= 1 and width >= 2, got depth={depth}, width={width}")
    rng = np.random.default_rng(seed)
    ones, zeros = np.ones(width), np.zeros(width)
    x = rng.normal(size=width)
    norms = []
    for _ in range(depth):
        weight = rng.normal(0.0, 1.0 / np.sqrt(width), size=(width, width))
        if pre_ln:
            x = x + weight @ token_layer_norm(x, ones, zeros)
        else:
            x = token_layer_norm(x + weight @ x, ones, zeros)
        norms.append(np.sqrt(np.mean(x**2)))
    return np.array(norms)
# --8<-- [end:residual_stream]
