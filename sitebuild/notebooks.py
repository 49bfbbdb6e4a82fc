"""mkdocs-jupyter's plugin, with nbconvert imported when a notebook is converted.

mkdocs-jupyter imports its converter, and with it nbconvert, when mkdocs loads the plugin:
nbconvert's command-line app instantiates every exporter it can find as it is imported,
0.7 s of every build, a quarter of a rebuild in which nothing changed, though the plugin's
own cache answers every notebook then. The plugin also imports jupytext (0.2 s), which it
uses only to read a notebook. Here both are imported on first use: until then a stand-in
holds their place in sys.modules. Registered as the mkdocs plugin `sitebuild-notebooks`
(pyproject.toml); it is mkdocs-jupyter's plugin, which can also convert notebooks ahead
(Plugin below).
"""
from __future__ import annotations

import importlib
import importlib.util
import json
import os
import re
import subprocess
import sys
import time
import types
from collections.abc import Callable
from pathlib import Path


class _ImportedOnFirstUse(types.ModuleType):
    """Stands in sys.modules for a module not imported yet. An `import` statement binds it
    (its __spec__ is the module's, so the import system takes it as loaded); the first
    attribute read from it imports the module, which answers that read and every later one.
    (importlib.util.LazyLoader's modules load on any attribute read, __spec__ included, so an
    `import` statement of one loads it at once.)"""

    _after_import: Callable[[types.ModuleType], None] | None = None

    def __getattr__(self, attribute: str):
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
            module = importlib.import_module(self.__name__)
            if self._after_import is not None:
                self._after_import(module)
        return getattr(sys.modules[self.__name__], attribute)


def _import_on_first_use(name: str, after_import: Callable[[types.ModuleType], None] | None = None) -> None:
    """Put a stand-in for module `name` in sys.modules (and on its parent package); once the
    module is imported (at once if it is already), call `after_import` with it."""
    if name in sys.modules:
        if after_import is not None and not isinstance(sys.modules[name], _ImportedOnFirstUse):
            after_import(sys.modules[name])
        return
    spec = importlib.util.find_spec(name)
    if spec is None:
        raise ImportError(f"{name} is not installed (a dependency in pyproject.toml)")
    stand_in = _ImportedOnFirstUse(name)
    stand_in.__spec__ = spec
    stand_in._after_import = after_import
    sys.modules[name] = stand_in
    parent, _, child = name.rpartition(".")
    if parent:
        setattr(importlib.import_module(parent), child, stand_in)


def _merge_stream_runs_after_execution(convert: types.ModuleType) -> None:
    """Have mkdocs-jupyter's converter merge each run of consecutive outputs of one stream
    (stdout, stderr) into one output, after executing the notebook, and put each plot's alt
    text into its PNG (sitebuild/notebook_images.py).

    A kernel sends what a cell prints in one message or in several, as its output thread's
    flush timer happens to fall: under load a `print` arrived as its text, then its newline,
    shown as two blocks, and two builds of one notebook differed. Jupyter's front ends show
    such a run as one block; nbconvert's CoalesceStreamsPreprocessor does this merge, but
    runs before the notebook is executed. Here it runs after, in front of mkdocs-jupyter's
    last preprocessor (SubCell, which picks the cells to show).
    """
    from mkdocs_jupyter import nbconvert2
    from nbconvert.preprocessors import CoalesceStreamsPreprocessor

    from sitebuild.notebook_images import describe_plots

    if getattr(nbconvert2.SubCell, "merges_stream_runs", False):
        return

    class SubCell(nbconvert2.SubCell):
        merges_stream_runs = True

        def preprocess(self, nb, resources):
            nb, resources = CoalesceStreamsPreprocessor().preprocess(nb, resources)
            describe_plots(nb)
            return super().preprocess(nb, resources)

    nbconvert2.SubCell = SubCell


# These files convert the notebooks: a change to them re-executes them (hooks._notebook_caches).
CONVERSION_SOURCES = (Path(__file__), Path(__file__).with_name("notebook_images.py"))
_import_on_first_use("mkdocs_jupyter.convert", after_import=_merge_stream_runs_after_execution)
_import_on_first_use("jupytext")

from mkdocs.config.defaults import MkDocsConfig  # noqa: E402
from mkdocs.structure.files import Files  # noqa: E402
from mkdocs.structure.pages import Page  # noqa: E402
from mkdocs_jupyter.plugin import NotebookFile  # noqa: E402  (after the stand-ins)
from mkdocs_jupyter.plugin import Plugin as JupyterPlugin  # noqa: E402
from mkdocs_jupyter.plugin import _compute_cache_key, _get_cache_path, _get_nb_toc_tokens  # noqa: E402

