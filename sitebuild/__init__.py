"""Build-time machinery of the site: everything `mkdocs build` does beyond Markdown.

`hooks.py` is the only entry point mkdocs loads (see `hooks:` in mkdocs.yml); each other
module here does one job and is tested under tests/site/.
"""
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
SNIPPETS_DIR = REPO_ROOT / "snippets"
DOCS_DIR = REPO_ROOT / "docs"
CACHE_DIR = REPO_ROOT / ".cache"
