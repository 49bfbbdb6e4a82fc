"""The built site: strict, bilingual, searchable in Chinese, and served from itself."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from sitebuild import REPO_ROOT
from sitebuild.offline import external_requests
from tests.pages import counterpart, language_of, relative, source_pages


def built_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_build_has_no_warnings(built_site: Path) -> None:
    assert (built_site / "index.html").is_file()
    assert (built_site / "en" / "index.html").is_file()


@pytest.mark.parametrize("page", [p for p in source_pages() if language_of(p) == "zh"], ids=relative)
def test_every_page_exists_in_both_languages(page: Path) -> None:
    assert counterpart(page).is_file(), f"{relative(page)} has no English version {counterpart(page).name}"


def test_no_built_page_loads_from_another_host(built_site: Path) -> None:
    leaks = {relative_to(built_site, p): found for p in built_pages(built_site)
             if (found := external_requests(p.read_text(encoding="utf-8")))}
    assert not leaks


def test_stylesheets_load_nothing_from_another_host(built_site: Path) -> None:
    remote = re.compile(r"""url\(\s*["']?(?:https?:)?//|@import\s+["']?(?:https?:)?//""")
    offenders = [relative_to(built_site, p) for p in built_site.rglob("*.css")
                 if remote.search(p.read_text(encoding="utf-8", errors="replace"))]
    assert not offenders


def test_math_is_served_from_the_site(built_site: Path) -> None:
    assert '"0.19.1"' in (REPO_ROOT / "docs/assets/vendor/katex/katex.min.js").read_text(encoding="utf-8")
    katex = built_site / "assets/vendor/katex"
    fonts = {p.name for p in (katex / "fonts").glob("*.woff2")}
    referenced = set(re.findall(r"fonts/(KaTeX_[\w-]+\.woff2)", (katex / "katex.min.css").read_text(encoding="utf-8")))
    assert referenced and referenced <= fonts, f"fonts the stylesheet needs are missing: {referenced - fonts}"


def test_math_is_rendered_when_the_site_is_built(built_site: Path) -> None:
    """No page loads KaTeX's script; each formula is KaTeX's HTML with its MathML; a page
    links the stylesheet, preloads fonts and loads math.js only when it shows math (the
    practice page's cards do)."""
    assert not (built_site / "assets/vendor/katex/katex.min.js").exists()
    with_math = set()
    for page in built_pages(built_site):
        html = page.read_text(encoding="utf-8")
        name = relative_to(built_site, page)
        assert not re.search(r"katex(\.min)?\.js|auto-render|x-mathjax-config", html), name
        formulas = re.findall(r'<(span|div) class="arithmatex">(.{0,40})', html)
        assert all(start.startswith('<span class="katex') for _, start in formulas), name
        assert html.count('<annotation encoding="application/x-tex">') == html.count('<span class="katex">'), name
        shows_math = '<span class="katex">' in html
        links = "katex.min.css" in html, 'javascripts/math.js"></script>' in html, 'rel="preload"' in html
        if name.endswith("practice/index.html"):  # its cards' fonts load when a card shows math
            assert links == (True, True, False), name
        else:
            assert all(links) if shows_math else not any(links), name
        if shows_math:
            with_math.add(name)
            assert "<math xmlns" in html, name
            for font in re.findall(r'<link rel="preload" href="([^"]+)"', html):
                assert (page.parent / font).resolve().is_file(), f"{name}: {font}"
    assert {"dl/normalization/index.html", "en/dl/normalization/index.html",
            "dl/notebooks/bn_smoothness/index.html", "en/questions/index.html"} <= with_math


def test_notebook_math_is_rendered(built_site: Path) -> None:
    html = (built_site / "dl/notebooks/bn_smoothness/index.html").read_text(encoding="utf-8")
    assert '<annotation encoding="application/x-tex">\\mathrm{BN}(z)' in html
    markdown = " ".join(re.findall(r'jp-RenderedMarkdown[^>]*>(.*?)</div>', html, re.DOTALL))
    outside_math = re.sub(r'<span class="katex.*?</annotation>', "", markdown, flags=re.DOTALL)
    assert "$" not in re.sub(r"<code>.*?</code>", "", outside_math)


def test_practice_cards_carry_rendered_math(built_site: Path) -> None:
    for language in ("zh", "en"):
        script = (built_site / f"assets/practice/cards-{language}.js").read_text(encoding="utf-8")
        cards = json.loads(script.removeprefix("window.drillCards = ").rstrip().rstrip(";"))["cards"]
        answers = " ".join(card["front"] + card["back"] for card in cards)
        assert '<span class="arithmatex"><span class="katex">' in answers, language
        assert not re.search(r'class="arithmatex">\\[(\[]', answers), language


def test_search_index_holds_each_formula_as_tex_once(built_site: Path) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(doc["text"] for doc in index["docs"])
    assert "katex-" not in text and "application/x-tex" not in text, "KaTeX HTML or MathML in the index"
    bn = [d["text"] for d in index["docs"] if d["location"].startswith("dl/notebooks/bn_smoothness/")]
    assert sum(t.count("\\mathrm{BN}(z)") for t in bn) == 1


def test_pages_carry_a_language_switch(built_site: Path) -> None:
    zh = (built_site / "index.html").read_text(encoding="utf-8")
    en = (built_site / "en" / "index.html").read_text(encoding="utf-8")
    assert 'hreflang="en"' in zh and 'hreflang="zh"' in en
    assert '<html lang="zh"' in zh and '<html lang="en"' in en


def test_each_language_has_its_own_search_index(built_site: Path) -> None:
    zh, en = (json.loads((root / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
              for root in (built_site, built_site / "en"))
    assert zh and en
    assert not [e["location"] for e in zh if e["location"].startswith("en/")], "English pages in the Chinese index"
    pages = [{e["location"].split("#")[0] for e in docs} for docs in (zh, en)]
    assert pages[0] == pages[1], "the two indexes cover different pages"
    for page, base in (("index.html", "."), ("en/index.html", "../en/"), ("en/dl/backprop/index.html", "../../../en/")):
        assert f'"base": "{base}"' in (built_site / page).read_text(encoding="utf-8"), page


def test_search_index_segments_chinese(built_site: Path) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(doc["text"] for doc in index["docs"])
    # jieba inserts zero-width spaces between the words it finds.
    assert re.search(r"[\u4e00-\u9fff]+\u200b[\u4e00-\u9fff]+", text), "Chinese text is not segmented"
    assert "zh" in index["config"]["lang"] and "en" in index["config"]["lang"]


def test_notebooks_are_executed_and_downloadable(built_site: Path) -> None:
    notebooks = sorted(built_site.rglob("notebooks/*/index.html"))
    assert notebooks, "no notebook pages were built"
    for page in notebooks:
        html = page.read_text(encoding="utf-8")
        outputs = re.findall(r'class="[^"]*jp-OutputArea-output[^"]*"', html)
        assert outputs, f"{page} shows no cell output: was it executed?"
        warnings = re.findall(r'data-mime-type="application/vnd.jupyter.stderr"[^>]*>\s*<pre>(.{0,200})', html)
        assert not warnings, f"{page} shows cell output on stderr, e.g. {warnings[0]!r}"
        sources = list(page.parent.glob("*.py"))
        assert sources and sources[0].name in html, f"{page} has no download link to its source"


def relative_to(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def test_search_index_leaves_code_out(built_site: Path) -> None:
    index = (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "<pre" not in index, "code blocks are in the search index"
    assert "shared_ptr" in index, "prose about the code should still be indexed"


def test_notebook_pages_carry_only_the_styles_they_use(built_site: Path) -> None:
    for page in sorted(built_site.rglob("notebooks/*/index.html")):
        styles = "".join(re.findall(r"<style\b[^>]*>(.*?)</style>", page.read_text(encoding="utf-8"), re.DOTALL))
        assert ".jp-InputArea" in styles and "data-md-color-scheme=slate" in styles, f"{page}: cell styles are missing"
        assert len(styles) < 100_000, f"{page}: {len(styles):,} bytes of inline CSS; JupyterLab's whole sheet is ~590 KB"
