"""The service over a real index of the bundled corpus: verified quotes, sources, abstention."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from pathlib import Path
from typing import Any

import pytest

from bot.chain import Request
from bot.errors import BadQuestionError, IndexMismatchError, IndexMissingError
from bot.models import Turn
from bot.quotes import Picked, verify
from bot.retrieve import leads_in
from bot.service import QuoteService
from index.manifest import IndexConfig
from index.pipeline import run_index
from index.store import Store, StoreConfig

QUESTIONS = [
    "What does each response say about Ukraine?",
    "Tomahawk missiles?",
    "What does NATO say about the Open Door Policy?",
    "Who went over the contents of the response?",
    "What did the U.S. say about military exercises?",
    "Who signed the NATO response?",
]


def _verbatim(service: QuoteService, quotes: list[Any]) -> bool:
    return all((service.view.text(q.doc_id) or "")[q.start : q.end] == q.text for q in quotes)


@pytest.mark.parametrize("question", QUESTIONS)
def test_every_quote_is_verbatim_with_offsets(default_service: QuoteService, question: str) -> None:
    answer = default_service.ask(question)
    shown = answer.quotes + ([answer.closest] if answer.closest else [])
    assert shown, "an answer always shows a quote or a closest match"
    assert _verbatim(default_service, shown)
    for q in shown:
        assert q.doc_id == "nato-us-responses-2022.txt"
        assert q.section in default_service.sections
        assert q.end > q.start


def test_named_source_answers_from_that_section(default_service: QuoteService) -> None:
    answer = default_service.ask("What does NATO say about Russia's military build-up around Ukraine?")
    assert not answer.abstained
    assert answer.quotes[0].section == "NATO Response"
    assert "reversal of Russia’s military build-up" in answer.quotes[0].text


def test_explicit_source_restricts_every_quote(default_service: QuoteService) -> None:
    answer = default_service.ask("What about missiles and Ukraine?", source="US")
    assert answer.quotes or answer.closest
    assert {q.section for q in answer.quotes} <= {"U.S. Response"}


def test_hidden_documents_are_never_quoted(default_service: QuoteService) -> None:
    """``hide_docs`` (evaluation's near misses) hides a document from the answer, also together with
    an explicit source (one ``$and`` filter in Chroma)."""
    question = "What does NATO say about Russia's military build-up around Ukraine?"
    doc = default_service.ask(question).quotes[0].doc_id
    for source in (None, "NATO"):
        hidden = default_service.ask(question, source=source, hide_docs=frozenset({doc}))
        assert hidden.abstained and not hidden.quotes and hidden.closest is None
        other = default_service.ask(question, source=source, hide_docs=frozenset({"some-other-doc.txt"}))
        assert other.quotes and other.quotes[0].doc_id == doc


def test_question_about_both_responses_quotes_both(default_service: QuoteService) -> None:
    answer = default_service.ask("What do both the U.S. and NATO responses say about Ukraine?")
    assert {"U.S. Response", "NATO Response"} <= {q.section for q in answer.quotes}


def test_plain_factual_question_finds_the_sentence(default_service: QuoteService) -> None:
    answer = default_service.ask("Which cruise missiles would the transparency mechanism cover?")
    assert not answer.abstained
    assert "Tomahawk cruise missiles in Romania and Poland" in answer.quotes[0].text
    assert answer.quotes[0].section == "U.S. Response"


def test_quotation_flag_marks_the_responses_own_words(default_service: QuoteService) -> None:
    answer = default_service.ask("What does NATO say about the Washington Treaty's Article 10?")
    top = answer.quotes[0]
    assert top.text.startswith("“In this light")
    assert top.quotation


def test_absent_topic_abstains_with_a_closest_match(default_service: QuoteService) -> None:
    answer = default_service.ask("What is the recipe for a chocolate cake?")
    assert answer.abstained
    assert answer.quotes == []
    assert answer.closest is not None and answer.reason


@pytest.mark.parametrize("question", ["What did Japan say?", "Sanctions on Iran?"])
def test_a_name_the_documents_never_mention_abstains(default_service: QuoteService, question: str) -> None:
    answer = default_service.ask(question)
    assert answer.abstained and not answer.quotes


def test_an_alias_or_misspelling_of_a_known_name_still_answers(default_service: QuoteService) -> None:
    for question in ("What does the Kremlin demand?", "What did Stoltenburg do?"):
        answer = default_service.ask(question)
        assert not answer.abstained and answer.quotes, question


def test_timings_cover_each_stage(default_service: QuoteService) -> None:
    answer = default_service.ask("What does the U.S. say about the Black Sea?")
    for stage in ("understand", "embed", "retrieve", "pick", "verify", "answer", "total"):
        assert answer.timings_ms[stage] >= 0


def test_async_twin_gives_the_same_answer(default_service: QuoteService) -> None:
    q = "What does the U.S. response say about the Incidents at Sea Agreement?"
    sync = default_service.ask(q)
    asynced = asyncio.run(default_service.aask(q))
    assert [x.start for x in sync.quotes] == [x.start for x in asynced.quotes]


def test_follow_up_uses_the_conversation(default_service: QuoteService) -> None:
    first = default_service.ask("What does the U.S. response say about military exercises?")
    follow = default_service.ask("and what does NATO say?", history=[default_service.turn(first)])
    assert follow.search_query and "military exercises" in follow.search_query
    assert follow.sources == ["NATO Response"]


@pytest.mark.parametrize("bad", ["", "   ", "x" * 20_000])
def test_bad_questions_raise_a_friendly_error(default_service: QuoteService, bad: str) -> None:
    with pytest.raises(BadQuestionError):
        default_service.ask(bad)


@pytest.mark.parametrize(
    "q", ["¿Qué dice la OTAN sobre Ucrania?", "НАТО Украина", "\x1b[31mred\x1b[0m NATO?"]
)
def test_other_languages_and_control_characters_do_not_crash(default_service: QuoteService, q: str) -> None:
    answer = default_service.ask(q)
    assert _verbatim(default_service, answer.quotes + ([answer.closest] if answer.closest else []))


def test_context_returns_the_surrounding_text(default_service: QuoteService) -> None:
    answer = default_service.ask("Tomahawk missiles?")
    before, text, after = default_service.context(answer.quotes[0], chars=100)
    assert text == answer.quotes[0].text
    assert len(before) == 100 and after


def test_no_index_names_the_command_to_build_one(tmp_path: Path, shared_embedder: Any) -> None:
    config = IndexConfig(store=StoreConfig(index_dir=tmp_path / "nothing"))
    with pytest.raises(IndexMissingError, match="quotebot index"):
        QuoteService(config, embedder=shared_embedder)


def test_index_built_with_other_settings_is_refused(tmp_path: Path, shared_embedder: Any) -> None:
    corpus = Path(__file__).resolve().parents[2] / "corpus"
    built = IndexConfig(store=StoreConfig(index_dir=tmp_path / "idx"), max_tokens=64)
    run_index(built, [corpus], embedder=shared_embedder)
    with pytest.raises(IndexMismatchError, match="--rebuild"):
        QuoteService(IndexConfig(store=built.store, max_tokens=128), embedder=shared_embedder)


def test_a_quote_that_fails_verification_is_never_shown(
    tmp_path: Path, shared_embedder: Any, caplog: pytest.LogCaptureFixture
) -> None:
    """Tamper with the stored canonical text: every span now points at other characters, and the
    text no longer hashes to its record, so the document is left out with a warning."""
    corpus = Path(__file__).resolve().parents[2] / "corpus"
    config = IndexConfig(store=StoreConfig(index_dir=tmp_path / "idx"))
    run_index(config, [corpus], embedder=shared_embedder)
    store = Store(config.store)
    gen = int(store.read_manifest()["generation"])  # type: ignore[index]
    doc_id = "nato-us-responses-2022.txt"
    meta = store.documents(gen)[doc_id]
    text = store.document_text(gen, doc_id)
    assert text is not None
    keep = {k: v for k, v in meta.items() if k not in ("doc_id", "piece", "pieces")}
    store.put_documents(gen, [(doc_id, "X" + text, keep)], replaces={doc_id})
    with caplog.at_level(logging.WARNING, logger="index.store"):
        service = QuoteService(config, embedder=shared_embedder)
    assert f"the stored text of {doc_id} does not match its hash" in caplog.text
    answer = service.ask("Tomahawk missiles?")
    assert answer.quotes == []
    assert answer.abstained


def test_typed_question_without_that_kind_of_answer_abstains(default_service: QuoteService) -> None:
    """'When…' answered only by sentences without any date: the documents don't say."""
    from bot.ranker import Ranker

    ranker = Ranker.load(require_answer_type=True)
    # threshold 0: the confidence model lets everything through, so only the answer-kind check acts.
    answer = default_service.ask(
        "When was the Incidents at Sea Agreement signed?", top_k=1, ranker=ranker, threshold=0.0
    )
    assert answer.abstained
    assert answer.reason and "date" in answer.reason
    assert answer.closest is not None and "Incidents at Sea Agreement" in answer.closest.text


TIMETABLE = """# Riverside Leisure Centre

## Pool timetable

The pool is open at these times:

- Monday to Friday: 6:30 a.m. to 9:00 p.m.
- Saturday: 8:00 a.m. to 6:00 p.m.
- Sunday: 9:00 a.m. to 4:00 p.m.

## Lessons

Swimming lessons for children run on Thursday evenings in the learner pool.
Aqua aerobics classes are held on Thursday mornings at 10:00 a.m.
The learner pool closes 15 minutes before the main pool.

## Prices

A swim costs £4.20 for adults and £2.10 for children. Lockers take a 20p coin, which is returned.

## Pools

| Pool | Length | Depth |
| --- | --- | --- |
| Main pool | 25 m | 1.2 to 2 m |
| Learner pool | 12 m | 0.9 m |

## Questions

**Can I bring my own float to the pool?**
Yes. Floats and noodles of your own are welcome in the main pool outside lane sessions.
"""


@pytest.fixture(scope="module")
def timetable_service(index_files: Any, shared_embedder: Any) -> QuoteService:
    return QuoteService(index_files("leisure", {"leisure-centre.md": TIMETABLE}), embedder=shared_embedder)


def _answered(service: QuoteService, question: str) -> Any:
    """The bot's answer to ``question``, which must not be a refusal."""
    answer = service.ask(question)
    assert not answer.abstained
    return answer


def test_a_day_finds_the_run_of_days_that_holds_it(timetable_service: QuoteService) -> None:
    """Opening hours are written "Monday to Friday: …" in any genre; asked about one day, the bot
    answers with that line, and is not refused for want of a line that names the day."""
    answer = _answered(timetable_service, "When does the pool open on Wednesday?")
    assert "Monday to Friday: 6:30 a.m. to 9:00 p.m." in answer.quotes[0].text


def test_a_list_item_does_not_borrow_its_siblings_words(timetable_service: QuoteService) -> None:
    """A list item's context is the list's lead-in, not the items beside it: "- Monday to Friday: …"
    once took "Saturday" from the next line and came first for a question about Saturday."""
    answer = _answered(timetable_service, "Saturday opening times?")
    assert "Saturday: 8:00 a.m. to 6:00 p.m." in answer.quotes[0].text


def test_a_list_s_lead_in_line_does_not_come_before_its_items(timetable_service: QuoteService) -> None:
    """ "The pool is open at these times:" shares the question's words and answers nothing."""
    answer = _answered(timetable_service, "What are the pool opening times on a Saturday?")
    assert "Saturday: 8:00 a.m. to 6:00 p.m." in answer.quotes[0].text
    assert all("at these times:" not in q.text for q in answer.quotes)


def test_a_table_row_is_read_with_its_header(timetable_service: QuoteService) -> None:
    """Each row of a Markdown table is a quote of its own, and its header names what the row holds:
    "How deep…" finds "| Learner pool | 12 m | 0.9 m |" under "| Pool | Length | Depth |"."""
    answer = _answered(timetable_service, "What is the depth of the learner pool?")
    assert answer.quotes[0].text == "| Learner pool | 12 m | 0.9 m |"


def test_an_faq_s_own_question_does_not_come_before_its_answer(timetable_service: QuoteService) -> None:
    answer = _answered(timetable_service, "Can I bring my own float to the pool?")
    assert "Floats and noodles of your own are welcome" in answer.quotes[0].text
    assert all("?" not in q.text for q in answer.quotes)


def test_a_time_given_relative_to_another_answers_when(timetable_service: QuoteService) -> None:
    answer = _answered(timetable_service, "When does the learner pool close?")
    assert "15 minutes before the main pool" in answer.quotes[0].text


def test_a_price_written_in_pence_answers_a_how_much_question(timetable_service: QuoteService) -> None:
    answer = _answered(timetable_service, "How much is a locker?")
    assert "20p coin" in answer.quotes[0].text


RECIPE = """# Wild Mushroom Risotto

Serves 4. Ready in 40 minutes.

## Ingredients

- 300 g risotto rice
- 250 g mixed wild mushrooms, sliced
- 1 litre hot vegetable stock
- 50 g parmesan, grated

## Method

1. Fry the mushrooms in butter until golden, then set them aside.
2. Toast the rice for two minutes, then add the stock a ladle at a time, stirring.
3. After about 18 minutes, when the rice is tender, stir the mushrooms back in.
4. Beat the parmesan into the wild mushroom risotto and rest it for two minutes before serving.

## Leftovers

Cool quickly and keep in the fridge for up to one day.
"""

PANCAKES = """# Sunday Pancakes

Makes 12 pancakes.

## Ingredients

- 200 g plain flour
- 2 eggs
- 300 ml milk
"""


@pytest.fixture(scope="module")
def recipes_service(index_files: Any, shared_embedder: Any) -> QuoteService:
    config = index_files("recipes", {"risotto.md": RECIPE, "pancakes.md": PANCAKES})
    return QuoteService(config, embedder=shared_embedder)


def test_words_that_name_the_document_are_covered_by_all_of_it(recipes_service: QuoteService) -> None:
    """A user names the document to say which one ("the mushroom risotto"): those words pick the
    document, so every sentence of it covers them, and the one step that repeats them has no lead
    in coverage over "300 g risotto rice". In the other document they stay uncovered."""
    cands = recipes_service.stages.through_candidates(Request("How much rice for the wild mushroom risotto?"))
    cov = {s.text: c for s, c in zip(cands.sentences, cands.features["cov"])}
    step = "4. Beat the parmesan into the wild mushroom risotto and rest it for two minutes before serving."
    assert cov["- 300 g risotto rice"] > cov[step]
    assert all(
        c < cov["- 300 g risotto rice"]
        for s, c in zip(cands.sentences, cands.features["cov"])
        if s.doc_id == "pancakes.md"
    )


def test_a_question_naming_a_title_matches_every_section_of_its_document(
    recipes_service: QuoteService,
) -> None:
    """The lines before a document's first heading carry its title as their label; a question that
    names the title names the whole document, not those lines only."""
    cands = recipes_service.stages.through_candidates(
        Request("How long does the Wild Mushroom Risotto keep?")
    )
    match = {s.text: m for s, m in zip(cands.sentences, cands.features["section_match"])}
    assert match["Cool quickly and keep in the fridge for up to one day."] == 1.0
    assert all(
        m == 0.0
        for s, m in zip(cands.sentences, cands.features["section_match"])
        if s.doc_id == "pancakes.md"
    )


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("How much stock for the wild mushroom risotto?", "- 1 litre hot vegetable stock"),
        (
            "How long do I keep wild mushroom risotto leftovers?",
            "Cool quickly and keep in the fridge for up to one day.",
        ),
    ],
)
def test_the_line_under_the_title_does_not_win_by_the_title_alone(
    recipes_service: QuoteService, question: str, expected: str
) -> None:
    """A line before the first heading is embedded under the title ("Wild Mushroom Risotto: Serves
    4."), so a question that names the title matched its word pieces one for one (late interaction,
    ``maxsim``); the lines under other headings now count those words as matched too, and the line
    that answers comes first, not "Serves 4." or "Ready in 40 minutes."."""
    assert _answered(recipes_service, question).quotes[0].text == expected


