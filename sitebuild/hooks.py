"""The mkdocs hooks: the only entry point of the build-time machinery (see mkdocs.yml)."""
from __future__ import annotations

import hashlib
import logging
import re
import shutil
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from sitebuild import CACHE_DIR, MATPLOTLIB_SETUP
from sitebuild.code_comments import CatalogueError, load_catalogue, translate_page
from sitebuild.codeblocks import NOT_RUN
from sitebuild.digest import digest_files, prune_unused, python_sources
from sitebuild.figures import FigureError, build_figures, size_figure_images
from sitebuild.highlight_cache import remember_highlighting
from sitebuild.material_patches import PatchError, patch_theme_files
from sitebuild.math import (SCRIPT, STYLESHEET, TexError, head_tags, katex_fonts, locate, math_memory,
                            render_math)
from sitebuild.notebooks import CONVERSION_SOURCES, Plugin as NotebookPlugin, number_cells
from sitebuild.render_cache import remember_rendering
from sitebuild.notebook_css import STYLE_ELEMENT, trim_style_elements
from sitebuild.notebook_images import NotebookImageError, images_as_files
from sitebuild.script_loading import deferred
from sitebuild.search_index import remember_entries, split_by_language
from sitebuild.theme_files import list_theme_files_quickly
from sitebuild.questions import anchor_questions, build_index
from sitebuild import practice
from sitebuild.offline import drop_alternate_links, external_requests, strip_cdn_scripts

log = logging.getLogger("mkdocs.hooks.sitebuild")

NOTEBOOK_PLUGIN = "sitebuild-notebooks"  # mkdocs-jupyter's plugin (sitebuild/notebooks.py)

NOT_RUN_LABEL = {"zh": "此代码块不运行：", "en": "This block is not run: "}
NOT_RUN_LINE = re.compile(NOT_RUN.pattern, re.MULTILINE)
CONFIG_BASE = re.compile(r'(<script id="__config" type="application/json">[^<]*?"base": ")([^"]*)(")')
HIGHLIGHT_CACHE = CACHE_DIR / "highlight" / "pygments.json"
MATH_CACHE = CACHE_DIR / "math" / "katex.json"
MATHJAX_CONFIG = re.compile(r'<script type="text/x-mathjax-config">.*?</script>', re.DOTALL)


# Set to True once every catalogue is complete: an untranslated comment then fails the build.
UNTRANSLATED_COMMENTS_FAIL = True
_comments: dict = {"catalogue": {}, "missing": set()}


def _building_another_language(config: MkDocsConfig) -> bool:
    """True in the builds mkdocs-static-i18n runs, one per other language, from the first
    build's on_post_build: they share the first build's run of the hooks."""
    i18n = config.plugins.get("i18n")
    return bool(getattr(i18n, "building", False))


def on_config(config: MkDocsConfig) -> None:
    list_theme_files_quickly(config.theme)
    remember_highlighting(HIGHLIGHT_CACHE)
    math_memory(MATH_CACHE)
    if _building_another_language(config):
        return  # keep the first build's catalogue, and the Chinese pages' untranslated comments
    try:
        _comments["catalogue"] = load_catalogue()
    except CatalogueError as exc:
        raise PluginError(str(exc)) from exc
    _comments["missing"] = set()


def on_pre_build(config: MkDocsConfig) -> None:
    notebooks = config.plugins.get(NOTEBOOK_PLUGIN)
    if notebooks is not None:  # first, so the notebooks execute while the figures are drawn
        caches = _notebook_caches(config)
        notebooks.config["cache_dir"] = str(caches[config.theme.get("language", "default")])
        started = notebooks.convert_ahead(_every_notebook(config, notebooks, caches))
        log.info("converting %d notebooks ahead", started)
    try:
        for output in build_figures():
            log.info("drew %s", output.name)
    except FigureError as exc:
        raise PluginError(str(exc)) from exc
    for written in write_question_index(config):
        log.info("wrote %s", written.name)
    search = config.plugins.get("material/search")
    if search is not None and hasattr(search, "search_index"):
        remember_entries(search.search_index, CACHE_DIR / "search")


def _languages(config: MkDocsConfig) -> list:
    """mkdocs-static-i18n's language entries (none without the plugin)."""
    i18n = config.plugins.get("i18n")
    return list(i18n.config.languages) if i18n is not None else []


