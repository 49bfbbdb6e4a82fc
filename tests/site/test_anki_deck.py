"""The Anki decks, opened with the library inside the Anki application (PyPI `anki`).

`anki` is a test-only reference (not in requirements.lock): .venv/bin/pip install anki==26.9.3
"""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from sitebuild.anki_deck import guid, write_deck
from sitebuild.math import math_as_tex
from tests.support import require_module

require_module("anki", "the deck tests import the decks with Anki's own library: "
                       ".venv/bin/pip install anki==26.9.3")

from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest  # noqa: E402

LANGUAGES = ("zh", "en")


def cards(site: Path, language: str) -> list[dict]:
    text = (site / f"assets/practice/cards-{language}.js").read_text(encoding="utf-8")
    return json.loads(text.removeprefix("window.drillCards = ").rstrip().removesuffix(";"))["cards"]


def text_of(fragment: str) -> str:
    """What a reader sees of an HTML fragment: tags dropped, entities decoded, spaces collapsed."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", fragment))).strip()


def import_deck(collection: Collection, deck: Path):
    request = ImportAnkiPackageRequest(package_path=str(deck),
                                       options=ImportAnkiPackageOptions(with_scheduling=False))
    return collection.import_anki_package(request).log


@pytest.fixture
def collection(tmp_path: Path):
    col = Collection(str(tmp_path / "collection.anki2"))
    yield col
    col.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_deck_holds_one_note_per_question_with_its_rendered_answer(built_site: Path, collection,
                                                                       language: str) -> None:
    expected = cards(built_site, language)
    log = import_deck(collection, built_site / f"assets/practice/perception-interview-{language}.apkg")
    assert len(log.new) == len(expected) and not log.updated and not log.duplicate
    notes = [collection.get_note(note_id) for note_id in collection.find_notes("")]
    by_id = {note["Id"]: note for note in notes}
    assert len(by_id) == len(notes) == len(expected)
    for card in expected:
        note = by_id[card["id"]]
        assert text_of(note["Question"]) == text_of(math_as_tex(card["front"]))
        # The practice page shows rendered math; the deck keeps TeX for Anki's MathJax.
        assert text_of(note["Answer"]) == text_of(math_as_tex(card["back"]))
        assert note.tags == [card["chapter"].replace(" ", "_")]
        assert card["pageTitle"] in note["Source"]
        assert 'class="' not in re.sub(r'class="arithmatex"', "", note["Answer"]), "code must carry inline styles"
    with_math = [n for n in notes if "arithmatex" in n["Answer"]]
    assert with_math and all(re.search(r"\\\(|\\\[", n["Answer"]) for n in with_math)
    assert any("<pre style=" in n["Answer"] for n in notes)


def test_figures_travel_as_media(tmp_path: Path, collection) -> None:
    figure = tmp_path / "python-plot.svg"
    figure.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"></svg>')
    notes = [{"fields": ["Q", '<img alt="plot" src="python-plot.svg">', "S", "q-figure"], "tags": ["Python"],
              "guid": guid("en", "q-figure"), "modified": 1_700_000_000}]
    deck = tmp_path / "deck.apkg"
    deck.write_bytes(write_deck("en", "Deck", notes, {"python-plot.svg": figure}))
    import_deck(collection, deck)
    media = Path(collection.media.dir()) / "python-plot.svg"
    assert media.read_bytes() == figure.read_bytes()


def test_a_newer_deck_with_one_answer_changed_updates_exactly_that_note(built_site: Path, tmp_path: Path,
                                                                        collection) -> None:
    """Built as the build does it: the changed question's note is newer (see question_times)."""
    expected = cards(built_site, "en")
    notes = [{"fields": [math_as_tex(c["front"]), math_as_tex(c["back"]), c["pageTitle"], c["id"]], "tags": ["t"],
              "guid": guid("en", c["id"]), "modified": 1_700_000_000} for c in expected]  # decks keep TeX
    first, second = tmp_path / "first.apkg", tmp_path / "second.apkg"
    first.write_bytes(write_deck("en", "Deck", notes, {}))
    changed = 7
    notes[changed] = {**notes[changed], "modified": 1_700_000_600,
                      "fields": [notes[changed]["fields"][0], "<p>A better answer.</p>", *notes[changed]["fields"][2:]]}
    second.write_bytes(write_deck("en", "Deck", notes, {}))
    import_deck(collection, first)
    before = {n: collection.get_note(n).fields for n in collection.find_notes("")}
    log = import_deck(collection, second)
    after = {n: collection.get_note(n).fields for n in collection.find_notes("")}
    assert sorted(before) == sorted(after)  # no note added, none removed
    differing = [n for n in before if before[n] != after[n]]
    assert [after[n][3] for n in differing] == [expected[changed]["id"]]
    assert after[differing[0]][1] == "<p>A better answer.</p>"
    assert len(log.updated) == 1 and not log.new
