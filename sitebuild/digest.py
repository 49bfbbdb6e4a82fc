"""Content digests that decide when cached build products are stale."""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from . import SNIPPETS_DIR


def digest_files(paths: Iterable[Path], *extra: str) -> str:
    """SHA-256 over the relative path and bytes of each file, plus `extra` strings."""
    hasher = hashlib.sha256()
    for path in sorted(paths):
        hasher.update(path.relative_to(SNIPPETS_DIR.parent).as_posix().encode())
        hasher.update(b"\0")
        hasher.update(path.read_bytes())
    for item in extra:
        hasher.update(item.encode())
    return hasher.hexdigest()


def python_sources() -> list[Path]:
    """Every importable module under snippets/: what a figure or a notebook may import."""
    return sorted(SNIPPETS_DIR.rglob("*.py"))
