"""size() and capacity() of a vector<int> after each push_back (from vector_growth.out);
dots mark the pushes that moved the elements into a new buffer."""
from __future__ import annotations

from matplotlib.figure import Figure

from snippets.cpp.figures import matches, recorded_output


def draw() -> Figure:
    rows = [(int(s), int(c), moved) for s, c, moved in
            matches(r"^(\d+) (\d+) (yes|no|-)$", recorded_output("vector_growth"))]
    sizes = [s for s, _, _ in rows]
    capacities = [c for _, c, _ in rows]
    figure = Figure(figsize=(6.4, 3.4), facecolor="white", layout="constrained")
    ax = figure.add_subplot()
    ax.step(sizes, capacities, where="post", color="#1f77b4", linewidth=1.5, label="capacity()")
    ax.plot(sizes, sizes, color="#ff7f0e", linewidth=1.2, label="size()")
    moved = [(s, c) for s, c, m in rows if m == "yes"]
    ax.plot([s for s, _ in moved], [c for _, c in moved], "o", color="#d62728", markersize=4,
            label="new buffer")
    ax.set(xlabel="push_back calls", ylabel="elements", xlim=(0, sizes[-1]), ylim=(0, max(capacities) * 1.05))
    ax.grid(True, linewidth=0.4, color="0.85")
    ax.legend(fontsize=8, loc="upper left")
    figure.draw_without_rendering()
    figure.set_layout_engine("none")
    return figure
