"""A build that meets a broken page stops, and its message names the file."""
from __future__ import annotations

from pathlib import Path

import pytest

from sitebuild import REPO_ROOT
from tests.support import mkdocs_build

NOTEBOOK_HEADER = ("# ---\n# jupyter:\n#   kernelspec:\n#     display_name: Python 3\n"
                   "#     language: python\n#     name: python3\n# ---\n\n")


def project(tmp_path: Path, pages: dict[str, str]) -> Path:
    """A throwaway site that inherits mkdocs.yml (same plugins, hooks, extensions)."""
    docs = tmp_path / "docs"
    for name, text in pages.items():
        for language_name in (name, name.replace(".", ".en.", 1)):
            target = docs / language_name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    nav = "\n".join(f"  - {name}" for name in pages)
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        f"INHERIT: {REPO_ROOT / 'mkdocs.yml'}\ndocs_dir: {docs}\n"
        f"hooks:\n  - {REPO_ROOT / 'sitebuild' / 'hooks.py'}\nwatch: []\nnav:\n{nav}\n"
        f"theme:\n  name: material\n  custom_dir: {REPO_ROOT / 'sitebuild' / 'templates'}\n",
        encoding="utf-8",
    )
    return config


@pytest.mark.parametrize(
    ("pages", "named", "reason"),
    [
        ({"index.md": '# x\n\n```python\n--8<-- "snippets/python/no_such_file.py"\n```\n'},
         "snippets/python/no_such_file.py", "broken snippet include"),
        ({"index.md": "# x\n\n![a figure](assets/figures/python/no_such_figure.svg)\n"},
         "no_such_figure.svg", "missing image"),
        ({"index.md": "# x\n", "notebooks/broken.py": NOTEBOOK_HEADER + '# %%\nraise ValueError("boom")\n'},
         "notebooks/broken.py", "failing notebook cell"),
        ({"index.md": "# x\n\n```python\n# Zzq, a comment with no translation\nx = 1\n```\n"},
         "Zzq, a comment with no translation", "code comment missing from snippets/*/comments.zh.toml"),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_build_stops_and_names_the_file(tmp_path: Path, pages: dict[str, str], named: str, reason: str) -> None:
    result = mkdocs_build(tmp_path / "site", config=project(tmp_path, pages))
    assert result.returncode != 0, f"a {reason} did not stop the build"
    assert named in result.stderr, f"the message for a {reason} does not name {named}:\n{result.stderr[-2000:]}"


def test_a_failing_figure_script_stops_the_build(monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs.exceptions import PluginError

    from sitebuild import hooks
    from sitebuild.figures import FigureError

    def broken() -> list[Path]:
        raise FigureError("figure script snippets/x/figures/y.py failed: ValueError: boom")

    from mkdocs.plugins import PluginCollection

    monkeypatch.setattr(hooks, "build_figures", broken)
    config = hooks.MkDocsConfig()
    config["plugins"] = PluginCollection()
    with pytest.raises(PluginError, match=r"snippets/x/figures/y\.py"):
        hooks.on_pre_build(config)


@pytest.mark.parametrize(
    ("pages", "where", "formula", "problem"),
    [
        ({"index.md": "# x\n\nProse.\n\n$$\n\\sum_i \\frac{a}{\n$$\n"},
         "index.md, line 6", "\\sum_i \\frac{a}{", "KaTeX parse error"),
        ({"index.md": "# x\n\nInline $a + \\badmacro b$ here.\n"},
         "index.md, line 3", "a + \\badmacro b", "Undefined control sequence"),
        ({"index.md": "# x\n\n$$\nx \u4e2d\n$$\n"},
         "index.md, line 4", "x \u4e2d", "unicodeTextInMathMode"),
        ({"index.md": "# x\n", "notebooks/bad_math.py": NOTEBOOK_HEADER +
          "# %% [markdown]\n# # Title\n\n# %%\nx = 1\n\n# %% [markdown]\n# Text $\\sqrt{x$ here.\n"},
         "notebooks/bad_math.py, Markdown cell 3, line 16", "\\sqrt{x", "KaTeX parse error"),
    ],
    ids=["display", "inline", "warning", "notebook"],
)
def test_a_tex_error_stops_the_build_naming_page_line_and_formula(
        tmp_path: Path, pages: dict[str, str], where: str, formula: str, problem: str) -> None:
    result = mkdocs_build(tmp_path / "site", config=project(tmp_path, pages))
    assert result.returncode != 0, "a bad formula did not stop the build"
    message = next((line for line in result.stderr.splitlines() if where in line), None)
    assert message, f"no message names {where}:\n{result.stderr[-2000:]}"
    assert problem in message and f"the formula: {formula}" in message, message
