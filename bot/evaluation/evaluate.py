"""One evaluation, end to end: choose its index folder, index the corpus, ask every question,
score, add ablations. Front ends call ``evaluation_config`` and ``evaluate`` and render the result."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path
from typing import Any

from index.embedder import Embedder
from index.manifest import IndexConfig
from index.pipeline import ensure_index
from index.types import ProgressFn

from ..errors import UsageError
from ..reader import Reader
from ..service import QuoteService
from .dataset import EvalItem, load_jsonl, load_squad, near_misses
from .rows import ablation_rankers, compute_metrics, run_items


def eval_index_dir(base: Path, corpus: Path, explicit: bool, default_corpus: Path) -> Path:
    """Where the evaluation corpus is indexed: ``base`` (the configured index folder) when the user
    chose it, or for the default corpus; otherwise a folder of its own beside it under eval/, so the
    user's index is untouched."""
    if explicit or corpus.resolve() == default_corpus.resolve():
        return base
    key = hashlib.sha1(str(corpus.resolve()).encode()).hexdigest()[:10]
    return base.parent / "eval" / f"{corpus.name}-{key}"


def evaluation_config(
    config: IndexConfig, corpus: Path, explicit_index_dir: bool, default_corpus: Path
) -> IndexConfig:
    """The index an evaluation of ``corpus`` (a folder, or a SQuAD file) uses, from the configured
    one: the configured folder when the user named one, else one chosen by ``eval_index_dir``, with
    a namespace of its own so it never shares collections with the user's index."""
    base = config.store.index_dir
    target = eval_index_dir(base, corpus, explicit_index_dir, default_corpus)
    namespace = config.store.namespace if explicit_index_dir else None
    return replace(config, store=replace(config.store, index_dir=target, namespace=namespace))


def evaluate(
    config: IndexConfig,
    questions: Path | None,
    squad: Path | None,
    corpus: Path,
    top_k: int = 3,
    split: str = "all",
    ablations: bool = True,
    hide_gold: bool = False,
    progress: ProgressFn | None = None,
    reader: Reader | None = None,
    use_reader: bool = True,
) -> dict[str, Any]:
    """Index ``corpus`` (incrementally), ask every question, score. ``progress(stage, done, total)``
    hears each stage: "indexing", "asking", then each ablation. ``reader``: the committed reader,
    if it loads; ``use_reader`` says whether the answers use it (``QUOTEBOT_READER``), and the
    ablations add the other way as a row ("full, reader off" or "full, reader on")."""

    def index_progress(label: str, done: int, total: int) -> None:
        if progress:
            progress("indexing", done, total)

    if hide_gold and squad is None:
        raise UsageError("--near-misses needs --squad: it hides each question's gold paragraph")
    if squad is not None:
        corpus = config.store.index_dir.parent / (config.store.index_dir.name + "-squad-corpus")
        items: list[EvalItem] = load_squad(squad, corpus)
    elif questions is not None:
        items = load_jsonl(questions)
    else:
        raise UsageError("give a question file (FILE.jsonl) or --squad FILE.json")
    if split != "all":
        items = [i for i in items if i.split == split]
        if not items:
            raise UsageError(f"no questions in the '{split}' split")
    if not corpus.exists():
        raise UsageError(f"no such corpus folder: {corpus}")

    embedder = Embedder.for_config(config)
    ensure_index(config, [corpus], embedder=embedder, progress=index_progress)
    service = QuoteService(config, top_k=top_k, embedder=embedder, max_question_chars=100_000, reader=reader)
    if hide_gold:
        items = items + near_misses(items, service.view.texts)
    is_squad = squad is not None
    use_reader = use_reader and reader is not None
    rows = run_items(service, items, squad=is_squad, top_k=top_k, progress=progress, reader=use_reader)
    result: dict[str, Any] = {
        "metrics": compute_metrics(rows, is_squad),
        "rows": rows,
        "index": service.view.fingerprint,
        "reader": reader.about() if reader is not None and use_reader else None,
        "ablations": {},
    }
    if ablations:

        def ablate(name: str, **request: Any) -> None:
            """One ablation row: every question again, the request changed as ``request`` says."""
            request.setdefault("reader", use_reader)
            ab_rows = run_items(
                service,
                items,
                squad=is_squad,
                top_k=top_k,
                progress=progress,
                stage=f"ablation: {name}",
                **request,
            )
            result["ablations"][name] = compute_metrics(ab_rows, is_squad)["overall"]

        for name, ranker in ablation_rankers().items():
            ablate(name, ranker=ranker, abstain=False)
        ablate("full (no abstention)", abstain=False)
        if reader is not None:
            ablate(f"full, reader {'off' if use_reader else 'on'}", reader=not use_reader)
        result["ablations"]["full"] = result["metrics"]["overall"]
    return result
