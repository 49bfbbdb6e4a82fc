"""The trained-network experiment of BN and GN against the batch size: gradients, the side-by-side seeds,
and the results the page states (one run of the full experiment, shared through its cache)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from snippets.dl.gradcheck import numerical_gradient, relative_error
from snippets.dl.small_batch_error import (
    BATCH_SIZES,
    Config,
    Networks,
    _data,
    errors_by_batch_size,
    evaluate,
    loss_and_gradients,
    train,
)
from tests.dl.test_pages_dl import stated

TINY = Config(positions=3, in_channels=3, width=4, groups=2, classes=3, object_positions=1, train_images=8,
              test_images=50, seeds=(0, 1))
PAGE = "dl/normalization-detection.md"


def percent(error: float) -> str:
    return f"{100 * error:.1f}%"


@pytest.mark.parametrize("norm", ["batch", "group"])
def test_network_gradients_match_central_differences(norm: str) -> None:
    networks = Networks(norm, TINY)
    for parameter in networks.parameters():
        parameter += np.random.default_rng(3).normal(0.0, 0.1, size=parameter.shape)
    x, labels = _data(TINY, 2, offset=5)
    _, gradients = loss_and_gradients(networks, x, labels)
    for parameter, gradient in zip(networks.parameters(), gradients):
        expected = numerical_gradient(lambda: loss_and_gradients(networks, x, labels)[0], parameter)
        assert relative_error(gradient, expected) < 1e-6


@pytest.mark.parametrize("norm", ["batch", "group"])
def test_seeds_trained_side_by_side_equal_seeds_trained_alone(norm: str) -> None:
    together = evaluate(train(norm, 2, TINY))
    alone = [evaluate(train(norm, 2, dataclasses.replace(TINY, seeds=(seed,))))[0] for seed in TINY.seeds]
    np.testing.assert_array_equal(together, alone)


def test_bad_settings_are_rejected() -> None:
    with pytest.raises(ValueError, match="batch_size must be a positive integer"):
        train("batch", 0, TINY)
    with pytest.raises(ValueError, match="does not divide"):
        train("batch", 3, TINY)
    with pytest.raises(ValueError, match="unknown norm"):
        train("layer", 2, TINY)
    with pytest.raises(ValueError, match="not divisible by groups"):
        Config(width=6, groups=4)


def medians() -> dict[str, dict[int, float]]:
    return {name: {n: float(np.median(errors)) for n, errors in results.items()}
            for name, results in errors_by_batch_size().items()}


def span(values: list[float]) -> str:
    return f"{percent(min(values))}–{percent(max(values))}"


def test_batch_norm_fails_at_one_image_and_group_norm_does_not_depend_on_the_batch() -> None:
    median = medians()
    assert median["batch"][1] > 3 * median["group"][1]
    assert max(median["group"].values()) - min(median["group"][n] for n in (1, 2, 4, 8, 16)) < 0.05
    assert median["batch"][2] > max(median["batch"][n] for n in (4, 8, 16))
    assert median["batch, recomputed"][1] > 0.4
    assert all(median["group"][n] < median["batch"][n] for n in BATCH_SIZES)


def test_recomputed_statistics_remove_the_rise_at_two_images_for_every_seed() -> None:
    results = errors_by_batch_size()
    assert np.all(results["batch, recomputed"][2] < results["batch"][2])
    assert np.median(results["batch, recomputed"][2]) <= min(np.median(results["batch"][n]) for n in (4, 8, 16))


def test_the_page_states_the_measured_errors() -> None:
    results = errors_by_batch_size()
    median = medians()
    config = Config()
    stated(PAGE, *(percent(median[name][n]) for name in median for n in BATCH_SIZES))
    stated(PAGE, span([median["batch"][n] for n in (4, 8, 16)]), span([median["group"][n] for n in (1, 2, 4, 8, 16)]),
           span(list(results["batch"][2])), f"{100 * (1 - 1 / config.classes):g}%")
    stated(PAGE, f"{config.train_images} ", f"{config.test_images} ", f"{len(config.seeds)} ", "1×1",
           rf"${config.learning_rate_at_32} \, n / 32$")
    for word, language in (("momentum", "en"), ("动量", "zh")):
        stated(PAGE, f"{word} {config.running_momentum}", f"{word} {config.sgd_momentum}", language=language)
    assert (config.positions, config.in_channels, config.width, config.groups, config.object_positions,
            config.classes) == (16, 8, 16, 4, 4, 4), "the page describes these settings in words"
