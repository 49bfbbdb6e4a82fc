"""Run the code of an interactive session file (.pycon) and hand back its variables.

Figures use it to draw from the very objects a page's session creates, so the picture and
the doctest cannot disagree.
"""
from __future__ import annotations

import doctest
from pathlib import Path
from typing import Any

SNIPPETS_DIR = Path(__file__).resolve().parent


def run_session(relative_path: str) -> dict[str, Any]:
    """Execute every `>>>` example of snippets/<relative_path>; return the namespace."""
    path = SNIPPETS_DIR / relative_path
    if path.suffix != ".pycon":
        raise ValueError(f"expected a .pycon session file, got {relative_path!r}")
    if not path.is_file():
        raise FileNotFoundError(f"no session file snippets/{relative_path}")
    namespace: dict[str, Any] = {"__name__": f"session:{relative_path}"}
    for example in doctest.DocTestParser().get_examples(path.read_text(encoding="utf-8")):
        exec(compile(example.source, str(path), "exec"), namespace)
    return namespace
