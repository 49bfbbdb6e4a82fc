r"""Test error of the same small network trained with batch norm and with group norm, against the batch size.

Each sample is an "image" of P positions with C input channels: a class pattern at some positions, noise
everywhere, and, as in `small_batch.images`, a brightness and a contrast per image and channel. The network is
a stack of 1x1 convolutions (one linear map applied at every position), each followed by a normalization and a
ReLU; then global average pooling, a linear classifier and softmax cross-entropy. Batch norm takes its
statistics per channel over (N, positions), group norm per sample over (channels of a group, positions).

Every batch size sees the same images in the same order (one pass over a fresh training set), with the
learning rate scaled linearly with the batch size (Goyal et al. 2017, as in Wu and He 2018), so the
learning rate per sample is the same. Batch norm is evaluated as deployed: with its running statistics
(momentum 0.1, as PyTorch's default).

The seeds are trained side by side: seed s owns channels s*C ... s*C + C - 1 of one NCHW array (positions on
H, W = 1), so batch norm per channel and group norm per group of consecutive channels act on each seed
separately and the library functions of `normalization.py` are used unchanged.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from snippets.dl.backprop import softmax_cross_entropy
from snippets.dl.normalization import (
    batch_norm_backward,
    batch_norm_forward,
    batch_norm_inference,
    group_norm_backward,
    group_norm_forward,
)

NORMS = ("batch", "group")


@dataclass(frozen=True)
class Config:
    """Data, network and training settings of the experiment."""

    positions: int = 16
    in_channels: int = 8
    width: int = 16
    depth: int = 2
    groups: int = 4
    classes: int = 4
    object_positions: int = 4
    signal: float = 1.5
    brightness: float = 1.0
    contrast: tuple[float, float] = (0.5, 1.5)
    train_images: int = 1024
    test_images: int = 1000
    learning_rate_at_32: float = 0.4
    sgd_momentum: float = 0.9
    running_momentum: float = 0.1
    seeds: tuple[int, ...] = (0, 1, 2, 3, 4)

    def __post_init__(self) -> None:
        if self.width % self.groups:
            raise ValueError(f"width = {self.width} is not divisible by groups = {self.groups}")
        if not 1 <= self.object_positions <= self.positions:
            raise ValueError(f"object_positions must be in [1, positions = {self.positions}], "
                             f"got {self.object_positions}")
        if not self.seeds or len(set(self.seeds)) != len(self.seeds):
            raise ValueError(f"seeds must be distinct and at least one, got {self.seeds}")


def make_images(rng: np.random.Generator, count: int, config: Config) -> tuple[np.ndarray, np.ndarray]:
    """`count` images of shape (C, P) and their labels: the class's pattern (root mean square `signal`
    over the channels; the same patterns for every seed) added at `object_positions` random positions to
    unit noise, then a brightness N(0, `brightness`) and a contrast U(`contrast`) per image and channel."""
    patterns = np.random.default_rng(12345).normal(size=(config.classes, config.in_channels))
    patterns *= config.signal / np.sqrt(np.mean(patterns**2, axis=1, keepdims=True))
    labels = rng.integers(config.classes, size=count)
    content = rng.normal(size=(count, config.in_channels, config.positions))
    where = np.argsort(rng.random((count, config.positions)), axis=1)[:, :config.object_positions]
    mask = np.zeros((count, 1, config.positions))
    np.put_along_axis(mask, where[:, None, :], 1.0, axis=2)
    content += mask * patterns[labels][:, :, None]
    brightness = rng.normal(0.0, config.brightness, size=(count, config.in_channels, 1))
    contrast = rng.uniform(*config.contrast, size=(count, config.in_channels, 1))
    return brightness + contrast * content, labels


class Networks:
    """One network per seed, trained side by side (seed s in channels s*C ... s*C + C - 1)."""

    def __init__(self, norm: str, config: Config) -> None:
        if norm not in NORMS:
            raise ValueError(f"unknown norm {norm!r}; choose one of {NORMS}")
        self.norm, self.config, seeds = norm, config, len(config.seeds)
        self.running_momentum = config.running_momentum
        rngs = [np.random.default_rng(1000 + seed) for seed in config.seeds]
        sizes = [config.in_channels] + [config.width] * config.depth
        self.weights = [np.stack([rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_out, n_in)) for rng in rngs])
                        for n_in, n_out in zip(sizes[:-1], sizes[1:])]
        self.gammas = [np.ones(seeds * config.width) for _ in range(config.depth)]
        self.betas = [np.zeros(seeds * config.width) for _ in range(config.depth)]
        self.running_means = [np.zeros(seeds * config.width) for _ in range(config.depth)]
        self.running_vars = [np.ones(seeds * config.width) for _ in range(config.depth)]
        self.classifier = np.stack([rng.normal(0.0, np.sqrt(1.0 / config.width), size=(config.classes, config.width))
                                    for rng in rngs])
        self.classifier_bias = np.zeros((seeds, config.classes))
        # every parameter becomes a view into one vector: an SGD step is three operations on it, not three per parameter
        self.flat = np.concatenate([parameter.ravel() for parameter in self.parameters()])
        views, start = [], 0
        for parameter in self.parameters():
            views.append(self.flat[start:start + parameter.size].reshape(parameter.shape))
            start += parameter.size
        depth = config.depth
        self.weights, self.gammas, self.betas = views[:depth], views[depth:2 * depth], views[2 * depth:3 * depth]
        self.classifier, self.classifier_bias = views[3 * depth:]

    def parameters(self) -> list[np.ndarray]:
        return [*self.weights, *self.gammas, *self.betas, self.classifier, self.classifier_bias]

    def _normalize(self, z: np.ndarray, layer: int, training: bool) -> tuple[np.ndarray, object]:
        gamma, beta = self.gammas[layer], self.betas[layer]
        if self.norm == "group":
            return group_norm_forward(z, len(self.config.seeds) * self.config.groups, gamma, beta)
        if not training:
            return batch_norm_inference(z, self.running_means[layer], self.running_vars[layer], gamma, beta), None
        y, cache = batch_norm_forward(z, gamma, beta)
        values = z.shape[0] * z.shape[2]
        m = self.running_momentum
        self.running_means[layer] = (1 - m) * self.running_means[layer] + m * cache.mean
        self.running_vars[layer] = (1 - m) * self.running_vars[layer] + m * cache.var * values / (values - 1)
        return y, cache

    def forward(self, x: np.ndarray, training: bool) -> tuple[np.ndarray, list]:
        """Logits (N, seeds, classes) for images x (N, seeds, C, P), and the tape for `backward`."""
        batch, seeds = x.shape[:2]
        a, tape = x, []
        for layer, weight in enumerate(self.weights):
            z = np.matmul(weight, a).reshape(batch, -1, self.config.positions, 1)
            y, cache = self._normalize(z, layer, training)
            y = y.reshape(batch, seeds, self.config.width, self.config.positions)
            tape.append((a, cache, y))
            a = np.maximum(y, 0.0)
        pooled = a.mean(axis=3)
        tape.append(pooled)
        return (self.classifier @ pooled[..., None])[..., 0] + self.classifier_bias, tape

    def backward(self, dlogits: np.ndarray, tape: list) -> list[np.ndarray]:
        """Gradients of every array of `parameters()`, in that order."""
        pooled = tape[-1]
        grads_classifier = np.matmul(dlogits.transpose(1, 2, 0), pooled.transpose(1, 0, 2))
        grads_bias = dlogits.sum(axis=0)
        batch, seeds = dlogits.shape[:2]
        da = (dlogits[:, :, None, :] @ self.classifier)[:, :, 0, :, None] / self.config.positions  # broadcasts over P
        weight_grads, gamma_grads, beta_grads = [], [], []
        for layer in range(len(self.weights) - 1, -1, -1):
            a_in, cache, y = tape[layer]
            dy = (da * (y > 0)).reshape(batch, -1, self.config.positions, 1)
            backward = group_norm_backward if self.norm == "group" else batch_norm_backward
            dz, dgamma, dbeta = backward(dy, cache)
            dz = dz.reshape(batch, seeds, self.config.width, self.config.positions)
            weight_grads.insert(0, np.matmul(dz, a_in.swapaxes(2, 3)).sum(axis=0))
            gamma_grads.insert(0, dgamma)
            beta_grads.insert(0, dbeta)
            da = np.matmul(self.weights[layer].swapaxes(1, 2), dz)
        return [*weight_grads, *gamma_grads, *beta_grads, grads_classifier, grads_bias]


@functools.lru_cache(maxsize=8)
def _data(config: Config, count: int, offset: int) -> tuple[np.ndarray, np.ndarray]:
    """Images (count, seeds, C, P) and labels (count, seeds): each seed its own images (read-only, cached:
    every batch size and both norms train on the same images)."""
    pairs = [make_images(np.random.default_rng(offset + seed), count, config) for seed in config.seeds]
    x, labels = np.stack([x for x, _ in pairs], axis=1), np.stack([labels for _, labels in pairs], axis=1)
    x.flags.writeable = labels.flags.writeable = False
    return x, labels


def loss_and_gradients(networks: Networks, x: np.ndarray, labels: np.ndarray) -> tuple[float, list[np.ndarray]]:
    """Sum over seeds of each seed's mean cross-entropy on its batch, and its gradients (training mode)."""
    logits, tape = networks.forward(x, training=True)
    seeds, classes = logits.shape[1:]
    loss, dlogits = softmax_cross_entropy(logits.reshape(-1, classes), labels.reshape(-1))
    return loss * seeds, networks.backward(dlogits.reshape(logits.shape) * seeds, tape)


