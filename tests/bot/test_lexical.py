"""BM25 and term handling: stemming, stop words, IDF coverage."""

from __future__ import annotations

import math
from concurrent.futures import ThreadPoolExecutor

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.lexical import (
    BM25,
    CODE,
    asks_whether,
    coverage,
    day_runs,
    days_label,
    days_named,
    has_table_rule,
    is_item,
    labels_only,
    name_terms,
    names_columns,
    raw_words,
    record_table,
    terms,
)


def test_terms_stem_and_drop_stop_words() -> None:
    assert terms("The missiles were deployed in Romania’s bases") == ["missil", "deploy", "romania", "base"]


def test_a_footnote_mark_set_on_a_word_is_no_part_of_it() -> None:
    """A contract's price table wrote "Unlimited¹" and "£3.00 per GB.³": as words "unlimited¹"
    matched no question's "unlimited". Superscript and subscript figures are no part of a word."""
    assert terms("Unlimited¹ data, £3.00 per GB.³") == terms("Unlimited data, £3.00 per GB.")
    assert terms("20 m² of floor") == terms("20 m of floor")
    assert terms("café crème, naïve") == ["café", "crème", "naïv"]


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


def _okapi(docs: list[list[str]], query: list[str], k1: float = 1.2, b: float = 0.75) -> list[float]:
    """Textbook Okapi BM25 (the +1 IDF variant), one text at a time: what BM25 must agree with."""
    avg = sum(len(d) for d in docs) / len(docs)
    out = []
    for doc in docs:
        score = 0.0
        for term in set(query):
            df = sum(term in d for d in docs)
            tf = doc.count(term)
            if tf:
                idf = math.log(1 + (len(docs) - df + 0.5) / (df + 0.5))
                score += idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * len(doc) / avg))
        out.append(score)
    return out


@given(
    st.lists(
        st.lists(st.sampled_from(["nato", "russia", "missil", "door", "treati"]), max_size=12),
        min_size=1,
        max_size=12,
    ),
    st.lists(st.sampled_from(["nato", "russia", "missil", "absent"]), min_size=1, max_size=4),
)
def test_bm25_scores_are_okapi_bm25(docs: list[list[str]], query: list[str]) -> None:
    """Term lists in (as the index view passes them) give the textbook scores, repeated terms and
    empty texts included."""
    scores = BM25(tokenized=docs).scores(query)
    assert scores.tolist() == pytest.approx(_okapi(docs, query), rel=1e-5, abs=1e-6)


def test_a_time_written_with_a_leading_zero_is_the_time_asked_for() -> None:
    """A timetable's "| 07:20 | 08:29 |" row is "the busy 7:20": it ranked below the 17:35 train."""
    assert terms("the busy 7:20") == ["busi", "7", "20"]
    assert set(terms("| 07:20 | 08:29 |")) >= {"7", "20", "8", "29"}
    assert terms("00:00") == ["0", "0"]
    bm = BM25(["| 17:35 | 18:49 | Peak fare |", "| 07:20 | 08:29 | Busiest service |"])
    scores = bm.scores(terms("the 7:20 train"))
    assert scores[1] > scores[0]


def test_bm25_of_texts_equals_bm25_of_their_terms() -> None:
    texts = ["NATO Response: the Alliance's door stays open.", "", "Missiles, missiles and more missiles"]
    a, b = BM25(texts), BM25(tokenized=[terms(t) for t in texts])
    assert a.vocab == b.vocab
    for q in (["missil"], terms("open door NATO"), ["absent"]):
        assert a.scores(q).tolist() == b.scores(q).tolist()


def test_terms_agree_across_threads() -> None:
    """Questions are answered in worker threads while a new index may load in another: each thread
    stems with its own stemmer and gets what one thread alone gets."""
    texts = [f"The missiles were deployed {i} times in Romania’s bases, talks resumed" for i in range(400)]
    expected = [terms(t) for t in texts]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(terms, texts * 4))
    assert results == expected * 4


@pytest.mark.parametrize(
    ("text", "days"),
    [
        (
            "Monday to Friday: 9:00 a.m. to 7:30 p.m.",
            ["monday", "tuesday", "wednesday", "thursday", "friday"],
        ),
        ("Mon–Wed 9-5", ["monday", "tuesday", "wednesday"]),
        ("Open Fri - Mon", ["friday", "saturday", "sunday", "monday"]),
        ("Weekends: closed", ["saturday", "sunday"]),
        ("Saturday: 10:00 a.m. to 4:00 p.m.", []),
        ("the monument to Friday's victims", []),
    ],
)
def test_a_run_of_days_spans_every_day_in_it(text: str, days: list[str]) -> None:
    assert day_runs(text) == days


