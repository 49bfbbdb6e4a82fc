"""Shared test helpers: running the build, and tools that must exist in CI."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sitebuild import REPO_ROOT

IN_CI = os.environ.get("CI") == "true"


def require_tool(name: str, why: str) -> str:
    """Path of executable `name`; skip with `why` when absent, but fail in CI."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} not found: {why}"
        if IN_CI:
            pytest.fail(f"{message} (CI must install it: see .ci/run)")
        pytest.skip(message)
    return path


def mkdocs_build(site_dir: Path, config: Path = REPO_ROOT / "mkdocs.yml",
                 cwd: Path = REPO_ROOT, engine: str = "mkdocs") -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` into site_dir; returns the finished process (not raising).

    `engine="properdocs"` builds with ProperDocs, MkDocs' maintained fork, instead.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", engine, "build", "--strict", "--clean",
         "--config-file", str(config), "--site-dir", str(site_dir)],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=600,
    )


def require_module(name: str, why: str):
    """Import `name`; skip with `why` when it is not installed, but fail in CI."""
    try:
        return __import__(name)
    except ImportError:
        message = f"{name} is not installed: {why}"
        if IN_CI:
            pytest.fail(f"{message} (CI must install it: see .ci/run)", pytrace=False)
        pytest.skip(message, allow_module_level=True)


def tree(root: Path) -> dict[str, bytes]:
    """Every file under root, by relative path."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}
