"""Reports of an evaluation run: a terminal table, JSON, Markdown with PNG charts, comparisons and gates."""

from __future__ import annotations

import json
import logging
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

log = logging.getLogger(__name__)

HEADLINE = {
    False: [
        "hit@1",
        "hit@3",
        "right_quote@3",
        "mrr",
        "source_accuracy",
        "quote_precision",
        "mean_quote_chars",
        "abstention_precision",
        "abstention_recall",
        "answerable_abstained",
        "verbatim_rate",
    ],
    True: [
        "contained@1",
        "contained@3",
        "paragraph@1",
        "mrr",
        "mean_quote_chars",
        "abstention_precision",
        "abstention_recall",
        "answerable_abstained",
        "verbatim_rate",
    ],
}


# What each headline metric tells a user, one line each: the report's table is unreadable without it.
GLOSSARY = {
    "hit@1": "how often the first quote is right (holds 60% of an expected passage's words; partial credit if several)",
    "hit@3": "the same, counting any of the first three quotes",
    "contained@1": "share of answerable questions whose answer text is inside the first quote",
    "contained@3": "the same, inside any of the first three quotes",
    "paragraph@1": "share of answerable questions whose first quote comes from the answer's paragraph",
    "right_quote@3": "share of answerable questions with a right quote in the top 3 that also names the right source",
    "mrr": "mean reciprocal rank: 1 when the first quote is right, 1/2 when the second is, 0 when none is",
    "source_accuracy": "share of answerable questions whose first right quote (in the top 3) names the expected source",
    "quote_precision": "share of the quoted words that belong to the expected passages; low means much extra text to read",
    "mean_quote_chars": "average length of the first quote in characters: how much a user has to read",
    "abstention_precision": "when the bot says it has no answer, how often the question really had none",
    "abstention_recall": "share of unanswerable questions where the bot rightly said it has no answer",
    "answerable_abstained": "share of answerable questions where the bot wrongly said it has no answer (lower is better)",
    "verbatim_rate": "share of quotes found character for character in the source (anything below 1 is a bug)",
}

# One colour per metric, the same in every chart, from Paul Tol's colour-blind-safe palette.
COLOURS = {"at1": "#66ccee", "at3": "#4477aa", "abstention_recall": "#ee7733", "latency": "#4477aa"}


def _fmt(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:.1f}" if v > 1.5 else f"{v:.3f}"
    return "–" if v is None else str(v)


def headline_keys(metrics: dict[str, Any]) -> list[str]:
    overall = metrics["overall"]
    squad = "contained@1" in overall
    # Abstention precision means nothing without unanswerable questions (SQuAD v1.1, no --near-misses).
    skip = {"abstention_precision"} if not overall.get("unanswerable") else set()
    return [k for k in HEADLINE[squad] if k in overall and k not in skip]


