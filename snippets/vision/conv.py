"""Convolution arithmetic: output size, receptive field, parameter and multiply-accumulate counts.

Sizes are per spatial dimension (square kernels; apply twice for height and width).
One multiply-accumulate (MAC) is one multiplication and one addition; "FLOPs" in papers
means MACs in some and 2 x MACs in others, so the functions count MACs and say so.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable


def _positive_int(value: object, name: str, minimum: int = 1) -> int:
    try:
        number = operator.index(value)
    except TypeError:
        raise ValueError(f"{name} must be an integer, got {value!r}") from None
    if number < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {number}")
    return number


# --8<-- [start:conv_output_size]
def conv_output_size(size: int, kernel: int, stride: int = 1, padding: int = 0, dilation: int = 1) -> int:
    """Output length of a convolution (or pooling) along one dimension, as in PyTorch's Conv2d."""
    size, kernel = _positive_int(size, "size"), _positive_int(kernel, "kernel")
    stride, dilation = _positive_int(stride, "stride"), _positive_int(dilation, "dilation")
    padding = _positive_int(padding, "padding", minimum=0)
    effective_kernel = dilation * (kernel - 1) + 1
    if size + 2 * padding < effective_kernel:
        raise ValueError(f"the kernel spans {effective_kernel} but the padded input is only "
                         f"{size + 2 * padding} long")
    return (size + 2 * padding - effective_kernel) // stride + 1
# --8<-- [end:conv_output_size]


# --8<-- [start:receptive_field]
def receptive_field(layers: Iterable[tuple[int, int, int]]) -> int:
    """Receptive field (in input pixels) of one output unit after a stack of (kernel, stride, dilation)."""
    field, jump = 1, 1              # jump: input pixels between neighbouring units
    for number, layer in enumerate(layers):
        if len(layer) != 3:
            raise ValueError(f"layer {number} must be (kernel, stride, dilation), got {layer!r}")
        kernel = _positive_int(layer[0], f"layer {number} kernel")
        stride = _positive_int(layer[1], f"layer {number} stride")
        dilation = _positive_int(layer[2], f"layer {number} dilation")
        field += dilation * (kernel - 1) * jump
        jump *= stride
    return field
# --8<-- [end:receptive_field]


# --8<-- [start:counts]
def conv_params(in_channels: int, out_channels: int, kernel: int, groups: int = 1, bias: bool = True) -> int:
    """Learnable parameters of a 2-D convolution with a square kernel."""
    in_channels = _positive_int(in_channels, "in_channels")
    out_channels = _positive_int(out_channels, "out_channels")
    kernel, groups = _positive_int(kernel, "kernel"), _positive_int(groups, "groups")
    if in_channels % groups or out_channels % groups:
        raise ValueError(f"groups={groups} must divide in_channels={in_channels} and out_channels={out_channels}")
    return out_channels * (in_channels // groups) * kernel * kernel + (out_channels if bias else 0)


def conv_macs(in_channels: int, out_channels: int, kernel: int, out_height: int, out_width: int,
              groups: int = 1) -> int:
    """Multiply-accumulates of a 2-D convolution (bias additions not counted)."""
    weights = conv_params(in_channels, out_channels, kernel, groups, bias=False)
    return weights * _positive_int(out_height, "out_height") * _positive_int(out_width, "out_width")
# --8<-- [end:counts]
