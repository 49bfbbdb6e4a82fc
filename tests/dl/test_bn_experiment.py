"""The batch-norm experiment: its network's gradients, and the qualitative results of Santurkar et al."""

from __future__ import annotations

import numpy as np
import pytest

from snippets.dl.bn_experiment import (
    VARIANTS,
    ExperimentConfig,
    Network,
    draw_noise,
    fraction_of_gain_kept,
    make_classification_data,
    run_experiment,
    run_variant,
    summarize,
)
from snippets.dl.gradcheck import numerical_gradient, relative_error

SMALL = (5, 6, 4, 3)


@pytest.mark.parametrize("variant", VARIANTS)
def test_network_gradients_match_central_differences(variant: str) -> None:
    config = ExperimentConfig(layer_sizes=SMALL)
    x, labels = make_classification_data(16, SMALL[0], SMALL[-1], seed=3)
    network = Network(SMALL, use_batch_norm=variant != "standard", seed=4)
    noise = draw_noise(network, config, np.random.default_rng(5)) if variant == "noisy_batch_norm" else None
    _, gradients = network.loss_and_gradients(x, labels, noise)
    parameters = network.parameters()
    assert len(gradients) == len(parameters)
    for grad, parameter in zip(gradients, parameters):
        numeric = numerical_gradient(lambda: network.loss_and_gradients(x, labels, noise)[0], parameter)
        assert relative_error(grad, numeric) < 1e-6


def test_noise_has_non_zero_mean_and_non_unit_scale() -> None:
    config = ExperimentConfig()
    network = Network(config.layer_sizes, use_batch_norm=True)
    noise = draw_noise(network, config, np.random.default_rng(0))
    scales, shifts = np.concatenate(noise.scales), np.concatenate(noise.shifts)
    assert len(noise.scales) == len(config.layer_sizes) - 2
    assert np.abs(np.log(scales)).mean() > 0.1 and np.abs(shifts).mean() > 0.1
    assert np.all((scales >= config.noise_scale_range[0]) & (scales <= config.noise_scale_range[1]))


@pytest.fixture(scope="module")
def summary() -> dict[str, dict[str, float]]:
    return summarize(run_experiment())


def test_results_have_one_loss_per_step_and_are_finite() -> None:
    config = ExperimentConfig()
    for result in run_experiment().values():
        assert result.losses.shape == (config.steps,)
        assert np.all(np.isfinite(result.losses)) and np.all(np.isfinite(result.loss_variation))
        np.testing.assert_array_equal(result.probe_steps, np.arange(0, config.steps, config.probe_every))


def test_batch_norm_trains_faster(summary) -> None:
    assert summary["batch_norm"]["early_loss"] < 0.7 * summary["standard"]["early_loss"]
    assert summary["batch_norm"]["final_loss"] < 0.8 * summary["standard"]["final_loss"]


def test_noise_after_batch_norm_keeps_part_of_the_benefit(summary) -> None:
    assert summary["noisy_batch_norm"]["early_loss"] < summary["standard"]["early_loss"]
    assert summary["noisy_batch_norm"]["final_loss"] < summary["standard"]["final_loss"]
    assert summary["batch_norm"]["final_loss"] < summary["noisy_batch_norm"]["final_loss"]
    assert 0.0 < fraction_of_gain_kept(summary) < fraction_of_gain_kept(summary, "early_loss") < 1.0


def test_fraction_of_gain_kept() -> None:
    summary = {"standard": {"final_loss": 1.0}, "batch_norm": {"final_loss": 0.5},
               "noisy_batch_norm": {"final_loss": 0.8}}
    assert fraction_of_gain_kept(summary) == pytest.approx(0.4)
    summary["batch_norm"]["final_loss"] = 1.2
    with pytest.raises(ValueError, match="batch norm did not improve the final_loss"):
        fraction_of_gain_kept(summary)


def test_batch_norm_makes_the_loss_vary_less_along_the_gradient(summary) -> None:
    for variant in ("batch_norm", "noisy_batch_norm"):
        for statistic in ("median_loss_variation", "mean_loss_variation", "max_loss_variation"):
            assert summary[variant][statistic] < 0.7 * summary["standard"][statistic]


def test_same_config_same_results() -> None:
    config = ExperimentConfig(steps=30, seed=5)
    first, second = run_variant("noisy_batch_norm", config), run_variant("noisy_batch_norm", config)
    np.testing.assert_array_equal(first.losses, second.losses)
    np.testing.assert_array_equal(first.loss_variation, second.loss_variation)


def test_unknown_variant() -> None:
    with pytest.raises(ValueError, match="unknown variant 'layer_norm'"):
        run_variant("layer_norm")