def print_report(console: Console, result: dict[str, Any], worst: int = 8) -> None:
    metrics = result["metrics"]
    keys = headline_keys(metrics)
    table = Table(title="Quality", title_justify="left")
    table.add_column("metric", style="bold")
    table.add_column("all", justify="right")
    for split in metrics["by_split"]:
        table.add_column(split, justify="right")
    table.add_column("95% CI", justify="right", style="dim")
    for k in keys:
        ci = metrics["overall"].get("ci95", {}).get(k)
        table.add_row(
            k,
            _fmt(metrics["overall"].get(k)),
            *[_fmt(v.get(k)) for v in metrics["by_split"].values()],
            f"{ci[0]:.3f}–{ci[1]:.3f}" if ci else "",
        )
    console.print(table)

    kinds = Table(title="By question kind", title_justify="left")
    kinds.add_column("kind", style="bold")
    kinds.add_column("n", justify="right")
    cols = [
        k
        for k in keys
        if k
        in (
            "hit@1",
            "hit@3",
            "contained@1",
            "contained@3",
            "source_accuracy",
            "abstention_recall",
            "mean_quote_chars",
        )
    ]
    for k in cols:
        kinds.add_column(k, justify="right")
    for kind, v in metrics["by_kind"].items():
        kinds.add_row(kind, str(v["questions"]), *[_fmt(v.get(k)) for k in cols])
    console.print(kinds)

    if metrics.get("by_source"):
        src = Table(title="By expected source", title_justify="left")
        src.add_column("source", style="bold")
        src.add_column("n", justify="right")
        for k in ("hit@3", "source_accuracy"):
            src.add_column(k, justify="right")
        for label, v in metrics["by_source"].items():
            src.add_row(label, str(v["questions"]), _fmt(v.get("hit@3")), _fmt(v.get("source_accuracy")))
        console.print(src)

    if result.get("ablations"):
        ab = Table(title="Ablations (same index, same questions, abstention off)", title_justify="left")
        ab.add_column("pipeline", style="bold")
        first = next(iter(result["ablations"].values()))
        akeys = [
            k
            for k in ("hit@1", "hit@3", "contained@1", "contained@3", "mrr", "mean_quote_chars")
            if k in first
        ]
        for k in akeys:
            ab.add_column(k, justify="right")
        for name, v in result["ablations"].items():
            ab.add_row(name, *[_fmt(v.get(k)) for k in akeys])
        console.print(ab)

    lat = Table(title="Latency per stage (ms)", title_justify="left")
    lat.add_column("stage", style="bold")
    lat.add_column("p50", justify="right")
    lat.add_column("p95", justify="right")
    for stage, v in metrics["overall"].get("latency_ms", {}).items():
        lat.add_row(stage, f"{v['p50']:.1f}", f"{v['p95']:.1f}")
    console.print(lat)

    fails = worst_failures(result["rows"], worst)
    if fails:
        ft = Table(title=f"Worst failures ({len(fails)})", title_justify="left", show_lines=True)
        ft.add_column("id", style="bold")
        ft.add_column("question", overflow="fold")
        ft.add_column("expected", overflow="fold")
        ft.add_column("got", overflow="fold")
        for r in fails:
            ft.add_row(r["id"], r["question"], r["expected_text"], r["got_text"])
        console.print(ft)
    console.print(f"[dim]index: {json.dumps(result.get('index', {}), ensure_ascii=False)}[/]")


def worst_failures(rows: list[dict[str, Any]], n: int) -> list[dict[str, Any]]:
    """Answerable questions missed (lowest hit/contained first) and unanswerable ones answered."""
    scored = []
    for r in rows:
        gold = r["expected"]["gold_quotes"]
        top = r["quotes"][0] if r["quotes"] else r.get("closest")
        got = f"[{top['section']}] {top['text'][:220]}" if top else "(nothing)"
        if r["abstained"] and gold:
            got = "(abstained) " + got
        if gold:
            value = r.get("hit3", float(r.get("contained3", 0)))
            if value >= 1.0:
                continue
            expected = " | ".join(g[:160] for g in gold)
            if r["expected"]["sources"]:
                expected += f"  [{', '.join(r['expected']['sources'])}]"
            scored.append((value, r.get("rr", 0.0), {**r, "expected_text": expected, "got_text": got}))
        elif not r["abstained"]:
            scored.append(
                (0.5, 0.0, {**r, "expected_text": "(unanswerable: should abstain)", "got_text": got})
            )
    scored.sort(key=lambda x: (x[0], x[1]))
    return [x[2] for x in scored[:n]]


def compare(console: Console, result: dict[str, Any], old: dict[str, Any]) -> None:
    keys = headline_keys(result["metrics"])
    t = Table(title="Change against the earlier run", title_justify="left")
    t.add_column("metric", style="bold")
    t.add_column("before", justify="right")
    t.add_column("now", justify="right")
    t.add_column("change", justify="right")
    for k in keys:
        a = old.get("metrics", {}).get("overall", {}).get(k)
        b = result["metrics"]["overall"].get(k)
        if isinstance(a, int | float) and isinstance(b, int | float):
            d = b - a
            better = d >= 0 if k not in ("mean_quote_chars", "answerable_abstained") else d <= 0
            style = "green" if better and abs(d) > 1e-9 else ("red" if abs(d) > 1e-9 else "dim")
            t.add_row(k, _fmt(a), _fmt(b), f"[{style}]{d:+.3f}[/]")
        else:
            t.add_row(k, _fmt(a), _fmt(b), "")
    console.print(t)


def parse_gates(specs: list[str]) -> dict[str, float]:
    """``["hit@3=0.95", …]`` (the ``--min`` options) as {metric: bar}; a malformed one is a UsageError."""
    from ..errors import UsageError

    parsed: dict[str, float] = {}
    for spec in specs:
        name, _, value = spec.partition("=")
        try:
            parsed[name.strip()] = float(value)
        except ValueError:
            raise UsageError(f"--min takes METRIC=VALUE, e.g. hit@3=0.95 (got '{spec}')") from None
    return parsed


