"""Sentences: the unit a user gets quoted. Boundaries must read naturally and offsets must be exact."""

from __future__ import annotations

import itertools
import random

import pytest
from writepath_helpers import assert_spans_exact, make_document, sentences_of, words

from index.analysis import analyse
from index.sentences import DAY_LINE, MAX_SENTENCE_CHARS, column_headers, quotation_share, sentence_spans


def split(text: str) -> list[str]:
    spans = sentence_spans(text, 0, len(text), [])
    for s, e in spans:
        assert text[s:e].strip() == text[s:e]
    return [text[s:e] for s, e in spans]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The U.S. said no. Then Gen. Smith left at 5 p.m. yesterday. Dr. Jones arrived.",
            ["The U.S. said no.", "Then Gen. Smith left at 5 p.m. yesterday.", "Dr. Jones arrived."],
        ),
        (
            "Both NATO and the U.S. formally reiterated their commitment. None were released.",
            ["Both NATO and the U.S. formally reiterated their commitment.", "None were released."],
        ),
        (
            "He met Dr. Jones at 3 p.m. on Friday. They talked.",
            ["He met Dr. Jones at 3 p.m. on Friday.", "They talked."],
        ),
        (
            "Mr. Smith and Mrs. Jones met Prof. Brown. Done.",
            ["Mr. Smith and Mrs. Jones met Prof. Brown.", "Done."],
        ),
        # sentencex splits after an abbreviation followed by a common sentence opener; a title never ends one
        ("They met Dr. Who in London. It rained.", ["They met Dr. Who in London.", "It rained."]),
        (
            "Gen. The Lord Dannatt spoke. Nobody objected.",
            ["Gen. The Lord Dannatt spoke.", "Nobody objected."],
        ),
        (
            "Some papers (e.g. The Times) agreed. Others did not.",
            ["Some papers (e.g. The Times) agreed.", "Others did not."],
        ),
        ("The vote is at 5 p.m. The count follows.", ["The vote is at 5 p.m.", "The count follows."]),
    ],
)
def test_abbreviations_do_not_split(text, expected):
    assert split(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # sentencex reads "May." and "me." as abbreviations and kept these whole
        (
            "The talks began in May. Blinken said they went well.",
            ["The talks began in May.", "Blinken said they went well."],
        ),
        (
            "He told me. John agreed. So it may. Moscow waits.",
            ["He told me.", "John agreed.", "So it may.", "Moscow waits."],
        ),
        # ... but a month before a number, a word merely ending in "may", a quoted passage stay whole
        ("It ends on May 5. Then what?", ["It ends on May 5.", "Then what?"]),
        ("To their dismay. Smith left.", ["To their dismay.", "Smith left."]),
        (
            "“It was in May. Ribault said so,” he wrote. Then he left.",
            ["“It was in May. Ribault said so,” he wrote.", "Then he left."],
        ),
        ('"It was in May. Ribault said so," he wrote.', ['"It was in May. Ribault said so," he wrote.']),
        ("«It was in May. Ribault said so», he wrote.", ["«It was in May. Ribault said so», he wrote."]),
        # a quotation closed before it („…“) does not hold the cut back; any capital counts
        ("„Ja“, he said in May. Blinken left.", ["„Ja“, he said in May.", "Blinken left."]),
        ("He came in May. “Then” he left.", ["He came in May.", "“Then” he left."]),
        ("He came in May. Ángela left.", ["He came in May.", "Ángela left."]),
        # a place's letter after its kind is no initial (round 38's minutes)
        (
            "Park on the overflow area behind Block D. Cars left in the closed half will be moved.",
            ["Park on the overflow area behind Block D.", "Cars left in the closed half will be moved."],
        ),
        ("Meet at Gate B. Buses leave at noon.", ["Meet at Gate B.", "Buses leave at noon."]),
        # ... but a person's initials stay with the name, after a role too
        ("The talk is by John F. Kennedy and others.", ["The talk is by John F. Kennedy and others."]),
        (
            "Training is led by Coach K. Bell every Tuesday.",
            ["Training is led by Coach K. Bell every Tuesday."],
        ),
    ],
)
def test_whole_words_read_as_abbreviations_still_end_a_sentence(text, expected):
    assert split(text) == expected


def test_curly_quotes_stay_with_their_sentence():
    text = "He said “This is it.” Then he left. She wrote: “Go home! Now.” And so on."
    assert split(text) == [
        "He said “This is it.”",
        "Then he left.",
        "She wrote: “Go home! Now.”",
        "And so on.",
    ]


def test_straight_quotes_stay_with_their_sentence():
    assert split('It said "We agree." Then silence.') == ['It said "We agree."', "Then silence."]


def test_closing_emphasis_stays_with_the_sentence_it_closes():
    """An FAQ in Markdown: "**How do I sign up?**" then its answer on the next line; sentencex
    ends the question at "?" and gave the closing "**" to the answer ("** Download the app")."""
    text = "**How do I sign up?**\nDownload the app. _Really?_ Yes.\n\n**How much is it?**\n\n- £6 a day"
    assert split(text) == [
        "**How do I sign up?**",
        "Download the app.",
        "_Really?_",
        "Yes.",
        "**How much is it?**",
        "- £6 a day",
    ]
    assert split("Bold **claim.** Next one.") == ["Bold **claim.**", "Next one."]


def test_a_bare_reply_opens_the_sentence_that_explains_it():
    """An FAQ answers "No. Bikes left outside are charged a £20 fee."; "No." alone answers nothing."""
    text = "**Can I?**\nYes. Floats are welcome.\n\nIs it free? No. It costs £2.\n\nNo.\n\nEnd."
    assert split(text) == [
        "**Can I?**",
        "Yes. Floats are welcome.",
        "Is it free?",
        "No. It costs £2.",
        "No.",
        "End.",
    ]


