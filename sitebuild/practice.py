"""Drill cards: every interview question of the site as a flash card, for the practice page
and the Anki decks.

The cards are the questions of the question index (sitebuild.questions); front and back are
the question and answer exactly as rendered on their page, taken from the page's final HTML.
Each language's build writes `assets/practice/cards-<lang>.js` (a script, so the practice
page also works opened from file://) and `assets/practice/perception-interview-<lang>.apkg`
(sitebuild.anki_deck).

A card's id is its question's explicit id (`??? question "…" {#q-words}`), the same in
both languages, or `<page>#q-N` for a question without one. Run

    python -m sitebuild.practice assign-ids

to give every question an explicit id (the Nth question of x.md and of x.en.md get the
same one), so rewording or reordering questions keeps a reader's progress.
"""
from __future__ import annotations

import argparse
import json
import posixpath
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from sitebuild.questions import INDEX_PAGES, QUESTION, QUESTION_ID, _pages, localized, questions_in

PRACTICE_PAGE = "practice.md"
ASSETS = "assets/practice"
CARDS_SCRIPT = ASSETS + "/cards-{language}.js"
DECK = ASSETS + "/perception-interview-{language}.apkg"
SCRIPTS = ("assets/vendor/ts-fsrs/index.umd.js", "assets/javascripts/practice.js")
ANCHORED = re.compile(r'<a id="(?P<anchor>[^"]+)" class="question-anchor"></a>(?:</p>)?\s*'
                      r'<details class="question"[^>]*>\s*<summary>(?P<front>.*?)</summary>', re.DOTALL)
DETAILS_TAG = re.compile(r"<details\b|</details>")
URL_ATTRIBUTE = re.compile(r'\b(?P<name>href|src)="(?P<value>[^"]*)"')
ABSOLUTE = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:|/")
POSITIONAL = re.compile(r"q-\d+")


@dataclass
class Card:
    id: str
    chapter: str
    page: str         # language-neutral page key, e.g. "python/copying"
    page_title: str
    target: str       # the question on its page, from the site root of this language's build
    front: str        # HTML, links relative to the page the question is on
    back: str
    position: int     # 0 for the page's first question


@dataclass
class _Build:
    """One language's build: its practice page, the generated files and the cards collected."""
    language: str
    docs_dir: Path
    site_url: str
    practice_url: str | None
    cards_file: File
    deck_file: File
    static: dict[str, str]                 # url of a static file -> its source path
    chapters: dict[str, str]               # page key -> chapter name
    order: list[str]                       # page keys in nav order
    expected: dict[str, int]               # page key -> number of questions in its Markdown
    cards: dict[str, list[Card]] = field(default_factory=dict)


_builds: dict[str, _Build] = {}


def page_key(src_uri: str) -> str:
    """"python/copying.en.md" -> "python/copying"."""
    return re.sub(r"(\.en)?\.md$", "", src_uri)


def card_id(page: str, anchor: str) -> str:
    return f"{page}#{anchor}" if POSITIONAL.fullmatch(anchor) else anchor


def _chapters(nav: list, translations: dict[str, str], language: str) -> tuple[dict[str, str], list[str]]:
    chapters: dict[str, str] = {}
    for section in nav:
        if isinstance(section, dict):
            ((name, content),) = section.items()
            label = translations.get(name, name) if language != "zh" else name
            for page in _pages(content):
                if page.endswith(".md") and page not in INDEX_PAGES.values() and page != PRACTICE_PAGE:
                    chapters.setdefault(page_key(page), label)
    return chapters, list(chapters)


def register_files(files: Files, config: MkDocsConfig, translations: dict[str, str]) -> Files:
    """Add this language's cards script and deck to the build (filled in on_post_build), so
    pages can link to the deck. Call from on_files, after mkdocs-static-i18n."""
    language = config.theme.get("language", "zh")
    problems = check_ids(Path(config.docs_dir), config.nav or [])
    if problems:
        raise PluginError("question ids: " + "; ".join(problems))
    practice = next((f for f in files.documentation_pages() if page_key(f.src_uri) == "practice"), None)
    generated = {}
    for name, template in (("cards", CARDS_SCRIPT), ("deck", DECK)):
        uri = template.format(language=language)
        file = File.generated(config, uri, content=b"")
        files.append(file)
        generated[name] = file
    docs_dir = Path(config.docs_dir)
    chapters, order = _chapters(config.nav or [], translations, language)
    expected = {}
    for key in order:
        path = localized(docs_dir, key + ".md", language)
        if path.is_file():
            expected[key] = len(questions_in(path.read_text(encoding="utf-8")))
    _builds[language] = _Build(
        language, docs_dir, config.site_url or "",
        practice.url if practice else None, generated["cards"], generated["deck"],
        {f.url: f.abs_src_path for f in files if f.abs_src_path and not f.is_documentation_page()},
        chapters, order, expected)
    return files