# --8<-- [start:train]
def train(norm: str, batch_size: int, config: Config = Config()) -> Networks:
    """One pass over the training images in batches of `batch_size`: SGD with momentum and a
    learning rate proportional to the batch size, so every batch size sees the same images."""
    if isinstance(batch_size, bool) or not isinstance(batch_size, (int, np.integer)) or batch_size < 1:
        raise ValueError(f"batch_size must be a positive integer, got {batch_size!r}")
    if config.train_images % batch_size:
        raise ValueError(f"batch_size {batch_size} does not divide train_images = {config.train_images}")
    x, labels = _data(config, config.train_images, offset=0)
    networks = Networks(norm, config)
    learning_rate = config.learning_rate_at_32 * batch_size / 32  # the linear scaling rule
    velocity = np.zeros_like(networks.flat)  # all parameters as one vector
    for start in range(0, config.train_images, batch_size):
        batch = slice(start, start + batch_size)
        _, gradients = loss_and_gradients(networks, x[batch], labels[batch])
        velocity *= config.sgd_momentum
        velocity += np.concatenate([gradient.ravel() for gradient in gradients])
        networks.flat -= learning_rate * velocity
    return networks
# --8<-- [end:train]


def recompute_statistics(networks: Networks, count: int = 1024) -> None:
    """Replace batch norm's running statistics with those of `count` fresh training images ("precise BN")."""
    x, _ = _data(networks.config, count, offset=20_000)
    networks.running_momentum = 1.0
    networks.forward(x, training=True)
    networks.running_momentum = networks.config.running_momentum


