"""Indexing benchmark: how long `quotebot index` takes, how fast it embeds, how much memory it uses.

Measured (a benchmark that prints figures, not a test):

(a) indexing the default corpus from scratch into a fresh index folder
    - in a fresh subprocess (``.venv/bin/quotebot --index-dir DIR index CORPUS``), so Python start-up,
      importing torch / sentence-transformers / chromadb and loading the model all count;
    - in this process with the model already loaded (``run_index`` only);
(b) re-running ``quotebot --index-dir DIR index`` when nothing changed (subprocess, and in-process);
(c) throughput indexing the 240 XQuAD paragraphs as documents: docs, sentences, passages, seconds,
    passages/s, sentences/s, embedded spans/s, and where the time goes (embedding, tokenising, rest);
(d) peak memory (ru_maxrss) of each subprocess and of this process.

Everything is written to a temporary folder (or ``--work-dir``, e.g. ``data/bench/index``), never to
the default index.

    .venv/bin/python scripts/bench_index.py [--repeat 3] [--work-dir data/bench/index] [--json OUT]
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _bench import (
    BIN,
    QUOTEBOT,
    ROOT,
    XQUAD,
    add_run_args,
    apply_torch_threads,
    exit_on_sigterm,
    new_parser,
    print_load_average,
    print_table,
    run_header,
    set_offline_defaults,
    write_json,
)

set_offline_defaults()


def child_env() -> dict[str, str]:
    """The environment of a user's shell, minus any QUOTEBOT_* settings, offline."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("QUOTEBOT_")}
    env.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", ANONYMIZED_TELEMETRY="False")
    return env