def test_a_day_in_a_question_matches_the_run_of_days_that_holds_it() -> None:
    """ "Wednesday" finds "Monday to Friday" by BM25 and coverage alike, as in any timetable."""
    texts = ["Monday to Friday: 9:00 a.m. to 7:30 p.m.", "Saturday: 10:00 a.m. to 4:00 p.m."]
    bm = BM25(texts)
    q = terms("What time do you close on a Wednesday?")
    assert bm.scores(q).argmax() == 0
    assert "wednesday" in terms(texts[0]) and terms(texts[0]).count("friday") == 1


def test_a_day_or_a_month_cut_short_counts_as_its_full_name() -> None:
    """A help line's "Sun closed" is what "Is it open on Sunday?" asks about, and a notice's "Wed 24
    Dec  07:00–14:00" what "24 December" does: the short forms counted only as themselves, so the
    line lost to any sentence that spelt the words out. A short form needs its capital ("the sun
    terrace") and a month's a day's number beside it ("May 5" is a date, "in Dec" or "may" not)."""
    assert "sunday" in terms("Sun closed") and "sunday" not in terms("the sun terrace is closed")
    # a short form beside no hours, date or other day is a word or a name (a review's finding)
    for text in ("Sat nav included as standard.", "The Sun Inn is by the station.", "SAT scores rose"):
        assert not {"saturday", "sunday"} & set(terms(text)), text
    assert {"monday", "wednesday", "saturday"} <= set(terms("Open Mon, Wed and Sat"))
    assert "decemb" in terms("WED 24 DEC 07:00") and "decemb" in terms("due 24-Dec")
    assert {"decemb", "wednesday"} <= set(terms("Wed 24 Dec  07:00–14:00"))
    assert terms("24 December") == ["24", "decemb"]
    assert "septemb" in terms("Trip on Sept 3rd") and "march" in terms("Due 1st Mar. at noon")
    assert "decemb" not in terms("in Dec there is snow") and "march" not in terms("Mar the surface")
    texts = ["Classes stop on 24 December.", "Wed 24 Dec  07:00–14:00"]
    bm = BM25(texts)
    assert bm.scores(terms("What are the hours on Wednesday 24 December?")).argmax() == 1


def test_a_holiday_of_a_fixed_date_counts_as_its_date() -> None:
    """ "Is it open on Boxing Day?" asks about a notice's "Fri 26 Dec  Closed": a holiday whose date is
    fixed counts as that date, however it is written; a word that only starts one does not."""
    assert {"26", "decemb"} <= set(terms("Is it open on Boxing Day?"))
    assert {"24", "decemb"} <= set(terms("What time do you close on Christmas Eve?"))
    assert {"1", "januari"} <= set(terms("Closed on New Year’s Day"))
    assert {"17", "march"} <= set(terms("the St. Patrick's Day parade"))
    assert {"23", "april"} <= set(terms("Saint George's Day fair"))
    assert {"31", "octob"} <= set(terms("Hallowe'en disco"))
    assert terms("Christmas lights") == ["christma", "light"] and "26" not in terms("a boxing match day")
    assert "januari" in terms("Closed New Year Day") and "januari" in terms("Burns Night supper")
    assert "januari" not in terms("The fire burns night and day")
    bm = BM25(["Thu 25 Dec  Closed", "Fri 26 Dec  Closed", "Sat 27 Dec  09:00–16:00"])
    assert bm.scores(terms("Are you open on Boxing Day?")).argmax() == 1


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("What did Japan say?", ["japan"]),
        ("Which iPhone versions are supported?", ["iphon"]),
        ("Is the iPhone's battery covered?", ["iphon"]),
        ("Can I sell it on eBay or run it on macOS?", ["ebay", "maco"]),
        ("is the 2019 plan still ok", []),
    ],
)
def test_a_name_is_a_capitalised_word_or_one_with_a_capital_inside(question: str, names: list[str]) -> None:
    """ "iPhone" is as much a name as "Japan": a question that names one the documents never use is
    about something else (``bot.names``)."""
    assert name_terms(raw_words(question)) == names


def test_a_heading_that_asks_and_the_words_that_only_frame_it() -> None:
    """Guidance pages head their parts with questions without a mark ("Who can apply"); an FAQ's
    label asks with "How much…", whose "much" names no topic, while "How deep…" does."""
    from bot.lexical import frame_terms, heads_as_question

    assert heads_as_question("Who can apply")
    assert heads_as_question("Deposits and refunds › Can I get a refund?")
    assert heads_as_question("What went well")
    assert not heads_as_question("Key dates")
    assert not heads_as_question("How to apply › Documents")  # its own part does not ask
    assert frame_terms("Joining and paying › How much does it cost?") == frozenset({"much"})
    assert frame_terms("And how deep do the cloves go?") == frozenset()


