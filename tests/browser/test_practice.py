"""The practice page in headless Chromium: a drill by keyboard, FSRS due dates, progress that
survives reloads, export / reset / import, rejected imports, and the offline copy."""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from sitebuild import REPO_ROOT
from sitebuild.questions import questions_in
from tests.browser.reader import read_page
from tests.browser.test_pages import axe_script, serious_violations  # noqa: F401 (fixture)
from tests.pages import language_of, source_pages

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
KEY = "perception-interview-drill:"
# Replays a review log [(card id, ISO time, rating, [due shown on buttons 1-4])] with the
# vendored ts-fsrs: the state of each card, and whether each button showed the due date
# that rating would give.
REFERENCE = r"""
(log) => {
  const f = FSRS.fsrs(FSRS.generatorParameters({enable_fuzz: false}));
  const cards = {}, shown = [];
  for (const [id, when, rating, buttons] of log) {
    const now = new Date(when);
    const card = cards[id] || FSRS.createEmptyCard(now);
    const preview = f.repeat(card, now);
    shown.push([1, 2, 3, 4].map(r => preview[r].card.due.toISOString()).join() === buttons.join());
    cards[id] = f.next(card, now, rating).card;
  }
  const state = {};
  for (const [id, c] of Object.entries(cards))
    state[id] = {due: c.due.toISOString(), state: c.state, reps: c.reps, lapses: c.lapses,
                 stability: c.stability, difficulty: c.difficulty, scheduled_days: c.scheduled_days};
  return {state, shown};
}
"""


def question_count(language: str) -> int:
    return sum(len(questions_in(p.read_text(encoding="utf-8"))) for p in source_pages()
               if p.suffix == ".md" and language_of(p) == language and not p.stem.startswith("questions"))


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.clock.set_fixed_time(T0)
    yield context
    context.close()


def open_practice(context, url: str):
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    page.wait_for_selector("#drill[data-state=ready]")
    page.errors = errors
    return page


def stored(page, language: str = "en") -> dict | None:
    text = page.evaluate(f"localStorage.getItem('{KEY}{language}')")
    return None if text is None else json.loads(text)


def review(page, ratings: str, when: datetime, log: list) -> None:
    """Start a drill with the keyboard and rate one card per character of `ratings`."""
    page.focus("#drill-start")
    page.keyboard.press("Enter")
    for rating in ratings:
        page.wait_for_selector(".drill-card")
        card = page.get_attribute(".drill-card", "data-card")
        page.keyboard.press("Space")
        page.wait_for_selector(".drill-ratings")
        buttons = page.eval_on_selector_all(".drill-rate", "els => els.map(e => e.dataset.due)")
        page.keyboard.press(rating)
        log.append((card, when.isoformat(), int(rating), buttons))
    page.click(".drill-card .drill-end")
    page.wait_for_selector(".drill-summary")


def test_a_keyboard_drill_is_scheduled_as_ts_fsrs_computes_and_survives_a_reload(context, site_url: str) -> None:
    url = site_url + "en/practice/"
    page = open_practice(context, url)
    assert page.get_attribute("#drill", "data-cards") == str(question_count("en"))
    log: list = []
    review(page, "3142", T0, log)
    assert "You reviewed 4 cards: Again 1, Hard 1, Good 1, Easy 1." in page.inner_text(".drill-summary")
    later = T0 + timedelta(hours=1)
    context.clock.set_fixed_time(later)
    page.reload()
    page.wait_for_selector("#drill[data-state=ready]")
    review(page, "33", later, log)
    reference = page.evaluate(REFERENCE, log)
    assert all(reference["shown"]), reference["shown"]
    state = stored(page)["cards"]
    assert set(state) == {entry[0] for entry in log}
    for card, expected in reference["state"].items():
        assert {k: state[card][k] for k in expected} == expected, card
    assert not page.errors


