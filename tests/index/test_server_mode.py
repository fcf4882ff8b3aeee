"""Chroma's own server (`chroma run`), reached with HttpClient: the same code path as on disk.

The test starts a real server on loopback on a free port, indexes and answers through it, and
stops it; then checks that a server that is down gives a clear error naming the fix.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from writepath_helpers import ChromaServer, free_port

from index.errors import StoreUnavailableError
from index.manifest import IndexConfig
from index.pipeline import run_index
from index.store import Store, StoreConfig

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    server = ChromaServer(tmp_path_factory.mktemp("chroma-server"))
    try:
        server.start()
    except RuntimeError as exc:
        pytest.fail(str(exc))
    try:
        yield server.host, server.port
    finally:
        server.stop()


def test_index_and_answer_through_the_server(
    chroma_server: tuple[str, int], tmp_path: Path, embedder: Any
) -> None:
    from bot.service import QuoteService

    host, port = chroma_server
    config = IndexConfig(
        store=StoreConfig(index_dir=tmp_path / "local", host=host, port=port, namespace="qb-test")
    )
    report = run_index(config, [CORPUS], embedder=embedder)
    assert report.documents == 1 and report.sentences > 20
    # Nothing was written to the local folder but the writer's lock file.
    assert not (tmp_path / "local" / "chroma").exists()
    assert not (tmp_path / "local" / "unchanged.json").exists()  # no stamp: nothing local vouches

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
    other = IndexConfig(
        store=StoreConfig(index_dir=tmp_path / "o", host=host, port=port, namespace="qb-other")
    )
    run_index(other, [docs], embedder=embedder)
    manifest = Store(other.store).read_manifest()
    assert manifest is not None and manifest["documents"] == 1


def test_server_down_is_a_clear_error(tmp_path: Path) -> None:
    config = StoreConfig(index_dir=tmp_path, host="127.0.0.1", port=free_port())
    with pytest.raises(StoreUnavailableError, match=r"chroma run --path DIR --host 127\.0\.0\.1"):
        Store(config)


def test_cli_reports_a_down_server_without_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from bot.cli import app

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("QUOTEBOT_CHROMA_HOST", "127.0.0.1")
    monkeypatch.setenv("QUOTEBOT_CHROMA_PORT", str(free_port()))
    result = CliRunner().invoke(app, ["ask", "anything?"])
    assert result.exit_code == 1
    assert "cannot reach the Chroma server" in result.output and "Traceback" not in result.output