RULES = """# Lantern Trail: How to Play

Lantern Trail is a card game for 3 to 6 players, aged 8 and up.

## Setting up

Deal five trail cards to each player and put the rest face down as the draw pile. The oldest player
deals, and the player on the dealer's left starts.

## Playing a turn

Play one card onto the trail or draw one from the pile. A lantern card lets you play a second card.

## Scoring

The trail ends when the draw pile is empty. Each lantern card left in your hand costs you two points.
"""


@pytest.fixture(scope="module")
def rules_service(index_files: Any, shared_embedder: Any) -> QuoteService:
    return QuoteService(index_files("rules", {"lantern-trail.md": RULES}), embedder=shared_embedder)


def test_who_is_answered_by_a_role_not_only_by_a_name(rules_service: QuoteService) -> None:
    """A set of rules says who with a role ("the player on the dealer's left starts"): the
    question is answered with that line, not refused for want of a capitalised name."""
    answer = _answered(rules_service, "Who starts?")
    assert "the player on the dealer's left starts" in answer.quotes[0].text


def test_how_long_is_refused_when_no_quote_gives_a_length_of_time(rules_service: QuoteService) -> None:
    """The rules give numbers (players, ages, cards, points) but no length of time: asked how long
    a round takes, the bot says the documents don't say, and names what is missing, where any
    number used to do."""
    refused = rules_service.ask("How long does a card game of Lantern Trail take?")
    assert refused.abstained, [q.text for q in refused.quotes]
    assert refused.reason == "no passage gives the length of time asked for"


NOTICE = """Millbrook Council: Bins over the holidays

Collections move by one day after Christmas Day. If your bin is usually emptied on a Monday, it
will be emptied on Tuesday instead.

Extra bags beside the bin are not taken, except in the week after Christmas, when two extra bags of
recycling are collected. Real Christmas trees can be left beside your garden waste bin in early January.
"""


