"""The Pages workflow is valid for GitHub and runs the tests on the OS they pass on (Debian 12)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from sitebuild import REPO_ROOT
from tests.support import require_module

WORKFLOW = REPO_ROOT / ".github" / "workflows" / "pages.yml"
DEBIAN_12_IMAGES = ("python:3.11-bookworm", "python:3.12-bookworm", "python:3.13-bookworm", "debian:12",
                    "debian:bookworm")


def lint(path: Path) -> subprocess.CompletedProcess[str]:
    """check-jsonschema against GitHub's workflow schema, vendored in the package (no network)."""
    require_module("check_jsonschema", "the workflow lint needs it (it is in requirements.lock)")
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema",
                           "vendor.github-workflows", str(path)], capture_output=True, text=True, timeout=120)


def test_the_pages_workflow_passes_the_schema() -> None:
    result = lint(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_lint_rejects_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "pages.yml"
    broken.write_text(WORKFLOW.read_text(encoding="utf-8").replace("runs-on:", "runs_on:"), encoding="utf-8")
    assert lint(broken).returncode != 0


def test_the_tests_run_in_debian_12_as_root() -> None:
    jobs = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]
    testing = [job for job in jobs.values()
               if any(".ci/run" in step.get("run", "") for step in job.get("steps", []))]
    assert testing, "no job runs .ci/run"
    for job in testing:
        container = job.get("container")
        image = container.get("image") if isinstance(container, dict) else container
        assert image in DEBIAN_12_IMAGES, f"the tests must run in Debian 12, not in {image or job['runs-on']}"
        assert not any("sudo" in step.get("run", "") for step in job["steps"]), "the container has no sudo"
