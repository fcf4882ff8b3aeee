"""Numbers and codes a question writes that no document writes (bot.numbers)."""

from __future__ import annotations

import pytest

from bot.numbers import (
    NumberIndex,
    against_a_bound,
    askers_preamble,
    in_the_askers_preamble,
    numbers_in,
    ranges_in,
)

DOCS = {
    "notes.md": "Tidewater 3.2 adds offline mode. Building the index takes up to ten minutes for 5,000 notes.",
    "manual.md": "| E01 | Water tank empty |\n| E03 | Grinder blocked |\nDescale at 09:30 with 2kg of salt.",
    "minutes.md": "The meeting opened at 7:30 p.m. on 16 January 2024.",
}


@pytest.mark.parametrize(
    ("question", "unknown"),
    [
        # Written another way, the same number: time separators, thousands, leading zeros, units.
        ("Did the meeting open at 7.30?", ()),
        ("What happens with 5000 notes?", ()),
        ("Can I descale at 9.30?", ()),
        ("Is 2 kg enough?", ()),
        ("What does E01 mean?", ()),
        ("What was decided in January 2024?", ()),
        # Another version, code or year than any document writes.
        ("When is Tidewater 3.3 coming out?", ("3.3",)),
        ("What does error E04 mean?", ("E04",)),
        ("Who won the Tour de France in 2019?", ("2019",)),
        # A person's age describes who asks: documents give ranges ("children under 12").
        ("Can my 10-year-old take it?", ()),
        ("I'm 70 years old, is there a discount?", ()),
        ("Can our 5 year old son come?", ()),
        ("Can a 6 year old swim alone?", ()),
        ("Do 11-year-olds pay the child price?", ()),
        # An age that is a fact to look up is a number like any other.
        ("Which Super Bowl did Elway win at 38 years old?", ("38",)),
        ("Can my 10-year-old use the 3.3 release?", ("3.3",)),
        ("I'm 24, is there an extra charge?", ()),
        ("My son turns 16 in May, can he join?", ()),
        ("I'm 24 minutes late, can I still board?", ("24",)),
        # Words are not numbers; a question without digits has none to miss.
        ("What does error four mean?", ()),
    ],
)
def test_a_number_no_document_writes_is_unknown(question: str, unknown: tuple[str, ...]) -> None:
    assert NumberIndex(DOCS).unknown(question) == unknown


def test_a_number_only_in_a_hidden_document_is_unknown() -> None:
    """``eval --near-misses`` hides the gold paragraph: its numbers are gone with it."""
    index = NumberIndex(DOCS)
    assert index.unknown("What happened in 2024?") == ()
    assert index.unknown("What happened in 2024?", frozenset({"minutes.md"})) == ("2024",)


def test_a_number_inside_a_range_a_document_writes_is_known() -> None:
    """A price table's "4 to 6 items" answers "How much for 5 items?"; 9 items, or a number only in
    a hidden document's range, is still unknown, and so are times and decimals."""
    index = NumberIndex(
        {"prices.html": "| 4 to 6 items | £55 |", "club.md": "Open to ages between 10 and 14."}
    )
    assert index.unknown("How much for 5 items?") == ()
    assert index.unknown("How much for 9 items?") == ("9",)
    assert index.unknown("Can a child of 12 join?") == ()
    assert index.unknown("Can a child of 12 join?", frozenset({"club.md"})) == ("12",)
    assert ranges_in("open 7:30 to 9:00, 10.5 to 12 kg, 3 and 4 apples, call 01632-960123") == []
    assert ranges_in("Years 4 and 5 to 9") == [(5, 9)]


def test_numbers_in_reads_codes_whole_and_units_by_their_number() -> None:
    assert numbers_in("E04, A4 paper, 10p, 3rd, 1960s, £1,500.50") == {
        "e4": "E04",
        "a4": "A4",
        "10": "10p",
        "3": "3rd",
        "1960": "1960s",
        "1500.50": "1,500.50",
    }


def test_the_table_is_built_only_for_a_question_that_writes_a_digit() -> None:
    class Counting(dict[str, str]):
        reads = 0

        def items(self):  # type: ignore[override]
            Counting.reads += 1
            return super().items()

    index = NumberIndex(Counting(DOCS))
    assert index.unknown("What does the manual say about descaling?") == () and Counting.reads == 0
    assert index.unknown("What about E09?") == ("E09",) and Counting.reads == 1
    assert index.unknown("And E08?") == ("E08",) and Counting.reads == 1


def test_a_number_scaled_by_k_or_m_is_the_number_it_says() -> None:
    """ "What's the most deposit if my yearly rent is under £50k?" was refused with "the documents
    never mention 50k" beside "where the annual rent is under £50,000"."""
    index = NumberIndex(
        {"faq": "A deposit can be no more than 5 weeks' rent where the annual rent is under £50,000."}
    )
    assert index.unknown("What's the most deposit if my yearly rent is under £50k?") == ()
    assert index.unknown("And if it is over £60k?") == ("60k",)
    # "10k" read as written as well: a run's ten kilometres is "10 km"
    assert (
        NumberIndex({"race": "The 10 km route starts at the pier."}).unknown("When does the 10k start?") == ()
    )