def test_a_list_number_stays_with_its_text():
    """sentencex cuts "1." off "1. Rent is due." (not off "1. Heat the oven."): a quote "1." says
    nothing, so the number opens the text after it on its line. A number at a line's end stays."""
    text = "Rules:\n1. Rent is due by March.\nIV. Sheds need approval.\nWe counted 4.\nFive more came."
    assert split(text) == [
        "Rules:",
        "1. Rent is due by March.",
        "IV. Sheds need approval.",
        "We counted 4.",
        "Five more came.",
    ]
    # "Step 2." is a list number too
    steps = "To reset a password:\nStep 1. Go to the portal.\nStep 2. Enter your email and click Next."
    assert split("Repeat it:\nstep 2. Enter the code.") == ["Repeat it:", "step 2. Enter the code."]
    assert split(steps) == [
        "To reset a password:",
        "Step 1. Go to the portal.",
        "Step 2. Enter your email and click Next.",
    ]
    # A number after a line that stops mid-phrase is the phrase's own (a formula broken over lines).
    assert split("It burns acetylene and compressed O\n2. This method became common.") == [
        "It burns acetylene and compressed O\n2.",
        "This method became common.",
    ]
    indented = (
        "Safety:\n\n  * Always tell the coach.\n  * Carry a whistle in every\nscull.\n  * Drills are monthly."
    )
    assert split(indented)[1:] == [
        "* Always tell the coach.",
        "* Carry a whistle in every\nscull.",
        "* Drills are monthly.",
    ]
    # An item that ends mid-phrase ("; and", a time) still ends where the next bullet opens: a
    # letter's "  * " list had run each bullet onto the item above it.
    letter = (
        "We need:\n\n  * your pass number, shown above; and\n  * a copy of the change.\n\n"
        "Help at:\n\n  * Westmarsh Library – Tuesday, 10am to 3pm\n  * Fairlea Hub – Wednesday, 10am to 12 noon"
        "\n  * Civic Offices – Monday to Friday, 9am to 4pm"
    )
    assert split(letter) == [
        "We need:",
        "* your pass number, shown above; and",
        "* a copy of the change.",
        "Help at:",
        "* Westmarsh Library – Tuesday, 10am to 3pm",
        "* Fairlea Hub – Wednesday, 10am to 12 noon",
        "* Civic Offices – Monday to Friday, 9am to 4pm",
    ]


def test_each_table_row_is_a_sentence():
    """sentencex knows no tables: it ran a table without full stops into one sentence, and cut one
    with them in mid-row ("clicks. |" then "| E02 |")."""
    text = (
        "Error codes:\n| Code | Meaning |\n|------|:-------:|\n| E01 | Tank empty. Fill it. |\n"
        "| E02 | Unit missing |\nCall us if a code stays."
    )
    assert split(text) == [
        "Error codes:",
        "| Code | Meaning |",
        "| E01 | Tank empty. Fill it. |",
        "| E02 | Unit missing |",
        "Call us if a code stays.",
    ]


def test_each_line_with_dot_leaders_is_a_sentence():
    """A plain-text price list: sentencex ended a "sentence" at the leader's dots, so each price
    went with the next line's name ("GBP 1,200 Premium and estate cars ........")."""
    text = (
        "5.2 Excess amounts:\n  Economy / compact cars ......... GBP 1,200\n"
        "  Vans ........................... GBP 2,000\nContents\nIntroduction..........5\n"
        "Soup of the day . . . . . 4.50\nWe waited.... and then some. He said ... nothing at all."
    )
    assert split(text) == [
        "5.2 Excess amounts:",
        "Economy / compact cars ......... GBP 1,200",
        "Vans ........................... GBP 2,000",
        "Contents",
        "Introduction..........5",
        "Soup of the day . . . . . 4.50",
        "We waited.... and then some.",
        "He said ... nothing at all.",
    ]


def test_each_line_of_a_plain_text_table_in_columns_is_a_sentence():
    """A surgery leaflet's opening hours and its doctors laid out in columns: sentencex ran the hours
    into one "sentence" and cut each doctor's line in two ("Dr Helen Okafor" / "(F) MBChB …")."""
    text = (
        "Monday      8:00am - 6:30pm\n"
        "Thursday    8:00am - 1:00pm  (closed for staff training in the afternoon)\n"
        "Sunday      Closed\n\n"
        "Age                Dose              Max. tablets\n"
        "-----------------  ----------------  ------------\n"
        "16 years and over  2 to 4 tablets    16\n\n"
        "Dr Helen Okafor (F)      MBChB MRCGP    Mon, Tue, Thu\n"
        "Dr James Whitcombe (M)   MBBS MRCGP     Mon to Fri   - Senior Partner\n\n"
        "A typist's paragraph.  It has two blanks after each full stop.  And it wraps\n"
        "onto a second line.  Still prose.\n\n"
        "One line  with a gap is prose."
    )
    assert split(text) == [
        "Monday      8:00am - 6:30pm",
        "Thursday    8:00am - 1:00pm  (closed for staff training in the afternoon)",
        "Sunday      Closed",
        "Age                Dose              Max. tablets",
        "16 years and over  2 to 4 tablets    16",
        "Dr Helen Okafor (F)      MBChB MRCGP    Mon, Tue, Thu",
        "Dr James Whitcombe (M)   MBBS MRCGP     Mon to Fri   - Senior Partner",
        "A typist's paragraph.",
        "It has two blanks after each full stop.",
        "And it wraps\nonto a second line.",
        "Still prose.",
        "One line  with a gap is prose.",
    ]


def test_a_plain_text_tables_row_that_wraps_over_lines_is_one_sentence():
    """A guide's fault-code table whose narrow columns wrap a row's cells onto the lines under it,
    in their columns: the row with those lines is one sentence, not a row cut at "once." with its
    second half run into the next row's code; a row of its own opens with a capital or a number,
    even with its first cell blank."""
    text = (
        "  Signal                    Meaning          What to do\n"
        "  ------------------------  ---------------  -----------------------------\n"
        "  F28 red light             No ignition      Check gas is on at the meter\n"
        "                                             and other appliances work,\n"
        "                                             then press Reset once\n"
        "  F29 red light, 3 short    Flame lost       Press Reset once. If it comes\n"
        "  beeps repeated                             back, call an engineer\n"
        "  F37 yellow light          Low flow         Bleed radiators\n"
        "                            Low pressure     Top up to 1.5 bar\n\n"
        "Do not press Reset more than twice in 24 hours."
    )
    assert split(text) == [
        "Signal                    Meaning          What to do",
        "F28 red light             No ignition      Check gas is on at the meter\n"
        "                                             and other appliances work,\n"
        "                                             then press Reset once",
        "F29 red light, 3 short    Flame lost       Press Reset once. If it comes\n"
        "  beeps repeated                             back, call an engineer",
        "F37 yellow light          Low flow         Bleed radiators",
        "Low pressure     Top up to 1.5 bar",
        "Do not press Reset more than twice in 24 hours.",
    ]


