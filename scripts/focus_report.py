"""Measure each focus check (bot/focus.py) on the development and held-out halves.

For every question of the default set and of XQuAD, the bot answers once with abstention switched
off; then the shipped abstention (calibrated confidence + answer kind) and each focus rule are
applied to those quotes. A rule is worth keeping when, on the *dev* halves, it makes unanswerable
questions abstain without making answerable ones abstain. Test halves are printed for the report,
never used to choose.

    .venv/bin/python scripts/focus_report.py [--out docs/focus-report.md]
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _devsets import ROOT, default_set, xquad_set

from bot.evaluation.dataset import near_misses
from bot.focus import detail_missing, focus_of
from bot.ranker import Ranker
from bot.understand import answer_type
from index.embedder import Embedder

RULES: dict[str, dict[str, Any]] = {
    "none (shipped abstention only)": {"counted": (), "numerals": (), "explicit_date": False},
    "+ counted (how many X)": {"numerals": (), "explicit_date": False},
    "+ numbered parts (Article 5)": {"counted": (), "explicit_date": False},
    "+ explicit date": {"counted": (), "numerals": ()},
    "all three (shipped)": {},
}


def collect() -> list[dict[str, Any]]:
    embedder = Embedder()
    rows = []
    for name, make in (("default", default_set), ("xquad", xquad_set)):
        service, items = make(embedder)
        if name == "xquad":  # near misses on unseen text: each question with its paragraph hidden
            items = items + near_misses(items, service.view.texts)
        for item in items:
            a = service.ask(item.question, abstain=False, hide_docs=frozenset(item.hidden_docs))
            rows.append(
                {
                    "set": name,
                    "split": item.split,
                    "question": item.question,
                    "answerable": item.answerable,
                    "confidence": a.confidence,
                    "quotes": [q.text for q in a.quotes],
                }
            )
        print(f"{name}: {len(items)} questions", file=sys.stderr)
    return rows


def abstains(row: dict[str, Any], threshold: float, keep: dict[str, Any]) -> bool:
    quotes = row["quotes"]
    if not quotes or row["confidence"] < threshold:
        return True
    focus = replace(focus_of(row["question"]), **keep)
    return detail_missing(quotes, row["question"], answer_type(row["question"]), focus) is not None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "focus-report.md", help="Markdown report")
    args = ap.parse_args()
    threshold = Ranker.load().abstain_threshold
    rows = collect()
    lines = [
        "# Focus checks: what each one catches and costs",
        "",
        "Written by `scripts/focus_report.py`. Default set: unanswerable questions that abstain "
        "(higher is better) and answerable ones that abstain (lower is better). XQuAD's unanswerable "
        "questions are its own questions asked with their gold paragraph hidden (`quotebot eval "
        "--squad … --near-misses`). Rules were chosen on the default dev columns and XQuAD dev "
        "answerable questions; the other columns judge them.",
        "",
        "| rule | default dev: unanswerable abstain | default dev: answerable abstain "
        "| XQuAD dev: unanswerable abstain | XQuAD dev: answerable abstain "
        "| default test: unanswerable abstain | default test: answerable abstain "
        "| XQuAD test: unanswerable abstain | XQuAD test: answerable abstain |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, keep in RULES.items():
        cells = []
        for split in ("dev", "test"):
            for dataset, answerable in (
                ("default", False),
                ("default", True),
                ("xquad", False),
                ("xquad", True),
            ):
                group = [
                    r
                    for r in rows
                    if r["set"] == dataset and r["split"] == split and r["answerable"] == answerable
                ]
                n = sum(abstains(r, threshold, keep) for r in group)
                cells.append(f"{n}/{len(group)} ({n / max(1, len(group)):.1%})")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    text = "\n".join(lines) + "\n"
    args.out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
