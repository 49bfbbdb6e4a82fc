"""What the copying page says about copy's and deepcopy's tables of types, checked on them."""
from __future__ import annotations

import copy
import types
from collections import namedtuple

import pytest

from tests.pages import LANGUAGES, page_text, visible_text

SHARED_BY_COPY = [int, float, complex, bool, str, bytes, tuple, frozenset, range, slice,
                  type(None), types.FunctionType, type]
COPIED_BY_METHOD = [list, dict, set, bytearray]
ATOMIC_FOR_DEEPCOPY = [int, float, complex, bool, str, bytes, range, type(None),
                       types.FunctionType, type]
NOT_IN_DEEPCOPY_TABLE = [frozenset, slice, set, bytearray]
SAMPLES = {int: 10**20, float: 1.5, complex: 1j, bool: True, str: "cam0", bytes: b"\x00",
           tuple: (1, "a"), frozenset: frozenset({1, 2}), range: range(3),
           slice: slice(1, 2), type(None): None, types.FunctionType: lambda: 0, type: int}


@pytest.mark.parametrize("kind", SHARED_BY_COPY, ids=lambda k: k.__name__)
def test_copy_returns_these_types_themselves(kind: type) -> None:
    assert kind in copy._copy_dispatch
    assert copy.copy(SAMPLES[kind]) is SAMPLES[kind]


@pytest.mark.parametrize("kind", COPIED_BY_METHOD, ids=lambda k: k.__name__)
def test_copy_calls_the_copy_method_of_these(kind: type) -> None:
    assert copy._copy_dispatch[kind] is kind.copy


@pytest.mark.parametrize("kind", ATOMIC_FOR_DEEPCOPY, ids=lambda k: k.__name__)
def test_deepcopy_shares_these_types(kind: type) -> None:
    assert copy._deepcopy_dispatch[kind] is copy._deepcopy_dispatch[int]
    assert copy.deepcopy(SAMPLES[kind]) is SAMPLES[kind]


@pytest.mark.parametrize("kind", NOT_IN_DEEPCOPY_TABLE, ids=lambda k: k.__name__)
def test_deepcopy_rebuilds_these_types(kind: type) -> None:
    assert kind not in copy._deepcopy_dispatch
    sample = SAMPLES[kind] if kind in SAMPLES else kind([1])
    clone = copy.deepcopy(sample)
    assert clone == sample and clone is not sample


def test_a_namedtuple_is_in_neither_table_and_is_copied_by_both() -> None:
    pair_type = namedtuple("Pair", "x y")
    pair = pair_type(1, 2)
    assert pair_type not in copy._copy_dispatch and pair_type not in copy._deepcopy_dispatch
    assert copy.copy(pair) is not pair and copy.deepcopy(pair) is not pair


def test_a_tuple_is_shared_only_when_every_item_comes_back_unchanged() -> None:
    flat, nested, holds_frozenset = (1, "a"), (1, [2]), (1, frozenset({2}))
    assert copy.deepcopy(flat) is flat
    assert copy.deepcopy(nested) is not nested
    assert copy.deepcopy(holds_frozenset) is not holds_frozenset


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_copying_page_names_the_tables_and_the_frozenset_case(language: str) -> None:
    text = visible_text(page_text("python/copying.md", language))
    for name in ("copy._copy_dispatch", "copy._deepcopy_dispatch", "__reduce_ex__(4)",
                 "frozenset", "namedtuple", "3.11", "3.12", "3.13"):
        assert name in text, f"{name} missing from the {language} page"
