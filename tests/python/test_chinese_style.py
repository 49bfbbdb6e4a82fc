"""The Chinese Python pages: standard terms a reader searches for, one style of quotation marks."""
from __future__ import annotations

import re
from pathlib import Path

import jupytext
import pytest

from sitebuild import DOCS_DIR
from tests.pages import errata_section, relative

ZH_PAGES = sorted(p for p in (DOCS_DIR / "python").glob("*.md") if ".en." not in p.name)
ZH_NOTEBOOKS = sorted(p for p in (DOCS_DIR / "python" / "notebooks").glob("*.py")
                      if ".en." not in p.name)

# page -> terms introduced there, where the concept first appears
TERMS = {
    "objects.md": ["列表显示式", "列表字面量", "list display", "可哈希（hashable）",
                   "引用计数**（reference counting）", "永生对象", "增强赋值"],
    "copying.md": ["浅拷贝**（shallow copy", "浅复制", "深拷贝**（deep copy", "深复制",
                   "命名元组", "列表推导式"],
    "calls.md": ["共享传参", "传对象引用", "可变默认参数", "可变位置参数", "可变关键字参数"],
    "decorators.md": ["装饰器（decorator）", "闭包，closure", "延迟绑定（late binding）",
                      "一等公民"],
    "classes.md": ["类属性**（class attribute）", "数据描述符", "方法解析顺序", "魔术方法"],
    "methods.md": ["实例方法（instance method）", "类方法（class method）",
                   "静态方法（static method）"],
}


@pytest.mark.parametrize("page", sorted(TERMS))
def test_standard_chinese_terms_are_introduced(page: str) -> None:
    text = (DOCS_DIR / "python" / page).read_text(encoding="utf-8")
    missing = [term for term in TERMS[page] if term not in text]
    assert not missing, f"{page} does not introduce {missing}"


def prose(text: str) -> str:
    """The text outside fenced blocks, code spans, link targets, HTML tags and admonition titles."""
    text = re.sub(r"^( *)(```|~~~).*?^\1\2\s*$", "", text, flags=re.MULTILINE | re.DOTALL)
    text = re.sub(r"^\s*(!!!|\?\?\?)\s+\w+(?:\s+\"[^\"\n]*\")?", "", text, flags=re.MULTILINE)
    text = re.sub(r"`[^`\n]*`", "", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"<[^>\n]+>", "", text)
    return text


def quotation_problems(text: str) -> list[str]:
    problems = []
    for line in prose(text).splitlines():
        if re.search(r"[「」『』\"]", line):
            problems.append(line.strip()[:80])
        if line.count("“") != line.count("”") or line.count("‘") != line.count("’"):
            problems.append(line.strip()[:80])
    return problems


@pytest.mark.parametrize("page", ZH_PAGES, ids=relative)
def test_chinese_pages_quote_with_curly_quotes_only(page: Path) -> None:
    assert not quotation_problems(page.read_text(encoding="utf-8"))


@pytest.mark.parametrize("notebook", ZH_NOTEBOOKS, ids=relative)
def test_chinese_notebook_text_quotes_with_curly_quotes_only(notebook: Path) -> None:
    cells = [cell.source for cell in jupytext.read(notebook).cells if cell.cell_type == "markdown"]
    assert not quotation_problems("\n\n".join(cells))


def test_the_python_errata_quote_the_post_with_curly_quotes() -> None:
    section = errata_section("zh", "python")
    assert "“" in section and not quotation_problems(section)


def test_the_check_finds_corner_brackets_and_ascii_quotes() -> None:
    assert quotation_problems("原文：「引用」") and quotation_problems('他说 "是"')
    assert not quotation_problems('原文：“引用‘嵌套’” 和 `"code"`')
