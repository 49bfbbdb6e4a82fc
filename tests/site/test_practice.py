"""Drill cards: explicit question ids, assign-ids, the cards the build writes, the decks' bytes."""
from __future__ import annotations

import json
import re
import subprocess
import zipfile
from pathlib import Path

import pytest

from sitebuild import DOCS_DIR
from sitebuild.anki_deck import inline_code_styles, question_times, write_deck
from sitebuild.practice import assign_ids, check_ids, extract_cards, main, rebase, slug
from sitebuild.questions import anchor_questions, questions_in
from tests.pages import language_of, source_pages

NAV = [{"Chapter": ["a.md", "b.md"]}]
ZH = '# A\n\n??? question "一？" {#q-first-thing}\n    是。\n\n??? question "二？"\n    否。\n'
EN = '# A\n\n??? question "One?" {#q-first-thing}\n    Yes.\n\n??? question "What is a shallow copy?"\n    No.\n'


def cards_data(site: Path, language: str) -> dict:
    text = (site / f"assets/practice/cards-{language}.js").read_text(encoding="utf-8")
    return json.loads(text.removeprefix("window.drillCards = ").rstrip().removesuffix(";"))


def test_an_explicit_id_is_the_anchor_and_leaves_the_title_line_as_details_wants_it() -> None:
    assert [(q.anchor, q.explicit) for q in questions_in(ZH)] == [("q-first-thing", True), ("q-2", False)]
    anchored = anchor_questions(ZH)
    assert '<a id="q-first-thing" class="question-anchor"></a>\n\n??? question "一？"\n' in anchored
    assert "{#" not in anchored


@pytest.mark.parametrize("bad", ["q-3", "Q-Upper", "shallow-copy", "q-with space", "q-"])
def test_a_malformed_id_is_a_clear_error(bad: str) -> None:
    with pytest.raises(ValueError, match="question id"):
        questions_in(f'??? question "T" {{#{bad}}}\n    a\n')


def write_pages(docs: Path, zh: str = ZH, en: str = EN) -> None:
    docs.mkdir(exist_ok=True)
    for name in ("a", "b"):
        (docs / f"{name}.md").write_text(zh, encoding="utf-8")
        (docs / f"{name}.en.md").write_text(en, encoding="utf-8")


def test_assign_ids_gives_both_languages_the_same_new_ids_and_keeps_existing_ones(tmp_path: Path) -> None:
    write_pages(tmp_path)
    (tmp_path / "b.md").write_text(ZH.replace("q-first-thing", "q-other-thing"), encoding="utf-8")
    (tmp_path / "b.en.md").write_text(EN.replace("q-first-thing", "q-other-thing"), encoding="utf-8")
    assert len(assign_ids(tmp_path, NAV)) == 4
    ids = {path.name: [q.anchor for q in questions_in(path.read_text(encoding="utf-8"))]
           for path in sorted(tmp_path.iterdir())}
    assert ids["a.md"] == ids["a.en.md"] == ["q-first-thing", "q-shallow-copy"]
    assert ids["b.md"] == ids["b.en.md"] == ["q-other-thing", "q-shallow-copy-2"]
    assert check_ids(tmp_path, NAV) == []
    assert assign_ids(tmp_path, NAV) == []  # a second run changes nothing
    assert "是。" in (tmp_path / "a.md").read_text(encoding="utf-8")


def test_check_ids_reports_languages_that_disagree_and_ids_used_twice(tmp_path: Path) -> None:
    write_pages(tmp_path, en=EN.replace("q-first-thing", "q-else"))
    problems = check_ids(tmp_path, NAV)
    assert any("a: question 1 has id q-first-thing in Chinese and q-else in English" in p for p in problems)
    write_pages(tmp_path)
    assert check_ids(tmp_path, NAV) == ["b: id q-first-thing is also used on a"]


def test_the_site_s_question_ids_pass_the_check_the_command_runs() -> None:
    assert main(["check-ids"]) == 0


def test_slug_is_readable_and_unique() -> None:
    assert slug("Is `b = a[:]` a deep copy?", set(), "q-x") == "q-deep-copy"
    assert slug("Is `b = a[:]` a deep copy?", {"q-deep-copy"}, "q-x") == "q-deep-copy-2"
    assert slug("`[[0] * 3] * 2`?", set(), "q-page-3") == "q-page-3"


def test_cards_are_cut_from_the_rendered_details_including_nested_ones() -> None:
    html = ('<p><a id="q-1" class="question-anchor"></a></p>\n<details class="question" open="open">\n'
            '<summary>Front <code>x</code></summary>\n<p>Back</p><details class="note"><summary>n</summary>'
            '<p>inner</p></details><p>tail</p>\n</details><p>after</p>'
            '<p><a id="q-named" class="question-anchor"></a></p><details class="question"><summary>F2</summary>B2</details>')
    assert extract_cards(html, "python/x") == [
        ("python/x#q-1", "q-1", "Front <code>x</code>",
         '<p>Back</p><details class="note"><summary>n</summary><p>inner</p></details><p>tail</p>'),
        ("q-named", "q-named", "F2", "B2"),
    ]


