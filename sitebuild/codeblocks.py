"""Find the fenced code blocks of a Markdown page, the way the tests and the build see them.

One scanner serves three users: the sybil parser that runs inline Python blocks, the test
that proves no Python block goes unrun, and the build hook that shows readers why a block
is marked as not run.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

PYTHON_LANGUAGES = frozenset({"python", "py", "pycon", "python3"})
# An info string: the language, then optional attributes such as title="x.py" hl_lines="2".
INFO = re.compile(r"^[ \t]*(?P<language>[\w+-]+)?(?:[ \t]+(?P<attributes>[^\n]*))?$")
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>[^\n]*)$")
INCLUDE = re.compile(r"""^[ \t]*-{1,}8<-{1,}[ \t]+["'](?P<target>[^"']+)["'][ \t]*$""")
# <!-- not-run: reason --> directly above a fence marks it as deliberately not executed.
NOT_RUN = re.compile(r"^[ \t]*<!--[ \t]*not-run:[ \t]*(?P<reason>.*?)[ \t]*-->[ \t]*$")


@dataclass
class CodeBlock:
    path: Path
    start_line: int  # 1-based line of the opening fence
    end_line: int  # 1-based line of the closing fence
    language: str
    attributes: str
    source: str
    not_run_reason: str | None = None
    includes: list[str] = field(default_factory=list)

    @property
    def is_python(self) -> bool:
        return self.language in PYTHON_LANGUAGES

    @property
    def is_include_only(self) -> bool:
        lines = [line for line in self.source.splitlines() if line.strip()]
        return bool(lines) and len(self.includes) == len(lines)

    def where(self) -> str:
        return f"{self.path}:{self.start_line}"


def included_file(target: str) -> str:
    """The file part of a pymdownx.snippets target such as 'snippets/x.py:section'."""
    return re.sub(r"(:[\w-]+|:\d+(:\d+)?)$", "", target)


def scan(text: str, path: Path) -> list[CodeBlock]:
    """Every fenced block of a Markdown text (nested inside admonitions or tabs included)."""
    lines = text.splitlines()
    blocks: list[CodeBlock] = []
    index = 0
    while index < len(lines):
        opening = FENCE.match(lines[index])
        if opening is None:
            index += 1
            continue
        info = INFO.match(opening.group("info")) or INFO.match("")
        indent, fence = opening.group("indent"), opening.group("fence")
        closing_index = index + 1
        while closing_index < len(lines):
            closing = FENCE.match(lines[closing_index])
            if (
                closing
                and closing.group("fence")[0] == fence[0]
                and len(closing.group("fence")) >= len(fence)
                and not closing.group("info").strip()
            ):
                break
            closing_index += 1
        body = [line[len(indent):] if line.startswith(indent) else line.lstrip()
                for line in lines[index + 1 : closing_index]]
        previous = next((lines[i] for i in range(index - 1, -1, -1) if lines[i].strip()), "")
        not_run = NOT_RUN.match(previous)
        blocks.append(
            CodeBlock(
                path=path,
                start_line=index + 1,
                end_line=closing_index + 1,
                language=(info.group("language") or "").lower(),
                attributes=info.group("attributes") or "",
                source="\n".join(body) + "\n",
                not_run_reason=not_run.group("reason") if not_run else None,
                includes=[m.group("target") for m in map(INCLUDE.match, body) if m],
            )
        )
        index = closing_index + 1
    return blocks


def scan_file(path: Path) -> list[CodeBlock]:
    return scan(path.read_text(encoding="utf-8"), path)
