"""mkdocs copies the same theme files when the listing skips Material's dot-directories."""
from __future__ import annotations

import jinja2
import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import Files
from mkdocs.theme import Theme

from sitebuild import REPO_ROOT
from sitebuild.theme_files import ThemeLoader, list_theme_files_quickly


def theme_files(config, env: jinja2.Environment) -> list[tuple[str, str]]:
    files = Files([])
    files.add_files_from_theme(env, config)
    return [(file.src_uri, file.abs_src_path) for file in files]


def test_the_site_copies_the_same_theme_files() -> None:
    config = load_config(str(REPO_ROOT / "mkdocs.yml"))
    walked = theme_files(config, config.theme.get_env())
    list_theme_files_quickly(config.theme)
    env = config.theme.get_env()
    assert isinstance(env.loader, ThemeLoader)
    assert theme_files(config, env) == walked
    assert any(uri.startswith("assets/javascripts/") for uri, _ in walked)


def test_dot_directories_are_left_out_at_every_depth(tmp_path) -> None:
    for path in ["a.css", ".hidden.css", ".icons/x.svg", "assets/b.js", "assets/.cache/c.js", "assets/d/e.png"]:
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("")
    assert ThemeLoader([str(tmp_path)]).list_templates() == [".hidden.css", "a.css", "assets/b.js", "assets/d/e.png"]


def test_installing_twice_wraps_once() -> None:
    theme = Theme(name="mkdocs")
    list_theme_files_quickly(theme)
    once = theme.get_env
    list_theme_files_quickly(theme)
    assert theme.get_env is once
    assert isinstance(theme.get_env().loader, ThemeLoader)


def test_another_kind_of_loader_is_reported() -> None:
    class TemplatesInMemory(Theme):
        def get_env(self) -> jinja2.Environment:
            return jinja2.Environment(loader=jinja2.DictLoader({}))

    theme = TemplatesInMemory(name="mkdocs")
    list_theme_files_quickly(theme)
    with pytest.raises(TypeError, match="DictLoader"):
        theme.get_env()
