"""Token vectors: content pieces only, int8 that round-trips through the store, MaxSim that picks
the sentence whose words match the question's, and the same pieces at indexing and at query time."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from index import token_vectors as tv
from index.embedder import Embedder

PINNED_PROJECTION = "50a2bec91bf62725"


def test_content_mask_drops_stop_words_and_punctuation_but_keeps_continuations() -> None:
    pieces = ["what", "did", "nato", "reply", "about", "ukraine", "##s", "?", ",", "the"]
    kept = [p for p, k in zip(pieces, tv.content_mask(pieces)) if k]
    assert kept == ["nato", "reply", "ukraine", "##s"]


@given(st.integers(1, 12), st.integers(1, 40), st.integers(0, 2**16))
def test_pack_unpack_round_trip(rows: int, dim: int, seed: int) -> None:
    m = tv.quantise(tv.normalise(np.random.default_rng(seed).normal(size=(rows, dim))))
    assert np.array_equal(tv.unpack(tv.pack(m), dim), m)


def test_unpack_of_a_foreign_payload_gives_no_vectors_rather_than_garbage() -> None:
    assert tv.unpack(tv.pack(np.ones((1, 5), np.int8)), 384).shape[0] == 0


def test_maxsim_matches_the_brute_force_definition_and_handles_empty_sentences() -> None:
    rng = np.random.default_rng(3)
    q = tv.normalise(rng.normal(size=(4, 16)))
    mats = [tv.quantise(tv.normalise(rng.normal(size=(n, 16)))) for n in (3, 0, 7, 1)]
    got = tv.maxsim(q, mats)
    for i, m in enumerate(mats):
        want = 0.0 if not len(m) else float((q @ (m.astype(np.float32) / tv.SCALE).T).max(1).mean())
        assert got[i] == pytest.approx(want, abs=1e-5)
    assert tv.maxsim(np.zeros((0, 16), np.float32), mats).tolist() == [0.0] * 4


@pytest.mark.parametrize(
    "question",
    [
        "Moscow security demands alliance answer",  # content words at both ends: no room for an off-by-one
        "When did the alliance answer Moscow's security demands?",
        "alliance " * 300,  # past the model's 256 pieces: truncated alike everywhere
        "the of and ?",  # no content piece at all
    ],
)
def test_indexing_and_the_query_path_select_the_same_pieces(shared_embedder: Any, question: str) -> None:
    """Stored pieces come from a padded batch (indexing, two threads), a question's from one text
    alone (one thread): the same graph, so the same pieces and the same int8 values, give or take
    one quantisation step of float noise."""
    neighbours = ["A much longer neighbour sentence pads the batch: " + "word " * 40, "Short one."]
    vectors, mats = shared_embedder.encode_with_tokens([*neighbours, question])
    assert float(vectors[-1] @ shared_embedder.encode([question])[0]) > 0.9999
    stored = mats[-1].astype(np.float32) / tv.SCALE
    fresh = Embedder()  # a new process's embedder: nothing shared but the cached graph file
    q_vec, q_tokens = fresh.encode_query_with_tokens(question)
    assert float(q_vec @ vectors[-1]) > 0.9999
    assert q_tokens.shape == stored.shape
    if len(stored):
        assert np.abs(q_tokens - stored).max() <= 1.01 / tv.SCALE
    assert not q_tokens.flags.writeable  # cached and shared


def test_long_inputs_are_encoded_in_slices_with_the_same_result(shared_embedder: Any) -> None:
    from index import embedder as embedder_module

    texts = [f"Sentence {i} about missiles, talks and the alliance." for i in range(7)]
    whole_vecs, whole = shared_embedder.encode_with_tokens(texts)
    old = embedder_module.ENCODE_SLICE
    embedder_module.ENCODE_SLICE = 3
    try:
        sliced_vecs, sliced = shared_embedder.encode_with_tokens(texts)
    finally:
        embedder_module.ENCODE_SLICE = old
    assert len(sliced) == len(whole) == 7
    assert np.allclose(sliced_vecs, whole_vecs, atol=1e-5)
    assert all(a.shape == b.shape and np.abs(a.astype(int) - b).max() <= 1 for a, b in zip(sliced, whole))


def test_other_tokenizer_families_keep_their_content_words() -> None:
    assert tv.content_mask(["▁missiles", "▁the", "Ġtalks", "Ġof", ","]).tolist() == [
        True,
        False,
        True,
        False,
        False,
    ]


def test_maxsim_prefers_the_sentence_whose_words_answer_the_question(shared_embedder: Any) -> None:
    """A paraphrase with no shared content word still finds its sentence by its words' meanings."""
    question = "Which ships did the navy send to the harbour?"
    sentences = [
        "The fleet dispatched two destroyers to the port on Monday.",
        "Officials met in Geneva to discuss arms control.",
        "The weather in the capital was cold and grey.",
    ]
    _, mats = shared_embedder.encode_with_tokens(sentences)
    scores = tv.maxsim(Embedder().encode_query_with_tokens(question)[1], mats)
    assert int(np.argmax(scores)) == 0


def test_each_query_piece_is_named_by_its_whole_word(shared_embedder: Any) -> None:
    """The word behind every content piece, in the rows' order: a word cut into pieces names each
    of them, stop words and punctuation have no row."""
    question = "How many eggs for the lemon drizzle cake?"
    words = shared_embedder.content_words(question)
    assert len(words) == len(shared_embedder.encode_query_with_tokens(question)[1])
    assert set(words) == {"many", "eggs", "lemon", "drizzle", "cake"}
    assert words.count("drizzle") > 1  # dr ##iz ##zle


def test_a_credited_piece_counts_as_fully_matched_in_that_sentence_only(shared_embedder: Any) -> None:
    question = "Which ships did the navy send to the harbour?"
    _, mats = shared_embedder.encode_with_tokens(
        ["The fleet dispatched two destroyers to the port.", "The weather was cold and grey."]
    )
    q = shared_embedder.encode_query_with_tokens(question)[1]
    plain = tv.maxsim(q, mats)
    credit = np.zeros((len(q), 2), dtype=bool)
    credit[:, 1] = True
    credited = tv.maxsim(q, mats, credit)
    assert credited[0] == pytest.approx(plain[0])
    assert credited[1] == pytest.approx(1.0) and plain[1] < 0.9


def test_projection_keeps_cosines_and_is_pinned() -> None:
    """Indexer and readers must project alike on every machine: the matrix is fixed by its checksum
    (a new one needs a new ``TOKEN_VECTORS``, which makes `quotebot index` rebuild old indexes)."""
    import hashlib

    p = tv.projection(384)
    assert p.shape == (384, 128)
    assert hashlib.sha256(p.tobytes()).hexdigest()[:16] == PINNED_PROJECTION
    assert tv.TOKEN_VECTORS == "content-pieces-rp128-int8-v1"
    rng = np.random.default_rng(11)
    a, b = tv.normalise(rng.normal(size=(200, 384))), tv.normalise(rng.normal(size=(200, 384)))
    b = tv.normalise(a + 0.8 * b)  # pairs with cosines spread around 0.75
    before = (a * b).sum(1)
    after = (tv.project(a) * tv.project(b)).sum(1)
    assert np.abs(after - before).mean() < 0.05
    assert tv.project(np.zeros((0, 384))).shape == (0, 128)
