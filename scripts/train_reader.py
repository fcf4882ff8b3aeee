"""Train the reader (``bot/reader.py``) on SQuAD 2.0, CPU only, seeded; write it to ``bot/data/reader``.

    python scripts/train_reader.py                 # ~50 minutes on 2 cores (3 epochs)
    python scripts/train_reader.py --limit 200     # a smoke run (minutes), written to data/dev/reader-smoke

What it learns: for a question and a window of three sentences (the candidate sentence with its
neighbours, exactly what the read stage gives it), where the answer starts and ends, or that the
window has none (the ``[CLS]`` piece). Training windows come from ``../shared/benchmarks/squad2``:

- each answerable question, on the window around its answer (a positive), and on the window of
  the paragraph's other sentence that shares most words with it, two sentences or more away (the
  answer is not in it: a negative, the kind retrieval puts first);
- each unanswerable question (written to look answerable) on the window around its plausible
  answer, or the window that shares most words with it: a hard negative.

Whole articles are held out (``_bench.SQUAD2_HELD_OUT``); at the end the script prints window- and question-level
figures on them (HasAns and NoAns apart) and writes a SQuAD file of those articles for
``quotebot eval --squad``. Only the trained layers and the span head are saved, in fp16, with a
manifest (base model, data files and hashes, code version, settings, figures). The answer decision
that weighs the reader against the other signals is fit afterwards by ``scripts/fit_reader_decision.py``
on development questions, through the real read path.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import random
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from _bench import SQUAD2 as SQUAD  # noqa: E402
from _bench import (  # noqa: E402
    SQUAD2_HELD_OUT,
    auc,
    squad2_split,
)

from bot.reader import MAX_LEN, READER_DIR, PairEncoder, best_spans  # noqa: E402
from index.embedder import default_model_path, model_fingerprint, model_name  # noqa: E402
from index.sentences import sentence_spans  # noqa: E402

WORD = re.compile(r"[A-Za-z0-9]+")
#: Words that say nothing about which window a question is about (kept as is: the shipped model
#: was trained with exactly these; the product's list is ``index.stopwords``).
STOP = set(
    [
        "the",
        "a",
        "an",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "by",
        "with",
        "from",
        "and",
        "or",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "what",
        "which",
        "who",
        "whom",
        "whose",
        "when",
        "where",
        "why",
        "how",
        "did",
        "do",
        "does",
        "that",
        "this",
        "these",
        "those",
        "as",
        "it",
        "its",
        "their",
        "his",
        "her",
        "than",
        "into",
        "during",
        "after",
        "before",
        "about",
        "other",
        "many",
        "much",
    ]
)


@dataclass
class Example:
    question: str
    window: str
    #: Answer's character range in the window, or None (no answer in it).
    answer: tuple[int, int] | None
    qid: str
    impossible: bool


def words(text: str) -> set[str]:
    return {w for w in (x.lower() for x in WORD.findall(text)) if w not in STOP}


def window(spans: list[tuple[int, int]], i: int) -> tuple[int, int]:
    """Sentence ``i`` with its neighbours, as the read stage builds it (``bot.read.window_of``)."""
    return spans[max(0, i - 1)][0], spans[min(len(spans) - 1, i + 1)][1]


def sentence_of(spans: list[tuple[int, int]], at: int) -> int:
    for i, (_, e) in enumerate(spans):
        if at < e:
            return i
    return len(spans) - 1


def examples_of(articles: list[dict], rng: random.Random) -> list[Example]:
    out: list[Example] = []
    for article in articles:
        paras = []
        for para in article["paragraphs"]:
            text = para["context"]
            spans = sentence_spans(text, 0, len(text), []) or [(0, len(text))]
            wins = [window(spans, i) for i in range(len(spans))]
            paras.append((para, text, spans, wins, [words(text[s:e]) for s, e in spans]))
        for p, (para, text, spans, wins, bags) in enumerate(paras):
            for qa in para["qas"]:
                q, qid = qa["question"], qa["id"]
                qw = words(q)
                overlap = [len(qw & b) + rng.random() * 0.1 for b in bags]
                if not qa.get("is_impossible"):
                    ans = qa["answers"][0]
                    a0, a1 = ans["answer_start"], ans["answer_start"] + len(ans["text"])
                    i = sentence_of(spans, a0)
                    # The answer's window, and its neighbours' (the answer then sits at an edge).
                    for k in {max(0, i - 1), i, min(len(spans) - 1, i + 1)}:
                        ws, we = wins[k]
                        if ws <= a0 and a1 <= we:
                            out.append(Example(q, text[ws:we], (a0 - ws, a1 - ws), qid, False))
                    far = [k for k in range(len(spans)) if abs(k - i) >= 2]
                    if far:
                        ws, we = wins[max(far, key=lambda k: overlap[k])]
                        out.append(Example(q, text[ws:we], None, qid, False))
                    # The best-matching window of another paragraph: the answer's paragraph hidden.
                    others = [
                        (len(qw & ob[k]) + rng.random() * 0.1, ot, ow[k])
                        for o, (_, ot, _, ow, ob) in enumerate(paras)
                        if o != p
                        for k in range(len(ow))
                    ]
                    if others:
                        _, ot, (ws, we) = max(others, key=lambda x: x[0])
                        out.append(Example(q, ot[ws:we], None, qid, False))
                else:
                    plaus = qa.get("plausible_answers") or []
                    i = (
                        sentence_of(spans, plaus[0]["answer_start"])
                        if plaus
                        else max(range(len(spans)), key=lambda k: overlap[k])
                    )
                    near = rng.choice([max(0, i - 1), min(len(spans) - 1, i + 1)])
                    for k in {i, near}:
                        ws, we = wins[k]
                        out.append(Example(q, text[ws:we], None, qid, True))
    return out


#: Item markers of the list-shaped windows (``as_list``); numbered items get their number.
MARKERS = ("- ", "* ", "{n}. ")


def as_list(e: Example, rng: random.Random) -> Example:
    """The same window written as a Markdown list, one sentence per item (the answer moved with it).

    SQuAD is prose only; users' documents are full of lists (opening hours, steps, rules), where the
    first reader found the right span but scored it as no answer. A window whose answer crosses a
    sentence boundary, or that has one sentence, stays prose.
    """
    spans = sentence_spans(e.window, 0, len(e.window), [])
    if len(spans) < 2:
        return e
    marker = rng.choice(MARKERS)
    text, moved = "", []
    for n, (s, t) in enumerate(spans, start=1):
        text += marker.format(n=n)
        moved.append((s, t, len(text)))
        text += e.window[s:t] + "\n"
    answer = None
    if e.answer is not None:
        a0, a1 = e.answer
        inside = [(s, n) for s, t, n in moved if s <= a0 and a1 <= t]
        if not inside:
            return e
        s, n = inside[0]
        answer = (n + a0 - s, n + a1 - s)
    return Example(e.question, text.rstrip("\n"), answer, e.qid, e.impossible)


def labelled(encoder: PairEncoder, ex: list[Example]) -> list[tuple[np.ndarray, np.ndarray, int, int]]:
    """(ids, types, start piece, end piece) per example; 0, 0 is "no answer". Examples whose answer
    was cut off by ``MAX_LEN`` are dropped."""
    out = []
    for e in ex:
        enc = encoder.encode(e.question, [e.window])
        ids, types, offs = enc.ids[0], enc.types[0], enc.offsets[0]
        s = t = 0
        if e.answer is not None:
            a0, a1 = e.answer
            inside = np.nonzero((offs[:, 0] >= 0) & (offs[:, 1] > a0) & (offs[:, 0] < a1))[0]
            if not len(inside):
                continue
            s, t = int(inside[0]), int(inside[-1])
        out.append((ids, types, s, t))
    return out


def batches(n_items: int, lengths: list[int], size: int, rng: random.Random) -> list[list[int]]:
    """Batches of similar length (little padding), in a shuffled order."""
    order = sorted(range(n_items), key=lambda i: (lengths[i], rng.random()))
    cut = [order[i : i + size] for i in range(0, n_items, size)]
    rng.shuffle(cut)
    return cut


def build_model(base: Path, train_layers: int, depth: int | None = None):
    """The torch reader: the packaged model (its first ``depth`` layers only, when given: a
    shallower, faster reader) with a span head; its upper ``train_layers`` layers trainable."""
    import torch
    from transformers import BertModel

    class TorchReader(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = BertModel.from_pretrained(str(base), add_pooling_layer=False)
            self.qa_outputs = torch.nn.Linear(self.bert.config.hidden_size, 2)

        def forward(self, ids, types, mask):
            h = self.bert(input_ids=ids, token_type_ids=types, attention_mask=mask).last_hidden_state
            logits = self.qa_outputs(h)
            pad = (1 - mask) * -1e4
            return logits[..., 0] + pad, logits[..., 1] + pad

    model = TorchReader()
    if depth is not None:
        if not 1 <= depth <= model.bert.config.num_hidden_layers:
            raise SystemExit(f"--depth must be 1 to {model.bert.config.num_hidden_layers}, not {depth}")
        model.bert.encoder.layer = model.bert.encoder.layer[:depth]
        model.bert.config.num_hidden_layers = depth
    n_layers = model.bert.config.num_hidden_layers
    train_layers = min(train_layers, n_layers)
    first = n_layers - train_layers
    for name, p in model.bert.named_parameters():
        p.requires_grad = name.startswith("encoder.layer.") and int(name.split(".")[2]) >= first
    return model, list(range(first, n_layers))


def pad(rows: list[tuple[np.ndarray, np.ndarray, int, int]]):
    import torch

    n = max(len(r[0]) for r in rows)
    ids = torch.zeros((len(rows), n), dtype=torch.long)
    types = torch.zeros_like(ids)
    mask = torch.zeros_like(ids)
    for k, (i, t, _, _) in enumerate(rows):
        ids[k, : len(i)] = torch.from_numpy(i)
        types[k, : len(t)] = torch.from_numpy(t)
        mask[k, : len(i)] = 1
    starts = torch.tensor([r[2] for r in rows])
    ends = torch.tensor([r[3] for r in rows])
    return ids, types, mask, starts, ends


def train(model, data, args, rng: random.Random) -> None:
    import torch

    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=args.lr, weight_decay=0.01)
    lengths = [len(r[0]) for r in data]
    per_epoch = math.ceil(len(data) / args.batch)
    total = per_epoch * args.epochs
    warm = max(1, int(0.1 * total))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (total - s) / max(1, total - warm)))
    )
    ce = torch.nn.CrossEntropyLoss()
    step, t0 = 0, time.time()
    model.train()
    for epoch in range(args.epochs):
        running = 0.0
        for b, idx in enumerate(batches(len(data), lengths, args.batch, rng)):
            ids, types, mask, s, e = pad([data[i] for i in idx])
            start, end = model(ids, types, mask)
            loss = (ce(start, s) + ce(end, e)) / 2
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            opt.step()
            sched.step()
            step += 1
            running += float(loss.detach())
            if (b + 1) % 50 == 0 or b + 1 == per_epoch:
                el = time.time() - t0
                print(
                    f"  epoch {epoch + 1}/{args.epochs} batch {b + 1}/{per_epoch} loss {running / (b + 1):.3f} "
                    f"({el / 60:.1f} min, ~{el / step * (total - step) / 60:.1f} min left)",
                    flush=True,
                )


def logits_of(model, encoder: PairEncoder, question: str, windows: list[str]):
    import torch

    enc = encoder.encode(question, windows)
    with torch.no_grad():
        s, e = model(torch.from_numpy(enc.ids), torch.from_numpy(enc.types), torch.from_numpy(enc.mask))
    return s.numpy(), e.numpy(), enc


def evaluate(model, encoder: PairEncoder, articles: list[dict]) -> dict[str, float]:
    """Question level: every window of the question's paragraph is read; the question is answered
    when the best margin is above 0, and an answer counts when its span overlaps the gold answer."""
    model.eval()
    has_ok = no_ok = has_n = no_n = 0
    pos, neg = [], []
    for article in articles:
        for para in article["paragraphs"]:
            text = para["context"]
            spans = sentence_spans(text, 0, len(text), []) or [(0, len(text))]
            wins = [window(spans, i) for i in range(len(spans))]
            for qa in para["qas"]:
                s, e, enc = logits_of(model, encoder, qa["question"], [text[a:b] for a, b in wins])
                margin, si, ei = best_spans(s, e, enc.offsets)
                r = int(np.argmax(margin))
                m = float(margin[r])
                if qa.get("is_impossible"):
                    no_n += 1
                    no_ok += m <= 0
                    neg.append(m)
                    continue
                has_n += 1
                pos.append(m)
                c0 = wins[r][0] + int(enc.offsets[r, si[r], 0])
                c1 = wins[r][0] + int(enc.offsets[r, ei[r], 1])
                hit = any(
                    c0 < a["answer_start"] + len(a["text"]) and a["answer_start"] < c1 for a in qa["answers"]
                )
                has_ok += m > 0 and hit
    model.train()
    return {
        "accuracy": (has_ok + no_ok) / max(1, has_n + no_n),
        "has_answer_accuracy": has_ok / max(1, has_n),
        "no_answer_accuracy": no_ok / max(1, no_n),
        "answerable_auc": auc(pos, neg),
        "questions": has_n + no_n,
    }


def save(model, layers: list[int], out: Path, manifest: dict) -> None:
    from safetensors.torch import save_file

    keep = {}
    for name, p in model.state_dict().items():
        if name.startswith("bert.encoder.layer.") and int(name.split(".")[3]) in layers:
            keep[name.removeprefix("bert.")] = p.detach().to("cpu").half().contiguous()
        elif name.startswith("qa_outputs."):
            keep[name] = p.detach().to("cpu").half().contiguous()
    out.mkdir(parents=True, exist_ok=True)
    file = out / "reader.safetensors"
    save_file(keep, str(file), metadata={"format": "pt"})
    manifest["weights_sha256"] = hashlib.sha256(file.read_bytes()).hexdigest()
    manifest["version"] += "-" + manifest["weights_sha256"][:6]  # two runs on one day differ by name
    manifest["weights_mb"] = round(file.stat().st_size / 1e6, 2)
    old = out / "reader.json"
    if old.exists():  # keep a decision fitted earlier only if it was fitted for these very weights
        prev = json.loads(old.read_text(encoding="utf-8"))
        if prev.get("weights_sha256") == manifest["weights_sha256"] and "decision" in prev:
            manifest["decision"] = prev["decision"]
    (out / "reader.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")


def code_version() -> str:
    try:
        rev = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain"], capture_output=True, text=True
        )
        return rev + ("+changes" if dirty.stdout.strip() else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--lr", type=float, default=8e-5)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument(
        "--train-layers", type=int, default=6, help="upper layers fine-tuned (the rest stay packaged)"
    )
    ap.add_argument(
        "--depth",
        type=int,
        default=None,
        help="keep only the packaged model's first N layers (a shallower, faster reader; default all)",
    )
    ap.add_argument(
        "--list-share", type=float, default=0.2, help="share of windows rewritten as Markdown lists (as_list)"
    )
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--limit", type=int, default=0, help="train on this many windows only (a smoke run)")
    ap.add_argument(
        "--out", type=Path, default=None, help=f"where to write (default {READER_DIR.relative_to(ROOT)})"
    )
    args = ap.parse_args()

    import torch

    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    rng = random.Random(args.seed)
    out = args.out or (ROOT / "data" / "dev" / "reader-smoke" if args.limit else READER_DIR)

    raw = SQUAD.read_bytes()
    train_articles, held, _ = squad2_split(raw)

    base = default_model_path()
    encoder = PairEncoder(base)
    ex = examples_of(train_articles, rng)
    ex = [as_list(e, rng) if rng.random() < args.list_share else e for e in ex]
    rng.shuffle(ex)
    if args.limit:
        ex = ex[: args.limit]
    rows = labelled(encoder, ex)
    kinds = {
        "answer windows": sum(e.answer is not None for e in ex),
        "other windows of answerable questions": sum(e.answer is None and not e.impossible for e in ex),
        "unanswerable questions": sum(e.impossible for e in ex),
    }
    print(
        f"training on {len(train_articles)} articles, {len(rows)} windows ({kinds}); held out: {', '.join(SQUAD2_HELD_OUT)}"
    )
    model, layers = build_model(base, args.train_layers, args.depth)
    t0 = time.time()
    train(model, rows, args, rng)
    minutes = (time.time() - t0) / 60
    print(f"trained in {minutes:.1f} min; held-out figures:")
    figures = evaluate(model, encoder, held if not args.limit else held[:1])
    for k, v in figures.items():
        print(f"  {k}: {v:.3f}" if isinstance(v, float) else f"  {k}: {v}")
    manifest = {
        "version": f"reader-{time.strftime('%Y%m%d')}-s{args.seed}",
        "base_model": {"name": model_name(base), "fingerprint": model_fingerprint(base)},
        "layers": layers,
        **({"depth": args.depth} if args.depth else {}),
        "max_len": MAX_LEN,
        "data": {
            "file": str(SQUAD.relative_to(ROOT.parent)),
            "sha256": hashlib.sha256(raw).hexdigest(),
            "licence": "CC BY-SA 4.0 (SQuAD 2.0, Rajpurkar, Jia and Liang 2018)",
            "trained_articles": [a["title"] for a in train_articles],
            "held_out_articles": list(SQUAD2_HELD_OUT),
            "windows": len(rows),
        },
        "code": {"version": code_version(), "script": "scripts/train_reader.py"},
        "settings": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
        "training_minutes": round(minutes, 1),
        "held_out": figures,
        "decision": {},
    }
    save(model, layers, out, manifest)
    print(f"wrote {out}/reader.safetensors ({manifest['weights_mb']} MB) and reader.json")


if __name__ == "__main__":
    main()
