"""A notebook's plots are image files beside the site's other assets, not base64 in its page.

nbconvert writes each plot into the page as a data: URL. On dl/notebooks/bn_smoothness/ the
two plots were 151 KB of the page's 275 KB, which a phone downloads, and the parser wades
through, before it can draw the first paragraph: Lighthouse put first paint at 2.0 s there
against 1.4 s on pages of text. As files they load after the text, only when the reader
scrolls near them (loading="lazy"); their width and height are written on the <img>, so the
page keeps its layout while they arrive. A file is named by a digest of its bytes, so builds
stay reproducible and a plot that did not change keeps its URL (and its browser cache).
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import re
import struct
from pathlib import Path

from mkdocs.utils import get_relative_url

IMAGE_DIR = "assets/notebook-images"
_DATA_IMAGE = re.compile(r'<img (?P<attributes>[^>]*?)src="data:image/(?P<kind>png|jpeg);base64,(?P<data>[^"]+)"'
                         r'(?P<rest>[^>]*)>')
_EXTENSIONS = {"png": "png", "jpeg": "jpg"}
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class NotebookImageError(ValueError):
    """An embedded image that cannot be written out (not valid base64, or not the image it claims)."""


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height of a PNG image, from its header (IHDR, the first chunk)."""
    if len(data) < 24 or not data.startswith(_PNG_SIGNATURE) or data[12:16] != b"IHDR":
        raise NotebookImageError("not a PNG image (no PNG signature and IHDR header)")
    return struct.unpack(">II", data[16:24])


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
        size = ""
        if match["kind"] == "png" and "width=" not in match[0]:
            width, height = png_size(data)
            size = f' width="{width}" height="{height}"'
        src = get_relative_url(f"{IMAGE_DIR}/{name}", page_url)
        return (f'<img {match["attributes"]}src="{src}"{size} loading="lazy" decoding="async"'
                f'{match["rest"]}>')

    return _DATA_IMAGE.sub(write_out, html)
