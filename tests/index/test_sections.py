"""Sections and boilerplate: what users see as the source label, and what never becomes a quote."""

from __future__ import annotations

import hashlib

import pytest
from writepath_helpers import NATO_TITLE, assert_spans_exact, make_document, words

from index.analysis import analyse
from index.boilerplate import boilerplate_spans
from index.loaders import load_document
from index.sections import header_block, looks_like_heading, plain_text_headings, split_sections
from index.types import Heading

NAVIGATION = ("Back to top", "This post is also available in", "Read for Background")


@pytest.fixture(scope="module")
def nato():
    from writepath_helpers import NATO

    raw = NATO.read_bytes()
    doc = load_document(NATO, NATO.name, 20_000_000)
    return raw, doc, analyse(doc, words)


def test_default_corpus_sections_in_order(nato):
    _, _, a = nato
    assert [s.label for s in a.sections] == [NATO_TITLE, "U.S. Response", "NATO Response"]
    assert [s.index for s in a.sections] == [0, 1, 2]
    assert a.document.title == NATO_TITLE


def test_default_corpus_section_boundaries(nato):
    _, doc, a = nato
    title, us, nato_s = a.sections
    # a heading line is never inside a section, so it can never be quoted
    assert "U.S. Response\n" not in doc.text[title.start : title.end]
    assert doc.text[us.start : us.end].lstrip().startswith("The supposed U.S. response says")
    assert doc.text[nato_s.start : nato_s.end].lstrip().startswith("The supposed NATO document stresses")
    assert title.end <= us.start and us.end <= nato_s.start
    first = [s for s in a.sentences if s.section_index == 0]
    assert first[0].text.startswith("Spanish daily newspaper\u00a0El País\u00a0published")
    assert all(NATO_TITLE not in s.text for s in a.sentences)


def test_default_corpus_has_no_navigation_in_sentences_or_passages(nato):
    _, _, a = nato
    assert len(a.sentences) > 20
    for span in [*a.sentences, *a.passages]:
        for nav in NAVIGATION:
            assert nav not in span.text
    # ... but the navigation lines are still in the text (offsets never move)
    for nav in NAVIGATION:
        assert nav in a.document.text


def test_default_corpus_boilerplate_lines(nato):
    _, doc, _ = nato
    lines = [doc.text[s:e] for s, e in doc.boilerplate]
    assert lines == [
        "Read for Background:",
        "This post is also available in: ქართული (Georgian) Русский (Russian)",
        "Back to top button",
    ]


def test_default_corpus_text_is_unchanged_by_analysis(nato):
    raw, doc, _ = nato
    expected = raw.decode("utf-8")
    assert doc.text == expected  # the file is UTF-8 with \n line ends: canonical text == file text
    assert doc.sha256 == hashlib.sha256(raw).hexdigest()
    before = doc.sha256
    again = analyse(doc, words)
    assert hashlib.sha256(again.document.text.encode("utf-8")).hexdigest() == before
    assert [s.text for s in again.sentences] == [s.text for s in nato[2].sentences]


def test_default_corpus_spans_are_exact(nato):
    _, _, a = nato
    assert_spans_exact(a)


def test_default_corpus_keeps_curly_quotes_and_no_break_spaces(nato):
    _, _, a = nato
    texts = [s.text for s in a.sentences]
    assert any("\u00a0" in t for t in texts)
    assert (
        "“In this light, we reaffirm our commitment to NATO’s Open Door Policy under Article 10 of the "
        "Washington Treaty,” the text reads." in texts
    )


@pytest.mark.parametrize(
    "line",
    [
        "U.S. Response",
        "NATO Response",
        "Background",
        NATO_TITLE,
        "Part 2: The Results",
        "1. Introduction",
        "Terms of Reference",
        "  Indented Heading  ",
        # A numbered line heads a part whatever its case (a plain-text contract's clauses).
        "4. Damage and insurance",
        "2.3 Late fees",
        "Section 4: Payment terms",
        # a mark between the words is no lower-case word (a newsletter's "Lost & Found" was text)
        "Lost & Found",
        "Terms & Conditions",
    ],
)
def test_looks_like_heading_positive(line):
    assert looks_like_heading(line)


@pytest.mark.parametrize(
    "line",
    [
        "",
        "A",
        "The leak comes as both NATO and the U.S. formally reiterated their commitment.",
        "Read for Background:",
        "Back to top button",
        "this is lowercase",
        "A Heading That Ends With A Period.",
        "“Quoted Words Are Not Headings”",
        "- List Item",
        "• Bullet Item",
        "One Two Three Four Five Six Seven Eight Nine Ten Eleven",
        "X" * 81,
        "Mostly lowercase words with One Capital",
        "Is This A Question?",
        "3 eggs",
        "1. Make sure we have confirmed your notice in writing.",
        "Salt & pepper to taste",
        "Serves 4 | Prep 10 minutes | Cook 25 minutes",
    ],
)
def test_looks_like_heading_negative(line):
    assert not looks_like_heading(line)


def test_plain_heading_must_stand_alone():
    text = "Intro line.\nNot A Heading\nmore text.\n\nReal Heading\n\nBody text."
    heads = plain_text_headings(text, [])
    assert [h.label for h in heads] == ["Real Heading"]
    h = heads[0]
    assert text[h.start : h.end] == "Real Heading"


@pytest.mark.parametrize(
    "cut",
    ["✂ - - - - - - - - - - - -", "- - - - - - cut here - - - - - -", "-------- please detach --------"],
)
def test_a_tear_off_slip_under_its_cut_line_is_its_own_part(cut):
    """A letter's reply slip, titled in capitals right over its fields, is a part of its own: the
    slip's fields had been filed under the letter's last heading ("Help Points")."""
    text = (
        "Help Points\n\nYou can get help at the library.\n\nYours sincerely,\n\nJo Reddaway\nTravel Manager\n\n"
        f"{cut}\n\nBUS PASS RENEWAL – REPLY SLIP\nReturn to: Civic Offices, Westmarsh WM2 8HX\n\n"
        "Full name:  ______________\n"
    )
    assert [h.label for h in plain_text_headings(text, [])] == [
        "Help Points",
        "BUS PASS RENEWAL – REPLY SLIP",
    ]
    # a title led by capitals, subtitled after a dash, titles a slip too
    led = text.replace("BUS PASS RENEWAL – REPLY SLIP", "REPLY SLIP - please return within 7 days")
    assert [h.label for h in plain_text_headings(led, [])][-1] == "REPLY SLIP - please return within 7 days"
    # a line in capitals right over text with no cut line above it is no heading
    plain = text.replace(cut, "Please keep this letter.")
    assert [h.label for h in plain_text_headings(plain, [])] == ["Help Points"]


def test_a_line_of_blanks_before_a_capitals_line_is_read_in_linear_time():
    """The cut line's pattern tried every split of a line's leading blanks: a line of 50,000 blanks
    over a line in capitals took 27 s (a review's finding)."""
    text = "Intro.\n\n" + " " * 200_000 + "x\n\nREPLY SLIP\nName: ____\n"
    assert "REPLY SLIP" not in [h.label for h in plain_text_headings(text, [])]


def test_a_short_line_over_opening_hours_a_day_a_line_heads_them():
    """ "Opening hours" right over "Mon 22 Dec  06:30–21:00" and the other days' lines: the hours are
    no sentences that end, but a list, so the line heads them as it heads a price list."""
    text = (
        "Dear members,\n\nOur hours change over Christmas.\n\nOpening hours\nMon 22 Dec  06:30–21:00\n"
        "Wed 24 Dec  07:00–14:00\nThu 25 Dec  Closed\n\nPrice changes\n\nMembership rises to £38.50.\n"
    )
    labels = [h.label for h in plain_text_headings(text, [])]
    assert "Opening hours" in labels
    # so does a line over key dates, a day and its date opening each line
    memo = (
        "Dear all,\n\nWe move next month.\n\nKEY DATES\nThursday 27 March  - Crates delivered by 10am\n"
        "Sat 29 - Sun 30 March - Removal company moves everything (staff not needed)\n\nThanks.\n"
    )
    assert "KEY DATES" in [h.label for h in plain_text_headings(memo, [])]
    # a line over one day's hours and a sentence is no heading of a list
    one = text.replace("Wed 24 Dec  07:00–14:00\nThu 25 Dec  Closed\n", "We close early on Christmas Eve\n")
    assert "Opening hours" not in [h.label for h in plain_text_headings(one, [])]


def test_a_numbered_plain_heading_may_stand_right_over_its_text():
    """Plain-text rules and terms write "1. Rent" on the line over its text; a numbered list's
    items, a wrapped item and an unnumbered short line over text stay text."""
    text = (
        "Plot Rules\n\n1. Rent\nPlot rent is £45 a year.\n\n2. Bonfires\nOnly in winter.\n\n"
        "Bring:\n\n1. Gloves\n2. A spade\n\n3. Pay the rent\non time.\n\nSheds\nNeed approval.\n"
    )
    assert [h.label for h in plain_text_headings(text, [])] == ["Plot Rules", "1. Rent", "2. Bonfires"]


def test_a_numbered_part_heads_its_first_clause():
    """A contract's "6. ENDING THE TENANCY" stands over "6.1 The Tenant may…": its own clause, not
    the next item of a list, so the part is a section and its line is no quote's first words."""
    text = (
        "TENANCY AGREEMENT\n\n1. THE PARTIES\n1.1 The Landlord is Margaret Whitfield.\n"
        "1.2 The Tenant is Daniel Reyes.\n\n2. RENT\n2.1 The rent is £1,150 a month.\n\n"
        "Steps:\n\n1. Flour\n2. Sugar\n"
    )
    labels = [h.label for h in plain_text_headings(text, [])]
    assert labels == ["TENANCY AGREEMENT", "1. THE PARTIES", "2. RENT"]
    # Lettered clauses too: "1. Bookings" over "a) A place is confirmed…".
    terms = "Booking Terms\n\n1. Bookings\na) A place is confirmed on payment.\nb) Classes are for adults.\n"
    assert [h.label for h in plain_text_headings(terms, [])] == ["Booking Terms", "1. Bookings"]
    # a number that opens a sentence is no next item: "1. Deposit" still heads its part
    deposit = "Terms\n\n1. Deposit\n\n2 weeks' rent is taken as a deposit.\n"
    assert [h.label for h in plain_text_headings(deposit, [])] == ["Terms", "1. Deposit"]


