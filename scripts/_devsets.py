"""Shared set-up for the development scripts: indexes of the default corpus and of XQuAD, built
once under data/dev/ and reused (incrementally) on later runs."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from bot.evaluation.dataset import EvalItem, load_jsonl, load_squad
from bot.service import QuoteService
from index.embedder import Embedder
from index.manifest import IndexConfig
from index.pipeline import ensure_index
from index.store import StoreConfig

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "dev"
XQUAD = ROOT.parent / "shared" / "benchmarks" / "xquad" / "xquad.en.json"
DEFAULT_SET = ROOT / "tests" / "data" / "eval_default.jsonl"


def build(name: str, corpus: Path, embedder: Embedder) -> IndexConfig:
    config = IndexConfig(store=StoreConfig(index_dir=DATA / f"{name}-index"))
    ensure_index(config, [corpus], embedder=embedder)
    return config


def default_set(embedder: Embedder) -> tuple[QuoteService, list[EvalItem]]:
    config = build("default", ROOT / "corpus", embedder)
    return QuoteService(config, embedder=embedder, max_question_chars=100_000), load_jsonl(DEFAULT_SET)


def xquad_set(embedder: Embedder) -> tuple[QuoteService, list[EvalItem]]:
    corpus = DATA / "xquad-corpus"
    items = load_squad(XQUAD, corpus)
    config = build("xquad", corpus, embedder)
    return QuoteService(config, embedder=embedder, max_question_chars=100_000), items
