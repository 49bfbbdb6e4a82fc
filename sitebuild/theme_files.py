"""The theme's files, listed without walking Material's 14,000 icons.

To copy a theme's static files, mkdocs lists every file under the theme's directories
(jinja2's FileSystemLoader.list_templates walks them all), then drops each path with a part
that starts with a dot. Material keeps its icons in `.icons/`: 14,000 files walked and
dropped again for each language of each build, 0.1 s each time. The loader here leaves
dot-directories out of the walk, so mkdocs gets the same list, sooner.
"""
from __future__ import annotations

import os

import jinja2
from mkdocs.theme import Theme


class ThemeLoader(jinja2.FileSystemLoader):
    """A FileSystemLoader whose list of templates leaves out dot-directories."""

    def list_templates(self) -> list[str]:
        found = set()
        for root in self.searchpath:
            for directory, subdirectories, names in os.walk(root, followlinks=self.followlinks):
                subdirectories[:] = [name for name in subdirectories if not name.startswith(".")]
                relative = os.path.relpath(directory, root).replace(os.path.sep, "/")
                prefix = "" if relative == "." else relative + "/"
                found.update(prefix + name for name in names)
        return sorted(found)


def list_theme_files_quickly(theme: Theme) -> None:
    """Give `theme.get_env()` environments whose loader is a ThemeLoader (once per theme)."""
    if "get_env" in vars(theme):
        return
    get_env = theme.get_env

    def get_env_with_theme_loader() -> jinja2.Environment:
        env = get_env()
        loader = env.loader
        if type(loader) is not jinja2.FileSystemLoader:
            raise TypeError(f"the theme's Jinja loader is a {type(loader).__name__}, not the FileSystemLoader "
                            "sitebuild/theme_files.py replaces: list_theme_files_quickly needs updating")
        env.loader = ThemeLoader(loader.searchpath, loader.encoding, loader.followlinks)
        return env

    theme.get_env = get_env_with_theme_loader