def test_a_bordered_tables_row_over_two_lines_is_one_sentence():
    """A jury summons drew its allowances as a table with a border under each row; a row's second
    amount, on a line under an empty first cell, was quoted alone without its label. The lines
    between two borders are one row when the lines under the first leave its first cell empty; a
    table with no border under each row keeps a row a line."""
    border = "+-----------------+---------------------------------+\n"
    header_border = border.replace("-", "=")  # (as Pandoc draws the border under a header)
    text = (
        "Expenses you can claim.\n\n"
        + border
        + "| Expense         | Amount                          |\n"
        + header_border
        + "| Food and drink  | £5.71 a day (up to 10 hours)    |\n"
        + "|                 | £12.17 a day (over 10 hours)    |\n"
        + border
        + "| Travel by car   | 31.4p per mile                  |\n"
        + border
        + "\n"
        + border
        + "| Band            | Rate                            |\n"
        + border
        + "| A               | £5                              |\n"
        + "|                 | £6 at weekends                  |\n"
        + border
    )
    a = analyse(make_document(text), words)
    assert_spans_exact(a)
    rows = [s.text for s in a.sentences if s.text.startswith("|")]
    assert rows == [
        "| Expense         | Amount                          |",
        "| Food and drink  | £5.71 a day (up to 10 hours)    |\n|                 | £12.17 a day (over 10 hours)    |",
        "| Travel by car   | 31.4p per mile                  |",
        "| Band            | Rate                            |",
        "| A               | £5                              |\n|                 | £6 at weekends                  |",
    ]
    # no border under each row: each line is a row of its own, the last one's too, and two rows
    # with labels of their own between two borders are two rows
    plain = "| Band | Rate |\n|------|------|\n| A | £5 |\n|  | £6 at weekends |\n"
    assert [s.text for s in analyse(make_document(plain), words).sentences] == [
        "| Band | Rate |",
        "| A | £5 |",
        "|  | £6 at weekends |",
    ]
    grid = (
        "+---+----+\n| Band | Rate |\n+---+----+\n| A | £5 |\n| B | £6 |\n|  | £7 at weekends |\n+---+----+\n"
    )
    assert [s.text for s in analyse(make_document(grid), words).sentences] == [
        "| Band | Rate |",
        "| A | £5 |",
        "| B | £6 |",
        "|  | £7 at weekends |",
    ]


def test_lines_in_lower_case_that_fill_a_tables_row_or_run_across_it_are_no_wrapped_cells():
    """A table of commands whose rows open in lower case keeps a row a line; a note in lower case
    under a table that runs across its columns is prose, not the last row's cell."""
    commands = "  ls        list the files\n  cd        change the folder\n  rm        remove a file"
    assert split(commands) == [
        "ls        list the files",
        "cd        change the folder",
        "rm        remove a file",
    ]
    note = (
        "Day        Time\nMonday     9:00\nTuesday    10:00\nplease arrive ten minutes early. Bring a towel."
    )
    assert split(note) == [
        "Day        Time",
        "Monday     9:00",
        "Tuesday    10:00",
        "please arrive ten minutes early.",
        "Bring a towel.",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a typist's double spaces after a sentence's end, a closing mark or a comma: prose
        (
            'Thank you.  As you asked, "may the fence be moved?"  The answer\nis no (it is fixed by '
            "the deeds.)  We can,  however, look\nat a gate.",
            [
                "Thank you.",
                'As you asked, "may the fence be moved?"',
                "The answer\nis no (it is fixed by the deeds.)  We can,  however, look\nat a gate.",
            ],
        ),
        # clauses numbered one a line, a wrapped one too
        (
            "2.1  The rent is £900 a month. It is due on the 1st.\n(b)  The Landlord shall keep it in good\n"
            "     repair throughout the term.",
            [
                "2.1  The rent is £900 a month.",
                "It is due on the 1st.",
                "(b)  The Landlord shall keep it in good\n     repair throughout the term.",
            ],
        ),
        # justified prose: its gaps do not line up from one line to the next
        (
            "The  council  will  meet  on  Monday  to  discuss\nthe  new  car  park  and  the  hedges.",
            ["The  council  will  meet  on  Monday  to  discuss\nthe  new  car  park  and  the  hedges."],
        ),
        # dots in prose: an ellipsis, a form's blank
        (
            "So we waited...... and waited. Nobody came.\nI give permission for my child ........ to "
            "attend\nthe trip. Lunch is provided.",
            [
                "So we waited...... and waited.",
                "Nobody came.",
                "I give permission for my child ........ to attend\nthe trip.",
                "Lunch is provided.",
            ],
        ),
        # a recipe's quantities line up, one character or four
        (
            "200g  flour\n2     eggs\nMix everything together.",
            ["200g  flour", "2     eggs", "Mix everything together."],
        ),
    ],
)
def test_prose_with_double_spaces_or_dots_is_no_table(text: str, expected: list[str]) -> None:
    assert split(text) == expected


def test_closing_quote_after_comma_does_not_split():
    text = "“NATO does not seek confrontation,” the document says. Next."
    assert split(text) == ["“NATO does not seek confrontation,” the document says.", "Next."]


def test_no_break_spaces_inside_sentences_are_preserved():
    text = (
        "Spanish daily newspaper\u00a0El País\u00a0published\u00a0today two documents. "
        "Another sentence.\u00a0"
    )
    got = split(text)
    assert got == [
        "Spanish daily newspaper\u00a0El País\u00a0published\u00a0today two documents.",
        "Another sentence.",
    ]


def test_tabs_and_wrapped_lines_are_kept_verbatim():
    text = "A line\nwrapped here. And\tanother one here."
    assert split(text) == ["A line\nwrapped here.", "And\tanother one here."]


def test_each_field_line_of_a_block_is_a_sentence():
    """Minutes write "Present: …" over "Apologies: Graham Pike", a contact block "Phone: …" over
    "Email: …": one fact per line, though no line ends like a sentence. A wrapped line stays whole."""
    text = "Present: Anna Kowalski (chair), Tom Briggs\nApologies: Graham Pike\nPhone: 0800 123\nEmail: a@b.example"
    assert split(text) == [
        "Present: Anna Kowalski (chair), Tom Briggs",
        "Apologies: Graham Pike",
        "Phone: 0800 123",
        "Email: a@b.example",
    ]
    assert split("The meeting was held at\nthe centre: all came.") == [
        "The meeting was held at\nthe centre: all came."
    ]
    # One line with a colon in wrapped prose is no block of fields.
    assert split("We met the team and\nPriya said: we should go.") == [
        "We met the team and\nPriya said: we should go."
    ]


def test_a_quoted_email_reads_without_its_quote_marks():
    """A reply quotes the email under it line by line: "> From: …" starts a sentence, a quoted blank
    line ("\n>\n") ends a paragraph, and no sentence starts with ">"."""
    text = (
        "Thanks Mark.\n\n> From: Mark Evans\n> Subject: Kitchen works\n>\n"
        "> The kitchen will be closed.\n> Please use the 2nd floor kitchen until\n> Friday."
    )
    assert split(text) == [
        "Thanks Mark.",
        "From: Mark Evans",
        "Subject: Kitchen works",
        "The kitchen will be closed.",
        "Please use the 2nd floor kitchen until\n> Friday.",
    ]
    # A quote inside a quote loses both marks; a lone line opening with ">" means "more than".
    assert split("Thanks.\n\n>> Nested quote here.\n>> More text.") == [
        "Thanks.",
        "Nested quote here.",
        "More text.",
    ]
    assert split("Fees:\n\n> 30 days: £5 fee.") == ["Fees:", "> 30 days: £5 fee."]


