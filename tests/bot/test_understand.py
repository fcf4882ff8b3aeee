"""Question understanding: cleaning, source routing, answer kinds and follow-ups."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.errors import BadQuestionError
from bot.features import answer_type
from bot.models import Turn
from bot.understand import (
    FRAME_WORDS,
    Sources,
    clean_question,
    is_follow_up,
    named_sections,
    resolve_sources,
    understand,
)
from index.aliases import freeze, read_aliases

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
LABELS = ("Leak: NATO, U.S. Responses to Moscow’s Security Demands", "U.S. Response", "NATO Response")
#: The bundled corpus's sources, with the alias table that ships beside it.
SOURCES = Sources(LABELS, freeze(read_aliases([CORPUS])))


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What does NATO say about Ukraine?", ["NATO Response"]),
        ("What does the U.S. response say about NATO’s Open Door Policy?", ["U.S. Response"]),
        ("What does Washington propose on missiles?", ["U.S. Response"]),
        ("What does the Alliance say about confrontation?", ["NATO Response"]),
        ("What does the document tell us about Georgia?", []),
        ("Why did El País publish it?", []),
    ],
)
def test_named_sections_route_to_the_response_named(question: str, expected: list[str]) -> None:
    assert named_sections(question, SOURCES)[0] == expected


def test_both_responses_are_recognised() -> None:
    sources, both = named_sections("Compare what the U.S. and NATO say about Ukraine", SOURCES)
    assert set(sources) == {"U.S. Response", "NATO Response"} and both


def test_one_word_naming_two_sections_is_no_question_about_both() -> None:
    """ "what day do the bin men come?" of a council page with "Report a missed bin" and "Bin
    collections": "do the bin" named both strongly, and the quotes went one per section, the
    collection-day row last. Two sources asked about are two words of the question."""
    bins = Sources(("Report a missed bin", "Bin collections", "Collection days"))
    _, both = named_sections("I live in Hatton - what day do the bin men come?", bins)
    assert not both
    _, both = named_sections("What do the NATO and U.S. responses say about Ukraine?", SOURCES)
    assert both


@pytest.mark.parametrize(
    ("question", "both"),
    [
        ("Do both responses offer anything on risk reduction?", True),
        ("Who talked publicly, and how much did each of them reveal?", True),
        ("What do they each say about arms control?", True),
        ("How do the two responses deal with nuclear issues?", True),
        # "each team", "each 10 points", "both ibuprofen and paracetamol" ask about one passage: a
        # board game's "How many crates can each team collect?" got three quotes from three
        # sections, the one that answers not among them.
        ("How many crates can each team collect?", False),
        ("How much does each 10 points of canopy lower temperatures?", False),
        ("Can I take both ibuprofen and paracetamol?", False),
        # a user's own sources: reports, articles, emails; "both sides of the paper" is one passage
        ("What do both reports recommend?", True),
        ("What does each of the three reports recommend?", True),
        ("Do both agree on the timeline?", True),
        ("Can I print on both sides of the paper?", False),
    ],
)
def test_each_and_both_ask_about_several_sources_only_when_they_stand_for_them(
    question: str, both: bool
) -> None:
    assert named_sections(question, Sources(("Setup", "Ending the Game")))[1] is both


@pytest.mark.parametrize("noun", ["texts", "documents", "responses", "letters", "replies"])
def test_two_sources_sharing_a_plural_noun_are_both_named(noun: str) -> None:
    """ "the U.S. and NATO texts": the plural cue belongs to both names (it used to route to the
    U.S. alone, so a question about both was answered from one response)."""
    sources, both = named_sections(f"Which principles do the U.S. and NATO {noun} invoke?", SOURCES)
    assert set(sources) == {"U.S. Response", "NATO Response"} and both


def test_a_heading_s_small_words_do_not_name_it() -> None:
    """A leaflet's "How to take it" was named by every question with "how" or "it" in it ("How
    should I store the tablets?" went to that section); its own word "take" still names it."""
    leaflet = Sources(("Before you take it", "How to take it", "Side effects", "Storing"))
    assert named_sections("How should I store the tablets?", leaflet)[0] == []
    assert named_sections("What are the side effects?", leaflet)[0] == ["Side effects"]
    assert "How to take it" in named_sections("Can I take it with food?", leaflet)[0]


def test_lowercase_us_pronoun_is_not_the_united_states() -> None:
    assert named_sections("Can you tell us about drills?", SOURCES)[0] == []


@pytest.mark.parametrize("value", ["NATO", "nato", "US", "U.S.", "u.s. response", "NATO Response"])
def test_explicit_source_values_resolve(value: str) -> None:
    assert len(resolve_sources(value, SOURCES)) == 1


def test_unknown_explicit_source_is_a_clear_error() -> None:
    with pytest.raises(BadQuestionError, match="no source matches 'Kremlin memo'"):
        understand("anything?", SOURCES, source="Kremlin memo")


