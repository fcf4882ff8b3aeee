"""Answering benchmark: warm latency of ``QuoteService.ask``, cold ``quotebot ask``, and what cold start costs.

Measured (a benchmark that prints figures, not a test):

1. warm latency on the default corpus: the questions of ``tests/data/eval_default.jsonl`` asked in
   whole rounds until at least ``--asks`` (200) asks, p50/p95/max of the total and of every stage in
   ``Answer.timings_ms``. The query-embedding cache is cleared before each ask (every ask embeds its
   question, as a new question would); a second line shows a repeated question (cache hit);
2. cold ``quotebot ask``: a new process per question, from start to printed answer, ``--cold`` (5) times;
3. what dominates cold start, in fresh subprocesses (median of ``--repeat`` runs): (a) Python start-up,
   ``import torch``, ``import sentence_transformers``, ``import chromadb``, ``import onnxruntime``, each
   alone (a cold ask needs neither torch nor sentence-transformers); (b) the steps of ``quotebot ask``
   as bot/cli.py runs them (CLI import, service construction with the arguments the CLI passes, ask,
   render), with the time inside the Chroma client, index view and ONNX Runtime session creation,
   and which heavy libraries each step imported; (c) import time per package in a real cold ask
   (``python -X importtime -m bot ask``);
4. warm latency on XQuAD (240 paragraphs indexed once, the 1,190 questions asked once each).

Indexes go to a temporary folder, removed afterwards, or to ``--work-dir`` (e.g. ``data/bench/ask``), kept
and brought up to date incrementally on the next run, so repeated runs skip re-embedding XQuAD. Never
the default index.

    .venv/bin/python scripts/bench_ask.py [--asks 200] [--cold 5] [--repeat 3] [--xquad-limit N] [--json OUT]
"""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _bench import (
    BIN,
    DEFAULT_SET,
    QUOTEBOT,
    ROOT,
    XQUAD,
    add_reader_precision,
    add_run_args,
    apply_torch_threads,
    exit_on_sigterm,
    new_parser,
    pct,
    print_load_average,
    print_table,
    run_header,
    set_offline_defaults,
    write_json,
)

set_offline_defaults()

PYTHON = BIN / "python"
COLD_QUESTION = "Is NATO's door open to Ukraine?"

# Run in a fresh interpreter: the steps of `quotebot ask` (bot/cli.py: Settings, QuoteService.from_settings
# with the keyword arguments the CLI passes, ask, render), each timed, plus the time spent inside the
# main components (wrapped where they exist) and which heavy libraries each step pulled in.
COLD_PATH_PROBE = r"""
import io, json, sys, time
from pathlib import Path
T, INNER, LOADED = {}, {}, {}
HEAVY = ("torch", "sentence_transformers", "transformers", "onnx", "onnxruntime", "chromadb", "langchain_core")
def lap(name, t0):
    T[name] = (time.perf_counter() - t0) * 1000
    LOADED[name] = [m for m in HEAVY if m in sys.modules and not any(m in v for v in LOADED.values())]
    return time.perf_counter()
def wrap(owner, attr, label):
    fn = owner.__dict__.get(attr)
    if fn is None:
        return
    raw = fn.__func__ if isinstance(fn, (classmethod, staticmethod)) else fn
    def timed(*a, **k):
        t0 = time.perf_counter()
        try:
            return raw(*a, **k)
        finally:
            INNER[label] = INNER.get(label, 0.0) + (time.perf_counter() - t0) * 1000
    setattr(owner, attr, classmethod(timed) if isinstance(fn, classmethod) else timed)
t = time.perf_counter()
import bot.cli
t = lap("import bot.cli (typer, rich)", t)
from bot.settings import Settings
from bot.service import QuoteService
t = lap("import bot.service and what it imports", t)
import index.store, index.embedder, index.engine, bot.index_view, bot.ranker
wrap(index.store.Store, "__init__", "Chroma client open (Store)")
wrap(bot.index_view.IndexView, "__init__", "index view load (IndexView)")
wrap(index.engine.OnnxModel, "_new_session", "ONNX Runtime session (OnnxModel._new_session)")
wrap(
    index.embedder.Embedder,
    "encode_query_with_tokens",
    "query embeddings (Embedder.encode_query_with_tokens)",
)
wrap(bot.ranker.Ranker, "load", "ranker load (Ranker.load)")
settings = Settings(index_dir=Path(sys.argv[1]))
svc = QuoteService.from_settings(settings)
t = lap("QuoteService.from_settings()", t)
answer = svc.ask(sys.argv[2])
t = lap("ask", t)
from rich.console import Console
from bot.render import render_answer
render_answer(Console(file=io.StringIO(), width=100), answer)
t = lap("render", t)
print(json.dumps({"steps": T, "inner": INNER, "loaded": LOADED}))
"""