def test_an_email_has_no_plain_headings():
    """A lone line of an email is a greeting or a signature ("Priya"), never a heading."""
    email = "From: Priya Shah\nSubject: Re: Kitchen\n\nHi all,\n\nCan we keep the fridge?\n\nPriya\n\n> From: Mark\n"
    assert header_block(email) == ["From: Priya Shah", "Subject: Re: Kitchen"]
    assert plain_text_headings(email, []) == []
    memo = "To: All staff\nFrom: HR\n\n1. Leave\nBook leave two weeks ahead.\n\nThanks\n\nHR\n"
    assert [h.label for h in plain_text_headings(memo, [])] == ["1. Leave"]  # a memo's numbered parts stay
    assert header_block("Minutes\n\nFrom: the chair") == []


def test_a_saved_message_s_own_fields_keep_it_an_email(tmp_path):
    """A message saved with "Message-ID:" and "In-Reply-To:" lines is still an email: its subject
    titles it, and a line of columns over its line items ("Item      Qty     Total" over a rule of
    dashes) or a quotation's number line is text, not a part's heading."""
    email = (
        "From: Gareth Pryce <g@pryce.example>\nTo: Helen <h@example.co.uk>\n"
        "Subject: Re: Quote for bathroom\nMessage-ID: <123@pryce.example>\nIn-Reply-To: <9@example>\n\n"
        "Hi Helen,\n\nHere is my quotation.\n\nQUOTATION Q-114        Valid for 30 days\n\n"
        "Item                         Qty     Total\n" + "-" * 43 + "\n"
        "Remove old shower              1    £85.00\nSupply mixer shower            1   £365.00\n\n"
        "Terms\n-----\n1. A deposit of 25% is payable.\n"
    )
    assert header_block(email)[-1] == "In-Reply-To: <9@example>"
    path = tmp_path / "quote.txt"
    path.write_text(email, encoding="utf-8")
    doc = load_document(path, path.name, 1_000_000)
    assert doc.title == "Re: Quote for bathroom"
    a = analyse(doc, words)
    assert [s.label for s in a.sections] == ["Re: Quote for bathroom", "Terms"]
    assert "QUOTATION Q-114        Valid for 30 days" in [s.text for s in a.sentences]
    # the fields only a mail program reads are no sentences; the sender's and the subject's are
    texts = [s.text for s in a.sentences]
    assert "In-Reply-To: <9@example>" not in texts and "Message-ID: <123@pryce.example>" not in texts
    assert "Subject: Re: Quote for bathroom" in texts and "From: Gareth Pryce <g@pryce.example>" in texts
    # a saved message's long fields folded onto indented lines, and fields of its servers
    folded = (
        "Received: from mx.example by mail.example\n\tfor <h@example.co.uk>; Thu, 15 May 2025\n"
        "DKIM-Signature: v=1; a=rsa-sha256;\n d=pryce.example\n"
        + email.replace(
            "To: Helen <h@example.co.uk>\n", "To: Helen <h@example.co.uk>,\n  Jo <j@example.co.uk>\n"
        )
    )
    assert header_block(folded)[:2] == [
        "Received: from mx.example by mail.example",
        "DKIM-Signature: v=1; a=rsa-sha256;",
    ]
    folded_texts = [s.text for s in analyse(make_document(folded), words).sentences]
    assert not any("d=pryce.example" in t or "Received:" in t for t in folded_texts)
    assert any("Jo <j@example.co.uk>" in t for t in folded_texts)  # a reader's field, folded
    # fields alone, with no sender, recipient, subject or date, are no message's header
    assert header_block("Received: by mx.example\nX-Mailer: Foo\n\nHello") == []


def test_a_reply_s_quoted_message_is_its_sender_s_part():
    """A reply quotes the message it answers under "On …, Helen Marchetti <…> wrote:": that part is
    labelled with her name and the date, not with the reply's last part ("Terms")."""
    email = (
        "From: Gareth Pryce <g@pryce.example>\nSubject: Re: Quote\n\nHi Helen,\n\nThe quote is below.\n\n"
        "Terms\n-----\n1. A deposit of 25% is payable.\n\nCheers,\nGareth\n\n"
        "On Sun, 11 May 2025 at 20:15, Helen Marchetti <h@example.co.uk> wrote:\n"
        "> Hi Gareth,\n>\n> The basin has a slow leak under it.\n> Helen\n"
    )
    a = analyse(make_document(email), words)
    assert_spans_exact(a)
    label = "Helen Marchetti, Sun, 11 May 2025 at 20:15"
    assert [s.label for s in a.sections][-1] == label
    leak = next(s for s in a.sentences if "slow leak" in s.text)
    assert a.sections[leak.section_index].label == label
    # as Gmail writes it (no comma before the sender), as Outlook names a sender, wrapped over two
    # lines, or with a blank line before the quoted lines
    for attribution, expected in (
        (
            "On Mon, Jan 6, 2025 at 10:12 AM Helen Marchetti <h@x.com> wrote:",
            "Helen Marchetti, Mon, Jan 6, 2025 at 10:12 AM",
        ),
        (
            "On Sun, 11 May 2025 at 20:15, Bell, Marcus <m@x.com> wrote:",
            "Marcus Bell, Sun, 11 May 2025 at 20:15",
        ),
        ("On Sun, 11 May 2025 at 20:15, Helen Marchetti <\nh@example.co.uk> wrote:", label),
        ("On Sun, 11 May 2025 at 20:15, Helen Marchetti <h@example.co.uk> wrote:\n", label),
    ):
        other = email.replace(
            "On Sun, 11 May 2025 at 20:15, Helen Marchetti <h@example.co.uk> wrote:", attribution
        )
        assert [s.label for s in analyse(make_document(other), words).sections][-1] == expected, attribution
    # "wrote:" over lines that are not quoted is prose, not a heading
    prose = email.replace("\n> ", "\n").replace("\n>\n", "\n\n")
    assert "<h@example.co.uk> wrote:\nHi Gareth," in prose
    assert label not in [s.label for s in analyse(make_document(prose), words).sections]


THREAD = (
    "From: Hannah Okafor\nTo: Facilities Team\nSubject: Re: Office move\nDate: 12 March 2026\n\n"
    "Hi all,\n\nThe move is now scheduled for the weekend of 28 March.\n\nBest,\nHannah\n\n"
    "From: Marcus Bell <marcus@northgate.example>\nSent: 11 March 2026\nSubject: Re: Office move\n\n"
    "Hannah,\n\nEach team can collect up to ten crates.\n\nMarcus\n\n"
    "From: Facilities Team\nTo: All staff\nSubject: Office move\n\n"
    "Dear colleagues,\n\nWe are moving the design team to the third floor.\n\nFacilities Team\n"
)


def test_an_outlook_thread_names_its_senders_as_written_to_be_read():
    """Outlook writes "From: Bell, Marcus" and puts "-----Original Message-----" over the message a
    reply quotes: the label reads "Marcus Bell", his sign-off and the rule are no text."""
    thread = (
        "From: Bell, Marcus\nSent: 11 March 2026\nTo: Hannah\nSubject: Re: Move\n\nCrates are here.\n\n"
        'Marcus\n\n-----Original Message-----\nFrom: "Hannah Okafor" <h@x.org>\nSent: 10 March 2026\n'
        "Subject: Move\n\nWhere are the crates?\n\nThanks,\nHannah\n"
    )
    a = analyse(make_document(thread), words)
    assert_spans_exact(a)
    assert [s.label for s in a.sections] == ["Marcus Bell, 11 March 2026", "Hannah Okafor, 10 March 2026"]
    assert [s.text for s in a.sentences] == ["Crates are here.", "Where are the crates?"]
    # a sentence about a forwarded message is text, not a separator
    prose = thread.replace("Crates are here.", "I have attached the original message from the landlord.")
    assert "I have attached the original message from the landlord." in [
        s.text for s in analyse(make_document(prose), words).sentences
    ]


def test_a_saved_thread_s_messages_are_labelled_with_their_sender_and_date():
    """Each message of a saved thread is its own part, labelled "Marcus Bell, 11 March 2026":
    its header lines never stand as quotes ("Date: 12 March 2026" for "When is the move?"), nor do
    its greeting and its sign-off ("Facilities Team" for "Which teams are moving?")."""
    a = analyse(make_document(THREAD), words)
    assert [s.label for s in a.sections] == [
        "Hannah Okafor, 12 March 2026",
        "Marcus Bell, 11 March 2026",
        "Facilities Team",
    ]
    assert [(s.text, a.sections[s.section_index].label) for s in a.sentences] == [
        ("The move is now scheduled for the weekend of 28 March.", "Hannah Okafor, 12 March 2026"),
        ("Each team can collect up to ten crates.", "Marcus Bell, 11 March 2026"),
        ("We are moving the design team to the third floor.", "Facilities Team"),
    ]
    assert_spans_exact(a)
    # One email alone keeps its header as text and its subject as its title.
    single = analyse(make_document(THREAD.split("\n\nFrom: Marcus")[0] + "\n"), words)
    assert [s.label for s in single.sections] == [single.document.title]
    assert "Date: 12 March 2026" in [s.text for s in single.sentences]
    # A booking's "From: London Heathrow / To: Boston Logan" has no subject: no message header.
    flight = THREAD.replace("Re: Office move\n\nHi all,\n\n", "Trip\n\nMy flight:\n\n", 1).replace(
        "From: Marcus Bell <marcus@northgate.example>\nSent: 11 March 2026\nSubject: Re: Office move",
        "From: London Heathrow\nTo: Boston Logan\nDate: 14 May 2026",
    )
    labels = [s.label for s in analyse(make_document(flight), words).sections]
    assert not any(label.startswith("London Heathrow") for label in labels)
    # A memo's numbered part is no message: its short lines stay.
    memo = analyse(
        make_document("To: All staff\nFrom: HR\n\n1. Leave\n\nIn short,\n\nBook ahead.\n\nHR\n"), words
    )
    assert [s.text for s in memo.sentences][-3:] == ["In short,", "Book ahead.", "HR"]


