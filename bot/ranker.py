"""Scores candidate sentences with a small logistic model whose weights ship as a data file.

The weights are learned by ``scripts/train_ranker.py`` on development questions only (the dev half
of the hand-written set and the dev half of XQuAD); the same file holds the calibrated abstention
threshold and the cross-validated report of how they were chosen.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .retrieve import FEATURES

DEFAULT_WEIGHTS = Path(__file__).parent / "data" / "ranker.json"


@dataclass
class Ranker:
    weights: np.ndarray
    bias: float
    abstain_threshold: float
    merge_ratio: float = 0.6
    keep_ratio: float = 0.0
    info: dict[str, Any] | None = None

    @classmethod
    def load(cls, path: Path | None = None) -> Ranker:
        path = path or DEFAULT_WEIGHTS
        data = json.loads(path.read_text(encoding="utf-8"))
        names = data["features"]
        w = np.zeros(len(FEATURES), dtype=np.float32)
        for name, value in zip(names, data["weights"]):
            if name in FEATURES:
                w[FEATURES.index(name)] = float(value)
        return cls(
            weights=w,
            bias=float(data["bias"]),
            abstain_threshold=float(data["abstain_threshold"]),
            merge_ratio=float(data.get("merge_ratio", 0.6)),
            keep_ratio=float(data.get("keep_ratio", 0.0)),
            info=data,
        )

    def score(self, features: np.ndarray) -> np.ndarray:
        if len(features) == 0:
            return np.zeros(0, dtype=np.float32)
        z = features @ self.weights + self.bias
        return (1.0 / (1.0 + np.exp(-z))).astype(np.float32)
