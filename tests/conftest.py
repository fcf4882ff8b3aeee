"""Session fixtures shared by the read-path tests: one real model, one real Chroma index of the
bundled corpus, one service. Nothing here touches the network."""

from __future__ import annotations

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings as hypothesis_settings

REPO = Path(__file__).resolve().parent.parent

# Property tests run with a fixed seed by default, so `make test` and CI are reproducible: a run never
# fails by the luck of the draw. `QUOTEBOT_HYPOTHESIS=explore make pytest` draws fresh random inputs
# to hunt for new failures (add any it finds as a plain regression test).
hypothesis_settings.register_profile("ci", derandomize=True)
hypothesis_settings.register_profile("explore", derandomize=False)
hypothesis_settings.load_profile(os.environ.get("QUOTEBOT_HYPOTHESIS", "ci"))
CORPUS = REPO / "corpus"


@pytest.fixture(scope="session")
def shared_embedder() -> Any:
    from index.embedder import Embedder

    return Embedder()


@pytest.fixture(scope="session")
def default_index(tmp_path_factory: pytest.TempPathFactory, shared_embedder: Any) -> Any:
    from index.manifest import IndexConfig
    from index.pipeline import run_index
    from index.store import StoreConfig

    config = IndexConfig(store=StoreConfig(index_dir=tmp_path_factory.mktemp("default-index")))
    run_index(config, [CORPUS], embedder=shared_embedder)
    return config


@pytest.fixture(scope="session")
def index_files(tmp_path_factory: pytest.TempPathFactory, shared_embedder: Any) -> Any:
    """``index_files(name, {file name: text or bytes})``: a real index of those documents, as a user would
    build it (the write path, Chroma and the packaged model), and its ``IndexConfig``."""
    from index.manifest import IndexConfig
    from index.pipeline import run_index
    from index.store import StoreConfig

    def build(name: str, files: dict[str, str | bytes]) -> Any:
        docs = tmp_path_factory.mktemp(f"{name}-docs")
        for file_name, content in files.items():
            path = docs / file_name
            if isinstance(content, bytes):  # a binary format: a Word document
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        config = IndexConfig(store=StoreConfig(index_dir=tmp_path_factory.mktemp(f"{name}-index")))
        run_index(config, [docs], embedder=shared_embedder)
        return config

    return build


@pytest.fixture(scope="session")
def shared_reader() -> Any:
    from bot.reader import Reader

    return Reader()


@pytest.fixture(scope="session")
def default_service(default_index: Any, shared_embedder: Any) -> Any:
    """The service as shipped (the reader off, as QUOTEBOT_READER defaults)."""
    from bot.service import QuoteService

    return QuoteService(default_index, embedder=shared_embedder)


@pytest.fixture(scope="session")
def reader_service(default_index: Any, shared_embedder: Any, shared_reader: Any) -> Any:
    """The service with the committed reader on (QUOTEBOT_READER=on)."""
    from bot.service import QuoteService

    return QuoteService(default_index, embedder=shared_embedder, reader=shared_reader)


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No QUOTEBOT_* variables and no .env from the developer's machine leak into a test."""
    for key in list(os.environ):
        if key.startswith("QUOTEBOT_"):
            monkeypatch.delenv(key)
    monkeypatch.chdir(tmp_path)
    return tmp_path