def test_a_plain_title_underlined_with_a_rule_is_a_heading_and_the_rule_no_sentence():
    text = (
        "CLUB HANDBOOK\n=============\n\nWELCOME\n\nWelcome to the club.\n\n* * *\n\nFEES\n\nGBP 380 a year."
    )
    skip = boilerplate_spans(text)
    assert [text[s:e] for s, e in skip] == ["=============", "* * *"]
    assert [h.label for h in plain_text_headings(text, skip)] == ["CLUB HANDBOOK", "WELCOME", "FEES"]


def test_a_plain_heading_underlined_in_sentence_case_is_a_heading_a_table_s_header_is_not():
    """A cattery's terms underlined their parts ("Opening hours" over "-------------"): "Prices"
    was found, being one word, but "Opening hours", in sentence case, was not, and the opening
    times fell under the cattery's name. A line its writer underlined is a heading in any case;
    a plain-text table's header over its rule (columns set apart by blanks) and a sentence are
    not."""
    text = (
        "CATTERY TERMS\n=============\n\nOpening hours\n-------------\n\nBy appointment only.\n\n"
        "Day of the week     Opening times\n---------------------------------\n"
        "Monday              9am - 5pm\nTuesday             9am - 1pm\n\n"
        "We are closed on Christmas Day.\n--------------------------------\n\nPrices apply from May.\n"
    )
    skip = boilerplate_spans(text)
    assert [h.label for h in plain_text_headings(text, skip)] == ["CATTERY TERMS", "Opening hours"]
    # a fact underlined ("Total due £45.00"), or a line in lower case, is no heading
    for line in ("Total due £45.00", "the bake sale raised money"):
        fact = f"Invoice 2291\n\nWindow cleaning.\n\n{line}\n{'=' * len(line)}\nPlease pay by transfer.\n"
        assert line not in [h.label for h in plain_text_headings(fact, boilerplate_spans(fact))]


def test_plain_heading_needs_a_body():
    text = "Some text here.\n\nTrailing Heading\n\n"
    assert plain_text_headings(text, []) == []


def test_boilerplate_line_is_never_a_heading():
    text = "Body text here.\n\nRelated Articles\n\nMore body text.\n\nShare This Story\n\nEnd."
    spans = boilerplate_spans(text)
    assert [text[s:e] for s, e in spans] == ["Related Articles", "Share This Story"]
    assert plain_text_headings(text, spans) == []


@pytest.mark.parametrize(
    "line",
    [
        "Back to top",
        "  back to top button ",
        "Skip to main content",
        "This article is also available in: Deutsch",
        "Tags: politics, nato",
        "Advertisement",
        "© 2022 Example News",
        "All rights reserved.",
        "Share on Facebook",
        "Copyright © 2022 Example News",
        "Copyright 2021 Example News Inc.",
        "Previous post: Something else",
        "[1]: https://tickets.example/concert",  # a Markdown link's reference
        "  [box office]: <https://tickets.example>",
        "<!-- TODO: check the tea rota with Margaret -->",
        "<!--\nDon't publish the tea rota\nuntil Friday.\n-->",  # a comment over lines of its own
    ],
)
def test_boilerplate_patterns(line):
    text = f"A sentence.\n{line}\nAnother sentence."
    spans = boilerplate_spans(text)
    assert [text[s:e] for s, e in spans] == [line]


@pytest.mark.parametrize(
    "line",
    [
        "We will go back to top form next season.",
        "Share prices fell sharply on Monday.",
        "The advertisement was pulled after complaints.",
        "Read the full report before deciding.",
        "Share on the market fell to 12% in March.",
        "Copyright law differs between the two countries.",
        "[Note]: bring a coat, it gets cold.",  # no address: words
        "[Tip]: #1 rule is never leave bags unattended.",
        "[Contact]: mailto:box@example.org for refunds within 14 days.",
        "<!-- a note --> Doors open at 7pm.",  # a comment inside a line of text
        "Doors open at 7pm. <!-- a note -->",
    ],
)
def test_prose_is_not_boilerplate(line):
    assert boilerplate_spans(f"Intro.\n{line}\nOutro.") == []


def test_a_comment_ending_inside_a_line_swallows_no_text_after_it():
    text = "Intro.\n<!-- a --> Doors open at 7pm.\nBar closes at 11pm. <!-- b -->\nOutro."
    assert boilerplate_spans(text) == []
    # spans in order, a navigation line before a comment and after it; unclosed opens end the
    # search at once (no time spent per line)
    text = "Intro.\nBack to top\n<!-- a\nb -->\nAdvertisement\nOutro.\n" + "<!--\n" * 20000
    assert [text[a:b] for a, b in boilerplate_spans(text)] == [
        "Back to top",
        "<!-- a\nb -->",
        "Advertisement",
    ]
    # a line inside a comment that opens another is the same comment: one span
    assert boilerplate_spans("A\n<!-- a\n<!-- b\nc -->\nB") == [(2, 21)]


def test_boilerplate_mid_document_is_kept_out_of_passages():
    text = (
        "Sentence one is here. Sentence two is here.\n\nAdvertisement\n\n"
        "Sentence three is here. Sentence four is here.\n"
    )
    a = analyse(make_document(text), words, max_tokens=1000)
    assert_spans_exact(a)
    assert len(a.sentences) == 4
    assert all("Advertisement" not in p.text for p in a.passages)
    assert [len(p.sentence_starts) for p in a.passages] == [2, 2]


def test_section_with_only_navigation_is_dropped():
    text = "Main Title\n\nA body sentence. Another one.\n\nMore Stories\n\nBack to top\n"
    a = analyse(make_document(text), words)
    assert [s.label for s in a.sections] == ["Main Title"]
    assert [s.text for s in a.sentences] == ["A body sentence.", "Another one."]


def test_markdown_sections_follow_headings(tmp_path):
    md = (
        "Preamble before any heading. It has two sentences.\n\n"
        "# First Part\n\nFirst body. Still first.\n\n"
        "## Second Part\n\nSecond body.\n\n"
        "## Empty Part\n"
        "## Third Part ##\n\nThird body.\n"
    )
    p = tmp_path / "guide.md"
    p.write_text(md, encoding="utf-8")
    doc = load_document(p, "guide.md", 100_000)
    a = analyse(doc, words)
    assert_spans_exact(a)
    # text before the first heading is labelled with the title; the empty section is dropped
    assert [s.label for s in a.sections] == [doc.title, "First Part", "Second Part", "Third Part"]
    assert doc.title == "Preamble before any heading. It has two sentences."
    got = {s.label: [x.text for x in a.sentences if x.section_index == s.index] for s in a.sections}
    assert got["First Part"] == ["First body.", "Still first."]
    assert got["Second Part"] == ["Second body."]
    assert got["Third Part"] == ["Third body."]
    # heading lines never become sentences
    assert not any(x.text.startswith("#") for x in a.sentences)


def test_markdown_doc_starting_with_heading_has_no_title_section(tmp_path):
    p = tmp_path / "r.md"
    p.write_text("# Annual Review\n\nThe year went well.\n\n## Outlook\n\nNext year too.\n", encoding="utf-8")
    a = analyse(load_document(p, "r.md", 100_000), words)
    assert a.document.title == "Annual Review"
    assert [s.label for s in a.sections] == ["Annual Review", "Outlook"]


def test_markdown_hash_comment_in_code_is_not_a_section(tmp_path):
    p = tmp_path / "code.md"
    p.write_text(
        "# Setup\n\nRun this.\n\n```sh\n# install it\npip install x\n```\n\nThen go.\n", encoding="utf-8"
    )
    a = analyse(load_document(p, "code.md", 100_000), words)
    assert [s.label for s in a.sections] == ["Setup"]


def _md_sections(tmp_path, md: str) -> dict[str, list[str]]:
    p = tmp_path / "faq.md"
    p.write_text(md, encoding="utf-8")
    a = analyse(load_document(p, "faq.md", 100_000), words)
    assert_spans_exact(a)
    return {s.label: [x.text for x in a.sentences if x.section_index == s.index] for s in a.sections}


def test_a_markdown_faq_s_bold_question_heads_its_answer_named_with_its_section(tmp_path):
    got = _md_sections(
        tmp_path,
        "# Grants guide\n\nWe fund gardens.\n\n## Frequently asked questions\n\n"
        "**Can we apply if we received a grant last year?**\nYes, but not for the same project.\n\n"
        "__Can the grant pay for staff?__ Only for a project coordinator.\n\n"
        # in an FAQ, a bold line of its own heads its answer too; a lead-in ending in a colon does not
        "**My grant was paid late.**\nTell us within 30 days.\n\n"
        "**Please note:**\nWe reply within a week.\n\n"
        "## Contact\n\nWrite to us.\n",
    )
    assert got == {
        "Grants guide": ["We fund gardens."],
        # the answer is found by its question, which stays in view as its label, not as a quote
        "Frequently asked questions › Can we apply if we received a grant last year?": [
            "Yes, but not for the same project."
        ],
        "Frequently asked questions › Can the grant pay for staff?": ["Only for a project coordinator."],
        "Frequently asked questions › My grant was paid late.": [
            "Tell us within 30 days.",
            "**Please note:**\nWe reply within a week.",
        ],
        "Contact": ["Write to us."],
    }


def test_a_markdown_faq_s_questions_marked_q_in_bold_head_their_answers(tmp_path):
    """A car park's FAQ wrote "**Q:** How much does it cost to park?" over "**A:** Up to 1 hour…":
    only the mark is bold, so no question was found, and every answer was filed under its part
    alone. The question after a bold "Q:" heads the answer after a bold "A:"."""
    got = _md_sections(
        tmp_path,
        "# Car park FAQ\n\n## Tariffs\n\n**Q:** How much does it cost to park?\n\n"
        "**A:** Up to 1 hour costs £1.50.\n\n**Q.** Is parking free on Sundays?\n\n"
        "**Answer:** Only until 1pm.\n\n**Q3:** Can I pay by card?   \n\n**A3:** Yes.\n\n"
        "## Contact\n\n**Note:** Call us.\n\n**Q:**\n\n**A** Adult: £5.\n",
    )
    assert got == {
        "Tariffs › How much does it cost to park?": ["**A:** Up to 1 hour costs £1.50."],
        "Tariffs › Is parking free on Sundays?": ["**Answer:** Only until 1pm."],
        # a numbered mark too; the blanks after the question are no part of its label
        "Tariffs › Can I pay by card?": ["**A3:** Yes."],
        # a mark with no question after it heads nothing; a bold "A" alone is no answer's mark
        "Contact": ["**Note:** Call us.", "**Q:**", "**A** Adult: £5."],
    }


