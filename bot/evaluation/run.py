"""One evaluation, end to end: index the corpus (apart from the default index), ask every
question, score, add ablations. Front ends call ``evaluate`` and render what it returns."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path
from typing import Any

from index.embedder import Embedder
from index.errors import IndexMismatchError
from index.pipeline import IndexConfig, run_index

from ..errors import UsageError
from ..service import QuoteService
from .dataset import EvalItem, load_jsonl, load_squad, near_misses
from .runner import ProgressFn, ablation_rankers, compute_metrics, run_items


def eval_index_dir(base: Path, corpus: Path, explicit: bool, default_corpus: Path, default_dir: Path) -> Path:
    """Where the evaluation corpus is indexed: the given --index-dir; the default index for the
    default corpus; otherwise a folder of its own under data/eval, so the default index is untouched."""
    if explicit:
        return base
    if corpus.resolve() == default_corpus.resolve():
        return default_dir
    key = hashlib.sha1(str(corpus.resolve()).encode()).hexdigest()[:10]
    return default_dir.parent / "eval" / f"{corpus.name}-{key}"


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
    index_progress: Any = None,
) -> dict[str, Any]:
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

    embedder = Embedder(config.model_path, config.batch_size, config.cache_dir)
    try:
        run_index(config, [corpus], embedder=embedder, progress=index_progress)
    except IndexMismatchError:
        run_index(config, [corpus], embedder=embedder, rebuild=True, progress=index_progress)
    service = QuoteService(replace(config), top_k=top_k, embedder=embedder, max_question_chars=100_000)
    if hide_gold:
        items = items + near_misses(items, service.view.texts)
    is_squad = squad is not None
    rows = run_items(service, items, squad=is_squad, top_k=top_k, progress=progress)
    result: dict[str, Any] = {
        "metrics": compute_metrics(rows, is_squad),
        "rows": rows,
        "index": service.view.fingerprint,
        "ablations": {},
    }
    if ablations:
        for name, ranker in ablation_rankers().items():
            ab_rows = run_items(service, items, squad=is_squad, top_k=top_k, ranker=ranker, threshold=-1.0)
            result["ablations"][name] = compute_metrics(ab_rows, is_squad)["overall"]
        full_rows = run_items(service, items, squad=is_squad, top_k=top_k, threshold=-1.0)
        result["ablations"]["full (no abstention)"] = compute_metrics(full_rows, is_squad)["overall"]
        result["ablations"]["full"] = result["metrics"]["overall"]
    return result
