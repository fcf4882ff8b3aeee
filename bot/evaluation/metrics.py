"""Metrics over evaluation rows, all recomputable from the ``--json`` output.

``right_quote@3`` is the share of answerable questions with at least one gold quote covered in the
top 3 by a quote carrying the right source label. A returned quote *covers* a gold quote when it holds at least 60% of the gold quote's word tokens
(and comes from the gold document when one is known). For SQuAD, a quote *contains* the answer when
the answer text appears in it.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from ..lexical import words

COVER_SHARE = 0.6


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[“”\"’']", "'", text).casefold().split())


def covers(quote_text: str, gold: str, share: float = COVER_SHARE) -> bool:
    g = words(gold)
    if not g:
        return False
    have = set(words(quote_text))
    return sum(1 for t in g if t in have) / len(g) >= share


def contains(quote_text: str, answer: str) -> bool:
    return _norm(answer) in _norm(quote_text)


def hit_at(
    quotes: Sequence[dict[str, Any]],
    gold: Sequence[str],
    k: int,
    doc_id: str | None = None,
    match: Callable[[str, str], bool] = covers,
) -> float:
    """Share of gold quotes covered by one of the first ``k`` quotes."""
    top = [q for q in quotes[:k] if doc_id is None or q["doc_id"] == doc_id]
    if not gold:
        return 0.0
    return sum(1 for g in gold if any(match(q["text"], g) for q in top)) / len(gold)


def first_hit_rank(
    quotes: Sequence[dict[str, Any]],
    gold: Sequence[str],
    doc_id: str | None = None,
    match: Callable[[str, str], bool] = covers,
) -> int | None:
    for i, q in enumerate(quotes, 1):
        if (doc_id is None or q["doc_id"] == doc_id) and any(match(q["text"], g) for g in gold):
            return i
    return None


def precision_words(quotes: Sequence[dict[str, Any]], gold: Sequence[str]) -> float | None:
    """Share of returned words that fall inside gold quotes."""
    returned = [w for q in quotes for w in words(q["text"])]
    if not returned:
        return None
    inside = {w for g in gold for w in words(g)}
    return sum(1 for w in returned if w in inside) / len(returned)


def source_ok(
    quotes: Sequence[dict[str, Any]], gold: Sequence[str], sources: Sequence[str], k: int = 3
) -> bool:
    """The first covering quote within ``k`` carries one of the expected section labels, or the
    label of a part under one: "Joining and paying › How do I sign up?" (an FAQ's question, named
    with its section) is in "Joining and paying"."""
    for q in quotes[:k]:
        if any(covers(q["text"], g) for g in gold):
            label = q["section"]
            return not sources or label in sources or any(label.startswith(f"{s} › ") for s in sources)
    return False


def percentile(values: Sequence[float], p: float) -> float:
    return float(np.percentile(np.asarray(values, dtype=float), p)) if values else 0.0


def bootstrap_ci(values: Sequence[float], n: int = 1000, seed: int = 7) -> tuple[float, float]:
    """95% bootstrap interval of a mean: how much a headline number could move with other questions."""
    if not values:
        return (0.0, 0.0)
    rng = random.Random(seed)
    arr = list(values)
    means = sorted(sum(rng.choice(arr) for _ in arr) / len(arr) for _ in range(n))
    return (means[int(0.025 * n)], means[int(0.975 * n) - 1])


def mean(values: Sequence[float]) -> float:
    return float(sum(values) / len(values)) if values else 0.0
