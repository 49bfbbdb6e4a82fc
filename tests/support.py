"""Shared test helpers: running the build, and tools that must exist in CI."""
from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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
    return subprocess.run(build_command(site_dir, config, engine), cwd=cwd, env={**os.environ, **BUILD_ENV},
                          capture_output=True, text=True, timeout=600)


BUILD_ENV = {"NO_MKDOCS_2_WARNING": "1"}


def build_command(site_dir: Path, config: Path = REPO_ROOT / "mkdocs.yml", engine: str = "mkdocs") -> list[str]:
    return [sys.executable, "-m", engine, "build", "--strict", "--clean",
            "--config-file", str(config), "--site-dir", str(site_dir)]


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


def run_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The temporary directory shared by every xdist worker of this run (the run's own without xdist)."""
    root = tmp_path_factory.getbasetemp()
    return root.parent if os.environ.get("PYTEST_XDIST_WORKER") else root


@contextmanager
def _exclusive(lock_path: Path) -> Iterator[None]:
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def once_per_run(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """The directory `make(directory)` fills, made once per test run and shared by every xdist worker.

    The first worker to take the lock makes the directory, the others wait and reuse it. A
    failed `make` leaves no marker, so each worker then tries (and reports) on its own.
    """
    root = run_root(tmp_path_factory)
    target, done = root / name, root / f"{name}.done"
    with _exclusive(root / f"{name}.lock"):
        if not done.exists():
            shutil.rmtree(target, ignore_errors=True)
            make(target)
            done.touch()
    return target


def start_in_background(root: Path, name: str, script: str, env: dict[str, str]) -> None:
    """Start the shell `script` once per run (the first caller does), leaving root/name.log and .status."""
    with _exclusive(root / f"{name}.lock"):
        if (root / f"{name}.started").exists():
            return
        (root / f"{name}.started").touch()
        status = root / f"{name}.status"
        with open(root / f"{name}.log", "w") as log:
            subprocess.Popen(["sh", "-c", f"({script}); echo $? > '{status}.part' && mv '{status}.part' '{status}'"],
                             cwd=REPO_ROOT, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT,
                             start_new_session=True)


def wait_for_background(root: Path, name: str, timeout: float = 900) -> tuple[int, str]:
    """The exit status and output of the script start_in_background started as `name`."""
    status, deadline = root / f"{name}.status", time.monotonic() + timeout
    while not status.exists():
        if time.monotonic() > deadline:
            pytest.fail(f"the background job {name} did not finish in {timeout:.0f} s")
        time.sleep(0.5)
    return int(status.read_text()), (root / f"{name}.log").read_text(errors="replace")


def built(config: Path = REPO_ROOT / "mkdocs.yml") -> Callable[[Path], None]:
    """A `make` for once_per_run: a strict build with `config` that fails the test when it fails."""
    def make(site: Path) -> None:
        result = mkdocs_build(site, config=config)
        if result.returncode != 0:
            pytest.fail(f"mkdocs build --strict -f {config.name} failed:\n{result.stderr[-4000:]}")
    return make
