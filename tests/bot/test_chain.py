"""The read path's stages, each called alone on a real index, and the chain that composes them."""

from __future__ import annotations

from typing import Any

import numpy as np

from bot.chain import Request
from bot.decide import DETAIL_QUOTES, NOT_ANSWERED, NOTHING_MATCHES, OFF_TOPIC, UNKNOWN_NUMBERS, UNKNOWN_WORDS
from bot.service import QuoteService

QUESTION = "What does the U.S. response say about Tomahawk missiles?"


def test_stages_called_one_by_one_give_the_chains_answer(reader_service: QuoteService) -> None:
    s = reader_service.stages
    request = Request(QUESTION)
    u = s.understand(request)
    assert u.question == QUESTION and u.sources == ["U.S. Response"]
    query = s.embed(u)
    assert query.vector.shape == (384,) and query.tokens.ndim == 2
    candidates = s.candidates(query)
    assert candidates.sentences and len(candidates.features) == len(candidates.sentences)
    ranked = s.rank(candidates)
    assert np.isclose(ranked.beliefs.sum(), 1.0) and 0.0 <= ranked.confidence <= 1.0
    read = s.read(ranked, u, request)
    assert read is not None and 0.0 <= read.ranked.confidence <= 1.0
    picks = s.pick(read.ranked, u, 3, None, read)
    quotes = s.verify(picks)
    decision = s.decide(u, read.ranked, quotes, request, read)
    by_hand = s.answer(u, read.ranked, quotes, decision, read)

    chained = reader_service.ask(QUESTION)
    assert [q.text for q in by_hand.quotes] == [q.text for q in chained.quotes]
    assert by_hand.abstained == chained.abstained and "Tomahawk" in chained.quotes[0].text


def test_through_candidates_is_understand_embed_candidates(default_service: QuoteService) -> None:
    s = default_service.stages
    request = Request(QUESTION)
    direct = s.candidates(s.embed(s.understand(request)))
    assert [c.id for c in s.through_candidates(request).sentences] == [c.id for c in direct.sentences]


def test_the_chain_times_every_stage(default_service: QuoteService) -> None:
    answer = default_service.ask(QUESTION)
    stages = ["understand", "embed", "retrieve", "rank", "read", "pick", "verify", "decide", "answer"]
    assert list(answer.timings_ms)[: len(stages)] == stages and "total" in answer.timings_ms


def test_decide_weighs_each_reason_in_order(default_service: QuoteService) -> None:
    s = default_service.stages

    def stages_of(request: Request) -> tuple[Any, Any, list[Any]]:
        u = s.understand(request)
        ranked = s.rank(s.candidates(s.embed(u)))
        return u, ranked, s.verify(s.pick(ranked, u, top_k=3))

    request = Request("What does the NATO response say about arms control?")
    u, ranked, quotes = stages_of(request)
    assert s.decide(u, ranked, [], request).reason == NOTHING_MATCHES
    strict = Request(request.question, threshold=1.01)  # no confidence reaches it
    assert s.decide(u, ranked, quotes, strict).reason == NOT_ANSWERED
    always = Request(request.question, threshold=1.01, abstain=False)
    assert s.decide(u, ranked, quotes, always).answers
    # A word the documents never use, beside words that only name them, comes before confidence.
    signed = Request("Who signed the NATO response?", threshold=1.01)
    assert s.decide(*stages_of(signed), signed).reason == UNKNOWN_WORDS.format(words="signed")


def test_a_number_no_document_writes_is_refused_by_name(default_service: QuoteService) -> None:
    """The report is about 2022: a question about 2019, or about an article the treaty excerpt
    never reaches, is about something the documents never mention, however close the nearest
    passage comes. The reason names the number; the closest passage is still shown."""
    for question, number in [
        ("What did NATO offer Russia in 2019?", "2019"),
        ("What does Article 7 of the Washington Treaty say?", "7"),
    ]:
        answer = default_service.ask(question)
        assert answer.abstained and answer.reason == UNKNOWN_NUMBERS.format(numbers=number)
        assert answer.closest is not None
        assert not default_service.ask(question, abstain=False).abstained  # a check, not a filter
    # A follow-up does not inherit the number of the question before it.
    first = default_service.ask("What did the U.S. say about military exercises in 2019?")
    assert first.reason == UNKNOWN_NUMBERS.format(numbers="2019")
    follow = default_service.ask("and what does NATO say?", history=[default_service.turn(first)])
    assert follow.search_query and "2019" in follow.search_query
    assert follow.reason != UNKNOWN_NUMBERS.format(numbers="2019")
    # A number the documents write passes this check ("Article 10" is in the NATO response).
    assert default_service.ask("What does the NATO response say about Article 10?").reason != (
        UNKNOWN_NUMBERS.format(numbers="10")
    )


def test_the_detail_asked_for_must_be_in_the_best_quote(default_service: QuoteService) -> None:
    """The best quote is the one read as the answer: a date in the second does not answer "On what
    date…" when the first, about the same thing, has none."""
    s = default_service.stages
    request = Request("On what date did NATO publish its reply?", threshold=0.0)
    u = s.understand(request)
    ranked = s.rank(s.candidates(s.embed(u)))
    quotes = s.verify(s.pick(ranked, u, top_k=3))
    assert quotes
    undated = quotes[0].model_copy(update={"text": "NATO sent its reply to Moscow."})
    dated = quotes[0].model_copy(update={"text": "The reply was sent on January 26."})
    assert DETAIL_QUOTES == 1
    refused = s.decide(u, ranked, [undated, dated, dated], request)
    assert not refused.answers and refused.reason == "no passage gives the date asked for"
    assert s.decide(u, ranked, [dated, undated, undated], request).answers


def test_a_question_none_of_whose_words_the_documents_use_is_refused_by_name(
    default_service: QuoteService,
) -> None:
    """However close the nearest passage comes in meaning, a question about something else (every
    word of it absent from the documents) is not answered, and the reason names its words (a
    misspelt question shows where it went wrong)."""
    for question, words in [
        ("What's a good recipe for banana bread?", "good, recipe, banana, bread"),
        ("bred recipes?", "bred, recipes"),
    ]:
        answer = default_service.ask(question)
        assert answer.abstained and answer.reason == OFF_TOPIC.format(words=words)
        assert answer.closest is not None  # still shown, labelled as the closest passage
        assert not default_service.ask(question, abstain=False).abstained  # a check, not a filter
    # One known word is enough to be read as usual, a misspelt name is a name and a long word one
    # letter off a slip (bot.names), and a question of stop words only is not "off topic".
    assert default_service.ask("Tomahawk missiles?").quotes
    slipped = default_service.ask("tomahwak misiles?")
    assert slipped.reason is None or slipped.reason.endswith("(check the spelling of tomahwak)")
    assert default_service.ask("What did Stoltenburg do?").quotes
    vague = default_service.ask("What is it?").reason or ""
    assert not vague.startswith(OFF_TOPIC.split("(")[0])


def test_abstention_off_answers_what_the_shipped_threshold_refuses(default_service: QuoteService) -> None:
    question = "When does the New START Treaty expire?"
    assert default_service.ask(question).abstained
    answer = default_service.ask(question, abstain=False)
    assert not answer.abstained and answer.quotes
