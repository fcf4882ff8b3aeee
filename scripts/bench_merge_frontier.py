"""How long must a top-1 quote be to hold the answer? The merge frontier on XQuAD.

The quality bar asks for contained@1 >= 0.85 with top-1 quotes under 200 characters (mean). A top-1
quote is the best sentence, merged with its better neighbour when that neighbour scores at least
``merge_ratio`` times as well (``bot.quotes.pick``). Merging wins answers that sit in the next
sentence and costs characters. This script prints that trade-off for the shipped ranker, on each
XQuAD half and on all of it, so the choice made on the dev half can be judged:

- *never merge* and the ratio grid (the shipped ratio marked);
- *oracle*: merge exactly when the sentence alone misses the answer and the merged span holds it.
  No rule can do better with these sentences and this ranking; it bounds what a smarter merge
  decision could still win.

Abstention is off (every question answered), as in the ranker report. A benchmark that prints
figures, not a test; it reads both halves, so nothing here may be used to choose a setting.

    .venv/bin/python scripts/bench_merge_frontier.py
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _bench import set_offline_defaults

set_offline_defaults()

from _devsets import xquad_set  # noqa: E402

from bot.chain import Request  # noqa: E402
from bot.evaluation import metrics as m  # noqa: E402
from bot.quotes import merge_partner  # noqa: E402
from index.embedder import Embedder  # noqa: E402

RATIOS = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7)


@dataclass
class Top1:
    """The best sentence of one question, and what merging its better neighbour would give."""

    split: str
    sentence_ok: bool
    sentence_chars: int
    ratio: float  # the better neighbour's score over the sentence's (0 when it has none)
    merged_ok: bool
    merged_chars: int


def collect() -> tuple[list[Top1], float]:
    """Every answerable question's top-1 facts, and the shipped merge ratio."""
    service, items = xquad_set(Embedder())
    view, ranker, stages = service.view, service.ranker, service.stages
    out = []
    for item in items:
        if not item.answerable:
            continue
        ranked = stages.rank(stages.through_candidates(Request(item.question)))
        best = ranked.best
        if best is None:  # nothing to quote: a miss, as in the evaluation (no length)
            out.append(Top1(item.split, False, 0, 0.0, False, 0))
            continue
        sentences = ranked.candidates.sentences
        s = sentences[best]
        score_of = {c.id: float(ranked.beliefs[i]) for i, c in enumerate(sentences)}
        gold = item.gold_quotes or []

        def holds(text: str) -> bool:
            return s.doc_id == item.doc_id and any(m.contains(text, g) for g in gold)  # noqa: B023

        row = Top1(item.split, holds(s.text), len(s.text), 0.0, holds(s.text), len(s.text))
        partner = merge_partner(view, s, score_of)  # the neighbour ``pick`` would consider merging
        if partner is not None:
            n, d = partner
            doc = view.text(s.doc_id) or ""
            merged = doc[n.start : s.end] if d < 0 else doc[s.start : n.end]
            row.ratio = score_of.get(n.id, 0.0) / float(ranked.beliefs[best])
            row.merged_ok, row.merged_chars = holds(merged), len(merged)
        out.append(row)
    return out, ranker.merge_ratio


def frontier(rows: list[Top1], merge: Callable[[Top1], bool]) -> tuple[float, float]:
    """contained@1 and mean top-1 characters when ``merge`` decides for each question."""
    ok = [r.merged_ok if merge(r) else r.sentence_ok for r in rows]
    chars = [r.merged_chars if merge(r) else r.sentence_chars for r in rows if r.sentence_chars]
    return float(np.mean(ok)), float(np.mean(chars))


def _at_least(ratio: float) -> Callable[[Top1], bool]:
    return lambda r: r.ratio >= ratio


def main() -> None:
    rows, shipped = collect()
    halves = {"dev": [r for r in rows if r.split == "dev"], "test": [r for r in rows if r.split == "test"]}
    halves["all"] = rows
    policies: list[tuple[str, Callable[[Top1], bool]]] = [("never merge", lambda r: False)]
    for t in RATIOS:
        label = f"ratio {t}" + (" (shipped)" if abs(t - shipped) < 1e-9 else "")
        policies.append((label, _at_least(t)))
    policies.append(("oracle", lambda r: not r.sentence_ok and r.merged_ok))
    counts = ", ".join(f"{k} {len(v)}" for k, v in halves.items())
    print(f"XQuAD answerable questions: {counts}; abstention off; top-1 quote only\n")
    head = "| merge policy | " + " | ".join(f"{k} contained@1 | {k} chars" for k in halves) + " |"
    print(head)
    print("|" + "---|" + "---:|" * (2 * len(halves)))
    for label, rule in policies:
        cells = []
        for part in halves.values():
            acc, chars = frontier(part, rule)
            cells += [f"{acc:.3f}", f"{chars:.1f}"]
        print(f"| {label} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
