"""The notebook plugin is mkdocs-jupyter's, with nbconvert and jupytext loaded only when a notebook is read."""
from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import entry_points

from sitebuild import REPO_ROOT

# Each loads submodules as it is imported; a stand-in in sys.modules does not.
IMPORTED = "import sys; import {module}; {use}; print(*(name in sys.modules for name in ('nbconvert', 'jupytext.formats')))"


def imported_after(module: str, use: str = "pass") -> str:
    command = [sys.executable, "-c", IMPORTED.format(module=module, use=use)]
    return subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, check=True).stdout.strip()


def test_loading_the_plugin_imports_neither_nbconvert_nor_jupytext() -> None:
    assert imported_after("mkdocs_jupyter.plugin") == "True True"  # what it saves
    assert imported_after("sitebuild.notebooks") == "False False"


def test_reaching_the_converter_imports_nbconvert() -> None:
    # jupytext waits still: the converter reads a notebook with it only when it converts one.
    assert imported_after("sitebuild.notebooks", "import mkdocs_jupyter.convert as c; c.nb2html") == "True False"


def test_reading_a_notebook_imports_jupytext_once_for_every_importer() -> None:
    use = ("import jupytext, mkdocs_jupyter.plugin as p; p.jupytext.reads; "
           "assert sys.modules['jupytext'] is not jupytext and jupytext.reads is p.jupytext.reads")
    assert imported_after("sitebuild.notebooks", use) == "False True"


def test_the_plugin_mkdocs_yml_names_is_mkdocs_jupyters() -> None:
    from mkdocs_jupyter.plugin import Plugin

    (entry,) = entry_points(group="mkdocs.plugins", name="sitebuild-notebooks")
    assert issubclass(entry.load(), Plugin)
    assert "\n  sitebuild-notebooks:\n" in (REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8")


NOTEBOOK = ("# ---\n# jupyter:\n#   kernelspec:\n#     display_name: Python 3\n#     language: python\n"
            "#     name: python3\n# ---\n\n# %% [markdown]\n# # {title}\n\n# %%\nprint(6 * 7)\n"
            # Two messages from the kernel, as a print split by its output thread's timer would be.
            '\n# %%\nprint("one", end="", flush=True)\nprint(" line")\n')


def test_a_notebook_converted_ahead_has_the_cache_entry_mkdocs_jupyter_writes(tmp_path) -> None:
    from types import SimpleNamespace

    from sitebuild.notebooks import Plugin, number_cells

    sources = []
    for title in ("First", "Second"):
        source = tmp_path / "notebooks" / f"{title.lower()}.py"
        source.parent.mkdir(exist_ok=True)
        source.write_text(NOTEBOOK.format(title=title), encoding="utf-8")
        sources.append(source)
    ahead, inline = Plugin(), Plugin()
    for plugin, cache in ((ahead, tmp_path / "ahead"), (inline, tmp_path / "inline")):
        errors, warnings = plugin.load_config({"include": ["*/notebooks/*.py"], "execute": True,
                                               "allow_errors": False, "cache_dir": str(cache)})
        assert not errors, errors
    assert ahead.convert_ahead([(source, tmp_path / "ahead") for source in sources]) == 2
    ahead.on_pre_build(config=None)
    inline.on_pre_build(config=None)
    for source in sources:
        page = SimpleNamespace(file=SimpleNamespace(abs_src_path=str(source), src_path=source.name),
                               abs_url=f"/{source.stem}/")
        ahead.on_pre_page(page, None, None)  # waits for its conversion
        inline.on_pre_page(page, None, None)
        page.render(None, None)  # converts inline, into tmp_path/inline
    ahead.on_shutdown()
    entries = {cache: sorted((tmp_path / cache).glob("*.json")) for cache in ("ahead", "inline")}
    assert [p.name for p in entries["ahead"]] == [p.name for p in entries["inline"]] and len(entries["ahead"]) == 2
    for converted_ahead, converted_inline in zip(entries["ahead"], entries["inline"]):
        kept, written = (json.loads(entry.read_text(encoding="utf-8")) for entry in (converted_ahead, converted_inline))
        assert kept["title"] in ("First", "Second") and "42" in kept["content"]
        assert "<pre>one line\n</pre>" in kept["content"], "a cell's stdout is shown in more than one block"
        assert "cell-id=c1" not in kept["content"]  # jupytext's random ids, which the build numbers
        for entry in (kept, written):
            entry["content"] = number_cells(entry["content"])
        assert kept == written