def test_export_reset_and_import_give_the_same_state_back(context, site_url: str) -> None:
    page = open_practice(context, site_url + "en/practice/")
    review(page, "34", T0, [])
    before = stored(page)
    with page.expect_download() as download:
        page.click("#drill-export")
    exported = Path(download.value.path()).read_text(encoding="utf-8")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#drill-reset")
    page.wait_for_function(f"localStorage.getItem('{KEY}en') === null")
    assert page.inner_text("#drill-counts").startswith(f"New {question_count('en')} ")
    page.set_input_files("#drill-import-file", files=[{"name": "progress.json", "mimeType": "application/json",
                                                       "buffer": exported.encode()}])
    page.wait_for_function("document.getElementById('drill').dataset.importResult === 'accepted'")
    assert stored(page)["cards"] == before["cards"]
    assert "Imported progress for 2 cards" in page.inner_text(".drill-status")


@pytest.mark.parametrize(("content", "message"), [
    ("{not json", "not JSON"),
    ('{"some": "other file"}', "not a progress file"),
    ('{"format": "perception-interview-drill", "version": 1, "language": "zh", "cards": {}}', "Chinese"),
    ('{"format": "perception-interview-drill", "version": 1, "language": "en", '
     '"cards": {"q-x": {"due": "soon", "state": 9}}}', "card q-x"),
], ids=["not-json", "foreign", "other-language", "bad-record"])
def test_a_corrupt_or_foreign_import_is_rejected_and_changes_nothing(context, site_url: str, content: str,
                                                                      message: str) -> None:
    page = open_practice(context, site_url + "en/practice/")
    review(page, "3", T0, [])
    before = page.evaluate(f"localStorage.getItem('{KEY}en')")
    counts = page.inner_text("#drill-counts")
    page.set_input_files("#drill-import-file", files=[{"name": "x.json", "mimeType": "application/json",
                                                       "buffer": content.encode()}])
    page.wait_for_function("document.getElementById('drill').dataset.importResult === 'rejected'")
    assert message in page.inner_text(".drill-status")
    assert "unchanged" in page.inner_text(".drill-status")
    assert page.evaluate(f"localStorage.getItem('{KEY}en')") == before
    assert page.inner_text("#drill-counts") == counts


def test_progress_of_a_removed_question_is_dropped_and_the_page_still_works(context, site_url: str) -> None:
    page = open_practice(context, site_url + "practice/")
    review(page, "3", T0, [])
    state = stored(page, "zh")
    kept = next(iter(state["cards"]))
    state["cards"]["q-a-question-since-removed"] = state["cards"][kept]
    page.evaluate("s => localStorage.setItem('" + KEY + "zh', s)", json.dumps(state))
    page.reload()
    page.wait_for_selector("#drill[data-state=ready]")
    assert set(stored(page, "zh")["cards"]) == {kept}
    assert page.inner_text("#drill-counts") == f"新题 {question_count('zh') - 1} · 待复习 0 · 已学 1"
    assert not page.errors


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_the_answer_view_is_accessible_and_fits_a_phone(context, site_url: str, axe_script: str, scheme: str) -> None:
    page = open_practice(context, site_url + "practice/")
    page.focus("#drill-start")
    page.keyboard.press("Enter")
    page.keyboard.press("Space")
    page.wait_for_selector(".drill-ratings")
    assert page.evaluate("document.activeElement.id") == "drill-answer-heading"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert serious_violations(page, scheme, axe_script) == []


@pytest.mark.parametrize("page_path", ["practice.html", "en/practice.html"])
def test_the_practice_page_works_from_the_offline_copy(offline_site: Path, context, page_path: str) -> None:
    report, page = read_page(context, (offline_site / page_path).as_uri())
    assert not report.problems(), "\n".join(report.problems())
    page.wait_for_selector("#drill[data-state=ready]")
    page.focus("#drill-start")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.keyboard.press("3")
    page.reload()
    page.wait_for_selector("#drill[data-state=ready]")
    assert page.evaluate("document.querySelectorAll('.drill-start, #drill-start').length") == 1
    learned = page.inner_text("#drill-counts")
    assert learned.endswith(("已学 1", "Learned 1")), learned
    for language in ("zh", "en"):
        assert (offline_site / f"assets/practice/perception-interview-{language}.apkg").stat().st_size > 0


