"""Picking and verifying quotes on a real index: merges, one quote per named source, and nothing
that does not match the stored text."""

from __future__ import annotations

import dataclasses

import numpy as np

from bot.chain import Request
from bot.quotes import Picked, merge_partner, pick, spread_sections, verify
from bot.ranker import Ranked
from bot.service import QuoteService


def _ranked(service: QuoteService, question: str) -> tuple[Ranked, object]:
    s = service.stages
    u = s.understand(Request(question))
    return s.rank(s.candidates(s.embed(u))), u


def test_a_pick_spanning_two_sentences_is_the_exact_text_between_them(default_service: QuoteService) -> None:
    view = default_service.view
    first = next(x for x in view.sentences if view.neighbour(x, 1))
    second = view.neighbour(first, 1)
    assert second is not None
    quote = verify(view, Picked(first, second, 0.5))
    assert quote is not None
    assert quote.text == (view.text(first.doc_id) or "")[first.start : second.end]
    assert quote.start == first.start and quote.end == second.end


def test_a_pick_whose_text_does_not_match_the_document_is_dropped(default_service: QuoteService) -> None:
    view = default_service.view
    s = view.sentences[5]
    forged = dataclasses.replace(s, text=s.text + " (not in the document)")
    assert verify(view, Picked(forged, forged, 0.9)) is None


def test_merge_partner_is_the_better_neighbour_in_the_same_section(default_service: QuoteService) -> None:
    view = default_service.view
    # A sentence with a neighbour on each side in its section.
    s = next(x for x in view.sentences if view.neighbour(x, -1) and view.neighbour(x, 1))
    before, after = view.neighbour(s, -1), view.neighbour(s, 1)
    assert before is not None and after is not None
    assert merge_partner(view, s, {before.id: 0.2, after.id: 0.4}) == (after, 1)
    assert merge_partner(view, s, {before.id: 0.4, after.id: 0.2}) == (before, -1)
    assert merge_partner(view, s, {}, taken={before.id, after.id}) is None


def test_pick_never_repeats_a_sentence_and_scores_the_best_as_the_confidence(
    default_service: QuoteService,
) -> None:
    ranked, u = _ranked(default_service, "What does the U.S. offer on missiles in Romania and Poland?")
    picks = pick(default_service.view, ranked, u, top_k=3, merge_ratio=0.5)  # type: ignore[arg-type]
    spans = [(p.first.start, p.last.end) for p in picks]
    assert len(picks) == 3 and len(set(spans)) == 3
    assert picks[0].score == np.float32(ranked.confidence) or abs(picks[0].score - ranked.confidence) < 1e-6
    no_merge = pick(default_service.view, ranked, u, top_k=3, merge_ratio=99.0)  # type: ignore[arg-type]
    assert all(p.first.id == p.last.id for p in no_merge)


def test_a_question_about_both_responses_spreads_over_them(default_service: QuoteService) -> None:
    ranked, u = _ranked(default_service, "What do both responses say about arms control?")
    assert spread_sections(default_service.view, ranked, u, 3) == ["NATO Response", "U.S. Response"]  # type: ignore[arg-type]
    picks = pick(default_service.view, ranked, u, top_k=3, merge_ratio=0.5)  # type: ignore[arg-type]
    assert {"NATO Response", "U.S. Response"} <= {p.first.section for p in picks}
