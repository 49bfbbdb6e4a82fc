"""The Chinese Python pages introduce the standard terms a reader searches for.

Quotation marks are checked for every page in tests/docs/test_chinese_style.py.
"""
from __future__ import annotations

import pytest

from sitebuild import DOCS_DIR

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