def _details_body(html: str, start: int) -> tuple[str, int]:
    """The HTML from `start` (just after <summary>…</summary>) to its </details>, and the end."""
    depth = 1
    for tag in DETAILS_TAG.finditer(html, start):
        depth += 1 if tag.group(0) == "<details" else -1
        if depth == 0:
            return html[start:tag.start()], tag.end()
    raise PluginError("a question's <details> is not closed")


def extract_cards(html: str, page: str) -> list[tuple[str, str, str, str]]:
    """(card id, anchor, front HTML, back HTML) of each question in a page's HTML."""
    found = []
    position = 0
    while (match := ANCHORED.search(html, position)) is not None:
        back, position = _details_body(html, match.end())
        anchor = match.group("anchor")
        found.append((card_id(page, anchor), anchor, match.group("front").strip(), back.strip()))
    return found


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Collect the page's questions and label their anchors; give the practice page its scripts."""
    build = _builds.get(config.theme.get("language", "zh"))
    if build is None:
        return output
    key = page_key(page.file.src_uri)
    if key == "practice":
        scripts = [build.cards_file.url, *SCRIPTS]
        tags = "".join(f'<script src="{get_relative_url(s, page.url)}"></script>' for s in scripts)
        return output.replace("</body>", tags + "</body>", 1)
    if key not in build.expected:
        return output
    cards = [Card(cid, build.chapters[key], key, page.title or key, page.url + "#" + anchor, front, back, n)
             for n, (cid, anchor, front, back) in enumerate(extract_cards(output, key))]
    if len(cards) != build.expected[key]:
        raise PluginError(f"{page.file.src_path}: found {len(cards)} rendered questions, "
                          f"expected {build.expected[key]} from its Markdown")
    build.cards[key] = cards
    # The card id on each anchor, for the page's own drill buttons (question-drill.js).
    for card in cards:
        anchor = card.target.split("#")[1]
        output = output.replace(f'<a id="{anchor}" class="question-anchor"></a>',
                                f'<a id="{anchor}" class="question-anchor" data-card="{card.id}"></a>', 1)
    return output


def resolve(value: str, page_url: str) -> str:
    """A relative link on the page at `page_url`, as a path from the site root."""
    if value.startswith("#"):
        return page_url + value
    page_dir = page_url.rsplit("/", 1)[0] if "/" in page_url else ""
    path, hash_, fragment = value.partition("#")
    resolved = posixpath.normpath(posixpath.join(page_dir, path)) if path else page_url
    if path.endswith("/") and not resolved.endswith("/"):
        resolved += "/"
    return resolved.removeprefix("./") + hash_ + fragment


def rebase(html: str, page_url: str, base: str | None) -> str:
    """The relative links of HTML from the page at `page_url`, made relative to the page at
    `base`, or absolute under `base` when it is a site URL (https://…/)."""
    def replace(match: re.Match[str]) -> str:
        value = match.group("value")
        if not value or ABSOLUTE.match(value):
            return match.group(0)
        resolved = resolve(value, page_url)
        new = base + resolved if base and ABSOLUTE.match(base) else get_relative_url(resolved, base or "")
        return f'{match.group("name")}="{new}"'

    return URL_ATTRIBUTE.sub(replace, html)


def ordered_cards(build: _Build) -> list[Card]:
    cards = [card for key in build.order for card in build.cards.get(key, [])]
    seen: dict[str, str] = {}
    for card in cards:
        if card.id in seen:
            raise PluginError(f"question id {card.id} is used on {seen[card.id]} and on {card.page}: "
                              "ids must be unique across the site")
        seen[card.id] = card.page
    return cards


