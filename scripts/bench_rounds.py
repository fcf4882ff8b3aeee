"""The everyday rounds' figures (``scripts/data/rounds/``), per round and in total, reader off and on.

    python scripts/bench_rounds.py                       # the held-out rounds, reader off and on (~9 min)
    python scripts/bench_rounds.py --which dev --modes off
    python scripts/bench_rounds.py --which held-out --modes off,int8 --json /tmp/rounds.json

Each round is indexed on its own (under ``data/dev/rounds/``, reused incrementally) and every
question is answered through the service, as ``quotebot eval`` does, and scored by
``bot.evaluation``. A round's *score* is what a user would count as a right reply: its answerable
questions whose right quote comes first, plus its near misses refused. Rounds written in two
halves (``r8a`` and ``r8b``) are reported as one (``r8``).

The held-out rounds are only ever scored in aggregate like this: their questions and failures are
not listed, so that nothing is tuned on them (see the rounds' README).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from _devsets import DATA, dev_service  # noqa: E402

from bot.evaluation.dataset import load_jsonl  # noqa: E402
from bot.evaluation.rows import run_items  # noqa: E402
from bot.reader import READER_DIR, Reader  # noqa: E402
from index.embedder import Embedder  # noqa: E402
from index.manifest import IndexConfig  # noqa: E402
from index.pipeline import ensure_index  # noqa: E402
from index.store import StoreConfig  # noqa: E402

ROUNDS = ROOT / "scripts" / "data" / "rounds"
#: Reader off, on at the manifest's precision, on in fp32, on in int8.
MODES = ("off", "on", "fp32", "int8")
COLUMNS = ("answerable", "right first", "refused", "near misses", "refused ", "score")


#: A round's folder: ``r`` and its number, perhaps a letter for one of its halves (``r8a``).
ROUND_FOLDER = re.compile(r"r(\d+)([a-z]?)")


def rounds(which: str, root: Path = ROUNDS) -> dict[str, list[Path]]:
    """Round name → its folders, in the order of their numbers (``r8a`` and ``r8b`` are ``r8``).
    Folders not named like a round, or without questions, are passed over."""
    out: dict[str, list[Path]] = {}
    for part in ("dev", "held-out") if which == "all" else (which,):
        for folder in sorted((root / part).iterdir()):
            named = ROUND_FOLDER.fullmatch(folder.name)
            if named and (folder / "questions.jsonl").exists():
                out.setdefault(f"r{named.group(1)}", []).append(folder)
    return dict(sorted(out.items(), key=lambda kv: int(kv[0][1:])))


def tally(rows: list[dict[str, Any]]) -> dict[str, int]:
    """A round's counts; a near miss is a question without gold quotes, whatever its kind."""
    ans = [r for r in rows if r["expected"]["gold_quotes"]]
    near = [r for r in rows if not r["expected"]["gold_quotes"]]
    right = sum(1 for r in ans if r["hit1"])
    refused_near = sum(1 for r in near if r["abstained"])
    return {
        "answerable": len(ans),
        "right_first": right,
        "answerable_refused": sum(1 for r in ans if r["abstained"]),
        "near_misses": len(near),
        "near_misses_refused": refused_near,
        "score": right + refused_near,
    }


def score_round(
    folders: list[Path], embedder: Embedder, readers: dict[str, Reader | None]
) -> dict[str, dict[str, int]]:
    """Each mode's counts over a round's folders (each indexed on its own)."""
    out: dict[str, dict[str, int]] = {}
    rows_by_mode: dict[str, list[dict[str, Any]]] = {m: [] for m in readers}
    for folder in folders:
        config = IndexConfig(store=StoreConfig(index_dir=DATA / "rounds" / f"{folder.name}-index"))
        ensure_index(config, [folder / "docs"], embedder=embedder)
        items = load_jsonl(folder / "questions.jsonl")
        for mode, reader in readers.items():
            service = dev_service(config, embedder, reader)
            rows_by_mode[mode] += run_items(service, items, squad=False, reader=reader is not None)
    for mode, rows in rows_by_mode.items():
        out[mode] = tally(rows)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--which", choices=("held-out", "dev", "all"), default="held-out")
    ap.add_argument(
        "--modes", default="off,on", help=f"comma-separated, of {', '.join(MODES)} (default off,on)"
    )
    ap.add_argument(
        "--reader", type=Path, default=READER_DIR, help="the reader's folder (default: the shipped one)"
    )
    ap.add_argument("--only", default=None, help="comma-separated round names (r22,r21); default all")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = ap.parse_args()
    modes = args.modes.split(",")
    if unknown := [m for m in modes if m not in MODES]:
        ap.error(f"unknown mode(s) {unknown}; choose from {', '.join(MODES)}")

    embedder = Embedder()
    readers: dict[str, Reader | None] = {}
    for mode in modes:
        readers[mode] = (
            None if mode == "off" else Reader(args.reader, precision=None if mode == "on" else mode)
        )
    named = rounds(args.which)
    if args.only:
        wanted = [n.strip() for n in args.only.split(",") if n.strip()]
        if unknown := [n for n in wanted if n not in named]:
            ap.error(f"no {args.which} round named {', '.join(unknown)}; there are {', '.join(named)}")
        named = {k: v for k, v in named.items() if k in wanted}
    if not named:
        ap.error(f"no {args.which} rounds with questions under {ROUNDS}")
    result: dict[str, Any] = {m: {} for m in modes}
    for name, folders in named.items():
        for mode, figures in score_round(folders, embedder, readers).items():
            result[mode][name] = figures
            print(f"{name:<5} {mode:<5} " + "  ".join(f"{v:>4}" for v in figures.values()), flush=True)
    print(f"\n{'mode':<6}" + "".join(f"{c:>13}" for c in COLUMNS))
    for mode in modes:
        total = {k: sum(r[k] for r in result[mode].values()) for k in next(iter(result[mode].values()))}
        result[mode]["total"] = total
        ans, near = max(total["answerable"], 1), max(total["near_misses"], 1)
        cells = [
            f"{total['answerable']}",
            f"{total['right_first']} ({total['right_first'] / ans:.1%})",
            f"{total['answerable_refused']} ({total['answerable_refused'] / ans:.1%})",
            f"{total['near_misses']}",
            f"{total['near_misses_refused']} ({total['near_misses_refused'] / near:.0%})",
            f"{total['score']}",
        ]
        print(f"{mode:<6}" + "".join(f"{c:>13}" for c in cells))
    print(
        "\nper round, score: "
        + "  ".join(f"{n} " + "/".join(str(result[m][n]["score"]) for m in modes) for n in named)
    )
    if args.json:
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
