from __future__ import annotations

from pathlib import Path

import pytest

from sitebuild import REPO_ROOT
from tests.support import built, once_per_run


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, built once per test run with --strict."""
    return once_per_run(tmp_path_factory, "site", built())


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline copy (mkdocs.offline.yml), built once per test run with --strict."""
    return once_per_run(tmp_path_factory, "site-offline", built(REPO_ROOT / "mkdocs.offline.yml"))


@pytest.fixture(scope="session", autouse=True)
def _start_long_builds(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Start the reproducibility builds with the first test of a run that includes their test."""
    if any(item.nodeid.startswith("tests/site/test_reproducible.py") for item in request.session.items):
        from tests.site.test_reproducible import start_builds

        start_builds(tmp_path_factory)
