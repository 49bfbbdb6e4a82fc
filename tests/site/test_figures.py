"""Figures: drawn from snippets, cached by content, identical bytes, failures named."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from sitebuild import figures
from sitebuild.figures import FigureError, FigureScript, build_figures, figure_scripts, render_svg


def test_every_figure_script_is_drawn_and_a_second_build_draws_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    build_figures()
    monkeypatch.setattr(figures, "_last_checked", ())  # as a new process would start,
    monkeypatch.setattr(figures, "STATE_FILE", figures.FIGURE_CACHE / "absent.json")  # with no record

    assert build_figures() == []
    for script in figure_scripts():
        assert script.output.is_file(), f"{script.path} produced no SVG"


def chinese_characters(text: str) -> list[str]:
    return [char for char in text if "\u3000" <= char <= "\u9fff" or "\uff00" <= char <= "\uffef"]


@pytest.mark.parametrize("script", figure_scripts(), ids=lambda s: s.module)
def test_a_redrawn_figure_equals_the_built_one_and_is_language_neutral_on_white_and_silent(
        script: FigureScript, built_site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Drawn again in this process, a figure has the bytes the build wrote (no date, fixed hash salt).

    Captions carry the words (DejaVu Sans has no CJK glyphs); dark mode puts figures on a white card.
    """
    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.text import Text

    drawn: list[Figure] = []
    svg = render_svg(script, inspect=drawn.append)
    assert capsys.readouterr().out == "", "a figure must not print during the build"
    assert svg.startswith(b"<?xml") and b"<svg" in svg and b"<dc:date>" not in svg
    built = built_site / script.output.relative_to(figures.DOCS_DIR)
    assert svg == built.read_bytes(), f"{built.name} differs when drawn again"
    figure = drawn[0]
    assert len(figure.axes) >= 1
    assert matplotlib.colors.to_hex(figure.get_facecolor()) == "#ffffff"
    texts = [text.get_text() for text in figure.findobj(Text) if text.get_text()]
    assert texts and not chinese_characters("".join(texts))


def test_cache_key_follows_imported_snippets() -> None:
    script = next(s for s in figure_scripts() if s.path.name == "copy_semantics.py")
    dependencies = {p.name for p in figures.snippet_dependencies(script.path)}
    assert {"copy_semantics.py", "sessions.py"} <= dependencies


def test_a_figure_is_redrawn_when_the_program_output_it_draws_changes(tmp_path: Path) -> None:
    script = next(s for s in figure_scripts() if s.path.name == "vector_growth.py")
    recorded = figures.recorded_outputs(script.path)
    assert any(p.name == "vector_growth.out" for p in recorded)
    key = figures.cache_key(script)
    output = next(p for p in recorded if p.name == "vector_growth.out")
    original = output.read_bytes()
    try:
        output.write_bytes(original + b"\n")
        assert figures.cache_key(script) != key, "a changed .out must change the figure's cache key"
        assert any(str(output) == item[0] for item in figures._sources_state())
    finally:
        output.write_bytes(original)


def test_a_failing_figure_script_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "snippets" / "demo" / "figures"
    package.mkdir(parents=True)
    for folder in (package, package.parent, package.parent.parent):
        (folder / "__init__.py").write_text("", encoding="utf-8")
    (package / "broken.py").write_text("def draw():\n    raise ValueError('boom')\n", encoding="utf-8")
    monkeypatch.setattr(figures, "REPO_ROOT", tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        with pytest.raises(FigureError, match=r"snippets/demo/figures/broken\.py failed: ValueError: boom"):
            render_svg(FigureScript(package / "broken.py"))
    finally:
        for name in [m for m in sys.modules if m == "snippets" or m.startswith("snippets.")]:
            del sys.modules[name]


def test_an_edited_snippet_invalidates_the_recorded_state(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    build_figures()
    state = figures._sources_state()
    assert figures._recorded_state() == state
    script = figure_scripts()[0].path
    monkeypatch.setattr(figures, "_sources_state", lambda: state + ((str(script), 0, 0),))
    assert figures._sources_state() != figures._recorded_state()


def test_a_changed_drawing_setup_invalidates_the_recorded_state(monkeypatch: pytest.MonkeyPatch) -> None:
    build_figures()
    assert figures._sources_state() == figures._recorded_state()
    monkeypatch.setattr(figures, "MATPLOTLIB_SETUP", "another matplotlib set-up")
    assert figures._sources_state() != figures._recorded_state(), \
        "figures would not be redrawn after a change the cache key sees"


def test_every_figure_on_a_built_page_has_the_size_of_its_svg(built_site: Path) -> None:
    """So the browser reserves its box before the SVG arrives (no layout shift)."""
    import re

    images = [(page, tag) for page in built_site.rglob("*.html")
              for tag in re.findall(r'<img [^>]*assets/figures/[^>]*>', page.read_text(encoding="utf-8"))]
    assert len(images) > 30
    for page, tag in images:
        svg = built_site / "assets/figures" / re.search(r'assets/figures/([^"]+\.svg)', tag).group(1)
        points = re.search(rb'width="([\d.]+)pt" height="([\d.]+)pt"', svg.read_bytes()).groups()
        expected = [str(round(float(value) * 4 / 3)) for value in points]
        assert re.findall(r'\b(?:width|height)="(\d+)"', tag) == expected, f"{page}: {tag}"
    assert figures.size_figure_images('<img alt="x" src="assets/figures/none/absent.svg" />') == \
        '<img alt="x" src="assets/figures/none/absent.svg" />', "a missing SVG is left for the link check to report"
