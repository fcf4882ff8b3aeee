"""Tune the committed reader on everyday documents: questions people ask of their own files, and
near misses, read in the windows Quotebot's own retrieval gives it. CPU only, seeded.

    python scripts/tune_reader.py                  # ~8 minutes on 2 cores; writes bot/data/reader
    python scripts/fit_reader_decision.py --rounds scripts/data/rounds/dev/r13   # then its decision

Why: the reader learnt its task from SQuAD 2.0 (``scripts/train_reader.py``), Wikipedia prose whose
unanswerable questions were written to fool a reader of that prose. On a handbook, a menu or a
timetable its no-answer score hardly tells a near miss ("How much is a child ticket?" of a page
that prices only adults) from an answer (ROC AUC 0.62 on the development rounds). This script goes
on from the committed weights with windows of everyday documents:

- for each question of a round, the windows of the best three candidates the real read path ranks
  (``bot.chain`` stages, ``bot.read.reading``'s order and ``window_of``, whole neighbours as in
  training; a decision fitted for shorter windows reads them on the same weights): a window that holds a gold
  quote is an answer, with the quote as its span; any other is no answer. A near miss's windows are
  all no answer: they are what the bot would have shown.
- the gold quote's own window, if retrieval missed it (an answer);
- as many SQuAD 2.0 windows (``train_reader.examples_of``), so that it does not forget the task.

Rounds are folders with ``docs/`` and ``questions.jsonl`` (``quotebot eval`` format). Each is
indexed with the real write path into a temporary folder. Held-out rounds are never given here.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from _bench import SQUAD2 as SQUAD  # noqa: E402
from _bench import squad2_split  # noqa: E402
from train_reader import (  # noqa: E402
    Example,
    as_list,
    build_model,
    code_version,
    examples_of,
    labelled,
    save,
    train,
)

from bot.chain import Request  # noqa: E402
from bot.index_view import IndexView, SpanRec  # noqa: E402
from bot.read import window_of  # noqa: E402
from bot.reader import MAX_LEN, READER_DIR, PairEncoder, load_manifest  # noqa: E402
from index.embedder import default_model_path, model_fingerprint, model_name  # noqa: E402

#: Candidates whose windows are read per question (the read stage reads at most ``READ_TOP``, 5).
TOP = 3
#: The rounds of everyday documents (``scripts/data/rounds/README.md``): the reader is tuned on
#: these; ``r13`` is kept for fitting the decision (``fit_reader_decision.py --rounds``), and the
#: held-out rounds are never read here.
ROUNDS = ROOT / "scripts" / "data" / "rounds"
TUNE_ROUNDS = tuple(ROUNDS / "dev" / name for name in ("r8a", "r8b", "r10a", "r10b", "r11"))
#: The commit whose ``bot/data/reader`` is reader D, the SQuAD 2.0 reader tuning starts from.
START = "537b821"


def _own_sentence(view: IndexView, doc: str | None, gold: str) -> SpanRec | None:
    """The sentence where a gold quote starts in its document (None if it is not found): by its
    offsets in the text, not by matching sentence texts, where a lone "`" is inside any quote."""
    for doc_id in ([doc] if doc else []) or sorted({s.doc_id for s in view.sentences}):
        text = view.text(doc_id)
        at = text.find(gold) if text else -1
        if at >= 0:
            return next((s for s in view.sentences if s.doc_id == doc_id and s.start <= at < s.end), None)
    return None


def start_reader(folder: Path | None, work: Path) -> Path:
    """The reader to go on from: ``folder``, or reader D as committed at ``START`` (read from git
    into ``work``), never a reader that was tuned already."""
    if folder is None:
        folder = work / "start"
        folder.mkdir()
        for name in ("reader.json", "reader.safetensors"):
            try:
                data = subprocess.run(
                    ["git", "-C", str(ROOT), "show", f"{START}:bot/data/reader/{name}"],
                    capture_output=True,
                    check=True,
                ).stdout
            except (OSError, subprocess.CalledProcessError):
                raise SystemExit(
                    f"reader D is read from git ({START}); in a copy without that history, retrain it "
                    "with scripts/train_reader.py --out DIR and pass --start DIR"
                ) from None
            (folder / name).write_bytes(data)
    if "tuned" in load_manifest(folder).raw:
        raise SystemExit(f"{folder} holds a reader tuned already; start from the SQuAD-only reader D")
    return folder


def round_examples(folder: Path, work: Path) -> list[Example]:
    """Windows of one round's questions, labelled from its gold quotes (see the module docstring)."""
    from bot.service import QuoteService
    from index.manifest import IndexConfig
    from index.pipeline import run_index
    from index.store import StoreConfig

    config = IndexConfig(store=StoreConfig(index_dir=work / folder.name))
    run_index(config, [folder / "docs"])
    svc = QuoteService(config, max_question_chars=100_000)
    st, view = svc.stages, svc.view
    out: list[Example] = []
    for line in (folder / "questions.jsonl").read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        q, golds = item["question"], item.get("gold_quotes") or []
        u = st.understand(Request(question=q))
        ranked = st.rank(st.candidates(st.embed(u)))
        sentences = ranked.candidates.sentences
        order = [int(i) for i in np.argsort(-ranked.beliefs)[:TOP]]
        seen: set[str] = set()
        windows = [w for i in order if (w := window_of(view, sentences[i])) is not None]
        own = _own_sentence(view, item.get("doc"), golds[0]) if golds else None
        if own is not None and (w := window_of(view, own)) is not None:
            windows.append(w)  # the gold quote's own window, where retrieval did not read it
        for w in windows:
            if w.text in seen:
                continue
            seen.add(w.text)
            span = next(
                ((at, at + len(g)) for g in golds if (at := w.text.find(g)) >= 0),
                None,
            )
            out.append(Example(q, w.text, span, item["id"], not golds))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--rounds",
        type=Path,
        nargs="+",
        default=list(TUNE_ROUNDS),
        help="round folders (docs/, questions.jsonl); default: the development rounds but r13",
    )
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--lr", type=float, default=3e-5)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--squad-share", type=float, default=1.0, help="SQuAD windows per everyday window")
    ap.add_argument("--list-share", type=float, default=0.2)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument(
        "--start",
        type=Path,
        default=None,
        help=f"the reader to go on from (default: reader D, from git {START})",
    )
    ap.add_argument(
        "--out", type=Path, default=None, help=f"where to write (default {READER_DIR.relative_to(ROOT)})"
    )
    args = ap.parse_args()

    import torch
    from safetensors.torch import load_file

    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    rng = random.Random(args.seed)

    version = code_version()  # the code that ranks the windows: read before anything runs
    with tempfile.TemporaryDirectory() as tmp:
        everyday = [e for folder in args.rounds for e in round_examples(folder, Path(tmp))]
        start_dir = start_reader(args.start, Path(tmp))
        start = load_manifest(start_dir)
        weights = load_file(str(start_dir / "reader.safetensors"))
    raw = SQUAD.read_bytes()
    train_articles, _, _ = squad2_split(raw)
    squad = examples_of(train_articles, rng)
    squad = [as_list(e, rng) if rng.random() < args.list_share else e for e in squad]
    rng.shuffle(squad)
    squad = squad[: int(len(everyday) * args.squad_share)]
    ex = everyday + squad
    rng.shuffle(ex)

    base = default_model_path()
    encoder = PairEncoder(base)
    rows = labelled(encoder, ex)
    dropped = len(ex) - len(rows)  # an answer cut off by the window's length limit
    kinds = {
        "everyday answer windows": sum(e.answer is not None for e in everyday),
        "everyday other windows": sum(e.answer is None and not e.impossible for e in everyday),
        "everyday near-miss windows": sum(e.impossible for e in everyday),
        "squad windows": len(squad),
        "dropped (answer cut off at MAX_LEN)": dropped,
    }
    print(f"tuning on {len(rows)} windows ({kinds})", flush=True)

    model, layers = build_model(base, 6, start.depth)
    state = {("bert." + k if k.startswith("encoder.") else k): v.float() for k, v in weights.items()}
    missing = model.load_state_dict(state, strict=False)
    assert not missing.unexpected_keys, missing.unexpected_keys
    t0 = time.time()
    train(model, rows, args, rng)
    minutes = (time.time() - t0) / 60

    def rel(path: Path) -> str:
        return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)

    def digest(folder: Path) -> str:
        files = sorted(p for p in folder.rglob("*") if p.is_file())
        return hashlib.sha256(b"".join(p.name.encode() + p.read_bytes() for p in files)).hexdigest()

    manifest = dict(start.raw)  # the SQuAD training it goes on from: its data, figures and settings
    manifest.pop("by_precision", None)  # decisions fitted on the start's margins, not these weights'
    manifest.update(
        {
            "version": f"reader-{time.strftime('%Y%m%d')}-tuned-s{args.seed}",
            "base_model": {"name": model_name(base), "fingerprint": model_fingerprint(base)},
            "layers": layers,
            "max_len": MAX_LEN,
            "tuned": {
                "from": start.version,
                "rounds": {rel(f): digest(f) for f in args.rounds},
                "licence": "the rounds were written for this project; SQuAD 2.0 windows: CC BY-SA 4.0",
                "windows": len(rows),
                "kinds": kinds,
                "code": {"version": version, "script": "scripts/tune_reader.py"},
                "settings": {
                    k: ([rel(p) for p in v] if isinstance(v, list) else rel(v) if isinstance(v, Path) else v)
                    for k, v in vars(args).items()
                },
                "minutes": round(minutes, 1),
            },
            "decision": {},
        }
    )
    out = args.out or READER_DIR
    save(model, layers, out, manifest)
    print(f"tuned in {minutes:.1f} min; wrote {out}; now fit its decision:")
    print("  python scripts/fit_reader_decision.py --rounds scripts/data/rounds/dev/r13")


if __name__ == "__main__":
    main()
