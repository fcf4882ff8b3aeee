"""Measure each focus check (bot/focus.py) on the development and held-out halves.

For every question of the default set, the two everyday-documents sets (the second one all dev) and
XQuAD (with its near misses), the bot answers once with abstention switched off; then the shipped
abstention (calibrated confidence + answer kind) and each focus rule are applied to those quotes. A
rule is worth keeping when, on the *dev* halves, it makes unanswerable questions abstain without
making answerable ones abstain. Test halves are printed for the report, never used to choose.

    .venv/bin/python scripts/focus_report.py [--out docs/focus-report.md]
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _devsets import ROOT, default_set, everyday_dev_set, everyday_set, xquad_set

from bot.decide import DETAIL_QUOTES
from bot.evaluation.dataset import near_misses
from bot.features import answer_text
from bot.focus import Focus, detail_missing, focus_of
from bot.ranker import Ranker
from bot.understand import answer_type
from index.embedder import Embedder

#: Every rule switched off (each field of ``Focus`` at its default); each row below switches one back on.
_OFF: dict[str, Any] = {f.name: f.default for f in fields(Focus)}
RULES: dict[str, dict[str, Any]] = {
    "none (shipped abstention only)": _OFF,
    **{
        f"+ {label}": {k: v for k, v in _OFF.items() if k not in on}
        for on, label in (
            (("counted",), "counted (how many X)"),
            (("numerals",), "numbered parts (Article 5)"),
            (("explicit_date",), "explicit date"),
            (("contact", "whose"), "contact detail (phone number, email, website; whose)"),
            (("measure",), "measure (time of day, temperature, price, speed, weight, length of time)"),
            (("count",), "a count (how many: a number, not money nor a list item's)"),
            (("which",), "the thing asked for (which room, floor, gate, bus)"),
        )
    },
    "all rules (shipped)": {},
}
SETS = ("default", "everyday", "everyday-dev", "xquad")


def collect() -> list[dict[str, Any]]:
    embedder = Embedder()
    rows = []
    makers = (
        ("default", default_set),
        ("everyday", everyday_set),
        ("everyday-dev", everyday_dev_set),
        ("xquad", xquad_set),
    )
    for name, make in makers:
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
                    # as ``bot.decide`` reads them: a date in the section label dates the quote
                    "quotes": [answer_text(q.text, q.section, answer_type(item.question)) for q in a.quotes],
                }
            )
        print(f"{name}: {len(items)} questions", file=sys.stderr)
    return rows


def abstains(row: dict[str, Any], threshold: float, keep: dict[str, Any], among: int = DETAIL_QUOTES) -> bool:
    """As ``bot.decide`` decides: no quote, low confidence, or the detail missing from the best
    ``among`` quotes."""
    quotes = row["quotes"][:among]
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
    columns = [
        (split, dataset, answerable)
        for split in ("dev", "test")
        for dataset in SETS
        for answerable in (False, True)
        if any(r["set"] == dataset and r["split"] == split for r in rows)  # everyday-dev: dev only
    ]
    lines = [
        "# Focus checks: what each one catches and costs",
        "",
        "Written by `scripts/focus_report.py`. Each cell: questions that abstain. For unanswerable "
        "questions higher is better, for answerable ones lower is better. XQuAD's unanswerable "
        "questions are its own questions asked with their gold paragraph hidden (`quotebot eval "
        "--squad … --near-misses`); the everyday set's are its near misses and absent topics "
        "(`tests/data/eval_everyday.jsonl`; *everyday-dev* is `tests/data/eval_everyday_dev.jsonl`, "
        "development only). A rule refuses when the detail is missing from the best "
        f"{DETAIL_QUOTES} quote(s) (`bot.decide.DETAIL_QUOTES`; the last two rows try the others). Rules "
        "were chosen on the dev columns; the test columns judge them.",
        "",
        "| rule | "
        + " | ".join(f"{d} {sp}: {'answerable' if a else 'unanswerable'}" for sp, d, a in columns)
        + " |",
        "| --- |" + " ---: |" * len(columns),
    ]
    places = {1: "the best quote only", 2: "either of the best two quotes", 3: "any of the three quotes"}
    variants = [(name, keep, DETAIL_QUOTES) for name, keep in RULES.items()] + [
        (f"all rules, the detail in {label}", {}, n) for n, label in places.items() if n != DETAIL_QUOTES
    ]
    for name, keep, among in variants:
        cells = []
        for split, dataset, answerable in columns:
            group = [
                r
                for r in rows
                if r["set"] == dataset and r["split"] == split and r["answerable"] == answerable
            ]
            n = sum(abstains(r, threshold, keep, among) for r in group)
            cells.append(f"{n}/{len(group)} ({n / max(1, len(group)):.1%})")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    text = "\n".join(lines) + "\n"
    args.out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