def test_a_document_s_scaled_number_is_read_scaled_too_and_a_huge_one_as_written() -> None:
    index = NumberIndex({"job": "Salary £45k, rising to £1.5m for directors."})
    assert index.unknown("Is the salary £45,000?") == ()
    assert index.unknown("Is it £1,500,000 for directors?") == ()
    huge = "9" * 320 + "k"
    assert index.unknown(f"Is it {huge}?") == (huge,)  # no overflow


@pytest.mark.parametrize(
    ("number", "question", "text", "bounded"),
    [
        # the asker's own year or measure, held against a rule's bound: the rule answers it
        (
            "2012",
            "I've got an old diesel from 2012, do I pay more?",
            "A diesel surcharge of £40 is added for diesel vehicles registered before September 2015.",
            True,
        ),
        (
            "2.5m",
            "my van is 2.5m tall, can I get a permit?",
            "- the vehicle is no more than 2.3 metres high and 5.25 metres long.",
            True,
        ),
        # someone else's number, a code or a version is still a thing the documents never mention
        ("2019", "Who won in 2019?", "Since 2010 the cup has gone to Leeds.", False),
        ("3.3", "When is my Tidewater 3.3 coming out?", "Tidewater 3.2 came out before 2026.", False),
        # a unit written apart is the number's unit too
        ("2.5", "My van is 2.5 metres tall, can I get a permit?", "No more than 2.3 metres high.", True),
        # a bound of another kind (a year against metres, metres against hours) says nothing of it
        ("2012", "I have a car from 2012, is it allowed?", "Cars over 2.3 metres tall pay more.", False),
        ("2.5m", "My van is 2.5m tall, can I park?", "Parking is free for up to 2 hours.", False),
        # one thing of that measure ("a 30 kg dog") is held against the bound too; a named class is not
        ("30", "How much to neuter a 30 kg dog?", "Dog prices depend on weight: over 25 kg £320.", True),
        ("30kg", "How much to neuter a 30kg dog?", "Dog prices depend on weight: over 25 kg £320.", True),
        ("30", "Who won the 30 kg class?", "Dog prices depend on weight: over 25 kg £320.", False),
        # a time, or a code, is no measure of the asker's own
        ("7pm", "Can I book the 7pm showing for my son?", "Children under 5 go free.", False),
        ("5G", "Does my phone support 5G?", "Under 3 bars, move closer to a window.", False),
    ],
)
def test_the_askers_own_number_is_answered_by_a_bound(
    number: str, question: str, text: str, bounded: bool
) -> None:
    assert against_a_bound(number, question, text) is bounded


def test_a_number_in_what_the_asker_tells_first_is_theirs() -> None:
    """ "I drive a 1.2 litre Fiesta. What would a full service cost?" of a garage's price list was
    told the documents never mention 1.2: the asker's own car, not what they ask about. A number in
    the ask itself, or in a preamble about something else, is still checked."""
    q = "I drive a 1.2 litre Fiesta. What would a full service cost?"
    assert askers_preamble(q) == "I drive a 1.2 litre Fiesta. "
    assert in_the_askers_preamble("1.2", q)
    assert in_the_askers_preamble("1.6", "My 1.6 Focus needs an MOT. Is there any deal if I do both?")
    assert not in_the_askers_preamble("10", "How much is it to collect 7 to 10 items?")
    assert not in_the_askers_preamble("2019", "The 2019 report was late. What did it say about 2019?")
    assert not in_the_askers_preamble("3.3", "Tidewater 3.3 is out. What changed?")


def test_a_time_of_day_is_the_same_on_either_clock() -> None:
    """ "Someone said the 9.15pm sometimes turns into a bus" of a timetable that writes "21:15" was
    told the documents never mention 9.15pm."""
    index = NumberIndex({"t": "Departs 21:15, 07:30 and 18:00."})
    assert index.unknown("Does the 9.15pm run on Sundays?") == ()
    assert index.unknown("Is the 7.30am on time?") == ()
    assert index.unknown("What about the 6pm?") == ()
    assert index.unknown("What about the 8pm?") == ("8pm",)
    assert index.unknown("Is the 9.20pm late?") == ("9.20pm",)


def test_an_age_group_is_the_same_in_letters_or_words() -> None:
    """ "When's the first U12 match?" of a club that writes "Under-12s" was told the documents
    never mention U12."""
    index = NumberIndex({"club": "Under-12s Manager: Gary Okafor. Under-9s and Under-10s train on Tuesday."})
    assert index.unknown("When's the first U12 match?") == ()
    assert index.unknown("u9 training time") == ()
    assert index.unknown("Who runs the U14s?") == ("U14s",)


def test_a_decimal_is_no_time_of_day() -> None:
    """A fee of "£9.15" is no "21:15", and "Python 3.10" no "3:10"."""
    index = NumberIndex({"t": "Departs 21:15 and 15:10. A day ticket costs £9.15."})
    assert index.unknown("Is the fee £9.16?") == ("9.16",)
    assert index.unknown("Does it support Python 3.10?") == ("3.10",)
