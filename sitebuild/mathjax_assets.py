"""Serve MathJax 3 from the site itself (no CDN): files come from the django-static-mathjax wheel."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import mathjax

SITE_PREFIX = "assets/mathjax"
MATHJAX_ES5 = Path(mathjax.__file__).resolve().parent / "static" / "mathjax" / "es5"
# The one bundle pages load, plus what it may fetch on demand: TeX extensions, CHTML fonts,
# the menu and its accessibility components.
BUNDLE = "tex-chtml.js"
ON_DEMAND_DIRS = ("input", "output/chtml", "a11y", "ui", "sre", "adaptors")


def mathjax_files() -> Iterator[tuple[Path, str]]:
    """(absolute source path, URI inside the site) for every MathJax file the site serves."""
    bundle = MATHJAX_ES5 / BUNDLE
    if not bundle.is_file():
        raise FileNotFoundError(f"MathJax bundle missing: {bundle} (is django-static-mathjax installed?)")
    yield bundle, f"{SITE_PREFIX}/{BUNDLE}"
    for directory in ON_DEMAND_DIRS:
        for path in sorted((MATHJAX_ES5 / directory).rglob("*")):
            if path.is_file():
                yield path, f"{SITE_PREFIX}/{path.relative_to(MATHJAX_ES5).as_posix()}"