def test_sentences_never_cross_a_paragraph_break():
    text = "First paragraph without a full stop\n\nSecond paragraph.\n \t\nThird"
    assert split(text) == ["First paragraph without a full stop", "Second paragraph.", "Third"]


@pytest.mark.parametrize(
    "body",
    [
        " ".join(f"word{i}" for i in range(300)),  # spaces, no punctuation
        "x" * 1500,  # no whitespace at all
        ", ".join(f"item {i}" for i in range(200)),  # a flattened list
        "\t".join(f"cell{i}" for i in range(250)),  # a flattened table: tabs only
    ],
)
def test_long_sentences_are_cut_into_pieces(body):
    assert len(body) > MAX_SENTENCE_CHARS
    spans = sentence_spans(body, 0, len(body), [])
    assert len(spans) >= 2
    for s, e in spans:
        assert 0 < e - s <= MAX_SENTENCE_CHARS
        assert body[s:e] == body[s:e].strip()
    # nothing is lost but the whitespace at the cuts
    assert "".join(body[s:e] for s, e in spans).replace(" ", "").replace("\t", "") == body.replace(
        " ", ""
    ).replace("\t", "")
    for (_, e1), (s2, _) in itertools.pairwise(spans):
        assert e1 <= s2


def test_long_sentence_is_cut_at_a_word_boundary():
    body = " ".join(["lorem"] * 300)
    for s, e in sentence_spans(body, 0, len(body), []):
        assert set(body[s:e].split()) == {"lorem"}


def test_an_over_long_sentence_is_cut_where_it_reads_best():
    """Over 600 characters: cut after a sentence end sentencex missed, else a semicolon or colon,
    else a comma; at a blank last."""
    # sentencex reads `simples' as a quotation still open and swallows the sentences after it.
    ends = (
        "They prepared the `simples’ from which the drugs were compounded. "
        + "Sabur Ibn Sahl, however, was the first physician to write a pharmacopoeia of many remedies. " * 4
        + "Al-Biruni wrote a book on drugs, in which he set out the duties of the pharmacist. " * 4
    )
    pieces = split(ends)
    assert len(pieces) >= 2 and all(len(p) <= MAX_SENTENCE_CHARS for p in pieces)
    assert all(p.endswith(".") for p in pieces)
    clauses = (
        "; ".join(["the delegates from the northern provinces, who had travelled far, agreed"] * 12) + "."
    )
    assert all(p.endswith((";", ".")) for p in split(clauses))
    commas = ", ".join(["the delegates from the northern provinces who had travelled far"] * 12) + "."
    assert all(p.endswith((",", ".")) for p in split(commas))


def test_an_over_long_sentence_is_not_cut_after_an_abbreviation():
    body = (
        "The generals, "
        + "including Gen. Milley and U.S. Army staff with J. Smith, " * 10
        + "met; "
        + "and others, " * 12
        + "left."
    )
    pieces = split(body)
    assert len(pieces) >= 2
    assert not any(p.endswith(("Gen.", "U.S.", "J.")) for p in pieces)
    assert pieces[0].endswith(";")


def test_text_that_crashes_sentencex_is_still_split():
    """sentencex panics (a Rust panic, a BaseException) on a no-break space before a period."""
    text = "Hello A\u00a0. World. Again here."
    assert split(text) == ["Hello A\u00a0. World.", "Again here."]
    assert split("A\u00a0.") == ["A\u00a0."]


def test_long_sentence_in_a_document_keeps_offsets():
    body = "Intro sentence.\n\n" + " ".join(f"token{i}" for i in range(400)) + "\n\nOutro sentence."
    a = analyse(make_document(body), words, max_tokens=50)
    assert_spans_exact(a)
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in a.sentences)
    assert a.sentences[0].text == "Intro sentence." and a.sentences[-1].text == "Outro sentence."


def test_quotation_flag():
    text = (
        "Intro Title\n\n"
        "“In this light, we reaffirm our commitment to NATO’s Open Door Policy under Article 10,” "
        "the text reads. "
        "The document also lays out several proposals in the context of risk reduction. "
        "It says “Russia shall refrain from coercive force posturing and malign activities.”"
    )
    a = analyse(make_document(text), words)
    flags = {s.text[:12]: s.quotation for s in a.sentences}
    assert flags == {"“In this lig": True, "The document": False, "It says “Rus": True}


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("“All of this is quoted.”", 0.9, 1.0),
        ('"All of this is quoted."', 0.9, 1.0),
        ("No quotes at all here.", 0.0, 0.0),
        ("Only “two words” quoted in a long sentence of many words.", 0.1, 0.3),
        ("It’s an apostrophe, Russia’s too, not a quote.", 0.0, 0.0),
    ],
)
def test_quotation_share(text, low, high):
    assert low <= quotation_share(text) <= high


def test_sentence_positions_and_ids_follow_document_order():
    text = "Title Here\n\nOne. Two.\n\nPart Two\n\nThree. Four."
    a = analyse(make_document(text, doc_id="d"), words)
    assert [s.position for s in a.sentences] == list(range(len(a.sentences)))
    assert [s.text for s in a.sentences] == ["One.", "Two.", "Three.", "Four."]
    assert a.sentences[0].sentence_id == f"d@{a.sentences[0].start}-{a.sentences[0].end}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Call the desk, available 7:00 a.m. to 7:00 p.m. Central, Monday through Friday. Then log in.",
            [
                "Call the desk, available 7:00 a.m. to 7:00 p.m. Central, Monday through Friday.",
                "Then log in.",
            ],
        ),
        ("Entries close at 5 p.m. EST on Friday.", ["Entries close at 5 p.m. EST on Friday."]),
        # a sentence that opens with a zone's word is still a sentence of its own
        ("We open at 9 a.m. Central heating is on.", ["We open at 9 a.m.", "Central heating is on."]),
        (
            "The talk ends at 4 p.m. Central Library staff will lock up.",
            ["The talk ends at 4 p.m.", "Central Library staff will lock up."],
        ),
    ],
)
def test_a_time_zone_after_a_m_or_p_m_stays_in_its_sentence(text: str, expected: list[str]) -> None:
    assert [text[a:b] for a, b in sentence_spans(text, 0, len(text), [])] == expected


def test_a_menu_s_dietary_code_in_brackets_starts_no_sentence() -> None:
    """A restaurant's desserts: sentencex cut "…vanilla ice cream" from "(V) £7.00", as before a
    clause's "(v)", and ran that price into the next two items, so "How much is the sticky toffee
    pudding?" found the pudding without its price. Each item is one sentence, with its price; a
    clause's own "(a)" and "(b)" stay in their sentence."""
    menu = (
        "- Sticky toffee pudding, vanilla ice cream (V) £7.00\n"
        "- Dark chocolate torte (V, GF) £7.50\n"
        "- Lemon posset (V) £6.50"
    )
    assert [menu[s:e] for s, e in sentence_spans(menu, 0, len(menu), [])] == menu.split("\n")
    clause = "The tenant must (a) pay rent; and (b) keep it clean. Then more."
    spans = sentence_spans(clause, 0, len(clause), [])
    assert [clause[s:e] for s, e in spans] == [
        "The tenant must (a) pay rent; and (b) keep it clean.",
        "Then more.",
    ]


