"""Soak test: many questions through one in-process QuoteService; does memory plateau, does latency hold?

A bounded loop (a script that prints figures, not a test): ``--questions`` (10,000) asks through one
``QuoteService`` on the default corpus, cycling through the questions of ``tests/data/eval_default.jsonl``
with simple random variations (a word, a prefix or a number added; 1 in 5 asked as is), so the query
embedding cache (2,048 entries) does not make the run trivial: most asks embed a new question, as in
service. Every ``--window`` (500) asks it samples this process's resident set size (psutil, else
/proc/self/status) and the number of objects the garbage collector tracks, and prints one row per
window: asks so far, RSS MB, growth since the previous row, GC objects, p50/p95/max wall ms of that
window's asks, query-embedding cache hits and abstentions in the window.

Verdict: memory plateaus when RSS grew by less than ``--max-growth-mb`` (20 MB) or less than
``--max-growth-pct`` (5%) over the second half of the run (RSS at the end against RSS at the half-way
sample); the slope of a straight line through the second-half samples (MB per 1,000 asks) is printed too.

Memory that grows without being a leak: the query-embedding cache fills up to 2,048 entries (~4 MB),
PyStemmer's word cache up to 10,000 words (every new number in a question is a new word), and glibc
keeps freed memory for reuse instead of returning it to the system. ``--malloc-trim`` separates the
last from real growth: after each sample it calls ``malloc_trim(0)`` and samples again (a column and
a second verdict); RSS that still grows after a trim is memory held by live objects.

The index: ``--index-dir DIR`` uses the index there as is (built from ``--corpus`` first if DIR holds
none); by default the default corpus is indexed into a temporary folder, removed afterwards. Never the
default index. Takes ~4–5 minutes for 10,000 asks on a 2-core machine.

    .venv/bin/python scripts/soak_service.py [--questions 10000] [--window 500] [--index-dir DIR] [--json OUT]
"""

from __future__ import annotations

import ctypes
import gc
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
from _bench import (
    add_question_args,
    add_run_args,
    apply_torch_threads,
    exit_on_sigterm,
    load_questions,
    new_parser,
    pct,
    print_load_average,
    print_table,
    rss_mb,
    run_header,
    set_offline_defaults,
    varied_question,
    write_json,
)

set_offline_defaults()


class CountingCache:
    """Wraps ``Embedder.encode_query_with_tokens`` (what the chain calls) and counts calls and cache
    hits (the text already cached)."""

    def __init__(self, embedder: Any) -> None:
        self.embedder = embedder
        self.fn = embedder.encode_query_with_tokens
        self.calls = self.hits = 0

    def __call__(self, text: str) -> Any:
        cache = getattr(self.embedder, "_cache", None)
        self.calls += 1
        if isinstance(cache, dict) and text in cache:
            self.hits += 1
        return self.fn(text)


