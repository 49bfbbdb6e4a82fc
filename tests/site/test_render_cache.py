"""A page's rendered Markdown is reused only when everything it was rendered from is the same."""
from __future__ import annotations

import logging
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.structure.pages import Page

from sitebuild.render_cache import remember_rendering

PAGE = '# Title\n\n## Part\n\n```python\n--8<-- "part.py"\n```\n\nSee [part](#part).\n'


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(PAGE, encoding="utf-8")
    (tmp_path / "part.py").write_text("x = 1\n", encoding="utf-8")
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(f"site_name: t\ndocs_dir: {docs}\nmarkdown_extensions:\n  - toc\n"
                           f"  - pymdownx.snippets:\n      base_path: [{tmp_path}]\n      check_paths: true\n",
                           encoding="utf-8")
    calls = []
    render = Page.render
    monkeypatch.setattr(Page, "render", lambda page, config, files: calls.append(page) or render(page, config, files))
    return tmp_path, load_config(str(config_file)), calls


def rendered(config, cache: Path) -> Page:
    files = get_files(config)
    page = Page(None, files.get_file_from_path("index.md"), config)
    page.read_source(config)
    remember_rendering(page, cache)
    page.render(config, files)
    return page


def test_a_second_build_takes_the_page_from_the_cache_unchanged(site) -> None:
    root, config, calls = site
    first = rendered(config, root / "cache")
    second = rendered(config, root / "cache")
    assert len(calls) == 1, "the second build rendered the page again"
    assert "x" in first.content and second.content == first.content
    assert [(i.title, i.id, [c.id for c in i.children]) for i in second.toc] == \
           [(i.title, i.id, [c.id for c in i.children]) for i in first.toc] == [("Title", "title", ["part"])]
    assert second.title == first.title == "Title"
    assert second.present_anchor_ids == first.present_anchor_ids >= {"title", "part"}


def test_an_edited_snippet_or_page_is_rendered_again(site) -> None:
    root, config, calls = site
    rendered(config, root / "cache")
    (root / "part.py").write_text("y = 2\n", encoding="utf-8")
    assert "y" in rendered(config, root / "cache").content
    (Path(config.docs_dir) / "index.md").write_text(PAGE + "\nMore.\n", encoding="utf-8")
    assert "More." in rendered(config, root / "cache").content
    assert len(calls) == 3


def test_a_render_that_warned_is_not_kept(site, caplog: pytest.LogCaptureFixture) -> None:
    root, config, calls = site
    (Path(config.docs_dir) / "index.md").write_text(PAGE + "\n[gone](missing.md)\n", encoding="utf-8")
    for _ in range(2):
        with caplog.at_level(logging.WARNING, logger="mkdocs"):
            rendered(config, root / "cache")
        assert "missing.md" in caplog.text
        caplog.clear()
    assert len(calls) == 2 and not any((root / "cache").glob("*.json"))