def test_the_paragraph_after_a_list_is_not_its_last_item() -> None:
    """A PDF wraps an item unindented and sets the next paragraph with no blank line between:
    sentencex never cuts inside an item, so the paragraph ran into it. An item ends where its line
    ends a sentence and the next line opens with a capital; its own wrapped lines stay with it."""
    text = (
        "Your charges have two parts:\n"
        "- Unit rate: the price of each kWh.\n"
        "- Standing charge: a fixed daily amount. It covers\n"
        "the cost of keeping your home connected.\n"
        "Our prices are shown below. All prices include VAT."
    )
    assert sentences_of(text) == [
        "Your charges have two parts:",
        "- Unit rate: the price of each kWh.",
        "- Standing charge: a fixed daily amount. It covers\nthe cost of keeping your home connected.",
        "Our prices are shown below.",
        "All prices include VAT.",
    ]


def test_a_field_line_under_a_numbered_list_stays_whole() -> None:
    text = "1. Lie on your back.\n2. Let both knees fall to the left.\nRepetitions: 10 each side. Sets: 1."
    assert sentences_of(text) == [
        "1. Lie on your back.",
        "2. Let both knees fall to the left.",
        "Repetitions: 10 each side. Sets: 1.",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an indented line goes on with its item
        (
            "Rules:\n- No diving in the shallow end.\n  Lifeguards may ask you to leave.\n- No food on poolside.",
            [
                "Rules:",
                "- No diving in the shallow end.\n  Lifeguards may ask you to leave.",
                "- No food on poolside.",
            ],
        ),
        # so does an unindented one when another item follows: the list goes on
        (
            "Steps:\n1. Mix the flour and sugar.\nAdd the eggs one at a time.\n2. Bake for 20 minutes.",
            ["Steps:", "1. Mix the flour and sugar.\nAdd the eggs one at a time.", "2. Bake for 20 minutes."],
        ),
    ],
)
def test_an_item_keeps_its_own_lines(text: str, expected: list[str]) -> None:
    assert sentences_of(text) == expected


def test_a_panel_s_title_is_not_glued_to_its_first_line_of_counts() -> None:
    """Round 38's boxed "Key deadlines": its title ran into the first line, "8 weeks before: send
    your form.", as the field lines under it open with a count, not a capital."""
    text = (
        "The closure must end by 8pm.\n\nKey deadlines\n8 weeks before: send your form and road plan.\n"
        "6 weeks before: deliver the letter to every household.\n2 weeks before: we email your notice."
    )
    assert sentences_of(text)[1:3] == ["Key deadlines", "8 weeks before: send your form and road plan."]
    # a count that opens a line of wrapped prose is no field
    prose = "We will lend you the signs for the day and\n2 barriers: collect them from the depot."
    assert sentences_of(prose) == [prose]
    # nor is a capitalised word that opens a wrapped sentence's line, over a field line (review)
    minutes = (
        "Residents raised three concerns about the new\nBus route: the stop is too far from the school.\n"
        "Action: Clerk to write to the council."
    )
    assert sentences_of(minutes) == [
        "Residents raised three concerns about the new\nBus route: the stop is too far from the school.",
        "Action: Clerk to write to the council.",
    ]


def test_a_numbered_item_under_lettered_ones_is_a_sentence_of_its_own() -> None:
    """Round 38's code of conduct: sentencex read a rule's number after a full stop as the
    sentence's own, so each rule ran into the last lettered item above it, and rules 5 and 6 were
    swallowed by 4c. An item's number or letter under a line that ends a sentence opens an item."""
    text = (
        "1. **Respect other people.**\n"
        "   a. Treat visitors with courtesy.\n"
        "   b. Take phone calls outside.\n"
        "2. **Look after the building.**\n"
        "   a. Hot drinks only in lidded cups.\n"
        "   b. Printing costs 10p per page, paid at the desk.\n"
        "3. **Animals.** Only assistance dogs are allowed. Dogs may wait in the garden if they are on\n"
        "   a lead.\n"
        "4. **Smoking** is not allowed anywhere."
    )
    assert sentences_of(text) == [
        "1. **Respect other people.**",
        "a. Treat visitors with courtesy.",
        "b. Take phone calls outside.",
        "2. **Look after the building.**",
        "a. Hot drinks only in lidded cups.",
        "b. Printing costs 10p per page, paid at the desk.",
        "3. **Animals.** Only assistance dogs are allowed. Dogs may wait in the garden if they are on\n   a lead.",
        "4. **Smoking** is not allowed anywhere.",
    ]
    # a number opening a line mid-sentence goes on with it
    wrapped = "Fees go up on 1 May for the items listed in\na) the hire table and b) the extras table."
    assert sentences_of(wrapped) == [wrapped]


def test_a_plain_text_tables_header_is_the_line_ruled_off_above_its_rows():
    """The read side reads a row in columns with its header (``column_headers``) only where a rule
    of dashes marks the header: lines in columns without one (opening hours) have none."""
    text = (
        "Code   Meaning        What to do\n"
        "----   ------------   ------------------\n"
        "F22    Low pressure   Top up to 1.5 bar\n"
        "F28    No ignition    Check the gas is on\n"
        "                      at the meter\n\n"
        "Monday     9:00 to 17:00\n"
        "Tuesday    9:00 to 13:00\n"
    )
    header = (0, text.index("\n"))
    heads = column_headers(text)
    assert heads == {text.index("F22"): header, text.index("F28"): header}
    assert column_headers(text.replace("----   ------------   ------------------\n", "")) == {}
    # a second table further on, ruled with "=", has its own header
    more = text + "\n  Size   Price\n  ====   =====\n  S      £5\n  L      £9\n"
    second = more.index("  Size")
    assert column_headers(more) == {
        **heads,
        more.index("  S "): (second, more.index("\n", second)),
        more.index("  L "): (second, more.index("\n", second)),
    }
    # a second table set right under the first, with its own ruled header, heads its own rows; a
    # rule over a totals row makes no header of the row above it
    under = (
        "Code   Meaning     Action\n----   -------     ------\nE1     Door open   Close it\n"
        "Light  Colour      Means\n-----  ------      -----\nRed    Steady      Call us\n"
        "Green  Flashing    Wait\n\n"
        "Item     Price\n----     -----\nTea      £1\nCake     £2\n----     -----\nTotal    £3\n\n"
        "Item     Included\n----     --------\nTea      Yes\nCake     No\n----     --------\nTotal    Two\n"
    )
    heads = column_headers(under)
    light, item = under.index("Light"), under.index("Item")
    assert heads[under.index("Red ")] == (light, under.index("\n", light))
    assert heads[under.index("E1")] == (0, under.index("\n"))
    assert heads[under.index("Total")] == heads[under.index("Cake")] == (item, under.index("\n", item))
    # a totals row under a rule, the row above it all words: still the table's header's
    included = under.index("Item     Included")
    assert heads[under.index("Total    Two")] == (included, under.index("\n", included))
    assert heads[under.index("Cake     No")] == (included, under.index("\n", included))


