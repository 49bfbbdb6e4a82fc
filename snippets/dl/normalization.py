r"""Batch, layer, instance and group normalisation of NCHW arrays in NumPy.

All four compute, over a set of axes $S$,
$\hat x = (x - \mu_S) / \sqrt{\sigma^2_S + \epsilon}$ with the biased variance
$\sigma^2_S = \operatorname{mean}_S (x - \mu_S)^2$, and return $y = \gamma_c \hat x + \beta_c$
with one $\gamma_c, \beta_c$ per channel. They differ only in $S$:

| method   | statistics shared by                     | axes of NCHW reduced |
|----------|------------------------------------------|----------------------|
| batch    | one channel, all samples                 | N, H, W              |
| layer    | one sample, all channels                 | C, H, W              |
| instance | one sample, one channel                  | H, W                 |
| group    | one sample, one group of C/G channels    | C/G, H, W            |

Float16 input is computed in float32 and the result rounded back to float16, as PyTorch
does on the CPU: in float16 the variance overflows (its largest value is 65504) once the
standard deviation reaches about 256, and every output would be 0.

Bad settings raise ValueError naming the problem: `eps` that is not positive, a set of
statistics with no element (or, for instance norm, a single one), a momentum outside [0, 1].
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from snippets.dl._arrays import as_finite_float, as_real_array, at_least_float32

DEFAULT_EPS = 1e-5
BATCH_AXES = (0, 2, 3)


def _check_nchw(x: ArrayLike) -> np.ndarray:
    x = as_real_array(x)
    if x.ndim != 4:
        raise ValueError(f"x must be a 4-D NCHW array, got {x.ndim} dimension(s) with shape {x.shape}")
    return x


def _check_eps(eps: float) -> float:
    eps = as_finite_float(eps, "eps")
    if eps <= 0.0:
        raise ValueError(f"eps must be positive, got {eps}")
    return eps


def _check_per_channel(named_values: dict[str, ArrayLike], x: np.ndarray) -> list[np.ndarray]:
    """Each value as an array of shape (C,) in the dtype the statistics of `x` are computed in."""
    num_channels = x.shape[1]
    checked = []
    for name, value in named_values.items():
        value = as_real_array(value, name)
        if value.shape != (num_channels,):
            raise ValueError(f"{name} must have shape (C,) = ({num_channels},), got shape {value.shape}")
        checked.append(value.astype(at_least_float32(x.dtype), copy=False))
    return checked


def _per_channel(values: np.ndarray) -> np.ndarray:
    """Shape (C,) to (1, C, 1, 1), so it broadcasts over an NCHW array."""
    return values.reshape(1, -1, 1, 1)


def _standardize(x: np.ndarray, axes: tuple[int, ...], eps: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""$(\hat x, \mu, \sigma^2)$ over `axes`, with the biased variance, in at least float32."""
    eps = _check_eps(eps)
    values_per_set = math.prod(x.shape[axis] for axis in axes)
    if values_per_set == 0:
        raise ValueError(f"cannot normalize over an empty set: the axes {axes} of x with shape {x.shape} "
                         "hold no values")
    x = x.astype(at_least_float32(x.dtype), copy=False)
    mean = x.mean(axis=axes, keepdims=True)
    centered = x - mean
    var = np.square(centered).mean(axis=axes, keepdims=True)  # what x.var computes, without a second mean
    return centered / np.sqrt(var + eps), mean, var


# --8<-- [start:batch_norm]
@dataclass(frozen=True)
class BatchNormCache:
    """What the backward pass of batch norm needs from the forward pass."""

    x_hat: np.ndarray
    mean: np.ndarray
    var: np.ndarray
    gamma: np.ndarray
    eps: float


