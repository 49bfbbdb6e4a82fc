"""The Anki deck of one language's questions (an .apkg written with genanki).

Each note: the question, the answer as rendered on its page (math left in \\( \\) and \\[ \\],
which Anki's MathJax renders; code with inline colours; figures as media), a link back to
the question and the card id. Deck, note type and note ids (guids) are derived from fixed
names and card ids, so importing a newer deck updates the notes a reader already has. A
note's modification time is when its question last changed (git blame of its lines, and
the last commit of the snippets and figures it includes; a file's own time where it has
uncommitted changes): Anki updates a note only from a newer one, so re-importing a deck
after one answer changed updates exactly that note. The same input gives the same bytes
(fixed times inside the zip), and decks are cached by digest.
"""
from __future__ import annotations

import functools
import hashlib
import html
import json
import os
import re
import subprocess
import tempfile
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from pygments.formatters import HtmlFormatter

from sitebuild import CACHE_DIR, REPO_ROOT
from sitebuild.digest import prune_unused

if TYPE_CHECKING:
    from sitebuild.practice import Card, _Build

FORMAT = "anki-deck-1"  # part of the cache key: change it when the deck's layout changes
DECK_NAMES = {"zh": "感知面试基础复习", "en": "Perception interview fundamentals"}
FIELDS = ["Question", "Answer", "Source", "Id"]
STYLE = "default"
CSS = """.card { font-family: system-ui, sans-serif; font-size: 18px; line-height: 1.5;
  text-align: left; color: black; background: white; max-width: 46em; margin: 0 auto; }
.nightMode.card, .night_mode .card { color: #e6e6e6; background: #1e1e1e; }
pre { white-space: pre-wrap; font-size: 15px; border-radius: 4px; }
code { font-family: ui-monospace, monospace; }
img { max-width: 100%; background: white; }
table { border-collapse: collapse; } td, th { border: 1px solid #999; padding: 0.2em 0.5em; }
.source { font-size: 14px; margin-top: 1.5em; }
"""
QFMT = '<div class="question">{{Question}}</div>'
AFMT = ('{{FrontSide}}\n<hr id="answer">\n<div class="answer">{{Answer}}</div>\n'
        '<p class="source">{{Source}}</p>')
CODE_BLOCK = re.compile(r'<div class="language-[\w+-]* ?highlight"><pre><span></span><code[^>]*>(?P<code>.*?)</code></pre></div>',
                        re.DOTALL)
TOKEN_SPAN = re.compile(r'<span class="(?P<cls>[\w-]+)">')
IMAGE = re.compile(r'(<img\b[^>]*?\bsrc=")(?P<src>[^"]+)(")')
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def stable_id(name: str) -> int:
    """An id in genanki's recommended range [2**30, 2**31), fixed by `name`."""
    return (1 << 30) + int(hashlib.sha256(name.encode()).hexdigest()[:8], 16) % (1 << 30)


@functools.cache
def _token_styles() -> tuple[dict[str, str], str]:
    """Pygments' inline style of each token class, and the style's background."""
    formatter = HtmlFormatter(style=STYLE)
    styles = {cls: style for cls, (style, _, _) in formatter.class2style.items() if style}
    return styles, formatter.style.background_color


def inline_code_styles(html_text: str) -> str:
    """Pygments' class names in highlighted blocks replaced by inline styles (Anki has no
    stylesheet for them)."""
    styles, background = _token_styles()

    def block(match: re.Match[str]) -> str:
        code = TOKEN_SPAN.sub(lambda m: f'<span style="{styles[m["cls"]]}">' if m["cls"] in styles
                              else "<span>", match.group("code"))
        return (f'<pre style="background: {background}; color: black; padding: 0.6em; '
                f'overflow-x: auto"><code>{code}</code></pre>')

    return CODE_BLOCK.sub(block, html_text)


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True).stdout


def history_state(repo: Path = REPO_ROOT) -> str:
    """What the notes' times depend on: the commit and the uncommitted files (with their times)."""
    try:
        head = _git(repo, "rev-parse", "HEAD").strip()
        dirty = [line[3:] for line in _git(repo, "status", "--porcelain", "--", "docs", "snippets").splitlines()]
    except (OSError, subprocess.CalledProcessError):
        return "no git"
    return head + "".join(f"\n{name} {_file_time(repo / name)}" for name in dirty)


def _file_time(path: Path) -> int:
    return int(path.stat().st_mtime) if path.exists() else 0


def line_times(path: Path, repo: Path = REPO_ROOT) -> list[int]:
    """When each line of a file was last committed; uncommitted lines (or no git): file time."""
    mtime = _file_time(path)
    try:
        blame = _git(repo, "blame", "--porcelain", "--", str(path.resolve().relative_to(repo.resolve())))
    except (OSError, ValueError, subprocess.CalledProcessError):
        return [mtime] * len(path.read_text(encoding="utf-8").splitlines())
    committed: dict[str, int] = {}
    times, commit = [], ""
    for line in blame.splitlines():
        if line.startswith("\t"):
            times.append(mtime if set(commit) == {"0"} else committed[commit])
        elif line.startswith("committer-time "):
            committed[commit] = int(line.split()[1])
        elif re.match(r"[0-9a-f]{40} ", line):
            commit = line[:40]
    return times


def _last_change(path: Path, repo: Path) -> int:
    """When a file included by a question last changed: its last commit, or its own time."""
    try:
        relative = str(path.resolve().relative_to(repo.resolve()))
        if _git(repo, "status", "--porcelain", "--", relative).strip():
            return _file_time(path)
        return int(_git(repo, "log", "-1", "--format=%ct", "--", relative).strip() or _file_time(path))
    except (OSError, ValueError, subprocess.CalledProcessError):
        return _file_time(path)