@pytest.mark.parametrize(
    "question",
    [
        "Ukraine",  # a topic of its own: the user changed the subject
        "Ukraine?",
        "Open Door Policy",
        "What did Blinken say about arms control?",
        "Which missiles are covered?",
        # A pronoun inside a question with a topic of its own refers to that topic.
        "How many troops does Russia keep on its border with Ukraine?",
        "What does NATO say about its open door policy?",
        "What did the allies say they would do about arms control in Europe?",
    ],
)
def test_a_short_question_with_a_topic_stands_alone(question: str) -> None:
    turn = Turn(question="What did Stoltenberg say?", search_query="What did Stoltenberg say?")
    u = understand(question, SOURCES, history=[turn])
    assert not u.follow_up
    assert u.search_query == u.question  # searched as asked, never merged with "Stoltenberg"


@pytest.mark.parametrize(
    "question",
    [
        "and Ukraine?",
        "What about the U.S.?",
        "What does it say about Ukraine?",
        "Why did they reject it?",
        "Why is that?",
        "… and the NATO response",
        "and in Europe...",
        "What does NATO say?",  # names a source, no topic of its own
        "Why?",
        "Tell me more",
    ],
)
def test_real_cues_make_a_follow_up(question: str) -> None:
    turn = Turn(question="What did Stoltenberg say?", search_query="What did Stoltenberg say?")
    assert is_follow_up(question, SOURCES)
    u = understand(question, SOURCES, history=[turn])
    assert u.follow_up and "Stoltenberg" in u.search_query


def test_this_before_a_noun_is_not_a_cue() -> None:
    assert not is_follow_up("What happens this year to the treaty?", SOURCES)


@pytest.mark.parametrize(
    "question",
    [
        "When can my puppy have its first groom?",
        "Can my dog bring its own bed?",
        "Is the hall big and can we hire it?",
    ],
)
def test_a_pronoun_after_its_own_noun_is_not_a_cue(question: str) -> None:
    """In a chat, "When can my puppy have its first groom?" after "What's the phone number?" was
    searched as both questions at once: "its" is the puppy, named before it."""
    assert not is_follow_up(question, SOURCES)


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("When did they reiterate the policy?", "date"),
        ("How many missile bases are mentioned?", "number"),
        ("Who went over the response in detail?", "name"),
        ("Where are the Tomahawk missiles?", "place"),
        ("What does NATO want?", None),
    ],
)
def test_answer_type(question: str, kind: str | None) -> None:
    assert answer_type(question) == kind


@pytest.mark.parametrize("bad", ["", "   ", "\x00\x01\x02", "?!?"])
def test_empty_questions_are_refused_with_a_reason(bad: str) -> None:
    with pytest.raises(BadQuestionError, match="question"):
        clean_question(bad, 2000)


def test_huge_question_is_refused_naming_the_limit() -> None:
    with pytest.raises(BadQuestionError, match="20,000 characters long; the limit is 2,000"):
        clean_question("x" * 20_000, 2000)


def test_control_and_zero_width_characters_are_removed() -> None:
    assert clean_question("What\u200b does\x07 NATO\u202e say?", 2000) == "What does NATO say?"


def test_follow_up_carries_topic_and_switches_source() -> None:
    first = understand("What does the U.S. response say about military exercises?", SOURCES)
    turn = Turn(question=first.question, search_query=first.search_query, sources=first.sources)
    follow = understand("and what does NATO say?", SOURCES, history=[turn])
    assert follow.follow_up
    assert follow.sources == ["NATO Response"]
    assert "military exercises" in follow.search_query
    assert "U.S." not in follow.search_query.replace(follow.question, "")
    # The same question, asked of the source it names: what the chat shows as "searched".
    assert (
        follow.search_query
        == "and what does NATO say? What does the NATO response say about military exercises?"
    )
    # The source's article comes along, once: "What does the U.S. say…", not "What does U.S. say…".
    nato = Turn(
        question="What does NATO say about Ukraine?", search_query="What does NATO say about Ukraine?"
    )
    assert understand("and the U.S.?", SOURCES, history=[nato]).search_query.endswith(
        "What does the U.S. say about Ukraine?"
    )
    # It has no topic of its own: the previous question's topic is the whole of it.
    assert follow.own_terms == ()


def test_a_follow_up_with_a_topic_of_its_own_says_which() -> None:
    """ "What about Georgia?" borrows the previous question's frame for the search; its own topic
    is kept apart, for the rank stage to put first."""
    turn = Turn(question="Is NATO open to Ukraine joining?", sources=["NATO Response"])
    follow = understand("What about Georgia?", SOURCES, history=[turn])
    assert follow.follow_up and "Ukraine" in follow.search_query
    assert follow.own_terms == ("georgia",)
    assert understand("What about Georgia?", SOURCES).own_terms == ()


