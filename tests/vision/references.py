"""The independent references of the perception chapter, imported or skipped with the pip command."""
from __future__ import annotations

from types import ModuleType

import pytest

PINNED = {"shapely": "shapely==2.2.0", "cv2": "opencv-python-headless==5.0.0.93",
          "pycocotools": "pycocotools==2.0.11", "torch": "torch==2.13.0"}


def reference(module: str) -> ModuleType:
    """Import a reference library, or skip the test saying how to install it."""
    return pytest.importorskip(module, reason=f"reference missing: .venv/bin/pip install {PINNED[module.split('.')[0]]}")
