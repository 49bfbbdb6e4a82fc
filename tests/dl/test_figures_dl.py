"""Every figure script of the chapter draws a Figure, and its SVG is the same bytes every time."""

from __future__ import annotations

import importlib
import io
from pathlib import Path

import matplotlib
import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text

import snippets.dl.figures

matplotlib.use("Agg")

FIGURE_DIR = Path(snippets.dl.figures.__file__).parent
SCRIPTS = sorted(path.stem for path in FIGURE_DIR.glob("*.py") if path.name != "__init__.py")


def render_svg(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": "fixed-salt-for-tests"}):
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def test_the_chapter_has_its_figures() -> None:
    assert {"activation_grid", "activation_comparison", "computational_graph", "vanishing_gradient",
            "normalization_blocks", "bn_loss_curves", "bn_loss_landscape"} <= set(SCRIPTS)


def chinese_characters(text: str) -> list[str]:
    return [char for char in text if "\u3000" <= char <= "\u9fff" or "\uff00" <= char <= "\uffef"]


@pytest.mark.parametrize("script", SCRIPTS)
def test_figure_draws_and_renders_to_identical_svg(script: str) -> None:
    draw = importlib.import_module(f"snippets.dl.figures.{script}").draw
    figure = draw()
    assert isinstance(figure, Figure)
    assert len(figure.axes) >= 1
    assert matplotlib.colors.to_hex(figure.get_facecolor()) == "#ffffff"
    texts = [text.get_text() for text in figure.findobj(Text) if text.get_text()]
    assert texts and not chinese_characters("".join(texts))
    first = render_svg(figure)
    assert first == render_svg(figure)
    assert first == render_svg(draw())
