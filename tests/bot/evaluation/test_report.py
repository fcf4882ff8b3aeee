"""The Markdown report and its charts, as a user opening report.md would see them.

Inputs are small hand-made eval rows scored by the real ``compute_metrics``, so the result dict has
the same shape as ``quotebot eval --json`` output without indexing anything or loading a model.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.evaluation.charts import ablations_figure, kinds_figure, latency_figure
from bot.evaluation.report import GLOSSARY, headline_keys, write_markdown
from bot.evaluation.rows import compute_metrics

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _row(
    n: int, kind: str, answerable: bool, good: bool, total_ms: float, squad: bool = False
) -> dict[str, Any]:
    """One scored row shaped like ``run_items`` output; ``good`` says whether the quote was right."""
    text = "Twelve ships sailed north." if good else "A storm closed the port."
    quote = {
        "text": text,
        "doc_id": "fleet.md",
        "title": "Harbour report",
        "section": "Harbour report",
        "start": 0,
        "end": len(text),
        "score": 0.9,
        "quotation": False,
        "repaired": False,
    }
    abstained = not answerable and not good  # an unanswerable question "goes well" when the bot declines
    row: dict[str, Any] = {
        "id": f"q{n:03d}",
        "question": f"Question {n}?",
        "kind": kind,
        "split": "dev" if n % 2 else "test",
        "abstained": abstained,
        "quotes": [] if abstained else [quote],
        "closest": quote if abstained else None,
        "latency_ms": total_ms + 0.3,
        "timings_ms": {"embed": total_ms * 0.6, "retrieve": total_ms * 0.3, "total": total_ms},
        "expected": {
            "gold_quotes": ["Twelve ships sailed north."] if answerable else None,
            "sources": ["Harbour report"],
            "doc_id": "fleet.md" if squad else None,
        },
        "verbatim": True,
        "error": None,
        "quote_chars": None if abstained else len(text),
    }
    if answerable:
        if squad:
            row.update(contained1=good, contained3=good, paragraph1=True)
        else:
            row.update(hit1=float(good), hit3=float(good), source_ok=good, right3=good, precision=0.4)
        row["rr"] = 1.0 if good else 0.0
    return row


def _result(
    squad: bool = False, ablations: bool = True, kinds: dict[str, tuple[int, int]] | None = None
) -> dict[str, Any]:
    """A result dict from ``kinds``: kind -> (answerable questions, unanswerable questions)."""
    kinds = kinds or {"factoid": (5, 0), "paraphrase": (3, 0), "unanswerable": (0, 4)}
    rows = []
    for kind, (n_ans, n_una) in kinds.items():
        for i in range(n_ans):
            rows.append(_row(len(rows) + 1, kind, True, i % 3 != 2, 14.0 + len(rows) * 0.7, squad))
        for i in range(n_una):
            rows.append(_row(len(rows) + 1, kind, False, i % 2 == 0, 15.0 + len(rows) * 0.5, squad))
    metrics = compute_metrics(rows, squad)
    result: dict[str, Any] = {
        "metrics": metrics,
        "rows": rows,
        "index": {"model": "all-MiniLM-L6-v2", "documents": 1},
        "ablations": {},
    }
    if ablations:
        weaker = compute_metrics([{**r, "hit1": 0.0, "contained1": False} for r in rows], squad)["overall"]
        result["ablations"] = {"bm25": weaker, "full": metrics["overall"]}
    return result


def _overlaps(a: Any, b: Any) -> bool:
    """Whether two display-space boxes share area (touching edges do not count)."""
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


def _bars(ax: Any) -> list[Any]:
    return [p for c in ax.containers for p in c]


@pytest.mark.parametrize("squad", [False, True])
def test_report_md_has_each_section_once_a_glossary_and_its_charts(tmp_path: Path, squad: bool) -> None:
    result = _result(squad=squad)
    path = write_markdown(result, tmp_path / "report")
    text = path.read_text(encoding="utf-8")
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings.count("## Ablations") == 1
    assert len(headings) == len(set(headings)), headings
    # Every metric in the table is explained on its own line.
    for key in headline_keys(result["metrics"]):
        assert f"- **{key}**: {GLOSSARY[key]}" in text.splitlines()
    if not squad:
        for key in ("mrr", "quote_precision", "right_quote@3"):
            assert f"- **{key}**:" in text
    for png in ("ablations.png", "latency.png", "kinds.png"):
        file = path.parent / png
        assert file.read_bytes().startswith(PNG_MAGIC) and file.stat().st_size > 1000
        assert text.count(f"]({png})") == 1


def test_report_without_ablations_has_no_ablation_section(tmp_path: Path) -> None:
    path = write_markdown(_result(ablations=False), tmp_path)
    text = path.read_text(encoding="utf-8")
    assert "## Ablations" not in text
    assert not (tmp_path / "ablations.png").exists()
    assert (tmp_path / "latency.png").exists()


def test_latency_y_axis_counts_whole_questions() -> None:
    # Five questions: the default locator would tick 0.5, 1.0, 1.5 ...
    fig = latency_figure([14.2, 15.1, 15.3, 18.0, 22.5], {"p50": 15.3, "p95": 21.6})
    fig.draw_without_rendering()
    ax = fig.axes[0]
    low, high = ax.get_ylim()
    ticks = [t for t in ax.get_yticks() if low <= t <= high]
    assert len(ticks) >= 2
    assert all(float(t).is_integer() for t in ticks), ticks
    assert all(label.get_text().isdigit() for label in ax.get_yticklabels() if label.get_text())
    # The p50/p95 legend sits outside the plot, over no bar of the histogram.
    legend = fig.legends[0].get_window_extent()
    assert not _overlaps(legend, ax.get_window_extent())


def test_ablation_bars_carry_their_values_and_the_legend_covers_none() -> None:
    result = _result()
    fig = ablations_figure(result["ablations"], "hit@1", "hit@3")
    fig.draw_without_rendering()
    ax = fig.axes[0]
    bars = _bars(ax)
    assert len(bars) == 4  # two pipelines, two metrics
    labels = sorted(t.get_text() for t in ax.texts)
    expected = sorted(
        f"{result['ablations'][n][k]:.2f}" for n in ("bm25", "full") for k in ("hit@1", "hit@3")
    )
    assert labels == expected
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["hit@1", "hit@3"]
    legend = fig.legends[0].get_window_extent()
    assert not any(_overlaps(legend, b.get_window_extent()) for b in bars)
    assert not _overlaps(legend, ax.get_window_extent())
    # A value label must not run off the top of the plot when a bar reaches 1.0.
    assert ax.get_ylim()[1] > 1.0


def test_kinds_chart_tells_metrics_apart_and_counts_each_kind() -> None:
    # "mixed" holds both kinds of question, so it gets a bar for each metric.
    result = _result(kinds={"factoid": (6, 0), "mixed": (2, 2), "unanswerable": (0, 3)})
    by_kind = result["metrics"]["by_kind"]
    fig = kinds_figure(by_kind, "hit@3")
    assert fig is not None
    fig.draw_without_rendering()
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "factoid (n=6)",
        "mixed (n=4)",
        "unanswerable (n=3)",
    ]
    bars = _bars(ax)
    assert len(bars) == 4  # factoid: hit@3; mixed: both; unanswerable: abstention recall
    colours = {tuple(b.get_facecolor()) for b in bars}
    assert len(colours) == 2
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["hit@3", "abstention_recall"]
    legend = fig.legends[0].get_window_extent()
    assert not any(_overlaps(legend, b.get_window_extent()) for b in bars)
    values = [by_kind["factoid"]["hit@3"], by_kind["mixed"]["hit@3"], by_kind["mixed"]["abstention_recall"]]
    values.append(by_kind["unanswerable"]["abstention_recall"])
    assert sorted(t.get_text() for t in ax.texts) == sorted(f"{v:.2f}" for v in values)
    # The two bars of one kind sit side by side, not on top of each other.
    mixed = [b for b in bars if 0.5 < b.get_y() + b.get_height() / 2 < 1.5]
    assert len(mixed) == 2 and not _overlaps(mixed[0].get_window_extent(), mixed[1].get_window_extent())


def test_kinds_chart_is_skipped_when_no_kind_has_a_metric() -> None:
    assert kinds_figure({"odd": {"questions": 0}}, "hit@3") is None


def test_compare_names_the_questions_answered_differently() -> None:
    from bot.evaluation.report import changed_answers

    def row(qid: str, start: int, abstained: bool = False) -> dict[str, Any]:
        quotes = [] if abstained else [{"doc_id": "d", "start": start, "end": start + 10}]
        return {"id": qid, "abstained": abstained, "quotes": quotes, "closest": None}

    before = [row("a", 0), row("b", 20), row("c", 40)]
    now = [row("a", 0), row("b", 25), row("c", 40, abstained=True)]
    assert changed_answers(before, now) == ["b", "c"]
    assert changed_answers(before, before) == []