def child_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("QUOTEBOT_")}
    env.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", ANONYMIZED_TELEMETRY="False")
    return env


def run_child(cmd: list[str], cwd: Path) -> tuple[float, str, str]:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=child_env(), capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"command failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stdout}\n{proc.stderr}")
    return seconds, proc.stdout, proc.stderr


def load_now() -> str:
    torch = sys.modules.get("torch")
    threads = f", torch threads {torch.get_num_threads()}" if torch is not None else ""
    return f"load average {os.getloadavg()[0]:.2f}{threads}"


def clear_query_cache(service: Any) -> None:
    """Forget cached question embeddings so the next ask embeds its question (a new question would)."""
    cache = getattr(service.embedder, "_cache", None)
    if isinstance(cache, dict):
        cache.clear()


def timed_asks(
    service: Any, questions: list[str], clear_cache: bool = True
) -> tuple[list[dict[str, float]], int]:
    """Ask each question; the Answer's per-stage timings plus the wall time seen by the caller."""
    from bot.errors import BadQuestionError

    out, errors = [], 0
    for q in questions:
        if clear_cache:
            clear_query_cache(service)
        t0 = time.perf_counter()
        try:
            answer = service.ask(q)
        except BadQuestionError:
            errors += 1
            continue
        wall = (time.perf_counter() - t0) * 1000
        out.append({**answer.timings_ms, "wall (caller)": wall})
    return out, errors


def stage_rows(timings: list[dict[str, float]]) -> list[list[str]]:
    keys: list[str] = []
    for t in timings:
        keys += [k for k in t if k not in keys]
    keys = [k for k in keys if k not in ("total", "wall (caller)")] + ["total", "wall (caller)"]
    rows = []
    for k in keys:
        v = [t[k] for t in timings if k in t]
        rows.append(
            [k, f"{pct(v, 50):.1f}", f"{pct(v, 95):.1f}", f"{max(v):.1f}", f"{statistics.fmean(v):.1f}"]
        )
    return rows


def importtime_top(
    cwd: Path, index_dir: Path, question: str, n: int = 12
) -> tuple[list[tuple[str, float]], float]:
    """Self import time per top-level package, summed over every module of it, in a real cold ask
    (``python -X importtime -m bot --index-dir DIR ask Q``, the same as ``quotebot``), and the total."""
    proc = subprocess.run(
        [str(PYTHON), "-X", "importtime", "-m", "bot", "--index-dir", str(index_dir), "ask", question],
        cwd=cwd,
        env=child_env(),
        capture_output=True,
        text=True,
    )
    totals: dict[str, float] = {}
    for line in proc.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+)\s+\|\s+(\d+)\s+\|\s*(\S+)", line)
        if m:
            pkg = m.group(3).split(".")[0]
            totals[pkg] = totals.get(pkg, 0.0) + int(m.group(1)) / 1000
    ranked = sorted(totals.items(), key=lambda kv: -kv[1])
    return ranked[:n], sum(totals.values())


def index_up_to_date(config: Any, corpus: Path, embedder: Any) -> Any:
    """Index ``corpus`` (incrementally when the folder already holds an index; rebuilt if incompatible)."""
    from index.pipeline import ensure_index

    return ensure_index(config, [corpus], embedder=embedder)


