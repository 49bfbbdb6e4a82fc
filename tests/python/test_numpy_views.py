"""The numbers the NumPy views page states in prose, computed from the arrays."""
from __future__ import annotations

import numpy as np
import pytest

from snippets.python.figures.strided_view import arrays, element_offsets
from tests.pages import LANGUAGES, page_text, visible_text


@pytest.mark.parametrize("language", LANGUAGES)
def test_strides_offsets_and_sizes_on_the_page(language: str) -> None:
    m, s = arrays()
    text = visible_text(page_text("python/numpy-views.md", language))
    for strides in (m.strides, s.strides, m.T.strides):
        assert f"`{strides}`" in text
    start = element_offsets(s, m)[0]
    assert start == 8 and s.strides == (64, 16)
    assert f"{start}" in text and "64" in text and "16" in text
    big = np.zeros(1_000_000)
    assert big.nbytes == 8_000_000 and big[:10].nbytes == 80
    assert "8 MB" in text and "80" in text
    assert np.__version__.startswith("2.4.") and "2.4" in text
