"""Acronyms a question writes that the documents only spell out (bot.acronyms)."""

from __future__ import annotations

from typing import Any

from bot.acronyms import Acronyms
from bot.service import QuoteService

TEXTS = {
    "minutes.txt": "Anna will step down as chair at the annual general meeting in March.",
    "letter.md": "The Parent Teacher Association runs a stall. Ask the Parent Teacher Association.",
    "notes.md": "The ICT suite is open.",
}
#: Two runs of words that spell AGM by chance, once each.
CHANCE = "All good men came. Any green mug will do."


def test_an_acronym_the_documents_only_spell_out_is_replaced_by_their_phrase() -> None:
    acronyms = Acronyms(TEXTS, vocab={"ict", "suit"})
    assert acronyms.spell_out("What happens at the AGM?") == "What happens at the annual general meeting?"
    assert acronyms.spell_out("Who runs the PTA stall?") == "Who runs the parent teacher association stall?"


def test_an_acronym_with_no_clear_phrase_stays_as_written() -> None:
    """ "All good men" and "any green mug" both spell AGM once each: no phrase is clearly meant;
    beside a phrase written twice, they no longer count."""
    acronyms = Acronyms({"notes.md": CHANCE}, vocab=set())
    assert acronyms.spell_out("When is the AGM?") == "When is the AGM?"
    twice = Acronyms(
        {"notes.md": CHANCE, "m.txt": "The annual general meeting is the Annual General Meeting."}, set()
    )
    assert twice.spell_out("When is the AGM?") == "When is the annual general meeting?"


def test_an_acronym_the_documents_write_or_a_short_one_is_left_alone() -> None:
    acronyms = Acronyms(TEXTS, vocab={"ict", "suit"})
    assert acronyms.spell_out("Where is the ICT suite?") == "Where is the ICT suite?"
    assert acronyms.spell_out("Who is in HR?") == "Who is in HR?"  # two letters: too easily met by chance
    # Shouted words are no acronyms: a question in capitals throughout, or a stop word in capitals.
    assert acronyms.spell_out("WHEN IS THE AGM?") == "WHEN IS THE AGM?"
    assert acronyms.spell_out("When is THE AGM?") == "When is THE annual general meeting?"


def test_a_quarter_or_half_written_short_is_spelled_out_as_the_documents_write_it() -> None:
    """ "Q4" of a results release that writes "the fourth quarter": the code is searched in words.
    Left as written when the documents write the code, or never the phrase ("a quarter of revenue"
    is no quarter of a year)."""
    words = Acronyms(
        {"r.html": "For the fourth quarter, it expects growth. First-quarter sales fell."}, set()
    )
    assert words.spell_out("What is it expecting for Q4?") == "What is it expecting for fourth quarter?"
    assert words.spell_periods("q1 and Q3?") == "first quarter and Q3?"  # no "third quarter" written
    assert words.spell_periods("And H2?") == "And H2?"
    coded = Acronyms({"r.html": "Q4 revenue rose. A quarter of revenue is from subscriptions."}, set())
    assert coded.spell_out("What was Q4 revenue?") == "What was Q4 revenue?"
    assert coded.spell_out("What was Q3 revenue?") == "What was Q3 revenue?"


def test_a_hidden_document_lends_no_phrase() -> None:
    acronyms = Acronyms(TEXTS, vocab=set())
    assert acronyms.spell_out("When is the AGM?", hidden={"minutes.txt"}) == "When is the AGM?"


MINUTES = """Riverside Residents' Association

Anna Kowalski announced that she will step down as chair at the annual general meeting in March.
Nominations for a new chair should be sent to the secretary. The street lights on Mill Lane are broken.
"""


def test_a_question_with_an_acronym_finds_the_spelled_out_sentence(
    index_files: Any, shared_embedder: Any
) -> None:
    """ "What happens at the AGM?" of minutes that say "annual general meeting" was refused (0.01):
    it is searched spelled out, and says so."""
    service = QuoteService(index_files("agm", {"minutes.txt": MINUTES}), embedder=shared_embedder)
    answer = service.ask("What happens at the AGM?")
    assert not answer.abstained, answer.reason
    assert "annual general meeting" in answer.quotes[0].text
    assert answer.search_query == "What happens at the annual general meeting?"
    assert service.ask("Where are the broken street lights?").search_query is None


RESULTS = """Corvane reports third quarter results

Total revenue was $412.7 million, up 14% on the third quarter of 2023.

For the fourth quarter of 2024, Corvane expects revenue of between $425 million and $435 million.
"""


def test_a_quarter_written_short_is_no_number_the_documents_never_mention(
    index_files: Any, shared_embedder: Any
) -> None:
    """ "Q4" was refused as a code the release never writes; it writes "the fourth quarter". A
    quarter it says nothing about ("Q1", written short or in words) is still refused."""
    service = QuoteService(index_files("q4", {"corvane.html": RESULTS}), embedder=shared_embedder)
    answer = service.ask("What is Corvane expecting for Q4?")
    assert not answer.abstained, answer.reason
    assert "fourth quarter" in answer.quotes[0].text
    assert service.ask("What revenue does Corvane expect for the first quarter?").abstained


def test_documents_that_write_the_code_are_searched_for_it(index_files: Any, shared_embedder: Any) -> None:
    """ "A quarter of revenue…" is no fourth quarter: a release that writes "Q4" answers "Q4" with its
    Q4 sentence, and one that writes neither "Q4" nor "fourth quarter" never mentions it."""
    coded = (
        "# Trading update\n\nQ4 revenue was $3.1 million, up from $2.9 million in Q3. "
        "A quarter of revenue now comes from subscriptions.\n"
    )
    service = QuoteService(index_files("q4code", {"r.md": coded}), embedder=shared_embedder)
    answer = service.ask("What was Q4 revenue?")
    assert not answer.abstained, answer.reason
    assert answer.quotes[0].text.startswith("Q4 revenue")
    without = "# Trading update\n\nQ3 revenue was $2.9 million. A quarter of revenue now comes from subscriptions.\n"
    refused = QuoteService(index_files("noq4", {"r.md": without}), embedder=shared_embedder).ask(
        "What was Q4 revenue?"
    )
    assert refused.abstained and "Q4" in (refused.reason or "")
