"""The reader's figures on held-out questions, with the reader on and off, in one run.

    python scripts/bench_reader.py                 # ~6 minutes
    python scripts/bench_reader.py --reader data/dev/reader-a --sets default,everyday

Every set is answered through the service (the same path as ``quotebot ask``), scored by
``bot.evaluation`` (the same metrics as ``quotebot eval``), and only on what neither the reader nor
its decision was fitted on:

- ``default``: the ``test`` split of ``tests/data/eval_default.jsonl``;
- ``everyday``: the ``test`` documents of ``tests/data/eval_everyday.jsonl`` (minutes, a manual);
- ``xquad``: the odd XQuAD articles among the 34 that the SQuAD 2.0 file does not share, searched
  in an index of all 48, each question also asked with its paragraph hidden (near misses);
- ``squad2``: the SQuAD 2.0 articles ``scripts/train_reader.py`` held out (whole articles), in an
  index of their own: question-level accuracy, answerable (HasAns) and unanswerable (NoAns) apart.

It ends with the warm answer time on the default corpus (p50 / p95 of the service's total).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from _bench import squad2_split  # noqa: E402
from _devsets import DATA, build, default_set, dev_service, everyday_set, outside_squad2, xquad_set  # noqa: E402

from bot.evaluation.dataset import EvalItem, load_squad, near_misses  # noqa: E402
from bot.evaluation.rows import compute_metrics, run_items  # noqa: E402
from bot.reader import PRECISIONS, READER_DIR, Reader  # noqa: E402
from bot.service import QuoteService  # noqa: E402
from index.embedder import Embedder  # noqa: E402


def figures(service: QuoteService, items: list[EvalItem], squad: bool, reader: bool) -> dict[str, Any]:
    rows = run_items(service, items, squad=squad, reader=reader)
    out = dict(compute_metrics(rows, squad)["overall"])
    near = [r for r in rows if r["kind"] == "near-miss"]
    if near:
        out["near_misses_refused"] = float(np.mean([r["abstained"] for r in near]))
    una = [r for r in rows if r["kind"] == "unanswerable"]
    ans = [r for r in rows if r["expected"]["gold_quotes"]]
    if squad and una:
        has = float(np.mean([r["contained1"] for r in ans]))
        no = float(np.mean([r["abstained"] for r in una]))
        out["HasAns_accuracy"], out["NoAns_accuracy"] = has, no
        out["accuracy"] = (has * len(ans) + no * len(una)) / (len(ans) + len(una))
    out["total_ms"] = {
        "p50": float(np.percentile([r["timings_ms"]["total"] for r in rows], 50)),
        "p95": float(np.percentile([r["timings_ms"]["total"] for r in rows], 95)),
    }
    return out


KEYS = {
    False: (
        "hit@1",
        "hit@3",
        "source_accuracy",
        "right_quote@3",
        "abstention_recall",
        "answerable_abstained",
        "verbatim_rate",
    ),
    True: (
        "contained@1",
        "contained@3",
        "mean_quote_chars",
        "near_misses_refused",
        "answerable_abstained",
        "accuracy",
        "HasAns_accuracy",
        "NoAns_accuracy",
        "verbatim_rate",
    ),
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reader", type=Path, default=READER_DIR)
    ap.add_argument(
        "--precision",
        choices=PRECISIONS,
        default=None,
        help="the reader's arithmetic (default: the manifest's)",
    )
    ap.add_argument("--sets", default="default,everyday,xquad,squad2")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = ap.parse_args()
    wanted = args.sets.split(",")

    embedder = Embedder()
    reader = Reader(args.reader, precision=args.precision)
    print(f"reader {reader.version} ({reader.precision}) from {args.reader}")
    sets: dict[str, tuple[QuoteService, list[EvalItem], bool]] = {}
    if "default" in wanted:
        service, items = default_set(embedder, reader)
        sets["default"] = (service, [i for i in items if i.split == "test"], False)
    if "everyday" in wanted:
        service, items = everyday_set(embedder, reader)
        sets["everyday"] = (service, [i for i in items if i.split == "test"], False)
    if "xquad" in wanted:
        service, items = xquad_set(embedder, reader)
        test = [i for i in outside_squad2(items) if i.split == "test"]
        sets["xquad"] = (service, test + near_misses(test, service.view.texts), True)
    if "squad2" in wanted:
        *_, held_file = squad2_split()
        corpus = DATA / "squad2-heldout-corpus"
        items = [replace(i, split="test") for i in load_squad(held_file, corpus)]
        sets["squad2"] = (
            dev_service(build("squad2-heldout", corpus, embedder), embedder, reader),
            items,
            True,
        )

    result: dict[str, Any] = {"reader": reader.version, "precision": reader.precision}
    for name, (service, items, squad) in sets.items():
        on = figures(service, items, squad, True)
        off = figures(service, items, squad, False)
        result[name] = {"on": on, "off": off, "questions": len(items)}
        print(f"\n{name} ({len(items)} questions)            reader on   reader off")
        for k in KEYS[squad]:
            if k in on:
                print(f"  {k:<28} {on[k]:>9.3f}   {off[k]:>9.3f}")
        print(
            f"  {'answer ms p50 / p95':<28} {on['total_ms']['p50']:>5.1f}/{on['total_ms']['p95']:<5.1f} "
            f"{off['total_ms']['p50']:>5.1f}/{off['total_ms']['p95']:.1f}"
        )
    if args.json:
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
