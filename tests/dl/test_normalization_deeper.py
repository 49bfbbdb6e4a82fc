"""rms_norm, fold_batch_norm and sync_batch_norm against PyTorch (F.rms_norm, conv + BatchNorm2d in eval mode,
torch's own fuse_conv_bn_weights) and against full-batch batch norm."""

from __future__ import annotations

import numpy as np
import pytest

from snippets.dl.normalization import batch_norm, fold_batch_norm, rms_norm, sync_batch_norm
from tests.support import require_module

torch = require_module(
    "torch", "the cross-check against PyTorch needs it (.venv/bin/pip install torch==2.13.0; "
    ".ci/run installs the CPU build)")
F = torch.nn.functional

TOLERANCES = {np.float64: {"rtol": 1e-10, "atol": 1e-12}, np.float32: {"rtol": 1e-5, "atol": 1e-5}}
DTYPES = list(TOLERANCES)
IDS = ["float64", "float32"]


@pytest.mark.parametrize("dtype", DTYPES, ids=IDS)
def test_rms_norm_matches_torch(dtype: type) -> None:
    rng = np.random.default_rng(20)
    x = np.concatenate([rng.normal(0, 3, size=(2, 5, 16)), np.full((1, 5, 16), 1e4), np.zeros((1, 5, 16))])
    x, weight = x.astype(dtype), rng.normal(1, 0.2, size=16).astype(dtype)
    ours = rms_norm(x, weight)
    theirs = F.rms_norm(torch.tensor(x), [16], torch.tensor(weight), eps=1e-6).numpy()
    assert ours.dtype == dtype
    np.testing.assert_allclose(ours, theirs, **TOLERANCES[dtype])


def test_rms_norm_in_float16_is_computed_in_float32() -> None:
    x = np.array([[300.0, -300.0, 300.0, 1.0]], dtype=np.float16)
    with np.errstate(over="ignore"):
        assert np.isinf(np.square(x).sum(dtype=np.float16))
    y = rms_norm(x, np.ones(4, dtype=np.float16))
    assert y.dtype == np.float16
    np.testing.assert_array_equal(y, rms_norm(x.astype(np.float32), np.ones(4)).astype(np.float16))


def test_rms_norm_is_layer_norm_of_centred_input_without_bias() -> None:
    rng = np.random.default_rng(21)
    x = rng.normal(size=(3, 8))
    centred = x - x.mean(axis=-1, keepdims=True)
    expected = F.layer_norm(torch.tensor(centred), [8], eps=1e-6).numpy()
    np.testing.assert_allclose(rms_norm(centred, np.ones(8)), expected, rtol=1e-12)


@pytest.mark.parametrize("with_bias", [True, False])
@pytest.mark.parametrize("dtype", DTYPES, ids=IDS)
def test_folded_convolution_equals_conv_then_eval_batch_norm(dtype: type, with_bias: bool) -> None:
    torch.manual_seed(0)
    torch_dtype = torch.float64 if dtype is np.float64 else torch.float32
    conv = torch.nn.Conv2d(3, 6, 3, padding=1, bias=with_bias).to(torch_dtype)
    bn = torch.nn.BatchNorm2d(6).to(torch_dtype)
    with torch.no_grad():
        bn.running_mean.uniform_(-2, 2)
        bn.running_var.uniform_(0.1, 4)
        bn.weight.normal_()
        bn.bias.normal_()
    bn.eval()
    x = torch.randn(2, 3, 8, 8, dtype=torch_dtype) * 3
    expected = bn(conv(x)).detach().numpy()
    numpy = lambda t: None if t is None else t.detach().numpy()  # noqa: E731
    weight, bias = fold_batch_norm(numpy(conv.weight), numpy(conv.bias), numpy(bn.weight), numpy(bn.bias),
                                   numpy(bn.running_mean), numpy(bn.running_var), bn.eps)
    assert weight.dtype == dtype and bias.dtype == dtype
    folded = F.conv2d(x, torch.tensor(weight), torch.tensor(bias), padding=1).numpy()
    np.testing.assert_allclose(folded, expected, **TOLERANCES[dtype])
    reference_weight, reference_bias = torch.nn.utils.fusion.fuse_conv_bn_weights(
        conv.weight, conv.bias, bn.running_mean, bn.running_var, bn.eps, bn.weight, bn.bias)
    np.testing.assert_allclose(weight, numpy(reference_weight), **TOLERANCES[dtype])
    np.testing.assert_allclose(bias, numpy(reference_bias), **TOLERANCES[dtype])


@pytest.mark.parametrize("split", [[8], [4, 4], [2, 2, 2, 2], [1] * 8, [3, 1, 4]])
def test_sync_batch_norm_across_devices_equals_full_batch_norm(split: list[int]) -> None:
    rng = np.random.default_rng(22)
    x = rng.normal(2.0, 3.0, size=(8, 4, 5, 5))
    gamma, beta = rng.normal(size=4), rng.normal(size=4)
    shards = np.split(x, np.cumsum(split)[:-1])
    synced = np.concatenate(sync_batch_norm(shards, gamma, beta))
    np.testing.assert_allclose(synced, batch_norm(x, gamma, beta), rtol=1e-10, atol=1e-12)
    if len(split) > 1:
        local = np.concatenate([batch_norm(shard, gamma, beta) for shard in shards])
        assert np.abs(local - batch_norm(x, gamma, beta)).max() > 0.01


@pytest.mark.parametrize("call, message", [
    (lambda: rms_norm(np.zeros((2, 0)), np.zeros(0)), "non-empty last axis"),
    (lambda: rms_norm(np.zeros((2, 3)), np.ones(2)), "weight must have shape"),
    (lambda: rms_norm(np.zeros((2, 3)), np.ones(3), eps=0.0), "eps must be positive"),
    (lambda: fold_batch_norm(np.zeros((2, 3)), None, np.ones(2), np.zeros(2), np.zeros(2), np.ones(2)), "C_out, C_in"),
    (lambda: fold_batch_norm(np.zeros((2, 1, 1, 1)), None, np.ones(3), np.zeros(2), np.zeros(2), np.ones(2)),
     "gamma must have shape"),
    (lambda: fold_batch_norm(np.zeros((2, 1, 1, 1)), None, np.ones(2), np.zeros(2), np.zeros(2), -np.ones(2)),
     "non-negative"),
    (lambda: sync_batch_norm([], np.ones(2), np.zeros(2)), "at least one shard"),
    (lambda: sync_batch_norm([np.zeros((1, 2, 3, 3)), np.zeros((1, 2, 2, 3))], np.ones(2), np.zeros(2)), "same"),
    (lambda: sync_batch_norm([np.zeros((1, 2, 1, 1))], np.ones(2), np.zeros(2)), "more than one value"),
])
def test_bad_input_raises_a_clear_value_error(call, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()
