"""The search queries and what each must list first; typing them into the search box as a reader would.

The queries are concepts taken from the pages' titles and headings (each is checked to be in
the title of the entry it expects), every page's own title, and the usual names of concepts
once the pages use them. A location with an anchor expects that section to be the entry Enter
opens; without one, the first result to be that page (its article or one of its sections).
"""
from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from pathlib import Path

from tests.browser.reader import read_page

# One query: empty the box and wait for Material's placeholder (so no earlier answer is still on
# its way), set the query (as an IME does, without key events), send the keyup Material
# searches on, wait for the answer. The best entry of the first result is the one Enter opens:
# the highest-scored link of the first item.
RUN_QUERIES = r"""
async (queries) => {
  const config = JSON.parse(document.getElementById('__config').textContent);
  const placeholder = config.translations['search.result.placeholder'];
  const none = config.translations['search.result.none'];
  const input = document.querySelector('.md-search__input');
  const list = document.querySelector('.md-search-result__list');
  const meta = document.querySelector('.md-search-result__meta');
  const type = (value) => {
    input.value = value;
    input.dispatchEvent(new KeyboardEvent('keyup', {key: 'End', bubbles: true}));
  };
  const until = async (done) => {
    const stop = Date.now() + 10000;
    while (!done()) {
      if (Date.now() > stop) throw new Error('search gave no answer within 10 s');
      await new Promise(resolve => setTimeout(resolve, 5));
    }
  };
  const answers = [];
  for (const query of queries) {
    type('');
    await until(() => meta.textContent === placeholder && list.children.length === 0);
    type(query);
    await until(() => list.children.length > 0 || meta.textContent === none);
    const items = Array.from(list.querySelectorAll(':scope > .md-search-result__item'));
    const scored = (item) => Array.from(item.querySelectorAll('a.md-search-result__link')).map(link => ({
      href: link.href, score: parseFloat(link.firstElementChild.dataset.mdScore)}));
    const first = items.length ? scored(items[0]) : [];
    const best = first.reduce((top, link) => (top === null || link.score > top.score ? link : top), null);
    answers.push({query, best: best && best.href,
                  pages: items.slice(0, 5).map(item => item.querySelector('a.md-search-result__link').href)});
  }
  return answers;
}
"""


@dataclass
class Answer:
    query: str
    best: str | None      # location of the entry Enter opens, relative to the site root ("dl/backprop/#z")
    pages: list[str]      # the first five results' pages


def location(url: str, root: str) -> str:
    """A result's address as a location of the served site ("dl/backprop/#z"), from either copy.

    The offline copy links "dl/backprop.html" and "index.html" where the served site links
    "dl/backprop/" and "".
    """
    path, _, anchor = url.removeprefix(root).partition("#")
    path = path.split("?")[0]
    if path.endswith("index.html"):
        path = path.removesuffix("index.html")
    elif path.endswith(".html"):
        path = path.removesuffix(".html") + "/"
    return path + (f"#{anchor}" if anchor else "")


def search_all(browser, home_url: str, root: str, queries: list[str]) -> tuple[list[Answer], list[str]]:
    """Open `home_url` once, run every query in its search box; return the answers in order and
    the page's console errors."""
    context = browser.new_context()
    try:
        report, page = read_page(context, home_url)
        page.keyboard.press("/")
        answers = page.evaluate(RUN_QUERIES, queries)
    finally:
        context.close()
    return [Answer(a["query"], a["best"] and location(a["best"], root),
                   [location(p, root).split("#")[0] for p in a["pages"]]) for a in answers], report.console_errors


