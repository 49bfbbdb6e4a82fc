"""Notebook plots are written out as image files and linked lazily, with their size and the
alt text their notebook gives them."""
from __future__ import annotations

import base64
import re
import struct
import zlib
from html import unescape as html_unescape
from pathlib import Path

import nbformat
import pytest

from sitebuild.notebook_images import (IMAGE_DIR, NotebookImageError, describe_plots, images_as_files,
                                       png_description, png_size, with_description)


def tiny_png(width: int, height: int, description: str | None = "Loss per step") -> bytes:
    """A valid grey PNG of `width` x `height` pixels, with `description` unless None."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
    return png if description is None else with_description(png, description)


def embedded(data: bytes, kind: str = "png") -> str:
    return (f'<div class="jp-RenderedImage"><img alt="No description has been provided for this image" class="" '
            f'src="data:image/{kind};base64,{base64.b64encode(data).decode()}"/></div>')


def test_png_size_reads_the_header() -> None:
    assert png_size(tiny_png(7, 3)) == (7, 3)
    with pytest.raises(NotebookImageError, match="not a PNG"):
        png_size(b"GIF89a" + bytes(30))


def test_a_description_goes_into_the_png_and_comes_back_out() -> None:
    plain = tiny_png(3, 2, description=None)
    assert png_description(plain) is None
    text = "两条曲线：BN 最低 & \"noisy\" 居中"
    described = with_description(plain, text)
    assert png_description(described) == text
    assert png_size(described) == (3, 2)
    assert len(described) == len(plain) + 12 + len(b"Description") + 5 + len(text.encode())
    with pytest.raises(NotebookImageError, match="empty description"):
        with_description(plain, "  ")


def test_describe_plots_uses_the_alt_of_the_cell_that_drew_each_plot() -> None:
    png = base64.b64encode(tiny_png(2, 2, description=None)).decode()
    notebook = nbformat.from_dict({"cells": [
        {"cell_type": "code", "metadata": {"alt": "first plot"}, "outputs": [
            {"output_type": "stream", "text": "printed"}, {"output_type": "display_data", "data": {"image/png": png}}]},
        {"cell_type": "code", "metadata": {}, "outputs": [{"output_type": "display_data", "data": {"image/png": png}}]},
        {"cell_type": "markdown", "metadata": {"alt": "not a plot"}, "source": "text"},
    ]})
    describe_plots(notebook)
    first, second = (cell.outputs[-1].data["image/png"] for cell in notebook.cells[:2])
    assert png_description(base64.b64decode(first)) == "first plot"
    assert png_description(base64.b64decode(second)) is None


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
    assert img.count("alt=") == 1 and 'alt="Loss per step"' in img


def test_a_plot_without_a_description_is_an_error_naming_the_fix(tmp_path: Path) -> None:
    with pytest.raises(NotebookImageError, match='no description.*# %% alt="..."'):
        images_as_files(embedded(tiny_png(4, 4, description=None)), "p/", tmp_path)


def test_the_alt_text_is_escaped(tmp_path: Path) -> None:
    out = images_as_files(embedded(tiny_png(4, 4, description='a "quoted" <b> & c')), "p/", tmp_path)
    assert 'alt="a &quot;quoted&quot; &lt;b&gt; &amp; c"' in out


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


def test_built_notebook_pages_link_their_plots_as_files_with_their_alt_text(built_site: Path) -> None:
    pages = [page for page in built_site.rglob("notebooks/*/index.html")]
    assert len(pages) >= 6
    plots = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "data:image/png" not in html, page.relative_to(built_site)
        assert "No description has been provided" not in html, page.relative_to(built_site)
        for alt, src, width, height in re.findall(r'<img [^>]*alt="([^"]+)" [^>]*src="([^"]*notebook-images/[^"]+)"'
                                                  r' width="(\d+)" height="(\d+)" loading="lazy"', html):
            image = (page.parent / src).resolve()
            assert image.is_file(), f"{page.relative_to(built_site)}: {src}"
            assert png_size(image.read_bytes()) == (int(width), int(height))
            assert len(alt) > 40 and png_description(image.read_bytes()) == html_unescape(alt)
            english = page.parts[len(built_site.parts)] == "en"
            assert english != bool(re.search(r"[\u4e00-\u9fff]", alt)), f"{page.relative_to(built_site)}: {alt}"
            plots += 1
    assert plots >= 8, "the notebooks' plots are no longer found as files"
