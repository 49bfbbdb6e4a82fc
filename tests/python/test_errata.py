"""The Python part of the errata: every entry cites proofs that exist, in both languages.

A proof is a pytest node id (`tests/...py` or `tests/...py::test_name`) or a session line
(`snippets/....pycon:N`, the line of a `>>>` example that sybil runs as a doctest).
"""
from __future__ import annotations

import ast
import re

import pytest

from sitebuild import DOCS_DIR, REPO_ROOT
from tests.pages import LANGUAGES, errata_references

ENTRY = re.compile(r"^### P(?P<number>\d+) · .+ \{#python-p(?P=number)\}$", re.MULTILINE)
SESSION = re.compile(r"^(?P<path>snippets/[\w/]+\.pycon):(?P<line>\d+)$")
TEST = re.compile(r"^(?P<path>tests/[\w/]+\.py)(?:::(?P<name>\w+))?$")


def entries(language: str) -> dict[int, list[str]]:
    """Entry number -> the references in its proof line."""
    return errata_references(language, "python", ENTRY, "P")


def test_entries_are_numbered_in_order_and_match_across_languages() -> None:
    zh, en = entries("zh"), entries("en")
    assert list(zh) == list(range(1, len(zh) + 1)) and len(zh) >= 20
    assert zh == en, "both languages must cite the same proofs for the same entries"


def every_reference() -> list[str]:
    return sorted({ref for refs in entries("zh").values() for ref in refs})


@pytest.mark.parametrize("reference", every_reference())
def test_every_proof_exists(reference: str) -> None:
    session, test = SESSION.match(reference), TEST.match(reference)
    assert session or test, f"{reference} is neither a session line nor a test node id"
    if session:
        lines = (REPO_ROOT / session["path"]).read_text(encoding="utf-8").splitlines()
        line = lines[int(session["line"]) - 1]
        assert line.startswith(">>> ") and not line.startswith(">>> #"), \
            f"{reference} is not a doctest example: {line!r}"
    else:
        path = REPO_ROOT / test["path"]
        assert path.is_file(), f"no test file {test['path']}"
        if test["name"]:
            tree = ast.parse(path.read_text(encoding="utf-8"))
            names = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
            assert test["name"] in names, f"{reference}: no such test"


def test_every_entry_has_a_proof() -> None:
    assert all(entries("zh").values())


@pytest.mark.parametrize("language", LANGUAGES)
def test_links_from_the_python_pages_reach_entries(language: str) -> None:
    numbers = set(entries(language))
    pages = sorted((DOCS_DIR / "python").glob("*.en.md" if language == "en" else "*.md"))
    linked = set()
    for page in pages:
        if language == "zh" and page.name.endswith(".en.md"):
            continue
        linked |= {int(n) for n in re.findall(r"errata\.md#python-p(\d+)", page.read_text(encoding="utf-8"))}
    assert linked and linked <= numbers