def test_filters_narrow_the_counts_and_the_cards_to_a_chapter_and_a_page(context, site_url: str) -> None:
    page = open_practice(context, site_url + "en/practice/")
    cpp = sum(len(questions_in(p.read_text(encoding="utf-8"))) for p in (REPO_ROOT / "docs/cpp").glob("*.en.md"))
    stl = len(questions_in((REPO_ROOT / "docs/cpp/stl.en.md").read_text(encoding="utf-8")))
    page.select_option("#drill-chapter", "C++ and concurrency")
    assert page.inner_text("#drill-counts").startswith(f"New {cpp} ")
    page.select_option("#drill-page", "cpp/stl")
    assert page.inner_text("#drill-counts").startswith(f"New {stl} ")
    assert 0 < stl < cpp
    page.focus("#drill-start")
    page.keyboard.press("Enter")
    page.wait_for_selector(".drill-card")
    assert page.query_selector(".drill-source a") is None  # the answer is not shown yet
    page.keyboard.press("Enter")
    assert "/cpp/stl/#" in page.get_attribute(".drill-source a", "href")


def test_a_question_on_its_page_can_be_marked_known_or_put_into_today_s_drill(context, site_url: str) -> None:
    page = context.new_page()
    page.goto(site_url + "en/python/copying/")
    anchor = page.locator("a.question-anchor[data-card]").first
    card = anchor.get_attribute("data-card")
    details = page.locator("a.question-anchor[data-card] + details, p:has(> a.question-anchor[data-card]) + details").first
    details.locator("summary").press("Enter")  # open the answer with the keyboard
    details.locator(".question-drill__known").press("Enter")
    page.wait_for_function("document.querySelector('.question-drill__status').textContent !== ''")
    record = stored(page)["cards"][card]
    expected = page.evaluate("""() => { const f = FSRS.fsrs(FSRS.generatorParameters({enable_fuzz: false}));
        const now = new Date(); const c = f.next(FSRS.createEmptyCard(now), now, FSRS.Rating.Easy).card;
        return {due: c.due.toISOString(), state: c.state, stability: c.stability}; }""")
    assert {k: record[k] for k in expected} == expected
    practice = open_practice(context, site_url + "en/practice/")
    assert practice.inner_text("#drill-counts").endswith("Due 0 · Learned 1")
    details.locator(".question-drill__today").click()
    page.wait_for_function(f"JSON.parse(localStorage.getItem('{KEY}en')).cards['{card}'].due === '{T0.isoformat().replace('+00:00', '.000Z')}'")
    practice.reload()
    practice.wait_for_selector("#drill[data-state=ready]")
    assert practice.inner_text("#drill-counts").endswith("Due 1 · Learned 0")
    practice.focus("#drill-start")
    practice.keyboard.press("Enter")
    assert practice.get_attribute(".drill-card", "data-card") == card


@pytest.mark.parametrize("width", [320, 412, 1280])
@pytest.mark.parametrize("page_path", ["practice/", "en/practice/"])
def test_the_start_screen_moves_nothing_when_it_appears(browser, site_url: str, page_path: str, width: int) -> None:
    from tests.browser.test_math import LAYOUT_SHIFT

    context = browser.new_context(viewport={"width": width, "height": 800})
    try:
        page = context.new_page()
        page.goto(site_url + page_path)
        page.wait_for_selector("#drill[data-state=ready]")
        assert page.evaluate(LAYOUT_SHIFT) < 0.01
    finally:
        context.close()