def evaluate(networks: Networks) -> np.ndarray:
    """Error rate on fresh test images, one per seed; batch norm in inference mode, where every image is
    computed on its own (taken 100 at a time, which is faster here than all at once)."""
    x, labels = _data(networks.config, networks.config.test_images, offset=10_000)
    logits = np.concatenate([networks.forward(x[start:start + 100], training=False)[0]
                             for start in range(0, len(x), 100)])
    return (logits.argmax(axis=2) != labels).mean(axis=0)


BATCH_SIZES = (1, 2, 4, 8, 16, 32)


@functools.lru_cache(maxsize=2)
def errors_by_batch_size(batch_sizes: tuple[int, ...] = BATCH_SIZES,
                         config: Config = Config()) -> dict[str, dict[int, np.ndarray]]:
    """Test error of each seed per batch size, for "group", "batch" (running statistics, as deployed) and
    "batch, recomputed" (the same trained batch-norm networks with the statistics of 1024 fresh images)."""
    results: dict[str, dict[int, np.ndarray]] = {"group": {}, "batch": {}, "batch, recomputed": {}}
    for n in batch_sizes:
        results["group"][n] = evaluate(train("group", n, config))
        networks = train("batch", n, config)
        results["batch"][n] = evaluate(networks)
        recompute_statistics(networks)
        results["batch, recomputed"][n] = evaluate(networks)
    return results