def test_a_checklist_s_boxes_are_items_of_their_own() -> None:
    """A form's checklist prints a box where a list prints a bullet: each "☐ …" line is one item,
    never two boxes in one quote (an induction sheet's pairs of lines, set apart by blank lines)."""
    text = (
        "Checklist\n\n☐ Shown the fall zones and how to land\n☐ Shown how to clip in and out of an auto-belay\n\n"
        "☐ Shown the red line\n☐ Told where the first aid kit is kept\n\n✓ Free parking\n✓ Café on site\n"
    )
    assert sentences_of(text)[1:] == [
        "☐ Shown the fall zones and how to land",
        "☐ Shown how to clip in and out of an auto-belay",
        "☐ Shown the red line",
        "☐ Told where the first aid kit is kept",
        "✓ Free parking",
        "✓ Café on site",
    ]


def test_a_footnote_mark_after_a_full_stop_stays_with_its_sentence() -> None:
    """ "Thanks to everyone who wrote in.[^3]" is one sentence: a mark alone says nothing."""
    text = "It runs throughout September only. Thanks to everyone who wrote in.[^3]\n\nNext week: rye.†"
    assert sentences_of(text) == [
        "It runs throughout September only.",
        "Thanks to everyone who wrote in.[^3]",
        "Next week: rye.†",
    ]
    # a banner of stars under a sentence is no footnote's mark, however long (read in linear time)
    banner = "See you soon.\n" + "*" * 60 + "\nThis email is confidential.\n"
    assert sentences_of(banner)[0] == "See you soon."  # the stars are no mark of its
    marks = "Thanks. " + "¹" * 40 + " then text."
    assert sentences_of(marks)[0] == "Thanks."
    # and where sentencex cut before the mark, with the next sentence after it
    text = "The work party is on 21 June from 10am.[^1] We will clear the brambles."
    assert sentences_of(text) == [
        "The work party is on 21 June from 10am.[^1]",
        "We will clear the brambles.",
    ]


def test_totals_set_flush_right_under_a_table_are_rows_of_their_own() -> None:
    """A plain-text quotation sets its subtotal, VAT and total flush right under its line items,
    the amounts right-aligned: each line is one fact, not one "sentence" of three lines and their
    padding. Prose lines that happen to end alike, with no amount, stay prose."""
    pad = " " * 40
    text = (
        f"Thanks.\n\n{pad}Subtotal    £1,677.00\n{pad}VAT @ 20%     £335.40\n{pad}TOTAL       £2,012.40\n\n"
        "The labour is two days."
    )
    assert sentences_of(text) == [
        "Thanks.",
        "Subtotal    £1,677.00",
        "VAT @ 20%     £335.40",
        "TOTAL       £2,012.40",
        "The labour is two days.",
    ]
    prose = "We met at noon  and talked\nabout the plans  for the hall.\n"
    assert len(sentences_of(prose)) == 1


def test_each_line_of_opening_hours_is_a_sentence():
    """A footer's "Mon–Thu 12:00–22:00<br>Fri 10:00–23:00<br>Sat–Sun 09:30–23:00" was one sentence:
    each day's hours are one fact, as a field's line is, and the block's title is its own line. A
    sentence that names days across its lines, or a clause over them, is not cut."""
    hours = "Opening hours\nMon–Thu 12:00–22:00\nFri 10:00–23:00\nSat–Sun 09:30–23:00"
    assert split(hours) == ["Opening hours", "Mon–Thu 12:00–22:00", "Fri 10:00–23:00", "Sat–Sun 09:30–23:00"]
    assert split("Monday to Saturday 9am – 5:30pm\nSunday closed") == [
        "Monday to Saturday 9am – 5:30pm",
        "Sunday closed",
    ]
    prose = "We open on Monday at 9am and\nTuesday we close at 5pm."
    assert split(prose) == [prose]
    assert split("The shop is open\nMonday to Friday 9-5\nSaturday 10-4.") == [
        "The shop is open\nMonday to Friday 9-5",
        "Saturday 10-4.",
    ]
    # one line of hours alone is no block, under a title or not
    assert split("Fri 10:00–23:00\nBring a friend.") == ["Fri 10:00–23:00\nBring a friend."]
    lone = "Late opening\nFri 10:00–23:00\nBring a friend\nSat 10:00–22:00"
    assert split(lone) == [lone]
    # a title with its colon is cut off too; prose wrapped so that its lines open with days is not
    # hours ("…the follow-up on\nTuesday 4 June at 2pm in room 5."), and "enclosed" is not "closed"
    assert split("Opening hours:\nMon 9-5\nTue 9-5") == ["Opening hours:", "Mon 9-5", "Tue 9-5"]
    wrapped = (
        "The meeting is on\nMonday 3 June at 10am and the follow-up on\nTuesday 4 June at 2pm in room 5."
    )
    assert split(wrapped) == [wrapped]
    assert DAY_LINE.match("Fri: form enclosed") is None and DAY_LINE.match("Sunday closed")
    # key dates, a day and its date a line, are a block too, but not after a line that runs on
    dates = "Thursday 27 March  - Crates delivered\nSat 29 - Sun 30 March - Removal (staff not needed)"
    assert split(dates) == dates.split("\n")
    assert len(split("We meet on\nMonday 3 June in the hall, and on\nTuesday 4 June in room 5.")) == 1


def test_a_long_line_that_opens_with_a_day_is_read_in_linear_time():
    """The hours' pattern gave a run of blanks or commas back one character at a time: a 20,000
    character line took ten seconds (a review's finding)."""
    for line in ("Mon" + "," * 200_000 + "x", "Mon " + " " * 200_000 + "x", "Mon 1" + "1 " * 100_000 + "x"):
        assert DAY_LINE.match(line) is None
    assert len(split("Hours\nMon" + "," * 50_000 + "x\nTue 9-5")) >= 1


