"""The interview-question index: every `??? question "…"` on every page, grouped by chapter.

Each question gets a stable anchor (`q-1`, `q-2`, … in page order, the same in both
languages); `build_index` writes questions.md and docs/questions.en.md from the
chapters' pages at build time, so the list is never kept by hand.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


QUESTION = re.compile(r'^(?P<indent>[ \t]*)\?{3}\+?[ \t]+question[ \t]+"(?P<title>[^"\n]+)"',
                      re.MULTILINE)
HEADING = re.compile(r"^#[ \t]+(?P<title>.+?)[ \t]*$", re.MULTILINE)
INDEX_PAGES = {"zh": "questions.md", "en": "questions.en.md"}
INTRO = {
    "zh": "# 面试题索引\n\n本页由构建过程从各章节自动生成：每道题链接到它的答案。\n",
    "en": "# Interview questions\n\nGenerated at build time from the chapters: each question links to its answer.\n",
}


@dataclass(frozen=True)
class Question:
    anchor: str
    title: str


def questions_in(markdown: str) -> list[Question]:
    return [Question(f"q-{n}", m.group("title")) for n, m in enumerate(QUESTION.finditer(markdown), 1)]


def anchor_questions(markdown: str) -> str:
    """Put an anchor right before each question admonition (same numbering as questions_in)."""
    counter = iter(range(1, 10_000))

    def add_anchor(match: re.Match[str]) -> str:
        return f'{match.group("indent")}<a id="q-{next(counter)}" class="question-anchor"></a>\n\n{match.group(0)}'

    return QUESTION.sub(add_anchor, markdown)


def _pages(nav: object) -> Iterator[str]:
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, list):
        for item in nav:
            yield from _pages(item)
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from _pages(value)


def localized(docs_dir: Path, page: str, language: str) -> Path:
    path = docs_dir / page
    return path if language == "zh" else path.with_name(f"{path.stem}.en{path.suffix}")


def index_markdown(docs_dir: Path, nav: list, language: str, translations: dict[str, str]) -> str:
    lines = [INTRO[language]]
    for section in nav:
        if not isinstance(section, dict):
            continue
        ((chapter, content),) = section.items()
        entries = []
        for page in _pages(content):
            path = localized(docs_dir, page, language)
            if path.suffix != ".md" or not path.is_file() or page in INDEX_PAGES.values():
                continue
            text = path.read_text(encoding="utf-8")
            found = questions_in(text)
            if not found:
                continue
            heading = HEADING.search(text)
            title = heading.group("title") if heading else Path(page).stem
            link = Path(page).as_posix()
            entries.append(f"\n### [{title}]({link})\n")
            entries += [f"- [{q.title}]({link}#{q.anchor})" for q in found]
        if entries:
            name = translations.get(chapter, chapter) if language != "zh" else chapter
            lines.append(f"\n## {name}\n")
            lines += entries
    return "\n".join(lines) + "\n"


def build_index(docs_dir: Path, nav: list, translations: dict[str, str]) -> list[Path]:
    """Write the index pages into docs_dir where their content changed; return those written."""
    written = []
    for language, name in INDEX_PAGES.items():
        path = docs_dir / name
        content = index_markdown(docs_dir, nav, language, translations)
        if not path.exists() or path.read_text(encoding="utf-8") != content:
            path.write_text(content, encoding="utf-8")
            written.append(path)
    return written
