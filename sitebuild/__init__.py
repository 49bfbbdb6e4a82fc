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
# NumPy's OpenBLAS starts a thread per core for every matrix product. The experiments here
# multiply small matrices, for which the threads cost more than they save (on 2 cores a
# figure's training loop took 17 times the CPU and 10 times the wall time), and the number
# of threads can change the last bits of a sum. One thread: faster, and the same result on
# every machine. Set before NumPy loads; notebook kernels inherit it.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
# Part of the cache keys of figures and notebooks, whose output depends on that set-up.
MATPLOTLIB_SETUP = "MPLCONFIGDIR in the build cache"
