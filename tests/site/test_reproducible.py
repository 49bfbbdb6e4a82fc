"""Clean builds produce the same files byte for byte, whether their caches are cold or warm.

The two builds (a cold one with an empty cache, then a warm one reusing it) are the longest
chain of the suite, so they start in the background as soon as the run has collected this
test (see conftest.py) and the test waits for them.
"""
from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from tests.support import BUILD_ENV, build_command, run_root, start_in_background, tree, wait_for_background

JOB = "reproducible-builds"
BUILDS = ("cold", "warm")


def start_builds(tmp_path_factory: pytest.TempPathFactory) -> None:
    root = run_root(tmp_path_factory) / JOB
    root.mkdir(exist_ok=True)
    script = " && ".join(shlex.join(build_command(root / build)) for build in BUILDS)
    start_in_background(root.parent, JOB, script, {**BUILD_ENV, "SITEBUILD_CACHE_DIR": str(root / "cache")})


def test_cold_and_warm_builds_reproduce_the_site(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    start_builds(tmp_path_factory)
    root = run_root(tmp_path_factory)
    status, log = wait_for_background(root, JOB)
    assert status == 0, log[-3000:]
    first = tree(built_site)
    for build in BUILDS:
        second = tree(root / JOB / build)
        assert sorted(first) == sorted(second), f"the {build} build made other files"
        differing = [name for name in first if first[name] != second[name]]
        assert not differing, f"{len(differing)} files differ in the {build} build, e.g. {differing[:5]}"
