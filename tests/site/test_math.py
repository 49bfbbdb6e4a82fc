"""Math rendered at build time (sitebuild/math.py): what counts as a formula, the cache, and
which fonts a page's formulas need."""
from __future__ import annotations

from pathlib import Path

import pytest

from sitebuild.math import (KATEX_DIR, Katex, MathMemory, TexError, font_files, fonts_used, locate, math_as_tex,
                            render_math)


class CountingKatex(Katex):
    def __init__(self) -> None:
        super().__init__(KATEX_DIR / "katex.min.js")
        self.calls: list[tuple[str, bool]] = []

    def render(self, tex: str, display: bool) -> str:
        self.calls.append((tex, display))
        return super().render(tex, display)


@pytest.fixture(scope="module")
def katex() -> Katex:
    return Katex(KATEX_DIR / "katex.min.js")


def memory(tmp_path: Path, katex: Katex) -> MathMemory:
    return MathMemory(tmp_path / "katex.json", katex)


def test_arithmatex_formulas_become_katex_html_with_mathml(tmp_path: Path, katex: Katex) -> None:
    html = ('<p>Inline <span class="arithmatex">\\(a &lt; b\\)</span>.</p>\n'
            '<div class="arithmatex">\\[\nx^2\n\\]</div>')
    out = render_math(html, memory(tmp_path, katex))
    assert out.formulas == 2
    assert '<span class="arithmatex"><span class="katex">' in out.html
    assert '<div class="arithmatex"><span class="katex-display">' in out.html
    assert '<annotation encoding="application/x-tex">a &lt; b</annotation>' in out.html
    assert '<math xmlns="http://www.w3.org/1998/Math/MathML" display="block">' in out.html
    assert "\\(" not in out.html and "\\[" not in out.html


def test_delimiters_in_a_notebook_article_outside_code(tmp_path: Path, katex: Katex) -> None:
    html = ('<nav>$not$ math</nav><article class="md-content__inner md-typeset">'
            '<p>cost $m \\times n$ and</p><p>$$\n\\frac{1}{2}\n$$</p>'
            '<code>$x$</code><pre>$$y$$</pre><p>\\(z\\) and a price of 5 \\$</p></article>')
    out = render_math(html, memory(tmp_path, katex), delimited=True)
    assert out.formulas == 3
    assert "<nav>$not$ math</nav>" in out.html
    assert "<code>$x$</code><pre>$$y$$</pre>" in out.html
    assert out.html.count('class="katex-display"') == 1
    assert "5 \\$" in out.html


def test_without_delimited_only_arithmatex_counts(tmp_path: Path, katex: Katex) -> None:
    html = '<article class="md-content__inner md-typeset"><p>$5 and $6</p></article>'
    assert render_math(html, memory(tmp_path, katex)).formulas == 0


def test_bad_tex_and_warnings_raise(tmp_path: Path, katex: Katex) -> None:
    with pytest.raises(TexError, match="KaTeX parse error") as error:
        render_math('<span class="arithmatex">\\(\\frac{a\\)</span>', memory(tmp_path, katex))
    assert error.value.tex == "\\frac{a"
    with pytest.raises(TexError, match="unicodeTextInMathMode"):
        render_math('<span class="arithmatex">\\(\u4e2d\\)</span>', memory(tmp_path, katex))


def test_a_formula_is_rendered_once_and_remembered_on_disk(tmp_path: Path) -> None:
    counting = CountingKatex()
    first = memory(tmp_path, counting)
    html = '<span class="arithmatex">\\(x\\)</span><span class="arithmatex">\\(x\\)</span>'
    rendered = render_math(html, first).html
    assert counting.calls == [("x", False)]
    first.save()
    again = CountingKatex()
    assert render_math(html, memory(tmp_path, again)).html == rendered
    assert again.calls == []
    render_math('<div class="arithmatex">\\[x\\]</div>', memory(tmp_path, again))
    assert again.calls == [("x", True)], "display math is a different rendering"


def test_fonts_follow_the_classes_katex_uses(tmp_path: Path, katex: Katex) -> None:
    fonts = font_files(KATEX_DIR / "katex.min.css")
    def used(tex: str) -> list[str]:
        out = render_math(f'<div class="arithmatex">\\[{tex}\\]</div>', memory(tmp_path, katex))
        return [name.removeprefix("fonts/") for name in fonts_used(out.classes, fonts)]
    assert used("1") == ["KaTeX_Main-Regular.woff2"]
    assert used("x") == ["KaTeX_Main-Regular.woff2", "KaTeX_Math-Italic.woff2"]
    assert "KaTeX_AMS-Regular.woff2" in used("\\mathbb{R}")
    assert "KaTeX_Size2-Regular.woff2" in used("\\sum_i 1")
    assert not any(name.startswith("KaTeX_Size") for name in used("x^{2}"))


def test_locate_names_the_line_and_the_notebook_cell(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("# t\n\n$$\n\\frac{a}{b}\n$$\n", encoding="utf-8")
    assert locate("\n\\frac{a}{b}\n", page) == "line 4"
    notebook = tmp_path / "nb.py"
    notebook.write_text("# %% [markdown]\n# a\n\n# %%\nx = 1\n\n# %% [markdown]\n# $y_1$\n", encoding="utf-8")
    assert locate("y_1", notebook) == "Markdown cell 3, line 8"
    assert locate("absent", page) == "line unknown"


def test_rendered_math_reads_back_as_arithmatex_tex(tmp_path: Path, katex: Katex) -> None:
    html = ('<p>a <span class="arithmatex">\\(x_{1} &lt; y\\)</span> b</p>'
            '<div class="arithmatex">\\[\\frac{1}{2}\\]</div><span class="other">c</span>')
    assert math_as_tex(render_math(html, memory(tmp_path, katex)).html) == html
