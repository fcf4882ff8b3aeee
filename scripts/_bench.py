"""Helpers shared by the benchmark scripts: which machine and which code a figure was measured on."""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import random
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SET = ROOT / "tests" / "data" / "eval_default.jsonl"
XQUAD = ROOT.parent / "shared" / "benchmarks" / "xquad" / "xquad.en.json"
#: SQuAD 2.0, 14 articles (all 14 also in XQuAD): the reader's training data.
SQUAD2 = ROOT.parent / "shared" / "benchmarks" / "squad2" / "squad2_dev_half.json"
#: The venv's own executables, so child processes run the code under test.
BIN = Path(sys.executable).parent
QUOTEBOT = BIN / "quotebot"
TORCH_THREADS_HELP = (
    "pin torch to N threads, here and in child processes (default: torch's own choice; "
    "1 helps on a machine shared with other CPU-heavy work)"
)


def add_reader_precision(ap: argparse.ArgumentParser, note: str = "") -> None:
    """``--reader-precision``, as QUOTEBOT_READER_PRECISION, for the scripts that run the reader."""
    from bot.reader import PRECISIONS

    ap.add_argument(
        "--reader-precision",
        choices=PRECISIONS,
        default=None,
        help="the reader's arithmetic, as QUOTEBOT_READER_PRECISION (default: its manifest's, fp32)" + note,
    )


#: The SQuAD 2.0 articles the reader never trains on, whole: its held-out figures
#: (``train_reader.py``) and ``bench_reader.py``'s SQuAD set.
SQUAD2_HELD_OUT = ("Immune_system", "Scottish_Parliament", "Yuan_dynasty")


def squad2_split(raw: bytes | None = None) -> tuple[list[dict[str, Any]], list[dict[str, Any]], Path]:
    """The SQuAD 2.0 articles to train on, the held-out ones, and those as a file of their own under
    data/dev/ (written again each time: a few hundred kilobytes), for ``load_squad``. ``raw``: the
    file's bytes when the caller has read them already (to hash them)."""
    data = json.loads(raw if raw is not None else SQUAD2.read_bytes())["data"]
    held_file = ROOT / "data" / "dev" / "squad2-heldout.json"
    held_file.parent.mkdir(parents=True, exist_ok=True)
    held = [a for a in data if a["title"] in SQUAD2_HELD_OUT]
    held_file.write_text(json.dumps({"version": "v2.0", "data": held}), encoding="utf-8")
    return [a for a in data if a["title"] not in SQUAD2_HELD_OUT], held, held_file


def set_offline_defaults() -> None:
    """Offline Hugging Face, no Chroma telemetry, no tokenizer threads (unless already set): call before
    anything loads a model."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def apply_torch_threads(n: int | None) -> None:
    """Pin torch's intra-op threads here and (through OMP_NUM_THREADS) in every child process."""
    if not n:
        return
    os.environ["OMP_NUM_THREADS"] = os.environ["MKL_NUM_THREADS"] = str(n)
    import torch

    torch.set_num_threads(n)


def code_line() -> str:
    """Which code was measured: a hash of bot/ and index/ (sources and the shipped ranker weights)."""
    files = sorted(p for d in ("bot", "index") for p in (ROOT / d).rglob("*") if p.suffix in {".py", ".json"})
    h = hashlib.sha256()
    for p in files:
        h.update(p.relative_to(ROOT).as_posix().encode() + b"\0" + p.read_bytes())
    newest = datetime.fromtimestamp(max(p.stat().st_mtime for p in files), UTC)
    return f"bot/ + index/ sha256 {h.hexdigest()[:12]} (newest file {newest:%Y-%m-%d %H:%M} UTC)"


def machine_line(packages: tuple[str, ...] = ("torch", "sentence-transformers", "chromadb")) -> str:
    """When, where and with which library versions a benchmark ran (one line, also saved in --json)."""
    from importlib.metadata import version

    def v(pkg: str) -> str:
        try:
            return version(pkg)
        except Exception:
            return "?"

    la = os.getloadavg()
    libs = " · ".join(f"{pkg} {v(pkg)}" for pkg in packages)
    return (
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC · {platform.machine()} · {os.cpu_count()} cores · "
        f"Python {platform.python_version()} · {libs} · load average {la[0]:.2f} {la[1]:.2f} {la[2]:.2f} · "
        f"torch threads {os.environ.get('OMP_NUM_THREADS', 'default')}"
    )


def pct(values: Sequence[float], p: float) -> float:
    return float(np.percentile(np.asarray(values, dtype=float), p)) if values else float("nan")


def auc(pos: Sequence[float], neg: Sequence[float]) -> float:
    """ROC AUC: the chance a random positive scores above a random negative (ties count half)."""
    if not len(pos) or not len(neg):
        return float("nan")
    p, n = np.asarray(pos, dtype=float)[:, None], np.asarray(neg, dtype=float)[None, :]
    return float(((p > n).sum() + 0.5 * (p == n).sum()) / (p.size * n.size))


# -- command line and header of every benchmark script ----------------------------------------------
def new_parser(doc: str | None) -> argparse.ArgumentParser:
    """A parser whose description is the first paragraph of ``doc`` (the script's docstring), the rest its epilog."""
    doc = doc or ""
    return argparse.ArgumentParser(
        description=doc.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=doc.split("\n\n", 1)[1],
    )