@pytest.mark.parametrize(
    ("text", "item"),
    [
        ("- 3 strawberries", True),
        ("Step 2. Enter your email and click Next.", True),
        ("Stage 3: the final", True),
        ("Steps are slippery when wet.", False),
        ("| E01 | Tank empty |", True),
        ("Vans ........................... GBP 2,000", True),
        # a timetable's line headed by its days
        ("Saturday: 08:00 - 12:00", True),
        ("Monday to Friday: 9 a.m. to 5:30 p.m.", True),
        ("Sunday and bank holidays: closed", True),
        ("Sunday: we meet at the church hall.", False),  # no time, no "closed": prose
        ("Sundays are quiet: come at 9.", False),
        # prose: a typist's two blanks, a wrapped sentence, an ellipsis, dots that lead to prose
        ("It ended.  Then it rained.", False),
        ("The meeting, held on Monday,  was attended by all.", False),
        ("So we waited...... and waited.", False),
        ("Payments can be made through ParentPay as\n    follows:", False),
        ("He paused ... and went on.", False),
    ],
)
def test_an_item_is_a_list_item_or_a_row_of_any_table(text: str, item: bool) -> None:
    assert is_item(text) is item


@pytest.mark.parametrize(
    ("row", "labels"),
    [
        ("| Type of leave | Weeks 1-6 | Weeks 7-26 |", True),
        ("|  | Mon | Tue |", True),
        ("| Maternity | 100% of salary | 75% of salary |", False),
        ("| Founded | 1987 |", False),
        ("| Sauna | £7.50 |", False),
        ("|  |  |", False),
        # an age group heads a column of prices, though it opens with a number
        ("|  | Under 2s | 2 years and over |", True),
        ("| Ticket | 16 and under | 65+ |", True),
        ("| Warranty | 2 years |", False),
        ("| Age | 18 |", False),
        ("| Members | 500+ |", False),  # a count, not an age group
        ("| Speed | 30 or below |", False),
        ("| Child | 1" + " " * 5000 + "x |", False),
        # a day's date is a value, though its cell opens with a word (a term-dates table's rows
        # were each shown as the header of the row under them); a month and its year is a label
        ("| Term starts | Tuesday 6 January |", False),
        ("| Term ends | Friday 27 March, 1:30pm |", False),
        ("| Item | January 2026 | February 2026 |", True),
    ],
)
def test_a_header_row_holds_labels_only(row: str, labels: bool) -> None:
    """A header's cells open with letters, even where they hold numbers ("Weeks 7-26"), or name an
    age group ("2 years and over"); a row of values has a cell that opens with a number or an
    amount."""
    assert labels_only(row) is labels


def test_the_days_a_text_is_about() -> None:
    assert days_named("Open Monday to Friday, and Sat mornings") == {
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
    }
    assert days_named("Sundays and bank holidays: closed") == {"sunday"}
    assert days_named("Open daily from 9") == set(days_named("Monday to Sunday"))
    assert days_named("Serves 10. Bake for 45 minutes.") == frozenset()


def test_a_label_of_days_only() -> None:
    """A timetable's heading "Saturday" dates the lines under it; a recipe's "Sunday Lemon Drizzle
    Cake" names a day but is about a cake."""
    assert days_label("Saturday") and days_label("Sunday and bank holidays") and days_label("Mon-Fri")
    assert not days_label("Sunday Lemon Drizzle Cake")


def test_a_question_in_reported_form_answers_nothing() -> None:
    """A laptop comparison's "Still to check:" list: "- Whether John Lewis will price match the
    Lenovo." was quoted as the answer to "Will John Lewis price match the Lenovo?"."""
    assert asks_whether("- Whether John Lewis will price match the Lenovo.")
    assert asks_whether("Whether Mum's old printer works with Windows 11")
    assert not asks_whether("Whether you are new or not, you are welcome.")
    assert not asks_whether("Ask whether the room is free.")


def test_a_day_s_short_form_counts_only_with_its_capital() -> None:
    assert days_named("What time does the sun terrace open?") == frozenset()
    assert days_named("Where have I sat my exam?") == frozenset()
    assert days_named("Sat 9am to 1pm") == {"saturday"}
    assert days_named("open on ſunday?") == {"sunday"}  # no error on a long s


