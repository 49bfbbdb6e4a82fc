"""A notebook page keeps the CSS it can use, and only that."""
from __future__ import annotations

import os
from pathlib import Path

from sitebuild.notebook_css import trim_style_elements, trim_stylesheets


def trim(css: str, classes: set[str], variables: set[str] = frozenset()) -> str:
    return trim_stylesheets([css], set(classes), set(variables))[0]


def test_rules_naming_an_absent_class_go():
    css = ".w .jp-Cell{margin:0}.w .jp-Toolbar{height:9px}"
    assert trim(css, {"w", "jp-Cell"}) == ".w .jp-Cell{margin:0}"


def test_a_rule_stays_with_the_selectors_that_can_match():
    css = ".w .a,.w .b,.w p{color:red}"
    assert trim(css, {"w", "a"}) == ".w .a,.w p{color:red}"


def test_classes_inside_functions_may_match_by_absence():
    assert trim(".w :not(.hidden){display:block}", {"w"}) == ".w :not(.hidden){display:block}"


def test_root_below_another_element_never_matches():
    assert trim(".w :root{color:red}:root{margin:0}", {"w"}) == ":root{margin:0}"


def test_media_blocks_keep_their_matching_rules_and_vanish_when_empty():
    css = "@media (max-width: 600px){.a{color:red}.b{color:blue}}@media print{.b{color:blue}}"
    assert trim(css, {"a"}) == "@media (max-width: 600px){.a{color:red}}"


def test_custom_properties_stay_only_when_something_uses_them():
    css = (".w{--used:var(--indirect);--indirect:1px;--unused:url(icon.svg);--page:2px}"
           ".w .a{margin:var(--used)}")
    assert trim(css, {"w", "a"}, {"--page"}) == ".w{--used:var(--indirect);--indirect:1px;--page:2px}.w .a{margin:var(--used)}"


def test_at_rules_that_hold_no_selectors_are_kept():
    css = '@charset "UTF-8";@keyframes spin{to{transform:rotate(1turn)}}'
    assert trim(css, set()) == css


def test_style_elements_are_trimmed_and_empty_ones_dropped(tmp_path: Path):
    page = ('<head><style type="text/css">.a{color:red}.b{color:blue}</style><style>.c{margin:0}</style>'
            '</head><body><p class="a">x</p></body>')
    expected = '<head><style type="text/css">.a{color:red}</style></head><body><p class="a">x</p></body>'
    assert trim_style_elements(page, tmp_path) == expected
    assert len(list(tmp_path.glob("*.css"))) == 1
    stored = next(tmp_path.glob("*.css"))
    os.utime(stored, (0, 0))
    assert trim_style_elements(page, tmp_path) == expected, "the cached result differs"
    assert stored.stat().st_mtime > 0, "a reused result must be touched, or prune_unused deletes it"


def test_a_style_element_ends_at_its_first_closing_tag(tmp_path: Path):
    page = ('<style>.a::before{content:"<b>"}\n.b{color:red}</style><p class="a">x</p>'
            '<style>.a{margin:0}</style><pre>&lt;/style&gt;</pre>')
    expected = ('<style>.a::before{content:"<b>"}</style><style>.a{margin:0}</style><p class="a">x</p>'
                '<pre>&lt;/style&gt;</pre>')
    assert trim_style_elements(page, tmp_path) == expected


def test_a_page_without_styles_is_unchanged(tmp_path: Path):
    assert trim_style_elements("<p class='a'>x</p>", tmp_path) == "<p class='a'>x</p>"
