"""Read path at scale: how long a bot takes to load a big index, and to answer from it.

A benchmark that prints figures, not a test. Embedding 10 MB takes half an hour here
(``bench_index_large.py``), which makes the read path at scale slow to measure. This script skips
the model on the write side: it generates ``--mb`` MB of text (the generator of
``bench_index_large.py``), cuts it with the real chunker and stores it in a real on-disk Chroma
with *random* unit vectors and random token vectors of the real shapes (384 dimensions; 20 pieces
of 128 int8 a sentence). What is read back is then the same size and layout as a real index, so:

1. the index view load (what a bot does at start and after each index run): once from Chroma
   alone (the span copy beside the index deleted, as for an index the indexer has not copied),
   then the median of 3 with the copy (``index.span_cache``);
2. a ``QuoteService`` start (view + the real model, warmed up), on a new store connection;
3. ``retrieve`` for 30 questions (real Chroma queries, BM25, features, late interaction), p50/p95,
   with no source and with an explicit source. The query embedding is made beforehand with the
   real model and not counted here (``bench_ask.py`` measures it: ~15-20 ms);
4. a cold ``quotebot --index-dir DIR ask``, new process to printed answer, 5 runs (the issue's
   "cold ask on a 13,000-sentence index" is ``--mb 1.25``).

Answers are meaningless (the vectors are random): only time is measured. The index is kept in
``--work-dir`` (default under ``data/bench/``) and reused by the next run with the same ``--mb``.

    .venv/bin/python scripts/bench_read_scale.py [--mb 2] [--work-dir data/bench/read-scale] [--json OUT]
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _bench import (
    BIN,
    ROOT,
    add_run_args,
    apply_torch_threads,
    new_parser,
    offline_env,
    pct,
    print_load_average,
    print_table,
    run_header,
    set_offline_defaults,
    write_json,
)

set_offline_defaults()

from bench_index_large import generate  # noqa: E402

from bot.chain import Request  # noqa: E402
from bot.index_view import IndexView  # noqa: E402
from bot.service import QuoteService  # noqa: E402
from index.embedder import Embedder  # noqa: E402
from index.manifest import IndexConfig  # noqa: E402
from index.pipeline import run_index  # noqa: E402
from index.span_cache import SPAN_CACHE_DIR  # noqa: E402
from index.store import Store, StoreConfig  # noqa: E402

QUESTIONS = (
    "When did the committee approve the budget?",
    "Who signed the agreement in March?",
    "What did the minister say about taxes?",
    "How many people attended the meeting?",
    "Where was the conference held?",
    "Why did the council delay the vote?",
)


class RandomVectors(Embedder):
    """The real model's name and dimension (so the index is the bot's), random vectors for speed:
    one seeded stream, so every text gets its own vectors and a run is repeatable."""

    rng = np.random.default_rng(7)

    def encode(self, texts: list[str], batch_size: int | None = None) -> np.ndarray:
        v = self.rng.standard_normal((len(texts), self.dimension)).astype(np.float32)
        return v / np.linalg.norm(v, axis=1, keepdims=True)

    def encode_with_tokens(
        self, texts: list[str], batch_size: int | None = None
    ) -> tuple[np.ndarray, list[np.ndarray]]:
        return self.encode(texts), [self.rng.integers(-127, 128, (20, 128), dtype=np.int8) for _ in texts]

    def count_tokens(self, text: str) -> int:
        return int(len(text.split()) * 1.3)  # ~word pieces per word in this text


def main() -> None:
    ap = new_parser(__doc__)
    ap.add_argument("--mb", type=float, default=2.0, help="generated text to index (default: %(default)s)")
    ap.add_argument(
        "--work-dir",
        type=Path,
        default=ROOT / "data" / "bench" / "read-scale",
        help="where the corpus and index are kept and reused (default: %(default)s)",
    )
    add_run_args(ap)
    args = ap.parse_args()
    apply_torch_threads(args.torch_threads)
    figures = run_header("bench_read_scale.py")
    work = args.work_dir / f"{args.mb:g}mb"
    corpus = work / "corpus"
    if not corpus.exists():
        corpus.mkdir(parents=True)
        generate(corpus, args.mb, 7)
    config = IndexConfig(store=StoreConfig(index_dir=work / "index"))
    t0 = time.perf_counter()
    report = run_index(config, [corpus], embedder=RandomVectors())
    figures["index_s"] = round(time.perf_counter() - t0, 1)
    print(
        f"index ({'reused' if report.unchanged and not report.added else 'built'}, random vectors): "
        f"{report.sentences:,} sentences, {report.passages:,} passages, {figures['index_s']} s"
    )

    model = Embedder()
    store = Store(config.store)
    shutil.rmtree(config.store.index_dir / SPAN_CACHE_DIR, ignore_errors=True)
    t0 = time.perf_counter()
    IndexView(store, model, config)  # from Chroma; it writes the copy again
    chroma_s = time.perf_counter() - t0
    loads = []
    for _ in range(3):
        t0 = time.perf_counter()
        view = IndexView(store, model, config)
        loads.append(time.perf_counter() - t0)
    del view
    t0 = time.perf_counter()
    service = QuoteService(config, embedder=model, reload_check_s=-1)
    start_s = time.perf_counter() - t0
    sentences = len(service.view.sentences)

    source = service.view.section_labels[len(service.view.section_labels) // 2]
    timings: dict[str, list[float]] = {"no source": [], "explicit source": []}
    stages = service.stages
    for i in range(30):
        question = f"{QUESTIONS[i % len(QUESTIONS)]} ({i})"  # a new question each time: no cache
        for label, src in (("no source", None), ("explicit source", source)):
            query = stages.embed(stages.understand(Request(question, source=src)))
            t0 = time.perf_counter()
            stages.candidates(query)
            timings[label].append((time.perf_counter() - t0) * 1000)

    colds = []
    for _ in range(5):
        t0 = time.perf_counter()
        subprocess.run(
            [str(BIN / "quotebot"), "--index-dir", str(config.store.index_dir), "ask", QUESTIONS[0]],
            env=offline_env(),
            check=True,
            capture_output=True,
        )
        colds.append(time.perf_counter() - t0)

    load_s = statistics.median(loads)
    figures.update(
        sentences=sentences,
        passages=len(service.view.passages),
        view_load_from_chroma_s=round(chroma_s, 2),
        view_load_s=round(load_s, 2),
        view_load_ms_per_1000_sentences=round(load_s * 1e6 / max(sentences, 1), 1),
        service_start_s=round(start_s, 2),
        cold_ask_s={
            "p50": round(statistics.median(colds), 2),
            "min": round(min(colds), 2),
            "max": round(max(colds), 2),
        },
        retrieve_ms={
            k: {"p50": round(pct(v, 50), 1), "p95": round(pct(v, 95), 1)} for k, v in timings.items()
        },
    )
    rows: list[list[Any]] = [
        ["index view load from Chroma alone (no span copy)", f"{chroma_s:.2f} s", ""],
        [
            "index view load (median of 3)",
            f"{load_s:.2f} s",
            f"{figures['view_load_ms_per_1000_sentences']} ms per 1,000 sentences",
        ],
        ["service start (view + model + warm-up)", f"{start_s:.2f} s", ""],
    ]
    for label, values in timings.items():
        rows.append([f"retrieve, {label}", f"p50 {pct(values, 50):.1f} ms", f"p95 {pct(values, 95):.1f} ms"])
    rows.append(
        [
            "cold `quotebot ask`, 5 runs",
            f"p50 {statistics.median(colds):.2f} s",
            f"min {min(colds):.2f} s, max {max(colds):.2f} s",
        ]
    )
    print_table(f"Read path on {sentences:,} sentences ({args.mb:g} MB of text)", ["what", "time", ""], rows)
    print_load_average()
    write_json(args.json, figures)


if __name__ == "__main__":
    main()