def test_a_run_of_day_names_is_read_in_linear_time() -> None:
    """ "Tues" and "Thurs" could each be read two ways: a line of them took exponential time."""
    assert not is_item("Tues, " * 5000)
    assert not days_label("Thurs-" * 5000)


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("What does F28 mean on the X200?", ["F28", "X200"]),
        ("Who manages the U12 team?", ["U12"]),
        ("Open 10am to 2pm on the 2nd floor, room 3 B.", []),
    ],
)
def test_a_code_is_letters_then_digits(text: str, codes: list[str]) -> None:
    assert [m.group(0) for m in CODE.finditer(text)] == codes


def test_names_columns_needs_labels_over_values_cell_for_cell() -> None:
    assert names_columns("| Package | Price per child | Minimum children |", "| Mega Party | £16.00 | 12 |")
    # a first row of data, a row of labels, or a different number of cells: no header shown
    assert not names_columns("| Monday | 9am to 5pm |", "| Tuesday | 9am to 5pm |")
    assert not names_columns("| Monday | Closed |", "| Tuesday | Closed |")
    assert not names_columns("| Item | Price |", "| Sauna | 45 min | 7.50 |")
    # a day's row of opening times, first in a table without a header, names no columns
    assert not names_columns("| Monday | Closed |", "| Tuesday | 9am to 5pm |")
    assert not names_columns("| Sunday and bank holidays | Closed |", "| Saturday | 10am to 4pm |")
    assert names_columns("| Day | Opens | Closes |", "| Monday | 9am | 5pm |")


def test_a_rule_under_a_row_marks_it_as_its_table_s_header() -> None:
    """Markdown accepts a rule of one dash or more a cell, with colons for alignment."""
    for rule in ("|---|---|", "| --- | --- |", "| :-: | :-: |", "|:--|--:|", "|-|-|", "| --- | ---"):
        assert has_table_rule(f"\n{rule}\n"), rule
    assert not has_table_rule("\n")
    assert not has_table_rule("\n|  |  |\n")  # a row of empty cells is no rule


def test_a_marked_header_names_columns_whatever_it_holds_but_a_day_over_a_day() -> None:
    assert names_columns("| Band | 2023/24 |", "| A | £1,204 |", marked=True)
    assert not names_columns("| Band | 2023/24 |", "| A | £1,204 |")  # unmarked: a number is a value
    assert names_columns("| Feature | Basic |", "| Wi-Fi | yes |", marked=True)
    assert names_columns("| Monday | Tuesday |", "| Yoga at 9am | Spin at 7am |", marked=True)
    # a Markdown table without a header writes its first day there
    assert not names_columns("| Monday | Closed |", "| Tuesday | 9am to 5pm |", marked=True)
    assert not names_columns("| Band | Fee |", "| A | £1 | £2 |", marked=True)  # cell for cell


@pytest.mark.parametrize(
    ("rows", "record"),
    [
        # a reminder's labels and values: names, a date, a time and an amount down one column
        (
            [
                "| Patient | Ms Anita Patel |",
                "| Appointment | Check-up |",
                "| Date | Thursday 12 June 2025 |",
                "| Time | 10:40am |",
                "| Cost | £27.40 |",
            ],
            True,
        ),
        # a header over times and dates is a header: "When" is no third kind
        (["| Event | When |", "| Quiz | Monday 7pm |", "| Fair | 12 June |", "| AGM | 10:30am |"], False),
        # a column's title over mixed terms, not a value of its own
        (
            [
                "| Item | What you get and what you pay |",
                "| Speed | 36 Mbps |",
                "| Price | £24.99 a month |",
                "| Starts | 1 May 2025 |",
                "| Router | Included |",
            ],
            False,
        ),
        # a header in title case over mixed values is a header (review)
        (
            [
                "| Session | Start Time |",
                "| Swim | Mon 6pm |",
                "| Gym | £5.00 |",
                "| Sauna | Ground floor |",
                "| Yoga | 14 May |",
            ],
            False,
        ),
        # words that open like a month or a day are no dates: "10 Market Street", "Sun cream"
        (
            [
                "| Name | Ms Ann Lee |",
                "| Address | 10 Market Street |",
                "| Bring | Sun cream |",
                "| Car | Sat nav |",
            ],
            False,
        ),
        # prices alone, and a table of three columns, are no record
        (["| Tea | £1.50 |", "| Cake | £2.50 |", "| Scone | £2.00 |", "| Soup | £4.50 |"], False),
        (
            ["| A | 1 May | £5 | x |", "| B | 2pm | £6 | y |", "| C | z | £7 | w |", "| D | 3pm | £8 | v |"],
            False,
        ),
    ],
)
def test_a_table_of_labels_and_values_of_several_kinds_is_one_record(rows: list[str], record: bool) -> None:
    assert record_table(rows) is record