def test_markdown_headings_underlined_with_equals_or_dashes_head_their_parts(tmp_path):
    """A scout camp's instructions wrote its parts Markdown's other way ("Kit list" over "-----"),
    and none was found: the costs and the contacts fell under the last "###" heading before them.
    A one-line paragraph over a line of "=" or "-" is a heading; a rule under a blank line, a
    list's item or a table's row over a rule, and front matter's closing "---" are not."""
    got = _md_sections(
        tmp_path,
        "---\ntitle: Camp\n---\n\nSummer camp\n===========\n\nRead this.\n\n"
        "Cost and payment\n----------------\n\nThe cost is £245.\n\n---\n\n- Sleeping bag\n---\n\n"
        "| Day | Plan |\n|-----|------|\n| Sat | Hike |\n\nContacts\n---\nRing Skip on 07700 900123.\n"
        "  \n---\n---\n\nPlease pay by cheque.\n",
    )
    assert got == {
        "Summer camp": ["Read this."],
        "Cost and payment": ["The cost is £245.", "- Sleeping bag", "| Day | Plan |", "| Sat | Hike |"],
        "Contacts": ["Ring Skip on 07700 900123.", "Please pay by cheque."],
    }
    # front matter with a blank line in it underlines no heading; "=" heads at level 1, "-" at 2
    p = tmp_path / "camp.md"
    p.write_text("---\ntitle: Camp\n\nauthor: Jo Smith\n---\n\nCamp\n====\n\nKit\n---\n\nBring a torch.\n")
    assert [(h.label, h.level) for h in load_document(p, "camp.md", 100_000).headings] == [
        ("Camp", 1),
        ("Kit", 2),
    ]


def test_bold_text_that_is_no_faq_question_stays_text(tmp_path):
    got = _md_sections(
        tmp_path,
        "# Notes\n\n**Asked by Sam, 3 March 2026**\n\nMy loaf is sour.\n\n"
        "It rose, but **why is it sour?** I fed it.\n\n"  # bold inside a paragraph
        "**What about rye?**\n\n**And spelt?**\nBoth ferment fast.\n\n"  # a question with no answer under it
        "**What about oats?** Fine.\n\n**And barley?**\nGood.\n\n"  # two questions: an FAQ after all
        "```md\n**Is this code?**\nYes.\n```\n",
    )
    assert list(got) == ["Notes", "And spelt?", "What about oats?", "And barley?"]  # not named with the title
    assert got["Notes"][:2] == ["**Asked by Sam, 3 March 2026**", "My loaf is sour."]
    assert "It rose, but **why is it sour?**" in got["Notes"]
    assert "**What about rye?**" in got["Notes"]


def test_one_bold_question_or_bold_lines_outside_the_faq_stay_text(tmp_path):
    """An email's one bold request is emphasis, and so is a handbook's bold rule in a part before its
    FAQ: both must stay quotable. A question with emphasis inside is still one."""
    email = _md_sections(
        tmp_path, "Hi all,\n\n**Could everyone send me their timesheets by Thursday 5pm?**\nThanks,\nMaria\n"
    )
    assert any(x.startswith("**Could everyone send me their timesheets") for xs in email.values() for x in xs)
    handbook = _md_sections(
        tmp_path,
        "# Staff handbook\n\n## Hours\n\n**The office opens at 8am and closes at 6pm.**\n"
        "Core hours are 10am to 4pm.\n\n## FAQ\n\n**Can I work from home?**\nUp to two days a week.\n\n"
        "**Can I bring *my* dog?**\nNo.\n\n***Do you have lockers?***\nYes, on every floor.\n",
    )
    assert handbook["Hours"][0] == "**The office opens at 8am and closes at 6pm.**"
    assert handbook["FAQ › Can I bring my dog?"] == ["No."]
    assert handbook["FAQ › Do you have lockers?"] == ["Yes, on every floor."]


def test_text_before_first_heading_is_labelled_with_title():
    text = "My Report Title\n\nIntro text without heading. More intro.\n\nFindings\n\nThe findings text."
    doc = make_document(text)
    a = analyse(doc, words)
    assert [s.label for s in a.sections] == ["My Report Title", "Findings"]
    assert [s.text for s in a.sentences if s.section_index == 0] == [
        "Intro text without heading.",
        "More intro.",
    ]


def test_split_sections_with_given_headings():
    text = "Title\n\nIntro.\n\nH1\n\nBody one.\n\nH2\nH3\n\nBody three."
    doc = make_document(text)
    heads = [
        Heading(lbl, text.index(lbl + "\n"), text.index(lbl + "\n") + len(lbl)) for lbl in ("H1", "H2", "H3")
    ]
    secs = split_sections(doc, heads)
    assert [s.label for s in secs] == ["Title", "H1", "H3"]  # H2 is empty: dropped
    assert [s.index for s in secs] == [0, 1, 2]
    assert text[secs[1].start : secs[1].end].strip() == "Body one."


def test_document_without_headings_is_one_section():
    text = "just some lowercase text. nothing looks like a heading here.\n\nanother paragraph."
    a = analyse(make_document(text), words)
    assert len(a.sections) == 1
    assert a.sections[0].start == 0 and a.sections[0].end == len(text)


def test_a_long_numbered_heading_standing_alone_heads_its_part_but_a_loose_list_does_not():
    """A leaflet's "1. What Calmora is and what it is used for" (ten words) stands alone over its
    part; its line in the contents list above, one of several in a row, heads nothing (the list is
    under "What is in this leaflet", a heading that asks, over it)."""
    text = (
        "Patient leaflet\n\nWhat is in this leaflet\n1. What Calmora is and what it is used for\n"
        "2. How to take Calmora\n\n1. What Calmora is and what it is used for\n\n"
        "Calmora contains ibuprofen.\n\n2. How to take Calmora\n\nTake one tablet with water.\n"
    )
    labels = [s.label for s in analyse(make_document(text), words).sections]
    assert labels == [
        "Patient leaflet",
        "What is in this leaflet",
        "1. What Calmora is and what it is used for",
        "2. How to take Calmora",
    ]


def test_a_short_line_heads_the_sentences_right_under_it():
    """Leaflets and itineraries put a sub-heading right over its text ("Children", "Day 2 -
    Edinburgh to Inverness"): it labels that text and is no part of its first quote."""
    text = (
        "Your itinerary\n\nDay 1 - Edinburgh\nMeet your tour manager at the hotel at 4:00 p.m.\n\n"
        "Day 2 - Edinburgh to Inverness\nBoard the 9:30 a.m. train to Inverness, a journey of about "
        "three and a half hours.\n\nChildren\nCalmora is not suitable for children under 12 years of age.\n"
    )
    a = analyse(make_document(text), words)
    assert [s.label for s in a.sections] == [
        "Your itinerary",
        "Day 1 - Edinburgh",
        "Day 2 - Edinburgh to Inverness",
        "Children",
    ]
    assert a.sentences[-1].text == "Calmora is not suitable for children under 12 years of age."


def test_a_short_line_standing_alone_over_a_paragraph_heads_it_in_sentence_case_too():
    """A council tax leaflet (a PDF) heads its parts in sentence case, each line alone between blank
    lines: "Discounts and reductions", "Paying your bill". Only the first was read as a heading (title
    case), so the whole leaflet was filed under "What Council Tax pays for"."""
    text = (
        "Your Council Tax 2025/26\n\nThis leaflet explains your bill.\n\nWhat Council Tax pays for\n\n"
        "Council Tax helps pay for local services such as bins and libraries.\n\n"
        "Discounts and reductions\n\nIf you live alone, you can get a single person discount\nof 25% off your bill.\n\n"
        "Paying your bill\n\nYour bill is normally split into 10 monthly instalments.\n"
    )
    a = analyse(make_document(text), words)
    assert [s.label for s in a.sections][-3:] == [
        "What Council Tax pays for",
        "Discounts and reductions",
        "Paying your bill",
    ]


def test_a_short_line_heads_text_that_leads_into_a_table_below():
    """A school letter's "COST AND PAYMENT" over "…Payments can be made through ParentPay as
    follows:" (a table of instalments after a blank line) headed nothing: the text under it did
    not end as a sentence does, so the price was filed under the part before, heading and all."""
    text = (
        "Trip letter\n\nSTAFFING AND ROOMS\nThe trip will be led by Mr Hughes with three other staff.\n\n"
        "COST AND PAYMENT\nThe total cost is £285. This covers travel, accommodation and all meals.\n"
        "Payments can be made through ParentPay as\nfollows:\n\n"
        "    Deposit (with consent form)    £50    by Friday 7 February\n"
    )
    a = analyse(make_document(text), words)
    assert [s.label for s in a.sections] == ["Trip letter", "STAFFING AND ROOMS", "COST AND PAYMENT"]
    assert a.sentences[2].text == "The total cost is £285."


@pytest.mark.parametrize(
    "text",
    [
        # a hard-wrapped paragraph: its first line is as long as the rest
        "Minutes\n\nThe committee met on Tuesday evening in the\nVillage Hall to discuss the new car park and\n"
        "the hedges.\n",
        # an address: its lines end as no sentence does
        "Contact\n\nVerity Pharma Ltd\nFourteen Dock Road in Leeds\nLS10 1AB\n",
        # a speaker's turn is a field, not a body
        "Interview\n\nMargaret Ellison\nTOM: Can you tell me when you started at the mill?\n",
        # a sentence broken over two lines: its first line is no heading's case
        "Notice\n\nThe meeting will be chaired by\nMargaret Hughes and will start at 7pm in the hall.\n",
        "Help\n\nFor help please contact\nRuth Adeyemi, who answers within two working days.\n",
        # a letter's greeting without its comma
        "Letter\n\nDear Mr Smith\nThank you for your letter of 3 March. Please note the points below:\n",
        # a line with closing punctuation, and one over a list
        "Notes\n\nBring these, please,\nWalking boots and a waterproof jacket.\n\nPack\n- boots and a coat for rain.\n",
    ],
)
def test_a_line_over_wrapped_prose_an_address_or_a_turn_heads_nothing(text):
    labels = [h.label for h in plain_text_headings(text, [])]
    assert labels == [text.split("\n", 1)[0]]