def cards_script(build: _Build, cards: list[Card], render: Callable[[str], str] = lambda html: html) -> str:
    """The practice page's data: cards with links relative to the practice page, their HTML
    passed through `render` (the build renders their math)."""
    base = build.practice_url or ""
    data = {
        "language": build.language,
        "deck": get_relative_url(build.deck_file.url, base),
        "cards": [{
            "id": card.id, "chapter": card.chapter, "page": card.page, "pageTitle": card.page_title,
            "url": get_relative_url(card.target, base),
            "front": render(rebase(card.front, card.target.split("#")[0], base)),
            "back": render(rebase(card.back, card.target.split("#")[0], base)),
        } for card in cards],
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return f"window.drillCards = {text};\n"


def on_post_build(config: MkDocsConfig, render: Callable[[str], str] = lambda html: html) -> None:
    """Write the cards script and the deck of every language built since the last call;
    `render` renders the math of the practice page's cards (the decks keep TeX for Anki)."""
    from sitebuild.anki_deck import deck_bytes

    for language in list(_builds):
        build = _builds.pop(language)
        if not build.cards:
            continue
        cards = ordered_cards(build)
        outputs = {build.cards_file: cards_script(build, cards, render).encode(),
                   build.deck_file: deck_bytes(build, cards)}
        for file, content in outputs.items():
            path = Path(file.abs_dest_path)
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.is_file() or path.read_bytes() != content:
                path.write_bytes(content)


# --- explicit ids -------------------------------------------------------------------------

STOP_WORDS = set("a an the is are was be of in on to for and or with what why how does do did "
                 "can could you your it its this that when which who there than as at by from "
                 "vs versus about into between there".split())


def slug(title: str, taken: set[str], fallback: str) -> str:
    """A readable id from an English question title, not in `taken`."""
    words = [w for w in re.findall(r"[a-z][a-z0-9]+", title.lower()) if w not in STOP_WORDS]
    stem = "q-" + "-".join(words[:5]) if words else fallback
    candidate, n = stem, 2
    while candidate in taken:
        candidate, n = f"{stem}-{n}", n + 1
    return candidate


def page_pairs(docs_dir: Path, nav: list) -> list[tuple[str, Path, Path]]:
    """(page key, Chinese source, English source) of every nav page with questions."""
    pairs = []
    for page in _pages(nav):
        zh, en = localized(docs_dir, page, "zh"), localized(docs_dir, page, "en")
        if (page.endswith(".md") and page not in INDEX_PAGES.values() and zh.is_file() and en.is_file()
                and (questions_in(zh.read_text(encoding="utf-8")) or questions_in(en.read_text(encoding="utf-8")))):
            pairs.append((page_key(page), zh, en))
    return pairs


def check_ids(docs_dir: Path, nav: list) -> list[str]:
    """Problems with question ids: a page whose languages differ in questions or ids, and
    explicit ids used twice. Empty when all is well."""
    problems, seen = [], {}
    for key, zh, en in page_pairs(docs_dir, nav):
        try:
            ours, theirs = (questions_in(p.read_text(encoding="utf-8")) for p in (zh, en))
        except ValueError as exc:
            problems.append(f"{key}: {exc}")
            continue
        if len(ours) != len(theirs):
            problems.append(f"{key}: {len(ours)} questions in Chinese, {len(theirs)} in English")
            continue
        for n, (a, b) in enumerate(zip(ours, theirs), 1):
            if a.anchor != b.anchor:
                problems.append(f"{key}: question {n} has id {a.anchor} in Chinese and {b.anchor} in "
                                "English; give both the same id (python -m sitebuild.practice assign-ids)")
            elif a.explicit:
                if a.anchor in seen:
                    problems.append(f"{key}: id {a.anchor} is also used on {seen[a.anchor]}")
                seen[a.anchor] = key
    return problems


def _with_ids(text: str, ids: list[str]) -> str:
    counter = iter(ids)

    def put(match: re.Match[str]) -> str:
        wanted = next(counter)
        if match.group("id") == wanted:
            return match.group(0)
        return f'{match.group("indent")}{match.group("head")} {{#{wanted}}}'

    return QUESTION.sub(put, text)


def assign_ids(docs_dir: Path, nav: list) -> list[Path]:
    """Give every question without an explicit id one, the same in both languages, from the
    English title. Returns the files changed."""
    pairs = page_pairs(docs_dir, nav)
    parsed = {key: [questions_in(p.read_text(encoding="utf-8")) for p in (zh, en)] for key, zh, en in pairs}
    taken = {q.anchor for zh_en in parsed.values() for qs in zh_en for q in qs if q.explicit}
    changed = []
    for key, zh, en in pairs:
        ours, theirs = parsed[key]
        if len(ours) != len(theirs):
            raise ValueError(f"{key}: {len(ours)} questions in Chinese, {len(theirs)} in English")
        ids = []
        for n, (a, b) in enumerate(zip(ours, theirs), 1):
            if a.explicit and b.explicit and a.anchor != b.anchor:
                raise ValueError(f"{key}: question {n} has id {a.anchor} in Chinese, {b.anchor} in English")
            existing = a.anchor if a.explicit else b.anchor if b.explicit else None
            if existing is None:
                existing = slug(b.title, taken, f"q-{key.replace('/', '-').lower()}-{n}")
                existing = re.sub(r"[^a-z0-9-]", "", existing)
                taken.add(existing)
            assert QUESTION_ID.fullmatch(existing), existing
            ids.append(existing)
        for path in (zh, en):
            old = path.read_text(encoding="utf-8")
            new = _with_ids(old, ids)
            if new != old:
                path.write_text(new, encoding="utf-8")
                changed.append(path)
    return changed


def _config_nav() -> tuple[Path, list]:
    from mkdocs.config import load_config

    config = load_config(str(Path(__file__).resolve().parent.parent / "mkdocs.yml"))
    return Path(config.docs_dir), config.nav or []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitebuild.practice", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("assign-ids", help="give every question without an explicit id one")
    commands.add_parser("check-ids", help="list problems with question ids (exit 1 if any)")
    args = parser.parse_args(argv)
    docs_dir, nav = _config_nav()
    if args.command == "assign-ids":
        try:
            changed = assign_ids(docs_dir, nav)
        except ValueError as exc:
            print(f"assign-ids: {exc}", file=sys.stderr)
            return 1
        for path in changed:
            print(f"wrote {path.relative_to(docs_dir.parent)}")
        print(f"{len(changed)} files changed")
        return 0
    problems = check_ids(docs_dir, nav)
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