#: A page's paragraphs wrapped to about 90 characters, as a PDF's or a plain-text letter's are.
_WRAPPED_PAGE = (
    "This vehicle met the minimum legal standards at the time of the test. Monitor and repair the\n"
    "advisory items if necessary, and keep this certificate with the vehicle's logbook until the\n"
    "next test.\n"
    "Expiry date: 13 February 2026\n"
    "You can get your vehicle tested up to one month (minus a day) before the expiry date and keep\n"
    "the same renewal date.\n\n"
    "If we cannot agree on the deductions, you can raise a dispute with the Deposit\n"
    "Guard Scheme's free adjudication service, which usually decides within 28 days of it.\n\n"
    "Minor (repair as soon as possible)\n"
    "- Windscreen washer provides insufficient washer liquid (3.6 (b))\n"
    "Advisory (monitor and repair if necessary)\n"
    "- Oil misting from the engine sump gasket but not excessive (8.4.1 (a))\n"
    "The minor defects were repaired before the vehicle left the test centre: the bulb was replaced\n"
    "and the washer bottle was refilled.\n"
    "- By post, with a cheque made payable to the council at the address on the back, 'Thornbury Vale\n"
    "District Council'. Please do not send cash through the post.\n"
    "- Or post it to Freepost WSR DELAY\n"
    "REPAY. We aim to answer every claim within 20 working days.\n"
)


def test_a_line_no_wrap_broke_ends_its_sentence() -> None:
    """A line that ends where the next line's first word would have fitted was ended on purpose:
    a field's line over a sentence ("Expiry date: …" over "You can get…"), a list's item over a
    category's line or the paragraph after the list. Each is a fact to quote on its own (round
    41's MOT certificate ran them together). A wrap before a capital ("the Deposit" / "Guard
    Scheme's…") is still a wrap, and so is an item's tail that ends a short sentence."""
    got = split(_WRAPPED_PAGE)
    assert "Expiry date: 13 February 2026" in got
    assert got[got.index("Expiry date: 13 February 2026") + 1].startswith("You can get your vehicle")
    assert "- Windscreen washer provides insufficient washer liquid (3.6 (b))" in got
    assert "Advisory (monitor and repair if necessary)" in got
    assert "- Oil misting from the engine sump gasket but not excessive (8.4.1 (a))" in got
    assert any(s.startswith("The minor defects were repaired") for s in got)
    assert any(
        s.endswith(
            "the Deposit\nGuard Scheme's free adjudication service, which usually decides within 28 days of it."
        )
        for s in got
    )
    assert any("'Thornbury Vale\nDistrict Council'." in s for s in got)
    assert any(s.startswith("- Or post it to Freepost WSR DELAY\nREPAY.") for s in got)


def test_lines_written_as_such_end_where_a_sentence_follows() -> None:
    """A web page's or a Word file's lines were never wrapped: a short line over a whole sentence
    ends there ("From the M11 (north)" over "Leave at Junction 9…"), but a block of short lines,
    an address's or a price list's, is read as written."""
    assert split("From the M11 (north)\nLeave at Junction 9 and follow the A140 for 4 miles.") == [
        "From the M11 (north)",
        "Leave at Junction 9 and follow the A140 for 4 miles.",
    ]
    prices = (
        "Standard consultation £52.00\nExtended consultation £89.00\nMedicines are charged on top of the fee."
    )
    assert split(prices) == [
        "Standard consultation £52.00\nExtended consultation £89.00",
        "Medicines are charged on top of the fee.",
    ]
    assert split("Unit 3, Kestrel Lane\nWrexford WX4 7PL") == ["Unit 3, Kestrel Lane\nWrexford WX4 7PL"]
    # a short email's lines broken by hand: a line never ends on a title or on a day's number
    # over its month (a review's finding: "…ring Mrs" / "Patel", "…Saturday 14" / "June")
    for text in (
        "If it fails please ring Mrs\nPatel on 01632 960123 and she will send an engineer out.",
        "Join us on Saturday 14\nJune at St Mary's Church Hall from 2pm.",
    ):
        assert split(text) == [text]


def test_a_title_in_capitals_ends_over_the_line_under_it() -> None:
    """A plain-text title in capitals over its route and dates was one "sentence" with them."""
    text = "THE FELLBRIDGE COMMUNITY BUS\nRoute C7  Fellbridge - Pennock Market\nValid from 7 April 2025"
    assert split(text) == [
        "THE FELLBRIDGE COMMUNITY BUS",
        "Route C7  Fellbridge - Pennock Market\nValid from 7 April 2025",
    ]
    assert len(split("PLEASE NOTE THE NEW\nTIMES FROM MONDAY")) == 1  # capitals over capitals
    # a label of a word or two says nothing by itself: it stays with what it labels
    assert len(split("NEW ADDRESS\nSecond Floor, Calder House\n41 Tanner Street")) == 1


def test_a_key_s_note_goes_on_over_a_capital_after_a_line_broken_off() -> None:
    """A timetable's key sets each mark and its note in two columns; a note wrapped onto a line
    that opens with a place's name ("…at Pennock or Under" / "Ashmere on this journey.") goes on
    with it, where a line that ends a sentence would end the note."""
    text = (
        "  a    Schooldays only. Calls at Hawley Green School to set down pupils.\n"
        "  Sch  Schooldays only. Leaves Hawley Green School at 1540 and runs\n"
        "       direct to The Plough; it does not call at Pennock or Under\n"
        "       Ashmere on this journey.\n"
        "  b    Runs on the first Saturday of each month only.\n"
    )
    got = split(text)
    assert any(s.startswith("Sch  Schooldays only.") and s.endswith("Ashmere on this journey.") for s in got)
    assert not any(s == "Ashmere on this journey." for s in got)


def test_a_label_cut_short_before_its_colon_is_a_column_s() -> None:
    """ "Frame no.   : WVC21-0884312" lines its colon up with the fields under it: the gap after
    "no." is a column's, so each field is its own line, not "Frame no. … Frame size : M"."""
    text = "  Colour      : Matt sage green\n  Frame no.   : WVC21-0884312\n  Frame size  : M (52cm)"
    assert split(text) == [
        "Colour      : Matt sage green",
        "Frame no.   : WVC21-0884312",
        "Frame size  : M (52cm)",
    ]


@pytest.mark.timeout(30)
def test_a_line_in_capitals_with_a_small_word_is_read_in_linear_time() -> None:
    """The pattern of a line in capitals backtracked over every way to pick four capitals when a
    small letter came late: an email's 237-character footer took 12 seconds (a review's finding).
    Notes with no full stop for 200 lines took time quadratic in the lines: each break read on to
    the next sentence's end."""
    footer = (
        "Thanks,\nJo\n\nCONFIDENTIALITY NOTICE: THIS EMAIL AND ANY FILES SENT WITH IT ARE CONFIDENTIAL AND "
        "FOR THE NAMED RECIPIENT ONLY. IF YOU HAVE RECEIVED IT IN ERROR PLEASE TELL US (see "
        "www.example.co.uk/legal)\nRegistered in England No 01234567\n"
    ) * 20
    assert sentence_spans(footer, 0, len(footer), [])
    notes = "\n".join(
        "Checked the tyres and the lights on van" + (" today." if i % 200 == 199 else "")
        for i in range(10_000)
    )
    assert sentence_spans(notes, 0, len(notes), [])


