"""Loss scaling for float16 training: a gradient that underflows, and the dynamic scale of PyTorch's GradScaler."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from snippets.dl._arrays import as_finite_float


# --8<-- [start:scaled_gradient]
def float16_gradient(upstream: float, activation: float, loss_scale: float = 1.0) -> np.float32:
    r"""$\partial L / \partial w = \partial L / \partial y \cdot a$ computed in float16 with the loss multiplied by
    `loss_scale` (so the upstream gradient is too), then divided by `loss_scale` in float32."""
    loss_scale = as_finite_float(loss_scale, "loss_scale")
    if loss_scale <= 0.0:
        raise ValueError(f"loss_scale must be positive, got {loss_scale}")
    gradient16 = np.float16(upstream * loss_scale) * np.float16(activation)
    return np.float32(gradient16) / np.float32(loss_scale)
# --8<-- [end:scaled_gradient]


# --8<-- [start:scaler]
class DynamicLossScaler:
    """The update rule of `torch.amp.GradScaler`: skip the step and multiply the scale by `backoff_factor` when a
    gradient is inf or NaN; multiply it by `growth_factor` after `growth_interval` finite steps in a row."""

    def __init__(self, init_scale: float = 2.0**16, growth_factor: float = 2.0, backoff_factor: float = 0.5,
                 growth_interval: int = 2000) -> None:
        if not (init_scale > 0 and growth_factor > 1 and 0 < backoff_factor < 1 and growth_interval >= 1):
            raise ValueError("need init_scale > 0, growth_factor > 1, 0 < backoff_factor < 1, growth_interval >= 1")
        self.scale, self.growth_factor, self.backoff_factor = float(init_scale), growth_factor, backoff_factor
        self.growth_interval, self._finite_steps = growth_interval, 0

    def unscale(self, scaled_grads: list[ArrayLike]) -> list[np.ndarray] | None:
        """The gradients divided by the scale, in float32, or None (skip this step) if any is not finite;
        updates the scale either way."""
        grads = [np.asarray(grad, dtype=np.float32) / np.float32(self.scale) for grad in scaled_grads]
        finite = all(np.all(np.isfinite(grad)) for grad in grads)
        if finite:
            self._finite_steps += 1
            if self._finite_steps == self.growth_interval:
                self.scale *= self.growth_factor
                self._finite_steps = 0
        else:
            self.scale *= self.backoff_factor
            self._finite_steps = 0
        return grads if finite else None
# --8<-- [end:scaler]
