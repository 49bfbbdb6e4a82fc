"""The chapter's figures exist (their rendering is checked for every chapter in tests/site/test_figures.py)."""
from __future__ import annotations

from pathlib import Path

import snippets.dl.figures

FIGURE_DIR = Path(snippets.dl.figures.__file__).parent


def test_the_chapter_has_its_figures() -> None:
    scripts = {path.stem for path in FIGURE_DIR.glob("*.py") if path.name != "__init__.py"}
    assert {"activation_grid", "activation_comparison", "computational_graph", "vanishing_gradient",
            "normalization_blocks", "bn_loss_curves", "bn_loss_landscape"} <= scripts