QUERIES = {
    "zh": [
        ("深拷贝", "python/copying/"),
        ("反向传", "dl/backprop/"),  # still typing: the last word is a prefix
        ("浅拷贝", "python/copying/"),
        ("共享传参", "python/calls/"),
        ("传值还是传引用", "python/calls/#_2"),
        ("可变默认参数陷阱", "python/calls/#mutable-default"),
        ("闭包", "python/decorators/#_3"),
        ("多个装饰器的顺序", "python/decorators/#_6"),
        ("可哈希", "python/objects/#_8"),
        ("小整数缓存", "python/objects/#is"),
        ("字符串驻留", "python/objects/#is"),
        ("元组里放一个列表", "python/objects/#_7"),
        ("可变类属性陷阱", "python/classes/#_5"),
        ("遮蔽类属性", "python/classes/#_4"),
        ("静态方法", "python/methods/"),
        ("类方法做工厂", "python/methods/#cls"),
        ("二维列表陷阱", "python/notebooks/id_tour/#_4"),
        ("反向传播", "dl/backprop/"),
        ("链式法则", "dl/backprop/#_3"),
        ("中心差分", "dl/backprop/#gradient-check"),
        ("梯度消失", "dl/vanishing-gradients/"),
        ("激活函数", "dl/activations/"),
        ("GELU", "dl/activations/#gelu"),
        ("ReLU6", "dl/activations/#relu6"),
        ("训练和推理", "dl/normalization/#_4"),
        ("智能指针", "cpp/smart-pointers/"),
        ("unique_ptr", "cpp/smart-pointers/#unique_ptr"),
        ("make_shared", "cpp/smart-pointers/#make_shared"),
        ("多态", "cpp/polymorphism/"),
        ("纯虚函数", "cpp/polymorphism/#_3"),
        ("虚继承", "cpp/polymorphism/#virtual-inheritance"),
        ("虚析构函数", "cpp/inheritance/"),
        ("静态局部变量", "cpp/keywords/#1"),
        ("静态数据成员", "cpp/keywords/#3"),
        ("静态成员函数", "cpp/keywords/#4"),
        ("const 成员函数", "cpp/keywords/#const_1"),
        ("移动语义", "cpp/language/#move"),
        ("右值引用", "cpp/language/#_2"),
        ("noexcept", "cpp/language/#noexcept"),
        ("内存分区", "cpp/language/#memory"),
        ("严格弱序", "cpp/stl/#_1"),
        ("迭代器失效", "cpp/stl/#invalidation"),
        ("数据竞争", "cpp/concurrency/#_3"),
        ("原子变量", "cpp/concurrency/#atomics"),
        ("读写锁", "cpp/concurrency/#shared_mutex"),
        ("条件变量", "cpp/concurrency/#condition-variable"),
        ("生产者—消费者队列", "cpp/concurrency/#condition-variable"),
        ("死锁", "cpp/concurrency/#deadlock"),
        ("内存序", "cpp/concurrency/#memory-order"),
    ],
    "en": [
        ("deep copy", "python/copying/"),
        ("deep cop", "python/copying/"),  # still typing
        ("shallow copy", "python/copying/"),
        ("call by sharing", "python/calls/"),
        ("by value or by reference", "python/calls/#by-value-or-by-reference"),
        ("mutable default argument", "python/calls/#mutable-default"),
        ("closures", "python/decorators/#closures"),
        ("stacked decorators", "python/decorators/#the-order-of-stacked-decorators"),
        ("hashable", "python/objects/#what-does-hashable-mean"),
        ("small-int cache", "python/objects/#small-int-cache-and-string-interning-why-never-compare-numbers-with-is"),
        ("string interning", "python/objects/#small-int-cache-and-string-interning-why-never-compare-numbers-with-is"),
        ("tuple holds a list", "python/objects/#what-happens-when-a-tuple-holds-a-list"),
        ("mutable class attribute", "python/classes/#the-mutable-class-attribute-trap"),
        ("shadows a class attribute", "python/classes/#assigning-through-an-instance-shadows-a-class-attribute"),
        ("static methods", "python/methods/"),
        ("class methods as factories", "python/methods/#class-methods-as-factories-why-cls"),
        ("2-D list trap", "python/notebooks/id_tour/#the-2-d-list-trap"),
        ("backpropagation", "dl/backprop/"),
        ("chain rule", "dl/backprop/#the-chain-rule-two-cases"),
        ("central differences", "dl/backprop/#gradient-check"),
        ("vanishing gradients", "dl/vanishing-gradients/"),
        ("activation functions", "dl/activations/"),
        ("GELU", "dl/activations/#gelu"),
        ("ReLU6", "dl/activations/#relu6"),
        ("training and inference", "dl/normalization/#how-do-training-and-inference-differ"),
        ("smart pointers", "cpp/smart-pointers/"),
        ("unique_ptr", "cpp/smart-pointers/#unique_ptr-exclusive-ownership"),
        ("make_shared", "cpp/smart-pointers/#why-is-make_shared-recommended"),
        ("polymorphism", "cpp/polymorphism/"),
        ("pure virtual functions", "cpp/polymorphism/#what-are-virtual-and-pure-virtual-functions"),
        ("virtual inheritance", "cpp/polymorphism/#virtual-inheritance"),
        ("virtual destructors", "cpp/inheritance/"),
        ("static local variables", "cpp/keywords/#1-static-local-variables"),
        ("static data members", "cpp/keywords/#3-static-data-members"),
        ("static member functions", "cpp/keywords/#4-static-member-functions"),
        ("const member functions", "cpp/keywords/#const-member-functions"),
        ("move semantics", "cpp/language/#move"),
        ("rvalue references", "cpp/language/#what-are-rvalue-references-for"),
        ("noexcept", "cpp/language/#why-should-a-move-constructor-be-noexcept"),
        ("memory regions", "cpp/language/#memory"),
        ("strict weak ordering", "cpp/stl/#why-must-the-comparison-be-a-strict-weak-ordering"),
        ("iterators invalidated", "cpp/stl/#invalidation"),
        ("data race", "cpp/concurrency/#a-data-race-three-versions-of-a-counter"),
        ("atomic variables", "cpp/concurrency/#atomics"),
        ("reader-writer locks", "cpp/concurrency/#reader-writer-locks-shared_mutex"),
        ("condition variables", "cpp/concurrency/#condition-variable"),
        ("producer-consumer", "cpp/concurrency/#condition-variable"),
        ("deadlock", "cpp/concurrency/#deadlock"),
        ("memory order", "cpp/concurrency/#memory-order"),
    ],
}
# The usual names issue #9 asks the pages to introduce: tested once a page's text has them.
TERMS = {
    "zh": [("批归一化", "dl/normalization/"), ("层归一化", "dl/normalization/"),
           ("实例归一化", "dl/normalization/"), ("组归一化", "dl/normalization/"),
           ("万能引用", "cpp/language/"), ("列表字面量", "python/objects/")],
    "en": [("batch normalization", "dl/normalization/"), ("layer normalization", "dl/normalization/"),
           ("instance normalization", "dl/normalization/"), ("group normalization", "dl/normalization/")],
}
HOME = {"zh": "", "en": "en/"}
TAG = re.compile(r"<[^>]+>")


