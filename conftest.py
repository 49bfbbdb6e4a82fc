# sybil collects the examples in docs/ and snippets/ from here: see tests/examples.py.
# Importing sitebuild first makes NumPy single-threaded for the tests as for the build (see
# sitebuild/__init__.py); it must happen before anything imports NumPy.
import sitebuild  # noqa: F401
from tests.examples import pytest_collect_file  # noqa: F401


def pytest_configure(config) -> None:
    """Write the question index pages if no build has yet (a fresh clone), so the page tests
    collect them like every other page. In the controlling process only: xdist's workers
    collect after it has run."""
    if hasattr(config, "workerinput"):
        return
    from sitebuild.questions import INDEX_PAGES

    if not all((sitebuild.DOCS_DIR / name).exists() for name in INDEX_PAGES.values()):
        from mkdocs.config import load_config

        from sitebuild.hooks import write_question_index

        write_question_index(load_config(str(sitebuild.REPO_ROOT / "mkdocs.yml")))
