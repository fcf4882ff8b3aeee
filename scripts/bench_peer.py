"""Peer comparison: Quotebot against what a typical user would build instead.

The peer: LangChain's ``RecursiveCharacterTextSplitter(chunk_size=500, chunk_overlap=50)`` over the raw
text of each file, chunks stored in Chroma (``PersistentClient`` in a temporary folder, cosine space,
``embedding_function=None``) with embeddings from the same all-MiniLM-L6-v2 weights, computed the way a
typical user computes them: plain sentence-transformers on PyTorch (``SentenceTransformer(folder)``,
``encode(..., normalize_embeddings=True)``, torch's own thread count unless ``--torch-threads``), not
Quotebot's engine, so that Quotebot's ONNX Runtime engine does not speed up the peer as well. It answers
with the top similarity chunk(s) for the question's embedding (top-1 and top-3 of one query). Every
chunk's metadata records its ``doc_id`` so the right-paragraph check works.

Quotebot: ``QuoteService`` over an index of the same files, its quotes as answers, abstention disabled
(``threshold=-1.0``) so both systems always answer, embedding with its own engine (``index.embedder.Embedder``,
ONNX Runtime). Each system's model is loaded beforehand, outside every timing; Quotebot's query-embedding
cache is cleared before each ask (the peer has none).

Measured side by side, on the same machine and data (a benchmark that prints figures, not a test):

- default corpus (``tests/data/eval_default.jsonl``, answerable questions): hit@1 and hit@3 (a returned
  text covers >= 60% of a gold quote's words, ``metrics.covers``), over all questions and the test split;
- XQuAD (240 paragraphs as documents, all 1,190 questions): contained@1 / contained@3 (the answer text is
  inside a returned text that comes from the gold paragraph, ``metrics.contains``), paragraph@1;
- mean length of the top-1 returned text (characters), warm latency per question p50/p95, index time.

On XQuAD the peer also runs a second time on the paragraph text alone ("no title line"): the files that
``load_squad`` writes start with the article title and a blank line, and the splitter's first separator
(a blank line) turns each title into a chunk of its own that often wins top-1. Quotebot reads that line as the
section heading. The second peer column is the peer's best case (and what the comparison's orientation figures
correspond to).

    .venv/bin/python scripts/bench_peer.py [--json data/bench/peer.json] [--xquad-limit N]
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from _bench import (
    DEFAULT_SET,
    ROOT,
    XQUAD,
    add_reader_precision,
    add_run_args,
    apply_torch_threads,
    code_line,
    exit_on_sigterm,
    machine_line,
    new_parser,
    pct,
    print_load_average,
    print_table,
    set_offline_defaults,
    write_json,
)

set_offline_defaults()

CHUNK_SIZE, CHUNK_OVERLAP = 500, 50


def ranker_line() -> str:
    """Which shipped ranker weights Quotebot used (they are retrained from time to time)."""
    import hashlib

    from bot.ranker import DEFAULT_WEIGHTS

    data = DEFAULT_WEIGHTS.read_bytes()
    mtime = datetime.fromtimestamp(DEFAULT_WEIGHTS.stat().st_mtime, UTC)
    return f"{DEFAULT_WEIGHTS.relative_to(ROOT)} sha256 {hashlib.sha256(data).hexdigest()[:12]}, modified {mtime:%Y-%m-%d %H:%M} UTC"


# -- the peer --------------------------------------------------------------------------------------
class PeerEmbedder:
    """What a typical user embeds with: sentence-transformers on PyTorch, the packaged weights."""

    def __init__(self) -> None:
        from sentence_transformers import SentenceTransformer

        from index.embedder import default_model_path

        self.model = SentenceTransformer(str(default_model_path()), device="cpu", local_files_only=True)

    def encode(self, texts: list[str]) -> Any:
        return self.model.encode(
            texts, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
        )


class Peer:
    """Recursive character chunks in Chroma, answered by the nearest chunks to the question."""

    def __init__(self, embedder: PeerEmbedder, path: Path, name: str) -> None:
        import chromadb
        from chromadb.config import Settings

        self.embedder = embedder
        self.client = chromadb.PersistentClient(path=str(path), settings=Settings(anonymized_telemetry=False))
        self.col: Any = self.client.create_collection(
            name, embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
        )
        self.texts: dict[str, str] = {}
        self.chunks = 0

    def index(self, files: list[tuple[Path, str]], strip_title: bool = False) -> None:
        """``strip_title``: drop each file's first line and the blank line after it (the SQuAD article
        title that ``load_squad`` writes above each paragraph), leaving the paragraph text alone."""
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        splitter = RecursiveCharacterTextSplitter(
            chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP, add_start_index=True
        )
        texts, metas = [], []
        for path, doc_id in files:
            raw = path.read_text(encoding="utf-8")  # what TextLoader gives a typical user
            if strip_title:
                raw = raw.split("\n", 1)[1].lstrip("\n") if "\n" in raw else raw
            self.texts[doc_id] = raw
            for d in splitter.create_documents([raw], metadatas=[{"doc_id": doc_id}]):
                texts.append(d.page_content)
                metas.append(dict(d.metadata))
        vectors = self.embedder.encode(texts)
        step = max(1, min(int(self.client.get_max_batch_size()), 2000))
        for i in range(0, len(texts), step):
            self.col.add(
                ids=[f"c{j}" for j in range(i, min(i + step, len(texts)))],
                embeddings=vectors[i : i + step].tolist(),
                documents=texts[i : i + step],
                metadatas=metas[i : i + step],
            )
        self.chunks = len(texts)

    def ask(self, question: str, k: int = 3) -> list[dict[str, Any]]:
        qv = self.embedder.encode([question])[0]
        got = self.col.query(
            query_embeddings=[qv.tolist()], n_results=k, include=["documents", "metadatas", "distances"]
        )
        return [
            {"text": t, "doc_id": m["doc_id"], "start": m.get("start_index"), "score": 1.0 - d}
            for t, m, d in zip(got["documents"][0], got["metadatas"][0], got["distances"][0])
        ]


# -- running both ----------------------------------------------------------------------------------
@dataclass
class Result:
    rows: list[dict[str, Any]] = field(default_factory=list)
    index_s: float = 0.0
    units: str = ""


def ask_all(ask: Any, items: list[Any]) -> list[dict[str, Any]]:
    rows = []
    for it in items:
        t0 = time.perf_counter()
        quotes = ask(it.question)
        ms = (time.perf_counter() - t0) * 1000
        rows.append({"item": it, "quotes": quotes, "ms": ms})
    return rows


def score(rows: list[dict[str, Any]], squad: bool, texts: dict[str, str] | None) -> dict[str, Any]:
    from bot.evaluation import metrics as m

    ans = [r for r in rows if r["item"].answerable]
    out: dict[str, Any] = {"questions": len(ans)}
    if squad:
        c1 = [
            float(m.hit_at(r["quotes"], r["item"].gold_quotes, 1, r["item"].doc_id, m.contains) > 0)
            for r in ans
        ]
        c3 = [
            float(m.hit_at(r["quotes"], r["item"].gold_quotes, 3, r["item"].doc_id, m.contains) > 0)
            for r in ans
        ]
        out["contained@1"], out["contained@3"] = m.mean(c1), m.mean(c3)
        out["contained@1_ci95"] = m.bootstrap_ci(c1)
        out["paragraph@1"] = m.mean(
            [float(bool(r["quotes"]) and r["quotes"][0]["doc_id"] == r["item"].doc_id) for r in ans]
        )
    else:
        h1 = [m.hit_at(r["quotes"], r["item"].gold_quotes, 1) for r in ans]
        out["hit@1"], out["hit@3"] = (
            m.mean(h1),
            m.mean([m.hit_at(r["quotes"], r["item"].gold_quotes, 3) for r in ans]),
        )
        out["hit@1_ci95"] = m.bootstrap_ci(h1)
    out["mean_top1_chars"] = m.mean([len(r["quotes"][0]["text"]) for r in ans if r["quotes"]])
    out["mean_returned_chars_top3"] = m.mean(
        [sum(len(q["text"]) for q in r["quotes"][:3]) for r in ans if r["quotes"]]
    )
    out["no_answer"] = sum(1 for r in ans if not r["quotes"])
    lat = [r["ms"] for r in rows]
    out["latency_p50_ms"], out["latency_p95_ms"] = pct(lat, 50), pct(lat, 95)
    if texts is not None:
        quotes = [q for r in rows for q in r["quotes"]]

        def exact(q: dict[str, Any]) -> bool:
            doc = texts.get(q["doc_id"], "")
            start = q.get("start")
            return doc[start : start + len(q["text"])] == q["text"] if start is not None else q["text"] in doc

        ok = sum(1 for q in quotes if exact(q))
        out["verbatim"] = ok / len(quotes) if quotes else 1.0
    return out


def run_both(
    name: str,
    corpus: Path,
    items: list[Any],
    embedder: Any,
    peer_embedder: PeerEmbedder,
    work: Path,
    squad: bool,
    reader: Any = None,
) -> dict[str, Any]:
    from bot.errors import BadQuestionError
    from bot.service import QuoteService
    from index.manifest import IndexConfig
    from index.pipeline import discover, run_index
    from index.store import StoreConfig

    files, _ = discover([corpus])
    # Peer: split, embed, store.
    t0 = time.perf_counter()
    peer = Peer(peer_embedder, work / f"peer-{name}", f"peer-{name}")
    peer.index(files)
    peer_index_s = time.perf_counter() - t0
    # Quotebot: run_index into a fresh folder.
    config = IndexConfig(store=StoreConfig(index_dir=work / f"quotebot-{name}"))
    t0 = time.perf_counter()
    rep = run_index(config, [corpus], embedder=embedder)
    qb_index_s = time.perf_counter() - t0
    service = QuoteService(config, embedder=embedder, max_question_chars=100_000, reader=reader)

    def qb_ask(question: str) -> list[dict[str, Any]]:
        cache = getattr(embedder, "_cache", None)
        if isinstance(cache, dict):
            cache.clear()  # the peer has no query cache: every ask embeds its question
        try:
            answer = service.ask(question, top_k=3, threshold=-1.0)
        except BadQuestionError:
            return []
        return [q.public() for q in answer.quotes]

    # XQuAD only: the peer again on the paragraph text without its title line. With the title, the
    # splitter's first separator ("\n\n") makes every title a chunk of its own, which often wins top-1.
    bare = None
    if squad:
        t0 = time.perf_counter()
        bare = Peer(peer_embedder, work / f"peer-{name}-bare", f"peer-{name}-bare")
        bare.index(files, strip_title=True)
        bare_index_s = time.perf_counter() - t0

    # Warm each once (first Chroma query of a collection loads its HNSW index).
    peer.ask(items[0].question)
    qb_ask(items[0].question)
    peer_rows = ask_all(peer.ask, items)
    qb_rows = ask_all(qb_ask, items)
    bare_rows: list[dict[str, Any]] = []
    if bare is not None:
        bare.ask(items[0].question)
        bare_rows = ask_all(bare.ask, items)
    qb_texts = {d: service.view.text(d) or "" for d in service.view.docs}

    def both(select: Any) -> dict[str, Any]:
        out = {
            "peer": score([r for r in peer_rows if select(r["item"])], squad, peer.texts),
            "quotebot": score([r for r in qb_rows if select(r["item"])], squad, qb_texts),
        }
        if bare is not None:
            out["peer_no_title"] = score([r for r in bare_rows if select(r["item"])], squad, bare.texts)
        return out

    out: dict[str, Any] = {
        "all": both(lambda it: True),
        "index": {
            "peer_s": peer_index_s,
            "quotebot_s": qb_index_s,
            "peer_chunks": peer.chunks,
            "quotebot_sentences": rep.sentences,
            "quotebot_passages": rep.passages,
            "documents": len(files),
        },
    }
    if bare is not None:
        out["index"].update(peer_no_title_s=bare_index_s, peer_no_title_chunks=bare.chunks)
    if not squad:
        out["test"] = both(lambda it: it.split == "test")
    return out


def f3(x: float) -> str:
    return f"{x:.3f}"


def ci(v: tuple[float, float]) -> str:
    return f"{v[0]:.3f}-{v[1]:.3f}"


def table_rows(figures: dict[str, Any]) -> list[list[str]]:
    """Rows of the side-by-side table: peer on the same files, peer without title lines (XQuAD only), Quotebot."""
    rows: list[list[str]] = []

    def add(label: str, fig: dict[str, Any], fmt: Any) -> None:
        cols = []
        for system in ("peer", "peer_no_title", "quotebot"):
            cols.append(fmt(fig[system]) if system in fig else "-")
        rows.append([label, *cols])

    d = figures["default"]
    for split in ("all", "test"):
        n = d[split]["peer"]["questions"]
        add(f"default hit@1 ({split}, n={n})", d[split], lambda r: f3(r["hit@1"]))
        add(f"default hit@3 ({split}, n={n})", d[split], lambda r: f3(r["hit@3"]))
    a = d["all"]
    add("default hit@1 95% CI (all)", a, lambda r: ci(r["hit@1_ci95"]))
    add("default mean top-1 chars", a, lambda r: f"{r['mean_top1_chars']:.0f}")
    add("default mean chars of top-3", a, lambda r: f"{r['mean_returned_chars_top3']:.0f}")
    add("default latency p50 / p95 ms", a, lambda r: f"{r['latency_p50_ms']:.1f} / {r['latency_p95_ms']:.1f}")
    ix = d["index"]
    rows.append(["default index time s", f"{ix['peer_s']:.2f}", "-", f"{ix['quotebot_s']:.2f}"])
    rows.append(
        [
            "default units indexed",
            f"{ix['peer_chunks']} chunks",
            "-",
            f"{ix['quotebot_sentences']} sent. + {ix['quotebot_passages']} pass.",
        ]
    )
    if "xquad" in figures:
        x = figures["xquad"]["all"]
        n = x["peer"]["questions"]
        add(f"XQuAD contained@1 (n={n})", x, lambda r: f3(r["contained@1"]))
        add("XQuAD contained@1 95% CI", x, lambda r: ci(r["contained@1_ci95"]))
        add(f"XQuAD contained@3 (n={n})", x, lambda r: f3(r["contained@3"]))
        add("XQuAD paragraph@1", x, lambda r: f3(r["paragraph@1"]))
        add("XQuAD mean top-1 chars", x, lambda r: f"{r['mean_top1_chars']:.0f}")
        add("XQuAD mean chars of top-3", x, lambda r: f"{r['mean_returned_chars_top3']:.0f}")
        add(
            "XQuAD latency p50 / p95 ms",
            x,
            lambda r: f"{r['latency_p50_ms']:.1f} / {r['latency_p95_ms']:.1f}",
        )
        ix = figures["xquad"]["index"]
        rows.append(
            [
                "XQuAD index time s",
                f"{ix['peer_s']:.1f}",
                f"{ix.get('peer_no_title_s', float('nan')):.1f}",
                f"{ix['quotebot_s']:.1f}",
            ]
        )
        rows.append(
            [
                "XQuAD units indexed",
                f"{ix['peer_chunks']} chunks",
                f"{ix.get('peer_no_title_chunks', '-')} chunks",
                f"{ix['quotebot_sentences']} sent. + {ix['quotebot_passages']} pass.",
            ]
        )
    verbatim = []
    for system in ("peer", "peer_no_title", "quotebot"):
        vals = [
            figures[k]["all"][system]["verbatim"]
            for k in ("default", "xquad")
            if k in figures and system in figures[k]["all"]
        ]
        verbatim.append(f"{min(vals):.1%}" if vals else "-")
    rows.append(["returned text verbatim in the document", *verbatim])
    return rows


def main() -> int:
    ap = new_parser(__doc__)
    ap.add_argument(
        "--corpus", type=Path, default=ROOT / "corpus", help="the default corpus (default: %(default)s)"
    )
    ap.add_argument(
        "--questions", type=Path, default=DEFAULT_SET, help="question file (default: %(default)s)"
    )
    ap.add_argument("--xquad", type=Path, default=XQUAD, help="XQuAD/SQuAD JSON (default: %(default)s)")
    ap.add_argument(
        "--xquad-limit", type=int, default=0, help="only the first N XQuAD questions (default: all 1,190)"
    )
    ap.add_argument("--skip-xquad", action="store_true", help="only the default corpus")
    ap.add_argument(
        "--reader",
        choices=("on", "off"),
        default="on",
        help="Quotebot's reader, as QUOTEBOT_READER (default: on)",
    )
    add_reader_precision(ap)
    ap.add_argument(
        "--work-dir", type=Path, default=None, help="where both indexes go (default: a temporary folder)"
    )
    add_run_args(ap)
    args = ap.parse_args()
    exit_on_sigterm()  # so `finally` removes the temporary folder
    apply_torch_threads(args.torch_threads)

    temp = None
    if args.work_dir is None:
        temp = tempfile.mkdtemp(prefix="qb-bench-peer-")
        work = Path(temp)
    else:
        work = args.work_dir.resolve()
        if work.exists():
            shutil.rmtree(work)
        work.mkdir(parents=True)
    figures: dict[str, Any] = {
        "machine": machine_line(
            ("torch", "sentence-transformers", "onnxruntime", "chromadb", "langchain-text-splitters")
        ),
        "ranker": ranker_line(),
    }
    print(f"bench_peer · {figures['machine']}")
    figures["code"] = code_line()
    print(f"code {figures['code']}")
    print(f"Quotebot ranker: {figures['ranker']}")
    print(f"work dir {work}")
    try:
        from bot.evaluation.dataset import load_jsonl, load_squad
        from bot.reader import Reader
        from index.embedder import Embedder

        reader = Reader(precision=args.reader_precision) if args.reader == "on" else None
        figures["reader"] = f"{reader.version} ({reader.precision})" if reader else "off"
        embedder = Embedder()  # Quotebot's engine (ONNX Runtime)
        embedder.encode(["warm up"])  # each model loaded once, outside every timing
        peer_embedder = PeerEmbedder()  # the peer's: sentence-transformers on PyTorch
        peer_embedder.encode(["warm up"])

        items = [i for i in load_jsonl(args.questions) if i.answerable]
        t0 = time.perf_counter()
        figures["default"] = run_both(
            "default", args.corpus.resolve(), items, embedder, peer_embedder, work, squad=False, reader=reader
        )
        print(f"default corpus done in {time.perf_counter() - t0:.0f} s", flush=True)
        if not args.skip_xquad:
            xcorpus = work / "xquad-corpus"
            xitems = load_squad(args.xquad, xcorpus)
            if args.xquad_limit:
                xitems = xitems[: args.xquad_limit]
            t0 = time.perf_counter()
            figures["xquad"] = run_both(
                "xquad", xcorpus, xitems, embedder, peer_embedder, work, squad=True, reader=reader
            )
            print(f"XQuAD done in {time.perf_counter() - t0:.0f} s", flush=True)

        print_table(
            f"Peer comparison: LangChain RecursiveCharacterTextSplitter({CHUNK_SIZE}/{CHUNK_OVERLAP}) + Chroma + "
            "MiniLM, nearest chunks  vs  Quotebot quotes (abstention off)",
            ["metric", "peer (chunks)", "peer, no title line", "Quotebot (quotes)"],
            table_rows(figures),
        )
        import torch

        print_load_average(
            f"\npeer torch threads {torch.get_num_threads()} · Quotebot onnxruntime threads 1 (queries), 2 (indexing) · "
        )
        write_json(args.json, figures)
    finally:
        if temp is not None:
            shutil.rmtree(temp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