def add_question_args(ap: argparse.ArgumentParser) -> None:
    """``--corpus``, ``--question-file`` and ``--seed`` of the load and soak scripts."""
    ap.add_argument(
        "--corpus", type=Path, default=ROOT / "corpus", help="the default corpus (default: %(default)s)"
    )
    ap.add_argument(
        "--question-file",
        type=Path,
        default=DEFAULT_SET,
        help="JSONL with a `question` per line (default: %(default)s)",
    )
    ap.add_argument("--seed", type=int, default=1, help="seed of the variations (default: %(default)s)")


def add_run_args(ap: argparse.ArgumentParser, torch_threads_help: str = TORCH_THREADS_HELP) -> None:
    """The last options of every benchmark script: ``--torch-threads N`` and ``--json OUT``."""
    ap.add_argument("--torch-threads", type=int, default=None, help=torch_threads_help)
    ap.add_argument("--json", type=Path, default=None, help="also write the figures as JSON here")


def exit_on_sigterm() -> None:
    """Turn SIGTERM into ``sys.exit(143)``, so the script's ``finally`` still cleans up (folders, servers)."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))


def run_header(script: str) -> dict[str, Any]:
    """Print which machine and which code this run measures; the start of the figures' JSON."""
    figures: dict[str, Any] = {"machine": machine_line()}
    print(f"{script} · {figures['machine']}")
    figures["code"] = code_line()
    print(f"code {figures['code']}")
    return figures


def print_load_average(prefix: str = "\n") -> None:
    """The end-of-run line: ``load average at the end: 1m 5m 15m``, after ``prefix`` (a blank line)."""
    la = os.getloadavg()
    print(f"{prefix}load average at the end: {la[0]:.2f} {la[1]:.2f} {la[2]:.2f}")


def write_json(path: Path | None, figures: object) -> None:
    """Write ``figures`` as JSON to ``path`` (if given), creating its folder, and say so."""
    if path:
        import json

        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(figures, indent=1), encoding="utf-8")
        print(f"wrote {path}")


# -- helpers of the load and soak scripts (soak_service.py, load_server.py, bench_index_large.py) ----------


def print_table(title: str, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """A plain-text table with aligned columns (pipe-separated, so it pastes into Markdown)."""
    cells = [[str(h) for h in headers]] + [[str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]

    def line(r: list[str]) -> str:
        return (
            "| "
            + " | ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths)))
            + " |"
        )

    print(f"\n{title}")
    print(line(cells[0]))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in cells[1:]:
        print(line(r))


def offline_env(**extra: str) -> dict[str, str]:
    """The environment of a user's shell minus any QUOTEBOT_* settings, offline, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("QUOTEBOT_")}
    env.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", ANONYMIZED_TELEMETRY="False")
    env.update(extra)
    return env


def rss_mb(pid: int | None = None) -> float:
    """Resident set size of a process (default: this one) in MB: psutil if installed, else /proc."""
    try:
        import psutil

        return float(psutil.Process(pid).memory_info().rss) / 2**20
    except ImportError:
        status = Path(f"/proc/{pid or 'self'}/status").read_text()
        kb = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
        return kb / 1024


def load_questions(path: Path) -> list[str]:
    """The ``question`` of every line of a JSONL file (e.g. tests/data/eval_default.jsonl)."""
    import json

    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            out.append(str(json.loads(line)["question"]))
    return out


_EXTRA_WORDS = (
    "please",
    "exactly",
    "briefly",
    "today",
    "again",
    "now",
    "really",
    "precisely",
    "overall",
    "in short",
    "in detail",
    "officially",
    "specifically",
    "for me",
    "if anything",
    "in 2022",
    "according to the documents",
    "in the leak",
    "at all",
    "then",
)
_PREFIXES = (
    "Quick question: ",
    "Tell me, ",
    "I wonder: ",
    "Please answer: ",
    "Do you know: ",
    "One more: ",
    "Question: ",
    "Remind me, ",
)


def varied_question(question: str, rng: random.Random) -> str:
    """``question`` as is (1 in 5), or with a random word, a prefix or a number added, so a long run
    keeps embedding new questions instead of hitting the query cache every time."""
    r = rng.random()
    if r < 0.2:
        return question
    if r < 0.5:
        return f"{question} {rng.choice(_EXTRA_WORDS)}"
    if r < 0.7:
        return f"{rng.choice(_PREFIXES)}{question}"
    return f"{question} ({rng.randrange(100_000)})"


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


class ChromaServer:
    """One ``chroma run`` server on a loopback port, its data and log in ``folder``; ``stop()`` always.

    Started in its own session so a Ctrl-C in the terminal reaches the script (which stops the server
    in its ``finally``) rather than killing the server mid-request.
    """

    def __init__(self, folder: Path, host: str = "127.0.0.1", port: int | None = None) -> None:
        self.host, self.port = host, port or free_port(host)
        self.data = folder / "chroma-server"
        self.log_path = folder / "chroma-server.log"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, timeout_s: float = 60.0) -> ChromaServer:
        chroma = BIN / "chroma"
        self.data.mkdir(parents=True, exist_ok=True)
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen(
                [str(chroma), "run", "--path", str(self.data), "--host", self.host, "--port", str(self.port)],
                stdout=log,
                stderr=subprocess.STDOUT,
                env={"ANONYMIZED_TELEMETRY": "False", "PATH": "/usr/bin:/bin"},
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            try:
                with socket.create_connection((self.host, self.port), timeout=0.5):
                    return self
            except OSError:
                if self.proc.poll() is not None:
                    raise SystemExit(
                        f"chroma run exited: {self.log_path.read_text(errors='replace')[-2000:]}"
                    ) from None
                time.sleep(0.2)
        self.stop()
        raise SystemExit(f"chroma run did not listen on {self.host}:{self.port} within {timeout_s:.0f} s")

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc is not None else None

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
