"""Pieces of the retriever that can be checked without a question."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from bot.retrieve import _form_of, _top


@given(
    arrays(np.float32, st.integers(0, 300), elements=st.sampled_from([0.0, 0.5, 1.0, 2.5, 7.0])),
    st.integers(0, 60),
)
def test_top_rows_match_a_full_stable_sort(scores: np.ndarray, k: int) -> None:
    """The k best rows, best first and ties by row, exactly as sorting every row would give them."""
    assert _top(scores, k).tolist() == np.argsort(-scores, kind="stable")[:k].tolist()


def test_another_form_of_a_word_is_the_same_word_with_a_short_ending() -> None:
    """What may stand for a question word the documents never write, before its vectors are
    compared: "prayer" for "pray"; not a longer word that only starts the same ("weekends" and
    "week", "downstairs" and "down"), a document's stop word, the word itself or a short one."""
    assert _form_of("pray", "prayer") and _form_of("selling", "sell") and _form_of("refunds", "refund")
    assert not _form_of("weekends", "week") and not _form_of("downstairs", "down")
    assert not _form_of("overs", "over") and not _form_of("pray", "pray") and not _form_of("art", "arts")
