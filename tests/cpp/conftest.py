"""Fixtures for the C++ example tests: find g++, build every example once, in parallel."""

from __future__ import annotations

import pytest

from tests.cpp import cppbuild


@pytest.fixture(scope="session")
def manifest() -> cppbuild.Manifest:
    return cppbuild.load_manifest()


@pytest.fixture(scope="session")
def toolchain() -> cppbuild.Toolchain | None:
    return cppbuild.find_toolchain()


@pytest.fixture(scope="session")
def builds(toolchain, manifest) -> dict:
    """All compile results, keyed by (kind, name). Empty when g++ is missing."""
    if toolchain is None:
        return {}
    return cppbuild.build_all(toolchain, manifest)
