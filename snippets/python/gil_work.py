"""Work for the GIL page: pure-Python loops hold the GIL, sleeping and NumPy's sort release it.

Each function takes one int (a size or a duration in ms), so a process pool can pickle the
call; benchmarks/gil.py times them serially, in threads and in processes.
"""
from __future__ import annotations

import hashlib
import time

import numpy as np


# --8<-- [start:work]
def python_loop(n: int) -> int:
    """CPU-bound pure Python: holds the GIL the whole time."""
    if n < 0:
        raise ValueError(f"n must be >= 0, got {n}")
    total = 0
    for i in range(n):
        total += i * i
    return total


def sleep_ms(ms: int) -> int:
    """Waiting, as for I/O: releases the GIL while it sleeps."""
    if ms < 0:
        raise ValueError(f"ms must be >= 0, got {ms}")
    time.sleep(ms / 1000)
    return ms


def numpy_sort(n: int) -> float:
    """CPU-bound in C: NumPy releases the GIL while it sorts."""
    if n <= 0:
        raise ValueError(f"n must be > 0, got {n}")
    values = np.random.default_rng(n).random(n)
    values.sort()
    return float(values[n // 2])


def sha256_mb(mb: int) -> str:
    """CPU-bound in C: hashlib releases the GIL for large inputs."""
    if mb <= 0:
        raise ValueError(f"mb must be > 0, got {mb}")
    return hashlib.sha256(bytes(mb * 1_000_000)).hexdigest()[:8]
# --8<-- [end:work]
