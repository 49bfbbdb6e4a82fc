"""Peak memory of a computation, measured with tracemalloc (the iterators and slots pages)."""
from __future__ import annotations

import sys
import tracemalloc
from collections.abc import Callable


# --8<-- [start:peak_bytes]
def peak_bytes(compute: Callable[[], object]) -> int:
    """The most memory Python objects held at once while compute() ran, in bytes."""
    if not callable(compute):
        raise ValueError(f"peak_bytes needs a function of no arguments, got {compute!r}")
    if tracemalloc.is_tracing():
        raise ValueError("peak_bytes cannot measure while tracemalloc is already tracing")
    tracemalloc.start()
    try:
        compute()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def sum_of_squares_list(n: int) -> int:
    return sum([x * x for x in range(n)])


def sum_of_squares_generator(n: int) -> int:
    return sum(x * x for x in range(n))
# --8<-- [end:peak_bytes]


# --8<-- [start:per_instance]
class PlainPoint:
    def __init__(self, x: float, y: float) -> None:
        self.x, self.y = x, y


class SlottedPoint:
    __slots__ = ("x", "y")

    def __init__(self, x: float, y: float) -> None:
        self.x, self.y = x, y


def bytes_per_instance(cls: type, n: int = 1_000_000) -> float:
    """Peak memory of a list of n cls(1.0, 2.0), per instance, the list's pointer included."""
    if n <= 0:
        raise ValueError(f"n must be a positive number of instances, got {n}")
    return peak_bytes(lambda: [cls(1.0, 2.0) for _ in range(n)]) / n
# --8<-- [end:per_instance]


# --8<-- [start:total_size]
def total_size(obj: object) -> int:
    """sys.getsizeof of obj and of everything reachable through lists, tuples, sets and dicts,
    each object counted once."""
    seen: set[int] = set()
    stack = [obj]
    total = 0
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        total += sys.getsizeof(item)
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, set, frozenset)):
            stack.extend(item)
    return total
# --8<-- [end:total_size]
