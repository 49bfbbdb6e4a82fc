"""The small-batch experiment: deterministic, and batch norm's train/eval gap shrinks as the batch grows."""

from __future__ import annotations

import numpy as np

from snippets.dl.normalization import group_norm
from snippets.dl.small_batch import images, train_eval_gap


def test_the_gap_is_reproducible_and_shrinks_roughly_as_one_over_root_n() -> None:
    gaps = [train_eval_gap(n, batches=16) for n in (1, 4, 16)]
    assert gaps == [train_eval_gap(n, batches=16) for n in (1, 4, 16)]
    assert gaps[0] > gaps[1] > gaps[2] > 0
    assert 1.3 < gaps[0] / gaps[1] < 3.0 and 1.3 < gaps[1] / gaps[2] < 3.0


def test_images_differ_from_image_to_image_more_than_within() -> None:
    x = images(np.random.default_rng(0), 256)
    between = x.mean(axis=(2, 3)).std(axis=0).mean()
    assert between > 0.8


def test_group_norm_of_an_image_does_not_depend_on_the_batch() -> None:
    x = images(np.random.default_rng(1), 3)
    gamma, beta = np.ones(8), np.zeros(8)
    np.testing.assert_allclose(group_norm(x, 4, gamma, beta)[2:], group_norm(x[2:], 4, gamma, beta), rtol=1e-12)
