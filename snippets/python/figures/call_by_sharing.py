"""Call by sharing: the caller's names and add()'s parameters, at the moment add returns.

`add` is the function of snippets/python/calls.pycon. The figure calls it on lists and on
tuples and records its local variables when it returns (with sys.setprofile), then groups
the objects by identity (`is`): the arrows are what the interpreter did, not a drawing.
"""
from __future__ import annotations

import contextlib
import io
import sys
from collections.abc import Callable
from typing import Any

from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from snippets.python.figures import arrow, box, unique_by_identity
from snippets.sessions import run_session

CASES = (("list", [1, 2], [3, 4]), ("tuple", (10, 20), (30, 40)))
COLORS = {"name": "#f2f2f2", "object": "#dbe8ff", "new": "#ffe7c2",
          "frame": "#8a93a6"}


def call_and_capture(func: Callable[..., Any], *args: Any) -> tuple[Any, dict[str, Any]]:
    """Call func(*args); return its result and its local variables as it returns."""
    captured: dict[str, Any] = {}

    def profiler(frame, event, arg) -> None:
        if event == "return" and frame.f_code is func.__code__:
            captured.update(frame.f_locals)

    previous = sys.getprofile()
    sys.setprofile(profiler)
    try:
        result = func(*args)
    finally:
        sys.setprofile(previous)
    return result, captured


def bindings(add: Callable[..., Any], x: Any, y: Any) -> dict[str, Any]:
    """Names -> objects: the caller's x, y and add's a, b, when add(x, y) returns."""
    _, local = call_and_capture(add, x, y)
    return {"x": x, "y": y, "a": local["a"], "b": local["b"]}


def _panel(ax, top: float, kind: str, names: dict[str, Any]) -> None:
    originals = [names["x"], names["y"]]
    objects = unique_by_identity(list(names.values()))
    ax.text(5.0, top, f"add(x, y) with {kind}s:  a += b", ha="center", fontsize=10.5,
            family="monospace", weight="bold")
    for label, left in (("caller", 0.2), ("inside add()", 7.9)):
        ax.add_patch(Rectangle((left, top - 0.5 - 1.6), 1.9, 1.75, fill=False, linestyle="--",
                               edgecolor=COLORS["frame"], linewidth=1.0))
        ax.text(left + 0.95, top - 0.3, label, ha="center", fontsize=9, style="italic",
                color=COLORS["frame"])
    object_y = {i: top - 0.75 - i * 0.72 for i in range(len(objects))}
    for i, obj in enumerate(objects):
        is_new = not any(obj is original for original in originals)
        box(ax, 5.0, object_y[i], repr(obj), COLORS["new"] if is_new else COLORS["object"], 3.0, height=0.56)
    for row, (caller, callee) in enumerate((("x", "a"), ("y", "b"))):
        y = top - 0.8 - row * 0.9
        box(ax, 1.15, y, caller, COLORS["name"], 0.9, height=0.56)
        box(ax, 8.85, y, callee, COLORS["name"], 0.9, height=0.56)
        for name, x0, x1 in ((caller, 1.65, 3.45), (callee, 8.35, 6.55)):
            target = next(i for i, obj in enumerate(objects) if obj is names[name])
            arrow(ax, (x0, y), (x1, object_y[target]))


def draw() -> Figure:
    with contextlib.redirect_stdout(io.StringIO()):    # the session prints; the build need not
        add = run_session("python/calls.pycon")["add"]

    figure = Figure(figsize=(7.6, 5.2), facecolor="white")
    ax = figure.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 6.9)
    ax.axis("off")
    for top, (kind, x, y) in zip((6.6, 3.2), CASES):
        _panel(ax, top, kind, bindings(add, list(x) if kind == "list" else x, y))
    return figure
