"""Every figure on every page: the build draws it, it has alt text and a caption in the page's
language, and both languages show the same figures. Every figure script is shown somewhere."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitebuild import SNIPPETS_DIR
from tests.pages import counterpart, language_of, relative, source_pages

FIGURE = re.compile(r'<figure markdown>\n!\[(?P<alt>.+?)\]\((?:\.\./)+assets/figures/(?P<chapter>\w+)/'
                    r'(?P<name>[\w-]+)\.svg\)\n<figcaption>(?P<caption>.+?)</figcaption>\n</figure>')
CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")
PAGES = [p for p in source_pages() if p.suffix == ".md"]
SCRIPTS = sorted(p for p in SNIPPETS_DIR.glob("*/figures/*.py") if p.name != "__init__.py")


def figures(page: Path) -> list[re.Match[str]]:
    return list(FIGURE.finditer(page.read_text(encoding="utf-8")))


@pytest.mark.parametrize("page", PAGES, ids=relative)
def test_figures_are_drawn_described_and_captioned_in_the_page_language(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    assert text.count("<figure markdown>") == len(figures(page)), "a figure is not in the expected form"
    for figure in figures(page):
        script = SNIPPETS_DIR / figure["chapter"] / "figures" / f"{figure['name']}.py"
        assert script.is_file(), f"no figure script {relative(script)}"
        assert figure["alt"].strip() and figure["caption"].strip()
        assert bool(CJK.search(figure["caption"])) == (language_of(page) == "zh"), \
            f"the caption of {figure['name']} is not in the page's language"


@pytest.mark.parametrize("page", [p for p in PAGES if language_of(p) == "zh"], ids=relative)
def test_both_languages_show_the_same_figures(page: Path) -> None:
    names = [(f["chapter"], f["name"]) for f in figures(page)]
    assert names == [(f["chapter"], f["name"]) for f in figures(counterpart(page))]


def test_every_figure_script_is_on_a_page() -> None:
    shown = {(f["chapter"], f["name"]) for page in PAGES for f in figures(page)}
    scripts = {(p.parent.parent.name, p.stem) for p in SCRIPTS}
    assert scripts and not scripts - shown, f"figures no page shows: {sorted(scripts - shown)}"
