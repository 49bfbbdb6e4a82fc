"""Keep code blocks out of the search index.

Material's index holds each section's HTML, code included; code was 40 % of it, and every
page downloads the whole index on load (284 KB compressed). Prose already names what the
code shows, so readers still find the page.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

CODE_BLOCK = re.compile(r"<pre\b[^>]*>.*?</pre>", re.DOTALL)


def strip_code_blocks(site_dir: Path) -> bool:
    """Rewrite site_dir/search/search_index.json (and the offline build's .js copy) without code."""
    index_file = site_dir / "search" / "search_index.json"
    if not index_file.is_file():
        return False
    index = json.loads(index_file.read_text(encoding="utf-8"))
    for entry in index["docs"]:
        entry["text"] = CODE_BLOCK.sub(" ", entry["text"])
    data = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    index_file.write_text(data, encoding="utf-8")
    inlined = index_file.with_suffix(".js")  # Material's offline plugin: `var __index = {...}`
    if inlined.is_file():
        inlined.write_text(f"var __index = {data}", encoding="utf-8")
    return True
