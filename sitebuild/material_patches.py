"""Edits to Material's bundle and palette, in the copies the site serves.

Each one removes work the browser did on every page load before a reader could scroll
(Chromium traces at Lighthouse's 4x CPU slowdown).

The palette restyled the whole page four times (dl/normalization/, 6,909 elements, each
pass 0.15-0.35 s; ~0.6 s of its 1.4 s blocking time):

- it sets `data-md-color-switching` on <body> and removes it a moment later, to stop
  transitions while the colours change; its stylesheet rule `[data-md-color-switching] *`
  makes each of the two changes restyle every element. It happened on load too, where
  nothing changes colour. Now the attribute is set only when the palette differs from the
  one <body> already shows (a click on the toggle); the rule stays.
- it appends `<meta name="color-scheme">` and then fills it in, and the browser restyles
  the whole page for each (a "platform colour change"). The meta is no longer added; the
  page's colour scheme (canvas, scroll bars) follows the palette through extra.css instead
  (`:root:has(> body[data-md-color-scheme=slate])`).

Code blocks were mounted one after another, each inserting its copy button and then
reading the page's layout, so the browser styled and laid out the page again for every
block (python/objects/, 18 blocks: 19 style passes and 19 layouts, 0.15-0.34 s):

- each mount asked ClipboardJS whether copying is supported, a query that brings the
  page's style up to date; the answer is now asked once and kept.
- each block's first size was read at once (and the width of the block checked to find an
  element to observe); now it comes from the ResizeObserver alone, which measures all
  blocks in one layout after they are mounted. Whether a block overflows (and so gets
  `tabindex=0`) is decided from that size, as before; a block in a closed tab or <details>,
  or one far down the page that the browser does not render yet (extra.css), is measured
  when it is shown.

Each edit names the exact text it replaces in Material's minified files. Material is pinned
(requirements.lock); when an upgrade changes that text, the build fails naming the edit,
rather than serving the file unedited. The replacements use the bundle's own minified names
(its ResizeObserver stream, size reader, RxJS operators), checked by
tests/browser/test_code_blocks.py.
"""
from __future__ import annotations

import fnmatch
from dataclasses import dataclass

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files


class PatchError(RuntimeError):
    """Material's file no longer holds the text an edit replaces."""


@dataclass(frozen=True)
class Patch:
    files: str  # a glob of src_uri, e.g. assets/javascripts/bundle.*.min.js
    old: str
    new: str


SWITCHING_ONLY_ON_CHANGE = Patch(
    "assets/javascripts/bundle.*.min.js",
    'if(document.body.setAttribute("data-md-color-switching",""),',
    'if(["scheme","primary","accent"].some(k=>document.body.getAttribute("data-md-color-"+k)!==s.color[k])'
    '&&document.body.setAttribute("data-md-color-switching",""),',
)
NO_COLOR_SCHEME_META = Patch(
    "assets/javascripts/bundle.*.min.js",
    'let o=x("meta",{name:"color-scheme"});document.head.appendChild(o);',
    "let o={};",
)
# watchCodeBlock(el) = watchElementSize(el) without its first, synchronous reads (Le is
# watchElementSize, Ia the shared ResizeObserver, cn its entries, de getElementSize).
CODE_BLOCK_SIZE_FROM_RESIZE_OBSERVER = Patch(
    "assets/javascripts/bundle.*.min.js",
    "function es(e){return Le(e).pipe(",
    "function es(e){return Ia.pipe(O(r=>r.observe(e)),b(r=>cn.pipe(g(o=>o.target===e),A(()=>r.unobserve(e)))),"
    "m(()=>de(e))).pipe(",
)
CLIPBOARD_SUPPORT_ASKED_ONCE = Patch(
    "assets/javascripts/bundle.*.min.js",
    "if(Kn.default.isSupported()&&",
    "if((es.copySupported??=Kn.default.isSupported())&&",
)
PATCHES = (SWITCHING_ONLY_ON_CHANGE, NO_COLOR_SCHEME_META, CODE_BLOCK_SIZE_FROM_RESIZE_OBSERVER,
           CLIPBOARD_SUPPORT_ASKED_ONCE)


def patched(text: str, patches: tuple[Patch, ...], name: str) -> str:
    """`text` with each patch's `old` (found exactly once) replaced by its `new`."""
    for patch in patches:
        count = text.count(patch.old)
        if count != 1:
            raise PatchError(f"{name}: sitebuild/material_patches.py expects {patch.old!r} once, found it "
                             f"{count} times; Material changed: update or drop this edit")
        text = text.replace(patch.old, patch.new)
    return text


def patch_theme_files(files: Files, config: MkDocsConfig, patches: tuple[Patch, ...] = PATCHES) -> Files:
    """Replace each theme file a patch names by its edited copy (a generated file)."""
    for file in list(files):
        mine = tuple(p for p in patches if fnmatch.fnmatchcase(file.src_uri, p.files))
        if not mine or file.generated_by:
            continue
        text = patched(file.content_string, mine, file.src_uri)
        files.remove(file)
        files.append(File.generated(config, file.src_uri, content=text))
    missing = [p.files for p in patches if not any(fnmatch.fnmatchcase(f.src_uri, p.files) for f in files)]
    if missing:
        raise PatchError(f"no theme file matches {missing}: Material changed; update sitebuild/material_patches.py")
    return files
