"""Shared set-up for the development scripts: indexes of the default corpus and of XQuAD, built
once under data/dev/ and reused (incrementally) on later runs."""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from _bench import DEFAULT_SET, ROOT, SQUAD2, XQUAD

from bot.evaluation.dataset import EvalItem, load_jsonl, load_squad
from bot.reader import Reader
from bot.service import QuoteService
from index.embedder import Embedder
from index.manifest import IndexConfig
from index.pipeline import ensure_index
from index.store import StoreConfig

DATA = ROOT / "data" / "dev"
EVERYDAY_SET = ROOT / "tests" / "data" / "eval_everyday.jsonl"
EVERYDAY_DEV_SET = ROOT / "tests" / "data" / "eval_everyday_dev.jsonl"


def build(name: str, corpus: Path, embedder: Embedder) -> IndexConfig:
    config = IndexConfig(store=StoreConfig(index_dir=DATA / f"{name}-index"))
    ensure_index(config, [corpus], embedder=embedder)
    return config


def dev_service(config: IndexConfig, embedder: Embedder, reader: Reader | None = None) -> QuoteService:
    """A service over a development index (long questions allowed; the reader on when given)."""
    return QuoteService(config, embedder=embedder, max_question_chars=100_000, reader=reader)


def default_set(embedder: Embedder, reader: Reader | None = None) -> tuple[QuoteService, list[EvalItem]]:
    return dev_service(build("default", ROOT / "corpus", embedder), embedder, reader), load_jsonl(DEFAULT_SET)


def everyday_set(embedder: Embedder, reader: Reader | None = None) -> tuple[QuoteService, list[EvalItem]]:
    config = build("everyday", ROOT / "tests" / "data" / "everyday", embedder)
    return dev_service(config, embedder, reader), load_jsonl(EVERYDAY_SET)


def everyday_dev_set(embedder: Embedder, reader: Reader | None = None) -> tuple[QuoteService, list[EvalItem]]:
    """Ten more short everyday documents (a recipe, a warranty, an HTML page, plain-text terms, an
    email...), all development data: tuning may read every question of this set."""
    config = build("everyday-dev", ROOT / "tests" / "data" / "everyday-dev", embedder)
    return dev_service(config, embedder, reader), load_jsonl(EVERYDAY_DEV_SET)


def round_set(
    folder: Path, embedder: Embedder, reader: Reader | None = None
) -> tuple[QuoteService, list[EvalItem]]:
    """A round of everyday documents and questions (``docs/``, ``questions.jsonl``), all of it for
    development: the rounds of ``scripts/tune_reader.py`` and the others written like them."""
    config = build(f"round-{folder.name}", folder / "docs", embedder)
    return dev_service(config, embedder, reader), load_jsonl(folder / "questions.jsonl")


def xquad_set(embedder: Embedder, reader: Reader | None = None) -> tuple[QuoteService, list[EvalItem]]:
    corpus = DATA / "xquad-corpus"
    items = load_squad(XQUAD, corpus)
    return dev_service(build("xquad", corpus, embedder), embedder, reader), items


@functools.cache
def squad2_titles() -> frozenset[str]:
    """The articles of the reader's training file (``_bench.SQUAD2``), all of which XQuAD has too."""
    return frozenset(str(a["title"]) for a in json.loads(SQUAD2.read_text(encoding="utf-8"))["data"])


def outside_squad2(items: list[EvalItem]) -> list[EvalItem]:
    """The XQuAD questions whose article the reader never trained on."""
    titles = squad2_titles()
    return [i for i in items if not any(s.replace(" ", "_") in titles for s in i.sources)]