@pytest.mark.timeout(30)  # quadratic, this took over a minute; linear, a few seconds
def test_a_long_block_of_lines_in_columns_is_read_in_linear_time() -> None:
    """Whether a line goes on the row above read the whole text before it, once per line: 4,000
    lines with a typist's double spaces took five seconds, 60,000 more than ten minutes (found while
    measuring). Each line's check now reads the line above only."""
    rng = random.Random(1)
    words = [
        "the",
        "council",
        "agreed",
        "to",
        "move",
        "money",
        "into",
        "savings",
        "and",
        "",
        "the",
        "hall",
        "",
        "was",
        "booked",
        "for",
        "Monday",
    ]
    text = "\n".join(" ".join(rng.choice(words) for _ in range(14)) for _ in range(24_000))
    assert len(sentence_spans(text, 0, len(text), [])) >= 1


def test_a_key_s_entry_after_an_abbreviation_is_one_sentence() -> None:
    """Under a repair log's table, "Comm. = communal area." was cut after "Comm.", leaving "=
    communal area." a sentence of its own that said nothing. What follows an "=" on the same line
    goes on the sentence it explains; a sentence after it is its own."""
    text = "Comm. = communal area. Open items: 6.\n"
    got = [s.text for s in analyse(make_document(text), words).sentences]
    assert got == ["Comm. = communal area.", "Open items: 6."]


def test_a_letter_s_abbreviated_label_stays_with_what_it_names() -> None:
    """A repair letter closes with "Enc. Condensation and mould leaflet (CM-03)": it was cut after
    "Enc.", a quote that says nothing, and the enclosure lost its label. A letter's label
    abbreviated before what it names on its line is one sentence with it; on a line of its own,
    it stays apart."""
    text = "Yours sincerely,\n\nEnc. Condensation and mould leaflet (CM-03); job sheet RP/118407\n"
    got = [s.text for s in analyse(make_document(text), words).sentences]
    assert "Enc. Condensation and mould leaflet (CM-03); job sheet RP/118407" in got
    apart = [
        s.text
        for s in analyse(make_document("We will call.\n\nEnc.\nThe leaflet is enclosed.\n"), words).sentences
    ]
    assert "The leaflet is enclosed." in apart


def test_a_table_s_last_cell_goes_on_alone_under_its_row_and_an_aside_goes_on_its_sentence() -> None:
    """A discharge letter's notes column wraps "Was 1 g BD;" over "GP to review": the second line,
    a capital alone in the last column, was read as the next row's start ("GP to review\\nRamipril
    …"). A last cell going on alone under a row that fills it goes on that row. And "What did you
    think of this service? (takes 30 seconds)" was two sentences, the aside alone."""
    text = (
        "DRUG          DOSE      HOW OFTEN          STATUS     NOTES\n"
        "------------- --------- ------------------ ---------- ------------\n"
        "Amoxicillin   500 mg    Three times a day  NEW        2 more days\n"
        "                                                      (to 08/05)\n"
        "Metformin     500 mg    Twice a day        CHANGED    Was 1 g BD;\n"
        "                                                      GP to review\n"
        "Ramipril      5 mg      Once a day         STOPPED    Withheld -\n"
        "                                                      kidneys\n"
        "Apixaban      5 mg      Twice a day        UNCHANGED\n"
    )
    got = [s.text for s in analyse(make_document(text), words).sentences]
    pad = " " * 54
    assert f"Metformin     500 mg    Twice a day        CHANGED    Was 1 g BD;\n{pad}GP to review" in got
    assert "Apixaban      5 mg      Twice a day        UNCHANGED" in got
    asked = [
        s.text for s in analyse(make_document("What did you think? (takes 30 seconds)\n"), words).sentences
    ]
    assert asked == ["What did you think? (takes 30 seconds)"]


def test_field_lines_of_four_words_and_hung_lines_of_a_table_s_first_cell() -> None:
    """Round 46: "Invoice date:    14 March 2025" and "Job date(s):     10 March 2025" were one
    sentence (a field's label with a bracketed ending), and so were a vet's "Sex: Female" and "Weight
    at last visit: 9.2 kg" (four words); an invoice's descriptions hung two blanks in under their row
    ("Labour, 10/03/25 - fault finding and   1.5   hours   90.00" over "  isolation of gas valve")
    broke the table into lines, a row cut at its own full stop and two rows run into one."""
    fields = "Invoice date:    14 March 2025\nJob date(s):     10 March 2025\n\nSex: Female\nWeight at last visit: 9.2 kg\n"
    got = [s.text for s in analyse(make_document(fields), words).sentences]
    assert "Job date(s):     10 March 2025" in got and "Weight at last visit: 9.2 kg" in got
    table = (
        "DESCRIPTION                                   QTY    UNIT     AMOUNT\n"
        "---------------------------------------------------------------------\n"
        "Call-out and diagnosis, 10/03/25. Boiler       1     each      85.00\n"
        "  (Vaillant 832) showing F.28 lockout.\n"
        "Labour, 10/03/25 - fault finding and          1.5    hours     90.00\n"
        "  isolation of gas valve\n"
        "Gas valve (genuine part                        1     each     164.40\n"
        "  0020053968)\n"
        "Sundries (jointing compound                    1     each       6.50\n"
        "  PTFE tape)\n"
        "Washers, jointing compound,                    1     each       2.00\n"
        "  PTFE tape\n"
    )
    got = [s.text for s in analyse(make_document(table), words).sentences]
    assert (
        "Call-out and diagnosis, 10/03/25. Boiler       1     each      85.00\n  (Vaillant 832) showing F.28 lockout."
        in got
    )
    assert (
        "Labour, 10/03/25 - fault finding and          1.5    hours     90.00\n  isolation of gas valve"
        in got
    )
    assert "Sundries (jointing compound                    1     each       6.50\n  PTFE tape)" in got
    assert "Washers, jointing compound,                    1     each       2.00\n  PTFE tape" in got


def test_a_note_hung_under_a_table_s_last_row_is_its_own() -> None:
    """A review of the rule for hung lines: "  Students: 10% off." and "  Book online." under a
    price list's last row ran into it ("Beard trim   £8.00 … Students: 10% off."), as if the discount
    were the beard trim's. A hung line goes on its row only where it goes on a phrase: in lower
    case or a bracket, or under a first cell left open."""
    text = (
        "Treatment                        Price\n"
        "-------------------------------  ------\n"
        "Haircut and blow dry             £35.00\n"
        "Beard trim                       £8.00\n"
        "  Students: 10% off.\n"
        "  Book online.\n"
    )
    got = [s.text for s in analyse(make_document(text), words).sentences]
    assert "Beard trim                       £8.00" in got
    assert "Book online." in got
