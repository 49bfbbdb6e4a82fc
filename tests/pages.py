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


ERRATA_PROOF_LINE = re.compile(r"^- \*\*(?:证明|Proof)\*\*[：:] ?(?P<refs>.+)$", re.MULTILINE)
ERRATA_REFERENCE = re.compile(r"`(?P<ref>(?:snippets|tests)/[^`]+)`")


def errata_section(language: str, anchor: str) -> str:
    """The chapter of the errata page whose heading carries {#anchor}, up to the next chapter."""
    text = page_text("errata.md", language)
    heading = text.find(f"{{#{anchor}}}")
    assert heading >= 0, f"errata ({language}) has no section {{#{anchor}}}"
    start = text.rfind("\n## ", 0, heading) + 1
    following = text.find("\n## ", heading)
    return text[start:] if following < 0 else text[start:following]


def errata_references(language: str, anchor: str, entry: re.Pattern[str], letter: str) -> dict[int, list[str]]:
    """Entry number -> the references (`snippets/...`, `tests/...`) in its one proof line.

    `entry` matches an entry's heading and names its number `number`; `letter` prefixes
    that number in messages (P3, C12).
    """
    section = errata_section(language, anchor)
    heads = list(entry.finditer(section))
    found: dict[int, list[str]] = {}
    for head, following in zip(heads, heads[1:] + [None]):
        body = section[head.end(): following.start() if following else len(section)]
        proofs = ERRATA_PROOF_LINE.findall(body)
        assert len(proofs) == 1, f"{letter}{head['number']} ({language}) needs exactly one proof line"
        found[int(head["number"])] = ERRATA_REFERENCE.findall(proofs[0])
    return found


def math_spans(text: str) -> list[str]:
    """The TeX of every display ($$…$$) and inline ($…$) formula outside code."""
    without_code = re.sub(r"```.*?```|`[^`\n]*`", "", text, flags=re.DOTALL)
    display = re.findall(r"\$\$(.*?)\$\$", without_code, flags=re.DOTALL)
    inline = re.findall(r"(?<!\$)\$([^$\n]+)\$(?!\$)", re.sub(r"\$\$.*?\$\$", "", without_code, flags=re.DOTALL))
    return display + inline