def index_entries(site: Path, language: str) -> list[dict]:
    return json.loads((site / HOME[language] / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def plain(text: str) -> str:
    return TAG.sub("", text).replace("\u200b", "").strip()


def cases(site: Path, language: str) -> list[tuple[str, str]]:
    """The hand-picked queries, every page's title, and the terms the pages already use."""
    docs = index_entries(site, language)
    titles = [(plain(doc["title"]), location(doc["location"], "")) for doc in docs if "#" not in doc["location"]]
    text = {location(doc["location"], ""): plain(doc["title"] + " " + doc["text"]).lower() for doc in docs}
    terms = [(term, page) for term, page in TERMS[language]
             if any(term in body for where, body in text.items() if where.startswith(page))]
    return QUERIES[language] + titles + terms


def first_result_failures(browser, home_url: str, root: str, language: str,
                          site: Path) -> tuple[list[str], int, float]:
    """Run every case in one page; return what went wrong, how many ran and how long they took."""
    expected = cases(site, language)
    prefix = HOME[language]
    started = time.monotonic()
    answers, errors = search_all(browser, home_url, root, [query for query, _ in expected])
    elapsed = time.monotonic() - started
    failures = [f"console error: {error}" for error in errors]
    for (query, where), answer in zip(expected, answers):
        want = prefix + where
        if answer.best is None:
            failures.append(f"{query!r}: no results, expected {want}")
            continue
        got = answer.best if "#" in want else answer.best.split("#")[0]
        if got != want:
            failures.append(f"{query!r}: first is {answer.best}, expected {want}; first pages {answer.pages}")
        other = [page for page in answer.pages if page.startswith("en/") != bool(prefix)]
        if other:
            failures.append(f"{query!r} lists pages of the other language: {other}")
    return failures, len(expected), elapsed
