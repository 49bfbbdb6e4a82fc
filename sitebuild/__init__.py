"""Build-time machinery of the site: everything `mkdocs build` does beyond Markdown.

`hooks.py` is the only entry point mkdocs loads (see `hooks:` in mkdocs.yml); each other
module here does one job and is tested under tests/site/.
"""
import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
SNIPPETS_DIR = REPO_ROOT / "snippets"
DOCS_DIR = REPO_ROOT / "docs"
# Figures and executed notebooks are cached here; tests point it elsewhere for cold builds.
CACHE_DIR = Path(os.environ.get("SITEBUILD_CACHE_DIR", REPO_ROOT / ".cache"))
# Matplotlib keeps its font list and reads matplotlibrc under the user's home, shared with
# every other checkout: a stale font list there made notebook cells print "findfont" warnings
# and fall back to other fonts. The build, its kernels and its tests use their own.
os.environ["MPLCONFIGDIR"] = str(CACHE_DIR / "matplotlib")
# Part of the cache keys of figures and notebooks, whose output depends on that set-up.
MATPLOTLIB_SETUP = "MPLCONFIGDIR in the build cache"