def main() -> int:
    ap = new_parser(__doc__)
    ap.add_argument(
        "--corpus", type=Path, default=ROOT / "corpus", help="the default corpus (default: %(default)s)"
    )
    ap.add_argument(
        "--questions", type=Path, default=DEFAULT_SET, help="question file (default: %(default)s)"
    )
    ap.add_argument(
        "--asks", type=int, default=200, help="at least this many warm asks, in whole rounds (default: 200)"
    )
    ap.add_argument("--cold", type=int, default=5, help="cold `quotebot ask` runs (default: 5)")
    ap.add_argument(
        "--reader", choices=("on", "off"), default="on", help="the reader, as QUOTEBOT_READER (default: on)"
    )
    add_reader_precision(ap, "; the warm parts only: the cold `quotebot ask` runs with the shipped settings")
    ap.add_argument(
        "--repeat", type=int, default=3, help="runs of each cold-start probe; median shown (default: 3)"
    )
    ap.add_argument("--xquad", type=Path, default=XQUAD, help="XQuAD/SQuAD JSON (default: %(default)s)")
    ap.add_argument(
        "--xquad-limit", type=int, default=0, help="ask only the first N XQuAD questions (default: all)"
    )
    ap.add_argument("--skip-xquad", action="store_true", help="skip the XQuAD part (same as --parts 123)")
    ap.add_argument(
        "--parts", default="1234", help="which numbered parts to run, e.g. 4 or 123 (default: 1234)"
    )
    ap.add_argument(
        "--work-dir",
        type=Path,
        default=None,
        help="where indexes go, kept and updated incrementally (default: a temporary folder, removed)",
    )
    add_run_args(ap)
    args = ap.parse_args()
    exit_on_sigterm()  # so `finally` removes the temporary folder
    apply_torch_threads(args.torch_threads)
    if not QUOTEBOT.exists():
        raise SystemExit(f"no console script at {QUOTEBOT}; run with the project's .venv/bin/python")

    temp = None
    if args.work_dir is None:
        temp = tempfile.mkdtemp(prefix="qb-bench-ask-")
        work = Path(temp)
    else:
        work = args.work_dir.resolve()  # kept: its indexes are updated incrementally on the next run
        work.mkdir(parents=True, exist_ok=True)
    figures = run_header("bench_ask")
    print(f"work dir {work}")
    try:
        from bot.evaluation.dataset import load_jsonl, load_squad
        from bot.reader import Reader
        from bot.service import QuoteService
        from index.embedder import Embedder
        from index.manifest import IndexConfig
        from index.store import StoreConfig

        embedder = Embedder()
        default_dir = work / "default-index"
        config = IndexConfig(store=StoreConfig(index_dir=default_dir))
        index_up_to_date(config, args.corpus.resolve(), embedder)
        t0 = time.perf_counter()
        reader = Reader(precision=args.reader_precision) if args.reader == "on" else None
        service = QuoteService(config, embedder=embedder, reader=reader)
        build_ms = (time.perf_counter() - t0) * 1000

        # 1. warm latency, default corpus.
        if "1" in args.parts:
            questions = [i.question for i in load_jsonl(args.questions)]
            rounds = -(-args.asks // len(questions))
            asked = questions * rounds
            timings, errors = timed_asks(service, asked)
            timed_asks(service, questions, clear_cache=False)  # fills the query-embedding cache
            repeat_timings, _ = timed_asks(service, questions, clear_cache=False)  # every question cached now
            print_table(
                f"1. Warm QuoteService.ask, default corpus: {len(timings)} asks ({len(questions)} questions × "
                f"{rounds} rounds; query cache cleared before each ask){f'; {errors} refused' if errors else ''} "
                f"(ms; {load_now()} after)",
                ["stage", "p50", "p95", "max", "mean"],
                stage_rows(timings),
            )
            rep_total = [t["total"] for t in repeat_timings]
            print(
                f"   repeated question (query embedding cached): total p50 {pct(rep_total, 50):.1f} ms, "
                f"p95 {pct(rep_total, 95):.1f} ms · QuoteService() with the model loaded: {build_ms:.0f} ms"
            )
            figures["warm_default"] = {
                "asks": len(timings),
                "errors": errors,
                "stages": {
                    r[0]: {"p50": float(r[1]), "p95": float(r[2]), "max": float(r[3])}
                    for r in stage_rows(timings)
                },
                "repeated_total_p50": pct(rep_total, 50),
                "repeated_total_p95": pct(rep_total, 95),
                "service_build_ms": build_ms,
            }

        # 2. cold `quotebot ask`.
        if "2" in args.parts:
            run_child(
                [str(PYTHON), "-c", "import onnxruntime, chromadb, tokenizers, scipy.sparse"], cwd=work
            )  # warm the file cache
            cold = [
                run_child([str(QUOTEBOT), "--index-dir", str(default_dir), "ask", COLD_QUESTION], cwd=work)
                for _ in range(args.cold)
            ]
            cold_s = [c[0] for c in cold]
            print_table(
                f'2. Cold `quotebot --index-dir DIR ask "{COLD_QUESTION}"`: new process to printed answer, '
                f"{args.cold} runs (seconds)",
                ["", "p50", "min", "max"],
                [
                    [
                        "wall time",
                        f"{statistics.median(cold_s):.2f}",
                        f"{min(cold_s):.2f}",
                        f"{max(cold_s):.2f}",
                    ]
                ],
            )
            if "did not" in cold[0][1] or "don't say" in cold[0][1]:
                print("   note: the cold ask abstained")
            figures["cold_ask_s"] = cold_s

        # 3. what dominates cold start.
        if "3" in args.parts:
            probes = {
                "python start-up (python -c pass)": "pass",
                "import torch": "import torch",
                "import sentence_transformers (incl. torch)": "import sentence_transformers",
                "import chromadb": "import chromadb",
                "import onnxruntime": "import onnxruntime",
            }
            probe_rows, probe_fig = [], {}
            for label, code in probes.items():
                runs = [run_child([str(PYTHON), "-c", code], cwd=work)[0] * 1000 for _ in range(args.repeat)]
                probe_rows.append(
                    [label, f"{statistics.median(runs):.0f}", f"{min(runs):.0f}", f"{max(runs):.0f}"]
                )
                probe_fig[label] = runs
            print_table(
                f"3a. Each import alone, in a fresh process (ms, {args.repeat} runs)",
                ["what", "median", "min", "max"],
                probe_rows,
            )
            paths = []
            for _ in range(args.repeat):
                _, out, _ = run_child(
                    [str(PYTHON), "-c", COLD_PATH_PROBE, str(default_dir), COLD_QUESTION], cwd=work
                )
                paths.append(json.loads(out.strip().splitlines()[-1]))
            steps = list(paths[0]["steps"])
            med = {k: statistics.median(p["steps"][k] for p in paths) for k in steps}
            whole = sum(med.values())
            loaded = paths[0]["loaded"]
            print_table(
                f"3b. The `quotebot ask` path step by step in one fresh process, as bot/cli.py runs it "
                f"(ms, median of {args.repeat})",
                ["step", "median", "share", "heavy libraries it imported"],
                [
                    [k, f"{med[k]:.0f}", f"{med[k] / whole:.0%}", ", ".join(loaded.get(k, [])) or "-"]
                    for k in steps
                ]
                + [["sum (Python start-up not included)", f"{whole:.0f}", "", ""]],
            )
            inner = sorted({k for p in paths for k in p["inner"]})
            inner_med = {k: statistics.median(p["inner"].get(k, 0.0) for p in paths) for k in inner}
            print_table(
                "    time inside components during those steps (ms, median; overlapping: the query "
                "embedding includes any encoder load)",
                ["component", "median"],
                [[k, f"{v:.0f}"] for k, v in sorted(inner_med.items(), key=lambda kv: -kv[1])],
            )
            top, all_ms = importtime_top(work, default_dir, COLD_QUESTION)
            print_table(
                f"3c. Where import time goes in a cold ask: self time per package, all its modules "
                f"(python -X importtime -m bot ask, one run, {all_ms:.0f} ms of imports in all)",
                ["package", "ms", "share"],
                [[k, f"{v:.0f}", f"{v / all_ms:.0%}"] for k, v in top],
            )
            figures["cold_start"] = {
                "imports_alone_ms": probe_fig,
                "path_ms_median": med,
                "inner_ms_median": inner_med,
                "heavy_imports_by_step": loaded,
                "importtime_ms": dict(top),
            }

        # 4. warm latency, XQuAD.
        if "4" in args.parts and not args.skip_xquad:
            xcorpus = work / "xquad-corpus"
            items = load_squad(args.xquad, xcorpus)
            if args.xquad_limit:
                items = items[: args.xquad_limit]
            xconfig = IndexConfig(store=StoreConfig(index_dir=work / "xquad-index"))
            t0 = time.perf_counter()
            rep = index_up_to_date(xconfig, xcorpus, embedder)
            index_s = time.perf_counter() - t0
            xservice = QuoteService(xconfig, embedder=embedder, max_question_chars=100_000, reader=reader)
            xt, xerr = timed_asks(xservice, [i.question for i in items])
            print_table(
                f"4. Warm QuoteService.ask, XQuAD: {len(xt)} questions over {rep.documents} paragraphs "
                f"({rep.sentences} sentences, {rep.passages} passages; {rep.embedded_spans} spans embedded in "
                f"{index_s:.1f} s) "
                f"(ms; {load_now()} after)",
                ["stage", "p50", "p95", "max", "mean"],
                stage_rows(xt),
            )
            figures["warm_xquad"] = {
                "asks": len(xt),
                "errors": xerr,
                "index_s": index_s,
                "stages": {
                    r[0]: {"p50": float(r[1]), "p95": float(r[2]), "max": float(r[3])} for r in stage_rows(xt)
                },
            }
        print_load_average()
        write_json(args.json, figures)
    finally:
        if temp is not None:
            shutil.rmtree(temp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
