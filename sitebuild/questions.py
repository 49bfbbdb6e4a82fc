"""The interview-question index: every `??? question "…"` on every page, grouped by chapter.

Each question gets an anchor, the same in both languages: its explicit id when the title
line ends with one (`??? question "Title" {#q-some-words}`), which survives rewording and
reordering, otherwise `q-N` by its position on the page. `python -m sitebuild.practice
assign-ids` gives every question without one an explicit id. `build_index` writes
questions.md and docs/questions.en.md from the chapters' pages at build time, so the list
is never kept by hand.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


QUESTION = re.compile(r'^(?P<indent>[ \t]*)(?P<head>\?{3}\+?[ \t]+question[ \t]+"(?P<title>[^"\n]+)")'
                      r'(?:[ \t]*\{#(?P<id>[^}\n]*)\})?', re.MULTILINE)
# Explicit ids: q- (questions.js opens the answer of a #q-… link), then lower-case words, the
# first starting with a letter so that they never look like a position (q-3).
QUESTION_ID = re.compile(r"q-[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
HEADING = re.compile(r"^#[ \t]+(?P<title>.+?)[ \t]*$", re.MULTILINE)
INDEX_PAGES = {"zh": "questions.md", "en": "questions.en.md"}
INTRO = {
    "zh": "# 面试题索引\n\n本页由构建过程从各章节自动生成：每道题链接到它的答案。"
          "把这些题当作闪卡来练：在浏览器里用[练习页](practice.md)，或者下载 "
          "[Anki 牌组](assets/practice/perception-interview-zh.apkg){ download }。\n",
    "en": "# Interview questions\n\nGenerated at build time from the chapters: each question links to its answer. "
          "Drill them as flash cards on the [practice page](practice.md), or download the "
          "[Anki deck](assets/practice/perception-interview-en.apkg){ download }.\n",
}


@dataclass(frozen=True)
class Question:
    anchor: str
    title: str
    explicit: bool = False  # the anchor is the question's own id, not its position


def _question(match: re.Match[str], position: int) -> Question:
    explicit = match.group("id")
    if explicit is None:
        return Question(f"q-{position}", match.group("title"))
    if not QUESTION_ID.fullmatch(explicit):
        raise ValueError(f"question id {{#{explicit}}} after {match.group('title')!r}: an id is q- "
                         "followed by lower-case words joined by hyphens, e.g. {#q-shallow-copy}")
    return Question(explicit, match.group("title"), explicit=True)


def questions_in(markdown: str) -> list[Question]:
    return [_question(m, n) for n, m in enumerate(QUESTION.finditer(markdown), 1)]


def anchor_questions(markdown: str) -> str:
    """Put each question's anchor right before its admonition and drop the {#id} from the title
    line (pymdownx.details does not allow it there); anchors as in questions_in."""
    counter = iter(range(1, 10_000))

    def add_anchor(match: re.Match[str]) -> str:
        anchor = _question(match, next(counter)).anchor
        return (f'{match.group("indent")}<a id="{anchor}" class="question-anchor"></a>\n\n'
                f'{match.group("indent")}{match.group("head")}')

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