DISCHARGE = (
    "Going Home\n\nPain relief\nTake paracetamol 1 g four times a day for the first week.\n\n"
    "Wound care\nKeep the dressing clean and dry for five days.\n\n"
    "When to get help\nCall the ward on 01632 960 718 if your knee becomes hot or red.\n\n"
    "The nurse will call you\nAnd ask how the wound is healing after the first week at home.\n"
)


def test_a_document_s_own_style_of_heading_heads_its_longer_lines_too():
    """A leaflet whose parts are headed "Pain relief" and "Wound care" heads "When to get help" so
    too (four words in sentence case, which alone read as a broken sentence): it used to open the
    first quote of its part. A line that ends on a small word is still a sentence broken in two."""
    labels = [h.label for h in plain_text_headings(DISCHARGE, [])]
    assert labels == [
        "Going Home",
        "Pain relief",
        "Wound care",
        "When to get help",
        "The nurse will call you",
    ]
    broken = DISCHARGE.replace("The nurse will call you\nAnd", "The nurse will call you to\nAsk")
    assert "The nurse will call you to" not in [h.label for h in plain_text_headings(broken, [])]
    # nor one that ends as a clause runs on: "Our new head teacher is" over "Mrs Anita Shah, who…"
    head = DISCHARGE.replace("The nurse will call you\nAnd", "Our new head teacher is\nMrs")
    assert "Our new head teacher is" not in [h.label for h in plain_text_headings(head, [])]
    alone = "Going Home\n\nGetting help after surgery\nCall the ward on 01632 960 718 if your knee becomes hot or red.\n"
    assert [h.label for h in plain_text_headings(alone, [])] == ["Going Home"]  # no style to follow
    # ... but a line that opens with a question word heads alone, as a news article's parts do
    asks = alone.replace("Getting help after surgery", "When to get help")
    assert [h.label for h in plain_text_headings(asks, [])] == ["Going Home", "When to get help"]


def test_a_short_line_over_a_list_heads_it_but_a_lead_in_with_a_colon_does_not():
    """A protocol's "Materials" over "- 3 strawberries" and "Method" over "1. Remove…" put all its
    parts under "Safety" before: a line over a list was never a heading. A lead-in that ends with a
    colon ("Do not take Calmora:") introduces the list only, not the paragraphs after it."""
    protocol = (
        "Strawberry DNA\n\nSafety\nWear safety glasses at all times, please.\n\n"
        "Materials\n- 3 strawberries\n- 10 ml washing-up liquid\n\n"
        "Method\n1. Remove the green leaves.\n2. Put the strawberries in the bag.\n"
    )
    assert [h.label for h in plain_text_headings(protocol, [])] == [
        "Strawberry DNA",
        "Safety",
        "Materials",
        "Method",
    ]
    leaflet = (
        "Leaflet\n\nDo not take Calmora:\n- if you are allergic\n- if you are pregnant\n\nTalk to your GP.\n"
    )
    assert [h.label for h in plain_text_headings(leaflet, [])] == ["Leaflet"]
    # nor a lead-in in sentence case: "Please bring" would label the paragraph after the list
    trip = "Trip\n\nPlease bring\n- wellies\n- a packed lunch\n\nChildren will be collected at 3:15 p.m.\n"
    assert [h.label for h in plain_text_headings(trip, [])] == ["Trip"]
    # ... but a heading in sentence case over a list is one, a question word too
    kit = "Info\n\nWhat to bring\n- a towel\n- a lock\n\nOpening times\n- Monday: 9 to 5\n- Sunday: closed\n"
    assert [h.label for h in plain_text_headings(kit, [])] == ["Info", "What to bring", "Opening times"]
    it = "Help\n\nIT Support\n- Call 4321\n- Email it@example.org\n"
    assert [h.label for h in plain_text_headings(it, [])] == ["Help", "IT Support"]
    # a title in capitals with a colon heads its list ("KEY FACTS: MIDDLE FURLONG" under a news
    # story); a field in capitals does not, nor a lead-in
    facts = "Story\n\nThe vote was close.\n\nKEY FACTS: MIDDLE FURLONG\n- Site: 11.6 hectares\n- Homes: 240\n"
    assert [h.label for h in plain_text_headings(facts, [])] == ["Story", "KEY FACTS: MIDDLE FURLONG"]
    for field in ("TEL: 01632 418 900", "NOTE:", "Key facts: the site", "SERVES: FOUR", "NOTE: NO REFUNDS"):
        assert field not in [
            h.label for h in plain_text_headings(facts.replace("KEY FACTS: MIDDLE FURLONG", field), [])
        ]


def test_a_short_line_over_price_list_rows_heads_them():
    """A bike scheme's "Pay as you go" over "Unlock fee ..... GBP 1.00" headed nothing, so its rows
    were filed under the clause before the price list, and "Passes and memberships" ran into the
    row under it (one without leaders) as one sentence."""
    prices = (
        "Terms\n\n7. Cancelling\n7.1 Members may cancel at any time in the app.\n\n"
        "Pay as you go\n  Unlock fee ..................... GBP 1.00\n  E-bike, per minute ............. GBP 0.18\n\n"
        "Passes and memberships\n  Day Pass (24 hours)  GBP 6.50\n  Annual Membership .............. GBP 110.00\n\n"
        "Concessions\n  Holders of an Access Card receive 50% off all memberships.\n"
    )
    assert [h.label for h in plain_text_headings(prices, [])] == [
        "Terms",
        "7. Cancelling",
        "Pay as you go",
        "Passes and memberships",
        "Concessions",
    ]
    # rows without a single leader are no price list: an address's lines stay text
    address = "Contact\n\nThe Old Forge\n  Mill Lane  Upton\n  Barset  BA1 2CD\n"
    assert [h.label for h in plain_text_headings(address, [])] == ["Contact"]


@pytest.mark.parametrize(
    ("line", "heads"),
    [
        ("PART B - PRICE LIST (all prices include VAT)", True),
        ("Opening Hours (summer)", True),
        ("4. Charges (incl. VAT)", True),
        ("Call 0330 555 0192 (7am-11pm)", False),  # a contact line, not a heading
        ("Saturday (10am-4pm)", False),  # a line of opening times: its hours must stay quotable
        ("Monday to Friday (9am-5pm)", False),
        ("Week 4 (4 days)", False),
        ("see the map (page 4)", False),
        # a numbered part's aside may be dated: minutes' "2. Minutes of the last meeting (14 January 2025)"
        ("2. Minutes of the last meeting (14 January 2025)", True),
        ("3. Pay 45 (£10)", False),
    ],
)
def test_a_heading_may_close_with_an_aside_in_brackets(line: str, heads: bool) -> None:
    assert looks_like_heading(line) is heads


def test_an_email_s_lines_in_capitals_head_its_parts():
    """A coordinator's email heads its parts in capitals ("HOW TO SIGN UP"); its greeting and
    signature, which stand alone too, head nothing."""
    email = (
        "From: Carol <carol@example.org>\nSubject: November rota\n\nHi everyone,\n\n"
        "Here's what you need to know.\n\nHOW TO SIGN UP\n\n1. Open the rota sheet.\n2. Type your name.\n\n"
        "IF YOU CAN'T MAKE IT\n\nText Dev on 07911 482 630.\n\nThanks,\n\nCarol\n"
    )
    labels = [h.label for h in plain_text_headings(email, [])]
    assert labels == ["HOW TO SIGN UP", "IF YOU CAN'T MAKE IT"]
    # a request in capitals is a sentence to quote ("Do I need to bring lunch?"), not a heading
    shouted = "From: Carol <carol@example.org>\n\nHi all,\n\nPLEASE BRING YOUR OWN LUNCH\n\nWe meet at 9.\n"
    assert plain_text_headings(shouted, []) == []


def test_a_subtitle_under_the_title_is_text_not_a_lost_label():
    """ "Ward 7, St Brannock's Hospital" between a leaflet's title and its first part headed nothing,
    so it was neither a label nor a quote: "Which ward was I on?" could not be answered."""
    text = "Going Home After Surgery\n\nWard 7, St Brannock's Hospital\n\n" + DISCHARGE.split("\n\n", 1)[1]
    a = analyse(make_document(text), words)
    assert a.sentences[0].text == "Ward 7, St Brannock's Hospital"
    assert a.sentences[0].section == "Going Home After Surgery"
    assert [s.label for s in a.sections][1:3] == ["Pain relief", "Wound care"]
    # A numbered part, or a part over parts, is no subtitle.
    handbook = (
        "Handbook\n\nSection 1 Working Hours\n\nCore hours\nCore hours run from ten until four each day.\n"
    )
    assert "Section 1 Working Hours" in [h.label for h in plain_text_headings(handbook, [])]
    # another empty heading further on ("Further Information" over "Useful Contacts") is no part
    # over parts like it
    later = text + "\nFurther Information\n\nUseful Contacts\nCall the ward on 01632 960 718 at any time.\n"
    assert analyse(make_document(later), words).sentences[0].text == "Ward 7, St Brannock's Hospital"
    novel = "The Keeper\n\nPart One\n\nChapter 1\n\nIt was dark.\n\nPart Two\n\nChapter 2\n\nMorning came.\n"
    assert "Part One" not in [s.text for s in analyse(make_document(novel), words).sentences]


def test_a_label_under_several_parts_is_named_with_its_part(tmp_path):
    """A changelog repeats "Fixed" under every release, a recipe file "Ingredients" under every
    recipe: the label alone would not say which. It is named with the heading it falls under,
    and so are the other labels of that level."""
    p = tmp_path / "CHANGELOG.md"
    p.write_text(
        "# Changelog\n\n## 3.2.0 - 2026-09-14\n\n### Fixed\n\n- Sync keeps files with spaces.\n\n"
        "## 3.1.0 - 2026-05-20\n\n### Fixed\n\n- No crash on an empty config.\n\n"
        "### Security\n\n- Archives cannot write outside their folder.\n",
        encoding="utf-8",
    )
    labels = [s.label for s in analyse(load_document(p, p.name, 100_000), words).sections]
    assert labels == [
        "3.2.0 - 2026-09-14 › Fixed",
        "3.1.0 - 2026-05-20 › Fixed",
        "3.1.0 - 2026-05-20 › Security",
    ]
    text = "Recipes\n\nSoup\n\nIngredients\n\nTwo leeks.\n\nCake\n\nIngredients\n\nThree eggs.\n\nNotes\n\nServe warm.\n"
    labels = [s.label for s in analyse(make_document(text), words).sections]
    assert labels == ["Soup › Ingredients", "Cake › Ingredients", "Notes"]


