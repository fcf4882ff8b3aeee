"""Shared fixtures of the write-path tests: temp-file loading and one real embedder per session."""

from __future__ import annotations

import os

# Nothing in this suite may touch the network: the model is the packaged local folder.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from collections.abc import Callable
from pathlib import Path

import pytest
from writepath_helpers import NATO, assert_spans_exact, words

from index.analysis import Analysis, analyse
from index.loaders import load_document
from index.types import Document


@pytest.fixture(scope="session")
def nato_path() -> Path:
    assert NATO.is_file(), f"default corpus missing at {NATO}"
    return NATO


@pytest.fixture
def load(tmp_path: Path) -> Callable[..., Document]:
    """Write bytes (or text as UTF-8) to a temp file and load it like the indexer does."""

    def _load(name: str, content: bytes | str, max_bytes: int = 10_000_000) -> Document:
        path = tmp_path / name
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return load_document(path, name, max_bytes)

    return _load


@pytest.fixture
def analysed(load: Callable[..., Document]) -> Callable[..., Analysis]:
    """Load a temp file and analyse it with a word-count tokenizer; offsets are checked on the way."""

    def _analysed(name: str, content: bytes | str, max_tokens: int = 128) -> Analysis:
        a = analyse(load(name, content), words, max_tokens)
        assert_spans_exact(a)
        return a

    return _analysed


@pytest.fixture(scope="session")
def embedder():
    """One real all-MiniLM-L6-v2 (ONNX Runtime) for the whole session, its sessions made up front."""
    from index.embedder import Embedder

    e = Embedder()
    e.prepare_queries().join()
    e.encode(["warm up"])
    return e
