"""The ranker reads its weights by name: a weight file that does not fit the features is refused,
and the order of the feature columns never matters."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from bot.errors import RankerFileError
from bot.features import CANDIDATE_FEATURES, FeatureTable, QuestionFeatures
from bot.index_view import SpanRec
from bot.ranker import DEFAULT_WEIGHTS, Ranker, rank
from bot.retrieve import Candidates


def _table(rows: int, columns: tuple[str, ...] = CANDIDATE_FEATURES, seed: int = 3) -> FeatureTable:
    rng = np.random.default_rng(seed)
    return FeatureTable(rng.random((rows, len(columns)), dtype=np.float32), columns)


def test_the_shipped_file_fits_the_features() -> None:
    ranker = Ranker.load()
    assert set(ranker.weights) == set(CANDIDATE_FEATURES)
    assert 0.0 < ranker.abstain_threshold < 1.0


@pytest.mark.parametrize("change", ["unknown", "missing"])
def test_a_weight_file_that_does_not_fit_is_refused(tmp_path: Path, change: str) -> None:
    data = json.loads(DEFAULT_WEIGHTS.read_text(encoding="utf-8"))
    if change == "unknown":
        data["features"].append("sentiment")
        data["weights"].append(1.0)
    else:
        data["features"].pop(0)
        data["weights"].pop(0)
    path = tmp_path / "ranker.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(RankerFileError, match="train_ranker"):
        Ranker.load(path)


def test_scores_do_not_depend_on_the_column_order() -> None:
    ranker = Ranker.load()
    table = _table(7)
    order = list(reversed(CANDIDATE_FEATURES))
    shuffled = FeatureTable(table.matrix[:, [table.column(c) for c in order]].copy(), tuple(order))
    assert np.allclose(ranker.score(table), ranker.score(shuffled))
    for name in CANDIDATE_FEATURES:
        assert np.array_equal(table[name], shuffled[name])


def test_a_ranker_weighing_one_feature_orders_by_it() -> None:
    table = _table(5)
    scores = Ranker.weighing(bm25_z=1.0).score(table)
    assert list(np.argsort(-scores)) == list(np.argsort(-table["bm25_z"]))


def test_confidence_grows_with_the_evidence() -> None:
    ranker = Ranker.load()
    table = _table(4)
    scores = ranker.score(table)
    weak, strong = table.matrix.copy(), table.matrix.copy()
    weak[:, table.column("dense")] = 0.1
    strong[:, table.column("dense")] = 0.9
    known, unknown = QuestionFeatures(1.0, 1.0), QuestionFeatures(1.0, 0.0)
    low = ranker.confidence(FeatureTable(weak), known, scores)
    high = ranker.confidence(FeatureTable(strong), known, scores)
    assert low < high
    assert ranker.confidence(FeatureTable(strong), unknown, scores) < high  # a name the documents lack
    assert ranker.confidence(table, known, np.zeros(0, dtype=np.float32)) == 0.0


def _sentence(row: int, text: str) -> SpanRec:
    return SpanRec(row, f"s{row}", "faq.md", "Deposits", 0, 10 * row, 10 * row + len(text), row, text)


def test_a_sentence_that_leads_in_never_comes_before_an_answer() -> None:
    """An FAQ's own question ("**Can I leave the bike outside a station?**") matches the user's
    question best, but the sentence after it answers; the question still counts as evidence that
    the documents talk about it (the abstention model's closest candidate). Which sentences lead
    in is the retrieve stage's call (``bot.retrieve.leads_in``)."""
    texts = ["**Can I leave the bike outside a station?**", "No. Bikes left outside are charged a £20 fee."]
    table = FeatureTable.empty(2)
    table["bm25_z"] = [2.0, 1.0]
    table["dense"] = [0.9, 0.5]
    shipped = Ranker.load()
    ranker = replace(
        Ranker.weighing(bm25_z=1.0),
        abstain_weights=shipped.abstain_weights,
        abstain_bias=shipped.abstain_bias,
    )
    sentences = [_sentence(i, t) for i, t in enumerate(texts)]
    ranked = rank(Candidates(sentences, table, leads=np.array([True, False])), ranker)
    assert ranked.best == 1
    without = rank(Candidates([_sentence(1, texts[1])], FeatureTable(table.matrix[1:].copy())), ranker)
    assert ranked.confidence > without.confidence
    # Only questions found: the best of them is still shown (as the closest passage, if refused).
    only = rank(
        Candidates([_sentence(0, texts[0])], FeatureTable(table.matrix[:1].copy()), leads=np.array([True])),
        ranker,
    )
    assert only.best == 0
