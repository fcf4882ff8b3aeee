"""Load test: several bot processes asking through one Chroma server at once; throughput, latency, errors.

A bounded run (a script that prints figures, not a test), loopback only:

1. start one ``chroma run`` server on a free port of 127.0.0.1, its data in a temporary folder (or use
   an existing server with ``--port`` and ``--host``, which must be a loopback address; it is then
   neither started nor stopped);
2. index the default corpus into it once, with ``quotebot index`` in a new process
   (``QUOTEBOT_CHROMA_HOST``/``PORT``/``NAMESPACE`` set, namespace ``--namespace``; incremental, so
   re-running against an existing server re-embeds nothing);
3. start ``--procs`` (4) worker processes; each builds its own ``QuoteService`` against the server (as
   separate bot processes would), waits until all are ready, then asks ``--questions-per-proc`` (500)
   questions, or stops earlier after ``--duration`` seconds: the questions of
   ``tests/data/eval_default.jsonl`` with random variations (a word, prefix or number added), each
   process starting at a different question;
4. report total throughput (asks/s from the common start to the last worker's end), p50/p95/max
   latency overall and per process, errors (any exception from ``ask``, by type), the workers' RSS and
   the server's RSS before and after the load.

The server is stopped at the end, always (also on Ctrl-C or SIGTERM), and the temporary folder removed.
With 4 workers on 2 cores the workers compete for the CPU with each other and with the server, so
latency here is mostly queueing; throughput is the figure to compare. Takes ~2–3 minutes with defaults.

    .venv/bin/python scripts/load_server.py [--procs 4] [--questions-per-proc 500] [--duration S] [--json OUT]
"""

from __future__ import annotations