def test_standalone_question_after_history_is_not_a_follow_up() -> None:
    turn = Turn(question="What does NATO say about Ukraine?", sources=["NATO Response"])
    u = understand("Which missiles does the U.S. offer transparency on?", SOURCES, history=[turn])
    assert not u.follow_up
    assert u.search_query == u.question


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("How much time was left on the clock when the Broncos scored?", "number"),
        ("In what year was the system created?", "date"),
        ("What does the doctor do when he is hurt?", None),
        ("What deadline does NATO give Russia?", "date"),
        ("And how many missiles?", "number"),
    ],
)
def test_answer_type_reads_the_leading_wh_phrase_only(question: str, kind: str | None) -> None:
    assert answer_type(question) == kind


def test_without_an_alias_table_sources_are_found_by_their_own_words() -> None:
    bare = Sources(LABELS)  # a corpus without .quotebot/aliases.json
    assert named_sections("What does NATO say about Ukraine?", bare)[0] == ["NATO Response"]
    assert named_sections("What does the U.S. response say?", bare)[0] == ["U.S. Response"]
    assert named_sections("What does Washington propose on missiles?", bare)[0] == []
    assert resolve_sources("US", bare) == ["U.S. Response"]


MINUTES = Sources(("Residents' Association", "3. Street lighting", "4. Autumn litter pick"))


def test_a_follow_up_keeps_the_words_of_a_source_that_is_its_topic() -> None:
    """ "When is the litter pick?" is about "4. Autumn litter pick": "And who brings the bags?"
    searches it whole, not "When is the ?"."""
    turn = Turn(question="When is the litter pick?", sources=["4. Autumn litter pick"])
    follow = understand("And who brings the bags?", MINUTES, history=[turn])
    assert follow.search_query == "And who brings the bags? When is the litter pick?"
    assert follow.sources == ["4. Autumn litter pick"]


def test_a_detail_asked_of_a_source_by_name_stands_alone() -> None:
    """ "When is choir?" of a choir's welcome pack, after "What does E4 mean?" of a dishwasher's
    guide, was searched as "When is choir? What does E4 mean?": its only word names a source, as
    "What does NATO say?" does, but it asks a detail of its own (a date)."""
    turn = Turn(question="Who chairs the association?", sources=["Residents' Association"])
    alone = understand("When is the litter pick?", MINUTES, history=[turn])
    assert not alone.follow_up and alone.search_query == "When is the litter pick?"
    # with nothing asked of its own, naming a source still asks the question before of it
    nato = understand("What does NATO say?", SOURCES, history=[Turn(question="What about Ukraine?")])
    assert nato.follow_up and nato.search_query.startswith("What does NATO say? What about Ukraine?")


def test_a_follow_up_on_another_source_drops_questions_left_without_a_topic() -> None:
    """ "What about the street lights?" names another section and has a topic of its own: the
    earlier questions lose their source's words, and one left with none is not searched."""
    first = Turn(question="When is the litter pick?", sources=["4. Autumn litter pick"])
    second = understand("And who brings the bags?", MINUTES, history=[first])
    turn = Turn(question=second.question, search_query=second.search_query, sources=second.sources)
    follow = understand("What about the street lights?", MINUTES, history=[turn])
    assert follow.search_query == "What about the street lights? And who brings the bags?"


def test_a_long_run_of_follow_ups_borrows_only_the_last_few_questions() -> None:
    turn = Turn(question="When is the litter pick?")
    asked = [
        "And who brings the bags?",
        "And the gloves?",
        "And the bin liners?",
        "And the rakes?",
        "And the tea?",
    ]
    for question in asked * 2:
        u = understand(question, MINUTES, history=[turn])
        turn = Turn(question=u.question, search_query=u.search_query, sources=u.sources)
    assert u.search_query.startswith("And the tea? And the rakes? And the bin liners?")
    assert len(u.search_query.split()) <= len(u.question.split()) + FRAME_WORDS
    assert "litter" not in u.search_query


def test_he_or_she_points_back_only_to_someone_named_before() -> None:
    """After "When was version 3.1.0 released?", "How much was she paid?" asks about someone else:
    it is searched as asked. After "When did Margaret start?", it follows on."""
    release = Turn(
        question="When was version 3.1.0 released?", search_query="When was version 3.1.0 released?"
    )
    u = understand("How much was she paid?", SOURCES, history=[release])
    assert not u.follow_up and u.search_query == "How much was she paid?"
    margaret = Turn(question="When did Margaret start?", search_query="When did Margaret start?")
    assert understand("How much was she paid?", SOURCES, history=[margaret]).follow_up
    chair = Turn(question="Who is the chair?", search_query="Who is the chair?")
    assert understand("What did she say?", SOURCES, history=[chair]).follow_up
    assert understand("Why did they reject it?", SOURCES, history=[release]).follow_up
    mcdonald = Turn(question="When did McDonald resign?", search_query="When did McDonald resign?")
    assert understand("How old was he?", SOURCES, history=[mcdonald]).follow_up
    # a version, an office: nobody
    for before in ("When was Python 3.13 support added?", "What are the office hours?"):
        turn = Turn(question=before, search_query=before)
        assert not understand("How much was she paid?", SOURCES, history=[turn]).follow_up