def test_what_about_x_answers_about_x_not_the_question_before(index_files: Any, shared_embedder: Any) -> None:
    """ "What about the Christmas tree?" after a question on extra bags borrows that question's
    frame for the search, but asks about the tree: the tree's line comes first, not the bags' line
    that shares more words with the whole search."""
    service = QuoteService(index_files("notice", {"bins.txt": NOTICE}), embedder=shared_embedder)
    first = _answered(service, "Can I put out extra bags after Christmas?")
    assert "Extra bags" in first.quotes[0].text
    turn = Turn(question=first.question, search_query=first.search_query, sources=first.sources)
    follow = service.ask("What about the Christmas tree?", history=[turn])
    assert follow.search_query and "extra bags" in follow.search_query
    assert not follow.abstained and "Christmas trees can be left" in follow.quotes[0].text


RELEASE_NOTES = """# Tallyho 3.2 Release Notes

Tallyho is a time-tracking app for small teams. Version 3.2 was released on 14 October 2026.

## Changes

The free plan now allows 3 users instead of 5. The minimum supported Android version is now Android 10.
"""


def test_a_name_written_with_a_capital_inside_counts_as_a_name(
    index_files: Any, shared_embedder: Any
) -> None:
    """ "iPhone" is a name the notes never use, so the Android line does not answer for it."""
    service = QuoteService(
        index_files("release", {"release-notes.md": RELEASE_NOTES}), embedder=shared_embedder
    )
    assert service.ask("Which iPhone versions are supported?").abstained
    assert "Android 10" in _answered(service, "Which Android versions are supported?").quotes[0].text


BROADBAND_FAQ = """# Brightline Broadband: Frequently Asked Questions

## Billing

### When will I receive my first bill?

Your first bill is issued seven days after your installation date. It covers the rest of that month plus the next full month, so it is usually larger than later bills.

### How can I pay?

We accept Direct Debit, debit card and credit card. Payments by cheque are no longer accepted since 1 March 2024.

### What happens if I pay late?

A late payment fee of £7.50 is added to your next bill. If a bill remains unpaid for 60 days, your service may be suspended.

## Installation

### How long does installation take?

A standard installation takes between two and three hours. An engineer must be able to reach both the front of your property and the room where you want the router.

### Do I need to be at home?

Yes. Someone aged 18 or over must be present for the whole appointment.

## Moving home

### Can I take my broadband with me?

Yes, if Brightline serves your new address. Tell us at least 14 days before you move. A moving fee of £25 applies unless you re-contract for 18 months.

## Contact

Our support line, 0800 123 4567, is open 8am to 8pm Monday to Saturday. Email support@brightline.example for non-urgent questions.
"""
TENANCY = """TENANCY AGREEMENT

1. THE PARTIES
1.1 The Landlord is Margaret Whitfield of 4 Orchard Close, Bath.
1.2 The Tenant is Daniel Reyes.

2. RENT
2.1 The rent is £1,150 per calendar month, payable by standing order.

3. DEPOSIT
3.1 The Tenant pays a deposit of £1,325 before the tenancy starts.

4. TENANT'S OBLIGATIONS
4.1 The Tenant must not keep any pets at the Property without the Landlord's written consent.
4.2 The Tenant must allow access for repairs on 24 hours' written notice.
"""


def test_a_contact_detail_from_a_document_that_never_names_its_owner_is_refused(
    index_files: Any, shared_embedder: Any
) -> None:
    """A folder of a tenancy agreement and a broadband FAQ: asked for the landlord's phone number,
    the FAQ's support line is someone else's, and the tenancy gives none; the FAQ's own number
    still answers for the support line."""
    service = QuoteService(
        index_files("owners", {"faq.md": BROADBAND_FAQ, "tenancy.txt": TENANCY}), embedder=shared_embedder
    )
    refused = service.ask("What is the landlord's phone number?")
    assert refused.abstained, [q.text for q in refused.quotes]
    assert refused.reason == 'the closest passage is from a document that never mentions "landlord"'
    assert "0800 123 4567" in _answered(service, "What is the support phone number?").quotes[0].text
    # The clause under its numbered part, without the part's own line.
    rent = _answered(service, "How much is the rent?").quotes[0]
    assert rent.section == "2. RENT" and rent.text.startswith("2.1 The rent is £1,150")


INSTALL_GUIDE = """# Pebble CLI: Installation Guide

Pebble is a command-line tool for resizing images in bulk.

## Installing

Install Pebble with pip: `pip install pebble-cli`. The default output quality is 85.
"""


def test_a_question_that_only_names_the_document_and_something_it_never_mentions_is_refused(
    index_files: Any, shared_embedder: Any
) -> None:
    """ "What is the licence of Pebble?" of its install guide was answered with the install line
    (0.54): every word the guide uses names it, and it never mentions a licence."""
    service = QuoteService(index_files("pebble", {"install.md": INSTALL_GUIDE}), embedder=shared_embedder)
    refused = service.ask("What is the licence of Pebble?")
    assert refused.abstained and refused.reason == "the documents never mention licence"
    assert "Install Pebble with pip" in _answered(service, "How do I install Pebble?").quotes[0].text


INTERVIEW = """Oral history project: interview with Margaret Ellison
Recorded at the Heritage Centre, 12 June 2024. Interviewer: Tom Bradley.

TOM: Can you tell me when you started at the mill?

MARGARET: I started in September 1961, two weeks after my fifteenth birthday.

TOM: How much were you paid?

MARGARET: Three pounds and ten shillings a week. I gave most of it to my mother.

TOM: What were the hours like?

MARGARET: We worked from half past seven in the morning until half past five.
"""


def test_an_interview_s_answers_sit_under_the_questions_asked(index_files: Any, shared_embedder: Any) -> None:
    """An interview transcript: each answer is labelled with the interviewer's question and, short,
    is quoted whole; a sum said in words answers "How much…" (it was refused: no "£", no price)."""
    service = QuoteService(index_files("interview", {"interview.txt": INTERVIEW}), embedder=shared_embedder)
    paid = _answered(service, "How much was she paid?").quotes[0]
    assert paid.section == "TOM: How much were you paid?"
    # the short answer is quoted whole, as one reply
    assert paid.text == "MARGARET: Three pounds and ten shillings a week. I gave most of it to my mother."
    hours = _answered(service, "What were her working hours?").quotes[0]
    assert hours.section == "TOM: What were the hours like?" and "half past seven" in hours.text


CHANGELOG = """# Changelog

## 3.2.0 - 2026-09-14

### Added
- A `--dry-run` flag for `tidewater sync`.
- Support for Python 3.13.

### Fixed
- Sync no longer deletes files whose names contain spaces.

## 3.1.1 - 2026-07-02

### Fixed
- A crash on start-up when the config file was empty.
"""


def test_a_changelog_line_is_dated_by_the_release_it_falls_under(
    index_files: Any, shared_embedder: Any
) -> None:
    """ "When was Python 3.13 support added?" was refused ("no passage gives the date asked for")
    over "- Support for Python 3.13." labelled "Added": the label now names its release, whose
    date answers."""
    service = QuoteService(index_files("changelog", {"CHANGELOG.md": CHANGELOG}), embedder=shared_embedder)
    quote = _answered(service, "When was Python 3.13 support added?").quotes[0]
    assert quote.section == "3.2.0 - 2026-09-14 › Added" and quote.text == "- Support for Python 3.13."
    fixed = _answered(service, "Which release fixed the crash on an empty config file?").quotes[0]
    assert fixed.section == "3.1.1 - 2026-07-02 › Fixed"


def test_how_many_wants_a_count_of_the_thing_asked_about(recipes_service: QuoteService) -> None:
    """ "How many eggs…" is answered by a count of eggs: "Makes 12 pancakes." holds a number but
    counts pancakes, so the ranker no longer reads it as an answer of the kind asked for."""
    cands = recipes_service.stages.through_candidates(Request("How many eggs for the pancakes?"))
    ok = {s.text: bool(v) for s, v in zip(cands.sentences, cands.features["type_ok"])}
    assert ok["- 2 eggs"] and not ok["Makes 12 pancakes."]


PRIVACY = """# Privacy notice

## Contact

Our data protection officer is Ruth Adeyemi. Write to her at dpo@dental.example or call 0113 496 0721.

## Help

- Reception: the front desk, open every weekday
- IT problems: call extension 214
"""


def test_a_detail_in_the_sentence_that_goes_on_is_quoted_with_it(
    index_files: Any, shared_embedder: Any
) -> None:
    """ "What is the phone number for the data protection officer?" was refused ("no passage
    gives the phone number asked for") over "Our data protection officer is Ruth Adeyemi.": the
    sentence after it goes on about her ("Write to her at…") and gives it, so both are quoted."""
    service = QuoteService(index_files("privacy", {"privacy.md": PRIVACY}), embedder=shared_embedder)
    quote = _answered(service, "What is the phone number for the data protection officer?").quotes[0]
    assert quote.text == (
        "Our data protection officer is Ruth Adeyemi. Write to her at dpo@dental.example or call 0113 496 0721."
    )
    # another fact's date is not glued on: only a contact detail takes the sentence that goes on
    mill = QuoteService(
        index_files(
            "mill", {"mill.md": "# The mill\n\nThe mill was founded by John Smith. It closed in 1974.\n"}
        ),
        embedder=shared_embedder,
    )
    founded = mill.ask("When was the mill founded?")
    assert founded.abstained or "1974" not in founded.quotes[0].text
    # a list's next item, whose "IT" is no pronoun, is not glued on
    front = service.ask("What is the phone number for reception?")
    assert not front.quotes or "extension 214" not in front.quotes[0].text


