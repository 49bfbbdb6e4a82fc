"""Per-digest cache files that no build has used for a month are deleted."""
from __future__ import annotations

import os
import time
from pathlib import Path

from sitebuild.digest import prune_unused


def test_only_files_unused_for_longer_than_the_limit_go(tmp_path: Path) -> None:
    old, recent = tmp_path / "old.json", tmp_path / "recent.json"
    for path in (old, recent):
        path.write_text("{}", encoding="utf-8")
    month_and_a_day = time.time() - 31 * 86400
    os.utime(old, (month_and_a_day, month_and_a_day))
    assert prune_unused(tmp_path, max_age_days=30) == 1
    assert not old.exists() and recent.exists()


def test_a_missing_cache_directory_is_fine(tmp_path: Path) -> None:
    assert prune_unused(tmp_path / "never-built") == 0
