# sybil collects the examples in docs/ and snippets/ from here: see tests/examples.py.
# Importing sitebuild first makes NumPy single-threaded for the tests as for the build (see
# sitebuild/__init__.py); it must happen before anything imports NumPy.
import sitebuild  # noqa: F401
from tests.examples import pytest_collect_file  # noqa: F401