def run_child(cmd: list[str], cwd: Path) -> dict[str, Any]:
    """Run a command; wall seconds, exit code and that child's own peak RSS (from wait4)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=child_env(), stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    if proc.returncode != 0:
        raise SystemExit(f"command failed ({proc.returncode}): {' '.join(cmd)}\n{stdout}\n{stderr}")
    return {"seconds": seconds, "maxrss_mb": usage.ru_maxrss / 1024, "stdout": stdout, "stderr": stderr}


def self_peak_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def fmt_s(x: float) -> str:
    return f"{x:.2f}"


def summary(values: list[float]) -> tuple[str, str, str]:
    return fmt_s(min(values)), fmt_s(statistics.median(values)), fmt_s(max(values))


class Timed:
    """Wraps a callable and adds up the seconds spent in it."""

    def __init__(self, fn: Callable[..., Any]) -> None:
        self.fn = fn
        self.seconds = 0.0
        self.calls = 0

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return self.fn(*args, **kwargs)
        finally:
            self.seconds += time.perf_counter() - t0
            self.calls += 1


# -- the benchmark ---------------------------------------------------------------------------------
def main() -> int:
    ap = new_parser(__doc__)
    ap.add_argument(
        "--corpus", type=Path, default=ROOT / "corpus", help="the default corpus (default: %(default)s)"
    )
    ap.add_argument(
        "--xquad",
        type=Path,
        default=XQUAD,
        help="XQuAD/SQuAD JSON for the throughput run (default: %(default)s)",
    )
    ap.add_argument(
        "--repeat", type=int, default=3, help="runs of each timing; min/median/max reported (default: 3)"
    )
    ap.add_argument(
        "--work-dir",
        type=Path,
        default=None,
        help="where index folders go (default: a temporary folder, removed afterwards)",
    )
    ap.add_argument("--skip-xquad", action="store_true", help="skip part (c)")
    add_run_args(ap)
    args = ap.parse_args()
    exit_on_sigterm()  # so `finally` removes the temporary folder
    apply_torch_threads(args.torch_threads)
    if not QUOTEBOT.exists():
        raise SystemExit(f"no console script at {QUOTEBOT}; run with the project's .venv/bin/python")

    temp = None
    if args.work_dir is None:
        temp = tempfile.mkdtemp(prefix="qb-bench-index-")
        work = Path(temp)
    else:
        work = args.work_dir.resolve()
        if work.exists():
            shutil.rmtree(work)
        work.mkdir(parents=True)
    corpus = args.corpus.resolve()
    figures = run_header("bench_index")
    print(f"work dir {work}")

    try:
        # Warm the OS file cache (torch, model weights) so the first timed run is not a disk benchmark.
        run_child([str(BIN / "python"), "-c", "import sentence_transformers, chromadb"], cwd=work)

        # (a1) from scratch, fresh subprocess, each run in a fresh index folder.
        fresh = []
        for i in range(args.repeat):
            d = work / f"fresh-{i}"
            fresh.append(run_child([str(QUOTEBOT), "--index-dir", str(d), "index", str(corpus)], cwd=work))
        # (b1) nothing changed: re-run on the last folder, without PATH (it re-reads the manifest's sources).
        noop = [
            run_child(
                [str(QUOTEBOT), "--index-dir", str(work / f"fresh-{args.repeat - 1}"), "index"], cwd=work
            )
            for _ in range(args.repeat)
        ]
        # Python + CLI start-up alone, for context.
        helps = [run_child([str(QUOTEBOT), "--help"], cwd=work) for _ in range(args.repeat)]

        # (a2) in-process, model loaded beforehand.
        t0 = time.perf_counter()
        import chromadb  # noqa: F401
        import sentence_transformers  # noqa: F401

        from bot.evaluation.dataset import load_squad
        from index.embedder import Embedder
        from index.manifest import IndexConfig
        from index.pipeline import run_index
        from index.store import StoreConfig

        import_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        embedder = Embedder()
        embedder.encode(["warm up"])
        load_s = time.perf_counter() - t0

        def config_for(d: Path) -> IndexConfig:
            return IndexConfig(store=StoreConfig(index_dir=d))

        inproc, inproc_reports = [], []
        for i in range(args.repeat):
            d = work / f"inproc-{i}"
            t0 = time.perf_counter()
            rep = run_index(config_for(d), [corpus], embedder=embedder)
            inproc.append(time.perf_counter() - t0)
            inproc_reports.append(rep)
        noop_in = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            rep_noop = run_index(config_for(work / f"inproc-{args.repeat - 1}"), [corpus], embedder=embedder)
            noop_in.append(time.perf_counter() - t0)
        assert rep_noop.embedded_spans == 0 and rep_noop.unchanged == rep_noop.documents, (
            "no-change run re-embedded"
        )

        rep0 = inproc_reports[-1]
        print(
            f"\ndefault corpus: {rep0.documents} document(s), {rep0.sections} sections, {rep0.sentences} sentences, "
            f"{rep0.passages} passages, {rep0.embedded_spans} embedded spans ({corpus})"
        )
        rows: list[list[Any]] = [
            [
                "(a) from scratch, fresh process: quotebot index",
                *summary([r["seconds"] for r in fresh]),
                f"{max(r['maxrss_mb'] for r in fresh):.0f}",
            ],
            ["(a) from scratch, in-process, model loaded (run_index)", *summary(inproc), "-"],
            [
                "(b) nothing changed, fresh process: quotebot index",
                *summary([r["seconds"] for r in noop]),
                f"{max(r['maxrss_mb'] for r in noop):.0f}",
            ],
            ["(b) nothing changed, in-process (run_index)", *summary(noop_in), "-"],
            [
                "context: quotebot --help (Python + CLI start-up)",
                *summary([r["seconds"] for r in helps]),
                f"{max(r['maxrss_mb'] for r in helps):.0f}",
            ],
            ["context: import sentence_transformers + chromadb, in-process", fmt_s(import_s), "", "", "-"],
            ["context: model load + first encode, in-process", fmt_s(load_s), "", "", "-"],
        ]
        print_table(
            f"Indexing the default corpus (seconds, {args.repeat} runs)",
            ["what", "min", "median", "max", "peak RSS MB"],
            rows,
        )
        figures["default"] = {
            "documents": rep0.documents,
            "sentences": rep0.sentences,
            "passages": rep0.passages,
            "fresh_process_s": [r["seconds"] for r in fresh],
            "fresh_process_maxrss_mb": [r["maxrss_mb"] for r in fresh],
            "in_process_s": inproc,
            "noop_process_s": [r["seconds"] for r in noop],
            "noop_process_maxrss_mb": [r["maxrss_mb"] for r in noop],
            "noop_in_process_s": noop_in,
            "help_s": [r["seconds"] for r in helps],
            "import_s": import_s,
            "model_load_s": load_s,
        }

        # (c) XQuAD throughput, in-process with the model loaded.
        if not args.skip_xquad:
            xcorpus = work / "xquad-corpus"
            items = load_squad(args.xquad, xcorpus)
            t_encode, t_tokens = Timed(embedder.encode), Timed(embedder.count_tokens)
            embedder.encode = t_encode  # type: ignore[method-assign]
            embedder.count_tokens = t_tokens  # type: ignore[method-assign]
            t0 = time.perf_counter()
            rep = run_index(config_for(work / "xquad-index"), [xcorpus], embedder=embedder)
            secs = time.perf_counter() - t0
            del embedder.encode, embedder.count_tokens
            rows = [
                [
                    rep.documents,
                    rep.sentences,
                    rep.passages,
                    rep.embedded_spans,
                    fmt_s(secs),
                    f"{rep.passages / secs:.1f}",
                    f"{rep.sentences / secs:.1f}",
                    f"{rep.embedded_spans / secs:.1f}",
                ]
            ]
            print_table(
                f"(c) Indexing XQuAD: {len(items)} questions' {rep.documents} paragraphs as documents "
                "(in-process, model loaded)",
                ["docs", "sentences", "passages", "spans", "seconds", "passages/s", "sentences/s", "spans/s"],
                rows,
            )
            other = secs - t_encode.seconds - t_tokens.seconds
            print_table(
                "    where the XQuAD indexing time goes",
                ["part", "seconds", "share"],
                [
                    [
                        "embedding (Embedder.encode)",
                        fmt_s(t_encode.seconds),
                        f"{t_encode.seconds / secs:.0%}",
                    ],
                    ["token counting (analysis)", fmt_s(t_tokens.seconds), f"{t_tokens.seconds / secs:.0%}"],
                    ["loading, sentence splitting, Chroma writes", fmt_s(other), f"{other / secs:.0%}"],
                ],
            )
            figures["xquad"] = {
                "documents": rep.documents,
                "sentences": rep.sentences,
                "passages": rep.passages,
                "embedded_spans": rep.embedded_spans,
                "seconds": secs,
                "passages_per_s": rep.passages / secs,
                "sentences_per_s": rep.sentences / secs,
                "spans_per_s": rep.embedded_spans / secs,
                "encode_s": t_encode.seconds,
                "count_tokens_s": t_tokens.seconds,
            }

        # (d) peak memory.
        import psutil

        rss_now = psutil.Process().memory_info().rss / 2**20
        print_table(
            "(d) Peak memory (resident set size, MB)",
            ["process", "peak RSS MB"],
            [
                ["quotebot index, from scratch (subprocess)", f"{max(r['maxrss_mb'] for r in fresh):.0f}"],
                ["quotebot index, nothing changed (subprocess)", f"{max(r['maxrss_mb'] for r in noop):.0f}"],
                [
                    "this process after all in-process runs"
                    + (" incl. XQuAD" if not args.skip_xquad else ""),
                    f"{self_peak_mb():.0f} (now {rss_now:.0f})",
                ],
            ],
        )
        figures["memory"] = {
            "fresh_index_mb": max(r["maxrss_mb"] for r in fresh),
            "noop_index_mb": max(r["maxrss_mb"] for r in noop),
            "this_process_peak_mb": self_peak_mb(),
        }
        print_load_average()
        write_json(args.json, figures)
    finally:
        if temp is not None:
            shutil.rmtree(temp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
