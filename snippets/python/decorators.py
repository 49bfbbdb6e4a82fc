"""The decorators of the decorators page: logging, repeat/retry, timing, caching, a registry.

Each one is a plain function that takes a function (or a class) and returns a replacement;
the page shows them in use in snippets/python/decorators.pycon.
"""
from __future__ import annotations

import functools
import time
from collections.abc import Callable, Hashable
from typing import Any, NamedTuple, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")
T = TypeVar("T")


# --8<-- [start:log_calls]
def _call_text(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
    """How a call looks in the log, e.g. 'scale(4, factor=3)'."""
    parts = [repr(arg) for arg in args] + [f"{key}={value!r}" for key, value in kwargs.items()]
    return f"{name}({', '.join(parts)})"


def log_calls_without_wraps(func: Callable[P, R]) -> Callable[P, R]:
    """Print each call, then make it. Loses func's name and docstring."""
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        print("call", _call_text(func.__name__, args, kwargs))
        return func(*args, **kwargs)
    return wrapper


def log_calls(func: Callable[P, R]) -> Callable[P, R]:
    """Print each call, then make it. functools.wraps keeps func's metadata."""
    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        print("call", _call_text(func.__name__, args, kwargs))
        return func(*args, **kwargs)
    return wrapper
# --8<-- [end:log_calls]


def _check_count(decorator: str, times: object) -> int:
    """`times` as a positive int, or a TypeError/ValueError that says what is wrong."""
    if callable(times):
        raise TypeError(f"{decorator}() needs a number of times: write @{decorator}(3), "
                        f"not @{decorator}")
    if isinstance(times, bool) or not isinstance(times, int):
        raise TypeError(f"{decorator}() needs an int number of times, "
                        f"got {type(times).__name__}")
    if times < 1:
        raise ValueError(f"{decorator}() needs times >= 1, got {times}")
    return times


# --8<-- [start:repeat]
def repeat(times: int) -> Callable[[Callable[P, R]], Callable[P, list[R]]]:
    """Decorator factory: call the function `times` times, return the list of results."""
    times = _check_count("repeat", times)        # checked once, when the decorator is made

    def decorator(func: Callable[P, R]) -> Callable[P, list[R]]:
        @functools.wraps(func)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> list[R]:
            return [func(*args, **kwargs) for _ in range(times)]
        return wrapper
    return decorator
# --8<-- [end:repeat]


# --8<-- [start:retry]
def retry(times: int, *, on: tuple[type[BaseException], ...]
          ) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Try up to `times` calls in all while the function raises one of `on`.

    `on` has no default: the caller names the transient errors, so a bug is never retried.
    """
    times = _check_count("retry", times)
    if not (isinstance(on, tuple) and on
            and all(isinstance(kind, type) and issubclass(kind, BaseException) for kind in on)):
        raise TypeError(f"retry(on=...) needs a non-empty tuple of exception classes, got {on!r}")

    def decorator(func: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(func)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            for attempt in range(1, times + 1):
                try:
                    return func(*args, **kwargs)
                except on:
                    if attempt == times:
                        raise                      # out of attempts: the last error goes up
            raise AssertionError("unreachable")
        return wrapper
    return decorator
# --8<-- [end:retry]


# --8<-- [start:tag]
def tag(name: str) -> Callable[[Callable[P, str]], Callable[P, str]]:
    """Wrap the function's str result in <name>...</name>."""
    if not isinstance(name, str) or not name.isidentifier():
        raise ValueError(f"tag() needs a tag name such as 'b', got {name!r}")

    def decorator(func: Callable[P, str]) -> Callable[P, str]:
        @functools.wraps(func)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> str:
            return f"<{name}>{func(*args, **kwargs)}</{name}>"
        return wrapper
    return decorator
# --8<-- [end:tag]


# --8<-- [start:timed]
def timed(func: Callable[P, R] | None = None, /, *,
          clock: Callable[[], float] = time.perf_counter,
          report: Callable[[str], object] = print) -> Any:
    """Report how long each call takes. Use as @timed or @timed(clock=..., report=...)."""
    if not callable(clock) or not callable(report):
        raise TypeError("timed(): clock and report must be callables")

    def decorator(func: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(func)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            start = clock()
            try:
                return func(*args, **kwargs)
            finally:                               # report failed calls too
                report(f"{func.__name__} took {clock() - start:.3f} s")
        return wrapper

    if func is None:                               # called as @timed(...)
        return decorator
    if not callable(func):
        raise TypeError(f"timed() decorates a callable, got {type(func).__name__}")
    return decorator(func)                         # used bare, as @timed
# --8<-- [end:timed]


# --8<-- [start:count_calls]
def count_calls(func: Callable[P, R]) -> Callable[P, R]:
    """Count the calls that reach the wrapper, in wrapper.calls."""
    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        wrapper.calls += 1                         # type: ignore[attr-defined]
        return func(*args, **kwargs)
    wrapper.calls = 0                              # type: ignore[attr-defined]
    return wrapper
# --8<-- [end:count_calls]


class CacheInfo(NamedTuple):
    hits: int
    misses: int
    currsize: int


# --8<-- [start:memoize]
def memoize(func: Callable[P, R]) -> Callable[P, R]:
    """Cache results by arguments (which must be hashable), like functools.cache."""
    cache: dict[Hashable, R] = {}
    hits = misses = 0

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        nonlocal hits, misses
        key = (args, tuple(sorted(kwargs.items())))
        try:
            hash(key)
        except TypeError as error:
            raise TypeError(f"memoize: {func.__name__}() got an unhashable argument "
                            f"({error})") from None
        if key in cache:
            hits += 1
            return cache[key]
        misses += 1
        result = cache[key] = func(*args, **kwargs)
        return result

    def cache_info() -> CacheInfo:
        return CacheInfo(hits, misses, len(cache))

    def cache_clear() -> None:
        nonlocal hits, misses
        cache.clear()
        hits = misses = 0

    wrapper.cache_info = cache_info                # type: ignore[attr-defined]
    wrapper.cache_clear = cache_clear              # type: ignore[attr-defined]
    return wrapper
# --8<-- [end:memoize]


# --8<-- [start:registry]
class Registry:
    """A name -> class table that a class decorator fills (as in mmdetection's MODELS)."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._classes: dict[str, type] = {}

    def register(self, cls: type[T]) -> type[T]:
        """Class decorator: record cls under its name and return it unchanged."""
        if not isinstance(cls, type):
            raise TypeError(f"register() takes a class, got {type(cls).__name__}")
        if cls.__name__ in self._classes:
            raise ValueError(f"a {self.kind} named {cls.__name__!r} is already registered")
        self._classes[cls.__name__] = cls
        return cls

    def build(self, name: str, /, *args: Any, **kwargs: Any) -> Any:
        """Instantiate the class registered under `name`."""
        if name not in self._classes:
            known = ", ".join(sorted(self._classes)) or "none"
            raise KeyError(f"no {self.kind} named {name!r} (registered: {known})")
        return self._classes[name](*args, **kwargs)

    def __contains__(self, name: object) -> bool:
        return name in self._classes
# --8<-- [end:registry]
