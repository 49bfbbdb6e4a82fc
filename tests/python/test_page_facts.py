"""The numbers and facts the Python pages state in prose, computed here and found on the pages."""
from __future__ import annotations

import contextlib
import datetime
import doctest
import io
import platform
import re
import sys

import pytest

from snippets.python.decorators import count_calls, memoize
from snippets.python.people import Person
from sitebuild import REPO_ROOT
from tests.examples import OPTIONFLAGS, VersionedOutputChecker
from tests.pages import LANGUAGES, page_text, visible_text

CPYTHON_ONLY = pytest.mark.skipif(
    platform.python_implementation() != "CPython",
    reason="the small-int cache is a CPython implementation detail",
)


def cached_ints(low: int = -1000, high: int = 1000) -> list[int]:
    """The ints for which two run-time constructions give one object."""
    return [n for n in range(low, high) if int(str(n)) is int(str(n))]


@CPYTHON_ONLY
def test_cpython_small_int_cache_is_minus_5_to_256() -> None:
    cached = cached_ints()
    low, high = min(cached), max(cached)
    assert cached == list(range(low, high + 1)), "the cache is one contiguous range"
    assert (low, high) == (-5, 256)
    for language in LANGUAGES:
        text = visible_text(page_text("python/objects.md", language))
        assert f"`{low}`" in text and f"`{high}`" in text
        assert f"`{high + 1}`" not in text


def test_ids_are_unique_among_live_objects_and_stable() -> None:
    alive = [object() for _ in range(10_000)]
    ids = [id(obj) for obj in alive]
    assert len(set(ids)) == len(alive)
    assert ids == [id(obj) for obj in alive]


def fib_counts() -> dict[str, int]:
    """Calls of fib(20): plain, memoized counted outside the cache, and inside it."""
    @count_calls
    def plain(n: int) -> int:
        return n if n < 2 else plain(n - 1) + plain(n - 2)

    @count_calls
    @memoize
    def outer(n: int) -> int:
        return n if n < 2 else outer(n - 1) + outer(n - 2)

    @memoize
    @count_calls
    def inner(n: int) -> int:
        return n if n < 2 else inner(n - 1) + inner(n - 2)

    assert plain(20) == outer(20) == inner(20) == 6765
    info = outer.cache_info()
    assert info.hits + info.misses == outer.calls
    return {"plain": plain.calls, "outer": outer.calls, "hits": info.hits,
            "misses": info.misses, "inner": inner.__wrapped__.calls}


def test_fibonacci_call_counts_on_the_decorators_page() -> None:
    counts = fib_counts()
    assert counts == {"plain": 21891, "outer": 39, "hits": 18, "misses": 21, "inner": 21}
    for language in LANGUAGES:
        text = visible_text(page_text("python/decorators.md", language))
        for number in counts.values():
            assert re.search(rf"(?<![\d.]){number}(?![\d.])", text), \
                f"{number} missing from the {language} page"


def test_the_people_numbers_the_methods_page_and_errata_state() -> None:
    person1 = Person("Maya", 15)
    with contextlib.redirect_stdout(io.StringIO()) as out:
        print(person1.name, person1.age)
    shown = out.getvalue().strip()
    person1.grow_up()
    person2 = Person.from_birth_year("John", 2002, today=datetime.date(2022, 6, 1))
    assert (shown, person1.age, person2.age) == ("Maya 15", 16, 20)
    for language in LANGUAGES:
        methods = visible_text(page_text("python/methods.md", language))
        assert f"`{shown}`" in methods and re.search(rf"(?<!\d){person1.age}(?!\d)", methods)
        errata = visible_text(page_text("errata.md", language))
        assert f"`{shown}`" in errata and f"`{person2.name} {person2.age}`" in errata


def session_namespace(relative_path: str) -> dict[str, object]:
    """Run a session as a doctest (expected exceptions included); return its variables."""
    path = REPO_ROOT / relative_path
    test = doctest.DocTestParser().get_doctest(path.read_text(encoding="utf-8"), {}, path.name,
                                               str(path), 0)
    runner = doctest.DocTestRunner(checker=VersionedOutputChecker(), optionflags=OPTIONFLAGS)
    runner.run(test, out=lambda _: None, clear_globs=False)
    assert runner.failures == 0, f"{relative_path} fails as a doctest"
    return test.globs


def test_the_tool_count_the_classes_page_states() -> None:
    count = session_namespace("snippets/python/classes.pycon")["Tool"].count
    assert count == 3
    for language in LANGUAGES:
        text = visible_text(page_text("python/classes.md", language))
        assert re.search(rf"(?<!\d){count}(?!\d)", text)


@CPYTHON_ONLY
def test_the_immortal_refcount_the_objects_page_states() -> None:
    immortal = 2**32 - 1
    assert sys.maxsize > 2**32, "the page states the count of a 64-bit build"
    counts = {sys.getrefcount(obj) for obj in (None, True, False, 256, -5, ())}
    if sys.version_info >= (3, 12):
        assert counts == {immortal}
    else:
        assert immortal not in counts
    for language in LANGUAGES:
        text = visible_text(page_text("python/objects.md", language))
        assert str(immortal) in text and "PEP 683" in text and "3.12" in text
