"""Pieces of the retriever that can be checked without a question."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from bot.retrieve import _top


@given(
    arrays(np.float32, st.integers(0, 300), elements=st.sampled_from([0.0, 0.5, 1.0, 2.5, 7.0])),
    st.integers(0, 60),
)
def test_top_rows_match_a_full_stable_sort(scores: np.ndarray, k: int) -> None:
    """The k best rows, best first and ties by row, exactly as sorting every row would give them."""
    assert _top(scores, k).tolist() == np.argsort(-scores, kind="stable")[:k].tolist()
