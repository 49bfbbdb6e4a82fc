"""Convolution arithmetic checked against PyTorch: output shapes, parameters, FLOPs, receptive fields by autograd."""
from __future__ import annotations

import itertools

import numpy as np
import pytest

from snippets.vision.conv import conv_macs, conv_output_size, conv_params, receptive_field
from tests.vision.references import reference


@pytest.fixture
def torch():
    """Small convolutions are slower with threads on a shared 2-core machine (12 s instead of 0.1 s)."""
    torch = reference("torch")
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield torch
    torch.set_num_threads(threads)


def test_output_size_equals_torch_conv2d_and_pooling(torch) -> None:
    checked = 0
    for size, kernel, stride, padding, dilation in itertools.product(
            (1, 2, 5, 7, 8, 13, 32), (1, 2, 3, 5, 7), (1, 2, 3), (0, 1, 2, 3), (1, 2, 3)):
        span = dilation * (kernel - 1) + 1
        if size + 2 * padding < span:
            with pytest.raises(ValueError, match="kernel spans"):
                conv_output_size(size, kernel, stride, padding, dilation)
            continue
        shape = torch.nn.functional.conv2d(torch.zeros(1, 1, size, size + 1), torch.zeros(1, 1, kernel, kernel),
                                           stride=stride, padding=padding, dilation=dilation).shape
        assert shape[2:] == (conv_output_size(size, kernel, stride, padding, dilation),
                             conv_output_size(size + 1, kernel, stride, padding, dilation))
        if padding <= kernel // 2:  # PyTorch's pooling limit
            pooled = torch.nn.functional.max_pool2d(torch.zeros(1, 1, size, size), kernel, stride=stride,
                                                    padding=padding, dilation=dilation)
            assert pooled.shape[2] == conv_output_size(size, kernel, stride, padding, dilation)
        checked += 1
    assert checked > 900


@pytest.mark.parametrize("seed", range(10))
def test_receptive_field_equals_the_input_gradient_support(seed: int, torch) -> None:
    """Back-propagate from one output unit: the input pixels with a non-zero gradient span the receptive field."""
    rng = np.random.default_rng(seed)
    layers = [(int(rng.integers(1, 6)), int(rng.integers(1, 3)), int(rng.integers(1, 3)))
              for _ in range(int(rng.integers(1, 6)))]
    field = receptive_field(layers)
    size = field + 40
    x = torch.ones(1, 1, 1, size, dtype=torch.float64, requires_grad=True)
    y = x
    for kernel, stride, dilation in layers:
        conv = torch.nn.Conv2d(1, 1, (1, kernel), stride=(1, stride), dilation=(1, dilation), bias=False,
                               dtype=torch.float64)
        torch.nn.init.constant_(conv.weight, 1.0)
        y = conv(y)
    y[0, 0, 0, y.shape[-1] // 2].backward()
    touched = torch.nonzero(x.grad[0, 0, 0]).flatten()
    assert int(touched.max() - touched.min()) + 1 == field, layers


def test_receptive_field_by_hand() -> None:
    assert receptive_field([]) == 1
    assert receptive_field([(3, 1, 1)] * 3) == 7                 # three 3x3 = one 7x7
    assert receptive_field([(3, 1, 1), (3, 1, 2), (3, 1, 4)]) == 15  # dilations 1, 2, 4
    assert receptive_field([(7, 2, 1), (3, 2, 1)]) == 11          # ResNet stem: 7x7/2 conv, 3x3/2 max-pool


def test_params_and_macs_equal_torch(torch) -> None:
    from torch.utils.flop_counter import FlopCounterMode

    for c_in, c_out, kernel, groups, bias in [(3, 64, 7, 1, False), (64, 64, 3, 1, True), (32, 32, 3, 32, True),
                                              (32, 64, 1, 1, False), (16, 32, 5, 4, True)]:
        layer = torch.nn.Conv2d(c_in, c_out, kernel, padding=kernel // 2, groups=groups, bias=bias)
        assert sum(p.numel() for p in layer.parameters()) == conv_params(c_in, c_out, kernel, groups, bias)
        with FlopCounterMode(display=False) as counter, torch.no_grad():
            out = layer(torch.zeros(1, c_in, 20, 24))
        assert counter.get_total_flops() == 2 * conv_macs(c_in, c_out, kernel, out.shape[2], out.shape[3], groups)


@pytest.mark.parametrize(("call", "message"), [
    (lambda: conv_output_size(0, 3), "size must be >= 1"),
    (lambda: conv_output_size(5, 3, stride=0), "stride must be >= 1"),
    (lambda: conv_output_size(5, 3, padding=-1), "padding must be >= 0"),
    (lambda: conv_output_size(5.0, 3), "size must be an integer"),
    (lambda: conv_output_size(2, 3, dilation=2), "kernel spans 5"),
    (lambda: receptive_field([(3, 1)]), r"layer 0 must be \(kernel, stride, dilation\)"),
    (lambda: receptive_field([(3, 1, 1), (3, 0, 1)]), "layer 1 stride must be >= 1"),
    (lambda: conv_params(3, 8, 3, groups=2), "groups=2 must divide"),
    (lambda: conv_macs(3, 8, 3, 0, 4), "out_height must be >= 1"),
])
def test_bad_input_gets_a_clear_value_error(call, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()
