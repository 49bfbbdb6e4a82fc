"""Version-tagged expected output: each CPython is compared with exactly its own lines."""
from __future__ import annotations

import doctest
import sys

import pytest

from sitebuild import REPO_ROOT
from snippets.sessions import expected_for_version, tagged_versions
from tests.examples import OPTIONFLAGS, VersionedOutputChecker
from tests.pages import page_text, visible_text

SUPPORTED = [(3, 11), (3, 12), (3, 13)]
SESSIONS = sorted((REPO_ROOT / "snippets").glob("**/*.pycon"))

WANT = "same\nold  # 3.11\nnew  # 3.12, 3.13\n"


@pytest.mark.parametrize("version, expected", [
    ((3, 11), "same\nold\n"), ((3, 12), "same\nnew\n"), ((3, 13), "same\nnew\n")])
def test_each_version_keeps_its_own_lines(version: tuple[int, int], expected: str) -> None:
    assert expected_for_version(WANT, version) == expected


def test_untagged_output_is_everyones() -> None:
    assert expected_for_version("[1, 2]  # a comment\n", (3, 12)) == "[1, 2]  # a comment\n"


def test_a_version_with_no_lines_fails_loudly() -> None:
    with pytest.raises(ValueError, match="shown for Python 3.11, 3.12, 3.13 only, not for 3.14"):
        expected_for_version(WANT, (3, 14))


def run(source: str, want: str) -> doctest.TestResults:
    test = doctest.DocTestParser().get_doctest(f">>> {source}\n{want}", {}, "t", None, 0)
    runner = doctest.DocTestRunner(checker=VersionedOutputChecker(), optionflags=OPTIONFLAGS)
    return runner.run(test, out=lambda _: None)


def test_the_checker_compares_exactly_the_running_versions_line() -> None:
    this = f"{sys.version_info[0]}.{sys.version_info[1]}"
    others = ", ".join(f"3.{minor}" for _, minor in SUPPORTED if f"3.{minor}" != this) or "3.99"
    assert run("print('mine')", f"mine  # {this}\ntheirs  # {others}\n").failed == 0
    assert run("print('theirs')", f"mine  # {this}\ntheirs  # {others}\n").failed == 1


def test_the_checker_applies_to_exception_lines() -> None:
    this = f"{sys.version_info[0]}.{sys.version_info[1]}"
    want = ("Traceback (most recent call last):\n  ...\n"
            f"KeyError: 'mine'  # {this}\nKeyError: 'theirs'  # 3.99\n")
    assert run("raise KeyError('mine')", want).failed == 0
    assert run("raise KeyError('theirs')", want).failed == 1


def tagged_examples() -> list[tuple[str, int, list[tuple[tuple[int, int], ...]]]]:
    found = []
    for path in SESSIONS:
        for example in doctest.DocTestParser().get_examples(path.read_text(encoding="utf-8")):
            tags = [tag for line in example.want.splitlines() if (tag := tagged_versions(line))]
            if tags:
                found.append((str(path.relative_to(REPO_ROOT)), example.lineno + 1, tags))
    return found


def test_there_are_version_dependent_outputs() -> None:
    assert len(tagged_examples()) >= 3


@pytest.mark.parametrize("path, line, tags", tagged_examples(),
                         ids=[f"{p}:{n}" for p, n, _ in tagged_examples()])
def test_every_tagged_output_covers_each_supported_version_once(
        path: str, line: int, tags: list[tuple[tuple[int, int], ...]]) -> None:
    versions = [version for tag in tags for version in tag]
    assert sorted(versions) == SUPPORTED, f"{path}:{line} tags {versions}"


PYTHON_SESSIONS = sorted((REPO_ROOT / "snippets" / "python").glob("*.pycon"))


def test_python_outputs_use_no_ellipsis_outside_tracebacks() -> None:
    """The chapter index promises it: `...` in an output is a skipped stack, or literal."""
    for path in PYTHON_SESSIONS:
        for example in doctest.DocTestParser().get_examples(path.read_text(encoding="utf-8")):
            want = example.want
            if example.exc_msg is not None:
                want = example.exc_msg
            if "..." in want:
                assert example.options.get(doctest.ELLIPSIS) is False, \
                    f"{path.name}:{example.lineno + 1} uses ... as a placeholder"


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_chapter_index_states_the_versions_and_the_tags(language: str) -> None:
    text = visible_text(page_text("python/index.md", language))
    for version in SUPPORTED:
        assert f"{version[0]}.{version[1]}" in text
    assert "# 3.11" in text and "# 3.12, 3.13" in text and "ELLIPSIS" in text
