"""token_layer_norm against nn.LayerNorm, and the residual-stream measurement of Pre-LN and Post-LN stacks."""

from __future__ import annotations

import numpy as np
import pytest

from snippets.dl.transformer_norms import residual_stream_norms, token_layer_norm
from tests.support import require_module


def test_token_layer_norm_matches_torch() -> None:
    torch = require_module("torch", "the cross-check against nn.LayerNorm needs it")
    rng = np.random.default_rng(30)
    x, gamma, beta = rng.normal(2, 3, size=(2, 7, 16)), rng.normal(size=16), rng.normal(size=16)
    expected = torch.nn.functional.layer_norm(torch.tensor(x), [16], torch.tensor(gamma), torch.tensor(beta),
                                              eps=1e-5).numpy()
    np.testing.assert_allclose(token_layer_norm(x, gamma, beta), expected, rtol=1e-10, atol=1e-12)


def test_post_ln_keeps_unit_scale_and_pre_ln_grows() -> None:
    for seed in range(3):
        pre, post = residual_stream_norms(32, True, seed=seed), residual_stream_norms(32, False, seed=seed)
        np.testing.assert_allclose(post, 1.0, atol=1e-4)
        assert np.all(np.diff(pre[::8]) > 0) and 0.7 < pre[-1] / np.sqrt(33) < 1.3


@pytest.mark.parametrize("call", [lambda: token_layer_norm(np.zeros((2, 1)), 1.0, 0.0),
                                  lambda: residual_stream_norms(0, True),
                                  lambda: residual_stream_norms(4, True, width=1)])
def test_bad_input_raises_a_value_error(call) -> None:
    with pytest.raises(ValueError):
        call()
