"""Only the part of nbconvert's stylesheets a notebook page can use.

mkdocs-jupyter inlines JupyterLab's whole stylesheet into every notebook page: 590 KB,
89 KB compressed, styling widgets, editors, menus and file browsers a static page never
shows, plus 80 KB of icons stored in CSS variables. A rule is kept when some selector of
it names only classes the page has (classes inside :not() and other functions do not
count, since they may match by being absent) and none of them puts `:root` below another
element, as the wrapper's `.jupyter-wrapper :root` does; a custom property is kept when a kept rule
or the page uses it, directly or through other properties.
"""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from typing import NamedTuple
from importlib.metadata import version
from pathlib import Path

import tinycss2
from tinycss2.ast import AtRule, Declaration, FunctionBlock, QualifiedRule

from .digest import stored_text

CLASS_ATTRIBUTE = re.compile(r'class="([^"]*)"')
VARIABLE_USE = re.compile(r"var\(\s*(--[\w-]+)")
GROUPING_RULES = {"media", "supports", "layer", "container"}
# Up to the first </style>, as (.*?)</style> with DOTALL would find it, ten times faster on
# JupyterLab's 590 KB stylesheet: runs of [^<] are skipped whole, not a character at a time.
STYLE_ELEMENT = re.compile(r"(<style\b[^>]*>)([^<]*(?:<(?!/style>)[^<]*)*)</style>")
TRIMMER_VERSION = hashlib.sha256(Path(__file__).read_bytes() + version("tinycss2").encode()).hexdigest()


def trim_style_elements(page_html: str, cache_dir: Path) -> str:
    """`page_html` with each <style> element cut to what the page can use; empty ones dropped.

    Parsing JupyterLab's stylesheet takes a third of a second, so results are kept in
    cache_dir under a digest of the stylesheets and of what the page uses.
    """
    elements = STYLE_ELEMENT.findall(page_html)
    if not elements:
        return page_html
    stylesheets = [css for _, css in elements]
    classes = sorted({name for value in CLASS_ATTRIBUTE.findall(page_html) for name in value.split()})
    variables = sorted(set(VARIABLE_USE.findall(page_html)))
    key = hashlib.sha256("\0".join([TRIMMER_VERSION, *stylesheets, *classes, "", *variables]).encode())

    def trim_now() -> str:
        trimmed = trim_stylesheets(stylesheets, set(classes), set(variables))
        return "".join(f"{tag}{css}</style>" for (tag, _), css in zip(elements, trimmed) if css)

    style = stored_text(cache_dir, f"{key.hexdigest()}.css", trim_now)
    first = STYLE_ELEMENT.search(page_html)
    rest = STYLE_ELEMENT.sub("", page_html[first.end():])
    return page_html[:first.start()] + style + rest


def trim_stylesheets(stylesheets: list[str], classes: set[str], variables: set[str]) -> list[str]:
    """`stylesheets` without the rules that name a class not in `classes`, and without the
    custom properties that neither the kept rules nor `variables` (used by the page) need."""
    kept = [_matching_rules(_parse(sheet), frozenset(classes)) for sheet in stylesheets]
    used = _used_variables(kept, set(variables))
    return ["".join(_serialize(rule, used) for rule in rules) for rules in kept]


class StyleRule(NamedTuple):
    selectors: list[list]  # the selectors that can match, as token lists
    declarations: list[Declaration]


class GroupRule(NamedTuple):
    rule: AtRule  # @media, @supports, ...
    children: list  # of StyleRule, GroupRule and AtRule


@lru_cache(maxsize=8)
def _parse(stylesheet: str) -> tuple:
    return tuple(tinycss2.parse_stylesheet(stylesheet, skip_comments=True, skip_whitespace=True))


def _matching_rules(rules, classes: frozenset[str]) -> list:
    kept = []
    for rule in rules:
        if isinstance(rule, QualifiedRule):
            selectors = [s for s in _selectors(rule.prelude) if _can_match(s, classes)]
            if selectors:
                kept.append(StyleRule(selectors, _declarations(rule.content)))
        elif isinstance(rule, AtRule) and rule.lower_at_keyword in GROUPING_RULES and rule.content:
            inner = _matching_rules(tinycss2.parse_rule_list(rule.content, skip_comments=True,
                                                             skip_whitespace=True), classes)
            if inner:
                kept.append(GroupRule(rule, inner))
        elif isinstance(rule, AtRule):
            kept.append(rule)
    return kept


def _selectors(prelude) -> list[list]:
    selectors: list[list] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append([])
        else:
            selectors[-1].append(token)
    return selectors


def _can_match(selector, classes: frozenset[str]) -> bool:
    """False when the selector names a class the page lacks, or puts :root below another element."""
    roots = [i for i, (colon, name) in enumerate(zip(selector, selector[1:]))
             if colon.type == "literal" and colon.value == ":" and name.type == "ident"
             and name.lower_value == "root"]
    return _classes(selector) <= classes and all(i == 0 for i in roots)


def _classes(selector) -> set[str]:
    return {name.value for dot, name in zip(selector, selector[1:])
            if dot.type == "literal" and dot.value == "." and name.type == "ident"}


def _declarations(content) -> list[Declaration]:
    return [d for d in tinycss2.parse_blocks_contents(content, skip_comments=True, skip_whitespace=True)
            if isinstance(d, Declaration)]


def _walk_declarations(kept):
    for item in kept:
        if isinstance(item, GroupRule):
            yield from _walk_declarations(item.children)
        elif isinstance(item, StyleRule):
            yield from item.declarations


def _uses(tokens) -> set[str]:
    found = set()
    for token in tokens:
        if isinstance(token, FunctionBlock):
            if token.lower_name == "var":
                found.update(t.value for t in token.arguments[:1] if t.type == "ident")
            found |= _uses(token.arguments)
        elif getattr(token, "content", None) is not None and not isinstance(token, AtRule):
            found |= _uses(token.content)
    return found


def _used_variables(kept_sheets: list[list], used: set[str]) -> set[str]:
    definitions: dict[str, set[str]] = {}
    for kept in kept_sheets:
        for declaration in _walk_declarations(kept):
            uses = _uses(declaration.value)
            if declaration.name.startswith("--"):
                definitions.setdefault(declaration.name, set()).update(uses)
            else:
                used |= uses
    pending = list(used)
    while pending:
        for name in definitions.get(pending.pop(), ()):
            if name not in used:
                used.add(name)
                pending.append(name)
    return used


def _serialize(item, used: set[str]) -> str:
    if isinstance(item, AtRule):
        return item.serialize()
    if isinstance(item, GroupRule):
        inner = "".join(_serialize(child, used) for child in item.children)
        return f"@{item.rule.at_keyword}{tinycss2.serialize(item.rule.prelude)}{{{inner}}}" if inner else ""
    declarations = [d for d in item.declarations if not d.name.startswith("--") or d.name in used]
    if not declarations:
        return ""
    selectors = ",".join(tinycss2.serialize(s).strip() for s in item.selectors)
    return f"{selectors}{{{';'.join(d.serialize() for d in declarations)}}}"
