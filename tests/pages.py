"""Where the pages are, for tests that read them."""
from __future__ import annotations

import re
from pathlib import Path

from sitebuild import DOCS_DIR, REPO_ROOT

LANGUAGES = ("zh", "en")


def source_pages() -> list[Path]:
    """Markdown and notebook sources under docs/, both languages."""
    return sorted(p for p in DOCS_DIR.rglob("*") if p.suffix in {".md", ".py"}
                  and "assets" not in p.parts)


def language_of(path: Path) -> str:
    return "en" if ".en." in path.name else "zh"


def counterpart(path: Path) -> Path:
    """The same page in the other language: x.md <-> x.en.md."""
    if language_of(path) == "en":
        return path.with_name(path.name.replace(".en.", ".", 1))
    return path.with_name(f"{path.stem}.en{path.suffix}")


def page_text(relative: str, language: str) -> str:
    """The Markdown source of docs/<relative> (e.g. 'dl/activations.md') in a language."""
    path = DOCS_DIR / relative
    return (path if language == "zh" else counterpart(path)).read_text(encoding="utf-8")


def relative(path: Path) -> str:
    return path.relative_to(REPO_ROOT).as_posix()


def visible_text(markdown: str) -> str:
    """Page text with HTML comments removed, for checks on what a reader sees."""
    return re.sub(r"<!--.*?-->", "", markdown, flags=re.DOTALL)


def url_of(path: Path) -> str:
    """The site-relative URL a source page is built to: docs/a/b.en.md -> 'en/a/b/'."""
    rel = path.relative_to(DOCS_DIR)
    stem = rel.name.split(".")[0]
    parts = list(rel.parent.parts) + ([] if stem == "index" else [stem])
    prefix = ["en"] if language_of(path) == "en" else []
    return "/".join(prefix + parts) + ("/" if prefix + parts else "")