def _language_prefixes(config: MkDocsConfig) -> dict[str, str]:
    """Where each language other than the default is served: {"en": "en/"}."""
    return {language.locale: f"{language.locale}/" for language in _languages(config)
            if not language.default}


def write_question_index(config: MkDocsConfig) -> list[Path]:
    """Write the question index pages of both languages from the nav; return the files written."""
    return build_index(Path(config.docs_dir), config.nav or [], _nav_translations(config))


def _nav_translations(config: MkDocsConfig) -> dict[str, str]:
    return next((dict(language.nav_translations or {}) for language in _languages(config)
                 if language.locale == "en"), {})


def _notebook_caches(config: MkDocsConfig) -> dict[str, Path]:
    """mkdocs-jupyter's cache directory for each language: one per (snippets digest, language, site).

    It keys its cache on the notebook's own bytes, but the notebooks import snippets/, and
    sitebuild/notebooks.py and notebook_images.py adapt the conversion: a directory per
    digest of those re-executes them when they change. Per language, because it evicts,
    after each build, every entry that build did not use, and i18n builds each language in
    turn. Per docs directory for the same reason: a throwaway site (the build failure tests)
    would evict this site's notebooks.
    """
    digest = digest_files([*python_sources(), *CONVERSION_SOURCES], MATPLOTLIB_SETUP)[:16]
    root = CACHE_DIR / "notebooks"
    for stale in root.glob("*"):
        if stale.name != digest:
            shutil.rmtree(stale, ignore_errors=True)
    site = hashlib.sha256(str(Path(config.docs_dir).resolve()).encode()).hexdigest()[:8]
    languages = {language.locale for language in _languages(config)} | {config.theme.get("language", "default")}
    return {language: root / digest / f"{language}-{site}" for language in languages}


def _every_notebook(config: MkDocsConfig, notebooks: NotebookPlugin, caches: dict[str, Path]) -> list[tuple[Path, Path]]:
    """(source, cache directory) of the notebooks of every language (x.py, x.en.py, ...)."""
    others = [language.locale for language in _languages(config) if not language.default]
    default = next((language.locale for language in _languages(config) if language.default),
                   config.theme.get("language", "default"))
    found = []
    for source in sorted(Path(config.docs_dir).rglob("*.py")):
        file = File(source.relative_to(config.docs_dir).as_posix(), config.docs_dir, config.site_dir,
                    config.use_directory_urls)
        if notebooks.should_include(file):  # the plugin's include and ignore patterns
            language = next((other for other in others if source.name.endswith(f".{other}.py")), default)
            found.append((source, caches[language]))
    return found


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Keep the theme's compiled templates between builds (Jinja checks each template's source)."""
    directory = CACHE_DIR / "jinja"
    directory.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(directory))
    return env


@event_priority(-110)  # after mkdocs-static-i18n (-100), which rebuilds the collection
def on_files(files: Files, config: MkDocsConfig) -> Files:
    files = _notebooks_as_pages(files, config)
    try:
        files = patch_theme_files(files, config)
    except PatchError as exc:
        raise PluginError(str(exc)) from exc
    return practice.register_files(files, config, _nav_translations(config))


def _notebooks_as_pages(files: Files, config: MkDocsConfig) -> Files:
    """Make mkdocs-jupyter's notebooks pages again after mkdocs-static-i18n rebuilt the files.

    i18n runs last and re-creates every File, dropping mkdocs-jupyter's NotebookFile wrapper,
    so the notebook would be copied as text. Re-wrap it, keeping i18n's localized URL.
    """
    jupyter = config.plugins.get(NOTEBOOK_PLUGIN)
    if jupyter is None:
        return files
    from mkdocs_jupyter.plugin import NotebookFile

    for file in list(files):
        if not isinstance(file, NotebookFile) and jupyter.should_include(file):
            notebook = NotebookFile(file, use_directory_urls=config.use_directory_urls,
                                    site_dir=config.site_dir)
            notebook.dest_path, notebook.url = file.dest_path, file.url
            notebook.abs_dest_path = file.abs_dest_path
            files.remove(file)
            files.append(notebook)
    return files


@event_priority(-50)  # after mkdocs-jupyter gave notebook pages their own render
def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    from mkdocs_jupyter.plugin import NotebookFile

    if not isinstance(page.file, NotebookFile):
        remember_rendering(page, CACHE_DIR / "rendered")
    return page


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    language = config.theme.get("language", "zh")
    label = NOT_RUN_LABEL.get(language, NOT_RUN_LABEL["en"])

    def note(match: re.Match[str]) -> str:
        reason = match.group("reason").strip().strip("\"'")
        if not reason:
            raise PluginError(f"{page.file.src_path}: a not-run marker must give a reason")
        return f'<p class="not-run"><strong>{label}</strong>{reason}</p>'

    if "not-run:" in markdown:
        markdown = NOT_RUN_LINE.sub(note, markdown)
    return anchor_questions(markdown)


SEARCH_LABEL = {"zh": "搜索", "en": "Search"}
DOWNLOAD_LABEL = {"zh": "下载此 notebook（jupytext .py，可用 Jupyter 打开）",
                  "en": "Download this notebook (jupytext .py, opens in Jupyter)"}


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Figures get their size, code blocks a tab stop; notebook pages get a download link to their
    source (Material has no slot for it)."""
    from mkdocs_jupyter.plugin import NotebookFile

    html = size_figure_images(html)
    # Material makes a code block a tab stop when it is wider than its column, once it has
    # measured it, and it measures a block when the block is first rendered: far down a page
    # that is when the reader comes near it (extra.css). Until then every block is a tab stop,
    # so one that scrolls sideways is never out of the keyboard's reach.
    html = html.replace("<pre><span></span><code>", '<pre><span></span><code tabindex="0">')
    if not isinstance(page.file, NotebookFile):
        return html
    name = Path(page.file.abs_src_path).name
    label = DOWNLOAD_LABEL.get(config.theme.get("language"), DOWNLOAD_LABEL["en"])
    link = (f'<p class="notebook-download"><a class="md-button" href="{name}" download>'
            f"{label}</a></p>")
    # nbconvert inlines ~590 KB of stylesheets into each notebook; in <head> (templates/main.html)
    # they style the page the same, Material's search indexer no longer parses them, and
    # on_post_page cuts them to what the page uses. Taken out first: what follows scans less.
    styles: list[str] = []
    html = STYLE_ELEMENT.sub(lambda element: styles.append(element.group(0)) or "", html)
    if styles:
        page.meta["notebook_styles"] = "\n".join(styles)
    html = _heading_ids_as_in_toc(html, page)
    html = number_cells(html)
    # Code cells scroll sideways: make them reachable by keyboard (axe scrollable-region-focusable).
    html = html.replace('<div class="highlight-ipynb', '<div tabindex="0" class="highlight-ipynb')
    return link + html


