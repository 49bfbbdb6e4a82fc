"""ProperDocs, the maintained fork of MkDocs, builds the same site: moving over is one line.

MkDocs 1.x is no longer maintained. The day it has to go, the README's commands change
from `mkdocs` to `properdocs` and nothing else; this test keeps that true.
"""
from __future__ import annotations

import re
from pathlib import Path

from tests.support import mkdocs_build, require_module, tree

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def test_properdocs_builds_the_same_site_as_mkdocs(built_site: Path, tmp_path: Path) -> None:
    require_module("properdocs", "the ProperDocs comparison needs it (it is in requirements.lock)")
    result = mkdocs_build(tmp_path / "site", engine="properdocs")
    assert result.returncode == 0, result.stderr[-3000:]
    mkdocs, properdocs = tree(built_site), tree(tmp_path / "site")
    assert sorted(mkdocs) == sorted(properdocs), "ProperDocs wrote other files"
    differing = [name for name in mkdocs
                 if GENERATOR.sub(b"", mkdocs[name]) != GENERATOR.sub(b"", properdocs[name])]
    assert not differing, f"{len(differing)} files differ beyond the generator tag, e.g. {differing[:5]}"
    assert any(GENERATOR.search(content) for content in mkdocs.values()), \
        "no generator tag: the comparison above no longer shows what it ignores"