def malloc_trim() -> bool:
    """Ask glibc to return freed heap memory to the system (False where there is no glibc)."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
        return True
    except (OSError, AttributeError):
        return False


def verdict(samples: list[tuple[int, float]], max_mb: float, max_pct: float) -> tuple[bool, str, float]:
    """Whether RSS plateaus over the second half of ``samples`` (asks, RSS MB); a sentence; slope."""
    n_total = samples[-1][0]
    second = [s for s in samples if s[0] >= n_total / 2]
    half_rss, end_rss = second[0][1], samples[-1][1]
    growth = end_rss - half_rss
    growth_pct = 100 * growth / half_rss
    slope = 0.0
    if len(second) >= 2:
        x = np.array([s[0] for s in second], dtype=float)
        y = np.array([s[1] for s in second], dtype=float)
        slope = float(np.polyfit(x, y, 1)[0]) * 1000
    ok = growth < max_mb or growth_pct < max_pct
    text = (
        f"RSS {half_rss:.1f} MB after {second[0][0]} asks → {end_rss:.1f} MB after {n_total}: "
        f"{growth:+.1f} MB ({growth_pct:+.1f}%) over the second half, slope {slope:+.2f} MB per 1,000 asks → "
        + (
            "memory plateaus"
            if ok
            else f"memory keeps growing (limit {max_mb:.0f} MB or {max_pct:.0f}%): possible leak"
        )
    )
    return ok, text, slope


def main() -> int:
    ap = new_parser(__doc__)
    ap.add_argument("--questions", type=int, default=10_000, help="asks in all (default: %(default)s)")
    ap.add_argument(
        "--window", type=int, default=500, help="asks per row: sample RSS every N asks (default: %(default)s)"
    )
    ap.add_argument(
        "--index-dir",
        type=Path,
        default=None,
        help="use the index in this folder (built from --corpus if it holds none; default: a temporary "
        "folder, removed afterwards)",
    )
    add_question_args(ap)
    ap.add_argument(
        "--max-growth-mb",
        type=float,
        default=20.0,
        help="plateau if RSS grew less than this over the second half… (default: %(default)s)",
    )
    ap.add_argument(
        "--max-growth-pct",
        type=float,
        default=5.0,
        help="…or less than this percentage (default: %(default)s)",
    )
    ap.add_argument(
        "--malloc-trim",
        action="store_true",
        help="after each sample call malloc_trim(0) and sample again: tells memory glibc merely keeps "
        "from memory live objects hold (default: off, the process runs as in service)",
    )
    add_run_args(
        ap,
        "pin torch to N threads (default: torch's own choice; the service uses one thread for queries)",
    )
    args = ap.parse_args()
    if args.questions < 2 * args.window:
        ap.error("--questions must be at least two windows")
    exit_on_sigterm()  # so `finally` removes the temporary folder
    apply_torch_threads(args.torch_threads)

    figures = run_header("soak_service")
    temp = None
    if args.index_dir is None:
        temp = tempfile.mkdtemp(prefix="qb-soak-")
        index_dir = Path(temp) / "index"
    else:
        index_dir = args.index_dir.resolve()
    print(f"index dir {index_dir}")
    try:
        from bot.service import QuoteService
        from index.embedder import Embedder
        from index.manifest import IndexConfig
        from index.pipeline import index_status, run_index
        from index.store import StoreConfig

        t0 = time.perf_counter()
        config = IndexConfig(store=StoreConfig(index_dir=index_dir))
        embedder = Embedder()
        if index_status(config) is None:
            rep = run_index(config, [args.corpus.resolve()], embedder=embedder)
            print(
                f"indexed {args.corpus}: {rep.documents} document(s), {rep.sentences} sentences, "
                f"{rep.passages} passages in {rep.seconds:.1f} s"
            )
        service = QuoteService(config, embedder=embedder)
        counter = CountingCache(embedder)
        embedder.encode_query_with_tokens = counter  # type: ignore[method-assign]
        setup_s = time.perf_counter() - t0
        base = load_questions(args.question_file)
        rng = random.Random(args.seed)
        gc.collect()
        start_rss = rss_mb()
        print(
            f"service ready in {setup_s:.1f} s (imports, model, index); RSS {start_rss:.1f} MB; "
            f"{len(base)} base questions, {args.questions} asks"
        )

        trim = args.malloc_trim and malloc_trim()
        trimmed: list[tuple[int, float]] = [(0, rss_mb())] if trim else []
        samples: list[tuple[int, float]] = [(0, start_rss)]
        rows: list[list[Any]] = [
            [0, f"{start_rss:.1f}", "", *([f"{trimmed[0][1]:.1f}"] if trim else []), len(gc.get_objects())]
            + [""] * 5
        ]
        windows: list[dict[str, Any]] = []
        all_ms: list[float] = []
        errors: dict[str, int] = {}
        win_ms: list[float] = []
        win_abstained = 0
        last_hits = 0
        t_start = time.perf_counter()
        for i in range(1, args.questions + 1):
            q = varied_question(base[(i - 1) % len(base)], rng)
            t0 = time.perf_counter()
            try:
                answer = service.ask(q)
                win_abstained += int(answer.abstained)
            except Exception as exc:  # BadQuestionError or a crash: a finding either way; count, go on
                key = f"{type(exc).__name__}: {exc}"[:120]
                errors[key] = errors.get(key, 0) + 1
            win_ms.append((time.perf_counter() - t0) * 1000)
            if i % args.window == 0 or i == args.questions:
                rss = rss_mb()
                if trim:
                    malloc_trim()
                    trimmed.append((i, rss_mb()))
                objs = len(gc.get_objects())
                hits = counter.hits - last_hits
                last_hits = counter.hits
                rows.append(
                    [
                        i,
                        f"{rss:.1f}",
                        f"{rss - samples[-1][1]:+.1f}",
                        *([f"{trimmed[-1][1]:.1f}"] if trim else []),
                        objs,
                        f"{pct(win_ms, 50):.1f}",
                        f"{pct(win_ms, 95):.1f}",
                        f"{max(win_ms):.1f}",
                        hits,
                        win_abstained,
                    ]
                )
                windows.append(
                    {
                        "asks": i,
                        "rss_mb": rss,
                        "rss_after_trim_mb": trimmed[-1][1] if trim else None,
                        "gc_objects": objs,
                        "p50_ms": pct(win_ms, 50),
                        "p95_ms": pct(win_ms, 95),
                        "max_ms": max(win_ms),
                        "cache_hits": hits,
                        "abstained": win_abstained,
                        "load_average": os.getloadavg()[0],
                    }
                )
                samples.append((i, rss))
                print(
                    f"  {i:>6} asks · RSS {rss:7.1f} MB · p50 {pct(win_ms, 50):5.1f} ms · "
                    f"p95 {pct(win_ms, 95):5.1f} ms · load {os.getloadavg()[0]:.2f}",
                    flush=True,
                )
                all_ms += win_ms
                win_ms, win_abstained = [], 0
        wall = time.perf_counter() - t_start

        print_table(
            f"Soak: {args.questions} asks through one QuoteService, a row every {args.window} "
            "(latency is the wall time of each ask, in that window)",
            [
                *["asks", "RSS MB", "Δ MB", *(["RSS after trim MB"] if trim else []), "GC objects"],
                *["p50 ms", "p95 ms", "max ms", "cache hits", "abstained"],
            ],
            rows,
        )
        ok, text, slope = verdict(samples, args.max_growth_mb, args.max_growth_pct)
        n_err = sum(errors.values())
        print(
            f"\nall {args.questions} asks in {wall:.1f} s ({args.questions / wall:.1f} asks/s): "
            f"p50 {pct(all_ms, 50):.1f} ms, p95 {pct(all_ms, 95):.1f} ms, p99 {pct(all_ms, 99):.1f} ms, "
            f"max {max(all_ms):.1f} ms; query embeddings {counter.calls}, of which cache hits {counter.hits} "
            f"({counter.hits / max(counter.calls, 1):.0%}); errors {n_err}"
        )
        for k, v in sorted(errors.items(), key=lambda kv: -kv[1]):
            print(f"  {v} × {k}")
        print(
            f"RSS: start {start_rss:.1f} MB, end {samples[-1][1]:.1f} MB, peak sampled {max(s[1] for s in samples):.1f} MB"
        )
        print(f"verdict: {text}")
        trim_text, ok_trim = None, None
        if trim:
            ok_trim, trim_text, _ = verdict(trimmed, args.max_growth_mb, args.max_growth_pct)
            print(f"after malloc_trim (memory live objects hold): {trim_text}")
        print_load_average("")
        figures.update(
            questions=args.questions,
            seconds=wall,
            start_rss_mb=start_rss,
            windows=windows,
            p50_ms=pct(all_ms, 50),
            p95_ms=pct(all_ms, 95),
            p99_ms=pct(all_ms, 99),
            max_ms=max(all_ms),
            embed_calls=counter.calls,
            cache_hits=counter.hits,
            errors=errors,
            plateau=ok,
            verdict=text,
            verdict_after_trim=trim_text,
            plateau_after_trim=ok_trim,
            slope_mb_per_1000=slope,
        )
        write_json(args.json, figures)
    finally:
        if temp is not None:
            shutil.rmtree(temp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