def _heading_ids_as_in_toc(html: str, page: Page) -> str:
    """Give a notebook's headings the ids its table of contents links to.

    mkdocs-jupyter builds the TOC with Python-Markdown's slugs, while nbconvert makes its own
    ids, empty for Chinese headings: every TOC link of a Chinese notebook went nowhere.
    """
    def flatten(items) -> list[str]:
        return [anchor for item in items for anchor in [item.id, *flatten(item.children)]]

    anchors = iter(flatten(page.toc))
    headings = re.compile(r'(<h[1-6] id=")[^"]*(")|(<a class="anchor-link" href="#)[^"]*(")')
    current: list[str] = []

    def rename(match: re.Match[str]) -> str:
        if match.group(1):
            current[:] = [next(anchors, "")]
            return f"{match.group(1)}{current[0]}{match.group(2)}"
        return f"{match.group(3)}{current[0] if current else ''}{match.group(4)}"

    return headings.sub(rename, html)


def _language_links_to_same_notebook(output: str, page: Page) -> str:
    """Point the language selector of a notebook page at the same notebook.

    i18n computes those links before the notebooks are pages again (see on_files), so it
    falls back to the other language's home page.
    """
    depth = page.url.count("/")
    up = "../" * depth
    same_page = page.url[len("en/"):] if page.url.startswith("en/") else page.url
    targets = {"zh": up + same_page, "en": up + "en/" + same_page}
    return re.sub(
        r'<a href="[^"]*" hreflang="(zh|en)" class="md-select__link">',
        lambda m: f'<a href="{targets[m.group(1)]}" hreflang="{m.group(1)}" class="md-select__link">',
        output,
    )


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    from mkdocs_jupyter.plugin import NotebookFile

    if isinstance(page.file, NotebookFile):
        output = _language_links_to_same_notebook(output, page)
        output = trim_style_elements(output, CACHE_DIR / "notebook-css")
        try:
            output = images_as_files(output, page.url, Path(config.site_dir))
        except NotebookImageError as exc:
            raise PluginError(f"{page.file.src_path}: {exc}") from exc
    output = drop_alternate_links(strip_cdn_scripts(output))
    if config.theme.get("language") == "zh":  # comments in Chinese, from one code source
        try:
            output = translate_page(output, _comments["catalogue"], _comments["missing"])
        except CatalogueError as exc:
            raise PluginError(f"{page.file.src_path}: {exc}") from exc
    prefix = _language_prefixes(config).get(config.theme.get("language"))
    if prefix:  # search this language's own index (search_index.split_by_language)
        output = CONFIG_BASE.sub(lambda m: f"{m[1]}{m[2]}/{prefix}{m[3]}", output, count=1)
    # Material's search dialog has no accessible name (axe: aria-dialog-name).
    label = SEARCH_LABEL.get(config.theme.get("language"), SEARCH_LABEL["en"])
    output = output.replace('<div class="md-search" data-md-component="search" role="dialog">',
                            f'<div class="md-search" data-md-component="search" role="dialog" aria-label="{label}">')
    output = practice.on_post_page(output, page, config)  # takes the cards' TeX, for Anki
    output = deferred(_render_math(output, page, preload_fonts=not _offline(config)))
    leaks = external_requests(output)
    if leaks:
        raise PluginError(f"{page.file.src_path} would load from another host: {leaks[:3]}")
    return output


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """The 404 page (a template, not a page) loads the same scripts, deferred as on every page."""
    return deferred(output) if template_name.endswith(".html") else output


