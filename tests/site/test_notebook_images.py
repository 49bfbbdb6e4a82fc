"""Notebook plots are written out as image files and linked lazily, with their size."""
from __future__ import annotations

import base64
import re
import struct
import zlib
from pathlib import Path

import pytest

from sitebuild.notebook_images import IMAGE_DIR, NotebookImageError, images_as_files, png_size


def tiny_png(width: int, height: int) -> bytes:
    """A valid grey PNG of `width` x `height` pixels."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def embedded(data: bytes, kind: str = "png") -> str:
    return (f'<div class="jp-RenderedImage"><img alt="Loss per step" class="" '
            f'src="data:image/{kind};base64,{base64.b64encode(data).decode()}"/></div>')


def test_png_size_reads_the_header() -> None:
    assert png_size(tiny_png(7, 3)) == (7, 3)
    with pytest.raises(NotebookImageError, match="not a PNG"):
        png_size(b"GIF89a" + bytes(30))


def test_an_embedded_png_becomes_a_lazy_file_with_its_size(tmp_path: Path) -> None:
    data = tiny_png(12, 5)
    html = "<p>before</p>" + embedded(data) + "<p>after</p>"
    out = images_as_files(html, "dl/notebooks/demo/", tmp_path)
    files = list((tmp_path / IMAGE_DIR).iterdir())
    assert [file.read_bytes() for file in files] == [data]
    assert "data:image" not in out
    assert out.startswith("<p>before</p>") and out.endswith("<p>after</p>")
    img = re.search(r"<img [^>]*>", out)[0]
    assert f'src="../../../{IMAGE_DIR}/{files[0].name}"' in img
    assert 'width="12" height="5"' in img and 'loading="lazy"' in img
    assert 'alt="Loss per step"' in img


def test_the_same_plot_on_two_pages_is_one_file_named_by_its_bytes(tmp_path: Path) -> None:
    first = images_as_files(embedded(tiny_png(4, 4)), "dl/notebooks/demo/", tmp_path)
    second = images_as_files(embedded(tiny_png(4, 4)), "en/dl/notebooks/demo/", tmp_path)
    other = images_as_files(embedded(tiny_png(4, 5)), "dl/notebooks/demo/", tmp_path)
    assert len(list((tmp_path / IMAGE_DIR).iterdir())) == 2
    name = re.search(r'notebook-images/([^"]+)"', first)[1]
    assert f"../../../../{IMAGE_DIR}/{name}" in second
    assert name not in other


def test_a_jpeg_is_written_out_without_a_size(tmp_path: Path) -> None:
    out = images_as_files(embedded(b"\xff\xd8\xff\xe0 not decoded", "jpeg"), "p/", tmp_path)
    assert re.search(r'src="\.\./assets/notebook-images/\w+\.jpg" loading="lazy"', out), out


def test_broken_base64_is_an_error_naming_the_problem(tmp_path: Path) -> None:
    html = '<img alt="x" src="data:image/png;base64,iVBOR***"/>'
    with pytest.raises(NotebookImageError, match="png image is not valid base64"):
        images_as_files(html, "p/", tmp_path)


def test_built_notebook_pages_link_their_plots_as_files(built_site: Path) -> None:
    pages = [page for page in built_site.rglob("notebooks/*/index.html")]
    assert len(pages) >= 6
    plots = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "data:image/png" not in html, page.relative_to(built_site)
        for src, width, height in re.findall(
                r'<img [^>]*src="([^"]*notebook-images/[^"]+)" width="(\d+)" height="(\d+)" loading="lazy"', html):
            image = (page.parent / src).resolve()
            assert image.is_file(), f"{page.relative_to(built_site)}: {src}"
            assert png_size(image.read_bytes()) == (int(width), int(height))
            plots += 1
    assert plots >= 8, "the notebooks' plots are no longer found as files"