import ipaddress
import multiprocessing as mp
import os
import queue
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _bench import (
    QUOTEBOT,
    ChromaServer,
    add_question_args,
    add_run_args,
    apply_torch_threads,
    exit_on_sigterm,
    load_questions,
    new_parser,
    offline_env,
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


def worker(
    rank: int,
    host: str,
    port: int,
    namespace: str,
    local_dir: str,
    questions: list[str],
    n: int,
    duration: float,
    seed: int,
    torch_threads: int | None,
    barrier: Any,
    results: Any,
) -> None:
    """One bot process: build a QuoteService against the server, wait for the others, ask, report."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops the workers
    out: dict[str, Any] = {"rank": rank, "pid": os.getpid(), "latencies_ms": [], "errors": {}}
    try:
        apply_torch_threads(torch_threads)
        t0 = time.perf_counter()
        from bot.service import QuoteService
        from index.manifest import IndexConfig
        from index.store import StoreConfig

        config = IndexConfig(
            store=StoreConfig(index_dir=Path(local_dir), host=host, port=port, namespace=namespace)
        )
        service = QuoteService(config)
        out["build_s"] = time.perf_counter() - t0
        out["rss_ready_mb"] = rss_mb()
    except Exception as exc:
        out["fatal"] = f"building the service: {type(exc).__name__}: {exc}"
        barrier.abort()
        results.put(out)
        return
    try:
        barrier.wait()
    except Exception:  # another worker failed to start, or the parent gave up
        out["fatal"] = "start barrier broken"
        results.put(out)
        return
    rng = random.Random(seed * 1000 + rank)
    lat: list[float] = out["latencies_ms"]
    errors: dict[str, int] = out["errors"]
    start = time.monotonic()
    out["start"] = start
    for i in range(n):
        if duration and time.monotonic() - start >= duration:
            break
        q = varied_question(questions[(rank * 25 + i) % len(questions)], rng)
        t0 = time.perf_counter()
        try:
            service.ask(q)
        except Exception as exc:  # an error under concurrency is a finding: count it, keep going
            key = f"{type(exc).__name__}: {exc}"[:160]
            errors[key] = errors.get(key, 0) + 1
        lat.append((time.perf_counter() - t0) * 1000)
    out["end"] = time.monotonic()
    out["rss_end_mb"] = rss_mb()
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    results.put(out)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def row(label: str, lat: list[float], n_err: int, seconds: float, extra: list[Any]) -> list[Any]:
    return [
        label,
        len(lat),
        n_err,
        f"{len(lat) / seconds:.1f}" if seconds > 0 else "-",
        f"{pct(lat, 50):.1f}",
        f"{pct(lat, 95):.1f}",
        f"{max(lat):.1f}" if lat else "-",
        *extra,
    ]


def main() -> int:
    ap = new_parser(__doc__)
    ap.add_argument("--procs", type=int, default=4, help="worker processes (default: %(default)s)")
    ap.add_argument(
        "--questions-per-proc", type=int, default=500, help="asks per worker (default: %(default)s)"
    )
    ap.add_argument(
        "--duration",
        type=float,
        default=0.0,
        help="also stop each worker after this many seconds of asking (default: no time limit)",
    )
    ap.add_argument(
        "--host", default="127.0.0.1", help="loopback address of the server (default: %(default)s)"
    )
    ap.add_argument(
        "--port",
        type=int,
        default=None,
        help="use an already running `chroma run` on this port instead of starting one (default: start one "
        "on a free port)",
    )
    ap.add_argument(
        "--namespace", default="qb-load", help="Chroma namespace of the index (default: %(default)s)"
    )
    add_question_args(ap)
    ap.add_argument(
        "--start-timeout",
        type=float,
        default=600.0,
        help="seconds to wait for all workers to be ready (default: %(default)s)",
    )
    add_run_args(
        ap,
        "pin torch to N threads in the workers (default: the service's own choice, one thread for queries)",
    )
    args = ap.parse_args()
    if not is_loopback(args.host):
        ap.error(f"--host must be a loopback address (127.0.0.0/8, ::1 or localhost), not {args.host}")
    if args.procs < 1 or args.questions_per_proc < 1:
        ap.error("--procs and --questions-per-proc must be at least 1")
    exit_on_sigterm()  # so `finally` stops the server
    if not QUOTEBOT.exists():
        raise SystemExit(f"no console script at {QUOTEBOT}; run with the project's .venv/bin/python")

    figures = run_header("load_server")
    temp = Path(tempfile.mkdtemp(prefix="qb-load-"))
    server: ChromaServer | None = None
    procs: list[Any] = []
    try:
        if args.port is None:
            server = ChromaServer(temp, args.host).start()
            host, port = server.host, server.port
            print(f"started chroma run on {host}:{port} (pid {server.pid}, data {server.data})")
        else:
            host, port = args.host, args.port
            print(f"using the chroma server at {host}:{port}")
        env = offline_env(
            QUOTEBOT_CHROMA_HOST=host,
            QUOTEBOT_CHROMA_PORT=str(port),
            QUOTEBOT_CHROMA_NAMESPACE=args.namespace,
        )
        t0 = time.perf_counter()
        proc = subprocess.run(
            [str(QUOTEBOT), "--index-dir", str(temp / "writer"), "index", str(args.corpus.resolve())],
            env=env,
            cwd=temp,
            capture_output=True,
            text=True,
        )
        if proc.returncode != 0:
            raise SystemExit(f"quotebot index failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
        index_s = time.perf_counter() - t0
        print(f"indexed {args.corpus} into namespace {args.namespace} in {index_s:.1f} s (new process)")
        server_rss_before = rss_mb(server.pid) if server and server.pid else None

        questions = load_questions(args.question_file)
        ctx = mp.get_context("spawn")
        barrier = ctx.Barrier(args.procs + 1)
        results = ctx.Queue()
        for rank in range(args.procs):
            p = ctx.Process(
                target=worker,
                args=(
                    rank,
                    host,
                    port,
                    args.namespace,
                    str(temp / f"worker-{rank}"),
                    questions,
                    args.questions_per_proc,
                    args.duration,
                    args.seed,
                    args.torch_threads,
                    barrier,
                    results,
                ),
                name=f"qb-load-{rank}",
            )
            p.start()
            procs.append(p)
        t0 = time.perf_counter()
        try:
            barrier.wait(timeout=args.start_timeout)
        except Exception:
            print("workers did not all become ready; collecting what they reported")
        ready_s = time.perf_counter() - t0
        print(f"{args.procs} workers ready after {ready_s:.1f} s (imports, model, index view each); asking…")

        outs: list[dict[str, Any]] = []
        server_peak = server_rss_before or 0.0
        while len(outs) < args.procs:
            try:
                outs.append(results.get(timeout=1.0))
            except queue.Empty:
                if server and server.pid:
                    server_peak = max(server_peak, rss_mb(server.pid))
                if not any(p.is_alive() for p in procs) and results.empty():
                    break
        for p in procs:
            p.join(timeout=30)
        server_rss_after = rss_mb(server.pid) if server and server.pid else None

        outs.sort(key=lambda o: o["rank"])
        fatal = [f"worker {o['rank']}: {o['fatal']}" for o in outs if "fatal" in o]
        for f in fatal:
            print(f"  {f}")
        missing = args.procs - len(outs)
        if missing:
            print(f"  {missing} worker(s) died without reporting (exit codes {[p.exitcode for p in procs]})")
        ran = [o for o in outs if "start" in o]
        if not ran:
            raise SystemExit("no worker asked anything")
        t_start = min(o["start"] for o in ran)
        t_end = max(o["end"] for o in ran)
        wall = t_end - t_start
        all_lat = [x for o in ran for x in o["latencies_ms"]]
        all_err: dict[str, int] = {}
        for o in ran:
            for k, v in o["errors"].items():
                all_err[k] = all_err.get(k, 0) + v
        n_err = sum(all_err.values())
        rows = [
            row(
                f"worker {o['rank']} (pid {o['pid']})",
                o["latencies_ms"],
                sum(o["errors"].values()),
                o["end"] - o["start"],
                [f"{o['build_s']:.1f}", f"{o['rss_ready_mb']:.0f}", f"{o['rss_end_mb']:.0f}"],
            )
            for o in ran
        ]
        rows.append(row(f"all {len(ran)} workers", all_lat, n_err, wall, ["", "", ""]))
        print_table(
            f"Load: {len(ran)} processes × up to {args.questions_per_proc} asks through one Chroma server "
            f"({host}:{port}), {wall:.1f} s from the common start to the last end",
            [
                "process",
                "asks",
                "errors",
                "asks/s",
                "p50 ms",
                "p95 ms",
                "max ms",
                "build s",
                "RSS ready MB",
                "RSS end MB",
            ],
            rows,
        )
        print(
            f"\nthroughput {len(all_lat) / wall:.1f} asks/s in all; latency p50 {pct(all_lat, 50):.1f} ms, "
            f"p95 {pct(all_lat, 95):.1f} ms, p99 {pct(all_lat, 99):.1f} ms, max {max(all_lat):.1f} ms; "
            f"errors {n_err} of {len(all_lat)} asks"
        )
        for k, v in sorted(all_err.items(), key=lambda kv: -kv[1]):
            print(f"  {v} × {k}")
        if server_rss_before is not None and server_rss_after is not None:
            print(
                f"chroma server RSS: {server_rss_before:.0f} MB after indexing, {server_rss_after:.0f} MB after the "
                f"load (peak sampled {server_peak:.0f} MB)"
            )
        print_load_average("")
        figures.update(
            procs=args.procs,
            questions_per_proc=args.questions_per_proc,
            index_s=index_s,
            ready_s=ready_s,
            seconds=wall,
            asks=len(all_lat),
            throughput=len(all_lat) / wall,
            p50_ms=pct(all_lat, 50),
            p95_ms=pct(all_lat, 95),
            p99_ms=pct(all_lat, 99),
            max_ms=max(all_lat),
            errors=all_err,
            fatal=fatal,
            workers=[
                {k: v for k, v in o.items() if k != "latencies_ms"}
                | {
                    "asks": len(o["latencies_ms"]),
                    "p50_ms": pct(o["latencies_ms"], 50),
                    "p95_ms": pct(o["latencies_ms"], 95),
                    "max_ms": max(o["latencies_ms"], default=float("nan")),
                }
                for o in ran
            ],
            server_rss_mb={"before": server_rss_before, "after": server_rss_after, "peak": server_peak},
        )
        write_json(args.json, figures)
    except KeyboardInterrupt:
        print("\ninterrupted: stopping the workers and the server")
        return 130
    finally:
        for p in procs:
            if p.is_alive():
                p.terminate()
                p.join(timeout=10)
        if server is not None:
            server.stop()
            print(f"stopped chroma run (pid {server.pid})")
        shutil.rmtree(temp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
