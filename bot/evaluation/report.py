"""Reports of an evaluation run: a terminal table, JSON, Markdown with PNG charts, comparisons and gates."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

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


def write_markdown(result: dict[str, Any], out_dir: Path) -> Path:
    """report.md with charts (ablation bars, latency histogram, per-kind bars) beside it."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out_dir.mkdir(parents=True, exist_ok=True)
    metrics = result["metrics"]
    keys = headline_keys(metrics)
    squad = "contained@1" in metrics["overall"]
    k1, k3 = ("contained@1", "contained@3") if squad else ("hit@1", "hit@3")

    charts = []
    if result.get("ablations"):
        names = list(result["ablations"])
        fig, ax = plt.subplots(figsize=(7, 3.6))
        xs = range(len(names))
        ax.bar([x - 0.2 for x in xs], [result["ablations"][n].get(k1, 0) for n in names], 0.4, label=k1)
        ax.bar([x + 0.2 for x in xs], [result["ablations"][n].get(k3, 0) for n in names], 0.4, label=k3)
        ax.set_xticks(list(xs), names)
        ax.set_ylim(0, 1)
        ax.set_title("What each stage is worth")
        ax.legend(loc="lower right")
        for x, n in zip(xs, names):
            ax.text(
                x - 0.2,
                result["ablations"][n].get(k1, 0) + 0.01,
                f"{result['ablations'][n].get(k1, 0):.2f}",
                ha="center",
                fontsize=8,
            )
        fig.tight_layout()
        fig.savefig(out_dir / "ablations.png", dpi=110)
        plt.close(fig)
        charts.append(("Ablations", "ablations.png"))

    totals = [r["timings_ms"].get("total", r["latency_ms"]) for r in result["rows"] if r["timings_ms"]]
    if totals:
        fig, ax = plt.subplots(figsize=(7, 3.2))
        ax.hist(totals, bins=30, color="#4477aa")
        lat = metrics["overall"]["latency_ms"].get("total", {})
        for p, style in (("p50", "--"), ("p95", ":")):
            if p in lat:
                ax.axvline(lat[p], color="black", linestyle=style, label=f"{p} {lat[p]:.0f} ms")
        ax.set_xlabel("ms per question (warm)")
        ax.set_ylabel("questions")
        ax.set_title("Latency")
        ax.legend()
        fig.tight_layout()
        fig.savefig(out_dir / "latency.png", dpi=110)
        plt.close(fig)
        charts.append(("Latency", "latency.png"))

    by_kind = metrics["by_kind"]
    kinds = [k for k, v in by_kind.items() if k3 in v or "abstention_recall" in v]
    if kinds:
        fig, ax = plt.subplots(figsize=(7, 3.4))
        vals = [by_kind[k].get(k3, by_kind[k].get("abstention_recall", 0)) for k in kinds]
        ax.barh(kinds, vals, color="#66aa55")
        ax.set_xlim(0, 1)
        ax.set_title(f"{k3} by kind (abstention recall for unanswerable)")
        for y, v in enumerate(vals):
            ax.text(min(v + 0.01, 0.93), y, f"{v:.2f}", va="center", fontsize=8)
        fig.tight_layout()
        fig.savefig(out_dir / "kinds.png", dpi=110)
        plt.close(fig)
        charts.append(("By kind", "kinds.png"))

    lines = ["# Quotebot evaluation report", ""]
    lines += [
        f"- questions: {metrics['overall']['questions']} (answerable {metrics['overall']['answerable']}, "
        f"unanswerable {metrics['overall']['unanswerable']})",
        f"- index: `{json.dumps(result.get('index', {}), ensure_ascii=False)}`",
        "",
    ]
    splits = list(metrics["by_split"])
    lines += [
        "| metric | all | " + " | ".join(splits) + " | 95% CI |",
        "| --- | ---: |" + " ---: |" * len(splits) + " --- |",
    ]
    for k in keys:
        ci = metrics["overall"].get("ci95", {}).get(k)
        lines.append(
            f"| {k} | {_fmt(metrics['overall'].get(k))} | "
            + " | ".join(_fmt(metrics["by_split"][s].get(k)) for s in splits)
            + f" | {f'{ci[0]:.3f}–{ci[1]:.3f}' if ci else ''} |"
        )
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
    lines += ["", "## Latency (ms)", "", "| stage | p50 | p95 |", "| --- | ---: | ---: |"]
    for stage, v in metrics["overall"].get("latency_ms", {}).items():
        lines.append(f"| {stage} | {v['p50']:.1f} | {v['p95']:.1f} |")
    for title, png in charts:
        lines += ["", f"## {title}", "", f"![{title}]({png})"]
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
