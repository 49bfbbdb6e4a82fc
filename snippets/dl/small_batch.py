"""How far training-mode batch norm is from what the network sees at inference, against the batch size.

A detector's feature maps hold many pixels per image, but pixels of one image are correlated: each image has
its own brightness, contrast and content. The model: image i, channel c has its own mean and standard
deviation, and its H x W pixels scatter around them. Batch norm in training normalises with the statistics
of the batch; at inference with the population's. Group norm uses one image's statistics in both.
"""

from __future__ import annotations

import numpy as np

from snippets.dl.normalization import batch_norm, batch_norm_inference

CHANNELS, SIZE = 8, 16


def images(rng: np.random.Generator, count: int) -> np.ndarray:
    """`count` NCHW feature maps whose per-image, per-channel means and scales differ from image to image."""
    means = rng.normal(0.0, 1.0, size=(count, CHANNELS, 1, 1))
    scales = rng.uniform(0.5, 1.5, size=(count, CHANNELS, 1, 1))
    return means + scales * rng.normal(size=(count, CHANNELS, SIZE, SIZE))


# --8<-- [start:gap]
def train_eval_gap(batch_size: int, batches: int = 64, seed: int = 0) -> float:
    """Mean over batches of the RMS difference between batch norm's training-mode and inference-mode output."""
    rng = np.random.default_rng(seed)
    population = images(rng, 2048)
    mean, var = population.mean(axis=(0, 2, 3)), population.var(axis=(0, 2, 3))
    gamma, beta = np.ones(CHANNELS), np.zeros(CHANNELS)
    gaps = []
    for _ in range(batches):
        x = images(rng, batch_size)
        gap = batch_norm(x, gamma, beta) - batch_norm_inference(x, mean, var, gamma, beta)
        gaps.append(np.sqrt(np.mean(gap**2)))
    return float(np.mean(gaps))
# --8<-- [end:gap]
