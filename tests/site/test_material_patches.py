"""The edits to Material's files apply to the pinned Material, and fail loudly when they cannot."""
from __future__ import annotations

from pathlib import Path

import material
import pytest

from sitebuild.material_patches import PATCHES, Patch, PatchError, patched

THEME = Path(material.__file__).parent / "templates"


def test_each_edit_finds_its_text_once_in_the_installed_material() -> None:
    for patch in PATCHES:
        (source,) = THEME.glob(patch.files)
        text = patched(source.read_text(encoding="utf-8"), (patch,), source.name)
        assert patch.new in text and patch.old not in text


def test_text_found_twice_or_not_at_all_is_refused_naming_the_edit() -> None:
    edit = Patch("x.js", "let a=1;", "let a=2;")
    assert patched("f();let a=1;g()", (edit,), "x.js") == "f();let a=2;g()"
    for text, count in [("f()", 0), ("let a=1;let a=1;", 2)]:
        with pytest.raises(PatchError, match=rf"x\.js: .*'let a=1;' once, found it {count} times"):
            patched(text, (edit,), "x.js")


def test_the_site_serves_the_edited_bundle_and_keeps_the_switching_rule(built_site: Path) -> None:
    (bundle,) = (built_site / "assets" / "javascripts").glob("bundle.*.min.js")
    text = bundle.read_text(encoding="utf-8")
    assert all(p.new in text and p.old not in text for p in PATCHES)
    (palette,) = (built_site / "assets" / "stylesheets").glob("palette.*.min.css")
    assert "[data-md-color-switching] *" in palette.read_text(encoding="utf-8")