def read_earlier(path: Path) -> dict[str, Any]:
    """An earlier ``--json`` output, for ``--compare``."""
    from ..errors import UsageError

    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UsageError(f"cannot read {path} as an earlier --json output ({exc})") from None
    return data


def check_gates(metrics: dict[str, Any], gates: dict[str, float]) -> list[str]:
    """Failures as readable lines; an unknown metric is a failure too (a typo must not pass CI)."""
    failures = []
    overall = metrics["overall"]
    for name, bar in gates.items():
        value = overall.get(name)
        if not isinstance(value, int | float) or (isinstance(value, float) and math.isnan(value)):
            failures.append(f"{name}: no such metric in this run (have: {', '.join(sorted(overall))})")
        elif value < bar:
            failures.append(f"{name} = {value:.3f} is below the gate {bar:.3f}")
    return failures


def glossary_lines(keys: list[str]) -> list[str]:
    """Markdown bullets explaining ``keys``, in table order, so a reader need not know the jargon."""
    return [f"- **{k}**: {GLOSSARY[k]}" for k in keys if k in GLOSSARY]


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
    ax.set_xticks(xs, names)
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


def _save(fig: Figure, path: Path) -> None:
    fig.savefig(path, dpi=110)
    log.debug("wrote %s", path)


def write_markdown(result: dict[str, Any], out_dir: Path) -> Path:
    """report.md with each chart under the section whose numbers it draws, PNGs beside it."""
    out_dir.mkdir(parents=True, exist_ok=True)
    metrics = result["metrics"]
    overall = metrics["overall"]
    keys = headline_keys(metrics)
    squad = "contained@1" in overall
    k1, k3 = ("contained@1", "contained@3") if squad else ("hit@1", "hit@3")

    lines = ["# Quotebot evaluation report", ""]
    lines += [
        f"- questions: {overall['questions']} (answerable {overall['answerable']}, "
        f"unanswerable {overall['unanswerable']})",
        f"- index: `{json.dumps(result.get('index', {}), ensure_ascii=False)}`",
        "",
    ]
    splits = list(metrics["by_split"])
    lines += [
        "| metric | all | " + " | ".join(splits) + " | 95% CI |",
        "| --- | ---: |" + " ---: |" * len(splits) + " --- |",
    ]
    for k in keys:
        ci = overall.get("ci95", {}).get(k)
        lines.append(
            f"| {k} | {_fmt(overall.get(k))} | "
            + " | ".join(_fmt(metrics["by_split"][s].get(k)) for s in splits)
            + f" | {f'{ci[0]:.3f}–{ci[1]:.3f}' if ci else ''} |"
        )
    lines += ["", "What the metrics mean (all are shares from 0 to 1 unless named otherwise):", ""]
    lines += glossary_lines(keys)

    if result.get("ablations"):
        lines += [
            "",
            "## Ablations",
            "",
            "| pipeline | " + k1 + " | " + k3 + " | mrr | mean quote chars |",
            "| --- | ---: | ---: | ---: | ---: |",
        ]
        for n, v in result["ablations"].items():
            lines.append(
                f"| {n} | {_fmt(v.get(k1))} | {_fmt(v.get(k3))} | {_fmt(v.get('mrr'))} | "
                f"{_fmt(v.get('mean_quote_chars'))} |"
            )
        _save(ablations_figure(result["ablations"], k1, k3), out_dir / "ablations.png")
        lines += ["", "![Ablations](ablations.png)"]

    lines += ["", "## Latency (ms)", "", "| stage | p50 | p95 |", "| --- | ---: | ---: |"]
    for stage, v in overall.get("latency_ms", {}).items():
        lines.append(f"| {stage} | {v['p50']:.1f} | {v['p95']:.1f} |")
    totals = [r["timings_ms"].get("total", r["latency_ms"]) for r in result["rows"] if r["timings_ms"]]
    if totals:
        _save(latency_figure(totals, overall.get("latency_ms", {}).get("total", {})), out_dir / "latency.png")
        lines += ["", "![Latency](latency.png)"]

    kinds_fig = kinds_figure(metrics["by_kind"], k3)
    if kinds_fig is not None:
        _save(kinds_fig, out_dir / "kinds.png")
        lines += ["", "## By kind", "", "![By kind](kinds.png)"]

    fails = worst_failures(result["rows"], 15)
    if fails:
        lines += ["", "## Worst failures", ""]
        for r in fails:
            lines += [
                f"- **{r['id']}** {r['question']}",
                f"  - expected: {r['expected_text']}",
                f"  - got: {r['got_text']}",
            ]
    path = out_dir / "report.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
