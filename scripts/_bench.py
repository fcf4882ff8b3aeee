"""Helpers shared by the benchmark scripts: which machine and which code a figure was measured on."""

from __future__ import annotations

import hashlib
import os
import platform
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent


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


def machine_line() -> str:
    from importlib.metadata import version

    def v(pkg: str) -> str:
        try:
            return version(pkg)
        except Exception:
            return "?"

    la = os.getloadavg()
    return (
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC · {platform.machine()} · {os.cpu_count()} cores · "
        f"Python {platform.python_version()} · torch {v('torch')} · sentence-transformers "
        f"{v('sentence-transformers')} · chromadb {v('chromadb')} · load average {la[0]:.2f} {la[1]:.2f} {la[2]:.2f} · "
        f"torch threads {os.environ.get('OMP_NUM_THREADS', 'default')}"
    )


def pct(values: Sequence[float], p: float) -> float:
    return float(np.percentile(np.asarray(values, dtype=float), p)) if values else float("nan")
