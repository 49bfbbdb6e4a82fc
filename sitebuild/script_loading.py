"""Every script a page loads by URL is deferred: it runs once the page is parsed, in order.

The scripts sat at the end of <body>, so they already ran after the content was parsed. But
when one had arrived before the parser reached it, the parser ran it, and those after it,
inside its own last task, with Material's bundle reading the scroll position as it starts
(a layout of the whole page). On dl/init/ that made one task of 0.45 s at Lighthouse's 4x
slowdown; deferred, TBT went from 376 to 124 ms (three runs each, in turn). Deferred
scripts run in the order the page lists them (search.js before Material's bundle, which it
must precede; the practice page's cards before practice.js), before DOMContentLoaded, as
before.
"""
from __future__ import annotations

import re

# An opening <script> tag with a src, not already deferred, async or a module.
_EXTERNAL_SCRIPT = re.compile(r"<script(?=\s[^>]*\bsrc=)(?![^>]*\s(?:defer|async)\b)(?![^>]*\btype=\"module\")")


def deferred(html: str) -> str:
    """`html` with `defer` on each external script that is neither async nor a module."""
    return _EXTERNAL_SCRIPT.sub("<script defer", html)
