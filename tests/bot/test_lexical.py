"""BM25 and term handling: stemming, stop words, IDF coverage."""

from __future__ import annotations

from bot.lexical import BM25, coverage, terms


def test_terms_stem_and_drop_stop_words() -> None:
    assert terms("The missiles were deployed in Romania’s bases") == ["missil", "deploy", "romania", "base"]


def test_bm25_ranks_the_matching_text_first() -> None:
    texts = ["NATO open door policy", "Tomahawk cruise missiles in Romania", "military exercises notice"]
    bm = BM25(texts)
    scores = bm.scores(terms("where are the cruise missiles?"))
    assert scores.argmax() == 1
    assert scores[0] == 0.0


def test_rare_terms_weigh_more_in_coverage() -> None:
    bm = BM25(["russia nato", "russia tomahawk", "russia", "russia nato"])
    q = terms("russia tomahawk")
    idf = {t: bm.idf(t) for t in q}
    assert coverage(q, set(terms("tomahawk")), idf) > coverage(q, set(terms("russia")), idf)
