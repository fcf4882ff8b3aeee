"""Scores candidate sentences, and decides whether the best one answers at all.

Two small models whose weights ship as a data file (``bot/data/ranker.json``), both learned by
``scripts/train_ranker.py`` on development questions only:

- a *listwise* linear ranker: each candidate gets ``w · features``; a softmax over the candidates of
  one question gives the share of belief shown as a quote's score, and drives merging;
- an *abstention* model: a logistic regression over what the best candidate looks like (its score,
  its margin over the runner-up, its similarity, its term coverage, whether it holds the kind of
  answer asked for) giving the confidence that the documents answer the question at all.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .retrieve import FEATURES

DEFAULT_WEIGHTS = Path(__file__).parent / "data" / "ranker.json"

#: What the abstention model sees of the best candidate. Each feature but one grows with the evidence
#: that the documents answer (its weight is trained to be >= 0), so the model stays monotone and sane.
#: The exception is ``q_vocab``, the share of the question's words found anywhere in the documents:
#: it says how to *read* coverage. A question worded like the text (all its words in the corpus) that
#: still leaves words of its own uncovered is a near miss; a question in its own words (many words
#: the corpus never uses) cannot be expected to share them. Its weight is free in sign.
ABSTAIN_FEATURES = (
    "margin",
    "top_dense",
    "top_cov",
    "max_dense",
    "max_cov",
    "type_present",
    "q_vocab",
    "top_cov_ctx",  # coverage of the question by the best sentence and its neighbours
    "q_names",  # share of the question's names the documents mention (bot/names.py)
    "top_maxsim",  # how closely the best sentence's words match each of the question's (late interaction)
    "max_maxsim",  # ... and the closest any candidate comes
)
#: Abstention features whose weight may be negative (see above).
FREE_SIGN = frozenset({"q_vocab"})


def _vector(names: list[str], values: list[float], order: tuple[str, ...]) -> np.ndarray:
    w = np.zeros(len(order), dtype=np.float32)
    for name, value in zip(names, values):
        if name in order:
            w[order.index(name)] = float(value)
    return w


def softmax(scores: np.ndarray) -> np.ndarray:
    if len(scores) == 0:
        return scores
    z = np.exp(scores - scores.max())
    return (z / z.sum()).astype(np.float32)


def abstain_features(features: np.ndarray, scores: np.ndarray) -> np.ndarray:
    """What the best candidate looks like, as the abstention model sees it."""
    f = np.zeros(len(ABSTAIN_FEATURES), dtype=np.float32)
    if len(scores) == 0:
        return f
    order = np.argsort(-scores)
    top = features[order[0]]
    f[0] = min(5.0, float(scores[order[0]] - scores[order[1]])) if len(order) > 1 else 5.0
    f[1] = top[FEATURES.index("dense")]
    f[2] = top[FEATURES.index("cov")]
    f[3] = features[:, FEATURES.index("dense")].max()
    f[4] = features[:, FEATURES.index("cov")].max()
    f[5] = 1.0 - top[FEATURES.index("type_missing")]
    f[6] = top[FEATURES.index("q_vocab")]
    f[7] = top[FEATURES.index("cov_ctx")]
    f[8] = top[FEATURES.index("q_names")]
    f[9] = top[FEATURES.index("maxsim")]
    f[10] = features[:, FEATURES.index("maxsim")].max()
    return f


@dataclass
class Ranker:
    weights: np.ndarray
    abstain_weights: np.ndarray = field(
        default_factory=lambda: np.zeros(len(ABSTAIN_FEATURES), dtype=np.float32)
    )
    abstain_bias: float = 10.0
    abstain_threshold: float = 0.5
    merge_ratio: float = 0.6
    #: Quotes scoring below this share of the best quote are not shown.
    keep_ratio: float = 0.0
    #: Abstain when a date, number or place is asked for and no quote holds one.
    require_answer_type: bool = False
    info: dict[str, Any] | None = None

    @classmethod
    def load(cls, path: Path | None = None, **overrides: Any) -> Ranker:
        data = json.loads((path or DEFAULT_WEIGHTS).read_text(encoding="utf-8"))
        data.update(overrides)
        ab = data.get("abstention", {})
        return cls(
            weights=_vector(data["features"], data["weights"], FEATURES),
            abstain_weights=_vector(ab.get("features", []), ab.get("weights", []), ABSTAIN_FEATURES),
            abstain_bias=float(ab.get("bias", 10.0)),
            abstain_threshold=float(ab.get("threshold", 0.5)),
            merge_ratio=float(data.get("merge_ratio", 0.6)),
            keep_ratio=float(data.get("keep_ratio", 0.0)),
            require_answer_type=bool(data.get("require_answer_type", False)),
            info=data,
        )

    def score(self, features: np.ndarray) -> np.ndarray:
        """Raw linear scores, one per candidate (comparable within one question)."""
        if len(features) == 0:
            return np.zeros(0, dtype=np.float32)
        return (features @ self.weights).astype(np.float32)

    def confidence(self, features: np.ndarray, scores: np.ndarray) -> float:
        """Probability that the best candidate answers the question (0 when there is none)."""
        if len(scores) == 0:
            return 0.0
        z = float(abstain_features(features, scores) @ self.abstain_weights + self.abstain_bias)
        return float(1.0 / (1.0 + np.exp(-z)))