COMMITTEE = """# Committee contacts

The secretary is Joan Pryce. She can be reached on 07700 900451 between 6pm and 8pm.
The treasurer is Amir Shah.

## Hall

Amir Shah looks after the hall. He took over from Joan in 2021. Write to him at hall@club.example.

## Urgent

The office opens at 9am.

If it is urgent, ring the club office on 01632 960555.
"""


def test_a_detail_given_about_her_is_quoted_with_the_sentence_that_says_who(
    index_files: Any, shared_embedder: Any
) -> None:
    """ "What is the treasurer's phone number?" was answered "She can be reached on 07700 900451"
    alone, which reads as the treasurer's: it is the secretary's, and a quote of it now says so (a
    refusal would be right too). The sentence that says who may be two back; "it" is no person, and
    a paragraph break ends the search."""
    service = QuoteService(index_files("committee", {"committee.md": COMMITTEE}), embedder=shared_embedder)
    answer = service.ask("What is the treasurer's phone number?")
    assert answer.abstained or answer.quotes[0].text.startswith(
        "The secretary is Joan Pryce. She can be reached"
    )
    asked = _answered(service, "What is the secretary's phone number?").quotes[0]
    assert (
        asked.text == "The secretary is Joan Pryce. She can be reached on 07700 900451 between 6pm and 8pm."
    )
    hall = _answered(service, "What is the email address for the hall?").quotes[0]
    assert hall.text == (
        "Amir Shah looks after the hall. He took over from Joan in 2021. Write to him at hall@club.example."
    )
    urgent = _answered(service, "What number do I ring if it is urgent?").quotes[0]
    assert urgent.text == "If it is urgent, ring the club office on 01632 960555."


BOOKING_TERMS = """Saltmarsh Cookery School: Booking Terms

1. Bookings
a) A place is confirmed when full payment has been received.
b) Classes are for adults aged 16 and over.

2. Gift vouchers
Vouchers are valid for 12 months from the date of purchase.
"""


def test_a_title_that_heads_no_text_still_names_the_document(index_files: Any, shared_embedder: Any) -> None:
    """The title line sits right over "1. Bookings", so no sentence or label writes "School"; a
    refusal still knows it is the documents' word and names only what they never mention."""
    service = QuoteService(index_files("terms", {"terms.txt": BOOKING_TERMS}), embedder=shared_embedder)
    refused = service.ask("Is parking available at the school?")
    assert refused.abstained and refused.reason == "the documents never mention parking, available"
    assert _answered(service, "When is my place confirmed?").quotes[0].section == "1. Bookings"


THREAD = """From: Hannah Okafor
To: Facilities Team
Subject: Re: Office move to the third floor
Date: 12 March 2026

Hi all,

Thanks for the update. Just to confirm, the move is now scheduled for the weekend of 28 March.
Removal staff will arrive at 8 a.m. on the Saturday.

Best,
Hannah

From: Marcus Bell
To: Hannah Okafor
Subject: Re: Office move to the third floor
Date: 11 March 2026

Hannah,

The crates have been delivered to the basement store room. Each team can collect up to ten crates.

Marcus
"""


def test_a_thread_s_quotes_name_their_message_and_each_asks_of_one_passage(
    index_files: Any, shared_embedder: Any
) -> None:
    """A saved email thread: a quote is labelled with its message's sender and date, and "each
    team" asks about one passage (it spread the three quotes over three messages and refused, "no
    passage gives the number asked for")."""
    service = QuoteService(index_files("thread", {"thread.txt": THREAD}), embedder=shared_embedder)
    crates = _answered(service, "How many crates can each team collect?").quotes[0]
    assert crates.text == "Each team can collect up to ten crates."
    assert crates.section == "Marcus Bell, 11 March 2026"
    move = _answered(service, "When is the office move?").quotes
    assert not any(q.text.startswith("Date:") for q in move)


GRANT_FAQ = """# Community Green Spaces Fund: guidance

## How much you can get

Grants are between £1,000 and £15,000.

## Frequently asked questions

**Can we apply if we received a grant last year?**
Yes, but not for the same project. Your previous grant must also have been fully reported.

**Can the grant pay for staff?**
Only for a project coordinator, and for no more than 20% of the grant.
"""

TIDEPOOL = """# Tidepool configuration reference

## Storage

| Setting | Default | Description |
|---|---|---|
| `data_dir` | `./data` | Folder where queues are stored. |
| `retention_days` | `7` | Days that delivered messages are kept before they are deleted. |

## Logging

Logs go to standard error. Set `log_format` to `json` for machine-readable logs.
"""

WARRANTY = """BRISKWAY E-BIKE LIMITED WARRANTY

1. What is covered
1.1 Briskway warrants the frame of your e-bike against defects for five (5) years from the date of purchase.
1.2 The motor, battery and display are covered for two (2) years from the date of purchase.
1.3 The battery is considered defective only if it holds less than 60% of its original capacity.
"""


@pytest.fixture(scope="module")
def reference_service(index_files: Any, shared_embedder: Any) -> QuoteService:
    files = {"grant-faq.md": GRANT_FAQ, "tidepool.md": TIDEPOOL, "warranty.txt": WARRANTY}
    return QuoteService(index_files("reference", files), embedder=shared_embedder)


def test_an_faq_s_bold_question_finds_its_answer_and_labels_it(reference_service: QuoteService) -> None:
    """A Markdown FAQ writes its questions in bold: "Yes, but not for the same project." answers
    its question, which labels it under its section (it was lost to the next sentence)."""
    top = _answered(reference_service, "Can we apply again if we got a grant last year?").quotes[0]
    assert top.text.startswith("Yes, but not for the same project.")
    assert top.section == "Frequently asked questions › Can we apply if we received a grant last year?"


INCIDENT = """# Incident report: checkout outage, 9 September 2026

## Summary

From 14:02 to 15:19 UTC on 9 September, customers could not complete purchases on the web shop.
About 3,400 checkout attempts failed during the outage.

## Root cause

The 13:55 deployment lowered the maximum number of database connections per server from 50 to 5.

## What went well

Alerting paged the on-call engineer within four minutes.

## What we will change

1. Connection pool settings will be load-tested before release.
"""

OBITUARY = """Eleanor Mary Whitcombe

Eleanor Whitcombe, who taught generations of children to swim, died peacefully at home in Hartley on 2 November 2026, aged 88.

Born in Plymouth, Eleanor moved to Hartley in 1961 after marrying her late husband, Geoffrey, a carpenter.
"""


@pytest.fixture(scope="module")
def report_service(index_files: Any, shared_embedder: Any) -> QuoteService:
    files = {"incident.md": INCIDENT, "obituary.txt": OBITUARY}
    return QuoteService(index_files("report", files), embedder=shared_embedder)


@pytest.mark.parametrize(
    ("documents", "question", "expected"),
    [
        # a stream is where software sends things (refused for want of a place)
        ("reference_service", "Where do logs go?", "Logs go to standard error."),
        # a reference table gives a number's unit its own cell (refused for want of a length of time)
        ("reference_service", "How long are delivered messages kept?", "| `retention_days` | `7` |"),
        # a contract writes a number twice
        ("reference_service", "How long is the battery covered?", "two (2) years"),
        # a rule's condition says when it applies
        ("reference_service", "When is a battery considered defective?", "only if it holds less than 60%"),
        # a heading that asks ("What went well") is answered by its text, as an FAQ's question is
        ("report_service", "What went well?", "Alerting paged the on-call engineer"),
        # "last" frames how long, and a how-long question is answered by a span of times
        ("report_service", "How long did the outage last?", "From 14:02 to 15:19"),
        # "old" asks for an age: "aged 88"
        ("report_service", "How old was she?", "aged 88"),
    ],
)
def test_references_contracts_reports_and_an_obituary_answer_as_written(
    request: pytest.FixtureRequest, documents: str, question: str, expected: str
) -> None:
    """Each of these was refused, or answered by another line, before its wording was read."""
    service = request.getfixturevalue(documents)
    assert expected in _answered(service, question).quotes[0].text


def test_a_date_counts_nobody(report_service: QuoteService) -> None:
    """ "How many customers complained?": the "9" of "on 9 September, customers…" counts no
    customers, and the documents don't say."""
    assert report_service.ask("How many customers complained?").abstained


LIBRARY_FAQ = """<html><head><title>Library FAQ</title></head><body>
<h1>Frequently asked questions</h1>
<h2>Borrowing</h2>
<p><strong>How many books can I borrow?</strong></p>
<p>Adults can borrow up to 15 items at a time, and children up to 10.</p>
<p><strong>How long can I keep them?</strong></p>
<p>Books are lent for three weeks. DVDs are lent for one week.</p>
</body></html>
"""


