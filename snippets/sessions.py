"""Run the code of an interactive session file (.pycon) and hand back its variables.

Figures use it to draw from the very objects a page's session creates, so the picture and
the doctest cannot disagree. It also knows the version tags of expected output
(`expected_for_version`), which the doctest checker of tests/examples.py applies.
"""
from __future__ import annotations

import doctest
import re
import sys
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


# An expected-output line of a session may end with a version tag, `# 3.11` or
# `# 3.12, 3.13`: the line is the output of those CPython versions only. Untagged lines are
# every version's output. The tests compare the output with exactly the running version's
# lines (see tests/examples.py), so each version must print exactly what the page shows.
VERSION_TAG = re.compile(r"[ \t]+#[ \t]*(?P<versions>3\.\d+(?:,[ \t]*3\.\d+)*)[ \t]*$")


def tagged_versions(line: str) -> tuple[tuple[int, int], ...] | None:
    """The versions a tagged output line belongs to, or None for an untagged line."""
    match = VERSION_TAG.search(line)
    if match is None:
        return None
    return tuple((3, int(v.strip().split(".")[1])) for v in match["versions"].split(","))


def expected_for_version(want: str, version: tuple[int, int] | None = None) -> str:
    """The expected output `want` as the given (default: running) version prints it.

    Raises ValueError when the lines are tagged but none is tagged with `version`, so a
    Python the pages were not checked on fails loudly instead of passing by accident.
    """
    version = tuple(sys.version_info[:2]) if version is None else version
    lines = want.splitlines(keepends=True)
    tags = [tagged_versions(line) for line in lines]
    if all(tag is None for tag in tags):
        return want
    if not any(tag is not None and version in tag for tag in tags):
        shown = sorted({f"{major}.{minor}" for tag in tags if tag for major, minor in tag})
        raise ValueError(f"this output is shown for Python {', '.join(shown)} only, "
                         f"not for {version[0]}.{version[1]}: {want!r}")
    kept = []
    for line, tag in zip(lines, tags):
        if tag is None:
            kept.append(line)
        elif version in tag:
            end = "\n" if line.endswith("\n") else ""
            kept.append(VERSION_TAG.sub("", line.rstrip("\n")) + end)
    return "".join(kept)
