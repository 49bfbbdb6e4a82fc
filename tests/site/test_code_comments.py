"""Chinese comments on Chinese pages, from the one English-commented source."""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name

from sitebuild.code_comments import (COMMENT, CatalogueError, comment_keys, load_catalogue, normalize,
                                     report, translate_page)


def block(code: str, language: str) -> str:
    """A code block as pymdownx.highlight writes it."""
    return f"<pre><code>{highlight(code, get_lexer_by_name(language), HtmlFormatter(nowrap=True))}</code></pre>"


def text(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def without_comments(page: str) -> str:
    return text(COMMENT.sub("", page))


def test_a_comment_after_code_is_replaced_and_the_code_is_not_touched() -> None:
    page = block("y = x   # binds y to x\nz = 1\n", "python")
    translated = translate_page(page, {"binds y to x": "把 y 绑定到 x"})
    assert text(translated) == "y = x   # 把 y 绑定到 x\nz = 1\n"
    assert without_comments(translated) == without_comments(page)


def test_a_run_of_comment_lines_is_one_entry_and_may_change_its_line_count() -> None:
    source = "int main() {\n    // one thought\n    // over two lines\n    return 0;\n}\n"
    translated = translate_page(block(source, "cpp"), {"one thought over two lines": "一个\n想法\n分三行"})
    assert text(translated) == "int main() {\n    // 一个\n    // 想法\n    // 分三行\n    return 0;\n}\n"


def test_session_comment_lines_keep_their_prompts() -> None:
    source = ">>> # first line\n>>> # second line\n>>> 1 + 1\n2\n"
    translated = translate_page(block(source, "pycon"), {"first line second line": "第一行\n第二行"})
    assert text(translated) == ">>> # 第一行\n>>> # 第二行\n>>> 1 + 1\n2\n"


def test_a_run_may_be_translated_line_by_line() -> None:
    source = "# first\n# second\nx = 1\n"
    translated = translate_page(block(source, "python"), {"first": "第一", "second": "第二"})
    assert text(translated) == "# 第一\n# 第二\nx = 1\n"


def test_docstrings_are_comments_too() -> None:
    source = 'def f():\n    """Return one.\n\n    Always.\n    """\n    return 1\n'
    translated = translate_page(block(source, "python"), {"Return one. Always.": "返回 1。\n\n总是如此。"})
    assert text(translated) == 'def f():\n    """返回 1。\n\n    总是如此。\n    """\n    return 1\n'


def test_comments_without_words_and_doctest_directives_need_no_entry() -> None:
    page = block("x = [1, 2]  # [1, 2]\ny = 2  # doctest: +SKIP\n", "python")
    missing: set[str] = set()
    assert translate_page(page, {}, missing) == page
    assert not missing and not comment_keys(page)


def test_missing_and_used_entries_are_reported() -> None:
    page = block("a = 1  # known\nb = 2  # unknown\n", "python")
    missing, used = set(), set()
    translated = translate_page(page, {"known": "已知"}, missing, used)
    assert missing == {"unknown"} and used == {"known"}
    assert "# unknown" in text(translated)


def test_a_comment_after_code_cannot_become_two_lines() -> None:
    with pytest.raises(CatalogueError, match="one line"):
        translate_page(block("x = 1  # note\n", "python"), {"note": "一\n二"})


def test_markup_in_a_translation_is_escaped() -> None:
    translated = translate_page(block("x = 1  # note\n", "python"), {"note": "<b>&"})
    assert "&lt;b&gt;&amp;" in translated


@pytest.mark.parametrize(("content", "message"), [
    ('[[comment]]\nen = "a"\nzh = "甲"\n[[comment]]\nen = "a"\nzh = "乙"\n', "again, differently"),
    ('[[comment]]\nen = "a  b"\nzh = "甲"\n', "whitespace-folded"),
    ('[[comment]]\nen = "a"\n', "exactly two"),
    ('[[entry]]\nen = "a"\nzh = "甲"\n', "unknown tables"),
    ('[[comment]\n', "not valid TOML"),
])
def test_a_bad_catalogue_is_refused_with_the_reason(tmp_path: Path, content: str, message: str) -> None:
    catalogue = tmp_path / "comments.zh.toml"
    catalogue.write_text(content, encoding="utf-8")
    with pytest.raises(CatalogueError, match=message):
        load_catalogue([catalogue])


def test_the_chapters_catalogues_load() -> None:
    assert isinstance(load_catalogue(), dict)


def test_every_comment_the_site_shows_is_translated_and_every_entry_is_used(built_site: Path) -> None:
    missing, unused = report(built_site)
    assert not missing, f"{len(missing)} comments have no entry in snippets/*/comments.zh.toml: {sorted(missing)[:5]}"
    assert not unused, f"{len(unused)} entries translate comments no page shows: {sorted(unused)[:5]}"


def test_chinese_pages_show_chinese_comments_and_english_pages_english(built_site: Path) -> None:
    catalogue = load_catalogue()
    english_keys = set()
    for page in (built_site / "en").rglob("*.html"):
        english_keys |= comment_keys(page.read_text(encoding="utf-8"))
    assert english_keys, "no comments found on the English pages: the check would pass vacuously"
    chinese_keys = set()
    for page in built_site.rglob("*.html"):
        if not page.relative_to(built_site).parts[0] == "en":
            chinese_keys |= comment_keys(page.read_text(encoding="utf-8"))
    untranslated = {key for key in chinese_keys & english_keys if catalogue[key] != key}
    assert not untranslated, f"English comments left on Chinese pages: {sorted(untranslated)[:5]}"


def test_translations_keep_the_math_and_the_code() -> None:
    """Inline math and backticked code of a comment stand unchanged in its translation."""
    for english, chinese in load_catalogue().items():
        for token in re.findall(r"\$[^$]+\$|`[^`]+`", english):
            assert normalize(token) in normalize(chinese), (token, chinese)