def test_a_loose_numbered_list_is_text_not_headings():
    """Items of a list written with blanks between them ("1. Preheat the oven", "2. Mix…") are
    steps to quote, not parts of the document."""
    text = (
        "Method\n\n1. Preheat the oven to 180 degrees\n\n2. Mix the flour and the sugar in a bowl\n\n"
        "3. Bake for 20 minutes\n\nServe warm with cream.\n"
    )
    assert [h.label for h in plain_text_headings(text, [])] == ["Method"]


def test_a_question_standing_alone_heads_its_answer():
    """An interview's "TOM: What was your first job?" or a plain FAQ's question heads the answer
    under it; a question inside a paragraph, or one in a list, heads nothing."""
    text = (
        "Interview with Margaret\n\nTOM: What was your first job?\n\nMARGARET: I was a bobbin girl.\n\n"
        "Why does it matter? Because the mill closed.\n\n- Is this a list?\n\nYes.\n"
    )
    assert [h.label for h in plain_text_headings(text, [])] == [
        "Interview with Margaret",
        "TOM: What was your first job?",
    ]
    # A written "Q: …?" heads the answer right under it, marked "A:" or not.
    faq = "Allotments\n\nQ: Can I keep chickens?\nA: Yes, up to six hens.\n\nQ: Is there water?\nThere are eight standpipes.\n"
    assert [h.label for h in plain_text_headings(faq, [])] == [
        "Allotments",
        "Q: Can I keep chickens?",
        "Q: Is there water?",
    ]
    # ... but a question over a line with no mark is prose.
    assert plain_text_headings("Notes\n\nWhy does it matter?\nBecause the mill closed.\n", []) == [
        Heading("Notes", 0, 5)
    ]


def test_a_transcript_s_question_after_its_time_code_heads_the_answer():
    """A podcast transcript stamps each turn: "[00:00:21] JUNE: So, Raj, when should people plant
    garlic?" heads Raj's answer as "TOM: …?" does in an interview; a turn that asks nothing does not."""
    text = (
        "The Allotment Hour\n\n[00:00:18] RAJ: Thanks, June.\n\n"
        "[00:00:21] JUNE: So, Raj, when should people plant garlic?\n\n"
        "[00:00:25] RAJ: Autumn is best, from October to December.\n\n"
        "(01:10) JUNE: When is it ready?\n\n(01:13) RAJ: When the lower leaves turn yellow.\n\n"
        # an agenda's time is no time code: its item stays quotable
        "10:30 Where next for local buses?\n\n11:15 Panel on trams.\n"
    )
    assert [h.label for h in plain_text_headings(text, [])] == [
        "The Allotment Hour",
        "[00:00:21] JUNE: So, Raj, when should people plant garlic?",
        "(01:10) JUNE: When is it ready?",
    ]


def test_a_label_is_never_named_with_the_document_s_title(tmp_path):
    """Two "Fees" straight under the page's title gain nothing from "Club Handbook ›", which
    names every part alike."""
    p = tmp_path / "handbook.md"
    p.write_text(
        "# Club Handbook\n\n## Fees\n\nSeniors pay £80.\n\n## Fees\n\nJuniors pay £40.\n", encoding="utf-8"
    )
    labels = [s.label for s in analyse(load_document(p, p.name, 100_000), words).sections]
    assert labels == ["Fees", "Fees"]


def test_a_news_article_s_byline_is_text_and_its_parts_that_ask_head_them() -> None:
    """A wire report's "By Hannah Ostrowski" under its title was taken for a part, which took the
    story's first paragraphs from under the title; a science article's parts headed "How the study
    worked" and "What the researchers found" (sentence case, four words) headed nothing."""
    article = (
        "TRADE TALKS: LEAKED PAPERS SHOW WIDE GAP\n\nBy Hannah Ostrowski\n\n"
        "Leaked papers show that the two sides remain far apart on dairy quotas.\n\n"
        "How the talks began\n\nThe dispute began in September 2023 over steel tariffs.\n\n"
        "What the papers show\n\nBoth sides want a deal before the deadline in April.\n"
    )
    assert [h.label for h in plain_text_headings(article, [])] == [
        "TRADE TALKS: LEAKED PAPERS SHOW WIDE GAP",
        "How the talks began",
        "What the papers show",
    ]
    # the same when the title is too long to be a heading line (the document's first line titles it)
    long_title = article.replace("WIDE GAP", "WIDE GAP ON DAIRY, STEEL AND CARS AHEAD OF THE APRIL DEADLINE")
    assert [h.label for h in plain_text_headings(long_title, [])] == [
        "How the talks began",
        "What the papers show",
    ]
    # a role after the name is a byline too
    with_role = article.replace("By Hannah Ostrowski", "By Hannah Ostrowski, Trade Correspondent")
    assert "By Hannah Ostrowski, Trade Correspondent" not in [
        h.label for h in plain_text_headings(with_role, [])
    ]
    # bylines as newsrooms write them: with a date, two names, a name in another alphabet
    for byline in ("By Hannah Ostrowski, 14 March 2024", "By Ana Ruiz and Tom Reed", "By Łukasz Nowak"):
        labels = [h.label for h in plain_text_headings(article.replace("By Hannah Ostrowski", byline), [])]
        assert byline not in labels and "How the talks began" in labels
    # under a title underlined with "=====" too
    underlined = article.replace("GAP\n\n", "GAP\n=====\n\n", 1)
    assert "By Hannah Ostrowski" not in [h.label for h in plain_text_headings(underlined, [])]
    # a newspaper's name over the date and the headline, then the byline: still no part
    paper = (
        "THE HARLOW VALE GAZETTE\nThursday 14 March 2024\n\nVillagers vow to fight 240-home estate\n\n"
        "By Rachel Penhallow, Local Democracy Reporter\n\nResidents have pledged to fight on.\n\n"
        "WHAT IS PLANNED\n\nThe plans are for 240 homes.\n"
    )
    assert [h.label for h in plain_text_headings(paper, [])] == ["WHAT IS PLANNED"]
    # but not when a paragraph of text comes between: the byline then heads what follows
    told = paper.replace("estate\n\n", "estate\n\nThe vote was close. It ran late.\n\n")
    assert "By Rachel Penhallow, Local Democracy Reporter" in [h.label for h in plain_text_headings(told, [])]
    # a question-word line that runs on as a clause is a sentence broken over two lines, not a heading
    minutes = (
        "Minutes\n\nWhen the meeting opened the chair said that\nMargaret Hughes had resigned last week.\n"
    )
    assert [h.label for h in plain_text_headings(minutes, [])] == ["Minutes"]
    # nor is a numbered item's first line that breaks off on a small word
    items = "Notes\n\n1. The government should ask the Office for Students and\nUniversities UK to publish data.\n"
    assert [h.label for h in plain_text_headings(items, [])] == ["Notes"]
    # a way to get somewhere is no one's name: "By Public Transport" heads its part, peers or not
    alone = (
        "How to Find Us\n\nBy Public Transport\n\nThe number 12 bus stops at the gate every ten minutes.\n\n"
        "Driving\n\nThere is a car park behind the hall with forty spaces.\n"
    )
    assert [h.label for h in plain_text_headings(alone, [])] == [
        "How to Find Us",
        "By Public Transport",
        "Driving",
    ]
    # "By Public Transport" over its text, with "By Car" after it, heads a part of a directions page
    directions = (
        "Getting Here\n\nBy Public Transport\n\nThe number 12 bus stops at the gate every ten minutes.\n\n"
        "By Car\n\nThere is a car park behind the hall with forty spaces.\n"
    )
    assert [h.label for h in plain_text_headings(directions, [])] == [
        "Getting Here",
        "By Public Transport",
        "By Car",
    ]


def test_a_line_with_a_phone_number_or_an_email_is_text_not_a_heading() -> None:
    """A gala's information sheet ends "CONTACT" over "Meet Secretary: David Okafor, 07700 900 418,
    meet@…": the line read as title case (numbers count as capitals) and became the last part's
    label, so the phone number it gives was no sentence to quote. A span of years is no phone."""
    sheet = (
        "GALA INFORMATION\n\nThe gala starts at 9am on Saturday in the main pool.\n\nCONTACT\n\n"
        "Meet Secretary: David Okafor, 07700 900 418, meet@tidewater.example\n\n"
        "We look forward to a great day of swimming!\n"
    )
    a = analyse(make_document(sheet), words)
    assert_spans_exact(a)
    by_text = {s.text: s.section for s in a.sentences}
    assert by_text["Meet Secretary: David Okafor, 07700 900 418, meet@tidewater.example"] == "CONTACT"
    assert by_text["We look forward to a great day of swimming!"] == "CONTACT"
    assert not looks_like_heading("Helpline 0800 123 4567") and not looks_like_heading("www.example.com")
    assert not looks_like_heading("Meet Secretary (meet@tidewater.example)")  # in brackets too
    assert not looks_like_heading("US Office (555) 123-4567")
    # years and sizes are no phone number
    for heading in (
        "Fees 2024 - 2025",
        "Term Dates 2024-2025 2025-2026",
        "Sizes 6-8 10-12 14-16",
        "Room 101",
    ):
        assert looks_like_heading(heading), heading


def test_a_long_line_opening_with_a_bar_is_read_in_linear_time() -> None:
    """A pipe table may leave out its last bar: a line of a megabyte that opens with "|" and ends
    with none is no table's row, read once."""
    text = "Prices\n\n| " + "a" * 1_000_000 + "\n| b |\n"
    assert [h.label for h in plain_text_headings(text, [])] == ["Prices"]


def test_a_short_line_over_a_table_s_rows_heads_them() -> None:
    """A price page heads each price list with a short line ("Single entry", "Ten-visit passes"):
    each list's rows are filed under it, so "| Junior | £72.00 |" says which pass it prices."""
    text = (
        "Prices\n\nAll prices include VAT and the induction.\n\nSingle entry\n\n| Adult | £12.50 |\n"
        "| Junior | £8.50 |\n\nTen-visit passes\n\n| Adult | £105.00 |\n| Junior | £72.00 |\n\n"
        "Passes are valid for 12 months.\n"
    )
    a = analyse(make_document(text, "prices.pdf"), words)
    junior = next(s for s in a.sentences if s.text == "| Junior | £72.00 |")
    assert a.sections[junior.section_index].label == "Ten-visit passes"
    assert [s.label for s in a.sections][-2:] == ["Single entry", "Ten-visit passes"]
    # a sentence over a table ("Please pay at the desk") is no heading of it
    lead = text.replace("Ten-visit passes\n\n", "Please pay at the desk before you climb\n\n")
    assert "Please pay at the desk before you climb" not in [
        s.label for s in analyse(make_document(lead, "prices.pdf"), words).sections
    ]