def test_an_faq_page_s_answer_counts_what_its_question_asks(index_files: Any, shared_embedder: Any) -> None:
    """Under an FAQ page's "How many books can I borrow?", "up to 15 items" answers how many books
    (it was refused: "no passage gives the number asked for", and at low confidence, the question's
    "many" uncovered); its question labels it under its section. A count of something else the
    page never counts is still refused."""
    service = QuoteService(index_files("library", {"faq.html": LIBRARY_FAQ}), embedder=shared_embedder)
    top = _answered(service, "How many books can I borrow?").quotes[0]
    assert top.text.startswith("Adults can borrow up to 15 items")
    assert top.section == "Borrowing › How many books can I borrow?"
    assert service.ask("How many laptops can I borrow?").abstained


SCHEDULE = """HOME INSURANCE POLICY SCHEDULE

Policy number:        HHL-4471-902385
Payment method:       Monthly direct debit, 12 instalments of £40.52


SECTION 1 - BUILDINGS

Sum insured: £375,000

Covers the structure of your home, its permanent fixtures and fittings against loss or damage.

  Accidental damage to buildings ..... Included
  Alternative accommodation .......... Up to £75,000
  Trace and access ................... Up to £5,000
"""

SURGERY = """MEADOWBANK SURGERY

OPENING HOURS

Monday      8:00am - 6:30pm
Tuesday     8:00am - 8:00pm  (pre-booked appointments only after 6:30pm)
Thursday    8:00am - 1:00pm  (closed for staff training in the afternoon)
Sunday      Closed

OUR DOCTORS

Dr Helen Okafor (F)      MBChB MRCGP    Mon, Tue, Thu
Dr James Whitcombe (M)   MBBS MRCGP     Mon to Fri   - Senior Partner
Dr Anika Brandt (F)      MBBS DRCOG     Wed, Fri
"""


@pytest.fixture(scope="module")
def plain_table_service(index_files: Any, shared_embedder: Any) -> QuoteService:
    files = {"schedule.txt": SCHEDULE, "surgery.txt": SURGERY}
    return QuoteService(index_files("plain-tables", files), embedder=shared_embedder)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # a doctor's line in columns was cut in two ("Dr Helen Okafor" / "(F) MBChB …")
        ("Which days is Dr Okafor in?", "Dr Helen Okafor (F)      MBChB MRCGP    Mon, Tue, Thu"),
        ("Who is the senior partner?", "Dr James Whitcombe"),
        # a day's hours were one "sentence" with the whole week's
        ("What time does the surgery close on Thursdays?", "Thursday    8:00am - 1:00pm"),
        # a row with dot leaders reads under its lead-in, not beside its siblings: "Alternative
        # accommodation" borrowed "buildings" from "Accidental damage to buildings" and came first
        ("How much are the buildings insured for?", "Sum insured: £375,000"),
    ],
)
def test_a_plain_text_table_answers_row_by_row(
    plain_table_service: QuoteService, question: str, expected: str
) -> None:
    quote = _answered(plain_table_service, question).quotes[0].text
    assert expected in quote
    assert len(quote) < 120  # the row, not the table


WORD_HANDBOOK = Path(__file__).resolve().parents[1] / "data" / "word" / "garden-handbook.docx"


@pytest.fixture(scope="module")
def word_service(index_files: Any, shared_embedder: Any) -> QuoteService:
    files = {"garden-handbook.docx": WORD_HANDBOOK.read_bytes()}
    return QuoteService(index_files("word", files), embedder=shared_embedder)


@pytest.mark.parametrize(
    ("question", "quote", "section"),
    [
        # a Word table's row
        (
            "When is the Saturday work party?",
            "| Main work party | Saturday | 9:30 am to 12:30 pm |",
            "Opening times",
        ),
        # a numbered step, with the number Word shows
        (
            "What is the second thing to do on my first visit?",
            "2. Ask the session lead for a short safety talk.",
            "Your first visit",
        ),
        # a bold question heads its answer
        (
            "Can kids come along?",
            "Children under 14 must stay with a parent or carer at all times.",
            "Questions volunteers ask › Can I bring my children?",
        ),
        # a bold label and a tab
        ("Who is the volunteer coordinator?", "Volunteer coordinator:\tPriya Natarajan", "Contacts"),
    ],
)
def test_a_word_document_answers_with_verbatim_quotes_under_its_headings(
    word_service: QuoteService, question: str, quote: str, section: str
) -> None:
    """A user's folder holds Word files: their tables, lists and styled headings answer as the
    same text in Markdown would, quoted verbatim from the text the loader wrote."""
    top = _answered(word_service, question).quotes[0]
    assert quote in top.text
    assert top.doc_id == "garden-handbook.docx" and top.section == section
    assert top.title == "Greenway Community Garden"


PERMITS = """# Residents' parking permits

## Who can apply

You can apply if you live in a permit zone and the vehicle is no more than 2.3 metres high and
5.25 metres long.

## Prices

A 12-month permit costs £85. A diesel surcharge of £40 is added for diesel vehicles registered
before September 2015.

## Events

The residents' summer social is in Victoria Park on Saturday 12 July from 2pm.
"""


@pytest.fixture(scope="module")
def permits_service(index_files: Any, shared_embedder: Any) -> QuoteService:
    return QuoteService(index_files("permits", {"permits.md": PERMITS}), embedder=shared_embedder)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("My van is 2.5m tall, can I get a permit?", "no more than 2.3 metres high"),
        ("I've got an old diesel from 2012, do I pay more?", "registered\nbefore September 2015"),
    ],
)
def test_the_askers_own_number_is_answered_by_the_rule_it_falls_under(
    permits_service: QuoteService, question: str, expected: str
) -> None:
    """Both were refused: "the documents never mention 2.5m" (2012), beside the rule's bound."""
    assert expected in _answered(permits_service, question).quotes[0].text


def test_when_something_starts_does_not_say_when_it_ends(permits_service: QuoteService) -> None:
    answer = permits_service.ask("What time does the summer social finish?")
    assert answer.abstained and answer.reason == "no passage gives the end time asked for"
    assert answer.closest is not None and "from 2pm" in answer.closest.text


def test_a_spreadsheet_s_rows_answer_as_a_table_s_would(index_files: Any, shared_embedder: Any) -> None:
    """A price list and opening hours exported from a spreadsheet: each row is quoted whole, under
    the file's name."""
    files = {
        "leisure-centre-prices.csv": "Item,Duration,Price (GBP)\nAdult swim,,5.20\nSauna,45 min,7.50\n",
        "opening_hours.csv": "Day;Opens;Closes\nMonday;06:30;21:30\nSaturday;08:00;18:00\n",
    }
    service = QuoteService(index_files("spreadsheets", files), embedder=shared_embedder)
    top = _answered(service, "How long is a sauna session?").quotes[0]
    assert top.text == "| Sauna | 45 min | 7.50 |" and top.section == "leisure centre prices"
    top = _answered(service, "What time does the centre close on Saturday?").quotes[0]
    assert top.text == "| Saturday | 08:00 | 18:00 |" and top.doc_id == "opening_hours.csv"
    # the price's currency is in its column's header, "Price (GBP)": the row gives a price
    top = _answered(service, "How much is a sauna?").quotes[0]
    assert top.text == "| Sauna | 45 min | 7.50 |"
    # ... and the quote carries that header, so a user can tell the price from the duration
    assert top.columns == "| Item | Duration | Price (GBP) |"
    assert top.model_dump()["columns"] == top.columns  # in `ask --json` too
    text = service.view.text(top.doc_id) or ""
    assert top.columns_start is not None and text[top.columns_start : top.columns_end] == top.columns


def test_a_table_right_under_another_shows_its_own_header(index_files: Any, shared_embedder: Any) -> None:
    """Two fee tables one after the other in one section: the second table's rows were shown under
    the first table's header ("£40" read as "Bags included")."""
    page = (
        "# Baggage\n\n## Fees\n\n| Fare | Bags included | Weight per bag |\n|---|---|---|\n"
        "| Basic | 0 | 23 kg |\n| Flex | 2 | 23 kg |\n\n| Item | Fee online | Fee at airport |\n|---|---|---|\n"
        "| Extra bag | £40 | £70 |\n| Golf clubs | £35 | £60 |\n\n| Wheelchair | Free | Free |\n"
    )
    service = QuoteService(index_files("two-tables", {"fees.md": page}), embedder=shared_embedder)
    answer = _answered(service, "How much is an extra bag at the airport?")
    top = answer.quotes[0]
    assert top.text == "| Extra bag | £40 | £70 |"
    assert top.columns == "| Item | Fee online | Fee at airport |"
    # a table set apart by a blank line without a header of its own shows none
    view = service.view
    lone = next(x for x in view.sentences if x.text.startswith("| Wheelchair"))
    assert service.stages.retriever.columns_row(lone) is None


