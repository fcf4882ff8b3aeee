"""Faults from the environment: a Chroma server that goes away, an indexer running beside the bot,
a full disk and a read-only data folder. Each must give a clear error and lose nothing.

Everything here is real: a `chroma run` server on loopback that the test stops and restarts, the
packaged model, and `quotebot` subprocesses whose file-size limit (RLIMIT_FSIZE) makes every write
past a point fail the way a full disk does.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from writepath_helpers import NATO, REPO, ChromaServer

from index.errors import StoreUnavailableError
from index.manifest import IndexConfig
from index.pipeline import run_index
from index.store import StoreConfig

QUESTIONS = [
    "Tomahawk missiles in Romania and Poland?",
    "What does NATO say about its open door policy?",
    "Does the U.S. reply mention Ukraine's sovereignty?",
    "What did the alliance propose about military exercises?",
]


@pytest.fixture
def server(tmp_path: Path) -> Iterator[ChromaServer]:
    srv = ChromaServer(tmp_path / "chroma-server")
    try:
        srv.start()
    except RuntimeError as exc:
        pytest.fail(str(exc))
    try:
        yield srv
    finally:
        srv.stop()


def _server_config(srv: ChromaServer, tmp_path: Path, retry_s: float) -> IndexConfig:
    return IndexConfig(
        store=StoreConfig(
            index_dir=tmp_path / "local", host=srv.host, port=srv.port, namespace="qb-faults", retry_s=retry_s
        )
    )


@pytest.mark.server
def test_a_server_outage_is_retried_reported_and_recovered(
    server: ChromaServer, tmp_path: Path, embedder: Any
) -> None:
    from bot.service import QuoteService

    config = _server_config(server, tmp_path, retry_s=1.0)
    run_index(config, [NATO], embedder=embedder)
    service = QuoteService(config, embedder=embedder, reload_check_s=0)
    assert service.ask(QUESTIONS[0]).quotes

    # The server stops: after retrying for about retry_s, a clear error that names the fix.
    server.stop()
    t0 = time.monotonic()
    with pytest.raises(StoreUnavailableError, match=r"is not answering .*`chroma run` is up"):
        service.ask(QUESTIONS[0])
    waited = time.monotonic() - t0
    assert 0.9 <= waited < 10, waited

    # It comes back: the same service answers again, with no restart of the bot.
    server.start()
    assert service.ask(QUESTIONS[0]).quotes

    # A short outage inside the retry window is not even noticed by the user.
    service.store.config = dataclasses.replace(service.store.config, retry_s=45.0)
    server.stop()
    restart = threading.Timer(1.0, server.start)
    restart.start()
    try:
        answer = service.ask(QUESTIONS[1])
    finally:
        restart.join()
    assert answer.quotes or answer.closest is not None


@pytest.mark.server
def test_answers_keep_coming_while_an_indexer_updates_and_rebuilds(
    server: ChromaServer, tmp_path: Path, embedder: Any
) -> None:
    """The bot and an indexer at once: every answer comes from the old or the new index, and every
    quote is exactly the text of one version of its document."""
    from bot.service import QuoteService

    docs = tmp_path / "docs"
    docs.mkdir()
    original = NATO.read_text(encoding="utf-8")
    (docs / "report.txt").write_text(original, encoding="utf-8")
    (docs / "extra.txt").write_text(
        "Exercises\n\nThe alliance proposed notifying each other of military exercises in advance.\n",
        encoding="utf-8",
    )
    config = _server_config(server, tmp_path, retry_s=5.0)
    run_index(config, [docs], embedder=embedder)
    service = QuoteService(config, embedder=embedder, reload_check_s=0)
    first_generation = service.view.generation

    versions: dict[str, list[str]] = {
        "report.txt": [original],
        "extra.txt": [(docs / "extra.txt").read_text(encoding="utf-8")],
    }
    answers: list[Any] = []
    errors: list[BaseException] = []
    stop = threading.Event()

    def asker() -> None:
        while not stop.is_set():
            for q in QUESTIONS:
                try:
                    answers.append(service.ask(q))
                except BaseException as exc:  # collected and asserted on below
                    errors.append(exc)

    thread = threading.Thread(target=asker)
    thread.start()
    try:
        # An incremental run that changes one document and removes another…
        changed = original.replace("Tomahawk", "Tomahawk (ground-launched)", 1) + (
            "\n\nAddendum\n\nThe alliance also proposed a hotline between military commands.\n"
        )
        (docs / "report.txt").write_text(changed, encoding="utf-8")
        versions["report.txt"].append(changed)
        (docs / "extra.txt").unlink()
        report = run_index(config, [docs], embedder=embedder)
        assert report.updated == 1 and report.removed == 1
        time.sleep(0.5)
        # …then a full rebuild that switches generations and drops the old one.
        run_index(config, [docs], rebuild=True, embedder=embedder)
        time.sleep(1.0)
    finally:
        stop.set()
        thread.join(timeout=120)

    assert not errors, errors[:3]
    assert len(answers) >= len(QUESTIONS)
    for answer in answers:
        for q in [*answer.quotes, *([answer.closest] if answer.closest else [])]:
            assert any(v[q.start : q.end] == q.text for v in versions[q.doc_id]), q
    # The service followed the index without a restart.
    assert service.view.generation > first_generation
    assert "extra.txt" not in service.view.docs
    assert service.view.text("report.txt") == changed


# -- full disk and read-only folder (subprocesses, on-disk Chroma) ------------------------------


def _quotebot(index_dir: Path, *args: str, limit: int | None = None, as_nobody: bool = False) -> Any:
    """Run the real CLI in a new process; ``limit`` caps file sizes like a full disk would."""
    prelude = ""
    if limit is not None:
        prelude = (
            "import resource, signal; signal.signal(signal.SIGXFSZ, signal.SIG_IGN); "
            f"resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit})); "
        )
    code = prelude + "import sys; from bot.cli import main; sys.argv = ['quotebot'] + sys.argv[1:]; main()"
    env = {
        **os.environ,
        "HOME": str(index_dir.parent),
        "QUOTEBOT_INDEX_DIR": str(index_dir),
        "HF_HUB_OFFLINE": "1",
        "COLUMNS": "200",
    }
    env.pop("QUOTEBOT_CHROMA_HOST", None)

    # setpriv, not os.setuid in preexec_fn: only the former could exec the venv's Python here.
    prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] if as_nobody else []
    return subprocess.run(
        [*prefix, sys.executable, "-c", code, *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _answers(index_dir: Path) -> dict[str, Any]:
    run = _quotebot(index_dir, "ask", QUESTIONS[0], "--json")
    assert run.returncode == 0, run.stderr
    out: dict[str, Any] = json.loads(run.stdout)
    assert out["quotes"]
    return out


@pytest.mark.skipif(not hasattr(os, "setuid"), reason="needs POSIX resource limits")
def test_a_full_disk_is_a_clear_error_and_the_old_index_still_answers(tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(NATO, docs / "report.txt")
    assert _quotebot(index_dir, "index", str(docs)).returncode == 0
    before = _answers(index_dir)

    (docs / "more.txt").write_text("Logistics\n\nThe convoy left at dawn with fuel for nine days.\n")
    for args in (["index", str(docs)], ["index", "--rebuild", str(docs)]):
        full = _quotebot(index_dir, *args, limit=200_000)
        output = full.stdout + full.stderr
        assert full.returncode == 1, output
        assert "Is the disk full or the folder read-only?" in " ".join(output.split())
        assert "Traceback" not in output
        assert _answers(index_dir)["quotes"] == before["quotes"]

    # Space again: the next run completes and includes the new document.
    again = _quotebot(index_dir, "index", str(docs))
    assert again.returncode == 0, again.stderr
    assert _answers(index_dir)["quotes"] == before["quotes"]
    convoy = _quotebot(index_dir, "ask", "How many days of fuel did the convoy carry?", "--json")
    assert any(q["doc_id"] == "more.txt" for q in json.loads(convoy.stdout)["quotes"]), convoy.stdout


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="needs POSIX permissions")
@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0 and not shutil.which("setpriv"),
    reason="as root, needs setpriv to act as an unprivileged user",
)
def test_a_read_only_index_folder_is_a_clear_error_and_stays_intact() -> None:
    # As root, permissions do not apply: run as "nobody" (for whom the folder is read-only).
    as_nobody = os.geteuid() == 0
    base = Path(tempfile.mkdtemp(prefix="qb-readonly-"))
    try:
        base.chmod(0o755)
        index_dir = base / "index"
        assert _quotebot(index_dir, "index", str(NATO)).returncode == 0
        before = _answers(index_dir)
        if not as_nobody:
            for p in [index_dir, *index_dir.rglob("*")]:
                p.chmod(p.stat().st_mode & ~0o222)
        try:
            run = _quotebot(index_dir, "index", "--rebuild", str(NATO), as_nobody=as_nobody)
            output = " ".join((run.stdout + run.stderr).split())
            assert run.returncode == 1, output
            assert "cannot write in the index folder" in output or "read-only" in output, output
            assert "Traceback" not in output
            ask = _quotebot(index_dir, "ask", QUESTIONS[0], as_nobody=as_nobody)
            said = " ".join((ask.stdout + ask.stderr).split())
            assert "Traceback" not in said
            assert ask.returncode == 0 or "read-only" in said, said
        finally:
            if not as_nobody:
                for p in [index_dir, *index_dir.rglob("*")]:
                    p.chmod(p.stat().st_mode | 0o200)
        assert _answers(index_dir)["quotes"] == before["quotes"]
    finally:
        shutil.rmtree(base, ignore_errors=True)
