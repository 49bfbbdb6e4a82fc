"""Blocks the browser skips until they come near the screen (content-visibility, extra.css).

A skipped block has not been measured yet, so scripts that decide from a block's width
whether it is a tab stop (Material for code, math.js for formulas) decide when it is
rendered. The functions here return JavaScript for `page.evaluate` that, for the blocks a
CSS selector names, lets a test see them as a reader scrolling through the page would: which
are skipped on load, each one brought on screen in turn, then every block's tabindex against
its real width.
"""
from __future__ import annotations

import json

# Renders every block the browser skips, as a reader sees each part once scrolled there.
RENDER_ALL = "* { content-visibility: visible !important; }"


def skipped_and_tabindex(selector: str) -> str:
    """[whether the browser skips the block's content for now, its tabindex] for each block.

    Skipped: it would be displayed, but is too far from the screen to be rendered yet (not
    one in a closed <details> or a hidden tab). A block past a page's first ones is itself
    the element whose content is skipped, so its first child is asked.
    """
    return f"""() => Array.from(document.querySelectorAll({json.dumps(selector)})).map(block => {{
      const content = block.firstElementChild || block;
      return [content.checkVisibility() && !content.checkVisibility({{contentVisibilityAuto: true}}),
              block.getAttribute('tabindex')];
    }})"""


def show_each(selector: str) -> str:
    """Open every <details>, then bring each block to the middle of the screen for two frames."""
    return f"""async () => {{
      const frame = () => new Promise(resolve => requestAnimationFrame(resolve));
      document.querySelectorAll('.md-content details').forEach(details => details.open = true);
      for (const block of document.querySelectorAll({json.dumps(selector)})) {{
        block.scrollIntoView({{block: 'center'}});
        await frame(); await frame();
      }}
      await new Promise(resolve => setTimeout(resolve, 100));
    }}"""


def tabindex_then_width(selector: str) -> str:
    """[index, displayed, wider than its box, tabindex] for each block.

    The tabindexes are read first; then every block is rendered and measured in the same
    task, before a script can see the blocks rendered and measure them again.
    """
    return f"""() => {{
      const blocks = Array.from(document.querySelectorAll({json.dumps(selector)}));
      const tabindexes = blocks.map(block => block.getAttribute('tabindex'));
      const style = document.createElement('style');
      style.textContent = {json.dumps(RENDER_ALL)};
      document.head.append(style);
      const state = blocks.map((block, i) => [i, block.getClientRects().length > 0,
                                              block.scrollWidth > block.clientWidth, tabindexes[i]]);
      style.remove();
      return state;
    }}"""
