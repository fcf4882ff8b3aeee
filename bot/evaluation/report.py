"""Reports of an evaluation run: a terminal table, JSON, Markdown with PNG charts, comparisons and gates."""

from __future__ import annotations

import json
import logging
import math
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from .charts import ablations_figure, kinds_figure, latency_figure, save

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
    """The whole evaluation as terminal tables: quality, by kind, by source, ablations, latency,
    worst failures."""
    metrics = result["metrics"]
    keys = headline_keys(metrics)
    for table in (
        _quality_table(metrics, keys),
        _kinds_table(metrics, keys),
        _sources_table(metrics),
        _ablations_table(result.get("ablations") or {}),
        _latency_table(metrics),
        _failures_table(worst_failures(result["rows"], worst)),
    ):
        if table is not None:
            console.print(table)
    console.print(f"[dim]index: {json.dumps(result.get('index', {}), ensure_ascii=False)}[/]")


def _quality_table(metrics: dict[str, Any], keys: list[str]) -> Table:
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
    return table


#: The metrics worth a column in the per-kind table.
KIND_COLUMNS = (
    "hit@1",
    "hit@3",
    "contained@1",
    "contained@3",
    "source_accuracy",
    "abstention_recall",
    "mean_quote_chars",
)


def _kinds_table(metrics: dict[str, Any], keys: list[str]) -> Table:
    kinds = Table(title="By question kind", title_justify="left")
    kinds.add_column("kind", style="bold")
    kinds.add_column("n", justify="right")
    cols = [k for k in keys if k in KIND_COLUMNS]
    for k in cols:
        kinds.add_column(k, justify="right")
    for kind, v in metrics["by_kind"].items():
        kinds.add_row(kind, str(v["questions"]), *[_fmt(v.get(k)) for k in cols])
    return kinds


def _sources_table(metrics: dict[str, Any]) -> Table | None:
    if not metrics.get("by_source"):
        return None
    src = Table(title="By expected source", title_justify="left")
    src.add_column("source", style="bold")
    src.add_column("n", justify="right")
    for k in ("hit@3", "source_accuracy"):
        src.add_column(k, justify="right")
    for label, v in metrics["by_source"].items():
        src.add_row(label, str(v["questions"]), _fmt(v.get("hit@3")), _fmt(v.get("source_accuracy")))
    return src


def _ablations_table(ablations: dict[str, dict[str, Any]]) -> Table | None:
    if not ablations:
        return None
    ab = Table(
        title="Ablations (same index, same questions; only the 'full' rows may abstain)", title_justify="left"
    )
    ab.add_column("pipeline", style="bold")
    first = next(iter(ablations.values()))
    akeys = [
        k
        for k in (
            "hit@1",
            "hit@3",
            "contained@1",
            "contained@3",
            "mrr",
            "mean_quote_chars",
            "abstention_recall",
            "answerable_abstained",
        )
        if k in first
    ]
    # Short headers, so the table fits an 80-column terminal (the glossary names the metrics).
    short = {
        "mean_quote_chars": "chars",
        "abstention_recall": "unans. refused",
        "answerable_abstained": "ans. refused",
    }
    for k in akeys:
        ab.add_column(short.get(k, k), justify="right")
    for name, v in ablations.items():
        ab.add_row(name, *[_fmt(v.get(k)) for k in akeys])
    return ab


def _latency_table(metrics: dict[str, Any]) -> Table:
    lat = Table(title="Latency per stage (ms)", title_justify="left")
    lat.add_column("stage", style="bold")
    lat.add_column("p50", justify="right")
    lat.add_column("p95", justify="right")
    for stage, v in metrics["overall"].get("latency_ms", {}).items():
        lat.add_row(stage, f"{v['p50']:.1f}", f"{v['p95']:.1f}")
    return lat


def _failures_table(fails: list[dict[str, Any]]) -> Table | None:
    if not fails:
        return None
    ft = Table(title=f"Worst failures ({len(fails)})", title_justify="left", show_lines=True)
    ft.add_column("id", style="bold")
    ft.add_column("question", overflow="fold")
    ft.add_column("expected", overflow="fold")
    ft.add_column("got", overflow="fold")
    for r in fails:
        ft.add_row(r["id"], r["question"], r["expected_text"], r["got_text"])
    return ft


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
    changed = changed_answers(old.get("rows", []), result["rows"])
    if changed:
        console.print(
            f"[yellow]{len(changed)} question(s) answered differently:[/] " + ", ".join(changed[:10])
        )
    elif old.get("rows"):
        console.print("[dim]every question got the same answer as before (quotes and abstentions)[/]")


def changed_answers(before: list[dict[str, Any]], now: list[dict[str, Any]]) -> list[str]:
    """Ids of questions whose answer changed: abstained or not, or the quotes shown (text and place)."""

    def shown(row: dict[str, Any]) -> tuple[Any, ...]:
        quotes = tuple((q["doc_id"], q["start"], q["end"]) for q in row.get("quotes") or [])
        closest = row.get("closest") or {}
        return (row.get("abstained"), quotes, closest.get("start"), closest.get("end"))

    old = {r["id"]: shown(r) for r in before}
    return [r["id"] for r in now if r["id"] in old and old[r["id"]] != shown(r)]


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
            "Same index, same questions; only the rows named *full* may abstain (a refused answerable "
            "question counts as a miss).",
            "",
            "| pipeline | "
            + k1
            + " | "
            + k3
            + " | mrr | mean quote chars | abstention recall | answerable abstained |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for n, v in result["ablations"].items():
            lines.append(
                f"| {n} | {_fmt(v.get(k1))} | {_fmt(v.get(k3))} | {_fmt(v.get('mrr'))} | "
                f"{_fmt(v.get('mean_quote_chars'))} | {_fmt(v.get('abstention_recall'))} | "
                f"{_fmt(v.get('answerable_abstained'))} |"
            )
        save(ablations_figure(result["ablations"], k1, k3), out_dir / "ablations.png")
        lines += ["", "![Ablations](ablations.png)"]

    lines += ["", "## Latency (ms)", "", "| stage | p50 | p95 |", "| --- | ---: | ---: |"]
    for stage, v in overall.get("latency_ms", {}).items():
        lines.append(f"| {stage} | {v['p50']:.1f} | {v['p95']:.1f} |")
    totals = [r["timings_ms"].get("total", r["latency_ms"]) for r in result["rows"] if r["timings_ms"]]
    if totals:
        save(latency_figure(totals, overall.get("latency_ms", {}).get("total", {})), out_dir / "latency.png")
        lines += ["", "![Latency](latency.png)"]

    kinds_fig = kinds_figure(metrics["by_kind"], k3)
    if kinds_fig is not None:
        save(kinds_fig, out_dir / "kinds.png")
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
