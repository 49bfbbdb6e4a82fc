"""A notebook's plots are image files beside the site's other assets, not base64 in its page.

nbconvert writes each plot into the page as a data: URL. On dl/notebooks/bn_smoothness/ the
two plots were 151 KB of the page's 275 KB, which a phone downloads, and the parser wades
through, before it can draw the first paragraph: Lighthouse put first paint at 2.0 s there
against 1.4 s on pages of text. As files they load after the text, only when the reader
scrolls near them (loading="lazy"); their width and height are written on the <img>, so the
page keeps its layout while they arrive. A file is named by a digest of its bytes, so builds
stay reproducible and a plot that did not change keeps its URL (and its browser cache).

Every plot has alt text, written by the notebook's author on the cell that draws it
(jupytext: `# %% alt="..."`). nbconvert has no place for it (it writes "No description has
been provided for this image" on every plot), so it travels inside the PNG, as the image's
standard Description (an iTXt chunk, UTF-8), put there after the notebook is executed
(sitebuild/notebooks.py); here it becomes the <img>'s alt. A plot without one fails the build.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import re
import struct
import zlib
from html import escape
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.utils import get_relative_url

if TYPE_CHECKING:
    from nbformat import NotebookNode

IMAGE_DIR = "assets/notebook-images"
_DATA_IMAGE = re.compile(r'<img (?P<attributes>[^>]*?)src="data:image/(?P<kind>png|jpeg);base64,(?P<data>[^"]+)"'
                         r'(?P<rest>[^>]*)>')
_ALT = re.compile(r'\balt="[^"]*"\s*')
_EXTENSIONS = {"png": "png", "jpeg": "jpg"}
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class NotebookImageError(ValueError):
    """An embedded image that cannot be written out: not valid base64, not the image it claims,
    or a plot without a description."""


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height of a PNG image, from its header (IHDR, the first chunk)."""
    _check_png(data)
    return struct.unpack(">II", data[16:24])


def _check_png(data: bytes) -> None:
    if len(data) < 24 or not data.startswith(_PNG_SIGNATURE) or data[12:16] != b"IHDR":
        raise NotebookImageError("not a PNG image (no PNG signature and IHDR header)")


def _chunks(data: bytes) -> Iterator[tuple[bytes, bytes]]:
    """(type, body) of each chunk of a PNG."""
    offset = len(_PNG_SIGNATURE)
    while offset + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[offset:offset + 8])
        yield kind, data[offset + 8:offset + 8 + length]
        offset += 12 + length  # length, type, body, CRC


def with_description(data: bytes, description: str) -> bytes:
    """The PNG `data` with `description` as its Description (an iTXt chunk after the header)."""
    _check_png(data)
    if not description.strip():
        raise NotebookImageError("an empty description")
    body = b"Description\0\0\0\0\0" + description.encode("utf-8")
    chunk = struct.pack(">I", len(body)) + b"iTXt" + body + struct.pack(">I", zlib.crc32(b"iTXt" + body))
    header_end = len(_PNG_SIGNATURE) + 25  # the IHDR chunk: length, type, 13 bytes, CRC
    return data[:header_end] + chunk + data[header_end:]


def png_description(data: bytes) -> str | None:
    """The Description a PNG carries (iTXt, uncompressed, or tEXt), or None."""
    _check_png(data)
    for kind, body in _chunks(data):
        if kind == b"iTXt" and body.startswith(b"Description\0\0"):  # keyword, separator, not compressed
            language_tag, translated_keyword, text = body[len(b"Description\0\0\0"):].split(b"\0", 2)
            return text.decode("utf-8")
        if kind == b"tEXt" and body.startswith(b"Description\0"):
            return body[len(b"Description\0"):].decode("latin-1")
    return None


def images_as_files(html: str, page_url: str, site_dir: Path) -> str:
    """`html` (the page at `page_url`) with each base64 PNG or JPEG written to `site_dir`
    under IMAGE_DIR and linked from there, lazily loaded, with its size if it is a PNG."""

    def write_out(match: re.Match) -> str:
        try:
            data = base64.b64decode(match["data"], validate=True)
        except binascii.Error as exc:
            raise NotebookImageError(f"an embedded {match['kind']} image is not valid base64: {exc}") from exc
        name = f"{hashlib.sha256(data).hexdigest()[:20]}.{_EXTENSIONS[match['kind']]}"
        target = site_dir / IMAGE_DIR / name
        if not target.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        attributes, size = match["attributes"], ""
        if match["kind"] == "png":
            description = png_description(data)
            if description is None:
                raise NotebookImageError(
                    'a plot has no description: give the cell that draws it alt text (jupytext: # %% alt="...")')
            attributes = _ALT.sub("", attributes) + f'alt="{escape(description)}" '
            if "width=" not in attributes + match["rest"]:
                width, height = png_size(data)
                size = f' width="{width}" height="{height}"'
        src = get_relative_url(f"{IMAGE_DIR}/{name}", page_url)
        return f'<img {attributes}src="{src}"{size} loading="lazy" decoding="async"{match["rest"]}>'

    return _DATA_IMAGE.sub(write_out, html)


def describe_plots(notebook: NotebookNode) -> None:
    """Put each code cell's `alt` metadata into every PNG it output, as the image's Description."""
    for cell in notebook.cells:
        description = cell.get("metadata", {}).get("alt")
        if cell.get("cell_type") != "code" or description is None:
            continue
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "image/png" in data:
                png = base64.b64decode(data["image/png"])
                data["image/png"] = base64.b64encode(with_description(png, str(description))).decode("ascii")