def test_a_title_in_capitals_with_a_subtitle_after_a_dash_heads_a_part() -> None:
    """A timetable heads its grids "MONDAY TO FRIDAY - towards Pennock Market" and "SATURDAY -
    Market day service": no title case, but titles in capitals that a dash subtitles, two or more
    in the document. One alone is a notice, a fact to quote ("CLOSED - back on Monday")."""
    grid = "0715   0905   1030"
    text = (
        f"MONDAY TO FRIDAY - towards Pennock Market\n\n{grid}\n{grid}\n\n"
        f"SATURDAY - Market day service\n\n{grid}\n{grid}\n"
    )
    labels = [h.label for h in plain_text_headings(text, [])]
    assert labels == ["MONDAY TO FRIDAY - towards Pennock Market", "SATURDAY - Market day service"]
    notice = "Lift notice\n\nCLOSED - back on Monday\n\nThe lift is being serviced this week.\n"
    assert "CLOSED - back on Monday" not in [h.label for h in plain_text_headings(notice, [])]
    assert not looks_like_heading("Please note - the office is closed on Monday and Tuesday next week")


def test_a_field_s_line_is_no_heading() -> None:
    """ "Juror number: JS 4471 2096" alone on its line is a field to quote, not a part's heading; a
    part's number before its colon, or a title in capitals dated after one, still heads."""
    assert not looks_like_heading("Juror number: JS 4471 2096")
    assert not looks_like_heading("Account Number: 12345678")
    assert looks_like_heading("Part 2: Fees and Charges")
    assert looks_like_heading("STRIKE: THURSDAY 17 OCTOBER")
    assert looks_like_heading("Term Dates: 2025-26")
    assert looks_like_heading("Chapter One: 1066 and All That")


_JOB_SHEET = """WORKSHOP JOB SHEET

CUSTOMER
  Name    : Ms Priya Raman
  Phone   : 07700 900 671

BIKE
  Colour      : Matt sage green

------------------------------------------------------------
PARTS                                  Qty   Each        £
------------------------------------------------------------
Chain, 9-speed ....................... 1   19.99    19.99
------------------------------------------------------------
                        SUBTOTAL ............... 230.02
                                                 ========
                        TOTAL ................. 230.02
                        Deposit paid 05/04 ...... 20.00
                        BALANCE DUE .............. 0.00

WARRANTY

Labour is guaranteed for 30 days.
"""


def test_a_job_sheet_s_blocks_and_ruled_tables_head_its_parts() -> None:
    """A plain-text job sheet labels its blocks in capitals over indented lines ("CUSTOMER" over
    "  Name : …") and names a ruled table by its head's first cell ("PARTS   Qty   Each   £"); its
    total's leader row is a fact to quote, never a heading ("TOTAL ....... 230.02" had labelled the
    payments under it and could not be quoted)."""
    doc = make_document(_JOB_SHEET, doc_id="job.txt")
    labels = [s.label for s in analyse(doc, words).sections]
    assert labels == ["CUSTOMER", "BIKE", "PARTS", "WARRANTY"]
    sentences = [s.text for s in analyse(make_document(_JOB_SHEET, doc_id="job.txt"), words).sentences]
    assert "TOTAL ................. 230.02" in sentences
    # one block alone is a name over an address, or a sum: no part of its own
    letter = (
        "Dear Sam,\n\nThanks for the visit.\n\nJOHN SMITH\n    Flat 2, 14 High Street\n    Leeds LS1 4AB\n"
    )
    assert "JOHN SMITH" not in [h.label for h in plain_text_headings(letter, [])]
    # a line in capitals over a line not indented under it is no block's label
    flush = _JOB_SHEET.replace("CUSTOMER\n  Name    :", "CUSTOMER\nName    :")
    assert "CUSTOMER" not in [
        s.label for s in analyse(make_document(flush, doc_id="job.txt"), words).sections
    ]


def test_a_quoted_message_s_headings_and_its_writer_head_its_parts() -> None:
    """A reply quotes the surgery's announcement, "> " before each line: its "On …, … wrote:" line
    (quoted in its turn) heads it with its sender, and its headings in capitals head its parts
    ("> CLINIC DATES"), as they would unquoted."""
    text = (
        "From: Ann <a@x.example>\nTo: Surgery <s@x.example>\nDate: 22 Sep 2025\nSubject: Re: Clinics\n\n"
        "Hello,\n\nCan I come on Saturday?\n\nAnn\n\n"
        "> On 18 Sep 2025, at 09:15, Brookfield Medical Practice <s@x.example> wrote:\n>\n"
        "> Our autumn vaccination programme is starting soon.\n>\n> CLINIC DATES\n>\n"
        "> * Saturday 4 October, 8.30am - 1.00pm\n> * Saturday 11 October, 8.30am - 1.00pm\n>\n"
        "> HOW TO BOOK\n>\n> Book online through the NHS App.\n"
    )
    analysis = analyse(make_document(text, doc_id="mail.txt"), words)
    labels = [s.label for s in analysis.sections]
    assert "Brookfield Medical Practice, 18 Sep 2025, at 09:15" in labels
    assert {"CLINIC DATES", "HOW TO BOOK"} <= set(labels)
    dates = [s.text for s in analysis.sentences if s.section == "CLINIC DATES"]
    assert dates == ["* Saturday 4 October, 8.30am - 1.00pm", "* Saturday 11 October, 8.30am - 1.00pm"]


def test_an_address_written_a_paragraph_a_line_is_lines_to_quote() -> None:
    """A Word letter writes the tenant's address a paragraph a line: each line stood alone and
    looked like a heading, so all but the postcode headed nothing and were lost from the sentences,
    and "EL3 6TB" labelled the whole letter. Three lone lines or more in a row are a block of lines
    (an address, a signature), and a code alone names no part; a title in capitals among such
    lines still heads."""
    letter = (
        "Our ref: RP/118407\n\nMr Daniel Okonjo\n\nFlat 9, Linnet Court\n\nSparrow Road\n\nEllesby\n\n"
        "EL3 6TB\n\nDear Mr Okonjo,\n\nWe will fix the fan on Tuesday.\n"
    )
    assert plain_text_headings(letter, []) == []
    notice = (
        "PRODUCT RECALL NOTICE\n\nHearthwell Glass Kettle, Model HK-2170\n\nIssued by Hearthwell Ltd, 14 November 2024\n\n"
        "IMPORTANT SAFETY INFORMATION - PLEASE READ\n\nWe are recalling the kettle.\n"
    )
    labels = [h.label for h in plain_text_headings(notice, [])]
    assert labels == ["PRODUCT RECALL NOTICE", "IMPORTANT SAFETY INFORMATION - PLEASE READ"]
    assert not looks_like_heading("EL3 6TB")


def test_a_ruled_table_s_header_row_names_columns_and_a_message_inside_heads_itself() -> None:
    """Round 44's tenants' repair log: "REPORTED REPAIRS", then a table whose header row stands
    between rules ("DATE   FLAT   PROBLEM   STATUS"). The header row was taken for a heading, so
    every repair was labelled "DATE" and the part's own heading was lost; and the chair's email
    under the emergency numbers was filed under them. The header row is the table's first line,
    the part is "REPORTED REPAIRS", and the message is headed by its subject, its sender's line
    kept as a quote."""
    rule = "-" * 60
    text = (
        "LAMBERT COURT REPAIR LOG\n\nThis log lists repairs reported to the landlord.\n\n"
        f"REPORTED REPAIRS\n{rule}\nDATE        FLAT   PROBLEM                        STATUS\n{rule}\n"
        "06/01/2025  A03    Bathroom extractor fan broken  Completed 20/01\n"
        "13/01/2025  Comm.  Block A lift out of service    Completed 17/01\n"
        f"{rule}\nComm. = communal area. Open items: 6.\n\n"
        "EMERGENCY NUMBERS\n-----------------\nGas emergency .............. 0800 111 999\n\n"
        f"{rule}\nFrom: Hazel Obi (Chair)\nTo: All residents\nSubject: Lifts and the March meeting\n\n"
        "Dear neighbours,\n\nThe Block B lift has failed three times since November.\n\nBest wishes,\nHazel\n"
    )
    analysis = analyse(make_document(text, doc_id="log.txt"), words)
    by_label: dict[str, list[str]] = {}
    for s in analysis.sentences:
        by_label.setdefault(s.section, []).append(s.text)
    assert "DATE" not in by_label
    assert by_label["REPORTED REPAIRS"][0].startswith("DATE        FLAT")
    assert "13/01/2025  Comm.  Block A lift out of service    Completed 17/01" in by_label["REPORTED REPAIRS"]
    assert "Comm. = communal area." in by_label["REPORTED REPAIRS"]
    assert by_label["EMERGENCY NUMBERS"] == ["Gas emergency .............. 0800 111 999"]
    message = by_label["Lifts and the March meeting"]
    assert message[0] == "From: Hazel Obi (Chair)"
    assert "The Block B lift has failed three times since November." in message
    # a heading of the writer's own right over the header names the message already
    memo = (
        "INTERNAL MEMO\n\nTo: All staff\nFrom: Colin Ashby\nDate: 4 March 2025\nSubject: Office move\n\n"
        "We are moving to a larger office this spring.\n"
    )
    assert [h.label for h in plain_text_headings("Staff notes\n\nRead this.\n\n" + memo, [])] == [
        "INTERNAL MEMO"
    ]