__all__ = ["NotebookFile", "Plugin"]


class Plugin(JupyterPlugin):
    """mkdocs-jupyter's plugin that can also convert notebooks ahead, in parallel.

    A cold build executed the notebooks one after the other, each page waiting for its
    kernel: 18 s of a 38 s build on two cores, while the figures were drawn before them on
    one. `convert_ahead` splits the notebooks its cache lacks among one process per core
    (`python -m sitebuild.notebooks`, which imports nbconvert once for all of its share), so
    they run beside the figures and beside each other; a notebook page waits for its own
    cache entry, then reads it as usual. A conversion that fails ahead leaves no entry: the
    page then converts inline and fails the build as before, naming the notebook.
    """

    def __init__(self) -> None:
        super().__init__()
        self._ahead: dict[str, tuple[subprocess.Popen, Path]] = {}  # notebook -> its process, its entry
        self._processes: list[subprocess.Popen] = []

    def convert_ahead(self, notebooks: list[tuple[Path, Path]]) -> int:
        """Start converting each (notebook, cache directory) whose cache entry is missing; return how many."""
        missing = []
        for notebook, cache_dir in notebooks:
            cache_path = _get_cache_path(cache_dir, _compute_cache_key(notebook, self.config, self.config["execute"]))
            if not cache_path.exists() and str(notebook) not in self._ahead:
                missing.append((notebook, cache_path))
        if len(missing) < 2:
            return 0  # one conversion is as quick inline
        options = json.dumps({key: self.config[key] for key in CONVERT_OPTIONS})
        workers = min(os.cpu_count() or 1, len(missing))
        for share in (missing[start::workers] for start in range(workers)):
            command = [sys.executable, "-m", __name__, options, str(self.config["toc_depth"])]
            command += [str(path) for pair in share for path in pair]
            process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            self._processes.append(process)
            self._ahead.update({str(notebook): (process, cache_path) for notebook, cache_path in share})
        return len(missing)

    def on_pre_page(self, page: Page, config: MkDocsConfig, files: Files) -> Page:
        process, cache_path = self._ahead.pop(str(page.file.abs_src_path), (None, None))
        while process is not None and process.poll() is None and not cache_path.exists():
            time.sleep(0.05)  # on failure the entry is missing: the page converts inline and reports it
        return super().on_pre_page(page, config, files)

    def on_shutdown(self) -> None:
        for process in self._processes:
            if process.poll() is None:  # the build stopped before its pages needed them
                process.terminate()
            process.wait()
        self._processes.clear()
        self._ahead.clear()


CELL_ID = re.compile(r"cell-id=([0-9a-f]+)")


def number_cells(html: str) -> str:
    """A converted notebook with its cells' ids numbered c1, c2, ... in order of appearance.

    jupytext gives cells random ids on every read; numbered, builds are reproducible.
    """
    numbering: dict[str, str] = {}
    return CELL_ID.sub(lambda m: "cell-id=" + numbering.setdefault(m.group(1), f"c{len(numbering) + 1}"), html)


# What mkdocs-jupyter passes to nb2html when it converts a page (its plugin.on_pre_page).
CONVERT_OPTIONS = ("execute", "kernel_name", "theme", "allow_errors", "show_input", "no_input", "no_prompt",
                   "remove_tag_config", "highlight_extra_classes", "include_requirejs", "custom_mathjax_url")


def _convert_into_cache(notebook: Path, options: dict, toc_depth: int, cache_path: Path) -> None:
    """Write the cache entry mkdocs-jupyter writes after converting `notebook` (same calls, same JSON)."""
    from mkdocs_jupyter import convert

    body = convert.nb2html(str(notebook), **options)
    toc_tokens, title = _get_nb_toc_tokens(str(notebook), toc_depth)
    cache_path.parent.mkdir(parents=True, exist_ok=True)
    partial = cache_path.with_suffix(".partial")
    partial.write_text(json.dumps({"content": body, "toc_tokens": toc_tokens, "title": title}), encoding="utf-8")
    partial.replace(cache_path)


if __name__ == "__main__":
    # python -m sitebuild.notebooks OPTIONS TOC_DEPTH NOTEBOOK CACHE_FILE [NOTEBOOK CACHE_FILE ...]
    options, depth, *pairs = sys.argv[1:]
    for source, target in zip(pairs[::2], pairs[1::2]):
        _convert_into_cache(Path(source), json.loads(options), int(depth), Path(target))
