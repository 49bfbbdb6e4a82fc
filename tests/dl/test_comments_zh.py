"""Every comment and docstring the Chinese deep-learning pages show has a Chinese translation, and every
entry of snippets/dl/comments.zh.toml is shown somewhere (read from the sources, no build needed)."""
from __future__ import annotations

import re

import jupytext
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer

from sitebuild import DOCS_DIR, REPO_ROOT
from sitebuild.code_comments import comment_keys, load_catalogue
from tests.pages import page_text

PAGES = ("dl/index.md", "dl/backprop.md", "dl/vanishing-gradients.md", "dl/activations.md", "dl/normalization.md",
         "dl/losses.md", "dl/normalization-detection.md", "dl/transformer-norms.md", "dl/init.md", "dl/mixed-precision.md")
NOTEBOOKS = ("dl/notebooks/train_mlp.py", "dl/notebooks/bn_smoothness.py")
CATALOGUE = REPO_ROOT / "snippets" / "dl" / "comments.zh.toml"
INCLUDE = re.compile(r'^\s*--8<-- "(?P<path>[^":]+)(?::(?P<section>\w+))?"', re.MULTILINE)
MARKER = re.compile(r"^\s*(?:>>> )?# --8<-- \[(?P<kind>start|end):(?P<name>\w+)\]\s*$")


def section(path: str, name: str | None) -> str:
    lines = (REPO_ROOT / path).read_text(encoding="utf-8").splitlines()
    if name is None:
        return "\n".join(line for line in lines if not MARKER.match(line))
    inside, kept = False, []
    for line in lines:
        marker = MARKER.match(line)
        if marker and marker["name"] == name:
            inside = marker["kind"] == "start"
        elif inside and not marker:
            kept.append(line)
    assert kept, f"no section {name} in {path}"
    return "\n".join(kept)


def shown_code() -> list[str]:
    blocks = [section(m["path"], m["section"]) for relative in PAGES
              for m in INCLUDE.finditer(page_text(relative, "zh"))]
    for notebook in NOTEBOOKS:
        blocks += [cell.source for cell in jupytext.read(DOCS_DIR / notebook).cells if cell.cell_type == "code"]
    return blocks


def keys_of(code: str) -> set[str]:
    return comment_keys(f"<pre><code>{highlight(code, PythonLexer(), HtmlFormatter(nowrap=True))}</code></pre>")


def test_the_pages_show_code() -> None:
    blocks = shown_code()
    assert len(blocks) > 15 and any("def batch_norm_forward" in block for block in blocks)


def test_every_comment_shown_has_a_translation_and_every_entry_is_shown() -> None:
    shown = set().union(*(keys_of(block) for block in shown_code()))
    catalogue = load_catalogue([CATALOGUE])
    assert not shown - set(catalogue), f"comments without a translation: {sorted(shown - set(catalogue))}"
    assert not set(catalogue) - shown, f"entries no page shows: {sorted(set(catalogue) - shown)}"


def test_translations_keep_the_math_and_the_code() -> None:
    """Inline math and backticked code of each comment appear unchanged in its translation."""
    for english, chinese in load_catalogue([CATALOGUE]).items():
        for token in re.findall(r"\$[^$]+\$|`[^`]+`", english):
            assert " ".join(token.split()) in " ".join(chinese.split()), (token, chinese)
        words = re.sub(r"\$[^$]+\$|`[^`]+`", "", english)
        assert re.search(r"[\u4e00-\u9fff]", chinese) or not re.search("[A-Za-z]", words), chinese


def test_the_check_finds_a_missing_translation() -> None:
    assert keys_of('def f():\n    """Return one."""\n    return 1  # the answer\n') == {"Return one.", "the answer"}