def test_a_title_in_capitals_right_over_a_table_heads_it() -> None:
    """A discharge letter sets "MEDICINES ON DISCHARGE" right over its table's header row, no blank
    line between: the title headed nothing (a heading stands over a blank line or a sentence), so
    the medicines were filed under the letter's opening. A few words in capitals over a line of
    three columns or more head it; a sentence over one does not."""
    head = "DRUG                DOSE       HOW OFTEN          STATUS"
    rows = "Amoxicillin         500 mg     Three times a day  NEW\nApixaban            5 mg       Twice a day        UNCHANGED\n"
    text = f"DISCHARGE LETTER\n\nYou were admitted on 2 May.\n\nMEDICINES ON DISCHARGE\n{head}\n{rows}"
    analysis = analyse(make_document(text, doc_id="letter.txt"), words)
    sections = {s.text: s.section for s in analysis.sentences}
    assert sections[head] == "MEDICINES ON DISCHARGE"
    assert sections["Apixaban            5 mg       Twice a day        UNCHANGED"] == "MEDICINES ON DISCHARGE"
    said = f"DISCHARGE LETTER\n\nYou were admitted on 2 May.\n\nTAKE THESE EVERY DAY.\n{head}\n{rows}"
    assert [h.label for h in plain_text_headings(said, [])] == ["DISCHARGE LETTER"]
    # nor a table's own header row of two columns in capitals over its rows
    two = f"DISCHARGE LETTER\n\nYou were admitted on 2 May.\n\nDRUG      WHEN\n{rows}"
    assert [h.label for h in plain_text_headings(two, [])] == ["DISCHARGE LETTER"]


def test_a_starred_notice_underlined_and_an_email_s_capitals_over_their_text_head_parts() -> None:
    """Round 43's veg box newsletter, an email: "*** DELIVERY DAY CHANGE – PLEASE READ ***" was
    underlined like its other headings but, opening with stars, headed nothing, so the change of
    delivery day was filed under the box's contents; and a school's email set "MEDICATION" right
    over its paragraph, which an email's rules did not let head. The stars set the title off and
    are no part of its label; a title in capitals right over its text heads in an email too."""
    text = (
        "Subject: Your box this week\nFrom: Furrow & Field <boxes@ff.example>\n\nHello Jenny,\n\n"
        "WHAT'S IN YOUR BOX\n------------------\n\n- New potatoes, 750g\n- Broad beans, 400g\n\n"
        "*** DELIVERY DAY CHANGE – PLEASE READ ***\n-----------------------------------------\n"
        "From 16 June, deliveries to EL4 will move from Thursday to Wednesday.\n\n"
        "MEDICATION\nAll medicines must be handed to Mrs Clarke on the morning of departure.\n"
    )
    analysis = analyse(make_document(text, doc_id="box.txt"), words)
    sections = {s.text: s.section for s in analysis.sentences}
    assert sections["From 16 June, deliveries to EL4 will move from Thursday to Wednesday."] == (
        "DELIVERY DAY CHANGE – PLEASE READ"
    )
    assert sections["All medicines must be handed to Mrs Clarke on the morning of departure."] == "MEDICATION"
    assert sections["- Broad beans, 400g"] == "WHAT'S IN YOUR BOX"


def test_a_header_row_over_column_rules_and_a_capitals_title_ending_in_a_colon() -> None:
    """Round 45's discharge letter: its medicines table's header row stands over rules drawn a
    column at a time ("------ ----- ------"), and was taken for the part's heading, so
    "MEDICATION ON DISCHARGE" headed nothing; and "WHEN TO GET HELP - CALL 111 IF:", boxed by
    rules as the other headings are, headed nothing for its colon, so the warning signs were filed
    under the follow-up appointments."""
    rule = "-" * 50
    text = (
        f"{rule}\nMEDICATION ON DISCHARGE\n{rule}\n"
        "DRUG          DOSE      HOW OFTEN          STATUS\n"
        "------------- --------- ------------------ ---------\n"
        "Amoxicillin   500 mg    Three times a day  NEW\n"
        "Apixaban      5 mg      Twice a day        UNCHANGED\n\n"
        f"{rule}\nFOLLOW-UP APPOINTMENTS\n{rule}\n* Chest X-ray on 17/06/2025 at 09:20\n\n"
        f"{rule}\nWHEN TO GET HELP - COME BACK OR CALL 111 IF:\n{rule}\n"
        " - you feel more breathless\n - you cough up blood\n"
    )
    analysis = analyse(make_document(text, doc_id="discharge.txt"), words)
    sections = {s.text: s.section for s in analysis.sentences}
    assert sections["Apixaban      5 mg      Twice a day        UNCHANGED"] == "MEDICATION ON DISCHARGE"
    assert "DRUG DOSE HOW OFTEN STATUS" not in {s.label for s in analysis.sections}
    assert sections["- you cough up blood"] == "WHEN TO GET HELP - COME BACK OR CALL 111 IF:"
    # a field's line underlined in sentence case still heads nothing
    heads = plain_text_headings("Notes\n\nPlease note:\n------------\nBring a towel.\n", [])
    assert [h.label for h in heads] == ["Notes"]


def test_review_of_round_44_s_rules() -> None:
    """What a review of the rules for round 44 found. Two messages inside a log are each headed by
    their subject, their senders kept as quotes; a ruled table's name in capitals over column names
    in capitals ("LABOUR   HOURS   RATE   TOTAL") names its part where no heading stands right
    over it; a header row with two-blank gaps under a title is no title over a table; and in an
    email a shouted sentence over its text ("BINS GO OUT ON TUESDAY NIGHT") stays a quote."""
    log = (
        "REPAIR LOG - BLOCK C\n\nThe lift was repaired on 3 March.\n\n"
        "From: Janet Hughes\nDate: 4 March 2026\nSubject: Lift repair\n\nThe lift motor was replaced.\n\n"
        "From: Tom Price\nDate: 6 March 2026\nSubject: Door entry panel\n\nThe supplier will visit on 12 March.\n"
    )
    sections = {s.text: s.section for s in analyse(make_document(log, doc_id="log.txt"), words).sentences}
    assert sections["From: Janet Hughes"] == "Lift repair"
    assert sections["The lift motor was replaced."] == "Lift repair"
    assert sections["From: Tom Price"] == "Door entry panel"
    assert sections["The supplier will visit on 12 March."] == "Door entry panel"
    rule = "-" * 37
    invoice = (
        "HILLSIDE GARAGE - INVOICE 1042\n\nCustomer: Ms P Raman\n\n"
        f"PARTS          QTY     EACH     TOTAL\n{rule}\nBrake pads     2       £20.00   £40.00\n\n"
        f"LABOUR         HOURS   RATE     TOTAL\n{rule}\nOil change     0.5     £60.00   £30.00\n"
    )
    sections = {s.text: s.section for s in analyse(make_document(invoice, doc_id="inv.txt"), words).sentences}
    assert sections["Oil change     0.5     £60.00   £30.00"] == "LABOUR"
    letter = "Dear Ms Raman,\n\nYour parts are listed below.\n\nITEM  QTY  PRICE\nBrake pads   2   £40.00\n"
    assert [h.label for h in plain_text_headings(letter, [])] == []
    mail = (
        "From: Jo Marsh <jo@example.com>\nTo: Residents\nSubject: Bins\n\nHi all,\n\n"
        "BINS GO OUT ON TUESDAY NIGHT\nThe council collects every bin on Wednesday morning from 6am, so put yours out.\n"
    )
    got = [s.text for s in analyse(make_document(mail, doc_id="bins.txt"), words).sentences]
    assert "BINS GO OUT ON TUESDAY NIGHT" in got


def test_a_title_in_capitals_over_fields_heads_them_and_a_column_word_names_no_part() -> None:
    """Round 46's heating engineer's invoice: "BANK DETAILS" over its "Sort code:" and "Account
    number:" lines headed nothing (fields are no text a heading stands over), so the bank details were
    filed under the payment terms; and its table's header row "DESCRIPTION   QTY   UNIT   AMOUNT"
    between rules named the part "DESCRIPTION", as "PARTS" names a job sheet's parts. A few words in
    capitals over two field lines or more head them; a column's word names no part."""
    rule = "-" * 60
    text = (
        "INVOICE\n\nInvoice no:      HW-2025-0417\n\n"
        f"{rule}\nDESCRIPTION                          QTY    UNIT     AMOUNT\n{rule}\n"
        "Gas valve                            1      each     164.40\n"
        "Magnetic filter clean                1      each      45.00\n\n"
        "PAYMENT TERMS\nPayment is due within 14 days of the invoice date, by bank transfer.\n\n"
        "BANK DETAILS\nSort code:       60-83-12\nAccount number:  31947725\n"
    )
    sections = {s.text: s.section for s in analyse(make_document(text, doc_id="inv.txt"), words).sentences}
    assert sections["Sort code:       60-83-12"] == "BANK DETAILS"
    assert sections["Gas valve                            1      each     164.40"] == "INVOICE"
    # a sentence in capitals over fields is no title: six words or more
    said = "Notes\n\nBANK TRANSFERS TAKE UP TO THREE DAYS\nDue date:  28 March\nAmount:  £40\n"
    assert "BANK TRANSFERS TAKE UP TO THREE DAYS" not in [h.label for h in plain_text_headings(said, [])]


def test_a_name_or_a_notice_in_capitals_over_fields_heads_nothing() -> None:
    """A review of the rule for "BANK DETAILS": a signature's name in capitals over its "Tel:" and
    "Mobile:" lines, and a notice over its reason and dates, became headings, lost as quotes, with
    the PS or the thanks after them filed under them. Only a title naming what a block holds
    ("DETAILS", "CONTACT", "HOURS") heads its fields."""
    letter = (
        "Dear Ms Raman,\n\nThank you for your order.\n\nKind regards,\n\n"
        "JOHN SMITH\nTel: 01632 960 418\nMobile: 07700 900 123\n\nPS the office is shut on Monday.\n"
    )
    assert plain_text_headings(letter, []) == []
    notice = "Residents\n\nThe works start soon.\n\nNO PARKING IN BAY 4\nReason: resurfacing\nDates: 3 to 5 March\n"
    assert "NO PARKING IN BAY 4" not in [h.label for h in plain_text_headings(notice, [])]
    # and a job sheet's "ITEMS" still names its ruled part
    rule = "-" * 40
    sheet = f"JOB 1042\n\nWork done on a Raleigh bike.\n\n{rule}\nITEMS             Qty   Each   £\n{rule}\nChain     1   19.99   19.99\n"
    sections = {s.text: s.section for s in analyse(make_document(sheet, doc_id="job.txt"), words).sentences}
    assert sections["Chain     1   19.99   19.99"] == "ITEMS"