@pytest.mark.parametrize(("page", "base", "expected"), [
    ("cpp/stl/", "practice/", '<a href="../cpp/language/#move"><img src="../assets/figures/cpp/f.svg"><a href="../cpp/stl/#x">'),
    ("cpp/stl.html", "practice.html", '<a href="cpp/language.html#move"><img src="assets/figures/cpp/f.svg"><a href="cpp/stl.html#x">'),
    ("en/cpp/stl/", "https://example.org/", '<a href="https://example.org/en/cpp/language/#move"><img src="https://example.org/assets/figures/cpp/f.svg"><a href="https://example.org/en/cpp/stl/#x">'),
])
def test_links_of_an_answer_are_rebased_to_where_the_card_is_shown(page: str, base: str, expected: str) -> None:
    link = "language.html#move" if page.endswith(".html") else "../language/#move"
    figure = ("../" if page.endswith(".html") else "../../") + ("../" if page.startswith("en/") else "") + "assets/figures/cpp/f.svg"
    html = f'<a href="{link}"><img src="{figure}"><a href="#x">'
    assert rebase(html, page, base) == expected
    assert rebase('<a href="https://other.org/">', page, base) == '<a href="https://other.org/">'


def test_code_in_a_deck_is_coloured_with_inline_styles() -> None:
    html = ('<div class="language-python highlight"><pre><span></span><code><span class="k">def</span> '
            '<span class="nf">f</span></code></pre></div>')
    styled = inline_code_styles(html)
    assert "class=" not in styled
    assert re.search(r'<span style="color: #[0-9A-Fa-f]{3,6}; font-weight: bold">def</span>', styled)


def test_the_vendored_ts_fsrs_is_the_documented_version() -> None:
    vendor = DOCS_DIR / "assets/vendor/ts-fsrs"
    assert "ts-fsrs 5.4.2" in (vendor / "README.md").read_text(encoding="utf-8")
    assert "MIT License" in (vendor / "LICENSE").read_text(encoding="utf-8")
    assert "global.FSRS" in (vendor / "index.umd.js").read_text(encoding="utf-8")


def test_the_same_notes_give_the_same_deck_bytes_with_fixed_zip_times() -> None:
    notes = [{"fields": ["Q", "A", "S", "q-x"], "tags": ["Python"], "guid": "g1", "modified": 1_700_000_000}]
    first, second = write_deck("en", "Deck", notes, {}), write_deck("en", "Deck", notes, {})
    assert first == second
    changed = write_deck("en", "Deck", [{**notes[0], "fields": ["Q", "B", "S", "q-x"]}], {})
    assert changed != first
    with zipfile.ZipFile(__import__("io").BytesIO(first)) as deck:
        assert {info.date_time for info in deck.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def git(repo: Path, *args: str, when: int | None = None) -> None:
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@t", "PATH": "/usr/bin:/bin", "HOME": str(repo)}
    if when is not None:
        env |= {"GIT_AUTHOR_DATE": f"@{when} +0000", "GIT_COMMITTER_DATE": f"@{when} +0000"}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def test_a_note_is_newer_only_when_its_own_question_or_included_snippet_changed(tmp_path: Path) -> None:
    page = tmp_path / "docs/a.md"
    page.parent.mkdir()
    snippet = tmp_path / "snippets/s.py"
    snippet.parent.mkdir()
    snippet.write_text("x = 1\n")
    page.write_text('# A\n\n??? question "One?"\n    Yes.\n\n    more\n\ntext\n\n'
                    '??? question "Two?"\n    ```py\n    --8<-- "snippets/s.py"\n    ```\n\n'
                    '??? question "Three?"\n    No.\n', encoding="utf-8")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "one", when=1_000_000_000)
    assert question_times(page, tmp_path) == [1_000_000_000] * 3
    page.write_text(page.read_text(encoding="utf-8").replace("    more", "    more, reworded"), encoding="utf-8")
    git(tmp_path, "commit", "-qam", "two", when=1_000_000_500)
    assert question_times(page, tmp_path) == [1_000_000_500, 1_000_000_000, 1_000_000_000]
    snippet.write_text("x = 2\n")
    git(tmp_path, "commit", "-qam", "three", when=1_000_000_900)
    assert question_times(page, tmp_path) == [1_000_000_500, 1_000_000_900, 1_000_000_000]


def test_the_site_has_one_card_per_question_with_the_same_ids_in_both_languages(built_site: Path) -> None:
    expected = {"zh": 0, "en": 0}
    for source in source_pages():
        if source.suffix == ".md" and not source.stem.startswith("questions"):
            expected[language_of(source)] += len(questions_in(source.read_text(encoding="utf-8")))
    data = {language: cards_data(built_site, language) for language in ("zh", "en")}
    for language, count in expected.items():
        assert count > 0 and len(data[language]["cards"]) == count, language
        ids = [card["id"] for card in data[language]["cards"]]
        assert len(set(ids)) == len(ids)
    assert [c["id"] for c in data["zh"]["cards"]] == [c["id"] for c in data["en"]["cards"]]
    for language in ("zh", "en"):
        assert (built_site / "assets/practice" / f"perception-interview-{language}.apkg").stat().st_size > 0


def test_a_card_shows_the_answer_as_its_page_renders_it(built_site: Path) -> None:
    for language, prefix in (("zh", ""), ("en", "en/")):
        practice = prefix + "practice/"
        for card in cards_data(built_site, language)["cards"]:
            page_url, anchor = rebase(f'href="{card["url"]}"', practice, "")[6:-1].split("#")
            page = (built_site / page_url / "index.html").read_text(encoding="utf-8")
            at = page.index(f'<a id="{anchor}" class="question-anchor" data-card="{card["id"]}">')
            assert rebase(card["back"], practice, page_url) in page[at:], card["id"]
            assert rebase(card["front"], practice, page_url) in page[at:], card["id"]
