"""Ask every question of a set through the service, score each answer as a row, sum rows into metrics.

Ablations run the same pipeline with simpler rankers (BM25 only, dense only, their z-scored fusion)
so the worth of each stage is measured in the same run, on the same index.
"""

from __future__ import annotations

import time
from typing import Any

from index.types import ProgressFn

from ..errors import BadQuestionError
from ..ranker import Ranker
from ..service import QuoteService
from . import metrics as m
from .dataset import EvalItem


def ablation_rankers() -> dict[str, Ranker]:
    """Simpler pipelines over the same candidates, each quote a single sentence (no merging)."""

    def only(**weights: float) -> Ranker:
        ranker = Ranker.weighing(**weights)
        ranker.merge_ratio = 99.0
        return ranker

    return {
        "bm25": only(bm25_z=1.0),
        "dense": only(dense_z=1.0),
        "hybrid": only(bm25_z=1.0, dense_z=1.0),
    }


def score_row(item: EvalItem, quotes: list[dict[str, Any]], abstained: bool, squad: bool) -> dict[str, Any]:
    row: dict[str, Any] = {}
    if item.answerable:
        gold = item.gold_quotes or []
        if squad:
            row["contained1"] = m.hit_at(quotes, gold, 1, item.doc_id, m.contains) > 0
            row["contained3"] = m.hit_at(quotes, gold, 3, item.doc_id, m.contains) > 0
            row["paragraph1"] = bool(quotes) and quotes[0]["doc_id"] == item.doc_id
            rank = m.first_hit_rank(quotes, gold, item.doc_id, m.contains)
        else:
            row["hit1"] = m.hit_at(quotes, gold, 1)
            row["hit3"] = m.hit_at(quotes, gold, 3)
            row["source_ok"] = m.source_ok(quotes, gold, item.sources)
            rank = m.first_hit_rank(quotes, gold)
            # At least one gold quote in the top 3, with the right source label.
            row["right3"] = bool(rank and rank <= 3 and row["source_ok"])
            row["precision"] = m.precision_words(quotes, gold)
        row["rr"] = 1.0 / rank if rank else 0.0
    row["quote_chars"] = len(quotes[0]["text"]) if quotes else None
    return row


def run_items(
    service: QuoteService,
    items: list[EvalItem],
    squad: bool = False,
    top_k: int = 3,
    ranker: Ranker | None = None,
    abstain: bool = True,
    progress: ProgressFn | None = None,
    stage: str = "asking",
    reader: bool = True,
) -> list[dict[str, Any]]:
    """One scored row per item; ``progress(stage, done, total)`` after each."""
    rows = []
    for n, item in enumerate(items, 1):
        t0 = time.perf_counter()
        try:
            answer = service.ask(
                item.question,
                top_k=top_k,
                ranker=ranker,
                abstain=abstain,
                hide_docs=frozenset(item.hidden_docs),
                reader=reader,
            )
            quotes = [q.public() for q in answer.quotes]
            timings = answer.timings_ms
            abstained = answer.abstained
            verbatim = [
                (service.view.text(q["doc_id"]) or "")[q["start"] : q["end"]] == q["text"] for q in quotes
            ]
            closest = answer.closest.public() if answer.closest else None
            error = None
        except BadQuestionError as exc:
            quotes, timings, abstained, verbatim, closest, error = [], {}, True, [], None, str(exc)
        row = {
            "id": item.id,
            "question": item.question,
            "kind": item.kind,
            "split": item.split,
            "abstained": abstained,
            "quotes": quotes,
            "closest": closest,
            "latency_ms": round((time.perf_counter() - t0) * 1000, 2),
            "timings_ms": {k: round(v, 2) for k, v in timings.items()},
            "expected": {
                "gold_quotes": item.gold_quotes,
                "sources": item.sources,
                "doc_id": item.doc_id,
                **({"hidden_docs": list(item.hidden_docs)} if item.hidden_docs else {}),
            },
            "verbatim": all(verbatim),
            "error": error,
        }
        row.update(score_row(item, quotes, abstained, squad))
        rows.append(row)
        if progress:
            progress(stage, n, len(items))
    return rows


def _group_metrics(rows: list[dict[str, Any]], squad: bool) -> dict[str, Any]:
    ans = [r for r in rows if r["expected"]["gold_quotes"]]
    una = [r for r in rows if not r["expected"]["gold_quotes"]]
    out: dict[str, Any] = {"questions": len(rows), "answerable": len(ans), "unanswerable": len(una)}
    if ans:
        if squad:
            out["contained@1"] = m.mean([float(r["contained1"]) for r in ans])
            out["contained@3"] = m.mean([float(r["contained3"]) for r in ans])
            out["paragraph@1"] = m.mean([float(r["paragraph1"]) for r in ans])
        else:
            out["hit@1"] = m.mean([r["hit1"] for r in ans])
            out["hit@3"] = m.mean([r["hit3"] for r in ans])
            out["source_accuracy"] = m.mean([float(r["source_ok"]) for r in ans])
            out["right_quote@3"] = m.mean([float(r["right3"]) for r in ans])
            precisions = [r["precision"] for r in ans if r.get("precision") is not None]
            out["quote_precision"] = m.mean(precisions)
        out["mrr"] = m.mean([r["rr"] for r in ans])
        out["answerable_abstained"] = m.mean([float(r["abstained"]) for r in ans])
    abst = [r for r in rows if r["abstained"]]
    tp = sum(1 for r in una if r["abstained"])
    if abst:
        out["abstention_precision"] = tp / len(abst)
    if una:
        out["abstention_recall"] = tp / len(una)
    lengths = [r["quote_chars"] for r in rows if r.get("quote_chars")]
    out["mean_quote_chars"] = m.mean(lengths)
    all_quotes = sum(len(r["quotes"]) for r in rows)
    out["verbatim_rate"] = (
        sum(len(r["quotes"]) for r in rows if r["verbatim"]) / all_quotes if all_quotes else 1.0
    )
    return out


def compute_metrics(rows: list[dict[str, Any]], squad: bool) -> dict[str, Any]:
    overall = _group_metrics(rows, squad)
    ans = [r for r in rows if r["expected"]["gold_quotes"]]
    key = "contained1" if squad else "hit1"
    key3 = "contained3" if squad else "hit3"
    overall["ci95"] = {
        ("contained@1" if squad else "hit@1"): m.bootstrap_ci([float(r[key]) for r in ans]),
        ("contained@3" if squad else "hit@3"): m.bootstrap_ci([float(r[key3]) for r in ans]),
    }
    stages: dict[str, list[float]] = {}
    for r in rows:
        for k, v in r["timings_ms"].items():
            stages.setdefault(k, []).append(v)
    overall["latency_ms"] = {
        k: {"p50": round(m.percentile(v, 50), 2), "p95": round(m.percentile(v, 95), 2)}
        for k, v in stages.items()
    }
    by_split = {
        s: _group_metrics([r for r in rows if r["split"] == s], squad)
        for s in sorted({r["split"] for r in rows})
    }
    by_kind = {
        k: _group_metrics([r for r in rows if r["kind"] == k], squad)
        for k in sorted({r["kind"] for r in rows})
    }
    by_source: dict[str, Any] = {}
    if not squad:
        labels = sorted({s for r in rows for s in r["expected"]["sources"]})
        for lab in labels:
            by_source[lab] = _group_metrics([r for r in rows if lab in r["expected"]["sources"]], squad)
    return {"overall": overall, "by_split": by_split, "by_kind": by_kind, "by_source": by_source}
