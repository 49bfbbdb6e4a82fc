"""Loss scaling: the float16 gradient underflows without it and survives with it; DynamicLossScaler follows
torch.amp.GradScaler's scale step by step."""

from __future__ import annotations

import numpy as np
import pytest

from snippets.dl.mixed_precision import DynamicLossScaler, float16_gradient
from tests.support import require_module


def test_the_gradient_underflows_without_scaling_and_survives_with_it() -> None:
    assert float16_gradient(1e-4, 1e-4) == 0.0
    assert float16_gradient(1e-4, 1e-4, 2.0**16) == pytest.approx(1e-8, rel=2e-3)
    assert float16_gradient(1e-2, 1e-2) == pytest.approx(1e-4, rel=2e-3)


def test_too_large_a_scale_overflows() -> None:
    with np.errstate(over="ignore"):
        assert np.isinf(float16_gradient(1.0, 1.0, 2.0**17))


@pytest.mark.parametrize("seed", range(3))
def test_scale_follows_torch_grad_scaler(seed: int) -> None:
    torch = require_module("torch", "the cross-check against GradScaler needs it")
    pattern = np.random.default_rng(seed).random(40) < 0.2
    ours = DynamicLossScaler(init_scale=1024.0, growth_interval=4)
    theirs = torch.amp.GradScaler("cpu", init_scale=1024.0, growth_interval=4)
    parameter = torch.nn.Parameter(torch.ones(3))
    optimizer = torch.optim.SGD([parameter], lr=0.0)
    for overflow in pattern:
        optimizer.zero_grad()
        theirs.scale((parameter * parameter).sum() * (float("inf") if overflow else 1.0)).backward()
        theirs.step(optimizer)
        theirs.update()
        skipped = ours.unscale([np.array([np.inf if overflow else 2.0], dtype=np.float16)]) is None
        assert skipped == bool(overflow)
        assert ours.scale == theirs.get_scale()


def test_defaults_are_grad_scalers() -> None:
    torch = require_module("torch", "the comparison of defaults needs it")
    ours, theirs = DynamicLossScaler(), torch.amp.GradScaler("cpu")
    assert (ours.scale, ours.growth_factor, ours.backoff_factor, ours.growth_interval) == (
        theirs.get_scale(), theirs.get_growth_factor(), theirs.get_backoff_factor(), theirs.get_growth_interval())


@pytest.mark.parametrize("call", [lambda: float16_gradient(1.0, 1.0, 0.0), lambda: DynamicLossScaler(growth_factor=1.0),
                                  lambda: DynamicLossScaler(init_scale=-1.0)])
def test_bad_settings_raise_value_error(call) -> None:
    with pytest.raises(ValueError):
        call()
