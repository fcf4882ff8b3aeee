"""Scores candidate sentences, and says how sure it is that the best one answers at all.

Two small models whose weights ship as a data file (``bot/data/ranker.json``), both learned by
``scripts/train_ranker.py`` on development questions only, and both read their inputs by name
(``bot.features``):

- a *listwise* linear ranker: each candidate gets ``w · features``; a softmax over the candidates of
  one question gives the share of belief shown as a quote's score, and drives merging;
- an *abstention* model: a logistic regression over what the best candidate and the question look
  like, giving the confidence that the documents answer the question at all.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .errors import RankerFileError
from .features import CANDIDATE_FEATURES, FeatureTable, QuestionFeatures
from .retrieve import Candidates

DEFAULT_WEIGHTS = Path(__file__).parent / "data" / "ranker.json"

#: What the abstention model sees. Each value but one grows with the evidence that the documents
#: answer (its weight is trained to be >= 0), so the model stays monotone and sane. The exception is
#: ``q_vocab``, the share of the question's words found anywhere in the documents: it says how to
#: *read* coverage. A question worded like the text (all its words in the corpus) that still leaves
#: words of its own uncovered is a near miss; a question in its own words (many words the corpus
#: never uses) cannot be expected to share them. Its weight is free in sign.
ABSTAIN_FEATURES = (
    "top_dense",  # cosine of the question and the best candidate
    "max_dense",  # ... and the closest any candidate comes
    "type_present",  # the best candidate holds the kind of answer asked for (1 when none is asked)
    "q_vocab",  # share of the question's terms found anywhere in the documents
    "top_cov_ctx",  # coverage of the question by the best sentence and its neighbours
    "q_names",  # share of the question's names the documents mention (bot/names.py)
)
#: Abstention features whose weight may be negative (see above).
FREE_SIGN = frozenset({"q_vocab"})


def softmax(scores: np.ndarray) -> np.ndarray:
    if len(scores) == 0:
        return scores
    z = np.exp(scores - scores.max())
    return (z / z.sum()).astype(np.float32)


def abstain_features(table: FeatureTable, question: QuestionFeatures, scores: np.ndarray) -> np.ndarray:
    """What the abstention model sees (``ABSTAIN_FEATURES``), for candidates scored ``scores``."""
    f = np.zeros(len(ABSTAIN_FEATURES), dtype=np.float32)
    if len(scores) == 0:
        return f
    top = int(np.argsort(-scores)[0])
    values = {
        "top_dense": table["dense"][top],
        "max_dense": table["dense"].max(),
        "type_present": 1.0 - table["type_missing"][top],
        "q_vocab": question.vocab_share,
        "top_cov_ctx": table["cov_ctx"][top],
        "q_names": question.names_known,
    }
    for i, name in enumerate(ABSTAIN_FEATURES):
        f[i] = values[name]
    return f


def _by_name(names: list[str], values: list[float], known: tuple[str, ...], what: str) -> dict[str, float]:
    weights = {str(n): float(v) for n, v in zip(names, values)}
    unknown = sorted(set(weights) - set(known))
    missing = [n for n in known if n not in weights]
    if len(names) != len(values) or unknown or missing:
        raise RankerFileError(
            f"the {what} weights in the ranker file do not match the features "
            f"(unknown: {unknown or 'none'}; missing: {missing or 'none'}); "
            "retrain with `python scripts/train_ranker.py`"
        )
    return weights


@dataclass
class Ranker:
    #: One weight per candidate feature, by name (``bot.features.CANDIDATE_FEATURES``).
    weights: dict[str, float]
    #: One weight per abstention feature, by name (``ABSTAIN_FEATURES``).
    abstain_weights: dict[str, float] = field(default_factory=lambda: dict.fromkeys(ABSTAIN_FEATURES, 0.0))
    abstain_bias: float = 10.0
    #: Below this confidence the bot says the documents don't say.
    abstain_threshold: float = 0.5
    #: A neighbour scoring at least this share of a quote's score is merged into it.
    merge_ratio: float = 0.6
    #: Also abstain when the detail asked for is missing from every quote (``bot.focus``).
    require_answer_type: bool = False
    info: dict[str, Any] | None = None
    #: ``weights`` as a vector per column order seen (one order in practice), built once.
    _aligned: dict[tuple[str, ...], np.ndarray] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def weighing(cls, **weights: float) -> Ranker:
        """A ranker with these candidate weights and every other one zero (ablations, tests)."""
        return cls(weights={**dict.fromkeys(CANDIDATE_FEATURES, 0.0), **weights})

    @classmethod
    def load(cls, path: Path | None = None, **overrides: Any) -> Ranker:
        data = json.loads((path or DEFAULT_WEIGHTS).read_text(encoding="utf-8"))
        data.update(overrides)
        ab = data.get("abstention", {})
        return cls(
            weights=_by_name(data["features"], data["weights"], CANDIDATE_FEATURES, "ranking"),
            abstain_weights=_by_name(
                ab.get("features", []), ab.get("weights", []), ABSTAIN_FEATURES, "abstention"
            ),
            abstain_bias=float(ab.get("bias", 10.0)),
            abstain_threshold=float(ab.get("threshold", 0.5)),
            merge_ratio=float(data.get("merge_ratio", 0.6)),
            require_answer_type=bool(data.get("require_answer_type", False)),
            info=data,
        )

    def score(self, table: FeatureTable) -> np.ndarray:
        """Raw linear scores, one per candidate (comparable within one question)."""
        if len(table) == 0:
            return np.zeros(0, dtype=np.float32)
        w = self._aligned.get(table.columns)
        if w is None:
            w = self._aligned[table.columns] = table.weights(self.weights)
        return (table.matrix @ w).astype(np.float32)

    def confidence(self, table: FeatureTable, question: QuestionFeatures, scores: np.ndarray) -> float:
        """Probability that the best candidate answers the question (0 when there is none)."""
        if len(scores) == 0:
            return 0.0
        w = self._aligned.get(ABSTAIN_FEATURES)
        if w is None:
            w = self._aligned[ABSTAIN_FEATURES] = np.array(
                [self.abstain_weights[n] for n in ABSTAIN_FEATURES], dtype=np.float32
            )
        z = float(abstain_features(table, question, scores) @ w + self.abstain_bias)
        return float(1.0 / (1.0 + np.exp(-z)))


@dataclass(frozen=True)
class Ranked:
    """The rank stage's output: every candidate's score, and the confidence that the best answers."""

    candidates: Candidates
    #: Raw linear scores, one per candidate.
    scores: np.ndarray
    #: The same as a softmax over the question's candidates: each one's share of belief.
    beliefs: np.ndarray
    confidence: float

    @property
    def best(self) -> int | None:
        """The row of the best candidate, or None when there is none."""
        return int(np.argmax(self.beliefs)) if len(self.beliefs) else None


#: What a sentence that only leads into the next loses from its score (``rank``): enough that it
#: never comes before one that answers.
LEAD_IN_PENALTY = 50.0
#: What a follow-up's own topic weighs (``Candidates.own_cov``, 0–1): its search query carries the
#: previous question too ("What about the Christmas tree? Can I put out extra bags after
#: Christmas?"), whose words must not outrank the new topic. About as much as the ranker's two
#: coverage features together, so a sentence on the new topic comes first when there is one.
FOLLOW_UP_WEIGHT = 6.0


def rank(candidates: Candidates, ranker: Ranker) -> Ranked:
    """The rank stage: score every candidate and say how sure the best one answers.

    A sentence that only leads into what follows (``bot.retrieve.leads_in``: an FAQ's own question,
    a list's lead-in line) matches the user's question better than the answer after it. It stays a
    candidate (that the documents ask the question is evidence they answer it: the abstention
    model's ``max_dense``), but goes behind every sentence that answers. A follow-up's own topic
    (``FOLLOW_UP_WEIGHT``) counts over the words it borrows from the question before it."""
    scores = ranker.score(candidates.features)
    leads = candidates.leads
    if len(leads) == len(scores) and leads.any() and not leads.all():
        scores = scores - np.float32(LEAD_IN_PENALTY) * leads
    own = candidates.own_cov
    if len(own) and len(own) == len(scores) and own.max() > 0:
        scores = scores + np.float32(FOLLOW_UP_WEIGHT) * own
    return Ranked(
        candidates,
        scores,
        softmax(scores),
        ranker.confidence(candidates.features, candidates.question, scores),
    )
