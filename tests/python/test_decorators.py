"""The decorators of snippets/python/decorators.py: behaviour, metadata and bad input."""
from __future__ import annotations

import functools

import pytest

from snippets.python.decorators import (
    CacheInfo,
    Registry,
    count_calls,
    log_calls,
    log_calls_without_wraps,
    memoize,
    repeat,
    retry,
    tag,
    timed,
)


def area(w: float, h: float) -> float:
    """Return w * h."""
    return w * h


def fake_clock(*readings: float):
    ticks = iter(readings)
    return lambda: next(ticks)


def test_log_calls_prints_the_call_and_returns_the_result(capsys: pytest.CaptureFixture[str]) -> None:
    assert log_calls(area)(2, h=3) == 6
    assert capsys.readouterr().out == "call area(2, h=3)\n"


def test_wraps_keeps_the_metadata_and_its_absence_loses_it() -> None:
    wrapped, bare = log_calls(area), log_calls_without_wraps(area)
    assert (wrapped.__name__, wrapped.__doc__, wrapped.__wrapped__) == ("area", "Return w * h.", area)
    assert (bare.__name__, bare.__doc__) == ("wrapper", None)
    assert not hasattr(bare, "__wrapped__")
    assert bare(2, 3) == wrapped(2, 3) == 6


def test_repeat_calls_n_times_and_collects_the_results() -> None:
    calls = []

    @repeat(4)
    def step(x: int) -> int:
        calls.append(x)
        return len(calls)

    assert step(7) == [1, 2, 3, 4]
    assert calls == [7, 7, 7, 7]
    assert step.__name__ == "step"


@pytest.mark.parametrize("bad, error, words", [
    (0, ValueError, "times >= 1, got 0"),
    (-2, ValueError, "times >= 1, got -2"),
    (2.0, TypeError, "int number of times, got float"),
    ("3", TypeError, "int number of times, got str"),
    (True, TypeError, "int number of times, got bool"),
    (area, TypeError, "write @repeat(3), not @repeat"),
])
def test_repeat_rejects_bad_counts(bad: object, error: type[Exception], words: str) -> None:
    with pytest.raises(error, match=words.replace("(", r"\(").replace(")", r"\)")):
        repeat(bad)  # type: ignore[arg-type]


def test_retry_tries_again_and_stops_at_the_first_success() -> None:
    outcomes = iter([TimeoutError(), TimeoutError(), "ok", "never reached"])

    @retry(3, on=(TimeoutError,))
    def read() -> str:
        outcome = next(outcomes)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    assert read() == "ok"
    assert next(outcomes) == "never reached"


def test_retry_reraises_the_last_error_when_out_of_attempts() -> None:
    attempts = []

    @retry(2, on=(RuntimeError,))
    def always_fails() -> None:
        attempts.append(1)
        raise RuntimeError(f"attempt {len(attempts)}")

    with pytest.raises(RuntimeError, match="attempt 2"):
        always_fails()
    assert len(attempts) == 2


def test_retry_has_no_default_exceptions_to_catch() -> None:
    with pytest.raises(TypeError, match="required keyword-only argument: 'on'"):
        retry(3)  # type: ignore[call-arg]


def test_retry_does_not_catch_other_exceptions() -> None:
    attempts = []

    @retry(5, on=(TimeoutError,))
    def broken() -> None:
        attempts.append(1)
        raise KeyError("bug")

    with pytest.raises(KeyError):
        broken()
    assert len(attempts) == 1


@pytest.mark.parametrize("on", [(), TimeoutError, (TimeoutError, "x"), [TimeoutError], (int,)])
def test_retry_rejects_bad_exception_lists(on: object) -> None:
    with pytest.raises(TypeError, match="tuple of exception classes"):
        retry(2, on=on)  # type: ignore[arg-type]


def test_retry_checks_its_count_like_repeat() -> None:
    with pytest.raises(ValueError, match=r"retry\(\) needs times >= 1"):
        retry(0, on=(OSError,))
    with pytest.raises(TypeError, match=r"write @retry\(3\)"):
        retry(area, on=(OSError,))  # type: ignore[arg-type]


def test_stacked_tags_apply_bottom_up() -> None:
    @tag("b")
    @tag("i")
    def hello() -> str:
        return "hi"

    assert hello() == "<b><i>hi</i></b>"
    assert hello.__wrapped__.__wrapped__() == "hi"


