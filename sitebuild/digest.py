"""Content digests that decide when cached build products are stale."""
from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable
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


def stored_text(directory: Path, name: str, compute: Callable[[], str]) -> str:
    """The text kept in directory/name, computed and kept first if it is not there.

    For caches that keep one file per digest (`name` holds it). Reading touches the file,
    so prune_unused keeps what builds still use.
    """
    stored = directory / name
    if stored.is_file():
        stored.touch()
        return stored.read_text(encoding="utf-8")
    text = compute()
    directory.mkdir(parents=True, exist_ok=True)
    stored.write_text(text, encoding="utf-8")
    return text


def prune_unused(directory: Path, max_age_days: float = 30) -> int:
    """Delete the files in `directory` not read or written for `max_age_days`; return how many.

    For the caches of stored_text, which touches what it reuses: only entries for pages and
    styles that no longer exist grow old.
    """
    if not directory.is_dir():
        return 0
    cutoff = time.time() - max_age_days * 86400
    stale = [path for path in directory.iterdir() if path.is_file() and path.stat().st_mtime < cutoff]
    for path in stale:
        path.unlink()
    return len(stale)