PARTIES = (
    "<h1>Birthday parties</h1><h2>Party packages</h2><table><tr><th>Package</th><th>Price per child</th>"
    "<th>Minimum children</th><th>What's included</th></tr><tr><td>Jump Party</td><td>£12.50</td><td>10</td>"
    "<td>1 hour play, hot food box</td></tr><tr><td>Mega Party</td><td>£16.00</td><td>12</td>"
    "<td>Jump Party plus a party host</td></tr></table><p>Parties are for children aged 1 to 10.</p>"
)


def test_a_count_in_a_table_is_read_under_its_column(index_files: Any, shared_embedder: Any) -> None:
    """ "What's the minimum number of children for a Jump Party?" was refused ("no passage gives the
    number asked for") over "| Jump Party | £12.50 | 10 | … |": the 10 is under "Minimum children"."""
    service = QuoteService(index_files("parties", {"parties.html": PARTIES}), embedder=shared_embedder)
    answer = _answered(service, "What's the minimum number of children for a Jump Party?")
    assert answer.quotes[0].text.startswith("| Jump Party | £12.50 | 10 |")
    assert answer.quotes[0].columns is not None and "Minimum children" in answer.quotes[0].columns
    # a count the table does not give stays unanswered
    assert service.ask("How many adults can come to a Jump Party?").abstained


def test_a_count_is_read_under_its_own_table_s_header_only(index_files: Any, shared_embedder: Any) -> None:
    """A table without a header set under one with "Max guests" read its numbers as guests: the
    checks read a row under the header the quote shows, the nearest in its block of lines."""
    page = (
        "# Rooms\n\n## Sizes\n\n| Room | Max guests |\n|---|---|\n| Hall | 120 |\n| Studio | 40 |\n\n"
        "| Kitchen | 25 |\n| Garden | 60 |\n"
    )
    service = QuoteService(index_files("rooms", {"rooms.md": page}), embedder=shared_embedder)
    assert _answered(service, "How many guests can the Studio hold?").quotes[0].text == "| Studio | 40 |"
    assert service.ask("How many guests can the Kitchen hold?").abstained


def test_a_table_without_a_header_row_shows_no_row_as_its_columns(
    index_files: Any, shared_embedder: Any
) -> None:
    """A table whose first row is data ("| Monday | Closed |") has no names for its cells: no quote
    may show that row as the names of another row's cells."""
    page = "# Opening times\n\n| Monday | Closed |\n|---|---|\n| Tuesday | 9am to 5pm |\n| Sunday | 10am to 4pm |\n"
    service = QuoteService(index_files("no-header", {"hours.md": page}), embedder=shared_embedder)
    answer = _answered(service, "What are the opening times on Sunday?")
    assert answer.quotes[0].text == "| Sunday | 10am to 4pm |"
    assert all(q.columns is None for q in answer.quotes)


def test_a_record_s_rows_show_no_row_as_their_columns(index_files: Any, shared_embedder: Any) -> None:
    """A dentist's reminder sets the appointment out as labels and values, with no header: "| Cost |
    £27.40 |" was shown under "| Dentist | Dr Owen Lacey |" as the names of its cells. A table of
    one record names no columns; a table of two kinds under a header of labels still does."""
    page = (
        "# Your appointment\n\n| Patient | Ms Anita Patel |\n| Date | Thursday 12 June 2025 |\n"
        "| Time | 10:40am |\n| Dentist | Dr Owen Lacey |\n| Cost | £27.40 (NHS Band 1) |\n\n"
        "# Fees\n\n| Treatment | Price |\n| Check-up | £27.40 |\n| Filling | £75.30 |\n| Crown | £326.70 |\n"
    )
    service = QuoteService(index_files("record", {"reminder.md": page}), embedder=shared_embedder)
    top = _answered(service, "How much will my appointment cost?").quotes[0]
    assert top.text == "| Cost | £27.40 (NHS Band 1) |" and top.columns is None
    crown = _answered(service, "What is the price of a crown?").quotes[0]
    assert crown.text == "| Crown | £326.70 |" and crown.columns == "| Treatment | Price |"


def test_a_header_the_document_marks_is_shown_whatever_its_cells_hold(
    index_files: Any, shared_embedder: Any
) -> None:
    """A header with a year in it ("| Band | 2023/24 | 2024/25 |") or over rows of words ("| Wi-Fi |
    yes | no |") was not shown, as its cells alone do not say they are labels: the page's <th>
    cells and a Markdown table's rule say so. A spreadsheet's header under its title row is its
    second line."""
    files = {
        "council-tax.html": (
            "<h1>Council tax</h1><table><tr><th>Band</th><th>2023/24</th><th>2024/25</th></tr>"
            "<tr><td>A</td><td>£1,204.10</td><td>£1,264.30</td></tr>"
            "<tr><td>B</td><td>£1,404.78</td><td>£1,475.02</td></tr></table>"
        ),
        "plans.md": (
            "# Broadband plans\n\n| Feature | Basic | Premium |\n|---|---|---|\n"
            "| Static IP address | no | yes |\n| Router included | yes | yes |\n"
        ),
        "bike-menu.csv": "Spokehouse service menu,,\nService,Price,Turnaround\nFlat repair,$15,Same day\n"
        "Full service,$95,3 days\n",
    }
    service = QuoteService(index_files("marked-headers", files), embedder=shared_embedder)
    top = _answered(service, "What is the council tax for band B in 2024/25?").quotes[0]
    assert top.text.startswith("| B |") and top.columns == "| Band | 2023/24 | 2024/25 |"
    top = _answered(service, "Does the Premium plan come with a static IP address?").quotes[0]
    assert top.text.startswith("| Static IP address |") and top.columns == "| Feature | Basic | Premium |"
    top = _answered(service, "How long does a full service take?").quotes[0]
    assert top.text.startswith("| Full service |") and top.columns == "| Service | Price | Turnaround |"
    # a row is searched with the names of its columns, those of a header with years in it too
    row = next(x for x in service.view.sentences if x.text.startswith("| B |"))
    assert {"band", "2024"} <= service.stages.retriever._header_terms(row)


POOL_PRICES = (
    "Riverside Pool prices 2026,,,,\n"
    "Ticket,Weekday,Weekday,Weekend,Weekend\n"
    "Type,Before 5pm (£),After 5pm (£),Before 5pm (£),After 5pm (£)\n"
    "Adult swim,5.40,6.10,6.50,6.50\nJunior swim (under 16),3.20,3.60,3.90,3.90\n"
    "Senior swim (65+),3.80,4.20,4.60,4.60\nFamily swim (2 adults + 2 juniors),15.00,16.50,17.50,17.50\n"
)


def test_a_header_of_two_rows_under_a_title_line_names_and_shows_its_rows(
    index_files: Any, shared_embedder: Any
) -> None:
    """A pool's prices under a title line, with a header of two rows ("Weekday, Weekday, Weekend,
    Weekend" over "Before 5pm (£), After 5pm (£), …"): "What does a junior swim cost after 5pm on a
    weekday?" was refused ("no passage gives the price asked for") with the row of groups as its
    closest passage: the rows were searched with the title line's words, not their header's, and
    a row of labels under the table's first row counted as an answer. The rows are searched with
    both header rows, shown under both (one span of the document), and a header row answers
    nothing."""
    venue = (
        "# Main hall\n\n| Item | Cost | Notes |\n|---|---|---|\n| Chairs | £1 | Stacked |\n"
        "| Parking | Free | None |\n| Cleaning | Included | Included |\n\n| Room | Weekday | Weekend |\n|---|---|---|\n| Hall | £16 | £20 |\n"
    )
    committee = (
        "<h1>Committee</h1><table><tr><th>Role</th><th>Name</th></tr><tr><td>Chair</td><td>Ann Vale</td></tr>"
        "<tr><td>Treasurer</td><td>Cara Lee</td></tr><tr><th>Role</th><th>Name</th></tr>"
        "<tr><td>Secretary</td><td>Ben Holt</td></tr></table>"
    )
    files = {"pool-prices.csv": POOL_PRICES, "venue.md": venue, "committee.html": committee}
    service = QuoteService(index_files("pool", files), embedder=shared_embedder)
    answer = _answered(service, "What does a junior swim cost after 5pm on a weekday?")
    top = answer.quotes[0]
    assert top.text.startswith("| Junior swim (under 16) |")
    assert top.columns == (
        "| Ticket | Weekday | Weekday | Weekend | Weekend |\n"
        "| Type | Before 5pm (£) | After 5pm (£) | Before 5pm (£) | After 5pm (£) |"
    )
    text = service.view.text(top.doc_id) or ""
    assert text[top.columns_start : top.columns_end] == top.columns
    assert not any(q.text.startswith(("| Ticket |", "| Type |")) for q in answer.quotes)
    row = next(x for x in service.view.sentences if x.text.startswith("| Adult swim |"))
    assert {"weekday", "weekend", "pm"} <= service.stages.retriever._header_terms(row)
    # both header rows only lead into the rows they name; the title line and a row do not
    view = service.view
    led = {x.text.split(" | ")[0]: leads_in(view, x) for x in view.sentences if x.text.startswith("|")}
    assert led["| Ticket"] and led["| Type"]
    assert not led["| Adult swim"] and not led["| Junior swim (under 16)"]
    # a table's last row is no upper header row of the table after it, nor a row above a header
    # repeated down a table: both still answer
    assert not led["| Parking"] and not led["| Treasurer"]
    hall = next(x for x in view.sentences if x.text.startswith("| Hall |"))
    shown = service.stages.retriever.shown_columns(hall)
    assert shown is not None and shown.text == "| Room | Weekday | Weekend |"


