"""Which names point at which objects after the copying session (snippets/python/copying.pycon).

The arrows are not drawn by hand: objects are grouped by identity (`is`) from the session's
own namespace, so the picture changes if the session does.
"""
from __future__ import annotations

import contextlib
import io

from matplotlib.figure import Figure

from snippets.python.figures import arrow, box, index_of, unique_by_identity
from snippets.sessions import run_session

NAMES = ("list1", "list2", "list3", "list4")
# How each name got its object, as in the session; code, so the same in both languages.
MADE_BY = {"list1": "[1, 2, 3, ['a', 'b']]", "list2": "list1", "list3": "list1.copy()",
           "list4": "copy.deepcopy(list1)"}
COLORS = {"name": "#f2f2f2", "outer": "#dbe8ff", "inner": "#ffe7c2",
          "note": "#5b6478"}
NESTED = 3  # index of the nested list inside each outer list


def draw() -> Figure:
    with contextlib.redirect_stdout(io.StringIO()):    # the session prints; the build need not
        namespace = run_session("python/copying.pycon")
    lists = [namespace[name] for name in NAMES]
    outers = unique_by_identity(lists)
    inners = unique_by_identity([outer[NESTED] for outer in outers])

    figure = Figure(figsize=(8.4, 4.0), facecolor="white")
    ax = figure.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, 12.2)
    ax.set_ylim(-0.45, 4.75)
    ax.axis("off")

    name_y = {name: 3.75 - i * 1.1 for i, name in enumerate(NAMES)}
    outer_y = [3.3 - i * 1.45 for i in range(len(outers))]
    inner_y = [3.0 - i * 1.9 for i in range(len(inners))] if len(inners) > 1 else [2.1]
    for x, title in ((1.35, "names"), (5.55, "list objects"), (10.3, "nested lists")):
        ax.text(x, 4.45, title, ha="center", fontsize=10, style="italic")

    for name, obj in zip(NAMES, lists):
        box(ax, 0.05 + 1.1 / 2, name_y[name], name, COLORS["name"], 1.1)
        ax.text(0.1, name_y[name] - 0.5, f"= {MADE_BY[name]}", ha="left", va="center",
                family="monospace", fontsize=8, color=COLORS["note"])
        arrow(ax, (1.2, name_y[name]), (3.65, outer_y[index_of(obj, outers)]))
    for i, outer in enumerate(outers):
        shown = ", ".join("[…]" if isinstance(v, list) else repr(v) for v in outer)
        box(ax, 3.7 + 3.7 / 2, outer_y[i], f"[{shown}]", COLORS["outer"], 3.7)
        arrow(ax, (7.45, outer_y[i]), (8.95, inner_y[index_of(outer[NESTED], inners)]))
    for i, inner in enumerate(inners):
        box(ax, 9.0 + 2.6 / 2, inner_y[i], repr(inner), COLORS["inner"], 2.6)
    shared_ints = all(outer[i] is lists[0][i] for outer in outers for i in range(NESTED))
    note = "the same int objects" if shared_ints else "different int objects"
    ax.text(6.1, -0.25, f"1, 2, 3: {note} in every list object", ha="center", fontsize=8,
            color=COLORS["note"], family="monospace")
    return figure
