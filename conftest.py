# sybil collects the examples in docs/ and snippets/ from here: see tests/examples.py.
from tests.examples import pytest_collect_file  # noqa: F401