@pytest.mark.parametrize("bad", ["", "a b", "<b>", 3, None])
def test_tag_rejects_bad_names(bad: object) -> None:
    with pytest.raises(ValueError, match="tag name"):
        tag(bad)  # type: ignore[arg-type]


def test_timed_reports_with_the_injected_clock() -> None:
    reports: list[str] = []

    @timed(clock=fake_clock(1.0, 3.5), report=reports.append)
    def work(x: int) -> int:
        return x * 2

    assert work(21) == 42
    assert reports == ["work took 2.500 s"]


def test_timed_reports_failed_calls_too() -> None:
    reports: list[str] = []

    @timed(clock=fake_clock(0.0, 0.125), report=reports.append)
    def crash() -> None:
        raise OSError("disk")

    with pytest.raises(OSError):
        crash()
    assert reports == ["crash took 0.125 s"]


def test_timed_works_bare_with_the_real_clock(capsys: pytest.CaptureFixture[str]) -> None:
    @timed
    def quick() -> str:
        return "done"

    assert quick() == "done"
    assert quick.__name__ == "quick"
    out = capsys.readouterr().out
    assert out.startswith("quick took ") and out.endswith(" s\n")


def test_timed_rejects_bad_arguments() -> None:
    with pytest.raises(TypeError, match="clock and report must be callables"):
        timed(clock=1.0)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="decorates a callable, got int"):
        timed(5)  # type: ignore[arg-type]


def naive_fib_calls(n: int) -> int:
    """How many calls the plain recursive fib(n) makes (including the first)."""
    return 1 if n < 2 else 1 + naive_fib_calls(n - 1) + naive_fib_calls(n - 2)


def test_count_calls_counts_every_recursive_call() -> None:
    @count_calls
    def fib(n: int) -> int:
        return n if n < 2 else fib(n - 1) + fib(n - 2)

    assert fib(20) == 6765
    assert fib.calls == naive_fib_calls(20)


def test_memoize_matches_lru_cache_counters_on_fib() -> None:
    @memoize
    def fib(n: int) -> int:
        return n if n < 2 else fib(n - 1) + fib(n - 2)

    @functools.lru_cache(maxsize=None)
    def reference(n: int) -> int:
        return n if n < 2 else reference(n - 1) + reference(n - 2)

    assert fib(30) == reference(30)
    ours, theirs = fib.cache_info(), reference.cache_info()
    assert (ours.hits, ours.misses, ours.currsize) == (theirs.hits, theirs.misses, theirs.currsize)
    assert ours == CacheInfo(hits=28, misses=31, currsize=31)


def test_memoize_keys_on_keyword_arguments_and_clears() -> None:
    calls = []

    @memoize
    def power(base: int, exp: int = 2) -> int:
        calls.append((base, exp))
        return base**exp

    assert power(3) == power(3) == 9
    assert power(3, exp=3) == power(3, exp=3) == 27
    assert calls == [(3, 2), (3, 3)]
    assert power.cache_info() == CacheInfo(hits=2, misses=2, currsize=2)
    power.cache_clear()
    assert power.cache_info() == CacheInfo(0, 0, 0)
    assert power(3) == 9 and len(calls) == 3


def test_memoize_names_the_function_on_unhashable_arguments() -> None:
    @memoize
    def total(values: list[int]) -> int:
        return sum(values)

    with pytest.raises(TypeError, match=r"memoize: total\(\) got an unhashable argument"):
        total([1, 2])


def test_memoize_does_not_cache_exceptions() -> None:
    attempts = []

    @memoize
    def flaky(x: int) -> int:
        attempts.append(x)
        if len(attempts) == 1:
            raise RuntimeError("first call fails")
        return x

    with pytest.raises(RuntimeError):
        flaky(1)
    assert flaky(1) == 1 and flaky(1) == 1
    assert attempts == [1, 1]


def test_registry_registers_builds_and_refuses_bad_input() -> None:
    models = Registry("model")

    @models.register
    class Tiny:
        def __init__(self, width: int = 8) -> None:
            self.width = width

    assert "Tiny" in models and "Huge" not in models
    assert models.build("Tiny", width=16).width == 16
    with pytest.raises(KeyError, match="no model named 'Huge' \\(registered: Tiny\\)"):
        models.build("Huge")
    with pytest.raises(ValueError, match="already registered"):
        models.register(Tiny)
    with pytest.raises(TypeError, match="takes a class, got function"):
        models.register(area)  # type: ignore[arg-type]
    with pytest.raises(KeyError, match="registered: none"):
        Registry("backbone").build("ResNet")