GALA = """# Spring Open Gala

## Session timings

| Session | Warm-up | Start | Age groups |
|---|---|---|---|
| Session 1 | 8:00am | 8:45am | 8–10 years |
| Session 2 | 12:15pm | 1:00pm | 11–12 years |
| Session 3 | 4:00pm | 4:45pm | 13–16 years |
"""


def test_a_table_s_header_row_comes_after_the_rows_it_names(index_files: Any, shared_embedder: Any) -> None:
    """The header row holds the question's words ("warm-up", "age groups") and answers nothing: it
    came first, above the row for 11–12 years."""
    service = QuoteService(index_files("gala", {"gala.md": GALA}), embedder=shared_embedder)
    answer = service.ask("My daughter's in the 11-12 age group, what time is her warm-up?")
    assert answer.quotes and answer.quotes[0].text.startswith("| Session 2 | 12:15pm")
    assert answer.quotes[0].columns == "| Session | Warm-up | Start | Age groups |"
    # the header is cut from the stored document like the quote: one that does not match it, or
    # one that does not come before the quote, is not shown (and the quote itself stands)
    view = service.view
    row = next(x for x in view.sentences if x.text.startswith("| Session 2 |"))
    header = next(x for x in view.sentences if x.text.startswith("| Session | Warm-up"))
    assert verify(view, Picked(row, row, 0.5), header).columns == header.text  # type: ignore[union-attr]
    forged = dataclasses.replace(header, text="| Session | Warm-up | Finish | Age groups |")
    quote = verify(view, Picked(row, row, 0.5), forged)
    assert quote is not None and quote.text == row.text and quote.columns is None
    later = next(x for x in view.sentences if x.text.startswith("| Session 3 |"))
    assert verify(view, Picked(row, row, 0.5), later).columns is None  # type: ignore[union-attr]


LEAVE_PAY = """# Parental leave policy

## Pay during leave

| Type of leave | Weeks 1-6 | Weeks 7-26 | Weeks 27-39 |
|---|---|---|---|
| Maternity / adoption | 100% of salary | 75% of salary | Statutory rate |
| Shared parental | 90% of salary | Statutory rate | Unpaid |

## Visiting

Last entry to the staff creche is 45 minutes before closing.
"""


def test_a_header_of_ranges_ranks_behind_its_rows_and_a_share_of_salary_is_pay(
    index_files: Any, shared_embedder: Any
) -> None:
    """A header row of labels with numbers in them ("Weeks 7-26") came first for "What is maternity
    pay in weeks 7 to 26?", and the row under it ("75% of salary") was then refused as no pay.
    A time said from closing answers "What time…?"."""
    service = QuoteService(index_files("leavepay", {"leave.md": LEAVE_PAY}), embedder=shared_embedder)
    answer = service.ask("What is maternity pay in weeks 7 to 26?")
    assert not answer.abstained, answer.reason
    assert answer.quotes[0].text.startswith("| Maternity / adoption")
    answer = service.ask("What time is last entry to the creche?")
    assert not answer.abstained, answer.reason
    assert answer.quotes[0].text.startswith("Last entry to the staff creche is 45 minutes before closing")


BUS_TIMES = """Route 23 changes

First and last buses

Monday to Friday
First bus from Town Centre: 05:45
Last bus from Town Centre: 23:10
Last bus from Eastgate Hospital: 23:40

Saturday
First bus from Town Centre: 06:30
Last bus from Town Centre: 22:50

Sunday
First bus from Town Centre: 08:00
Last bus from Town Centre: 22:00
"""


def test_a_timetable_for_other_days_does_not_answer_for_the_day_asked(
    index_files: Any, shared_embedder: Any
) -> None:
    """ "What time is the last bus from Eastgate Hospital on a Saturday?" was answered with the
    Monday-to-Friday block, the only one naming Eastgate; the Saturday block answers for Saturday."""
    service = QuoteService(index_files("bus23", {"route-23.txt": BUS_TIMES}), embedder=shared_embedder)
    answer = service.ask("What time is the last bus from Eastgate Hospital on a Saturday?")
    assert answer.abstained, answer.quotes[0].text
    answer = service.ask("What time is the last bus from Town Centre on a Saturday?")
    assert not answer.abstained, answer.reason
    assert "22:50" in answer.quotes[0].text and "23:10" not in answer.quotes[0].text


GARAGE = """service,vehicle type,price,duration
Full service,Small car (up to 1.4L),£189,3 hours
Full service,Family car (1.5L-2.0L),£229,3.5 hours
MOT test,All cars,£54.85,1 hour
"""


def test_what_the_asker_tells_of_their_own_car_is_no_detail_the_documents_miss(
    index_files: Any, shared_embedder: Any
) -> None:
    """ "I drive a 1.2 litre Fiesta. What would a full service cost?" of a garage's price list was
    told the documents never mention 1.2, and "Fiesta", a name they never use, made the bot unsure:
    both are the asker's own, told before the ask."""
    service = QuoteService(index_files("garage", {"garage-prices.csv": GARAGE}), embedder=shared_embedder)
    answer = service.ask("I drive a 1.2 litre Fiesta. What would a full service cost?")
    assert not answer.abstained, answer.reason
    assert answer.quotes[0].text.startswith("| Full service |")
    assert service.ask("What would a full service cost for a 1.2 litre car?").abstained  # asked: checked


BANDS = "Band,Property value,Annual charge\n" + "".join(
    f'{b},"{v}","{c}"\n'
    for b, v, c in [
        ("A", "Up to £40,000", "£1,498.62"),
        ("B", "£40,001 to £52,000", "£1,748.39"),
        ("C", "£52,001 to £68,000", "£1,998.16"),
        ("D", "£68,001 to £88,000", "£2,247.93"),
        ("E", "£88,001 to £120,000", "£2,747.47"),
        ("F", "£120,001 to £160,000", "£3,247.01"),
        ("G", "£160,001 to £320,000", "£3,746.55"),
        ("H", "More than £320,000", "£4,495.86"),
    ]
)
BANDS_NOTE = (
    "Council Tax 2025/26\n\nEvery home is placed in one of eight bands, A to H, by the Valuation "
    "Office Agency. This year the total bill for an average band D home has gone up by 4.99%.\n\n"
    "Single people get a discount of 25% off their annual charge.\n"
)


def test_a_table_s_row_is_found_by_the_names_of_its_columns(index_files: Any, shared_embedder: Any) -> None:
    """ "band H annual charge": the row "| H | More than £320,000 | £4,495.86 |" names neither "band"
    nor "annual charge", its header does; the row is searched and covered with its header's names
    (in a long leaflet it was not even a candidate)."""
    files = {"council-tax-bands.csv": BANDS, "council-tax.txt": BANDS_NOTE}
    service = QuoteService(index_files("bands", files), embedder=shared_embedder)
    answer = service.ask("band H annual charge")
    assert "| H | More than £320,000 | £4,495.86 |" in [q.text for q in answer.quotes]


BOILER = """# Thermaflo Combi 28 – User Guide

## Fault codes

If the boiler detects a problem, it shows a fault code on the display.

| Code | Meaning | What you can do |
|------|---------|-----------------|
| F22 | Low water pressure | Top up the pressure to 1.2 bar, then press Reset |
| F28 | Ignition failure | Check your gas supply, then press Reset |
| F75 | Water pressure sensor fault | Call an engineer |

## Topping up the pressure

1. Switch the heating off and let the system cool down.
2. Slowly open both filling valves with a flat-head screwdriver.
3. Watch the gauge and close both valves when the needle reaches 1.2 bar.

## Resetting your password

To reset a forgotten password:
Step 1. Go to the password portal from any device.
Step 2. Enter your work email address and click Next.
"""


@pytest.fixture(scope="module")
def boiler_service(index_files: Any, shared_embedder: Any) -> QuoteService:
    return QuoteService(index_files("boiler", {"boiler.md": BOILER}), embedder=shared_embedder)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # "28" of "F28" does not name the "Combi 28" of the title, which every row would cover
        ("What does fault code F28 mean?", "| F28 | Ignition failure |"),
        # a step answers "at what point", asked after what the asker is doing
        (
            "When topping up the pressure, at what point do I close the valves?",
            "close both valves when the needle reaches 1.2 bar",
        ),
        # "Step 2." opens its step, not the line before it
        ("What do I enter at step 2 of resetting a password?", "Step 2. Enter your work email address"),
    ],
)
def test_codes_steps_and_asks_after_a_clause(
    boiler_service: QuoteService, question: str, expected: str
) -> None:
    assert expected in _answered(boiler_service, question).quotes[0].text


