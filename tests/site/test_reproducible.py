"""Clean builds produce the same files byte for byte, whether their caches are cold or warm."""
from __future__ import annotations

import os
from pathlib import Path

from tests.support import mkdocs_build, tree


def test_cold_and_warm_builds_reproduce_the_site(built_site: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setitem(os.environ, "SITEBUILD_CACHE_DIR", str(tmp_path / "cache"))
    for build in ("cold", "warm"):
        result = mkdocs_build(tmp_path / build)
        assert result.returncode == 0, result.stderr[-3000:]
        first, second = tree(built_site), tree(tmp_path / build)
        assert sorted(first) == sorted(second), f"the {build} build made other files"
        differing = [name for name in first if first[name] != second[name]]
        assert not differing, f"{len(differing)} files differ in the {build} build, e.g. {differing[:5]}"
