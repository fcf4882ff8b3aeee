"""The evaluation report's charts, drawn with matplotlib outside pyplot (no global state).

Each chart is built by a function that returns its ``Figure``, so a test can read its axes; every
legend sits under the plot so it covers no bar, and every bar carries its value.
"""

from __future__ import annotations

import logging
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

log = logging.getLogger(__name__)

# One colour per metric, the same in every chart, from Paul Tol's colour-blind-safe palette.
COLOURS = {"at1": "#66ccee", "at3": "#4477aa", "abstention_recall": "#ee7733", "latency": "#4477aa"}


def _new_figure(width: float, height: float) -> Figure:
    """A figure outside pyplot: no global backend switch, nothing to close, safe in any process."""
    from matplotlib.figure import Figure

    # Constrained layout makes room for legends placed outside the axes, so they cover no bar.
    return Figure(figsize=(width, height), layout="constrained")


def _legend_below(fig: Figure, ax: Axes) -> None:
    """Legend under the plot, one row: inside the axes it would sit on top of some bar or line."""
    fig.legend(*ax.get_legend_handles_labels(), loc="outside lower center", ncols=4, frameon=False)


def ablations_figure(ablations: dict[str, dict[str, Any]], k1: str, k3: str) -> Figure:
    """Grouped bars of ``k1`` and ``k3`` per pipeline, each bar labelled with its value."""
    names = list(ablations)
    fig = _new_figure(7.5, 3.8)
    ax = fig.add_subplot()
    xs = list(range(len(names)))
    for offset, key, colour in ((-0.2, k1, COLOURS["at1"]), (0.2, k3, COLOURS["at3"])):
        values = [float(ablations[n].get(key) or 0.0) for n in names]
        bars = ax.bar([x + offset for x in xs], values, 0.4, label=key, color=colour)
        ax.bar_label(bars, fmt="%.2f", padding=2, fontsize=8)
    # Long row names ("full (no abstention)", "full, reader on") wrapped, so neighbours never overlap.
    ax.set_xticks(xs, [textwrap.fill(n, 14) for n in names])
    # Headroom above 1.0 for the value labels; the ticks stop at 1 since no metric goes higher.
    ax.set_ylim(0, 1.1)
    ax.set_yticks([0, 0.2, 0.4, 0.6, 0.8, 1.0])
    ax.set_title("What each stage is worth (same questions, same index)")
    _legend_below(fig, ax)
    return fig


def latency_figure(totals: list[float], percentiles: dict[str, float]) -> Figure:
    """Histogram of total ms per question with p50/p95 lines; whole questions on the y axis."""
    from matplotlib.ticker import MaxNLocator

    fig = _new_figure(7.5, 3.4)
    ax = fig.add_subplot()
    ax.hist(totals, bins=min(30, max(len(totals), 1)), color=COLOURS["latency"])
    for p, style in (("p50", "--"), ("p95", ":")):
        if p in percentiles:
            ax.axvline(percentiles[p], color="black", linestyle=style, label=f"{p} {percentiles[p]:.0f} ms")
    # Question counts are whole numbers; the default locator picks 0.5 steps for small runs.
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("ms per question (warm)")
    ax.set_ylabel("questions")
    ax.set_title("Latency")
    if ax.get_legend_handles_labels()[0]:
        _legend_below(fig, ax)
    return fig


def kinds_figure(by_kind: dict[str, dict[str, Any]], k3: str) -> Figure | None:
    """Per kind, ``k3`` and abstention recall as differently coloured bars, with n in each label.

    A kind of only answerable questions has no abstention recall and one of only unanswerable ones
    has no ``k3``: such a kind gets its one bar centred instead of a gap beside it.
    """
    series = [(k3, COLOURS["at3"]), ("abstention_recall", COLOURS["abstention_recall"])]
    kinds = [k for k, v in by_kind.items() if any(v.get(m) is not None for m, _ in series)]
    if not kinds:
        return None
    fig = _new_figure(7.5, 0.5 * len(kinds) + 1.6)
    ax = fig.add_subplot()
    height = 0.38
    labelled: set[str] = set()
    for y, kind in enumerate(kinds):
        present = [(m, c) for m, c in series if by_kind[kind].get(m) is not None]
        for i, (metric, colour) in enumerate(present):
            offset = (i - (len(present) - 1) / 2) * height
            value = float(by_kind[kind][metric])
            bars = ax.barh(
                y + offset,
                value,
                height,
                color=colour,
                # One legend entry per metric, however many kinds carry it.
                label=metric if metric not in labelled else "_nolegend_",
            )
            labelled.add(metric)
            ax.bar_label(bars, fmt="%.2f", padding=3, fontsize=8)
    ax.set_yticks(range(len(kinds)), [f"{k} (n={by_kind[k].get('questions', 0)})" for k in kinds])
    ax.invert_yaxis()  # first kind on top, as in the terminal table
    ax.set_xlim(0, 1.1)
    ax.set_xticks([0, 0.2, 0.4, 0.6, 0.8, 1.0])
    ax.set_title("By question kind")
    _legend_below(fig, ax)
    return fig


def save(fig: Figure, path: Path) -> None:
    fig.savefig(path, dpi=110)
    log.debug("wrote %s", path)