def batch_norm_forward(x: ArrayLike, gamma: ArrayLike, beta: ArrayLike,
                       eps: float = DEFAULT_EPS) -> tuple[np.ndarray, BatchNormCache]:
    r"""Training-mode batch norm: $y = \gamma \hat x + \beta$ with statistics over (N, H, W).

    Returns $y$ and the cache for `batch_norm_backward`.
    """
    x = _check_nchw(x)
    gamma, beta = _check_per_channel({"gamma": gamma, "beta": beta}, x)
    values_per_channel = x.shape[0] * x.shape[2] * x.shape[3]
    if values_per_channel < 2:
        raise ValueError("batch norm in training mode needs more than one value per channel, "
                         f"got N*H*W = {values_per_channel} for x of shape {x.shape}")
    x_hat, mean, var = _standardize(x, BATCH_AXES, eps)
    y = _per_channel(gamma) * x_hat + _per_channel(beta)
    return y.astype(x.dtype, copy=False), BatchNormCache(x_hat, mean.reshape(-1), var.reshape(-1), gamma, eps)


def batch_norm(x: ArrayLike, gamma: ArrayLike, beta: ArrayLike, eps: float = DEFAULT_EPS) -> np.ndarray:
    r"""Training-mode batch norm, $y = \gamma \hat x + \beta$ with statistics over (N, H, W)."""
    return batch_norm_forward(x, gamma, beta, eps)[0]


