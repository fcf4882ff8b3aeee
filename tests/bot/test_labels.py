"""Labels: a quote about another round, quarter or band of the thing asked does not answer."""

from __future__ import annotations

import pytest

from bot.focus import detail_missing
from bot.labels import contradicts, labels_of


@pytest.mark.parametrize(
    ("question", "written"),
    [
        ("When does the fifth round of talks begin?", ["fifth round"]),
        ("What was the net income for the 3rd quarter?", ["3rd quarter"]),
        ("How much will a Band A household pay?", ["Band A"]),
        ("Which room is Year 5 in?", ["Year 5"]),
        # a quarter or a half of a year written short is an ordinal: Q3 is the third quarter
        ("What did Corvane earn in Q3?", ["third quarter"]),
        # in the preamble too: the label picks the thing out wherever the asker writes it
        ("We're a Band C household. How much will we pay?", ["Band C"]),
        # dates, the pronoun and a noun that is a stop word are no labels
        ("What happens on June 3?", []),
        ("Can I bring a dog?", []),
        ("Is the first of these free?", []),
        ("What does the second-hand shop sell?", []),
        # a set phrase, a title-cased question, two labels of one noun, "twenty-first"
        ("Who do I call about a first time buyer mortgage?", []),
        ("Can I Bring A Dog?", []),
        ("My son moves up from Year 6 to Year 7. What uniform does he need?", []),
        ("When is the twenty-first round?", ["twenty-first round"]),
        # the asked clause's label, not the preamble's
        ("We were Band C last year. How much does Band D pay now?", ["Band D"]),
        # a half only before a year: "H2 cylinders" hold hydrogen
        ("Where are H2 cylinders stored?", []),
        ("What were sales in H1 2024?", ["first half"]),
    ],
)
def test_labels_of(question: str, written: list[str]) -> None:
    assert [label.written for label in labels_of(question)] == written


@pytest.mark.parametrize(
    ("question", "text", "contradicted"),
    [
        # another one of the kind, named by the same noun
        (
            "When does the fifth round of talks begin?",
            "The fourth round is scheduled to end on Friday.",
            True,
        ),
        ("How much will a Band A household pay?", "A Band D household will pay £1,876.42 a year.", True),
        (
            "What did it earn in the third quarter?",
            "For the fourth quarter of 2024 it expects $430 million.",
            True,
        ),
        ("Which room is Year 5 in?", "Year 6 are in Room 4.", True),
        ("What is on the 2nd floor?", "The first floor has the café.", True),
        ("What did it earn in Q3?", "For the fourth quarter of 2024 it expects $430 million.", True),
        ("What did it earn in the third quarter?", "Q4 revenue was $3 million.", True),
        ("What did it earn in the third quarter?", "Q3 revenue was $3 million.", False),
        # the asked one is there, or could be: no contradiction
        ("When does the fifth round begin?", "The fifth round begins on 3 March.", False),
        ("When does the fifth round begin?", "The fourth round ends Friday, and a fifth is planned.", False),
        (
            "What time does the second session start?",
            "The first session starts at 9, the second at 11.",
            False,
        ),
        ("How much will a Band A household pay?", "Bands A to C pay less than the average.", False),
        ("Which room is Year 5 in?", "Years 5 and 6 are in Room 4.", False),
        ("Which room is Year 5 in?", "Year 5 are in Room 4.", False),
        # the asked one hyphenated, or written in the other form, or as "twenty-first"
        (
            "How much is a first class stamp?",
            "A second class stamp is 85p and a first-class stamp £1.65.",
            False,
        ),
        ("What was third quarter revenue?", "Third-quarter revenue was $412.7 million.", False),
        (
            "What time does the first session start?",
            "Session 1 starts at 9am; the second session at 11am.",
            False,
        ),
        (
            "When does Round 5 begin?",
            "The fourth round ended on Friday; the fifth round begins on 3 March.",
            False,
        ),
        ("When is the 21st round?", "The twenty-first round follows the twentieth round in May.", False),
        # "Band D, the average band" is no list of bands
        ("How much will a Band A household pay?", "Band D, the average band, pays £1,876.", True),
        # a text that names no round at all is left to the other checks
        ("When does the fifth round begin?", "Talks resume on Monday in Geneva.", False),
        # another noun with another ordinal says nothing about the one asked
        ("When does the fifth round begin?", "It is the second time the talks have stalled.", False),
    ],
)
def test_contradicts(question: str, text: str, contradicted: bool) -> None:
    (label,) = labels_of(question)
    assert contradicts(text, label) is contradicted


