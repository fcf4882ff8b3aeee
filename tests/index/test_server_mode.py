"""Chroma's own server (`chroma run`), reached with HttpClient: the same code path as on disk.

The test starts a real server on loopback on a free port, indexes and answers through it, and
stops it; then checks that a server that is down gives a clear error naming the fix.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from index.errors import StoreUnavailableError
from index.pipeline import IndexConfig, run_index
from index.store import Store, StoreConfig

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
pytestmark = pytest.mark.server


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    chroma = Path(sys.executable).parent / "chroma"
    port = _free_port()
    data = tmp_path_factory.mktemp("chroma-server")
    log = open(data / "server.log", "wb")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        [str(chroma), "run", "--path", str(data / "db"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        env={"ANONYMIZED_TELEMETRY": "False", "PATH": "/usr/bin:/bin"},
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail(f"chroma run exited: {(data / 'server.log').read_text(errors='replace')[-2000:]}")
                time.sleep(0.2)
        yield "127.0.0.1", port
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def test_index_and_answer_through_the_server(chroma_server: tuple[str, int], tmp_path: Path, embedder: Any) -> None:
    from bot.service import QuoteService

    host, port = chroma_server
    config = IndexConfig(store=StoreConfig(index_dir=tmp_path / "local", host=host, port=port, namespace="qb-test"))
    report = run_index(config, [CORPUS], embedder=embedder)
    assert report.documents == 1 and report.sentences > 20
    # Nothing was written to the local folder but the writer's lock file.
    assert not (tmp_path / "local" / "chroma").exists()

    # A second client (as another bot process would) sees the same index and answers from it.
    service = QuoteService(config, embedder=embedder, store=Store(config.store))
    answer = service.ask("Tomahawk missiles?")
    assert answer.quotes
    text = (CORPUS / "nato-us-responses-2022.txt").read_text(encoding="utf-8")
    for q in answer.quotes:
        assert text[q.start : q.end] == q.text

    again = run_index(config, [CORPUS], embedder=embedder)
    assert again.unchanged == 1 and again.embedded_spans == 0


def test_namespaces_keep_corpora_apart(chroma_server: tuple[str, int], tmp_path: Path, embedder: Any) -> None:
    host, port = chroma_server
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "one.txt").write_text("Alpha\n\nThe alpha unit met on Monday in Oslo. It agreed a plan.\n")
    other = IndexConfig(store=StoreConfig(index_dir=tmp_path / "o", host=host, port=port, namespace="qb-other"))
    run_index(other, [docs], embedder=embedder)
    manifest = Store(other.store).read_manifest()
    assert manifest is not None and manifest["documents"] == 1


def test_server_down_is_a_clear_error(tmp_path: Path) -> None:
    config = StoreConfig(index_dir=tmp_path, host="127.0.0.1", port=_free_port())
    with pytest.raises(StoreUnavailableError, match=r"chroma run --path DIR --host 127\.0\.0\.1"):
        Store(config)


def test_cli_reports_a_down_server_without_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from bot.cli import app

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("QUOTEBOT_CHROMA_HOST", "127.0.0.1")
    monkeypatch.setenv("QUOTEBOT_CHROMA_PORT", str(_free_port()))
    result = CliRunner().invoke(app, ["ask", "anything?"])
    assert result.exit_code == 1
    assert "cannot reach the Chroma server" in result.output and "Traceback" not in result.output