def batch_norm_backward(dy: ArrayLike, cache: BatchNormCache) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""Gradients $(\partial L/\partial x, \partial L/\partial \gamma, \partial L/\partial \beta)$.

    With means over (N, H, W) of each channel,
    $\partial L/\partial x = \frac{\gamma}{\sqrt{\sigma^2 + \epsilon}}
    \left(dy - \overline{dy} - \hat x \, \overline{dy\,\hat x}\right)$,
    $\partial L/\partial \gamma = \sum dy\,\hat x$ and $\partial L/\partial \beta = \sum dy$.
    """
    dy = as_real_array(dy, "dy")
    if dy.shape != cache.x_hat.shape:
        raise ValueError(f"dy must have the shape of x, {cache.x_hat.shape}, got {dy.shape}")
    dtype, dy = dy.dtype, dy.astype(cache.x_hat.dtype, copy=False)
    inv_std = 1.0 / np.sqrt(cache.var + cache.eps)
    dy_mean = dy.mean(axis=BATCH_AXES, keepdims=True)
    dy_x_hat_mean = (dy * cache.x_hat).mean(axis=BATCH_AXES, keepdims=True)
    dx = _per_channel(cache.gamma * inv_std) * (dy - dy_mean - cache.x_hat * dy_x_hat_mean)
    dgamma = (dy * cache.x_hat).sum(axis=BATCH_AXES)
    dbeta = dy.sum(axis=BATCH_AXES)
    return dx.astype(dtype, copy=False), dgamma.astype(dtype, copy=False), dbeta.astype(dtype, copy=False)
# --8<-- [end:batch_norm]


# --8<-- [start:batch_norm_inference]
def batch_norm_inference(x: ArrayLike, running_mean: ArrayLike, running_var: ArrayLike,
                         gamma: ArrayLike, beta: ArrayLike, eps: float = DEFAULT_EPS) -> np.ndarray:
    r"""Evaluation-mode batch norm: $y = \gamma (x - \hat\mu) / \sqrt{\hat\sigma^2 + \epsilon} + \beta$
    with the running estimates $\hat\mu, \hat\sigma^2$ in place of the batch statistics."""
    x = _check_nchw(x)
    gamma, beta = _check_per_channel({"gamma": gamma, "beta": beta}, x)
    running_mean, running_var = _check_per_channel({"running_mean": running_mean, "running_var": running_var}, x)
    x_hat = (x - _per_channel(running_mean)) / np.sqrt(_per_channel(running_var) + _check_eps(eps))
    return (_per_channel(gamma) * x_hat + _per_channel(beta)).astype(x.dtype, copy=False)
# --8<-- [end:batch_norm_inference]


# --8<-- [start:batch_norm_2d]
class BatchNorm2d:
    r"""Batch norm layer with running statistics, following `torch.nn.BatchNorm2d`.

    In training mode each call normalises with the batch statistics and updates
    $\hat\mu \leftarrow (1 - m)\hat\mu + m\,\mu_B$ and
    $\hat\sigma^2 \leftarrow (1 - m)\hat\sigma^2 + m\,\frac{n}{n - 1}\sigma^2_B$
    ($n = N H W$; the running variance takes the unbiased batch variance).
    In evaluation mode it normalises with $\hat\mu, \hat\sigma^2$ and updates nothing.
    """

    def __init__(self, num_channels: int, eps: float = DEFAULT_EPS, momentum: float = 0.1) -> None:
        if isinstance(momentum, bool) or not isinstance(momentum, (int, float, np.floating, np.integer)) \
                or not 0.0 <= momentum <= 1.0:
            raise ValueError(f"momentum must be a number in [0, 1], got {momentum!r} "
                             "(PyTorch's momentum=None, a cumulative average, is not supported)")
        self.gamma = np.ones(num_channels)
        self.beta = np.zeros(num_channels)
        self.running_mean = np.zeros(num_channels)
        self.running_var = np.ones(num_channels)
        self.eps = _check_eps(eps)
        self.momentum = float(momentum)
        self.training = True

    def train(self, mode: bool = True) -> BatchNorm2d:
        self.training = mode
        return self

    def eval(self) -> BatchNorm2d:
        return self.train(False)

    def __call__(self, x: ArrayLike) -> np.ndarray:
        if not self.training:
            return batch_norm_inference(x, self.running_mean, self.running_var, self.gamma, self.beta, self.eps)
        y, cache = batch_norm_forward(x, self.gamma, self.beta, self.eps)
        values_per_channel = cache.x_hat.size // cache.x_hat.shape[1]
        unbiased_var = cache.var * values_per_channel / (values_per_channel - 1)
        self.running_mean = (1.0 - self.momentum) * self.running_mean + self.momentum * cache.mean
        self.running_var = (1.0 - self.momentum) * self.running_var + self.momentum * unbiased_var
        return y
# --8<-- [end:batch_norm_2d]


# --8<-- [start:layer_instance_group_norm]
def layer_norm(x: ArrayLike, gamma: ArrayLike, beta: ArrayLike, eps: float = DEFAULT_EPS) -> np.ndarray:
    """Layer norm: statistics per sample over (C, H, W), then a per-channel affine map."""
    x = _check_nchw(x)
    gamma, beta = _check_per_channel({"gamma": gamma, "beta": beta}, x)
    x_hat = _standardize(x, (1, 2, 3), eps)[0]
    return (_per_channel(gamma) * x_hat + _per_channel(beta)).astype(x.dtype, copy=False)


def instance_norm(x: ArrayLike, gamma: ArrayLike, beta: ArrayLike, eps: float = DEFAULT_EPS) -> np.ndarray:
    """Instance norm: statistics per sample and channel over (H, W), then a per-channel affine map."""
    x = _check_nchw(x)
    gamma, beta = _check_per_channel({"gamma": gamma, "beta": beta}, x)
    if x.shape[2] * x.shape[3] == 1:
        raise ValueError(f"instance norm needs more than one value per sample and channel, got H*W = 1 "
                         f"for x of shape {x.shape}: every output would be beta")
    x_hat = _standardize(x, (2, 3), eps)[0]
    return (_per_channel(gamma) * x_hat + _per_channel(beta)).astype(x.dtype, copy=False)


@dataclass(frozen=True)
class GroupNormCache:
    """What the backward pass of group norm needs from the forward pass."""

    x_hat: np.ndarray
    var: np.ndarray
    num_groups: int
    gamma: np.ndarray
    eps: float


def group_norm_forward(x: ArrayLike, num_groups: int, gamma: ArrayLike, beta: ArrayLike,
                       eps: float = DEFAULT_EPS) -> tuple[np.ndarray, GroupNormCache]:
    """Group norm: the C channels split into `num_groups` groups of consecutive channels;
    statistics per sample and group over (C / num_groups, H, W), then a per-channel affine map.

    Returns $y$ and the cache for `group_norm_backward`.
    """
    x = _check_nchw(x)
    batch, channels, height, width = x.shape
    if isinstance(num_groups, bool) or not isinstance(num_groups, (int, np.integer)):
        raise TypeError(f"num_groups must be an integer, got {type(num_groups).__name__}")
    if num_groups < 1:
        raise ValueError(f"num_groups must be at least 1, got {num_groups}")
    if channels % num_groups != 0:
        raise ValueError(f"the number of channels C = {channels} is not divisible by num_groups = {num_groups}")
    gamma, beta = _check_per_channel({"gamma": gamma, "beta": beta}, x)
    grouped = x.reshape(batch, num_groups, channels // num_groups, height, width)
    x_hat, _, var = _standardize(grouped, (2, 3, 4), eps)
    x_hat = x_hat.reshape(x.shape)
    y = _per_channel(gamma) * x_hat + _per_channel(beta)
    return y.astype(x.dtype, copy=False), GroupNormCache(x_hat, var.reshape(batch, num_groups), int(num_groups),
                                                         gamma, float(eps))


def group_norm(x: ArrayLike, num_groups: int, gamma: ArrayLike, beta: ArrayLike,
               eps: float = DEFAULT_EPS) -> np.ndarray:
    """Group norm: the C channels split into `num_groups` groups of consecutive channels;
    statistics per sample and group over (C / num_groups, H, W), then a per-channel affine map.

    One group gives layer norm, C groups give instance norm.
    """
    return group_norm_forward(x, num_groups, gamma, beta, eps)[0]
# --8<-- [end:layer_instance_group_norm]


# --8<-- [start:group_norm_backward]
def group_norm_backward(dy: ArrayLike, cache: GroupNormCache) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""Gradients $(\partial L/\partial x, \partial L/\partial \gamma, \partial L/\partial \beta)$ of group norm.

    Batch norm's formula with the means taken over each sample's group, (C / G, H, W), instead of
    over (N, H, W): with $g = \gamma\,dy$,
    $\partial L/\partial x = \frac{1}{\sqrt{\sigma^2 + \epsilon}}
    \left(g - \overline{g} - \hat x \, \overline{g\,\hat x}\right)$.
    """
    dy = as_real_array(dy, "dy")
    if dy.shape != cache.x_hat.shape:
        raise ValueError(f"dy must have the shape of x, {cache.x_hat.shape}, got {dy.shape}")
    dtype, dy = dy.dtype, dy.astype(cache.x_hat.dtype, copy=False)
    batch, channels, height, width = dy.shape
    grouped = (batch, cache.num_groups, channels // cache.num_groups, height, width)
    g = (_per_channel(cache.gamma) * dy).reshape(grouped)
    x_hat = cache.x_hat.reshape(grouped)
    inv_std = 1.0 / np.sqrt(cache.var + cache.eps)[:, :, None, None, None]
    axes = (2, 3, 4)
    dx = inv_std * (g - g.mean(axis=axes, keepdims=True) - x_hat * (g * x_hat).mean(axis=axes, keepdims=True))
    dgamma = (dy * cache.x_hat).sum(axis=BATCH_AXES)
    dbeta = dy.sum(axis=BATCH_AXES)
    return (dx.reshape(dy.shape).astype(dtype, copy=False), dgamma.astype(dtype, copy=False),
            dbeta.astype(dtype, copy=False))
# --8<-- [end:group_norm_backward]


# --8<-- [start:sync_batch_norm]
def sync_batch_norm(shards: list[ArrayLike], gamma: ArrayLike, beta: ArrayLike,
                    eps: float = DEFAULT_EPS) -> list[np.ndarray]:
    r"""Training-mode batch norm of a batch split across devices, one NCHW shard each.

    Each device sums $n_d$, $\sum x$ and $\sum x^2$ per channel; one all-reduce (a sum over devices)
    gives every device the statistics of the whole batch, $\mu = \sum x / n$ and
    $\sigma^2 = \sum x^2 / n - \mu^2$.
    """
    if not shards:
        raise ValueError("sync_batch_norm needs at least one shard")
    shards = [_check_nchw(shard) for shard in shards]
    if len({shard.shape[1:] for shard in shards}) != 1:
        raise ValueError(f"every shard must have the same (C, H, W), got {[shard.shape for shard in shards]}")
    gamma, beta = _check_per_channel({"gamma": gamma, "beta": beta}, shards[0])
    dtype = at_least_float32(shards[0].dtype)
    local = [(np.full(shard.shape[1], shard.size // shard.shape[1], dtype=dtype),
              shard.sum(axis=BATCH_AXES, dtype=dtype),
              np.square(shard, dtype=dtype).sum(axis=BATCH_AXES)) for shard in shards]
    count, total, total_of_squares = (sum(parts) for parts in zip(*local))  # the all-reduce
    if count[0] < 2:
        raise ValueError(f"batch norm in training mode needs more than one value per channel, got {int(count[0])}")
    mean = total / count
    var = np.maximum(total_of_squares / count - mean**2, 0.0)
    scale = gamma / np.sqrt(var + _check_eps(eps))
    return [(_per_channel(scale) * (shard - _per_channel(mean)) + _per_channel(beta)).astype(shard.dtype, copy=False)
            for shard in shards]
# --8<-- [end:sync_batch_norm]


# --8<-- [start:fold_batch_norm]
def fold_batch_norm(weight: ArrayLike, bias: ArrayLike | None, gamma: ArrayLike, beta: ArrayLike,
                    running_mean: ArrayLike, running_var: ArrayLike,
                    eps: float = DEFAULT_EPS) -> tuple[np.ndarray, np.ndarray]:
    r"""The weight and bias of one convolution equal to the convolution followed by eval-mode batch norm.

    With $s = \gamma / \sqrt{\hat\sigma^2 + \epsilon}$ per output channel:
    $W' = s\,W$ and $b' = s\,(b - \hat\mu) + \beta$ ($b = 0$ when `bias` is None).
    """
    weight = as_real_array(weight, "weight")
    if weight.ndim != 4:
        raise ValueError(f"weight must have shape (C_out, C_in, kH, kW), got shape {weight.shape}")
    channels = weight.shape[0]
    named = {"bias": np.zeros(channels) if bias is None else bias, "gamma": gamma, "beta": beta, "running_mean": running_mean, "running_var": running_var}
    bias, gamma, beta, running_mean, running_var = (as_real_array(value, name) for name, value in named.items())
    for name, value in zip(named, (bias, gamma, beta, running_mean, running_var)):
        if value.shape != (channels,):
            raise ValueError(f"{name} must have shape (C_out,) = ({channels},), got shape {value.shape}")
    if np.any(running_var < 0):
        raise ValueError("running_var must be non-negative")
    dtype, working = weight.dtype, at_least_float32(weight.dtype)
    weight, bias, gamma, beta, running_mean, running_var = (
        value.astype(working, copy=False) for value in (weight, bias, gamma, beta, running_mean, running_var))
    scale = gamma / np.sqrt(running_var + _check_eps(eps))
    folded_weight, folded_bias = scale[:, None, None, None] * weight, scale * (bias - running_mean) + beta
    return folded_weight.astype(dtype, copy=False), folded_bias.astype(dtype, copy=False)
# --8<-- [end:fold_batch_norm]


# --8<-- [start:rms_norm]
def rms_norm(x: ArrayLike, weight: ArrayLike, eps: float = 1e-6) -> np.ndarray:
    r"""RMSNorm over the last axis: $y = w \odot x / \sqrt{\operatorname{mean}(x^2) + \epsilon}$.

    No mean is subtracted and there is no bias: LayerNorm without its centring.
    """
    x = as_real_array(x)
    if x.ndim == 0 or x.shape[-1] == 0:
        raise ValueError(f"x needs a non-empty last axis to normalize over, got shape {x.shape}")
    weight = as_real_array(weight, "weight")
    if weight.shape != x.shape[-1:]:
        raise ValueError(f"weight must have shape ({x.shape[-1]},), the last axis of x, got shape {weight.shape}")
    working = x.astype(at_least_float32(x.dtype), copy=False)
    mean_square = np.mean(np.square(working), axis=-1, keepdims=True)
    y = working / np.sqrt(mean_square + _check_eps(eps)) * weight.astype(working.dtype, copy=False)
    return y.astype(x.dtype, copy=False)
# --8<-- [end:rms_norm]