def test_a_quote_about_another_band_is_refused_with_the_band_named() -> None:
    """The reason names what was asked, so the user sees why the closest passage is not an answer."""
    question = "How much will a Band A household pay in council tax?"
    other = "The increase means a Band D household will pay £1,876.42 a year."
    assert detail_missing([other], question, "number") == "no passage gives it for Band A"
    assert detail_missing(["A Band A household will pay £1,251 a year."], question, "number") is None


def test_a_later_round_asked_when_only_the_earlier_is_dated() -> None:
    question = "When does the fifth round of talks begin?"
    reason = detail_missing(["The fourth round is scheduled to end on Friday."], question, "date")
    assert reason == "no passage gives it for the fifth round"


@pytest.mark.parametrize(
    ("question", "written"),
    [
        ("What's the charge for an early check in at the hotel?", ["early check-in"]),
        ("Is the morning session full?", ["morning session"]),
        ("How much is the late fee?", ["late fee"]),
        # both of a pair asked: neither picks the thing out
        ("Can I have an early or a late check-in?", []),
        ("Is there a morning or an afternoon class?", []),
        # a word with no noun after it picks nothing out, nor one in the preamble
        ("How late can I check out?", []),
        ("What time does the surgery open in the morning?", []),
        ("Our flight lands late. What time does reception close?", []),
        # words with no opposite here: "last week" dates, "close" is what "Open 7am to 9pm" says
        ("I joined last week. When does the pool close?", []),
    ],
)
def test_opposites_a_question_picks_its_thing_out_by(question: str, written: list[str]) -> None:
    assert [label.written for label in labels_of(question) if label.form == "opposite"] == written


def test_a_quote_about_the_opposite_thing_is_refused_with_it_named() -> None:
    """A hotel's page prices a late check-out, not an early check-in: the price was shown as the
    answer to "What's the charge for an early check-in?". Only the opposite on the same thing (or
    on the thing's own opposite, "late check-out") contradicts: a quote that writes the asked one
    too, or the opposite word about something else, is left to the other checks."""
    question = "What's the charge for an early check-in at the hotel?"
    late = "Late check-out until 1 p.m. costs £20 and can be booked at reception."
    assert detail_missing([late], question, "number") == "no passage gives it for early check-in"
    assert contradicts("Late checkout until 2pm is £25.", labels_of("How much is early check in?")[0])
    both = "Early check-in costs £15; late check-out costs £20."
    assert detail_missing([both], question, "number") is None
    assert detail_missing(["Check-in is from 3 p.m.; any earlier costs £15."], question, "number") is None
    morning = labels_of("When does the morning class start?")[0]
    assert contradicts("The evening class starts at 7pm.", morning)
    assert not contradicts("Classes start at 10am and 2pm.", morning)
    # the opposite word about another thing: a late fee beside early drop-off, evening appointments
    collection = "Is there a charge for late collection from nursery?"
    drop_off = "Collection after 6pm costs £10 per 15 minutes. Early drop-off from 7.30am costs £5."
    assert detail_missing([drop_off], collection, "number") is None
    yoga = "When is the morning yoga class?"
    assert detail_missing(["Yoga runs 9.30am to 10.30am, with an evening class at 7pm."], yoga, None) is None
    # "check out our guide" is no check-out
    assert not contradicts("Check out our guide to local restaurants.", labels_of(question)[0])