def _offline(config: MkDocsConfig) -> bool:
    offline = config.plugins.get("material/offline")
    return offline is not None and bool(offline.config.enabled)


def _render_math(output: str, page: Page, preload_fonts: bool = True) -> str:
    """The page with its formulas rendered (sitebuild/math.py); a page with math, and the
    practice page (its cards), link KaTeX's stylesheet and load math.js, and preload the
    fonts its formulas use (not from file://, where Chromium refuses a preload's CORS request)."""
    from mkdocs_jupyter.plugin import NotebookFile

    notebook = isinstance(page.file, NotebookFile)
    if notebook:  # nbconvert's MathJax 2 configuration, for a MathJax no page loads
        output = MATHJAX_CONFIG.sub("", output)
    try:
        rendered = render_math(output, math_memory(MATH_CACHE), delimited=True)
    except TexError as exc:
        where = locate(exc.tex, Path(page.file.abs_src_path))
        raise PluginError(f"{page.file.src_path}, {where}: {exc.message}; the formula: {' '.join(exc.tex.split())}") from None
    classes = rendered.classes if preload_fonts else None
    if practice.page_key(page.file.src_uri) == practice.PRACTICE_PAGE.removesuffix(".md"):
        # Its cards' math appears after a click: their fonts load then (a shift right after
        # input is no layout shift), not before a reader has seen a card.
        classes = None
    elif not rendered.formulas:
        return output
    head = head_tags(classes, get_relative_url(STYLESHEET, page.url), katex_fonts())
    script = f'<script src="{get_relative_url(SCRIPT, page.url)}"></script>'
    return rendered.html.replace("</head>", head + "</head>", 1).replace("</body>", script + "</body>", 1)


def _render_card_math(html: str) -> str:
    return render_math(html, math_memory(MATH_CACHE)).html


@event_priority(-150)  # last: after i18n built the other language and the index is complete
def on_post_build(config: MkDocsConfig) -> None:
    practice.on_post_build(config, _render_card_math)
    if _comments["missing"]:  # first after the Chinese pages: in the English build, if i18n runs one
        report = log.warning if UNTRANSLATED_COMMENTS_FAIL else log.info
        report("%d code comments on Chinese pages have no translation in snippets/*/comments.zh.toml "
               "(python -m sitebuild.code_comments missing lists them), e.g. %r",
               len(_comments["missing"]), sorted(_comments["missing"])[0])
        _comments["missing"] = set()
    if _building_another_language(config):
        return  # the rest once, when every language is built
    split_by_language(Path(config.site_dir), list(_language_prefixes(config).values()))
    for cache in ("search", "notebook-css", "rendered"):
        prune_unused(CACHE_DIR / cache)
    remember_highlighting(HIGHLIGHT_CACHE).save()
    math_memory(MATH_CACHE).save()