INCLUDE = re.compile(r'--8<--\s+"(?P<path>[^":]+)')
FIGURE = re.compile(r"assets/figures/(?P<chapter>[\w-]+)/(?P<name>[\w-]+)\.svg")


def question_times(source: Path, repo: Path = REPO_ROOT) -> list[int]:
    """For each question of a page, in order: when its lines, or a snippet or figure script it
    includes, last changed. A note is updated in Anki only when it is newer than the reader's."""
    from sitebuild.questions import QUESTION

    text = source.read_text(encoding="utf-8")
    lines = text.splitlines()
    per_line = line_times(source, repo)
    starts = [text.count("\n", 0, match.start()) for match in QUESTION.finditer(text)]
    result = []
    for number, start in enumerate(starts):
        indent = len(lines[start]) - len(lines[start].lstrip())
        end = start + 1
        while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent):
            end += 1
        block = "\n".join(lines[start:end])
        included = [repo / m["path"] for m in INCLUDE.finditer(block)]
        included += [repo / "snippets" / m["chapter"] / "figures" / f'{m["name"]}.py' for m in FIGURE.finditer(block)]
        result.append(max([*per_line[start:end], *(_last_change(path, repo) for path in included)]))
    return result


def note_fields(build: _Build, card: Card, media: dict[str, Path]) -> list[str]:
    """The note's fields; figures the answer shows are added to `media` (name -> file)."""
    from sitebuild.practice import rebase, resolve

    page_url = card.target.split("#")[0]

    def embed(match: re.Match[str]) -> str:
        target = resolve(html.unescape(match["src"]), page_url).split("#")[0]
        source = build.static.get(target)
        if source is None:
            return match.group(0)
        name = "-".join(Path(target).parts[-2:])
        media[name] = Path(source)
        return f"{match.group(1)}{name}{match.group(3)}"

    def for_anki(fragment: str) -> str:
        fragment = IMAGE.sub(embed, fragment)
        site = build.site_url if build.site_url.endswith("/") else build.site_url + "/"
        return inline_code_styles(rebase(fragment, page_url, site if build.site_url else None))

    title = html.escape(f"{card.chapter} · {card.page_title}")
    source = (f'<a href="{html.escape(build.site_url.rstrip("/") + "/" + card.target)}">{title}</a>'
              if build.site_url else title)
    return [for_anki(card.front), for_anki(card.back), source, card.id]


def deck_bytes(build: _Build, cards: list[Card]) -> bytes:
    """The deck of `cards` as .apkg bytes, from the cache when this input was built before."""
    from sitebuild.questions import localized

    media: dict[str, Path] = {}
    notes = [{"fields": note_fields(build, card, media), "tags": [tag(card.chapter)],
              "guid": guid(build.language, card.id)} for card in cards]
    name = DECK_NAMES.get(build.language, DECK_NAMES["en"])
    hasher = hashlib.sha256(json.dumps([FORMAT, name, CSS, QFMT, AFMT, STYLE, notes, history_state()],
                                       ensure_ascii=False).encode())
    for media_name, path in sorted(media.items()):
        hasher.update(media_name.encode() + b"\0" + path.read_bytes())
    cache = CACHE_DIR / "anki"
    stored = cache / f"{hasher.hexdigest()[:32]}.apkg"
    if stored.is_file():
        stored.touch()
        return stored.read_bytes()
    times: dict[str, list[int]] = {}
    for note, card in zip(notes, cards):
        if card.page not in times:
            times[card.page] = question_times(localized(build.docs_dir, card.page + ".md", build.language))
        note["modified"] = times[card.page][card.position]
    content = write_deck(build.language, name, notes, media)
    cache.mkdir(parents=True, exist_ok=True)
    stored.write_bytes(content)
    prune_unused(cache)
    return content


def tag(chapter: str) -> str:
    return re.sub(r"\s+", "_", chapter.strip())


def guid(language: str, card: str) -> str:
    import genanki

    return genanki.guid_for("perception-interview", language, card)


def write_deck(language: str, name: str, notes: list[dict], media: dict[str, Path]) -> bytes:
    """An .apkg with the notes (dicts of fields, tags, guid, modified); same input, same bytes."""
    import genanki

    class TimedNote(genanki.Note):
        def __init__(self, modified: int, **kwargs) -> None:
            super().__init__(**kwargs)
            self.modified = modified

        def write_to_db(self, cursor, timestamp, deck_id, id_gen) -> None:
            super().write_to_db(cursor, self.modified, deck_id, id_gen)

    model = genanki.Model(stable_id("perception-interview note type"), "Perception interview question",
                          fields=[{"name": f} for f in FIELDS],
                          templates=[{"name": "Card 1", "qfmt": QFMT, "afmt": AFMT}], css=CSS)
    deck = genanki.Deck(stable_id(f"perception-interview deck {language}"), name)
    for note in notes:
        deck.add_note(TimedNote(note["modified"], model=model, fields=note["fields"],
                                tags=note["tags"], guid=note["guid"]))
    with tempfile.TemporaryDirectory() as scratch:
        files = []
        for media_name, path in sorted(media.items()):  # genanki names media by basename
            copy = Path(scratch) / media_name
            copy.write_bytes(path.read_bytes())
            files.append(str(copy))
        raw = Path(scratch) / "deck.apkg"
        stamp = max((note["modified"] for note in notes), default=0)
        genanki.Package(deck, media_files=files).write_to_file(str(raw), timestamp=stamp)
        return _fixed_zip(raw)


def _fixed_zip(path: Path) -> bytes:
    """The zip at `path` rewritten with fixed entry times and attributes."""
    out = Path(str(path) + ".fixed")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    content = out.read_bytes()
    os.unlink(out)
    return content