X200 = """# X200 User Guide

## Descaling

To descale, fill the tank with the X-Clean solution and run the rinse cycle twice.
"""
X300 = """# X300 User Guide

## Descaling

To descale, fill the tank with white vinegar and run the steam cycle once.
"""


def test_a_code_its_document_s_title_writes_picks_that_document(
    index_files: Any, shared_embedder: Any
) -> None:
    """ "X200" names the "X200 User Guide" (its title writes the whole code); only a code the title
    does not write ("F28" of "Combi 28") leaves its parts out of the words that name a document."""
    service = QuoteService(
        index_files("models", {"x200.md": X200, "x300.md": X300}), embedder=shared_embedder
    )
    assert "X-Clean" in _answered(service, "How do I descale the X200?").quotes[0].text
    assert "vinegar" in _answered(service, "How do I descale the X300?").quotes[0].text


CAMPSITE = """# Hollins Farm Campsite: questions guests ask

## Arriving

Pitches are ready from 2pm on the day of arrival. The gate is locked at 10pm.

## Prayer and quiet

The chapel in the old barn is open for prayer from 8am to 6pm. Quiet time starts at 10:30pm.

## Facilities

There is a washing-up area with hot water beside the shower block. Dogs are £2 per night.
Barbecues are allowed on the gravel only. A week ticket for the sauna costs £18. The farm shop is open on weekdays.

## Getting here

The nearest railway station is Matlock, four miles away; a taxi costs about £12. The 110 bus from
Matlock stops at the end of our lane twice a day.
"""


@pytest.fixture(scope="module")
def campsite_service(index_files: Any, shared_embedder: Any) -> QuoteService:
    return QuoteService(index_files("campsite", {"campsite.md": CAMPSITE}), embedder=shared_embedder)


def test_a_question_word_the_text_writes_in_another_form_is_on_its_topic(
    campsite_service: QuoteService,
) -> None:
    """ "pray" is the text's "prayer": the question was refused as off topic. A word that is only
    kin to the text's ("laundry" of "washing-up") or a synonym still says the documents don't know
    what is asked."""
    answer = _answered(campsite_service, "When can I pop in to pray?")
    assert "open for prayer" in answer.quotes[0].text
    for question, word in (
        ("Is there a laundry room?", "laundry"),
        ("Is there a swimming pool?", "swimming"),
        # a synonym meets it as closely as a form does: "permitted" of "allowed" (0.77)
        ("Are gazebos permitted?", "permitted"),
        # a form elsewhere is no witness: "weekends" meets "weekdays", not the "week" it starts with
        ("Any discounts at weekends?", "weekends"),
    ):
        refused = campsite_service.ask(question)
        assert refused.abstained and refused.reason is not None and word in refused.reason, question


def test_a_distance_in_words_and_a_recurring_time_answer(campsite_service: QuoteService) -> None:
    """ "four miles away" is a distance ("no passage gives the distance asked for" before), and "twice
    a day" says when a bus that runs all day runs ("no passage gives the date asked for")."""
    assert "four miles away" in _answered(campsite_service, "How far is the station?").quotes[0].text
    assert "twice a day" in _answered(campsite_service, "When does the 110 bus run?").quotes[0].text


def test_a_sentence_later_in_a_labelled_line_is_shown_under_its_label(
    index_files: Any, shared_embedder: Any
) -> None:
    """A course page's definition list writes each level on one line: "Intermediate: For dogs who
    … Eight weekly sessions of one hour. From £140." The quote "From £140." alone does not say which
    course it prices: it is shown under the line's label, cut from the document and checked like
    the quote, and it covers the label's words ("How much is the Intermediate course?")."""
    page = (
        "# Course levels\n\n"
        "Puppy Start: For puppies aged 10 to 20 weeks. Six weekly sessions of 45 minutes. From £95.\n"
        "Intermediate: For dogs who have completed Foundation. Eight weekly sessions of one hour. From £140.\n"
        "Reactive Rovers: A calm class for dogs who bark at other dogs. Six weekly sessions. From £180.\n\n"
        "# Booking\n\nA deposit of £30 secures your place.\n"
    )
    files = index_files("line-labels", {"courses.md": page})
    service = QuoteService(files, embedder=shared_embedder)
    answer = _answered(service, "How much is the Intermediate course?")
    top = answer.quotes[0]
    assert (top.text, top.line_label) == ("From £140.", "Intermediate:")
    assert top.line_label_start is not None and top.line_label_end is not None
    assert page[top.line_label_start : top.line_label_end] == top.line_label
    for q in answer.quotes:
        if q.text.startswith("From £"):  # every price shows the course it is for
            line = page[page.rfind("\n", 0, q.start) + 1 : q.start]
            assert q.line_label == line[: line.index(":") + 1]
    # a sentence that opens its own line, and one that is no labelled line's, show no label
    deposit = _answered(service, "How much is the deposit?").quotes[0]
    assert deposit.text == "A deposit of £30 secures your place." and deposit.line_label is None


def test_a_row_under_a_header_of_age_groups_shows_both_header_rows(
    index_files: Any, shared_embedder: Any
) -> None:
    """A childminder's fees table heads its prices "Rate per child" over "Under 2s" and "2 years
    and over": the quoted row is shown under both rows, so a user can tell which price is whose
    ("2 years and over" opens with a number but is a label, not a value)."""
    page = (
        "# Fees\n\nFees are reviewed every April.\n\n"
        "| Type of care | Rate per child |  |\n|  | Under 2s | 2 years and over |\n"
        "| Hourly rate | £7.50 | £7.00 |\n| Full day (8am to 6pm) | £68.00 | £63.00 |\n"
    )
    service = QuoteService(index_files("age-groups", {"contract.md": page}), embedder=shared_embedder)
    top = _answered(service, "What is the hourly rate for a child?").quotes[0]
    assert top.text == "| Hourly rate | £7.50 | £7.00 |"
    assert top.columns == "| Type of care | Rate per child |  |\n|  | Under 2s | 2 years and over |"


def _retrieving(config: Any, embedder: Any) -> tuple[QuoteService, Any, dict[str, Any]]:
    """A service over ``config``, a retriever over its live index, and its sentences by text."""
    from bot.retrieve import Retriever

    service = QuoteService(config, embedder=embedder)
    service.refresh()
    view = service._live.view
    return service, Retriever(view, embedder), {s.text: s for s in view.sentences}


def test_a_footnote_covers_the_words_of_the_sentence_that_marks_it(
    index_files: Any, shared_embedder: Any
) -> None:
    """ "[^1]: Bring gloves and loppers" says what to bring to the work party only through the
    sentence that marks it ("The June work party is on Saturday 21 June from 10am.[^1]"): the
    footnote covers that sentence's words, as a table's row covers its header's."""
    from bot.lexical import terms

    page = (
        "# Allotment news\n\n## Work party\n\nThe June work party is on Saturday 21 June from 10am.[^1]\n\n"
        "## Plots\n\nPlot 31 is vacant.\n\n[^1]: Bring gloves and loppers; tea is provided.\n"
        "[^2]: The AGM is in October.\n"
    )
    service, retriever, rows = _retrieving(index_files("footnotes", {"news.md": page}), shared_embedder)
    gloves = rows["[^1]: Bring gloves and loppers; tea is provided."]
    party = set(terms("work party"))
    assert party <= retriever._marked_by_terms(gloves)
    assert not party & retriever._marked_by_terms(rows["[^2]: The AGM is in October."])
    assert retriever._marked_by_terms(rows["Plot 31 is vacant."]) == frozenset()
    texts = [q.text for q in _answered(service, "What should I bring to the work party?").quotes]
    assert "[^1]: Bring gloves and loppers; tea is provided." in texts


def test_a_line_s_label_is_its_first_sentence_s_alone(index_files: Any, shared_embedder: Any) -> None:
    """Only the label that opens a line's first sentence heads its later sentences, in bold or
    after an item's number too: a line of several labels ("Cats: … Rabbits: … A second pet gets
    20% off.") says nothing of its last sentence's, and a clause before a colon ("In 2024 we did
    this:") is no label."""

    page = (
        "# Plans\n\nCats: £12.50 a month, vaccinations included. Rabbits: £9.95 a month. A second pet gets 20% off.\n\n"
        "In 2024 we did this: We raised £400. Thanks to all who gave.\n\n"
        "**Intermediate:** For dogs who know the basics. Eight weekly sessions. From £140.\n\n"
        "1. Puppy Start: For puppies. Six weekly sessions. From £95.\n"
    )
    _, retriever, rows = _retrieving(index_files("line-label-cases", {"plans.md": page}), shared_embedder)

    def label(text: str) -> str | None:
        span = retriever.line_label(rows[text])
        return None if span is None else page[span[0] : span[1]]

    assert label("A second pet gets 20% off.") is None
    assert label("Rabbits: £9.95 a month.") is None  # opens with its own
    assert label("Thanks to all who gave.") is None
    assert label("From £140.") == "Intermediate:"
    assert label("From £95.") == "Puppy Start:"
